"""End to end: the built fixture site in headless Chromium, served under a sub-path.

Needs Chromium, Playwright, axe-core and vnu.jar: `scripts/install-browser-tools.sh`.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_browser import AXE, INSTALL_HINT, VNU, inject_axe, serve
from helpers_links import html_pages
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
V = "frus1945Berlinv02"
OUTPUT = Path(__file__).resolve().parents[1] / "output"


@pytest.fixture(scope="module")
def base_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site served at http://127.0.0.1:PORT/my-edition/ (a sub-path, as some hosts do)."""
    root = tmp_path_factory.mktemp("served")
    (root / "my-edition").symlink_to(site, target_is_directory=True)
    with serve(root) as url:
        yield url + "my-edition/"


@pytest.fixture()
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert errors == [], errors


def test_footnote_popover_note_and_back(page, base_url: str) -> None:
    page.goto(base_url + f"{V}/d1234/")
    marker = page.locator("#d1234fn3-ref")
    marker.click()
    popover = page.get_by_role("dialog", name="Note 3")
    assert popover.is_visible() and "document No. 586" in popover.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('fn-popover')")
    page.keyboard.press("Escape")
    assert page.locator(".fn-popover").count() == 0
    assert page.evaluate("document.activeElement.id") == "d1234fn3-ref"
    marker.click()
    page.get_by_role("link", name="Show in the notes").click()
    page.wait_for_url(re.compile("#d1234fn3$"))
    expect(page.locator("#d1234fn3")).to_be_in_viewport()
    page.locator("#d1234fn3 .fn-back").click()
    page.wait_for_url(re.compile("#d1234fn3-ref$"))
    expect(page.locator("#d1234fn3-ref")).to_be_in_viewport()


def test_footnotes_work_without_javascript(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + f"{V}/d1234/")
    page.locator("#d1234fn2-ref").click()
    page.wait_for_url(re.compile("#d1234fn2$"))
    assert page.locator(".fn-popover").count() == 0
    page.locator("#d1234fn2 .fn-back").click()
    page.wait_for_url(re.compile("#d1234fn2-ref$"))
    context.close()


def test_cross_reference_to_a_page_of_another_document(page, base_url: str) -> None:
    page.goto(base_url + f"{V}/d1234/#d1234fn2-2")
    page.locator("#d1234fn2-2 a.ref", has_text="p. 1264").click()
    page.wait_for_url(base_url + f"{V}/d1235/#pg_1264")
    expect(page.locator("#pg_1264")).to_be_in_viewport()



def test_reference_outside_the_edition_leads_to_history_state_gov(page, base_url: str) -> None:
    page.goto(base_url + f"{V}/d1234/")
    out = page.get_by_role("link", name="ante, p. 460 (on history.state.gov)")
    expect(out).to_be_visible()
    assert out.get_attribute("href") == (
        "https://history.state.gov/historicaldocuments/frus1945Berlinv02/pg_460")
    mark = out.locator(".ref-out-mark")
    expect(mark).to_be_visible()
    assert mark.inner_text() == "↗"
    out.scroll_into_view_if_needed()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "outbound-reference.png"), full_page=False)


def test_page_url_lands_on_the_marker(page, base_url: str) -> None:
    page.goto(base_url + f"{V}/pg_1263/")
    page.locator("ul.hits a").first.click()
    page.wait_for_url(base_url + f"{V}/d1234/#pg_1263")
    expect(page.locator("#pg_1263")).to_be_in_viewport()
    assert page.locator("#pg_1263").inner_text() == "[Page 1263]"


def search(page, base_url: str, query: str) -> list[str]:
    page.goto(base_url + "search/")
    page.get_by_label("Search the full text").fill(query)
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_selector("#search-results li.result", timeout=10_000)
    return page.locator("#search-results li.result h2").all_inner_texts()


def test_search_a_word_and_open_the_result(page, base_url: str) -> None:
    titles = search(page, base_url, "concrete")
    assert any(t.startswith("The Japanese Ambassador") for t in titles)
    meta = page.locator(".result-meta").first.inner_text()
    assert "1945" in meta and "·" in meta
    assert page.locator(".excerpt mark").count() > 0
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "search-results.png"), full_page=True)
    page.locator("#search-results li.result h2 a").first.click()
    page.wait_for_url(re.compile(rf"/{V}/d123\d/\?highlight=concrete"))
    expect(page.locator("article mark").first).to_have_text(re.compile("concrete", re.IGNORECASE))


@pytest.mark.parametrize("query", ["761.94/7-2145", "7–2145", "761.94/7–2145", "7-2145"])
def test_search_a_file_number(page, base_url: str, query: str) -> None:
    titles = search(page, base_url, query)
    assert titles[0].startswith("The Japanese Ambassador")
    page.locator("#search-results li.result h2 a").first.click()
    page.wait_for_url(re.compile(rf"/{V}/d1234/"))


