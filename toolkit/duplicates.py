"""Exact and near-duplicate articles.

Wire copy is republished by many outlets, often with a new headline and a trimmed last
paragraph. Left in, it makes outlets look more alike than their own writing is. This module
finds such copies and, if asked, keeps one article per group.

How it works: each text is lower-cased and split into word tokens (``\\w+``); every run of
``shingle_size`` consecutive tokens is a *shingle* (hashed to 32 bits; a text shorter than
that is one shingle). MinHash signatures and locality-sensitive hashing (:mod:`datasketch`)
propose candidate pairs cheaply; every candidate pair is then checked with the exact
Jaccard similarity of the two shingle sets (shared shingles / all shingles), and only pairs
at or above ``threshold`` are linked. Linked articles form clusters (transitively: if A is a
copy of B and B of C, all three are one cluster). Only ``text`` is compared, so a changed
headline does not matter.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from tqdm.auto import tqdm

from .index import index_tokens
from .schema import CorpusError, require_columns

__all__ = ["KEEP_RULES", "drop_duplicates", "find_duplicates"]

KEEP_RULES: tuple[str, ...] = ("earliest", "first", "longest")
PROGRESS_MIN_DOCS = 2000  # show a progress bar for corpora larger than this
CLUSTER_COLUMNS: tuple[str, ...] = ("cluster", "doc_id", "source", "date", "similarity", "representative")
_MULT = np.uint64(0x9E3779B97F4A7C15)


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
    corpus : pandas.DataFrame
        A corpus with (at least) ``doc_id``, ``source``, ``date`` and ``text``.
    threshold : float, default 0.8
        Minimum Jaccard similarity of two articles' shingle sets for them to count as
        copies (1.0 = identical word sequences). A copy that lost its last paragraph keeps
        roughly the share of the text that is left.
    shingle_size : int, default 5
        Number of consecutive words per shingle.
    num_perm : int, default 128
        MinHash permutations (more: slower, fewer missed pairs).
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
    """
    _check_args(threshold, shingle_size, num_perm, keep)
    _check_corpus(corpus, "find_duplicates")
    show = len(corpus) > PROGRESS_MIN_DOCS
    sets = _all_shingles(index_tokens(corpus), shingle_size)
    links = _candidate_links(sets, threshold, num_perm, seed, show)
    labels = _components(len(sets), links)
    return _cluster_table(corpus, sets, labels, keep)


def drop_duplicates(
    corpus: pd.DataFrame, clusters: pd.DataFrame | None = None, *, keep: str = "earliest"
) -> pd.DataFrame:
    """Keep one article per duplicate cluster and record what was dropped.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (it is not modified).
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
    """
    _check_args(0.5, 1, 2, keep)
    _check_corpus(corpus, "drop_duplicates")
    if clusters is None:
        clusters = find_duplicates(corpus, keep=keep)
    require_columns(clusters, ("cluster", "doc_id"), origin="drop_duplicates(clusters=...)")
    members = clusters.loc[clusters["doc_id"].isin(corpus["doc_id"]), ["cluster", "doc_id"]]
    if members["doc_id"].duplicated().any():
        twice = members.loc[members["doc_id"].duplicated(), "doc_id"].tolist()[:5]
        raise CorpusError(f"drop_duplicates: articles listed in more than one cluster: {twice}")
    position = pd.Series(np.arange(len(corpus)), index=corpus["doc_id"].to_numpy())
    members = members.assign(pos=position.loc[members["doc_id"].to_numpy()].to_numpy())
    members = members[members.groupby("cluster")["doc_id"].transform("size") > 1]
    ranked = _rank(corpus, members["pos"].to_numpy(), members["cluster"].to_numpy(), keep)
    kept = ranked.loc[ranked["rep"]].set_index("cluster")["pos"]
    dropped = ranked.loc[~ranked["rep"]]
    mask = np.ones(len(corpus), dtype=bool)
    mask[dropped["pos"].to_numpy()] = False
    out = corpus.iloc[mask].copy()
    ids, sources = corpus["doc_id"].to_numpy(), corpus["source"].to_numpy()
    record = [
        {"doc_id": str(ids[p]), "source": str(sources[p]), "cluster": int(c), "kept": str(ids[kept[c]])}
        for p, c in zip(dropped["pos"], dropped["cluster"], strict=True)
    ]
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


