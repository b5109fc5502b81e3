r"""Exact and near-duplicate articles.

Wire copy is republished by many outlets, often with a new headline and a trimmed last
paragraph. Left in, it makes outlets look more alike than their own writing is. This module
finds such copies and, if asked, keeps one article per group.

How it works
------------
Only ``text`` is compared, so a changed headline does not matter. Each text is taken from
the token index (:func:`toolkit.index.index_tokens`: lower-cased word tokens, ``\w+``).
Every run of :math:`k` = ``shingle_size`` consecutive tokens :math:`t_1 \dots t_k` is a
*shingle*, hashed to 32 bits as

.. math::

    v = \left\lfloor \operatorname{fmix}_{64}\Big(\sum_{j=1}^{k} H(t_j)\, M^{k-j}
        \bmod 2^{64}\Big) \big/ 2^{32} \right\rfloor

where :math:`H` is a 64-bit BLAKE2b hash of the word type, :math:`M` a fixed odd constant
and :math:`\operatorname{fmix}_{64}` MurmurHash3's finaliser; a text shorter than :math:`k`
words is one shingle of all its words, an empty text has none. Article :math:`a` is its
set :math:`S_a` of shingle hashes, and two articles are copies when the Jaccard similarity

.. math::

    J(S_a, S_b) = \frac{|S_a \cap S_b|}{|S_a \cup S_b|}

is at least ``threshold``. Linked articles form clusters (the connected components of the
graph of links, :func:`scipy.sparse.csgraph.connected_components`): if A is a copy of B
and B of C, all three are one cluster. Every link is decided on the *exact* :math:`J`;
hashing only decides which pairs are worth checking. The work is done with numpy over
the whole corpus, in blocks of documents (no Python loop over articles or pairs):

1. **Shingle sets.** All shingle hashes of a block come from the token ids at once; a
   seeded bijection of 32-bit integers :math:`w = \pi(v)` (two rounds of MurmurHash3's
   ``fmix32``) permutes them, and one sort of the keys (document, :math:`w`) gives every
   document's sorted set.
2. **Exact duplicates** (the same normalised text, or any two texts with the same
   shingle set) are caught first: documents with equal fingerprints
   :math:`(|S_a|, \sum_{w \in S_a} g(w) \bmod 2^{64})` are grouped, each member whose
   :math:`J` with the group's first document is exactly 1 is linked to it, and only that
   first document goes on (a set equal to another has the same links).
3. **MinHash signatures** of :math:`K` = ``num_perm`` entries, of two kinds.
   Sets of at least :math:`2K` shingles get one-permutation signatures with optimal
   densification (Li, Owen & Zhang 2012; Shrivastava 2017): the range of :math:`w` is
   cut into :math:`K` bins, bin :math:`\beta(w) = \lfloor wK / 2^{32} \rfloor`, and entry
   :math:`i` is the smallest :math:`w` of the set in bin :math:`i` (read off the sorted
   sets: no pass per permutation). An empty bin takes the value of the first non-empty
   bin in a pseudo-random sequence of bins that depends only on :math:`i` and the seed,
   so that :math:`P[\mathrm{sig}_i(S_a) = \mathrm{sig}_i(S_b)] = J(S_a, S_b)` for every
   bin. Sets of fewer than :math:`2K / t` shingles (:math:`t` = ``threshold``) get
   classic MinHash signatures (Broder 1997): entry :math:`p` is
   :math:`\min_{w \in S} (a_p w + b_p) \bmod 2^{32}` (odd :math:`a_p`; computed for
   blocks of sets at once with :func:`numpy.minimum.reduceat`). A small set fills few
   bins, and its one-permutation entries would be copies of a handful of values rather
   than :math:`K` nearly independent samples. As
   :math:`J(S_a, S_b) \le \min(|S_a|, |S_b|) / \max(|S_a|, |S_b|)`, two sets with
   :math:`J \ge t` always have signatures of the same kind.
4. **Locality-sensitive hashing** (banding; Leskovec, Rajaraman & Ullman, ch. 3): the
   :math:`K` entries are cut into :math:`b` bands of :math:`r` rows, and two documents
   whose signatures agree on a whole band are candidates, which happens with
   probability :math:`1 - (1 - J^r)^b`. :math:`r` is the largest value for which a pair
   exactly at the threshold is missed with probability
   :math:`(1 - t^r)^b \le 10^{-6}` (:math:`b = \lfloor K / r \rfloor`); for
   :math:`t = 0.8, K = 128` that is :math:`r = 4, b = 32` (a pair at :math:`J = 0.8` is
   missed with probability :math:`5 \times 10^{-8}`, at :math:`J = 0.9` with
   :math:`2 \times 10^{-15}`). Band keys are hashed to 64 bits and grouped by one sort
   per band. A candidate must also agree on at least :math:`c_m` of the :math:`m`
   entries that hold a value of both sets (all :math:`K` for classic signatures), the
   largest :math:`c_m` with :math:`P[X < c_m] \le 10^{-6}` for
   :math:`X \sim \mathrm{Binomial}(m, t)`: this drops the many pairs that share one
   short band by chance at low thresholds.
5. **Exact Jaccard** of the candidate pairs only, vectorised: the two sorted sets of each
   pair are laid out as keys (pair, :math:`w`) and :math:`|S_a \cap S_b|` is counted with
   one :func:`numpy.searchsorted` per batch of pairs. Pairs at or above ``threshold``
   are linked.

References
----------
A. Z. Broder (1997), "On the resemblance and containment of documents", *Compression and
Complexity of Sequences*, 21-29. P. Li, A. B. Owen, C.-H. Zhang (2012), "One permutation
hashing", *NIPS 25*. A. Shrivastava (2017), "Optimal densification for fast and accurate
minwise hashing", *ICML*. J. Leskovec, A. Rajaraman, J. D. Ullman, *Mining of Massive
Datasets*, ch. 3 ("Finding similar items").
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import gammaln
from tqdm.auto import tqdm

from .index import TokenIndex, index_tokens
from .progress import show_progress
from .scale.engine import is_lazy
from .schema import CorpusError, require_columns

__all__ = ["KEEP_RULES", "drop_duplicates", "find_duplicates"]

KEEP_RULES: tuple[str, ...] = ("earliest", "first", "longest")
PROGRESS_MIN_DOCS = 2000  # show a progress bar for corpora larger than this
CLUSTER_COLUMNS: tuple[str, ...] = ("cluster", "doc_id", "source", "date", "similarity", "representative")
BLOCK_TOKENS = 1 << 18  # tokens shingled per block (bounds the temporary arrays: ~40 bytes a token)
PAIR_BLOCK = 1 << 22  # set elements compared per batch of candidate pairs
PAIR_CHUNK = 1 << 20  # LSH pairs generated at a time
AGREE_BLOCK = 1 << 13  # pairs whose signatures are compared at a time
MINHASH_BLOCK = 1 << 15  # set values hashed at a time by the k-permutation MinHash
SMALL_SET = 2  # sets under SMALL_SET * num_perm shingles get k-permutation signatures
MISS_PROBABILITY = 1e-6  # allowed chance that LSH misses a pair exactly at the threshold
_MULT = np.uint64(0x9E3779B97F4A7C15)
_LOW32 = np.uint64(0xFFFFFFFF)
_U32 = np.uint64(32)


def find_duplicates(
    corpus: pd.DataFrame,
    threshold: float = 0.8,
    *,
    shingle_size: int = 5,
    num_perm: int = 128,
    seed: int = 1,
    keep: str = "earliest",
) -> pd.DataFrame:
    """Find clusters of exact and near-duplicate articles.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus with (at least) ``doc_id``, ``source``, ``date`` and ``text``. A lazy
        corpus is hashed partition by partition (:mod:`toolkit.scale.duplicates`) and gives
        the same table as the corpus in partition order in memory.
    threshold : float, default 0.8
        Minimum Jaccard similarity of two articles' shingle sets for them to count as
        copies (1.0 = identical word sequences). A copy that lost its last paragraph keeps
        roughly the share of the text that is left.
    shingle_size : int, default 5
        Number of consecutive words per shingle.
    num_perm : int, default 128
        MinHash signature length (more: slower, fewer missed pairs).
    seed : int, default 1
        MinHash seed; results are deterministic for a given seed.
    keep : {"earliest", "first", "longest"}, default "earliest"
        How each cluster's representative is chosen: the earliest ``date`` (missing dates
        last; ties broken by ``doc_id``), the first row in corpus order, or the longest
        ``text`` (ties by date, then ``doc_id``). Whatever the rule, when the corpus has a
        ``republished_from`` column, an article that names its original there is never
        chosen over an article that does not.

    Returns
    -------
    pandas.DataFrame
        One row per article that belongs to a cluster (articles without copies are not
        listed), columns ``cluster`` (int, from 0, clusters ordered by their
        representative's date), ``doc_id``, ``source``, ``date``, ``similarity`` (exact
        Jaccard similarity to the cluster's representative; 1.0 for the representative
        itself; may fall below ``threshold`` for articles linked through another member)
        and ``representative`` (bool, one True per cluster). The representative comes
        first in each cluster.

    Raises
    ------
    CorpusError
        If a column is missing or ``doc_id`` is not unique.

    See Also
    --------
    drop_duplicates : keep one article per cluster.

    Examples
    --------
    >>> import toolkit
    >>> clusters = toolkit.find_duplicates(toolkit.load_demo())
    >>> clusters["cluster"].nunique(), len(clusters)
    (4, 8)
    >>> clusters.loc[clusters["cluster"] == 0, ["doc_id", "representative"]].values.tolist()
    [['ngw-e04', True], ['rhc-e04', False]]
    >>> round(float(clusters.loc[1, "similarity"]), 3)
    0.919

    Notes
    -----
    The method (shingles, exact-duplicate fingerprints, one-permutation MinHash, banding,
    exact Jaccard of the candidate pairs) is described in the module documentation. The
    work is vectorised over blocks of documents: time grows with the number of tokens,
    and the extra memory stays well below the size of the texts.
    """
    if is_lazy(corpus):
        from .scale.duplicates import lazy_find_duplicates

        return lazy_find_duplicates(corpus, threshold, shingle_size=shingle_size, num_perm=num_perm,
                                    seed=seed, keep=keep)
    _check_args(threshold, shingle_size, num_perm, keep)
    _check_corpus(corpus, "find_duplicates")
    show = show_progress(None, len(corpus) > PROGRESS_MIN_DOCS)
    shingler = _Shingler(corpus, int(shingle_size), seed)
    hashes = shingler.hashes(int(num_perm), threshold, show=show)
    labels, store = _link(hashes, threshold, shingler.sets, show=show)
    return _cluster_table(_members(corpus, store.docs), store, labels, keep)


def drop_duplicates(
    corpus: pd.DataFrame, clusters: pd.DataFrame | None = None, *, keep: str = "earliest"
) -> pd.DataFrame:
    """Keep one article per duplicate cluster and record what was dropped.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus (it is not modified). A lazy corpus gives a lazy corpus, filtered
        partition by partition, whose computed frame equals the in-memory result
        (``attrs`` included).
    clusters : pandas.DataFrame, optional
        The output of :func:`find_duplicates` (only its ``cluster`` and ``doc_id`` columns
        are used; rows whose ``doc_id`` is not in ``corpus`` are ignored). By default
        :func:`find_duplicates` is run with its defaults and this ``keep``.
    keep : {"earliest", "first", "longest"}, default "earliest"
        Which member of each cluster is kept (see :func:`find_duplicates`). It is applied to
        the cluster members present in ``corpus``, whatever the ``representative`` column of
        ``clusters`` says.

    Returns
    -------
    pandas.DataFrame
        ``corpus`` without the dropped rows (order and index kept). Its
        ``attrs["dropped_duplicates"]`` lists every dropped article as a dict with
        ``doc_id``, ``source``, ``cluster`` and ``kept`` (the ``doc_id`` of the article kept
        in its place); lists from earlier calls are extended, not replaced.

    Raises
    ------
    CorpusError
        If a column is missing, ``doc_id`` is not unique, or an article is in two clusters.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> unique = toolkit.drop_duplicates(corpus)
    >>> len(corpus), len(unique)
    (101, 97)
    >>> unique.attrs["dropped_duplicates"][0]
    {'doc_id': 'rhc-e04', 'source': 'The Rhine Chronicle', 'cluster': 0, 'kept': 'ngw-e04'}
    """
    if is_lazy(corpus):
        from .scale.duplicates import lazy_drop_duplicates

        return lazy_drop_duplicates(corpus, clusters, keep=keep)
    _check_args(0.5, 1, 2, keep)
    _check_corpus(corpus, "drop_duplicates")
    if clusters is None:
        clusters = find_duplicates(corpus, keep=keep)
    members = _cluster_members(clusters, corpus["doc_id"])
    dropped, record = _drop_plan(_members(corpus, members["pos"].to_numpy()), members, keep)
    mask = np.ones(len(corpus), dtype=bool)
    mask[dropped] = False
    out = corpus.iloc[mask].copy()
    out.attrs = {**corpus.attrs, "dropped_duplicates": [*corpus.attrs.get("dropped_duplicates", []), *record]}
    return out


# ----------------------------------------------------------------------------- internals


def _check_args(threshold: float, shingle_size: int, num_perm: int, keep: str) -> None:
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    if int(shingle_size) < 1:
        raise ValueError(f"shingle_size must be at least 1, got {shingle_size!r}")
    if int(num_perm) < 2:
        raise ValueError(f"num_perm must be at least 2, got {num_perm!r}")
    if keep not in KEEP_RULES:
        raise ValueError(f"keep must be one of {KEEP_RULES}, got {keep!r}")


def _check_corpus(corpus: pd.DataFrame, origin: str) -> None:
    require_columns(corpus, ("doc_id", "source", "date", "text"), origin=origin)
    dup = corpus["doc_id"].duplicated()
    if dup.any():
        raise CorpusError(f"{origin}: doc_id values are not unique, e.g. {corpus.loc[dup, 'doc_id'].iloc[0]!r}")


def _cluster_members(clusters: pd.DataFrame, doc_ids: pd.Series) -> pd.DataFrame:
    """Rows ``cluster``, ``doc_id``, ``pos`` (position in the corpus of ``doc_ids``) of the
    clusters' members present in the corpus, in clusters of two or more of them."""
    require_columns(clusters, ("cluster", "doc_id"), origin="drop_duplicates(clusters=...)")
    members = clusters.loc[clusters["doc_id"].isin(doc_ids), ["cluster", "doc_id"]]
    if members["doc_id"].duplicated().any():
        twice = members.loc[members["doc_id"].duplicated(), "doc_id"].tolist()[:5]
        raise CorpusError(f"drop_duplicates: articles listed in more than one cluster: {twice}")
    position = pd.Series(np.arange(len(doc_ids)), index=doc_ids.to_numpy())
    members = members.assign(pos=position.loc[members["doc_id"].to_numpy()].to_numpy())
    return members[members.groupby("cluster")["doc_id"].transform("size") > 1]


