"""User-supplied regular expressions, run in bounded time.

A regular expression typed by a user (``concordance(..., regex=True)``) can take
exponential time on some texts (catastrophic backtracking: nested or overlapping
repetition such as ``(a+)+$`` or ``(a|aa)+$``, which the engine cannot optimise
away). Such patterns are compiled with the ``regex`` module, whose matching functions
take a ``timeout``: :func:`find_spans` stops a search that runs longer than
:data:`REGEX_TIMEOUT` seconds on one text with a ``TimeoutError``, instead of hanging
the notebook. The variable is read at every search, so setting
``toolkit.safe_regex.REGEX_TIMEOUT`` changes the bound for later calls.

Compiling can take unbounded time too: the ``regex`` module writes counted repeats out
(``(?:a{10000}){10000}`` takes minutes to compile), and deeply nested groups exhaust
Python's recursion limit. :func:`compile_user_regex` therefore refuses expressions
longer than :data:`MAX_REGEX_LENGTH` characters or whose counted repeats, multiplied
out, exceed :data:`MAX_REGEX_REPEAT`, with a ``ValueError`` naming the limit.
"""

from __future__ import annotations

import unicodedata

import regex

REGEX_TIMEOUT: float = 5.0
"""Seconds one search of one text may take (read at each search)."""

MAX_REGEX_LENGTH: int = 1000
"""Characters a user's regular expression may have."""

MAX_REGEX_REPEAT: int = 100_000
"""Size a regular expression may reach with its counted repeats (``{m,n}``) written out."""

_QUANTIFIER = regex.compile(r"\{(\d*)(?:,(\d*))?\}")
_BRACED_ESCAPES = frozenset("pPNxuUgk")  # \p{...}, \N{...}, \x{...}, \g<...>...


def repeat_size(pattern: str) -> int:
    """Estimate the size of a regular expression with its counted repeats written out.

    Every literal, escape, character class and group counts its size once, a counted
    repeat ``{m,n}`` multiplies the size of what it repeats by ``max(m, n)``, and
    alternatives are added, not compared. The estimate errs on the large side; it is
    only used to refuse expressions that would take minutes to compile.

    Parameters
    ----------
    pattern : str
        A regular expression.

    Returns
    -------
    int
        The estimated size (at least the number of atoms), or a number above
        :data:`MAX_REGEX_REPEAT` as soon as the estimate passes it.

    Examples
    --------
    >>> from toolkit.safe_regex import repeat_size
    >>> repeat_size(r"ab{3}")
    4
    >>> repeat_size(r"(?:a{100}){100}") > 10_000
    True
    """
    stack = [0]
    last = 0
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            j = i + 2
            if i + 1 < n and pattern[i + 1] in _BRACED_ESCAPES and j < n and pattern[j] in "{<":
                close = pattern.find("}" if pattern[j] == "{" else ">", j)
                j = n if close < 0 else close + 1
            last = 1
            stack[-1] += 1
            i = j
            continue
        if c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            last = 1
            stack[-1] += 1
            i = j + 1
            continue
        if c == "(":
            stack.append(0)
            i += 1
            continue
        if c == ")":
            if len(stack) > 1:
                last = stack.pop()
                stack[-1] += last
            i += 1
            continue
        if c == "{":
            m = _QUANTIFIER.match(pattern, i)
            if m is not None:
                lo, hi = m.group(1), m.group(2)
                count = max(int(lo or 0), int(hi or 0) if hi is not None else 0, 1)
                stack[-1] += last * (count - 1)
                last *= count
                if sum(stack) > MAX_REGEX_REPEAT:
                    return MAX_REGEX_REPEAT + 1
                i = m.end()
                continue
        if c in "*+?|":  # unbounded repetition costs no expansion; alternatives add up
            i += 1
            continue
        last = 1
        stack[-1] += 1
        i += 1
    return sum(stack)


def compile_user_regex(pattern: str, *, ignore_case: bool = True) -> regex.Pattern:
    """Compile a user's regular expression, with a clear error when it is invalid.

    The expression is normalised to Unicode NFC, like the corpus texts, so that an
    accented letter typed in decomposed form still matches.

    Parameters
    ----------
    pattern : str
        A Python-style regular expression.
    ignore_case : bool, default True
        Match regardless of case.

    Returns
    -------
    regex.Pattern
        The compiled pattern; search it with :func:`find_spans` (bounded in time).

    Raises
    ------
    ValueError
        If the expression is empty or invalid, longer than :data:`MAX_REGEX_LENGTH`
        characters, nested too deeply, or its counted repeats expand beyond
        :data:`MAX_REGEX_REPEAT`.

    Examples
    --------
    >>> from toolkit.safe_regex import compile_user_regex, find_spans
    >>> rx = compile_user_regex(r"pull(ed|ing) back")
    >>> find_spans(rx, "Troops pulled back.")
    [(7, 18)]
    """
    if not isinstance(pattern, str) or not pattern:
        raise ValueError(f"a regular expression must be a non-empty string, got {_short(pattern)}")
    if len(pattern) > MAX_REGEX_LENGTH:
        raise ValueError(
            f"the regular expression {_short(pattern)} is {len(pattern)} characters long; the "
            f"limit is {MAX_REGEX_LENGTH} characters (toolkit.safe_regex.MAX_REGEX_LENGTH)"
        )
    pattern = unicodedata.normalize("NFC", pattern)
    if repeat_size(pattern) > MAX_REGEX_REPEAT:
        raise ValueError(
            f"the regular expression {_short(pattern)} repeats too much: its counted repeats "
            f"({{m,n}}) multiplied out exceed the limit of {MAX_REGEX_REPEAT:,} "
            "(toolkit.safe_regex.MAX_REGEX_REPEAT); use smaller counts, or + and *"
        )
    flags = regex.UNICODE | (regex.IGNORECASE if ignore_case else 0)
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {_short(pattern)}: {exc}") from None
    except RecursionError:
        raise ValueError(
            f"the regular expression {_short(pattern)} is nested too deeply to compile"
        ) from None


def find_spans(rx: regex.Pattern, text: str, timeout: float | None = None) -> list[tuple[int, int]]:
    """Character spans of every match of a compiled expression in one text, in bounded time.

    Parameters
    ----------
    rx : regex.Pattern
        From :func:`compile_user_regex`.
    text : str
        The text searched.
    timeout : float, optional
        Seconds the search may take; :data:`REGEX_TIMEOUT` (its value now) by default.

    Returns
    -------
    list of tuple of int
        ``(start, end)`` of each match, in order.

    Raises
    ------
    TimeoutError
        If the search takes longer than ``timeout`` seconds.
    """
    limit = REGEX_TIMEOUT if timeout is None else timeout
    return [m.span() for m in rx.finditer(text, timeout=limit)]


def _short(value: object) -> str:
    from .patterns import excerpt  # patterns imports the index: keep this module light

    return excerpt(value)
