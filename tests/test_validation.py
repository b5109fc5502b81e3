"""Validation against annotations (hand-computed) and agreement (against nltk, sklearn,
krippendorff)."""

import krippendorff
import numpy as np
import pandas as pd
import pytest
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support

from toolkit.schema import CorpusError
from toolkit.validation import (
    agreement,
    cohen_kappa,
    krippendorff_alpha,
    percent_agreement,
    validate_frames,
    validation_errors,
)


def scores_from(presence, counts=None, sources=None):
    """frame_scores-like table from {frame: [present per doc]} (docs d0, d1, ...)."""
    rows = []
    for frame, pres in presence.items():
        for i, p in enumerate(pres):
            c = counts[frame][i] if counts else int(p)
            rows.append((f"d{i}", sources[i] if sources else "S", frame, c, bool(p)))
    return pd.DataFrame(rows, columns=["doc_id", "source", "frame", "count", "present"])


# 10 articles. Dictionary says euphemised in d0-d4; authors say euphemistic in d0, d1, d2, d5.
#   tp = d0, d1, d2 = 3; fp = d3, d4 = 2; fn = d5 = 1; tn = d6..d9 = 4
PRESENT = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
LABELS = ["euphemistic"] * 3 + ["explicit", "not_applicable", "euphemistic"] + ["explicit"] * 4
ANN = pd.DataFrame({"doc_id": [f"d{i}" for i in range(10)], "defeat_wording": LABELS})


def test_validate_frames_by_hand():
    scores = scores_from({"euphemised_setback": PRESENT})
    res = validate_frames(scores, ANN, {"euphemised_setback": ("defeat_wording", "euphemistic")})
    # the columns of release 0.1 come first, unchanged; intervals and baselines follow
    assert res.columns.tolist()[:13] == [
        "frame", "annotation", "positive", "n", "tp", "fp", "fn", "tn",
        "precision", "recall", "f1", "accuracy", "kappa",
    ]
    assert res.columns.tolist()[13:] == [
        "precision_low", "precision_high", "recall_low", "recall_high", "f1_low", "f1_high",
        "kappa_low", "kappa_high", "prevalence", "always_precision", "always_recall",
        "always_f1", "random_precision", "random_recall", "random_f1",
    ]
    plain = validate_frames(scores, ANN, {"euphemised_setback": ("defeat_wording", "euphemistic")}, ci=None)
    assert plain.columns.tolist()[:13] == res.columns.tolist()[:13]
    assert "f1_low" not in plain.columns
    r = res.iloc[0]
    assert (r["n"], r["tp"], r["fp"], r["fn"], r["tn"]) == (10, 3, 2, 1, 4)
    assert r["precision"] == pytest.approx(3 / 5)
    assert r["recall"] == pytest.approx(3 / 4)
    assert r["f1"] == pytest.approx(2 * (3 / 5) * (3 / 4) / (3 / 5 + 3 / 4))  # = 2/3
    assert r["accuracy"] == pytest.approx(7 / 10)
    # kappa by hand: p_o = 0.7; p_e = 0.5 * 0.4 + 0.5 * 0.6 = 0.5; (0.7 - 0.5) / 0.5 = 0.4
    assert r["kappa"] == pytest.approx(0.4)
    gold = [lab == "euphemistic" for lab in LABELS]
    p, rc, f, _ = precision_recall_fscore_support(gold, [bool(x) for x in PRESENT], average="binary")
    assert (r["precision"], r["recall"], r["f1"]) == pytest.approx((p, rc, f))
    assert r["kappa"] == pytest.approx(cohen_kappa_score(gold, [bool(x) for x in PRESENT]))


def test_several_frames_list_of_positive_values_and_missing_labels():
    ann = ANN.assign(negotiation_stance=["open", "sceptical", "not_mentioned", None, "open",
                                         "not_mentioned", "open", "not_mentioned", "sceptical", "open"])
    scores = scores_from({
        "euphemised_setback": PRESENT,
        "negotiation": [1, 1, 0, 1, 1, 1, 0, 0, 1, 1],
    })
    res = validate_frames(scores, ann, {
        "negotiation": ("negotiation_stance", ["open", "sceptical"]),
        "euphemised_setback": ("defeat_wording", "euphemistic"),
    })
    assert res["frame"].tolist() == ["negotiation", "euphemised_setback"]  # mapping order
    neg = res.iloc[0]
    # d3 has no label and is left out; gold = d0 d1 d4 d6 d8 d9
    #   predicted d0 d1 d4 d5 d8 d9 -> tp 5 (d0 d1 d4 d8 d9), fp 1 (d5), fn 1 (d6), tn 2 (d2 d7)
    assert (neg["n"], neg["tp"], neg["fp"], neg["fn"], neg["tn"]) == (9, 5, 1, 1, 2)
    assert neg["positive"] == "open | sceptical"


