"""The bundled edition (sources/), built by the whole pipeline, read as a site."""

from __future__ import annotations

import json

import lxml.html
from helpers_links import broken_links
from lxml import etree

from edition.site.identity import heading_without_number
from edition.site.read import NS, text_of


def test_builds_without_errors(bundled) -> None:
    _, result = bundled
    assert result.errors == []
    assert len(result.documents) >= 60


def test_every_document_has_its_page_and_tei(bundled) -> None:
    out, result = bundled
    for tei in result.tei_files:
        volume, doc_id = tei.parent.name, tei.stem
        assert (out / volume / doc_id / "index.html").is_file()
        assert (out / volume / doc_id / f"{doc_id}.xml").read_bytes() == tei.read_bytes()


def test_links_and_anchors_resolve(bundled) -> None:
    assert broken_links(bundled[0]) == []


def test_search_indexes_every_document(bundled) -> None:
    out, result = bundled
    indexed = 0
    for entry_file in (out / "pagefind").glob("*/pagefind-entry.json"):  # one per bundle
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        indexed += sum(lang["page_count"] for lang in entry["languages"].values())
    assert indexed == len(result.documents)


def test_pages_show_the_tei_text_and_every_footnote(bundled) -> None:
    out, result = bundled
    for tei_path in result.tei_files:
        div = etree.parse(str(tei_path)).xpath("//t:body/t:div", namespaces=NS)[0]
        html = lxml.html.parse(str(out / tei_path.parent.name / tei_path.stem /
                                   "index.html")).getroot()
        notes = div.xpath(".//t:note[not(@type='source')]", namespaces=NS)
        assert len(html.xpath("//li[@class='footnote']")) == len(notes), tei_path
        article = html.xpath("//article")[0]
        for junk in article.xpath(".//sup[@class='fn-marker'] | .//*[@class='pb'] | "
                                  ".//*[@class='doc-number'] | .//*[@class='visually-hidden'] | "
                                  ".//*[@class='ref-out-mark'] | "
                                  ".//*[@class='source-note'] | .//section[@class='footnotes']"):
            junk.drop_tree()
        shown = "".join(article.text_content().split())
        # The heading's printed number is shown once, as the `No. N` above it.
        expected = heading_without_number(text_of(div), div.get("n"))
        assert shown == "".join(expected.split()), tei_path
