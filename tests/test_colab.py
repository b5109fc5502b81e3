"""The hosted routes install newsframes in a fresh environment: Colab's first cell and Binder's postBuild.

A fresh environment is simulated offline: a new virtual environment (no pip, no packages
of its own) that sees this project's installed *dependencies* through a ``.pth`` file but
not newsframes itself, a working folder holding only the source archive, and pip told not
to use the network (``PIP_NO_INDEX``) or build isolation (the build backend comes from the
test dependencies, ``setuptools`` and ``wheel``). What is tested is exactly what runs on
Colab and Binder: the cell's code and ``binder/postBuild``; only the package downloads are
replaced by the already-installed dependencies.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CELL = (ROOT / "binder" / "colab_cell.py").read_text(encoding="utf-8")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

sys.path.insert(0, str(ROOT / "scripts"))
import source_archive  # noqa: E402

CHECK = "import toolkit, pathlib; print(pathlib.Path(toolkit.__file__).resolve()); print(len(toolkit.load_demo()))"


def _first_code_cell(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_every_notebook_starts_with_the_colab_cell(path):
    assert _first_code_cell(path).strip() == CELL.strip()


def test_the_cell_does_nothing_where_newsframes_is_installed():
    assert importlib.util.find_spec("toolkit") is not None
    before = set(Path.cwd().iterdir())
    exec(compile(CELL, "colab_cell", "exec"), {})
    assert set(Path.cwd().iterdir()) == before  # nothing unpacked, nothing installed


def test_the_archive_holds_the_tracked_files_under_one_folder(tmp_path):
    path = source_archive.write_archive(tmp_path)
    names = zipfile.ZipFile(path).namelist()
    assert all(n.startswith("newsframes/") for n in names)
    for needed in ("pyproject.toml", "toolkit/__init__.py", "data/demo/articles.jsonl", "binder/colab_cell.py"):
        assert f"newsframes/{needed}" in names
    assert not any("/.venv/" in n or "/.git/" in n or "/build/" in n for n in names)


@pytest.fixture
def fresh_env(tmp_path):
    """A new venv without newsframes, whose imports fall back on this project's dependencies
    (one per test: a test that installs newsframes leaves its environment changed)."""
    home = tmp_path
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    own = subprocess.run([py, "-c", "import site; print(site.getsitepackages()[0])"],
                         check=True, capture_output=True, text=True).stdout.strip()
    Path(own, "zz_project_dependencies.pth").write_text(site.getsitepackages()[0] + "\n")
    probe = subprocess.run([py, "-c", "import importlib.util as u; print(u.find_spec('toolkit'))"],
                           cwd=home, check=True, capture_output=True, text=True)
    assert probe.stdout.strip() == "None", "the fresh environment must not see newsframes"
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONWARNINGS": "ignore"}
    env.pop("PYTHONPATH", None)
    return home, py, env


def test_colab_cell_installs_from_the_uploaded_archive(fresh_env):
    home, py, env = fresh_env
    content = home / "content"  # Colab's working folder
    content.mkdir()
    source_archive.write_archive(content)
    run = subprocess.run([py, "-c", CELL + "\n" + CHECK], cwd=content, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    where, n = run.stdout.strip().splitlines()[-2:]
    assert Path(where).is_relative_to(content / "newsframes-src")  # the unpacked copy, not this checkout
    assert n == "101"  # the demo corpus is found from the unpacked copy
    # a second run of the cell (a new kernel) finds newsframes installed and does nothing
    again = subprocess.run([py, "-c", CELL + "\n" + CHECK], cwd=content, env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.strip().splitlines()[-2:] == [where, n]


def test_colab_cell_without_an_archive_says_what_to_do(fresh_env):
    home, py, env = fresh_env
    run = subprocess.run([py, "-c", CELL], cwd=home, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "upload newsframes-source.zip" in run.stderr


def test_binder_postbuild_installs_the_package(fresh_env):
    home, py, env = fresh_env
    repo = home / "binder-repo"
    with zipfile.ZipFile(source_archive.write_archive(home / "zip")) as zf:
        zf.extractall(repo)
    repo = repo / "newsframes"
    env = {**env, "PATH": f"{py.parent}{os.pathsep}{env['PATH']}"}  # repo2docker's python first
    post = subprocess.run(["bash", str(repo / "binder" / "postBuild")], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)
    assert post.returncode == 0, post.stderr[-3000:]
    elsewhere = home / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run([py, "-c", CHECK], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    where, n = run.stdout.strip().splitlines()[-2:]
    assert Path(where).is_relative_to(repo) and n == "101"
    shutil.rmtree(repo / "newsframes.egg-info", ignore_errors=True)
