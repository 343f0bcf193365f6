"""``workbench exercise ...`` through its hooks: create from the store or a Web Annotation export."""

from __future__ import annotations

import argparse
import json

import pytest
from exercise_fixtures import MOSCOW, TEXT, exercise_dict, span

from workbench.annotations import model as m
from workbench.annotations.export import to_web_annotation, write_json
from workbench.annotations.store import FindingsStore
from workbench.articles import article_from_text
from workbench.exercises import Exercise, Submission, load_exercise, save_exercise, save_submission
from workbench.exercises.cli import add_exercise_arguments, run_exercise
from workbench.exercises.errors import ExerciseError


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="workbench")
    add_exercise_arguments(parser.add_subparsers(dest="command"))
    return run_exercise(parser.parse_args(["exercise", *argv]))


@pytest.fixture
def saved(tmp_path) -> tuple[str, m.ArticleState]:
    """An analyst's corrected article in a findings store: two entities, Moscow located."""
    db = str(tmp_path / "findings.sqlite")
    with FindingsStore(db, analyst="analyst").open() as store:
        state = store.open_article(m.initial_state(article_from_text(TEXT, title="زيارة")))
        for word, label in (("فلاديمير بوتين", "PER"), ("موسكو", "LOC"), ("وزارة الدفاع", "ORG")):
            state = store.apply(state.article_id, m.AddEntity(*span(word), label),
                                expected_revision=state.revision)
        moscow = next(e for e in state.entities if e.text == "موسكو")
        state = store.apply(state.article_id, m.PinPlace(moscow.id, *MOSCOW, "Moscow", "RU"),
                            expected_revision=state.revision)
    return db, state


def test_create_from_an_article_id_in_the_store(saved, tmp_path) -> None:
    db, state = saved
    out = tmp_path / "visit.json"
    assert run("create", "--from", state.article_id, "--db", db, "--out", str(out), "--no-analyze",
               "--tolerance", "موسكو=20", "--suggestions", "shown", "--labels", "PER,LOC") == 0
    ex = load_exercise(out)
    assert ex.id == "visit" and ex.settings.suggestions == "shown" and ex.settings.labels == ("PER", "LOC")
    assert [(g.text, g.label) for g in ex.gold_entities] == [
        ("فلاديمير بوتين", "PER"), ("موسكو", "LOC"), ("وزارة الدفاع", "ORG")]
    (place,) = ex.gold_places
    assert (place.text, place.latitude, place.tolerance_km) == ("موسكو", MOSCOW[0], 20.0)
    assert "ar" in ex.instructions  # default bilingual instructions


def test_create_from_a_web_annotation_export(saved, tmp_path) -> None:
    db, state = saved
    export = write_json(to_web_annotation(state), tmp_path / "export.jsonld")
    out = tmp_path / "from-export.json"
    assert run("create", "--from", str(export), "--db", db, "--out", str(out), "--no-analyze",
               "--id", "visit-2") == 0
    ex = load_exercise(out)
    assert ex.id == "visit-2" and len(ex.gold_entities) == 3 and ex.gold_places[0].name == "Moscow"
    # The text can also come from the article itself.
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    out2 = tmp_path / "from-file.json"
    assert run("create", "--from", str(export), "--article", str(article), "--db",
               str(tmp_path / "empty.sqlite"), "--out", str(out2), "--no-analyze") == 0
    assert load_exercise(out2).gold_entities == ex.gold_entities


def test_create_errors_say_what_to_do(saved, tmp_path) -> None:
    db, _ = saved
    with pytest.raises(ExerciseError, match="neither a file nor an article id"):
        run("create", "--from", "0123456789abcdef", "--db", db, "--out", str(tmp_path / "x.json"))
    with pytest.raises(ExerciseError, match="MENTION=KM"):
        run("create", "--from", saved[1].article_id, "--db", db, "--out", str(tmp_path / "x.json"),
            "--no-analyze", "--tolerance", "موسكو")


def test_validate_check_and_class(tmp_path, capsys) -> None:
    ex = Exercise.from_dict(exercise_dict())
    good = save_exercise(ex, tmp_path / "ex.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**exercise_dict(), "id": "bad id"}), encoding="utf-8")
    assert run("validate", str(good)) == 0
    assert run("validate", str(good), str(bad)) == 1
    assert "letters, digits" in capsys.readouterr().err
    for name, answers in (("amal", [("موسكو", "LOC")]), ("omar", [])):
        save_submission(Submission.from_answers(ex, name, answers, {"موسكو": MOSCOW}),
                        tmp_path / "class" / name / "submission.json")
    assert run("check", str(good), str(tmp_path / "class" / "amal" / "submission.json"), "--lang", "ar") == 0
    assert "الدرجة" in capsys.readouterr().out
    assert run("check", str(good), str(tmp_path / "class" / "amal" / "submission.json"), "--json") == 0
    assert json.loads(capsys.readouterr().out)["student"] == "amal"
    assert run("class", str(good), str(tmp_path / "class"), "--csv", str(tmp_path / "class.csv")) == 0
    lines = (tmp_path / "class.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("student,score") and lines[1].startswith("amal,") and len(lines) == 3
