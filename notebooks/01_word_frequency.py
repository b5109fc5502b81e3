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

# %%
# Test: the header card and the data section (101 articles, 15 events, seven outlets, each
# covering most events with one article per event, about 58,000 words).
assert len(corpus) == 101 and corpus["event_id"].nunique() == 15 and len(outlets) == 7
assert (outlets["articles"] == outlets["events"]).all()  # one article per event
assert (outlets["events"] > 15 / 2).all()  # "most" of the 15 events
assert round(tk.index_tokens(corpus).n_tokens, -3) == 58_000

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

# %%
# Test: the articles on one event are dated at most one day apart.
date_spread = corpus.groupby("event_id")["date"].agg(lambda d: (d.max() - d.min()).days)
assert date_spread.max() <= 1

# %% [markdown]
# Four articles are **wire copies**: another outlet republished a Northgate Wire story with
# small edits (column `republished_from`). Keep them in mind: a sentence in a wire copy is
# counted twice. We leave them in here; notebook 02 shows how to find and handle them.

# %%
wire_copies = corpus.loc[corpus["republished_from"].notna(), ["doc_id", "source", "republished_from"]]
wire_copies

# %%
# Test: four wire copies, all of Northgate Wire stories, in other outlets.
assert len(wire_copies) == 4 and wire_copies["republished_from"].str.startswith("ngw-").all()
assert (wire_copies["source"] != "Northgate Wire").all()

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

# %%
# Test: the tokeniser's rules as described above.
example = tk.tokenize("the war and the talks")
assert len(example) == 5 and len(set(example)) == 4  # 5 tokens, 4 types
tricky_tokens = tk.tokenize(tricky)
assert all(t == t.lower() for t in tricky_tokens)  # lowercased
assert all(any(ch.isalnum() for ch in t) for t in tricky_tokens)  # punctuation dropped
assert not set("’“”–") & set("".join(tricky_tokens))  # curly apostrophe made straight
assert {"u.s.", "3,000", "counter-offensive", "kyiv's"} <= set(tricky_tokens)  # kept whole

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

# %%
# Test: "Things to notice".
corpus_types = set(tk.word_frequencies(corpus)["term"])
assert {"kyiv", "kyiv's", "russia", "russia's"} <= corpus_types  # separate types
assert {"3,000", "2022"} <= set(tricky_tokens)
assert tk.tokenize("US") == tk.tokenize("us") == ["us"] and tk.tokenize("U.S.") == ["u.s."]
assert {"US", "U.S."} <= set(tk.tokenize(tricky, lowercase=False))  # case kept

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
us_lines = tk.concordance(corpus, "us", by="source", n=1)
us_lines

# %%
# Test: the type `us` mixes the pronoun (written "us") and the country (written "US").
us_forms = cased["token"].value_counts()
assert us_forms["US"] > 0 and us_forms["us"] > 0
assert {"us", "US"} <= set(us_lines["match"])  # both kinds among the lines above

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

# Test: the list has reporting noise (said, told, according, Mr, weekday names) and keeps "us".
weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
assert {"said", "told", "according", "mr", *weekdays} <= STOP
assert "us" not in STOP
# stopwords=True uses get_stopwords(): NLTK's function words when its data is installed.
try:
    function_words = tk.get_stopwords("nltk")
except LookupError:  # NLTK's stop-word data is not installed on this computer
    function_words = tk.get_stopwords("bundled")
assert tk.get_stopwords() == function_words

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

# %%
# Test: the stems are not always real words; all-token counts are function words and "said".
assert {"offici", "presid"} <= set(choices["stop words removed + stems"])
assert "said" in set(choices["all tokens"]) and set(choices["all tokens"]) <= STOP
assert {"russian", "ukrainian", "kyiv", "moscow"} <= set(choices["stop words removed"])

# %% [markdown]
# Counting all tokens, the top 10 are function words (and *said*). With stop words removed we
# see the actors of the story. With stems, `russia` moves up because *Russia's* is now counted
# with *Russia*:

