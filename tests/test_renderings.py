"""The same document in the other rendering gives the same TEI (raw-format.md §1.3).

Each real page (the bundled edition and tests/fixtures/corpus) is turned into the other
rendering — blank-line paragraphs with a `  N. text` list, or single-newline paragraphs
with `- text↩` notes — and both parses are compared by what a reader takes from the TEI
(`teiread.read`): words of heading and body, notes (marker, position, text), page breaks,
metadata.
"""

from __future__ import annotations

import re

import pytest
from realpages import REAL_PAGES
from teiread import read

from edition.parse.document import parse_document
from edition.parse.notes_section import Line, split_note_section
from edition.tei.write import Publication, document_to_tei


def other_rendering(raw: str) -> str:
    lines = [Line(k, t.rstrip()) for k, t in enumerate(raw.split("\n"), start=1)]
    section = split_note_section(lines)
    body = [x.text for x in section.rest]
    if section.style == "backlink" or (section.style == "none" and "\n\n" not in raw.strip()):
        kept = [t for t in body if t.strip()]
        kept = [re.sub(r"^- ", "  • ", t) for t in kept]
        notes = [f"  {k}. {' '.join(n.paragraphs)}"
                 for k, n in enumerate(section.footnotes, start=1)]
        return "\n\n".join(kept) + ("\n\n" + "\n".join(notes) if notes else "") + "\n"
    kept = [t for t in body if t.strip()]
    kept = [re.sub(r"^\s*[•]\s+", "- ", t) for t in kept]
    notes = [f"- {' '.join(n.paragraphs)}↩" for n in section.footnotes]
    return "\n".join(kept + notes) + "\n"


@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_both_renderings_give_the_same_tei(path):
    pub = Publication("P", "2026", "V")
    raw = path.read_text(encoding="utf-8")
    converted = other_rendering(raw)
    assert converted != raw
    first = document_to_tei(parse_document(raw, path.name, "vol"), pub)
    second = document_to_tei(parse_document(converted, path.name, "vol"), pub)
    assert read(first) == read(second)
