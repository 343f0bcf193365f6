"""The pure findings model: ids, initial state, changes, validation, serialization."""

from __future__ import annotations

import json

import pytest
from annotation_fixtures import TEXT, make_analysis, span

from workbench.annotations import (
    AddEntity,
    AddFinding,
    ArticleState,
    ChooseCandidate,
    ConfirmPlace,
    DeleteEntity,
    DeleteFinding,
    InvalidChangeError,
    PinPlace,
    RestoreEntity,
    SetLabel,
    SetRecords,
    UnresolvePlace,
    UpdateFinding,
    article_id,
    change_from_dict,
    entity_target,
    initial_state,
    place_target,
    span_target,
)
from workbench.annotations.model import diff_records
from workbench.articles.model import Article


def test_article_id_is_stable_and_depends_on_the_text_only() -> None:
    a = article_id(TEXT)
    assert a == article_id(str(TEXT)) and len(a) == 16 and int(a, 16) >= 0
    assert article_id(TEXT + " ") != a
    assert initial_state(make_analysis(url=None)).article_id == a


def test_initial_state_has_machine_entities_and_a_place_per_loc(state, ids) -> None:
    assert [e.id for e in state.entities] == sorted(
        (f"m:{e.start}:{e.end}" for e in state.entities), key=lambda s: int(s.split(":")[1])
    )
    assert all(state.text[e.start : e.end] == e.text and e.origin == "machine" for e in state.entities)
    assert set(state.places) == {ids["مارينو"], ids["كورسك"]}
    kursk = state.places[ids["كورسك"]]
    assert (kursk.status, kursk.geonameid, len(kursk.candidates)) == ("machine", 538560, 2)
    marino = state.places[ids["مارينو"]]
    assert (marino.status, marino.latitude, marino.reason) == ("unresolved", None, "no candidate")
    assert state.revision == 0 and state.findings == ()


def test_initial_state_of_a_bare_article_has_no_entities() -> None:
    st = initial_state(Article(text="نص قصير"))
    assert st.entities == () and st.places == {} and st.article_id == article_id("نص قصير")


def test_state_round_trips_through_json(state, ids) -> None:
    st = PinPlace(ids["مارينو"], 51.25, 35.4, "Marino", "ru").apply(state)
    st = AddFinding(place_target(ids["مارينو"]), "ملاحظة", ("geo",), analyst="x").apply(st)
    again = ArticleState.from_dict(json.loads(json.dumps(st.to_dict(), ensure_ascii=False)))
    assert again == st


def test_set_label_to_loc_adds_an_unresolved_place_and_back_hides_it(state, ids) -> None:
    putin = ids["بوتين"]
    st = SetLabel(putin, "LOC").apply(state)
    assert st.place_for(putin).status == "unresolved" and st.revision == 1
    st = PinPlace(putin, 10, 20, "Somewhere").apply(st)
    st = SetLabel(putin, "PER").apply(st)
    assert st.place_for(putin) is None and putin not in {e.id for e, _ in st.active_places()}
    st = SetLabel(putin, "LOC").apply(st)
    assert st.place_for(putin).status == "pinned"  # the pin was kept


def test_delete_and_restore_entity(state, ids) -> None:
    st = DeleteEntity(ids["كورسك"]).apply(state)
    assert ids["كورسك"] not in {e.id for e in st.active_entities()}
    assert st.entity(ids["كورسك"]).deleted and st.place_for(ids["كورسك"]) is None
    with pytest.raises(InvalidChangeError, match="deleted"):
        SetLabel(ids["كورسك"], "ORG").apply(st)
    st = RestoreEntity(ids["كورسك"]).apply(st)
    assert st.place_for(ids["كورسك"]) == state.places[ids["كورسك"]]


def test_add_entity_takes_its_text_from_the_article(state) -> None:
    s, e = span(TEXT, "القوات الروسية")
    st = AddEntity(s, e, "ORG").apply(state)
    new = [x for x in st.entities if x.origin == "analyst"]
    assert len(new) == 1 and new[0].text == "القوات الروسية" and new[0].id.startswith("a:")
    loc = AddEntity(*span(TEXT, "منطقة كورسك"), "LOC").apply(state)
    added = next(x for x in loc.entities if x.origin == "analyst")
    assert loc.place_for(added.id).status == "unresolved"


@pytest.mark.parametrize(
    ("start", "end", "label", "match"),
    [
        (-1, 3, "LOC", "not inside"),
        (5, 5, "LOC", "not inside"),
        (0, len(TEXT) + 1, "LOC", "not inside"),
        (0, 4, "LOC", "space"),
        (0, 3, "GPE", "label"),
    ],
)
def test_add_entity_is_validated(state, start, end, label, match) -> None:
    with pytest.raises(InvalidChangeError, match=match):
        AddEntity(start, end, label).apply(state)


def test_add_entity_refuses_a_duplicate_span(state) -> None:
    with pytest.raises(InvalidChangeError, match="already covers"):
        AddEntity(*span(TEXT, "بوتين"), "PER").apply(state)


def test_choose_candidate_by_index_or_geonameid(state, ids) -> None:
    k = ids["كورسك"]
    st = ChooseCandidate(k, candidate_index=1).apply(state)
    p = st.place_for(k)
    assert (p.status, p.geonameid, p.name, p.feature) == ("candidate", 538555, "Kursk Oblast", "ADM1")
    assert ChooseCandidate(k, geonameid=538555).apply(state).place_for(k) == p
    with pytest.raises(InvalidChangeError, match="out of range"):
        ChooseCandidate(k, candidate_index=5).apply(state)
    with pytest.raises(InvalidChangeError, match="not among"):
        ChooseCandidate(k, geonameid=1).apply(state)
    with pytest.raises(InvalidChangeError, match="exactly one"):
        ChooseCandidate(k).apply(state)


