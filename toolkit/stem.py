"""Stemming with NLTK's Snowball stemmers (English; Russian for Cyrillic words)."""

from __future__ import annotations

import numpy as np
from nltk.stem.snowball import SnowballStemmer

from .language import CYRILLIC as _CYRILLIC


def stem_types(types: np.ndarray) -> np.ndarray:
    """Stem each type (not each token) once.

    Parameters
    ----------
    types : numpy.ndarray
        Unique word types.

    Returns
    -------
    numpy.ndarray
        The stem of each type, same order.
    """
    en = SnowballStemmer("english")
    ru = SnowballStemmer("russian")
    return np.array(
        [ru.stem(t) if _CYRILLIC.search(t) else en.stem(t) for t in types], dtype=object
    )
