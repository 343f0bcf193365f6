"""Scoring a submission against an exercise (pure: no widgets, no files, no clock).

``check_submission(exercise, submission) -> Result`` is the autograding API: an
nbgrader test cell can call it on plain data.

Matching rules
--------------
Entities are matched one to one, gold against student, in text order.

- **Same span.** A student span equals a gold span when the offsets are equal,
  or when the student span *adds an attached proclitic* to the front of the gold
  span: «وكوريا الجنوبية» for gold «كوريا الجنوبية», «بموسكو» for «موسكو»,
  «وللكرملين» for «الكرملين»... The extra characters must be one of
  :data:`workbench.nlp.proclitics.PROCLITIC_PREFIXES` (after normalization),
  attached to the gold word (no space between), and the student span must begin
  a word. This is one-directional: a span that *cuts letters off* the gold span
  is never the same span (gold «بنينا», student «نينا» is a boundary error,
  because there the ب is part of the name). Turn it off with
  ``settings.proclitic_tolerant = false``.
- **correct**: same span, same label: a true positive of that label.
- **wrong_label**: same span, other label: a false negative of the gold label and
  a false positive of the student's label (when that label counts).
- **boundary**: overlapping spans that are not the same span: a false negative
  and a false positive (strict, as in CoNLL), reported together so the student
  sees which words to add or drop.
- **missed** / **spurious**: a gold entity no student span overlaps / a student
  entity that overlaps no gold entity.

Only labels in ``settings.labels`` count; a student entity with another label is
ignored unless it sits on a gold span (then the gold entity is reported as a
wrong label).

Places: each gold place is looked up through the student's LOC entity on the
same span (same rule as above). The distance (haversine, km) between the
student's coordinates and the gold point passes when ``<= tolerance_km``. No LOC
entity there, or no coordinates, fails.

Score: ``100 * (w_e * F1 + w_p * places_passed / places) / (w_e + w_p)`` with the
micro-averaged entity F1; the place term is dropped when no place is scored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from workbench.articles.normalize import normalize_key
from workbench.exercises.errors import ExerciseMismatchError
from workbench.exercises.model import (
    Exercise,
    GoldEntity,
    GoldPlace,
    Submission,
    SubmittedEntity,
    SubmittedPlace,
)
from workbench.nlp.proclitics import PROCLITIC_PREFIXES

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EntityOutcome",
    "LabelScore",
    "PlaceOutcome",
    "Result",
    "check_submission",
    "haversine_km",
    "match_entities",
    "same_span",
    "score_submission",
]

OutcomeKind = Literal["correct", "wrong_label", "boundary", "missed", "spurious"]
PlaceStatus = Literal["pass", "fail", "not_located", "not_marked"]

EARTH_RADIUS_KM = 6371.0088
_WORD_CHAR = re.compile(r"\w", re.UNICODE)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS84 points (mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _starts_word(text: str, i: int) -> bool:
    return i == 0 or not _WORD_CHAR.match(text[i - 1])


def same_span(text: str, gold: tuple[int, int], student: tuple[int, int], *,
              proclitic_tolerant: bool = True) -> bool:
    """Whether a student span counts as the gold span (see the module notes).

    Parameters
    ----------
    text
        The article text both spans index.
    gold, student
        ``(start, end)`` offsets.
    proclitic_tolerant
        Accept a student span that adds an attached proclitic before the gold span.

    Examples
    --------
    >>> t = "وكوريا الجنوبية"
    >>> same_span(t, (1, len(t)), (0, len(t)))
    True
    >>> same_span("بنينا", (0, 5), (1, 5))
    False
    """
    if gold == student:
        return True
    if not proclitic_tolerant or gold[1] != student[1] or not student[0] < gold[0]:
        return False
    extra = text[student[0]:gold[0]]
    if not extra or any(ch.isspace() for ch in extra) or not _starts_word(text, student[0]):
        return False
    return normalize_key(extra) in PROCLITIC_PREFIXES


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class LabelScore:
    """True/false positives and false negatives of one label, and the derived scores.

    ``precision``/``recall``/``f1`` are ``None`` when undefined (nothing marked /
    nothing expected); :attr:`f1` of a label with nothing expected and nothing
    marked is 1.0 (there was nothing to get wrong).
    """

    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp): the share of the student's entities that are right."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn): the share of the expected entities the student found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when either is 0 or undefined)."""
        if self.tp + self.fp + self.fn == 0:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    @property
    def support(self) -> int:
        """Number of expected (gold) entities."""
        return self.tp + self.fn

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view, with the derived scores."""
        return {"label": self.label, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "support": self.support}


@dataclass(frozen=True, slots=True)
class EntityOutcome:
    """One line of the entity feedback.

    ``gold`` is ``None`` for a spurious entity, ``student`` is ``None`` for a missed one.
    """

    kind: OutcomeKind
    gold: GoldEntity | None = None
    student: SubmittedEntity | None = None

    @property
    def start(self) -> int:
        """Where it is in the text (for sorting and highlighting)."""
        return min(x.start for x in (self.gold, self.student) if x is not None)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return {"kind": self.kind,
                "gold": self.gold.to_dict() if self.gold else None,
                "student": self.student.to_dict() if self.student else None}


@dataclass(frozen=True, slots=True)
class PlaceOutcome:
    """One gold place: the student's answer, its distance error and pass/fail.

    ``status``: ``pass``/``fail`` (distance within/over tolerance), ``not_located``
    (the mention is marked LOC but has no coordinates), ``not_marked`` (no LOC
    entity on that mention).
    """

    gold: GoldPlace
    status: PlaceStatus
    student: SubmittedPlace | None = None
    distance_km: float | None = None

    @property
    def passed(self) -> bool:
        """Whether the answer is within tolerance."""
        return self.status == "pass"

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return {"gold": self.gold.to_dict(), "status": self.status,
                "student": self.student.to_dict() if self.student else None,
                "distance_km": None if self.distance_km is None else round(self.distance_km, 3),
                "passed": self.passed}


@dataclass(frozen=True)
class Result:
    """The checked submission: scores and the itemized feedback.

    Attributes
    ----------
    exercise_id, student
        Who answered what.
    labels
        Per counted label: :class:`LabelScore`.
    micro
        All counted labels together (``label == "ALL"``).
    entities
        Every matched, missed and spurious entity, in text order.
    places
        One :class:`PlaceOutcome` per scored gold place, in text order.
    entity_score
        Micro F1 in [0, 1].
    place_score
        Share of gold places within tolerance, ``None`` when no place is scored.
    score
        Total in [0, 100] (one decimal).
    reveal
        Whether the feedback may show the expected answers.
    warnings
        E.g. the submission was made for another version of the exercise.
    text
        The article text (to show spans in context).
    """

    exercise_id: str
    student: str
    labels: dict[str, LabelScore]
    micro: LabelScore
    entities: tuple[EntityOutcome, ...]
    places: tuple[PlaceOutcome, ...]
    entity_score: float
    place_score: float | None
    score: float
    reveal: bool = True
    warnings: tuple[str, ...] = ()
    text: str = field(default="", repr=False)

    def count(self, kind: OutcomeKind) -> int:
        """How many entity outcomes of that kind."""
        return sum(1 for o in self.entities if o.kind == kind)

    @property
    def missed(self) -> list[GoldEntity]:
        """Gold entities the student did not get right (missed, wrong label or boundary)."""
        return [o.gold for o in self.entities if o.gold is not None and o.kind != "correct"]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serializable data (without the article text)."""
        return {
            "exercise_id": self.exercise_id,
            "student": self.student,
            "score": self.score,
            "entity_score": self.entity_score,
            "place_score": self.place_score,
            "labels": {k: v.to_dict() for k, v in self.labels.items()},
            "micro": self.micro.to_dict(),
            "entities": [o.to_dict() for o in self.entities],
            "places": [p.to_dict() for p in self.places],
            "warnings": list(self.warnings),
        }

    def label_table(self) -> pd.DataFrame:
        """Precision, recall, F1 and support per label, then ``ALL``, as a DataFrame."""
        import pandas as pd

        rows = [s.to_dict() for s in [*self.labels.values(), self.micro]]
        cols = ["precision", "recall", "f1", "support", "tp", "fp", "fn"]
        return pd.DataFrame(rows).set_index("label")[cols]

    def feedback(self, lang: str = "en") -> str:
        """The feedback a student reads, as plain text in ``lang`` (``"en"``/``"ar"``)."""
        from workbench.exercises.feedback import feedback_text

        return feedback_text(self, lang)

    def to_html(self, lang: str = "en") -> str:
        """The feedback as an HTML fragment (every text escaped; RTL for Arabic)."""
        from workbench.exercises.feedback import feedback_html

        return feedback_html(self, lang)

    def _repr_html_(self) -> str:
        return self.to_html()


