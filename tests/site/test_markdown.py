from pathlib import Path

from edition.site.markdown import read_pages, render_markdown


def test_raw_html_is_text_and_javascript_links_are_not_links() -> None:
    _, html = render_markdown('<script>alert(1)</script> <b>x</b>\n\n[bad](javascript:alert(1))'
                              ' [ok](https://example.org) [data](data:text/html,hi)', "about/")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html
    assert "javascript:" not in html.replace("[bad](javascript:alert(1))", "")
    assert 'href="javascript' not in html and 'href="data:' not in html
    assert '<a href="https://example.org">ok</a>' in html


def test_relative_links_are_made_relative_to_the_page() -> None:
    _, html = render_markdown("[method](method/) [doc](v1/d2/#pg_3) [top](#x)", "about/")
    assert '<a href="../method/">method</a>' in html
    assert '<a href="../v1/d2/#pg_3">doc</a>' in html
    assert '<a href="#x">top</a>' in html


def test_footnotes_and_title() -> None:
    title, html = render_markdown("# About *us*\n\nText.[^1]\n\n[^1]: A note.", "about/")
    assert title == "About *us*"
    assert 'class="footnotes"' in html and "A note." in html


def test_demoted_headings() -> None:
    _, html = render_markdown("# Intro\n\n## Part", "", demote=True)
    assert "<h2>Intro</h2>" in html and "<h3>Part</h3>" in html


def test_page_names_are_checked(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "Bad Name.md").write_text("# Bad\n", encoding="utf-8")
    (tmp_path / "files.md").write_text("# Clash\n", encoding="utf-8")
    pages, messages = read_pages(tmp_path)
    assert [p.slug for p in pages] == ["about"]
    assert len(messages) == 2
