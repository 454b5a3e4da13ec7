"""What kind of block each body line is: paragraph, list item, table row, dateline …

Both renderings put one block on a line (blank lines between them in one, none in the
other). The first lines after the heading may be classification or tag lines
(`top secret`, `[Translation]`), a dateline and `[Received …]` lines; the last short
lines are the closing and the signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import looks_like_dateline, looks_like_place, parse_date
from .notes_section import Line
from .pages import PAGE_RE

CLASSIFICATIONS = {
    "top secret", "secret", "confidential", "restricted", "niact", "urgent", "priority",
    "very secret", "very urgent", "u.s. urgent", "us urgent", "immediate", "flash",
    "eyes only", "limited official use", "official use only", "strictly confidential",
    "personal and confidential", "personal and secret", "most secret", "plain", "exdis",
    "nodis", "limdis", "operational immediate", "routine", "strictly secret",
    "secret and personal", "personal", "for the president", "triple priority",
}
TAG_LINE_RE = re.compile(r"^\[(?:Translation|Paraphrase|Telegram|Extracts?|Excerpts?|"
                         r"Confidential|Untitled|Enclosure|Inclosure|Subenclosure|Memorandum)"
                         r"[^\]]{0,200}\]\.?$")
SERIAL_RE = re.compile(r"^(?:No\.|Nos\.|Circular No\.)\s*\d+[A-Za-z]?\]?\.?\]?$")
RECEIVED_RE = re.compile(r"^[\[(]Received\b.*[\])]\.?$")
DATELINE_TAIL_RE = re.compile(r"^(?:1[6-9]\d\d|20\d\d|\d{1,2}(?::\d\d)?\s?[ap]\.\s?m\.|noon|midnight|\.$)")
# the rest of a dateline's time on its own line: `p.m.`, `2145Z.`, `.`
TIME_TAIL_RE = re.compile(r"^(?:[ap]\.\s?m\.|noon|midnight|\d{3,4}Z|\d{4} local)?\.?$")
BULLET_RE = re.compile(r"^(?P<indent> *)(?P<label>[•·▪◦‣]|-)\s+(?=\S)")
CLOSING_RE = re.compile(
    r"^(?:I have the honou?r to be|I am,|I have,|I (?:have|am) \[etc\.\]|Believe me|"
    r"(?:Very )?(?:Respectfully|Sincerely|Faithfully|Cordially|Truly)"
    r"(?: and (?:sincerely|faithfully|truly|cordially|respectfully))? yours|"
    r"Very (?:truly|sincerely|respectfully) yours|Yours (?:very )?(?:truly|sincerely|faithfully)|"
    r"With (?:best|warm|kind)(?:est)? regards|Warm regards|For the (?:Secretary|Minister|"
    r"Ambassador|President)[^:]{0,60}:|Accept,? (?:Excellency|Sir)|"
    r"I avail myself).{0,200}$"
)
# a signer's rank and service on the line under the name (`Brigadier General, USA`)
SERVICE_RANK_RE = re.compile(
    r"^(?:(?:Brigadier|Major|Lieutenant) General|General|Colonel|Lieutenant Colonel|Major|"
    r"Captain|Commander|Rear Admiral|Vice Admiral|Admiral),?\s+US(?:A|N|AF|MC)\.?$")
SIGNATURE_RE = re.compile(r"^\[?[A-Z][A-Za-z.’'\-]*(?:\s+[A-Z][A-Za-z.’'\-]*){0,4}\.?\]?$")


@dataclass
class LineBlock:
    kind: str
    line: Line
    text: str  # the line's text, less a bullet label
    offset: int  # where `text` starts in the line
    label: str | None = None
    level: int = 0


def classify_lines(lines: list[Line], backlink_rendering: bool) -> list[LineBlock]:
    """One block per non-blank line, with its kind."""
    blocks: list[LineBlock] = []
    opening = True  # still among the lines that may open the document
    texts = [x.text.strip() for x in lines if x.text.strip()]
    for line in lines:
        raw = line.text.rstrip()
        text = raw.strip()
        if not text:
            continue
        position = len(blocks)
        following = texts[position + 1] if position + 1 < len(texts) else ""
        offset = len(raw) - len(raw.lstrip())
        lowered = text.lower().rstrip(".:")
        if opening and (lowered in CLASSIFICATIONS or _stacked_classification(lowered)
                        or TAG_LINE_RE.match(text)):
            blocks.append(LineBlock("classification", line, text, offset))
            continue
        if opening and SERIAL_RE.match(text):
            blocks.append(LineBlock("serial", line, text, offset))
            continue
        if opening and looks_like_place(text) and looks_like_dateline(following):
            blocks.append(LineBlock("dateline", line, text, offset))  # `Washington,` / `May 1`
            continue
        if (blocks and blocks[-1].kind == "dateline" and looks_like_place(blocks[-1].text)
                and looks_like_dateline(text)):
            blocks.append(LineBlock("received", line, text, offset))  # the date, continued
            continue
        if opening and looks_like_dateline(text):
            blocks.append(LineBlock("dateline", line, text, offset))
            continue
        if (blocks and blocks[-1].kind in ("dateline", "received")
                and (TIME_TAIL_RE.match(text)
                     or (not parse_date(" ".join(b.text for b in blocks[-3:]))
                         and DATELINE_TAIL_RE.match(text)))):
            # a dateline split over lines: `Managua, April 26,` / `1927—noon.`
            blocks.append(LineBlock("received", line, text, offset))
            continue
        if RECEIVED_RE.match(text) and (opening or (blocks and blocks[-1].kind in
                                                    ("dateline", "received"))):
            blocks.append(LineBlock("received", line, text, offset))
            continue
        opening = False
        if "\t" in raw.strip("\n") or " | " in text:
            blocks.append(LineBlock("row", line, raw[offset:], offset))
            continue
        m = BULLET_RE.match(raw)
        if m and (m.group("label") != "-" or backlink_rendering):
            label = m.group("label")
            level = max(0, len(m.group("indent")) - 2) // 2
            blocks.append(LineBlock("item", line, raw[m.end():], m.end(), label, level))
            continue
        blocks.append(LineBlock("p", line, text, offset))
    _mark_closing(blocks)
    return blocks


def _stacked_classification(lowered: str) -> bool:
    """`top secret   us urgent`: several classification words on one line."""
    parts = [p for p in re.split(r"\s{2,}|\u00a0+", lowered) if p]
    return len(parts) > 1 and all(p.strip() in CLASSIFICATIONS for p in parts)


def _is_signature(text: str) -> bool:
    return len(text) <= 40 and bool(SIGNATURE_RE.match(text) or SERVICE_RANK_RE.match(text))


def _page_break_only(text: str) -> bool:
    """A line that holds nothing but page-break marks."""
    return not PAGE_RE.sub("", text).strip()


def _mark_closing(blocks: list[LineBlock]) -> None:
    """The signature (a short name line at the end) and the closing phrases before it."""
    end = len(blocks)
    while end > 0 and blocks[end - 1].kind == "p" and _page_break_only(blocks[end - 1].text):
        end -= 1  # the page turned after the signature: `[Page 70]` is the last line
    while end > 0 and blocks[end - 1].kind in ("row",):
        return
    if end == 0:
        return
    last = blocks[end - 1]
    has_text_before = any(b.kind == "p" for b in blocks[: end - 1])
    if last.kind == "p" and has_text_before and _is_signature(last.text):
        last.kind = "signed"
        k = end - 2
        if (SERVICE_RANK_RE.match(last.text) and k > 0 and blocks[k].kind == "p"
                and _is_signature(blocks[k].text)):
            blocks[k].kind = "signed"  # `G` / `Brigadier General, USA`: name, then rank
            k -= 1
        while k >= 0 and blocks[k].kind == "p" and CLOSING_RE.match(blocks[k].text):
            blocks[k].kind = "closer"
            k -= 1
