"""Concordance lines stay readable at 1000 px: the match column is never pushed off-screen.

Drives Debian's chromium through playwright (never ``playwright install``); skips when
either is missing."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from toolkit.display import kwic_html

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)")


def test_match_column_visible_at_1000_px(tmp_path):
    long = "word " * 80
    lines = pd.DataFrame({
        "source": ["The Very Long Name of a Regional Evening Newspaper"] * 3, "date": ["2022-09-10"] * 3,
        "doc_id": ["an-exceptionally-long-document-identifier-0001"] * 3, "frame": ["euphemised_setback"] * 3,
        "pattern": ["more advantageous line*"] * 3, "left": [long] * 3,
        "match": ["regrouping", "more advantageous lines", "goodwill gesture"], "right": [long] * 3})
    page_file = tmp_path / "kwic.html"
    page_file.write_text(f"<!doctype html><html><body>{kwic_html(lines)}</body></html>", encoding="utf-8")
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except Exception as err:  # pragma: no cover - environment
            pytest.skip(f"chromium could not be launched: {err}")
        page = browser.new_page(viewport={"width": 1000, "height": 600})
        page.goto(page_file.as_uri())
        boxes = page.evaluate("""() => Array.from(document.querySelectorAll('td.m'))
            .map(td => { const r = td.getBoundingClientRect(); return [r.left, r.right]; })""")
        browser.close()
    assert len(boxes) == 3
    assert all(0 < left and right <= 1000 for left, right in boxes), boxes
