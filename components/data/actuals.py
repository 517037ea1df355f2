"""The user's actuals as one value: the parsed monthly tonnes by direction, the file they came from, which directions
count, and the id they were saved under.

Pure module (no Streamlit, no SQL). The app keeps one :class:`Actuals` in one session key
(:func:`components.app.state.actuals`); a saved one travels in the URL as ``?actuals=<id>``
(:meth:`Actuals.query`), and opening the link rebuilds the same value from the store's columns
(:meth:`Actuals.from_saved`, the JSON of :meth:`Actuals.detail_json`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from components.data import upload

#: The URL parameter that carries a saved item's id.
PARAM = "actuals"
_DETAIL_VERSION = 1
_COLUMNS = ["month", "direction", "tonnes"]


@dataclass(frozen=True)
class SourceFile:
    """The file behind the actuals.

    Attributes
    ----------
    name : str
        The file's name as uploaded.
    size : int
        Its size [bytes].
    sha256 : str
        SHA-256 of its bytes (hex).
    sheet : str or None
        The worksheet read (XLSX); None for a text file, or not known (saved before it was recorded).
    rows_read : int or None
        Data rows read [rows]; None when not known (saved before it was recorded).
    rows_skipped : int or None
        Title and blank rows above the last data row, the header not counted [rows]; None when not known.
    uploaded_at : datetime.datetime
        When it was uploaded (UTC).
    parser_version : str
        :data:`components.data.upload.PARSER_VERSION` of the parser that read it.
    """

    name: str
    size: int
    sha256: str
    sheet: str | None
    rows_read: int | None
    rows_skipped: int | None
    uploaded_at: dt.datetime
    parser_version: str


@dataclass(frozen=True, eq=False)
class Actuals:
    """Uploaded actual volumes, as the app holds them.

    Attributes
    ----------
    by_direction : pandas.DataFrame
        The file's rows summed over cargo: ``month`` (datetime64[ns], first of month), ``direction`` (str, ``""``
        for a row that states none) and ``tonnes`` [t/month], months ascending, directions in file order.
    source : SourceFile
        The file they came from.
    counted : tuple of str or None
        The direction values counted (``""``: rows stating none); None when the file states no direction and every
        row counts.
    saved_id : str or None
        The store's id when these actuals, with this choice, are saved; None otherwise.
    saved_at : datetime.datetime or None
        When they were saved (UTC).
    """

    by_direction: pd.DataFrame
    source: SourceFile
    counted: tuple[str, ...] | None
    saved_id: str | None = None
    saved_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        frame = self.by_direction[_COLUMNS].reset_index(drop=True)
        frame = frame.astype({"month": "datetime64[ns]", "direction": object, "tonnes": "float64"})
        frame["direction"] = frame["direction"].map(str)
        object.__setattr__(self, "by_direction", frame)
        if self.counted is not None:
            object.__setattr__(self, "counted", tuple(str(v) for v in self.counted))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Actuals):
            return NotImplemented
        return self.by_direction.equals(other.by_direction) and (
            self.source,
            self.counted,
            self.saved_id,
            self.saved_at,
        ) == (other.source, other.counted, other.saved_id, other.saved_at)

    __hash__ = None  # a value with a table in it: compared, never hashed

    # --- what the pages read ----------------------------------------------------------------------------------------

    @cached_property
    def series(self) -> pd.DataFrame:
        """The monthly tonnes counted: ``month`` (first of month, ascending, one row a month) and ``tonnes``
        [t/month]; as :func:`components.data.upload.monthly_totals`."""
        return upload.monthly_totals(self.by_direction, None if self.counted is None else list(self.counted))

    @property
    def directions(self) -> list[str]:
        """The direction values the file states, in file order (``""``: rows stating none); empty when it states
        none."""
        col = self.by_direction["direction"]
        return list(dict.fromkeys(col)) if (col != "").any() else []

    @property
    def empty(self) -> bool:
        """True when nothing is counted (no rows, or no direction chosen)."""
        return self.series.empty

    @property
    def months(self) -> int:
        """Months in :attr:`series` [months]."""
        return len(self.series)

    # --- changes ----------------------------------------------------------------------------------------------------

    def with_counted(self, values: list[str] | tuple[str, ...] | None) -> Actuals:
        """The same file with another choice of directions; no longer the saved item (its link keeps the old
        choice)."""
        counted = None if values is None or not self.directions else tuple(values)
        if counted == self.counted:
            return self
        return dataclasses.replace(self, counted=counted, saved_id=None, saved_at=None)

    def saved(self, item_id: str, at: dt.datetime | None = None) -> Actuals:
        """These actuals as saved under ``item_id`` (at ``at``, UTC)."""
        return dataclasses.replace(self, saved_id=item_id, saved_at=at)

    def query(self) -> dict[str, str]:
        """The URL parameter that opens these actuals: ``{"actuals": id}`` once saved, else nothing."""
        return {PARAM: self.saved_id} if self.saved_id else {}

    # --- to and from the store's columns ----------------------------------------------------------------------------

    def detail_json(self) -> str:
        """What the store keeps beside the counted series, as compact JSON: the monthly tonnes by direction, the
        choice, the sheet and the rows read and skipped (floats round-trip exactly)."""
        names = list(dict.fromkeys(self.by_direction["direction"]))
        index = {n: i for i, n in enumerate(names)}
        rows = [
            [f"{m:%Y-%m}", index[d], float(t)]
            for m, d, t in zip(self.by_direction["month"], self.by_direction["direction"], self.by_direction["tonnes"])
        ]
        return json.dumps(
            {
                "v": _DETAIL_VERSION,
                "sheet": self.source.sheet,
                "rows_read": self.source.rows_read,
                "rows_skipped": self.source.rows_skipped,
                "counted": None if self.counted is None else list(self.counted),
                "directions": names,
                "rows": rows,
            },
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
        )

    @classmethod
    def from_saved(
        cls,
        item_id: str,
        series: pd.DataFrame,
        file_name: str,
        file_size: int,
        sha256: str,
        uploaded_at: dt.datetime,
        parser_version: str,
        detail: str | None,
        saved_at: dt.datetime | None = None,
    ) -> Actuals:
        """Actuals rebuilt from a saved item's columns.

        Parameters
        ----------
        item_id : str
            The item's id.
        series : pandas.DataFrame
            The counted monthly series as saved (``month``, ``tonnes`` [t/month]).
        file_name, file_size, sha256, uploaded_at, parser_version
            The file's details as saved (size [bytes], time UTC).
        detail : str or None
            :meth:`detail_json` as saved; None for an item saved before it was kept: the counted series stands
            alone (no directions, sheet or row counts).
        saved_at : datetime.datetime, optional
            When it was saved (UTC).

        Returns
        -------
        Actuals
            Equal to the value that was saved.

        Raises
        ------
        ValueError
            ``detail`` is not JSON of this form.
        """
        if detail is None:
            source = SourceFile(file_name, file_size, sha256, None, None, None, uploaded_at, parser_version)
            frame = series.assign(direction="")[_COLUMNS]
            return cls(frame, source, None, item_id, saved_at)
        try:
            d = json.loads(detail)
            names = [str(n) for n in d["directions"]]
            frame = pd.DataFrame(
                {
                    "month": pd.to_datetime([m + "-01" for m, _, _ in d["rows"]]),
                    "direction": [names[i] for _, i, _ in d["rows"]],
                    "tonnes": [float(t) for _, _, t in d["rows"]],
                },
                columns=_COLUMNS,
            )
            source = SourceFile(
                file_name,
                file_size,
                sha256,
                d["sheet"],
                d["rows_read"],
                d["rows_skipped"],
                uploaded_at,
                parser_version,
            )
            counted = None if d["counted"] is None else tuple(d["counted"])
        except (KeyError, TypeError, IndexError, ValueError) as exc:
            raise ValueError(f"not the detail of saved actuals: {type(exc).__name__}") from None
        return cls(frame, source, counted, item_id, saved_at)


def from_upload(data: bytes, name: str, uploaded_at: dt.datetime, today: dt.date | None = None) -> Actuals:
    """Read an uploaded file into :class:`Actuals`, counting by default the directions that mean China (every row
    when it names none, or states no direction).

    Parameters
    ----------
    data : bytes
        The file's bytes.
    name : str
        Its name.
    uploaded_at : datetime.datetime
        When it was uploaded (UTC).
    today : datetime.date, optional
        Reference date; later months are rejected (:func:`components.data.upload.parse_actuals`).

    Returns
    -------
    Actuals
        Not saved (no id).

    Raises
    ------
    components.data.upload.UploadError
        The file is rejected; the one reason, with row and column.
    """
    parsed = upload.read_upload(data, name, today)
    rows = parsed.rows.assign(direction=parsed.rows["direction"].fillna("").astype(str))
    frame = rows.groupby(["month", "direction"], as_index=False, sort=False)["tonnes"].sum()
    frame = frame.sort_values("month", kind="stable")[_COLUMNS]
    source = SourceFile(
        name,
        len(data),
        hashlib.sha256(data).hexdigest(),
        parsed.sheet,
        parsed.rows_read,
        parsed.rows_skipped,
        uploaded_at,
        upload.PARSER_VERSION,
    )
    values = upload.directions(parsed.rows)
    return Actuals(frame, source, tuple(upload.default_directions(values)) if values else None)
