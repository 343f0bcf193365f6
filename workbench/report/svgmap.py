"""An offline map as inline SVG: Natural Earth country outlines plus place markers.

No tiles, no script, no network: it renders in any browser, in print and in a
notebook. Places resolved only to a container (``precision`` region/country)
are drawn as a translucent circle of their uncertainty radius, never as a pin.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from workbench.paths import data_dir
from workbench.report.escape import escape_html

__all__ = ["render_svg_map"]

KM_PER_DEG = 111.32


@lru_cache(maxsize=1)
def _countries() -> list[dict[str, Any]]:
    path = data_dir() / "basemap" / "countries_110m.json"
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def _extent(places: Sequence[Mapping[str, Any]]) -> tuple[float, float, float, float]:
    pts = [(p["longitude"], p["latitude"]) for p in places if p.get("latitude") is not None]
    if not pts:
        return -180.0, -60.0, 180.0, 85.0
    lons, lats = [x for x, _ in pts], [y for _, y in pts]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    pad = max(4.0, 0.25 * max(e - w, n - s))
    return max(-180.0, w - pad), max(-85.0, s - pad), min(180.0, e + pad), min(85.0, n + pad)


def render_svg_map(
    places: Sequence[Mapping[str, Any]], *, width: int = 720, height: int = 420, selected: int | None = None
) -> str:
    """SVG markup of the places on country outlines.

    Parameters
    ----------
    places
        Place dicts in the JSON-contract shape (``latitude``, ``longitude``, ``text``,
        ``name``, ``country_code``, ``precision``, ``uncertainty_km``...). Unresolved
        places are skipped.
    width, height
        Size of the SVG viewport in pixels (it scales with its container).
    selected
        Index (in ``places``) of a place to emphasise.
    """
    w, s, e, n = _extent(places)
    # equirectangular with cos(mid-latitude) so shapes look right at mid latitudes
    kx = math.cos(math.radians((s + n) / 2))
    span_x, span_y = (e - w) * kx, n - s
    scale = min(width / span_x, height / span_y)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - w) * kx * scale, (n - lat) * scale

    parts = [
        f'<svg class="wb-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {span_x * scale:.0f} '
        f'{span_y * scale:.0f}" role="img" aria-label="map of places">',
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
    for i, p in enumerate(places):
        if p.get("latitude") is None:
            continue
        x, y = xy(p["longitude"], p["latitude"])
        label = f"{p.get('text', '')} → {p.get('name', '')} ({p.get('country_code') or ''})"
        cls = "wb-marker wb-selected" if i == selected else "wb-marker"
        attrs = f'class="{cls}" data-place="{i}"'
        if p.get("precision") in ("region", "country") and p.get("uncertainty_km"):
            r = max(6.0, float(p["uncertainty_km"]) / KM_PER_DEG * scale)
            parts.append(
                f'<circle {attrs} cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#f59e0b" fill-opacity="0.25" '
                f'stroke="#b45309" stroke-dasharray="4 3"><title>{escape_html(label)} — approximate '
                f"(±{float(p['uncertainty_km']):.0f} km)</title></circle>"
            )
        else:
            parts.append(
                f'<circle {attrs} cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#dc2626" stroke="#fff" '
                f'stroke-width="2"><title>{escape_html(label)}</title></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)
