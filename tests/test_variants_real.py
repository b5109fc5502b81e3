"""House styles on real prose: the Guardian and the New York Times on the 2022 war.

Compared by source, spelling conventions (US/U.S., Zelenskiy/Zelensky, defence/defense)
top the keyness table; with ``variants=True`` they are merged and leave it. Reads
``../shared/corpora/ru_ua_2022_guardian_nyt.csv`` (never copied into the project) and
skips when it is absent. The numbers are the observed values, with margins.
"""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import toolkit as tk
from tests.test_real_corpora import GUARDIAN_NYT, need

pytestmark = pytest.mark.shared

TOP = 50
STYLE_SPELLINGS = ["us", "u.s.", "zelenskiy", "zelensky", "defence", "defense"]


@pytest.fixture(scope="module")
def war2022() -> pd.DataFrame:
    need(GUARDIAN_NYT)
    return tk.load_corpus(
        GUARDIAN_NYT,
        columns={"published": "date", "headlines": "title", "articles": "text",
                 "journal": "source", "doc_id": None},
    )


def _by_source(freq: pd.DataFrame) -> dict:
    return {(s, t): c for s, t, c in freq[["source", "term", "count"]].itertuples(index=False)}


def test_merged_counts_are_the_sums_of_the_house_spellings(war2022):
    before = _by_source(tk.word_frequencies(war2022, by="source"))
    after = _by_source(tk.word_frequencies(war2022, by="source", variants=True))
    g, n = "The Guardian", "The New York Times"
    # observed: the Guardian writes Zelenskiy (224), the NYT Zelensky (20); NYT U.S. (78)
    assert before[(g, "zelenskiy")] == 224 and before[(n, "zelensky")] == 20
    assert before[(n, "u.s.")] == 78 and before[(g, "defence")] == 199
    for source in (g, n):
        for canonical, spellings in {
            "zelensky": ["zelensky", "zelenskiy", "zelenskyy", "zelenskyi", "zelenski"],
            "us": ["us", "u.s."],
            "defense": ["defense", "defence"],
            "eu": ["eu", "e.u."],
        }.items():
            total = sum(before.get((source, s), 0) for s in spellings)
            assert after.get((source, canonical), 0) == total, (source, canonical)
            assert all((source, s) not in after for s in spellings if s != canonical)
    assert after[(g, "zelensky")] == 227 and after[(n, "us")] == 105
    # Kiev/Kyiv-type framing pairs are not merged by default
    assert after[(g, "kharkiv")] == before[(g, "kharkiv")]


def test_house_styles_leave_the_keyness_table(war2022):
    if "variants" not in inspect.signature(tk.keyness).parameters:
        pytest.skip("toolkit.keyness does not take variants= yet")

    def tops(variants):
        k = tk.keyness(war2022, "The Guardian", "The New York Times", variants=variants)
        guardian = k.sort_values("z", ascending=False)["term"].head(TOP).tolist()
        nyt = k.sort_values("z")["term"].head(TOP).tolist()
        return k.set_index("term"), guardian, nyt

    k0, g0, n0 = tops(None)
    # before: each outlet's spellings are among its top-50 keywords (observed ranks)
    assert g0.index("us") < 3 and g0.index("zelenskiy") < 20 and g0.index("defence") < 25
    assert n0.index("u.s.") < 20 and n0.index("defense") < 40 and n0.index("zelensky") < TOP
    assert k0.loc["us", "z"] == pytest.approx(7.71, abs=0.5)
    assert k0.loc["u.s.", "z"] == pytest.approx(-5.98, abs=0.5)

    k1, g1, n1 = tops(True)
    # after: no spelling variant is left, and the NYT's top-50 holds none of the merged terms
    assert not set(STYLE_SPELLINGS) & set(n1)
    assert not {"u.s.", "zelenskiy", "defence", "e.u.", "u.n."} & set(k1.index)
    assert "us" not in g1 and k1.loc["us", "z"] == pytest.approx(1.64, abs=0.5)
    # what is left is a difference of emphasis, not of spelling: the Guardian names
    # Zelensky (227 vs 20) and defence ministries (216 vs 27) more often
    assert g1.index("zelensky") < 10 and k1.loc["zelensky", "count_target"] == 227
    assert k1.loc["defense", "count_reference"] == 27
