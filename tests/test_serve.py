"""The live preview: serves the built site, injects the reload script, rebuilds on change."""

from __future__ import annotations

import os
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer

from edition import serve as serve_module
from edition.serve import BuildState, make_handler, serve, snapshot


def test_snapshot_sees_a_changed_file(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    before = snapshot([tmp_path])
    time.sleep(0.01)
    (tmp_path / "a.txt").write_text("two")
    os.utime(tmp_path / "a.txt", (time.time() + 5, time.time() + 5))
    assert snapshot([tmp_path]) != before


def test_pages_get_the_reload_script_and_the_build_id_changes(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><p>Hi</p></body></html>")
    state = BuildState()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(tmp_path, state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page = urllib.request.urlopen(base + "/").read()
        assert b'<script src="/__reload.js" defer></script></body>' in page
        assert b"location.reload" in urllib.request.urlopen(base + "/__reload.js").read()
        first = urllib.request.urlopen(base + "/__build").read()
        state.finished()
        assert urllib.request.urlopen(base + "/__build").read() != first
    finally:
        server.shutdown()
        server.server_close()


def test_serve_rebuilds_when_a_watched_file_changes(tmp_path, monkeypatch):
    watched = tmp_path / "sources"
    watched.mkdir()
    (watched / "a.txt").write_text("one")
    builds = []
    taken = []

    def snapshot_then_edit(paths):
        # a source is added just after serve takes its first look, however slow the machine
        seen = snapshot(paths)
        taken.append(seen)
        if len(taken) == 1:
            (watched / "b.txt").write_text("new")
        return seen

    monkeypatch.setattr(serve_module, "snapshot", snapshot_then_edit)
    serve(tmp_path, [watched], lambda: builds.append(time.time()), port=0, interval=0.05,
          rounds=4)
    assert len(builds) == 2


def test_the_follow_up_waits_until_the_sources_are_quiet(tmp_path, monkeypatch):
    """A rebuild that leaves its search index for later: the page reloads at once; the
    follow-up runs only once no file has changed for the settle time, and only once for
    several quick edits."""
    watched = tmp_path / "sources"
    watched.mkdir()
    (watched / "a.txt").write_text("one")
    events = []
    looks = []

    def snapshot_and_edit(paths):
        seen = snapshot(paths)
        looks.append(seen)
        if len(looks) in (1, 2):  # two quick edits, one after each of the first looks
            (watched / f"edit{len(looks)}.txt").write_text("new")
        return seen

    def rebuild():
        events.append("pages")
        return lambda: events.append("search")

    monkeypatch.setattr(serve_module, "snapshot", snapshot_and_edit)
    monkeypatch.setattr(serve_module, "SEARCH_SETTLE_SECONDS", 0.3)
    serve(tmp_path, [watched], rebuild, port=0, interval=0.05, rounds=20)
    assert events == ["pages", "pages", "pages", "search"]
