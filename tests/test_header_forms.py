"""The top of a document across FRUS eras: source lines in their odd printed forms, tag
lines such as `[Paraphrase]`, document numbers, headings that print their number, and the
date when the text has no dateline at its head. Every example is invented, in the real form.
"""

from __future__ import annotations

import pytest
from lxml import etree

from edition.model import Document, plain_text
from edition.parse.dates import looks_like_dateline
from edition.parse.document import parse_document
from edition.parse.filenumbers import is_source_line, read_source_line
from edition.tei.validate import relaxng, safe_parser
from edition.tei.write import Publication, document_to_tei

NS = {"t": "http://www.tei-c.org/ns/1.0"}
HEADING = "The Minister in Ruritania (Smith) to the Secretary of State"
BODY = "312. Your 45, May 2. The Foreign Minister called on me today."


def parse(text: str, name: str = "frus1928v02_d7.txt") -> Document:
    return parse_document(text, name, "frus1928v02")


def body_words(doc: Document) -> str:
    return " ".join(plain_text(b.cells[0] if b.cells else b.content) for b in doc.blocks)


# -- source lines -----------------------------------------------------------------------

SOURCE_FORMS = [
    # (first line as printed, file numbers read from it)
    ("710.B12 a 4/271: Telegram", ["710.B12 a 4/271"]),       # lower-case subject
    ("710.B12 a 4/305b: Telegram", ["710.B12 a 4/305b"]),     # serial with a letter
    ("894.00/3318: Telegram (part air)", ["894.00/3318"]),    # words after the genre
    ("793.003/640 Suppl.: Telegram", ["793.003/640"]),        # a supplement
    ("793.003/702b (Suppl): Telegram", ["793.003/702b"]),
    ("93.94/7781: Telegram", ["93.94/7781"]),                 # class misprinted, one digit short
    ("711.00111 Armament Control/614", ["711.00111 Armament Control/614"]),
    ("800.51W89 Belgium/302", ["800.51W89 Belgium/302"]),
    ("File No. 838.00/1402.", ["838.00/1402"]),                # 1910s, closing period
    ("File No. 812.00/2281, 2290.", ["812.00/2281", "812.00/2290"]),
    ("Paris Peace Conf. 185.1821/33", ["185.1821/33"]),
]


@pytest.mark.parametrize(("source", "numbers"), SOURCE_FORMS)
def test_a_first_line_opening_with_a_file_number_is_the_source_line(source, numbers):
    doc = parse(f"{source}\n\n{HEADING}\n\n{BODY}\n\nSmith\n")
    assert doc.source_note == source  # kept as printed
    assert doc.file_numbers == numbers
    assert doc.heading_text == HEADING
    assert body_words(doc).startswith("312. Your 45")


def test_a_superscript_fraction_run_into_the_serial_is_read_and_reported():
    doc = parse(f"793.94/80561/2: Telegram\n\n{HEADING}\n\n{BODY}\n")
    assert doc.source_note == "793.94/80561/2: Telegram"
    assert doc.file_numbers == ["793.94/8056½"]
    [warning] = [m for m in doc.messages if "fraction" in m.text]
    assert (warning.file, warning.line, warning.level) == ("frus1928v02_d7.txt", 1, "warning")
    assert "793.94/80561/2" in warning.text


@pytest.mark.parametrize("source", ["93.94/7781: Telegram", "793.003/640 Suppl.: Telegram"])
def test_what_is_doubtful_in_a_source_line_is_reported_with_its_line(source):
    doc = parse(f"\n{source}\n\n{HEADING}\n\n{BODY}\n")
    doubts = [m for m in doc.messages if m.text.startswith("source line")]
    assert doubts and all(m.line == 2 and m.file == "frus1928v02_d7.txt" for m in doubts)


def test_a_plain_source_line_raises_no_doubt():
    doc = parse(f"894.00/3318: Telegram\n\n{HEADING}\n\n{BODY}\n")
    assert not [m for m in doc.messages if m.text.startswith("source line")]
    assert read_source_line("761.94/7–2145: Telegram").doubts == []


@pytest.mark.parametrize("line", [
    "112. Memorandum From the Secretary of State to President Kennedy, 3/4 done",
    "No. 142.",
    "Mr. Seward to Mr. Adams.",
    "[Inclosure 1 in No. 798.]",
    "254. Transcript of Telephone Conversation Between Kissinger and Rogers",
    "150 tons for each of the 1/3 of the cruisers",  # a body line that opens with a number
    "10/12/45",
])
def test_numbered_headings_and_older_first_lines_are_not_source_lines(line):
    assert not is_source_line(line)


# -- lines between the heading and the body -----------------------------------------------

