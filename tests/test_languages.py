"""Russian and Ukrainian: language per article, stop words, lemmas, sentence rules, lexicons,
names across scripts, and cross-language guards (issue "Russian/Ukrainian")."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.index import index_tokens
from toolkit.language import article_languages, detect_language
from toolkit.lemmas import lemmatize
from toolkit.matching import LanguageMismatchWarning
from toolkit.quotemarks import quotation_spans
from toolkit.sentences import split_sentences


def corpus(*texts: str, language=None) -> pd.DataFrame:
    c = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "source": ["S"] * len(texts),
                      "text": list(texts)})
    if language is not None:
        c["language"] = language if isinstance(language, list) else [language] * len(texts)
    return c


# ------------------------------------------------------------------ language per article

@pytest.mark.parametrize("text, lang", [
    ("Российские войска покинули правый берег Днепра, сообщило министерство обороны.", "ru"),
    ("Російські війська залишили правий берег Дніпра, повідомило міністерство оборони.", "uk"),
    ("Russian troops left the right bank of the Dnipro, the defence ministry said.", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_language_column_is_used_and_missing_values_are_detected():
    c = corpus("Войска отошли.", "Війська відійшли з правого берега Дніпра, повідомили в штабі.",
               language=["ru", None])
    t = article_languages(c)
    assert t["language"].tolist() == ["ru", "uk"]
    assert t["detected"].tolist() == [False, True]


def test_mixed_language_article_is_reported():
    text = ("Российские войска покинули правый берег Днепра, сообщило министерство обороны России.\n\n"
            "The defence ministry said the decision was difficult but necessary for the troops.")
    t = article_languages(corpus(text)).iloc[0]
    assert t["detected"] and t["mixed"]
    assert "ru" in t["languages"] and "en" in t["languages"]


def test_detect_checks_a_wrong_language_column():
    c = corpus("Російські війська залишили правий берег Дніпра, повідомило міністерство оборони.",
               language="ru")
    t = article_languages(c, detect=True).iloc[0]
    assert (t["given"], t["language"]) == ("ru", "uk")


# ------------------------------------------------------------------ stop words

def test_russian_and_ukrainian_stopwords_by_language():
    ru, uk = toolkit.get_stopwords(language="ru"), toolkit.get_stopwords(language="uk")
    assert {"в", "и", "на", "что", "не"} <= ru
    assert {"в", "і", "на", "що", "не"} <= uk
    for content in ("война", "россия", "украина", "переговоры", "против"):
        assert content not in ru
    for content in ("війна", "росія", "україна", "переговори", "проти"):
        assert content not in uk
    assert not any(ch in w for w in ru for ch in "іїєґ")
    with pytest.raises(ValueError, match="no stop-word list"):
        toolkit.get_stopwords(language="de")


def test_stopwords_true_removes_russian_function_words_on_a_russian_corpus():
    c = toolkit.load_demo("ru")
    top = toolkit.word_frequencies(c, stopwords=True).head(20)
    assert not ({"в", "и", "на", "что", "не", "с", "по"} & set(top["term"]))
    plain = toolkit.word_frequencies(c).head(5)
    assert "в" in set(plain["term"])


def test_english_stopword_results_unchanged_by_the_new_lists():
    en = toolkit.load_demo()
    assert toolkit.get_stopwords() == toolkit.get_stopwords(language="en")
    a = toolkit.word_frequencies(en, stopwords=True).head(30)
    b = toolkit.word_frequencies(en, stopwords=toolkit.get_stopwords()).head(30)
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


# ------------------------------------------------------------------ lemmas and stems

def test_lemmatize_russian_and_ukrainian():
    assert lemmatize(["специальной", "военной", "операции"], "ru").tolist() == ["специальный", "военный", "операция"]
    assert lemmatize(["перегруппировки", "жестом", "доброй", "воли"], "ru").tolist() == [
        "перегруппировка", "жест", "добрый", "воля"]
    # the Ukrainian dictionary scores every analysis alike: the summed score picks the noun
    assert lemmatize(["війни", "війною", "окупантів"], "uk").tolist() == ["війна", "війна", "окупант"]


def test_lemma_view_counts_inflected_forms_together():
    c = corpus("В ходе специальной военной операции.", "Специальная военная операция продолжается.",
               "О специальную военную операцию.", language="ru")
    v = index_tokens(c).lemma_view()
    counts = v.term_counts()
    assert counts["операция"] == 3 and counts["специальный"] == 3
    words = index_tokens(c).term_counts()
    assert "операция" in words.index and words["операции"] == 1  # the word index keeps forms


def test_ukrainian_is_never_analysed_as_russian():
    # the same string in two languages: each gets its own dictionary
    c = corpus("Війни не буде.", "Войны не будет.", language=["uk", "ru"])
    v = index_tokens(c).lemma_view()
    assert v.vocab[v.ids[0]] == "війна" and v.vocab[v.ids[3]] == "война"
    stem = index_tokens(c).stemmed()
    assert stem.vocab[stem.ids[0]] == "війни"  # no Ukrainian stemmer: the form is kept
    assert stem.vocab[stem.ids[3]] == "войн"  # Russian Snowball


def test_lemma_and_stem_cannot_be_combined():
    with pytest.raises(ValueError, match="not both"):
        index_tokens(corpus("Войска", language="ru")).view(stem=True, lemma=True)


# ------------------------------------------------------------------ sentences and quotation marks

@pytest.mark.parametrize("text, n", [
    ("В 2022 г. войска отошли, т. е. отступили. Новая фраза.", 2),
    ("Ущерб оценили в 3 млн руб. в прошлом году. Это много.", 2),
    ("Ул. Ленина перекрыта. Ст. 5 устава НАТО обсуждали в 1991–1993 гг. на саммите.", 2),
    ("В. Зеленский выступил. Потом выступил В. В. Путин.", 2),
    ("У 2022 р. війська відійшли, т. зв. «перегрупування». Вул. Хрещатик перекрита.", 2),
])
def test_russian_and_ukrainian_abbreviations_do_not_end_sentences(text, n):
    assert len(split_sentences(text)) == n


def test_guillemets_and_low_high_quotes_are_quotations():
    text = "«Мы называли это „перегруппировкой“, но это было отступление», — сказал солдат."
    spans = quotation_spans(text)
    assert len(spans) == 1
    q = spans[0]
    assert text[q.inner_start:q.inner_end].startswith("Мы называли")
    assert text[q.inner_start:q.inner_end].endswith("отступление")


# ------------------------------------------------------------------ lexicons

@pytest.mark.parametrize("name", ["war_framing_ru", "war_framing_uk"])
def test_lexicons_have_the_english_frame_names(name):
    en, other = toolkit.load_lexicon("war_framing"), toolkit.load_lexicon(name)
    assert [f.name for f in other] == [f.name for f in en]
    assert [f.group for f in other] == [f.group for f in en]
    assert other.match == "lemma" and other.language == name[-2:]


def test_lemma_patterns_match_inflected_forms():
    c = corpus("Президент объявил о начале специальной военной операции.",
               "Продолжается специальная военная операция.",
               "Министерство назвало отход перегруппировкой войск.",
               "Он говорил о жесте доброй воли.", language="ru")
    s = toolkit.frame_scores(c, "war_framing_ru")
    t = toolkit.frame_table(s)
    assert t["special_military_operation"].tolist()[:2] == [1, 1]
    assert t["euphemised_setback"].tolist()[2:] == [1, 1]
    uk = corpus("Росія розпочала повномасштабне вторгнення.", "Після повномасштабного вторгнення.",
                language="uk")
    tu = toolkit.frame_table(toolkit.frame_scores(uk, "war_framing_uk"))
    assert tu["invasion"].tolist() == [1, 1]


def test_english_lexicon_on_russian_articles_warns():
    c = corpus("Войска отошли.", language="ru")
    with pytest.warns(LanguageMismatchWarning, match="written in 'en'"):
        toolkit.frame_scores(c, "war_framing")
    with pytest.warns(LanguageMismatchWarning, match="uk: 1"):
        toolkit.frame_scores(corpus("Війська відійшли.", language="uk"), "war_framing_ru")


def test_english_frame_scores_unchanged_and_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageMismatchWarning)
        s = toolkit.frame_scores(toolkit.load_demo(), "war_framing")
    assert len(s) == 101 * 15


# ------------------------------------------------------------------ names across scripts

def test_names_found_in_every_script_and_form():
    c = corpus("Зеленский встретился с Байденом. Слова Зеленского.", "Зеленський заявив. Промова Зеленського.",
               "Zelensky and Zelenskiy spoke.", language=["ru", "uk", "en"])
    m = toolkit.actor_mentions(c, progress=False)
    z = m[m["actor"] == "Volodymyr Zelensky"]
    assert z["mention"].tolist() == ["Зеленский", "Зеленского", "Зеленський", "Зеленського", "Zelensky", "Zelenskiy"]


def test_kiev_and_kyiv_are_reported_apart():
    c = pd.DataFrame({"doc_id": list("abcd"), "source": ["A", "A", "B", "C"], "text": [
        "Talks in Kyiv.", "Troops near Kiev.", "Переговоры в Киеве и о Киеве.", "Переговори в Києві."]})
    t = toolkit.name_spellings(c, actor_names=["Ukraine"])
    got = {(r.source, r.spelling): r.n for r in t.itertuples()}
    assert got == {("A", "Kiev"): 1, ("A", "Kyiv"): 1, ("B", "Киев"): 2, ("C", "Київ"): 1}


# ------------------------------------------------------------------ cross-language keyness

def test_keyness_across_languages_warns_and_within_one_does_not():
    c = toolkit.load_demo(None)
    with pytest.warns(LanguageMismatchWarning, match="keyness across languages"):
        toolkit.keyness(c, target="Borealis Agency", by="source")
    ru = toolkit.load_demo("ru")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageMismatchWarning)
        k = toolkit.keyness(ru, target="Borealis Agency", by="source", lemma=True)
    assert len(k)


# ------------------------------------------------------------------ demo corpus

def test_demo_has_russian_and_ukrainian_parts_and_english_is_unchanged():
    en = toolkit.load_demo()
    assert en.shape == (101, 11) and set(en["language"]) == {"en"}
    ru, uk = toolkit.load_demo("ru"), toolkit.load_demo("uk")
    assert len(ru) >= 30 and len(uk) >= 30
    assert set(ru["language"]) == {"ru"} and set(uk["language"]) == {"uk"}
    assert set(ru["source"]) == {"Borealis Agency", "Northgate Wire"}
    assert set(uk["source"]) == {"The Dnipro Ledger", "Northgate Wire"}
    assert set(ru["event_id"]) == set(uk["event_id"]) == set(en["event_id"])
    allc = toolkit.load_demo(None)
    assert allc["doc_id"].is_unique and len(allc) == len(en) + len(ru) + len(uk)
    labels = toolkit.load_annotations(None)
    assert set(labels["doc_id"]) == set(allc["doc_id"])
    detected = article_languages(allc, detect=True)
    assert (detected["language"].to_numpy() == allc["language"].to_numpy()).all()
    assert not detected["mixed"].any()


def test_demo_outlets_name_the_war_in_their_own_way():
    ru = toolkit.load_demo("ru")
    t = toolkit.frame_table(toolkit.frame_scores(ru, "war_framing_ru")).merge(ru[["doc_id", "source"]], on="doc_id")
    per = t.groupby("source")[["special_military_operation", "war"]].sum()
    assert per.loc["Borealis Agency", "special_military_operation"] > per.loc["Borealis Agency", "war"]
    assert per.loc["Northgate Wire", "war"] > per.loc["Northgate Wire", "special_military_operation"]
    sp = toolkit.name_spellings(toolkit.load_demo(None), actor_names=["Ukraine"], by=["source", "language"])
    kyiv = sp[sp["spelling"].isin(["Kyiv", "Kiev", "Киев", "Київ"])]
    assert set(kyiv.loc[kyiv["language"] == "ru", "spelling"]) == {"Киев"}
    assert set(kyiv.loc[kyiv["language"] == "uk", "spelling"]) == {"Київ"}
    assert np.isclose(sp.groupby(["source", "language", "actor"])["share"].sum(), 1).all()


def test_demo_card_counts_match_the_russian_and_ukrainian_files():
    from pathlib import Path

    card = (Path(__file__).resolve().parents[1] / "data" / "demo" / "README.md").read_text(encoding="utf-8")
    section = card.split("Articles per outlet and language", 1)[1]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in section.splitlines()
            if line.startswith("| ") and not line.startswith("| source")]
    c = toolkit.load_demo(["ru", "uk"])
    c = c.assign(words=c["text"].str.split().str.len())
    for source, lang, articles, events, words, lo, hi in rows:
        g = c[(c["source"] == source) & (c["language"] == lang)]
        assert [len(g), g["event_id"].nunique(), int(g["words"].sum()), int(g["words"].min()),
                int(g["words"].max())] == [int(articles), int(events), int(words), int(lo), int(hi)], (source, lang)
    assert len(rows) == 4


@pytest.mark.parametrize("text", [
    "Солдат сказал: «Мы уйдём». Потом наступила тишина.",
    "«Мы не отступим!» Так он сказал.",
    "Він сказав: «Ми встоїмо.» Потім усе стихло.",
])
def test_sentences_end_after_closing_guillemets(text):
    spans = split_sentences(text)
    assert len(spans) == 2 and text[spans[0][0]:spans[0][1]].rstrip(".").endswith("»")


def test_lexicon_audit_reads_guillemets_and_lemma_exclusions():
    from toolkit.audit import quote_spans

    text = "Министерство назвало отход «перегруппировкой „по плану“», а аналитики — отступлением."
    assert len(quote_spans(text)) == 1 and text[slice(*quote_spans(text)[0])].endswith("»")
    c = corpus("Министерство назвало отход «перегруппировкой».", "Войска начали перегруппировку.",
               language="ru")
    a = toolkit.lexicon_audit(c, "war_framing_ru", frames="euphemised_setback")
    row = a[(a["pattern"] == "перегруппировка") & (a["count"] > 0)]
    assert int(row["count"].sum()) == 2 and int(row["in_quotes"].sum()) == 1
    uk = corpus("Так звана спеціальна військова операція триває.", language="uk")
    au = toolkit.lexicon_audit(uk, "war_framing_uk", frames="special_military_operation")
    assert int(au.loc[au["kind"] == "exclude", "count"].sum()) >= 1
    assert int(au["counted"].sum()) == 0
