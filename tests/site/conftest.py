"""Shared fixtures for the site tests: a small edition built once per test session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from edition.config import VolumeConfig, load_edition_config
from edition.model import Message
from edition.site import build_site

FIXTURES = Path(__file__).parent / "fixtures"
VOLUME = "frus1945Berlinv02"
EPOCH = "1700000000"  # 2023-11-14


def build_fixture_site(out: Path, base_url: str | None = None, sources: Path | None = None
                       ) -> list[Message]:
    """Copy the fixture TEI into `out/tei/` (as the pipeline does) and build the site."""
    sources = sources or FIXTURES / "sources"
    shutil.copytree(FIXTURES / "tei", out / "tei")
    config, messages = load_edition_config(sources)
    assert not messages
    config.base_url = base_url
    volumes = [VolumeConfig(id=VOLUME, title=VOLUME, editors=["Richardson Dougall"],
                            year="1960")]
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return build_site(config, volumes, sorted((out / "tei").glob("*/*.xml")), sources, out)
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Message]]:
    """The fixture edition built without a base URL (relative links only)."""
    out = tmp_path_factory.mktemp("site")
    return out, build_fixture_site(out)


@pytest.fixture(scope="session")
def site(built_site: tuple[Path, list[Message]]) -> Path:
    return built_site[0]


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory):
    """The bundled edition (the repository's sources/) built by the whole pipeline."""
    from edition.build import build

    out = tmp_path_factory.mktemp("bundled") / "site"
    result = build(Path(__file__).resolve().parents[2] / "sources", out)
    return out, result


@pytest.fixture(scope="session")
def site_without_address(tmp_path_factory: pytest.TempPathFactory
                         ) -> tuple[Path, list[Message]]:
    """The fixture edition whose settings say it has no public address (`base_url: ""`)."""
    out = tmp_path_factory.mktemp("site-no-address")
    return out, build_fixture_site(out, base_url="")


@pytest.fixture(scope="session")
def site_with_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture edition built with a public base URL under a sub-path."""
    out = tmp_path_factory.mktemp("site-base")
    build_fixture_site(out, base_url="https://example.org/my-edition/")
    return out


@pytest.fixture()
def catalog():
    """The fixture volume read into a Catalog."""
    from edition.site import read_documents
    from edition.site.catalog import Catalog

    volumes = [VolumeConfig(id=VOLUME, title=VOLUME)]
    docs, messages = read_documents(volumes, sorted((FIXTURES / "tei").glob("*/*.xml")))
    assert not messages
    return Catalog(volumes, docs)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright, one per browser test module."""
    from helpers_browser import CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"Chromium missing: {INSTALL_HINT}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the built site in headless Chromium "
                            "(needs scripts/install-browser-tools.sh)")
