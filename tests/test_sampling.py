"""Samples for hand coding (toolkit.sampling): strata, allocation, weights, halves."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.sampling import _allocate, sample_for_coding, split_halves
from toolkit.schema import CorpusError, CorpusWarning


def _corpus(sizes: dict[str, int]) -> pd.DataFrame:
    """Our own one-line articles: ``sizes`` outlet -> number of articles."""
    rows = []
    for source, k in sizes.items():
        for i in range(k):
            rows.append((f"{source}{i:02d}", source, f"2022-03-{i % 28 + 1:02d}", f"Title {i}",
                         f"Crews repaired the bridge number {i}. Traffic resumed at noon."))
    return toolkit.validate_corpus(pd.DataFrame(rows, columns=["doc_id", "source", "date", "title", "text"]))


@pytest.fixture(scope="module")
def demo_scores() -> pd.DataFrame:
    return toolkit.frame_scores(toolkit.load_demo(), "war_framing")


def test_same_seed_same_sample_and_row_order_does_not_matter():
    corpus = _corpus({"A": 6, "B": 3, "C": 1})
    one = sample_for_coding(corpus, 6, stratify="source", seed=5)
    two = sample_for_coding(corpus, 6, stratify="source", seed=5)
    shuffled = sample_for_coding(corpus.sample(frac=1, random_state=1), 6, stratify="source", seed=5)
    pd.testing.assert_frame_equal(one, two)
    pd.testing.assert_frame_equal(one, shuffled)
    other = [sorted(sample_for_coding(corpus, 6, stratify="source", seed=s)["unit_id"]) for s in range(6)]
    assert len({tuple(o) for o in other}) > 1
    assert one.attrs["seed"] == 5 and one.attrs["design"]["population"] == 10


def test_equal_allocation_sizes_and_weights_by_hand():
    # strata A=6, B=3, C=1, n=6: 2 each, C holds only 1, its spare unit goes to the
    # larger stratum A -> A 3, B 2, C 1; weights 6/3, 3/2, 1/1
    sample = sample_for_coding(_corpus({"A": 6, "B": 3, "C": 1}), 6, stratify="source")
    got = sample.groupby("source")[["stratum_size", "sampled", "weight", "inclusion"]].first()
    assert got["stratum_size"].to_dict() == {"A": 6, "B": 3, "C": 1}
    assert got["sampled"].to_dict() == {"A": 3, "B": 2, "C": 1}
    assert got["weight"].to_dict() == {"A": 2.0, "B": 1.5, "C": 1.0}
    assert got["inclusion"].round(4).to_dict() == {"A": 0.5, "B": 0.6667, "C": 1.0}
    assert sample["source"].value_counts().to_dict() == {"A": 3, "B": 2, "C": 1}
    assert sample["weight"].sum() == pytest.approx(10)
    assert sample["stratum"].iloc[0].startswith("source=")
    assert [s["sampled"] for s in sample.attrs["design"]["strata"]] == [3, 2, 1]


def test_proportional_and_minimum_allocation_by_hand():
    sizes = np.array([6, 3, 1])
    # proportional, n=5: quotas 3, 1.5, 0.5 -> 3, 1, 0 and one left: ties at .5 go to the larger
    assert _allocate(sizes, 5, None).tolist() == [3, 2, 0]
    # minimum 1 each, then 2 more in proportion to 6:3 (quotas 4/3, 2/3) -> A 1+1, B 1+1
    assert _allocate(sizes, 5, 1).tolist() == [2, 2, 1]
    assert _allocate(sizes, 10, "equal").tolist() == [6, 3, 1]
    with pytest.raises(ValueError, match="oversample=2 asks for 5 units"):
        _allocate(sizes, 4, 2)
    with pytest.raises(ValueError, match="oversample must be"):
        _allocate(sizes, 4, "many")


def test_oversampling_brings_rare_predicted_positives(demo_scores):
    present = demo_scores[demo_scores["frame"] == "crisis"]["present"]
    assert present.sum() == 9  # rare: 9 of 101 articles
    sample = sample_for_coding(demo_scores, 20, stratify="frame:crisis", seed=0)
    assert sample["frame:crisis"].sum() == 9  # every positive, not the ~2 of a simple sample
    assert set(sample.loc[sample["frame:crisis"], "weight"]) == {1.0}
    assert set(sample.loc[~sample["frame:crisis"], "weight"]) == {92 / 11}
    simple = sample_for_coding(demo_scores, 20, stratify="frame:crisis", oversample=None)
    assert simple["frame:crisis"].sum() == 2  # proportional: 20 * 9/101 = 1.8
    both = sample_for_coding(demo_scores, 30, stratify=["source", "frame:crisis"], oversample=1)
    assert both.groupby(["source", "frame:crisis"]).size().min() >= 1
    assert both["weight"].sum() == pytest.approx(101)


def test_sentence_units_have_offsets_into_the_text():
    corpus = toolkit.load_demo()
    sample = sample_for_coding(corpus, 15, unit="sentence", stratify="source", seed=3)
    assert {"unit_id", "doc_id", "sentence", "start", "end"} <= set(sample.columns)
    texts = corpus.set_index("doc_id")["text"]
    sents = toolkit.sentences(corpus).set_index(["doc_id", "sentence"])["text"]
    for row in sample.itertuples():
        assert row.unit_id == f"{row.doc_id}:{row.start}-{row.end}"
        assert texts[row.doc_id][row.start:row.end] == sents[(row.doc_id, row.sentence)]
    assert sample.attrs["design"]["unit"] == "sentence"


def test_sentence_scores_need_offsets_and_match_corpus_sentences():
    corpus = toolkit.load_demo()
    bare = toolkit.frame_scores(corpus, "war_framing", unit="sentence", frames="negotiation")
    with pytest.raises(CorpusError, match=r"meta=\['start', 'end'\]"):
        sample_for_coding(bare, 5)
    scores = toolkit.frame_scores(corpus, "war_framing", unit="sentence", frames="negotiation",
                                  meta=["start", "end"])
    sample = sample_for_coding(scores, 12, stratify="frame:negotiation", seed=1)
    assert sample["frame:negotiation"].sum() == 6
    texts = corpus.set_index("doc_id")["text"]
    for row in sample[sample["frame:negotiation"]].itertuples():
        assert row.unit_id == f"{row.doc_id}:{row.start}-{row.end}"
        assert texts[row.doc_id][row.start:row.end]
    with pytest.raises(CorpusError, match="per sentence"):
        sample_for_coding(scores, 5, unit="document")


def test_clear_errors():
    corpus = _corpus({"A": 3})
    with pytest.raises(CorpusError, match="needs predictions"):
        sample_for_coding(corpus, 2, stratify="frame:war")
    with pytest.raises(CorpusError, match=r"stratify columns \['outlet'\]"):
        sample_for_coding(corpus, 2, stratify="outlet")
    with pytest.raises(ValueError, match="more than the 3 units"):
        sample_for_coding(corpus, 4)
    with pytest.raises(ValueError, match="n must be"):
        sample_for_coding(corpus, 0)
    scores = toolkit.frame_scores(toolkit.load_demo(), "war_framing", frames="war")
    with pytest.raises(CorpusError, match="not in the frame scores"):
        sample_for_coding(scores, 2, stratify="frame:peace")


def test_units_without_a_stratum_are_left_out_with_a_warning():
    corpus = _corpus({"A": 4, "B": 4})
    corpus["desk"] = ["x", None, "y", "x", "y", "x", "y", None]
    with pytest.warns(CorpusWarning, match="2 units without a value"):
        sample = sample_for_coding(corpus, 4, stratify="desk")
    assert sample.attrs["design"]["population"] == 6


def test_halves_are_deterministic_disjoint_and_stratified():
    sample = sample_for_coding(_corpus({"A": 8, "B": 6, "C": 3}), 17, stratify="source")
    one = split_halves(sample, by="source", seed=4)
    assert one.equals(split_halves(sample, by="source", seed=4))
    assert one["unit_id"].tolist() == sample["unit_id"].tolist()  # same rows, same order
    dev, test = set(one.loc[one["half"] == "dev", "unit_id"]), set(one.loc[one["half"] == "test", "unit_id"])
    assert not dev & test and len(dev | test) == 17
    per = one.groupby("source")["half"].apply(lambda h: (h == "dev").sum()).to_dict()
    assert per["A"] == 4 and per["B"] == 3 and per["C"] in (1, 2)
    assert len(dev) == 8  # round(0.5 * 17) = 8 (round half to even)
    seeds = {tuple(split_halves(sample, seed=s)["half"]) for s in range(5)}
    assert len(seeds) > 1
    third = split_halves(sample, share=1 / 3)
    assert (third["half"] == "dev").sum() == 6
    with pytest.raises(ValueError, match="share"):
        split_halves(sample, share=1.5)


def test_prediction_column_already_in_a_corpus():
    corpus = _corpus({"A": 5, "B": 5})
    corpus["frame:talks"] = [True, False, False, False, False, True, False, False, False, False]
    sample = sample_for_coding(corpus, 4, stratify="frame:talks")
    assert sample["frame:talks"].sum() == 2
