"""Incremental builds: reuse what the previous build wrote when its inputs are unchanged.

Every build writes a fresh staging folder (see `edition/build.py`). For each group of
output files (a document's page with its downloads, a printed page, a volume's contents,
a volume's search bundle …) the site computes a *fingerprint* of everything the files are
made from: the data shown, the templates used (the edition's own first), the site's code
and settings, the build date. The fingerprints are kept in `manifest.json` in the
state folder beside the output (`project.state_folder`); when a group's fingerprint matches the previous build's, its files are
kept from the published site instead of being made again, as Lektor's build state does
(named in `Kept` and left in place, `edition/publish.py`). The output is the same file for file as a clean build's (tests/test_incremental.py).

The state folder also holds the read cache: the site's data of each TEI file, keyed by a digest
of the file's bytes, so an unchanged edition is not parsed again. It is JSON, never
pickle: the state folder is not trusted to hold code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, meta

from ..model import Message
from ..project import STATE_DIR, state_folder
from ..publish import Kept
from ..uptodate import read_state, write_state

MANIFEST = "manifest.json"  # in the state folder
READ_CACHE = "read-cache.json"
FORMAT = 1
CODE_DIR = Path(__file__).resolve().parent


def digest(*parts: object) -> str:
    """A short stable digest of `parts` (their `repr`, so keep them plain data)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


def file_digest(data: bytes) -> str:
    """The digest of a file's bytes."""
    return hashlib.sha256(data).hexdigest()[:32]


def code_digest() -> str:
    """The site's own code: a change to how pages are made remakes every page."""
    h = hashlib.sha256()
    for path in sorted(CODE_DIR.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:32]


class TemplateKeys:
    """Per page template: the digest of its source and of every template it includes or
    extends (as the environment finds them: the edition's folder first), and whether any
    of them uses the whole edition (`volumes`), so its pages depend on every document."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._cache: dict[str, tuple[str, bool]] = {}

    def key(self, name: str) -> tuple[str, bool]:
        """(digest of the template and all it uses, whether it reads `volumes`)."""
        if name not in self._cache:
            sources: dict[str, str] = {}
            names: set[str] = set()
            self._collect(name, sources, names)
            self._cache[name] = (digest(sorted(sources.items())), "volumes" in names)
        return self._cache[name]

    def _collect(self, name: str, sources: dict[str, str], names: set[str]) -> None:
        if name in sources:
            return
        source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        sources[name] = source
        ast = self.env.parse(source, name, filename)  # a syntax error names the file
        try:
            names |= meta.find_undeclared_variables(ast)
        except TemplateSyntaxError as exc:  # e.g. an unknown filter: name the file too
            exc.name, exc.filename = name, filename
            raise
        for used in meta.find_referenced_templates(ast):
            if used is None:  # a name computed at render time: depend on every template
                for other in self.env.list_templates():
                    if other not in sources and not other.startswith("static/"):
                        self._collect(other, sources, names)
            else:
                self._collect(used, sources, names)


class BuildState:
    """The previous build's fingerprints (read from `previous`) and this build's."""

    def __init__(self, out: Path, kept: Kept | None = None) -> None:
        self.out = out
        self.kept = kept  # the published site and what this build keeps of it
        previous = self.previous = kept.root if kept is not None else None
        self.old: dict[str, str] = {}
        self.new: dict[str, str] = {}
        self.reused = 0  # groups of files kept from the previous build
        self.made = 0  # groups made anew
        if previous is not None:
            try:
                data = read_state(state_folder(previous) / MANIFEST)
                if data.get("format") == FORMAT:
                    self.old = dict(data.get("groups", {}))
            except (OSError, ValueError, AttributeError):
                self.old = {}

    def unchanged(self, group: str, fingerprint: str) -> bool:
        """True when the previous build made the group from the same inputs."""
        return self.previous is not None and self.old.get(group) == fingerprint

    def save(self) -> None:
        """Write this build's fingerprints (sorted: two builds write the same bytes)."""
        path = self.out / STATE_DIR / MANIFEST
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"format": FORMAT, "groups": dict(sorted(self.new.items()))}
        write_state(path, data, json.dumps(data, indent=0, sort_keys=True))


class ReadCache:
    """The site data of each TEI file by the digest of its bytes, from the previous build."""

    def __init__(self, previous: Path | None) -> None:
        self.old: dict[str, dict] = {}
        self.new: dict[str, dict] = {}
        self.code = code_digest()  # what a file's entry says depends on the reading code
        if previous is not None:
            try:
                data = read_state(state_folder(previous) / READ_CACHE)
                if data.get("format") == FORMAT and data.get("code") == self.code:
                    self.old = data.get("entries", {})
            except (OSError, ValueError, AttributeError):
                self.old = {}

    def get(self, key: str, sha: str) -> dict | None:
        """The cached entry for TEI file `key` when its bytes are unchanged."""
        entry = self.old.get(key)
        return entry if entry is not None and entry.get("sha") == sha else None

    def put(self, key: str, entry: dict) -> None:
        self.new[key] = entry

    def save(self, out: Path) -> None:
        path = out / STATE_DIR / READ_CACHE
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"format": FORMAT, "code": self.code, "entries": dict(sorted(self.new.items()))}
        write_state(path, data, json.dumps(data, separators=(",", ":"), sort_keys=True))


def messages_to_data(messages: Iterable[Message]) -> list[list]:
    """Messages about one file, without the file (its staging path changes per build)."""
    return [[m.level, m.line, m.text] for m in messages]


def messages_from_data(data: list[list], where: str) -> list[Message]:
    return [Message(level, where, line, text) for level, line, text in data]