# %%
words = tk.word_frequencies(corpus)
stems = tk.word_frequencies(corpus, stem=True)
display(words.loc[words["term"].isin(["russia", "russia's"]), ["term", "count"]])
stems.loc[stems["term"] == "russia", ["term", "count"]]

# %%
# Test: with stems, russia moves up because russia's is counted with it; the forms of
# retreat (retreat, retreated, retreating, retreats) become one stem.
word_count = words.set_index("term")["count"]
stem_count = stems.set_index("term")["count"]
rank_of = {col: choices.index[choices[col] == "russia"][0] for col in choices.columns[1:]}
assert rank_of["stop words removed + stems"] < rank_of["stop words removed"]
assert stem_count["russia"] == word_count["russia"] + word_count["russia's"]
retreat_forms = ["retreat", "retreated", "retreating", "retreats"]
assert stem_count["retreat"] == word_count[retreat_forms].sum()

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

# %%
# Test: the outlets differ in size, and removing stop words does not change per_10k.
assert outlet_tokens.max() > 1.2 * outlet_tokens.min()
all_terms = tk.word_frequencies(corpus, by="source").set_index(["source", "term"])["per_10k"]
content = tk.word_frequencies(corpus, by="source", stopwords=STOP).set_index(["source", "term"])["per_10k"]
assert (all_terms.loc[content.index] - content).abs().max() < 1e-9

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

# %%
# Test: the two rankings differ; The Rhine Chronicle has the most "war" tokens and the most
# text, but not the highest per_10k; per_10k = count / tokens x 10,000; fewer than five
# occurrences separate the first and the third outlet.
assert (war["rank_by_count"] != war["rank_by_per_10k"]).any()
assert war["count"].idxmax() == outlet_tokens.idxmax() == "The Rhine Chronicle" != war["per_10k"].idxmax()
assert (war["count"] / war["tokens"] * 10_000 - war["per_10k"]).abs().max() < 1e-9
top3 = war.nlargest(3, "per_10k")
assert (top3["per_10k"].iloc[0] - top3["per_10k"].iloc[2]) * top3["tokens"].max() / 10_000 < 5

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

# %%
# Test: the claims about DP above.
dp_row = dp.set_index("term")
n_articles = len(corpus)
assert (dp_row.loc[["the", "said"], "dp"] < 0.15).all()
assert (dp_row.loc[["the", "said"], "docs"] == n_articles).all()
assert dp_row.loc["war", "docs"] > n_articles / 2
bridge_event = (tokens.loc[tokens["token"] == "bridge"].merge(corpus[["doc_id", "event_id"]], on="doc_id")
                ["event_id"].value_counts(normalize=True))
assert bridge_event.index[0] == "E09" and 0.7 < bridge_event.iloc[0] < 0.8  # about 3/4
assert dp_row.loc["regrouping", "count"] < 10 and dp_row.loc["regrouping", "dp"] > 0.9
# A very rare word is bound to look uneven: every word with 3 occurrences or fewer has DP > 0.9.
all_dp = tk.dispersion(corpus)
assert all_dp.loc[all_dp["count"] <= 3, "dp"].min() > 0.9

# %% [markdown]
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
# in the autumn; *retreat* turns up at ten of the fifteen events, most often at the
# withdrawal from Kherson (E12). The lines behind *grain*, one per outlet that uses it:

# %%
tk.concordance(corpus, "grain", by="source", n=1)

# %%
# Test: what the x-ray shows.
where = locations.merge(by_date[["doc_id", "event_id", "date"]], on="doc_id")
event_counts = {t: g["event_id"].value_counts() for t, g in where.groupby("term")}
month_counts = {t: g["date"].dt.month.value_counts() for t, g in where.groupby("term")}
assert event_counts["regrouping"].index[0] == "E05"
assert event_counts["regrouping"].iloc[0] > event_counts["regrouping"].sum() / 2  # a burst
assert event_counts["grain"].index[0] == "E04" and month_counts["grain"].index[1] == 11
negotiation_months = month_counts["negotiations"]
assert negotiation_months[[3, 9, 10, 11]].sum() > 0.8 * negotiation_months.sum()
assert event_counts["negotiations"]["E02"] == negotiation_months[3]  # March = the Istanbul talks
assert len(event_counts["retreat"]) == 10 and event_counts["retreat"].index[0] == "E12"

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
# The points follow the reference line only approximately. In this small corpus the first
# word, *the*, stands out: the 2nd word is well under half as frequent. From rank 2 to rank
# 10 the counts then fall more slowly than Zipf predicts (the points lie above the line).
# What matters for us is the shape: most of the vocabulary is in the rare tail — more than
# half of the types occur only once or twice.