def test_confirm_needs_coordinates(state, ids) -> None:
    st = ConfirmPlace(ids["كورسك"]).apply(state)
    assert st.place_for(ids["كورسك"]).status == "confirmed"
    with pytest.raises(InvalidChangeError, match="pin it"):
        ConfirmPlace(ids["مارينو"]).apply(state)
    with pytest.raises(InvalidChangeError, match="not LOC"):
        ConfirmPlace(ids["بوتين"]).apply(state)


def test_pin_place_validates_coordinates(state, ids) -> None:
    m = ids["مارينو"]
    p = PinPlace(m, 51.25, 35.4, " Marino ", "ru").apply(state).place_for(m)
    assert (p.status, p.precision, p.name, p.country_code, p.geonameid) == (
        "pinned", "exact", "Marino", "RU", None,
    )  # fmt: skip
    for lat, lon in [(91, 0), (0, 181), (float("nan"), 0), ("x", 0)]:
        with pytest.raises(InvalidChangeError):
            PinPlace(m, lat, lon, "Marino").apply(state)
    with pytest.raises(InvalidChangeError, match="name"):
        PinPlace(m, 1, 1, " ").apply(state)


def test_unresolve_keeps_candidates(state, ids) -> None:
    p = UnresolvePlace(ids["كورسك"]).apply(state).place_for(ids["كورسك"])
    assert p.status == "unresolved" and p.latitude is None and len(p.candidates) == 2


def test_findings_add_update_delete(state, ids) -> None:
    add = AddFinding(entity_target(ids["بوتين"]), "قال ذلك", ["  a  b", "a b", ""], "doubtful",
                     analyst="amal", at="2024-01-01T00:00:00+00:00")  # fmt: skip
    st = add.apply(state)
    f = st.finding(add.finding_id)
    assert f.tags == ("a b",) and f.confidence == "doubtful" and f.analyst == "amal"
    assert st.findings_for(ids["بوتين"]) == (f,)
    st = UpdateFinding(f.id, status="resolved", note="تم", at="2024-01-02T00:00:00+00:00").apply(st)
    g = st.finding(f.id)
    assert (g.status, g.note, g.created, g.updated) == (
        "resolved", "تم", "2024-01-01T00:00:00+00:00", "2024-01-02T00:00:00+00:00",
    )  # fmt: skip
    assert DeleteFinding(f.id).apply(st).findings == ()


@pytest.mark.parametrize(
    "change",
    [
        AddFinding({"kind": "span", "start": 5, "end": 500}, "x"),
        AddFinding({"kind": "entity", "entity_id": "m:0:1"}, "x"),
        AddFinding({"kind": "place", "entity_id": "m:63:68"}, "x"),  # a PER has no place
        AddFinding({"kind": "article"}, "x"),
        AddFinding(span_target(0, 3), "x", confidence="sure"),
        AddFinding(span_target(0, 3), "x", status="closed"),
        UpdateFinding("f:missing", note="x"),
        DeleteFinding("f:missing"),
    ],
)
def test_invalid_findings_are_refused(state, change) -> None:
    with pytest.raises(InvalidChangeError) as info:
        change.apply(state)
    assert info.value.code == "W401"


def test_update_finding_needs_a_field(state) -> None:
    st = AddFinding(span_target(0, 3), "x").apply(state)
    with pytest.raises(InvalidChangeError, match="nothing to update"):
        UpdateFinding(st.findings[0].id).apply(st)


def test_changes_serialize_for_the_history(state, ids) -> None:
    changes = [
        SetLabel(ids["بوتين"], "ORG"),
        DeleteEntity(ids["بوتين"]),
        AddEntity(0, 3, "MISC"),
        ChooseCandidate(ids["كورسك"], geonameid=538555),
        PinPlace(ids["مارينو"], 1.5, 2.5, "M"),
        AddFinding(span_target(0, 3), "note", ("t",)),
        UpdateFinding("f:1", tags=("a", "b")),
        SetRecords({"findings": {"f:1": None}}),
    ]
    for c in changes:
        d = json.loads(json.dumps(c.to_dict()))
        assert d["type"] == c.type
        assert change_from_dict(d) == c
    with pytest.raises(InvalidChangeError, match="unknown change type"):
        change_from_dict({"type": "__import__('os')"})
    with pytest.raises(InvalidChangeError, match="unknown field"):
        change_from_dict({"type": "set_label", "entity_id": "m:1:2", "label": "LOC", "x": 1})


def test_set_records_with_the_before_of_a_diff_undoes_only_that_change(state, ids) -> None:
    st1 = PinPlace(ids["مارينو"], 51.25, 35.4, "Marino").apply(state)
    st2 = AddFinding(span_target(0, 3), "later").apply(st1)
    before, after = diff_records(state, st1)
    assert set(before) == {"places"} and set(before["places"]) == {ids["مارينو"]}
    assert after["places"][ids["مارينو"]]["status"] == "pinned"
    undone = SetRecords(before).apply(st2)
    assert undone.places == state.places and undone.findings == st2.findings


def test_set_records_refuses_orphan_findings(state) -> None:
    add = AddEntity(0, 3, "MISC")
    st = add.apply(state)
    st = AddFinding(entity_target(add.entity_id), "x").apply(st)
    with pytest.raises(InvalidChangeError, match="no longer exist"):
        SetRecords({"entities": {add.entity_id: None}}).apply(st)
