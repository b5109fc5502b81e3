"""Attribution layer: one test per construction of ``toolkit.quotes``, then the tables built on it.

Every sentence here is invented for the test (invented people, plus a few real official
names that are in the actor list).
"""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from toolkit import (
    baseline_quotes,
    evaluate_attributions,
    first_voices,
    quoted_spans,
    quotes,
    reporting_verbs,
    share_of_voice,
)
from toolkit.attribution import QUOTE_COLUMNS

# --- helpers -------------------------------------------------------------------------


def corpus(*texts: str, sources: list[str] | None = None) -> pd.DataFrame:
    ids = [f"d{i}" for i in range(len(texts))]
    return pd.DataFrame({"doc_id": ids, "source": sources or ["Wire"] * len(texts), "text": list(texts)})


def attributions(text: str) -> pd.DataFrame:
    """All rows (scare quotes included) for one article."""
    return quotes(corpus(text), progress=False)


def only(text: str) -> pd.Series:
    """The single attribution of one article (fails when there is not exactly one)."""
    q = attributions(text)
    assert len(q) == 1, q[["type", "cue", "speaker_mention", "content"]].values.tolist()
    return q.iloc[0]


def check(text: str, row: pd.Series, *, type: str, cue: str, lemma: str, mention: str,
          speaker: str, content: str) -> None:
    """The values of one row, and offsets that point at those values in ``text``."""
    got = {"type": row["type"], "cue": row["cue"], "cue_lemma": row["cue_lemma"],
           "speaker_mention": row["speaker_mention"], "speaker": row["speaker"], "content": row["content"]}
    want = {"type": type, "cue": cue, "cue_lemma": lemma, "speaker_mention": mention,
            "speaker": speaker, "content": content}
    assert got == want
    for part in ("cue", "speaker", "content"):
        value = row["speaker_mention"] if part == "speaker" else row[part]
        s, e = int(row[f"{part}_start"]), int(row[f"{part}_end"])
        if value == "":
            assert (s, e) == (-1, -1)
        else:
            assert text[s:e] == value


# --- 1-5: quotation marks --------------------------------------------------------------


def test_straight_double_quotes():
    t = '"We are ready for talks," Olena Bondar said.'
    check(t, only(t), type="direct", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="We are ready for talks")


def test_typographic_double_quotes():
    t = "“We are ready for talks,” Olena Bondar said."
    check(t, only(t), type="direct", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="We are ready for talks")


def test_single_typographic_quotes_with_apostrophes():
    t = "‘We don’t want Russia’s help,’ Olena Bondar said."
    check(t, only(t), type="direct", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="We don’t want Russia’s help")


def test_guillemets():
    t = "«We are ready for talks», Olena Bondar said."
    check(t, only(t), type="direct", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="We are ready for talks")


def test_low_high_quotes():
    t = "„We are ready for talks“, Olena Bondar said."
    check(t, only(t), type="direct", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="We are ready for talks")


# --- 6-7: long quotations --------------------------------------------------------------


def test_quote_spanning_two_sentences():
    t = "“We are ready for talks. We will not wait forever,” Olena Bondar said."
    check(t, only(t), type="direct", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="We are ready for talks. We will not wait forever")


def test_quote_spanning_paragraphs():
    t = ("Olena Bondar spoke at length on Monday.\n\n"
         "“We are ready for talks.\n\n"
         "“We will not wait forever,” Ms. Bondar said.")
    row = only(t)
    check(t, row, type="direct", cue="said", lemma="say", mention="Ms. Bondar", speaker="Olena Bondar",
          content="We are ready for talks.\n\n“We will not wait forever")
    assert row["content_start"] < t.index("\n\n“We will") < row["content_end"]


# --- 8-14: verb constructions ------------------------------------------------------------


def test_x_said_indirect():
    t = "Olena Bondar said talks were possible."
    check(t, only(t), type="indirect", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="talks were possible")


def test_said_x_inverted_after_quote():
    t = "“We are ready for talks,” said Dmitry Peskov."
    row = only(t)
    check(t, row, type="direct", cue="said", lemma="say", mention="Dmitry Peskov",
          speaker="Dmitry Peskov", content="We are ready for talks")
    assert row["speaker_group"] == "russian_officials"


def test_indirect_content_before_x_said():
    t = "Talks are possible, Olena Bondar said."
    check(t, only(t), type="indirect", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="Talks are possible")


