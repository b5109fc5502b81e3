"""Binning dates into periods: one rule for every function that groups by time.

**The rule.** An article belongs to the period that contains its date *as the outlet
dated it*: the wall-clock date in the column's own time zone. A column whose values all
carry one UTC offset (``2022-03-01 01:00+03:00``) keeps that zone when loaded, so the
article above falls in March 2022, not in February (as it would in UTC). A column that
mixed several offsets was converted to UTC when loaded (see :mod:`toolkit.schema`), and
its UTC dates are used. Naive dates are used as written.

Periods are pandas periods (``"D"``, ``"W"`` (weeks starting Monday), ``"M"``, ``"Q"``,
``"Y"``) and are labelled by their first day.

**Multiplied frequencies** (``"2W"``, ``"3D"``, ``"2M"``, ``"14D"``) group that many
consecutive base periods, **counted from the base period of the earliest date given**:
with ``"2W"`` the first bin is the week (from Monday) of the first article and the week
after it, the next bin the two weeks after those, and so on; with ``"3D"`` the first bin
is the first article's (local) day and the two days after it. Every date falls in
exactly one bin, and every bin is labelled by its first day. The anchor is the earliest
date of the dates binned together (the corpus, or the scores table, given to the
analysis), so the bins of a corpus and of a subset of it that starts later can differ;
bin both with the same dates, or use a single-period frequency (``"W"``, ``"M"``),
whose bins never depend on the data. For a lazy corpus the anchor is the earliest date of
the whole corpus, not of a partition (:mod:`toolkit.scale.frequency` finds it from every
partition's base periods before binning).

**Implausible spans.** Every period from the first date to the last is a bin, so one
placeholder date (``0001-01-01``) in a 2022 corpus would make a trend of two thousand
years, almost all of it empty. Binning therefore refuses dates whose years span more than
:data:`MAX_SPAN_YEARS` (200) years -- longer than any news archive -- with a
:class:`~toolkit.schema.CorpusError` that names the offending dates (those outside the
plausible range of :mod:`toolkit.dates`, else the earliest and latest) by their row label
and says how to fix it: correct the dates, set them to missing, or drop those articles
(:func:`toolkit.dates.implausible_dates` lists them with their ``doc_id``). For a corpus
that really spans longer, raise ``toolkit.periods.MAX_SPAN_YEARS``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import dates as _dates
from .schema import CorpusError

#: Dates spanning more years than this cannot be binned (see the module's documentation).
MAX_SPAN_YEARS = 200
_MAX_LISTED = 6


def _local_dates(dates: pd.Series) -> pd.Series:
    """Dates as naive datetimes in local wall time (the day the outlet dated it)."""
    try:
        d = pd.to_datetime(dates)
    except (ValueError, TypeError) as exc:
        raise CorpusError(f"cannot read the dates to bin them into periods: {exc}") from None
    if not isinstance(d, pd.Series):
        d = pd.Series(d)
    if getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_localize(None)  # local wall time: the day the outlet dated it
    return d


def _periods(dates: pd.Series, freq: str, *, check_span: bool = True) -> tuple[pd.Series, int, object]:
    """The base period of every date (local wall time), the multiplier and the base.

    ``check_span=False`` skips the span check (for a part of a corpus whose span is
    checked as a whole, :mod:`toolkit.scale.frequency`).
    """
    d = _local_dates(dates)
    if check_span:
        _check_span(d)
    try:
        p = d.dt.to_period(freq)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(
            f"freq must be a pandas period frequency such as 'W', 'M' or '2W', got {freq!r}: {exc}"
        ) from None
    offset = p.dt.freq
    n = int(offset.n)
    if n < 1:
        raise ValueError(f"freq must count at least one period, got {freq!r}")
    # pandas gives the ordinal of the *base* period (the week, the day) also for "2W", "3D"
    return p, n, offset.base


def _ordinals(p: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The ``int64`` ordinal of every base period of :func:`_periods`, and which are missing."""
    return np.asarray(p.array.asi8, dtype=np.int64), p.isna().to_numpy()


def _anchored_bins(
    ordinals: np.ndarray, missing: np.ndarray, first: int, last: int, n: int, base: object,
    index: pd.Index,
) -> tuple[pd.Series, pd.DatetimeIndex]:
    """:func:`period_bins` from base-period ordinals and the first and last ordinal.

    The bins of a multiplied frequency are counted from ``first`` (the earliest date's
    base period of the whole corpus, which a part of it passes explicitly); the grid
    runs from ``first`` to ``last``.
    """
    anchored = first + (ordinals - first) // n * n
    anchored[missing] = first  # placeholder, masked below
    start_time = pd.PeriodIndex.from_ordinals(anchored, freq=base).start_time
    starts = pd.Series(start_time, index=index).where(~missing)
    grid_ordinals = np.arange(first, last + 1, n, dtype=np.int64)
    grid = pd.PeriodIndex.from_ordinals(grid_ordinals, freq=base).start_time
    return starts, pd.DatetimeIndex(grid)


