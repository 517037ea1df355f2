"""Labels (English, Russian) of today, tracking against actuals, saved actuals and scenarios; merged into :mod:`components.i18n`."""
from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
}
