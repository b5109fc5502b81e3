"""The token index: tokenise a corpus once, reuse it everywhere.

:func:`index_tokens` turns a corpus DataFrame into a :class:`TokenIndex`: every token of
every document as an integer id (in reading order), the vocabulary those ids point
into, and the document boundaries. From it the index derives, lazily and once, a
document-term matrix (``scipy.sparse`` CSR, documents x types), n-gram and stemmed
views. Every analysis function calls :func:`index_tokens`, which keeps the index in a
cache tied to the DataFrame object, so a corpus is tokenised once per session however
many analyses run on it. Change the texts (or pass a new DataFrame) and the index is
rebuilt.

Counts computed from an index are additive: counts over two halves of a corpus add up
to the counts over the whole (this is what the Dask path relies on).
"""

from __future__ import annotations

import os
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse
from tqdm.auto import tqdm

from .schema import CorpusError
from .tokenize import tokenize_series

CHUNK_SIZE = 5_000
"""Documents tokenised per batch (bounds peak memory; progress is shown per batch)."""


@dataclass(eq=False, repr=False)
class TokenIndex:
    """Tokens of a corpus as integer ids, built once by :func:`index_tokens`.

    Attributes
    ----------
    meta : pandas.DataFrame
        One row per document, in corpus order: every corpus column except the text.
    offsets : numpy.ndarray
        ``int64`` array of length ``n_docs + 1``; the tokens of document ``i`` are
        ``ids[offsets[i]:offsets[i + 1]]``.
    ids : numpy.ndarray
        ``int32`` token ids in reading order.
    vocab : numpy.ndarray
        Object array of type strings; ``vocab[ids]`` are the tokens.
    lowercase : bool
        Whether tokens were lowercased.
    n : int
        1 for words; 2 or 3 for an n-gram view (see :meth:`ngrams`).
    components : numpy.ndarray or None
        For an n-gram view, ``(len(vocab), n)`` ids of each n-gram's words in the
        word vocabulary.
    is_stemmed : bool
        Whether the types are Snowball stems (see :meth:`stemmed`).
    """

    meta: pd.DataFrame
    offsets: np.ndarray
    ids: np.ndarray
    vocab: np.ndarray
    lowercase: bool = True
    n: int = 1
    components: np.ndarray | None = None
    is_stemmed: bool = False
    _views: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        kind = "tokens" if self.n == 1 else f"{self.n}-grams"
        return (
            f"<TokenIndex: {self.n_docs:,} documents, {self.n_tokens:,} {kind}, "
            f"{len(self.vocab):,} types>"
        )

    @property
    def n_docs(self) -> int:
        """Number of documents."""
        return len(self.offsets) - 1

    @property
    def n_tokens(self) -> int:
        """Number of tokens (or n-grams) in the corpus."""
        return int(self.offsets[-1])

    @property
    def doc_lengths(self) -> np.ndarray:
        """Tokens per document (``int64`` array)."""
        return np.diff(self.offsets)

    @property
    def doc_ids(self) -> np.ndarray:
        """The documents' ``doc_id`` values, in index order."""
        return self.meta["doc_id"].to_numpy()

    @cached_property
    def vocab_index(self) -> pd.Index:
        """The vocabulary as a :class:`pandas.Index` for fast look-ups."""
        return pd.Index(self.vocab)

    @cached_property
    def dtm(self) -> sparse.csr_matrix:
        """Document-term matrix of counts (documents x types), built on first use.

        Built in blocks of documents, so that the temporary arrays stay small and the
        result holds exactly one entry per document and type.
        """
        n_types = len(self.vocab)

        def block(start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            stop = min(start + CHUNK_SIZE, self.n_docs)
            lo, hi = self.offsets[start], self.offsets[stop]
            m = sparse.csr_matrix(
                # sum_duplicates sorts in place: give it a copy of the ids, never the ids
                (np.ones(hi - lo, dtype=np.int32), self.ids[lo:hi].copy(),
                 self.offsets[start : stop + 1] - lo),
                shape=(stop - start, n_types),
                copy=False,
            )
            m.sum_duplicates()
            # compact copies: the pre-summing arrays are freed with the block
            return m.data.copy(), m.indices.copy(), np.diff(m.indptr)

        # scipy's sparse kernels release the GIL: two threads use both cores
        with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            parts = list(pool.map(block, range(0, self.n_docs, CHUNK_SIZE)))
        indptr = np.zeros(self.n_docs + 1, dtype=np.int64)
        if parts:
            np.cumsum(np.concatenate([p[2] for p in parts]), out=indptr[1:])
        return sparse.csr_matrix(
            (np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int32),
             np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32), indptr),
            shape=(self.n_docs, n_types),
            copy=False,
        )

    @cached_property
    def dtm_binary(self) -> sparse.csr_matrix:
        """Document-term matrix of presence (1 where a type occurs in a document)."""
        m = self.dtm
        return sparse.csr_matrix(
            (np.ones(len(m.data), dtype=np.int8), m.indices, m.indptr), shape=m.shape, copy=False
        )

    def doc_of(self, positions: np.ndarray) -> np.ndarray:
        """Map token positions to document numbers (row positions in :attr:`meta`).

        Parameters
        ----------
        positions : numpy.ndarray
            Positions into :attr:`ids`.

        Returns
        -------
        numpy.ndarray
            Document number of each position.
        """
        return np.searchsorted(self.offsets, positions, side="right") - 1

    def term_ids(self, terms) -> np.ndarray:
        """Ids of the given exact types; types not in the vocabulary are left out.

        Parameters
        ----------
        terms : iterable of str
            Exact types (already lowercased when the index is).

        Returns
        -------
        numpy.ndarray
            The ids found.
        """
        idx = self.vocab_index.get_indexer(list(terms))
        return idx[idx >= 0]

    def ngrams(self, n: int) -> TokenIndex:
        """An n-gram view of this index (built once, then cached).

        N-grams do not cross document boundaries; they do cross punctuation and sentence
        ends, because punctuation is not a token. The n-gram types are the words
        joined by single spaces (``"special military operation"``).

        Parameters
        ----------
        n : int
            2 or 3 (1 returns this index).

        Returns
        -------
        TokenIndex
            An index whose tokens are the n-grams starting at each position.
        """
        if self.n != 1:
            raise ValueError("n-grams are built from a word index (n=1)")
        if n == 1:
            return self
        if n not in (2, 3):
            raise ValueError(f"n must be 1, 2 or 3, got {n!r}")
        key = ("ngrams", n)
        if key not in self._views:
            self._views[key] = _build_ngrams(self, n)
        return self._views[key]

    def stemmed(self) -> TokenIndex:
        """A view of this index with each type replaced by its Snowball stem.

        English words use NLTK's English Snowball stemmer, words in Cyrillic script its
        Russian stemmer. Stemming runs once per type, not per token.

        Returns
        -------
        TokenIndex
            An index over stems (cached).
        """
        if "stemmed" not in self._views:
            from .stem import stem_types

            stems = stem_types(self.vocab)
            codes, uniques = pd.factorize(stems)
            self._views["stemmed"] = TokenIndex(
                meta=self.meta,
                offsets=self.offsets,
                ids=codes.astype(np.int32)[self.ids],
                vocab=np.asarray(uniques, dtype=object),
                lowercase=self.lowercase,
                n=self.n,
                is_stemmed=True,
                _views={"forms": self.vocab, "stem_of_form": codes},
            )
        return self._views["stemmed"]

    def view(self, *, ngram: int = 1, stem: bool = False) -> TokenIndex:
        """The index to count from, given the ``ngram`` and ``stem`` options.

        Parameters
        ----------
        ngram : int, default 1
            1 for words, 2 or 3 for n-grams.
        stem : bool, default False
            Count stems instead of word forms.

        Returns
        -------
        TokenIndex
            The cached view.
        """
        base = self.stemmed() if stem else self
        return base.ngrams(ngram)


