"""The gold standard in data/gold/ is complete and consistent, and holds no article text.

Without the shared corpora: every unit is coded by A, every overlap unit by B, codes are
0/1, the resolved codes cover every unit and code and follow the documented rule, and the
agreement figures in agreement.md are what ``coder_agreement`` computes from the codes.
With them (``shared``): the units still point at the same articles and sentences.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

import toolkit as tk

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold"
sys.path.insert(0, str(ROOT / "scripts"))


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


gu = _module("gold_units")
gr = _module("gold_report")


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return gu.read_units()


def test_units_are_ids_and_offsets_only(units):
    assert list(units.columns) == ["unit_id", "task", "corpus", "doc_id", "start", "end",
                                   "stratum", "weight", "half", "overlap"]
    assert units["unit_id"].is_unique
    assert units["task"].value_counts().to_dict() == {"war_sentence": 600, "war_doc": 300,
                                                      "generic_doc": 200}
    assert set(units["half"]) == {"dev", "test"}
    overlap = units[units["overlap"]].groupby("task").size().to_dict()
    assert overlap == {"war_doc": 100, "war_sentence": 150, "generic_doc": 100}
    sentences = units[units["task"] == "war_sentence"]
    assert sentences["start"].notna().all() and (sentences["end"] > sentences["start"]).all()


def test_no_file_in_data_gold_holds_long_text():
    for path in GOLD.glob("*.csv"):
        frame = pd.read_csv(path, dtype=str)
        longest = frame.apply(lambda col: col.str.len().max()).max()
        assert longest < 400, f"{path.name} has a cell of {longest} characters"


@pytest.mark.parametrize("task", list(gr.CODES))
def test_every_unit_coded_by_a_and_overlap_by_b(units, task):
    mine = units[units["task"] == task]
    a = gr.read_codes("A", task)
    b = gr.read_codes("B", task)
    assert set(a["unit_id"]) == set(mine["unit_id"])
    assert set(b["unit_id"]) == set(mine.loc[mine["overlap"], "unit_id"])
    for codes in (a, b):
        assert codes[gr.CODES[task]].isin([0, 1]).all().all()


def test_resolved_codes_follow_the_rule(units):
    resolved = pd.read_csv(GOLD / "resolved.csv", dtype={"unit_id": str})
    assert resolved.equals(gr.resolved_codes())  # reproducible from the coders' files
    for task, codes in gr.CODES.items():
        ids = set(units.loc[units["task"] == task, "unit_id"])
        part = resolved[resolved["task"] == task]
        assert set(part["unit_id"]) == ids and len(part) == len(ids) * len(codes)
    disputes = pd.read_csv(GOLD / "disputes.csv")
    assert (resolved["rule"] == "majority of A, B, C").sum() == len(disputes)
    third = pd.read_csv(GOLD / "codes_C_disputes.csv", dtype={"unit_id": str})
    assert set(zip(third["unit_id"], third["frame"], strict=True)) == set(
        zip(disputes["unit_id"], disputes["frame"], strict=True))


def test_agreement_report_matches_the_codes():
    table, disputes = gr.agreement_tables()
    text = (GOLD / "agreement.md").read_text()
    for row in table.itertuples(index=False):
        line = next(line for line in text.splitlines()
                    if line.startswith(f"| `{row.frame}` |") and f"{row.ones_a} / {row.ones_b}" in line)
        assert f"{row.percent:.1%}" in line
        if not pd.isna(row.kappa):
            assert f"{row.kappa:.2f} [{row.kappa_low:.2f}, {row.kappa_high:.2f}]" in line
    for task in gr.CODES:
        n = int((disputes["task"] == task).sum())
        assert re.search(rf"## {task} \(\d+ units coded by both; {n} disputed", text)


@pytest.mark.shared
def test_units_still_point_at_the_same_sentences(units):
    if not gu.RU_UA.exists():
        pytest.skip(f"real corpus not available: {gu.RU_UA} (../shared/corpora is absent)")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = gu.load_ru_ua()
    sents = tk.sentences(corpus)[["doc_id", "start", "end"]]
    mine = units[units["task"] == "war_sentence"][["doc_id", "start", "end"]].astype(
        {"start": int, "end": int})
    assert len(mine.merge(sents, on=["doc_id", "start", "end"])) == len(mine)
    docs = units[units["corpus"] == "ru_ua"]["doc_id"]
    assert docs.isin(corpus["doc_id"]).all()


@pytest.mark.shared
def test_lexicon_readme_reports_the_current_test_half_figures():
    """data/lexicons/README.md's test-half figures are what the current lexicons give."""
    if not (gu.RU_UA.exists() and gu.BASIL.exists() and gu.ALLSIDES.exists()):
        pytest.skip("real corpora not available (../shared/corpora is absent)")
    import warnings

    text = (ROOT / "data" / "lexicons" / "README.md").read_text()
    res = pd.read_csv(GOLD / "resolved.csv", dtype={"unit_id": str})
    units = gu.read_units()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for task in ("war_doc", "generic_doc"):  # the sentence task needs the sentence view
            u = units[(units["task"] == task) & (units["half"] == "test")]
            table = gr.validate(gr.predictions(task), res[res["unit_id"].isin(u["unit_id"])], u)
            table = table.set_index("frame")
            for code in gr.CODES[task]:
                t = table.loc[code]
                cell = (f"{t['precision']:.2f} / {t['recall']:.2f} / {t['f1']:.2f} "
                        f"[{t['f1_low']:.2f}, {t['f1_high']:.2f}] / {t['kappa']:.2f} | "
                        f"{t['always_f1']:.2f} |")
                row = next(line for line in text.splitlines() if line.startswith(f"| `{code}` (")
                           and f"of {int(t['n'])} |" in line)
                assert cell in row, (code, cell, row)
