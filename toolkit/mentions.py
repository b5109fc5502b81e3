"""Actor mentions: where the people, states and forces of the actor list are named.

:func:`actor_mentions` finds, in every article, the mentions of the actors of an actor list
(:mod:`toolkit.actors`; bundled: ``data/attribution/war_actors.yml``, the same file the
attribution layer uses):

``name``
    a listed person, state or organisation, by its name or an alias (*Zelensky*,
    *Volodymyr Zelenskiy*, *Mr. Putin*), including state metonyms (*Moscow*, *the
    Kremlin*, *Kyiv*, *Washington*);
``role``
    a role noun phrase with a side marker (*Russian forces*, *Ukrainian troops*, *Kyiv's
    army*, *Russian officials*, *the separatists*): the actor is the side's group, not a
    person.

Exclusions of the list (*Washington Post*, *Moscow, Idaho*) are never mentions. A
capitalised word is matched only as written (*US*, not the pronoun *us*); role nouns in any
case. Longer matches win over the shorter ones they contain (*Russian forces* over
*Russian*); a side marker alone (*Russian shelling*) is not an actor mention.

``in_quote`` says whether the mention lies inside quotation marks
(:func:`toolkit.quotemarks.quotation_spans`), so an outlet's own naming can be told from
the naming it quotes (who is quoted: :func:`toolkit.attribution.quotes`). Heuristics: a listed surname shared by a different person is
taken for the listed one, and metonyms are taken for the state even when they mean the
city (*shelling in Kyiv*): check the lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .actors import ActorList, load_actors, trie_pattern
from .index import index_tokens
from .schema import CorpusError

__all__ = ["MENTION_COLUMNS", "actor_mentions"]

MENTION_COLUMNS: tuple[str, ...] = (
    "doc_id", "source", "date", "sentence", "mention", "actor", "group", "side", "kind",
    "start", "end", "in_quote",
)
"""Columns of :func:`actor_mentions` output, in order."""

_SIDE_STATE = {"russia": "Russia", "ukraine": "Ukraine", "west": "the West", "other": "other states"}


@lru_cache(maxsize=4)
def _patterns(name: str) -> tuple[re.Pattern, re.Pattern | None, dict]:
    acts = load_actors(name)
    alias_body = trie_pattern(acts.aliases)
    markers = sorted((m for m in acts.markers if m[:1].isupper() or m.lower() in ("separatist", "separatists")),
                     key=len, reverse=True)
    marker_body = trie_pattern(markers).replace("'", "['’]")
    roles = sorted((r for r, (kind, _) in acts.roles.items() if r == r.lower() and kind in
                    ("military", "official", "civilian")), key=len, reverse=True)
    role_body = trie_pattern(roles)
    # "Russian forces", "Kyiv's army", "the separatists", "pro-Russian fighters"
    role_re = re.compile(
        rf"(?<![\w’'-])(?P<marker>{marker_body})(?:['’]s)?(?:\s+[a-z][\w-]*){{0,2}}?\s+(?P<role>(?i:{role_body})(?:e?s)?)"
        rf"(?![\w’'-])|(?<![\w’'-])(?i:the)\s+(?P<sep>(?i:separatists|rebels|occupiers|invaders))(?![\w’'-])")
    # a name may take a possessive ("Russia's invasion"), not any other letter after an apostrophe
    name_re = re.compile(rf"(?<![\w’'-])(?:{alias_body})(?![\w-])(?!['’][^sS])")
    excl = [re.escape(e) for e in acts.exclusions]
    excl_re = re.compile("|".join(excl)) if excl else None
    return name_re, role_re, {"excl": excl_re}


def _doc_mentions(text: str, acts: ActorList, name_re: re.Pattern, role_re: re.Pattern,
                  excl_re: re.Pattern | None) -> list[tuple[int, int, str, str, str, str, str]]:
    blocked = [m.span() for m in excl_re.finditer(text)] if excl_re is not None else []
    found: list[tuple[int, int, str, str, str, str, str]] = []
    for m in role_re.finditer(text):
        s, e = m.span()
        if m.group("sep"):
            side, kind = "russia", "military"
        else:
            marker = m.group("marker").replace("’", "'")
            marker = marker[:-2] if marker.endswith("'s") else marker
            side = acts.markers.get(marker, acts.markers.get(m.group("marker"), ""))
            noun = m.group("role").lower()
            kind = _role_kind(acts, noun)
        group = _group_of(acts, kind, side)
        found.append((s, e, text[s:e], _SIDE_STATE.get(side, ""), group, side, "role"))
    taken = [(s, e) for s, e, *_ in found]
    for m in name_re.finditer(text):
        s, e = m.span()
        if any(a <= s < b for a, b in taken):
            continue
        rec = acts.aliases[m.group()]
        group = rec["group"]
        side = rec.get("side") or (acts.groups.get(group) or {}).get("side") or ""
        found.append((s, e, m.group(), rec["name"], group, side, "name"))
    if blocked:
        found = [f for f in found if not any(a <= f[0] < b for a, b in blocked)]
    found.sort()
    return found


def _role_kind(acts: ActorList, noun: str) -> str:
    for cand in (noun, noun[:-1], noun[:-2]):
        if cand in acts.roles:
            return acts.roles[cand][0]
    return ""


def _group_of(acts: ActorList, kind: str, side: str) -> str:
    if kind == "official":
        return acts.side_groups.get(side, "")
    if kind == "military":
        return "military_sources"
    if kind == "civilian":
        return "civilians"
    return ""


def _in_quotation_marks(texts: pd.Series, doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whether each span lies inside quotation marks (:func:`toolkit.quotemarks.quotation_spans`)."""
    from .quotemarks import quotation_spans

    inside = np.zeros(len(doc), dtype=bool)
    if not len(doc):
        return inside
    bounds = np.flatnonzero(np.diff(doc)) + 1
    for chunk in np.split(np.arange(len(doc)), bounds):
        spans = quotation_spans(texts.iat[int(doc[chunk[0]])])
        if not spans:
            continue
        qs = np.array([q.inner_start for q in spans])
        qe = np.array([q.inner_end for q in spans])
        k = np.searchsorted(qs, start[chunk], side="right") - 1
        ok = k >= 0
        hit = np.zeros(len(chunk), dtype=bool)
        hit[ok] = end[chunk][ok] <= qe[k[ok]]
        inside[chunk] = hit
    return inside


