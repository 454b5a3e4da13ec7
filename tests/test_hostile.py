"""Broken input: nothing lost, never a traceback, always in bounded time.

Every input here — real pages (the bundled edition and tests/fixtures/corpus) cut short (mid-word, mid-footnote-list,
mid-`[Page`), empty files, NUL bytes, a BOM, CRLF and lone CR line ends, UTF-16 and
Windows-1252, 50 MB, 10,000 footnote markers, deeply nested brackets, footnotes with no
text — goes through the build's own reading and parsing (`decode`, `parse_text`). It is
either refused with a message naming the file, or it becomes well-formed TEI holding
every character of the text (`wordcheck.missing_and_added`, the whole multiset, not a
sample); every message names the file. The last test runs them all through
`python build.py` into a site.
"""

from __future__ import annotations

import codecs
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from realpages import REAL_PAGES
from wordcheck import missing_and_added

from edition.build import ParsedSource, parse_text
from edition.config import VolumeConfig
from edition.model import Message
from edition.sources import RawSource, decode

ROOT = Path(__file__).resolve().parent.parent
NAME = "vol/broken.txt"
SEED = (ROOT / "sources" / "frus1945Berlinv02" / "000_c0491615da394ef4.txt").read_text("utf-8")
NOTE_LINE_RE = re.compile(r"^(?:\s*\d+\.\s|- .*↩\s*$)", re.MULTILINE)


def through_the_build(data: bytes) -> tuple[str | None, ParsedSource | Message, float]:
    """(decoded text or None, what the build makes of `data`, seconds taken)."""
    started = time.perf_counter()
    decoded = decode(data, NAME)
    if isinstance(decoded, Message):
        return None, decoded, time.perf_counter() - started
    raw = RawSource(ROOT / NAME, NAME, VolumeConfig(id="vol", title="Vol"))
    parsed = parse_text(decoded, raw, "Publisher", "2026")
    return decoded.text, parsed, time.perf_counter() - started


def assert_sound(data: bytes, seconds: float = 10.0) -> ParsedSource | Message:
    """Refused with a message naming the file, or TEI that lost and added nothing."""
    text, parsed, elapsed = through_the_build(data)
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    if isinstance(parsed, Message):
        assert parsed.file == NAME and parsed.level == "error" and parsed.text
        return parsed
    assert all(m.file == NAME for m in parsed.messages), parsed.messages
    assert not [m for m in parsed.messages if "could not be parsed" in m.text], parsed.messages
    assert parsed.tei is not None
    lost, added, marks, pbs = missing_and_added(text, parsed.tei)
    assert not lost, f"lost {lost}"
    assert not added, f"added {added}"
    assert pbs == marks
    return parsed


def said(result: ParsedSource | Message, words: str, line: int | None = None) -> bool:
    messages = [result] if isinstance(result, Message) else result.messages
    return any(words in m.text and (line is None or m.line == line) for m in messages)


# --- real pages cut short ----------------------------------------------------------------

