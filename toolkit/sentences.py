"""Sentence segmentation for news text, with no downloads.

NLTK's :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer` is used directly (no
``punkt_tab`` data needed) with abbreviation parameters that newsframes provides:
titles (``Mr.``, ``Gen.``, ``Sen.``), months (``Jan.``, ``Sept.``), country and
organisation abbreviations (``U.S.``, ``U.N.``) and single-letter initials. A sentence
never ends after those. Paragraph breaks (blank lines) always end a sentence.

Sentences are split once per corpus and kept with its token index
(:meth:`toolkit.index.TokenIndex.sentence_view`, or ``index_tokens(corpus,
unit="sentence")``); :func:`sentences` reads them from there. Punkt is pure Python, so a
large corpus is split in several processes.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

PARALLEL_MIN_CHARS = 20_000_000
"""Corpora with more characters than this are split in several processes."""

NEWS_ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr gov sen rep rev st mt ft
    pres amb hon jr sr co corp inc ltd dept univ vol vs etc approx est
    jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.u u.s.a u.s.s.r d.c a.m p.m e.g i.e
    ariz calif colo conn fla okla tenn""".split()
) | frozenset("abcdefghijklmnopqrstuvwxyz")
"""Abbreviations (lowercase, without the final dot) after which a sentence does not end.

State abbreviations that are also English words (*Ill.*, *Mass.*, *Wash.*...) are left
out on purpose: a sentence ending in *ill* or *mass* is far more common in news."""

_PARAGRAPH = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one text.

    Parameters
    ----------
    text : str
        The text.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` of each sentence, in order; ``text[start:end]`` is the sentence
        without surrounding white space.
    """
    tok = _punkt()
    spans = []
    pos = 0
    for para in _PARAGRAPH.split(text):
        start = text.find(para, pos)
        pos = start + len(para)
        if not para.strip():
            continue
        for s, e in tok.span_tokenize(para):
            spans.append((start + s, start + e))
    return spans


def _split_many(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sentence spans of a list of texts: (text number, start, end) arrays."""
    doc, st, en = [], [], []
    for i, text in enumerate(texts):
        for s, e in split_sentences(text):
            doc.append(i)
            st.append(s)
            en.append(e)
    return (np.asarray(doc, dtype=np.int64), np.asarray(st, dtype=np.int64),
            np.asarray(en, dtype=np.int64))


def sentence_spans(
    texts: pd.Series, *, progress: bool | None = None, batch: int = 2_000
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Character spans of the sentences of many texts.

    Parameters
    ----------
    texts : pandas.Series
        The texts (a corpus ``text`` column).
    progress : bool or None
        Show a progress bar; None shows it for more than 2,000 texts.
    batch : int, default 2,000
        Texts per batch (per task when several processes work).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray, numpy.ndarray)
        For every sentence, in reading order: the row number of its text, and its
        ``start`` and ``end`` character offsets (as :func:`split_sentences`).
    """
    values = texts.tolist()
    n = len(values)
    show = n > 2000 if progress is None else progress
    chunks = [values[a : a + batch] for a in range(0, n, batch)]
    workers = min(2, os.cpu_count() or 1)
    big = len(chunks) > 1 and workers > 1 and sum(map(len, values)) > PARALLEL_MIN_CHARS
    bar = tqdm(total=n, desc="sentences", unit="doc", disable=not show)
    parts = []
    if big:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for k, part in enumerate(pool.map(_split_many, chunks)):
                parts.append(part)
                bar.update(len(chunks[k]))
    else:
        for chunk in chunks:
            parts.append(_split_many(chunk))
            bar.update(len(chunk))
    bar.close()
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    doc = np.concatenate([p[0] + k * batch for k, p in enumerate(parts)])
    return doc, np.concatenate([p[1] for p in parts]), np.concatenate([p[2] for p in parts])


def sentences(corpus: pd.DataFrame, *, progress: bool | None = None) -> pd.DataFrame:
    """Split every article into sentences (one row per sentence).

    The split is done once per corpus and cached with its token index (see
    :meth:`toolkit.index.TokenIndex.sentence_view`).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    progress : bool or None
        Show a progress bar; ``None`` shows it for more than 2,000 articles.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``sentence`` (0-based number within the article), ``start``
        and ``end`` (character offsets into the article's text), ``text`` and every
        metadata column of the corpus (``source``, ``date``...), so the result is
        itself a corpus with one "document" per sentence (its ``doc_id`` is the
        article's; use ``doc_id`` + ``sentence`` as the key).

    Examples
    --------
    >>> import toolkit
    >>> table = toolkit.sentences(toolkit.load_demo())
    >>> list(table.columns[:4])
    ['doc_id', 'sentence', 'start', 'end']
    >>> bool((table.groupby("doc_id")["sentence"].min() == 0).all())
    True
    """
    from .index import index_tokens

    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(
            "sentences expects a corpus DataFrame (one row per article, with 'doc_id' and "
            f"'text' columns), got {type(corpus).__name__}; for one text use "
            "toolkit.sentences.split_sentences(text)"
        )
    view = index_tokens(corpus).sentence_view(progress=progress)
    out = view.meta.copy()
    texts = corpus["text"]
    doc = view.unit_doc
    values = texts.iloc[np.unique(doc)].tolist() if len(doc) else []
    lookup = dict(zip(np.unique(doc).tolist(), values, strict=True))
    starts, ends = out["start"].to_numpy(), out["end"].to_numpy()
    out["text"] = pd.Series(
        [lookup[d][s:e] for d, s, e in zip(doc.tolist(), starts.tolist(), ends.tolist(), strict=True)],
        dtype="str",
    )
    return out
