"""The build end to end: command line, folders, bad input, atomic output, validity."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from realpages import FIXTURES

from edition.build import build
from edition.tei.validate import validate_files

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "sources" / "frus1945Berlinv02" / "000_c0491615da394ef4.txt").read_text("utf-8")


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def fixtures_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fixtures") / "site"
    result = build(FIXTURES, out, with_site=False)
    assert not result.errors, [str(m) for m in result.errors]
    return out


@pytest.fixture(scope="module")
def bundled_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("bundled") / "site"
    return run_cli("--out", str(out)), out


def test_bundled_edition_builds_cleanly(bundled_build):
    proc, out = bundled_build
    assert proc.returncode == 0, proc.stderr
    assert "errors" in proc.stdout and ", 0 errors" in proc.stdout
    assert "base_url" not in proc.stderr  # the showcase says it has no public address
    tei = sorted((out / "tei").rglob("*.xml"))
    assert len(tei) == len(list((ROOT / "sources").rglob("*.txt")))
    assert (out / "tei" / "frus1945Berlinv02" / "d1234.xml").is_file()
    assert (out / "tei" / "frus1943v03" / "d549.xml").is_file()


def test_every_bundled_tei_file_is_valid(bundled_build):
    _, out = bundled_build
    files = sorted((out / "tei").rglob("*.xml"))
    assert files and validate_files(files) == {}


def test_every_fixture_tei_file_is_valid(fixtures_build):
    files = sorted((fixtures_build / "tei").rglob("*.xml"))
    assert len(files) == len(list(FIXTURES.glob("*.txt")))
    assert validate_files(files) == {}


def test_lxml_back_end_agrees_on_a_sample(fixtures_build, tei_relaxng):
    files = sorted((fixtures_build / "tei").rglob("*.xml"))[:15]
    assert validate_files(files, backend="lxml") == {}


def test_nested_folders_and_folders_without_settings(tmp_path):
    src = tmp_path / "src"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "one.txt").write_text(SEED, encoding="utf-8")
    (src / "two").mkdir()
    (src / "two" / "frus1999v01_d7.txt").write_text(SEED.replace("No. 1234\n", ""),
                                                    encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("--sources", str(src), "--out", str(out), "--tei-only")
    assert proc.returncode == 0, proc.stderr
    assert (out / "tei" / "b" / "d1234.xml").is_file()  # volume named after its folder
    assert (out / "tei" / "frus1999v01" / "d7.xml").is_file()  # volume from the file name
    assert "source-file\">one.txt<" in (out / "tei" / "b" / "d1234.xml").read_text()


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def test_bad_inputs_get_one_line_messages_and_the_rest_still_builds(tmp_path):
    src = tmp_path / "src"
    write(src / "vol" / "volume.yaml", "id: vol\ntitle: A volume\n")
    write(src / "vol" / "good.txt", SEED)
    write(src / "vol" / "empty.txt", "  \n\n")
    write(src / "vol" / "binary.txt", bytes(range(256)) * 8)
    write(src / "vol" / "old.txt", SEED.replace("No. 1234\n", "").encode("utf-8")
          + "\nDelegación\n".encode("cp1252"))
    write(src / "vol" / "copy_d1234.txt", SEED)  # claims document 1234 too
    write(src / "vol" / "nolist.txt", "The Ambassador to the Secretary\n\nA telegram.\n\n"
                                      "  1. A note whose marker is gone.\n")
    write(src / "broken" / "volume.yaml", "id: [unclosed\n")
    write(src / "broken" / "x.txt", SEED)
    out = tmp_path / "out"
    proc = run_cli("--sources", str(src), "--out", str(out), "--tei-only")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()

    def said(name: str, words: str) -> bool:
        return any(name in line and words in line for line in lines)

    assert said("vol/empty.txt", "empty")
    assert said("vol/binary.txt", "binary")
    assert said("vol/old.txt:", "not valid UTF-8")
    assert said("vol/good.txt", "already given by vol/copy_d1234.txt")
    assert said("vol/nolist.txt:5", "no marker")
    assert said("broken/volume.yaml:", "not valid YAML")
    assert (out / "tei" / "vol" / "d1234.xml").is_file()
    old = (out / "tei" / "vol" / "old.xml").read_text(encoding="utf-8")
    assert "Delegación" in old and "People’s Commissar" in old  # both encodings kept
    assert (out / "tei" / "broken" / "d1234.xml").is_file()  # built under the folder's name
    assert "built 5 documents" in proc.stdout


def test_malformed_edition_settings_name_the_key(tmp_path):
    src = tmp_path / "src"
    write(src / "v" / "a.txt", SEED)
    write(src / "edition.yaml", "title: [1, 2]\nnonsense: 3\n")
    proc = run_cli("--sources", str(src), "--out", str(tmp_path / "o"), "--tei-only")
    assert "edition.yaml" in proc.stderr and "`title`" in proc.stderr
    assert "`nonsense`" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_yaml_python_tags_are_refused(tmp_path):
    src = tmp_path / "src"
    write(src / "v" / "a.txt", SEED)
    write(src / "v" / "volume.yaml", "id: !!python/object/apply:os.system ['touch pwned']\n")
    proc = run_cli("--sources", str(src), "--out", str(tmp_path / "o"), "--tei-only")
    assert "volume.yaml" in proc.stderr and "Traceback" not in proc.stderr
    assert not (src / "pwned").exists() and not (ROOT / "pwned").exists()


def test_a_failed_build_leaves_the_previous_output_in_place(tmp_path, monkeypatch):
    src = tmp_path / "src"
    write(src / "v" / "a.txt", SEED)
    out = tmp_path / "out"
    assert not build(src, out, with_site=False).errors
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    import edition.build as pipeline

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "publish", explode)
    with pytest.raises(RuntimeError):
        build(src, out, with_site=False)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".out.build"]


def test_output_is_reproducible(tmp_path):
    src = tmp_path / "src"
    write(src / "v" / "a.txt", SEED)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    outs = []
    for k in range(2):
        out = tmp_path / f"o{k}"
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--sources", str(src),
                        "--out", str(out), "--tei-only"], env=env, check=True,
                       capture_output=True)
        outs.append((out / "tei" / "v" / "d1234.xml").read_bytes())
    assert outs[0] == outs[1] and b'<date when="2023">2023</date>' in outs[0]


def test_missing_sources_folder_is_a_clear_error(tmp_path):
    proc = run_cli("--sources", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert proc.returncode == 1 and "sources folder not found" in proc.stderr


def test_unchanged_sources_are_not_parsed_again(tmp_path):
    src = tmp_path / "src"
    write(src / "v" / "volume.yaml", "id: v\n")
    write(src / "v" / "a.txt", SEED)
    write(src / "v" / "b_d7.txt", SEED.replace("No. 1234\n", ""))
    out = tmp_path / "out"
    first = build(src, out, with_site=False)
    assert first.reused == 0 and len(first.documents) == 2
    tei_a = (out / "tei" / "v" / "d1234.xml").read_bytes()
    second = build(src, out, with_site=False)
    assert second.reused == 2
    assert (out / "tei" / "v" / "d1234.xml").read_bytes() == tei_a
    write(src / "v" / "b_d7.txt", SEED.replace("No. 1234\n", "").replace("Lozovsky", "Molotov"))
    third = build(src, out, with_site=False)
    assert third.reused == 1
    assert b"Molotov" in (out / "tei" / "v" / "d7.xml").read_bytes()
    assert [str(m) for m in third.messages] == [str(m) for m in first.messages]


@pytest.mark.parametrize("where", ["sources", "parent", "file", "foreign"])
def test_an_output_folder_that_would_destroy_something_is_refused(tmp_path, where):
    src = tmp_path / "project" / "src"
    write(src / "v" / "d1.txt", SEED)
    foreign = tmp_path / "documents"
    write(foreign / "letter.odt", "someone's work")
    write(tmp_path / "notes.txt", "a file")
    out = {"sources": src, "parent": tmp_path / "project", "file": tmp_path / "notes.txt",
           "foreign": foreign}[where]
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    proc = run_cli("--sources", str(src), "--out", str(out))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"{out}: error: ") and "choose" in proc.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_an_output_folder_inside_the_sources_is_not_read_as_sources(tmp_path):
    src = tmp_path / "src"
    write(src / "v" / "volume.yaml", "id: v\ntitle: V\n")
    write(src / "v" / "d1.txt", SEED)
    out = src / "site"
    for _ in range(2):  # the second build sees the first one's output inside the sources
        proc = run_cli("--sources", str(src), "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        assert sorted(p.name for p in (out / "tei").iterdir()) == ["v"]
