"""Benchmark: cold import time of the toolkit (``python -c "import toolkit"``).

Run from the repository root::

    .venv/bin/python benchmarks/bench_import.py            # 7 runs each
    .venv/bin/python benchmarks/bench_import.py --quick    # 3 runs each

Each run is a fresh interpreter (``sys.executable -c "import toolkit"``, started from the
repository root, ``PYTHONDONTWRITEBYTECODE`` unset so the ``.pyc`` caches are used as a
user's would be); its wall time is measured from the parent, so it includes the
interpreter's own start-up. Runs alternate between ``import toolkit``, the baseline
``import pandas`` and an empty ``pass`` (the interpreter alone), after one untimed run of
each that warms the OS file cache: "cold" means a new process, not an empty disk cache.

It prints the medians (target: ``import toolkit`` < 1.5 s), then runs
``python -X importtime -c "import toolkit"`` once and prints the 15 modules with the
largest cumulative import time, and the toolkit's own modules (``toolkit.*``) by their
self time. Results go to ``benchmarks/results/bench_import-<time>.json``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import statistics
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

RESULTS_DIR = HERE / "results"
TARGET = 1.5
STATEMENTS = {
    "import toolkit": "import toolkit",
    "import pandas (baseline)": "import pandas",
    "python -c pass (interpreter start-up)": "pass",
}


def run_once(code: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env,
                       capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{code!r} failed: {p.stderr.strip().splitlines()[-1:]}")
    return dt


def importtime(module: str = "toolkit") -> list[dict]:
    """``-X importtime``: one dict per imported module (self and cumulative seconds)."""
    p = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                       cwd=REPO, capture_output=True, text=True)
    rows = []
    for line in p.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:"):].split("|")
        if len(parts) != 3:
            continue
        name = parts[2].rstrip()
        rows.append({"module": name.strip(), "depth": (len(name) - len(name.lstrip())) // 2,
                     "self_s": int(parts[0]) / 1e6, "cumulative_s": int(parts[1]) / 1e6})
    return rows


def package_times(rows: list[dict]) -> list[tuple[str, float]]:
    """Per top-level package (other than toolkit): the summed cumulative time of the
    imports of its modules that were made from another package (``-X importtime`` lists
    modules after their children, so a module's parent is the next line of lower
    depth)."""
    totals: dict[str, float] = {}
    for i, r in enumerate(rows):
        root = r["module"].split(".")[0]
        parent = next((q for q in rows[i + 1:] if q["depth"] < r["depth"]), None)
        if root != "toolkit" and (parent is None or parent["module"].split(".")[0] != root):
            totals[root] = totals.get(root, 0.0) + r["cumulative_s"]
    return sorted(((k, v) for k, v in totals.items() if v >= 0.01), key=lambda kv: -kv[1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=None, help="runs per statement (default 7)")
    ap.add_argument("--quick", action="store_true", help="3 runs per statement")
    ap.add_argument("--top", type=int, default=15, help="modules listed from -X importtime")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)

    started = _dt.datetime.now()
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"[bench] WARNING: load average {load:.2f}: other processes inflate the times",
              flush=True)
    errors: dict[str, str] = {}
    for label, code in STATEMENTS.items():  # warm the file cache, untimed
        try:
            run_once(code)
        except Exception as exc:
            errors[label] = str(exc)
    times: dict[str, list[float]] = {label: [] for label in STATEMENTS if label not in errors}
    for _ in range(runs):  # interleaved, so drifting load hits every statement alike
        for label in times:
            times[label].append(run_once(STATEMENTS[label]))

    med = {label: statistics.median(t) for label, t in times.items()}
    base = med.get("python -c pass (interpreter start-up)", 0.0)
    rows = []
    for label in STATEMENTS:
        if label in errors:
            rows.append([label, "error", "", "", "", "", errors[label][:80]])
            continue
        t = times[label]
        rows.append([label, f"{med[label]:.3f}", f"{min(t):.3f}", f"{max(t):.3f}",
                     f"{med[label] - base:.3f}",
                     f"< {TARGET:g}" if label == "import toolkit" else "-",
                     (("met" if med[label] < TARGET else "NOT MET")
                      if label == "import toolkit" else "")])
    tk, pd_ = med.get("import toolkit"), med.get("import pandas (baseline)")
    lines = [
        f"Cold import: median of {runs} fresh processes each (wall time, interpreter start-up "
        f"included); {os.cpu_count()} CPUs, load average {load:.2f} at start",
        "",
        bi.table_text(["statement", "median s", "min s", "max s", "minus start-up s",
                       "target s", "result"], rows, "lrrrrrl"),
    ]
    if tk and pd_:
        lines.append(f"import toolkit / import pandas = {tk / pd_:.2f}; the toolkit adds "
                     f"{tk - pd_:.3f} s to pandas")

    rows_it = importtime("toolkit")
    if rows_it:
        top = sorted(rows_it, key=lambda r: -r["cumulative_s"])[: args.top]
        lines += ["", bi.table_text(
            [f"python -X importtime -c 'import toolkit': top {args.top} by cumulative time",
             "cumulative s", "self s", "depth"],
            [[r["module"], f"{r['cumulative_s']:.3f}", f"{r['self_s']:.3f}", str(r["depth"])]
             for r in top], "lrrr")]
        own = sorted((r for r in rows_it if r["module"].split(".")[0] == "toolkit"),
                     key=lambda r: -r["self_s"])[:10]
        lines += ["", bi.table_text(
            ["toolkit's own modules, by self time", "self s", "cumulative s"],
            [[r["module"], f"{r['self_s']:.3f}", f"{r['cumulative_s']:.3f}"] for r in own],
            "lrr")]
        pkgs = package_times(rows_it)
        lines.append("packages imported by toolkit (cumulative s of every import of the "
                     "package made from outside it; its own imports of other packages "
                     "included): " + ", ".join(f"{k} {v:.2f}" for k, v in pkgs[:12]))
    text = "\n".join(lines)
    print(text)

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = args.json or RESULTS_DIR / f"bench_import-{started:%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({
        "started": started.isoformat(timespec="seconds"), "runs": runs,
        "times": times, "medians": med, "errors": errors, "target_seconds": TARGET,
        "importtime": rows_it, "load_average": {"start": load, "end": os.getloadavg()[0]},
        "machine": bi.machine_info(), "table": text,
    }, indent=2))
    print(f"\n[bench] results written to {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")


if __name__ == "__main__":
    main()
