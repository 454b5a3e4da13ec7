"""The real FRUS pages the suite runs over: the bundled edition (`sources/`) and the
fixtures (`tests/fixtures/corpus/`, real pages with their gold), each text once.

Both are in the repository, so the suite needs nothing beside it.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "corpus"
VOLUMES = ("frus1897", "frus1927v01", "frus1941v06", "frus1943China", "frus1955-57v02",
           "frus1964-68v16")  # every volume and era of the dev corpus the fixtures stand for
GOLD = sorted(FIXTURES.glob("*.gold.json"))


def _each_text_once(paths: list[Path]) -> list[Path]:
    seen: set[bytes] = set()
    kept = []
    for path in paths:
        data = path.read_bytes()
        if data not in seen:
            seen.add(data)
            kept.append(path)
    return kept


REAL_PAGES = _each_text_once(sorted((ROOT / "sources").rglob("*.txt"))
                             + sorted(FIXTURES.glob("*.txt")))
