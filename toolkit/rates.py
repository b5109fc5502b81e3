"""Rates: one base for every relative frequency in the toolkit.

Every relative frequency (word frequencies, trends, keyness, frame rates) is given
**per 10,000 words** (:data:`RATE_BASE`) in a column named ``per_10k``. The words
counted in the denominator are all tokens of the group, stop words included.
"""

from __future__ import annotations

import numpy as np

RATE_BASE: int = 10_000
"""Relative frequencies are given per this many words (column ``per_10k``)."""

RATE_COLUMN: str = "per_10k"
"""Name of the rate column in every table."""


def per_10k(count: np.ndarray, tokens: np.ndarray) -> np.ndarray:
    """``count / tokens * 10,000``, NaN where there are no tokens.

    Parameters
    ----------
    count : array-like
        Occurrences.
    tokens : array-like
        Words in the same group.

    Returns
    -------
    numpy.ndarray
        The rates (float).

    Examples
    --------
    >>> from toolkit.rates import per_10k
    >>> per_10k([3, 1], [1500, 0]).tolist()
    [20.0, nan]
    """
    count = np.asarray(count, dtype=float)
    tokens = np.asarray(tokens, dtype=float)
    out = np.full(np.broadcast(count, tokens).shape, np.nan)
    np.divide(count * RATE_BASE, tokens, out=out, where=tokens > 0)
    return out
