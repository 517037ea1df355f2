"""Newcomer path (issue 21): tests keep the app's data out of the home folder, and starting the dashboard
contacts nothing outside the machine."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

from components.store import database as store
from deploy.serverctl import command, free_port, stop_server, wait_healthy

ROOT = Path(__file__).resolve().parents[1]


def test_the_tests_store_path_is_a_temporary_folder_not_home():
    path = store.default_path()
    assert os.environ["CORRIDOR_DB_PATH"] == str(path)
    assert not path.is_relative_to(Path.home() / ".local"), path


def test_a_server_started_without_the_variable_writes_under_its_own_home_only(tmp_path):
    # the app's default, for a user: under $HOME/.local/share (here a temporary HOME), never the tests' HOME
    env = {k: v for k, v in os.environ.items() if k not in ("CORRIDOR_DB_PATH", "XDG_DATA_HOME", "CORRIDOR_DB_URL")}
    env["HOME"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", "from components.store import database as d; print(d.default_path())"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(out.stdout.strip()) == tmp_path / ".local" / "share" / "corridor-dashboard" / "store.sqlite3"


def test_starting_and_opening_the_dashboard_contacts_no_outside_address(tmp_path):
    # Every TCP/UDP connect of the server process is recorded by a sitecustomize module; loopback and unix
    # sockets are local, anything else is an outside address (Streamlit's checkip.amazonaws.com lookup was one).
    hook = tmp_path / "hook"
    hook.mkdir()
    log = tmp_path / "connects.txt"
    (hook / "sitecustomize.py").write_text(
        textwrap.dedent(
            f"""
            import socket
            _connect = socket.socket.connect
            def connect(self, address):
                if self.family in (socket.AF_INET, socket.AF_INET6):
                    host = address[0]
                    if not (host.startswith("127.") or host in ("::1", "localhost")):
                        with open({str(log)!r}, "a") as f:
                            f.write(repr(address) + "\\n")
                return _connect(self, address)
            socket.socket.connect = connect
            _getaddrinfo = socket.getaddrinfo
            def getaddrinfo(host, *a, **k):
                if host not in (None, "localhost", "127.0.0.1", "::1", "0.0.0.0", "::"):
                    with open({str(log)!r}, "a") as f:
                        f.write("resolve " + repr(host) + "\\n")
                return _getaddrinfo(host, *a, **k)
            socket.getaddrinfo = getaddrinfo
            """
        )
    )
    port = free_port()
    env = {**os.environ, "PYTHONPATH": f"{hook}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    cmd = [c for c in command("dashboard.py", port) if c != "--server.address" and c != "127.0.0.1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(proc, f"http://127.0.0.1:{port}", 60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as r:
            assert r.status == 200
        time.sleep(2)  # the startup message (with any "External URL") is printed once the server runs
    finally:
        stop_server(proc)
    assert not log.exists() or log.read_text() == "", log.read_text()
