"""Unit tests per parser concern: notes section, header, blocks, pages, file numbers,
dates and cross-references."""

from __future__ import annotations

import pytest

from edition.model import Ref, Text
from edition.parse.blocks import classify_lines
from edition.parse.crossrefs import RefContext, link_references, sibling_volume
from edition.parse.dates import date_from_file_number, looks_like_dateline, parse_date
from edition.parse.filenumbers import (
    file_class,
    file_numbers_from_source_line,
    file_numbers_in_note,
    is_source_line,
)
from edition.parse.header import split_header
from edition.parse.notes_section import Line, split_note_section
from edition.parse.pages import find_page_breaks, page_id


def lines(text: str) -> list[Line]:
    return [Line(no, t) for no, t in enumerate(text.split("\n"), start=1)]


# -- the notes section ------------------------------------------------------------------

def test_list_section_numbered_from_one_after_a_signature_line():
    section = split_note_section(lines("Body text.74\nGrew\n  1. Dated September 27.\n  2. Infra.\n"))
    assert section.style == "list"
    assert [n.paragraphs for n in section.footnotes] == [["Dated September 27."], ["Infra."]]
    assert [n.line for n in section.footnotes] == [3, 4]
    assert [x.text for x in section.rest] == ["Body text.74", "Grew"]


def test_numbered_body_paragraphs_are_not_a_notes_section():
    section = split_note_section(lines("1. First point.\n\n2. Second point.\n\nHull"))
    assert section.style == "none" and section.footnotes == []


def test_only_the_final_run_numbered_from_one_is_the_section():
    text = "Intro\n  1. a body item\n  2. another\n\nMore text.1\n\n  1. The real note."
    section = split_note_section(lines(text))
    assert [n.paragraphs for n in section.footnotes] == [["The real note."]]
    assert len(section.rest) == 6


def test_backlink_section_with_a_note_of_several_paragraphs():
    text = "Heading 47\nBody.\n-\nFirst paragraph.\nSecond paragraph.\n↩\n- One line.↩"
    section = split_note_section(lines(text))
    assert section.style == "backlink"
    assert [n.paragraphs for n in section.footnotes] == [
        ["First paragraph.", "Second paragraph."], ["One line."]]
    assert [x.text for x in section.rest] == ["Heading 47", "Body."]


def test_backlink_items_ending_in_brackets():
    section = split_note_section(lines("Body.1\n- [text not declassified]↩"))
    assert section.footnotes[0].paragraphs == ["[text not declassified]"]


def test_dash_lines_in_the_body_are_look_alikes():
    section = split_note_section(lines("- 1.\n- Yesterday47 it rained.\n- Present\nEnd."))
    assert section.style == "none"


# -- header -----------------------------------------------------------------------------

def test_header_with_source_line_and_document_number():
    header = split_header(lines("761.94/7–2145: Telegram\n\nNo. 1234\nThe Ambassador to X1\n\nBody"))
    assert header.source_line.text == "761.94/7–2145: Telegram"
    assert header.number == "1234"
    assert [x.text for x in header.heading] == ["The Ambassador to X1"]
    assert [x.text for x in header.body] == ["", "Body"]


def test_modern_numbered_heading_without_source_line():
    header = split_header(lines("46. Memorandum of a Conversation, Washington1\nWashington\nText"))
    assert header.source_line is None and header.number == "46" and header.numbered_heading


def test_nineteenth_century_printed_number_then_heading():
    header = split_header(lines("No. 142.\nMr. Washburne to Mr. Fish\nSir: I have"))
    assert header.number == "142"
    assert [x.text for x in header.heading] == ["Mr. Washburne to Mr. Fish"]


def test_hard_wrapped_heading_is_joined():
    header = split_header(lines("Mr. Foster\nto Mr. Evarts.\nLegation, Mexico"))
    assert [x.text for x in header.heading] == ["Mr. Foster", "to Mr. Evarts."]


