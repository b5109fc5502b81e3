"""Benchmark workloads: synthetic news corpora made of resampled real sentences.

Two kinds (named workloads in :data:`WORKLOADS`):

* **general** (``source="allsides"``): the reference workload of ``bench_index.py``,
  100,000 articles (~300 MB of text) from the sentences of 50 real outlets of all kinds;
* **war-dense** (``source="ru_ua"``): ``dense20k`` / ``dense100k``, 20,000 / 100,000
  articles (~3,600 bytes each: ~72 / ~360 MB) made only of sentences of 2022 Guardian
  and New York Times coverage of the Russia-Ukraine war, so that war vocabulary
  (``negotiat*``, frame terms) is dense; it contains a known number of planted
  near-duplicate articles for duplicate detection.

A workload is built deterministically (fixed seed) by *resampling real sentences*, so
its vocabulary, word lengths and sentence structure are those of real news prose, while
its size is chosen freely. It is cached as Parquet under ``benchmarks/.cache/`` (never
committed) and rebuilt only when its parameters change.

Where the sentences come from
-----------------------------
``source="allsides"`` (used by default when the file exists)
    ``../shared/corpora/allsides_37k.parquet`` (relative to the repository root; 37,554
    real articles from 491 outlets). Its texts are split into sentences, each sentence
    keeping its outlet. Only the ``--outlets`` (default 50) outlets with the most
    articles are used (ties broken by name), which keeps the number of groups in
    ``by="source"`` analyses realistic (a research corpus has tens of outlets, not
    hundreds); those 50 outlets hold 34,179 of the 37,554 articles.
``source="ru_ua"`` (the war-dense workloads; never chosen by ``"auto"``)
    ``../shared/corpora/ru_ua_2022_guardian_nyt.csv`` (407 real articles on the
    Russia-Ukraine war, 2022-02-24 .. 2022-08-06: 188 from The Guardian, 219 from The New
    York Times; columns ``published``, ``headlines``, ``articles``, ``journal``). With
    only two real outlets, ``by="source"`` would have two groups; to get a realistic
    number, each article is given a **synthetic outlet name** ``outlet-01`` ..
    ``outlet-20`` (``--outlets``). Odd-numbered synthetic outlets take their sentences and
    headlines from The Guardian's articles, even-numbered ones from the New York Times',
    so every synthetic outlet has the voice of one real outlet; an article's outlet is
    drawn with probability proportional to ``1 / sqrt(k)`` for ``outlet-k`` (group sizes
    vary about 4.5-fold, as in real corpora). Dates are uniform over the real range
    (2022-02-24 .. 2022-08-06).
``source="demo"`` (the fallback when ``../shared`` is absent)
    The bundled demo corpus (``toolkit.load_demo()``, or ``data/demo/articles.jsonl``
    read directly when ``load_demo`` is not available yet), resampled the same way.

How an article is made
----------------------
* ``source``: an outlet drawn with probability proportional to its number of articles
  in the original corpus.
* ``date``: a day drawn uniformly from 2022-01-01 .. 2022-12-31 (so monthly and weekly
  trends have data in every period).
* ``text``: sentences drawn at random (with replacement) from *that outlet's* sentence
  pool until the article reaches its target length. Target lengths follow a gamma
  distribution (shape 4, i.e. a coefficient of variation of 0.5, at least 300 bytes)
  whose mean is ``mb * 10**6 / n`` bytes (3,000 bytes for the reference workload); a
  sentence is added while at least half of it fits, so the whole workload holds about
  ``mb`` MB of UTF-8 text. Sentences are joined by a
  space; with probability 1/4 a paragraph break (``\\n\\n``) is used instead.
* ``title``: a real headline of the same outlet, drawn at random.
* ``doc_id``: ``bench-0000000`` ... in row order.

Planted near-duplicates
-----------------------
``near_dups=K`` (default 20 for ``ru_ua``, 0 otherwise, so the general workload is
unchanged) replaces K randomly chosen articles by *near-copies* of K other articles
(all 2K distinct; originals chosen among articles of at least 1,500 bytes): the copy
keeps the original's text except for 3 words (of 4+ letters, spread over the text)
replaced by words taken from random sentences of the pool, gets its own ``doc_id``, a
different outlet, the original's title and a date 0-3 days later. The pairs (original,
copy) are listed in the workload's ``.json`` (``near_duplicates``) so that
``find_duplicates`` can be checked against them. With shingles of 5 words, changing 3
words in an article of at least ~250 words keeps a Jaccard similarity above ~0.89.

Sentence splitting is a simple vectorised regular expression (polars): a sentence ends
at ``.``, ``!`` or ``?`` (plus closing quotes/brackets) followed by whitespace, or at a
line end. Titles such as ``Mr.``/``Dr.``/``Sen.`` and single capital letters with a
dot (``U.S.``, ``J. Smith``) are protected from splitting. Sentences shorter than 20
characters are dropped. Text is Unicode NFC with ``\\n`` newlines, as the corpus
schema requires.

Usage
-----
``python benchmarks/workload.py`` builds (or finds) the reference workload and prints
its size; ``--n 5000`` / ``--mb 15`` make a small one; ``--source ru_ua --n 20000`` the
war-dense one; ``--workload dense20k`` a named one. From Python::

    from workload import load_workload
    corpus = load_workload(n=100_000, mb=300)   # pandas DataFrame
    corpus = load_workload(n=20_000, source="ru_ua")

Streamed (``bench_scale.py``): :func:`stream_workload` yields the same kind of articles one
calendar month at a time (up to 1,000,000 articles, ~3 GB, never all in memory), with planted
exact and near duplicates across months and outlets; :func:`scale_store_path` names the
cached partitioned store it is written to.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

REPO = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO / "benchmarks" / ".cache"
ALLSIDES = REPO.parent / "shared" / "corpora" / "allsides_37k.parquet"
RU_UA = REPO.parent / "shared" / "corpora" / "ru_ua_2022_guardian_nyt.csv"
DEMO_JSONL = REPO / "data" / "demo" / "articles.jsonl"
SOURCES = ("auto", "allsides", "demo", "ru_ua")

VERSION = 1
"""Bump when the generation algorithm changes (it is part of the cache key)."""

DEFAULT_N = 100_000
DEFAULT_BYTES_PER_DOC = 3_000
DEFAULT_SEED = 20_220_224
DEFAULT_OUTLETS = 50
RU_UA_BYTES_PER_DOC = 3_600
RU_UA_OUTLETS = 20  # synthetic outlet names outlet-01 .. outlet-20
RU_UA_NEAR_DUPS = 20
RU_UA_FIRST_DAY, RU_UA_DAYS = "2022-02-24", 164  # 2022-02-24 .. 2022-08-06, as the real data
NEAR_DUP_MIN_BYTES = 1_500
NEAR_DUP_CHANGED_WORDS = 3

WORKLOADS: dict[str, dict] = {
    "general": {"source": "auto", "n": 100_000},
    "dense20k": {"source": "ru_ua", "n": 20_000},
    "dense100k": {"source": "ru_ua", "n": 100_000},
}
"""Named workloads (``--workload``); ``--quick`` runs of the benchmarks divide ``n`` by 10."""
MIN_SENTENCE_CHARS = 20
PARAGRAPH_BREAK_P = 0.25
LENGTH_SHAPE = 4.0  # gamma shape of the per-article target length (cv = 1/sqrt(4) = 0.5)
MIN_TARGET_BYTES = 300

_ABBREV = (
    r"\b(Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Jr|Sr|Prof|Rev|No|vs|"
    r"Mt|Ft|Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\."
)
_INITIAL = r"\b([A-Z])\."
_SENTENCE = r"(?m)\S[^\n]*?(?:[.!?]+[\"”’')\]]*(?:[ \t]+|$)|$)"
_PROTECT = "\x00"


def cache_dir() -> Path:
    """``benchmarks/.cache/``, created with a ``.gitignore`` of ``*`` so that nothing in it
    (workloads hold real sentences of the shared corpora) can be added to git by mistake."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    ignore = CACHE_DIR / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# generated benchmark data: never commit (see benchmarks/README.md)\n*\n")
    return CACHE_DIR


