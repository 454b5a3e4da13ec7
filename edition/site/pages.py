"""Second phase: every page of the site, written from the catalog through the templates."""

from __future__ import annotations

import json
from pathlib import Path

from ..config import EditionConfig
from ..model import Message
from . import cite, indexes, urls
from .catalog import Catalog, Volume
from .markdown import read_pages, render_markdown
from .read import SiteDoc
from .render import SiteWriter
from .search import bundle_path, search_spellings
from .teihtml import DocRenderer


def write_site(config: EditionConfig, catalog: Catalog, sources: Path, out: Path
               ) -> list[Message]:
    """Write every page; returns the problems found on the way."""
    messages: list[Message] = []
    editorial, found = read_pages(sources / config.pages_dir)
    messages += found
    clash = {v.id for v in catalog.volumes}
    editorial = [p for p in editorial if p.slug not in clash]
    writer = SiteWriter(config, out, sources / config.templates_dir,
                        common={"volumes": catalog.volumes, "editorial_pages": editorial})
    writer.copy_static()
    write_home(writer, config, sources, messages)
    for page in editorial:
        writer.page("page.html", urls.editorial(page.slug), page=page)
    for volume in catalog.volumes:
        writer.page("volume.html", urls.volume(volume.id), volume=volume)
        for doc in volume.docs:
            messages += write_document(writer, catalog, volume, doc)
        for n, hits in volume.pages.items():
            writer.page("printed_page.html", urls.page(volume.id, n), volume=volume, n=n,
                        hits=hits)
    writer.page("files.html", urls.files(), classes=indexes.files_index(catalog))
    writer.page("chronology.html", urls.chronology(), periods=indexes.chronology(catalog))
    writer.page("persons.html", urls.persons(), persons=indexes.persons_index(catalog))
    writer.page("search.html", urls.search(),
                bundles=[bundle_path(v.id) for v in catalog.volumes if v.docs])
    writer.page("404.html", urls.not_found())
    writer.text(urls.lookup_map(), json.dumps(indexes.lookup_map(catalog), ensure_ascii=False,
                                              separators=(",", ":")))
    write_sitemap(writer, config, catalog, editorial)
    if not config.base_url:
        messages.append(Message("warning", "edition.yaml", None,
                                "`base_url` is not set: sitemap.xml holds relative addresses "
                                "and citations carry no URL; set it to the public address"))
    return messages


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
                            volume_title=doc.volume_title or volume.title,
                            edition=config, url=urls.absolute(config.base_url, doc.url))


def write_document(writer: SiteWriter, catalog: Catalog, volume: Volume, doc: SiteDoc
                   ) -> list[Message]:
    """A document's page, its TEI download and its citation downloads."""
    messages: list[Message] = []
    site_path = doc.url

    def resolve(target: str) -> str | None:
        path = catalog.resolve(target, doc.volume_id)
        return urls.relative(site_path, path) if path else None

    rendered = DocRenderer(doc.doc_id, resolve).render(doc.div)
    ctx = cite_context(writer.config, volume, doc)
    downloads = {"bib": cite.bibtex(doc, ctx), "ris": cite.ris(doc, ctx),
                 "json": json.dumps(cite.csl_json(doc, ctx), ensure_ascii=False, indent=1)}
    for ext, text in downloads.items():
        writer.text(urls.citation_file(doc.volume_id, doc.doc_id, ext), text)
    writer.copy(urls.document_tei(doc.volume_id, doc.doc_id), doc.tei_path)
    previous, following = catalog.neighbours(doc)
    citation = {"note": cite.chicago_note(doc, ctx), "short": cite.short_note(doc),
                "archival": cite.archival_note(doc, ctx)}
    writer.page("document.html", site_path, volume=volume, doc=doc, text=rendered,
                previous=previous, following=following, citation=citation,
                highwire=cite.highwire(doc, ctx), json_ld=cite.json_ld(doc, ctx),
                spellings=search_spellings(doc.file_numbers),
                file_classes=sorted({indexes.file_class(f) for f in doc.file_numbers}),
                bundle=bundle_path(doc.volume_id))
    return messages


def write_sitemap(writer: SiteWriter, config: EditionConfig, catalog: Catalog,
                  editorial: list) -> None:
    """sitemap.xml (absolute addresses when `base_url` is set) and robots.txt."""
    paths = [urls.home(), urls.files(), urls.chronology(), urls.persons(), urls.search()]
    paths += [urls.editorial(p.slug) for p in editorial]
    for volume in catalog.volumes:
        paths.append(urls.volume(volume.id))
        paths += [doc.url for doc in volume.docs]
    locs = [urls.absolute(config.base_url, p) or (p or "./") for p in paths]
    writer.page("sitemap.xml", urls.sitemap(), locs=locs)
    writer.page("robots.txt", urls.robots())