def _build_ngrams(index: TokenIndex, n: int) -> TokenIndex:
    lens = index.doc_lengths
    starts = index.offsets[:-1]
    new_lens = np.maximum(lens - (n - 1), 0)
    total = int(new_lens.sum())
    # positions of n-gram starts: for each doc, starts[i] .. starts[i] + new_lens[i] - 1
    doc_rep = np.repeat(np.arange(index.n_docs), new_lens)
    new_offsets = np.zeros(index.n_docs + 1, dtype=np.int64)
    np.cumsum(new_lens, out=new_offsets[1:])
    pos = np.arange(total, dtype=np.int64) - new_offsets[doc_rep] + starts[doc_rep]
    v = np.int64(len(index.vocab))
    key = index.ids[pos].astype(np.int64)
    for k in range(1, n):
        key, _ = pd.factorize(key * v + index.ids[pos + k])
        key = key.astype(np.int64)
    codes, first = np.unique(key, return_index=True)
    # ids: rank of key among uniques
    ids = np.searchsorted(codes, key).astype(np.int32)
    first_pos = pos[first]
    components = np.stack([index.ids[first_pos + k] for k in range(n)], axis=1)
    words = [index.vocab[components[:, k]] for k in range(n)]
    vocab = words[0].astype(object)
    for w in words[1:]:
        vocab = vocab + " " + w
    return TokenIndex(
        meta=index.meta,
        offsets=new_offsets,
        ids=ids,
        vocab=np.asarray(vocab, dtype=object),
        lowercase=index.lowercase,
        n=n,
        components=components,
        is_stemmed=index.is_stemmed,
        _views={"word_vocab": index.vocab, "word_view": index},
    )


