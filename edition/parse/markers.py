"""Aligning footnote markers in the text with the footnotes at the end.

Markers are glued to what precedes them (`State74`, `No. 1449.2`, `(Togo)1`, `rescue us.”2`),
sometimes set off by a space (`Department of State 47`), sometimes run into a number
(`No. 9192` is telegram 919 and marker 2, `1929–3014` is 1929–30 and marker 14). They are
numbered through a chapter, so the k-th marker in the text belongs to the k-th footnote
whatever number the list prints. A note added after the chapter was numbered carries a
letter (`41a` follows 41 and comes before 42); older volumes mark notes with `*`, `†`, `‡`.

Rather than a greedy pattern, every place that *could* be a marker is a candidate with a
cost (how unlikely that kind of attachment is), and a dynamic programme picks, in text
order, one candidate per footnote so that the printed numbers run on as a chapter's do
(n, n+1, n+2 …); repeats, gaps and footnotes whose marker is lost cost more. Where the
digits alone cannot say which reading is meant (`No. 3317`: 33 and 17, or 331 and 7), the
neighbouring markers decide, and `settled_by_neighbours` tells a reading they fix from a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
    "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
}
# words after which a bare number is a number, not a marker set off by a space
NUMBER_WORDS = {
    "no.", "nos.", "no", "p.", "pp.", "page", "pages", "telegram", "telegrams", "document",
    "documents", "item", "items", "paragraph", "paragraphs", "article", "articles", "section",
    "vol.", "volume", "chapter", "annex", "number", "despatch", "instruction", "note", "nsc",
    "circular", "point", "points", "para", "para.", "paras.", "deptel", "embtel", "mytel",
    "urtel", "and", "or", "to", "of", "from", "than", "about", "some", "over", "under", "by",
    "at", "on", "in", "for", "with", "the", "a", "approximately", "nearly", "only",
}
DIGITS_RE = re.compile(r"(?<![0-9])[0-9]+(?![0-9])")
SYMBOLS = "*†‡"  # notes of older volumes: asterisk, dagger, double dagger
SYMBOL_RE = re.compile(rf"(?<=[^\s{SYMBOLS}])[{SYMBOLS}](?=[\s.,;:)\]”’\"]|$)")
HEADING_SYMBOL_RE = re.compile(rf"(?<=\S) ([{SYMBOLS}])\s*$")
MARKER_VALUE_RE = re.compile(r"([0-9]+)([a-z]?)")
NOTE_LETTERS = "abc"  # `41a`: a note added later; `2d` (second) and `4th` are words, not notes
CLOSERS = ")]”’\"»"
STOPS = ".,;:!?"

# costs: lower is likelier
ABBREVIATIONS = {"No", "Nos", "Art", "Arts", "Sec", "Secs", "p", "pp", "para", "par", "vol",
                 "Vol", "Doc", "Tel", "ch", "Ch", "fig", "Fig"}  # `No.2`: not a marker's place

COST_LETTER = -1.0
COST_CLOSER = -0.8
COST_AFTER_WORD_STOP = -0.7
COST_HEADING_SPACED = -0.7
COST_STAR = -0.5
COST_LETTERED = 0.3  # `Government41a`: likelier a marker than a code, less than a plain one
COST_CODE = 1.5  # glued to a short capitalised code: MIG21, B29
COST_NUMBER_STOP = 0.8  # `No. 1449.2`, `1924,16`: could be a decimal
COST_SPLIT = 2.5  # digits run into a number: `No. 9192`
COST_SPLIT_YEAR = 0.3  # run into a year or a day: `1943,64` no, `194330` and `April 2762` yes
COST_SPACED = 3.5  # a bare number inside a sentence
COST_REPEAT = 2.0
COST_JUMP = 3.0
COST_MISSING = 5.0
SURE_COST = 2.0  # a chosen marker costing this much or more is a guess
MAX_SKIP = 3
DAY_RE = re.compile(r"[0-9]{1,2}(?:st|nd|rd|th|d)?,")  # `June 4,` before a year
RANGE_START_RE = re.compile(r"[(\[]?([0-9]{1,4})[–-]")  # `1929–`, `313–`: a range's start
MAX_WORK = 60_000


@dataclass(frozen=True)
class Candidate:
    """A place that could hold a marker; `start:end` is what is removed from the text."""

    seg: int
    start: int
    end: int
    value: str
    cost: float
    group: int  # alternatives for the same digits share a group; one at most is chosen
    split: bool = False  # digits cut off the end of a number: `No. 3317` → 17

    @property
    def ordinal(self) -> tuple[int, int] | None:
        """Its place in a chapter's run: `41` → (41, 0), `41a` → (41, 1); None for `*`."""
        return marker_ordinal(self.value)


