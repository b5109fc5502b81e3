"""Frequency plots return Axes that draw exactly the numbers they are given."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from toolkit.frequency import term_locations, term_trends, word_frequencies  # noqa: E402
from toolkit.plots import plot_top_terms, plot_trends, plot_xray, plot_zipf  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_top_terms_one_panel_per_group_with_the_right_bars(small_corpus):
    freq = word_frequencies(small_corpus, by="source", stopwords=True)
    axes = plot_top_terms(freq, by="source", top=3)
    assert len(axes) == 3 and all(isinstance(a, Axes) for a in axes)
    alpha = axes[0]
    assert alpha.get_title() == "Alpha"
    widths = sorted(p.get_width() for p in alpha.patches)
    expected = sorted(freq[freq["source"] == "Alpha"].nlargest(3, "per_10k")["per_10k"])
    np.testing.assert_allclose(widths, expected)
    assert alpha.get_yticklabels()[-1].get_text() == "talks"  # most frequent on top


def test_trends_lines_have_gaps_for_empty_periods(small_corpus):
    tr = term_trends(small_corpus, "talks", by="source", freq="W")
    ax = plot_trends(tr, by="source")
    assert isinstance(ax, Axes) and len(ax.get_lines()) == 3
    gamma = [ln for ln in ax.get_lines() if "Gamma" in ln.get_label()][0]
    assert np.isnan(np.asarray(gamma.get_ydata(), dtype=float)).sum() == 2


def test_xray_one_row_per_term(small_corpus):
    loc = term_locations(small_corpus, ["talks", "goodwill gesture"])
    ax = plot_xray(loc)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["talks", "goodwill gesture"]
    xs = np.asarray(ax.get_lines()[1].get_xdata(), dtype=float)
    np.testing.assert_allclose(xs, loc.loc[loc["term"] == "goodwill gesture", "corpus_position"] / loc.attrs["corpus_tokens"])


def test_zipf_reference_line(small_corpus):
    freq = word_frequencies(small_corpus)
    ax = plot_zipf(freq)
    observed, reference = ax.get_lines()
    assert observed.get_ydata()[0] == freq["count"].max()
    np.testing.assert_allclose(reference.get_ydata()[:3], freq["count"].max() / np.arange(1, 4))
