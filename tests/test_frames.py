"""Frame scoring, exclusions, units, prevalence and intervals, checked by hand."""

import fnmatch

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest

from toolkit.frames import (
    dominant_frame,
    frame_matches,
    frame_prevalence,
    frame_scores,
    frame_shares,
    frame_table,
    wilson_interval,
)
from toolkit.index import TokenIndex, index_tokens
from toolkit.lexicon import lexicon_from_dict, load_lexicon
from toolkit.patterns import match_many, match_positions
from toolkit.schema import CorpusError
from toolkit.tokenize import tokenize


def corpus_of(*texts, sources=None, dates=None):
    n = len(texts)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "source": sources or ["S"] * n,
            "date": pd.to_datetime(dates or ["2022-03-01"] * n),
            "title": [""] * n,
            "text": list(texts),
        }
    )


def lex(frames, name="t"):
    return lexicon_from_dict({"name": name, "frames": frames})


def counts_of(scores, frame):
    sub = scores[scores["frame"] == frame]
    return sub["count"].tolist()


# -------------------------------------------------------- an independent count


def naive_frame_counts(texts, patterns, exclude=()):
    """Plain-Python reference: tokenise each text, match with fnmatch, drop excluded
    matches, merge overlapping ones."""

    def spans(toks, pattern):
        els = pattern.lower().split()
        out = []
        for i in range(len(toks) - len(els) + 1):
            if all(fnmatch.fnmatchcase(toks[i + k], el) for k, el in enumerate(els)):
                out.append((i, i + len(els) - 1))
        return out

    result = []
    for text in texts:
        toks = tokenize(text)
        hits = [s for p in patterns for s in spans(toks, p)]
        excl = [s for p in exclude for s in spans(toks, p)]
        hits = [(s, e) for s, e in hits if not any(xs <= s and e <= xe for xs, xe in excl)]
        n, reach = 0, -1
        for s, e in sorted(hits):
            if s > reach:
                n += 1
            reach = max(reach, e)
        result.append(n)
    return result


def test_counts_match_independent_reference():
    rng = np.random.default_rng(7)
    words = ["no", "retreat", "retreats", "from", "the", "energy", "crisis", "talks",
             "goodwill", "gesture", "gestures", "humiliating", "war", "world", "peace"]
    seps = [" ", " ", " ", ", ", ".\n", "; ", "\n\n", " — "]
    texts = []
    for _ in range(300):
        toks = rng.choice(words, size=rng.integers(0, 40))
        texts.append("".join(t + seps[rng.integers(len(seps))] for t in toks))
    frames = {
        "setback": {"patterns": ["retreat*", "humiliating retreat"], "exclude": ["no retreat from", "no retreat"]},
        "crisis": {"patterns": ["crisis"], "exclude": ["energy crisis"]},
        "gesture": {"patterns": ["goodwill gesture*", "gesture*"], "exclude": ["the gesture"]},
        "peace": {"patterns": ["peace talks", "talks", "peace"]},
        "war": {"patterns": ["war"], "exclude": ["world war"]},
    }
    scores = frame_scores(corpus_of(*texts), lex(frames))
    for name, spec in frames.items():
        expected = naive_frame_counts(texts, spec["patterns"], spec.get("exclude", ()))
        assert counts_of(scores, name) == expected, name


def test_match_many_equals_match_positions_for_bundled_lexicon():
    lexicon = load_lexicon("war_framing")
    pats = [p for f in lexicon for p in (*f.patterns, *f.exclude)]
    rng = np.random.default_rng(3)
    # texts made of the lexicon's own phrases (wildcards filled in) and filler words
    fills = ["", "s", "ing", "ed", "ation"]
    pieces = []
    for p in pats:
        words = []
        for el in p.split():
            w = el.replace("?", "s")
            while "*" in w:
                w = w.replace("*", fills[rng.integers(len(fills))], 1)
            words.append(w)
        pieces.append(" ".join(words))
    pieces += ["the", "said", "Kyiv", "Moscow", ".", ",\n"]
    texts = [" ".join(rng.choice(pieces, size=60)) for _ in range(200)]
    corpus = corpus_of(*texts)
    index = index_tokens(corpus)
    fast = match_many(index, pats)
    total = 0
    for p, got in zip(pats, fast, strict=True):
        ref = match_positions(index, p)
        assert np.array_equal(got, ref), p
        total += len(ref)
    assert total > 5000  # the check is not vacuous


