"""Structured logs: one JSON object a line on stderr for the ``corridor.*`` loggers (saves, loads, deletes,
rejected input, errors, database faults).

Records carry an ``event`` name and ``fields`` (``logger.info("save", extra={"event": "save", "fields": {...}})``).
No personal data is logged: no file or scenario names, no cell values, no owner keys or cookies, no IP addresses;
item ids are cut to 6 characters.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import traceback
from pathlib import Path

LOGGER = "corridor"


class JsonLines(logging.Formatter):
    """``{"ts": ..., "level": ..., "logger": ..., "event": ..., **fields}``, plus ``error`` (the exception's type)."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": getattr(record, "event", None) or record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            out.update({k: v for k, v in fields.items() if k not in out})
        if record.exc_info and record.exc_info[0] is not None:
            # the exception's type and where it was raised (file:line function), not its message: a message can
            # quote the user's data
            out["error"] = record.exc_info[0].__name__
            tb = traceback.extract_tb(record.exc_info[2])
            out["at"] = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in tb[-6:]]
        return json.dumps(out, ensure_ascii=False, default=str)


def setup(stream=None) -> logging.Logger:  # noqa: ANN001
    """Attach the JSON-lines handler to the ``corridor`` logger once (idempotent); returns the logger."""
    log = logging.getLogger(LOGGER)
    if not any(getattr(h, "_corridor_json", False) for h in log.handlers):
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.setFormatter(JsonLines())
        handler._corridor_json = True  # type: ignore[attr-defined]
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return log


def event(name: str, level: int = logging.INFO, logger: str = "corridor.app", **fields: object) -> None:
    """Log one structured event (no personal data in ``fields``)."""
    logging.getLogger(logger).log(level, name, extra={"event": name, "fields": fields})
