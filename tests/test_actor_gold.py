"""The actor gold standard (data/gold/actors/): complete, ids and codes only, halves by article."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "actors"
sys.path.insert(0, str(ROOT / "scripts"))
_spec = importlib.util.spec_from_file_location("actor_gold", ROOT / "scripts" / "actor_gold.py")
ag = importlib.util.module_from_spec(_spec)
sys.modules["actor_gold"] = ag
_spec.loader.exec_module(ag)


def test_units_halves_by_article_and_overlap():
    u = ag.read_units()
    assert len(u) >= 600 and u["unit_id"].is_unique
    assert u.groupby("doc_id")["half"].nunique().max() == 1  # no article in both halves
    assert u["overlap"].sum() >= 150
    assert ((u["s_start"] <= u["start"]) & (u["start"] < u["end"])).all()


def test_codes_are_ids_and_codes_only_and_complete():
    files = sorted(GOLD.glob("codes_*.csv"))
    assert len(files) == 7
    for f in files:
        c = pd.read_csv(f)
        assert list(c.columns) == ag.CODE_COLUMNS, f.name
        for field, allowed in ag.CODES.items():
            assert set(c[field]) <= set(allowed), (f.name, field)
        assert not ((c["agentless"] == 1) & (c["passive"] == 0)).any(), f.name  # agentless implies passive
    codes = ag.read_codes()
    u = ag.read_units()
    assert set(codes.loc[codes["pass"] == 1, "unit_id"]) == set(u["unit_id"])
    assert set(codes.loc[codes["pass"] == 2, "unit_id"]) == set(u.loc[u["overlap"], "unit_id"])


def test_agreement_file_is_current():
    assert (GOLD / "agreement.md").read_text(encoding="utf-8") == ag.agreement_md()
