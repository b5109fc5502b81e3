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
# # 01 · Word frequency: what counting words can and cannot tell us
#
# | | |
# |---|---|
# | **Question** | Which words does each outlet use most, and what can — and can't — counting words tell us about how they cover the war? |
# | **Audience** | Media and communication researchers; teachers and students of media literacy |
# | **Difficulty** | Beginner |
# | **Time** | About 80–100 minutes including the exercises (the estimate of a teacher's review; the first version said 45–60): **two class periods**, or one with the exercises as homework. Lesson plan: `teaching/01_word_frequency/`. |
# | **Prerequisites** | None: this is the first notebook. You should be able to run a code cell. Knowing a little pandas (a table of rows and columns) helps but is not needed. |
# | **Data** | The bundled demo corpus: 101 news articles on 15 real events of 2022 from seven **fictional** outlets. It is **constructed for teaching**: every sentence was written by the newsframes authors. It must **not** be used to draw conclusions about real media. See the data card, `data/demo/README.md`. |
# | **Libraries** | `toolkit` (`load_demo`, `tokenize`, `token_table`, `index_tokens`, `get_stopwords`, `word_frequencies`, `dispersion`, `term_locations`, `term_trends`, `concordance`; plots from `toolkit.plots`: `plot_top_terms`, `plot_xray`, `plot_zipf`, `plot_trends`), pandas, matplotlib |

# %% [markdown]
# ## Learning goals
#
# After this notebook you can:
#
# - say what a **token** and a **type** are, and how choices about case, stop words and
#   stems change a word count;
# - explain why **raw counts** mislead when you compare outlets of different size, and use
#   frequencies **per 10,000 words** instead;
# - tell a word that is frequent *everywhere* from one that is frequent in *a few articles*
#   (document share, Gries's DP, the x-ray plot);
# - recognise **Zipf's law** in a corpus;
# - list each outlet's most frequent words and **phrases** (n-grams) and follow the trend of a
#   word across the events of 2022;
# - **read the concordance lines behind every number**, and name what frequency cannot see:
#   who is speaking, and whether a word is negated, quoted or used figuratively.

# %%
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import toolkit as tk
from toolkit.plots import plot_top_terms, plot_trends, plot_xray, plot_zipf

pd.set_option("display.precision", 2)
pd.set_option("display.max_colwidth", 80)

# %% [markdown]
# ## 0. The data
#
# > **Read this first.** The demo corpus was **constructed for teaching**. The seven outlets
# > are **fictional**; the **events are real** (the 2022 Russia–Ukraine war, from the
# > full-scale invasion in February to Zelensky's visit to Washington in December); **every
# > sentence was written by the newsframes authors** to a brief that gives each outlet a
# > recognisable editorial line. Differences between the outlets are therefore cleaner than
# > in real coverage, and the corpus is tiny (about 58,000 words). Use it to learn the
# > methods, **never to draw conclusions about real media**. The data card
# > (`data/demo/README.md`) describes how it was made, the outlets, the events and its
# > limitations.
#
# `tk.load_demo()` returns the corpus as a pandas DataFrame: **one row per article**, with the
# text and its metadata (outlet = `source`, `date`, `title`, the `event_id` it covers...).

# %%
corpus = tk.load_demo()
print(corpus.shape)  # (rows = articles, columns)
corpus[["doc_id", "source", "date", "event_id", "title"]].head()

# %% [markdown]
# Seven outlets. Each covers most of the 15 events with **one article per event**.

# %%
outlets = corpus.groupby("source").agg(
    articles=("doc_id", "size"),
    events=("event_id", "nunique"),
    first=("date", "min"),
    last=("date", "max"),
)
outlets

# %% [markdown]
# The 15 events (our own short labels; the data card has longer descriptions). Articles are
# dated on the day of the event or the day after.

