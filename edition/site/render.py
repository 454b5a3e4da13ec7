"""Jinja templates → files in the output folder.

The environment looks in the edition's own `templates/` folder first, then in the
project's; autoescape is on for every template. Each page gets `url(site_path)`, which
makes a link relative to the page being written, so the site works under any sub-path.
"""

from __future__ import annotations

import copy
import os
import shutil
import tomllib
from importlib import metadata
from pathlib import Path

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
)
from jinja2.bccache import Bucket

from ..config import EditionConfig
from ..project import PROJECT_ROOT, PROJECT_TEMPLATES, build_date
from ..publish import Kept
from . import urls
from .cite import human_date, json_for_script
from .errors import template_error
from .headers import CONTENT_SECURITY_POLICY

KEPT = "previous build (kept)"  # what `written` says of a file the published site keeps


def project_version() -> str:
    """The project's version: installed metadata, else the pyproject.toml next to the code."""
    try:
        return metadata.version("frus-edition")
    except metadata.PackageNotFoundError:
        pass
    pyproject = PROJECT_ROOT / "pyproject.toml"
    try:
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the life of the process: `serve` makes a new
    environment for every build, and compiling the templates again would cost a few tenths
    of a second each time. Jinja checks each entry against its template's source."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = MemoryBytecodeCache()


def make_environment(edition_templates: Path | None) -> Environment:
    """Jinja with the edition's templates before the project's; autoescape everywhere."""
    loaders = []
    if edition_templates is not None and edition_templates.is_dir():
        loaders.append(FileSystemLoader(str(edition_templates)))
    loaders.append(FileSystemLoader(str(PROJECT_TEMPLATES)))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      auto_reload=False,  # one build: no stat() per template per page
                      bytecode_cache=COMPILED)
    env.filters["human_date"] = human_date
    env.filters["json_script"] = json_for_script
    env.globals["content_security_policy"] = CONTENT_SECURITY_POLICY
    return env


class SiteWriter:
    """Writes pages into `out`, each path once, never outside `out`."""

    def __init__(self, config: EditionConfig, out: Path, edition_templates: Path | None,
                 common: dict) -> None:
        self.config = config
        self.out = out
        self.env = make_environment(edition_templates)
        self.edition_templates = edition_templates
        self.written: dict[str, str] = {}  # file → what made it
        self.kept: Kept | None = None  # set: reused files stay in the published site
        self._folders: set[str] = set()  # folders known to exist
        date = build_date()
        self.common = {"edition": config, "urls": urls, "build_date": date.isoformat(),
                       "version": project_version(), **common}

    def target(self, site_path: str) -> Path:
        """The file for `site_path`, refusing paths outside `out` and second writes."""
        path = urls.output_file(self.out, site_path)
        key = str(path)
        if key in self.written:
            raise ValueError(f"`{site_path}` would be written twice "
                             f"(first by {self.written[key]})")
        folder = os.path.dirname(key)
        if folder not in self._folders:
            try:
                os.mkdir(folder)  # one system call where the parent exists, as it mostly does
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return path

    def for_volume(self) -> SiteWriter:
        """A writer sharing this one's templates and context, with its own list of files
        (a worker writes one volume's folder; the folders of volumes do not overlap)."""
        clone = copy.copy(self)
        clone.written = {}
        clone._folders = set()
        return clone

    def reuse(self, site_paths: list[str]) -> bool:
        """Keep the files of `site_paths` as the published site has them (named in `kept`,
        not copied); False, with nothing recorded, when one of them is missing there."""
        assert self.kept is not None, "reuse needs the published site"
        rels = [urls.output_rel(p) for p in site_paths]  # plain strings: 80,000 of them
        published = self.kept.published
        if not all(rel in published for rel in rels):
            return False
        out = str(self.out)
        for site_path, rel in zip(site_paths, rels, strict=True):
            path = os.path.join(out, rel)
            if path in self.written:
                raise ValueError(f"`{site_path}` would be written twice "
                                 f"(first by {self.written[path]})")
            self.written[path] = KEPT
            self.kept.file(rel)
        return True

    def page(self, template: str, site_path: str, **context: object) -> Path:
        """Render `template` to the file of `site_path`."""
        def url(target: str) -> str:
            return urls.relative(site_path, target)

        def absolute(target: str) -> str:
            return urls.absolute(self.config.base_url, target)

        try:
            text = self.env.get_template(template).render(
                url=url, absolute=absolute, page_path=site_path, **self.common, **context)
        except TemplateError as exc:  # a broken template: stop, naming its file and line
            raise template_error(exc, template) from None
        return self.text(site_path, text, template)

    def text(self, site_path: str, text: str, made_by: str = "text") -> Path:
        """Write `text` as the file of `site_path`."""
        path = self.target(site_path)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        self.written[str(path)] = made_by
        return path

    def copy(self, site_path: str, source: Path) -> Path:
        """Copy `source` to the file of `site_path`."""
        path = self.target(site_path)
        shutil.copyfile(source, path)
        self.written[str(path)] = str(source.name)
        return path

    def link(self, site_path: str, source: Path) -> Path:
        """Give `source` (a file of this build) a second name; a copy where links fail."""
        path = self.target(site_path)
        try:
            os.link(source, path)
        except OSError:
            shutil.copyfile(source, path)
        self.written[str(path)] = str(source.name)
        return path

    def copy_static(self) -> None:
        """The project's static assets, then the edition's (same name: the edition's wins)."""
        folders = [PROJECT_TEMPLATES / "static"]
        if self.edition_templates is not None:
            folders.append(self.edition_templates / "static")
        chosen: dict[str, Path] = {}
        for folder in folders:
            if folder.is_dir():
                for file in sorted(folder.rglob("*")):
                    if file.is_file() and not file.is_symlink():
                        chosen[file.relative_to(folder).as_posix()] = file
        for name, file in chosen.items():
            self.copy(urls.static(name), file)
