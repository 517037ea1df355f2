"""The one place that says what day it is.

Everything that needs "today" (the today line on charts, the "As of" card, upload validation, file names)
calls :func:`today`; nothing else calls ``date.today()``. Tests pin the date with ``monkeypatch`` on
:func:`today` (unit tests) or the ``CORRIDOR_TODAY`` environment variable (a server started by a browser test).
"""

from __future__ import annotations

import datetime as dt
import os

ENV = "CORRIDOR_TODAY"


def today() -> dt.date:
    """Today's date on the server, or the date pinned by ``CORRIDOR_TODAY`` (``YYYY-MM-DD``).

    Returns
    -------
    datetime.date
        The current day (local time of the server process). A malformed ``CORRIDOR_TODAY`` is ignored.
    """
    pinned = os.environ.get(ENV, "").strip()
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            pass
    return dt.date.today()
