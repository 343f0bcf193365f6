"""State and selection logic without widgets: what the analyst sees after each action."""

from __future__ import annotations

import pytest

from workbench.annotations.store import FindingsStore
from workbench.ui.backend import MemoryBackend, StoreBackend
from workbench.ui.controller import Controller, Selection, tokens


@pytest.fixture
def ctrl(analysis) -> Controller:
    c = Controller(MemoryBackend(), analyst="tester")
    c.open(analysis)
    return c


def _place(c: Controller, text: str, nth: int = 0):
    return [p for p in c.snapshot.live_places if p.text == text][nth]


def test_snapshot_has_places_with_their_mentions(ctrl) -> None:
    places = {p.text: p for p in ctrl.snapshot.live_places}
    assert set(places) == {"موسكو", "كورسك", "مارينو"}
    assert places["موسكو"].name == "Moscow" and places["موسكو"].name_ar == "موسكو"
    assert places["كورسك"].is_area and places["كورسك"].uncertainty_km == 120.0
    assert not places["مارينو"].resolved
    for p in ctrl.snapshot.live_places:
        assert ctrl.snapshot.text[p.start:p.end] == p.text


def test_selecting_a_place_highlights_every_mention_of_it(ctrl) -> None:
    first = _place(ctrl, "موسكو")
    ctrl.select_place(first.id)
    both = {p.id for p in ctrl.snapshot.live_places if p.text == "موسكو"}
    assert ctrl.highlighted_place_ids() == both
    assert ctrl.highlighted_entity_ids() == both  # LOC entity ids are the place ids
    assert ctrl.selected_entity.text == "موسكو"


def test_selecting_an_entity_selects_its_place_and_other_mentions(ctrl) -> None:
    putin = next(e for e in ctrl.snapshot.live_entities if e.text == "بوتين")
    ctrl.select_entity(putin.id)
    assert ctrl.selected_place is None
    assert ctrl.highlighted_entity_ids() == {putin.id}
    kursk = next(e for e in ctrl.snapshot.live_entities if e.text == "كورسك")
    ctrl.select_entity(kursk.id)
    assert ctrl.selected_place.id == kursk.id
    assert ctrl.highlighted_place_ids() == {kursk.id}


def test_relabelling_a_place_away_from_loc_takes_it_off_the_map(ctrl) -> None:
    marino = _place(ctrl, "مارينو")
    assert ctrl.set_label(marino.id, "PER")
    assert "مارينو" not in {p.text for p in ctrl.snapshot.live_places}
    assert ctrl.snapshot.entity(marino.id).label == "PER"
    assert ctrl.set_label(marino.id, "LOC")
    assert "مارينو" in {p.text for p in ctrl.snapshot.live_places}


def test_choose_candidate_and_pin(ctrl) -> None:
    kursk = _place(ctrl, "كورسك")
    assert ctrl.choose_candidate(kursk.id, 1)
    p = ctrl.snapshot.place(kursk.id)
    assert (p.name, p.status, p.is_area) == ("Kursk", "candidate", False)
    marino = _place(ctrl, "مارينو")
    assert ctrl.pin_place(marino.id, 51.05, 35.2, "Marino")
    p = ctrl.snapshot.place(marino.id)
    assert (p.latitude, p.longitude, p.name, p.status) == (51.05, 35.2, "Marino", "pinned")
    assert ctrl.snapshot.revision == 2


def test_invalid_change_is_a_message_and_changes_nothing(ctrl) -> None:
    messages = []
    ctrl.on_message(lambda level, text: messages.append((level, text)))
    before = ctrl.snapshot
    assert not ctrl.pin_place(_place(ctrl, "مارينو").id, 95.0, 10.0, "nowhere")
    assert not ctrl.choose_candidate(_place(ctrl, "موسكو").id, 7)
    assert ctrl.add_entity(3, 3, "PER") is None
    assert ctrl.snapshot == before
    assert [lvl for lvl, _ in messages] == ["error"] * 3
    assert "not in -90..90" in messages[0][1]


def test_add_entity_from_first_and_last_word(ctrl) -> None:
    words = [t.text for t in ctrl.tokens]
    first, last = words.index("القوات"), words.index("القوات")
    eid = ctrl.add_entity_from_tokens(first, last, "ORG")
    e = ctrl.snapshot.entity(eid)
    assert (e.text, e.label, e.origin) == ("القوات", "ORG", "analyst")
    assert ctrl.selection == Selection("entity", eid)
    assert ctrl.add_entity_from_tokens(5, 2, "ORG") is None


def test_findings_on_entity_place_and_span(ctrl) -> None:
    putin = next(e for e in ctrl.snapshot.live_entities if e.text == "فلاديمير بوتين")
    f1 = ctrl.add_finding(note="same person?", tags="leader, russia", target=Selection("entity", putin.id))
    f2 = ctrl.add_finding(note="where exactly?", confidence="doubtful",
                          target=Selection("place", _place(ctrl, "مارينو").id))
    f3 = ctrl.add_finding(note="claim", target=Selection("span", None, 0, 3))
    by_id = {f.id: f for f in ctrl.snapshot.findings}
    assert by_id[f1].tags == ("leader", "russia") and by_id[f1].quote == "فلاديمير بوتين"
    assert by_id[f2].target == "place" and by_id[f2].confidence == "doubtful"
    assert by_id[f3].quote == "قال" and by_id[f3].analyst == "tester"
    assert ctrl.update_finding(f3, status="resolved", note="checked")
    assert {f.id: f.status for f in ctrl.snapshot.findings}[f3] == "resolved"
    assert ctrl.delete_finding(f1)
    assert f1 not in {f.id for f in ctrl.snapshot.findings}
    ctrl.select(None)
    assert ctrl.add_finding(note="no target") is None


def test_stale_write_from_another_session_is_refused_then_reload(tmp_path, analysis) -> None:
    with FindingsStore(tmp_path / "f.sqlite") as s1, FindingsStore(tmp_path / "f.sqlite") as s2:
        a, b = Controller(StoreBackend(s1), analyst="a"), Controller(StoreBackend(s2), analyst="b")
        a.open(analysis)
        b.open(analysis)
        marino = _place(a, "مارينو").id
        assert a.pin_place(marino, 51.0, 35.0, "Marino")
        messages = []
        b.on_message(lambda level, text: messages.append(text))
        assert not b.set_label(marino, "PER")
        assert b.stale and "Another session changed this article" in messages[-1]
        b.reload()
        assert not b.stale and b.snapshot.place(marino).status == "pinned"
        assert b.set_label(marino, "PER")


def test_tokens_index_the_original_text() -> None:
    text = "قال «بوتين» في موسكو."
    assert [(t.text, text[t.start:t.end]) for t in tokens(text)][1] == ("بوتين", "بوتين")