def test_zero_denominators_give_nan():
    scores = scores_from({"f": [0, 0, 0]})
    ann = pd.DataFrame({"doc_id": ["d0", "d1", "d2"], "lab": ["no", "no", "no"]})
    with pytest.warns(UserWarning, match="never occur"):
        r = validate_frames(scores, ann, {"f": ("lab", "yes")}).iloc[0]
    assert (r["tp"], r["fp"], r["fn"], r["tn"]) == (0, 0, 0, 3)
    assert np.isnan(r["precision"]) and np.isnan(r["recall"]) and np.isnan(r["f1"])
    assert np.isnan(r["kappa"]) and r["accuracy"] == 1.0


def test_sentence_scores_are_combined_per_article():
    sent = pd.DataFrame({
        "doc_id": ["d0", "d0", "d1", "d1"],
        "sentence": [0, 1, 0, 1],
        "frame": ["f"] * 4,
        "count": [0, 2, 0, 0],
        "present": [False, True, False, False],
    })
    ann = pd.DataFrame({"doc_id": ["d0", "d1"], "lab": ["yes", "yes"]})
    r = validate_frames(sent, ann, {"f": ("lab", "yes")}).iloc[0]
    assert (r["n"], r["tp"], r["fn"]) == (2, 1, 1)


def test_annotation_dicts_are_expanded():
    ann = pd.DataFrame({"doc_id": ["d0", "d1"], "annotation": [{"lab": "yes"}, {"lab": "no"}]})
    r = validate_frames(scores_from({"f": [1, 1]}), ann, {"f": ("lab", "yes")}).iloc[0]
    assert (r["tp"], r["fp"]) == (1, 1)


def test_validation_errors_lists_documents():
    counts = {"euphemised_setback": [2, 1, 1, 3, 1, 0, 0, 0, 0, 0]}
    scores = scores_from({"euphemised_setback": PRESENT}, counts=counts)
    err = validation_errors(scores, ANN, {"euphemised_setback": ("defeat_wording", "euphemistic")})
    assert err.columns.tolist() == ["frame", "doc_id", "source", "error", "count", "label"]
    assert err["doc_id"].tolist() == ["d3", "d4", "d5"]
    assert err["error"].tolist() == ["false positive", "false positive", "false negative"]
    assert err["count"].tolist() == [3, 1, 0]
    assert err["label"].tolist() == ["explicit", "not_applicable", "euphemistic"]


def test_bad_mapping_and_columns():
    scores = scores_from({"f": [1]})
    ann = pd.DataFrame({"doc_id": ["d0"], "lab": ["x"]})
    with pytest.raises(CorpusError, match="annotation column 'nope'"):
        validate_frames(scores, ann, {"f": ("nope", "x")})
    with pytest.raises(CorpusError, match=r"frame\(s\) \['g'\]"):
        validate_frames(scores, ann, {"g": ("lab", "x")})
    with pytest.raises(ValueError, match="mapping values"):
        validate_frames(scores, ann, {"f": "lab"})


# ------------------------------------------------------------------- agreement

A = ["war", "war", "crisis", "conflict", "war", "invasion", "war", "conflict", "crisis", "war", "invasion", "war"]
B = ["war", "invasion", "crisis", "conflict", "war", "invasion", "conflict", "conflict", "war", "war", "war", "war"]


def test_percent_agreement_and_kappa_by_hand():
    # docstring case: p_o = 2/3; p_e = (2/3)(1/3) + (1/3)(1/3) = 1/3; kappa = (1/3) / (2/3)
    assert cohen_kappa(["war", "war", "crisis"], ["war", "conflict", "crisis"]) == pytest.approx(0.5)
    assert percent_agreement(A, B) == pytest.approx(8 / 12)