# %%
EVENTS = {
    "E01": "Full-scale invasion begins",
    "E02": "Istanbul talks; pull-back near Kyiv announced",
    "E03": "Black Sea flagship Moskva sinks",
    "E04": "Grain deal signed in Istanbul",
    "E05": "Kharkiv counteroffensive",
    "E06": "Partial mobilisation in Russia",
    "E07": "Annexation ceremony",
    "E08": "Russian withdrawal from Lyman",
    "E09": "Kerch bridge explosion",
    "E10": "Missile strikes on Ukrainian cities",
    "E11": "Kremlin says goals reachable by talks",
    "E12": "Withdrawal from Kherson's right bank",
    "E13": "Missile lands in Przewodow, Poland",
    "E14": "G20 in Bali; ten-point peace formula",
    "E15": "Zelensky visits Washington",
}
events = corpus.groupby("event_id").agg(date=("date", "min"), outlets=("source", "nunique"))
events.insert(0, "event", events.index.map(EVENTS))
events

# %% [markdown]
# Four articles are **wire copies**: another outlet republished a Northgate Wire story with
# small edits (column `republished_from`). Keep them in mind: a sentence in a wire copy is
# counted twice. We leave them in here; notebook 02 shows how to find and handle them.

# %%
corpus.loc[corpus["republished_from"].notna(), ["doc_id", "source", "republished_from"]]

# %% [markdown]
# ## 1. What is a word? Tokens, types and the choices behind them
#
# A computer does not know what a "word" is. Before it can count, it **splits each text into
# tokens** — the units it will count — following fixed rules. Each occurrence is a **token**;
# each distinct form is a **type**. In *"the war and the talks"* there are 5 tokens but only 4
# types (*the* occurs twice).
#
# newsframes' rules (see `tk.tokenize`): text is **lowercased**; curly apostrophes become
# straight ones; punctuation is dropped; abbreviations with dots (*U.S.*), numbers with
# separators (*3,000*) and words joined by hyphens or apostrophes (*counter-offensive*,
# *Kyiv's*) stay whole. Let us try it on an invented sentence with several traps.

# %%
tricky = (
    "Kyiv’s counter-offensive retook 3,000 sq km in 2022 – a “retreat”, "
    "US officials said; the U.S. envoy didn't comment."
)
tk.tokenize(tricky)

# %% [markdown]
# Things to notice:
#
# - *Kyiv’s* is **one** token, `kyiv's`, a different type from `kyiv`. The same holds for
#   `russia's` and `russia`.
# - The dash and the quotation marks are gone; `3,000` and `2022` are tokens.
# - `U.S.` becomes `u.s.`, but `US` (without dots) becomes `us` — the **same type as the
#   pronoun *us***. Lowercasing merged two different words.
#
# With `lowercase=False` the case is kept:

# %%
tk.tokenize(tricky, lowercase=False)

# %% [markdown]
# Applied to the whole corpus, tokenisation gives the **token table** (the "tidy text"
# format): one row per token, with the article it belongs to and its position. The corpus is
# tokenised once; every later function reuses that **token index**.

# %%
tokens = tk.token_table(corpus)
print(tk.index_tokens(corpus))  # documents, tokens and types in the corpus
tokens.head(8)

# %% [markdown]
# Does the *US*/*us* merge matter here? Count the case-sensitive forms, then read a few lines
# where the lowercased type `us` occurs: some are the pronoun, some the country.

# %%
cased = tk.token_table(corpus, lowercase=False)
cased.loc[cased["token"].str.lower().isin(["us", "u.s."]), "token"].value_counts()

# %%
tk.concordance(corpus, "us", by="source", n=1)

# %% [markdown]
# ### Stop words and stems
#
# The most frequent words of any English text are **function words** (*the, of, and, to*).
# They tell us little about framing, so analysts often leave them out with a **stop-word
# list**. The newsframes list has English function words plus "reporting noise" that every
# outlet's news copy is full of (*said, told, according, Mr*, weekday names).
#
# `stopwords=True` uses `tk.get_stopwords()`, whose function-word part comes from NLTK
# **when NLTK's stop-word data happens to be installed** on the computer, and from the
# bundled list otherwise. So that everyone in a class gets the same tables, we pass the
# bundled list explicitly.

