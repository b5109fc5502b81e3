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
from collections.abc import Iterable
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

from .progress import show_progress
from .schema import CorpusError
from .tokenize import APOSTROPHES, TOKEN_PATTERN, tokenize_series

CHUNK_SIZE = 5_000
"""Documents tokenised per batch (bounds peak memory; progress is shown per batch)."""

SPAN_CHUNK_SIZE = 1_000
"""Documents whose character offsets are computed per batch (bounds temporary memory)."""

UNITS: tuple[str, ...] = ("document", "sentence")
"""The units an index can count in: whole articles, or their sentences."""


@dataclass(eq=False)
class VocabCache:
    """Look-up tables derived from one vocabulary, shared by every index over it.

    A document index and its sentence view share one vocabulary (and one token array),
    so they share these tables too. Each field has one owner, named below; none is
    written by anyone else.

    Attributes
    ----------
    vocab_index : pandas.Index or None
        The vocabulary as an Index (``TokenIndex.vocab_index``).
    sorted_vocab : tuple of numpy.ndarray or None
        ``(order, vocab[order])`` for prefix look-ups (owner: :mod:`toolkit.patterns`).
    element_ids : dict
        Pattern element -> matching type ids (owner: :mod:`toolkit.patterns`).
    alphabetical_rank : numpy.ndarray or None
        Position of each type in alphabetical order (owner: :mod:`toolkit.frequency`).
    type_lengths : numpy.ndarray or None
        Length of each type in characters (owner: :meth:`TokenIndex.token_offsets`).
    folding : object or None
        The types whose case-folded form differs (``i`` + U+0307 read as ``i``) and
        those forms (owner: :mod:`toolkit.patterns`). ``element_ids`` keys are
        normalised, lowercased and folded pattern elements.
    """

    vocab_index: pd.Index | None = None
    sorted_vocab: tuple[np.ndarray, np.ndarray] | None = None
    element_ids: dict[str, np.ndarray] = field(default_factory=dict)
    alphabetical_rank: np.ndarray | None = None
    type_lengths: np.ndarray | None = None
    folding: object | None = None


@dataclass(eq=False)
class CharSpans:
    """Character offsets of the tokens of the documents computed so far (compact).

    Attributes
    ----------
    ptr : numpy.ndarray
        For each document, where its tokens start in :attr:`starts`/:attr:`ends`
        (-1: not computed yet).
    starts, ends : numpy.ndarray
        ``int32`` offsets of the computed documents' tokens, document after document.
    """

    ptr: np.ndarray
    starts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    ends: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))

    def add(self, docs: np.ndarray, lengths: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> None:
        """Append the offsets of ``docs`` (``lengths`` tokens each, in ``docs`` order)."""
        self.ptr[docs] = len(self.starts) + _running_starts(lengths)
        self.starts = np.concatenate([self.starts, starts])
        self.ends = np.concatenate([self.ends, ends])

    def align(self, offsets: np.ndarray) -> None:
        """Reorder the store into corpus order (every document computed)."""
        first = offsets[:-1]
        if np.array_equal(self.ptr, first):
            return
        lengths = np.diff(offsets)
        k = np.repeat(self.ptr - first, lengths) + np.arange(int(offsets[-1]))
        self.starts, self.ends = self.starts[k], self.ends[k]
        self.ptr = first.astype(np.int64).copy()


def _running_starts(lengths: np.ndarray) -> np.ndarray:
    """Start of each block in a concatenation of blocks of these lengths."""
    out = np.zeros(len(lengths), dtype=np.int64)
    if len(lengths) > 1:
        np.cumsum(lengths[:-1], out=out[1:])
    return out


@dataclass(eq=False)
class IndexCache:
    """What one index derives from itself once, then reuses. One field per product.

    Attributes
    ----------
    ngram_views : dict
        ``n -> TokenIndex`` of n-grams (:meth:`TokenIndex.ngrams`).
    stem_view : TokenIndex or None
        The stemmed view (:meth:`TokenIndex.stemmed`).
    group_counts : dict
        Grouping columns -> ``(group codes, GroupCounts)`` (owner: :mod:`toolkit.counts`).
    char_spans : CharSpans or None
        Character offsets of the tokens of the documents computed so far
        (:meth:`TokenIndex.token_offsets`, :meth:`TokenIndex.char_spans`).
    sentence_view : TokenIndex or None
        The sentence-unit view (:meth:`TokenIndex.sentence_view`).
    variant_views : dict
        Hash of a variant map's content -> the view with it applied
        (:meth:`TokenIndex.variant_view`).
    quotes : dict
        ``(verbs, actors)`` list names -> the attribution table of the corpus (owner:
        :func:`toolkit.attribution.quotes`).
    mentions : dict
        Actor list name -> the actor mention table of the corpus (owner:
        :func:`toolkit.mentions.actor_mentions`; reused by ``agency`` and ``actor_tone``).
    lemma_view : TokenIndex or None
        The lemma view (:meth:`TokenIndex.lemma_view`).
    languages : dict
        ``cyrillic_only`` -> the language of each unit (:meth:`TokenIndex.languages`).
    """

    ngram_views: dict[int, TokenIndex] = field(default_factory=dict)
    stem_view: TokenIndex | None = None
    group_counts: dict[tuple[str, ...], tuple] = field(default_factory=dict)
    char_spans: CharSpans | None = None
    sentence_view: TokenIndex | None = None
    variant_views: dict[str, TokenIndex] = field(default_factory=dict)
    quotes: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict)
    mentions: dict[str, pd.DataFrame] = field(default_factory=dict)
    lemma_view: TokenIndex | None = None
    languages: dict[bool, np.ndarray] = field(default_factory=dict)