def marker_ordinal(value: str) -> tuple[int, int] | None:
    """`41` → (41, 0), `41a` → (41, 1), `41b` → (41, 2); a symbol or anything else → None."""
    m = MARKER_VALUE_RE.fullmatch(value)
    if not m:
        return None
    return int(m.group(1)), (ord(m.group(2)) - ord("a") + 1 if m.group(2) else 0)


def follows(prev: str, cur: str) -> bool:
    """Whether marker `cur` comes next after `prev` in a chapter: 41 → 42, 41 → 41a,
    41a → 41b, 41a → 42."""
    a, b = marker_ordinal(prev), marker_ordinal(cur)
    if a is None or b is None:
        return False
    return b == (a[0] + 1, 0) or b == (a[0], a[1] + 1)


def _predecessors(value: str) -> tuple[str, ...]:
    """The values after which `value` runs on (itself included, as a repeat)."""
    place = marker_ordinal(value)
    if place is None:
        return (value,)
    n, letter = place
    if letter:
        before = str(n) if letter == 1 else f"{n}{chr(ord('a') + letter - 2)}"
        return (value, before)
    return (value, str(n - 1), *(f"{n - 1}{ch}" for ch in NOTE_LETTERS))


def find_candidates(segments: list[str], heading_segs: set[int]) -> list[Candidate]:
    """Every plausible marker in the segments (page-break marks already blanked out)."""
    found: list[Candidate] = []
    group = 0
    for seg, text in enumerate(segments):
        for m in DIGITS_RE.finditer(text):
            group += 1
            found += _digit_candidates(seg, text, m.start(), m.end(), group, seg in heading_segs)
        for m in SYMBOL_RE.finditer(text):
            group += 1
            found.append(Candidate(seg, m.start(), m.end(), m.group(), COST_STAR, group))
        spaced = HEADING_SYMBOL_RE.search(text) if seg in heading_segs else None
        if spaced:  # `Mr. Olney to Mr. Denby *`: set off at the heading's end
            group += 1
            found.append(Candidate(seg, spaced.start(), spaced.end(1), spaced.group(1),
                                   COST_HEADING_SPACED, group))
    found.sort(key=lambda c: (c.seg, c.end, c.start))
    return found


