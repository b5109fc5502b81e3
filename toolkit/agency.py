"""Agency and voice: who acts, who is acted upon, and who disappears from the clause.

Framing of a defeat lives in grammar as much as in words (Fowler 1991; van Leeuwen 2008):
*Ukrainian forces drove Russian troops out of Kherson* (Russia is the patient),
*Russian troops withdrew* (Russia is the agent of a neutral verb), *troops were pulled
back* (an agentless passive: nobody pulled), *the withdrawal was completed* (a
nominalisation: the event without a doer). :func:`agency` gives every actor mention
(:func:`toolkit.mentions.actor_mentions`) a grammatical role, and every sentence its
passives and nominalised events, by readable rules over the words of the sentence (no
parser model is used or downloaded):

``passive`` verb group
    a form of *be* or *get* (*is, was, were, been, being, get, got...*), then up to two
    adverbs (*reportedly, quickly*), then a past participle: a word ending in *-ed* or a
    listed irregular participle (``data/agency/participles.txt``: *driven, shot, hit*),
    unless it is a listed adjectival false friend (``data/agency/adjectival.txt``:
    *concerned, tired, located*). It is **agentless** unless *by* follows within six words.
``nominal``
    the mention is tied to an event noun (``data/agency/nominalisations.txt``, or a noun
    in *-tion, -ment, -ance...* before *of/by/on/against*): *the withdrawal of Russian
    troops*, *Russia's invasion*, *the indictment of Russian officers*.
``passive_agent``
    the mention follows *by* after a passive group (*shelled by Russian forces*).
``patient``
    the mention is followed by a passive group (*Ukrainian troops were pushed back*), or
    follows an active verb (*pushed back Russian troops*).
``agent``
    the mention is followed by a finite active verb: an auxiliary or modal, a word in
    *-ed*, a listed irregular past (*withdrew, drove, took*), a reporting verb, or an
    *-s* verb before an object (*Russia controls the city*).
``other``
    none of these (*in Kyiv*, *talks with Russia*, *sanctions against Moscow*).

Every role comes with the ``verb`` that decided it and the ``rule``, so each row can be
read and questioned. These are heuristics: a long phrase between subject and verb, a
participle used as an adjective that is not in the list, coordination (*Russia and
Belarus*) and relative clauses are the common failures. Validation on hand-coded real
sentences (role, voice and passive detection, with a be+*-ed* baseline) is in
``data/agency/README.md``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa

from .counts import as_columns
from .forked import map_chunks
from .intervals import category_shares
from .paths import data_dir
from .reporting import load_reporting_verbs
from .schema import CorpusError

__all__ = ["AGENCY_COLUMNS", "ROLES", "agency", "agency_profile", "passives", "sentence_voice"]

ROLES: tuple[str, ...] = ("agent", "patient", "passive_agent", "nominal", "other")
"""The grammatical roles of an actor mention, in this order."""

AGENCY_COLUMNS: tuple[str, ...] = (
    "doc_id", "source", "date", "sentence", "mention", "actor", "group", "side", "kind",
    "start", "end", "in_quote", "role", "voice", "verb", "rule",
)
"""Columns of :func:`agency` output, in order."""

_TOK = re.compile(r"\w+(?:[’'-]\w+)*|[^\w\s]")
BE_FORMS = frozenset("be is are was were been being am get gets got gotten getting 's 're".split())
_ADVERBS_MAX = 2
_AUX = frozenset("""has have had will would could can may might must should shall did does do
    is are was were 's 're 've 'd 'll won't can't didn't doesn't don't hasn't haven't hadn't
    wouldn't couldn't shouldn't isn't aren't wasn't weren't""".split())
_PARTICLES = frozenset("back out off up down away over into from".split())
_IRREGULAR_PAST = frozenset("""withdrew drove took fought struck shot began led won lost sent held
    made seized hit kept left brought caught told said saw gave put set cut ran fled fell rose
    threw tore beat broke chose came went got sought spoke stood stole swore thought understood
    wrote bought built dealt felt found heard knew laid meant met paid sold sat slept spent
    spread stuck swept taught overran overtook undertook withstood shook sank blew flew grew
    drew forbade froze hid bit rode rang sang swam wore won""".split())
