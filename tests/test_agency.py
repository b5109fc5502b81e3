"""The actor layer, one construction per test, on short sentences written for these tests.

Covers :func:`toolkit.mentions.actor_mentions`, :mod:`toolkit.agency` (roles, passives,
sentence voice, profile), :mod:`toolkit.tone` (sentence, target and actor tone, profile)
and :func:`toolkit.validation.label_scores`. A construction the rules get wrong is marked
``xfail(strict=True)`` with the reason, so a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.agency import agency, agency_profile, passives, sentence_voice
from toolkit.mentions import actor_mentions
from toolkit.tone import (
    LABELS,
    actor_tone,
    event_vocabulary,
    load_role_cues,
    sentence_tone,
    target_tone,
    tone_profile,
)
from toolkit.validation import label_scores


def corpus(*texts: str) -> pd.DataFrame:
    """A corpus with one article per text (fictional outlet)."""
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))],
                         "source": ["Test Wire"] * len(texts), "text": list(texts)})


def mentions(text: str) -> pd.DataFrame:
    return actor_mentions(corpus(text), progress=False)


def only_mention(text: str) -> pd.Series:
    m = mentions(text)
    assert len(m) == 1, m[["mention", "actor", "kind"]].values.tolist()
    return m.iloc[0]


def role_of(text: str, mention: str) -> pd.Series:
    """The agency row of ``mention`` in the one-sentence article ``text``."""
    t = agency(corpus(text), progress=False)
    rows = t[t["mention"] == mention]
    assert len(rows) == 1, t[["mention", "role", "verb"]].values.tolist()
    return rows.iloc[0]


def words(sentence: str) -> list[str]:
    return sentence.replace(".", " .").split()


def target(text: str, phrase: str) -> pd.DataFrame:
    s = text.index(phrase)
    return pd.DataFrame({"text": [text], "target_start": [s], "target_end": [s + len(phrase)]})


# ---------------------------------------------------------------- actor mentions


def test_listed_name_is_a_mention():
    m = only_mention("Zelensky visited the front on Monday.")
    assert (m["mention"], m["actor"], m["group"], m["kind"]) == (
        "Zelensky", "Volodymyr Zelensky", "ukrainian_officials", "name")


def test_alias_spelling_is_the_same_actor():
    m = only_mention("Volodymyr Zelenskiy thanked the volunteers.")
    assert m["actor"] == "Volodymyr Zelensky"
    assert m["mention"] == "Volodymyr Zelenskiy"


@pytest.mark.parametrize(("text", "actor", "side"), [
    ("Moscow rejected the ceasefire plan.", "Russia", "russia"),
    ("A statement from the Kremlin denied the report.", "Russia", "russia"),
    ("Kyiv welcomed the new aid package.", "Ukraine", "ukraine"),
])
def test_state_metonym_is_the_state(text, actor, side):
    m = only_mention(text)
    assert (m["actor"], m["side"], m["kind"]) == (actor, side, "name")


@pytest.mark.parametrize(("text", "phrase", "side"), [
    ("Russian forces advanced along the river.", "Russian forces", "russia"),
    ("Ukrainian troops held the bridge.", "Ukrainian troops", "ukraine"),
    ("Kyiv's army regrouped near the village.", "Kyiv's army", "ukraine"),
    ("Overnight the separatists fired rockets.", "the separatists", "russia"),
])
def test_role_phrase_with_side_marker(text, phrase, side):
    m = only_mention(text)
    assert (m["mention"], m["side"], m["kind"]) == (phrase, side, "role")
    assert m["group"] == "military_sources"


def test_newspaper_name_is_not_the_government():
    m = mentions("The Washington Post published the leaked memo.")
    assert "western_officials" not in set(m["group"])
    assert "United States" not in set(m["actor"])
    assert set(m["group"]) <= {"media"}


def test_pronoun_us_is_not_the_united_states():
    assert mentions("The sirens woke us before dawn.").empty
    assert only_mention("The US announced new sanctions.")["actor"] == "United States"


def test_side_marker_alone_is_not_a_mention():
    assert mentions("Russian shelling continued through the night.").empty


def test_mention_inside_quoted_statement_is_in_quote():
    m = mentions('"Russian forces are falling back," Zelensky told reporters.')
    by = dict(zip(m["mention"], m["in_quote"], strict=True))
    assert by == {"Russian forces": True, "Zelensky": False}


def test_mention_outside_the_quotation_is_not_in_quote():
    m = mentions('"We will hold," the mayor said as Russian forces approached.')
    assert not m.loc[m["mention"] == "Russian forces", "in_quote"].item()


# ---------------------------------------------------------------- agency roles


def test_agent_of_active_verb():
    r = role_of("Russian troops withdrew from the town.", "Russian troops")
    assert (r["role"], r["voice"], r["verb"]) == ("agent", "active", "withdrew")


def test_patient_as_object_of_active_verb():
    t = agency(corpus("Ukrainian forces drove Russian troops out of Kherson."), progress=False)
    got = dict(zip(t["mention"], t["role"].astype(str), strict=True))
    assert got == {"Ukrainian forces": "agent", "Russian troops": "patient"}
    assert t.loc[t["mention"] == "Russian troops", "rule"].item() == "object_of_active"


def test_patient_as_subject_of_passive():
    r = role_of("Ukrainian troops were pushed back.", "Ukrainian troops")
    assert (r["role"], r["voice"], r["verb"], r["rule"]) == ("patient", "passive", "pushed", "subject_of_passive")


def test_passive_agent_after_by():
    r = role_of("The town was shelled by Russian forces.", "Russian forces")
    assert (r["role"], r["voice"], r["verb"]) == ("passive_agent", "passive", "shelled")


def test_nominalisation_of_phrase():
    r = role_of("Observers confirmed the withdrawal of Russian troops.", "Russian troops")
    assert (r["role"], r["verb"]) == ("nominal", "withdrawal")


def test_nominalisation_possessive():
    r = role_of("Russia's invasion began in February.", "Russia")
    assert (r["role"], r["verb"]) == ("nominal", "invasion")


def test_other_role_for_prepositional_phrase():
    r = role_of("Negotiators resumed talks with Russia.", "Russia")
    assert r["role"] == "other"
    assert r["verb"] == ""


def test_auxiliary_then_verb_is_agent_of_the_verb():
    r = role_of("Moscow has denied the claims.", "Moscow")
    assert (r["role"], r["verb"]) == ("agent", "denied")


def test_adverb_between_subject_and_verb():
    r = role_of("Russian forces quickly retreated.", "Russian forces")
    assert (r["role"], r["verb"]) == ("agent", "retreated")


# ---------------------------------------------------------------- passives


def test_be_plus_regular_participle():
    assert passives(words("The bridge was destroyed.")) == [(2, 3, False)]


def test_get_passive():
    assert passives(words("Two protesters got arrested.")) == [(2, 3, False)]


@pytest.mark.parametrize(("sentence", "participle"), [
    ("The school was hit.", "hit"),
    ("The families were driven from their homes.", "driven"),
])
def test_be_plus_irregular_participle(sentence, participle):
    groups = passives(words(sentence))
    assert len(groups) == 1
    assert words(sentence)[groups[0][1]] == participle


def test_adverb_inside_passive_group():
    w = words("Ten soldiers were reportedly killed.")
    assert passives(w) == [(2, 4, False)]
    assert w[4] == "killed"


@pytest.mark.parametrize("sentence", ["Residents were concerned.", "The medic was tired."])
def test_adjectival_false_friend_is_not_passive(sentence):
    assert passives(words(sentence)) == []
    assert sentence_voice(sentence)["passive"] is False


def test_used_to_is_not_passive():
    assert passives(words("Residents are used to the sirens.")) == []


def test_agentless_versus_by_agent():
    assert sentence_voice("The depot was destroyed.") == {
        "passive": True, "agentless": True, "passives": ["destroyed"]}
    assert sentence_voice("The depot was destroyed by a drone.") == {
        "passive": True, "agentless": False, "passives": ["destroyed"]}


def test_two_passives_only_second_has_agent():
    w = words("Two men were detained and the village was shelled by artillery.")
    assert passives(w) == [(2, 3, False), (7, 8, True)]
    v = sentence_voice("Two men were detained and the village was shelled by artillery.")
    assert v == {"passive": True, "agentless": True, "passives": ["detained", "shelled"]}


# ---------------------------------------------------------------- tone


def test_event_vocabulary_only_is_negative_with_events_neutral_without():
    c = corpus("Three people were killed in the attack.")
    assert {"killed", "attack"} <= event_vocabulary()
    with_events = sentence_tone(c, event_words=True, progress=False).iloc[0]
    without = sentence_tone(c, event_words=False, progress=False).iloc[0]
    assert with_events["label"] == "negative"
    assert "killed" in with_events["evidence"]
    assert (without["label"], without["score"], without["evidence"]) == ("neutral", 0.0, "")


def test_target_tone_lists_evidence_words():
    r = target_tone(target("The heroic defenders held the city.", "defenders")).iloc[0]
    assert r["label"] == "positive"
    assert r["evidence"] == "heroic (+2.6)"


def test_target_own_words_are_not_evidence():
    # "Happy" is in VADER's lexicon, but here it is part of the target's name
    text = "The Happy Valley militia arrived at noon."
    r = target_tone(target(text, "Happy Valley militia")).iloc[0]
    assert "happy" not in r["evidence"]
    assert (r["label"], r["score"]) == ("neutral", 0.0)
    assert sentence_tone(corpus(text), progress=False)["label"].item() == "positive"


def test_negation_flips_tone():
    assert target_tone(target("The soldiers were brave.", "soldiers"))["label"].item() == "positive"
    r = target_tone(target("The soldiers were not brave.", "soldiers")).iloc[0]
    assert r["label"] == "negative"
    assert "brave" in r["evidence"]


def test_clause_cut_at_but():
    text = "The generals were cruel and incompetent, but the soldiers held firm."
    r = target_tone(target(text, "soldiers")).iloc[0]
    assert r["window_start"] > text.index("but")
    assert (r["label"], r["evidence"]) == ("neutral", "")
    other = target_tone(target(text, "generals")).iloc[0]
    assert other["label"] == "negative"
    assert other["window_end"] <= text.index("but")


def test_actor_tone_labels_and_speaker_in_quotation():
    c = corpus('"Russian forces are cruel and cowardly," Zelensky said.',
               "Ukrainian troops bravely held the city.")
    bare = actor_tone(c, progress=False)  # no attributions at hand: in_quote, but no speaker
    assert bool(bare.loc[bare["mention"] == "Russian forces", "in_quote"].item())
    assert bare.loc[bare["mention"] == "Russian forces", "speaker"].item() == ""
    t = actor_tone(c, attributions=toolkit.quotes(c), progress=False)
    assert list(t["label"].cat.categories) == list(LABELS) == ["negative", "neutral", "positive"]
    quoted = t[t["mention"] == "Russian forces"].iloc[0]
    assert bool(quoted["in_quote"])
    assert quoted["speaker"] == "Volodymyr Zelensky"
    assert quoted["label"] == "negative"
    assert t.loc[t["mention"] == "Ukrainian troops", "label"].item() == "positive"
    assert t.loc[t["mention"] == "Ukrainian troops", "speaker"].item() == ""


def _tone_of(text: str, mention: str, **kw) -> pd.Series:
    t = actor_tone(corpus(text), progress=False, **kw)
    return t[t["mention"] == mention].iloc[0]


def test_role_cues_tell_who_pushed_whom_back():
    text = "Ukrainian forces pushed back Russian troops near the river."
    plain_ua = _tone_of(text, "Ukrainian forces", role_cues=None)
    plain_ru = _tone_of(text, "Russian troops", role_cues=None)
    assert plain_ua["label"] == plain_ru["label"] == "neutral"  # the words alone say nothing
    ua, ru = _tone_of(text, "Ukrainian forces"), _tone_of(text, "Russian troops")
    assert (ua["label"], ua["score"]) == ("positive", 0.5)
    assert ua["evidence"] == "agent of: pushed (+0.5)"
    assert (ru["label"], ru["score"]) == ("negative", -0.5)
    assert ru["evidence"] == "object of: pushed (-0.5)"


def test_role_cues_agent_of_harm_is_negative():
    r = _tone_of("Russian forces shelled the market overnight.", "Russian forces")
    assert r["label"] == "negative"
    assert "agent of: shelled (-0.5)" in r["evidence"]


def test_role_cues_agent_of_a_passive_harm_is_negative():
    r = _tone_of("Large areas were occupied by Russian troops in March.", "Russian troops")
    assert r["label"] == "negative"
    assert r["evidence"] == "agent of: occupied (-0.5)"


def test_role_cues_describing_word_is_negative():
    r = _tone_of("Villagers hid from invading Russian forces for weeks.", "Russian forces")
    assert r["label"] == "negative"
    assert "described as: invading" in r["evidence"]


def test_role_cues_speaker_is_neutral_whatever_he_says():
    text = "Zelensky said the brutal assault had failed miserably."
    assert _tone_of(text, "Zelensky", role_cues=None)["label"] != "neutral"
    r = _tone_of(text, "Zelensky")
    assert (r["label"], r["score"], r["evidence"]) == ("neutral", 0.0, "speaker: said")


def test_role_cues_object_of_praise_is_positive():
    r = _tone_of("Parliament thanked Ukraine for the grain corridor.", "Ukraine")
    assert r["label"] == "positive"
    assert "object of: thanked" in r["evidence"]


def test_role_cue_list_errors_name_file_and_field(tmp_path):
    bad = tmp_path / "cues.yml"
    bad.write_text("weight: 2\nagent_negative: [shelled]\n")
    with pytest.raises(toolkit.CorpusError, match=r"cues.yml: field 'weight'"):
        load_role_cues(str(bad))
    bad.write_text("weight: 0.5\nagent_negatives: [shelled]\n")
    with pytest.raises(toolkit.CorpusError, match=r"cues.yml: unknown field\(s\) \['agent_negatives'\]"):
        load_role_cues(str(bad))
    bad.write_text("weight: 0.5\nagent_negative: shelled\n")
    with pytest.raises(toolkit.CorpusError, match=r"field 'agent_negative' must be a list"):
        load_role_cues(str(bad))
    with pytest.raises(FileNotFoundError, match="role cue list"):
        actor_tone(corpus("Russia attacked."), role_cues=str(tmp_path / "missing.yml"), progress=False)


def test_tone_profile_shares_add_to_one_per_group():
    t = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "d"], "source": ["X", "X", "X", "Y", "Y"],
                      "label": ["negative", "neutral", "positive", "negative", "negative"],
                      "score": [-0.4, 0.0, 0.3, -0.6, -0.2]})
    p = tone_profile(t, by="source", n_boot=50)
    assert set(p["label"]) == set(LABELS)
    np.testing.assert_allclose(p.groupby("source")["share"].sum().to_numpy(), 1.0)
    assert p.loc[(p["source"] == "Y") & (p["label"] == "negative"), "share"].item() == 1.0


def test_agency_profile_shares_add_to_one_and_lists_verbs():
    t = agency(corpus("Russian troops withdrew from the town.",
                      "Ukrainian forces drove Russian troops out of Kherson.",
                      "Ukrainian troops were pushed back."), progress=False)
    p = agency_profile(t, by="side", n_boot=50)
    np.testing.assert_allclose(p.groupby("side")["share"].sum().to_numpy(), 1.0)
    verbs = p.set_index(["side", "role"])["verbs"]
    assert "withdrew (1)" in verbs[("russia", "agent")]
    assert "pushed (1)" in verbs[("ukraine", "patient")]


# ---------------------------------------------------------------- label_scores


def _random_labels(seed: int = 7, n: int = 80) -> tuple[list[str], list[str], list[str]]:
    rng = np.random.default_rng(seed)
    labs = ["negative", "neutral", "positive"]
    gold = rng.choice(labs, size=n).tolist()
    pred = [g if rng.random() < 0.6 else rng.choice(labs) for g in gold]
    return gold, pred, labs


def test_label_scores_match_sklearn():
    metrics = pytest.importorskip("sklearn.metrics")
    gold, pred, labs = _random_labels()
    t = label_scores(gold, pred, labels=labs).set_index("label")
    p, r, f, s = metrics.precision_recall_fscore_support(gold, pred, labels=labs, zero_division=0)
    np.testing.assert_allclose(t.loc[labs, "precision"], p)
    np.testing.assert_allclose(t.loc[labs, "recall"], r)
    np.testing.assert_allclose(t.loc[labs, "f1"], f)
    np.testing.assert_array_equal(t.loc[labs, "support"], s)
    assert t.loc["macro", "f1"] == pytest.approx(metrics.f1_score(gold, pred, labels=labs, average="macro"))
    assert t.loc["accuracy", "f1"] == pytest.approx(metrics.accuracy_score(gold, pred))


def test_label_scores_bootstrap_interval_contains_estimate():
    gold, pred, _ = _random_labels(seed=11)
    groups = [i // 4 for i in range(len(gold))]  # four units per article
    t = label_scores(gold, pred, doc_ids=groups, n_boot=300, seed=1)
    assert t["ci_low"].notna().all() and t["ci_high"].notna().all()
    assert (t["ci_low"] <= t["f1"]).all() and (t["f1"] <= t["ci_high"]).all()
    assert (t["ci_low"] < t["ci_high"]).all()


def test_actor_tone_windows_are_the_documented_clause_windows():
    """The fast per-sentence windows of actor_tone equal tone._window, with and without cues."""
    from toolkit.index import index_tokens
    from toolkit.tone import _window

    demo = toolkit.load_demo()
    view = index_tokens(demo).sentence_view(progress=False)
    spans = view.meta.set_index(["doc_id", "sentence"])[["start", "end"]]
    texts = dict(zip(demo["doc_id"], demo["text"], strict=True))
    for cues in ("role_cues", None):
        t = actor_tone(demo, role_cues=cues, progress=False)
        lo_hi = spans.loc[pd.MultiIndex.from_frame(t[["doc_id", "sentence"]])].to_numpy()
        expected = [_window(texts[d], s, min(e, hi), lo, hi, 3)
                    for d, s, e, (lo, hi) in zip(t["doc_id"], t["start"], t["end"], lo_hi, strict=True)]
        assert list(zip(t["window_start"], t["window_end"], strict=True)) == expected
