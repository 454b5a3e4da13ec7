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


def build_search_index(out: Path, expected_pages: int) -> list[Message]:
    """Index every page marked `data-pagefind-body` under `out` into `out/pagefind/`.

    One run of the CLI indexes the whole site (the Python API would wait per file).
    """
    exe = pagefind_executable()
    if exe is None:
        return [Message("error", "pagefind", None,
                        "the Pagefind binary is missing: install `pagefind[bin]`; "
                        "the site has no search index")]
    try:
        run = subprocess.run([str(exe), "--site", str(out), "--output-subdir", "pagefind"],
                             capture_output=True, text=True, timeout=1800, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Message("error", "pagefind", None, f"Pagefind did not run: {exc}")]
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        return [Message("error", "pagefind", None,
                        "Pagefind failed, the site has no search index: " + " | ".join(detail))]
    counts = [int(n) for n in _INDEXED_RE.findall(run.stdout)]
    indexed = counts[-1] if counts else None
    if indexed is not None and indexed != expected_pages:
        return [Message("warning", "pagefind", None,
                        f"Pagefind indexed {indexed} pages, the site has {expected_pages} "
                        "documents")]
    return []
