"""Lighthouse on the built site: a document page and the search page must score 100 in
performance, accessibility, best practices and SEO.

    .venv/bin/python scripts/lighthouse.py [--site DIR] [--page PATH ...]

Without `--site` the bundled edition is built into a temporary folder first. The site is
served on 127.0.0.1 as a static host would serve it; Lighthouse (npm, installed into
`.tools/` on first use) drives the Debian Chromium (`CHROME_PATH`, default
/usr/bin/chromium). Prints each page's scores and what kept one below 100; exits 1 when
any score is below 100. Performance is timed, so it varies with the machine's load: a
page is audited up to `RUNS` times and passes when one run scores 100 in all four (the
scores printed are that run's, or the last). About 30 s a run; not part of the test suite.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / ".tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = ("frus1943China/d142/", "search/")
RUNS = 3


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        TOOLS.mkdir(exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund",
                        "--silent", "lighthouse@12"], check=True)


def audit(url: str, report: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json",
                    f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu"],
                   env=env, check=True, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def shortfalls(result: dict) -> list[str]:
    """The audits that cost a category points, with what Lighthouse says of them."""
    found = []
    for category in result["categories"].values():
        for ref in category["auditRefs"]:
            item = result["audits"][ref["id"]]
            if ref["weight"] and item["score"] is not None and item["score"] < 1:
                found.append(f"{category['id']}: {item['id']} {item.get('displayValue', '')}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the bundled "
                                                  "edition)")
    parser.add_argument("--page", action="append", help="a page's path in the site "
                                                        f"(default: {', '.join(PAGES)})")
    args = parser.parse_args()
    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            subprocess.run([sys.executable, str(REPO / "build.py"), "--out", str(site),
                            "--quiet"], check=True)
        handler = functools.partial(QuietHandler, directory=str(site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        failed = False
        try:
            for page in args.page or PAGES:
                url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
                for run in range(1, RUNS + 1):
                    result = audit(url, Path(work) / "report.json")
                    scores = {k: round(v["score"] * 100)
                              for k, v in result["categories"].items()}
                    if all(v == 100 for v in scores.values()):
                        break
                print(page, " ".join(f"{k}={v}" for k, v in scores.items()), f"(run {run})")
                if any(v < 100 for v in scores.values()):
                    failed = True
                    for line in shortfalls(result):
                        print("   ", line)
        finally:
            server.shutdown()
            server.server_close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
