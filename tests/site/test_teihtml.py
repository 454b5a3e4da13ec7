"""TEI → HTML: footnotes, page breaks, cross-references, escaping, unknown elements."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.site.read import text_of
from edition.site.teihtml import DocRenderer

TEI = "http://www.tei-c.org/ns/1.0"


def div(body: str) -> etree._Element:
    return etree.fromstring(
        f'<div xmlns="{TEI}" type="document" xml:id="d1">{body}</div>'.encode(),
        etree.XMLParser(collect_ids=False))


def render(body: str, resolve=lambda target: None):
    return DocRenderer("d1", resolve).render(div(body))


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


def test_references_resolve_or_are_marked_missing() -> None:
    links = {"#d2": "../d2/", "#pg_5": "../d3/#pg_5"}
    out = render('<p>x<note n="1"><ref target="#d2">doc 2</ref>, <ref target="#pg_5">p. 5</ref>,'
                 ' <ref target="other#d9">elsewhere</ref></note></p>', links.get)
    note = str(out.footnotes[0].paragraphs[0])
    assert '<a class="ref" href="../d2/">doc 2</a>' in note
    assert '<a class="ref" href="../d3/#pg_5">p. 5</a>' in note
    assert '<span class="ref-missing" title="not in this edition">elsewhere</span>' in note


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
