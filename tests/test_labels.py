"""Every label the code asks for exists in English and Russian, and no label repeats a stated figure as a literal.

The keys are read from the code itself (every ``L("...")`` and ``L(f"...")`` call in ``dashboard.py`` and
``components/``), so a new label that is only in one language, or only in the code, fails here. Stated figures
are read from ``data/facts.csv`` and written the ways a label could spell them; a label must name them as
placeholders (``{target_kt}``, ``{area}``, ``{completion}``...) that :class:`components.present.i18n.Labels` fills from
the data.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest
from babel.dates import format_date

from components.data.facts import tables
from components.data.scenario import CHOICES, preset_names
from components.present import i18n
from components.present.i18n import LANGS, Labels

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "dashboard.py", *sorted((ROOT / "components").rglob("*.py"))]
#: key → (English, Russian) text, read from the catalogues (components/present/locales/*.toml)
T = {k: tuple(i18n.catalogue(lang).labels[k] for lang in LANGS) for k in i18n.catalogue("en").labels}
PAGES = ("overview", "projections", "capacity", "economics", "corridor", "sources")

#: Families of f-string keys whose every member is known from the data: all must exist.
FAMILIES = {
    "a_{}": list(tables().assumptions.index),
    "page_{}": list(PAGES),
    "preset_{}": preset_names(),
    "group_{}": ["projection", "capacity", "network", "economics", "financing", "currency"],
    **{f"{c}_{{}}": list(opts) for c, opts in CHOICES.items()},
}


def label_calls() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(file, key) of every ``L("key")`` and (file, pattern) of every ``L(f"...")`` in the code."""
    literal, formatted = set(), set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "L" and node.args
            ):
                continue
            arg, name = node.args[0], path.relative_to(ROOT).as_posix()
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                literal.add((name, arg.value))
            elif isinstance(arg, ast.JoinedStr):
                formatted.add((name, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in arg.values)))
    return literal, formatted


LITERAL, FORMATTED = label_calls()


def test_the_scan_sees_the_code():
    assert len(LITERAL) > 100 and len(FORMATTED) > 10  # the AST walk really found the calls
    assert ("dashboard.py", "page_{}") in FORMATTED


#: Labels whose empty text is their meaning: an exact figure's bound word is no word at all ("550", not "about 550").
EMPTY_ON_PURPOSE = {"bound_exact", "tpl_thousands"}  # and the English example upload writes 15000, no mark


@pytest.mark.parametrize("key", sorted(set(T) - EMPTY_ON_PURPOSE))
def test_every_label_has_text_in_both_languages(key):
    pair = T[key]
    assert len(pair) == len(LANGS) and all(isinstance(t, str) and t.strip() for t in pair), (key, pair)


def test_every_literal_key_in_the_code_exists():
    missing = sorted(f"{f}: {k}" for f, k in LITERAL if k not in T)
    assert not missing, "labels used in the code but not defined:\n" + "\n".join(missing)


def test_every_f_string_key_has_its_labels():
    problems = []
    for f, pattern in sorted(FORMATTED):
        if pattern in FAMILIES:
            problems += [f"{f}: {pattern.format(v)}" for v in FAMILIES[pattern] if pattern.format(v) not in T]
        elif pattern.startswith("{}_") or pattern == "{}_{}":
            continue  # the family is the argument itself (e.g. f"{choice}_help", checked below)
        else:
            rx = re.compile("^" + ".+".join(map(re.escape, pattern.split("{}"))) + "$")
            if not any(rx.match(k) for k in T):
                problems.append(f"{f}: no label matches {pattern!r}")
    problems += [f"{c}_help" for c in CHOICES if f"{c}_help" not in T]
    assert not problems, "\n".join(problems)