# ---------------------------------------------------------------------------
# Scoring


def _overlaps(a: Any, b: Any) -> bool:
    return bool(a.start < b.end and b.start < a.end)


def match_entities(
    text: str,
    gold: Sequence[GoldEntity],
    student: Sequence[SubmittedEntity],
    labels: Sequence[str],
    *,
    proclitic_tolerant: bool = True,
) -> list[EntityOutcome]:
    """Match student entities to gold entities (rules in the module notes).

    Parameters
    ----------
    text
        The article text.
    gold
        The expected entities (all labels; those not in ``labels`` are ignored).
    student
        The student's entities.
    labels
        The labels that count.
    proclitic_tolerant
        See :func:`same_span`.

    Returns
    -------
    list of EntityOutcome
        In text order; every counted gold entity appears once, every counted
        student entity at most once.
    """
    counted = set(labels)
    golds = sorted((g for g in gold if g.label in counted), key=lambda g: (g.start, g.end))
    studs = sorted(student, key=lambda s: (s.start, s.end))
    used: set[int] = set()
    out: list[EntityOutcome] = []

    def take(pred: Any) -> SubmittedEntity | None:
        for i, s in enumerate(studs):
            if i not in used and pred(s):
                used.add(i)
                return s
        return None

    pending: list[GoldEntity] = []
    # Pass 1: the same span (proclitic-tolerant), preferring the same label.
    for g in golds:
        same = lambda s, g=g: same_span(text, (g.start, g.end), (s.start, s.end),  # noqa: E731
                                         proclitic_tolerant=proclitic_tolerant)
        s = take(lambda s, same=same, g=g: same(s) and s.label == g.label)
        if s is not None:
            out.append(EntityOutcome("correct", g, s))
            continue
        s = take(same)
        if s is not None:
            out.append(EntityOutcome("wrong_label", g, s))
            continue
        pending.append(g)
    # Pass 2: overlapping spans (boundary errors), preferring the same label.
    for g in pending:
        s = take(lambda s, g=g: _overlaps(s, g) and s.label == g.label and s.label in counted)
        if s is None:
            s = take(lambda s, g=g: _overlaps(s, g) and s.label in counted)
        out.append(EntityOutcome("boundary", g, s) if s is not None else EntityOutcome("missed", g))
    for i, s in enumerate(studs):
        if i not in used and s.label in counted:
            out.append(EntityOutcome("spurious", None, s))
    return sorted(out, key=lambda o: (o.start, 0 if o.gold else 1))


