"""The document model: what the parser makes of a raw text, and what TEI is written from.

A document is a heading and a list of blocks; each holds *inline* content, a flat list of
text runs, footnotes (placed exactly where their marker stood), page breaks and
cross-references. The model is plain data: parsing fills it, `edition.tei` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Message:
    """A finding for the editor: where (file, line) and what to do about it."""

    level: str  # "error" | "warning"
    file: str
    line: int | None
    text: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.level}: {self.text}"


@dataclass
class Text:
    """A run of the document's own words."""

    text: str


@dataclass
class PageBreak:
    """Where the printed page `n` begins (`[Page n]` in the raw text)."""

    n: str


@dataclass
class Ref:
    """A cross-reference in a footnote: the words as printed and where they point."""

    text: str
    target: str | None  # "#d1235", "#pg_460", "frus1945Berlinv01#d586"


@dataclass
class Note:
    """A footnote, anchored where its marker stood; `n` is the marker as printed."""

    n: str
    paragraphs: list[list[Inline]]
    xml_id: str = ""
    line: int | None = None  # line of the footnote's text in the raw file

    def plain_text(self) -> str:
        return " ".join(plain_text(p) for p in self.paragraphs)


Inline = Text | Note | PageBreak | Ref


@dataclass
class Block:
    """One block of the body: a paragraph, list item, table row, dateline, signature …

    `kind` is one of: p, item, row, dateline, received, signed, closer, classification,
    subhead, pb (a page break standing between blocks). A row's cells are in `cells`.
    """

    kind: str
    content: list[Inline] = field(default_factory=list)
    cells: list[list[Inline]] | None = None
    label: str | None = None  # a list item's label as printed ("1.", "(a)", "•")
    level: int = 0  # nesting of list items
    line: int | None = None


@dataclass
class DocDate:
    when: str  # ISO date, YYYY-MM-DD (or YYYY-MM, YYYY)
    evidence: str  # "dateline" | "file-number"


@dataclass
class Document:
    """One FRUS document as parsed from one raw text file."""

    source_name: str  # the raw file's base name, e.g. 000_c0491615da394ef4.txt
    source_path: Path | None
    volume_id: str
    doc_id: str  # "d1234", or a name made from the file when the number is unknown
    number: str | None  # the document number the text prints ("No. 1234", "46.")
    source_note: str | None
    file_numbers: list[str]
    heading: list[Inline]
    blocks: list[Block]
    date: DocDate | None = None
    dateline: str | None = None
    number_line: str | None = None  # the printed `No. 1234` line above the heading
    heading_number: str | None = None  # the number a modern heading opens with (`112. …`)
    messages: list[Message] = field(default_factory=list)

    @property
    def heading_text(self) -> str:
        """The heading's words as printed (the TEI's complete title)."""
        return plain_text(self.heading)

    @property
    def title(self) -> str:
        """The heading as a title: `112. Memorandum From …` → `Memorandum From …`.

        A modern heading prints the document's number; a page that shows the number on its
        own, and a citation, want the title without it. Other headings are their own title.
        """
        text = self.heading_text
        prefix = f"{self.heading_number}. " if self.heading_number else None
        if prefix and text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix):]
        return text

    def notes(self) -> list[Note]:
        """Every footnote in reading order (heading first)."""
        return [x for x in self.inline_items() if isinstance(x, Note)]

    def page_breaks(self) -> list[PageBreak]:
        """Every page break in reading order."""
        return [x for x in self.inline_items() if isinstance(x, PageBreak)]

    def inline_items(self) -> list[Inline]:
        """The inline content of the heading and of every block, in reading order."""
        found = list(self.heading)
        for block in self.blocks:
            for part in block_parts(block):
                found.extend(part)
        return found


def block_parts(block: Block) -> list[list[Inline]]:
    """The inline sequences of a block (its content, or each cell of a row)."""
    return block.cells if block.cells is not None else [block.content]


def plain_text(parts: list[Inline]) -> str:
    """The words of inline content without notes and page breaks, white space collapsed."""
    out = []
    for x in parts:
        if isinstance(x, (Text, Ref)):
            out.append(x.text)
    return " ".join("".join(out).split())
