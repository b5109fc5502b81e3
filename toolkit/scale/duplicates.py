r"""``find_duplicates`` and ``drop_duplicates`` on a lazy (Dask) corpus.

On the workers, each partition is tokenised and every article gets what
:mod:`toolkit.duplicates` computes for it in memory: the size and 64-bit fingerprint of
its shingle set, its densified one-permutation MinHash signature (sets of at least
``2 * num_perm`` shingles) and its classic MinHash signature (small sets). All of these
depend on the article's own text, ``shingle_size`` and ``seed`` only (word types are
hashed from their strings), so they equal the in-memory values whatever the partitioning.
On the client, exact duplicates are grouped by fingerprint and LSH band keys are grouped
across partitions into candidate pairs, by the in-memory code; a second pass over the
partitions sends back the shingle sets (and ``source``, ``date``, text length) of the
candidate articles only, whose exact Jaccard similarities decide the links. Connected
components, representatives (``keep``) and the cluster table are then computed by the
same code as in memory, so the table is identical (rows, order, values, dtypes).

Memory on the client
--------------------
With :math:`K` = ``num_perm``, per article: its ``doc_id``, 16 bytes of set size and
fingerprint, 8 bytes of cluster label, and :math:`4K` bytes of signature plus :math:`K`
bytes of filled-bin flags (large sets) or :math:`4K` bytes of classic signature (small
sets; both for sets of :math:`2K` to :math:`2K/t` shingles): about 0.7 kB per article
for :math:`K = 128` (0.7 GB per million articles), plus about 24 bytes per article while
the keys of one band are sorted. The shingle sets of the candidate articles take 4 bytes
per shingle (about 4 bytes per word of each candidate). The texts never come to the
client.

A third pass (``drop_duplicates``) reads ``doc_id`` and the metadata of the cluster
members; the corpus it returns is lazy, filtered partition by partition, and its computed
frame carries ``attrs["dropped_duplicates"]`` as in memory.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..duplicates import (
    SMALL_SET,
    _check_args,
    _cluster_members,
    _cluster_table,
    _drop_plan,
    _Hashes,
    _link,
    _members,
    _SetStore,
    _Shingler,
)
from ..schema import CorpusError
from .engine import map_partitions

__all__ = ["lazy_drop_duplicates", "lazy_find_duplicates"]

PROGRESS_MIN_DOCS = 2000


def lazy_find_duplicates(
    corpus: Any,
    threshold: float = 0.8,
    *,
    shingle_size: int = 5,
    num_perm: int = 128,
    seed: int = 1,
    keep: str = "earliest",
) -> pd.DataFrame:
    """:func:`toolkit.find_duplicates` of a lazy corpus (same parameters, same table).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus with ``doc_id``, ``source``, ``date`` and ``text``.
    threshold : float, default 0.8
        Minimum Jaccard similarity of two articles' shingle sets.
    shingle_size : int, default 5
        Number of consecutive words per shingle.
    num_perm : int, default 128
        MinHash signature length.
    seed : int, default 1
        MinHash seed.
    keep : {"earliest", "first", "longest"}, default "earliest"
        How each cluster's representative is chosen.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`toolkit.find_duplicates` of the corpus in partition order.

    Raises
    ------
    CorpusError
        If a column is missing or ``doc_id`` is not unique across partitions.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.scale.duplicates import lazy_find_duplicates
    >>> corpus = toolkit.load_demo()
    >>> lazy = dd.from_pandas(corpus, npartitions=3)
    >>> lazy_find_duplicates(lazy)["doc_id"].tolist() == toolkit.find_duplicates(corpus)["doc_id"].tolist()
    True
    """
    _check_args(threshold, shingle_size, num_perm, keep)
    _check_columns(corpus, ("doc_id", "source", "date", "text"), "find_duplicates")
    k, n_bins = int(shingle_size), int(num_perm)
    parts = map_partitions(corpus[["doc_id", "text"]], _partition_hashes, k, n_bins, seed, threshold,
                           desc="hashing articles")
    doc_ids = _unique_ids([p["doc_id"] for p in parts], "find_duplicates")
    starts = np.cumsum([0, *(p["counts"].size for p in parts)])[:-1]
    hashes = _Hashes(
        counts=np.concatenate([p["counts"] for p in parts]),
        fingerprint=np.concatenate([p["fingerprint"] for p in parts]),
        sig=np.concatenate([p["sig"] for p in parts]),
        filled=np.unpackbits(np.concatenate([p["filled"] for p in parts]), axis=1, count=n_bins).astype(bool),
        sig_docs=np.concatenate([p["sig_docs"] + s for p, s in zip(parts, starts, strict=True)]),
        small_sig=np.concatenate([p["small_sig"] for p in parts]),
        small_docs=np.concatenate([p["small_docs"] + s for p, s in zip(parts, starts, strict=True)]),
    )
    del parts
    metas: list[pd.DataFrame] = []
    cols = [c for c in ("doc_id", "source", "date", "text", "republished_from") if c in corpus.columns]

    def fetch(docs: np.ndarray) -> _SetStore:
        store, meta = _fetch(corpus[cols], doc_ids, starts, docs, k, seed)
        metas.append(meta)
        return store

    show = doc_ids.size > PROGRESS_MIN_DOCS
    labels, store = _link(hashes, threshold, fetch, show=show)
    meta = pd.concat(metas) if len(metas) > 1 else metas[0]
    return _cluster_table(meta, store, labels, keep)


def lazy_drop_duplicates(corpus: Any, clusters: pd.DataFrame | None = None, *, keep: str = "earliest") -> Any:
    """:func:`toolkit.drop_duplicates` of a lazy corpus: a lazy corpus without the copies.

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    clusters : pandas.DataFrame, optional
        The output of :func:`toolkit.find_duplicates` (by default it is run on ``corpus``
        with its defaults and this ``keep``).
    keep : {"earliest", "first", "longest"}, default "earliest"
        Which member of each cluster is kept.

    Returns
    -------
    dask.dataframe.DataFrame
        ``corpus`` without the dropped rows (partitions, order and index kept); the
        computed frame's ``attrs["dropped_duplicates"]`` lists the dropped articles as in
        memory (extending the list its partitions already carry).

    Raises
    ------
    CorpusError
        If a column is missing, ``doc_id`` is not unique, or an article is in two clusters.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> from toolkit.scale.duplicates import lazy_drop_duplicates
    >>> lazy = dd.from_pandas(toolkit.load_demo(), npartitions=3)
    >>> unique = lazy_drop_duplicates(lazy).compute()
    >>> len(unique), unique.attrs["dropped_duplicates"][0]["doc_id"]
    (97, 'rhc-e04')
    """
    _check_args(0.5, 1, 2, keep)
    _check_columns(corpus, ("doc_id", "source", "date", "text"), "drop_duplicates")
    if clusters is None:
        clusters = lazy_find_duplicates(corpus, keep=keep)
    if not isinstance(clusters, pd.DataFrame):
        raise TypeError("drop_duplicates: clusters must be the pandas table of find_duplicates "
                        f"(call .compute() on a lazy one), got {type(clusters).__name__}")
    wanted = pd.unique(clusters["doc_id"].to_numpy()) if "doc_id" in clusters.columns else np.zeros(0, object)
    cols = ["doc_id", "source", "date", *(["text"] if keep == "longest" else []),
            *(["republished_from"] if "republished_from" in corpus.columns else [])]
    parts = map_partitions(corpus[cols], _partition_members, wanted, desc="reading cluster members")
    doc_ids = _unique_ids([p[0] for p in parts], "drop_duplicates")
    starts = np.cumsum([0, *(p[0].size for p in parts)])[:-1]
    meta = pd.concat([_shift(p[1], s) for p, s in zip(parts, starts, strict=True)])
    members = _cluster_members(clusters, pd.Series(doc_ids))
    dropped, record = _drop_plan(meta, members, keep)
    drop_ids = doc_ids[dropped]
    return corpus.map_partitions(_drop_rows, drop_ids, record, meta=corpus._meta)


# ----------------------------------------------------------------------------- internals


def _check_columns(corpus: Any, columns: tuple[str, ...], origin: str) -> None:
    missing = [c for c in columns if c not in corpus.columns]
    if missing:
        raise CorpusError(f"{origin}: the lazy corpus has no column(s) {missing}; "
                          "keep those columns when selecting columns of the lazy corpus")


def _unique_ids(parts: list[np.ndarray], origin: str) -> np.ndarray:
    """The partitions' ``doc_id`` values in corpus order; they must be unique."""
    ids = np.concatenate([np.zeros(0, dtype=object), *parts])
    dup = pd.Series(ids).duplicated()
    if dup.any():
        raise CorpusError(f"{origin}: doc_id values are not unique, e.g. {ids[dup.to_numpy()][0]!r}")
    return ids


