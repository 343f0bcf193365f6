"""The notebooks in real JupyterLab and headless Chromium: highlighted RTL text and map markers.

Starts JupyterLab on 127.0.0.1 (free port, no token) over a temporary copy of
``notebooks/``, runs every cell of ``01_quickstart.ipynb`` and of
``02_annotate_findings.ipynb`` through the Run menu, and checks what a user
sees. Screenshots go to ``build/``. The browser is offline: map tiles fail, the
country outlines and markers must still show.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed"),
]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def lab(tmp_path_factory, gazetteer):  # the gazetteer fixture builds it before Lab starts
    root = tmp_path_factory.mktemp("lab-root")
    for nb in ("01_quickstart.ipynb", "02_annotate_findings.ipynb"):
        shutil.copy(ROOT / "notebooks" / nb, root / nb)
    port = _free_port()
    env = {**os.environ, "WORKBENCH_DB": str(root / "findings.sqlite")}
    env.setdefault("WORKBENCH_CACHE_DIR", str(ROOT / ".cache"))
    log = (root / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.root_dir={root}", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", "--LabApp.news_url=None",
         "--LabServerApp.extension_manager=readonly", "--allow-root"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((root / "lab.log").read_text()[-3000:]) from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        # Only the local Lab server resolves: map tiles and anything else fail fast.
        offline = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=ARGS + offline,
            viewport={"width": 1400, "height": 1000},
        )
        yield ctx.new_page()
        ctx.close()


def _accept_kernel_dialog(page, seconds: float) -> None:
    """Lab may ask which kernel to start; accept its proposal (Python 3)."""
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    try:
        accept.wait_for(timeout=seconds * 1000)
    except Exception:  # no dialog this time
        return
    accept.click()


def _run_all(page, url: str, name: str) -> None:
    page.goto(f"{url}/lab/tree/{name}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    _accept_kernel_dialog(page, 5)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']:visible").first.wait_for(
        timeout=60_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    _accept_kernel_dialog(page, 3)


def _screenshot(page, name: str) -> None:
    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    page.screenshot(path=str(build / name), full_page=False)


def _wait(page, selector: str, shot: str, timeout: float = 120_000) -> None:
    try:
        page.wait_for_selector(selector, timeout=timeout)
    except Exception:
        _screenshot(page, f"failed-{shot}")
        raise


def test_quickstart_shows_rtl_highlighted_article_and_map(lab, page) -> None:
    _run_all(page, lab, "01_quickstart.ipynb")
    _wait(page, ".jp-OutputArea mark.wb-ent", "lab-quickstart.png")
    direction = page.eval_on_selector(".jp-OutputArea .wb-article",
                                      "e => getComputedStyle(e).direction")
    assert direction == "rtl"
    assert page.locator(".jp-OutputArea mark.wb-ent").count() > 5
    assert page.locator(".jp-OutputArea svg.wb-map .wb-marker").count() > 0
    page.locator(".jp-OutputArea .wb-article").first.scroll_into_view_if_needed()
    _screenshot(page, "lab-quickstart.png")


def test_workbench_app_in_lab_selects_by_click(lab, page) -> None:
    from workbench.ui.clickable import HAS_ANYWIDGET

    _run_all(page, lab, "02_annotate_findings.ipynb")
    _wait(page, ".wb-app mark.wb-ent", "lab-workbench.png")
    _wait(page, ".wb-app .leaflet-marker-icon", "lab-workbench.png", 60_000)
    app = page.locator(".wb-app").first
    assert page.eval_on_selector(".wb-app .wb-article", "e => getComputedStyle(e).direction") == "rtl"
    assert page.locator(".wb-app path.leaflet-interactive").count() > 50  # offline outlines
    if HAS_ANYWIDGET:
        mark = page.locator(".wb-app mark.wb-ent").nth(1)
        mark.click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.wb-app style')]"
            ".some(s => s.textContent.includes('mark.wb-ent[data-ent=\"1\"]'))",
            timeout=20_000,
        )
    app.scroll_into_view_if_needed()
    _screenshot(page, "lab-workbench.png")
