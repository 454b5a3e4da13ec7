"""The reading site: TEI files → static HTML, indexes, citations and a search index.

`build_site` is the entry point the pipeline calls once the TEI is written. It runs in
two phases, as Pelican's generators do: read every document first (so links, page lists
and indexes can be resolved across the edition), then write every page.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

from ..config import EditionConfig, VolumeConfig
from ..model import Message
from ..publish import Kept
from ..uptodate import sound_stat
from . import urls
from .catalog import Catalog
from .errors import SiteError, guard_templates
from .headers import write_headers
from .incremental import BuildState, ReadCache, file_digest, messages_from_data, messages_to_data
from .pages import write_site
from .read import SiteDoc, read_tei
from .report import write_report
from .search import SearchIndexer, search_bundles

__all__ = ["SiteError", "build_site"]


def read_documents(volumes: list[VolumeConfig], tei_files: list[Path],
                   cache: ReadCache | None = None, workers: int = 1
                   ) -> tuple[list[SiteDoc], list[Message]]:
    """Read every TEI file whose folder names a known volume (`tei/<volume>/<doc>.xml`).

    With a `cache`, a file whose bytes are unchanged since the previous build is not
    parsed again, the others are parsed by `workers` processes, and no document keeps its
    `div` (it is read again when its page is made: memory stays flat).
    """
    known = {v.id for v in volumes}
    docs: list[SiteDoc] = []
    messages: list[Message] = []
    seen: dict[tuple[str, str], Path] = {}
    wanted = []
    for path in tei_files:
        if path.parent.name in known:
            wanted.append(path)
        else:
            messages.append(Message("warning", str(path), None,
                                    f"folder `{path.parent.name}` is not a volume of the "
                                    "edition; document left out of the site"))
    if cache is None:
        read = [read_tei(path, path.parent.name) for path in wanted]
    else:
        read = _read_through_cache(wanted, cache, workers)
    for path, (doc, found) in zip(wanted, read, strict=True):
        messages += found
        if doc is None:
            continue
        key = (doc.volume_id, doc.doc_id)
        if key in seen:
            messages.append(Message("error", str(path), None,
                                    f"document id `{doc.doc_id}` is also used by {seen[key]}; "
                                    "this one is left out of the site"))
            continue
        seen[key] = path
        docs.append(doc)
    return docs, messages


def _read_through_cache(paths: list[Path], cache: ReadCache, workers: int
                        ) -> list[tuple[SiteDoc | None, list[Message]]]:
    """Each file's SiteDoc (without `div`) and messages: from the cache when its bytes are
    unchanged, else parsed (in worker processes when there are many). A file whose size,
    time and inode are those the cache recorded is not read at all (`sound_stat`)."""
    entries: list[dict | None] = []
    digests: list[str] = []
    for path in paths:
        stat = sound_stat(path)
        old = cache.old.get(_cache_key(path))
        if stat is not None and old is not None and old.get("stat") == stat:
            sha = old["sha"]
        else:
            try:
                sha = file_digest(path.read_bytes())
            except OSError:
                sha = ""
        digests.append(sha)
        entry = cache.get(_cache_key(path), sha) if sha else None
        if entry is not None and entry.get("stat") != stat:
            entry = {**entry, "stat": stat}  # the same bytes, under a new time or inode
        entries.append(entry)
    missing = [str(path) for path, entry in zip(paths, entries, strict=True) if entry is None]
    if workers > 1 and len(missing) >= PARALLEL_READ_THRESHOLD:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parsed = pool.map(_read_record, missing, chunksize=64)
    else:
        parsed = [_read_record(path) for path in missing]
    fresh = iter(parsed)
    results = []
    for path, sha, entry in zip(paths, digests, entries, strict=True):
        if entry is None:
            entry = next(fresh)
            if sha and entry["sha"] == sha:  # the file did not change while being read
                cache.put(_cache_key(path), entry)
        else:
            cache.put(_cache_key(path), entry)
        doc = SiteDoc.from_record(entry["doc"], path) if entry["doc"] else None
        results.append((doc, messages_from_data(entry["messages"], str(path))))
    return results


PARALLEL_READ_THRESHOLD = 400  # files to parse; fewer are read faster without forking


def _cache_key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _read_record(name: str) -> dict:
    """Parse one TEI file into a read-cache entry (in a worker process, or not)."""
    path = Path(name)
    stat = sound_stat(path)  # before the read: it vouches for these bytes, if sound
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    doc, found = read_tei(path, path.parent.name, data)
    sha = file_digest(data) if data is not None else ""
    if doc is not None:
        doc.tei_sha = sha
    return {"sha": sha, "stat": stat, "doc": doc.to_record() if doc else None,
            "messages": messages_to_data(found)}


def check_volumes(volumes: list[VolumeConfig]) -> tuple[list[VolumeConfig], list[Message]]:
    """Volumes whose ids are safe in a path and do not clash with the site's own pages."""
    kept: list[VolumeConfig] = []
    messages: list[Message] = []
    for volume in volumes:
        try:
            urls.check_segment(volume.id)
        except urls.UnsafeId as exc:
            messages.append(Message("error", volume.id, None, f"{exc}; volume left out"))
            continue
        if volume.id in urls.RESERVED or any(v.id == volume.id for v in kept):
            messages.append(Message("error", volume.id, None,
                                    f"volume id `{volume.id}` is used twice or by the site "
                                    "itself; volume left out"))
            continue
        kept.append(volume)
    return kept, messages


@guard_templates
def build_site(config: EditionConfig, volumes: list[VolumeConfig], tei_files: list[Path],
               sources: Path, out: Path, *, findings: list[Message] | None = None,
               raw_files: dict[tuple[str, str], str] | None = None,
               kept: Kept | None = None, timings: dict[str, float] | None = None,
               search_later: list[str] | None = None) -> list[Message]:
    """Write the whole reading site into `out` (which already holds `out/tei/`).

    `findings` are the build's messages so far; with the site's own they make the build
    report (`report/`); `raw_files` names each document's raw file ((volume, doc) → path
    in the sources), for the site's own findings. Raises `SiteError` when a template is broken. `kept` names the
    published site this build replaces (`kept.root`): its unchanged pages and search
    bundles are not made again but named in `kept` (`incremental.py`), and publishing
    leaves them in place (`edition/publish.py`). `timings` receives the seconds of the
    site's stages. `search_later` (serve: the page first, its search after): a list into
    which the search bundles left as published, to be indexed by the next build, are put.
    """
    clock = _Clock(timings if timings is not None else {})
    workers = min(2, os.cpu_count() or 1)
    volumes, messages = check_volumes(volumes)
    cache = ReadCache(kept.root if kept else None)
    docs, found = read_documents(volumes, tei_files, cache, workers)
    messages += found
    catalog = Catalog(volumes, docs)
    messages += catalog.unresolved_references(raw_files)
    clock.lap("read-tei")
    state = BuildState(out, kept)
    indexer = SearchIndexer(out, state, search_bundles(
        [(v.id, len(v.docs)) for v in catalog.volumes]), later=search_later is not None)
    messages += write_site(config, catalog, sources, out, state=state, workers=workers,
                           volume_done=lambda v, fp: indexer.add(
                               v.id, [d.doc_id for d in v.docs], fp))
    clock.lap("render")
    messages += indexer.finish()
    if search_later is not None:
        search_later += indexer.deferred
    clock.lap("search-index")
    write_report(config, catalog, sources, out, [*(findings or []), *messages])
    write_headers(out)
    state.save()
    cache.save(out)
    clock.lap("report")
    return messages


class _Clock:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now
