"""scripts/editions.py: the student edition gives away no solution, the teacher edition
shows every solution uncollapsed, and both keep the same exercises. Nothing is executed:
the stored notebooks have no outputs, and the HTML path is checked on a small synthetic
notebook."""

import importlib.util
import json
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

_spec = importlib.util.spec_from_file_location("editions", ROOT / "scripts" / "editions.py")
editions = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(editions)

PLACEHOLDER = "# your code here"


def solution_cells(nb):
    return [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]


def secret_lines(nb):
    """Non-trivial solution lines that appear nowhere outside the solution cells (a line
    that the public code also contains, e.g. a shared call, is no give-away)."""
    public = "\n".join(c.source for c in nb.cells if "solution" not in c.metadata.get("tags", []))
    lines = {
        line.strip() for cell in solution_cells(nb) for line in cell.source.splitlines()
    }
    return sorted(
        line for line in lines
        if len(line) >= 12 and line != PLACEHOLDER and line not in public
    )


def leaked(lines, text):
    """The lines found in ``text``, raw or JSON-escaped (as they appear in an .ipynb)."""
    return [
        line for line in lines
        if line in text or json.dumps(line, ensure_ascii=False)[1:-1] in text
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("editions")
    assert editions.main(["--out", str(out), *map(str, NOTEBOOKS)]) == 0
    return out


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_edition_has_no_solutions(built, path):
    source = nbformat.read(path, as_version=4)
    secrets = secret_lines(source)
    assert secrets, f"{path.name}: no solution lines to check"
    target = built / "student" / path.name
    text = target.read_text(encoding="utf-8")
    assert leaked(secrets, text) == []
    student = nbformat.read(target, as_version=4)
    nbformat.validate(student)
    for cell in student.cells:
        assert "solution" not in cell.metadata.get("tags", [])
        assert "source_hidden" not in json.dumps(cell.metadata)
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    notes = [c for c in student.cells if c.source == editions.STUDENT_NOTE]
    assert len(notes) == len(solution_cells(source))
    assert [c.cell_type for c in notes] == ["markdown"] * len(notes)
    # the exercise prompts and the "your code here" cells stay
    assert sum(c.source.strip() == PLACEHOLDER for c in student.cells) == sum(
        c.source.strip() == PLACEHOLDER for c in source.cells
    )
    assert len(student.cells) == len(source.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_teacher_edition_shows_every_solution(built, path):
    source = nbformat.read(path, as_version=4)
    teacher = nbformat.read(built / "teacher" / path.name, as_version=4)
    nbformat.validate(teacher)
    expected = [c.source for c in solution_cells(source)]
    shown = solution_cells(teacher)
    assert [c.source for c in shown] == expected
    for cell in shown:
        hidden = cell.metadata.get("jupyter", {})
        assert not hidden.get("source_hidden") and not hidden.get("outputs_hidden")
        before = teacher.cells[teacher.cells.index(cell) - 1]
        assert before.cell_type == "markdown" and before.source == editions.TEACHER_NOTE
    student = nbformat.read(built / "student" / path.name, as_version=4)
    n_student = sum(c.source == editions.STUDENT_NOTE for c in student.cells)
    assert len(shown) == n_student == len(expected)


def synthetic_notebook():
    """An executed-looking notebook: a prompt, a work cell, a solution with outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    solution = nbformat.v4.new_code_cell(
        "secret_answer = sorted_frames_by_share(corpus)\nprint(secret_answer)",
        execution_count=3,
        outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="SECRET-OUTPUT-42\n"),
            nbformat.v4.new_output(
                "execute_result", data={"text/plain": "'SECRET-RESULT-7'"}, execution_count=3
            ),
        ],
    )
    solution.metadata = {
        "tags": ["solution"], "jupyter": {"source_hidden": True, "outputs_hidden": True}
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("**Exercise 1.** Rank the frames by their share."),
        nbformat.v4.new_code_cell(
            "shares = compute_public_shares()",
            execution_count=1,
            outputs=[nbformat.v4.new_output("stream", name="stdout", text="PUBLIC-OUTPUT\n")],
        ),
        nbformat.v4.new_code_cell(PLACEHOLDER, execution_count=2),
        solution,
    ]
    return nb


SECRETS = ["sorted_frames_by_share", "secret_answer", "SECRET-OUTPUT-42", "SECRET-RESULT-7"]


def test_student_stripping_removes_solution_outputs():
    nb = synthetic_notebook()
    student = editions.student_edition(nb)
    text = nbformat.writes(student)
    assert [s for s in SECRETS if s in text] == []
    assert "PUBLIC-OUTPUT" not in text and '"execution_count": 1' not in text
    assert "jupytext" not in student.metadata and "solution" not in text
    assert student.cells[-1].source == editions.STUDENT_NOTE
    assert nb.cells[-1].outputs, "the input notebook is left untouched"


def test_html_editions():
    nb = synthetic_notebook()
    exporter = HTMLExporter()
    student_html, _ = exporter.from_notebook_node(editions.student_edition(nb, keep_outputs=True))
    assert [s for s in SECRETS if s in student_html] == []
    assert "Rank the frames" in student_html and PLACEHOLDER in student_html
    assert "PUBLIC-OUTPUT" in student_html  # the student HTML keeps the non-solution outputs
    assert "in the teacher edition" in student_html
    teacher_html, _ = exporter.from_notebook_node(editions.teacher_edition(nb))
    assert all(s in teacher_html for s in SECRETS)
    assert "Solution (teacher edition)" in teacher_html


def test_render_html_writes_file(tmp_path):
    target = editions.render_html(editions.student_edition(synthetic_notebook()), tmp_path / "s.html")
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "SECRET" not in html
