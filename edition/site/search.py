"""Full-text search with Pagefind, indexed once the pages are written.

Pagefind's tokenizer splits words at `.` and `/` but keeps dashes inside a word, so a
file number printed `761.94/7–2145` is indexed as `761`, `94`, `7–2145`. A reader types
`761.94/7-2145`, `7-2145` or `76194`; each document page therefore carries those
spellings in a span hidden from people (`search_spellings`), which Pagefind indexes.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from ..model import Message
from .incremental import BuildState, digest
from .indexes import file_class

_DASHES_RE = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_INDEXED_RE = re.compile(r"Indexed (\d+) pages?")


_TAGS_RE = re.compile(r"<[^>]*>")
# A word joined to the next by a dash other than the hyphen: `Marx–Leninists`, `1–2555`.
_DASH_COMPOUND_RE = re.compile(r"\w+(?:[\u2010-\u2015\u2212]\w+)+")


def dash_compounds(html_parts: list[str]) -> list[str]:
    """The page's words joined by an en dash (or another non-hyphen dash), hyphenated.

    Pagefind splits `Marx-Leninists` into `marxleninists`, `marx` and `leninists`, but
    leaves `Marx–Leninists` (en dash, as FRUS prints compounds and file numbers) one
    word: neither `Leninists` nor `1-2555` would find it. Their hyphenated spellings,
    indexed beside the text, make both halves and the typed form searchable.
    """
    text = html.unescape(_TAGS_RE.sub(" ", " ".join(html_parts)))
    found = dict.fromkeys(_DASHES_RE.sub("-", m) for m in _DASH_COMPOUND_RE.findall(text))
    return list(found)


def search_spellings(file_numbers: list[str], html_parts: Sequence[str] = ()) -> list[str]:
    """The ways a reader may type each file number, beyond the printed one, and the
    page's dash compounds as Pagefind can split them (`dash_compounds`)."""
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
    for compound in dash_compounds(list(html_parts)):
        add(compound)
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


SEARCH_BUNDLE = "pagefind/"
"""The site path of the one Pagefind bundle that indexes every document of the edition."""


class SearchIndexer:
    """Every document page (`data-pagefind-body`) of the edition indexed into one bundle.

    One index, not one per volume: a word's score is then weighed against the whole
    edition, a word missing from one volume does not fall back to a prefix there (the
    per-volume merge ranked such junk first), and the browser fetches the index chunks of
    the query's words, however many volumes there are. Volumes are named as their pages
    are written (`add`); the one Pagefind run follows the last (`finish`).

    When every volume's pages have the fingerprints of the previous build, the previous
    build's bundle is kept instead of a new run.
    """

    def __init__(self, out: Path, state: BuildState, workers: int) -> None:
        self.out = out
        self.state = state
        self.exe = pagefind_executable()
        self.volumes: dict[str, tuple[list[str], str]] = {}
        self.indexed = self.reused = 0

    def add(self, volume_id: str, doc_ids: list[str], pages_fingerprint: str) -> None:
        """Note the pages of documents `doc_ids` of volume `volume_id`, now written."""
        if doc_ids:
            self.volumes[volume_id] = (doc_ids, pages_fingerprint)

    def finish(self) -> list[Message]:
        """Index every noted page in one Pagefind run (or keep the previous bundle)."""
        if self.exe is None:
            return [Message("error", "pagefind", None,
                            "the Pagefind binary is missing: install `pagefind[bin]`; "
                            "the site has no search index")]
        if not self.volumes:
            return []
        fingerprint = digest(sorted(self.volumes.items()), pagefind_version())
        self.state.new[SEARCH_BUNDLE] = fingerprint
        previous = self.state.previous
        if (previous is not None and self.state.unchanged(SEARCH_BUNDLE, fingerprint)
                and (previous / SEARCH_BUNDLE).is_dir()):
            self.state.kept.folder(SEARCH_BUNDLE)  # type: ignore[union-attr]  # previous: kept
            self.reused += 1
            return []
        if previous is not None:
            for volume_id, (doc_ids, _) in self.volumes.items():
                _gather_kept_pages(previous, self.out, volume_id, doc_ids)
        self.indexed += 1
        return _index_site(self.exe, self.out,
                           {v: ids for v, (ids, _) in self.volumes.items()})


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


def _index_site(exe: Path, out: Path, volumes: dict[str, list[str]]) -> list[Message]:
    # Naming the documents' folders spares Pagefind reading the printed-page lists. The
    # glob goes in a config file: with 100,000 documents it is longer than one command
    # argument may be. Ids are checked path segments (letters, digits, `_.-`).
    expected = sum(len(ids) for ids in volumes.values())
    glob = "{" + ",".join(f"{v}/{{{','.join(ids)}}}" for v, ids in volumes.items()) + "}"
    config = {"site": str(out), "glob": f"{glob}/index.html",
              "output_subdir": SEARCH_BUNDLE.rstrip("/")}
    with tempfile.TemporaryDirectory(prefix="pagefind-") as cwd:
        (Path(cwd) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        try:
            run = subprocess.run([str(exe)], cwd=cwd, capture_output=True, text=True,
                                 timeout=3600, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return [Message("error", "pagefind", None, f"Pagefind did not run: {exc}")]
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        return [Message("error", "pagefind", None, "Pagefind failed, the site cannot be "
                        "searched: " + " | ".join(detail))]
    counts = [int(n) for n in _INDEXED_RE.findall(run.stdout)]
    if counts and counts[-1] != expected:
        return [Message("warning", "pagefind", None,
                        f"Pagefind indexed {counts[-1]} pages of the {expected} documents")]
    return []
