"""GeoNames dump import as a gazetteer layer, on small fixtures in the real formats."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from geo_helpers import KURSK_OBLAST, spans

from workbench.geo import geonames
from workbench.geo.build import build_gazetteer
from workbench.geo.gazetteer import Gazetteer
from workbench.geo.resolve import resolve_places

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "geo"
RU, UA, ALT = FIXTURES / "RU.zip", FIXTURES / "UA.zip", FIXTURES / "alternateNamesV2.zip"
MARINO, VOVCHANSK, ROBOTYNE = 9900001, 9900011, 9900013


@pytest.fixture()
def gaz_path(tmp_path: Path, tiny_gazetteer_path: Path) -> Path:
    path = tmp_path / "gazetteer-v3.sqlite"
    shutil.copy(tiny_gazetteer_path, path)
    return path


def _import(path: Path, *sources: Path | str, **kw) -> list[geonames.ImportResult]:
    return geonames.import_geonames(sources, layers_dir=Gazetteer(path).layers_dir(), progress=False, **kw)


def test_import_places_and_alternate_names(gaz_path: Path) -> None:
    # Alternate names given first still go after the place dumps.
    results = _import(gaz_path, ALT, RU, UA)
    by_source = {r.source: r for r in results}
    assert by_source["RU.zip"].format == "geoname"
    assert by_source["RU.zip"].rows_used == 4  # PPLH and the monastery are skipped
    assert by_source["alternateNamesV2.zip"].rows_used == 6  # link row and unknown id skipped
    gaz = Gazetteer(gaz_path).open()
    assert [p.name for p in gaz.layers] == ["geonames.sqlite"]
    marino = gaz.get(MARINO)
    assert marino is not None and marino.kind == "village" and marino.admin1_code == "41"
    assert marino.name_ar == "مارينو"
    assert [e.geonameid for e in gaz.lookup("مارينو")] == [MARINO]
    assert gaz.get(9900005) is None and gaz.get(9900006) is None
    district = gaz.get(9900004)
    assert district is not None and district.kind == "district"
    # isHistoric from alternateNamesV2 marks the Soviet-era name.
    (rabotino,) = [c for c in gaz.candidates("Rabotino") if c.entry.geonameid == ROBOTYNE]
    assert rabotino.features["historical"] == 1.0


def test_imported_village_resolves_exactly_inside_its_oblast(gaz_path: Path) -> None:
    text = "قصفت القوات مقر قيادة في قرية مارينو في منطقة كورسك."
    before = resolve_places(text, spans(text, "مارينو", "كورسك"), Gazetteer(gaz_path).open())
    assert before[0].precision == "region" and before[0].entry.geonameid == KURSK_OBLAST
    _import(gaz_path, RU, ALT)
    marino, _ = resolve_places(text, spans(text, "مارينو", "كورسك"), Gazetteer(gaz_path).open())
    assert marino.entry.geonameid == MARINO and marino.precision == "exact"
    assert marino.entry.latitude == pytest.approx(51.6167)
    assert "inside the stated container" in marino.reason


def test_transliteration_reaches_imported_places_without_arabic_names(gaz_path: Path) -> None:
    _import(gaz_path, RU, UA)
    gaz = Gazetteer(gaz_path).open()
    text = "دارت معارك عنيفة قرب بلدة روبوتيني في زابوروجيا الأوكرانية."
    (place,) = resolve_places(text, spans(text, "روبوتيني"), gaz)
    assert place.entry.geonameid == ROBOTYNE, place.reason


def test_finished_imports_are_skipped_and_force_reimports(gaz_path: Path) -> None:
    _import(gaz_path, RU)
    (again,) = _import(gaz_path, RU)
    assert again.skipped
    (forced,) = _import(gaz_path, RU, force=True)
    assert not forced.skipped and forced.rows_used == 4


def test_interrupted_import_resumes(gaz_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geonames, "BATCH_ROWS", 2)
    real = geonames._place_rows
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt  # the user pressed Ctrl-C after two committed batches
        return real(*args, **kwargs)

    monkeypatch.setattr(geonames, "_place_rows", flaky)
    with pytest.raises(KeyboardInterrupt):
        _import(gaz_path, RU)
    monkeypatch.setattr(geonames, "_place_rows", real)
    (resumed,) = _import(gaz_path, RU)
    assert not resumed.skipped and resumed.rows_read == 6
    gaz = Gazetteer(gaz_path).open()
    assert gaz.get(MARINO) is not None and gaz.get(9900004) is not None
    (done,) = _import(gaz_path, RU)
    assert done.skipped


def test_bad_inputs_fail_alone(gaz_path: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("a\tb\tc\n", encoding="utf-8")
    results = _import(gaz_path, tmp_path / "missing.zip", junk, UA)
    assert "no such file" in results[0].error
    assert "columns" in results[1].error
    assert results[2].rows_used == 3 and not results[2].error


def test_import_from_url_downloads_then_imports(gaz_path: Path, tmp_path: Path, monkeypatch) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(FIXTURES))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/UA.zip"
        (result,) = _import(gaz_path, url)
    finally:
        server.shutdown()
    assert result.rows_used == 3 and result.source == url
    assert (tmp_path / "cache" / "downloads" / "UA.zip").read_bytes() == UA.read_bytes()
    assert Gazetteer(gaz_path).open().get(VOVCHANSK) is not None


def test_tiny_build_has_no_layers(tiny_gazetteer: Gazetteer) -> None:
    assert tiny_gazetteer.layers == []
    assert build_gazetteer  # the layer folder is next to the file, never the user's cache
