"""Source lines and archival (decimal) file numbers.

`761.94/7–2145: Telegram`, `811.20 (D) Regulations/1729a`, `893.00B/1127½`,
`File No. 812.00/1193, 1202.`, `Paris Peace Conf. 180.03401/86`, `123 Kirk, Alan G.: Telegram`,
and in modern volumes the `Source:` footnote: `Central Files, 793.5/1–2755. Secret.`
"""

from __future__ import annotations

import re

# a decimal file number: class (3 digits, optional decimals and letters), an optional
# subject (`Pacific War`, `(D) Regulations`, `European War 1939`), a slash and a serial
_CLASS = r"\d{3}[A-Z]?(?:\.[0-9A-Za-z]+)?(?:[–-][A-Z]{2,4})?"  # 033.1100–NI: a country code
_SERIAL = r"[0-9][0-9A-Za-z½¼¾]*(?:[–-][0-9]+[A-Za-z]*)?"
FILE_NUMBER_RE = re.compile(
    rf"(?<![\w./])(?P<num>{_CLASS}(?: [A-Z(][\w.()'’,\- ]{{0,60}}?)?/{_SERIAL})"
)
GENRE_SUFFIX_RE = re.compile(r":\s*(?P<genre>[A-Z][A-Za-z\- ]{2,40})\.?$")
NAME_FILE_RE = re.compile(r"^\d{3} [A-Z][\w.,’' \-]+$")
SOURCE_PREFIX_RE = re.compile(r"^(?:File No\.?|Paris Peace Conf\.|Paris Peaee Conf\.)\s*")
# a collection named as the source: `Henry L. Stimson Private Papers`
COLLECTION_RE = re.compile(r"^[A-Z][\w.’' ]{2,60} (?:Papers|Files|Collection|Diaries|Diary)$")


def is_source_line(line: str) -> bool:
    """Whether the first line of a text is a source line (file number, `File No.` …)."""
    text = line.strip()
    if not text or len(text) > 160:
        return False
    if SOURCE_PREFIX_RE.match(text):
        return True
    core = _strip_genre(text)
    if FILE_NUMBER_RE.fullmatch(core.rstrip(".")) or NAME_FILE_RE.match(core):
        return True
    m = FILE_NUMBER_RE.match(core)
    if m and re.fullmatch(r"(?:,\s*\d[\w½–-]*)*\.?", core[m.end():]):
        return True
    return bool(COLLECTION_RE.match(text)) and not re.search(r"\b(?:to|of|by)\b", text)


def _strip_genre(text: str) -> str:
    m = GENRE_SUFFIX_RE.search(text)
    return text[: m.start()].strip() if m else text


def file_numbers_from_source_line(line: str) -> list[str]:
    """The file numbers a source line prints, en dashes and suffixes kept as printed."""
    core = SOURCE_PREFIX_RE.sub("", _strip_genre(line.strip())).strip()
    if NAME_FILE_RE.match(core) and "/" not in core:
        return [core]
    core = core.rstrip(".").strip()  # `File No. 893.00/826.`: the period closes the line
    if FILE_NUMBER_RE.fullmatch(core):
        return [core]
    found = []
    m = FILE_NUMBER_RE.match(core)
    if m:
        first = m.group("num")
        found.append(first)
        stem = first.rsplit("/", 1)[0]
        for extra in re.findall(r",\s*(\d[\w½–-]*)", core[m.end():]):
            found.append(f"{stem}/{extra}")
        return found
    return [x.group("num") for x in FILE_NUMBER_RE.finditer(core)]


def file_numbers_in_note(text: str) -> list[str]:
    """File numbers in a modern `Source:` footnote (`Central Files, 793.5/1–2755.`)."""
    found = []
    for m in FILE_NUMBER_RE.finditer(text):
        num = m.group("num").rstrip(".")
        if num not in found:
            found.append(num)
    return found


def file_class(file_number: str) -> str:
    """The decimal class a file number belongs to: `761.94/7–2145` → `761.94`."""
    head = file_number.split("/", 1)[0].strip()
    m = re.match(_CLASS, head)
    return m.group(0) if m else head
