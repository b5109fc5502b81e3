"""Speaker phrases: the words next to a reporting verb that name who is speaking.

No parser model can be downloaded, so a speaker is found by reading the words around a
reporting verb with short rules (used by :mod:`toolkit.attribution`):

* **before the verb** (*X said*): skip auxiliaries and adverbs (*has*, *also*, *later*),
  then read a noun phrase leftwards: capitalised words (names, *US*, *Kremlin's*),
  role nouns from the actor list (*spokesman*, *officials*, *ministry*), a small list
  of modifiers (*senior*, *former*, *defence*), *of* inside a role (*the mayor of
  Mariupol*), up to and including a determiner (*the*, *a*). A pronoun (*he*, *she*,
  *they*) is a speaker on its own.
* **apposition** (*Dmitry Peskov, the Kremlin spokesman, said*; *the spokesman, Dmitry
  Peskov, said*): the name is the speaker.
* **relative clause** (*Peskov, who said*): the phrase before *, who*.
* **after the verb** (*..., said Dmitry Peskov*; *according to the ministry*): the same
  phrase read rightwards, and a name in apposition after a role (*said the Kremlin
  spokesman, Dmitry Peskov*).

A phrase must end in a name, a role noun, a pronoun or a document noun (*the report
said*); a possessive (*Russia's claims*) is not a speaker. These are heuristics: a
capitalised word at the start of a sentence, a lowercase adjective that is not in the
modifier list, or a long descriptive phrase can cut a speaker short or lose it; the
rules never cross a sentence boundary.
"""

from __future__ import annotations

import re
from collections.abc import Collection

__all__ = ["speaker_after", "speaker_before", "tokens"]