_SKIP = frozenset("""also then now still again reportedly earlier later previously recently
    already just yet once meanwhile however""".split())
_EVENT_SUFFIX = ("tion", "sion", "ment", "ance", "ence", "ure", "ing")


def _is_event_noun(word: str, nominal: frozenset) -> bool:
    """An event noun: listed, or a noun of an event-making shape (*indictment, loss*)."""
    return word in nominal or (len(word) > 5 and word.endswith(_EVENT_SUFFIX)) or word == "loss"


def _finite(low: list[str], words: list[str], j: int, reporting, adjectival) -> bool:
    """Whether token ``j`` looks like a finite active verb."""
    w = low[j]
    if w in _AUX or w in reporting or w in _IRREGULAR_PAST:
        return True
    if w.endswith("ed") and len(w) > 3 and w not in adjectival:
        return True
    n = len(low)
    return (w.endswith("s") and not w.endswith("ss") and len(w) > 3 and j + 1 < n
            and (low[j + 1] in _DETERMINERS or low[j + 1] in ("to", "that") or words[j + 1][:1].isupper()))


_DETERMINERS = frozenset("the a an its their his her this that these those some any all no".split())


def _read_list(name: str) -> frozenset[str]:
    path = data_dir() / "agency" / name
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.append(line)
    return frozenset(words)


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset, frozenset, frozenset, frozenset]:
    verbs = load_reporting_verbs()
    reporting = frozenset(f for f in verbs.forms if " " not in f)
    return (_read_list("participles.txt"), _read_list("adjectival.txt"),
            _read_list("nominalisations.txt"), reporting)


def _participle(word: str, participles: frozenset, adjectival: frozenset) -> bool:
    w = word.lower()
    if w in adjectival:
        return False
    return w in participles or (w.endswith("ed") and len(w) > 3)


def passives(words: Sequence[str]) -> list[tuple[int, int, bool]]:
    """Passive verb groups in a sentence's words: ``(first, last, has_by_agent)``.

    Parameters
    ----------
    words : sequence of str
        The word tokens of one sentence.

    Returns
    -------
    list of (int, int, bool)
        Index of the *be*/*get* form, index of the participle, and whether *by* follows
        within six words (an agent is named).

    Examples
    --------
    >>> from toolkit.agency import passives
    >>> passives("Russian troops were quickly pushed back by Ukrainian forces".split())
    [(2, 4, True)]
    >>> passives("Residents were worried and tired".split())
    []
    """
    return _passive_groups([w.lower() for w in words])


def _passive_groups(low: list[str]) -> list[tuple[int, int, bool]]:
    """:func:`passives` on lowercased words."""
    participles, adjectival, _, _ = _lists()
    out = []
    n = len(low)
    for i, w in enumerate(low):
        if w not in BE_FORMS:
            continue
        j = i + 1
        skipped = 0
        while j < n and skipped < _ADVERBS_MAX and (low[j].endswith("ly") or low[j] in _PASSIVE_ADVERBS):
            j += 1
            skipped += 1
        if j < n and _participle(low[j], participles, adjectival):
            if low[j] == "used" and j + 1 < n and low[j + 1] == "to":
                continue  # "are used to shelling": a habit, not a passive
            stop = next((k for k in range(j + 1, min(n, j + 7)) if low[k] in BE_FORMS or low[k] in (";", ".")), j + 7)
            by = "by" in low[j + 1:stop]
            out.append((i, j, by))
    return out


_PASSIVE_ADVERBS = frozenset(("not", "also", "being", "been", "still", "reportedly", "already", "never"))


def _sentence_parts(text: str, s: int, e: int) -> tuple[list[str], list[str], list[int], list[int]]:
    """Words, lowercased words, start and end offsets of the tokens of ``text[s:e]``."""
    ms = list(_TOK.finditer(text, s, e))
    if not ms:
        return [], [], [], []
    words = [m.group() for m in ms]
    low = "\x00".join(words).lower().split("\x00")  # one lower() for the whole sentence
    starts, ends = map(list, zip(*[m.span() for m in ms], strict=True))
    return words, low, starts, ends


