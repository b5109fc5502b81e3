"""Publication dates: the one set of rules by which newsframes reads a ``date`` column.

:func:`toolkit.io.load_corpus` (per file) and :func:`toolkit.schema.validate_corpus` apply
these rules to ``date``; :func:`parse_dates` applies them to any Series, for modules and
importers that need dates read the same way.

**Implausible dates.** A date that parses may still be wrong: ``0001-01-01`` (a
placeholder of many databases), ``2050-03-01`` (a typo of 2005 or 2015), ``1970-01-01``
(a zero Unix timestamp is *not* caught: it is a plausible date). The rule: a date is
implausible when it is before :data:`EARLIEST_DATE` (1900-01-01: before that there is no
online news and hardly a digitised press corpus that is not dated by hand) or more than
:data:`MAX_DAYS_AHEAD` (366) days after today (a publication date cannot lie in the
future; a year of slack covers wrong time zones and scheduled embargoes).
:func:`toolkit.io.load_corpus` flags such dates with a
:class:`~toolkit.schema.CorpusWarning` naming the file, row and ``doc_id`` of each, and
lists them in ``attrs["implausible_dates"]``; it neither drops nor changes them.
:func:`implausible_dates` applies the rule to any corpus, with other bounds if a corpus
needs them (a historical press archive: ``earliest="1800-01-01"``). Time-series functions
refuse dates spread over more than :data:`toolkit.periods.MAX_SPAN_YEARS` years (see
:mod:`toolkit.periods`).
"""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd

from .schema import (
    BAD_COL,
    FILE_COL,
    ROW_COL,
    TEXT_DTYPE,
    CorpusError,
    CorpusWarning,
    _parse_dates,
    where,
)

__all__ = ["EARLIEST_DATE", "MAX_DAYS_AHEAD", "implausible_dates", "parse_dates"]

_MAX_LISTED = 8
#: Dates before this day are implausible (see the module's rule).
EARLIEST_DATE = "1900-01-01"
#: Dates more than this many days after today are implausible.
MAX_DAYS_AHEAD = 366
#: ``attrs`` key under which ``load_corpus`` lists implausible dates.
REPORT_KEY = "implausible_dates"


def parse_dates(
    values: pd.Series | Any,
    *,
    date_format: str | None = None,
    errors: str = "raise",
    origin: str = "<Series>",
) -> pd.Series:
    """Parse publication dates with the rules that ``load_corpus`` applies to ``date``.

    Rules:

    * Values that are already ``datetime64`` are returned unchanged; Python
      ``datetime``/``Timestamp`` objects are converted with :func:`pandas.to_datetime`.
    * Strings are stripped; empty strings and missing values become ``NaT`` (kept, not an
      error).
    * With ``date_format`` every value must match it (:meth:`datetime.datetime.strptime`
      codes, e.g. ``"%d/%m/%Y"``). Without it ISO 8601 is tried first, then other common
      forms (``"2 March 2022"``, ``"03/02/2022"`` ...). Numeric dates such as
      ``01/02/2022`` are read month first, with a :class:`~toolkit.schema.CorpusWarning`;
      if one value can only be day first (``13/02/2022``) the whole column is read day
      first, with a warning; a column with both kinds (``13/02/2022`` and ``02/13/2022``) is
      an error.
    * Time zones: dates without a zone stay naive; dates that all share one UTC offset keep
      it (dtype ``datetime64[us, UTC+03:00]``); dates with different offsets are converted
      to UTC. A mix of dates with and without a zone is an error (the zone of the naive
      ones cannot be guessed).
    * Numbers are refused (convert Unix timestamps first, e.g.
      ``pd.to_datetime(values, unit="s")``); a numeric column with no values gives ``NaT``.

    Parameters
    ----------
    values : pandas.Series or list-like
        The dates (strings, datetimes or missing values).
    date_format : str, optional
        A strict format for every value.
    errors : {"raise", "coerce"}, default "raise"
        What to do with values that are present but cannot be parsed: ``"raise"`` a
        :class:`~toolkit.schema.CorpusError` that names them (by index label), or
        ``"coerce"`` them to ``NaT``. The errors in the rules above are raised either way.
    origin : str, default "<Series>"
        What to call the values in messages (e.g. a file name).

    Returns
    -------
    pandas.Series
        ``datetime64`` values with the index and name of ``values``.

    Raises
    ------
    CorpusError
        Unparseable values (with ``errors="raise"``), numbers, a mix of zoned and naive
        dates, or a mix of day-first and month-first dates.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.dates import parse_dates
    >>> parse_dates(pd.Series(["2022-03-01T10:00+03:00", "2022-03-01T10:00+01:00", ""]))
    0   2022-03-01 07:00:00+00:00
    1   2022-03-01 09:00:00+00:00
    2                         NaT
    dtype: datetime64[..., UTC]
    >>> parse_dates(pd.Series(["1 March 2022", "someday"]), errors="coerce").tolist()
    [Timestamp('2022-03-01 00:00:00'), NaT]
    """
    if errors not in ("raise", "coerce"):
        raise ValueError(f"errors must be 'raise' or 'coerce', got {errors!r}")
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    frame = pd.DataFrame({"date": series.reset_index(drop=True)})
    frame[FILE_COL] = pd.array([str(origin)] * len(frame), dtype=TEXT_DTYPE)
    frame[ROW_COL] = pd.array(list(series.index), dtype=object)
    frame[BAD_COL] = False
    issues: list[dict[str, Any]] = []
    parsed = _parse_dates(frame, issues, date_format, stacklevel=3)
    if issues and errors == "raise":
        listed = [f"{where(i['file'], i['row'])}: {i['reason']}" for i in issues[:_MAX_LISTED]]
        if len(issues) > _MAX_LISTED:
            listed.append(f"... and {len(issues) - _MAX_LISTED} more")
        raise CorpusError(
            f"{len(issues)} date(s) cannot be parsed:\n  " + "\n  ".join(listed)
            + "\nPass date_format= for the column's format, or errors='coerce' to get NaT."
        )
    return pd.Series(parsed.array, index=series.index, name=series.name)