# %%
# Test: the claims about Zipf's law in this corpus.
counts = words["count"].sort_values(ascending=False).tolist()
zipf = [counts[0] / rank for rank in range(1, 11)]  # the reference line
assert sum(counts[:10]) / sum(counts) > 0.2  # a handful of types, a large part of the tokens
assert counts[1] < zipf[1]  # the 2nd word: under half as frequent as "the"
assert all(c > z for c, z in zip(counts[2:10], zipf[2:10], strict=True))  # ranks 3-10 above the line
assert counts[9] / counts[1] > 2 / 10  # rank 2 -> 10 falls less than Zipf's 1/5
assert (words["count"] <= 2).mean() > 0.5  # most types occur once or twice

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
# The lists are **similar**: every outlet's top 10 has the actors of the story *Russian,
# Russia, Ukrainian* and *Kyiv*, and most also have *Moscow* and *president*. Top-word lists
# mostly show **topic**, not framing.
# Spelling matters too: The American Signal writes *defense* (and *defence* only once), the
# others *defence* (Northgate Wire's one *defense* is in an organisation's name) — two types
# for one word.
# The differences are further down each list: *operation* and *western* for Borealis Agency,
# *security* (also in The Rhine Chronicle's list) and *Chinese* for Eastern Concord Daily,
# *European* for The Rhine Chronicle, *warned* for The American Signal — and **the reporting
# verb *claimed*** in the Dnipro Ledger's top 10.

# %%
# Test: the claims above about the top-10 lists and the chart.
top_sizes = top_words.groupby("source").size()
assert (top_sizes >= 10).all() and (top_sizes > 10).any()  # ties: some lists are longer
assert all(len(ax.patches) == 10 for ax in axes if ax.get_visible())  # the chart shows 10
top_lists = top_words.groupby("source")["term"].apply(set)
assert all({"russian", "russia", "ukrainian", "kyiv"} <= terms for terms in top_lists)
assert sum("moscow" in t for t in top_lists) > 7 / 2 and sum("president" in t for t in top_lists) > 7 / 2
spelling = freq.pivot_table(index="term", columns="source", values="count", fill_value=0).loc[
    ["defense", "defence"]]
assert spelling.loc["defense", "The American Signal"] > 20 * spelling.loc["defence", "The American Signal"]
other_outlets = spelling.drop(columns="The American Signal")
assert (other_outlets.loc["defence"] > 10 * other_outlets.loc["defense"]).all()
distinctive = {
    "operation": "Borealis Agency", "western": "Borealis Agency",
    "security": "Eastern Concord Daily", "chinese": "Eastern Concord Daily",
    "european": "The Rhine Chronicle", "warned": "The American Signal",
    "claimed": "The Dnipro Ledger",
}
for term, outlet in distinctive.items():
    has_term = set(top_lists.index[top_lists.map(lambda terms, t=term: t in terms)])
    assert has_term == ({outlet, "The Rhine Chronicle"} if term == "security" else {outlet}), term

# %% [markdown]
# Which outlets use *claimed*, and how often?

# %%
claimed = freq.loc[freq["term"] == "claimed", ["source", "count", "per_10k", "docs"]]
claimed.sort_values("per_10k", ascending=False)

# %% [markdown]
# Three outlets use it often, two never. But **who** is said to have "claimed"? Read the lines:

# %%
tk.concordance(corpus, "claimed", by="source", n=2)

# %% [markdown]
# The same verb points in opposite directions: in The Dnipro Ledger it is nearly always
# Russian officials who "claim", in Borealis Agency it is Ukrainian and Western ones. A
# frequency table counts the verb; only the lines show **whose** statements are being
# distanced. (Notebook 02 compares reporting verbs systematically.)

