"""Actuals in the app (issue 20 item 5, issue 22 item 7): one session key, the link keeps the scenario, the upload box
says what to upload and offers the sample, in both languages. Streamlit's AppTest; the store is the test database
(tests/conftest.py)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from components.app import state, upload_panel
from components.data import actuals
from components.data.actuals import Actuals
from components.present.i18n import Labels
from components.store import database as store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
PROJECTIONS = "components/app/pages/projections.py"


def app(params: dict | None = None, page: str = PROJECTIONS) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params.update(params or {})
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, lang: str = "en") -> AppTest:
    name = f"actuals_sample_{lang}.csv"
    at.get("file_uploader")[0].set_value((name, (SAMPLES / name).read_bytes(), "text/csv"))
    return at.run()


def held(at: AppTest) -> Actuals:
    a = at.session_state[state.ACTUALS]
    assert isinstance(a, Actuals)
    return a


def codes(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


def test_the_upload_lives_in_one_session_key_through_upload_choice_and_save():
    at = upload(app())
    assert not at.error and actual_keys(at) == {"actuals"}
    a = held(at)
    assert a.counted == ("China",) and a.source.name == "actuals_sample_en.csv" and a.saved_id is None
    # the box names the file, the rows read and the title row skipped
    assert any("data rows read: 24; title and blank rows skipped: 1" in c.value for c in at.caption)
    directions = next(m for m in at.multiselect if m.label == "Directions counted")
    directions.set_value(["China", "Kazakhstan"]).run()
    assert held(at).counted == ("China", "Kazakhstan") and actual_keys(at) == {"actuals"}
    at.button(key="save-actuals").click().run()
    a = held(at)
    assert a.saved_id and at.query_params["actuals"] == a.saved_id and actual_keys(at) == {"actuals"}
    # a fresh session opens the link: the same object (series, file, choice, saved id)
    again = app({"actuals": a.saved_id})
    assert held(again) == a and actual_keys(again) == {"actuals"}


def test_opening_a_saved_actuals_link_keeps_the_scenario_in_the_url():
    at = upload(app())
    at.button(key="save-actuals").click().run()
    saved = held(at)
    params = {"delay_months": "6", "profile": Labels("ru")("profile_even"), "lang": "ru", "actuals": saved.saved_id}
    other = app(params)
    assert held(other) == saved
    assert {k: other.query_params[k] for k in params} == params  # nothing left the address
    assert other.slider(key="delay_months").value == 6
    other.switch_page("components/app/pages/overview.py").run()  # another page, then back: still there
    other.switch_page(PROJECTIONS).run()
    assert {k: other.query_params[k] for k in params} == params and held(other) == saved


def test_saving_adds_the_id_beside_the_scenario_and_the_shown_link_follows_the_sliders():
    at = app({"delay_months": "6"})
    upload(at)
    at.button(key="save-actuals").click().run()
    item = held(at).saved_id
    assert at.query_params["delay_months"] == "6" and at.query_params["actuals"] == item
    link = next(c for c in codes(at) if "actuals=" in c)
    assert "delay_months=6" in link and f"actuals={item}" in link
    at.slider(key="delay_months").set_value(3).run()  # a slider reruns the page's scenario part only
    link = next(c for c in codes(at) if "actuals=" in c)
    assert "delay_months=3" in link and f"actuals={item}" in link


@pytest.mark.parametrize("bad", ["Z" * 30, "<script>"])
def test_an_unknown_or_tampered_id_says_so_and_keeps_the_users_scenario(bad):
    at = app({"actuals": bad, "delay_months": "6"})
    said = {"Z" * 30: "store_not_found_unknown", "<script>": "store_not_found_malformed"}[bad]
    assert [w.value for w in at.warning] == [Labels("en")(said)]
    assert state.ACTUALS not in at.session_state  # nothing was opened
    assert at.slider(key="delay_months").value == 6 and at.query_params["delay_months"] == "6"
    assert "actuals" not in at.query_params  # a link that cannot work leaves the address


def test_a_new_upload_replaces_the_saved_one_and_its_id_leaves_the_address():
    at = upload(app({"delay_months": "6"}))
    at.button(key="save-actuals").click().run()
    assert "actuals" in at.query_params
    upload(at, "ru")
    assert held(at).saved_id is None and "actuals" not in at.query_params
    assert at.query_params["delay_months"] == "6"
    at.button(key="clear-actuals").click().run()
    assert actual_keys(at) == set() and at.query_params["delay_months"] == "6"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["What to upload", "month", "tonnes", "t/month", "2025-03", "CSV", "XLSX", "5\u00a0MB", "1,200 rows"]),
        ("ru", ["Что загрузить", "месяц", "тонн", "т/мес", "03.2025", "CSV", "XLSX", "5\u00a0МБ", "1\u00a0200 строк"]),
    ],
)
def test_the_upload_box_says_what_to_upload_and_offers_the_sample(lang, words):
    at = app({"lang": lang} if lang == "ru" else {})
    text = " ".join(m.value for m in at.markdown)
    assert all(w in text for w in words), [w for w in words if w not in text]
    label = "Sample file (illustrative)" if lang == "en" else "Пример файла (условные цифры)"
    assert label in [b.label for b in at.get("download_button")]
    # what the button gives is the sample in that language, which the parser accepts
    a = actuals.from_upload(
        upload_panel.sample_bytes(lang), upload_panel.sample_name(lang), dt.datetime.now(dt.UTC), dt.date(2026, 9, 1)
    )
    assert a.source.rows_read == 24 and a.counted == (("China",) if lang == "en" else ("Китай",))


def test_upload_box_text_has_no_english_on_the_russian_page():
    at = app({"lang": "ru"})
    what = next(m.value for m in at.markdown if "Что загрузить" in m.value)
    # the file types and encodings are names (CSV, XLSX, TXT, UTF-8, Windows-1251, Excel); nothing else in Latin
    latin = set(re.findall(r"[A-Za-z][A-Za-z0-9-]*", what)) - {"CSV", "XLSX", "TXT", "UTF-8", "Windows-1251", "Excel"}
    assert latin == set(), latin


# --- one key: no other session key about the actuals remains in the code --------------------------------------------

ABOUT_ACTUALS = re.compile(r"(^|[^a-z])actuals?([^a-z]|$)", re.I)  # the word, not "counterfactual"
BUTTONS = {"button", "download_button", "form_submit_button"}  # their key holds only "clicked in this run"


def actual_keys(at: AppTest) -> set[str]:
    """Session keys about the actuals in a running session (buttons' click flags left out)."""
    buttons = {b.key for b in at.button} | {b.key for b in at.get("download_button")}
    return {k for k in at.session_state.to_dict() if ABOUT_ACTUALS.search(str(k)) and k not in buttons}


def constants(paths: list[Path]) -> dict[str, str]:
    """Top-level ``NAME = "..."`` (and ``A, B = "a", "b"``) of the modules: the names keys are spelled by."""
    out = {}
    for path in paths:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign):
                continue
            for t in node.targets:
                if isinstance(t, ast.Name) and isinstance(node.value, ast.Constant):
                    out[t.id] = node.value.value
                elif isinstance(t, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    out |= {
                        n.id: v.value
                        for n, v in zip(t.elts, node.value.elts)
                        if isinstance(n, ast.Name) and isinstance(v, ast.Constant)
                    }
    return out


def session_keys(path: Path, names: dict[str, str]) -> set[str]:
    """Keys the module reads or writes in ``st.session_state`` (``[k]``, ``.get(k)``, ``.pop(k)``,
    ``.setdefault(k)``, ``k in``) and keys it gives widgets other than buttons (``key=k``); a key spelled by a
    constant (``state.ACTUALS``, ``UPLOADER``) is resolved to its text."""

    def value(node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
        return names.get(name) if name else None

    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("session_state"):
            out.add(value(node.slice))
        elif isinstance(node, ast.Compare) and ast.unparse(node.comparators[0]).endswith("session_state"):
            out.add(value(node.left))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if ast.unparse(node.func.value).endswith("session_state") and node.args:
                out.add(value(node.args[0]))
            if node.func.attr not in BUTTONS:
                out |= {value(kw.value) for kw in node.keywords if kw.arg == "key"}
    return out - {None}


APP_FILES = sorted((ROOT / "components" / "app").rglob("*.py")) + [ROOT / "dashboard.py"]


def test_no_other_session_key_about_the_actuals_remains():
    names = constants(APP_FILES)
    keys = set().union(*(session_keys(p, names) for p in APP_FILES))
    assert state.ACTUALS in keys and "lang" in keys  # the check reads the keys the app uses
    assert {k for k in keys if ABOUT_ACTUALS.search(k)} == {state.ACTUALS} == {"actuals"}
    # the constants of the other keys are gone from state.py
    assert not {"ACTUALS_ROWS", "ACTUALS_FILE", "ACTUALS_ONLY", "ACTUALS_SAVED"} & set(dir(state))


def test_the_key_check_sees_a_second_key(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text(
        "import streamlit as st\n"
        'ROWS = "actuals_rows"\n'
        "st.session_state[ROWS] = 1\n"
        'st.multiselect("x", [], key="actuals_directions")\n'
        'st.button("x", key="save-actuals")\n'
        'if "actuals_saved" in st.session_state:\n    pass\n'
    )
    got = session_keys(planted, constants([planted]))
    assert got == {"actuals_rows", "actuals_directions", "actuals_saved"}


def test_the_store_keeps_the_detail_within_the_items_limit():
    # the detail counts in the item's bytes: a sample's detail is small beside the limit (256 KiB)
    a = held(upload(app()))
    assert len(a.detail_json().encode()) < store.MAX_ITEM_BYTES / 100


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_shown_link_opens_the_same_actuals_with_the_same_scenario(lang):
    at = app({"lang": lang, "delay_months": "6", "profile": Labels(lang)("profile_even")})
    upload(at, lang)
    at.button(key="save-actuals").click().run()
    saved = held(at)
    link = next(c for c in codes(at) if "actuals=" in c)
    query = dict(parse_qsl(urlsplit(link).query))
    assert query["actuals"] == saved.saved_id and ("lang" in query) == (lang == "ru")
    other = app(query)  # a fresh browser opens the link
    assert held(other) == saved
    assert other.slider(key="delay_months").value == 6 and other.selectbox(key="profile").value == "even"
    assert not other.warning  # nothing in the link was refused
