"""The same document in the other rendering gives the same TEI (raw-format.md §1.3).

Each dev-corpus page is turned into the other rendering — blank-line paragraphs with a
`  N. text` list, or single-newline paragraphs with `- text↩` notes — and both parses are
compared by the scorer's own reading of the TEI: words of heading and body, notes (marker,
position, text), page breaks, metadata.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from edition.parse.document import parse_document
from edition.parse.notes_section import Line, split_note_section
from edition.tei.write import Publication, document_to_tei

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
SCORER = ROOT.parent / "shared" / "tools" / "score_tei.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_tei", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def read(tei: bytes, tmp_path: Path, name: str, scorer) -> dict:
    path = tmp_path / name
    path.write_bytes(tei)
    found = scorer.extract_tei(str(path))
    return {k: found[k] for k in ("head_words", "body_words", "notes", "pbs", "title",
                                  "file_numbers", "doc_number", "date")}


CASES = sorted(DEV.glob("*.txt"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_both_renderings_give_the_same_tei(path, tmp_path):
    scorer = _scorer()
    pub = Publication("P", "2026", "V")
    raw = path.read_text(encoding="utf-8")
    converted = other_rendering(raw)
    first = document_to_tei(parse_document(raw, path.name, "vol"), pub)
    second = document_to_tei(parse_document(converted, path.name, "vol"), pub)
    assert read(first, tmp_path, "a.xml", scorer) == read(second, tmp_path, "b.xml", scorer)
