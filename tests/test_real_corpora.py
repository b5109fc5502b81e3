"""What works on the demo corpus also works on real prose.

These tests read the real news corpora in ``../shared/corpora/`` (never copied into the
project) and skip with a clear reason when that folder is absent.
"""

import ast
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from nltk.tokenize import RegexpTokenizer

import toolkit as tk
from toolkit.schema import validate_corpus
from toolkit.sentences import NEWS_ABBREVIATIONS
from toolkit.tokenize import TOKEN_PATTERN

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
GUARDIAN_NYT = CORPORA / "ru_ua_2022_guardian_nyt.csv"
BASIL = CORPORA / "basil_triplets.jsonl.gz"
ALLSIDES = CORPORA / "allsides_37k.parquet"

pytestmark = pytest.mark.shared


def need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"real corpus not available: {path} (../shared/corpora is absent)")


@pytest.fixture(scope="module")
def war2022() -> pd.DataFrame:
    need(GUARDIAN_NYT)
    return tk.load_corpus(
        GUARDIAN_NYT,
        columns={"published": "date", "headlines": "title", "articles": "text",
                 "journal": "source", "doc_id": None},
    )


def test_foreign_csv_loads_with_a_column_mapping(war2022):
    assert len(war2022) == 407
    assert war2022["source"].value_counts().to_dict() == {"The New York Times": 219, "The Guardian": 188}
    assert str(war2022["date"].dt.tz) == "UTC"
    assert war2022["doc_id"].is_unique
    assert war2022.attrs["skipped"] == []


def test_missing_mapping_error_names_file_and_suggests_columns():
    need(GUARDIAN_NYT)
    with pytest.raises(tk.CorpusError) as err:
        tk.load_corpus(GUARDIAN_NYT)
    msg = str(err.value)
    assert "ru_ua_2022_guardian_nyt.csv" in msg and "columns=" in msg and "articles" in msg


def test_vectorised_tokens_equal_nltk_on_real_prose(war2022):
    ref = RegexpTokenizer(TOKEN_PATTERN)
    idx = tk.index_tokens(war2022)
    for i, text in enumerate(war2022["text"]):
        expected = ref.tokenize(text.replace("\u2019", "'").replace("\u02bc", "'").lower())
        got = idx.vocab[idx.ids[idx.offsets[i] : idx.offsets[i + 1]]].tolist()
        assert got == expected, war2022["doc_id"].iloc[i]


def test_sentences_do_not_end_on_abbreviations(war2022):
    sents = tk.sentences(war2022)
    last = sents["text"].str.extract(r"(\S+)\s*$")[0].str.lower().str.rstrip(".")
    ends_on_abbrev = last.isin([a for a in NEWS_ABBREVIATIONS if len(a) > 1]) & sents["text"].str.endswith(".")
    assert ends_on_abbrev.mean() < 0.002
    words = sents["text"].str.split().str.len()
    assert 12 <= words.mean() <= 40  # news sentences, not whole paragraphs or fragments


def test_concordance_count_equals_an_independent_regex_count(war2022):
    kw = tk.concordance(war2022, "invasion")
    rx = re.compile(r"(?<![\w'’-])invasion(?![\w]|[-'’]\w)", re.IGNORECASE)
    expected = sum(len(rx.findall(t)) for t in war2022["text"])
    assert len(kw) == expected > 50
    assert (kw["match"].str.lower() == "invasion").all()


def test_keyness_on_real_outlets_is_finite_and_sensible(war2022):
    key = tk.keyness(war2022, "The Guardian", min_count=10)
    cols = ["g2", "log_ratio", "pct_diff", "chi2", "log_odds", "z"]
    assert np.isfinite(key[cols].to_numpy()).all()
    over = key[key["direction"] == "over"]
    # house style, not politics: British spelling and the Guardian's transliteration of the
    # president's name are over-used; the NYT's courtesy title "Mr." is under-used
    assert {"defence", "zelenskiy"} <= set(over["term"])
    assert "mr" in set(key.loc[key["direction"] == "under", "term"])


