"""Turning an analyst's corrected article into an exercise.

The analyst's saved state (findings store) is the answer: its active entities
become the gold entities, the located places of its LOC entities the gold
places. The machine's analysis of the same text becomes the suggestions a
student may be shown, and the gazetteer candidates of every place mention are
kept so the student can choose among them offline.

Tolerances (km) default by what a place is (:func:`default_tolerance`): a
country 500 (Russia, the United States, Canada... 1500), a first-level region
150, a second-level one 60, a town 10, a pin (a village the gazetteer lacks) 25.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from workbench.annotations.model import ArticleState, PlaceState, now_iso
from workbench.articles.normalize import normalize_key
from workbench.exercises.errors import ExerciseFormatError
from workbench.exercises.model import (
    Exercise,
    ExerciseSettings,
    GoldEntity,
    GoldPlace,
    LocalText,
)

if TYPE_CHECKING:
    from workbench.analysis import Analysis

__all__ = ["CANDIDATE_KEYS", "default_tolerance", "exercise_from_state", "state_from_web_annotation"]

CANDIDATE_KEYS = ("name", "name_ar", "latitude", "longitude", "geonameid", "country_code", "feature",
                  "kind", "score")
_HUGE_COUNTRIES = frozenset({"RU", "US", "CA", "CN", "BR", "AU", "KZ", "IN", "AR", "DZ", "SA", "CD"})
_DEFAULT_INSTRUCTIONS: LocalText = {
    "en": "Read the article. Mark every person (PER), place (LOC) and organization (ORG) named in it, "
          "then locate every place: choose a gazetteer candidate or pin it on the map. "
          "Press “Check my answers” to see how you did, and “Submit” when you are done.",
    "ar": "اقرأ المقال. حدّد كل شخص (PER) ومكان (LOC) ومنظمة (ORG) ورد اسمه فيه، "
          "ثم حدّد موقع كل مكان: اختر أحد المرشحين من المعجم الجغرافي أو ضع دبوساً على الخريطة. "
          "اضغط «تحقق من إجاباتي» لترى نتيجتك، و«سلِّم» عند الانتهاء.",
}


def default_tolerance(place: PlaceState | Mapping[str, Any]) -> float:
    """A sensible tolerance in km for a gold place, from its feature code and status.

    Parameters
    ----------
    place
        A :class:`~workbench.annotations.model.PlaceState` or a dict with
        ``feature``, ``country_code``, ``status``/``precision``.
    """
    d = place.to_dict() if isinstance(place, PlaceState) else dict(place)
    feature = str(d.get("feature") or "").upper()
    if feature.startswith("PCL"):
        return 1500.0 if str(d.get("country_code") or "").upper() in _HUGE_COUNTRIES else 500.0
    if feature == "ADM1":
        return 150.0
    if feature.startswith("ADM"):
        return 60.0
    if d.get("status") == "pinned" or not feature:
        return 25.0
    return 10.0


def _candidate(c: Mapping[str, Any]) -> dict[str, Any]:
    return {k: c.get(k) for k in CANDIDATE_KEYS}


def _add_candidates(table: dict[str, list[dict[str, Any]]], mention: str,
                    cands: Iterable[Mapping[str, Any]]) -> None:
    key = normalize_key(mention)
    if not key:
        return
    lst = table.setdefault(key, [])
    seen = {(c.get("geonameid"), c.get("latitude"), c.get("longitude")) for c in lst}
    for c in cands:
        if c.get("match") == "analyst" or c.get("latitude") is None or c.get("longitude") is None:
            continue  # pins of other analysts are not gazetteer candidates
        k = (c.get("geonameid"), c.get("latitude"), c.get("longitude"))
        if k not in seen:
            seen.add(k)
            lst.append(_candidate(c))
    if not lst:
        del table[key]


def exercise_from_state(
    state: ArticleState,
    *,
    exercise_id: str,
    title: LocalText | str | None = None,
    instructions: LocalText | str | None = None,
    hints: Sequence[LocalText | str] = (),
    settings: ExerciseSettings | None = None,
    machine: Analysis | None = None,
    tolerances: Mapping[str, float] | None = None,
    extra_candidates: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
) -> Exercise:
    """An exercise whose answer is an analyst's corrected article.

    Parameters
    ----------
    state
        The corrected article (``FindingsStore.load(article_id)``, or an import).
    exercise_id
        The exercise's id (letters, digits, ``.``, ``_``, ``-``).
    title, instructions, hints
        Plain text or ``{"en": ..., "ar": ...}``; defaults: the article title and
        generic bilingual instructions.
    settings
        :class:`ExerciseSettings`; defaults when ``None``.
    machine
        The machine's analysis of the same text: its entities and places become
        the suggestions, its candidates are offered to the student.
    tolerances
        Tolerance in km by mention text (or by normalized mention), overriding
        :func:`default_tolerance`.
    extra_candidates
        More gazetteer candidates by mention text (e.g. for a mention the machine missed).

    Returns
    -------
    Exercise
        Validated (built through :meth:`Exercise.from_dict`).

    Raises
    ------
    ExerciseFormatError
        The state has no active entity, or the texts differ.
    """
    if machine is not None and machine.article.text != state.text:
        raise ExerciseFormatError("the machine analysis is of another text than the corrected article; "
                                  "analyse the same article")
    tol = {normalize_key(k): float(v) for k, v in (tolerances or {}).items()}
    gold = [GoldEntity(e.start, e.end, e.text, e.label) for e in state.active_entities()]
    places = []
    candidates: dict[str, list[dict[str, Any]]] = {}
    for e, p in state.active_places():
        _add_candidates(candidates, e.text, p.candidates)
        if not p.resolved:
            continue
        assert p.latitude is not None and p.longitude is not None
        places.append(GoldPlace(
            e.start, e.end, e.text, name=p.name or e.text, latitude=float(p.latitude),
            longitude=float(p.longitude),
            tolerance_km=tol.get(normalize_key(e.text), default_tolerance(p)),
            geonameid=p.geonameid, country_code=p.country_code or "",
        ))
    sug_entities: list[dict[str, Any]] = []
    sug_places: list[dict[str, Any]] = []
    if machine is not None:
        sug_entities = [e.to_dict() for e in machine.entity_list]
        for rp in machine.place_list:
            d = rp.to_dict()
            _add_candidates(candidates, rp.text, d.get("candidates") or [])
            if d.get("resolved"):
                sug_places.append({k: d.get(k) for k in (
                    "start", "end", "text", "name", "latitude", "longitude", "geonameid", "country_code",
                    "feature", "precision", "uncertainty_km", "confidence", "reason")})
    for mention, cands in (extra_candidates or {}).items():
        _add_candidates(candidates, mention, cands)
    seen_spans: set[tuple[int, int]] = set()
    sug_unique = []
    for sug in sug_entities:  # one suggestion per span, as in the findings store
        if (sug["start"], sug["end"]) not in seen_spans:
            seen_spans.add((sug["start"], sug["end"]))
            sug_unique.append(sug)

    def text_of(v: LocalText | str | None, default: LocalText) -> LocalText:
        if v is None:
            return dict(default)
        return {"en": v} if isinstance(v, str) else dict(v)

    d = {
        "format": "workbench-exercise/1",
        "id": exercise_id,
        "title": text_of(title, {"en": state.title} if state.title else {}),
        "instructions": text_of(instructions, _DEFAULT_INSTRUCTIONS),
        "hints": [text_of(h, {}) for h in hints],
        "article": {"text": state.text, "title": state.title, "source": state.source, "url": state.url,
                    "published": state.published, "language": state.language},
        "settings": (settings or ExerciseSettings()).to_dict(),
        "gold": {"entities": [g.to_dict() for g in gold], "places": [p.to_dict() for p in places]},
        "suggestions": {"entities": sug_unique, "places": sug_places},
        "candidates": candidates,
        "created": now_iso(),
        "generator": _generator(),
    }
    if not d["title"]:
        del d["title"]
    return Exercise.from_dict(d)


def _generator() -> str:
    from workbench import __version__

    return f"arabic-osint-workbench {__version__}"


def state_from_web_annotation(doc: Any, text_state: ArticleState) -> ArticleState:
    """The corrected article carried by a Web Annotation export, anchored on ``text_state``.

    Parameters
    ----------
    doc
        A Web Annotation export (:func:`workbench.annotations.export.to_web_annotation`).
    text_state
        A state of the same article text (e.g. ``initial_state(article)``); its
        text anchors the selectors.
    """
    from workbench.annotations.export import from_web_annotation

    return from_web_annotation(doc, text_state)
