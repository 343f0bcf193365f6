"""The exercise and submission formats (pure: plain data, validation, no I/O).

An exercise (``"format": "workbench-exercise/1"``) is one article with the
answer a teacher expects (gold entities and gold places with a tolerance in
km), what the student is told (instructions, hints) and how the exercise
behaves (settings). A submission (``"format": "workbench-submission/1"``) is
what one student marked. Both are JSON objects; see ``docs/teaching.md`` for a
field-by-field description and a minimal example.

Exercise fields
---------------
``format``       ``"workbench-exercise/1"`` (required)
``id``           letters, digits, ``.``, ``_``, ``-`` (it names folders and files)
``title``        text, or ``{"en": ..., "ar": ...}`` (a *localized text*)
``instructions`` localized text
``hints``        list of localized texts, shown one at a time on request
``article``      ``{"text", "title", "source", "url", "published", "language"}``
``gold``         ``{"entities": [{"start", "end", "text", "label"}],
                 "places": [{"start", "end", "text", "name", "latitude", "longitude",
                 "tolerance_km", "geonameid", "country_code"}]}``; a gold place sits on
                 the span of a gold ``LOC`` entity
``settings``     ``{"suggestions": "hidden" | "shown", "labels": [...], "reveal": bool,
                 "places": bool, "weights": {"entities": w, "places": w}}``
``suggestions``  the machine's annotations: ``{"entities": [...], "places": [...]}``
                 (places as in ``ResolvedPlace.to_dict()``, without candidates)
``candidates``   gazetteer candidates by normalized mention (``normalize_key``), offered
                 to the student for any place they mark

Offsets index ``article.text`` exactly as written (code points), like everywhere
in the workbench; every ``text`` must equal ``article.text[start:end]``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from workbench.annotations.model import LABELS, article_id, now_iso
from workbench.exercises.errors import ExerciseFormatError, SubmissionFormatError

__all__ = [
    "EXERCISE_FORMAT",
    "SUBMISSION_FORMAT",
    "Exercise",
    "ExerciseArticle",
    "ExerciseSettings",
    "GoldEntity",
    "GoldPlace",
    "Submission",
    "SubmittedEntity",
    "SubmittedPlace",
    "localized",
]

EXERCISE_FORMAT = "workbench-exercise/1"
SUBMISSION_FORMAT = "workbench-submission/1"
_FAMILY = "workbench-exercise/"
_SUB_FAMILY = "workbench-submission/"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")

LocalText = dict[str, str]
Suggestions = Literal["hidden", "shown"]


def localized(text: Mapping[str, str] | str, lang: str = "en") -> str:
    """One language of a localized text: ``lang``, else English, else any.

    Parameters
    ----------
    text
        ``{"en": ..., "ar": ...}`` or a plain string (the same in every language).
    lang
        ``"en"`` or ``"ar"``.
    """
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")


# ---------------------------------------------------------------------------
# Validation helpers: each raises with the path of the offending field.


class _Checker:
    def __init__(self, error: type[ExerciseFormatError] | type[SubmissionFormatError], what: str) -> None:
        self.error = error
        self.what = what

    def fail(self, path: str, message: str) -> Exception:
        return self.error(f"{self.what} {path}: {message}")

    def mapping(self, v: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(v, Mapping):
            raise self.fail(path, f"expected an object ({{...}}), got {type(v).__name__}")
        return v

    def seq(self, v: Any, path: str) -> list[Any]:
        if v is None:
            return []
        if not isinstance(v, list | tuple):
            raise self.fail(path, f"expected a list ([...]), got {type(v).__name__}")
        return list(v)

    def string(self, v: Any, path: str, *, required: bool = True) -> str:
        if v is None and not required:
            return ""
        if not isinstance(v, str) or (required and not v.strip()):
            raise self.fail(path, "expected non-empty text")
        return v

    def integer(self, v: Any, path: str) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.fail(path, f"expected a whole number (character offset), got {v!r}")
        return v

    def number(self, v: Any, path: str, lo: float | None = None, hi: float | None = None) -> float:
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise self.fail(path, f"expected a number, got {v!r}")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise self.fail(path, f"{v} is not in {lo}..{hi}")
        return float(v)

    def keys(self, d: Mapping[str, Any], allowed: Iterable[str], path: str) -> None:
        unknown = sorted(set(d) - set(allowed))
        if unknown:
            raise self.fail(
                path, f"unknown field(s) {unknown}; allowed: {sorted(allowed)} (a typo?)"
            )

    def local_text(self, v: Any, path: str, *, required: bool = True) -> LocalText:
        if v is None and not required:
            return {}
        if v is None:
            raise self.fail(path, 'missing; give text or {"en": "...", "ar": "..."}')
        if isinstance(v, str):
            return {"en": self.string(v, path)}
        d = self.mapping(v, path)
        if not d or not all(isinstance(k, str) and isinstance(t, str) and t.strip() for k, t in d.items()):
            raise self.fail(path, 'expected text or {"en": "...", "ar": "..."} with non-empty texts')
        return dict(d)

    def span(self, d: Mapping[str, Any], text: str, path: str) -> tuple[int, int, str]:
        start = self.integer(d.get("start"), f"{path}.start")
        end = self.integer(d.get("end"), f"{path}.end")
        if not 0 <= start < end <= len(text):
            raise self.fail(path, f"span {start}..{end} is not inside the article text (0..{len(text)})")
        got = text[start:end]
        want = d.get("text", got)
        if want != got:
            raise self.fail(
                path,
                f"text {want!r} does not match the article at {start}..{end} ({got!r}); "
                "offsets count characters of article.text from 0",
            )
        return start, end, got

    def label(self, v: Any, path: str) -> str:
        if v not in LABELS:
            raise self.fail(path, f"label {v!r} is not one of {', '.join(LABELS)}")
        return str(v)


_EX = _Checker(ExerciseFormatError, "exercise")
_SUB = _Checker(SubmissionFormatError, "submission")


def _check_format(d: Mapping[str, Any], expected: str, family: str, c: _Checker) -> None:
    fmt = d.get("format")
    if fmt == expected:
        return
    if isinstance(fmt, str) and fmt.startswith(family):
        raise c.fail("format", f"{fmt!r} was written by a newer workbench; this one reads {expected!r}. "
                               "Upgrade the workbench")
    raise c.fail("format", f'expected "format": "{expected}", got {fmt!r}')


# ---------------------------------------------------------------------------
# Exercise


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """An entity the student should mark: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """Where the LOC mention at ``start..end`` is, and how far off an answer may be.

    Attributes
    ----------
    start, end, text
        The mention (the span of a gold LOC entity).
    name
        The place's name, shown when answers are revealed.
    latitude, longitude
        WGS84 degrees.
    tolerance_km
        An answer within this distance passes.
    geonameid, country_code
        Optional identifiers (shown, not used for scoring: distance decides).
    """

    start: int
    end: int
    text: str
    name: str
    latitude: float
    longitude: float
    tolerance_km: float
    geonameid: int | None = None
    country_code: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": self.name,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "tolerance_km": self.tolerance_km,
            "geonameid": self.geonameid,
            "country_code": self.country_code,
        }