def test_kappa_against_sklearn_and_nltk():
    ours = cohen_kappa(A, B)
    assert ours == pytest.approx(cohen_kappa_score(A, B))
    task = AnnotationTask(data=[("a", i, x) for i, x in enumerate(A)] + [("b", i, x) for i, x in enumerate(B)])
    assert ours == pytest.approx(task.kappa())


def test_alpha_against_krippendorff_package_two_coders():
    codes = {lab: i for i, lab in enumerate(sorted(set(A + B)))}
    data = np.array([[codes[x] for x in A], [codes[x] for x in B]], dtype=float)
    ref = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert krippendorff_alpha([A, B]) == pytest.approx(ref)
    assert agreement(A, B)["krippendorff_alpha"] == pytest.approx(ref)
    task = AnnotationTask(data=[("a", i, x) for i, x in enumerate(A)] + [("b", i, x) for i, x in enumerate(B)])
    assert krippendorff_alpha([A, B]) == pytest.approx(task.alpha())


def test_alpha_against_krippendorff_package_three_coders_with_missing():
    rng = np.random.default_rng(5)
    data = rng.integers(0, 4, size=(3, 40)).astype(float)
    data[1, :25] = data[0, :25]  # some agreement
    data[rng.random((3, 40)) < 0.2] = np.nan
    ref = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    ours = krippendorff_alpha([[None if np.isnan(v) else int(v) for v in row] for row in data])
    assert ours == pytest.approx(ref)


def test_agreement_series_missing_values_and_alignment():
    a = pd.Series(["x", "y", None, "x"], index=[1, 2, 3, 4])
    b = pd.Series(["x", "x", "y", "x", "y"], index=[4, 3, 2, 1, 0])  # different order
    res = agreement(a, b)
    # aligned on the index: 1: x/x, 2: y/y, 3: missing (dropped), 4: x/x
    assert res["n"] == 3 and res["percent_agreement"] == 1.0
    assert res["cohen_kappa"] == pytest.approx(1.0)
    assert res["krippendorff_alpha"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="different lengths"):
        agreement([1, 2], [1, 2, 3])


def test_constant_codings_give_nan():
    assert np.isnan(cohen_kappa(["a", "a"], ["a", "a"]))
    assert np.isnan(krippendorff_alpha([["a", "a"], ["a", "a"]]))


def test_boolean_codings_match_sklearn():
    rng = np.random.default_rng(2)
    x = rng.random(50) < 0.4
    y = np.where(rng.random(50) < 0.8, x, ~x)
    assert cohen_kappa(x, y) == pytest.approx(cohen_kappa_score(x, y))


def test_agreement_warns_when_label_spellings_differ():
    a = ["special_military_operation", "war", "crisis"]
    b = ["special military operation", "war ", "Crisis"]
    with pytest.warns(UserWarning, match="differ only in spelling"):
        agreement(a, b)


def test_sentence_presence_uses_the_scores_min_count():
    sent = pd.DataFrame({
        "doc_id": ["d0", "d0", "d1"], "sentence": [0, 1, 0], "frame": ["f"] * 3,
        "count": [1, 1, 1], "present": [False, False, False],
    })
    sent.attrs["min_count"] = 2  # d0 reaches 2 matches over its sentences, d1 does not
    ann = pd.DataFrame({"doc_id": ["d0", "d1"], "lab": ["yes", "no"]})
    r = validate_frames(sent, ann, {"f": ("lab", "yes")}).iloc[0]
    assert (r["tp"], r["fp"], r["fn"], r["tn"]) == (1, 0, 0, 1)


def test_unscored_annotations_are_reported():
    scores = scores_from({"f": [1, 0]})
    ann = pd.DataFrame({"doc_id": ["d0", "d1", "zz"], "lab": ["yes", "no", "yes"]})
    with pytest.warns(UserWarning, match=r"1 annotated article\(s\) are not in the scores"):
        validate_frames(scores, ann, {"f": ("lab", "yes")})


# ------------------------------------------- intervals, baselines, weights, long gold

from scipy import stats  # noqa: E402

from toolkit.validation import bootstrap_weights  # noqa: E402

MAP = {"euphemised_setback": ("defeat_wording", "euphemistic")}


def random_case(n=80, seed=3):
    rng = np.random.default_rng(seed)
    gold = rng.random(n) < 0.3
    pred = np.where(rng.random(n) < 0.75, gold, ~gold)
    scores = scores_from({"f": pred.astype(int).tolist()})
    ann = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "lab": np.where(gold, "yes", "no")})
    return scores, ann, gold, pred


