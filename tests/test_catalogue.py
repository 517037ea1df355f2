"""One place per language (issue 20 item 6): the message catalogues ``components/present/locales/{en,ru}.toml``.

* both languages define the same keys (labels, units, nouns, number words, currencies, locale settings);
* every label is used in the code: its key is a string literal somewhere in ``components/`` or ``dashboard.py``, or
  it belongs to a family the code builds from a prefix (listed below, each with the code that builds it);
* a label's placeholders are the same in both languages (a caller fills the same names);
* every noun has each CLDR plural form babel picks for the language over 0..200 and fractions;
* no module outside the catalogue loader (``components/present/i18n.py``) branches on the language: no comparison
  with ``"ru"``/``"en"``, no ``*_ru``/``*_en`` column picked by a literal, no ``"_ru"`` suffix, no table keyed by
  language, no f-string building a name from ``lang``. Read with ``ast``, as the layering test reads imports; a
  planted copy of each fault must be caught.
"""

from __future__ import annotations

import ast
import string
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale

from components.data.scenario import CHOICES
from components.present.i18n import LANGS, catalogue

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "components"
LOADER = PKG / "present" / "i18n.py"
SOURCES = [ROOT / "dashboard.py", *sorted(PKG.rglob("*.py"))]

#: Families of keys the code builds from a prefix, with the code that builds them (checked to exist below).
PREFIXES = {
    "a_": 'an assumption\'s slider label, f"a_{param}" over data/assumptions.csv (app/widgets.py)',
    "page_": 'a page\'s title, f"page_{name}" (dashboard.py)',
    "preset_": 'a preset button, f"preset_{name}" over data/presets.csv (app/widgets.py)',
    "group_": 'a sidebar group, f"group_{group}" over the assumptions\' groups (app/widgets.py)',
    "col_": 'a table header, f"col_{column}" (app/pages/sources.py, present/views.py)',
    "kind_": 'a chain link\'s kind, f"kind_{kind}" over data/links.csv',
    "bg_": 'a background row of data/background.csv, f"bg_{id}" (present/views.py)',
    "bound_": 'a public figure\'s bound word, f"bound_{bound}" over data/public_figures.csv',
    "bridge_": 'an NPV bridge step, f"bridge_{step}" over model/streams.BRIDGE_STEPS',
    "cf_": 'a cash-flow group, f"cf_{group}" over model/streams (present/charts.py)',
    "conv_": 'a money convention word, f"conv_{convention}"',
    "cr_": 'a crossing\'s name, f"cr_{crossing}" over data/crossings.csv',
    "crl_": 'a crossing\'s long name, f"crl_{crossing}"',
    "d_": 'a derived figure\'s name, f"d_{id}" (present/views.derived_table)',
    "k_be_": 'a break-even card, f"k_be_{param}" over model/economics.BREAKEVEN_PARAMS',
    "node_": 'a route node\'s name, f"node_{node}" over data/route_nodes.csv',
    "path_": 'a route path\'s name, f"path_{path}" over data/routes.csv',
    "map_path_": 'a map legend entry, f"map_path_{path}"',
    "rel_": 'a reliability word, f"rel_{reliability}" over the data\'s H/M/L/derived',
    "store_": 'a store error, f"store_{code}", f"store_limit_{what}", f"store_not_found_{reason}" (app/storage.py)',
    "trk_edge_": 'a tracking edge case, f"trk_edge_{case}" (app/upload_panel.py)',
    "trk_fit_": 'a fit outcome, f"trk_fit_{code}" over model/tracking\'s FitError codes',
    "trk_pace_help_": 'the pace card\'s help by case, f"trk_pace_help_{case}"',
    "u_": 'a unit of demand or capacity, f"u_{unit}" over data/links.csv',
    "yw_": 'a year-waterfall step, f"yw_{step}"',
    "dl_conv_": 'a convention word in a download, "dl_conv_" + value (present/downloads.py)',
    "dl_kind_": 'a bridge kind in a download, "dl_kind_" + value (present/downloads.py)',
    "upload_err_": 'an upload\'s rejection, f"upload_err_{code}" over UploadError codes (present/upload_text.py)',
    "upload_col_": 'a required column of an upload, f"upload_col_{column}" (present/upload_text.py)',
    "upload_part_": 'a part of an Excel file, f"upload_part_{part}" (present/upload_text.py)',
    "tpl_": 'the example upload\'s headers, words and formats, f"tpl_{column}", "tpl_word_" + word '
    "(present/upload_text.py)",
    "stream_": 'a money stream\'s name, f"stream_{x.id}" over model/streams.STREAMS (present/downloads.py, views.py)',
    "dl_csv_": 'the other CSV format\'s button and help, f"dl_csv_{name}", f"dl_csv_{name}_help" (app/widgets.py)',
}
#: Lines that name a language's column but choose nothing: (file, the name) → why.
NOT_A_CHOICE = {
    ("components/data/schemas.py", "note_ru"): "facts.csv's rule that a note in English has its Russian: a check of "
    "the data's declared columns, not a choice of the reader's language",
}
#: The sidebar's choices: f"{choice}_{option}" and f"{choice}_help" (app/widgets.py), from data/scenario.CHOICES.
CHOICE_KEYS = {f"{c}_{o}" for c, opts in CHOICES.items() for o in opts} | {f"{c}_help" for c in CHOICES}
#: Placeholders that are one figure in two grammatical cases: Russian names a stated date in the genitive
#: («после апреля 2026», «с апреля 2025»), English in the one form it has.
SAME_FIGURE = {"completion_gen": "completion", "agreement_gen": "agreement"}


