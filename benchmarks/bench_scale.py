"""Benchmark: the Dask path on partitioned stores of 100,000 / 300,000 / 1,000,000 articles.

Run from the repository root::

    .venv/bin/python benchmarks/bench_scale.py                          # 100k, Dask + in-memory (~5 min)
    .venv/bin/python benchmarks/bench_scale.py --sizes 100k,300k,1m --steps build,freq,keyness,prevalence,duplicates,memory-baseline
                                                                        # the scaling curve (~12 min + 12 min of builds)
    .venv/bin/python benchmarks/bench_scale.py --sizes 20k --steps build,freq   # smoke run (~1 min)
    .venv/bin/python benchmarks/bench_scale.py --sizes 1m --address tcp://host:8786  # an existing cluster

Issue 15 ("Beyond one machine"): generate up to 1,000,000 articles (~3 GB of text) by
resampling real sentences of the shared AllSides corpus (``workload.stream_workload``: one
calendar month at a time, never the whole corpus in memory) into a partitioned store
(``toolkit.save_corpus(month, store, partition_by=["source", "year_month"], append=True)``),
then open it lazily (``toolkit.store.open_corpus``) and time, on a local cluster of 2 worker
processes (1 thread, 4 GiB memory limit each), the steps:

* ``build``: generating and appending the store (a fresh process; peak RSS of that process;
  generation and writing timed apart). Cached in ``benchmarks/.cache/scale-v1-...``
  (the folder name holds every parameter) and reused when present (the figures of the run
  that built it are reported, marked ``cached``); ``--rebuild`` builds it again.
* ``freq``: ``word_frequencies(lazy.assign(month=lazy["date"].dt.strftime("%Y-%m")),
  by=["source", "month"], stopwords=True, top=100)``: word frequencies by outlet and
  calendar month (a ``month`` column added on the lazy corpus: the store's ``year_month``
  key is a folder name, not a column of the rows).
* ``keyness``: ``keyness(lazy, target=<the outlet with most articles>, by="source")``.
* ``prevalence``: war-lexicon prevalence by outlet with Wilson intervals:
  ``frame_prevalence(frame_scores(lazy, "war_framing"), by="source")`` (``--ci bootstrap``
  for bootstrap intervals over articles).
* ``duplicates``: ``find_duplicates(lazy)``; the planted exact and near copies (each in
  another partition than its original) found are reported against those planted.
* ``memory-baseline``: the summed PSS of the client and the workers with the cluster idle
  and the store opened (nothing read): the floor of the step figures.

Memory of a Dask step: the peak of the summed PSS (``tree_meter.TreeMeter``, sampled every
0.5 s) of this process (client; a LocalCluster's scheduler and nannies run in it) and the
worker processes (its children), and
that peak minus the tree's PSS just before the step. Workers are restarted before each size.

**Baseline measured in the same run** (sizes up to ``--inmemory-max``, default 100,000):
the in-memory path, in a fresh process: ``toolkit.load_corpus(store)`` (timed: ``load``),
then each step on a new DataFrame object (``corpus.copy(deep=False)``), so that, like the
Dask path, every step tokenises its texts (no cached index); peak = max(VmHWM, tree PSS)
above the RSS before the step. ``dask/mem`` = Dask seconds / in-memory seconds per step
(**target <= 1.5x**). Both paths' result tables are compared (``pandas.testing.
assert_frame_equal``, floats to 1e-12): ``equal`` or the first difference.

**Scaling**: with several sizes, ``x linear`` = CPU seconds / (CPU seconds at the smallest
size x size ratio) (build: wall seconds); above 1.25 the step grows faster than linearly
(flagged ``SUPERLINEAR``).

Partitions read: neighbouring part files are read together into dask partitions of about
``--articles-per-partition`` articles (default 25,000: ``lazy.repartition(npartitions=
round(n / 25,000))``, at least one per worker), as ``docs/scaling.md`` advises; ``0`` reads
one partition per part file (the first runs did: 200 / 550 / 1,800 tasks, where per-task
overhead and the per-partition vocabularies merged on the client dominated).

Months and part files: the store covers ``round(n / 27,778)`` months from 2020-01 (100k: 4
months, 300k: 11, 1M: 36) and one part file per outlet and month (50 outlets: 200 / 550 /
1,800 files), so a partition's size does not depend on ``n`` (mean 500-560 articles,
~1.6 MB of text, ~1.1 MB of Parquet; median ~260; from ~55 articles for the smallest outlet
to ~2,450 = 4.9 MB of Parquet for the largest): the corpus grows by covering more time, and
the number of tasks grows linearly with ``n``. The part files are small for appending;
the analyses read them together (``--articles-per-partition``, above).

Results: ``benchmarks/results/bench_scale-<time>-<sizes>.json`` (the printed tables and
every raw figure); result tables in ``benchmarks/.cache/scale-out/``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import os
import shutil
import sys
import time
import warnings
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
RESULTS_DIR = HERE / "results"
STEPS = ("build", "freq", "keyness", "prevalence", "duplicates", "memory-baseline")
QUERY_STEPS = ("freq", "keyness", "prevalence", "duplicates")
TARGET_RATIO = 1.5
INMEMORY_MAX = 100_000
FREQ_TOP = 100
LINEAR_SLACK = 1.25
PARTITION_BY = ["source", "year_month"]
STEP_CALLS = {
    "freq": 'word_frequencies(c.assign(month=date.dt.strftime("%Y-%m")), by=["source", "month"], '
            f"stopwords=True, top={FREQ_TOP})",
    "keyness": 'keyness(c, target=<largest outlet>, by="source")',
    "prevalence": 'frame_prevalence(frame_scores(c, "war_framing"), by="source", ci=<ci>)',
    "duplicates": "find_duplicates(c)",
}


def parse_size(text: str) -> int:
    t = text.strip().lower().replace("_", "").replace(",", "")
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1]) * mult) if mult > 1 else int(t)


def size_label(n: int) -> str:
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def out_dir() -> Path:
    d = wl.cache_dir() / "scale-out"
    d.mkdir(exist_ok=True)
    return d


# ============================================================================ build


def store_of(n: int, args) -> Path:
    return wl.scale_store_path(n, seed=args.seed)


def build_worker(n: int, seed: int) -> None:
    """Stream the workload into its store (fresh process); prints ``RESULT {json}``."""
    import resource

    import pyarrow as pa
    import pyarrow.compute as pc

    import toolkit as tk

    store = wl.scale_store_path(n, seed=seed)
    if store.exists():
        shutil.rmtree(store)  # an interrupted build (no sidecar .json): start again
    load_start = os.getloadavg()
    t0 = time.perf_counter()
    gen_s = write_s = 0.0
    planted: list[dict] = []
    outlets: dict[str, int] = {}
    text_bytes = articles = months = 0
    stream = wl.stream_workload(n, seed=seed)
    while True:
        t = time.perf_counter()
        chunk = next(stream, None)
        gen_s += time.perf_counter() - t
        if chunk is None:
            break
        planted += chunk.attrs["planted"]
        for s, k in chunk["source"].value_counts().items():
            outlets[str(s)] = outlets.get(str(s), 0) + int(k)
        text_bytes += int(pc.sum(pc.binary_length(pa.array(chunk["text"]))).as_py())
        articles += len(chunk)
        months += 1
        chunk.attrs = {}
        t = time.perf_counter()
        tk.save_corpus(chunk, store, partition_by=PARTITION_BY, append=True)
        write_s += time.perf_counter() - t
        del chunk
        gc.collect()
        print(f"[build] month {months}: {articles:,} articles, {time.perf_counter() - t0:.0f} s",
              file=sys.stderr, flush=True)
    seconds = time.perf_counter() - t0
    manifest = json.loads((store / "manifest.json").read_text())
    sizes = [int(p["n_articles"]) for p in manifest["parts"]]
    file_bytes = [int(p["bytes"]) for p in manifest["parts"]]
    info = {
        "n": n, "seed": seed, "store": store.name, "articles": articles, "months": months,
        "outlets": len(outlets), "outlet_articles": dict(sorted(outlets.items())),
        "text_bytes": text_bytes, "parts": len(sizes), "part_articles_min": min(sizes),
        "part_articles_median": sorted(sizes)[len(sizes) // 2], "part_articles_max": max(sizes),
        "store_bytes": sum(file_bytes), "part_bytes_max": max(file_bytes),
        "build_s": seconds, "generate_s": gen_s, "write_s": write_s,
        "build_peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "load_average_start": load_start, "load_average_end": os.getloadavg(),
        "planted": planted, "built": _dt.datetime.now().isoformat(timespec="seconds"),
        "version": wl.SCALE_VERSION,
    }
    tmp = store.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(info, indent=1))
    tmp.replace(store.with_suffix(".json"))
    print(MARK + json.dumps({k: v for k, v in info.items() if k != "planted"}), flush=True)


def ensure_store(n: int, args) -> dict:
    """The store's sidecar info, building the store first (fresh process) if needed."""
    store = store_of(n, args)
    meta = store.with_suffix(".json")
    cached = meta.exists() and (store / "manifest.json").exists() and not args.rebuild
    if not cached:
        print(f"[{size_label(n)}] building {store.name} ...", flush=True)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--build-worker", str(n),
               str(args.seed)]
        r = run_logged(cmd)
        if "error" in r:
            raise SystemExit(f"build failed: {r['error']}")
    info = json.loads(meta.read_text())
    info["cached"] = cached
    print(f"[{size_label(n)}] store {store.name}: {info['articles']:,} articles, "
          f"{info['text_bytes'] / 1e9:.2f} GB of text, {info['parts']:,} part files "
          f"({info['store_bytes'] / 1e6:,.0f} MB), build {info['build_s']:.0f} s"
          + (" (cached)" if cached else ""), flush=True)
    return info