def resolve_mb(n: int, mb: float | None, source: str = "auto") -> float:
    """``mb``, or (when None) 3,000 bytes per article (300 MB for 100,000), 3,600 for
    ``ru_ua`` (72 MB for 20,000)."""
    if mb is not None:
        return float(mb)
    per_doc = RU_UA_BYTES_PER_DOC if source == "ru_ua" else DEFAULT_BYTES_PER_DOC
    return n * per_doc / 1e6


def resolve_source(source: str = "auto") -> str:
    """``"allsides"`` when the shared corpus exists, else ``"demo"`` (for ``"auto"``)."""
    if source == "auto":
        return "allsides" if ALLSIDES.exists() else "demo"
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, got {source!r}")
    if source == "allsides" and not ALLSIDES.exists():
        raise FileNotFoundError(f"{ALLSIDES} not found (use source='demo')")
    if source == "ru_ua" and not RU_UA.exists():
        raise FileNotFoundError(f"{RU_UA} not found: the war-dense workloads need it")
    return source


def resolve_outlets(source: str, outlets: int | None) -> int:
    """``outlets``, or its default: 50 real outlets, 20 synthetic ones for ``ru_ua``."""
    if outlets is not None:
        return int(outlets)
    return RU_UA_OUTLETS if resolve_source(source) == "ru_ua" else DEFAULT_OUTLETS


def resolve_near_dups(source: str, near_dups: int | None) -> int:
    """``near_dups``, or its default: 20 for ``ru_ua``, 0 otherwise."""
    if near_dups is not None:
        return int(near_dups)
    return RU_UA_NEAR_DUPS if resolve_source(source) == "ru_ua" else 0


