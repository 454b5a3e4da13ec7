"""The lines before the body: source line, document number and heading.

Seen on real pages (notes/raw-format.md §2–3): a source line (`761.94/7–2145: Telegram`,
`File No. …`) or none; `No. 1234` (Potsdam volumes) after it, or `No. 142.` as the first
line (1870s); then the heading, which in modern volumes opens with the document number
(`46. Memorandum of a Conversation …`), and in hard-wrapped pages runs over several lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .filenumbers import MINUTES_DESIGNATION_RE, is_source_line
from .notes_section import Line
from .pages import find_page_breaks

NUMBER_LINE_RE = re.compile(r"^No\.\s*(?P<n>\d+[a-z]?)\.?$")
NUMBERED_HEADING_RE = re.compile(r"^(?P<n>\d+[a-z]?)\.\s+\S")
# a heading line that is cut off mid-phrase continues on the next line (hard-wrapped pages)
HEADING_CUT_RE = re.compile(r"(?:\b(?:to|the|of|in|and|at|Mr\.|Mrs\.|Sir|Lord|for)|,|\bto the)$")


@dataclass
class Header:
    source_line: Line | None
    number: str | None
    heading: list[Line]
    number_line: str | None = None  # `No. 1234` as printed above the heading
    leading: list[Line] = field(default_factory=list)  # page breaks before the heading
    # lines that belong to the source note: `CF–38` under `Paris Peace Conf. 180.03401/86`
    source_more: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    numbered_heading: bool = False  # the document's number was taken from the heading
    heading_number: str | None = None  # the number the heading opens with: `112. Memorandum …`


def split_header(lines: list[Line]) -> Header:
    """Take the source line, document number and heading off the top of the text."""
    i = 0
    leading: list[Line] = []

    def skip_blank_and_pages() -> None:
        nonlocal i
        while i < len(lines):
            text = lines[i].text.strip()
            if not text:
                i += 1
            elif _only_page_breaks(text):
                leading.append(lines[i])
                i += 1
            else:
                break

    skip_blank_and_pages()
    source = None
    source_more: list[Line] = []
    if i < len(lines) and is_source_line(lines[i].text):
        source = lines[i]
        i += 1
        skip_blank_and_pages()
        if i < len(lines) and MINUTES_DESIGNATION_RE.match(lines[i].text.strip()):
            source_more.append(lines[i])
            i += 1
            skip_blank_and_pages()
    number = number_line = None
    if i < len(lines):
        m = NUMBER_LINE_RE.match(lines[i].text.strip())
        if m:
            number, number_line = m.group("n"), lines[i].text.strip()
            i += 1
            skip_blank_and_pages()
    heading: list[Line] = []
    numbered = False
    heading_number = None
    if i < len(lines):
        heading.append(lines[i])
        first = lines[i].text.strip()
        m = NUMBERED_HEADING_RE.match(first)
        heading_number = m.group("n") if m else None
        if m and source is None and number is None:
            number, numbered = m.group("n"), True
        i += 1
        # a heading cut off mid-phrase (hard-wrapped pages) continues on the next line
        while (i < len(lines) and lines[i].text.strip() and len(heading) < 4
               and not NUMBER_LINE_RE.match(lines[i].text.strip().rstrip("]"))
               and (HEADING_CUT_RE.search(heading[-1].text.strip())
                    or re.match(r"^(to |\()", lines[i].text.strip()))):
            heading.append(lines[i])
            i += 1
    return Header(source, number, heading, number_line, leading, source_more, lines[i:],
                  numbered, heading_number)


def _only_page_breaks(text: str) -> bool:
    spans = find_page_breaks(text)
    if not spans:
        return False
    rest = text
    for start, end, _ in reversed(spans):
        rest = rest[:start] + rest[end:]
    return not rest.strip()
