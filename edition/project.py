"""What every stage shares: where the project's own files are, where a build keeps its
state (beside the output folder, never in it), and the day the build is dated
(reproducible builds)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE.parent
PROJECT_TEMPLATES = PROJECT_ROOT / "templates"
STATE_DIR = ".build"  # the state's folder inside a build's staging folder, until published


def state_folder(out: Path) -> Path:
    """Where the state of the site `out` is kept: caches, manifest, the no-change stamp
    and the parser's messages. Beside the site (`.site.build` for `site`), so that
    publishing the output folder publishes the site alone; deleting it forces a full build."""
    return out.parent / f".{out.name}.build"


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()
