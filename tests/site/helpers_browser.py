"""Helpers for the browser tests: serve a built site over HTTP and find the tools."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / ".tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
INSTALL_HINT = "run scripts/install-browser-tools.sh first"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 at a free port, in a thread; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


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


@contextmanager
def serve_with_headers(root: Path) -> Iterator[str]:
    """Serve `root` as a host that reads its `_headers` file would (the CSP as a header)."""
    extra = headers_of(root)

    class Handler(QuietHandler):
        def end_headers(self) -> None:
            for name, value in extra.items():
                self.send_header(name, value)
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
