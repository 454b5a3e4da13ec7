"""Aligning footnote markers: every attachment notes/raw-format.md §7 lists."""

from __future__ import annotations

import pytest

from edition.parse.markers import align_markers, find_candidates


def chosen(segments: list[str], count: int, heading: bool = True) -> list[tuple[int, str, str]]:
    """(segment, text before the marker, marker) for each footnote, None where none."""
    cands = find_candidates(segments, {0} if heading else set())
    result = align_markers(cands, count)
    out = []
    for cand in result.chosen:
        if cand is None:
            out.append(None)
        else:
            out.append((cand.seg, segments[cand.seg][:cand.start].split()[-1]
                        if segments[cand.seg][:cand.start].split() else "", cand.value))
    return out


@pytest.mark.parametrize("text, before, marker", [
    ("the Secretary of State74 and", "State", "74"),
    ("Re my telegram No. 1449.2 At", "1449.", "2"),
    ("rescue us.”2 Then", "us.”", "2"),
    ("(Embtel 1464)1 on the", "1464)", "1"),
    ("dated August 29,1 and", "29,", "1"),
    ("the proclamation:1 and", "proclamation:", "1"),
    ("Kai-shek2). Then", "Kai-shek", "2"),
    ("Kashmir2—a compromise", "Kashmir", "2"),
    ("China’s Destiny …75 From", "…", "75"),
    ("forwarded.* To this", "forwarded.", "*"),
])
def test_glued_markers(text, before, marker):
    assert chosen(["Heading", text], 1) == [(1, before, marker)]


def test_marker_set_off_by_a_space_in_the_heading():
    assert chosen(["The Embassy to the Department of State 47", "Body text."], 1) == [
        (0, "State", "47")]


def test_marker_zero_then_the_chapter_runs_on():
    segs = ["Memorandum of Conversation0", "He said so.1 Then it ended.2"]
    assert [c[2] for c in chosen(segs, 3)] == ["0", "1", "2"]


@pytest.mark.parametrize("text, marker", [
    ("Your telegram No. 9192 should", "2"),  # with markers 1 and 3 around it
    ("on September 1532 and", "32"),
    ("a memorandum of August 3, 194332 from", "32"),
    ("dated April 2762 prepared", "62"),
])
def test_markers_glued_to_a_number(text, marker):
    n = int(marker)
    segs = ["Heading", f"first{n - 1} then", text, f"last{n + 1} end"]
    assert [c[2] for c in chosen(segs, 3)] == [str(n - 1), marker, str(n + 1)]


def test_a_lone_number_glued_marker_prefers_a_year_over_a_telegram_number():
    segs = ["Heading", "No. 1449", "Mr. Clubb writes (no. 20, July 28, 194330) that"]
    assert chosen(segs, 1) == [(2, "1943", "30")]


def test_numbers_that_are_not_markers_are_left_alone():
    segs = ["Heading", "At 10:15 a.m. on July 13th some 1,500 men of 761.94/7–2145 left"]
    assert chosen(segs, 0) == []
    cands = find_candidates(segs, {0})
    assert [c.value for c in cands if c.cost <= 0] == []


def test_repeated_marker_numbers_each_take_their_footnote():
    segs = ["Heading", "November 7th31 that", "at 9 p.m.31 and"]
    assert [c[2] for c in chosen(segs, 2)] == ["31", "31"]


def test_a_heading_note_numbered_after_the_body_notes():
    segs = ["Heading", "of May 3, 1943,64 in regard", "dated April 2762 prepared"]
    assert [c[2] for c in chosen(segs, 2)] == ["64", "62"]


def test_more_footnotes_than_markers_leaves_the_rest_unplaced():
    result = chosen(["Heading", "Only one marker here.5 End."], 3)
    assert result[0] == (1, "here.", "5")
    assert result[1:] == [None, None]


def test_marker_before_a_page_break_mark():
    segs = ["Heading", "on March 16.68            It was"]  # `[Page 324]` already blanked
    assert chosen(segs, 1) == [(1, "16.", "68")]


def test_huge_inputs_fall_back_to_a_bounded_alignment():
    body = " ".join(f"word{k % 900 + 1}" for k in range(10_000))
    result = align_markers(find_candidates(["Heading", body], {0}), 10_000)
    assert sum(c is not None for c in result.chosen) == 10_000
    assert [c.value for c in result.chosen[:3]] == ["1", "2", "3"]


# -- markers in a text whose footnote list was lost -------------------------------------

def orphans(text: str) -> list[tuple[str, str]]:
    """(marker, the text just before it) for each marker taken from a text with no list."""
    from edition.model import Note, Text
    from edition.parse.document import parse_document

    doc = parse_document(f"The Ambassador in Korea to the Secretary of State\n{text}\n",
                         "x.txt", "v")
    found = []
    for block in doc.blocks:
        before = ""
        for item in block.content:
            if isinstance(item, Text):
                before += item.text
            elif isinstance(item, Note):
                found.append((item.n, before[-12:]))
    return found


@pytest.mark.parametrize("text, expected", [
    ("Invaded in accordance with message.1 North Korean forces attacked.",
     [("1", "ith message.")]),
    ("The Government,2 as I said, agreed.", [("2", " Government,")]),
    ("See the Foreign Office note (Wellington)4 of today.", [("4", "(Wellington)")]),
])
def test_markers_without_a_list_glued_to_a_word_or_its_stop(text, expected):
    assert orphans(text) == expected


@pytest.mark.parametrize("text", [
    "Your telegram No.2 was received.",  # an abbreviation's stop
    "Article 3.2 of the treaty applies.",  # a decimal
    "The meeting lasted until 1945.3 More came later.",  # after a number
    "He spoke of message.1950 as well.",  # too long for a marker
])
def test_look_alikes_without_a_list_are_left_in_the_text(text):
    assert orphans(text) == []