# ------------------------------------------------------------------- matching


def test_phrases_and_wildcards_across_punctuation_and_line_breaks():
    corpus = corpus_of(
        "It was a goodwill\ngesture, they said. Goodwill — gestures!",
        "NEGOTIATIONS resumed; negotiators negotiated. Negotiable?",
        "the last word is goodwill",
        "gesture opens this one",
    )
    scores = frame_scores(corpus, lex({"g": {"patterns": ["goodwill gesture*"]},
                                       "n": {"patterns": ["negotiat*"]}}))
    assert counts_of(scores, "g") == [2, 0, 0, 0]  # never across documents (d2 -> d3)
    assert counts_of(scores, "n") == [0, 3, 0, 0]  # "negotiable" does not match
    assert scores["present"].tolist() == [True, False, False, True, False, False, False, False]


def test_exclusions():
    corpus = corpus_of(
        "There will be no retreat from our goals. The retreat was chaotic.",
        "The energy crisis deepened as the crisis in Ukraine went on. Energy, crisis.",
        "No retreat. Retreat from Kherson.",
    )
    lexicon = lex({
        "defeat": {"patterns": ["retreat"], "exclude": ["no retreat from"]},
        "crisis": {"patterns": ["crisis"], "exclude": ["energy crisis"]},
        # an exclusion must contain the whole match: "retreat from" is not inside "no retreat"
        "phrase": {"patterns": ["retreat from"], "exclude": ["no retreat"]},
    })
    scores = frame_scores(corpus, lexicon)
    # doc 3: "No retreat. Retreat from": no "no retreat from" phrase, both count
    assert counts_of(scores, "defeat") == [1, 0, 2]
    # "energy crisis" twice (once across a comma), one real "crisis"
    assert counts_of(scores, "crisis") == [0, 1, 0]
    assert counts_of(scores, "phrase") == [1, 0, 1]


def test_overlapping_matches_of_one_frame_count_once():
    corpus = corpus_of("A humiliating retreat. Retreat, retreat.", "humiliating retreats")
    scores = frame_scores(corpus, lex({"d": {"patterns": ["humiliating retreat*", "retreat*", "humiliat*"]}}))
    assert counts_of(scores, "d") == [3, 1]


def test_scores_columns_tokens_and_min_count(small_corpus):
    lexicon = lex({"talks": {"patterns": ["talks"]}, "gesture": {"patterns": ["goodwill gesture"]}})
    scores = frame_scores(small_corpus, lexicon, min_count=2)
    assert scores.columns.tolist() == ["doc_id", "source", "date", "tokens", "frame", "count", "present"]
    assert len(scores) == 5 * 2
    assert scores["frame"].cat.categories.tolist() == ["talks", "gesture"]
    wide = frame_table(scores)
    assert wide["talks"].tolist() == [1, 3, 1, 0, 1]  # "Talks?" counts
    assert wide["gesture"].tolist() == [0, 0, 0, 2, 0]
    assert frame_table(scores, "present")["talks"].tolist() == [False, True, False, False, False]
    tokens = scores.drop_duplicates("doc_id")["tokens"].tolist()
    assert tokens == [len(tokenize(t)) for t in small_corpus["text"]]
    assert scores.attrs["frame_labels"] == {"talks": "Talks", "gesture": "Gesture"}
    assert frame_scores(small_corpus, lexicon, meta="title").columns[3] == "title"