def _shift(meta: pd.DataFrame, start: int) -> pd.DataFrame:
    meta.index = meta.index + int(start)
    return meta


def _partition_hashes(part: pd.DataFrame, k: int, n_bins: int, seed: int, threshold: float) -> dict:
    """Per article of one partition (local positions): ``doc_id``, set sizes and
    fingerprints, the one-permutation signatures of large sets (filled bins bit-packed)
    and the classic signatures of small sets."""
    hashes = _Shingler(part, k, seed).hashes(n_bins, threshold)
    large = np.flatnonzero(hashes.counts >= SMALL_SET * n_bins)
    return {
        "doc_id": part["doc_id"].to_numpy(dtype=object),
        "counts": hashes.counts,
        "fingerprint": hashes.fingerprint,
        "sig_docs": large,
        "sig": hashes.sig[large],
        "filled": np.packbits(hashes.filled[large], axis=1),
        "small_docs": hashes.small_docs,
        "small_sig": hashes.small_sig,
    }


def _fetch(
    corpus: Any, doc_ids: np.ndarray, starts: np.ndarray, docs: np.ndarray, k: int, seed: int
) -> tuple[_SetStore, pd.DataFrame]:
    """Shingle sets and :func:`toolkit.duplicates._members` rows of the articles at the
    (global) positions ``docs``, read from the partitions that hold them."""
    docs = np.unique(np.asarray(docs, dtype=np.int64))
    if not docs.size:
        empty = _SetStore(docs, np.zeros(0, dtype=np.uint32), np.zeros(1, dtype=np.int64))
        return empty, _members(corpus._meta, docs)
    parts = map_partitions(corpus, _partition_sets, doc_ids[docs], k, seed, desc="reading candidate articles")
    stores, metas = [], []
    for (local, values, offsets, meta), start in zip(parts, starts, strict=True):
        stores.append(_SetStore(local + start, values, offsets))
        metas.append(_shift(meta, start))
    store = _SetStore.concat(stores)
    if not np.array_equal(store.docs, docs):
        raise CorpusError("find_duplicates: the lazy corpus changed between two passes over it "
                          "(articles not found again); do not modify its files while it is being read")
    return store, pd.concat(metas)


