"""Tone: how negative or positive the words around a sentence or an actor are.

Scores come from **VADER** (Hutto & Gilbert 2014), from the ``vaderSentiment`` package,
which ships its lexicon (no download; NLTK's copy of VADER needs one and is not used).
VADER was built for **social media**: short, informal, opinionated posts, with rules for
capitals, exclamation marks, emoticons, degree words (*very*), *but* and negation (*not
good*, up to three words back). News is different: the reporter's own wording is
restrained, and the events themselves are violent, so *killed*, *attack*, *war* make
nearly every war report negative whatever it says about anyone. Read VADER scores on
news as "how charged are these words", not as an outlet's sentiment.

Two choices follow from that:

* ``event_words=False`` leaves the **event vocabulary** (``data/tone/event_vocabulary.txt``:
  *war, killed, attack, shelling*...) out of the score, so what remains is evaluation
  (*brutal, heroic, failed, humiliating*) rather than the war itself. Compare both to
  see how much of an outlet's negativity is just the war.
* **Tone toward an actor** (:func:`target_tone`, :func:`actor_tone`) scores only the
  words near the target, within its sentence: the clause around it (cut at ``;``, ``:``,
  a dash, and *but*/*while*/*whereas*/*although*), at most ``window`` words on each side.
  A negation handled by VADER flips the words it governs. Quoted speech is kept apart: a
  target inside reported speech carries the speaker of that speech (``speaker``), so
  the tone can be attributed to the source rather than the outlet.

* **Role cues** (:func:`actor_tone` with ``role_cues``, :func:`load_role_cues`,
  ``data/tone/role_cues.yml``): a lexicon cannot tell *Ukrainian forces pushed back
  Russian troops* (bad news for Russia) from the same words with the roles swapped. The
  cues read the mention's grammatical role (:mod:`toolkit.agency`) and the words next to
  it: as the **subject** of a verb of harm or failure (*shelled, failed, retreated*) the
  actor scores lower, of success or defence (*liberated, repelled, defended*) higher; as
  the **object** of defeat or blame (*pushed back, accused, sanctioned*) lower, of praise
  (*praised, thanked*) higher; a describing word beside it (*invading, occupiers*) or a
  harm noun before *by* (*aggression by*) lowers it. Each cue adds ``weight`` (0.5) or its
  negative to the window's score and is listed in ``evidence`` (*agent of: pushed
  (+0.5)*). The subject of a speech verb (*said, told*) is a **speaker**: what it says is
  not tone toward it, so it is neutral (evidence *speaker: said*).

VADER strips only ASCII punctuation from words, so typographic quotes (*“terrorist”*) would
hide a word from its lexicon: text is given straight quotes before scoring. When a text
has no word of VADER's lexicon its score is exactly 0 and VADER is not called.

Every row has a ``score`` (VADER's compound, -1..1, plus role cues, kept within -1..1), a ``label`` (``negative`` below
-0.05, ``positive`` above 0.05, else ``neutral``: VADER's own thresholds for sentences;
for targets ±:data:`TARGET_THRESHOLD`, chosen on development data) and the
``evidence`` words that moved the score, with their lexicon values, so each label can be
read and questioned. Validation against hand-coded tone toward actors in real sentences,
next to plain sentence VADER, is in ``data/agency/README.md``.

Reference: Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
sentiment analysis of social media text. ICWSM.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice

import numpy as np
import pandas as pd
import pyarrow as pa

from .agency import _passive_groups, _role, _sentence_parts
from .counts import as_columns
from .forked import map_chunks
from .intervals import category_shares
from .paths import data_dir
from .schema import CorpusError

__all__ = ["LABELS", "actor_tone", "event_vocabulary", "load_role_cues", "sentence_tone", "target_tone", "tone_profile"]

LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
"""Tone labels, in this order."""

_LABEL_CODE = {lab: i for i, lab in enumerate(LABELS)}

THRESHOLD = 0.05
"""VADER's own cut-off for sentences: compound above +0.05 is positive, below -0.05 negative."""

