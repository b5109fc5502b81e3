"""Binning dates into periods: one rule for every function that groups by time.

**The rule.** An article belongs to the period that contains its date *as the outlet
dated it*: the wall-clock date in the column's own time zone. A column whose values all
carry one UTC offset (``2022-03-01 01:00+03:00``) keeps that zone when loaded, so the
article above falls in March 2022, not in February (as it would in UTC). A column that
mixed several offsets was converted to UTC when loaded (see :mod:`toolkit.schema`), and
its UTC dates are used. Naive dates are used as written.

Periods are pandas periods (``"D"``, ``"W"`` (weeks starting Monday), ``"M"``, ``"Q"``,
``"Y"``) and are labelled by their first day.
"""

from __future__ import annotations

import pandas as pd

from .schema import CorpusError


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """The first day of the period each date falls in (see the module's rule).

    Parameters
    ----------
    dates : pandas.Series
        Dates (naive or zone-aware datetimes, or strings pandas can parse).
    freq : str
        A pandas period frequency: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``.

    Returns
    -------
    pandas.Series
        Naive timestamps (start of each period), same index; missing dates stay missing.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.periods import period_start
    >>> d = pd.Series(pd.to_datetime(["2022-03-01 01:00+03:00"]))
    >>> period_start(d, "M").iloc[0]
    Timestamp('2022-03-01 00:00:00')
    """
    try:
        d = pd.to_datetime(dates)
    except (ValueError, TypeError) as exc:
        raise CorpusError(f"cannot read the dates to bin them into periods: {exc}") from None
    if getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_localize(None)  # local wall time: the day the outlet dated it
    try:
        return d.dt.to_period(freq).dt.start_time
    except ValueError as exc:
        raise ValueError(f"freq must be a pandas period frequency such as 'W' or 'M': {exc}") from None
