"""Benchmark: one framing analysis, end to end, on dense war corpora (and the general one).

Run from the repository root::

    .venv/bin/python benchmarks/bench_queries.py --workload dense20k
    .venv/bin/python benchmarks/bench_queries.py --workload general,dense20k,allsides
    .venv/bin/python benchmarks/bench_queries.py --workload dense20k --quick   # n / 10

Workloads (``--workload``, comma-separated): ``dense20k`` / ``dense100k`` (20,000 /
100,000 articles resampled from real 2022 Russia-Ukraine war coverage, ~3,600 bytes each,
20 synthetic outlets, 20 planted near-duplicates; see ``workload.py``), ``general`` (the
100,000-article allsides workload of ``bench_index.py``) and ``allsides`` (the *real*
allsides corpus, 37,554 articles, loaded with ``toolkit.load_corpus``).

For each workload, every measurement runs in a fresh process that loads the corpus first:

(a) **index build** = ``toolkit.index_tokens(corpus)`` + corpus-wide
    ``toolkit.word_frequencies(corpus)``, against DuckDB, polars and pyarrow computing the
    same frequency table (same token pattern, lowercased; the tables are compared term by
    term with the toolkit's). Target: toolkit time / fastest baseline <= 1.0 (goal 0.75).
(b) **queries** after the index is built, each repeated (median of 5):
    ``concordance(corpus, "negotiat*")`` (every line; < 0.3 s), ``frame_scores(corpus,
    "war_framing")`` (< 1 s), ``find_duplicates(corpus)`` (< 5 s and < 2x the text in
    extra memory), and on the real allsides corpus ``frame_scores(corpus, "war_framing",
    unit="sentence")`` (< 15 s; first call and cached repeats reported separately).
(c) **memory**: the peak RSS above the loaded corpus over build + all queries in that
    one process, as a multiple of the text size (< 4x).

Tables are printed per workload and written with every raw number to
``benchmarks/results/bench_queries-<time>-<workloads>.json``. Only public toolkit
functions are called; each is wrapped in ``try/except`` so that a failure (the API is
being refactored) is reported as ``error: ...`` and the run goes on.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import resource
import statistics
import sys
import time
import traceback
import warnings
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _p in (str(HERE), str(REPO)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import bench_index as bi  # noqa: E402
import workload as wl  # noqa: E402

RESULTS_DIR = HERE / "results"
MARK = "@@BENCH-QUERIES@@ "
REAL = "allsides"  # the real allsides corpus, loaded with toolkit.load_corpus
WORKLOAD_NAMES = (*wl.WORKLOADS, REAL)
ALLSIDES_COLUMNS = {"ID": "doc_id", "content_original": "text"}

# Targets (seconds unless said otherwise)
T_BUILD_RATIO, G_BUILD_RATIO = 1.0, 0.75
T_CONCORDANCE = 0.3
T_FRAMES = 1.0
T_DUPLICATES, T_DUPLICATES_MEM = 5.0, 2.0
T_SENTENCES = 15.0
T_PEAK = 4.0

# The toolkit's TOKEN_PATTERN is run by polars' Rust regex engine, whose \w is Unicode's
# "word" class (Alphabetic + marks + decimal digits + connector punctuation + joiners).
# RE2 (DuckDB, pyarrow) reads \w and \d as ASCII, so the pattern is spelled out in Unicode
# properties with Rust's definitions, to give the same tokens.
_LETTER_EXTRA = (
    r"\x{200C}\x{200D}"  # zero-width (non-)joiner
    r"\x{24B6}-\x{24E9}\x{1F130}-\x{1F149}\x{1F150}-\x{1F169}\x{1F170}-\x{1F189}"  # Ⓐ 🄰 ...
)
_W = r"[\pL\pM\p{Nl}\p{Nd}\p{Pc}" + _LETTER_EXTRA + "]"  # Rust \w
_NOT_W = r"[^\pL\pM\p{Nl}\p{Nd}\p{Pc}" + _LETTER_EXTRA + "]"
_L = (  # Rust [^\W\d_]: \w without decimal digits and "_"
    r"[\pL\pM\p{Nl}" + _LETTER_EXTRA
    + r"\x{203F}\x{2040}\x{2054}\x{FE33}\x{FE34}\x{FE4D}-\x{FE4F}\x{FF3F}]"
)
RE2_TOKEN_PATTERN = rf"(?:{_L}\.){{2,}}|\p{{Nd}}+(?:[.,]\p{{Nd}}+)+|{_W}+(?:[-']{_W}+)*"
APOSTROPHES = bi.APOSTROPHES


# ============================================================================ loading


def load_real_allsides(quick: bool = False):
    """The real allsides corpus through the toolkit's loader (as a researcher would).

    Falls back to building the DataFrame directly (doc_id, source, date, title, text) if
    ``toolkit.load_corpus`` fails (the loader is being refactored); says which in
    ``attrs["loader"]``.
    """
    import pandas as pd

    try:
        import toolkit

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = toolkit.load_corpus(wl.ALLSIDES, columns=ALLSIDES_COLUMNS, errors="skip")
        loader = (f"toolkit.load_corpus(columns={ALLSIDES_COLUMNS}, errors='skip'): "
                  f"{len(corpus.attrs.get('skipped', []))} rows skipped")
    except Exception as exc:  # fall back: the columns the schema asks for, built here
        raw = pd.read_parquet(wl.ALLSIDES, columns=["ID", "source", "date", "title",
                                                    "content_original"])
        raw = raw[raw["content_original"].fillna("").str.strip() != ""]
        corpus = pd.DataFrame({
            "doc_id": raw["ID"].astype(str).to_numpy(),
            "source": raw["source"].astype(str).to_numpy(),
            "date": pd.to_datetime(raw["date"], errors="coerce", format="mixed").to_numpy(),
            "title": raw["title"].fillna("").astype(str).to_numpy(),
            "text": raw["content_original"].str.replace("\r\n?", "\n", regex=True)
            .str.normalize("NFC").to_numpy(),
        }).astype({"doc_id": "str", "source": "str", "title": "str", "text": "str"})
        loader = f"DataFrame built directly (toolkit.load_corpus failed: {type(exc).__name__}: {exc})"
    if quick:
        corpus = corpus.iloc[: len(corpus) // 10].copy()
    corpus.attrs["loader"] = loader
    return corpus


def load_corpus_for(args):
    import pandas as pd

    if args.workload_name == REAL:
        return load_real_allsides(args.quick)
    return pd.read_parquet(args.workload_path)


# ====================================================================== build methods


def build_toolkit(corpus):
    import toolkit

    t0 = time.perf_counter()
    toolkit.index_tokens(corpus)
    t1 = time.perf_counter()
    freq = toolkit.word_frequencies(corpus)
    t2 = time.perf_counter()
    return freq[["term", "count"]], {"steps": {"index_tokens(corpus)": t1 - t0,
                                               "word_frequencies(corpus)": t2 - t1}}


def build_duckdb(corpus):
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    con.register("corpus", pa.table({"text": pa.array(corpus["text"].array)}))
    text = "text"
    for a in APOSTROPHES:
        text = f"replace({text}, '{a}', '''')"
    pattern = RE2_TOKEN_PATTERN.replace("'", "''")
    table = con.execute(f"""
        SELECT term, count(*) AS count
        FROM (SELECT unnest(regexp_extract_all(lower({text}), '{pattern}')) AS term
              FROM corpus)
        GROUP BY term
    """).df()
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.close()
    return table, {"threads": threads}


def build_polars(corpus):
    table, info = bi.run_polars(corpus, SimpleNamespace(polars_engine="streaming"))
    return table, {"engine": info.get("engine")}


PYARROW_CHUNK = 5_000


def build_pyarrow(corpus):
    """pyarrow.compute has no "find all matches". Every token match is wrapped in a
    separator (``replace_substring_regex(text, TOKEN, "\\x01\\0\\x01")``; no capture
    group, so RE2 stays on its fast DFA path), the text is split on the separator, and
    in each article's list of pieces the odd-numbered ones are exactly the tokens (the
    others are the gaps between them, possibly empty); then ``value_counts``. Chunks of
    5,000 articles run on a thread pool (the kernels release the GIL); the per-chunk
    counts are summed with ``Table.group_by``."""
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(corpus["text"].array)

    def count(chunk):
        chunk = pc.replace_substring(chunk, "\x01", " ")  # the separator (never a token)
        for a in APOSTROPHES:
            chunk = pc.replace_substring(chunk, a, "'")
        marked = pc.replace_substring_regex(pc.utf8_lower(chunk), RE2_TOKEN_PATTERN,
                                            "\x01\\0\x01")
        pieces = pc.split_pattern(marked, "\x01")
        flat = pc.list_flatten(pieces)
        parent = pc.list_parent_indices(pieces).to_numpy()
        pos = np.arange(len(flat)) - pieces.offsets.to_numpy()[parent]
        vc = pc.value_counts(flat.filter(pa.array(pos % 2 == 1)))
        return pa.table({"term": vc.field("values"), "count": vc.field("counts")})

    chunks = [text.slice(i, PYARROW_CHUNK) for i in range(0, len(text), PYARROW_CHUNK)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        parts = list(pool.map(count, chunks))
    total = pa.concat_tables(parts).group_by("term").aggregate([("count", "sum")])
    table = total.rename_columns(["term", "count"]).to_pandas()
    return table, {"threads": os.cpu_count(), "chunk": PYARROW_CHUNK}


BUILD_METHODS = {
    "toolkit": ("toolkit: index_tokens + word_frequencies", build_toolkit),
    "duckdb": ("DuckDB: regexp_extract_all + unnest + GROUP BY", build_duckdb),
    "polars": ("polars: extract_all + explode + value_counts", build_polars),
    "pyarrow": ("pyarrow: replace_substring_regex + split_pattern + value_counts",
                build_pyarrow),
}
BASELINES = ("duckdb", "polars", "pyarrow")


def prepare(name: str) -> None:
    """Import what a method needs before the corpus is loaded (not counted in memory)."""
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401
    import pyarrow.compute  # noqa: F401

    import toolkit  # noqa: F401  (loads the corpus for the real allsides workload)

    if name == "duckdb":
        import duckdb  # noqa: F401
    elif name == "polars":
        import polars  # noqa: F401


def worker_build(args) -> dict:
    name = args.worker.split(":", 1)[1]
    prepare(name)
    corpus = load_corpus_for(args)
    text_bytes = wl.describe(corpus)["text_bytes"]
    fn = BUILD_METHODS[name][1]
    if args.warmup > 0:  # untimed: faults in library code, lazy imports, thread pools
        warm = corpus.iloc[: args.warmup].copy()
        fn(warm)
        del warm
    bi.release_memory()
    rss0 = bi.rss_bytes()
    meter = bi.PeakMeter().start()
    c0, t0 = bi.cpu_seconds(), time.perf_counter()
    table, info = fn(corpus)
    seconds, cpu = time.perf_counter() - t0, bi.cpu_seconds() - c0
    peak = meter.stop()
    if args.save_table:
        table.to_parquet(args.save_table, index=False)
    return {"method": name, "seconds": seconds, "cpu_seconds": cpu, "text_bytes": text_bytes,
            "rss_after_load": rss0, "peak_delta": peak - rss0, "peak_exact": meter.exact,
            "tokens": int(table["count"].sum()), "types": len(table),
            "loader": corpus.attrs.get("loader"), **info}


# ============================================================================ queries


def query_list(corpus, args) -> list[dict]:
    """The timed queries: name, callable, target, a summary of the result."""
    import toolkit

    def conc():
        return toolkit.concordance(corpus, "negotiat*")

    def frames():
        return toolkit.frame_scores(corpus, "war_framing")

    def dups():
        return toolkit.find_duplicates(corpus)

    def sent():
        return toolkit.frame_scores(corpus, "war_framing", unit="sentence")

    qs = [
        {"name": "concordance(corpus, 'negotiat*') every line", "fn": conc,
         "target": T_CONCORDANCE, "info": lambda r: {"lines": len(r)}},
        {"name": "frame_scores(corpus, 'war_framing')", "fn": frames, "target": T_FRAMES,
         "info": lambda r: {"rows": len(r)}},
        {"name": "find_duplicates(corpus)", "fn": dups, "target": T_DUPLICATES,
         "mem_target": T_DUPLICATES_MEM, "info": duplicate_info(corpus, args)},
    ]
    if args.sentence == "always" or (args.sentence == "auto" and args.workload_name == REAL):
        qs.append({"name": "frame_scores(corpus, 'war_framing', unit='sentence')", "fn": sent,
                   "target": T_SENTENCES, "min_runs": 2, "cold_warm": True,
                   "info": lambda r: {"rows": len(r),
                                      "sentences": int(r["doc_id"].size
                                                       // max(1, r["frame"].nunique()))}})
    return qs


def duplicate_info(corpus, args):
    planted = args.planted or []

    def info(r) -> dict:
        out = {"clusters": int(r["cluster"].nunique()), "articles_in_clusters": len(r)}
        if planted:
            where = dict(zip(r["doc_id"], r["cluster"], strict=True))
            found = sum(1 for p in planted
                        if p["original"] in where and where[p["original"]] == where.get(p["copy"]))
            out.update(planted_pairs=len(planted), planted_found=found)
        return out

    return info


def worker_queries(args) -> dict:
    """Load, warm up on a slice, then in one process: build, then every query; peak RSS
    per step and over all of them (above the RSS after loading)."""
    prepare("toolkit")
    import toolkit

    corpus = load_corpus_for(args)
    text_bytes = wl.describe(corpus)["text_bytes"]
    if args.warmup > 0:  # untimed warm-up of every step on a small slice
        warm = corpus.iloc[: args.warmup].copy()
        for fn in (lambda: build_toolkit(warm), *(q["fn"] for q in query_list(warm, args))):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    fn()
            except Exception:
                pass
        del warm, fn
    bi.release_memory()
    rss0 = bi.rss_bytes()
    peaks = []

    # build (index + corpus-wide frequencies), as in (a), then the queries on its cache
    meter = bi.PeakMeter().start()
    t0 = time.perf_counter()
    build: dict = {}
    try:
        toolkit.index_tokens(corpus)
        t1 = time.perf_counter()
        toolkit.word_frequencies(corpus)
        build = {"seconds": time.perf_counter() - t0, "index_seconds": t1 - t0}
    except Exception as exc:
        build = {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}
    peak = meter.stop()
    peaks.append(peak)
    build["peak_delta"] = peak - rss0

    results = []
    for q in query_list(corpus, args):
        r = {"name": q["name"], "target": q["target"], "times": [], "peak_deltas": []}
        for k in ("mem_target", "cold_warm"):
            if k in q:
                r[k] = q[k]
        spent = 0.0
        while len(r["times"]) < args.query_repeat and (
            spent < args.query_budget or len(r["times"]) < q.get("min_runs", 1)
        ):
            before = bi.rss_bytes()
            meter = bi.PeakMeter().start()
            t = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    out = q["fn"]()
            except Exception as exc:  # report, go on with the next query
                peaks.append(meter.stop())
                r["error"] = f"{type(exc).__name__}: {exc}"
                r["trace"] = traceback.format_exc()
                break
            dt = time.perf_counter() - t
            peak = meter.stop()
            peaks.append(peak)
            spent += dt
            r["times"].append(dt)
            r["peak_deltas"].append(peak - before)
            if len(r["times"]) == 1:
                try:
                    r["info"] = q["info"](out)
                except Exception as exc:
                    r["info"] = {"error": f"{type(exc).__name__}: {exc}"}
            del out
            bi.release_memory()
        results.append(r)
    return {"text_bytes": text_bytes, "articles": len(corpus), "rss_after_load": rss0,
            "build": build, "queries": results, "peak_delta": max(peaks) - rss0,
            "loader": corpus.attrs.get("loader")}


def worker(args) -> None:
    kind = args.worker.split(":", 1)[0]
    args.planted = json.loads(Path(args.planted_file).read_text()) if args.planted_file else []
    res = worker_build(args) if kind == "build" else worker_queries(args)
    print(MARK + json.dumps(res, default=str), flush=True)


# ============================================================================= parent


def spawn(args, what: str, name: str, path: Path | None, save_table: Path | None = None,
          planted_file: Path | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", what,
           "--workload-name", name, "--warmup", str(args.warmup),
           "--query-repeat", str(args.query_repeat), "--query-budget", str(args.query_budget),
           "--sentence", args.sentence]
    if path is not None:
        cmd += ["--workload-path", str(path)]
    if args.quick:
        cmd.append("--quick")
    if save_table is not None:
        cmd += ["--save-table", str(save_table)]
    if planted_file is not None:
        cmd += ["--planted-file", str(planted_file)]
    return bi.run_worker(cmd, MARK)


def fmt_x(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}x"


def met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "NOT MET")


def run_workload(args, name: str) -> dict:
    """Every measurement of one workload; returns its part of the JSON."""
    started = time.perf_counter()
    planted_file = None
    if name == REAL:
        if not wl.ALLSIDES.exists():
            return {"workload": name, "error": f"{wl.ALLSIDES} not found"}
        path, info = None, {"source": "allsides (real corpus)", "path": str(wl.ALLSIDES)}
        stem = "allsides-real" + ("-quick" if args.quick else "")
    else:
        p = wl.named_workload(name, quick=args.quick)
        path, info = wl.ensure_workload(p["n"], None, args.seed, p["source"])
        stem = path.stem
        if info.get("near_duplicates"):  # to the worker; kept out of the results JSON
            planted_file = path.with_suffix(".planted.json")
            planted_file.write_text(json.dumps(info["near_duplicates"]))
        info = {**{k: v for k, v in info.items() if k != "near_duplicates"},
                "planted_near_duplicates": len(info.get("near_duplicates", [])),
                "path": str(path.relative_to(REPO))}
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"[bench] WARNING: load average {load:.2f} before {name}: other processes "
              "compete for the CPUs and inflate the times", flush=True)

    # ------------------------------------------------------------------ (a) build
    for m in BUILD_METHODS:  # a table left by an earlier run must not be compared
        (wl.cache_dir() / f"qfreq-{m}-{stem}.parquet").unlink(missing_ok=True)
    runs: dict[str, list[dict]] = {}
    for m in args.methods:
        runs[m] = []
        for i in range(args.repeat):
            table = wl.cache_dir() / f"qfreq-{m}-{stem}.parquet" if i == 0 else None
            r = spawn(args, f"build:{m}", name, path, table)
            runs[m].append(r)
            status = r.get("error") or (f"{r['seconds']:.2f} s, peak "
                                        f"+{bi.fmt_mb(r['peak_delta'])} MB")
            print(f"[bench] {name} {m} run {i + 1}/{args.repeat}: {status}", flush=True)
            if "error" in r:
                break
    summary: dict[str, dict] = {}
    for m, rs in runs.items():
        ok = [r for r in rs if "error" not in r]
        s: dict = {"runs": len(ok), "error": next((r["error"] for r in rs if "error" in r), None)}
        if ok:
            s.update(seconds=statistics.median(r["seconds"] for r in ok),
                     cpu_seconds=statistics.median(r["cpu_seconds"] for r in ok),
                     peak_delta=max(r["peak_delta"] for r in ok),
                     tokens=ok[0]["tokens"], types=ok[0]["types"],
                     text_bytes=ok[0]["text_bytes"], loader=ok[0].get("loader"))
            if m == "toolkit":
                s["steps"] = {k: statistics.median(r["steps"][k] for r in ok)
                              for k in ok[0]["steps"]}
        summary[m] = s
    text_bytes = next((s["text_bytes"] for s in summary.values() if s.get("text_bytes")), None)

    # ------------------------------------------------------------- (b), (c) queries
    print(f"[bench] {name} queries ...", flush=True)
    queries = spawn(args, "queries", name, path, planted_file=planted_file)
    text_bytes = text_bytes or queries.get("text_bytes")
    articles = queries.get("articles") or info.get("articles")

    # ------------------------------------------------------------------ tables
    tk = summary.get("toolkit", {}).get("seconds")
    tk_table = wl.CACHE_DIR / f"qfreq-toolkit-{stem}.parquet"
    rows = []
    for m in args.methods:
        s = summary[m]
        label = BUILD_METHODS[m][0]
        if s.get("error"):
            rows.append([label, "error", "", "", "", "", "", "", "",
                         s["error"].splitlines()[-1][:70]])
            continue
        agree = "-"
        if m != "toolkit":
            agree = bi.compare_tables(tk_table, wl.CACHE_DIR / f"qfreq-{m}-{stem}.parquet")
            s["agreement_with_toolkit"] = agree
        rows.append([label, bi.fmt_s(s["seconds"]), str(s["runs"]), bi.fmt_s(s["cpu_seconds"]),
                     f"{s['tokens']:,}", f"{s['types']:,}",
                     f"{tk / s['seconds']:.2f}" if tk and m != "toolkit" else "-",
                     bi.fmt_mb(s["peak_delta"]), f"{s['peak_delta'] / s['text_bytes']:.2f}",
                     agree])
        if m == "toolkit":
            for step, v in s["steps"].items():
                rows.append([f"    {step}", bi.fmt_s(v), "", "", "", "", "", "", "", ""])
    header = ["(a) build: index + corpus-wide frequencies", "time s", "runs", "cpu s", "tokens",
              "types", "tk/base", "peak+MB", "peak/text", "counts vs toolkit"]
    mb = f"{text_bytes / 1e6:,.1f} MB" if text_bytes else "? MB"
    desc = (f"Workload {name}: {articles or '?':,} articles, {mb} of text"
            if isinstance(articles, int) else f"Workload {name}: {mb} of text")
    if name == REAL:
        desc += f" (real allsides corpus; {queries.get('loader') or summary.get('toolkit', {}).get('loader')})"
    else:
        desc += (f" ({info['source']}, {info['outlets']} outlets, seed {info['seed']}"
                 + (f", {info['planted_near_duplicates']} planted near-duplicates"
                    if info.get("planted_near_duplicates") else "") + ")")
    lines = [desc + f"; {os.cpu_count()} CPUs, load average {load:.2f} at start", "",
             bi.table_text(header, rows, "lrrrrrrrrl")]

    targets = []  # [measure, value, first call, target, result]
    fast = {m: summary[m]["seconds"] for m in BASELINES if summary.get(m, {}).get("seconds")}
    if tk and fast:
        best = min(fast, key=fast.get)
        ratio = tk / fast[best]
        targets.append([f"(a) index build: toolkit {tk:.2f} s / fastest baseline "
                        f"({best} {fast[best]:.2f} s)", f"{ratio:.2f}", "",
                        f"<= {T_BUILD_RATIO:g} (goal {G_BUILD_RATIO:g})",
                        met(ratio <= T_BUILD_RATIO)
                        + (", goal met" if ratio <= G_BUILD_RATIO else ", goal not met")])
    else:
        targets.append(["(a) index build: toolkit / fastest baseline", "-", "",
                        f"<= {T_BUILD_RATIO:g}", "n/a (a run failed)"])

    qrows = []
    if "error" in queries:
        qrows.append(["error", "", "", "", "", "", queries["error"].splitlines()[-1][:90]])
        targets.append(["(b), (c) queries", "-", "", "-", "error: " + queries["error"][-200:]])
    else:
        b = queries["build"]
        qrows.append(["build: index_tokens + word_frequencies (once, in this process)",
                      bi.fmt_s(b.get("seconds")), "-", "1", bi.fmt_mb(b.get("peak_delta")),
                      "", b.get("error", "")[:90]])
        for q in queries["queries"]:
            t = q["times"]
            info_s = ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                               for k, v in (q.get("info") or {}).items())
            if q.get("error"):
                info_s = ("error: " + q["error"])[:120] + (f" (after {len(t)} runs)" if t else "")
            md = statistics.median(t) if t else None
            qrows.append([q["name"], bi.fmt_s(t[0]) if t else "-", bi.fmt_s(md), str(len(t)),
                          bi.fmt_mb(max(q["peak_deltas"])) if q["peak_deltas"] else "-",
                          f"{max(q['peak_deltas']) / text_bytes:.2f}" if q["peak_deltas"] else "-",
                          info_s])
            # targets
            if q.get("error") and not t:
                targets.append([q["name"], "-", "", f"< {q['target']:g} s",
                                "error: " + q["error"][:90]])
                continue
            if q.get("cold_warm"):
                targets.append([q["name"] + ": first call (splits sentences)",
                                f"{t[0]:.3f} s", "", f"< {q['target']:g} s",
                                met(t[0] < q["target"])])
                if len(t) > 1:
                    w = statistics.median(t[1:])
                    targets.append([q["name"] + f": repeated, cached (median of {len(t) - 1})",
                                    f"{w:.3f} s", "", f"< {q['target']:g} s",
                                    met(w < q["target"])])
            else:
                extra = ""
                if "lines" in (q.get("info") or {}):
                    extra = f" [{q['info']['lines']:,} lines]"
                targets.append([f"{q['name']}{extra} (median of {len(t)})", f"{md:.3f} s",
                                f"{t[0]:.3f} s", f"< {q['target']:g} s", met(md < q["target"])])
            if q.get("mem_target") is not None and q["peak_deltas"]:
                x = max(q["peak_deltas"]) / text_bytes
                targets.append([f"{q['name']}: extra memory / text", fmt_x(x), "",
                                f"< {q['mem_target']:g}x", met(x < q["mem_target"])])
        x = queries["peak_delta"] / text_bytes
        targets.append([f"(c) peak memory, build + all queries in one process "
                        f"(+{queries['peak_delta'] / 1e6:,.0f} MB)", fmt_x(x), "",
                        f"< {T_PEAK:g}x", met(x < T_PEAK)])
    lines += ["", bi.table_text(["(b) query (after the build)", "first s",
                                 f"median s (<= {args.query_repeat})", "runs", "peak+MB",
                                 "peak/text", "result"], qrows, "lrrrrrl"),
              "peak+MB = peak RSS during the query above the RSS just before it (max over runs); "
              f"repeats stop after {args.query_budget:g} s per query",
              "", bi.table_text([f"targets: {name}", "value", "first call", "target", "result"],
                                targets, "lrrll"),
              "value = median over the runs (first call included); first call = the first "
              "run alone (it may fill caches the repeats reuse)"]
    text = "\n".join(lines)
    print("\n" + text + "\n", flush=True)
    return {"workload": name, "info": info, "text_bytes": text_bytes,
            "build": {"summary": summary, "runs": runs}, "queries": queries,
            "targets": [dict(zip(["measure", "value", "first_call", "target", "result"], t,
                                 strict=True))
                        for t in targets],
            "table": text, "seconds": time.perf_counter() - started,
            "load_average": {"start": load, "end": os.getloadavg()[0]}}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workload", default="dense20k",
                    help=f"comma-separated workloads of {', '.join(WORKLOAD_NAMES)} "
                    "(default dense20k)")
    ap.add_argument("--quick", action="store_true",
                    help="n / 10 (allsides: its first tenth), 1 build run, 3 query runs")
    ap.add_argument("--repeat", type=int, default=None,
                    help="fresh-process runs of each build method (median; default 3, 1 if --quick)")
    ap.add_argument("--query-repeat", type=int, default=None,
                    help="runs of each query (median; default 5, 3 if --quick)")
    ap.add_argument("--query-budget", type=float, default=30.0,
                    help="stop repeating a query after this many seconds (default 30)")
    ap.add_argument("--only", default=None,
                    help=f"build methods to run (of {','.join(BUILD_METHODS)}; default all)")
    ap.add_argument("--sentence", choices=["auto", "always", "never"], default="auto",
                    help="frame_scores(unit='sentence'): auto = on the real allsides corpus only")
    ap.add_argument("--warmup", type=int, default=200,
                    help="articles every process first runs its steps on, untimed (default 200)")
    ap.add_argument("--seed", type=int, default=wl.DEFAULT_SEED, help="workload seed")
    ap.add_argument("--json", type=Path, default=None, help="where to write the JSON results")
    # internal
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--workload-name", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--workload-path", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--save-table", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--planted-file", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.query_repeat is None:
        args.query_repeat = 3 if args.quick else 5
    if args.worker:
        worker(args)
        return
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    args.methods = list(BUILD_METHODS)
    if args.only:
        args.methods = [m.strip() for m in args.only.split(",") if m.strip()]
        bad = set(args.methods) - set(BUILD_METHODS)
        if bad:
            ap.error(f"unknown methods {sorted(bad)}; choose from {list(BUILD_METHODS)}")
    names = [w.strip() for w in args.workload.split(",") if w.strip()]
    bad = set(names) - set(WORKLOAD_NAMES)
    if bad:
        ap.error(f"unknown workloads {sorted(bad)}; choose from {list(WORKLOAD_NAMES)}")

    started = _dt.datetime.now()
    t0 = time.perf_counter()
    print(f"[bench] workloads {', '.join(names)}{' (quick)' if args.quick else ''}: build x"
          f"{args.repeat} per method, queries x{args.query_repeat}; every run in a fresh "
          "process", flush=True)
    parts = [run_workload(args, name) for name in names]
    total = time.perf_counter() - t0
    print(f"[bench] total {total:.0f} s")

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    tag = "-".join(names) + ("-quick" if args.quick else "")
    out = args.json or RESULTS_DIR / f"bench_queries-{started:%Y%m%d-%H%M%S}-{tag}.json"
    payload = {
        "started": started.isoformat(timespec="seconds"),
        "finished": _dt.datetime.now().isoformat(timespec="seconds"),
        "seconds": total,
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
                 if k not in ("worker", "workload_name", "workload_path", "save_table",
                              "planted_file")},
        "machine": bi.machine_info(),
        "max_rss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
        "workloads": parts,
    }
    out.write_text(json.dumps(payload, indent=2, default=str))
    print(f"[bench] results written to {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")


if __name__ == "__main__":
    main()
