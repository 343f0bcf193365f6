"""The exercise and submission files: round trip (JSON, YAML) and clear validation errors."""

from __future__ import annotations

import json

import pytest
from exercise_fixtures import TEXT, exercise_dict, span

from workbench.errors import WorkbenchError
from workbench.exercises import (
    Exercise,
    ExerciseFormatError,
    Submission,
    SubmissionFormatError,
    load_exercise,
    load_submission,
    load_submissions,
    save_exercise,
    save_submission,
)


def test_json_round_trip_keeps_everything_and_the_hash(tmp_path) -> None:
    ex = Exercise.from_dict(exercise_dict())
    path = save_exercise(ex, tmp_path / "ex.json")
    raw = path.read_text(encoding="utf-8")
    assert "بنينا" in raw  # Arabic kept readable, not \u-escaped
    assert json.loads(raw)["format"] == "workbench-exercise/1"
    again = load_exercise(path)
    assert again == ex and again.hash == ex.hash
    assert again.to_dict() == ex.to_dict()


def test_yaml_round_trip(tmp_path) -> None:
    pytest.importorskip("yaml")
    ex = Exercise.from_dict(exercise_dict())
    again = load_exercise(save_exercise(ex, tmp_path / "ex.yaml"))
    assert again == ex and again.hash == ex.hash


def test_a_minimal_hand_written_exercise_takes_defaults(tmp_path) -> None:
    s, e = span("موسكو")
    (tmp_path / "mini.json").write_text(json.dumps({
        "format": "workbench-exercise/1", "id": "mini", "instructions": "Mark the places.",
        "article": {"text": TEXT},
        "gold": {"entities": [{"start": s, "end": e, "text": "موسكو", "label": "LOC"}]},
    }, ensure_ascii=False), encoding="utf-8")
    ex = load_exercise(tmp_path / "mini.json")
    assert ex.settings.suggestions == "hidden" and ex.settings.reveal
    assert ex.instructions == {"en": "Mark the places."} and ex.gold_places == ()


def test_hash_changes_when_the_answer_changes() -> None:
    d = exercise_dict()
    a = Exercise.from_dict(d)
    d["gold"]["places"][0]["tolerance_km"] = 5
    assert Exercise.from_dict(d).hash != a.hash


def _break(path: str, value: object) -> dict:
    d = exercise_dict()
    keys = path.split(".")
    target = d
    for k in keys[:-1]:
        target = target[int(k)] if k.isdigit() else target[k]
    last = keys[-1]
    if value is KeyError:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return d


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("format", "workbench-exercise/2", "newer workbench"),
        ("format", KeyError, 'expected "format": "workbench-exercise/1"'),
        ("id", "has space", "letters, digits"),
        ("article.text", "", "article.text: expected non-empty text"),
        ("gold.entities.0.label", "PERSON", r"gold.entities\[0\].label: label 'PERSON' is not one of"),
        ("gold.entities.0.text", "بوتين", r"gold.entities\[0\]: text 'بوتين' does not match the article"),
        ("gold.entities.1.end", 10_000, r"gold.entities\[1\]: span .* is not inside the article text"),
        ("gold.entities", [], "at least one gold entity"),
        ("gold.places.0.latitude", 95, r"gold.places\[0\].latitude: 95 is not in -90..90"),
        ("gold.places.0.tolerance_km", 0, "must be more than 0 km"),
        ("gold.places.0.tolerance_km", "10", "expected a number"),
        ("settings.suggestions", "maybe", 'is not "hidden" or "shown"'),
        ("settings.reveal", "yes", "expected true or false"),
        ("settings.labels", [], "at least one of"),
        ("settings.sugestions", "shown", r"unknown field\(s\) \['sugestions'\]"),
        ("hints.0", "", r"hints\[0\]"),
        ("instructions", KeyError, "instructions: missing; give text or"),
    ],
)
def test_validation_errors_name_the_field_and_the_fix(path: str, value: object, message: str) -> None:
    with pytest.raises(ExerciseFormatError, match=message) as info:
        Exercise.from_dict(_break(path, value))
    assert isinstance(info.value, WorkbenchError) and info.value.code == "W701"


def test_a_gold_place_must_sit_on_a_gold_loc_entity() -> None:
    d = exercise_dict()
    d["gold"]["entities"] = [e for e in d["gold"]["entities"] if e["text"] != "بنينا"]
    with pytest.raises(ExerciseFormatError, match="is not a gold LOC entity"):
        Exercise.from_dict(d)


def test_file_errors_are_clear(tmp_path) -> None:
    with pytest.raises(ExerciseFormatError, match="does not exist"):
        load_exercise(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "workbench-exercise/1",', encoding="utf-8")
    with pytest.raises(ExerciseFormatError, match=r"bad.json is not valid JSON \(line 1"):
        load_exercise(bad)
    with pytest.raises(ExerciseFormatError, match="no shipped exercise 'nope'"):
        load_exercise("exercise:nope")


def test_submission_round_trip_and_errors(tmp_path) -> None:
    ex = Exercise.from_dict(exercise_dict())
    sub = Submission.from_answers(ex, "سارة", [("موسكو", "LOC")], {"موسكو": (55.7, 37.6)})
    path = save_submission(sub, tmp_path / "submission.json")
    assert load_submission(path, ex) == sub
    d = sub.to_dict()
    d["places"][0]["longitude"] = None
    with pytest.raises(SubmissionFormatError, match="both latitude and longitude"):
        Submission.from_dict(d)
    with pytest.raises(SubmissionFormatError, match="newer workbench"):
        Submission.from_dict({**sub.to_dict(), "format": "workbench-submission/9"})


def test_load_submissions_fails_per_file(tmp_path) -> None:
    ex = Exercise.from_dict(exercise_dict())
    other = Exercise.from_dict({**exercise_dict(), "id": "other"})
    save_submission(Submission.from_answers(ex, "a", [("موسكو", "LOC")]), tmp_path / "a" / "submission.json")
    save_submission(Submission.from_answers(ex, "b", []), tmp_path / "b" / "submission.json")
    save_submission(Submission.from_answers(other, "c", []), tmp_path / "c" / "submission.json")
    (tmp_path / "d.json").write_text("not json", encoding="utf-8")
    subs, problems = load_submissions(tmp_path, ex)
    assert sorted(s.student for s in subs) == ["a", "b"]
    assert len(problems) == 2 and any("answers exercise 'other'" in p for p in problems)
