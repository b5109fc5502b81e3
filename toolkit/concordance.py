"""Concordance (keyword in context): every occurrence of a query with its surroundings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
import polars as pl

from .counts import as_columns
from .display import ConcordanceFrame
from .index import index_tokens
from .patterns import match_positions, parse_pattern
from .tokenize import TOKEN_PATTERN, normalise_apostrophes, token_spans


def concordance(
    corpus: pd.DataFrame,
    query: str,
    *,
    window: int = 8,
    by: str | Sequence[str] | None = None,
    n: int | None = None,
    sort: Literal["position", "left", "right", "date"] = "position",
    regex: bool = False,
    seed: int = 0,
) -> ConcordanceFrame:
    """Find every occurrence of a query and show it in context (KWIC).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    query : str
        A word (``talks``), a wildcard (``negotiat*``), a phrase (``special military
        operation``; matches across punctuation and line breaks) or, with
        ``regex=True``, a Python regular expression searched in the raw text
        (case-insensitive).
    window : int, default 8
        Words of context on each side.
    by : str or list of str, optional
        Grouping column(s) for an even sample (``n`` lines per group).
    n : int, optional
        Keep at most ``n`` lines (per group when ``by`` is given), chosen at random
        with ``seed``; all lines by default.
    sort : {"position", "left", "right", "date"}, default "position"
        Order of the lines: corpus order; alphabetical by the words just left of the
        match (read right to left) or just right of it; or by date.
    regex : bool, default False
        Treat ``query`` as a regular expression (slower: every text is scanned).
    seed : int, default 0
        Random seed for sampling.

    Returns
    -------
    ConcordanceFrame
        A DataFrame with ``doc_id``, metadata (``source``, ``date``, ``title`` when
        present), ``left``, ``match``, ``right`` (original text, whitespace kept) and
        ``start``/``end`` (character offsets of the match in the text). In a notebook it
        displays as aligned lines with the match highlighted (HTML-escaped).
    """
    index = index_tokens(corpus)
    if regex:
        rx = re.compile(query, re.IGNORECASE)
        docs, starts_c, ends_c = [], [], []
        for i, text in enumerate(corpus["text"].to_numpy(dtype=object)):
            for m in rx.finditer(text):
                if m.end() > m.start():
                    docs.append(i)
                    starts_c.append(m.start())
                    ends_c.append(m.end())
        hits = pd.DataFrame({"doc": docs, "cstart": starts_c, "cend": ends_c})
        hits["tok"] = -1
        length = None
    else:
        pattern = parse_pattern(query)
        starts = match_positions(index, pattern)
        doc = index.doc_of(starts)
        hits = pd.DataFrame({"doc": doc, "tok": starts - index.offsets[doc]})
        length = len(pattern.elements)
    hits = _sample(hits, index.meta, by, n, seed)
    wanted = np.unique(hits["doc"].to_numpy())
    texts = dict(zip(wanted.tolist(), corpus["text"].iloc[wanted].tolist(), strict=True))
    spans_of = _all_token_spans(texts, index) if length is not None and len(wanted) > 20 else {}
    rows = []
    doc_arr = hits["doc"].to_numpy()
    tok_arr = hits["tok"].to_numpy()
    cs_arr = hits["cstart"].to_numpy() if length is None else None
    ce_arr = hits["cend"].to_numpy() if length is None else None
    cuts = np.flatnonzero(np.diff(doc_arr)) + 1
    for seg in np.split(np.arange(len(doc_arr)), cuts) if len(doc_arr) else []:
        d = int(doc_arr[seg[0]])
        text = texts[d]
        spans = spans_of.get(d)
        if spans is None:
            # tokens are read only as far as the last context word needed
            upto = None if length is None else int(tok_arr[seg].max()) + length - 1 + window
            spans = token_spans(text, upto)
        n_spans = len(spans)
        for h in seg:
            if length is not None:
                t0 = int(tok_arr[h])
                t1 = t0 + length - 1
                cs, ce = int(spans[t0, 0]), int(spans[t1, 1])
            else:
                cs, ce = int(cs_arr[h]), int(ce_arr[h])
                t0 = int(np.searchsorted(spans[:, 1], cs, side="right")) if n_spans else 0
                t1 = int(np.searchsorted(spans[:, 0], ce, side="left")) - 1 if n_spans else -1
            lo = max(t0 - window, 0)
            hi = min(t1 + window, n_spans - 1)
            left_start = int(spans[lo, 0]) if n_spans and lo < t0 else cs
            right_end = int(spans[hi, 1]) if n_spans and hi > t1 else ce
            rows.append((d, cs, ce, text[left_start:cs], text[cs:ce], text[ce:right_end]))
    out = pd.DataFrame(rows, columns=["doc", "start", "end", "left", "match", "right"])
    meta_cols = [c for c in ("doc_id", "source", "date", "title") if c in index.meta.columns]
    meta_cols += [c for c in as_columns(by) if c not in meta_cols]
    meta = index.meta.iloc[out["doc"].to_numpy()][meta_cols].reset_index(drop=True)
    out = pd.concat([meta, out.drop(columns="doc").reset_index(drop=True)], axis=1)
    out = _sort(out, sort)
    for col in ("left", "match", "right"):
        out[col] = out[col].astype("str")
    result = ConcordanceFrame(out.reset_index(drop=True))
    result.attrs["query"] = query
    result.attrs["total_hits"] = int(len(hits)) if n is None else None
    return result


def _all_token_spans(texts: dict[int, str], index) -> dict[int, np.ndarray]:
    """Token character spans of many documents at once (vectorised, polars).

    The tokens come from one regular expression over every text, and the stretches
    between them from replacing the tokens by a marker and splitting on it; their
    running character counts give every token's offsets. Documents whose token count
    disagrees with the index, or that contain the marker, are left to the one-text path.
    """
    docs = list(texts)
    s = pl.Series("t", [normalise_apostrophes(texts[d]) for d in docs], dtype=pl.String)
    t = pl.col("t")
    lengths = (
        pl.LazyFrame({"t": s})
        .select(
            tok=t.str.extract_all(TOKEN_PATTERN).list.eval(pl.element().str.len_chars()),
            gap=t.str.replace_all(TOKEN_PATTERN, "\x00").str.split("\x00")
            .list.eval(pl.element().str.len_chars()),
            marker=t.str.contains("\x00", literal=True),
        )
        .collect(engine="streaming")  # on all cores
    )
    n_tok = lengths["tok"].list.len().fill_null(0).to_numpy().astype(np.int64)
    ok = (lengths["gap"].list.len().fill_null(0).to_numpy() == n_tok + 1) & ~lengths[
        "marker"
    ].fill_null(True).to_numpy()
    tok_len = lengths["tok"].explode().drop_nulls().to_numpy().astype(np.int64)
    gap_len = lengths["gap"].explode().fill_null(0).to_numpy().astype(np.int64)
    out: dict[int, np.ndarray] = {}
    if len(gap_len) != int((n_tok + 1).sum()) or len(tok_len) != int(n_tok.sum()):
        return out  # unexpected shapes: every document takes the one-text path
    # drop each document's last gap (after its last token): then gap k precedes token k
    keep = np.ones(len(gap_len), dtype=bool)
    keep[np.concatenate([[0], np.cumsum(n_tok + 1)[:-1]]) + n_tok] = False
    gap_len = gap_len[keep]
    steps = np.empty(2 * len(tok_len), dtype=np.int64)
    steps[0::2], steps[1::2] = gap_len, tok_len
    run = np.cumsum(steps)
    tok_first = np.concatenate([[0], np.cumsum(n_tok)[:-1]])
    base = np.concatenate([[0], run])[2 * tok_first]  # characters before each document
    tok_doc = np.repeat(np.arange(len(docs)), n_tok)
    end = run[1::2] - base[tok_doc]
    spans = np.empty((len(end), 2), dtype=np.int64)
    spans[:, 0], spans[:, 1] = end - tok_len, end
    agree = ok & (n_tok == np.diff(index.offsets)[np.asarray(docs)])
    for k in np.flatnonzero(agree).tolist():
        out[docs[k]] = spans[tok_first[k] : tok_first[k] + n_tok[k]]
    return out


def _sample(hits: pd.DataFrame, meta: pd.DataFrame, by, n: int | None, seed: int) -> pd.DataFrame:
    if n is None:
        return hits
    cols = as_columns(by)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(hits))
    shuffled = hits.iloc[order]
    if cols:
        keys = meta.iloc[shuffled["doc"].to_numpy()][cols].reset_index(drop=True)
        keep = keys.groupby(cols, dropna=False).cumcount().to_numpy() < n
        shuffled = shuffled[keep]
    else:
        shuffled = shuffled.head(n)
    return shuffled.sort_values(["doc", *([c for c in ("tok", "cstart") if c in shuffled])])


def _sort(out: pd.DataFrame, sort: str) -> pd.DataFrame:
    if sort == "position" or out.empty:
        return out
    if sort == "date" and "date" in out.columns:
        return out.sort_values(["date", "doc_id", "start"], kind="stable")
    if sort == "left":
        key = out["left"].map(lambda s: " ".join(reversed(s.lower().split())))
        return out.assign(_k=key).sort_values(["_k", "match"], kind="stable").drop(columns="_k")
    if sort == "right":
        key = out["right"].str.lower().str.strip()
        return out.assign(_k=key).sort_values(["_k", "match"], kind="stable").drop(columns="_k")
    raise ValueError(f"sort must be 'position', 'left', 'right' or 'date', got {sort!r}")
