"""The command line: `python build.py [--sources DIR] [--out DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .build import build, print_progress

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the edition: raw texts → TEI (<out>/tei/) → static site (<out>/).",
    )
    parser.add_argument("--sources", type=Path, default=PROJECT_ROOT / "sources",
                        help="folder of raw texts, one subfolder per volume (default: sources/)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "site",
                        help="output folder (default: site/)")
    parser.add_argument("--tei-only", action="store_true",
                        help="write the TEI files only, not the reading site")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print errors and the summary only, not warnings")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)

    try:
        result = build(args.sources, args.out, with_site=not args.tei_only,
                       progress=print_progress)
    except KeyboardInterrupt:
        print("build interrupted; the previous site is left as it was", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for message in result.messages:
        if message.level == "error" or not args.quiet:
            print(message, file=sys.stderr)
    print(f"built {len(result.documents)} documents into {args.out} in {result.seconds:.1f} s: "
          f"{len(result.warnings)} warnings, {len(result.errors)} errors")
    return 1 if result.errors else 0
