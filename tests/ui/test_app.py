"""The whole app, driven through its widgets and public methods, over a real findings store."""

from __future__ import annotations

import sqlite3

from ui_fixtures import TEXT, tiny_analysis

from workbench.ui import Workbench
from workbench.ui.backend import MemoryBackend


def test_open_shows_text_table_map_and_saved_state(make_app) -> None:
    app = make_app()
    assert app.load(tiny_analysis())
    assert 'dir="rtl"' in app.article_view.text.value
    assert len(app.table.rows) == 6  # موسكو twice in one row
    assert app.map_view.marker_count == 2
    assert "saved" in app.status.value
    assert app.load_box.selected_index is None  # the load panel folds away


def test_selection_follows_across_text_table_and_map(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    order = app.article_view.entity_order
    moscow_idx = next(i for i, eid in enumerate(order) if app.state.entity(eid).text == "موسكو")
    app.article_view.click_entity(moscow_idx)  # click on the word in the text
    both = {p.id for p in app.state.live_places if p.text == "موسكو"}
    assert app.controller.highlighted_place_ids() == both
    assert len(app.map_view.selection_layer.layers) == 1  # one ring around the one marker
    assert "wb-row-selected" in app.table.table.value
    assert "موسكو" in app.corrections.place_info.value
    kursk = app.find_place("كورسك")
    app.map_view.click_marker(kursk.id)  # and from the map back to the text
    i = app.article_view.entity_order.index(kursk.id)
    assert f'mark.wb-ent[data-ent="{i}"]' in app.article_view.text.value
    assert app.article_view.selector.value == kursk.id


def test_corrections_through_the_widgets(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    # relabel: select وزارة الدفاع in the table, choose a label, click
    app.table.click_row(next(i for i, r in enumerate(app.table.rows) if r.text == "وزارة الدفاع"))
    app.corrections.label.value = "MISC"
    app.corrections.set_label.click()
    assert app.find_entity("وزارة الدفاع").label == "MISC"
    # delete, then restore
    putin = app.find_entity("بوتين")
    app.select_entity(putin.id)
    app.corrections.delete.click()
    assert putin.id not in {e.id for e in app.state.live_entities}
    app.corrections.deleted.value = putin.id
    app.corrections.restore.click()
    assert putin.id in {e.id for e in app.state.live_entities}
    # add an entity from first and last word
    words = [t.text for t in app.controller.tokens]
    app.corrections.select_words(words.index("وزارة"), words.index("وزارة"))
    app.corrections.new_label.value = "ORG"
    app.corrections.add.click()
    assert app.controller.selected_entity.text == "وزارة"
    # another candidate for Kursk; Kursk Oblast was a circle, Kursk city is a pin
    kursk = app.find_place("كورسك")
    app.select_place(kursk.id)
    app.corrections.candidates.value = 1
    app.corrections.choose.click()
    assert app.state.place(kursk.id).name == "Kursk"
    assert sorted(type(x).__name__ for x in app.map_view.places_layer.layers) == ["Marker", "Marker"]
    assert app.state.revision == 5


def test_pin_an_unresolved_place_by_clicking_the_map(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    marino = app.find_place("مارينو")
    assert "could not be located" in app.map_view.hint.value
    app.map_view.unresolved.value = marino.id  # the invitation beside the map
    assert app.controller.selected_place.id == marino.id
    app.map_view.pin_name.value = "Marino (Kursk)"
    app.map_view.pin_mode.value = True
    app.map_view.click_map(51.1, 35.3)
    p = app.state.place(marino.id)
    assert (p.latitude, p.longitude, p.name, p.status) == (51.1, 35.3, "Marino (Kursk)", "pinned")
    assert app.map_view.marker_count == 3 and app.map_view.unresolved.options == ()


def test_map_click_without_a_selected_place_says_what_to_do(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    app.map_view.pin_mode.value = True
    app.map_view.click_map(51.1, 35.3)
    assert app.last_message[0] == "error" and "Select the place" in app.last_message[1]
    assert app.state.revision == 0


def test_findings_form_and_save_button(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    app.select_place(app.find_place("مارينو").id)
    f = app.findings
    f.note.value = "القرية غير موجودة في المعجم <script>"
    f.tags.value = ["kursk", "village"]
    f.confidence.value = "doubtful"
    f.add.click()
    (finding,) = app.state.findings
    assert (finding.target, finding.quote, finding.tags) == ("place", "مارينو", ("kursk", "village"))
    assert finding.analyst == "tester"
    assert "&lt;script&gt;" in f.table.value and "<script>" not in f.table.value
    f.note.value = "edited, not yet saved"
    assert "unsaved" in app.status.value
    app.save_button.click()
    assert app.state.findings[0].note == "edited, not yet saved"
    assert "✓ saved" in app.status.value


def test_reopening_restores_every_correction_and_finding(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    app.set_label(app.find_entity("وزارة الدفاع").id, "MISC")
    app.delete_entity(app.find_entity("بوتين").id)
    new = app.add_entity(TEXT.index("القوات"), TEXT.index("القوات") + len("القوات"), "ORG")
    app.choose_candidate(app.find_place("موسكو").id, 1)
    app.pin_place(app.find_place("مارينو").id, 51.1, 35.3, "Marino")
    fid = app.add_finding("check", tags=["x"], confidence="confirmed", entity=new)
    app.add_finding("span note", span=(0, 3))
    before = app.state
    again = make_app()  # a new kernel tomorrow: same store file, same article
    assert again.load(tiny_analysis())
    assert again.state == before
    assert "restored revision 7, 2 finding(s)" in again.last_message[1]
    assert {f.id for f in again.state.findings} >= {fid}
    assert len(again.article_view.entity_order) == len(before.live_entities)


def test_two_sessions_stale_write_is_shown_and_nothing_is_lost(make_app) -> None:
    a, b = make_app(analyst="a"), make_app(analyst="b")
    a.load(tiny_analysis())
    b.load(tiny_analysis())
    marino = a.find_place("مارينو").id
    assert a.pin_place(marino, 51.1, 35.3, "Marino")
    assert not b.set_label(marino, "PER")
    assert "Another session changed this article" in b.last_message[1]
    assert "another session" in b.status.value
    b.reload_button.click()
    assert b.state.place(marino).status == "pinned" and b.set_label(marino, "PER")


def test_bad_input_is_a_message_in_the_app_and_keeps_the_open_article(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    app.add_finding("keep me", span=(0, 3))
    app.loader.paste.value = "  "
    app.loader.analyse_text.click()
    assert "W104" in app.loader.message.value and app.last_message[0] == "error"
    app.loader.url.value = "not a url"
    app.loader.fetch.click()
    assert "W114" in app.loader.message.value
    # what the browser sends when a file is chosen
    app.loader.upload.set_state({"value": [{"name": "x.pdf", "type": "application/pdf", "size": 11,
                                            "last_modified": 0,
                                            "content": memoryview(b"%PDF-1.4\x00\x00\x01")}]})
    assert "W105" in app.loader.message.value
    assert not app.load("/no/such/file.txt") and "W101" in app.last_message[1]
    assert app.state.findings[0].note == "keep me"  # nothing already saved is lost
    assert app.load_box.selected_index == 0


def test_paste_and_sample_open_through_the_load_panel(make_app) -> None:
    app = make_app()
    app.loader.paste.value = TEXT
    app.loader.analyse_text.click()
    assert app.state is not None and app.state.source == "<pasted>"
    assert len(app.state.live_entities) == 7
    app.loader.sample.value = "kursk_marino"
    app.loader.open_sample.click()
    assert app.state.source == "sample:kursk_marino" and app.last_message[0] == "success"


def test_unusable_store_falls_back_to_memory_with_a_warning(tmp_path, analyzer) -> None:
    bad = tmp_path / "not-a-db.sqlite"
    bad.write_text("this is not SQLite" * 100)
    app = Workbench.from_config(store_path=bad, tiles=False, analyzer=analyzer)
    assert app.load(tiny_analysis())
    assert app.last_message[0] in ("error", "success")
    assert isinstance(app.controller.backend, MemoryBackend)
    assert "memory only" in app.status.value
    assert bad.read_text().startswith("this is not SQLite")  # left untouched


def test_memory_mode_and_open_classmethod() -> None:
    app = Workbench.open(tiny_analysis(), store_path=":memory:", tiles=False)
    assert app.state.revision == 0 and "memory only" in app.status.value
    assert app.set_label(app.find_entity("بوتين").id, "ORG") and app.state.revision == 1


def test_export_geojson(make_app, tmp_path) -> None:
    import json

    app = make_app()
    app.load(tiny_analysis())
    app.pin_place(app.find_place("مارينو").id, 51.1, 35.3, "Marino")
    out = app.export(tmp_path / "places.geojson")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert any("Marino" in json.dumps(f, ensure_ascii=False) for f in doc["features"])


def test_static_fallback_html_for_viewers_without_widgets(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'dir="rtl"' in bundle["text/html"] and "&lt;b&gt;" in bundle["text/html"]


def test_store_file_is_sqlite_with_the_history(make_app, tmp_path) -> None:
    app = make_app()
    app.load(tiny_analysis())
    app.set_label(app.find_entity("بوتين").id, "ORG")
    assert [h.change["type"] for h in app.store.history(app.state.article_id)] == ["set_label"]
    with sqlite3.connect(tmp_path / "findings.sqlite") as db:
        assert db.execute("select count(*) from articles").fetchone() == (1,)
