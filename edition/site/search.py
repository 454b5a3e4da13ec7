"""Full-text search with Pagefind, indexed once the pages are written.

Pagefind keeps dashes other than the hyphen inside a word, so a file number printed
`761.94/7–2145` or a compound `Marx–Leninists` would be one word that neither `7-2145`
nor `Leninists` finds; each document page therefore carries such spellings in a span
hidden from people (`search_spellings`), which Pagefind indexes.

The pages are indexed in bundles of a few thousand documents (Pagefind's memory grows
with the pages of one index), and a word table says which bundles hold which word, so
the search page opens only those (`SearchIndexer`, `write_word_table`).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
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


def dash_compounds(html_parts: Sequence[str]) -> list[str]:
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


BUNDLE_DOCS = 2000
"""Documents per Pagefind bundle at most (whole volumes are never split). Pagefind holds
about 200 KB per page while it writes an index, so one bundle of 2,000 pages peaks near
400 MB, and an index over 100,000 pages would need some 20 GB: one index per group of
volumes keeps the build's memory flat however large the edition."""
WORDS_DIR = "search-words/"
"""The word table: which bundles hold a word (`write_word_table`)."""
_WORDS_FILE = "words.txt"
_BUNDLES_PER_PASS = 4  # listings read per pass of `write_word_table`
_WORD_RE = re.compile(r"[^\W_]+")
_BODY_RE = re.compile(r"data-pagefind-body[^>]*>(.*?)</article>", re.DOTALL)


def search_bundles(volumes: list[tuple[str, int]]) -> dict[str, str]:
    """The bundle (site path) of each volume, from the volumes' ids and document counts in
    edition order: consecutive volumes share a bundle up to `BUNDLE_DOCS` documents. A
    bundle is named after its first volume (`pagefind/<volume id>/`), so it keeps its
    name while volumes are added after it."""
    groups: list[list[str]] = []
    size = 0
    for volume_id, docs in volumes:
        if not docs:
            continue
        if not groups or size + docs > BUNDLE_DOCS:
            groups.append([])
            size = 0
        groups[-1].append(volume_id)
        size += docs
    return {v: f"pagefind/{group[0]}/" for group in groups for v in group}


def index_words(text: str) -> set[str]:
    """The words of `text` as the search page looks them up (`locate` in search.js): lower
    case, accents dropped; each run of letters and digits, and, as Pagefind also indexes
    them, a compound's runs joined (`761.94/7-2145` → `761`, `94`, `7`, `2145`,
    `7619472145`: Pagefind drops a query word's punctuation and looks that up)."""
    folded = "".join(c for c in unicodedata.normalize("NFD", text.lower())
                     if not unicodedata.combining(c))
    found: set[str] = set()
    for token in folded.split():
        parts = _WORD_RE.findall(token)
        found.update(parts)
        if len(parts) > 1:
            found.add("".join(parts))
    return found


def page_words(page: Path) -> set[str]:
    """The words of a written document page's indexed part (its `data-pagefind-body`)."""
    body = _BODY_RE.search(page.read_text(encoding="utf-8"))
    return index_words(html.unescape(_TAGS_RE.sub(" ", body.group(1)))) if body else set()


class SearchIndexer:
    """The document pages (`data-pagefind-body`) indexed by Pagefind, one bundle per group
    of volumes (`search_bundles`), and a word table saying which bundles hold each word.

    A Pagefind bundle scores words on its own statistics and, lacking a word, falls back
    to its longest prefix (`Lozovsky` → `L.`): merged as they are, the bundles without
    the word put junk first. The search page therefore opens only the bundles that hold
    every word of the query (`write_word_table`), and says so when none does.

    A group is indexed as soon as its volumes' pages are written, one Pagefind run at a
    time (each holds its pages in memory). A group whose pages all have the fingerprints
    of the previous build keeps the previous build's bundle.
    """

    def __init__(self, out: Path, state: BuildState, bundles: dict[str, str],
                 later: bool = False) -> None:
        self.out = out
        self.state = state
        # `later` (serve): a changed group keeps the published bundle for now, under its old
        # fingerprint, so that the next build, run at once, indexes it
        self.later = later
        self.deferred: list[str] = []
        self.exe = pagefind_executable()
        self.bundles = bundles
        self.pool = ThreadPoolExecutor(1)
        self.waiting: dict[str, dict[str, tuple[list[str], str]]] = {}
        self.runs: list[Future[list[Message]]] = []
        self.indexed = self.reused = 0

    def add(self, volume_id: str, doc_ids: list[str], pages_fingerprint: str) -> None:
        """Note the pages of volume `volume_id`, now written; index its group once all
        the group's volumes are."""
        bundle = self.bundles.get(volume_id)
        if not doc_ids or bundle is None or self.exe is None:
            return
        group = self.waiting.setdefault(bundle, {})
        group[volume_id] = (doc_ids, pages_fingerprint)
        if len(group) < sum(1 for b in self.bundles.values() if b == bundle):
            return
        volumes = {v: ids for v, (ids, _) in sorted(group.items())}
        fingerprint = digest(sorted(group.items()), pagefind_version())
        self.state.new[bundle] = fingerprint
        previous = self.state.previous
        if (previous is not None and self.state.unchanged(bundle, fingerprint)
                and (previous / bundle / _WORDS_FILE).is_file()):
            self.state.kept.folder(bundle)  # type: ignore[union-attr]  # previous: kept
            self.reused += 1
            return
        if (self.later and previous is not None and bundle in self.state.old
                and (previous / bundle / _WORDS_FILE).is_file()):
            self.state.kept.folder(bundle)  # type: ignore[union-attr]  # previous: kept
            self.state.new[bundle] = self.state.old[bundle]
            self.deferred.append(bundle)
            return
        if previous is not None:
            for v, ids in volumes.items():
                _gather_kept_pages(previous, self.out, v, ids)
        self.indexed += 1
        self.runs.append(self.pool.submit(_index_bundle, self.exe, self.out, bundle, volumes))

    def finish(self) -> list[Message]:
        """Wait for every run, then write the word table; the problems reported."""
        self.pool.shutdown(wait=True)
        if self.exe is None:
            return [Message("error", "pagefind", None,
                            "the Pagefind binary is missing: install `pagefind[bin]`; "
                            "the site has no search index")]
        messages = [m for run in self.runs for m in run.result()]
        write_word_table(self.out, self.state.previous, list(dict.fromkeys(self.bundles.values())))
        return messages