def build_index(
    corpus: pd.DataFrame,
    *,
    lowercase: bool = True,
    chunk_size: int = CHUNK_SIZE,
    progress: bool | None = None,
) -> TokenIndex:
    """Tokenise a corpus into a new :class:`TokenIndex` (no caching).

    Most users call :func:`index_tokens`, which caches the result.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with at least ``doc_id`` and ``text`` columns.
    lowercase : bool, default True
        Lowercase tokens.
    chunk_size : int, default 5,000
        Documents per batch.
    progress : bool or None
        Show a progress bar; ``None`` shows it when there is more than one batch.

    Returns
    -------
    TokenIndex
        The index.
    """
    for col in ("doc_id", "text"):
        if col not in corpus.columns:
            raise CorpusError(
                f"corpus has no {col!r} column (columns found: {list(corpus.columns)}); "
                "load it with toolkit.load_corpus"
            )
    n_docs = len(corpus)
    texts = corpus["text"]
    if texts.isna().any():
        row = int(np.flatnonzero(texts.isna().to_numpy())[0])
        raise CorpusError(f"corpus row {row} (doc_id {corpus['doc_id'].iloc[row]!r}): text is missing")
    meta = _metadata(corpus)
    vocab_index = pd.Index([], dtype=object)
    vocab_parts: list[np.ndarray] = []
    id_parts: list[np.ndarray] = []
    lens_parts: list[np.ndarray] = []
    batches = range(0, max(n_docs, 1), chunk_size)
    show = (len(batches) > 1) if progress is None else progress
    def tokenise(start: int) -> tuple[np.ndarray, pa.Array]:
        toks = tokenize_series(texts.iloc[start : start + chunk_size], lowercase=lowercase)
        lens = toks.list.len().fill_null(0).to_numpy().astype(np.int64)
        # string_view export: no copy of the token strings
        return lens, toks.explode().drop_nulls().to_arrow(compat_level=pl.CompatLevel.newest())

    # the next batch is tokenised in the background while this one is encoded
    pool = ThreadPoolExecutor(max_workers=1)
    pending = pool.submit(tokenise, batches[0])
    for k in tqdm(range(len(batches)), desc="tokenising", unit="batch", disable=not show):
        lens, flat = pending.result()
        if k + 1 < len(batches):
            pending = pool.submit(tokenise, batches[k + 1])
        if len(flat):
            enc = pc.dictionary_encode(flat)
            if isinstance(enc, pa.ChunkedArray):
                enc = enc.combine_chunks()
            local_vocab = enc.dictionary.to_numpy(zero_copy_only=False).astype(object)
            codes = vocab_index.get_indexer(local_vocab)
            new = codes < 0
            if new.any():
                codes[new] = np.arange(len(vocab_index), len(vocab_index) + int(new.sum()))
                vocab_parts.append(local_vocab[new])
                vocab_index = vocab_index.append(pd.Index(local_vocab[new], dtype=object))
            local_ids = enc.indices.to_numpy(zero_copy_only=False)
            id_parts.append(codes.astype(np.int32)[local_ids])
        lens_parts.append(lens)
    pool.shutdown()
    offsets = np.zeros(n_docs + 1, dtype=np.int64)
    if n_docs:
        np.cumsum(np.concatenate(lens_parts), out=offsets[1:])
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int32)
    vocab = np.concatenate(vocab_parts) if vocab_parts else np.zeros(0, dtype=object)
    index = TokenIndex(meta=meta, offsets=offsets, ids=ids, vocab=vocab, lowercase=lowercase)
    index.__dict__["vocab_index"] = vocab_index
    return index


