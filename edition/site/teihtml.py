"""A document's TEI `div` → HTML fragments: heading, source note, text, footnotes.

Every word and attribute from the TEI passes through `escape()`; the only markup in the
result is what this module writes itself, so the fragments are safe to place in a page.
Elements the renderer does not know keep their text (as a `span` or `div`), never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree
from markupsafe import Markup, escape

from . import urls
from .identity import heading_without_number
from .links import EDITION, HISTORY_STATE_GOV, Link

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{0,119}$")
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_CLASS_RE = re.compile(r"[^a-z0-9\-]")
_SPAN_RE = re.compile(r"^[1-9][0-9]?$")

# Children that make a TEI `p` (or `quote`) a block container rather than a paragraph.
_BLOCKY = frozenset({"p", "list", "table", "lg", "floatingText", "div", "opener", "closer",
                     "postscript", "ab", "quote"})
# Elements of opener/closer/postscript that stand on a line of their own.
_LINES = frozenset({"dateline", "signed", "salute", "seg", "ab", "address", "addrLine", "p",
                    "byline", "docAuthor", "head", "label", "l"})
_HI = {"italic": "i", "italics": "i", "bold": "b", "sup": "sup", "superscript": "sup",
       "sub": "sub", "subscript": "sub", "underline": "u", "strong": "b"}
_NO_MARKUP_NEEDED = {"persName", "gloss", "placeName", "orgName", "name", "date", "rs", "term",
                     "num", "seg", "addrLine", "roleName", "time", "measure", "c", "w"}


def local(el: etree._Element) -> str:
    """The element's TEI name without namespace ('' for comments and PIs)."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


@dataclass
class Footnote:
    """A footnote as the list at the end of the page shows it."""

    id: str
    ref_id: str
    label: str
    paragraphs: list[Markup]  # blocks (`p`, `div` …), ready to place in the list item


@dataclass
class RenderedDoc:
    """The HTML fragments of one document page."""

    heading: Markup
    source_note: Markup | None
    body: Markup
    footnotes: list[Footnote] = field(default_factory=list)


Resolver = Callable[[str], Link]


