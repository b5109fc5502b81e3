"""The examples in the docstrings run: every module of ``toolkit`` is run through doctest.

Each example must be self-contained: it runs with empty globals (not the module's), so it
imports what it uses (``>>> import toolkit`` then ``toolkit.load_demo()``) and can be
copied into a notebook as it is. Output is compared with ``ELLIPSIS`` and
``NORMALIZE_WHITESPACE``; print small, deterministic things (a shape, a sorted list, a
rounded number), never a whole DataFrame of floats.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import toolkit  # noqa: E402
import toolkit.plots  # noqa: E402

OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

MODULES = ["toolkit"] + sorted(
    info.name for info in pkgutil.walk_packages(toolkit.__path__, prefix="toolkit.")
)


def _public_functions() -> list[str]:
    """Every function exported by ``toolkit.__all__`` and ``toolkit.plots.__all__``."""
    names = []
    for package in (toolkit, toolkit.plots):
        for name in package.__all__:
            if inspect.isfunction(getattr(package, name)):
                names.append(f"{package.__name__}.{name}")
    return names


PUBLIC_FUNCTIONS = _public_functions()


def test_modules_are_found():
    assert "toolkit.plots" in MODULES
    assert "toolkit.plots.frequency" in MODULES
    assert "toolkit.frequency" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    # empty globals, not the module's: an example imports what it uses
    tests = finder.find(module, name, globs={"__name__": "__main__"})
    runner = doctest.DocTestRunner(optionflags=OPTIONFLAGS)
    failures = []
    try:
        for test in tests:
            if not test.examples:
                continue
            report = []
            result = runner.run(test, out=report.append, clear_globs=True)
            if result.failed:
                failures.append("".join(report))
    finally:
        plt.close("all")
    assert not failures, "\n".join(failures)


def _doc(obj: object) -> str:
    return inspect.getdoc(obj) or ""


def _has_examples(obj: object) -> bool:
    doc = _doc(obj)
    if "Examples\n--------" not in doc:
        return False
    section = doc.split("Examples\n--------", 1)[1]
    return any(line.lstrip().startswith(">>>") for line in section.splitlines())


def test_public_functions_are_found():
    # the functions of the README's table of steps are among them
    for name in ("load_corpus", "find_duplicates", "keyness", "frame_shares"):
        assert f"toolkit.{name}" in PUBLIC_FUNCTIONS
    assert "toolkit.plots.plot_war_names" in PUBLIC_FUNCTIONS


@pytest.mark.parametrize("name", PUBLIC_FUNCTIONS)
def test_public_functions_have_examples(name: str):
    package, _, attr = name.rpartition(".")
    function = getattr(importlib.import_module(package), attr)
    assert _has_examples(function), f"{name} has no Examples section with a >>> line"