TARGET_THRESHOLD = 0.2
"""The cut-off for tone toward a target (:func:`target_tone`, :func:`actor_tone`), with
``TARGET_WINDOW`` words a side: chosen on the development half of the actor gold standard
(``data/agency/README.md``), where VADER's 0.05 labelled too many neutral mentions."""

TARGET_WINDOW = 3
"""Words of context on each side of a target, within its clause (chosen with TARGET_THRESHOLD)."""

_CLAUSE_BREAK = re.compile(r";|:|\s[—–-]\s|\s(?:but|while|whereas|although|though)\s", re.I)
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_PUNCT = string.punctuation


def event_vocabulary() -> frozenset[str]:
    """The bundled event vocabulary (``data/tone/event_vocabulary.txt``).

    Returns
    -------
    frozenset of str
        Lowercase words left out of the score with ``events=False``.

    Examples
    --------
    >>> from toolkit.tone import event_vocabulary
    >>> "killed" in event_vocabulary()
    True
    """
    path = data_dir() / "tone" / "event_vocabulary.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.append(line)
    return frozenset(words)


_CUE_LISTS = ("agent_negative", "agent_positive", "patient_negative", "patient_positive",
              "attribute_negative", "harm_nouns", "speaker_verbs")


@lru_cache(maxsize=8)
def load_role_cues(role_cues: str = "role_cues") -> dict:
    """The role cues of tone toward an actor (``data/tone/role_cues.yml``, or a YAML path).

    Parameters
    ----------
    role_cues : str, default "role_cues"
        A bundled list's name or a YAML file with ``weight`` and the word lists
        ``agent_negative``, ``agent_positive``, ``patient_negative``, ``patient_positive``,
        ``attribute_negative``, ``harm_nouns``, ``speaker_verbs``.

    Returns
    -------
    dict
        ``weight`` (float) and each list as a frozenset of lowercase words.

    Examples
    --------
    >>> from toolkit.tone import load_role_cues
    >>> cues = load_role_cues()
    >>> cues["weight"], "shelled" in cues["agent_negative"], "praised" in cues["patient_positive"]
    (0.5, True, True)
    """
    import yaml

    from .paths import list_path

    path = list_path(role_cues, "tone")
    if not path.is_file():
        raise FileNotFoundError(f"role cue list {role_cues!r} not found (looked for {path})")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise CorpusError(f"{path}: not valid YAML ({err})") from None
    if not isinstance(raw, dict):
        raise CorpusError(f"{path}: expected a mapping of 'weight' and word lists")
    unknown = sorted(set(raw) - {"weight", *_CUE_LISTS})
    if unknown:
        raise CorpusError(f"{path}: unknown field(s) {unknown}; expected 'weight' and {list(_CUE_LISTS)}")
    weight = raw.get("weight")
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 1:
        raise CorpusError(f"{path}: field 'weight' must be a number from 0 to 1, not {weight!r}")
    out: dict = {"weight": float(weight)}
    for field in _CUE_LISTS:
        words = raw.get(field) or []
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise CorpusError(f"{path}: field {field!r} must be a list of words")
        out[field] = frozenset(w.strip().lower() for w in words)
    return out