def _digit_candidates(seg: int, text: str, s: int, e: int, group: int,
                      heading: bool) -> list[Candidate]:
    run = text[s:e]
    after = text[e] if e < len(text) else ""
    after2 = text[e + 1] if e + 1 < len(text) else ""
    if after and after in NOTE_LETTERS and not after2.isalnum():
        return _lettered_candidate(seg, text, s, e, group, heading)
    if after and (after.isalnum() or after in "/%½¼¾°") or (after in ".,:–-" and after2.isdigit()):
        return []
    before = text[s - 1] if s > 0 else ""
    before2 = text[s - 2] if s > 1 else ""
    line_start = not text[max(0, s - 200):s].strip() and not text[:s].strip()
    out: list[Candidate] = []

    def add(start: int, value: str, cost: float) -> None:
        out.append(Candidate(seg, start, e, value, cost, group))

    glued = _glued_cost(text, s)
    if glued is not None:
        if len(run) <= 3:
            add(s, run, glued)
    elif before == ":" and before2.isdigit():
        return []  # a time, 10:15
    elif (before == "" or before.isspace()) and not line_start and len(run) <= 3:
        prev = _prev_word(text, s)
        at_heading_end = heading and not text[e:].strip()
        if at_heading_end:
            add(s - 1 if before else s, run, COST_HEADING_SPACED)
        elif prev not in MONTHS and prev.lower() not in NUMBER_WORDS and not prev[-1:].isdigit():
            add(s - 1 if before else s, run, COST_SPACED)
    # digits run into a preceding number: `No. 9192` = 919 + marker 2, `1943,64`, and the
    # end of a range: `1929–3014` = 1929–30 + marker 14
    range_start = RANGE_START_RE.fullmatch(_prev_word(text, s)) if before in "–-" else None
    if len(run) >= 2 and not line_start and (
            before == "" or before.isspace() or before in "(.,“‘[$" or range_start):
        prev = _prev_word(text, s).strip("[(")
        for j in range(1, min(3, len(run) - 1) + 1):
            number = run[:-j]
            cost = (_range_end_cost(range_start.group(1), number) if range_start
                    else _split_cost(number, run, prev))
            out.append(Candidate(seg, e - j, e, run[-j:], cost + 0.2 * (j - 1), group, split=True))
    return [c for c in out if len(c.value) == 1 or not c.value.startswith("0")]


def _glued_cost(text: str, s: int) -> float | None:
    """The cost of a marker glued to what precedes offset `s` (a word, a closing bracket or
    quote, an ellipsis, a word's stop); None when nothing is glued there."""
    before = text[s - 1] if s > 0 else ""
    before2 = text[s - 2] if s > 1 else ""
    if before.isalpha():
        word = _prev_word(text, s)
        letters = re.sub(r"[^A-Za-z]", "", word)
        code = letters.isupper() and len(letters) <= 4 or any(ch.isdigit() for ch in word)
        return COST_CODE if code else COST_LETTER
    if before and before in CLOSERS and before2 and not before2.isspace():
        return COST_CLOSER
    if before == "…":
        return COST_AFTER_WORD_STOP
    if before and before in STOPS and before2 and not before2.isspace():
        if before == ":" and before2.isdigit():
            return None  # a time, 10:15
        # `No.2`, `1943.2`: a number's or an abbreviation's stop
        doubtful = before2.isdigit() or _prev_word(text, s - 1).lstrip("([“‘\"") in ABBREVIATIONS
        return COST_NUMBER_STOP if doubtful else COST_AFTER_WORD_STOP
    return None


def _lettered_candidate(seg: int, text: str, s: int, e: int, group: int,
                        heading: bool) -> list[Candidate]:
    """`Government41a`, `6 p.m.41a`, or `… State 41a` at a heading's end: a note added
    after the chapter was numbered. Only glued or heading-end ones; `Article 7a` is text."""
    value = text[s:e + 1]
    if len(value) > 4 or value.startswith("0"):
        return []
    glued = _glued_cost(text, s)
    if glued is not None:
        return [Candidate(seg, s, e + 1, value, glued + COST_LETTERED, group)]
    before = text[s - 1] if s > 0 else ""
    if heading and before.isspace() and not text[e + 1:].strip():
        return [Candidate(seg, s - 1, e + 1, value, COST_HEADING_SPACED + COST_LETTERED, group)]
    return []


def _prev_word(text: str, s: int) -> str:
    """The last white-space-separated word before offset `s` (a short look back)."""
    words = text[max(0, s - 80):s].split()
    return words[-1] if words else ""


def _split_cost(number: str, run: str, prev_word: str) -> float:
    """How likely `number` is what stood before a marker glued to it.

    A year (`July 28, 194330`) or a day after a month (`April 2762`) is the usual case;
    any other number (`No. 9192`) is possible but needs the sequence to support it.
    """
    value = int(number)
    if len(number) == 4 and 1700 <= value <= 2099:
        return COST_SPLIT_YEAR
    if len(run) == 4 and 1700 <= int(run) <= 2099 and DAY_RE.fullmatch(prev_word):
        return COST_SPLIT + 1.0  # `June 4, 1931—6 p.m.`: a dateline's year, whole
    if (prev_word in MONTHS and 1 <= value <= 31 and not number.startswith("0")
            and not int(run) <= 31):
        return COST_SPLIT_YEAR
    return COST_SPLIT