def cut_mid_word(text: str) -> str:
    """Cut inside a word near the middle of the text."""
    for k in range(len(text) // 2, len(text) - 1):
        if text[k - 1].isalpha() and text[k].isalpha() and text[k + 1].isalpha():
            return text[:k]
    return text[: len(text) // 2]


def cut_mid_notes(text: str) -> str | None:
    """Cut half-way through the footnote list, in the middle of a note's line."""
    lines = list(NOTE_LINE_RE.finditer(text))
    if len(lines) < 2:
        return None
    line = lines[len(lines) // 2]
    end = text.find("\n", line.end())
    end = len(text) if end < 0 else end
    return text[: (line.start() + end) // 2 + 1]


def cut_mid_page(text: str) -> str | None:
    """Cut inside the last `[Page N]` mark, just after `[Pa`."""
    at = text.rfind("[Page")
    return None if at < 0 else text[: at + 3]


@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_real_page_cut_short_loses_nothing(path: Path):
    text = path.read_text(encoding="utf-8")
    cuts = [cut_mid_word(text), cut_mid_notes(text), cut_mid_page(text)]
    for cut in filter(None, cuts):
        assert_sound(cut.encode("utf-8"), seconds=5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(REAL_PAGES), where=st.floats(0, 1),
       tail=st.sampled_from(["", "[Page", "[Page 12", "  1.", "- ↩", "1", "\n  3. ", "[[(("]))
def test_any_cut_of_any_real_page_loses_nothing(path: Path, where: float, tail: str):
    text = path.read_text(encoding="utf-8")
    assert_sound((text[: int(len(text) * where)] + tail).encode("utf-8"), seconds=5)


# --- empty, odd bytes, encodings, line ends -----------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   \n\t\n\r\n  ", "\ufeff".encode(), b"\x00\x00\n"],
                         ids=["empty", "whitespace", "bom-only", "nul-only"])
def test_an_empty_file_is_refused_naming_it(data: bytes):
    result = assert_sound(data)
    assert isinstance(result, Message)
    assert "empty" in result.text or "binary" in result.text  # NULs only: "binary"


def test_nul_bytes_are_dropped_with_a_warning_naming_the_line():
    data = SEED.replace("At the time", "At\x00 the\x00\x00 time").encode("utf-8")
    result = assert_sound(data)
    line = SEED[: SEED.index("At the time")].count("\n") + 1
    assert said(result, "control character", line)


@pytest.mark.parametrize("encode", [
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.replace("\n", "\r").encode("utf-8"),
    lambda t: t.encode("utf-16"),
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
], ids=["utf-8-bom", "crlf", "lone-cr", "utf-16-le-bom", "utf-16-be-bom"])
def test_encodings_and_line_ends_read_like_plain_utf8(encode):
    plain = through_the_build(SEED.encode("utf-8"))[1]
    result = assert_sound(encode(SEED))
    assert isinstance(result, ParsedSource) and result.tei == plain.tei


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_with_a_warning(codec: str):
    result = assert_sound(SEED.encode(codec))
    assert isinstance(result, ParsedSource) and said(result, "UTF-16")
    assert result.tei == through_the_build(SEED.encode("utf-8"))[1].tei


def test_windows_1252_is_read_with_a_warning_naming_the_line():
    text = SEED + "\nDelegación “quoted” – 50 ¢\n"
    result = assert_sound(text.encode("cp1252"))
    first_bad = next(k for k, ch in enumerate(text) if ord(ch) > 127)
    assert said(result, "Windows-1252", text[:first_bad].count("\n") + 1)
    tei = result.tei.decode("utf-8")  # read as the characters they were, not mojibake
    assert "Delegación “quoted” – 50 ¢" in tei and "’" in tei


# --- size and depth -------------------------------------------------------------------------

def test_a_50_mb_file_builds_in_bounded_time():
    data = ((SEED + "\n") * (50 * 2**20 // len(SEED.encode("utf-8")) + 1)).encode("utf-8")
    assert len(data) >= 50 * 2**20
    assert_sound(data, seconds=180)


def test_a_file_over_the_limit_is_refused_naming_it():
    from edition.sources import MAX_BYTES

    result = decode(b"x" * (MAX_BYTES + 1), NAME)
    assert isinstance(result, Message) and result.file == NAME and "MiB" in result.text


def test_ten_thousand_footnote_markers():
    n = 10_000
    body = "\n\n".join(f"Paragraph {k} cites the telegram from State{k} today." for k in range(1, n + 1))
    notes = "\n".join(f"  {k}. Note {k}." for k in range(1, n + 1))
    result = assert_sound(f"The Ambassador to the Secretary\n\n{body}\n\n{notes}\n".encode(),
                          seconds=60)
    assert isinstance(result, ParsedSource)
    assert all(m.line for m in result.messages if "footnote" in m.text)


def test_thousands_of_footnotes_without_markers_are_summed_up_in_one_line():
    from edition.parse.document import MAX_UNMARKED_LISTED

    notes = "\n".join(f"  {k}. Note {k}." for k in range(1, 3001))
    result = assert_sound(f"The Ambassador to the Secretary\n\nNo markers here.\n\n{notes}\n"
                          .encode(), seconds=60)
    unmarked = [m for m in result.messages if "no marker" in m.text]
    assert len(unmarked) == MAX_UNMARKED_LISTED + 1
    assert "2980 more footnotes (from footnote 21 on)" in unmarked[-1].text
    assert unmarked[-1].line == 5 + MAX_UNMARKED_LISTED


@pytest.mark.parametrize("text", [
    "[" * 20_000 + "x" + "]" * 20_000,
    "(" * 20_000 + "x" + ")" * 20_000,
    "[(“{" * 10_000,
    "[Page " * 20_000,
    "[Page [Page 12] 13]" * 2_000,
    "x" * 1_000_000,
    "1. " * 50_000,
    "\n" * 100_000 + "x",
], ids=["brackets", "parens", "mixed-open", "page-open", "page-nested", "one-long-word",
        "list-numbers", "blank-lines"])
def test_deep_nesting_and_degenerate_text(text: str):
    assert_sound(f"Heading\n\n{text}\n".encode(), seconds=20)


# --- footnotes with no text -----------------------------------------------------------------

EMPTY_NOTES = {
    "numbered": "The Ambassador to the Secretary\n\nText1 and2 more3.\n\n  1.\n  2.\n  3.\n",
    "backlinks": "The Ambassador to the Secretary\n\nText1 and2.\n\n- ↩\n- ↩\n",
    "list-only": "  1.\n  2.\n",
}


@pytest.mark.parametrize("kind", sorted(EMPTY_NOTES))
def test_footnotes_with_no_text_lose_nothing(kind: str):
    assert_sound(EMPTY_NOTES[kind].encode("utf-8"))


@pytest.mark.parametrize("kind", ["numbered", "backlinks"])
def test_footnotes_with_no_text_are_reported_naming_the_line(kind: str):
    result = assert_sound(EMPTY_NOTES[kind].encode("utf-8"))
    assert any(m.line and "no text" in m.text for m in result.messages), result.messages


# --- all of it through the command line -----------------------------------------------------

def test_the_build_survives_a_folder_of_broken_files(tmp_path: Path):
    src = tmp_path / "src"
    vol = src / "vol"
    vol.mkdir(parents=True)
    files = {
        "empty.txt": b"",
        "blank.txt": b" \r\n\t ",
        "nul.txt": SEED.replace("At the time", "At\x00 the time").encode(),
        "bom.txt": codecs.BOM_UTF8 + SEED.encode(),
        "crlf.txt": SEED.replace("\n", "\r\n").encode(),
        "cr.txt": SEED.replace("\n", "\r").encode(),
        "utf16.txt": SEED.encode("utf-16"),
        "utf16le.txt": SEED.encode("utf-16-le"),
        "cp1252.txt": (SEED + "\nDelegación\n").encode("cp1252"),
        "nested.txt": ("Heading\n\n" + "[" * 5000 + "]" * 5000 + "\n").encode(),
        "emptynotes.txt": EMPTY_NOTES["numbered"].encode(),
        "cut-page.txt": SEED[: SEED.find("[Page") + 3].encode() if "[Page" in SEED
        else SEED[:100].encode(),
    }
    for k, path in enumerate(REAL_PAGES[::4][:20]):
        text = path.read_text(encoding="utf-8")
        files[f"cut{k}.txt"] = (cut_mid_notes(text) or cut_mid_word(text)).encode()
    for name, data in files.items():
        (vol / name).write_bytes(data)
    out = tmp_path / "out"
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "--sources", str(src),
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    assert time.perf_counter() - started < 120
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1  # the empty files are errors
    lines = proc.stderr.splitlines()
    assert all(re.match(r"^(vol/[\w.-]+\.txt|edition\.yaml|pagefind)(:\d+)?: (error|warning): ",
                        line) for line in lines), lines
    assert any(ln.startswith("vol/empty.txt: error:") and "empty" in ln for ln in lines)
    assert any(ln.startswith("vol/blank.txt: error:") for ln in lines)
    assert any(ln.startswith("vol/nul.txt:") and "control character" in ln for ln in lines)
    assert any(ln.startswith("vol/cp1252.txt:") and "Windows-1252" in ln for ln in lines)
    assert "could not be parsed" not in proc.stderr
    built = sorted(p.stem for p in (out / "tei").rglob("*.xml"))
    assert len(built) >= len(files) - 2 - 8  # all but the empty ones and same-number clashes
    assert (out / "index.html").is_file() and (out / "report" / "index.html").is_file()
