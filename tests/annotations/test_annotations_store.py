"""FindingsStore: reopen restores exactly, stale writes, history and revert, analyst gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotation_fixtures import TEXT, make_analysis, span

from workbench.analysis import Analysis, Entity
from workbench.annotations import (
    AddEntity,
    AddFinding,
    ChooseCandidate,
    ConfirmPlace,
    DeleteEntity,
    DeleteFinding,
    FindingsStore,
    InvalidChangeError,
    PinPlace,
    SetLabel,
    StaleWriteError,
    UnknownArticleError,
    UpdateFinding,
    initial_state,
    place_target,
    span_target,
)
from workbench.annotations.store import default_store_path
from workbench.articles.model import Article
from workbench.geo.model import ResolvedPlace

OTHER_TEXT = "وصلت تعزيزات إلى مارِينو صباح اليوم بحسب مصادر محلية."


def other_analysis(text: str = OTHER_TEXT) -> Analysis:
    """Another article: one unresolved LOC, the same name as above with a kasra."""
    s, e = span(text, "مارِينو")
    place = ResolvedPlace(s, e, "مارِينو", None, 0.0, (), "no candidate")
    return Analysis(Article(text=text, title="تعزيزات"), [Entity(s, e, "مارِينو", "LOC")], [place])


def _work(store: FindingsStore, ids: dict[str, str]):
    st = store.open_article(make_analysis())
    aid = st.article_id
    for change in [
        ChooseCandidate(ids["كورسك"], candidate_index=1),
        PinPlace(ids["مارينو"], 51.25, 35.4, "Marino", "RU"),
        DeleteEntity(ids["بوتين"]),
        AddEntity(*span(TEXT, "القوات الروسية"), "ORG"),
        AddFinding(place_target(ids["مارينو"]), "فيديو محدد الموقع", ("geoloc", "video")),
        AddFinding(span_target(0, 11), "من هم؟", confidence="doubtful"),
    ]:
        st = store.apply(aid, change, expected_revision=st.revision)
    return st


def test_reopening_restores_every_correction_and_finding(tmp_path, ids) -> None:
    path = tmp_path / "f.sqlite"
    with FindingsStore(path, analyst="amal") as store:
        saved = _work(store, ids)
    assert saved.revision == 6
    with FindingsStore(path) as store:
        again = store.open_article(make_analysis())  # a fresh analysis of the same text
        assert again == saved
        assert store.load(saved.article_id) == saved
        assert again.findings[0].analyst == "amal"


def test_apply_returns_the_saved_state(store, ids) -> None:
    st = store.open_article(make_analysis())
    assert st.revision == 0 and st == initial_state(make_analysis())
    new = store.apply(st.article_id, ConfirmPlace(ids["كورسك"]), expected_revision=0)
    assert new.revision == 1 and store.load(st.article_id) == new


def test_a_change_as_a_dict_is_accepted(store, ids) -> None:
    st = store.open_article(make_analysis())
    new = store.apply(
        st.article_id, {"type": "set_label", "entity_id": ids["بوتين"], "label": "ORG"},
        expected_revision=0,
    )  # fmt: skip
    assert new.entity(ids["بوتين"]).label == "ORG"


def test_a_stale_write_is_refused_and_saves_nothing(store, ids) -> None:
    st = store.open_article(make_analysis())
    store.apply(st.article_id, ConfirmPlace(ids["كورسك"]), expected_revision=0)
    with pytest.raises(StaleWriteError) as info:
        store.apply(st.article_id, SetLabel(ids["كورسك"], "ORG"), expected_revision=0)
    err = info.value
    assert (err.code, err.expected_revision, err.actual_revision) == ("W411", 0, 1)
    assert "reload" in err.message and "Nothing was saved" in err.message
    assert store.load(st.article_id).entity(ids["كورسك"]).label == "LOC"
    assert len(store.history(st.article_id)) == 1


def test_an_invalid_change_saves_nothing(store, ids) -> None:
    st = store.open_article(make_analysis())
    with pytest.raises(InvalidChangeError):
        store.apply(st.article_id, ConfirmPlace(ids["مارينو"]), expected_revision=0)
    assert store.load(st.article_id) == st and store.history(st.article_id) == []


def test_unknown_article(store) -> None:
    with pytest.raises(UnknownArticleError, match="open_article"):
        store.apply("0" * 16, ConfirmPlace("m:1:2"), expected_revision=0)
    assert store.load("0" * 16) is None


def test_history_records_who_what_before_and_after(store, ids) -> None:
    st = _work(store, ids)
    store.analyst = "bilal"
    store.apply(st.article_id, DeleteFinding(st.findings[1].id), expected_revision=6)
    hist = store.history(st.article_id)
    assert [h.revision for h in hist] == list(range(1, 8))
    assert [h.change["type"] for h in hist] == [
        "choose", "pin", "delete_entity", "add_entity", "add_finding", "add_finding",
        "delete_finding",
    ]  # fmt: skip
    assert {h.analyst for h in hist[:6]} == {"tester"} and hist[6].analyst == "bilal"
    pin = hist[1]
    assert pin.before["places"][ids["مارينو"]]["status"] == "unresolved"
    assert pin.after["places"][ids["مارينو"]]["status"] == "pinned"
    assert hist[6].after["findings"] == {st.findings[1].id: None}


def test_revert_undoes_one_change_and_keeps_later_ones(store, ids) -> None:
    st = _work(store, ids)
    hist = store.history(st.article_id)
    pin = next(h for h in hist if h.change["type"] == "pin")
    reverted = store.revert(st.article_id, pin.id, expected_revision=st.revision)
    m = ids["مارينو"]
    assert reverted.places[m].status == "unresolved"
    assert reverted.findings == st.findings  # later changes kept
    assert reverted.revision == st.revision + 1
    last = store.history(st.article_id)[-1]
    assert last.change["type"] == "set_records" and str(pin.id) in last.change["reason"]
    # reverting the revert brings the pin back
    again = store.revert(st.article_id, last.id, expected_revision=reverted.revision)
    assert again.places[m] == st.places[m]


def test_revert_of_a_deleted_finding_restores_it_in_place(store, ids) -> None:
    st = _work(store, ids)
    first = st.findings[0]
    st2 = store.apply(st.article_id, DeleteFinding(first.id), expected_revision=st.revision)
    entry = store.history(st.article_id)[-1]
    back = store.revert(st.article_id, entry.id, expected_revision=st2.revision)
    assert back.findings == st.findings


def test_revert_checks_revision_and_entry(store, ids) -> None:
    st = _work(store, ids)
    with pytest.raises(StaleWriteError):
        store.revert(st.article_id, store.history(st.article_id)[0].id, expected_revision=0)
    with pytest.raises(UnknownArticleError):
        store.revert(st.article_id, 99999, expected_revision=st.revision)


def test_update_finding_is_stamped_by_the_store(store, ids) -> None:
    st = _work(store, ids)
    f = st.findings[0]
    new = store.apply(st.article_id, UpdateFinding(f.id, status="resolved"), expected_revision=6)
    g = new.finding(f.id)
    assert g.status == "resolved" and g.updated >= f.updated and g.created == f.created


def test_articles_and_delete(store, ids) -> None:
    st = _work(store, ids)
    other = store.open_article(other_analysis())
    summaries = store.articles()
    assert {s.article_id for s in summaries} == {st.article_id, other.article_id}
    mine = next(s for s in summaries if s.article_id == st.article_id)
    assert (mine.title, mine.revision, mine.n_findings, mine.url) == (
        "مارينو", 6, 2, "https://example.org/a/1",
    )  # fmt: skip
    assert store.delete_article(st.article_id) is True
    assert store.delete_article(st.article_id) is False
    assert store.load(st.article_id) is None and store.history(st.article_id) == []
    assert store.analyst_places() == []  # pins of a deleted article leave the gazetteer


def test_a_pin_joins_the_analyst_gazetteer_and_resolves_later_articles(store, ids) -> None:
    _work(store, ids)
    places = store.analyst_places()
    assert len(places) == 1 and (places[0].name, places[0].analyst) == ("Marino", "tester")
    # normalized matching: diacritics, alef/ya variants
    assert store.lookup_analyst_place("مارِينو")[0].latitude == 51.25
    assert store.lookup_analyst_place("كورسك") == []
    later = store.open_article(other_analysis())
    mid = next(e.id for e in later.entities if e.text == "مارِينو")
    p = later.place_for(mid)
    assert (p.status, p.latitude, p.longitude, p.name) == ("machine", 51.25, 35.4, "Marino")
    assert p.candidates[0]["match"] == "analyst" and "tester" in p.reason
    no = FindingsStore(store.location).open()
    try:
        third = other_analysis(OTHER_TEXT + " ")
        assert (
            no.open_article(third, use_analyst_places=False).place_for(f"m:{mid.split(':', 1)[1]}").status
            == "unresolved"
        )
    finally:
        no.close()


def test_unpinning_removes_the_gazetteer_entry_and_revert_restores_it(store, ids) -> None:
    st = _work(store, ids)
    st = store.apply(st.article_id, DeleteEntity(ids["مارينو"]), expected_revision=st.revision)
    assert store.analyst_places() == []
    deletion = store.history(st.article_id)[-1]
    store.revert(st.article_id, deletion.id, expected_revision=st.revision)
    assert [p.name for p in store.analyst_places()] == ["Marino"]


def test_save_state_writes_only_the_differences(store, ids) -> None:
    st = store.open_article(make_analysis())
    edited = ConfirmPlace(ids["كورسك"]).apply(st)
    saved = store.save_state(edited, expected_revision=0, reason="import")
    assert saved.places == edited.places and saved.revision == 1
    h = store.history(st.article_id)[-1]
    assert list(h.after) == ["places"] and list(h.after["places"]) == [ids["كورسك"]]


def test_default_path_and_env(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "env.sqlite"))
    assert FindingsStore().path == tmp_path / "env.sqlite"
    monkeypatch.delenv("WORKBENCH_DB")
    assert Path(default_store_path()).name == "findings.sqlite"
    assert "arabic-osint-workbench" in default_store_path()
    assert not (tmp_path / "env.sqlite").exists()  # the constructor does no I/O


def test_unsupported_url_scheme(monkeypatch) -> None:
    from workbench.annotations import StoreError

    monkeypatch.setenv("WORKBENCH_DB", "mysql://db/x")
    with pytest.raises(StoreError, match="'mysql' is not supported"):
        FindingsStore()


def test_analyst_defaults_to_the_login_name(tmp_path) -> None:
    import getpass

    s = FindingsStore(tmp_path / "x.sqlite")
    assert s.analyst == getpass.getuser()
    s.analyst = "  سارة  "
    assert s.analyst == "سارة"
    with pytest.raises(ValueError):
        s.analyst = " "


def test_using_a_closed_store_says_to_open_it(tmp_path) -> None:
    from workbench.annotations import StoreError

    with pytest.raises(StoreError, match="open"):
        FindingsStore(tmp_path / "x.sqlite").load("0" * 16)


def test_open_article_from_a_state_checks_its_id(store, state) -> None:
    from dataclasses import replace

    with pytest.raises(InvalidChangeError, match="article_id"):
        store.open_article(replace(state, article_id="0" * 16))
    edited = replace(ConfirmPlace(state.entities[1].id).apply(state), revision=7)
    saved = store.open_article(edited)
    assert saved.revision == 0 and saved.places == edited.places
