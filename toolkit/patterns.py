"""Query patterns matched against the token index.

A pattern is a string of one or more space-separated elements, matched token by token
(case-insensitively on a lowercased index):

* a word: ``talks`` matches the type ``talks`` only;
* a wildcard: ``*`` stands for any run of characters and ``?`` for one character, so
  ``negotiat*`` matches ``negotiate``, ``negotiations``, ``negotiating``...;
* a phrase: ``special military operation`` or ``goodwill gesture*`` matches the
  elements in consecutive tokens. Because punctuation and line breaks are not
  tokens, ``"special\\nmilitary operation"`` and ``"talks, negotiations"`` match too;
  phrases never cross document boundaries.

Elements are tokenised with the same rules as the text, so ``Kremlin’s`` and
``counter-offensive`` are single elements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex

from .index import TokenIndex
from .tokenize import TOKEN_REGEX

_ELEMENT = re.compile(r"[\w*?'’.,-]+")


@dataclass(frozen=True)
class Pattern:
    """A parsed pattern: its text and its elements (each a word or a wildcard)."""

    text: str
    elements: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        """True when the pattern has more than one element."""
        return len(self.elements) > 1


def parse_pattern(pattern: str) -> Pattern:
    """Split a pattern into its elements and check each one.

    Parameters
    ----------
    pattern : str
        A word, wildcard or phrase (see the module docstring).

    Returns
    -------
    Pattern
        The parsed pattern.

    Raises
    ------
    ValueError
        If the pattern is empty or an element cannot match any token.
    """
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError(f"empty pattern: {pattern!r}")
    raw = pattern.replace("\u2019", "'").split()
    elements = []
    for el in raw:
        el = el.strip("\"“”()[]{}:;!")
        if not el:
            continue
        literal = el.replace("*", "a").replace("?", "a")
        if TOKEN_REGEX.fullmatch(literal) is None:
            pieces = TOKEN_REGEX.findall(el.replace("*", "\x00").replace("?", "\x01"))
            raise ValueError(
                f"pattern {pattern!r}: element {el!r} is not a single token "
                f"(the tokeniser would split it; write it as separate words: {pieces})"
            )
        elements.append(el)
    if not elements:
        raise ValueError(f"pattern {pattern!r} has no words")
    return Pattern(pattern, tuple(elements))


def element_regex(element: str) -> str:
    """The regular expression (full match) for one pattern element.

    Parameters
    ----------
    element : str
        A word or wildcard (``*`` any run of word characters, ``?`` one).

    Returns
    -------
    str
        A pattern for the ``regex`` module, to be matched against whole types.
    """
    out = []
    for ch in element:
        if ch == "*":
            out.append(r"[\w'.,-]*")
        elif ch == "?":
            out.append(r"[\w'.,-]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _sorted_vocab(index: TokenIndex) -> tuple[np.ndarray, np.ndarray]:
    """The vocabulary in sorted order, and the ids in that order (cached on the index)."""
    cache = index.vocab_cache
    if cache.sorted_vocab is None:
        order = np.argsort(index.vocab, kind="stable")
        cache.sorted_vocab = (order, index.vocab[order])
    return cache.sorted_vocab


def element_ids(index: TokenIndex, element: str) -> np.ndarray:
    """Vocabulary ids matched by one element.

    A wildcard with a literal prefix (``negotiat*``) looks the prefix up in the sorted
    vocabulary and tests only the types that start with it; one starting with a
    wildcard tests every type (once per type, never per token).

    Parameters
    ----------
    index : TokenIndex
        A word index.
    element : str
        A word or wildcard.

    Returns
    -------
    numpy.ndarray
        Sorted ids of the matching types.
    """
    el = element.lower() if index.lowercase else element
    cache = index.vocab_cache.element_ids
    if el in cache:
        return cache[el]
    wild = [i for i, ch in enumerate(el) if ch in "*?"]
    if not wild:
        ids = np.sort(index.term_ids([el]))
    else:
        if wild[0] == 0:
            cand = np.arange(len(index.vocab))
        else:
            prefix = el[: wild[0]]
            order, svocab = _sorted_vocab(index)
            lo = int(np.searchsorted(svocab, prefix, side="left"))
            hi = int(np.searchsorted(svocab, prefix + "\U0010ffff", side="left"))
            cand = order[lo:hi]
        # the tokeniser's regex engine, so that word characters mean the same thing
        rx = regex.compile(element_regex(el), regex.UNICODE | regex.MULTILINE | regex.DOTALL)
        hit = np.fromiter(
            (rx.fullmatch(w) is not None for w in index.vocab[cand]), dtype=bool, count=len(cand)
        )
        ids = np.sort(cand[hit])
    cache[el] = ids
    return ids


def _extend(index: TokenIndex, starts: np.ndarray, p: Pattern) -> np.ndarray:
    """Keep the starts whose following tokens match the pattern's other elements."""
    for k, el in enumerate(p.elements[1:], start=1):
        if not len(starts):
            break
        lut = np.zeros(len(index.vocab), dtype=bool)
        lut[element_ids(index, el)] = True
        nxt = starts + k
        ok = nxt < index.n_tokens
        starts, nxt = starts[ok], nxt[ok]
        starts = starts[lut[index.ids[nxt]]]
    if p.is_phrase and len(starts):
        k = len(p.elements) - 1
        starts = starts[index.doc_of(starts) == index.doc_of(starts + k)]
    return starts.astype(np.int64)


