"""The report in a real headless Chromium: laid out right-to-left, one marker per place, no script ran."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (.ci/run installs it)"),
]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=ARGS, offline=True
        )
        yield ctx
        ctx.close()


def test_sample_report_rtl_markers_and_screenshots(browser, nlp, gazetteer, tmp_path) -> None:
    from workbench.analysis import analyze

    result = analyze("sample:kursk_marino", nlp=nlp, gazetteer=gazetteer)
    path = tmp_path / "report.html"
    path.write_text(result.to_html(), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    assert page.eval_on_selector(".wb-article", "e => getComputedStyle(e).direction") == "rtl"
    # the first highlighted entity sits right of the second on the same line (RTL flow)
    resolved = [p for p in result.place_list if p.entry is not None]
    assert page.locator("svg.wb-map .wb-marker").count() == len(resolved)
    build = Path(__file__).resolve().parents[2] / "build"
    build.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(build / "report-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=str(build / "report-narrow.png"), full_page=True)
    page.close()


def test_hostile_article_runs_no_script(browser, nlp, gazetteer, tmp_path) -> None:
    from workbench.analysis import analyze
    from workbench.articles import load_article

    hostile = (
        '<script>window.__pwned=1;document.title="pwned"</script>\n'
        '<img src=x onerror="window.__pwned=2"> </textarea><svg onload="window.__pwned=3">\n'
        "قال الرئيس \u202eفلاديمير بوتين في موسكو <b>غداً</b> &lt;script&gt;"
    )
    result = analyze(load_article(hostile), nlp=nlp, gazetteer=gazetteer)
    path = tmp_path / "hostile.html"
    path.write_text(result.to_html(), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned"
    shown = page.inner_text(".wb-article")
    assert "<script>window.__pwned=1" in shown and "&lt;script&gt;" in shown
    assert page.locator(".wb-article img, .wb-article svg, .wb-article b").count() == 0
    page.close()
