"""Same-event comparisons: compare two outlets on the events both covered.

Outlets differ in *what* they cover as well as in *how*. Comparing all of outlet A's
articles with all of outlet B's mixes the two. A paired design compares them on the same
events: an ``event`` column (default ``"event_id"``; in BASIL the triplet id) names the
event an article is about.

For each event ``e`` covered by both outlets ``a`` and ``b`` of ``pair=(a, b)``:

* ``mean_a(e)`` is the mean of the per-article ``value`` over ``a``'s articles about ``e``
  (for ``value="present"``: the share of those articles with the frame; with one article
  per outlet and event, as in BASIL, simply that article's value), likewise ``mean_b(e)``;
* ``difference(e) = mean_a(e) - mean_b(e)``.

Events covered by only one of the two outlets have no difference: they are left out,
counted and listed (``attrs["unpaired"]``) with a warning, never mixed in.

:func:`paired_test` summarises the differences over the ``n`` paired events:

* the **mean difference** ``d = (1/n) sum_e difference(e)``;
* a **percentile bootstrap interval** over events (Efron & Tibshirani 1993, ch. 13):
  ``n_boot`` resamples of the ``n`` events drawn with replacement (``numpy`` generator
  seeded by ``seed``, afresh for each frame or term), the interval between the ``(1 - level)/2`` and ``(1 + level)/2``
  quantiles of the resampled means;
* the **sign test** (e.g. Conover 1999, sec. 3.4): among events with a non-zero
  difference, ``n_positive`` have ``a`` above ``b`` and ``n_negative`` below; under no
  systematic difference ``n_positive ~ Binomial(n_positive + n_negative, 1/2)``; the
  two-sided exact p-value is :func:`scipy.stats.binomtest`. Ties (difference 0, common for
  presence) carry no sign: they are dropped from the test and counted in ``n_ties``.

Convenience for the two common measures: :func:`frame_differences` (frame presence per
article, from :func:`toolkit.frame_scores`) and :func:`term_differences` (a pattern's rate
per 10,000 words per article, counted on the token index as in
:func:`toolkit.term_trends`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.stats import binomtest

from .fairness import _user_stacklevel
from .frames import frame_scores
from .index import index_tokens
from .lexicon import Lexicon
from .patterns import match_positions, parse_pattern
from .rates import per_10k
from .schema import CorpusError
from .tables import require_table

__all__ = ["event_differences", "frame_differences", "paired_test", "term_differences"]

_KEYS = ("frame", "term")  # measure columns kept apart (one set of differences each)
_OUT = ["mean_a", "mean_b", "n_a", "n_b", "difference"]


def _pair(data: pd.DataFrame, by: str, pair: Sequence[str] | None) -> tuple[str, str]:
    present = sorted(pd.unique(data[by].dropna()).tolist(), key=str)
    if pair is None:
        if len(present) != 2:
            raise ValueError(
                f"event_differences: pair=(a, b) names the two values of {by!r} to compare; "
                f"the table has {len(present)}: {present[:10]}"
            )
        return present[0], present[1]
    if isinstance(pair, str) or len(pair) != 2 or pair[0] == pair[1]:
        raise ValueError(f"pair must be two different values of {by!r}, got {pair!r}")
    a, b = pair
    absent = [g for g in (a, b) if g not in present]
    if absent:
        raise ValueError(
            f"event_differences: {absent} not found in column {by!r} (values: {present[:10]})"
        )
    return a, b


def event_differences(
    data: pd.DataFrame,
    *,
    value: str,
    event: str = "event_id",
    by: str = "source",
    pair: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per-event difference between two outlets of a per-article value.

    Parameters
    ----------
    data : pandas.DataFrame
        A per-article table with the columns ``event``, ``by`` and ``value``, e.g.
        :func:`toolkit.frame_scores` output with ``meta="event_id"``. With a ``frame``
        (or ``term``) column, the differences are computed for each frame (term) apart.
    value : str
        The column compared: ``"present"`` (share of articles with the frame),
        ``"count"``, ``"per_10k"``...; booleans count as 0/1.
    event : str, default "event_id"
        The column naming the event each article is about. Articles without an event
        are left out (counted in ``attrs["no_event"]``).
    by : str, default "source"
        The column naming the outlet.
    pair : (str, str), optional
        The two outlets ``(a, b)``: the difference is ``a - b``. May be omitted when
        ``by`` has exactly two values.

    Returns
    -------
    pandas.DataFrame
        One row per (frame or term and) event covered by both: ``frame``/``term`` (when
        in ``data``), the event column, ``mean_a`` and ``mean_b`` (mean ``value`` over the
        outlet's articles about the event), ``n_a`` and ``n_b`` (those articles) and
        ``difference`` (``mean_a - mean_b``). ``attrs``: ``pair``, ``value``, ``event``,
        ``by``, ``unpaired`` (a table of the events covered by only one of the two, with
        ``only`` naming which), ``n_unpaired`` and ``no_event``.

    Warns
    -----
    UserWarning
        When events are covered by only one of the two outlets (left out).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.paired import event_differences
    >>> data = pd.DataFrame({
    ...     "event_id": ["e1", "e1", "e1", "e2", "e2", "e3"],
    ...     "source":   ["A",  "A",  "B",  "A",  "B",  "A"],
    ...     "present":  [True, False, False, True, True, True],
    ... })
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     diff = event_differences(data, value="present", pair=("A", "B"))
    >>> diff[["event_id", "mean_a", "mean_b", "difference"]].values.tolist()
    [['e1', 0.5, 0.0, 0.5], ['e2', 1.0, 1.0, 0.0]]
    >>> diff.attrs["n_unpaired"], diff.attrs["unpaired"]["only"].tolist()
    (1, ['A'])
    """
    keys = [k for k in _KEYS if k in getattr(data, "columns", ())]
    require_table(
        data, [event, by, value, *keys], "event_differences",
        "a per-article table with an event column (e.g. frame_scores(..., meta='event_id'))",
    )
    if event == by:
        raise ValueError("event and by must be different columns")
    a, b = _pair(data, by, pair)
    vals = data[value]
    if not (pd.api.types.is_numeric_dtype(vals) or pd.api.types.is_bool_dtype(vals)):
        raise CorpusError(f"event_differences: value={value!r} is not a numeric column")
    df = pd.DataFrame({k: data[k] for k in keys})
    df["_event"] = data[event].to_numpy()
    df["_group"] = data[by].astype(object).to_numpy()
    df["_value"] = vals.astype(float).to_numpy()
    no_event = int(df["_event"].isna().sum())
    df = df[df["_group"].isin([a, b]) & df["_event"].notna()]
    g = df.groupby([*keys, "_event", "_group"], sort=True, observed=True)["_value"].agg(["mean", "size"])
    wide = g.unstack("_group")
    mean = wide["mean"].reindex(columns=[a, b])
    size = wide["size"].reindex(columns=[a, b])
    both = mean.notna().all(axis=1)
    out = pd.DataFrame(
        {
            "mean_a": mean[a][both],
            "mean_b": mean[b][both],
            "n_a": size[a][both].astype(np.int64),
            "n_b": size[b][both].astype(np.int64),
        }
    )
    out["difference"] = out["mean_a"] - out["mean_b"]
    out = out.reset_index().rename(columns={"_event": event})
    lone = mean[~both].reset_index().rename(columns={"_event": event})
    lone["only"] = np.where(lone[a].notna(), a, b)
    lone = lone[[event, "only"]].drop_duplicates().reset_index(drop=True)
    lone.columns.name = None
    if len(lone):
        counts = lone["only"].value_counts()
        warnings.warn(
            f"event_differences: {len(lone)} event(s) covered by only one of {a!r} and {b!r} "
            f"are left out ({', '.join(f'{n} only by {g!r}' for g, n in counts.items())}; "
            f"e.g. {lone[event].head(5).tolist()}); see .attrs['unpaired']",
            UserWarning,
            stacklevel=_user_stacklevel(),
        )
    out.attrs.update(
        pair=(a, b), value=value, event=event, by=by, unpaired=lone, n_unpaired=len(lone),
        no_event=no_event,
    )
    return out[[*keys, event, *_OUT]]


