"""Regenerate the upload test corpus: ``python tests/corpus/make_corpus.py``.

Files are written byte-for-byte as a messy real-world export would be
(cp1251, BOM, NBSP thousands separators, ...), so the encodings are explicit.
Expected parse results live in ``tests/test_upload.py`` and were worked out by
hand from the literal contents below.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
NBSP, NNBSP = "\u00a0", "\u202f"


def write(name: str, data: bytes | str, encoding: str = "utf-8") -> None:
    """Write one corpus file (text is encoded with ``encoding``, no newline translation)."""
    (HERE / name).write_bytes(data if isinstance(data, bytes) else data.encode(encoding))


def xlsx(rows: list[list[object]], formats: dict[str, str] | None = None) -> bytes:
    """Build a one-sheet workbook; ``formats`` maps a cell ref to a number format."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> None:
    # ---- good files -------------------------------------------------------
    write(
        "good_en_comma.csv",
        "month,tonnes,direction,cargo\n"
        "2025-01,1200,China,coal\n"
        '2025-01,"1,050.5",India,coal\n'
        "2025-02-01,980.25,China,coal\n"
        "Mar 2025,0,China,coal\n"
        "March 2025,75.5,India,\n"
        ",,,\n\n\n",
    )
    write(
        "good_ru_cp1251_semicolon.csv",
        "Месяц;Тонн, т;Направление;Груз\r\n"
        f"январь 2025;1 234,5;Китай;уголь\r\n"
        f"Февраль 2025;12{NBSP}000;Китай;уголь\r\n"
        f"март 2025;987,25;Индия;уголь\r\n"
        f"Мар 2024;0,5;;\r\n"
        f'Апрель 2025 г.;"3 000,75";Китай;уголь\r\n'
        ";;;\r\n",
        encoding="cp1251",
    )
    write(
        "good_utf8_bom.csv",
        f"Период;Объём, т\r\n2024-11;1{NNBSP}500,75\r\n2024-12;2{NBSP}000\r\n2025-01-01 00:00:00;42\r\n",
        encoding="utf-8-sig",
    )
    write(
        "good_dotted_months.csv",
        "дата\tтонны\tгруз\n"
        "01.2025\t100,5\tзерно\n"
        "01.02.2025\t200\tзерно\n"
        "3.2025\t300.25\t\n"
        "15.04.2025\t1 000\tзерно\n",
    )
    write(
        "good.xlsx",
        xlsx(
            [
                ["Отгрузка на экспорт, 2025 г."],
                [],
                ["Месяц", "Тонн", "Направление", "Груз"],
                [dt.datetime(2025, 1, 1), 1500, "Китай", "уголь"],
                [dt.datetime(2025, 2, 1), 1750.5, "Китай", "уголь"],
                [dt.datetime(2025, 3, 17, 10, 30), "1 234,5", "Индия", None],
                [dt.date(2025, 2, 1), 10, "Индия", None],
                [None, None, None, None],
            ],
            {"A4": "mm.yyyy", "A5": "mm.yyyy", "A6": "dd.mm.yyyy hh:mm", "A7": "mm.yyyy"},
        ),
    )
    write(
        "good_excel_serial.xlsx",
        xlsx(
            [
                ["month", "tonnes"],
                [45658, 100],
                [45689, 200.5],
                [45717, 300],
                [45750, 0],
            ]
        ),
    )
    # ---- bad files --------------------------------------------------------
    write("bad_empty.csv", b"")
    write("bad_whitespace.csv", b"  \r\n\r\n\t\n")
    write("bad_header_only.csv", "month,tonnes\n,\n\n")
    write("bad_binary.bin", bytes(range(256)) * 4)
    write("bad_undecodable.csv", b"month,tonnes\n2025-01,\x98\x98\n")
    write("bad_fake.xlsx", "month,tonnes\n2025-01,5\n")
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    write("bad_zip_not_xlsx.xlsx", zbuf.getvalue())
    write("bad_missing_column.csv", "месяц;сумма;груз\n01.2025;5;уголь\n")
    write("bad_text_tonnes.csv", "month,tonnes\n2025-01,10\n2025-02,20\n2025-03,12a\n")
    write("bad_negative.csv", "Месяц;Тонны\n01.2025;1 000\n02.2025;-1 000,5\n")
    write("bad_duplicate.csv", "month,tonnes,direction\n2025-01,10,China\n2025-02,20,China\n01.2025,30,China\n")
    write("bad_future.csv", "month,tonnes\n2025-05,10\n2025-07,20\n")
    write("bad_formula.csv", "month,tonnes\n2025-01,10\n2025-02,=SUM(B2:B2)\n")
    write("bad_formula.xlsx", xlsx([["month", "tonnes"], ["2025-01", 10], ["2025-02", "=B2*2"]]))
    write("bad_month_total_row.csv", "Месяц;Тонн\n01.2025;10\n02.2025;20\nИтого;30\n", encoding="cp1251")
    write("bad_empty_tonnes.csv", "month,tonnes\n2025-01,10\n2025-02,\n")


if __name__ == "__main__":
    main()
