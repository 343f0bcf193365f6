"""Resolved places as a GeoDataFrame (EPSG:4326), one row per mention.

geopandas is imported lazily so that ``import workbench.geo`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workbench.geo.model import ResolvedPlace

if TYPE_CHECKING:
    import geopandas

__all__ = ["PLACE_COLUMNS", "places_to_geodataframe"]

# Columns of the ``places`` JSON contract (ResolvedPlace.to_dict) kept as plain columns.
PLACE_COLUMNS: tuple[str, ...] = (
    "start", "end", "text", "name", "latitude", "longitude", "geonameid", "country_code",
    "feature", "confidence", "candidates", "resolved", "precision", "uncertainty_km", "reason",
)  # fmt: skip


def places_to_geodataframe(places: Sequence[ResolvedPlace]) -> geopandas.GeoDataFrame:
    """One row per place with the JSON-contract columns and a Point geometry.

    Parameters
    ----------
    places
        Results of :func:`workbench.geo.resolve.resolve_places`.

    Returns
    -------
    geopandas.GeoDataFrame
        CRS EPSG:4326. Unresolved places are kept with an empty geometry (``None``) so
        that the table lists every mention. ``candidates`` holds lists of plain dicts.

    Raises
    ------
    ImportError
        geopandas is not installed (``pip install geopandas``).
    """
    try:
        import geopandas
        from shapely.geometry import Point
    except ImportError as exc:  # pragma: no cover - geopandas is a runtime dependency
        raise ImportError(
            "places_to_geodataframe needs geopandas and shapely: pip install geopandas"
        ) from exc
    rows: list[dict[str, Any]] = []
    geoms: list[Any] = []
    for p in places:
        d = p.to_dict()
        rows.append({c: d.get(c) for c in PLACE_COLUMNS})
        lat, lon = d.get("latitude"), d.get("longitude")
        geoms.append(Point(lon, lat) if lat is not None and lon is not None else None)
    gdf = geopandas.GeoDataFrame(rows, columns=list(PLACE_COLUMNS), geometry=geoms, crs="EPSG:4326")
    return gdf
