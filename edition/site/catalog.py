"""The whole edition as the site sees it: volumes, their documents, pages and links.

Built once after every TEI file is read; cross-references resolve against it, and the
indexes and page lists are drawn from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config import VolumeConfig
from . import urls
from .read import SiteDoc, sort_key

_TARGET_RE = re.compile(r"^(?P<volume>[A-Za-z][A-Za-z0-9_.\-]*)?#(?P<frag>[A-Za-z][\w.\-]*)$")


@dataclass
class PageHit:
    """A document on a printed page: `anchor` is set when a `[Page N]` marker begins it there."""

    doc: SiteDoc
    anchor: str | None


@dataclass
class Volume:
    """A volume with its documents in reading order and its printed pages."""
    config: VolumeConfig
    docs: list[SiteDoc] = field(default_factory=list)
    pages: dict[str, list[PageHit]] = field(default_factory=dict)  # in page order
    search_bundle: str = "pagefind/"  # its Pagefind bundle (`search.search_bundles`)

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def title(self) -> str:
        if self.config.title and self.config.title != self.config.id:
            return self.config.title
        return next((d.volume_title for d in self.docs if d.volume_title), self.config.title)


class Catalog:
    """Documents by volume in reading order, with page and link lookups."""

    def __init__(self, volumes: list[VolumeConfig], docs: list[SiteDoc]) -> None:
        self.volumes: list[Volume] = [Volume(v) for v in volumes]
        self.by_volume: dict[str, Volume] = {v.id: v for v in self.volumes}
        self.by_id: dict[tuple[str, str], SiteDoc] = {}
        for doc in docs:
            volume = self.by_volume.get(doc.volume_id)
            if volume is not None and (doc.volume_id, doc.doc_id) not in self.by_id:
                volume.docs.append(doc)
                self.by_id[(doc.volume_id, doc.doc_id)] = doc
        self._position: dict[tuple[str, str], int] = {}
        for volume in self.volumes:
            volume.docs.sort(key=sort_key)
            for i, doc in enumerate(volume.docs):
                self._position[(doc.volume_id, doc.doc_id)] = i
            pages: dict[str, list[PageHit]] = {}
            for doc in volume.docs:
                for n in doc.pages():
                    anchor = urls.page_anchor(n) if n in doc.page_breaks else None
                    pages.setdefault(n, []).append(PageHit(doc, anchor))
            volume.pages = dict(sorted(pages.items(), key=lambda kv: _page_key(kv[0])))

    def all_docs(self) -> list[SiteDoc]:
        """Every document, volume by volume, in reading order."""
        return [doc for volume in self.volumes for doc in volume.docs]

    def neighbours(self, doc: SiteDoc) -> tuple[SiteDoc | None, SiteDoc | None]:
        """The previous and next document in the volume's reading order."""
        docs = self.by_volume[doc.volume_id].docs
        i = self._position[(doc.volume_id, doc.doc_id)]
        return (docs[i - 1] if i > 0 else None, docs[i + 1] if i + 1 < len(docs) else None)

    def page_target(self, volume_id: str, n: str) -> str | None:
        """Where a reference to printed page `n` goes: the document holding that page."""
        volume = self.by_volume.get(volume_id)
        hits = volume.pages.get(n) if volume else None
        if not hits:
            return None
        marked = next((h for h in hits if h.anchor), None)
        if marked:
            return f"{marked.doc.url}#{marked.anchor}"
        return hits[0].doc.url

    def resolve(self, target: str, volume_id: str) -> str | None:
        """The site path a `ref/@target` points to, or None when it is not in the edition."""
        m = _TARGET_RE.match(target.strip())
        if not m:
            return None
        vol = m.group("volume") or volume_id
        frag = m.group("frag")
        if frag.startswith("pg_"):
            return self.page_target(vol, frag[3:])
        doc = self.by_id.get((vol, frag))
        return doc.url if doc else None


def _page_key(n: str) -> tuple:
    """Roman front matter first, then numbered pages in order."""
    return (1, int(n), n) if n.isdigit() else (0, 0, n)
