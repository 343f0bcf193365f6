"""Teaching exercises: students annotate an article, the workbench checks, teachers see the class.

Modules (dependencies point inward):

- :mod:`~workbench.exercises.model` — pure: the ``workbench-exercise/1`` and
  ``workbench-submission/1`` formats (:class:`Exercise`, :class:`Submission`), validation;
- :mod:`~workbench.exercises.scoring` — pure: :func:`check_submission` → :class:`Result`
  (per-label precision/recall/F1, missed/spurious entities, place distance errors, score);
- :mod:`~workbench.exercises.feedback` — the result as text or HTML (en/ar, RTL);
- :mod:`~workbench.exercises.io` — exercise and submission files (JSON, YAML);
- :mod:`~workbench.exercises.build` — an exercise from an analyst's corrected article;
- :mod:`~workbench.exercises.app` — :class:`StudentApp`, the student's app (``Workbench.exercise``);
- :mod:`~workbench.exercises.teacher` — class tables and :class:`TeacherView`;
- :mod:`~workbench.exercises.cli` — ``workbench exercise ...``.

Autograding (no widgets)::

    from workbench.exercises import check_submission
    result = check_submission("exercise:kursk_marino", "submission.json")
    result.score, result.labels["LOC"].f1, result.places[0].distance_km
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from workbench.exercises.errors import (
    ExerciseError,
    ExerciseFormatError,
    ExerciseMismatchError,
    SubmissionFormatError,
)
from workbench.exercises.io import (
    list_exercises,
    load_exercise,
    load_submission,
    load_submissions,
    save_exercise,
    save_submission,
)
from workbench.exercises.model import (
    EXERCISE_FORMAT,
    SUBMISSION_FORMAT,
    Exercise,
    ExerciseArticle,
    ExerciseSettings,
    GoldEntity,
    GoldPlace,
    Submission,
    SubmittedEntity,
    SubmittedPlace,
)
from workbench.exercises.scoring import Result, check_submission

__all__ = [
    "EXERCISE_FORMAT",
    "SUBMISSION_FORMAT",
    "Exercise",
    "ExerciseArticle",
    "ExerciseError",
    "ExerciseFormatError",
    "ExerciseMismatchError",
    "ExerciseSettings",
    "GoldEntity",
    "GoldPlace",
    "Result",
    "StudentApp",
    "Submission",
    "SubmissionFormatError",
    "SubmittedEntity",
    "SubmittedPlace",
    "TeacherView",
    "check_submission",
    "class_table",
    "exercise_from_state",
    "item_table",
    "list_exercises",
    "load_exercise",
    "load_submission",
    "load_submissions",
    "most_missed",
    "save_exercise",
    "save_submission",
]

# Widgets and the builder import ipywidgets/ipyleaflet/pandas: loaded on first use.
_LAZY = {
    "StudentApp": "workbench.exercises.app",
    "TeacherView": "workbench.exercises.teacher",
    "class_table": "workbench.exercises.teacher",
    "item_table": "workbench.exercises.teacher",
    "most_missed": "workbench.exercises.teacher",
    "exercise_from_state": "workbench.exercises.build",
}

if TYPE_CHECKING:  # pragma: no cover
    from workbench.exercises.app import StudentApp
    from workbench.exercises.build import exercise_from_state
    from workbench.exercises.teacher import TeacherView, class_table, item_table, most_missed


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'workbench.exercises' has no attribute {name!r}")