def test_frames_argument_takes_a_group():
    scores = frame_scores(corpus_of("The war, not a crisis."), "war_framing", frames="war_name")
    assert scores["frame"].astype(str).tolist() == [
        "war", "invasion", "special_military_operation", "conflict", "crisis",
    ]
    assert scores["count"].tolist() == [1, 0, 0, 0, 1]


def test_sentence_and_document_units():
    text = "The retreat began. Talks failed, and a goodwill.\n\nGesture politics: a second retreat followed."
    corpus = corpus_of(text, "No talks here. Retreat!")
    lexicon = lex({"defeat": {"patterns": ["retreat"]}, "talks": {"patterns": ["talks"]},
                   "gesture": {"patterns": ["goodwill gesture"]}})
    doc = frame_scores(corpus, lexicon)
    sent = frame_scores(corpus, lexicon, unit="sentence")
    assert counts_of(doc, "defeat") == [2, 1]
    # at document level the phrase runs across the paragraph break; per sentence it cannot
    assert counts_of(doc, "gesture") == [1, 0]
    assert counts_of(sent, "gesture") == [0, 0, 0, 0, 0]
    assert sent.columns.tolist() == ["doc_id", "sentence", "source", "date", "tokens", "frame", "count", "present"]
    d = sent[sent["frame"] == "defeat"]
    assert d["doc_id"].tolist() == ["d0", "d0", "d0", "d1", "d1"]
    assert d["sentence"].tolist() == [0, 1, 2, 0, 1]
    assert d["count"].tolist() == [1, 0, 1, 0, 1]
    assert d["tokens"].tolist() == [3, 5, 6, 3, 1]
    assert counts_of(sent, "talks") == [0, 1, 0, 1, 0]
    # sentence counts add up to document counts when no phrase crosses a sentence end
    for f in ("defeat", "talks"):
        per_doc = sent[sent["frame"] == f].groupby("doc_id")["count"].sum().tolist()
        assert per_doc == counts_of(doc, f)
    # the sentence units are cached with the corpus's token index: same object, same ids
    from toolkit.index import index_tokens

    view = index_tokens(corpus, unit="sentence")
    assert view is index_tokens(corpus, unit="sentence")
    assert view.ids is index_tokens(corpus).ids


def test_frame_matches_shows_counted_and_excluded(small_corpus):
    lexicon = lex({"setback": {"patterns": ["retreat", "regroup*"], "exclude": ["a retreat"]}})
    m = frame_matches(small_corpus, lexicon, window=2)
    text = small_corpus.set_index("doc_id")["text"]
    assert m["doc_id"].tolist() == ["a1", "a2", "a2"]
    assert m["match"].tolist() == ["retreat", "regrouping", "regrouping"]
    assert m["pattern"].tolist() == ["retreat", "regroup*", "regroup*"]
    for row in m.itertuples():
        assert text[row.doc_id][row.start : row.end] == row.match
        assert text[row.doc_id][: row.start].endswith(row.left)
    assert m.iloc[0]["left"] == "continued; the " and m.iloc[0]["right"] == " was orderly"
    allm = frame_matches(small_corpus, lexicon, excluded=True)
    ex = allm[allm["excluded"]]
    assert ex["doc_id"].tolist() == ["b2"] and ex["match"].tolist() == ["retreat"]
    assert len(frame_matches(small_corpus, lexicon, n=2)) == 2


# ---------------------------------------------------------------- intervals


def test_wilson_interval_by_hand():
    # 8 of 20 at 95 %: p = 0.4, z = 1.959964, z^2 = 3.841459
    # centre = (0.4 + 3.841459 / 40) / (1 + 3.841459 / 20) = 0.4960365 / 1.1920729 = 0.416113
    # half   = 1.959964 * sqrt(0.4 * 0.6 / 20 + 3.841459 / 1600) / 1.1920729
    #        = 1.959964 * sqrt(0.012 + 0.0024009) / 1.1920729 = 0.197306
    low, high = wilson_interval(8, 20, 0.95)
    assert low == pytest.approx(0.416113 - 0.197306, abs=1e-5)
    assert high == pytest.approx(0.416113 + 0.197306, abs=1e-5)
    assert (round(float(low), 4), round(float(high), 4)) == (0.2188, 0.6134)


