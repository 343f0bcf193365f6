"""The map side panel: vague places invite a GeoNames import or a pin; the map follows the selection."""

from __future__ import annotations

import pytest
from ui_fixtures import tiny_analysis

from workbench.ui.controller import PlaceItem
from workbench.ui.map_view import POINT_ZOOM, focus_view, gazetteer_import_command, is_vague


def test_a_region_level_place_invites_to_import_its_country_or_pin_it(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    kursk = app.find_place("كورسك")  # only Kursk Oblast is known (precision region)
    mv = app.map_view
    assert is_vague(kursk) and mv.vague_box.layout.display == "flex"
    assert [v for _, v in mv.vague.options] == ["", kursk.id]
    hint = mv.gazetteer_hint.value
    assert "1 place(s) are known only to region or country level" in hint
    assert "<code>workbench gazetteer import RU.zip</code>" in hint and "Russia" in hint
    mv.vague.value = kursk.id  # the analyst picks it in the side panel
    assert app.controller.selected_place.id == kursk.id
    hint = mv.gazetteer_hint.value
    assert "Only the region of <b>كورسك</b> is known: Kursk Oblast (±120 km)" in hint
    assert "workbench gazetteer import RU.zip" in hint and "pin the place" in hint
    mv.pin_mode.value = True  # or pins it
    mv.click_map(51.7, 36.2)
    assert app.state.place(kursk.id).status == "pinned"
    assert mv.gazetteer_hint.value == "" and mv.vague_box.layout.display == "none"
    mv.unresolved.value = app.find_place("مارينو").id
    mv.pin_mode.value = True
    mv.click_map(51.1, 35.3)
    app.select_place(None)
    assert mv.unresolved.layout.display == "none" and "Every place is on the map" in mv.hint.value


def test_the_invitation_in_arabic_names_the_country_in_arabic(make_app) -> None:
    app = make_app(ui_language="ar")
    app.load(tiny_analysis())
    app.select_place(app.find_place("كورسك").id)
    hint = app.map_view.gazetteer_hint.value
    assert "لا يُعرف من <b>كورسك</b> إلا المنطقة" in hint and "±120 كم" in hint
    assert "روسيا" in hint and "workbench gazetteer import RU.zip" in hint


def test_exact_places_get_no_invitation(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    app.select_place(app.find_place("موسكو").id)
    assert app.map_view.gazetteer_hint.value == ""


def test_the_map_pans_and_zooms_to_the_selected_place(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    m = app.map_view.map
    overview = (tuple(m.center), m.zoom)
    moscow = app.find_place("موسكو")
    app.article_view.selector.value = moscow.id  # picked from the text
    assert tuple(m.center) == (moscow.latitude, moscow.longitude) and m.zoom >= POINT_ZOOM
    kursk = app.find_place("كورسك")
    app.map_view.click_marker(kursk.id)
    assert tuple(m.center) == pytest.approx((kursk.latitude, kursk.longitude))
    assert 5 <= m.zoom < POINT_ZOOM  # the whole ±120 km circle in view
    m.zoom = 4  # the analyst zooms out by hand: a change elsewhere does not undo that
    app.set_label(app.find_entity("بوتين").id, "ORG")
    assert m.zoom == 4
    app.select_span(0, 3)
    app.select_place(kursk.id)  # selecting it again brings it back into view
    assert m.zoom >= 5
    marino = app.find_place("مارينو")
    app.select_place(marino.id)  # unresolved: the map stays where it is
    assert tuple(m.center) == pytest.approx((kursk.latitude, kursk.longitude))
    app.pin_place(marino.id, 51.1, 35.3, "Marino")  # once pinned, the map goes there
    assert tuple(m.center) == (51.1, 35.3) and m.zoom >= POINT_ZOOM
    assert overview != (tuple(m.center), m.zoom)


def test_focus_view_and_import_command() -> None:
    point = PlaceItem("p", 0, 1, "x", latitude=10.0, longitude=20.0, precision="exact")
    assert focus_view(point, 3) == ((10.0, 20.0), POINT_ZOOM)
    assert focus_view(point, 13) == ((10.0, 20.0), 13)  # closer already: kept
    area = PlaceItem("a", 0, 1, "x", latitude=10.0, longitude=20.0, precision="country",
                     uncertainty_km=800.0)
    (center, zoom) = focus_view(area, 12)
    assert center == (10.0, 20.0) and zoom < 6
    with pytest.raises(ValueError):
        focus_view(PlaceItem("u", 0, 1, "x"))
    assert gazetteer_import_command(["ru", None, "UA", "RU"]) == "workbench gazetteer import RU.zip UA.zip"
