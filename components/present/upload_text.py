"""The upload box's words in the reader's language, from the catalogue: an upload's rejection
(``components.data.upload.UploadError`` → ``upload_err_<code>``, ``upload_at_row``...) and the example file
(``tpl_*``)."""

from __future__ import annotations

import re
import string

import pandas as pd

from components.data import upload
from components.data.upload import UploadError
from components.export import files as export
from components.present.i18n import Labels


def upload_error(err: UploadError, L: Labels) -> str:
    """The message of an upload's rejection: ``Row 4, column ‘tonnes’: '12a' is not a number.`` /
    ``Строка 4, столбец «tonnes»: «12a» — не число.``

    Parameters
    ----------
    err : UploadError
        Its ``code``, ``row``, ``column`` and the values the message names (``ctx``).
    L : Labels
        The reader's language.

    Returns
    -------
    str
        One sentence; a code without a message of its own reads as ``unreadable``; a value the message names but the
        error does not carry reads as ``?``.
    """
    key = f"upload_err_{err.code}" if L.has(f"upload_err_{err.code}") else "upload_err_unreadable"
    ctx = {k: str(v)[:40] if k == "value" else v for k, v in err.ctx.items()}
    for k in ("month", "latest"):  # «март 2025» / "March 2025", not "2025-03"
        if re.fullmatch(r"\d{4}-\d{2}", str(ctx.get(k, ""))):
            ctx[k] = L.month(pd.Timestamp(str(ctx[k]) + "-01"))
    if "found" in ctx:  # the headers seen, each quoted as the language quotes
        ctx["found"] = ", ".join(L("upload_quote", text=n) for n in ctx["found"]) or "—"
    if "part" in ctx:
        ctx["part"] = L(f"upload_part_{ctx['part']}")
    if err.code == "missing_column":
        col = f"upload_col_{err.column}"
        ctx["column"] = L(col) if L.has(col) else L("upload_quote", text=err.column or "")
    else:
        ctx["column"] = err.column or ""
    named = {f for _, f, _, _ in string.Formatter().parse(L.catalogue.labels[key]) if f}
    text = L(key, **{f: "?" for f in named} | {k: str(v) for k, v in ctx.items()})
    if err.row is None:
        return text[:1].upper() + text[1:]
    where = L("upload_at_row", row=err.row)
    if err.column:
        where += L("upload_at_column", column=err.column)
    return f"{where}: {text}"


def actuals_template(L: Labels, fmt: str) -> bytes:
    """The example upload (:func:`components.data.upload.template_bytes`) as a reader of ``L``'s language writes it:
    headers and words in the language, its CSV separator and decimal mark (``dl_csv_format``), thousands mark, month
    format and encoding.

    Parameters
    ----------
    L : Labels
        The reader's language.
    fmt : {"csv", "xlsx"}
        File format.

    Returns
    -------
    bytes
        The file's content.
    """
    csv = export.CSV_FORMATS[L("dl_csv_format")]
    style = upload.TemplateStyle(
        header=tuple(L(f"tpl_{c}") for c in ("month", "tonnes", "direction", "cargo")),
        words={w: L("tpl_word_" + w.replace(" ", "_")) for w in upload.TEMPLATE_WORDS},
        sep=csv.sep,
        decimal=csv.decimal,
        thousands=L("tpl_thousands"),
        csv_month=L("tpl_csv_month"),
        xlsx_month=L("tpl_xlsx_month"),
        encoding=L("tpl_encoding"),
    )
    return upload.template_bytes(fmt, style)
