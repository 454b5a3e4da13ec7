"""Nothing lost, nothing added: on every real document, and on any text at all."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from realpages import REAL_PAGES, VOLUMES
from wordcheck import missing_and_added

from edition.model import Message
from edition.parse.document import parse_document
from edition.sources import decode
from edition.tei.write import Publication, document_to_tei

PUB = Publication("Publisher", "2026", "Volume")


def decoded(raw: str) -> str | None:
    """The text as the build reads it (line ends, BOM and control characters handled)."""
    result = decode(raw.encode("utf-8", "surrogatepass"), "x.txt")
    return None if isinstance(result, Message) else result.text


def to_tei(text: str) -> bytes:
    return document_to_tei(parse_document(text, "x.txt", "vol"), PUB)


def test_the_real_pages_are_there():
    names = " ".join(p.name for p in REAL_PAGES)
    assert len(REAL_PAGES) >= 80 and all(volume in names for volume in VOLUMES)


@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: p.name)
def test_every_character_of_a_real_document_lands_in_the_tei(path):
    raw = path.read_text(encoding="utf-8")
    lost, added, marks, pbs = missing_and_added(raw, to_tei(raw))
    assert not lost and not added
    assert pbs == marks


WORD = st.sampled_from([
    "the", "Secretary", "of", "State", "No.", "1449.", "telegram,", "(Togo)", "Sato’s",
    "761.94/7–2145:", "Telegram", "July", "21,", "1945", "[sic]", "“quoted”", "p.m.", "*",
    "…", "[Page", "1263]", "[Page 12]", "- ", "↩", "•", "\t", "|", "1.", "2.", "  1.", "Hull",
    "Washington,", "[Received", "6:10", "p.m.]", "top secret", "No. 1234", "46.", "0", "«",
])
GLUED = st.builds(lambda w, n: f"{w}{n}", st.sampled_from(["State", "1943", "rumor.", "us.”", ")"]),
                  st.integers(min_value=0, max_value=120))
LINE = st.lists(st.one_of(WORD, GLUED, st.text(max_size=8)), max_size=14).map(" ".join)
NOTE_LINE = st.builds(lambda k, t: f"  {k}. {t}", st.integers(1, 4), LINE)
BACKLINK = st.builds(lambda t: f"- {t}↩", LINE)
DOC = st.lists(st.one_of(LINE, LINE, NOTE_LINE, BACKLINK, st.just(""), st.just("↩"),
                         st.just("-")), max_size=25).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOC)
def test_any_text_parses_without_losing_a_character(text):
    text = decoded(text)
    if text is None:
        return  # refused with a message (empty), tested in test_build
    tei = to_tei(text)
    lost, added, marks, pbs = missing_and_added(text, tei)
    assert not lost and not added
    assert pbs == marks
