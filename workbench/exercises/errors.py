"""Errors of the teaching exercises (codes ``W7xx``).

Every message names the problem, where it is (``gold.entities[3]``...) and the fix.

=====  ==========================  ===================================================
Code   Class                       When
=====  ==========================  ===================================================
W700   ``ExerciseError``           base class of the errors below
W701   ``ExerciseFormatError``     an exercise file is not valid ``workbench-exercise/1``
W702   ``SubmissionFormatError``   a submission file is not valid ``workbench-submission/1``
W703   ``ExerciseMismatchError``   a submission answers another exercise
=====  ==========================  ===================================================
"""

from __future__ import annotations

from workbench.errors import WorkbenchError

__all__ = ["ExerciseError", "ExerciseFormatError", "ExerciseMismatchError", "SubmissionFormatError"]


class ExerciseError(WorkbenchError):
    """Base class of exercise errors."""

    default_code = "W700"


class ExerciseFormatError(ExerciseError, ValueError):
    """An exercise file (or dict) does not follow the ``workbench-exercise/1`` format."""

    default_code = "W701"


class SubmissionFormatError(ExerciseError, ValueError):
    """A submission file (or dict) does not follow the ``workbench-submission/1`` format."""

    default_code = "W702"


class ExerciseMismatchError(ExerciseError):
    """A submission was made for another exercise (different id or article text)."""

    default_code = "W703"
