"""Second phase: every page of the site, written from the catalog through the templates.

Volumes are written in parallel (one task per volume, in forked worker processes that
inherit the catalog and the compiled templates); the pages that list the whole edition
are written afterwards by the main process. Every group of files has a fingerprint of
its inputs (`incremental.py`): when the previous build made the same, its files are
linked instead of made again.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from ..config import EditionConfig
from ..model import Message
from . import cite, indexes, urls
from .catalog import Catalog, Volume
from .errors import SiteError
from .identity import volume_title
from .incremental import BuildState, TemplateKeys, code_digest, digest
from .links import EDITION, Link, split_target
from .markdown import read_pages, render_markdown
from .read import SiteDoc
from .render import KEPT, SiteWriter
from .search import search_bundles, search_spellings
from .teihtml import DocRenderer

PARALLEL_THRESHOLD = 400  # documents; below this, forking workers costs more than it saves


@dataclass
class SiteKeys:
    """The parts of every fingerprint: the site as a whole, and each page template's."""

    site: str  # code, settings, navigation, build date, version
    catalog: str  # every document of the edition (for pages that list them all)
    templates: TemplateKeys

    def page(self, template: str, *data: object) -> str:
        """The fingerprint of a page made with `template` from `data`."""
        key, uses_catalog = self.templates.key(template)
        return digest(self.site, key, self.catalog if uses_catalog else "", data)


@dataclass
class VolumeResult:
    """What a worker reports for one volume."""

    index: int
    messages: list[Message] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)
    made: int = 0
    reused: int = 0
    error: Message | None = None  # what stopped the volume (a broken template)


@dataclass
class SiteJob:
    """Everything a volume's worker needs; forked workers inherit it, nothing is pickled."""

    writer: SiteWriter
    catalog: Catalog
    state: BuildState
    keys: SiteKeys


_JOB: SiteJob | None = None  # set in the main process just before the workers fork


def write_site(config: EditionConfig, catalog: Catalog, sources: Path, out: Path, *,
               state: BuildState | None = None, workers: int = 1,
               volume_done: Callable[[Volume, str], None] | None = None) -> list[Message]:
    """Write every page; returns the problems found on the way.

    `state` carries the previous build's fingerprints (a fresh one reuses nothing);
    `volume_done(volume, fingerprint)` is called as each volume's pages are complete, so
    its search index can be made while other volumes are still being written.
    """
    state = state or BuildState(out)
    messages: list[Message] = []
    bundles = search_bundles([(v.id, len(v.docs)) for v in catalog.volumes])
    for volume in catalog.volumes:
        volume.search_bundle = bundles.get(volume.id, volume.search_bundle)
    editorial, found = read_pages(sources / config.pages_dir)
    messages += found
    clash = {v.id for v in catalog.volumes}
    editorial = [p for p in editorial if p.slug not in clash]
    writer = SiteWriter(config, out, sources / config.templates_dir,
                        common={"volumes": catalog.volumes, "editorial_pages": editorial})
    writer.kept = state.kept
    keys = SiteKeys(
        site=digest(code_digest(), writer.common["version"], jinja2.__version__,
                    writer.common["build_date"], repr(config),
                    [(p.slug, p.title) for p in editorial]),
        catalog=digest([(v.id, repr(v.config), v.title, [(d.url, d.meta_sha) for d in v.docs])
                        for v in catalog.volumes]),
        templates=TemplateKeys(writer.env))
    writer.copy_static()
    write_home(writer, config, sources, messages)
    for page in editorial:
        writer.page("page.html", urls.editorial(page.slug), page=page)
    job = SiteJob(writer, catalog, state, keys)
    results = sorted(_write_volumes(job, workers, volume_done), key=lambda r: r.index)
    prefix = os.path.join(str(out), "")
    for result in results:
        messages += result.messages
        for path, made_by in result.written.items():
            if path in writer.written:
                raise ValueError(f"`{path}` would be written twice")
            writer.written[path] = made_by
            if made_by == KEPT and state.kept is not None:  # kept in a worker process
                state.kept.file(path.removeprefix(prefix))  # as `_keep` joined it
        state.new.update(result.fingerprints)
        state.made += result.made
        state.reused += result.reused
    write_edition_pages(writer, catalog, state, keys, editorial)
    if config.base_url is None:  # "" is an editor's answer: no public address
        messages.append(Message("warning", "edition.yaml", None,
                                "`base_url` is not set: sitemap.xml holds relative addresses "
                                "and citations carry no URL; set it to the public address, "
                                "or to \"\" for an edition that has none"))
    return messages


