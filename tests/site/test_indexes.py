from edition.site.catalog import Catalog
from edition.site.indexes import (
    chronology,
    class_key,
    file_class,
    files_index,
    lookup_map,
    normalize_file_number,
    persons_index,
)
from edition.site.search import search_spellings


def test_file_numbers() -> None:
    assert normalize_file_number("761.94/7–2145") == normalize_file_number(" 761.94 / 7-2145")
    assert file_class("761.94/7–2145") == "761.94"
    assert file_class("740.0011 PW/7–2345") == "740.0011"
    assert file_class("Lot 60 D 224") == "Other"
    labels = ["893.50", "Other", "893.105", "711.93", "893.42", "893.1"]
    assert sorted(labels, key=class_key) == ["711.93", "893.1", "893.105", "893.42", "893.50",
                                             "Other"]


def test_search_spellings_cover_what_readers_type() -> None:
    found = search_spellings(["761.94/7–2145"])
    for typed in ("761.94/7–2145", "761.94/7-2145", "7-2145", "7–2145", "761.94", "76194"):
        assert typed in found


def test_indexes_over_fixture(catalog: Catalog) -> None:
    classes = files_index(catalog)
    assert [c.label for c in classes] == ["740.0011", "761.94", "893.00"]
    c761 = classes[1]
    assert [f.number for f in c761.files] == ["761.94/7–2145", "761.94/7–2245"]
    assert [d.doc_id for d in c761.files[0].docs] == ["d1234"]
    periods = chronology(catalog)
    assert [p.label for p in periods] == ["July 1945"]
    assert [d.doc_id for d in periods[0].docs] == ["d1234", "d1235", "d1236"]
    names = [p.name for p in persons_index(catalog)]
    assert names.index("Acting Secretary of State (Grew)") < names.index(
        "Ambassador in China (Hurley)")
    lookup = lookup_map(catalog)
    assert lookup["761.94/7-2145"][0][1] == "frus1945Berlinv02/d1234/"
    assert lookup["7-2145"][0][1] == "frus1945Berlinv02/d1234/"
    assert lookup["1235"][0][1] == "frus1945Berlinv02/d1235/"


def test_page_references_resolve(catalog: Catalog) -> None:
    assert catalog.resolve("#pg_1263", "frus1945Berlinv02") == "frus1945Berlinv02/d1234/#pg_1263"
    assert catalog.resolve("#pg_1262", "frus1945Berlinv02") == "frus1945Berlinv02/d1234/#pg_1262"
    assert catalog.resolve("#pg_460", "frus1945Berlinv02") is None
    assert catalog.resolve("#d1236", "frus1945Berlinv02") == "frus1945Berlinv02/d1236/"
    assert catalog.resolve("frus1945Berlinv01#d586", "frus1945Berlinv02") is None
    assert catalog.resolve("javascript:alert(1)", "frus1945Berlinv02") is None
