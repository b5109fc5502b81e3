"""Keyness on a lazy corpus: :func:`toolkit.keyness`, :func:`toolkit.compare_all` and
:func:`toolkit.term_matrix` on a ``dask.dataframe.DataFrame``.

What runs where. On the workers, each partition is tokenised and returns term-keyed
counts (occurrences and articles per side or per group, all words per type, the words
behind every type for the stop-word rule), word and article totals and the languages it
holds; with them, the partition's article rates (articles x its types) for the document-level
tests (one pass: which terms are tested is known only after the merge, and a second pass
that fetched only those cost a second tokenisation of every partition, 1.8x the in-memory
time at 100,000 articles). On the client the counts are merged by term string, and everything that
needs the whole corpus is decided there by the in-memory code: the stop-word set and the
stop words among stems, the prior, the terms tested, G2, chi-square, z and the
Bonferroni family; the article-rate tables are concatenated in corpus order and the
Welch test and the bootstrap (same ``seed``, same draws) run on them as in memory.

Why the article table and not merged moments: the sums of rates and of squared
deviations are additive (Chan, Golub & LeVeque 1979), but summed in another order they
differ in the last bits, and ``t_docs`` of a term used equally on both sides (a
difference of nearly equal means) amplifies that far beyond 1e-12. The client therefore
holds every partition's article rates (12 bytes per (article, type) pair: about 3.4 KB per
article of ~500 words) until the terms tested are known: the memory limit of this path.

Not on a lazy corpus: a boolean mask as ``target`` or ``reference`` (it has no row
positions to align with; select by a column value instead), and a lazy corpus as
``prior`` (pass a pandas background corpus or a Series of counts).

References
----------
Chan, T. F., Golub, G. H. & LeVeque, R. J. (1979). Updating formulae and a pairwise
algorithm for computing sample variances. Technical report STAN-CS-79-773, Stanford
University.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ..counts import alphabetical_rank, as_columns, group_codes, missing_groups, warn_missing_groups
from ..index import index_tokens
from ..schema import CorpusError
from ..stopwords import STOPWORD_LANGUAGES, get_stopwords, resolve_stopwords
from .engine import map_partitions
from .merge import merge_groups, merge_vocab

# the module toolkit.keyness (``toolkit.keyness`` the attribute is the function)
K = importlib.import_module("..keyness", __package__)

__all__ = ["lazy_keyness", "lazy_compare_all", "lazy_term_matrix"]


class _Vocab:
    """The merged vocabulary, standing in for a view in the finishing code (``vocab``,
    ``vocab_index``, ``lowercase``)."""

    def __init__(self, vocab: np.ndarray, lowercase: bool = True) -> None:
        self.vocab = vocab
        self.vocab_index = pd.Index(vocab)
        self.lowercase = lowercase


# ---------------------------------------------------------------------------
# per partition (module-level: sent to the workers)
# ---------------------------------------------------------------------------


def _part_view(part: pd.DataFrame, opts: dict):
    index = index_tokens(part)
    return index, K._view(index, opts["ngram"], opts["stem"], opts["variants"], opts["lemma"])


def _stop_info(view, stopwords: Any) -> dict:
    """What the client needs to decide stop words on the merged vocabulary: the first and
    last word of each n-gram, the word forms behind each stem, the languages (for
    ``stopwords=True``)."""
    if stopwords is None or stopwords is False:
        return {}
    base = view.word_index if view.n > 1 else view
    out: dict = {}
    if view.n > 1:
        comp = view.components
        out["first"] = base.vocab[comp[:, 0]]
        out["last"] = base.vocab[comp[:, -1]]
    if base.is_stemmed:
        out["forms"] = np.asarray(base.stem_forms, dtype=object)
        out["form_stems"] = base.vocab[base.stem_of_form]
    if stopwords is True:
        out["langs"] = {x for x in view.languages(cyrillic_only=True) if x in STOPWORD_LANGUAGES}
    return out


def _keyness_part(
    part: pd.DataFrame, by: str, t_values: list, r_values: list | None, opts: dict, stopwords: Any
) -> dict:
    """Counts of one partition for :func:`lazy_keyness`."""
    index, view = _part_view(part, opts)
    col = index.meta[by]
    t_mask = col.isin(t_values).to_numpy(dtype=bool)
    r_mask = ~t_mask if r_values is None else col.isin(r_values).to_numpy(dtype=bool)
    langs = index.languages(cyrillic_only=True)
    lang = np.where(langs == "", "other", langs) if len(langs) else np.zeros(0, dtype=object)
    w = np.column_stack([t_mask, r_mask, np.ones(len(t_mask), dtype=bool)]).astype(np.int64)
    lengths = index.doc_lengths
    return {
        "vocab": np.asarray(view.vocab, dtype=object),
        "counts": np.asarray(view.dtm.T @ w).astype(np.int64).reshape(len(view.vocab), 3),
        "docs": np.asarray(view.dtm_binary.T @ w[:, :2]).astype(np.int64).reshape(len(view.vocab), 2),
        "present": pd.Series(pd.unique(col.dropna())),
        "shared": int((t_mask & r_mask).sum()),
        "sizes": [int(t_mask.sum()), int(lengths[t_mask].sum()), int(r_mask.sum()),
                  int(lengths[r_mask].sum())],
        "any_cyrillic": bool(any(langs)),
        "t_langs": set(lang[t_mask]),
        "r_langs": set(lang[r_mask]),
        "stop": _stop_info(view, stopwords),
        "articles": _article_level(index, view, by),
    }


def _groups_part(part: pd.DataFrame, by: Any) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, dict]:
    """Group numbers of one partition (the missing-value warning is left to the client)."""
    index = index_tokens(part)
    codes, groups = group_codes(index.meta, by, warn=False)
    n, ids = missing_groups(index.meta, codes)
    return groups, codes, index, {"n": n, "ids": ids}


def _compare_part(part: pd.DataFrame, by: str, opts: dict, stopwords: Any) -> dict:
    """Counts per group of one partition for :func:`lazy_compare_all`."""
    groups, codes, index, missing = _groups_part(part, by)
    view = K._view(index, opts["ngram"], opts["stem"], opts["variants"], opts["lemma"])
    in_group = np.flatnonzero(codes >= 0)
    indicator = sparse.csr_matrix(
        (np.ones(len(in_group), dtype=np.int64), (codes[in_group], in_group)),
        shape=(len(groups), index.n_docs),
    )
    counts = (indicator @ view.dtm.astype(np.int64)).tocoo()
    docs = (indicator @ view.dtm_binary.astype(np.int64)).tocoo()
    ones = np.ones(view.n_docs, dtype=np.int64)
    lengths = index.doc_lengths
    return {
        "groups": groups,
        "missing": missing,
        "vocab": np.asarray(view.vocab, dtype=object),
        "counts": (counts.row, counts.col, counts.data.astype(np.int64)),
        "docs": (docs.row, docs.col, docs.data.astype(np.int64)),
        "total_counts": np.asarray(view.dtm.T @ ones).astype(np.int64).ravel(),
        "total_docs": np.asarray(view.dtm_binary.T @ ones).astype(np.int64).ravel(),
        "group_tokens": np.bincount(codes[in_group], weights=lengths[in_group],
                                    minlength=len(groups)).astype(np.int64),
        "group_docs": np.bincount(codes[in_group], minlength=len(groups)).astype(np.int64),
        "n_tokens": int(index.n_tokens),
        "n_docs": int(index.n_docs),
        "stop": _stop_info(view, stopwords),
        "articles": _article_level(index, view, by),
    }


def _article_level(index: Any, view: Any, by: str) -> tuple:
    """The article level of one partition, for the document-level tests: its article-rate
    matrix (articles x the partition's types), the ``by`` value and the number of words
    of each article. Sent with the counts (one pass: the terms tested are known only on
    the client, and tokenising every partition a second time to fetch them cost more)."""
    rates = K._article_rates(view, index.doc_lengths)
    return rates, index.meta[by].to_numpy(dtype=object), index.doc_lengths


def _select_terms(rates: sparse.csr_matrix, vocab: np.ndarray, terms: np.ndarray) -> sparse.csr_matrix:
    """The columns ``terms`` (strings) of one partition's rates; empty where absent."""
    cols = pd.Index(vocab).get_indexer(terms)
    cols = np.where(cols < 0, len(vocab), cols)  # absent here: an empty column
    ext = sparse.hstack([rates, sparse.csr_matrix((rates.shape[0], 1))], format="csr")
    return ext[:, cols].tocsr()


def _matrix_part(part: pd.DataFrame, patterns: list[str], by: Any, opts: dict) -> dict:
    """Pattern counts and words per group of one partition for :func:`lazy_term_matrix`."""
    from ..patterns import match_positions, parse_pattern

    groups, codes, index, missing = _groups_part(part, by)
    g = len(groups)
    words = K._view(index, 1, False, opts["variants"], opts["lemma"])
    rows = np.zeros((len(patterns), g), dtype=np.int64)
    for i, p in enumerate(patterns):
        c = codes[words.doc_of(match_positions(words, parse_pattern(p)))]
        rows[i] = np.bincount(c[c >= 0], minlength=g)
    ok = codes >= 0
    tokens = np.bincount(codes[ok], weights=index.doc_lengths[ok], minlength=g).astype(np.int64)
    return {"groups": groups, "missing": missing, "rows": rows, "tokens": tokens}


# ---------------------------------------------------------------------------
# on the client
# ---------------------------------------------------------------------------


def _merged_stop(
    parts: list[dict], maps: list[np.ndarray], vocab: np.ndarray, ngram: int, stopwords: Any
) -> np.ndarray:
    """:func:`toolkit.counts.stop_mask` on the merged vocabulary: the stop-word set of the
    whole corpus, a stem a stop word when every word form of the corpus behind it is."""
    if stopwords is None or stopwords is False:
        return np.zeros(len(vocab), dtype=bool)
    if stopwords is True:
        langs = {"en"}.union(*(p["stop"].get("langs", set()) for p in parts))
        stop = get_stopwords(language=sorted(langs))
    else:
        stop = resolve_stopwords(stopwords)
    if not stop:
        return np.zeros(len(vocab), dtype=bool)
    stop_list = list(stop)
    stemmed = any("forms" in p["stop"] for p in parts)
    if stemmed:
        forms = np.concatenate([p["stop"]["forms"] for p in parts if "forms" in p["stop"]])
        stems = np.concatenate([p["stop"]["form_stems"] for p in parts if "forms" in p["stop"]])
        content = pd.Index(pd.unique(stems[~pd.Index(forms).isin(stop_list)]))

        def is_stop(words: np.ndarray) -> np.ndarray:
            return ~np.asarray(pd.Index(words).isin(content))
    else:

        def is_stop(words: np.ndarray) -> np.ndarray:
            return np.asarray(pd.Index(words).isin(stop_list))

    if ngram == 1:
        return is_stop(vocab)
    first = np.empty(len(vocab), dtype=object)
    last = np.empty(len(vocab), dtype=object)
    for p, m in zip(parts, maps, strict=True):
        first[m] = p["stop"]["first"]
        last[m] = p["stop"]["last"]
    return is_stop(first) | is_stop(last)


def _lazy_error(function: str, role: str) -> CorpusError:
    return CorpusError(
        f"{function}: the {role} is a boolean mask, which cannot be aligned with a lazy "
        "corpus (its partitions share no row positions or labels with the mask); select by "
        f"a column value instead (add a column marking the articles and pass {role}=<value>, "
        "by=<that column>), or call .compute() to use the mask in memory"
    )


def _values(spec: Any, role: str, by: str | None, columns: list[str]) -> list:
    """The values a ``target``/``reference`` names (the non-mask cases of ``_select``)."""
    if isinstance(spec, pd.Series) and pd.api.types.is_bool_dtype(spec.dtype):
        raise _lazy_error("keyness", role)
    if K._is_collection(spec):
        arr = np.asarray(spec.to_numpy() if isinstance(spec, pd.Series | pd.Index) else spec)
        if arr.dtype == bool:
            raise _lazy_error("keyness", role)
        values = list(dict.fromkeys(spec.tolist() if hasattr(spec, "tolist") else spec))
    else:
        values = [spec]
    if not values:
        raise ValueError(f"the {role} is an empty list")
    if by is None or by not in columns:
        raise CorpusError(
            f"cannot select the {role} {values!r} by {by!r}: the corpus has no such column "
            f"(columns: {columns}); pass by=<column> or a boolean mask"
        )
    return values


def _check_present(values: list, role: str, by: str, present: pd.Series) -> str:
    """The missing-value error of ``_select``; returns the label."""
    seen = set(pd.unique(present))
    missing = [v for v in values if v not in seen]
    if missing:
        names = repr(missing[0]) if len(missing) == 1 else K._describe(missing)
        available = K._available(pd.DataFrame({by: present}), by)
        raise ValueError(
            f"the {role} names {by} {names}, which has no articles in this corpus "
            f"(misspelt, or filtered out?); values available: {K._describe(available)}"
        )
    return str(values[0]) if len(values) == 1 else " + ".join(str(v) for v in values)


def _meta_columns(corpus: Any) -> list[str]:
    return [c for c in corpus.columns if c not in ("text", "text_raw")]


def _check_prior(prior: Any, function: str) -> None:
    from .engine import is_lazy

    if is_lazy(prior):
        raise CorpusError(
            f"{function}: prior= is a lazy corpus; pass a pandas background corpus (call "
            ".compute() on it) or a Series of term counts"
        )


def _document_tests(
    parts: list[dict],
    comparisons: list[tuple[list, list | None]],
    ids: list[np.ndarray],
    vocab: np.ndarray,
    n_boot: int,
    seed: int,
) -> list[dict[str, np.ndarray]]:
    """``t_docs``, ``p_docs`` (and ``p_boot``) of every comparison ``(target values,
    reference values or None)`` for its terms ``ids``: the partitions' article rates of
    the terms tested, stacked in corpus order, then the in-memory tests."""
    union = np.unique(np.concatenate(ids)) if ids else np.zeros(0, dtype=np.int64)
    terms = vocab[union]
    selected, values, lengths = [], [], []
    for p in parts:  # each partition's full rates are dropped once its tested columns are taken
        rates_p, values_p, lengths_p = p.pop("articles")
        selected.append(_select_terms(rates_p, p["vocab"], terms))
        values.append(values_p)
        lengths.append(lengths_p)
        del rates_p
    rates = sparse.vstack(selected, format="csr")
    del selected
    col = pd.Series(np.concatenate(values), dtype=object)
    has_words = np.concatenate(lengths) > 0
    out = []
    for (t_values, r_values), i in zip(comparisons, ids, strict=True):
        t_mask = col.isin(t_values).to_numpy(dtype=bool)
        r_mask = ~t_mask if r_values is None else col.isin(r_values).to_numpy(dtype=bool)
        t_rows, r_rows = np.flatnonzero(t_mask & has_words), np.flatnonzero(r_mask & has_words)
        out.append(K._document_tests(rates, t_rows, r_rows, np.searchsorted(union, i), n_boot, seed))
    return out


def _precomputed(result: dict[str, np.ndarray], expected: np.ndarray):
    def doc_tests(ids: np.ndarray) -> dict[str, np.ndarray]:
        assert np.array_equal(ids, expected)
        return result

    return doc_tests


def lazy_keyness(
    corpus: Any,
    target: Any,
    reference: Any = None,
    *,
    by: str | None = "source",
    ngram: int = 1,
    stem: bool = False,
    stopwords: bool | Iterable[str] = False,
    min_count: int = 5,
    min_docs: int = 2,
    prior: Any = "corpus",
    prior_scale: float = K.DEFAULT_PRIOR_SCALE,
    alpha: float = 0.05,
    sort: str = "z",
    significance: str | None = None,
    n_boot: int = 0,
    seed: int = 0,
    variants: Any = None,
    lemma: bool = False,
) -> pd.DataFrame:
    """:func:`toolkit.keyness` of a lazy corpus (the same table; see the module docstring).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    target, reference, by, ngram, stem, stopwords, min_count, min_docs, prior, prior_scale
        As in :func:`toolkit.keyness`; ``target`` and ``reference`` name values of ``by``
        (a boolean mask raises :class:`toolkit.schema.CorpusError`).
    alpha, sort, significance, n_boot, seed, variants, lemma
        As in :func:`toolkit.keyness`.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`toolkit.keyness` on the computed corpus, with its ``attrs``.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> lazy = dd.from_pandas(corpus, npartitions=3)
    >>> got = toolkit.keyness(lazy, "Borealis Agency")
    >>> got["term"].head(3).tolist() == toolkit.keyness(corpus, "Borealis Agency")["term"].head(3).tolist()
    True
    """
    p_column = K._check_options(min_count, min_docs, alpha, sort, significance, n_boot)
    _check_prior(prior, "keyness")
    columns = _meta_columns(corpus)
    t_values = _values(target, "target", by, columns)
    r_values = None if reference is None else _values(reference, "reference", by, columns)
    opts = {"ngram": ngram, "stem": stem, "variants": variants, "lemma": lemma}
    if stem and lemma:
        raise ValueError("choose stems (stem=True) or lemmas (lemma=True), not both")
    parts = map_partitions(corpus, _keyness_part, by, t_values, r_values, opts, stopwords,
                           desc="keyness")
    present = pd.concat([p["present"] for p in parts], ignore_index=True) if parts else pd.Series([])
    t_label = _check_present(t_values, "target", by, present)
    if r_values is None:
        r_label = "rest of the corpus"
    else:
        r_label = _check_present(r_values, "reference", by, present)
        shared = sum(p["shared"] for p in parts)
        if shared:
            raise ValueError(
                f"target ({t_label}) and reference ({r_label}) share {shared} document(s); "
                "a document can only be on one side"
            )
    sizes = np.sum([p["sizes"] for p in parts], axis=0) if parts else np.zeros(4, dtype=np.int64)
    t_docs, n1, r_docs, n2 = (int(x) for x in sizes)
    for role, label, n_docs, words in (("target", t_label, t_docs, n1), ("reference", r_label, r_docs, n2)):
        if n_docs == 0:
            raise ValueError(f"the {role} ({label}) has no documents")
        if words == 0:
            raise ValueError(f"the {role} ({label}) has {n_docs} document(s) but no words")
    if any(p["any_cyrillic"] for p in parts):
        K._warn_languages(set().union(*(p["t_langs"] for p in parts)),
                          set().union(*(p["r_langs"] for p in parts)), t_label, r_label,
                          stacklevel=4)
    for role, label, n_docs, side in (
        ("target", t_label, t_docs, "over"),
        ("reference", r_label, r_docs, "under"),
    ):
        if n_docs == 1 and min_docs > 1:
            warnings.warn(
                f"the {role} ({label}) is a single article, so min_docs={min_docs} removes "
                f"every {side}-used term; pass min_docs=1 to see them",
                stacklevel=3,
            )
    vocab, maps = merge_vocab([p["vocab"] for p in parts])
    counts = np.zeros((len(vocab), 3), dtype=np.int64)
    docs = np.zeros((len(vocab), 2), dtype=np.int64)
    for p, m in zip(parts, maps, strict=True):
        counts[m] += p["counts"]
        docs[m] += p["docs"]
    view = _Vocab(vocab)
    alpha_w, alpha_0, prior_name = K._prior(
        view, prior, prior_scale, corpus_counts=counts[:, 2].astype(np.float64), ngram=ngram,
        stem=stem, variants=variants, lemma=lemma,
    )
    exclude = _merged_stop(parts, maps, vocab, ngram, stopwords)
    a, b, da, db = counts[:, 0], counts[:, 1], docs[:, 0], docs[:, 1]
    tested, _ = K._tested(a, b, da, db, n1, n2, min_count, min_docs)
    ids = np.flatnonzero(tested & ~exclude)
    (doc_cols,) = _document_tests(parts, [(t_values, r_values)], [ids], vocab, n_boot, seed)
    cols, info = K._table(
        a, b, da, db, n1, n2, alpha_w, alpha_0,
        exclude=exclude,
        term_rank=alphabetical_rank(vocab),
        min_count=min_count,
        min_docs=min_docs,
        alpha=alpha,
        sort=sort,
        significance=p_column,
        doc_tests=_precomputed(doc_cols, ids),
    )
    out = K._frame(view, cols)
    out.attrs.update(K._attrs(t_label, r_label, by, t_docs, r_docs, n1, n2, alpha, info, p_column,
                            n_boot, seed, prior_name, alpha_0, ngram, stem, lemma, variants, sort))
    return out


def _warn_missing(parts: list[dict], by: Any, stacklevel: int) -> None:
    """The missing-value warning of :func:`toolkit.counts.group_codes`, for the whole corpus."""
    ids = [i for p in parts for i in p["missing"]["ids"]]
    warn_missing_groups(sum(p["missing"]["n"] for p in parts), ids, as_columns(by),
                        stacklevel=stacklevel + 1)


def lazy_compare_all(
    corpus: Any,
    *,
    by: str = "source",
    ngram: int = 1,
    stem: bool = False,
    stopwords: bool | Iterable[str] = False,
    min_count: int = 5,
    min_docs: int = 2,
    prior: Any = "corpus",
    prior_scale: float = K.DEFAULT_PRIOR_SCALE,
    alpha: float = 0.05,
    sort: str = "z",
    significance: str | None = None,
    n_boot: int = 0,
    seed: int = 0,
    variants: Any = None,
    lemma: bool = False,
) -> pd.DataFrame:
    """:func:`toolkit.compare_all` of a lazy corpus (the same table; module docstring).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    by, ngram, stem, stopwords, min_count, min_docs, prior, prior_scale, alpha, sort
        As in :func:`toolkit.compare_all`.
    significance, n_boot, seed, variants, lemma
        As in :func:`toolkit.compare_all`.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`toolkit.compare_all` on the computed corpus, with its ``attrs``.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> lazy = dd.from_pandas(toolkit.load_demo(), npartitions=2)
    >>> toolkit.compare_all(lazy)["target"].nunique()
    7
    """
    p_column = K._check_options(min_count, min_docs, alpha, sort, significance, n_boot)
    _check_prior(prior, "compare_all")
    columns = _meta_columns(corpus)
    if by not in columns:
        raise CorpusError(
            f"cannot compare by {by!r}: the corpus has no such column (columns: {columns})"
        )
    if stem and lemma:
        raise ValueError("choose stems (stem=True) or lemmas (lemma=True), not both")
    opts = {"ngram": ngram, "stem": stem, "variants": variants, "lemma": lemma}
    parts = map_partitions(corpus, _compare_part, by, opts, stopwords, desc="compare_all")
    groups, group_maps = merge_groups([p["groups"] for p in parts], by)
    _warn_missing(parts, by, stacklevel=3)
    labels = groups[by].tolist()
    if len(labels) < 2:
        raise ValueError(
            f"compare_all needs at least two values of {by!r}; found {K._describe(labels)}"
        )
    vocab, maps = merge_vocab([p["vocab"] for p in parts])
    n_groups, v = len(labels), len(vocab)

    def merged(key: str) -> sparse.csr_matrix:
        rows = np.concatenate([gm[p[key][0]] for p, gm in zip(parts, group_maps, strict=True)])
        cols = np.concatenate([m[p[key][1]] for p, m in zip(parts, maps, strict=True)])
        data = np.concatenate([p[key][2] for p in parts])
        return sparse.coo_matrix((data, (rows, cols)), shape=(n_groups, v)).tocsr()

    counts, docs = merged("counts"), merged("docs")
    total_int = np.zeros(v, dtype=np.int64)
    total_docs = np.zeros(v, dtype=np.int64)
    group_tokens = np.zeros(n_groups, dtype=np.int64)
    group_docs = np.zeros(n_groups, dtype=np.int64)
    for p, m, gm in zip(parts, maps, group_maps, strict=True):
        total_int[m] += p["total_counts"]
        total_docs[m] += p["total_docs"]
        np.add.at(group_tokens, gm, p["group_tokens"])
        np.add.at(group_docs, gm, p["group_docs"])
    total_words = sum(p["n_tokens"] for p in parts)
    total_n_docs = sum(p["n_docs"] for p in parts)
    view = _Vocab(vocab)
    alpha_w, alpha_0, prior_name = K._prior(
        view, prior, prior_scale, corpus_counts=total_int.astype(np.float64), ngram=ngram,
        stem=stem, lemma=lemma, variants=variants,
    )
    exclude = _merged_stop(parts, maps, vocab, ngram, stopwords)
    term_rank = alphabetical_rank(vocab)
    sides = []
    for g, label in enumerate(labels):
        n1 = int(group_tokens[g])
        n2 = total_words - n1
        if n1 == 0:
            raise ValueError(f"group {by} = {label!r} has {group_docs[g]} document(s) but no words")
        if total_n_docs - group_docs[g] == 0 or n2 == 0:
            raise ValueError(f"the documents outside {by} = {label!r} have no words")
        a = counts[g].toarray().ravel().astype(np.int64)
        da = docs[g].toarray().ravel().astype(np.int64)
        tested, _ = K._tested(a, total_int - a, da, total_docs - da, n1, n2, min_count, min_docs)
        sides.append((a, da, n1, n2, np.flatnonzero(tested & ~exclude)))
    doc_cols = _document_tests(parts, [([label], None) for label in labels],
                               [s[4] for s in sides], vocab, n_boot, seed)
    out_parts: list[dict[str, np.ndarray]] = []
    per_group: dict[str, dict] = {
        k: {}
        for k in ("n_tests", "threshold", "g2_critical", "z_critical", "target_docs",
                  "target_tokens")
    }
    for g, label in enumerate(labels):
        a, da, n1, n2, ids = sides[g]
        cols, info = K._table(
            a, total_int - a, da, total_docs - da, n1, n2, alpha_w, alpha_0,
            exclude=exclude,
            term_rank=term_rank,
            min_count=min_count,
            min_docs=min_docs,
            alpha=alpha,
            sort=sort,
            significance=p_column,
            doc_tests=_precomputed(doc_cols[g], ids),
        )
        out_parts.append(cols)
        for k, val in info.items():
            per_group[k][label] = val
        per_group["target_docs"][label] = int(group_docs[g])
        per_group["target_tokens"][label] = n1
    return K._compare_table(view, out_parts, groups[by], per_group, by, alpha, p_column, n_boot,
                            seed, prior_name, alpha_0, ngram, stem, lemma, variants, sort)


def lazy_term_matrix(
    corpus: Any,
    terms: list[str],
    *,
    by: Any = "source",
    value: str = "per_10k",
    variants: Any = None,
    lemma: bool = False,
) -> pd.DataFrame:
    """:func:`toolkit.term_matrix` of a lazy corpus: pattern counts per partition and
    group, summed.

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        A lazy corpus.
    terms : list of str
        The patterns (checked, without duplicates).
    by, value, variants, lemma
        As in :func:`toolkit.term_matrix`.

    Returns
    -------
    pandas.DataFrame
        The matrix of :func:`toolkit.term_matrix` on the computed corpus.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import toolkit
    >>> lazy = dd.from_pandas(toolkit.load_demo(), npartitions=2)
    >>> toolkit.term_matrix(lazy, ["retreat"], value="count")["Borealis Agency"].tolist()
    [5]
    """
    from ..patterns import parse_pattern
    from ..rates import per_10k

    columns = _meta_columns(corpus)
    missing_cols = [c for c in as_columns(by) if c not in columns]
    if missing_cols:
        raise CorpusError(
            f"cannot group by {missing_cols}: the corpus has no such column "
            f"(columns: {columns})"
        )
    for t in terms:  # check every pattern before counting
        parse_pattern(t)
    opts = {"variants": variants, "lemma": lemma}
    parts = map_partitions(corpus, _matrix_part, list(terms), by, opts, desc="term_matrix")
    groups, group_maps = merge_groups([p["groups"] for p in parts], by)
    _warn_missing(parts, by, stacklevel=3)
    g = len(groups)
    if g == 0:
        raise ValueError(f"the corpus has no values of {by!r}")
    rows = np.zeros((len(terms), g), dtype=np.int64)
    tokens = np.zeros(g, dtype=np.int64)
    for p, gm in zip(parts, group_maps, strict=True):
        np.add.at(rows.T, gm, p["rows"].T)
        np.add.at(tokens, gm, p["tokens"])
    if groups.shape[1] == 0:
        cols = pd.Index(["all"])
    elif groups.shape[1] == 1:
        cols = pd.Index(groups.iloc[:, 0], name=groups.columns[0])
    else:
        cols = pd.MultiIndex.from_frame(groups)
    data = rows if value == "count" else per_10k(rows, tokens[None, :])
    out = pd.DataFrame(data, index=pd.Index(terms, name="term"), columns=cols)
    out.attrs["tokens"] = dict(zip(cols.tolist(), tokens.astype(np.int64).tolist(), strict=True))
    out.attrs["value"] = value
    return out
