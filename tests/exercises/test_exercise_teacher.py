"""The teacher's view: class table, items, most missed, and the map (no browser)."""

from __future__ import annotations

import pytest
from exercise_fixtures import BENGHAZI, BENINA, KOREA, MOSCOW, exercise_dict

from workbench.exercises import Exercise, Submission, save_submission
from workbench.exercises.teacher import TeacherView, class_table, item_table, most_missed

ALL = [("فلاديمير بوتين", "PER"), ("موسكو", "LOC"), ("كوريا الجنوبية", "LOC"), ("بنينا", "LOC"),
       ("بنغازي", "LOC"), ("وزارة الدفاع", "ORG")]


@pytest.fixture
def ex() -> Exercise:
    return Exercise.from_dict(exercise_dict())


@pytest.fixture
def subs(ex: Exercise) -> list[Submission]:
    places = {"موسكو": MOSCOW, "كوريا الجنوبية": KOREA, "بنينا": BENINA, "بنغازي": BENGHAZI}
    return [
        Submission.from_answers(ex, "Amal", ALL, places),
        # Accepted the machine: «نينا», no ORG, Benghazi far away.
        Submission.from_answers(ex, "Omar", [*ALL[:3], ("نينا", "LOC"), ("بنغازي", "LOC")],
                                {"موسكو": MOSCOW, "بنغازي": (31.0, 21.0)}),
        Submission.from_answers(ex, "<b>Lina</b>", [ALL[0], ALL[1], ("وزارة الدفاع", "LOC")],
                                {"موسكو": (MOSCOW[0] + 1, MOSCOW[1])}),
    ]


def test_class_table_ranks_students(ex: Exercise, subs: list[Submission]) -> None:
    t = class_table(ex, subs)
    assert list(t.index) == ["Amal", "Omar", "<b>Lina</b>"]
    assert t.loc["Amal", "score"] == 100 and t.loc["Amal", "places_passed"] == 4
    assert t.loc["Omar", "f1_ORG"] == 0 and t.loc["Omar", "places_passed"] == 1
    assert {"f1_PER", "f1_LOC", "f1_ORG", "entity_f1"} <= set(t.columns)


def test_item_table_has_a_row_per_item_and_a_column_per_student(ex: Exercise, subs: list[Submission]) -> None:
    t = item_table(ex, subs)
    assert list(t.index) == ["E1", "E2", "E3", "E4", "E5", "E6", "P1", "P2", "P3", "P4"]
    assert t.loc["E1", "share"] == 1.0  # everybody found بوتين
    benina = t[(t["kind"] == "entity") & (t["text"] == "بنينا")].iloc[0]
    assert bool(benina["Amal"]) and not benina["Omar"] and benina["share"] == pytest.approx(1 / 3)
    moscow = t[(t["kind"] == "place") & (t["text"] == "موسكو")].iloc[0]
    assert bool(moscow["Omar"]) and not moscow["<b>Lina</b>"]  # 111 km off with 20 km tolerance


def test_most_missed_orders_by_students_and_says_how(ex: Exercise, subs: list[Submission]) -> None:
    t = most_missed(ex, subs)
    top = t.iloc[0]
    assert top["missed_by"] == 2
    assert set(t["text"].head(3)) >= {"بنينا", "وزارة الدفاع"}
    ministry = t[t["text"] == "وزارة الدفاع"].iloc[0]
    assert ministry["missed"] == 1 and ministry["wrong_label"] == 1
    assert "بوتين" not in " ".join(t["text"])


def test_latest_submission_per_student_wins(ex: Exercise, subs: list[Submission]) -> None:
    again = Submission.from_answers(ex, "Omar", ALL)
    assert class_table(ex, [*subs, again]).loc["Omar", "entity_f1"] == 1


def test_teacher_view_from_collected_files(ex: Exercise, subs: list[Submission], tmp_path) -> None:
    for s in subs:
        save_submission(s, tmp_path / "collected" / s.student.strip("<>/b") / "submission.json")
    (tmp_path / "collected" / "broken.json").write_text("{", encoding="utf-8")
    view = TeacherView.open(ex, tmp_path / "collected", tiles=False)
    try:
        assert len(view.results) == 3 and len(view.problems) == 1
        assert "Amal" in view.scores.value and "&lt;b&gt;Lina&lt;/b&gt;" in view.scores.value
        assert "<b>Lina</b>" not in view.scores.value  # student names are data, escaped
        assert "broken.json" in view.scores.value
        assert "بنينا" in view.missed.value
        # The map: one circle per distinct gold place, one marker per located answer.
        assert len(view.gold_layer.layers) == 4
        colors = [m.color for m in view.pins_layer.layers]
        assert len(colors) == 4 + 2 + 1 and colors.count("#b91c1c") == 2
        radii = {m.name: m.radius for m in view.gold_layer.layers}
        assert radii["gold بنينا"] == 10_000
        view.language.value = "ar"
        assert "نتائج الصف" in view.title.value and 'dir="rtl"' in view.scores.value
        assert view.tabs.get_title(0) == "الدرجة" and "wb-rtl" in view._dom_classes
    finally:
        view.close()
