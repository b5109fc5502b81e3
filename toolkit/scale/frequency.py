"""Word frequencies and term trends of a lazy corpus: the Dask paths of :mod:`toolkit.frequency`.

**On the workers**, every partition is tokenised and counted by the in-memory code: for
:func:`toolkit.word_frequencies` occurrences and documents per group and type, words and
articles per group, the word forms behind every type (for the stop-word decision), the
languages found (for ``stopwords=True``) and the words of every article with its grouping
values (for the length check); for :func:`toolkit.term_trends` occurrences of every term
and words per group and *base* period (the week of ``"2W"``), with the first and last
base period of the partition. **On the client** these additive tables are merged (types,
groups and periods are keyed by value, so the partitions' own numberings do not matter),
and everything that needs the whole corpus is decided there from the merged information:
the stop words (a stem or a merged spelling is a stop word only when *all* its word forms
in the whole corpus are), ``min_count``, ``min_docs``, ranks and ``top``, the
:class:`~toolkit.fairness.LengthWarning`, and the period grid from the corpus's first to
its last date (multiplied frequencies anchored on the first date of the whole corpus).
The finishing steps are those of the in-memory path, so the tables are the same whatever
the partitioning (``tests/test_scale_frequency.py``).

With partitions :math:`P_1, \\dots, P_k` of the articles, every count is a sum over
articles, :math:`c_{g,t} = \\sum_j c^{(P_j)}_{g,t}`, and so are the words per group; rates
(``per_10k = 10,000 c / tokens``) and shares (``doc_share = docs / articles``) are formed
only after the sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..counts import (
    alphabetical_rank,
    as_columns,
    group_codes,
    missing_groups,
    tokens_per_group,
    warn_missing_groups,
)
from ..index import TokenIndex, build_index
from .engine import corpus_dtypes, map_partitions
from .merge import merge_groups, merge_vocab

__all__ = ["lazy_word_frequencies", "lazy_term_trends"]


# ---------------------------------------------------------------- shared helpers


def _codes_and_firsts(meta: pd.DataFrame, cols: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Group number of every row as :func:`toolkit.counts.group_codes` gives it (without
    its warning: it is given once, on the client), and the first row of every group."""
    codes, _ = group_codes(meta, cols, warn=False)
    ok = np.flatnonzero(codes >= 0)
    # the first row of each group (the codes of the groups found are 0, 1, ...)
    _, at = np.unique(codes[ok], return_index=True)
    return codes, ok[at].astype(np.int64)


def _warn_missing(parts: list[dict], cols: list[str]) -> None:
    """The missing-value warning of :func:`toolkit.counts.group_codes` for the whole corpus."""
    from ..fairness import _user_stacklevel

    ids = [i for p in parts for i in p["missing_ids"]]
    warn_missing_groups(sum(p["n_missing"] for p in parts), ids, cols, stacklevel=_user_stacklevel())


def _all_empty(parts: list) -> bool:
    return all(p is None for p in parts)


# ---------------------------------------------------------------- word_frequencies


