"""Word frequency: how often each word (or phrase) occurs, per group and over time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ._compat import keyword_only, renamed
from .counts import (
    alphabetical_rank,
    as_columns,
    count_groups,
    group_codes,
    group_labels,
    stop_mask,
)
from .fairness import warn_unequal_lengths
from .index import index_tokens
from .patterns import match_positions, parse_pattern
from .periods import period_bins
from .rates import RATE_BASE, per_10k
from .scale.engine import is_lazy
from .schema import CorpusError
from .stopwords import resolve_stopwords

PER = RATE_BASE
"""Relative frequencies are given per this many words (see :mod:`toolkit.rates`)."""


@keyword_only(1, ("by",))
def word_frequencies(
    corpus: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    ngram: int = 1,
    stopwords: bool | Iterable[str] = False,
    min_count: int = 1,
    min_docs: int = 1,
    stem: bool = False,
    top: int | None = None,
    variants: bool | pd.DataFrame | None = None,
    lemma: bool = False,
) -> pd.DataFrame:
    """Count every word (or n-gram) in the corpus, overall or per group.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus (see :mod:`toolkit.schema`); tokenised once and cached. A lazy corpus
        (:func:`toolkit.open_corpus`) is counted partition by partition and gives the
        same table (:mod:`toolkit.scale.frequency`).
    by : str, list of str or None
        Group by these columns (e.g. ``"source"``); None counts the whole corpus.
    ngram : int, default 1
        1 for words, 2 or 3 for phrases of that many words.
    stopwords : bool or iterable of str, default False
        Leave out stop words: ``True`` for :func:`toolkit.get_stopwords`, or your own
        collection. An n-gram is left out when its first or last word is one.
    min_count : int, default 1
        Keep terms with at least this count in the group.
    min_docs : int, default 1
        Keep terms found in at least this many documents of the group.
    stem : bool, default False
        Count Snowball stems instead of word forms.
    top : int, optional
        Keep the ``top`` most frequent terms of each group.
    variants : bool or pandas.DataFrame, optional
        Count spelling variants as one term (``U.S.`` as ``us``, ``Zelenskiy`` as
        ``zelensky``, ``defence`` as ``defense``): True for the bundled map
        (:func:`toolkit.load_variants`; Russian-derived place names such as *Kiev* are
        left apart), or your own table with columns ``variant`` and ``canonical``.
        Merged before stemming and n-grams. With stop words, a merged term is left out
        only when all its spellings are stop words.
    lemma : bool, default False
        Count lemmas of Russian and Ukrainian words (pymorphy3, :mod:`toolkit.lemmas`):
        *войны, войну, войной* as *война*. Not together with ``stem``.

    Returns
    -------
    pandas.DataFrame
        One row per group and term: the grouping columns, ``term``, ``count``,
        ``per_10k`` (count per 10,000 words of the group, stop words included in the
        denominator), ``docs`` (documents of the group containing it), ``doc_share``
        (``docs`` / documents in the group) and ``rank`` (1 = most frequent in the
        group; ties share the lowest rank, so ``top=10`` can return more than ten rows
        when terms tie at the cut-off). Sorted by group, rank and term.
        ``.attrs["tokens"]`` holds the number of words in each group.

    Warns
    -----
    LengthWarning
        With ``by``, when the groups' median article lengths differ more than twofold:
        ``docs``/``doc_share`` then partly measure length (see :mod:`toolkit.fairness`);
        compare ``per_10k`` or use :func:`toolkit.length_strata`.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> stop = toolkit.get_stopwords("bundled")   # the same list on every machine
    >>> freq = toolkit.word_frequencies(corpus, by="source", stopwords=stop, top=10)
    >>> freq.columns.tolist()
    ['source', 'term', 'count', 'per_10k', 'docs', 'doc_share', 'rank']
    >>> freq.loc[freq["source"] == "Borealis Agency", "term"].head(3).tolist()
    ['russian', 'ukrainian', 'kyiv']

    House styles merged (``variants=True``):

    >>> import pandas as pd
    >>> two = pd.DataFrame({"doc_id": ["g", "n"], "source": ["G", "N"],
    ...                     "text": ["Zelenskiy and the US.", "Zelensky and the U.S."]})
    >>> toolkit.word_frequencies(two, variants=True)[["term", "count"]].values.tolist()
    [['and', 2], ['the', 2], ['us', 2], ['zelensky', 2]]
    """
    if is_lazy(corpus):
        from .scale.frequency import lazy_word_frequencies

        return lazy_word_frequencies(
            corpus, by=by, ngram=ngram, stopwords=stopwords, min_count=min_count,
            min_docs=min_docs, stem=stem, top=top, variants=variants, lemma=lemma,
        )
    index = index_tokens(corpus)
    warn_unequal_lengths(index, by, where="word_frequencies")
    if variants is not None and variants is not False:
        from .variants import variant_stop_mask

        gc = count_groups(index.variant_view(variants), by, ngram=ngram, stem=stem, lemma=lemma)
        exclude = variant_stop_mask(gc.view, resolve_stopwords(stopwords, gc.view))
    else:
        gc = count_groups(index, by, ngram=ngram, stem=stem, lemma=lemma)
        exclude = stop_mask(gc.view, resolve_stopwords(stopwords, gc.view))
    counts, docfreq = gc.counts, gc.docs
    # counts > 0 exactly where docs > 0: count_groups returns both with one structure
    group = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    return _frequency_table(
        gc.groups, gc.view.vocab, _alphabetical_rank(gc.view), group, counts.indices,
        counts.data, docfreq.data, exclude, gc.tokens, gc.n_docs,
        min_count=min_count, min_docs=min_docs, top=top,
    )


def _frequency_table(
    groups: pd.DataFrame,
    vocab: np.ndarray,
    alpha: np.ndarray,
    group: np.ndarray,
    term: np.ndarray,
    count: np.ndarray,
    docs: np.ndarray,
    exclude: np.ndarray,
    tokens: np.ndarray,
    n_docs: np.ndarray,
    *,
    min_count: int,
    min_docs: int,
    top: int | None,
) -> pd.DataFrame:
    """The table of :func:`word_frequencies` from counts per group and type (its finishing step).

    Shared by the in-memory and the lazy path (:mod:`toolkit.scale.frequency`), which
    differ only in how the counts were made: the same counts give the same table.

    Parameters
    ----------
    groups : pandas.DataFrame
        One row per group (as from :func:`toolkit.counts.group_codes`).
    vocab : numpy.ndarray
        The types (strings).
    alpha : numpy.ndarray
        Position of each type in alphabetical order.
    group, term, count, docs : numpy.ndarray
        One entry per group and type found in it: group row, type id, occurrences and
        documents containing it.
    exclude : numpy.ndarray
        Boolean mask over ``vocab``: stop words to leave out.
    tokens, n_docs : numpy.ndarray
        Words and documents per group.
    min_count, min_docs, top
        As in :func:`word_frequencies`.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`word_frequencies`.
    """
    term, count, docs = np.asarray(term), np.asarray(count).astype(np.int64), np.asarray(docs).astype(np.int64)
    keep = (count >= min_count) & (docs >= min_docs) & ~exclude[term]
    group, term, count, docs = group[keep], term[keep], count[keep], docs[keep]
    # order: group, count descending, term alphabetically (integer sorts only)
    order = _order(group, count, alpha[term])
    group, term, count, docs = group[order], term[order], count[order], docs[order]
    # rank "min" within group: position of the first row with the same count, plus one
    n = len(order)
    new_group = np.r_[True, group[1:] != group[:-1]] if n else np.zeros(0, bool)
    new_block = new_group | (np.r_[True, count[1:] != count[:-1]] if n else np.zeros(0, bool))
    pos = np.arange(n)
    group_start = np.maximum.accumulate(np.where(new_group, pos, 0)) if n else pos
    block_start = np.maximum.accumulate(np.where(new_block, pos, 0)) if n else pos
    rank = block_start - group_start + 1
    out = groups.iloc[group].reset_index(drop=True)
    out["term"] = pd.Series(vocab[term], dtype="str")
    out["count"] = count
    out["per_10k"] = per_10k(count, tokens[group])
    out["docs"] = docs
    out["doc_share"] = docs / n_docs[group]
    out["rank"] = rank.astype(np.int64)
    if top is not None:
        out = out[out["rank"] <= top].reset_index(drop=True)
    out.attrs["tokens"] = dict(zip(group_labels(groups), tokens.tolist(), strict=True))
    return out


def _order(group: np.ndarray, count: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Sort order by group, count descending, then alphabetical rank (one int64 key)."""
    if not len(group):
        return np.zeros(0, dtype=np.int64)
    top, n_types = int(count.max()) + 1, int(alpha.max()) + 1
    if (int(group.max()) + 1) * top * n_types < 2**62:
        key = (group.astype(np.int64) * top + (top - 1 - count)) * n_types + alpha
        return np.argsort(key, kind="stable")
    return np.lexsort((alpha, -count, group))


