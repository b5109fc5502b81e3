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
    assert colorbar_axes[0].get_ylabel() == "per 10,000 words"
    ax = plot_heatmap(m, cmap="viridis", annotate=False)
    assert len(ax.texts) == 0
