"""Length-fair comparisons: when outlets' articles differ in length, article shares mislead.

A frame (or word) is *present* in an article when it is mentioned at least once. A longer
article has more chances to mention anything, so the **share of articles** with a frame
grows with article length even when the outlets write about it at the same rate. If one
outlet's texts are cut short (real corpora often hold only the first paragraphs of one
outlet: a median of 171 words against 622 for the other), its shares look lower for
every frame, and a difference of a factor two can come from length alone.

Under a simple model where mentions fall at a constant rate ``r`` per word, an article of
``L`` words has the frame with probability ``1 - exp(-r * L)``: at ``r = 1/300``,
``1 - exp(-171/300) = 0.43`` against ``1 - exp(-622/300) = 0.87``, the same rate.

This module

* describes article lengths per group (:func:`article_lengths`: articles, median and
  quartiles of the words per article, the ratio of each group's median to the longest and
  the shortest group's median);
* warns (:func:`check_lengths`, :class:`LengthWarning`) when the largest group median is
  more than ``max_ratio`` (default 2) times the smallest. :func:`toolkit.frame_prevalence`
  runs this check whenever it compares groups (``check_length=False`` turns it off for one
  call; ``warnings.filterwarnings("ignore", category=LengthWarning)`` everywhere);
* offers the two fair alternatives the warning names:

  (a) **rates per 10,000 words** (``per_10k``, the toolkit's one rate, :mod:`toolkit.rates`):
      mentions divided by words, which does not grow with length;
  (b) a **length-matched comparison**: :func:`length_strata` puts every article in one of
      ``n_strata`` length strata cut at quantiles of the pooled lengths (all groups
      together), so that shares are compared between articles of similar length, e.g.
      ``frame_prevalence(scores, by=["source", "length_stratum"])``. Strata in which a
      group has (almost) no articles give no comparison for that group: when the length
      distributions do not overlap, only rates remain.

Words per article are the token counts of the token index (:func:`toolkit.index_tokens`),
the same words that are the denominator of ``per_10k``.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .counts import as_columns, group_codes
from .index import TokenIndex, index_tokens
from .schema import CorpusError, CorpusWarning

__all__ = ["DEFAULT_MAX_RATIO", "LengthWarning", "article_lengths", "check_lengths", "length_strata"]

DEFAULT_MAX_RATIO: float = 2.0
"""Warn when the largest group median length is more than this many times the smallest."""

STRATUM_COLUMN: str = "length_stratum"
"""The column :func:`length_strata` adds; grouping by it makes a comparison length-matched
(the automatic checks are then skipped)."""


class LengthWarning(CorpusWarning):
    """Warned when groups' articles differ so much in length that article shares mislead.

    Silence it with ``warnings.filterwarnings("ignore", category=LengthWarning)`` (or, for
    one :func:`toolkit.frame_prevalence` call, ``check_length=False``).
    """


def _user_stacklevel() -> int:
    """Stack level of the first frame outside the toolkit (decorators and helpers vary)."""
    level, frame = 1, sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").split(".")[0] == "toolkit":
        frame = frame.f_back
        level += 1
    return level


def _length_table(words: np.ndarray, meta: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The table of :func:`article_lengths` from words per article and their groups."""
    words = np.asarray(words, dtype=np.int64)
    if cols:
        codes, groups = group_codes(meta, cols)
    else:
        codes, groups = np.zeros(len(words), dtype=np.int64), pd.DataFrame(index=range(1))
    rows = []
    for g in range(len(groups)):
        w = words[codes == g]
        q1, med, q3 = np.percentile(w, [25, 50, 75]) if len(w) else (np.nan,) * 3
        rows.append((len(w), int(w.sum()), med, q1, q3))
    stats = pd.DataFrame(rows, columns=["n_articles", "words", "median_words", "q1_words", "q3_words"])
    out = pd.concat([groups.reset_index(drop=True), stats], axis=1)
    out["n_articles"] = out["n_articles"].astype(np.int64)
    out["words"] = out["words"].astype(np.int64)
    med = out["median_words"].to_numpy(dtype=float)
    top, bottom = np.nanmax(med) if len(med) else np.nan, np.nanmin(med) if len(med) else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        out["ratio_to_longest"] = med / top
        out["ratio_to_shortest"] = med / bottom
        ratio = float(top / bottom) if bottom > 0 else float("inf")
    out.attrs.update(by=cols, max_ratio=ratio)
    return out


def _group_name(row: pd.Series, cols: list[str]) -> str:
    return " / ".join(str(row[c]) for c in cols) if cols else "all"


