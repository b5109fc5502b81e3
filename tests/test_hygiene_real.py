"""Corpus hygiene on real scraped news: page furniture, outlet labels, implausible dates.

Reads the real corpora in ``../shared/corpora/`` (never copied into the project; found and
skipped as in ``tests/test_real_corpora.py``). Only counts and ids are asserted, no text.
About 40 s in all (AllSides is loaded once, boilerplate found and removed once).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import polars as pl
import pytest

import toolkit as tk
from tests.test_real_corpora import ALLSIDES, GUARDIAN_NYT, need
from toolkit.boilerplate import find_boilerplate, remove_boilerplate
from toolkit.schema import CorpusError, CorpusWarning

pytestmark = pytest.mark.shared

# Page furniture of AllSides outlets, as patterns (reprint and copyright notices, newsletter
# and app promos, "story continued", advertisement lines); each occurs in hundreds or
# thousands of articles of the outlets that print it.
FURNITURE = {
    "reprint": r"(?i)click here for reprint permission",
    "newsletter": r"(?i)sign up for daily (?:opinion )?newsletter",
    "continued": r"(?im)^story continued below\s*$",
    "advertisement": r"(?im)^\s*advertisement:?\s*$",
    "app": r"(?i)click here to get the fox news app",
    "copyright": r"(?i)copyright ©",
}


@pytest.fixture(scope="module")
def allsides() -> pd.DataFrame:
    need(ALLSIDES)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = tk.load_corpus(ALLSIDES, columns={"ID": "doc_id", "content_original": "text"})
    corpus.attrs["_warnings"] = [str(w.message) for w in caught if w.category is CorpusWarning]
    return corpus


@pytest.fixture(scope="module")
def furniture(allsides) -> tuple[pd.DataFrame, pd.DataFrame]:
    found = find_boilerplate(allsides)
    return found, remove_boilerplate(allsides, found)


def articles_matching(texts: pd.Series) -> dict[str, int]:
    s = pl.Series(texts.to_numpy(dtype=object), dtype=pl.String)
    return {name: int(s.str.contains(rx).sum()) for name, rx in FURNITURE.items()}


def test_allsides_load_flags_dates_and_outlet_spellings(allsides):
    flagged = allsides.attrs["implausible_dates"]
    assert len(flagged) == 3  # two dated year 1, one dated 2050; kept, not changed
    assert sorted(pd.Timestamp(r["date"]).year for r in flagged) == [1, 1, 2050]
    assert all(r["file"].endswith("allsides_37k.parquet") and r["row"] > 0 for r in flagged)
    assert len(allsides) == 37_554
    msgs = allsides.attrs["_warnings"]
    assert any("3 date(s) are implausible" in m for m in msgs)
    assert any("2 outlet(s) are spelled in several ways" in m for m in msgs)
    variants = tk.outlets.outlet_variants(allsides)
    assert variants.groupby("key")["n_docs"].sum().to_dict() == {
        "desmoinesregister": 4, "newsmaxnews": 86}
    unified = tk.outlets.unify_outlets(allsides)
    assert unified["source"].nunique() == allsides["source"].nunique() - 2


def test_trends_refuse_year_one_until_the_dates_are_dealt_with(allsides):
    bad = pd.DataFrame(allsides.attrs["implausible_dates"])["doc_id"]
    sample = allsides.sample(1500, random_state=3)
    subset = pd.concat([allsides[allsides["doc_id"].isin(bad)], sample]).drop_duplicates("doc_id")
    with pytest.raises(CorpusError, match=r"span 2049 years \(1 to 2050\).*implausible_dates"):
        tk.term_trends(subset, ["president"], by=None, freq="Y")
    odd = tk.dates.implausible_dates(subset)["doc_id"]
    assert set(odd) == set(bad)
    trends = tk.term_trends(subset[~subset["doc_id"].isin(odd)], ["president"], by=None, freq="Y")
    assert 5 <= len(trends) <= 12  # 2012 .. 2020, not two millennia


def test_boilerplate_removed_from_allsides(allsides, furniture):
    found, clean = furniture
    assert 300 <= len(found) <= 800  # 490 (outlet, segment) pairs with the defaults
    assert found["source"].nunique() >= 60
    before = articles_matching(allsides["text"])
    after = articles_matching(clean["text"])
    # measured: before 2,823 / 2,946 / 2,296 / 3,539 / 381 / 3,022; after 21 / 22 / 15 / 43 / 8 / 47
    assert sum(before.values()) >= 13_000
    assert sum(after.values()) <= 300
    for name in FURNITURE:
        assert after[name] <= 0.05 * before[name], name
    report = pd.DataFrame(clean.attrs["boilerplate_removed"])
    assert 15_000 <= len(report) <= 21_000  # 18,076 articles changed
    assert not report["emptied"].any()
    assert len(clean) == len(allsides) and clean["text"].str.strip().ne("").all()
    removed = allsides["text"].str.len().sum() - clean["text"].str.len().sum()
    assert 1_000_000 <= removed <= 4_000_000  # about 2.0 million of 223 million characters
    # what was left is not boilerplate any more: detecting again finds nothing
    assert find_boilerplate(clean).empty


def test_keyness_top_terms_lose_furniture_words(allsides, furniture):
    _, clean = furniture
    outlet = "Washington Times"
    rng = np.random.default_rng(0)
    others = np.flatnonzero((allsides["source"] != outlet).to_numpy())
    rows = np.sort(np.concatenate([np.flatnonzero((allsides["source"] == outlet).to_numpy()),
                                   rng.choice(others, 4000, replace=False)]))
    raw, cleaned = allsides.iloc[rows], clean.iloc[rows]
    # furniture words: at least half of the outlet's uses were inside removed segments
    mine = raw["source"] == outlet
    f0 = tk.word_frequencies(raw[mine]).set_index("term")["count"]
    f1 = tk.word_frequencies(cleaned[mine]).set_index("term")["count"].reindex(f0.index, fill_value=0)
    words = set(f0.index[(f0 >= 20) & (f1 <= 0.5 * f0)])
    top_before = tk.keyness(raw, outlet)["term"].head(30)
    top_after = tk.keyness(cleaned, outlet)["term"].head(30)
    n_before, n_after = int(top_before.isin(words).sum()), int(top_after.isin(words).sum())
    assert n_before >= 8, n_before  # measured 13 of 30 (newsletter, reprint, copyright words)
    assert n_after <= 2, n_after  # measured 0


def test_guardian_newsletter_promo_found_and_removed():
    need(GUARDIAN_NYT)
    war = tk.load_corpus(GUARDIAN_NYT, columns={"published": "date", "headlines": "title",
                                                "articles": "text", "journal": "source",
                                                "doc_id": None})
    found = find_boilerplate(war)
    assert set(found["source"]) == {"The Guardian"}  # the NYT texts here are cut short
    assert found["n_docs"].max() >= 50  # a newsletter promo in 57 of 188 Guardian articles
    clean = remove_boilerplate(war, found)
    assert find_boilerplate(clean).empty
    report = pd.DataFrame(clean.attrs["boilerplate_removed"])
    assert 55 <= len(report) <= 100 and not report["emptied"].any()
