"""The interface in Arabic or English, switched at run time; Arabic laid out right-to-left."""

from __future__ import annotations

import sys
import types

import pytest
from ui_fixtures import tiny_analysis

from workbench.errors import WorkbenchError
from workbench.ui import Workbench
from workbench.ui.app import HISTORY_TAB
from workbench.ui.i18n import t


def test_arabic_interface_from_config_is_right_to_left(make_app) -> None:
    app = make_app(ui_language="ar")
    assert app.lang == "ar" and app.direction == "rtl" and "wb-rtl" in app._dom_classes
    assert ".wb-app.wb-rtl{direction:rtl}" in app.style.value
    assert app.save_button.description == "حفظ" and app.language.value == "ar"
    assert [app.tabs.get_title(i) for i in range(4)] == ["الكيانات", "التصحيح", "الاستنتاجات", "السجل"]
    assert app.loader.open_sample.description == "فتح العيّنة"
    assert "لا يوجد مقال مفتوح" in app.status.value
    app.load(tiny_analysis())
    assert app.last_message == ("success", "فُتح المقال «كورسك».")
    assert "تعذّر تحديد موقع 1 من الأماكن" in app.map_view.hint.value
    assert "<th>الكيان</th>" in app.table.table.value
    app.map_view.pin_mode.value = True
    app.map_view.click_map(51.1, 35.3)  # no place selected: the message is Arabic too
    assert app.last_message == ("error", t("msg.select_place_first", "ar"))


def test_the_header_toggle_switches_every_label_at_run_time(make_app) -> None:
    app = make_app()
    app.load(tiny_analysis())
    app.select_place(app.find_place("كورسك").id)
    app.findings.note.value = "draft"
    assert app.corrections.confirm.description == "Confirm place" and "wb-rtl" not in app._dom_classes
    assert app.last_message == ("success", "Opened كورسك.")
    app.language.value = "ar"  # the analyst clicks العربية
    assert app.last_message == ("success", "فُتح المقال «كورسك».")  # the message follows
    assert "wb-rtl" in app._dom_classes and app.controller.lang == "ar"
    assert app.corrections.confirm.description == "تأكيد المكان"
    assert app.findings.add.description == "إضافة استنتاج"
    assert dict(app.findings.confidence.options)["مرجَّح"] == "probable"
    assert app.findings.note.value == "draft"  # nothing typed is lost
    assert app.table.filter.options[0] == ("الكل", "")
    assert "إرفاق بـ" in app.findings.target.value and "المكان <b>كورسك</b>" in app.findings.target.value
    assert "الاسم العربي" in app.map_view.markers[app.find_place("موسكو").id].popup.value
    assert app.controller.selected_place.text == "كورسك"  # selection kept
    app.tabs.selected_index = HISTORY_TAB
    app.set_label(app.find_entity("بوتين").id, "ORG")
    assert app.history_panel.items[0].summary == "تصنيف «بوتين»"
    assert app.history_panel.button(app.history_panel.items[0].id).description == "تراجع"
    app.set_language("en")
    assert app.language.value == "en" and "wb-rtl" not in app._dom_classes
    assert app.history_panel.items[0].summary == "Label of «بوتين»"
    assert app.corrections.confirm.description == "Confirm place"


def test_errors_of_the_load_panel_follow_the_language(make_app) -> None:
    app = make_app(ui_language="ar")
    app.loader.paste.value = "  "
    app.loader.analyse_text.click()
    assert "W104" in app.loader.message.value and "مربع اللصق فارغ" in app.loader.message.value


def test_unknown_interface_language_is_refused() -> None:
    with pytest.raises(WorkbenchError, match="W501"):
        Workbench.from_config(ui_language="fr", store_path=":memory:", tiles=False)


def test_exercise_delegates_to_the_student_app(monkeypatch) -> None:
    calls = []
    pkg = types.ModuleType("workbench.exercises")
    mod = types.ModuleType("workbench.exercises.app")

    class StudentApp:
        @classmethod
        def open(cls, file, **kwargs):
            calls.append((file, kwargs))
            return "student app"

    mod.StudentApp = StudentApp
    monkeypatch.setitem(sys.modules, "workbench.exercises", pkg)
    monkeypatch.setitem(sys.modules, "workbench.exercises.app", mod)
    assert Workbench.exercise("ex.json", student="Salma", ui_language="ar") == "student app"
    assert calls == [("ex.json", {"student": "Salma", "ui_language": "ar"})]


def test_exercise_without_the_exercise_mode_says_what_to_do(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "workbench.exercises.app", None)  # import fails
    with pytest.raises(WorkbenchError, match="W502") as err:
        Workbench.exercise("ex.json", student="Salma")
    assert "exercise mode is not available" in str(err.value)