def _label_scores(outcomes: Sequence[EntityOutcome], labels: Sequence[str]) -> dict[str, LabelScore]:
    counts = {lab: [0, 0, 0] for lab in labels}  # tp, fp, fn
    for o in outcomes:
        if o.kind == "correct" and o.gold is not None:
            counts[o.gold.label][0] += 1
            continue
        if o.gold is not None:
            counts[o.gold.label][2] += 1
        if o.student is not None and o.student.label in counts:
            counts[o.student.label][1] += 1
    return {lab: LabelScore(lab, *c) for lab, c in counts.items()}


def _place_outcomes(text: str, places: Sequence[GoldPlace], student_ents: Sequence[SubmittedEntity],
                    student_places: Sequence[SubmittedPlace], tolerant: bool) -> list[PlaceOutcome]:
    by_span = {(p.start, p.end): p for p in student_places}
    locs = [e for e in student_ents if e.label == "LOC"]
    out = []
    for g in places:
        ent = next((e for e in locs if same_span(text, (g.start, g.end), (e.start, e.end),
                                                 proclitic_tolerant=tolerant)), None)
        if ent is None:
            out.append(PlaceOutcome(g, "not_marked"))
            continue
        sp = by_span.get((ent.start, ent.end))
        if sp is None or not sp.located:
            out.append(PlaceOutcome(g, "not_located", sp))
            continue
        assert sp.latitude is not None and sp.longitude is not None
        d = haversine_km(g.latitude, g.longitude, sp.latitude, sp.longitude)
        out.append(PlaceOutcome(g, "pass" if d <= g.tolerance_km else "fail", sp, d))
    return out


