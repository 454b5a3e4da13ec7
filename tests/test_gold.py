"""The parser against the gold of real pages (tests/fixtures/corpus), read with the
project's own reading of a TEI file (`teiread.read`).

Each aspect — heading, body, footnotes (marker, place, text), page breaks (number,
place), file numbers, date — is the share of cases the TEI gets exactly right. The
shares may only grow: raise a floor when the parser gets better.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from realpages import GOLD, VOLUMES
from teiread import Reading, read

from edition.parse.document import parse_document
from edition.tei.write import Publication, document_to_tei

# The share of cases right, per aspect: every case is right on every aspect today.
FLOORS = {"heading": 1.0, "body": 1.0, "notes": 1.0, "page_breaks": 1.0,
          "file_numbers": 1.0, "date": 1.0}


def expected(gold: dict) -> Reading:
    """What the gold says the TEI must read as."""
    return Reading(
        head_words=gold["heading"].split(),
        body_words=" ".join(b["text"] for b in gold["blocks"]).split(),
        notes=[(n["n"], n["position"]["zone"], n["position"]["word"], " ".join(n["text"].split()))
               for n in gold["footnotes"]],
        page_breaks=[(p["n"], p["position"]["zone"], p["position"]["word"])
                     for p in gold["page_breaks"]],
        file_numbers=gold["file_numbers"], date=gold["date_expected"])


def aspects(found: Reading, gold: Reading) -> dict[str, bool]:
    """Which aspects of the TEI are exactly right."""
    return {"heading": found.head_words == gold.head_words,
            "body": found.body_words == gold.body_words,
            "notes": found.notes == gold.notes,
            "page_breaks": found.page_breaks == gold.page_breaks,
            "file_numbers": found.file_numbers == gold.file_numbers,
            "date": found.date == gold.date}


def parsed(gold_path: Path) -> tuple[Reading, dict]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = gold_path.with_name(gold["source_file"]).read_text(encoding="utf-8")
    tei = document_to_tei(parse_document(raw, gold["source_file"], "vol"),
                          Publication("P", "2026", "V"))
    return read(tei), gold


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, bool]]:
    found = {}
    for path in GOLD:
        reading, gold = parsed(path)
        found[gold["case"]] = aspects(reading, expected(gold))
    return found


def test_the_fixtures_cover_every_volume_and_both_renderings():
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD]
    assert len(golds) >= 25
    assert all(p.with_name(g["source_file"]).is_file() for p, g in zip(GOLD, golds, strict=True))
    shapes = Counter((g["volume"], g["shape"]) for g in golds)
    for volume in VOLUMES:
        assert shapes[(volume, "list")] and shapes[(volume, "backlink")], volume
    assert {g["style"] for g in golds} == {"1940s", "modern"}


@pytest.mark.parametrize("aspect", sorted(FLOORS))
def test_the_parser_meets_the_floor_on_the_gold(results, aspect):
    wrong = sorted(case for case, right in results.items() if not right[aspect])
    share = 1 - len(wrong) / len(results)
    assert share >= FLOORS[aspect], f"{aspect}: {share:.3f} right; wrong: {wrong}"


def test_the_reading_sees_a_wrong_tei():
    """The measure can fail: a TEI that lost a footnote and a word is not the gold."""
    reading, gold = parsed(next(p for p in GOLD if "frus1941v06_d190" in p.name))
    right = expected(gold)
    assert all(aspects(reading, right).values())
    reading.notes.pop()
    reading.body_words.pop(3)
    assert aspects(reading, right) == {"heading": True, "body": False, "notes": False,
                                       "page_breaks": True, "file_numbers": True, "date": True}