def _metadata(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every column but the texts, with a fresh RangeIndex (a cheap copy-on-write view)."""
    meta = corpus.drop(columns=[c for c in ("text", "text_raw") if c in corpus.columns])
    return meta.reset_index(drop=True)


_CACHE: dict[int, tuple[weakref.ref, dict]] = {}


def _cache_entry(corpus: pd.DataFrame) -> dict:
    key = id(corpus)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is corpus:
        return hit[1]
    entry: dict = {}
    _CACHE[key] = (weakref.ref(corpus, lambda _ref, k=key: _CACHE.pop(k, None)), entry)
    return entry


@dataclass(frozen=True, eq=False)
class _Fingerprint:
    """What the cached index was built from: compared element by element, in order."""

    columns: tuple
    doc_hashes: np.ndarray
    text_key: tuple

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Fingerprint)
            and self.columns == other.columns
            and self.text_key[0] == other.text_key[0]
            and np.array_equal(self.doc_hashes, other.doc_hashes)
            and all(np.array_equal(a, b) for a, b in zip(self.text_key[1:], other.text_key[1:], strict=True))
        )

    __hash__ = None  # type: ignore[assignment]


def _text_key(texts: pd.Series) -> tuple:
    """A cheap identity of the text column that changes whenever any text changes.

    For Arrow-backed strings (pandas' default): the byte length of every text (read from
    the Arrow offsets) and the addresses of the Arrow data buffers, which pandas replaces
    whenever a value is set, so an in-place edit of the same length is seen too. For
    other string storage: a hash of every text (slower, still exact).
    """
    if hasattr(texts.array, "__arrow_array__"):
        arr = pa.array(texts.array)
        chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
        if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
            lengths = [pc.binary_length(c).to_numpy(zero_copy_only=False) for c in chunks]
            lengths = np.concatenate(lengths).astype("float64") if lengths else np.zeros(0)
            buffers = np.array(
                [c.buffers()[2].address if c.buffers()[2] is not None else 0 for c in chunks]
                + [c.offset for c in chunks],
                dtype=np.int64,
            )
            return ("arrow", np.nan_to_num(lengths, nan=-1.0), buffers)
    return ("hash", pd.util.hash_pandas_object(texts, index=False).to_numpy())


def _fingerprint(corpus: pd.DataFrame) -> _Fingerprint:
    return _Fingerprint(
        columns=tuple(corpus.columns),
        doc_hashes=pd.util.hash_pandas_object(corpus["doc_id"], index=False).to_numpy(),
        text_key=_text_key(corpus["text"]),
    )


def index_tokens(corpus: pd.DataFrame, *, lowercase: bool = True) -> TokenIndex:
    """The token index of a corpus, built on first use and cached.

    The cache is tied to the DataFrame object (it goes when the DataFrame goes) and is
    checked against the number of rows, the columns, the ``doc_id`` values and the text
    lengths; change any of those and the index is rebuilt. Metadata (``source``,
    ``date``...) is re-read from the corpus on every call, so editing it in place is safe.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    lowercase : bool, default True
        Lowercase tokens.

    Returns
    -------
    TokenIndex
        The (cached) index.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> idx = toolkit.index_tokens(corpus)   # tokenises once
    >>> idx is toolkit.index_tokens(corpus)  # later calls reuse it
    True
    """
    if isinstance(corpus, TokenIndex):
        return corpus
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"expected a corpus DataFrame, got {type(corpus).__name__}")
    if "text" not in corpus.columns or "doc_id" not in corpus.columns:
        return build_index(corpus, lowercase=lowercase)  # raises the schema error
    fp = _fingerprint(corpus)
    entry = _cache_entry(corpus)
    hit = entry.get(lowercase)
    if hit is not None and hit[0] == fp:
        # the texts are unchanged; metadata may have been edited in place: refresh it
        hit[1].meta = _metadata(corpus)
        return hit[1]
    index = build_index(corpus, lowercase=lowercase)
    entry[lowercase] = (fp, index)
    return index


def token_table(corpus: pd.DataFrame, *, lowercase: bool = True) -> pd.DataFrame:
    """One row per token (the tidy text format): ``doc_id``, ``position``, ``token``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    lowercase : bool, default True
        Lowercase tokens.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id`` (str), ``position`` (0-based within the document) and
        ``token`` (str).
    """
    idx = index_tokens(corpus, lowercase=lowercase)
    lens = idx.doc_lengths
    doc = np.repeat(np.arange(idx.n_docs), lens)
    position = np.arange(idx.n_tokens, dtype=np.int64) - idx.offsets[doc]
    return pd.DataFrame(
        {
            "doc_id": pd.Series(idx.doc_ids[doc], dtype="str"),
            "position": position,
            "token": pd.Series(idx.vocab[idx.ids], dtype="str"),
        }
    )
