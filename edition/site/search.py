"""Full-text search with Pagefind, indexed once the pages are written.

Pagefind's tokenizer splits words at `.` and `/` but keeps dashes inside a word, so a
file number printed `761.94/7–2145` is indexed as `761`, `94`, `7–2145`. A reader types
`761.94/7-2145`, `7-2145` or `76194`; each document page therefore carries those
spellings in a span hidden from people (`search_spellings`), which Pagefind indexes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from ..model import Message
from .incremental import BuildState, digest
from .indexes import file_class

_DASHES_RE = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_INDEXED_RE = re.compile(r"Indexed (\d+) pages?")


def search_spellings(file_numbers: list[str]) -> list[str]:
    """The ways a reader may type each file number, beyond the printed one."""
    found: list[str] = []

    def add(text: str) -> None:
        text = " ".join(text.split())
        if text and text not in found:
            found.append(text)

    for number in file_numbers:
        hyphen = _DASHES_RE.sub("-", number)
        endash = hyphen.replace("-", "–")
        add(number)
        add(hyphen)
        add(endash)
        if "/" in number:
            tail = number.split("/", 1)[1]
            add(_DASHES_RE.sub("-", tail))
            add(_DASHES_RE.sub("–", tail))
            add(re.sub(r"[\-\u2010-\u2015\u2212]", "", tail))
        cls = file_class(number)
        if cls != "Other":
            add(cls)
            add(cls.replace(".", ""))
            add(re.sub(r"\W", "", hyphen))
    return found


def pagefind_executable() -> Path | None:
    """The Pagefind binary shipped in the `pagefind_bin` package, if installed."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except FileNotFoundError:
        return None


def bundle_path(volume_id: str) -> str:
    """The site path of a volume's Pagefind bundle (one per volume, merged when searching)."""
    return f"pagefind/{volume_id}/"


class SearchIndexer:
    """Each volume's document pages (`data-pagefind-body`) indexed into its own bundle.

    One run of the Pagefind CLI per volume indexes all its pages at once (the Python API
    would wait per file); the search page merges the bundles, as Pagefind's multisite
    search does for separate sites. Runs go `workers` at a time, each started as soon as
    its volume's pages are written, while the other volumes are still being written.

    A volume whose document pages all have the fingerprints of the previous build keeps
    the previous build's bundle instead of a new run.
    """

    def __init__(self, out: Path, state: BuildState, workers: int) -> None:
        self.out = out
        self.state = state
        self.exe = pagefind_executable()
        self.pool = ThreadPoolExecutor(max(1, workers))
        self.runs: list[Future[list[Message]]] = []
        self.indexed = self.reused = 0

    def add(self, volume_id: str, doc_ids: list[str], pages_fingerprint: str) -> None:
        """Index the pages of documents `doc_ids` of volume `volume_id`, now written."""
        if not doc_ids or self.exe is None:
            return
        bundle = bundle_path(volume_id)
        fingerprint = digest(pages_fingerprint, doc_ids, pagefind_version())
        self.state.new[bundle] = fingerprint
        previous = self.state.previous
        if (previous is not None and self.state.unchanged(bundle, fingerprint)
                and (previous / bundle).is_dir()):
            self.state.kept.folder(bundle)  # type: ignore[union-attr]  # previous: kept
            self.reused += 1
            return
        if previous is not None:
            _gather_kept_pages(previous, self.out, volume_id, doc_ids)
        self.indexed += 1
        self.runs.append(self.pool.submit(_index_volume, self.exe, self.out, volume_id,
                                          doc_ids))

    def finish(self) -> list[Message]:
        """Wait for every run; the problems they reported."""
        self.pool.shutdown(wait=True)
        if self.exe is None:
            return [Message("error", "pagefind", None,
                            "the Pagefind binary is missing: install `pagefind[bin]`; "
                            "the site has no search index")]
        return [m for run in self.runs for m in run.result()]


def pagefind_version() -> str:
    """The installed Pagefind's version (a new one remakes every search bundle)."""
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "unknown"


def _gather_kept_pages(previous: Path, out: Path, volume_id: str, doc_ids: list[str]) -> None:
    """Pagefind reads a volume's pages from one folder: the pages the published site
    keeps are linked in beside the new ones (the same files: publishing leaves them be)."""
    for doc_id in doc_ids:
        page = out / volume_id / doc_id / "index.html"
        if not page.exists():
            page.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(previous / volume_id / doc_id / "index.html", page)
            except OSError:
                shutil.copyfile(previous / volume_id / doc_id / "index.html", page)


def _index_volume(exe: Path, out: Path, volume_id: str, doc_ids: list[str]) -> list[Message]:
    # Naming the documents' folders spares Pagefind reading the printed-page lists.
    # Ids are checked path segments (letters, digits, `_.-`): nothing a glob reads.
    expected = len(doc_ids)
    folders = "{" + ",".join(doc_ids) + "}" if len(doc_ids) > 1 else doc_ids[0]
    command = [str(exe), "--site", str(out), "--glob", f"{volume_id}/{folders}/index.html",
               "--output-subdir", bundle_path(volume_id).rstrip("/")]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=1800,
                             check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Message("error", "pagefind", None, f"Pagefind did not run: {exc}")]
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        return [Message("error", "pagefind", None, f"Pagefind failed for volume {volume_id}, "
                        "it cannot be searched: " + " | ".join(detail))]
    counts = [int(n) for n in _INDEXED_RE.findall(run.stdout)]
    if counts and counts[-1] != expected:
        return [Message("warning", "pagefind", None,
                        f"Pagefind indexed {counts[-1]} pages of volume {volume_id}, "
                        f"which has {expected} documents")]
    return []
