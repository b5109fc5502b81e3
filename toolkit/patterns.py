"""Query patterns matched against the token index.

A pattern is a string of one or more space-separated elements, matched token by token
(case-insensitively on a lowercased index):

* a word: ``talks`` matches the type ``talks`` only;
* a wildcard: ``*`` stands for any run of characters and ``?`` for one character, so
  ``negotiat*`` matches ``negotiate``, ``negotiations``, ``negotiating``...; a run of
  ``*`` is one ``*`` (``a**b`` is ``a*b``);
* a phrase: ``special military operation`` or ``goodwill gesture*`` matches the
  elements in consecutive tokens. Because punctuation and line breaks are not
  tokens, ``"special\\nmilitary operation"`` and ``"talks, negotiations"`` match too;
  phrases never cross document boundaries.

Elements are tokenised with the same rules as the text, so ``Kremlin’s`` and
``counter-offensive`` are single elements.

Normalisation and case
----------------------
A pattern is read the way the corpus is: Unicode NFC (the loaders normalise every text
to NFC, so a pattern typed in decomposed form, ``ne\\u0301gociation*``, still matches
``négociation``), with curly and modifier apostrophes read as ``'``
(:func:`toolkit.tokenize.normalise_apostrophes`). On a lowercased index the pattern is
lowercased with the same ``str.lower`` as the index, and both the pattern and the
vocabulary are then *folded* by one more rule: ``i`` followed by the combining dot above
(U+0307) counts as ``i``. ``İ`` (capital I with dot, as in ``İSTANBUL``) lowercases to
those two characters, so without the rule ``istanbul`` would never find ``İSTANBUL``;
with it, ``istanbul``, ``Istanbul``, ``İstanbul`` and ``?stanbul`` find both spellings.
The folded vocabulary is computed once per vocabulary. An index that keeps case
(``lowercase=False``) is matched exactly (after NFC and apostrophes).

Limits
------
Every pattern is matched in time linear in the length of each type (wildcards are
compiled to a form that never backtracks across ``*``), and a pattern may have at most
:data:`MAX_PATTERN_LENGTH` characters and :data:`MAX_WILDCARDS` wildcards (after runs of
``*`` are collapsed); :func:`parse_pattern` refuses longer ones with a ``ValueError``
that names the limit. Error messages quote at most :data:`EXCERPT_LENGTH` characters of
one line of a pattern.
"""

from __future__ import annotations

import re
import reprlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex

from .index import TokenIndex
from .tokenize import TOKEN_REGEX, normalise_apostrophes

MAX_PATTERN_LENGTH: int = 1000
"""Characters a pattern may have (a phrase of a hundred words fits easily)."""

MAX_WILDCARDS: int = 50
"""Wildcards (``*`` and ``?``) a pattern may have, after runs of ``*`` are collapsed."""

EXCERPT_LENGTH: int = 120
"""Characters of a pattern (or of a lexicon file's value) an error message quotes."""

_CHAR = r"[\w'.,-]"  # what a wildcard stands for: any character a token can contain
_STARS = re.compile(r"\*{2,}")
_DOTTED_I = "i\u0307"  # what "İ".lower() gives
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring = 2, 4, 4, EXCERPT_LENGTH
_REPR.maxother = EXCERPT_LENGTH


class PatternError(ValueError):
    """A pattern cannot be used (empty, too long, or an element the tokeniser would split).

    The message reads ``pattern <excerpt>: <reason>``.

    Attributes
    ----------
    reason : str
        What is wrong, without the quoted pattern.
    element : str or None
        The offending element, when one element is at fault.
    """

    def __init__(self, pattern: object, reason: str, element: str | None = None) -> None:
        super().__init__(f"pattern {excerpt(pattern, focus=element)}: {reason}")
        self.reason = reason
        self.element = element