def _alphabetical_rank(view) -> np.ndarray:
    """Position of each type in alphabetical order (cached on the index view)."""
    cache = view.vocab_cache
    if cache.alphabetical_rank is None:
        cache.alphabetical_rank = alphabetical_rank(view.vocab)
    return cache.alphabetical_rank


@renamed(terms="patterns")
@keyword_only(2, ("by", "freq"))
def term_trends(
    corpus: pd.DataFrame,
    patterns: str | Iterable[str],
    *,
    by: str | Sequence[str] | None = "source",
    freq: str = "W",
) -> pd.DataFrame:
    """Frequency of terms per period (and group), normalised per 10,000 words.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus with a ``date`` column, or a lazy one (:func:`toolkit.open_corpus`:
        counted partition by partition, binned from the first to the last date of the
        whole corpus; the same table, :mod:`toolkit.scale.frequency`).
    patterns : str or iterable of str
        Words, wildcards (``negotiat*``) or phrases (``goodwill gesture``); see
        :mod:`toolkit.patterns`.
    by : str, list of str or None, default "source"
        Group by these columns as well as by period.
    freq : str, default "W"
        A pandas period frequency: ``"D"``, ``"W"``, ``"M"``, ``"Q"``..., or a multiple
        of one (``"2W"``, ``"3D"``: bins of that many periods, counted from the period
        of the corpus's first date). Dates are binned by the one rule of
        :mod:`toolkit.periods` (the outlet's local date); every dated article is in
        exactly one period, so the counts over the periods add up to the corpus's.

    Returns
    -------
    pandas.DataFrame
        One row per term, group and period from the first to the last date of the
        corpus: the grouping columns, ``period`` (start of the period), ``term``,
        ``count``, ``tokens`` (words in the group and period) and ``per_10k``. A period
        in which a group published nothing has ``tokens`` 0 and ``per_10k`` NaN (a gap
        in a line plot, not a zero).

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> trends = toolkit.term_trends(corpus, ["goodwill gesture", "regroup*"], by=None, freq="M")
    >>> trends.columns.tolist()
    ['period', 'term', 'count', 'tokens', 'per_10k']
    >>> trends.groupby("term")["count"].sum().to_dict()
    {'goodwill gesture': 2, 'regroup*': 19}
    """
    terms = [patterns] if isinstance(patterns, str) else list(patterns)
    if is_lazy(corpus):
        from .scale.frequency import lazy_term_trends

        return lazy_term_trends(corpus, terms, by=by, freq=freq)
    index = index_tokens(corpus)
    meta = index.meta
    cols = as_columns(by)
    if "date" not in meta.columns:
        raise CorpusError("term_trends needs a 'date' column in the corpus")
    if meta["date"].isna().all():
        raise CorpusError("term_trends needs dates, but every article's date is missing")
    period, all_periods = period_bins(meta["date"], freq)
    frame = meta[cols].copy() if cols else pd.DataFrame(index=meta.index)
    frame["period"] = period.to_numpy()
    codes, groups = group_codes(frame, [*cols, "period"])
    per_doc = [
        np.bincount(index.doc_of(match_positions(index, parse_pattern(term))), minlength=index.n_docs)
        for term in terms
    ]
    return _trend_table(codes, groups, index.doc_lengths, per_doc, terms, cols, all_periods)


