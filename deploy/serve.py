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

The option is set by wrapping Streamlit's private ``_bind_socket``; if a Streamlit release renames it, this
script says so on stderr and runs Streamlit unchanged (slower, never broken). ``tests/test_serve.py`` checks that
an accepted connection has TCP_NODELAY and that the dashboard answers through this script.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"


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


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    app = DASHBOARD
    if args[:1] == ["--app"] and len(args) > 1:
        app, args = Path(args[1]), args[2:]
    enable_nodelay()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(app), *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
