"""An offline map as inline SVG: Natural Earth country outlines plus place markers.

No tiles, no script, no network: it renders in any browser, in print and in a
notebook. Places resolved only to a container (``precision`` region/country)
are drawn as a dashed circle of their uncertainty radius, never as a pin.
Markers carry the ``data-place`` key shared with the text and the places table
(see :func:`workbench.report.views.map_points`) and the number shown in the table.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from workbench.paths import data_dir
from workbench.report.escape import escape_html
from workbench.report.views import MapPoint, map_points

__all__ = ["STATUS_COLORS", "marker_caption", "render_svg_map"]

KM_PER_DEG = 111.32
STATUS_COLORS = {
    "auto": "#dc2626", "confirmed": "#15803d", "candidate": "#15803d", "pinned": "#1d4ed8",
}
_MAX_PAD_DEG = 15.0


@lru_cache(maxsize=1)
def _countries() -> list[dict[str, Any]]:
    path = data_dir() / "basemap" / "countries_110m.json"
    if not path.exists():
        return []
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _fit(
    w: float, s: float, e: float, n: float, aspect: float
) -> tuple[float, float, float, float]:
    """Grow the box (not beyond the world) so that its projected width/height is ``aspect``."""
    kx = math.cos(math.radians((s + n) / 2))
    span_x, span_y = (e - w) * kx, n - s
    if span_x / span_y < aspect:
        grow = (span_y * aspect / kx - (e - w)) / 2
        w, e = w - grow, e + grow
        if w < -180.0:
            w, e = -180.0, min(180.0, e + (-180.0 - w))
        if e > 180.0:
            w, e = max(-180.0, w - (e - 180.0)), 180.0
    else:
        grow = (span_x / aspect - span_y) / 2
        s, n = s - grow, n + grow
        if s < -85.0:
            s, n = -85.0, min(85.0, n + (-85.0 - s))
        if n > 85.0:
            s, n = max(-85.0, s - (n - 85.0)), 85.0
    return w, s, e, n


def _extent(points: Sequence[MapPoint]) -> tuple[float, float, float, float]:
    mapped = [p for p in points if p.latitude is not None and p.longitude is not None]
    if not mapped:
        return -180.0, -60.0, 180.0, 85.0
    w = min(p.longitude for p in mapped if p.longitude is not None)
    e = max(p.longitude for p in mapped if p.longitude is not None)
    s = min(p.latitude for p in mapped if p.latitude is not None)
    n = max(p.latitude for p in mapped if p.latitude is not None)
    area = max((min(_MAX_PAD_DEG, (p.radius_km or 0) / KM_PER_DEG) for p in mapped), default=0.0)
    pad = max(4.0, 0.25 * max(e - w, n - s), area * 1.2)
    return max(-180.0, w - pad), max(-85.0, s - pad), min(180.0, e + pad), min(85.0, n + pad)


def marker_caption(point: MapPoint, places: Sequence[Mapping[str, Any]]) -> str:
    """Plain-text caption of a map point: its mentions, gazetteer name, country, precision."""
    first = places[point.members[0]]
    mentions = " · ".join(dict.fromkeys(str(places[i].get("text") or "") for i in point.members))
    name = str(first.get("name") or "")
    cc = str(first.get("country_code") or "")
    caption = f"{point.number}. {mentions} → {name}" + (f" ({cc})" if cc else "")
    if point.approximate:
        caption += f" — approximate, ±{point.radius_km or 0:.0f} km"
    if point.status != "auto":
        caption += f" — {point.status}"
    return caption


def render_svg_map(
    places: Sequence[Mapping[str, Any]],
    *,
    width: int = 480,
    height: int = 320,
    selected: int | None = None,
    points: Sequence[MapPoint] | None = None,
) -> str:
    """SVG markup of the places on country outlines.

    Parameters
    ----------
    places
        Place dicts in the JSON-contract shape (``latitude``, ``longitude``, ``text``,
        ``name``, ``country_code``, ``precision``, ``uncertainty_km``, optional
        ``status``). Unresolved and rejected places are not drawn.
    width, height
        Size of the SVG viewport in pixels (it scales with its container).
    selected
        Index (in ``places``) of a place whose marker is emphasised.
    points
        The grouping of ``places`` from :func:`~workbench.report.views.map_points`
        (computed when omitted).

    Returns
    -------
    str
        An ``<svg class="wb-map">`` element; one ``.wb-marker`` per mapped point.
    """
    if points is None:
        points = map_points(places)[0]
    w, s, e, n = _fit(*_extent(points), aspect=width / height)
    # equirectangular with cos(mid-latitude) so shapes look right at mid latitudes
    kx = math.cos(math.radians((s + n) / 2))
    span_x, span_y = (e - w) * kx, n - s
    scale = min(width / span_x, height / span_y)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - w) * kx * scale, (n - lat) * scale

    parts = [
        f'<svg class="wb-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {span_x * scale:.0f} '
        f'{span_y * scale:.0f}" role="group" aria-label="map of places · خريطة الأماكن">',
        '<rect width="100%" height="100%" fill="#dbeafe"/>',
    ]
    for c in _countries():
        d = []
        for ring in c["rings"]:
            if not any(w - 5 <= x <= e + 5 and s - 5 <= y <= n + 5 for x, y in ring):
                continue
            pts = " ".join(f"{px:.1f},{py:.1f}" for px, py in (xy(x, y) for x, y in ring))
            d.append(f"M{pts}Z")
        if d:
            parts.append(
                f'<path d="{"".join(d)}" fill="#f8fafc" stroke="#94a3b8" stroke-width="0.6">'
                f"<title>{escape_html(c['name_ar'])} · {escape_html(c['name_en'])}</title></path>"
            )
    chosen = None
    if selected is not None and 0 <= selected < len(places):
        chosen = next((p.key for p in points if selected in p.members), None)
    # big areas first so small markers stay clickable on top of them
    for p in sorted((p for p in points if p.mapped), key=lambda p: -(p.radius_km or 0)):
        assert p.latitude is not None and p.longitude is not None
        x, y = xy(p.longitude, p.latitude)
        caption = escape_html(marker_caption(p, places))
        color = STATUS_COLORS.get(p.status, STATUS_COLORS["auto"])
        cls = f"wb-marker wb-st-{p.status}" + (" wb-approx" if p.approximate else "")
        cls += " wb-selected" if p.key == chosen else ""
        head = (
            f'<g class="{cls}" data-place="{p.key}" data-caption="{caption}" tabindex="0" '
            f'role="button" aria-label="{caption}"><title>{caption}</title>'
        )
        if p.approximate:
            r = max(9.0, (p.radius_km or 0) / KM_PER_DEG * scale)
            shape = (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{color}" fill-opacity="0.15" '
                f'stroke="{color}" stroke-width="1.5" stroke-dasharray="5 4"/>'
                # the number sits inside the top of a large area, clear of markers at its centre
                f'<text x="{x:.1f}" y="{y - r + 11 if r > 24 else y:.1f}" fill="{color}">'
                f"{p.number}</text>"
            )
        else:
            shape = (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{color}" stroke="#fff" '
                'stroke-width="1.5"/>'
                f'<text x="{x:.1f}" y="{y:.1f}" fill="#fff">{p.number}</text>'
            )
        parts.append(head + shape + "</g>")
    parts.append("</svg>")
    return "".join(parts)
