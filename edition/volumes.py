"""The catalogue of FRUS volumes: which volume ids exist, and their titles where known.

The Office of the Historian names every volume by an id (`frus1897`, `frus1952-54v13p1`,
`frus1918Supp01v01`, `frus1919Parisv04`); `data/volumes.tsv` lists them. A cross-reference
is written only to a volume in this list, so that no link leads to a volume that does not exist.
"""

from __future__ import annotations

import functools
import re
from importlib import resources


@functools.cache
def _catalogue() -> dict[str, str | None]:
    """id → complete title (None where the list has none), read once from the package data."""
    text = resources.files("edition").joinpath("data/volumes.tsv").read_text(encoding="utf-8")
    found: dict[str, str | None] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        volume_id, _, title = line.partition("\t")
        found[volume_id.strip()] = title.strip() or None
    return found


def is_known(volume_id: str) -> bool:
    """Whether `volume_id` is a volume of the FRUS series (exactly as the Office writes it)."""
    return volume_id in _catalogue()


def title(volume_id: str) -> str | None:
    """The volume's complete title (`Foreign Relations of the United States, 1961–1963,
    Volume V, Soviet Union`), or None when the catalogue has none or does not know the id."""
    return _catalogue().get(volume_id)


def known_ids() -> frozenset[str]:
    """Every volume id in the catalogue."""
    return frozenset(_catalogue())


_ID_RE = re.compile(
    r"^frus(?P<y1>\d{4})(?:-(?P<y2>\d{2,4}))?(?P<rest>[A-Za-z]*?)"
    r"(?:v(?P<vol>\d+))?(?:p(?P<part>\d+))?$")


def name(volume_id: str) -> str:
    """What to call a volume: the catalogue's title, else a title made from its id
    (`frus1961-63v05` → `Foreign Relations of the United States, 1961–1963, Volume V`),
    else the id itself for a volume outside the series."""
    known = title(volume_id)
    if known:
        return known
    m = _ID_RE.match(volume_id)
    if not m:
        return volume_id
    years = m.group("y1")
    if m.group("y2"):
        end = m.group("y2")
        years += "–" + (years[: 4 - len(end)] + end)
    parts = ["Foreign Relations of the United States", years]
    if m.group("rest"):
        return volume_id  # a named set whose title the id does not spell: frus1919Parisv04
    if m.group("vol"):
        parts.append(f"Volume {_roman(int(m.group('vol')))}")
    if m.group("part"):
        parts.append(f"Part {int(m.group('part'))}")
    return ", ".join(parts)


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                           (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out
