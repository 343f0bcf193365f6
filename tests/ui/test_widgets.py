"""Each view on its own, driven like a user would (set traits, click), no browser."""

from __future__ import annotations

import re

import ipyleaflet as lf
import pytest

from workbench.errors import ArticleError
from workbench.ui.article_view import ArticleView
from workbench.ui.backend import MemoryBackend
from workbench.ui.controller import Controller, Selection
from workbench.ui.entity_table import EntityTable, entity_rows
from workbench.ui.findings_panel import FindingsPanel
from workbench.ui.load_panel import article_from_request, uploaded_file
from workbench.ui.map_view import MapView, countries_geojson, fit_view, popup_html


@pytest.fixture
def snap(analysis):
    c = Controller(MemoryBackend(), analyst="t")
    return c.open(analysis)


def test_article_view_is_rtl_highlighted_and_escaped(snap) -> None:
    view = ArticleView()
    view.show(snap)
    html = view.text.value
    assert 'dir="rtl"' in html
    assert len(re.findall(r'<mark class="wb-ent', html)) == len(snap.live_entities)
    assert "&lt;b&gt;إن&lt;/b&gt;" in html and "<b>إن" not in html
    assert "wb-legend" in html


def test_clicking_an_entity_in_the_text_picks_it(snap) -> None:
    view = ArticleView()
    picked = []
    view.on_pick(picked.append)
    view.show(snap)
    view.click_entity(1)
    assert picked == [view.entity_order[1]]
    assert snap.entity(picked[0]).text == "موسكو"
    view.selector.value = view.entity_order[0]  # the keyboard-friendly selector
    assert picked[-1] == view.entity_order[0]


def test_selected_mentions_are_emphasised(snap) -> None:
    view = ArticleView()
    ids = [p.id for p in snap.live_places if p.text == "موسكو"]
    view.show(snap, ids, selected=ids[0])
    for i, eid in enumerate(view.entity_order):
        assert (f'mark.wb-ent[data-ent="{i}"]' in view.text.value) == (eid in ids)
    assert view.selector.value == ids[0]


def test_entity_table_groups_filters_and_sorts(snap) -> None:
    rows = entity_rows(snap)
    assert [r.first for r in rows] == sorted(r.first for r in rows)
    moscow = next(r for r in rows if r.text == "موسكو")
    assert moscow.count == 2 and moscow.place.startswith("Moscow, RU")
    assert next(r for r in rows if r.text == "مارينو").place == "unresolved — pin it"
    assert {r.label for r in entity_rows(snap, label="LOC")} == {"LOC"}
    assert entity_rows(snap, sort="count")[0].text == "موسكو"
    table = EntityTable()
    picked = []
    table.on_pick(picked.append)
    table.show(snap)
    table.filter.value = "PER"
    assert [r.label for r in table.rows] == ["PER", "PER"]
    table.click_row(1)
    assert snap.entity(picked[0]).text == "بوتين"


def test_map_offline_has_outlines_markers_and_a_circle_for_regions(snap) -> None:
    view = MapView(tiles=False)
    view.show(snap)
    assert not any(isinstance(layer, lf.TileLayer) for layer in view.map.layers)
    assert view.outline in view.map.layers and len(countries_geojson()["features"]) > 100
    kinds = sorted(type(layer).__name__ for layer in view.places_layer.layers)
    assert kinds == ["Circle", "Marker"]  # Moscow (two mentions, one marker), Kursk Oblast
    kursk = next(p for p in snap.live_places if p.text == "كورسك")
    assert view.markers[kursk.id].radius == 120_000
    assert view.unresolved.options[1][1] == next(p.id for p in snap.live_places if p.text == "مارينو")
    assert view.marker_count == 2


def test_map_with_tiles_and_fitted_view(snap) -> None:
    view = MapView(tiles=True)
    view.show(snap)
    assert any(isinstance(layer, lf.TileLayer) for layer in view.map.layers)
    (lat, lon), zoom = fit_view(snap.live_places)
    assert 50 < lat < 57 and 35 < lon < 39 and zoom >= 4
    assert tuple(view.map.center) == (lat, lon)


def test_marker_click_and_pin_mode(snap) -> None:
    view = MapView(tiles=False)
    picked, pins = [], []
    view.on_pick(picked.append)
    view.on_pin(lambda lat, lon, name: pins.append((lat, lon, name)))
    view.show(snap)
    moscow = next(p for p in snap.live_places if p.text == "موسكو")
    view.click_marker(moscow.id)
    assert picked == [moscow.id]
    view.click_map(51.0, 35.0)
    assert pins == []  # not in pin mode: a click on the map is just a click
    view.pin_name.value = "Marino"
    view.pin_mode.value = True
    view.click_map(51.0, 35.0)
    assert pins == [(51.0, 35.0, "Marino")] and not view.pin_mode.value


def test_popup_is_escaped(snap) -> None:
    from dataclasses import replace

    p = replace(snap.live_places[0], reason='<img src=x onerror="alert(1)">')
    html = popup_html([p])
    assert "<img" not in html and "&lt;img" in html and "Moscow" in html


@pytest.mark.parametrize(("kind", "payload", "code"), [
    ("text", "   \n", "W104"),
    ("url", "ftp://example.org/a", "W114"),
    ("sample", "no_such_sample", "W109"),
    ("file", ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200)), "W105"),
    ("file", ("empty.txt", b""), "W104"),
])
def test_bad_input_raises_an_article_error(kind, payload, code) -> None:
    with pytest.raises(ArticleError) as info:
        article_from_request(kind, payload)
    assert info.value.code == code


def test_uploaded_file_keeps_its_name_and_text() -> None:
    value = ({"name": "خبر.txt", "type": "text/plain", "size": 10,
              "content": memoryview("قال بوتين في موسكو".encode("cp1256"))},)
    name, content = uploaded_file(value)
    article = article_from_request("file", (name, content))
    assert article.source == "خبر.txt" and article.text == "قال بوتين في موسكو"


def test_findings_form_knows_unsaved_edits(analysis) -> None:
    c = Controller(MemoryBackend(), analyst="t")
    c.open(analysis)
    fid = c.add_finding(note="n", target=Selection("span", None, 0, 3))
    panel = FindingsPanel()
    actions = []
    panel.on_action(lambda a, d: actions.append((a, d)))
    panel.show(c.snapshot, "x")
    panel.existing.value = fid
    assert actions[-1] == ("pick", {"id": fid})
    panel.load(c.snapshot.findings[0])
    assert not panel.dirty
    panel.note.value = "changed"
    assert panel.dirty
    panel.update.click()
    assert actions[-1][0] == "update" and actions[-1][1]["note"] == "changed"
