"""Raw text → `Document`: the parser's one entry point, reading top to bottom.

notes section → header → block kinds → page breaks → marker alignment → inline content
→ cross-references → file numbers and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block, DocDate, Document, Inline, Message, Note, PageBreak, Text
from .blocks import LineBlock, classify_lines
from .crossrefs import RefContext, link_editorial_references, link_references
from .dates import date_from_file_number, looks_like_dateline, parse_date
from .filenumbers import file_numbers_in_note, is_source_line, read_source_line
from .header import split_header
from .markers import (
    COST_MISSING,
    Alignment,
    align_markers,
    find_candidates,
    guessed_markers,
    orphan_markers,
)
from .notes_section import Line, RawFootnote, split_note_section
from .pages import find_page_breaks
from .wrap import is_hard_wrapped, unwrap

DOC_ID_IN_NAME_RE = re.compile(r"(?:^|_)(?P<id>d\d+[a-z]?(?:-\d+)?)$")
SOURCE_NOTE_RE = re.compile(r"^Source:\s")
SPACED_PARENS_RE = re.compile(r"\( +([^()\s](?:[^()]*[^()\s])?) +\)")
MAX_UNMARKED_LISTED = 20  # beyond this, one line sums up the footnotes without a marker
CLOSING_BLOCKS = 3  # a dateline at the foot stands among the last blocks (signature, closing)
MAX_CLOSING_DATELINE = 80


@dataclass
class Segment:
    """A run of text searched for markers: the heading or one body line."""

    text: str
    line: Line
    pages: list[tuple[int, int, str]]


def parse_document(text: str, source_name: str, volume_id: str) -> Document:
    """Parse one raw text. Never raises on odd input: problems become messages."""
    lines = [Line(no, t.rstrip()) for no, t in enumerate(text.split("\n"), start=1)]
    messages: list[Message] = []
    section = split_note_section(lines)
    rest = unwrap(section.rest) if is_hard_wrapped(section.rest) else section.rest
    header = split_header(rest)
    single_newline = section.style == "backlink" or not _has_blank_line_paragraphs(header.body)
    kinds = classify_lines(header.body, backlink_rendering=single_newline)

    heading_text = _close_spaced_parens(" ".join(line.text.strip() for line in header.heading))
    heading_line = header.heading[0] if header.heading else Line(1, "")
    segments = [_segment(heading_text, heading_line)]
    segments += [_segment(k.text, k.line) for k in kinds]

    texts = [_blank_pages(s) for s in segments]
    candidates = find_candidates(texts, heading_segs={0})
    footnotes = section.footnotes
    if not footnotes:
        # markers without a footnote list (the page lost it): take only unmistakable ones
        orphans = orphan_markers(candidates, texts)
        footnotes = [RawFootnote([], segments[c.seg].line.no) for c in orphans]
        for cand in orphans:
            messages.append(Message(
                "warning", source_name, segments[cand.seg].line.no,
                f"marker `{cand.value}` has no footnote text (the text has no footnote "
                "list); an empty note stands in its place — add the footnote's text"))
        alignment = Alignment(list(orphans), 0.0)
    else:
        labels = [raw.listed_number if raw.listed_number and not raw.listed_number.isdigit()
                  else None for raw in footnotes]  # the list numbers 1..k; `41a` tells more
        alignment = align_markers(candidates, len(footnotes), labels if any(labels) else None)
    doc_id = _doc_id(source_name, header.number)
    ctx = RefContext(volume_id, doc_id)
    notes = [_make_note(raw, ctx) for raw in footnotes]
    if section.footnotes:
        guesses = set(guessed_markers(alignment, candidates))
        messages += _alignment_messages(alignment, guesses, footnotes, segments, source_name)

    placed: dict[int, list[tuple[int, int, Note]]] = {}
    for index, cand in enumerate(alignment.chosen):
        note = notes[index]
        if cand is None:
            continue
        note.n = cand.value
        placed.setdefault(cand.seg, []).append((cand.start, cand.end, note))
    _renumber_ids(notes, doc_id)

    heading = [PageBreak(n) for line in header.leading for _, _, n in find_page_breaks(line.text)]
    heading += _inline(segments[0], placed.get(0, []))
    blocks = [_block(kind, link_editorial_references(_inline(seg, placed.get(i + 1, [])), ctx,
                                                     seg.line.no))
              for i, (kind, seg) in enumerate(zip(kinds, segments[1:], strict=True))]
    messages += [Message("warning", source_name, line,
                         f"cross-reference `{printed}` names no volume in the FRUS catalogue; "
                         "left as text — check the citation")
                 for line, printed in ctx.unresolved]
    unplaced = [notes[i] for i, cand in enumerate(alignment.chosen) if cand is None]
    if unplaced:
        target = blocks[-1] if blocks else None
        if target is None:
            heading.extend(unplaced)
        else:
            (target.cells[-1] if target.cells else target.content).extend(unplaced)

    source_lines = [header.source_line, *header.source_more] if header.source_line else []
    source_note = " ".join(line.text.strip() for line in source_lines) or None
    file_numbers = []
    if header.source_line and source_note:
        reading = read_source_line(header.source_line.text)
        file_numbers = reading.file_numbers
        messages += [Message("warning", source_name, header.source_line.no,
                             f"source line: {doubt}; check the file number")
                     for doubt in reading.doubts]
    if not file_numbers and notes:
        first = notes[0].plain_text()
        if SOURCE_NOTE_RE.match(first):
            file_numbers = file_numbers_in_note(first)
    dateline = _dateline_text(blocks) or _closing_dateline(blocks)
    date = _document_date(dateline, file_numbers)
    if source_note is None and header.heading and is_source_line(header.heading[0].text):
        messages.append(Message("warning", source_name, header.heading[0].no,
                                "the heading looks like a source line; check the first lines"))
    if not header.heading:
        messages.append(Message("warning", source_name, None,
                                "no heading found; the document has no title"))
    return Document(
        source_name=source_name,
        source_path=None,
        volume_id=volume_id,
        doc_id=doc_id,
        number=header.number or _number_from_id(doc_id),
        source_note=source_note,
        file_numbers=file_numbers,
        heading=heading,
        blocks=blocks,
        date=date,
        dateline=dateline,
        number_line=header.number_line,
        heading_number=header.heading_number,
        messages=messages,
    )


def _has_blank_line_paragraphs(lines: list[Line]) -> bool:
    """Whether blocks are separated by blank lines (the list rendering) or not."""
    seen_text = False
    for k, line in enumerate(lines):
        if line.text.strip():
            seen_text = True
        elif seen_text and any(x.text.strip() for x in lines[k + 1:]):
            return True
    return False


def _close_spaced_parens(heading: str) -> str:
    """`The Ambassador in Japan ( Grew ) to …` → `(Grew)`: the page's spacing, not words."""
    return SPACED_PARENS_RE.sub(r"(\1)", heading)


