"""Benchmark: the cost of the lemma view (Russian) against word forms, stems and a naive lemmatiser.

Run from the repository root::

    .venv/bin/python benchmarks/bench_lemmas.py            # 20,000 Russian articles
    .venv/bin/python benchmarks/bench_lemmas.py --n 2000   # quick

Workload (issue "Russian/Ukrainian"): ``--n`` (20,000) Russian-language articles
**resampled from the sentences of the demo corpus's Russian part** (``load_demo("ru")``,
30 constructed articles, ~400 sentences): each article draws 12-24 sentences at random
(seed 0) and keeps the demo's outlet of its first sentence and a ``language`` column
``ru``. Resampling repeats sentences, so the vocabulary is the demo's (a few thousand
types), much smaller than real news: the type-level work of the lemma view is a lower
bound, the token-level work is realistic.

Methods, in the same run and process order (each measured once, after one untimed
warm-up on 200 articles that loads the pymorphy3 dictionary):

* ``index``: ``index_tokens(corpus)`` (the word index every view starts from).
* ``forms``: ``word_frequencies(corpus)`` on word forms (index built).
* ``stems``: ``index.stemmed()`` + ``word_frequencies(corpus, stem=True)`` (Snowball).
* ``lemmas``: ``index.lemma_view()`` + ``word_frequencies(corpus, lemma=True)``: the
  first call, which lemmatises each (language, type) once.
* ``lemmas_cached``: the same again (the view is cached with the index).
* baseline ``naive``: pymorphy3 ``parse(token)[0].normal_form`` for **every token** of the
  first ``--naive-docs`` (2,000) articles, no caching (how a script without a type-level
  view does it); the table compares time per article.

Peak memory: the process's RSS high-water mark (``ru_maxrss``) before and after the
lemma view. Results go to ``benchmarks/results/bench_lemmas-<time>.json``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def workload(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` Russian articles resampled from the demo's Russian sentences."""
    import toolkit as tk

    ru = tk.load_demo("ru")
    sents = tk.sentences(ru, progress=False)
    pool = sents["text"].to_numpy(dtype=object)
    src = sents["source"].to_numpy(dtype=object)
    rng = np.random.default_rng(seed)
    sizes = rng.integers(12, 25, size=n)
    picks = rng.integers(0, len(pool), size=int(sizes.sum()))
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    texts = [" ".join(pool[picks[a:b]]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    return pd.DataFrame({"doc_id": [f"ru{i:06d}" for i in range(n)], "source": src[picks[bounds[:-1]]],
                         "language": "ru", "text": texts})


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000, help="articles (default 20,000)")
    ap.add_argument("--naive-docs", type=int, default=2_000, help="articles for the naive baseline")
    ap.add_argument("--json", type=Path, default=None, help="where the JSON goes")
    args = ap.parse_args(argv)

    import pymorphy3

    import toolkit as tk
    from toolkit.index import index_tokens

    corpus = workload(args.n)
    chars = int(corpus["text"].str.len().sum())
    print(f"[workload] {len(corpus):,} Russian articles resampled from the demo, {chars / 1e6:.1f} MB of text")
    tk.word_frequencies(corpus.head(200).copy(), lemma=True)  # warm-up: dictionary, code

    rows = []

    def timed(name, func, articles=None):
        t = time.perf_counter()
        out = func()
        s = time.perf_counter() - t
        rows.append({"method": name, "articles": articles or len(corpus), "seconds": round(s, 3)})
        print(f"  {name:14s} {s:8.2f} s")
        return out

    index = timed("index", lambda: index_tokens(corpus))
    timed("forms", lambda: tk.word_frequencies(corpus))
    timed("stems", lambda: tk.word_frequencies(corpus, stem=True))
    before = _maxrss_mb()
    view = timed("lemmas", lambda: (index.lemma_view(), tk.word_frequencies(corpus, lemma=True))[0])
    after = _maxrss_mb()
    timed("lemmas_cached", lambda: tk.word_frequencies(corpus, lemma=True))
    morph = pymorphy3.MorphAnalyzer(lang="ru")
    k = min(args.naive_docs, len(corpus))
    sub = corpus.head(k)

    def naive():
        out = []
        for text in sub["text"]:
            out.append([morph.parse(w)[0].normal_form for w in tk.tokenize(text)])
        return out

    timed("naive", naive, articles=k)
    res = {r["method"]: r for r in rows}
    per_article = {m: res[m]["seconds"] / res[m]["articles"] for m in res}
    print()
    print(f"tokens {index.n_tokens:,}, word types {len(index.vocab):,}, lemma types {len(view.vocab):,}")
    print(f"lemmas (first call) vs forms: {res['lemmas']['seconds'] / res['forms']['seconds']:.2f}x; "
          f"vs stems: {res['lemmas']['seconds'] / res['stems']['seconds']:.2f}x; "
          f"cached: {res['lemmas_cached']['seconds'] / res['forms']['seconds']:.2f}x forms")
    print(f"lemmas vs naive per-token pymorphy3 (time per article): "
          f"{per_article['lemmas'] / per_article['naive']:.3f}x "
          f"(naive {res['naive']['seconds']:.1f} s on {k:,} articles = "
          f"{per_article['naive'] * len(corpus):.0f} s extrapolated to {len(corpus):,})")
    print(f"peak RSS {before:.0f} MB before the lemma view, {after:.0f} MB after (+{after - before:.0f} MB)")
    out = {"when": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"), "n": len(corpus), "chars": chars,
           "tokens": int(index.n_tokens), "types": len(index.vocab), "lemma_types": len(view.vocab),
           "rows": rows, "rss_before_mb": round(before), "rss_after_mb": round(after)}
    path = args.json or HERE / "results" / f"bench_lemmas-{_dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2), encoding="utf-8")
    print(f"results: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
