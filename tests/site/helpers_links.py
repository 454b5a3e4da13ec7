"""Walk every internal link and anchor of a built site (used by the tests)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

SKIP_DIRS = {"pagefind"}


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html")
                  if not SKIP_DIRS.intersection(p.relative_to(site).parts))


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        tree = lxml.html.parse(str(path))
        cache[path] = {el.get("id") for el in tree.iter() if isinstance(el.tag, str)
                       and el.get("id")}
        cache[path] |= {el.get("name") for el in tree.iter("a") if el.get("name")}
    return cache[path]


def broken_links(site: Path) -> list[str]:
    """Every internal href/src that does not lead to a file (and, with #x, to an id)."""
    problems: list[str] = []
    ids: dict[Path, set[str]] = {}
    root_url = "http://site.invalid/"
    for page in html_pages(site):
        if page.name == "404.html":
            continue  # served at any address; its links are written for the site root
        rel = page.relative_to(site).as_posix()
        page_url = root_url + rel
        tree = lxml.html.parse(str(page))
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("href", "src", "action"):
                value = el.get(attr)
                if value is None or (el.tag == "link" and el.get("rel") == "canonical"):
                    continue
                target = urljoin(page_url, value)
                if not target.startswith(root_url):
                    continue  # external
                parts = urlsplit(target)
                path = site / unquote(parts.path[len(urlsplit(root_url).path):])
                if parts.path.endswith("/"):
                    path = path / "index.html"
                if not path.is_file():
                    problems.append(f"{rel}: {attr}={value!r}: no file {path.relative_to(site)}")
                    continue
                if parts.fragment and path.suffix == ".html" and \
                        unquote(parts.fragment) not in _ids(path, ids):
                    problems.append(f"{rel}: {attr}={value!r}: no id {parts.fragment!r}")
    return problems
