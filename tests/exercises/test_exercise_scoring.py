"""Scoring on hand-made cases: spans, clitics, labels, places, totals (pure, no widgets)."""

from __future__ import annotations

import math

import pytest
from exercise_fixtures import BENGHAZI, BENINA, KOREA, MOSCOW, TEXT, exercise_dict, span

from workbench.exercises import (
    Exercise,
    ExerciseMismatchError,
    Submission,
    SubmissionFormatError,
    check_submission,
)
from workbench.exercises.model import SubmittedEntity
from workbench.exercises.scoring import haversine_km, match_entities, same_span

GOLD_ANSWERS = [("فلاديمير بوتين", "PER"), ("موسكو", "LOC"), ("كوريا الجنوبية", "LOC"), ("بنينا", "LOC"),
                ("بنغازي", "LOC"), ("وزارة الدفاع", "ORG")]
GOLD_PLACES = {"موسكو": MOSCOW, "كوريا الجنوبية": KOREA, "بنينا": BENINA, "بنغازي": BENGHAZI}


@pytest.fixture
def ex() -> Exercise:
    return Exercise.from_dict(exercise_dict())


def test_perfect_submission_scores_100(ex: Exercise) -> None:
    r = check_submission(ex, Submission.from_answers(ex, "amal", GOLD_ANSWERS, GOLD_PLACES))
    assert r.score == 100
    assert all(s.f1 == 1 for s in r.labels.values())
    assert [p.status for p in r.places] == ["pass"] * 4
    assert r.count("correct") == 6 and not r.missed


def test_empty_submission_scores_0_and_lists_every_gold_entity_as_missed(ex: Exercise) -> None:
    r = check_submission(ex, Submission.from_answers(ex, "nobody"))
    assert r.score == 0
    assert r.count("missed") == 6
    assert {p.status for p in r.places} == {"not_marked"}
    assert r.labels["LOC"].recall == 0 and r.labels["LOC"].precision is None


def test_student_span_with_attached_waw_matches_gold_without_it(ex: Exercise) -> None:
    """«وكوريا الجنوبية» (student) counts as gold «كوريا الجنوبية»: و is a proclitic."""
    answers = [a for a in GOLD_ANSWERS if a[0] != "كوريا الجنوبية"] + [("وكوريا الجنوبية", "LOC")]
    r = check_submission(ex, Submission.from_answers(ex, "amal", answers, {"وكوريا الجنوبية": KOREA}))
    korea = next(o for o in r.entities if o.gold and o.gold.text == "كوريا الجنوبية")
    assert korea.kind == "correct" and korea.student is not None and korea.student.text == "وكوريا الجنوبية"
    assert next(p for p in r.places if p.gold.text == "كوريا الجنوبية").status == "pass"


def test_clitic_tolerance_is_one_directional_and_can_be_turned_off() -> None:
    t = "وكوريا الجنوبية"
    assert same_span(t, (1, len(t)), (0, len(t)))
    assert not same_span(t, (1, len(t)), (0, len(t)), proclitic_tolerant=False)
    # Cutting a letter off the name is never the same span: «نينا» is not «بنينا».
    assert not same_span("مطار بنينا", (5, 10), (6, 10))
    # The extra letters must be a proclitic attached to the name, starting a word.
    assert not same_span("ابنينا", (2, 6), (1, 6))  # «بنينا» inside «ابنينا» does not start a word
    assert not same_span("و بنينا", (2, 7), (0, 7))  # a space between: two words
    assert same_span("وللكرملين", (2, 9), (0, 9))  # «ول» + «لكرملين»


def test_proclitic_tolerance_off_in_settings_makes_it_a_boundary_error() -> None:
    ex = Exercise.from_dict(exercise_dict(proclitic_tolerant=False))
    r = check_submission(ex, Submission.from_answers(ex, "amal", [("وكوريا الجنوبية", "LOC")]))
    assert [o.kind for o in r.entities if o.student] == ["boundary"]