def _role_cue(low: list[str], a: int, b: int, role: str, verb: str, cues: dict) -> tuple[float, list[str], bool]:
    """Role cues of the mention on word tokens a..b of a sentence (module docstring):
    ``(score, evidence, is_speaker)``."""
    if role == "agent" and verb in cues["speaker_verbs"]:
        return 0.0, [], True
    w = cues["weight"]
    left = [x for x in low[max(0, a - 12):a] if x[:1].isalnum()][-4:]
    right = [x for x in low[b + 1:b + 13] if x[:1].isalnum()][:5]
    score, evidence = 0.0, []

    def fire(words: set, sign: float, why: str) -> None:
        nonlocal score
        if words:
            score += sign * w
            evidence.append(f"{why}: {min(words)} ({sign * w:+.1f})")

    attr = cues["attribute_negative"]
    fire((set(left[-2:]) | set(right[:1])) & attr, -1, "described as")
    if left[-1:] == ["by"] and role != "passive_agent":  # "aggression by X" (a passive: below)
        fire(set(left) & (cues["agent_negative"] | cues["harm_nouns"]), -1, "harm by")
    if role == "agent":
        fire(set(right) & cues["agent_negative"], -1, "agent of")
        fire(set(right) & cues["agent_positive"], +1, "agent of")
    if role == "patient" or (role == "other" and left):
        near = set(left[-3:]) | (set(right[:3]) if role == "patient" else set())
        fire(near & cues["patient_negative"], -1, "object of")
        fire(near & cues["patient_positive"], +1, "object of")
    if role == "passive_agent":
        fire(set(left) & (cues["agent_negative"] | cues["patient_negative"]), -1, "agent of")
    return score, evidence, False


@lru_cache(maxsize=2)
def _analyzer(event_words: bool):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    a = SentimentIntensityAnalyzer()
    if not event_words:
        events = event_vocabulary()
        a.lexicon = {w: v for w, v in a.lexicon.items() if w not in events}
    return a


def _lexicon_words(a, text: str) -> list[str]:
    """The words of ``text`` that VADER finds in its lexicon, split and stripped as VADER
    does (a token loses surrounding punctuation unless that leaves two characters or fewer)."""
    lex = a.lexicon
    found = []
    for tok in text.lower().split():
        stripped = tok.strip(_PUNCT)
        key = stripped if len(stripped) > 2 else tok
        if key in lex:
            found.append(key)
    return found


@lru_cache(maxsize=2)
def _emoji_chars(event_words: bool) -> frozenset[str]:
    return frozenset(_analyzer(event_words).emojis)


_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"', "„": '"'})


def _score(text: str, event_words: bool, cutoff: float = THRESHOLD) -> tuple[float, str, str]:
    a = _analyzer(event_words)
    # VADER strips ASCII punctuation only: typographic quotes would hide the words they touch
    if not text.isascii():
        text = text.translate(_STRAIGHT)
    words = _lexicon_words(a, text)
    # VADER's compound is exactly 0 when no word of the text is in its lexicon (and it has
    # no emoji, which VADER replaces by words): it is not called then
    if words or (not text.isascii() and not _emoji_chars(event_words).isdisjoint(text)):
        compound = float(a.polarity_scores(text)["compound"])
    else:
        compound = 0.0
    label = "positive" if compound > cutoff else "negative" if compound < -cutoff else "neutral"
    lex = a.lexicon
    return compound, label, ", ".join(f"{w} ({lex[w]:+.1f})" for w in words)


def _window(text: str, start: int, end: int, lo: int, hi: int, window: int) -> tuple[int, int]:
    """The clause around ``text[start:end]`` within ``[lo, hi)``, at most ``window`` words a side."""
    left = text[lo:start]
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(left)]
    a = lo + (cuts[-1] if cuts else 0)
    right = text[end:hi]
    m = _CLAUSE_BREAK.search(right)
    b = end + (m.start() if m else len(right))
    # only the last `window` words on the left count: look in a stretch long enough to hold
    # more than that many, and in the whole clause if it does not
    near = max(a, start - 40 * (window + 1))
    words_left = list(_WORD.finditer(text, near, start))
    if len(words_left) <= window and near > a:
        words_left = list(_WORD.finditer(text, a, start))
    if len(words_left) > window:
        a = words_left[-window].start()
    words_right = list(islice(_WORD.finditer(text, end, b), window + 1))
    if len(words_right) > window:
        b = words_right[window - 1].end()
    return a, b


