"""How to cite a document: Chicago note, short and archival forms, BibTeX, RIS, CSL-JSON,
Highwire `citation_*` meta tags and JSON-LD — all made at build time.

citeproc-py was considered: its bundled styles do not include Chicago's note form, and
the note form for a letter in a published collection (sender to recipient, genre, place,
date, in *Collection*, doc. N) is simple enough to write and test here directly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..config import EditionConfig, VolumeConfig
from .people import short_party
from .read import SiteDoc

ARCHIVE = ("Central Decimal File, General Records of the Department of State, Record Group 59, "
           "National Archives")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass
class CiteContext:
    """What a citation needs beyond the document: its volume, edition and public URL."""

    volume: VolumeConfig
    volume_title: str
    edition: EditionConfig
    url: str  # absolute URL of the document page, '' when the edition has no base_url

    def __post_init__(self) -> None:
        self.volume_title = tidy(self.volume_title)  # every form follows it with its own mark


def human_date(iso: str | None) -> str:
    """`1945-07-21` → `July 21, 1945`; `1945-07` → `July 1945`; `1945` → `1945`."""
    if not iso:
        return ""
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{MONTHS[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return iso
    return parts[0]


def page_range(doc: SiteDoc) -> str:
    """`p. 1264` or `pp. 1262–1263`, or '' when the pages are unknown."""
    if not doc.page_from:
        return ""
    if doc.page_to and doc.page_to != doc.page_from:
        return f"pp. {doc.page_from}–{doc.page_to}"
    return f"p. {doc.page_from}"


def locator(doc: SiteDoc) -> str:
    """`doc. N`, or the page range when the document has no number."""
    return f"doc. {doc.number}" if doc.number else page_range(doc)


def _editors(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _genre_phrase(doc: SiteDoc) -> str:
    """The genre as a note names it, unless the heading already says it."""
    if doc.genre == "document" or doc.heading.lower().startswith(doc.genre.split()[0]):
        return ""
    return doc.genre


# A word whose period is an abbreviation's, kept before a comma (`Washington, D.C., July 4`).
_ABBREVIATION_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Messrs|Dr|Jr|Sr|St|Esq|Gen|Col|Capt|Lt|Adm|Hon|Rev|Prof|No|Nos|Co|Bros|"
    r"Inc|Ltd|etc)|\b(?:[A-Za-z]\.)+[A-Za-z])\.$")
_CLOSING = ",;:"


def tidy(text: str) -> str:
    """A part of a citation without the punctuation that closed it where it was printed
    (a heading's full stop, a dateline's comma): the citation's own commas and final
    period take its place, so none is doubled. An abbreviation keeps its period."""
    text = " ".join(text.split()).rstrip(_CLOSING + " ")
    if text.endswith(".") and not text.endswith("..") and not _ABBREVIATION_RE.search(text):
        text = text[:-1].rstrip(_CLOSING + " ")
    return text


def citation_title(doc: SiteDoc) -> str:
    """The document's title as every citation form gives it."""
    return tidy(doc.heading)


def _join(parts: list[Markup | str]) -> Markup:
    """Parts joined by commas and closed by one period."""
    kept = [p if isinstance(p, Markup) else tidy(p) for p in parts]
    text = Markup(", ").join(escape(p) for p in kept if p)
    return text if str(text).endswith((".", "?", "!")) else text + Markup(".")


def chicago_note(doc: SiteDoc, ctx: CiteContext) -> Markup:
    """The full note: correspondence in a published collection (Chicago 17th ed., 14.111)."""
    container = Markup("in <i>{}</i>").format(ctx.volume_title)
    if ctx.volume.editors:
        container += Markup(", ed. {}").format(_editors(ctx.volume.editors))
    imprint = ": ".join(p for p in (ctx.volume.place, ctx.volume.publisher) if p)
    imprint = ", ".join(p for p in (imprint, ctx.volume.year) if p)
    if imprint:
        container += Markup(" ({})").format(imprint)
    return _join([citation_title(doc), _genre_phrase(doc), doc.place or "",
                  human_date(doc.date), container, locator(doc), ctx.url])


def short_note(doc: SiteDoc) -> Markup:
    """The shortened note: `Sato to Togo, July 21, 1945, doc. 1234.`"""
    sender, recipient = short_party(doc.sender), short_party(doc.recipient)
    if sender and recipient:
        who = f"{sender} to {recipient}"
    else:
        words = citation_title(doc).split()
        who = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    return _join([who, human_date(doc.date), locator(doc)])


