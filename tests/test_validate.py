"""Tests for edition.tei.validate (TEI P5 validation with jing and lxml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from edition.tei import validate
from edition.tei.validate import jing_available, schema_path, validate_files

VALID_TEI = """\
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus1945Berlinv02-d1234">
 <teiHeader><fileDesc>
  <titleStmt>
   <title type="complete">The Japanese Ambassador (Sato) to the Minister (Togo)</title>
  </titleStmt>
  <publicationStmt><publisher>Someone</publisher><date when="2026">2026</date>
   <idno type="file-number">761.94/7\u20132145</idno><idno type="doc-number">1234</idno>
  </publicationStmt>
  <sourceDesc><bibl><title>Foreign Relations of the United States</title>
   <biblScope unit="page" from="1262" to="1263">1262\u20131263</biblScope>
   <idno type="source-file">000_c0491615da394ef4.txt</idno></bibl></sourceDesc></fileDesc>
  <profileDesc><creation>
   <date when="1945-07-21" cert="medium" evidence="conjecture"/>
  </creation></profileDesc>
 </teiHeader>
 <text><body><div type="document" n="1234" xml:id="d1234">
  <note type="source" rend="inline">761.94/7\u20132145: Telegram</note>
  <head>The Japanese Ambassador (<persName type="from">Sato</persName>) to the
   <gloss type="to">Minister</gloss> (Togo)<note n="1" xml:id="d1234fn1">See
   <ref target="#pg_460">ante, p. 460</ref>.</note></head>
  <p>1450. Re my telegram No. 1449.<note n="2" xml:id="d1234fn2"><ref target="#d1235">Document
   No. 1235</ref>.</note> the concrete <pb n="1263" xml:id="pg_1263"/>intentions</p>
 </div></body></text>
</TEI>
"""

# An element TEI does not know, on the line of the <p>.
INVALID_TEI = VALID_TEI.replace("<p>1450.", "<bogus/><p>1450.")
INVALID_LINE = VALID_TEI[: VALID_TEI.index("<p>1450.")].count("\n") + 1

BACKENDS = ["jing", "lxml"]


@pytest.fixture
def tei_files(tmp_path: Path) -> tuple[Path, Path]:
    valid = tmp_path / "valid.xml"
    invalid = tmp_path / "invalid.xml"
    valid.write_text(VALID_TEI, encoding="utf-8")
    invalid.write_text(INVALID_TEI, encoding="utf-8")
    return valid, invalid


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "lxml":
        request.getfixturevalue("tei_relaxng")  # compile the schema once per session
    return request.param


def error_lines(messages: list[str], path: Path) -> set[int]:
    """Line numbers of "file:line: message" strings, checking that each names ``path``."""
    lines = set()
    for message in messages:
        match = re.match(rf"{re.escape(str(path))}:(\d+): \S", message)
        assert match, message
        lines.add(int(match[1]))
    return lines


def test_schema_is_tei_p5_4_3_0() -> None:
    head = schema_path().read_text(encoding="utf-8")[:2000]
    assert re.search(r"TEI Edition: Version\s4\.3\.0\.", head)  # \s: the file has a no-break space


def test_jing_is_installed() -> None:
    assert jing_available(), "jing is missing: run scripts/install-test-tools.sh"


def test_default_backend_accepts_valid_and_rejects_invalid(tei_files: tuple[Path, Path]) -> None:
    valid, invalid = tei_files
    errors = validate_files([valid, invalid])
    assert set(errors) == {invalid}
    assert INVALID_LINE in error_lines(errors[invalid], invalid)


def test_backend(backend: str, tei_files: tuple[Path, Path]) -> None:
    valid, invalid = tei_files
    errors = validate_files([valid, invalid], backend=backend)  # type: ignore[arg-type]
    assert set(errors) == {invalid}
    assert error_lines(errors[invalid], invalid) == {INVALID_LINE}
    assert any("bogus" in message for message in errors[invalid])


def test_backends_agree(tei_relaxng: etree.RelaxNG, tei_files: tuple[Path, Path]) -> None:
    files = list(tei_files)
    by_jing = validate_files(files, backend="jing")
    by_lxml = validate_files(files, backend="lxml")
    assert set(by_jing) == set(by_lxml) == {tei_files[1]}
    for path in by_jing:
        assert error_lines(by_jing[path], path) == error_lines(by_lxml[path], path)


def test_not_well_formed_is_reported_and_the_rest_still_checked(
    backend: str, tei_files: tuple[Path, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text(VALID_TEI.replace("</p>", "", 1), encoding="utf-8")
    valid, invalid = tei_files
    errors = validate_files([broken, valid, invalid], backend=backend)  # type: ignore[arg-type]
    assert set(errors) == {broken, invalid}
    assert errors[broken][0].startswith(f"{broken}:")


def test_jing_batches_and_odd_file_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate, "_BATCH_FILES", 2)
    folder = tmp_path / "dir with spaces é"
    folder.mkdir()
    paths = []
    for i, text in enumerate([INVALID_TEI, VALID_TEI, VALID_TEI, INVALID_TEI, INVALID_TEI]):
        path = folder / f"doc {i} #%ü.xml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    errors = validate_files(paths, backend="jing")
    assert set(errors) == {paths[0], paths[3], paths[4]}
    for path in errors:
        assert error_lines(errors[path], path) == {INVALID_LINE}


def test_jing_blames_a_file_whose_dtd_is_missing(
    tei_files: tuple[Path, Path], tmp_path: Path
) -> None:
    # lxml parses this file without the DTD; jing stops on it, so the batch has to be split.
    no_dtd = tmp_path / "no-dtd.xml"
    no_dtd.write_text('<!DOCTYPE TEI SYSTEM "missing.dtd">\n' + VALID_TEI, encoding="utf-8")
    valid, invalid = tei_files
    errors = validate_files([valid, no_dtd, invalid], backend="jing")
    assert set(errors) == {no_dtd, invalid}
    assert "missing.dtd" in errors[no_dtd][0]


def test_missing_file(backend: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    errors = validate_files([missing], backend=backend)  # type: ignore[arg-type]
    assert list(errors) == [missing]
    assert errors[missing][0].startswith(f"{missing}:0: ")