def _toml(lang: str) -> dict:
    return tomllib.loads((PKG / "present" / "locales" / f"{lang}.toml").read_text(encoding="utf-8"))


def _keys(table: dict, prefix: str = "") -> set[str]:
    out = set()
    for k, v in table.items():
        if isinstance(v, dict):
            out |= _keys(v, f"{prefix}{k}.")
        else:
            out.add(prefix + k)
    return out


# --- the same keys in both languages ------------------------------------------------------------------------------
def missing_between(tables: dict[str, dict]) -> list[str]:
    """Keys (dotted, sections flattened for labels) that one language defines and another does not."""
    flat = {}
    for lang, data in tables.items():
        labels = {k for t in data.get("labels", {}).values() for k in t}
        rest = _keys({k: v for k, v in data.items() if k not in ("labels", "nouns")})
        nouns = {f"nouns.{n}" for n in data.get("nouns", {})}  # their forms differ by language (CLDR)
        flat[lang] = {f"labels.{k}" for k in labels} | rest | nouns
    every = set().union(*flat.values())
    return sorted(f"{k} (not in {lang}.toml)" for lang in flat for k in every - flat[lang])


def test_both_languages_define_the_same_keys():
    tables = {lang: _toml(lang) for lang in LANGS}
    assert len({k for t in tables["en"]["labels"].values() for k in t}) > 800  # the catalogue really was read
    assert missing_between(tables) == []


def test_a_key_missing_in_one_language_is_caught():
    en, ru = _toml("en"), _toml("ru")
    del ru["labels"]["general"]["app_title"]
    del en["units"]["t"]
    assert missing_between({"en": en, "ru": ru}) == ["labels.app_title (not in ru.toml)", "units.t (not in en.toml)"]


# --- every label is used ------------------------------------------------------------------------------------------
def code_strings(paths) -> tuple[set[str], set[str]]:
    """Every string literal in the code, and every constant head of an f-string or of a ``"..." + x`` sum."""
    literals, heads = set(), set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                heads.add(node.values[0].value)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
                heads.add(str(node.left.value))
    return literals, heads


def unused(keys, paths) -> list[str]:
    literals, _ = code_strings(paths)
    return sorted(
        k for k in keys if k not in literals and k not in CHOICE_KEYS and not any(k.startswith(p) for p in PREFIXES)
    )


def test_every_label_is_used_in_the_code():
    keys = catalogue("en").labels
    assert unused(keys, SOURCES) == [], "labels no code asks for: delete them from both catalogues"


