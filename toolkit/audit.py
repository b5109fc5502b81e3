"""Lexicon audit: what every pattern of a lexicon actually matches in a corpus.

A wildcard is a promise about a vocabulary the lexicon's author has not seen in full:
``invest*`` was written for *investigation* and also finds *investor*, *investment* and
*invested*; a phrase may match nothing at all. :func:`lexicon_audit` lists, for every
pattern (and exclusion phrase) of a lexicon, every form it matches in the corpus (a
type for a word or wildcard, a sequence of types for a phrase) with its number of
matches, documents and one keyword-in-context example, the most frequent form first,
so that forms nobody meant stand out; a pattern that matches nothing gets one row with
``count`` 0. The counts are the pattern's **raw** matches (matching as in
:mod:`toolkit.patterns`, on the lowercased token index); ``counted`` and ``excluded``
say how many of them count for the frame after exclusions and overlaps
(:mod:`toolkit.matching`), as :func:`toolkit.frames.frame_scores` counts them.

Quotations
----------
A frame word inside a quotation is the source's wording, not the outlet's. For every
match the audit says whether it lies inside quotation marks (``in_quotes``), and
:func:`quote_shares` gives the share of each frame's counted matches that do. The
quotation spans come from a simple scan of each document's raw text: a span runs from
an opening curly quote ``“`` to the next closing ``”``, or from a straight ``"`` to the
next straight ``"`` (so straight quotes pair in order: first with second, third with
fourth). A match is quoted when its first and last character lie inside one span.
Limits: single quotes (``‘...’``, ``'...'``; British style) are not read, since they are
also apostrophes; a quote left open (a quotation running over several paragraphs that
reopens each paragraph, the usual news style, or a typo) shifts the pairing of straight
quotes for the rest of the document and is not closed for curly ones; guillemets
``« »`` (with any ``„ “`` inside them) and low-high quotes ``„ “`` (Russian, Ukrainian,
German) are read the same way, other languages' marks are not; reported speech without quotation marks is not
found. Read the share as an indication, and check lines with
:func:`toolkit.frames.frame_matches`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .counts import as_columns
from .index import TokenIndex, index_tokens
from .kwic import lines_from_tokens
from .lexicon import Lexicon, _kind, load_lexicon
from .matching import frame_hits
from .patterns import match_many
from .schema import CorpusError

__all__ = ["lexicon_audit", "quote_shares", "quote_spans"]

_QUOTES = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")

AUDIT_COLUMNS: tuple[str, ...] = (
    "frame", "pattern", "kind", "form", "count", "docs", "share", "counted", "excluded",
    "in_quotes", "example", "example_doc",
)
"""Columns of :func:`lexicon_audit` output."""


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations of one text (see the module docstring).

    Parameters
    ----------
    text : str
        One text.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` of each quotation, quotation marks included (``end``
        exclusive), in order.

    Examples
    --------
    >>> from toolkit.audit import quote_spans
    >>> quote_spans('He said "we will regroup" and “no retreat”.')
    [(8, 25), (30, 42)]
    """
    if not isinstance(text, str):
        return []
    return [m.span() for m in _QUOTES.finditer(text)]


