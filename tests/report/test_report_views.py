"""Pure shaping: corrections, grouping places into map points, findings, times."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from report_samples import KURSK, TEXT, place, span

from workbench.report.views import (
    DEFAULT_RADIUS_KM,
    apply_corrections,
    findings_view,
    format_time,
    map_points,
    normalize,
)


def test_one_marker_per_location_linked_to_every_mention(sample: dict[str, Any]) -> None:
    points, keys = map_points(sample["places"])
    mapped = [p for p in points if p.mapped]
    assert [p.number for p in mapped] == [1, 2, 3]
    kursk = mapped[0]
    assert kursk.members == (0, 3) and keys[0] == keys[3] == kursk.key
    assert mapped[1].approximate and mapped[1].radius_km == 120.0
    assert mapped[2].status == "confirmed"
    # the unresolved mention gets its own key and no marker
    assert keys[4].startswith("u") and not next(p for p in points if p.key == keys[4]).mapped


def test_rejected_and_unusable_coordinates_are_not_mapped() -> None:
    places = [
        place(TEXT, "كورسك", **KURSK, status="rejected"),
        place(TEXT, "موسكو", latitude="55.7", longitude=37.6),
        place(TEXT, "روسيا", latitude=float("nan"), longitude=37.6),
        place(TEXT, "مارينو", latitude=95.0, longitude=37.6),
    ]
    points, _ = map_points(places)
    assert not any(p.mapped for p in points)
    assert points[0].status == "rejected"


def test_container_without_radius_still_gets_an_area() -> None:
    p = place(TEXT, "روسيا", name="Russia", latitude=60.0, longitude=100.0, precision="country")
    (point,), _ = map_points([p])
    assert point.approximate and point.radius_km == DEFAULT_RADIUS_KM["country"]


def test_corrections_replace_lists_and_are_counted(sample: dict[str, Any]) -> None:
    state = {
        "entities": [{**sample["entities"][0], "label": "ORG"}, *sample["entities"][1:]],
        "places": [{**sample["places"][1], "status": "pinned"}, *sample["places"][2:]],
    }
    out = apply_corrections(sample, state)
    assert out["entities"][0]["label"] == "ORG"
    assert out["places"][0]["status"] == "pinned" and len(out["places"]) == 4
    assert out["corrections"] == {"entities": 1, "places": 1}
    assert out["findings"] == sample["findings"]  # not in the state: kept
    assert sample["entities"][0]["label"] == "PER"  # input untouched


def test_findings_store_shape_is_normalized() -> None:
    """``ArticleState.to_dict()``: places keyed by entity id, deleted entities, entity targets."""
    k0, k1 = span(TEXT, "كورسك")
    m0, m1 = span(TEXT, "مارينو")
    state = {
        "text": TEXT,
        "entities": [
            {"id": "m:k", "start": k0, "end": k1, "text": "كورسك", "label": "LOC", "deleted": False},
            {"id": "m:m", "start": m0, "end": m1, "text": "مارينو", "label": "LOC", "deleted": True},
        ],
        "places": {
            "m:k": {"entity_id": "m:k", "status": "machine", **KURSK},
            "m:m": {"entity_id": "m:m", "status": "unresolved"},
        },
        "findings": [{"target": {"kind": "entity", "entity_id": "m:k"}, "note": "n"}],
    }
    out = normalize(state)
    assert [e["id"] for e in out["entities"]] == ["m:k"]
    assert [(p["start"], p["end"], p["text"]) for p in out["places"]] == [(k0, k1, "كورسك")]
    assert out["findings"][0]["target"]["start"] == k0
    _, keys = map_points(out["places"])
    (f,) = findings_view(out["findings"], text=TEXT, places=out["places"], keys=keys)
    assert f.target == "كورسك" and f.key == keys[0]


def test_finding_targets(sample: dict[str, Any]) -> None:
    places = sample["places"]
    _, keys = map_points(places)
    k0, k1 = places[0]["start"], places[0]["end"]
    targets = [
        {"start": k0, "end": k1},
        {"selector": [{"type": "TextPositionSelector", "start": k0, "end": k1}]},
        {"place": 0},
        {"geonameid": 538560},
        "the whole article",
        {"start": 5, "end": 10_000},  # out of range: no quote, no link
        None,
    ]
    views = findings_view([{"target": t} for t in targets], text=TEXT, places=places, keys=keys)
    assert [v.key for v in views[:4]] == [keys[0]] * 4
    assert all(v.target == "كورسك" for v in views[:4])
    assert views[4].target == "the whole article" and views[4].key == ""
    assert views[5].key == "" and views[6].target == ""


def test_finding_fields_are_formatted() -> None:
    class Finding:
        def to_dict(self) -> dict[str, Any]:
            return {"note": "n", "tags": "single", "confidence": 0.5, "analyst": "a",
                    "created": datetime(2024, 1, 2, 3, 4, tzinfo=UTC)}

    (v,) = findings_view([Finding()])
    assert (v.tags, v.confidence, v.created) == (("single",), "0.50", "2024-01-02 03:04 UTC")


def test_format_time() -> None:
    assert format_time("2024-08-08T10:15:00Z") == "2024-08-08 10:15 UTC"
    assert format_time("2024-08-07") == "2024-08-07"
    assert format_time(0) == "1970-01-01 00:00 UTC"
    assert format_time("yesterday <b>") == "yesterday <b>"  # escaped later, by the renderer
    assert format_time(None) == ""
