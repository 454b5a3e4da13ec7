"""Helpers for the browser tests: serve a built site over HTTP and find the tools."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from tests.serving import serve

__all__ = ["headers_of", "inject_axe", "serve", "serve_with_headers"]

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / ".tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
INSTALL_HINT = "run scripts/install-browser-tools.sh first"


def inject_axe(page: object) -> None:
    """Load axe-core into `page`. Evaluated over the DevTools protocol, not as an inline
    <script> tag, which the site's Content-Security-Policy rightly blocks."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")


def headers_of(root: Path) -> dict[str, str]:
    """The headers a `_headers` file (Netlify/Cloudflare format) sends for every path."""
    found: dict[str, str] = {}
    path = root / "_headers"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith((" ", "\t")) and ":" in line:
                name, value = line.strip().split(":", 1)
                found[name.strip()] = value.strip()
    return found


def serve_with_headers(root: Path) -> AbstractContextManager[str]:
    """Serve `root` as a host that reads its `_headers` file would (the CSP as a header)."""
    return serve(root, headers_of(root))