def workload_path(
    n: int = DEFAULT_N,
    mb: float | None = None,
    seed: int = DEFAULT_SEED,
    source: str = "auto",
    outlets: int | None = None,
    near_dups: int | None = None,
) -> Path:
    """The cache file of a workload; its name holds every parameter."""
    src = resolve_source(source)
    mb = resolve_mb(n, mb, src)
    outlets = resolve_outlets(src, outlets)
    dups = resolve_near_dups(src, near_dups)
    d = f"-d{dups}" if dups else ""
    return cache_dir() / f"workload-v{VERSION}-{src}-n{n}-{mb:g}mb-o{outlets}{d}-seed{seed}.parquet"


# --------------------------------------------------------------------------- sources


def _read_allsides() -> pl.DataFrame:
    df = pl.read_parquet(ALLSIDES, columns=["source", "title", "content_original"])
    return df.rename({"content_original": "text"})


def _read_ru_ua() -> pl.DataFrame:
    df = pl.read_csv(RU_UA, columns=["headlines", "articles", "journal"])
    return df.select(
        pl.col("journal").alias("source"),
        pl.col("headlines").alias("title"),
        pl.col("articles").alias("text"),
    )


def _read_demo() -> pl.DataFrame:
    corpus = None
    try:
        import toolkit

        if hasattr(toolkit, "load_demo"):
            corpus = toolkit.load_demo()
    except Exception as exc:  # toolkit half-built: fall back to the file itself
        print(f"[workload] toolkit.load_demo() unavailable ({exc!r}); reading {DEMO_JSONL}",
              file=sys.stderr)
    if corpus is None:
        if not DEMO_JSONL.exists():
            raise FileNotFoundError(
                f"neither {ALLSIDES} nor the demo corpus ({DEMO_JSONL}) is available"
            )
        corpus = pd.read_json(DEMO_JSONL, lines=True, dtype=False)
    df = pd.DataFrame(
        {
            "source": corpus["source"].astype(str).to_numpy(dtype=object),
            "title": corpus["title"].fillna("").astype(str).to_numpy(dtype=object),
            "text": corpus["text"].astype(str).to_numpy(dtype=object),
        }
    )
    return pl.from_pandas(df)


def sentence_pool(articles: pl.DataFrame) -> pl.DataFrame:
    """Split ``articles`` (``source``, ``text``) into sentences: ``source``, ``sentence``."""
    text = (
        pl.col("text")
        .str.replace_all("\r\n?", "\n")
        .str.replace_all(_ABBREV, "${1}" + _PROTECT)
        .str.replace_all(_INITIAL, "${1}" + _PROTECT)
        .str.extract_all(_SENTENCE)
    )
    pool = (
        articles.lazy()
        .select("source", text.alias("sentence"))
        .explode("sentence")
        .with_columns(
            pl.col("sentence").str.replace_all(_PROTECT, ".", literal=True).str.strip_chars()
        )
        .filter(pl.col("sentence").str.len_chars() >= MIN_SENTENCE_CHARS)
        .collect()
    )
    nfc = pc.utf8_normalize(pool["sentence"].to_arrow(), form="NFC")
    return pool.with_columns(pl.Series("sentence", nfc))


# ----------------------------------------------------------------------------- build


def build_workload(
    n: int = DEFAULT_N,
    mb: float | None = None,
    seed: int = DEFAULT_SEED,
    source: str = "auto",
    outlets: int | None = None,
    near_dups: int | None = None,
) -> pd.DataFrame:
    """Generate the workload (no caching; see :func:`load_workload`).

    The planted near-duplicate pairs (if any) are in ``attrs["near_duplicates"]``.
    """
    src = resolve_source(source)
    mb = resolve_mb(n, mb, src)
    outlets = resolve_outlets(src, outlets)
    near_dups = resolve_near_dups(src, near_dups)
    synthetic = src == "ru_ua"
    reader = {"allsides": _read_allsides, "ru_ua": _read_ru_ua, "demo": _read_demo}[src]
    pools = _outlet_pools(reader(), None if synthetic else outlets)
    names, weights, sentences = pools["names"], pools["weights"], pools["sentences"]
    title_start, title_size = pools["title_start"], pools["title_size"]
    titles = pools["titles"].to_frame("title")
    k = len(names)

    rng = np.random.default_rng(seed)
    if synthetic:
        # synthetic outlet s (0-based) is named outlet-{s+1:02d} and speaks with the voice
        # of real outlet s % k (alphabetical: The Guardian, The New York Times)
        real = np.array(sorted(range(k), key=lambda i: names[i]))
        w = 1.0 / np.sqrt(np.arange(1, outlets + 1))
        label = rng.choice(outlets, size=n, p=w / w.sum())
        outlet = real[label % k]
        label_names = [f"outlet-{s + 1:02d}" for s in range(outlets)]
        first_day, n_days = np.datetime64(RU_UA_FIRST_DAY), RU_UA_DAYS
    else:
        outlet = rng.choice(k, size=n, p=weights / weights.sum())
        label, label_names = outlet, names
        first_day, n_days = np.datetime64("2022-01-01"), 365
    mean_target = mb * 1e6 / n
    target = rng.gamma(LENGTH_SHAPE, mean_target / LENGTH_SHAPE, size=n)
    target = np.maximum(target, MIN_TARGET_BYTES)
    dates = first_day + rng.integers(0, n_days, size=n).astype("timedelta64[D]")
    title_pick = title_start[outlet] + (rng.random(n) * title_size[outlet]).astype(np.int64)

    texts = _compose_texts(rng, outlet, target, pools)

    out = pl.DataFrame(
        {
            "doc_id": [f"bench-{i:07d}" for i in range(n)],
            "source": pl.Series(label_names, dtype=pl.String).gather(label),
            "date": dates.astype("datetime64[ms]"),
            "title": titles["title"].gather(title_pick),
            "text": texts,
        }
    )
    corpus = out.to_pandas(use_pyarrow_extension_array=False).astype(
        {"doc_id": "str", "source": "str", "title": "str", "text": "str"}
    )
    corpus.attrs["near_duplicates"] = (
        plant_near_duplicates(corpus, near_dups, rng, sentences, label_names) if near_dups else []
    )
    return corpus


