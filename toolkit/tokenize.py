"""Tokenisation: what counts as a word.

The semantics are those of NLTK's :class:`nltk.tokenize.RegexpTokenizer` with
:data:`TOKEN_PATTERN` (``gaps=False``), applied after two normalisations:
curly apostrophes (’) become straight ones ('), and, by default, text is lowercased.

A token is, in this order of preference:

* an abbreviation written with dots, such as ``U.S.`` or ``e.g.`` (kept whole), or a
  single letter followed by a period, such as the initial in ``Vladimir V. Putin``: it
  is kept with its period (``v.``), so an initial never counts as the word ``v`` (or the
  pronoun ``i``, or the article ``a``);
* a number with internal separators, such as ``1,000`` or ``3.5``;
* a run of word characters (letters of any script, digits, underscore), possibly joined
  by internal hyphens or apostrophes: ``counter-offensive``, ``Kremlin's``, ``F-16``,
  ``Москва``.

Punctuation is not a token. Dashes between spaces, quotation marks and brackets are
dropped. A possessive ``'s`` stays attached (``kremlin's`` is one type, distinct from
``kremlin``).

Initials are recognised by shape alone (one letter, then a period), not by the
capitalised names around them: tokens are matched in lowercased text, by a regular
expression that polars' Rust engine must run too (no look-around), so the case and the
neighbours of a letter are not available. The rare sentence that ends on a one-letter
word ("Plan B.", "World War I.") therefore gives ``b.``/``i.`` rather than ``b``/``i``.
A dotted abbreviation at the end of a sentence keeps its one period (``the U.S.`` gives
``u.s.``), as the sentence splitter expects (:mod:`toolkit.sentences` never ends a
sentence after an initial).

The hot path (:func:`tokenize_series`) runs the same regular expression over a whole
column at once with polars' Rust regex engine; :func:`tokenize` is the one-text
reference used to check it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

import numpy as np
import pandas as pd
import polars as pl
import regex

TOKEN_PATTERN = r"(?:[^\W\d_]\.)+|\d+(?:[.,]\d+)+|\w+(?:[-']\w+)*"
"""The regular expression that defines a token (see the module docstring)."""

APOSTROPHES: tuple[str, ...] = ("\u2019", "\u02bc")
"""Apostrophes read as ``'``: right single quotation mark and modifier letter apostrophe."""

TOKEN_REGEX = regex.compile(TOKEN_PATTERN, regex.UNICODE | regex.MULTILINE | regex.DOTALL)
""":data:`TOKEN_PATTERN` compiled as NLTK compiles it (with the ``regex`` module, whose
``\\w`` is Unicode's word class, like polars' Rust engine and unlike Python's ``re``)."""


def normalise_apostrophes(text: str) -> str:
    """Replace curly and modifier apostrophes by ``'`` (the length does not change).

    Parameters
    ----------
    text : str
        A text.

    Returns
    -------
    str
        The text with straight apostrophes.
    """
    for a in APOSTROPHES:
        text = text.replace(a, "'")
    return text


def _normalise(text: str, lowercase: bool) -> str:
    text = normalise_apostrophes(text)
    return text.lower() if lowercase else text


def tokenize(text: str, *, lowercase: bool = True) -> list[str]:
    """Split one text into tokens.

    Parameters
    ----------
    text : str
        The text.
    lowercase : bool, default True
        Lowercase the tokens.

    Returns
    -------
    list of str
        The tokens in reading order.

    Examples
    --------
    >>> import toolkit
    >>> toolkit.tokenize("Kyiv's counter-offensive, the U.S. said.")
    ["kyiv's", 'counter-offensive', 'the', 'u.s.', 'said']
    >>> toolkit.tokenize("Vladimir V. Putin")   # an initial keeps its period
    ['vladimir', 'v.', 'putin']
    """
    from nltk.tokenize import RegexpTokenizer  # imported on first use: NLTK is slow to import

    return RegexpTokenizer(TOKEN_PATTERN).tokenize(_normalise(text, lowercase))


def tokenize_series(texts: Iterable[str] | pl.Series, *, lowercase: bool = True) -> pl.Series:
    """Tokenise many texts at once (vectorised).

    Parameters
    ----------
    texts : iterable of str or polars.Series
        The texts, e.g. ``corpus["text"]``.
    lowercase : bool, default True
        Lowercase the tokens.

    Returns
    -------
    polars.Series
        A list-typed series: one list of tokens per text, same semantics as
        :func:`tokenize`.
    """
    if isinstance(texts, pl.Series):
        s = texts
    elif isinstance(texts, pd.Series):
        s = pl.from_pandas(texts.astype("str"))  # zero-copy for Arrow-backed strings
    else:
        s = pl.Series("text", list(texts), dtype=pl.String)
    expr = pl.col("text")
    for a in APOSTROPHES:
        expr = expr.str.replace_all(a, "'", literal=True)
    if lowercase:
        expr = expr.str.to_lowercase()
    # the streaming engine runs the regex on all cores, batch by batch
    frame = pl.LazyFrame({"text": s}).select(expr.str.extract_all(TOKEN_PATTERN))
    return frame.collect(engine="streaming").to_series()


def token_spans(text: str, upto: int | None = None) -> np.ndarray:
    """Character spans of the tokens of one text, as the token index counts them.

    Parameters
    ----------
    text : str
        The original text (offsets refer to it).
    upto : int, optional
        Stop after token number ``upto`` (0-based): reading can stop at the last token
        a caller needs.

    Returns
    -------
    numpy.ndarray
        ``(n_tokens, 2)`` array of ``start, end`` offsets.
    """
    norm = _normalise(text, lowercase=False)  # apostrophe swaps keep the length
    found = TOKEN_REGEX.finditer(norm)
    if upto is not None:
        found = islice(found, upto + 1)
    return np.fromiter((x for m in found for x in m.span()), dtype=np.int64).reshape(-1, 2)


def is_token(word: str) -> bool:
    """Tell whether ``word`` is exactly one token under :data:`TOKEN_PATTERN`.

    Parameters
    ----------
    word : str
        A candidate word.

    Returns
    -------
    bool
        True when the tokeniser would keep ``word`` as a single token.
    """
    return TOKEN_REGEX.fullmatch(_normalise(word, lowercase=False)) is not None