def _frequency_part(
    part: pd.DataFrame,
    by: str | Sequence[str] | None,
    ngram: int,
    stem: bool,
    variants: Any,
    lemma: bool,
    want_stop: bool,
    want_langs: bool,
    want_lengths: bool,
) -> dict | None:
    """Per partition (on a worker): the additive tables of :func:`lazy_word_frequencies`."""
    if not len(part):
        return None
    index = build_index(part, progress=False)  # a partition is tokenised once
    meta = index.meta
    cols = as_columns(by)
    codes, first = _codes_and_firsts(meta, cols)
    view = index.view(ngram=ngram, stem=stem, variants=variants, lemma=lemma)
    # count_groups without its warning: one indicator product per partition
    from scipy import sparse

    g = len(first)
    docs = np.flatnonzero(codes >= 0)
    ind = sparse.csr_matrix(
        (np.ones(len(docs), dtype=np.int32), (codes[docs], docs)), shape=(g, index.n_docs)
    )
    counts = (ind @ view.dtm).tocoo()
    docfreq = (ind @ view.dtm_binary).tocoo()
    # same sparsity pattern (dtm and dtm_binary share one); align by key to be safe
    n_types = len(view.vocab)
    key_c = counts.row.astype(np.int64) * n_types + counts.col
    key_d = docfreq.row.astype(np.int64) * n_types + docfreq.col
    if not np.array_equal(key_c, key_d):
        order_c, order_d = np.argsort(key_c), np.argsort(key_d)
        counts = sparse.coo_matrix(
            (counts.data[order_c], (counts.row[order_c], counts.col[order_c])), shape=counts.shape)
        docfreq = sparse.coo_matrix(
            (docfreq.data[order_d], (docfreq.row[order_d], docfreq.col[order_d])), shape=docfreq.shape)
    in_group = np.full(len(codes), -1, dtype=np.int64)
    in_group[docs] = codes[docs]
    out: dict[str, Any] = {
        "reps": meta[cols].iloc[first].reset_index(drop=True) if cols else pd.DataFrame(index=range(g)),
        "tokens": tokens_per_group(index, in_group, g),
        "n_docs": np.bincount(codes[docs], minlength=g).astype(np.int64),
        "vocab": np.asarray(view.vocab, dtype=object),
        "group": counts.row.astype(np.int64),
        "term": counts.col.astype(np.int64),
        "count": counts.data.astype(np.int64),
        "docs": docfreq.data.astype(np.int64),
    }
    out["n_missing"], out["missing_ids"] = missing_groups(meta, codes) if len(cols) else (0, [])
    if want_stop:
        # the word-level view behind the types, and the word forms behind each of its types
        base = view.word_index if view.n > 1 else view
        out["words"] = np.asarray(base.vocab, dtype=object)
        if view.n > 1:
            out["first_word"] = view.components[:, 0].astype(np.int64)
            out["last_word"] = view.components[:, -1].astype(np.int64)
        if base.variant_of_form is not None:  # variants (as toolkit.variants.variant_stop_mask)
            out["forms"] = np.asarray(base.variant_forms, dtype=object)
            out["form_of"] = np.asarray(base.variant_of_form, dtype=np.int64)
        elif base.is_stemmed:  # stems (as toolkit.counts.stop_mask)
            out["forms"] = np.asarray(base.stem_forms, dtype=object)
            out["form_of"] = np.asarray(base.stem_of_form, dtype=np.int64)
    if want_langs:
        from ..stopwords import STOPWORD_LANGUAGES

        out["langs"] = {x for x in view.languages(cyrillic_only=True) if x in STOPWORD_LANGUAGES}
    if want_lengths:
        out["lengths"] = index.doc_lengths.astype(np.int64)
        out["length_meta"] = meta[cols].reset_index(drop=True)
    return out


def _stop_set(stopwords: Any, parts: list[dict]) -> frozenset[str]:
    """:func:`toolkit.stopwords.resolve_stopwords` for the whole corpus."""
    from ..stopwords import get_stopwords, resolve_stopwords

    if stopwords is True:
        langs = {"en"}.union(*(p["langs"] for p in parts))
        return get_stopwords(language=sorted(langs))
    return resolve_stopwords(stopwords)


def _exclude_mask(parts: list[dict], vocab_ids: list[np.ndarray], n_types: int, stop: frozenset[str],
                  ngram: int) -> np.ndarray:
    """Which merged types are stop words, decided from the word forms of the whole corpus.

    A word is a stop word when it is in the set; a stem (or a merged spelling) when
    every word form behind it, in any partition, is one; an n-gram when its first or
    last word is one (:func:`toolkit.counts.stop_mask`, :func:`toolkit.variants.variant_stop_mask`).
    """
    if not stop:
        return np.zeros(n_types, dtype=bool)
    stop_list = list(stop)
    words, word_ids = merge_vocab([p["words"] for p in parts])
    if "forms" in parts[0]:
        owner = np.concatenate([w[p["form_of"]] for p, w in zip(parts, word_ids, strict=True)])
        forms = np.concatenate([p["forms"] for p in parts])
        form_is_stop = np.asarray(pd.Index(forms).isin(stop_list))
        content = np.bincount(owner, weights=~form_is_stop, minlength=len(words))
        word_mask = content == 0
    else:
        word_mask = np.asarray(pd.Index(words).isin(stop_list))
    if ngram == 1:
        exclude = np.zeros(n_types, dtype=bool)
        for w, v in zip(word_ids, vocab_ids, strict=True):
            exclude[v] = word_mask[w]
        return exclude
    exclude = np.zeros(n_types, dtype=bool)
    for p, w, v in zip(parts, word_ids, vocab_ids, strict=True):
        exclude[v] = word_mask[w[p["first_word"]]] | word_mask[w[p["last_word"]]]
    return exclude


