"""Tests for components.data.upload: corpus-driven, expected values written by hand.

The corpus lives in tests/corpus (regenerate with tests/corpus/make_corpus.py).
Zip bombs, oversize files and the 1200-row limit are generated at runtime.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import os
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from components.data import upload
from components.data.upload import MAX_UPLOAD_BYTES, UploadError, monthly_totals, parse_actuals
from components.present.i18n import Labels
from components.present.upload_text import actuals_template, upload_error

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2025, 6, 15)  # fixed "today": months after 2025-06 are in the future
NA = None


def message(err: UploadError, lang: str) -> str:
    """The rejection as the upload box shows it in ``lang``."""
    return upload_error(err, Labels(lang))


def M(y: int, m: int) -> pd.Timestamp:
    return pd.Timestamp(y, m, 1)


# (file, expected rows as (month, tonnes, direction, cargo) sorted by month, stable)
GOOD = [
    (
        "good_en_comma.csv",
        [
            (M(2025, 1), 1200.0, "China", "coal"),
            (M(2025, 1), 1050.5, "India", "coal"),  # quoted "1,050.5"
            (M(2025, 2), 980.25, "China", "coal"),  # 2025-02-01
            (M(2025, 3), 0.0, "China", "coal"),  # "Mar 2025"
            (M(2025, 3), 75.5, "India", NA),  # "March 2025", empty cargo
        ],
    ),
    (
        "good_ru_cp1251_semicolon.csv",
        [
            (M(2024, 3), 0.5, NA, NA),  # "Мар 2024;0,5;;"
            (M(2025, 1), 1234.5, "Китай", "уголь"),  # "январь 2025;1 234,5"
            (M(2025, 2), 12000.0, "Китай", "уголь"),  # "12<NBSP>000"
            (M(2025, 3), 987.25, "Индия", "уголь"),  # "март 2025;987,25"
            (M(2025, 4), 3000.75, "Китай", "уголь"),  # 'Апрель 2025 г.;"3 000,75"'
        ],
    ),
    (
        "good_utf8_bom.csv",
        [
            (M(2024, 11), 1500.75, NA, NA),  # "1<NNBSP>500,75"
            (M(2024, 12), 2000.0, NA, NA),  # "2<NBSP>000"
            (M(2025, 1), 42.0, NA, NA),  # "2025-01-01 00:00:00"
        ],
    ),
    (
        "good_dotted_months.csv",
        [
            (M(2025, 1), 100.5, NA, "зерно"),  # 01.2025, tab-separated
            (M(2025, 2), 200.0, NA, "зерно"),  # 01.02.2025
            (M(2025, 3), 300.25, NA, NA),  # 3.2025, decimal point
            (M(2025, 4), 1000.0, NA, "зерно"),  # 15.04.2025, "1 000"
        ],
    ),
    (
        "good.xlsx",
        [  # title row + blank row above header
            (M(2025, 1), 1500.0, "Китай", "уголь"),
            (M(2025, 2), 1750.5, "Китай", "уголь"),
            (M(2025, 2), 10.0, "Индия", NA),  # date cell, other direction
            (M(2025, 3), 1234.5, "Индия", NA),  # datetime 2025-03-17 10:30, text "1 234,5"
        ],
    ),
    (
        "good_excel_serial.xlsx",
        [
            (M(2025, 1), 100.0, NA, NA),  # 45658
            (M(2025, 2), 200.5, NA, NA),  # 45689
            (M(2025, 3), 300.0, NA, NA),  # 45717
            (M(2025, 4), 0.0, NA, NA),  # 45750 = 2025-04-03
        ],
    ),
]

# (file, code, row, column)
BAD = [
    ("bad_empty.csv", "empty", None, None),
    ("bad_whitespace.csv", "empty", None, None),
    ("bad_header_only.csv", "no_rows", None, None),
    ("bad_binary.bin", "binary", None, None),
    ("bad_undecodable.csv", "binary", None, None),
    ("bad_fake.xlsx", "fake_xlsx", None, None),
    ("bad_zip_not_xlsx.xlsx", "fake_xlsx", None, None),
    ("bad_missing_column.csv", "missing_column", None, "tonnes"),
    ("bad_text_tonnes.csv", "bad_number", 4, "tonnes"),
    ("bad_negative.csv", "negative", 3, "Тонны"),
    ("bad_duplicate.csv", "duplicate_month", 4, "month"),
    ("bad_future.csv", "future_month", 3, "month"),
    ("bad_formula.csv", "formula", 3, "tonnes"),
    ("bad_formula.xlsx", "formula", 3, "tonnes"),
    ("bad_month_total_row.csv", "bad_month", 4, "Месяц"),
    ("bad_empty_tonnes.csv", "missing_value", 3, "tonnes"),
]


def _rows(df: pd.DataFrame) -> list[tuple]:
    return [
        (r.month, r.tonnes, None if pd.isna(r.direction) else r.direction, None if pd.isna(r.cargo) else r.cargo)
        for r in df.itertuples()
    ]


def _check_messages(err: UploadError) -> None:
    for lang in ("en", "ru"):
        msg = message(err, lang)
        assert msg.strip() and "Traceback" not in msg and not re.search(r"\{[a-z_]+\}", msg)
        if err.row is not None:
            assert str(err.row) in msg
        if err.column is not None:
            assert err.column in msg
    assert message(err, "en") != message(err, "ru")


def _expect_error(data: bytes, name: str, code: str, row=None, column=None) -> UploadError:
    with pytest.raises(UploadError) as info:
        parse_actuals(data, name, today=TODAY)
    err = info.value
    assert (err.code, err.row, err.column) == (code, row, column), message(err, "en")
    _check_messages(err)
    return err


@pytest.mark.parametrize("name, expected", GOOD, ids=[g[0] for g in GOOD])
def test_good_corpus(name, expected):
    df = parse_actuals((CORPUS / name).read_bytes(), name, today=TODAY)
    assert list(df.columns) == ["month", "tonnes", "direction", "cargo"]
    assert str(df["month"].dtype).startswith("datetime64") and df["tonnes"].dtype == "float64"
    assert df["month"].is_monotonic_increasing
    assert _rows(df) == expected


@pytest.mark.parametrize("name, code, row, column", BAD, ids=[b[0] for b in BAD])
def test_bad_corpus(name, code, row, column):
    _expect_error((CORPUS / name).read_bytes(), name, code, row, column)


def test_specific_messages():
    err = _expect_error((CORPUS / "bad_text_tonnes.csv").read_bytes(), "x.csv", "bad_number", 4, "tonnes")
    assert message(err, "en") == "Row 4, column ‘tonnes’: '12a' is not a number."  # English quotes
    # bad_future.csv: 2025-07 after TODAY (15 June 2025); months named in words, as the reader writes them
    future = _expect_error((CORPUS / "bad_future.csv").read_bytes(), "x.csv", "future_month", 3, "month")
    assert "July 2025" in message(future, "en") and "June 2025" in message(future, "en")
    assert "июль 2025" in message(future, "ru") and "июнь 2025" in message(future, "ru")
    assert "2025-07" not in message(future, "ru") + message(future, "en")
    # bad_duplicate.csv: 01.2025 in row 4 repeats January 2025 of row 2
    dup = _expect_error((CORPUS / "bad_duplicate.csv").read_bytes(), "x.csv", "duplicate_month", 4, "month")
    assert "январь 2025" in message(dup, "ru") and "January 2025" in message(dup, "en")
    assert message(err, "ru") == "Строка 4, столбец «tonnes»: «12a» — не число."
    err = _expect_error((CORPUS / "bad_missing_column.csv").read_bytes(), "x.csv", "missing_column", None, "tonnes")
    for lang, (q, p) in (("en", "‘’"), ("ru", "«»")):  # names what was found and what is expected, quoted per language
        assert f"{q}сумма{p}" in message(err, lang) and f"{q}месяц{p}" in message(err, lang)
    assert "tonnes" in message(err, "en") and "тонн" in message(err, "ru")
    err = _expect_error((CORPUS / "bad_duplicate.csv").read_bytes(), "x.csv", "duplicate_month", 4, "month")
    assert "row 2" in message(err, "en") and "строке 2" in message(err, "ru")
    assert str(err).startswith("duplicate_month, row 4, column month")  # the code, for logs; the sentence: present


def test_monthly_totals_by_hand():
    df = parse_actuals((CORPUS / "good_en_comma.csv").read_bytes(), "a.csv", today=TODAY)
    tot = monthly_totals(df)
    assert list(tot.columns) == ["month", "tonnes"]
    assert list(zip(tot["month"], tot["tonnes"])) == [(M(2025, 1), 2250.5), (M(2025, 2), 980.25), (M(2025, 3), 75.5)]
    assert monthly_totals(df.iloc[0:0]).empty


TEMPLATE_EXPECTED = {  # the documented example rows, by hand
    "en": [
        (M(2025, 9), 15000.0, "China", "grain"),
        (M(2025, 10), 12234.5, "China", "grain"),
        (M(2025, 10), 3500.0, "China", "vegetable oil"),
        (M(2025, 11), 17620.25, NA, NA),
    ],
    "ru": [
        (M(2025, 9), 15000.0, "Китай", "зерно"),
        (M(2025, 10), 12234.5, "Китай", "зерно"),
        (M(2025, 10), 3500.0, "Китай", "растительное масло"),
        (M(2025, 11), 17620.25, NA, NA),
    ],
}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_round_trip(lang, fmt):
    data = actuals_template(Labels(lang), fmt)
    assert 0 < len(data) < 50_000
    if fmt == "csv" and lang == "ru":
        assert data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        assert text.splitlines()[0] == "месяц;тонн;направление;груз" and "234,5" in text
    elif fmt == "csv":
        assert data.decode("utf-8").splitlines()[0] == "month,tonnes,direction,cargo"
    else:
        assert data[:4] == b"PK\x03\x04"
    assert _rows(parse_actuals(data, f"template.{fmt}", today=dt.date(2026, 1, 1))) == TEMPLATE_EXPECTED[lang]


@pytest.mark.parametrize(
    "text",
    [
        "2025-03",
        "2025-03-01",
        "03.2025",
        "01.03.2025",
        "март 2025",
        "Март 2025",
        "мар 2025",
        "марта 2025 г.",
        "March 2025",
        "Mar 2025",
        "45717",
        "2025-03-31 00:00:00",
    ],
)
def test_month_formats(text):
    df = parse_actuals(f"month;tonnes\n{text};1\n".encode(), "m.csv", today=TODAY)
    assert _rows(df) == [(M(2025, 3), 1.0, NA, NA)]


@pytest.mark.parametrize(
    "text", ["1 234,5", "1\u00a0234,5", "1\u202f234,5", "1,234.5", "1234.5", "1234,5", "1.234,5", '"1 234,50"']
)
def test_number_formats(text):
    df = parse_actuals(f"месяц;тонн\n03.2025;{text}\n".encode(), "n.csv", today=TODAY)
    assert df["tonnes"].tolist() == [1234.5]


@pytest.mark.parametrize(
    "sep, text, expected",
    [
        (",", '"2,500"', 2500.0),  # comma-separated file: a quoted 2,500 is a thousands group
        (";", "2,500", 2.5),  # semicolon file (Russian Excel): decimal comma, 2.5 t
        ("\t", "2,500", 2.5),
        (",", '"2 500,5"', 2500.5),  # space thousands, so the comma is decimal even in a comma file
        (",", '"1,234,567"', 1234567.0),
    ],
)
def test_ambiguous_comma_follows_file_convention(sep, text, expected):
    df = parse_actuals(f"month{sep}tonnes\n2025-01{sep}{text}\n".encode(), "a.csv", today=TODAY)
    assert df["tonnes"].tolist() == [expected]


@pytest.mark.parametrize("header", ["Тонн, т", "объём, т", "ОБЪЕМ,  Т", "T", "  TONNES ", "тонны", "tons"])
def test_tonnes_header_spellings(header):
    df = parse_actuals(f"Период;{header}\n2025-01;7\n".encode("cp1251"), "h.csv", today=TODAY)
    assert df["tonnes"].tolist() == [7.0]


def test_content_detection_beats_extension():
    xlsx = (CORPUS / "good_excel_serial.xlsx").read_bytes()
    assert len(parse_actuals(xlsx, "export.csv", today=TODAY)) == 4
    csv = (CORPUS / "good_en_comma.csv").read_bytes()
    _expect_error(csv, "export.xlsx", "fake_xlsx")


def _zip_with(member_size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            chunk = b"\0" * 2**20
            for _ in range(member_size // 2**20):
                fh.write(chunk)
    return buf.getvalue()


@pytest.mark.parametrize("mib", [60, 3], ids=["over_50MiB", "ratio"])
def test_zip_bomb_rejected_before_openpyxl(mib, monkeypatch):
    import openpyxl

    def boom(*a, **k):
        raise AssertionError("openpyxl must not open a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", boom)
    data = _zip_with(mib * 2**20)
    assert len(data) < MAX_UPLOAD_BYTES  # tiny on the wire, huge unpacked
    _expect_error(data, "bomb.xlsx", "zip_bomb")


def test_too_large():
    data = b"month,tonnes\n" + b"2025-01,1\n" * (MAX_UPLOAD_BYTES // 10 + 1)
    assert len(data) > MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    err = _expect_error(data, "big.csv", "too_large")
    assert "5" in message(err, "en") and "5" in message(err, "ru")


def _months_csv(n: int) -> bytes:  # n consecutive months ending at 2025-06
    rows = [f"{1925 + (6 + i) // 12}-{(6 + i) % 12 + 1:02d},1" for i in range(n)]
    return ("month,tonnes\n" + "\n".join(rows) + "\n").encode()


def test_row_limit():
    df = parse_actuals(_months_csv(1200), "ok.csv", today=TODAY)
    assert len(df) == 1200 and df["month"].iloc[0] == M(1925, 7) and df["month"].iloc[-1] == M(2025, 6)
    _expect_error(_months_csv(1201), "many.csv", "too_many_rows", 1202, None)


def test_workbook_missing_its_parts_is_named_as_such():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "this is not xml <<<")  # no [Content_Types].xml, no sheet
    err = _expect_error(buf.getvalue(), "broken.xlsx", "bad_workbook")
    # the reader's own name for it: openpyxl's KeyError, or python-calamine's CalamineError when that reads it
    assert "KeyError" in message(err, "en") or "CalamineError" in message(err, "en")


def test_workbook_whose_packed_bytes_are_corrupt_is_damaged():
    data = bytearray((CORPUS / "good.xlsx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)  # the member's packed bytes
    data[start + info.compress_size // 2] ^= 0xFF
    _expect_error(bytes(data), "damaged.xlsx", "damaged_xlsx")


def test_a_parser_bug_is_still_no_traceback_but_the_catch_all(monkeypatch):
    monkeypatch.setattr(upload, "_split", lambda *a: [][1])  # an IndexError of the parser's own
    err = _expect_error(b"month,tonnes\n2025-01,1\n", "ok.csv", "unreadable")
    assert "IndexError" in message(err, "en")


@pytest.mark.parametrize("seed", range(4))
def test_random_garbage_is_classified_never_the_catch_all(seed):
    # The catch-all "unreadable" means the parser itself failed: every corrupt file must get a named reason.
    rng = random.Random(20250615 + seed)
    seeds = [
        b"month;tonnes\n2025-01;1\n",
        (CORPUS / "good.xlsx").read_bytes(),
        (CORPUS / "good_dotted_months.csv").read_bytes(),
    ]
    codes = set()
    for i in range(300):
        base = bytearray(seeds[i % 3])
        for _ in range(rng.randint(1, 8)):
            base[rng.randrange(len(base))] = rng.randrange(256)
        if rng.random() < 0.2:  # cut short
            del base[rng.randrange(1, len(base)) :]
        try:
            parse_actuals(bytes(base), "fuzz.xlsx" if i % 3 == 1 else "fuzz.csv", today=TODAY)
        except UploadError as err:
            assert err.code != "unreadable", f"input {i} (seed {seed}) crashed the parser: {err.ctx}"
            _check_messages(err)
            codes.add(err.code)
    assert {"damaged_xlsx", "missing_column"} <= codes  # the fuzz reaches both the xlsx and the csv readers


def test_blank_trailing_and_default_today():
    df = parse_actuals(b"month,tonnes\n2020-01,5\n\n,\n \n", "t.csv")
    assert _rows(df) == [(M(2020, 1), 5.0, NA, NA)]


def test_module_is_pure_and_validates_in_one_model():
    tree = ast.parse(Path(upload.__file__).read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert "streamlit" not in imported
    row = upload.ActualRow.model_validate({"month": "март 2025", "tonnes": "1 234,5"}, context={"today": TODAY})
    assert (row.month, row.tonnes, row.direction) == (dt.date(2025, 3, 1), 1234.5, None)


# --- issue 21: bounded input (D5, D6) -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1e308", "1.7976931348623157e308", "100000001", "1e9"])
def test_implausible_tonnes_are_refused_at_parse_time_naming_row_and_column(value):
    # 1e308 t summed over two months overflowed to infinity; any value above 100 Mt a month (MAX_TONNES: more than
    # Russia's grain exports in a year) is refused where it is, as the user's row 3 and their "tonnes" column
    data = f"month,tonnes\n2025-01,10\n2025-02,{value}\n".encode()
    err = _expect_error(data, "big.csv", "implausible", row=3, column="tonnes")
    assert message(err, "en").startswith("Row 3, column ‘tonnes’:") and "100 000 000" in message(err, "en")
    assert message(err, "ru").startswith("Строка 3, столбец «tonnes»:")


def test_the_largest_plausible_tonnage_is_accepted():
    rows = upload.parse_actuals(b"month,tonnes\n2025-01,100000000\n", "ok.csv", today=dt.date(2026, 11, 25))
    assert rows["tonnes"].tolist() == [1e8]


def _xlsx(parts: dict[str, bytes], pad: int = 0) -> bytes:
    base = zipfile.ZipFile(CORPUS / "good.xlsx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n in base.namelist():
            z.writestr(n, parts.get(n, base.read(n)))
        for n, v in parts.items():
            if n not in base.namelist():
                z.writestr(n, v)
        if pad:
            z.writestr("xl/media/pad.bin", os.urandom(pad))
    return buf.getvalue()


def _sst(n: int, rnd: random.Random) -> bytes:
    body = "".join(f"<si><t>{rnd.getrandbits(80):020x}</t></si>" for _ in range(n))
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}" count="{n}" uniqueCount="{n}">{body}</sst>'.encode()
    )


def test_a_huge_shared_strings_table_is_refused_before_it_is_parsed():
    # D6: 1.4 million shared strings (39 MB unpacked, 5 MB packed) took openpyxl 10.4 s and +215 MB
    rnd = random.Random(1)
    body = "".join(f"<si><t>{i:07d}{rnd.choice('ab') * 6}</t></si>" for i in range(1_400_000))
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sst = f'<?xml version="1.0"?><sst xmlns="{ns}">{body}</sst>'.encode()
    data = _xlsx({"xl/sharedStrings.xml": sst})
    t0 = time.perf_counter()
    err = _expect_error(data, "strings.xlsx", "part_too_large")
    assert time.perf_counter() - t0 < 0.5
    assert "shared text table" in message(err, "en") and "limit 2 MB" in message(err, "en")


def heaviest_workbook() -> bytes:
    """The heaviest file the limits let through: shared strings just under 2 MiB, a sheet just under its 8 MiB of
    1,200 rows x 120 random numbers, padded to 5 MB (also timed by ``benchmarks/bench_upload.py``)."""
    rnd = random.Random(2)
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rows = [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>month</t></is></c><c r="B1" t="inlineStr"><is><t>tonnes</t>'
        "</is></c></row>"
    ]
    for i in range(2, 1202):
        cells = "".join(f'<c r="{_col(k)}{i}"><v>{rnd.random() * 1e6:.9f}</v></c>' for k in range(2, 120))
        month = f"{1920 + (i - 2) // 12}-{(i - 2) % 12 + 1:02d}"
        rows.append(
            f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{month}</t></is></c><c r="B{i}"><v>{i}</v></c>{cells}</row>'
        )
    sheet = f'<?xml version="1.0"?><worksheet xmlns="{ns}"><sheetData>{"".join(rows)}</sheetData></worksheet>'.encode()
    sst = _sst(50_000, rnd)
    assert len(sheet) < upload.MAX_SHEET_BYTES and len(sst) < upload.MAX_PART_BYTES["xl/sharedStrings.xml"]
    data = _xlsx({"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst})
    data = _xlsx({"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst}, pad=5 * 2**20 - len(data) - 4096)
    assert 4.9 * 2**20 < len(data) <= upload.MAX_UPLOAD_BYTES
    return data


def test_a_five_megabyte_workbook_within_the_limits_reads_every_month_within_100_mb(tmp_path):
    # Peak memory growth measured in a fresh process. Its time is a benchmark, not a test:
    # `python benchmarks/bench_upload.py` (README) times it against openpyxl's read-only reader, alternating.
    data = heaviest_workbook()
    path = tmp_path / "five.xlsx"
    path.write_bytes(data)
    probe = (
        "import resource, sys, time, datetime as dt\n"
        "from components.data import upload\n"
        f"data = open({str(path)!r}, 'rb').read()\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter()\n"
        "rows = upload.parse_actuals(data, 'five.xlsx', today=dt.date(2026, 11, 25))\n"
        "took = time.perf_counter() - t\n"
        "grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024\n"
        "print(len(rows), took, grew)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    n, took, grew = out.stdout.split()
    assert int(n) == 1200  # every month read
    assert float(grew) < 100, grew  # MB of peak resident memory over the process before parsing


def _col(k: int) -> str:
    s, k = "", k + 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s
