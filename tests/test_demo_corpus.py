"""The bundled demo corpus follows its own rules, and its data card matches the data."""

import re
from pathlib import Path

import pandas as pd
import pytest

import toolkit as tk

ROOT = Path(__file__).resolve().parents[1]
CARD = ROOT / "data" / "demo" / "README.md"
SEED = ROOT.parent / "shared" / "reference" / "seed-article.txt"


@pytest.fixture(scope="module")
def demo():
    return tk.load_demo()


def _card_table(heading: str) -> pd.DataFrame:
    text = CARD.read_text(encoding="utf-8")
    after = text.split(heading, 1)[1]
    lines = [line for line in after.strip().splitlines()]
    rows = []
    for line in lines:
        if not line.startswith("|"):
            if rows:
                break
            continue
        rows.append([c.strip() for c in line.strip("|").split("|")])
    header, body = rows[0], [r for r in rows[2:]]
    return pd.DataFrame(body, columns=header)


def test_size_outlets_events_fields(demo):
    assert len(demo) >= 100
    assert demo["source"].nunique() == 7
    assert demo["event_id"].nunique() >= 14
    for col in ["doc_id", "source", "date", "title", "text", "url", "language", "section", "event_id"]:
        assert demo[col].notna().all(), col
        if demo[col].dtype != "datetime64[us]" and col != "date":
            assert (demo[col].str.strip() != "").all(), col
    assert demo["doc_id"].is_unique
    assert demo["url"].str.match(r"^https://[a-z0-9-]+\.example/").all()
    assert set(demo["language"]) == {"en"}
    assert demo["date"].between("2022-02-24", "2022-12-31").all()


def test_coverage_rules(demo):
    per_event = demo.groupby("event_id")["source"].nunique()
    per_outlet = demo.groupby("source")["event_id"].nunique()
    assert (per_event >= 4).all(), per_event[per_event < 4]
    assert (per_outlet >= 10).all(), per_outlet[per_outlet < 10]
    words = demo["text"].str.split().str.len()
    assert words.between(250, 800).all(), demo.loc[~words.between(250, 800), "doc_id"].tolist()


def test_outlet_names_are_fictional(demo):
    real = ["reuters", "associated press", "tass", "ria novosti", "xinhua", "al jazeera", "fox news",
            "cnn", "bbc", "guardian", "new york times", "kyiv independent", "rt", "sputnik"]
    names = " ".join(demo["source"].str.lower().unique())
    assert not [r for r in real if re.search(rf"\b{re.escape(r)}\b", names)]


def test_wire_copies_found_by_duplicate_finder(demo):
    clusters = tk.find_duplicates(demo)
    republished = demo.dropna(subset=["republished_from"])
    assert len(republished) >= 3
    pairs = {
        frozenset(g["doc_id"]) for _, g in clusters.groupby("cluster")
    }
    for row in republished.itertuples():
        assert frozenset({row.doc_id, row.republished_from}) in pairs
    # nothing else is flagged: the outlets' own articles on one event are not duplicates
    assert len(pairs) == len(republished)


def test_annotations_cover_every_article(demo):
    ann = tk.load_annotations()
    assert sorted(ann["doc_id"]) == sorted(demo["doc_id"])
    assert set(ann["defeat_wording"]) <= {"explicit", "euphemistic", "not_applicable"}
    assert set(ann["negotiation_stance"]) <= {"open", "sceptical", "not_mentioned"}
    assert set(ann["war_name"]) <= {"war", "invasion", "special military operation", "conflict", "crisis"}


def test_data_card_counts_match_the_data(demo):
    words = demo["text"].str.split().str.len()
    outlets = _card_table("Articles per outlet:")
    computed = demo.assign(words=words).groupby("source").agg(
        articles=("doc_id", "size"), events=("event_id", "nunique"), words=("words", "sum"),
        min_words=("words", "min"), max_words=("words", "max"),
    )
    for row in outlets.itertuples(index=False):
        got = computed.loc[row.source]
        assert [int(row.articles), int(row.events), int(row.words), int(row.min_words),
                int(row.max_words)] == got.tolist(), row.source
    assert sorted(outlets["source"]) == sorted(computed.index)
    events = _card_table("Articles per event")
    per_event = demo.groupby("event_id").agg(articles=("doc_id", "size"), outlets=("source", "nunique"))
    for row in events.itertuples(index=False):
        assert [int(row.articles), int(row.outlets)] == per_event.loc[row.event_id].tolist()
    text = CARD.read_text(encoding="utf-8")
    assert f"{len(demo)} articles, {int(words.sum())} words" in text
    ann = tk.load_annotations().merge(demo[["doc_id", "source"]], on="doc_id")
    card_ann = _card_table("Annotation counts per outlet:")
    cross = pd.crosstab(ann["source"], ann["defeat_wording"])
    for row in card_ann.to_dict("records"):
        for col, val in row.items():
            if col != "source":
                assert int(val) == cross.loc[row["source"], col]


@pytest.mark.shared
def test_no_eight_word_run_from_the_reference_article(demo):
    if not SEED.exists():
        pytest.skip(f"reference article not found at {SEED} (../shared is absent)")
    words = lambda t: re.findall(r"\w+", t.lower())  # noqa: E731
    ref = words(SEED.read_text(encoding="utf-8"))
    grams = {" ".join(ref[i : i + 8]) for i in range(len(ref) - 7)}
    hits = []
    for row in demo.itertuples():
        w = words(row.title + " " + row.text)
        hits += [(row.doc_id, " ".join(w[i : i + 8])) for i in range(len(w) - 7)
                 if " ".join(w[i : i + 8]) in grams]
    assert hits == []