def _segment(text: str, line: Line) -> Segment:
    return Segment(text, line, find_page_breaks(text))


def _blank_pages(segment: Segment) -> str:
    """The segment's text with page-break marks blanked out (offsets kept)."""
    text = segment.text
    for start, end, _ in segment.pages:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _inline(segment: Segment, notes: list[tuple[int, int, Note]]) -> list[Inline]:
    """Text, notes and page breaks of one segment, in order."""
    spans: list[tuple[int, int, Inline]] = [(s, e, PageBreak(n)) for s, e, n in segment.pages]
    spans += [(s, e, note) for s, e, note in notes]
    spans.sort(key=lambda x: (x[0], x[1]))
    out: list[Inline] = []
    pos = 0
    for start, end, item in spans:
        start = max(start, pos)
        if start > pos:
            out.append(Text(segment.text[pos:start]))
        out.append(item)
        pos = max(pos, end)
    if pos < len(segment.text):
        out.append(Text(segment.text[pos:]))
    return _one_space_around_page_breaks(out)


def _one_space_around_page_breaks(parts: list[Inline]) -> list[Inline]:
    """`concrete [Page 1263] intentions` → `concrete <pb/>intentions`, as FRUS TEI has it."""
    for k in range(1, len(parts) - 1):
        before, pb, after = parts[k - 1], parts[k], parts[k + 1]
        if (isinstance(pb, PageBreak) and isinstance(before, Text) and isinstance(after, Text)
                and before.text[-1:].isspace() and after.text[:1].isspace()):
            after.text = after.text.lstrip()
    return parts


def _block(kind: LineBlock, content: list[Inline]) -> Block:
    if kind.kind == "row":
        cells = _split_cells(content)
        return Block("row", [], cells=cells, line=kind.line.no)
    return Block(kind.kind, content, label=kind.label, level=kind.level, line=kind.line.no)


def _split_cells(content: list[Inline]) -> list[list[Inline]]:
    cells: list[list[Inline]] = [[]]
    for item in content:
        if isinstance(item, Text):
            pieces = re.split(r"\t| ?\| ?", item.text)  # every pipe parts cells: `x | ||`
            for k, piece in enumerate(pieces):
                if k:
                    cells.append([])
                if piece:
                    cells[-1].append(Text(piece))
        else:
            cells[-1].append(item)
    return cells


def _make_note(raw: RawFootnote, ctx: RefContext) -> Note:
    ctx.line = raw.line
    paragraphs = [_note_paragraph(p, ctx) for p in raw.paragraphs] or [[]]
    return Note(n=raw.listed_number or "", paragraphs=paragraphs, line=raw.line)


def _note_paragraph(text: str, ctx: RefContext) -> list[Inline]:
    """A footnote paragraph: cross-references linked; a page turning inside it kept."""
    out: list[Inline] = []
    pos = 0
    for start, end, n in find_page_breaks(text):
        out += link_references(text[pos:start], ctx)
        out.append(PageBreak(n))
        pos = end
    out += link_references(text[pos:], ctx)
    return out