# What this process last wrote of each volume, by staging folder (`serve` builds the
# same site again and again, in the same folder): the volume's inputs, its groups'
# fingerprints and its files. A volume whose inputs are the same again, and whose groups
# the published site still has from those fingerprints, is kept whole without a look at
# its documents (`_remembered`); its pages are neither fingerprinted nor written again.
_VOLUMES: dict[tuple[str, str], tuple[str, dict[str, str], list[str]]] = {}
VOLUME_TEMPLATES = ("document.html", "printed_page.html", "volume.html")


def volume_inputs(job: SiteJob, volume: Volume, links: dict[str, str]) -> str:
    """Everything a volume's pages are made from: the site, its templates (and the whole
    catalog if one of them reads it), its settings, its documents' TEI and metadata, and
    what its cross-references lead to: the documents, metadata and footnotes of each
    volume they name (`links`, by volume id), its own included."""
    keys = job.keys
    templates = [keys.templates.key(n) for n in VOLUME_TEMPLATES]
    named = {volume.id}
    for doc in volume.docs:
        for target in doc.refs:
            parts = split_target(target)
            if parts is not None and parts[0]:
                named.add(parts[0])
    return digest(keys.site, templates, keys.catalog if any(u for _, u in templates) else "",
                  repr(volume.config), volume.title,
                  [(d.doc_id, d.tei_sha, d.tei_path.name) for d in volume.docs],
                  sorted((v, links.get(v)) for v in named))


def link_keys(catalog: Catalog) -> dict[str, str]:
    """Per volume: what a reference into it resolves by (its documents, their metadata —
    printed pages included — and their footnotes)."""
    return {v.id: digest(repr(v.config), v.title,
                         [(d.doc_id, d.meta_sha, d.note_ids) for d in v.docs])
            for v in catalog.volumes}


def _remembered(job: SiteJob, index: int, inputs: str) -> VolumeResult | None:
    """The volume's result as the last build in this process made it, all of it kept from
    the published site; None when anything it was made from, or the site, changed."""
    volume = job.catalog.volumes[index]
    memo = _VOLUMES.get((str(job.writer.out), volume.id))
    kept = job.state.kept
    if memo is None or memo[0] != inputs or kept is None:
        return None
    _, fingerprints, files = memo
    if not all(job.state.unchanged(group, fp) for group, fp in fingerprints.items()):
        return None
    if not all(rel in kept.published for rel in files):
        return None
    prefix = os.path.join(str(job.writer.out), "")
    return VolumeResult(index, written={prefix + rel: KEPT for rel in files},
                        fingerprints=dict(fingerprints), reused=len(fingerprints))


def _remember(job: SiteJob, result: VolumeResult, inputs: str) -> None:
    prefix = os.path.join(str(job.writer.out), "")
    volume = job.catalog.volumes[result.index]
    _VOLUMES[(str(job.writer.out), volume.id)] = (
        inputs, result.fingerprints, [path.removeprefix(prefix) for path in result.written])


def _write_volumes(job: SiteJob, workers: int,
                   volume_done: Callable[[Volume, str], None] | None
                   ) -> Iterator[VolumeResult]:
    """Each volume's pages: kept whole when this process made them from the same inputs,
    else written — in worker processes when there are enough documents to write."""
    volumes = job.catalog.volumes
    links = link_keys(job.catalog)
    inputs = [volume_inputs(job, v, links) for v in volumes]
    known = [_remembered(job, i, inputs[i]) for i in range(len(volumes))]
    todo = [i for i in range(len(volumes)) if known[i] is None]
    n_docs = sum(len(volumes[i].docs) for i in todo)
    if workers < 2 or len(todo) < 2 or n_docs < PARALLEL_THRESHOLD:
        made: Iterator[VolumeResult] = (write_volume(job, i) for i in todo)
        pool = None
    else:
        global _JOB
        _JOB = job
        for name in VOLUME_TEMPLATES:
            job.writer.env.get_template(name)  # compiled once, before the fork
            job.keys.templates.key(name)
        pool = multiprocessing.get_context("fork").Pool(workers)
        # Large volumes first, so the last tasks are short and both cores stay busy.
        order = sorted(todo, key=lambda i: -len(volumes[i].docs))
        made = pool.imap_unordered(_write_volume_in_worker, order)
    results = itertools.chain((r for r in known if r is not None), made)
    try:
        for result in results:
            if result.error is not None:
                raise SiteError(result.error)  # a broken template, met in a worker
            _remember(job, result, inputs[result.index])
            if volume_done is not None:
                volume = volumes[result.index]
                volume_done(volume, digest([result.fingerprints[d.url] for d in volume.docs]))
            yield result
    finally:
        if pool is not None:
            pool.close()
            pool.join()
            _JOB = None


