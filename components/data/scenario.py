"""The scenario: every assumption behind the projections, with defaults and ranges from ``data/``."""

from __future__ import annotations

import keyword
import math
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from components.data.facts import DataError, tables

#: Curve shapes of the ramp from the baseline to the target.
SHAPES = ("s_curve", "linear", "constant_growth")
#: Seasonal profiles that spread a year's tonnes over its months (rows of ``data/seasonality.csv``).
PROFILES = ("agri_mix", "even", "grain_heavy")
#: Money conventions: nominal (indexed flows, nominal rate) or real (today's roubles, real rate).
CONVENTIONS = ("nominal", "real")
#: Loan repayment profiles: equal principal instalments, or sculpted to the DSCR covenant.
REPAYMENTS = ("equal", "sculpted")
#: China-side acceptance episodes at the crossings (``episode`` of ``data/episodes.csv``, plus ``none``): a typical
#: year by default, none, or one named historical episode replayed on its calendar dates every year.
EPISODES = (
    "typical",
    "none",
    "altynkol_oct2025",
    "dostyk_sep2023",
    "dostyk_aug2024",
    "alashankou_2021",
    "khorgos_mar2023",
    "jul2022",
)
#: The scenario's choice fields and their options; the first option is the stated plan's.
CHOICES: dict[str, tuple[str, ...]] = {
    "shape": SHAPES,
    "profile": PROFILES,
    "convention": CONVENTIONS,
    "repayment": REPAYMENTS,
    "episodes": EPISODES,
}
CURRENCIES = ("RUB", "USD", "KZT")


class _Declared(type):
    """Metaclass of :class:`Scenario`: its dataclass fields are built from the declaration on first use.

    Importing the class reads no file (the model imports it, and ``tests/test_layering.py`` forbids a model module to
    read ``data/`` on import); the first instance, the first :func:`dataclasses.fields` or ``__dataclass_fields__``
    look-up, or the first class method that needs the fields reads ``data/assumptions.csv`` through
    :func:`components.data.facts.tables` and turns ``Scenario`` into an ordinary frozen dataclass, in place.
    """

    def __call__(cls, *args, **kwargs):  # only until the fields are built: _declare removes it and __getattr__
        _declare(cls)
        return type.__call__(cls, *args, **kwargs)

    def __getattr__(cls, name: str):  # only reached when the attribute is missing: before the fields are built
        if name in _LAZY and _declare(cls):
            return type.__getattribute__(cls, name)
        raise AttributeError(f"type object {cls.__name__!r} has no attribute {name!r}")


#: Class attributes that exist once the fields are built (the ones :mod:`dataclasses` and its callers look up).
_LAZY = frozenset({"__dataclass_fields__", "__dataclass_params__", "__match_args__"})
_DECLARING = threading.RLock()


