"""The language of each article: the corpus's ``language`` column, or detected offline.

Everything that uses language resources (stop words, lemmas, stems, sentence rules,
lexicons) picks them **per article** from :func:`article_languages`:

1. a non-empty ``language`` value in the corpus is used as given (lowercased; ``ru``,
   ``uk``, ``en``...), with ``detected = False``;
2. otherwise the language is **detected** from the text with ``py3langid`` (a fork of
   langid.py, Lui & Baldwin 2012, that ships its model: nothing is downloaded), and
   ``detected = True`` says so. Detection runs on each paragraph (blocks separated by a
   blank line) of at least :data:`MIN_LETTERS` letters; the article gets the language
   with the most letters.

An article is **mixed** when a second language holds at least :data:`MIXED_SHARE` of
its paragraph letters (a Russian article quoting an English statement at length, a
bilingual page): such rows are reported, never silently split. Only ``en``, ``ru`` and
``uk`` have language resources in the toolkit; other languages are reported as detected
and get none.

Russian and Ukrainian share most of the Cyrillic alphabet; langid.py tells them apart
from character n-grams and is reliable on paragraphs, weaker on a single short sentence
(headlines): give the ``language`` column when you know it.

Reference: Lui, M., & Baldwin, T. (2012). langid.py: An off-the-shelf language
identification tool. ACL System Demonstrations.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .schema import CorpusError

__all__ = ["LANGUAGES", "MIN_LETTERS", "MIXED_SHARE", "article_languages", "detect_language"]

LANGUAGES: tuple[str, ...] = ("en", "ru", "uk")
"""Languages with resources in the toolkit (stop words, lemmas or stems, sentence rules, lexicons)."""

MIN_LETTERS = 20
"""Paragraphs with fewer letters than this are not used for detection."""

MIXED_SHARE = 0.2
"""A second language with at least this share of an article's letters makes it mixed."""

CYRILLIC = re.compile("[\u0400-\u04FF]")  # the characters themselves, so Arrow's RE2 reads it too
"""A letter of the Cyrillic script (Russian, Ukrainian...): one definition for the stemmer,
the lemma and stem views and the actor list."""

_PARAGRAPH = re.compile(r"\n\s*\n")
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_language(text: str) -> str:
    """The most probable language of one text (ISO 639-1 code), by ``py3langid``.

    Parameters
    ----------
    text : str
        Any text; a paragraph or more is reliable, a headline less so.

    Returns
    -------
    str
        A language code (``"en"``, ``"ru"``, ``"uk"``...), or ``""`` for a text without
        letters.

    Examples
    --------
    >>> from toolkit.language import detect_language
    >>> detect_language("Российские войска продолжают наступление на востоке страны.")
    'ru'
    >>> detect_language("Російські війська продовжують наступ на сході країни.")
    'uk'
    """
    if not isinstance(text, str) or not _LETTER.search(text):
        return ""
    return str(_identifier().classify(text)[0])


def _paragraph_languages(text: str) -> dict[str, int]:
    """Letters per detected language over the paragraphs of a text."""
    letters: dict[str, int] = {}
    for para in _PARAGRAPH.split(text):
        n = len(_LETTER.findall(para))
        if n < MIN_LETTERS:
            continue
        lang = detect_language(para)
        letters[lang] = letters.get(lang, 0) + n
    if not letters and _LETTER.search(text):  # only short paragraphs: the whole text
        letters[detect_language(text)] = len(_LETTER.findall(text))
    return letters


def article_languages(corpus: pd.DataFrame, *, detect: bool = False) -> pd.DataFrame:
    """The language of every article, with whether it was detected and whether it is mixed.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus; its ``language`` column is used where it has a value.
    detect : bool, default False
        Detect every article's language, also where the column gives one (to check the
        column: rows where the two disagree are worth reading).

    Returns
    -------
    pandas.DataFrame
        One row per article, in corpus order: ``doc_id``, ``language`` (the code used),
        ``detected`` (True when the code comes from detection), ``mixed`` (a second
        language holds at least :data:`MIXED_SHARE` of the paragraph letters; only
        known for detected rows), ``languages`` (letters per detected language, e.g.
        ``"ru 812, en 240"``; empty when not detected) and ``given`` (the column's
        value, ``""`` when absent).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.language import article_languages
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "language": ["ru", None], "text": [
    ...     "Войска отошли.", "Війська відійшли з правого берега Дніпра, повідомили в штабі."]})
    >>> article_languages(c)[["doc_id", "language", "detected"]].values.tolist()
    [['a', 'ru', False], ['b', 'uk', True]]
    """
    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns or "doc_id" not in corpus.columns:
        raise CorpusError("article_languages: expects a corpus DataFrame with 'doc_id' and 'text' columns")
    given = (corpus["language"] if "language" in corpus.columns else pd.Series([None] * len(corpus)))
    rows = []
    for doc_id, text, g in zip(corpus["doc_id"], corpus["text"], given, strict=True):
        g = g.strip().lower() if isinstance(g, str) else ""
        if g and not detect:
            rows.append((doc_id, g, False, False, "", g))
            continue
        letters = _paragraph_languages(text if isinstance(text, str) else "")
        ranked = sorted(letters.items(), key=lambda kv: (-kv[1], kv[0]))
        total = sum(letters.values())
        lang = ranked[0][0] if ranked else ""
        mixed = len(ranked) > 1 and ranked[1][1] >= MIXED_SHARE * total
        detail = ", ".join(f"{k} {v}" for k, v in ranked)
        rows.append((doc_id, g if g and not detect else lang, True, mixed, detail, g))
    return pd.DataFrame(rows, columns=["doc_id", "language", "detected", "mixed", "languages", "given"])
