"""Labels (English, Russian) of the economics: conventions, streams, tax, IRR, break-even, NPV distribution; merged into :mod:`components.i18n`."""
from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
}
