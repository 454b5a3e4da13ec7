"""What the reader sees of a document's identity: its number once, its volume's real
title, and citations without doubled punctuation. Examples invented, in FRUS's forms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html

from edition.build import build
from edition.config import EditionConfig, VolumeConfig
from edition.site import cite
from edition.site.identity import heading_without_number, volume_title
from edition.site.read import SiteDoc

SOVIET_UNION = "Foreign Relations of the United States, 1961–1963, Volume V, Soviet Union"


def test_heading_loses_only_the_documents_own_number() -> None:
    assert heading_without_number("112. Memorandum From the Secretary", "112") == (
        "Memorandum From the Secretary")
    assert heading_without_number("112. Memorandum", "11") == "112. Memorandum"
    assert heading_without_number("1450. Re my telegram", "112") == "1450. Re my telegram"
    assert heading_without_number("112.", "112") == "112."  # nothing would be left
    assert heading_without_number("Editorial Note", "112") == "Editorial Note"
    assert heading_without_number("112. Editorial Note", None) == "112. Editorial Note"


def test_volume_title_comes_from_settings_tei_or_catalogue() -> None:
    assert volume_title("frus1961-63v05", "frus1961-63v05", None) == SOVIET_UNION
    assert volume_title("frus1961-63v05", "My Own Title") == "My Own Title"
    assert volume_title("frus1961-63v05", "frus1961-63v05", "From the TEI") == "From the TEI"
    assert volume_title("my-letters", "my-letters") == "my-letters"  # nothing better known


DOUBLED = re.compile(r"\.,|\.\.|,,|,\.|;,|:,")


def old_style_doc() -> SiteDoc:
    """A nineteenth-century heading closed by a full stop, a dateline closed by a comma."""
    return SiteDoc(volume_id="frus1897", doc_id="d40", tei_path=Path("d40.xml"), number="40",
                   heading="Mr. Hale to Mr. Gresham.", date="1894-03-09",
                   dateline="Legation of the United States, Berne, March 9, 1894.",
                   sender="Mr. Hale", recipient="Mr. Gresham", page_from="61", page_to="62",
                   file_numbers=["711.00/40"])


def context(title: str = "Papers Relating to the Foreign Relations of the United States.",
            url: str = "") -> cite.CiteContext:
    volume = VolumeConfig(id="frus1897", title=title, editors=["A. Editor"], year="1898")
    return cite.CiteContext(volume, title, EditionConfig(), url)


def all_forms(doc: SiteDoc, ctx: cite.CiteContext) -> dict[str, str]:
    return {"note": str(cite.chicago_note(doc, ctx)), "short": str(cite.short_note(doc)),
            "archival": str(cite.archival_note(doc, ctx)), "bibtex": cite.bibtex(doc, ctx),
            "ris": cite.ris(doc, ctx),
            "csl": json.dumps(cite.csl_json(doc, ctx), ensure_ascii=False),
            "highwire": repr(cite.highwire(doc, ctx)),
            "json-ld": json.dumps(cite.json_ld(doc, ctx), ensure_ascii=False)}


@pytest.mark.parametrize("url", ["", "https://example.org/frus1897/d40/"])
def test_no_citation_form_doubles_punctuation(url: str) -> None:
    doc = old_style_doc()
    for form, text in all_forms(doc, context(url=url)).items():
        assert not DOUBLED.search(text.replace("..\\", "")), (form, text)
    note = str(cite.chicago_note(doc, context()))
    assert note.startswith("Mr. Hale to Mr. Gresham, Legation of the United States, March 9, 1894")
    assert note.endswith("doc. 40.")
    assert "title = {Mr. Hale to Mr. Gresham}" in cite.bibtex(doc, context())
    assert "TI  - Mr. Hale to Mr. Gresham\r\n" in cite.ris(doc, context())
    assert cite.csl_json(doc, context())[0]["title"] == "Mr. Hale to Mr. Gresham"


def test_abbreviations_keep_their_period() -> None:
    doc = old_style_doc()
    doc.heading = "The Secretary of State to Mr. Henry White, Jr."
    doc.dateline = "Washington, D.C., June 1, 1894."
    assert cite.tidy("Washington, D.C.") == "Washington, D.C."
    note = str(cite.chicago_note(doc, context()))
    assert note.startswith("The Secretary of State to Mr. Henry White, Jr., Washington, March")
    doc.heading = "Memorandum by the Minister in the U.S.S.R."
    doc.sender = doc.recipient = None
    assert cite.citation_title(doc) == "Memorandum by the Minister in the U.S.S.R."
    assert str(cite.short_note(doc)).startswith("Memorandum by the Minister in the…, March 9")


def test_empty_and_comma_ended_parts_leave_no_gap() -> None:
    assert str(cite._join(["One,", "", "two;", "three."])) == "One, two, three."
    assert str(cite._join(["Is it?"])) == "Is it?"


@pytest.fixture(scope="module")
def modern_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A volume with no volume.yaml whose documents print their numbers in the heading."""
    sources = tmp_path_factory.mktemp("sources")
    volume = sources / "frus1961-63v05"
    volume.mkdir()
    (volume / "d112.txt").write_text(
        "112. Memorandum From the Secretary of State to President Kennedy1\n"
        "Washington, May 4, 1961.\n"
        "SUBJECT\n"
        "Talks in Vienna\n"
        "The Soviet Ambassador called on me today about the talks. See Document 113 and "
        "the telegram printed in Foreign Relations, 1958–1960, vol. X, Part 1, Document 3.\n"
        "Dean Rusk\n"
        "- Source: Department of State, Central Files, 611.61/5–461. Secret.↩\n",
        encoding="utf-8")
    (volume / "d113.txt").write_text(
        "113. Telegram From the Embassy in the Soviet Union to the Department of State1\n"
        "Moscow, May 5, 1961, 2 p.m.\n"
        "2760. Gromyko asked for a reply.\n"
        "Thompson\n"
        "- Source: Department of State, Central Files, 611.61/5–561. Confidential.↩\n",
        encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "site"
    result = build(sources, out)
    assert not [m for m in result.messages if m.level == "error"], result.messages
    return out


def test_page_shows_the_number_once_and_the_volumes_title(modern_edition: Path) -> None:
    page = html.parse(str(modern_edition / "frus1961-63v05" / "d112" / "index.html"))
    h1 = page.xpath("string(//h1)")
    assert h1.startswith("Memorandum From the Secretary of State to President Kennedy")
    assert page.xpath("string(//p[@class='doc-number'])") == "No. 112"
    # what a reader sees or hears: the search index's hidden words left out
    body = "".join(page.xpath("//article//text()[not(ancestor::*[@aria-hidden='true'])]"))
    assert len(re.findall(r"\b112\b", body)) == 1  # `No. 112` only
    assert page.xpath("string(//title)").startswith("No. 112: Memorandum From")
    assert SOVIET_UNION in page.xpath("string(//title)")
    crumbs = page.xpath("//nav[contains(@class, 'breadcrumbs')]//a/text()")
    assert SOVIET_UNION in crumbs and "frus1961-63v05" not in crumbs
    note = page.xpath("string(//p[@id='cite-note'])")
    assert note.startswith("Memorandum From the Secretary of State to President Kennedy, ")
    assert f"in {SOVIET_UNION} (" in note and "112. " not in note
    bib = (modern_edition / "frus1961-63v05" / "d112" / "d112.bib").read_text(encoding="utf-8")
    assert "title = {Memorandum From" in bib and f"booktitle = {{{SOVIET_UNION}}}" in bib


def test_lists_show_the_heading_without_its_number(modern_edition: Path) -> None:
    contents = html.parse(str(modern_edition / "frus1961-63v05" / "index.html"))
    assert SOVIET_UNION in contents.xpath("string(//h1)")
    links = [" ".join(a.text_content().split()) for a in contents.xpath("//main//a")]
    assert any(t.startswith("Telegram From the Embassy") for t in links), links
    assert not any(t.startswith(("112. ", "113. ")) for t in links), links
