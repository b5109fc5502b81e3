"""User-supplied regular expressions, run in bounded time.

A regular expression typed by a user (``concordance(..., regex=True)``) can take
exponential time on some texts (catastrophic backtracking, e.g. ``(a+)+$``). Such
patterns are compiled with the ``regex`` module, whose matching functions take a
``timeout``: a search that runs longer than :data:`REGEX_TIMEOUT` seconds on one text
stops with a clear error instead of hanging the notebook.
"""

from __future__ import annotations

import regex

REGEX_TIMEOUT: float = 5.0
"""Seconds one search of one text may take."""


def compile_user_regex(pattern: str, *, ignore_case: bool = True) -> regex.Pattern:
    """Compile a user's regular expression, with a clear error when it is invalid.

    Parameters
    ----------
    pattern : str
        A Python-style regular expression.
    ignore_case : bool, default True
        Match regardless of case.

    Returns
    -------
    regex.Pattern
        The compiled pattern; call its ``finditer(text, timeout=REGEX_TIMEOUT)``.

    Examples
    --------
    >>> from toolkit.safe_regex import REGEX_TIMEOUT, compile_user_regex
    >>> rx = compile_user_regex(r"pull(ed|ing) back")
    >>> [m.group() for m in rx.finditer("Troops pulled back.", timeout=REGEX_TIMEOUT)]
    ['pulled back']
    """
    if not isinstance(pattern, str) or not pattern:
        raise ValueError(f"a regular expression must be a non-empty string, got {pattern!r}")
    flags = regex.UNICODE | (regex.IGNORECASE if ignore_case else 0)
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