def test_bootstrap_intervals_equal_a_plain_loop_with_sklearn():
    scores, ann, gold, pred = random_case()
    res = validate_frames(scores, ann, {"f": ("lab", "yes")}, n_boot=200, seed=5, level=0.9).iloc[0]
    w = bootstrap_weights(len(gold), n_boot=200, seed=5)  # first frame: the seed itself
    vals = {"precision": [], "recall": [], "f1": [], "kappa": []}
    for row in w:
        idx = np.repeat(np.arange(len(gold)), row)
        p, r, f, _ = precision_recall_fscore_support(gold[idx], pred[idx], average="binary", zero_division=np.nan)
        vals["precision"].append(p)
        vals["recall"].append(r)
        vals["f1"].append(f)
        vals["kappa"].append(cohen_kappa_score(gold[idx], pred[idx]))
    for m, v in vals.items():
        lo, hi = np.nanquantile(v, [0.05, 0.95])
        assert res[f"{m}_low"] == pytest.approx(lo), m
        assert res[f"{m}_high"] == pytest.approx(hi), m
        assert res[f"{m}_low"] <= res[m] <= res[f"{m}_high"]


def test_wilson_intervals_for_precision_and_recall_by_formula():
    scores = scores_from({"euphemised_setback": PRESENT})
    r = validate_frames(scores, ANN, MAP, ci="wilson").iloc[0]
    z = stats.norm.ppf(0.975)

    def wilson(k, n):
        p = k / n
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
        return centre - half, centre + half

    assert (r["precision_low"], r["precision_high"]) == pytest.approx(wilson(3, 5))  # tp 3 of 5
    assert (r["recall_low"], r["recall_high"]) == pytest.approx(wilson(3, 4))  # tp 3 of 4
    assert r["f1_low"] <= r["f1"] <= r["f1_high"]  # still bootstrapped


def test_baselines_by_hand_and_by_simulation():
    scores = scores_from({"euphemised_setback": PRESENT})
    r = validate_frames(scores, ANN, MAP, ci=None).iloc[0]
    p = 4 / 10  # gold positives d0 d1 d2 d5
    assert r["prevalence"] == pytest.approx(p)
    gold = [lab == "euphemistic" for lab in LABELS]
    ap, ar, af, _ = precision_recall_fscore_support(gold, [True] * 10, average="binary")
    assert (r["always_precision"], r["always_recall"], r["always_f1"]) == pytest.approx((ap, ar, af))
    assert r["always_f1"] == pytest.approx(2 * p / (1 + p))
    assert (r["random_precision"], r["random_recall"], r["random_f1"]) == pytest.approx((p, p, p))
    # simulation: ratios of summed counts over many random codings with P(positive) = p
    rng = np.random.default_rng(0)
    g = np.array(gold)
    draws = rng.random((20000, 10)) < p
    tp, fp, fn = (draws & g).sum(), (draws & ~g).sum(), (~draws & g).sum()
    assert tp / (tp + fp) == pytest.approx(p, abs=0.01)
    assert tp / (tp + fn) == pytest.approx(p, abs=0.01)
    assert 2 * tp / (2 * tp + fp + fn) == pytest.approx(p, abs=0.01)


def test_weights_match_sklearn_sample_weight_and_all_ones_change_nothing():
    scores, ann, gold, pred = random_case(n=60, seed=8)
    rng = np.random.default_rng(1)
    ann["w"] = np.where(gold, 2.0, 5.0) * rng.integers(1, 3, len(gold))  # a stratified design
    res = validate_frames(scores, ann, {"f": ("lab", "yes")}, weights="w", n_boot=100).iloc[0]
    w = ann["w"].to_numpy()
    p, r, f, _ = precision_recall_fscore_support(gold, pred, average="binary", sample_weight=w)
    assert (res["precision"], res["recall"], res["f1"]) == pytest.approx((p, r, f))
    assert res["kappa"] == pytest.approx(cohen_kappa_score(gold, pred, sample_weight=w))
    assert res["tp_w"] == pytest.approx(w[gold & pred].sum())
    assert res["tp"] == (gold & pred).sum()  # the sample's counts stay
    assert res["prevalence"] == pytest.approx(w[gold].sum() / w.sum())
    assert res["precision_low"] <= res["precision"] <= res["precision_high"]
    ones = validate_frames(scores, ann.assign(w=1.0), {"f": ("lab", "yes")}, weights="w", n_boot=100)
    plain = validate_frames(scores, ann, {"f": ("lab", "yes")}, n_boot=100)
    pd.testing.assert_frame_equal(ones[plain.columns], plain, check_dtype=False)
    with pytest.raises(ValueError, match="positive numbers"):
        validate_frames(scores, ann.assign(w=0.0), {"f": ("lab", "yes")}, weights="w")
    with pytest.raises(CorpusError, match="weights column"):
        validate_frames(scores, ann, {"f": ("lab", "yes")}, weights="nope")
    with pytest.raises(ValueError, match="bootstrap"):
        validate_frames(scores, ann, {"f": ("lab", "yes")}, weights="w", ci="wilson")