def test_overlapping_spans_are_boundary_errors_counted_as_fn_and_fp(ex: Exercise) -> None:
    r = check_submission(ex, Submission.from_answers(ex, "sam", [("نينا", "LOC"), ("وزارة", "ORG")]))
    kinds = {o.gold.text: o.kind for o in r.entities if o.gold}
    assert kinds["بنينا"] == "boundary" and kinds["وزارة الدفاع"] == "boundary"
    assert r.labels["LOC"].fp == 1 and r.labels["ORG"].fp == 1 and r.labels["ORG"].fn == 1
    assert r.labels["ORG"].f1 == 0


def test_wrong_label_on_the_right_span(ex: Exercise) -> None:
    r = check_submission(ex, Submission.from_answers(ex, "sam", [("وزارة الدفاع", "LOC")]))
    o = next(o for o in r.entities if o.gold and o.gold.label == "ORG")
    assert o.kind == "wrong_label"
    assert r.labels["ORG"].fn == 1 and r.labels["LOC"].fp == 1


def test_labels_that_do_not_count_are_ignored() -> None:
    ex = Exercise.from_dict(exercise_dict(labels=["LOC"]))
    answers = [("الزيارة", "MISC"), ("الرئيس", "PER"), *[a for a in GOLD_ANSWERS if a[1] == "LOC"]]
    r = check_submission(ex, Submission.from_answers(ex, "amal", answers, GOLD_PLACES))
    assert list(r.labels) == ["LOC"] and r.score == 100
    assert r.count("spurious") == 0


def test_uncounted_label_on_a_gold_span_is_a_wrong_label_without_false_positive() -> None:
    ex = Exercise.from_dict(exercise_dict(labels=["PER", "LOC", "ORG"]))
    r = check_submission(ex, Submission.from_answers(ex, "amal", [("وزارة الدفاع", "MISC")]))
    o = next(o for o in r.entities if o.gold and o.gold.label == "ORG")
    assert o.kind == "wrong_label" and r.micro.fp == 0


def test_spurious_entity_and_one_to_one_matching() -> None:
    gold = Exercise.from_dict(exercise_dict()).gold_entities
    s, e = span("موسكو")
    twice = [SubmittedEntity(s, e, "موسكو", "LOC"), SubmittedEntity(*span("الرئيس"), "الرئيس", "PER")]
    out = match_entities(TEXT, gold, twice, ["PER", "LOC", "ORG"])
    assert [o.kind for o in out if o.student] == ["spurious", "correct"]  # text order: الرئيس first


def test_place_distance_error_and_tolerance(ex: Exercise) -> None:
    # 0.2° of latitude is about 22 km: outside Benina's 10 km, inside Moscow's 20 km? No: 22 > 20.
    far = (BENINA[0] + 0.2, BENINA[1])
    near = (MOSCOW[0] + 0.1, MOSCOW[1])  # about 11 km
    r = check_submission(ex, Submission.from_answers(ex, "amal", GOLD_ANSWERS,
                                                     {"بنينا": far, "موسكو": near}))
    by = {p.gold.text: p for p in r.places}
    assert by["بنينا"].status == "fail" and by["بنينا"].distance_km == pytest.approx(22.2, abs=0.3)
    assert by["موسكو"].status == "pass" and by["موسكو"].distance_km == pytest.approx(11.1, abs=0.3)
    assert by["بنغازي"].status == "not_located" and by["بنغازي"].distance_km is None
    assert r.place_score == pytest.approx(0.25)
    assert r.score == pytest.approx(100 * (0.5 * 1.0 + 0.5 * 0.25), abs=0.05)


def test_haversine_known_distance() -> None:
    # Benghazi - Tripoli is about 645 km on the great circle.
    assert haversine_km(*BENGHAZI, 32.8872, 13.1913) == pytest.approx(650, abs=15)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)


def test_places_not_scored_when_disabled() -> None:
    ex = Exercise.from_dict(exercise_dict(places=False))
    r = check_submission(ex, Submission.from_answers(ex, "amal", GOLD_ANSWERS))
    assert r.places == () and r.place_score is None and r.score == 100


