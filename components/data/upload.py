"""Parse and validate a user's upload of actual monthly export volumes (tonnes per month).

Pure module (no Streamlit). Accepts messy CSV / XLSX exports from Russian Excel and 1C and
returns a clean table, or raises exactly one :class:`UploadError`: a code, the row and column, and the values a
message names (the message itself, in the reader's language, is ``components.present.messages.upload_error``). Row values are validated in one place: :class:`ActualRow`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass

import openpyxl
import pandas as pd
from pydantic import BaseModel, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from components import clock

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # 5 MiB, raw upload size
MAX_ROWS = 1200  # data rows (100 years of months)
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # declared uncompressed size of an xlsx
MAX_ZIP_RATIO = 100  # uncompressed / compressed, enforced above 1 MiB unpacked
#: Unpacked size of the parts openpyxl reads whole, checked before parsing [bytes]. A table of 1,200 months with a
#: direction and a cargo has at most 2,400 distinct texts (~100 KB of shared strings) and a sheet of ~300 KB; a
#: 5 MB upload with a 39 MB shared-strings table took openpyxl 10.4 s and +215 MB (issue 21, D6).
MAX_PART_BYTES = {"xl/sharedStrings.xml": 2 * 2**20, "xl/styles.xml": 2 * 2**20}
MAX_SHEET_BYTES = 8 * 2**20  # one worksheet part (a read row's every cell is parsed, even past column 64)
#: Largest tonnage one row may state [t]: 100 million tonnes in a month is more than Russia's grain exports in a
#: year (about 60 Mt); larger values are typing errors or hostile input, and 1e308 overflowed the sums (D5).
MAX_TONNES = 1e8
HEADER_SCAN = 10  # non-blank rows searched for the header (1C puts title rows above it)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


_COLUMNS = {  # canonical -> (Russian display name, accepted header spellings after _norm)
    "month": ("месяц", {"month", "месяц", "период", "дата", "date", "period"}),
    "tonnes": (
        "тонн",
        {
            "tonnes",
            "tons",
            "t",
            "тонн",
            "тонны",
            "тонн,т",
            "тонны,т",
            "объем,т",
            "объем",
            "объем,тонн",
            "tonnes,t",
            "volume,t",
            # the unit in the header, as the upload box asks: t/month
            "т/мес",
            "тонн/мес",
            "тоннвмесяц",
            "объем,т/мес",
            "t/month",
            "tonnes/month",
            "tonnespermonth",
        },
    ),
    "direction": (
        "направление",
        {
            "direction",
            "направление",
            "destination",
            "назначение",
            "странаназначения",
            "направлениеэкспорта",
            "country",
            "страна",
        },
    ),
    "cargo": ("груз", {"cargo", "груз"}),
}
_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            "январь января янв january jan",
            "февраль февраля фев february feb",
            "март марта мар march mar",
            "апрель апреля апр april apr",
            "май мая may",
            "июнь июня июн june jun",
            "июль июля июл july jul",
            "август августа авг august aug",
            "сентябрь сентября сен сент september sep sept",
            "октябрь октября окт october oct",
            "ноябрь ноября ноя november nov",
            "декабрь декабря дек december dec",
        ),
        1,
    )
    for name in names.split()
}


class UploadError(ValueError):
    """One clear reason why an upload was rejected.

    Attributes
    ----------
    code : str
        Machine-readable reason, e.g. ``"bad_number"``, ``"zip_bomb"``, ``"unreadable"``.
    row : int or None
        1-based row as the user sees it in the file (header = row 1 in a plain file).
    column : str or None
        Column name as written in the user's file (the canonical name for ``missing_column``).
    """

    def __init__(self, code: str, row: int | None = None, column: str | None = None, **ctx: object):
        self.code, self.row, self.column, self.ctx = code, row, column, ctx
        # the reader's sentence is the presentation's (components/present/messages.upload_error, from the catalogue)
        where = "".join(f", {k} {v}" for k, v in (("row", row), ("column", column)) if v is not None)
        super().__init__(f"{code}{where}" + (f": {ctx}" if ctx else ""))


def _norm(text: object) -> str:
    """Lower-case header text, drop all kinds of whitespace, fold ё to е."""
    return re.sub(r"\s+", "", str(text).replace("\ufeff", "")).lower().replace("ё", "е").rstrip(".:")


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and math.isnan(v))


def _parse_month(value: object) -> dt.date:
    """Parse a month cell (date, Excel serial day, or text) into the first day of that month."""
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value) and 20000 <= value <= 80000:  # Excel serial day, years 1954..2119
            return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).replace(day=1)
        raise ValueError(value)
    s = re.sub(r"\s+", " ", str(value)).strip().lower().replace("ё", "е")
    s = re.sub(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", s)  # drop a "00:00:00" time part
    if re.fullmatch(r"\d{5}(\.0+)?", s):
        return _parse_month(float(s))
    y = None
    if g := re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?", s):  # 2025-03, 2025-03-01
        y, m, d = int(g[1]), int(g[2]), int(g[3] or 1)
    elif g := re.fullmatch(r"(?:(\d{1,2})\.)?(\d{1,2})[./](\d{4})", s):  # 03.2025, 01.03.2025
        d, m, y = int(g[1] or 1), int(g[2]), int(g[3])
    elif (g := re.fullmatch(r"([a-zа-я]+)\.?,? ?(\d{4})( ?г(од|\.)?)?\.?", s)) and g[1] in _MONTHS:  # март 2025 г.
        y, m, d = int(g[2]), _MONTHS[g[1]], 1
    if y is None or not 1900 <= y <= 2100:
        raise ValueError(value)
    return dt.date(y, m, d).replace(day=1)  # ValueError on month 13 / 31 February


def _parse_tonnes(value: object, comma_decimal: bool) -> float:
    """Parse ``1 234,5`` / ``1,234.5`` / ``1234.5`` or a number into float tonnes.

    A lone ``1,234`` is ambiguous: a decimal comma unless the file is comma-separated.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    s = re.sub(r"[\s']+", "", str(value)).replace("\u2212", "-")  # \s covers NBSP and narrow NBSP
    if "," in s and "." in s:  # the later one is the decimal mark
        s = s.replace(",", "") if s.rfind(".") > s.rfind(",") else s.replace(".", "").replace(",", ".")
    elif s.count(",") > 1 or s.count(".") > 1 or (not comma_decimal and re.fullmatch(r"[+-]?\d{1,3},\d{3}", s)):
        s = s.replace(",", "").replace(".", "")  # 1,234,567 / 1.234.567 thousands groups
    s = s.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", s, re.I):
        raise ValueError(value)
    return float(s)


