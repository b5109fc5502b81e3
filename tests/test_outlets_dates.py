"""Outlet label variants (toolkit.outlets), implausible dates (toolkit.dates) and the
span check of toolkit.periods, on small hand-made data (our own sentences)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import toolkit as tk
from toolkit import periods
from toolkit.dates import implausible_dates
from toolkit.io import load_corpus
from toolkit.outlets import outlet_variants, unify_outlets
from toolkit.periods import period_bins
from toolkit.schema import CorpusError, CorpusWarning

HEADER = "doc_id,source,date,title,text\n"


def table(sources: list[str], dates: list[str] | None = None) -> pd.DataFrame:
    n = len(sources)
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "source": pd.array(sources, dtype="str"),
        "date": pd.to_datetime(dates or ["2022-03-01"] * n),
        "title": [""] * n,
        "text": ["The river rose overnight."] * n,
    })


# ----------------------------------------------------------------------------- outlets


def test_variants_differ_by_case_space_and_punctuation_only():
    corpus = table(["NYT", "nyt ", "N.Y.T.", "NYT", "New York Times", "Guardian", "guardian"])
    found = outlet_variants(corpus)
    assert found.to_dict("records") == [
        {"key": "guardian", "label": "Guardian", "n_docs": 1, "unified": "Guardian"},
        {"key": "guardian", "label": "guardian", "n_docs": 1, "unified": "Guardian"},
        {"key": "nyt", "label": "NYT", "n_docs": 2, "unified": "NYT"},
        {"key": "nyt", "label": "N.Y.T.", "n_docs": 1, "unified": "NYT"},
        {"key": "nyt", "label": "nyt ", "n_docs": 1, "unified": "NYT"},
    ]
    assert outlet_variants(table(["A", "B"])).empty
    assert outlet_variants(table([])).empty


def test_unify_outlets_default_mapping_and_report():
    corpus = table(["Le Monde", "le monde", "LE  MONDE", "Le Monde", "Élysée Post", "ÉLYSÉE POST", "Élysée Post"])
    before = corpus.copy()
    out = unify_outlets(corpus)
    pd.testing.assert_frame_equal(corpus, before)
    assert out["source"].tolist() == ["Le Monde"] * 4 + ["Élysée Post"] * 3
    assert sorted(out.attrs["unified_outlets"], key=lambda r: r["from"]) == [
        {"from": "LE  MONDE", "to": "Le Monde", "n_docs": 1},
        {"from": "le monde", "to": "Le Monde", "n_docs": 1},
        {"from": "ÉLYSÉE POST", "to": "Élysée Post", "n_docs": 1},
    ]
    mapped = unify_outlets(corpus, mapping={"le monde": "Le Monde", "LE  MONDE": "Le Monde (print)"})
    assert mapped["source"].tolist()[:3] == ["Le Monde", "Le Monde", "Le Monde (print)"]
    assert len(mapped.attrs["unified_outlets"]) == 2
    with pytest.raises(CorpusError, match="mapping"):
        unify_outlets(corpus, mapping={"le monde": ""})
    assert unify_outlets(table(["A"])).attrs["unified_outlets"] == []


def test_load_corpus_warns_about_variants_and_keeps_them(write):
    path = write("mixed.csv", HEADER + "1,Valley Post,2022-03-01,t,One.\n2,valley post,2022-03-02,t,Two.\n"
                 "3,Valley Post,2022-03-03,t,Three.\n")
    with pytest.warns(CorpusWarning, match=r"mixed\.csv: 1 outlet.*'Valley Post' \(2\) / 'valley post' \(1\)"):
        corpus = load_corpus(path)
    assert corpus["source"].tolist() == ["Valley Post", "valley post", "Valley Post"]


def test_clean_file_loads_without_hygiene_warnings(write):
    path = write("clean.csv", HEADER + "1,Valley Post,2022-03-01,t,One.\n2,Hill Times,1950-01-01,t,Two.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(path)
    assert "implausible_dates" not in corpus.attrs


# ----------------------------------------------------------------------------- dates


def test_implausible_dates_are_flagged_with_file_row_and_kept(write):
    path = write("odd.csv", HEADER + "1,Post,2022-03-01,t,One.\n2,Post,0001-01-01,t,Two.\n"
                 "3,Post,2050-06-01,t,Three.\n4,Post,,t,Undated.\n")
    with pytest.warns(CorpusWarning, match=r"2 date\(s\) are implausible") as rec:
        corpus = load_corpus(path)
    msg = str(rec[0].message)
    assert "odd.csv line 3 (doc_id '2'): 0001-01-01" in msg
    assert "odd.csv line 4 (doc_id '3'): 2050-06-01" in msg
    assert len(corpus) == 4  # nothing dropped, nothing changed
    assert corpus["date"].dt.year.tolist()[:3] == [2022, 1, 2050]
    assert [(r["row"], r["doc_id"], r["date"]) for r in corpus.attrs["implausible_dates"]] == [
        (3, "2", "0001-01-01"), (4, "3", "2050-06-01")]
    assert all(r["file"].endswith("odd.csv") for r in corpus.attrs["implausible_dates"])


def test_provenance_columns_unchanged_by_the_checks(write):
    path = write("odd.jsonl", '{"doc_id": "a", "source": "P", "date": "1850-01-01", "text": "One."}\n'
                 '{"doc_id": "b", "source": "P", "date": "2022-01-01", "text": "Two."}\n')
    with pytest.warns(CorpusWarning, match=r"odd\.jsonl line 1 \(doc_id 'a'\)"):
        corpus = load_corpus(path, provenance=True, defaults={"title": ""})
    assert corpus.columns.tolist()[-2:] == ["source_file", "source_row"]
    assert implausible_dates(corpus)[["doc_id", "source_row"]].to_dict("records") == [
        {"doc_id": "a", "source_row": 1}]
    assert implausible_dates(corpus, earliest="1800-01-01").empty


def test_text_files_have_no_row(write):
    write("f/a.txt", "title: A\nsource: P\ndate: 1066-10-14\n\nThe battle.")
    write("f/b.txt", "title: B\nsource: P\ndate: 2022-01-01\n\nThe market.")
    with pytest.warns(CorpusWarning, match=r"a\.txt \(doc_id 'a'\): 1066-10-14"):
        corpus = load_corpus(write("f/c.txt", "title: C\nsource: P\ndate: 2022-01-02\n\nThe port.").parent)
    assert corpus.attrs["implausible_dates"][0]["row"] is None


def test_implausible_dates_bounds_and_zones():
    corpus = table(["P"] * 3, ["1899-12-31", "1900-01-01", "2022-01-01"])
    assert implausible_dates(corpus)["doc_id"].tolist() == ["d0"]
    assert implausible_dates(corpus, latest="2021-12-31")["doc_id"].tolist() == ["d0", "d2"]
    zoned = corpus.assign(date=corpus["date"].dt.tz_localize("UTC"))
    assert implausible_dates(zoned)["doc_id"].tolist() == ["d0"]
    with pytest.raises(ValueError, match="before"):
        implausible_dates(corpus, earliest="2030-01-01", latest="2020-01-01")


# ----------------------------------------------------------------------------- periods


def test_trends_refuse_a_two_thousand_year_span():
    corpus = tk.load_demo()
    corpus.loc[5, "date"] = pd.Timestamp("0001-01-01")
    with pytest.raises(CorpusError, match=r"span 2021 years \(1 to 2022\).*row 5: 0001-01-01.*implausible_dates"):
        tk.term_trends(corpus, ["war"], freq="M")
    scores = tk.frame_scores(corpus, "war_framing")
    with pytest.raises(CorpusError, match="MAX_SPAN_YEARS"):
        tk.frame_prevalence(scores, freq="M")


def test_span_limit_is_configurable_and_plausible_long_spans_pass(monkeypatch):
    dates = pd.Series(pd.to_datetime(["1901-05-01", "2022-03-01"]))
    starts, grid = period_bins(dates, "Y")
    assert len(grid) == 122
    monkeypatch.setattr(periods, "MAX_SPAN_YEARS", 100)
    with pytest.raises(CorpusError, match=r"row 0: 1901-05-01, row 1: 2022-03-01"):
        period_bins(dates, "Y")
