"""Hostile input: nothing from a source runs in a browser, reads a file outside the
sources or writes a file outside the output folder.

A small edition is built from sources an attacker could have written: markup and
`javascript:` in headings, paragraphs and notes; raw HTML and `javascript:` links in the
Markdown pages; settings that point outside the sources; symbolic links; odd folder and
file names; and TEI files with external entities and entity bombs planted in the output.
"""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest

from edition.build import build
from edition.check import check_edition, read_facts
from edition.model import Message
from edition.project import state_folder
from edition.site.headers import CONTENT_SECURITY_POLICY
from edition.site.read import read_tei, text_of
from edition.tei.validate import validate_files

SECRET = "TOP-SECRET-5f3a9c"  # in a file beside the sources: must never reach the site

HOSTILE_DOC = """Hostile <script>alert("head")</script> heading

No. 7
The Ambassador "><img src=x onerror=alert(1)> to the Secretary javascript:alert(5)1

Washington, July 4, 1945.

A paragraph with <script>alert('p')</script> and javascript:alert(2) and
<a href="javascript:alert(3)">link</a> & <b>bold</b> &amp; '><svg onload=alert(6)>.2

  1. Note with <script>alert("n")</script> </p><iframe src=javascript:alert(7)>.
  2. Note with "><body onload=alert(4)> and {{ 7*7 }} {% raw %}.
"""

HOSTILE_MARKDOWN = """# About <script>alert("md")</script>

Raw HTML: <script>alert('raw')</script> <img src=x onerror=alert(8)>
<div onclick="alert(9)">div</div>

[click](javascript:alert(10)) [vb](vbscript:msgbox) [data](data:text/html,<script>alert(11)</script>)
<a href="javascript:alert(12)">raw link</a> [ok](frus-vol/)

![img](javascript:alert(13))
"""

HOSTILE_STRINGS = ['<script>alert("head")</script>', '"><img src=x onerror=alert(1)>',
                   "javascript:alert(2)", '<a href="javascript:alert(3)">',
                   "'><svg onload=alert(6)>", '<script>alert("n")</script>',
                   '"><body onload=alert(4)>', "{{ 7*7 }}"]


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def tree(root: Path, skip: tuple[Path, ...] = ()) -> set[Path]:
    """Every path under `root`, those under `skip` left out."""
    return {p for p in root.rglob("*") if not any(p == s or s in p.parents for s in skip)}


class PageScan(HTMLParser):
    """What a browser would run on a page: scripts, handlers, dangerous URLs; and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.bad_urls: list[str] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False
        self.csp: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script":
            self.scripts.append(named)
            self._in_script = True
        if tag == "meta" and (named.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(named.get("content") or "")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "data", "srcdoc") and value:
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text")):
                    self.bad_urls.append(f"<{tag} {name}={value!r}>")
            if name == "srcdoc":
                self.bad_urls.append(f"<{tag} srcdoc>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_bodies if self._in_script else self.text).append(data)


def scan(page: Path) -> PageScan:
    parsed = PageScan()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def assert_nothing_runs(site: Path) -> None:
    """No page of `site` holds a script but the site's own, a handler or a script URL."""
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        found = scan(page)
        where = page.relative_to(site)
        assert found.handlers == [], (where, found.handlers)
        assert found.bad_urls == [], (where, found.bad_urls)
        assert found.csp == [CONTENT_SECURITY_POLICY], where
        for script in found.scripts:
            if script.get("type") == "application/ld+json":
                continue  # data, never executed
            src = script.get("src")
            assert src, (where, "inline script")
            assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.IGNORECASE), (where, src)
            assert (page.parent / src).resolve().is_file(), (where, src)
        for body in found.script_bodies:
            if body.strip():
                assert "</" not in body and "<!--" not in body, where
                json.loads(body)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    """The hostile edition, built by the whole pipeline; (root, out, result, before)."""
    root = tmp_path_factory.mktemp("hostile")
    write(root / "secret.txt", SECRET)
    write(root / "secret.md", f"# {SECRET}\n")
    src = root / "src"
    write(src / "edition.yaml", 'title: "Edition <script>alert(\'t\')</script> \\"q\\""\n'
                                "footer: '<img src=x onerror=alert(14)>'\n")
    write(src / "index.md", HOSTILE_MARKDOWN)
    write(src / "pages" / "about.md", HOSTILE_MARKDOWN)
    (src / "pages" / "leak.md").symlink_to(root / "secret.md")
    write(src / "frus-vol" / "volume.yaml",
          'id: frus-vol\ntitle: "Vol <script>alert(\'v\')</script>"\n'
          'editors: ["\\"><img src=x onerror=alert(15)>"]\nurl: "javascript:alert(16)"\n')
    write(src / "frus-vol" / "d7.txt", HOSTILE_DOC)
    (src / "frus-vol" / "d8.txt").symlink_to(root / "secret.txt")
    # odd names: quotes, spaces, non-ASCII, dots; and ids that try to leave the folder
    write(src / 'Vol "one" ü' / "it's a \"file\" ü.txt", HOSTILE_DOC)
    write(src / "up..up" / "d9..x.txt", HOSTILE_DOC)  # `..` inside names
    write(src / "escape" / "volume.yaml", "id: ../../escaped\n")
    write(src / "escape" / "d10.txt", HOSTILE_DOC)
    write(src / "absolute" / "volume.yaml", f"id: {root / 'abs'}\n")
    write(src / "absolute" / "d11.txt", HOSTILE_DOC)
    before = tree(root)
    out = root / "out"
    result = build(src, out)
    return root, out, result, before