@pytest.mark.parametrize("tag", ["[Paraphrase]", "[Extract]"])
def test_a_tag_line_after_the_heading_is_body_text(tag):
    doc = parse(f"710.B12 a 4/271: Telegram\n\n{HEADING}\n\n{tag}\n\n{BODY}\n")
    assert doc.heading_text == HEADING
    assert body_words(doc).startswith(f"{tag} 312. Your 45")


# -- other eras keep their forms ----------------------------------------------------------

def test_1870s_printed_number_and_heading_without_source_line():
    doc = parse("No. 57.\n\nMr. Fish to Mr. Washburne.\n\nDepartment of State,\n"
                "Washington, March 3, 1871.\n\nSir: I have received your despatch.\n",
                "frus1871_d66.txt")
    assert doc.source_note is None and doc.file_numbers == []
    assert doc.number == "57" and doc.heading_text == "Mr. Fish to Mr. Washburne."
    assert doc.date is not None and doc.date.when == "1871-03-03"


@pytest.mark.parametrize("rendering", ["\n", "\n\n"])
def test_a_signature_followed_by_a_page_turn_is_still_the_signature(rendering):
    text = rendering.join([
        "No. 41.", "Mr. Fish to Mr. Jay.", "No. 12.]", "Sir: Your despatch has been received.",
        "JOHN SMITH.", "[Page 88]"]) + "\n"
    doc = parse(text, "frus1871_d41.txt")
    kinds = [(b.kind, plain_text(b.content)) for b in doc.blocks]
    assert ("signed", "JOHN SMITH.") in kinds
    assert "[Page" not in body_words(doc)


def test_1970s_numbered_heading_with_a_source_footnote():
    text = ("254. Memorandum From the President’s Assistant (Kissinger) to President Nixon1\n\n"
            "Washington, April 6, 1971.\n\nThe talks went on.\n\n"
            "  1. Source: National Archives, RG 59, Central Files 1970–73, POL 7 US. Secret.\n")
    doc = parse(text, "frus1969-76v17_d254.txt")
    assert doc.source_note is None
    assert doc.number == "254" and doc.heading_number == "254"
    assert doc.date is not None and (doc.date.when, doc.date.evidence) == ("1971-04-06", "dateline")


# -- dates ----------------------------------------------------------------------------------

def test_a_memorandum_dated_at_its_foot():
    text = (f"711.00/712\n\n{HEADING}\n\nMemorandum\n\nThe Government has considered the "
            "proposals of May 1, 1930, and finds them acceptable.\n\nWashington, May 4, 1931.\n")
    doc = parse(text)
    assert doc.date is not None and (doc.date.when, doc.date.evidence) == ("1931-05-04", "dateline")


def test_a_dateline_after_the_signature():
    text = (f"{HEADING}\n\nSir: I have the honor to report.\n\nJ. Smith\n\n"
            "[Washington,] 9 June, 1929.\n")
    doc = parse(text)
    assert doc.date is not None and doc.date.when == "1929-06-09"


@pytest.mark.parametrize("rendering", ["\n", "\n\n"])
def test_a_dateline_whose_day_the_editors_corrected_keeps_the_printed_day(rendering):
    text = rendering.join([
        "812.34 Loans/12: Telegram", HEADING, "Lisbon, March 14 [13], 1936—4 p.m.",
        "[Received 9 p.m.]", BODY, "Smith"]) + "\n"
    doc = parse(text)
    assert doc.date is not None and (doc.date.when, doc.date.evidence) == ("1936-03-14", "dateline")
    assert doc.dateline is not None and doc.dateline.startswith("Lisbon, March 14 [13], 1936—4 p.m.")


def test_a_date_in_the_last_paragraph_is_not_a_dateline():
    text = (f"{HEADING}\n\nSir: I have the honor to report that the note of May 1, 1930, "
            "was answered on the same day by the Foreign Office.\n\nSmith\n")
    assert parse(text).date is None


def test_a_modern_heading_with_a_date_is_dated_only_as_the_profile_allows():
    """TEI-PROFILE.md dates a document from its dateline or a date-based file number."""
    heading = ("112. Memorandum From the Secretary of State to President Kennedy, "
               "Washington, June 4, 1962, 3:15 p.m.1")
    with_file = parse(f"{heading}\n\nThe talks.\n\n"
                      "  1. Source: Department of State, Central Files, 762.00/6–562. Secret.\n",
                      "frus1961-63v15_d112.txt")
    assert with_file.date is not None
    assert (with_file.date.when, with_file.date.evidence) == ("1962-06-05", "file-number")
    without = parse(f"{heading}\n\nThe talks.\n\n  1. Source: Kennedy Library. Secret.\n",
                    "frus1961-63v15_d112.txt")
    assert without.date is None