_WORD = re.compile(r"[A-Za-z]{4,}")


def plant_near_duplicates(
    corpus: pd.DataFrame,
    k: int,
    rng: np.random.Generator,
    sentences: pl.Series,
    outlet_names: list[str],
) -> list[dict]:
    """Replace ``k`` articles of ``corpus`` (in place) by near-copies of ``k`` others.

    Originals are drawn among articles of at least ``NEAR_DUP_MIN_BYTES`` bytes; a copy
    keeps its own ``doc_id`` (its row), takes the original's text with
    ``NEAR_DUP_CHANGED_WORDS`` words (4+ ASCII letters, one in each equal part of the
    text) replaced by words of random pool sentences, the original's title, another
    outlet and a date 0-3 days later. Returns the pairs, in planting order.
    """
    n = len(corpus)
    long = np.flatnonzero(corpus["text"].str.len().to_numpy() >= NEAR_DUP_MIN_BYTES)
    if 2 * k > n or k > len(long):
        raise ValueError(f"cannot plant {k} near-duplicates in {n} articles")
    originals = rng.choice(long, size=k, replace=False)
    others = np.setdiff1d(np.arange(n), originals)
    copies = rng.choice(others, size=k, replace=False)
    pairs = []
    col = {c: corpus.columns.get_loc(c) for c in ("source", "date", "title", "text")}
    for o, c in zip(originals.tolist(), copies.tolist(), strict=True):
        copied, changed = _near_copy(corpus.iat[o, col["text"]], rng, sentences)
        src = corpus.iat[o, col["source"]]
        choices = [s for s in outlet_names if s != src] or [src]
        corpus.iat[c, col["text"]] = copied
        corpus.iat[c, col["title"]] = corpus.iat[o, col["title"]]
        corpus.iat[c, col["source"]] = choices[int(rng.integers(len(choices)))]
        corpus.iat[c, col["date"]] = corpus.iat[o, col["date"]] + pd.Timedelta(
            days=int(rng.integers(0, 4))
        )
        pairs.append({"original": corpus.iat[o, 0], "copy": corpus.iat[c, 0],
                      "changed_words": changed})
    return pairs


def load_workload(
    n: int = DEFAULT_N,
    mb: float | None = None,
    seed: int = DEFAULT_SEED,
    source: str = "auto",
    outlets: int | None = None,
    near_dups: int | None = None,
    *,
    rebuild: bool = False,
    verbose: bool = True,
) -> pd.DataFrame:
    """The workload as a corpus DataFrame, from the cache or built (and cached) now.

    Columns: ``doc_id``, ``source``, ``title``, ``text`` (pandas ``str``) and ``date``
    (``datetime64``).
    """
    src = resolve_source(source)
    mb = resolve_mb(n, mb, src)
    outlets = resolve_outlets(src, outlets)
    near_dups = resolve_near_dups(src, near_dups)
    path = workload_path(n, mb, seed, src, outlets, near_dups)
    if rebuild or not path.exists():
        t0 = time.perf_counter()
        corpus = build_workload(n, mb, seed, src, outlets, near_dups)
        pairs = corpus.attrs.pop("near_duplicates", [])
        cache_dir()
        tmp = path.with_suffix(".tmp")
        corpus.to_parquet(tmp, index=False, compression="zstd")
        tmp.replace(path)
        info = describe(corpus)
        info.update(
            source=src, n=n, mb=mb, seed=seed,
            **({"synthetic_outlets": outlets} if src == "ru_ua" else {"max_outlets": outlets}),
            version=VERSION, build_seconds=round(time.perf_counter() - t0, 1),
        )
        if near_dups:
            info["near_duplicates"] = pairs
        path.with_suffix(".json").write_text(json.dumps(info, indent=2))
        if verbose:
            print(f"[workload] built {path.name} in {info['build_seconds']} s: {summary(info)}")
        return corpus
    corpus = pd.read_parquet(path)
    if verbose:
        print(f"[workload] cached {path.name}: {summary(describe(corpus))}")
    return corpus