def _tok_window(words: list[str], starts: list[int], ends: list[int], cuts: tuple, text: str,
                ms: int, me: int, lo: int, hi: int, window: int) -> tuple[int, int]:
    """:func:`_window` from all the sentence's tokens (punctuation included, as
    :func:`toolkit.agency._sentence_parts` gives them): the same result."""
    c_start, c_end = cuts
    k = bisect_right(c_end, ms) - 1  # the last clause break before the mention
    a = c_end[k] if k >= 0 else lo
    k = bisect_left(c_start, me)  # the first one after it
    b = c_start[k] if k < len(c_start) else hi
    left = []
    t = bisect_left(starts, ms) - 1
    while t >= 0 and starts[t] >= a and len(left) <= window:
        w = words[t]
        if len(w) > 1 or w.isalnum() or w == "_":
            left.append(starts[t])
        t -= 1
    if len(left) > window:
        a = left[window - 1]
    right = []
    tail = text[me - 1:me]
    if me + 1 < b and text[me] in "’'" and (tail.isalnum() or tail == "_"):
        m = _WORD.match(text, me + 1, b)  # "Russia’s": the "s" after the mention counts
        if m:
            right.append(m.end())
    t, n = bisect_left(starts, me), len(starts)
    while t < n and ends[t] <= b and len(right) <= window:
        w = words[t]
        if len(w) > 1 or w.isalnum() or w == "_":
            right.append(ends[t])
        t += 1
    if len(right) > window:
        b = right[window - 1]
    return a, b


def target_tone(
    targets: pd.DataFrame,
    *,
    window: int = TARGET_WINDOW,
    event_words: bool = False,
    cutoff: float = TARGET_THRESHOLD,
) -> pd.DataFrame:
    """Tone toward a target span: VADER on the clause around it (module docstring).

    Parameters
    ----------
    targets : pandas.DataFrame
        Rows with ``text`` (a sentence or any text), ``target_start`` and ``target_end``
        (character offsets of the target in ``text``).
    window : int, default TARGET_WINDOW
        Words of context on each side of the target, within its clause.
    event_words : bool, default False
        Keep the event vocabulary in the score (True), or leave it out (False).
    cutoff : float, default TARGET_THRESHOLD
        A score above ``cutoff`` is positive, below ``-cutoff`` negative.

    Returns
    -------
    pandas.DataFrame
        ``targets`` with ``score`` (VADER compound), ``label`` (negative / neutral /
        positive), ``evidence`` (lexicon words in the window with their values) and
        ``window_start``/``window_end`` (the scored span in ``text``).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.tone import target_tone
    >>> t = pd.DataFrame({"text": ["The brave defenders held the line, but the invaders failed badly."],
    ...                   "target_start": [10], "target_end": [19]})
    >>> target_tone(t)[["label", "evidence"]].values.tolist()
    [['positive', 'brave (+2.4)']]
    """
    if not isinstance(targets, pd.DataFrame):
        raise TypeError(f"target_tone expects a table with text, target_start, target_end; got {type(targets).__name__}")
    missing = [c for c in ("text", "target_start", "target_end") if c not in targets.columns]
    if missing:
        raise CorpusError(f"target_tone: the table has no column(s) {missing} (needs text, target_start, target_end)")
    scores, labels, evidence, ws, we = [], [], [], [], []
    for text, s, e in zip(targets["text"], targets["target_start"], targets["target_end"], strict=True):
        text = text if isinstance(text, str) else ""
        s, e = int(s), int(e)
        if not 0 <= s <= e <= len(text):
            raise ValueError(f"target_tone: target {s}..{e} is outside its text of {len(text)} characters")
        a, b = _window(text, s, e, 0, len(text), window)
        # the target's own words are not evidence about it (a name is not a sentiment)
        span = text[a:s] + " " + text[e:b]
        sc, lab, ev = _score(span, event_words, cutoff)
        scores.append(sc)
        labels.append(lab)
        evidence.append(ev)
        ws.append(a)
        we.append(b)
    return targets.assign(score=scores, label=labels, evidence=evidence, window_start=ws, window_end=we)


