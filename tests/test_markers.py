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


# -- lettered notes and symbols (issue 8, kind 2) ----------------------------------------

@pytest.mark.parametrize("text, before, marker", [
    ("and Lord Balfour.41a He added", "Balfour.", "41a"),
    ("the Government41a and the", "Government", "41a"),
    ("dated June 4, 6 p.m.41a and 7 others", "p.m.", "41a"),
    ("the (Treaty of Berlin)7b was", "Berlin)", "7b"),
    ("the treaty† was signed", "treaty", "†"),
    ("as he said.‡ Then", "said.", "‡"),
])
def test_lettered_and_symbol_markers_glued(text, before, marker):
    assert chosen(["Heading", text], 1) == [(1, before, marker)]


def test_a_lettered_marker_set_off_at_the_heading_end():
    assert chosen(["The Secretary of State to the Ambassador in France 7a", "Text."], 1) == [
        (0, "France", "7a")]


def test_a_symbol_set_off_at_the_heading_end():
    assert chosen(["Mr. Olney to Mr. Denby *", "Sir: I have the honor."], 1) == [
        (0, "Denby", "*")]


def test_a_lettered_note_follows_its_base_number_in_the_run():
    segs = ["Heading", "first41 then", "at 6 p.m.41a and 7 others", "Government41b and",
            "last42 end"]
    assert [c[2] for c in chosen(segs, 4)] == ["41", "41a", "41b", "42"]


@pytest.mark.parametrize("text", [
    "Article 7a of the code applies.",  # a numbered item, set off by a space
    "your note of the 2d instant and the 3d.",  # `2d`, `3d`: second, third
    "see file 793.003/901a for it",  # a file number's letter
    "the 4th and 21st of May",
])
def test_letters_after_numbers_that_are_not_notes(text):
    cands = find_candidates(["Heading", text], {0})
    assert [c.value for c in cands if not c.value.isdigit()] == []


# -- markers run into numbers: the chapter's sequence decides (issue 8, kind 3) -----------

@pytest.mark.parametrize("text, marker", [
    ("the debts of 1929–3014 and", "14"),  # 1929–30, marker 14
    ("in the years 1929–193014 and", "14"),  # 1929–1930, marker 14
    ("the note of May 14, No. 3314 was", "14"),  # No. 33, marker 14
    ("and 800, December 16, 114 all 1942.", "14"),  # 16, 1 (as printed), marker 14
])
def test_a_marker_run_into_a_number_between_its_neighbours(text, marker):
    segs = ["Heading", "first13 then", text, "last15 end"]
    assert [c[2] for c in chosen(segs, 3)] == ["13", marker, "15"]


def test_a_page_range_or_a_file_number_is_not_a_year_span():
    # `761.94/7–2145` is a file number (July 21, 1945): no reading of it is a likely marker
    cands = find_candidates(["Heading", "see 761.94/7–2145 and pp. 313–334 of it"], {0})
    assert [c.value for c in cands if c.cost < 2.0] == []


def parse(body: str, notes: list[str], heading: str = "The Ambassador in France to the "
          "Secretary of State") -> tuple[list[tuple[str, str]], list[str]]:
    """(marker, note text) in reading order, and the messages, for a backlink page."""
    from edition.model import Note
    from edition.parse.document import parse_document

    note_lines = "".join(f"- {n}↩\n" for n in notes)
    doc = parse_document(f"{heading}\nParis, June 4, 1931.\n{body}\nSmith\n{note_lines}",
                         "x.txt", "v")
    found = []
    for content in [doc.heading] + [b.content for b in doc.blocks] + [
            item for b in doc.blocks for item in (b.cells or [])]:
        found += [(item.n, item.plain_text()) for item in content if isinstance(item, Note)]
    return found, [m.text for m in doc.messages]


def test_neighbours_that_fix_a_reading_leave_no_warning():
    found, messages = parse(
        "To despatches 408, May 14;15 468, June 18;16 and 800, December 16, 117 all 1942. "
        "See the note of May 14, No. 3318 and the report19 too.",
        ["Not printed.", "Printed.", "Infra.", "Supra.", "Ibid."])
    assert [n for n, _ in found] == ["15", "16", "17", "18", "19"]
    assert messages == []


