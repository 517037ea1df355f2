"""Labels (English, Russian) of the corridor chain: links, seasonality, bottleneck, fleet, map; merged into :mod:`components.i18n`."""
from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
}
