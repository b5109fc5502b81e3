"""Hostile inputs to the analyses: no silent loss, no raw crash, no hang.

One test per case of the issue (numbered as there). Every corpus is built here from our
own short sentences (fictional outlets), except where the demo corpus is named.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import toolkit as tk


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return tk.load_demo()


def _corpus(texts: list[str], *, sources=None, dates=None) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame(
        {
            "doc_id": pd.array([f"d{i}" for i in range(n)], dtype="str"),
            "source": pd.array(sources or ["Alpha", "Beta"] * (n // 2) + ["Alpha"] * (n % 2), dtype="str"),
            "date": dates if dates is not None else pd.to_datetime(["2022-03-01"] * n),
            "title": pd.array([f"t{i}" for i in range(n)], dtype="str"),
            "text": pd.array(texts, dtype="str"),
        }
    )


def _counts(corpus: pd.DataFrame) -> dict[str, int]:
    freq = tk.word_frequencies(corpus)
    return dict(zip(freq["term"], freq["count"].astype(int), strict=True))


# ------------------------------------------------------------------ case 20


def _fresh_counts(corpus: pd.DataFrame) -> dict[str, int]:
    """The counts of a copy of the corpus (a new DataFrame: never served from the cache)."""
    return _counts(corpus.copy(deep=True))


def test_case20_token_index_cache_never_serves_stale_texts():
    texts = [
        "Shelling near Kiev and Kharkov resumed; talks stalled.",
        "The council met in the town hall on Tuesday.",
        "Officials in Kiev said the talks would resume.",
    ] + [f"The council of district {i} met in the town hall on Tuesday." for i in range(40)]
    # (a) the recipe: two same-length edits in place, with analyses in between
    for _ in range(10):
        corpus = _corpus(texts)
        _counts(corpus)
        text = corpus.loc[0, "text"]
        corpus.loc[0, "text"] = text.replace("Kiev", "Kyiv")
        assert _counts(corpus) == _fresh_counts(corpus)
        corpus.loc[0, "text"] = corpus.loc[0, "text"].replace("Kharkov", "Kharkiv")
        got = _counts(corpus)
        assert got == _fresh_counts(corpus)
        assert got.get("kharkiv") == 1 and "kharkov" not in got and got["kiev"] == 1

    # (b) new texts of the same lengths at the very address of the old ones: what a freed
    # and reused Arrow buffer looks like to a fingerprint of lengths and buffer addresses
    data = [t.encode() for t in texts]
    offsets = np.cumsum([0, *map(len, data)]).astype(np.int64)
    memory = np.frombuffer(b"".join(data), dtype=np.uint8).copy()
    column = pa.LargeStringArray.from_buffers(len(data), pa.py_buffer(offsets), pa.py_buffer(memory))
    corpus = _corpus(texts)
    corpus["text"] = pd.Series(column, dtype="str")
    assert _counts(corpus)["kiev"] == 2
    edited = bytes(memory).replace(b"Kiev", b"Kyiv")
    memory[:] = np.frombuffer(edited, dtype=np.uint8)  # same buffer, same lengths
    assert corpus.loc[2, "text"] == "Officials in Kyiv said the talks would resume."
    got = _counts(corpus)
    assert "kiev" not in got and got["kyiv"] == 2
    assert got == _fresh_counts(corpus)

    # (c) Python-backed strings (pandas' "string[python]"): no Arrow buffer of their own
    # (their fingerprint used to read the address of a temporary Arrow copy, freed and
    # reused by the next call's copy: the edit below was missed every time)
    corpus = _corpus(texts)
    corpus["text"] = corpus["text"].astype("string[python]")
    _counts(corpus)
    corpus.loc[0, "text"] = corpus.loc[0, "text"].replace("Kharkov", "Kharkiv")
    got = _counts(corpus)
    assert "kharkov" not in got and got["kharkiv"] == 1

    # metadata edited in place is still seen, and the token index is reused for it
    corpus = _corpus(texts)
    index = tk.index_tokens(corpus)
    corpus.loc[1, "source"] = "Gamma"
    assert tk.index_tokens(corpus) is index
    by_source = tk.word_frequencies(corpus, by="source")
    assert "Gamma" in set(by_source["source"])
    gamma = by_source[by_source["source"] == "Gamma"]
    assert gamma["count"].sum() == len(texts[1].split())  # the one article now in Gamma
    # and an unchanged corpus keeps its index (the check is on content, not on objects)
    corpus.loc[0, "text"] = str(corpus.loc[0, "text"])
    assert tk.index_tokens(corpus) is index


# ------------------------------------------------------------------ case 21


def test_case21_keyness_aligns_boolean_series_masks_by_label(demo):
    target = "Borealis Agency"
    expected = tk.keyness(demo, target, min_count=1, min_docs=1)
    shuffled = demo.sort_values("date", ascending=False, kind="stable")
    assert not shuffled.index.equals(demo.index)  # the sort really reorders the rows
    mask = shuffled["source"] == target
    got = tk.keyness(demo, mask, min_count=1, min_docs=1)
    assert got.attrs["target_docs"] == int((demo["source"] == target).sum())
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.reset_index(drop=True), check_like=False
    )
    # a reference mask is aligned the same way
    ref = shuffled["source"] == "The Dnipro Ledger"
    pair = tk.keyness(demo, mask, ref, min_count=1, min_docs=1)
    by_name = tk.keyness(demo, target, "The Dnipro Ledger", min_count=1, min_docs=1)
    assert pair["term"].tolist() == by_name["term"].tolist()
    assert pair.attrs["reference_docs"] == by_name.attrs["reference_docs"]
    # a corpus with its own labels (not 0..n-1)
    relabelled = demo.set_axis([f"row{i}" for i in range(len(demo))])
    mask2 = relabelled.sample(frac=1, random_state=1)["source"] == target
    assert tk.keyness(relabelled, mask2, min_count=1, min_docs=1)["term"].tolist() == (
        expected["term"].tolist()
    )
    # misaligned masks are refused, naming what is wrong
    with pytest.raises(ValueError, match="3 corpus row.*missing"):
        tk.keyness(demo, mask.iloc[:-3])
    extra = pd.concat([mask, pd.Series([False], index=[10_000])])
    with pytest.raises(ValueError, match="1 label.*not in the corpus"):
        tk.keyness(demo, extra)
    with pytest.raises(ValueError, match="does not match the corpus index"):
        tk.keyness(demo, mask.set_axis(mask.index + 1))
    with pytest.raises(ValueError, match="missing value"):
        tk.keyness(demo, mask.astype("boolean").where(mask.index != 0, pd.NA))
    # numpy arrays and lists stay positional
    positional = (demo["source"] == target).to_numpy()
    assert tk.keyness(demo, positional, min_count=1, min_docs=1)["term"].tolist() == (
        expected["term"].tolist()
    )
    assert tk.keyness(demo, positional.tolist(), min_count=1, min_docs=1)["term"].tolist() == (
        expected["term"].tolist()
    )


# ------------------------------------------------------------------ case 22


def test_case22_multiplied_frequencies_count_every_article_once():
    n = 28  # one article a day from Wednesday 2 March 2022, alternating outlets
    dates = pd.Series(pd.date_range("2022-03-02 10:00", periods=n, freq="D", tz="Europe/Kyiv"))
    corpus = _corpus(["talks resumed, then talks stalled"] * n, dates=dates)
    lexicon = tk.load_lexicon({"name": "t", "frames": {"talks": {"patterns": ["talks"]}}})
    scores = tk.frame_scores(corpus, lexicon)
    for freq in ("2W", "3D", "M", "W", "2M", "14D"):
        for by in (None, "source"):
            trends = tk.term_trends(corpus, ["talks"], by=by, freq=freq)
            assert trends["count"].sum() == 2 * n, (freq, by)  # every occurrence, once
            assert trends["tokens"].sum() == 5 * n, (freq, by)
            prev = tk.frame_prevalence(scores, by=by, freq=freq)
            assert prev["n_units"].sum() == n and prev["n_present"].sum() == n, (freq, by)
            assert prev["count"].sum() == 2 * n, (freq, by)
            # the same periods in both (one rule)
            assert set(prev["period"]) <= set(trends["period"]), (freq, by)
        starts = tk.period_start(corpus["date"], freq)
        assert starts.notna().all()
        assert starts.min() <= corpus["date"].dt.tz_localize(None).min()
    # bins of "2W" are two weeks from the Monday of the first article's week
    two = tk.term_trends(corpus, ["talks"], by=None, freq="2W")
    assert two["period"].dt.strftime("%Y-%m-%d").tolist() == ["2022-02-28", "2022-03-14", "2022-03-28"]
    assert two["count"].tolist() == [2 * 12, 2 * 14, 2 * 2]
    three = tk.term_trends(corpus, ["talks"], by=None, freq="3D")
    assert three["period"].iloc[0] == pd.Timestamp("2022-03-02")
    assert (three["period"].diff().dropna() == pd.Timedelta(days=3)).all()
    assert three["count"].tolist() == [6] * 9 + [2]
    prev = tk.frame_prevalence(scores, by=None, freq="3D")
    assert prev["n_units"].tolist() == [3] * 9 + [1]
    with pytest.raises(ValueError, match="period frequency"):
        tk.term_trends(corpus, ["talks"], by=None, freq="fortnightly")


# ------------------------------------------------------------------ case 18


def _stubs(k: int) -> pd.DataFrame:
    stub = "Subscribe to continue reading."
    distinct = [
        f"The council of town {i} met on day {i} to discuss bridge {i * 7} and its repairs."
        for i in range(5)
    ]
    texts = [stub] * k + distinct
    dates = pd.Series(pd.Timestamp("2022-03-01") + pd.to_timedelta(np.arange(len(texts)) % 30, unit="D"))
    return _corpus(texts, dates=dates)


def _best_time(corpus: pd.DataFrame, repeats: int = 3) -> tuple[float, pd.DataFrame]:
    best, out = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = tk.find_duplicates(corpus)
        best = min(best, time.perf_counter() - start)
    return best, out


def test_case18_identical_stubs_cluster_in_linear_time():
    small, large = _stubs(3_000), _stubs(6_000)
    tk.index_tokens(small), tk.index_tokens(large)  # tokenising is not what is timed
    tk.find_duplicates(_stubs(50))  # warm-up (lazy imports)
    t_small, _ = _best_time(small)
    t_large, clusters = _best_time(large)
    assert t_large < 5
    sizes = clusters.groupby("cluster").size()
    assert sizes.tolist() == [6_000]
    assert clusters["representative"].sum() == 1
    assert set(clusters["doc_id"]) == {f"d{i}" for i in range(6_000)}
    # twice the stubs, about twice the time (a quadratic method would take four times)
    assert t_large < 3 * max(t_small, 0.01), (t_small, t_large)
