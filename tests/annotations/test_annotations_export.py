"""Exports (Web Annotation, GeoJSON, GeoPackage, CSV) and their imports."""

from __future__ import annotations

import csv
import json

import pytest
from annotation_fixtures import TEXT, make_analysis, span

from workbench.annotations import (
    AddEntity,
    AddFinding,
    ChooseCandidate,
    DeleteEntity,
    ImportFormatError,
    PinPlace,
    SetLabel,
    entity_target,
    initial_state,
    place_target,
    span_target,
)
from workbench.annotations.export import (
    ANNO_CONTEXT,
    from_geojson,
    from_web_annotation,
    to_geojson,
    to_web_annotation,
    write_csv,
    write_geopackage,
    write_json,
)

T0 = "2024-08-20T10:00:00.000+00:00"
T1 = "2024-08-20T10:05:00.000+00:00"


@pytest.fixture
def worked(state, ids):
    st = ChooseCandidate(ids["كورسك"], candidate_index=1).apply(state)
    st = PinPlace(ids["مارينو"], 51.25, 35.4, "Marino", "RU").apply(st)
    st = DeleteEntity(ids["بوتين"]).apply(st)
    st = AddEntity(*span(TEXT, "القوات الروسية"), "ORG", entity_id="a:1").apply(st)
    st = AddFinding(place_target(ids["مارينو"]), "=فيديو\nمحدد الموقع", ("geoloc", "video"),
                    "confirmed", analyst="amal", at=T0, finding_id="f:1").apply(st)  # fmt: skip
    st = AddFinding(span_target(0, 11), "من هم؟", (), "doubtful", "resolved",
                    analyst="bilal", at=T1, finding_id="f:2").apply(st)  # fmt: skip
    return AddFinding(entity_target("a:1"), "", ("army",), analyst="amal", at=T1,
                      finding_id="f:3").apply(st)  # fmt: skip


def _json(doc):
    return json.loads(json.dumps(doc, ensure_ascii=False))


def test_web_annotation_shape(worked, ids) -> None:
    doc = to_web_annotation(worked)
    assert doc["@context"][0] == ANNO_CONTEXT and doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == 3 + 3  # 3 active entities, 3 findings
    by_id = {a["id"].rsplit(":", 1)[-1] if "finding" in a["id"] else a["wb:entityId"]: a
             for a in items}  # fmt: skip
    marino = by_id[ids["مارينو"]]
    assert marino["target"]["source"] == "https://example.org/a/1"
    quote, pos = marino["target"]["selector"]
    assert quote == {"type": "TextQuoteSelector", "exact": "مارينو",
                     "prefix": TEXT[: pos["start"]][-32:], "suffix": TEXT[pos["end"] :][:32]}  # fmt: skip
    assert TEXT[pos["start"] : pos["end"]] == "مارينو"
    assert marino["body"][0] == {"type": "TextualBody", "purpose": "classifying", "value": "LOC"}
    assert marino["body"][1]["source"] == "geo:51.25,35.4"
    kursk = by_id[ids["كورسك"]]
    assert kursk["body"][1] == {"type": "SpecificResource", "purpose": "identifying",
                                "source": "https://sws.geonames.org/538555/",
                                "label": "Kursk Oblast"}  # fmt: skip
    assert kursk["creator"]["type"] == "Software"
    f1 = by_id["1"]
    assert f1["motivation"] == "commenting" and f1["creator"] == {"type": "Person", "name": "amal"}
    assert (f1["created"], f1["modified"]) == (T0, T0)
    assert [b["purpose"] for b in f1["body"]] == ["commenting", "tagging", "tagging"]
    assert f1["body"][0]["value"] == "=فيديو\nمحدد الموقع"  # notes are data, kept as written
    assert by_id["3"]["motivation"] == "tagging"


def test_the_source_is_a_urn_without_url(state) -> None:
    st = AddFinding(span_target(0, 3), "x").apply(initial_state(make_analysis(url=None)))
    items = to_web_annotation(st)["first"]["items"]
    assert {a["target"]["source"] for a in items} == {f"urn:workbench:article:{st.article_id}"}


