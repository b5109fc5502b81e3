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
import string
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import regex
from tqdm.auto import tqdm

from .forked import may_fork
from .progress import show_progress

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
) | frozenset("abcdefghijklmnopqrstuvwxyz") | frozenset(
    """г гг т е д п н э им ул млн млрд тыс руб коп ст см др пр напр обл р-н корр акад проф
    т.е т.д т.п т.к т.н н.э
    р рр зв ім вул тис грн див ін обл""".split()
) | frozenset("абвгдеёжзийклмнопрстуфхцчшщэюяіїєґ")
"""Abbreviations (lowercase, without the final dot) after which a sentence does not end.

State abbreviations that are also English words (*Ill.*, *Mass.*, *Wash.*...) are left
out on purpose: a sentence ending in *ill* or *mass* is far more common in news.
Russian and Ukrainian news abbreviations (*г.*, *гг.*, *т. е.*, *т. д.*, *им.*, *ул.*,
*млн*, *млрд*, *тыс.*, *ст.*, *н. э.*; *р.*, *рр.*, *т. зв.*, *ім.*, *вул.*, *тис.*) and
single Cyrillic letters (initials: *В. Зеленский*) never end a sentence either; the
price is that a sentence ending in *… в 2022 г.* runs on into the next."""

_PARAGRAPH = re.compile(r"\n\s*\n")


# The common candidate context: a word of two or more letters, one sentence-end
# character, white space and a next token ("said. The"). Punkt always breaks there
# unless the word is an abbreviation: its first pass marks the period-final token a
# sentence break, its second pass only revisits abbreviations, ellipses, initials and
# numbers, and a next token follows. Deciding it here skips Punkt's per-candidate
# tokenising; every other context goes to Punkt (and is remembered).
_PLAIN_CONTEXT = re.compile(r"([^\W\d_]{2,})[.?!]\s+\S+")
_LETTERS = regex.compile(r"[^\W\d_]+")
_DOTTED = regex.compile(r"(?:[^\W\d_]+\.)+[^\W\d_]+")
_SENT_END = regex.compile(r"[.?!]")
_MEMO_SIZE = 200_000


def _punkt_parameters() -> object:
    from nltk.tokenize.punkt import PunktParameters

    params = PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS)
    return params


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    class NewsPunkt(PunktSentenceTokenizer):
        """Punkt with the same decisions, made faster for the common contexts."""

        def text_contains_sentbreak(self, text: str) -> bool:
            m = _PLAIN_CONTEXT.fullmatch(text)
            if m is not None and m.group(1).lower() not in NEWS_ABBREVIATIONS:
                return True
            hit = _memo.get(text)
            if hit is None:
                hit = super().text_contains_sentbreak(text)
                if len(_memo) < _MEMO_SIZE:
                    _memo[text] = hit
            return hit

    _memo: dict[str, bool] = {}
    return NewsPunkt(_punkt_parameters())


