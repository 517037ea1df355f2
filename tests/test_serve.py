"""deploy/serve.py: connections to the server get TCP_NODELAY, and the dashboard answers through the script."""

from __future__ import annotations

import asyncio
import socket
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "deploy"))

import serve  # noqa: E402
from st_client import StClient  # noqa: E402

from tests.e2e.conftest import _free_port, start_server, stop_server  # noqa: E402


def _accepted_nodelay() -> int:
    """TCP_NODELAY of a connection accepted on a socket made by Streamlit's (possibly wrapped) bind function."""
    from streamlit.web.server.starlette import starlette_server

    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    try:
        client = socket.create_connection(listener.getsockname()[:2], timeout=5)
        listener.setblocking(True)
        conn, _ = listener.accept()
        try:
            return conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        finally:
            conn.close()
            client.close()
    finally:
        listener.close()


def test_accepted_connections_get_tcp_nodelay(monkeypatch):
    from streamlit.web.server.starlette import starlette_server

    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)  # undone after the test
    assert serve.enable_nodelay()
    assert _accepted_nodelay() != 0
    assert serve.enable_nodelay()  # a second call does not wrap twice
    assert getattr(starlette_server._bind_socket, "_nodelay", False)


@pytest.mark.timeout(120)
def test_the_dashboard_answers_a_slider_move_through_serve():
    port = _free_port()
    proc = start_server(port, launcher="nodelay")  # deploy/serve.py, waited for until /_stcore/health says ok
    try:

        async def scenario():
            async with StClient(f"http://127.0.0.1:{port}", timeout=60) as c:
                await c.open("projections", "")
                return await c.set_value("delay_months", 6)

        with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright may hold this thread's event loop
            moved = pool.submit(asyncio.run, scenario()).result(timeout=90)
        assert not moved.errors and moved.metrics["Target month"] == "October 2026"  # April 2026 + 6 months
    finally:
        stop_server(proc)


def _fake_streamlit() -> tuple[object, int]:
    """A stand-in for Streamlit's /_stcore/health on a free loopback port."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Health(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, srv.server_address[1]


def _ready(port: int) -> tuple[int, dict]:
    import json
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_readiness_says_ready_only_when_the_database_answers(tmp_path):
    import time

    app, app_port = _fake_streamlit()
    good = serve.start_readiness(_free_port(), app_port, f"sqlite:///{tmp_path}/store.sqlite3")
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(8)  # accepts connections, never answers: a hung database
    bad = serve.start_readiness(
        _free_port(), app_port, f"postgresql+psycopg://u:p@127.0.0.1:{hole.getsockname()[1]}/db"
    )
    try:
        status, body = _ready(good.server_address[1])
        assert status == 200 and body["ready"] and body["db"] == "ok" and body["app"] == "ok", body
        t0 = time.monotonic()
        status, body = _ready(bad.server_address[1])
        took = time.monotonic() - t0
        assert status == 503 and not body["ready"] and body["db"] != "ok" and body["app"] == "ok", body
        assert took < serve.READY_WAIT + 1.0, took  # the check waits 1.5 s for the database, not longer
        app.shutdown()  # Streamlit gone: not ready either
        app.server_close()
        status, body = _ready(good.server_address[1])
        assert status == 503 and body["app"] != "ok", body
    finally:
        for s in (good, bad):
            s.shutdown()
            s.server_close()
        hole.close()
