"""The History tab: every change listed (who, when, what, before → after) and revertible."""

from __future__ import annotations

from ui_fixtures import tiny_analysis

from workbench.annotations.model import HistoryEntry
from workbench.ui import Workbench
from workbench.ui.app import HISTORY_TAB
from workbench.ui.history import MAX_ROWS, HistoryPanel, describe_entry


def _open_history(app) -> None:
    app.tabs.selected_index = HISTORY_TAB  # what the analyst clicks


def test_history_tab_lists_changes_newest_first_with_before_and_after(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    putin = app.find_entity("بوتين")
    app.set_label(putin.id, "ORG")
    app.pin_place(app.find_place("مارينو").id, 51.1, 35.3, "Marino")
    app.add_finding("قرية صغيرة", tags=["kursk"], place=app.find_place("مارينو").id)
    _open_history(app)
    items = app.history_panel.items
    assert [i.type for i in items] == ["add_finding", "pin", "set_label"]
    finding, pin, label = items
    assert label.summary == "Label of «بوتين»" and label.details == "label: PER → ORG"
    assert label.analyst == "tester" and label.at[:2] == "20" and label.revision == 1
    assert pin.summary == "Pinned «مارينو» on the map"
    assert "status: unresolved → pinned" in pin.details
    assert "location: — → 51.1000, 35.3000" in pin.details
    assert finding.summary == "Added a finding on «مارينو»" and "قرية صغيرة" in finding.details
    shown = app.history_panel.rows.children[2].children[0].value
    assert "Label of «بوتين»" in shown and "tester" in shown and "PER → ORG" in shown


def test_revert_button_undoes_one_change_and_the_history_grows(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    putin = app.find_entity("بوتين")
    org = app.find_entity("وزارة الدفاع")
    app.set_label(putin.id, "ORG")
    app.set_label(org.id, "MISC")
    _open_history(app)
    first = app.history_panel.items[-1]
    app.history_panel.button(first.id).click()
    assert app.state.entity(putin.id).label == "PER"  # undone
    assert app.state.entity(org.id).label == "MISC"  # the later change to another record stays
    assert app.last_message == ("success", f"Reverted change #{first.id}: Label of «بوتين».")
    items = app.history_panel.items  # refreshed at once: the revert is itself a change
    assert items[0].summary == f"Reverted change #{first.id}" and len(items) == 3
    assert items[0].details == "label: ORG → PER"
    app.history_panel.button(items[0].id).click()  # revert the revert
    assert app.state.entity(putin.id).label == "ORG"
    again = make_app()  # and it is all in the store
    again.load(tiny_analysis())
    assert again.state == app.state and len(again.history()) == 4


def test_revert_restores_a_deleted_finding(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    fid = app.add_finding("keep", span=(0, 3))
    app.delete_finding(fid)
    assert app.state.findings == ()
    _open_history(app)
    deletion = app.history_panel.items[0]
    assert deletion.summary.startswith("Deleted the finding on «") and "removed" in deletion.details
    app.history_panel.button(deletion.id).click()
    assert [f.id for f in app.state.findings] == [fid]


def test_revert_after_another_session_changed_the_article_asks_to_reload(make_app) -> None:
    a, b = make_app(analyst="a"), make_app(analyst="b")
    a.load(tiny_analysis())
    putin = a.find_entity("بوتين").id
    a.set_label(putin, "ORG")
    b.load(tiny_analysis())
    _open_history(b)
    a.set_label(putin, "MISC")  # meanwhile, in the other session
    b.history_panel.button(b.history_panel.items[0].id).click()
    assert "Another session changed this article" in b.last_message[1]
    assert "another session" in b.status.value
    assert a.article_state.revision == 2 and b.state.entity(putin).label == "ORG"  # nothing applied
    b.reload_button.click()
    _open_history(b)
    assert [i.analyst for i in b.history_panel.items] == ["a", "a"]
    assert b.history_panel.button(b.history_panel.items[0].id).click() is None
    assert b.state.entity(putin).label == "ORG" and b.history()[0].analyst == "b"


def test_revert_that_cannot_apply_says_why_and_changes_nothing(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    toks = [t.text for t in app.controller.tokens]
    new = app.add_entity_from_words(toks.index("القوات"), toks.index("القوات"), "ORG")
    app.add_finding("about the forces", entity=new)
    _open_history(app)
    added = app.history_panel.items[-1]
    before = app.state
    app.history_panel.button(added.id).click()  # a finding targets the added entity
    assert app.last_message[0] == "error" and f"revert change #{added.id}" in app.last_message[1]
    assert app.state == before


def test_history_in_memory_mode_too() -> None:
    app = Workbench.open(tiny_analysis(), store_path=":memory:", tiles=False, analyst="m")
    app.set_label(app.find_entity("بوتين").id, "ORG")
    (item,) = app.history()
    assert item.analyst == "m" and item.details == "label: PER → ORG"
    assert app.revert(item.id) and app.find_entity("بوتين").label == "PER"


def test_history_is_read_only_while_its_tab_is_open(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    app.set_label(app.find_entity("بوتين").id, "ORG")
    assert app.history_panel.items == []  # not read yet: the tab is closed
    _open_history(app)
    assert len(app.history_panel.items) == 1
    app.tabs.selected_index = 0
    app.set_label(app.find_entity("بوتين").id, "PER")
    _open_history(app)
    assert len(app.history_panel.items) == 2


def test_describe_entry_of_records_saved_by_other_tools() -> None:
    entry = HistoryEntry(7, "a1", 3, "importer", "2024-05-01T10:00:00.123Z",
                         {"type": "set_records", "records": {}, "reason": "imported GeoJSON"},
                         {}, {})
    item = describe_entry(entry, lang="ar")
    assert item.summary == "حفظ سجلات (imported GeoJSON)" and item.at == "2024-05-01 10:00:00"
    odd = describe_entry(HistoryEntry(8, "a1", 4, "x", "", {"type": "future_kind"}, {}, {}))
    assert odd.summary == "Change future_kind"


def test_long_histories_show_the_newest_and_count_the_rest(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    eid = app.find_entity("بوتين").id
    for i in range(MAX_ROWS + 2):
        app.set_label(eid, "ORG" if i % 2 == 0 else "PER")
    _open_history(app)
    panel = app.history_panel
    assert len(panel.rows.children) == MAX_ROWS and "2 older change(s)" in panel.more.value
    assert isinstance(panel, HistoryPanel) and panel.items[0].revision == MAX_ROWS + 2
