"""Reports in a real headless Chromium, offline: nothing hostile runs, our script does, RTL, links.

Every page is checked for Content-Security-Policy violations: a violation means
either that our own script or style was blocked, or that an attacker's markup
reached the HTML parser (and only the CSP stopped it) -- both are failures.
The first test proves the detectors see such payloads.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_samples import BUILD, GENERATED_AT, HOSTILE

from workbench.report import build_report, render_document
from workbench.report.escape import BIDI_CONTROLS

pytestmark = pytest.mark.browser

WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def shown(text: str) -> str:
    return "".join(f"[U+{ord(c):04X}]" if c in BIDI_CONTROLS else c for c in text)


class Opened:
    """A page opened from a file, with everything it logged and requested."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.uri = path.as_uri()
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page()
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.add_init_script(WATCH_CSP)
        self.page.goto(self.uri)

    def csp_violations(self) -> list[str]:
        reported = self.page.evaluate("window.__csp")
        logged = [t for _, t in self.console if "Content Security Policy" in t]
        return [*reported, *logged]

    def assert_clean(self) -> None:
        """No CSP violation, no script error, no request but the file itself, our script ran."""
        assert self.csp_violations() == []
        assert self.errors == []
        assert set(self.requests) <= {self.uri}
        assert self.page.evaluate("document.documentElement.classList.contains('wb-js')")


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    pages: list[Opened] = []

    def _open(markup: str, name: str = "report.html") -> Opened:
        path = tmp_path / name
        path.write_text(markup, encoding="utf-8")
        pages.append(Opened(browser, path))
        return pages[-1]

    yield _open
    for p in pages:
        p.page.close()


def test_detectors_see_an_unescaped_payload(open_page: Any) -> None:
    """The checks below can fail: raw payloads are seen (with CSP) or run (without)."""
    page = render_document({"text": "x", "language": "ar"})
    raw = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    locked = open_page(page.replace("<main>", "<main>" + raw), "locked.html")
    assert locked.page.evaluate("window.__pwned") is None and locked.csp_violations()
    unlocked = open_page(f"<html><body>{raw}</body></html>", "unlocked.html")
    assert unlocked.page.evaluate("window.__pwned") in (1, 2)


def test_hostile_report_runs_nothing_and_shows_text_literally(
    open_page: Any, hostile: dict[str, Any]
) -> None:
    opened = open_page(render_document(hostile, generator=HOSTILE, gazetteer_info=HOSTILE))
    page = opened.page
    assert page.evaluate("window.__pwned") is None and page.evaluate("parent.__pwned") is None
    assert page.title() != "pwned" and "<script>window.__pwned=1" in page.title()
    assert page.inner_text(".wb-article") == shown(hostile["text"])
    assert page.inner_text("h1") == shown(HOSTILE)
    for field in (".wb-findings .wb-note", ".wb-findings .wb-tag", ".wb-meta dd"):
        assert shown(HOSTILE) in page.locator(field).first.inner_text()
    assert page.locator("img, iframe, math, b, a, style + style").count() == 0
    assert page.evaluate("document.scripts.length") == 1
    assert page.locator("svg").count() == page.locator("svg.wb-map, .wb-legend svg").count()
    opened.assert_clean()


