"""The two seed documents, checked in full against expectations written by hand."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.build import parse_source
from edition.config import VolumeConfig
from edition.sources import RawSource

ROOT = Path(__file__).resolve().parent.parent
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _parse(rel: str, volume: str):
    path = ROOT / "sources" / rel
    result = parse_source(RawSource(path, rel, VolumeConfig(id=volume, title="Vol")),
                          "Publisher", "2026")
    assert result.record is not None, result.messages
    return result, etree.fromstring(result.tei)


def _words(el) -> str:
    """Text of an element without its notes and page breaks, white space collapsed."""
    parts = []

    def walk(e):
        parts.append(e.text or "")
        for child in e:
            if etree.QName(child).localname not in ("note", "pb"):
                walk(child)
            parts.append(child.tail or "")
    walk(el)
    return " ".join("".join(parts).split())


def test_seed_000_potsdam_telegram():
    result, tei = _parse("frus1945Berlinv02/000_c0491615da394ef4.txt", "frus1945Berlinv02")
    assert result.messages == []
    assert tei.get(XML_ID) == "frus1945Berlinv02-d1234"
    assert tei.xpath("//t:title[@type='complete']/text()", namespaces=NS) == [
        ("The Japanese Ambassador in the Soviet Union (Sato) to the Japanese Minister of "
        "Foreign Affairs (Togo)")]
    assert tei.xpath("//t:idno[@type='file-number']/text()", namespaces=NS) == ["761.94/7–2145"]
    assert tei.xpath("//t:idno[@type='doc-number']/text()", namespaces=NS) == ["1234"]
    assert tei.xpath("//t:idno[@type='source-file']/text()", namespaces=NS) == [
        "000_c0491615da394ef4.txt"]
    scope = tei.xpath("//t:biblScope", namespaces=NS)[0]
    assert (scope.get("from"), scope.get("to")) == ("1262", "1263")
    date = tei.xpath("//t:creation/t:date", namespaces=NS)[0]
    assert date.get("when") == "1945-07-21" and date.get("type") == "file-number"

    div = tei.xpath("//t:div[@type='document']", namespaces=NS)[0]
    assert (div.get("n"), div.get(XML_ID)) == ("1234", "d1234")
    source = div.xpath("t:note[@type='source']", namespaces=NS)[0]
    assert source.text == "761.94/7–2145: Telegram" and source.get("rend") == "inline"

    notes = div.xpath(".//t:note[@n]", namespaces=NS)
    assert [(n.get("n"), n.get(XML_ID)) for n in notes] == [
        ("1", "d1234fn1"), ("2", "d1234fn2"), ("3", "d1234fn3"), ("4", "d1234fn4"),
        ("5", "d1234fn5")]
    # each note sits right after the word or punctuation its marker was glued to
    head = div.xpath("t:head", namespaces=NS)[0]
    assert notes[0].getparent() is head and head.text.endswith("(Togo)")
    paragraphs = div.xpath("t:p", namespaces=NS)
    assert paragraphs[0].text == "1450. Re my telegram No. 1449."
    assert notes[1].getparent() is paragraphs[0]
    assert paragraphs[1].text.endswith("beginning of my telegram,")
    assert notes[2].tail.startswith(" the above was to be sent later")
    assert notes[3].getprevious() is None and paragraphs[2].text.endswith("Prince Konoye.")
    assert notes[4].tail is None and _words(paragraphs[2]).endswith("mission to Moscow.")
    assert ["".join(n.itertext()) for n in notes] == [
        ("The statement quoted in this message is presumably the communication read by the "
        "Soviet interpreter at the Tenth Plenary Meeting, July 28. See ante, p. 460."),
        "Document No. 1235.", "i. e., in telegram No. 1449.", "See vol. i, document No. 586.",
        "See document No. 1226."]
    assert [(r.text, r.get("target")) for r in div.xpath(".//t:ref", namespaces=NS)] == [
        ("ante, p. 460", "#pg_460"), ("Document No. 1235", "#d1235"),
        ("vol. i, document No. 586", "frus1945Berlinv01#d586"),
        ("document No. 1226", "#d1226")]

    pbs = div.xpath(".//t:pb", namespaces=NS)
    assert [(pb.get("n"), pb.get(XML_ID)) for pb in pbs] == [("1263", "pg_1263")]
    assert pbs[0].getparent().text.endswith("the concrete ")
    assert pbs[0].tail.startswith("intentions of the Japanese")
    assert len(paragraphs) == 7
    assert _words(paragraphs[-1]).startswith("Furthermore, since the Government")


def test_seed_002_soviet_embassy_note():
    result, tei = _parse("frus1943v03/d549.txt", "frus1943v03")
    assert result.messages == []
    assert tei.xpath("//t:idno[@type='file-number']/text()", namespaces=NS) == ["761.94/1440"]
    assert tei.xpath("//t:idno[@type='doc-number']/text()", namespaces=NS) == ["549"]
    assert tei.xpath("//t:creation", namespaces=NS) == []  # no dateline, no dated file number
    div = tei.xpath("//t:div[@type='document']", namespaces=NS)[0]
    head = div.xpath("t:head", namespaces=NS)[0]
    assert _words(head) == "The Embassy of the Soviet Union to the Department of State"
    # the heading's marker is set off by a space: `Department of State 47`
    note = head.xpath("t:note", namespaces=NS)[0]
    assert note.get("n") == "47" and note.get(XML_ID) == "d549fn47"
    assert [p.text for p in note.xpath("t:p", namespaces=NS)] == [
        "Handed to the Secretary of State by the Soviet Chargé on September 16.",
        ("In a letter to the Soviet Chargé on September 25, the Secretary asked that Foreign "
        "Commissar Molotov be informed of the appreciation of the U.S. Government for his "
        "having this information made available to it.")]
    paragraphs = div.xpath("t:p", namespaces=NS)
    assert len(paragraphs) == 3
    assert paragraphs[0].text.startswith("The Soviet Government considers it necessary")
    pb = div.xpath(".//t:pb", namespaces=NS)[0]
    assert pb.get("n") == "697" and pb.getparent() is paragraphs[1]
    assert pb.getparent().text.endswith("in spite ") and pb.tail.startswith("of lack of")
    assert _words(paragraphs[2]).endswith("and the Hitlerite Germany.")