def _role(words: list[str], low: list[str], a: int, b: int,
          groups: list[tuple[int, int, bool]]) -> tuple[str, str, str]:
    """Role of the mention covering word tokens a..b (inclusive): (role, verb, rule)."""
    participles, adjectival, nominal, reporting = _lists()
    n = len(low)
    # nominal: "the withdrawal of [Russian troops]", "[Russia]'s invasion"
    if a >= 2 and low[a - 1] in ("of", "by") and low[a - 2] in nominal:
        return "nominal", low[a - 2], "nominal_of"
    k = b + 1
    if k < n and low[k] in ("'s", "’s", "'"):
        k += 1
    if k < n and low[k] in nominal:
        return "nominal", low[k], "nominal_after"
    if k + 1 < n and low[k + 1] in nominal and low[k] not in _AUX and not low[k].endswith("ed"):
        return "nominal", low[k + 1], "nominal_after"
    if a >= 2 and low[a - 1] in ("of", "by", "on", "against") and _is_event_noun(low[a - 2], nominal):
        return "nominal", low[a - 2], "nominal_of"
    # passive agent: "... shelled by [Russian forces]", "the seat vacated by [X]"
    if a >= 1 and low[a - 1] == "by":
        if any(last < a - 1 and a - 1 - last <= 6 for _, last, _ in groups):
            verb = next(low[last] for _, last, _ in reversed(groups) if last < a - 1)
            return "passive_agent", verb, "by_after_passive"
        if a >= 2 and _participle(low[a - 2], participles, adjectival):
            return "passive_agent", low[a - 2], "by_after_participle"
    # "said [the United Nations] deputy spokesman": the speaker after a reporting verb
    if a >= 1 and low[a - 1] in reporting and (a < 2 or words[a - 2] in (",", "”", '"')):
        return "agent", low[a - 1], "speaker_after_verb"
    # subject: the next words, skipping a name after a title (*Kremlin spokesperson Dmitry
    # Peskov*), an apposition in commas, a parenthesis, adverbs and time phrases, and the rest
    # of a noun phrase the mention sits in (*the Russian embassy in the UK*), up to 7 words
    j = b + 1
    while j < n and words[j][:1].isupper() and low[j] not in _AUX:
        j += 1
    if j < n and words[j] == "(":
        close = next((t for t in range(j + 1, min(n, j + 8)) if words[t] == ")"), None)
        j = close + 1 if close is not None else j
    if j < n and words[j] == ",":  # "Russia, which ..., said": skip to the next comma
        close = next((t for t in range(j + 1, min(n, j + 15)) if words[t] == ","), None)
        if close is not None:
            j = close + 1
    limit = min(n, j + 7)
    while j < limit:
        w = low[j]
        if (w.endswith("ly") and len(w) > 4) or w in _SKIP:
            j += 1
            continue
        if w == "on" and j + 1 < n and words[j + 1][:1].isupper():
            j += 2
            continue
        if any(first == j or (first == j + 1 and w in _AUX) for first, _, _ in groups):
            last = next(last for first, last, _ in groups if first in (j, j + 1))
            return "patient", low[last], "subject_of_passive"
        if _finite(low, words, j, reporting, adjectival):
            verb = w
            if w in _AUX:  # the main verb after the auxiliary, past adverbs and "not"
                k = j + 1
                while k < n and (low[k] in ("not", "n't", "never") or low[k] in _SKIP
                                 or (low[k].endswith("ly") and len(low[k]) > 4)):
                    k += 1
                if k < n and low[k].isalpha() and low[k] not in _DETERMINERS:
                    verb = low[k]
            return "agent", verb, "subject_of_active"
        if not w[:1].isalnum() or w in ("that", "who", "which", "whose", "where", "when", "if", "as", "and", "but"):
            break
        j += 1
    # object: "[verb] (back|out ...)? (the|Mr.)? [mention]"
    i = a - 1
    if i >= 0 and words[i] == "." and i >= 1 and words[i - 1] in ("Mr", "Ms", "Mrs", "Dr"):
        i -= 2
    if i >= 0 and low[i] in _DETERMINERS:
        i -= 1
    if i >= 1 and low[i - 1] == "to" and low[i].isalpha() and low[i] not in _DETERMINERS and low[i] not in _SKIP:
        return "patient", low[i], "object_of_infinitive"
    if i >= 0 and low[i] in _PARTICLES:
        i -= 1
    if i >= 0:
        w = low[i]
        before_be = i >= 1 and low[i - 1] in BE_FORMS
        if not before_be and (w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 3 and w not in adjectival)
                              or w in participles and i >= 1 and low[i - 1] in _AUX):
            return "patient", w, "object_of_active"
    return "other", "", "none"


