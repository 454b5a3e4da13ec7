"""The build, stage by stage: load → parse → check → write TEI → site → publish → report.

Everything is written into a fresh staging folder beside the output folder and published
only when the build has run to its end (`publish.py`), so a crash never leaves a
half-written site; over a published site only what changed is written.
Bad sources do not stop the build: each yields a message naming its file and line.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .config import EditionConfig, VolumeConfig, load_edition_config
from .model import Message
from .parse.document import parse_document
from .project import STATE_DIR, build_date, state_folder
from .publish import Kept, clear_leftovers, publish, staging_folder
from .sources import DecodedText, RawSource, decode, discover
from .tei.write import Publication, document_to_tei
from .uptodate import (
    Stamp,
    read_state,
    save_stamp,
    sound_stat,
    take_stamp,
    unchanged_since,
    write_state,
)

PARALLEL_THRESHOLD = 400  # below this many documents one process is faster


PARSER_CODE = ("parse", "tei", "model.py", "sources.py", "config.py", "build.py")
CACHE_FILE = "parse.json"  # in the state folder: what each raw file gave


@dataclass(frozen=True)
class DocRecord:
    """What the build keeps of a parsed document: where it is and where it came from."""

    volume_id: str
    doc_id: str
    rel: str  # the raw file, relative to the sources folder


@dataclass
class BuildResult:
    documents: list[DocRecord] = field(default_factory=list)
    tei_files: list[Path] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds
    bytes_written: int = 0
    reused: int = 0  # documents whose TEI was taken unchanged from the previous build
    up_to_date: bool = False  # nothing had changed: the previous output was kept as it was
    search_pending: bool = False  # search bundles left as they were (`search_later`)

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == "error"]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == "warning"]


@dataclass
class ParsedSource:
    """What one worker returns for one raw file: the document's record and TEI, or messages.

    `key` is the content hash of everything the TEI depends on; `reuse` names the previous
    build's TEI file when the key is unchanged (then `tei` is None and nothing was parsed).
    `sha` and `stat` let the next build skip reading the raw file (`reuse_cached`).
    """

    rel: str
    record: DocRecord | None
    tei: bytes | None
    messages: list[Message]
    key: str = ""
    reuse: Path | None = None
    sha: str = ""  # digest of the raw file's bytes
    stat: list[int] | None = None  # the raw file's size, time and inode, when sound


def build_year() -> str:
    """The year the edition is published: from SOURCE_DATE_EPOCH when set (reproducible)."""
    return str(build_date().year)


@functools.cache
def parser_fingerprint() -> str:
    """A hash of the code that turns raw text into TEI: any change to it rebuilds all TEI."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for name in PARSER_CODE:
        path = package / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()


def source_key(data_sha: str, raw: RawSource, publisher: str, year: str) -> str:
    """The hash of a raw file (`data_sha`, the digest of its bytes) and of everything else
    its TEI depends on."""
    digest = hashlib.sha256(data_sha.encode("ascii"))
    salt = repr((parser_fingerprint(), raw.path.name, raw.volume.id, raw.volume.title,
                 publisher, year))
    digest.update(salt.encode("utf-8"))
    return digest.hexdigest()


def data_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reuse_cached(raw: RawSource, publisher: str, year: str, cached: dict[str, dict],
                 previous: Path | None) -> ParsedSource | None:
    """The previous build's result for `raw` when nothing its TEI depends on changed.

    The file is not read when its size, time and inode are those the cache recorded
    (`uptodate.sound_stat`); else its bytes are hashed."""
    entry = cached.get(raw.rel)
    if not entry or previous is None:
        return None
    stat = sound_stat(raw.path)
    if stat is not None and stat == entry.get("stat") and entry.get("sha"):
        sha = entry["sha"]
    else:
        try:
            sha = data_digest(raw.path.read_bytes())
        except OSError:
            return None  # parse_source says why
    key = source_key(sha, raw, publisher, year)
    if entry.get("key") != key:
        return None
    old = previous / entry["tei"]
    if not old.is_file():
        return None
    record = DocRecord(entry["volume"], entry["doc"], raw.rel)
    messages = [Message(*m) for m in entry.get("messages", [])]
    return ParsedSource(raw.rel, record, None, messages, key, old, sha, stat)


def parse_source(raw: RawSource, publisher: str, year: str) -> ParsedSource:
    """Read, decode, parse and serialise one raw file. Never raises."""
    stat = sound_stat(raw.path)  # before the read: it vouches for these bytes, if sound
    try:
        data = raw.path.read_bytes()
    except OSError as exc:
        return ParsedSource(raw.rel, None, None,
                            [Message("error", raw.rel, None, f"cannot read file: {exc.strerror}")])
    sha = data_digest(data)
    key = source_key(sha, raw, publisher, year)
    decoded = decode(data, raw.rel)
    if isinstance(decoded, Message):
        return ParsedSource(raw.rel, None, None, [decoded], key)
    parsed = parse_text(decoded, raw, publisher, year)
    parsed.key, parsed.sha, parsed.stat = key, sha, stat
    return parsed


