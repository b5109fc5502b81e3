"""Execute the curated notebooks on the bundled corpus and write HTML copies.

Usage: python scripts/run_notebooks.py [--out build/html] [NOTEBOOK ...]

The notebooks in notebooks/ are stored without outputs; this script executes each one in
a fresh kernel (working directory notebooks/), and writes the executed copy as HTML (and
as .ipynb) under --out. The stored notebooks are never modified.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def curated_notebooks() -> list[Path]:
    """The notebooks to run, in order (solution notebooks included)."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(path: Path, timeout: int = 900) -> nbformat.NotebookNode:
    """Execute a notebook in a fresh kernel and return the executed copy."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "html"), help="output folder")
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: all)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in args.notebooks] or curated_notebooks()
    if not paths:
        print("no notebooks found in", NOTEBOOKS, file=sys.stderr)
        return 1
    exporter = HTMLExporter()
    written = []
    for path in paths:
        t0 = time.perf_counter()
        print(f"executing {path.name} ...", flush=True)
        nb = execute_notebook(path)
        html, _ = exporter.from_notebook_node(nb)
        target = out / (path.stem + ".html")
        target.write_text(html, encoding="utf-8")
        nbformat.write(nb, out / path.name)
        written.append(target)
        print(f"  done in {time.perf_counter() - t0:.1f} s -> {target}", flush=True)
    print("\nHTML copies of the executed notebooks:")
    for target in written:
        print("  ", target.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
