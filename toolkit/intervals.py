"""Confidence intervals for shares: Wilson score intervals and the article bootstrap.

* :func:`wilson_interval` (Wilson 1927): for a proportion ``k / n`` of independent units.
* :func:`bootstrap_shares`: percentile intervals from resampling *articles* within each
  group (Efron & Tibshirani 1993), for units that are not independent (sentences of one
  article are alike).

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
inference. JASA 22(158), 209-212.
Efron, B., & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def wilson_interval(
    k: np.ndarray | int, n: np.ndarray | int, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a binomial proportion ``k / n``.

    ``(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`` with ``p = k/n`` and ``z``
    the standard-normal quantile for ``level`` (Wilson 1927). Unlike the normal
    approximation it stays inside [0, 1] and behaves well for small ``n`` and shares
    near 0 or 1.

    Parameters
    ----------
    k : int or array of int
        Successes (units with the frame).
    n : int or array of int
        Trials (units); where ``n`` is 0 the interval is NaN.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Lower and upper bounds.
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    from scipy import stats

    z = stats.norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    # exact bounds at the edges (the arithmetic leaves rounding error of ~1e-17 there)
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where(k == n, 1.0, np.clip(centre + half, 0.0, 1.0))
    low = np.where(n > 0, low, np.nan)
    high = np.where(n > 0, high, np.nan)
    return low, high


def bootstrap_shares(
    df: pd.DataFrame, keys: list[str], out: pd.DataFrame, level: float, n_boot: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap over articles within each group, for every frame at once.

    Parameters
    ----------
    df : pandas.DataFrame
        Unit-level scores with ``doc_id``, ``frame``, ``present`` and the ``keys``.
    keys : list of str
        Grouping columns.
    out : pandas.DataFrame
        One row per group and frame (the rows the intervals are wanted for).
    level : float
        Confidence level.
    n_boot : int
        Resamples.
    seed : int
        Seed (one independent stream per group).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Lower and upper bounds, aligned with ``out``.
    """
    frame_codes, frame_names = pd.factorize(df["frame"].astype(str), sort=False)
    n_frames = len(frame_names)
    if keys:
        gcodes, _ = pd.factorize(pd.MultiIndex.from_frame(df[keys]), sort=True)
    else:
        gcodes = np.zeros(len(df), dtype=np.int64)
    n_groups = int(gcodes.max()) + 1 if len(gcodes) else 0
    present = df["present"].to_numpy(dtype=np.int64)
    doc_ids = df["doc_id"].to_numpy()
    children = np.random.SeedSequence(seed).spawn(max(n_groups, 1))
    q = [(1 - level) / 2, (1 + level) / 2]
    result: dict[tuple, tuple[float, float]] = {}
    rows_by_group = pd.Series(np.arange(len(df))).groupby(gcodes).indices
    for gi in range(n_groups):
        rows = rows_by_group[gi]
        dcodes, _ = pd.factorize(doc_ids[rows])
        m = int(dcodes.max()) + 1
        fc = frame_codes[rows]
        flat = dcodes * n_frames + fc
        pres = np.bincount(flat, weights=present[rows], minlength=m * n_frames).reshape(m, n_frames)
        units = np.bincount(flat, minlength=m * n_frames).reshape(m, n_frames).astype(float)
        rng = np.random.default_rng(children[gi])
        boot = np.empty((n_boot, n_frames))
        step = max(1, 4_000_000 // m)
        for b0 in range(0, n_boot, step):
            b = min(step, n_boot - b0)
            draws = rng.integers(0, m, size=(b, m))
            w = np.bincount(
                (draws + (np.arange(b) * m)[:, None]).ravel(), minlength=b * m
            ).reshape(b, m).astype(float)
            with np.errstate(invalid="ignore", divide="ignore"):
                boot[b0 : b0 + b] = (w @ pres) / (w @ units)
        lo, hi = np.nanquantile(boot, q, axis=0)
        key = tuple(df[keys].iloc[rows[0]]) if keys else ()
        for j, name in enumerate(frame_names):
            result[(*key, name)] = (float(lo[j]), float(hi[j]))
    look = [(*tuple(r[:-1]), str(r[-1])) for r in out[[*keys, "frame"]].itertuples(index=False)]
    low = np.array([result.get(k, (np.nan, np.nan))[0] for k in look])
    high = np.array([result.get(k, (np.nan, np.nan))[1] for k in look])
    return low, high
