"""The attribution gold standard (data/gold/attribution/) is complete, holds no article
text, and the figures in data/attribution/README.md and agreement.md are what the current
rules and codes give (``shared``: needs ../shared/corpora to read the articles)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "attribution"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


sys.path.insert(0, str(ROOT / "scripts"))
ag = _module("attribution_gold")


def test_units_halves_and_overlap():
    u = ag.read_units()
    assert len(u) == 80 and u["unit_id"].is_unique
    assert set(u["half"]) == {"dev", "test"}
    assert u["overlap"].sum() == 20
    assert u.groupby("half")["overlap"].sum().tolist() == [10, 10]
    assert (u["corpus"] == "ru_ua").sum() == 48 and (u["corpus"] == "basil").sum() == 32


def test_codes_hold_ids_offsets_and_codes_only():
    files = sorted(GOLD.glob("codes_*.csv"))
    assert len(files) == 7
    for f in files:
        codes = pd.read_csv(f, dtype={"doc_id": str})
        assert list(codes.columns) == ag.CODE_COLUMNS, f.name
        assert set(codes["type"]) <= set(ag.TYPES)
        for p in ("cue", "speaker", "ref", "content"):
            s, e = codes[f"{p}_start"], codes[f"{p}_end"]
            assert ((s == -1) == (e == -1)).all() and (e[s >= 0] > s[s >= 0]).all(), (f.name, p)
        scare = codes["type"] == "scare_quote"
        assert (codes.loc[~scare, "cue_start"] >= 0).all()
        assert (codes.loc[scare, "cue_start"] == -1).all()
    for f in GOLD.glob("*.csv"):  # no column could hold article text
        cols = set(pd.read_csv(f, nrows=0).columns)
        assert not cols & {"text", "content", "cue", "sentence", "speaker"}, f.name


def test_every_unit_coded_in_pass_1_and_overlap_in_pass_2():
    codes = ag.read_codes()
    u = ag.read_units()
    assert codes["coder"].str.startswith("A").eq(codes["pass"] == 1).all()
    coded = set(codes.loc[codes["pass"] == 1, "unit_id"])
    assert len(coded) >= 77  # a few units (opinion columns) have no attribution at all
    assert set(codes.loc[codes["pass"] == 2, "unit_id"]) <= set(u.loc[u["overlap"], "unit_id"])


def test_gold_is_pass_1_with_the_adjudication_applied():
    adj = pd.read_csv(GOLD / "adjudicated.csv")
    gold = ag.gold_codes()
    pass1 = ag.read_codes(passes=(1,))
    dropped = (adj["decision"] == "drop").sum()
    assert len(gold) == len(pass1) - dropped
    assert len(gold) >= 500 and (gold["type"] != "scare_quote").sum() >= 500


@pytest.mark.shared
def test_report_figures_are_current():
    """README.md's test-half table and agreement.md are what the rules and codes give now."""
    if not (ag.CORPORA / "ru_ua_2022_guardian_nyt.csv").exists():
        pytest.skip("real corpora not available (../shared/corpora is absent)")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert ag.report(check=True)


@pytest.mark.shared
def test_gold_spans_point_at_the_coded_words():
    """Cues are reporting words inside the units' windows; contents are not empty."""
    if not (ag.CORPORA / "ru_ua_2022_guardian_nyt.csv").exists():
        pytest.skip("real corpora not available (../shared/corpora is absent)")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        units = ag.read_units()
        texts = ag.unit_texts(units)
    gold = ag.gold_codes()
    w = units.set_index("unit_id")["window_end"]
    for r in gold.itertuples():
        text = texts[r.unit_id]
        assert text[r.content_start:r.content_end].strip(), r
        if r.cue_start >= 0:
            assert r.cue_end <= w[r.unit_id] + 1 and text[r.cue_start:r.cue_end].strip(), r
