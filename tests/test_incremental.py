"""Incremental and reproducible builds: reusing the previous build changes nothing.

A build over a published site reuses the files whose inputs are unchanged (hard links,
`edition/site/incremental.py`). Whatever was edited — a source, a template of the
edition's own `templates/` folder, a document added or removed — the result must equal a
clean build of the same sources file for file. Two clean builds of the same sources with
SOURCE_DATE_EPOCH set are byte-identical, build state included.

One exception, upstream: Pagefind (1.5) writes its filter and metadata chunks in an order
that changes from run to run (Pagefind/pagefind#638: fragments are stable since 1.3, the
filter and meta indexes are not). Those few files are compared by name pattern and count;
every other file, Pagefind's fragments and word indexes included, byte for byte.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from edition.build import build
from edition.project import STATE_DIR, state_folder

ROOT = Path(__file__).resolve().parent.parent
VOLUME = "frus1943China"
EPOCH = "1700000000"


pytestmark = pytest.mark.usefixtures("fixed_date")  # conftest.py


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A small edition: one volume of the bundled sources, with its settings."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for name in ("edition.yaml", "index.md"):
        shutil.copy(ROOT / "sources" / name, folder / name)
    shutil.copytree(ROOT / "sources" / "pages", folder / "pages")
    shutil.copytree(ROOT / "sources" / VOLUME, folder / VOLUME)
    return folder


UNSTABLE_RE = re.compile(r"^pagefind/(?:[^/]+/)?(filter/[^/]+\.pf_filter|pagefind-entry\.json"
                         r"|pagefind\.[^/]+\.pf_meta)$")


def tree(root: Path, *, with_state: bool = False) -> dict[str, bytes]:
    """Every file of the site `root` by relative path (with the files of its state folder
    beside it, under `state/`, when `with_state`); the files Pagefind does not write
    reproducibly by their kind and without content."""
    files = {}
    unstable: dict[str, int] = {}
    paths = [(path.relative_to(root).as_posix(), path) for path in sorted(root.rglob("*"))]
    if with_state:
        state = state_folder(root)
        paths += [("state/" + p.relative_to(state).as_posix(), p) for p in state.rglob("*")]
    for rel, path in paths:
        if not path.is_file():
            continue
        if UNSTABLE_RE.match(rel):
            kind = re.sub(r"[0-9a-f]{7,}", "#", rel)
            unstable[kind] = unstable.get(kind, 0) + 1
        else:
            files[rel] = path.read_bytes()
    files.update({f"{kind} (count)": str(n).encode() for kind, n in unstable.items()})
    return files


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino
            for p in root.rglob("*") if p.is_file()}


def assert_same_tree(built: Path, clean: Path) -> None:
    got, want = tree(built), tree(clean)
    assert sorted(got) == sorted(want), set(got) ^ set(want)
    differing = [rel for rel in want if got[rel] != want[rel]]
    assert not differing, differing[:10]


def build_ok(sources: Path, out: Path) -> None:
    result = build(sources, out)
    assert not result.errors, [str(m) for m in result.errors]


def first_doc(sources: Path) -> Path:
    return min((sources / VOLUME).glob("*.txt"))


def edit_source(sources: Path) -> None:
    path = first_doc(sources)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("the ", "the very ", 1), encoding="utf-8")


def edit_template(sources: Path) -> None:
    folder = sources / "templates"
    folder.mkdir(exist_ok=True)
    text = (ROOT / "templates" / "printed_page.html").read_text(encoding="utf-8")
    (folder / "printed_page.html").write_text(
        text.replace("<p>Documents printed on page", "<p>Edited: documents printed on page"),
        encoding="utf-8")


def add_document(sources: Path) -> None:
    shutil.copy(first_doc(sources), sources / VOLUME / "d9999.txt")


def remove_document(sources: Path) -> None:
    max((sources / VOLUME).glob("*.txt")).unlink()


@pytest.mark.parametrize("change", [
    lambda sources: None, edit_source, edit_template, add_document, remove_document,
], ids=["no-change", "edit-source", "edit-template", "add-document", "remove-document"])
def test_incremental_build_equals_clean_build(
        sources: Path, tmp_path: Path, change: Callable[[Path], None]) -> None:
    out = tmp_path / "site"
    build_ok(sources, out)
    change(sources)
    build_ok(sources, out)  # over the published site: reuses what is unchanged
    clean = tmp_path / "clean"
    build_ok(sources, clean)
    assert_same_tree(out, clean)


def test_unchanged_pages_are_linked_not_written(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_ok(sources, out)
    before = inodes(out)
    build_ok(sources, out)
    after = inodes(out)
    pages = [rel for rel in after if rel.startswith(f"{VOLUME}/")]
    assert pages and all(after[rel] == before[rel] for rel in pages)
    bundle = [rel for rel in after if rel.startswith("pagefind/")]  # the search bundle
    assert bundle and all(after[rel] == before[rel] for rel in bundle)


def test_template_edit_remakes_only_the_pages_using_it(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_ok(sources, out)
    before = inodes(out)
    edit_template(sources)
    build_ok(sources, out)
    after = inodes(out)
    printed = [rel for rel in after if f"{VOLUME}/pg_" in rel]
    documents = [rel for rel in after if rel.startswith(f"{VOLUME}/d")]
    assert printed and all(after[rel] != before[rel] for rel in printed)
    assert documents and all(after[rel] == before[rel] for rel in documents)
    assert "Edited: documents printed" in (out / printed[0]).read_text(encoding="utf-8")


def test_source_edit_remakes_its_page_and_keeps_the_others(sources: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_ok(sources, out)
    before = inodes(out)
    edit_source(sources)
    build_ok(sources, out)
    after = inodes(out)
    edited = f"{VOLUME}/{first_doc(sources).stem}/index.html"
    assert after[edited] != before[edited]
    far = sorted(rel for rel in after if rel.startswith(f"{VOLUME}/d") and
                 rel.endswith("/index.html"))[len(after) // 200 + 5:]
    kept = [rel for rel in far if after[rel] == before.get(rel)]
    assert len(kept) >= len(far) - 3  # the neighbours of the edited document may change


def test_two_clean_builds_are_byte_identical(sources: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "site"
    for path in sources.rglob("*"):  # sources saved long ago: both stamps are sound, not
        os.utime(path, (1e9, 1e9))  # one racy (just copied) and the other not
    build_ok(sources, first)
    build_ok(sources, second)
    a, b = tree(first, with_state=True), tree(second, with_state=True)
    assert sorted(a) == sorted(b)
    differing = [rel for rel in a if a[rel] != b[rel]]
    assert not differing, differing[:10]
    assert EPOCH and "2023-11-14" in (first / "index.html").read_text(encoding="utf-8")


def test_build_without_previous_state_still_works(sources: Path, tmp_path: Path) -> None:
    """A published site whose state folder was removed (to force a full build) is rebuilt
    fully, and its state is kept again."""
    out = tmp_path / "site"
    build_ok(sources, out)
    shutil.rmtree(state_folder(out))
    result = build(sources, out)
    assert result.reused == 0 and not result.up_to_date
    clean = tmp_path / "clean"
    build_ok(sources, clean)
    assert_same_tree(out, clean)
    assert os.path.isfile(state_folder(out) / "manifest.json")


def test_the_output_folder_holds_the_site_alone(sources: Path, tmp_path: Path) -> None:
    """The state (caches, manifest, stamp, parser messages) is kept beside the site, never
    in it: publishing the output folder publishes nothing else."""
    out = tmp_path / "site"
    build_ok(sources, out)
    edit_source(sources)
    build_ok(sources, out)
    assert not (out / STATE_DIR).exists()
    assert not [p for p in out.rglob("*") if p.name.endswith(".json")
                and p.name in ("manifest.json", "read-cache.json", "parse.json", "inputs.json")]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.build", "site", "sources"]
    assert sorted(p.name for p in state_folder(out).iterdir()) == [
        "inputs.json", "manifest.json", "parse.json", "read-cache.json"]


def test_a_site_with_its_state_inside_is_taken_over(sources: Path, tmp_path: Path) -> None:
    """A site built by an older version (its state inside, in `.build/`) — or a swap cut
    short — keeps its state: moved beside the site, used, and gone from the site."""
    out = tmp_path / "site"
    build_ok(sources, out)
    state_folder(out).rename(out / STATE_DIR)
    edit_source(sources)
    result = build(sources, out)
    assert result.reused == len(result.documents) - 1  # the parse cache was used
    assert not (out / STATE_DIR).exists() and state_folder(out).is_dir()


def test_a_text_edit_leaves_the_lists_of_documents_alone(sources: Path, tmp_path: Path) -> None:
    """Contents, indexes and printed-page lists show a document's metadata, not its text:
    an edit to the text remakes the document's page only; an edit to its heading, them."""
    out = tmp_path / "site"
    build_ok(sources, out)
    lists = [f"{VOLUME}/index.html", "files/index.html", "chronology/index.html",
             "persons/index.html", "sitemap.xml"]
    before = inodes(out)
    path = first_doc(sources)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    body = max(range(len(lines)), key=lambda k: len(lines[k]))  # the longest paragraph
    lines[body] = lines[body].replace(" the ", " the very ", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    build_ok(sources, out)
    after = inodes(out)
    assert all(after[rel] == before[rel] for rel in lists)
    page = f"{VOLUME}/{path.stem}/index.html"
    assert after[page] != before[page]
    heading = next(k for k, line in enumerate(lines) if line.strip() and k != body)
    lines[heading] = lines[heading] + " (revised)"
    path.write_text("\n".join(lines), encoding="utf-8")
    build_ok(sources, out)
    assert inodes(out)[f"{VOLUME}/index.html"] != after[f"{VOLUME}/index.html"]
    clean = tmp_path / "clean"
    build_ok(sources, clean)
    assert_same_tree(out, clean)


def search_files(root: Path) -> dict[str, bytes]:
    """The search index of the site `root`: the Pagefind bundles and the word table."""
    return {rel: data for rel, data in tree(root).items()
            if rel.startswith(("pagefind", "search-words"))}


def test_serve_shows_the_page_first_and_indexes_it_right_after(sources: Path, tmp_path: Path):
    """`serve` publishes an edited page before its search bundle is made again; the build
    that follows at once indexes it, and the site then equals a clean build."""
    out = tmp_path / "site"
    build_ok(sources, out)
    index_before = search_files(out)
    path = first_doc(sources)
    path.write_text(path.read_text(encoding="utf-8").replace("the ", "the Quetzalcoatl ", 1),
                    encoding="utf-8")

    first = build(sources, out, search_later=True)
    assert not first.errors and first.search_pending
    assert "Quetzalcoatl" in (out / VOLUME / path.stem / "index.html").read_text(encoding="utf-8")
    assert search_files(out) == index_before  # the search index follows in the next build

    second = build(sources, out)
    assert not second.up_to_date and not second.search_pending
    assert search_files(out) != index_before
    clean = tmp_path / "clean"
    build_ok(sources, clean)
    assert_same_tree(out, clean)


def test_a_build_with_nothing_to_index_again_asks_for_no_follow_up(sources: Path,
                                                                   tmp_path: Path):
    out = tmp_path / "site"
    build_ok(sources, out)
    (sources / "index.md").write_text("# Changed front page\n", encoding="utf-8")
    result = build(sources, out, search_later=True)
    assert not result.errors and not result.search_pending
