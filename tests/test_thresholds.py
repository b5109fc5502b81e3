"""Per-frame presence thresholds in lexicons, frame_scores applying them, and choosing
them by cross-validation (hand-made cases where the right threshold is obvious)."""

import numpy as np
import pandas as pd
import pytest
import yaml

import toolkit
from toolkit.lexicon import LexiconError, load_lexicon
from toolkit.schema import CorpusError
from toolkit.thresholds import lexicon_yaml, tune_thresholds, with_thresholds

LEX = {
    "name": "t",
    "frames": {
        "talks": {"patterns": ["talks"], "min_matches": 2},
        "war": {"patterns": ["war"], "min_per_10k": 1500},
        "plain": {"patterns": ["peace"]},
    },
}
CORPUS = pd.DataFrame({
    "doc_id": ["a", "b", "c"],
    "text": [
        "Talks, more talks and peace.",  # 5 words: talks x2
        "Talks about war.",  # 3 words: war 1 -> 3,333 per 10k
        "The war goes on and on and on and on.",  # 10 words: war 1 -> 1,000 per 10k
    ],
})


def test_lexicon_reads_and_checks_thresholds():
    lex = load_lexicon(LEX)
    assert lex["talks"].min_matches == 2 and lex["talks"].min_per_10k is None
    assert lex["war"].min_per_10k == 1500.0 and lex["plain"].min_matches is None
    bad = {"name": "t", "frames": {"f": {"patterns": ["x"], "min_matches": 0, "min_per_10k": "many"}}}
    with pytest.raises(LexiconError) as err:
        load_lexicon(bad)
    assert "min_matches" in str(err.value) and "min_per_10k" in str(err.value)
    with pytest.raises(LexiconError, match="did you mean 'min_matches'"):
        load_lexicon({"name": "t", "frames": {"f": {"patterns": ["x"], "min_match": 2}}})


def test_frame_scores_applies_the_frames_thresholds():
    s = toolkit.frame_scores(CORPUS, LEX)
    present = s.pivot(index="doc_id", columns="frame", values="present")
    count = s.pivot(index="doc_id", columns="frame", values="count")
    assert count.loc[["a", "b", "c"], "talks"].tolist() == [2, 1, 0]
    assert present["talks"].tolist() == [True, False, False]  # needs 2 matches
    assert present["war"].tolist() == [False, True, False]  # needs 1,500 per 10k words
    assert present["plain"].tolist() == [True, False, False]  # default: one match
    assert s.attrs["thresholds"] == {
        "talks": {"min_matches": 2, "min_per_10k": None},
        "war": {"min_matches": None, "min_per_10k": 1500.0},
    }
    # frames without their own threshold still follow min_count
    s3 = toolkit.frame_scores(CORPUS, LEX, min_count=3)
    assert not s3.loc[s3["frame"] == "plain", "present"].any()
    assert s3.loc[(s3["frame"] == "talks") & (s3["doc_id"] == "a"), "present"].all()


def test_default_lexicons_unchanged():
    demo = toolkit.load_demo()
    s = toolkit.frame_scores(demo, "war_framing")
    assert (s["present"] == (s["count"] >= 1)).all()
    assert s.attrs["thresholds"] == {}


def obvious_case(n=40, seed=0):
    """Positives have 2+ matches, negatives 0 or 1: the right rule is min_matches 2."""
    rng = np.random.default_rng(seed)
    gold = np.arange(n) % 2 == 0
    count = np.where(gold, rng.integers(2, 6, n), rng.integers(0, 2, n))
    ids = [f"d{i}" for i in range(n)]
    scores = pd.DataFrame({"doc_id": ids, "frame": "f", "count": count, "tokens": 400,
                           "present": count >= 1})
    gold_codes = pd.DataFrame({"unit_id": ids, "frame": "f", "code": gold.astype(int)})
    return scores, gold_codes


def test_obvious_min_matches():
    scores, gold = obvious_case()
    t = tune_thresholds(scores, gold, folds=4)
    r = t.iloc[0]
    assert t.columns.tolist() == ["frame", "kind", "value", "metric", "score", "cv_mean", "cv_sd",
                                  "folds", "n", "positives"]
    assert (r["frame"], r["kind"], r["value"], r["score"]) == ("f", "min_matches", 2.0, 1.0)
    assert r["cv_mean"] == 1.0 and r["cv_sd"] == 0.0 and (r["n"], r["positives"], r["folds"]) == (40, 20, 4)
    grid = t.attrs["grid"]
    one = grid[(grid["kind"] == "min_matches") & (grid["value"] == 1)]["score"].iloc[0]
    # one match: tp 20, fp = negatives with one match
    fp = int(((scores["count"] == 1) & (gold["code"] == 0)).sum())
    assert one == pytest.approx(40 / (40 + fp))
    for metric in ("kappa", "accuracy"):
        assert tune_thresholds(scores, gold, metric=metric).loc[0, "value"] == 2.0


