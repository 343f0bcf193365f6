"""Every notebook under notebooks/ runs top to bottom without error."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path: Path, gazetteer) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"
    ]
    assert not errors
    shown = [
        o["data"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "data" in o
    ]
    views = [d for d in shown if "text/html" in d or "application/vnd.jupyter.widget-view+json" in d]
    assert views, "the notebook shows the article (HTML) or the app (a widget view)"
