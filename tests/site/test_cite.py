"""Citations: note forms, downloads and meta tags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edition.config import EditionConfig, VolumeConfig
from edition.site import cite
from edition.site.read import read_tei

FIXTURES = Path(__file__).parent / "fixtures"
VOLUME = "frus1945Berlinv02"

TITLE = "Foreign Relations of the United States: The Conference of Berlin (Potsdam), 1945, Volume II"


@pytest.fixture()
def doc():
    found, messages = read_tei(FIXTURES / "tei" / VOLUME / "d1234.xml", VOLUME)
    assert found is not None and not messages
    return found


def context(url: str = "https://example.org/e/frus1945Berlinv02/d1234/") -> cite.CiteContext:
    volume = VolumeConfig(id=VOLUME, title=VOLUME, editors=["Richardson Dougall", "B & C"],
                          year="1960")
    return cite.CiteContext(volume, TITLE, EditionConfig(), url)


def test_chicago_note(doc) -> None:
    note = str(cite.chicago_note(doc, context()))
    assert note == (
        "The Japanese Ambassador in the Soviet Union (Sato) to the Japanese Minister of Foreign "
        "Affairs (Togo), telegram, July 21, 1945, in <i>" + TITLE + "</i>, ed. Richardson "
        "Dougall and B &amp; C (Washington: United States Government Printing Office, 1960), "
        "doc. 1234, https://example.org/e/frus1945Berlinv02/d1234/.")


def test_short_and_archival_forms(doc) -> None:
    assert str(cite.short_note(doc)) == "Sato to Togo, July 21, 1945, doc. 1234."
    archival = str(cite.archival_note(doc, context()))
    assert "file 761.94/7–2145, Central Decimal File" in archival
    assert archival.endswith(f"printed in <i>{TITLE}</i>, doc. 1234.")
    doc.file_numbers = []
    assert cite.archival_note(doc, context()) is None


def test_human_dates() -> None:
    assert cite.human_date("1945-07-21") == "July 21, 1945"
    assert cite.human_date("1945-07") == "July 1945"
    assert cite.human_date("1945") == "1945"
    assert cite.human_date(None) == ""


def test_bibtex_escapes_and_fields(doc) -> None:
    doc.heading = "Costs {50%} & more_#1 ~ $ \\ ^"
    text = cite.bibtex(doc, context())
    assert text.startswith("@incollection{frus1945Berlinv02-d1234,\n")
    assert r"title = {Costs \{50\%\} \& more\_\#1 \~{} \$ \textbackslash{} \^{}}" in text
    assert "booktitle = {" + TITLE + "}" in text
    assert "editor = {Richardson Dougall and B \\& C}" in text
    assert "pages = {1262--1263}" in text
    assert text.count("{") - text.count("\\{") == text.count("}") - text.count("\\}")


def test_ris(doc) -> None:
    lines = cite.ris(doc, context()).split("\r\n")
    assert lines[0] == "TY  - CHAP"
    assert "T2  - " + TITLE in lines
    assert "DA  - 1945/07/21/" in lines
    assert "SP  - 1262" in lines and "EP  - 1263" in lines
    assert "N1  - File 761.94/7–2145" in lines
    assert lines[-2] == "ER  - "


def test_csl_json(doc) -> None:
    [item] = json.loads(json.dumps(cite.csl_json(doc, context())))
    assert item["type"] == "letter" and item["container-title"] == TITLE
    assert item["issued"] == {"date-parts": [[1945, 7, 21]]}
    assert item["author"] == [{"literal": "Japanese Ambassador in the Soviet Union (Sato)"}]
    assert item["archive_location"] == "761.94/7–2145" and item["number"] == "1234"


def test_highwire_makes_a_book_section(doc) -> None:
    tags = dict(cite.highwire(doc, context()))
    assert tags["citation_title"] == doc.heading
    assert tags["citation_inbook_title"] == TITLE == tags["citation_book_title"]
    assert tags["citation_date"] == "1945/07/21"
    assert tags["citation_firstpage"] == "1262"


def test_json_ld_cannot_close_its_script(doc) -> None:
    doc.heading = "</script><script>alert(1)</script>"
    text = str(cite.json_for_script(cite.json_ld(doc, context())))
    assert "</script" not in text and "<" not in text
    assert json.loads(text)["name"] == doc.heading


def test_no_url_without_base_url(doc, tmp_path: Path) -> None:
    assert "http" not in str(cite.chicago_note(doc, context(url="")))