def _warn(table: pd.DataFrame, cols: list[str], max_ratio: float, where: str, off: str) -> None:
    """Warn with a :class:`LengthWarning` when the ratio of medians exceeds ``max_ratio``."""
    if len(table) < 2 or not table.attrs["max_ratio"] > max_ratio:
        return
    longest = table.loc[table["median_words"].idxmax()]
    shortest = table.loc[table["median_words"].idxmin()]
    warnings.warn(
        f"{where}: articles differ in length between the groups of {cols}: median "
        f"{shortest['median_words']:g} words in {_group_name(shortest, cols)!r} against "
        f"{longest['median_words']:g} in {_group_name(longest, cols)!r} "
        f"({table.attrs['max_ratio']:.1f} times, more than max_ratio={max_ratio:g}). "
        "Shares of articles then partly measure length (a longer article has more chances "
        "to mention anything). Compare rates per 10,000 words (per_10k) instead, or compare "
        "articles of similar length (toolkit.length_strata). "
        f"To silence: {off}warnings.filterwarnings('ignore', category=LengthWarning).",
        LengthWarning,
        stacklevel=_user_stacklevel(),
    )


def article_lengths(
    corpus: pd.DataFrame | TokenIndex, *, by: str | Sequence[str] | None = "source"
) -> pd.DataFrame:
    """Words per article in each group: how many articles, median and quartiles.

    Parameters
    ----------
    corpus : pandas.DataFrame or TokenIndex
        A corpus (its cached token index is used: words are its tokens).
    by : str, list of str or None, default "source"
        Grouping column(s); None for the whole corpus. Articles without a value are left
        out with a warning.

    Returns
    -------
    pandas.DataFrame
        One row per group: the grouping columns, ``n_articles``, ``words`` (all words of
        the group), ``median_words``, ``q1_words`` and ``q3_words`` (quartiles of the words
        per article), ``ratio_to_longest`` (the group's median over the largest group
        median, at most 1) and ``ratio_to_shortest`` (over the smallest, at least 1).
        ``attrs["max_ratio"]`` is the largest median over the smallest.

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.fairness import article_lengths
    >>> table = article_lengths(toolkit.load_demo(), by="source")
    >>> table[["source", "n_articles", "median_words"]].head(3).values.tolist()
    [['Borealis Agency', 14, 540.0], ['Eastern Concord Daily', 13, 589.0], ['Northgate Wire', 15, 492.0]]
    >>> round(table.attrs["max_ratio"], 2)   # longest median / shortest median
    1.3
    """
    index = index_tokens(corpus)
    return _length_table(index.doc_lengths, index.meta, as_columns(by))


def check_lengths(
    corpus: pd.DataFrame | TokenIndex,
    *,
    by: str | Sequence[str] | None = "source",
    max_ratio: float = DEFAULT_MAX_RATIO,
) -> pd.DataFrame:
    """Warn when the groups' median article lengths differ by more than ``max_ratio``.

    Parameters
    ----------
    corpus : pandas.DataFrame or TokenIndex
        A corpus.
    by : str, list of str or None, default "source"
        Grouping column(s).
    max_ratio : float, default 2.0
        Largest acceptable ratio of the longest group median to the shortest.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`article_lengths`.

    Warns
    -----
    LengthWarning
        When the ratio exceeds ``max_ratio``; the message names the two groups and their
        medians and what to compare instead (``per_10k`` rates, :func:`length_strata`).

    Examples
    --------
    >>> import warnings
    >>> import toolkit
    >>> from toolkit.fairness import check_lengths
    >>> corpus = toolkit.load_demo()
    >>> cut = corpus["source"] == "Northgate Wire"       # keep its first 150 words only
    >>> corpus.loc[cut, "text"] = corpus.loc[cut, "text"].map(lambda t: " ".join(t.split()[:150]))
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     table = check_lengths(corpus)
    >>> caught[0].category.__name__
    'LengthWarning'
    >>> msg = str(caught[0].message)
    >>> msg[msg.index("median"):msg.index(" (")]
    "median 149 words in 'Northgate Wire' against 642 in 'The Rhine Chronicle'"
    """
    if not max_ratio >= 1:
        raise ValueError(f"max_ratio must be a number of at least 1, got {max_ratio!r}")
    table = article_lengths(corpus, by=by)
    _warn(table, as_columns(by), max_ratio, "check_lengths", "")
    return table


def warn_unequal_lengths(
    corpus: pd.DataFrame | TokenIndex,
    by: str | Sequence[str] | None,
    *,
    where: str,
    max_ratio: float = DEFAULT_MAX_RATIO,
) -> None:
    """The length check for functions that compare groups by shares of articles.

    Does nothing when ``by`` is None or includes ``"length_stratum"`` (a comparison
    within length strata is already length-matched); otherwise warns like
    :func:`check_lengths`, naming the calling function ``where`` (the warning points at
    the user's line).

    Parameters
    ----------
    corpus : pandas.DataFrame or TokenIndex
        The corpus or its token index.
    by : str, list of str or None
        The grouping column(s) of the comparison.
    where : str
        Name of the calling function, for the message.
    max_ratio : float, default 2.0
        As in :func:`check_lengths`.
    """
    cols = as_columns(by)
    if not cols or STRATUM_COLUMN in cols:
        return
    index = index_tokens(corpus)
    with warnings.catch_warnings():  # missing group values are the caller's to report
        warnings.simplefilter("ignore", UserWarning)
        table = _length_table(index.doc_lengths, index.meta, cols)
    _warn(table, cols, max_ratio, where, "")


