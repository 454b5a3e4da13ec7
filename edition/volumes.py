"""The FRUS volume catalogue (stand-in: a handful of real ids until the full list lands).

The ids are the file names under `bibliography/` of the Office of the Historian's
`HistoryAtState/frus` repository; the titles are their `title[@type='complete']`.
"""

from __future__ import annotations

_TITLES: dict[str, str | None] = {
    "frus1897": "Papers Relating to the Foreign Relations of the United States, With the "
                "Annual Message of the President Transmitted to Congress December 6, 1897",
    "frus1917": None,
    "frus1920v01": None,
    "frus1927v01": None,
    "frus1927v02": None,
    "frus1939v02": "Foreign Relations of the United States, Diplomatic Papers, 1939, General, "
                   "The British Commonwealth and Europe, Volume II",
    "frus1940v04": "Foreign Relations of the United States, Diplomatic Papers, 1940, "
                   "The Far East, Volume IV",
    "frus1940v05": None,
    "frus1941v05": "Foreign Relations of the United States, Diplomatic Papers, 1941, "
                   "The Far East, Volume V",
    "frus1941v06": "Foreign Relations of the United States, Diplomatic Papers, 1941, "
                   "The American Republics, Volume VI",
    "frus1941v07": None,
    "frus1942China": None,
    "frus1943v03": None,
    "frus1943China": "Foreign Relations of the United States: Diplomatic Papers, 1943, China",
    "frus1945Berlinv02": "Foreign Relations of the United States: Diplomatic Papers, "
                         "The Conference of Berlin (The Potsdam Conference), 1945, Volume II",
    "frus1945Berlinv01": None,
    "frus1955-57v02": None,
    "frus1955-57v10": "Foreign Relations of the United States, 1955–1957, Foreign Aid and "
                      "Economic Defense Policy, Volume X",
    "frus1961-63v05": "Foreign Relations of the United States, 1961–1963, Volume V, Soviet Union",
    "frus1964-68v16": "Foreign Relations of the United States, 1964–1968, Volume XVI, "
                      "Cyprus; Greece; Turkey",
}


def is_known(volume_id: str) -> bool:
    """Whether `volume_id` names a volume of the FRUS series."""
    return volume_id in _TITLES


def title(volume_id: str) -> str | None:
    """The volume's complete title, or None when unknown."""
    return _TITLES.get(volume_id)


def known_ids() -> frozenset[str]:
    """Every volume id of the catalogue."""
    return frozenset(_TITLES)
