"""environment.yml and pyproject.toml declare the same dependencies; CI and README agree."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONDA_NAMES = {"duckdb": "python-duckdb", "playwright": "playwright-python"}  # conda-forge spells a few names differently


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[; ]", spec.strip().lower().replace("_", "-"), maxsplit=1)[0]


def _pyproject():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = {_name(d) for d in data["project"]["dependencies"]}
    test = {_name(d) for d in data["project"]["optional-dependencies"]["test"]}
    return runtime, test


def _conda():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = set()
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            names.add(_name(dep))
    return names - {"python", "pip"}


def test_environment_and_pyproject_agree():
    runtime, test = _pyproject()
    wanted = {CONDA_NAMES.get(n, n) for n in runtime | test}
    conda = _conda()
    assert wanted - conda == set(), f"in pyproject.toml but not in environment.yml: {wanted - conda}"
    assert conda - wanted == set(), f"in environment.yml but not in pyproject.toml: {conda - wanted}"


def test_core_dependencies_declared():
    runtime, _ = _pyproject()
    assert {"jupyterlab", "pandas", "nltk", "matplotlib"} <= runtime


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)
    assert blocks, "README has no command block"
    first = [line for line in blocks[0].splitlines() if line.strip() and not line.startswith("#")]
    assert first == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_no_runtime_downloads():
    offenders = []
    for path in list((ROOT / "toolkit").rglob("*.py")) + list((ROOT / "notebooks").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"nltk\.download\(|from_pretrained\(|urlopen\(", text):
            offenders.append(str(path))
    assert offenders == []


def test_readme_example_file_loads():
    import toolkit

    corpus = toolkit.load_corpus(ROOT / "tests" / "data" / "mini.csv")
    assert corpus["doc_id"].tolist() == ["mini-1", "mini-2", "mini-3"]
    assert str(corpus["date"].dtype).startswith("datetime64")
