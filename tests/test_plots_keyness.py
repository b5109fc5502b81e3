"""Keyness plots (drawn with the Agg backend, never shown)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from toolkit.keyness import compare_all, keyness, term_matrix  # noqa: E402
from toolkit.plots.keyness import (  # noqa: E402
    LABEL_GID,
    plot_heatmap,
    plot_keyness,
    plot_scatter,
)
from toolkit.plots.style import OVER, UNDER  # noqa: E402

from .handmade import make_small_corpus  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def outlets() -> pd.DataFrame:
    """Three outlets sharing a Zipfian vocabulary, each with its own favourite words."""
    rng = np.random.default_rng(1)
    words = np.array([f"word{i}" for i in range(800)])
    p = 1 / np.arange(1, 801) ** 1.05
    p /= p.sum()
    special = {
        "A": ["regrouping", "liberation", "provocation"],
        "B": ["invasion", "occupation", "aggression"],
        "C": ["conflict", "crisis"],
    }
    rows = []
    for i in range(240):
        src = "ABC"[i % 3]
        toks = list(rng.choice(words, rng.integers(80, 200), p=p))
        for w in special[src]:
            toks += [w] * (1 + rng.poisson(1.5))
        rng.shuffle(toks)
        rows.append((f"d{i}", src, pd.Timestamp("2022-03-01"), "", " ".join(toks)))
    return pd.DataFrame(rows, columns=["doc_id", "source", "date", "title", "text"])


@pytest.fixture(scope="module")
def result(outlets) -> pd.DataFrame:
    return keyness(outlets, "A")


def bars(ax):
    return [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]


def test_plot_keyness_bars(result):
    ax = plot_keyness(result, top=6)
    assert isinstance(ax, Axes)
    assert len(bars(ax)) == 12  # 6 over-used + 6 under-used
    colors = [to_hex(p.get_facecolor()[:3]) for p in bars(ax)]
    assert colors[:6] == [OVER.lower()] * 6 and colors[6:] == [UNDER.lower()] * 6
    widths = [p.get_width() for p in bars(ax)]
    assert all(w > 0 for w in widths[:6]) and all(w < 0 for w in widths[6:])
    # over-used: largest z at the top; the labels are the top terms by z
    top = result.nlargest(6, "z")["term"].tolist()
    labels = [t.get_text().rstrip(" †") for t in ax.texts]
    assert labels[:6] == top
    assert set(labels[6:]) == set(result.nsmallest(6, "z")["term"])
    assert {"regrouping", "liberation", "provocation"} <= set(labels[:6])
    # significant bars are opaque, the others faded
    sig = result.set_index("term")["significant"]
    for patch, term in zip(bars(ax), labels, strict=True):
        assert (patch.get_alpha() == 1.0) == bool(sig[term])


def test_plot_keyness_other_measure_and_short_sides():
    kw = keyness(make_small_corpus(), "Alpha", min_count=1, min_docs=1)
    n_over = int((kw["direction"] == "over").sum())
    ax = plot_keyness(kw, top=1000, measure="log_ratio")
    assert len(bars(ax)) == len(kw[kw["direction"] != "equal"])
    assert len(bars(ax)) >= n_over
    ax = plot_keyness(kw, top=3, measure="g2")
    assert len(bars(ax)) == 6
    assert [p.get_width() > 0 for p in bars(ax)] == [True] * 3 + [False] * 3
    # a single-article term carries a dagger
    assert any(t.get_text().endswith("†") for t in ax.texts)
    with pytest.raises(ValueError, match="measure must be one of"):
        plot_keyness(kw, measure="frequency")


def test_plot_keyness_compare_all_needs_target(outlets):
    table = compare_all(outlets)
    with pytest.raises(ValueError, match="choose one with target="):
        plot_keyness(table)
    ax = plot_keyness(table, top=4, target="B")
    assert len(bars(ax)) == 8
    labels = [t.get_text() for t in ax.texts]
    assert {"invasion", "occupation", "aggression"} <= set(labels[:4])


def test_plot_keyness_empty():
    kw = keyness(make_small_corpus(), "Alpha", min_count=100)
    ax = plot_keyness(kw)
    assert isinstance(ax, Axes) and len(bars(ax)) == 0


def test_plot_scatter_labels(result):
    ax = plot_scatter(result, n_labels=10)
    assert isinstance(ax, Axes)
    labels = [t for t in ax.texts if t.get_gid() == LABEL_GID]
    assert len(labels) == 10
    texts = {t.get_text() for t in labels}
    expected = set(result.nlargest(5, "z")["term"]) | set(result.nsmallest(5, "z")["term"])
    assert texts == expected
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    # every term is a point
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(result)


def test_plot_scatter_fewer_terms_than_labels_and_no_adjust():
    kw = keyness(make_small_corpus(), "Alpha", min_count=2, min_docs=1)
    ax = plot_scatter(kw, n_labels=1000, adjust=False)
    labels = [t for t in ax.texts if t.get_gid() == LABEL_GID]
    assert len(labels) == int((kw["direction"] != "equal").sum())
    # terms absent from one side are drawn on the floor line, not dropped
    pts = np.concatenate([c.get_offsets() for c in ax.collections])
    assert len(pts) == len(kw) and np.isfinite(pts).all() and (pts > 0).all()


def test_plot_scatter_labels_do_not_overlap_much(result):
    ax = plot_scatter(result, n_labels=12)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == LABEL_GID]
    overlaps = sum(
        boxes[i].overlaps(boxes[j]) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
    )
    assert overlaps <= 1


def test_plot_heatmap(outlets):
    m = term_matrix(outlets, ["regrouping", "invasion", "crisis", "word1"])
    ax = plot_heatmap(m)
    assert isinstance(ax, Axes)
    assert len(ax.images) == 1 and ax.images[0].get_cmap().name.startswith("cividis")
    assert len(ax.texts) == 4 * 3  # one annotation per cell
    assert [t.get_text() for t in ax.get_yticklabels()] == list(m.index)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B", "C"]
    assert ax.texts[0].get_text() == f"{m.iloc[0, 0]:.1f}"
    colorbar_axes = [a for a in ax.figure.axes if a is not ax]
    assert len(colorbar_axes) == 1
    assert colorbar_axes[0].get_ylabel() == "share of the row's largest value (per 10,000 words in the cells)"
    # default: each term on its own scale, so every row with a non-zero value has a darkest cell of 1
    shade = np.asarray(ax.images[0].get_array())
    peaks = np.nanmax(np.where(m.to_numpy() > 0, shade, np.nan), axis=1)
    assert np.allclose(peaks[np.isfinite(peaks)], 1.0)
    ax = plot_heatmap(m, scale="all")
    assert [a for a in ax.figure.axes if a is not ax][0].get_ylabel() == "per 10,000 words"
    assert np.isclose(np.nanmax(np.asarray(ax.images[0].get_array())), np.nanmax(m.to_numpy()))
    with pytest.raises(ValueError, match="scale must be"):
        plot_heatmap(m, scale="rows")
    ax = plot_heatmap(m, cmap="viridis", annotate=False)
    assert len(ax.texts) == 0


# ---------------------------------------------------------------------------
# shading follows the statistic drawn, and the legend says which test it is
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def g2_not_z() -> pd.DataFrame:
    """'alpha': 10 of 1,000 words vs 5 of 2,000 -> p_g2 = 0.0085, but p_z = 0.046 (prior).

    Two terms are tested, so the Bonferroni threshold is 0.05 / 2 = 0.025: significant by
    G2, not by the log-odds z-score (see tests/test_keyness.py for the hand computation).
    """
    with_alpha = " ".join(["alpha"] * 5 + ["filler"] * 495)
    without = " ".join(["filler"] * 500)
    corpus = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(6)],
        "source": ["T", "T", "R", "R", "R", "R"],
        "date": pd.Timestamp("2022-03-01"),
        "title": "",
        "text": [with_alpha, with_alpha, with_alpha, without, without, without],
    })
    return keyness(corpus, "T", min_count=1, min_docs=1)


def legend_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_plot_keyness_shades_by_the_test_of_the_measure_drawn(g2_not_z):
    th = g2_not_z.attrs["threshold"]
    row = g2_not_z.set_index("term").loc["alpha"]
    assert row["p_g2"] < th < row["p_z"] and not row["significant"]  # the table ranks by z
    ax = plot_keyness(g2_not_z, measure="g2")
    patch, label = bars(ax)[0], ax.texts[0].get_text()
    assert label == "alpha" and patch.get_alpha() == 1.0  # solid: significant by G2
    assert "not significant (log-likelihood G2, Bonferroni)" in legend_texts(ax)  # 'filler'
    ax = plot_keyness(g2_not_z[g2_not_z["term"] == "alpha"], measure="g2")
    assert "all significant (log-likelihood G2, Bonferroni)" in legend_texts(ax)
    ax = plot_keyness(g2_not_z, measure="z")
    assert ax.texts[0].get_text() == "alpha" and bars(ax)[0].get_alpha() == 0.4
    assert "not significant (log-odds z, Bonferroni)" in legend_texts(ax)
    # log ratio has no test of its own: G2, as in keyness
    ax = plot_keyness(g2_not_z, measure="log_ratio")
    assert bars(ax)[0].get_alpha() == 1.0
    # or an explicit test
    ax = plot_keyness(g2_not_z, measure="g2", significance="z")
    assert bars(ax)[0].get_alpha() == 0.4


@pytest.mark.parametrize("measure", ["z", "g2", "chi2"])
def test_plot_keyness_never_fades_a_longer_bar_than_a_solid_one(result, measure):
    ax = plot_keyness(result, top=15, measure=measure)
    length = np.abs([p.get_width() for p in bars(ax)])
    solid = np.array([p.get_alpha() == 1.0 for p in bars(ax)])
    assert solid.any() and (~solid).any()
    assert length[solid].min() > length[~solid].max()


def test_plot_keyness_article_level_shading(result):
    ax = plot_keyness(result, top=8, significance="docs")
    th = result.attrs["threshold"]
    p_docs = result.set_index("term")["p_docs"]
    labels = [t.get_text().rstrip(" †") for t in ax.texts]
    for patch, term in zip(bars(ax), labels, strict=True):
        assert (patch.get_alpha() == 1.0) == bool(p_docs[term] < th)
    assert any("Welch t-test on article rates" in t for t in legend_texts(ax))
    with pytest.raises(ValueError, match="no p_boot column"):
        plot_keyness(result, significance="boot")
    with pytest.raises(ValueError, match="significance must be"):
        plot_keyness(result, significance="bonferroni")


def test_plot_keyness_compare_all_uses_the_groups_threshold(outlets):
    table = compare_all(outlets, alpha=0.2)
    ax = plot_keyness(table, top=5, target="C", measure="g2")
    sub = table[table["target"] == "C"].set_index("term")
    th = table.attrs["threshold"]["C"]
    labels = [t.get_text().rstrip(" †") for t in ax.texts]
    for patch, term in zip(bars(ax), labels, strict=True):
        assert (patch.get_alpha() == 1.0) == bool(sub.loc[term, "p_g2"] < th)


def test_plot_keyness_old_table_falls_back_on_significant(g2_not_z):
    old = g2_not_z.drop(columns=["p_g2", "p_z", "p_chi2", "p_docs", "t_docs"])
    old.attrs = {k: v for k, v in g2_not_z.attrs.items() if k != "significance"}
    ax = plot_keyness(old, measure="z")  # no p_z: the table's own column (G2 in old tables)
    sig = old.set_index("term")["significant"]
    labels = [t.get_text().rstrip(" †") for t in ax.texts]
    assert [p.get_alpha() == 1.0 for p in bars(ax)] == [bool(sig[t]) for t in labels]
    assert "not significant (test not recorded, Bonferroni)" in legend_texts(ax)


def test_plot_scatter_colours_follow_the_test_of_the_measure(g2_not_z):
    def colour_of_alpha(ax):
        for c in ax.collections:
            for (x, y) in c.get_offsets():
                if np.isclose(y, 100.0) and np.isclose(x, 25.0):  # alpha: 100 vs 25 per 10k
                    return to_hex(c.get_facecolor()[0][:3]), c.get_label()
        raise AssertionError("alpha not drawn")

    ax = plot_scatter(g2_not_z, measure="g2", adjust=False)
    assert colour_of_alpha(ax)[0] == OVER.lower()
    ax = plot_scatter(g2_not_z, measure="z", adjust=False)
    colour, label = colour_of_alpha(ax)
    assert colour != OVER.lower() and label == "no significant difference (log-odds z, Bonferroni)"
