"""Keyword in context: turn (document, start, end) spans into KWIC lines.

One builder for every feature that shows matches in their context: concordances, frame
matches, and later quotations and tone. A span is a document (row of the corpus) and
either token positions or character offsets; a line is the ``window`` words before the
span (``left``), the span itself (``match``) and the ``window`` words after it
(``right``), cut from the original text with its spacing and punctuation, plus the
character offsets ``start``/``end`` of the match.

The character offsets of every token come from the token index
(:meth:`toolkit.index.TokenIndex.token_offsets`, computed once per document), so cutting
lines never tokenises an article again: each line is three string slices.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .display import ConcordanceFrame
from .index import TokenIndex, index_tokens
from .schema import CorpusError

LINE_COLUMNS: tuple[str, ...] = ("left", "match", "right", "start", "end", "position")
"""Columns every KWIC builder returns (``position``: first token of the match in its
document)."""

META: tuple[str, ...] = ("doc_id", "source", "date", "title")
"""Corpus columns put before the lines by :func:`kwic_lines`, when present."""


def lines_from_tokens(
    index: TokenIndex, first: np.ndarray, last: np.ndarray, *, window: int = 8
) -> pd.DataFrame:
    """KWIC lines for token spans (the vectorised core).

    Parameters
    ----------
    index : TokenIndex
        A word index in document units (or its sentence view: positions are shared).
    first, last : numpy.ndarray
        Global token positions (into ``index.ids``) of the first and last token of
        each span; both in the same document.
    window : int, default 8
        Words of context on each side (never crossing into another document).

    Returns
    -------
    pandas.DataFrame
        One row per span, in the order given: ``doc`` (row of the corpus),
        ``left``, ``match``, ``right``, ``start``/``end`` (character offsets of the
        match) and ``position`` (token number of the match in its document).
    """
    window = _check_window(window)
    doc_index = index.document_index or index
    first = np.asarray(first, dtype=np.int64)
    last = np.asarray(last, dtype=np.int64)
    doc = doc_index.doc_of(first)
    lo_doc, hi_doc = doc_index.offsets[doc], doc_index.offsets[doc + 1] - 1
    lo = np.maximum(first - window, lo_doc)
    hi = np.minimum(last + window, hi_doc)
    s, e = doc_index.token_offsets(np.concatenate([first, last, lo, hi]))
    n = len(first)
    cs, ce = s[:n].astype(np.int64), e[n : 2 * n].astype(np.int64)
    left_start = np.where(lo < first, s[2 * n : 3 * n], cs)
    right_end = np.where(hi > last, e[3 * n :], ce)
    return _cut(doc_index, doc, cs, ce, left_start, right_end, first - lo_doc)


def lines_from_chars(
    index: TokenIndex, doc: np.ndarray, start: np.ndarray, end: np.ndarray, *, window: int = 8
) -> pd.DataFrame:
    """KWIC lines for character spans (e.g. regular-expression matches or quotations).

    The context is counted in tokens, as for :func:`lines_from_tokens`: the ``window``
    tokens that end before ``start`` and those that start after ``end``.

    Parameters
    ----------
    index : TokenIndex
        A word index in document units.
    doc : numpy.ndarray
        Row number of each span's document.
    start, end : numpy.ndarray
        Character offsets of each span in its document's text (``end`` exclusive).
    window : int, default 8
        Words of context on each side.

    Returns
    -------
    pandas.DataFrame
        As :func:`lines_from_tokens`; ``position`` is the first token that ends after
        ``start`` (-1 when the document has no tokens).
    """
    window = _check_window(window)
    doc_index = index.document_index or index
    doc = np.asarray(doc, dtype=np.int64)
    cs = np.asarray(start, dtype=np.int64)
    ce = np.asarray(end, dtype=np.int64)
    left_start = cs.copy()
    right_end = ce.copy()
    position = np.full(len(doc), -1, dtype=np.int64)
    for k in range(len(doc)):
        a, b = doc_index.offsets[doc[k]], doc_index.offsets[doc[k] + 1]
        if a == b:
            continue
        d_start, d_end = doc_index.doc_offsets(int(doc[k]))
        before = int(np.searchsorted(d_end, cs[k], side="right"))  # tokens ending by start
        after = int(np.searchsorted(d_start, ce[k], side="left"))  # first token from end on
        position[k] = before
        if before > 0:
            left_start[k] = min(cs[k], int(d_start[max(before - window, 0)]))
        if after < b - a:
            right_end[k] = max(ce[k], int(d_end[min(after + window, b - a) - 1]))
    return _cut(doc_index, doc, cs, ce, left_start, right_end, position)


def _cut(
    index: TokenIndex,
    doc: np.ndarray,
    cs: np.ndarray,
    ce: np.ndarray,
    left_start: np.ndarray,
    right_end: np.ndarray,
    position: np.ndarray,
) -> pd.DataFrame:
    """Slice the three strings of every line from the texts (only the documents needed)."""
    wanted = np.unique(doc)
    texts = dict(zip(wanted.tolist(), index.texts.iloc[wanted].tolist(), strict=True))
    rows = zip(doc.tolist(), left_start.tolist(), cs.tolist(), ce.tolist(), right_end.tolist(),
               strict=True)
    left, match, right = [], [], []
    for d, a, b, c, e in rows:
        t = texts[d]
        left.append(t[a:b])
        match.append(t[b:c])
        right.append(t[c:e])
    return pd.DataFrame(
        {
            "doc": doc,
            "left": pd.Series(left, dtype="str"),
            "match": pd.Series(match, dtype="str"),
            "right": pd.Series(right, dtype="str"),
            "start": cs,
            "end": ce,
            "position": np.asarray(position, dtype=np.int64),
        }
    )


def _check_window(window: int) -> int:
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise ValueError(f"window must be a whole number of words >= 0, got {window!r}")
    return int(window)


def with_meta(index: TokenIndex, lines: pd.DataFrame, extra: list[str] | tuple = ()) -> pd.DataFrame:
    """Put the documents' metadata (``doc_id``, ``source``, ``date``, ``title``) before lines.

    Parameters
    ----------
    index : TokenIndex
        The document index the lines were cut from.
    lines : pandas.DataFrame
        Output of :func:`lines_from_tokens` or :func:`lines_from_chars` (with ``doc``).
    extra : sequence of str
        More metadata columns to add.

    Returns
    -------
    pandas.DataFrame
        The metadata columns, then the line columns (``doc`` dropped).
    """
    doc_index = index.document_index or index
    cols = [c for c in META if c in doc_index.meta.columns]
    cols += [c for c in extra if c not in cols]
    meta = doc_index.meta.iloc[lines["doc"].to_numpy()][cols].reset_index(drop=True)
    return pd.concat([meta, lines.drop(columns="doc").reset_index(drop=True)], axis=1)


def kwic_lines(
    corpus: pd.DataFrame, spans: pd.DataFrame, *, window: int = 8
) -> ConcordanceFrame:
    """KWIC lines for any character spans of a corpus (the public builder).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    spans : pandas.DataFrame
        One row per span with ``doc_id`` and ``start``/``end`` character offsets into
        that article's ``text`` (``end`` exclusive). Other columns are kept.
    window : int, default 8
        Words of context on each side.

    Returns
    -------
    ConcordanceFrame
        The span columns, then ``left``, ``match``, ``right`` and ``position``; shows
        itself as aligned KWIC lines in a notebook.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.kwic import kwic_lines
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Troops were pulled back from the city."]})
    >>> spans = pd.DataFrame({"doc_id": ["a"], "start": [12], "end": [23]})
    >>> line = kwic_lines(corpus, spans, window=2).iloc[0]
    >>> (line["left"], line["match"], line["right"])
    ('Troops were ', 'pulled back', ' from the')
    """
    missing = [c for c in ("doc_id", "start", "end") if c not in spans.columns]
    if missing:
        raise CorpusError(
            f"kwic_lines needs spans with columns doc_id, start and end; missing {missing}"
        )
    index = index_tokens(corpus)
    pos = pd.Index(index.meta["doc_id"]).get_indexer(spans["doc_id"])
    if (pos < 0).any():
        bad = spans["doc_id"].to_numpy()[pos < 0][:5].tolist()
        raise CorpusError(f"kwic_lines: doc_id {bad} not in the corpus")
    lines = lines_from_chars(index, pos, spans["start"].to_numpy(), spans["end"].to_numpy(),
                             window=window)
    out = pd.concat(
        [spans.reset_index(drop=True),
         lines[["left", "match", "right", "position"]].reset_index(drop=True)],
        axis=1,
    )
    return ConcordanceFrame(out)
