"""Full-text search with Pagefind, indexed once the pages are written.

Pagefind's tokenizer splits words at `.` and `/` but keeps dashes inside a word, so a
file number printed `761.94/7–2145` is indexed as `761`, `94`, `7–2145`. A reader types
`761.94/7-2145`, `7-2145` or `76194`; each document page therefore carries those
spellings in a span hidden from people (`search_spellings`), which Pagefind indexes.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..model import Message
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


def build_search_index(out: Path, volumes: dict[str, int]) -> list[Message]:
    """Index each volume's document pages (`data-pagefind-body`) into its own bundle.

    `volumes` maps volume id → number of documents. One run of the Pagefind CLI per
    volume indexes all its pages at once (the Python API would wait per file); the search
    page merges the bundles, as Pagefind's multisite search does for separate sites.
    """
    exe = pagefind_executable()
    if exe is None:
        return [Message("error", "pagefind", None,
                        "the Pagefind binary is missing: install `pagefind[bin]`; "
                        "the site has no search index")]
    messages: list[Message] = []
    for volume_id, expected in volumes.items():
        if expected:
            messages += _index_volume(exe, out, volume_id, expected)
    return messages


def _index_volume(exe: Path, out: Path, volume_id: str, expected: int) -> list[Message]:
    command = [str(exe), "--site", str(out), "--glob", f"{volume_id}/*/index.html",
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