def _warn_lengths(parts: list[dict], by: str | Sequence[str] | None) -> None:
    """The length check of :func:`toolkit.fairness.warn_unequal_lengths` on merged lengths."""
    from ..fairness import warn_unequal_lengths

    lengths = np.concatenate([p["lengths"] for p in parts])
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    # an index of lengths only: all that the check reads (words per article, groups)
    stub = TokenIndex(
        meta=pd.concat([p["length_meta"] for p in parts], ignore_index=True),
        offsets=offsets, ids=np.zeros(0, dtype=np.int32), vocab=np.zeros(0, dtype=object),
    )
    warn_unequal_lengths(stub, by, where="word_frequencies")


def lazy_word_frequencies(
    corpus: Any,
    *,
    by: str | Sequence[str] | None = None,
    ngram: int = 1,
    stopwords: Any = False,
    min_count: int = 1,
    min_docs: int = 1,
    stem: bool = False,
    top: int | None = None,
    variants: Any = None,
    lemma: bool = False,
) -> pd.DataFrame:
    """:func:`toolkit.word_frequencies` of a lazy corpus: counted per partition, finished on the client.

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    by, ngram, stopwords, min_count, min_docs, stem, top, variants, lemma
        As in :func:`toolkit.word_frequencies`.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`toolkit.word_frequencies` of the whole corpus (same rows,
        order, dtypes and ``.attrs["tokens"]``).

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> lazy = dd.from_pandas(corpus, npartitions=3)
    >>> got = toolkit.word_frequencies(lazy, by="source", top=5)
    >>> got.equals(toolkit.word_frequencies(corpus, by="source", top=5))
    True
    """
    from ..frequency import _frequency_table

    cols = as_columns(by)
    from ..fairness import STRATUM_COLUMN

    if isinstance(stopwords, str):
        from ..stopwords import resolve_stopwords

        resolve_stopwords(stopwords)  # raises its TypeError before any work
    want_stop = not (stopwords is None or stopwords is False)
    want_lengths = bool(cols) and STRATUM_COLUMN not in cols
    parts = map_partitions(
        corpus, _frequency_part, by, ngram, stem, variants, lemma, want_stop, stopwords is True,
        want_lengths, desc="word_frequencies",
    )
    if _all_empty(parts):
        from ..frequency import word_frequencies

        return word_frequencies(corpus_dtypes(corpus._meta), by=by, ngram=ngram, stopwords=stopwords,
                                min_count=min_count, min_docs=min_docs, stem=stem, top=top,
                                variants=variants, lemma=lemma)
    parts = [p for p in parts if p is not None]
    if want_lengths:
        _warn_lengths(parts, by)
    _warn_missing(parts, cols)
    groups, group_of = merge_groups([p["reps"] for p in parts], cols)
    vocab, vocab_ids = merge_vocab([p["vocab"] for p in parts])
    n_types, n_groups = len(vocab), len(groups)
    tokens = np.zeros(n_groups, dtype=np.int64)
    n_docs = np.zeros(n_groups, dtype=np.int64)
    keys, counts, docs = [], [], []
    for p, g, v in zip(parts, group_of, vocab_ids, strict=True):
        np.add.at(tokens, g, p["tokens"])
        np.add.at(n_docs, g, p["n_docs"])
        keys.append(g[p["group"]] * max(n_types, 1) + v[p["term"]])
        counts.append(p["count"])
        docs.append(p["docs"])
    key, where = np.unique(np.concatenate(keys), return_inverse=True)
    where = where.ravel()
    # sums of integers (exact in float64 below 2**53), one per (group, type)
    count = np.bincount(where, weights=np.concatenate(counts), minlength=len(key)).astype(np.int64)
    doc = np.bincount(where, weights=np.concatenate(docs), minlength=len(key)).astype(np.int64)
    stop = _stop_set(stopwords, parts) if want_stop else frozenset()
    exclude = _exclude_mask(parts, vocab_ids, n_types, stop, ngram) if want_stop else np.zeros(n_types, bool)
    return _frequency_table(
        groups, vocab, alphabetical_rank(vocab), key // max(n_types, 1), key % max(n_types, 1), count, doc, exclude,
        tokens, n_docs, min_count=min_count, min_docs=min_docs, top=top,
    )


# ---------------------------------------------------------------- term_trends


