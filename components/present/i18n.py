"""Labels in English and Russian, read from one message catalogue per language (``locales/en.toml``,
``locales/ru.toml``); numbers, money, dates and plural forms formatted for the language's locale through babel.

This module is the catalogue loader and the only place in ``components/`` that knows which languages exist: the
code asks :class:`Labels` for a text (``L("page_overview")``), a formatted figure (``L.num``, ``L.pct``, ``L.day``),
a unit (``L.unit``), a count with its noun (``L.count``) or a data column in the language (``L.col``), never
``if lang == "ru"``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

LANGS = ("en", "ru")
LANG_NAMES = {"en": "English", "ru": "Русский"}


@dataclass(frozen=True)
class Catalogue:
    """One language's catalogue as read from ``locales/<lang>.toml``."""

    lang: str
    #: the babel locale for numbers, dates and plural forms (``en_GB``, ``ru``)
    locale: str
    #: plotly date formats (axis ticks, hovers)
    date_tick: str
    date_hover: str
    #: suffixes of a data column in this language, tried in order (``name_en`` then ``name``; ``name_ru``)
    columns: tuple[str, ...]
    #: a month's name after "in", January first (Russian: prepositional, «в сентябре»)
    months_in: tuple[str, ...]
    #: words of compact numbers and tonnes (``bn``, ``mn``, ``thousand``, ``kt``, ``Mt``)
    numbers: dict[str, str]
    currencies: dict[str, str]
    #: files shipped for this language (``upload_sample`` → ``actuals_sample_ru.csv``)
    files: dict[str, str]
    units: dict[str, str]
    #: noun → CLDR plural form → word
    nouns: dict[str, dict[str, str]]
    #: every label, all sections merged
    labels: dict[str, str]
    #: section → its label keys, in file order
    sections: dict[str, tuple[str, ...]]


def read_catalogue(text: str, lang: str) -> Catalogue:
    """Parse one catalogue file's text; a key defined in two sections is an error."""
    data = tomllib.loads(text)
    labels: dict[str, str] = {}
    for table in data["labels"].values():
        clash = labels.keys() & table.keys()
        if clash:
            raise ValueError(f"{lang}.toml: label keys defined twice: {sorted(clash)}")
        labels.update(table)
    loc = data["locale"]
    return Catalogue(
        lang=lang,
        locale=loc["babel"],
        date_tick=loc["date_tick"],
        date_hover=loc["date_hover"],
        columns=tuple(loc["columns"]),
        months_in=tuple(data["dates"]["months_in"]),
        numbers=dict(data["numbers"]),
        currencies=dict(data["currencies"]),
        files=dict(data["files"]),
        units=dict(data["units"]),
        nouns={k: dict(v) for k, v in data["nouns"].items()},
        labels=labels,
        sections={k: tuple(v) for k, v in data["labels"].items()},
    )


@lru_cache(maxsize=len(LANGS))
def catalogue(lang: str) -> Catalogue:
    """The catalogue of ``lang`` (package data ``components/present/locales/<lang>.toml``, read once)."""
    if lang not in LANGS:
        raise KeyError(lang)
    text = resources.files(__package__).joinpath("locales", f"{lang}.toml").read_text(encoding="utf-8")
    return read_catalogue(text, lang)


_ABBREVIATION_THEN_STOP = re.compile(r"(?<=[а-яёa-z])\.\.(?!\.)")

MINUS = "\u2212"  # «−»: negative numbers in text (not in plotly tick formats)


