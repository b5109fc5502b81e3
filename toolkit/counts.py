"""Counting from the token index: the shared engine of frequency and keyness tables.

All counts are sums over documents of a document-term matrix, so counts computed on
two parts of a corpus add up to the counts on the whole.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from .index import TokenIndex
from .schema import CorpusError


def as_columns(by: str | Sequence[str] | None) -> list[str]:
    """Normalise a ``by=`` argument to a list of column names.

    Parameters
    ----------
    by : str, sequence of str or None
        Grouping column(s).

    Returns
    -------
    list of str
        The column names (empty for None).
    """
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


_N_IDS = 5  # doc_ids named in the warning about missing group values


def group_codes(
    meta: pd.DataFrame, by: str | Sequence[str] | None, *, warn: bool = True
) -> tuple[np.ndarray, pd.DataFrame]:
    """Number the groups that ``by`` defines.

    Parameters
    ----------
    meta : pandas.DataFrame
        Document metadata (``TokenIndex.meta``).
    by : str, list of str or None
        Grouping columns; None puts every document in one group.
    warn : bool, default True
        Warn (:func:`warn_missing_groups`) when documents have no grouping value. The
        partitions of a lazy corpus pass False: the client warns once for the whole
        corpus (``warnings.catch_warnings`` is not safe in the threads of dask's local
        scheduler).

    Returns
    -------
    codes : numpy.ndarray
        Group number of each document (``-1`` where a grouping value is missing).
    groups : pandas.DataFrame
        One row per group with the grouping columns (no columns when ``by`` is None).
    """
    cols = as_columns(by)
    if not cols:
        return np.zeros(len(meta), dtype=np.int64), pd.DataFrame(index=range(1))
    missing = [c for c in cols if c not in meta.columns]
    if missing:
        raise CorpusError(
            f"cannot group by {missing}: the corpus has no such column "
            f"(columns: {list(meta.columns)})"
        )
    if len(cols) == 1:
        codes, uniques = pd.factorize(meta[cols[0]], sort=True)
        groups = pd.DataFrame({cols[0]: uniques})
    else:
        mi = pd.MultiIndex.from_frame(meta[cols])
        codes, uniques = pd.factorize(mi, sort=True)
        groups = pd.MultiIndex.from_tuples(list(uniques), names=cols).to_frame(index=False)
    codes = np.asarray(codes, dtype=np.int64)
    if warn:
        warn_missing_groups(*missing_groups(meta, codes), cols, stacklevel=3)
    return codes, groups


def missing_groups(meta: pd.DataFrame, codes: np.ndarray) -> tuple[int, list]:
    """How many documents are in no group, and the first doc_ids of them.

    Parameters
    ----------
    meta : pandas.DataFrame
        Document metadata (``doc_ids`` are named only if it has a ``doc_id`` column).
    codes : numpy.ndarray
        Group number of each document, as from :func:`group_codes`.

    Returns
    -------
    n_missing : int
        Documents with ``codes < 0``.
    ids : list
        The doc_ids of the first few of them (for :func:`warn_missing_groups`).
    """
    rows = np.flatnonzero(np.asarray(codes) < 0)
    if not len(rows) or "doc_id" not in meta.columns:
        return len(rows), []
    return len(rows), meta["doc_id"].iloc[rows[:_N_IDS]].tolist()


def warn_missing_groups(
    n_missing: int, ids: Sequence, cols: Sequence[str], *, stacklevel: int = 2
) -> None:
    """Warn that ``n_missing`` documents have no value in ``cols`` (no warning for none).

    The one wording of this warning, for :func:`group_codes` and the lazy paths (which
    add up the partitions' counts and ids and warn once on the client).

    Parameters
    ----------
    n_missing : int
        Documents left out of the groups.
    ids : sequence
        doc_ids of some of them (the first few are named).
    cols : sequence of str
        The grouping columns.
    stacklevel : int, default 2
        As in :func:`warnings.warn`, counted from the caller of this function.

    Returns
    -------
    None
    """
    if not n_missing:
        return
    warnings.warn(
        f"{n_missing} document(s) have no value in {list(cols)} and are left out of "
        f"the groups (e.g. doc_id {list(ids)[:_N_IDS]}); fill the column to include them",
        UserWarning,
        stacklevel=stacklevel + 1,
    )


def alphabetical_rank(vocab: np.ndarray) -> np.ndarray:
    """Position of each type in alphabetical order (the tie-breaker of sorted tables).

    Parameters
    ----------
    vocab : numpy.ndarray
        The types.

    Returns
    -------
    numpy.ndarray
        ``int64`` rank of each type (ties in first-seen order).
    """
    order = np.argsort(np.asarray(vocab).astype(str), kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def group_labels(groups: pd.DataFrame) -> list:
    """One label per group row: the value, a tuple for several columns, "all" for none.

    Parameters
    ----------
    groups : pandas.DataFrame
        One row per group (as from :func:`group_codes`).

    Returns
    -------
    list
        The labels, in row order.
    """
    if groups.shape[1] == 0:
        return ["all"]
    if groups.shape[1] == 1:
        return groups.iloc[:, 0].tolist()
    return list(groups.itertuples(index=False, name=None))


@dataclass
class GroupCounts:
    """Counts of every type in every group.

    Attributes
    ----------
    view : TokenIndex
        The index counted (words, stems or n-grams).
    groups : pandas.DataFrame
        One row per group (grouping columns).
    counts : scipy.sparse.csr_matrix
        Groups x types occurrence counts.
    docs : scipy.sparse.csr_matrix
        Groups x types number of documents containing the type.
    tokens : numpy.ndarray
        Words per group (the denominator of relative frequencies).
    n_docs : numpy.ndarray
        Documents per group.
    """

    view: TokenIndex
    groups: pd.DataFrame
    counts: sparse.csr_matrix
    docs: sparse.csr_matrix
    tokens: np.ndarray
    n_docs: np.ndarray


def count_groups(
    index: TokenIndex,
    by: str | Sequence[str] | None = None,
    *,
    ngram: int = 1,
    stem: bool = False,
    mask: np.ndarray | None = None,
    lemma: bool = False,
) -> GroupCounts:
    """Count every type per group with one sparse matrix product.

    Parameters
    ----------
    index : TokenIndex
        A word index.
    by : str, list of str or None
        Grouping columns of the corpus.
    ngram : int, default 1
        1, 2 or 3.
    stem : bool, default False
        Count stems.
    mask : numpy.ndarray of bool, optional
        Documents to count (others are ignored).
    lemma : bool, default False
        Count lemmas of Russian and Ukrainian words (:meth:`toolkit.index.TokenIndex.lemma_view`).

    Returns
    -------
    GroupCounts
        The counts; relative frequencies use words (not n-grams) as denominator. Without
        a ``mask`` the result is cached on the index (the index itself is rebuilt when
        the corpus changes), so a second table by the same grouping is cheap.
    """
    view = index.view(ngram=ngram, stem=stem, lemma=lemma)
    codes, groups = group_codes(index.meta, by)
    cache_key = tuple(as_columns(by))
    cached = view.cache.group_counts.get(cache_key)
    if mask is None and cached is not None and np.array_equal(cached[0], codes) \
            and cached[1].groups.equals(groups):
        return cached[1]  # same grouping of the same documents: counted already
    keep = codes >= 0
    if mask is not None:
        keep &= mask
    docs = np.flatnonzero(keep)
    g = len(groups)
    ind = sparse.csr_matrix(
        (np.ones(len(docs), dtype=np.int32), (codes[docs], docs)), shape=(g, index.n_docs)
    )
    counts = (ind @ view.dtm).tocsr()
    docfreq = (ind @ view.dtm_binary).tocsr()
    # dtm and dtm_binary share one sparsity pattern, so both products come out with the
    # same structure in the same order; make sure, and fall back to sorting if not
    if not (np.array_equal(counts.indptr, docfreq.indptr) and np.array_equal(counts.indices, docfreq.indices)):
        counts.sort_indices()
        docfreq.sort_indices()
    in_group = np.full(len(codes), -1, dtype=np.int64)
    in_group[docs] = codes[docs]
    tokens = tokens_per_group(index, in_group, g)
    n_docs = np.bincount(codes[docs], minlength=g).astype(np.int64)
    result = GroupCounts(view, groups, counts, docfreq, tokens, n_docs)
    if mask is None:
        view.cache.group_counts[cache_key] = (codes, result)
    return result


def tokens_per_group(index: TokenIndex, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """Words per group: the denominator of every rate (one helper for all tables).

    Parameters
    ----------
    index : TokenIndex
        The index (its units are the rows ``codes`` refers to).
    codes : numpy.ndarray
        Group number of each unit (``-1``: in no group), as from :func:`group_codes`.
    n_groups : int
        Number of groups.

    Returns
    -------
    numpy.ndarray
        ``int64`` tokens per group.
    """
    codes = np.asarray(codes)
    ok = codes >= 0
    return np.bincount(codes[ok], weights=index.doc_lengths[ok], minlength=n_groups).astype(np.int64)


def stop_mask(view: TokenIndex, stopwords: Iterable[str]) -> np.ndarray:
    """Which types of a view are stop words.

    A word is a stop word when it is in the set; a stem when every word form of the
    corpus that has this stem is a stop word (so ``accord`` stays although *according*
    is a stop word, because *accords* is not); an n-gram when its first or last word is
    one (so ``open to talks`` is kept).

    Parameters
    ----------
    view : TokenIndex
        The index counted.
    stopwords : iterable of str
        The stop words.

    Returns
    -------
    numpy.ndarray
        Boolean mask over ``view.vocab``.
    """
    stop = set(stopwords)
    if not stop:
        return np.zeros(len(view.vocab), dtype=bool)
    base = view.word_index if view.n > 1 else view
    if base.is_stemmed:
        # a stem is a stop word only if all the word forms behind it are
        forms, stem_of = base.stem_forms, base.stem_of_form
        form_is_stop = pd.Index(forms).isin(list(stop))
        content_forms = np.bincount(stem_of, weights=~form_is_stop, minlength=len(base.vocab))
        word_mask = content_forms == 0
    else:
        word_mask = np.asarray(pd.Index(base.vocab).isin(list(stop)))
    if view.n == 1:
        return np.asarray(word_mask)
    comp = view.components
    return word_mask[comp[:, 0]] | word_mask[comp[:, -1]]
