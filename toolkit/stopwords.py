"""Stop words: words left out of frequency and keyness tables when asked.

The bundled list ``data/stopwords/news_en.txt`` has two parts: English function words,
and reporting noise that every outlet's news copy is full of (``said``, ``told``,
``according``, ``mr``, weekday names...). With ``source="auto"`` (the default) the
function-word part is replaced by NLTK's English stop-word list *when NLTK's
``stopwords`` data happens to be installed* on the machine (it is never downloaded);
otherwise the bundled list is used. Pass ``which="bundled"`` for results that do not
depend on the machine. The reporting-noise part is always added.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Literal

from ._compat import renamed
from .paths import data_dir

if TYPE_CHECKING:
    from .index import TokenIndex


@cache
def _bundled() -> tuple[frozenset[str], frozenset[str]]:
    path = data_dir() / "stopwords" / "news_en.txt"
    function, noise = set(), set()
    target = function
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("## reporting noise"):
            target = noise
            continue
        if not line or line.startswith("#"):
            continue
        target.add(line.lower())
    return frozenset(function), frozenset(noise)


def _nltk_english() -> frozenset[str] | None:
    try:
        from nltk.corpus import stopwords as nltk_stopwords

        return frozenset(nltk_stopwords.words("english"))
    except LookupError:
        return None


STOPWORD_LANGUAGES: tuple[str, ...] = ("en", "ru", "uk")
"""Languages with a bundled stop-word list (``data/stopwords/``)."""


@cache
def _bundled_other(language: str) -> frozenset[str]:
    path = data_dir() / "stopwords" / f"{language}.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower())
    return frozenset(words)


@renamed(source="which", keep="remove")
def get_stopwords(
    which: Literal["auto", "bundled", "nltk"] = "auto",
    *,
    language: str | Iterable[str] = "en",
    extra: Iterable[str] = (),
    remove: Iterable[str] = (),
) -> frozenset[str]:
    """The stop-word set.

    Parameters
    ----------
    which : {"auto", "bundled", "nltk"}, default "auto"
        Where the English function words come from: ``"bundled"`` (the project's list),
        ``"nltk"`` (NLTK's English list; an error if its data is not installed) or
        ``"auto"`` (NLTK's when installed, else the bundled list).
    language : str or iterable of str, default "en"
        The language(s) whose lists are joined: ``"en"``, ``"ru"`` (``data/stopwords/ru.txt``),
        ``"uk"`` (``uk.txt``; compiled for newsframes, provenance in
        ``data/stopwords/README.md``).
    extra : iterable of str
        Words to add (e.g. outlet names).
    remove : iterable of str
        Words to take out of the list (e.g. ``"not"`` for a negation study).

    Returns
    -------
    frozenset of str
        Lowercase stop words.

    Examples
    --------
    >>> import toolkit
    >>> stop = toolkit.get_stopwords("bundled")   # the same list on every machine
    >>> "the" in stop, "said" in stop
    (True, True)
    >>> "not" in toolkit.get_stopwords("bundled", remove=["not"])
    False
    >>> "kyiv" in toolkit.get_stopwords("bundled", extra=["Kyiv"])
    True
    >>> "что" in toolkit.get_stopwords(language="ru"), "що" in toolkit.get_stopwords(language="uk")
    (True, True)
    """
    langs = [language] if isinstance(language, str) else list(language)
    unknown = [x for x in langs if x not in STOPWORD_LANGUAGES]
    if unknown:
        raise ValueError(f"no stop-word list for language(s) {unknown}; available: {list(STOPWORD_LANGUAGES)}")
    other = frozenset().union(*(_bundled_other(x) for x in langs if x != "en"))
    if "en" not in langs:
        return frozenset((set(other) | {w.lower() for w in extra}) - {w.lower() for w in remove})
    function, noise = _bundled()
    source = which
    if source not in ("auto", "bundled", "nltk"):
        raise ValueError(f"which must be 'auto', 'bundled' or 'nltk', got {source!r}")
    if source in ("auto", "nltk"):
        nl = _nltk_english()
        if nl is None and source == "nltk":
            raise LookupError(
                "NLTK's stopwords data is not installed; newsframes never downloads it. "
                "Use which='bundled' (the default list) or install the data yourself."
            )
        if nl is not None:
            function = nl
    words = (set(function) | set(noise) | other | {w.lower() for w in extra}) - {w.lower() for w in remove}
    return frozenset(words)


def resolve_stopwords(stopwords: bool | Iterable[str] | None, index: TokenIndex | None = None) -> frozenset[str]:
    """Turn a ``stopwords=`` argument into a set.

    Parameters
    ----------
    stopwords : bool, iterable of str or None
        ``True`` for :func:`get_stopwords` defaults, ``False``/``None`` for none, or
        your own collection of words.
    index : TokenIndex, optional
        The index counted from: with ``True``, the lists of the languages of its
        articles (:meth:`toolkit.index.TokenIndex.languages`) are joined to the English
        one, so Russian and Ukrainian articles lose their own function words.

    Returns
    -------
    frozenset of str
        The words to leave out.
    """
    if stopwords is None or stopwords is False:
        return frozenset()
    if stopwords is True:
        langs = {"en"}
        if index is not None:
            langs |= {x for x in index.languages(cyrillic_only=True) if x in STOPWORD_LANGUAGES}
        return get_stopwords(language=sorted(langs))
    if isinstance(stopwords, str):
        raise TypeError("stopwords must be True/False or a collection of words, not a string")
    return frozenset(w.lower() for w in stopwords)
