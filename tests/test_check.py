"""`python build.py check`: sound on the bundled edition; every planted fault reported with
its file (and line), and a non-zero exit. And the build report page that lists findings.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from edition.model import Message

ROOT = Path(__file__).resolve().parent.parent
TEI_NS = "http://www.tei-c.org/ns/1.0"
LINE_RE = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+))?: (?P<level>error|warning): (?P<text>.*)$")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)


def findings(stderr: str) -> list[Message]:
    """The one-line findings of the command's standard error, parsed back."""
    found = []
    for line in stderr.splitlines():
        m = LINE_RE.match(line)
        assert m, f"not a one-line finding: {line!r}"
        found.append(Message(m["level"], m["file"], int(m["line"]) if m["line"] else None,
                             m["text"]))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("check") / "site"
    proc = run_cli("--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_bundled_edition_is_sound(built: Path):
    proc = run_cli("check", "--out", str(built))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not [m for m in findings(proc.stderr) if m.level == "error"]
    assert "the edition is sound" in proc.stdout


def test_check_without_a_built_edition_says_what_to_do(tmp_path: Path):
    proc = run_cli("check", "--out", str(tmp_path / "nothing"))
    assert proc.returncode == 1 and "build the edition first" in proc.stderr
    assert "Traceback" not in proc.stderr


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def planted(built: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A copy of the built edition with one fault of each kind; (site, where each is)."""
    out = tmp_path_factory.mktemp("planted") / "site"
    shutil.copytree(built, out)
    volume = out / "tei" / "frus1943China"
    docs = sorted(volume.glob("d*.xml"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    first, second, last = docs[0], docs[1], docs[-1]
    where: dict[str, tuple[str, int | None]] = {}

    # invalid TEI: an element the schema does not know, inside the document's div
    text = first.read_text(encoding="utf-8")
    text = text.replace("<head", "<bogusElement>not TEI</bogusElement>\n<head", 1)
    first.write_text(text, encoding="utf-8")
    where["invalid"] = (f"frus1943China/{first.name}", line_of(first, "<bogusElement"))

    # a cross-reference that leads nowhere: a volume the FRUS series does not have (one the
    # edition lacks but history.state.gov holds is no fault: the site links there)
    text = second.read_text(encoding="utf-8")
    text = text.replace("</head>", '</head>\n<p>See <ref target="#d99999">No. 99999</ref>, '
                        '<ref target="frus1943Chinav99#pg_9">p. 9</ref>.</p>', 1)
    second.write_text(text, encoding="utf-8")
    where["dangling"] = (f"frus1943China/{second.name}",
                         line_of(second, 'target="frus1943Chinav99#pg_9"'))

    # page numbers going backwards: the last document's pages come before the first's
    text = last.read_text(encoding="utf-8")
    text = text.replace("</head>", '</head>\n<pb n="1" xml:id="pg_1"/>', 1)
    last.write_text(text, encoding="utf-8")
    where["backwards"] = (f"frus1943China/{last.name}", line_of(last, '<pb n="1"'))

    # a duplicate document id: a second file claiming the first document's id
    duplicate = volume / "d99998.xml"
    shutil.copyfile(second, duplicate)
    where["duplicate"] = ("frus1943China/d99998.xml", None)

    # a broken internal link in a page
    page = out / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("</main>", '<p><a href="no-such-volume/d1/">gone</a></p>\n</main>', 1)
    page.write_text(html, encoding="utf-8")
    where["link"] = ("index.html", line_of(page, 'href="no-such-volume/d1/"'))
    return out, where


@pytest.fixture(scope="module")
def checked(planted) -> tuple[subprocess.CompletedProcess, list[Message], dict]:
    out, where = planted
    proc = run_cli("check", "--out", str(out))
    return proc, findings(proc.stderr), where


def test_check_exits_non_zero_without_a_traceback(checked):
    proc, _, _ = checked
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(("kind", "words", "level"), [
    ("invalid", "not valid TEI", "error"),
    ("dangling", "`frus1943Chinav99#pg_9` cannot be followed", "warning"),
    ("backwards", "page 1 comes after page", "warning"),
    ("duplicate", "is also used by", "error"),
    ("link", "points to a missing file", "error"),
])
def test_each_planted_fault_is_reported_with_file_and_line(checked, kind, words, level):
    _, found, where = checked
    file, line = where[kind]
    hits = [m for m in found if m.file == file and words in m.text]
    assert hits, (kind, [str(m) for m in found])
    assert hits[0].level == level
    if line is not None:
        assert any(m.line == line for m in hits), (kind, line, [str(m) for m in hits])


def test_a_reference_outside_the_edition_but_on_history_state_gov_is_no_fault(checked):
    _, found, _ = checked
    assert not [m for m in found if "#d99999" in m.text]
    assert [m for m in found if "frus1943Chinav99" in m.text]


# --- the build report page ------------------------------------------------------------------

class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):
        self._in_h2 = self._in_h2 or tag == "h2"

    def handle_endtag(self, tag):
        self._in_h2 = self._in_h2 and tag != "h2"

    def handle_data(self, data):
        self.parts.append(data)
        if self._in_h2:
            self.h2.append(data.strip())


def test_the_report_page_lists_findings_by_file_escaped(built: Path, tmp_path: Path):
    from edition.config import VolumeConfig, load_edition_config
    from edition.site import build_site

    out = tmp_path / "site"
    shutil.copytree(built / "tei", out / "tei")
    sources = ROOT / "sources"
    config, _ = load_edition_config(sources)
    volumes = [VolumeConfig(id=p.name, title=p.name) for p in sorted((out / "tei").iterdir())]
    given = [Message("warning", "vol/b.txt", 12, "second <script>alert(1)</script>"),
             Message("error", "vol/a.txt", 3, 'first "><img src=x onerror=alert(2)>'),
             Message("warning", "vol/b.txt", 2, "first of b")]
    build_site(config, volumes, sorted((out / "tei").rglob("*.xml")), sources, out,
               findings=given)
    page = out / "report" / "index.html"
    raw = page.read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "<img src=x" not in raw
    parsed = _Text()
    parsed.feed(raw)
    text = " ".join(" ".join(parsed.parts).split())
    assert parsed.h2[0] == "vol/a.txt" and "vol/b.txt" in parsed.h2  # errors first
    assert text.index("first of b") < text.index("second <script>alert(1)</script>")
    assert re.search(r'line 3 error ?: first "><img src=x onerror=alert\(2\)>', text), text
    assert 'name="robots" content="noindex"' in raw
    for other in out.rglob("*.html"):  # the report is not linked from the site's pages
        if other != page:
            assert "report/" not in other.read_text(encoding="utf-8"), other
    assert "report/" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_the_build_report_carries_the_parsers_messages(tmp_path: Path):
    from edition.build import build

    src = tmp_path / "src"
    (src / "vol").mkdir(parents=True)
    (src / "vol" / "volume.yaml").write_text("id: vol\ntitle: A volume\n", encoding="utf-8")
    (src / "vol" / "d1.txt").write_text("The Ambassador to the Secretary\n\nA telegram.\n\n"
                                        "  1. A note whose marker is gone.\n", encoding="utf-8")
    (src / "vol" / "d2.txt").write_bytes(b"Memorandum\n\nThe Delegaci\xf3n met.\n")
    result = build(src, tmp_path / "site")
    said = [(m.file, m.line) for m in result.messages]
    assert ("vol/d1.txt", 5) in said and any(f == "vol/d2.txt" for f, _ in said)
    parsed = _Text()
    parsed.feed((tmp_path / "site" / "report" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(" ".join(parsed.parts).split())
    assert {"vol/d1.txt", "vol/d2.txt"} <= set(parsed.h2)
    assert "no marker" in text and "UTF-8" in text
