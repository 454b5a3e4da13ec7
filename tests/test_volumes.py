"""The catalogue of FRUS volumes: ids that exist, and the name a volume is shown by."""

from __future__ import annotations

import pytest

from edition import volumes
from edition.config import load_volume_config


def test_real_ids_are_known_and_made_up_ones_are_not() -> None:
    assert volumes.is_known("frus1943China")
    assert volumes.is_known("frus1952-54v13p1")
    assert not volumes.is_known("frus1943Chinav02")
    assert not volumes.is_known("devv01")


@pytest.mark.parametrize(("volume_id", "expected"), [
    # a planned volume (the catalogue holds no title for it), then ids shaped like the series'
    ("frus1993-2000v17", "Foreign Relations of the United States, 1993–2000, Volume XVII"),
    ("frus1952-54v17p1", "Foreign Relations of the United States, 1952–1954, Volume XVII, Part 1"),
    ("frus1914-20v03", "Foreign Relations of the United States, 1914–1920, Volume III"),
    ("frus1899-1900v01", "Foreign Relations of the United States, 1899–1900, Volume I"),
    ("frus1919Parisv14", "frus1919Parisv14"),  # a named set: its id does not spell its title
    ("my-letters", "my-letters"),  # not a FRUS volume at all
])
def test_a_volume_without_a_catalogue_title_is_named_from_its_id(volume_id: str,
                                                                 expected: str) -> None:
    if volumes.title(volume_id):
        pytest.fail(f"{volume_id} has a catalogue title; choose an id without one")
    assert volumes.name(volume_id) == expected


def test_a_catalogue_title_wins_over_the_made_one() -> None:
    assert volumes.name("frus1961-63v05") == volumes.title("frus1961-63v05")
    assert volumes.name("frus1961-63v05").endswith("Soviet Union")


def test_a_folder_without_volume_yaml_gets_the_catalogue_name(tmp_path) -> None:
    config, messages = load_volume_config(tmp_path, "frus1961-63v05")
    assert messages == []
    assert config.title.startswith("Foreign Relations of the United States, 1961–1963, Volume V")
