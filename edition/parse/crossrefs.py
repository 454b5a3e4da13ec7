"""Cross-references in footnotes: documents, pages, other volumes.

`Document No. 1235` → `#d1235`; `ante, p. 460` / `p. 193` → `#pg_460`;
`vol. i, document No. 586` → `frus1945Berlinv01#d586` (another volume of the same set);
`Foreign Relations, 1941, vol. v, p. 490` → `frus1941v05#pg_490`; `Ibid., p. 492` follows
the last volume named; `footnote 3, Document 18` → `#d18fn3`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Inline, Ref, Text

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_PAGES = r"(?P<pp>pp?\.)\s+(?P<page>\d+)"
REF_RE = re.compile(
    r"(?P<fr>Foreign Relations[,.]\s+(?P<year>1[789]\d\d)(?:[–-]\d{2,4})?"
    r"(?:,\s+(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?"
    r"(?:,\s+vol\.\s+(?P<frvol>[ivxlc]+))?,\s+(?P<frpp>pp?\.)\s+(?P<frpage>\d+))"
    r"|(?P<voldoc>vol\.\s+(?P<vdvol>[ivxlc]+),\s+[Dd]ocument\s+(?:No\.\s+)?(?P<vddoc>\d+))"
    r"|(?P<volpage>vol\.\s+(?P<vpvol>[ivxlc]+)(?::\s+[A-Z][\w ]{0,30})?,\s+pp?\.\s+(?P<vppage>\d+))"
    r"|(?P<fnref>footnote\s+(?P<fnn>\d+),\s+[Dd]ocument\s+(?:No\.\s+)?(?P<fndoc>\d+))"
    r"|(?P<fnabove>footnote\s+(?P<fnan>\d+)\s+(?:above|supra))"
    r"|(?P<docs>[Dd]ocuments?\s+(?:Nos?\.\s+)?(?P<docnums>\d+[a-z]?(?:(?:,\s*|,?\s+and\s+)\d+[a-z]?)*))"
    r"|(?P<ibid>[Ii]bid\.,\s+pp?\.\s+(?P<ibpage>\d+))"
    r"|(?P<ante>(?:[Aa]nte|[Pp]ost),\s+pp?\.\s+(?P<anpage>\d+))"
    r"|(?P<page>(?<![\w.])(?:pp?\.|page)\s+(?P<pgpage>\d+))"
)
EDITORIAL_RE = re.compile(r"\[(?:Here follows?|For text|See|The text)[^\[\]]*\]")
MORE_PAGES_RE = re.compile(r"(?:,\s*|,?\s+and\s+)(\d+)(?![\d–-])")


def roman_to_int(text: str) -> int:
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        value = ROMAN.get(ch, 0)
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


def sibling_volume(volume_id: str, number: int) -> str:
    """The id of volume `number` of the same set: frus1945Berlinv02 + 1 → frus1945Berlinv01."""
    m = re.match(r"^(.*?v)\d+$", volume_id)
    stem = m.group(1) if m else volume_id + "v"
    return f"{stem}{number:02d}"


@dataclass
class RefContext:
    """What a note's references resolve against; `last_volume` carries `Ibid.` across notes."""

    volume_id: str
    doc_id: str
    last_volume: str | None = None


def link_references(text: str, ctx: RefContext) -> list[Inline]:
    """Split a footnote paragraph into text and `Ref`s."""
    out: list[Inline] = []
    pos = 0
    note_volume: str | None = None  # a volume named earlier in this note
    for m in REF_RE.finditer(text):
        refs: list[tuple[int, int, str]] = []
        kind = m.lastgroup
        if m.group("fr"):
            vol = _fr_volume(m)
            ctx.last_volume = note_volume = vol
            refs.append((m.start(), m.end(), f"{vol}#pg_{m.group('frpage')}"))
            refs += _more_pages(text, m.end(), vol)
        elif m.group("voldoc"):
            vol = sibling_volume(ctx.volume_id, roman_to_int(m.group("vdvol")))
            refs.append((m.start(), m.end(), f"{vol}#d{m.group('vddoc')}"))
        elif m.group("volpage"):
            year = re.match(r"^frus(\d{4})", ctx.volume_id)
            vol = (f"frus{year.group(1)}v{roman_to_int(m.group('vpvol')):02d}" if year
                   else sibling_volume(ctx.volume_id, roman_to_int(m.group("vpvol"))))
            ctx.last_volume = note_volume = vol
            refs.append((m.start(), m.end(), f"{vol}#pg_{m.group('vppage')}"))
            refs += _more_pages(text, m.end(), vol)
        elif m.group("fnref"):
            refs.append((m.start(), m.end(), f"#d{m.group('fndoc')}fn{m.group('fnn')}"))
        elif m.group("fnabove"):
            refs.append((m.start(), m.end(), f"#{ctx.doc_id}fn{m.group('fnan')}"))
        elif m.group("docs"):
            nums = re.findall(r"\d+[a-z]?", m.group("docnums"))
            refs += _doc_refs(m, nums)
        elif m.group("ibid"):
            vol = ctx.last_volume or ""
            refs.append((m.start(), m.end(), f"{vol}#pg_{m.group('ibpage')}"))
            refs += _more_pages(text, m.end(), vol)
        elif kind in ("ante", "anpage") or m.group("ante"):
            refs.append((m.start(), m.end(), f"#pg_{m.group('anpage')}"))
        else:
            vol = note_volume or ""
            refs.append((m.start(), m.end(), f"{vol}#pg_{m.group('pgpage')}"))
            refs += _more_pages(text, m.end(), vol)
        for start, end, target in refs:
            if start < pos:
                continue
            if start > pos:
                out.append(Text(text[pos:start]))
            out.append(Ref(text[start:end], target))
            pos = end
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out


def _fr_volume(m: re.Match) -> str:
    vol = f"frus{m.group('year')}"
    if m.group("region"):
        vol += m.group("region").replace(" ", "")
    if m.group("frvol"):
        vol += f"v{roman_to_int(m.group('frvol')):02d}"
    return vol


def _more_pages(text: str, end: int, vol: str) -> list[tuple[int, int, str]]:
    """`pp. 232, 241, 260, and 197`: each further number is a page of the same volume."""
    found = []
    while True:
        m = MORE_PAGES_RE.match(text, end)
        if not m:
            return found
        found.append((m.start(1), m.end(1), f"{vol}#pg_{m.group(1)}"))
        end = m.end()


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


def link_editorial_references(parts: list[Inline], ctx: RefContext) -> list[Inline]:
    """References inside the editors' bracketed notes in the text (`[Here follows …,
    page 600.]`); the document's own words are never linked."""
    out: list[Inline] = []
    for part in parts:
        if not isinstance(part, Text) or "[" not in part.text:
            out.append(part)
            continue
        pos = 0
        for m in EDITORIAL_RE.finditer(part.text):
            if m.start() > pos:
                out.append(Text(part.text[pos:m.start()]))
            out += link_references(m.group(0), ctx)
            pos = m.end()
        if pos < len(part.text):
            out.append(Text(part.text[pos:]))
    return out
