"""House-style variants: the bundled map, its checks, and the variant view of the index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import toolkit as tk
from toolkit.schema import CorpusError
from toolkit.tokenize import tokenize
from toolkit.variants import (
    FRAMING_GROUP,
    bundled_variants_path,
    load_variants,
    validate_variants,
    variant_stop_mask,
)


@pytest.fixture
def styles() -> pd.DataFrame:
    """Two outlets, two house styles (hand-written sentences)."""
    return pd.DataFrame(
        {
            "doc_id": ["g1", "g2", "n1", "n2"],
            "source": ["G", "G", "N", "N"],
            "text": [
                "Zelenskiy told the US and the UK that defence comes first. Kiev agreed.",
                "Zelenskiy's aides met EU officials in Kyiv. Zelenskyy spoke to us.",
                "Vladimir V. Putin said the U.S. and the E.U. were wrong about defense.",
                "Zelensky's office in Kyiv criticized the U.S. Zelensky spoke to us.",
            ],
        }
    )


def counts(freq: pd.DataFrame, by: str | None = None) -> dict:
    if by is None:
        return dict(zip(freq["term"], freq["count"], strict=True))
    return {(g, t): c for g, t, c in freq[[by, "term", "count"]].itertuples(index=False)}


# the bundled map ------------------------------------------------------------------


def test_bundled_map_has_the_documented_columns_and_groups():
    table = load_variants()
    assert table.columns.tolist() == ["variant", "canonical", "group", "note"]
    assert set(table["group"]) == {"abbreviation", "name", "spelling"}
    full = load_variants(include_framing=True)
    assert set(full["group"]) == {"abbreviation", "name", "spelling", FRAMING_GROUP}
    assert len(full) > len(table) and table["variant"].is_unique and full["variant"].is_unique
    assert bundled_variants_path().with_suffix(".md").is_file()  # the data card


def test_bundled_variants_are_what_the_tokeniser_produces():
    assert tokenize("U.S. and U.K. F.B.I.") == ["u.s.", "and", "u.k.", "f.b.i."]
    full = load_variants(include_framing=True)
    for col in ("variant", "canonical"):
        for spelling in full[col]:
            assert tokenize(spelling) == [spelling], spelling
    pairs = dict(zip(full["variant"], full["canonical"], strict=True))
    assert pairs["u.s."] == "us" and pairs["n.a.t.o."] == "nato" and pairs["zelenskiy"] == "zelensky"
    assert pairs["defence"] == "defense" and pairs["kiev"] == "kyiv"
    assert not set(full["canonical"]) & set(full["variant"])  # no chains


def test_groups_select_rows():
    names = load_variants(groups="name")
    assert set(names["group"]) == {"name"}
    assert set(load_variants(groups=["name", "framing"])["group"]) == {"name", "framing"}
    assert set(load_variants(groups=["name"], include_framing=True)["group"]) == {"name", "framing"}
    with pytest.raises(ValueError, match="unknown variant group"):
        load_variants(groups=["nope"])


def test_loaded_table_is_a_copy():
    table = load_variants()
    table.loc[0, "canonical"] = "changed"
    assert load_variants().loc[0, "canonical"] != "changed"


# counting ---------------------------------------------------------------------------


def test_counts_after_merging_are_the_sums_of_the_variants(styles):
    before = counts(tk.word_frequencies(styles, by="source"), "source")
    after_table = tk.word_frequencies(styles, by="source", variants=True)
    after = counts(after_table, "source")
    # hand-checked: G writes US (1) and the pronoun us (1); N writes U.S. (2) and us (1)
    assert before[("G", "us")] == 2 and before[("N", "u.s.")] == 2 and before[("N", "us")] == 1
    assert after[("G", "us")] == 2 and after[("N", "us")] == 3 and ("N", "u.s.") not in after
    assert after[("G", "zelensky")] == before[("G", "zelenskiy")] + before[("G", "zelenskyy")] == 2
    assert after[("G", "zelensky's")] == before[("G", "zelenskiy's")] == 1  # possessives follow
    assert after[("N", "zelensky")] == 1 and after[("N", "zelensky's")] == 1
    assert after[("G", "defense")] == 1 and after[("N", "defense")] == 1
    assert after[("G", "eu")] == 1 and after[("N", "eu")] == 1
    # totals and denominators do not change
    for g in ("G", "N"):
        assert sum(c for (gg, _), c in before.items() if gg == g) == sum(
            c for (gg, _), c in after.items() if gg == g
        )
    assert after_table.attrs["tokens"] == tk.word_frequencies(styles, by="source").attrs["tokens"]


def test_framing_variants_stay_apart_unless_asked(styles):
    default = counts(tk.word_frequencies(styles, variants=True))
    assert default["kiev"] == 1 and default["kyiv"] == 2
    framing = counts(tk.word_frequencies(styles, variants=load_variants(include_framing=True)))
    assert "kiev" not in framing and framing["kyiv"] == 3


def test_a_user_map_works_and_views_are_cached_by_content(styles):
    mine = pd.DataFrame({"variant": ["Kiev", "US"], "canonical": ["Kyiv", "America"]})
    got = counts(tk.word_frequencies(styles, variants=mine))
    assert got["kyiv"] == 3 and got["america"] == 3 and got["u.s."] == 2  # US and both pronouns; U.S. untouched
    idx = tk.index_tokens(styles)
    v1 = idx.view(variants=mine)
    assert idx.view(variants=mine.copy()) is v1  # same content: the same cached view
    assert idx.view(variants=mine.iloc[::-1]) is v1  # row order does not matter
    edited = mine.assign(canonical=["Kyiv", "USA"])
    assert idx.view(variants=edited) is not v1
    assert idx.view(variants=True) is idx.view(variants=True)


def test_a_map_file_can_be_edited(tmp_path, styles):
    path = tmp_path / "mine.csv"
    path.write_text("variant,canonical,group,note\nzelenskiy,zelenskyy,name,\n", encoding="utf-8")
    got = counts(tk.word_frequencies(styles, variants=load_variants(path)))
    assert got["zelenskyy"] == 2 and got["zelenskyy's"] == 1 and got["zelensky"] == 1 and got["zelensky's"] == 1
    assert counts(tk.word_frequencies(styles, variants=str(path))) == got


def test_no_variants_is_the_old_path(styles):
    idx = tk.index_tokens(styles)
    assert idx.view() is idx and idx.view(variants=None) is idx and idx.view(variants=False) is idx
    plain = tk.word_frequencies(styles, by="source")
    pd.testing.assert_frame_equal(plain, tk.word_frequencies(styles, by="source", variants=False))
    fresh = styles.copy()
    tk.word_frequencies(fresh, by="source", ngram=2, stem=True)
    assert tk.index_tokens(fresh).cache.variant_views == {}  # nothing built without variants


def test_ngrams_are_built_from_merged_words(styles):
    bigrams = counts(tk.word_frequencies(styles, ngram=2, variants=True))
    assert bigrams["the us"] == 3  # "the US" once, "the U.S." twice
    assert bigrams["zelensky spoke"] == 2
    assert "the u.s." not in bigrams
    idx = tk.index_tokens(styles)
    view = idx.view(ngram=2, variants=True)
    assert view.word_index is idx.view(variants=True)
    assert view.n_tokens == idx.view(ngram=2).n_tokens


def test_stems_compose_with_variants(styles):
    stems = counts(tk.word_frequencies(styles, stem=True, variants=True))
    # defence/defense merge before stemming
    assert stems["defens"] == 2
    assert stems["zelenski"] == 5  # zelenskiy x2, zelenskyy, zelensky, and the possessive forms
    view = tk.index_tokens(styles).view(stem=True, ngram=2, variants=True)
    assert view.is_stemmed and view.n == 2


def test_stop_words_keep_a_term_with_a_content_spelling(styles):
    stop = {"us", "the", "and", "to", "in", "that", "were", "about"}
    got = counts(tk.word_frequencies(styles, stopwords=stop, variants=True))
    assert got["us"] == 5  # 'u.s.' is no stop word, so the merged 'us' stays
    plain = counts(tk.word_frequencies(styles, stopwords=stop))
    assert "us" not in plain and plain["u.s."] == 2
    view = tk.index_tokens(styles).view(variants=True)
    mask = variant_stop_mask(view, stop)
    assert not mask[view.vocab_index.get_loc("us")] and mask[view.vocab_index.get_loc("the")]


def test_dispersion_takes_variants(styles):
    table = tk.dispersion(styles, ["zelensky", "us"], variants=True)
    assert dict(zip(table["term"], table["count"], strict=True)) == {"us": 5, "zelensky": 3}


def test_sentence_units_share_the_document_variant_ids(styles):
    doc = tk.index_tokens(styles).view(variants=True)
    sent = tk.index_tokens(styles, unit="sentence").view(variants=True)
    assert sent.unit == "sentence" and sent.ids is doc.ids and sent.vocab is doc.vocab
    assert sent.n_docs > doc.n_docs
    with pytest.raises(ValueError, match="sentence units"):
        doc.sentence_view()


def test_variants_apply_to_words_only(styles):
    idx = tk.index_tokens(styles)
    with pytest.raises(ValueError, match="word index"):
        idx.ngrams(2).variant_view(True)
    with pytest.raises(ValueError, match="word index"):
        idx.view(variants=True).variant_view(True)
    with pytest.raises(TypeError, match="variants must be"):
        idx.view(variants=3)


def test_variant_view_keeps_track_of_the_forms(styles):
    idx = tk.index_tokens(styles)
    view = idx.view(variants=True)
    forms = view.variant_forms[view.variant_of_form == view.vocab_index.get_loc("zelensky")]
    assert set(forms) == {"zelenskiy", "zelenskyy", "zelensky"}
    np.testing.assert_array_equal(view.offsets, idx.offsets)
    np.testing.assert_array_equal(view.vocab[view.ids], pd.Series(idx.vocab[idx.ids]).replace(
        dict(zip(view.variant_forms, view.vocab[view.variant_of_form], strict=True))).to_numpy())


# bad maps ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pd.DataFrame({"variant": ["a"]}), r"missing column\(s\) \['canonical'\]"),
        (pd.DataFrame({"variant": ["a", "b"], "canonical": ["b", "c"]}),
         r"row 0 maps 'a' to 'b', but row 1 maps 'b' to 'c' \(a chain\)"),
        (pd.DataFrame({"variant": ["kiev", "x", "kiev"], "canonical": ["kyiv", "y", "kyyiv"]}),
         r"row 2 maps 'kiev' to 'kyyiv', but row 0 maps it to 'kyiv'"),
        (pd.DataFrame({"variant": ["U.S.-led"], "canonical": ["us-led"]}), r"row 0: variant 'u.s.-led' is not one token"),
        (pd.DataFrame({"variant": ["a", None], "canonical": ["b", "c"]}), r"row 1 has an empty 'variant'"),
        (pd.DataFrame({"variant": ["a"], "canonical": ["special operation"]}), "not one token"),
    ],
)
def test_bad_maps_raise_naming_the_row(table, message, styles):
    with pytest.raises(CorpusError, match=message):
        validate_variants(table)
    with pytest.raises(CorpusError, match=message):
        tk.word_frequencies(styles, variants=table)


def test_bad_map_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("variant,canonical\nkiev,kyiv\nkyiv,kyyiv\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.csv: line 2 maps 'kiev' to 'kyiv', but line 3"):
        load_variants(path)
    with pytest.raises(FileNotFoundError):
        load_variants(tmp_path / "missing.csv")


def test_duplicates_and_identities_are_dropped():
    table = pd.DataFrame({"variant": ["a", "a", "b"], "canonical": ["c", "c", "b"]})
    assert validate_variants(table)[["variant", "canonical"]].values.tolist() == [["a", "c"]]


# initials -----------------------------------------------------------------------------


def test_an_initial_is_not_a_word():
    assert tokenize("Vladimir V. Putin") == ["vladimir", "v.", "putin"]
    assert tokenize("Dmitri S. Peskov said") == ["dmitri", "s.", "peskov", "said"]
    assert tokenize("troops left the U.S. The") == ["troops", "left", "the", "u.s.", "the"]
    assert tokenize("They flew to the U.S.") == ["they", "flew", "to", "the", "u.s."]
    assert tokenize("В. Путин") == ["в.", "путин"]


def test_initials_keep_offsets_and_sentences_consistent(styles):
    idx = tk.index_tokens(styles)
    starts, ends = idx.char_spans()
    d = 2
    toks = idx.vocab[idx.ids[idx.offsets[d] : idx.offsets[d + 1]]].tolist()
    text = styles["text"].iloc[d]
    spans = [text[s:e] for s, e in zip(starts[idx.offsets[d] : idx.offsets[d + 1]],
                                       ends[idx.offsets[d] : idx.offsets[d + 1]], strict=True)]
    assert [s.lower() for s in spans] == toks
    assert "V." in spans and "U.S." in spans and "E.U." in spans
    sents = tk.sentences(styles[styles["doc_id"] == "n1"])
    assert len(sents) == 1  # no sentence ends after the initial or after U.S.