def test_no_hostile_text_runs_in_a_page(hostile):
    _, out, result, _ = hostile
    assert result.documents, [str(m) for m in result.messages]
    assert_nothing_runs(out)


def test_hostile_text_is_shown_escaped_not_lost(hostile):
    _, out, _, _ = hostile
    doc = out / "frus-vol" / "d7" / "index.html"
    text = " ".join(" ".join(scan(doc).text).split())
    raw = doc.read_text(encoding="utf-8")
    for hostile_string in HOSTILE_STRINGS:
        assert hostile_string in text, hostile_string  # the reader sees it, as text
    assert "<script>alert" not in raw and "<img src=x" not in raw
    assert "&lt;script&gt;alert" in raw
    assert "49" not in text.split()  # `{{ 7*7 }}` is not a template expression


def test_the_page_description_holds_the_hostile_heading_as_text(hostile):
    _, out, _, _ = hostile
    page = lxml.html.parse(str(out / "frus-vol" / "d7" / "index.html")).getroot()
    expected = ("""Hostile <script>alert("head")</script> heading, July 4, 1945. """
                """Document No. 7 of Vol <script>alert('v')</script>.""")
    assert page.xpath("//head/meta[@name='description']/@content") == [expected]


def test_markdown_raw_html_and_script_links_stay_text(hostile):
    _, out, _, _ = hostile
    for page in (out / "about" / "index.html", out / "index.html"):
        raw = page.read_text(encoding="utf-8")
        assert "<div onclick" not in raw and "<script>alert" not in raw
        assert 'href="javascript:' not in raw.lower()
        assert "&lt;script&gt;alert(&#39;raw&#39;)&lt;/script&gt;" in raw or \
            "&lt;script&gt;alert('raw')&lt;/script&gt;" in raw
    about = scan(out / "about" / "index.html")
    assert any("ok" == t.strip() for t in about.text)


def test_nothing_is_read_from_outside_the_sources(hostile):
    _, out, result, _ = hostile
    for path in [*out.rglob("*"), *state_folder(out).rglob("*")]:
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert any("d8.txt" in m.file and "symbolic link" in m.text for m in result.messages)
    assert any("leak.md" in m.file and "symbolic link" in m.text for m in result.messages)


def test_nothing_is_written_outside_the_output_folder(hostile):
    """… but for the build's state folder beside it (`project.state_folder`)."""
    root, out, result, before = hostile
    state = state_folder(out)
    assert tree(root, skip=(out, state)) == before
    for folder in (out, state):
        for path in folder.rglob("*"):
            assert folder.resolve() in path.resolve().parents, path
    volumes = {p.name for p in (out / "tei").iterdir()}
    assert "escaped" not in volumes and not (root / "escaped").exists()
    assert all(re.match(r"^[A-Za-z][A-Za-z0-9_.\-]*$", v) for v in volumes), volumes
    errors = [str(m) for m in result.messages if m.level == "error"]
    assert any("escape/volume.yaml" in e and "../../escaped" in e for e in errors), errors
    assert any("absolute/volume.yaml" in e for e in errors), errors


def test_odd_file_and_folder_names_are_built(hostile):
    _, out, result, _ = hostile
    built = {(d.volume_id, d.doc_id) for d in result.documents}
    assert len(built) == 5, built  # d7, the quoted/ü file, up..up, escape, absolute
    assert len(list((out / "tei").rglob("*.xml"))) == 5


def test_headers_file_sends_the_same_policy(hostile):
    _, out, _, _ = hostile
    headers = (out / "_headers").read_text(encoding="utf-8")
    assert headers.startswith("/*\n")
    assert f"  Content-Security-Policy: {CONTENT_SECURITY_POLICY}\n" in headers


def test_templates_hold_no_inline_script_or_handler():
    templates = Path(__file__).resolve().parent.parent / "templates"
    for path in templates.rglob("*.html"):
        found = scan(path)
        where = path.relative_to(templates)
        assert found.handlers == [], where
        for script in found.scripts:
            assert script.get("src") or script.get("type") == "application/ld+json", where


