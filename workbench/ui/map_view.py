"""The map (ipyleaflet): a marker per resolved place, circles for vague ones, pins.

- One marker per distinct resolved location; its popup gives the Arabic mention,
  the gazetteer name, country, feature, confidence and reason (all escaped).
- A place known only to region/country precision is a :class:`~ipyleaflet.Circle`
  of its ``uncertainty_km``, not a pin.
- Unresolved places are listed beside the map with an invitation to pin them:
  turn on *pin mode*, click the map, and the place gets those coordinates.
- Places known only to region/country level are listed too, with the command
  that imports the GeoNames file of their country
  (``workbench gazetteer import RU.zip``) and the same invitation to pin them.
- The view fits the article's places, and pans/zooms to the selected place.
  Tiles (OpenStreetMap) are optional; the country outlines from
  ``data/basemap/countries_110m.json`` are always drawn, so without a network the
  map still shows where things are.
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
from workbench.ui.i18n import DEFAULT_LANGUAGE, t

__all__ = [
    "VAGUE_PRECISIONS",
    "MapView",
    "countries_geojson",
    "country_name",
    "fit_view",
    "focus_view",
    "gazetteer_import_command",
    "is_vague",
    "marker_groups",
    "popup_html",
]

VAGUE_PRECISIONS = ("region", "country")
"""Precisions at which only a container of the place is known."""
POINT_ZOOM = 9
"""Zoom at least this far in on a selected point (a town is then clearly placed)."""

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


@lru_cache(maxsize=1)
def _country_names() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for f in countries_geojson()["features"]:
        props = f["properties"]
        if props.get("iso_a2"):
            out[str(props["iso_a2"]).upper()] = {"en": str(props.get("name_en") or ""),
                                                 "ar": str(props.get("name_ar") or "")}
    return out


def country_name(code: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The country's name in ``lang`` (from the offline outlines), else its code."""
    if not code:
        return ""
    names = _country_names().get(code.upper(), {})
    return names.get(lang) or names.get("en") or code.upper()


def is_vague(place: PlaceItem) -> bool:
    """Resolved, but only to its region or country (the gazetteer lacks the place itself)."""
    return place.resolved and place.precision in VAGUE_PRECISIONS


def gazetteer_import_command(country_codes: Iterable[str | None]) -> str:
    """The command that imports the GeoNames files of these countries.

    >>> gazetteer_import_command(["ru", "UA", "RU"])
    'workbench gazetteer import RU.zip UA.zip'
    >>> gazetteer_import_command([None])
    'workbench gazetteer import XX.zip'
    """
    codes = list(dict.fromkeys(c.upper() for c in country_codes if c)) or ["XX"]
    return "workbench gazetteer import " + " ".join(f"{c}.zip" for c in codes)


def _status_word(status: str, lang: str) -> str:
    try:
        return t(f"place.{status}", lang)
    except KeyError:
        return status