def sentence_tone(
    corpus: pd.DataFrame,
    *,
    event_words: bool = True,
    progress: bool | None = None,
) -> pd.DataFrame:
    """VADER tone of every sentence of a corpus.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    event_words : bool, default True
        Keep the event vocabulary in the score (plain VADER), or leave it out (False).
    progress : bool or None
        Show a progress bar; None shows it for more than 2,000 articles.

    Returns
    -------
    pandas.DataFrame
        The sentence table of :func:`toolkit.sentences.sentences` (``doc_id``,
        ``sentence``, ``start``, ``end``, metadata) with ``score``, ``label`` and
        ``evidence``; the sentence text is left out.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.tone import sentence_tone
    >>> c = pd.DataFrame({"doc_id": ["a"], "text": ["Three people were killed. Talks went well."]})
    >>> sentence_tone(c)["label"].tolist(), sentence_tone(c, event_words=False)["label"].tolist()
    (['negative', 'positive'], ['neutral', 'positive'])
    """
    from .scale.engine import is_lazy
    if is_lazy(corpus):
        from .scale.layers import lazy_sentence_tone
        return lazy_sentence_tone(corpus, event_words=event_words, progress=progress)
    from .sentences import sentences

    sents = sentences(corpus, progress=progress)
    res = [_score(t, event_words) for t in sents["text"]]
    out = sents.drop(columns="text")
    out["score"] = [r[0] for r in res]
    out["label"] = [r[1] for r in res]
    out["evidence"] = [r[2] for r in res]
    return out


