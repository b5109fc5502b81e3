"""Benchmark: tokens, word frequency and the speed to do it on 100,000 articles.

Run from the repository root::

    .venv/bin/python benchmarks/bench_index.py            # reference: 100,000 articles, ~300 MB
    .venv/bin/python benchmarks/bench_index.py --quick    # smoke run: 10,000 articles, ~30 MB

It prints three tables (and writes them, with every raw measurement, as JSON to
``benchmarks/results/``):

1. **Build**: tokenising the whole workload into the toolkit's token index plus a
   corpus-wide frequency table, against a naive NLTK loop (extrapolated from a sample),
   scikit-learn's ``CountVectorizer``, polars and DuckDB regex pipelines, and ``wc -w``
   as a floor. Every run is a fresh subprocess that loads the workload, then measures
   wall time, CPU time and peak RSS above the RSS it had after loading.
2. **Queries** on the already-built (cached) index: frequencies by outlet, a term trend,
   concordances, and -- through the hooks in :func:`query_hooks` -- keyness and frame
   scoring as soon as those modules exist.
3. **Targets** with PASS/FAIL, and (unless ``--no-profile``) a step-by-step profile of
   the toolkit's index build.

See ``benchmarks/README.md`` for what each line means. No timing here is a unit test:
the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as _dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _p in (str(HERE), str(REPO)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import workload as wl  # noqa: E402

RESULTS_DIR = HERE / "results"
MARK = "@@BENCH-RESULT@@ "
SEED = 12_345  # NLTK sample

# Python's ``re`` and polars' Rust ``regex`` read \w and \d as Unicode classes; DuckDB's
# RE2 reads them as ASCII only, so the toolkit's TOKEN_PATTERN is spelled out in Unicode
# properties for DuckDB (\w = letters, numbers and "_" as Python defines it; \d = Nd).
RE2_TOKEN_PATTERN = (
    r"(?:[\pL\p{Nl}\p{No}]\.)+|\p{Nd}+(?:[.,]\p{Nd}+)+|[\pL\pN_]+(?:[-'][\pL\pN_]+)*"
)
APOSTROPHES = ("\u2019", "\u02bc")  # as toolkit.tokenize: both become "'"


# ============================================================================ memory


def _proc_status(key: str) -> int | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def rss_bytes() -> int:
    v = _proc_status("VmRSS")
    if v is None:
        import psutil

        v = psutil.Process().memory_info().rss
    return v


def release_memory() -> None:
    """Return freed memory to the OS so that 'RSS after loading' is not inflated."""
    gc.collect()
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except Exception:
        pass
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except Exception:
        pass


class PeakMeter:
    """Peak RSS from now on.

    On Linux the kernel's high-water mark (VmHWM) is reset by writing 5 to
    /proc/self/clear_refs, then read back: exact and free. Elsewhere a thread samples
    RSS every 5 ms with psutil (may miss very short spikes).
    """

    def __init__(self) -> None:
        self.exact = False
        self._peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> PeakMeter:
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
            self.exact = _proc_status("VmHWM") is not None
        except OSError:
            self.exact = False
        if not self.exact:
            import psutil

            proc = psutil.Process()
            self._peak = proc.memory_info().rss

            def sample() -> None:
                while not self._stop.wait(0.005):
                    self._peak = max(self._peak, proc.memory_info().rss)

            self._thread = threading.Thread(target=sample, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> int:
        if self.exact:
            return int(_proc_status("VmHWM"))
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return max(self._peak, rss_bytes())


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


# ===================================================================== build methods
#
# Each method turns the corpus into a corpus-wide frequency table (term, count) and
# returns (table, extra-info). ``prepare`` imports what the method needs *before* the
# workload is loaded, so imports are not counted in its memory.


@dataclass
class Method:
    name: str
    label: str
    baseline: str  # the column of the summary that names it
    prepare: Callable[[], None]
    run: Callable  # (corpus, args) -> (table or None, dict)
    repeat_key: str = "repeat"  # which --repeat option applies


def _prep_toolkit() -> None:
    import toolkit.frequency  # noqa: F401
    import toolkit.index  # noqa: F401


def run_toolkit(corpus, args):
    from toolkit.frequency import word_frequencies
    from toolkit.index import index_tokens

    t0 = time.perf_counter()
    idx = index_tokens(corpus)
    t1 = time.perf_counter()
    _ = idx.dtm  # built lazily: count it in the build
    t2 = time.perf_counter()
    freq = word_frequencies(corpus)
    t3 = time.perf_counter()
    info = {
        "steps": {
            "index_tokens (tokenise + encode)": t1 - t0,
            "TokenIndex.dtm (sparse matrix)": t2 - t1,
            "word_frequencies(corpus)": t3 - t2,
        },
        "tokens": int(idx.n_tokens),
        "types": int(len(idx.vocab)),
        "fingerprint": index_fingerprint(idx.ids, idx.vocab, idx.offsets),
    }
    return freq[["term", "count"]], info


def index_fingerprint(ids, vocab, offsets) -> str:
    """CRC of ids, offsets and vocabulary: tells whether two indexes are identical."""
    crc = zlib.crc32(ids.tobytes())
    crc = zlib.crc32(offsets.tobytes(), crc)
    crc = zlib.crc32("\n".join(vocab.tolist()).encode("utf-8"), crc)
    return f"{crc:08x}"


def _prep_nltk() -> None:
    import nltk  # noqa: F401
    from nltk.tokenize import NLTKWordTokenizer  # noqa: F401


def nltk_sample(n_docs: int, k: int) -> list[int]:
    import numpy as np

    rng = np.random.default_rng(SEED)
    return np.sort(rng.choice(n_docs, size=min(k, n_docs), replace=False)).tolist()


def run_nltk(corpus, args):
    import pandas as pd
    from nltk import FreqDist
    from nltk.tokenize import NLTKWordTokenizer

    # the sample is taken before the clock starts (see the worker); here: the naive loop
    texts = args._sample_texts
    tok = NLTKWordTokenizer()
    total = FreqDist()
    n_tokens = 0
    for text in texts:
        fd = FreqDist(tok.tokenize(text.lower()))
        n_tokens += fd.N()
        total.update(fd)
    table = pd.DataFrame(total.most_common(), columns=["term", "count"])
    return table, {"tokens": n_tokens, "types": len(total)}


def _prep_sklearn() -> None:
    import sklearn.feature_extraction.text  # noqa: F401


def _normalise(text: str) -> str:
    for a in APOSTROPHES:
        text = text.replace(a, "'")
    return text.lower()


def run_sklearn(corpus, args):
    import numpy as np
    import pandas as pd
    from sklearn.feature_extraction.text import CountVectorizer

    from toolkit.tokenize import TOKEN_PATTERN

    # same token pattern; the preprocessor lowercases (as lowercase=True would) and maps
    # curly apostrophes to "'" as the toolkit does, so the counts are comparable
    cv = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=_normalise)
    x = cv.fit_transform(corpus["text"])
    counts = np.asarray(x.sum(axis=0)).ravel()
    table = pd.DataFrame({"term": cv.get_feature_names_out(), "count": counts})
    return table, {"tokens": int(counts.sum()), "types": len(table)}


def _prep_polars() -> None:
    import polars  # noqa: F401
    import pyarrow  # noqa: F401


def run_polars(corpus, args):
    import polars as pl
    import pyarrow as pa

    from toolkit.tokenize import TOKEN_PATTERN

    df = pl.from_arrow(pa.table({"text": pa.array(corpus["text"].array)}))
    text = pl.col("text")
    for a in APOSTROPHES:
        text = text.str.replace_all(a, "'", literal=True)
    q = (
        df.lazy()
        .select(text.str.to_lowercase().str.extract_all(TOKEN_PATTERN).alias("term"))
        .explode("term")
        .drop_nulls()
        .select(pl.col("term").value_counts(sort=True, name="count"))
        .unnest("term")
    )
    out = q.collect(engine=args.polars_engine)
    table = out.to_pandas()
    return table, {"tokens": int(out["count"].sum()), "types": out.height,
                   "engine": args.polars_engine}


def _prep_duckdb() -> None:
    import duckdb  # noqa: F401
    import pyarrow  # noqa: F401


def run_duckdb(corpus, args):
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    con.register("corpus", pa.table({"text": pa.array(corpus["text"].array)}))
    text = "text"
    for a in APOSTROPHES:
        text = f"replace({text}, '{a}', '''')"
    pattern = RE2_TOKEN_PATTERN.replace("'", "''")
    sql = f"""
        SELECT term, count(*) AS count
        FROM (SELECT unnest(regexp_extract_all(lower({text}), '{pattern}')) AS term
              FROM corpus)
        GROUP BY term ORDER BY count DESC
    """
    table = con.execute(sql).df()
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.close()
    return table, {"tokens": int(table["count"].sum()), "types": len(table), "threads": threads}


def _prep_wc() -> None:
    pass


def run_wc(corpus, args):
    env = dict(os.environ, LC_ALL="C")
    out = subprocess.run(["wc", "-w", args._text_file], capture_output=True, text=True,
                         env=env, check=True)
    return None, {"tokens": int(out.stdout.split()[0])}


BUILD_METHODS: dict[str, Method] = {
    m.name: m
    for m in [
        Method("toolkit", "toolkit: index_tokens + .dtm + word_frequencies", "toolkit",
               _prep_toolkit, run_toolkit),
        Method("nltk", "NLTK: NLTKWordTokenizer + FreqDist per article", "(a)",
               _prep_nltk, run_nltk, "repeat_slow"),
        Method("sklearn", "scikit-learn CountVectorizer (same pattern)", "(b)",
               _prep_sklearn, run_sklearn, "repeat_slow"),
        Method("polars", "polars: extract_all + explode + value_counts", "(c)",
               _prep_polars, run_polars),
        Method("duckdb", "DuckDB: regexp_extract_all + unnest + GROUP BY", "(c)",
               _prep_duckdb, run_duckdb),
        Method("wc", "wc -w (LC_ALL=C), floor", "(d)", _prep_wc, run_wc),
    ]
}


# ========================================================================== queries


@dataclass
class Query:
    fn: Callable[[], object] | None
    target: float | None
    skip: str | None = None  # reason, when the analysis is not available yet


def query_hooks(corpus) -> dict[str, Query]:
    """The analyses timed on the built index: ``{name: Query(callable, target seconds)}``.

    HOOKS: add analyses here. Optional modules are imported inside ``try/except
    ImportError``, so the benchmark runs before they exist and times them automatically
    once they do.
    """
    from toolkit.concordance import concordance
    from toolkit.frequency import term_trends, word_frequencies
    from toolkit.index import index_tokens

    q: dict[str, Query] = {
        # not a target: the fixed cost every analysis pays to find its cached index
        "index_tokens(corpus) (cache hit, info)": Query(lambda: index_tokens(corpus), None),
        "word_frequencies(by='source')": Query(
            lambda: word_frequencies(corpus, by="source"), 0.5),
        "term_trends(['negotiat*'], by='source', freq='M')": Query(
            lambda: term_trends(corpus, ["negotiat*"], by="source", freq="M"), 0.5),
        "concordance('talks', n=50)": Query(lambda: concordance(corpus, "talks", n=50), 0.5),
        "concordance('talks') all occurrences": Query(
            lambda: concordance(corpus, "talks"), 0.5),
    }

    # --- hook: keyness of the largest outlet against the rest (target < 1 s) ---
    try:
        from toolkit.keyness import keyness
    except ImportError as exc:
        q["keyness(target=<largest source>)"] = Query(None, 1.0, f"not available yet ({exc})")
    else:
        sizes = corpus["source"].value_counts()
        largest = sorted(sizes.index[sizes == sizes.max()])[0]
        q[f"keyness(target={largest!r})"] = Query(lambda: keyness(corpus, target=largest), 1.0)

    # --- hook: frame scoring with the war_framing lexicon (target < 10 s) ---
    name = "frame_scores(war_framing)"
    try:
        from toolkit.frames import frame_scores
        from toolkit.lexicon import load_lexicon
    except ImportError as exc:
        q[name] = Query(None, 10.0, f"not available yet ({exc})")
    else:
        try:
            lexicon = load_lexicon("war_framing")  # loaded once, outside the timing
        except Exception as exc:  # lexicon file not there yet
            q[name] = Query(None, 10.0, f"lexicon not available ({type(exc).__name__}: {exc})")
        else:
            q[name] = Query(lambda: frame_scores(corpus, lexicon), 10.0)
    return q


def run_queries(corpus, args) -> dict:
    from toolkit.index import index_tokens

    t0 = time.perf_counter()
    idx = index_tokens(corpus)
    _ = idx.dtm
    warm = time.perf_counter() - t0
    release_memory()
    rss0 = rss_bytes()
    meter = PeakMeter().start()
    results = {}
    for name, q in query_hooks(corpus).items():
        if q.fn is None:
            results[name] = {"skip": q.skip, "target": q.target}
            continue
        times, rows, error = [], None, None
        for _ in range(args.query_repeat):
            t = time.perf_counter()
            try:
                out = q.fn()
            except Exception as exc:  # report, keep going
                error = f"{type(exc).__name__}: {exc}"
                break
            times.append(time.perf_counter() - t)
            rows = len(out) if hasattr(out, "__len__") else None
            del out
        results[name] = {"times": times, "rows": rows, "target": q.target, "error": error}
    peak = meter.stop()
    return {"index_seconds": warm, "queries": results, "rss_before": rss0,
            "peak_delta": peak - rss0, "peak_exact": meter.exact}


# ========================================================================== profile


def run_profile(corpus, args) -> dict:
    """Time each step of toolkit.index.build_index (+ the dtm) on the same workload.

    This mirrors the code of ``build_index`` and ``TokenIndex.dtm`` step by step; its
    fingerprint is compared with the real index built by the ``toolkit`` method, and a
    mismatch (the toolkit code changed) is reported.
    """
    if args.warmup > 0:
        _profile_once(corpus.iloc[: args.warmup].copy())
    return _profile_once(corpus)


def _profile_once(corpus) -> dict:
    import numpy as np
    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.compute as pc
    from scipy import sparse

    from toolkit.index import CHUNK_SIZE
    from toolkit.tokenize import _APOSTROPHES as TK_APOSTROPHES
    from toolkit.tokenize import TOKEN_PATTERN

    steps: dict[str, float] = {}

    class step:
        def __init__(self, name: str) -> None:
            self.name = name

        def __enter__(self):
            self.t = time.perf_counter()

        def __exit__(self, *exc):
            steps[self.name] = steps.get(self.name, 0.0) + time.perf_counter() - self.t

    t_all = time.perf_counter()
    texts = corpus["text"]
    with step("checks + meta (isna, drop text column)"):
        texts.isna().any()
        corpus.drop(columns=[c for c in ("text", "text_raw") if c in corpus.columns])
    vocab_index = pd.Index([], dtype=object)
    vocab_parts, id_parts, lens_parts = [], [], []
    for start in range(0, max(len(corpus), 1), CHUNK_SIZE):
        chunk = texts.iloc[start : start + CHUNK_SIZE]
        with step("pandas -> object array (chunk.to_numpy(dtype=object))"):
            arr = chunk.to_numpy(dtype=object)
        with step("object array -> arrow/polars (pa.array, pl.Series)"):
            s = pl.Series("text", pa.array(arr, type=pa.large_string()))
        with step("tokenize_series: replace apostrophes (2x replace_all)"):
            for a in TK_APOSTROPHES:
                s = s.str.replace_all(a, "'", literal=True)
        with step("tokenize_series: to_lowercase"):
            s = s.str.to_lowercase()
        with step("tokenize_series: str.extract_all(TOKEN_PATTERN)"):
            toks = s.str.extract_all(TOKEN_PATTERN)
        with step("list.len (document lengths)"):
            lens = toks.list.len().fill_null(0).to_numpy().astype(np.int64)
        with step("explode + drop_nulls"):
            flat_pl = toks.explode().drop_nulls()
        with step("explode result -> arrow (to_arrow)"):
            flat = flat_pl.to_arrow()
        del toks, flat_pl, s
        with step("pyarrow dictionary_encode"):
            enc = pc.dictionary_encode(flat)
            if isinstance(enc, pa.ChunkedArray):
                enc = enc.combine_chunks()
        del flat
        with step("vocab merge (dictionary to_numpy, get_indexer, append)"):
            local_vocab = enc.dictionary.to_numpy(zero_copy_only=False).astype(object)
            codes = vocab_index.get_indexer(local_vocab)
            new = codes < 0
            if new.any():
                codes[new] = np.arange(len(vocab_index), len(vocab_index) + int(new.sum()))
                vocab_parts.append(local_vocab[new])
                vocab_index = vocab_index.append(pd.Index(local_vocab[new], dtype=object))
        with step("remap chunk ids to global ids"):
            local_ids = enc.indices.to_numpy(zero_copy_only=False)
            id_parts.append(codes.astype(np.int32)[local_ids])
        lens_parts.append(lens)
        del enc, local_ids
    with step("concatenate ids, offsets, vocab"):
        offsets = np.zeros(len(corpus) + 1, dtype=np.int64)
        np.cumsum(np.concatenate(lens_parts), out=offsets[1:])
        ids = np.concatenate(id_parts)
        vocab = np.concatenate(vocab_parts)
        del id_parts
    build = time.perf_counter() - t_all
    with step("dtm: csr_matrix((ones, ids.copy(), offsets.copy()))"):
        m = sparse.csr_matrix(
            (np.ones(len(ids), dtype=np.int32), ids.copy(), offsets.copy()),
            shape=(len(offsets) - 1, len(vocab)), copy=False,
        )
    with step("dtm: sum_duplicates (sort indices per row + merge)"):
        m.sum_duplicates()
    total = time.perf_counter() - t_all
    return {"steps": steps, "build_seconds": build, "total_seconds": total,
            "chunk_size": CHUNK_SIZE,
            "fingerprint": index_fingerprint(ids, vocab, offsets)}


# =========================================================================== worker


def worker(args) -> None:
    kind, _, name = args.worker.partition(":")
    if kind == "build":
        BUILD_METHODS[name].prepare()
    else:
        _prep_toolkit()
    import pandas as pd

    if kind == "build" and name == "wc":
        args._text_file = str(wl.text_file(Path(args.workload)))
        corpus = None
        text_bytes = json.loads(Path(args.workload).with_suffix(".json").read_text())["text_bytes"]
    else:
        corpus = pd.read_parquet(args.workload)
        text_bytes = wl.describe(corpus)["text_bytes"]
    result: dict = {"method": args.worker, "text_bytes": text_bytes}

    if kind == "build":
        m = BUILD_METHODS[name]
        if name == "nltk":
            rows = nltk_sample(len(corpus), args.nltk_sample)
            args._sample_texts = corpus["text"].iloc[rows].tolist()
            result["sample_docs"] = len(rows)
            result["sample_bytes"] = sum(len(t.encode("utf-8")) for t in args._sample_texts)
            del corpus
            corpus = None
        if name != "wc" and args.warmup > 0:
            # warm-up on a small slice: faults in library code pages, fills lazy imports and
            # thread pools, so that time and memory measure the work, not the start-up
            if name == "nltk":
                full = args._sample_texts
                args._sample_texts = full[: max(1, args.warmup // 10)]
                m.run(None, args)
                args._sample_texts = full
            else:
                warm = corpus.iloc[: args.warmup].copy()
                m.run(warm, args)
                del warm
        release_memory()
        rss0 = rss_bytes()
        meter = PeakMeter().start()
        who = resource.RUSAGE_CHILDREN if name == "wc" else resource.RUSAGE_SELF
        c0, t0 = cpu_seconds(who), time.perf_counter()
        table, info = m.run(corpus, args)
        seconds, cpu = time.perf_counter() - t0, cpu_seconds(who) - c0
        peak = meter.stop()
        # wc streams the file through a small buffer; its own peak cannot be read from
        # here (Linux carries the forking parent's peak RSS over into the child's maxrss)
        peak_delta = None if name == "wc" else peak - rss0
        result.update(info)
        result.update(seconds=seconds, cpu_seconds=cpu, rss_after_load=rss0,
                      peak_delta=peak_delta, peak_exact=meter.exact)
        if args.save_table and table is not None:
            table.to_parquet(args.save_table, index=False)
    elif kind == "queries":
        result.update(run_queries(corpus, args))
    elif kind == "profile":
        result.update(run_profile(corpus, args))
    else:
        raise SystemExit(f"unknown worker {args.worker!r}")
    print(MARK + json.dumps(result), flush=True)


# =========================================================================== parent


def spawn(args, what: str, path: Path, save_table: Path | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", what,
           "--workload", str(path), "--nltk-sample", str(args.nltk_sample),
           "--query-repeat", str(args.query_repeat), "--polars-engine", args.polars_engine,
           "--warmup", str(args.warmup)]
    if save_table is not None:
        cmd += ["--save-table", str(save_table)]
    res = run_worker(cmd, MARK)
    if "error" in res:
        return {"method": what, "error": res["error"]}
    return res


def run_worker(cmd: list[str], mark: str) -> dict:
    """Run one measurement in a fresh process; its result is the JSON after ``mark``.

    Adds ``process_seconds`` (wall time of the whole process); on failure returns
    ``{"error": ..., "process_seconds": ...}`` with the end of its output.
    """
    env = dict(os.environ, PYTHONHASHSEED="0")
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    for line in reversed(p.stdout.splitlines()):
        if line.startswith(mark):
            res = json.loads(line[len(mark):])
            res["process_seconds"] = wall
            return res
    tail = "\n".join((p.stderr or p.stdout).strip().splitlines()[-6:])
    return {"error": f"exit code {p.returncode}: {tail}", "process_seconds": wall}


def compare_tables(a: Path, b: Path) -> str:
    import polars as pl

    if not (a.exists() and b.exists()):
        return "-"
    ta = pl.read_parquet(a).select("term", pl.col("count").cast(pl.Int64))
    tb = pl.read_parquet(b).select("term", pl.col("count").cast(pl.Int64))
    j = ta.join(tb, on="term", how="full", coalesce=True, suffix="_b").fill_null(0)
    diff = j.filter(pl.col("count") != pl.col("count_b"))
    if diff.height == 0:
        return "identical"
    moved = int((diff["count"] - diff["count_b"]).abs().sum())
    top = diff.sort((pl.col("count") - pl.col("count_b")).abs(), descending=True).head(4)
    ex = ", ".join(f"{t.encode('unicode_escape').decode()!s}:{a}/{b}"
                   for t, a, b in top.iter_rows())
    return f"{diff.height:,} types differ ({moved:,} tokens; term:toolkit/this {ex})"


def fmt_s(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_mb(x: float | None) -> str:
    return "-" if x is None else f"{x / 1e6:,.0f}"


def table_text(header: list[str], rows: list[list[str]], align: str) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(r):
        cells = []
        for i, c in enumerate(r):
            c = str(c)
            cells.append(c.ljust(widths[i]) if align[i] == "l" else c.rjust(widths[i]))
        return "  ".join(cells).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep, *[line(r) for r in rows]])


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description="Benchmark the token index and word frequencies against baselines.")
    ap.add_argument("--n", type=int, default=None,
                    help="articles in the workload (default 100,000; 10,000 with --quick)")
    ap.add_argument("--mb", type=float, default=None,
                    help="MB of text in the workload (default 3,000 bytes per article)")
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: 10,000 articles, 1 run per method, 3 per query")
    ap.add_argument("--repeat", type=int, default=None,
                    help="runs of toolkit, polars, DuckDB and wc (median; default 3, 1 if --quick)")
    ap.add_argument("--repeat-slow", type=int, default=1,
                    help="runs of scikit-learn and NLTK (default 1)")
    ap.add_argument("--query-repeat", type=int, default=None,
                    help="runs of each query (median; default 5, 3 if --quick)")
    ap.add_argument("--nltk-sample", type=int, default=2000,
                    help="articles in the NLTK sample (default 2,000)")
    ap.add_argument("--only", default=None,
                    help=f"comma-separated build methods to run (of {','.join(BUILD_METHODS)})")
    ap.add_argument("--no-queries", action="store_true", help="skip the query timings")
    ap.add_argument("--no-profile", action="store_true", help="skip the build profile")
    ap.add_argument("--polars-engine", default="streaming", choices=["streaming", "in-memory"],
                    help="polars engine of the polars baseline (default streaming)")
    ap.add_argument("--warmup", type=int, default=200,
                    help="articles each method first runs on, untimed (default 200; 0 = none)")
    ap.add_argument("--source", default="auto", choices=list(wl.SOURCES),
                    help="where the workload's sentences come from (see workload.py)")
    ap.add_argument("--seed", type=int, default=wl.DEFAULT_SEED, help="workload seed")
    ap.add_argument("--rebuild-workload", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="where to write the JSON results")
    # internal
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--workload", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--save-table", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.query_repeat is None:
        args.query_repeat = 3 if args.quick else 5
    if args.worker:
        worker(args)
        return

    n = args.n or (10_000 if args.quick else wl.DEFAULT_N)
    repeat = args.repeat or (1 if args.quick else 3)
    methods = list(BUILD_METHODS)
    if args.only:
        methods = [m.strip() for m in args.only.split(",") if m.strip()]
        unknown = set(methods) - set(BUILD_METHODS)
        if unknown:
            ap.error(f"unknown methods {sorted(unknown)}; choose from {list(BUILD_METHODS)}")

    path, info = wl.ensure_workload(n, args.mb, args.seed, args.source,
                                    rebuild=args.rebuild_workload)
    text_bytes = info["text_bytes"]
    if "wc" in methods:
        wl.text_file(path)  # written once, outside any timing
    stem = path.stem
    started = _dt.datetime.now()
    load_start = os.getloadavg()[0]
    if load_start > 0.5:
        print(f"[bench] WARNING: load average {load_start:.2f} before starting: other processes "
              "compete for the CPUs and inflate the times", flush=True)
    print(f"[bench] {len(methods)} build methods, repeat {repeat} (slow ones "
          f"{args.repeat_slow}), queries x{args.query_repeat}; every run in a fresh process",
          flush=True)

    # ---------------------------------------------------------------- build runs
    runs: dict[str, list[dict]] = {}
    for name in methods:
        m = BUILD_METHODS[name]
        k = args.repeat_slow if m.repeat_key == "repeat_slow" else repeat
        runs[name] = []
        for i in range(k):
            table = wl.CACHE_DIR / f"freq-{name}-{stem}.parquet" if i == 0 else None
            r = spawn(args, f"build:{name}", path, table)
            runs[name].append(r)
            status = r.get("error") or f"{r['seconds']:.2f} s, peak +{fmt_mb(r['peak_delta'])} MB"
            print(f"[bench] {name} run {i + 1}/{k}: {status}", flush=True)
            if "error" in r:
                break

    def med(name: str, key: str = "seconds") -> float | None:
        ok = [r[key] for r in runs.get(name, []) if key in r]
        return statistics.median(ok) if ok else None

    summary: dict[str, dict] = {}
    for name, rs in runs.items():
        ok = [r for r in rs if "error" not in r]
        s: dict = {"runs": len(ok), "error": next((r["error"] for r in rs if "error" in r), None)}
        if ok:
            s.update(
                seconds=med(name), cpu_seconds=med(name, "cpu_seconds"),
                peak_delta=max(r["peak_delta"] for r in ok) if ok[0]["peak_delta"] is not None
                else None,
                tokens=ok[0].get("tokens"), types=ok[0].get("types"),
            )
            if name == "nltk":
                factor = text_bytes / ok[0]["sample_bytes"]
                s.update(measured_seconds=s["seconds"], sample_docs=ok[0]["sample_docs"],
                         sample_bytes=ok[0]["sample_bytes"], extrapolation_factor=factor,
                         seconds=s["seconds"] * factor, cpu_seconds=s["cpu_seconds"] * factor)
            if name == "toolkit":
                s["steps"] = {k: statistics.median(r["steps"][k] for r in ok)
                              for k in ok[0]["steps"]}
                s["fingerprint"] = ok[0]["fingerprint"]
        summary[name] = s

    tk = summary.get("toolkit", {}).get("seconds")
    tk_table = wl.CACHE_DIR / f"freq-toolkit-{stem}.parquet"
    rows = []
    for name in methods:
        m, s = BUILD_METHODS[name], summary[name]
        label = f"{m.baseline} {m.label}" if m.baseline != "toolkit" else m.label
        if s.get("error"):
            rows.append([label, "ERROR", "", "", "", "", "", "", "", s["error"].splitlines()[-1][:60]])
            continue
        t = s["seconds"]
        if name == "nltk":
            label += (f" [EXTRAPOLATED x{s['extrapolation_factor']:.1f} from "
                      f"{s['sample_docs']:,} articles, measured {s['measured_seconds']:.2f} s]")
        agree = "-"
        if name in ("sklearn", "polars", "duckdb"):
            agree = compare_tables(tk_table, wl.CACHE_DIR / f"freq-{name}-{stem}.parquet")
            s["agreement_with_toolkit"] = agree
        elif name == "nltk":
            agree = "other tokeniser (sample)"
        elif name == "wc":
            agree = "whitespace words"
        ratio = speed = "-"
        if tk and name != "toolkit":
            ratio, speed = f"{tk / t:.2f}", f"{t / tk:.2f}x"
            s["toolkit_over_baseline"], s["baseline_over_toolkit"] = tk / t, t / tk
        peak_note = " (sample)" if name == "nltk" else ""
        rows.append([
            label, fmt_s(t), str(s["runs"]), fmt_s(s.get("cpu_seconds")),
            f"{s['tokens']:,}" if s.get("tokens") is not None else "-",
            f"{s['types']:,}" if s.get("types") is not None else "-",
            ratio, speed,
            fmt_mb(s.get("peak_delta")) + peak_note,
            f"{s['peak_delta'] / text_bytes:.2f}" if name not in ("nltk", "wc") else "-",
        ])
        rows[-1].append(agree)
        if name == "toolkit":
            for step, v in s["steps"].items():
                rows.append([f"    {step}", fmt_s(v), "", "", "", "", "", "", "", "", ""])

    header = ["build: token index + corpus-wide frequency table", "time s", "runs", "cpu s",
              "tokens", "types", "tk/base", "base/tk", "peak+MB", "peak/text", "counts vs toolkit"]
    out_lines = [
        f"Workload: {info['articles']:,} articles, {info['outlets']} outlets, "
        f"{text_bytes / 1e6:,.1f} MB of text ({info['source']}, seed {info['seed']}); "
        f"{os.cpu_count()} CPUs, load average {load_start:.2f} at start, "
        f"{os.getloadavg()[0]:.2f} after the build runs; "
        "time = median wall seconds over fresh processes",
        "",
        table_text(header, rows, "lrrrrrrrrrl"),
        "tk/base = toolkit time / baseline time; base/tk = how many times faster the toolkit "
        "is; peak+MB = peak RSS above RSS after loading the workload (max over runs); "
        "peak/text = that / text size",
    ]

    # ---------------------------------------------------------------- queries
    queries = None
    if not args.no_queries:
        print("[bench] queries ...", flush=True)
        queries = spawn(args, "queries", path)
        qrows = []
        if "error" in queries:
            qrows.append(["ERROR", "", "", "", "", queries["error"].splitlines()[-1][:80]])
        else:
            for qn, q in queries["queries"].items():
                tgt = q.get("target")
                tgt_s = "-" if tgt is None else f"< {tgt:g}"
                if q.get("skip"):
                    qrows.append([qn, "-", "-", "-", tgt_s, f"SKIP: {q['skip']}"])
                elif q.get("error"):
                    qrows.append([qn, "-", "-", "-", tgt_s, f"ERROR: {q['error'][:80]}"])
                else:
                    md = statistics.median(q["times"])
                    q["median"] = md
                    q["pass"] = None if tgt is None else md < tgt
                    qrows.append([qn, fmt_s(q["times"][0]), fmt_s(md),
                                  f"{q['rows']:,}" if q["rows"] is not None else "-",
                                  tgt_s, "-" if tgt is None else verdict(md < tgt)])
        out_lines += [
            "",
            table_text(["query on the built index", "first s", f"median s (of {args.query_repeat})",
                        "rows", "target s", "result"], qrows, "lrrrrl"),
        ]
        if "error" not in queries:
            out_lines.append(
                f"(index built once before the queries in {queries['index_seconds']:.1f} s; "
                f"peak RSS during all queries +{queries['peak_delta'] / 1e6:,.0f} MB)")

    # ---------------------------------------------------------------- targets
    targets = []
    nl, tkm = summary.get("nltk", {}), summary.get("toolkit", {})
    if tk and nl.get("seconds"):
        x = nl["seconds"] / tk
        targets.append(["index build >= 20x faster than naive NLTK (extrapolated)",
                        f"{x:.1f}x", verdict(x >= 20)])
    else:
        targets.append(["index build >= 20x faster than naive NLTK (extrapolated)", "-", "n/a"])
    fast = {k: summary[k]["seconds"] for k in ("sklearn", "polars", "duckdb")
            if summary.get(k, {}).get("seconds")}
    if tk and fast:
        best = min(fast, key=fast.get)
        targets.append([f"index build no slower than fastest of (b),(c) = {best} "
                        f"{fast[best]:.2f} s", f"{tk:.2f} s", verdict(tk <= fast[best])])
    else:
        targets.append(["index build no slower than fastest of (b),(c)", "-", "n/a"])
    if tkm.get("peak_delta") is not None:
        r = tkm["peak_delta"] / text_bytes
        targets.append(["peak memory of the build < 3x text size",
                        f"{r:.2f}x ({tkm['peak_delta'] / 1e6:,.0f} MB / {text_bytes / 1e6:,.0f} MB)",
                        verdict(r < 3)])
    if queries and "error" not in queries:
        for qn, q in queries["queries"].items():
            if q.get("target") is None:
                continue
            if "median" in q:
                targets.append([f"{qn} < {q['target']:g} s", f"{q['median']:.3f} s",
                                verdict(q["pass"])])
            else:
                targets.append([f"{qn} < {q['target']:g} s", "-",
                                "SKIP" if q.get("skip") else "ERROR"])
    out_lines += ["", table_text(["target", "measured", "result"], targets, "lrl")]

    # ---------------------------------------------------------------- profile
    profile = None
    if not args.no_profile and "toolkit" in methods:
        print("[bench] profiling the toolkit build ...", flush=True)
        profile = spawn(args, "profile", path)
        if "error" in profile:
            out_lines += ["", f"profile: ERROR {profile['error']}"]
        else:
            total = profile["total_seconds"]
            prow = [[k, fmt_s(v), f"{100 * v / total:.0f}%"]
                    for k, v in sorted(profile["steps"].items(), key=lambda kv: -kv[1])]
            prow.append(["total (build_index + dtm)", fmt_s(total), "100%"])
            same = profile["fingerprint"] == tkm.get("fingerprint")
            out_lines += [
                "",
                table_text([f"profile of the toolkit build (one run, chunks of "
                            f"{profile['chunk_size']:,} documents)", "s", "share"], prow, "lrr"),
                "profile replica of build_index " + (
                    "produces the identical index" if same else
                    "DIFFERS from toolkit.build_index (toolkit changed: update run_profile)"),
            ]

    text = "\n".join(out_lines)
    print()
    print(text)

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = args.json or RESULTS_DIR / f"bench_index-{started:%Y%m%d-%H%M%S}-n{n}.json"
    payload = {
        "started": started.isoformat(timespec="seconds"),
        "finished": _dt.datetime.now().isoformat(timespec="seconds"),
        "workload": {**info, "path": str(path.relative_to(REPO))},
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
                 if not k.startswith("_") and k not in ("worker", "workload", "save_table")},
        "machine": machine_info(),
        "load_average": {"start": load_start, "end": os.getloadavg()[0]},
        "build": {"summary": summary, "runs": runs},
        "queries": queries,
        "profile": profile,
        "targets": [{"target": t[0], "measured": t[1], "result": t[2]} for t in targets],
        "table": text,
    }
    out.write_text(json.dumps(payload, indent=2, default=str))
    print(f"\n[bench] results written to {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")


def machine_info() -> dict:
    import importlib.metadata as md

    versions = {}
    for pkg in ("pandas", "numpy", "polars", "pyarrow", "scipy", "duckdb", "scikit-learn",
                "nltk"):
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            versions[pkg] = None
    mem = None
    try:
        import psutil

        mem = psutil.virtual_memory().total
    except Exception:
        pass
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "memory_bytes": mem, "versions": versions}


if __name__ == "__main__":
    main()