def test_weights_change_the_total() -> None:
    ex = Exercise.from_dict(exercise_dict(weights={"entities": 3, "places": 1}))
    r = check_submission(ex, Submission.from_answers(ex, "amal", GOLD_ANSWERS))  # no coordinates
    assert r.score == 75


def test_check_submission_accepts_dicts_and_files(ex: Exercise, tmp_path) -> None:
    from workbench.exercises import save_exercise, save_submission

    sub = Submission.from_answers(ex, "amal", GOLD_ANSWERS, GOLD_PLACES)
    assert check_submission(exercise_dict(), sub.to_dict()).score == 100
    ex_path = save_exercise(ex, tmp_path / "ex.json")
    sub_path = save_submission(sub, tmp_path / "submission.json")
    assert check_submission(str(ex_path), sub_path).score == 100


def test_submission_for_another_exercise_is_refused(ex: Exercise) -> None:
    other = Exercise.from_dict({**exercise_dict(), "id": "other"})
    sub = Submission.from_answers(other, "amal", GOLD_ANSWERS)
    with pytest.raises(ExerciseMismatchError, match="answers exercise 'other'"):
        check_submission(ex, sub)


def test_submission_of_an_older_version_is_checked_with_a_warning(ex: Exercise) -> None:
    sub = Submission.from_answers(ex, "amal", GOLD_ANSWERS, GOLD_PLACES)
    d = exercise_dict()
    d["hints"].append("A new hint")
    r = check_submission(Exercise.from_dict(d), sub)
    assert r.score == 100 and r.warnings and "another version" in r.warnings[0]


def test_submission_span_outside_the_text_is_a_format_error(ex: Exercise) -> None:
    d = Submission.from_answers(ex, "amal", GOLD_ANSWERS).to_dict()
    d["entities"][0]["text"] = "شيء آخر"
    with pytest.raises(SubmissionFormatError, match=r"entities\[0\]"):
        check_submission(ex, d)


def test_feedback_reveals_missed_entities_only_when_allowed() -> None:
    sub_answers = [("نينا", "LOC")]
    shown = Exercise.from_dict(exercise_dict(reveal=True))
    hidden = Exercise.from_dict(exercise_dict(reveal=False))
    html_shown = check_submission(shown, Submission.from_answers(shown, "a", sub_answers)).to_html()
    html_hidden = check_submission(hidden, Submission.from_answers(hidden, "a", sub_answers)).to_html()
    assert "وزارة الدفاع" in html_shown and "Benina airport" in html_shown
    mark = '<mark class="wb-fb-span">{}</mark>'
    assert mark.format("وزارة الدفاع") in html_shown and mark.format("بنغازي") in html_shown
    # Without reveal: neither the missed entities nor the places the student did not mark.
    assert mark.format("وزارة الدفاع") not in html_hidden and mark.format("بنغازي") not in html_hidden
    assert "Benina airport" not in html_hidden
    assert "not revealed" in html_hidden and "4 place(s) not marked" in html_hidden
    assert "نينا" in html_hidden  # the student's own mistake is shown


def test_feedback_html_is_escaped_and_arabic_is_rtl(ex: Exercise) -> None:
    d = exercise_dict()
    r = check_submission(ex, Submission.from_answers(ex, "<script>alert(1)</script>", [("نينا", "LOC")]))
    html_ar = r.to_html("ar")
    assert "<script>" not in html_ar and "&lt;script&gt;" in html_ar
    assert 'dir="rtl"' in html_ar and "الدرجة" in html_ar
    assert 'dir="ltr"' in r.to_html("en")
    assert d  # the fixture is untouched


def test_result_serializes_and_has_a_label_table(ex: Exercise) -> None:
    import json

    r = check_submission(ex, Submission.from_answers(ex, "amal", GOLD_ANSWERS[:3]))
    json.dumps(r.to_dict())
    table = r.label_table()
    assert list(table.index) == ["PER", "LOC", "ORG", "ALL"]
    assert table.loc["ORG", "recall"] == 0 and table.loc["PER", "f1"] == 1
