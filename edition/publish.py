"""Publishing a finished build into the output folder, and nothing before it is finished.

Every build writes into a staging folder beside the output (`.site.building-<pid>`): the
site, and the build's state in its `.build/` folder. The state is never published with
the site: it is kept beside it (`.site.build/`, `project.state_folder`). Publishing first
deletes the previous build's state — from then on nothing claims to describe the site,
so a build cut short is followed by a full one — and installs the new state only once
the site is in place.

A first build — or one over a folder that is not a previous build — swaps the whole
staging folder in (two renames). A build over a published site writes only what changed:
the files it could take unchanged from the published site are *kept* (named in `Kept`,
not copied), and publishing then

1. renames the staging folder to `.site.publishing-<pid>` and writes its plan there:
   the files of the published site that the new build no longer has;
2. moves each new or changed file into place (one atomic rename per file; a file whose
   bytes are the same is left alone);
3. deletes the files of the plan and the folders they leave empty;
4. moves the build state beside the site.

A reader never meets a half-written file. A build killed during steps 2–4 leaves its
`.publishing` folder behind; the next build finishes that publication before anything
else (`clear_leftovers`), so the site is never left half-published. A build killed
before step 1 leaves the published site as it was.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .project import STATE_DIR, state_folder
from .uptodate import STAMP_FILE, file_stat

PLAN = ".publish-plan.json"  # inside the publishing folder
SAME_BYTES_LIMIT = 1 << 20  # files up to this size are compared before being replaced


@dataclass
class Kept:
    """The published site (`root`) and the files and whole folders of it that a build
    keeps as they are. `published` holds every file of the site, taken when the build
    starts (`published_files`)."""

    root: Path
    files: set[str] = field(default_factory=set)  # paths relative to the output folder
    folders: set[str] = field(default_factory=set)
    published: set[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.published = published_files(self.root)

    def file(self, rel: str) -> None:
        self.files.add(rel)

    def folder(self, rel: str) -> None:
        self.folders.add(rel.rstrip("/"))


def publish(staging: Path, out: Path, kept: Kept | None) -> None:
    """Make the finished build in `staging` the published site `out`, its state beside."""
    _remove_state(out)
    if kept is None or not out.is_dir():
        files = {rel for rel in _files_under(staging) if not rel.startswith(f"{STATE_DIR}/")}
        _swap(staging, out)
        _install_state(out, out)
        _remember(out, files)
        return
    old = kept.published
    staged = _files_under(staging)
    new = staged | kept.files
    if kept.folders:
        within = tuple(f"{folder}/" for folder in kept.folders)
        new.update(rel for rel in old if rel.startswith(within))
    removed = sorted(old - new)
    moved = sorted(rel for rel in staged if not rel.startswith(f"{STATE_DIR}/"))
    publishing = out.parent / f".{out.name}.publishing-{os.getpid()}"
    staging.rename(publishing)
    (publishing / PLAN).write_text(json.dumps({"moved": moved, "removed": removed}),
                                   encoding="utf-8")
    _apply(publishing, out)
    _remember(out, {rel for rel in new if not rel.startswith(f"{STATE_DIR}/")})


# The files of the sites this process published last, with the stat of the no-change
# stamp it installed beside each: `serve` builds the same site again and again, and the
# next build takes the list from here instead of walking 80,000 files. Another build of
# the site (another process) installs another stamp file, so its list is walked again.
_PUBLISHED: dict[str, tuple[list[int], frozenset[str]]] = {}


def published_files(out: Path) -> set[str]:
    """Every file of the published site `out` (paths relative to it): as this process
    published it, while the state beside it is the one it installed; else walked."""
    known = _PUBLISHED.get(str(out))
    if known is not None and known[0] == file_stat(state_folder(out) / STAMP_FILE):
        return set(known[1])
    return _files_under(out)


def _remember(out: Path, files: set[str]) -> None:
    stat = file_stat(state_folder(out) / STAMP_FILE)
    if stat is None:
        _PUBLISHED.pop(str(out), None)
    else:
        _PUBLISHED[str(out)] = (stat, frozenset(files))


def staging_folder(out: Path) -> Path:
    """The folder this build writes into, beside `out`."""
    return out.parent / f".{out.name}.building-{os.getpid()}"


def clear_leftovers(out: Path, alive: Callable[[int], bool] | None = None) -> None:
    """What killed builds left beside `out`: a publication cut short is finished (see the
    module's text), a staging folder removed. Folders of running builds are left alone.
    A state inside the site (a swap cut short, or a site of an older version, which kept
    it there) describes the site: it is moved beside it."""
    alive = alive or process_alive
    if (out / STATE_DIR).is_dir():
        _remove_state(out)
        _install_state(out, out)
    for kind in ("publishing", "building"):
        for folder in sorted(out.parent.glob(f".{out.name}.{kind}-*")):
            pid = folder.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or int(pid) == os.getpid() or alive(int(pid)):
                continue
            if kind == "publishing" and (folder / PLAN).is_file() and out.is_dir():
                _apply(folder, out)
            else:
                shutil.rmtree(folder, ignore_errors=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _apply(publishing: Path, out: Path) -> None:
    plan = json.loads((publishing / PLAN).read_text(encoding="utf-8"))
    made: set[str] = set()
    for rel in plan["moved"]:
        source, target = publishing / rel, out / rel
        if not os.path.lexists(source) or _same(source, target):
            continue  # moved before the build was cut short, or unchanged
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        os.replace(source, target)
    for rel in plan["removed"]:
        target = out / rel
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        _remove_empty_parents(target.parent, out)
    _install_state(publishing, out)  # the state last: it describes the site once it is there
    shutil.rmtree(publishing, ignore_errors=True)


def _remove_state(out: Path) -> None:
    """Delete the state of the site `out`, its no-change stamp first (one unlink), so that
    no state describes a site about to change."""
    state = state_folder(out)
    try:
        (state / STAMP_FILE).unlink()
    except FileNotFoundError:
        pass
    shutil.rmtree(state, ignore_errors=True)


def _install_state(holder: Path, out: Path) -> None:
    """Move the state `holder/.build` (a staging folder's, or a site's) beside the site
    `out`, where no state is any more."""
    made = holder / STATE_DIR
    if made.is_dir():
        os.replace(made, state_folder(out))


def _same(source: Path, target: Path) -> bool:
    """True when `target` already holds what `source` holds (the same file, or the same
    bytes for a small file)."""
    try:
        a, b = source.stat(), target.stat()
    except OSError:
        return False
    if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
        return True
    if a.st_size != b.st_size or a.st_size > SAME_BYTES_LIMIT:
        return False
    return source.read_bytes() == target.read_bytes()


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _files_under(root: Path) -> set[str]:
    found: set[str] = set()
    stack = [""]
    while stack:
        rel = stack.pop()
        try:
            entries = list(os.scandir(root / rel if rel else root))
        except OSError:
            continue
        for entry in entries:
            name = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append(name)
            else:
                found.add(name)
    found.discard(PLAN)
    return found


def _swap(staging: Path, out: Path) -> None:
    """Swap the whole staging folder in for `out` (two renames; the old one is removed)."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