def test_hard_wrapped_header_keeps_source_line_heading_and_dateline_apart():
    from edition.parse.wrap import is_hard_wrapped, unwrap

    body = ("456. The Chinese Minister for Foreign Affairs called on me this morning\n"
            "and stated that his Government had decided to appeal to the League of\n"
            "Nations under Article XI of the Covenant and that a note would be\n"
            "handed to the Secretary General of the League today at Geneva. It is\n"
            "understood that the Japanese Government has been informed of the step\n"
            "and that it will send its own observer to the meeting at Geneva soon.\n")
    text = ("793.94/1234: Telegram\nThe Minister in China (Johnson) to the Secretary of State\n"
            "Peiping, September 22, 1931—3\np.m.\n[Received September 22—9 a.m.]\n" + body)
    rest = lines(text)
    assert is_hard_wrapped(rest)
    joined = [x.text for x in unwrap(rest)]
    assert joined[:4] == ["793.94/1234: Telegram",
                          "The Minister in China (Johnson) to the Secretary of State",
                          "Peiping, September 22, 1931—3 p.m.",
                          "[Received September 22—9 a.m.]"]
    assert [t for t in joined[4:] if t] == [" ".join(body.split())]


WRAPPED_LETTER = (
    "The Secretary of State to the Minister in Ruritania (Smith)\n"
    "Washington, June 3, 1916.\n"
    "128. For the Minister only. Department’s circular telegram of May 9,\n"
    "June 2, 6 p.m. I have today communicated to the Foreign Minister the\n"
    "substance of your despatch and the President’s view.4\n"
    "He said that his Government had given the question careful study and\n"
    "that it would make known its decision at the earliest moment possible.\n"
    "I am [etc.]\n"
    "Cordially and sincerely yours,\n"
    "Robert Lansing\n"
)


def test_hard_wrapped_letter_keeps_its_paragraphs_closing_and_signature():
    from edition.parse.wrap import is_hard_wrapped, unwrap

    rest = lines(WRAPPED_LETTER)
    assert is_hard_wrapped(rest)
    joined = [x.text for x in unwrap(rest) if x.text]
    assert joined[1] == "Washington, June 3, 1916."
    # a date without a year opening a wrapped line is the sentence going on, not a dateline
    assert joined[2].startswith("128. For the Minister only.") and "June 2, 6 p.m. I have" in joined[2]
    # a paragraph ending with a footnote marker after its period ends there
    assert joined[2].endswith("the President’s view.4")
    # a paragraph filling its last line is followed by a closing phrase and a signature
    assert joined[3].endswith("earliest moment possible.")
    assert joined[4:] == ["I am [etc.]", "Cordially and sincerely yours,", "Robert Lansing"]


def test_a_signature_after_a_full_last_line_of_a_wrapped_text_stands_alone():
    from edition.parse.wrap import unwrap

    text = ("It is apparent that a moment has been reached when the exercise of all\n"
            "patience and tact by all of the powers in the negotiations is needed.\n"
            "Hull\n")
    assert [x.text for x in unwrap(lines(text)) if x.text] == [
        ("It is apparent that a moment has been reached when the exercise of all patience "
         "and tact by all of the powers in the negotiations is needed."), "Hull"]


def test_the_closing_phrases_of_older_letters_are_closings():
    kinds = classify_lines(lines("Sir: A note.\nI am [etc.]\nJ. Smith"), True)
    assert [k.kind for k in kinds] == ["p", "closer", "signed"]
    kinds = classify_lines(lines("Sir: A note.\nCordially and faithfully yours,\nJ. Smith"), True)
    assert [k.kind for k in kinds] == ["p", "closer", "signed"]


def test_page_break_before_the_heading():
    header = split_header(lines("[Page 704]\n\n254. Transcript of Telephone Conversation\nText"))
    assert [x.text for x in header.leading] == ["[Page 704]"]
    assert header.number == "254"


# -- blocks -----------------------------------------------------------------------------

def test_opening_lines_then_paragraphs_and_signature():
    text = ("top secret\nurgent\n[Translation]\nChungking, December 15, 1943—3 p.m.\n"
            "[Received 6:10 p.m.]\n[Received 6:10 p.m.]\n1845. Text of the telegram.\n"
            "  • a bullet\n    • nested\nCell one\tCell two\nRespectfully yours,\nHull")
    kinds = [(b.kind, b.level) for b in classify_lines(lines(text), backlink_rendering=True)]
    assert kinds == [("classification", 0), ("classification", 0), ("classification", 0),
                     ("dateline", 0), ("received", 0), ("received", 0), ("p", 0), ("item", 0),
                     ("item", 1), ("row", 0), ("closer", 0), ("signed", 0)]


