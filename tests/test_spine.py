"""The shared parts every analysis stands on: one index, one KWIC builder, one rule each
for periods, rates and missing columns, and the glossary's parameter names."""

import dataclasses
import warnings

import numpy as np
import pandas as pd
import pytest

import toolkit as tk
from toolkit.index import IndexCache, TokenIndex, VocabCache, index_tokens
from toolkit.kwic import kwic_lines
from toolkit.periods import period_start
from toolkit.rates import RATE_BASE, per_10k
from toolkit.schema import CorpusError
from toolkit.scoring import lexicon_scores
from toolkit.tokenize import tokenize


@pytest.fixture(scope="module")
def demo():
    return tk.load_demo()


def corpus(texts, sources=None, dates=None):
    n = len(texts)
    df = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "source": sources or ["A"] * n,
        "title": [""] * n,
        "text": texts,
    })
    if dates is not None:
        df.insert(2, "date", dates)
    return df


# ------------------------------------------------------------------ the token index


def test_index_has_explicit_documented_fields_and_no_grab_bag():
    names = {f.name for f in dataclasses.fields(TokenIndex)}
    assert "_views" not in names
    assert {"cache", "vocab_cache", "texts", "word_index", "stem_forms", "unit"} <= names
    for cls in (TokenIndex, IndexCache, VocabCache):
        for f in dataclasses.fields(cls):
            assert f.name in cls.__doc__, f"{cls.__name__}.{f.name} is not documented"


def test_caches_of_views_do_not_overwrite_each_other(demo):
    idx = index_tokens(demo)
    words = tk.word_frequencies(demo, by="source")
    stems = tk.word_frequencies(demo, by="source", stem=True)
    bigrams = tk.word_frequencies(demo, by="source", ngram=2)
    # each view keeps its own group counts and vocabulary tables
    assert idx.cache.group_counts and idx.stemmed().cache.group_counts
    assert idx.stemmed().vocab_cache is not idx.vocab_cache
    assert idx.ngrams(2).word_index is idx
    assert tk.word_frequencies(demo, by="source").equals(words)
    assert tk.word_frequencies(demo, by="source", stem=True).equals(stems)
    assert tk.word_frequencies(demo, by="source", ngram=2).equals(bigrams)


def test_char_spans_cut_exactly_the_indexed_tokens(demo):
    idx = index_tokens(demo)
    starts, ends = idx.char_spans()
    assert starts.dtype == np.int32 and len(starts) == idx.n_tokens
    texts = demo["text"].tolist()
    for d in range(0, idx.n_docs, 7):
        a, b = idx.offsets[d], idx.offsets[d + 1]
        cut = [texts[d][s:e] for s, e in zip(starts[a:b], ends[a:b], strict=True)]
        assert [w.lower().replace("\u2019", "'") for w in cut] == list(idx.vocab[idx.ids[a:b]])


def test_counts_are_keyed_by_term_and_add_up_across_parts(demo):
    a, b = demo.iloc[:40].reset_index(drop=True), demo.iloc[40:].reset_index(drop=True)
    ca, cb = index_tokens(a).term_counts(), index_tokens(b).term_counts()
    whole = index_tokens(demo).term_counts()
    assert ca.add(cb, fill_value=0).astype(np.int64).sort_index().equals(whole.sort_index())
    # and so do the frequency tables (term -> count, docs), per group too
    for by in (None, "source"):
        keys = ["term"] + ([by] if by else [])
        fa = tk.word_frequencies(a, by=by).set_index(keys)[["count", "docs"]]
        fb = tk.word_frequencies(b, by=by).set_index(keys)[["count", "docs"]]
        fw = tk.word_frequencies(demo, by=by).set_index(keys)[["count", "docs"]]
        summed = fa.add(fb, fill_value=0).astype(np.int64)
        assert summed.sort_index().equals(fw.sort_index())


def test_sentence_view_shares_tokens_and_matches_sentence_texts(demo):
    doc = index_tokens(demo)
    sent = index_tokens(demo, unit="sentence")
    assert sent.unit == "sentence" and sent.ids is doc.ids and sent.n_tokens == doc.n_tokens
    table = tk.sentences(demo)
    assert len(table) == sent.n_docs
    # the tokens of each sentence unit are the tokens of the sentence's own text
    for i in range(0, len(table), 53):
        a, b = sent.offsets[i], sent.offsets[i + 1]
        assert list(sent.vocab[sent.ids[a:b]]) == tokenize(table["text"].iloc[i])
    text = demo.set_index("doc_id")["text"]
    row = table.iloc[10]
    assert text[row["doc_id"]][row["start"]:row["end"]] == row["text"]


def test_sentences_rejects_a_plain_string():
    with pytest.raises(TypeError, match="corpus DataFrame.*split_sentences"):
        tk.sentences("Troops withdrew. Talks resumed.")


# ------------------------------------------------------------------------- KWIC


