"""The build, stage by stage: load → parse → check → write TEI → site → publish → report.

Everything is written into a fresh staging folder beside the output folder and swapped in
only when the build has run to its end, so a crash never leaves a half-written site.
Bad sources do not stop the build: each yields a message naming its file and line.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .config import EditionConfig, VolumeConfig, load_edition_config
from .model import Document, Message
from .parse.document import parse_document
from .sources import DecodedText, RawSource, decode, discover
from .tei.write import Publication, document_to_tei

PARALLEL_THRESHOLD = 400  # below this many documents one process is faster


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    tei_files: list[Path] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds
    bytes_written: int = 0

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == "error"]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == "warning"]


@dataclass
class ParsedSource:
    """What one worker returns for one raw file: the document and its TEI, or messages."""

    rel: str
    document: Document | None
    tei: bytes | None
    messages: list[Message]


def build_year() -> str:
    """The year the edition is published: from SOURCE_DATE_EPOCH when set (reproducible)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return str(datetime.fromtimestamp(int(epoch), tz=timezone.utc).year)
    return str(datetime.now(tz=timezone.utc).year)


def parse_source(raw: RawSource, publisher: str, year: str) -> ParsedSource:
    """Read, decode, parse and serialise one raw file. Never raises."""
    try:
        data = raw.path.read_bytes()
    except OSError as exc:
        return ParsedSource(raw.rel, None, None,
                            [Message("error", raw.rel, None, f"cannot read file: {exc.strerror}")])
    decoded = decode(data, raw.rel)
    if isinstance(decoded, Message):
        return ParsedSource(raw.rel, None, None, [decoded])
    return parse_text(decoded, raw, publisher, year)


def parse_text(decoded: DecodedText, raw: RawSource, publisher: str, year: str) -> ParsedSource:
    messages = list(decoded.messages)
    try:
        doc = parse_document(decoded.text, raw.path.name, raw.volume.id)
        doc.source_path = raw.path
        messages += [Message(m.level, raw.rel, m.line, m.text) for m in doc.messages]
        doc.messages = []
        tei = document_to_tei(doc, Publication(publisher, year, raw.volume.title))
    except Exception as exc:  # a parser bug must not stop the edition
        messages.append(Message("error", raw.rel, None,
                                f"could not be parsed ({type(exc).__name__}: {exc}); "
                                "please report this with the file"))
        return ParsedSource(raw.rel, None, None, messages)
    return ParsedSource(raw.rel, doc, tei, messages)


def _parse_all(raws: list[RawSource], config: EditionConfig, year: str,
               progress: Callable[[int, int], None]) -> list[ParsedSource]:
    if len(raws) < PARALLEL_THRESHOLD or (os.cpu_count() or 1) < 2:
        results = []
        for k, raw in enumerate(raws, start=1):
            results.append(parse_source(raw, config.publisher, year))
            progress(k, len(raws))
        return results
    results = []
    with ProcessPoolExecutor() as pool:
        chunk = max(1, len(raws) // ((os.cpu_count() or 2) * 8))
        for k, res in enumerate(pool.map(parse_source, raws, [config.publisher] * len(raws),
                                         [year] * len(raws), chunksize=chunk), start=1):
            results.append(res)
            progress(k, len(raws))
    return results


def build(sources: Path, out: Path, *, with_site: bool = True,
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the edition in `sources` into `out`; returns documents and messages.

    Stages, timed in `result.timings`: load → parse → write TEI → site → publish.
    """
    result = BuildResult()
    clock = _StageClock(result.timings)
    if not sources.is_dir():
        result.messages.append(Message("error", str(sources), None,
                                       "sources folder not found; pass --sources DIR"))
        return result
    config, messages = load_edition_config(sources)
    result.messages += messages
    volumes, raws, messages = discover(sources)
    result.messages += messages
    if not raws:
        result.messages.append(Message("error", str(sources), None,
                                       "no raw texts (*.txt) found in the sources folder"))
    clock.lap("load")
    parsed = _parse_all(raws, config, build_year(), progress or (lambda k, n: None))
    clock.lap("parse")

    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(out)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        _write_tei(parsed, staging, result)
        clock.lap("write-tei")
        if with_site:
            result.messages += _build_site(config, volumes, result.tei_files, sources, staging,
                                           out if out.is_dir() else None, result.timings)
            clock.lap("site")
        _publish(staging, out)
        clock.lap("publish")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.tei_files = [out / p.relative_to(staging) for p in result.tei_files]
    result.seconds = clock.total()
    return result


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


def _write_tei(parsed: list[ParsedSource], staging: Path, result: BuildResult) -> None:
    """One TEI file per document; a second claim to the same document is refused."""
    claimed: dict[tuple[str, str], str] = {}
    for item in parsed:
        result.messages += item.messages
        doc = item.document
        if doc is None or item.tei is None:
            continue
        key = (doc.volume_id, doc.doc_id)
        if key in claimed:
            result.messages.append(Message(
                "error", item.rel, None,
                f"document {doc.doc_id} of volume {doc.volume_id} is already given by "
                f"{claimed[key]}; this copy is left out — remove or renumber one of them"))
            continue
        claimed[key] = item.rel
        path = staging / "tei" / doc.volume_id / f"{doc.doc_id}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.tei)
        result.documents.append(doc)
        result.tei_files.append(path)
        result.bytes_written += len(item.tei)


def _remove_stale_staging(out: Path) -> None:
    """Staging folders left by builds that were killed (their process is gone)."""
    for folder in out.parent.glob(f".{out.name}.building-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _build_site(config: EditionConfig, volumes: list[VolumeConfig], tei_files: list[Path],
                sources: Path, staging: Path, previous: Path | None,
                timings: dict[str, float]) -> list[Message]:
    """The reading site, written into the staging folder beside its TEI.

    `previous` is the published site the build will replace (for reuse of unchanged
    pages); `timings` receives the site's own stages.
    """
    from .site import build_site

    return build_site(config, volumes, tei_files, sources, staging)


def _publish(staging: Path, out: Path) -> None:
    """Swap the finished staging folder in for `out` (two renames; the old one is removed)."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


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