def _trend_table(
    codes: np.ndarray,
    groups: pd.DataFrame,
    tokens: np.ndarray,
    term_counts: Sequence[np.ndarray],
    terms: list[str],
    cols: list[str],
    all_periods: pd.DatetimeIndex,
) -> pd.DataFrame:
    """The table of :func:`term_trends` from rows (articles, or merged cells) and their groups.

    Shared by the in-memory path (one row per article) and the lazy path (one row per
    group and period of each partition, :mod:`toolkit.scale.frequency`): sums over rows
    give the same table.

    Parameters
    ----------
    codes : numpy.ndarray
        Group (of ``groups``) of each row; ``-1``: in none.
    groups : pandas.DataFrame
        One row per group: the grouping columns and ``period``.
    tokens : numpy.ndarray
        Words of each row.
    term_counts : sequence of numpy.ndarray
        For each term, its occurrences in each row.
    terms : list of str
        The patterns, in order.
    cols : list of str
        The grouping columns (without ``period``).
    all_periods : pandas.DatetimeIndex
        Every period from the corpus's first date to its last.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`term_trends`.
    """
    g = len(groups)
    ok = codes >= 0
    in_group = codes[ok]
    base = groups.assign(
        tokens=np.bincount(in_group, weights=np.asarray(tokens)[ok], minlength=g).astype(np.int64)
    )
    # every period between the first and the last date (for "2W", "3D": every bin of
    # the one rule, counted from the first date), for every group
    keys = groups[cols].drop_duplicates() if cols else pd.DataFrame(index=range(1))
    grid = keys.merge(pd.DataFrame({"period": all_periods}), how="cross")
    parts = []
    for term, per_row in zip(terms, term_counts, strict=True):
        counts = np.bincount(in_group, weights=np.asarray(per_row)[ok], minlength=g)
        part = base.assign(count=counts.astype(np.int64))
        part = grid.merge(part, on=[*cols, "period"], how="left")
        part["count"] = part["count"].fillna(0).astype(np.int64)
        part["tokens"] = part["tokens"].fillna(0).astype(np.int64)
        part.insert(len(cols) + 1, "term", term)
        parts.append(part[[*cols, "period", "term", "count", "tokens"]])
    out = pd.concat(parts, ignore_index=True)
    out["per_10k"] = per_10k(out["count"], out["tokens"])
    return out.sort_values(["term", *cols, "period"]).reset_index(drop=True)


