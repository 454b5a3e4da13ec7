"""The build report: every finding of the build as a page for the editor (`report/`).

It lists what the command line printed — each problem with its file, line and what to
do — grouped by file. The page is not linked from the site's navigation, is kept out of
the search index and the sitemap, and asks search engines not to index it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import EditionConfig
from ..model import Message
from . import urls
from .catalog import Catalog
from .markdown import read_pages
from .render import SiteWriter


@dataclass
class FileFindings:
    """The findings about one file, in line order."""

    file: str
    messages: list[Message]

    @property
    def errors(self) -> int:
        return sum(m.level == "error" for m in self.messages)


def group_by_file(messages: list[Message]) -> list[FileFindings]:
    """Findings grouped by file (files with errors first, then by name), lines in order."""
    groups: dict[str, list[Message]] = {}
    for message in messages:
        groups.setdefault(message.file, []).append(message)
    found = [FileFindings(name, sorted(ms, key=lambda m: (m.line or 0)))
             for name, ms in groups.items()]
    return sorted(found, key=lambda g: (g.errors == 0, g.file))


def write_report(config: EditionConfig, catalog: Catalog, sources: Path, out: Path,
                 messages: list[Message]) -> Path:
    """Write `report/index.html` listing `messages`, through the `report.html` template."""
    editorial, _ = read_pages(sources / config.pages_dir)  # the nav, as on every page
    clash = {v.id for v in catalog.volumes}
    writer = SiteWriter(config, out, sources / config.templates_dir,
                        common={"volumes": catalog.volumes,
                                "editorial_pages": [p for p in editorial if p.slug not in clash]})
    errors = sum(m.level == "error" for m in messages)
    return writer.page("report.html", urls.report(), groups=group_by_file(messages),
                       errors=errors, warnings=len(messages) - errors)