@pytest.mark.parametrize("settings", [
    "intro: ../secret.md\n", "intro: SECRET_ABS\n", "pages_dir: ..\n",
    "templates_dir: ../tpl\n", "base_url: 'javascript:alert(1)//'\n",
])
def test_settings_cannot_point_outside_the_sources(tmp_path, settings):
    write(tmp_path / "secret.md", f"# {SECRET}\n")
    write(tmp_path / "tpl" / "index.html", SECRET)
    src = tmp_path / "src"
    write(src / "edition.yaml", settings.replace("SECRET_ABS", str(tmp_path / "secret.md")))
    write(src / "v" / "d1.txt", "The Ambassador to the Secretary\n\nA telegram.\n")
    out = tmp_path / "out"
    result = build(src, out)
    key = settings.split(":")[0]
    assert any(m.file.endswith("edition.yaml") and f"`{key}`" in m.text
               for m in result.messages), [str(m) for m in result.messages]
    report = out / "report" / "index.html"  # quotes the refused value to the editor, as text
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data, path
            quoted = path == report  # the report quotes it to the editor, as text
            assert b"javascript:alert" not in data or quoted, path
            assert not re.search(rb"""=\s*["']?\s*javascript:""", data), path


# --- XML planted in the output: external entities and entity bombs -----------------------

TEI_NS = "http://www.tei-c.org/ns/1.0"


def planted_tei(body: str, doctype: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
{doctype}
<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title type="complete">&x;</title>
</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>
</fileDesc></teiHeader><text><body><div type="document" xml:id="d1">
<head>&x;</head><p>{body}</p></div></body></text></TEI>
"""


def xxe(secret_file: Path) -> str:
    return planted_tei("before &x; after", f'<!DOCTYPE TEI [<!ENTITY x SYSTEM '
                                           f'"file://{secret_file.as_posix()}">]>')


def bomb() -> str:
    entities = ['<!ENTITY a0 "lol lol lol lol lol lol lol lol lol lol">']
    entities += [f'<!ENTITY a{k} "{f"&a{k - 1};" * 10}">' for k in range(1, 10)]
    entities.append('<!ENTITY x "&a9;">')
    return planted_tei("&x;", "<!DOCTYPE TEI [" + "".join(entities) + "]>")


@pytest.fixture(params=["xxe", "bomb"])
def planted(request, tmp_path: Path) -> Path:
    write(tmp_path / "secret.txt", SECRET)
    tei = tmp_path / "out" / "tei" / "vol" / "d1.xml"
    write(tei, xxe(tmp_path / "secret.txt") if request.param == "xxe" else bomb())
    return tei


def test_the_site_reader_expands_no_entity(planted: Path):
    started = time.perf_counter()
    doc, _ = read_tei(planted, "vol")
    assert time.perf_counter() - started < 5
    if doc is not None:
        div = doc.div if doc.div is not None else doc.text_div()
        text = text_of(div) + doc.heading
        assert SECRET not in text and "lol" not in text


def test_check_expands_no_entity(planted: Path):
    started = time.perf_counter()
    facts = read_facts(planted, planted.parents[1])
    messages = check_edition(planted.parents[2])
    assert time.perf_counter() - started < 30
    assert all(SECRET not in str(m) and "lol lol" not in str(m) for m in messages)
    if not isinstance(facts, Message):
        assert facts.doc_id == "d1"
    assert any(m.file == "vol/d1.xml" and m.level == "error" for m in messages), messages


@pytest.mark.parametrize("backend", ["lxml", "jing"])
def test_validation_refuses_a_doctype(planted: Path, backend: str, tei_relaxng):
    """Refused at once: the bound is far above a refusal and far below an expansion. The
    schema is compiled beforehand (`tei_relaxng`), so only the refusal is timed."""
    from edition.tei.validate import jing_available

    assert backend != "jing" or jing_available(), "jing is missing: run bash scripts/test.sh"
    started = time.perf_counter()
    errors = validate_files([planted], backend=backend)
    assert time.perf_counter() - started < 30
    assert planted in errors  # refused: a DOCTYPE, or (a bomb) libxml2's amplification limit
    assert "DOCTYPE" in errors[planted][0] or "amplification" in errors[planted][0]
    assert SECRET not in " ".join(errors[planted])


def test_the_site_built_from_a_planted_file_shows_no_secret(planted: Path):
    from edition.config import EditionConfig, VolumeConfig
    from edition.site import build_site

    out = planted.parents[2]
    started = time.perf_counter()
    build_site(EditionConfig(), [VolumeConfig(id="vol", title="Vol")], [planted],
               out.parent / "no-sources", out)
    assert time.perf_counter() - started < 60
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert SECRET not in text and "lol lol" not in text, path
