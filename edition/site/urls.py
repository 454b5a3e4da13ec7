"""Every URL of the site, decided in one place.

A URL here is a *site path*: relative to the site's root, without a leading slash, and
ending in `/` for a page (its file is `index.html` inside). Pages link to each other with
`relative()`, so the built site works from any sub-path (`/my-edition/`) or host.
Ids that become path segments are checked against strict patterns first: nothing read
from a source can name a path outside the output folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SEGMENT_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{0,119}$")
PAGE_N_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9\-]{0,59}$")
# A part of an output path: no separator, no NUL, not empty (`.` and `..` refused apart).
_PART_RE = re.compile(r"^[^/\\\x00]{1,255}$")

HISTORY_STATE_GOV = "https://history.state.gov/historicaldocuments/"

# Site paths the site itself uses at the top level; a volume or editorial page may not.
RESERVED = frozenset({
    "files", "chronology", "persons", "search", "static", "pagefind", "tei",
    "sitemap.xml", "robots.txt", "404.html", "index.html", "lookup.json", "report",
})


class UnsafeId(ValueError):
    """An id that must not become part of a path."""


def check_segment(value: str) -> str:
    """Return `value` if it is a safe volume or document id, else raise UnsafeId."""
    if not SEGMENT_RE.match(value) or ".." in value:
        raise UnsafeId(f"`{value}` is not a valid id (letters, digits, `_`, `.`, `-`)")
    return value


def check_page(n: str) -> str:
    """Return `n` if it is a safe printed page number (`1263`, `xii`), else raise UnsafeId."""
    if not PAGE_N_RE.match(n) or ".." in n:
        raise UnsafeId(f"`{n}` is not a valid page number")
    return n


def home() -> str:
    """The home page: edition title, introduction, volumes."""
    return ""


def volume(volume_id: str) -> str:
    """A volume's contents."""
    return f"{check_segment(volume_id)}/"


def document(volume_id: str, doc_id: str) -> str:
    """A document's page (`/{volume}/d{N}/`)."""
    return f"{check_segment(volume_id)}/{check_segment(doc_id)}/"


def document_tei(volume_id: str, doc_id: str) -> str:
    """The downloadable TEI file, next to the document's page."""
    return f"{document(volume_id, doc_id)}{doc_id}.xml"


def citation_file(volume_id: str, doc_id: str, ext: str) -> str:
    """A citation download (`bib`, `ris`, `json`) next to the document's page."""
    return f"{document(volume_id, doc_id)}{doc_id}.{ext}"


def page(volume_id: str, n: str) -> str:
    """The list of documents on printed page `n` (`/{volume}/pg_{N}/`)."""
    return f"{check_segment(volume_id)}/pg_{check_page(n)}/"


def page_anchor(n: str) -> str:
    """The id of the `[Page N]` marker on a document page."""
    return f"pg_{check_page(n)}"


def history_state_gov(volume_id: str, fragment: str) -> str:
    """The Office of the Historian's stable address of a place in a FRUS volume.

    history.state.gov serves every `xml:id` of a volume as `/historicaldocuments/{volume}/{id}`:
    a document (`d45`), a printed page (`pg_88`), a footnote (`d18fn3`, redirected there to
    its document's note). An absolute URL: it leads out of the edition.
    """
    return f"{HISTORY_STATE_GOV}{check_segment(volume_id)}/{check_segment(fragment)}"


def files() -> str:
    """Every decimal file number, grouped by class."""
    return "files/"


def chronology() -> str:
    """Every document by date."""
    return "chronology/"


def persons() -> str:
    """Senders and recipients."""
    return "persons/"


def search() -> str:
    """The search page."""
    return "search/"


def editorial(slug: str) -> str:
    """An editorial page from `pages/{slug}.md`."""
    if not SLUG_RE.match(slug):
        raise UnsafeId(f"`{slug}` is not a valid page name (lower-case letters, digits, `-`)")
    return f"{slug}/"


def static(name: str) -> str:
    """A CSS, JS or other asset copied from the templates' `static/` folder."""
    return f"static/{name}"


def lookup_map() -> str:
    """The go-to box's map of file and document numbers."""
    return "static/lookup.json"


def not_found() -> str:
    """The 404 page (at the root: hosts serve it for any missing address)."""
    return "404.html"


def report() -> str:
    """The build report for the editor (not linked from the site's navigation)."""
    return "report/"


def sitemap() -> str:
    """The sitemap for search engines."""
    return "sitemap.xml"


def robots() -> str:
    """robots.txt."""
    return "robots.txt"


def output_file(out: Path, site_path: str) -> Path:
    """The file a site path is written to; refuses any path that leaves `out`.

    Decided on the string alone (no `resolve()`, which costs a system call per folder):
    every part must be a plain name, so the joined path cannot climb out of `out`.
    """
    return Path(os.path.join(out, output_rel(site_path)))


def output_rel(site_path: str) -> str:
    """The file of a site path relative to the output folder (`vol/d1/` →
    `vol/d1/index.html`); refuses any path that would leave the folder."""
    rel = site_path + "index.html" if site_path.endswith("/") or not site_path else site_path
    if any(not _PART_RE.match(part) or part in (".", "..") for part in rel.split("/")):
        raise UnsafeId(f"`{site_path}` leaves the output folder")
    return rel


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at site path `from_path` to `to_path` (may carry `#fragment`)."""
    target, sep, fragment = to_path.partition("#")
    suffix = f"#{fragment}" if sep else ""
    from_dirs = from_path.split("/")[:-1]  # "vol/d1/" -> [vol, d1]; "404.html" -> []
    to_parts = target.split("/")  # "vol/d2/" -> [vol, d2, ""]; "static/a.css" -> [static, a.css]
    common = 0
    while (common < len(from_dirs) and common < len(to_parts) - 1
           and from_dirs[common] == to_parts[common]):
        common += 1
    rel = "../" * (len(from_dirs) - common) + "/".join(to_parts[common:])
    if not rel:
        return suffix or "./"
    return rel + suffix


def absolute(base_url: str | None, site_path: str) -> str:
    """The public URL of a site path when the edition's `base_url` is set, else ''."""
    if not base_url:
        return ""
    return base_url.rstrip("/") + "/" + site_path
