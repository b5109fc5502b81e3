"""The teaching materials in teaching/: lesson plans, worksheets and the card activity."""

import html
import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest

import toolkit as tk

ROOT = Path(__file__).resolve().parents[1]
TEACHING = ROOT / "teaching"
ACTIVITY = TEACHING / "spot_the_euphemism"
GENERATED = ["cards.md", "cards.html", "answer_key.md"]
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("0[1-8]_*.py"))


def _activity_module():
    spec = importlib.util.spec_from_file_location(
        "teaching_activity", ROOT / "scripts" / "teaching_activity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def activity():
    return _activity_module()


def _lesson_dir(notebook: str) -> Path:
    number = notebook[:2]
    found = sorted(TEACHING.glob(f"{number}_*/"))
    assert len(found) == 1, f"expected one folder teaching/{number}_*/, found {found}"
    return found[0]


def _timing_tables(text: str) -> list[list[int]]:
    """Minutes of every markdown table whose first header cell is 'min' or 'minutes'."""
    tables, current = [], None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") \
            else None
        if cells is None:
            current = None
            continue
        if current is None:
            if cells[0].lower() in ("min", "minutes"):
                current = []
                tables.append(current)
            else:
                current = False   # some other table
            continue
        if current is False or set(cells[0]) <= set("-: "):
            continue
        current.append(int(cells[0]))
    return tables


def test_there_are_eight_notebooks():
    assert [n[:2] for n in NOTEBOOKS] == [f"0{i}" for i in range(1, 9)]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_notebook_has_a_lesson_plan_and_a_worksheet(notebook):
    folder = _lesson_dir(notebook)
    for name in ("lesson_plan.md", "worksheet.md"):
        text = (folder / name).read_text(encoding="utf-8")
        assert notebook in text, f"{folder.name}/{name} does not name notebooks/{notebook}"
        assert "fictional" in text.lower(), f"{folder.name}/{name} lacks the honesty note"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_timing_table_adds_up_to_50_minutes(notebook):
    text = (_lesson_dir(notebook) / "lesson_plan.md").read_text(encoding="utf-8")
    tables = _timing_tables(text)
    assert tables, "no timing table (first header cell 'min')"
    for i, minutes in enumerate(tables, start=1):
        assert minutes and sum(minutes) == 50, f"timing table {i}: {minutes} = {sum(minutes)}"


def test_timing_table_parser_reads_a_table():
    text = "x\n\n| min | what |\n|---|---|\n| 10 | a |\n| 40 | b |\n\n| a | b |\n|---|---|\n| 9 | c |\n"
    assert _timing_tables(text) == [[10, 40]]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_worksheets_need_no_code_for_at_least_half_the_questions(notebook):
    text = (_lesson_dir(notebook) / "worksheet.md").read_text(encoding="utf-8")
    questions = re.findall(r"^\*\*Q\d+\.\*\*.*$", text, flags=re.MULTILINE)
    assert len(questions) >= 4
    with_code = [q for q in questions if "[notebook]" in q]
    assert len(with_code) * 2 <= len(questions)


def test_shared_files_exist():
    for path in ("README.md", "rubric.md", "spot_the_euphemism/README.md"):
        assert (TEACHING / path).is_file(), path


def test_activity_reproduces_the_committed_files(activity, tmp_path):
    activity.write_activity(tmp_path)
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (ACTIVITY / name).read_bytes(), (
            f"{name} differs: rerun scripts/teaching_activity.py and commit the result")


def _card_lines(text: str) -> list[str]:
    lines = re.findall(r"^> … (.*) …$", text, flags=re.MULTILINE)
    return [" ".join(line.replace("**", "").split()) for line in lines]


def test_cards_are_about_twenty_and_occur_in_the_demo_corpus():
    cards = _card_lines((ACTIVITY / "cards.md").read_text(encoding="utf-8"))
    assert 15 <= len(cards) <= 25
    assert len(set(cards)) == len(cards)
    texts = [" ".join(t.split()) for t in tk.load_demo()["text"]]
    for card in cards:
        assert any(card in t for t in texts), f"not in the demo corpus: {card}"
        assert 12 <= len(card.split()) <= 30


def test_no_outlet_name_on_the_cards():
    text = (ACTIVITY / "cards.md").read_text(encoding="utf-8").lower()
    html_text = (ACTIVITY / "cards.html").read_text(encoding="utf-8").lower()
    sources = tk.load_demo()["source"].unique()
    for name in list(sources) + ["borealis", "northgate", "dnipro ledger", "rhine chronicle"]:
        assert name.lower() not in text
        assert name.lower() not in html_text
    assert not re.search(r"\b[a-z]{3}-e\d\d\b", text), "a doc_id gives the outlet away"


def test_answer_key_names_every_card(activity):
    key = (ACTIVITY / "answer_key.md").read_text(encoding="utf-8")
    n_cards = len(_card_lines((ACTIVITY / "cards.md").read_text(encoding="utf-8")))
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \| `([a-z]{3}-e\d\d)` \|", key, flags=re.MULTILINE)
    assert [int(r[0]) for r in rows] == list(range(1, n_cards + 1))
    frames = set(activity.SETBACK_FRAMES)
    assert any(f"`{f}`" in key for f in frames)


def test_cards_html_escapes_the_text(activity):
    corpus = pd.DataFrame({
        "doc_id": ["a1", "a2"],
        "source": ["Outlet One", "Outlet Two"],
        "date": pd.to_datetime(["2022-09-10", "2022-09-11"]),
        "title": ["One", "Two"],
        "text": [
            "The troops began to retreat <script>alert(1)</script> & fled east before dawn "
            "while the ministry said nothing at all about it that day.",
            "The command chose to regroup its units & <b>move</b> them south, officials "
            "said on Sunday in a short statement to the press.",
        ],
    })
    cards = activity.draw_cards(corpus)
    assert {c["doc_id"] for c in cards} == {"a1", "a2"}
    page = activity.render_cards_html(cards)
    assert "<script>" not in page and "<b>move</b>" not in page
    assert html.escape("<script>alert(1)</script>") in page
    assert "&amp; fled" in page and "&amp; &lt;b&gt;move" in page
    assert "Outlet One" not in activity.render_cards_md(cards)


def test_committed_html_has_no_raw_markup_from_the_corpus():
    page = (ACTIVITY / "cards.html").read_text(encoding="utf-8")
    body = page.split("<body>", 1)[1]
    allowed = {"h1", "h2", "p", "i", "b", "ul", "li", "div", "body", "html"}
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", body))
    assert tags <= allowed, tags - allowed
