# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08 · Naming the war across languages: English, Russian, Ukrainian
#
# | | |
# |---|---|
# | **Question** | The war is reported first in Russian and Ukrainian. Does an outlet name the war, its retreats and Kyiv the same way in every language it publishes in — and what does a comparison across languages need so that it compares wording, not languages? |
# | **Audience** | Media and communication researchers; teachers and students of media literacy. No Russian or Ukrainian needed: every line shown has an English gloss. |
# | **Difficulty** | Intermediate |
# | **Time** | 60–75 minutes (plus 30 minutes of exercises) |
# | **Prerequisites** | Notebook **03 · Framing defeats and negotiations** (frames, lexicons, concordance lines); notebook **02** (keyness) helps for section 7. |
# | **Data** | The bundled demo corpus, all three parts: 101 English articles by seven **fictional** outlets, 30 Russian (Borealis Agency, Northgate Wire) and 30 Ukrainian (The Dnipro Ledger, Northgate Wire) on the same 15 real events of 2022. It is **constructed for teaching**: every sentence was written by the newsframes authors, real public figures appear only in indirect speech; it must **not** be used to draw conclusions about real media (data card: `data/demo/README.md`). Lexicons: `data/lexicons/war_framing.yml`, `war_framing_ru.yml`, `war_framing_uk.yml`. |
# | **Libraries** | `toolkit` (`load_demo`, `article_languages`, `word_frequencies`, `frame_scores`, `frame_matches`, `frame_prevalence`, `name_spellings`, `keyness`, `concordance`, `actor_mentions`, `detect_language`; `toolkit.lemmas.lemmatize`; `toolkit.plots.plot_war_names`), pandas, matplotlib |

# %% [markdown]
# ## Learning goals
#
# After this notebook you can:
#
# - find (or check) the **language of each article** and say why the toolkit needs it;
# - explain what a **lemma** is, why Russian and Ukrainian need lemmas rather than word
#   forms, and where the lemmatiser guesses wrong;
# - count **stop words** by language, and see what happens when you forget to;
# - compare how outlets **name the war** and word **retreats** across three languages with
#   lexicons that share frame names, and read the lines (with glosses) behind each number;
# - report the spelling of **Kyiv / Kiev / Київ / Киев** as a choice, not merge it away;
# - say what a translation **loses**, and why the toolkit warns against keyness across languages.

# %% [markdown]
# ### Running this on Google Colab?
#
# Locally (`make demo`) and on Binder the next cell does nothing. On Colab, first upload
# `newsframes-source.zip` with the Files pane (your teacher has it: `make demo` writes it to
# `build/`), then run the cell: it installs newsframes and its libraries (a few minutes).

# %%
# Set-up for Google Colab (or any Jupyter without newsframes); does nothing where newsframes
# is installed (make demo, Binder). See binder/README.md: upload newsframes-source.zip first.
import importlib.util
import pathlib
import subprocess
import sys
import zipfile

SOURCE = ""  # or the address of a public git repository of newsframes (then no upload)
if importlib.util.find_spec("toolkit") is None:
    src = pathlib.Path("newsframes-src")
    if SOURCE:
        subprocess.run(["git", "clone", "--depth", "1", SOURCE, str(src)], check=True)
    else:
        archives = sorted(pathlib.Path.cwd().glob("newsframes*.zip"))
        if not archives:
            raise RuntimeError("newsframes is not installed: upload newsframes-source.zip (binder/README.md), then run this cell again")
        zipfile.ZipFile(archives[-1]).extractall(src)
    root = min(src.rglob("pyproject.toml"), key=lambda p: len(p.parts)).parent.resolve()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-e", str(root)], check=True)
    sys.path.insert(0, str(root))  # the new install is importable now, without a restart

# %%
import re
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import toolkit as tk
from toolkit.lemmas import lemmatize
from toolkit.matching import LanguageMismatchWarning
from toolkit.plots import plot_war_names

