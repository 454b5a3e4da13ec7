"""Every published document can be found: its page is in its volume's search index.

Pagefind leaves out of its index a page that holds no word it counts. A document whose
text is only a page mark (`[Page 12]`), a footnote back-link, punctuation or quotation
marks is still published, so its page carries its label for the index too
(templates/document.html). Here a folder of broken and hostile inputs — empty files, a
binary file, odd file names, markup in a heading, texts of no words — is built, and the
pages Pagefind indexed (read from its own fragments) are compared with the pages published.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from edition.build import BuildResult, build
from edition.site import urls

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "sources" / "frus1945Berlinv02" / "000_c0491615da394ef4.txt").read_text("utf-8")
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # Pagefind's fragments: gzip of this, then JSON

SCRIPT_HEADING = """<script>alert("head")</script>

No. 7
The Ambassador "><img src=x onerror=alert(1)> to the Secretary

A paragraph with <b>markup</b> & '><svg onload=alert(6)>.1

  1. Note with <script>alert("n")</script>.
"""

INPUTS: dict[str, bytes] = {
    "seed.txt": SEED.encode(),
    "empty.txt": b"",  # refused: no page
    "blank.txt": b" \r\n\t ",  # refused: no page
    "binary.txt": bytes(range(256)) * 8,
    "script.txt": SCRIPT_HEADING.encode(),
    "it's a \"file\" ü.txt": SCRIPT_HEADING.replace("No. 7", "No. 8").encode(),
    "odd name [x] (2).txt": SCRIPT_HEADING.replace("No. 7", "No. 9").encode(),
    "page-mark-only.txt": b"[Page 12]\n",
    "stars.txt": b"* * *\n",
    "quotes.txt": "“ ” — …\n".encode(),
    "backlink-only.txt": "- ↩\n".encode(),
    "marker-and-empty-note.txt": b"*1\n\n  1.\n",
}


def indexed(out: Path) -> dict[str, dict]:
    """Every page in every volume's Pagefind index, by URL: what Pagefind keeps of it."""
    found: dict[str, dict] = {}
    for fragment in sorted(out.glob("pagefind/*/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(FRAGMENT_SIGNATURE), fragment
        page = json.loads(data[len(FRAGMENT_SIGNATURE):])
        found[page["url"]] = page
    return found


def published_pages(out: Path, result: BuildResult) -> set[str]:
    """The URL of every document page the build published."""
    pages = {"/" + urls.document(d.volume_id, d.doc_id) for d in result.documents}
    return {p for p in pages if (out / p.strip("/") / "index.html").is_file()}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    src = tmp_path_factory.mktemp("search") / "src"
    (src / "vol1").mkdir(parents=True)
    (src / "vol1" / "volume.yaml").write_text("id: vol1\ntitle: Volume one\n", encoding="utf-8")
    for name, data in INPUTS.items():
        (src / "vol1" / name).write_bytes(data)
    out = src.parent / "out"
    return out, build(src, out)


def test_every_published_document_is_in_the_search_index(hostile_site) -> None:
    out, result = hostile_site
    published = published_pages(out, result)
    assert len(published) == len(INPUTS) - 2  # all but the two empty files
    assert set(indexed(out)) == published
    assert not [m for m in result.messages if "Pagefind indexed" in m.text], result.messages


def test_a_document_of_no_words_is_found_by_its_label(hostile_site) -> None:
    out, _ = hostile_site
    pages = indexed(out)
    for name in ("page-mark-only", "stars", "quotes"):
        assert name in pages[f"/vol1/{name}/"]["content"], pages[f"/vol1/{name}/"]
