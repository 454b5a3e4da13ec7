"""Whether a page cited in a note is another work's page, not a FRUS page.

FRUS notes cite other works in the same breath as FRUS volumes: `Department of State
Bulletin, May 4, 1953, p. 640`, `Eisenhower, Mandate for Change, p. 312`, `League of Nations
Treaty Series, vol. cxii, p. 5`. A page is FRUS's own only when the clause before it names no
other work (a periodical, a series, a memoir, a book with its imprint) and leans on no `ibid.`.
"""

from __future__ import annotations

import re

# another work named before a page: a periodical, a series, a memoir, a book's imprint
OTHER_WORK_RE = re.compile(
    r"Bulletin|Public Papers|Papers of|Current Documents|Documents on|Documents Relating|"
    r"Treaty Series|Treaties and Other|Statutes|\bStat\.|Congressional Record|Cong\.|Hearings?\b|"
    r"Proceedings|Parliamentary|Hansard|State Papers|Blue Book|White Paper|Year ?[Bb]ook|Survey of|"
    r"Journal|Review|Quarterly|Times\b|Herald|Tribune|Gazette|Washington Post|Memoirs?\b|Diar(?:y|ies)|"
    r"Printing Office|Press\b|\bedition\b|\beds?\.|\bBook [IVX]+\b|\b[Ss]eries [A-Z]\b|"
    r"League of Nations|Register\b|Agreement Series|TIAS|Annual Report|[Pp]ress [Rr]elease|"
    r"Vital Speeches|Izvestia|Pravda|Council on Foreign Relations|Committee on Foreign Relations|"
    r"Foreign Relations Committee|"
    r"\((?:Washington|New York|London|Boston|Paris|Garden City|Chicago|Princeton|New Haven|Cambridge|"
    r"Oxford|Berkeley|Stanford)[,:]"
)
# `in Mandate for Change, p. 312`: a title in capitals after `in`/`see`, at the page
TITLED_WORK_RE = re.compile(
    r"(?P<before>\w+\s+)?\b(?:in|see|See)\s+"
    r"(?P<title>[A-Z][\w’'-]*(?:\s+(?:for|of|at|and|the|to|in|on|a|[A-Z][\w’'-]*))*\s+[A-Z][\w’'-]*)"
    r",?\s*$")
# `the Ambassador in Great Britain, p. 45`: a place where an official is, not a title
OFFICIALS = {"Ambassador", "Minister", "Chargé", "Consul", "Embassy", "Legation", "Mission",
             "Delegation", "Representative", "Commissioner", "General", "Agent", "Office",
             "Government", "Governor", "President", "King", "Emperor"}
SENTENCE_END_RE = re.compile(r"[.;!?)]\s+(?=[A-Z“\"(\[])|;")
ABBREVIATIONS = {"No", "Nos", "Mr", "Mrs", "Messrs", "Dr", "St", "vol", "Vol", "p", "pp", "ff", "Jr",
                 "Sr", "Gen", "Col", "Lt", "Capt", "Adm", "S", "U", "a.m", "p.m", "m", "Jan", "Feb",
                 "Mar", "Apr", "Aug", "Sept", "Oct", "Nov", "Dec", "ibid", "Ibid", "cf", "etc", "viz",
                 "Ltd", "Bros", "Co", "Inc", "Gov", "Sen", "Rep", "Amb", "Dept"}


def sentence_start(text: str, floor: int, pos: int, keep: str = "") -> int:
    """Where the sentence (or `;` clause, unless `keep` holds `;`) holding `pos` starts,
    no earlier than `floor`."""
    start = floor
    for hit in SENTENCE_END_RE.finditer(text, floor, pos):
        if hit.group(0)[0] in keep:
            continue
        word = re.search(r"([\w.]+)$", text[floor:hit.start()])
        if hit.group(0)[0] == "." and word and word.group(1).rstrip(".") in ABBREVIATIONS:
            continue
        start = hit.end()
    return start


def cites_other_work(text: str, floor: int, pos: int) -> bool:
    """Whether the clause before `pos` names a work that is not FRUS, or leans on `ibid.`
    with more than a page (`ibid., March 15, 1941, p. 283` is a periodical's issue)."""
    clause = text[sentence_start(text, floor, pos):pos]
    if re.search(r"\b[Ii]bid\.", clause):
        return True
    if OTHER_WORK_RE.search(clause):
        return True
    titled = TITLED_WORK_RE.search(clause)
    if titled is None or (titled.group("before") or "").strip() in OFFICIALS:
        return False
    # two words alone are as likely a place (`in New York`) as a title: a title runs longer
    return len(titled.group("title").split()) >= 3