def test_dateline_split_over_two_lines():
    kinds = [b.kind for b in classify_lines(lines("Managua, April 26,\n1927—noon.\nText."), True)]
    assert kinds == ["dateline", "received", "p"]


# -- page breaks ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("in spite [Page 697] of", ["697"]),
    ("[Page 406]Mr. Vallarta", ["406"]),
    ("[Facsimile Page 2] and [Typeset Page 1173]", ["2", "1173"]),
    ("[Page [Map 1]] [Page []] [Page 699]", ["Map 1", "", "699"]),
    ("Ambassador in Italy ( Page ) said", []),
    ("[Here follows a page of text]", []),
])
def test_page_breaks(text, expected):
    assert [n for _, _, n in find_page_breaks(text)] == expected


def test_page_ids_are_xml_names():
    assert page_id("1263") == "pg_1263" and page_id("Map 1") == "pg_Map_1"


# -- file numbers -----------------------------------------------------------------------

@pytest.mark.parametrize("line, numbers", [
    ("761.94/7–2145: Telegram", ["761.94/7–2145"]),
    ("811.20 (D) Regulations/2531a: Circular telegram", ["811.20 (D) Regulations/2531a"]),
    ("740.00119 European War 1939/22: Telegram", ["740.00119 European War 1939/22"]),
    ("893.00B/1127½", ["893.00B/1127½"]),
    ("860C.48/862½", ["860C.48/862½"]),
    ("File No. 893.00/826.", ["893.00/826"]),
    ("File No. 812.00/1193, 1202.", ["812.00/1193", "812.00/1202"]),
    ("Paris Peace Conf. 180.03401/86", ["180.03401/86"]),
    ("123 Kirk, Alan G.: Telegram", ["123 Kirk, Alan G."]),
    ("710 F.E.A.C./228", ["710 F.E.A.C./228"]),
    ("Henry L. Stimson Private Papers", []),
    ("033.1100–NI/11–1455: Telegram", ["033.1100–NI/11–1455"]),  # a country code
])
def test_source_lines(line, numbers):
    assert is_source_line(line)
    assert file_numbers_from_source_line(line) == numbers


@pytest.mark.parametrize("line", [
    "The Secretary of State to the Ambassador in China (Gauss)",
    "46. Memorandum of a Conversation, Washington, January 27, 1955",
    "No. 1234", "Mr. Seward to Mr. Adams", "[Extract]",
    "Memorandum by the Chief of the Division of Archives", "Editorial Note",
])
def test_headings_are_not_source_lines(line):
    assert not is_source_line(line)


def test_file_numbers_in_a_modern_source_note():
    note = ("Source: Department of State, Central Files, 793.5/1–2755. Secret. Drafted by "
            "McConaughy.")
    assert file_numbers_in_note(note) == ["793.5/1–2755"]
    assert file_numbers_in_note("Source: Eisenhower Library, Whitman File. Top Secret.") == []
    assert file_class("761.94/7–2145") == "761.94"
    assert file_numbers_in_note("Source: Department of State, Central Files, 110.11–DU/5–956. "
                                "Confidential.") == ["110.11–DU/5–956"]


# -- dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, iso", [
    ("Chungking, December 15, 1943—3 p.m.", "1943-12-15"),
    ("[Washington,] June 19, 1941.", "1941-06-19"),
    ("[New York,] 27 January 1955.", "1955-01-27"),
    ("Managua, April 26, 1927—noon.", "1927-04-26"),
    ("Washington, February 30, 1915", None),
])
def test_dateline_dates(text, iso):
    assert looks_like_dateline(text)
    assert parse_date(text) == iso


def test_date_from_file_numbers():
    assert date_from_file_number("761.94/7–2145") == "1945-07-21"
    assert date_from_file_number("740.0011 Pacific War/12–3143") == "1943-12-31"
    assert date_from_file_number("761.94/1440") is None
    # a day of one digit: month–d–yy (`396.1 GE/5–354` is 3 May 1954)
    assert date_from_file_number("396.1 GE/5–354") == "1954-05-03"
    assert date_from_file_number("611.84A/6–567") == "1967-06-05"
    assert date_from_file_number("033.1100/11–1455") == "1955-11-14"
    assert not looks_like_dateline("The Secretary of State to the Ambassador")


