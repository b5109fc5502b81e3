"""Same-event comparison and the length check on real prose: BASIL triplets.

BASIL (Fan et al. 2019) has 100 events, each covered by Fox News, the New York Times and
HuffPost. The corpus is read from ``../shared/corpora/`` at test time (never copied into
the project); the tests skip with a clear reason when that folder is absent.
"""

import ast
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy.stats import binomtest  # noqa: E402

import toolkit as tk  # noqa: E402
from toolkit.fairness import LengthWarning, article_lengths, check_lengths  # noqa: E402
from toolkit.paired import frame_differences, paired_test, term_differences  # noqa: E402
from toolkit.plots import plot_event_differences  # noqa: E402
from toolkit.schema import CorpusWarning, validate_corpus  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
BASIL = CORPORA / "basil_triplets.jsonl.gz"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def basil() -> pd.DataFrame:
    """BASIL in the corpus schema: article id, outlet, event id, date, title, text."""
    if not BASIL.exists():
        pytest.skip(f"real corpus not available: {BASIL} (../shared/corpora is absent)")
    raw = pd.read_json(BASIL, lines=True, dtype=False)
    raw["text"] = raw["body-paragraphs"].map(
        lambda v: "\n\n".join(" ".join(p) for p in (ast.literal_eval(v) if isinstance(v, str) else v))
    )
    raw["source"] = raw["source"].str.lower()
    raw = raw.rename(columns={"uuid": "doc_id", "triplet-uuid": "event_id"})
    with pytest.warns(CorpusWarning, match="3 row"):  # three HuffPost articles have no text
        return validate_corpus(
            raw[["doc_id", "source", "event_id", "date", "title", "text"]],
            origin=str(BASIL), errors="skip",
        )


def test_basil_frame_presence_paired_by_event(basil):
    assert len(basil) == 297 and basil["event_id"].nunique() == 100
    with pytest.warns(UserWarning, match=r"3 event\(s\) covered by only one of 'hpo' and 'nyt'"):
        diff = frame_differences(basil, "war_framing", frames="humanitarian_cost", pair=("hpo", "nyt"))
    assert diff.attrs["n_unpaired"] == 3 and set(diff.attrs["unpaired"]["only"]) == {"nyt"}
    assert (diff["n_a"] == 1).all() and (diff["n_b"] == 1).all()
    row = paired_test(diff).iloc[0]
    assert row["n_events"] == 97
    assert (row["n_positive"], row["n_negative"], row["n_ties"]) == (3, 17, 77)
    assert row["mean_difference"] == pytest.approx(-14 / 97)
    assert row["p_sign"] == pytest.approx(binomtest(3, 20).pvalue)
    assert row["p_sign"] < 0.01
    assert -1 <= row["ci_low"] < row["mean_difference"] < row["ci_high"] < 0
    # the frame the brief names, between the two outlets with all 100 events: rare both sides
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing unpaired between fox and nyt
        conflict = paired_test(frame_differences(basil, "war_framing", frames="conflict",
                                                 pair=("fox", "nyt"))).iloc[0]
    assert (conflict["n_events"], conflict["n_positive"], conflict["n_negative"]) == (100, 1, 1)
    assert conflict["p_sign"] == 1.0
    ax = plot_event_differences(diff, n_boot=500)
    assert len(ax.get_yticklabels()) == 97
    plt.close("all")


def test_basil_term_rate_paired_by_event(basil):
    diff = term_differences(basil, "said", pair=("fox", "nyt"))
    row = paired_test(diff).iloc[0]
    assert row["n_events"] == 100 and row["n_ties"] == 0
    assert (row["n_positive"], row["n_negative"]) == (54, 46)
    assert row["ci_low"] < row["mean_difference"] < row["ci_high"]
    assert row["ci_low"] < 0 < row["ci_high"]  # no clear difference in attribution


def test_basil_lengths_are_comparable(basil):
    table = article_lengths(basil).set_index("source")
    assert table["n_articles"].to_dict() == {"fox": 100, "hpo": 97, "nyt": 100}
    assert 1.3 < table.attrs["max_ratio"] < 2  # NYT longest, HuffPost shortest
    with warnings.catch_warnings():
        warnings.simplefilter("error", LengthWarning)
        check_lengths(basil)
        tk.frame_prevalence(tk.frame_scores(basil, "war_framing"))