@dataclass(eq=False, repr=False)
class TokenIndex:
    """Tokens of a corpus as integer ids, built once by :func:`index_tokens`.

    An index counts in *units*: documents (articles), or sentences for the view that
    :meth:`sentence_view` returns. Everything below says "document" for a unit.

    Attributes
    ----------
    meta : pandas.DataFrame
        One row per unit, in corpus order: every corpus column except the text. For
        sentence units only ``doc_id``, ``sentence``, ``start`` and ``end`` (the
        article's other columns are read through :attr:`unit_doc` when a table needs
        them, so a million sentences do not copy every title and URL).
    offsets : numpy.ndarray
        ``int64`` array of length ``n_docs + 1``; the tokens of unit ``i`` are
        ``ids[offsets[i]:offsets[i + 1]]``.
    ids : numpy.ndarray
        ``int32`` token ids in reading order.
    vocab : numpy.ndarray
        Object array of type strings; ``vocab[ids]`` are the tokens.
    lowercase : bool
        Whether tokens were lowercased.
    n : int
        1 for words; 2 or 3 for an n-gram view (see :meth:`ngrams`).
    unit : {"document", "sentence"}
        What one row of :attr:`meta` is.
    components : numpy.ndarray or None
        For an n-gram view, ``(len(vocab), n)`` ids of each n-gram's words in the
        word vocabulary.
    is_stemmed : bool
        Whether the types are Snowball stems (see :meth:`stemmed`).
    texts : pandas.Series or None
        The corpus ``text`` column the index was built from (a reference, not a copy),
        used to cut keyword-in-context lines; None for n-gram views.
    word_index : TokenIndex or None
        For an n-gram view, the word index it was built from.
    stem_forms, stem_of_form : numpy.ndarray or None
        For a stemmed view, the word forms of the unstemmed index and the stem id of
        each form.
    unit_doc : numpy.ndarray or None
        For sentence units, the document number (row of the document index) of each
        sentence.
    document_index : TokenIndex or None
        For sentence units, the document index they split.
    cache : IndexCache
        Products derived from this index (documented field by field).
    vocab_cache : VocabCache
        Look-up tables of the vocabulary (shared with views over the same vocabulary).
    variant_forms, variant_of_form : numpy.ndarray or None
        For a variant view (:meth:`variant_view`), the word forms of the index it maps
        and the canonical id of each form.
    """

    meta: pd.DataFrame
    offsets: np.ndarray
    ids: np.ndarray
    vocab: np.ndarray
    lowercase: bool = True
    n: int = 1
    unit: str = "document"
    components: np.ndarray | None = None
    is_stemmed: bool = False
    texts: pd.Series | None = None
    word_index: TokenIndex | None = None
    stem_forms: np.ndarray | None = None
    stem_of_form: np.ndarray | None = None
    unit_doc: np.ndarray | None = None
    document_index: TokenIndex | None = None
    cache: IndexCache = field(default_factory=IndexCache)
    vocab_cache: VocabCache = field(default_factory=VocabCache)
    variant_forms: np.ndarray | None = None
    variant_of_form: np.ndarray | None = None

    def __repr__(self) -> str:
        kind = "tokens" if self.n == 1 else f"{self.n}-grams"
        units = "documents" if self.unit == "document" else "sentences"
        return (
            f"<TokenIndex: {self.n_docs:,} {units}, {self.n_tokens:,} {kind}, "
            f"{len(self.vocab):,} types>"
        )

    @property
    def n_docs(self) -> int:
        """Number of units (documents, or sentences for a sentence view)."""
        return len(self.offsets) - 1

    @property
    def n_tokens(self) -> int:
        """Number of tokens (or n-grams) in the corpus."""
        return int(self.offsets[-1])

    @property
    def doc_lengths(self) -> np.ndarray:
        """Tokens per unit (``int64`` array)."""
        return np.diff(self.offsets)

    @property
    def doc_ids(self) -> np.ndarray:
        """The units' ``doc_id`` values, in index order."""
        return self.meta["doc_id"].to_numpy()

    @property
    def vocab_index(self) -> pd.Index:
        """The vocabulary as a :class:`pandas.Index` for fast look-ups."""
        if self.vocab_cache.vocab_index is None:
            self.vocab_cache.vocab_index = pd.Index(self.vocab)
        return self.vocab_cache.vocab_index

    @cached_property
    def dtm(self) -> sparse.csr_matrix:
        """Document-term matrix of counts (units x types), built on first use.

        Built in blocks of units, so that the temporary arrays stay small and the
        result holds exactly one entry per unit and type.
        """
        n_types = len(self.vocab)
        n_docs = self.n_docs

        def block(start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            stop = min(start + CHUNK_SIZE, n_docs)
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
            parts = list(pool.map(block, range(0, n_docs, CHUNK_SIZE)))
        indptr = np.zeros(n_docs + 1, dtype=np.int64)
        if parts:
            np.cumsum(np.concatenate([p[2] for p in parts]), out=indptr[1:])
        return sparse.csr_matrix(
            (np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int32),
             np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32), indptr),
            shape=(n_docs, n_types),
            copy=False,
        )

    @cached_property
    def dtm_binary(self) -> sparse.csr_matrix:
        """Document-term matrix of presence (1 where a type occurs in a unit)."""
        m = self.dtm
        return sparse.csr_matrix(
            (np.ones(len(m.data), dtype=np.int8), m.indices, m.indptr), shape=m.shape, copy=False
        )

    def doc_of(self, positions: np.ndarray) -> np.ndarray:
        """Map token positions to unit numbers (row positions in :attr:`meta`).

        Parameters
        ----------
        positions : numpy.ndarray
            Positions into :attr:`ids`.

        Returns
        -------
        numpy.ndarray
            Unit number of each position.
        """
        return np.searchsorted(self.offsets, positions, side="right") - 1

    def term_ids(self, terms: Iterable[str]) -> np.ndarray:
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

    def term_counts(self) -> pd.Series:
        """Occurrences of every type in the whole index, keyed by the type itself.

        Keys are terms, not index-local ids, so the counts of two indexes (two parts
        of a corpus) can be added: ``a.add(b, fill_value=0)`` equals the counts of the
        concatenated corpus.

        Returns
        -------
        pandas.Series
            ``int64`` counts indexed by term (in vocabulary order).
        """
        counts = np.bincount(self.ids, minlength=len(self.vocab)).astype(np.int64)
        return pd.Series(counts, index=pd.Index(self.vocab, dtype="str", name="term"), name="count")

    def _spans(self, docs: np.ndarray | None) -> CharSpans:
        """The offsets store, with the given documents (all when None) computed."""
        if self.n != 1:
            raise ValueError("character offsets belong to the word index (n=1)")
        if self.texts is None:
            raise ValueError("this index keeps no texts: build it with index_tokens(corpus)")
        if self.cache.char_spans is None:
            self.cache.char_spans = CharSpans(np.full(self.n_docs, -1, dtype=np.int64))
        store = self.cache.char_spans
        wanted = np.arange(self.n_docs) if docs is None else np.unique(np.asarray(docs, np.int64))
        todo = wanted[store.ptr[wanted] < 0]
        if len(todo):
            lengths = self.offsets[todo + 1] - self.offsets[todo]
            store.add(todo, lengths, *_char_spans(self, todo))
        return store

    def token_offsets(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Character offsets of tokens, given their positions (computed once per document).

        Offsets are computed on first need, only for the documents that hold the
        tokens asked for, in one vectorised pass over their texts (polars, on all
        cores), and kept compactly (``int32``, 8 bytes per token of those documents):
        keyword-in-context lines then cut the texts without tokenising them again.

        Parameters
        ----------
        positions : numpy.ndarray
            Global token positions (into :attr:`ids`).

        Returns
        -------
        (numpy.ndarray, numpy.ndarray)
            ``start`` and ``end`` of each token in its document's text.
        """
        if self.document_index is not None:
            return self.document_index.token_offsets(positions)
        positions = np.asarray(positions, dtype=np.int64)
        doc = self.doc_of(positions)
        store = self._spans(doc)
        k = store.ptr[doc] + (positions - self.offsets[doc])
        return store.starts[k], store.ends[k]

    def doc_offsets(self, doc: int) -> tuple[np.ndarray, np.ndarray]:
        """Character offsets of every token of one document.

        Parameters
        ----------
        doc : int
            Document number (row of :attr:`meta`).

        Returns
        -------
        (numpy.ndarray, numpy.ndarray)
            ``starts`` and ``ends`` of the document's tokens, in order.
        """
        if self.document_index is not None:
            return self.document_index.doc_offsets(doc)
        store = self._spans(np.array([doc]))
        a, n = store.ptr[doc], self.offsets[doc + 1] - self.offsets[doc]
        return store.starts[a : a + n], store.ends[a : a + n]

    def char_spans(self) -> tuple[np.ndarray, np.ndarray]:
        """Character offsets of every token of the corpus, aligned with :attr:`ids`.

        Computes what is missing (see :meth:`token_offsets`) and puts the store in
        corpus order, so the arrays are aligned with :attr:`ids`: token ``k`` of
        document ``d`` is ``text[starts[offsets[d] + k]:ends[offsets[d] + k]]``.

        Returns
        -------
        (numpy.ndarray, numpy.ndarray)
            ``starts`` and ``ends`` (``int32``).
        """
        if self.document_index is not None:
            return self.document_index.char_spans()
        store = self._spans(None)
        store.align(self.offsets)
        return store.starts, store.ends

    def sentence_view(self, *, progress: bool | None = None) -> TokenIndex:
        """The same tokens counted in sentence units (built once, then cached).

        Sentences come from :func:`toolkit.sentences.sentence_spans` (Punkt with news
        abbreviations); each token belongs to the sentence its first character lies
        in. The view shares :attr:`ids` and the vocabulary with this index (no copy);
        only the unit boundaries differ, so a phrase never matches across a sentence
        end.

        Parameters
        ----------
        progress : bool or None
            Show a progress bar while splitting (None: for large corpora).

        Returns
        -------
        TokenIndex
            An index with ``unit == "sentence"``: one row of :attr:`meta` per sentence
            with ``doc_id``, ``sentence`` (number within the article) and
            ``start``/``end`` (character offsets of the sentence in the article);
            :attr:`unit_doc` gives each sentence's article.
        """
        if self.unit == "sentence":
            return self
        if self.n != 1 or self.is_stemmed or self.variant_of_form is not None:
            raise ValueError(
                "sentence units are built from the word index: take the sentence view "
                "first, then its stemmed, variant or n-gram view"
            )
        view = self.cache.sentence_view
        if view is None:
            view = _build_sentence_view(self, progress=progress)
            self.cache.sentence_view = view
        else:
            view.meta = _sentence_meta(self.meta, view.unit_doc, view.meta)
        return view

    def ngrams(self, n: int) -> TokenIndex:
        """An n-gram view of this index (built once, then cached).

        N-grams do not cross unit boundaries; they do cross punctuation (and, in
        document units, sentence ends), because punctuation is not a token. The
        n-gram types are the words joined by single spaces (``"special military
        operation"``).

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
        if n not in self.cache.ngram_views:
            self.cache.ngram_views[n] = _build_ngrams(self, n)
        view = self.cache.ngram_views[n]
        view.meta = self.meta
        return view

    def stemmed(self) -> TokenIndex:
        """A view of this index with each type replaced by its Snowball stem.

        English words use NLTK's English Snowball stemmer, words in Cyrillic script its
        Russian stemmer, except in Ukrainian units (:meth:`languages`): Snowball has no
        Ukrainian stemmer and Ukrainian is never stemmed as Russian, so their Cyrillic
        words keep their forms (count Ukrainian by lemma: :meth:`lemma_view`). Stemming
        runs once per type, not per token.

        Returns
        -------
        TokenIndex
            An index over stems (cached).
        """
        if self.cache.stem_view is None:
            from .stem import stem_types

            stems = stem_types(self.vocab)
            codes, uniques = pd.factorize(stems)
            ids = codes.astype(np.int32)[self.ids]
            uk = self.languages(cyrillic_only=True) == "uk"
            if uk.any():
                # Ukrainian is never stemmed with the Russian stemmer (there is no Ukrainian
                # Snowball stemmer): its words keep their forms (use lemma=True for them)
                tok_uk = np.repeat(uk, np.diff(self.offsets)) & _cyrillic_types(self.vocab)[self.ids]
                forms = self.vocab[self.ids[tok_uk]]
                extra = pd.Index(uniques)
                known = extra.get_indexer(forms)
                new_forms = pd.unique(forms[known < 0])
                uniques = np.concatenate([np.asarray(uniques, dtype=object), np.asarray(new_forms, dtype=object)])
                ids[tok_uk] = pd.Index(uniques).get_indexer(forms).astype(np.int32)
            self.cache.stem_view = TokenIndex(
                meta=self.meta,
                offsets=self.offsets,
                ids=ids,
                vocab=np.asarray(uniques, dtype=object),
                lowercase=self.lowercase,
                n=self.n,
                unit=self.unit,
                is_stemmed=True,
                stem_forms=self.vocab,
                stem_of_form=codes,
            )
        view = self.cache.stem_view
        view.meta = self.meta
        return view

    def languages(self, *, cyrillic_only: bool = False) -> np.ndarray:
        """The language of each unit: the ``language`` column where it has a value, else
        detected from the unit's first 300 words (:func:`toolkit.language.detect_language`).

        Parameters
        ----------
        cyrillic_only : bool, default False
            Detect only units with a word in Cyrillic script (the others get ``""``): all
            that the lemma and stem views need, and fast on a large English corpus.

        Returns
        -------
        numpy.ndarray
            One lowercase code per unit (``"en"``, ``"ru"``, ``"uk"``...; ``""`` when a
            unit has no letters, or is skipped).
        """
        from .language import detect_language

        known = self.cache.languages.get(cyrillic_only)
        if known is not None:
            return known
        given = (self.meta["language"].to_numpy(dtype=object) if "language" in self.meta.columns
                 else np.full(self.n_docs, None, dtype=object))
        out = np.empty(self.n_docs, dtype=object)
        given_ok = [isinstance(g, str) and bool(g.strip()) for g in given]
        # which units need detection at all (all of them when the column is complete: none)
        cyr = (self.cyrillic_units() if cyrillic_only and not all(given_ok)
               else np.ones(self.n_docs, dtype=bool))
        for i, g in enumerate(given):
            if isinstance(g, str) and g.strip():
                out[i] = g.strip().lower()
            elif not cyr[i]:
                out[i] = ""
            else:
                a = int(self.offsets[i])
                out[i] = detect_language(" ".join(self.vocab[self.ids[a:min(a + 300, int(self.offsets[i + 1]))]]))
        self.cache.languages[cyrillic_only] = out
        return out

    def cyrillic_units(self) -> np.ndarray:
        """Whether each unit has at least one word in Cyrillic script.

        Returns
        -------
        numpy.ndarray
            One bool per unit.
        """
        tok = _cyrillic_types(self.vocab)[self.ids]
        counts = np.add.reduceat(tok.astype(np.int64), self.offsets[:-1]) if len(tok) else np.zeros(self.n_docs)
        counts = np.where(np.diff(self.offsets) > 0, counts, 0)
        return counts > 0

    def lemma_view(self) -> TokenIndex:
        """A view of this index with each Russian or Ukrainian token replaced by its lemma.

        Each article's language comes from :meth:`languages`; words of ``ru`` and ``uk``
        units are lemmatised with that language's pymorphy3 dictionary, once per
        (language, type) (see :mod:`toolkit.lemmas` for how ambiguity is handled); other
        languages keep their forms. Token positions are those of this index, so matches
        found in the view map back to the text.

        Returns
        -------
        TokenIndex
            An index over lemmas (cached).

        Examples
        --------
        >>> import pandas as pd
        >>> import toolkit
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "language": ["ru", "uk"], "text": [
        ...     "В ходе специальной военной операции", "Війна триває: війни не буде"]})
        >>> v = toolkit.index_tokens(corpus).lemma_view()
        >>> v.term_counts()[["операция", "війна"]].tolist()
        [1, 2]
        """
        if self.n != 1:
            raise ValueError("the lemma view applies to the word index, before n-grams: use index.view(...)")
        if self.cache.lemma_view is None:
            from .lemmas import LEMMA_LANGUAGES, lemmatize

            langs = self.languages(cyrillic_only=True)
            codes = np.array([LEMMA_LANGUAGES.index(x) + 1 if x in LEMMA_LANGUAGES else 0 for x in langs],
                             dtype=np.int64)
            tok_lang = np.repeat(codes, np.diff(self.offsets))
            key = self.ids.astype(np.int64) * (len(LEMMA_LANGUAGES) + 1) + tok_lang
            uniq, inverse = np.unique(key, return_inverse=True)
            types = self.vocab[uniq // (len(LEMMA_LANGUAGES) + 1)]
            lang_of = uniq % (len(LEMMA_LANGUAGES) + 1)
            lemmas = np.array(types, dtype=object)
            for k, lang in enumerate(LEMMA_LANGUAGES, start=1):
                sel = lang_of == k
                if sel.any():
                    lemmas[sel] = lemmatize(types[sel], lang)
            lemma_codes, lemma_vocab = pd.factorize(lemmas)
            self.cache.lemma_view = TokenIndex(
                meta=self.meta,
                offsets=self.offsets,
                ids=lemma_codes.astype(np.int32)[inverse.ravel()],
                vocab=np.asarray(lemma_vocab, dtype=object),
                lowercase=self.lowercase,
                n=self.n,
                unit=self.unit,
            )
        view = self.cache.lemma_view
        view.meta = self.meta
        return view

    def variant_view(self, variants: object) -> TokenIndex:
        """A view of this index with spelling variants counted as one type.

        Every type of the vocabulary is looked up once in the map (see
        :mod:`toolkit.variants`); token ids are then mapped through one lookup array,
        without tokenising again. The view is cached per map content (a hash of its
        ``variant -> canonical`` pairs), so an edited map gets a new view.

        Parameters
        ----------
        variants : bool, pandas.DataFrame, str, pathlib.Path or None
            None or False: this index; True: the bundled map
            (:func:`toolkit.load_variants`, without the ``framing`` group); a
            DataFrame with columns ``variant`` and ``canonical``; or a CSV file path.

        Returns
        -------
        TokenIndex
            A word index over canonical spellings (cached). Its
            :attr:`variant_forms` and :attr:`variant_of_form` give the spellings behind
            each type. It keeps no texts (cut keyword-in-context lines from the word
            index).
        """
        if variants is None or variants is False:
            return self
        from .variants import resolve_variants

        if self.n != 1 or self.is_stemmed or self.variant_of_form is not None:
            raise ValueError(
                "variants apply to the word index, before stemming and n-grams: use "
                "index.view(ngram=..., stem=..., variants=...)"
            )
        table, key = resolve_variants(variants, lowercase=self.lowercase)
        view = self.cache.variant_views.get(key)
        if view is None:
            view = _build_variant_view(self, table)
            self.cache.variant_views[key] = view
        view.meta = self.meta
        return view

    def view(
        self, *, ngram: int = 1, stem: bool = False, variants: object = None, lemma: bool = False
    ) -> TokenIndex:
        """The index to count from, given the ``ngram``, ``stem`` and ``variants`` options.

        The options compose in this order: spelling variants are merged first (on
        words), then words are stemmed, then n-grams are built from the resulting ids.

        Parameters
        ----------
        ngram : int, default 1
            1 for words, 2 or 3 for n-grams.
        stem : bool, default False
            Count stems instead of word forms.
        variants : bool, pandas.DataFrame, str, pathlib.Path or None, default None
            Count spelling variants as one type (:meth:`variant_view`): True for the
            bundled map, or your own table.
        lemma : bool, default False
            Count lemmas of Russian and Ukrainian words (:meth:`lemma_view`); not
            together with ``stem``.

        Returns
        -------
        TokenIndex
            The cached view.

        Examples
        --------
        >>> import pandas as pd
        >>> import toolkit
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"],
        ...                        "text": ["Zelenskiy met U.S. envoys.", "Zelensky and US envoys"]})
        >>> idx = toolkit.index_tokens(corpus)
        >>> v = idx.view(variants=True)
        >>> v.term_counts()[["zelensky", "us", "envoys"]].tolist()
        [2, 2, 2]
        >>> int(idx.view(ngram=2, variants=True).term_counts()["zelensky met"])
        1
        """
        if stem and lemma:
            raise ValueError("choose stems (stem=True) or lemmas (lemma=True), not both")
        base = self.variant_view(variants) if variants is not None and variants is not False else self
        if lemma:
            base = base.lemma_view()
        if stem:
            base = base.stemmed()
        return base.ngrams(ngram)


def _cyrillic_types(vocab: np.ndarray) -> np.ndarray:
    """Whether each type has a letter in Cyrillic script (vectorised with Arrow)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(vocab):
        return np.zeros(0, dtype=bool)
    arr = pa.array(vocab.tolist(), type=pa.string())
    from .language import CYRILLIC

    return pc.match_substring_regex(arr, CYRILLIC.pattern).to_numpy(zero_copy_only=False).astype(bool)


def _build_variant_view(index: TokenIndex, table: pd.DataFrame) -> TokenIndex:
    """The variant view: canonical spelling per type, then one id lookup per token."""
    if index.unit == "sentence" and index.document_index is not None:
        # the sentence view shares the document index's ids: share its variant ids too
        doc_view = index.document_index.variant_view(table)
        ids, vocab, of_form = doc_view.ids, doc_view.vocab, doc_view.variant_of_form
        vocab_cache = doc_view.vocab_cache
    else:
        from .variants import canonical_lookup

        canon = canonical_lookup(index.vocab, index.vocab_index, table)
        codes, uniques = pd.factorize(canon)
        of_form = codes.astype(np.int32)
        ids = of_form[index.ids]
        vocab = np.asarray(uniques, dtype=object)
        vocab_cache = VocabCache()
    return TokenIndex(
        meta=index.meta,
        offsets=index.offsets,
        ids=ids,
        vocab=vocab,
        lowercase=index.lowercase,
        n=1,
        unit=index.unit,
        unit_doc=index.unit_doc,
        vocab_cache=vocab_cache,
        variant_forms=index.vocab,
        variant_of_form=of_form,
    )


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
        unit=index.unit,
        components=components,
        is_stemmed=index.is_stemmed,
        word_index=index,
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
    batches = range(0, max(n_docs, 1), chunk_size)
    show = show_progress(progress, len(batches) > 1)
    encoder = _PolarsEncoder() if hasattr(pl, "Categories") else _ArrowEncoder()

    def tokenise(start: int) -> tuple[np.ndarray, np.ndarray]:
        toks = tokenize_series(texts.iloc[start : start + chunk_size], lowercase=lowercase)
        lens = toks.list.len().fill_null(0).to_numpy().astype(np.int64)
        return lens, encoder.encode(toks.explode().drop_nulls())

    # batches are tokenised and encoded in order in a worker thread (polars and pyarrow
    # release the GIL), so the next batch is being read while this one is collected
    id_parts: list[np.ndarray] = []
    lens_parts: list[np.ndarray] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(tokenise, batches[0])
        for k in tqdm(range(len(batches)), desc="tokenising", unit="batch", disable=not show):
            lens, ids_k = pending.result()
            if k + 1 < len(batches):
                pending = pool.submit(tokenise, batches[k + 1])
            id_parts.append(ids_k)
            lens_parts.append(lens)
    offsets = np.zeros(n_docs + 1, dtype=np.int64)
    if n_docs:
        np.cumsum(np.concatenate(lens_parts), out=offsets[1:])
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int32)
    vocab = encoder.vocabulary()
    index = TokenIndex(
        meta=meta, offsets=offsets, ids=ids, vocab=vocab, lowercase=lowercase, texts=texts
    )
    return index


class _PolarsEncoder:
    """Token strings -> ids in first-seen order, with a polars categorical of our own.

    One private ``pl.Categories`` maps every string to a stable id across batches in
    Rust (no Python-side vocabulary merge).
    """

    def __init__(self) -> None:
        self.categories = pl.Categories.random()
        self.dtype = pl.Categorical(self.categories)
        # polars keeps the string mapping only while a column uses it: keep one alive
        self.alive = pl.Series([], dtype=self.dtype)

    def encode(self, tokens: pl.Series) -> np.ndarray:
        coded = tokens.cast(self.dtype)
        self.alive = coded.head(1) if len(coded) else self.alive
        codes = coded.to_physical().to_numpy()
        return codes.view(np.int32) if codes.dtype == np.uint32 else codes.astype(np.int32)

    def vocabulary(self) -> np.ndarray:
        vocab = np.asarray(self.categories.to_series().to_list(), dtype=object)
        del self.alive
        return vocab


class _ArrowEncoder:
    """The same with pyarrow's dictionary encoding (polars versions without Categories)."""

    def __init__(self) -> None:
        self.index = pd.Index([], dtype=object)
        self.parts: list[np.ndarray] = []

    def encode(self, tokens: pl.Series) -> np.ndarray:
        if not len(tokens):
            return np.zeros(0, dtype=np.int32)
        enc = pc.dictionary_encode(tokens.to_arrow())
        if isinstance(enc, pa.ChunkedArray):
            enc = enc.combine_chunks()
        local_vocab = enc.dictionary.to_numpy(zero_copy_only=False).astype(object)
        codes = self.index.get_indexer(local_vocab)
        new = codes < 0
        if new.any():
            codes[new] = np.arange(len(self.index), len(self.index) + int(new.sum()))
            self.parts.append(local_vocab[new])
            self.index = self.index.append(pd.Index(local_vocab[new], dtype=object))
        return codes.astype(np.int32)[enc.indices.to_numpy(zero_copy_only=False)]

    def vocabulary(self) -> np.ndarray:
        return np.concatenate(self.parts) if self.parts else np.zeros(0, dtype=object)


def _char_spans(index: TokenIndex, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Offsets of the tokens of ``docs``, document after document (vectorised, in batches).

    One regular expression finds every token *with the non-word characters before it*
    (``\\W*`` + :data:`~toolkit.tokenize.TOKEN_PATTERN`; a token always starts with a
    word character, so this is the same tokenisation); running sums of these pieces'
    lengths give each token's end, and its start is the end minus the length of its
    type. That holds because lowercasing keeps the length of every character but
    U+0130 (İ, which lowercases to two): texts containing it, and any text whose token
    count disagrees with the index, are done one by one with
    :func:`toolkit.tokenize.token_spans`.
    """
    from .tokenize import token_spans

    texts, offsets = index.texts, index.offsets
    type_len = index.vocab_cache.type_lengths
    if type_len is None:
        type_len = pl.Series(index.vocab, dtype=pl.String).str.len_chars().to_numpy()
        index.vocab_cache.type_lengths = type_len = type_len.astype(np.int64)
    lengths_all = offsets[docs + 1] - offsets[docs]
    starts = np.empty(int(lengths_all.sum()), dtype=np.int32)
    ends = np.empty(len(starts), dtype=np.int32)
    base_of = np.concatenate([[0], np.cumsum(lengths_all)[:-1]]).astype(np.int64)
    t = pl.col("t")
    norm = t
    for ap in APOSTROPHES:
        norm = norm.str.replace_all(ap, "'", literal=True)
    piece = r"\W*(?:" + TOKEN_PATTERN + ")"
    for a in range(0, len(docs), SPAN_CHUNK_SIZE):
        batch = docs[a : a + SPAN_CHUNK_SIZE]
        s = pl.from_pandas(texts.iloc[batch].astype("str")).rename("t")
        found = (
            pl.LazyFrame({"t": s})
            .select(
                piece=norm.str.extract_all(piece).list.eval(pl.element().str.len_chars()),
                dotted=t.str.contains("\u0130", literal=True),
            )
            .collect(engine="streaming")
        )
        want = offsets[batch + 1] - offsets[batch]
        n_tok = found["piece"].list.len().fill_null(0).to_numpy().astype(np.int64)
        ok = (n_tok == want) & ~found["dotted"].fill_null(True).to_numpy()
        if ok.any():
            w = want[ok]
            piece_len = found["piece"].filter(pl.Series(ok)).explode().drop_nulls()
            run = np.cumsum(piece_len.to_numpy().astype(np.int64))
            first = np.concatenate([[0], np.cumsum(w)[:-1]])
            base = np.concatenate([[0], run])[first]  # characters before each text
            end = run - np.repeat(base, w)
            k = np.arange(len(end), dtype=np.int64) - np.repeat(first, w)
            pos = np.repeat(base_of[a + np.flatnonzero(ok)], w) + k  # compact positions
            tok = np.repeat(offsets[batch[ok]], w) + k  # token positions in the index
            ends[pos] = end
            starts[pos] = end - type_len[index.ids[tok]]
        for kk in np.flatnonzero(~ok).tolist():  # rare: the one-text path, text by text
            d = int(batch[kk])
            spans = token_spans(texts.iloc[d])
            if len(spans) != want[kk]:
                raise RuntimeError(
                    f"document {d}: {len(spans)} token spans for {want[kk]} indexed tokens"
                )
            lo = base_of[a + kk]
            starts[lo : lo + len(spans)] = spans[:, 0]
            ends[lo : lo + len(spans)] = spans[:, 1]
    return starts, ends


def _sentence_meta(doc_meta: pd.DataFrame, unit_doc: np.ndarray, old: pd.DataFrame) -> pd.DataFrame:
    """Sentence metadata: ``doc_id`` and the sentence columns (kept lean: the article's
    other metadata is looked up through :attr:`TokenIndex.unit_doc` when a table needs
    it)."""
    meta = pd.DataFrame(index=pd.RangeIndex(len(unit_doc)))
    if "doc_id" in doc_meta.columns:
        meta["doc_id"] = doc_meta["doc_id"].take(unit_doc).reset_index(drop=True)
    for col in ("sentence", "start", "end"):
        meta[col] = old[col].to_numpy()
    return meta


def _build_sentence_view(index: TokenIndex, *, progress: bool | None) -> TokenIndex:
    from .sentences import sentence_spans

    doc, s_start, s_end = sentence_spans(index.texts, progress=progress)
    n_sent = len(doc)
    per_doc = np.bincount(doc, minlength=index.n_docs) if n_sent else np.zeros(index.n_docs, np.int64)
    orphan = np.flatnonzero((index.doc_lengths > 0) & (per_doc == 0))
    if len(orphan):
        raise RuntimeError(f"document {int(orphan[0])} has tokens but no sentence")
    first_sent = np.zeros(index.n_docs + 1, dtype=np.int64)
    np.cumsum(per_doc, out=first_sent[1:])
    tok_start, _ = index.char_spans()
    # a token belongs to the last sentence of its document that starts at or before it,
    # so a sentence's tokens begin at the first token starting at or after it: one
    # binary search per sentence, in blocks of documents (doc number << 32 | offset)
    offsets = np.empty(n_sent + 1, dtype=np.int64)
    offsets[-1] = index.n_tokens
    for a in range(0, index.n_docs, CHUNK_SIZE):
        b = min(a + CHUNK_SIZE, index.n_docs)
        t0, t1 = index.offsets[a], index.offsets[b]
        s0, s1 = first_sent[a], first_sent[b]
        key_t = np.repeat(np.arange(b - a, dtype=np.int64) << 32, index.doc_lengths[a:b])
        key_t += tok_start[t0:t1]
        key_s = ((doc[s0:s1] - a).astype(np.int64) << 32) + s_start[s0:s1]
        offsets[s0:s1] = t0 + np.searchsorted(key_t, key_s, side="left")
    # tokens before a document's first sentence (none with Punkt's spans) join it
    with_sent = per_doc > 0
    offsets[first_sent[:-1][with_sent]] = index.offsets[:-1][with_sent]
    number = np.arange(n_sent) - np.repeat(np.cumsum(per_doc) - per_doc, per_doc)
    cols = pd.DataFrame({"sentence": number.astype(np.int32), "start": s_start, "end": s_end})
    meta = _sentence_meta(index.meta, doc, cols)
    if index.n_docs and n_sent == 0:
        offsets = np.zeros(1, dtype=np.int64)
    return TokenIndex(
        meta=meta,
        offsets=offsets,
        ids=index.ids,
        vocab=index.vocab,
        lowercase=index.lowercase,
        unit="sentence",
        texts=index.texts,
        unit_doc=doc,
        document_index=index,
        vocab_cache=index.vocab_cache,
    )


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
    """What the cached index was built from: the columns and the content of every text.

    ``doc_hashes`` and ``text_hashes`` hold one 64-bit hash per row of the full value
    (:func:`_content_hashes`), so two fingerprints are equal only when every ``doc_id``
    and every text is equal (up to a 64-bit hash collision, about 1 in 1.8e19 per edited
    text). Nothing in it depends on where the values are stored in memory.
    """

    columns: tuple
    doc_hashes: np.ndarray
    text_hashes: np.ndarray

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Fingerprint)
            and self.columns == other.columns
            and np.array_equal(self.doc_hashes, other.doc_hashes)
            and np.array_equal(self.text_hashes, other.text_hashes)
        )

    __hash__ = None  # type: ignore[assignment]


def _content_hashes(values: pd.Series) -> np.ndarray:
    """One ``uint64`` hash of the full content of every value of a column.

    Strings are hashed by polars (every byte of every string, on all cores; about
    0.01 s for 37,554 articles / 223 million characters and 0.03-0.07 s for 112,662
    articles / 670 million, 2 cores): Arrow-backed strings (pandas' default) are handed
    to polars without a copy; Python strings are converted first (about 0.1 s for the
    larger corpus). Anything else (numbers, mixed objects, missing texts) uses
    :func:`pandas.util.hash_pandas_object`. The hash of a value depends only on the
    value, never on its address, so an edit is always seen, whatever memory it reuses.

    Parameters
    ----------
    values : pandas.Series
        A corpus column.

    Returns
    -------
    numpy.ndarray
        ``uint64``, one hash per row, in order.
    """
    dtype = values.dtype
    try:
        if isinstance(dtype, pd.ArrowDtype) or getattr(dtype, "storage", None) == "pyarrow":
            series = pl.from_arrow(pa.array(values.array))  # zero-copy
        elif isinstance(dtype, pd.StringDtype) or pd.api.types.is_object_dtype(dtype):
            series = pl.Series(values.to_numpy(dtype=object), dtype=pl.String)
        else:
            series = None
        if isinstance(series, pl.Series) and series.dtype == pl.String:
            return series.hash(seed=0).to_numpy()
    except (TypeError, ValueError, pl.exceptions.PolarsError, pa.ArrowException):
        pass  # not all strings: hash them the pandas way below
    return pd.util.hash_pandas_object(values, index=False).to_numpy()


def _fingerprint(corpus: pd.DataFrame) -> _Fingerprint:
    return _Fingerprint(
        columns=tuple(corpus.columns),
        doc_hashes=_content_hashes(corpus["doc_id"]),
        text_hashes=_content_hashes(corpus["text"]),
    )


def index_tokens(
    corpus: pd.DataFrame, *, unit: str = "document", lowercase: bool = True
) -> TokenIndex:
    """The token index of a corpus, built on first use and cached.

    The cache is tied to the DataFrame object (it goes when the DataFrame goes) and is
    checked on every call against the columns, the ``doc_id`` values and the *content*
    of every text (a 64-bit hash of each text, computed by polars: about 0.01 s for
    37,554 articles of 223 million characters; never the texts' lengths or memory
    addresses, which an in-place edit can leave unchanged). Change any text, even in
    place and to one of the same length, and the index is rebuilt: the cached index is
    not served for texts it was not built from (short of a 64-bit hash collision, about
    1 in 1.8e19 per edited text). Metadata (``source``, ``date``...) is re-read from the corpus
    on every call, so editing it in place is safe.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    unit : {"document", "sentence"}, default "document"
        Count in articles, or in sentences (the sentence view of the same index, split
        once and cached: :meth:`TokenIndex.sentence_view`).
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
    >>> sent = toolkit.index_tokens(corpus, unit="sentence")
    >>> sent.unit, sent.n_tokens == idx.n_tokens
    ('sentence', True)
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    if isinstance(corpus, TokenIndex):
        if unit == "sentence":
            return corpus.sentence_view()
        if corpus.unit != "document":
            raise ValueError("this is a sentence index; pass the corpus for document units")
        return corpus
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(
            "expected a corpus DataFrame (one row per article, with 'doc_id' and 'text' "
            f"columns), got {type(corpus).__name__}"
        )
    if "text" not in corpus.columns or "doc_id" not in corpus.columns:
        return build_index(corpus, lowercase=lowercase)  # raises the schema error
    fp = _fingerprint(corpus)  # content hashes: an edit is seen whatever memory it reuses
    entry = _cache_entry(corpus)
    hit = entry.get(lowercase)
    if hit is not None and hit[0] == fp:
        # the texts are unchanged; metadata may have been edited in place: refresh it
        index = hit[1]
        index.meta = _metadata(corpus)
        index.texts = corpus["text"]
    else:
        index = build_index(corpus, lowercase=lowercase)
        entry[lowercase] = (fp, index)
    return index.sentence_view() if unit == "sentence" else index


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

    Examples
    --------
    >>> import toolkit
    >>> tokens = toolkit.token_table(toolkit.load_demo())
    >>> tokens.columns.tolist()
    ['doc_id', 'position', 'token']
    >>> tokens["token"].head(3).tolist()
    ['moscow', '24', 'february']
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
