"""`python build.py serve`: build, serve on 127.0.0.1, rebuild on change, reload the page.

The watcher polls modification times (no extra dependency); a rebuild is incremental
(unchanged sources are not parsed again). Pages are served as built, except that HTML
responses get one script tag (`/__reload.js`, same origin, so the pages' Content Security
Policy allows it) that asks `/__build` once a second and reloads when it changes.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RELOAD_JS = b"""(function () {
  var current = null;
  function poll() {
    fetch("/__build", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (id) {
        if (current !== null && id !== current) { location.reload(); }
        current = id;
      }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""
RELOAD_TAG = b'<script src="/__reload.js" defer></script>'


class BuildState:
    """The id of the last finished build, shared by the watcher and the server."""

    def __init__(self) -> None:
        self.build_id = "0"
        self.lock = threading.Lock()

    def finished(self) -> None:
        with self.lock:
            self.build_id = str(time.time_ns())


def make_handler(out: Path, state: BuildState) -> type[SimpleHTTPRequestHandler]:
    class PreviewHandler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/__build":
                return self._send(state.build_id.encode(), "text/plain")
            if self.path == "/__reload.js":
                return self._send(RELOAD_JS, "text/javascript")
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                body = path.read_bytes()
                body = body.replace(b"</body>", RELOAD_TAG + b"</body>", 1)
                return self._send(body, "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return functools.partial(PreviewHandler, directory=str(out))  # type: ignore[return-value]


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under the watched folders (`os.scandir`:
    10,000 sources are looked at in a few hundredths of a second, twice a second)."""
    stamps: dict[str, tuple[int, int]] = {}
    stack = []
    for folder in folders:
        if folder.is_file():
            info = folder.stat()
            stamps[str(folder)] = (info.st_size, info.st_mtime_ns)
        elif folder.is_dir():
            stack.append(str(folder))
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir():
                    stack.append(entry.path)
                elif entry.is_file():
                    info = entry.stat()
                    stamps[entry.path] = (info.st_size, info.st_mtime_ns)
            except OSError:
                continue
    return stamps


Rebuild = Callable[[], "Callable[[], object] | None"]
# the search index of edited pages is made once the sources have been quiet this long:
# an editor who saves again soon gets the page at once, not after an index run
SEARCH_SETTLE_SECONDS = 5.0


def serve(out: Path, watched: list[Path], rebuild: Rebuild, port: int = 8000,
          interval: float = 0.2, rounds: int | None = None) -> None:
    """Serve `out` and rebuild when a watched file changes (`rounds` bounds it, for tests).

    `rebuild` may return a follow-up (the search index of the changed pages): the open page
    reloads as soon as the rebuild is published, and the follow-up runs once the watched
    files have been quiet for `SEARCH_SETTLE_SECONDS`."""
    state = BuildState()
    follow_up = _rebuild_and_reload(rebuild, state)
    changed_at = time.monotonic()
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(out, state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"serving {out} at http://127.0.0.1:{server.server_address[1]}/ "
          "(Ctrl-C to stop)", file=sys.stderr)
    before = snapshot(watched)
    count = 0
    try:
        while rounds is None or count < rounds:
            count += 1
            time.sleep(interval)
            now = snapshot(watched)
            if now != before:
                before = now
                follow_up = _rebuild_and_reload(rebuild, state)
                changed_at = time.monotonic()
            elif follow_up is not None and time.monotonic() - changed_at >= SEARCH_SETTLE_SECONDS:
                follow_up()
                follow_up = None
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def _rebuild_and_reload(rebuild: Rebuild, state: BuildState) -> Callable[[], object] | None:
    """Rebuild and tell the open page to reload; the rebuild's follow-up, if any."""
    follow_up = rebuild()
    state.finished()
    return follow_up if callable(follow_up) else None