def test_x_told_addressee():
    t = "Olena Bondar told reporters talks were possible."
    check(t, only(t), type="indirect", cue="told reporters", lemma="tell", mention="Olena Bondar",
          speaker="Olena Bondar", content="talks were possible")


def test_x_told_longer_addressee_with_colon_quote():
    t = "Dmitry Peskov told the Interfax news agency: “We are ready.”"
    check(t, only(t), type="direct", cue="told the Interfax news agency", lemma="tell",
          mention="Dmitry Peskov", speaker="Dmitry Peskov", content="We are ready")


def test_said_that_content_without_that():
    t = "Olena Bondar said that talks were possible."
    check(t, only(t), type="indirect", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="talks were possible")


def test_according_to_first():
    t = "According to Olena Bondar, talks are possible."
    check(t, only(t), type="according_to", cue="According to", lemma="according to",
          mention="Olena Bondar", speaker="Olena Bondar", content="talks are possible")


def test_according_to_last():
    t = "Talks are possible, according to Olena Bondar."
    check(t, only(t), type="according_to", cue="according to", lemma="according to",
          mention="Olena Bondar", speaker="Olena Bondar", content="Talks are possible")


def test_said_in_a_statement():
    t = "Olena Bondar said in a statement that talks were possible."
    check(t, only(t), type="indirect", cue="said in a statement", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="talks were possible")


def test_colon_introduced_quote():
    t = "Olena Bondar said: “We are ready for talks.”"
    check(t, only(t), type="direct", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="We are ready for talks")


# --- 16-20: speakers -----------------------------------------------------------------------


def test_apposition_name_then_role():
    t = "Dmitry Peskov, the Kremlin spokesman, said talks were possible."
    row = only(t)
    check(t, row, type="indirect", cue="said", lemma="say", mention="Dmitry Peskov",
          speaker="Dmitry Peskov", content="talks were possible")
    assert row["speaker_group"] == "russian_officials"


def test_apposition_role_then_name():
    t = "The spokesman, Dmitry Peskov, said talks were possible."
    check(t, only(t), type="indirect", cue="said", lemma="say", mention="Dmitry Peskov",
          speaker="Dmitry Peskov", content="talks were possible")


def test_title_role_speaker_kremlin_spokesman():
    t = "The Kremlin's spokesman said talks were possible."
    row = only(t)
    check(t, row, type="indirect", cue="said", lemma="say", mention="The Kremlin's spokesman",
          speaker="", content="talks were possible")
    assert row["speaker_group"] == "russian_officials"
    assert row["speaker_side"] == "russia"


def test_title_role_speaker_anonymous_us_official():
    t = "A senior US defence official said talks were possible."
    row = only(t)
    check(t, row, type="indirect", cue="said", lemma="say", mention="A senior US defence official",
          speaker="", content="talks were possible")
    assert row["speaker_group"] == "western_officials"
    assert bool(row["anonymous"]) is True


def test_organisation_speaker_the_ministry():
    t = "The ministry said talks were possible."
    check(t, only(t), type="indirect", cue="said", lemma="say", mention="The ministry",
          speaker="", content="talks were possible")


def test_organisation_speaker_russias_defence_ministry():
    t = "Russia's defence ministry said talks were possible."
    row = only(t)
    check(t, row, type="indirect", cue="said", lemma="say", mention="Russia's defence ministry",
          speaker="", content="talks were possible")
    assert row["speaker_group"] == "russian_officials"


def test_organisation_speaker_the_ministry_after_named_ministry():
    t = "Russia's defence ministry issued new figures. The ministry said talks were possible."
    row = only(t)
    check(t, row, type="indirect", cue="said", lemma="say", mention="The ministry",
          speaker="", content="talks were possible")
    assert row["speaker_group"] == "russian_officials"


def test_anonymous_officials():
    t = "Officials said the meeting was postponed."
    row = only(t)
    check(t, row, type="indirect", cue="said", lemma="say", mention="Officials",
          speaker="", content="the meeting was postponed")
    assert bool(row["anonymous"]) is True
    assert row["speaker_group"] == "anonymous"


def test_anonymous_source_familiar_with_talks():
    t = "A source familiar with the talks said the meeting was postponed."
    row = only(t)
    check(t, row, type="indirect", cue="said", lemma="say", mention="A source familiar with the talks",
          speaker="", content="the meeting was postponed")
    assert bool(row["anonymous"]) is True
    assert row["speaker_group"] == "anonymous"


