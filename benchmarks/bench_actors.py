"""Benchmark: actors (``actor_mentions``, ``agency``, ``actor_tone``) on large corpora, after indexing.

Run from the repository root::

    .venv/bin/python benchmarks/bench_actors.py                       # dense100k + general (20,000)
    .venv/bin/python benchmarks/bench_actors.py --workload dense100k  # just the target
    .venv/bin/python benchmarks/bench_actors.py --quick               # smoke run: 5,000 articles
    .venv/bin/python benchmarks/bench_actors.py --profile             # cProfile, 5,000 of dense20k

Target (issue "Actors"): on the 100,000-article war-dense workload (``dense100k`` of
``workload.py``, ~360 MB of text) **each** of ``toolkit.actor_mentions(corpus)``,
``toolkit.agency(corpus)`` and ``toolkit.actor_tone(corpus)`` runs in **under 60 s after
indexing** (``index_tokens(corpus)`` and its ``sentence_view()`` are built first; their
times are measured and reported separately, not counted in the 60 s). Peak extra memory
is reported (no target).

Each measurement runs in a fresh process (``run_worker`` of ``bench_index.py``), so the
caches one function fills (``agency`` and ``actor_tone`` both call ``actor_mentions``)
never help the next: it imports what it needs, loads the workload, runs its method once
untimed on the first 200 articles (``--warmup``: faults in code, loads the actor list,
the word lists and the VADER lexicon), returns freed memory to the OS, builds the index
and the sentence view (timed: ``index_s``, ``sentences_s``), then measures the method.
Memory: the RSS is noted after the index and sentence view are built (and freed memory
returned); **peak extra MB** is the peak during the method above it: the larger of the
process's exact high-water mark (``VmHWM``, reset through ``/proc/self/clear_refs``) and
a sampled (every 0.5 s) PSS sum of the process and any children it forks.

Methods, per workload, in the same run:

* ``mentions``: ``toolkit.actor_mentions(corpus)`` (rows = mentions).
* ``agency``: ``toolkit.agency(corpus)`` (rows = mentions with a role; the sentence
  table ``attrs["sentences"]`` is counted too).
* ``tone``: ``toolkit.actor_tone(corpus)`` (rows = scored mentions).
* baseline ``mentions_re`` (the naive matcher): one Python ``re`` alternation of every
  alias of the actor list (longest first, ``\\b`` word boundaries), ``finditer`` over
  every text. No index is needed.
* baseline ``agency_re`` (the naive passive detector): the "any form of *be* + a word in
  *-ed*" regex searched in every sentence (sentence spans from the sentence view, built
  untimed first).
* baseline ``tone_vader`` (the naive per-sentence tone): plain VADER
  (``SentimentIntensityAnalyzer().polarity_scores``) on every sentence (spans from the
  sentence view, built untimed). At roughly 0.05-0.1 ms a sentence it takes minutes on
  dense100k, so ``--vader-docs K`` (default 20,000; 0 = all) scores the sentences of the
  first K articles only; the table then compares time per article.

``vs`` ratios are the toolkit function's seconds over the baseline's (below 1: the toolkit
is faster). ``mentions`` is compared with ``mentions_re``, ``agency`` with ``agency_re``
and ``tone`` with ``tone_vader``.

Workloads (``--workload``, comma-separated): ``dense100k`` (100,000 articles, the target),
``dense20k``, and ``general``. The general workload is 100,000 articles / 300 MB of
non-war news, on which actors are not the target, so this benchmark uses its **first
20,000 articles** (as ``bench_attribution.py`` does); ``--general-n`` changes that (0 =
all). ``--quick`` uses the first 5,000 articles of ``dense20k`` (for
``dense100k``/``dense20k``) and of the general workload's quick (10,000-article) variant.
Results go to ``benchmarks/results/bench_actors-<time>.json``.

``--profile`` runs each toolkit function under ``cProfile`` (its own fresh process, after
the index and sentence view are built outside the profile) on the first
``--profile-n`` (5,000) articles of ``dense20k`` and prints the top 15 functions by
``tottime``, for whoever optimises the module.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _p in (str(HERE), str(REPO)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import bench_index as bi  # noqa: E402
import workload as wl  # noqa: E402
from tree_meter import TreeMeter  # noqa: E402

MARK = "RESULT "
TARGET_S = 60.0
TARGET_WORKLOAD = "dense100k"
RESULTS_DIR = HERE / "results"
GENERAL_N = 20_000
QUICK_N = 5_000
VADER_DOCS = 20_000
PROFILE_N = 5_000
PROFILE_TOP = 15

# the naive passive: any form of "be", then a word in -ed
NAIVE_PASSIVE = re.compile(r"\b(?:am|is|are|was|were|be|been|being)\s+\w+ed\b", re.I)

TOOLKIT = ("mentions", "agency", "tone")
BASELINE_OF = {"mentions": "mentions_re", "agency": "agency_re", "tone": "tone_vader"}
METHODS = {
    "mentions": "toolkit actor_mentions (after index + sentence view)",
    "agency": "toolkit agency (after index + sentence view)",
    "tone": "toolkit actor_tone (after index + sentence view)",
    "mentions_re": "baseline: one re alternation of all actor aliases over every text",
    "agency_re": "baseline: be + -ed passive regex over every sentence",
    "tone_vader": "baseline: plain VADER polarity_scores on every sentence",
}


# ============================================================================ baselines


def alias_regex() -> re.Pattern:
    """The naive matcher: one alternation of every alias of the actor list, longest first."""
    import toolkit as tk

    names = sorted(tk.load_actors("war_actors").aliases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in names) + r")\b")


def naive_mentions(texts, pattern: re.Pattern) -> int:
    n = 0
    for t in texts:
        if isinstance(t, str):
            for _ in pattern.finditer(t):
                n += 1
    return n


def sentence_spans(corpus, view):
    """(texts, unit_doc, start, end) of the sentence view, as Python lists."""
    return (corpus["text"].tolist(), view.unit_doc.tolist(),
            view.meta["start"].tolist(), view.meta["end"].tolist())


def naive_passives(spans) -> int:
    texts, docs, starts, ends = spans
    search = NAIVE_PASSIVE.search
    hits = 0
    for d, s, e in zip(docs, starts, ends, strict=True):
        if search(texts[d], s, e):
            hits += 1
    return hits


def naive_tone(spans, analyzer) -> tuple[int, int]:
    texts, docs, starts, ends = spans
    score = analyzer.polarity_scores
    neg = 0
    for d, s, e in zip(docs, starts, ends, strict=True):
        if score(texts[d][s:e])["compound"] < -0.05:
            neg += 1
    return len(docs), neg


# ============================================================================ worker


def source_fingerprint() -> dict:
    """sha1 (first 12 hex digits) of the toolkit modules measured, read when the worker starts."""
    import hashlib

    out = {}
    for name in ("mentions", "agency", "tone", "actors", "attribution", "index"):
        p = REPO / "toolkit" / f"{name}.py"
        if p.exists():
            out[name] = hashlib.sha1(p.read_bytes()).hexdigest()[:12]
    return out


def run_toolkit(tk, method: str, corpus) -> dict:
    if method == "mentions":
        out = tk.actor_mentions(corpus, progress=False)
        return {"rows": int(len(out)),
                "kinds": {str(k): int(v) for k, v in out["kind"].value_counts().items()}}
    if method == "agency":
        out = tk.agency(corpus, progress=False)
        sent = out.attrs.get("sentences")
        return {"rows": int(len(out)),
                "roles": {str(k): int(v) for k, v in out["role"].value_counts().items()},
                "sentence_rows": int(len(sent)) if sent is not None else None,
                "passive_sentences": int(sent["passive"].sum()) if sent is not None else None}
    if method == "tone":
        out = tk.actor_tone(corpus, progress=False)
        return {"rows": int(len(out)),
                "labels": {str(k): int(v) for k, v in out["label"].value_counts().items()}}
    raise ValueError(method)


def worker(path: str, n: int | None, method: str, warmup: int, vader_docs: int | None) -> None:
    """One measurement; prints ``RESULT {json}``."""
    import warnings

    t0 = time.perf_counter()
    import numpy as np  # noqa: F401
    import pandas as pd  # noqa: F401

    import toolkit as tk

    res: dict = {"method": method, "import_s": time.perf_counter() - t0,
                 "sources": source_fingerprint()}
    warnings.simplefilter("ignore")
    corpus = wl.read_leading(path, n)
    if method == "tone_vader" and vader_docs and vader_docs < len(corpus):
        corpus = corpus.iloc[:vader_docs].reset_index(drop=True).copy()
        res["baseline_docs"] = vader_docs
    info = wl.describe(corpus)
    res.update(articles=info["articles"], text_bytes=info["text_bytes"])

    analyzer = pattern = None
    if method == "tone_vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
    if method == "mentions_re":
        pattern = alias_regex()
    if warmup > 0:
        warm = corpus.iloc[:warmup].reset_index(drop=True).copy()
        if method in TOOLKIT:
            run_toolkit(tk, method, warm)
        elif method == "mentions_re":
            naive_mentions(warm["text"].tolist(), pattern)
        else:
            view = tk.index_tokens(warm).sentence_view(progress=False)
            spans = sentence_spans(warm, view)
            naive_passives(spans) if method == "agency_re" else naive_tone(spans, analyzer)
            del view, spans
        del warm
    bi.release_memory()

    spans = texts = None
    if method != "mentions_re":
        t = time.perf_counter()
        index = tk.index_tokens(corpus)
        res["index_s"] = time.perf_counter() - t
        t = time.perf_counter()
        view = index.sentence_view(progress=False)
        res["sentences_s"] = time.perf_counter() - t
        res["sentences"] = int(len(view.meta))
        if method in ("agency_re", "tone_vader"):
            spans = sentence_spans(corpus, view)
        del index, view  # the toolkit keeps them cached on the corpus
    else:
        texts = corpus["text"].tolist()
    bi.release_memory()
    rss0 = bi.rss_bytes()
    meter = bi.PeakMeter().start()
    tree = TreeMeter().start()
    import resource

    c0, k0 = bi.cpu_seconds(), bi.cpu_seconds(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    if method in TOOLKIT:
        res.update(run_toolkit(tk, method, corpus))
    elif method == "mentions_re":
        res["rows"] = naive_mentions(texts, pattern)
    elif method == "agency_re":
        res["rows"] = naive_passives(spans)
        res["sentences_searched"] = len(spans[1])
    else:
        res["rows"], res["negative"] = naive_tone(spans, analyzer)
    res["seconds"] = time.perf_counter() - t
    res["cpu_seconds_self"] = bi.cpu_seconds() - c0
    res["cpu_seconds_children"] = bi.cpu_seconds(resource.RUSAGE_CHILDREN) - k0
    peak = meter.stop()
    tree_peak = tree.stop()
    res.update(rss_before=rss0, peak_delta_self=peak - rss0, peak_exact=meter.exact,
               tree_pss_before=tree.base, peak_delta_tree=tree_peak - tree.base,
               max_children=tree.max_children)
    res["peak_delta"] = max(res["peak_delta_self"], res["peak_delta_tree"])
    print(MARK + json.dumps(res), flush=True)


def profile_worker(path: str, n: int, method: str, top: int) -> None:
    """cProfile one toolkit function (index + sentence view built first, outside the profile)."""
    import cProfile
    import io
    import pstats
    import warnings

    import toolkit as tk

    sources = source_fingerprint()
    warnings.simplefilter("ignore")
    corpus = wl.read_leading(path, n)
    run_toolkit(tk, method, corpus.iloc[:200].reset_index(drop=True).copy())  # warm-up
    t = time.perf_counter()
    tk.index_tokens(corpus).sentence_view(progress=False)
    prep = time.perf_counter() - t
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    res = run_toolkit(tk, method, corpus)
    prof.disable()
    wall = time.perf_counter() - t
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    print(f"=== profile: {METHODS[method]} on {len(corpus):,} articles of {Path(path).name}")
    print(f"index + sentence view {prep:.2f} s (not profiled); profiled call {wall:.2f} s "
          f"(with profiler overhead), {res['rows']:,} rows; sources {sources}")
    lines = buf.getvalue().splitlines()
    start = next((i for i, x in enumerate(lines) if "function calls" in x), 0)
    print("\n".join(x.replace(str(REPO) + "/", "") for x in lines[start:] if x.strip()))
    print(flush=True)


# ============================================================================ parent


def fmt(x, spec: str, none: str = "-") -> str:
    return none if x is None else format(x, spec)


def vs(tkr: dict, b: dict) -> str:
    if "seconds" not in tkr or "seconds" not in b:
        return "-"
    if b.get("baseline_docs"):
        per = (tkr["seconds"] / tkr["articles"]) / (b["seconds"] / b["articles"])
        return f"{per:.2f}x/article ({b['seconds']:.1f} s on {b['articles']:,})"
    return f"{tkr['seconds'] / b['seconds']:.2f}x ({b['seconds']:.1f} s)"


def run_profiles(args) -> None:
    params = wl.named_workload("dense20k")
    path, _ = wl.ensure_workload(**params)
    for method in [m for m in args.only.split(",") if m in TOOLKIT] or list(TOOLKIT):
        cmd = [sys.executable, str(Path(__file__).resolve()), "--profile-worker", str(path),
               str(args.profile_n), method, str(PROFILE_TOP)]
        p = subprocess.run(cmd, capture_output=True, text=True,
                           env=dict(os.environ, PYTHONHASHSEED="0"))
        print(p.stdout, flush=True)
        if p.returncode:
            print(f"ERROR ({method}, exit {p.returncode}):\n" + "\n".join(p.stderr.splitlines()[-8:]))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workload", default="dense100k,general",
                    help="comma-separated: dense100k, dense20k, general (default dense100k,general)")
    ap.add_argument("--quick", action="store_true",
                    help=f"smoke run: the first {QUICK_N:,} articles (dense20k / general quick)")
    ap.add_argument("--general-n", type=int, default=GENERAL_N,
                    help=f"articles of the general workload used (default {GENERAL_N:,}; 0 = all)")
    ap.add_argument("--only", default=",".join(METHODS),
                    help=f"comma-separated methods (of {','.join(METHODS)})")
    ap.add_argument("--vader-docs", type=int, default=VADER_DOCS,
                    help=f"score the sentences of the first K articles only with plain VADER "
                         f"(default {VADER_DOCS:,}; 0 = all, minutes more on dense100k)")
    ap.add_argument("--warmup", type=int, default=200,
                    help="articles each method first runs on, untimed (default 200; 0 = none)")
    ap.add_argument("--json", default=None, help="where the JSON goes")
    ap.add_argument("--profile", action="store_true",
                    help=f"cProfile each toolkit function on the first --profile-n articles of "
                         f"dense20k (top {PROFILE_TOP} by tottime) instead of timing")
    ap.add_argument("--profile-n", type=int, default=PROFILE_N,
                    help=f"articles for --profile (default {PROFILE_N:,})")
    ap.add_argument("--worker", nargs=5, metavar=("PATH", "N", "METHOD", "WARMUP", "VADERDOCS"),
                    help=argparse.SUPPRESS)
    ap.add_argument("--profile-worker", nargs=4, metavar=("PATH", "N", "METHOD", "TOP"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        path, n, method, warmup, vdocs = args.worker
        worker(path, int(n) or None, method, int(warmup), int(vdocs) or None)
        return
    if args.profile_worker:
        path, n, method, top = args.profile_worker
        profile_worker(path, int(n), method, int(top))
        return
    if args.profile:
        run_profiles(args)
        return

    names = [w.strip() for w in args.workload.split(",") if w.strip()]
    methods = [m.strip() for m in args.only.split(",") if m.strip()]
    for m in methods:
        if m not in METHODS:
            ap.error(f"unknown method {m!r}; choose from {','.join(METHODS)}")
    load1 = os.getloadavg()[0]
    print(f"load average {load1:.2f}" + ("  (above 0.5: numbers may be noisy)" if load1 > 0.5 else ""))
    started = _dt.datetime.now()
    results: dict = {"started": started.isoformat(timespec="seconds"), "quick": args.quick,
                     "vader_docs": args.vader_docs, "load_average": os.getloadavg(),
                     "machine": bi.machine_info(), "workloads": {}}
    rows = []
    for name in names:
        params, n = wl.leading_subset(name, args.quick, args.general_n, QUICK_N)
        path, winfo = wl.ensure_workload(**params)  # build/cache outside the timed workers
        base = "dense20k" if args.quick and name == "dense100k" else name
        label = base if n is None else f"{base}[:{n}]"
        wres: dict = {"path": path.name, "n_used": n, "workload": winfo, "methods": {}}
        results["workloads"][label] = wres
        for method in methods:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path),
                   str(n or 0), method, str(args.warmup), str(args.vader_docs)]
            print(f"[{label}] {METHODS[method]} ...", flush=True)
            r = bi.run_worker(cmd, MARK)
            wres["methods"][method] = r
            if "error" in r:
                print(f"  ERROR {r['error']}")
            else:
                extra = f"index {r['index_s']:.2f} s, sentences {r['sentences_s']:.2f} s, " \
                    if "index_s" in r else ""
                print(f"  {extra}{r['seconds']:.2f} s, {r['rows']:,} rows, "
                      f"peak +{r['peak_delta'] / 1e6:,.0f} MB (process {r['process_seconds']:.0f} s)",
                      flush=True)
        targets = {}
        for method in TOOLKIT:
            if method not in methods:
                continue
            r = wres["methods"].get(method, {})
            ok = "seconds" in r
            verdict = "-"
            if name == TARGET_WORKLOAD and not args.quick and ok:
                passed = r["seconds"] < TARGET_S
                verdict = "PASS" if passed else "FAIL"
                targets[method] = {"seconds": r["seconds"], "time_ok": passed}
            text_bytes = r.get("text_bytes") or winfo["text_bytes"]
            rows.append([
                label, method, f"{(r.get('articles') or winfo['articles']):,}",
                f"{text_bytes / 1e6:,.1f}",
                fmt(r.get("index_s"), ".2f"), fmt(r.get("sentences_s"), ".2f"),
                fmt(r.get("seconds"), ".2f", "ERR" if "error" in r else "-"),
                fmt(r.get("rows"), ","),
                fmt(r["peak_delta"] / 1e6 if ok else None, ",.0f"),
                fmt(r["peak_delta"] / text_bytes if ok else None, ".2f"),
                vs(r, wres["methods"].get(BASELINE_OF[method], {})), verdict,
            ])
        for method in methods:
            if method in TOOLKIT:
                continue
            r = wres["methods"].get(method, {})
            ok = "seconds" in r
            text_bytes = r.get("text_bytes") or winfo["text_bytes"]
            rows.append([
                label, method, f"{(r.get('articles') or winfo['articles']):,}",
                f"{text_bytes / 1e6:,.1f}", "-", "-",
                fmt(r.get("seconds"), ".2f", "ERR" if "error" in r else "-"),
                fmt(r.get("rows"), ","),
                fmt(r["peak_delta"] / 1e6 if ok else None, ",.0f"),
                fmt(r["peak_delta"] / text_bytes if ok else None, ".2f"), "(baseline)", "-",
            ])
        if targets:
            wres["targets"] = targets
    header = ["workload", "method", "articles", "MB", "index_s", "sentences_s", "seconds", "rows",
              "peak extra MB", "extra/text", "vs baseline", f"target (<{TARGET_S:.0f} s)"]
    table = bi.table_text(header, rows, "ll" + "r" * (len(header) - 2))
    print("\n" + table)
    print("\nvs baseline = toolkit seconds / baseline seconds (mentions vs mentions_re, agency vs "
          "agency_re, tone vs tone_vader; below 1: toolkit faster; x/article when the baseline ran "
          "on fewer articles). seconds exclude index_s and sentences_s. peak extra = max(VmHWM, "
          "process-tree PSS) during the call above the RSS after index + sentence view.")
    results["table"] = table
    results["finished"] = _dt.datetime.now().isoformat(timespec="seconds")
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    out = Path(args.json) if args.json else RESULTS_DIR / f"bench_actors-{stamp}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"\nresults: {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")


if __name__ == "__main__":
    main()
