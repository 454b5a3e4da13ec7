"""Whole documents in the variants real pages show (notes/raw-format.md §1–§9)."""

from __future__ import annotations

from edition.model import Note, PageBreak, Text
from edition.parse.document import parse_document

SINGLE_NEWLINE = """817.00/4727: Telegram
The Minister in Nicaragua ( Eberhardt ) to the Secretary of State
Managua, April 26,
1927—noon.
[Received 9:30 p.m.]
[Received 9:30 p.m.]
109. Your telegram No. 75.46 Received following from Stimson:
- 1.
- Yesterday47 it rained.
Eberhardt
- Not printed.↩
- See p. 12.↩
"""

HARD_WRAPPED = """No. 72.
Mr. Adams to Mr.
Seward,
No. 32.]
Legation of the United
States,
London,
August 23, 1861.
Sir: I have the honor to acknowledge the receipt of your despatch
of the 2d instant, and I propose to address a
[Page 134]
letter
to his lordship upon the subject at the earliest opportunity which
may offer itself for that purpose, as soon as the present session of
Parliament shall have come to its close and the ministers are free.
I have the honor to be, sir, your obedient servant,
CHARLES FRANCIS ADAMS.
"""

NO_LIST = """The Secretary of State to the Ambassador in France (Bullitt)82

Your telegram of May 9 reports that the Minister83 called.

Hull
"""


def words(parts) -> str:
    return " ".join("".join(p.text for p in parts if isinstance(p, Text)).split())


def test_single_newline_rendering_with_split_dateline_and_dash_items():
    doc = parse_document(SINGLE_NEWLINE, "d304.txt", "frus1927v03")
    assert doc.heading_text == "The Minister in Nicaragua (Eberhardt) to the Secretary of State"
    assert doc.file_numbers == ["817.00/4727"]
    assert doc.date.when == "1927-04-26" and doc.date.evidence == "dateline"
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["dateline", "received", "received", "received", "p", "item", "item",
                     "signed"]
    notes = doc.notes()
    assert [(n.n, n.plain_text()) for n in notes] == [("46", "Not printed."), ("47", "See p. 12.")]
    assert words(doc.blocks[4].content) == "109. Your telegram No. 75. Received following from Stimson:"
    assert [words(b.content) for b in doc.blocks[5:7]] == ["1.", "Yesterday it rained."]
    assert doc.messages == []


def test_hard_wrapped_page_is_joined_into_paragraphs():
    doc = parse_document(HARD_WRAPPED, "frus1861_d72.txt", "frus1861")
    assert doc.number == "72" and doc.heading_text == "Mr. Adams to Mr. Seward,"
    assert doc.date.when == "1861-08-23"
    assert [b.kind for b in doc.blocks][:3] == ["serial", "dateline", "p"]
    body = doc.blocks[2].content
    assert isinstance(body[1], PageBreak) and body[1].n == "134"
    assert words(body[:1]).endswith("I propose to address a")
    assert words(body[2:]).startswith("letter to his lordship")


def test_markers_without_a_footnote_list_become_empty_notes_with_a_warning():
    doc = parse_document(NO_LIST, "x.txt", "v")
    assert doc.heading_text.endswith("(Bullitt)")
    assert [n.n for n in doc.notes()] == ["82", "83"]
    assert all(isinstance(n, Note) and n.plain_text() == "" for n in doc.notes())
    assert len(doc.messages) == 2 and "no footnote text" in doc.messages[0].text
    assert words(doc.blocks[0].content) == "Your telegram of May 9 reports that the Minister called."


def test_a_text_without_markers_or_notes_is_left_as_it_is():
    text = "The Secretary to the Ambassador\n\nThe B29 flew at 10:15 a.m. on July 13th.\n"
    doc = parse_document(text, "x.txt", "v")
    assert doc.notes() == [] and doc.messages == []
    assert words(doc.blocks[0].content) == "The B29 flew at 10:15 a.m. on July 13th."


def test_datelines_split_after_the_place_or_glued_to_a_serial():
    text = "Mr. Bryan to Mr. Page\nWashington,\nAugust 10, 1915\n.\nSir: I have to inform you."
    doc = parse_document(text, "x.txt", "v")
    assert [b.kind for b in doc.blocks] == ["dateline", "received", "received", "p"]
    assert doc.date.when == "1915-08-10"
    glued = "Mr. Winchester to Mr. Bayard\nNo. 241.]Berne, December 19, 1888. (Received January 2, 1889.)\nSir: A note."
    assert parse_document(glued, "x.txt", "v").date.when == "1888-12-19"


def test_a_time_wrapped_onto_the_next_line_stays_in_the_dateline():
    for text in ("Peiping, September 22, 1931—3\np.m.", "Tel Aviv, May 23, 1967,\n2145Z."):
        doc = parse_document(f"The Minister to the Secretary\n{text}\nBody text.", "x.txt", "v")
        assert [b.kind for b in doc.blocks] == ["dateline", "received", "p"]
