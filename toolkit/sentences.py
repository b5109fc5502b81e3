"""Sentence segmentation for news text, with no downloads.

NLTK's :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer` is used directly (no
``punkt_tab`` data needed) with abbreviation parameters that newsframes provides:
titles (``Mr.``, ``Gen.``, ``Sen.``), months (``Jan.``, ``Sept.``), country and
organisation abbreviations (``U.S.``, ``U.N.``) and single-letter initials. A sentence
never ends after those. Paragraph breaks (blank lines) always end a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from tqdm.auto import tqdm

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


def sentences(corpus: pd.DataFrame, *, progress: bool | None = None) -> pd.DataFrame:
    """Split every article into sentences (one row per sentence).

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
    """
    texts = corpus["text"].to_numpy(dtype=object)
    show = len(texts) > 2000 if progress is None else progress
    rows_doc, rows_s, rows_e, rows_t = [], [], [], []
    for i, text in enumerate(tqdm(texts, desc="sentences", unit="doc", disable=not show)):
        for s, e in split_sentences(text):
            rows_doc.append(i)
            rows_s.append(s)
            rows_e.append(e)
            rows_t.append(text[s:e])
    doc = np.asarray(rows_doc, dtype=np.int64)
    meta = corpus.drop(columns=[c for c in ("text", "text_raw") if c in corpus.columns])
    out = meta.iloc[doc].reset_index(drop=True)
    counts = np.bincount(doc, minlength=len(texts)) if len(doc) else np.zeros(len(texts), int)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    out.insert(1, "sentence", np.arange(len(doc)) - first[doc] if len(doc) else [])
    out.insert(2, "start", np.asarray(rows_s, dtype=np.int64))
    out.insert(3, "end", np.asarray(rows_e, dtype=np.int64))
    out["text"] = pd.Series(rows_t, dtype="str")
    return out