@pytest.mark.parametrize(("k", "n", "level"), [(0, 10, 0.95), (10, 10, 0.95), (3, 7, 0.9), (57, 200, 0.99)])
def test_wilson_interval_matches_scipy(k, n, level):
    ref = binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
    low, high = wilson_interval(k, n, level)
    assert low == pytest.approx(ref.low, abs=1e-9)
    assert high == pytest.approx(ref.high, abs=1e-9)


def test_wilson_interval_empty_group_is_nan():
    low, high = wilson_interval(np.array([0, 1]), np.array([0, 2]))
    assert np.isnan(low[0]) and np.isnan(high[0]) and not np.isnan(low[1])


def make_scores(rows):
    """Scores in frame_scores' layout from (doc_id, source, date, frame, count, tokens)."""
    df = pd.DataFrame(rows, columns=["doc_id", "source", "date", "frame", "count", "tokens"])
    df["date"] = pd.to_datetime(df["date"])
    df["present"] = df["count"] > 0
    return df


def test_prevalence_by_hand():
    rows = []
    for i in range(20):  # outlet A: 20 articles of 100 words, frame in 8 of them (2 matches each)
        rows.append((f"a{i}", "A", "2022-03-05", "f", 2 if i < 8 else 0, 100))
    for i in range(5):  # outlet B: 5 articles of 50 words, frame in 1 (3 matches)
        rows.append((f"b{i}", "B", "2022-04-05", "f", 3 if i == 0 else 0, 50))
    prev = frame_prevalence(make_scores(rows))
    assert prev.columns.tolist() == [
        "source", "frame", "label", "n_units", "n_docs", "n_present", "share", "ci_low", "ci_high",
        "count", "tokens", "per_10k",
    ]
    a, b = prev.iloc[0], prev.iloc[1]
    assert (a["n_units"], a["n_present"], a["share"], a["count"], a["tokens"]) == (20, 8, 0.4, 16, 2000)
    assert a["per_10k"] == pytest.approx(16 / 2000 * 10_000)
    assert (round(a["ci_low"], 4), round(a["ci_high"], 4)) == (0.2188, 0.6134)
    assert (b["n_units"], b["n_present"], b["share"], b["per_10k"]) == (5, 1, 0.2, pytest.approx(3 / 250 * 10_000))
    overall = frame_prevalence(make_scores(rows), by=None)
    assert (overall["n_units"].item(), overall["n_present"].item()) == (25, 9)


def test_prevalence_per_period():
    rows = [
        ("a1", "A", "2022-03-01", "f", 1, 10),
        ("a2", "A", "2022-03-31", "f", 0, 10),
        ("a3", "A", "2022-04-02", "f", 4, 20),
        ("b1", "B", "2022-03-15", "f", 0, 10),
    ]
    prev = frame_prevalence(make_scores(rows), freq="M")
    assert prev[["source", "period"]].astype(str).values.tolist() == [
        ["A", "2022-03-01"], ["A", "2022-04-01"], ["B", "2022-03-01"],
    ]
    assert prev["n_units"].tolist() == [2, 1, 1]
    assert prev["share"].tolist() == [0.5, 1.0, 0.0]
    assert prev["per_10k"].tolist() == [500.0, 2000.0, 0.0]
    with pytest.raises(CorpusError, match="date"):
        frame_prevalence(make_scores(rows).drop(columns="date"), freq="M")


