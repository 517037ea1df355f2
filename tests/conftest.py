"""Shared by every test: the project on sys.path, and the app's data kept out of the home folder.

The dashboard's SQLite file defaults to ``~/.local/share/corridor-dashboard/store.sqlite3``. Tests, the servers
they start and AppTest sessions inherit ``CORRIDOR_DB_PATH``, set here (before anything is imported) to a
temporary folder removed at exit, unless the caller already chose one (``.ci/run`` does).
"""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if not os.environ.get("CORRIDOR_DB_PATH"):
    _DATA = tempfile.mkdtemp(prefix="corridor-tests-")
    os.environ["CORRIDOR_DB_PATH"] = str(Path(_DATA) / "store.sqlite3")
    atexit.register(shutil.rmtree, _DATA, True)
