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
from bisect import bisect_right
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa

from .actors import ActorList, load_actors, trie_pattern
from .forked import map_chunks
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
    # Fast twins without the leading look-behind, for _word_start_matches: a pattern that
    # starts with a look-behind is tried at every position of a text, one that starts with
    # its first letters is not. "the separatists": most articles have none of these nouns,
    # and then the role phrases are found by the first branch alone.
    role_fast, sep_fast = (b.removeprefix(_LB) for b in role_re.pattern.split("|" + _LB))
    fast = {"name": re.compile(name_re.pattern.removeprefix(_LB)),
            "role": re.compile(role_fast + "|" + sep_fast), "marker": re.compile(role_fast)}
    return name_re, role_re, {"excl": excl_re, "fast": fast}


_LB = "(?<![\\w’'-])"


def _word_start_matches(rx: re.Pattern, text: str):
    """``finditer`` of the pattern ``(?<![\\w’'-])`` + ``rx``, with the look-behind checked
    in Python: the same matches, faster (see :func:`_patterns`)."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        s = m.start()
        before = text[s - 1:s]
        if before and (before.isalnum() or before in "_’'-"):
            pos = s + 1  # not at the start of a word: look again one character on
            continue
        yield m
        pos = m.end() if m.end() > s else s + 1


_SEPARATIST_NOUNS = ("separatist", "rebel", "occupier", "invader")


def _doc_mentions(text: str, acts: ActorList, name_re: re.Pattern, role_re: re.Pattern,
                  excl_re: re.Pattern | None,
                  fast: dict | None = None) -> list[tuple[int, int, str, str, str, str, str]]:
    if fast is not None:
        low = text.lower()
        role_rx = fast["role"] if any(noun in low for noun in _SEPARATIST_NOUNS) else fast["marker"]
        roles = _word_start_matches(role_rx, text)
        names = _word_start_matches(fast["name"], text)
    else:
        roles, names = role_re.finditer(text), name_re.finditer(text)
    blocked = [m.span() for m in excl_re.finditer(text)] if excl_re is not None else []
    found: list[tuple[int, int, str, str, str, str, str]] = []
    for m in roles:
        s, e = m.span()
        if m.groupdict().get("sep"):
            side, kind = "russia", "military"
        else:
            marker = m.group("marker").replace("’", "'")
            marker = marker[:-2] if marker.endswith("'s") else marker
            side = acts.markers.get(marker, acts.markers.get(m.group("marker"), ""))
            noun = m.group("role").lower()
            kind = _role_kind(acts, noun)
        group = _group_of(acts, kind, side)
        found.append((s, e, text[s:e], _SIDE_STATE.get(side, ""), group, side, "role"))
    taken_s = [s for s, *_ in found]  # role phrases do not overlap: starts are sorted
    taken_e = [e for _, e, *_ in found]
    for m in names:
        s, e = m.span()
        k = bisect_right(taken_s, s) - 1
        if k >= 0 and s < taken_e[k]:
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


def _mention_chunk(job: dict, a: int, b: int) -> dict:
    """Mentions in articles ``a..b-1`` (a :func:`toolkit.forked.map_chunks` task): columns
    ``doc`` (row number), ``sentence``, ``mention``, ``actor``, ``group``, ``side``,
    ``kind``, ``start``, ``end``, ``in_quote``."""
    from .quotemarks import quotation_spans

    acts = load_actors(job["actors"])
    name_re, role_re, extra = _patterns(job["actors"])
    s_start, sb = job["s_start"], job["sb"]
    cols: dict[str, list] = {c: [] for c in ("doc", "sentence", "mention", "actor", "group", "side",
                                             "kind", "start", "end", "in_quote")}
    for i, text in zip(range(a, b), job["text"].iloc[a:b].tolist(), strict=True):
        if not isinstance(text, str) or not text:
            continue
        found = _doc_mentions(text, acts, name_re, role_re, extra["excl"], extra["fast"])
        if not found:
            continue
        starts = s_start[sb[i]:sb[i + 1]].tolist()
        spans = quotation_spans(text)
        qs = [q.inner_start for q in spans]
        qe = [q.inner_end for q in spans]
        for f in found:
            ms, me = f[0], f[1]
            cols["doc"].append(i)
            cols["sentence"].append(max(bisect_right(starts, ms) - 1, 0))
            cols["start"].append(ms)
            cols["end"].append(me)
            j = bisect_right(qs, ms) - 1
            cols["in_quote"].append(j >= 0 and me <= qe[j])
            cols["mention"].append(f[2])
            cols["actor"].append(f[3])
            cols["group"].append(f[4])
            cols["side"].append(f[5])
            cols["kind"].append(f[6])
    for c, dtype in (("doc", np.int64), ("sentence", np.int64), ("start", np.int64), ("end", np.int64),
                     ("in_quote", bool)):
        cols[c] = np.array(cols[c], dtype=dtype)
    # strings travel back from a worker as Arrow arrays: compact, and cheap to unpickle
    cols["mention"] = pa.array(cols["mention"], type=pa.string())
    for c in ("actor", "group", "side", "kind"):
        cols[c] = pa.array(cols[c], type=pa.string()).dictionary_encode()
    return cols


def _mention_frame(corpus: pd.DataFrame, parts: list[dict]) -> pd.DataFrame:
    """The mention table from the chunks of :func:`_mention_chunk`, in article order."""
    if not parts:  # an empty corpus
        parts = [{**{c: np.zeros(0, dtype=np.int64) for c in ("doc", "sentence", "start", "end")},
                  "in_quote": np.zeros(0, dtype=bool),
                  **{c: pa.array([], type=pa.string()) for c in ("mention", "actor", "group", "side", "kind")}}]
    doc = np.concatenate([p["doc"] for p in parts])
    out = pd.DataFrame({c: np.concatenate([p[c] for p in parts]) for c in ("sentence", "start", "end", "in_quote")})
    for c in ("mention", "actor", "group", "side", "kind"):
        out[c] = _arrow_strings([p[c] for p in parts])
    for col in ("date", "source", "doc_id"):
        values = corpus[col].to_numpy()[doc] if col in corpus.columns else np.full(len(out), None)
        out.insert(0, col, values)
    return out[list(MENTION_COLUMNS)].reset_index(drop=True)


def _arrow_strings(chunks: list) -> pd.Series:
    """Arrow string arrays (plain or dictionary-encoded) -> one pandas ``str`` column."""
    arrays = [c.dictionary_decode() if pa.types.is_dictionary(c.type) else c for c in chunks]
    joined = pa.chunked_array(arrays, type=pa.string()) if arrays else pa.chunked_array([], type=pa.string())
    return pd.Series(joined, dtype=pd.StringDtype("pyarrow", na_value=np.nan))


def _mention_job(corpus: pd.DataFrame, actors: str, progress: bool | None) -> dict:
    """What the chunk functions of the actor layer read: the corpus text, its sentence spans
    (from the token index's sentence view) and the actor list's name."""
    index = index_tokens(corpus)
    view = index.sentence_view(progress=progress)
    n = len(corpus)
    return {"text": corpus["text"], "actors": str(actors), "n": n,
            "s_start": view.meta["start"].to_numpy(dtype=np.int64),
            "s_end": view.meta["end"].to_numpy(dtype=np.int64),
            "sb": np.searchsorted(view.unit_doc, np.arange(n + 1)),
            "chars": sum(len(t) for t in corpus["text"].tolist() if isinstance(t, str))}


def _layer_job(corpus: pd.DataFrame, actors: str, progress: bool | None) -> tuple:
    """What a layer built on the mentions (:func:`toolkit.agency.agency`,
    :func:`toolkit.tone.actor_tone`) sends to its chunk function: ``(index, cached, job)``.
    With the mentions cached on the index the workers read them (``job["mentions"]``,
    ``job["mb"]``: the rows of each article); otherwise the list is checked here, so a bad
    one fails before any work, and the workers find the mentions themselves."""
    index = index_tokens(corpus)
    cached = index.cache.mentions.get(str(actors))
    if cached is None:
        load_actors(actors)
        _patterns(str(actors))
    job = _mention_job(corpus, actors, progress)
    if cached is not None:
        doc = pd.Index(corpus["doc_id"]).get_indexer(cached["doc_id"])
        job["mentions"] = {"doc": doc, "sentence": cached["sentence"].to_numpy(),
                           "start": cached["start"].to_numpy(), "end": cached["end"].to_numpy()}
        job["mb"] = np.searchsorted(doc, np.arange(job["n"] + 1))
    return index, cached, job


def _chunk_mentions(job: dict, a: int, b: int) -> tuple:
    """The mentions of articles ``a..b-1`` for a layer's chunk function:
    ``(found, doc, sentence, start, end)``; ``found`` holds the chunk's mention columns
    when they were found here (to send back), None when the job had them."""
    known = job.get("mentions")
    if known is None:
        found = _mention_chunk(job, a, b)
        return found, found["doc"], found["sentence"], found["start"], found["end"]
    lo, hi = job["mb"][a], job["mb"][b]
    return (None, *(known[c][lo:hi] for c in ("doc", "sentence", "start", "end")))


def _layer_mentions(corpus: pd.DataFrame, index, actors: str, cached: pd.DataFrame | None,
                    parts: list) -> pd.DataFrame:
    """The mention table behind a layer's chunk results: the cached one, or the one the
    workers found (then cached for the next layer)."""
    if cached is not None:
        return cached
    ments = _mention_frame(corpus, [p[0] for p in parts])
    index.cache.mentions[str(actors)] = ments
    return ments


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
    from .scale.engine import is_lazy
    if is_lazy(corpus):
        from .scale.layers import lazy_actor_mentions
        return lazy_actor_mentions(corpus, actors=actors, progress=progress)
    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns or "doc_id" not in corpus.columns:
        raise CorpusError("actor_mentions: expects a corpus DataFrame with 'doc_id' and 'text' columns")
    load_actors(actors)  # fail early on a bad list
    _patterns(str(actors))
    index = index_tokens(corpus)
    cached = index.cache.mentions.get(str(actors))
    if cached is not None:  # agency and actor_tone both start from the mentions
        return cached.copy(deep=False)
    job = _mention_job(corpus, actors, progress)
    parts = map_chunks(_mention_chunk, job, job["n"], chars=job["chars"], desc="actor mentions",
                       progress=progress)
    out = _mention_frame(corpus, parts)
    index.cache.mentions[str(actors)] = out
    return out.copy(deep=False)
