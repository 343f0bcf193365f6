"""The exercises shipped in data/exercises: valid, with the hand-corrected answers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from workbench.exercises import Submission, check_submission, list_exercises, load_exercise
from workbench.exercises.session import start_state

ROOT = Path(__file__).resolve().parents[2]


def test_at_least_two_exercises_ship_and_load() -> None:
    names = list_exercises()
    assert {"kursk_marino", "libya_floods"} <= set(names)
    for name in names:
        ex = load_exercise(f"exercise:{name}")
        assert ex.gold_entities and ex.gold_places and ex.hints
        assert {"en", "ar"} <= set(ex.instructions)


def test_kursk_answer_places_marino_in_rylsky_district() -> None:
    ex = load_exercise("exercise:kursk_marino")
    marino = [p for p in ex.gold_places if p.text == "مارينو"]
    assert len(marino) == 2
    for p in marino:
        assert (p.latitude, p.longitude, p.tolerance_km) == (51.6, 34.9, 25.0)
    kursk = {p.name for p in ex.gold_places if p.text == "كورسك"}
    assert kursk == {"Kursk Oblast"}  # «منطقة كورسك»: the region


def test_libya_answer_keeps_the_ba_of_benina() -> None:
    ex = load_exercise("exercise:libya_floods")
    texts = {g.text for g in ex.gold_entities}
    assert {"بنينا", "الهلال الأحمر الليبي", "الوسط"} <= texts
    assert "نينا" not in texts and "سيول" not in texts  # torrents, not Seoul
    assert ex.settings.suggestions == "hidden" and start_state(ex).entities == ()


@pytest.mark.parametrize("name", ["kursk_marino", "libya_floods"])
def test_accepting_every_machine_suggestion_is_not_enough(name: str) -> None:
    ex = load_exercise(f"exercise:{name}")
    from dataclasses import replace

    shown = replace(ex, settings=replace(ex.settings, suggestions="shown"))
    machine = check_submission(shown, Submission.from_state(start_state(shown), shown, "machine"))
    assert machine.score < 100
    gold = Submission.from_answers(ex, "teacher", [(g.start, g.end, g.label) for g in ex.gold_entities],
                                   {(p.start, p.end): (p.latitude, p.longitude) for p in ex.gold_places})
    assert check_submission(ex, gold).score == 100


@pytest.mark.slow
def test_build_script_reproduces_the_shipped_answers(tmp_path, gazetteer) -> None:
    spec = importlib.util.spec_from_file_location("build_exercises", ROOT / "scripts" / "build_exercises.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--out", str(tmp_path)]) == 0
    for name in ("kursk_marino", "libya_floods"):
        new, old = load_exercise(tmp_path / f"{name}.json"), load_exercise(f"exercise:{name}")
        assert new.gold_entities == old.gold_entities and new.gold_places == old.gold_places
