"""Reading and writing exercise and submission files (JSON, or YAML for exercises).

Files are UTF-8; JSON is written with Arabic kept as is (not ``\\u`` escaped) and
two-space indentation so a teacher can read and edit it. YAML (``.yaml``/``.yml``)
needs PyYAML (``pip install pyyaml``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workbench.exercises.errors import ExerciseFormatError, SubmissionFormatError
from workbench.exercises.model import Exercise, Submission

__all__ = [
    "exercises_dir",
    "list_exercises",
    "load_exercise",
    "load_submission",
    "load_submissions",
    "save_exercise",
    "save_submission",
]

PathLike = str | os.PathLike[str]


def exercises_dir() -> Path:
    """The shipped exercises: ``data/exercises`` (``WORKBENCH_DATA_DIR`` moves ``data``)."""
    from workbench.paths import data_dir

    return data_dir() / "exercises"


def list_exercises() -> list[str]:
    """Names of the shipped exercises, for ``load_exercise("exercise:NAME")``."""
    d = exercises_dir()
    if not d.is_dir():
        return []
    return sorted(p.stem for p in d.iterdir() if p.suffix.lower() in (".json", ".yaml", ".yml"))


def _resolve(path: PathLike) -> Path:
    s = os.fspath(path)
    if s.startswith("exercise:"):
        name = s.split(":", 1)[1]
        for ext in (".json", ".yaml", ".yml"):
            p = exercises_dir() / f"{name}{ext}"
            if p.exists():
                return p
        raise ExerciseFormatError(
            f"no shipped exercise {name!r} in {exercises_dir()}; available: {', '.join(list_exercises())}"
        )
    return Path(s)


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def _read(path: Path, error: type[ExerciseFormatError] | type[SubmissionFormatError], what: str) -> Any:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"{what} file {path} does not exist; check the path") from None
    except UnicodeDecodeError:
        raise error(f"{what} file {path} is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise error(f"{what} file {path} cannot be read: {exc}") from None
    if _is_yaml(path):
        try:
            import yaml
        except ImportError:
            raise error(f"{path} is YAML; install PyYAML (pip install pyyaml) or use JSON") from None
        try:
            return yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            raise error(f"{what} file {path} is not valid YAML: {exc}") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise error(
            f"{what} file {path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None


def load_exercise(path: PathLike) -> Exercise:
    """Read and validate an exercise file.

    Parameters
    ----------
    path
        A ``.json``, ``.yaml`` or ``.yml`` file, or ``"exercise:NAME"`` for a
        shipped exercise (see :func:`list_exercises`).

    Raises
    ------
    ExerciseFormatError
        Missing or unreadable file, bad JSON/YAML, or an invalid field (the
        message names it and the fix).
    """
    p = _resolve(path)
    data = _read(p, ExerciseFormatError, "exercise")
    try:
        return Exercise.from_dict(data)
    except ExerciseFormatError as exc:
        raise ExerciseFormatError(f"{p}: {exc.message}") from None


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)  # never leaves half a file where a teacher collects them
    return path


def save_exercise(exercise: Exercise, path: PathLike) -> Path:
    """Write an exercise (JSON, or YAML for ``.yaml``/``.yml``); returns the path."""
    p = Path(path)
    data = exercise.to_dict()
    if _is_yaml(p):
        try:
            import yaml
        except ImportError:
            raise ExerciseFormatError("writing YAML needs PyYAML (pip install pyyaml); "
                                      "or write a .json file") from None
        return _write_text(p, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return _write_text(p, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def save_submission(submission: Submission, path: PathLike = "submission.json") -> Path:
    """Write ``submission.json`` (UTF-8 JSON); returns the path."""
    return _write_text(Path(path), json.dumps(submission.to_dict(), ensure_ascii=False, indent=2) + "\n")


def load_submission(path: PathLike, exercise: Exercise | None = None) -> Submission:
    """Read and validate one submission file (spans checked against ``exercise`` when given).

    Raises
    ------
    SubmissionFormatError
        Missing or unreadable file, bad JSON, or an invalid field.
    """
    p = Path(path)
    data = _read(p, SubmissionFormatError, "submission")
    try:
        return Submission.from_dict(data, exercise.text if exercise else None)
    except SubmissionFormatError as exc:
        raise SubmissionFormatError(f"{p}: {exc.message}") from None


def load_submissions(
    sources: PathLike | Iterable[PathLike], exercise: Exercise | None = None
) -> tuple[list[Submission], list[str]]:
    """Read many submissions: files, or folders searched for ``*.json`` (recursively).

    One bad file does not stop the others (fail per item).

    Returns
    -------
    tuple of (list of Submission, list of str)
        The submissions (of ``exercise`` only, when given) and one message per
        file that was skipped (invalid, or for another exercise).
    """
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    files: list[Path] = []
    for s in sources:
        p = Path(s)
        files += sorted(p.rglob("*.json")) if p.is_dir() else [p]
    subs: list[Submission] = []
    problems: list[str] = []
    for f in files:
        try:
            sub = load_submission(f, exercise)
        except SubmissionFormatError as exc:
            problems.append(str(exc))
            continue
        if exercise is not None and sub.exercise_id != exercise.id:
            problems.append(f"{f}: answers exercise {sub.exercise_id!r}, not {exercise.id!r}; skipped")
            continue
        subs.append(sub)
    return subs, problems
