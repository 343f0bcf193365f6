"""Building the gazetteer file: layers, metadata, atomic writes, corrupt and foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.errors import GazetteerError
from workbench.geo import paths
from workbench.geo.build import (
    GazetteerSources,
    build_gazetteer,
    check_gazetteer_file,
    kind_for,
    region_display_name,
)
from workbench.geo.gazetteer import Gazetteer


def test_build_writes_all_layers_and_metadata(tiny_gazetteer_path: Path) -> None:
    meta = check_gazetteer_file(tiny_gazetteer_path)
    assert meta["schema_version"] == paths.SCHEMA_VERSION
    assert meta["count_country"] == 13
    assert meta["count_region"] > 13
    assert meta["count_city"] + meta["count_town"] + meta["count_village"] == 26
    assert meta["count_arabic_names"] > 0 and meta["build_seconds"] >= 0
    # No temporary file is left next to the result.
    assert [p.name for p in tiny_gazetteer_path.parent.iterdir()] == [tiny_gazetteer_path.name]


def test_capitals_and_kinds(tiny_gazetteer: Gazetteer) -> None:
    kuwait_city = tiny_gazetteer.get(285787)
    assert kuwait_city is not None
    assert (kuwait_city.feature_code, kuwait_city.kind) == ("PPLC", "city")
    assert tiny_gazetteer.get(560995).kind == "village"  # Glushkovo, 5,618 inhabitants
    assert kind_for(17007, "PPL") == "town"


def test_region_names_read_like_news() -> None:
    assert region_display_name({"name_en": "Kursk", "type": "Oblast"}) == "Kursk Oblast"
    assert region_display_name({"name_en": "Krasnodar", "type": "Kray"}) == "Krasnodar Krai"
    assert region_display_name({"name_en": "Valencia", "type": "Comunidad"}) == "Valencia"


def test_existing_valid_file_is_kept_without_force(
    tiny_gazetteer_path: Path, tiny_sources: GazetteerSources
) -> None:
    before = tiny_gazetteer_path.stat().st_mtime_ns
    assert build_gazetteer(tiny_gazetteer_path, sources=tiny_sources, progress=False) == (tiny_gazetteer_path)
    assert tiny_gazetteer_path.stat().st_mtime_ns == before


def test_corrupt_file_raises_and_is_not_overwritten(tmp_path: Path, tiny_sources: GazetteerSources) -> None:
    bad = tmp_path / "gazetteer-v1.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError, match="workbench gazetteer build") as err:
        Gazetteer(bad).open()
    assert err.value.code == "W303"
    with pytest.raises(GazetteerError):
        build_gazetteer(bad, sources=tiny_sources, progress=False)
    with pytest.raises(GazetteerError):
        Gazetteer(bad).load(progress=False)
    assert bad.read_bytes().startswith(b"this is not a database")
    # Only an explicit force rebuilds it.
    build_gazetteer(bad, force=True, sources=tiny_sources, progress=False)
    assert Gazetteer(bad).open().lookup("كورسك")


def test_foreign_sqlite_and_other_schema_versions_are_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(GazetteerError, match="not a readable workbench gazetteer"):
        check_gazetteer_file(foreign)

    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(old)
    con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("app", '"arabic-osint-workbench"'), ("schema_version", "0")],
    )
    con.commit()
    con.close()
    with pytest.raises(GazetteerError, match="schema") as err:
        check_gazetteer_file(old)
    assert err.value.code == "W304"


def test_missing_file_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="workbench gazetteer build"):
        Gazetteer(tmp_path / "nope.sqlite").open()


def test_default_path_follows_cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path))
    assert paths.default_gazetteer_path() == tmp_path / f"gazetteer-v{paths.SCHEMA_VERSION}.sqlite"
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    assert paths.data_dir() == tmp_path / "data" / "geo"


def test_missing_geo_table_is_a_gazetteer_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.geo.build import load_sources

    with pytest.raises(GazetteerError, match=r"admin1\.csv"):
        load_sources(geo_dir=tmp_path)


def test_load_builds_a_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_sources: GazetteerSources
) -> None:
    import workbench.geo.build as build

    monkeypatch.setattr(build, "load_sources", lambda: tiny_sources)
    gaz = Gazetteer(tmp_path / "new.sqlite").load(progress=False)
    assert gaz.metadata()["sources"] == "synthetic test world"
