"""Cross-references in FRUS's own citation forms, and the catalogue of volumes they may name.

Every example is invented, in the form the Office of the Historian prints.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition import volumes
from edition.model import Ref, Text
from edition.parse.crossrefs import RefContext, link_editorial_references, link_references
from edition.parse.document import parse_document


def refs(text: str, volume: str = "frus1938v05", ctx: RefContext | None = None
         ) -> list[tuple[str, str | None]]:
    ctx = ctx or RefContext(volume, "d7")
    parts = link_references(text, ctx)
    assert "".join(p.text for p in parts if isinstance(p, (Text, Ref))) == text  # nothing lost
    return [(p.text, p.target) for p in parts if isinstance(p, Ref)]


def targets(text: str, volume: str = "frus1938v05", ctx: RefContext | None = None) -> list[str | None]:
    return [target for _, target in refs(text, volume, ctx)]


# -- the catalogue ------------------------------------------------------------------------

def test_the_catalogue_knows_the_series_ids_of_every_era():
    for volume_id in ("frus1861", "frus1872p2v3", "frus1897", "frus1914Supp", "frus1918Supp01v01",
                      "frus1919Parisv13", "frus1931-41v02", "frus1942China", "frus1945Berlinv01",
                      "frus1952-54v13p1", "frus1961-63v05", "frus1969-76ve15p2", "frus1981-88v41",
                      "frus1969-76v19p2", "frus1958-60v17-18mSupp", "frus1981-88v44p2"):
        assert volumes.is_known(volume_id), volume_id
    for made_up in ("frus1938v06", "frus1952-54v13", "frus1919Parisv14", "frus1945v10", "frus1938V05"):
        assert not volumes.is_known(made_up), made_up
    for split_into_parts in ("frus1969-76v19", "frus1981-88v44"):  # the parts are the volumes
        assert not volumes.is_known(split_into_parts), split_into_parts
    assert volumes.known_ids() >= {"frus1897", "frus1927v01"}
    assert len(volumes.known_ids()) > 600


def test_the_catalogue_gives_titles_where_it_has_them():
    assert volumes.title("frus1961-63v05") == (
        "Foreign Relations of the United States, 1961–1963, Volume V, Soviet Union")
    assert volumes.title("frus1938v06") is None  # no such volume
    assert volumes.title("frus1993-2000v01") is None  # a planned volume: the list holds no title


# -- FRUS's citation forms ----------------------------------------------------------------

def test_a_volume_of_this_year_in_an_annual_volume():
    assert refs("See Vol. ii, p. 41.") == [("Vol. ii, p. 41", "frus1938v02#pg_41")]
    assert targets("Printed in vol. iv, pp. 1 ff.") == ["frus1938v04#pg_1"]


def test_a_volume_of_another_year():
    assert refs("See Foreign Relations, 1937, vol. iii, p. 50.") == [
        ("Foreign Relations, 1937, vol. iii, p. 50", "frus1937v03#pg_50")]
    assert targets("Foreign Relations, 1917, p. 48.") == ["frus1917#pg_48"]
    # the 19th century's quoted title, in a document's own words
    body = link_editorial_references(
        [Text("(See “Foreign Relations,” 1884, pp. 10, 198, etc.) But")], RefContext("frus1897", "d5"))
    assert [(p.text, p.target) for p in body if isinstance(p, Ref)] == [
        ("“Foreign Relations,” 1884, pp. 10", "frus1884#pg_10"), ("198", "frus1884#pg_198")]


def test_titled_volumes():
    assert targets("Foreign Relations, Japan, 1931–1941, vol. ii, p. 120.") == ["frus1931-41v02#pg_120"]
    assert targets("Foreign Relations, The Paris Peace Conference, 1919, vol. iv, p. 17.") == [
        "frus1919Parisv04#pg_17"]
    assert targets("Foreign Relations, 1918, Russia, vol. iii, pp. 77 et seq.") == [
        "frus1918Russiav03#pg_77"]
    assert targets("Foreign Relations, 1943, China, p. 9.") == ["frus1943China#pg_9"]
    assert targets("Foreign Relations, The Conference of Berlin (The Potsdam Conference), 1945, "
                   "vol. ii, p. 1474.") == ["frus1945Berlinv02#pg_1474"]
    assert targets("Foreign Relations, The Conferences at Malta and Yalta, 1945, p. 984.") == [
        "frus1945Malta#pg_984"]


def test_supplements_and_parts():
    assert targets("Foreign Relations, 1918, Supplement 1, vol. i, p. 17.") == [
        "frus1918Supp01v01#pg_17"]
    assert targets("Foreign Relations, 1918, Supplement 2, p. 301.") == ["frus1918Supp02#pg_301"]
    assert targets("Foreign Relations, 1915, Supplement, p. 45.") == ["frus1915Supp#pg_45"]
    assert targets("Foreign Relations, 1952–1954, vol. XIII, Part 1, p. 5.") == ["frus1952-54v13p1#pg_5"]
    assert targets("See vol. XIII, Part 2, Document 4.", "frus1952-54v13p1") == ["frus1952-54v13p2#d4"]


def test_ibid_carries_on_from_the_last_volume_cited():
    ctx = RefContext("frus1938v05", "d7")
    assert targets("Foreign Relations, 1937, vol. iii, p. 50.", ctx=ctx) == ["frus1937v03#pg_50"]
    assert refs("Ibid., p. 12.", ctx=ctx) == [("Ibid., p. 12", "frus1937v03#pg_12")]
    assert refs("See ibid., vol. iv, p. 3.", ctx=ctx) == [("vol. iv, p. 3", "frus1937v04#pg_3")]
    assert targets("Ibid., p. 9.", ctx=ctx) == ["frus1937v04#pg_9"]


def test_ibid_after_another_work_is_not_a_frus_page():
    ctx = RefContext("frus1938v05", "d7")
    assert targets("Department of State Bulletin, May 4, 1953, p. 640; ibid., May 11, 1953, p. 672.",
                   ctx=ctx) == []
    assert targets("Ibid., p. 12.", ctx=ctx) == []


def test_ante_post_supra_infra_are_this_volume():
    assert refs("See ante, p. 460.") == [("ante, p. 460", "#pg_460")]
    assert refs("See post, page 721.") == [("post, page 721", "#pg_721")]
    assert targets("Supra, p. 5; infra, pp. 88–90.") == ["#pg_5", "#pg_88"]
    assert targets("See p. 460, ante.") == ["#pg_460"]


def test_modern_volumes_cite_documents():
    assert refs("Foreign Relations, 1955–1957, vol. X, pp. 101–103 (Document 12).") == [
        ("Foreign Relations, 1955–1957, vol. X, pp. 101–103 (Document 12)", "frus1955-57v10#d12")]
    assert targets("See Foreign Relations, 1964–1968, vol. XVI, Document 45.") == ["frus1964-68v16#d45"]
    assert refs("See Document 45.", "frus1964-68v16") == [("Document 45", "#d45")]


def test_lists_and_ranges_of_pages():
    assert refs("See pp. 95, 98, and 101.") == [
        ("pp. 95", "#pg_95"), ("98", "#pg_98"), ("101", "#pg_101")]
    assert targets("See pp. 313–334.") == ["#pg_313"]
    assert targets("Foreign Relations, 1936, vol. ii, pp. 811–812, 814–816, and 818.") == [
        "frus1936v02#pg_811", "frus1936v02#pg_814", "frus1936v02#pg_818"]


def test_a_label_then_pages_of_the_volume_named_earlier_in_the_sentence():
    text = "See Argentina, pp. 357 ff.; and vol. vii: Colombia, pp. 40 ff.; Mexico, pp. 403 ff."
    assert targets(text, "frus1941v06") == ["#pg_357", "frus1941v07#pg_40", "frus1941v07#pg_403"]
    # a new sentence cites this volume again
    assert targets("Foreign Relations, 1936, vol. v, p. 3. For the reply, see p. 9.") == [
        "frus1936v05#pg_3", "#pg_9"]


def test_a_page_of_a_frus_document_description_is_this_volume():
    assert targets("Reported in telegram No. 63, July 6, 6 p.m., p. 64.") == ["#pg_64"]
    assert targets("See despatch No. 11, June 5, from the Minister in Great Britain, p. 249.") == [
        "#pg_249"]
    assert targets("See memoranda dated January 28 and 30, p. 201.") == ["#pg_201"]


@pytest.mark.parametrize("text", [
    "Eisenhower recounts the meeting in Mandate for Change, p. 312.",
    "For text, see Department of State Bulletin, May 4, 1953, p. 640.",
    "See Documents on German Foreign Policy, series D, vol. x, p. 40.",
    "League of Nations Treaty Series, vol. cxii, p. 5.",
    "Reported in the New York Times, May 5, 1953, p. 1.",
    "Public Papers of the Presidents of the United States: Harry S. Truman, 1950, pages 49–51.",
    "See American Foreign Policy: Current Documents, 1962, p. 582.",
    "Quoted in Patterns of Power (New York, 1959), pp. 96 ff.",
])
def test_a_page_of_another_work_is_not_a_frus_page(text):
    assert refs(text) == []


def test_another_work_earlier_in_the_note_does_not_hide_a_later_frus_page():
    assert targets("Department of State Bulletin, May 4, 1953, p. 640. For the reply, see p. 55.") == [
        "#pg_55"]
    assert targets("See Mandate for Change, p. 312; and ante, p. 17.") == ["#pg_17"]


# -- volumes that do not exist --------------------------------------------------------------

def test_a_volume_not_in_the_catalogue_is_never_written_and_is_recorded():
    ctx = RefContext("frus1938v05", "d7", line=12)
    assert refs("Foreign Relations, 1938, vol. vi, p. 5; and p. 9.", ctx=ctx) == [("p. 9", "#pg_9")]
    assert ctx.unresolved == [(12, "Foreign Relations, 1938, vol. vi, p. 5")]
    # 1952–1954 volume II came in two parts: without the part, the citation is ambiguous
    ctx = RefContext("frus1952-54v13p1", "d7")
    assert refs("See vol. ii, p. 4.", ctx=ctx) == []
    assert ctx.unresolved == [(None, "vol. ii, p. 4")]


def test_the_build_reports_an_unresolved_reference_with_its_file_and_line():
    raw = ("The Secretary of State to the Minister in China\n\nWashington, May 4, 1938.\n\n"
           "Your telegram1 was received.\n\nHull\n\n"
           "  1. See Foreign Relations, 1938, vol. ix, p. 33.\n")
    doc = parse_document(raw, "frus1938v05_d7.txt", "frus1938v05")
    found = [m for m in doc.messages if "vol. ix" in m.text]
    assert len(found) == 1
    assert found[0].file == "frus1938v05_d7.txt" and found[0].line == 9
    assert found[0].level == "warning"


def test_a_modern_citation_names_the_volume_title_after_its_number():
    assert targets("See Foreign Relations, 1961–1963, vol. V, Soviet Union, Document 45.") == [
        "frus1961-63v05#d45"]
    assert targets("Foreign Relations, 1969–1976, vol. XXXVIII, Part 1, Foundations of Foreign "
                   "Policy, 1973–1976, Document 12.", "frus1969-76v31") == ["frus1969-76v38p1#d12"]


def test_the_series_older_names_and_appendices():
    assert targets("See Diplomatic Correspondence, 1862, p. 45.", "frus1865p1") == ["frus1862#pg_45"]
    assert targets("Papers Relating to Foreign Affairs, 1864, part 2, p. 45.", "frus1865p1") == [
        "frus1864p2#pg_45"]
    assert targets("Foreign Relations, 1894, Appendix II, p. 12.") == ["frus1894app2#pg_12"]
    # a minister's title is not the series
    assert targets("The Minister for Foreign Affairs, 1939, p. 12.") == ["#pg_12"]


def test_a_short_volume_after_a_citation_in_the_same_sentence_is_of_that_set():
    assert targets("See Foreign Relations, 1936, vol. i, p. 5, and vol. iii, p. 9.") == [
        "frus1936v01#pg_5", "frus1936v03#pg_9"]
    assert targets("Foreign Relations, 1936, vol. i, p. 5. See also vol. iii, p. 9.") == [
        "frus1936v01#pg_5", "frus1938v03#pg_9"]


TOKENS = ["Foreign Relations, ", "1937", "1952–1954", ", ", "vol. ", "iii", "XIII", "Part 1", "Part ",
          "Supplement 1", "p. ", "pp. ", "page ", "41", "101–103", " (Document 12)", "Document ",
          "ibid., ", "Ibid.", "ante, ", "post", "; ", ". ", "Bulletin", " in Mandate for Change",
          "“Foreign Relations,” ", "and ", "ff.", "China", "The Paris Peace Conference", "footnote 3",
          " above", "(", ")", "[See ", "]", "Diplomatic Correspondence", "Appendix ", "volume ", ""]


@given(st.lists(st.sampled_from(TOKENS), max_size=14))
@settings(max_examples=300, deadline=None)
def test_any_mix_of_citation_pieces_keeps_every_character(pieces):
    text = "".join(pieces)
    ctx = RefContext("frus1952-54v13p1", "d7")
    parts = link_references(text, ctx)
    assert "".join(p.text for p in parts if isinstance(p, (Text, Ref))) == text
    for part in parts:
        if isinstance(part, Ref):
            volume = part.target.split("#")[0]
            assert volume == "" or volumes.is_known(volume)
    body = link_editorial_references([Text(text)], ctx, 3)
    assert "".join(p.text for p in body if isinstance(p, (Text, Ref))) == text


def test_a_place_after_in_is_not_a_title():
    assert targets("Reported by the Ambassador in Great Britain, p. 45.") == ["#pg_45"]
    assert targets("On the conversation in New York, p. 45.") == ["#pg_45"]
    assert targets("On the talks held in the Soviet Union, p. 45.") == ["#pg_45"]
    assert targets("Kennan describes them in Memoirs, 1925–1950, p. 45.") == []
    assert targets("Acheson describes them in Present at the Creation, p. 45.") == []


def test_abbreviated_and_composite_titles():
    assert targets("(For. Rel. 1884, p. 10.)", "frus1897") == ["frus1884#pg_10"]
    assert targets("Foreign Relations, 1917, supp. 2, vol. i, p. 45.") == ["frus1917Supp02v01#pg_45"]
    assert targets("Foreign Relations, The Lansing Papers, 1914–1920, vol. ii, p. 45.") == [
        "frus1914-20v02#pg_45"]
    assert targets("Foreign Relations, The Conferences at Washington and Quebec, 1943, p. 45.") == [
        "frus1943#pg_45"]
    assert targets("Foreign Relations, Conferences at Washington, 1941–1942, and Casablanca, 1943, "
                   "p. 45.") == ["frus1941-43#pg_45"]
    assert targets("Foreign Relations, 1937, vol. iii, pp. 50, 57; vol. iv, p. 12.") == [
        "frus1937v03#pg_50", "frus1937v03#pg_57", "frus1937v04#pg_12"]


def test_a_congressional_document_is_not_a_frus_document():
    assert targets("Printed as Senate Document No. 45, 57th Cong., 1st sess.") == []
    assert targets("See House Executive Document No. 1, part 1.") == []
    assert targets("See Document No. 45 and Senate Document No. 12.") == ["#d45"]


def test_the_senate_committee_and_the_council_are_not_the_series():
    ctx = RefContext("frus1952-54v13p1", "d7")
    assert refs("Senate Committee on Foreign Relations, Hearings, 1953, p. 45.", ctx=ctx) == []
    assert refs("Published by the Council on Foreign Relations, 1953, p. 45.", ctx=ctx) == []
    assert ctx.unresolved == []


# -- the documents printed next to this one -------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Supra.", [("Supra", "#d41")]),                                  # the document before
    ("Infra.", [("Infra", "#d43")]),                                  # the document after
    ("See footnote 3, supra.", [("footnote 3, supra", "#d41fn3")]),   # a note of the one before
    ("Footnote 2, infra.", [("Footnote 2, infra", "#d43fn2")]),        # opening the note
    ("See footnote 2, infra.", [("footnote 2, infra", "#d43fn2")]),
    ("Telegram No. 455, infra.", []),   # which document is meant is not said
    ("Not printed; but see supra.", []),
])
def test_supra_and_infra_name_the_neighbouring_document(text, expected):
    assert refs(text, "frus1958-60v11", RefContext("frus1958-60v11", "d42")) == expected


def test_supra_has_no_neighbour_before_the_first_document_or_beside_an_odd_id():
    assert refs("Supra.", "frus1958-60v11", RefContext("frus1958-60v11", "d1")) == []
    assert refs("Supra.", "frus1945Berlinv02", RefContext("frus1945Berlinv02", "d710a-71")) == []


def test_a_supra_note_in_a_parsed_document_links_the_document_before():
    text = ("12. Telegram From the Embassy in Ruritania to the Department of State1\n\n"
            "305. Embtel 304.2 The Minister called.\n\n"
            "  1. Source: Department of State, Central Files, 611.00/3–1259. Secret.\n"
            "  2. Supra.\n")
    doc = parse_document(text, "frus1958-60v11_d12.txt", "frus1958-60v11")
    note = doc.notes()[1]
    assert [(r.text, r.target) for para in note.paragraphs for r in para
            if isinstance(r, Ref)] == [("Supra", "#d11")]