def frame_differences(
    corpus: pd.DataFrame,
    lexicon: Lexicon | str,
    *,
    frames: str | Sequence[str] | None = None,
    event: str = "event_id",
    by: str = "source",
    pair: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per-event difference in frame presence between two outlets.

    ``frame_scores(corpus, lexicon, frames=frames, meta=event)``, then
    :func:`event_differences` with ``value="present"``: per event, the share of outlet
    ``a``'s articles with the frame minus outlet ``b``'s (with one article each: 1, 0 or -1).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with an ``event`` column.
    lexicon : Lexicon or str
        A frame lexicon (e.g. ``"war_framing"``).
    frames : str or sequence of str, optional
        Only these frames (or one frame group).
    event : str, default "event_id"
        The event column.
    by : str, default "source"
        The outlet column.
    pair : (str, str), optional
        The two outlets ``(a, b)``.

    Returns
    -------
    pandas.DataFrame
        As :func:`event_differences`, with a ``frame`` column.

    Examples
    --------
    >>> import warnings
    >>> import toolkit
    >>> from toolkit.paired import frame_differences, paired_test
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")     # 2 events lack one of the two outlets
    ...     diff = frame_differences(toolkit.load_demo(), "war_framing", frames="war",
    ...                              pair=("The Dnipro Ledger", "Eastern Concord Daily"))
    >>> diff.attrs["unpaired"].values.tolist()
    [['E03', 'The Dnipro Ledger'], ['E08', 'The Dnipro Ledger']]
    >>> row = paired_test(diff).iloc[0]
    >>> row["frame"], int(row["n_events"]), round(float(row["mean_difference"]), 3)
    ('war', 13, 0.615)
    >>> int(row["n_positive"]), int(row["n_negative"]), int(row["n_ties"]), round(float(row["p_sign"]), 4)
    (8, 0, 5, 0.0078)
    """
    missing = [c for c in (event, by) if c not in corpus.columns]
    if missing:
        raise CorpusError(f"frame_differences: the corpus has no column {missing[0]!r}")
    meta = [event] if by == "source" else [event, by]
    scores = frame_scores(corpus, lexicon, frames=frames, meta=meta)
    out = event_differences(scores, value="present", event=event, by=by, pair=pair)
    return out


def term_differences(
    corpus: pd.DataFrame,
    patterns: str | Iterable[str],
    *,
    event: str = "event_id",
    by: str = "source",
    pair: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per-event difference in a term's rate per 10,000 words between two outlets.

    Every article's matches of each pattern are counted on the token index (as in
    :func:`toolkit.term_trends`) and divided by its words: ``per_10k``. Then
    :func:`event_differences` with ``value="per_10k"``: per event, the mean rate over
    outlet ``a``'s articles minus outlet ``b``'s.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with an ``event`` column.
    patterns : str or iterable of str
        Words, wildcards or phrases (:mod:`toolkit.patterns`).
    event : str, default "event_id"
        The event column.
    by : str, default "source"
        The outlet column.
    pair : (str, str), optional
        The two outlets ``(a, b)``.

    Returns
    -------
    pandas.DataFrame
        As :func:`event_differences`, with a ``term`` column.

    Examples
    --------
    >>> import warnings
    >>> import toolkit
    >>> from toolkit.paired import term_differences
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     diff = term_differences(toolkit.load_demo(), "regroup*",
    ...                             pair=("The Rhine Chronicle", "Northgate Wire"))
    >>> diff.columns.tolist()
    ['term', 'event_id', 'mean_a', 'mean_b', 'n_a', 'n_b', 'difference']
    """
    terms = [patterns] if isinstance(patterns, str) else list(patterns)
    missing = [c for c in (event, by) if c not in corpus.columns]
    if missing:
        raise CorpusError(f"term_differences: the corpus has no column {missing[0]!r}")
    index = index_tokens(corpus)
    meta = index.meta
    lengths = index.doc_lengths
    parts = []
    for term in terms:
        doc = index.doc_of(match_positions(index, parse_pattern(term)))
        count = np.bincount(doc, minlength=index.n_docs)
        parts.append(
            pd.DataFrame(
                {
                    "term": term,
                    event: meta[event].to_numpy(),
                    by: meta[by].to_numpy(),
                    "per_10k": per_10k(count, lengths),
                }
            )
        )
    data = pd.concat(parts, ignore_index=True)
    out = event_differences(data, value="per_10k", event=event, by=by, pair=pair)
    return out


def paired_test(
    differences: pd.DataFrame,
    *,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean per-event difference with a bootstrap interval over events, and a sign test.

    Parameters
    ----------
    differences : pandas.DataFrame
        Output of :func:`event_differences` (or :func:`frame_differences`,
        :func:`term_differences`): a ``difference`` per event.
    n_boot : int, default 2000
        Bootstrap resamples of the events.
    seed : int, default 0
        Seed of the bootstrap.
    level : float, default 0.95
        Confidence level of the interval.

    Returns
    -------
    pandas.DataFrame
        One row (per frame or term): ``frame``/``term``, ``comparison`` (``"a - b"``),
        ``n_events``, ``mean_difference``, ``ci_low``, ``ci_high`` (percentile bootstrap),
        ``n_positive``, ``n_negative``, ``n_ties`` (events with difference 0, left out of
        the sign test) and ``p_sign`` (two-sided exact binomial p-value; NaN without
        non-zero differences).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.paired import paired_test
    >>> diff = pd.DataFrame({"event_id": list("abcdefgh"),
    ...                      "difference": [1, 1, 1, 1, 1, 1, 0, -1]})
    >>> row = paired_test(diff, n_boot=1000, seed=1).iloc[0]
    >>> int(row["n_events"]), float(row["mean_difference"])
    (8, 0.625)
    >>> int(row["n_positive"]), int(row["n_negative"]), int(row["n_ties"])
    (6, 1, 1)
    >>> round(float(row["p_sign"]), 4)    # 2 * P(X >= 6), X ~ Binomial(7, 1/2) = 16/128
    0.125
    """
    keys = [k for k in _KEYS if k in getattr(differences, "columns", ())]
    require_table(differences, ["difference", *keys], "paired_test",
                  "the table returned by event_differences")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(f"n_boot must be a whole number >= 1, got {n_boot!r}")
    pair = differences.attrs.get("pair")
    comparison = f"{pair[0]} - {pair[1]}" if pair else "a - b"
    groups = differences.groupby(keys, sort=False, observed=True) if keys else [((), differences)]
    rows = []
    for key, sub in groups:
        d = sub["difference"].dropna().to_numpy(dtype=float)
        n = len(d)
        pos, neg = int((d > 0).sum()), int((d < 0).sum())
        if n:
            rng = np.random.default_rng(seed)  # per frame: its interval ignores the others
            boot = d[rng.integers(0, n, size=(n_boot, n))].mean(axis=1)
            low, high = np.quantile(boot, [(1 - level) / 2, (1 + level) / 2])
            mean = float(d.mean())
        else:
            low = high = mean = np.nan
        p = binomtest(pos, pos + neg, 0.5).pvalue if pos + neg else np.nan
        key = key if isinstance(key, tuple) else (key,)
        rows.append((*key, comparison, n, mean, float(low), float(high), pos, neg, n - pos - neg, p))
    cols = [*keys, "comparison", "n_events", "mean_difference", "ci_low", "ci_high",
            "n_positive", "n_negative", "n_ties", "p_sign"]
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update({k: v for k, v in differences.attrs.items() if k in ("pair", "value", "event", "by")})
    out.attrs.update(level=level, n_boot=n_boot, seed=seed)
    return out
