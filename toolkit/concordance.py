"""Concordance (keyword in context): every occurrence of a query with its surroundings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from . import safe_regex
from ._compat import renamed
from .counts import as_columns
from .display import ConcordanceFrame
from .index import index_tokens
from .kwic import lines_from_chars, lines_from_tokens, with_meta
from .patterns import excerpt, match_positions, parse_pattern


@renamed(query="pattern")
def concordance(
    corpus: pd.DataFrame,
    pattern: str,
    *,
    window: int = 8,
    by: str | Sequence[str] | None = None,
    n: int | None = None,
    sort: Literal["position", "left", "right", "date"] = "position",
    regex: bool = False,
    seed: int = 0,
    quotes: Literal["all", "only", "exclude", "mark"] = "all",
) -> ConcordanceFrame:
    """Find every occurrence of a query and show it in context (KWIC).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    pattern : str
        A word (``talks``), a wildcard (``negotiat*``), a phrase (``special military
        operation``; matches across punctuation and line breaks) or, with
        ``regex=True``, a Python regular expression searched in the raw text
        (case-insensitive, Unicode NFC like the text). Patterns follow
        :mod:`toolkit.patterns` (at most :data:`~toolkit.patterns.MAX_PATTERN_LENGTH`
        characters and :data:`~toolkit.patterns.MAX_WILDCARDS` wildcards).
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
        Treat ``pattern`` as a regular expression (slower: every text is scanned).
        A regular expression with nested or overlapping repetition, such as
        ``(a+)+$`` or ``(a|aa)+$``, can take exponential time on some texts
        (catastrophic backtracking). Each search of one text is therefore stopped after
        :data:`toolkit.safe_regex.REGEX_TIMEOUT` seconds (5 by default; assign
        ``toolkit.safe_regex.REGEX_TIMEOUT`` to change it) with a ``ValueError`` that
        names the document. Expressions longer than
        :data:`~toolkit.safe_regex.MAX_REGEX_LENGTH` characters, or whose counted
        repeats (``{m,n}``) multiplied out exceed
        :data:`~toolkit.safe_regex.MAX_REGEX_REPEAT`, are refused before any search
        (they can take minutes to compile).
    seed : int, default 0
        Random seed for sampling.
    quotes : {"all", "only", "exclude", "mark"}, default "all"
        Reported speech in quotation marks (the quoted parts of direct and mixed
        attributions, :func:`toolkit.attribution.quotes`): keep every line (``"all"``),
        only lines whose match is quoted speech (``"only"``), only the outlet's own words
        (``"exclude"``), or keep all and add columns ``in_quote`` and ``speaker``
        (``"mark"``; ``"only"`` adds ``speaker``). Filtering happens before sampling with ``n``.

    Returns
    -------
    ConcordanceFrame
        A DataFrame with ``doc_id``, metadata (``source``, ``date``, ``title`` when
        present), ``left``, ``match``, ``right`` (original text, whitespace kept) and
        ``start``/``end`` (character offsets of the match in the text). In a notebook it
        displays as aligned lines with the match highlighted (HTML-escaped).

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_demo()
    >>> lines = toolkit.concordance(corpus, "goodwill gesture", window=4)
    >>> for line in lines.itertuples():
    ...     print(f"{line.doc_id}: {line.left}[{line.match}]{line.right}")
    bor-e02: Moscow made a concrete [goodwill gesture] on the ground on
    rhc-e02: Moscow presented as a [goodwill gesture] looked more like an
    >>> sample = toolkit.concordance(corpus, "talks", by="source", n=2)   # 2 lines per outlet
    >>> sample["source"].value_counts().unique().tolist()
    [2]
    """
    query = pattern
    index = index_tokens(corpus)
    if regex:
        rx = safe_regex.compile_user_regex(query)
        timeout = safe_regex.REGEX_TIMEOUT
        docs, starts_c, ends_c = [], [], []
        for i, text in enumerate(corpus["text"].tolist()):
            try:
                found = safe_regex.find_spans(rx, text, timeout)
            except TimeoutError:
                raise ValueError(
                    f"the regular expression {excerpt(query)} took more than "
                    f"{timeout:g} s on document {excerpt(corpus['doc_id'].iloc[i])} "
                    f"(row {i}); simplify it (nested or overlapping repetition such as (a+)+ or "
                    "(a|aa)+ can take exponential time), or raise "
                    "toolkit.safe_regex.REGEX_TIMEOUT"
                ) from None
            for a, b in found:
                if b > a:
                    docs.append(i)
                    starts_c.append(a)
                    ends_c.append(b)
        hits = pd.DataFrame({"doc": docs, "cstart": starts_c, "cend": ends_c}, dtype=np.int64)
    else:
        parsed = parse_pattern(query)
        starts = match_positions(index, parsed)
        hits = pd.DataFrame({"doc": index.doc_of(starts), "tok": starts})
        length = len(parsed.elements)
    if quotes not in ("all", "only", "exclude", "mark"):
        raise ValueError(f"quotes must be 'all', 'only', 'exclude' or 'mark', got {quotes!r}")
    if quotes != "all" and len(hits):
        from .attribution import in_quoted_speech

        if regex:
            cs, ce = hits["cstart"].to_numpy(), hits["cend"].to_numpy()
        else:
            tok = hits["tok"].to_numpy(dtype=np.int64)
            cs, _ = index.token_offsets(tok)
            _, ce = index.token_offsets(tok + length - 1)
        quoted, who = in_quoted_speech(corpus, hits["doc"].to_numpy(), cs, ce)
        if quotes == "only":
            hits = hits[quoted].assign(speaker=who[quoted])
        elif quotes == "exclude":
            hits = hits[~quoted]
        else:
            hits = hits.assign(in_quote=quoted, speaker=who)
    elif quotes == "mark":
        hits = hits.assign(in_quote=np.zeros(len(hits), dtype=bool), speaker=np.array([], dtype=object))
    hits = _sample(hits, index.meta, by, n, seed)
    if regex:
        lines = lines_from_chars(index, hits["doc"].to_numpy(), hits["cstart"].to_numpy(),
                                 hits["cend"].to_numpy(), window=window)
    else:
        tok = hits["tok"].to_numpy(dtype=np.int64)
        lines = lines_from_tokens(index, tok, tok + length - 1, window=window)
    out = with_meta(index, lines.drop(columns="position"), extra=as_columns(by))
    if quotes == "mark":
        out["in_quote"] = hits["in_quote"].to_numpy(dtype=bool)
    if quotes in ("mark", "only") and "speaker" in hits.columns:
        out["speaker"] = hits["speaker"].to_numpy(dtype=object)
    out = _sort(out, sort)
    result = ConcordanceFrame(out.reset_index(drop=True))
    result.attrs["query"] = query
    result.attrs["total_hits"] = int(len(hits)) if n is None else None
    return result


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
