"""Lexicon audit (forms matched by each pattern) and quotation shares, by hand."""

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.audit import lexicon_audit, quote_shares, quote_spans

CORPUS = pd.DataFrame({
    "doc_id": ["a", "b", "c"],
    "source": ["X", "Y", "X"],
    "text": [
        'The investigation of investors went on. "We invest heavily," he said.',
        "An investigation, a goodwill gesture and no retreat from the city.",
        "Investigations: “the retreat was a goodwill gesture” they said. Retreat!",
    ],
})
LEX = {
    "name": "t",
    "frames": {
        "econ": {"patterns": ["invest*", "stock market"]},
        "setback": {"patterns": ["retreat", "goodwill gesture*"], "exclude": ["no retreat from"]},
    },
}


def test_audit_lists_every_form_with_counts_docs_and_examples():
    a = lexicon_audit(CORPUS, LEX, window=2)
    assert a.columns.tolist() == [
        "frame", "pattern", "kind", "form", "count", "docs", "share", "counted", "excluded",
        "in_quotes", "example", "example_doc",
    ]
    inv = a[a["pattern"] == "invest*"]
    # investigation (a, b), investigations (c), investors (a), invest (a, quoted)
    assert inv["form"].tolist() == ["investigation", "invest", "investigations", "investors"]
    assert inv["count"].tolist() == [2, 1, 1, 1]
    assert inv["docs"].tolist() == [2, 1, 1, 1]
    assert inv["share"].tolist() == pytest.approx([0.4, 0.2, 0.2, 0.2])
    assert inv["in_quotes"].tolist() == [0, 1, 0, 0]
    assert inv["kind"].unique().tolist() == ["wildcard"]
    first = inv.iloc[0]
    assert first["example"] == "The [investigation] of investors"
    assert first["example_doc"] == "a"
    zero = a[a["pattern"] == "stock market"].iloc[0]
    assert (zero["kind"], zero["form"], zero["count"], zero["docs"]) == ("phrase", "", 0, 0)
    assert np.isnan(zero["share"]) and zero["example"] == ""


def test_counted_excluded_and_exclusion_rows():
    a = lexicon_audit(CORPUS, LEX)
    ret = a[a["pattern"] == "retreat"].iloc[0]
    # b: inside "no retreat from" (excluded); c: twice, once in a curly quotation
    assert (ret["count"], ret["counted"], ret["excluded"], ret["in_quotes"]) == (3, 2, 1, 1)
    ex = a[a["kind"] == "exclude"].iloc[0]
    assert (ex["frame"], ex["pattern"], ex["form"], ex["count"], ex["counted"]) == (
        "setback", "no retreat from", "no retreat from", 1, 0)
    gg = a[a["pattern"] == "goodwill gesture*"].iloc[0]
    assert (gg["form"], gg["count"], gg["docs"], gg["in_quotes"]) == ("goodwill gesture", 2, 2, 1)
    # frames and patterns in lexicon order
    assert a["pattern"].drop_duplicates().tolist() == [
        "invest*", "stock market", "retreat", "goodwill gesture*", "no retreat from"
    ]
    # counted matches agree with frame_scores
    s = toolkit.frame_scores(CORPUS, LEX)
    total = s.groupby("frame", observed=True)["count"].sum()
    counted = a[a["kind"] != "exclude"].groupby("frame")["counted"].sum()
    assert counted.to_dict() == total.to_dict()


def test_frames_option():
    a = lexicon_audit(CORPUS, LEX, frames="setback")
    assert set(a["frame"]) == {"setback"}


def test_quote_spans():
    assert quote_spans('He said "we will regroup" and “no retreat”.') == [(8, 25), (30, 42)]
    assert quote_spans('Open "quote never closed') == []
    assert quote_spans('"a" b "c"') == [(0, 3), (6, 9)]
    assert quote_spans(None) == []


def test_quote_shares_by_hand_and_by_group():
    q = quote_shares(CORPUS, LEX)
    assert q.columns.tolist() == ["frame", "matches", "in_quotes", "share"]
    # econ: 5 counted matches, 1 quoted; setback: retreat x2 (c) + goodwill x2 -> 4, 2 quoted
    assert q[["frame", "matches", "in_quotes"]].values.tolist() == [["econ", 5, 1], ["setback", 4, 2]]
    assert q["share"].tolist() == pytest.approx([0.2, 0.5])
    by = quote_shares(CORPUS, LEX, by="source")
    x = by[(by["frame"] == "setback") & (by["source"] == "X")].iloc[0]
    assert (x["matches"], x["in_quotes"]) == (3, 2)  # c: retreat, retreat, goodwill gesture
    y = by[(by["frame"] == "econ") & (by["source"] == "Y")].iloc[0]
    assert (y["matches"], y["in_quotes"]) == (1, 0)
    none = quote_shares(CORPUS, {"name": "n", "frames": {"f": {"patterns": ["zebra"]}}})
    assert none["matches"].tolist() == [0] and np.isnan(none["share"].iloc[0])
    with pytest.raises(toolkit.CorpusError, match="by column"):
        quote_shares(CORPUS, LEX, by="outlet")
