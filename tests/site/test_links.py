"""Where cross-references lead: a page of this edition, history.state.gov, or nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.site.catalog import Catalog
from edition.site.links import EDITION, HISTORY_STATE_GOV, UNRESOLVED, decide
from edition.site.urls import history_state_gov

V = "frus1945Berlinv02"  # the fixture volume: d1234 (pp. 1262–1263), d1235, d1236
HSG = "https://history.state.gov/historicaldocuments/"


def test_history_state_gov_addresses() -> None:
    assert history_state_gov("frus1939v02", "pg_88") == HSG + "frus1939v02/pg_88"
    assert history_state_gov("frus1955-57v10", "d45") == HSG + "frus1955-57v10/d45"
    # A footnote's id: history.state.gov sends it on to the note in its document.
    assert history_state_gov("frus1955-57v10", "d18fn3") == HSG + "frus1955-57v10/d18fn3"


def test_targets_in_the_edition_link_to_their_page_and_anchor(catalog: Catalog) -> None:
    def href(target: str) -> str:
        link = catalog.link(target, V)
        assert link.where == EDITION, (target, link)
        return link.href

    assert href("#d1236") == f"{V}/d1236/"
    assert href(f"{V}#d1236") == f"{V}/d1236/"
    assert href("#pg_1263") == f"{V}/d1234/#pg_1263"  # the [Page 1263] marker
    assert href("#pg_1262") == f"{V}/d1234/#pg_1262"  # the top of the document begun on it
    assert href("#d1234fn2") == f"{V}/d1234/#d1234fn2"  # a footnote


def test_a_page_held_without_a_marker_or_a_beginning_goes_to_the_page_list() -> None:
    from edition.config import VolumeConfig
    from edition.site.read import SiteDoc

    # A document known to run over pp. 10–12 whose text marks no page break.
    doc = SiteDoc(volume_id=V, doc_id="d5", tei_path=Path("d5.xml"), page_from="10",
                  page_to="12")
    catalog = Catalog([VolumeConfig(id=V)], [doc])
    assert catalog.link("#pg_11", V).href == f"{V}/pg_11/"
    assert catalog.link("#pg_10", V).href == f"{V}/d5/#pg_10"


def test_targets_outside_the_edition_go_to_history_state_gov(catalog: Catalog) -> None:
    cases = {
        "#pg_460": HSG + f"{V}/pg_460",  # a page of this volume the edition lacks
        "#d1300": HSG + f"{V}/d1300",
        "frus1939v02#pg_88": HSG + "frus1939v02/pg_88",
        "frus1955-57v10#d45": HSG + "frus1955-57v10/d45",
        "frus1955-57v10#d18fn3": HSG + "frus1955-57v10/d18fn3",
        "frus1961-63v05#d12": HSG + "frus1961-63v05/d12",
    }
    for target, url in cases.items():
        link = catalog.link(target, V)
        assert (link.where, link.href) == (HISTORY_STATE_GOV, url), target
        assert link.leaves_edition


@pytest.mark.parametrize("target, volume", [
    ("#pg_41", "my-letters"),  # this volume is no FRUS volume and the page is not here
    ("#d3", "my-letters"),
    ("frus1939v99#pg_1", "frus1941v06"),  # no such FRUS volume
    ("frus1941v06v01#d586", "frus1941v06"),
    ("javascript:alert(1)", "frus1941v06"),
    ("", "frus1941v06"),
    ("frus1939v02#pg_é", "frus1941v06"),  # not an address part
])
def test_what_cannot_be_followed_says_why(target: str, volume: str) -> None:
    link = decide(target, volume, lambda volume, fragment: None)
    assert link.where == UNRESOLVED and not link.href and link.problem


def test_unresolved_references_are_reported(catalog: Catalog) -> None:
    doc = catalog.by_id[(V, "d1235")]
    doc.refs = ["#d1234", "frus1939v99#pg_3", "frus1939v99#pg_3", "#pg_460"]
    found = catalog.unresolved_references({(V, "d1235"): "letters/d1235.txt"})
    assert [(m.level, m.file) for m in found] == [("warning", "letters/d1235.txt")]
    assert "frus1939v99#pg_3" in found[0].text and "FRUS catalogue" in found[0].text
    assert [m.file for m in catalog.unresolved_references()] == [f"tei/{V}/d1235.xml"]


def test_the_build_report_lists_what_cannot_be_followed(tmp_path: Path) -> None:
    import shutil

    from conftest import FIXTURES, VOLUME
    from lxml import html

    from edition.config import VolumeConfig, load_edition_config
    from edition.site import build_site

    shutil.copytree(FIXTURES / "tei", tmp_path / "tei")
    tei = tmp_path / "tei" / VOLUME / "d1236.xml"
    text = tei.read_text(encoding="utf-8")
    tei.write_text(text.replace("</head>", '</head><p>See <ref target="frus1939v99#pg_3">'
                                "vol. xcix, p. 3</ref>.</p>", 1), encoding="utf-8")
    config, _ = load_edition_config(FIXTURES / "sources")
    build_site(config, [VolumeConfig(id=VOLUME, title=VOLUME)],
               sorted((tmp_path / "tei").glob("*/*.xml")), FIXTURES / "sources", tmp_path)
    report = " ".join(html.parse(str(tmp_path / "report" / "index.html")).getroot()
                      .text_content().split())
    assert "cross-reference `frus1939v99#pg_3` cannot be followed" in report
    assert "#pg_460" not in report  # it leads to history.state.gov
    page = html.parse(str(tmp_path / VOLUME / "d1236" / "index.html"))
    assert page.xpath("string(//span[@class='ref-unresolved'])") == "vol. xcix, p. 3"
