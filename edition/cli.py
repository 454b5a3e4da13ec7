"""The command line: `python build.py [build|check] [--sources DIR] [--out DIR]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .build import BuildResult, build, print_progress
from .check import check_edition
from .model import Message
from .project import PROJECT_ROOT
from .site.errors import SiteError

COMMANDS = ("build", "check", "serve")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="build: raw texts → TEI (<out>/tei/) → static site (<out>/); "
                    "check: validate a built edition and report what an editor should fix; "
                    "serve: build, serve on 127.0.0.1 and rebuild on every change.",
    )
    parser.add_argument("command", nargs="?", default="build", choices=COMMANDS,
                        help="what to do (default: build)")
    parser.add_argument("--sources", type=Path, default=PROJECT_ROOT / "sources",
                        help="folder of raw texts, one subfolder per volume (default: sources/)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "site",
                        help="output folder (default: site/)")
    parser.add_argument("--tei-only", action="store_true",
                        help="write the TEI files only, not the reading site")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print errors and the summary only, not warnings")
    parser.add_argument("--stats", type=Path, metavar="FILE",
                        help="write the build's figures (stage times, counts) as JSON to FILE")
    parser.add_argument("--port", type=int, default=8000,
                        help="port for `serve` on 127.0.0.1 (default: 8000)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.out, args.quiet)
    if args.command == "serve":
        return run_serve(args)
    return run_build(args)


def run_serve(args: argparse.Namespace) -> int:
    """Live preview: the watched folders are the sources (with their settings and
    template overrides) and the project's templates."""
    from .serve import serve

    watched = [args.sources, PROJECT_ROOT / "templates"]
    serve(args.out, watched, lambda: _serve_build(args), port=args.port)
    return 0


def _serve_build(args: argparse.Namespace) -> Callable[[], int] | None:
    """One rebuild while serving: the pages first; the search index of what changed is
    the follow-up, run once the page has reloaded."""
    _, result = _build_and_report(args, search_later=True)
    return (lambda: run_build(args)) if result is not None and result.search_pending else None


def run_build(args: argparse.Namespace) -> int:
    """Build once, as `python build.py` does; the exit status."""
    return _build_and_report(args)[0]


def _build_and_report(args: argparse.Namespace,
                      search_later: bool = False) -> tuple[int, BuildResult | None]:
    """Build, print the messages and the summary; the exit status and the result."""
    try:
        result = build(args.sources, args.out, with_site=not args.tei_only,
                       progress=print_progress, search_later=search_later)
    except KeyboardInterrupt:
        print("build interrupted; the previous site is left as it was", file=sys.stderr)
        return 130, None
    except SiteError as exc:
        print(f"{exc.message}; nothing was published, the previous site is left as it was",
              file=sys.stderr)
        return 1, None
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2, None
    report(result.messages, args.quiet)
    if args.stats:
        write_stats(args.stats, result)
    done = "up to date (nothing changed):" if result.up_to_date else "built"
    print(f"{done} {len(result.documents)} documents into {args.out} in "
          f"{result.seconds:.1f} s: {len(result.warnings)} warnings, {len(result.errors)} errors")
    return (1 if result.errors else 0), result


def write_stats(path: Path, result: BuildResult) -> None:
    """The build's figures as JSON, for the benchmark (bench/run.py counts the files)."""
    stats = {
        "documents": len(result.documents),
        "warnings": len(result.warnings),
        "errors": len(result.errors),
        "up_to_date": result.up_to_date,
        "seconds": round(result.seconds, 4),
        "timings": {k: round(v, 4) for k, v in result.timings.items()},
    }
    path.write_text(json.dumps(stats, indent=1), encoding="utf-8")


def run_check(out: Path, quiet: bool) -> int:
    messages = check_edition(out)
    report(messages, quiet)
    errors = sum(m.level == "error" for m in messages)
    print(f"checked {out}: {len(messages) - errors} warnings, {errors} errors"
          + ("" if errors else " — the edition is sound"))
    return 1 if errors else 0


def report(messages: list[Message], quiet: bool) -> None:
    """One line per finding on standard error, errors always, warnings unless quiet."""
    for message in messages:
        if message.level == "error" or not quiet:
            print(message, file=sys.stderr)