def test_sample_report_links_text_table_and_map(open_page: Any, sample: dict[str, Any]) -> None:
    opened = open_page(render_document(sample, generated_at=GENERATED_AT))
    page = opened.page
    page.set_viewport_size({"width": 1280, "height": 900})
    selected = "document.querySelectorAll('.wb-selected')"

    def keys_selected() -> set[str]:
        return set(page.evaluate(f"Array.from({selected}).map(e => e.dataset.place)"))

    # entity in the text -> its marker and its table rows (Kursk: 2 mentions, 1 marker)
    page.locator("mark.wb-ent", has_text="كورسك").first.click()
    (kursk,) = keys_selected()
    assert page.locator(f'.wb-marker.wb-selected[data-place="{kursk}"]').count() == 1
    assert page.locator("tr.wb-selected").count() == 2 and page.locator("mark.wb-selected").count() == 2
    assert "Kursk (RU)" in page.inner_text("#wb-status")
    # marker -> the text mention and the row
    page.locator('.wb-marker:not(.wb-approx)[data-place="p3"]').click(force=True)
    assert keys_selected() == {"p3"}
    assert page.locator("mark.wb-selected").inner_text().startswith("موسكو")
    assert "Moscow" in page.locator("tr.wb-selected").inner_text()
    # table row (Marino, an area) -> the dashed area
    page.locator("tr.wb-place-row", has_text="مارينو").click()
    assert page.locator(".wb-marker.wb-approx.wb-selected").count() == 1
    # clicking again clears; the keyboard works too
    page.locator("tr.wb-place-row", has_text="مارينو").click()
    assert keys_selected() == set() and page.locator("#wb-status").is_hidden()
    page.locator("tr.wb-place-row", has_text="موسكو").focus()
    page.keyboard.press("Enter")
    assert keys_selected() == {"p3"}
    opened.assert_clean()


def test_arabic_is_laid_out_right_to_left(open_page: Any, sample: dict[str, Any]) -> None:
    page = open_page(render_document(sample)).page
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.eval_on_selector(".wb-article", "e => getComputedStyle(e).direction") == "rtl"
    assert page.eval_on_selector("html", "e => getComputedStyle(e).direction") == "rtl"
    first, second = (page.locator("mark.wb-ent").nth(i).bounding_box() for i in (0, 1))
    assert first and second and abs(first["y"] - second["y"]) < 4  # same line
    assert first["x"] >= second["x"] + second["width"]  # the earlier word is to the right


def test_phone_and_print_layouts(open_page: Any, sample: dict[str, Any]) -> None:
    opened = open_page(render_document(sample, generated_at=GENERATED_AT))
    page = opened.page
    BUILD.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(BUILD / "report-sample-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=str(BUILD / "report-sample-narrow.png"), full_page=True)
    # nothing wider than the phone: wide tables scroll inside their own box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    map_box = page.locator("svg.wb-map").bounding_box()
    assert map_box and map_box["width"] <= 390
    page.emulate_media(media="print")
    assert page.eval_on_selector(".wb-status", "e => getComputedStyle(e).display") == "none"
    assert page.eval_on_selector(".wb-map-panel", "e => getComputedStyle(e).position") == "static"
    opened.assert_clean()


@pytest.mark.slow
def test_sample_article_end_to_end(open_page: Any, nlp: Any, gazetteer: Any) -> None:
    """The shipped sample through the real pipeline and gazetteer (the one slow test)."""
    from workbench.analysis import analyze

    result = analyze("sample:kursk_marino", nlp=nlp, gazetteer=gazetteer)
    opened = open_page(build_report(result, gazetteer=gazetteer))
    page = opened.page
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.eval_on_selector(".wb-article", "e => getComputedStyle(e).direction") == "rtl"
    assert "gazetteer: schema" in page.inner_text("footer")
    resolved = [p for p in result.to_dict()["places"] if p["latitude"] is not None]
    assert resolved
    rows = page.locator("tr.wb-place-row")
    assert rows.count() == len(result.place_list)
    for i, p in enumerate(result.to_dict()["places"]):
        key = rows.nth(i).get_attribute("data-place")
        assert page.locator(f'.wb-marker[data-place="{key}"]').count() == (p["latitude"] is not None)
    first = page.locator(".wb-article mark[data-place]").first
    first.click()
    key = first.get_attribute("data-place")
    if key and key.startswith("p"):
        assert page.locator(f'.wb-marker.wb-selected[data-place="{key}"]').count() == 1
    page.locator(".wb-article mark[data-place]").first.click()  # deselect for the screenshots
    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / "report-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=str(BUILD / "report-narrow.png"), full_page=True)
    opened.assert_clean()