_ROLE_CODE = {r: i for i, r in enumerate(ROLES)}
_VOICE = {"agent": "active", "patient": "", "passive_agent": "passive", "nominal": "none", "other": "none"}


def sentence_voice(text: str) -> dict:
    """Passive clauses of one sentence (or any short text).

    Parameters
    ----------
    text : str
        A sentence.

    Returns
    -------
    dict
        ``passive`` (any passive group), ``agentless`` (a passive group with no *by*
        agent), ``passives`` (the participles of the passive groups).

    Examples
    --------
    >>> from toolkit.agency import sentence_voice
    >>> sentence_voice("Three civilians were killed and the bridge was destroyed by shelling.")
    {'passive': True, 'agentless': True, 'passives': ['killed', 'destroyed']}
    """
    words = [m.group() for m in _TOK.finditer(text)]
    groups = _passive_groups([w.lower() for w in words])
    return {"passive": bool(groups), "agentless": any(not by for _, _, by in groups),
            "passives": [words[last].lower() for _, last, _ in groups]}


def agency(
    corpus: pd.DataFrame,
    *,
    actors: str = "war_actors",
    progress: bool | None = None,
) -> pd.DataFrame:
    """The grammatical role of every actor mention, and the voice of its clause.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    actors : str, default "war_actors"
        The actor list (:func:`toolkit.actors.load_actors`).
    progress : bool or None
        Show a progress bar; None shows it for more than 2,000 articles.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`toolkit.mentions.actor_mentions` plus ``role`` (one of
        :data:`ROLES`), ``voice`` (``active``, ``passive`` or ``none``), ``verb`` (the word
        that decided the role) and ``rule``; ``attrs["sentences"]`` holds the sentence
        table: ``doc_id``, ``sentence``, ``passive``, ``agentless``, ``nominal`` (event
        nouns in the sentence, comma-separated).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.agency import agency
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "source": ["Wire"], "text": [
    ...     "Ukrainian forces drove Russian troops out of Kherson. Russian troops were pushed back."]})
    >>> agency(corpus)[["mention", "role", "voice", "verb"]].values.tolist()
    [['Ukrainian forces', 'agent', 'active', 'drove'], ['Russian troops', 'patient', 'active', 'drove'], ['Russian troops', 'patient', 'passive', 'pushed']]
    """
    from .scale.engine import is_lazy
    if is_lazy(corpus):
        from .scale.layers import lazy_agency
        return lazy_agency(corpus, actors=actors, progress=progress)
    from .mentions import _arrow_strings, _layer_job, _layer_mentions

    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns:
        raise CorpusError("agency: expects a corpus DataFrame with 'doc_id' and 'text' columns")
    index, cached, job = _layer_job(corpus, actors, progress)
    parts = map_chunks(_agency_chunk, job, job["n"], chars=job["chars"], desc="agency", progress=progress)
    ments = _layer_mentions(corpus, index, actors, cached, parts)
    codes = np.concatenate([p[1][0] for p in parts]) if parts else np.zeros(0, dtype=np.int8)
    out = ments.assign(role=pd.Categorical.from_codes(codes, categories=list(ROLES)))
    for k, c in ((1, "voice"), (2, "verb"), (3, "rule")):
        out[c] = _arrow_strings([p[1][k] for p in parts]).array
    out.attrs["sentences"] = _sentence_flags(index.sentence_view(progress=progress))
    return out[list(AGENCY_COLUMNS)].reset_index(drop=True)