pd.set_option("display.max_colwidth", 90)
corpus = tk.load_demo(None)   # all three languages; tk.load_demo() alone is the English part
corpus.groupby(["source", "language"]).size().unstack(fill_value=0)

# %%
assert len(corpus) == 161 and corpus["language"].value_counts().to_dict() == {"en": 101, "ru": 30, "uk": 30}
assert set(corpus.loc[corpus["language"] == "ru", "source"]) == {"Borealis Agency", "Northgate Wire"}
assert set(corpus.loc[corpus["language"] == "uk", "source"]) == {"The Dnipro Ledger", "Northgate Wire"}

# %% [markdown]
# ## 1. Which language is each article in?
#
# Everything that depends on language — stop words, lemmas, sentence rules, lexicons — is
# chosen **per article**. The toolkit takes the `language` column when the corpus has
# one; otherwise it **detects** the language from the text with `py3langid` (a language
# identifier that ships its model, so nothing is downloaded), paragraph by paragraph, and
# flags articles where a second language holds at least a fifth of the letters as
# **mixed**. Here we detect every article although the column is there, to check the column:

# %%
langs = tk.article_languages(corpus, detect=True)
print(pd.crosstab(langs["given"], langs["language"]))
print("mixed articles:", int(langs["mixed"].sum()))

# %%
assert (langs["given"] == langs["language"]).all() and not langs["mixed"].any()
assert tk.language.MIXED_SHARE == 0.2  # "a fifth"

# %% [markdown]
# Detection agrees with the column for all 161 articles, and none is mixed. Detection is
# reliable on paragraphs. Here even the 60 Russian and Ukrainian headlines alone come out
# right, but a short line is thin evidence: a made-up four-word Russian headline, *Киев
# заявил о победе* ("Kyiv claimed victory"), is detected as Bulgarian. Give the column
# when you have it.

# %%
cyr = corpus[corpus["language"].isin(["ru", "uk"])]
headline_langs = [tk.detect_language(t) for t in cyr["title"]]
short = tk.detect_language("Киев заявил о победе")
print("headlines detected right:", sum(h == g for h, g in zip(headline_langs, cyr["language"], strict=True)),
      "of", len(cyr), "| 'Киев заявил о победе' ->", short)

# %%
assert headline_langs == cyr["language"].tolist() and len(cyr) == 60
assert short != "ru"

# %% [markdown]
# ## 2. Why lemmas?
#
# Russian and Ukrainian **inflect**: a noun changes its ending with its role in the
# sentence. *Специальная военная операция* ("special military operation") is
# *специальной военной операции* after "of" or "during", *специальную военную операцию*
# as an object. Counting **word forms** splits one name into many. A **lemma** is the
# dictionary form of a word; the toolkit finds it with **pymorphy3** and its Russian and
# Ukrainian dictionaries. Word forms of *операция* in the Russian part:

# %%
ru = corpus[corpus["language"] == "ru"]
uk = corpus[corpus["language"] == "uk"]
forms = tk.word_frequencies(ru)
op_forms = forms[forms["term"].str.startswith("операци")][["term", "count"]]
lemmas = tk.word_frequencies(ru, lemma=True)
op_lemma = lemmas.loc[lemmas["term"] == "операция", ["term", "count"]]
display(op_forms, op_lemma)

# %%
assert len(op_forms) >= 3  # at least three forms of one word
assert int(op_lemma["count"].iloc[0]) == int(op_forms["count"].sum())

# %% [markdown]
# Three or more forms, one lemma, and the lemma's count is exactly the sum of the forms.
#
# **Where the lemmatiser guesses.** pymorphy3 analyses a word **out of context** and
# ranks its possible analyses. For Russian the ranking comes from a corpus; the Ukrainian
# dictionary gives every analysis the same score, so the toolkit takes the lemma that
# most analyses share. That fixes *війни* ("of the war" — but also the imperative of a
# rare verb *війнути*, "to blow, to waft"), and still fails on real homographs:

# %%
checks = pd.DataFrame({
    "word": ["війни", "мати", "стали"], "language": ["uk", "uk", "ru"],
    "lemma": [lemmatize(["війни"], "uk")[0], lemmatize(["мати"], "uk")[0], lemmatize(["стали"], "ru")[0]],
    "meanings": ["'of the war' / 'wars' (or: 'blow!', from війнути)", "'mother' or 'to have'", "'became' or 'of steel'"],
})
checks

# %%
assert checks["lemma"].tolist()[0] == "війна"
assert checks["lemma"].tolist()[1] != "мати"  # both readings have the lemma мати: a wrong guess
assert checks["lemma"].tolist()[2] == "стать"  # 'to become'; the steel reading is lost
assert lemmatize("стали и чугуна".split(), "ru")[0] == "стать"  # context does not help

# %% [markdown]
# *війни* gets the right lemma; *мати* gets neither of its meanings; *стали* always
# becomes "to become", even in *стали и чугуна* ("of steel and cast iron"). Read the forms
# behind a lemma before you trust a count.
#
# ## 3. Stop words by language
#
# With `stopwords=True` the toolkit leaves out function words **of each article's
# language** (bundled lists for English, Russian and Ukrainian, compiled for the project:
# `data/stopwords/README.md`). Top lemmas of the Ukrainian part, without and with:

# %%
top_plain = tk.word_frequencies(uk, lemma=True, top=8)["term"].tolist()
top_stop = tk.word_frequencies(uk, lemma=True, stopwords=True, top=12)["term"].tolist()
print("all words:   ", top_plain)
print("stop words out:", top_stop)

# %%
UK_STOP = tk.stopwords.get_stopwords(language="uk")
assert set(top_plain) <= UK_STOP and not set(top_stop) & UK_STOP
assert top_plain[:2] == ["що", "на"] and {"не", "і", "в"} <= set(top_plain)
assert top_stop[:2] == ["росія", "україна"] and {"заявити", "війна"} <= set(top_stop)

# %% [markdown]
# Without the list all top eight are function words: conjunctions, prepositions and a
# particle (*що* "that", *на* "on", *не* "not", *і* "and", *в* "in"); with it, the war's own words come up: the two countries first
# (*росія*, *україна*), *заявити* ("to state": news is reported speech) and *війна*
# ("war") among the top twelve.
#
# ## 4. Naming the war, in three languages
#
# The three lexicons (`war_framing`, `war_framing_ru`, `war_framing_uk`) have the **same
# frame names**, so a frame can be compared across languages frame by frame. The Russian
# and Ukrainian ones say `match: lemma`: their patterns are lemmas and find every
# inflected form. Each part is scored with its own lexicon:

# %%
LEXICON = {"en": "war_framing", "ru": "war_framing_ru", "uk": "war_framing_uk"}
scores = pd.concat([tk.frame_scores(corpus[corpus["language"] == lang], lex).assign(language=lang)
                    for lang, lex in LEXICON.items()], ignore_index=True)
WAR_NAMES = ["war", "invasion", "special_military_operation", "conflict", "crisis"]
names = (scores[scores["frame"].isin(WAR_NAMES)].groupby(["source", "language", "frame"], observed=True)["count"]
         .sum().unstack("frame")[WAR_NAMES].fillna(0).astype(int))
names

# %%
fig, ax = plt.subplots(figsize=(9, 5.5))
plot_war_names(scores, by=["source", "language"], frames=WAR_NAMES, ax=ax)
ax.set_title("How each outlet names the war, by language (constructed demo corpus)")
plt.tight_layout()
plt.show()

# %%
lexicons = {lang: tk.load_lexicon(lex) for lang, lex in LEXICON.items()}
assert len({tuple(lx.frames) for lx in lexicons.values()}) == 1  # the same frame names, in the same order
assert lexicons["ru"].match == lexicons["uk"].match == "lemma"
smo = names["special_military_operation"]
name_share = names.div(names.sum(axis=1), axis=0)
assert smo[("Borealis Agency", "ru")] > 5 * names.loc[("Borealis Agency", "ru"), "war"]
assert names.loc[("Northgate Wire", "ru"), "war"] > 0 == smo[("Northgate Wire", "ru")]
assert name_share.loc[("The Dnipro Ledger", "uk"), "invasion"] > name_share.loc[("The Dnipro Ledger", "en"), "invasion"]