def _bounds(earliest: Any, latest: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    low = pd.Timestamp(EARLIEST_DATE if earliest is None else earliest)
    high = (pd.Timestamp.now().normalize() + pd.Timedelta(days=MAX_DAYS_AHEAD)
            if latest is None else pd.Timestamp(latest))
    if low.tz is not None or high.tz is not None:
        raise ValueError("earliest and latest are days without a time zone, e.g. '1900-01-01'")
    if low >= high:
        raise ValueError(f"earliest ({low.date()}) must be before latest ({high.date()})")
    return low, high


def _implausible_mask(dates: pd.Series, low: pd.Timestamp, high: pd.Timestamp) -> pd.Series:
    d = dates
    if getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_localize(None)  # compare the wall-clock day
    return (d < low) | (d > high)


def implausible_dates(
    corpus: pd.DataFrame, *, earliest: Any = None, latest: Any = None
) -> pd.DataFrame:
    """Articles whose date is implausible (see the module's rule); nothing is changed.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with ``doc_id`` and a parsed ``date`` column (it is not modified).
    earliest : date-like, optional
        Dates before it are implausible; default :data:`EARLIEST_DATE` (1900-01-01).
    latest : date-like, optional
        Dates after it are implausible; default today plus :data:`MAX_DAYS_AHEAD` days.

    Returns
    -------
    pandas.DataFrame
        One row per implausible date, in corpus order: ``doc_id``, ``date`` and, when the
        corpus has them (``load_corpus(..., provenance=True)``), ``source_file`` and
        ``source_row``. Missing dates are not implausible (they are missing).

    Examples
    --------
    >>> import pandas as pd
    >>> import toolkit
    >>> from toolkit.dates import implausible_dates
    >>> corpus = toolkit.load_demo()
    >>> corpus.loc[0, "date"] = pd.Timestamp("1001-01-01")
    >>> implausible_dates(corpus)[["doc_id", "date"]].astype(str).to_dict("records")
    [{'doc_id': 'bor-e01', 'date': '1001-01-01'}]
    >>> len(implausible_dates(corpus, earliest="1000-01-01"))
    0
    """
    low, high = _bounds(earliest, latest)
    missing = [c for c in ("doc_id", "date") if c not in corpus.columns]
    if missing:
        raise CorpusError(f"implausible_dates: the corpus has no {missing[0]!r} column")
    dates = corpus["date"]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        raise CorpusError("implausible_dates: 'date' is not a datetime column; load the corpus "
                          "with load_corpus or parse it with toolkit.dates.parse_dates first")
    mask = _implausible_mask(dates, low, high).to_numpy(dtype=bool)
    cols = ["doc_id", "date", *(c for c in ("source_file", "source_row") if c in corpus.columns)]
    return corpus.loc[mask, cols].reset_index(drop=True)


def _show(ts: pd.Timestamp) -> str:
    """A date as text: the day alone when it has no time of day."""
    return str(ts.date()) if ts == ts.normalize() else str(ts)


def _plain(value: Any) -> Any:
    """A file or row label as a plain Python value (None for missing)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _warn_implausible(corpus: pd.DataFrame, files: Any = None, rows: Any = None,
                     *, stacklevel: int = 3) -> pd.DataFrame:
    """Flag implausible dates of a loaded corpus (used by :func:`toolkit.io.load_corpus`).

    Warns (:class:`~toolkit.schema.CorpusWarning`) naming file, row and ``doc_id`` of each
    (the first few), and records them in ``corpus.attrs["implausible_dates"]`` (a list of
    dicts ``file``, ``row``, ``doc_id``, ``date``); the corpus is returned unchanged
    otherwise. ``files``/``rows`` give the origin of each row (optional).
    """
    if "date" not in corpus.columns or not len(corpus) or \
            not pd.api.types.is_datetime64_any_dtype(corpus["date"]):
        return corpus
    low, high = _bounds(None, None)
    mask = _implausible_mask(corpus["date"], low, high).to_numpy(dtype=bool)
    if not mask.any():
        return corpus
    pos = mask.nonzero()[0]
    records = [{"file": _plain(None if files is None else files[p]),
                "row": _plain(None if rows is None else rows[p]),
                "doc_id": str(corpus["doc_id"].iat[p]), "date": _show(corpus["date"].iat[p])}
               for p in pos]
    listed = [
        f"{where(r['file'], r['row']) if r['file'] else f'row {p}'} (doc_id {r['doc_id']!r}): "
        f"{r['date']}"
        for p, r in zip(pos[:_MAX_LISTED], records[:_MAX_LISTED], strict=True)
    ]
    if len(records) > _MAX_LISTED:
        listed.append(f"... and {len(records) - _MAX_LISTED} more")
    warnings.warn(
        f"{len(records)} date(s) are implausible (before {low.date()} or after {high.date()}; "
        "kept as they are, listed in df.attrs['implausible_dates']):\n  " + "\n  ".join(listed)
        + "\nCorrect them in the source data, or set them to missing "
        "(corpus.loc[mask, 'date'] = pd.NaT); toolkit.dates.implausible_dates(corpus, "
        "earliest=...) checks with other bounds.",
        CorpusWarning,
        stacklevel=stacklevel,
    )
    corpus.attrs[REPORT_KEY] = records  # this load's findings (a saved list is replaced)
    return corpus