def test_one_kwic_builder_behind_concordance_frame_matches_and_spans(demo):
    conc = tk.concordance(demo, "goodwill gesture", window=5)
    lex = tk.load_lexicon({"name": "t", "frames": {"gw": {"patterns": ["goodwill gesture"]}}})
    fm = tk.frame_matches(demo, lex, window=5)
    cols = ["doc_id", "left", "match", "right", "start", "end"]
    assert conc[cols].reset_index(drop=True).equals(fm[cols].reset_index(drop=True))
    spans = conc[["doc_id", "start", "end"]]
    lines = kwic_lines(demo, spans, window=5)
    assert lines[["left", "match", "right"]].equals(conc[["left", "match", "right"]].reset_index(drop=True))


def test_kwic_lines_by_hand():
    c = corpus(["Troops were pulled back from the city, officials said."])
    out = kwic_lines(c, pd.DataFrame({"doc_id": ["d0"], "start": [12], "end": [23], "note": ["x"]}), window=2)
    assert out.loc[0, ["left", "match", "right", "note"]].tolist() == ["Troops were ", "pulled back", " from the", "x"]
    with pytest.raises(CorpusError, match="doc_id"):
        kwic_lines(c, pd.DataFrame({"doc_id": ["nope"], "start": [0], "end": [1]}))


def test_regex_concordance_stops_a_runaway_pattern(monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules["toolkit.safe_regex"], "REGEX_TIMEOUT", 0.05)
    c = corpus(["a" * 40 + "!"])
    with pytest.raises(ValueError, match="took more than .* on document 'd0'"):
        tk.concordance(c, r"(a|aa)+$", regex=True)
    with pytest.raises(ValueError, match="invalid regular expression"):
        tk.concordance(c, r"(unclosed", regex=True)


# ------------------------------------------------------------ periods and rates


def test_one_period_rule_for_trends_and_prevalence():
    dates = pd.Series(pd.to_datetime(["2022-03-01 01:00+03:00", "2022-02-15 12:00+03:00"]))
    c = corpus(["talks resumed", "talks stalled"], dates=dates)
    assert str(c["date"].dtype).startswith("datetime64[ns, UTC+03:00]") or c["date"].dt.tz is not None
    trends = tk.term_trends(c, ["talks"], by=None, freq="M")
    by_month = trends.set_index("period")["count"]
    assert by_month[pd.Timestamp("2022-03-01")] == 1 and by_month[pd.Timestamp("2022-02-01")] == 1
    lex = tk.load_lexicon({"name": "t", "frames": {"talks": {"patterns": ["talks"]}}})
    prev = tk.frame_prevalence(tk.frame_scores(c, lex), by=None, freq="M")
    assert prev.set_index("period")["n_units"].to_dict() == {
        pd.Timestamp("2022-02-01"): 1, pd.Timestamp("2022-03-01"): 1
    }
    assert period_start(dates, "M").tolist() == [pd.Timestamp("2022-03-01"), pd.Timestamp("2022-02-01")]


def test_every_rate_is_per_10k(demo):
    assert RATE_BASE == 10_000
    assert per_10k([5], [2_000]).tolist() == [25.0]
    freq = tk.word_frequencies(demo, by="source")
    tokens = freq.attrs["tokens"]
    row = freq.iloc[0]
    assert row["per_10k"] == pytest.approx(row["count"] / tokens[row["source"]] * 10_000)
    prev = tk.frame_prevalence(tk.frame_scores(demo, "war_framing"), by="source")
    assert "per_10k" in prev.columns and "per_1k" not in prev.columns
    r = prev.iloc[0]
    assert r["per_10k"] == pytest.approx(r["count"] / r["tokens"] * 10_000)


# ----------------------------------------------------- one error type for columns


@pytest.mark.parametrize(
    "call",
    [
        lambda c: tk.word_frequencies(c, by="outlet"),
        lambda c: tk.term_trends(c.drop(columns="date"), ["talks"]),
        lambda c: tk.keyness(c, "X", by="outlet"),
        lambda c: tk.frame_scores(c, "war_framing", meta="nope"),
        lambda c: tk.frame_prevalence(c),
        lambda c: tk.frame_shares(c, group="war_name"),
        lambda c: tk.dominant_frame(c, group="war_name"),
        lambda c: tk.collocates(c, "talks", by="outlet"),
        lambda c: tk.term_matrix(c, ["talks"], by="outlet"),
    ],
)
def test_missing_columns_are_one_short_corpus_error(demo, call):
    with pytest.raises(CorpusError) as err:
        call(demo)
    assert isinstance(err.value, ValueError)
    assert len(str(err.value)) < 400


