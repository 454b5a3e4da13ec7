"""The built fixture site: pages, links, footnotes, search index, safety."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
from helpers_links import broken_links, html_pages
from lxml import etree

from edition.config import EditionConfig, VolumeConfig
from edition.site import build_site
from edition.site.read import NS, text_of

V = "frus1945Berlinv02"


def page(site: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / rel / "index.html")).getroot()


def test_build_reports_only_the_missing_base_url(built_site) -> None:
    _, messages = built_site
    assert [m.text.split(":")[0] for m in messages] == ["`base_url` is not set"]


def test_an_edition_that_says_it_has_no_address_is_not_reminded(site_without_address) -> None:
    """`base_url: ""` is the editor's answer (relative links only), not a setting forgotten."""
    out, messages = site_without_address
    assert messages == []
    assert "<loc>https://" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_every_page_has_a_description_and_the_icon(site: Path) -> None:
    """What search engines and browsers ask of a page (Lighthouse: SEO, best practices)."""
    for path in html_pages(site):
        head = page(site, path.parent.relative_to(site).as_posix()).find("head")
        descriptions = head.xpath("meta[@name='description']/@content")
        assert len(descriptions) == 1 and descriptions[0].strip(), path
        icons = head.xpath("link[@rel='icon']/@href")
        assert len(icons) == 1, path
        assert (path.parent / icons[0]).read_bytes()[:4] == b"\0\0\1\0", path  # an ICO file
    doc = page(site, f"{V}/d1234")
    description = doc.xpath("//head/meta[@name='description']/@content")[0]
    assert description == ("The Japanese Ambassador in the Soviet Union (Sato) to the Japanese "
                           "Minister of Foreign Affairs (Togo), July 21, 1945. Document No. 1234 "
                           "of Foreign Relations of the United States: The Conference of Berlin "
                           "(Potsdam), 1945, Volume II.")


def test_every_page_kind_exists(site: Path) -> None:
    for rel in ("index.html", f"{V}/index.html", f"{V}/d1234/index.html",
                f"{V}/pg_1263/index.html", "files/index.html", "chronology/index.html",
                "persons/index.html", "about/index.html", "search/index.html", "404.html",
                "sitemap.xml", "robots.txt", "static/lookup.json", f"{V}/d1234/d1234.xml",
                f"{V}/d1234/d1234.bib", f"{V}/d1234/d1234.ris", f"{V}/d1234/d1234.json",
                "static/site.css", "static/site.js", f"pagefind/{V}/pagefind.js",
                f"pagefind/{V}/pagefind-highlight.js"):
        assert (site / rel).is_file(), rel


def test_all_internal_links_and_anchors_resolve(site: Path) -> None:
    assert broken_links(site) == []


