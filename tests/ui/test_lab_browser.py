"""The notebooks in real JupyterLab and headless Chromium: highlighted RTL text and map markers.

Starts JupyterLab on 127.0.0.1 (free port, no token) over a temporary copy of
``notebooks/``, runs every cell of ``01_quickstart.ipynb`` and of
``02_annotate_findings.ipynb`` through the Run menu, and checks what a user
sees. Screenshots go to ``build/``. The browser is offline: map tiles fail, the
country outlines and markers must still show.

Lab must never stop at its "Select Kernel" dialog (seen once on a slow machine,
where it came up after the test had stopped looking for it): the copies name
their kernel (``python3``) in their metadata, Lab runs with its own settings
folder that starts the preferred kernel by itself and fetches no news, and
every wait of the test accepts the dialog whenever it shows up anyway.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from browser_support import MARKS, ROOT, chromium_page, free_port, screenshot, server

pytestmark = MARKS

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
}
KERNEL_DIALOG = ".jp-Dialog:has-text('Select Kernel')"


def _copy_notebook(name: str, root: Path) -> None:
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    nb.setdefault("metadata", {})["kernelspec"] = KERNELSPEC
    (root / name).write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.fixture(scope="module")
def lab(tmp_path_factory, gazetteer):  # the gazetteer fixture builds it before Lab starts
    root = tmp_path_factory.mktemp("lab-root")
    for nb in ("01_quickstart.ipynb", "02_annotate_findings.ipynb"):
        _copy_notebook(nb, root)
    config = tmp_path_factory.mktemp("lab-config")
    for rel, settings in LAB_SETTINGS.items():
        path = config / "settings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "WORKBENCH_DB": str(root / "findings.sqlite")}
    env.setdefault("WORKBENCH_CACHE_DIR", str(ROOT / ".cache"))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           f"--ServerApp.root_dir={root}", "--IdentityProvider.token=", "--ServerApp.password=",
           "--ServerApp.disable_check_xsrf=True", "--LabApp.news_url=None",
           f"--LabApp.user_settings_dir={config / 'settings'}",
           f"--LabApp.workspaces_dir={config / 'workspaces'}",
           "--LabServerApp.extension_manager=readonly", "--allow-root"]
    url = f"http://127.0.0.1:{port}"
    with server(cmd, cwd=root, env=env, ready_url=f"{url}/api/status", log_path=root / "lab.log"):
        yield url


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    with chromium_page(tmp_path_factory.mktemp("chromium-profile")) as page:
        yield page


@pytest.fixture
def page(browser_page):
    """A fresh tab per notebook, so that only one notebook (and kernel status) is on screen."""
    page = browser_page.context.new_page()
    # Accepted whenever an action of the test meets it...
    page.add_locator_handler(page.locator(KERNEL_DIALOG),
                             lambda dialog: dialog.locator(".jp-mod-accept").click())
    yield page
    page.close()


def _accept_kernel_dialog(page: Any) -> bool:
    """Accept Lab's kernel choice (Python 3) if the dialog is up; whether it was."""
    dialog = page.locator(KERNEL_DIALOG)
    if not dialog.count() or not dialog.first.is_visible():
        return False
    dialog.first.locator(".jp-mod-accept").click()
    return True


def _wait(page: Any, selector: str, shot: str, timeout: float = 120_000) -> None:
    """Wait for ``selector``, accepting the kernel dialog whenever it appears meanwhile."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            page.locator(selector).first.wait_for(timeout=1_000)
            return
        except Exception:
            if _accept_kernel_dialog(page):
                continue
            if time.monotonic() > deadline:
                screenshot(page, f"failed-{shot}")
                raise


# The status bar's kernel item reads "No Kernel | Initializing", then "Python 3 (ipykernel) |
# Unknown", then "... | Idle": only then does Run All reach the kernel. (The toolbar's execution
# indicator already says idle while no kernel is there: not a signal to trust.)
KERNEL_IDLE = ".jp-StatusBar-TextItem:text-matches('^(?!No Kernel).+ \\| Idle$')"


# A prompt that shows "[*]:" or "[1]:": Run All reached the kernel.
STARTED = ".jp-NotebookPanel .jp-InputPrompt:text-matches('\\[(\\*|\\d+)\\]')"


def _run_all(page: Any, url: str, name: str, attempts: int = 3) -> None:
    """Open ``name`` and run all its cells once its kernel is up.

    The layout is reset (``?reset``) so that the notebook opens alone: with a
    second notebook, the status bar could show the other one's idle kernel. If
    no cell starts all the same, Run All is clicked again.
    """
    page.goto(f"{url}/lab/tree/{name}?reset")
    _wait(page, ".jp-Notebook", name, 60_000)
    for attempt in range(attempts):
        _wait(page, KERNEL_IDLE, name, 60_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        _accept_kernel_dialog(page)
        try:
            _wait(page, STARTED, name, 20_000)
            return
        except Exception:
            if attempt == attempts - 1:
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
    screenshot(page, "lab-quickstart.png")


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
    screenshot(page, "lab-workbench.png")
