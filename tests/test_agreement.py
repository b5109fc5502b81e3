"""Agreement between coders with bootstrap intervals (coder_agreement), checked against
scikit-learn, the krippendorff package and a plain resampling loop."""

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

import toolkit
from toolkit.schema import CorpusError
from toolkit.validation import (
    agreement,
    bootstrap_weights,
    coder_agreement,
    krippendorff_alpha,
    percentile_interval,
)

RNG = np.random.default_rng(11)
N = 60
X = RNG.integers(0, 3, N)
Y = np.where(RNG.random(N) < 0.7, X, RNG.integers(0, 3, N))
LAB = np.array(["war", "conflict", "crisis"], dtype=object)


def long_codes(columns: dict) -> pd.DataFrame:
    """{coder: labels} -> the long table read_codes returns (unit_id, frame, code, coder)."""
    return pd.concat(
        [pd.DataFrame({"unit_id": np.arange(len(v)), "frame": "name", "code": v, "coder": c})
         for c, v in columns.items()],
        ignore_index=True,
    )


def alpha_ref(*rows) -> float:
    codes = {lab: i for i, lab in enumerate(LAB)}
    data = np.array([[np.nan if v is None else codes[v] for v in r] for r in rows], dtype=float)
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")


def test_estimates_match_sklearn_and_krippendorff():
    a, b = LAB[X], LAB[Y]
    t = coder_agreement(long_codes({"ana": a, "ben": b}), n_boot=200)
    assert t.columns.tolist() == [
        "frame", "coder_a", "coder_b", "n_units", "percent", "percent_low", "percent_high",
        "kappa", "kappa_low", "kappa_high", "alpha", "alpha_low", "alpha_high",
    ]
    r = t.iloc[0]
    assert (r["frame"], r["coder_a"], r["coder_b"], r["n_units"]) == ("name", "ana", "ben", N)
    assert r["percent"] == pytest.approx(np.mean(a == b))
    assert r["kappa"] == pytest.approx(cohen_kappa_score(a, b))
    assert r["alpha"] == pytest.approx(alpha_ref(a, b))
    for m in ("percent", "kappa", "alpha"):
        assert r[f"{m}_low"] <= r[m] <= r[f"{m}_high"]


def test_intervals_equal_a_plain_resampling_loop():
    a, b = LAB[X], LAB[Y]
    t = coder_agreement(long_codes({"ana": a, "ben": b}), n_boot=300, seed=4, level=0.9)
    w = bootstrap_weights(N, n_boot=300, seed=4)  # first frame, first pair: the seed itself
    kap, alp, pct = [], [], []
    for row in w:
        idx = np.repeat(np.arange(N), row)
        kap.append(cohen_kappa_score(a[idx], b[idx]))
        alp.append(alpha_ref(a[idx], b[idx]))
        pct.append(np.mean(a[idx] == b[idx]))
    for m, vals in (("kappa", kap), ("alpha", alp), ("percent", pct)):
        lo, hi = np.quantile(vals, [0.05, 0.95])
        assert t.loc[0, f"{m}_low"] == pytest.approx(lo)
        assert t.loc[0, f"{m}_high"] == pytest.approx(hi)


def test_same_seed_same_intervals_and_level_widens():
    codes = long_codes({"ana": LAB[X], "ben": LAB[Y]})
    t1 = coder_agreement(codes, n_boot=200, seed=1)
    t2 = coder_agreement(codes, n_boot=200, seed=1)
    pd.testing.assert_frame_equal(t1, t2)
    t3 = coder_agreement(codes, n_boot=200, seed=1, level=0.5)
    assert t3.loc[0, "kappa_high"] - t3.loc[0, "kappa_low"] < t1.loc[0, "kappa_high"] - t1.loc[0, "kappa_low"]


def test_three_coders_missing_codes_pairs_and_all():
    a = list(LAB[X])
    b = list(LAB[Y])
    c = list(np.where(RNG.random(N) < 0.5, LAB[X], LAB[RNG.integers(0, 3, N)]))
    b[:5] = [None] * 5
    c[3:9] = [None] * 6
    codes = long_codes({"ana": a, "ben": b, "cy": c})
    codes = codes[codes["code"].notna()]  # a missing code is simply a missing row
    t = coder_agreement(codes, n_boot=100)
    assert t[["coder_a", "coder_b"]].values.tolist() == [
        ["ana", "ben"], ["ana", "cy"], ["ben", "cy"], ["(all)", "(all)"]
    ]
    ab = t.iloc[0]
    keep = [i for i in range(N) if b[i] is not None]
    assert ab["n_units"] == N - 5
    assert ab["kappa"] == pytest.approx(cohen_kappa_score([a[i] for i in keep], [b[i] for i in keep]))
    assert t.iloc[2]["n_units"] == N - 9  # b misses 0-4, c misses 3-8
    everyone = t.iloc[3]
    assert everyone["alpha"] == pytest.approx(alpha_ref(a, b, c))
    assert everyone["alpha"] == pytest.approx(krippendorff_alpha([a, b, c]))
    # units 3 and 4 have one code only (ben and cy both miss them): not pairable
    assert np.isnan(everyone["kappa"]) and everyone["n_units"] == N - 2
    assert everyone["alpha_low"] <= everyone["alpha"] <= everyone["alpha_high"]


