"""Document model → TEI P5, following TEI-PROFILE.md (the Office of the Historian's usage)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..model import Block, Document, Inline, Note, PageBreak, Ref, Text
from ..parse.dates import DAY_MONTH_YEAR, MONTH_DAY_YEAR, parse_date
from ..parse.pages import page_id

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
T = f"{{{TEI_NS}}}"


OPENER_KINDS = ("classification", "serial", "dateline", "received")


@dataclass
class Publication:
    """What the header says of the edition and the printed volume."""

    publisher: str
    year: str
    volume_title: str


def document_to_tei(doc: Document, pub: Publication) -> bytes:
    """The TEI file for one document, as UTF-8 bytes with an XML declaration."""
    ids = _IdRegistry()
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    root.set(XML_ID, ids.claim(f"{doc.volume_id}-{doc.doc_id}"))
    root.append(_header(doc, pub))
    text = etree.SubElement(root, T + "text")
    body = etree.SubElement(text, T + "body")
    div = etree.SubElement(body, T + "div", type="document")
    if doc.number:
        div.set("n", doc.number)
    div.set(XML_ID, ids.claim(doc.doc_id))
    if doc.source_note:
        note = etree.SubElement(div, T + "note", type="source", rend="inline")
        note.text = doc.source_note
    head = etree.SubElement(div, T + "head")
    _append_inline(head, doc.heading, ids)
    _body_blocks(div, doc.blocks, ids)
    _break_lines(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False)


BLOCK_CONTAINERS = {T + name for name in ("TEI", "teiHeader", "fileDesc", "titleStmt",
                                           "publicationStmt", "sourceDesc", "bibl",
                                           "profileDesc", "creation", "text", "body", "div",
                                           "list", "table", "row", "opener", "closer")}


def _break_lines(root: etree._Element) -> None:
    """A line per block, so that messages can name a line; mixed content is untouched."""
    for el in root.iter(*BLOCK_CONTAINERS):
        if el.tag in (T + "list", T + "row") and (el.text or "").strip():
            continue
        if len(el) and not (el.text or "").strip():
            el.text = "\n"
        for child in el:
            if not (child.tail or "").strip():
                child.tail = "\n"


class _IdRegistry:
    """Keeps xml:ids unique within a file: a repeated page number gets `-2`."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.last: dict[str, int] = {}  # wanted → last suffix given: linear, not quadratic

    def claim(self, wanted: str) -> str:
        k = self.last.get(wanted, 1)
        candidate = wanted if k == 1 else f"{wanted}-{k}"
        while candidate in self.used:
            k += 1
            candidate = f"{wanted}-{k}"
        self.used.add(candidate)
        self.last[wanted] = k
        return candidate


def _header(doc: Document, pub: Publication) -> etree._Element:
    header = etree.Element(T + "teiHeader")
    file_desc = etree.SubElement(header, T + "fileDesc")
    title_stmt = etree.SubElement(file_desc, T + "titleStmt")
    etree.SubElement(title_stmt, T + "title", type="complete").text = doc.heading_text
    if doc.title != doc.heading_text:  # the heading prints the number: the title without it
        etree.SubElement(title_stmt, T + "title", type="short").text = doc.title
    pub_stmt = etree.SubElement(file_desc, T + "publicationStmt")
    etree.SubElement(pub_stmt, T + "publisher").text = pub.publisher
    if re.fullmatch(r"\d{4}", pub.year or ""):
        etree.SubElement(pub_stmt, T + "date", when=pub.year).text = pub.year
    for number in doc.file_numbers:
        etree.SubElement(pub_stmt, T + "idno", type="file-number").text = number
    if doc.number:
        etree.SubElement(pub_stmt, T + "idno", type="doc-number").text = doc.number
    source_desc = etree.SubElement(file_desc, T + "sourceDesc")
    bibl = etree.SubElement(source_desc, T + "bibl")
    etree.SubElement(bibl, T + "title").text = pub.volume_title
    pages = page_range(doc)
    if pages:
        first, last = pages
        scope = etree.SubElement(bibl, T + "biblScope", unit="page")
        scope.set("from", first)
        scope.set("to", last)
        scope.text = first if first == last else f"{first}–{last}"
    if doc.number_line:
        # the printed `No. 1234` line: the document's place in the volume, kept as printed
        place = etree.SubElement(bibl, T + "biblScope", unit="document")
        if doc.number:
            place.set("n", doc.number)
        place.text = doc.number_line
    etree.SubElement(bibl, T + "idno", type="source-file").text = doc.source_name
    if doc.date:
        profile = etree.SubElement(header, T + "profileDesc")
        creation = etree.SubElement(profile, T + "creation")
        date = etree.SubElement(creation, T + "date", when=doc.date.when)
        if doc.date.evidence == "dateline":
            date.set("evidence", "internal")
            date.set("cert", "high")
            date.set("type", "dateline")
        else:
            date.set("evidence", "conjecture")
            date.set("cert", "medium")
            date.set("type", "file-number")
    return header


def page_range(doc: Document) -> tuple[str, str] | None:
    """First and last printed page, when the text shows a page break."""
    numbers = [pb.n for pb in doc.page_breaks() if pb.n.isdigit()]
    if not numbers:
        return None
    first = numbers[0]
    starts_on_break = _starts_with_page_break(doc)
    if not starts_on_break and int(first) > 1:
        first = str(int(first) - 1)
    return first, numbers[-1]


def _starts_with_page_break(doc: Document) -> bool:
    for item in doc.heading:
        if isinstance(item, PageBreak):
            return True
        if isinstance(item, Text) and item.text.strip():
            return False
    return False