def test_every_listed_prefix_is_built_somewhere_in_the_code():
    literals, heads = code_strings(SOURCES)
    stale = [p for p in PREFIXES if not any(h.startswith(p) for h in heads) and p not in literals]
    assert stale == [], f"prefixes no f-string or sum builds any more: {stale}"
    keys = catalogue("en").labels
    assert [p for p in PREFIXES if not any(k.startswith(p) for k in keys)] == [], "prefixes no label has"
    assert len(CHOICE_KEYS) > 10


def test_an_unused_label_is_caught(tmp_path):
    code = tmp_path / "m.py"
    code.write_text('def f(L):\n    return L("app_title") + L(f"page_{1}")\n', encoding="utf-8")
    assert unused({"app_title", "page_x", "no_such_use", "shape_linear"}, [code]) == ["no_such_use"]


# --- the same placeholders ----------------------------------------------------------------------------------------
def placeholders(text: str) -> set[str]:
    return {SAME_FIGURE.get(f, f) + (f":{s}" if s else "") for _, f, s, _ in string.Formatter().parse(text) if f}


def placeholder_mismatches(labels: dict[str, dict[str, str]]) -> list[str]:
    en, ru = labels["en"], labels["ru"]
    return sorted(
        f"{k}: {sorted(placeholders(en[k]))} / {sorted(placeholders(ru[k]))}"
        for k in en.keys() & ru.keys()
        if placeholders(en[k]) != placeholders(ru[k])
    )


def test_placeholders_are_the_same_in_both_languages():
    assert placeholder_mismatches({lang: catalogue(lang).labels for lang in LANGS}) == []


def test_a_placeholder_in_one_language_only_is_caught():
    labels = {"en": {"a": "{n} years, {completion}", "b": "x {y}"}, "ru": {"a": "{n} лет, {completion_gen}", "b": "x"}}
    assert placeholder_mismatches(labels) == ["b: ['y'] / []"]


