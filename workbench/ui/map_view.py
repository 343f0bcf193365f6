"""The map (ipyleaflet): a marker per resolved place, circles for vague ones, pins.

- One marker per distinct resolved location; its popup gives the Arabic mention,
  the gazetteer name, country, feature, confidence and reason (all escaped).
- A place known only to region/country precision is a :class:`~ipyleaflet.Circle`
  of its ``uncertainty_km``, not a pin.
- Unresolved places are listed beside the map with an invitation to pin them:
  turn on *pin mode*, click the map, and the place gets those coordinates.
- The view fits the article's places. Tiles (OpenStreetMap) are optional; the
  country outlines from ``data/basemap/countries_110m.json`` are always drawn, so
  without a network the map still shows where things are.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

import ipyleaflet as lf
import ipywidgets as widgets

from workbench.paths import data_dir
from workbench.report.escape import escape_html
from workbench.ui.controller import PlaceItem, Snapshot

__all__ = ["MapView", "countries_geojson", "fit_view", "marker_groups", "popup_html"]

_SELECTED = {"color": "#dc2626", "weight": 4}


@lru_cache(maxsize=1)
def countries_geojson() -> dict[str, Any]:
    """Country outlines as a GeoJSON FeatureCollection (empty when the file is missing)."""
    path = data_dir() / "basemap" / "countries_110m.json"
    if not path.exists():
        return {"type": "FeatureCollection", "features": []}
    features = []
    for c in json.loads(path.read_text(encoding="utf-8")):
        rings = [ring for ring in c.get("rings", []) if len(ring) >= 4]
        if not rings:
            continue
        features.append({
            "type": "Feature",
            "properties": {"iso_a2": c.get("iso_a2"), "name_en": c.get("name_en"),
                           "name_ar": c.get("name_ar")},
            "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rings]},
        })
    return {"type": "FeatureCollection", "features": features}


def marker_groups(places: Iterable[PlaceItem]) -> list[list[PlaceItem]]:
    """Resolved places grouped by location (one marker or circle per group), in text order."""
    groups: dict[tuple[Any, ...], list[PlaceItem]] = {}
    for p in places:
        if p.resolved:
            groups.setdefault(p.location_key, []).append(p)
    return list(groups.values())


def popup_html(group: Sequence[PlaceItem]) -> str:
    """Popup markup for a marker (every value escaped)."""
    p = group[0]
    mentions = sorted({q.text for q in group})
    rows = [
        ("mention", "، ".join(mentions) + (f" (×{len(group)})" if len(group) > 1 else "")),
        ("gazetteer name", p.name or ""),
        ("Arabic name", p.name_ar),
        ("country", p.country_code or ""),
        ("feature", " / ".join(x for x in (p.feature or "", p.kind) if x)),
        ("precision", (p.precision or "") + (f" ±{p.uncertainty_km:.0f} km" if p.is_area else "")),
        ("confidence", f"{p.confidence:.2f}"),
        ("status", p.status),
        ("reason", p.reason),
    ]
    body = "".join(
        f'<tr><th>{escape_html(k)}</th><td dir="auto">{escape_html(v)}</td></tr>' for k, v in rows if v
    )
    return f'<table class="wb-popup" style="font-size:12px">{body}</table>'


def fit_view(places: Iterable[PlaceItem], *, width_px: int = 600,
             height_px: int = 420) -> tuple[tuple[float, float], int]:
    """Center and zoom that show every resolved place (and the circles around vague ones)."""
    lats: list[float] = []
    lons: list[float] = []
    for p in places:
        if not p.resolved:
            continue
        lat, lon = float(p.latitude), float(p.longitude)  # type: ignore[arg-type]
        r = (p.uncertainty_km or 0) / 111.32 if p.is_area else 0.0
        lats += [lat - r, lat + r]
        lons += [lon - r, lon + r]
    if not lats:
        return (25.0, 30.0), 2
    s, n, w, e = min(lats), max(lats), min(lons), max(lons)
    span_lat = max(n - s, 0.05) * 1.3
    span_lon = max(e - w, 0.05) * 1.3
    # Web Mercator: 256 px show 360° of longitude at zoom 0.
    z_lon = math.log2(width_px * 360 / (256 * span_lon))
    z_lat = math.log2(height_px * 170 / (256 * span_lat))
    zoom = int(max(1, min(12, math.floor(min(z_lon, z_lat)))))
    return ((s + n) / 2, (w + e) / 2), zoom


class MapView(widgets.VBox):
    """An ipyleaflet map and, under it, the unresolved places and pin controls.

    Parameters
    ----------
    tiles
        Show OpenStreetMap tiles (needs a network); the outline layer shows either way.
    """

    def __init__(self, *, tiles: bool = True) -> None:
        self.tiles = tiles
        outline_style = {"color": "#64748b", "weight": 1, "fillColor": "#f8fafc",
                         "fillOpacity": 0.0 if tiles else 0.9}
        self.outline = lf.GeoJSON(data=countries_geojson(), style=outline_style, name="countries")
        self.places_layer = lf.LayerGroup(name="places")
        self.selection_layer = lf.LayerGroup(name="selection")
        layers: list[lf.Layer] = []
        if tiles:
            layers.append(lf.basemap_to_tiles(lf.basemaps.OpenStreetMap.Mapnik))
        layers += [self.outline, self.places_layer, self.selection_layer]
        self.map = lf.Map(layers=tuple(layers), center=(25.0, 30.0), zoom=2, scroll_wheel_zoom=True,
                         layout=widgets.Layout(height="420px", width="100%"))
        self.map.add(lf.ScaleControl(position="bottomleft"))
        self.unresolved = widgets.Select(options=[], rows=4, layout=widgets.Layout(width="100%"))
        self.pin_mode = widgets.ToggleButton(
            value=False, description="Pin on map", icon="map-pin",
            tooltip="Turn on, then click the map where the selected place is",
        )
        self.pin_name = widgets.Text(placeholder="name of the pinned place",
                                     layout=widgets.Layout(width="100%"))
        self.hint = widgets.HTML()
        side = widgets.VBox(
            [widgets.HTML("<b>Unresolved places</b>"), self.unresolved, self.hint,
             widgets.HBox([self.pin_name, self.pin_mode])],
            layout=widgets.Layout(width="100%"),
        )
        self.markers: dict[str, lf.Layer] = {}  # place id -> its marker or circle
        self._groups: list[list[PlaceItem]] = []
        self._place_cbs: list[Callable[[str], None]] = []
        self._pin_cbs: list[Callable[[float, float, str], None]] = []
        self._quiet = False
        self._shown: tuple[PlaceItem, ...] | None = None
        self.map.on_interaction(self._on_interaction)
        self.unresolved.observe(self._on_unresolved, names="value")
        super().__init__([self.map, side], layout=widgets.Layout(width="100%"))

    # -- callbacks ----------------------------------------------------------------------
    def on_pick(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(place_id)`` when a marker or an unresolved place is chosen."""
        self._place_cbs.append(callback)

    def on_pin(self, callback: Callable[[float, float, str], None]) -> None:
        """Call ``callback(lat, lon, name)`` when the map is clicked in pin mode."""
        self._pin_cbs.append(callback)

    # -- drawing ------------------------------------------------------------------------
    def show(self, snapshot: Snapshot | None, highlighted: Iterable[str] = (),
             selected: PlaceItem | None = None) -> None:
        """Draw ``snapshot``'s places; emphasise ``highlighted`` place ids."""
        places = tuple(snapshot.live_places) if snapshot else ()
        if places != self._shown:
            self._draw_places(places)
        self._draw_selection(places, set(highlighted))
        unresolved = [(f"{p.text} · @{p.start}", p.id) for p in places if not p.resolved]
        self._quiet = True
        try:
            opts = [("—", ""), *unresolved] if unresolved else []
            if list(self.unresolved.options) != opts:
                self.unresolved.options = opts
            ids = {v for _, v in opts}
            self.unresolved.value = selected.id if selected and selected.id in ids else (
                "" if opts else None)
        finally:
            self._quiet = False
        if selected is not None:
            state = "resolved" if selected.resolved else "not on the map yet"
            self.hint.value = (
                f'<div dir="auto">selected: <b>{escape_html(selected.text)}</b> ({state}). '
                "Turn on <i>Pin on map</i> and click where it is.</div>"
            )
        else:
            n = len(unresolved)
            self.hint.value = (
                f"<div>{n} place(s) could not be located: choose one, then pin it on the map.</div>"
                if n else "<div>Every place is on the map. Select one to correct it.</div>"
            )

    def _draw_places(self, places: tuple[PlaceItem, ...]) -> None:
        self._shown = places
        self._groups = marker_groups(places)
        self.markers = {}
        layers: list[lf.Layer] = []
        for group in self._groups:
            p = group[0]
            loc = (float(p.latitude), float(p.longitude))  # type: ignore[arg-type]
            popup = widgets.HTML(popup_html(group))
            if p.is_area:
                layer: lf.Layer = lf.Circle(
                    location=loc, radius=int(float(p.uncertainty_km or 0) * 1000), color="#b45309",
                    fill_color="#f59e0b", fill_opacity=0.15, weight=2, popup=popup,
                    name=f"area {p.text}",
                )
            else:
                layer = lf.Marker(location=loc, draggable=False, title=p.text, popup=popup,
                                 name=f"place {p.text}")
            layer.on_click(self._click_handler(p.id))
            layers.append(layer)
            for q in group:
                self.markers[q.id] = layer
        self.places_layer.layers = tuple(layers)
        center, zoom = fit_view(places)
        self.map.center, self.map.zoom = center, zoom

    def _draw_selection(self, places: tuple[PlaceItem, ...], ids: set[str]) -> None:
        rings: list[lf.Layer] = []
        done: set[tuple[Any, ...]] = set()
        for p in places:
            if p.id in ids and p.resolved and p.location_key not in done:
                done.add(p.location_key)
                rings.append(lf.CircleMarker(
                    location=(float(p.latitude), float(p.longitude)),  # type: ignore[arg-type]
                    radius=18, fill_opacity=0.0, **_SELECTED,
                ))
        self.selection_layer.layers = tuple(rings)

    @property
    def marker_count(self) -> int:
        """Number of markers and circles on the map (one per resolved location)."""
        return len(self.places_layer.layers)

    # -- events -------------------------------------------------------------------------
    def _click_handler(self, place_id: str) -> Callable[..., None]:
        def handler(**_: Any) -> None:
            for cb in self._place_cbs:
                cb(place_id)

        return handler

    def click_marker(self, place_id: str) -> None:
        """Imitate a click on the marker of ``place_id`` (tests, scripts)."""
        layer = self.markers[place_id]
        layer._handle_mouse_events(None, {"type": "click", "coordinates": list(layer.location)}, None)

    def click_map(self, latitude: float, longitude: float) -> None:
        """Imitate a click on the map at ``(latitude, longitude)``."""
        self.map._handle_leaflet_event(
            None, {"event": "interaction", "type": "click", "coordinates": [latitude, longitude]},
            None,
        )

    def _on_interaction(self, **event: Any) -> None:
        if event.get("type") != "click" or not self.pin_mode.value:
            return
        lat, lon = (float(x) for x in event.get("coordinates", (None, None)))
        name = self.pin_name.value.strip()
        self.pin_mode.value = False
        for cb in self._pin_cbs:
            cb(lat, lon, name)

    def _on_unresolved(self, change: dict[str, object]) -> None:
        if not self._quiet and change["new"]:
            for cb in self._place_cbs:
                cb(str(change["new"]))
