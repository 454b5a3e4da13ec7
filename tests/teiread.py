"""What a reader takes from one document's TEI: the words of heading and body, each note
and page break with where it stands, and the metadata (TEI-PROFILE.md, "What counts as
the text"). Two TEI files that read the same here say the same thing.

The place of a note or page break is its zone (`head` or `body`) and the number of words
of that zone before it; words are the white-space separated pieces of the zone's text with
every `note` and `pb` taken out, as in the fixtures' gold files (tests/fixtures/corpus).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

NS = {"t": "http://www.tei-c.org/ns/1.0"}
NOTE, PB = f"{{{NS['t']}}}note", f"{{{NS['t']}}}pb"
# elements whose text stands apart from the text around them (a word never runs across)
APART = {f"{{{NS['t']}}}{name}" for name in (
    "p", "item", "label", "list", "table", "row", "cell", "lb", "quote", "opener", "closer",
    "dateline", "signed", "salute", "postscript", "head", "ab", "seg", "l", "lg")}


@dataclass
class Reading:
    head_words: list[str] = field(default_factory=list)
    body_words: list[str] = field(default_factory=list)
    notes: list[tuple[str, str, int, str]] = field(default_factory=list)  # n, zone, word, text
    page_breaks: list[tuple[str, str, int]] = field(default_factory=list)  # n, zone, word
    title: str = ""
    file_numbers: list[str] = field(default_factory=list)
    doc_number: str | None = None
    date: str | None = None


class _Zone:
    """The words of one zone read so far, the last piece kept open for a glued marker."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.text: list[str] = []

    def words_before(self) -> int:
        return len("".join(self.text).split())


def _words(el: etree._Element) -> str:
    """The words of `el` (a note's paragraphs apart), notes and page breaks in it left out."""
    zone = _Zone("")
    _walk(el, zone, Reading())
    return " ".join("".join(zone.text).split())


def _walk(el: etree._Element, zone: _Zone, reading: Reading) -> None:
    if el.text:
        zone.text.append(el.text)
    for child in el:
        if child.tag == NOTE and child.get("type") != "source":
            reading.notes.append((child.get("n") or "", zone.name, zone.words_before(),
                                  _words(child)))
        elif child.tag == PB:
            reading.page_breaks.append((child.get("n") or "", zone.name, zone.words_before()))
        elif child.tag != NOTE and isinstance(child.tag, str):
            apart = " " if child.tag in APART else ""
            zone.text.append(apart)
            _walk(child, zone, reading)
            zone.text.append(apart)
        if child.tail:
            zone.text.append(child.tail)


def read(tei: bytes) -> Reading:
    """The reading of a TEI document (the bytes the build writes)."""
    root = etree.fromstring(tei)
    reading = Reading()
    div = root.find(".//t:body/t:div", NS)
    head, body = _Zone("head"), _Zone("body")
    for child in div:
        if child.tag == NOTE and child.get("type") == "source":
            continue
        if child.tag == f"{{{NS['t']}}}head":
            _walk(child, head, reading)
        elif child.tag == NOTE:
            reading.notes.append((child.get("n") or "", "body", body.words_before(),
                                  _words(child)))
        elif child.tag == PB:
            reading.page_breaks.append((child.get("n") or "", "body", body.words_before()))
        else:
            _walk(child, body, reading)
            body.text.append(" ")
        if child.tail:
            body.text.append(child.tail)
    reading.head_words = "".join(head.text).split()
    reading.body_words = "".join(body.text).split()
    title = root.find(".//t:titleStmt/t:title", NS)
    reading.title = _words(title) if title is not None else ""
    reading.file_numbers = [_words(x) for x in root.findall(
        ".//t:publicationStmt/t:idno[@type='file-number']", NS)]
    number = root.find(".//t:publicationStmt/t:idno[@type='doc-number']", NS)
    reading.doc_number = _words(number) if number is not None else None
    date = root.find(".//t:profileDesc/t:creation/t:date[@when]", NS)
    reading.date = date.get("when") if date is not None else None
    return reading
