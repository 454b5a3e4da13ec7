"""Source lines and archival (decimal) file numbers.

`761.94/7–2145: Telegram`, `811.20 (D) Regulations/1729a`, `893.00B/1127½`,
`File No. 812.00/1193, 1202.`, `Paris Peace Conf. 180.03401/86`, `123 Kirk, Alan G.: Telegram`,
`500.A15 a 1/388: Telegram`, `793.003/812 Suppl.: Telegram`, `893.00/1234: Telegram (part air)`,
and in modern volumes the `Source:` footnote: `Central Files, 793.5/1–2755. Secret.`
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# a decimal file number: class (3 digits, optional decimals and letters), an optional
# subject (`Pacific War`, `(D) Regulations`, `European War 1939`), a slash and a serial
_CLASS = r"\d{3}[A-Z]?(?:\.[0-9A-Za-z]+)?(?:[–-][A-Z]{2,4})?"  # 033.1100–NI: a country code
_SERIAL = r"[0-9][0-9A-Za-z½¼¾]*(?:[–-][0-9]+[A-Za-z]*)?"
FILE_NUMBER_RE = re.compile(
    rf"(?<![\w./])(?P<num>{_CLASS}(?: [A-Z(][\w.()'’,\- ]{{0,60}}?)?/{_SERIAL})"
)
# a source line opens with a file number whatever follows it: a class (two digits and a
# decimal part when the printer dropped one: `93.94/4567`), a subject (`Armament Control`,
# `(D) Regulations`, `Statement July 16, 1937`, or a letter and a number: `a 1`), a slash and
# a serial. `112. Memorandum …` is not one: a class is followed by a space or the slash,
# never by a period and a space; nor is `100 per cent of 1/3`: a subject opens with a
# capital, a parenthesis or a lone letter before a number.
_LEADING_CLASS = r"(?:\d{3}[A-Z]?(?:\.[0-9A-Za-z]+)?|\d{2}\.[0-9A-Za-z]+)(?:[–-][A-Z]{2,4})?"
_LEADING_SUBJECT = r" (?:[A-Z(]|[a-z] \d)[^:/]{0,60}?"
LEADING_NUMBER_RE = re.compile(rf"^(?P<num>{_LEADING_CLASS}(?:{_LEADING_SUBJECT})?/{_SERIAL})")
# a superscript fraction copied into the serial: `793.94/12345 2/3` read as `…/123452/3`
GLUED_FRACTION_RE = re.compile(r"^(?P<serial>.*\d)(?P<num>\d)/(?P<den>\d)$")
VULGAR_FRACTIONS = {"1/2": "½", "1/3": "⅓", "2/3": "⅔", "1/4": "¼", "3/4": "¾", "1/5": "⅕",
                    "2/5": "⅖", "3/5": "⅗", "4/5": "⅘", "1/6": "⅙", "5/6": "⅚", "1/8": "⅛",
                    "3/8": "⅜", "5/8": "⅝", "7/8": "⅞"}
GENRE_SUFFIX_RE = re.compile(r":\s*(?P<genre>[A-Z][A-Za-z\- ]{2,40})\.?$")
NAME_FILE_RE = re.compile(r"^\d{3} [A-Z][\w.,’' \-]+$")
# `File No.`, `File Nos.` (1910s); `Paris Peace Conf.` and its printed variants (`Paris Peace
# Conference`, `Paris peace Conf.`, `Paris Peace Conf`, OCR `Paris Peaee Conf.`) before a number
SOURCE_PREFIX_RE = re.compile(
    r"^(?:File Nos?\.?|[Pp]aris [Pp]ea[ce]e Conf(?:\.|erence)?)\s*(?=\d)"
)
# the designation of conference minutes printed under the source line: `CF–38`, `BC–47`,
# `IC–181A`, `SWC–12`
MINUTES_DESIGNATION_RE = re.compile(r"^[A-Z]{1,5}[–-]\d+[A-Z]?\.?$")
# a collection named as the source: `Henry L. Stimson Private Papers`
COLLECTION_RE = re.compile(r"^[A-Z][\w.’' ]{2,60} (?:Papers|Files|Collection|Diaries|Diary)$")


def is_source_line(line: str) -> bool:
    """Whether the first line of a text is a source line (file number, `File No.` …)."""
    text = line.strip()
    if not text or len(text) > 160:
        return False
    if SOURCE_PREFIX_RE.match(text) or LEADING_NUMBER_RE.match(text):
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


@dataclass
class SourceReading:
    """What a source line yields: its file numbers, and what in it is doubtful."""

    file_numbers: list[str]
    doubts: list[str] = field(default_factory=list)


def file_numbers_from_source_line(line: str) -> list[str]:
    """The file numbers a source line prints, en dashes and suffixes kept as printed."""
    return read_source_line(line).file_numbers


def read_source_line(line: str) -> SourceReading:
    """The file numbers of a source line, with a note of whatever had to be guessed.

    The line itself stays the source note as printed; this only takes the numbers out.
    """
    text = SOURCE_PREFIX_RE.sub("", line.strip()).strip()
    lead = LEADING_NUMBER_RE.match(text)
    # what follows the first colon is the genre (`Telegram (part air)`), never the number
    core = text.split(":", 1)[0].strip() if lead else _strip_genre(text)
    if NAME_FILE_RE.match(core) and "/" not in core:
        return SourceReading([core])
    printed, core = core, core.rstrip(".").strip()  # `File No. 893.00/826.`: a closing period
    if FILE_NUMBER_RE.fullmatch(core):
        return SourceReading([core])
    if lead:
        return _read_leading_number(printed)
    m = FILE_NUMBER_RE.match(core)
    if m:
        return SourceReading(_with_more_serials(m.group("num"), core[m.end():]))
    return SourceReading([x.group("num") for x in FILE_NUMBER_RE.finditer(core)])


def _read_leading_number(core: str) -> SourceReading:
    """`793.94/123452/3`, `793.003/812 Suppl.`, `93.94/4567`: a number with something odd."""
    m = LEADING_NUMBER_RE.match(core)
    if m is None:  # the caller matched the line; its part before the colon matches too
        return SourceReading([])
    number, rest = m.group("num"), core[m.end():].strip()
    doubts = []
    if not re.match(r"\d{3}", number):
        doubts.append(f"the file number `{number}` has a class of two digits (a misprint?)")
    fraction = _fraction_in_serial(number, rest)
    if fraction:
        doubts.append(f"`{core.strip()}` read as `{fraction}` (a superscript fraction copied "
                      "into the number)")
        return SourceReading([fraction], doubts)
    more = _more_numbers(number, rest)
    doubts += [f"`{piece}` after the file number `{number}` is not read as part of it"
               for found, piece in more if found is None]
    return SourceReading([number] + [found for found, _ in more if found], doubts)


def _fraction_in_serial(number: str, rest: str) -> str | None:
    """`793.94/12345` + `/3` → `793.94/12345⅔`: a fraction's numerator ran into the serial."""
    spaced = re.fullmatch(r"(?P<num>\d)/(?P<den>\d)\.?", rest)
    glued = GLUED_FRACTION_RE.match(number + rest.rstrip(".")) if re.fullmatch(r"/\d\.?", rest) else None
    found = spaced or glued
    if not found or found["num"] >= found["den"] or found["num"] == "0":
        return None
    serial = number if spaced else glued["serial"]
    printed = f"{found['num']}/{found['den']}"
    return serial + VULGAR_FRACTIONS.get(printed, " " + printed)


def _with_more_serials(first: str, rest: str) -> list[str]:
    """`812.00/1193, 1202`, `763.72/1234; 763.72119/56`: further numbers after the first."""
    return [first] + [number for number, _ in _more_numbers(first, rest) if number]


def _more_numbers(first: str, rest: str) -> list[tuple[str | None, str]]:
    """Each piece after the first number (`, 1202`, `; 763.72119/56`, ` Suppl.`) and the file
    number it gives (None when it gives none): a bare serial is of the first number's class."""
    pieces = re.split(r"\s*(?:[,;]|\band\b)\s*", rest.strip())
    stem = first.rsplit("/", 1)[0]
    found: list[tuple[str | None, str]] = []
    for k, piece in enumerate(pieces):
        bare = piece.rstrip(".")  # `File No. 812.00/1193, 1202.`: the period closes the line
        if not bare:
            continue
        if k and FILE_NUMBER_RE.fullmatch(bare):
            found.append((bare, piece))
        elif k and re.fullmatch(r"\d[\w½–-]*", bare):
            found.append((f"{stem}/{bare}", piece))
        else:
            found.append((None, piece))
    return found


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
