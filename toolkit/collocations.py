"""Collocations: which words keep company with a node word, and how strongly.

:func:`collocates` finds every word within a few tokens of a *node* (a word such as
``talks``, a wildcard such as ``negotiat*`` or a phrase such as ``special military
operation``; see :mod:`toolkit.patterns`), counts how often each one occurs there, and
scores the association with four standard measures. Grouped by a column (e.g.
``by="source"``), each group is computed on its own documents, so you can compare what
surrounds "talks" in each outlet.

How the counts are defined
--------------------------
This module uses the *window-based* ("surface co-occurrence") contingency table of
Evert (2005, *The Statistics of Word Cooccurrences*; 2008, "Corpora and
collocations"), with the window region counted exactly:

* **Node matches.** Every match of the node pattern; ``node_freq`` (f_node) is their
  number. A phrase match of ``k`` words covers ``k`` consecutive tokens.
* **Window.** Around each match, ``window`` token positions on the left (before its
  first word) and/or on the right (after its last word), depending on ``span``.
  Windows stop at document boundaries. Punctuation is not a token, so windows run
  across punctuation and sentence ends.
* **Window region.** The union of all windows, *minus* every token covered by a node
  match (the node is never its own collocate). Where the windows of two nearby matches
  overlap, the shared positions are counted **once**. ``W`` is the number of token
  positions in the region. With no overlaps and no document edges,
  ``W = f_node * window * s`` (``s`` = 2 for ``span="both"``, else 1), the
  "node frequency x window span" of the usual textbook formula below. Tools that
  count per occurrence can count a token twice where windows overlap (and then
  ``O11`` may exceed ``f_coll``); here it cannot.
* **Observed** ``O11`` (``count``): occurrences of the collocate inside the region.
* **Collocate frequency** ``f_coll`` (``collocate_freq``): occurrences of the collocate
  in the group's documents. ``N``: tokens in the group's documents.

The contingency table (tokens of the group, cross-classified)::

                      collocate           other words
    in region    O11                  O12 = W - O11               | W
    elsewhere    O21 = f_coll - O11   O22 = N - W - f_coll + O11  | N - W
                 f_coll               N - f_coll                  | N

Because each position is counted once, every cell is a count of tokens and is never
negative. Expected counts are ``E_ij = row_i * column_j / N``; in particular

    ``E11 = W * f_coll / N``   (= ``f_node * f_coll * window * s / N`` without overlaps)

Association measures (all computed with numpy for every collocate at once):

* ``pmi``: pointwise mutual information, ``log2(O11 / E11)``. Positive when the word
  occurs near the node more often than chance. Inflated for rare words: keep a
  ``min_count`` and read it together with ``count``.
* ``log_likelihood``: Dunning's G2 on the table above, ``2 * sum O_ij * ln(O_ij /
  E_ij)`` (with ``0 * ln 0 = 0``). Always >= 0: it measures the evidence for *any*
  departure from chance, attraction (``pmi > 0``) or repulsion (``pmi < 0``).
  ``G2 > 3.84`` corresponds to p < 0.05 and ``G2 > 10.83`` to p < 0.001 (one degree of
  freedom, before any correction for the many collocates tested).
* ``log_dice``: Rychlý (2008), ``14 + log2(2 * O11 / (f_node + f_coll))``; at most 14,
  and it does not involve ``N`` (nor ``W``), so it is less affected by corpus size.
* ``t_score``: ``(O11 - E11) / sqrt(O11)``; favours frequent collocates.

With ``window=1, span="right"`` and no node at a document end (or followed by another
match), ``W = f_node`` and the table is NLTK's bigram table: ``pmi`` and
``log_likelihood`` then equal :class:`nltk.metrics.association.BigramAssocMeasures`
``pmi`` and ``likelihood_ratio`` for the bigram (node, collocate) found by
:class:`nltk.collocations.BigramCollocationFinder` (the tests check this). NLTK's
scoring functions work on one pair at a time (``math.log``), so they serve as the
reference in the tests rather than in the computation.

References
----------
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1).
Evert, S. (2005). *The Statistics of Word Cooccurrences: Word Pairs and Collocations*.
PhD thesis, University of Stuttgart.
Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (eds.), *Corpus
Linguistics: An International Handbook*, article 58. De Gruyter.
Rychlý, P. (2008). A lexicographer-friendly association score. *RASLAN 2008*.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse

from .counts import as_columns, group_codes, group_labels, stop_mask, tokens_per_group
from .index import TokenIndex, index_tokens
from .patterns import match_positions, parse_pattern
from .stopwords import resolve_stopwords

MEASURES: tuple[str, ...] = ("pmi", "log_likelihood", "log_dice", "t_score")
"""The association measures :func:`collocates` can compute."""

SPANS: tuple[str, ...] = ("both", "left", "right")
"""Which side(s) of the node the window covers."""

_CHUNK_CELLS = 4_000_000
"""Window cells (matches x window positions) gathered at a time (bounds memory)."""


def collocates(
    corpus: pd.DataFrame | TokenIndex,
    node: str,
    *,
    window: int = 5,
    by: str | Sequence[str] | None = None,
    measures: str | Iterable[str] = MEASURES,
    min_count: int = 2,
    stopwords: bool | Iterable[str] = False,
    span: Literal["both", "left", "right"] = "both",
) -> pd.DataFrame:
    """Words that occur near a node word or phrase, with association scores.

    See the module docstring (:mod:`toolkit.collocations`) for the exact definitions
    of the window region, the contingency table, the expected count and the measures.

    Parameters
    ----------
    corpus : pandas.DataFrame or TokenIndex
        A corpus (see :mod:`toolkit.schema`); tokenised once and cached.
    node : str
        A word (``talks``), a wildcard (``negotiat*``) or a phrase (``special military
        operation``), matched case-insensitively. Every token of a match is left out
        of the collocates.
    window : int, default 5
        Tokens counted on each side covered by ``span``, from the first word of the
        match (left) and from its last word (right). Windows stop at document
        boundaries.
    by : str, list of str or None
        Compute separately for each group of documents (e.g. ``"source"``): counts,
        ``N``, frequencies and scores all come from the group's own documents.
        Documents with a missing grouping value are left out.
    measures : str or iterable of str, default all
        Any of ``"pmi"``, ``"log_likelihood"``, ``"log_dice"``, ``"t_score"``; one
        column each, always in this order.
    min_count : int, default 2
        Keep collocates seen at least this many times in the window region of the
        group. PMI is unreliable for words seen once or twice; raise this for large
        corpora.
    stopwords : bool or iterable of str, default False
        Leave stop words out of the table (``True`` for
        :func:`toolkit.stopwords.get_stopwords`, or your own words). They still count
        as tokens: a window of 5 is 5 tokens whatever they are, and ``N`` and ``W``
        include them.
    span : {"both", "left", "right"}, default "both"
        Count words on both sides of the node, only before it, or only after it.

    Returns
    -------
    pandas.DataFrame
        One row per group and collocate: the grouping columns, ``node`` (the pattern
        as given), ``collocate``, ``count`` (O11, co-occurrences in the window region),
        ``collocate_freq`` (f_coll in the group), ``node_freq`` (matches of the node in
        the group), ``expected`` (E11 = W * f_coll / N) and the requested measures.
        Sorted within each group by ``log_dice`` descending (when ``log_dice`` is not
        requested: by the first requested measure in the order above), then ``count``
        descending, then alphabetically. Groups where the node does not occur have no rows.
        ``.attrs`` holds ``node``, ``window``, ``span``, and per group (keyed like
        :func:`toolkit.frequency.word_frequencies`' ``attrs["tokens"]``) ``tokens``
        (N), ``window_tokens`` (W) and ``node_freq``.

    Raises
    ------
    ValueError
        If ``window`` is not a whole number >= 1, ``span`` or a measure is unknown,
        ``min_count`` < 1, or the node is not a valid pattern.

    Warns
    -----
    UserWarning
        If the node does not occur in the corpus; an empty table (with all the
        columns) is returned.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> stop = toolkit.get_stopwords("bundled")   # the same list on every machine
    >>> table = toolkit.collocates(corpus, "talks", window=5, stopwords=stop)
    >>> table[["collocate", "count"]].head(3).values.tolist()
    [['peace', 10], ['face-to-face', 5], ['achieved', 5]]
    >>> per_outlet = toolkit.collocates(corpus, "talks", window=5, by="source", stopwords=stop)
    >>> ecd = per_outlet[per_outlet["source"] == "Eastern Concord Daily"]
    >>> ecd["collocate"].head(2).tolist()
    ['peace', 'resumption']
    """
    window = _check_window(window)
    if span not in SPANS:
        raise ValueError(f"span must be one of {SPANS}, got {span!r}")
    wanted = _check_measures(measures)
    if isinstance(min_count, bool) or not isinstance(min_count, numbers.Integral) or min_count < 1:
        raise ValueError(f"min_count must be a whole number >= 1, got {min_count!r}")
    if not isinstance(node, str):
        raise TypeError(f"node must be a string (a word, wildcard or phrase), got {type(node).__name__}")
    pattern = parse_pattern(node)
    node_label = " ".join(node.split())
    index = index_tokens(corpus)
    cols = as_columns(by)
    codes, groups = group_codes(index.meta, by)
    n_groups = len(groups)
    labels = group_labels(groups)

    starts = match_positions(index, pattern)
    length = len(pattern.elements)
    node_group = codes[index.doc_of(starts)]
    in_group = node_group >= 0
    node_freq = np.bincount(node_group[in_group], minlength=n_groups).astype(np.int64)
    tokens = tokens_per_group(index, codes, n_groups)
    attrs = {"node": node_label, "window": window, "span": span}

    if not in_group.any():
        where = "in the corpus" if not len(starts) else "in any group (grouping values missing)"
        warnings.warn(
            f"collocates: the node {node_label!r} does not occur {where}; "
            "returning an empty table",
            UserWarning,
            stacklevel=2,
        )
        out = _empty(cols, groups, wanted)
        out.attrs = {**attrs, "tokens": dict(zip(labels, tokens.tolist(), strict=True)),
                     "window_tokens": dict.fromkeys(labels, 0),
                     "node_freq": dict(zip(labels, node_freq.tolist(), strict=True))}
        return out

    region = window_region(index, starts, length, window=window, span=span)
    region_group = codes[index.doc_of(region)]
    keep = region_group >= 0
    region, region_group = region[keep], region_group[keep]
    window_tokens = np.bincount(region_group, minlength=n_groups).astype(np.int64)

    # O11 for every (group, type) pair present in the region: sum of ones, vectorised
    n_types = len(index.vocab)
    observed = sparse.csr_matrix(
        (np.ones(len(region), dtype=np.int64), (region_group, index.ids[region])),
        shape=(n_groups, n_types),
    )
    observed.sum_duplicates()
    row = np.repeat(np.arange(n_groups), np.diff(observed.indptr))
    col, count = observed.indices.astype(np.int64), observed.data.astype(np.int64)
    ok = count >= min_count
    stop = resolve_stopwords(stopwords, index)
    if stop:
        ok &= ~stop_mask(index, stop)[col]
    row, col, count = row[ok], col[ok], count[ok]

    f_coll = _group_type_counts(index, codes, n_groups)[row, col]
    f_coll = np.asarray(f_coll).ravel().astype(np.int64)
    scores = association_measures(
        count, f_coll, node_freq[row], window_tokens[row], tokens[row], measures=wanted
    )

    out = groups.iloc[row].reset_index(drop=True)
    out["node"] = pd.Series([node_label] * len(row), dtype="str")
    out["collocate"] = pd.Series(index.vocab[col], dtype="str")
    out["count"] = count
    out["collocate_freq"] = f_coll
    out["node_freq"] = node_freq[row]
    for name, values in scores.items():
        out[name] = values
    sort_key = "log_dice" if "log_dice" in wanted else wanted[0]
    out["_group"] = row
    out = out.sort_values(
        ["_group", sort_key, "count", "collocate"], ascending=[True, False, False, True],
        kind="mergesort",
    )
    out = out.drop(columns="_group").reset_index(drop=True)
    out.attrs = {
        **attrs,
        "tokens": dict(zip(labels, tokens.tolist(), strict=True)),
        "window_tokens": dict(zip(labels, window_tokens.tolist(), strict=True)),
        "node_freq": dict(zip(labels, node_freq.tolist(), strict=True)),
    }
    return out


def window_region(
    index: TokenIndex,
    starts: np.ndarray,
    length: int = 1,
    *,
    window: int = 5,
    span: Literal["both", "left", "right"] = "both",
) -> np.ndarray:
    """Token positions inside the windows of a node's matches (the window region).

    For each match start ``s`` (covering ``s .. s + length - 1``), the offsets
    ``-window .. -1`` (left) and/or ``length .. length + window - 1`` (right) are added
    with broadcasting; positions outside the match's document are dropped, the union
    is taken (overlapping windows count once) and every position covered by a match
    is removed.

    Parameters
    ----------
    index : TokenIndex
        A word index.
    starts : numpy.ndarray
        Match start positions (from :func:`toolkit.patterns.match_positions`).
    length : int, default 1
        Tokens per match (words in the phrase).
    window : int, default 5
        Tokens on each side covered by ``span``.
    span : {"both", "left", "right"}, default "both"
        Sides of the node.

    Returns
    -------
    numpy.ndarray
        Sorted, unique ``int64`` positions into ``index.ids``.
    """
    window = _check_window(window)
    if span not in SPANS:
        raise ValueError(f"span must be one of {SPANS}, got {span!r}")
    starts = np.asarray(starts, dtype=np.int64)
    rel = []
    if span in ("both", "left"):
        rel.append(np.arange(-window, 0, dtype=np.int64))
    if span in ("both", "right"):
        rel.append(np.arange(length, length + window, dtype=np.int64))
    offsets = np.concatenate(rel)
    doc = index.doc_of(starts)
    lo, hi = index.offsets[doc], index.offsets[doc + 1]
    inside = np.zeros(index.n_tokens, dtype=bool)
    step = max(1, _CHUNK_CELLS // len(offsets))
    for i in range(0, len(starts), step):  # chunks of matches, to bound memory
        cand = starts[i : i + step, None] + offsets[None, :]
        ok = (cand >= lo[i : i + step, None]) & (cand < hi[i : i + step, None])
        inside[cand[ok]] = True
    covered = (starts[:, None] + np.arange(length, dtype=np.int64)[None, :]).ravel()
    inside[covered] = False
    return np.flatnonzero(inside).astype(np.int64)


def association_measures(
    observed: np.ndarray,
    collocate_freq: np.ndarray,
    node_freq: np.ndarray,
    window_tokens: np.ndarray,
    tokens: np.ndarray,
    *,
    measures: str | Iterable[str] = MEASURES,
) -> dict[str, np.ndarray]:
    """Expected count and association measures from the window-based counts.

    Arrays broadcast against each other; see :mod:`toolkit.collocations` for the
    contingency table.

    Parameters
    ----------
    observed : numpy.ndarray
        O11, co-occurrences in the window region (>= 1).
    collocate_freq : numpy.ndarray
        f_coll, the collocate's frequency.
    node_freq : numpy.ndarray
        f_node, the node's frequency (used by log-Dice only).
    window_tokens : numpy.ndarray
        W, tokens in the window region (the first row total).
    tokens : numpy.ndarray
        N, tokens in the (sub)corpus.
    measures : str or iterable of str, default all
        Measures to return.

    Returns
    -------
    dict of str to numpy.ndarray
        ``"expected"`` (E11 = W * f_coll / N) followed by the requested measures.
    """
    wanted = _check_measures(measures)
    o11 = np.asarray(observed, dtype=float)
    f_c = np.asarray(collocate_freq, dtype=float)
    f_n = np.asarray(node_freq, dtype=float)
    w = np.asarray(window_tokens, dtype=float)
    n = np.asarray(tokens, dtype=float)
    e11 = w * f_c / n
    out: dict[str, np.ndarray] = {"expected": e11}
    with np.errstate(divide="ignore", invalid="ignore"):
        if "pmi" in wanted:
            out["pmi"] = np.log2(o11 / e11)
        if "log_likelihood" in wanted:
            cells = (
                (o11, e11),
                (w - o11, w * (n - f_c) / n),
                (f_c - o11, (n - w) * f_c / n),
                (n - w - f_c + o11, (n - w) * (n - f_c) / n),
            )
            g2 = np.zeros(np.broadcast(o11, f_c, w, n).shape)
            for obs, exp in cells:
                g2 = g2 + np.where(obs > 0, obs * np.log(obs / exp), 0.0)
            out["log_likelihood"] = 2.0 * g2
        if "log_dice" in wanted:
            out["log_dice"] = 14.0 + np.log2(2.0 * o11 / (f_n + f_c))
        if "t_score" in wanted:
            out["t_score"] = (o11 - e11) / np.sqrt(o11)
    return {k: out[k] for k in ("expected", *[m for m in MEASURES if m in wanted])}


def _check_window(window: int) -> int:
    if isinstance(window, bool) or not isinstance(window, numbers.Integral):
        raise ValueError(f"window must be a whole number of tokens >= 1, got {window!r}")
    if window < 1:
        raise ValueError(f"window must be >= 1 token, got {window}")
    return int(window)


def _check_measures(measures: str | Iterable[str]) -> list[str]:
    items = [measures] if isinstance(measures, str) else list(measures)
    unknown = [m for m in items if m not in MEASURES]
    if unknown:
        raise ValueError(f"unknown measure(s) {unknown}; choose from {list(MEASURES)}")
    if not items:
        raise ValueError(f"give at least one measure from {list(MEASURES)}")
    return [m for m in MEASURES if m in items]


def _group_type_counts(index: TokenIndex, codes: np.ndarray, n_groups: int) -> sparse.csr_matrix:
    docs = np.flatnonzero(codes >= 0)
    ind = sparse.csr_matrix(
        (np.ones(len(docs), dtype=np.int64), (codes[docs], docs)), shape=(n_groups, index.n_docs)
    )
    counts = (ind @ index.dtm).tocsr()
    counts.sum_duplicates()  # canonical format: element look-ups use binary search
    return counts


def _empty(cols: list[str], groups: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    out = groups.iloc[[]].reset_index(drop=True) if cols else pd.DataFrame()
    out["node"] = pd.Series([], dtype="str")
    out["collocate"] = pd.Series([], dtype="str")
    for c in ("count", "collocate_freq", "node_freq"):
        out[c] = pd.Series([], dtype=np.int64)
    out["expected"] = pd.Series([], dtype=float)
    for m in measures:
        out[m] = pd.Series([], dtype=float)
    return out