# %%
# Test: three outlets use "claimed" often (more than twice the rate of the rest), two never;
# who "claims" in Borealis Agency and in The Dnipro Ledger (the 4 words before the verb).
claimed_rate = claimed.set_index("source")["per_10k"].reindex(outlet_tokens.index, fill_value=0)
assert (claimed_rate == 0).sum() == 2
often = claimed_rate.nlargest(3)
assert often.min() > 2 * claimed_rate.drop(often.index).max()
claimers = tk.concordance(corpus, "claimed", window=4)
RUSSIAN = r"Russia|Putin|Kremlin|Moscow|Shoigu|Lavrov|Peskov|Medinsky|Occupation"
UKRAINIAN_OR_WESTERN = r"Ukrain|Zelensky|Kyiv|Pentagon|European|State Department"
bor_claimers = claimers.loc[claimers["source"] == "Borealis Agency", "left"]
dni_claimers = claimers.loc[claimers["source"] == "The Dnipro Ledger", "left"]
assert bor_claimers.str.contains(UKRAINIAN_OR_WESTERN).all() and not bor_claimers.str.contains(RUSSIAN).any()
assert dni_claimers.str.contains(RUSSIAN).mean() > 0.5
assert not dni_claimers.str.contains(r"Zelensky|Pentagon|European|State Department|Ukrainian officials").any()

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
# Names and titles indeed — nine of the ten. The exception, *special military operation*, is
# a framing phrase; we come back to it below. Datelines produce n-grams too, and across
# punctuation:

# %%
dateline = tk.concordance(corpus, "northgate wire president", n=3)
dateline

# %%
# Test: the stop-word rule for n-grams; names and titles in the top 10; n-grams cross punctuation.
all_trigrams = tk.word_frequencies(corpus, ngram=3, stopwords=STOP)
trigram_words = all_trigrams["term"].str.split()
assert not trigram_words.map(lambda w: w[0] in STOP or w[-1] in STOP).any()
assert "against" in STOP and "war against ukraine" in set(all_trigrams["term"])
top_trigrams = trigrams["term"].head(10)
is_title = top_trigrams.str.contains(r"\b(?:president|minister|ministry|spokesman)\b")
assert is_title.sum() == 9 and top_trigrams[~is_title].tolist() == ["special military operation"]
assert len(dateline) > 0 and dateline["match"].str.contains(r"\)").all()

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
# Five outlets' own phrases stand out, each used at more than twice the rate of any other
# outlet: *special military operation* for Borealis Agency, *putin's war* for The American
# Signal, *war against ukraine* for The Rhine Chronicle, *full-scale invasion* for The
# Dnipro Ledger, and *legitimate security concerns* (a justification rather than a name for
# the war) for Eastern Concord Daily. Northgate Wire and Southern Horizon lead on none of
# these phrases. But every other outlet uses *special military operation* too. Adopting the
# phrase or reporting it? The lines decide:

# %%
tk.concordance(corpus, "special military operation", by="source", n=1)

# %%
# Test: whose phrase each one is, and that every outlet uses "special military operation".
own_phrase = {
    "special military operation": "Borealis Agency",
    "putin's war": "The American Signal",
    "war against ukraine": "The Rhine Chronicle",
    "full-scale invasion": "The Dnipro Ledger",
    "legitimate security concerns": "Eastern Concord Daily",
}
for phrase, outlet in own_phrase.items():
    rates = phrase_table.loc[phrase]
    assert rates[outlet] > 2 * rates.drop(outlet).max(), phrase
assert not {"Northgate Wire", "Southern Horizon"} & set(phrase_table.idxmax(axis=1))
assert (phrase_table.loc["special military operation"] > 0).all()

# %% [markdown]
# And *goodwill gesture* is almost absent as a bigram — yet the idea is there in other word
# orders. A phrase count only finds the exact sequence:

# %%
goodwill = tk.concordance(corpus, "goodwill")
goodwill