def _fail(code: str, **ctx: object) -> PydanticCustomError:
    return PydanticCustomError(code, code, ctx or None)


class ActualRow(BaseModel):
    """Schema of one data row: the single place where row values are validated.

    Validation context: ``today`` (date; later months are rejected) and ``comma_decimal`` (bool).

    Attributes
    ----------
    month : datetime.date
        First day of the month the volume belongs to; not after today's month.
    tonnes : float
        Exported volume in tonnes, finite and ``>= 0``.
    direction, cargo : str or None
        Optional free-text breakdown keys.
    """

    month: dt.date
    tonnes: float
    direction: str | None = None
    cargo: str | None = None

    @field_validator("month", "tonnes", mode="before")
    @classmethod
    def _required(cls, v: object, info: ValidationInfo) -> object:
        if _blank(v):
            raise _fail("missing_value")
        ctx = info.context or {}
        if info.field_name == "tonnes":
            try:
                t = _parse_tonnes(v, ctx.get("comma_decimal", True))
            except (ValueError, TypeError):
                raise _fail("bad_number", value=v) from None
            if not math.isfinite(t):
                raise _fail("bad_number", value=v)
            if t < 0:
                raise _fail("negative", value=v)
            if t > MAX_TONNES:
                raise _fail("implausible", value=v, limit=f"{MAX_TONNES:,.0f}".replace(",", " "))
            return t
        try:
            month = _parse_month(v)
        except (ValueError, OverflowError, TypeError):
            raise _fail("bad_month", value=v) from None
        latest = (ctx.get("today") or clock.today()).replace(day=1)
        if month > latest:
            raise _fail("future_month", month=f"{month:%Y-%m}", latest=f"{latest:%Y-%m}")
        return month

    @field_validator("direction", "cargo", mode="before")
    @classmethod
    def _text(cls, v: object) -> str | None:
        return None if _blank(v) else re.sub(r"\s+", " ", str(v)).strip()[:200]