@dataclass(frozen=True, slots=True)
class ExerciseSettings:
    """How an exercise behaves.

    Attributes
    ----------
    suggestions
        ``"hidden"``: the student starts from a blank article; ``"shown"``: the
        machine's entities and places are there to review (accept, fix or remove).
    labels
        The labels that count; entities with other labels are ignored on both sides.
    reveal
        After checking, show the missed entities and the gold places; otherwise
        only scores, the student's own mistakes and the distances.
    places
        Whether places are scored.
    weight_entities, weight_places
        Weights of the entity F1 and of the share of places within tolerance in
        the total score (renormalized when places are not scored).
    proclitic_tolerant
        A student span that adds an attached proclitic (و ف ب ل ك لل ...) to the
        front of a gold span counts as that span (see :mod:`workbench.exercises.scoring`).
    """

    suggestions: Suggestions = "hidden"
    labels: tuple[str, ...] = ("PER", "LOC", "ORG")
    reveal: bool = True
    places: bool = True
    weight_entities: float = 0.5
    weight_places: float = 0.5
    proclitic_tolerant: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (the file shape)."""
        return {
            "suggestions": self.suggestions,
            "labels": list(self.labels),
            "reveal": self.reveal,
            "places": self.places,
            "weights": {"entities": self.weight_entities, "places": self.weight_places},
            "proclitic_tolerant": self.proclitic_tolerant,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None, path: str = "settings") -> ExerciseSettings:
        """Read and validate; missing fields take their defaults."""
        if d is None:
            return cls()
        c = _EX
        base = cls()
        d = c.mapping(d, path)
        c.keys(d, ("suggestions", "labels", "reveal", "places", "weights", "proclitic_tolerant"), path)
        sug = d.get("suggestions", "hidden")
        if sug not in ("hidden", "shown"):
            raise c.fail(f"{path}.suggestions", f'{sug!r} is not "hidden" or "shown"')
        labels = tuple(c.label(x, f"{path}.labels[{i}]") for i, x in enumerate(c.seq(
            d.get("labels", list(base.labels)), f"{path}.labels")))
        if not labels:
            raise c.fail(f"{path}.labels", f"give at least one of {', '.join(LABELS)}")
        flags = {}
        for k in ("reveal", "places", "proclitic_tolerant"):
            v = d.get(k, getattr(base, k))
            if not isinstance(v, bool):
                raise c.fail(f"{path}.{k}", f"expected true or false, got {v!r}")
            flags[k] = v
        w = c.mapping(d.get("weights", {}), f"{path}.weights")
        c.keys(w, ("entities", "places"), f"{path}.weights")
        we = c.number(w.get("entities", base.weight_entities), f"{path}.weights.entities", 0, None)
        wp = c.number(w.get("places", base.weight_places), f"{path}.weights.places", 0, None)
        if we + wp <= 0:
            raise c.fail(f"{path}.weights", "at least one weight must be positive")
        return cls(sug, tuple(dict.fromkeys(labels)), flags["reveal"], flags["places"], we, wp,
                   flags["proclitic_tolerant"])


@dataclass(frozen=True, slots=True)
class ExerciseArticle:
    """The article of an exercise (as in :class:`~workbench.articles.model.Article`)."""

    text: str
    title: str = ""
    source: str = "<exercise>"
    url: str | None = None
    published: str | None = None
    language: str = "ar"

    @property
    def article_id(self) -> str:
        """The findings-store id of the text (:func:`workbench.annotations.model.article_id`)."""
        return article_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return {
            "text": self.text,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "language": self.language,
        }


_TOP_KEYS = ("format", "id", "title", "instructions", "hints", "article", "gold", "settings",
             "suggestions", "candidates", "created", "generator")


@dataclass(frozen=True)
class Exercise:
    """A teaching exercise: an article, the expected answer, instructions and settings.

    Build one with :meth:`from_dict` (validates), :func:`workbench.exercises.load_exercise`
    (a file) or :func:`workbench.exercises.exercise_from_state` (a corrected article).
    """

    id: str
    title: LocalText
    instructions: LocalText
    article: ExerciseArticle
    gold_entities: tuple[GoldEntity, ...]
    gold_places: tuple[GoldPlace, ...] = ()
    hints: tuple[LocalText, ...] = ()
    settings: ExerciseSettings = field(default_factory=ExerciseSettings)
    suggested_entities: tuple[GoldEntity, ...] = ()
    suggested_places: tuple[dict[str, Any], ...] = ()
    candidates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    created: str = ""
    generator: str = ""

    # -- derived -----------------------------------------------------------------
    @property
    def text(self) -> str:
        """The article text (offsets index it)."""
        return self.article.text

    @property
    def hash(self) -> str:
        """First 16 hex digits of SHA-256 of the canonical JSON of :meth:`to_dict`.

        A submission records it, so a teacher can tell which version of an
        exercise a student answered.
        """
        blob = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def counted_gold(self) -> tuple[GoldEntity, ...]:
        """Gold entities whose label counts (``settings.labels``)."""
        return tuple(e for e in self.gold_entities if e.label in self.settings.labels)

    def scored_places(self) -> tuple[GoldPlace, ...]:
        """Gold places that are scored (none when ``settings.places`` is false or LOC does not count)."""
        if not self.settings.places or "LOC" not in self.settings.labels:
            return ()
        return self.gold_places

    def title_in(self, lang: str = "en") -> str:
        """The title in ``lang`` (falls back to English, then the article title)."""
        return localized(self.title, lang) if self.title else self.article.title

    # -- serialization -------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The file shape (``format`` first)."""
        d: dict[str, Any] = {
            "format": EXERCISE_FORMAT,
            "id": self.id,
            "title": dict(self.title),
            "instructions": dict(self.instructions),
            "hints": [dict(h) for h in self.hints],
            "article": self.article.to_dict(),
            "settings": self.settings.to_dict(),
            "gold": {
                "entities": [e.to_dict() for e in self.gold_entities],
                "places": [p.to_dict() for p in self.gold_places],
            },
            "suggestions": {
                "entities": [e.to_dict() for e in self.suggested_entities],
                "places": [dict(p) for p in self.suggested_places],
            },
            "candidates": {k: [dict(c) for c in v] for k, v in self.candidates.items()},
        }
        if self.created:
            d["created"] = self.created
        if self.generator:
            d["generator"] = self.generator
        return d

    @classmethod
    def from_dict(cls, d: Any) -> Exercise:
        """Read and validate an exercise.

        Raises
        ------
        ExerciseFormatError
            With the path of the first invalid field and how to fix it.
        """
        c = _EX
        d = c.mapping(d, "(top level)")
        _check_format(d, EXERCISE_FORMAT, _FAMILY, c)
        c.keys(d, _TOP_KEYS, "(top level)")
        ex_id = d.get("id")
        if not isinstance(ex_id, str) or not _ID.match(ex_id):
            raise c.fail("id", f"{ex_id!r} must be 1-80 letters, digits, '.', '_' or '-' "
                               "(it names folders), e.g. \"kursk-marino\"")
        a = c.mapping(d.get("article"), "article")
        c.keys(a, ("text", "title", "source", "url", "published", "language"), "article")
        text = c.string(a.get("text"), "article.text")
        article = ExerciseArticle(
            text=text,
            title=c.string(a.get("title"), "article.title", required=False),
            source=c.string(a.get("source"), "article.source", required=False) or "<exercise>",
            url=a.get("url") or None,
            published=a.get("published") or None,
            language=c.string(a.get("language"), "article.language", required=False) or "ar",
        )
        g = c.mapping(d.get("gold"), "gold")
        c.keys(g, ("entities", "places"), "gold")
        gold = _entities(c, g.get("entities"), text, "gold.entities", required=True)
        loc_spans = {(e.start, e.end) for e in gold if e.label == "LOC"}
        places: list[GoldPlace] = []
        seen: set[tuple[int, int]] = set()
        for i, p in enumerate(c.seq(g.get("places"), "gold.places")):
            path = f"gold.places[{i}]"
            p = c.mapping(p, path)
            c.keys(p, ("start", "end", "text", "name", "latitude", "longitude", "tolerance_km",
                       "geonameid", "country_code"), path)
            s, e, t = c.span(p, text, path)
            if (s, e) not in loc_spans:
                raise c.fail(path, f"{t!r} at {s}..{e} is not a gold LOC entity; add it to "
                                   "gold.entities with label LOC first")
            if (s, e) in seen:
                raise c.fail(path, f"a second place for {t!r} at {s}..{e}; keep one")
            seen.add((s, e))
            gid = p.get("geonameid")
            if gid is not None and (isinstance(gid, bool) or not isinstance(gid, int)):
                raise c.fail(f"{path}.geonameid", f"expected a whole number or null, got {gid!r}")
            places.append(GoldPlace(
                s, e, t,
                name=c.string(p.get("name"), f"{path}.name"),
                latitude=c.number(p.get("latitude"), f"{path}.latitude", -90, 90),
                longitude=c.number(p.get("longitude"), f"{path}.longitude", -180, 180),
                tolerance_km=_tolerance(c, p.get("tolerance_km"), f"{path}.tolerance_km"),
                geonameid=gid,
                country_code=str(p.get("country_code") or ""),
            ))
        s_d = c.mapping(d.get("suggestions") or {}, "suggestions")
        c.keys(s_d, ("entities", "places"), "suggestions")
        sug = _entities(c, s_d.get("entities"), text, "suggestions.entities", required=False)
        sug_places = []
        for i, p in enumerate(c.seq(s_d.get("places"), "suggestions.places")):
            p = c.mapping(p, f"suggestions.places[{i}]")
            c.span(p, text, f"suggestions.places[{i}]")
            sug_places.append({k: v for k, v in p.items() if k != "candidates"})
        cands = c.mapping(d.get("candidates") or {}, "candidates")
        candidates: dict[str, list[dict[str, Any]]] = {}
        for k, lst in cands.items():
            items = c.seq(lst, f"candidates[{k!r}]")
            for j, cd in enumerate(items):
                cd = c.mapping(cd, f"candidates[{k!r}][{j}]")
                c.number(cd.get("latitude"), f"candidates[{k!r}][{j}].latitude", -90, 90)
                c.number(cd.get("longitude"), f"candidates[{k!r}][{j}].longitude", -180, 180)
            candidates[str(k)] = [dict(x) for x in items]
        return cls(
            id=ex_id,
            title=c.local_text(d.get("title"), "title", required=False),
            instructions=c.local_text(d.get("instructions"), "instructions"),
            article=article,
            gold_entities=gold,
            gold_places=tuple(sorted(places, key=lambda p: (p.start, p.end))),
            hints=tuple(c.local_text(h, f"hints[{i}]") for i, h in enumerate(c.seq(d.get("hints"), "hints"))),
            settings=ExerciseSettings.from_dict(d.get("settings")),
            suggested_entities=sug,
            suggested_places=tuple(sug_places),
            candidates=candidates,
            created=str(d.get("created") or ""),
            generator=str(d.get("generator") or ""),
        )


