"""TEI file → `SiteDoc`, the page model of one document (metadata plus its TEI `div`).

Reading is the first of two phases: every document is read before any page is written,
so cross-references, page lists and indexes can be resolved across the whole edition.
Bad data yields a Message and the document is left out, never an exception.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from lxml import etree

from ..model import Message
from . import urls
from .identity import heading_without_number
from .people import genre_of, split_correspondents

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          collect_ids=False)  # a repeated id is reported, not fatal
_ISO_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class SiteDoc:
    """What the site knows of one document."""

    volume_id: str
    doc_id: str
    tei_path: Path
    div: etree._Element | None = None  # None once dropped; `text_div()` reads it again
    number: str | None = None
    heading: str = ""
    file_numbers: list[str] = field(default_factory=list)
    date: str | None = None  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    date_evidence: str | None = None
    source_note: str | None = None
    volume_title: str | None = None
    page_from: str | None = None
    page_to: str | None = None
    page_breaks: list[str] = field(default_factory=list)
    dateline: str | None = None
    genre: str = "document"
    sender: str | None = None
    recipient: str | None = None
    refs: list[str] = field(default_factory=list)  # every `ref/@target`
    note_ids: list[str] = field(default_factory=list)  # footnotes' ids: targets of `#d18fn3`
    tei_sha: str = ""  # digest of the TEI file's bytes: what the page's data derives from
    meta_sha: str = ""  # digest of the fields above: what lists of documents show of it

    def text_div(self) -> etree._Element:
        """The document's TEI `div`, read again from its file when it was dropped."""
        if self.div is None:
            root = etree.parse(str(self.tei_path), _PARSER).getroot()
            div = _document_div(root)
            if div is None:
                raise ValueError(f"{self.tei_path}: the TEI has no text/body/div any more")
            self.div = div
        return self.div

    def to_record(self) -> dict:
        """The document's metadata as JSON-ready data (no `div`, no path): the read cache."""
        return {name: getattr(self, name) for name in _RECORD_FIELDS}

    @classmethod
    def from_record(cls, record: dict, tei_path: Path) -> SiteDoc:
        """A SiteDoc from `to_record()` data, its `div` to be read when needed."""
        return cls(tei_path=tei_path, **{name: record[name] for name in _RECORD_FIELDS})

    @property
    def url(self) -> str:
        return urls.document(self.volume_id, self.doc_id)

    @property
    def label(self) -> str:
        """How a list names the document: its number, else its id."""
        return f"No. {self.number}" if self.number else self.doc_id

    @property
    def start_anchor(self) -> str | None:
        """The id the top of the document's page carries for the printed page it begins on
        (`pg_N`), when no `[Page N]` marker in its text stands for that page."""
        if self.page_from and self.page_from not in self.page_breaks:
            return urls.page_anchor(self.page_from)
        return None

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    @property
    def place(self) -> str | None:
        """Where it was sent from: the dateline's words before the first comma."""
        if not self.dateline or "," not in self.dateline:
            return None
        head = self.dateline.split(",", 1)[0].strip()
        return head if head and not any(c.isdigit() for c in head) else None

    def pages(self) -> list[str]:
        """The printed pages the document is on, in order (range and page breaks)."""
        found: list[str] = []
        if self.page_from:
            found.append(self.page_from)
        if (self.page_from and self.page_to and self.page_from.isdigit()
                and self.page_to.isdigit() and int(self.page_to) - int(self.page_from) < 500):
            found.extend(str(n) for n in range(int(self.page_from) + 1, int(self.page_to) + 1))
        for n in self.page_breaks:
            if n not in found:
                found.append(n)
        return found


def text_of(el: etree._Element | None, skip_notes: bool = True) -> str:
    """An element's words, footnotes and page breaks left out, white space collapsed."""
    if el is None:
        return ""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            local = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if isinstance(child.tag, str) and not (skip_notes and local in ("note", "pb")):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.xpath(path, namespaces=NS)
    return found[0] if found else None


