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

Every row has a ``score`` (VADER's compound, -1..1), a ``label`` (``negative`` below
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
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from .counts import as_columns
from .intervals import category_shares
from .paths import data_dir
from .schema import CorpusError

__all__ = ["LABELS", "actor_tone", "event_vocabulary", "sentence_tone", "target_tone", "tone_profile"]

LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
"""Tone labels, in this order."""

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


@lru_cache(maxsize=2)
def _analyzer(event_words: bool):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    a = SentimentIntensityAnalyzer()
    if not event_words:
        a.lexicon = {w: v for w, v in a.lexicon.items() if w not in event_vocabulary()}
    return a


def _score(text: str, event_words: bool, cutoff: float = THRESHOLD) -> tuple[float, str, str]:
    a = _analyzer(event_words)
    compound = float(a.polarity_scores(text)["compound"]) if text.strip() else 0.0
    label = "positive" if compound > cutoff else "negative" if compound < -cutoff else "neutral"
    ev = []
    for w in _WORD.findall(text):
        v = a.lexicon.get(w.lower())
        if v is not None:
            ev.append(f"{w.lower()} ({v:+.1f})")
    return compound, label, ", ".join(ev)


def _window(text: str, start: int, end: int, lo: int, hi: int, window: int) -> tuple[int, int]:
    """The clause around ``text[start:end]`` within ``[lo, hi)``, at most ``window`` words a side."""
    left = text[lo:start]
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(left)]
    a = lo + (cuts[-1] if cuts else 0)
    right = text[end:hi]
    m = _CLAUSE_BREAK.search(right)
    b = end + (m.start() if m else len(right))
    words_left = list(_WORD.finditer(text, a, start))
    if len(words_left) > window:
        a = words_left[-window].start()
    words_right = list(_WORD.finditer(text, end, b))
    if len(words_right) > window:
        b = words_right[window - 1].end()
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
    from .attribution import in_quoted_speech
    from .index import index_tokens
    from .mentions import actor_mentions

    ments = actor_mentions(corpus, actors=actors, progress=progress)
    view = index_tokens(corpus).sentence_view(progress=progress)
    key = pd.MultiIndex.from_frame(view.meta[["doc_id", "sentence"]])
    pos = key.get_indexer(pd.MultiIndex.from_frame(ments[["doc_id", "sentence"]]))
    s_start = view.meta["start"].to_numpy()[pos] if len(pos) else np.zeros(0, dtype=np.int64)
    s_end = view.meta["end"].to_numpy()[pos] if len(pos) else np.zeros(0, dtype=np.int64)
    row = pd.Series(np.arange(len(corpus)), index=corpus["doc_id"].to_numpy())
    doc = row.reindex(ments["doc_id"].to_numpy()).to_numpy()
    texts = corpus["text"].to_numpy()
    sents = [texts[d][a:b] for d, a, b in zip(doc, s_start, s_end, strict=True)]
    # a mention the sentence splitter cut in two is scored in the sentence where it starts
    t_end = np.minimum(ments["end"].to_numpy(), s_end) - s_start
    table = pd.DataFrame({"text": sents, "target_start": ments["start"].to_numpy() - s_start,
                          "target_end": t_end})
    scored = target_tone(table, window=window, event_words=event_words, cutoff=cutoff)
    out = ments.copy()
    for c in ("score", "label", "evidence"):
        out[c] = scored[c].to_numpy()
    out["window_start"] = scored["window_start"].to_numpy() + s_start
    out["window_end"] = scored["window_end"].to_numpy() + s_start
    # speakers of quoted mentions, when the corpus's attributions are at hand (given, or
    # cached by an earlier quotes() call): attribution is not computed here
    out["speaker"] = ""
    index = index_tokens(corpus)
    have = attributions if attributions is not None else next(iter(index.cache.quotes.values()), None)
    quoted = out["in_quote"].to_numpy()
    if have is not None and quoted.any():
        _, speaker = in_quoted_speech(corpus, doc[quoted], ments["start"].to_numpy()[quoted],
                                      ments["end"].to_numpy()[quoted], attributions=have)
        sp = np.full(len(out), "", dtype=object)
        sp[quoted] = speaker
        out["speaker"] = sp
    out["label"] = pd.Categorical(out["label"], categories=list(LABELS))
    return out


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