# %%
# Test: the bigram "goodwill gesture" occurs only twice; the word "goodwill" more often.
goodwill_gesture = bigrams.loc[bigrams["term"] == "goodwill gesture", "count"].sum()
assert goodwill_gesture == 2 and len(goodwill) > goodwill_gesture

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
# A month without articles has no value (`NaN` in the `trends` table), so the lines **break**
# there: July, with a single event, is an isolated dot. Only the dots are data.

# %%
corpus.groupby(corpus["date"].dt.to_period("M")).agg(
    articles=("doc_id", "size"), events=("event_id", lambda e: ", ".join(sorted(e.unique())))
)

# %%
# Test: one article per outlet per event; the events per month.
assert corpus.groupby(["source", "event_id"]).size().max() == 1
events_per_month = corpus.groupby(corpus["date"].dt.month)["event_id"].nunique()
assert events_per_month[9] == 3 and events_per_month[10] == 4
assert not {5, 6, 8} & set(events_per_month.index)

# %%
trends = tk.term_trends(corpus, ["negotiat*", "retreat*", "regroup*"], by=None, freq="M")
trends.head(8)

# %%
# Test: per_10k = count / tokens of the month x 10,000, and no value where nothing was published.
published = trends["tokens"] > 0
assert (trends["count"] / trends["tokens"] * 10_000 - trends["per_10k"])[published].abs().max() < 1e-9
assert trends.loc[~published, "per_10k"].isna().all()
assert set(trends.loc[~published, "period"].dt.month) == {5, 6, 8}

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

# %%
# Test: the peaks of the chart; every outlet uses regroup* in September, and most report it
# as someone's statement (a reporting verb in the 30 words before it).
by_month = trends.pivot(index="period", columns="term", values="per_10k")
assert by_month["negotiat*"].idxmax().month == 3
autumn = by_month.index.month.isin([9, 10, 11])
assert by_month.loc[autumn, "negotiat*"].min() > by_month.loc[~autumn & (by_month.index.month != 3), "negotiat*"].max()
assert by_month["regroup*"].idxmax().month == 9
september_regroup = tk.concordance(corpus[corpus["date"].dt.month == 9], "regroup*", window=30)
assert september_regroup["source"].nunique() == corpus["source"].nunique()
reported = september_regroup.groupby("source")["left"].apply(
    lambda left: left.str.contains(r"\b(?:said|claimed|calls?|called|presented)\b").any())
assert reported.sum() > len(reported) / 2

# %% [markdown]
# And *retreat\** has a peak in **July** — the month of the grain deal, with no military
# retreat in the news at all. What is it counting?

# %%
july = corpus[corpus["date"].dt.month == 7]
july_retreat = tk.concordance(july, "retreat*")
july_retreat

# %% [markdown]
# Wheat prices that "retreated", and promises of *no retreat* from plans and commitments. Not one line is
# about troops. Section 7 looks at this failure more closely.

# %%
# Test: retreat* peaks in July, the month of the grain deal (E04) alone, and no July line is
# about troops: each is "retreated" (wheat futures) or "no retreat".
assert by_month["retreat*"].idxmax().month == 7
assert set(july["event_id"]) == {"E04"}
assert len(july_retreat) > 0
assert (july_retreat["match"].str.lower().eq("retreated") & july_retreat["left"].str.contains("futures")
        | july_retreat["left"].str.strip().str.lower().str.endswith("no")).all()

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

# %%
# Test: The Dnipro Ledger above Borealis Agency, Borealis Agency above three other outlets.
retreat_rate = retreat.set_index("source")["per_10k"]
assert retreat_rate["The Dnipro Ledger"] > retreat_rate["Borealis Agency"]
assert (retreat_rate["Borealis Agency"]
        > retreat_rate[["Northgate Wire", "Southern Horizon", "Eastern Concord Daily"]]).all()

# %% [markdown]
# Does the state-aligned agency write about retreats more than a Western wire? Read all of
# Borealis Agency's lines:

# %%
borealis = corpus[corpus["source"] == "Borealis Agency"]
borealis_retreat = tk.concordance(borealis, "retreat", window=10)
borealis_retreat

# %% [markdown]
# Not one of them calls a Russian move a retreat. The word is **denied** (not a retreat),
# **attributed to others** (what Western commentators said), **discussed as a word**, or used
# **figuratively** in the phrase *no retreat from* a position. Frequency counts the word;
# it cannot see negation, quotation, or who is speaking.

