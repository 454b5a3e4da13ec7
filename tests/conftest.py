"""Shared pytest fixtures."""

from __future__ import annotations

import pytest
from lxml import etree

from edition.tei.validate import relaxng


@pytest.fixture(scope="session")
def tei_relaxng() -> etree.RelaxNG:
    """lxml's compiled tei_all.rng, built once per test session (compiling takes ~10 s)."""
    return relaxng()