def test_a_reading_the_neighbours_do_not_fix_is_still_a_guess():
    # after 16 and before 18 the digits could be 331 and 7, or 33 and 17: no neighbour says
    found, messages = parse("the Government6 and the note No. 3317 and the report18 too.",
                            ["A.", "B.", "C."])
    assert [n for n, _ in found][0::2] == ["6", "18"]
    assert any("is a guess" in m for m in messages)


def test_a_lone_reading_of_digits_run_into_a_number_is_a_guess():
    _, messages = parse("Only the note of May 14, No. 3317 was discussed.", ["Not printed."])
    assert any("is a guess" in m for m in messages)


def test_a_bare_number_in_a_sentence_needs_both_neighbours():
    _, both = parse("the Government4 named 5 officers and the report6 came.",
                    ["A.", "B.", "C."])
    assert both == []
    _, one = parse("the Government4 named 5 officers today.", ["A.", "B."])
    assert any("is a guess" in m for m in one)


# -- other real forms ---------------------------------------------------------------------

def test_notes_numbered_per_document_in_a_modern_volume():
    found, messages = parse(
        "1185. In my 11522 I dealt only with the point. His statement3 does not, as he "
        "(Embtel 1131)4 said.", ["Source: Central Files.", "Document 33.", "Not printed.",
                                 "Not printed."],
        heading="Telegram From the Embassy in Poland to the Department of State1")
    assert [n for n, _ in found] == ["1", "2", "3", "4"]
    assert messages == []


def test_markers_after_a_quote_and_stop_and_in_table_cells():
    found, messages = parse("He called it “final”.14 Then he left.\n| Army15 | 300 |\n"
                            "| Navy | 2,50016 | 100 |", ["A.", "B.", "C."])
    assert found == [("14", "A."), ("15", "B."), ("16", "C.")]
    assert messages == []


def test_nineteenth_century_symbol_notes_get_their_own_ids():
    from edition.model import Note
    from edition.parse.document import parse_document

    doc = parse_document("Mr. Olney to Mr. Denby.*\nSir: I have the treaty† of the 2d "
                         "instant.‡\nOlney\n- Star.↩\n- Dagger.↩\n- Double dagger.↩\n",
                         "frus1897_d1.txt", "frus1897")
    notes = [i for part in [doc.heading] + [b.content for b in doc.blocks] for i in part
             if isinstance(i, Note)]
    assert [(n.n, n.xml_id) for n in notes] == [
        ("*", "d1fnstar"), ("†", "d1fndagger"), ("‡", "d1fnddagger")]


def test_a_list_that_prints_a_lettered_number():
    from edition.model import Note
    from edition.parse.document import parse_document

    doc = parse_document("The Ambassador in Great Britain to the Secretary of State\n\n"
                         "London, July 8, 1927.\n\nI saw him41 today and Lord Balfour.41a "
                         "He added more42 later.\n\nHoughton\n\n  1. First.\n  41a. Added.\n"
                         "  2. Second.\n", "x.txt", "v")
    notes = [i for b in doc.blocks for i in b.content if isinstance(i, Note)]
    assert [(n.n, n.plain_text()) for n in notes] == [
        ("41", "First."), ("41a", "Added."), ("42", "Second.")]


def test_a_list_of_one_lettered_note_and_a_body_list_that_is_not_one():
    from edition.parse.notes_section import Line, split_note_section

    def section(text: str):
        return split_note_section([Line(k, t) for k, t in enumerate(text.split("\n"), 1)])

    notes = section("Text Balfour.55a more.\n\nHoughton\n\n  55a. Lord President.\n")
    assert [(n.listed_number, n.paragraphs) for n in notes.footnotes] == [
        ("55a", ["Lord President."])]
    body_list = section("He proposed:\n\n  2. to reduce;\n  3a. to wait.\n")
    assert body_list.style == "none"