def _check_span(d: pd.Series) -> None:
    """Raise a CorpusError if the dates span more than MAX_SPAN_YEARS years."""
    years = d.dt.year
    if years.notna().sum() < 2:
        return
    first, last = int(years.min()), int(years.max())
    if last - first <= MAX_SPAN_YEARS:
        return
    low, high = _dates._bounds(None, None)
    odd = d[_dates._implausible_mask(d, low, high).fillna(False).astype(bool)]
    if odd.empty:  # plausible one by one, but not together: name both ends
        known = d.dropna().sort_values()
        odd = pd.concat([known.head(3), known.tail(3)])
        odd = odd[~odd.index.duplicated()]
    listed = ", ".join(f"row {label!r}: {value.date()}" for label, value in
                       odd.head(_MAX_LISTED).items())
    if len(odd) > _MAX_LISTED:
        listed += f", ... and {len(odd) - _MAX_LISTED} more"
    raise CorpusError(
        f"the dates span {last - first} years ({first} to {last}), more than "
        f"toolkit.periods.MAX_SPAN_YEARS = {MAX_SPAN_YEARS}: one bin per period over them "
        f"would be mostly empty. Dates to check: {listed}. Correct them, set them to missing "
        "(corpus.loc[mask, 'date'] = pd.NaT) or drop those articles; "
        "toolkit.dates.implausible_dates(corpus) lists them with their doc_id. If the span "
        "is real, raise toolkit.periods.MAX_SPAN_YEARS."
    )


def period_bins(dates: pd.Series, freq: str) -> tuple[pd.Series, pd.DatetimeIndex]:
    """The period of every date, and every period from the first date to the last.

    This is the module's rule, with the anchoring of multiplied frequencies described
    above; :func:`period_start` returns the first half.

    Parameters
    ----------
    dates : pandas.Series
        Dates (naive or zone-aware datetimes, or strings pandas can parse).
    freq : str
        A pandas period frequency: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``, or a
        multiple of one (``"2W"``, ``"3D"``).

    Returns
    -------
    starts : pandas.Series
        Naive timestamps (the first day of each date's period), same index; missing
        dates stay missing.
    grid : pandas.DatetimeIndex
        The first day of every period from the earliest to the latest date, in order
        (empty when every date is missing). Every value of ``starts`` is in it.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.periods import period_bins
    >>> d = pd.Series(pd.to_datetime(["2022-03-02", "2022-03-09", "2022-03-16", "2022-03-30"]))
    >>> starts, grid = period_bins(d, "2W")   # two weeks at a time, from the first article's week
    >>> [str(s.date()) for s in starts]
    ['2022-02-28', '2022-02-28', '2022-03-14', '2022-03-28']
    >>> [str(s.date()) for s in grid]
    ['2022-02-28', '2022-03-14', '2022-03-28']
    """
    p, n, base = _periods(dates, freq)
    ordinals, missing = _ordinals(p)
    known = ordinals[~missing]
    if not len(known):
        empty = pd.Series(pd.NaT, index=p.index, dtype="datetime64[us]")
        return empty, pd.DatetimeIndex([], dtype="datetime64[us]")
    return _anchored_bins(ordinals, missing, int(known.min()), int(known.max()), n, base, p.index)


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """The first day of the period each date falls in (see the module's rule).

    Parameters
    ----------
    dates : pandas.Series
        Dates (naive or zone-aware datetimes, or strings pandas can parse).
    freq : str
        A pandas period frequency: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``, or a
        multiple of one (``"2W"``, ``"3D"``), whose bins are counted from the period
        of the earliest date given (see the module's documentation).

    Returns
    -------
    pandas.Series
        Naive timestamps (start of each period), same index; missing dates stay missing.

    Raises
    ------
    ValueError
        If ``freq`` is not a pandas period frequency (a :class:`CorpusError` if the
        dates cannot be read).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.periods import period_start
    >>> d = pd.Series(pd.to_datetime(["2022-03-01 01:00+03:00"]))
    >>> period_start(d, "M").iloc[0]
    Timestamp('2022-03-01 00:00:00')
    >>> d = pd.Series(pd.to_datetime(["2022-03-01", "2022-03-03", "2022-03-04"]))
    >>> period_start(d, "3D").dt.day.tolist()   # 1-3 March, then 4-6 March
    [1, 1, 4]
    """
    return period_bins(dates, freq)[0]
