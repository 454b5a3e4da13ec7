"""Cross-references in footnotes, in FRUS's own citation forms.

Targets are written as the Office of the Historian writes them:

- this volume: `Document No. 1235` / `Document 45` → `#d1235`; `ante, p. 460`, `post, page 721`,
  `p. 193` → `#pg_460`; `footnote 3, Document 18` → `#d18fn3`;
- another volume of this set: `vol. ii, p. 41` in an annual volume → `frus1938v02#pg_41`;
  `vol. i, document No. 586` in `frus1945Berlinv02` → `frus1945Berlinv01#d586`;
- any volume: `Foreign Relations, 1937, vol. iii, p. 50` → `frus1937v03#pg_50`;
  `Foreign Relations, Japan, 1931–1941, vol. ii, p. 120` → `frus1931-41v02#pg_120`;
  `Foreign Relations, 1918, Supplement 1, vol. i, p. 17` → `frus1918Supp01v01#pg_17`;
  `Foreign Relations, 1952–1954, vol. XIII, Part 1, p. 5` → `frus1952-54v13p1#pg_5`;
  `…, pp. 101–103 (Document 12)` → `…#d12`;
- `Ibid., p. 12` / `ibid., vol. vi, p. 3` carry on from the last volume cited;
- a note that is only `Supra.` / `Infra.` names the document printed just before / after
  this one (`#d157` in d158); `footnote 4, supra` is that document's note (`#d158fn4`);
- lists and ranges: `pp. 95, 98, and 101` → three refs; `pp. 313–334` → page 313.

A volume id is written only when the FRUS catalogue (`edition.volumes`) holds it: a
citation of a volume that does not exist stays text and is recorded in `RefContext.unresolved`
for the build to report. A page cited after another work's title (`Department of State
Bulletin, May 4, 1953, p. 640`, `Mandate for Change, p. 312`) is not a FRUS page and stays text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .. import volumes
from ..model import Inline, Ref, Text
from .otherworks import cites_other_work, sentence_start

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_NUM = r"(?:[ivxlcIVXLC]+|\d+)\b"
REF_RE = re.compile(
    r"(?P<fr>(?<!Committee on )(?<!Council on )(?<!Senate )(?:Papers Relating to (?:the\s+)?)?[“\"]?"
    r"(?:Foreign Relations|For\.\s?Rel\.|(?<=Papers Relating to )Foreign Affairs|"
    r"Diplomatic Correspondence)"
    r"(?:\s+of the United States)?[,.]?[”\"]?(?:,?\s+Diplomatic Papers)?[,:.]?\s+)"
    r"|(?P<ibid>\b[Ii]bid\.,?\s*)"
    r"|(?P<fnref>footnote\s+(?P<fnn>\d+[a-z]?),\s+[Dd]ocument\s+(?:No\.\s+)?(?P<fndoc>\d+))"
    r"|(?P<fnabove>footnote\s+(?P<fnan>\d+[a-z]?)\s+(?:above|supra))"
    r"|(?P<fnnext>[Ff]ootnote\s+(?P<fnxn>\d+[a-z]?),\s+(?P<fnxword>supra|infra)\b)"
    r"|(?P<next>^(?:See\s+)?(?P<nextword>[Ss]upra|[Ii]nfra)(?=\.?$))"
    rf"|(?P<vol>\b[Vv]ol(?:\.|ume)\s+(?P<vnum>{_NUM}))"
    r"|(?P<ante>\b(?:[Aa]nte|[Pp]ost|[Ss]upra|[Ii]nfra),?\s+(?=(?:pp?\.|pages?)\s*\d))"
    r"|(?P<docs>(?<!Senate )(?<!House )(?<!Executive )(?<!Miscellaneous )(?<!Sessional )"
    r"(?<!Parliamentary )(?<!Command )(?<!Public )\b[Dd]ocuments?\s+(?:Nos?\.\s+)?(?P<docnums>\d+[a-z]?(?:(?:,\s*|,?\s+and\s+)\d+[a-z]?)*))"
    r"|(?P<page>(?<![\w.])(?:pp?\.|pages?)\s*\d)"
)
PAGE_RE = re.compile(r"(?:pp?\.|pages?)\s*(?P<n>\d+)(?:\s*[–-]\s*\d+)?")
DOC_RE = re.compile(r"(?:[Dd]ocument|[Dd]oc\.)\s+(?:No\.\s+)?(?P<n>\d+[a-z]?)")
DOC_AFTER_PAGES_RE = re.compile(r"\s*\((?:[Dd]ocument|[Dd]oc\.)\s+(?:No\.\s+)?(?P<n>\d+[a-z]?)\)")
MORE_PAGES_RE = re.compile(r"(?:,\s*|,?\s+and\s+)(\d+)(?:\s*[–-]\s*\d+)?(?![\d–-])")
AFTER_PAGE_RE = re.compile(r"(?:\s*[–-]\s*\d+)?(?:\s+ff\.)?,?\s+(?:ante|post|supra|infra)\b")
YEARS_RE = re.compile(r"(?P<y1>1[789]\d\d)(?:\s*[–-]\s*(?P<y2>\d{2,4}))?(?![\d])")
SUPP_RE = re.compile(rf"(?:[Ss]upplement|[Ss]upp\.|[Aa]ppendix|[Aa]pp\.)(?:\s+(?P<n>{_NUM}))?(?!\w)")
VOL_RE = re.compile(rf"(?:[Vv]ol\.|[Vv]olume)\s+(?P<n>{_NUM})")
PART_RE = re.compile(rf"(?:[Pp]art|[Pp]t\.)\s+(?P<n>{_NUM})")
TITLE_RE = re.compile(
    r"(?:The\s+)?[A-Z][A-Za-z’'-]*(?:\s+(?:\([A-Z][^()\d]*\)|[A-Z][A-Za-z’'-]*|and|of|at|the|in|on))*")
LABEL_RE = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*,\s*")
SEPARATOR_RE = re.compile(r"\s*[,:]?\s*(?:and\s+(?=[A-Z]))?")
# words of a title that are not the part of a FRUS id it names (`The Paris Peace Conference` → Paris)
TITLE_FILLER = {"The", "Conference", "Conferences", "Peace", "Papers", "and", "of", "at", "the", "in", "on"}
EDITORIAL_RE = re.compile(r"\[(?:Here follows?|For text|See|The text)[^\[\]]*\]")


def roman_to_int(text: str) -> int:
    """`xiii` → 13; arabic digits pass through."""
    if text.isdigit():
        return int(text)
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        value = ROMAN.get(ch, 0)
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


def volume_set(volume_id: str) -> str:
    """The id without its volume and part: `frus1952-54v13p1` → `frus1952-54`,
    `frus1945Berlinv02` → `frus1945Berlin`, `frus1938v05` → `frus1938`."""
    return re.sub(r"(?:v\d+)?(?:p\d+)?$", "", volume_id) or volume_id


def sibling_volume(volume_id: str, number: int) -> str:
    """The id of volume `number` of the same set: frus1945Berlinv02 + 1 → frus1945Berlinv01."""
    return f"{volume_set(volume_id)}v{number:02d}"


@dataclass
class RefContext:
    """What a note's references resolve against.

    `last_volume` carries `Ibid.` across notes: the volume the last citation named ("" for
    this volume), or None when the last citation was another work (or there was none).
    `unresolved` collects `(line, printed citation)` of FRUS citations whose volume is not in
    the catalogue; `line` is where the text being linked stands, set by the caller.
    """

    volume_id: str
    doc_id: str
    last_volume: str | None = None
    line: int | None = None
    unresolved: list[tuple[int | None, str]] = field(default_factory=list)


@dataclass
class _Found:
    """Refs found at one place and where scanning goes on."""

    refs: list[tuple[int, int, str]]
    end: int
    volume: str | None = None  # the volume this citation named, if it named one


def link_references(text: str, ctx: RefContext) -> list[Inline]:
    """Split a footnote paragraph into text and `Ref`s."""
    out: list[Inline] = []
    pos = 0  # text before this is in `out`
    scan = 0  # where the next search starts
    floor = 0  # end of the last citation: a later page's clause starts no earlier
    note_volume: str | None = None  # a volume named earlier in this sentence
    while (m := REF_RE.search(text, scan)) is not None:
        if note_volume is not None and sentence_start(text, floor, m.start(), ";") > floor:
            note_volume = None
        found = _resolve(m, text, ctx, floor, note_volume)
        if found is None:
            scan = m.start() + 1
            continue
        if found.volume is not None:
            note_volume = found.volume
        for start, end, target in found.refs:
            if start < pos:
                continue
            if start > pos:
                out.append(Text(text[pos:start]))
            out.append(Ref(text[start:end], target))
            pos = end
        scan = floor = max(found.end, m.start() + 1)
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out


def _resolve(m: re.Match, text: str, ctx: RefContext, floor: int,
             note_volume: str | None) -> _Found | None:
    """The refs of one match of REF_RE, or None when it is not a cross-reference."""
    kind = m.lastgroup
    if kind == "fr":
        return _foreign_relations(m, text, ctx)
    if kind == "ibid":
        return _ibid(m, text, ctx)
    if kind == "fnref":
        return _Found([(m.start(), m.end(), f"#d{m.group('fndoc')}fn{m.group('fnn')}")], m.end())
    if kind == "fnabove":
        return _Found([(m.start(), m.end(), f"#{ctx.doc_id}fn{m.group('fnan')}")], m.end())
    if kind in ("fnnext", "next"):
        word = m.group("fnxword") if kind == "fnnext" else m.group("nextword")
        doc = _neighbour(ctx.doc_id, -1 if word.lower() == "supra" else 1)
        if doc is None:
            return None
        start = m.start() if kind == "fnnext" else m.start("nextword")
        note = f"fn{m.group('fnxn')}" if kind == "fnnext" else ""
        return _Found([(start, m.end(), f"#{doc}{note}")], m.end())
    if kind == "ante":
        spec = PAGE_RE.match(text, m.end())
        ctx.last_volume = ""
        return _Found([(m.start(), spec.start("n") + len(spec.group("n")), f"#pg_{spec.group('n')}")],
                      spec.end())
    if cites_other_work(text, floor, m.start()):
        ctx.last_volume = None
        return _Found([], _page_list_end(text, m.end()))
    if kind == "vol":
        return _short_volume(m, text, ctx, note_volume)
    if kind == "docs":
        ctx.last_volume = ""
        nums = re.findall(r"\d+[a-z]?", m.group("docnums"))
        return _Found(_doc_refs(m, nums), m.end())
    return _bare_pages(m, text, ctx, note_volume)


def _neighbour(doc_id: str, step: int) -> str | None:
    """The document printed just before (`Supra.`, step -1) or after (`Infra.`, +1) this one;
    None where the id is not a plain number (`d710a-71`) or there is none before."""
    m = re.fullmatch(r"d(\d+)", doc_id)
    if m is None or int(m.group(1)) + step < 1:
        return None
    return f"d{int(m.group(1)) + step}"


def _foreign_relations(m: re.Match, text: str, ctx: RefContext) -> _Found | None:
    """`Foreign Relations, 1918, Supplement 1, vol. i, p. 17` and the like. What follows the
    volume number (`vol. XVII, China, 1969–1972, Document 9`: its title) names nothing more."""
    years: re.Match | None = None
    titles: list[str] = []
    spans: list[str] = []  # a span from the first year to a later one
    supp: str | None = None
    vol: int | None = None
    part: int | None = None
    pos = m.end()
    for _ in range(10):
        if PAGE_RE.match(text, pos) or DOC_RE.match(text, pos):
            break
        if hit := YEARS_RE.match(text, pos):
            if years is not None and vol is None:  # `Washington, 1941–1942, and Casablanca, 1943`
                spans.append(f"{years.group('y1')}-{hit.group('y1')[-2:]}")
            years = years or hit
        elif hit := SUPP_RE.match(text, pos):
            supp = _supplement(hit)
        elif hit := VOL_RE.match(text, pos):
            vol = roman_to_int(hit.group("n"))
        elif hit := PART_RE.match(text, pos):
            part = roman_to_int(hit.group("n"))
        elif hit := TITLE_RE.match(text, pos):
            if vol is None and len(titles) < 2:
                titles.append(hit.group(0))
        else:
            break
        pos = SEPARATOR_RE.match(text, hit.end()).end()
    if years is None:
        return None
    volume = next((c for c in _id_candidates(years, titles, supp, vol, part, spans)
                   if volumes.is_known(c)), None)
    target_doc = DOC_RE.match(text, pos)
    spec = PAGE_RE.match(text, pos)
    ctx.last_volume = volume
    if target_doc is None and spec is None:
        return _Found([], pos, volume)  # the volume as a whole: nothing to point at
    end = (target_doc or spec).end()
    if volume is None:
        ctx.unresolved.append((ctx.line, text[m.start():end].strip()))
        return _Found([], _page_list_end(text, end))
    if target_doc is not None:
        return _Found([(m.start(), end, f"{volume}#d{target_doc.group('n')}")], end, volume)
    return _pages_found(m.start(), spec, text, volume, volume)


def _supplement(hit: re.Match) -> str:
    """`Supplement 1` → `Supp01`, `Supplement` → `Supp`, `appendix II` → `app2`."""
    number = roman_to_int(hit.group("n")) if hit.group("n") else None
    if hit.group(0).lower().startswith("app"):
        return f"app{number}" if number else "app"
    return f"Supp{number:02d}" if number else "Supp"


def _id_candidates(years: re.Match, titles: list[str], supp: str | None,
                   vol: int | None, part: int | None, more_spans: list[str]) -> list[str]:
    """The ids a citation could name, the most specific first."""
    y1, y2 = years.group("y1"), years.group("y2")
    spans = ([y1] if not y2 else [f"{y1}-{y2[-2:]}", f"{y1}-{y2}"]) + more_spans
    names: list[str] = []
    for title in titles:
        words = [w for w in re.sub(r"\([^()]*\)", "", title).split() if w not in TITLE_FILLER]
        if words:
            names += ["".join(words[:2]), words[0]]
    names.append("")
    supps = [supp or ""]
    vols = [""] if vol is None else [f"v{vol:02d}", f"v{vol}"]
    parts = [""] if part is None else [f"p{part}"]
    found = []
    for span, name, sup, v, p in itertools.product(spans, names, supps, vols, parts):
        found += [f"frus{span}{name}{sup}{v}{p}", f"frus{span}{name}{sup}{p}{v}"]
    return list(dict.fromkeys(found))


def _short_volume(m: re.Match, text: str, ctx: RefContext, base: str | None = None) -> _Found | None:
    """`vol. ii, p. 41`, `vol. XIII, Part 1, Document 12`: a volume of this volume's set, or of
    the set of `base` (the volume `ibid.` stands for)."""
    pos = SEPARATOR_RE.match(text, m.end()).end()
    part = None
    if hit := PART_RE.match(text, pos):
        part = int(roman_to_int(hit.group("n")))
        pos = SEPARATOR_RE.match(text, hit.end()).end()
    label = LABEL_RE.match(text, pos)  # `vol. vii: Colombia, pp. 40 ff.`
    if label and not PAGE_RE.match(text, pos) and not DOC_RE.match(text, pos):
        pos = label.end()
    target_doc = DOC_RE.match(text, pos)
    spec = PAGE_RE.match(text, pos)
    if target_doc is None and spec is None:
        return None
    end = (target_doc or spec).end()
    number = roman_to_int(m.group("vnum"))
    volume = _set_member(base or ctx.volume_id, number, part)
    if volume is None:
        ctx.unresolved.append((ctx.line, text[m.start():end]))
        ctx.last_volume = None
        return _Found([], _page_list_end(text, end))
    ctx.last_volume = volume
    if target_doc is not None:
        return _Found([(m.start(), end, f"{volume}#d{target_doc.group('n')}")], end, volume)
    return _pages_found(m.start(), spec, text, volume, volume)


def _set_member(volume_id: str, number: int, part: int | None) -> str | None:
    """Volume `number` (part `part`) of the set `volume_id` belongs to, if the catalogue has it."""
    stem = volume_set(volume_id)
    year = re.match(r"frus\d{4}(?:-\d{2,4})?", stem)
    stems = [stem] + ([year.group(0)] if year and year.group(0) != stem else [])
    suffix = f"p{part}" if part else ""
    for s in stems:
        for v in (f"v{number:02d}", f"v{number}"):
            if volumes.is_known(s + v + suffix):
                return s + v + suffix
    return None


def _ibid(m: re.Match, text: str, ctx: RefContext) -> _Found | None:
    """`Ibid., p. 492` (the last volume cited), `ibid., vol. vi, p. 3` (its set's volume vi)."""
    vol = REF_RE.match(text, m.end())
    if vol is not None and vol.lastgroup == "vol":
        if ctx.last_volume is None:
            return _Found([], _page_list_end(text, vol.end()))
        return _short_volume(vol, text, ctx, ctx.last_volume)
    spec = PAGE_RE.match(text, m.end())
    target_doc = DOC_RE.match(text, m.end())
    if spec is None and target_doc is None:
        return None  # `ibid., March 15, 1941, p. 283`: the page's clause shows it is another work
    if ctx.last_volume is None:
        return _Found([], _page_list_end(text, m.end()))
    if target_doc is not None:
        return _Found([(m.start(), target_doc.end(),
                        f"{ctx.last_volume}#d{target_doc.group('n')}")], target_doc.end())
    return _pages_found(m.start(), spec, text, ctx.last_volume, None)


def _bare_pages(m: re.Match, text: str, ctx: RefContext, note_volume: str | None) -> _Found:
    """`p. 193`, `pp. 185 ff.`, `page 600`: this volume, or the volume named earlier in the
    sentence (`vol. vii: Colombia, pp. 40 ff.; Mexico, pp. 403 ff.`)."""
    spec = PAGE_RE.match(text, m.start())
    volume = "" if AFTER_PAGE_RE.match(text, spec.end()) else (note_volume or "")
    ctx.last_volume = volume
    return _pages_found(m.start(), spec, text, volume, None)


def _pages_found(start: int, spec: re.Match, text: str, volume: str,
                 named: str | None) -> _Found:
    """The first page (the ref spans from `start`), any further pages listed, or the document
    a modern citation adds in parentheses (`pp. 101–103 (Document 12)`)."""
    doc = DOC_AFTER_PAGES_RE.match(text, spec.end())
    if doc is not None:
        return _Found([(start, doc.end(), f"{volume}#d{doc.group('n')}")], doc.end(), named)
    first_end = spec.start("n") + len(spec.group("n"))
    refs = [(start, first_end, f"{volume}#pg_{spec.group('n')}")]
    end = spec.end()
    while more := MORE_PAGES_RE.match(text, end):
        refs.append((more.start(1), more.end(1), f"{volume}#pg_{more.group(1)}"))
        end = more.end()
    return _Found(refs, end, named)


def _page_list_end(text: str, end: int) -> int:
    """Past the pages listed after a citation that is not linked, so none is taken alone."""
    if spec := PAGE_RE.match(text, SEPARATOR_RE.match(text, end).end()):
        end = spec.end()
    while more := MORE_PAGES_RE.match(text, end):
        end = more.end()
    return end


def _doc_refs(m: re.Match, nums: list[str]) -> list[tuple[int, int, str]]:
    if len(nums) == 1:
        return [(m.start(), m.end(), f"#d{nums[0]}")]
    # `Documents Nos. 587 and 588`: the first ref spans the words, the rest the numbers
    found = []
    first = m.start("docnums") + len(nums[0])
    found.append((m.start(), first, f"#d{nums[0]}"))
    search_from = first
    for num in nums[1:]:
        at = m.string.index(num, search_from, m.end())
        found.append((at, at + len(num), f"#d{num}"))
        search_from = at + len(num)
    return found


def link_editorial_references(parts: list[Inline], ctx: RefContext,
                               line: int | None = None) -> list[Inline]:
    """References in the text (of raw line `line`): every reference inside the editors'
    bracketed notes (`[Here follows …, page 600.]`), and in the document's own words only an
    explicit `Foreign Relations, 1884, pp. 10, 198` (a bare `p. 5` there is the writer's)."""
    ctx.line = line
    out: list[Inline] = []
    for part in parts:
        if not isinstance(part, Text):
            out.append(part)
            continue
        pos = 0
        for m in EDITORIAL_RE.finditer(part.text):
            out += _link_explicit(part.text[pos:m.start()], ctx)
            out += link_references(m.group(0), ctx)
            pos = m.end()
        out += _link_explicit(part.text[pos:], ctx)
    return [x for x in out if not (isinstance(x, Text) and not x.text)]


def _link_explicit(text: str, ctx: RefContext) -> list[Inline]:
    """Only `Foreign Relations, …` citations; the rest stays text."""
    if "Foreign Relations" not in text:
        return [Text(text)] if text else []
    out: list[Inline] = []
    pos = 0
    for m in REF_RE.finditer(text):
        if m.lastgroup != "fr" or m.start() < pos:
            continue
        found = _foreign_relations(m, text, ctx)
        if found is None:
            continue
        for start, end, target in found.refs:
            if start > pos:
                out.append(Text(text[pos:start]))
            out.append(Ref(text[start:end], target))
            pos = end
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out
