"""The HTML report in a real headless browser: Debian's chromium driven by playwright.

The browser is the system's ``chromium`` (``apt-get install chromium``), never one
downloaded by ``playwright install``. Skipped, with the reason, when the playwright
package or the chromium binary is absent.
"""

from __future__ import annotations

import shutil

import pytest

from toolkit.report import build_report

from .test_report import HOSTILE, hostile_corpus

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install playwright)"
)
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium); browser test skipped"
)


@pytest.fixture(scope="module")
def page_of(tmp_path_factory):
    """Open a report file in headless chromium; yields (page, console errors, dialogs)."""
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except Exception as err:  # pragma: no cover - depends on the machine
            pytest.skip(f"chromium at {CHROMIUM} could not be launched: {err}")
        try:
            def open_page(path):
                page = browser.new_page()
                errors: list[str] = []
                dialogs: list[str] = []
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: errors.append(str(e)))

                def on_dialog(dialog):
                    dialogs.append(dialog.message)
                    dialog.dismiss()

                page.on("dialog", on_dialog)
                page.goto(path.resolve().as_uri(), wait_until="load")
                return page, errors, dialogs

            yield open_page
        finally:
            browser.close()


def test_hostile_report_renders_as_text_in_a_browser(page_of, tmp_path):
    path = build_report(hostile_corpus(), path=tmp_path / "hostile.html",
                        heading="<b>My</b> report <script>alert(3)</script>")
    page, errors, dialogs = page_of(path)
    page.wait_for_timeout(200)  # let any (unwanted) handler fire
    assert dialogs == [], f"a dialog fired: {dialogs}"
    assert errors == [], f"console errors: {errors}"
    images = page.eval_on_selector_all(
        "img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])"
    )
    assert len(images) == 4
    assert all(done and w > 0 and h > 0 for done, w, h in images), images
    text = page.inner_text("body")
    assert HOSTILE in text  # shown as the text it is, not run
    assert "<b>Bold headline</b>" in text
    assert 'Outlet "B" <img src=x onerror=alert(2)>' in text
    assert page.inner_text("h1") == "<b>My</b> report <script>alert(3)</script>"
    assert page.title() == "<b>My</b> report <script>alert(3)</script>"
    # only the report's own elements: no injected tag became an element
    assert page.locator("script").count() == 0
    assert page.locator("b", has_text="Bold headline").count() == 0
    assert page.locator("img[onerror]").count() == 0


def test_demo_report_renders_without_errors(page_of, tmp_path):
    import toolkit as tk

    path = build_report(tk.load_demo(), path=tmp_path / "demo.html")
    page, errors, dialogs = page_of(path)
    assert errors == [] and dialogs == []
    widths = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
    assert len(widths) == 4 and min(widths) > 0
    headings = page.eval_on_selector_all("h2", "els => els.map(e => e.innerText)")
    assert "Frame prevalence" in headings and "Keyness: words each group over-uses" in headings
    assert page.locator("table.nf-kwic").count() >= 10