# %%
STOP = tk.get_stopwords("bundled")
print(len(STOP), "stop words, for example:", sorted(STOP)[:12])
print("'us' is a stop word:", "us" in STOP, "| 'u.s.' is a stop word:", "u.s." in STOP)

# %% [markdown]
# The bundled list deliberately **keeps** *us*: after lowercasing, the pronoun and the
# country are one type, and removing it would delete every *US* written without dots. The
# count of `us` still mixes the two words. A stop-word list is a **choice**, not a neutral
# filter: check it before trusting a table.
#
# **Stemming** cuts words down to a common stem (Snowball stemmer): *retreat, retreated,
# retreats, retreating* all become `retreat`; *Russia's* becomes `russia`. Stems merge forms
# you may want together, but they are not always real words (`offici`, `presid`).
#
# Here are the top 10 words of the whole corpus under three choices:

# %%
def top10(**options):
    """The 10 most frequent terms of the whole corpus under the given options."""
    table = tk.word_frequencies(corpus, top=10, **options)
    return table["term"].head(10).reset_index(drop=True)


choices = pd.DataFrame(
    {
        "all tokens": top10(),
        "stop words removed": top10(stopwords=STOP),
        "stop words removed + stems": top10(stopwords=STOP, stem=True),
    }
)
choices.index += 1  # rank 1 to 10
choices

# %% [markdown]
# Counting all tokens, the top 10 are function words (and *said*). With stop words removed we
# see the actors of the story. With stems, `russia` moves up because *Russia's* is now counted
# with *Russia*:

# %%
words = tk.word_frequencies(corpus)
stems = tk.word_frequencies(corpus, stem=True)
display(words.loc[words["term"].isin(["russia", "russia's"]), ["term", "count"]])
stems.loc[stems["term"] == "russia", ["term", "count"]]

# %% [markdown]
# ## 2. Raw counts, relative frequency and dispersion
#
# ### Raw vs per 10,000 words
#
# A **raw count** is how many times a word occurs. It grows with the amount of text: an outlet
# that publishes more words will have more of almost every word. To compare outlets we divide
# by the outlet's total number of tokens and multiply by 10,000: the **relative frequency per
# 10,000 words** (`per_10k`), "how many times would this word occur in 10,000 words of this
# outlet". The total includes stop words, so removing stop words does not change `per_10k`.
#
# Our outlets differ in size:

# %%
with_source = tokens.merge(corpus[["doc_id", "source"]], on="doc_id")
outlet_tokens = with_source.groupby("source").size().rename("tokens")
outlet_tokens.to_frame()

# %% [markdown]
# Take the word *war*. Ranking the outlets by raw count and by `per_10k` gives a different
# order: The Rhine Chronicle has the most *war* tokens partly because it has the most text.

# %%
freq = tk.word_frequencies(corpus, by="source")
war = freq.loc[freq["term"] == "war", ["source", "count", "per_10k", "docs", "doc_share"]]
war = war.set_index("source").join(outlet_tokens)
war["rank_by_count"] = war["count"].rank(ascending=False, method="min").astype(int)
war["rank_by_per_10k"] = war["per_10k"].rank(ascending=False, method="min").astype(int)
war.sort_values("per_10k", ascending=False)

# %% [markdown]
# Check the arithmetic for one row: `per_10k = count / tokens × 10,000`. Note also how
# **small** the differences between the top three are — a handful of occurrences. In a corpus
# this size, small differences are noise.
#
# Numbers alone never say *how* the word is used. The lines behind them:

# %%
tk.concordance(corpus, "war", by="source", n=1)

# %% [markdown]
# ### Frequent in one article, or spread out?
#
# A word can be frequent because many articles use it, or because **one or two articles use
# it a lot**. Two measures tell these apart:
#
# - **`docs` / `doc_share`** (document frequency): in how many articles (what share of them)
#   the word occurs at least once.
# - **Gries's DP** (*deviation of proportions*, `tk.dispersion`). If a word were spread
#   evenly, each article would hold a share of its occurrences equal to its share of the
#   corpus's text. DP measures how far the real spread is from that: it is the **share of the
#   word's occurrences you would have to move to other articles to make the spread even**.
#   DP near **0** = spread evenly across the corpus; DP near **1** = packed into a few
#   articles. (`dp_norm` rescales DP so that 1 is the maximum possible for this corpus.)
#
# DP misleads when a word is very rare: with 2 or 3 occurrences it is bound to be "uneven".