def test_long_form_gold_gives_the_same_result_as_the_mapping():
    scores = scores_from({"euphemised_setback": PRESENT, "other": [0] * 10})
    wide = validate_frames(scores, ANN, MAP, n_boot=100)
    gold = pd.DataFrame({
        "unit_id": [f"d{i}" for i in range(10)], "frame": "euphemised_setback",
        "code": [int(lab == "euphemistic") for lab in LABELS],
    })
    long = validate_frames(scores, gold, n_boot=100)
    cols = [c for c in wide.columns if c not in ("annotation", "positive")]
    pd.testing.assert_frame_equal(long[cols], wide[cols])
    assert long["frame"].tolist() == ["euphemised_setback"]  # only coded frames
    words = gold.assign(code=np.where(gold["code"] == 1, "Yes", "no"))
    assert validate_frames(scores, words, ci=None).loc[0, "tp"] == 3
    with pytest.raises(ValueError, match="0/1"):
        validate_frames(scores, gold.assign(code="maybe"))
    with pytest.raises(ValueError, match="several coders"):
        validate_frames(scores, pd.concat([gold.assign(coder="a"), gold.assign(coder="b")]))
    with pytest.raises(CorpusError, match="mapping"):
        validate_frames(scores, ANN)


def test_sentence_units_use_the_frames_own_thresholds():
    sent = pd.DataFrame({
        "doc_id": ["d0", "d0", "d1", "d1"], "sentence": [0, 1, 0, 1], "frame": ["f"] * 4,
        "count": [1, 1, 1, 0], "tokens": [10, 10, 10, 10], "present": [True, True, True, False],
    })
    sent.attrs["thresholds"] = {"f": {"min_matches": 2, "min_per_10k": None}}
    ann = pd.DataFrame({"doc_id": ["d0", "d1"], "lab": ["yes", "no"]})
    r = validate_frames(sent, ann, {"f": ("lab", "yes")}, ci=None).iloc[0]
    assert (r["tp"], r["fp"], r["fn"], r["tn"]) == (1, 0, 0, 1)
    # a rate threshold: d0 has 2 matches in 20 words (1,000 per 10k), d1 1 in 20 (500)
    sent.attrs["thresholds"] = {"f": {"min_matches": None, "min_per_10k": 600.0}}
    r = validate_frames(sent, ann, {"f": ("lab", "yes")}, ci=None).iloc[0]
    assert (r["tp"], r["fp"]) == (1, 0)


def test_validation_errors_with_long_form_gold():
    scores = scores_from({"euphemised_setback": PRESENT})
    gold = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(10)], "frame": "euphemised_setback",
        "code": [lab == "euphemistic" for lab in LABELS],
    })
    err = validation_errors(scores, gold)
    assert err["doc_id"].tolist() == ["d3", "d4", "d5"]
    assert err["label"].tolist() == ["False", "False", "True"]


def test_long_gold_with_unit_id_and_doc_id_uses_the_articles():
    scores = scores_from({"f": [1, 0, 1]})
    gold = pd.DataFrame({"unit_id": ["d0", "d1", "d2"], "doc_id": ["d0", "d1", "d2"],
                         "frame": "f", "code": [1, 1, 0]})
    r = validate_frames(scores, gold, ci=None).iloc[0]
    assert (r["tp"], r["fp"], r["fn"], r["tn"]) == (1, 1, 1, 0)
    sentences = pd.DataFrame({"unit_id": ["d0#0", "d0#1"], "doc_id": ["d0", "d0"], "frame": "f", "code": [1, 0]})
    with pytest.raises(ValueError, match="combined per article"):
        validate_frames(scores, sentences)
