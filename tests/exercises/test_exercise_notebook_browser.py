"""The exercise notebook rendered in headless Chromium (offline): feedback table and RTL text.

Runs ``notebooks/03_teaching_exercise.ipynb`` with nbclient, exports it with
nbconvert's ``basic`` template, opens the HTML file in Chromium with the
network blocked, and checks what a reader sees.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "03_teaching_exercise.ipynb"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed"),
]


@pytest.fixture(scope="module")
def page_html(tmp_path_factory, gazetteer) -> Path:
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    work = tmp_path_factory.mktemp("nb03")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    env_before = os.environ.get("WORKBENCH_EXERCISES_DIR")
    os.environ["WORKBENCH_EXERCISES_DIR"] = str(work / "exercises")  # the kernel inherits it
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    finally:
        if env_before is None:
            os.environ.pop("WORKBENCH_EXERCISES_DIR", None)
        else:
            os.environ["WORKBENCH_EXERCISES_DIR"] = env_before
    body, _ = HTMLExporter(template_name="basic").from_notebook_node(nb)
    out = work / "03.html"
    out.write_text(f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>',
                   encoding="utf-8")
    return out


def test_feedback_table_and_rtl_text_are_shown(page_html: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            ctx = browser.new_context(offline=True)
            page = ctx.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.goto(page_html.as_uri())
            feedback = page.locator(".wb-feedback[dir=rtl]").first
            feedback.wait_for(state="visible")
            assert feedback.evaluate("el => getComputedStyle(el).direction") == "rtl"
            assert "الدرجة" in feedback.inner_text()
            labels = feedback.locator("table.wb-fb-labels")
            assert labels.is_visible()
            rows = labels.locator("tbody tr").all_inner_texts()
            assert [r.split("\t")[0].strip() for r in rows] == ["PER", "LOC", "ORG", "الكل"]
            places = feedback.locator("table.wb-fb-places tbody tr")
            assert places.count() == 19
            assert "مارينو" in places.first.inner_text() and "ناجح" in places.first.inner_text()
            # The Arabic entity text is laid out right to left inside the feedback.
            mark = feedback.locator("mark.wb-fb-span").first
            assert mark.evaluate("el => getComputedStyle(el).direction") == "rtl"
            page.screenshot(path=str(page_html.with_suffix(".png")), full_page=True)
        finally:
            browser.close()
