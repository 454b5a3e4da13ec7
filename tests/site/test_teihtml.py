"""TEI → HTML: footnotes, page breaks, cross-references, escaping, unknown elements."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.site.links import EDITION, HISTORY_STATE_GOV, UNRESOLVED, Link
from edition.site.read import text_of
from edition.site.teihtml import DocRenderer

TEI = "http://www.tei-c.org/ns/1.0"


def div(body: str) -> etree._Element:
    return etree.fromstring(
        f'<div xmlns="{TEI}" type="document" xml:id="d1">{body}</div>'.encode(),
        etree.XMLParser(collect_ids=False))


def nowhere(target: str) -> Link:
    return Link(UNRESOLVED, problem="test")


def render(body: str, resolve=nowhere, number: str | None = None):
    return DocRenderer("d1", resolve, number).render(div(body))


def test_footnote_marker_list_and_backlink() -> None:
    out = render('<head>Head<note n="7" xml:id="d1fn7">Note <ref target="#d2">two</ref></note>'
                 '</head><p>Text.<note n="8" xml:id="d1fn8">Eight.</note> More.</p>')
    assert 'href="#d1fn7" id="d1fn7-ref"' in out.heading
    assert 'href="#d1fn8" id="d1fn8-ref"' in out.body
    assert [(n.id, n.ref_id, n.label) for n in out.footnotes] == [
        ("d1fn7", "d1fn7-ref", "7"), ("d1fn8", "d1fn8-ref", "8")]
    assert "Eight." not in out.body  # the note's text is in the list, not inline


def test_repeated_or_missing_note_ids_stay_unique() -> None:
    out = render('<p>a<note n="2" xml:id="d1fn2">x</note> b<note n="2" xml:id="d1fn2">y</note>'
                 ' c<note n="*">z</note></p>')
    ids = [n.id for n in out.footnotes]
    assert len(set(ids)) == 3 and ids[0] == "d1fn2"
    assert out.footnotes[2].label == "*"


def test_multi_paragraph_note() -> None:
    out = render('<p>a<note n="1" xml:id="d1fn1"><p>One.</p><p>Two.</p></note></p>')
    assert [str(p) for p in out.footnotes[0].paragraphs] == ["<p>One.</p>", "<p>Two.</p>"]


def test_page_break_anchor_inline_and_between_blocks() -> None:
    out = render('<p>the concrete <pb n="1263" xml:id="pg_1263"/>intentions</p>'
                 '<pb n="1264" xml:id="pg_1264"/><p>next</p>')
    assert '<span class="pb" id="pg_1263" data-pagefind-ignore>[Page 1263]</span>' in out.body
    assert '<div class="pb-block"><span class="pb" id="pg_1264"' in out.body


def test_unsafe_page_number_is_dropped_not_linked() -> None:
    out = render('<p>a <pb n="../x"/>b</p>')
    assert "[Page" not in out.body and "a b" in out.body


def test_references_link_here_or_out_or_stay_text() -> None:
    links = {"#d2": Link(EDITION, "../d2/"), "#pg_5": Link(EDITION, "../d3/#pg_5"),
             "frus1939v02#pg_88": Link(
                 HISTORY_STATE_GOV,
                 "https://history.state.gov/historicaldocuments/frus1939v02/pg_88")}
    out = render('<p>x<note n="1"><ref target="#d2">doc 2</ref>, <ref target="#pg_5">p. 5</ref>,'
                 ' <ref target="frus1939v02#pg_88">vol. ii, p. 88</ref>,'
                 ' <ref target="nowhere#d9">elsewhere</ref></note></p>',
                 lambda target: links.get(target) or nowhere(target))
    note = lxml.html.fragment_fromstring(str(out.footnotes[0].paragraphs[0]))
    inside = note.xpath("a[@class='ref']")
    assert [(a.get("href"), a.text_content()) for a in inside] == [
        ("../d2/", "doc 2"), ("../d3/#pg_5", "p. 5")]
    [out_link] = note.xpath("a[contains(@class, 'ref-out')]")
    assert out_link.get("href") == (
        "https://history.state.gov/historicaldocuments/frus1939v02/pg_88")
    # Sighted readers see an arrow; screen readers hear where the link leads (not the arrow).
    assert out_link.xpath("string(.//span[@class='ref-out-mark'])") == "↗"
    assert out_link.xpath(".//span[@class='ref-out-mark']/@aria-hidden") == ["true"]
    assert out_link.xpath("string(.//span[@class='visually-hidden'])") == (
        " (on history.state.gov)")
    # …neither of which is a word of the document for the search index.
    assert out_link.xpath("span[@data-pagefind-ignore]/span") == out_link.xpath(".//span")[1:]
    [text] = note.xpath("span[@class='ref-unresolved']")
    assert text.text_content() == "elsewhere" and not note.xpath(".//a[.='elsewhere']")


def test_heading_shows_the_documents_number_once() -> None:
    out = render('<head>112. Memorandum From the Secretary<note n="1" xml:id="d1fn1">Source: '
                 'x.</note></head><p>112. A paragraph keeps its number.</p>', number="112")
    assert str(out.heading).startswith("Memorandum From the Secretary<sup")
    assert "112. A paragraph" in out.body
    other = render("<head>1450. Re my telegram</head>", number="112")
    assert str(other.heading) == "1450. Re my telegram"


def test_source_text_is_escaped_and_unknown_elements_keep_text() -> None:
    out = render('<note type="source">1/2: &lt;b&gt;</note><head>H</head>'
                 '<p>&lt;script&gt;alert(1)&lt;/script&gt; <xyz a="&quot;">kept</xyz>'
                 ' <hi rend="x&quot; onclick=&quot;y">hi</hi></p><mystery>words</mystery>')
    assert "<script>" not in out.body and "&lt;script&gt;" in out.body
    assert '<span class="tei tei-xyz">kept</span>' in out.body
    assert 'class="hi hi-xonclicky"' in out.body  # attributes only become [a-z0-9-] classes
    assert "words" in out.body
    assert out.source_note == "1/2: &lt;b&gt;"


def test_blocks() -> None:
    out = render('<opener><dateline>Washington, <date when="1945-07-22">July 22</date></dateline>'
                 '</opener><list><item><label>1.</label>First</item><item>Second'
                 '<list><item>inner</item></list></item></list>'
                 '<table><row role="label"><cell>A</cell></row><row><cell cols="2">B</cell></row>'
                 '</table><closer><salute>Yours,</salute><lb/><signed>Byrnes</signed></closer>'
                 '<p>Para with <list><item>a list</item></list> inside</p>')
    body = out.body
    assert '<p class="line line-dateline">Washington, ' in body
    assert '<ul class="list labelled"><li><span class="label">1.</span> First</li>' in body
    assert "<th>A</th>" in body and '<td colspan="2">B</td>' in body
    assert '<p class="line line-salute">Yours,</p><p class="line line-signed">Byrnes</p>' in body
    assert '<div class="p"><p>Para with </p><ul class="list">' in body  # no list inside <p>


words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                max_size=40).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=5))
def test_body_words_survive_rendering(parts: list[str]) -> None:
    """Whatever the text, the page shows exactly its words, and none of it as markup."""
    p = etree.Element(f"{{{TEI}}}p")
    p.text = parts[0]
    for i, part in enumerate(parts[1:]):
        child = etree.SubElement(p, f"{{{TEI}}}{'hi' if i % 2 else 'note'}")
        child.text = "NOTE" if i % 2 == 0 else part
        child.tail = part
    d = etree.Element(f"{{{TEI}}}div")
    d.append(p)
    out = DocRenderer("d1", lambda t: None).render(d)
    shown = lxml.html.fragment_fromstring(str(out.body), create_parent="div")
    for sup in shown.xpath("//sup"):
        sup.drop_tree()
    assert " ".join(shown.text_content().split()) == text_of(p)
    assert not shown.xpath("//script")