def _trends_part(part: pd.DataFrame, terms: list[str], cols: list[str], freq: str) -> dict | None:
    """Per partition (on a worker): words and term counts per group and base period."""
    from ..patterns import match_positions, parse_pattern
    from ..periods import _local_dates, _ordinals, _periods

    if not len(part):
        return None
    index = build_index(part, progress=False)  # a partition is tokenised once
    meta = index.meta
    years = _local_dates(meta["date"]).dt.year.dropna()
    p, n, base = _periods(meta["date"], freq, check_span=False)
    ordinals, missing = _ordinals(p)
    # the key of a group: its values and its base period (the week of "2W"); a missing
    # date is NaT here as in the anchored period of the whole corpus
    frame = meta[cols].copy() if cols else pd.DataFrame(index=meta.index)
    frame["period"] = p.dt.start_time.to_numpy()
    codes, first = _codes_and_firsts(frame, [*cols, "period"])
    g = len(first)
    ok = codes >= 0
    per_term = np.zeros((len(terms), g), dtype=np.int64)
    for k, term in enumerate(terms):
        doc = index.doc_of(match_positions(index, parse_pattern(term)))
        c = codes[doc]
        per_term[k] = np.bincount(c[c >= 0], minlength=g)
    known = ordinals[~missing]
    n_missing, ids = missing_groups(frame, codes)  # as in memory: doc_ids only if grouped by them
    return {
        "reps": meta[cols].iloc[first].reset_index(drop=True) if cols else pd.DataFrame(index=range(g)),
        "ordinal": ordinals[first],
        "missing": missing[first],
        "tokens": np.bincount(codes[ok], weights=index.doc_lengths[ok], minlength=g).astype(np.int64),
        "counts": per_term,
        "first": int(known.min()) if len(known) else None,
        "last": int(known.max()) if len(known) else None,
        "years": (int(years.min()), int(years.max())) if len(years) else None,
        "any_date": bool(meta["date"].notna().any()),
        "n": n,
        "base": base,
        "n_missing": n_missing,
        "missing_ids": ids,
    }


def _dates_part(part: pd.DataFrame) -> pd.Series:
    """Per partition: the dates as the span check reads them (only when it will fail)."""
    return part["date"].reset_index(drop=True)


def lazy_term_trends(
    corpus: Any,
    terms: list[str],
    *,
    by: str | Sequence[str] | None = "source",
    freq: str = "W",
) -> pd.DataFrame:
    """:func:`toolkit.term_trends` of a lazy corpus: counted per partition, binned on the client.

    Workers count words and term occurrences per group and base period (the week of
    ``"2W"``); the client takes the first and last date of the whole corpus, anchors the
    bins there, sums the partitions' counts per bin and fills the grid of every period
    from the first date to the last, as in memory.

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus with a ``date`` column.
    terms : list of str
        The patterns (words, wildcards, phrases), in order.
    by, freq
        As in :func:`toolkit.term_trends`.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`toolkit.term_trends` of the whole corpus.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> lazy = dd.from_pandas(corpus, npartitions=3)
    >>> got = toolkit.term_trends(lazy, ["regroup*"], by="source", freq="2W")
    >>> got.equals(toolkit.term_trends(corpus, ["regroup*"], by="source", freq="2W"))
    True
    """
    from ..frequency import _trend_table
    from ..periods import MAX_SPAN_YEARS, _anchored_bins, period_bins
    from ..schema import CorpusError

    cols = as_columns(by)
    if "date" not in corpus.columns:
        raise CorpusError("term_trends needs a 'date' column in the corpus")
    parts = map_partitions(corpus, _trends_part, terms, cols, freq, desc="term_trends")
    parts = [p for p in parts if p is not None]
    if not any(p["any_date"] for p in parts):
        raise CorpusError("term_trends needs dates, but every article's date is missing")
    years = [p["years"] for p in parts if p["years"] is not None]
    if years and max(y[1] for y in years) - min(y[0] for y in years) > MAX_SPAN_YEARS:
        # the span check names the dates by row: read them all (this raises)
        dates = pd.concat(map_partitions(corpus, _dates_part, desc="term_trends"), ignore_index=True)
        period_bins(dates, freq)
    _warn_missing(parts, [*cols, "period"])
    known = [p for p in parts if p["first"] is not None]
    first = min(p["first"] for p in known)
    last = max(p["last"] for p in known)
    n, base = parts[0]["n"], parts[0]["base"]
    ordinals = np.concatenate([p["ordinal"] for p in parts])
    missing = np.concatenate([p["missing"] for p in parts])
    starts, grid = _anchored_bins(ordinals, missing, first, last, n, base, pd.RangeIndex(len(ordinals)))
    frame = pd.concat([p["reps"] for p in parts], ignore_index=True) if cols else \
        pd.DataFrame(index=pd.RangeIndex(len(ordinals)))
    frame["period"] = starts.to_numpy()
    codes, groups = group_codes(frame, [*cols, "period"])
    tokens = np.concatenate([p["tokens"] for p in parts])
    counts = np.concatenate([p["counts"] for p in parts], axis=1)
    return _trend_table(codes, groups, tokens, list(counts), terms, cols, grid)