def _write_volume_in_worker(index: int) -> VolumeResult:
    assert _JOB is not None, "workers are forked after the job is set"
    try:
        return write_volume(_JOB, index)
    except SiteError as exc:  # sent back as data: the exception itself does not pickle
        return VolumeResult(index, error=exc.message)


def write_volume(job: SiteJob, index: int) -> VolumeResult:
    """A volume's contents page, its documents' pages and its printed-page lists."""
    volume = job.catalog.volumes[index]
    writer = job.writer.for_volume()
    result = VolumeResult(index)
    keys, state = job.keys, job.state
    volume_key = (repr(volume.config), volume.title)

    def made_or_reused(group: str, fingerprint: str, files: list[str],
                       make: Callable[[], object]) -> None:
        result.fingerprints[group] = fingerprint
        if state.unchanged(group, fingerprint) and writer.reuse(files):
            result.reused += 1
        else:
            make()
            result.made += 1

    site_path = urls.volume(volume.id)
    made_or_reused(site_path, keys.page("volume.html", volume_key,
                                        [(d.url, d.meta_sha) for d in volume.docs]),
                   [site_path], lambda: writer.page("volume.html", site_path, volume=volume))
    for doc in volume.docs:
        previous, following = job.catalog.neighbours(doc)
        fingerprint = keys.page(
            "document.html", volume_key, doc.url, doc.tei_sha, doc.tei_path.name,
            [(d.url, d.meta_sha) if d else None for d in (previous, following)],
            [(t, job.catalog.link(t, doc.volume_id)) for t in doc.refs])
        made_or_reused(doc.url, fingerprint, document_files(doc),
                       lambda doc=doc: result.messages.extend(
                           write_document(writer, job.catalog, volume, doc)))
    for n, hits in volume.pages.items():
        site_path = urls.page(volume.id, n)
        fingerprint = keys.page("printed_page.html", volume_key, n,
                                [(h.doc.url, h.doc.meta_sha, h.anchor) for h in hits])
        made_or_reused(site_path, fingerprint, [site_path],
                       lambda site_path=site_path, n=n, hits=hits: writer.page(
                           "printed_page.html", site_path, volume=volume, n=n, hits=hits))
    result.written = writer.written
    return result


def write_edition_pages(writer: SiteWriter, catalog: Catalog, state: BuildState,
                        keys: SiteKeys, editorial: list) -> None:
    """The pages drawn from the whole edition: indexes, search, sitemap, lookup map."""
    def made_or_reused(site_path: str, fingerprint: str, make: Callable[[], object]) -> None:
        state.new[site_path] = fingerprint
        if not (state.unchanged(site_path, fingerprint) and writer.reuse([site_path])):
            make()

    made_or_reused(urls.files(), keys.page("files.html", keys.catalog), lambda: writer.page(
        "files.html", urls.files(), classes=indexes.files_index(catalog)))
    made_or_reused(urls.chronology(), keys.page("chronology.html", keys.catalog),
                   lambda: writer.page("chronology.html", urls.chronology(),
                                       periods=indexes.chronology(catalog)))
    made_or_reused(urls.persons(), keys.page("persons.html", keys.catalog),
                   lambda: writer.page("persons.html", urls.persons(),
                                       persons=indexes.persons_index(catalog)))
    made_or_reused(urls.lookup_map(), digest(keys.site, keys.catalog), lambda: writer.text(
        urls.lookup_map(), json.dumps(indexes.lookup_map(catalog), ensure_ascii=False,
                                      separators=(",", ":"))))
    made_or_reused(urls.sitemap(), keys.page("sitemap.xml", keys.catalog),
                   lambda: write_sitemap(writer, writer.config, catalog, editorial))
    writer.page("search.html", urls.search(),
                bundles=list(dict.fromkeys(v.search_bundle for v in catalog.volumes if v.docs)))
    writer.page("404.html", urls.not_found())
    writer.page("robots.txt", urls.robots())


