"""Publication dates: the one set of rules by which newsframes reads a ``date`` column.

:func:`toolkit.io.load_corpus` (per file) and :func:`toolkit.schema.validate_corpus` apply
these rules to ``date``; :func:`parse_dates` applies them to any Series, for modules and
importers that need dates read the same way.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .schema import (
    BAD_COL,
    FILE_COL,
    ROW_COL,
    TEXT_DTYPE,
    CorpusError,
    _parse_dates,
    where,
)

__all__ = ["parse_dates"]

_MAX_LISTED = 8


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
