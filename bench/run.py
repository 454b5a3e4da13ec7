#!/usr/bin/env python3
"""Benchmark: build a large edition from real documents and print what it costs.

    .venv/bin/python bench/run.py --docs 10000

The edition is the dev corpus (`../shared/corpus/dev/*.txt`, beside this repository)
copied round-robin into volumes of `--per-volume` documents. The benchmark runs the
real command line (`build.py --stats`) as a child process, polls the memory of its whole
process tree (the build, its workers and the Pagefind runs, summed), and counts the files
each build wrote (files whose inode the previous output did not have: reused files are
hard links). Then it rebuilds after (a) no change, (b) one source edited, (c) one template
of the edition's own `templates/` folder edited, and ends with one line of headline
figures. CPU time (user + system of the whole tree) is printed beside the wall time: on
a shared machine it is the steadier figure. It is not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from edition.project import state_folder
from edition.uptodate import RACY_SECONDS

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
EPOCH = "1700000000"


@dataclass
class Run:
    """One build as measured from outside."""

    name: str
    wall: float
    peak_memory: int  # bytes, PSS summed over the process tree at its fullest
    files: int  # files written (new inodes)
    bytes: int
    cpu: float  # user + system seconds of the whole process tree (robust under load)
    load: float  # the machine's load average at the end: other work slows the wall time
    stats: dict = field(default_factory=dict)


def make_edition(corpus: Path, sources: Path, docs: int, per_volume: int) -> None:
    """Copy the corpus's raw texts round-robin into `docs // per_volume` volume folders."""
    texts = sorted(corpus.glob("*.txt"))
    if not texts:
        sys.exit(f"no *.txt in {corpus}; pass --corpus")
    shutil.rmtree(sources, ignore_errors=True)
    for k in range(docs):
        v, n = divmod(k, per_volume)
        folder = sources / f"frus{1900 + v // 100:04d}v{v % 100 + 1:02d}"
        if n == 0:
            folder.mkdir(parents=True)
            (folder / "volume.yaml").write_text(
                f'id: {folder.name}\ntitle: Volume {v + 1}\nyear: "1960"\n', encoding="utf-8")
        shutil.copyfile(texts[k % len(texts)], folder / f"d{n + 1}.txt")


def _files(root: Path) -> Iterator[os.stat_result]:
    """The status of every file under `root` (links not followed)."""
    stack = [str(root)] if root.is_dir() else []
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    yield entry.stat(follow_symlinks=False)


def inodes(root: Path) -> set[tuple[int, int]]:
    """The (device, inode) of every file under `root`."""
    return {(st.st_dev, st.st_ino) for st in _files(root)}


def written_since(root: Path, before: set[tuple[int, int]]) -> tuple[int, int]:
    """Files (and their bytes) under `root` whose inode was not there before."""
    new = [st.st_size for st in _files(root) if (st.st_dev, st.st_ino) not in before]
    return len(new), sum(new)