def actor_tone(
    corpus: pd.DataFrame,
    *,
    actors: str = "war_actors",
    window: int = TARGET_WINDOW,
    event_words: bool = False,
    cutoff: float = TARGET_THRESHOLD,
    role_cues: str | None = "role_cues",
    attributions: pd.DataFrame | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Tone toward every actor mention: :func:`target_tone` on its sentence.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    actors : str, default "war_actors"
        The actor list.
    window : int, default TARGET_WINDOW
        Words of context on each side, within the mention's clause.
    event_words : bool, default False
        Keep the event vocabulary in the score.
    cutoff : float, default TARGET_THRESHOLD
        A score above ``cutoff`` is positive, below ``-cutoff`` negative.
    role_cues : str or None, default "role_cues"
        Role cues (:func:`load_role_cues`: bundled name or YAML path) that read the
        mention's grammatical role (:func:`toolkit.agency.agency`): an actor shown doing
        harm, failing, defeated or accused scores lower, one shown succeeding, defending
        or praised higher; a speaker (the subject of *said*) is neutral. None: VADER on
        the window only (:func:`target_tone`).
    attributions : pandas.DataFrame, optional
        :func:`toolkit.attribution.quotes` output for this corpus; used (as is a table
        already cached by ``quotes``) to give quoted mentions their speaker.
    progress : bool or None
        Show a progress bar; None shows it for more than 2,000 articles.

    Returns
    -------
    pandas.DataFrame
        The :func:`toolkit.mentions.actor_mentions` columns plus ``score``, ``label``,
        ``evidence``, ``window_start``/``window_end`` (offsets into the article's text)
        and ``speaker``: for a mention inside quotation marks, the speaker of that speech
        when attributions are available (``""`` otherwise or when unknown), so quoted
        tone can be set apart from the outlet's (filter on ``in_quote``).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.tone import actor_tone
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["Wire"], "text": [
    ...     "Russian forces suffered a humiliating defeat. Ukrainian troops bravely held the city."]})
    >>> actor_tone(c)[["mention", "label"]].values.tolist()
    [['Russian forces', 'negative'], ['Ukrainian troops', 'positive']]
    """
    from .scale.engine import is_lazy
    if is_lazy(corpus):
        from .scale.layers import lazy_actor_tone
        return lazy_actor_tone(corpus, actors=actors, window=window, event_words=event_words, cutoff=cutoff,
                               role_cues=role_cues, attributions=attributions, progress=progress)
    from .attribution import in_quoted_speech
    from .mentions import _arrow_strings, _layer_job, _layer_mentions

    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns or "doc_id" not in corpus.columns:
        raise CorpusError("actor_tone: expects a corpus DataFrame with 'doc_id' and 'text' columns")
    if role_cues is not None:
        load_role_cues(str(role_cues))  # fail early on a bad list
    index, cached, job = _layer_job(corpus, actors, progress)
    job.update(window=window, event_words=event_words, cutoff=cutoff,
               role_cues=None if role_cues is None else str(role_cues))
    parts = map_chunks(_tone_chunk, job, job["n"], chars=job["chars"], desc="actor tone", progress=progress)
    ments = _layer_mentions(corpus, index, actors, cached, parts)
    out = ments.copy(deep=False)  # copy-on-write: the cached mentions are never changed
    out["score"] = np.concatenate([p[1][0] for p in parts]) if parts else np.zeros(0)
    codes = np.concatenate([p[1][1] for p in parts]) if parts else np.zeros(0, dtype=np.int8)
    out["label"] = pd.Categorical.from_codes(codes, categories=list(LABELS))
    out["evidence"] = _arrow_strings([p[1][2] for p in parts]).array
    out["window_start"] = np.concatenate([p[1][3] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
    out["window_end"] = np.concatenate([p[1][4] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
    # speakers of quoted mentions, when the corpus's attributions are at hand (given, or
    # cached by an earlier quotes() call): attribution is not computed here
    out["speaker"] = ""
    have = attributions if attributions is not None else next(iter(index.cache.quotes.values()), None)
    quoted = out["in_quote"].to_numpy()
    if have is not None and quoted.any():
        doc = pd.Index(corpus["doc_id"]).get_indexer(ments["doc_id"][quoted])
        _, speaker = in_quoted_speech(corpus, doc, ments["start"].to_numpy()[quoted],
                                      ments["end"].to_numpy()[quoted], attributions=have)
        sp = np.full(len(out), "", dtype=object)
        sp[quoted] = speaker
        out["speaker"] = sp
    return out


def _tone_chunk(job: dict, a: int, b: int) -> tuple[dict | None, tuple[list, list, list, list, list]]:
    """Tone toward the mentions in articles ``a..b-1`` (a :func:`toolkit.forked.map_chunks`
    task): ``(mentions, (scores, labels, evidence, window_starts, window_ends))``, windows
    as offsets into the article; ``mentions`` as in :func:`toolkit.agency._agency_chunk`."""
    from .mentions import _chunk_mentions

    found, doc, sent, m_start, m_end = _chunk_mentions(job, a, b)
    texts = job["text"].iloc[a:b].tolist()
    s_start, s_end, sb = job["s_start"], job["s_end"], job["sb"]
    window, event_words, cutoff = job["window"], job["event_words"], job["cutoff"]
    cues = load_role_cues(job["role_cues"]) if job["role_cues"] is not None else None
    cue_words = frozenset().union(*(cues[k] for k in _CUE_LISTS)) if cues is not None else frozenset()
    speaker_verbs = cues["speaker_verbs"] if cues is not None else frozenset()
    near_words = cue_words - speaker_verbs
    scores, labels, evidence, w_starts, w_ends = [], [], [], [], []
    current, words, low, starts, ends = -1, [], [], [], []
    groups: list | None = None
    for d, k, ms, me in zip(doc.tolist(), sent.tolist(), m_start.tolist(), m_end.tolist(), strict=True):
        p = int(sb[d]) + k
        text, lo, hi = texts[d - a], int(s_start[p]), int(s_end[p])
        # a mention the sentence splitter cut in two is scored in the sentence where it starts
        me = min(me, hi)
        if p != current:  # the sentence's words and clause breaks, once
            current = p
            words, low, starts, ends = _sentence_parts(text, lo, hi)
            cut_spans = [m.span() for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
            cuts = tuple(map(list, zip(*cut_spans, strict=True))) if cut_spans else ([], [])
            # every cue needs one of its words in the sentence: no cue word, no roles
            has_cue = cues is not None and not cue_words.isdisjoint(low)
            speaking = has_cue and not speaker_verbs.isdisjoint(low)
            groups = None  # the sentence's passives, when a role is first needed
        ws, we = _tok_window(words, starts, ends, cuts, text, ms, me, lo, hi, window)
        verb, cue, cue_ev, speaker = "", 0.0, [], False
        if has_cue and words:
            i = bisect_left(starts, ms)
            j = min(max(i, bisect_left(ends, me)), len(words) - 1)
            # the role is needed when the sentence has a speech verb, or a cue word is near
            if speaking or not near_words.isdisjoint(low[max(0, i - 12):j + 13]):
                if groups is None:
                    groups = _passive_groups(low)
                role, verb, _ = _role(words, low, i, j, groups)
                cue, cue_ev, speaker = _role_cue(low, i, j, role, verb, cues)
        if speaker:  # what a speaker says is not tone toward the speaker
            sc, lab, ev = 0.0, "neutral", f"speaker: {verb}"
        else:
            sc, lab, ev = _score(text[ws:ms] + " " + text[me:we], event_words, cutoff)
            if cue_ev:
                sc = max(-1.0, min(1.0, sc + cue))
                lab = "positive" if sc > cutoff else "negative" if sc < -cutoff else "neutral"
                ev = ", ".join([*cue_ev, ev] if ev else cue_ev)
        scores.append(sc)
        labels.append(lab)
        evidence.append(ev)
        w_starts.append(ws)
        w_ends.append(we)
    # compact for the trip back from a worker: numbers as arrays, label codes, Arrow strings
    return found, (np.array(scores, dtype=float), np.array([_LABEL_CODE[x] for x in labels], dtype=np.int8),
                   pa.array(evidence, type=pa.string()), np.array(w_starts, dtype=np.int64),
                   np.array(w_ends, dtype=np.int64))


def tone_profile(
    tones: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "source",
    level: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Shares of negative / neutral / positive tone per group, with intervals over articles.

    Parameters
    ----------
    tones : pandas.DataFrame
        :func:`actor_tone` output (or :func:`sentence_tone`).
    by : str or list of str, default "source"
        Grouping columns, e.g. ``["source", "side"]``; None: the whole table.
    level : float, default 0.95
        Confidence level.
    n_boot : int, default 1000
        Bootstrap resamples of articles (0: no intervals).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row per group and label: the ``by`` columns, ``label``, ``n``, ``total``,
        ``docs``, ``share``, ``ci_low``, ``ci_high``; and ``mean_score`` of the group.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.tone import tone_profile
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "X"],
    ...                   "label": ["negative", "neutral"], "score": [-0.5, 0.0]})
    >>> tone_profile(t, n_boot=0)[["label", "share", "mean_score"]].values.tolist()
    [['negative', 0.5, -0.25], ['neutral', 0.5, -0.25], ['positive', 0.0, -0.25]]
    """
    cols = as_columns(by)
    missing = [c for c in ["doc_id", "label", *cols] if c not in getattr(tones, "columns", [])]
    if missing:
        raise CorpusError(f"tone_profile: expects the actor_tone() table; missing column(s) {missing}")
    t = tones.assign(label=tones["label"].astype(str))
    out = category_shares(t, "label", cols, categories=list(LABELS), level=level, n_boot=n_boot, seed=seed)
    if "score" in t.columns:
        mean = t.groupby(cols, observed=True)["score"].mean().rename("mean_score") if cols else None
        if cols:
            out = out.merge(mean.reset_index(), on=cols, how="left")
        else:
            out["mean_score"] = float(t["score"].mean())
    return out
