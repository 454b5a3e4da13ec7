"""`python build.py check`: is the built edition sound? A report an editor can act on.

Three kinds of finding, each naming the file (and line) and what to do:
- the TEI files against the TEI P5 schema;
- the edition's consistency: duplicate ids, cross-references that lead nowhere (neither
  in the edition nor in a FRUS volume on history.state.gov), notes without text or
  without a marker, documents that may have swallowed a neighbour, page numbers that go
  backwards;
- every internal link and anchor of the site.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .model import Message
from .parse.filenumbers import is_source_line
from .site.links import UNRESOLVED, decide
from .tei.validate import safe_parser, validate_files

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@dataclass
class TeiFacts:
    """What the consistency checks need of one TEI file."""

    path: Path
    volume: str
    doc_id: str
    ids: list[str] = field(default_factory=list)
    pages: list[tuple[str, int]] = field(default_factory=list)  # (n, line)
    refs: list[tuple[str, int]] = field(default_factory=list)  # (target, line)
    empty_notes: list[tuple[str, int]] = field(default_factory=list)
    page_range: set[str] = field(default_factory=set)
    has_source_note: bool = False
    suspicious_lines: list[int] = field(default_factory=list)


def read_facts(path: Path, tei_root: Path) -> TeiFacts | Message:
    try:
        root = etree.parse(str(path), safe_parser()).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        return Message("error", _rel(path, tei_root), None, f"not well-formed XML: {exc}")
    div = root.find(f".//{TEI}div[@type='document']")
    rel = path.relative_to(tei_root)
    facts = TeiFacts(path, rel.parts[0] if len(rel.parts) > 1 else "",
                     div.get(XML_ID, "") if div is not None else path.stem)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get(XML_ID):
            facts.ids.append(el.get(XML_ID))
        if el.tag == f"{TEI}pb":
            facts.pages.append((el.get("n", ""), el.sourceline or 0))
        elif el.tag == f"{TEI}biblScope" and el.get("unit") == "page":
            first, last = el.get("from", ""), el.get("to", "")
            if first.isdigit() and last.isdigit() and int(last) - int(first) < 500:
                facts.page_range = {str(k) for k in range(int(first), int(last) + 1)}
        elif el.tag == f"{TEI}ref" and el.get("target"):
            facts.refs.append((el.get("target"), el.sourceline or 0))
        elif el.tag == f"{TEI}note":
            if el.get("type") == "source":
                facts.has_source_note = True
            elif not "".join(el.itertext()).strip():
                facts.empty_notes.append((el.get("n", "?"), el.sourceline or 0))
        elif el.tag == f"{TEI}p" and is_source_line("".join(el.itertext()).strip()):
            facts.suspicious_lines.append(el.sourceline or 0)
    return facts


def check_consistency(tei_files: list[Path], tei_root: Path) -> list[Message]:
    """Findings across the edition's TEI files."""
    messages: list[Message] = []
    facts: list[TeiFacts] = []
    for path in tei_files:
        got = read_facts(path, tei_root)
        if isinstance(got, Message):
            messages.append(got)
        else:
            facts.append(got)
    by_volume: dict[str, list[TeiFacts]] = defaultdict(list)
    for f in facts:
        by_volume[f.volume].append(f)
    for docs in by_volume.values():
        docs.sort(key=lambda f: _doc_order(f.doc_id))
        messages += _duplicate_ids(docs, tei_root)
        messages += _pages_backwards(docs, tei_root)
    messages += _unfollowable_refs(facts, tei_root)
    for f in facts:
        rel = _rel(f.path, tei_root)
        for n, line in f.empty_notes:
            messages.append(Message("warning", rel, line,
                                    f"footnote {n} has no text; add it in the raw file"))
        for line in f.suspicious_lines:
            messages.append(Message(
                "warning", rel, line,
                "a paragraph looks like a source line: two documents may have been merged "
                "into one — split the raw file"))
    return messages


def _duplicate_ids(docs: list[TeiFacts], tei_root: Path) -> list[Message]:
    out = []
    seen: dict[str, Path] = {}
    for f in docs:
        if f.doc_id in seen:
            out.append(Message("error", _rel(f.path, tei_root), None,
                               f"document id {f.doc_id} is also used by "
                               f"{_rel(seen[f.doc_id], tei_root)}"))
        seen.setdefault(f.doc_id, f.path)
    return out