def _renumber_ids(notes: list[Note], doc_id: str) -> None:
    """Ids from the markers as printed; a repeated number gets `-2`, `-3` …"""
    seen: dict[str, int] = {}
    for index, note in enumerate(notes):
        key = _id_part(note.n) if note.n else f"x{index + 1}"
        seen[key] = seen.get(key, 0) + 1
        note.xml_id = f"{doc_id}fn{key}" + (f"-{seen[key]}" if seen[key] > 1 else "")


SYMBOL_NAMES = {"*": "star", "†": "dagger", "‡": "ddagger"}


def _id_part(n: str) -> str:
    if n in SYMBOL_NAMES:
        return SYMBOL_NAMES[n]
    return re.sub(r"[^A-Za-z0-9]", "_", n) or "x"


def _number_from_id(doc_id: str) -> str | None:
    """`d142` → `142`: the number a file name gives when the text prints none."""
    m = re.fullmatch(r"d(\d+[a-z]?)", doc_id)
    return m.group(1) if m else None


def _doc_id(source_name: str, number: str | None) -> str:
    stem = source_name.rsplit(".", 1)[0]
    m = DOC_ID_IN_NAME_RE.search(stem)
    if m:
        return m.group("id")
    if number:
        return f"d{number}"
    slug = re.sub(r"[^A-Za-z0-9_.\-]+", "-", stem).strip("-.") or "doc"
    return slug if slug[0].isalpha() else f"doc-{slug}"


def _dateline_text(blocks: list[Block]) -> str | None:
    """The dateline's words with the lines that continue it (`1927—noon.`, `[Received …]`)."""
    for k, block in enumerate(blocks):
        if block.kind == "dateline":
            parts = [_plain(block.content)]
            for nxt in blocks[k + 1:]:
                if nxt.kind != "received":
                    break
                parts.append(_plain(nxt.content))
            return " ".join(parts)
    return None


def _closing_dateline(blocks: list[Block]) -> str | None:
    """A dateline printed at the end (`Washington, May 4, 1931.` after the signature).

    Memoranda and notes of the 1920s–30s are dated at their foot; only the last few short
    blocks are looked at, so a date in the text's own sentences is never taken.
    """
    for block in reversed(blocks[-CLOSING_BLOCKS:]):
        if block.kind not in ("p", "signed", "closer"):
            continue
        text = _plain(block.content)
        if len(text) <= MAX_CLOSING_DATELINE and looks_like_dateline(text) and parse_date(text):
            return text
    return None


def _document_date(dateline: str | None, file_numbers: list[str]) -> DocDate | None:
    """From the dateline, else a date-based file number: the two sources TEI-PROFILE.md knows.

    A modern heading may end with a place and date (`…, Washington, June 4, 1962`), but
    the profile (and the Office of the Historian's data the gold is made from) dates a
    document without a dateline only from its file number, so the heading is not read.
    """
    when = parse_date(dateline) if dateline is not None else None
    if when:
        return DocDate(when, "dateline")
    for number in file_numbers:
        when = date_from_file_number(number)
        if when:
            return DocDate(when, "file-number")
    return None


def _plain(parts: list[Inline]) -> str:
    return " ".join("".join(p.text for p in parts if isinstance(p, Text)).split())


def _alignment_messages(alignment: Alignment, guesses: set[int], footnotes: list[RawFootnote],
                        segments: list[Segment], source_name: str) -> list[Message]:
    messages = []
    unmarked = []
    for index, cand in enumerate(alignment.chosen):
        raw = footnotes[index]
        if not raw.paragraphs:
            messages.append(Message(
                "warning", source_name, raw.line,
                f"footnote {index + 1} has no text; write its text or remove the empty item"))
        if cand is None:
            unmarked.append(index)
            if len(unmarked) > MAX_UNMARKED_LISTED:
                continue
            messages.append(Message(
                "warning", source_name, raw.line,
                f"footnote {index + 1} has no marker in the text; it is placed at the end "
                "of the document — put its marker back where it belongs"))
        elif index in guesses:
            seg = segments[cand.seg]
            context = seg.text[max(0, cand.start - 25): cand.end + 10].strip()
            messages.append(Message(
                "warning", source_name, seg.line.no,
                f"footnote {index + 1}: marker `{cand.value}` read in «{context}» is a guess; "
                "check it"))
    if len(unmarked) > MAX_UNMARKED_LISTED:
        rest = unmarked[MAX_UNMARKED_LISTED:]
        messages.append(Message(
            "warning", source_name, footnotes[rest[0]].line,
            f"{len(rest)} more footnotes (from footnote {rest[0] + 1} on) have no marker in "
            "the text; they too are placed at the end of the document"))
    if alignment.cost > COST_MISSING * len(footnotes) and footnotes:
        messages.append(Message("warning", source_name, footnotes[0].line,
                                "the footnote markers could not be matched with confidence"))
    return messages
