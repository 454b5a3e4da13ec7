"""The no-change rebuild: when no input changed, the build keeps its output as it is.

`edition/uptodate.py` stamps every input (names, sizes and times of the sources, the
project's templates and code, library versions, the day, the options). Equal stamps:
nothing is read or written and the last build's messages and exit status come back. Any
change — a source edited, added or removed, the day, the options — or a stamp taken
while files were still being written ("racy") runs the build in full.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from filetimes import settle

from edition.build import build
from edition.project import state_folder
from edition.uptodate import STAMP_FILE

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "sources" / "frus1943v03" / "d549.txt").read_text(encoding="utf-8")


pytestmark = pytest.mark.usefixtures("fixed_date")  # conftest.py


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    (folder / "vol").mkdir(parents=True)
    (folder / "vol" / "volume.yaml").write_text("id: vol\ntitle: A volume\n", encoding="utf-8")
    (folder / "vol" / "d549.txt").write_text(SEED, encoding="utf-8")
    (folder / "vol" / "d2.txt").write_text(  # a footnote without a marker: one warning
        "The Ambassador to the Secretary\n\nA telegram.\n\n  1. A lost note.\n",
        encoding="utf-8")
    settle(folder)
    return folder


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time of every file: equal only if nothing was rewritten."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


def test_an_unchanged_edition_is_not_built_again(sources: Path, tmp_path: Path):
    out = tmp_path / "site"
    first = build(sources, out)
    assert not first.up_to_date and len(first.documents) == 2
    before = snapshot(out)
    again = build(sources, out)
    assert again.up_to_date
    assert snapshot(out) == before  # not a file rewritten, not a file added or removed
    assert again.documents == first.documents and again.tei_files == first.tei_files
    assert again.messages == first.messages and again.warnings  # the same findings again


def test_any_change_to_the_sources_builds_again(sources: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(sources, out)
    page = out / "vol" / "d549" / "index.html"
    edited = sources / "vol" / "d549.txt"
    edited.write_text(SEED.replace("confidential information", "confidential news"), encoding="utf-8")
    settle(sources, 300)  # a later, settled edit
    result = build(sources, out)
    assert not result.up_to_date
    assert "confidential news" in page.read_text(encoding="utf-8")
    (sources / "vol" / "d2.txt").unlink()  # a document removed
    settle(sources, 200)
    result = build(sources, out)
    assert not result.up_to_date and len(result.documents) == 1
    assert not (out / "vol" / "d2").exists()
    assert build(sources, out).up_to_date


def test_an_edit_in_the_same_second_as_the_stamp_is_not_missed(sources: Path, tmp_path: Path):
    out = tmp_path / "site"
    edited = sources / "vol" / "d549.txt"
    edited.write_text(SEED, encoding="utf-8")  # just now: the stamp is racy
    first = build(sources, out)
    assert not first.up_to_date
    same_size = SEED.replace("confidential information", "confidential informatiom")
    assert len(same_size) == len(SEED)
    stamp = edited.stat().st_mtime_ns
    edited.write_text(same_size, encoding="utf-8")
    os.utime(edited, ns=(stamp, stamp))  # the same size and time: only racy-ness tells
    result = build(sources, out)
    assert not result.up_to_date
    assert "confidential informatiom" in (out / "vol" / "d549" / "index.html").read_text(encoding="utf-8")


def test_the_day_options_and_a_missing_stamp_build_again(sources: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "site"
    build(sources, out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1700000000 + 86400))  # the next day
    assert not build(sources, out).up_to_date
    assert not build(sources, out, with_site=False).up_to_date
    assert not (out / "index.html").exists()
    assert not build(sources, out).up_to_date and (out / "index.html").is_file()
    (state_folder(out) / STAMP_FILE).unlink()
    assert not build(sources, out).up_to_date


def test_the_command_line_says_so_and_keeps_the_exit_status(sources: Path, tmp_path: Path):
    out = tmp_path / "site"
    shutil.copy(sources / "vol" / "volume.yaml", sources / "vol" / "empty.txt")
    (sources / "vol" / "empty.txt").write_text("", encoding="utf-8")  # an error
    settle(sources)

    stats = tmp_path / "stats.json"

    def run() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "build.py"), "--sources",
                               str(sources), "--out", str(out), "--stats", str(stats)], cwd=ROOT,
                              capture_output=True, text=True, timeout=300, check=False)

    first, second = run(), run()
    assert first.returncode == second.returncode == 1
    assert first.stderr == second.stderr and "vol/empty.txt: error:" in second.stderr
    assert second.stdout.startswith("up to date (nothing changed): 2 documents")
    figures = json.loads(stats.read_text(encoding="utf-8"))
    assert figures["up_to_date"] and figures["documents"] == 2 and figures["errors"] == 1