def _drop_plan(meta: pd.DataFrame, members: pd.DataFrame, keep: str) -> tuple[np.ndarray, list[dict]]:
    """Positions of the articles to drop and their records (``doc_id``, ``source``,
    ``cluster``, ``kept``); ``meta`` is :func:`_members` of the members' positions."""
    ranked = _rank(meta, members["pos"].to_numpy(), members["cluster"].to_numpy(), keep)
    kept = ranked.loc[ranked["rep"]].set_index("cluster")["pos"]
    dropped = ranked.loc[~ranked["rep"]]
    ids, sources = meta["doc_id"], meta["source"]
    record = [
        {"doc_id": str(ids.loc[p]), "source": str(sources.loc[p]), "cluster": int(c), "kept": str(ids.loc[kept[c]])}
        for p, c in zip(dropped["pos"], dropped["cluster"], strict=True)
    ]
    return dropped["pos"].to_numpy(), record


def _members(corpus: pd.DataFrame, pos: np.ndarray) -> pd.DataFrame:
    """What the cluster table and the ``keep`` rules need of the articles at positions
    ``pos`` (unique): ``doc_id``, ``source``, ``date`` (the corpus's values and dtypes),
    ``length`` (characters of ``text``; 0 without a ``text`` column) and ``copy``
    (``republished_from`` names an original), indexed by position."""
    pos = np.asarray(pos, dtype=np.int64)
    rows = corpus.iloc[pos]
    copied = rows["republished_from"] if "republished_from" in corpus.columns else None
    return pd.DataFrame({
        "doc_id": rows["doc_id"].array,
        "source": rows["source"].array,
        "date": rows["date"].array,
        "length": (rows["text"].fillna("").str.len().to_numpy() if "text" in corpus.columns
                   else np.zeros(pos.size, dtype=np.int64)),
        "copy": (copied.notna().to_numpy() & (copied.astype(str).str.strip() != "").to_numpy()
                 if copied is not None else np.zeros(pos.size, dtype=bool)),
    }, index=pd.Index(pos, dtype=np.int64))