def parse_text(decoded: DecodedText, raw: RawSource, publisher: str, year: str) -> ParsedSource:
    messages = list(decoded.messages)
    try:
        doc = parse_document(decoded.text, raw.path.name, raw.volume.id)
        messages += [Message(m.level, raw.rel, m.line, m.text) for m in doc.messages]
        tei = document_to_tei(doc, Publication(publisher, year, raw.volume.title))
    except Exception as exc:  # noqa: BLE001 — a parser bug must not stop the edition
        messages.append(Message("error", raw.rel, None,
                                f"could not be parsed ({type(exc).__name__}: {exc}); "
                                "please report this with the file"))
        return ParsedSource(raw.rel, None, None, messages)
    return ParsedSource(raw.rel, DocRecord(doc.volume_id, doc.doc_id, raw.rel), tei, messages)


def load_parse_cache(previous: Path | None) -> dict[str, dict]:
    """The previous build's record of what each raw file gave (empty when unusable)."""
    if previous is None:
        return {}
    try:
        data = read_state(state_folder(previous) / CACHE_FILE)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_parse_cache(staging: Path, parsed: list[ParsedSource], written: set[str]) -> None:
    entries = {}
    for item in parsed:
        if item.record is None or not item.key or item.rel not in written:
            continue
        entries[item.rel] = {
            "key": item.key, "volume": item.record.volume_id, "doc": item.record.doc_id,
            "sha": item.sha, "stat": item.stat,
            "tei": f"tei/{item.record.volume_id}/{item.record.doc_id}.xml",
            "messages": [[m.level, m.file, m.line, m.text] for m in item.messages],
        }
    path = staging / STATE_DIR / CACHE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    write_state(path, entries, json.dumps(entries, sort_keys=True, ensure_ascii=False))


