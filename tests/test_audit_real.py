"""The lexicon audit on real prose: BASIL (Fan et al. 2019), 300 articles from Fox News,
the New York Times and the Huffington Post on 100 US political events.

Version 1.0 of the bundled generic_frames lexicon counted ``invest*`` for economic
consequences; on BASIL the wildcard mostly finds *investigation*, which is what the audit is
for (version 2.0 narrowed it to invest/invests/invested/investing/investment*).
"""

import ast

import pandas as pd
import pytest

from tests.test_real_corpora import BASIL, need
from toolkit.audit import lexicon_audit, quote_shares
from toolkit.lexicon import load_lexicon
from toolkit.schema import validate_corpus

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def basil() -> pd.DataFrame:
    need(BASIL)
    raw = pd.read_json(BASIL, lines=True, dtype=False)
    raw["text"] = raw["body-paragraphs"].map(
        lambda v: "\n\n".join(" ".join(p) for p in (ast.literal_eval(v) if isinstance(v, str) else v))
    )
    raw["source"] = raw["source"].str.lower()
    with pytest.warns(UserWarning):  # three rows without a usable date or text are skipped
        return validate_corpus(
            raw.rename(columns={"uuid": "doc_id"})[["doc_id", "source", "date", "title", "text"]],
            origin=str(BASIL), errors="skip",
        )


@pytest.fixture(scope="module")
def audit(basil) -> pd.DataFrame:
    return lexicon_audit(basil, "generic_frames")


#: the two patterns of generic_frames 1.0 that the audit below examines
V1_ECONOMIC = {"name": "generic_frames_v1_excerpt",
               "frames": {"economic_consequences": {"patterns": ["investor*", "invest*"]}}}


def test_invest_wildcard_mostly_finds_investigation(basil):
    assert len(basil) == 297
    assert "invest*" not in load_lexicon("generic_frames")["economic_consequences"].patterns
    v1 = lexicon_audit(basil, load_lexicon(V1_ECONOMIC))
    inv = v1[v1["pattern"] == "invest*"].set_index("form")
    assert inv.index[0] == "investigation"  # the most frequent form comes first
    assert (inv.loc["investigation", "count"], inv.loc["investigation", "docs"]) == (150, 63)
    assert inv.loc["investigators", "count"] == 26
    assert inv.loc["investment", "count"] == 2
    assert inv["count"].sum() == 257
    investigat = inv.index.str.startswith("investigat")
    assert inv.loc[investigat, "count"].sum() / inv["count"].sum() > 0.9
    # the lexicon's own investor* pattern takes investor/investors first: not counted twice
    assert inv.loc["investors", "counted"] == 0
    assert "[investigation]" in inv.loc["investigation", "example"].lower()


def test_patterns_matching_nothing_get_a_zero_row(audit):
    zero = audit[audit["count"] == 0]
    assert len(zero) > 10
    assert (zero["form"] == "").all() and zero["pattern"].is_unique


def test_quote_shares_on_basil(basil):
    q = quote_shares(basil, "generic_frames").set_index("frame")
    # moral vocabulary is mostly someone else's words; conflict words mostly the reporter's
    assert q.loc["morality", "share"] > 0.5 > q.loc["conflict", "share"]
    assert q.loc["conflict", "matches"] > 400
    by = quote_shares(basil, "generic_frames", by="source")
    nyt = by[(by["frame"] == "conflict") & (by["source"] == "nyt")].iloc[0]
    fox = by[(by["frame"] == "conflict") & (by["source"] == "fox")].iloc[0]
    assert nyt["share"] < fox["share"]
