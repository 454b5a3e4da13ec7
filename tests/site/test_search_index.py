"""The search index's pure parts: bundles of volumes, words as the page looks them up,
dash compounds, and the word table (invented examples in the real forms)."""

from __future__ import annotations

import json
from pathlib import Path

from edition.site import search


def test_volumes_share_a_bundle_up_to_the_limit(monkeypatch) -> None:
    monkeypatch.setattr(search, "BUNDLE_DOCS", 5)
    bundles = search.search_bundles([("v1", 2), ("v2", 3), ("v3", 1), ("empty", 0), ("v4", 9)])
    assert bundles == {"v1": "pagefind/v1/", "v2": "pagefind/v1/", "v3": "pagefind/v3/",
                       "v4": "pagefind/v4/"}  # a volume over the limit has its own


def test_index_words_fold_case_and_accents_and_join_compounds() -> None:
    words = search.index_words("Molotov’s note, 711.61/3-1447; Marx–Leninists in Peiping. Zhōu")
    assert {"molotov", "s", "note", "711", "61", "3", "1447", "7116131447",
            "marx", "leninists", "marxleninists", "zhou", "peiping"} <= words
    assert "Molotov" not in words and "note," not in words


def test_dash_compounds_are_hyphenated_from_the_page_text() -> None:
    parts = ["<p>The Marx&#8211;Leninists (file 893.00/7&#8211;2245)</p>",
             "<p>No dash here; a hyphen-word stays out</p>"]
    assert search.dash_compounds(parts) == ["Marx-Leninists", "7-2245"]


def test_spellings_of_a_file_number_include_its_class() -> None:
    spellings = search.search_spellings(["893.00/7–2245"])
    assert {"893.00/7-2245", "893.00/7–2245", "7-2245", "893.00", "89300"} <= set(spellings)


def test_word_table_lists_the_bundles_holding_each_word(tmp_path: Path) -> None:
    for bundle, listing in [("pagefind/a/", "lozovsky 1\nmolotov 3\n"),
                            ("pagefind/b/", "molotov 2\nmolotova 1\n")]:
        (tmp_path / bundle).mkdir(parents=True)
        (tmp_path / bundle / "words.txt").write_text(listing, encoding="utf-8")
    search.write_word_table(tmp_path, None, ["pagefind/a/", "pagefind/b/"])
    folder = tmp_path / search.WORDS_DIR
    assert json.loads((folder / "bundles.json").read_text()) == ["pagefind/a/", "pagefind/b/"]
    assert json.loads((folder / f"{b'lo'.hex()}.json").read_text()) == {"lozovsky": [[0, 1]]}
    assert json.loads((folder / f"{b'mo'.hex()}.json").read_text()) == {
        "molotov": [[0, 3], [1, 2]], "molotova": [[1, 1]]}


def test_page_words_read_only_the_indexed_part(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text('<nav>Menu Chronology</nav><article data-pagefind-body><h1>Kennan'
                    ' to Byrnes</h1><p>Sent &amp; received</p></article><footer>Footer'
                    '</footer>', encoding="utf-8")
    assert search.page_words(page) == {"kennan", "to", "byrnes", "sent", "received"}
