"""Every public function has type hints and a numpydoc docstring (Parameters, Returns)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_public_functions_are_documented_and_typed():
    problems = []
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            doc = ast.get_docstring(node) or ""
            args = [a for a in node.args.args + node.args.kwonlyargs if a.arg != "self"]
            where = f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
            if not doc:
                problems.append(f"{where}: no docstring")
                continue
            if args and "Parameters" not in doc:
                problems.append(f"{where}: no Parameters section")
            if node.returns is None:
                problems.append(f"{where}: no return type hint")
            elif ast.unparse(node.returns) != "None" and "Returns" not in doc:
                problems.append(f"{where}: no Returns section")
            problems += [f"{where}: no type hint for {a.arg}" for a in args if a.annotation is None]
    assert problems == []