def _range_end_cost(start: str, end: str) -> float:
    """How likely `end` closes the range begun by `start` (`1929–30`, `pp. 313–334`)."""
    if int(start) >= 1700 and len(start) == 4 and len(end) == 2 and int(end) > int(start) % 100:
        return COST_SPLIT_YEAR  # a span of years: `1929–30`
    if len(end) == 4 and int(end) > int(start) >= 1700:
        return COST_SPLIT_YEAR  # `1929–1930`
    return COST_SPLIT if int(end) > int(start) or len(end) < len(start) else COST_SPLIT + 1.0


def _transition(prev: Candidate | None, cur: Candidate) -> float:
    if prev is None:
        return 0.0
    if prev.ordinal is None or cur.ordinal is None:
        return 0.5  # asterisks and daggers run beside the numbered series
    if follows(prev.value, cur.value):
        return 0.0
    if prev.value == cur.value:
        return COST_REPEAT
    return COST_JUMP


@dataclass
class Alignment:
    chosen: list[Candidate | None]  # one per footnote, None where no marker was found
    cost: float


def align_markers(candidates: list[Candidate], count: int,
                  labels: list[str | None] | None = None) -> Alignment:
    """Pick, in text order, one candidate per footnote, minimising the total cost.

    `labels` are the numbers the footnote list prints, where it prints a telling one (a
    lettered `41a`: the list numbers plain notes 1..k whatever the chapter's numbers are).
    """
    if count == 0:
        return Alignment([], 0.0)
    if len(candidates) * count > MAX_WORK:
        return _align_greedy(candidates, count)
    # levels[used] maps the last marker's value to (cost, path); a path is a linked list
    # (candidate, footnote index, previous path). A state costing more than the level's
    # best plus the largest transition can never win, so it is dropped.
    levels: list[dict[str, tuple[float, tuple | None, Candidate | None]]] = [
        {"": (0.0, None, None)}
    ]
    best: list[str] = [""]
    i = 0
    while i < len(candidates):
        j = i
        while j < len(candidates) and candidates[j].group == candidates[i].group:
            j += 1
        updates = []
        for cand in candidates[i:j]:
            for used, entries in enumerate(levels):
                if used >= count or not entries:
                    continue
                top = None
                for key in _keys_to_extend(entries, best[used], cand):
                    cost, path, last = entries[key]
                    total = cost + _transition(last, cand) + cand.cost
                    if top is None or total < top[0]:
                        top = (total, path)
                for skip in range(min(MAX_SKIP, count - used - 1) + 1):
                    new_used = used + skip + 1
                    label = labels[new_used - 1] if labels else None
                    updates.append((new_used, top[0] + skip * COST_MISSING
                                    + _label_cost(label, cand),
                                    (cand, new_used - 1, top[1]), cand))
        for new_used, total, path, cand in updates:
            while len(levels) <= new_used:
                levels.append({})
                best.append("")
            entries = levels[new_used]
            old = entries.get(cand.value)
            if old is None or total < old[0]:
                entries[cand.value] = (total, path, cand)
                if best[new_used] not in entries or total < entries[best[new_used]][0]:
                    best[new_used] = cand.value
        for used in {u for u, *_ in updates}:
            entries = levels[used]
            limit = entries[best[used]][0] + COST_JUMP
            if len(entries) > 64:
                levels[used] = {k: v for k, v in entries.items() if v[0] <= limit}
        i = j
    best_total, best_path = None, None
    for used, entries in enumerate(levels):
        if not entries:
            continue
        cost, path, _ = entries[best[used]]
        total = cost + (count - used) * COST_MISSING
        if best_total is None or total < best_total:
            best_total, best_path = total, path
    chosen: list[Candidate | None] = [None] * count
    while best_path is not None:
        cand, index, best_path = best_path
        chosen[index] = cand
    return Alignment(chosen, best_total or 0.0)