class DocRenderer:
    """Render one document; `resolve(target)` says where a `ref/@target` leads (an edition
    link's `href` relative to the page); `number`, the document's, is shown above the
    heading, so the heading does not repeat it."""

    def __init__(self, doc_id: str, resolve: Resolver, number: str | None = None) -> None:
        self.doc_id = doc_id
        self.resolve = resolve
        self.number = number
        self.footnotes: list[Footnote] = []
        self.used_ids: set[str] = set()

    # -- ids -----------------------------------------------------------------------------
    def unique_id(self, wanted: str | None, fallback: str) -> str:
        """An HTML id that is valid and not yet used on the page."""
        base = wanted if wanted and _ID_RE.match(wanted) else fallback
        candidate, i = base, 2
        while candidate in self.used_ids:
            candidate, i = f"{base}-{i}", i + 1
        self.used_ids.add(candidate)
        return candidate

    # -- the document ---------------------------------------------------------------------
    def render(self, div: etree._Element) -> RenderedDoc:
        """The document's heading, source note, body and footnotes."""
        heading = Markup("")
        source: Markup | None = None
        parts: list[Markup] = []
        if div.text and div.text.strip():
            parts.append(Markup("<p>{}</p>").format(div.text.strip()))
        for child in div:
            name = local(child)
            if name == "note" and child.get("type") == "source" and source is None:
                source = self.inline_content(child)
            elif name == "head" and not heading:
                heading = self.inline_content(
                    child, text=heading_without_number(child.text or "", self.number))
            elif name:
                parts.append(self.block(child))
            if child.tail and child.tail.strip():
                parts.append(Markup("<p>{}</p>").format(child.tail.strip()))
        return RenderedDoc(heading=heading, source_note=source,
                           body=Markup("\n").join(parts), footnotes=self.footnotes)

    # -- blocks ---------------------------------------------------------------------------
    def block(self, el: etree._Element) -> Markup:
        """An element standing between blocks."""
        name = local(el)
        if name == "p":
            if self.has_blocky(el):
                return Markup('<div class="p">{}</div>').format(self.flow(el))
            return Markup("<p>{}</p>").format(self.inline_content(el))
        if name == "ab":
            cls = self.css_class("ab", el.get("type"))
            return Markup('<p class="{}">{}</p>').format(cls, self.inline_content(el))
        if name in ("head", "label", "trailer", "byline", "docAuthor"):
            return Markup('<p class="{}">{}</p>').format(
                self.css_class("subhead", name), self.inline_content(el))
        if name in ("opener", "closer", "postscript", "address", "lg", "signed", "salute",
                    "dateline"):
            return self.line_group(el)
        if name == "list":
            return self.list(el)
        if name == "table":
            return self.table(el)
        if name == "quote":
            return Markup("<blockquote>{}</blockquote>").format(
                self.flow(el) if self.has_blocky(el)
                else Markup("<p>{}</p>").format(self.inline_content(el)))
        if name == "pb":
            return Markup('<div class="pb-block">{}</div>').format(self.page_break(el))
        if name in ("note", "ref", "hi", "lb") or name in _NO_MARKUP_NEEDED:
            return Markup("<p>{}</p>").format(self.inline(el))
        return Markup('<div class="{}">{}</div>').format(self.css_class("tei", name), self.flow(el))

    def has_blocky(self, el: etree._Element) -> bool:
        """Whether the element holds blocks (lists, tables, paragraphs)."""
        return any(local(c) in _BLOCKY for c in el)

    def flow(self, el: etree._Element) -> Markup:
        """Mixed content where block children stay blocks and runs of words become `p`."""
        out: list[Markup] = []
        run: list[Markup] = []

        def close_run() -> None:
            text = Markup("").join(run)
            if text.strip():
                out.append(Markup("<p>{}</p>").format(text))
            run.clear()

        if el.text:
            run.append(escape(el.text))
        for child in el:
            name = local(child)
            if name in _BLOCKY:
                close_run()
                out.append(self.block(child))
            elif name:
                run.append(self.inline(child))
            if child.tail:
                run.append(escape(child.tail))
        close_run()
        return Markup("").join(out)

    def line_group(self, el: etree._Element) -> Markup:
        """opener, closer, postscript …: each line-like child on a line of its own."""
        out: list[Markup] = []
        run: list[Markup] = []

        def close_run() -> None:
            text = Markup("").join(run)
            if text.strip():
                out.append(Markup('<p class="line">{}</p>').format(text))
            run.clear()

        if el.text:
            run.append(escape(el.text))
        for child in el:
            name = local(child)
            if name in _LINES:
                close_run()
                out.append(Markup('<p class="{}">{}</p>').format(
                    self.css_class("line", name), self.inline_content(child)))
            elif name in _BLOCKY:
                close_run()
                out.append(self.block(child))
            elif name == "lb" and not run:
                pass  # a line break between lines that are already lines of their own
            elif name:
                run.append(self.inline(child))
            if child.tail:
                run.append(escape(child.tail))
        close_run()
        return Markup('<div class="{}">{}</div>').format(
            self.css_class("tei", local(el)), Markup("").join(out))

    def list(self, el: etree._Element) -> Markup:
        """A TEI list as `ul`; printed labels are kept and bullets hidden."""
        items: list[Markup] = []
        labelled = False
        for child in el:
            name = local(child)
            if name == "item":
                label = next((c for c in child if local(c) == "label"), None)
                labelled = labelled or label is not None
                items.append(Markup("<li>{}</li>").format(self.item(child)))
            elif name == "head":
                items.append(Markup('<li class="list-head">{}</li>').format(
                    self.inline_content(child)))
            elif name == "pb":
                items.append(Markup('<li class="pb-item">{}</li>').format(self.page_break(child)))
            elif name:
                items.append(Markup("<li>{}</li>").format(self.flow_or_inline(child)))
        cls = "list labelled" if labelled else "list"
        return Markup('<ul class="{}">{}</ul>').format(cls, Markup("").join(items))

    def item(self, el: etree._Element) -> Markup:
        """A list item: its label, words and any nested blocks."""
        out: list[Markup] = [escape(el.text or "")]
        for child in el:
            name = local(child)
            if name == "label":
                out.append(Markup('<span class="label">{}</span> ').format(
                    self.inline_content(child)))
            elif name in _BLOCKY:
                out.append(self.block(child))
            elif name:
                out.append(self.inline(child))
            out.append(escape(child.tail or ""))
        return Markup("").join(out)

    def flow_or_inline(self, el: etree._Element) -> Markup:
        """Blocks when the element holds blocks, else inline content."""
        return self.flow(el) if self.has_blocky(el) else self.inline_content(el)

    def table(self, el: etree._Element) -> Markup:
        """A TEI table as an HTML table (cells with role="label" as `th`)."""
        rows: list[Markup] = []
        for row in el:
            if local(row) != "row":
                if local(row):
                    rows.append(Markup('<tr><td colspan="99">{}</td></tr>').format(
                        self.flow_or_inline(row)))
                continue
            cells: list[Markup] = []
            for cell in row:
                if not local(cell):
                    continue
                tag = "th" if cell.get("role") == "label" or row.get("role") == "label" else "td"
                attrs = Markup("")
                for tei, html in (("cols", "colspan"), ("rows", "rowspan")):
                    if _SPAN_RE.match(cell.get(tei, "")):
                        attrs += Markup(' {}="{}"').format(html, cell.get(tei))
                cells.append(Markup("<{}{}>{}</{}>").format(
                    Markup(tag), attrs, self.flow_or_inline(cell), Markup(tag)))
            rows.append(Markup("<tr>{}</tr>").format(Markup("").join(cells)))
        return Markup('<div class="table-wrap"><table><tbody>{}</tbody></table></div>').format(
            Markup("").join(rows))

    # -- inline ---------------------------------------------------------------------------
    def inline_content(self, el: etree._Element, text: str | None = None) -> Markup:
        """An element's text (or `text` in its place) and children, in inline context (the
        element itself left out)."""
        out: list[Markup] = [escape(el.text or "" if text is None else text)]
        for child in el:
            if local(child):
                out.append(self.inline(child))
            out.append(escape(child.tail or ""))
        return Markup("").join(out)

    def inline(self, el: etree._Element) -> Markup:
        """An element inside running text."""
        name = local(el)
        if name == "note":
            return self.note_marker(el)
        if name == "pb":
            return self.page_break(el)
        if name == "lb":
            return Markup("<br>")
        if name == "ref":
            return self.ref(el)
        inner = self.inline_content(el)
        if name == "hi":
            tag = _HI.get((el.get("rend") or "").lower())
            if tag:
                return Markup("<{}>{}</{}>").format(Markup(tag), inner, Markup(tag))
            return Markup('<span class="{}">{}</span>').format(
                self.css_class("hi", el.get("rend")), inner)
        if name in ("emph", "foreign", "title"):
            tag = Markup({"emph": "em", "foreign": "i", "title": "cite"}[name])
            lang = el.get(XML_LANG, "")
            attr = Markup(' lang="{}"').format(lang) if _LANG_RE.match(lang) else Markup("")
            return Markup("<{}{}>{}</{}>").format(tag, attr, inner, tag)
        if name == "label":
            return Markup('<span class="label">{}</span>').format(inner)
        return Markup('<span class="{}">{}</span>').format(self.css_class("tei", name), inner)

    def css_class(self, prefix: str, value: str | None) -> str:
        """A class name built from a TEI name or attribute: only [a-z0-9-] survives."""
        cleaned = _CLASS_RE.sub("", (value or "").lower())[:40]
        return f"{prefix} {prefix}-{cleaned}" if cleaned else prefix

    def page_break(self, el: etree._Element) -> Markup:
        """The `[Page N]` marker, an anchor with id `pg_N`."""
        n = (el.get("n") or "").strip()
        try:
            urls.check_page(n)
        except urls.UnsafeId:
            return Markup("")
        anchor = self.unique_id(urls.page_anchor(n), urls.page_anchor(n))
        return Markup('<span class="pb" id="{}" data-pagefind-ignore>[Page {}]</span>').format(
            anchor, n)

    def ref(self, el: etree._Element) -> Markup:
        """A cross-reference: a link into the edition, a link to history.state.gov marked
        as leaving it (a visible arrow, and words for screen readers), or its words alone."""
        inner = self.inline_content(el)
        link = self.resolve((el.get("target") or "").strip())
        if link.where == EDITION:
            return Markup('<a class="ref" href="{}">{}</a>').format(link.href, inner)
        if link.where == HISTORY_STATE_GOV:
            return Markup(
                '<a class="ref ref-out" href="{}" rel="external">{}<span data-pagefind-ignore>'
                '<span class="ref-out-mark" aria-hidden="true">↗</span><span '
                'class="visually-hidden"> (on history.state.gov)</span></span></a>'
            ).format(link.href, inner)
        return Markup('<span class="ref-unresolved">{}</span>').format(inner)

    def note_marker(self, el: etree._Element) -> Markup:
        """A footnote's marker where it stood; the note joins the list for the page's end."""
        number = len(self.footnotes) + 1
        label = " ".join((el.get("n") or str(number)).split()) or str(number)
        note_id = self.unique_id(el.get(XML_ID), f"{self.doc_id}fn{number}")
        ref_id = self.unique_id(f"{note_id}-ref", f"{note_id}-ref")
        note = Footnote(id=note_id, ref_id=ref_id, label=label, paragraphs=[])
        self.footnotes.append(note)  # before rendering inside: notes nested in it come after
        if any(local(c) == "p" for c in el):
            if (el.text or "").strip():
                note.paragraphs.append(Markup("<p>{}</p>").format(el.text.strip()))
            for child in el:
                if local(child):
                    note.paragraphs.append(self.block(child))
                if (child.tail or "").strip():
                    note.paragraphs.append(Markup("<p>{}</p>").format(child.tail.strip()))
        else:
            note.paragraphs = [Markup("<p>{}</p>").format(self.inline_content(el))]
        return Markup(
            '<sup class="fn-marker" data-pagefind-ignore><a href="#{}" id="{}" '
            'role="doc-noteref" aria-label="Note {}">{}</a></sup>').format(
                note_id, ref_id, label, label)