def popup_html(group: Sequence[PlaceItem], lang: str = DEFAULT_LANGUAGE) -> str:
    """Popup markup for a marker (every value escaped)."""
    p = group[0]
    mentions = sorted({q.text for q in group})
    level = t(f"level.{p.precision}", lang) if p.precision in VAGUE_PRECISIONS else (p.precision or "")
    rows = [
        ("mention", "، ".join(mentions) + (f" (×{len(group)})" if len(group) > 1 else "")),
        ("name", p.name or ""),
        ("name_ar", p.name_ar),
        ("country", p.country_code or ""),
        ("feature", " / ".join(x for x in (p.feature or "", p.kind) if x)),
        ("precision", level + (f" ±{p.uncertainty_km:.0f} km" if p.is_area else "")),
        ("confidence", f"{p.confidence:.2f}"),
        ("status", _status_word(p.status, lang)),
        ("reason", p.reason),
    ]
    body = "".join(
        f'<tr><th>{escape_html(t("popup." + k, lang))}</th><td dir="auto">{escape_html(v)}</td></tr>'
        for k, v in rows if v
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


def focus_view(place: PlaceItem, current_zoom: int = 2, *, width_px: int = 600,
               height_px: int = 420) -> tuple[tuple[float, float], int]:
    """Center and zoom that show one selected place.

    A point is centred at no less than :data:`POINT_ZOOM` (a closer current
    zoom is kept); a region/country circle is fitted whole.
    """
    if not place.resolved:
        raise ValueError(f"place {place.id} has no coordinates")
    if place.is_area:
        return fit_view([place], width_px=width_px, height_px=height_px)
    center = (float(place.latitude), float(place.longitude))  # type: ignore[arg-type]
    return center, max(POINT_ZOOM, min(int(current_zoom), 14))


class MapView(widgets.VBox):
    """An ipyleaflet map and, under it, the unresolved and vague places and pin controls.

    Parameters
    ----------
    tiles
        Show OpenStreetMap tiles (needs a network); the outline layer shows either way.
    lang
        Interface language.
    """

    def __init__(self, *, tiles: bool = True, lang: str = DEFAULT_LANGUAGE) -> None:
        self.tiles = tiles
        self.lang = lang
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
        self.unresolved_title = widgets.HTML()
        self.unresolved = widgets.Select(options=[], rows=4, layout=widgets.Layout(width="100%"))
        self.vague_title = widgets.HTML()
        self.vague = widgets.Select(options=[], rows=3, layout=widgets.Layout(width="100%"))
        self.pin_mode = widgets.ToggleButton(value=False, icon="map-pin",
                                             layout=widgets.Layout(width="auto", flex="0 0 auto"))
        self.pin_name = widgets.Text(layout=widgets.Layout(width="100%"))
        self.hint = widgets.HTML()
        self.gazetteer_hint = widgets.HTML()
        self.gazetteer_hint.add_class("wb-gazetteer-hint")
        self.vague_box = widgets.VBox([self.vague_title, self.vague],
                                      layout=widgets.Layout(width="100%"))
        side = widgets.VBox(
            [self.unresolved_title, self.unresolved, self.hint, self.vague_box,
             self.gazetteer_hint, widgets.HBox([self.pin_name, self.pin_mode])],
            layout=widgets.Layout(width="100%"),
        )
        self.markers: dict[str, lf.Layer] = {}  # place id -> its marker or circle
        self._groups: list[list[PlaceItem]] = []
        self._place_cbs: list[Callable[[str], None]] = []
        self._pin_cbs: list[Callable[[float, float, str], None]] = []
        self._quiet = False
        self._shown: tuple[PlaceItem, ...] | None = None
        self._focused: PlaceItem | None = None
        self._last: tuple[Snapshot | None, frozenset[str], PlaceItem | None] = (None, frozenset(), None)
        self.map.on_interaction(self._on_interaction)
        self.unresolved.observe(self._on_list_pick, names="value")
        self.vague.observe(self._on_list_pick, names="value")
        super().__init__([self.map, side], layout=widgets.Layout(width="100%"))
        self.set_language(lang)

    # -- callbacks ----------------------------------------------------------------------
    def on_pick(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(place_id)`` when a marker or a listed place is chosen."""
        self._place_cbs.append(callback)

    def on_pin(self, callback: Callable[[float, float, str], None]) -> None:
        """Call ``callback(lat, lon, name)`` when the map is clicked in pin mode."""
        self._pin_cbs.append(callback)

    def set_language(self, lang: str) -> None:
        """Relabel the side panel and the popups in ``lang``."""
        self.lang = lang
        self.unresolved_title.value = f"<b>{escape_html(t('map.unresolved_title', lang))}</b>"
        self.vague_title.value = f"<b>{escape_html(t('map.vague_title', lang))}</b>"
        self.pin_mode.description = t("map.pin_mode", lang)
        self.pin_mode.tooltip = t("map.pin_tooltip", lang)
        self.pin_name.placeholder = t("map.pin_name_placeholder", lang)
        self._shown = None  # popups are redrawn in the new language
        snapshot, highlighted, selected = self._last
        self.show(snapshot, highlighted, selected, refocus=False)

    # -- drawing ------------------------------------------------------------------------
    def show(self, snapshot: Snapshot | None, highlighted: Iterable[str] = (),
             selected: PlaceItem | None = None, *, refocus: bool = True) -> None:
        """Draw ``snapshot``'s places; emphasise ``highlighted`` place ids.

        The map pans and zooms to ``selected`` when it is newly selected or was
        redrawn (pinned, another candidate chosen); otherwise it fits every place.
        """
        highlighted = frozenset(highlighted)
        self._last = (snapshot, highlighted, selected)
        places = tuple(snapshot.live_places) if snapshot else ()
        redrawn = places != self._shown
        if redrawn:
            # A language switch redraws the popups only: the view stays where the analyst put it.
            self._draw_places(places, fit=refocus and not (selected and selected.resolved))
        self._draw_selection(places, set(highlighted))
        if refocus:
            self._focus(selected, redrawn)
        lang = self.lang
        unresolved = [(f"{p.text} · @{p.start}", p.id) for p in places if not p.resolved]
        vague = [p for p in places if is_vague(p)]
        vague_opts = [(f"{p.text} → {p.name} · {t('level.' + str(p.precision), lang)} · @{p.start}",
                       p.id) for p in vague]
        self._quiet = True
        try:
            for select, found in ((self.unresolved, unresolved), (self.vague, vague_opts)):
                opts = [("—", ""), *found] if found else []
                if list(select.options) != opts:
                    select.options = opts
                ids = {v for _, v in opts}
                select.value = selected.id if selected and selected.id in ids else (
                    "" if opts else None)
        finally:
            self._quiet = False
        self.vague_box.layout.display = "flex" if vague else "none"
        self.unresolved.layout.display = "" if unresolved else "none"  # no empty list box
        self.hint.value = self._hint(selected, len(unresolved))
        self.gazetteer_hint.value = self._gazetteer_hint(selected, vague)

    def _hint(self, selected: PlaceItem | None, n_unresolved: int) -> str:
        lang = self.lang
        if selected is not None:
            state = t("map.state_resolved" if selected.resolved else "map.state_unresolved", lang)
            text = t("map.selected", lang, text=escape_html(selected.text), state=escape_html(state))
        elif n_unresolved:
            text = escape_html(t("map.n_unresolved", lang, n=n_unresolved))
        else:
            text = escape_html(t("map.all_located", lang))
        return f'<div dir="auto">{text}</div>'

    def _gazetteer_hint(self, selected: PlaceItem | None, vague: list[PlaceItem]) -> str:
        """The invitation to import GeoNames for vague places, or to pin them."""
        lang = self.lang
        if selected is not None and is_vague(selected):
            name = selected.name or ""
            if selected.uncertainty_km:
                name += f" ({t('map.radius', lang, km=f'{selected.uncertainty_km:.0f}')})"
            level = t(f"level.{selected.precision}", lang)
            head = t("map.vague_selected", lang, level=escape_html(level),
                     text=escape_html(selected.text), name=escape_html(name))
            codes = [selected.country_code]
        elif selected is None and vague:
            head = escape_html(t("map.n_vague", lang, n=len(vague)))
            codes = [p.country_code for p in vague]
        else:
            return ""
        known = [c for c in codes if c]
        command = escape_html(gazetteer_import_command(known))
        if known:
            sep = "، " if lang == "ar" else ", "
            country = sep.join(dict.fromkeys(country_name(c, lang) for c in known))
            invite = t("map.import_hint", lang, country=escape_html(country), command=command)
        else:
            invite = t("map.import_hint_unknown", lang, command=command)
        return (f'<div class="wb-vague" dir="auto" style="background:#fffbeb;border:1px solid '
                f'#f59e0b;border-radius:6px;padding:.3em .6em;margin:.3em 0">{head}<br>{invite}</div>')

    def _focus(self, selected: PlaceItem | None, redrawn: bool) -> None:
        if selected is None or not selected.resolved:
            self._focused = None
            return
        if not redrawn and self._focused == selected:
            return
        self._focused = selected
        center, zoom = focus_view(selected, int(self.map.zoom))
        self.map.center, self.map.zoom = center, zoom

    def _draw_places(self, places: tuple[PlaceItem, ...], *, fit: bool = True) -> None:
        self._shown = places
        self._groups = marker_groups(places)
        self.markers = {}
        layers: list[lf.Layer] = []
        for group in self._groups:
            p = group[0]
            loc = (float(p.latitude), float(p.longitude))  # type: ignore[arg-type]
            popup = widgets.HTML(popup_html(group, self.lang))
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
        if fit:
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

    def _on_list_pick(self, change: dict[str, object]) -> None:
        if not self._quiet and change["new"]:
            for cb in self._place_cbs:
                cb(str(change["new"]))
