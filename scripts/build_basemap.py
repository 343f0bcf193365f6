"""Build the compact offline basemap committed in data/basemap/.

Source: Natural Earth 1:110m admin-0 countries (public domain), as copied in
../shared/data/geo/ne-110m-admin0/. Output: data/basemap/countries_110m.json, a list of
{"iso_a2", "name_en", "name_ar", "rings": [[[lon, lat], ...], ...]} with coordinates
simplified (0.05°) and rounded to 2 decimals, used to draw the SVG map offline.

Usage: python scripts/build_basemap.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    import geopandas as gpd

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    src = args.shared / "data" / "geo" / "ne-110m-admin0" / "ne_110m_admin_0_countries.geojson"
    gdf = gpd.read_file(src)
    out = []
    for _, row in gdf.iterrows():
        geom = row.geometry.simplify(0.05, preserve_topology=True)
        polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        rings = [
            [[round(x, 2), round(y, 2)] for x, y in poly.exterior.coords]
            for poly in polys
            if not poly.is_empty
        ]
        iso = row["ISO_A2"] if row["ISO_A2"] != "-99" else row["ISO_A3_EH"][:2]
        out.append({"iso_a2": iso, "name_en": row["NAME_EN"], "name_ar": row["NAME_AR"], "rings": rings})
    dest = ROOT / "data" / "basemap" / "countries_110m.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(out)} countries, {dest.stat().st_size:,} bytes to {dest.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