# %%
dp = tk.dispersion(
    corpus,
    terms=["the", "said", "war", "talks", "negotiations", "retreat", "grain", "bridge", "regrouping"],
)
dp

# %% [markdown]
# *the* and *said* are everywhere (DP close to 0). *war* is in most articles. *bridge* is
# frequent but concentrated: about three quarters of it comes from the coverage of one event,
# the Kerch bridge explosion (E09).
# *regrouping* is rare and concentrated.
#
# ### The x-ray plot
#
# An **x-ray** (lexical dispersion) plot draws one tick for every occurrence of a word, along
# the whole corpus laid end to end. We sort the articles **by date**, so left is February and
# right is December; the labels on top mark where each event's articles begin.

# %%
by_date = corpus.sort_values(["date", "event_id", "source"]).reset_index(drop=True)
locations = tk.term_locations(by_date, ["regrouping", "retreat", "negotiations", "grain"])
locations.head()

# %%
index = tk.index_tokens(by_date)
doc_start = pd.Series(index.offsets[:-1] / index.n_tokens, index=by_date["event_id"])
event_start = doc_start.groupby(level=0).min()

ax = plot_xray(locations)
ax.set_xlabel("position in the corpus (articles sorted by date; share of all tokens)")
top = ax.secondary_xaxis("top")
top.set_xticks(event_start.to_numpy(), event_start.index, fontsize=7)
plt.show()

# %% [markdown]
# *regrouping* appears in a burst around the Kharkiv counteroffensive (E05), *grain* around
# the grain deal (E04) and again in November, *negotiations* at the Istanbul talks (E02) and
# in the autumn; *retreat* is spread more widely. The lines behind *grain*, one per outlet:

# %%
tk.concordance(corpus, "grain", by="source", n=1)

# %% [markdown]
# ## 3. Zipf's law: a few words are very common, most are rare
#
# Sort the types by frequency and give each a **rank** (1 = most frequent). **Zipf's law**
# says that frequency falls roughly in proportion to 1 / rank: the 2nd word is about half as
# frequent as the 1st, the 10th about a tenth. On log-log axes this is a straight line with
# slope −1. It holds, roughly, for almost every text collection.
#
# Why it matters: a handful of types make up a large part of all tokens, while a long tail of
# words occurs once or twice — and counts in that tail are too small to compare.

# %%
plot_zipf(words)
plt.show()

# %%
hapax = words[words["count"] == 1]
print(f"{len(words):,} types; {len(hapax):,} of them ({len(hapax) / len(words):.0%}) occur only once")
print("the 10 most frequent types make up",
      f"{words['count'].head(10).sum() / words['count'].sum():.0%} of all tokens")
hapax["term"].sample(10, random_state=1).tolist()  # some words that occur once

# %% [markdown]
# The points follow the reference line only approximately; in this small corpus the top
# ranks are flatter than Zipf predicts. What matters for us is the shape: most of the
# vocabulary is in the rare tail.

# %% [markdown]
# ## 4. Top words per outlet
#
# Now the top 10 words of each outlet, stop words removed, ranked by count and shown per
# 10,000 words. `rank` ties share a number, so some outlets list more than 10 words
# (the chart shows 10).

# %%
top_words = tk.word_frequencies(corpus, by="source", stopwords=STOP, top=10)
top_words.head(12)

# %%
axes = plot_top_terms(top_words, by="source")
for ax in axes:
    ax.set_xlim(0, top_words["per_10k"].max() * 1.05)  # same scale in every panel
plt.show()