def test_pronoun_resolved_to_earlier_named_person():
    t = "Maria Zakharova spoke on Monday. She said talks were possible."
    row = only(t)
    check(t, row, type="indirect", cue="said", lemma="say", mention="She",
          speaker="Maria Zakharova", content="talks were possible")
    assert row["speaker_group"] == "russian_officials"


def test_pronoun_resolved_across_paragraph_quote():
    t = ("Olena Bondar spoke at length on Monday.\n\n"
         "“We are ready for talks.\n\n"
         "“We will not wait forever,” she said.")
    check(t, only(t), type="direct", cue="said", lemma="say", mention="she", speaker="Olena Bondar",
          content="We are ready for talks.\n\n“We will not wait forever")


@pytest.mark.parametrize(("text", "pronoun", "speaker"), [
    ("Dmitry Peskov arrived first. Maria Zakharova arrived later. He said talks were possible.",
     "He", "Dmitry Peskov"),
    ("Maria Zakharova arrived first. Dmitry Peskov arrived later. She said talks were possible.",
     "She", "Maria Zakharova"),
])
def test_pronoun_skips_incompatible_gender_from_actor_list(text, pronoun, speaker):
    check(text, only(text), type="indirect", cue="said", lemma="say", mention=pronoun,
          speaker=speaker, content="talks were possible")


def test_pronoun_she_skips_male_name():
    t = "Ms. Anna Koval arrived first. Mr. Petro Hrytsenko arrived later. She said talks were possible."
    check(t, only(t), type="indirect", cue="said", lemma="say", mention="She",
          speaker="Anna Koval", content="talks were possible")


def test_pronoun_he_skips_female_name():
    t = "Mr. Petro Hrytsenko arrived first. Ms. Anna Koval arrived later. He said talks were possible."
    check(t, only(t), type="indirect", cue="said", lemma="say", mention="He",
          speaker="Petro Hrytsenko", content="talks were possible")


def test_surname_resolved_to_earlier_full_name():
    t = "Dmitry Peskov spoke on Monday. Mr. Peskov said talks were possible."
    check(t, only(t), type="indirect", cue="said", lemma="say", mention="Mr. Peskov",
          speaker="Dmitry Peskov", content="talks were possible")


def test_full_name_not_replaced_by_actor_with_same_surname():
    t = "Olena Marchenko said talks were possible."
    check(t, only(t), type="indirect", cue="said", lemma="say", mention="Olena Marchenko",
          speaker="Olena Marchenko", content="talks were possible")


# --- 21-22: scare quotes and mixed ------------------------------------------------------------


def test_scare_quote_without_speaker():
    t = "The “special operation” entered its third week."
    row = only(t)
    check(t, row, type="scare_quote", cue="", lemma="", mention="", speaker="",
          content="special operation")


def test_scare_quote_before_non_reporting_continue():
    t = "The so-called “special operation” continued for a third week."
    check(t, only(t), type="scare_quote", cue="", lemma="", mention="", speaker="",
          content="special operation")


def test_short_quote_inside_attribution_is_not_scare_quote():
    t = "Dmitry Peskov said the “special operation” would continue."
    row = only(t)  # no separate scare_quote row
    check(t, row, type="mixed", cue="said", lemma="say", mention="Dmitry Peskov",
          speaker="Dmitry Peskov", content="the “special operation” would continue")
    assert row["quoted_words"] == 2


def test_mixed_partial_quotation():
    t = "Dmitry Peskov said the goals “may be achieved” through talks."
    row = only(t)
    check(t, row, type="mixed", cue="said", lemma="say", mention="Dmitry Peskov",
          speaker="Dmitry Peskov", content="the goals “may be achieved” through talks")
    assert row["quoted_words"] == 3


# --- 23-26: cues ------------------------------------------------------------------------------


@pytest.mark.parametrize(("verb", "lemma", "category"), [
    ("claimed", "claim", "distancing"),
    ("admitted", "admit", "endorsing"),
    ("denied", "deny", "conflictual"),
    ("suggested", "suggest", "tentative"),
])
def test_reporting_verb_categories(verb, lemma, category):
    t = f"Olena Bondar {verb} talks were possible."
    row = only(t)
    check(t, row, type="indirect", cue=verb, lemma=lemma, mention="Olena Bondar",
          speaker="Olena Bondar", content="talks were possible")
    assert row["cue_category"] == category


