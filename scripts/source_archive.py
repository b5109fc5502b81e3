"""Zip the repository's files into ``build/newsframes-source.zip`` for Google Colab.

Usage: python scripts/source_archive.py [--out build]

A class on Google Colab has no local Python and no public repository to clone (newsframes
is not hosted yet): the teacher uploads this archive to the Colab session, and the set-up
cell at the top of every notebook (``binder/colab_cell.py``) unpacks it and installs the
package from it. The archive holds the files git tracks, as they are in the working tree
(local edits included), under one folder ``newsframes/``; outside a git checkout, every
file except ``.git``, ``.venv``, ``build`` and caches. It is rewritten on each run (it is
a build product in ``build/``, never a user's file).
"""

from __future__ import annotations

import argparse
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".git", ".venv", "build", "__pycache__", ".pytest_cache", ".ruff_cache", ".cache", ".ipynb_checkpoints"}


def tracked_files(root: Path = ROOT) -> list[Path]:
    """The files to archive, relative to ``root``, sorted."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=root, check=True, capture_output=True
        ).stdout.decode("utf-8")
        files = [Path(p) for p in out.split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        files = [
            p.relative_to(root) for p in root.rglob("*")
            if p.is_file() and not SKIP.intersection(p.relative_to(root).parts)
        ]
    return sorted(f for f in files if (root / f).is_file())


def write_archive(out: Path, root: Path = ROOT) -> Path:
    """Write ``out/newsframes-source.zip`` and return its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "newsframes-source.zip"
    tmp = path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for rel in tracked_files(root):
            zf.write(root / rel, Path("newsframes") / rel)
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build"), help="output folder (default build)")
    args = parser.parse_args(argv)
    path = write_archive(Path(args.out))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB): upload it to Colab, then run the first cell")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