def run_logged(cmd: list[str]) -> dict:
    """A fresh process whose stderr goes to ours (progress lines); result after MARK."""
    import subprocess

    env = dict(os.environ, PYTHONHASHSEED="0")
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env)
    wall = time.perf_counter() - t0
    for line in reversed(p.stdout.splitlines()):
        if line.startswith(MARK):
            res = json.loads(line[len(MARK):])
            res["process_seconds"] = wall
            return res
    return {"error": f"exit code {p.returncode}: " + "\n".join(p.stdout.splitlines()[-6:]),
            "process_seconds": wall}


# ============================================================================ steps


def prevalence_call(tk, corpus, ci: str):
    """War-lexicon prevalence by outlet: ``frame_prevalence(frame_scores(...))``."""
    scores = tk.frame_scores(corpus, "war_framing")
    return tk.frame_prevalence(scores, by="source", ci=ci, check_length=False)


def run_step(tk, step: str, corpus, ctx: dict):
    """Run one analysis step on ``corpus`` (lazy or in memory); the same call for both."""
    if step == "freq":
        c = corpus.assign(month=corpus["date"].dt.strftime("%Y-%m"))
        return tk.word_frequencies(c, by=["source", "month"], stopwords=True, top=FREQ_TOP)
    if step == "keyness":
        return tk.keyness(corpus, target=ctx["target"], by="source")
    if step == "prevalence":
        return prevalence_call(tk, corpus, ctx["ci"])
    if step == "duplicates":
        return tk.find_duplicates(corpus)
    raise ValueError(step)


