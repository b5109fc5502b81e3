"""Same-event paired comparisons: differences, bootstrap and sign test checked by hand."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.container import ErrorbarContainer  # noqa: E402
from scipy.stats import binomtest  # noqa: E402

import toolkit as tk  # noqa: E402
from toolkit.paired import (  # noqa: E402
    event_differences,
    frame_differences,
    paired_test,
    term_differences,
)
from toolkit.plots import plot_event_differences  # noqa: E402
from toolkit.schema import CorpusError  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture
def per_article():
    # e1: A has two articles (1, 0) -> 0.5; B one (0) -> difference 0.5
    # e2: A 1, B 1 -> 0;  e3: A 0, B 1, 1 -> -1;  e4: only A;  e5: only B;  e6: only C
    return pd.DataFrame({
        "event_id": ["e1", "e1", "e1", "e2", "e2", "e3", "e3", "e3", "e4", "e5", "e6", "e1"],
        "source": ["A", "A", "B", "A", "B", "A", "B", "B", "A", "B", "C", "C"],
        "present": [True, False, False, True, True, False, True, True, True, False, True, True],
    })


def test_event_differences_by_hand(per_article):
    with pytest.warns(UserWarning, match=r"2 event\(s\) covered by only one of 'A' and 'B'") as rec:
        diff = event_differences(per_article, value="present", pair=("A", "B"))
    assert rec[0].filename == __file__
    assert diff.columns.tolist() == ["event_id", "mean_a", "mean_b", "n_a", "n_b", "difference"]
    assert diff.values.tolist() == [
        ["e1", 0.5, 0.0, 2, 1, 0.5],
        ["e2", 1.0, 1.0, 1, 1, 0.0],
        ["e3", 0.0, 1.0, 1, 2, -1.0],
    ]
    assert diff.attrs["n_unpaired"] == 2
    assert diff.attrs["unpaired"].values.tolist() == [["e4", "A"], ["e5", "B"]]
    assert diff.attrs["pair"] == ("A", "B") and diff.attrs["value"] == "present"
    # the other direction flips the sign
    with pytest.warns(UserWarning):
        flipped = event_differences(per_article, value="present", pair=("B", "A"))
    assert flipped["difference"].tolist() == [-0.5, 0.0, 1.0]


def test_event_differences_errors_and_defaults(per_article):
    two = per_article[per_article["source"] != "C"].rename(columns={"source": "outlet"})
    two.loc[0, "event_id"] = None  # an article without an event
    with pytest.warns(UserWarning):
        diff = event_differences(two, value="present", by="outlet")  # pair: the two outlets
    assert diff.attrs["pair"] == ("A", "B") and diff.attrs["no_event"] == 1
    assert diff["difference"].tolist() == [0.0, 0.0, -1.0]  # e1 now A: 0 vs B: 0
    with pytest.raises(ValueError, match="pair=.*has 3"):
        event_differences(per_article, value="present")
    with pytest.raises(ValueError, match=r"\['Z'\] not found"):
        event_differences(per_article, value="present", pair=("A", "Z"))
    with pytest.raises(ValueError, match="two different"):
        event_differences(per_article, value="present", pair=("A", "A"))
    with pytest.raises(CorpusError, match="event_differences"):
        event_differences(per_article, value="present", event="story", pair=("A", "B"))
    with pytest.raises(CorpusError, match="not a numeric column"):
        event_differences(per_article, value="source", event="event_id", by="present",
                          pair=(True, False))


def test_frames_are_kept_apart():
    data = pd.DataFrame({
        "event_id": ["e1", "e1", "e1", "e1"],
        "source": ["A", "B", "A", "B"],
        "frame": ["war", "war", "talks", "talks"],
        "count": [3, 1, 0, 2],
    })
    diff = event_differences(data, value="count", pair=("A", "B"))
    assert diff[["frame", "difference"]].values.tolist() == [["talks", -2.0], ["war", 2.0]]
    assert paired_test(diff)["frame"].tolist() == ["talks", "war"]


def test_paired_test_by_hand():
    d = pd.DataFrame({"event_id": list("abcdefghij"),
                      "difference": [0.5, 1.0, 0.25, 0.5, 1.0, 0.0, 0.0, -0.5, 1.0, 0.75]})
    row = paired_test(d, n_boot=500, seed=7, level=0.9).iloc[0]
    assert row["n_events"] == 10 and row["mean_difference"] == pytest.approx(0.45)
    assert (row["n_positive"], row["n_negative"], row["n_ties"]) == (7, 1, 2)
    # two-sided exact: 2 * P(X >= 7), X ~ Binomial(8, 1/2) = 2 * 9 / 256
    assert row["p_sign"] == pytest.approx(18 / 256)
    assert row["p_sign"] == pytest.approx(binomtest(7, 8, 0.5).pvalue)
    # the percentile bootstrap, by hand with the same generator
    x = d["difference"].to_numpy()
    boot = x[np.random.default_rng(7).integers(0, 10, size=(500, 10))].mean(axis=1)
    assert (row["ci_low"], row["ci_high"]) == tuple(np.quantile(boot, [0.05, 0.95]))
    assert row["ci_low"] < row["mean_difference"] < row["ci_high"]
    assert paired_test(d, n_boot=500, seed=7, level=0.9).equals(paired_test(d, n_boot=500, seed=7, level=0.9))
    assert paired_test(d, seed=1)["ci_low"].iloc[0] != paired_test(d, seed=2)["ci_low"].iloc[0]


def test_paired_test_edges():
    ties = paired_test(pd.DataFrame({"difference": [0.0, 0.0, 0.0]})).iloc[0]
    assert ties["n_ties"] == 3 and np.isnan(ties["p_sign"])
    assert ties["ci_low"] == ties["ci_high"] == 0.0
    empty = paired_test(pd.DataFrame({"difference": pd.Series([], dtype=float)})).iloc[0]
    assert empty["n_events"] == 0 and np.isnan(empty["mean_difference"])
    with pytest.raises(ValueError, match="level"):
        paired_test(pd.DataFrame({"difference": [1.0]}), level=95)
    with pytest.raises(ValueError, match="n_boot"):
        paired_test(pd.DataFrame({"difference": [1.0]}), n_boot=0)
    with pytest.raises(CorpusError, match="paired_test"):
        paired_test(tk.load_demo())


@pytest.fixture
def event_corpus():
    texts = [
        ("A", "e1", "talks talks in the city now"),      # 6 words, 2 talks -> 3333.3
        ("B", "e1", "talks stalled"),                     # 2 words, 1 -> 5000
        ("A", "e2", "no news from the front"),            # 0
        ("B", "e2", "the talks resumed and the war went on"),  # 8 words, 1 -> 1250
        ("A", "e3", "the war and the talks"),             # only A covered e3
    ]
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(texts))],
        "source": [t[0] for t in texts],
        "date": pd.to_datetime(["2022-03-01"] * len(texts)),
        "title": [""] * len(texts),
        "text": [t[2] for t in texts],
        "event_id": [t[1] for t in texts],
    })


def test_term_differences_by_hand(event_corpus):
    with pytest.warns(UserWarning, match="1 only by 'A'"):
        diff = term_differences(event_corpus, ["talks", "war"], pair=("A", "B"))
    talks = diff[diff["term"] == "talks"]
    assert talks["event_id"].tolist() == ["e1", "e2"]
    assert talks["difference"].tolist() == pytest.approx([20000 / 6 - 5000, -1250])
    war = diff[diff["term"] == "war"]
    assert war["difference"].tolist() == pytest.approx([0.0, -1250])


def test_frame_differences_equal_event_differences_of_frame_scores():
    demo = tk.load_demo()
    pair = ("The Dnipro Ledger", "Eastern Concord Daily")
    with pytest.warns(UserWarning, match="2 event"):
        diff = frame_differences(demo, "war_framing", frames=["war", "conflict"], pair=pair)
    scores = tk.frame_scores(demo, "war_framing", frames=["war", "conflict"], meta="event_id")
    with pytest.warns(UserWarning):
        again = event_differences(scores, value="present", pair=pair)
    pd.testing.assert_frame_equal(diff, again)
    res = paired_test(diff).set_index("frame")
    assert res.loc["war", ["n_events", "n_positive", "n_negative", "n_ties"]].tolist() == [13, 8, 0, 5]
    assert res.loc["conflict", ["n_positive", "n_negative", "n_ties"]].tolist() == [0, 10, 3]
    assert res.loc["war", "comparison"] == "The Dnipro Ledger - Eastern Concord Daily"
    with pytest.raises(CorpusError, match="no column 'story'"):
        frame_differences(demo, "war_framing", event="story", pair=pair)


# ------------------------------------------------------------------ the plot


def test_plot_one_frame_sorted_with_zero_mean_and_interval():
    diff = pd.DataFrame({"event_id": ["e1", "e2", "e3", "e4"], "difference": [0.5, -0.25, 1.0, 0.0]})
    _, given = plt.subplots()
    ax = plot_event_differences(diff, n_boot=300, seed=3, ax=given)
    assert ax is given and isinstance(ax, Axes)
    dots = [c for c in ax.collections if isinstance(c, PathCollection)][0]
    assert dots.get_offsets()[:, 0].tolist() == [-0.25, 0.0, 0.5, 1.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["e2", "e4", "e1", "e3"]
    vertical = [line.get_xdata()[0] for line in ax.lines]
    assert 0 in vertical and pytest.approx(0.3125) in vertical
    row = paired_test(diff, n_boot=300, seed=3).iloc[0]
    band = ax.patches[0]  # the shaded interval (a Rectangle spanning the axes' height)
    low, high = sorted([band.get_x(), band.get_x() + band.get_width()])
    assert (low, high) == pytest.approx((row["ci_low"], row["ci_high"]))


def test_plot_several_frames_strip_with_error_bars():
    data = pd.DataFrame({
        "event_id": ["e1", "e1", "e2", "e2", "e3", "e3"] * 2,
        "source": ["A", "B"] * 6,
        "frame": ["war"] * 6 + ["talks"] * 6,
        "present": [1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1],
    })
    diff = event_differences(data, value="present", pair=("A", "B"))
    ax = plot_event_differences(diff, n_boot=200)
    bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(bars) == 2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["talks", "war"]
    means = [b.lines[0].get_xdata()[0] for b in bars]
    assert means == pytest.approx([-2 / 3, 2 / 3])
    assert "A - B" in ax.get_xlabel() and "present" in ax.get_xlabel()


def test_plot_refuses_the_corpus():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(CorpusError, match="^plot_event_differences expects the table returned by toolkit"):
            plot_event_differences(tk.load_demo())