# %%
# Test: each of Borealis Agency's lines is one of the four uses named above.
left = borealis_retreat["left"].str.strip()
right = borealis_retreat["right"].str.strip()
use = pd.Series("?", index=borealis_retreat.index)
use[left.str.endswith("not a")] = "denied"
use[left.str.contains("Western commentators")] = "attributed to others"
use[left.str.endswith("the word")] = "discussed as a word"
use[left.str.endswith("no") & right.str.startswith("from")] = "no retreat from"
assert "?" not in set(use) and use.nunique() == 4

# %% [markdown]
# The phrase *no retreat* is common across the corpus — every outlet uses it — and in every
# line here means "no change of policy", not a military retreat:

# %%
no_retreat = tk.concordance(corpus, "no retreat")
print(len(no_retreat), "occurrences of 'no retreat'")
no_retreat

# %%
# Test: every outlet uses "no retreat", always about a policy ("no retreat from" plans,
# goals, commitments, or "in this speech"), and it is a sizeable share of all "retreat".
assert no_retreat["source"].nunique() == corpus["source"].nunique()
assert no_retreat["right"].str.strip().str.match(r"from |in this speech").all()
assert len(no_retreat) >= 0.2 * dp_row.loc["retreat", "count"]

# %% [markdown]
# (Two of these lines are identical: one is a wire copy, counted twice.) And the form
# *retreated* mixes troops with wheat futures and gas prices:

# %%
retreated = tk.concordance(corpus, "retreated")
retreated

# %%
# Test: two identical "no retreat" lines, one of them a wire copy of the other; "retreated"
# is troops four times, wheat futures three times, gas prices once.
line_text = no_retreat["left"] + no_retreat["match"] + no_retreat["right"]
twins = no_retreat.loc[line_text.duplicated(keep=False), "doc_id"].tolist()
assert len(twins) == 2
copied = corpus.set_index("doc_id").loc[twins, "republished_from"].dropna()
assert len(copied) == 1 and copied.iloc[0] in twins
assert retreated["left"].str.contains("Russian forces").sum() == 4
assert retreated["left"].str.contains("wheat futures", case=False).sum() == 3
assert retreated["left"].str.contains("gas prices").sum() == 1 and len(retreated) == 8

# %% [markdown]
# The same happens with the names of the war. Eastern Concord Daily uses *war* six times, but
# mostly (five times) inside *Cold War* and *Second World War*. Borealis Agency uses it only
# four times, always in other people's words: twice inside quotations, once for what the G20
# declaration "calls the war in Ukraine", and once for the Kremlin spokesman's "indirect war
# against Russia" (the sentence is cut in the line below; widen the `window` to see it all):

# %%
war_lines = tk.concordance(corpus[corpus["source"].isin(["Borealis Agency", "Eastern Concord Daily"])], "war")
war_lines

# %%
# Test: the claims above.
ecd_war = war_lines[war_lines["source"] == "Eastern Concord Daily"]
assert len(ecd_war) == 6 and ecd_war["left"].str.strip().str.contains(r"(?:Cold|World)$").sum() == 5
bor_war = war_lines[war_lines["source"] == "Borealis Agency"]
assert len(bor_war) == 4
assert bor_war["left"].str.contains('"').sum() == 2  # inside a quotation
assert bor_war["left"].str.contains("what it calls the").sum() == 1
assert bor_war["right"].str.strip().str.startswith("against Russia").sum() == 1
assert tk.concordance(borealis, "indirect war", window=12)["right"].str.contains("Kremlin spokesman").all()

# %% [markdown]
# ## 8. What frequency can and cannot tell us
#
# **What the numbers show.** In this corpus, counting words and phrases does reveal the
# outlets' designed editorial lines: the name an outlet gives the war (*special military
# operation*, *putin's war*, *war against ukraine*, *full-scale invasion*; *conflict*, used
# most by Eastern Concord Daily and Southern Horizon), its topics (grain and food for Southern
# Horizon, *European security* for The Rhine Chronicle) and, once you read the lines, its
# reporting verbs. Relative frequencies, document shares and DP tell you how
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