def write_home(writer: SiteWriter, config: EditionConfig, sources: Path,
               messages: list[Message]) -> None:
    """The home page: title, the introduction from Markdown, the volumes."""
    intro_path = sources / config.intro
    intro = None
    if intro_path.is_file():
        try:
            _, intro = render_markdown(intro_path.read_text(encoding="utf-8"), urls.home(),
                                       demote=True)
        except (OSError, UnicodeDecodeError) as exc:
            messages.append(Message("error", str(intro_path), None,
                                    f"cannot read the introduction: {exc}"))
    writer.page("index.html", urls.home(), intro=intro)


def cite_context(config: EditionConfig, volume: Volume, doc: SiteDoc) -> cite.CiteContext:
    """What the citation functions need to know about the document's volume and URL."""
    return cite.CiteContext(volume=volume.config,
                            volume_title=volume_title(volume.id, doc.volume_title, volume.title),
                            edition=config, url=urls.absolute(config.base_url, doc.url))


def document_files(doc: SiteDoc) -> list[str]:
    """The site paths `write_document` writes for a document (its page first)."""
    return [doc.url, urls.document_tei(doc.volume_id, doc.doc_id),
            *(urls.citation_file(doc.volume_id, doc.doc_id, ext)
              for ext in ("bib", "ris", "json"))]


def write_document(writer: SiteWriter, catalog: Catalog, volume: Volume, doc: SiteDoc
                   ) -> list[Message]:
    """A document's page, its TEI download and its citation downloads."""
    messages: list[Message] = []
    site_path = doc.url

    def resolve(target: str) -> Link:
        link = catalog.link(target, doc.volume_id)
        if link.where == EDITION:
            return replace(link, href=urls.relative(site_path, link.href))
        return link

    dropped = doc.div is None
    rendered = DocRenderer(doc.doc_id, resolve, doc.number).render(doc.text_div())
    if dropped:
        doc.div = None  # the tree is not kept: memory stays flat however large the edition
    ctx = cite_context(writer.config, volume, doc)
    downloads = {"bib": cite.bibtex(doc, ctx), "ris": cite.ris(doc, ctx),
                 "json": json.dumps(cite.csl_json(doc, ctx), ensure_ascii=False, indent=1)}
    for ext, text in downloads.items():
        writer.text(urls.citation_file(doc.volume_id, doc.doc_id, ext), text)
    writer.link(urls.document_tei(doc.volume_id, doc.doc_id), doc.tei_path)
    previous, following = catalog.neighbours(doc)
    citation = {"note": cite.chicago_note(doc, ctx), "short": cite.short_note(doc),
                "archival": cite.archival_note(doc, ctx)}
    writer.page("document.html", site_path, volume=volume, doc=doc, text=rendered,
                previous=previous, following=following, citation=citation,
                highwire=cite.highwire(doc, ctx), json_ld=cite.json_ld(doc, ctx),
                spellings=search_spellings(doc.file_numbers, [
                    rendered.heading, rendered.source_note or "", rendered.body,
                    *(p for note in rendered.footnotes for p in note.paragraphs)]),
                file_classes=sorted({indexes.file_class(f) for f in doc.file_numbers}),
                bundle=volume.search_bundle)
    return messages


def write_sitemap(writer: SiteWriter, config: EditionConfig, catalog: Catalog,
                  editorial: list) -> None:
    """sitemap.xml (absolute addresses when `base_url` is set)."""
    paths = [urls.home(), urls.files(), urls.chronology(), urls.persons(), urls.search()]
    paths += [urls.editorial(p.slug) for p in editorial]
    for volume in catalog.volumes:
        paths.append(urls.volume(volume.id))
        paths += [doc.url for doc in volume.docs]
    locs = [urls.absolute(config.base_url, p) or (p or "./") for p in paths]
    writer.page("sitemap.xml", urls.sitemap(), locs=locs)
