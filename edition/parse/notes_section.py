"""Splitting the footnote section off the end of a raw text.

Real pages end in one of two footnote shapes (notes/raw-format.md §8): a list of
`  N. text` lines numbered 1..k whatever the markers in the text print, or backlink items
`- text↩` (a note of several paragraphs is `-`, its paragraphs, `↩`). Only the final run
counts: numbered paragraphs and `- ` lines earlier in the body are look-alikes. A note added
after a chapter was numbered may print its own lettered number in the list (`  41a. text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LIST_ITEM_RE = re.compile(r"^ {1,4}(\d+[a-c]?)\.(?:\s+(.*))?$")
BACKLINK = "↩"


@dataclass
class Line:
    """A line of the raw text and its number (1-based) in the file."""

    no: int
    text: str


@dataclass
class RawFootnote:
    paragraphs: list[str]
    line: int
    listed_number: str | None = None  # the number the list prints (1..k, or `41a`), if any


@dataclass
class NoteSection:
    style: str  # "list" | "backlink" | "none"
    footnotes: list[RawFootnote]
    rest: list[Line]  # the lines before the section


def split_note_section(lines: list[Line]) -> NoteSection:
    """Find the trailing footnote section; return it and the lines before it."""
    end = len(lines)
    while end > 0 and not lines[end - 1].text.strip():
        end -= 1
    if end == 0:
        return NoteSection("none", [], lines)
    last = lines[end - 1].text.rstrip()
    if last.endswith(BACKLINK):
        found = _backlink_section(lines, end)
        if found:
            return found
    if last.lstrip().startswith("- ") and end >= 2 and lines[end - 2].text.rstrip().endswith(
            BACKLINK):
        # a page cut off inside its last footnote: `- text↩`, then `- text` without its ↩
        found = _backlink_section(lines, end - 1)
        if found:
            found.footnotes.append(RawFootnote([last.lstrip()[2:].strip()], lines[end - 1].no))
            return found
    if LIST_ITEM_RE.match(last) or _has_list_above(lines, end):
        found = _list_section(lines, end)
        if found:
            return found
    return NoteSection("none", [], lines[:end])


def _backlink_section(lines: list[Line], end: int) -> NoteSection | None:
    notes: list[RawFootnote] = []
    i = end - 1
    while i >= 0:
        text = lines[i].text.strip()
        if not text:
            # blank lines between items are tolerated when an item stands above them
            j = i
            while j >= 0 and not lines[j].text.strip():
                j -= 1
            if j >= 0 and lines[j].text.rstrip().endswith(BACKLINK):
                i = j
                continue
            break
        if not text.endswith(BACKLINK):
            break
        if text.startswith("- ") or (text.startswith("-") and len(text) > 2 and text != "-" + BACKLINK):
            body = text[1:-1].strip()
            notes.append(RawFootnote([body] if body else [], lines[i].no))
            i -= 1
            continue
        # a note of several paragraphs: `-` (or `- first`), paragraphs, last ending in ↩
        paragraphs = [text[:-1].strip()] if text != BACKLINK else []
        j = i - 1
        while j >= 0:
            t = lines[j].text.strip()
            if t == "-" or t.startswith("- "):
                break
            if t.endswith(BACKLINK):
                j = -1
                break
            if t:
                paragraphs.insert(0, t)
            j -= 1
        if j < 0:
            break
        head = lines[j].text.strip()[1:].strip()
        if head:
            paragraphs.insert(0, head)
        notes.append(RawFootnote([p for p in paragraphs if p], lines[j].no))
        i = j - 1
    if not notes:
        return None
    notes.reverse()
    return NoteSection("backlink", notes, lines[: i + 1])


def _has_list_above(lines: list[Line], end: int) -> bool:
    """A list item followed by continuation lines (a wrapped note) still ends the text."""
    for k in range(end - 1, max(-1, end - 4), -1):
        if not lines[k].text.strip():
            return False
        if LIST_ITEM_RE.match(lines[k].text):
            return True
    return False


def _runs_from_one(labels: list[str]) -> bool:
    """`1, 2, 3`, also with lettered notes among them (`1, 41a, 2` or `1, 41a, 3`: whether
    the lettered one took a number of the list or not)."""
    expected = 1
    lettered = False
    for label in labels:
        if not label.isdigit():
            lettered = True
            continue
        if int(label) != expected and not (lettered and int(label) == expected + 1):
            return False
        expected = int(label) + 1
        lettered = False
    return True


def _list_section(lines: list[Line], end: int) -> NoteSection | None:
    """The final run of `  N. text` lines numbered 1..k (continuation lines allowed)."""
    # walk up the contiguous run of non-blank lines, remembering item lines
    items: list[int] = []
    i = end - 1
    while i >= 0 and lines[i].text.strip():
        if LIST_ITEM_RE.match(lines[i].text):
            items.append(i)
        i -= 1
    items.reverse()
    # the section starts at the last item numbered 1 from which numbers run 1, 2, 3 …
    start = None
    for pos in range(len(items)):
        labels = [LIST_ITEM_RE.match(lines[k].text).group(1) for k in items[pos:]]
        # a lettered first note (`  55a. text`) only heads the whole run, not a cut of it
        if _runs_from_one(labels) and (labels[0] == "1" or pos == 0):
            start = pos
            break
    if start is None:
        return None
    items = items[start:]
    notes: list[RawFootnote] = []
    for pos, idx in enumerate(items):
        m = LIST_ITEM_RE.match(lines[idx].text)
        stop = items[pos + 1] if pos + 1 < len(items) else end
        paragraphs = [(m.group(2) or "").strip()]
        paragraphs += [lines[k].text.strip() for k in range(idx + 1, stop) if lines[k].text.strip()]
        notes.append(RawFootnote([p for p in paragraphs if p], lines[idx].no, m.group(1)))
    return NoteSection("list", notes, lines[: items[0]])
