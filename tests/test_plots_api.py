"""One contract for every plot (drawn with the Agg backend, never shown).

Every public ``plot_*`` of :mod:`toolkit.plots` takes a keyword-only ``ax=`` (one Axes) or
``axes=`` (several, for plots of several panels), draws on the Axes it is given and returns
them; handed the wrong table (e.g. the corpus itself), it says which table it expects.

A new plot function is found automatically: it fails here until it follows the contract
and has an input builder in :data:`CASES`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

import toolkit  # noqa: E402
import toolkit.plots  # noqa: E402
from toolkit.schema import CorpusError  # noqa: E402

OUTLET = "Borealis Agency"


def discover_plots() -> list[str]:
    """Names of the public plot functions: ``plot_*`` in ``__all__`` or in the package.

    Returns
    -------
    list of str
        Sorted names.
    """
    names = set(toolkit.plots.__all__) | set(dir(toolkit.plots))
    return sorted(
        n for n in names if n.startswith("plot_") and callable(getattr(toolkit.plots, n, None))
    )


PLOTS = discover_plots()


def drawing_problems(func: Callable) -> list[str]:
    """What keeps ``func`` from following the Axes contract of the plots.

    Parameters
    ----------
    func : callable
        A plot function.

    Returns
    -------
    list of str
        Empty if ``func`` takes a keyword-only ``ax`` and/or ``axes`` defaulting to None
        and documents the Axes it returns.
    """
    params = inspect.signature(func).parameters
    found = [params[n] for n in ("ax", "axes") if n in params]
    if not found:
        return [f"{func.__name__} takes neither ax= nor axes="]
    problems = []
    for p in found:
        if p.kind is not inspect.Parameter.KEYWORD_ONLY:
            problems.append(f"{func.__name__}: {p.name} is not keyword-only")
        if p.default is not None:
            problems.append(f"{func.__name__}: {p.name} does not default to None")
    doc = inspect.getdoc(func) or ""
    returns = doc.partition("Returns\n-------")[2].split("\n\n", 1)[0]
    if "Axes" not in returns:
        problems.append(f"{func.__name__}: the Returns section does not name the Axes")
    return problems


def is_multi_panel(func: Callable) -> bool:
    """Whether ``func`` draws several panels (it takes ``axes=``).

    Parameters
    ----------
    func : callable
        A plot function.

    Returns
    -------
    bool
    """
    return "axes" in inspect.signature(func).parameters


MULTI_PANEL = [n for n in PLOTS if is_multi_panel(getattr(toolkit.plots, n))]


# --- valid inputs, from the demo corpus ----------------------------------------------


@cache
def demo() -> pd.DataFrame:
    """The demo corpus (loaded once).

    Returns
    -------
    pandas.DataFrame
    """
    return toolkit.load_demo()


@cache
def scores() -> pd.DataFrame:
    """Frame scores of the demo corpus with the ``war_framing`` lexicon.

    Returns
    -------
    pandas.DataFrame
    """
    return toolkit.frame_scores(demo(), "war_framing")


@cache
def keyness_table() -> pd.DataFrame:
    """Keyness of one outlet against the rest of the demo corpus.

    Returns
    -------
    pandas.DataFrame
    """
    return toolkit.keyness(demo(), OUTLET)


@dataclass
class Case:
    """How to call one plot function with a valid table.

    Attributes
    ----------
    build : callable
        Returns the positional and keyword arguments (without ``ax``/``axes``).
    panels : int
        Panels drawn (for ``axes=``).
    single : callable, optional
        For multi-panel plots, arguments that draw one panel (for ``ax=``).
    """

    build: Callable[[], tuple[tuple, dict[str, Any]]]
    panels: int = 1
    single: Callable[[], tuple[tuple, dict[str, Any]]] | None = field(default=None)


N_OUTLETS = 7  # outlets in the demo corpus

def _event_differences() -> pd.DataFrame:
    import warnings

    with warnings.catch_warnings():  # two demo events lack one of the outlets (reported)
        warnings.simplefilter("ignore")
        return toolkit.frame_differences(demo(), "war_framing", frames="war",
                                         pair=("The Dnipro Ledger", "Eastern Concord Daily"))


CASES: dict[str, Case] = {
    "plot_top_terms": Case(
        lambda: ((toolkit.word_frequencies(demo(), by="source", stopwords=True),),
                 {"by": "source", "top": 5}),
        panels=N_OUTLETS,
        single=lambda: ((toolkit.word_frequencies(demo(), stopwords=True),), {"top": 5}),
    ),
    "plot_collocates": Case(
        lambda: ((toolkit.collocates(demo(), "war", by="source", min_count=1),),
                 {"by": "source", "top": 5}),
        panels=N_OUTLETS,
        single=lambda: ((toolkit.collocates(demo(), "war"),), {"top": 5}),
    ),
    "plot_trends": Case(lambda: ((toolkit.term_trends(demo(), "talks", freq="M"),), {})),
    "plot_xray": Case(lambda: ((toolkit.term_locations(demo(), ["talks", "war"]),), {})),
    "plot_zipf": Case(lambda: ((toolkit.word_frequencies(demo()),), {})),
    "plot_event_differences": Case(lambda: ((_event_differences(),), {"n_boot": 200})),
    "plot_keyness": Case(lambda: ((keyness_table(),), {"top": 5})),
    "plot_scatter": Case(lambda: ((keyness_table(),), {"n_labels": 5, "adjust": False})),
    "plot_heatmap": Case(
        lambda: ((toolkit.term_matrix(demo(), ["war", "talks", "invasion"]),), {})
    ),
    "plot_prevalence": Case(lambda: ((toolkit.frame_prevalence(scores()),), {})),
    "plot_timeline": Case(
        lambda: ((toolkit.frame_prevalence(scores(), by=None, freq="M"),), {"frames": ["war"]})
    ),
    "plot_war_names": Case(lambda: ((scores(),), {})),
    "plot_reporting_verbs": Case(
        lambda: ((toolkit.reporting_verbs(toolkit.quotes(demo()), n_boot=50),), {})),
    "plot_share_of_voice": Case(
        lambda: ((toolkit.share_of_voice(toolkit.quotes(demo()), n_boot=50),), {})),
}


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def case(name: str) -> Case:
    """The input builder for ``name``, with a clear failure for a new plot without one.

    Parameters
    ----------
    name : str
        A plot function's name.

    Returns
    -------
    Case
    """
    if name not in CASES:
        pytest.fail(f"{name} is new: add a Case building a valid input for it to CASES")
    return CASES[name]


def drawn_on(ax: Axes) -> bool:
    """Whether anything (artists with data, or text) was drawn on ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes a plot was given.

    Returns
    -------
    bool
    """
    return ax.has_data() or len(ax.texts) > 0


# --- the contract --------------------------------------------------------------------


def test_plots_are_discovered():
    assert len(PLOTS) >= 11
    assert {"plot_top_terms", "plot_collocates", "plot_prevalence"} <= set(PLOTS)
    assert sorted(CASES) == PLOTS, "CASES lists a plot that no longer exists"


@pytest.mark.parametrize("name", PLOTS)
def test_signature_takes_ax_or_axes(name):
    assert drawing_problems(getattr(toolkit.plots, name)) == []


def test_signature_check_catches_a_plot_without_ax():
    def plot_new(table: pd.DataFrame) -> Axes:
        """A plot someone forgot to give ``ax``.

        Returns
        -------
        matplotlib.axes.Axes
        """

    def plot_positional(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
        """A plot whose ``ax`` is positional.

        Returns
        -------
        matplotlib.axes.Axes
        """

    assert drawing_problems(plot_new) == ["plot_new takes neither ax= nor axes="]
    assert drawing_problems(plot_positional) == ["plot_positional: ax is not keyword-only"]


@pytest.mark.parametrize("name", PLOTS)
def test_draws_on_the_axes_it_is_given_and_returns_them(name):
    func = getattr(toolkit.plots, name)
    c = case(name)
    args, kwargs = c.build()
    if is_multi_panel(func):
        fig, given = plt.subplots(1, c.panels, squeeze=False)
        figures = plt.get_fignums()
        out = func(*args, axes=given, **kwargs)
        assert isinstance(out, np.ndarray) and out.ndim == 1
        assert all(a is b for a, b in zip(out, given.ravel(), strict=True))
        assert all(drawn_on(a) for a in given.ravel())
    else:
        fig, given = plt.subplots()
        figures = plt.get_fignums()
        out = func(*args, ax=given, **kwargs)
        assert out is given
        assert drawn_on(given)
    assert plt.get_fignums() == figures  # no other figure was opened


@pytest.mark.parametrize("name", PLOTS)
def test_draws_a_new_figure_without_ax(name):
    func = getattr(toolkit.plots, name)
    args, kwargs = case(name).build()
    out = func(*args, **kwargs)
    panels = list(out) if is_multi_panel(func) else [out]
    assert all(isinstance(a, Axes) for a in panels) and drawn_on(panels[0])


@pytest.mark.parametrize("name", MULTI_PANEL)
def test_multi_panel_plots_take_ax_for_one_panel(name):
    func = getattr(toolkit.plots, name)
    c = case(name)
    assert c.single is not None, f"{name} draws several panels: give its Case a single input"
    args, kwargs = c.single()
    _, ax = plt.subplots()
    out = func(*args, ax=ax, **kwargs)
    assert isinstance(out, np.ndarray) and len(out) == 1 and out[0] is ax
    assert drawn_on(ax)
    # several panels on one Axes: a clear error naming axes=
    args, kwargs = c.build()
    with pytest.raises(ValueError, match=rf"^{name} draws {c.panels} panels .*axes="):
        func(*args, ax=ax, **kwargs)
    with pytest.raises(ValueError, match="not both"):
        func(*args, ax=ax, axes=[ax], **kwargs)


def test_top_terms_axes_grid_extra_panels_hidden_and_too_few_refused():
    freq = toolkit.word_frequencies(demo(), by="source", stopwords=True)
    _, grid = plt.subplots(3, 3)
    out = toolkit.plots.plot_top_terms(freq, by="source", top=4, axes=grid)
    assert len(out) == 9 and [a.get_visible() for a in out] == [True] * 7 + [False] * 2
    # sharex: the panels drawn on the caller's Axes share one x-range
    assert len({a.get_xlim() for a in out[:7]}) == 1
    _, few = plt.subplots(1, 3)
    with pytest.raises(ValueError, match="draws 7 panels .* holds 3 Axes"):
        toolkit.plots.plot_top_terms(freq, by="source", axes=few)


@pytest.mark.parametrize("name", [n for n in PLOTS if n not in MULTI_PANEL])
def test_single_panel_plots_refuse_an_array_as_ax(name):
    func = getattr(toolkit.plots, name)
    args, kwargs = case(name).build()
    _, grid = plt.subplots(1, 2)
    with pytest.raises(TypeError, match=rf"^{name} draws one panel: ax= must be a single"):
        func(*args, ax=grid, **kwargs)


# --- misuse: the wrong table ---------------------------------------------------------


@pytest.mark.parametrize("name", PLOTS)
def test_handed_the_corpus_says_which_table_it_expects(name):
    func = getattr(toolkit.plots, name)
    expected = rf"^{name} expects the table returned by toolkit\."
    with pytest.raises(CorpusError, match=expected) as err:
        func(demo())
    message = str(err.value)
    assert "got a corpus" in message
    assert len(message) < 300 and "\n" not in message
    assert isinstance(err.value, ValueError)


@pytest.mark.parametrize(
    ("name", "table", "expects", "missing"),
    [
        ("plot_top_terms", keyness_table, "toolkit.word_frequencies", "'count'"),
        ("plot_prevalence", keyness_table, "toolkit.frame_prevalence", "'frame', 'share'"),
        ("plot_xray", lambda: toolkit.word_frequencies(demo()), "toolkit.term_locations",
         "'corpus_position'"),
        ("plot_keyness", lambda: toolkit.word_frequencies(demo()), "toolkit.keyness",
         "'direction'"),
        ("plot_heatmap", lambda: toolkit.word_frequencies(demo()), "toolkit.term_matrix",
         "non-numeric column(s) 'term'"),
    ],
)
def test_handed_another_table_names_the_missing_columns(name, table, expects, missing):
    with pytest.raises(CorpusError) as err:
        getattr(toolkit.plots, name)(table())
    message = str(err.value)
    assert message.startswith(f"{name} expects the table returned by {expects}")
    assert missing in message
    assert message.count(",") < 25  # the columns found are cut short, not all dumped


def test_a_column_chosen_by_a_parameter_is_named():
    freq = toolkit.word_frequencies(demo())
    with pytest.raises(CorpusError, match=r"^plot_top_terms: value='share' is not a column"):
        toolkit.plots.plot_top_terms(freq, value="share")
    with pytest.raises(CorpusError, match=r"^plot_war_names: by='outlet' is not a column"):
        toolkit.plots.plot_war_names(scores(), by="outlet")


def test_not_a_dataframe():
    with pytest.raises(TypeError, match=r"^plot_zipf expects .* got list"):
        toolkit.plots.plot_zipf([1, 2, 3])
