"""Dates: datelines (`Chungking, December 15, 1943—3 p.m.`) and date-based file numbers."""

from __future__ import annotations

import re
from datetime import date

MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|" \
         r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
# `December 15, 1943`, `27 January 1955`, `December 15,\n1943`, `[June] 19, 1941`, and an
# editor's correction of the day after it (`August 11 [10], 1937`): the printed day is the date
MONTH_DAY_YEAR = re.compile(
    _MONTH + r"\]?\s+\[?(?P<day>\d{1,2})(?:st|nd|rd|th)?\]?(?:\s\[\d{1,2}\])?,?\s+"
    r"\[?(?P<year>1[6-9]\d\d|20\d\d)"
)
DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>1[6-9]\d\d|20\d\d)")
# a dateline: an optional place (perhaps bracketed) then a date near the line's start
DATELINE_RE = re.compile(
    r"^(?:No\.\s*\d+\.?\]\s*)?(?:\[?[A-Z][^\d\[\]]{0,60}?,\]?\s*)?\[?(?:" + _MONTH + r"\]?\s+\[?\d{1,2}|\d{1,2}\s+"
    + _MONTH.replace("?P<month>", "?:") + r")"
)
# date-based file numbers: 761.94/7–2145 is filed on 21 July 1945 (month–day year)
FILE_DATE_RE = re.compile(r"/(?P<month>\d{1,2})[–-](?P<day>\d{1,2})(?P<year>\d{2})(?![\d])")


def parse_date(text: str) -> str | None:
    """The first full date in `text` as YYYY-MM-DD, if it is a real calendar date."""
    for pattern in (MONTH_DAY_YEAR, DAY_MONTH_YEAR):
        m = pattern.search(text)
        if m:
            month = MONTH_NUMBERS[m.group("month").rstrip(".").lower()]
            iso = _iso(int(m.group("year")), month, int(m.group("day")))
            if iso:
                return iso
    return None


MAX_AFTER_DATE = 40  # `, 11:30 a.m.`, `—midnight.`, `. (Received March 2, 4 p.m.)`
PLACE_ONLY_RE = re.compile(r"^\[?[A-Z][A-Za-z .’'\-]{1,40},\]?$")


def looks_like_place(line: str) -> bool:
    """`Washington,` alone: a dateline whose date is on the next line."""
    return bool(PLACE_ONLY_RE.match(line.strip()))


def looks_like_dateline(line: str) -> bool:
    """A short line that starts with a place and a date (or a date alone).

    A dateline ends soon after its date (a time, `(Received …)`); a sentence that opens with
    a date and goes on (`June 22, 1964, the President met …`, an editorial note) is text.
    """
    text = line.strip()
    if len(text) > 160 or not DATELINE_RE.match(text):
        return False
    found = MONTH_DAY_YEAR.search(text) or DAY_MONTH_YEAR.search(text)
    return found is None or len(text) - found.end() <= MAX_AFTER_DATE


def date_from_file_number(file_number: str) -> str | None:
    """`761.94/7–2145` → 1945-07-21; None when the number is not date-based."""
    m = FILE_DATE_RE.search(file_number)
    if not m:
        return None
    year = 1900 + int(m.group("year"))
    return _iso(year, int(m.group("month")), int(m.group("day")))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