@pytest.mark.parametrize("name", ["frame_prevalence", "frame_shares", "dominant_frame", "frame_table"])
def test_a_corpus_handed_to_a_table_function_says_so(demo, name):
    with pytest.raises(CorpusError, match=f"{name} expects the table returned by frame_scores.*given a corpus"):
        getattr(tk, name)(demo)
    with pytest.raises(CorpusError, match="given a corpus"):
        tk.validate_frames(demo, tk.load_annotations(), {"x": ("y", 1)})


# ------------------------------------------------------------------ the glossary


def test_old_spellings_work_with_a_deprecation_warning(demo):
    new = tk.term_trends(demo, ["talks"], by="source", freq="M")
    with pytest.warns(DeprecationWarning, match="by=.*by keyword"):
        old = tk.term_trends(demo, ["talks"], "source", "M")
    assert old.equals(new)
    with pytest.warns(DeprecationWarning, match="terms= is now called patterns="):
        assert tk.term_trends(demo, terms=["talks"], by="source", freq="M").equals(new)
    with pytest.warns(DeprecationWarning, match="query= is now called pattern="):
        tk.concordance(demo, query="talks", n=1)
    with pytest.warns(DeprecationWarning, match="by=.*by keyword"):
        assert tk.word_frequencies(demo, "source").equals(tk.word_frequencies(demo, by="source"))
    with pytest.warns(DeprecationWarning, match="unit=.*by keyword"):
        tk.frame_scores(demo, "war_framing", "sentence")


def test_by_is_keyword_only_everywhere():
    import inspect

    import toolkit.plots as plots

    funcs = [getattr(tk, n) for n in tk.__all__] + [getattr(plots, n) for n in plots.__all__]
    for f in funcs:
        if not callable(f) or isinstance(f, type):
            continue
        sig = inspect.signature(f)
        if "by" in sig.parameters:
            assert sig.parameters["by"].kind is inspect.Parameter.KEYWORD_ONLY, f.__name__
        assert "terms" not in sig.parameters or f.__name__ == "dispersion", f.__name__


def test_glossary_names_every_public_parameter():
    import inspect
    from pathlib import Path

    import toolkit.plots as plots

    text = (Path(__file__).resolve().parents[1] / "docs" / "glossary.md").read_text()
    funcs = [getattr(tk, n) for n in tk.__all__] + [getattr(plots, n) for n in plots.__all__]
    missing = set()
    for f in funcs:
        if callable(f) and not isinstance(f, type):
            for name in inspect.signature(f).parameters:
                if f"`{name}`" not in text:
                    missing.add(f"{f.__name__}({name})")
    assert not missing, f"parameters not in docs/glossary.md: {sorted(missing)}"


# ------------------------------------------------------------------ the scorer


def test_lexicon_scores_by_hand():
    c = corpus(["A good day. A good, good result.", "A bad day, not good."])
    lex = pd.DataFrame({"pattern": ["good", "bad", "good result"],
                        "category": ["pos", "neg", "pos"], "weight": [1.0, -2.0, 0.5]})
    out = lexicon_scores(c, lex).set_index(["doc_id", "category"])
    assert out.loc[("d0", "pos"), "count"] == 4 and out.loc[("d0", "pos"), "score"] == 3.5
    assert out.loc[("d1", "neg"), "score"] == -2.0 and out.loc[("d1", "pos"), "count"] == 1
    sent = lexicon_scores(c, lex, unit="sentence")
    assert sent[sent["category"] == "pos"]["count"].tolist() == [1, 3, 1]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(CorpusError, match="pattern"):
            lexicon_scores(c, pd.DataFrame({"word": ["x"]}))


def test_offsets_are_computed_only_for_the_documents_needed():
    c = corpus(["talks resumed today", "no match here", "talks, talks and talks"])
    idx = index_tokens(c)
    tk.concordance(c, "talks")
    store = idx.cache.char_spans
    assert store.ptr.tolist()[1] == -1 and (store.ptr[[0, 2]] >= 0).all()
    assert len(store.starts) == idx.doc_lengths[[0, 2]].sum()
    s, e = idx.token_offsets(np.array([idx.offsets[2] + 1]))
    assert c["text"][2][s[0]:e[0]] == "talks"
    starts, ends = idx.char_spans()  # everything, aligned with the token ids
    assert [c["text"][1][a:b] for a, b in zip(starts[3:6], ends[3:6], strict=True)] == ["no", "match", "here"]


def test_offsets_of_texts_whose_lowercase_changes_length():
    # "İ" lowercases to two characters: such texts take the one-text path
    c = corpus(["İSTANBUL talks began. İzmir’s mayor spoke.", "Plain talks."])
    idx = index_tokens(c)
    starts, ends = idx.char_spans()
    text = c["text"][0]
    got = [text[a:b] for a, b in zip(starts[: idx.offsets[1]], ends[: idx.offsets[1]], strict=True)]
    assert got == ["İSTANBUL", "talks", "began", "İzmir’s", "mayor", "spoke"]
    assert tk.concordance(c, "talks", window=1)["left"].tolist() == ["İSTANBUL ", "Plain "]