def tree_memory(proc: psutil.Process) -> int:
    """Memory of a process and all its descendants, summed: proportional set sizes (PSS),
    so pages that forked workers share with their parent count once, not once per
    process as a sum of RSS would; RSS where PSS cannot be read."""
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def build(name: str, sources: Path, out: Path, work: Path) -> Run:
    """Run the command-line build once, polling the memory of its process tree."""
    before = inodes(out)
    stats_file = work / f"stats-{name}.json"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, str(REPO / "build.py"), "--sources", str(sources),
               "--out", str(out), "-q", "--stats", str(stats_file)]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
    proc = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_memory(proc))
        time.sleep(0.1)  # PSS is read from smaps: polling costs CPU too
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build waited for its own
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime
           - cpu_before.ru_utime - cpu_before.ru_stime)
    output = child.stdout.read().decode("utf-8", "replace") if child.stdout else ""
    if child.returncode not in (0, 1):
        sys.exit(f"build {name} failed ({child.returncode}):\n{output}")
    files, size = written_since(out, before)
    stats = json.loads(stats_file.read_text(encoding="utf-8")) if stats_file.is_file() else {}
    return Run(name, wall, peak, files, size, cpu, os.getloadavg()[0], stats)


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def serve_loop(sources: Path, out: Path, edits: int = 3) -> list[float]:
    """`build.py serve` over the built site: for `edits` documents (one per volume), the
    seconds from writing a sentence into the raw text to the served page showing it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    child = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--sources",
                              str(sources), "--out", str(out), "--port", str(port), "-q"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    try:
        while get(f"{base}/__build") in (None, "0"):
            if child.poll() is not None:
                sys.exit("serve stopped before its first build")
            time.sleep(0.2)
        volumes = sorted(d for d in os.listdir(sources) if (sources / d / "volume.yaml").is_file())
        for k, volume in enumerate(volumes[-edits:]):
            doc = sorted((sources / volume).glob("*.txt"))[5]
            page = f"{base}/{volume}/{doc.stem}/"
            word = f"Benchmark{'xyzw'[k % 4]}edit"  # no digit at its end: a footnote marker
            time.sleep(RACY_SECONDS)  # as an editor's pause between two saves
            text = doc.read_text(encoding="utf-8")
            at = text.find("\n\n", text.find("\n\n") + 2)  # after the first paragraph
            at = at if at > 0 else len(text)
            started = time.perf_counter()
            doc.write_text(f"{text[:at]} {word} was added here.{text[at:]}", encoding="utf-8")
            while word not in (get(page) or ""):
                if time.perf_counter() - started > 120:
                    sys.exit(f"serve: the edit of {doc} did not show in 120 s")
                time.sleep(0.05)
            times.append(time.perf_counter() - started)
    finally:
        child.terminate()
        child.wait(timeout=60)
    return times


def print_table(runs: list[Run], docs: int) -> None:
    stages: list[str] = []
    for run in runs:
        stages += [s for s in run.stats.get("timings", {}) if s not in stages]
    width = max(12, *(len(r.name) for r in runs))
    head = f"{'':<22}" + "".join(f"{r.name:>{width + 2}}" for r in runs)
    print(head)
    print("-" * len(head))

    def row(label: str, values: list[str]) -> None:
        print(f"{label:<22}" + "".join(f"{v:>{width + 2}}" for v in values))

    row("wall time (s)", [f"{r.wall:.2f}" for r in runs])
    for stage in stages:
        row(f"  {stage} (s)", [f"{r.stats.get('timings', {}).get(stage, 0.0):.2f}"
                               for r in runs])
    row("CPU time (s)", [f"{r.cpu:.1f}" for r in runs])
    row("load average", [f"{r.load:.1f}" for r in runs])
    row("documents / s", [f"{docs / r.wall:.0f}" for r in runs])
    row("peak memory (MB)", [f"{r.peak_memory / 2**20:.0f}" for r in runs])
    row("files written", [f"{r.files}" for r in runs])
    row("MB written", [f"{r.bytes / 2**20:.1f}" for r in runs])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--per-volume", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "frus-bench",
                        help="folder for the generated sources and the site")
    parser.add_argument("--no-rebuilds", action="store_true",
                        help="only the full build (for very large editions)")
    args = parser.parse_args()

    work = args.work.absolute()
    sources, out = work / "sources", work / "site"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(state_folder(out), ignore_errors=True)  # its caches would spare the full build
    print(f"making an edition of {args.docs} documents in {sources} …", flush=True)
    make_edition(args.corpus, sources, args.docs, args.per_volume)
    # files written this instant make the build's stamp "racy" (edition/uptodate.py): an
    # editor's files are older than that, so wait as long before the first build
    time.sleep(RACY_SECONDS + 0.1)
    print(f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    runs = [build("full", sources, out, work)]
    if not args.no_rebuilds:
        runs.append(build("no change", sources, out, work))
        edited = min((sources / min(os.listdir(sources))).glob("*.txt"))
        with edited.open("a", encoding="utf-8") as file:
            file.write("\nAn added sentence for the benchmark.\n")
        runs.append(build("1 source", sources, out, work))
        templates = sources / "templates"
        templates.mkdir(exist_ok=True)
        page = (REPO / "templates" / "printed_page.html").read_text(encoding="utf-8")
        (templates / "printed_page.html").write_text(
            page.replace("<p>Documents printed on page", "<p>All documents printed on page"),
            encoding="utf-8")
        runs.append(build("1 template", sources, out, work))
        loop = serve_loop(sources, out)
    print()
    print_table(runs, args.docs)
    full = runs[0]
    headline = (f"HEADLINE docs={args.docs} full={full.wall:.1f}s "
                f"cpu={full.cpu:.0f}s docs/s={args.docs / full.wall:.0f} "
                f"peak={full.peak_memory / 2**20:.0f}MB")
    for run in runs[1:]:
        headline += f" {run.name.replace(' ', '-')}={run.wall:.2f}s/{run.files}files"
    if not args.no_rebuilds:
        print(f"serve: edit → page shows it, {len(loop)} edits (s): "
              + ", ".join(f"{t:.2f}" for t in loop)
              + f"; load average {os.getloadavg()[0]:.1f}")
        headline += f" serve-loop={statistics.median(loop):.2f}s"
    print()
    print(headline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