# %% [markdown]
# Borealis Agency's Russian service names it a "special military operation" (*специальная
# военная операция*, *спецоперация*, *СВО*) more than five times as often as a war
# (*война*); Northgate Wire's Russian service says *война* and never "special military
# operation" — the same language, two lines. The Dnipro Ledger uses the invasion frame
# (mostly *повномасштабне вторгнення*, "full-scale invasion"; also *агресія*, "aggression")
# for a larger share of its war names in Ukrainian than in English. Behind the Borealis
# bar, the first lines, with a gloss of the matched phrase:

# %%
GLOSS = {
    "специальный военный операция": "special military operation", "спецоперация": "special operation",
    "сво": "SMO (special military operation)", "война": "war", "війна": "war",
    "перегруппировка": "regrouping", "передислокация": "redeployment", "жест добрый воля": "goodwill gesture",
    "трудный решение": "difficult decision", "более выгодный рубеж": "more advantageous lines",
    "сократить военный активность": "reduce military activity",
    "сохранить жизнь военнослужащий": "save the lives of servicemen",
    "перегрупування": "regrouping", "жест добрий воля": "goodwill gesture",
    "повномасштабний вторгнення": "full-scale invasion", "вторгнення": "invasion", "вторжение": "invasion",
}


def glossed(lines):
    out = lines.assign(gloss=[GLOSS.get(p, "") for p in lines["pattern"]])
    missing = sorted(set(out.loc[out["gloss"] == "", "pattern"]))
    assert not missing, f"no gloss for {missing}"
    return out


smo_lines = tk.frame_matches(ru, "war_framing_ru", frames="special_military_operation")
bor_smo = glossed(smo_lines[smo_lines["source"] == "Borealis Agency"].head(6))
bor_smo[["doc_id", "left", "match", "right", "gloss"]]

# %%
assert len(bor_smo) == 6 and bor_smo["match"].str.lower().str.contains("операци|сво").all()

# %% [markdown]
# And behind the Northgate Wire (ru) bar: *война* in the wire's own sentences ("took part
# in the **war** from its first days", "since the start of the **war**"), and also inside
# quoted speech ("I don't want to fight in someone else's **war**").

# %%
war_lines = tk.frame_matches(ru, "war_framing_ru", frames="war")
ngw_war = glossed(war_lines[war_lines["source"] == "Northgate Wire"].head(6))
ngw_war[["doc_id", "left", "match", "right", "gloss"]]

# %%
assert (ngw_war["pattern"] == "война").all() and len(ngw_war) == 6
assert "с начала" in ngw_war.iloc[1]["left"] and "в чужой" in ngw_war.iloc[2]["left"]

# %% [markdown]
# ## 5. Retreats: euphemised or explicit, per language
#
# The setback frames compete the same way. Shares of setback mentions per outlet and
# language (explicit defeat, neutral withdrawal, euphemised setback):

# %%
SETBACK = ["explicit_defeat", "neutral_withdrawal", "euphemised_setback"]
setbacks = (scores[scores["frame"].isin(SETBACK)].groupby(["source", "language", "frame"], observed=True)["count"]
            .sum().unstack("frame")[SETBACK].fillna(0).astype(int))
shares = setbacks.div(setbacks.sum(axis=1), axis=0).round(2)
display(setbacks, shares)

# %%
assert 0.6 < shares.loc[("Borealis Agency", "ru"), "euphemised_setback"] < 0.7  # two thirds
assert shares.loc[("The Dnipro Ledger", "uk"), "explicit_defeat"] > 0.5
assert setbacks.loc[("Northgate Wire", "ru"), "euphemised_setback"] >= 3