Rows = list[tuple[int, list[object], list[bool]]]  # (row number in file, cell values, cell-is-formula flags)


def _read_xlsx(data: bytes) -> tuple[Rows, str]:
    """Check the zip for bombs, then read the active sheet with formulas left unevaluated; the rows and the sheet's
    name."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):  # last: "zip file version 8.8"
        raise UploadError("fake_xlsx") from None
    unpacked = sum(i.file_size for i in infos)  # zipfile never inflates past these declared sizes
    ratio = unpacked / max(1, sum(i.compress_size for i in infos))
    if len(infos) > 1000 or unpacked > MAX_UNZIPPED_BYTES or (unpacked > 2**20 and ratio > MAX_ZIP_RATIO):
        raise UploadError("zip_bomb", unpacked_mb=round(unpacked / 2**20, 1), ratio=round(ratio))
    if "xl/workbook.xml" not in zf.namelist():
        raise UploadError("fake_xlsx")
    for i in infos:  # parts read whole are bounded before any XML is parsed
        limit = MAX_PART_BYTES.get(i.filename) or (MAX_SHEET_BYTES if i.filename.startswith("xl/worksheets/") else 0)
        if limit and i.file_size > limit:
            what = {"xl/sharedStrings.xml": "shared_strings"}.get(
                i.filename, "styles" if "styles" in i.filename else "worksheet"
            )
            raise UploadError(
                "part_too_large",
                part=what,
                size_mb=round(i.file_size / 2**20, 1),
                limit_mb=round(limit / 2**20),
            )
    try:
        return _sheet_rows(data)
    except UploadError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a part's bytes fail their CRC or do not inflate
        raise UploadError("damaged_xlsx", reason=_reason(exc)) from None
    except (KeyError, SyntaxError, ValueError, TypeError, IndexError, NotImplementedError) as exc:
        # openpyxl's answers to a part the workbook needs being missing (KeyError), malformed XML (SyntaxError:
        # xml.etree's ParseError and lxml's XMLSyntaxError), cells or styles it cannot read (ValueError,
        # TypeError, IndexError) and features it does not read (NotImplementedError)
        raise UploadError("bad_workbook", reason=_reason(exc)) from None


def _reason(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ACTIVE_TAB = re.compile(rb"<(?:\w+:)?workbookView\b[^>]*\bactiveTab=\"(\d+)\"")


def _sheet_rows(data: bytes) -> tuple[Rows, str]:
    """Non-blank rows of the workbook's active sheet, and its name: python-calamine (Rust) when it is installed and
    no sheet holds a formula, else openpyxl's streaming reader (which tells where a formula is, for the message).

    A 1.3 MB file with an 11 MB sheet of 300 columns a row: calamine 0.23 s, openpyxl 2.4 s (tests/test_upload.py
    checks the bound)."""
    try:
        import python_calamine as calamine
    except ImportError:
        calamine = None
    if calamine is not None:
        zf = zipfile.ZipFile(io.BytesIO(data))
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        if not any(_FORMULA_TAG.search(zf.read(n)) for n in sheets):  # each part bounded by MAX_SHEET_BYTES
            tab = _ACTIVE_TAB.search(zf.read("xl/workbook.xml"))
            return _calamine_rows(calamine, data, int(tab[1]) if tab else 0)
    return _openpyxl_rows(data)


def _calamine_rows(calamine, data: bytes, index: int) -> tuple[Rows, str]:  # noqa: ANN001
    try:
        wb = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = wb.sheet_names
        if not names:
            raise UploadError("bad_workbook", reason="no worksheet")
        index = index if index < len(names) else 0
        sheet = wb.get_sheet_by_index(index)
        rows: Rows = []
        last = 0
        for num, values in enumerate(sheet.iter_rows(), sheet.start[0] + 1 if sheet.start else 1):
            values = [None if v == "" else v for v in values[:64]]
            if not all(_blank(v) for v in values):
                rows.append((num, values, [False] * len(values)))
                last = num
            if len(rows) > MAX_ROWS + HEADER_SCAN or num - last > 5000:
                break
        return rows, str(names[index])
    except UploadError:
        raise
    except Exception as exc:  # calamine's CalamineError and its kin: a workbook it cannot read
        raise UploadError("bad_workbook", reason=_reason(exc)) from None


def _openpyxl_rows(data: bytes) -> tuple[Rows, str]:
    """Non-blank rows of the workbook's active sheet, formulas left unevaluated, and its name."""
    rows: Rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            last = 0
            if wb.active is None:
                raise UploadError("bad_workbook", reason="no worksheet")
            sheet = str(wb.active.title)
            for num, cells in enumerate(wb.active.iter_rows(min_row=1, max_col=64), 1):
                values = [c.value for c in cells]
                if not all(_blank(v) for v in values):
                    rows.append((num, values, [c.data_type == "f" for c in cells]))
                    last = num
                if len(rows) > MAX_ROWS + HEADER_SCAN or num - last > 5000:  # enough / only blank rows left
                    break
        finally:
            wb.close()
    return rows, sheet