# %% [markdown]
# (We put all panels on the same scale, so that bar lengths can be compared across outlets.)
#
# The lists are **similar**: every outlet's top words are the actors of the story (*Russian,
# Ukrainian, Kyiv, Moscow, president*). Top-word lists mostly show **topic**, not framing.
# Spelling matters too: The American Signal writes *defense*, the others *defence* — two
# types for one word.
# The differences are further down each list: *operation* and *western* for Borealis Agency,
# *security* and *Chinese* for Eastern Concord Daily, *European* for The Rhine Chronicle,
# *warned* for The American Signal — and **the reporting verb *claimed*** in the Dnipro
# Ledger's top 10.
#
# Which outlets use *claimed*, and how often?

# %%
claimed = freq.loc[freq["term"] == "claimed", ["source", "count", "per_10k", "docs"]]
claimed.sort_values("per_10k", ascending=False)

# %% [markdown]
# Three outlets use it often, two never. But **who** is said to have "claimed"? Read the lines:

# %%
tk.concordance(corpus, "claimed", by="source", n=2)

# %% [markdown]
# The same verb points in opposite directions: in one outlet it is Russian officials who
# "claim", in another it is Ukrainian ones. A frequency table counts the verb; only the lines
# show **whose** statements are being distanced. (Notebook 02 compares reporting verbs
# systematically.)

# %% [markdown]
# ## 5. Phrases: n-grams
#
# Some framing lives in **phrases**, not single words: *special military operation*,
# *full-scale invasion*. An **n-gram** is a sequence of *n* consecutive tokens: a **bigram**
# (n = 2) or a **trigram** (n = 3). `word_frequencies(..., ngram=2)` counts every bigram.
# With stop words, an n-gram is dropped when its **first or last** word is a stop word
# (so *war against ukraine* is kept).
#
# Two things to know: n-grams **cross punctuation and sentence ends** (punctuation is not a
# token), and the most frequent n-grams are usually **names and titles**.

# %%
trigrams = tk.word_frequencies(corpus, ngram=3, stopwords=STOP, top=10)
trigrams.head(10)

# %% [markdown]
# Names and titles indeed. Datelines produce n-grams too, and across punctuation:

# %%
tk.concordance(corpus, "northgate wire president", n=3)

# %% [markdown]
# Rather than reading the top of the list, look up **the phrases you care about** and compare
# them across outlets, per 10,000 words (0 = never used):

# %%
bigrams = tk.word_frequencies(corpus, by="source", ngram=2)
trigrams_by_source = tk.word_frequencies(corpus, by="source", ngram=3)
phrases = pd.concat([bigrams, trigrams_by_source], ignore_index=True)

wanted = [
    "special military operation",
    "full-scale invasion",
    "putin's war",
    "war against ukraine",
    "legitimate security concerns",
    "goodwill gesture",
]
phrase_table = phrases[phrases["term"].isin(wanted)].pivot_table(
    index="term", columns="source", values="per_10k", fill_value=0
)
phrase_table

# %% [markdown]
# Each outlet's name for the war stands out: *special military operation* for Borealis
# Agency, *putin's war* for The American Signal, *war against ukraine* for The Rhine
# Chronicle, *legitimate security concerns* for Eastern Concord Daily. But other outlets use
# *special military operation* too. Adopting the phrase or reporting it? The lines decide:

# %%
tk.concordance(corpus, "special military operation", by="source", n=1)

# %% [markdown]
# And *goodwill gesture* is almost absent as a bigram — yet the idea is there in other word
# orders. A phrase count only finds the exact sequence:

# %%
tk.concordance(corpus, "goodwill")

# %% [markdown]
# ## 6. Trends across the events of 2022
#
# `tk.term_trends` counts words (wildcards allowed: `negotiat*` matches *negotiate,
# negotiations, negotiators*...) per **period** — here per month (`freq="M"`) — and divides by
# the number of tokens published in that period, giving `per_10k` again.
#
# **Caveat:** the demo corpus has **one article per outlet per event** and no coverage
# between events. A "trend" here is **event-driven**: a month's value depends on which events
# fell in it (September and October hold three and four events; May, June and August none).
# The lines are drawn straight across the months without articles: only the dots are data.