# %% [markdown]
# Counts come from few articles. **Prevalence** — the share of articles with at least one
# mention, with a 95 % Wilson interval — side by side for the same outlet across languages:

# %%
prev = tk.frame_prevalence(scores, by=["source", "language"])
prev_side = prev[prev["frame"].isin(["explicit_defeat", "euphemised_setback"])
                 & prev["source"].isin(["Borealis Agency", "Northgate Wire", "The Dnipro Ledger"])]
prev_side[["source", "language", "frame", "n_docs", "n_present", "share", "ci_low", "ci_high"]].round(2)

# %%
dl = prev_side.set_index(["source", "language", "frame"])
assert dl.loc[("The Dnipro Ledger", "uk", "explicit_defeat"), "share"] > 0.5
assert dl.loc[("The Dnipro Ledger", "en", "explicit_defeat"), "ci_low"] < dl.loc[
    ("The Dnipro Ledger", "uk", "explicit_defeat"), "share"] < dl.loc[("The Dnipro Ledger", "en", "explicit_defeat"), "ci_high"]
assert (prev_side["ci_high"] - prev_side["ci_low"]).min() > 0.3

# %% [markdown]
# With 14-15 articles per outlet and language every interval is more than 30 points wide:
# The Dnipro Ledger names a defeat explicitly in more than half of its Ukrainian articles,
# well inside the interval of its English ones — the same line in both languages, as far
# as 15 articles can tell.
#
# Borealis Agency's Russian service words two thirds of its setback mentions as
# euphemisms, above all *перегруппировка* ("regrouping", half of them), then *жест доброй
# воли* ("goodwill gesture"), *трудное решение* ("difficult decision") and
# *передислокация* ("redeployment"); The Dnipro Ledger's Ukrainian edition words most as
# explicit defeat. But **Northgate Wire's Russian service** has euphemisms too — read them:

# %%
eu_lines = tk.frame_matches(ru, "war_framing_ru", frames="euphemised_setback")
bor_eu = eu_lines.loc[eu_lines["source"] == "Borealis Agency", "pattern"].value_counts()
assert bor_eu["перегруппировка"] == setbacks.loc[("Borealis Agency", "ru"), "euphemised_setback"] / 2
assert bor_eu[["жест добрый воля", "трудный решение", "передислокация"]].tolist() == [2, 2, 2]
ngw_eu = glossed(eu_lines[eu_lines["source"] == "Northgate Wire"]).reset_index(drop=True)
# whose words? read by the notebook's authors, line by line
ngw_eu["whose words"] = [
    "Russia's announcement, reported ('Russia promised to sharply reduce military activity')",
    "Western military assessments ('may be an attempt to present a failure as a goodwill gesture')",
    "the defence ministry's word, in quotation marks after 'called'",
    "the ministry's claim in indirect speech ('troops were pulled back to more advantageous lines')",
    "the commander's proposal, reported ('to save the lives of servicemen')",
    "a Ukrainian denial ('the enemy makes no goodwill gestures')",
]
ngw_eu[["doc_id", "left", "match", "right", "gloss", "whose words"]]

# %%
assert ngw_eu["doc_id"].tolist() == ["ngw-ru-e02", "ngw-ru-e02", "ngw-ru-e05", "ngw-ru-e08", "ngw-ru-e12", "ngw-ru-e12"]
assert ngw_eu.loc[2, "left"].rstrip().endswith("„") and "назвало" in ngw_eu.loc[2, "left"]
assert "не совершает" in ngw_eu.loc[5, "left"] and "попыткой представить" in ngw_eu.loc[1, "left"]
ngw_text = dict(zip(ru["doc_id"], ru["text"], strict=True))
assert "По оценкам западных военных" in ngw_text["ngw-ru-e02"]  # whose scepticism
assert "Зеленский сказал, что враг не делает подарков" in ngw_text["ngw-ru-e12"]  # whose denial
eu_noquotes = tk.frame_scores(ru, "war_framing_ru", exclude_quotes=True)
assert eu_noquotes.query("frame == 'euphemised_setback'").groupby("source")["count"].sum()["Northgate Wire"] == len(ngw_eu)