def warn_unequal_lengths_in_scores(
    scores: pd.DataFrame, cols: list[str], *, where: str, max_ratio: float = DEFAULT_MAX_RATIO
) -> None:
    """The length check on a :func:`toolkit.frame_scores` table (``tokens`` per unit).

    Words per article are the sum of ``tokens`` over the article's units for one frame
    (document units: one row; sentence units: its sentences). Without ``doc_id`` in a
    sentence table the articles cannot be told apart and nothing is checked; nor when
    ``cols`` includes ``"length_stratum"``.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`toolkit.frame_scores`.
    cols : list of str
        Grouping columns (nothing is checked when empty).
    where : str
        Name of the calling function, for the message.
    max_ratio : float, default 2.0
        As in :func:`check_lengths`.
    """
    if not cols or STRATUM_COLUMN in cols or len(scores) == 0:
        return
    if "tokens" not in scores or "frame" not in scores:
        return
    one = scores[scores["frame"] == scores["frame"].iloc[0]]
    one = one.dropna(subset=cols)
    if "doc_id" in one.columns:
        per_doc = one.groupby("doc_id", sort=False, observed=True).agg(
            tokens=("tokens", "sum"), **{c: (c, "first") for c in cols}
        )
    elif scores.attrs.get("unit", "document") == "document":
        per_doc = one
    else:
        return
    table = _length_table(per_doc["tokens"].to_numpy(), per_doc.reset_index(drop=True), cols)
    _warn(table, cols, max_ratio, where, f"{where}(..., check_length=False), or ")


def length_strata(
    corpus: pd.DataFrame | TokenIndex,
    *,
    by: str | Sequence[str] | None = "source",
    n_strata: int = 4,
) -> pd.DataFrame:
    """Put every article in a length stratum, to compare shares between similar lengths.

    The strata are cut at the quantiles of the *pooled* lengths (all groups together):
    with ``n_strata=4``, at the quartiles, so that each stratum holds about a quarter of
    all articles (ties at a cut point stay together, so some strata may be larger or
    empty). Stratum ``k`` holds the articles with ``cut[k-1] < words <= cut[k]``
    (the first stratum includes the shortest article).

    Join the strata to a scores table and compare within strata, e.g.
    ``frame_prevalence(scores.merge(strata[["doc_id", "length_stratum"]]),
    by=["source", "length_stratum"])`` (grouped by ``length_stratum``, no length warning
    is given). Only strata where both groups have articles compare anything; to sum up
    the within-stratum differences in one number, average them weighted by the pooled
    number of articles in each stratum (direct standardisation).

    Parameters
    ----------
    corpus : pandas.DataFrame or TokenIndex
        A corpus.
    by : str, list of str or None, default "source"
        Grouping column(s) copied into the result (for cross-tabulating).
    n_strata : int, default 4
        Number of strata (quantile bins of the pooled lengths).

    Returns
    -------
    pandas.DataFrame
        One row per article, in corpus order: ``doc_id``, the grouping columns, ``words``
        and ``length_stratum`` (1 = shortest). ``attrs["cuts"]`` holds the cut points
        (``n_strata + 1`` numbers, from the shortest to the longest article).

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.fairness import length_strata
    >>> strata = length_strata(toolkit.load_demo(), n_strata=4)
    >>> strata.columns.tolist()
    ['doc_id', 'source', 'words', 'length_stratum']
    >>> strata["length_stratum"].value_counts().sort_index().tolist()
    [27, 27, 24, 23]
    >>> [float(c) for c in strata.attrs["cuts"]]
    [458.0, 540.0, 587.0, 594.0, 649.0]
    >>> scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing", frames="war")
    >>> prev = toolkit.frame_prevalence(scores.merge(strata[["doc_id", "length_stratum"]]),
    ...                                 by=["source", "length_stratum"])
    >>> prev.columns.tolist()[:4]
    ['source', 'length_stratum', 'frame', 'label']
    """
    if isinstance(n_strata, bool) or not isinstance(n_strata, (int, np.integer)) or n_strata < 1:
        raise ValueError(f"n_strata must be a whole number >= 1, got {n_strata!r}")
    index = index_tokens(corpus)
    cols = as_columns(by)
    meta = index.meta
    missing = [c for c in cols if c not in meta.columns]
    if missing:
        raise CorpusError(
            f"length_strata: cannot group by {missing}: the corpus has no such column"
        )
    words = index.doc_lengths.astype(np.int64)
    if len(words) == 0:
        raise CorpusError("length_strata: the corpus has no articles")
    cuts = np.quantile(words, np.linspace(0, 1, n_strata + 1))
    stratum = np.searchsorted(cuts[1:-1], words, side="left") + 1
    out = pd.DataFrame({"doc_id": meta["doc_id"].to_numpy()})
    for c in cols:
        out[c] = meta[c].to_numpy()
    out["words"] = words
    out["length_stratum"] = stratum.astype(np.int64)
    out.attrs.update(cuts=cuts, by=cols, n_strata=n_strata)
    return out