def score_submission(exercise: Exercise, submission: Submission) -> Result:
    """Score a validated submission (see :func:`check_submission` for other inputs)."""
    st = exercise.settings
    text = exercise.text
    warnings: list[str] = []
    if submission.exercise_id != exercise.id:
        raise ExerciseMismatchError(
            f"{submission.student}'s submission answers exercise {submission.exercise_id!r}, "
            f"not {exercise.id!r}; check it against its own exercise"
        )
    if submission.article_id and submission.article_id != exercise.article.article_id:
        raise ExerciseMismatchError(
            f"{submission.student}'s submission annotates another text (article "
            f"{submission.article_id}, the exercise has {exercise.article.article_id})"
        )
    spans: list[SubmittedEntity | SubmittedPlace] = [*submission.entities, *submission.places]
    for e in spans:
        if not (0 <= e.start < e.end <= len(text)) or text[e.start:e.end] != e.text:
            raise ExerciseMismatchError(
                f"{submission.student}'s entity {e.text!r} at {e.start}..{e.end} is not in the "
                "exercise text; was it made for another version?"
            )
    if submission.exercise_hash and submission.exercise_hash != exercise.hash:
        warnings.append(
            f"made for another version of the exercise (hash {submission.exercise_hash}, "
            f"now {exercise.hash}); checked against the current answers"
        )
    outcomes = match_entities(text, exercise.gold_entities, submission.entities, st.labels,
                              proclitic_tolerant=st.proclitic_tolerant)
    labels = _label_scores(outcomes, st.labels)
    micro = LabelScore("ALL", *(sum(getattr(s, k) for s in labels.values()) for k in ("tp", "fp", "fn")))
    places = _place_outcomes(text, exercise.scored_places(), submission.entities, submission.places,
                             st.proclitic_tolerant)
    place_score = sum(p.passed for p in places) / len(places) if places else None
    if place_score is None:
        total = micro.f1
    else:
        total = (st.weight_entities * micro.f1 + st.weight_places * place_score) / (
            st.weight_entities + st.weight_places)
    return Result(
        exercise_id=exercise.id, student=submission.student, labels=labels, micro=micro,
        entities=tuple(outcomes), places=tuple(places), entity_score=micro.f1,
        place_score=place_score, score=round(100 * total, 1), reveal=st.reveal,
        warnings=tuple(warnings), text=text,
    )


def check_submission(exercise: Exercise | Mapping[str, Any] | str | Any,
                     submission: Submission | Mapping[str, Any] | str | Any,
                     *, student: str = "student") -> Result:
    """Check a student's submission against an exercise: the autograding API.

    Parameters
    ----------
    exercise
        An :class:`~workbench.exercises.model.Exercise`, its dict, a file path or
        ``"exercise:NAME"``.
    submission
        A :class:`~workbench.exercises.model.Submission`, its dict, a
        ``submission.json`` path, or an
        :class:`~workbench.annotations.model.ArticleState` (the student's work).
    student
        The student's name when ``submission`` is an ArticleState.

    Returns
    -------
    Result
        ``result.score`` (0..100), per-label ``result.labels``, ``result.places``
        (distance errors, pass/fail) and the itemized ``result.entities``.

    Raises
    ------
    ExerciseFormatError, SubmissionFormatError
        An invalid exercise or submission.
    ExerciseMismatchError
        The submission was made for another exercise.

    Examples
    --------
    >>> from workbench.exercises import check_submission, load_exercise, Submission
    >>> ex = load_exercise("exercise:kursk_marino")              # doctest: +SKIP
    >>> sub = Submission.from_answers(ex, "sara", [("مارينو", "LOC")])  # doctest: +SKIP
    >>> check_submission(ex, sub).score                         # doctest: +SKIP
    """
    import os

    from workbench.annotations.model import ArticleState

    if not isinstance(exercise, Exercise):
        if isinstance(exercise, str | os.PathLike):
            from workbench.exercises.io import load_exercise

            exercise = load_exercise(exercise)
        else:
            exercise = Exercise.from_dict(exercise)
    if isinstance(submission, ArticleState):
        submission = Submission.from_state(submission, exercise, student)
    elif isinstance(submission, str | os.PathLike):
        from workbench.exercises.io import load_submission

        submission = load_submission(submission, exercise)
    elif not isinstance(submission, Submission):
        submission = Submission.from_dict(submission, exercise.text)
    return score_submission(exercise, submission)
