"""Actuals as one value (issue 20, item 5): read from a file, saved, and opened again from the link's id equal.

The sample files (data/samples/actuals_sample_{en,ru}.csv) are made up; their sums below are worked out by hand from
the rows as written in the files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.data import actuals, upload
from components.data.actuals import Actuals, SourceFile
from components.store import database as store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
TODAY = dt.date(2026, 11, 25)
UPLOADED = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def sample(lang: str) -> Actuals:
    name = f"actuals_sample_{lang}.csv"
    return actuals.from_upload((SAMPLES / name).read_bytes(), name, UPLOADED, today=TODAY)


def year_total(a: Actuals, year: int) -> float:
    s = a.series
    return float(s.loc[s["month"].dt.year == year, "tonnes"].sum())


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_sample_file_in_either_language_reads_with_its_title_row_skipped(lang):
    a = sample(lang)
    china, kz = ("China", "Kazakhstan") if lang == "en" else ("Китай", "Казахстан")
    # 20 months of China (October 2025 in two rows, grain and vegetable oil) + 3 rows of Kazakhstan = 24 data rows;
    # the one title row above the header ("Illustrative sample..." / «Условный пример...») is skipped
    assert (a.source.rows_read, a.source.rows_skipped, a.source.sheet) == (24, 1, None)
    assert a.directions == [china, kz] and a.counted == (china,)  # by default only China counts
    # China 2025: 14,000 + 13,500 + 15,000 + 16,000 + 15,500 + 14,000 + 13,000 + 17,000 + 21,000
    #             + (20,000 + 4,000) + 22,000 + 19,000 = 204,000 t
    assert year_total(a, 2025) == 204_000
    # China January-August 2026: 18,000 + 17,500 + 19,000 + 21,000 + 22,500 + 21,000 + 20,000 + 24,500 = 163,500 t
    assert year_total(a, 2026) == 163_500 and a.months == 20
    every = a.with_counted([china, kz])
    # with Kazakhstan: 2025 + 1,200 + 1,500 = 206,700 t; 2026 + 900.5 (written «900,5» in the Russian file)
    assert year_total(every, 2025) == 206_700 and year_total(every, 2026) == 164_400.5


def test_the_two_samples_hold_the_same_figures():
    en, ru = sample("en"), sample("ru")
    pd.testing.assert_frame_equal(en.series, ru.series)
    assert en.by_direction["tonnes"].tolist() == ru.by_direction["tonnes"].tolist()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_sample_says_in_its_first_row_that_the_figures_are_made_up(lang):
    first = (SAMPLES / f"actuals_sample_{lang}.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert (
        ("Illustrative sample" in first and "not real" in first)
        if lang == "en"
        else ("Условный пример" in first and "не реальные" in first)
    )


def test_russian_headers_with_the_unit_are_accepted():
    text = "Месяц;Тонн в месяц;Страна назначения\n03.2025;1 234,5;Китай\nапрель 2025;2 000;Китай\n"
    a = actuals.from_upload(text.encode("cp1251"), "факт.csv", UPLOADED, today=TODAY)
    # 1,234.5 t in March and 2,000 t in April 2025
    assert a.series["tonnes"].tolist() == [1234.5, 2000.0] and a.counted == ("Китай",)


def test_rows_skipped_counts_title_and_blank_rows_not_the_header():
    text = "Export volumes\n\nmonth,tonnes\n2025-01,5\n\n2025-02,6\n"
    got = upload.read_upload(text.encode(), "a.csv", today=TODAY)
    # records: 1 title, 2 blank, 3 header, 4 data, 5 blank, 6 data -> 2 read; the title and two blank rows skipped
    assert (got.rows_read, got.rows_skipped) == (2, 3)


def test_an_xlsx_names_the_sheet_it_read():
    wb = openpyxl.Workbook()
    wb.active.title = "Факт 2025"
    wb.active.append(["месяц", "тонн"])
    wb.active.append(["03.2025", 100])
    wb.save(buf := io.BytesIO())
    a = actuals.from_upload(buf.getvalue(), "f.xlsx", UPLOADED, today=TODAY)
    assert (a.source.sheet, a.source.rows_read, a.source.rows_skipped, a.counted) == ("Факт 2025", 1, 0, None)


def test_a_file_without_directions_counts_every_row_and_keeps_no_choice():
    a = actuals.from_upload(b"month,tonnes\n2025-01,5\n2025-02,6\n", "a.csv", UPLOADED, today=TODAY)
    assert a.directions == [] and a.counted is None and a.with_counted(["x"]).counted is None
    assert a.series["tonnes"].tolist() == [5.0, 6.0]


def test_a_new_choice_is_no_longer_the_saved_item():
    a = sample("en").saved("X" * 30, UPLOADED)
    assert a.query() == {"actuals": "X" * 30}
    b = a.with_counted(["China", "Kazakhstan"])
    assert b.saved_id is None and b.query() == {} and b != a
    assert a.with_counted(["China"]) is a  # the same choice: the same (saved) value


# --- through the store and the URL --------------------------------------------------------------------------------


@pytest.fixture()
def db(tmp_path):
    s = store.Store(f"sqlite:///{tmp_path}/store.sqlite3")
    yield s
    s.engine.dispose()


def save(db: store.Store, a: Actuals) -> str:
    f = a.source
    return db.save_actuals(
        a.series,
        f.name,
        None,
        f.uploaded_at,
        f.parser_version,
        None,
        "owner",
        detail=a.detail_json(),
        file_size=f.size,
        sha256=f.sha256,
    )


def open_link(db: store.Store, query: dict[str, str]) -> Actuals:
    """What opening ``?actuals=<id>`` gives (components/app/storage.py: load, then actuals_of)."""
    s = db.load_actuals(query[actuals.PARAM])
    return Actuals.from_saved(
        s.id, s.series, s.file_name, s.file_size, s.sha256, s.uploaded_at, s.parser_version, s.detail, s.created_at
    )


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("choice", ["default", "every", "none"])
def test_actuals_round_trip_through_the_link(db, lang, choice):
    a = sample(lang)
    if choice != "default":
        a = a.with_counted(a.directions if choice == "every" else [])
    item = save(db, a)
    saved = a.saved(item, db.load_actuals(item).created_at)
    back = open_link(db, saved.query())
    assert back == saved  # series, file (name, size, hash, sheet, rows read and skipped), choice, id
    assert back.source.sha256 == hashlib.sha256((SAMPLES / f"actuals_sample_{lang}.csv").read_bytes()).hexdigest()
    pd.testing.assert_frame_equal(back.series, saved.series)


def test_an_item_saved_before_the_detail_opens_with_its_series_alone(db):
    one = pd.DataFrame({"month": pd.to_datetime(["2025-09-01"]).astype("datetime64[ns]"), "tonnes": [15000.0]})
    item = db.save_actuals(one, "old.csv", b"abc", UPLOADED, "2", "Китай")
    back = open_link(db, {"actuals": item})
    assert back.counted is None and back.directions == [] and back.source.rows_read is None
    pd.testing.assert_frame_equal(back.series, one)


def test_a_detail_of_another_form_is_refused_not_guessed():
    one = pd.DataFrame({"month": pd.to_datetime(["2025-09-01"]), "tonnes": [1.0]})
    with pytest.raises(ValueError, match="not the detail"):
        Actuals.from_saved("i", one, "f", 1, "0" * 64, UPLOADED, "2", '{"rows": [["2025-09", 5, 1.0]]}')


def test_deleting_blanks_the_detail_too(db):
    item = save(db, sample("ru"))
    db.delete("actuals", item, "owner")
    with db.engine.connect() as c:
        row = c.execute(store.T_ACTUALS.select().where(store.T_ACTUALS.c.id == item)).mappings().one()
    assert row["detail"] is None and row["series"] == "[]"


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 200),  # months after January 2000
            names,
            st.floats(0, upload.MAX_TONNES, allow_nan=False, allow_infinity=False),
        ),
        min_size=1,
        max_size=30,
        unique_by=lambda r: (r[0], r[1]),
    ),
    pick=st.integers(0, 2**16),
    sheet=st.one_of(st.none(), names),
)
def test_any_actuals_come_back_equal_from_the_detail(rows, pick, sheet):
    rows = sorted(rows, key=lambda r: r[0])
    frame = pd.DataFrame(
        {
            "month": [pd.Timestamp(2000 + m // 12, m % 12 + 1, 1) for m, _, _ in rows],
            "direction": [d for _, d, _ in rows],
            "tonnes": [t for _, _, t in rows],
        }
    )
    source = SourceFile("f.csv", 10, "0" * 64, sheet, len(rows), 0, UPLOADED, upload.PARSER_VERSION)
    values = list(dict.fromkeys(frame["direction"]))
    counted = tuple(v for i, v in enumerate(values) if pick >> (i % 16) & 1)
    a = Actuals(frame, source, counted, "I" * 30, UPLOADED)
    series = upload.monthly_totals(a.by_direction, list(counted))
    back = Actuals.from_saved(
        "I" * 30, series, "f.csv", 10, "0" * 64, UPLOADED, upload.PARSER_VERSION, a.detail_json(), UPLOADED
    )
    assert back == a