@pytest.mark.parametrize("first", [
    "On June 22, 1964, the President met the Prime Minister.",
    "June 22, 1964, was the day the President met the Prime Minister of Turkey at last.",
])
def test_an_editorial_note_opening_with_a_date_has_no_dateline(first):
    doc = parse(f"71. Editorial Note\n\n{first}\n\nThe talks went on.\n",
                "frus1964-68v16_d71.txt")
    assert doc.date is None and doc.dateline is None
    assert [b.kind for b in doc.blocks] == ["p", "p"]


@pytest.mark.parametrize(("line", "is_dateline"), [
    ("Washington, June 22, 1964, 11 a.m.", True),
    ("Legation of the United States, Caracas, February 15, 1897. (Received March 2.)", True),
    ("Chungking, December 15, 1943—3 p.m.", True),
    ("Managua, April 26,", True),  # the date goes on on the next line
    ("June 22, 1964, was the day the President met the Prime Minister of Turkey.", False),
])
def test_a_dateline_ends_soon_after_its_date(line, is_dateline):
    assert looks_like_dateline(line) is is_dateline


# -- the number a modern heading prints -------------------------------------------------------

def test_a_numbered_heading_gives_a_title_without_its_number_and_the_tei_keeps_every_word():
    text = ("112. Memorandum From the Secretary of State to President Kennedy1\n\n"
            "Washington, June 4, 1962.\n\nThe talks.\n\n  1. Source: Kennedy Library.\n")
    doc = parse(text, "frus1961-63v15_d112.txt")
    assert doc.heading_number == "112"
    assert doc.title == "Memorandum From the Secretary of State to President Kennedy"
    tei = etree.fromstring(document_to_tei(doc, Publication("P", "2026", "V")), safe_parser())
    complete = tei.xpath("//t:titleStmt/t:title[@type='complete']/text()", namespaces=NS)
    short = tei.xpath("//t:titleStmt/t:title[@type='short']/text()", namespaces=NS)
    assert complete == ["112. Memorandum From the Secretary of State to President Kennedy"]
    assert short == [doc.title]
    head = "".join(tei.xpath("//t:div/t:head", namespaces=NS)[0].xpath(
        "text()", namespaces=NS))
    assert head.startswith("112. Memorandum From")
    assert relaxng().validate(tei), relaxng().error_log


def test_a_heading_without_a_number_is_its_own_title():
    doc = parse(f"711.00/712\n\n{HEADING}\n\n{BODY}\n")
    assert doc.heading_number is None and doc.title == HEADING
    tei = etree.fromstring(document_to_tei(doc, Publication("P", "2026", "V")), safe_parser())
    assert tei.xpath("//t:titleStmt/t:title[@type='short']", namespaces=NS) == []


@pytest.mark.parametrize("source", [
    "Paris Peace Conf. 180.03401/52", "Paris Peace Conference 184.01202/17½",
    "Paris Peace Conf 180.03401/61", "paris Peace Conf. 180.03401/70",
])
def test_paris_peace_conference_source_line_and_minutes_designation(source):
    text = (f"{source}\n\nCF–27\n\nNotes of a Meeting Held at President Wilson’s House, Paris, "
            "on Monday, May 26, 1919, at 4 p.m.\n\nPresent\n\nPresident Wilson\n")
    doc = parse(text, "frus1919Parisv06_d3.txt")
    assert doc.source_note == f"{source} CF–27"  # in order, before the heading
    assert doc.file_numbers == [source.split()[-1]]
    assert doc.heading_text.startswith("Notes of a Meeting Held")
    assert body_words(doc).startswith("Present President Wilson")


def test_a_hard_wrapped_page_keeps_the_minutes_designation_off_the_heading():
    para = ("The President said that he had read the report of the commission with care and\n"
            "that in his opinion the proposals made there were fair to both of the parties\n"
            "concerned, though he would wish to hear what the others thought of them as\n"
            "a whole before the Council came to any decision on the matter before it\n")
    text = ("Paris Peace Conf. 180.03401/52\nCF–27\nNotes of a Meeting Held at President "
            "Wilson’s House.\n" + (para.rstrip() + ".\n") * 3)
    doc = parse(text, "frus1919Parisv06_d3.txt")
    assert doc.source_note == "Paris Peace Conf. 180.03401/52 CF–27"
    assert doc.heading_text == "Notes of a Meeting Held at President Wilson’s House."
    assert body_words(doc).startswith("The President said")


@pytest.mark.parametrize(("source", "numbers"), [
    ("File No. 763.72/2210; 763.72119/56.", ["763.72/2210", "763.72119/56"]),
    ("File Nos. 812.00/1193 and 1202", ["812.00/1193", "812.00/1202"]),
    ("710.B12 a 4/271, 274: Telegram", ["710.B12 a 4/271", "710.B12 a 4/274"]),
])
def test_several_file_numbers_in_one_source_line(source, numbers):
    reading = read_source_line(source)
    assert reading.file_numbers == numbers and reading.doubts == []