def archival_note(doc: SiteDoc, ctx: CiteContext) -> Markup | None:
    """The archival form, citing the decimal file; None when no file number is known."""
    if not doc.file_numbers:
        return None
    files = "; ".join(doc.file_numbers)
    printed = Markup("printed in <i>{}</i>, {}").format(ctx.volume_title, locator(doc))
    return _join([citation_title(doc), _genre_phrase(doc), human_date(doc.date),
                  f"file {files}", ARCHIVE, printed])


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
                   "%": r"\%", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: the special characters escaped."""
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in " ".join(text.split()))


def cite_key(doc: SiteDoc) -> str:
    """The citation key of a document: `volume-docid`, ASCII only."""
    return re.sub(r"[^A-Za-z0-9_\-:.]", "", f"{doc.volume_id}-{doc.doc_id}")


def bibtex(doc: SiteDoc, ctx: CiteContext) -> str:
    """A BibTeX `@incollection` entry."""
    fields = [("title", citation_title(doc)), ("booktitle", ctx.volume_title),
              ("editor", " and ".join(ctx.volume.editors)), ("publisher", ctx.volume.publisher),
              ("address", ctx.volume.place), ("year", ctx.volume.year),
              ("pages", page_range(doc).split(" ", 1)[-1].replace("–", "--") if doc.page_from
               else ""),
              ("number", doc.number or ""), ("date", doc.date or ""),
              ("note", "; ".join(filter(None, [locator(doc).capitalize(),
                                               *(f"File {f}" for f in doc.file_numbers)]))),
              ("url", ctx.url)]
    body = ",\n".join(f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields if value)
    return f"@incollection{{{cite_key(doc)},\n{body}\n}}\n"


def ris(doc: SiteDoc, ctx: CiteContext) -> str:
    """An RIS record (type CHAP: a section of a book)."""
    def line(tag: str, value: str) -> str:
        return f"{tag}  - {' '.join(value.split())}\r\n" if value.strip() else ""

    out = line("TY", "CHAP") + line("TI", citation_title(doc)) + line("T2", ctx.volume_title)
    out += "".join(line("A2", name) for name in ctx.volume.editors)
    if doc.sender:
        out += line("AU", doc.sender)
    out += line("PB", ctx.volume.publisher) + line("CY", ctx.volume.place)
    out += line("PY", ctx.volume.year)
    if doc.date:
        parts = (doc.date.split("-") + ["", ""])[:3]
        out += line("DA", "/".join(parts) + "/")
    out += line("SP", doc.page_from or "") + line("EP", doc.page_to or "")
    out += line("M1", doc.number or "") + line("UR", ctx.url)
    out += "".join(line("N1", f"File {f}") for f in doc.file_numbers)
    return out + "ER  - \r\n"


def csl_json(doc: SiteDoc, ctx: CiteContext) -> list[dict]:
    """A CSL-JSON item: a letter in a collection."""
    item: dict = {"id": cite_key(doc), "type": "letter", "title": citation_title(doc),
                  "container-title": ctx.volume_title,
                  "collection-title": ctx.volume.series, "publisher": ctx.volume.publisher,
                  "publisher-place": ctx.volume.place}
    if doc.sender:
        item["author"] = [{"literal": doc.sender}]
    if doc.recipient:
        item["recipient"] = [{"literal": doc.recipient}]
    if ctx.volume.editors:
        item["editor"] = [{"literal": name} for name in ctx.volume.editors]
    if doc.date:
        item["issued"] = {"date-parts": [[int(p) for p in doc.date.split("-")]]}
    if doc.genre != "document":
        item["genre"] = doc.genre
    if doc.number:
        item["number"] = doc.number
    if doc.page_from:
        item["page"] = "-".join(filter(None, [doc.page_from, doc.page_to
                                              if doc.page_to != doc.page_from else None]))
    if doc.file_numbers:
        item["archive_location"] = "; ".join(doc.file_numbers)
    if doc.place:
        item["event-place"] = doc.place
    if ctx.url:
        item["URL"] = ctx.url
    return [item]


def highwire(doc: SiteDoc, ctx: CiteContext) -> list[tuple[str, str]]:
    """`citation_*` meta tags (name, content) that make Zotero save a book section."""
    tags = [("citation_title", citation_title(doc)), ("citation_inbook_title", ctx.volume_title),
            ("citation_book_title", ctx.volume_title)]
    if doc.sender:
        tags.append(("citation_author", doc.sender))
    tags += [("citation_editor", name) for name in ctx.volume.editors]
    tags.append(("citation_publisher", ctx.volume.publisher))
    if ctx.volume.year:
        tags.append(("citation_publication_date", ctx.volume.year))
    if doc.date:
        tags.append(("citation_date", doc.date.replace("-", "/")))
    if doc.page_from:
        tags.append(("citation_firstpage", doc.page_from))
        tags.append(("citation_lastpage", doc.page_to or doc.page_from))
    tags.append(("citation_language", ctx.edition.language))
    if ctx.url:
        tags.append(("citation_abstract_html_url", ctx.url))
    return [(name, value) for name, value in tags if value]


def json_ld(doc: SiteDoc, ctx: CiteContext) -> dict:
    """schema.org description of the document as part of its volume."""
    book: dict = {"@type": "Book", "name": ctx.volume_title,
                  "publisher": {"@type": "Organization", "name": ctx.volume.publisher}}
    if ctx.volume.editors:
        book["editor"] = [{"@type": "Person", "name": n} for n in ctx.volume.editors]
    if ctx.volume.year:
        book["datePublished"] = ctx.volume.year
    data: dict = {"@context": "https://schema.org", "@type": "Message",
                  "name": citation_title(doc),
                  "isPartOf": book, "inLanguage": ctx.edition.language}
    if doc.date:
        data["dateCreated"] = doc.date
    if doc.sender:
        data["sender"] = {"@type": "Person", "name": doc.sender}
    if doc.recipient:
        data["recipient"] = {"@type": "Person", "name": doc.recipient}
    if doc.file_numbers:
        data["identifier"] = doc.file_numbers
    if doc.number:
        data["position"] = doc.number
    if ctx.url:
        data["url"] = ctx.url
    return data


def json_for_script(data: object) -> Markup:
    """JSON safe to place inside `<script>`: `<`, `>` and `&` become `\\u` escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
