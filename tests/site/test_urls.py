from pathlib import Path

import pytest

from edition.site import urls


@pytest.mark.parametrize(("src", "dst", "want"), [
    ("vol/d1/", "vol/d2/#pg_1", "../d2/#pg_1"),
    ("vol/d1/", "", "../../"),
    ("", "vol/d1/", "vol/d1/"),
    ("vol/d1/", "vol/d1/#x", "#x"),
    ("vol/d1/", "static/site.css", "../../static/site.css"),
    ("404.html", "files/", "files/"),
    ("vol/", "vol/d1/", "d1/"),
    ("", "", "./"),
])
def test_relative_links(src: str, dst: str, want: str) -> None:
    assert urls.relative(src, dst) == want


@pytest.mark.parametrize("bad", ["../etc", "a/b", "", "1abc", "a b", "x\x00", ".hidden", "a..b"])
def test_unsafe_ids_are_refused(bad: str) -> None:
    with pytest.raises(urls.UnsafeId):
        urls.document("frus1945", bad)


def test_page_kinds() -> None:
    assert urls.document("frus1945Berlinv02", "d1234") == "frus1945Berlinv02/d1234/"
    assert urls.page("frus1945Berlinv02", "1263") == "frus1945Berlinv02/pg_1263/"
    assert urls.document_tei("v", "d1") == "v/d1/d1.xml"
    with pytest.raises(urls.UnsafeId):
        urls.page("v", "../1")


def test_output_file_stays_inside(tmp_path: Path) -> None:
    assert urls.output_file(tmp_path, "v/d1/") == tmp_path / "v" / "d1" / "index.html"
    assert urls.output_file(tmp_path, "") == tmp_path / "index.html"
    for bad in ("../x/", "/etc/passwd", "a/../../x"):
        with pytest.raises(urls.UnsafeId):
            urls.output_file(tmp_path, bad)