def test_reporting_verb_inside_quotation_is_not_a_cue():
    t = "“Nobody said it would be easy,” Olena Bondar said."
    row = only(t)
    check(t, row, type="direct", cue="said", lemma="say", mention="Olena Bondar",
          speaker="Olena Bondar", content="Nobody said it would be easy")
    assert row["cue_start"] == t.rindex("said")


def test_is_said_to_be_is_not_an_attribution():
    assert attributions("The plant is said to be the largest in Europe.").empty


def test_claim_as_noun_is_not_a_cue():
    assert attributions("Its false claim that the plant was safe was quickly disproved.").empty


# --- 28-29 -------------------------------------------------------------------------------------


def test_interrupted_quote_is_one_attribution():
    t = "Dmitry Peskov arrived in Minsk. “We are ready,” he said. “But we will not wait.”"
    row = only(t)
    start, end = t.index("We are ready"), t.index("wait.”") + len("wait")
    check(t, row, type="direct", cue="said", lemma="say", mention="he", speaker="Dmitry Peskov",
          content=t[start:end])
    assert row["content_start"] == start and row["content_end"] == end


def test_interrupted_quote_continued_after_comma():
    t = "Dmitry Peskov arrived in Minsk. “We are ready,” he said, “but we will not wait.”"
    row = only(t)
    start, end = t.index("We are ready"), t.index("wait.”") + len("wait")
    check(t, row, type="direct", cue="said", lemma="say", mention="he", speaker="Dmitry Peskov",
          content=t[start:end])


def test_participle_adding_takes_sentence_subject():
    t = "Olena Bondar visited Kharkiv on Tuesday, adding that a meeting could happen soon."
    check(t, only(t), type="indirect", cue="adding", lemma="add", mention="Olena Bondar",
          speaker="Olena Bondar", content="a meeting could happen soon")


# --- table shape and quoted_spans ---------------------------------------------------------------


def test_quotes_columns_and_metadata():
    c = corpus("“We are ready,” Olena Bondar said.", "Nothing was said to anyone here, reportedly.")
    c["date"] = pd.to_datetime(["2022-03-01", "2022-03-02"])
    q = quotes(c, progress=False)
    assert tuple(q.columns) == QUOTE_COLUMNS
    assert q["doc_id"].tolist()[0] == "d0" and q["source"].tolist()[0] == "Wire"
    assert q["date"].iloc[0] == pd.Timestamp("2022-03-01")


def test_quoted_spans_direct_and_mixed_only():
    t = ("“We are ready,” Olena Bondar said. Dmitry Peskov said the goals “may be achieved” through talks. "
         "The “special operation” entered its third week. Officials said the meeting was postponed.")
    spans = quoted_spans(corpus(t))
    got = [t[s:e] for s, e in zip(spans["start"], spans["end"], strict=True)]
    assert got == ["We are ready", "may be achieved"]
    assert spans["speaker"].tolist() == ["Olena Bondar", "Dmitry Peskov"]
    with_scare = quoted_spans(corpus(t), types=("direct", "mixed", "scare_quote"))
    assert "special operation" in [t[s:e] for s, e in zip(with_scare["start"], with_scare["end"], strict=True)]


# --- aggregate tables ------------------------------------------------------------------------


THREE = corpus(
    # d0 (Gazette): Russian official 5 quoted words, anonymous 0 quoted words
    "“We are ready for talks,” Dmitry Peskov said. Officials said the meeting was postponed.",
    # d1 (Gazette): Russian official, 3 quoted words
    "Dmitry Peskov said the goals “may be achieved” through talks.",
    # d2 (Post): western official, 2 quoted words; scare quote left out
    "“Talks matter,” a senior US defence official said. The “special operation” entered its third week.",
    sources=["Gazette", "Gazette", "Post"],
)


@pytest.fixture(scope="module")
def three_table() -> pd.DataFrame:
    return quotes(THREE, progress=False)


def test_three_article_table_is_as_expected(three_table):
    q = three_table
    assert q[["doc_id", "type", "speaker_group", "quoted_words"]].values.tolist() == [
        ["d0", "direct", "russian_officials", 5],
        ["d0", "indirect", "anonymous", 0],
        ["d1", "mixed", "russian_officials", 3],
        ["d2", "direct", "western_officials", 2],
        ["d2", "scare_quote", "", 2],
    ]


