"""The search page over several Pagefind bundles, in headless Chromium under the site's CSP.

The repository's edition is built with one bundle per volume (`BUNDLE_DOCS` lowered), as a
large edition is: a word missing from a bundle makes Pagefind fall back to a prefix there
(`Lozovsky` → `L.`), so these tests fail if the page merges bundles blindly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_browser import serve_with_headers
from playwright.sync_api import expect

from edition.site import search as site_search

pytestmark = pytest.mark.browser
SOURCES = Path(__file__).resolve().parents[2] / "sources"
BERLIN = "frus1945Berlinv02"


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled edition built with a Pagefind bundle per volume."""
    from edition.build import build

    out = tmp_path_factory.mktemp("split") / "site"
    limit = site_search.BUNDLE_DOCS
    site_search.BUNDLE_DOCS = 1
    try:
        build(SOURCES, out)
    finally:
        site_search.BUNDLE_DOCS = limit
    return out


@pytest.fixture(scope="module")
def base_url(split_site: Path) -> Iterator[str]:
    with serve_with_headers(split_site) as url:
        yield url


@pytest.fixture()
def page(browser) -> Iterator[object]:
    context = browser.new_context()
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(str(exc)))
    pg.on("console", lambda msg: problems.append(msg.text)
          if "Content Security Policy" in msg.text else None)
    yield pg
    context.close()
    assert problems == [], problems


def results(page, base_url: str, query: str) -> list[str]:
    """The result links' paths for `query` typed into the search page, in order."""
    page.goto(base_url + "search/?q=" + query.replace("/", "%2F"))
    page.wait_for_selector("#search-results li.result", timeout=15_000)
    page.wait_for_load_state("networkidle")  # the rest of the first page, drawn after
    return page.eval_on_selector_all(
        "#search-results li.result h2 a", "as => as.map(a => new URL(a.href).pathname)")


def test_the_edition_has_a_bundle_per_volume(split_site: Path) -> None:
    assert sorted(p.name for p in (split_site / "pagefind").iterdir()) == sorted(
        p.name for p in SOURCES.iterdir() if p.name.startswith("frus"))
    assert (split_site / "search-words" / "bundles.json").is_file()


def test_a_rare_name_brings_its_document_first(page, base_url: str) -> None:
    # `Lozovsky` is in one Berlin document; the China volume has `L.` in several
    found = results(page, base_url, "Lozovsky")
    assert found[0] == f"/{BERLIN}/d1234/"
    assert all(p.startswith(f"/{BERLIN}/") for p in found)
    assert "No document" not in page.locator("#search-status").inner_text()
    assert page.locator("#search-results li.near").count() == 0


def test_a_word_in_no_document_says_so_and_offers_near_matches(page, base_url: str) -> None:
    found = results(page, base_url, "Lozovskyy")
    status = page.locator("#search-status")
    expect(status).to_contain_text("No document contains Lozovskyy")
    assert status.locator("em").inner_text() == "Lozovskyy"
    assert found and page.locator("#search-results li.near").count() == len(found)


@pytest.mark.parametrize("typed", ["761.94/7-2145", "761.94/7–2145", "761.94 / 7–2145"])
def test_a_file_number_however_typed_finds_its_document_first(page, base_url: str,
                                                               typed: str) -> None:
    assert results(page, base_url, typed)[0] == f"/{BERLIN}/d1234/"


def test_a_class_alone_lists_that_class_first(page, base_url: str) -> None:
    found = results(page, base_url, "761.94")
    metas = page.locator("#search-results li.result .result-meta").all_inner_texts()
    assert f"/{BERLIN}/d1234/" in found
    in_class = [" 761.94/" in f" {m}" for m in metas]
    assert in_class[0] and in_class == sorted(in_class, reverse=True)


def test_a_filter_and_the_date_order_still_work(page, base_url: str) -> None:
    results(page, base_url, "Soviet")
    assert page.locator("#search-results li.result").count() > 1
    page.get_by_label("Order").select_option("asc")
    page.wait_for_selector("#search-results:not([aria-busy]) li.result")

    def years() -> list[int]:
        metas = page.locator("#search-results li.result .result-meta").all_inner_texts()
        dates = (re.search(r"[A-Z][a-z]+ \d{1,2}, (\d{4})", t) for t in metas)
        return [int(m.group(1)) for m in dates if m]

    assert len(years()) > 1 and years() == sorted(years())
    page.get_by_text("Filters", exact=True).click()  # loaded when opened
    volume = page.get_by_label("Volume")
    volume.locator("option").nth(1).wait_for(state="attached")
    choice = next(o for o in volume.locator("option").all_inner_texts() if "Potsdam" in o)
    volume.select_option(label=choice)
    page.wait_for_selector("#search-results:not([aria-busy]) li.result")
    metas = page.locator("#search-results li.result .result-meta").all_inner_texts()
    assert metas and all("Potsdam" in m for m in metas)


def test_more_results_on_request(page, base_url: str) -> None:
    results(page, base_url, "the")
    shown = page.locator("#search-results li.result").count()
    assert shown == 10
    page.get_by_role("button", name="More results").click()
    expect(page.locator("#search-results li.result")).to_have_count(20)