@lru_cache(maxsize=1)
def reference_punkt() -> PunktSentenceTokenizer:
    """NLTK's Punkt with the same parameters and no shortcut (to check :func:`_punkt`).

    Returns
    -------
    nltk.tokenize.punkt.PunktSentenceTokenizer
        The reference tokenizer.
    """
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer(_punkt_parameters())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one text.

    The decisions are exactly those of NLTK's Punkt ``span_tokenize`` with the news
    abbreviations (a test compares the two on real corpora); the loop around them is
    :func:`_punkt_spans`, a leaner copy of Punkt's candidate search and boundary
    realignment.

    Parameters
    ----------
    text : str
        The text.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` of each sentence, in order; ``text[start:end]`` is the sentence
        without surrounding white space.

    Examples
    --------
    >>> from toolkit.sentences import split_sentences
    >>> text = "Gen. Smith said talks resumed. Troops withdrew."
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['Gen. Smith said talks resumed.', 'Troops withdrew.']
    """
    tok = _punkt()
    spans = []
    pos = 0
    for para in _PARAGRAPH.split(text):
        start = text.find(para, pos)
        pos = start + len(para)
        if not para.strip():
            continue
        for s, e in _punkt_spans(tok, para):
            spans.append((start + s, start + e))
    return spans


_WHITESPACE = tuple(string.whitespace)


@lru_cache(maxsize=1)
def _regexes() -> tuple[regex.Pattern, regex.Pattern]:
    """Punkt's period-context and boundary-realignment expressions, compiled once."""
    lv = _punkt()._lang_vars
    period = lv.period_context_re()
    realign = lv.re_boundary_realignment
    return (
        regex.compile(period.pattern, period.flags),
        regex.compile(realign.pattern, realign.flags),
    )


def _punkt_spans(tok: PunktSentenceTokenizer, text: str) -> list[tuple[int, int]]:
    """Punkt's ``span_tokenize(text)`` (with realignment), step for step.

    Ports ``_match_potential_end_contexts``, ``_slices_from_text`` and
    ``_realign_boundaries`` of ``nltk.tokenize.punkt`` (NLTK 3.9) without the per-call
    wrappers; each candidate is still decided by Punkt's ``text_contains_sentbreak``.
    """
    period_re, realign_re = _regexes()
    contains = tok.text_contains_sentbreak
    letters_re = _LETTERS
    dotted_re = _DOTTED
    sent_end_re = _SENT_END
    abbreviations = NEWS_ABBREVIATIONS
    slices = []
    last_break = 0

    def decide(m: regex.Match, a: int, b: int) -> None:
        # Punkt's text_contains_sentbreak on "word + candidate + what follows", with the
        # plain case ("said. The") decided here (see _PLAIN_CONTEXT)
        nonlocal last_break
        nxt = m.start("next_tok")
        brk = None
        if m.end() - m.start() == 1 and b - a <= 40 and letters_re.fullmatch(text, a, b):
            word = text[a:b].lower()
            if word not in abbreviations:
                # "said. The", "said.”", "talks?”": Punkt marks "said." (or "?") a
                # break and a token follows
                if b - a >= 2:
                    brk = True
            elif text[m.start()] == "." and nxt >= 0 and not sent_end_re.search(text, nxt, m.end("next_tok")):
                # "Gen. Smith": an abbreviation never breaks (no orthographic data), and
                # a next token without . ? ! cannot hold a break of its own
                brk = False
        elif (text[m.start()] == "." and nxt >= 0 and b - a <= 40
              and dotted_re.fullmatch(text, a, b) and text[a:b].lower() in abbreviations
              and not sent_end_re.search(text, nxt, m.end("next_tok"))):
            brk = False  # "U.S. officials": the same for dotted abbreviations
        if brk is None:
            brk = contains(text[a:b] + m.group() + m.group("after_tok"))
        if brk:
            slices.append((last_break, m.end()))
            last_break = nxt if nxt >= 0 else m.end()

    # candidates: the word before each one is read back to the last white space; a
    # candidate whose word overlaps the previous one's replaces it
    prev_start = prev_stop = 0
    prev_match = None
    spaces = [c for c in _WHITESPACE if c in text]  # usually just " " and "\n"
    for m in period_re.finditer(text):
        ms = m.start()
        # Punkt: the last white space in text[prev_stop:ms], where "none" and "at 0" agree
        last = max([text.rfind(c, prev_stop, ms) for c in spaces], default=-1) - prev_stop
        word_start = last + prev_stop + 1 if last > 0 else prev_start
        if prev_match is not None and prev_stop <= word_start:
            decide(prev_match, prev_start, prev_stop)
        prev_match, prev_start, prev_stop = m, word_start, ms
    if prev_match is not None:
        decide(prev_match, prev_start, prev_stop)
    slices.append((last_break, len(text.rstrip())))
    # closing quotes and brackets after a sentence end belong to that sentence
    out = []
    realign = 0
    for k, (a, b) in enumerate(slices):
        a += realign
        if k + 1 == len(slices):
            if text[a:b]:
                out.append((a, b))
            continue
        nxt_a, nxt_b = slices[k + 1]
        m = realign_re.match(text[nxt_a:nxt_b])
        if m:
            out.append((a, nxt_a + len(m.group(0).rstrip())))
            realign = m.end()
        else:
            realign = 0
            if text[a:b]:
                out.append((a, b))
    return out


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
    show = show_progress(progress, n > 2000)
    chunks = [values[a : a + batch] for a in range(0, n, batch)]
    workers = min(2, os.cpu_count() or 1)
    big = len(chunks) > 1 and workers > 1 and sum(map(len, values)) > PARALLEL_MIN_CHARS and may_fork()
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
    doc_index = index_tokens(corpus)
    view = doc_index.sentence_view(progress=progress)
    out = view.meta.copy()
    for col in doc_index.meta.columns:
        if col not in out.columns:
            out[col] = doc_index.meta[col].take(view.unit_doc).reset_index(drop=True)
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