# %% [markdown]
# **This is where the method fails.** None of the wire's six "euphemisms" is its own
# wording: they are Moscow's words *reported* (once in quotation marks after *назвало*,
# "called"), Western military officials' scepticism, and a Ukrainian denial (*the enemy
# makes no goodwill gestures*, in indirect speech). A lexicon counts the word, not who
# uses it, nor a negation. In English the toolkit can set quoted speech apart
# (`exclude_quotes=True`, notebook 06); its attribution rules are English only — on the
# Russian part `exclude_quotes=True` leaves all six counted, even the one in quotation
# marks — so in Russian and Ukrainian you have to read the lines.
#
# ## 6. Kyiv, Kiev, Київ, Киев: a spelling is a choice
#
# The actor layer finds *Kyiv*, *Kiev*, *Киев* and *Київ* (and their inflected forms
# *Киева*, *Києві*..., counted under the base spelling) as the same actor — here under
# *Ukraine*. `name_spellings` puts the spellings back side by side, so the choice is
# reported, never merged away:

# %%
spell = tk.name_spellings(corpus, actor_names=["Ukraine"], by=["source", "language"])
kyiv = spell[spell["spelling"].isin(["Kyiv", "Kiev", "Киев", "Київ"])]
kyiv.pivot_table(index=["source", "language"], columns="spelling", values="n", fill_value=0)

# %%
assert set(kyiv.loc[kyiv["language"] == "en", "spelling"]) == {"Kyiv"}
assert set(kyiv.loc[kyiv["language"] == "ru", "spelling"]) == {"Киев"}
assert set(kyiv.loc[kyiv["language"] == "uk", "spelling"]) == {"Київ"}
assert not corpus["text"].str.contains(r"\bKiev", regex=True).any()

# %% [markdown]
# In this corpus the English articles that name the city write only *Kyiv* (never
# *Kiev*), the Russian ones only *Киев*, the Ukrainian ones only *Київ*: within a language
# the outlets agree, so here the spelling marks
# the **language**, not the outlet. In real English-language news *Kiev* vs *Kyiv* does
# separate outlets and years — which is why the toolkit never merges them silently.
#
# **What translation loses.** Russian has two prepositions for "in Ukraine": *на Украине*
# (the older usage, treated in Ukraine as denying statehood) and *в Украине*. English
# has one. Count them in the Russian part:

# %%
prep = pd.DataFrame({src: {"на Украине": len(re.findall(r"\bна Украин", " ".join(g["text"]))),
                           "в Украине": len(re.findall(r"\bв Украин", " ".join(g["text"])))}
                     for src, g in ru.groupby("source")}).T
prep

# %%
assert prep.loc["Borealis Agency", "на Украине"] > 0 and prep.loc["Borealis Agency", "в Украине"] == 0
assert prep.loc["Northgate Wire", "в Украине"] > 0 and prep.loc["Northgate Wire", "на Украине"] == 0
en_lines = tk.concordance(corpus[corpus["language"] == "en"], "in Ukraine")
assert len(en_lines) > 40

# %% [markdown]
# Borealis writes only *на Украине*, the wire only *в Украине* (the pattern also catches
# *на/в Украину*, "to Ukraine", where the same choice arises); translated, both are "in
# Ukraine" (which the English part uses more than forty times). A study of translated
# coverage cannot see this choice at all.
#
# ## 7. Keyness within a language only
#
# Keyness compares how often a group uses each word with a reference. Across languages
# every word is "key": a Russian article uses Russian words. The toolkit warns:

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    tk.keyness(corpus, target="Borealis Agency", by="source")
mismatch = [w for w in caught if issubclass(w.category, LanguageMismatchWarning)]
print(str(mismatch[0].message)[:160], "...")

# %%
assert mismatch and "keyness across languages" in str(mismatch[0].message)

