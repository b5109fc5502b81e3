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
        The frames.

    Returns
    -------
    dict
        Frame name -> :class:`FrameHits`.
    """
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