def _unfollowable_refs(facts: list[TeiFacts], tei_root: Path) -> list[Message]:
    """Cross-references the site cannot link: neither in the edition nor in a FRUS volume
    that history.state.gov holds (the site's own decision, `edition.site.links.decide`)."""
    places: set[tuple[str, str]] = set()
    for f in facts:
        places.add((f.volume, f.doc_id))
        places.update((f.volume, i) for i in f.ids)
        places.update((f.volume, f"pg_{n}") for n, _ in f.pages)
        places.update((f.volume, f"pg_{n}") for n in f.page_range)

    def find(volume: str, fragment: str) -> str | None:
        return "" if (volume, fragment) in places else None

    out = []
    for f in facts:
        for target, line in f.refs:
            link = decide(target, f.volume, find)
            if link.where == UNRESOLVED:
                out.append(Message("warning", _rel(f.path, tei_root), line,
                                   f"cross-reference `{target}` cannot be followed: "
                                   f"{link.problem}; the site shows its words without a link"))
    return out


def _pages_backwards(docs: list[TeiFacts], tei_root: Path) -> list[Message]:
    out = []
    last_page = None
    for f in docs:
        for n, line in f.pages:
            if not n.isdigit():
                continue
            if last_page is not None and int(n) < last_page[0]:
                out.append(Message(
                    "warning", _rel(f.path, tei_root), line,
                    f"page {n} comes after page {last_page[0]} ({last_page[1]}); "
                    "check the page breaks and the documents' order"))
            last_page = (int(n), f.doc_id)
    return out


def _doc_order(doc_id: str) -> tuple[int, str]:
    m = re.match(r"d(\d+)", doc_id)
    return (int(m.group(1)) if m else 10**9, doc_id)


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif (name == "href" and tag in ("a", "link", "area")) or (
                    name == "src" and tag in ("img", "script", "iframe", "source")):
                self.links.append((value, self.getpos()[0]))


def find_broken_links(site: Path) -> list[Message]:
    """Every internal link and #anchor of every HTML page must resolve to a file and id."""
    pages: dict[Path, _LinkCollector] = {}
    for path in sorted(site.rglob("*.html")):
        collector = _LinkCollector()
        collector.feed(path.read_text(encoding="utf-8", errors="replace"))
        pages[path.resolve()] = collector
    messages = []
    root = site.resolve()
    for path, collector in pages.items():
        for link, line in collector.links:
            problem = _link_problem(link, path, root, pages)
            if problem:
                messages.append(Message("error", _rel(path, root), line,
                                        f"link `{link}` {problem}"))
    return messages


def _link_problem(link: str, page: Path, root: Path,
                  pages: dict[Path, _LinkCollector]) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
        return None
    target = page if not parts.path else (
        (root / parts.path.lstrip("/")) if parts.path.startswith("/")
        else (page.parent / unquote(parts.path)))
    target = Path(str(target)).resolve()
    if not str(target).startswith(str(root)):
        return "leaves the site"
    if target.is_dir():
        target = target / "index.html"
    if not target.exists():
        return "points to a missing file"
    if parts.fragment and target.suffix == ".html":
        collector = pages.get(target)
        if collector is not None and unquote(parts.fragment) not in collector.ids:
            return f"points to a missing anchor #{parts.fragment}"
    return None


def check_edition(out: Path) -> list[Message]:
    """All checks on a built edition folder (`<out>/tei` and the pages around it)."""
    tei_root = out / "tei"
    tei_files = sorted(tei_root.rglob("*.xml")) if tei_root.is_dir() else []
    if not tei_files:
        return [Message("error", str(out), None,
                        "no TEI files found; build the edition first (python build.py)")]
    messages = []
    for path, errors in validate_files(tei_files).items():
        for error in errors[:5]:
            line = re.match(r".*?:(\d+):", error)
            messages.append(Message("error", _rel(Path(path), tei_root),
                                    int(line.group(1)) if line else None,
                                    "not valid TEI: " + error.split(": ", 1)[-1]))
    messages += check_consistency(tei_files, tei_root)
    if any(out.glob("*.html")):
        messages += find_broken_links(out)
    return messages


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name