def test_share_of_voice_attributions(three_table):
    s = share_of_voice(three_table, n_boot=0).set_index(["source", "speaker_group"])["share"]
    # Gazette: 3 attributions, 2 Russian officials, 1 anonymous; Post: 1 western (scare quote dropped)
    assert s[("Gazette", "russian_officials")] == pytest.approx(2 / 3)
    assert s[("Gazette", "anonymous")] == pytest.approx(1 / 3)
    assert s[("Post", "western_officials")] == pytest.approx(1.0)


def test_share_of_voice_quoted_words(three_table):
    s = share_of_voice(three_table, measure="quoted_words", n_boot=0).set_index(["source", "speaker_group"])
    # Gazette: 5 + 3 quoted words by Russian officials, 0 by the anonymous officials
    assert s.loc[("Gazette", "russian_officials"), "share"] == pytest.approx(1.0)
    assert s.loc[("Gazette", "russian_officials"), "n"] == 8
    assert s.loc[("Post", "western_officials"), "share"] == pytest.approx(1.0)
    assert set(s["measure"]) == {"quoted_words"}


def test_first_voices(three_table):
    f = first_voices(three_table)
    assert f[["doc_id", "source", "speaker_group", "speaker"]].values.tolist() == [
        ["d0", "Gazette", "russian_officials", "Dmitry Peskov"],
        ["d1", "Gazette", "russian_officials", "Dmitry Peskov"],
        ["d2", "Post", "western_officials", ""],
    ]


def test_reporting_verbs_shares_add_to_one_and_intervals_contain_share(three_table):
    r = reporting_verbs(three_table, n_boot=0)
    assert r.groupby("source")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    gaz = r[(r["source"] == "Gazette") & (r["cue_category"] == "neutral")]
    assert gaz["share"].item() == pytest.approx(1.0)
    lemmas = reporting_verbs(three_table, value="cue_lemma", n_boot=0)
    assert lemmas.groupby("source")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    boot = reporting_verbs(three_table, n_boot=50, seed=1)
    assert ((boot["ci_low"] <= boot["share"] + 1e-12) & (boot["share"] <= boot["ci_high"] + 1e-12)).all()


def test_reporting_verbs_mixed_categories():
    c = corpus("Olena Bondar claimed talks were possible. Olena Bondar denied it was over.",
               "Olena Bondar said talks were possible.", sources=["A", "A"])
    r = reporting_verbs(quotes(c, progress=False), n_boot=200, seed=0).set_index("cue_category")
    assert r.loc[["neutral", "distancing", "conflictual"], "share"].tolist() == pytest.approx([1 / 3] * 3)
    assert r["share"].sum() == pytest.approx(1.0)
    assert ((r["ci_low"] <= r["share"] + 1e-12) & (r["share"] <= r["ci_high"] + 1e-12)).all()


def test_evaluate_attributions_hand_computed():
    text = "Olena Bondar said talks were possible. Taras Hlib said the road was open."
    c = corpus(text)
    def gold_row(cue_at, sp, content):
        cs = text.index("said", cue_at)
        return {"doc_id": "d0", "type": "indirect", "cue_start": cs, "cue_end": cs + 4,
                "speaker_start": text.index(sp), "speaker_end": text.index(sp) + len(sp),
                "ref_start": -1, "ref_end": -1,
                "content_start": text.index(content), "content_end": text.index(content) + len(content)}
    gold = pd.DataFrame([gold_row(0, "Olena Bondar", "talks were possible"),
                         gold_row(40, "Taras Hlib", "the road was open")])
    # predictions: the first attribution right, plus one spurious cue on "talks"
    pred = pd.DataFrame([{**gold_row(0, "Olena Bondar", "talks were possible"),
                          "speaker": "Olena Bondar", "speaker_mention": "Olena Bondar"},
                         {"doc_id": "d0", "type": "indirect", "cue_start": 18, "cue_end": 23,
                          "speaker_start": -1, "speaker_end": -1, "ref_start": -1, "ref_end": -1,
                          "content_start": 24, "content_end": 37, "speaker": "", "speaker_mention": ""}])
    e = evaluate_attributions(pred, gold, c, n_boot=0).set_index(["measure", "type"])["value"]
    # 1 match; precision 1/2, recall 1/2, F1 1/2; the matched speaker and content are exact
    assert e[("cue_precision", "all")] == pytest.approx(0.5)
    assert e[("cue_recall", "all")] == pytest.approx(0.5)
    assert e[("cue_f1", "all")] == pytest.approx(0.5)
    assert e[("speaker_exact", "all")] == pytest.approx(1.0)
    assert e[("content_f1", "all")] == pytest.approx(1.0)
    assert e[("type_accuracy", "all")] == pytest.approx(1.0)