# %%
corpus.groupby(corpus["date"].dt.to_period("M")).agg(
    articles=("doc_id", "size"), events=("event_id", lambda e: ", ".join(sorted(e.unique())))
)

# %%
trends = tk.term_trends(corpus, ["negotiat*", "retreat*", "regroup*"], by=None, freq="M")
trends.head(8)

# %%
ax = plot_trends(trends, by=None)
ax.xaxis.set_major_locator(mdates.MonthLocator())
ax.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
ax.set_xlabel("month of 2022")
plt.show()

# %% [markdown]
# *negotiat\** peaks in March (the Istanbul talks, E02) and rises again in the autumn;
# *regroup\** peaks in September, the month of the Kharkiv counteroffensive (E05) when Moscow
# spoke of "regrouping". But *regroup\** is not only Borealis Agency's word — **every** outlet
# uses it that month. The lines, sorted by date:

# %%
tk.concordance(corpus, "regroup*", by="source", n=1, sort="date")

# %% [markdown]
# Most outlets mention *regrouping* in order to **report or dispute** Moscow's word. The trend
# line counts them all the same.
#
# And *retreat\** has a peak in **July** — the month of the grain deal, with no military
# retreat in the news at all. What is it counting?

# %%
july = corpus[corpus["date"].dt.month == 7]
july_retreat = tk.concordance(july, "retreat*")
july_retreat

# %% [markdown]
# Wheat prices that "retreated", and promises of *no retreat* from plans and commitments. Not one line is
# about troops. Section 7 looks at this failure more closely.

# %% [markdown]
# ## 7. When frequency fails: *retreat*
#
# Suppose we want to measure how openly each outlet names Russian defeats, and count
# *retreat*. The Dnipro Ledger (independent Ukrainian) uses it more than Borealis Agency
# (Russian state-aligned), as expected. But Borealis Agency scores **higher** than Northgate
# Wire, Southern Horizon and Eastern Concord Daily:

# %%
retreat = freq.loc[freq["term"] == "retreat", ["source", "count", "per_10k", "docs"]]
retreat.sort_values("per_10k", ascending=False)

# %% [markdown]
# Does the state-aligned agency write about retreats more than a Western wire? Read all of
# Borealis Agency's lines:

# %%
borealis = corpus[corpus["source"] == "Borealis Agency"]
tk.concordance(borealis, "retreat", window=10)

# %% [markdown]
# Not one of them calls a Russian move a retreat. The word is **denied** (not a retreat),
# **attributed to others** (what Western commentators said), **discussed as a word**, or used
# **figuratively** in the phrase *no retreat from* a position. Frequency counts the word;
# it cannot see negation, quotation, or who is speaking.
#
# The phrase *no retreat* is common across the corpus, and nearly always means "no change of
# policy", not a military retreat:

# %%
no_retreat = tk.concordance(corpus, "no retreat")
print(len(no_retreat), "occurrences of 'no retreat'")
no_retreat

# %% [markdown]
# (Two of these lines are identical: one is a wire copy, counted twice.) And the form
# *retreated* mixes troops with wheat futures and gas prices:

# %%
tk.concordance(corpus, "retreated")

# %% [markdown]
# The same happens with the names of the war. Eastern Concord Daily uses *war* six times, but
# mostly inside *Cold War* and *Second World War*; Borealis Agency uses it when reporting what
# others call it:

# %%
tk.concordance(corpus[corpus["source"].isin(["Borealis Agency", "Eastern Concord Daily"])], "war")