def excerpt(value: object, focus: str | None = None, limit: int = EXCERPT_LENGTH) -> str:
    """A short quoted excerpt of a value, for error messages.

    Error messages never quote more than one line, and at most ``limit`` characters of
    it: a pattern or lexicon value may hold anything (a file pointed at by mistake,
    secrets on other lines).

    Parameters
    ----------
    value : object
        Usually a string; other values are shown with a bounded ``repr``.
    focus : str, optional
        Quote the line that contains this text (the offending element), centred on it;
        the first non-blank line otherwise.
    limit : int, default EXCERPT_LENGTH
        Characters quoted at most.

    Returns
    -------
    str
        The ``repr`` of the excerpt, with ``…`` where it was cut and ``(line k of n)``
        when the value has several lines.

    Examples
    --------
    >>> from toolkit.patterns import excerpt
    >>> excerpt("talks")
    "'talks'"
    >>> excerpt("password: x\\napi_key=y", focus="api_key=y")
    "'api_key=y' (line 2 of 2)"
    """
    if not isinstance(value, str):
        text = _REPR.repr(value)
        return text if len(text) <= limit else text[: limit - 1] + "…"
    lines = value.splitlines() or [value]
    k = next((i for i, ln in enumerate(lines) if focus and focus in ln), None)
    if k is None:
        k = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
    line = lines[k]
    if len(line) > limit:
        at = line.find(focus) if focus else -1
        lo = 0 if at < 0 else max(0, min(at - max(0, limit - len(focus)) // 2, len(line) - limit))
        piece = line[lo : lo + limit]
        line = ("…" if lo > 0 else "") + piece + ("…" if lo + limit < len(line) else "")
    out = repr(line)
    if len(out) > limit + 12:  # escapes of control characters can make it longer
        out = out[: limit + 10] + "…"
    return out + (f" (line {k + 1} of {len(lines)})" if len(lines) > 1 else "")


def normalise_pattern(pattern: str) -> str:
    """Normalise a pattern like the corpus: Unicode NFC and straight apostrophes.

    Parameters
    ----------
    pattern : str
        A pattern (see the module docstring).

    Returns
    -------
    str
        The pattern in NFC, with ``’`` and ``ʼ`` read as ``'`` (case is kept).

    Examples
    --------
    >>> from toolkit.patterns import normalise_pattern
    >>> normalise_pattern("ne\u0301gociation* Kyiv’s") == "négociation* Kyiv's"
    True
    """
    return normalise_apostrophes(unicodedata.normalize("NFC", pattern))


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

    The pattern is normalised like the corpus (NFC, straight apostrophes; see the
    module docstring) and runs of ``*`` are collapsed, so the elements are in that form.

    Parameters
    ----------
    pattern : str
        A word, wildcard or phrase (see the module docstring).

    Returns
    -------
    Pattern
        The parsed pattern (``text`` as given, ``elements`` normalised).

    Raises
    ------
    PatternError
        A ``ValueError``: if the pattern is empty, longer than
        :data:`MAX_PATTERN_LENGTH` characters, has more than :data:`MAX_WILDCARDS`
        wildcards, or an element cannot match any token.
    """
    if not isinstance(pattern, str) or not pattern.strip():
        raise PatternError(pattern, "empty pattern")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(
            pattern,
            f"{len(pattern)} characters long; the limit is {MAX_PATTERN_LENGTH} characters "
            "(toolkit.patterns.MAX_PATTERN_LENGTH)",
        )
    raw = normalise_pattern(pattern).split()
    elements = []
    for el in raw:
        el = _STARS.sub("*", el.strip("\"“”()[]{}:;!"))
        if not el:
            continue
        literal = el.replace("*", "a").replace("?", "a")
        if TOKEN_REGEX.fullmatch(literal) is None:
            pieces = TOKEN_REGEX.findall(el.replace("*", "\x00").replace("?", "\x01"))
            shown = excerpt(pieces[:6] + (["..."] if len(pieces) > 6 else []))
            raise PatternError(
                pattern,
                f"element {excerpt(el)} is not a single token (the tokeniser would split it; "
                f"write it as separate words: {shown})",
                element=el,
            )
        elements.append(el)
    if not elements:
        raise PatternError(pattern, "no words")
    n_wild = sum(el.count("*") + el.count("?") for el in elements)
    if n_wild > MAX_WILDCARDS:
        raise PatternError(
            pattern,
            f"{n_wild} wildcards; the limit is {MAX_WILDCARDS} wildcards (* and ?) per pattern "
            "(toolkit.patterns.MAX_WILDCARDS)",
        )
    return Pattern(pattern, tuple(elements))


def element_regex(element: str) -> str:
    """The regular expression (full match) for one pattern element.

    The expression matches in time linear in the length of the type: runs of wildcards
    are put in a canonical order (``*?`` is ``?*``), and every ``*`` but the last takes
    the shortest run after which the next stretch of literal characters and ``?``
    matches, inside an atomic group, so the engine never backtracks into an earlier
    ``*``. Since every character of a token can stand for ``*``, the leftmost
    occurrence of each stretch is the right choice, and the result is the same as for
    the plain translation (``*`` -> any run, ``?`` -> any one character).

    Parameters
    ----------
    element : str
        A word or wildcard (``*`` any run of word characters, apostrophes, dots,
        commas or hyphens, ``?`` one of them).

    Returns
    -------
    str
        A pattern for the ``regex`` module, to be matched against whole types.
    """
    # stretches of literal characters and "?" between the stars, e.g. "a?*b*?c" ->
    # ["a?", "b?", "c"]: the "?" of a wildcard run is moved before its "*"
    segments: list[str] = [""]
    for run_or_char in re.findall(r"[*?]+|[^*?]", element):
        if run_or_char[0] in "*?":
            segments[-1] += "?" * run_or_char.count("?")
            if "*" in run_or_char:
                segments.append("")
        else:
            segments[-1] += run_or_char

    def seg(s: str) -> str:
        return "".join(_CHAR if ch == "?" else re.escape(ch) for ch in s)

    if len(segments) == 1:
        return seg(segments[0])
    middle = "".join(f"(?>{_CHAR}*?{seg(s)})" for s in segments[1:-1])
    return f"{seg(segments[0])}{middle}{_CHAR}*{seg(segments[-1])}"


@dataclass(frozen=True)
class _Folding:
    """The types of a vocabulary whose folded form differs (see the module docstring)."""

    ids: np.ndarray  # sorted ids of the types that contain "i" + U+0307
    folded: np.ndarray  # their folded forms (object array, same order)
    by_form: dict[str, np.ndarray]  # folded form -> ids


def _fold(text: str) -> str:
    return text.replace(_DOTTED_I, "i")


def _folding(index: TokenIndex) -> _Folding:
    """The folded vocabulary, computed once per vocabulary (keyed by its cache)."""
    found = index.vocab_cache.folding
    if found is None:
        if index.lowercase:
            ids = np.fromiter(
                (i for i, w in enumerate(index.vocab.tolist()) if _DOTTED_I in w), dtype=np.int64
            )
        else:
            ids = np.zeros(0, dtype=np.int64)
        folded = np.array([_fold(w) for w in index.vocab[ids].tolist()], dtype=object)
        by_form: dict[str, list[int]] = {}
        for i, form in zip(ids.tolist(), folded.tolist(), strict=True):
            by_form.setdefault(form, []).append(i)
        found = _Folding(ids, folded, {k: np.array(v, dtype=np.int64) for k, v in by_form.items()})
        index.vocab_cache.folding = found
    return found


def _element_key(index: TokenIndex, element: str) -> str:
    """The element as it is looked up: normalised, lowercased and folded like the index."""
    el = _STARS.sub("*", normalise_pattern(element))
    return _fold(el.lower()) if index.lowercase else el


def _sorted_vocab(index: TokenIndex) -> tuple[np.ndarray, np.ndarray]:
    """The vocabulary in sorted order, and the ids in that order (cached on the index)."""
    cache = index.vocab_cache
    if cache.sorted_vocab is None:
        order = np.argsort(index.vocab, kind="stable")
        cache.sorted_vocab = (order, index.vocab[order])
    return cache.sorted_vocab


def element_ids(index: TokenIndex, element: str) -> np.ndarray:
    """Vocabulary ids matched by one element.

    The element is normalised, lowercased and folded like the vocabulary (see the
    module docstring). A wildcard with a literal prefix (``negotiat*``) looks the prefix
    up in the sorted vocabulary and tests only the types that start with it (and the
    few whose folded form differs); one starting with a wildcard tests every type (once
    per type, never per token, in time linear in the type's length).

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
    el = _element_key(index, element)
    cache = index.vocab_cache.element_ids
    if el in cache:
        return cache[el]
    fold = _folding(index)
    wild = [i for i, ch in enumerate(el) if ch in "*?"]
    if not wild:
        ids = index.term_ids([el])
        extra = fold.by_form.get(el)
        ids = np.sort(ids if extra is None else np.union1d(ids, extra))
    else:
        if wild[0] == 0:
            cand = np.arange(len(index.vocab))
        else:
            prefix = el[: wild[0]]
            order, svocab = _sorted_vocab(index)
            lo = int(np.searchsorted(svocab, prefix, side="left"))
            hi = int(np.searchsorted(svocab, prefix + "\U0010ffff", side="left"))
            cand = np.sort(order[lo:hi])
        if len(fold.ids):  # test the folded form of the types that have one
            cand = np.union1d(cand, fold.ids)
        words = index.vocab[cand]  # a copy
        if len(fold.ids):
            words[np.searchsorted(cand, fold.ids)] = fold.folded
        # the tokeniser's regex engine, so that word characters mean the same thing
        rx = regex.compile(element_regex(el), regex.UNICODE | regex.MULTILINE | regex.DOTALL)
        hit = np.fromiter((rx.fullmatch(w) is not None for w in words), dtype=bool, count=len(cand))
        ids = cand[hit]
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
