"""The reference benchmark workload: 100,000 synthetic news articles (~300 MB of text).

The workload is built deterministically (fixed seed) by *resampling real sentences*, so
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

Sentence splitting is a simple vectorised regular expression (polars): a sentence ends
at ``.``, ``!`` or ``?`` (plus closing quotes/brackets) followed by whitespace, or at a
line end. Titles such as ``Mr.``/``Dr.``/``Sen.`` and single capital letters with a
dot (``U.S.``, ``J. Smith``) are protected from splitting. Sentences shorter than 20
characters are dropped. Text is Unicode NFC with ``\\n`` newlines, as the corpus
schema requires.

Usage
-----
``python benchmarks/workload.py`` builds (or finds) the reference workload and prints
its size; ``--n 5000`` / ``--mb 15`` make a small one. From Python::

    from workload import load_workload
    corpus = load_workload(n=100_000, mb=300)   # pandas DataFrame
"""

from __future__ import annotations

import argparse
import json
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
DEMO_JSONL = REPO / "data" / "demo" / "articles.jsonl"

VERSION = 1
"""Bump when the generation algorithm changes (it is part of the cache key)."""

DEFAULT_N = 100_000
DEFAULT_BYTES_PER_DOC = 3_000
DEFAULT_SEED = 20_220_224
DEFAULT_OUTLETS = 50
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


def resolve_mb(n: int, mb: float | None) -> float:
    """``mb``, or 3,000 bytes per article when it is None (300 MB for 100,000)."""
    return float(mb) if mb is not None else n * DEFAULT_BYTES_PER_DOC / 1e6


def resolve_source(source: str = "auto") -> str:
    """``"allsides"`` when the shared corpus exists, else ``"demo"`` (for ``"auto"``)."""
    if source == "auto":
        return "allsides" if ALLSIDES.exists() else "demo"
    if source not in ("allsides", "demo"):
        raise ValueError(f"source must be 'auto', 'allsides' or 'demo', got {source!r}")
    if source == "allsides" and not ALLSIDES.exists():
        raise FileNotFoundError(f"{ALLSIDES} not found (use source='demo')")
    return source


def workload_path(
    n: int = DEFAULT_N,
    mb: float | None = None,
    seed: int = DEFAULT_SEED,
    source: str = "auto",
    outlets: int = DEFAULT_OUTLETS,
) -> Path:
    """The cache file of a workload; its name holds every parameter."""
    src = resolve_source(source)
    mb = resolve_mb(n, mb)
    return cache_dir() / f"workload-v{VERSION}-{src}-n{n}-{mb:g}mb-o{outlets}-seed{seed}.parquet"


# --------------------------------------------------------------------------- sources


def _read_allsides() -> pl.DataFrame:
    df = pl.read_parquet(ALLSIDES, columns=["source", "title", "content_original"])
    return df.rename({"content_original": "text"})


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
    outlets: int = DEFAULT_OUTLETS,
) -> pd.DataFrame:
    """Generate the workload (no caching; see :func:`load_workload`)."""
    src = resolve_source(source)
    mb = resolve_mb(n, mb)
    articles = _read_allsides() if src == "allsides" else _read_demo()
    articles = articles.filter(pl.col("text").is_not_null() & pl.col("source").is_not_null())

    # outlets: the `outlets` largest, ties broken by name; weight = article count
    counts = (
        articles.group_by("source")
        .len()
        .sort(["len", "source"], descending=[True, False])
        .head(outlets)
    )
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

    rng = np.random.default_rng(seed)
    outlet = rng.choice(k, size=n, p=weights / weights.sum())
    mean_target = mb * 1e6 / n
    target = rng.gamma(LENGTH_SHAPE, mean_target / LENGTH_SHAPE, size=n)
    target = np.maximum(target, MIN_TARGET_BYTES)
    dates = np.datetime64("2022-01-01") + rng.integers(0, 365, size=n).astype("timedelta64[D]")
    title_pick = title_start[outlet] + (rng.random(n) * title_size[outlet]).astype(np.int64)

    # sentences: draw candidates per article in rounds until every article is long enough
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
    long = pl.DataFrame(
        {
            "doc": doc,
            "piece": sentences.gather(pick) + pl.Series(sep, dtype=pl.String),
        }
    )
    texts = long.group_by("doc", maintain_order=True).agg(pl.col("piece").str.join(""))
    assert np.array_equal(texts["doc"].to_numpy(), np.arange(n))

    out = pl.DataFrame(
        {
            "doc_id": [f"bench-{i:07d}" for i in range(n)],
            "source": pl.Series(names, dtype=pl.String).gather(outlet),
            "date": dates.astype("datetime64[ms]"),
            "title": titles["title"].gather(title_pick),
            "text": texts["piece"],
        }
    )
    return out.to_pandas(use_pyarrow_extension_array=False).astype(
        {"doc_id": "str", "source": "str", "title": "str", "text": "str"}
    )


def load_workload(
    n: int = DEFAULT_N,
    mb: float | None = None,
    seed: int = DEFAULT_SEED,
    source: str = "auto",
    outlets: int = DEFAULT_OUTLETS,
    *,
    rebuild: bool = False,
    verbose: bool = True,
) -> pd.DataFrame:
    """The workload as a corpus DataFrame, from the cache or built (and cached) now.

    Columns: ``doc_id``, ``source``, ``title``, ``text`` (pandas ``str``) and ``date``
    (``datetime64``).
    """
    mb = resolve_mb(n, mb)
    path = workload_path(n, mb, seed, source, outlets)
    if rebuild or not path.exists():
        t0 = time.perf_counter()
        corpus = build_workload(n, mb, seed, source, outlets)
        cache_dir()
        tmp = path.with_suffix(".tmp")
        corpus.to_parquet(tmp, index=False, compression="zstd")
        tmp.replace(path)
        info = describe(corpus)
        info.update(
            source=resolve_source(source), n=n, mb=mb, seed=seed, max_outlets=outlets,
            version=VERSION, build_seconds=round(time.perf_counter() - t0, 1),
        )
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
    outlets: int = DEFAULT_OUTLETS,
    *,
    rebuild: bool = False,
) -> tuple[Path, dict]:
    """Build the workload if it is not cached; return its path and size (nothing kept)."""
    mb = resolve_mb(n, mb)
    cache_dir()
    path = workload_path(n, mb, seed, source, outlets)
    meta = path.with_suffix(".json")
    if rebuild or not path.exists() or not meta.exists():
        corpus = load_workload(n, mb, seed, source, outlets, rebuild=True)
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


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=DEFAULT_N, help="articles (default 100,000)")
    ap.add_argument("--mb", type=float, default=None,
                    help="MB (10^6 bytes) of text in total (default: 3,000 bytes per article)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--source", choices=["auto", "allsides", "demo"], default="auto")
    ap.add_argument("--outlets", type=int, default=DEFAULT_OUTLETS)
    ap.add_argument("--rebuild", action="store_true", help="ignore the cache")
    a = ap.parse_args(argv)
    load_workload(a.n, a.mb, a.seed, a.source, a.outlets, rebuild=a.rebuild)


if __name__ == "__main__":
    main()