def _agency_chunk(job: dict, a: int, b: int) -> tuple[dict | None, tuple[list, list, list, list]]:
    """Roles of the mentions in articles ``a..b-1`` (a :func:`toolkit.forked.map_chunks`
    task): ``(mentions, (roles, voices, verbs, rules))``; ``mentions`` is the chunk's
    mention columns when they were found here, None when the job had them."""
    from .mentions import _chunk_mentions

    found, doc, sent, m_start, m_end = _chunk_mentions(job, a, b)
    texts = job["text"].iloc[a:b].tolist()
    s_start, s_end, sb = job["s_start"], job["s_end"], job["sb"]
    roles, voices, verbs, rules = [], [], [], []
    current, words, low, starts, ends, groups = -1, [], [], [], [], []
    for d, k, ms, me in zip(doc.tolist(), sent.tolist(), m_start.tolist(), m_end.tolist(), strict=True):
        p = int(sb[d]) + k
        if p != current:
            current = p
            words, low, starts, ends = _sentence_parts(texts[d - a], int(s_start[p]), int(s_end[p]))
            groups = _passive_groups(low)
        if words:
            i = bisect_left(starts, ms)
            j = max(i, bisect_left(ends, me))
            role, verb, rule = _role(words, low, i, min(j, len(words) - 1), groups)
        else:
            role, verb, rule = "other", "", "none"
        roles.append(role)
        voices.append(_VOICE[role] or ("passive" if rule == "subject_of_passive" else "active"))
        verbs.append(verb)
        rules.append(rule)
    # compact for the trip back from a worker: role codes, Arrow strings
    return found, (np.array([_ROLE_CODE[r] for r in roles], dtype=np.int8),
                   pa.array(voices, type=pa.string()).dictionary_encode(),
                   pa.array(verbs, type=pa.string()),
                   pa.array(rules, type=pa.string()).dictionary_encode())