# --- hashing


def _type_hashes(vocab: np.ndarray) -> np.ndarray:
    """A stable 64-bit hash per word type (process-independent, unlike Python's ``hash``)."""
    return np.fromiter(
        (int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little")
         for t in vocab),
        dtype=np.uint64,
        count=len(vocab),
    )


def _fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser (a bijection of ``uint64``), in place."""
    x ^= x >> np.uint64(33)
    x *= np.uint64(0xFF51AFD7ED558CCD)
    x ^= x >> np.uint64(33)
    x *= np.uint64(0xC4CEB9FE1A85EC53)
    x ^= x >> np.uint64(33)
    return x


def _fmix32(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser (a bijection of ``uint32``), in place."""
    x ^= x >> np.uint32(16)
    x *= np.uint32(0x85EBCA6B)
    x ^= x >> np.uint32(13)
    x *= np.uint32(0xC2B2AE35)
    x ^= x >> np.uint32(16)
    return x


def _seed_keys(seed: int) -> tuple[np.uint32, np.uint32, np.uint64]:
    """Three keys derived from ``seed``: two for the 32-bit permutation, one 64-bit salt."""
    base = np.full(2, seed & 0xFFFFFFFFFFFFFFFF, dtype=np.uint64)
    mixed = _fmix64(_fmix64(base + np.array([0x243F6A8885A308D3, 0x13198A2E03707344], dtype=np.uint64)))
    return np.uint32(mixed[0] & _LOW32), np.uint32(mixed[0] >> _U32), mixed[1]