def _parse_all(raws: list[RawSource], config: EditionConfig, year: str,
               progress: Callable[[int, int], None], previous: Path | None) -> list[ParsedSource]:
    """Every raw file's result, in order: unchanged files from the previous build (checked
    here, a read and a hash each), the others parsed — by worker processes when many."""
    cached = load_parse_cache(previous)
    results: list[ParsedSource | None] = []
    todo: list[int] = []
    for raw in raws:
        hit = reuse_cached(raw, config.publisher, year, cached, previous) if cached else None
        results.append(hit)
        if hit is None:
            todo.append(len(results) - 1)
    done = len(raws) - len(todo)
    progress(done, len(raws))
    work = functools.partial(parse_source, publisher=config.publisher, year=year)
    if len(todo) < PARALLEL_THRESHOLD or (os.cpu_count() or 1) < 2:
        parsed: Iterable[ParsedSource] = (work(raws[i]) for i in todo)
        pool = None
    else:
        workers = os.cpu_count() or 2
        pool = ProcessPoolExecutor(workers)
        chunk = max(1, min(200, len(todo) // (workers * 8)))
        parsed = pool.map(work, [raws[i] for i in todo], chunksize=chunk)
    try:
        for k, (index, res) in enumerate(zip(todo, parsed, strict=True), start=done + 1):
            results[index] = res
            progress(k, len(raws))
    finally:
        if pool is not None:
            pool.shutdown()
    return results  # type: ignore[return-value]  # every slot is filled


def build(sources: Path, out: Path, *, with_site: bool = True,
          progress: Callable[[int, int], None] | None = None,
          search_later: bool = False) -> BuildResult:
    """Build the edition in `sources` into `out`; returns documents and messages.

    Stages, timed in `result.timings`: load → parse → write TEI → site → publish.
    `search_later` (serve): publish the pages first, leaving the search bundles they
    change as they were; `result.search_pending` then asks for one more build, which
    indexes them (until it has run the build is never taken as up to date).
    """
    result = BuildResult()
    clock = _StageClock(result.timings)
    if not sources.is_dir():
        result.messages.append(Message("error", str(sources), None,
                                       "sources folder not found; pass --sources DIR"))
        return result
    out = out.absolute()
    refused = unsafe_output(sources, out)
    if refused:
        result.messages.append(Message("error", str(out), None, refused))
        return result
    clear_leftovers(out)  # what killed builds left: finish or remove it
    stamp = take_stamp(sources.absolute(), out, {"site": with_site},
                       build_date().isoformat())
    last = unchanged_since(out, stamp)
    if last is not None:  # nothing changed since the last build: its output stands
        result.documents = [DocRecord(*d) for d in last.documents]
        result.tei_files = [out / "tei" / d.volume_id / f"{d.doc_id}.xml"
                            for d in result.documents]
        result.messages = last.messages
        result.up_to_date = True
        clock.lap("up-to-date")
        result.seconds = clock.total()
        return result
    config, messages = load_edition_config(sources)
    result.messages += messages
    volumes, raws, messages = discover(sources, skip=out)
    result.messages += messages
    if not raws:
        result.messages.append(Message("error", str(sources), None,
                                       "no raw texts (*.txt) found in the sources folder"))
    clock.lap("load")
    kept = Kept(out) if (out / "tei").is_dir() else None  # what the published site lends
    previous = kept.root if kept is not None else None
    parsed = _parse_all(raws, config, build_year(), progress or (lambda k, n: None), previous)
    clock.lap("parse")

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_folder(out)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        _write_tei(parsed, staging, result, kept)
        clock.lap("write-tei")
        if with_site:
            result.messages += _build_site(config, volumes, result, sources, staging, kept,
                                           search_later)
            clock.lap("site")
        if not result.search_pending:
            _save_stamp(staging, stamp, result)
        publish(staging, out, kept)
        clock.lap("publish")
    except BaseException:
        # nothing published; a publication cut short is finished by the next build
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.tei_files = [out / p.relative_to(staging) if p.is_relative_to(staging) else p
                        for p in result.tei_files]
    result.seconds = clock.total()
    return result


def unsafe_output(sources: Path, out: Path) -> str | None:
    """Why the build must not publish into `out`, or None: a build replaces its output
    folder, so it must never be the sources, hold them, or be a folder of someone else's."""
    source, target = sources.resolve(), out.resolve()
    if target == source or target in source.parents:
        return (f"the output folder holds the sources ({sources}); a build replaces its "
                "output folder, so choose another --out")
    if out.exists() and not out.is_dir():
        return "the output is a file, not a folder; choose another --out"
    # a built site: its state beside it (or inside, as older versions kept it), or its TEI
    ours = (state_folder(out).is_dir() or (out / STATE_DIR).is_dir()
            or (out / "tei").is_dir())
    if out.is_dir() and not ours and any(out.iterdir()):
        return ("the output folder is not empty and was not made by this tool; a build "
                "replaces its output folder, so choose a new or empty folder")
    return None


class _StageClock:
    """Wall time per stage, into a dict (the benchmark prints it)."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.started = self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.started


def _write_tei(parsed: list[ParsedSource], staging: Path, result: BuildResult,
               kept: Kept | None) -> None:
    """One TEI file per document; a second claim to the same document is refused.

    A document unchanged since the last build keeps the published TEI file (`kept`):
    nothing is parsed or written again.
    """
    claimed: dict[tuple[str, str], str] = {}
    written: set[str] = set()
    for item in parsed:
        result.messages += item.messages
        record = item.record
        if record is None or (item.tei is None and item.reuse is None):
            continue
        key = (record.volume_id, record.doc_id)
        if key in claimed:
            result.messages.append(Message(
                "error", item.rel, None,
                f"document {record.doc_id} of volume {record.volume_id} is already given by "
                f"{claimed[key]}; this copy is left out — remove or renumber one of them"))
            continue
        claimed[key] = item.rel
        rel = f"tei/{record.volume_id}/{record.doc_id}.xml"
        path = staging / rel
        if item.reuse is not None:  # the published file, at this very path (the cache says)
            kept.file(rel)  # type: ignore[union-attr]  # reuse implies a published site
            result.reused += 1
            path = item.reuse
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(item.tei)
            result.bytes_written += len(item.tei)
            item.tei = None  # written: not held through the site stage (memory at 100k)
        written.add(item.rel)
        result.documents.append(record)
        result.tei_files.append(path)
    save_parse_cache(staging, parsed, written)


def _save_stamp(staging: Path, stamp: Stamp, result: BuildResult) -> None:
    documents = [(d.volume_id, d.doc_id, d.rel) for d in result.documents]
    save_stamp(staging, stamp, documents, result.messages)


def _build_site(config: EditionConfig, volumes: list[VolumeConfig], result: BuildResult,
                sources: Path, staging: Path, kept: Kept | None,
                search_later: bool = False) -> list[Message]:
    """The reading site, written into the staging folder beside its TEI.

    The build's messages so far go into the site's report page with the site's own;
    `kept` holds the published site the build will replace: what is unchanged in it is
    named there instead of being made again. The site's stages are timed into
    `result.timings`.
    """
    from .site import build_site

    deferred: list[str] | None = [] if search_later else None
    messages = build_site(config, volumes, result.tei_files, sources, staging,
                          findings=list(result.messages), kept=kept,
                          raw_files={(d.volume_id, d.doc_id): d.rel for d in result.documents},
                          timings=result.timings, search_later=deferred)
    result.search_pending = bool(deferred)
    return messages


def print_progress(k: int, n: int) -> None:
    """A one-line progress bar on standard error, for builds of more than a few documents."""
    if n < 20 or not sys.stderr.isatty():
        return
    if k == n or k % max(1, n // 100) == 0:
        width = 30
        filled = width * k // n
        sys.stderr.write(f"\rparsing [{'#' * filled}{'.' * (width - filled)}] {k}/{n}")
        if k == n:
            sys.stderr.write("\n")
        sys.stderr.flush()