# --- plural forms -------------------------------------------------------------------------------------------------
#: Counts a noun follows: whole numbers 0..200 and fractions as shown (1.5, 2.0 with a visible zero, 7.25, 0.1...).
COUNTS = [Decimal(n) for n in range(201)] + [Decimal(f"{n}.{d}") for n in range(0, 30) for d in ("0", "1", "5", "25")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_noun_has_each_cldr_plural_form_of_the_language(lang):
    c = catalogue(lang)
    rule = Locale.parse(c.locale).plural_form
    needed = {rule(n) for n in COUNTS}
    assert needed == ({"one", "other"} if lang == "en" else {"one", "few", "many", "other"})  # CLDR, not a guess
    assert len(c.nouns) >= 4
    for noun, forms in c.nouns.items():
        assert set(forms) == needed | {"other"}, (lang, noun, sorted(forms))
        assert all(v.strip() for v in forms.values()), (lang, noun)


def test_counts_read_as_russian_grammar_asks():
    # by hand from CLDR's Russian rules (one: i % 10 = 1 and i % 100 != 11; few: 2–4 except 12–14; many: the other
    # whole numbers; other: fractions)
    from components.present.i18n import Labels

    L = Labels("ru")
    assert [L.count(n, "years", 0) for n in (1, 2, 5, 11, 21, 22, 111, 112)] == [
        "1\u00a0год",
        "2\u00a0года",
        "5\u00a0лет",
        "11\u00a0лет",
        "21\u00a0год",
        "22\u00a0года",
        "111\u00a0лет",
        "112\u00a0лет",
    ]
    assert L.count(7.2, "years") == "7,2\u00a0года" and L.years(11, 1) == "11,0\u00a0года"
    assert Labels("en").count(1, "months", 0) == "1\u00a0month" and Labels("en").years(1.5) == "1.5\u00a0years"


# --- no language branches outside the loader -----------------------------------------------------------------------
def _is_lang(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in LANGS


def _is_lang_column(node: ast.AST) -> bool:
    """``"name_ru"``, ``"_en"``: a name with a language suffix."""
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(node.value.endswith("_" + lang) for lang in LANGS)
    )


def _mentions_lang(node: ast.AST) -> bool:
    return any(
        (isinstance(n, ast.Name) and "lang" in n.id.lower()) or (isinstance(n, ast.Attribute) and n.attr == "lang")
        for n in ast.walk(node)
    )


def language_branches(path: Path) -> list[str]:
    """Every place in ``path`` that chooses by language instead of asking the catalogue."""
    found = []
    rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    allowed = {name for (file, name) in NOT_A_CHOICE if file == rel}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        names = {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        if names & allowed:
            continue
        if isinstance(node, ast.Compare) and any(_is_lang(n) for n in [node.left, *node.comparators]):
            found.append(f"{line}: compares with a language")
        elif isinstance(node, ast.Subscript):
            # a tuple is .at[row, column]; a list (f[["entity", "entity_ru"]]) projects several columns, choosing none
            parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if any(_is_lang_column(p) or isinstance(p, ast.IfExp) and _is_lang_column(p.body) for p in parts):
                found.append(f"{line}: picks a *_ru/*_en column or key by name")
        elif isinstance(node, ast.Call) and any(_is_lang_column(a) for a in node.args):
            found.append(f"{line}: passes a *_ru/*_en name")
        elif isinstance(node, ast.IfExp) and any(_is_lang(n) or _is_lang_column(n) for n in (node.body, node.orelse)):
            found.append(f"{line}: chooses a language or its column in an if-expression")
        elif isinstance(node, ast.Dict) and sum(_is_lang(k) for k in node.keys if k is not None) >= 2:
            found.append(f"{line}: a table keyed by language")
        elif isinstance(node, ast.JoinedStr) and any(
            isinstance(v, ast.FormattedValue) and _mentions_lang(v.value) for v in node.values
        ):
            if any(isinstance(v, ast.Constant) and v.value.endswith("_") for v in node.values):
                found.append(f"{line}: builds a name from the language")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "_{lang}" in node.value:
            found.append(f"{line}: a name template filled with the language")
    return found


def test_no_language_branch_outside_the_catalogue_loader():
    paths = [p for p in SOURCES if p != LOADER]
    assert len(paths) > 40  # the scan looked at the code
    bad = [f"{p.relative_to(ROOT)}:{b}" for p in paths for b in language_branches(p)]
    assert bad == [], "ask Labels (L(key), L.col(frame, 'name'), L.unit...) instead:\n" + "\n".join(bad)


def test_the_branch_scan_catches_each_kind_of_fault(tmp_path):
    planted = {
        'def f(L):\n    return "a" if L.lang == "ru" else "b"\n': "compares with a language",
        'def f(lang):\n    return lang != "en"\n': "compares with a language",
        'def f(row):\n    return row["source_ru"]\n': "picks a *_ru/*_en column",
        'def f(a, p):\n    return a.at[p, "name_en"]\n': "picks a *_ru/*_en column",
        'def f(df, ru):\n    return df["name_ru" if ru else "name_en"]\n': "picks a *_ru/*_en column",
        'def f(links):\n    return links.get("name_ru")\n': "passes a *_ru/*_en name",
        'def f(ru):\n    return "note" + ("_ru" if ru else "")\n': "if-expression",
        'T = {"en": ("Data",), "ru": ("Данные",)}\n': "a table keyed by language",
        'def f(df, lang):\n    return df[f"name_{lang}"]\n': "builds a name from the language",
        'PATH = "data/sample_{lang}.csv"\n': "a name template filled with the language",
    }
    for i, (code, kind) in enumerate(planted.items()):
        path = tmp_path / f"m{i}.py"
        path.write_text(code, encoding="utf-8")
        hits = language_branches(path)
        assert any(kind in h for h in hits), (code, hits)
    clean = tmp_path / "clean.py"
    clean.write_text(
        'COLS = ["name_en", "name_ru"]\nSCHEMA = {"name_ru": 1}\ndef f(L, df):\n    return L.col(df, "name")\n',
        encoding="utf-8",
    )
    assert language_branches(clean) == []  # a table's declared columns are not a choice of language


# --- the catalogues ship with the package -------------------------------------------------------------------------
def test_the_catalogues_are_package_data():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["components.present"]
    shipped = {p.name for pattern in patterns for p in (PKG / "present").glob(pattern)}
    assert shipped == {f"{lang}.toml" for lang in LANGS}
    assert "components.present" in project["tool"]["setuptools"]["packages"]
    assert sys.version_info >= (3, 11)  # tomllib