def read_tei(path: Path, volume_id: str, data: bytes | None = None
             ) -> tuple[SiteDoc | None, list[Message]]:
    """Read one TEI file of volume `volume_id` (its folder name); `data`: its bytes, when
    the caller has read them already."""
    where = str(path)
    try:
        if data is None:
            root = etree.parse(str(path), _PARSER).getroot()
        else:
            root = etree.fromstring(data, _PARSER, base_url=where)
    except (OSError, etree.XMLSyntaxError) as exc:
        return None, [Message("error", where, getattr(exc, "lineno", None),
                              f"TEI not readable, document left out of the site: {exc}")]
    div = _document_div(root)
    if div is None:
        return None, [Message("error", where, None,
                              "no text/body/div in the TEI; document left out of the site")]
    doc_id = div.get(XML_ID) or path.stem
    try:
        urls.check_segment(doc_id)
        urls.check_segment(volume_id)
    except urls.UnsafeId as exc:
        return None, [Message("error", where, div.sourceline,
                              f"{exc}; document left out of the site")]
    messages: list[Message] = []
    doc = SiteDoc(volume_id=volume_id, doc_id=doc_id, tei_path=path, div=div)
    pub = "t:teiHeader/t:fileDesc/t:publicationStmt"
    doc.number = text_of(_first(root, f"{pub}/t:idno[@type='doc-number']")) or div.get("n")
    doc.file_numbers = [t for t in (text_of(x) for x in root.xpath(
        f"{pub}/t:idno[@type='file-number']", namespaces=NS)) if t]
    title = _first(root, "t:teiHeader/t:fileDesc/t:titleStmt/t:title[@type='complete']")
    head = _first(div, "t:head")
    doc.heading = heading_without_number(text_of(title) or text_of(head), doc.number) or doc.label
    bibl = _first(root, "t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl")
    if bibl is not None:
        doc.volume_title = text_of(_first(bibl, "t:title")) or None
        scope = _first(bibl, "t:biblScope[@unit='page']")
        if scope is not None:
            doc.page_from = _safe_page(scope.get("from"), where, messages)
            doc.page_to = _safe_page(scope.get("to"), where, messages) or doc.page_from
    created = _first(root, "t:teiHeader/t:profileDesc/t:creation/t:date[@when]")
    dateline = _first(div, ".//t:dateline")
    when = created.get("when") if created is not None else None
    if not when and dateline is not None:
        inner = _first(dateline, ".//t:date[@when]")
        when = inner.get("when") if inner is not None else None
    if when and _ISO_DATE_RE.match(when):
        doc.date = when
        doc.date_evidence = created.get("evidence") if created is not None else "dateline"
    elif when:
        messages.append(Message("warning", where, None,
                                f"date `{when}` is not an ISO date; the document is undated"))
    doc.dateline = text_of(dateline) or None
    source = _first(div, "t:note[@type='source']")
    doc.source_note = text_of(source) or None
    for pb in div.iter(f"{{{TEI_NS}}}pb"):
        n = _safe_page(pb.get("n"), where, messages)
        if n and n not in doc.page_breaks:
            doc.page_breaks.append(n)
    doc.genre = genre_of(doc.source_note, doc.heading)
    doc.sender, doc.recipient = split_correspondents(doc.heading)
    doc.refs = [t.strip() for t in (r.get("target") for r in div.iter(f"{{{TEI_NS}}}ref"))
                if t and t.strip()]
    doc.note_ids = [i for i in (n.get(XML_ID) for n in div.iter(f"{{{TEI_NS}}}note")) if i]
    doc.meta_sha = metadata_digest(doc)
    return doc, messages


def metadata_digest(doc: SiteDoc) -> str:
    """The digest of what a document's metadata says (not its text): pages that list
    documents — contents, indexes, printed pages, neighbours — depend on this alone, so
    an edit to a document's text remakes its own page and search index only."""
    record = doc.to_record()
    record.pop("tei_sha"), record.pop("meta_sha")
    record.pop("note_ids")  # what links into the text, not what lists show
    return hashlib.sha256(repr(sorted(record.items())).encode("utf-8")).hexdigest()[:32]


def _document_div(root: etree._Element) -> etree._Element | None:
    div = _first(root, "t:text/t:body/t:div[@type='document']")
    return div if div is not None else _first(root, "t:text/t:body/t:div")


def _safe_page(n: str | None, where: str, messages: list[Message]) -> str | None:
    if not n:
        return None
    try:
        return urls.check_page(n.strip())
    except urls.UnsafeId as exc:
        messages.append(Message("warning", where, None, f"{exc}; page ignored"))
        return None


_RECORD_FIELDS = tuple(f.name for f in fields(SiteDoc) if f.name not in ("div", "tei_path"))


def sort_key(doc: SiteDoc) -> tuple:
    """Reading order in a volume: by document number, unnumbered ones after, by id."""
    number = doc.number or ""
    digits = re.match(r"\d+", number)
    return (0 if digits else 1, int(digits.group()) if digits else 0, number, doc.doc_id)
