"""Hard-wrapped pages: old volumes whose text breaks every ~70 characters mid-sentence.

In both usual renderings a paragraph is one line, so a line break means a new block. In
the hard-wrapped variant (notes/raw-format.md §1.2) it does not: `I propose to address a`
/ `[Page 134]` / `letter` is one sentence. Such a text is recognised by its short lines
that mostly stop mid-sentence, and its lines are joined back into paragraphs.
"""

from __future__ import annotations

import re

from .blocks import CLOSING_RE, SIGNATURE_RE
from .dates import looks_like_dateline, parse_date
from .filenumbers import MINUTES_DESIGNATION_RE, is_source_line
from .notes_section import Line
from .pages import find_page_breaks

MIN_LINES = 8
LONG = 45  # a line this long that stops mid-sentence was wrapped
MAX_WIDTH = 100  # no line of a wrapped text is longer than this
SERIAL_LINE_RE = re.compile(r"^No\.\s*\d+[a-z]?\.?\]?\.?$")  # `No. 32.]` stands alone
ENDS_BLOCK = tuple(".:;?!\"”’)]—")
# a footnote marker glued after the closing punctuation (`suggestion.6`, `Supra.”12`, `once.*`)
TRAILING_MARKER_RE = re.compile(r"(?<=[.:;?!\"”’)\]])(?:\d{1,3}[a-z]?|\*)$")
MAX_CLOSING = 80
MAX_SIGNATURE = 40  # as blocks.py reads a signature
PLACE_FIRST_RE = re.compile(r"^\[?[A-Z][^\d,]{0,60},")  # `Buenos Aires,` before the date  # `I have the honor to be, sir, your obedient servant,` and the like
HEADER_LINES = 6  # where a source line or a dateline may stand


def is_hard_wrapped(lines: list[Line]) -> bool:
    texts = [x.text.strip() for x in lines if x.text.strip() and not _only_page(x.text)]
    rows = [t for t in texts if "\t" in t or " | " in t]
    texts = [t for t in texts if t not in rows]
    if len(rows) > len(texts) * 0.2:
        return False  # a table's rows are short lines too, but each is a block
    if len(texts) < MIN_LINES or max(len(t) for t in texts) > MAX_WIDTH:
        return False
    long = [t for t in texts if len(t) >= LONG]
    if len(long) < len(texts) * 0.3:
        return False
    open_ended = [t for t in long if not t.endswith(ENDS_BLOCK)]
    return len(open_ended) >= len(long) * 0.5


def unwrap(lines: list[Line]) -> list[Line]:
    """Join wrapped lines into one line per paragraph (numbered as its first line).

    In the first lines a source line (`793.94/1234: Telegram`, and `CF–38` under a Paris
    Peace Conference one) stands alone and a dateline
    or `[Received …]` line starts a block of its own, as they do in every rendering.
    """
    width = max((len(x.text.strip()) for x in lines), default=0)
    last = max((i for i, x in enumerate(lines) if x.text.strip()), default=-1)
    out: list[Line] = []
    open_paragraph = False
    seen = 0  # lines with text so far
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            out.append(line)
            open_paragraph = False
            continue
        seen += 1
        header = seen <= HEADER_LINES
        starts = (SERIAL_LINE_RE.match(text) or text.startswith("[Received")
                  or (header and _opens_dateline(text))
                  or (index == last and _signature_after(text, out))
                  or _closing_line(text, out, width))
        if open_paragraph and out and not starts:
            out[-1] = Line(out[-1].no, out[-1].text.rstrip() + " " + text)
        else:
            out.append(Line(line.no, text))
        if _only_page(text):
            continue  # a page turning on its own line neither opens nor closes a paragraph
        current = out[-1].text
        ends = _ends_block(current) and len(text) < width * 0.85
        stands_alone = is_source_line(current) or MINUTES_DESIGNATION_RE.match(current)
        open_paragraph = not ends and not (header and stands_alone)
    return out


def _opens_dateline(text: str) -> bool:
    """A dateline begins here: a full date (`May 23, 1917.`) or a place before the date
    (`Managua, April 26,`); a wrapped sentence that opens with a date without a year
    (`August 9, 6 p.m. I today communicated …`) goes on with its paragraph."""
    return looks_like_dateline(text) and (parse_date(text) is not None
                                          or bool(PLACE_FIRST_RE.match(text)))


def _closing_line(text: str, out: list[Line], width: int) -> bool:
    """A short closing phrase on its own line (`I am [etc.]`, `Respectfully yours,`) after
    a sentence that ended: a block of its own even where that sentence filled its line."""
    before = out[-1].text.rstrip() if out else ""
    return (len(text) < width * 0.85 and text.endswith((",", ".", "]"))
            and bool(CLOSING_RE.match(text)) and before.endswith(ENDS_BLOCK))


def _signature_after(text: str, out: list[Line]) -> bool:
    """The last line is a signature (`Hull`, `WILLIAM H. SEWARD.`) standing after a sentence
    that ended, even where that sentence filled its line."""
    before = out[-1].text.rstrip() if out else ""
    return (len(text) <= MAX_SIGNATURE and bool(SIGNATURE_RE.match(text))
            and before.endswith((*ENDS_BLOCK, ",")))


def _ends_block(paragraph: str) -> bool:
    """Whether a paragraph may end here: closing punctuation, perhaps with its footnote
    marker after it, or a closing phrase (`Cordially yours,`) that the signature follows."""
    if TRAILING_MARKER_RE.sub("", paragraph).endswith(ENDS_BLOCK):
        return True
    return (paragraph.endswith(",") and len(paragraph) <= MAX_CLOSING
            and bool(CLOSING_RE.match(paragraph)))


def _only_page(text: str) -> bool:
    spans = find_page_breaks(text)
    covered = sum(end - start for start, end, _ in spans)
    return bool(spans) and covered >= len(text.strip())
