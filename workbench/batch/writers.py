"""Files of a batch run: part files while it runs, the merged outputs at the end.

For an output ``OUT.gpkg`` (GeoPackage) or ``OUT.parquet`` (GeoParquet) of places:

- ``OUT.entities.parquet`` entities, ``OUT.articles.parquet`` articles (with their text);
- ``OUT.errors.jsonl`` the articles of the last run that failed (see
  :class:`~workbench.batch.items.ItemError`);
- ``OUT.manifest.jsonl`` the resume state, ``OUT.parts/`` the part files (a Parquet
  dataset per table, readable by pandas, Dask or DuckDB without the merge).

Parts are written with explicit Arrow schemas so that empty parts and all-null columns
keep their types.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.batch.items import ItemResult
from workbench.batch.records import ARTICLE_COLUMNS, ENTITY_COLUMNS, PLACE_COLUMNS
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd
    import pyarrow as pa

__all__ = ["BatchPaths", "PartWriter", "merge_parts", "read_batch_output", "schemas"]

_TABLES = ("articles", "places", "entities")


@dataclass(frozen=True, slots=True)
class BatchPaths:
    """Every file of a batch output, derived from the places file name."""

    places: Path
    entities: Path
    articles: Path
    errors: Path
    manifest: Path
    parts: Path

    @classmethod
    def for_output(cls, out: Path | str) -> BatchPaths:
        """Paths for the places output ``out`` (``.gpkg`` or ``.parquet``).

        Raises
        ------
        WorkbenchError
            ``W124`` when the suffix is neither.
        """
        out = Path(out)
        if out.suffix.lower() not in (".gpkg", ".parquet"):
            raise WorkbenchError(
                f"--out {out}: use a .gpkg (GeoPackage) or .parquet (GeoParquet) file name", code="W124"
            )
        stem = out.with_suffix("")
        return cls(
            places=out,
            entities=Path(f"{stem}.entities.parquet"),
            articles=Path(f"{stem}.articles.parquet"),
            errors=Path(f"{stem}.errors.jsonl"),
            manifest=Path(f"{stem}.manifest.jsonl"),
            parts=Path(f"{stem}.parts"),
        )


def schemas() -> dict[str, pa.Schema]:
    """Arrow schemas of the three tables."""
    import pyarrow as pa

    s, i32, f64 = pa.string(), pa.int32(), pa.float64()
    types: dict[str, dict[str, pa.DataType]] = {
        "articles": {"n_entities": i32, "n_places": i32},
        "places": {"start": i32, "end": i32, "latitude": f64, "longitude": f64, "geonameid": pa.int64()}
        | {"confidence": f64, "n_candidates": i32, "resolved": pa.bool_(), "uncertainty_km": f64},
        "entities": {"start": i32, "end": i32},
    }
    columns = {"articles": ARTICLE_COLUMNS, "places": PLACE_COLUMNS, "entities": ENTITY_COLUMNS}
    return {t: pa.schema([(c, types[t].get(c, s)) for c in columns[t]]) for t in _TABLES}


def _atomic_parquet(table: pa.Table, path: Path) -> None:
    import pyarrow.parquet as pq

    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


class PartWriter:
    """Writes groups of results as numbered part files under ``parts_dir``.

    Parameters
    ----------
    parts_dir
        The ``OUT.parts`` folder (created on first write).
    existing
        Names of parts already recorded in the manifest (numbering continues after them).
    """

    def __init__(self, parts_dir: Path, existing: list[str] | None = None) -> None:
        self.parts_dir = Path(parts_dir)
        nums = [int(p.rsplit("-", 1)[1]) for p in existing or [] if p.rsplit("-", 1)[-1].isdigit()]
        # Orphans of a crashed run may carry higher numbers: never overwrite a file.
        if self.parts_dir.is_dir():
            for f in self.parts_dir.glob("part-*.parquet"):
                n = f.name.split(".", 1)[0].rsplit("-", 1)[-1]
                if n.isdigit():
                    nums.append(int(n))
        self._next = max(nums, default=0) + 1

    def write(self, results: list[ItemResult]) -> str:
        """Write one part with these results; returns its name (for the manifest)."""
        import pyarrow as pa

        self.parts_dir.mkdir(parents=True, exist_ok=True)
        name = f"part-{self._next:06d}"
        self._next += 1
        rows: dict[str, list[dict[str, Any]]] = {
            "articles": [r.article for r in results],
            "places": [p for r in results for p in r.places],
            "entities": [e for r in results for e in r.entities],
        }
        for table, schema in schemas().items():
            table_data = pa.Table.from_pylist(rows[table], schema=schema)
            _atomic_parquet(table_data, self.parts_dir / f"{name}.{table}.parquet")
        return name


def _read_parts(parts_dir: Path, names: list[str], table: str) -> pa.Table:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = schemas()[table]
    tables = [pq.read_table(parts_dir / f"{n}.{table}.parquet", schema=schema) for n in names]
    return pa.concat_tables(tables) if tables else schema.empty_table()


def _places_frame(df: pd.DataFrame) -> gpd.GeoDataFrame:
    import geopandas as gpd
    from shapely.geometry import Point

    geoms = [
        Point(lon, lat) if lat == lat and lon == lon and lat is not None and lon is not None else None
        for lat, lon in zip(df["latitude"], df["longitude"], strict=True)
    ]
    return gpd.GeoDataFrame(df, geometry=geoms, crs="EPSG:4326")


def merge_parts(paths: BatchPaths, part_names: list[str]) -> dict[str, int]:
    """Merge the recorded parts into the places, entities and articles outputs.

    Rows are sorted by article id, then offsets, so the outputs do not depend on the
    engine, the number of workers or the order batches finished in. Every file is
    written to a temporary name and renamed, so a reader never sees half a file.

    Parameters
    ----------
    paths
        The output's paths.
    part_names
        Parts to merge (from the manifest). The runner never writes an article into two
        parts (done ids are skipped), so parts are simply concatenated.

    Returns
    -------
    dict
        Row counts per table.
    """
    frames: dict[str, pd.DataFrame] = {}
    for table in _TABLES:
        df = _read_parts(paths.parts, part_names, table).to_pandas()
        keys = ["article_id"] if table == "articles" else ["article_id", "start", "end"]
        frames[table] = df.sort_values(keys, kind="stable").reset_index(drop=True)
    paths.places.parent.mkdir(parents=True, exist_ok=True)
    gdf = _places_frame(frames["places"])
    tmp = paths.places.with_name(paths.places.name + ".tmp" + paths.places.suffix)
    tmp.unlink(missing_ok=True)
    if paths.places.suffix.lower() == ".gpkg":
        gdf.to_file(tmp, layer="places", driver="GPKG", engine="pyogrio")
    else:
        gdf.to_parquet(tmp, index=False)
    os.replace(tmp, paths.places)
    for table, target in (("entities", paths.entities), ("articles", paths.articles)):
        tmp = target.with_name(target.name + ".tmp")
        frames[table].to_parquet(tmp, index=False)
        os.replace(tmp, target)
    return {t: len(f) for t, f in frames.items()}


def read_batch_output(out: Path | str) -> tuple[pd.DataFrame, gpd.GeoDataFrame, pd.DataFrame]:
    """The articles, places and entities of a merged batch output.

    Parameters
    ----------
    out
        The places file given as ``--out`` (``.gpkg`` or ``.parquet``).

    Returns
    -------
    tuple
        ``(articles, places, entities)``; places is a GeoDataFrame in EPSG:4326.

    Raises
    ------
    WorkbenchError
        ``W125`` when a file of the output is missing.
    """
    import geopandas as gpd
    import pandas as pd

    paths = BatchPaths.for_output(out)
    for p in (paths.places, paths.entities, paths.articles):
        if not p.exists():
            raise WorkbenchError(
                f"{p} is missing; run `workbench batch INPUT --out {out}` first", code="W125"
            )
    if paths.places.suffix.lower() == ".gpkg":
        places = gpd.read_file(paths.places, layer="places", engine="pyogrio")
    else:
        places = gpd.read_parquet(paths.places)
    return pd.read_parquet(paths.articles), places, pd.read_parquet(paths.entities)
