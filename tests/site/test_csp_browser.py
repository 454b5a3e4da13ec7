"""The Content-Security-Policy in a real browser: the site's own scripts (and Pagefind's
WebAssembly, in its worker) run under it; nothing a source smuggled in runs at all.

The site is served as a host reading `_headers` would serve it, so the policy reaches the
Pagefind worker too (a worker does not inherit the page's `<meta>` policy).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_browser import headers_of, serve_with_headers

from edition.site.headers import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.browser

HOSTILE = """Heading <script>alert("head")</script> "><img src=x onerror=alert(1)>

The Ambassador "><svg onload=alert(2)> to the Secretary javascript:alert(3)1

A paragraph <script>alert('p')</script> <iframe src="javascript:alert(4)"></iframe>
<a href="javascript:alert(5)">link</a> '><body onload=alert(6)>.2

  1. Note <script>alert("n")</script> <img src=x onerror=alert(7)>.
  2. Note "><details open ontoggle=alert(8)>.
"""

MARKDOWN = """# About

<script>alert('md')</script> <img src=x onerror=alert(9)> [x](javascript:alert(10))
"""


class Watch:
    """Dialogs, page errors and CSP violations of one page."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.violations: list[str] = []
        page.on("dialog", self.on_dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", self.on_console)

    def on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)


def test_the_headers_file_holds_the_policy(bundled) -> None:
    out, _ = bundled
    assert headers_of(out)["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_search_and_highlight_work_under_the_policy(browser, bundled) -> None:
    out, _ = bundled
    with serve_with_headers(out) as url:
        context = browser.new_context()
        page = context.new_page()
        watch = Watch(page)
        page.goto(url + "search/")
        page.get_by_label("Search the full text").fill("concrete")
        page.get_by_role("button", name="Search", exact=True).click()
        page.wait_for_selector("#search-results li.result", timeout=15_000)
        page.locator("#search-results li.result h2 a").first.click()
        page.wait_for_selector("mark.pagefind-highlight", timeout=10_000)  # highlight.js ran
        context.close()
    assert watch.violations == [] and watch.errors == [] and watch.dialogs == []


def test_nothing_from_a_hostile_source_runs(browser, tmp_path: Path) -> None:
    from edition.build import build

    src = tmp_path / "src"
    (src / "vol").mkdir(parents=True)
    (src / "vol" / "d1.txt").write_text(HOSTILE, encoding="utf-8")
    (src / "pages").mkdir()
    (src / "pages" / "about.md").write_text(MARKDOWN, encoding="utf-8")
    (src / "index.md").write_text(MARKDOWN, encoding="utf-8")
    out = tmp_path / "out"
    assert build(src, out).documents
    pages = sorted(p.relative_to(out).parent.as_posix() for p in out.rglob("index.html"))
    with serve_with_headers(out) as url:
        context = browser.new_context()
        page = context.new_page()
        watch = Watch(page)
        for rel in pages:
            page.goto(url + ("" if rel == "." else rel + "/"))
            page.wait_for_load_state("load")
        page.goto(url + "vol/d1/")
        page.locator(".fn-marker a").first.click()  # the note's popover shows note text
        page.wait_for_timeout(300)
        context.close()
    assert watch.dialogs == [], watch.dialogs
    assert watch.violations == [], watch.violations
    assert watch.errors == [], watch.errors
