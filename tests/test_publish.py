"""Atomic publishing: a build that dies or fails leaves the previous site whole and serving.

The build writes into a staging folder beside `--out` and swaps it in only at the end
(`edition/build.py`: `_publish`, `_remove_stale_staging`). Here a build is killed with
SIGKILL half-way, and another fails on a broken edition template; both times the site
built before is still there, file for file, and a web server still serves it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
COPIES = 8  # volumes made of the dev corpus: a build of some seconds, long enough to kill


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, check=False)


def manifest(folder: Path) -> dict[str, str]:
    """Every file of `folder` → digest of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def staging_folders(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.building-*"))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


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
    """(sources, out, manifest of out): the dev corpus as COPIES volumes, built once."""
    root = tmp_path_factory.mktemp("publish")
    src = root / "src"
    for k in range(1, COPIES + 1):
        folder = src / f"vol{k}"
        folder.mkdir(parents=True)
        for raw in sorted(DEV.glob("*.txt")):
            shutil.copyfile(raw, folder / raw.name)
        (folder / "volume.yaml").write_text(f"id: vol{k}\ntitle: Volume {k}\n", encoding="utf-8")
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
    assert manifest(out).keys() == before.keys()
    assert_serving(out, first_doc_page(out))


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