def ensure_workload(
    n: int = DEFAULT_N,
    mb: float | None = None,
    seed: int = DEFAULT_SEED,
    source: str = "auto",
    outlets: int | None = None,
    near_dups: int | None = None,
    *,
    rebuild: bool = False,
) -> tuple[Path, dict]:
    """Build the workload if it is not cached; return its path and size (nothing kept)."""
    src = resolve_source(source)
    mb = resolve_mb(n, mb, src)
    cache_dir()
    path = workload_path(n, mb, seed, src, outlets, near_dups)
    meta = path.with_suffix(".json")
    if rebuild or not path.exists() or not meta.exists():
        corpus = load_workload(n, mb, seed, src, outlets, near_dups, rebuild=True)
        del corpus
    info = json.loads(meta.read_text())
    print(f"[workload] {path.name}: {summary(info)}")
    return path, info


def text_file(path: Path) -> Path:
    """The workload's texts as one plain-text file (one article per line block), cached.

    Articles are separated by a blank line; used by the ``wc -w`` floor.
    """
    out = path.with_suffix(".txt")
    cache_dir()
    if not out.exists():
        import pyarrow.parquet as pq

        tmp = out.with_suffix(".txt.tmp")
        with open(tmp, "wb") as f:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=10_000, columns=["text"]):
                for text in batch.column(0).to_pylist():
                    f.write(text.encode("utf-8"))
                    f.write(b"\n\n")
        tmp.replace(out)
    return out


def describe(corpus: pd.DataFrame) -> dict:
    """Size of a workload: articles, outlets, text bytes (UTF-8) and characters."""
    text = pa.array(corpus["text"])
    return {
        "articles": len(corpus),
        "outlets": int(corpus["source"].nunique()),
        "text_bytes": int(pc.sum(pc.binary_length(text)).as_py() or 0),
        "text_chars": int(pc.sum(pc.utf8_length(text)).as_py() or 0),
    }


def summary(info: dict) -> str:
    return (
        f"{info['articles']:,} articles, {info['outlets']} outlets, "
        f"{info['text_bytes'] / 1e6:,.1f} MB of text ({info['text_chars']:,} characters)"
    )


def leading_subset(name: str, quick: bool, general_n: int, quick_n: int = 5_000) -> tuple[dict, int | None]:
    """(``ensure_workload`` parameters, number of leading articles to use or None = all).

    ``dense100k``/``dense20k`` in full (``quick``: the first ``quick_n`` of dense20k);
    ``general``: its first ``general_n`` articles (0 = all; ``quick``: the first ``quick_n``
    of its quick variant). Used by the benchmarks that time slow per-article analyses.
    """
    if name in ("dense100k", "dense20k"):
        if quick:
            return named_workload("dense20k"), quick_n
        return named_workload(name), None
    if name == "general":
        if quick:
            return named_workload("general", quick=True), quick_n
        return named_workload("general"), (general_n or None)
    raise ValueError(f"unknown workload {name!r}; choose from dense100k, dense20k, general")


def read_leading(path: str | Path, n: int | None) -> pd.DataFrame:
    """The first ``n`` articles of a cached workload file (all when None)."""
    corpus = pd.read_parquet(path)
    if n is not None and n < len(corpus):
        corpus = corpus.iloc[:n].reset_index(drop=True).copy()
    return corpus


def named_workload(name: str, *, quick: bool = False) -> dict:
    """Parameters (``source``, ``n``) of a named workload; ``quick`` divides ``n`` by 10."""
    if name not in WORKLOADS:
        raise ValueError(f"unknown workload {name!r}; choose from {sorted(WORKLOADS)}")
    params = dict(WORKLOADS[name])
    if quick:
        params["n"] //= 10
    return params


# ------------------------------------------------------------------ streamed (scale)
#
# The scale workloads (bench_scale.py, issue "Beyond one machine"): up to 1,000,000 articles
# (~3 GB of text) generated one calendar month at a time, so that no more than one month
# of articles is ever in memory, and appended to a partitioned Parquet store.

SCALE_VERSION = 1
"""Bump when :func:`stream_workload` changes (part of the store's cache name)."""
SCALE_FIRST_MONTH = "2020-01"
SCALE_ARTICLES_PER_MONTH = 27_778
"""Default articles per month: 1,000,000 articles fill 36 months (2020-01 .. 2022-12)."""
SCALE_DUPS_PER = 10_000
"""Default planted duplicates: one exact and one near copy per this many articles."""


def scale_months(n: int, per_month: int = SCALE_ARTICLES_PER_MONTH) -> int:
    """Months a streamed workload of ``n`` articles covers (at least 1): ``round(n / per_month)``.

    The corpus grows by covering more time at a constant rate of articles per month, so
    partitions (one per outlet and month) keep the same size whatever ``n``: 100,000
    articles -> 4 months (200 partitions), 300,000 -> 11 (550), 1,000,000 -> 36 (1,800).
    """
    return max(1, int(round(n / per_month)))


