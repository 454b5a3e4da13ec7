"""What the rebuild's fast paths must keep: they skip work, never a change.

A raw text or TEI file whose size, time and inode are those recorded when it was last
read is not read again (`uptodate.sound_stat`); one modified just before it was read is
read again, so an edit of the same size within the same tick of the clock is still seen.
A site's list of files is kept in memory between the builds of one process (`serve`),
and walked again when another build has published the site since.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from filetimes import settle

from edition import publish as publish_module
from edition.build import build
from edition.site import pages as pages_module
from edition.uptodate import RACY_SECONDS

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "sources" / "frus1943v03" / "d549.txt").read_text(encoding="utf-8")
WORD = "Extraordinary"
UNSTABLE_RE = re.compile(r"(?<=pagefind\.en_)[0-9a-f]+(?=\.pf_meta$)|(?<=/filter/)[^/]+$")


pytestmark = pytest.mark.usefixtures("fixed_date")  # conftest.py


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    (folder / "vol").mkdir(parents=True)
    (folder / "vol" / "volume.yaml").write_text("id: vol\ntitle: A volume\n", encoding="utf-8")
    for n in range(1, 4):
        (folder / "vol" / f"d{n}.txt").write_text(SEED, encoding="utf-8")
    settle(folder)
    return folder


def build_ok(sources: Path, out: Path) -> None:
    result = build(sources, out)
    assert not result.errors, [str(m) for m in result.errors]


def page(out: Path, doc: str) -> str:
    return (out / "vol" / doc / "index.html").read_text(encoding="utf-8")


def test_unchanged_settled_files_are_not_read_again(sources: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    edited = sources / "vol" / "d1.txt"
    build_ok(sources, out)
    settle(out / "tei")
    edited.write_text(SEED + "\nA first addition.\n", encoding="utf-8")
    build_ok(sources, out)  # the settled TEI files are read once more: their times changed
    edited.write_text(SEED + "\nA second addition.\n", encoding="utf-8")
    read: list[Path] = []
    real_read = Path.read_bytes

    def counting_read(self: Path) -> bytes:
        read.append(self)
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", counting_read)
    build_ok(sources, out)
    raw = sorted(p.name for p in read if p.is_relative_to(sources))
    tei = sorted(p.name for p in read if p.suffix == ".xml" and p.parent.parent.name == "tei")
    assert raw and set(raw) == {"d1.txt"}, raw
    assert tei and set(tei) == {"d1.xml"}, tei
    assert "A second addition" in page(out, "d1")


def test_a_same_size_edit_in_the_same_tick_as_the_last_read_is_seen(
        sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    edited = sources / "vol" / "d2.txt"
    edited.write_text(SEED, encoding="utf-8")  # just now: read within the racy window
    build_ok(sources, out)
    info = edited.stat()
    assert info.st_mtime_ns > time.time_ns() - RACY_SECONDS * 1e9, "the machine was too slow"
    same_size = SEED.replace(WORD, WORD.upper(), 1)
    assert len(same_size) == len(SEED)
    with open(edited, "r+", encoding="utf-8") as file:  # in place: the same inode
        file.write(same_size)
    os.utime(edited, ns=(info.st_mtime_ns, info.st_mtime_ns))  # and the same time
    assert edited.stat().st_size == info.st_size and edited.stat().st_ino == info.st_ino
    build_ok(sources, out)
    assert WORD.upper() in page(out, "d2")
    assert WORD.upper() not in page(out, "d1")


def test_a_site_published_by_another_build_is_walked_again(
        sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    build_ok(sources, out)  # this process remembers the site's files
    added = sources / "vol" / "d4.txt"
    added.write_text(SEED, encoding="utf-8")
    with monkeypatch.context() as patch:  # as if another process built it: not remembered
        patch.setattr(publish_module, "_remember", lambda out, files: None)
        build_ok(sources, out)
    assert (out / "vol" / "d4" / "index.html").is_file()
    added.unlink()
    build_ok(sources, out)
    assert not (out / "vol" / "d4").exists()
    assert not (out / "tei" / "vol" / "d4.xml").exists()
    clean = tmp_path / "clean"
    build_ok(sources, clean)
    assert files(out) == files(clean), files(out) ^ files(clean)


def files(root: Path) -> set[str]:
    """The site's files by name, Pagefind's few unstably named ones by kind (see
    tests/test_incremental.py)."""
    return {UNSTABLE_RE.sub("#", p.relative_to(root).as_posix())
            for p in root.rglob("*") if p.is_file()}


def test_the_remembered_list_follows_a_deleted_source(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_ok(sources, out)
    (sources / "vol" / "d3.txt").unlink()
    build_ok(sources, out)  # removes d3 by the list remembered from the first build
    assert not (out / "vol" / "d3").exists()
    (sources / "vol" / "d3.txt").write_text(SEED, encoding="utf-8")
    build_ok(sources, out)  # and d3 comes back: the list knew it was gone
    assert (out / "vol" / "d3" / "index.html").is_file()
    assert (out / "tei" / "vol" / "d3.xml").is_file()


def test_a_volume_made_from_the_same_inputs_is_kept_whole(
        sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = sources / "vol2"
    other.mkdir()
    (other / "volume.yaml").write_text("id: vol2\ntitle: Another volume\n", encoding="utf-8")
    (other / "d1.txt").write_text(SEED, encoding="utf-8")
    settle(sources)
    out = tmp_path / "site"
    build_ok(sources, out)
    made: list[str] = []
    real_write = pages_module.write_volume

    def counting_write(job, index):
        made.append(job.catalog.volumes[index].id)
        return real_write(job, index)

    monkeypatch.setattr(pages_module, "write_volume", counting_write)
    (sources / "vol" / "d2.txt").write_text(SEED.replace(WORD, "Special", 1), encoding="utf-8")
    build_ok(sources, out)
    assert made == ["vol"]  # the other volume was kept without a look at its documents
    assert "Special Envoy" in page(out, "d2")
    (other / "volume.yaml").write_text("id: vol2\ntitle: A new title\n", encoding="utf-8")
    build_ok(sources, out)
    assert sorted(made) == ["vol", "vol2"]  # its settings changed; `vol` cites nothing in it
    assert "A new title" in (out / "vol2" / "index.html").read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    build_ok(sources, clean)
    assert files(out) == files(clean)
    for path in (out / "vol2").rglob("*.html"):
        assert path.read_bytes() == (clean / path.relative_to(out)).read_bytes(), path


def test_a_volume_follows_the_volumes_its_references_lead_to(sources: Path,
                                                             tmp_path: Path) -> None:
    cited = sources / "vol"  # holds SEED, printed page 697 of Foreign Relations, 1943, vol. III
    (cited / "volume.yaml").write_text("id: frus1943v03\ntitle: 1943, III\n", encoding="utf-8")
    citing = sources / "later"
    citing.mkdir()
    (citing / "volume.yaml").write_text("id: frus1950v01\ntitle: 1950, I\n", encoding="utf-8")
    (citing / "d1.txt").write_text(
        "The Secretary of State to the Ambassador\n\n"
        "The proposal is printed in Foreign Relations, 1943, vol. III, p. 697.\n",
        encoding="utf-8")
    settle(sources)
    out = tmp_path / "site"
    build_ok(sources, out)
    citing_page = out / "frus1950v01" / "d1" / "index.html"
    assert "frus1943v03/d1/#pg_697" in citing_page.read_text(encoding="utf-8")
    for doc in ("d1", "d2", "d3"):  # page 697 leaves the edition: the link goes elsewhere
        path = cited / f"{doc}.txt"
        path.write_text(path.read_text(encoding="utf-8").replace("[Page 697] ", ""),
                        encoding="utf-8")
    build_ok(sources, out)
    clean = tmp_path / "clean"
    build_ok(sources, clean)
    assert "#pg_697" not in citing_page.read_text(encoding="utf-8").replace(
        "frus1943v03/pg_697", "")
    assert citing_page.read_bytes() == (clean / "frus1950v01" / "d1" / "index.html").read_bytes()
