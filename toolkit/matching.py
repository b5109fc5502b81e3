"""Matching a frame lexicon: where each frame is mentioned, after exclusions and overlaps.

How a frame is counted
----------------------
1. Every pattern of the lexicon is matched once over the whole token index (the same
   semantics as :func:`toolkit.patterns.match_positions`: phrases match across
   punctuation and line breaks, never across units).
2. A match that lies entirely inside a match of one of the frame's ``exclude`` phrases
   is dropped (``retreat`` inside ``no retreat from``).
3. Overlapping matches of the same frame count once (``humiliating retreat`` and
   ``retreat`` matched at the same place are one mention; ``talks, talks`` is two).

Everything is vectorised over the token array.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .index import TokenIndex
from .lexicon import Frame, Lexicon
from .patterns import Pattern, match_many


@dataclass
class FrameHits:
    """The matches of one frame: one entry per pattern match, sorted by start.

    Attributes
    ----------
    start, end : numpy.ndarray
        First and last token (global positions; ``end`` inclusive).
    pattern : numpy.ndarray
        Index of the matching pattern in ``frame.patterns``.
    excluded : numpy.ndarray
        Whether the match lies inside a match of one of the frame's exclusions.
    counted : numpy.ndarray
        Whether the match is the first of a counted mention (not excluded, not
        overlapping an earlier counted match).
    """

    start: np.ndarray  # first token (global position)
    end: np.ndarray  # last token (inclusive)
    pattern: np.ndarray  # index into frame.patterns
    excluded: np.ndarray  # inside an exclusion match
    counted: np.ndarray  # first match of a counted mention (non-excluded, non-overlapping)


def _frame_hits(
    frame: Frame, pattern_starts: list[np.ndarray], exclude_starts: list[np.ndarray]
) -> FrameHits:
    lengths = [len(p.elements) for p in frame.parsed_patterns]
    start = np.concatenate([np.zeros(0, np.int64), *pattern_starts])
    end = np.concatenate(
        [np.zeros(0, np.int64)] + [s + (n - 1) for s, n in zip(pattern_starts, lengths, strict=True)]
    )
    pat = np.concatenate(
        [np.zeros(0, np.int64)]
        + [np.full(len(s), i, dtype=np.int64) for i, s in enumerate(pattern_starts)]
    )
    order = np.lexsort((-end, start))  # by start, the longest match first
    start, end, pat = start[order], end[order], pat[order]
    excluded = np.zeros(len(start), dtype=bool)
    for xp, xs in zip(frame.parsed_exclude, exclude_starts, strict=True):
        if not len(xs) or not len(start):
            continue
        span = len(xp.elements) - 1
        # all matches of one exclusion have the same length, so the latest exclusion
        # starting at or before a match is the one reaching furthest right
        j = np.searchsorted(xs, start, side="right") - 1
        ok = j >= 0
        inside = np.zeros(len(start), dtype=bool)
        inside[ok] = xs[j[ok]] + span >= end[ok]
        excluded |= inside
    counted = np.zeros(len(start), dtype=bool)
    keep = np.flatnonzero(~excluded)
    if len(keep):
        s, e = start[keep], end[keep]
        reach = np.maximum.accumulate(e)
        new = np.ones(len(keep), dtype=bool)
        new[1:] = s[1:] > reach[:-1]
        counted[keep[new]] = True
    return FrameHits(start, end, pat, excluded, counted)


def frame_hits(index: TokenIndex, lexicon: Lexicon) -> dict[str, FrameHits]:
    """Match every frame of a lexicon once over an index (document or sentence units).

    Parameters
    ----------
    index : TokenIndex
        A word index; phrases never match across its unit boundaries.
    lexicon : Lexicon
        The frames. A lexicon with ``match: lemma`` is matched on the index's lemma view
        (:meth:`toolkit.index.TokenIndex.lemma_view`); positions are the same.

    Returns
    -------
    dict
        Frame name -> :class:`FrameHits`.
    """
    if lexicon.match == "lemma":  # lemma patterns match the lemma view (same positions)
        index = index.lemma_view()
    pats: list[Pattern] = []
    slices = {}
    for f in lexicon:
        a = len(pats)
        pats.extend(f.parsed_patterns)
        b = len(pats)
        pats.extend(f.parsed_exclude)
        slices[f.name] = (a, b, len(pats))
    starts = match_many(index, pats)
    return {
        f.name: _frame_hits(f, starts[a:b], starts[b:c])
        for f, (a, b, c) in zip(lexicon, slices.values(), strict=True)
    }


class LanguageMismatchWarning(UserWarning):
    """A lexicon was applied to articles in another language than its own."""


def check_language(index: TokenIndex, lexicon: Lexicon) -> dict[str, int]:
    """Warn when a lexicon's language differs from that of some articles it is applied to.

    Parameters
    ----------
    index : TokenIndex
        The index the lexicon is matched on.
    lexicon : Lexicon
        A lexicon; one without a ``language`` is not checked.

    Returns
    -------
    dict
        Articles per other language (empty when all match or nothing is known). Units
        without Cyrillic words and without a ``language`` value are counted as ``""``
        (unknown) for a Russian or Ukrainian lexicon and as matching for an English one.

    Examples
    --------
    >>> import warnings
    >>> import pandas as pd
    >>> import toolkit
    >>> from toolkit.matching import check_language
    >>> c = pd.DataFrame({"doc_id": ["a"], "language": ["ru"], "text": ["Войска отошли"]})
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     check_language(toolkit.index_tokens(c), toolkit.load_lexicon("war_framing"))
    {'ru': 1}
    >>> str(w[0].message).split(":")[0]
    "lexicon 'war_framing' is written in 'en' but applied to 1 article(s) in other languages"
    """
    other = _language_counts(index, lexicon)
    _warn_language(lexicon, other, stacklevel=4)  # the caller of check_language's caller
    return other


def _language_counts(index: TokenIndex, lexicon: Lexicon) -> dict[str, int]:
    """Units of ``index`` per language other than the lexicon's, as :func:`check_language`
    counts them, without a warning (a lazy corpus counts per partition and warns once)."""
    from collections import Counter

    if not lexicon.language:
        return {}
    langs = index.languages(cyrillic_only=True)
    if lexicon.language == "en":
        other = Counter(x for x in langs if x not in ("", "en"))
    else:
        other = Counter(x for x in langs if x != lexicon.language)
    return dict(other)


def _warn_language(lexicon: Lexicon, other: dict[str, int], *, stacklevel: int) -> None:
    """The :class:`LanguageMismatchWarning` of :func:`check_language` for the counts
    ``other`` (from :func:`_language_counts`); nothing when they are empty.
    ``stacklevel`` counts from this function."""
    import warnings

    if not other:
        return
    detail = ", ".join(f"{k or 'unknown'}: {v}" for k, v in sorted(other.items()))
    warnings.warn(
        f"lexicon {lexicon.name!r} is written in {lexicon.language!r} but applied to "
        f"{sum(other.values())} article(s) in other languages: {detail}; its patterns will "
        "not match there (filter the corpus by language, or use the lexicon of each language)",
        LanguageMismatchWarning, stacklevel=stacklevel)
