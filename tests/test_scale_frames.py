"""Frame scores, matches and prevalence of a lazy corpus equal the in-memory results exactly."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import toolkit
from toolkit.schema import CorpusError

from .conftest import lazy_split

dask = pytest.importorskip("dask")

LEX = "war_framing"
DEMO_SIZES = [7, 40, 1, 25]
BIG_SIZES = [1500, 7000, 300, 4000]


def _lazy(corpus: pd.DataFrame, sizes: list[int]):
    """As ``open_corpus`` gives it: the corpus's own string dtypes (no dask conversion)."""
    with dask.config.set({"dataframe.convert-string": False}):
        return lazy_split(corpus, sizes)


def _same(got: pd.DataFrame, expected: pd.DataFrame, exact: bool = True) -> None:
    assert type(got) is type(expected)
    if exact:
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    else:
        pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0)
    assert got.attrs == expected.attrs


SCORE_OPTIONS = [
    {},
    {"unit": "sentence", "meta": "event_id"},
    {"frames": "war_name", "min_count": 2, "exclude_quotes": True},
]


@pytest.mark.parametrize("options", SCORE_OPTIONS)
def test_demo_frame_scores_identical_on_a_cluster(dask_client, options):
    demo = toolkit.load_demo()
    expected = toolkit.frame_scores(demo, LEX, **options)
    _same(toolkit.frame_scores(_lazy(demo, DEMO_SIZES), LEX, **options), expected)


@pytest.mark.parametrize("options", [{}, {"excluded": True, "window": 3}, {"n": 40, "seed": 7},
                                     {"frames": "setback_wording", "n": 9, "seed": 2}])
def test_demo_frame_matches_identical_on_a_cluster(dask_client, options):
    demo = toolkit.load_demo()
    expected = toolkit.frame_matches(demo, LEX, **options)
    _same(toolkit.frame_matches(_lazy(demo, DEMO_SIZES), LEX, **options), expected)


@pytest.mark.parametrize("options", [
    {"by": "source", "ci": "bootstrap", "n_boot": 300, "seed": 5},
    {"by": "source", "ci": "bootstrap", "freq": "2W", "n_boot": 200, "seed": 1},
    {"by": None, "ci": "wilson", "freq": "M"},
])
def test_demo_prevalence_identical_on_a_cluster(dask_client, options):
    demo = toolkit.load_demo()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # few articles per group and period
        for unit in ("document", "sentence"):
            scores = toolkit.frame_scores(demo, LEX, unit=unit)
            expected = toolkit.frame_prevalence(scores, **options)
            lazy_scores = toolkit.frame_scores(_lazy(demo, DEMO_SIZES), LEX, unit=unit)
            _same(toolkit.frame_prevalence(lazy_scores, **options), expected, exact=False)
            # a lazy scores table (e.g. written to Parquet and opened with dask)
            _same(toolkit.frame_prevalence(_lazy(scores, [300, 2000, 17]), **options),
                  expected, exact=False)


def test_demo_identical_with_the_local_scheduler():
    demo = toolkit.load_demo()
    lazy = _lazy(demo, [60, 5])
    scores = toolkit.frame_scores(lazy, LEX, unit="sentence")
    _same(scores, toolkit.frame_scores(demo, LEX, unit="sentence"))
    _same(toolkit.frame_matches(lazy, LEX, n=25, seed=3), toolkit.frame_matches(demo, LEX, n=25, seed=3))
    kw = {"ci": "bootstrap", "n_boot": 200, "seed": 9}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = toolkit.frame_prevalence(toolkit.frame_scores(demo, LEX, unit="sentence"), **kw)
        _same(toolkit.frame_prevalence(scores, **kw), expected, exact=False)


def test_language_warning_given_once_for_the_whole_corpus():
    demo = toolkit.load_demo()
    demo.loc[[3, 50, 90], "language"] = "ru"
    with pytest.warns(toolkit.matching.LanguageMismatchWarning) as expected:
        toolkit.frame_scores(demo, LEX)
    with pytest.warns(toolkit.matching.LanguageMismatchWarning) as got:
        toolkit.frame_scores(_lazy(demo, [30, 30]), LEX)
    assert [str(w.message) for w in got] == [str(w.message) for w in expected]


@pytest.mark.parametrize("on_cluster", [False, True])
def test_language_warning_given_exactly_once(request, on_cluster):
    if on_cluster:
        request.getfixturevalue("dask_client")
    demo = toolkit.load_demo()
    demo.loc[[3, 50, 90], "language"] = "ru"
    lazy = _lazy(demo, [30, 30, 5])
    for run in (lambda c: toolkit.frame_scores(c, LEX, meta="event_id"),
                lambda c: toolkit.frame_matches(c, LEX, n=5)):
        with warnings.catch_warnings(record=True) as expected:
            warnings.simplefilter("always")
            run(demo)
        with warnings.catch_warnings(record=True) as got:
            warnings.simplefilter("always")
            run(lazy)
        mismatch = [w for w in got if issubclass(w.category, toolkit.matching.LanguageMismatchWarning)]
        assert len(mismatch) == 1
        assert [str(w.message) for w in got] == [str(w.message) for w in expected]
        assert mismatch[0].filename == __file__  # points at the caller, as in memory
        assert expected[0].filename == __file__


def test_other_warnings_of_the_in_memory_code_reach_the_user(monkeypatch):
    """Only the language mismatch is left to the client: any other warning given while a
    partition is scored is not swallowed (one per partition, local scheduler)."""
    import toolkit.frames as frames_module

    real = frames_module.frame_hits

    def noisy(index, lexicon):
        warnings.warn("a warning of the in-memory code", UserWarning, stacklevel=2)
        return real(index, lexicon)

    monkeypatch.setattr(frames_module, "frame_hits", noisy)
    demo = toolkit.load_demo()
    lazy = _lazy(demo, [30, 30])
    for run in (lambda c: toolkit.frame_scores(c, LEX), lambda c: toolkit.frame_matches(c, LEX)):
        with warnings.catch_warnings(record=True) as got:
            warnings.simplefilter("always")
            run(lazy)
        assert [str(w.message) for w in got] == ["a warning of the in-memory code"] * lazy.npartitions
    assert not hasattr(toolkit.scale.frames, "warnings")  # no global warning filters on workers


def test_errors_on_a_lazy_corpus():
    lazy = _lazy(toolkit.load_demo(), [50])
    with pytest.raises(ValueError, match="min_count"):
        toolkit.frame_scores(lazy, LEX, min_count=0)
    with pytest.raises(CorpusError, match="frame_scores"):
        toolkit.frame_prevalence(lazy)


def test_20k_frames_and_prevalence_identical_on_a_cluster(dask_client, corpus20k):
    lazy = _lazy(corpus20k, BIG_SIZES)
    scores = toolkit.frame_scores(corpus20k, LEX)
    got = toolkit.frame_scores(lazy, LEX)
    _same(got, scores)
    # intervals bootstrapped over articles, by outlet and by period (grid from the first date)
    options = {"by": "source", "ci": "bootstrap", "freq": "2W", "n_boot": 100, "seed": 3}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # some outlet-fortnights have few articles
        _same(toolkit.frame_prevalence(got, **options), toolkit.frame_prevalence(scores, **options),
              exact=False)
    _same(toolkit.frame_matches(lazy, LEX, n=300, seed=4), toolkit.frame_matches(corpus20k, LEX, n=300, seed=4))
