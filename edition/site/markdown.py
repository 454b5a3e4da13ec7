"""The edition's own prose (introduction, about, method) from Markdown.

Raw HTML in Markdown is off, so a page's text can never become markup; markdown-it's
link validation leaves `javascript:` (and `vbscript:`, `file:`, `data:`) links unlinked.
Relative links are written from the site's root (`about/`, `frus1945v02/d12/`) and are
rewritten here to work from the page they appear on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup
from mdit_py_plugins.footnote import footnote_plugin

from ..model import Message
from . import urls

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass
class MarkdownPage:
    """An editorial page rendered from Markdown."""
    slug: str  # '' for the introduction
    title: str
    html: Markup
    source: Path
    has_h1: bool = False


def _parser(page_path: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(footnote_plugin)
    md.enable("table")

    def rewrite(renderer, tokens, idx, options, env):
        token = tokens[idx]
        href = token.attrGet("href") or ""
        if href and not _SCHEME_RE.match(href) and not href.startswith(("#", "/", "//")):
            token.attrSet("href", urls.relative(page_path, href))
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", rewrite)
    return md


def render_markdown(text: str, page_path: str, demote: bool = False) -> tuple[str, Markup]:
    """(title, html) of Markdown text shown at site path `page_path`; title is the first h1.

    `demote` moves every heading one level down, for prose under the page's own h1.
    """
    md = _parser(page_path)
    env: dict = {}
    tokens = md.parse(text, env)
    title = ""
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and i + 1 < len(tokens):
            title = title or tokens[i + 1].content
        if demote and token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 1)}"
    # markdown-it escapes all text and attributes itself; raw HTML is disabled above.
    return title, Markup(md.renderer.render(tokens, md.options, env))


def read_pages(folder: Path) -> tuple[list[MarkdownPage], list[Message]]:
    """Every `*.md` in the editorial pages folder, named by its file (`about.md` → about/)."""
    pages: list[MarkdownPage] = []
    messages: list[Message] = []
    if not folder.is_dir():
        return pages, messages
    for path in sorted(folder.glob("*.md")):
        slug = path.stem
        if path.is_symlink():  # it could point anywhere on the machine
            messages.append(Message("warning", str(path), None,
                                    "symbolic link skipped; copy the page into the folder"))
            continue
        try:
            site_path = urls.editorial(slug)
        except urls.UnsafeId as exc:
            messages.append(Message("warning", str(path), None, f"{exc}; page left out"))
            continue
        if slug in urls.RESERVED:
            messages.append(Message("warning", str(path), None,
                                    f"`{slug}` is a name the site uses itself; rename the file"))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            messages.append(Message("error", str(path), None, f"cannot read page: {exc}"))
            continue
        title, html = render_markdown(text, site_path)
        pages.append(MarkdownPage(slug, title or slug.replace("-", " ").capitalize(), html, path,
                                  has_h1=bool(title)))
    return pages, messages