def test_evaluate_attributions_precision_recall_differ():
    text = "Olena Bondar said talks were possible. Taras Hlib said the road was open. Ivan Oss said so."
    c = corpus(text)
    cues = [i for i in range(len(text)) if text.startswith("said", i)]
    def row(cs):
        return {"doc_id": "d0", "type": "indirect", "cue_start": cs, "cue_end": cs + 4,
                "speaker_start": -1, "speaker_end": -1, "ref_start": -1, "ref_end": -1,
                "content_start": cs + 5, "content_end": cs + 10, "speaker": "", "speaker_mention": ""}
    gold = pd.DataFrame([row(cs) for cs in cues])          # 3 gold
    pred = pd.DataFrame([row(cues[0]), row(cues[2])])      # 2 predicted, both right
    e = evaluate_attributions(pred, gold, c, n_boot=0).set_index(["measure", "type"])["value"]
    assert e[("cue_precision", "all")] == pytest.approx(1.0)
    assert e[("cue_recall", "all")] == pytest.approx(2 / 3)
    assert e[("cue_f1", "all")] == pytest.approx(0.8)  # 2 * 1 * 2/3 / (1 + 2/3)


def test_baseline_quotes():
    t = "“We are ready,” Olena Bondar said. The talks failed, Dmitry Peskov said on Monday."
    b = baseline_quotes(corpus(t))
    assert b["type"].tolist() == ["direct", "indirect"]
    assert b["speaker"].tolist() == ["Olena Bondar", "Dmitry Peskov"]
    assert [t[s:e] for s, e in zip(b["cue_start"], b["cue_end"], strict=True)] == ["said", "said"]
    # the baseline takes the quotation's inner span as it is (the comma inside the marks stays)
    assert t[b["content_start"][0]:b["content_end"][0]].rstrip(",") == "We are ready"


def test_exports():
    assert toolkit.quotes is quotes and toolkit.baseline_quotes is baseline_quotes


def test_bad_word_lists_name_file_entry_and_field(tmp_path):
    from toolkit.actors import load_actors
    from toolkit.reporting import load_reporting_verbs

    bad = tmp_path / "actors.yml"
    bad.write_text("name: x\ngroups: {experts: {}}\nactors:\n  - {name: A B, group: experts}\n"
                   "  - {group: experts}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"actors\.yml: actors entry 2: field 'name'"):
        load_actors(bad)
    bad.write_text("name: x\ngroups: {experts: {}}\nactors:\n  - {name: A B, group: spies}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"entry 1 \('A B'\): field 'group' is 'spies'"):
        load_actors(bad)
    verbs = tmp_path / "verbs.yml"
    verbs.write_text("categories: {neutral: {}}\nverbs:\n  say: {category: neutral}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"verbs\.yml: verbs\.say: field 'forms' is empty"):
        load_reporting_verbs(verbs)


def test_hostile_texts_finish_quickly_and_lose_nothing():
    import time

    texts = ["", '"' * 5000, "“" + "word " * 20000, 'He said "' * 2000, "said " * 3000]
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "source": "s", "text": texts})
    t0 = time.perf_counter()
    q = toolkit.quotes(corpus)
    assert time.perf_counter() - t0 < 20
    assert set(q["doc_id"]) <= set(corpus["doc_id"])
    for r in q.itertuples():  # every span is inside its text
        text = texts[int(r.doc_id[1:])]
        assert 0 <= r.content_start <= r.content_end <= len(text)


def test_empty_corpus_gives_empty_table_with_all_columns():
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype="str"), "source": pd.Series([], dtype="str"),
                          "text": pd.Series([], dtype="str")})
    q = toolkit.quotes(empty)
    assert len(q) == 0 and list(q.columns) == list(QUOTE_COLUMNS)