def _permute(v: np.ndarray, keys: tuple[np.uint32, np.uint32, np.uint64]) -> np.ndarray:
    """The seeded bijection ``pi`` of 32-bit shingle hashes (in place)."""
    v ^= keys[0]
    _fmix32(v)
    v ^= keys[1]
    return _fmix32(v)


def _doc_tokens(index: TokenIndex, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Token ids of the documents ``docs`` (increasing), concatenated, and their lengths."""
    lo, lens = index.offsets[docs], index.offsets[docs + 1] - index.offsets[docs]
    if not docs.size:
        return index.ids[:0], lens
    if docs[-1] - docs[0] + 1 == docs.size:  # a contiguous run: a view
        return index.ids[lo[0] : index.offsets[docs[-1] + 1]], lens
    return index.ids[_ranges(lo, lens)], lens


def _ranges(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(s, s + n)`` for every (``s``, ``n``), without a loop."""
    total = int(lens.sum())
    shift = np.repeat(starts - (np.cumsum(lens) - lens), lens)
    return np.arange(total, dtype=np.int64) + shift


def _shingle_sets(
    ids: np.ndarray, lens: np.ndarray, type_hash: np.ndarray, k: int,
    keys: tuple[np.uint32, np.uint32, np.uint64],
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted sets of permuted shingle hashes of documents whose tokens are given in a row.

    Parameters
    ----------
    ids : numpy.ndarray
        The documents' token ids, concatenated.
    lens : numpy.ndarray
        Tokens per document.
    type_hash : numpy.ndarray
        64-bit hash of every word type.
    k : int
        Shingle size.
    keys : tuple
        Seed keys (:func:`_seed_keys`).

    Returns
    -------
    values : numpy.ndarray
        ``uint32`` permuted hashes ``w``, sorted and unique within each document.
    counts : numpy.ndarray
        Set size of each document.
    """
    n = lens.size
    ends = np.cumsum(lens)
    starts = ends - lens
    h = type_hash[ids]
    parts_v, parts_d = [], []
    windows = np.maximum(lens - k + 1, 0)
    m = h.size - k + 1
    if m > 0 and windows.any():
        acc = h[:m].copy()
        for j in range(1, k):
            acc *= _MULT
            acc += h[j : j + m]
        # a window is valid when it ends inside the document it starts in
        valid = np.ones(m, dtype=bool)
        bad = ends[:, None] - np.arange(1, k)[None, :]
        valid[bad[(bad >= starts[:, None]) & (bad < m)]] = False
        _fmix64(acc)
        acc >>= _U32
        parts_v.append(acc[valid].astype(np.uint32))
        del acc, valid
        parts_d.append(np.repeat(np.arange(n, dtype=np.uint64), windows))
    short = np.flatnonzero((lens > 0) & (lens < k))  # shorter than k words: one shingle
    if short.size:
        at, size = starts[short], lens[short]
        acc = h[at].copy()
        for j in range(1, k - 1):
            more = j < size
            acc[more] = acc[more] * _MULT + h[at[more] + j]
        parts_v.append((_fmix64(acc) >> _U32).astype(np.uint32))
        parts_d.append(short.astype(np.uint64))
    del h
    if not parts_v:
        return np.zeros(0, dtype=np.uint32), np.zeros(n, dtype=np.int64)
    v = _permute(parts_v[0] if len(parts_v) == 1 else np.concatenate(parts_v), keys)
    key = parts_d[0] if len(parts_d) == 1 else np.concatenate(parts_d)
    del parts_v, parts_d
    key <<= _U32  # key = document * 2**32 + w: one sort orders every set
    key |= v
    del v
    key.sort()
    first = np.ones(key.size, dtype=bool)
    np.not_equal(key[1:], key[:-1], out=first[1:])
    key = key[first]
    del first
    bounds = np.searchsorted(key, np.arange(n + 1, dtype=np.uint64) << _U32)
    return key.astype(np.uint32), np.diff(bounds)  # the cast keeps the low 32 bits, w


def _doc_blocks(index: TokenIndex, docs: np.ndarray) -> list[np.ndarray]:
    """Split increasing document numbers into blocks of about ``BLOCK_TOKENS`` tokens."""
    if not docs.size:
        return []
    cum = np.cumsum(index.offsets[docs + 1] - index.offsets[docs])
    cuts = np.searchsorted(cum, np.arange(BLOCK_TOKENS, int(cum[-1]), BLOCK_TOKENS), side="right")
    return np.split(docs, np.unique(cuts[(cuts > 0) & (cuts < docs.size)]))


class _Hashes:
    """Per-article hashes of a corpus: all that the search for copies needs before exact
    Jaccard similarities are computed.

    ``counts`` (set sizes) and ``fingerprint`` (:func:`_signatures`) of every article;
    ``sig``/``filled``: densified one-permutation signatures and filled bins of the articles
    ``sig_docs`` (None: row ``i`` is article ``i``; at least the sets of ``SMALL_SET *
    num_perm`` shingles or more); ``small_sig``: classic MinHash signatures of the articles
    ``small_docs`` (every non-empty set under ``SMALL_SET * num_perm / threshold``).
    """

    def __init__(self, counts: np.ndarray, fingerprint: np.ndarray, sig: np.ndarray, filled: np.ndarray,
                 sig_docs: np.ndarray | None, small_sig: np.ndarray, small_docs: np.ndarray) -> None:
        self.counts, self.fingerprint = counts, fingerprint
        self.sig, self.filled, self.sig_docs = sig, filled, sig_docs
        self.small_sig, self.small_docs = small_sig, small_docs


class _Shingler:
    """Shingle sets and hashes of the articles of one (pandas) corpus.

    Everything it computes for an article depends on that article's text, ``k`` and
    ``seed`` only (word types are hashed from their strings, not their ids in the index),
    so a partition of a corpus gives the same values as the whole corpus.
    """

    def __init__(self, corpus: pd.DataFrame, k: int, seed: int) -> None:
        self.index = index_tokens(corpus)
        self.type_hash = _type_hashes(self.index.vocab)
        self.k, self.seed, self.keys = k, seed, _seed_keys(seed)

    def sets(self, docs: np.ndarray) -> _SetStore:
        """The sorted shingle sets of the articles ``docs``."""
        return _SetStore.build(self.index, self.type_hash, self.k, self.keys, docs)

    def hashes(self, n_bins: int, threshold: float, *, show: bool = False) -> _Hashes:
        """Sizes, fingerprints and signatures of every article (see :class:`_Hashes`)."""
        sig, filled, counts, fingerprint = _signatures(self.index, self.type_hash, self.k, n_bins, self.keys, show)
        _densify(sig, filled, np.flatnonzero(counts >= SMALL_SET * n_bins), self.keys)
        small = np.flatnonzero((counts > 0) & (counts < math.ceil(SMALL_SET * n_bins / threshold)))
        small_sig = np.zeros((0, n_bins), dtype=np.uint32)
        if small.size:
            sets = self.sets(small)
            small_sig = _minhash(sets.values, sets.offsets, n_bins, self.seed)
            del sets
        return _Hashes(counts, fingerprint, sig, filled, None, small_sig, small)


def _link(
    hashes: _Hashes, threshold: float, fetch: Callable[[np.ndarray], _SetStore], *, show: bool = False
) -> tuple[np.ndarray, _SetStore]:
    """Cluster labels of all articles, and the shingle sets of every linked article.

    ``fetch(docs)`` returns the :class:`_SetStore` of the articles ``docs``: it is called
    once (twice in the rare case of two different sets with equal fingerprints), for the
    exact duplicates and the LSH candidates together.
    """
    counts = hashes.counts
    # 1. exact duplicates: equal fingerprints, confirmed by an exact J of 1 (a set equal to
    # another has the same links as it, so only the group's first document goes on)
    member, first = _equal_groups(hashes.fingerprint, counts)
    nonempty = np.flatnonzero(counts > 0)
    # 2. candidate pairs from LSH over the distinct sets, assuming equal fingerprints are
    # equal sets (checked below, and redone without the pairs that are not)
    cand_a, cand_b = _lsh_pairs(hashes, np.setdiff1d(nonempty, member), threshold)
    store = fetch(np.union1d(np.union1d(cand_a, cand_b), np.union1d(member, first)))
    same = store.jaccard(member, first) == 1.0
    if not same.all():
        member, first = member[same], first[same]
        cand_a, cand_b = _lsh_pairs(hashes, np.setdiff1d(nonempty, member), threshold)
        missing = np.setdiff1d(np.union1d(cand_a, cand_b), store.docs)
        if missing.size:
            store = store.union(fetch(missing))
    keep_pair = store.jaccard(cand_a, cand_b, show=show) >= threshold
    labels = _components(counts.size, np.concatenate([member, cand_a[keep_pair]]),
                         np.concatenate([first, cand_b[keep_pair]]))
    return labels, store


def _lsh_pairs(hashes: _Hashes, distinct: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs among the articles ``distinct``: one-permutation signatures for sets
    of ``SMALL_SET * num_perm`` shingles or more, k-permutation signatures for sets smaller
    than that divided by the threshold (a pair of copies is in one group or both)."""
    n_bins = hashes.sig.shape[1]
    size = hashes.counts[distinct]
    large = distinct[size >= SMALL_SET * n_bins]
    small = distinct[size < math.ceil(SMALL_SET * n_bins / threshold)]
    rows = large if hashes.sig_docs is None else np.searchsorted(hashes.sig_docs, large)
    cand = [_candidates(hashes.sig, hashes.filled, rows, large, threshold)]
    if small.size:
        sig = hashes.small_sig
        rows = np.searchsorted(hashes.small_docs, small)
        cand.append(_candidates(sig, np.ones(sig.shape, dtype=bool), rows, small, threshold))
    return _unique_pairs(np.concatenate([c[0] for c in cand]), np.concatenate([c[1] for c in cand]))


# --- signatures and candidates


def _signatures(
    index: TokenIndex, type_hash: np.ndarray, k: int, n_bins: int,
    keys: tuple[np.uint32, np.uint32, np.uint64], show: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One-permutation MinHash signature, set size and set fingerprint of every document.

    Returns ``sig`` (documents x ``n_bins``, ``uint32``; the smallest ``w`` per bin),
    ``filled`` (whether the bin holds a value of the document's own set), set sizes and
    64-bit fingerprints of the sets.
    """
    n_docs = index.n_docs
    sig = np.zeros((n_docs, n_bins), dtype=np.uint32)
    filled = np.zeros((n_docs, n_bins), dtype=bool)
    counts = np.zeros(n_docs, dtype=np.int64)
    fingerprint = np.zeros(n_docs, dtype=np.uint64)
    with tqdm(total=n_docs, desc="finding duplicates", unit="doc", disable=not show, leave=False) as bar:
        for block in _doc_blocks(index, np.arange(n_docs)):
            values, c = _shingle_sets(*_doc_tokens(index, block), type_hash, k, keys)
            lo, hi = int(block[0]), int(block[-1]) + 1
            counts[lo:hi] = c
            if values.size:
                # bins are ranges of w: in a sorted set, a bin's smallest value comes first
                cell = values.astype(np.uint64)
                cell *= np.uint64(n_bins)
                cell >>= _U32
                cell += np.repeat(np.arange(c.size, dtype=np.uint64) * np.uint64(n_bins), c)
                first = np.ones(cell.size, dtype=bool)
                np.not_equal(cell[1:], cell[:-1], out=first[1:])
                sig[lo:hi].reshape(-1)[cell[first]] = values[first]
                filled[lo:hi].reshape(-1)[cell[first]] = True
                fingerprint[lo:hi] = _set_sums(values, c, keys[2])
            bar.update(block.size)
    salt = _fmix64(counts.astype(np.uint64) + keys[2])
    return sig, filled, counts, _fmix64(fingerprint ^ salt)


def _set_sums(values: np.ndarray, counts: np.ndarray, salt: np.uint64) -> np.ndarray:
    """Per set, the sum modulo 2**64 of a 64-bit hash of its elements (0 for an empty set)."""
    out = np.zeros(counts.size, dtype=np.uint64)
    nonempty = counts > 0
    g = _fmix64(values.astype(np.uint64) + salt)
    out[nonempty] = np.add.reduceat(g, (np.cumsum(counts) - counts)[nonempty])
    return out


def _equal_groups(fingerprint: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Documents whose (non-empty) set fingerprint equals an earlier document's.

    Returns each such document and the first document with its fingerprint.
    """
    docs = np.flatnonzero(counts > 0)
    order = np.argsort(fingerprint[docs], kind="stable")
    docs, fp = docs[order], fingerprint[docs][order]
    new = np.ones(docs.size, dtype=bool)
    np.not_equal(fp[1:], fp[:-1], out=new[1:])
    first = docs[new][np.cumsum(new) - 1]
    return docs[~new], first[~new]


def _densify(sig: np.ndarray, filled: np.ndarray, docs: np.ndarray, keys: tuple) -> None:
    """Fill the empty bins of ``docs`` in place (optimal densification, Shrivastava 2017).

    Empty bin ``i`` takes the value of bin ``c(i, 1)``, else ``c(i, 2)``, ... (the first
    filled one), where ``c`` is a seeded hash of the bin number and the attempt, the same
    for every document. After ``4 * n_bins`` attempts a bin takes the document's first
    filled bin (a consistent fallback that is almost never needed).
    """
    n_bins = sig.shape[1]
    rows = docs[~filled[docs].all(axis=1)]
    if not rows.size:
        return
    empty_row, empty_bin = np.nonzero(~filled[rows])
    doc = rows[empty_row]
    attempt = 0
    while doc.size and attempt < 4 * n_bins:
        attempt += 1
        step = np.uint64((attempt * 0xBF58476D1CE4E5B9 + int(keys[2])) & 0xFFFFFFFFFFFFFFFF)
        c = _fmix64(empty_bin.astype(np.uint64) * _MULT + step)
        src = ((c >> _U32) * np.uint64(n_bins) >> _U32).astype(np.int64)
        hit = filled[doc, src]
        sig[doc[hit], empty_bin[hit]] = sig[doc[hit], src[hit]]
        doc, empty_bin = doc[~hit], empty_bin[~hit]
    if doc.size:
        sig[doc, empty_bin] = sig[doc, np.argmax(filled[doc], axis=1)]


def _minhash(values: np.ndarray, offsets: np.ndarray, n_bins: int, seed: int) -> np.ndarray:
    """Classic MinHash signatures (``n_bins`` permutations) of non-empty sets.

    Permutation ``p`` maps a 32-bit value ``w`` to ``(a_p w + b_p) mod 2**32`` with odd
    ``a_p`` (a bijection); entry ``p`` of a signature is the smallest image of the set.
    Sets are processed in blocks of about ``MINHASH_BLOCK`` values, the minimum per set
    taken with :func:`numpy.minimum.reduceat`.
    """
    rng = np.random.default_rng(seed & 0xFFFFFFFFFFFFFFFF)
    a = rng.integers(0, 1 << 32, n_bins, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.integers(0, 1 << 32, n_bins, dtype=np.uint64).astype(np.uint32)
    n_sets = offsets.size - 1
    sig = np.empty((n_sets, n_bins), dtype=np.uint32)
    cuts = np.searchsorted(offsets, np.arange(0, int(offsets[-1]), MINHASH_BLOCK), side="right") - 1
    bounds = np.unique(np.r_[cuts, n_sets])
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        chunk = values[offsets[lo] : offsets[hi]]
        images = np.multiply.outer(chunk, a)
        images += b
        sig[lo:hi] = np.minimum.reduceat(images, offsets[lo:hi] - offsets[lo], axis=0)
    return sig


def _bands(threshold: float, n_bins: int) -> tuple[int, int]:
    """Number of bands ``b`` and rows per band ``r``: the largest ``r`` whose chance of
    missing a pair at the threshold, ``(1 - t**r) ** (n_bins // r)``, is small enough."""
    for r in range(n_bins, 0, -1):
        b = n_bins // r
        if (1.0 - threshold**r) ** b <= MISS_PROBABILITY:
            return b, r
    return n_bins, 1


def _min_agreement(threshold: float, n_bins: int) -> np.ndarray:
    """For ``m`` = 0 .. ``n_bins`` entries filled in both signatures, the fewest equal
    entries asked of a candidate: the largest ``c`` with ``P(X < c) <= MISS_PROBABILITY``,
    ``X ~ Binomial(m, threshold)``."""
    if threshold >= 1.0:
        return np.arange(n_bins + 1)
    m = np.arange(n_bins + 1, dtype=np.float64)[:, None]
    x = np.arange(n_bins + 1, dtype=np.float64)[None, :]
    log_pmf = (gammaln(m + 1) - gammaln(x + 1) - gammaln(np.abs(m - x) + 1)
               + x * math.log(threshold) + (m - x) * math.log1p(-threshold))
    pmf = np.exp(np.where(x <= m, log_pmf, -np.inf))
    return np.count_nonzero(np.cumsum(pmf, axis=1) <= MISS_PROBABILITY, axis=1)


def _candidates(
    sig: np.ndarray, filled: np.ndarray, rows: np.ndarray, docs: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs ``(a, b)``, ``a < b``, of the documents ``docs`` (increasing), whose
    signatures are the rows ``rows`` of ``sig`` (``filled``: bins with a value of the set).

    A pair is a candidate when its (densified) signatures agree on a whole band and, among
    the bins filled in both, on at least as many bins as :func:`_min_agreement` asks
    (this second test drops the many pairs that share one band by chance when the bands
    are short, i.e. at low thresholds).
    """
    n_bins = sig.shape[1]
    b, r = _bands(threshold, n_bins)
    need = _min_agreement(threshold, n_bins)
    width = int(docs[-1]) + 1 if docs.size else 1
    codes = [np.zeros(0, dtype=np.int64)]
    for band in range(b):
        key = np.zeros(rows.size, dtype=np.uint64)
        for col in sig[rows, band * r : band * r + r].T:
            key *= _MULT
            key += col
        for i, j in _equal_pairs(_fmix64(key)):
            ok = _agree_enough(sig, filled, rows[i], rows[j], need)
            codes.append(np.unique(docs[i[ok]].astype(np.int64) * width + docs[j[ok]]))
    codes = np.unique(np.concatenate(codes))
    return codes // width, codes % width


def _agree_enough(sig: np.ndarray, filled: np.ndarray, i: np.ndarray, j: np.ndarray, need: np.ndarray) -> np.ndarray:
    """Whether rows ``i[p]`` and ``j[p]`` agree on at least ``need[m]`` of the ``m`` bins
    filled in both (in batches of ``AGREE_BLOCK`` pairs)."""
    out = np.zeros(i.size, dtype=bool)
    for lo in range(0, i.size, AGREE_BLOCK):
        a, b = i[lo : lo + AGREE_BLOCK], j[lo : lo + AGREE_BLOCK]
        both = filled[a] & filled[b]
        agree = np.count_nonzero((sig[a] == sig[b]) & both, axis=1)
        out[lo : lo + AGREE_BLOCK] = agree >= need[np.count_nonzero(both, axis=1)]
    return out


def _equal_pairs(key: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """All pairs of positions ``i < j`` with ``key[i] == key[j]``, in chunks of about
    ``PAIR_CHUNK`` pairs."""
    order = np.argsort(key, kind="stable")
    sk = key[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    sizes = np.diff(np.r_[starts, sk.size])
    starts, sizes = starts[sizes > 1], sizes[sizes > 1]
    if not starts.size:
        return
    pos = _ranges(starts, sizes)  # positions (in sorted order) inside runs of equal keys
    later = np.repeat(starts + sizes, sizes) - pos - 1  # partners after each position
    cum = np.cumsum(later)
    cuts = np.unique(np.searchsorted(cum, np.arange(PAIR_CHUNK, int(cum[-1]), PAIR_CHUNK)))
    cuts = cuts[(cuts > 0) & (cuts < pos.size)]
    for p, n in zip(np.split(pos, cuts), np.split(later, cuts), strict=True):
        # stable sort: order[left] < order[right]
        yield order[np.repeat(p, n)], order[_ranges(p + 1, n)]


def _unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(a, b)`` without repeats, sorted."""
    width = int(max(a.max(initial=0), b.max(initial=0))) + 1
    codes = np.unique(a.astype(np.int64) * width + b)
    return codes // width, codes % width


# --- exact Jaccard


class _SetStore:
    """Sorted shingle sets of some documents, for exact Jaccard similarities.

    ``docs`` (increasing document numbers), ``values`` (their sets, concatenated) and
    ``offsets`` (``values[offsets[i]:offsets[i + 1]]`` is the set of ``docs[i]``).
    """

    def __init__(self, docs: np.ndarray, values: np.ndarray, offsets: np.ndarray) -> None:
        self.docs, self.values, self.offsets = docs, values, offsets

    @classmethod
    def build(cls, index: TokenIndex, type_hash: np.ndarray, k: int, keys: tuple, docs: np.ndarray) -> _SetStore:
        docs = np.unique(docs)
        parts, counts = [np.zeros(0, np.uint32)], [np.zeros(0, np.int64)]
        for block in _doc_blocks(index, docs):
            values, c = _shingle_sets(*_doc_tokens(index, block), type_hash, k, keys)
            parts.append(values)
            counts.append(c)
        offsets = np.zeros(docs.size + 1, dtype=np.int64)
        np.cumsum(np.concatenate(counts), out=offsets[1:])
        return cls(docs, np.concatenate(parts), offsets)

    @classmethod
    def concat(cls, stores: list[_SetStore]) -> _SetStore:
        """One store of the sets of several stores (of different documents)."""
        docs = np.concatenate([np.zeros(0, np.int64), *(st.docs for st in stores)]).astype(np.int64)
        values = np.concatenate([np.zeros(0, np.uint32), *(st.values for st in stores)])
        sizes = np.concatenate([np.zeros(0, np.int64), *(np.diff(st.offsets) for st in stores)])
        order = np.argsort(docs, kind="stable")
        starts = np.cumsum(sizes) - sizes
        offsets = np.zeros(docs.size + 1, dtype=np.int64)
        np.cumsum(sizes[order], out=offsets[1:])
        return cls(docs[order], values[_ranges(starts[order], sizes[order])], offsets)

    def union(self, other: _SetStore) -> _SetStore:
        """The sets of both stores (of different documents)."""
        return _SetStore.concat([self, other])

    def jaccard(self, a: np.ndarray, b: np.ndarray, *, show: bool = False) -> np.ndarray:
        """Exact Jaccard similarity of the sets of documents ``a[p]`` and ``b[p]``."""
        return _jaccard_pairs(self.values, self.offsets,
                              np.searchsorted(self.docs, a), np.searchsorted(self.docs, b), show=show)


def _jaccard_pairs(
    values: np.ndarray, offsets: np.ndarray, a: np.ndarray, b: np.ndarray, *, show: bool = False
) -> np.ndarray:
    """Exact Jaccard similarities :math:`|A \\cap B| / |A \\cup B|` of many pairs of sets.

    Parameters
    ----------
    values : numpy.ndarray
        ``uint32`` set elements, concatenated; sorted and unique within each set.
    offsets : numpy.ndarray
        Set ``i`` is ``values[offsets[i]:offsets[i + 1]]``.
    a, b : numpy.ndarray
        Set numbers of the pairs.
    show : bool, default False
        Show a progress bar.

    Returns
    -------
    numpy.ndarray
        ``float64`` similarity of each pair (0.0 when both sets are empty).

    Notes
    -----
    For a batch of pairs, the elements of every ``A`` and every ``B`` become the keys
    ``pair * 2**32 + element``; the keys of the ``B`` sets are then sorted (pair by pair),
    and one :func:`numpy.searchsorted` finds which keys of the ``A`` sets occur among
    them: that count per pair is :math:`|A \\cap B|`, and
    :math:`|A \\cup B| = |A| + |B| - |A \\cap B|`.
    """
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    sizes = np.diff(offsets)
    size_a, size_b = sizes[a], sizes[b]
    out = np.zeros(a.size, dtype=np.float64)
    cum = np.cumsum(size_a + size_b)
    cuts = np.unique(np.searchsorted(cum, np.arange(PAIR_BLOCK, int(cum[-1]) if cum.size else 0, PAIR_BLOCK)))
    bounds = np.r_[0, cuts[(cuts > 0) & (cuts < a.size)], a.size]
    with tqdm(total=a.size, desc="checking candidate pairs", unit="pair", disable=not show, leave=False) as bar:
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=False):
            if hi <= lo:
                continue
            inter = _intersections(values, offsets, a[lo:hi], b[lo:hi])
            union = size_a[lo:hi] + size_b[lo:hi] - inter
            np.divide(inter, union, out=out[lo:hi], where=union > 0)
            bar.update(hi - lo)
    return out


def _intersections(values: np.ndarray, offsets: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``|A & B|`` of each pair (see :func:`_jaccard_pairs`)."""

    def keyed(sets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lens = offsets[sets + 1] - offsets[sets]
        pair = np.repeat(np.arange(sets.size, dtype=np.uint64), lens)
        return (pair << _U32) | values[_ranges(offsets[sets], lens)], pair

    key_a, pair_a = keyed(a)
    key_b, _ = keyed(b)  # increasing: pairs in order, each set sorted
    if not key_b.size:
        return np.zeros(a.size, dtype=np.int64)
    at = np.minimum(np.searchsorted(key_b, key_a), key_b.size - 1)
    found = key_b[at] == key_a
    return np.bincount(pair_a[found].astype(np.int64), minlength=a.size)


# --- clusters


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of the duplicate graph: a label for each of ``n`` items."""
    if not a.size:
        return np.arange(n)
    graph = sparse.coo_matrix((np.ones(a.size, dtype=np.int8), (a, b)), shape=(n, n))
    from scipy.sparse.csgraph import connected_components  # lazy: slow to import

    return connected_components(graph, directed=False)[1]


def _rank(meta: pd.DataFrame, pos: np.ndarray, cluster: np.ndarray, keep: str) -> pd.DataFrame:
    """Order members within each cluster by the ``keep`` rule; flag the first as ``rep``
    (``meta``: :func:`_members` of at least the positions ``pos``)."""
    rows = meta.loc[pos]
    df = pd.DataFrame({
        "cluster": cluster,
        "pos": pos,
        "date": rows["date"].to_numpy(),
        "doc_id": rows["doc_id"].astype(str).to_numpy(),
        "length": rows["length"].to_numpy(),
        # an article that says it was republished from another is never preferred over it
        "copy": rows["copy"].to_numpy(),
    })
    by: list[str] = {"earliest": ["copy", "date", "doc_id"], "first": ["copy", "pos"],
                     "longest": ["copy", "length", "date", "doc_id"]}[keep]
    ascending = [not (c == "length") for c in by]
    df = df.sort_values(["cluster", *by], ascending=[True, *ascending], na_position="last", kind="stable")
    df["rep"] = ~df["cluster"].duplicated()
    return df


def _cluster_table(meta: pd.DataFrame, store: _SetStore, labels: np.ndarray, keep: str) -> pd.DataFrame:
    """The table of :func:`find_duplicates` from the cluster ``labels`` of all articles
    (``meta``: :func:`_members` of at least every article in a cluster)."""
    sizes = np.bincount(labels, minlength=len(labels))
    pos = np.flatnonzero(sizes[labels] > 1)
    if not pos.size:
        return pd.DataFrame({
            "cluster": pd.Series(dtype="int64"),
            "doc_id": meta["doc_id"].iloc[:0].reset_index(drop=True),
            "source": meta["source"].iloc[:0].reset_index(drop=True),
            "date": meta["date"].iloc[:0].reset_index(drop=True),
            "similarity": pd.Series(dtype="float64"),
            "representative": pd.Series(dtype="bool"),
        })
    ranked = _rank(meta, pos, labels[pos], keep)
    reps = ranked.loc[ranked["rep"]].set_index("cluster")
    order = reps.sort_values(["date", "doc_id"], na_position="last", kind="stable").index
    number = pd.Series(np.arange(len(order)), index=order)
    member = ranked["pos"].to_numpy()
    rep_pos = reps["pos"].loc[ranked["cluster"]].to_numpy()
    similarity = np.ones(member.size, dtype=np.float64)
    other = member != rep_pos
    similarity[other] = store.jaccard(member[other], rep_pos[other])
    out = pd.DataFrame({
        "cluster": number.loc[ranked["cluster"]].to_numpy().astype("int64"),
        "doc_id": meta["doc_id"].loc[member].reset_index(drop=True),
        "source": meta["source"].loc[member].reset_index(drop=True),
        "date": meta["date"].loc[member].reset_index(drop=True),
        "similarity": similarity,
        "representative": ranked["rep"].to_numpy(),
    })
    out = out.sort_values(["cluster", "representative"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)[list(CLUSTER_COLUMNS)]
