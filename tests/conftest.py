"""Shared pytest fixtures."""

from __future__ import annotations

import pytest
from lxml import etree

from edition.tei.validate import relaxng


@pytest.fixture(scope="session")
def tei_relaxng() -> etree.RelaxNG:
    """lxml's compiled tei_all.rng, built once per test session (compiling takes ~10 s)."""
    return relaxng()


FIXED_EPOCH = "1700000000"  # 2023-11-14: the build date of every build under `fixed_date`


@pytest.fixture
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds dated by SOURCE_DATE_EPOCH, so that two builds write the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
