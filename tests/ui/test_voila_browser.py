"""The app as analysts get it (``make app``): Voilà, no code, opened through its own load panel.

Starts ``voila notebooks/00_app.ipynb --strip_sources=True`` on 127.0.0.1 with a
throw-away findings store, opens the page in headless Chromium (offline: map
tiles fail, outlines and markers must still show), picks the ``kursk_marino``
sample in the load panel and clicks *Open sample*, then switches the interface
to Arabic with the header toggle. Screenshots go to ``build/``.
"""

from __future__ import annotations

import json
import os
import sys

import pytest
from browser_support import MARKS, ROOT, chromium_page, free_port, screenshot, server, wait_for

pytestmark = MARKS

NOTEBOOK = ROOT / "notebooks" / "00_app.ipynb"


@pytest.fixture(scope="module")
def voila(tmp_path_factory, gazetteer):  # the gazetteer fixture builds it before the kernel needs it
    root = tmp_path_factory.mktemp("voila")
    port = free_port()
    env = {**os.environ, "WORKBENCH_DB": str(root / "findings.sqlite")}
    env.setdefault("WORKBENCH_CACHE_DIR", str(ROOT / ".cache"))
    cmd = [sys.executable, "-m", "voila", str(NOTEBOOK), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--strip_sources=True"]
    url = f"http://127.0.0.1:{port}"
    with server(cmd, cwd=ROOT, env=env, ready_url=f"{url}/voila/static/",
                log_path=root / "voila.log"):
        yield url, root


def test_voila_app_opens_the_sample_from_its_load_panel(voila, tmp_path) -> None:
    url, root = voila
    n_code = sum(c["cell_type"] == "code" for c in json.loads(NOTEBOOK.read_text())["cells"])
    with chromium_page(tmp_path / "profile") as page:
        page.goto(url)
        wait_for(page, ".wb-app .wb-load-panel select", "voila-app.png", 60_000)
        page.select_option(".wb-app .wb-load-panel select", "kursk_marino")
        page.get_by_role("button", name="Open sample").click()
        wait_for(page, ".wb-app mark.wb-ent", "voila-app.png", 60_000)
        wait_for(page, ".wb-app .leaflet-marker-icon", "voila-app.png", 30_000)
        assert page.locator(".wb-app mark.wb-ent").count() > 5
        assert page.eval_on_selector(".wb-app .wb-article", "e => getComputedStyle(e).direction") == "rtl"
        assert page.locator(".wb-app path.leaflet-interactive").count() > 50  # offline outlines
        # No code: every code cell is output only, and its source is nowhere on the page.
        assert page.locator(".jp-CodeCell .jp-InputArea").count() == 0
        assert page.locator(".jp-CodeCell.jp-mod-noInput").count() == n_code
        assert "Workbench()" not in page.inner_text("body")
        screenshot(page, "voila-app.png")

        page.get_by_role("button", name="العربية").click()  # the interface in Arabic
        page.wait_for_function(
            "() => getComputedStyle(document.querySelector('.wb-app')).direction === 'rtl'",
            timeout=20_000)
        page.get_by_role("button", name="حفظ").wait_for(timeout=20_000)
        assert page.locator(".wb-app .wb-gazetteer-hint code").first.inner_text().startswith(
            "workbench gazetteer import ")
        screenshot(page, "voila-app-ar.png")
    assert (root / "findings.sqlite").exists()  # the app saved into the store it was given