# %% [markdown]
# ## 8. What frequency can and cannot tell us
#
# **What the numbers show.** In this corpus, counting words and phrases does reveal the
# outlets' designed editorial lines: the name each outlet gives the war (*special military
# operation*, *putin's war*, *war against ukraine*, *conflict*), its topics (grain and food
# prices for Southern Horizon, European security for The Rhine Chronicle) and, once you read
# the lines, its reporting verbs. Relative frequencies, document shares and DP tell you how
# much, where and how evenly.
#
# **What they do not show.**
#
# - **Who is speaking.** A word in a quotation, or reported in order to reject it, counts the
#   same as the outlet's own wording (*regrouping*, *special military operation*, *claimed*).
# - **Negation and figurative use.** *no retreat from* a position, prices that *retreated*,
#   *Cold War*: same token, different meaning.
# - **Meaning from form alone.** Lowercasing merged *US* and *us* into one count, and a
#   stop-word list that contained *us* would remove both. Every choice in section 1 changes
#   the tables.
# - **Certainty.** Most of the differences rest on a few dozen occurrences. With 13–15 articles
#   per outlet, one article more or less can reorder a list. Wire copies count some sentences
#   twice.
# - **Reality.** This corpus was **written for teaching**: the outlets are fictional and their
#   differences were designed to be found. Nothing here is a finding about real media.
#
# **Rule of thumb:** a frequency is a *question*, not an answer. Every number in a report
# should be backed by reading the concordance lines behind it.

# %% [markdown]
# ## Summary
#
# - A **token** is one occurrence of a word as the tokeniser defines it; a **type** is a
#   distinct form. Case, stop words and stems are choices that change the counts.
# - Compare groups of different size **per 10,000 words**, not by raw counts.
# - `docs` / `doc_share` and **DP** show whether a word is spread out or concentrated; the
#   **x-ray** plot shows where it occurs.
# - Word frequencies follow **Zipf's law**: most types are rare, so most counts are small.
# - Top-word lists show topics; **phrases** (n-grams) and chosen terms compared across
#   outlets show more of the framing.
# - Monthly **trends** in this corpus follow the events.
# - Frequency cannot see **negation, quotation or who speaks**: read the concordance lines.
#
# ## What's next
#
# - **02 · Source comparison**: which words are *distinctive* of an outlet compared with the
#   others (keyness), reporting verbs, and what wire copies do to a comparison.
# - **03 · Framing**: counting *meanings* instead of words, with a dictionary of framing terms
#   (war names, defeat wording, negotiation stance), and checking it against the annotations.

# %% [markdown]
# ## Exercises
#
# Solutions are in the hidden cells below each exercise (click to show). Try first!
#
# **Exercise 1.** Outlet names show up in the bigram lists (*borealis agency*, *northgate
# wire*) because of datelines and bylines. Make a stop-word list that also contains the words
# of the outlet names (hint: `tk.get_stopwords("bundled", extra=[...])`) and redo the top 5
# bigrams per outlet. What changes?

# %%
# your code here

# %% tags=["solution"] jupyter={"outputs_hidden": true, "source_hidden": true}
outlet_words = ["borealis", "agency", "eastern", "concord", "daily", "northgate", "wire",
                "southern", "horizon", "american", "signal", "dnipro", "ledger", "rhine",
                "chronicle"]
my_stop = tk.get_stopwords("bundled", extra=outlet_words)
before = tk.word_frequencies(corpus, by="source", ngram=2, stopwords=STOP, top=5)
after = tk.word_frequencies(corpus, by="source", ngram=2, stopwords=my_stop, top=5)
display(before[before["source"].isin(["Borealis Agency", "Northgate Wire"])])
display(after[after["source"].isin(["Borealis Agency", "Northgate Wire"])])
# The dateline bigrams are gone. But "eastern", "southern", "american" and "dnipro" are also
# ordinary words (eastern Ukraine, the Dnipro river): a broad list removes more than intended.

# %% [markdown]
# **Exercise 2.** Find the 10 most frequent trigrams of The Dnipro Ledger (stop words
# removed). Which are names, which could be framing? Read the lines of one of them.

# %%
# your code here

# %% tags=["solution"] jupyter={"outputs_hidden": true, "source_hidden": true}
ledger = corpus[corpus["source"] == "The Dnipro Ledger"]
ledger_tri = tk.word_frequencies(ledger, ngram=3, stopwords=STOP, top=10)
display(ledger_tri.head(10))  # many ties at count 2 and 3: the list is long and unstable
tk.concordance(ledger, "claiming to annex")

