"""Benchmark: loading a real corpus and finding its page furniture (boilerplate).

Run from the repository root::

    .venv/bin/python benchmarks/bench_hygiene.py                      # allsides, general, dense20k
    .venv/bin/python benchmarks/bench_hygiene.py --workload allsides  # just the 30 s target

Target (issue "Real corpora in"): loading the 37,554 AllSides articles with
``load_corpus`` **plus** ``find_boilerplate`` under 30 s on the 2-core reference machine.

Each measurement runs in a fresh process (``run_worker`` of ``bench_index.py``), so no
cache or warm import is shared; the times exclude the interpreter's start-up and
``import toolkit`` (reported separately as ``import_s``). Per workload, in the same run:

* ``toolkit``: ``load_corpus`` (validation, cleaning, provenance-free) -> ``find_boilerplate``
  -> ``remove_boilerplate``.
* baseline ``pandas.read_parquet``: reading the same file with no checks (the floor of
  loading).
* baseline ``pandas explode/groupby``: the obvious pandas detector: split every text into
  lines, ``explode``, normalise (strip, lowercase, digits to ``#``), count distinct
  articles per (outlet, line) with ``groupby().nunique()`` and keep those in at least
  ``min_docs`` articles and ``min_share`` of the outlet (the same rule as
  ``find_boilerplate``'s default ``segment="line"`` path; the AllSides texts have line
  breaks).

Workloads: ``allsides`` (the real 37,554-article corpus, ``../shared/corpora/``; its
scraped page furniture is what the detector is for), and the synthetic ``general`` and
``dense20k`` workloads of ``workload.py`` (built from real sentences, so they carry little
furniture: they measure speed on the shapes the other benchmarks use). Results go to
``benchmarks/results/bench_hygiene-<time>.json``.
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
for _p in (str(HERE), str(REPO)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import bench_index as bi  # noqa: E402
import workload as wl  # noqa: E402

MARK = "RESULT "
TARGET = 30.0
RESULTS_DIR = HERE / "results"
ALLSIDES_COLUMNS = {"ID": "doc_id", "content_original": "text"}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _path(name: str) -> Path:
    if name == "allsides":
        return wl.ALLSIDES
    path, _ = wl.ensure_workload(**wl.named_workload(name))
    return path


def worker(name: str, method: str) -> None:
    """One measurement; prints ``RESULT {json}``."""
    import warnings

    path = _path(name)
    t0 = time.perf_counter()
    import pandas as pd

    import toolkit as tk
    from toolkit.boilerplate import MIN_DOCS, MIN_SHARE

    res: dict = {"import_s": time.perf_counter() - t0}
    warnings.simplefilter("ignore")  # the load's notes (dates, outlet labels) are not timed output
    columns = ALLSIDES_COLUMNS if name == "allsides" else None
    if method == "toolkit":
        t = time.perf_counter()
        corpus = tk.load_corpus(path, columns=columns)
        res["load_s"] = time.perf_counter() - t
        t = time.perf_counter()
        found = tk.find_boilerplate(corpus)
        res["detect_s"] = time.perf_counter() - t
        t = time.perf_counter()
        cleaned = tk.remove_boilerplate(corpus, found)
        res["remove_s"] = time.perf_counter() - t
        res["segments"] = len(found)
        res["articles_changed"] = int((cleaned["text"] != cleaned["text_raw"]).sum())
        res["total_s"] = res["load_s"] + res["detect_s"]
    elif method == "read_parquet":
        t = time.perf_counter()
        df = pd.read_parquet(path)
        res["load_s"] = time.perf_counter() - t
        res["articles"] = len(df)
        res["total_s"] = res["load_s"]
    elif method == "pandas":
        t = time.perf_counter()
        df = pd.read_parquet(path).rename(columns=columns or {})
        res["load_s"] = time.perf_counter() - t
        t = time.perf_counter()
        lines = (df[["doc_id", "source"]]
                 .assign(line=df["text"].str.replace("\r\n", "\n").str.split("\n"))
                 .explode("line"))
        key = (lines["line"].str.strip().str.lower()
               .str.replace(r"\s+", " ", regex=True).str.replace(r"\d", "#", regex=True))
        lines = lines.assign(key=key)[key.str.len() > 0]
        docs = lines.groupby(["source", "key"])["doc_id"].nunique()
        per_outlet = df.groupby("source")["doc_id"].size()
        share = docs / per_outlet.reindex(docs.index.get_level_values("source")).to_numpy()
        keep = docs[(docs >= MIN_DOCS) & (share >= MIN_SHARE)]
        res["detect_s"] = time.perf_counter() - t
        res["segments"] = len(keep)
        res["total_s"] = res["load_s"] + res["detect_s"]
    else:
        raise ValueError(method)
    res["peak_mb"] = _peak_mb()
    print(MARK + json.dumps(res))


METHODS = {
    "toolkit": "toolkit load_corpus + find_boilerplate",
    "pandas": "baseline: pandas read_parquet + explode/groupby detector",
    "read_parquet": "baseline: pandas.read_parquet only (no checks, no detection)",
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workload", default="allsides,general,dense20k",
                    help="comma-separated: allsides, general, dense20k")
    ap.add_argument("--worker", nargs=2, metavar=("WORKLOAD", "METHOD"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return
    names = [w.strip() for w in args.workload.split(",") if w.strip()]
    if "allsides" in names and not wl.ALLSIDES.exists():
        print(f"skipping allsides: {wl.ALLSIDES} not found")
        names.remove("allsides")
    results: dict = {}
    for name in names:
        _path(name)  # build/cache the workload outside the timed workers
        results[name] = {}
        for method in METHODS:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, method]
            results[name][method] = bi.run_worker(cmd, MARK)
        res = results[name]
        tk_res, pd_res, rp_res = res["toolkit"], res["pandas"], res["read_parquet"]
        print(f"\n== {name} ==")
        for method, label in METHODS.items():
            r = res[method]
            if "error" in r:
                print(f"  {label:<60} ERROR {r['error']}")
                continue
            parts = [f"load {r['load_s']:6.2f} s"]
            if "detect_s" in r:
                parts.append(f"detect {r['detect_s']:6.2f} s")
            if "remove_s" in r:
                parts.append(f"remove {r['remove_s']:6.2f} s")
            parts.append(f"peak {r['peak_mb']:7.0f} MB")
            print(f"  {label:<60} " + "  ".join(parts))
        if not any("error" in r for r in (tk_res, pd_res, rp_res)):
            print(f"  load + detect: toolkit {tk_res['total_s']:.2f} s vs pandas detector "
                  f"{pd_res['total_s']:.2f} s (ratio {tk_res['total_s'] / pd_res['total_s']:.2f}x); "
                  f"load alone vs read_parquet {tk_res['load_s'] / rp_res['load_s']:.2f}x; "
                  f"segments {tk_res['segments']} (pandas {pd_res['segments']}); "
                  f"articles changed by removal {tk_res['articles_changed']}")
            if name == "allsides":
                ok = "MET" if tk_res["total_s"] < TARGET else "NOT MET"
                print(f"  target load + detect < {TARGET:.0f} s: {ok} ({tk_res['total_s']:.1f} s; "
                      f"with removal {tk_res['total_s'] + tk_res['remove_s']:.1f} s)")
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS_DIR / f"bench_hygiene-{stamp}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"\nresults: {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
