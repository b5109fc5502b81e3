"""Frame prevalence: the share of units (articles or sentences) with each frame, per group.

For each group (outlet, and period with ``freq=``) and frame: ``n_present`` units out of
``n_units`` have the frame; ``share = n_present / n_units`` with a confidence interval
(:mod:`toolkit.intervals`: Wilson, or a bootstrap over articles), and the rate of
matches per 10,000 words (:mod:`toolkit.rates`). Periods follow the one rule of
:mod:`toolkit.periods`.

When groups' articles differ much in length, shares of articles partly measure length;
``frame_prevalence`` then warns (:class:`toolkit.fairness.LengthWarning`, see
:mod:`toolkit.fairness`).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ._compat import keyword_only
from .competing import resolve_frames
from .counts import as_columns
from .fairness import warn_unequal_lengths_in_scores
from .intervals import bootstrap_shares, wilson_interval
from .periods import period_start
from .rates import per_10k
from .scale.engine import is_lazy
from .tables import require_table

MIN_BOOTSTRAP_DOCS = 10
"""Below this many articles in a group, ``frame_prevalence(ci="bootstrap")`` warns."""


@keyword_only(1, ("by",))
def frame_prevalence(
    scores: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "source",
    ci: Literal["wilson", "bootstrap"] | None = "wilson",
    level: float = 0.95,
    freq: str | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    frames: str | Sequence[str] | None = None,
    check_length: bool = True,
) -> pd.DataFrame:
    """Share of units with each frame per group (and period), with confidence intervals.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`frame_scores` (document or sentence units; for a lazy corpus
        ``frame_scores`` returns this table in memory). A lazy scores table (e.g. scores
        written to Parquet and opened with dask) is read column by column and computed
        here: the intervals and periods need all units.
    by : str, list of str or None, default "source"
        Grouping column(s); None for the whole corpus. Units with a missing grouping
        value are left out.
    ci : {"wilson", "bootstrap"} or None, default "wilson"
        ``"wilson"``: Wilson score interval, treating units as independent.
        ``"bootstrap"``: percentile interval from ``n_boot`` resamples of *articles*
        within each group (all sentences of a drawn article go together, so it accounts
        for sentences of one article being alike); reproducible with ``seed``. Where
        the share is 0 or 1 the bootstrap has no spread, and the Wilson interval is
        given instead. None: no interval.
    level : float, default 0.95
        Confidence level.
    freq : str, optional
        Also group by period: a pandas period frequency (``"W"``, ``"M"``, ``"Q"``), or
        a multiple of one (``"2W"``, ``"3D"``: bins of that many periods, counted from
        the period of the table's first date); needs a ``date`` column. Dates are binned
        by the one rule of :mod:`toolkit.periods`, each unit in exactly one period.
    n_boot : int, default 2000
        Bootstrap resamples.
    seed : int, default 0
        Seed of the bootstrap.
    frames : str or sequence of str, optional
        Only these frame names.
    check_length : bool, default True
        When comparing groups (``by`` not None), warn with a
        :class:`toolkit.fairness.LengthWarning` if the groups' median article lengths
        differ by more than a factor 2: shares of articles then partly measure length;
        compare ``per_10k`` or length strata instead (:mod:`toolkit.fairness`).

    Returns
    -------
    pandas.DataFrame
        One row per group (, period) and frame: the grouping columns, ``period`` (start
        of the period, with ``freq``), ``frame``, ``label``, ``n_units`` (units in the
        group), ``n_docs`` (articles), ``n_present`` (units with the frame), ``share``
        (``n_present / n_units``), ``ci_low``, ``ci_high``, ``count`` (matches),
        ``tokens`` (words) and ``per_10k`` (matches per 10,000 words, see :mod:`toolkit.rates`).

    Examples
    --------
    >>> import toolkit
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    >>> prev = toolkit.frame_prevalence(scores, by="source")
    >>> row = prev[(prev["source"] == "Borealis Agency")
    ...            & (prev["frame"] == "euphemised_setback")].iloc[0]
    >>> int(row["n_present"]), int(row["n_units"]), round(float(row["share"]), 3)
    (4, 14, 0.286)
    >>> round(float(row["ci_low"]), 3), round(float(row["ci_high"]), 3)   # Wilson, 95%
    (0.117, 0.546)
    """
    if is_lazy(scores):  # the unit-level rows are needed (bootstrap over articles, period grid)
        from .scale.frames import lazy_scores_table

        scores = lazy_scores_table(scores, [*as_columns(by), "doc_id", "date", "frame", "count",
                                            "present", "tokens"])
    if ci not in ("wilson", "bootstrap", None):
        raise ValueError(f"ci must be 'wilson', 'bootstrap' or None, got {ci!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    cols = as_columns(by)
    needed = [*cols, "frame", "count", "present", "tokens"]
    if freq is not None:
        needed.append("date")
    if ci == "bootstrap":
        needed.append("doc_id")
    require_table(scores, needed, "frame_prevalence", "the table returned by frame_scores")
    df = scores
    if frames is not None:
        df = df[df["frame"].astype(str).isin(resolve_frames(scores, frames, None, None))]
    keys = list(cols)
    if freq is not None:
        df = df.assign(period=period_start(df["date"], freq).to_numpy())
        keys.append("period")
    if keys and df[keys].isna().any(axis=None):
        gone = df.loc[df[keys].isna().any(axis=1), "doc_id"].unique() if "doc_id" in df else []
        warnings.warn(
            f"{len(gone)} unit(s) have no value in {keys} and are left out (e.g. doc_id "
            f"{list(gone[:5])})",
            UserWarning,
            stacklevel=2,
        )
        df = df.dropna(subset=keys)
    if check_length and cols:
        warn_unequal_lengths_in_scores(df, cols, where="frame_prevalence")
    g = df.groupby([*keys, "frame"], sort=True, observed=True)
    agg = {
        "n_units": ("present", "size"),
        "n_present": ("present", "sum"),
        "count": ("count", "sum"),
        "tokens": ("tokens", "sum"),
    }
    if "doc_id" in df.columns:
        agg["n_docs"] = ("doc_id", "nunique")
    out = g.agg(**agg).reset_index()
    for c in ("n_units", "n_present", "count", "tokens", "n_docs"):
        if c in out.columns:
            out[c] = out[c].astype(np.int64)
    out["share"] = out["n_present"] / out["n_units"]
    if ci == "wilson":
        out["ci_low"], out["ci_high"] = wilson_interval(out["n_present"], out["n_units"], level)
    elif ci == "bootstrap":
        if "n_docs" in out.columns and (out["n_docs"] < MIN_BOOTSTRAP_DOCS).any():
            few = out.loc[out["n_docs"] < MIN_BOOTSTRAP_DOCS, keys].drop_duplicates()
            warnings.warn(
                f"{len(few)} group(s) have fewer than {MIN_BOOTSTRAP_DOCS} articles; a bootstrap "
                "over so few articles gives intervals that look more precise than they are",
                UserWarning,
                stacklevel=2,
            )
        low, high = bootstrap_shares(df, keys, out, level, n_boot, seed)
        # at a share of 0 or 1 every resample agrees and the percentile interval has no
        # width; the Wilson interval is used there instead
        edge = (out["n_present"] == 0) | (out["n_present"] == out["n_units"])
        w_low, w_high = wilson_interval(out["n_present"], out["n_units"], level)
        out["ci_low"] = np.where(edge, w_low, low)
        out["ci_high"] = np.where(edge, w_high, high)
    out["per_10k"] = per_10k(out["count"], out["tokens"])
    labels = scores.attrs.get("frame_labels", {})
    out.insert(len(keys) + 1, "label", out["frame"].astype(str).map(lambda f: labels.get(f, f)))
    out["label"] = out["label"].astype("str")
    order = [*keys, "frame", "label", "n_units", "n_docs", "n_present", "share"]
    order += [c for c in ("ci_low", "ci_high") if c in out.columns]
    order += ["count", "tokens", "per_10k"]
    out = out[[c for c in order if c in out.columns]]
    out.attrs.update(
        {k: v for k, v in scores.attrs.items() if k in ("lexicon", "frame_labels", "frame_groups", "unit")}
    )
    out.attrs.update(by=cols, ci=ci, level=level, freq=freq)
    return out
