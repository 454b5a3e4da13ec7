"""Aligning footnote markers in the text with the footnotes at the end.

Markers are glued to what precedes them (`State74`, `No. 1449.2`, `(Togo)1`, `rescue us.”2`),
sometimes set off by a space (`Department of State 47`), sometimes run into a number
(`No. 9192` is telegram 919 and marker 2). They are numbered through a chapter, so the k-th
marker in the text belongs to the k-th footnote whatever number the list prints.

Rather than a greedy pattern, every place that *could* be a marker is a candidate with a
cost (how unlikely that kind of attachment is), and a dynamic programme picks, in text
order, one candidate per footnote so that the printed numbers run on as a chapter's do
(n, n+1, n+2 …); repeats, gaps and footnotes whose marker is lost cost more.
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
STAR_RE = re.compile(r"(?<=[^\s*])\*(?=[\s.,;:)\]”’\"]|$)")
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
COST_CODE = 1.5  # glued to a short capitalised code: MIG21, B29
COST_NUMBER_STOP = 0.8  # `No. 1449.2`, `1924,16`: could be a decimal
COST_SPLIT = 2.5  # digits run into a number: `No. 9192`
COST_SPLIT_YEAR = 0.3  # run into a year or a day: `1943,64` no, `194330` and `April 2762` yes
COST_SPACED = 3.5  # a bare number inside a sentence
COST_REPEAT = 2.0
COST_JUMP = 3.0
COST_MISSING = 5.0
MAX_SKIP = 3
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

    @property
    def number(self) -> int | None:
        return int(self.value) if self.value.isdigit() else None


def find_candidates(segments: list[str], heading_segs: set[int]) -> list[Candidate]:
    """Every plausible marker in the segments (page-break marks already blanked out)."""
    found: list[Candidate] = []
    group = 0
    for seg, text in enumerate(segments):
        for m in DIGITS_RE.finditer(text):
            group += 1
            found += _digit_candidates(seg, text, m.start(), m.end(), group, seg in heading_segs)
        for m in STAR_RE.finditer(text):
            group += 1
            found.append(Candidate(seg, m.start(), m.end(), "*", COST_STAR, group))
    found.sort(key=lambda c: (c.seg, c.end, c.start))
    return found


def _digit_candidates(seg: int, text: str, s: int, e: int, group: int,
                      heading: bool) -> list[Candidate]:
    run = text[s:e]
    after = text[e] if e < len(text) else ""
    after2 = text[e + 1] if e + 1 < len(text) else ""
    if after and (after.isalnum() or after in "/%½¼¾°") or (after in ".,:–-" and after2.isdigit()):
        return []
    before = text[s - 1] if s > 0 else ""
    before2 = text[s - 2] if s > 1 else ""
    line_start = not text[max(0, s - 200):s].strip() and not text[:s].strip()
    out: list[Candidate] = []

    def add(start: int, value: str, cost: float) -> None:
        if len(value) > 1 and value.startswith("0"):
            return
        out.append(Candidate(seg, start, e, value, cost, group))

    if before.isalpha():
        word = _prev_word(text, s)
        letters = re.sub(r"[^A-Za-z]", "", word)
        code = letters.isupper() and len(letters) <= 4 or any(ch.isdigit() for ch in word)
        if len(run) <= 3:
            add(s, run, COST_CODE if code else COST_LETTER)
    elif before and before in CLOSERS and before2 and not before2.isspace():
        if len(run) <= 3:
            add(s, run, COST_CLOSER)
    elif before == "…":
        if len(run) <= 3:
            add(s, run, COST_AFTER_WORD_STOP)
    elif before and before in STOPS and before2 and not before2.isspace():
        if before == ":" and before2.isdigit():
            return []  # a time, 10:15
        if len(run) <= 3:  # `No.2`, `1943.2`: a number's or an abbreviation's stop
            doubtful = before2.isdigit() or _prev_word(text, s - 1).lstrip("([“‘\"") in ABBREVIATIONS
            add(s, run, COST_NUMBER_STOP if doubtful else COST_AFTER_WORD_STOP)
    elif (before == "" or before.isspace()) and not line_start and len(run) <= 3:
        prev = _prev_word(text, s)
        at_heading_end = heading and not text[e:].strip()
        if at_heading_end:
            add(s - 1 if before else s, run, COST_HEADING_SPACED)
        elif prev not in MONTHS and prev.lower() not in NUMBER_WORDS and not prev[-1:].isdigit():
            add(s - 1 if before else s, run, COST_SPACED)
    # digits run into a preceding number: `No. 9192` = 919 + marker 2, `1943,64`
    if len(run) >= 2 and not line_start and (before == "" or before.isspace() or before in "(.,“‘[$"):
        prev = _prev_word(text, s).strip("[(")
        for j in range(1, min(3, len(run) - 1) + 1):
            add(e - j, run[-j:], _split_cost(run[:-j], run, prev) + 0.2 * (j - 1))
    return out


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
    if (prev_word in MONTHS and 1 <= value <= 31 and not number.startswith("0")
            and not int(run) <= 31):
        return COST_SPLIT_YEAR
    return COST_SPLIT


def _transition(prev: Candidate | None, cur: Candidate) -> float:
    if prev is None:
        return 0.0
    a, b = prev.number, cur.number
    if a is None or b is None:
        return 0.5  # asterisks and letters run beside the numbered series
    if b == a + 1:
        return 0.0
    if b == a:
        return COST_REPEAT
    return COST_JUMP


@dataclass
class Alignment:
    chosen: list[Candidate | None]  # one per footnote, None where no marker was found
    cost: float


def align_markers(candidates: list[Candidate], count: int) -> Alignment:
    """Pick, in text order, one candidate per footnote, minimising the total cost."""
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
                    updates.append((new_used, top[0] + skip * COST_MISSING,
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


def _keys_to_extend(entries: dict, best_key: str, cand: Candidate) -> set[str]:
    """The states worth extending with `cand`: the same or previous number, and the best."""
    keys = {best_key} if best_key in entries else set()
    n = cand.number
    wanted = (str(n - 1), str(n)) if n is not None else (cand.value,)
    keys.update(k for k in wanted if k in entries)
    return keys


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
        if c.number is None:
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
    steps = [b.number - a.number for a, b in pairwise(picked)]
    if all(step in (0, 1) for step in steps):
        return picked
    return []
