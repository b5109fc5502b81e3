"""The collocation bar chart (drawn with the Agg backend, never shown)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from toolkit.collocations import collocates  # noqa: E402
from toolkit.plots.collocations import plot_collocates  # noqa: E402

from .handmade import make_small_corpus  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_one_panel_per_group_top_n():
    res = collocates(make_small_corpus(), "the", window=3, by="source", min_count=1)
    axes = plot_collocates(res, top=4, by="source")
    assert len(axes) == 3
    for ax, source in zip(axes, ["Alpha", "Beta", "Gamma"], strict=True):
        sub = res[res["source"] == source].nlargest(4, "log_dice")
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[::-1] == sub["collocate"].tolist()  # strongest at the top
        widths = [p.get_width() for p in ax.patches][::-1]
        assert widths == pytest.approx(sub["log_dice"].tolist())
        assert ax.get_title().startswith(source)
        assert "log-Dice" in ax.get_xlabel()


def test_single_group_and_other_measure():
    res = collocates(make_small_corpus(), "talks", window=3, min_count=1)
    (ax,) = plot_collocates(res, top=3, measure="pmi")
    assert len(ax.patches) == 3
    assert "PMI" in ax.get_xlabel()
    assert "talks" in ax.get_title()


def test_errors():
    res = collocates(make_small_corpus(), "the", window=3, by="source", min_count=1)
    with pytest.raises(ValueError, match="several groups"):
        plot_collocates(res)
    with pytest.raises(ValueError, match="measure"):
        plot_collocates(res, measure="dice", by="source")
    with pytest.raises(ValueError, match="by="):
        plot_collocates(res, by="outlet")


def test_empty_table_draws_a_note():
    with pytest.warns(UserWarning):
        res = collocates(make_small_corpus(), "ceasefire")
    (ax,) = plot_collocates(res)
    assert ax.texts[0].get_text() == "no collocates"