def _sentence_flags(view) -> pd.DataFrame:
    """Passive, agentless-passive and event-noun flags of every sentence, from the token
    index (vectorised: the same rule as :func:`passives`, on the index's tokens)."""
    participles, adjectival, nominal, _ = _lists()
    vocab = pd.Series(view.vocab, dtype=object).astype(str)
    is_be = vocab.isin(BE_FORMS).to_numpy()
    ends_ed = vocab.str.endswith("ed") & (vocab.str.len() > 3)
    is_part = ((ends_ed | vocab.isin(participles)) & ~vocab.isin(adjectival)).to_numpy()
    is_adv = ((vocab.str.endswith("ly") & (vocab.str.len() > 4))
              | vocab.isin(["not", "also", "being", "been", "still", "reportedly", "already", "never"])).to_numpy()
    is_by = (vocab == "by").to_numpy()
    is_used = (vocab == "used").to_numpy()
    is_to = (vocab == "to").to_numpy()
    is_nom = vocab.isin(nominal).to_numpy()
    ids = view.ids
    n = len(ids)
    sent_of = np.repeat(np.arange(view.n_docs), np.diff(view.offsets))
    be = is_be[ids]
    part = is_part[ids]
    adv = is_adv[ids]

    def shifted(arr: np.ndarray, k: int) -> np.ndarray:
        out = np.zeros(n, dtype=bool)
        if k < n:
            same = sent_of[k:] == sent_of[:-k] if k else np.ones(n, dtype=bool)
            out[:n - k] = arr[k:] & same
        return out

    # be + participle, be + adverb + participle, be + adverb + adverb + participle
    p0, p1 = shifted(part, 1), shifted(adv, 1) & shifted(part, 2)
    p2 = shifted(adv, 1) & shifted(adv, 2) & shifted(part, 3)
    group = be & (p0 | p1 | p2)
    q = np.where(p0, 1, np.where(p1, 2, 3))  # offset of the participle
    starts = np.flatnonzero(group)
    part_pos = starts + q[starts]
    keep = ~(is_used[ids[part_pos]] & (part_pos + 1 < n)
             & np.r_[is_to[ids[np.minimum(part_pos + 1, n - 1)]]])
    starts, part_pos = starts[keep], part_pos[keep]
    # a by-agent within six words, before the next be-form and within the sentence
    cum_by = np.concatenate([[0], np.cumsum(is_by[ids])])
    be_pos = np.flatnonzero(be)
    nxt_be = be_pos[np.minimum(np.searchsorted(be_pos, part_pos, side="right"), len(be_pos) - 1)] \
        if len(be_pos) else np.full(len(part_pos), n)
    nxt_be = np.where(nxt_be > part_pos, nxt_be, n)
    s_end_tok = view.offsets[sent_of[part_pos] + 1] if len(part_pos) else part_pos
    stop = np.minimum.reduce([part_pos + 7, nxt_be, s_end_tok]) if len(part_pos) else part_pos
    has_by = (cum_by[stop] - cum_by[part_pos + 1]) > 0 if len(part_pos) else np.zeros(0, dtype=bool)
    sent = sent_of[starts]
    passive = np.zeros(view.n_docs, dtype=bool)
    passive[sent] = True
    agentless = np.zeros(view.n_docs, dtype=bool)
    agentless[sent[~has_by]] = True
    nom_tok = np.flatnonzero(is_nom[ids])
    nominal_col = np.full(view.n_docs, "", dtype=object)
    if len(nom_tok):
        t = pd.DataFrame({"s": sent_of[nom_tok], "w": view.vocab[ids[nom_tok]]}).drop_duplicates()
        joined = t.sort_values(["s", "w"]).groupby("s")["w"].agg(",".join)
        nominal_col[joined.index.to_numpy()] = joined.to_numpy()
    return pd.DataFrame({"doc_id": view.meta["doc_id"].to_numpy(), "sentence": view.meta["sentence"].to_numpy(),
                         "passive": passive, "agentless": agentless, "nominal": nominal_col})


def agency_profile(
    roles: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "source",
    level: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Shares of agent / patient / passive-agent / nominal / other roles per group.

    Parameters
    ----------
    roles : pandas.DataFrame
        :func:`agency` output.
    by : str or list of str, default "source"
        Grouping columns (add ``"group"`` or ``"side"`` for the actor's group:
        ``by=["source", "side"]``); None: the whole table.
    level : float, default 0.95
        Confidence level.
    n_boot : int, default 1000
        Bootstrap resamples of articles (0: no intervals).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row per group and role: the ``by`` columns, ``role``, ``n``, ``total``,
        ``docs``, ``share``, ``ci_low``, ``ci_high``, and ``verbs`` (the five most
        frequent deciding verbs of that role in the group, with counts).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.agency import agency_profile
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "side": ["russia"] * 3,
    ...                   "role": ["agent", "patient", "patient"], "verb": ["withdrew", "pushed", "driven"]})
    >>> p = agency_profile(t, by="side", n_boot=0)
    >>> p[["role", "n", "share"]].values.tolist()[:2]
    [['agent', 1.0, 0.3333333333333333], ['patient', 2.0, 0.6666666666666666]]
    """
    cols = as_columns(by)
    need = ["doc_id", "role", *cols]
    missing = [c for c in need if c not in getattr(roles, "columns", [])]
    if missing:
        raise CorpusError(f"agency_profile: expects the agency() table; missing column(s) {missing}")
    t = roles.assign(role=roles["role"].astype(str))
    out = category_shares(t, "role", cols, categories=list(ROLES), level=level, n_boot=n_boot, seed=seed)
    if "verb" in t.columns:
        top = (t[t["verb"].astype(str) != ""].groupby([*cols, "role"], observed=True)["verb"]
               .agg(lambda v: ", ".join(f"{w} ({c})" for w, c in v.astype(str).value_counts().head(5).items())))
        out = out.merge(top.rename("verbs").reset_index(), on=[*cols, "role"], how="left")
        out["verbs"] = out["verbs"].fillna("")
    return out