def _partition_sets(part: pd.DataFrame, wanted: np.ndarray, k: int, seed: int) -> tuple:
    """Local positions, shingle sets (values, offsets) and member rows of the articles of
    one partition whose ``doc_id`` is in ``wanted`` (only those are tokenised)."""
    local = np.flatnonzero(part["doc_id"].isin(wanted).to_numpy())
    meta = _members(part, local)
    if not local.size:
        return local, np.zeros(0, dtype=np.uint32), np.zeros(1, dtype=np.int64), meta
    store = _Shingler(part.iloc[local], k, seed).sets(np.arange(local.size))
    return local, store.values, store.offsets, meta


def _partition_members(part: pd.DataFrame, wanted: np.ndarray) -> tuple[np.ndarray, pd.DataFrame]:
    """All ``doc_id`` values of one partition, and the member rows of those in ``wanted``."""
    local = np.flatnonzero(part["doc_id"].isin(wanted).to_numpy())
    return part["doc_id"].to_numpy(dtype=object), _members(part, local)


def _drop_rows(part: pd.DataFrame, drop_ids: np.ndarray, record: list[dict]) -> pd.DataFrame:
    """One partition without the articles ``drop_ids``; ``attrs`` extended with ``record``."""
    out = part.iloc[~part["doc_id"].isin(drop_ids).to_numpy()].copy()
    out.attrs = {**part.attrs, "dropped_duplicates": [*part.attrs.get("dropped_duplicates", []), *record]}
    return out