def _body_blocks(div: etree._Element, blocks: list[Block], ids: _IdRegistry) -> None:
    opener = None
    closer = None
    container_stack: list[tuple[int, etree._Element]] = []  # open lists by level
    table = None
    wrote_any = False
    for block in blocks:
        if block.kind != "item":
            container_stack = []
        if block.kind != "row":
            table = None
        if block.kind in OPENER_KINDS and closer is None:
            if opener is None or opener is not div[-1]:
                opener = etree.SubElement(div, T + "opener")
            if block.kind == "received" and len(opener) and opener[-1].tag == T + "dateline":
                dateline = opener[-1]
                etree.SubElement(dateline, T + "lb")
                _append_inline(dateline, block.content, ids)
            elif block.kind == "dateline":
                dateline = etree.SubElement(opener, T + "dateline")
                _append_inline(dateline, block.content, ids)
                _tag_date(dateline)
            else:
                seg = etree.SubElement(opener, T + "seg", type=block.kind)
                _append_inline(seg, block.content, ids)
            continue
        if _only_page_breaks(block):
            _append_inline_to_container(div, block.content, ids)
            continue
        wrote_any = True
        if block.kind in ("closer", "signed"):
            if closer is None:
                closer = etree.SubElement(div, T + "closer")
            el = etree.SubElement(closer, T + ("signed" if block.kind == "signed" else "salute"))
            _append_inline(el, block.content, ids)
        elif block.kind == "row":
            if table is None:
                table = etree.SubElement(div, T + "table")
            row = etree.SubElement(table, T + "row")
            for cell_content in block.cells or [[]]:
                cell = etree.SubElement(row, T + "cell")
                _append_inline(cell, cell_content, ids)
        elif block.kind == "item":
            item_parent = _list_for_level(div, container_stack, block)
            item = etree.SubElement(item_parent, T + "item")
            _append_inline(item, block.content, ids)
            container_stack.append((block.level, item))
        else:
            p = etree.SubElement(div, T + "p")
            _append_inline(p, block.content, ids)
    if not wrote_any:
        etree.SubElement(div, T + "p")


def _list_for_level(div: etree._Element, stack: list[tuple[int, etree._Element]],
                    block: Block) -> etree._Element:
    """The <list> an item at `block.level` goes in: nested lists sit inside their item."""
    while stack and stack[-1][0] > block.level:
        stack.pop()
    if stack and stack[-1][0] == block.level:
        item = stack.pop()[1]
        return item.getparent()
    rend = "bulleted" if block.label in ("•", "·", "▪", "◦", "‣") else "dashed"
    if stack:
        parent_item = stack[-1][1]
        return etree.SubElement(parent_item, T + "list", rend=rend)
    return etree.SubElement(div, T + "list", rend=rend)


def _only_page_breaks(block: Block) -> bool:
    if block.cells is not None:
        return False
    has_break = any(isinstance(x, PageBreak) for x in block.content)
    words = any(isinstance(x, (Text, Ref)) and x.text.strip() for x in block.content)
    notes = any(isinstance(x, Note) for x in block.content)
    return has_break and not words and not notes


def _append_inline_to_container(div: etree._Element, parts: list[Inline],
                                ids: _IdRegistry) -> None:
    for item in parts:
        if isinstance(item, PageBreak):
            _page_break(div, item, ids)


def _append_inline(parent: etree._Element, parts: list[Inline], ids: _IdRegistry) -> None:
    """Append text, notes, refs and page breaks to `parent` in order."""
    for item in parts:
        if isinstance(item, Text):
            _add_text(parent, item.text)
        elif isinstance(item, Ref):
            ref = etree.SubElement(parent, T + "ref")
            if item.target:
                ref.set("target", item.target)
            ref.text = item.text
        elif isinstance(item, PageBreak):
            _page_break(parent, item, ids)
        elif isinstance(item, Note):
            note = etree.SubElement(parent, T + "note")
            if item.n:
                note.set("n", item.n)
            note.set(XML_ID, ids.claim(item.xml_id))
            if len(item.paragraphs) == 1:
                _append_inline(note, item.paragraphs[0], ids)
            else:
                for para in item.paragraphs:
                    p = etree.SubElement(note, T + "p")
                    _append_inline(p, para, ids)
    _trim_edges(parent)


def _page_break(parent: etree._Element, pb: PageBreak, ids: _IdRegistry) -> None:
    el = etree.SubElement(parent, T + "pb", n=pb.n)
    el.set(XML_ID, ids.claim(page_id(pb.n)))


def _add_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _trim_edges(parent: etree._Element) -> None:
    """No white space at the very start or end of an element."""
    if parent.text:
        parent.text = parent.text.lstrip() or None
    if len(parent) and parent[-1].tail:
        parent[-1].tail = parent[-1].tail.rstrip() or None
    elif not len(parent) and parent.text:
        parent.text = parent.text.rstrip() or None


def _tag_date(dateline: etree._Element) -> None:
    """Wrap the date in a dateline in <date when="…"> where it sits in one text run."""
    for holder, attr in [(dateline, "text")] + [(c, "tail") for c in dateline]:
        text = getattr(holder, attr)
        if not text:
            continue
        for pattern in (MONTH_DAY_YEAR, DAY_MONTH_YEAR):
            m = pattern.search(text)
            if not m:
                continue
            when = parse_date(m.group(0))
            if not when:
                continue
            date = etree.Element(T + "date", when=when)
            date.text = m.group(0)
            date.tail = text[m.end():]
            setattr(holder, attr, text[: m.start()])
            if attr == "text":
                dateline.insert(0, date)
            else:
                dateline.insert(dateline.index(holder) + 1, date)
            return
