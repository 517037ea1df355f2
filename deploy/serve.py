"""Run the dashboard the way production should: ``streamlit run`` with TCP_NODELAY on the server's sockets.

    python deploy/serve.py [--app PATH] [any `streamlit run` option ...]
    python deploy/serve.py --server.port 8501 --server.address 0.0.0.0

Why. Streamlit 1.67 binds its listening socket as ``socket.socket(family)``, so the socket (and every connection
it accepts) reports protocol 0, and asyncio turns TCP_NODELAY on only for sockets that report IPPROTO_TCP. With
Nagle's algorithm left on, a rerun's messages after the first wait until the peer ACKs; a peer that delays its
ACKs (nginx in front of the replicas, a Python client) adds up to ~40 ms to every slider move, page switch and
click. Measured with ``benchmarks/st_client.py`` on a cached slider move of the projections page: through nginx
48 ms with ``streamlit run``, 32 ms with this script; straight to Streamlit from the Python client 52 ms and 27 ms.
A browser talking to Streamlit directly ACKs promptly and sees no clear difference. Here the listening socket
gets TCP_NODELAY before the server accepts anything, and Linux passes it on to each accepted connection.

Readiness. With ``CORRIDOR_READY_PORT`` set (deploy/replicas.py sets it), a small standard-library HTTP server on
that loopback port answers ``GET /ready``: 200 when Streamlit's own health endpoint answers and the database of
saved items answers ``SELECT 1`` within 1.5 s, else 503, with a JSON body naming what failed (``GET /live``: 200
while the process runs). Streamlit has no hook for a route of its own, so the check runs beside it, in a thread of
this process, never on Streamlit's event loop. nginx proxies ``/_corridor/ready`` to it, and replicas.py waits for
it before sending users to a replica. Each check is logged as a JSON line when its answer changes.

The option is set by wrapping Streamlit's private ``_bind_socket``; if a Streamlit release renames it, this
script says so on stderr and runs Streamlit unchanged (slower, never broken). ``tests/test_serve.py`` checks that
an accepted connection has TCP_NODELAY and that the dashboard answers through this script.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
ENV_READY_PORT = "CORRIDOR_READY_PORT"
READY_WAIT = 1.5  # seconds a readiness check waits for the database [s]


def enable_nodelay() -> bool:
    """Make Streamlit's listening socket set TCP_NODELAY (inherited by accepted sockets). False if not possible."""
    try:
        from streamlit.web.server.starlette import starlette_server as server

        bind = server._bind_socket  # noqa: SLF001 - the one place Streamlit creates its TCP socket
    except (ImportError, AttributeError) as exc:
        print(
            f"deploy/serve.py: cannot set TCP_NODELAY on this Streamlit ({exc}); running it unchanged", file=sys.stderr
        )
        return False
    if getattr(bind, "_nodelay", False):
        return True

    def bind_nodelay(*args, **kwargs) -> socket.socket:
        sock = bind(*args, **kwargs)
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    bind_nodelay._nodelay = True  # type: ignore[attr-defined]
    server._bind_socket = bind_nodelay  # noqa: SLF001
    return True


class Readiness:
    """What ``GET /ready`` checks: Streamlit's health endpoint on ``app_port`` and the store's database."""

    def __init__(self, app_port: int, db_url: str | None = None):
        self.app_port, self.db_url = app_port, db_url
        self._store = None
        self._last: dict | None = None
        self._lock = threading.Lock()

    def store(self):  # noqa: ANN201
        if self._store is None:
            if str(ROOT) not in sys.path:
                sys.path.insert(0, str(ROOT))
            from components.store import database

            self._store = database.Store(self.db_url or database.default_url())
        return self._store

    def check(self) -> tuple[bool, dict]:
        """(ready, details): ``app`` and ``db`` each ``"ok"`` or what failed, and the check's time [ms]."""
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.app_port}/_stcore/health", timeout=1.0) as r:
                app = "ok" if r.status == 200 else f"status {r.status}"
        except OSError as exc:
            app = type(exc).__name__
        try:
            db = "ok" if self.store().ping(wait=READY_WAIT) else "no answer"
        except Exception as exc:  # noqa: BLE001 - a misconfigured URL is "not ready", never a crash
            db = type(exc).__name__
        details = {"app": app, "db": db, "ms": round((time.monotonic() - t0) * 1000, 1)}
        if self._store is not None and self._store.reopened:  # an SQLite file deleted or replaced under the app
            details["db_file_reopened"] = self._store.reopened
        ready = app == "ok" and db == "ok"
        with self._lock:
            if self._last is None or (self._last["app"], self._last["db"]) != (app, db):
                level = logging.INFO if ready else logging.WARNING
                logging.getLogger("corridor.ready").log(
                    level,
                    "ready" if ready else "not_ready",
                    extra={"event": "ready" if ready else "not_ready", "fields": {"app": app, "db": db}},
                )
            self._last = details
        return ready, details


def start_readiness(
    port: int, app_port: int, db_url: str | None = None, host: str = "127.0.0.1"
) -> ThreadingHTTPServer:
    """Serve ``/ready`` and ``/live`` on ``host:port`` in a daemon thread; returns the server (``shutdown()`` it)."""
    checker = Readiness(app_port, db_url)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            if self.path.split("?")[0] == "/live":
                code, body = 200, {"live": True}
            elif self.path.split("?")[0] == "/ready":
                ready, details = checker.check()
                code, body = (200 if ready else 503), {"ready": ready, **details}
            else:
                code, body = 404, {"error": "not found"}
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:  # the access log is nginx's
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.checker = checker  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, name="corridor-ready", daemon=True).start()
    return server


def _option(args: list[str], name: str, default: str) -> str:
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return default


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    app = DASHBOARD
    if args[:1] == ["--app"] and len(args) > 1:
        app, args = Path(args[1]), args[2:]
    enable_nodelay()
    if os.environ.get(ENV_READY_PORT):
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        from components.app import logs

        logs.setup()
        try:
            start_readiness(int(os.environ[ENV_READY_PORT]), int(_option(args, "--server.port", "8501")))
        except (OSError, ValueError) as exc:  # a taken port or a bad number: serve anyway, without the check
            print(f"deploy/serve.py: no readiness check on {os.environ[ENV_READY_PORT]!r}: {exc}", file=sys.stderr)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(app), *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