def _label_cost(label: str | None, cand: Candidate) -> float:
    """A lettered label the list prints (`41a`) wants exactly that marker."""
    if not label:
        return 0.0
    return -COST_JUMP if cand.value == label else COST_JUMP


def _keys_to_extend(entries: dict, best_key: str, cand: Candidate) -> set[str]:
    """The states worth extending with `cand`: the same or previous number, and the best."""
    keys = {best_key} if best_key in entries else set()
    keys.update(k for k in _predecessors(cand.value) if k in entries)
    return keys


def guessed_markers(alignment: Alignment, candidates: list[Candidate]) -> list[int]:
    """The footnotes whose chosen marker is a guess worth a warning: an unlikely reading
    (cost SURE_COST or more) that the neighbouring markers do not settle."""
    readings: dict[int, list[Candidate]] = {}
    for cand in candidates:
        readings.setdefault(cand.group, []).append(cand)
    return [index for index, cand in enumerate(alignment.chosen)
            if cand is not None and cand.cost >= SURE_COST
            and not settled_by_neighbours(alignment.chosen, index, readings[cand.group])]


def settled_by_neighbours(chosen: list[Candidate | None], index: int,
                          readings: list[Candidate]) -> bool:
    """Whether the markers chosen around footnote `index` fix its reading beyond doubt.

    `December 16, 117` after marker 16 can only be 1 and marker 17; `No. 3317` between 16 and
    18 only 33 and 17. A reading is settled when a sure neighbour (not itself a guess) calls
    for exactly its value and no sure neighbour calls for another reading of the same digits
    (`readings`: every candidate of its group). Digits cut off a number need one such
    neighbour; a bare number set off by a space (`on 5 occasions`) needs both.
    """
    cand = chosen[index]
    if cand is None or cand.ordinal is None:
        return False
    prev = next((c for c in reversed(chosen[:index]) if c is not None), None)
    after = next((c for c in chosen[index + 1:] if c is not None), None)

    def callers(value: str) -> int:
        sure_prev = prev is not None and prev.cost < SURE_COST and follows(prev.value, value)
        sure_after = after is not None and after.cost < SURE_COST and follows(value, after.value)
        return int(sure_prev) + int(sure_after)

    if callers(cand.value) < (1 if cand.split else 2):
        return False
    return not any(callers(r.value) for r in readings if r.value != cand.value)


def _align_greedy(candidates: list[Candidate], count: int) -> Alignment:
    """For texts too large for the full search: the cheapest candidates, in text order."""
    strong = [c for c in candidates if c.cost <= 0]
    used_groups: set[int] = set()
    chosen: list[Candidate | None] = []
    for cand in strong:
        if cand.group in used_groups:
            continue
        used_groups.add(cand.group)
        chosen.append(cand)
        if len(chosen) == count:
            break
    missing = count - len(chosen)
    chosen += [None] * missing
    return Alignment(chosen, missing * COST_MISSING + len(chosen))


def orphan_markers(candidates: list[Candidate], texts: list[str]) -> list[Candidate]:
    """Markers in a text that has no footnote list: only those glued to a word, a closing
    bracket or quote (`Government)2`), or to a word's full stop or comma before a space
    (`message.1 North`, but not `No.2`), or set off at the heading's end; and only when
    their numbers run on as a chapter's do (a stray `B29` alone is not taken)."""
    def strong(c: Candidate) -> bool:
        if c.ordinal is None:
            return False
        if c.cost <= COST_CLOSER:
            return True
        text = texts[c.seg]
        return (c.cost == COST_AFTER_WORD_STOP and text[c.start - 1] in ".,"
                and text[c.end:c.end + 1] in ("", " "))

    strong_ones = [c for c in candidates if strong(c)]
    seen: set[int] = set()
    picked = []
    for cand in strong_ones:
        if cand.group not in seen:
            seen.add(cand.group)
            picked.append(cand)
    if not picked:
        return []
    if all(a.value == b.value or follows(a.value, b.value) for a, b in pairwise(picked)):
        return picked
    return []
