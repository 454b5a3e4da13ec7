"""Is the published output already what a build would make? The no-change rebuild.

Before it reads a single source, the build takes a *stamp* of everything its output
depends on: the name, size and modification time of every file under the sources folder
and of the project's own templates and code, the versions of the libraries that shape
the output, the day of the build (pages carry it) and the build's options. The stamp is
kept with the previous build's messages in the state folder (`inputs.json` in
`.site.build/` beside the output `site/`, `project.state_folder`); when the next build's
stamp is the same, nothing is read, parsed or written and the previous messages are
reported again, as `make` does with its targets.

Times are coarse on some file systems (a few milliseconds): a file changed again within
the same tick as the stamp was taken would look unchanged. As git does with its index, a
stamp that saw a file modified less than `RACY_SECONDS` before it was taken is marked
*racy* and never trusted; the next build then runs in full and takes a sound stamp.
Deleting the state folder forces a full build.

The caches of parsed raw texts and read TEI files use the same rule per file
(`sound_stat`): a file's size, modification time and inode, taken before its bytes are
read, stand for those bytes on the next build only when the file was last modified
`RACY_SECONDS` before that look; a file modified just before is hashed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .model import Message
from .project import PACKAGE, PROJECT_TEMPLATES, STATE_DIR, state_folder

STAMP_FILE = "inputs.json"  # in the state folder
FORMAT = 1
RACY_SECONDS = 2.0
LIBRARIES = ("lxml", "jinja2", "markdown-it-py", "mdit-py-plugins", "pyyaml", "pagefind",
             "pagefind-bin")
SKIPPED_FOLDERS = {".git", ".hg", ".svn", "__pycache__", STATE_DIR}


@dataclass(frozen=True)
class Stamp:
    digest: str
    racy: bool


def take_stamp(sources: Path, out: Path, options: dict[str, object], day: str) -> Stamp:
    """The stamp of every input of a build of `sources` into `out`."""
    started = time.time()
    digest = hashlib.sha256(repr((FORMAT, sorted(options.items()), day,
                                  _library_versions())).encode("utf-8"))
    newest = 0
    for root in (sources, PROJECT_TEMPLATES, PACKAGE):
        digest.update(f"\0root {root}\0".encode("utf-8", "surrogateescape"))
        newest = max(newest, _walk(root, out, digest))
    return Stamp(digest.hexdigest(), newest > (started - RACY_SECONDS) * 1e9)


def _walk(root: Path, out: Path, digest) -> int:
    """Feed name, size and mtime of every file under `root` (sorted) into `digest`;
    return the newest mtime seen (ns). The output folder and its state folder are skipped
    if they lie inside."""
    newest = 0
    skip = {os.path.realpath(out), os.path.realpath(state_folder(out))}
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            digest.update(f"\0unreadable {folder}\0".encode("utf-8", "surrogateescape"))
            continue
        folders = []
        for entry in entries:
            try:
                if entry.is_dir():
                    if entry.name not in SKIPPED_FOLDERS and os.path.realpath(entry.path) not in skip:
                        folders.append(entry.path)
                    continue
                info = entry.stat()
            except OSError:
                continue
            newest = max(newest, info.st_mtime_ns)
            digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\0"
                          .encode("utf-8", "surrogateescape"))
        stack.extend(reversed(folders))
    return newest


FileStat = list[int]  # size, modification time (ns), inode: plain data for the JSON caches


def file_stat(path: Path | str) -> FileStat | None:
    """A file's size, modification time and inode, or None when it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def sound_stat(path: Path | str) -> FileStat | None:
    """`file_stat`, taken before the file's bytes are read, when it can stand for those
    bytes in a later build: None when the file was modified less than `RACY_SECONDS`
    ago (a change within the same tick of the clock would not change it)."""
    now = time.time_ns()
    stat = file_stat(path)
    if stat is None or stat[1] > now - RACY_SECONDS * 1e9:
        return None
    return stat


# The state files this process wrote last, by name and stat (kept when the staging folder
# is renamed into place): `serve` builds again and again, and reading back the 10,000
# entries it has just written would cost a few tenths of a second each time. Callers
# must not change what they get.
_WRITTEN: dict[str, tuple[FileStat, object]] = {}


def read_state(path: Path) -> object:
    """The JSON of the state file `path`, from memory when this process wrote the very
    file (same name, size, time and inode). Raises OSError or ValueError as reading does."""
    known = _WRITTEN.get(path.name)
    if known is not None and known[0] == file_stat(path):
        return known[1]
    return json.loads(path.read_text(encoding="utf-8"))


def write_state(path: Path, data: object, text: str) -> None:
    """Write `text` (the JSON of `data`) as the state file `path`, and remember `data`."""
    path.write_text(text, encoding="utf-8")
    stat = file_stat(path)
    if stat is not None:
        _WRITTEN[path.name] = (stat, data)


def _library_versions() -> list[tuple[str, str]]:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, ""))
    return versions


@dataclass
class Previous:
    """What the last build recorded: its documents (volume, document, raw file) and messages."""

    documents: list[tuple[str, str, str]]
    messages: list[Message]


def unchanged_since(out: Path, stamp: Stamp) -> Previous | None:
    """The last build's record when its stamp equals `stamp` and was sound, and its site
    `out` is there; else None."""
    if stamp.racy or not out.is_dir():
        return None
    try:
        data = json.loads((state_folder(out) / STAMP_FILE).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("racy") or data.get("stamp") != stamp.digest:
            return None
        documents = [(str(v), str(d), str(r)) for v, d, r in data["documents"]]
        messages = [Message(str(level), str(file), line if isinstance(line, int) else None,
                            str(text)) for level, file, line, text in data["messages"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Previous(documents, messages)


def save_stamp(staging: Path, stamp: Stamp, documents: list[tuple[str, str, str]],
               messages: list[Message]) -> None:
    """Record `stamp` with the build's documents and messages in the staging folder."""
    path = staging / STATE_DIR / STAMP_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "stamp": stamp.digest, "racy": stamp.racy,
            "documents": [list(d) for d in documents],
            "messages": [[m.level, m.file, m.line, m.text] for m in messages]}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
