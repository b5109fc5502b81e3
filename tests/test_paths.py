"""data_dir, load_demo and load_annotations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit.paths as paths
from toolkit.demo import load_annotations, load_demo
from toolkit.paths import data_dir
from toolkit.schema import CorpusError

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def demo_data(tmp_path, monkeypatch) -> Path:
    """A small stand-in for data/ with two demo articles, pointed at by NEWSFRAMES_DATA."""
    demo = tmp_path / "data" / "demo"
    demo.mkdir(parents=True)
    records = [
        {"doc_id": "x-e01", "source": "Valley Post", "date": "2022-03-01", "title": "Gates opened",
         "text": "Engineers opened the gates.", "event_id": "E01", "republished_from": None},
        {"doc_id": "y-e01", "source": "Kestrel Wire", "date": "2022-03-01", "title": "Gates opened",
         "text": "Engineers opened the gates.", "event_id": "E01", "republished_from": "x-e01"},
    ]
    (demo / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (demo / "annotations.csv").write_text(
        "doc_id,defeat_wording,negotiation_stance,war_name\n"
        "x-e01,not_applicable,not_mentioned,war\ny-e01,explicit,open,conflict\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSFRAMES_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


def test_data_dir_is_found_next_to_the_package(monkeypatch):
    monkeypatch.delenv("NEWSFRAMES_DATA", raising=False)
    assert data_dir() == REPO / "data"


def test_data_dir_does_not_depend_on_the_working_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NEWSFRAMES_DATA"}
    env["PYTHONPATH"] = str(REPO)
    cwd = REPO / "notebooks" if (REPO / "notebooks").is_dir() else tmp_path  # like a notebook
    out = subprocess.run(
        [sys.executable, "-c", "from toolkit.paths import data_dir; print(data_dir())"],
        cwd=cwd, env=env, capture_output=True, text=True, check=True,
    )
    assert Path(out.stdout.strip()) == REPO / "data"


def test_environment_variable_overrides(demo_data):
    assert data_dir() == demo_data.resolve()


def test_environment_variable_to_a_missing_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSFRAMES_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="NEWSFRAMES_DATA is set to .*nowhere"):
        data_dir()


def test_not_found_lists_the_places_searched(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSFRAMES_DATA", raising=False)
    fake = tmp_path / "site-packages" / "toolkit" / "paths.py"
    fake.parent.mkdir(parents=True)
    (tmp_path / "site-packages" / "data").mkdir()  # an unrelated "data" folder is not taken
    monkeypatch.setattr(paths, "__file__", str(fake))
    with pytest.raises(FileNotFoundError) as err:
        data_dir()
    msg = str(err.value)
    assert str(tmp_path / "site-packages" / "data") in msg and str(fake.parent / "data") in msg
    assert "NEWSFRAMES_DATA" in msg


def test_load_demo_and_annotations(demo_data):
    demo = load_demo()
    assert demo["doc_id"].tolist() == ["x-e01", "y-e01"]
    assert demo["republished_from"].isna().tolist() == [True, False]
    notes = load_annotations()
    assert list(notes.columns) == ["doc_id", "defeat_wording", "negotiation_stance", "war_name"]
    assert notes.set_index("doc_id").loc["y-e01", "war_name"] == "conflict"


def test_annotation_problems(demo_data):
    path = demo_data / "demo" / "annotations.csv"
    path.write_text("doc_id,war_name\nx-e01,war\nx-e01,war\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"annotations\.csv: missing column"):
        load_annotations()
    path.write_text("doc_id,defeat_wording,negotiation_stance,war_name\nx,a,b,c\nx,a,b,c\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"annotations\.csv lines \[2, 3\]: doc_id repeated"):
        load_annotations()
    path.unlink()
    with pytest.raises(CorpusError, match="no such file"):
        load_annotations()


def test_missing_demo_file_is_named(demo_data):
    (demo_data / "demo" / "articles.jsonl").unlink()
    with pytest.raises(CorpusError, match=r"articles\.jsonl: no such file"):
        load_demo()