# %% [markdown]
# Compare within the Russian part instead (Borealis against the wire), on lemmas (so
# *операции* and *операцией* are one word), with stop words out:

# %%
key_ru = tk.keyness(ru, target="Borealis Agency", by="source", lemma=True, stopwords=True)
key_ru.head(10)[["term", "count_target", "count_reference", "z"]]

# %%
top_terms = set(key_ru.head(10)["term"])
assert {"эксперт", "отметить", "специальный", "операция", "западный", "киевский"} <= top_terms
assert {"borealis", "agency"} <= top_terms and key_ru["count_reference"].head(10).max() <= 8
bor_text = " ".join(ru.loc[ru["source"] == "Borealis Agency", "text"])
assert "киевский режим" in bor_text and "Киевские власти" in bor_text and "МОСКВА, 14 апреля — Borealis Agency." in bor_text

# %% [markdown]
# Within one language the list is about wording: *эксперт* ("expert") and *отметить*
# ("to note"), the agency's way of bringing in voices; *операция* and *специальный*, the
# "special military operation" of section 4; *западный* ("Western") and *киевский*, the
# adjective "Kyiv('s)": *киевские власти* ("the Kyiv authorities"), *киевский режим* ("the
# Kyiv regime"). Read the lines before you name a frame. And two
# "key" words are not wording at all: *borealis* and *agency* are the outlet's own name in
# its dateline (*МОСКВА, 14 апреля — Borealis Agency.*). Keyness finds boilerplate as
# readily as framing.
# %% [markdown]
# ## 8. Caveats
#
# - **Constructed data.** The Russian and Ukrainian articles were written for teaching,
#   with the same honesty rules as the English part; nothing here describes real media.
# - **The Russian and Ukrainian lexicons are not validated.** No real Russian- or
#   Ukrainian-language news corpus was available to the project, so unlike the English
#   lexicon (`data/gold/`) their precision and recall are unknown. Read the lines.
# - **Lemmas are guesses out of context** (section 2); Ukrainian especially, because its
#   dictionary does not rank analyses.
# - **Attribution and actor roles are English-only.** Quoted euphemisms count (section 5);
#   role phrases such as *российские войска* are not actor mentions (names and places are).
# - **Same frame name, not the same word.** *Война* and *war* share a frame; whether they
#   carry the same weight in each language is a question for a reader of both.

# %%
roles = pd.DataFrame({"doc_id": ["ru", "en"], "language": ["ru", "en"],
                      "text": ["Российские войска вошли в город.", "Russian troops entered the town."]})
role_mentions = tk.actor_mentions(roles)
assert set(role_mentions["doc_id"]) == {"en"}  # the English role phrase is found, the Russian one is not

# %% [markdown]
# ## Summary
#
# 1. `article_languages(corpus)`: the language of each article, given or detected, and mixed ones.
# 2. `word_frequencies(..., lemma=True)`, `keyness(..., lemma=True)`: counts over lemmas;
#    `stopwords=True` uses each article's language.
# 3. `frame_scores(part, "war_framing_ru")`: lemma lexicons with the English frame names.
# 4. `name_spellings(corpus, by=[...])`: the spelling of a name as a reported choice.
# 5. Keyness within one language; read every line, with a gloss.
#
# ## Exercises
#
# Solutions are in the hidden cells below each exercise (click to show). Try first!
#
# **Exercise 1 (annexation).** Score the `annexation_legitimising` and
# `annexation_contesting` frames per outlet and language. Which outlet-language pairs
# use *воссоединение* ("reunification") and which *псевдореферендум* ("sham referendum")?
# Read the lines: whose word is each?

# %%
# your code here

# %% tags=["solution"] jupyter={"outputs_hidden": true, "source_hidden": true}
ANNEX = ["annexation_legitimising", "annexation_contesting"]
annex = (scores[scores["frame"].isin(ANNEX)].groupby(["source", "language", "frame"], observed=True)["count"]
         .sum().unstack("frame")[ANNEX].fillna(0).astype(int))