def test_per_frame_rows_filters_and_doc_id_column():
    codes = pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4"] * 4,
        "frame": ["conflict"] * 8 + ["morality"] * 8,
        "code": [1, 1, 0, 0, 1, 0, 0, 0] + [1, 0, 1, 0, 1, 0, 1, 0],
        "coder": (["ana"] * 4 + ["ben"] * 4) * 2,
    })
    t = coder_agreement(codes, n_boot=50)
    assert t["frame"].tolist() == ["conflict", "morality"]
    # conflict by hand: p_o = 3/4; p_e = 0.5 * 0.25 + 0.5 * 0.75 = 0.5; kappa = 0.5
    assert t.loc[0, "kappa"] == pytest.approx(0.5) and t.loc[0, "percent"] == 0.75
    # alpha by hand: 8 values, n_1 = 3, n_0 = 5; one disagreeing unit adds 2 off-diagonal
    # coincidences: alpha = 1 - 7 * 2 / (64 - 9 - 25) = 1 - 14/30
    assert t.loc[0, "alpha"] == pytest.approx(1 - 14 / 30)
    assert t.loc[1, "kappa"] == pytest.approx(1.0)
    only = coder_agreement(codes, frames="morality", n_boot=50)
    assert only["frame"].tolist() == ["morality"]
    with pytest.raises(CorpusError, match="frame"):
        coder_agreement(codes, frames="nope")
    with pytest.raises(CorpusError, match="coder"):
        coder_agreement(codes, coders=["ana", "zed"])
    with pytest.raises(CorpusError, match="unit_id"):
        coder_agreement(codes.drop(columns="doc_id"))
    with pytest.raises(ValueError, match="twice"):
        coder_agreement(pd.concat([codes, codes.iloc[:1]]))


def test_constant_codes_give_nan_kappa_not_an_error():
    codes = long_codes({"ana": ["war"] * 5, "ben": ["war"] * 5})
    r = coder_agreement(codes, n_boot=20).iloc[0]
    assert r["percent"] == 1.0 and np.isnan(r["kappa"]) and np.isnan(r["alpha"])
    assert np.isnan(r["kappa_low"])


def test_old_agreement_still_importable_and_unchanged():
    assert toolkit.agreement is agreement
    res = agreement(["war", "war", "crisis"], ["war", "conflict", "crisis"])
    assert res["cohen_kappa"] == pytest.approx(0.5)


def test_helpers():
    w = bootstrap_weights(7, n_boot=50, seed=3)
    assert w.shape == (50, 7) and (w.sum(axis=1) == 7).all()
    lo, hi = percentile_interval(np.array([np.nan, 1.0, 2.0, 3.0]), level=0.5)
    assert (lo, hi) == pytest.approx((1.5, 2.5))
    with pytest.raises(ValueError, match="n_boot"):
        bootstrap_weights(3, n_boot=0)
    with pytest.raises(ValueError, match="level"):
        percentile_interval(np.ones(3), level=95)


def test_one_coder_is_an_error_and_read_codes_output_works(tmp_path):
    (tmp_path / "a.csv").write_text("unit_id,negotiation,coder\nd0,1,ana\nd1,0,ana\nd2,1,ana\nd3,0,ana\n")
    (tmp_path / "b.csv").write_text("unit_id,negotiation,coder\nd0,1,ben\nd1,1,ben\nd2,1,ben\nd3,0,ben\n")
    read_codes = getattr(toolkit, "read_codes", None)
    if read_codes is None:
        pytest.skip("toolkit.read_codes is not there yet")
    a, b = read_codes(tmp_path / "a.csv"), read_codes(tmp_path / "b.csv")
    with pytest.raises(ValueError, match="two coders"):
        coder_agreement(a)
    r = coder_agreement(pd.concat([a, b]), n_boot=50).iloc[0]
    assert r["kappa"] == pytest.approx(cohen_kappa_score([1, 0, 1, 0], [1, 1, 1, 0]))
