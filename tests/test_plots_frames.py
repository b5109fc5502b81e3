"""Frame plots: they draw the numbers they are given (matplotlib Agg)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.container import BarContainer, ErrorbarContainer  # noqa: E402

from toolkit.frames import frame_prevalence, frame_scores  # noqa: E402
from toolkit.plots.frames import plot_prevalence, plot_timeline, plot_war_names  # noqa: E402
from toolkit.plots.style import OKABE_ITO  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture
def corpus():
    texts = {
        ("Alpha", "2022-03-02"): "The war goes on. Talks resumed; the retreat continued.",
        ("Alpha", "2022-03-20"): "The invasion and the war. No talks.",
        ("Alpha", "2022-04-03"): "The war, again.",
        ("Beta", "2022-03-05"): "The special military operation proceeds; forces regroup.",
        ("Beta", "2022-04-09"): "Regrouping near the city. Negotiations are possible.",
        ("Gamma", "2022-03-11"): "The crisis and the conflict. Dialogue is needed.",
        ("Gamma", "2022-04-15"): "The conflict continues; a goodwill gesture.",
    }
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(texts))],
        "source": [k[0] for k in texts],
        "date": pd.to_datetime([k[1] for k in texts]),
        "title": [""] * len(texts),
        "text": list(texts.values()),
    })


FRAMES = ["explicit_defeat", "euphemised_setback", "negotiation"]


def test_plot_prevalence_dots_and_intervals(corpus):
    prev = frame_prevalence(frame_scores(corpus, "war_framing"), frames=FRAMES)
    ax = plot_prevalence(prev, FRAMES)
    assert isinstance(ax, Axes)
    bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(bars) == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Alpha", "Beta", "Gamma"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Setback, explicit", "Setback, euphemised", "Negotiation / diplomacy",
    ]
    for container, frame, color in zip(bars, FRAMES, OKABE_ITO, strict=False):
        sub = prev[prev["frame"] == frame].sort_values("source")
        line = container.lines[0]
        np.testing.assert_allclose(line.get_xdata(), sub["share"])
        assert matplotlib.colors.to_hex(line.get_color()) == color.lower()
        # the horizontal error segments run from ci_low to ci_high
        segs = container.lines[2][0].get_segments()
        np.testing.assert_allclose([s[0][0] for s in segs], sub["ci_low"], atol=1e-12)
        np.testing.assert_allclose([s[1][0] for s in segs], sub["ci_high"], atol=1e-12)
    # the y positions of one frame's dots are its outlets' rows, dodged by one offset
    y = bars[1].lines[0].get_ydata()
    np.testing.assert_allclose(y, [0, 1, 2])


def test_plot_prevalence_per_10k_and_errors(corpus):
    prev = frame_prevalence(frame_scores(corpus, "war_framing"), frames="negotiation")
    with pytest.warns(DeprecationWarning, match="per_10k"):
        plot_prevalence(prev, value="per_1k")  # the 0.1 spelling still works
    ax = plot_prevalence(prev, value="per_10k")
    (container,) = ax.containers
    np.testing.assert_allclose(container.lines[0].get_xdata(), prev["per_10k"])
    assert container.has_xerr is False
    with pytest.raises(ValueError, match="plot_timeline"):
        plot_prevalence(frame_prevalence(frame_scores(corpus, "war_framing"), freq="M"))


def test_plot_timeline_lines(corpus):
    scores = frame_scores(corpus, "war_framing")
    overall = frame_prevalence(scores, by=None, freq="M", frames=["war", "negotiation"])
    ax = plot_timeline(overall, events={"2022-03-15": "event"})
    assert isinstance(ax, Axes)
    frame_lines = [ln for ln in ax.lines if ln.get_marker() == "o"]
    assert len(frame_lines) == 2  # one per frame
    war = overall[overall["frame"] == "war"]
    np.testing.assert_allclose(frame_lines[0].get_ydata(), war["share"])
    assert list(pd.to_datetime(frame_lines[0].get_xdata())) == list(war["period"])
    assert len(ax.collections) == 2  # one interval band per line
    assert len(ax.lines) == 3  # plus the event marker
    by_source = frame_prevalence(scores, freq="M", frames=["war", "negotiation"])
    ax2 = plot_timeline(by_source, ci=False)
    lines = [ln for ln in ax2.lines if ln.get_marker() == "o"]
    pairs = by_source[["source", "frame"]].drop_duplicates()
    assert len(lines) == len(pairs)  # one per outlet and frame
    assert {ln.get_linestyle() for ln in lines} == {"-", "--"}  # line style = frame
    with pytest.raises(ValueError, match="freq"):
        plot_timeline(frame_prevalence(scores))


def test_plot_war_names_stacked_shares(corpus):
    scores = frame_scores(corpus, "war_framing")
    ax = plot_war_names(scores)
    assert isinstance(ax, Axes)
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bars) == 5  # war, invasion, special military operation, conflict, crisis
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Alpha", "Beta", "Gamma"]
    widths = np.array([[r.get_width() for r in c] for c in bars])  # frames x outlets
    # by hand: Alpha war 3, invasion 1; Beta special military operation 1; Gamma crisis 1, conflict 2
    np.testing.assert_allclose(widths[:, 0], [3 / 4, 1 / 4, 0, 0, 0])
    np.testing.assert_allclose(widths[:, 1], [0, 0, 1, 0, 0])
    np.testing.assert_allclose(widths[:, 2], [0, 0, 0, 2 / 3, 1 / 3])
    # segments are stacked: each starts where the previous one ended
    lefts = np.array([[r.get_x() for r in c] for c in bars])
    np.testing.assert_allclose(lefts[1:], np.cumsum(widths, axis=0)[:-1])
    texts = [t.get_text() for t in ax.texts]
    assert "n=4" in texts and "75%" in texts
    # the same picture from a prevalence table
    ax2 = plot_war_names(frame_prevalence(scores))
    widths2 = np.array([[r.get_width() for r in c] for c in ax2.containers])
    np.testing.assert_allclose(widths2, widths)


def test_timeline_events_sit_on_their_period():
    from toolkit.lexicon import load_lexicon

    from .handmade import make_small_corpus

    scores = frame_scores(make_small_corpus(), load_lexicon("war_framing"))
    prev = frame_prevalence(scores, by=None, freq="M")
    ax = plot_timeline(prev, frames=["war"], events={"2022-03-29": "Istanbul talks"})
    x = ax.lines[-1].get_xdata()[0]  # the event line, drawn after the data lines
    if not isinstance(x, pd.Timestamp | np.datetime64):
        x = matplotlib.dates.num2date(x).replace(tzinfo=None)
    assert pd.Timestamp(x) == pd.Timestamp("2022-03-01")


def test_timeline_breaks_at_empty_periods_and_labels_events_above_the_data():
    prev = pd.DataFrame({
        "frame": ["war"] * 4, "label": ["War"] * 4,
        "period": pd.to_datetime(["2022-02-01", "2022-03-01", "2022-06-01", "2022-07-01"]),
        "share": [0.5, 0.4, 0.3, 0.6], "ci_low": [0.3, 0.2, 0.1, 0.4], "ci_high": [0.7, 0.6, 0.5, 0.8],
        "n_units": [4, 5, 4, 5], "count": [2, 2, 1, 3],
    })
    prev.attrs.update({"freq": "M", "by": []})
    ax = plot_timeline(prev, events={"2022-06-10": "Kharkiv"})
    y = ax.lines[0].get_ydata()
    assert np.isnan(y).sum() == 1 and len(y) == 5  # a break between March and June
    label = [t for t in ax.texts if t.get_text() == "Kharkiv"][0]
    assert label.xycoords[1] == "axes fraction" and label.xy[1] == 1  # above the plotting area
    assert ax.get_xlabel().startswith("month") and "(M)" not in ax.get_xlabel()
    assert ax.get_title(loc="left") == "Prevalence of War over time"


def test_more_than_eight_frames_get_a_second_marker(corpus):
    scores = frame_scores(corpus, "war_framing")
    prev = frame_prevalence(scores, by=None)
    frames = list(pd.unique(prev["frame"].astype(str)))[:10]
    ax = plot_prevalence(prev, frames)
    markers = [c.lines[0].get_marker() for c in ax.containers if isinstance(c, ErrorbarContainer)]
    colours = [matplotlib.colors.to_hex(c.lines[0].get_color()) for c in ax.containers
               if isinstance(c, ErrorbarContainer)]
    pairs = list(zip(colours, markers, strict=True))
    assert len(set(pairs)) == len(pairs) == 10 and markers[8] != markers[0]
    assert ax.get_title(loc="left").splitlines()[0] == "Prevalence of frames"
    assert ax.get_title(loc="right") == ""  # one title, nothing to collide with it