def _in_quotes(index: TokenIndex, doc: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Whether each token span (global positions) lies inside one quotation span."""
    out = np.zeros(len(doc), dtype=bool)
    if not len(doc):
        return out
    cs, _ = index.token_offsets(first)
    _, ce = index.token_offsets(last)
    order = np.argsort(doc, kind="stable")
    bounds = np.flatnonzero(np.diff(doc[order])) + 1
    for chunk in np.split(order, bounds):
        spans = quote_spans(index.texts.iloc[int(doc[chunk[0]])])
        if not spans:
            continue
        starts = np.array([s for s, _ in spans])
        ends = np.array([e for _, e in spans])
        j = np.searchsorted(starts, cs[chunk], side="right") - 1  # last quote opening before
        ok = j >= 0
        inside = np.zeros(len(chunk), dtype=bool)
        inside[ok] = ce[chunk][ok] <= ends[j[ok]]
        out[chunk] = inside
    return out


def _all_matches(index: TokenIndex, lex: Lexicon) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """Every raw match of every pattern and exclusion: one row per match."""
    hits = frame_hits(index, lex)
    keys: list[tuple[str, str, str]] = []  # (frame, pattern, kind) in lexicon order
    parts = []
    excl = [(f.name, p) for f in lex for p in f.exclude]
    # exclusions of a lemma lexicon are lemmas too: match them on the lemma view (same positions)
    mindex = index.lemma_view() if lex.match == "lemma" else index
    excl_starts = match_many(mindex, [p for f in lex for p in f.parsed_exclude]) if excl else []
    k_excl = 0
    for f in lex:
        h = hits[f.name]
        base = len(keys)
        keys += [(f.name, p, _kind(p)) for p in f.patterns]
        parts.append(pd.DataFrame({
            "key": base + h.pattern, "first": h.start, "last": h.end,
            "counted": h.counted, "excluded": h.excluded,
        }))
        for p, parsed in zip(f.exclude, f.parsed_exclude, strict=True):
            s = excl_starts[k_excl]
            k_excl += 1
            parts.append(pd.DataFrame({
                "key": len(keys), "first": s, "last": s + len(parsed.elements) - 1,
                "counted": False, "excluded": False,
            }))
            keys.append((f.name, p, "exclude"))
    df = pd.concat(parts, ignore_index=True)
    for c in ("key", "first", "last"):
        df[c] = df[c].astype(np.int64)
    df["doc"] = index.doc_of(df["first"].to_numpy())
    return df, keys


def _forms(index: TokenIndex, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """The matched types, joined by spaces (phrases), for every match."""
    out = np.empty(len(first), dtype=object)
    length = last - first + 1
    for n in np.unique(length):
        sel = np.flatnonzero(length == n)
        ids = index.ids[first[sel][:, None] + np.arange(n)]
        uniq, inv = np.unique(ids, axis=0, return_inverse=True)
        words = [" ".join(index.vocab[row].tolist()) for row in uniq]
        out[sel] = np.asarray(words, dtype=object)[np.asarray(inv).ravel()]
    return out


def lexicon_audit(
    corpus: pd.DataFrame,
    lexicon: Lexicon | str,
    *,
    frames: str | Sequence[str] | None = None,
    window: int = 8,
) -> pd.DataFrame:
    """Every form each pattern of a lexicon matches, with counts and an example line.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    lexicon : Lexicon or str
        A lexicon, or a bundled lexicon name / YAML path.
    frames : str or sequence of str, optional
        Only these frames (names, or one group name).
    window : int, default 8
        Words of context on each side of the example line.

    Returns
    -------
    pandas.DataFrame
        One row per pattern and matched form, frames and patterns in lexicon order
        (exclusion phrases after a frame's patterns), forms by ``count`` descending:
        ``frame``, ``pattern``, ``kind`` (``"word"``, ``"wildcard"``, ``"phrase"``,
        ``"exclude"``), ``form`` (the lowercased type, or types of a phrase, matched;
        ``""`` when the pattern matches nothing), ``count`` (raw matches of the
        pattern with that form; 0 for a pattern that matches nothing), ``docs``
        (documents), ``share`` (of the pattern's matches), ``counted`` (of them,
        counted for the frame: not excluded, not overlapping an earlier match of the
        frame), ``excluded`` (inside an exclusion phrase), ``in_quotes`` (inside
        quotation marks, see the module docstring), ``example`` (the first match in
        corpus order as a KWIC line, the match in square brackets) and
        ``example_doc`` (its ``doc_id``).

    Examples
    --------
    >>> import toolkit
    >>> from toolkit.audit import lexicon_audit
    >>> audit = lexicon_audit(toolkit.load_demo(), "war_framing", frames="euphemised_setback")
    >>> audit.columns.tolist()[:6]
    ['frame', 'pattern', 'kind', 'form', 'count', 'docs']
    >>> row = audit[audit["pattern"] == "regroup*"].iloc[0]
    >>> row["form"], int(row["count"]) > 0
    ('regrouping', True)
    """
    lex = load_lexicon(lexicon)
    if frames is not None:
        lex = lex.select(frames)
    index = index_tokens(corpus)
    df, keys = _all_matches(index, lex)
    first, last = df["first"].to_numpy(), df["last"].to_numpy()
    df["form"] = _forms(index, first, last)
    df["in_quotes"] = _in_quotes(index, df["doc"].to_numpy(), first, last)
    df = df.sort_values(["key", "first"], kind="stable")
    grouped = df.groupby(["key", "form"], sort=False).agg(
        count=("first", "size"), docs=("doc", "nunique"), counted=("counted", "sum"),
        excluded=("excluded", "sum"), in_quotes=("in_quotes", "sum"),
        ex_first=("first", "first"), ex_last=("last", "first"),
    ).reset_index()
    lines = lines_from_tokens(index, grouped["ex_first"].to_numpy(), grouped["ex_last"].to_numpy(),
                              window=window)
    clean = lambda s: s.str.replace(r"\s+", " ", regex=True)  # noqa: E731
    grouped["example"] = (
        clean(lines["left"]).str.lstrip() + "[" + clean(lines["match"]) + "]" + clean(lines["right"]).str.rstrip()
    ).to_numpy()
    grouped["example_doc"] = index.doc_ids[lines["doc"].to_numpy()] if len(lines) else []
    empty = sorted(set(range(len(keys))) - set(grouped["key"]))
    zero = pd.DataFrame({"key": empty, "form": "", "count": 0, "docs": 0, "counted": 0,
                         "excluded": 0, "in_quotes": 0, "example": "", "example_doc": ""})
    parts = [grouped.drop(columns=["ex_first", "ex_last"]), zero]
    out = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    out["key"] = out["key"].astype(np.int64)
    out = out.sort_values(["key", "count", "form"], ascending=[True, False, True], kind="stable")
    total = out.groupby("key")["count"].transform("sum").to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(total > 0, out["count"].to_numpy() / np.where(total > 0, total, 1), np.nan)
    key = out["key"].to_numpy()
    out["frame"] = [keys[k][0] for k in key]
    out["pattern"] = [keys[k][1] for k in key]
    out["kind"] = [keys[k][2] for k in key]
    out = out[list(AUDIT_COLUMNS)].reset_index(drop=True)
    for c in ("count", "docs", "counted", "excluded", "in_quotes"):
        out[c] = out[c].astype(np.int64)
    for c in ("frame", "pattern", "kind", "form", "example", "example_doc"):
        out[c] = out[c].astype(str)
    out.attrs.update(lexicon=lex.name, window=window)
    return out


def quote_shares(
    corpus: pd.DataFrame,
    lexicon: Lexicon | str,
    *,
    frames: str | Sequence[str] | None = None,
    by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Share of each frame's counted matches that lie inside quotation marks.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    lexicon : Lexicon or str
        A lexicon, or a bundled lexicon name / YAML path.
    frames : str or sequence of str, optional
        Only these frames.
    by : str or list of str, optional
        Grouping column(s) of the corpus (e.g. ``"source"``); None: the whole corpus.

    Returns
    -------
    pandas.DataFrame
        One row per frame (and group): ``frame``, the ``by`` columns, ``matches``
        (counted matches, as in :func:`toolkit.frames.frame_scores`), ``in_quotes``
        (those inside a quotation, see the module docstring) and ``share``
        (``in_quotes / matches``, NaN without matches).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.audit import quote_shares
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": [
    ...     'Troops will regroup, he said. "We regroup and advance," the spokesman said.']})
    >>> lex = {"name": "t", "frames": {"setback": {"patterns": ["regroup*"]}}}
    >>> quote_shares(corpus, lex)[["frame", "matches", "in_quotes", "share"]].values.tolist()
    [['setback', 2, 1, 0.5]]
    """
    lex = load_lexicon(lexicon)
    if frames is not None:
        lex = lex.select(frames)
    index = index_tokens(corpus)
    cols = as_columns(by)
    missing = [c for c in cols if c not in index.meta.columns]
    if missing:
        raise CorpusError(f"quote_shares: by column(s) {missing} not in the corpus")
    df, keys = _all_matches(index, lex)
    df = df[df["counted"].to_numpy()]
    df["in_quotes"] = _in_quotes(index, df["doc"].to_numpy(), df["first"].to_numpy(), df["last"].to_numpy())
    df["frame"] = pd.Categorical([keys[k][0] for k in df["key"]], categories=lex.frame_names)
    for c in cols:
        df[c] = index.meta[c].to_numpy()[df["doc"].to_numpy()]
    out = (
        df.groupby(["frame", *cols], observed=bool(cols), sort=True, dropna=True)
        .agg(matches=("in_quotes", "size"), in_quotes=("in_quotes", "sum"))
        .reset_index()
    )
    if cols:  # keep groups without matches of a frame only when they exist in the corpus
        groups = index.meta[cols].drop_duplicates().dropna()
        full = pd.DataFrame({"frame": pd.Categorical(lex.frame_names, categories=lex.frame_names)})
        full = full.merge(groups, how="cross")
        out = full.merge(out, on=["frame", *cols], how="left").fillna({"matches": 0, "in_quotes": 0})
    out["matches"] = out["matches"].astype(np.int64)
    out["in_quotes"] = out["in_quotes"].astype(np.int64)
    m = out["matches"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(m > 0, out["in_quotes"].to_numpy() / np.where(m > 0, m, 1), np.nan)
    out["frame"] = out["frame"].astype(str)
    return out.reset_index(drop=True)