def _tolerance(c: _Checker, v: Any, path: str) -> float:
    tol = c.number(v, path, 0, 20_000)
    if tol <= 0:
        raise c.fail(path, "must be more than 0 km (e.g. 10 for a town, 25 for a village)")
    return tol


def _entities(c: _Checker, items: Any, text: str, path: str, *, required: bool) -> tuple[GoldEntity, ...]:
    lst = c.seq(items, path)
    if required and not lst:
        raise c.fail(path, "an exercise needs at least one gold entity")
    out: dict[tuple[int, int], GoldEntity] = {}
    for i, e in enumerate(lst):
        p = f"{path}[{i}]"
        e = c.mapping(e, p)
        c.keys(e, ("start", "end", "text", "label"), p)
        s, end, t = c.span(e, text, p)
        if t != t.strip():
            raise c.fail(p, f"{t!r} starts or ends with a space; trim the span")
        if (s, end) in out:
            raise c.fail(p, f"{t!r} at {s}..{end} is listed twice; keep one label per span")
        out[(s, end)] = GoldEntity(s, end, t, c.label(e.get("label"), f"{p}.label"))
    return tuple(sorted(out.values(), key=lambda e: (e.start, e.end)))


# ---------------------------------------------------------------------------
# Submission


@dataclass(frozen=True, slots=True)
class SubmittedEntity:
    """An entity a student marked."""

    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}