def test_bootstrap_is_reproducible_and_contains_estimate():
    rng = np.random.default_rng(0)
    rows = [(f"d{i}", "AB"[i % 2], "2022-03-01", f, int(rng.random() < 0.3), 100)
            for i in range(300) for f in ("f", "g")]
    scores = make_scores(rows)
    p1 = frame_prevalence(scores, ci="bootstrap", seed=1, n_boot=500)
    p2 = frame_prevalence(scores, ci="bootstrap", seed=1, n_boot=500)
    p3 = frame_prevalence(scores, ci="bootstrap", seed=2, n_boot=500)
    pd.testing.assert_frame_equal(p1, p2)
    assert not np.array_equal(p1["ci_low"], p3["ci_low"])
    assert ((p1["ci_low"] <= p1["share"]) & (p1["share"] <= p1["ci_high"])).all()
    # with 150 articles per group the bootstrap interval is close to Wilson's
    w = frame_prevalence(scores)
    assert np.allclose(p1["ci_low"], w["ci_low"], atol=0.03)
    assert np.allclose(p1["ci_high"], w["ci_high"], atol=0.03)


def test_bootstrap_by_hand_two_articles():
    # article x has the frame, y does not. Resampling 2 articles with replacement gives a
    # share of 0 (prob 1/4), 0.5 (1/2) or 1 (1/4): the 95 % interval is [0, 1], and the
    # 40 % interval (quantiles 0.3 and 0.7) is [0.5, 0.5].
    scores = make_scores([("x", "A", "2022-01-01", "f", 1, 10), ("y", "A", "2022-01-01", "f", 0, 10)])
    with pytest.warns(UserWarning, match="fewer than 10 articles"):
        p95 = frame_prevalence(scores, ci="bootstrap", n_boot=4000)
    assert (p95["ci_low"].item(), p95["ci_high"].item()) == (0.0, 1.0)
    with pytest.warns(UserWarning, match="fewer than 10 articles"):
        p40 = frame_prevalence(scores, ci="bootstrap", n_boot=4000, level=0.4)
    assert (p40["ci_low"].item(), p40["ci_high"].item()) == (0.5, 0.5)


def test_bootstrap_resamples_articles_not_sentences():
    # every article has 2 sentences, exactly one with the frame: any resample of articles
    # has a share of 0.5, so the cluster bootstrap interval has no width, unlike Wilson's
    rows = []
    for i in range(30):
        rows.append((f"d{i}", "A", "2022-01-01", "f", 1, 10))
        rows.append((f"d{i}", "A", "2022-01-01", "f", 0, 10))
    scores = make_scores(rows)
    scores.insert(1, "sentence", [0, 1] * 30)
    boot = frame_prevalence(scores, ci="bootstrap", n_boot=300)
    assert (boot["share"].item(), boot["ci_low"].item(), boot["ci_high"].item()) == (0.5, 0.5, 0.5)
    assert boot["n_docs"].item() == 30 and boot["n_units"].item() == 60
    wil = frame_prevalence(scores)
    assert wil["ci_high"].item() - wil["ci_low"].item() > 0.2


# -------------------------------------------------------- competing frames


def test_frame_shares_and_dominant_frame():
    corpus = corpus_of(
        "The war. The war. The conflict.",  # war 2, conflict 1
        "The crisis and the conflict.",  # tie
        "Nothing here.",
        "A special military operation, the war.",
        sources=["A", "A", "B", "B"],
    )
    scores = frame_scores(corpus, "war_framing", frames="war_name")
    shares = frame_shares(scores, group="war_name")
    a = shares[shares["source"] == "A"].set_index("frame")
    assert a["count"].to_dict() == {"war": 2, "invasion": 0, "special_military_operation": 0,
                                    "conflict": 2, "crisis": 1}
    assert (a["total"] == 5).all()
    assert a.loc["war", "share"] == pytest.approx(0.4)
    b = shares[shares["source"] == "B"].set_index("frame")
    assert b.loc["special_military_operation", "share"] == 0.5
    assert a.loc["war", "label"] == "War"
    dom = dominant_frame(scores, group="war_name")
    assert dom["doc_id"].tolist() == ["d0", "d1", "d2", "d3"]
    assert dom["frame"].tolist()[:2] == ["war", "conflict"]  # tie: the frame listed first
    assert pd.isna(dom["frame"].iloc[2])
    assert dom["tied"].tolist() == [False, True, False, True]
    assert dom["total"].tolist() == [3, 2, 0, 2]