def actor_mentions(
    corpus: pd.DataFrame,
    *,
    actors: str = "war_actors",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Every mention of a listed actor, with its actor, group and side (module docstring).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`toolkit.schema`).
    actors : str, default "war_actors"
        The actor list (bundled name or YAML path, :func:`toolkit.actors.load_actors`).
    progress : bool or None
        Show a progress bar; None shows it for more than 2,000 articles.

    Returns
    -------
    pandas.DataFrame
        One row per mention, columns :data:`MENTION_COLUMNS`: ``doc_id``, ``source``,
        ``date``, ``sentence`` (number of the sentence in the article), ``mention`` (the
        words), ``actor`` (the list's name, or the side for role phrases: ``Russia``,
        ``Ukraine``, ``the West``), ``group``, ``side``, ``kind`` (``name`` or ``role``),
        ``start``/``end`` (character offsets into ``text``) and ``in_quote``.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.mentions import actor_mentions
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "source": ["Wire"], "text": [
    ...     "Russian forces withdrew from Kherson, Zelensky said. The Washington Post reported it."]})
    >>> actor_mentions(corpus)[["mention", "actor", "group", "kind"]].values.tolist()
    [['Russian forces', 'Russia', 'military_sources', 'role'], ['Zelensky', 'Volodymyr Zelensky', 'ukrainian_officials', 'name'], ['The Washington Post', 'The Washington Post', 'media', 'name']]
    """
    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns or "doc_id" not in corpus.columns:
        raise CorpusError("actor_mentions: expects a corpus DataFrame with 'doc_id' and 'text' columns")
    acts = load_actors(actors)
    name_re, role_re, extra = _patterns(str(actors))
    index = index_tokens(corpus)
    cached = index.cache.mentions.get(str(actors))
    if cached is not None:  # agency and actor_tone both start from the mentions
        return cached.copy(deep=False)
    view = index.sentence_view(progress=progress)
    s_doc = view.unit_doc
    s_start = view.meta["start"].to_numpy(dtype=np.int64)
    n = len(corpus)
    sb = np.searchsorted(s_doc, np.arange(n + 1))
    show = n > 2000 if progress is None else progress
    rows: list[tuple] = []
    texts = corpus["text"]
    for i in tqdm(range(n), desc="actor mentions", unit="doc", disable=not show):
        text = texts.iat[i]
        if not isinstance(text, str) or not text:
            continue
        starts = s_start[sb[i]:sb[i + 1]]
        for s, e, words, actor, group, side, kind in _doc_mentions(text, acts, name_re, role_re, extra["excl"]):
            k = int(np.searchsorted(starts, s, side="right")) - 1
            rows.append((i, max(k, 0), words, actor, group, side, kind, s, e))
    out = pd.DataFrame(rows, columns=["_doc", "sentence", "mention", "actor", "group", "side", "kind",
                                      "start", "end"])
    doc = out.pop("_doc").to_numpy(dtype=np.int64)
    for col in ("date", "source", "doc_id"):
        values = corpus[col].to_numpy()[doc] if col in corpus.columns else np.full(len(out), None)
        out.insert(0, col, values)
    out["in_quote"] = _in_quotation_marks(texts, doc, out["start"].to_numpy(), out["end"].to_numpy())
    for c in ("sentence", "start", "end"):
        out[c] = out[c].astype(np.int64)
    for c in ("mention", "actor", "group", "side", "kind"):
        out[c] = out[c].astype("str")
    out = out[list(MENTION_COLUMNS)].reset_index(drop=True)
    index.cache.mentions[str(actors)] = out
    return out.copy(deep=False)
