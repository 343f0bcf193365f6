"""The notebook-export recipe of docs/reports.md, and why the standalone report replaces it.

``jupyter nbconvert --to html --execute --ExecutePreprocessor.store_widget_state=True``
embeds the widget state, but the page then needs the widget manager from a CDN:
offline, the widgets do not render, and the page runs scripts with no CSP.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("nbconvert")
    pytest.importorskip("ipywidgets")
    folder = tmp_path_factory.mktemp("nbconvert")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import ipywidgets as w\nw.IntSlider(value=7)")]
    nbformat.write(nb, folder / "widgets.ipynb")
    subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "html", "--execute",
         "--ExecutePreprocessor.store_widget_state=True", "widgets.ipynb"],
        cwd=folder, check=True, capture_output=True, timeout=300,
    )
    return folder / "widgets.html"


def test_recipe_embeds_widget_state_but_loads_the_manager_from_a_cdn(exported: Path) -> None:
    page = exported.read_text(encoding="utf-8")
    assert 'type="application/vnd.jupyter.widget-state+json"' in page
    # the widget manager is fetched at view time, from a CDN
    assert re.search(r"https://(unpkg\.com|cdn\.jsdelivr\.net)/@jupyter-widgets/html-manager", page)
    assert "Content-Security-Policy" not in page


@pytest.mark.browser
def test_exported_widgets_do_not_render_offline(exported: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto(exported.as_uri())
    page.wait_for_timeout(500)
    # the output area is there, holding only the (unrendered) view spec
    assert page.locator(".jupyter-widgets").count() == 1
    assert page.locator(".widget-slider").count() == 0
    assert page.inner_text(".jupyter-widgets").strip() == ""
    page.close()