def _type_hashes(vocab: np.ndarray) -> np.ndarray:
    """A stable 64-bit hash per word type (process-independent, unlike Python's ``hash``)."""
    return np.fromiter(
        (int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little")
         for t in vocab),
        dtype=np.uint64,
        count=len(vocab),
    )


def _mix(acc: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, then the top 32 bits."""
    acc = acc ^ (acc >> np.uint64(33))
    acc *= np.uint64(0xFF51AFD7ED558CCD)
    acc ^= acc >> np.uint64(33)
    acc *= np.uint64(0xC4CEB9FE1A85EC53)
    acc ^= acc >> np.uint64(33)
    return (acc >> np.uint64(32)).astype(np.uint32)


def _combine(h: np.ndarray, k: int) -> np.ndarray:
    """Position-dependent combination of ``k`` consecutive hashes, wrapping modulo 2**64."""
    n = len(h) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        acc = acc * _MULT + h[j : j + n]
    return acc


def _all_shingles(index, k: int) -> list[np.ndarray]:
    """Sorted unique 32-bit hashes of every document's ``k``-word shingles.

    Words are the tokens of the (cached) token index, so shingling is vectorised over the
    whole corpus; a document shorter than ``k`` words is one shingle of all its words.
    """
    h = _type_hashes(index.vocab)[index.ids]
    lens = index.doc_lengths
    n_docs = index.n_docs
    values, owner = [np.empty(0, np.uint32)], [np.empty(0, np.int64)]
    if len(h) >= k:
        starts = np.arange(len(h) - k + 1)
        doc = index.doc_of(starts)
        inside = doc == index.doc_of(starts + k - 1)
        values.append(_mix(_combine(h, k))[inside])
        owner.append(doc[inside])
    for d in np.flatnonzero((lens > 0) & (lens < k)):  # short documents: one shingle each
        lo, hi = index.offsets[d], index.offsets[d + 1]
        values.append(_mix(_combine(h[lo:hi], int(hi - lo))))
        owner.append(np.array([d]))
    values, owner = np.concatenate(values), np.concatenate(owner)
    key = np.unique((owner.astype(np.uint64) << np.uint64(32)) | values.astype(np.uint64))
    doc_of_key = (key >> np.uint64(32)).astype(np.int64)
    cuts = np.searchsorted(doc_of_key, np.arange(n_docs + 1))
    low = (key & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return [low[cuts[d] : cuts[d + 1]] for d in range(n_docs)]


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def _candidate_links(
    sets: list[np.ndarray], threshold: float, num_perm: int, seed: int, show: bool
) -> list[tuple[int, int]]:
    """Pairs with exact Jaccard >= threshold, among the pairs MinHash-LSH proposes.

    The LSH index is tuned to a lower threshold than asked, so that pairs near the
    threshold are still proposed; the exact check then decides.
    """
    lsh = MinHashLSH(threshold=max(0.05, threshold - 0.1), num_perm=num_perm)
    perms = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    links = []
    for i, s in enumerate(tqdm(sets, desc="finding duplicates", disable=not show, leave=False)):
        if not s.size:
            continue
        m = MinHash(seed=seed, hashvalues=_signature(s, perms), permutations=perms, scheme="affine32")
        for j in lsh.query(m):
            if _jaccard(s, sets[j]) >= threshold:
                links.append((j, i))
        lsh.insert(i, m)
    return links


def _signature(hashes: np.ndarray, perms: np.ndarray) -> np.ndarray:
    """MinHash signature of already well-mixed 32-bit shingle hashes, computed as datasketch's
    "affine32" scheme does (min over ``a * h + b`` modulo 2**32), for all permutations at once
    instead of one Python call per shingle."""
    a, b = perms
    sig = np.full(a.shape, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, hashes.size, 4096):  # bounded memory for very long texts
        chunk = hashes[start : start + 4096]
        sig = np.minimum(sig, (np.multiply.outer(chunk, a) + b).min(axis=0))
    return sig


def _components(n: int, links: list[tuple[int, int]]) -> np.ndarray:
    """Connected components of the duplicate graph: a label for each of ``n`` items."""
    if not links:
        return np.arange(n)
    a, b = np.asarray(links).T
    graph = sparse.coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _rank(corpus: pd.DataFrame, pos: np.ndarray, cluster: np.ndarray, keep: str) -> pd.DataFrame:
    """Order members within each cluster by the ``keep`` rule; flag the first as ``rep``."""
    df = pd.DataFrame({
        "cluster": cluster,
        "pos": pos,
        "date": corpus["date"].iloc[pos].to_numpy(),
        "doc_id": corpus["doc_id"].iloc[pos].astype(str).to_numpy(),
        "length": corpus["text"].iloc[pos].fillna("").str.len().to_numpy(),
    })
    # an article that says it was republished from another is never preferred over it
    copied = corpus["republished_from"] if "republished_from" in corpus.columns else None
    df["copy"] = (
        copied.iloc[pos].notna().to_numpy() & (copied.iloc[pos].astype(str).str.strip() != "").to_numpy()
        if copied is not None else False
    )
    by: list[str] = {"earliest": ["copy", "date", "doc_id"], "first": ["copy", "pos"],
                     "longest": ["copy", "length", "date", "doc_id"]}[keep]
    ascending = [not (c == "length") for c in by]
    df = df.sort_values(["cluster", *by], ascending=[True, *ascending], na_position="last", kind="stable")
    df["rep"] = ~df["cluster"].duplicated()
    return df


def _cluster_table(corpus: pd.DataFrame, sets: list[np.ndarray], labels: np.ndarray, keep: str) -> pd.DataFrame:
    sizes = np.bincount(labels, minlength=len(labels))
    pos = np.flatnonzero(sizes[labels] > 1)
    if not pos.size:
        return pd.DataFrame({
            "cluster": pd.Series(dtype="int64"),
            "doc_id": corpus["doc_id"].iloc[:0].reset_index(drop=True),
            "source": corpus["source"].iloc[:0].reset_index(drop=True),
            "date": corpus["date"].iloc[:0].reset_index(drop=True),
            "similarity": pd.Series(dtype="float64"),
            "representative": pd.Series(dtype="bool"),
        })
    ranked = _rank(corpus, pos, labels[pos], keep)
    reps = ranked.loc[ranked["rep"]].set_index("cluster")
    order = reps.sort_values(["date", "doc_id"], na_position="last", kind="stable").index
    number = pd.Series(np.arange(len(order)), index=order)
    rep_pos = reps["pos"].loc[ranked["cluster"]].to_numpy()
    similarity = [1.0 if p == r else _jaccard(sets[p], sets[r]) for p, r in zip(ranked["pos"], rep_pos, strict=True)]
    out = pd.DataFrame({
        "cluster": number.loc[ranked["cluster"]].to_numpy().astype("int64"),
        "doc_id": corpus["doc_id"].iloc[ranked["pos"]].reset_index(drop=True),
        "source": corpus["source"].iloc[ranked["pos"]].reset_index(drop=True),
        "date": corpus["date"].iloc[ranked["pos"]].reset_index(drop=True),
        "similarity": np.asarray(similarity, dtype="float64"),
        "representative": ranked["rep"].to_numpy(),
    })
    out = out.sort_values(["cluster", "representative"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)[list(CLUSTER_COLUMNS)]
