"""The whole edition as the site sees it: volumes, their documents, pages and links.

Built once after every TEI file is read; cross-references resolve against it, and the
indexes and page lists are drawn from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import VolumeConfig
from ..model import Message
from . import urls
from .identity import volume_title
from .links import UNRESOLVED, Link, decide, split_target
from .read import SiteDoc, sort_key


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
        """volume.yaml's title, else the one the TEI names, else the FRUS catalogue's."""
        return volume_title(self.id, self.config.title, *(d.volume_title for d in self.docs))


class Catalog:
    """Documents by volume in reading order, with page and link lookups."""

    def __init__(self, volumes: list[VolumeConfig], docs: list[SiteDoc]) -> None:
        self.volumes: list[Volume] = [Volume(v) for v in volumes]
        self.by_volume: dict[str, Volume] = {v.id: v for v in self.volumes}
        self.by_id: dict[tuple[str, str], SiteDoc] = {}
        self.by_note: dict[tuple[str, str], SiteDoc] = {}
        for doc in docs:
            volume = self.by_volume.get(doc.volume_id)
            if volume is not None and (doc.volume_id, doc.doc_id) not in self.by_id:
                volume.docs.append(doc)
                self.by_id[(doc.volume_id, doc.doc_id)] = doc
                for note_id in doc.note_ids:
                    self.by_note.setdefault((doc.volume_id, note_id), doc)
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
        """Where a reference to printed page `n` goes: the `[Page N]` marker where the page
        begins inside a document, else the top of the document that begins on it, else the
        list of the documents on that page; None when the edition does not hold the page."""
        volume = self.by_volume.get(volume_id)
        hits = volume.pages.get(n) if volume else None
        if not hits:
            return None
        marked = next((h for h in hits if h.anchor), None)
        if marked:
            return f"{marked.doc.url}#{marked.anchor}"
        starts = next((h.doc for h in hits if h.doc.start_anchor == urls.page_anchor(n)), None)
        if starts:
            return f"{starts.url}#{starts.start_anchor}"
        return urls.page(volume_id, n)

    def resolve(self, target: str, volume_id: str) -> str | None:
        """The site path a `ref/@target` points to, or None when it is not in the edition."""
        parts = split_target(target)
        return self.find(parts[0] or volume_id, parts[1]) if parts else None

    def find(self, volume_id: str, fragment: str) -> str | None:
        """The site path of a place in the edition: a printed page, a document, a note."""
        if fragment.startswith("pg_"):
            return self.page_target(volume_id, fragment[3:])
        doc = self.by_id.get((volume_id, fragment))
        if doc:
            return doc.url
        doc = self.by_note.get((volume_id, fragment))
        return f"{doc.url}#{fragment}" if doc else None

    def link(self, target: str, volume_id: str) -> Link:
        """Where a `ref/@target` of a document in `volume_id` leads (`links.decide`)."""
        return decide(target, volume_id, self.find)

    def unresolved_references(self, raw_files: dict[tuple[str, str], str] | None = None
                              ) -> list[Message]:
        """A warning for each cross-reference that cannot be followed (for the report),
        naming the raw file a document came from (`raw_files`: (volume, doc) → path
        relative to the sources), else its TEI file."""
        found = []
        for doc in self.all_docs():
            for target in dict.fromkeys(doc.refs):
                link = self.link(target, doc.volume_id)
                if link.where == UNRESOLVED:
                    where = (raw_files or {}).get((doc.volume_id, doc.doc_id),
                                                  f"tei/{doc.volume_id}/{doc.tei_path.name}")
                    found.append(Message(
                        "warning", where, None,
                        f"cross-reference `{target}` cannot be followed: {link.problem}; "
                        "the page shows its words without a link"))
        return found


def _page_key(n: str) -> tuple:
    """Roman front matter first, then numbered pages in order."""
    return (1, int(n), n) if n.isdigit() else (0, 0, n)