def test_frame_shares_needs_group_information():
    df = pd.DataFrame({"source": ["A"], "frame": ["war"], "count": [1]})
    with pytest.raises(ValueError, match="cannot tell which frames"):
        frame_shares(df, group="war_name")
    assert frame_shares(df, group="war_name", lexicon="war_framing")["share"].tolist() == [1.0]


# -------------------------------------------------------------- performance


def test_scoring_a_synthetic_index_matches_the_reference():
    # speed is measured in benchmarks/, not here; this checks counts on a larger random index
    lexicon = load_lexicon("war_framing")
    words = set()
    for f in lexicon:
        for p in (*f.patterns, *f.exclude):
            for el in p.lower().split():
                for suffix in ("", "s", "ing"):
                    words.update(tokenize(el.replace("*", suffix).replace("?", "s")))
    rng = np.random.default_rng(0)
    n_vocab, n_docs, length = 200_000, 2_000, 400
    filler = np.char.add("w", np.arange(n_vocab - len(words)).astype(str)).astype(object)
    vocab = np.concatenate([np.array(sorted(words), dtype=object), filler])
    rng.shuffle(vocab[:2000])  # lexicon words among the frequent types
    # a skewed (power-law) type distribution: P(id < x) = (x / n_vocab) ** (1 / 5)
    ids = (rng.random(n_docs * length, dtype=np.float32) ** 5 * n_vocab).astype(np.int32)
    index = TokenIndex(
        meta=pd.DataFrame({
            "doc_id": [f"d{i}" for i in range(n_docs)],
            "source": rng.choice(list("ABCDEFG"), n_docs),
            "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 365, n_docs), unit="D"),
        }),
        offsets=np.arange(0, n_docs * length + 1, length, dtype=np.int64),
        ids=ids,
        vocab=vocab,
    )
    scores = frame_scores(index, lexicon)
    assert len(scores) == n_docs * len(lexicon)
    # the first 10 articles, written out as text, counted by the plain-Python reference
    texts = [" ".join(vocab[ids[i * length : (i + 1) * length]]) for i in range(10)]
    wide = frame_table(scores[scores["doc_id"].isin([f"d{i}" for i in range(10)])])
    for f in lexicon:
        assert wide[f.name].tolist() == naive_frame_counts(texts, f.patterns, f.exclude), f.name
    assert wide.to_numpy().sum() > 100, wide.to_numpy().sum()


def test_wilson_interval_edges_are_exact():
    low, high = wilson_interval(np.array([0, 5]), np.array([5, 5]))
    assert low[0] == 0.0 and high[1] == 1.0


def test_bootstrap_interval_at_share_zero_is_wilson():
    scores = make_scores([(f"d{i}", "A", "2022-01-01", "f", 0, 10) for i in range(12)])
    p = frame_prevalence(scores, ci="bootstrap", n_boot=200)
    low, high = wilson_interval(np.array([0]), np.array([12]))
    assert p["ci_low"].item() == 0.0 and p["ci_high"].item() == pytest.approx(high[0])
    assert p["ci_high"].item() > 0.2  # not the zero-width [0, 0] of the percentile method


def test_unknown_frame_name_is_an_error(small_corpus):
    scores = frame_scores(small_corpus, load_lexicon("war_framing"))
    with pytest.raises(ValueError, match="no frame or frame group 'war_nmae'"):
        frame_prevalence(scores, frames="war_nmae")
    by_group = frame_prevalence(scores, frames="war_name")
    assert set(by_group["frame"].astype(str)) == {"war", "invasion", "special_military_operation", "conflict", "crisis"}


def test_sentence_units_see_metadata_edited_in_place(small_corpus):
    c = small_corpus.copy()
    lex = load_lexicon("war_framing")
    frame_scores(c, lex, unit="sentence")
    c["source"] = c["source"].str.upper()
    sent = frame_scores(c, lex, unit="sentence")
    assert set(sent["source"]) == {"ALPHA", "BETA", "GAMMA"}