def _minus(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


class _Formatter(string.Formatter):
    """``str.format`` for labels: named figures from ``data/`` fill what the caller does not pass, a placeholder
    neither gives stays as written, and a noun spec (``{n:years}``) puts the count's CLDR plural form after it."""

    def __init__(self, labels: Labels):
        super().__init__()
        self.labels = labels

    def get_value(self, key, args, kwargs):  # noqa: ANN001, ANN201
        if key in kwargs:
            return kwargs[key]
        figures = _figures(self.labels.lang)
        return figures[key] if key in figures else _Kept(key)

    def format_field(self, value, format_spec):  # noqa: ANN001, ANN201
        if isinstance(value, _Kept):
            return "{" + value.key + (":" + format_spec if format_spec else "") + "}"
        if format_spec in self.labels.catalogue.nouns:
            return self.labels.count(value, format_spec)
        return super().format_field(value, format_spec)


class _Kept:
    def __init__(self, key: str):
        self.key = key


@lru_cache(maxsize=len(LANGS))
def _figures(lang: str) -> dict[str, str]:
    """Stated figures a label may name (``{target_kt}``, ``{area}``, ``{completion}``...), formatted for ``lang``,
    read from ``data/facts.csv`` so that no label repeats a figure as a literal."""
    from components.data.facts import tables  # the table loads on first use, not on import

    t, L = tables(), Labels(lang)
    completion = t.date("selyatino_completion")
    return {
        "baseline_kt": L.dec(t.fact("export_china_baseline") / 1e3),
        "target_kt": L.dec(t.fact("export_china_target") / 1e3),
        "target_t": L.num(t.fact("export_china_target")),
        "area": L.num(t.fact("selyatino_area")),
        "investment": L.money(t.fact("selyatino_investment")),
        "jobs": L.num(t.fact("selyatino_jobs")),
        "completion": L.month(completion),
        # genitive in Russian: «после апреля 2026»
        "completion_gen": format_date(pd.Timestamp(completion).date(), "MMMM yyyy", locale=L.locale),
        "completion_year": str(pd.Timestamp(completion).year),
        "agrohub_ha": L.dec(t.fact("agrohub_area") / 1e4),
        "regions_a": L.num(t.fact("border_regions_side_a")),
        "regions_b": L.num(t.fact("border_regions_side_b")),
        "investment_bare": L.compact(t.fact("selyatino_investment")),  # "14 bn" in a formula
        "multiple": L.num(t.fact("export_china_target") / t.fact("export_china_baseline"), 2),
        "agreement": L.month(t.date("selyatino_agreement")),
        "agreement_gen": format_date(pd.Timestamp(t.date("selyatino_agreement")).date(), "MMMM yyyy", locale=L.locale),
        "report_day": L.day(t.facts["as_of"].iloc[0]),
        "report_month": L.month(t.facts["as_of"].iloc[0]),
    }


@lru_cache(maxsize=len(LANGS))
def _locale(name: str) -> Locale:
    return Locale.parse(name)


class Labels:
    """Callable label lookup for one language: ``L("page_overview")``, ``L("bad_link", keys="x")``.

    Label texts name stated figures as placeholders (``{target_kt}``, ``{area}``, ``{completion}``: see
    :func:`_figures`), filled from ``data/facts.csv``; a caller's keyword wins over a figure of the same name.
    """

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "en"
        self.catalogue = catalogue(self.lang)
        #: the babel locale this language formats numbers, dates and plural forms for (parsed once per language:
        #: babel parses a locale given by name on every number it formats, ~10 µs, thousands per chart)
        self.locale = _locale(self.catalogue.locale)

    def __call__(self, key: str, /, **kw) -> str:
        text = self.catalogue.labels.get(key, key)
        if "{" not in text:
            return text
        # a filled value that ends in an abbreviation's dot («10,9 сут.», «2026 г.») at the end of a sentence
        # takes no second dot: «ожидание 10,9 сут.», not «10,9 сут..» (an ellipsis «...» is left alone)
        return _ABBREVIATION_THEN_STOP.sub(".", _Formatter(self).vformat(text, (), kw))

    def has(self, key: str) -> bool:
        """Whether the catalogue has a label ``key`` (for keys built from data: ``f"node_{n}"``)."""
        return key in self.catalogue.labels

    # counts and their nouns ------------------------------------------------------------------
    def _noun(self, noun: str, shown: Decimal | int) -> str:
        forms = self.catalogue.nouns[noun]
        form = self.locale.plural_form(shown)
        return forms.get(form, forms["other"])

    def count(self, n: float | str, noun: str, digits: int = 1) -> str:
        """A count and its noun in the CLDR plural form: ``21 год``, ``22 года``, ``5 лет``, ``7,2 года``.

        Parameters
        ----------
        n : float or str
            The count, or the count already formatted for this language (``"7,2"``).
        noun : str
            A noun of the catalogue (``[nouns.years]``...).
        digits : int
            Decimals shown at most when ``n`` is a number (trailing zeros dropped).

        Returns
        -------
        str
            The number as shown, a no-break space, the noun in the form the shown number takes.
        """
        if isinstance(n, str):
            text = n
            try:
                shown = parse_decimal(n.replace(MINUS, "-"), locale=self.locale, strict=False)
            except (NumberFormatError, InvalidOperation):
                shown = Decimal(0)
        else:
            pattern = "#,##0" + ("." + "#" * digits if digits else "")
            text = _minus(format_decimal(round(float(n), digits), format=pattern, locale=self.locale))
            shown = Decimal(str(round(float(n), digits)))
        shown = abs(shown)
        if shown == shown.to_integral_value():
            shown = int(shown)  # "7" is a whole number ("many": 7 лет), "7.0" would read as a fraction
        return f"{text}\u00a0{self._noun(noun, shown)}"

    def years(self, n: float, digits: int = 1) -> str:
        """``11.0 years`` / ``11,0 года``, ``5 лет``: the number with ``digits`` decimals as shown, and the CLDR
        plural of 'year' for it (the visible fraction digits decide the form: ``11,0`` takes 'other')."""
        operand = Decimal(f"{float(n):.{digits}f}")
        return f"{self.num(n, digits)}\u00a0{self._noun('years', abs(operand))}"

    def file(self, key: str) -> str:
        """The name of a file shipped for this language: ``file("upload_sample")`` → ``actuals_sample_ru.csv``."""
        return self.catalogue.files[key]

    def unit(self, unit: str) -> str:
        """A unit of ``data/`` as this language writes it: ``m2`` → ``m²`` / ``м²``, ``t/year`` → ``т/год``."""
        return self.catalogue.units.get(unit, unit)

    # data columns in this language -------------------------------------------------------------
    def colname(self, columns, base: str) -> str:
        """The name of ``base``'s column in this language among ``columns`` (a frame's, a row's index or a
        mapping's keys): ``name`` → ``name_en`` / ``name_ru``, ``source`` → ``source`` / ``source_ru``; the
        suffixes come from the catalogue (``[locale] columns``). The only place a language's column is named."""
        have = set(columns)
        for suffix in self.catalogue.columns:
            if base + suffix in have:
                return base + suffix
        raise KeyError(f"no {base!r} column for {self.lang!r} among {sorted(map(str, have))}")

    def col(self, data, base: str):  # noqa: ANN001, ANN201 - a DataFrame, a row (Series) or a mapping
        """``base``'s column (a Series of a frame) or value (of a row or mapping) in this language."""
        keys = data.columns if isinstance(data, pd.DataFrame) else data.keys()
        return data[self.colname(keys, base)]

    # numbers ---------------------------------------------------------------------------------
    def num(self, x: float, digits: int = 0) -> str:
        """``1,500`` / ``1 500``; NaN as an em dash."""
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return "—"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return _minus(format_decimal(x, format=pattern, locale=self.locale))

    def dec(self, x: float) -> str:
        """Up to two decimals, trailing zeros dropped: ``6``, ``0.85`` / ``0,85``, ``70,600``."""
        return _minus(format_decimal(round(x, 2), format="#,##0.##", locale=self.locale))

    def pct(self, share: float, digits: int = 0) -> str:
        """A share as a percentage: the number as :meth:`num` writes it, then the locale's percent sign as its
        CLDR percent pattern places it (``40%`` / ``40 %``)."""
        if share is None or (isinstance(share, float) and math.isnan(share)):
            return "—"
        return self.num(share * 100, digits) + self.percent_suffix

    @property
    def percent_suffix(self) -> str:
        """What follows the number in the locale's percentage: ``%`` / ``\u00a0%`` (for numbers formatted in bulk)."""
        pattern = self.locale.percent_formats[None].pattern
        return pattern[pattern.rindex("0") + 1 :]

    def signed_pct(self, share: float, digits: int = 0) -> str:
        """``+12%`` / ``−3 %`` (a true minus sign)."""
        text = self.pct(abs(share), digits)
        return ("−" if share < 0 and text.strip("0%\u00a0,.") else "+") + text

    def signed_tonnes(self, x: float | None) -> str:
        """``+12.3 kt`` / ``−4,5 тыс. т``; ``—`` when unknown."""
        if x is None:
            return "—"
        return ("−" if x < 0 else "+") + self.tonnes(abs(x))

    _SCALES = ((1e9, "bn"), (1e6, "mn"), (1e3, "thousand"))

    def compact(self, x: float, digits: int = 2) -> str:
        """``14 bn`` / ``14 млрд``, ``9.33 mn`` / ``9,33 млн``; trailing zeros dropped."""
        pattern = "#,##0." + "#" * digits
        for size, word in self._SCALES:
            if abs(x) >= size:
                body = format_decimal(round(x / size, digits), format=pattern, locale=self.locale)
                return f"{_minus(body)}\u00a0{self.catalogue.numbers[word]}"
        return _minus(format_decimal(round(x, digits), format=pattern, locale=self.locale))

    def money(self, x: float, currency: str = "RUB", digits: int = 2) -> str:
        """``14 bn RUB`` / ``14 млрд ₽``."""
        return f"{self.compact(x, digits)}\u00a0{self.cur(currency)}"

    def cur(self, currency: str) -> str:
        return self.catalogue.currencies.get(currency, currency)

    def tonnes(self, x: float) -> str:
        """``180 kt`` / ``180 тыс. т``; ``1.2 Mt`` / ``1,2 млн т``."""
        for size, word in ((1e6, "Mt"), (1e3, "kt")):
            if abs(x) >= size:
                body = format_decimal(round(x / size, 1), format="#,##0.#", locale=self.locale)
                return f"{_minus(body)}\u00a0{self.catalogue.numbers[word]}"
        return f"{self.num(x)}\u00a0{self.unit('t')}"

    def scale(self, values) -> tuple[float, str]:
        """Divisor and word that keep an axis of money readable: (1e9, 'bn') / (1e6, 'млн')."""
        top = max((abs(float(v)) for v in values), default=0.0)
        for size, word in self._SCALES:
            if top >= size:
                return size, self.catalogue.numbers[word]
        return 1.0, ""

    # dates -----------------------------------------------------------------------------------
    def month(self, day: dt.date | pd.Timestamp | None) -> str:
        """``April 2026`` / ``апрель 2026``."""
        if day is None or pd.isna(day):
            return "—"
        return format_date(pd.Timestamp(day).date(), "LLLL yyyy", locale=self.locale)

    def in_month(self, when: dt.date | pd.Timestamp) -> str:
        """``in September 2027`` / ``в сентябре 2027 г.`` (the catalogue's ``in_month`` and ``[dates] months_in``)."""
        ts = pd.Timestamp(when)
        return self("in_month", month=self.catalogue.months_in[ts.month - 1], year=ts.year)

    def date(self, day: dt.date | pd.Timestamp | None, precision: str = "day") -> str:
        """A date as precise as its source gives it: ``June 2024`` / ``июнь 2024`` for a month,
        ``10 September 2025`` / ``10 сентября 2025 г.`` for a day."""
        if day is None or pd.isna(day):
            return "—"
        return self.month(day) if precision == "month" else self.day(day)

    def day(self, day: dt.date | pd.Timestamp) -> str:
        """``10 September 2025`` (en-GB, not the US ``September 10, 2025``) / ``10 сентября 2025 г.``."""
        return format_date(pd.Timestamp(day).date(), "long", locale=self.locale)

    def day_range(self, start: dt.date | pd.Timestamp, end: dt.date | pd.Timestamp) -> str:
        """Two days as one span, the shared month and year written once: ``1–28 September 2026`` /
        ``1–28 сентября 2026 г.``, ``15 August – 30 November 2024`` / ``15 августа – 30 ноября 2024 г.``
        (babel's intervals abbreviate the months: «сент.»)."""
        a, z = pd.Timestamp(start).date(), pd.Timestamp(end).date()
        if a == z:
            return self.day(a)
        if (a.year, a.month) == (z.year, z.month):
            return f"{a.day}–{self.day(z)}"
        head = format_date(a, "d MMMM", locale=self.locale) if a.year == z.year else self.day(a)
        return f"{head} – {self.day(z)}"

    # plotly ----------------------------------------------------------------------------------
    @property
    def separators(self) -> str:
        """Plotly's ``layout.separators``: the locale's decimal mark, then its thousands mark."""
        symbols = self.locale.number_symbols["latn"]
        return symbols["decimal"] + symbols["group"]

    @property
    def date_tickformat(self) -> str:
        """Axis format that needs no plotly.js locale bundle: ``Apr 2026`` or ``04.2026``."""
        return self.catalogue.date_tick

    @property
    def date_hoverformat(self) -> str:
        """Hover format of a month on a date axis: ``Apr 2026`` or ``04.2026``."""
        return self.catalogue.date_hover
