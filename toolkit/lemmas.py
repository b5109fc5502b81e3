"""Lemmas for Russian and Ukrainian: counting and matching that see through inflection.

Russian and Ukrainian inflect heavily: *специальная военная операция* appears as
*специальной военной операции*, *специальную военную операцию*...; Ukrainian *війна*
as *війни*, *війні*, *війною*. A word index counts each form apart. The **lemma view**
(:meth:`toolkit.index.TokenIndex.lemma_view`, ``index.view(lemma=True)``) replaces each
token of a Russian or Ukrainian article by its dictionary form, found by **pymorphy3**
(Korobov 2015) with its OpenCorpora-based Russian dictionary (``pymorphy3-dicts-ru``) or
its Ukrainian dictionary (``pymorphy3-dicts-uk``), both installed from the package index,
nothing downloaded at run time. Lemmatisation runs once per (language, word type), not
per token.

Ambiguity
---------
pymorphy3 returns every possible analysis of a word out of context, each with a score
(for Russian an estimate of how often it is right; the Ukrainian dictionary gives every
analysis the same score). The view takes the lemma whose analyses have the **highest
summed score**, the first listed on a tie: *війни* has one verb analysis (*війнути*)
and two noun analyses (*війна*, genitive singular and nominative plural), so it is
*війна*.
No sentence context is used, so homographs can get the wrong lemma (*стали*: "became"
or "steel"; *мир*: "peace" or "world" share one lemma anyway; *вести*: "to lead" or
"news"). Words the dictionary does not know are lemmatised by analogy with known
endings (proper names, new words); an unknown word may stay as it is. Read the forms
behind a lemma (:func:`lemma_forms`) before trusting a count.

Languages
---------
The language of each article comes from :func:`toolkit.language.article_languages`
(the ``language`` column, else detection). ``ru`` and ``uk`` are lemmatised with their
own dictionaries: Ukrainian is never analysed as Russian (the same string may be a
different word: *мати* is "to have"/"mother" in Ukrainian, *мать* in Russian). Articles
in other languages keep their word forms in the lemma view (English counting uses
Snowball stems: ``stem=True``).

Reference: Korobov, M. (2015). Morphological analyzer and generator for Russian and
Ukrainian languages. AIST 2015, 320-332.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np

__all__ = ["LEMMA_LANGUAGES", "lemmatize"]

LEMMA_LANGUAGES: tuple[str, ...] = ("ru", "uk")
"""Languages the lemma view lemmatises (pymorphy3 dictionaries)."""


@lru_cache(maxsize=2)
def _analyzer(language: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=200_000)
def _lemma(word: str, language: str) -> str:
    if not any(ch.isalpha() for ch in word):
        return word
    parses = _analyzer(language).parse(word.replace("’", "'").replace("ʼ", "'"))
    if not parses:
        return word
    # the lemma with the highest summed score over its analyses; ties: the first listed
    total: dict[str, float] = {}
    for p in parses:
        total[p.normal_form] = total.get(p.normal_form, 0.0) + p.score
    return max(total, key=total.__getitem__)


def lemmatize(words: Iterable[str], language: str) -> np.ndarray:
    """The most probable lemma of each word (pymorphy3), for Russian or Ukrainian.

    Parameters
    ----------
    words : sequence of str
        Word forms (lowercase, as in the index).
    language : str
        ``"ru"`` or ``"uk"``; any other language returns the words unchanged.

    Returns
    -------
    numpy.ndarray
        One lemma per word, same order (object dtype).

    Examples
    --------
    >>> from toolkit.lemmas import lemmatize
    >>> lemmatize(["специальной", "военной", "операции"], "ru").tolist()
    ['специальный', 'военный', 'операция']
    >>> lemmatize(["повномасштабного", "вторгнення"], "uk").tolist()
    ['повномасштабний', 'вторгнення']
    >>> lemmatize(["troops"], "en").tolist()
    ['troops']
    """
    words = list(words)
    if language not in LEMMA_LANGUAGES:
        return np.array(words, dtype=object)
    return np.array([_lemma(w, language) for w in words], dtype=object)
