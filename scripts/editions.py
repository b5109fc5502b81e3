"""Build student and teacher editions of the curated notebooks from one source.

Usage: python scripts/editions.py [--out build] [--html] [NOTEBOOK ...]

The teaching notebooks (notebooks/NN_*.ipynb, paired with jupytext .py files) hold the
exercise solutions in code cells tagged ``solution``. Those cells are only collapsed
(``jupyter.source_hidden``), which hides nothing in a rendered HTML copy and little in
JupyterLab (the first line and the output stay visible). This script writes two editions:

``OUT/student/<name>.ipynb``
    Every ``solution`` cell is replaced by the markdown cell
    "*Solution: in the teacher edition.*" (its source, outputs and metadata are gone);
    the remaining cells keep their exercise prompts and "# your code here" cells, but carry
    no outputs and no execution counts. Notebook metadata is limited to the kernel
    information.

``OUT/teacher/<name>.ipynb``
    The full notebook. Solution cells are uncollapsed (``source_hidden`` and
    ``outputs_hidden`` removed) and each is preceded by the markdown cell
    "**Solution (teacher edition)**".

With ``--html`` each notebook is also executed once in a fresh kernel (``execute_notebook``
from scripts/run_notebooks.py) and rendered with nbconvert to
``OUT/html/teacher/<name>.html`` (the executed teacher edition, solutions and their
outputs shown) and ``OUT/html/student/<name>.html`` (the same executed notebook with the
solution cells removed *after* execution: the other cells keep their outputs, and neither
solution code nor solution output appears). The stored notebooks are never modified.
"""

from __future__ import annotations

import argparse
import copy
import functools
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOLUTION_TAG = "solution"
STUDENT_NOTE = "*Solution: in the teacher edition.*"
TEACHER_NOTE = "**Solution (teacher edition)**"
KEPT_METADATA = ("kernelspec", "language_info")


@functools.cache
def _load_run_notebooks() -> ModuleType:
    """Import scripts/run_notebooks.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "run_notebooks", Path(__file__).resolve().with_name("run_notebooks.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def curated_notebooks() -> list[Path]:
    """The curated teaching notebooks, in order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def is_solution(cell: nbformat.NotebookNode) -> bool:
    """True for a cell tagged ``solution``."""
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def _note_cell(text: str, cell_id: str) -> nbformat.NotebookNode:
    """A markdown cell with a deterministic id (so rebuilt editions do not churn)."""
    cell = nbformat.v4.new_markdown_cell(text)
    cell["id"] = cell_id
    return cell


def _clear_outputs(cell: nbformat.NotebookNode) -> None:
    """Drop a code cell's outputs, execution count and execution timing metadata."""
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    cell.metadata.pop("execution", None)


def _kept_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Notebook metadata for an edition: kernel information only (no jupytext pairing)."""
    return nbformat.from_dict({k: v for k, v in nb.metadata.items() if k in KEPT_METADATA})


def student_edition(nb: nbformat.NotebookNode, keep_outputs: bool = False) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` with every solution cell replaced by a placeholder note.

    With ``keep_outputs=False`` (the student .ipynb) no cell keeps outputs or execution
    counts; ``keep_outputs=True`` (the student HTML, built from an executed notebook) keeps
    the outputs of the non-solution cells. Solution source, outputs and metadata never
    survive either way.
    """
    out = copy.deepcopy(nb)
    cells = []
    for n, cell in enumerate(out.cells, start=1):
        if is_solution(cell):
            cells.append(_note_cell(STUDENT_NOTE, f"student-note-{n}"))
            continue
        if not keep_outputs:
            _clear_outputs(cell)
        cells.append(cell)
    out.cells = cells
    out.metadata = _kept_metadata(out)
    return out


def _uncollapse(cell: nbformat.NotebookNode) -> None:
    """Remove the collapsed flags (``source_hidden``, ``outputs_hidden``) of a cell."""
    jupyter = cell.metadata.get("jupyter", {})
    jupyter.pop("source_hidden", None)
    jupyter.pop("outputs_hidden", None)
    if "jupyter" in cell.metadata and not jupyter:
        del cell.metadata["jupyter"]


def teacher_edition(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` with solutions uncollapsed, each after a teacher note."""
    out = copy.deepcopy(nb)
    cells = []
    for n, cell in enumerate(out.cells, start=1):
        if is_solution(cell):
            _uncollapse(cell)
            cells.append(_note_cell(TEACHER_NOTE, f"teacher-note-{n}"))
        cells.append(cell)
    out.cells = cells
    out.metadata = _kept_metadata(out)
    return out


def write_editions(path: Path, out: Path) -> tuple[Path, Path]:
    """Write the student and teacher .ipynb editions of one notebook; return both paths."""
    nb = nbformat.read(path, as_version=4)
    student = out / "student" / path.name
    teacher = out / "teacher" / path.name
    for target, edition in ((student, student_edition(nb)), (teacher, teacher_edition(nb))):
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(edition, target)
    return student, teacher


def render_html(nb: nbformat.NotebookNode, target: Path) -> Path:
    """Render a notebook to HTML with nbconvert and write it to ``target``."""
    html, _ = HTMLExporter().from_notebook_node(nb)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target


def write_html_editions(path: Path, out: Path) -> tuple[Path, Path]:
    """Execute one notebook once; write its student and teacher HTML under ``out/html``."""
    executed = _load_run_notebooks().execute_notebook(path)
    name = path.stem + ".html"
    student = render_html(student_edition(executed, keep_outputs=True), out / "html" / "student" / name)
    teacher = render_html(teacher_edition(executed), out / "html" / "teacher" / name)
    return student, teacher


def main(argv: list[str] | None = None) -> int:
    """Command line: build the editions (and with --html their executed HTML copies)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build"), help="output folder (default build)")
    parser.add_argument("--html", action="store_true", help="also execute and render to HTML")
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: all curated ones)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    paths = [Path(p) for p in args.notebooks] or curated_notebooks()
    if not paths:
        print("no notebooks found in", NOTEBOOKS, file=sys.stderr)
        return 1
    for path in paths:
        student, teacher = write_editions(path, out)
        print(f"{path.name}: {student} , {teacher}", flush=True)
        if args.html:
            t0 = time.perf_counter()
            print(f"  executing {path.name} ...", flush=True)
            student, teacher = write_html_editions(path, out)
            print(f"  done in {time.perf_counter() - t0:.1f} s -> {student} , {teacher}", flush=True)
    print(f"\nstudent editions: {(out / 'student').resolve()}")
    print(f"teacher editions: {(out / 'teacher').resolve()}")
    if args.html:
        print(f"HTML: {(out / 'html' / 'student').resolve()} and {(out / 'html' / 'teacher').resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
