"""The edition's indexes: decimal files, chronology, persons, and the lookup box's map."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .catalog import Catalog
from .people import person_key
from .read import SiteDoc

_DASHES_RE = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212-]")
_CLASS_RE = re.compile(r"^\s*(\d{3,}(?:\.[0-9A-Za-z]+)*)")
_ANCHOR_CLEAN_RE = re.compile(r"[^A-Za-z0-9.\-]+")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def normalize_file_number(text: str) -> str:
    """How the lookup box compares file numbers: any dash is `-`, no stray spaces, no case."""
    text = _DASHES_RE.sub("-", text).casefold()
    text = re.sub(r"\s*([/:])\s*", r"\1", text)
    return " ".join(text.split())


def file_class(file_number: str) -> str:
    """The decimal class a file number is filed under (`761.94/7–2145` → `761.94`)."""
    m = _CLASS_RE.match(file_number)
    return m.group(1) if m else "Other"


def anchor_for(prefix: str, text: str) -> str:
    """A readable HTML id for a file number or class (`f-761.94-7-2145`)."""
    cleaned = _ANCHOR_CLEAN_RE.sub("-", normalize_file_number(text)).strip("-")
    return f"{prefix}-{cleaned or 'x'}"


def natural_key(text: str) -> list:
    """Sort key that orders the numbers inside a text by value."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t)
            for t in re.findall(r"\d+|\D+", normalize_file_number(text))]


def class_key(label: str) -> tuple:
    """Decimal-file order: 893.105 (a subdivision of 893.1) comes before 893.42."""
    m = re.match(r"(\d+)(?:\.(\w+))?", label)
    if not m:
        return (1, 0, label)
    return (0, int(m.group(1)), m.group(2) or "")


def file_key(number: str) -> tuple:
    """Files in class order, then by the rest of the number in natural order."""
    cls = file_class(number)
    rest = number[len(cls):] if cls != "Other" else number
    return (class_key(cls), natural_key(rest))


@dataclass
class FileEntry:
    """A file number and the documents filed under it."""
    number: str
    anchor: str
    docs: list[SiteDoc] = field(default_factory=list)


@dataclass
class FileClass:
    """A decimal class (`761.94`) and its file numbers."""
    label: str
    anchor: str
    files: list[FileEntry] = field(default_factory=list)


def files_index(catalog: Catalog) -> list[FileClass]:
    """Every file number, grouped by decimal class, each with the documents filed under it."""
    entries: dict[str, FileEntry] = {}
    used: set[str] = set()
    for doc in catalog.all_docs():
        for number in doc.file_numbers:
            key = normalize_file_number(number)
            if key not in entries:
                anchor = anchor_for("f", number)
                while anchor in used:
                    anchor += "-x"
                used.add(anchor)
                entries[key] = FileEntry(number, anchor)
            if doc not in entries[key].docs:
                entries[key].docs.append(doc)
    classes: dict[str, FileClass] = {}
    for entry in sorted(entries.values(), key=lambda e: file_key(e.number)):
        label = file_class(entry.number)
        if label not in classes:
            classes[label] = FileClass(label, anchor_for("c", label))
        classes[label].files.append(entry)
    return sorted(classes.values(), key=lambda c: class_key(c.label))


@dataclass
class Period:
    """A month (or year) of the chronology and its documents."""
    label: str
    anchor: str
    docs: list[SiteDoc]


def chronology(catalog: Catalog) -> list[Period]:
    """Documents by year and month, in date order; undated documents last."""
    dated = sorted((d for d in catalog.all_docs() if d.date), key=lambda d: d.date or "")
    groups: dict[str, list[SiteDoc]] = defaultdict(list)
    for doc in dated:
        date = doc.date or ""
        month = MONTHS[int(date[5:7]) - 1] + " " + date[:4] if len(date) >= 7 and \
            "01" <= date[5:7] <= "12" else date[:4]
        groups[month].append(doc)
    periods = [Period(label, "t-" + docs[0].date[:7], docs) for label, docs in groups.items()
               if docs[0].date]
    seen: set[str] = set()
    for period in periods:  # "1945" and "1945-01" style keys cannot collide, but be sure
        while period.anchor in seen:
            period.anchor += "-x"
        seen.add(period.anchor)
    undated = [d for d in catalog.all_docs() if not d.date]
    if undated:
        periods.append(Period("Undated", "t-undated", undated))
    return periods


@dataclass
class Person:
    """A sender or recipient and the documents they sent and received."""
    name: str
    anchor: str
    sent: list[SiteDoc] = field(default_factory=list)
    received: list[SiteDoc] = field(default_factory=list)


def persons_index(catalog: Catalog) -> list[Person]:
    """Senders and recipients as the headings name them, sorted by surname or office."""
    people: dict[str, Person] = {}
    for doc in catalog.all_docs():
        for party, role in ((doc.sender, "sent"), (doc.recipient, "received")):
            if not party:
                continue
            person = people.setdefault(party, Person(party, ""))
            getattr(person, role).append(doc)
    ordered = sorted(people.values(), key=lambda p: (person_key(p.name), p.name))
    for i, person in enumerate(ordered, 1):
        person.anchor = f"p{i}"
    return ordered


def lookup_map(catalog: Catalog) -> dict[str, list[list[str]]]:
    """Typed text → [[label, site path], …] for the go-to box (file and document numbers)."""
    found: dict[str, list[list[str]]] = defaultdict(list)

    def add(key: str, label: str, path: str) -> None:
        if key and [label, path] not in found[key]:
            found[key].append([label, path])

    for doc in catalog.all_docs():
        label = f"{doc.volume_id} {doc.label}: {doc.heading}"[:160]
        for number in doc.file_numbers:
            key = normalize_file_number(number)
            add(key, label, doc.url)
            if "/" in key:
                add(key.split("/", 1)[1], label, doc.url)
        if doc.number:
            add(normalize_file_number(doc.number), label, doc.url)
            add(normalize_file_number(f"{doc.volume_id} {doc.number}"), label, doc.url)
        add(doc.doc_id.casefold(), label, doc.url)
    return dict(found)
