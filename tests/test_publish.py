"""Atomic publishing: a build that dies or fails leaves the previous site whole and serving.

The build writes into a staging folder beside `--out` and swaps it in only at the end
(`edition/build.py`: `_publish`, `_remove_stale_staging`). Here a build is killed with
SIGKILL half-way, and another fails on a broken edition template; both times the site
built before is still there, file for file, and a web server still serves it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from realpages import REAL_PAGES

from tests.serving import serve

ROOT = Path(__file__).resolve().parent.parent
COPIES = 16  # copies of the real pages: a build of some seconds, long enough to kill


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, check=False)


def manifest(folder: Path) -> dict[str, str]:
    """Every file of `folder` → digest of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def staging_folders(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.building-*"))


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def assert_serving(out: Path, doc_page: str) -> None:
    with serve(out) as url:
        assert "<h1" in fetch(url)
        assert "data-pagefind-body" in fetch(url + doc_page)


@pytest.fixture(scope="module")
def big_edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(sources, out, manifest of out): the real pages as COPIES times two volumes (the
    bundled edition's pages and the fixtures', whose numbers would clash), built once."""
    root = tmp_path_factory.mktemp("publish")
    src = root / "src"
    for k in range(1, COPIES + 1):
        for raw in REAL_PAGES:
            name = f"fix{k}" if raw.parent.name == "corpus" else f"vol{k}"
            (src / name).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(raw, src / name / raw.name)
            (src / name / "volume.yaml").write_text(f"id: {name}\ntitle: Volume {name}\n",
                                                    encoding="utf-8")
    out = root / "site"
    proc = run_cli("--sources", str(src), "--out", str(out), "--quiet")
    assert "Traceback" not in proc.stderr
    assert (out / "index.html").is_file() and (out / "vol1").is_dir()
    return src, out, manifest(out)


def first_doc_page(out: Path, volume: str = "vol1") -> str:
    page = min((out / volume).glob("d*/index.html"))
    return page.parent.relative_to(out).as_posix() + "/"


def test_a_killed_build_leaves_the_previous_site_serving(big_edition):
    src, out, before = big_edition
    for raw in src.rglob("*.txt"):  # every document edited: a build with work to do
        with raw.open("a", encoding="utf-8") as file:
            file.write("\nAn editor's addition.\n")
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--sources", str(src),
                             "--out", str(out), "--quiet"], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed_while_staging = False
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            staged = staging_folders(out)
            if staged and any((staged[0] / "tei").rglob("*.xml")):
                os.killpg(proc.pid, signal.SIGKILL)  # the build and its parse workers
                killed_while_staging = True
                break
            time.sleep(0.01)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert killed_while_staging, "the build ended before it could be killed half-way"
    assert proc.returncode == -signal.SIGKILL
    assert manifest(out) == before  # not one file of the published site changed
    assert staging_folders(out), "the killed build's staging folder should be left behind"
    assert_serving(out, first_doc_page(out))

    again = run_cli("--sources", str(src), "--out", str(out), "--quiet")
    assert again.returncode in (0, 1) and "Traceback" not in again.stderr
    assert staging_folders(out) == []  # the dead build's staging folder is cleared away
    clean = out.parent / "clean"  # the edited edition built from nothing: the same files
    run_cli("--sources", str(src), "--out", str(clean), "--quiet")
    assert file_kinds(out) == file_kinds(clean)
    assert_serving(out, first_doc_page(out))


def file_kinds(folder: Path) -> dict[str, int]:
    """Every file's path, Pagefind's content-hashed names counted by kind."""
    kinds: dict[str, int] = {}
    for rel in manifest(folder):
        kind = re.sub(r"_[0-9a-f]{7,}\.", "_#.", rel) if rel.startswith("pagefind/") else rel
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


HEAD = '{% extends "base.html" %}\n{% block main %}\n'
BROKEN_TEMPLATES = {  # the text of templates/document.html, the line of its fault
    "syntax": (HEAD + "<h1>{{ doc.heading </h1>\n{% endblock %}\n", 3),
    "filter": (HEAD + "\n<h1>{{ doc.heading | shout }}</h1>\n{% endblock %}\n", 4),
    "undefined": (HEAD + "<h1>{{ doc.no_such.thing }}</h1>\n{% endblock %}\n", 3),
}


@pytest.fixture(scope="module")
def small_edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("template")
    src = root / "src"
    shutil.copytree(ROOT / "sources", src)
    out = root / "site"
    proc = run_cli("--sources", str(src), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return src, out, manifest(out)


@pytest.mark.parametrize("kind", sorted(BROKEN_TEMPLATES))
def test_a_broken_template_fails_cleanly_and_publishes_nothing(small_edition, kind):
    src, out, before = small_edition
    text, line = BROKEN_TEMPLATES[kind]
    override = src / "templates" / "document.html"
    override.parent.mkdir(exist_ok=True)
    override.write_text(text, encoding="utf-8")
    try:
        proc = run_cli("--sources", str(src), "--out", str(out))
    finally:
        override.unlink()
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "File \"" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if "templates/document.html" in ln]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"templates/document.html:{line}: error: template error")
    assert "nothing was published" in lines[0]
    assert manifest(out) == before
    assert staging_folders(out) == []
    assert_serving(out, first_doc_page(out, "frus1945Berlinv02"))


def test_the_site_raises_site_error_for_a_broken_template(tmp_path):
    from edition.config import EditionConfig, VolumeConfig
    from edition.site import SiteError, build_site

    src = tmp_path / "src"
    (src / "templates").mkdir(parents=True)
    (src / "templates" / "404.html").write_text("{% if %}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SiteError) as caught:
        build_site(EditionConfig(), [VolumeConfig(id="v", title="V")], [], src, out)
    assert caught.value.message.file == "templates/404.html"
    assert caught.value.message.line == 1


# --- publishing over a published site: only what changed, finished after a crash ------------

def make_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def read_tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in root.rglob("*") if p.is_file()}


PUBLISHED = {"index.html": "home", "v/d1/index.html": "one", "v/d2/index.html": "two",
             "v/d3/index.html": "three", "pagefind/v/a.pf": "old bundle"}
STAGED = {"index.html": "home", "v/d2/index.html": "two, edited", "v/d4/index.html": "four",
          ".build/state.json": "{}"}
RESULT = {"index.html": "home", "v/d1/index.html": "one", "v/d2/index.html": "two, edited",
          "v/d4/index.html": "four", "pagefind/v/a.pf": "old bundle"}
STATE = {"state.json": "{}"}  # the build state: beside the site, not in it


def test_publishing_writes_only_what_changed_and_removes_what_is_gone(tmp_path: Path):
    from edition.publish import Kept, publish

    out, staging = tmp_path / "site", tmp_path / ".site.building-1"
    make_tree(out, PUBLISHED)
    make_tree(staging, STAGED)
    home, kept_page = (out / "index.html").stat().st_ino, (out / "v/d1/index.html").stat()
    publish(staging, out, Kept(out, files={"v/d1/index.html"}, folders={"pagefind/v"}))
    assert read_tree(out) == RESULT
    assert not (out / "v" / "d3").exists()  # a document gone: its folder too
    assert (out / "index.html").stat().st_ino == home  # the same bytes: not written again
    assert (out / "v/d1/index.html").stat().st_mtime_ns == kept_page.st_mtime_ns
    assert read_tree(tmp_path / ".site.build") == STATE
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.build", "site"]


def test_a_publication_cut_short_is_finished_by_the_next_build(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    import edition.publish as publishing

    out, staging = tmp_path / "site", tmp_path / ".site.building-1"
    make_tree(out, PUBLISHED)
    make_tree(staging, STAGED)
    real_replace, calls = os.replace, []

    def dies_on_the_second_file(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt  # as if the build were killed here
        real_replace(source, target)

    monkeypatch.setattr(publishing.os, "replace", dies_on_the_second_file)
    with pytest.raises(KeyboardInterrupt):
        publishing.publish(staging, out, publishing.Kept(out, files={"v/d1/index.html"},
                                                         folders={"pagefind/v"}))
    monkeypatch.setattr(publishing.os, "replace", real_replace)
    assert read_tree(out) != RESULT  # half-published
    assert not (tmp_path / ".site.build").exists()  # and no state claims to describe it
    left = list(tmp_path.glob(".site.publishing-*"))
    assert len(left) == 1
    left[0].rename(tmp_path / ".site.publishing-1")  # the killed build's, not this process's
    publishing.clear_leftovers(out, alive=lambda pid: False)
    assert read_tree(out) == RESULT
    assert read_tree(tmp_path / ".site.build") == STATE
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.build", "site"]
