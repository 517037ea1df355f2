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
