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


def category_shares(
    table: pd.DataFrame,
    category: str,
    keys: list[str],
    *,
    weight: str | None = None,
    categories: list | None = None,
    level: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Share of each category within groups, with a percentile bootstrap over articles.

    The share of category *c* in group *g* is ``sum(w[c]) / sum(w)`` over the group's rows
    (``w`` = 1 per row, or the ``weight`` column). The bootstrap resamples the group's
    **articles** (``doc_id``) with replacement, so rows of one article stay together (they
    are not independent: an article quoting one official ten times is one article).

    Parameters
    ----------
    table : pandas.DataFrame
        Rows to count, with ``doc_id``, the ``category`` column and the ``keys``.
    category : str
        The column whose values are shared out.
    keys : list of str
        Grouping columns (empty: the whole table).
    weight : str, optional
        A numeric column to sum instead of counting rows (e.g. quoted words).
    categories : list, optional
        Categories to report (default: those present), in this order; absent ones get 0.
    level : float, default 0.95
        Confidence level.
    n_boot : int, default 1000
        Resamples (0: no intervals).
    seed : int, default 0
        Seed (one independent stream per group).

    Returns
    -------
    pandas.DataFrame
        ``keys``, ``category``, ``n`` (rows or weight of the category), ``total`` (of the
        group), ``docs`` (articles in the group), ``share``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.intervals import category_shares
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "verb": ["say", "claim", "say"]})
    >>> category_shares(t, "verb", [], n_boot=0)[["verb", "n", "total", "share"]].values.tolist()
    [['claim', 1.0, 3.0, 0.3333333333333333], ['say', 2.0, 3.0, 0.6666666666666666]]
    """
    cats = (list(categories) if categories is not None
            else sorted(table[category].dropna().astype(object).unique().tolist()))
    ccode = pd.Index(cats, dtype=object).get_indexer(table[category].astype(object).to_numpy())
    w = table[weight].to_numpy(dtype=float) if weight else np.ones(len(table))
    keep = ccode >= 0
    df = table.loc[keep, ["doc_id", *keys]].reset_index(drop=True)
    ccode, w = ccode[keep], w[keep]
    if keys:
        gcodes, guniq = pd.factorize(pd.MultiIndex.from_frame(df[keys]), sort=True)
    else:
        gcodes, guniq = np.zeros(len(df), dtype=np.int64), [()]
    rows = []
    children = np.random.SeedSequence(seed).spawn(max(len(guniq), 1))
    q = [(1 - level) / 2, (1 + level) / 2]
    by_group = pd.Series(np.arange(len(df))).groupby(gcodes).indices
    for gi in range(len(guniq)):
        idx = by_group.get(gi, np.array([], dtype=np.int64))
        if not len(idx):
            continue
        dcodes, _ = pd.factorize(df["doc_id"].to_numpy()[idx])
        m = int(dcodes.max()) + 1
        k = len(cats)
        mat = np.bincount(dcodes * k + ccode[idx], weights=w[idx], minlength=m * k).reshape(m, k)
        num = mat.sum(axis=0)
        tot = float(num.sum())
        lo = np.full(k, np.nan)
        hi = np.full(k, np.nan)
        if n_boot and tot > 0:
            rng = np.random.default_rng(children[gi])
            draws = rng.integers(0, m, size=(n_boot, m))
            counts = np.zeros((n_boot, m))
            np.add.at(counts, (np.repeat(np.arange(n_boot), m), draws.ravel()), 1.0)
            bn = counts @ mat
            bt = bn.sum(axis=1, keepdims=True)
            with np.errstate(invalid="ignore", divide="ignore"):
                lo, hi = np.nanquantile(bn / bt, q, axis=0)
        key = guniq[gi] if keys else ()
        key = key if isinstance(key, tuple) else (key,)
        for j, c in enumerate(cats):
            rows.append((*key, c, float(num[j]), tot, m, num[j] / tot if tot else np.nan, lo[j], hi[j]))
    return pd.DataFrame(rows, columns=[*keys, category, "n", "total", "docs", "share", "ci_low", "ci_high"])