def test_basil_same_event_triplets_through_validate_corpus():
    need(BASIL)
    raw = pd.read_json(BASIL, lines=True, dtype=False)
    raw["text"] = raw["body-paragraphs"].map(
        lambda v: "\n\n".join(" ".join(p) for p in (ast.literal_eval(v) if isinstance(v, str) else v))
    )
    raw["source"] = raw["source"].str.lower()
    corpus = validate_corpus(
        raw.rename(columns={"uuid": "doc_id"})[["doc_id", "source", "date", "title", "text", "triplet-uuid"]],
        origin=str(BASIL),
        errors="skip",
    )
    assert len(corpus) + len(corpus.attrs["skipped"]) == 300
    assert set(corpus["source"]) == {"fox", "nyt", "hpo"}
    freq = tk.word_frequencies(corpus, by="source", stopwords=True)
    assert (freq.groupby("source")["count"].sum() > 10_000).all()


@pytest.fixture(scope="module")
def allsides() -> pd.DataFrame:
    need(ALLSIDES)
    with pytest.warns(tk.schema.CorpusWarning):
        return tk.load_corpus(ALLSIDES, columns={"ID": "doc_id", "content_original": "text"})


def test_large_multi_outlet_corpus_counts_add_up(allsides):
    assert len(allsides) == 37_554
    idx = tk.index_tokens(allsides)
    freq = tk.word_frequencies(allsides, by="source")
    # per-source counts add up to the corpus token count (partition counts are additive)
    assert freq["count"].sum() == idx.n_tokens
    half = len(allsides) // 2
    a = tk.word_frequencies(allsides.iloc[:half].reset_index(drop=True))
    b = tk.word_frequencies(allsides.iloc[half:].reset_index(drop=True))
    whole = tk.word_frequencies(allsides)
    summed = pd.concat([a, b]).groupby("term")["count"].sum()
    pd.testing.assert_series_equal(
        summed.sort_index(), whole.set_index("term")["count"].sort_index(), check_names=False
    )


def test_frame_matching_on_real_prose(war2022):
    lex = tk.load_lexicon("war_framing")
    scores = tk.frame_scores(war2022, lex)
    prev = tk.frame_prevalence(scores, by="source").set_index(["source", "frame"])["share"]
    # Western papers name the war as a war or an invasion, hardly ever as Moscow's
    # operation (most NYT texts here are cut short, so all its shares are lower)
    for paper in ("The Guardian", "The New York Times"):
        assert prev[(paper, "war")] > 0.3 and prev[(paper, "invasion")] > 0.3
        assert prev[(paper, "special_military_operation")] < 0.1
    # every counted match is really in the text, across real punctuation and line breaks
    lines = tk.frame_matches(war2022, lex, frames=["invasion", "negotiation"], n=200)
    text = war2022.set_index("doc_id")["text"]
    for row in lines.itertuples():
        assert text[row.doc_id][row.start : row.end] == row.match
    # and the sentence-level counts add up to the document-level ones
    sent = tk.frame_scores(war2022, lex, unit="sentence")
    doc_total = scores.groupby("frame", observed=True)["count"].sum()
    sent_total = sent.groupby("frame", observed=True)["count"].sum()
    assert (sent_total <= doc_total).all()  # a phrase may cross a sentence end in a document
    assert sent_total.sum() >= 0.98 * doc_total.sum()


def test_sentence_split_equals_nltk_punkt_on_real_prose(war2022, allsides):
    """The faster loop around Punkt's decisions changes no sentence boundary."""
    from tests.test_sentences import _reference_spans
    from toolkit.sentences import split_sentences

    texts = war2022["text"].tolist() + allsides["text"].sample(1500, random_state=1).tolist()
    differ = [t[:60] for t in texts if split_sentences(t) != _reference_spans(t)]
    assert differ == []


def test_token_offsets_equal_the_one_text_path_on_real_prose(war2022):
    import numpy as np

    from toolkit.tokenize import token_spans

    idx = tk.index_tokens(war2022)
    starts, ends = idx.char_spans()
    for d in range(0, idx.n_docs, 3):
        a, b = idx.offsets[d], idx.offsets[d + 1]
        assert np.array_equal(np.stack([starts[a:b], ends[a:b]], axis=1), token_spans(war2022["text"].iloc[d]))