# %%
# Test: the claims of this section that were not tested above.
rate = freq.pivot_table(index="term", columns="source", values="per_10k", fill_value=0)
assert set(rate.loc["conflict"].nlargest(2).index) == {"Eastern Concord Daily", "Southern Horizon"}
assert rate.loc["grain"].idxmax() == rate.loc["food"].idxmax() == "Southern Horizon"
bigram_rate = bigrams.pivot_table(index="term", columns="source", values="per_10k", fill_value=0)
assert bigram_rate.loc["european security"].idxmax() == "The Rhine Chronicle"
# "a few dozen occurrences": every per-outlet count in this notebook's tables is under 50
assert max(war["count"].max(), claimed["count"].max(), retreat["count"].max()) < 50
assert outlets["articles"].min() == 13 and outlets["articles"].max() == 15

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
shown = ["Borealis Agency", "Northgate Wire"]
print("BEFORE: top 5 bigrams, bundled stop words (ties share a rank, so some lists are longer)")
display(before[before["source"].isin(shown)])
print("AFTER: top 5 bigrams, bundled stop words + the words of the outlet names")
display(after[after["source"].isin(shown)])
# The dateline bigrams are gone. But "eastern", "southern", "american" and "dnipro" are also
# ordinary words (eastern Ukraine, the Dnipro river): a broad list removes more than intended.
assert "borealis agency" in set(before.loc[before["source"] == "Borealis Agency", "term"])
assert "northgate wire" in set(before.loc[before["source"] == "Northgate Wire", "term"])
assert not after["term"].str.split().map(lambda w: bool(set(w) & set(outlet_words))).any()
bigram_count = bigrams.groupby("term")["count"].sum()
assert bigram_count["eastern ukraine"] > 0 and bigram_count["dnipro river"] > 0

# %% [markdown]
# **Exercise 2.** Find the 10 most frequent trigrams of The Dnipro Ledger (stop words
# removed). Which are names, which could be framing? Read the lines of one of them.

# %%
# your code here

# %% tags=["solution"] jupyter={"outputs_hidden": true, "source_hidden": true}
ledger = corpus[corpus["source"] == "The Dnipro Ledger"]
ledger_tri = tk.word_frequencies(ledger, ngram=3, stopwords=STOP, top=10)
display(ledger_tri.head(10))
print(len(ledger_tri), "rows for a 'top 10':", (ledger_tri["count"] == 2).sum(), "trigrams tie at count 2")
# Many ties at count 2 and 3: the list is long and unstable.
assert len(ledger_tri) > 10 and (ledger_tri["count"] == 3).sum() > 1 and (ledger_tri["count"] == 2).sum() > 10
assert "claiming to annex" in set(ledger_tri["term"])
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
assert "Borealis Agency" not in set(freq.loc[freq["term"] == "invasion", "source"])
assert invasion.index[invasion["count"] == 0].tolist() == ["Borealis Agency"]
# Eastern Concord Daily mentions the word only to say that others use it.
ecd_invasion = tk.concordance(corpus[corpus["source"] == "Eastern Concord Daily"], "invasion")
assert len(ecd_invasion) == 2 and ecd_invasion["left"].str.contains(r"regarded|the word").all()
ecd_invasion

# %% [markdown]
# **Exercise 4.** What share of each outlet's articles mention *grain* at least once? Which
# outlet covers grain most widely, and which never mentions it?

# %%
# your code here

# %% tags=["solution"] jupyter={"outputs_hidden": true, "source_hidden": true}
grain = freq.loc[freq["term"] == "grain", ["source", "docs", "doc_share"]].set_index("source")
grain = grain.reindex(sorted(corpus["source"].unique()), fill_value=0)
# Southern Horizon covers grain most widely (9 of its 15 articles); The American Signal never
# mentions it.
assert grain["doc_share"].idxmax() == "Southern Horizon" and grain.loc["Southern Horizon", "docs"] == 9
assert grain.index[grain["docs"] == 0].tolist() == ["The American Signal"]
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