_TOK = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[’'.-]\w+)*|[^\w\s]")

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
DETERMINERS = frozenset({"the", "a", "an", "one", "two", "three", "four", "several", "some",
                         "many", "other", "another", "both", "all", "most", "his", "her",
                         "their", "its", "our", "this", "these", "those", "no"})
AUXILIARIES = frozenset("""has have had also later then previously repeatedly again once
    recently earlier separately similarly further would will may might could can did does
    do reportedly publicly privately flatly firmly angrily bluntly simply often frequently
    never always just already still even only not n't quickly immediately subsequently
    initially originally yet now is are was were been be being""".split())
_BE = frozenset({"is", "are", "was", "were", "been", "be", "being"})
MODIFIERS = frozenset("""senior top former deputy chief local regional military defence
    defense foreign intelligence security government western european american unnamed
    anonymous other state federal health emergency press police city national
    presidential prime ukrainian russian british german french polish independent retired
    prominent leading longtime veteran many some several few two three four five
    spokesman spokeswoman press-secretary acting interim district county provincial
    separatist opposition rebel pro-russian pro-kremlin kremlin-backed russian-backed
    administration campaign party republican democratic democrat conservative liberal
    white house high-ranking high-level mid-level lower-level ranking current
    independent international un eu nato us u.s. uk
    """.split())
DOCUMENT_NOUNS = frozenset("""report statement document letter study survey analysis
    assessment memo data poll agreement complaint lawsuit filing indictment ruling
    order bill website post tweet release communique communiqué update bulletin
    readout transcript""".split())
FUNCTION_WORDS = frozenset("""but and or so yet however meanwhile still then when while
    after before as if because although though since until in on at by for with from to
    into of about over under during without within across against among between than
    there here this that these those what which who whom whose where why how also
    not no yes asked speaking monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    today yesterday tonight""".split())


def tokens(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Word and punctuation tokens of ``text`` with character offsets (+ ``offset``).

    Parameters
    ----------
    text : str
        A stretch of text (usually part of one sentence).
    offset : int, default 0
        Added to every offset (the stretch's start in the article).

    Returns
    -------
    list of (str, int, int)
        ``(token, start, end)``.

    Examples
    --------
    >>> from toolkit.speakers import tokens
    >>> [t for t, _, _ in tokens("The Kremlin’s spokesman, Mr. Peskov, said")]
    ['The', 'Kremlin’s', 'spokesman', ',', 'Mr', '.', 'Peskov', ',', 'said']
    """
    return [(m.group(), m.start() + offset, m.end() + offset) for m in _TOK.finditer(text)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and tok.lower() not in FUNCTION_WORDS and tok.lower() not in DETERMINERS


def _is_role(tok: str, roles) -> bool:
    t = tok.lower()
    return t in roles or (t.endswith("s") and t[:-1] in roles) or t in DOCUMENT_NOUNS


def _is_possessive(tok: str) -> bool:
    return tok.endswith(("’s", "'s", "s’", "s'"))


def _head_ok(tok: str, roles) -> bool:
    if tok.lower() in PRONOUNS:
        return True
    if _is_possessive(tok):
        return False
    return _is_cap(tok) or _is_role(tok, roles)


def _inside(toks, i: int, roles, titles) -> bool:
    """Whether token ``i`` can sit inside a speaker phrase (to the left of its head)."""
    t = toks[i][0]
    low = t.lower()
    if t == "." and i > 0 and (toks[i - 1][0] in titles or (len(toks[i - 1][0]) == 1 and toks[i - 1][0].isupper())):
        return True  # "Mr." and the initial of "Michael R. Bloomberg"
    if t == "-" or t == "’s" or t == "'s":
        return True
    if _is_cap(t) or _is_role(t, roles) or low in MODIFIERS:
        return True
    return False


def _relaxed_start(toks, j: int, roles, titles) -> int | None:
    """Start of a phrase with a lowercase head not in the lists: *the owner*, *Stone's
    attorney*, *the US treasury department*, *critics of the plan* (None: not a phrase)."""
    tok = toks[j][0]
    if not tok.isalpha() or not tok.islower() or tok in FUNCTION_WORDS or tok in PRONOUNS:
        return None
    for back in range(1, 5):
        i = j - back
        if i < 0:
            return None
        t = toks[i][0]
        if not t[:1].isalnum():
            return None
        low = t.lower()
        if low in DETERMINERS:
            return i
        if low == "of" and i - 1 >= 0 and (_is_role(toks[i - 1][0], roles) or _is_cap(toks[i - 1][0])):
            return _phrase_back(toks, i - 1, roles, titles)
        if _is_possessive(t):
            k = i
            while k - 1 >= 0 and (_is_cap(toks[k - 1][0]) or toks[k - 1][0].lower() in MODIFIERS):
                k -= 1
            if k - 1 >= 0 and toks[k - 1][0].lower() in DETERMINERS:
                k -= 1
            return k
        if low in FUNCTION_WORDS or low in AUXILIARIES:
            return None
    return None


def _phrase_back(toks, j: int, roles, titles) -> int | None:
    """Start index of the speaker phrase whose head is token ``j`` (None: no phrase)."""
    if j < 0:
        return None
    if not _head_ok(toks[j][0], roles):
        return _relaxed_start(toks, j, roles, titles)
    if toks[j][0].lower() in PRONOUNS:
        return j
    i = j
    while i - 1 >= 0:
        prev = toks[i - 1][0]
        if _inside(toks, i - 1, roles, titles):
            i -= 1
            continue
        # "the mayor of Mariupol", "the head of the Donetsk region"
        if prev.lower() == "of" and i - 2 >= 0 and (
                _is_role(toks[i - 2][0], roles) or toks[i - 2][0].lower() in ("head", "members", "member")):
            i -= 2
            continue
        if prev.lower() == "the" and i - 2 >= 0 and toks[i - 2][0].lower() == "of":
            i -= 1
            continue
        break
    if i - 1 >= 0 and toks[i - 1][0].lower() in DETERMINERS:
        i -= 1
    # a phrase made only of a determiner and lowercase modifiers is not a speaker
    return i


def _is_name(toks, a: int, b: int, roles, markers) -> bool:
    """A phrase that names someone: its head (last word) is a capitalised word that is not
    a role, a side marker or a possessive (*Dmytro Kuleba*, not *Ukraine's foreign minister*)."""
    if b < a:
        return False
    head = toks[b][0]
    return (_is_cap(head) and not _is_role(head, roles) and not _is_possessive(head)
            and head.replace("’", "'") not in markers)


Tokens = list[tuple[str, int, int]]


def speaker_before(
    toks: Tokens, roles: Collection[str], titles: Collection[str], markers: Collection[str]
) -> tuple[int, int, str] | None:
    """The speaker phrase that ends right before a reporting verb.

    Parameters
    ----------
    toks : list of (str, int, int)
        Tokens from the start of the sentence up to the verb (:func:`tokens`).
    roles : collection of str
        Role nouns (lowercase, singular) from the actor list.
    titles : collection of str
        Titles (*Mr*, *Gen*) after which a dot stays in the phrase.
    markers : collection of str
        Side markers (*Russian*, *US*) that do not make a phrase a name.

    Returns
    -------
    tuple of (int, int, str) or None
        Index of the first and last token of the phrase and the rule that found it
        (``before``, ``apposition``, ``relative``, ``pronoun``), or None.

    Examples
    --------
    >>> from toolkit.speakers import speaker_before, tokens
    >>> toks = tokens("Dmitry Peskov, the Kremlin spokesman, ")
    >>> a, b, rule = speaker_before(toks, {"spokesman"}, {"Mr"}, {"Kremlin"})
    >>> " ".join(t for t, _, _ in toks[a:b + 1]), rule
    ('Dmitry Peskov', 'apposition')
    """
    j = len(toks) - 1
    while j >= 0:
        low = toks[j][0].lower()
        if low in AUXILIARIES or (low.endswith("ly") and low.isalpha() and len(low) > 4):
            j -= 1
        elif toks[j][0] == ")":  # a parenthesis before the verb: "Warren (D-Mass.) tweeted"
            k = j - 1
            while k >= 0 and toks[k][0] != "(" and j - k < 10:
                k -= 1
            if k < 0 or toks[k][0] != "(":
                break
            j = k - 1
        else:
            break
    if j < 0:
        return None
    t = toks[j][0]
    if t.lower() in PRONOUNS:
        return (j, j, "pronoun")
    if t.lower() == "who" and j >= 2:
        h = j - 2 if toks[j - 1][0] == "," else j - 1  # "Peskov, who said" / "officials in Kyiv who said"
        a = _phrase_back(toks, h, roles, titles)
        return (a, h, "relative") if a is not None else None
    if t == ",":
        # X, <apposition or short clause>, said: the previous comma within 24 tokens
        b = j - 1
        k = b
        while k >= 0 and toks[k][0] != "," and b - k < 24:
            if toks[k][0] in (".", ";", ":", "!", "?") or toks[k][0] in "“”\"«»„":
                return None
            k -= 1
        if k < 0 or toks[k][0] != ",":
            return None
        a = _phrase_back(toks, b, roles, titles)
        inner_is_name = a is not None and a == k + 1 and _is_name(toks, a, b, roles, markers)
        c = _phrase_back(toks, k - 1, roles, titles)
        outer_is_name = c is not None and _is_name(toks, c, k - 1, roles, markers)
        if inner_is_name and not outer_is_name:
            return (a, b, "apposition")  # the spokesman, Dmitry Peskov, said
        if c is None or not _head_ok(toks[k - 1][0], roles):
            return None  # the outer phrase must end in a name, a role or a pronoun
        return (c, k - 1, "apposition")  # Dmitry Peskov, the Kremlin spokesman, said
    a = _phrase_back(toks, j, roles, titles)
    if a is None:
        return None
    # "a source familiar with the talks said": the source, not the talks
    for tail in (("familiar", "with"), ("close", "to"), ("briefed", "on"), ("with", "knowledge", "of")):
        k = a - len(tail)
        if k - 1 >= 0 and tuple(t.lower() for t, _, _ in toks[k:a]) == tail:
            c = _phrase_back(toks, k - 1, roles, titles)
            if c is not None:
                return (c, j, "before")
    return (a, j, "before")


def speaker_after(
    toks: Tokens, roles: Collection[str], titles: Collection[str], markers: Collection[str]
) -> tuple[int, int, str] | None:
    """The speaker phrase that starts right after a reporting verb (``said X``).

    Parameters
    ----------
    toks : list of (str, int, int)
        Tokens from just after the verb to the end of the sentence.
    roles, titles, markers : collections of str
        As for :func:`speaker_before`.

    Returns
    -------
    tuple of (int, int, str) or None
        First and last token index of the phrase and the rule (``after`` or
        ``after_apposition``), or None.

    Examples
    --------
    >>> from toolkit.speakers import speaker_after, tokens
    >>> toks = tokens("the Kremlin spokesman, Dmitry Peskov.")
    >>> a, b, rule = speaker_after(toks, {"spokesman"}, {"Mr"}, {"Kremlin"})
    >>> " ".join(t for t, _, _ in toks[a:b + 1]), rule
    ('Dmitry Peskov', 'after_apposition')
    """
    n = len(toks)
    if n and toks[0][0].lower() in PRONOUNS:
        return (0, 0, "pronoun")
    i = 0
    start = 0
    relaxed = False
    if i < n and toks[i][0].lower() in DETERMINERS:
        i += 1
        relaxed = True
    last = None
    while i < n and i < 14:
        t = toks[i][0]
        low = t.lower()
        if _is_possessive(t):
            relaxed = True
            i += 1
            continue
        if _is_cap(t) or _is_role(t, roles):
            last = i
            i += 1
            continue
        if low in MODIFIERS or t == "-" or (t == "." and i > 0 and toks[i - 1][0] in titles):
            i += 1
            continue
        if low == "of" and last is not None and i + 1 < n:
            i += 1
            continue
        if relaxed and last is None and t.isalpha() and t.islower() and low not in FUNCTION_WORDS \
                and low not in AUXILIARIES:
            i += 1
            continue
        break
    if last is None:
        return None
    if (not _is_name(toks, start, last, roles, markers) and last + 2 < n and toks[last + 1][0] == ","):
        k = last + 2
        m = k
        while m < n and (_is_cap(toks[m][0]) or (toks[m][0] == "." and toks[m - 1][0] in titles)):
            m += 1
        if m > k and _is_name(toks, k, m - 1, roles, markers):
            return (k, m - 1, "after_apposition")
    return (start, last, "after")
