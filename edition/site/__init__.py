"""The reading site: TEI files → static HTML, indexes, citations and a search index.

`build_site` is the entry point the pipeline calls once the TEI is written. It runs in
two phases, as Pelican's generators do: read every document first (so links, page lists
and indexes can be resolved across the edition), then write every page.
"""

from __future__ import annotations

from pathlib import Path

from ..config import EditionConfig, VolumeConfig
from ..model import Message
from . import urls
from .catalog import Catalog
from .pages import write_site
from .read import SiteDoc, read_tei
from .search import build_search_index

__all__ = ["build_site"]


def read_documents(volumes: list[VolumeConfig], tei_files: list[Path]
                   ) -> tuple[list[SiteDoc], list[Message]]:
    """Read every TEI file whose folder names a known volume (`tei/<volume>/<doc>.xml`)."""
    known = {v.id for v in volumes}
    docs: list[SiteDoc] = []
    messages: list[Message] = []
    seen: dict[tuple[str, str], Path] = {}
    for path in tei_files:
        volume_id = path.parent.name
        if volume_id not in known:
            messages.append(Message("warning", str(path), None,
                                    f"folder `{volume_id}` is not a volume of the edition; "
                                    "document left out of the site"))
            continue
        doc, found = read_tei(path, volume_id)
        messages += found
        if doc is None:
            continue
        key = (doc.volume_id, doc.doc_id)
        if key in seen:
            messages.append(Message("error", str(path), None,
                                    f"document id `{doc.doc_id}` is also used by {seen[key]}; "
                                    "this one is left out of the site"))
            continue
        seen[key] = path
        docs.append(doc)
    return docs, messages


def check_volumes(volumes: list[VolumeConfig]) -> tuple[list[VolumeConfig], list[Message]]:
    """Volumes whose ids are safe in a path and do not clash with the site's own pages."""
    kept: list[VolumeConfig] = []
    messages: list[Message] = []
    for volume in volumes:
        try:
            urls.check_segment(volume.id)
        except urls.UnsafeId as exc:
            messages.append(Message("error", volume.id, None, f"{exc}; volume left out"))
            continue
        if volume.id in urls.RESERVED or any(v.id == volume.id for v in kept):
            messages.append(Message("error", volume.id, None,
                                    f"volume id `{volume.id}` is used twice or by the site "
                                    "itself; volume left out"))
            continue
        kept.append(volume)
    return kept, messages


def build_site(config: EditionConfig, volumes: list[VolumeConfig], tei_files: list[Path],
               sources: Path, out: Path) -> list[Message]:
    """Write the whole reading site into `out` (which already holds `out/tei/`)."""
    volumes, messages = check_volumes(volumes)
    docs, found = read_documents(volumes, tei_files)
    messages += found
    catalog = Catalog(volumes, docs)
    messages += write_site(config, catalog, sources, out)
    messages += build_search_index(out, {v.id: len(v.docs) for v in catalog.volumes})
    return messages