def dispersion(
    corpus: pd.DataFrame,
    terms: str | Iterable[str] | None = None,
    *,
    ngram: int = 1,
    stopwords: bool | Iterable[str] = False,
    min_count: int = 1,
    variants: bool | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How evenly each term is spread over the documents (Gries's DP).

    Gries's *deviation of proportions* (Gries 2008) compares, for every document, its
    share of the corpus (``s_i``, its length over the corpus length) with its share of
    the term's occurrences (``v_i``): ``DP = 0.5 * sum_i |v_i - s_i|``. DP is 0 when
    the term is spread exactly in proportion to document length and approaches 1
    when it is concentrated in one short document. ``dp_norm`` divides by the
    largest value possible for the corpus, ``1 - min_i s_i`` (Lijffijt & Gries 2012).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    terms : str or iterable of str, optional
        Exact types (words, or n-grams joined by spaces) to report; all by default.
        Wildcards are not expanded here: list the types (see ``word_frequencies``).
    ngram : int, default 1
        1, 2 or 3.
    stopwords : bool or iterable of str, default False
        Leave out stop words (as in :func:`word_frequencies`).
    min_count : int, default 1
        Report terms with at least this count.
    variants : bool or pandas.DataFrame, optional
        Count spelling variants as one term (as in :func:`word_frequencies`); ``terms``
        then names canonical spellings.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``count``, ``docs``, ``dp``, ``dp_norm``, sorted by count.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> table = toolkit.dispersion(corpus, ["war", "regrouping"])
    >>> table[["term", "count", "docs"]].values.tolist()
    [['war', 170, 72], ['regrouping', 9, 8]]
    >>> [round(float(dp), 3) for dp in table["dp"]]   # 0 = evenly spread, near 1 = clumped
    [0.402, 0.92]
    """
    index = index_tokens(corpus)
    view = index.view(ngram=ngram, variants=variants)
    lengths = view.doc_lengths.astype(float)
    total = lengths.sum()
    if total == 0:
        raise ValueError("the corpus has no tokens")
    s = lengths / total
    m = view.dtm.tocoo()
    f = np.bincount(m.col, weights=m.data, minlength=len(view.vocab))
    v = m.data / f[m.col]
    contrib = np.abs(v - s[m.row]) - s[m.row]
    dp = 0.5 * (1.0 + np.bincount(m.col, weights=contrib, minlength=len(view.vocab)))
    docs = np.bincount(m.col, minlength=len(view.vocab))
    out = pd.DataFrame(
        {
            "term": pd.Series(view.vocab, dtype="str"),
            "count": f.astype(np.int64),
            "docs": docs.astype(np.int64),
            "dp": dp,
            "dp_norm": dp / (1.0 - s.min()),
        }
    )
    if variants is not None and variants is not False:
        from .variants import variant_stop_mask

        stops = variant_stop_mask(view, resolve_stopwords(stopwords, view))
    else:
        stops = stop_mask(view, resolve_stopwords(stopwords, view))
    keep = (out["count"] >= min_count) & ~stops
    if terms is not None:
        terms = [terms] if isinstance(terms, str) else list(terms)
        wanted = [t.lower() if index.lowercase else t for t in terms]
        keep &= out["term"].isin(wanted)
    out = out[keep]
    return out.sort_values(["count", "term"], ascending=[False, True]).reset_index(drop=True)


@renamed(terms="patterns")
def term_locations(corpus: pd.DataFrame, patterns: str | Iterable[str]) -> pd.DataFrame:
    """Where each term occurs: one row per occurrence, for dispersion ("x-ray") plots.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus. Its row order is the order of the x-ray plot (sort by date first
        for a timeline).
    patterns : str or iterable of str
        Words, wildcards or phrases.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``doc_id``, ``source`` (when the corpus has one), ``position`` (token
        number within the document) and ``corpus_position`` (token number within the
        whole corpus, 0-based), plus ``corpus_tokens`` in ``.attrs``.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> places = toolkit.term_locations(corpus, ["regroup*", "goodwill gesture"])
    >>> places["term"].value_counts().to_dict()
    {'regroup*': 19, 'goodwill gesture': 2}
    >>> first = places.iloc[0]
    >>> first["doc_id"], int(first["position"])
    ('ams-e02', 410)
    """
    terms = [patterns] if isinstance(patterns, str) else list(patterns)
    index = index_tokens(corpus)
    parts = []
    for term in terms:
        starts = match_positions(index, parse_pattern(term))
        doc = index.doc_of(starts)
        part = pd.DataFrame(
            {
                "term": term,
                "doc_id": index.doc_ids[doc],
                "position": starts - index.offsets[doc],
                "corpus_position": starts,
            }
        )
        if "source" in index.meta.columns:
            part.insert(2, "source", index.meta["source"].to_numpy()[doc])
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["corpus_tokens"] = index.n_tokens
    out.attrs["terms"] = terms
    return out