@pytest.mark.parametrize("base_kind", ["machine", "same"])
def test_web_annotation_round_trip(worked, state, base_kind) -> None:
    base = state if base_kind == "machine" else worked
    back = from_web_annotation(_json(to_web_annotation(worked)), base)
    assert back.active_entities() == worked.active_entities()
    assert {e.id for e, _ in back.active_places()} == {e.id for e, _ in worked.active_places()}
    for e, p in worked.active_places():
        assert back.places[e.id] == p  # candidates kept from the base
    assert back.findings == worked.findings
    assert back.revision == base.revision


def test_web_annotation_import_reanchors_moved_text(worked) -> None:
    """The same article with a sentence added at the top: quotes find the new offsets."""
    doc = _json(to_web_annotation(worked))
    shifted = initial_state(make_analysis("عاجل: " + TEXT))
    back = from_web_annotation(doc, shifted)
    for e in back.active_entities():
        assert shifted.text[e.start : e.end] == e.text
    assert {e.text for e in back.active_entities()} == {e.text for e in worked.active_entities()}


def test_web_annotation_from_another_tool(state) -> None:
    """A plain W3C annotation (no wb: terms): a comment and a place link."""
    s, e = span(TEXT, "كورسك")
    anno = [
        {"@context": ANNO_CONTEXT, "id": "http://x/1", "type": "Annotation",
         "bodyValue": "مدينة", "creator": "sara",
         "target": {"source": "http://x", "selector": {"type": "TextQuoteSelector",
                                                       "exact": "كورسك"}}},
        {"id": "http://x/2", "type": "Annotation", "motivation": "identifying",
         "body": [{"type": "TextualBody", "purpose": "classifying", "value": "LOC"},
                  {"type": "SpecificResource", "purpose": "identifying",
                   "source": "https://sws.geonames.org/538560/"}],
         "target": {"source": "http://x", "selector": [
             {"type": "TextPositionSelector", "start": s, "end": e}]}},
    ]  # fmt: skip
    back = from_web_annotation(anno, state)
    [loc] = [x for x in back.active_entities()]
    assert (loc.text, loc.label, loc.origin) == ("كورسك", "LOC", "analyst")
    assert back.place_for(loc.id).geonameid == 538560
    [f] = back.findings
    assert (f.note, f.analyst, f.target) == ("مدينة", "sara", {"kind": "entity", "entity_id": loc.id})


@pytest.mark.parametrize(
    ("doc", "match"),
    [
        ("not json", "not JSON"),
        ({"type": "FeatureCollection"}, "expected a Web Annotation"),
        (42, "JSON object"),
        ([{"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector",
                                                         "exact": "غير موجود"}}}], "anchor"),
        ([{"type": "Annotation", "body": {"purpose": "classifying", "value": "GPE"},
           "target": {"selector": {"type": "TextPositionSelector", "start": 0, "end": 3}}}],
         "label"),
        ([{"type": "Annotation", "wb:findingId": "f:1", "wb:confidence": "x",
           "target": {"selector": {"type": "TextPositionSelector", "start": 0, "end": 3}},
           "wb:target": {"kind": "entity", "entity_id": "m:0:3"}}], None),
    ],
)  # fmt: skip
def test_bad_web_annotation_imports_say_what_is_wrong(state, doc, match) -> None:
    if match is None:  # tolerated: unknown confidence falls back, bad target becomes a span
        [f] = from_web_annotation(doc, state).findings
        assert (f.confidence, f.target) == ("probable", {"kind": "span", "start": 0, "end": 3})
        return
    with pytest.raises(ImportFormatError, match=match) as info:
        from_web_annotation(doc, state)
    assert info.value.code == "W420"


def test_geojson_shape(worked, ids) -> None:
    fc = to_geojson(worked)
    assert fc["type"] == "FeatureCollection" and fc["workbench"]["article_id"] == worked.article_id
    by_id = {f["id"]: f for f in fc["features"]}
    assert set(by_id) == {ids["مارينو"], ids["كورسك"]}
    m = by_id[ids["مارينو"]]
    assert m["geometry"] == {"type": "Point", "coordinates": [35.4, 51.25]}
    assert m["properties"]["status"] == "pinned" and m["properties"]["mention"] == "مارينو"
    assert [f["id"] for f in m["properties"]["findings"]] == ["f:1"]
    k = by_id[ids["كورسك"]]["properties"]
    assert k["geonames_uri"] == "https://sws.geonames.org/538555/" and k["findings"] == []