def scale_dups(n: int, exact_dups: int | None, near_dups: int | None) -> tuple[int, int]:
    """Planted exact and near duplicates: given, or one of each per 10,000 articles."""
    default = max(1, n // SCALE_DUPS_PER)
    return (default if exact_dups is None else int(exact_dups),
            default if near_dups is None else int(near_dups))


def scale_store_path(
    n: int,
    *,
    months: int | None = None,
    mb: float | None = None,
    seed: int = DEFAULT_SEED,
    source: str = "auto",
    outlets: int | None = None,
    exact_dups: int | None = None,
    near_dups: int | None = None,
) -> Path:
    """The cache folder of a streamed workload's partitioned store; its name holds every parameter."""
    src = resolve_source(source)
    if src == "ru_ua":
        raise ValueError("stream_workload supports source 'allsides' or 'demo', not 'ru_ua'")
    mb = resolve_mb(n, mb, src)
    outlets = resolve_outlets(src, outlets)
    months = scale_months(n) if months is None else int(months)
    ex, nd = scale_dups(n, exact_dups, near_dups)
    return cache_dir() / (
        f"scale-v{SCALE_VERSION}-{src}-n{n}-{mb:g}mb-o{outlets}-m{months}-x{ex}-d{nd}-seed{seed}"
    )


def _outlet_pools(articles: pl.DataFrame, outlets: int | None) -> dict:
    """Sentence and headline pools per outlet: the ``outlets`` largest (ties broken by name;
    None: every outlet), their article counts as weights, sentences and titles grouped by
    outlet (``pool_start``/``pool_size``, ``title_start``/``title_size``)."""
    articles = articles.filter(pl.col("text").is_not_null() & pl.col("source").is_not_null())
    counts = articles.group_by("source").len().sort(["len", "source"], descending=[True, False])
    if outlets is not None:
        counts = counts.head(outlets)
    names = counts["source"].to_list()
    weights = counts["len"].to_numpy().astype(np.float64)
    code = {name: i for i, name in enumerate(names)}
    articles = articles.filter(pl.col("source").is_in(names)).with_columns(
        pl.col("source").replace_strict(code, return_dtype=pl.Int32).alias("o")
    )
    pool = sentence_pool(articles.select("o", "text").rename({"o": "source"}))
    pool = pool.rename({"source": "o"}).with_row_index("k").sort(["o", "k"]).drop("k")
    sentences = pool["sentence"]
    sent_bytes = sentences.str.len_bytes().to_numpy().astype(np.int64)
    o_sent = pool["o"].to_numpy()
    k = len(names)
    pool_start = np.searchsorted(o_sent, np.arange(k), side="left")
    pool_size = np.searchsorted(o_sent, np.arange(k), side="right") - pool_start
    if (pool_size == 0).any():
        empty = [names[i] for i in np.flatnonzero(pool_size == 0)]
        raise ValueError(f"outlets without usable sentences: {empty}")
    mean_bytes = np.array(
        [sent_bytes[pool_start[i] : pool_start[i] + pool_size[i]].mean() for i in range(k)]
    )
    titles = articles.select("o", pl.col("title").fill_null("")).with_row_index("k")
    titles = titles.sort(["o", "k"])
    o_title = titles["o"].to_numpy()
    title_start = np.searchsorted(o_title, np.arange(k), side="left")
    title_size = np.searchsorted(o_title, np.arange(k), side="right") - title_start
    return {"names": names, "weights": weights, "sentences": sentences,
            "sent_bytes": sent_bytes, "pool_start": pool_start, "pool_size": pool_size,
            "mean_bytes": mean_bytes, "titles": titles["title"], "title_start": title_start,
            "title_size": title_size}


def _scale_pools(src: str, outlets: int) -> dict:
    """Sentence and headline pools of the ``outlets`` largest outlets (as :func:`build_workload`),
    with the weights normalised to probabilities."""
    reader = {"allsides": _read_allsides, "demo": _read_demo}[src]
    pools = _outlet_pools(reader(), outlets)
    return {**pools, "weights": pools["weights"] / pools["weights"].sum()}


def _compose_texts(rng: np.random.Generator, outlet: np.ndarray, target: np.ndarray,
                   p: dict) -> pl.Series:
    """Texts of articles of ``outlet`` with ``target`` bytes (:func:`build_workload` and the
    streamed workload): candidate sentences are drawn per article in rounds until every
    article is long enough (a sentence is kept while at least half of it fits)."""
    n = len(outlet)
    pool_start, pool_size, mean_bytes = p["pool_start"], p["pool_size"], p["mean_bytes"]
    sent_bytes = p["sent_bytes"]
    doc_parts, sent_parts = [], []
    filled = np.zeros(n, dtype=np.float64)
    todo = np.arange(n)
    first_round = True
    while len(todo):
        o = outlet[todo]
        need = target[todo] - filled[todo]
        m = np.ceil(1.5 * need / (mean_bytes[o] + 1)).astype(np.int64) + 4
        doc = np.repeat(todo, m)
        pick = pool_start[o].repeat(m) + (rng.random(len(doc)) * pool_size[o].repeat(m)).astype(
            np.int64
        )
        size = sent_bytes[pick] + 1  # + separator
        csum = np.cumsum(size)
        first = np.concatenate(([0], np.cumsum(m)[:-1]))
        before = csum - size - np.repeat(csum[first] - size[first], m)  # bytes before each
        # keep a sentence while at least half of it fits in the target (so lengths average
        # out at the target); an article always gets at least one sentence
        keep = before + size / 2 <= np.repeat(need, m)
        if first_round:
            keep[first] = True
            first_round = False
        doc_parts.append(doc[keep])
        sent_parts.append(pick[keep])
        filled += np.bincount(doc[keep], weights=size[keep], minlength=n)
        n_kept = np.bincount(doc[keep], minlength=n)[todo]
        todo = todo[n_kept == m]  # every candidate fitted: draw more for these
    doc = np.concatenate(doc_parts)
    pick = np.concatenate(sent_parts)
    order = np.argsort(doc, kind="stable")  # rounds append after earlier rounds: stable
    doc, pick = doc[order], pick[order]
    last = np.r_[doc[1:] != doc[:-1], True]
    sep = np.where(rng.random(len(doc)) < PARAGRAPH_BREAK_P, "\n\n", " ")
    sep[last] = ""
    long = pl.DataFrame({"doc": doc,
                         "piece": p["sentences"].gather(pick) + pl.Series(sep, dtype=pl.String)})
    texts = long.group_by("doc", maintain_order=True).agg(pl.col("piece").str.join(""))
    assert np.array_equal(texts["doc"].to_numpy(), np.arange(n))
    return texts["piece"]


def _near_copy(text: str, rng: np.random.Generator, sentences: pl.Series) -> tuple[str, list]:
    """``text`` with ``NEAR_DUP_CHANGED_WORDS`` words (4+ letters, one per equal part of the
    text) replaced by words of random pool sentences (:func:`plant_near_duplicates` and the
    streamed workload)."""
    words = list(_WORD.finditer(text))
    parts = np.array_split(np.arange(len(words)), NEAR_DUP_CHANGED_WORDS)
    chosen = sorted(int(rng.choice(q)) for q in parts if len(q))
    pieces, last, changed = [], 0, []
    for i in chosen:
        m = words[i]
        new = m.group()
        while new.lower() == m.group().lower():
            pool_words = _WORD.findall(sentences[int(rng.integers(len(sentences)))])
            if pool_words:
                new = pool_words[int(rng.integers(len(pool_words)))]
        pieces += [text[last : m.start()], new]
        last = m.end()
        changed.append([m.group(), new])
    pieces.append(text[last:])
    return "".join(pieces), changed


def stream_workload(
    n: int,
    *,
    months: int | None = None,
    mb: float | None = None,
    seed: int = DEFAULT_SEED,
    source: str = "auto",
    outlets: int | None = None,
    exact_dups: int | None = None,
    near_dups: int | None = None,
):
    """Generate a large workload one calendar month at a time (a generator of DataFrames).

    Articles are made exactly as in :func:`build_workload` (resampled real sentences of the
    ``outlets`` largest outlets, gamma lengths with mean ``mb * 10**6 / n`` bytes = 3,000
    by default, real headlines), but the corpus is cut into ``months`` consecutive months
    from ``SCALE_FIRST_MONTH`` (2020-01; default :func:`scale_months`: ~27,800 articles a
    month), ``n / months`` articles each (the remainder to the first months), each with a
    uniform day of its month. Every month has its own random stream
    (``numpy.random.default_rng([seed, month])``), so the output is deterministic and only
    one month is in memory at a time. ``doc_id`` is ``scale-0000000`` ... in order.

    Planted duplicates (for ``find_duplicates``): ``exact_dups`` exact and ``near_dups``
    near copies (default: one of each per 10,000 articles). Each copy replaces an article
    of a later month than its original (the same month when ``months == 1``), keeps its own
    ``doc_id``, date and a *different outlet*, so an original and its copy are always in
    different partitions of a store partitioned by outlet and month. Originals have at least
    ``NEAR_DUP_MIN_BYTES`` bytes; no article is both an original and a copy. An exact copy
    has the original's text and title; a near copy changes 3 words (as
    :func:`plant_near_duplicates`). The copies planted in a month are listed in that
    month's ``attrs["planted"]`` (``original``, ``copy``, ``kind``, ``changed_words``).

    Yields
    ------
    pandas.DataFrame
        One month: ``doc_id``, ``source``, ``date`` (``datetime64[ms]``), ``title``,
        ``text``; ``attrs["month"]`` (``"YYYY-MM"``) and ``attrs["planted"]``.
    """
    src = resolve_source(source)
    if src == "ru_ua":
        raise ValueError("stream_workload supports source 'allsides' or 'demo', not 'ru_ua'")
    mb = resolve_mb(n, mb, src)
    outlets = resolve_outlets(src, outlets)
    months = scale_months(n) if months is None else int(months)
    n_exact, n_near = scale_dups(n, exact_dups, near_dups)
    p = _scale_pools(src, outlets)
    k, names = len(p["names"]), p["names"]
    mean_target = mb * 1e6 / n
    per_month = np.full(months, n // months)
    per_month[: n % months] += 1
    offsets = np.concatenate(([0], np.cumsum(per_month)))
    first = np.datetime64(SCALE_FIRST_MONTH, "M")

    # the duplicate plan: (original month, copy month, kind) per pair
    plan_rng = np.random.default_rng([seed, 1_000_003])
    n_pairs = n_exact + n_near
    kinds = np.array(["exact"] * n_exact + ["near"] * n_near)
    if months > 1:
        a = plan_rng.integers(0, months - 1, size=n_pairs)
        b = a + 1 + (plan_rng.random(n_pairs) * (months - 1 - a)).astype(np.int64)
    else:
        a = b = np.zeros(n_pairs, dtype=np.int64)
    stash: dict[int, tuple] = {}  # pair -> (doc_id, source, title, text)

    for mi in range(months):
        rng = np.random.default_rng([seed, mi])
        m = int(per_month[mi])
        outlet = rng.choice(k, size=m, p=p["weights"])
        target = np.maximum(rng.gamma(LENGTH_SHAPE, mean_target / LENGTH_SHAPE, size=m),
                            MIN_TARGET_BYTES)
        start = (first + mi).astype("datetime64[D]")
        days = int(((first + mi + 1).astype("datetime64[D]") - start).astype(int))
        dates = start + rng.integers(0, days, size=m).astype("timedelta64[D]")
        title_pick = p["title_start"][outlet] + (rng.random(m) * p["title_size"][outlet]).astype(
            np.int64)
        texts = _compose_texts(rng, outlet, target, p).to_list()
        titles = p["titles"].gather(title_pick).to_list()
        doc_ids = [f"scale-{i:07d}" for i in range(int(offsets[mi]), int(offsets[mi + 1]))]
        srcs = [names[o] for o in outlet]

        orig_pairs = np.flatnonzero(a == mi)
        copy_pairs = np.flatnonzero(b == mi)
        taken: set[int] = set()
        if len(orig_pairs):
            long = np.flatnonzero(np.array([len(t.encode()) for t in texts]) >= NEAR_DUP_MIN_BYTES)
            rows = rng.choice(long, size=len(orig_pairs), replace=False)
            for pi, r in zip(orig_pairs.tolist(), rows.tolist(), strict=True):
                stash[pi] = (doc_ids[r], srcs[r], titles[r], texts[r])
                taken.add(r)
        planted = []
        if len(copy_pairs):
            free = np.setdiff1d(np.arange(m), np.fromiter(taken, dtype=np.int64, count=len(taken)))
            rows = rng.choice(free, size=len(copy_pairs), replace=False)
            for pi, r in zip(copy_pairs.tolist(), rows.tolist(), strict=True):
                o_id, o_src, o_title, o_text = stash.pop(pi)
                changed: list = []
                if kinds[pi] == "near":
                    o_text, changed = _near_copy(o_text, rng, p["sentences"])
                others = [s for s in names if s != o_src] or [o_src]
                texts[r], titles[r] = o_text, o_title
                srcs[r] = others[int(rng.integers(len(others)))]
                planted.append({"original": o_id, "copy": doc_ids[r], "kind": str(kinds[pi]),
                                "changed_words": changed})
        chunk = pd.DataFrame({
            "doc_id": pd.Series(doc_ids, dtype="str"),
            "source": pd.Series(srcs, dtype="str"),
            "date": dates.astype("datetime64[ms]"),
            "title": pd.Series(titles, dtype="str"),
            "text": pd.Series(texts, dtype="str"),
        })
        chunk.attrs["month"] = str(first + mi)
        chunk.attrs["planted"] = planted
        yield chunk
    assert not stash, "every planted original got its copy"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workload", choices=sorted(WORKLOADS), default=None,
                    help="a named workload (overrides --n and --source)")
    ap.add_argument("--quick", action="store_true", help="with --workload: n / 10")
    ap.add_argument("--n", type=int, default=DEFAULT_N, help="articles (default 100,000)")
    ap.add_argument("--mb", type=float, default=None,
                    help="MB (10^6 bytes) of text in total (default: 3,000 bytes per article, "
                    "3,600 for ru_ua)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--source", choices=list(SOURCES), default="auto")
    ap.add_argument("--outlets", type=int, default=None,
                    help="outlets (default 50; ru_ua: 20 synthetic names)")
    ap.add_argument("--near-dups", type=int, default=None,
                    help="planted near-duplicate articles (default 20 for ru_ua, else 0)")
    ap.add_argument("--rebuild", action="store_true", help="ignore the cache")
    a = ap.parse_args(argv)
    if a.workload:
        p = named_workload(a.workload, quick=a.quick)
        a.n, a.source = p["n"], p["source"]
    load_workload(a.n, a.mb, a.seed, a.source, a.outlets, a.near_dups, rebuild=a.rebuild)


if __name__ == "__main__":
    main()