def _spellings() -> dict[str, list[str]]:
    """Fact id -> the ways a label could write its value, in both languages."""
    t = tables()
    out: dict[str, list[str]] = {}
    for fid, f in t.facts.iterrows():
        if f["unit"] == "date":
            day = pd.Timestamp(f["when"]).date()
            out[fid] = [format_date(day, fmt, locale=lang) for lang in LANGS for fmt in ("LLLL yyyy", "MMMM yyyy")]
            continue
        v = float(f["value"])
        if f["unit"] in ("share", "x", "count", "rank", "regions") or v < 100:
            continue  # small numbers (7 regions, 40 %, ×3) are words of ordinary text, not a figure's signature
        forms = {f"{v:,.0f}", f"{v:,.0f}".replace(",", " "), f"{v:,.0f}".replace(",", "\u00a0"), f"{v:.0f}"}
        for size, words in ((1e9, ("bn", "млрд")), (1e6, ("mn", "млн")), (1e3, ("thousand", "тыс", "kt"))):
            if v >= size:
                body = f"{v / size:g}"
                forms |= {
                    f"{b}{sep}{w}" for b in (body, body.replace(".", ",")) for sep in (" ", "\u00a0", "") for w in words
                }
                if v % size == 0 and size == 1e3:
                    forms.add(body)  # "550" of "550 kt", "180" of "from 180 to"
                break
        if f["unit"] == "m2" and v >= 1e4:
            forms |= {f"{v / 1e4:g} ha", f"{v / 1e4:g} га", f"{v / 1e4:g}\u00a0га"}
        out[fid] = sorted(forms, key=len, reverse=True)
    return out


SPELLINGS = _spellings()


def test_the_figure_spellings_catch_the_known_literals():
    # the check can fail: texts as they were before the figures became placeholders
    for text in (
        "How the annual rate moves from 180 to 550 kt/year.",
        "Заявленная площадь 65 000 м²",
        "Delay after April 2026 (months)",
        "Задержка после апреля 2026 (мес.)",
        "The stated **14 bn RUB**",
        "Агрохаб: 75 га",
        "1,5 тыс. рабочих мест",
    ):
        assert literal_figures(text), text
    assert not literal_figures("{baseline_kt} → {target_kt} kt/year, 10–90 %, 2027, 12 months, 60 FEU")


def literal_figures(text: str) -> list[str]:
    found = []
    for fid, forms in SPELLINGS.items():
        for form in forms:
            if re.search(r"(?<![\w.,\u00a0])" + re.escape(form) + r"(?![\d])", text, flags=re.IGNORECASE):
                found.append(f"{fid} as {form!r}")
                break
    return found


@pytest.mark.parametrize("key", sorted(T))
def test_no_label_states_a_figure_as_a_literal(key):
    hits = {lang: literal_figures(text) for lang, text in zip(LANGS, T[key])}
    assert not any(hits.values()), f"{key}: {hits} — name the figure as a placeholder filled from data/"


@pytest.mark.parametrize("lang", LANGS)
def test_every_label_formats_with_the_figures_from_data(lang):
    L = Labels(lang)
    for key in T:
        text = L(key)  # every figure placeholder is filled; a caller's own placeholders stay as written
        assert "{target_kt}" not in text and "{area}" not in text and "{completion}" not in text, key
    assert L("a_delay_months") != T["a_delay_months"][LANGS.index(lang)] or "{" not in T["a_delay_months"][0]


# Native text (issue 22 item 3, the UI-text review): kinds of fault that must not come back.
RU_NOT_RUSSIAN = re.compile(r"\b(FEU|TEU)\b|\bпротив\b|эталон|\(по данным\)|НЕ НАЙДЕН|[\w-]+\.(csv|md)\b|\bbinds?\b")
EN_FAULTS = re.compile(r"[«»]|\bbinds?\b|\bbrentq\b|\d{4}-\d{2}-\d{2}|[\w-]+\.(csv|md)\b")


@pytest.mark.parametrize("lang", LANGS)
def test_labels_carry_none_of_the_reviewed_faults(lang):
    # Russian: ФЭ/ДФЭ not FEU/TEU, «в сравнении с» not the calque «против», «ориентир» not «эталон», no file names;
    # English: no guillemets, 'becomes the bottleneck' not 'binds', no ISO dates or file names in prose
    pattern = RU_NOT_RUSSIAN if lang == "ru" else EN_FAULTS
    bad = {k: pair[LANGS.index(lang)] for k, pair in T.items() if pattern.search(pair[LANGS.index(lang)])}
    assert not bad, bad


def test_dates_are_en_gb_and_russian_long():
    # 5 December 2026 in English (not the US 'December 5, 2026'), «5 декабря 2026 г.» in Russian
    assert Labels("en").day("2026-12-05") == "5 December 2026"
    assert Labels("ru").day("2026-12-05") == "5 декабря 2026\u202fг."  # babel: CLDR narrow no-break space before «г.»


