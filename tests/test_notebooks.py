"""Every curated notebook executes cleanly (its own assertions check its results),
is stored without outputs, and its .ipynb and paired .py say the same thing."""

import importlib.util
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

_spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
run_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_notebooks)

HEADER_ROWS = ["Question", "Audience", "Difficulty", "Time", "Prerequisites", "Data", "Libraries"]


def test_there_are_notebooks():
    names = [p.stem for p in NOTEBOOKS]
    assert "01_word_frequency" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs_and_paired(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} has outputs"
    paired = path.with_suffix(".py")
    assert paired.exists(), f"{path.name} has no paired .py (jupytext py:percent)"
    py = jupytext.read(paired)
    assert [c.source.strip() for c in py.cells] == [c.source.strip() for c in nb.cells], (
        f"{path.name} and {paired.name} differ: run `jupytext --sync {path}`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_teaching_structure(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].source
    for row in HEADER_ROWS:
        assert row in first, f"{path.name}: header card lacks {row!r}"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    assert "learning goals" in text
    assert "exercise" in text
    assert "constructed" in text  # the demo corpus is labelled as such
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert solutions, f"{path.name}: exercises need (collapsed) solution cells"
    assert all(c.metadata.get("jupyter", {}).get("source_hidden") for c in solutions)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "concordance(" in code, f"{path.name}: show the lines behind the numbers"
    assert "assert " in code, f"{path.name}: needs assertions on its results"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path):
    nb = run_notebooks.execute_notebook(path, timeout=600)
    errors = [
        out for cell in nb.cells if cell.cell_type == "code"
        for out in cell.get("outputs", []) if out.get("output_type") == "error"
    ]
    assert errors == []
    # the notebooks teach the current API: no call in them uses a deprecated spelling
    deprecated = [
        out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "stream" and "DeprecationWarning" in out.get("text", "")
    ]
    assert deprecated == [], deprecated
