"""End to end with the real pipeline and gazetteer: the Kursk sample in the app."""

from __future__ import annotations

import ipyleaflet as lf
import pytest

from workbench.ui import Workbench
from workbench.ui.map_view import marker_groups


@pytest.mark.slow
def test_kursk_sample_open_correct_and_reopen(nlp, gazetteer, tmp_path) -> None:
    settings = {"store_path": tmp_path / "findings.sqlite", "tiles": False, "nlp": nlp,
                "gazetteer": gazetteer, "analyst": "e2e"}
    app = Workbench.open("sample:kursk_marino", **settings)
    snap = app.state
    assert snap is not None, app.last_message
    assert len(snap.live_entities) >= 10 and 'dir="rtl"' in app.article_view.text.value
    groups = marker_groups(snap.live_places)
    assert app.map_view.marker_count == len(groups) > 0
    circles = [x for x in app.map_view.places_layer.layers if isinstance(x, lf.Circle)]
    assert len(circles) == sum(1 for g in groups if g[0].is_area)
    marino = [p for p in snap.live_places if p.text == "مارينو"]
    assert marino, "the sample mentions Marino"
    for p in marino:
        assert app.pin_place(p.id, 51.63, 34.95, "Marino"), app.last_message
    fid = app.add_finding("checked on imagery", tags=["kursk"], place=marino[0].id)
    again = Workbench.open("sample:kursk_marino", **settings)
    assert again.state == app.state
    assert {f.id for f in again.state.findings} == {fid}
    assert all(again.state.place(p.id).status == "pinned" for p in marino)
