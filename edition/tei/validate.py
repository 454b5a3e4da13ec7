"""Validate TEI files against the shipped TEI P5 ``tei_all.rng`` (RELAX NG, TEI P5 4.3.0).

Two back ends, which word their messages differently but accept and reject the same files:

* ``jing`` (Debian package ``jing``), used when it is on ``PATH``. One Java process checks many
  files, so a whole edition takes about a second.
* lxml's ``etree.RelaxNG``, used otherwise. The schema is compiled once per process (about ten
  seconds), after which each file takes a few milliseconds.

Every file is first parsed with lxml, so a file that is not well-formed (or has a duplicate
``xml:id``) is reported the same way by both and never sent to jing, which would skip the files
after it. Errors with no line (unreadable file; jing cannot load a file's DTD, which lxml does
not try) are reported as line 0.

Neither back end runs the Schematron rules embedded in ``tei_all.rng``.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Literal

from lxml import etree

Backend = Literal["jing", "lxml"]

_BATCH_FILES = 500  # most files handed to one jing process
_BATCH_CHARS = 60_000  # most characters of file names on one jing command line
# jing reports problems as "/abs/path.xml:LINE:COL: error: message" (or "fatal:"/"warning:").
_JING_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<kind>error|fatal|warning): (?P<msg>.*)$"
)


def schema_path() -> Path:
    """Return the path of the shipped ``tei_all.rng``."""
    return Path(__file__).parent / "schema" / "tei_all.rng"


def jing_available() -> bool:
    """Return True if the ``jing`` command is on ``PATH``."""
    return shutil.which("jing") is not None


def safe_parser() -> etree.XMLParser:
    """An XML parser for files that may have been tampered with: no entity is expanded,
    no DTD or network resource loaded, no huge tree built (entity bombs fail at once).
    A new one per call: lxml parsers must not be shared between threads."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False)


@functools.lru_cache(maxsize=1)
def relaxng() -> etree.RelaxNG:
    """Return the lxml RELAX NG validator, compiled once per process (takes ~10 s)."""
    return etree.RelaxNG(etree.parse(str(schema_path())))


def validate_files(paths: Iterable[Path], backend: Backend | None = None) -> dict[Path, list[str]]:
    """Validate TEI files against ``tei_all.rng``.

    Returns a dict mapping each invalid file (as given) to readable ``"file:line: message"``
    strings; valid files are absent. ``backend`` is ``"jing"`` or ``"lxml"``; by default jing
    is used when available. Raises RuntimeError if jing fails in a way that names no file.
    """
    if backend is None:
        backend = "jing" if jing_available() else "lxml"
    if backend not in ("jing", "lxml"):
        raise ValueError(f"unknown validation back end: {backend!r}")
    errors: dict[Path, list[str]] = {}
    parsed: list[tuple[Path, etree._ElementTree]] = []
    for path in dict.fromkeys(Path(p) for p in paths):
        try:
            tree = etree.parse(str(path), safe_parser())
        except etree.XMLSyntaxError as exc:
            errors[path] = [f"{path}:{exc.lineno}: not well-formed: {exc.msg}"]
            continue
        except OSError as exc:
            errors[path] = [f"{path}:0: cannot read: {exc}"]
            continue
        if tree.docinfo.doctype:  # never handed to jing, whose parser would expand entities
            errors[path] = [(f"{path}:1: a DOCTYPE (`{tree.docinfo.doctype}`) is not allowed "
                             "in the edition's TEI: it may declare entities; remove it")]
            continue
        parsed.append((path, tree))
    if backend == "lxml":
        errors.update(_validate_lxml(parsed))
    else:
        errors.update(_validate_jing([path for path, _ in parsed]))
    return errors


def _validate_lxml(parsed: Sequence[tuple[Path, etree._ElementTree]]) -> dict[Path, list[str]]:
    validator = relaxng()
    errors: dict[Path, list[str]] = {}
    for path, tree in parsed:
        if not validator.validate(tree):
            errors[path] = [f"{path}:{e.line}: {e.message}" for e in validator.error_log]
    return errors


def _batches(paths: Sequence[Path]) -> Iterator[list[Path]]:
    batch: list[Path] = []
    chars = 0
    for path in paths:
        size = len(str(path.absolute())) + 1
        if batch and (len(batch) >= _BATCH_FILES or chars + size > _BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(path)
        chars += size
    if batch:
        yield batch


def _validate_jing(paths: Sequence[Path]) -> dict[Path, list[str]]:
    errors: dict[Path, list[str]] = {}
    todo = list(_batches(paths))
    while todo:
        todo.extend(_run_jing(todo.pop(), errors))
    return errors


def _run_jing(batch: list[Path], errors: dict[Path, list[str]]) -> list[list[Path]]:
    """Check ``batch`` with one jing process, adding to ``errors``; return batches still to do."""
    absolute = [str(path.absolute()) for path in batch]
    index = {name: i for i, name in enumerate(absolute)}
    # A UTF-8 locale lets Java open and print file names that are not ASCII.
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    proc = subprocess.run(
        ["jing", str(schema_path()), *absolute],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        check=False,
    )
    if proc.returncode == 0:
        return []
    found: dict[Path, list[str]] = {}
    for line in proc.stdout.splitlines():
        match = _JING_LINE.match(line)
        if match is None or match["path"] not in index:
            if "fatal:" not in line:
                continue
            # A fatal error naming no file of ours (e.g. a missing DTD) stops jing: split the
            # batch until the culprit is alone, then blame it.
            if len(batch) == 1:
                errors.setdefault(batch[0], []).append(f"{batch[0]}:0: {line}")
                return []
            return [batch[: len(batch) // 2], batch[len(batch) // 2 :]]
        if match["kind"] == "warning":
            continue
        i = index[match["path"]]
        found.setdefault(batch[i], []).append(f"{batch[i]}:{match['line']}: {match['msg']}")
        if match["kind"] == "fatal":  # jing skips the files after one with a fatal error
            _merge(errors, found)
            return [batch[i + 1 :]] if i + 1 < len(batch) else []
    if not found:
        detail = (proc.stdout + proc.stderr).strip()
        raise RuntimeError(f"jing failed (exit {proc.returncode}) without naming a file: {detail}")
    _merge(errors, found)
    return []


def _merge(errors: dict[Path, list[str]], found: dict[Path, list[str]]) -> None:
    for path, messages in found.items():
        errors.setdefault(path, []).extend(messages)