def match_positions(index: TokenIndex, pattern: str | Pattern) -> np.ndarray:
    """Token positions where a pattern starts.

    Parameters
    ----------
    index : TokenIndex
        A word index (``n == 1``).
    pattern : str or Pattern
        A word, wildcard or phrase.

    Returns
    -------
    numpy.ndarray
        Sorted ``int64`` start positions into ``index.ids``; a match of a phrase of
        ``k`` elements covers positions ``start .. start + k - 1`` of one document.
    """
    p = pattern if isinstance(pattern, Pattern) else parse_pattern(pattern)
    first = element_ids(index, p.elements[0])
    if len(first) == 1:  # one type: a comparison is cheaper than a look-up table
        starts = np.flatnonzero(index.ids == first[0]).astype(np.int64)
    else:
        lut = np.zeros(len(index.vocab), dtype=bool)
        lut[first] = True
        starts = np.flatnonzero(lut[index.ids]).astype(np.int64)
    return _extend(index, starts, p)


def _ragged_take(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    lens = hi - lo
    total = int(lens.sum())
    if total == 0:
        return values[:0]
    first = np.concatenate([[0], np.cumsum(lens)[:-1]])
    idx = np.arange(total, dtype=np.int64) + np.repeat(lo - first, lens)
    return values[idx]


def match_many(index: TokenIndex, patterns: Sequence[str | Pattern]) -> list[np.ndarray]:
    """Start positions of many patterns at once (one pass over the token array).

    Same result as :func:`match_positions` for each pattern, but the token array is
    scanned once for all first words instead of once per pattern, which matters for a
    lexicon of hundreds of patterns on a large corpus.

    Parameters
    ----------
    index : TokenIndex
        A word index.
    patterns : sequence of str or Pattern
        Words, wildcards or phrases.

    Returns
    -------
    list of numpy.ndarray
        For each pattern, the sorted ``int64`` token positions where it starts.
    """
    if index.n != 1:
        raise ValueError("patterns are matched on a word index (n=1)")
    parsed = [p if isinstance(p, Pattern) else parse_pattern(p) for p in patterns]
    firsts = [element_ids(index, p.elements[0]) for p in parsed]
    lut = np.zeros(len(index.vocab), dtype=bool)
    for ids in firsts:
        lut[ids] = True
    cand = np.flatnonzero(lut[index.ids]).astype(np.int64)
    cand_ids = index.ids[cand]
    order = np.argsort(cand_ids, kind="stable")
    sorted_ids, sorted_pos = cand_ids[order], cand[order]
    out = []
    for p, ids in zip(parsed, firsts, strict=True):
        lo = np.searchsorted(sorted_ids, ids, side="left")
        hi = np.searchsorted(sorted_ids, ids, side="right")
        out.append(_extend(index, np.sort(_ragged_take(sorted_pos, lo, hi)), p))
    return out