def test_link_checker_notices_breakage(tmp_path: Path, site: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    (copy / V / "d1235" / "index.html").unlink()
    text = (copy / V / "d1236" / "index.html").read_text(encoding="utf-8")
    (copy / V / "d1236" / "index.html").write_text(text.replace('id="d1236fn1"', 'id="zz"'),
                                                   encoding="utf-8")
    problems = broken_links(copy)
    assert any("no file" in p and "d1235" in p for p in problems)
    assert any("no id 'd1236fn1'" in p for p in problems)


def test_links_are_relative(site: Path) -> None:
    for path in html_pages(site):
        tree = lxml.html.parse(str(path))
        for value in tree.xpath("//@href | //@src | //@action"):
            assert not value.startswith("/"), (path, value)


def test_document_page(site: Path) -> None:
    doc = page(site, f"{V}/d1234")
    assert doc.xpath("string(//h1)").startswith("The Japanese Ambassador")
    markers = doc.xpath("//sup[@class='fn-marker']/a")
    assert [m.text for m in markers] == ["1", "2", "3", "2"]
    for marker in markers:
        note = doc.get_element_by_id(marker.get("href")[1:])
        back = note.xpath(".//a[@class='fn-back']")[0]
        assert back.get("href") == "#" + marker.get("id")
    assert doc.get_element_by_id("pg_1263").text == "[Page 1263]"
    assert doc.xpath("//a[@rel='next']/@href") == ["../d1235/"]
    assert doc.xpath("//meta[@name='citation_inbook_title']/@content")
    assert doc.xpath("//*[@data-pagefind-body]")
    assert doc.xpath("//a[@class='ref ref-out']/@href") == [
        "https://history.state.gov/historicaldocuments/frus1945Berlinv02/pg_460",
        "https://history.state.gov/historicaldocuments/frus1945Berlinv01/d586"]
    assert not doc.xpath("//*[@class='ref-unresolved']")
    assert doc.xpath("//a[@class='ref']/@href") == ["../d1235/", "../d1235/#pg_1264",
                                                   "../d1236/"]


def test_page_text_is_the_tei_text(site: Path) -> None:
    """Heading and body show every character of the TEI text, in order, nothing added.

    (White space is left out of the comparison: the page adds a space after a list label.)
    """
    for doc_id in ("d1234", "d1235", "d1236"):
        tei = etree.parse(str(site / "tei" / V / f"{doc_id}.xml"))
        div = tei.xpath("//t:body/t:div", namespaces=NS)[0]
        html = page(site, f"{V}/{doc_id}")
        article = html.xpath("//article")[0]
        for junk in article.xpath(".//sup[@class='fn-marker'] | .//*[@class='pb'] | "
                                  ".//*[@class='doc-number'] | .//*[@class='visually-hidden'] | "
                                  ".//*[@class='source-note']"
                                  " | .//section[@class='footnotes']"):
            junk.drop_tree()
        assert "".join(article.text_content().split()) == "".join(text_of(div).split())


def test_printed_page_lists_documents_with_anchor(site: Path) -> None:
    listing = page(site, f"{V}/pg_1263")
    assert listing.xpath("//ul[@class='hits']//a/@href") == ["../d1234/#pg_1263", "../d1235/"]


def test_files_page_groups_by_class(site: Path) -> None:
    files = page(site, "files")
    assert files.xpath("//main//h2/text()") == ["740.0011", "761.94", "893.00"]
    assert files.get_element_by_id("f-761.94-7-2145").text == "761.94/7–2145"
    assert files.xpath("//form[@class='goto']/@action") == ["./"]


def test_lookup_map(site: Path) -> None:
    data = json.loads((site / "static" / "lookup.json").read_text(encoding="utf-8"))
    label = (f"{V} No. 1234: The Japanese Ambassador in the Soviet Union (Sato) to the "
             "Japanese Minister of Foreign Affairs (Togo)")
    assert data["761.94/7-2145"] == [[label, f"{V}/d1234/"]]


def test_search_index(site: Path) -> None:
    entry = json.loads((site / "pagefind" / V / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 3
    assert "-" not in entry["include_characters"]  # no include_characters tuning


def test_build_date_and_version_on_every_page(site: Path) -> None:
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        assert '<time datetime="2023-11-14">' in text and "frus-edition 0.1.0" in text, path


def test_nothing_from_sources_becomes_markup(site: Path) -> None:
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and 'href="javascript' not in text, path
        assert "<b>raw</b>" not in text and "<b>not bold</b>" not in text, path


def test_tei_download_is_the_tei(site: Path) -> None:
    assert (site / V / "d1235" / "d1235.xml").read_bytes() == \
        (site / "tei" / V / "d1235.xml").read_bytes()


def test_base_url_gives_absolute_sitemap_and_cited_url(site_with_base: Path, site: Path) -> None:
    sitemap = (site_with_base / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://example.org/my-edition/{V}/d1234/</loc>" in sitemap
    robots = (site_with_base / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/my-edition/sitemap.xml" in robots
    doc = page(site_with_base, f"{V}/d1234")
    assert doc.xpath("string(//p[@id='cite-note'])").endswith(
        f"https://example.org/my-edition/{V}/d1234/.")
    assert doc.xpath("//link[@rel='canonical']/@href") == [
        f"https://example.org/my-edition/{V}/d1234/"]
    assert "https://" not in page(site, f"{V}/d1234").xpath("string(//p[@id='cite-note'])")


def test_edition_templates_override(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    (sources / "templates" / "static").mkdir(parents=True)
    (sources / "templates" / "index.html").write_text(
        '{% extends "base.html" %}{% block main %}<p id="own">{{ "<own>" }}</p>{% endblock %}',
        encoding="utf-8")
    (sources / "templates" / "static" / "site.css").write_text("/* own */", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    build_site(EditionConfig(), [VolumeConfig(id="v1", title="V")], [], sources, out)
    assert '<p id="own">&lt;own&gt;</p>' in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "static" / "site.css").read_text(encoding="utf-8") == "/* own */"
    assert (out / "v1" / "index.html").is_file()


def test_bad_data_gives_messages_not_exceptions(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "tei" / "v1").mkdir(parents=True)
    (out / "tei" / "bad..vol").mkdir(parents=True)
    good = Path(__file__).parent / "fixtures" / "tei" / V / "d1236.xml"
    shutil.copy(good, out / "tei" / "v1" / "d1236.xml")
    shutil.copy(good, out / "tei" / "v1" / "again.xml")  # same xml:id
    (out / "tei" / "v1" / "broken.xml").write_text("<TEI><oops>", encoding="utf-8")
    (out / "tei" / "v1" / "evil.xml").write_text(
        good.read_text(encoding="utf-8").replace('xml:id="d1236"', 'xml:id="x/../../../evil"'),
        encoding="utf-8")
    shutil.copy(good, out / "tei" / "bad..vol" / "d1.xml")
    volumes = [VolumeConfig(id="v1", title="V"), VolumeConfig(id="../up", title="Up"),
               VolumeConfig(id="files", title="Clash")]
    messages = build_site(EditionConfig(), volumes, sorted((out / "tei").glob("*/*.xml")),
                          tmp_path, out)
    texts = " | ".join(m.text for m in messages)
    assert texts.count("is not a valid id") == 2 and "TEI not readable" in texts
    assert "also used by" in texts and "not a volume of the edition" in texts
    assert "used twice or by the site itself" in texts
    assert (out / "v1" / "d1236" / "index.html").is_file()
    assert not (tmp_path / "evil").exists() and not (out / "evil").exists()
    assert not (tmp_path / "up").exists()