def _num(x: float) -> str:
    """A bound as the file writes it: 36 rather than 36.0, 0.35 as 0.35."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _declare(cls: type) -> bool:
    """Build ``cls``'s fields from the assumptions declaration, once; True when the fields exist afterwards.

    Fields, in order: the choice fields of :data:`CHOICES` (``str``, default the first option, ``metadata["options"]``),
    then one ``float`` field per row of ``data/assumptions.csv`` in file order, its default the row's ``default`` and
    its ``metadata`` the row's ``min``, ``max``, ``step``, ``unit`` and ``group``. A row whose id cannot be a field
    (not an identifier, a keyword, a leading underscore, a choice field's or a method's name) is refused with the
    file, row and column, as the loaders refuse a bad value.
    """
    with _DECLARING:
        if "__dataclass_fields__" in cls.__dict__:
            return True
        a = tables().assumptions
        declared = {
            k: (str, field(default=o[0], metadata=MappingProxyType({"options": o}))) for k, o in CHOICES.items()
        }
        for row, (k, r) in enumerate(a.iterrows(), start=2):  # header = row 1, as DataError numbers rows
            # the interned name, as a name written in code is: a field name that is not the same object as __init__'s
            # parameter costs a string comparison per parameter when replace() passes it by keyword (~1.7x slower)
            k = sys.intern(str(k))
            if not k.isidentifier() or keyword.iskeyword(k) or k.startswith("_") or k in cls.__dict__ or k in declared:
                raise DataError("assumptions.csv", row, "id", f"{k!r} cannot name a Scenario field")
            meta = {c: float(r[c]) for c in ("min", "max", "step")} | {"unit": r["unit"], "group": r["group"]}
            declared[k] = (float, field(default=float(r["default"]), metadata=MappingProxyType(meta)))
        for k, (_, f) in declared.items():
            setattr(cls, k, f)
        cls.__annotations__ = {k: t for k, (t, _) in declared.items()}
        dataclass(frozen=True)(cls)  # in place: __init__, __eq__, __hash__, __repr__, __setattr__, the fields
        for k in declared:  # __init__ holds the defaults; no class attribute per field, as the hand-written class had
            delattr(cls, k)
        del _Declared.__call__, _Declared.__getattr__  # the first-use hooks: from now on a plain dataclass, no detour
        cls._default = cls()
        cls._numeric = tuple(k for k in declared if k not in CHOICES)
        return True


class Scenario(metaclass=_Declared):
    """One set of assumptions: a frozen dataclass whose fields are declared in ``data/assumptions.csv``.

    The fields are the choice fields of :data:`CHOICES` (``shape``, ``profile``, ``convention``, ``repayment``,
    ``episodes``; default the first option), then one ``float`` per row of ``data/assumptions.csv``, in file order,
    in that row's ``unit``, defaulting to its ``default`` (what each means and its source are in the row's ``source``).
    No list of them is written here: a row added to the file is a field, with its default and its range
    (``dataclasses.fields(Scenario)``'s ``metadata``: ``min``, ``max``, ``step``, ``unit``, ``group``). They are
    built on first use (see :class:`_Declared`), so importing this module reads no file. ``Scenario(**kw)`` takes
    any field by keyword, the others at their defaults, and checks nothing (the model's own what-ifs);
    :meth:`with_values` checks each value against its declared range or options.
    """

    def __setstate__(self, state: dict) -> None:  # unpickling makes no call: build the fields before the first one
        _declare(type(self))
        self.__dict__.update(state)

    @classmethod
    def default(cls) -> Scenario:
        """The stated plan: every assumption at its default from ``data/assumptions.csv``."""
        _declare(cls)
        return cls._default

    @classmethod
    def numeric_fields(cls) -> list[str]:
        """The ids of ``data/assumptions.csv``, in file order: the fields that are numbers."""
        _declare(cls)
        return list(cls._numeric)

    @classmethod
    def range_of(cls, param: str) -> tuple[float, float]:
        """A number field's declared range: ``min`` and ``max`` of its row in ``data/assumptions.csv`` [its unit]
        (the field's metadata, read with the file on first use)."""
        m = cls.__dataclass_fields__[param].metadata
        return m["min"], m["max"]

    def with_values(self, **changes) -> Scenario:
        """A copy with ``changes`` applied, each checked against its declared range or options.

        Raises
        ------
        ValueError
            naming the field and, for a number outside its range, the range and unit of ``data/assumptions.csv``.
        """
        declared = self.__dataclass_fields__
        for k, v in changes.items():
            if k not in declared:
                raise ValueError(f"unknown assumption {k!r}: neither a choice nor a row of data/assumptions.csv")
            m = declared[k].metadata
            if k in CHOICES:
                if v not in m["options"]:
                    raise ValueError(f"{k} must be one of {m['options']}, not {v!r}")
                continue
            if not (isinstance(v, (int, float)) and math.isfinite(v) and m["min"] <= v <= m["max"]):
                raise ValueError(
                    f"{k}={v!r} outside [{_num(m['min'])}, {_num(m['max'])}] {m['unit']}, "
                    f"its range in data/assumptions.csv"
                )
        return replace(self, **{k: (v if k in CHOICES else float(v)) for k, v in changes.items()})

    def changes_from_default(self) -> dict[str, float | str]:
        """Assumptions that differ from the stated plan (every value is a number or a string: no copy needed, where
        ``dataclasses.asdict`` deep-copied each one, ~0.7 ms a call, several calls per chart drawn)."""
        d = Scenario.default()
        return {k: v for k in self.__dataclass_fields__ if (v := getattr(self, k)) != getattr(d, k)}

    def cache_key(self) -> str:
        """The values of every field, in field order, as one string (``repr`` of a float gives it back exactly):
        what Streamlit's caches hash for a scenario (``hash_funcs``). Made once per scenario and kept with it;
        Streamlit's own hashing of a dataclass deep-copies it through ``dataclasses.asdict``, ~4 ms a lookup."""
        key = self.__dict__.get("_cache_key")
        if key is None:
            key = repr(tuple(getattr(self, k) for k in self.__dataclass_fields__))
            object.__setattr__(self, "_cache_key", key)
        return key

    def slug(self) -> str:
        """Short file-name-safe name of what differs from the plan, e.g. ``delay-6m_payload-20t``."""
        short = {
            "delay_months": ("delay", "m"),
            "attainment": ("attain", ""),
            "feu_payload_t": ("payload", "t"),
            "growth_after_pct": ("growth", "pct"),
        }
        parts = []
        for k, v in self.changes_from_default().items():
            if k in CHOICES:
                parts.append(str(v).replace("_", "-"))
            elif k in short:
                name, unit = short[k]
                parts.append(f"{name}-{v:g}{unit}")
            else:
                parts.append(k.split("_")[0])
        return "_".join(parts[:4]) or "stated-plan"


def preset(name: str) -> Scenario:
    """A named preset from ``data/presets.csv`` applied to the stated plan."""
    p = tables().presets
    rows = p[p["preset"] == name]
    if rows.empty:
        raise KeyError(f"unknown preset {name!r}; known: {sorted(p['preset'].unique())}")
    return Scenario.default().with_values(**dict(zip(rows["param"], rows["value"])))


def preset_names() -> list[str]:
    return list(dict.fromkeys(tables().presets["preset"]))


def whole_number(param: str) -> bool:
    """True where an assumption's range, step and default are whole numbers: its slider holds integers."""
    r = tables().assumptions.loc[param]
    return all(float(r[c]).is_integer() for c in ("min", "max", "step", "default"))


def parse_params(params: Mapping[str, str | list[str]]) -> tuple[Scenario, list[tuple[str, str]]]:
    """Scenario from URL query parameters, never raising.

    Each bad parameter falls back to its default and yields a notice ``(key, reason)``, reason one of
    ``unknown``, ``empty``, ``repeated`` or ``invalid`` (not a number, out of range, or a fraction
    where the slider holds whole numbers). A value is read whole, as the slider reads it.
    """
    s, notices = Scenario.default(), []
    for key, raw in params.items():
        values = raw if isinstance(raw, list) else [raw]
        if key not in Scenario.__dataclass_fields__:
            notices.append((key, "unknown"))
            continue
        if len(values) != 1:
            notices.append((key, "repeated" if values else "empty"))
            continue
        text = str(values[0])
        try:
            value = text if key in CHOICES else float(text)
            if key not in CHOICES and whole_number(key) and not value.is_integer():
                raise ValueError(f"{key} takes whole numbers")
            s = s.with_values(**{key: value})
        except (ValueError, OverflowError):
            notices.append((key, "invalid"))
    return s, notices
