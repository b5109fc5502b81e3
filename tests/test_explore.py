"""The notebook explorer, driven from Python (no browser): widgets in, tables and HTML out."""

from __future__ import annotations

import base64

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import toolkit  # noqa: E402
from toolkit.explore import MAX_LINES, Explorer, explore  # noqa: E402

TWO = ("Borealis Agency", "The Dnipro Ledger")


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return toolkit.load_demo()


@pytest.fixture
def ex(demo: pd.DataFrame) -> Explorer:
    return explore(demo)


def _png(explorer: Explorer) -> bytes:
    (output,) = explorer.chart.outputs
    return base64.b64decode(output["data"]["image/png"])


def test_starts_on_the_first_frame_with_every_outlet(ex: Explorer, demo: pd.DataFrame):
    outlets = sorted(demo["source"].unique())
    assert list(ex.outlets.value) == outlets
    assert ex.mode.value == "frame" and ex.frame.value == "war"
    assert ex.error is None
    assert set(ex.trend["source"]) == set(outlets)
    assert set(ex.trend["frame"].astype(str)) == {"war"}
    assert 0 < len(ex.kwic) <= MAX_LINES
    assert _png(ex).startswith(b"\x89PNG")
    assert "nf-kwic" in ex.lines.value


def test_term_pattern_drives_trend_lines_and_chart(ex: Explorer, demo: pd.DataFrame):
    ex.term.value = "regroup*"
    assert ex.mode.value == "term" and ex.error is None
    assert set(ex.trend["term"]) == {"regroup*"}
    expected = toolkit.term_trends(demo, "regroup*", by="source", freq="M")
    assert int(ex.trend["count"].sum()) == int(expected["count"].sum()) == len(ex.kwic)
    assert ex.kwic["match"].str.lower().str.startswith("regroup").all()
    assert ex.ax is not None and len(ex.ax.lines) == demo["source"].nunique()
    assert "regroup*" in ex.message.value
    assert ex.chart.outputs and _png(ex).startswith(b"\x89PNG")


def test_choosing_outlets_keeps_only_them(ex: Explorer):
    ex.term.value = "talks"
    ex.outlets.value = TWO
    assert set(ex.trend["source"]) == set(TWO)
    assert set(ex.kwic["source"]) <= set(TWO) and len(ex.kwic)
    assert len(ex.ax.lines) == 2
    assert {line.get_label() for line in ex.ax.lines} == set(TWO)
    for label, value in ex.outlets.options:
        cell = f'<td class="meta">{label}</td>'
        assert (cell in ex.lines.value) == (value in TWO), label


def test_kwic_is_capped_and_reproducible(demo: pd.DataFrame):
    a, b = explore(demo), explore(demo)
    a.term.value = b.term.value = "the"
    assert len(a.kwic) == MAX_LINES < a.total_lines
    assert a.kwic["doc_id"].tolist() == b.kwic["doc_id"].tolist()
    assert a.kwic["match"].str.lower().eq("the").all()
    assert f"{MAX_LINES} of {a.total_lines} lines" in a.message.value


def test_switching_to_a_frame(ex: Explorer):
    ex.term.value = "regroup*"
    ex.outlets.value = TWO
    ex.frame.value = "euphemised_setback"
    assert ex.mode.value == "frame"
    assert set(ex.trend["frame"].astype(str)) == {"euphemised_setback"}
    assert {"period", "share", "n_present"} <= set(ex.trend.columns)
    assert set(ex.trend["source"]) == set(TWO)
    assert set(ex.kwic["frame"]) == {"euphemised_setback"}
    assert set(ex.kwic["source"]) <= set(TWO)
    # back to the pattern with the toggle
    ex.mode.value = "term"
    assert set(ex.trend["term"]) == {"regroup*"}


def test_invalid_pattern_shows_a_message_and_keeps_the_tables(ex: Explorer):
    ex.term.value = "regroup*"
    trend, kwic, lines, outputs = ex.trend, ex.kwic, ex.lines.value, ex.chart.outputs
    for bad in ("(a+)+$", "<b>bold</b>", "?" * 60, "x" * 2000, "   "):
        ex.term.value = bad
        assert ex.error, bad
        assert ex.trend is trend and ex.kwic is kwic
        assert ex.lines.value == lines and ex.chart.outputs == outputs
        assert "Traceback" not in ex.message.value
        assert "<b>bold</b>" not in ex.message.value
    ex.term.value = "talks"
    assert ex.error is None and ex.trend is not trend


def test_no_outlet_chosen_is_a_message(ex: Explorer):
    trend = ex.trend
    ex.outlets.value = ()
    assert ex.error and "Choose" in ex.message.value
    assert ex.trend is trend


def test_hostile_text_is_escaped():
    hostile = pd.DataFrame(
        {
            "doc_id": ["h1", "h2"],
            "source": ['<img src=x onerror="alert(1)">', "Plain Post"],
            "date": pd.to_datetime(["2022-03-01", "2022-04-02"]),
            "title": ["<script>alert('t')</script>", "ok"],
            "text": [
                "<script>alert('x')</script> troops were regrouping near the river.",
                "Forces began regrouping & <i>resting</i> after the retreat.",
            ],
        }
    )
    ex = explore(hostile, freq="M")
    ex.term.value = "regroup*"
    assert ex.error is None and len(ex.kwic) == 2
    html = ex.lines.value + ex.message.value
    assert "<script>" not in html and "</script>" not in html and "&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert "<i>resting" not in html
    # a pattern echoed back in a message is escaped too
    ex.term.value = "<script>"
    assert ex.error and "<script>" not in ex.message.value


def test_other_grouping_column_and_missing_column(demo: pd.DataFrame):
    ex = explore(demo, by="section", freq="Q")
    ex.term.value = "talks"
    ex.outlets.value = ("War",)
    assert set(ex.trend["section"]) == {"War"}
    assert set(ex.kwic["section"]) <= {"War"}
    with pytest.raises(toolkit.CorpusError, match="explore needs a 'outlet' column"):
        explore(demo, by="outlet")


def test_displays_as_the_widget(ex: Explorer, monkeypatch: pytest.MonkeyPatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    ex._ipython_display_()
    assert shown == [ex.widget]
    assert "Explorer" in repr(ex)