def write_word_table(out: Path, previous: Path | None, bundles: list[str]) -> None:
    """`search-words/bundles.json` (the bundles in order) and, for each two-letter start
    of a word, `search-words/<hex of its UTF-8>.json`: `{word: [[bundle, documents]…]}`,
    the bundles holding the word and in how many of their documents.

    The search page fetches one small file per query word to learn which bundles hold
    it, so it opens only those, however many volumes the edition has; a word no bundle
    holds is known to be in no document.
    """
    listings = []
    for bundle in bundles:
        listing = out / bundle / _WORDS_FILE
        if not listing.is_file() and previous is not None:
            listing = previous / bundle / _WORDS_FILE
        listings.append(listing if listing.is_file() else None)
    folder = out / WORDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bundles.json").write_text(json.dumps(bundles), encoding="utf-8")
    # In passes over the listings, each holding a share of the shards: the table of a
    # whole series (some million word–bundle pairs) is never in memory at once.
    passes = max(1, len(bundles) // _BUNDLES_PER_PASS)
    for share in range(passes):
        shards: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for number, listing in enumerate(listings):
            if listing is None:
                continue
            for line in listing.read_text(encoding="utf-8").splitlines():
                word, docs = line.split(" ")
                if zlib.crc32(word[:2].encode()) % passes == share:
                    shards.setdefault(word[:2], {}).setdefault(word, []).append(
                        (number, int(docs)))
        for start, table in shards.items():
            (folder / f"{start.encode().hex()}.json").write_text(
                json.dumps(table, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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


def _either(choices: Iterable[str]) -> str:
    """A glob matching any of `choices` (braces only around two or more)."""
    listed = list(choices)
    return listed[0] if len(listed) == 1 else "{" + ",".join(listed) + "}"


def _index_bundle(exe: Path, out: Path, bundle: str, volumes: dict[str, list[str]]
                  ) -> list[Message]:
    # Naming the documents' folders spares Pagefind reading the printed-page lists. The
    # glob goes in a config file, which has no length limit. Ids are checked path
    # segments (letters, digits, `_.-`): nothing a glob reads.
    expected = sum(len(ids) for ids in volumes.values())
    glob = _either(f"{v}/{_either(ids)}" for v, ids in volumes.items())
    config = {"site": str(out), "glob": f"{glob}/index.html",
              "output_subdir": bundle.rstrip("/")}
    with tempfile.TemporaryDirectory(prefix="pagefind-") as cwd:
        (Path(cwd) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        try:
            run = subprocess.run([str(exe)], cwd=cwd, capture_output=True, text=True,
                                 timeout=3600, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return [Message("error", "pagefind", None, f"Pagefind did not run: {exc}")]
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        return [Message("error", "pagefind", None, f"Pagefind failed for {bundle}, its "
                        "volumes cannot be searched: " + " | ".join(detail))]
    docs_with: Counter[str] = Counter()
    for v, ids in volumes.items():
        for doc_id in ids:
            docs_with.update(page_words(out / v / doc_id / "index.html"))
    (out / bundle / _WORDS_FILE).write_text(
        "".join(f"{w} {n}\n" for w, n in sorted(docs_with.items())), encoding="utf-8")
    counts = [int(n) for n in _INDEXED_RE.findall(run.stdout)]
    if counts and counts[-1] != expected:
        return [Message("warning", "pagefind", None, f"Pagefind indexed {counts[-1]} pages "
                        f"of {', '.join(volumes)}, which have {expected} documents")]
    return []