display(annex)
assert annex.loc[("Borealis Agency", "ru"), "annexation_legitimising"] > annex.loc[
    ("Borealis Agency", "ru"), "annexation_contesting"]
assert annex.loc[("The Dnipro Ledger", "uk"), "annexation_contesting"] > annex.loc[
    ("The Dnipro Ledger", "uk"), "annexation_legitimising"]
annex_lines = pd.concat([tk.frame_matches(part, LEXICON[lang], frames=ANNEX).assign(language=lang)
                         for lang, part in [("ru", ru), ("uk", uk)]], ignore_index=True)
reunif = annex_lines[annex_lines["pattern"] == "воссоединение"]
sham = annex_lines[annex_lines["pattern"] == "псевдореферендум"]
display(reunif[["doc_id", "source", "left", "match", "right"]], sham[["doc_id", "source", "left", "match", "right"]])
assert reunif["source"].value_counts().to_dict() == {"Borealis Agency": 2, "Northgate Wire": 1}
assert set(sham["source"] + "/" + sham["language"]) == {"The Dnipro Ledger/uk"} and len(sham) == 6
assert reunif.loc[reunif["source"] == "Northgate Wire", "left"].str.contains("Кремль называет").all()
# Borealis (ru) legitimises (воссоединение, вхождение в состав, референдум); the Dnipro
# Ledger (uk) contests (псевдореферендум, анексія, окупант, незаконний) and alone uses
# псевдореферендум. Northgate Wire's Russian service has воссоединение once too — as what
# "the Kremlin calls" it, in quotation marks: its few "legitimising" matches are reported
# words, read them with tk.frame_matches before counting them as the wire's.

# %% [markdown]
# **Exercise 2 (one outlet, three languages).** Northgate Wire publishes in all three
# languages. Compare its war names and setback shares across them (sections 4-5). Is the
# wire the same outlet in every language?

# %%
# your code here

# %% tags=["solution"] jupyter={"outputs_hidden": true, "source_hidden": true}
ngw = pd.concat({"names": names.xs("Northgate Wire", level="source"),
                 "setbacks": shares.xs("Northgate Wire", level="source")}, axis=1)
display(ngw)
assert (ngw[("names", "war")] > ngw[("names", "special_military_operation")]).all()
assert (ngw[("names", "special_military_operation")] == 0).all()
assert ngw[("setbacks", "explicit_defeat")].idxmax() == "ru"
# In all three languages the wire calls it a war and never a "special military operation".
# Its setback shares differ (explicit defeat about half in Russian, a quarter in English),
# but on a handful of mentions; and its Russian service reports Moscow's euphemisms, which
# a lexicon counts as its own: read section 5 before comparing.

# %% [markdown]
# **Exercise 3 (lemma or form?).** Count *перегруппировка* ("regrouping") in the Russian
# part as word forms (`word_frequencies`) and as a lemma (`lemma=True`). How many forms
# are there, and which outlet uses them?

# %%
# your code here

# %% tags=["solution"] jupyter={"outputs_hidden": true, "source_hidden": true}
f = tk.word_frequencies(ru, by="source")
regroup_forms = f[f["term"].str.startswith("перегруппировк")]
display(regroup_forms[["source", "term", "count"]])
lem = tk.word_frequencies(ru, by="source", lemma=True)
display(lem[lem["term"] == "перегруппировка"][["source", "term", "count"]])
assert regroup_forms["term"].nunique() == 5
assert set(regroup_forms.loc[regroup_forms["source"] == "Northgate Wire", "term"]) == {"перегруппировкой"}
bor_lem = lem[(lem["term"] == "перегруппировка") & (lem["source"] == "Borealis Agency")]["count"]
assert int(bor_lem.iloc[0]) == int(regroup_forms.loc[regroup_forms["source"] == "Borealis Agency", "count"].sum()) == 10
# Five forms, ten uses by Borealis Agency (no single form more than four times); one use
# by Northgate Wire: the Russian ministry's word in quotation marks (section 5).