# %% [markdown]
# **Exercise 3.** Compare *invasion* per 10,000 words across the outlets. Which outlet never
# uses it? Read Eastern Concord Daily's lines: do they adopt the word?

# %%
# your code here

# %% tags=["solution"] jupyter={"outputs_hidden": true, "source_hidden": true}
invasion = freq.loc[freq["term"] == "invasion", ["source", "count", "per_10k"]]
invasion = invasion.set_index("source").reindex(sorted(corpus["source"].unique()), fill_value=0)
display(invasion.sort_values("per_10k", ascending=False))
# Borealis Agency has no row in `freq` at all: a missing row means a count of 0.
tk.concordance(corpus[corpus["source"] == "Eastern Concord Daily"], "invasion")
# Eastern Concord Daily mentions the word only to say that others use it.

# %% [markdown]
# **Exercise 4.** What share of each outlet's articles mention *grain* at least once? Which
# outlet covers grain most widely, and which never mentions it?

# %%
# your code here

# %% tags=["solution"] jupyter={"outputs_hidden": true, "source_hidden": true}
grain = freq.loc[freq["term"] == "grain", ["source", "docs", "doc_share"]].set_index("source")
grain = grain.reindex(sorted(corpus["source"].unique()), fill_value=0)
grain.sort_values("doc_share", ascending=False)

# %% [markdown]
# **Exercise 5 (discussion).** Pick a word that you expected to separate two outlets. Count it
# per 10,000 words, then read 10 concordance lines for each outlet. How many of the
# occurrences are the outlet's own wording, how many are quoted, negated or figurative?

# %% [markdown]
# ## Assertions
#
# These checks run with the test suite, so that a change to the toolkit or the demo corpus
# that breaks this lesson is noticed.

# %%
# The tokeniser keeps abbreviations, hyphenated words and possessives whole.
assert {"u.s.", "counter-offensive", "kyiv's", "3,000"} <= set(tk.tokenize(tricky))

# The stop-word list removed "the": top word when all tokens count, absent with stop words removed.
assert choices.loc[1, "all tokens"] == "the"
assert "the" not in set(tk.word_frequencies(corpus, stopwords=STOP)["term"])

# per_10k is count / tokens of the outlet x 10,000.
row = freq[(freq["source"] == "Borealis Agency") & (freq["term"] == "russian")].iloc[0]
assert abs(row["per_10k"] - row["count"] / outlet_tokens["Borealis Agency"] * 10_000) < 1e-9

# Dispersion: "the" is spread far more evenly than "grain" or "bridge".
dp_of = dp.set_index("term")["dp"]
assert dp_of["the"] < dp_of["war"] < dp_of["grain"] and dp_of["war"] < dp_of["bridge"]

# Borealis Agency uses "special military operation" more per 10k than any other outlet.
smo = phrase_table.loc["special military operation"]
assert smo.idxmax() == "Borealis Agency" and smo["Borealis Agency"] > 2 * smo.drop("Borealis Agency").max()

# The July peak of "retreat*" is not about troops: every line is "retreated" (prices) or "no retreat".
assert len(july_retreat) > 0
assert (july_retreat["match"].str.lower().eq("retreated")
        | july_retreat["left"].str.strip().str.lower().str.endswith("no")).all()

# "putin's war" is The American Signal's phrase only.
assert (phrase_table.loc["putin's war"] > 0).sum() == 1 and phrase_table.loc["putin's war"].idxmax() == "The American Signal"

# The Dnipro Ledger's "retreat" count is above Borealis Agency's ...
retreat_count = retreat.set_index("source")["count"]
assert retreat_count["The Dnipro Ledger"] > retreat_count["Borealis Agency"] > 0
# ... and the failure case holds: "no retreat" is a sizeable share of all "retreat" tokens.
assert len(no_retreat) >= 5

# Southern Horizon mentions "grain" in a larger share of its articles than any other outlet.
grain_share = freq[freq["term"] == "grain"].set_index("source")["doc_share"]
assert grain_share.idxmax() == "Southern Horizon"
