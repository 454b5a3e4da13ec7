"""Checking that a TEI file holds every character of its raw text (nothing lost or added).

The raw text's characters, less the page-break marks (`[Page N]`), must equal the TEI's
characters — text of the source note, heading, body and notes, plus each note's marker
(`@n`) — except for the apparatus of the footnote section and of lists: the list's `N.`
numbers, the backlink items' `-` and `↩` (at most one set per footnote), and the `-` or
bullet that opens a list line, and the `|` rules of pipe tables. A printed `No. 1234` line above the heading is kept in
the header (`biblScope[@unit="document"]`), where FRUS TEI keeps the document's number.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from edition.parse.pages import find_page_breaks

TEI = "{http://www.tei-c.org/ns/1.0}"
BULLETS = "•·▪◦‣-"


def _chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def tei_characters(tei: bytes) -> tuple[Counter, int, int]:
    """Characters of the TEI's text, the number of notes and of page breaks."""
    root = etree.fromstring(tei)
    text_el = root.find(f"{TEI}text")
    counted: Counter = Counter()
    notes = pbs = 0
    for el in root.iterfind(f".//{TEI}biblScope[@unit='document']"):
        counted.update(_chars(el.text or ""))  # the printed `No. 1234` line
    for el in text_el.iter():
        if el.text and isinstance(el.tag, str):
            counted.update(_chars(el.text))
        if el.tail and el is not text_el:
            counted.update(_chars(el.tail))
        if el.tag == f"{TEI}note" and el.get("type") != "source":
            counted.update(_chars(el.get("n") or ""))
            notes += 1
        if el.tag == f"{TEI}pb":
            pbs += 1
    return counted, notes, pbs


def missing_and_added(raw: str, tei: bytes) -> tuple[Counter, Counter, int, int]:
    """(raw characters missing from the TEI beyond the apparatus, characters added,
    page-break marks in the raw text, page breaks in the TEI)."""
    spans = find_page_breaks(raw)
    pieces, last = [], 0
    for start, end, _ in spans:  # one pass: a 50 MB text has thousands of page breaks
        pieces += [raw[last:start], " "]
        last = end
    stripped = "".join(pieces) + raw[last:]
    raw_chars = _chars(stripped)
    tei_chars, notes, pbs = tei_characters(tei)
    added = tei_chars - raw_chars
    lost = raw_chars - tei_chars
    apparatus = Counter({"↩": notes, ".": notes})
    for k in range(1, notes + 1):
        apparatus.update(_chars(str(k)))
    apparatus["|"] = raw_chars.get("|", 0)  # cell rules of pipe tables
    for line in stripped.split("\n"):
        first = line.lstrip()[:1]
        if first and first in BULLETS:
            apparatus[first] += 1
    lost -= apparatus
    return lost, added, len(spans), pbs