def test_public_figure_hover_is_in_the_page_language():
    from components.present import views

    ru = views.public_exports(Labels("ru"))["hover"]
    assert not ru.str.contains(r"\bFebruary\b|\bOctober\b|\bH\)|\bvia\b", regex=True).any(), ru.tolist()
    assert ru.str.contains("надёжность высокая").any()


def test_every_shown_unit_and_background_row_has_words():
    # L.unit falls back to the raw unit and a missing bg_ label to its key: both showed English/ids on the
    # Russian Sources page ('FEU/day', 'bg_rho_plan') before they were added
    from components.data.network_tables import network_tables

    a, bg = tables().assumptions, network_tables().background
    assert not {u for u in a["unit"] if u not in i18n.catalogue("ru").units}, "units without words"
    assert not {f"bg_{i}" for i in bg.reset_index()["id"] if f"bg_{i}" not in T}, "background rows without a name"


def test_a_span_of_days_writes_the_shared_month_and_year_once_in_full_words():
    # the episode tables showed «1 сентября 2026 г. – 28 сентября 2026 г.»; babel's own intervals abbreviate
    # the month («1–28 сент. 2026 г.»), which the review asks to write out
    ru, en, g = Labels("ru"), Labels("en"), "\u202fг."
    assert ru.day_range("2026-09-01", "2026-09-28") == "1–28 сентября 2026" + g
    assert en.day_range("2026-09-01", "2026-09-28") == "1–28 September 2026"
    assert ru.day_range("2024-08-15", "2024-11-30") == "15 августа – 30 ноября 2024" + g
    assert en.day_range("2024-08-15", "2024-11-30") == "15 August – 30 November 2024"
    assert ru.day_range("2021-12-20", "2022-01-05") == "20 декабря 2021" + g + " – 5 января 2022" + g
    assert ru.day_range("2022-07-02", "2022-07-02") == "2 июля 2022" + g


def test_a_multiple_and_a_switch_read_as_words_in_the_report():
    # the README showed «= 3 раз», «= 1,2 раз» and «= 1 1 — да, 0 — нет»
    from components.present.views import _input_value

    ru = Labels("ru")
    assert _input_value("backhaul_ratio", 3, ru) == "3\u00a0раза"  # 3: CLDR 'few'
    assert _input_value("dscr_covenant", 1.2, ru) == "1,2\u00a0раза"  # a fraction: 'other'
    assert _input_value("altynkol_acceptance", 1, ru) == "1\u00a0раз"  # 1: 'one'
    assert _input_value("bakhty_open", 1, ru) == "да" and _input_value("bakhty_open", 0, ru) == "нет"


@pytest.mark.parametrize("lang", LANGS)
def test_the_season_footnote_names_the_plan_profile_only_when_it_differs(lang):
    # the plan's footnote read «по сезонному профилю «Агропродукция (по статистике)» (план — «Агропродукция (по
    # статистике)»)»: the same name twice
    from dataclasses import replace

    from components import clock
    from components.data.scenario import preset
    from components.model.run import run
    from components.present import views

    L = Labels(lang)
    agri, even = L("profile_agri_mix"), L("profile_even")

    def note(s):
        v = views.export_projection(run(s, clock.today()), L)
        return " ".join(a.text for a in v.figure.layout.annotations if a.text).replace("<br>", " ")

    same = note(preset("plan"))
    assert same.count(agri.split(" (")[0]) == 1, same
    other = note(replace(preset("plan"), profile="even"))
    assert even in other and agri in other, other


def test_an_abbreviation_at_the_end_of_a_sentence_takes_one_dot():
    # the Capacity page read «…; ожидание 10,9 сут..» once days were written «сут.»
    L = Labels("ru")
    text = L(
        "k_wait_explain",
        crossing="Алтынколь",
        when="в октябре 2026\u00a0г.",
        bg="162\u00a0%",
        fl="5,9",
        days="10,9\u00a0сут.",
    )
    assert text.endswith("ожидание 10,9\u00a0сут."), text
    assert i18n._ABBREVIATION_THEN_STOP.sub(".", "и т. д... 2026 г..") == "и т. д... 2026 г."  # an ellipsis stays
