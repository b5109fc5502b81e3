"""The HTML report (toolkit.report.build_report) and the newsframes command line."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

import toolkit as tk
from toolkit.cli import main
from toolkit.report import SECTIONS, build_report

HOSTILE = "<script>alert(1)</script>"


def hostile_corpus() -> pd.DataFrame:
    """Two outlets whose text, titles and names try to inject markup."""
    texts_a = [
        f'The army announced a regrouping near the river. {HOSTILE} Talks & "peace" were '
        "mentioned by officials, and the retreat continued.",
        'Officials said talks would resume; the "goodwill gesture" & retreat were debated. '
        "The regrouping of forces went on.",
        "Peace talks stalled as the army reported a retreat and a regrouping of units.",
    ]
    texts_b = [
        "The invasion continued and the war widened; talks were dismissed as posturing.",
        f"Civilians fled the war {HOSTILE} as the invasion reached the city & talks failed.",
        'A "humanitarian corridor" opened during the war; the invasion & shelling went on.',
    ]
    return pd.DataFrame({
        "doc_id": ["a1", "a2", "a3", "b1", "b2", "b3"],
        "source": ["Outlet <i>A</i> & Co"] * 3 + ['Outlet "B" <img src=x onerror=alert(2)>'] * 3,
        "date": pd.to_datetime(["2022-03-01", "2022-03-02", "2022-03-03"] * 2),
        "title": ["<b>Bold headline</b>", "Second & more", f"{HOSTILE} title"] * 2,
        "text": texts_a + texts_b,
    })


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "demo.html"
    build_report(tk.load_demo(), path=path)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.html"
    out = build_report(hostile_corpus(), path=path, heading="<b>My</b> report & <script>x()</script>")
    return out.read_text(encoding="utf-8")


def test_report_has_every_section_chart_and_concordance(demo_report):
    for key, heading in SECTIONS.items():
        assert f'<h2 id="{key}">{heading}</h2>' in demo_report
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', demo_report)
    assert len(images) == 4  # words per group, top terms, keyness, frame prevalence
    assert all(len(img) > 1000 for img in images)
    assert demo_report.count('<table class="nf-kwic">') >= 10
    # a concordance block follows each chart's section
    for key in ("terms", "keyness", "frames"):
        section = demo_report.split(f'<h2 id="{key}">', 1)[1].split("<h2 ", 1)[0]
        assert 'data:image/png;base64,' in section and '<table class="nf-kwic">' in section


def test_report_is_self_contained(demo_report):
    assert "<script" not in demo_report.lower()
    assert not re.search(r'(src|href)="(?!data:|#)', demo_report)  # no external resources
    assert not re.search(r"url\(|@import", demo_report)  # nor from the style sheet
    assert "Content-Security-Policy" in demo_report


def test_report_lists_the_figures_of_the_analyses(demo_report):
    corpus = tk.load_demo()
    assert f"<b>{len(corpus):,}</b> articles" in demo_report
    prev = tk.frame_prevalence(tk.frame_scores(corpus, "war_framing"), by="source")
    row = prev[(prev["source"] == "Borealis Agency") & (prev["frame"] == "euphemised_setback")]
    n_present, n_units = int(row["n_present"].iloc[0]), int(row["n_units"].iloc[0])
    share = f"{n_present / n_units:.0%}"
    assert f"<b>{share}</b><br><small>" in demo_report and f"{n_present} of {n_units}</small>" in demo_report


def test_hostile_corpus_stays_escaped(hostile_report):
    html = hostile_report
    # the only markup is the report's own: no script or injected tag from the corpus
    assert "<script" not in html.lower()
    assert "<b>Bold" not in html and "<i>A</i>" not in html
    assert "<img src=x" not in html and "onerror=alert(2)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Bold headline&lt;/b&gt;" in html  # article title, escaped
    assert "&lt;b&gt;My&lt;/b&gt; report &amp; &lt;script&gt;x()&lt;/script&gt;" in html
    assert "Outlet &lt;i&gt;A&lt;/i&gt; &amp; Co" in html
    assert "Outlet &quot;B&quot;" in html
    # every <img> is one of the report's embedded charts
    assert re.findall(r"<img\b[^>]*>", html) == re.findall(
        r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="[^"<>]*">', html)


def test_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "mine.html"
    path.write_text("my own notes", encoding="utf-8")
    with pytest.raises(FileExistsError, match="mine.html"):
        build_report(hostile_corpus(), path=path)
    assert path.read_text(encoding="utf-8") == "my own notes"
    assert build_report(hostile_corpus(), path=path, overwrite=True) == path
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["mine.html"]  # no temp file left


def test_bad_input_is_named(tmp_path):
    corpus = hostile_corpus()
    with pytest.raises(tk.CorpusError, match="'outlet'"):
        build_report(corpus, by="outlet", path=tmp_path / "r.html")
    with pytest.raises(tk.CorpusError, match="'text'"):
        build_report(corpus.drop(columns="text"), path=tmp_path / "r.html")
    with pytest.raises(tk.CorpusError, match="no articles"):
        build_report(corpus.iloc[:0], path=tmp_path / "r.html")
    with pytest.raises(TypeError, match="by"):
        build_report(corpus, by=["source"], path=tmp_path / "r.html")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        build_report(corpus, path=tmp_path / "no" / "such" / "r.html")
    with pytest.raises(IsADirectoryError):
        build_report(corpus, path=tmp_path)
    with pytest.raises(ValueError):
        build_report(corpus, lexicon="no_such_lexicon", path=tmp_path / "r.html")
    assert list(tmp_path.iterdir()) == []  # nothing written on error


def test_other_grouping_column_and_single_group(tmp_path):
    corpus = hostile_corpus().assign(desk=["<u>x</u>", "y", "x", "y", "x", "y"])
    html = build_report(corpus, by="desk", path=tmp_path / "desk.html").read_text("utf-8")
    assert "&lt;u&gt;x&lt;/u&gt;" in html and "<u>x</u>" not in html
    one = hostile_corpus().assign(source="Only one")
    html = build_report(one, path=tmp_path / "one.html").read_text("utf-8")
    assert "keyness needs at least two values of &#x27;source&#x27;" in html


@pytest.fixture
def corpus_csv(tmp_path):
    path = tmp_path / "corpus.csv"
    hostile_corpus().to_csv(path, index=False)
    return path


def test_cli_writes_the_report_and_refuses_to_overwrite(tmp_path, corpus_csv, capsys):
    out = tmp_path / "report.html"
    assert main(["report", str(corpus_csv), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_text(encoding="utf-8").count("data:image/png;base64,") == 4
    before = out.read_bytes()
    assert main(["report", "demo", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and str(out) in err
    assert out.read_bytes() == before
    assert main(["report", str(corpus_csv), "-o", str(out), "--overwrite", "--heading", "Again"]) == 0
    assert "<h1>Again</h1>" in out.read_text(encoding="utf-8")


def test_cli_errors_are_one_line_with_status_2(tmp_path, corpus_csv, capsys):
    csv = corpus_csv
    cases = [
        ["report", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "a.html")],
        ["report", str(csv), "--by", "outlet", "-o", str(tmp_path / "b.html")],
        ["report", str(csv), "--lexicon", "no_such_lexicon", "-o", str(tmp_path / "c.html")],
        ["report"],
        [],
        ["frobnicate"],
    ]
    for argv in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("newsframes: error: ") and err.count("\n") == 1, (argv, err)
    assert main(["report", str(csv), "-o", str(tmp_path / "ok.html")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.csv", "ok.html"]


def test_python_dash_m_runs_the_cli(tmp_path, corpus_csv):
    out = tmp_path / "m.html"
    command = [sys.executable, "-m", "toolkit.cli", "report", str(corpus_csv), "-o", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out) and out.exists()