def test_obvious_rate_threshold():
    # every article has 2 matches; positives are short (dense), negatives long
    n = 30
    gold = np.arange(n) % 3 == 0
    tokens = np.where(gold, 200, 2000)
    scores = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "frame": "f", "count": 2,
                           "tokens": tokens})
    codes = pd.DataFrame({"doc_id": scores["doc_id"], "frame": "f", "code": gold})
    t = tune_thresholds(scores, codes, candidates={"min_matches": [1, 2, 3], "min_per_10k": [5, 50, 500]},
                        folds=3)
    r = t.iloc[0]
    assert (r["kind"], r["value"], r["score"], r["cv_mean"]) == ("min_per_10k", 50.0, 1.0, 1.0)


def test_cross_validation_by_hand():
    """cv_mean: each fold's rule chosen on the other folds, scored on the fold."""
    scores = pd.DataFrame({"doc_id": list("abcdef"), "frame": "f",
                           "count": [2, 1, 3, 1, 0, 2], "tokens": 100})
    codes = pd.DataFrame({"doc_id": list("abcdef"), "frame": "f", "code": [1, 1, 1, 0, 0, 0]})
    t = tune_thresholds(scores, codes, candidates={"min_matches": [1, 2]}, folds=3, seed=2)
    from toolkit.thresholds import _folds

    fold = _folds(codes["code"].to_numpy(bool), 3, np.random.default_rng(2))
    g, c = codes["code"].to_numpy(bool), scores["count"].to_numpy()

    def f1(pred, mask):
        tp = (pred & g & mask).sum()
        d = 2 * tp + (pred & ~g & mask).sum() + (~pred & g & mask).sum()
        return 2 * tp / d if d else np.nan

    held = []
    for k in range(3):
        train = fold != k
        best = max([1, 2], key=lambda v: (np.nan_to_num(f1(c >= v, train), nan=-1), -v))
        held.append(f1(c >= best, fold == k))
    assert t.loc[0, "cv_mean"] == pytest.approx(np.nanmean(held))
    # on all six: k=1 -> tp 3 fp 2 -> 6/8; k=2 -> tp 2, fp 1, fn 1 -> 4/6: one match wins
    assert (t.loc[0, "value"], t.loc[0, "score"]) == (1.0, pytest.approx(0.75))


def test_with_thresholds_and_yaml_round_trip(tmp_path):
    scores, gold = obvious_case()
    t = tune_thresholds(scores, gold).assign(frame="negotiation")
    lex = with_thresholds("war_framing", t)
    assert lex["negotiation"].min_matches == 2 and lex.path is None
    assert load_lexicon("war_framing")["negotiation"].min_matches is None  # the original stays
    text = lexicon_yaml(lex)
    back = load_lexicon(yaml.safe_load(text))
    assert back["negotiation"].min_matches == 2
    assert back.frame_names == lex.frame_names
    assert back["euphemised_setback"].exclude == lex["euphemised_setback"].exclude
    rate = with_thresholds(lex, pd.DataFrame({"frame": ["negotiation"], "kind": ["min_per_10k"], "value": [3]}))
    assert (rate["negotiation"].min_matches, rate["negotiation"].min_per_10k) == (None, 3.0)
    with pytest.raises(CorpusError, match="not in the lexicon"):
        with_thresholds(lex, t.assign(frame="nope"))
    with pytest.raises(ValueError, match="kind"):
        with_thresholds(lex, t.assign(kind="min_words"))


def test_bad_arguments():
    scores, gold = obvious_case()
    with pytest.raises(ValueError, match="metric"):
        tune_thresholds(scores, gold, metric="auc")
    with pytest.raises(ValueError, match="folds"):
        tune_thresholds(scores, gold, folds=1)
    with pytest.raises(ValueError, match="unknown threshold kind"):
        tune_thresholds(scores, gold, candidates={"min_words": [1]})
    with pytest.raises(CorpusError, match="tokens"):
        tune_thresholds(scores.drop(columns="tokens"), gold)


def test_mapping_form_gold_and_sentence_scores_summed():
    demo = toolkit.load_demo()
    sent = toolkit.frame_scores(demo, "war_framing", unit="sentence", frames="euphemised_setback")
    mapping = {"euphemised_setback": ("defeat_wording", "euphemistic")}
    t = tune_thresholds(sent, toolkit.load_annotations(), mapping=mapping)
    assert t.loc[0, "n"] == 101 and t.loc[0, "positives"] == 8
    docs = toolkit.frame_scores(demo, "war_framing", frames="euphemised_setback")
    t2 = tune_thresholds(docs, toolkit.load_annotations(), mapping=mapping)
    pd.testing.assert_frame_equal(t, t2)
