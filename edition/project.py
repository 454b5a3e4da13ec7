"""What every stage shares: where the project's own files are, where a build keeps its
state inside the output folder, and the day the build is dated (reproducible builds)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE.parent
PROJECT_TEMPLATES = PROJECT_ROOT / "templates"
STATE_DIR = ".build"  # inside the output folder: caches, manifest, stamp; no page links it


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()
