"""Smoke test of the explorer in JupyterLab, in a real (headless) browser.

Starts ``jupyter lab`` from this Python on a temporary folder holding a one-cell notebook
that builds the explorer on the demo corpus, opens it in Debian's Chromium through
Playwright, runs all cells and checks that the widgets render (the outlet selector, the
chart and the KWIC table) without a kernel error. Skipped when Playwright or a
``chromium`` executable is missing (``playwright install`` is never run).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CELL = "import toolkit as tk\n\ntk.explore(tk.load_demo())"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no 'chromium' executable on PATH (apt-get install chromium)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_server(url: str, proc: subprocess.Popen, log: Path, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"jupyter lab exited with code {proc.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"jupyter lab did not answer {url} within {timeout:g} s")


@pytest.fixture
def lab(tmp_path: Path):
    """A JupyterLab server on a free port serving ``tmp_path/work``; yields (url, token)."""
    work = tmp_path / "work"
    work.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(CELL)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, work / "explore.ipynb")
    token = secrets.token_hex(16)
    port = _free_port()
    home = tmp_path / "home"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "MPLBACKEND": "Agg",
    }
    log_path = tmp_path / "lab.log"
    log = open(log_path, "wb")  # noqa: SIM115  (closed below)
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            f"--ServerApp.token={token}", "--ServerApp.ip=127.0.0.1", f"--port={port}",
            "--ServerApp.port_retries=0", f"--ServerApp.root_dir={work}", "--allow-root",
            "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_server(f"{url}/api/status?token={token}", proc, log_path)
        yield url, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


def test_explorer_renders_in_jupyterlab(lab, tmp_path: Path):
    url, token = lab
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(45_000)
            page.goto(f"{url}/lab/tree/explore.ipynb?token={token}")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for()
            # run everything once the kernel says Idle; "Run All Cells" is ignored while
            # the session is still connecting, so try again until the prompt shows it ran
            page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
            prompt = page.locator(".jp-Notebook .jp-InputPrompt").first
            for _ in range(5):
                page.get_by_role("menuitem", name="Run", exact=True).click()
                page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
                try:
                    page.wait_for_function(
                        "el => /[*0-9]/.test(el.textContent)", arg=prompt.element_handle(),
                        timeout=5_000,
                    )
                    break
                except sync_api.TimeoutError:
                    page.keyboard.press("Escape")  # close the menu if it is still open
            output = page.locator(".jp-OutputArea-output")
            outlets = output.locator("select[multiple]")
            outlets.wait_for()
            kwic = output.locator("table.nf-kwic")
            kwic.wait_for()
            assert outlets.locator("option").count() == 7
            assert kwic.locator("tbody tr").count() > 0
            assert output.locator("img").count() >= 1  # the trend chart
            # a pattern typed in the browser reaches the kernel and comes back as lines
            box = output.locator("input[type=text]").first
            box.fill("regroup*")
            box.press("Enter")
            output.get_by_text("pattern regroup*: 19 lines").wait_for()
            assert kwic.locator("td.m").first.inner_text().lower().startswith("regroup")
            text = page.locator(".jp-Notebook").inner_text()
            assert "Traceback" not in text and "Error displaying widget" not in text
            errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
            if os.environ.get("NEWSFRAMES_SCREENSHOT"):  # a picture to look at, on request
                page.screenshot(path=os.environ["NEWSFRAMES_SCREENSHOT"], full_page=True)
            assert errors.count() == 0, errors.all_inner_texts()
        except Exception:
            shot = tmp_path / "failure.png"
            page.screenshot(path=shot, full_page=True)
            print(f"screenshot of the failure: {shot}")
            raise
        finally:
            browser.close()
