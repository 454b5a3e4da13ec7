"""Printed page breaks: `[Page 1263]`, `[Facsimile Page 2]`, `[Page [Map 1]]`, `[Page []]`."""

from __future__ import annotations

import re

# the page "number" may itself be bracketed (`[Page [Map 1]]`) or empty (`[Page []]`)
PAGE_RE = re.compile(
    r"\[(?:(?:Facsimile|Typeset) )?Page (?P<n>\[[^\[\]\n]*\]|[^\[\]\n]{0,20}?)\]"
)
_PAGE_WORD_RE = re.compile(r"^[\w.\-–]+( [\w.\-–]+)?$")


def find_page_breaks(text: str) -> list[tuple[int, int, str]]:
    """The spans of page-break marks in `text` with their page numbers as printed.

    Only plausible page labels count, so `( Page )` in a heading, or editorial text in
    brackets that happens to contain the word, stays text.
    """
    found = []
    for m in PAGE_RE.finditer(text):
        n = m.group("n").strip()
        if n.startswith("["):
            n = n[1:-1].strip()
        elif n and not _PAGE_WORD_RE.match(n):
            continue
        found.append((m.start(), m.end(), n))
    return found


def page_id(n: str) -> str:
    """The xml:id of a page break (`pg_1263`); labels that are not numbers are slugged."""
    slug = re.sub(r"[^A-Za-z0-9_.\-]+", "_", n).strip("_")
    return f"pg_{slug}" if slug else "pg_"