def _read_csv(data: bytes) -> tuple[Rows, str]:
    """Decode (UTF-16 BOM, UTF-8 with/without BOM, else cp1251), pick the separator, split rows."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16")  # Excel "Unicode text" export
    elif b"\x00" in data:
        raise UploadError("binary")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1251")
            except UnicodeDecodeError:
                raise UploadError("binary") from None
    if "\x00" in text or sum(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text) > max(2, len(text) // 100):
        raise UploadError("binary")
    head = "\n".join(text.splitlines()[: HEADER_SCAN * 3])
    sep = next(
        (s for s in "\t;," if _find_header(_split(head, s))), "\t" if "\t" in head else ";" if ";" in head else ","
    )
    return _split(text, sep), sep


def _split(text: str, sep: str) -> Rows:
    rows: Rows = []
    for num, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=sep), 1):
        if cells and not all(_blank(c) for c in cells):
            rows.append((num, [c.strip() for c in cells], [c.strip().startswith("=") for c in cells]))
            if len(rows) > MAX_ROWS + HEADER_SCAN:
                break
    return rows


def _find_header(rows: Rows) -> tuple[int, dict[str, int]] | None:
    """Position of the header among the first rows, and canonical name -> column index."""
    for idx, (_, values, _) in enumerate(rows[:HEADER_SCAN]):
        found: dict[str, int] = {}
        for col, v in enumerate(values):
            for key, (_, spellings) in _COLUMNS.items():
                if not _blank(v) and _norm(v) in spellings:
                    found.setdefault(key, col)
        if "month" in found and "tonnes" in found:
            return idx, found
    return None


@dataclass(frozen=True, eq=False)
class ParsedUpload:
    """What :func:`read_upload` got from a file: its rows, and where in the file they were.

    Attributes
    ----------
    rows : pandas.DataFrame
        As :func:`parse_actuals` returns.
    sheet : str or None
        Name of the worksheet read (an XLSX's active sheet); None for a text file.
    rows_read : int
        Data rows read, below the header [rows].
    rows_skipped : int
        Rows of the file above its last data row that were not data: title rows above the header and blank rows
        (the header itself not counted) [rows].
    """

    rows: pd.DataFrame
    sheet: str | None
    rows_read: int
    rows_skipped: int


def parse_actuals(data: bytes, filename: str, today: dt.date | None = None) -> pd.DataFrame:
    """Parse an upload of actual monthly export volumes.

    Parameters
    ----------
    data : bytes
        Raw file content: CSV (UTF-8, UTF-8 BOM, cp1251 or UTF-16; ``,`` ``;`` or tab) or XLSX.
    filename : str
        Original file name; only used to flag files that pretend to be ``.xlsx``.
    today : datetime.date, optional
        Reference date (default: :func:`components.clock.today`); months after its month are rejected.

    Returns
    -------
    pandas.DataFrame
        ``month`` (datetime64[ns], first day of month, ascending), ``tonnes`` (float64,
        tonnes, >= 0), ``direction`` and ``cargo`` (``string`` dtype, ``<NA>`` when absent).

    Raises
    ------
    UploadError
        The only exception raised; ``code``, ``row`` and ``column`` say what is wrong.
    """
    return read_upload(data, filename, today).rows


def read_upload(data: bytes, filename: str, today: dt.date | None = None) -> ParsedUpload:
    """Parse an upload as :func:`parse_actuals` does, and say which sheet and how many rows were read and skipped.

    Parameters
    ----------
    data : bytes
        Raw file content (as :func:`parse_actuals`).
    filename : str
        Original file name.
    today : datetime.date, optional
        Reference date (default: :func:`components.clock.today`).

    Returns
    -------
    ParsedUpload
        The rows, the worksheet's name (XLSX) and the rows read and skipped [rows].

    Raises
    ------
    UploadError
        The only exception raised.
    """
    try:
        return _parse(bytes(data), str(filename or ""), today or clock.today())
    except UploadError:
        raise
    except Exception as exc:  # never leak a parser traceback to the user
        kind = type(exc)
        raise UploadError(
            "unreadable",
            reason=kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}",
        ) from exc


def _parse(data: bytes, filename: str, today: dt.date) -> ParsedUpload:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError("too_large", size_mb=round(len(data) / 2**20, 1), limit_mb=MAX_UPLOAD_BYTES // 2**20)
    if not data.strip():
        raise UploadError("empty")
    sheet = None
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        (rows, sheet), sep = _read_xlsx(data), None
    else:
        rows, sep = _read_csv(data)
    if not rows:
        raise UploadError("empty")
    if (header := _find_header(rows)) is None:
        names = [str(v).strip() for v in rows[0][1] if not _blank(v)]
        seen_cols = {k for v in names for k, (_, spellings) in _COLUMNS.items() if _norm(v) in spellings}
        raise UploadError(
            "missing_column",
            column="month" if "month" not in seen_cols else "tonnes",
            found=tuple(n[:40] for n in names[:12]),  # the headers seen, quoted by the presentation
        )
    hidx, colmap = header
    hvalues, body = rows[hidx][1], rows[hidx + 1 :]
    if not body:
        raise UploadError("no_rows")
    if len(body) > MAX_ROWS:
        raise UploadError("too_many_rows", row=body[MAX_ROWS][0], limit=MAX_ROWS)

    def colname(i: int) -> str:
        return str(hvalues[i]).strip() if i < len(hvalues) and not _blank(hvalues[i]) else f"#{i + 1}"

    context = {"today": today, "comma_decimal": sep != ","}
    out, seen = [], {}
    for num, values, formulas in body:
        if any(formulas):
            i = formulas.index(True)
            raise UploadError("formula", row=num, column=colname(i), value=values[i])
        try:
            rec = ActualRow.model_validate(
                {k: values[i] if i < len(values) else None for k, i in colmap.items()}, context=context
            )
        except ValidationError as exc:
            err = exc.errors()[0]
            col = colname(colmap[str(err["loc"][0])] if err["loc"] else colmap["month"])
            raise UploadError(err["type"], row=num, column=col, **err.get("ctx", {})) from None
        if (key := (rec.month, rec.direction, rec.cargo)) in seen:
            extra = ", ".join(x for x in (rec.direction, rec.cargo) if x)
            raise UploadError(
                "duplicate_month",
                row=num,
                column=colname(colmap["month"]),
                month=f"{rec.month:%Y-%m}",
                key=f" ({extra})" if extra else "",
                first_row=seen[key],
            )
        seen[key] = num
        out.append(rec.model_dump())
    df = pd.DataFrame(out, columns=["month", "tonnes", "direction", "cargo"])
    df = df.astype({"month": "datetime64[ns]", "tonnes": "float64", "direction": "string", "cargo": "string"})
    df = df.sort_values("month", kind="stable").reset_index(drop=True)
    return ParsedUpload(df, sheet, len(body), body[-1][0] - len(body) - 1)


#: Version of this parser, saved with every stored upload (bump when what a file parses to can change).
PARSER_VERSION = "2"
#: Direction values that mean China (after lower-casing and folding ё); a value containing one of the stems also does.
_CHINA = {"china", "cn", "chn", "prc", "кнр", "китай"}
_CHINA_STEMS = ("china", "китай", "кнр")


def is_china(direction: object) -> bool:
    """True if a direction/destination cell names China (``Китай``, ``КНР``, ``China``, ``CN``, ``в Китай``...)."""
    if direction is None or direction is pd.NA or (isinstance(direction, float) and math.isnan(direction)):
        return False
    s = re.sub(r"\s+", " ", str(direction)).strip().lower().replace("ё", "е")
    return s in _CHINA or any(stem in s for stem in _CHINA_STEMS)


def directions(actuals: pd.DataFrame) -> list[str]:
    """Distinct values of the direction column in file order; ``""`` stands for rows that leave it blank.

    Returns an empty list when no row states a direction (the file has no such column, or it is empty).
    """
    col = actuals["direction"]
    if col.isna().all():
        return []
    return list(dict.fromkeys("" if pd.isna(v) else str(v) for v in col))


def default_directions(values: list[str]) -> list[str]:
    """What counts unless the user chooses: the values that mean China, or every value if none does."""
    china = [v for v in values if is_china(v)]
    return china or list(values)


def monthly_totals(actuals: pd.DataFrame, only: list[str] | None = None) -> pd.DataFrame:
    """Sum tonnes over direction and cargo, counting only the chosen directions.

    Parameters
    ----------
    actuals : pandas.DataFrame
        Output of :func:`parse_actuals` (``month``, ``tonnes``, ...).
    only : list of str, optional
        Direction values to count (``""``: rows with no direction); None counts every row.

    Returns
    -------
    pandas.DataFrame
        ``month`` (first day of month, ascending, one row per month) and ``tonnes``
        (float64, total tonnes exported in that month).
    """
    if only is not None:
        actuals = actuals[actuals["direction"].fillna("").astype(str).isin(list(only))]
    out = actuals.groupby("month", as_index=False, sort=True)["tonnes"].sum()
    return out[["month", "tonnes"]].astype({"month": "datetime64[ns]", "tonnes": "float64"})


_TEMPLATE_ROWS = [
    (dt.date(2025, 9, 1), 15000.0, "China", "grain"),
    (dt.date(2025, 10, 1), 12234.5, "China", "grain"),
    (dt.date(2025, 10, 1), 3500.0, "China", "vegetable oil"),
    (dt.date(2025, 11, 1), 17620.25, None, None),
]
#: The words of the example rows (a reader's language gives its own for each: :class:`TemplateStyle`).
TEMPLATE_WORDS = ("China", "grain", "vegetable oil")


@dataclass(frozen=True)
class TemplateStyle:
    """How a reader writes the example upload: headers, words, CSV separator, decimal and thousands marks, month
    format and encoding (the presentation fills it from the reader's catalogue)."""

    header: tuple[str, ...]  # month, tonnes, direction, cargo
    words: dict[str, str]  # a word of TEMPLATE_WORDS -> the reader's
    sep: str
    decimal: str
    thousands: str
    csv_month: str  # strftime of a month in the CSV
    xlsx_month: str  # Excel number format of a month cell
    encoding: str


def template_bytes(fmt: str, style: TemplateStyle) -> bytes:
    """Return a small example upload (monthly tonnes) that :func:`parse_actuals` accepts.

    Parameters
    ----------
    fmt : {"csv", "xlsx"}
        File format.
    style : TemplateStyle
        The reader's headers, words and number and month formats (``;``, a decimal comma, ``utf-8-sig`` for Russian
        Excel).

    Returns
    -------
    bytes
        File content: four example rows (September–November 2025) with tonnes, direction and cargo.
    """
    rows = [(m, t, style.words.get(d, d), style.words.get(c, c)) for m, t, d, c in _TEMPLATE_ROWS]
    if fmt == "xlsx":
        wb = openpyxl.Workbook()
        wb.active.append(list(style.header))
        for row in rows:
            wb.active.append(list(row))
            wb.active.cell(wb.active.max_row, 1).number_format = style.xlsx_month
        wb.save(buf := io.BytesIO())
        return buf.getvalue()
    if fmt != "csv":
        raise ValueError(f"fmt must be 'csv' or 'xlsx', not {fmt!r}")
    w = csv.writer(text := io.StringIO(), delimiter=style.sep, lineterminator="\r\n")
    w.writerow(style.header)
    for m, t, d, c in rows:  # 2025-09,15000 / 09.2025;15 000 (NBSP thousands, decimal comma)
        plain = f"{t:,.2f}".rstrip("0").rstrip(".")  # 17,620.25 / 15,000 (no rounding to 6 digits)
        tonnes = plain.replace(",", "\x00").replace(".", style.decimal).replace("\x00", style.thousands)
        w.writerow([m.strftime(style.csv_month), tonnes, d or "", c or ""])
    return text.getvalue().encode(style.encoding)