def tree_cpu_seconds() -> float:
    """User + system CPU seconds of this process and all its live descendants (the
    worker processes of a LocalCluster; its scheduler and nannies run in this process)."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def warmup_partitions(store: Path, target: str) -> list[int]:
    """Two small partitions for the untimed warm-up: one of ``target``, one of another outlet."""
    parts = json.loads((store / "manifest.json").read_text())["parts"]
    of_target = [i for i, q in enumerate(parts) if q["partition"]["source"] == target]
    other = [i for i, q in enumerate(parts) if q["partition"]["source"] != target]
    small = sorted(of_target, key=lambda i: parts[i]["n_articles"])[:1]
    small += sorted(other, key=lambda i: parts[i]["n_articles"])[:1]
    return sorted(small)


def describe_table(step: str, table, ctx: dict) -> dict:
    """Rows, and for duplicates the planted pairs found."""
    out = {"rows": int(len(table))}
    if step == "duplicates":
        cl = dict(zip(table["doc_id"].astype(str), table["cluster"].astype(int), strict=True))
        found = {"exact": 0, "near": 0}
        planted_clusters = set()
        for p in ctx["planted"]:
            a, b = cl.get(p["original"]), cl.get(p["copy"])
            if a is not None and a == b:
                found[p["kind"]] += 1
                planted_clusters.add(a)
        out.update(clusters=int(table["cluster"].nunique()), found_exact=found["exact"],
                   found_near=found["near"],
                   planted_exact=sum(p["kind"] == "exact" for p in ctx["planted"]),
                   planted_near=sum(p["kind"] == "near" for p in ctx["planted"]),
                   other_clusters=int(table["cluster"].nunique()) - len(planted_clusters))
    return out


def save_table(table, n: int, path_kind: str, step: str) -> Path:
    f = out_dir() / f"{size_label(n)}-{step}-{path_kind}.pkl"
    table.to_pickle(f)
    return f


def compare(a: Path, b: Path) -> str:
    """``equal`` or the first difference of two saved result tables (floats to 1e-12)."""
    import pandas as pd

    if not (a.exists() and b.exists()):
        return "-"
    ta, tb = pd.read_pickle(a), pd.read_pickle(b)
    try:
        pd.testing.assert_frame_equal(ta.reset_index(drop=True), tb.reset_index(drop=True),
                                      check_exact=False, rtol=1e-12, atol=0)
    except AssertionError as err:
        return "MISMATCH: " + " ".join(str(err).split())[:300]
    return "equal"


def context(info: dict, args) -> dict:
    counts = info["outlet_articles"]
    target = sorted(counts, key=lambda s: (-counts[s], s))[0]
    return {"target": target, "ci": args.ci, "planted": info["planted"]}


def inmemory_worker(n: int, seed: int, steps: list[str], ci: str) -> None:
    """The in-memory path (fresh process): load the store, warm up on 2 small partitions'
    articles (untimed), run each step cold (a new DataFrame object: tokenised again)."""
    import resource

    warnings.simplefilter("ignore")
    import toolkit as tk

    store = wl.scale_store_path(n, seed=seed)
    info = json.loads(store.with_suffix(".json").read_text())
    ctx = {"target": None, "ci": ci, "planted": info["planted"]}
    ctx["target"] = context(info, argparse.Namespace(ci=ci))["target"]
    res: dict = {"steps": {}}
    bi.release_memory()
    rss0 = bi.rss_bytes()
    meter = bi.PeakMeter().start()
    t = time.perf_counter()
    corpus = tk.load_corpus(store)
    res["load"] = {"seconds": time.perf_counter() - t, "rss_before": rss0,
                   "peak_delta": meter.stop() - rss0, "rows": int(len(corpus))}
    store_parts = warmup_partitions(store, ctx["target"])
    starts = [0]
    for q in json.loads((store / "manifest.json").read_text())["parts"]:
        starts.append(starts[-1] + int(q["n_articles"]))
    warm = corpus.iloc[[i for p in store_parts for i in range(starts[p], starts[p + 1])]]
    for step in steps:
        try:
            run_step(tk, step, warm.reset_index(drop=True).copy(), ctx)
        except Exception as err:
            print(f"[in-memory] warm-up of {step} failed: {err!r}", file=sys.stderr)
    del warm
    gc.collect()
    bi.release_memory()
    res["load"]["rss_after"] = bi.rss_bytes()
    for step in steps:
        c = corpus.copy(deep=False)  # a new object: its token index is built again
        bi.release_memory()
        rss = bi.rss_bytes()
        meter = bi.PeakMeter().start()
        tree = TreeMeter().start()
        c0, k0 = bi.cpu_seconds(), bi.cpu_seconds(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        try:
            table = run_step(tk, step, c, ctx)
        except Exception as err:  # report and go on with the next step
            res["steps"][step] = {"error": f"{type(err).__name__}: {err}"[:500]}
            meter.stop(), tree.stop()
            continue
        sec = time.perf_counter() - t
        r = {"seconds": sec, "cpu_seconds": bi.cpu_seconds() - c0
             + bi.cpu_seconds(resource.RUSAGE_CHILDREN) - k0, "load_average": os.getloadavg(),
             "rss_before": rss, "peak_delta_self": meter.stop() - rss,
             "peak_delta_tree": tree.stop() - tree.base}
        r["peak_delta"] = max(r["peak_delta_self"], r["peak_delta_tree"])
        r.update(describe_table(step, table, ctx))
        r["table"] = str(save_table(table, n, "memory", step))
        res["steps"][step] = r
        print(f"[in-memory {size_label(n)}] {step}: {sec:.1f} s", file=sys.stderr, flush=True)
        del c, table
        gc.collect()
    print(MARK + json.dumps(res), flush=True)


# ============================================================================ dask path


class Cluster:
    """The client (and our own LocalCluster unless ``--address``), started on first use."""

    def __init__(self, args) -> None:
        self.args = args
        self.client = None
        self.cluster = None

    def get(self):
        if self.client is None:
            from distributed import Client, LocalCluster

            if self.args.address:
                self.client = Client(self.args.address)
            else:
                self.cluster = LocalCluster(
                    n_workers=self.args.workers, threads_per_worker=1, processes=True,
                    memory_limit=self.args.memory_limit, dashboard_address=None,
                    silence_logs=40)
                self.client = Client(self.cluster)
            self.client.wait_for_workers(1)
        return self.client

    def restart(self) -> None:
        if self.cluster is not None and self.client is not None:
            self.client.restart()

    def close(self) -> None:
        import logging

        for name in ("distributed", "tornado", "asyncio"):  # shutdown chatter, not results
            logging.getLogger(name).setLevel(logging.CRITICAL)
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def dask_prepare(n: int, steps: list[str], info: dict, args, cluster: Cluster) -> tuple:
    """Restart the workers, open the store lazily, measure the idle memory, warm up."""
    import toolkit as tk
    from toolkit.store import open_corpus

    client = cluster.get()
    cluster.restart()
    time.sleep(1.0)
    ctx = context(info, args)
    out: dict = {"workers": len(client.scheduler_info()["workers"]), "steps": {}}
    t = time.perf_counter()
    lazy = raw = open_corpus(store_of(n, args))
    out["open_s"] = time.perf_counter() - t
    out["store_parts"] = int(lazy.npartitions)
    if args.articles_per_partition:
        # read neighbouring part files together (docs/scaling.md: partition sizing)
        k = max(args.workers, round(n / args.articles_per_partition))
        if k < lazy.npartitions:
            lazy = lazy.repartition(npartitions=k)
    out["npartitions"] = int(lazy.npartitions)
    if "memory-baseline" in steps:
        base = TreeMeter().start()
        cpu0, t0 = tree_cpu_seconds(), time.perf_counter()
        time.sleep(5.0)
        # CPU the idle cluster (heartbeats) and the memory meter use per second of wall time
        out["idle_cpu_per_s"] = (tree_cpu_seconds() - cpu0) / (time.perf_counter() - t0)
        out["memory_baseline"] = base.stop()
        out["memory_baseline_processes"] = base.max_children + 1
        print(f"[dask {size_label(n)}] memory baseline (client + cluster idle, store open): "
              f"{out['memory_baseline'] / 1e6:,.0f} MB PSS", flush=True)
    warm = raw.partitions[warmup_partitions(store_of(n, args), ctx["target"])]  # two small part files
    t = time.perf_counter()
    for step in steps:
        if step in QUERY_STEPS:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    run_step(tk, step, warm, ctx)
            except Exception as err:
                print(f"[dask] warm-up of {step} failed: {err!r}", file=sys.stderr)
    out["warmup_s"] = time.perf_counter() - t
    return lazy, ctx, out


def dask_step(n: int, step: str, lazy, ctx: dict) -> dict:
    """One step on the cluster: wall and CPU seconds (client + workers), peak tree PSS."""
    import toolkit as tk

    gc.collect()
    tree = TreeMeter().start()
    cpu0 = tree_cpu_seconds()
    t = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = run_step(tk, step, lazy, ctx)
    except Exception as err:
        tree.stop()
        r = {"error": f"{type(err).__name__}: {err}"[:500]}
        print(f"[dask {size_label(n)}] {step}: ERROR {r['error']}", flush=True)
        return r
    sec = time.perf_counter() - t
    cpu = tree_cpu_seconds() - cpu0
    peak = tree.stop()
    r = {"seconds": sec, "cpu_seconds": cpu, "load_average": os.getloadavg(),
         "tree_pss_before": tree.base, "peak_tree": peak, "peak_delta": peak - tree.base,
         "processes": tree.max_children + 1}
    r.update(describe_table(step, table, ctx))
    r["table"] = str(save_table(table, n, "dask", step))
    print(f"[dask {size_label(n)}] {step}: {sec:.1f} s (cpu {cpu:.0f} s), {r['rows']:,} rows, "
          f"peak tree {peak / 1e6:,.0f} MB (+{r['peak_delta'] / 1e6:,.0f})", flush=True)
    return r


# ============================================================================ parent


def fmt(x, spec: str, none: str = "-") -> str:
    return none if x is None else format(x, spec)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] + " Duration on 2 cores (2026-12-01, load ~3): 100k with "
        "the in-memory baseline ~5 min (12 min at load 10+; first run: +1.5 min to build the "
        "store); 300k ~5 min (+3 min to build; keyness stalls there with 4 GiB workers, leave "
        "it out); 1m without keyness ~13 min (+7.5 min to build its store).",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100k",
                    help="comma-separated sizes in articles: 100k,300k,1m (default 100k; any "
                    "number works, e.g. 20k, for a smoke run)")
    ap.add_argument("--steps", default=",".join(STEPS),
                    help=f"comma-separated steps (default all: {','.join(STEPS)}); build is "
                    "always done when the store is missing")
    ap.add_argument("--address", default=None,
                    help="scheduler address of an existing dask cluster (default: start a "
                    "LocalCluster)")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (2)")
    ap.add_argument("--articles-per-partition", type=int, default=25_000,
                    help="read neighbouring part files together into dask partitions of about "
                         "this many articles (lazy.repartition; 0: one partition per part file)")
    ap.add_argument("--memory-limit", default="4GiB", help="memory limit per worker (4GiB)")
    ap.add_argument("--inmemory-max", type=int, default=INMEMORY_MAX,
                    help=f"run the in-memory baseline for sizes up to this (default "
                    f"{INMEMORY_MAX:,}; 0: never)")
    ap.add_argument("--ci", choices=["wilson", "bootstrap"], default="wilson",
                    help="intervals of the prevalence step (default wilson)")
    ap.add_argument("--seed", type=int, default=wl.DEFAULT_SEED)
    ap.add_argument("--rebuild", action="store_true", help="build the stores again")
    ap.add_argument("--json", default=None, help="where the results JSON goes")
    ap.add_argument("--scaling-from", default=None,
                    help="comma-separated results JSON files of earlier runs whose sizes (not "
                    "run now) join the scaling table (steps of one size in several files are "
                    "merged, later files winning)")
    ap.add_argument("--build-worker", nargs=2, metavar=("N", "SEED"), help=argparse.SUPPRESS)
    ap.add_argument("--inmemory-worker", nargs=4, metavar=("N", "SEED", "STEPS", "CI"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.build_worker:
        build_worker(int(args.build_worker[0]), int(args.build_worker[1]))
        return
    if args.inmemory_worker:
        n, seed, steps, ci = args.inmemory_worker
        inmemory_worker(int(n), int(seed), steps.split(","), ci)
        return

    sizes = sorted(parse_size(s) for s in args.sizes.split(",") if s.strip())
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    for s in steps:
        if s not in STEPS:
            ap.error(f"unknown step {s!r}; choose from {','.join(STEPS)}")
    qsteps = [s for s in QUERY_STEPS if s in steps]
    load1 = os.getloadavg()[0]
    print(f"load average {load1:.2f}" + ("  (above 0.5: numbers may be noisy)" if load1 > 0.5 else ""))
    started = _dt.datetime.now()
    results: dict = {"started": started.isoformat(timespec="seconds"), "sizes": sizes,
                     "steps": steps, "calls": STEP_CALLS, "ci": args.ci,
                     "cluster": {"address": args.address, "workers": args.workers,
                                 "threads_per_worker": 1, "memory_limit": args.memory_limit},
                     "load_average": os.getloadavg(), "machine": bi.machine_info(), "runs": {}}
    cluster = Cluster(args)
    try:
        for n in sizes:
            label = size_label(n)
            run: dict = {}
            results["runs"][label] = run
            run["store"] = ensure_store(n, args)
            run["store"].pop("planted", None)
            info = json.loads(store_of(n, args).with_suffix(".json").read_text())
            inmem = bool(qsteps) and n <= args.inmemory_max
            if qsteps or "memory-baseline" in steps:
                lazy, ctx, run["dask"] = dask_prepare(n, steps, info, args, cluster)
            if inmem:
                run["memory"] = {"steps": {}, "load": []}
            for step in qsteps:
                # interleaved: the in-memory run of a step right before its Dask run, so
                # both see about the same load from whatever else the machine is doing
                if inmem:
                    print(f"[{label}] {step}: in-memory path (fresh process) ...", flush=True)
                    cmd = [sys.executable, str(Path(__file__).resolve()), "--inmemory-worker",
                           str(n), str(args.seed), step, args.ci]
                    r = run_logged(cmd)
                    if "error" in r:
                        print(f"  ERROR {r['error']}", flush=True)
                        run["memory"]["steps"][step] = r
                    else:
                        run["memory"]["load"].append(r["load"])
                        run["memory"]["steps"][step] = r["steps"][step]
                        m = r["steps"][step]
                        if "seconds" in m:
                            print(f"[memory {label}] {step}: {m['seconds']:.1f} s (cpu "
                                  f"{m['cpu_seconds']:.0f} s), peak +{m['peak_delta'] / 1e6:,.0f} "
                                  "MB", flush=True)
                print(f"[{label}] {step}: dask path ...", flush=True)
                run["dask"]["steps"][step] = dask_step(n, step, lazy, ctx)
                write_results(results, args, started, partial=True)
            if inmem and run["memory"]["load"]:
                loads = run["memory"]["load"]
                run["memory"]["load"] = min(loads, key=lambda x: x["seconds"])
                run["memory"]["load"]["all_seconds"] = [x["seconds"] for x in loads]
            elif inmem:
                run["memory"].pop("load")
            if inmem and "dask" in run:
                run["equal"] = {}
                for step in qsteps:
                    a = run["dask"]["steps"].get(step, {}).get("table")
                    b = run["memory"].get("steps", {}).get(step, {}).get("table")
                    run["equal"][step] = compare(Path(a), Path(b)) if a and b else "-"
                    print(f"[{label}] {step}: dask vs in-memory: {run['equal'][step]}", flush=True)
            write_results(results, args, started, partial=True)
    finally:
        cluster.close()
    extra: dict = {}
    for f in (args.scaling_from or "").split(","):
        if f.strip():
            for label, run in json.loads(Path(f.strip()).read_text())["runs"].items():
                if label in results["runs"]:
                    continue
                if label in extra:  # the same size in several files: merge their steps
                    steps_ = extra[label].setdefault("dask", {}).setdefault("steps", {})
                    steps_.update(run.get("dask", {}).get("steps", {}))
                else:
                    extra[label] = run
    tables = report(results, qsteps, extra)
    results["tables"] = tables
    results["finished"] = _dt.datetime.now().isoformat(timespec="seconds")
    out = write_results(results, args, started)
    print(f"\nresults: {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")


def write_results(results: dict, args, started, partial: bool = False) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    sizes = "-".join(size_label(n) for n in results["sizes"])
    out = Path(args.json) if args.json else RESULTS_DIR / f"bench_scale-{stamp}-{sizes}.json"
    out.write_text(json.dumps(results, indent=2, default=str))
    return out


def report(results: dict, qsteps: list[str], extra: dict | None = None) -> dict:
    tables = {}
    # 1. per size: build, and per step Dask vs in memory
    rows = []
    for label, run in results["runs"].items():
        s = run["store"]
        rows.append([label, "build (stream + save_corpus)", f"{s['articles']:,}",
                     f"{s['text_bytes'] / 1e6:,.0f}",
                     f"{s['build_s']:.1f}" + (" (cached)" if s.get("cached") else ""),
                     f"{s['build_peak_rss'] / 1e6:,.0f}", "-", "-", "-", "-", "-",
                     f"{s['parts']:,} files, {s['store_bytes'] / 1e6:,.0f} MB"])
        d = run.get("dask", {})
        m = run.get("memory", {})
        if "load" in m:
            rows.append([label, "in-memory load_corpus", f"{s['articles']:,}", "-", "-", "-",
                         f"{m['load']['seconds']:.1f}", f"{m['load']['peak_delta'] / 1e6:,.0f}",
                         "-", "-", "-", f"RSS after load {m['load']['rss_after'] / 1e6:,.0f} MB"])
        if "memory_baseline" in d:
            rows.append([label, "memory-baseline (idle cluster)", "-", "-", "-",
                         f"{d['memory_baseline'] / 1e6:,.0f}", "-", "-", "-", "-", "-",
                         f"{d['memory_baseline_processes']} processes, {d['npartitions']:,} "
                         "partitions"])
        for step in qsteps:
            dr = d.get("steps", {}).get(step, {})
            mr = m.get("steps", {}).get(step, {}) if isinstance(m, dict) else {}
            ratio = cpu_ratio = None
            if "seconds" in dr and "seconds" in mr:
                ratio = dr["seconds"] / mr["seconds"]
                idle = d.get("idle_cpu_per_s", 0.0) * dr["seconds"]
                cpu_ratio = max(dr["cpu_seconds"] - idle, 0.0) / mr["cpu_seconds"]
            note = ""
            if step == "duplicates" and "found_exact" in dr:
                note = (f"found {dr['found_exact']}/{dr['planted_exact']} exact, "
                        f"{dr['found_near']}/{dr['planted_near']} near; "
                        f"{dr['other_clusters']} other clusters")
            elif "rows" in dr:
                note = f"{dr['rows']:,} rows"
            if "error" in dr:
                note = "dask ERROR " + dr["error"][:80]
            eq = run.get("equal", {}).get(step)
            if eq:
                note += f"; vs in-memory: {eq[:60]}"
            rows.append([label, step, f"{s['articles']:,}", "-",
                         fmt(dr.get("seconds"), ".1f", "ERR" if "error" in dr else "-"),
                         fmt(dr["peak_tree"] / 1e6 if "peak_tree" in dr else None, ",.0f"),
                         fmt(mr.get("seconds"), ".1f", "ERR" if "error" in mr else "-"),
                         fmt(mr["peak_delta"] / 1e6 if "peak_delta" in mr else None, ",.0f"),
                         fmt(ratio, ".2f"), fmt(cpu_ratio, ".2f"),
                         "-" if ratio is None else ("PASS" if ratio <= TARGET_RATIO else "FAIL"),
                         note])
    header = ["size", "step", "articles", "text MB", "dask s", "dask peak MB", "in-mem s",
              "in-mem peak+MB", "dask/mem", "cpu dask/mem", f"target <={TARGET_RATIO}x", "notes"]
    tables["steps"] = bi.table_text(header, rows, "ll" + "r" * 9 + "ll")
    print("\n" + tables["steps"])
    print("\ndask s: wall time on the cluster (2 workers x 1 thread); dask peak MB: peak summed "
          "PSS of this process (client, scheduler, nannies) + workers during the step (the build row: peak RSS of the "
          "build process); in-mem: the same call on load_corpus(store) in a fresh process, "
          "tokenising again (new DataFrame object); in-mem peak+MB above the RSS with the "
          "corpus loaded; dask/mem = dask s / in-mem s (the target is on this); cpu dask/mem = CPU "
          "seconds of client + workers (less the idle cluster's CPU per second, measured with "
          "memory-baseline, times the step's wall time) / CPU seconds of the in-memory process (less sensitive "
          "to other load on the machine).")
    # 2. scaling
    runs = {**(extra or {}), **results["runs"]}
    labels = sorted(runs, key=lambda lb: runs[lb]["store"]["articles"])
    if len(labels) > 1:
        rows = []
        for step in ["build", *qsteps]:
            base = None
            cells = [step]
            verdicts = []
            for label in labels:
                run = runs[label]
                cpu = None
                if step == "build":
                    sec = run["store"]["build_s"]
                else:
                    r = run.get("dask", {}).get("steps", {}).get(step, {})
                    sec, cpu = r.get("seconds"), r.get("cpu_seconds")
                n = run["store"]["articles"]
                if sec is None:
                    cells.append("-")
                    continue
                # linearity on CPU seconds where measured (less sensitive to other load)
                cost = sec if step == "build" or cpu is None else cpu
                if base is None:
                    base = cost / n
                lin = cost / (base * n)
                cells.append(f"{sec:.1f}" + ("" if cpu is None else f" / cpu {cpu:.0f}")
                             + f" ({lin:.2f}x)")
                if lin > LINEAR_SLACK:
                    verdicts.append(f"SUPERLINEAR at {label}")
            measured = sum(c != "-" for c in cells[1:])
            cells.append(", ".join(verdicts) or ("about linear" if measured > 1 else "-"))
            rows.append(cells)
        header = ["step", *[f"{lb} s / cpu s (x linear)" for lb in labels], "growth"]
        tables["scaling"] = bi.table_text(header, rows, "l" + "r" * len(labels) + "l")
        print("\n" + tables["scaling"])
        print(f"\nx linear = CPU seconds (client + workers; build: wall seconds) / (the same "
              f"at {labels[0]} x size ratio); above {LINEAR_SLACK} the step grows faster than "
              "linearly. Sizes from --scaling-from files may have run under another load.")
    return tables


if __name__ == "__main__":
    main()
