"""The hosted route (Binder) installs the package the way `make demo` does."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_binder_installs_the_package_from_pyproject():
    post = ROOT / "binder" / "postBuild"
    assert post.is_file() and os.access(post, os.X_OK)
    text = post.read_text(encoding="utf-8")
    assert "pip install --no-cache-dir -e ." in text
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    version = re.fullmatch(r"python-(\d+)\.(\d+)", runtime)
    assert version
    requires = re.search(r'requires-python\s*=\s*">=(\d+)\.(\d+)"', (ROOT / "pyproject.toml").read_text())
    assert requires and tuple(map(int, version.groups())) >= tuple(map(int, requires.groups()))