def test_geojson_unresolved_place_has_null_geometry(state, ids) -> None:
    feats = {f["id"]: f for f in to_geojson(state)["features"]}
    assert feats[ids["مارينو"]]["geometry"] is None


@pytest.mark.parametrize("base_kind", ["machine", "same"])
def test_geojson_round_trip(worked, state, base_kind) -> None:
    base = state if base_kind == "machine" else worked
    back = from_geojson(_json(to_geojson(worked)), base)
    for e, p in worked.active_places():
        assert back.place_for(e.id) == p
        assert back.findings_for(e.id) == worked.findings_for(e.id)
    if base_kind == "same":
        assert back == worked


@pytest.mark.parametrize(
    ("doc", "match"),
    [
        ({"type": "Feature"}, "FeatureCollection"),
        ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
            "mention": "غير موجود", "start": 0, "end": 9}, "geometry": None}]}, "not in the"),
        ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
            "mention": "كورسك", "entity_id": "m:51:56"},
            "geometry": {"type": "Polygon", "coordinates": []}}]}, "Point"),
        ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
            "mention": "كورسك"}, "geometry": {"type": "Point", "coordinates": [500, 0]}}]},
         "out of range"),
    ],
)  # fmt: skip
def test_bad_geojson_imports(state, doc, match) -> None:
    with pytest.raises(ImportFormatError, match=match):
        from_geojson(doc, state)


def test_csv_files(worked, tmp_path) -> None:
    paths = write_csv(worked, tmp_path / "out")
    assert set(paths) == {"entities", "places", "findings"}
    assert paths["findings"].read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    rows = {n: list(csv.DictReader(p.open(encoding="utf-8-sig"))) for n, p in paths.items()}
    assert len(rows["entities"]) == 4 and {r["deleted"] for r in rows["entities"]} == {
        "True", "False"}  # fmt: skip
    assert {r["status"] for r in rows["places"]} == {"pinned", "candidate"}
    f1 = next(r for r in rows["findings"] if r["id"] == "f:1")
    assert f1["note"] == "'=فيديو\nمحدد الموقع"  # no formula injection, newline kept
    assert f1["tags"] == "geoloc; video" and f1["target_text"] == "مارينو"
    raw = write_csv(worked, tmp_path / "raw", excel_safe=False)["findings"]
    assert next(csv.DictReader(raw.open(encoding="utf-8-sig")))["note"].startswith("=")


def test_geopackage_layers(worked, tmp_path, ids) -> None:
    import geopandas as gpd
    import pyogrio

    path = write_geopackage(worked, tmp_path / "x.gpkg")
    assert {name for name, _ in pyogrio.list_layers(path)} == {"places", "findings"}
    places = gpd.read_file(path, layer="places")
    assert places.crs.to_epsg() == 4326 and len(places) == 2
    m = places.set_index("entity_id").loc[ids["مارينو"]]
    assert (m.geometry.x, m.geometry.y, m["mention"]) == (35.4, 51.25, "مارينو")
    findings = gpd.read_file(path, layer="findings").set_index("id")
    assert findings.loc["f:1"].geometry.x == 35.4 and findings.loc["f:2"].geometry is None
    write_geopackage(worked, path)  # overwriting an export works
    assert len(gpd.read_file(path, layer="places")) == 2


def test_geopackage_of_an_article_without_places(tmp_path) -> None:
    import geopandas as gpd

    from workbench.articles.model import Article

    st = initial_state(Article(text="لا أماكن هنا"))
    path = write_geopackage(st, tmp_path / "empty.gpkg")
    assert len(gpd.read_file(path, layer="places")) == 0


def test_write_json_keeps_arabic(worked, tmp_path) -> None:
    p = write_json(to_geojson(worked), tmp_path / "p.geojson")
    assert "مارينو" in p.read_text(encoding="utf-8")


def test_label_change_moves_an_entity_out_of_the_geo_exports(worked, ids) -> None:
    st = SetLabel(ids["كورسك"], "ORG").apply(worked)
    assert ids["كورسك"] not in {f["id"] for f in to_geojson(st)["features"]}