@dataclass(frozen=True, slots=True)
class SubmittedPlace:
    """Where a student put the LOC mention at ``start..end`` (no coordinates: not located).

    ``status`` says how: ``candidate`` (a gazetteer candidate chosen), ``pinned``
    (clicked on the map), ``confirmed``/``machine`` (a suggestion kept),
    ``unresolved``.
    """

    start: int
    end: int
    text: str
    latitude: float | None = None
    longitude: float | None = None
    name: str = ""
    status: str = "unresolved"
    geonameid: int | None = None

    @property
    def located(self) -> bool:
        """Whether the student gave coordinates."""
        return self.latitude is not None and self.longitude is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "name": self.name,
            "status": self.status,
            "geonameid": self.geonameid,
        }


@dataclass(frozen=True)
class Submission:
    """What one student handed in for one exercise (``submission.json``).

    Attributes
    ----------
    student
        The student's name as they typed it.
    exercise_id, exercise_hash
        Which exercise, and which version of it (:attr:`Exercise.hash`).
    article_id
        :func:`~workbench.annotations.model.article_id` of the text annotated.
    entities, places
        The student's active entities and the places of their LOC entities.
    submitted
        ISO 8601 time of the submission.
    revision
        How many changes the student made (the store revision).
    """

    student: str
    exercise_id: str
    exercise_hash: str
    article_id: str
    entities: tuple[SubmittedEntity, ...] = ()
    places: tuple[SubmittedPlace, ...] = ()
    submitted: str = ""
    revision: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The file shape (``format`` first)."""
        return {
            "format": SUBMISSION_FORMAT,
            "student": self.student,
            "exercise_id": self.exercise_id,
            "exercise_hash": self.exercise_hash,
            "article_id": self.article_id,
            "submitted": self.submitted,
            "revision": self.revision,
            "entities": [e.to_dict() for e in self.entities],
            "places": [p.to_dict() for p in self.places],
        }

    @classmethod
    def from_dict(cls, d: Any, text: str | None = None) -> Submission:
        """Read and validate a submission.

        Parameters
        ----------
        d
            The parsed ``submission.json``.
        text
            The exercise's article text; when given, every span is checked against it.

        Raises
        ------
        SubmissionFormatError
            With the path of the first invalid field.
        """
        c = _SUB
        d = c.mapping(d, "(top level)")
        _check_format(d, SUBMISSION_FORMAT, _SUB_FAMILY, c)
        c.keys(d, ("format", "student", "exercise_id", "exercise_hash", "article_id", "submitted",
                   "revision", "entities", "places", "score"), "(top level)")

        def span(x: Mapping[str, Any], path: str) -> tuple[int, int, str]:
            if text is not None:
                return c.span(x, text, path)
            s, e = c.integer(x.get("start"), f"{path}.start"), c.integer(x.get("end"), f"{path}.end")
            if not 0 <= s < e:
                raise c.fail(path, f"span {s}..{e} is empty or negative")
            return s, e, c.string(x.get("text"), f"{path}.text")

        ents = []
        for i, e in enumerate(c.seq(d.get("entities"), "entities")):
            e = c.mapping(e, f"entities[{i}]")
            s, end, t = span(e, f"entities[{i}]")
            ents.append(SubmittedEntity(s, end, t, c.label(e.get("label"), f"entities[{i}].label")))
        places = []
        for i, p in enumerate(c.seq(d.get("places"), "places")):
            path = f"places[{i}]"
            p = c.mapping(p, path)
            s, end, t = span(p, path)
            lat, lon = p.get("latitude"), p.get("longitude")
            if (lat is None) != (lon is None):
                raise c.fail(path, "give both latitude and longitude, or neither")
            places.append(SubmittedPlace(
                s, end, t,
                None if lat is None else c.number(lat, f"{path}.latitude", -90, 90),
                None if lon is None else c.number(lon, f"{path}.longitude", -180, 180),
                str(p.get("name") or ""), str(p.get("status") or "unresolved"),
                p.get("geonameid") if isinstance(p.get("geonameid"), int) else None,
            ))
        rev = d.get("revision", 0)
        return cls(
            student=c.string(d.get("student"), "student"),
            exercise_id=c.string(d.get("exercise_id"), "exercise_id"),
            exercise_hash=str(d.get("exercise_hash") or ""),
            article_id=str(d.get("article_id") or ""),
            entities=tuple(ents),
            places=tuple(places),
            submitted=str(d.get("submitted") or ""),
            revision=rev if isinstance(rev, int) and not isinstance(rev, bool) else 0,
        )

    @classmethod
    def from_state(cls, state: Any, exercise: Exercise, student: str, *,
                   submitted: str | None = None) -> Submission:
        """The submission of a student's :class:`~workbench.annotations.model.ArticleState`.

        Active entities are taken as marked; the place of each active LOC entity
        as located (coordinates) or not.
        """
        ents = tuple(SubmittedEntity(e.start, e.end, e.text, e.label) for e in state.active_entities())
        places = tuple(
            SubmittedPlace(e.start, e.end, e.text, p.latitude, p.longitude, p.name or "", p.status,
                           p.geonameid)
            for e, p in state.active_places()
        )
        return cls(student=student, exercise_id=exercise.id, exercise_hash=exercise.hash,
                   article_id=state.article_id, entities=ents, places=places,
                   submitted=submitted or now_iso(), revision=int(state.revision))

    @classmethod
    def from_answers(cls, exercise: Exercise, student: str,
                     entities: Sequence[tuple[int, int, str] | tuple[str, str]] = (),
                     places: Mapping[str | tuple[int, int], tuple[float, float]] | None = None, *,
                     submitted: str | None = None) -> Submission:
        """A submission built from plain answers (autograder tests, simulations).

        Parameters
        ----------
        exercise
            The exercise answered.
        student
            The student's name.
        entities
            ``(start, end, label)``, or ``(text, label)`` meaning every occurrence of
            ``text`` in the article.
        places
            Coordinates ``(lat, lon)`` by mention span ``(start, end)`` or by mention
            text (every LOC entity with that text).
        """
        text = exercise.text
        ents: dict[tuple[int, int], SubmittedEntity] = {}
        for item in entities:
            lab = item[-1]
            if len(item) == 3:
                spans = [(int(item[0]), int(item[1]))]
            else:
                needle = str(item[0])
                spans = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
                if not spans:
                    raise SubmissionFormatError(f"{needle!r} does not occur in the article text")
            for start, end in spans:
                ents[(start, end)] = SubmittedEntity(start, end, text[start:end], str(lab))
        pl: list[SubmittedPlace] = []
        for key, (lat, lon) in (places or {}).items():
            for ent in ents.values():
                hit = (ent.start, ent.end) == key if isinstance(key, tuple) else ent.text == key
                if hit and ent.label == "LOC":
                    pl.append(SubmittedPlace(ent.start, ent.end, ent.text, float(lat), float(lon), ent.text,
                                             "pinned"))
        return cls(student=student, exercise_id=exercise.id, exercise_hash=exercise.hash,
                   article_id=exercise.article.article_id,
                   entities=tuple(sorted(ents.values(), key=lambda e: (e.start, e.end))),
                   places=tuple(sorted(pl, key=lambda p: (p.start, p.end))),
                   submitted=submitted or now_iso())