def test_search_filters_and_date_order(page, base_url: str) -> None:
    search(page, base_url, "the")
    page.get_by_label("Order").select_option("desc")
    # the results are redrawn after the sort: wait for the newest first (auto-retrying)
    expect(page.locator("#search-results li.result .result-meta").first).to_contain_text(
        "July 23, 1945", timeout=10_000)
    assert page.locator("#search-results li.result").count() > 1
    page.get_by_text("Filters", exact=True).click()  # loaded when opened
    page.get_by_label("Genre").select_option("telegram")
    page.wait_for_function("() => document.querySelectorAll('#search-results li.result').length == 2")


@pytest.mark.parametrize(("typed", "doc"), [("761.94/7-2145", "d1234"), ("893.00/7–2245", "d1235"),
                                            ("1236", "d1236"), ("No. 1235", "d1235")])
def test_goto_box(page, base_url: str, typed: str, doc: str) -> None:
    page.goto(base_url + "chronology/")
    page.get_by_label("File or document no.").fill(typed)
    page.get_by_role("button", name="Go").click()
    page.wait_for_url(base_url + f"{V}/{doc}/")


def test_goto_box_unknown_number_and_no_javascript(browser, page, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_label("File or document no.").fill("999.99/1-0101")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".goto-result")).to_contain_text("No file or document")
    context = browser.new_context(java_script_enabled=False)
    nojs = context.new_page()
    nojs.goto(base_url + f"{V}/d1236/")
    nojs.get_by_label("File or document no.").fill("761.94/7-2145")
    nojs.get_by_role("button", name="Go").click()
    nojs.wait_for_url(re.compile(re.escape(base_url + "files/?q=")))
    assert nojs.locator("#f-761\\.94-7-2145").is_visible()
    context.close()


def test_screenshot_of_a_document(page, base_url: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.goto(base_url + f"{V}/d1234/")
    page.screenshot(path=str(OUTPUT / "document.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme="dark")
    page.screenshot(path=str(OUTPUT / "document-narrow-dark.png"), full_page=False)
    assert (OUTPUT / "document.png").stat().st_size > 10_000


PAGES = ["", f"{V}/", f"{V}/d1234/", f"{V}/d1235/", f"{V}/pg_1263/", "files/", "chronology/",
         "persons/", "about/", "search/", "404.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(page, base_url: str, scheme: str) -> None:
    assert AXE.is_file(), f"axe-core missing: {INSTALL_HINT}"
    page.emulate_media(color_scheme=scheme)
    found = {}
    for rel in PAGES + ["search/?q=concrete", f"{V}/d1234/#popover"]:
        page.goto(base_url + rel)
        if rel.startswith("search/?"):
            page.wait_for_selector("#search-results li.result")
        if rel.endswith("#popover"):
            page.locator("#d1234fn1-ref").click()
        inject_axe(page)
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',
                'wcag21aa', 'best-practice']});
            return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }""")
        if result:
            found[rel] = result
    assert found == {}


def test_print_shows_text_notes_and_page_markers_not_navigation(page, base_url: str) -> None:
    page.goto(base_url + f"{V}/d1234/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".goto").is_visible()
    assert page.locator("#pg_1263").is_visible()
    assert page.locator("#d1234fn3").is_visible()


def test_bundled_document_in_the_browser(browser, bundled) -> None:
    out, result = bundled
    doc = next(p for p in result.tei_files if p.stem == "d142")
    with serve(out) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(url + f"{doc.parent.name}/d142/")
        page.locator(".fn-marker a").first.click()
        assert page.get_by_role("dialog").is_visible()
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "bundled-document.png"), full_page=True)
        inject_axe(page)
        violations = page.evaluate("""async () => (await axe.run(document, {runOnly: ['wcag2a',
            'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})).violations.map(v => v.id)""")
        context.close()
    assert violations == []


def test_search_merges_the_volumes_of_the_bundled_edition(browser, bundled) -> None:
    """`Sato` is in two volumes: one search finds both."""
    out, _ = bundled
    with serve(out) as url:
        context = browser.new_context()
        page = context.new_page()
        search(page, url, "Sato")
        metas = " ".join(page.locator(".result-meta").all_inner_texts())
        page.get_by_text("Filters", exact=True).click()
        page.get_by_label("Volume").locator("option").nth(1).wait_for(state="attached")
        volume_filter = page.get_by_label("Volume").locator("option").all_inner_texts()
        context.close()
    assert "1943, The British Commonwealth" in metas and "Potsdam" in metas
    assert len(volume_filter) == 4  # "Any" and the three volumes


@pytest.mark.parametrize("which", ["fixture", "bundled"])
def test_nu_html_checker_finds_no_error(site: Path, bundled, which: str) -> None:
    assert VNU.is_file(), f"vnu.jar missing: {INSTALL_HINT}"
    pages = [str(p) for p in html_pages(site if which == "fixture" else bundled[0])]
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                         capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error" and not csp_level_3(m["message"])]
    assert errors == []


def csp_level_3(message: str) -> bool:
    """vnu's CSP grammar predates `'wasm-unsafe-eval'` (CSP Level 3), which Pagefind needs."""
    return "Expecting source-expression but found \"'wasm-unsafe-eval'\"" in message