# -- cross-references -------------------------------------------------------------------

def refs(text: str, volume: str = "frus1943China", doc: str = "d150") -> list[tuple[str, str]]:
    ctx = RefContext(volume, doc)
    return [(x.text, x.target) for x in link_references(text, ctx) if isinstance(x, Ref)]


def test_document_and_page_references():
    assert refs("Document No. 1235.") == [("Document No. 1235", "#d1235")]
    assert refs("See ante, p. 460.") == [("ante, p. 460", "#pg_460")]
    assert refs("Documents Nos. 587 and 588, printed in vol. i.") == [
        ("Documents Nos. 587", "#d587"), ("588", "#d588")]
    assert refs("See footnote 3, Document 18.") == [("footnote 3, Document 18", "#d18fn3")]


def test_other_volumes_and_ibid():
    ctx = RefContext("frus1943China", "d154")
    first = link_references("Foreign Relations, 1941, vol. v, p. 490.", ctx)
    second = link_references("Ibid., p. 492.", ctx)
    assert [x.target for x in first + second if isinstance(x, Ref)] == [
        "frus1941v05#pg_490", "frus1941v05#pg_492"]
    assert refs("Foreign Relations, 1942, China, pp. 232, 241, and 197.") == [
        ("Foreign Relations, 1942, China, pp. 232", "frus1942China#pg_232"),
        ("241", "frus1942China#pg_241"), ("197", "frus1942China#pg_197")]
    assert refs("See vol. i, document No. 586.", "frus1945Berlinv02") == [
        ("vol. i, document No. 586", "frus1945Berlinv01#d586")]
    assert sibling_volume("frus1941v06", 7) == "frus1941v07"


def test_reference_text_keeps_every_character():
    text = "See Foreign Relations, 1920, vol. i, p. 576; and post, p. 717."
    parts = link_references(text, RefContext("frus1943China", "d1"))
    assert "".join(x.text for x in parts if isinstance(x, (Text, Ref))) == text


def test_references_in_the_editors_brackets_in_the_text_are_linked():
    from edition.parse.crossrefs import link_editorial_references

    ctx = RefContext("frus1943China", "d172")
    parts = link_editorial_references(
        [Text("On p. 5 he said. [Here follows report as in telegram No. 183, page 600.] End.")],
        ctx)
    assert [(x.text, x.target) for x in parts if isinstance(x, Ref)] == [("page 600", "#pg_600")]
    assert "".join(x.text for x in parts) == (
        "On p. 5 he said. [Here follows report as in telegram No. 183, page 600.] End.")


def test_backlink_section_cut_off_inside_its_last_footnote():
    section = split_note_section(lines(
        "Heading\nYour telegram1 and the note2.\nHull\n- Not printed.↩\n"
        "- For the note, see vol. i, p."))
    assert section.style == "backlink"
    assert [n.paragraphs for n in section.footnotes] == [["Not printed."],
                                                        ["For the note, see vol. i, p."]]
    assert [x.text for x in section.rest] == ["Heading", "Your telegram1 and the note2.", "Hull"]


def test_pipe_table_filler_adds_no_word():
    from edition.parse.document import parse_document

    doc = parse_document("Notes of a Meeting\nPresent: | Count Aldrovandi. | ||\n"
                         "Mr. Orlando | |\nThe meeting opened.\n", "x.txt", "v")
    rows = [b for b in doc.blocks if b.kind == "row"]
    cells = [" ".join(t.text for t in cell if isinstance(t, Text)).strip()
             for row in rows for cell in row.cells]
    assert [c for c in cells if c] == ["Present:", "Count Aldrovandi.", "Mr. Orlando"]


@pytest.mark.parametrize("rank", ["Brigadier General, USA", "Colonel USAF", "Captain, USN"])
def test_a_signers_rank_under_the_name_signs_with_it(rank):
    kinds = classify_lines(lines(f"The President agreed.\nG\n{rank}"), True)
    assert [k.kind for k in kinds] == ["p", "signed", "signed"]
    # a short line before an ordinary signature is not drawn in
    kinds = classify_lines(lines("The President agreed.\nAgreed.\nHull"), True)
    assert [k.kind for k in kinds] == ["p", "p", "signed"]
