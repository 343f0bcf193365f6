"""A student's working state: where it is saved, how it starts, which candidates it offers.

No widgets here. The student's work is an ordinary
:class:`~workbench.annotations.model.ArticleState` in an ordinary
:class:`~workbench.annotations.store.FindingsStore`, one SQLite file per
(exercise, student)::

    <exercises dir>/<exercise id>/<student slug>.sqlite

so it survives restarts, keeps its history, and never mixes with the analysts'
own findings (nor adds students' pins to the analysts' gazetteer). The
exercises dir is ``$WORKBENCH_EXERCISES_DIR``, else ``exercises/`` next to the
findings store file (``$WORKBENCH_DB``), else the user data folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from workbench.annotations.model import ArticleState, EntityState, PlaceState, article_id
from workbench.articles.normalize import normalize_key
from workbench.exercises.model import Exercise
from workbench.nlp.proclitics import PROCLITIC_PREFIXES

__all__ = ["candidates_for", "exercises_store_dir", "start_state", "student_slug", "student_store_path"]


def exercises_store_dir() -> Path:
    """Where students' work is saved (see the module notes)."""
    env = os.environ.get("WORKBENCH_EXERCISES_DIR")
    if env:
        return Path(env)
    from workbench.annotations.store import default_store_path

    db = default_store_path()
    if "://" not in db:
        return Path(db).resolve().parent / "exercises"
    from platformdirs import user_data_dir

    return Path(user_data_dir("arabic-osint-workbench")) / "exercises"


def student_slug(name: str) -> str:
    """A file name for a student: their name's letters and digits plus a short hash.

    Two names that differ only in punctuation still get different files.
    """
    clean = " ".join(str(name).split())
    if not clean:
        raise ValueError("the student's name must not be empty")
    base = re.sub(r"[^\w-]+", "_", clean, flags=re.UNICODE).strip("_")[:40] or "student"
    return f"{base}-{hashlib.sha256(clean.encode('utf-8')).hexdigest()[:8]}"


def student_store_path(exercise_id: str, student: str, root: str | os.PathLike[str] | None = None) -> Path:
    """The findings-store file of one student's work on one exercise."""
    base = Path(root) if root is not None else exercises_store_dir()
    return base / exercise_id / f"{student_slug(student)}.sqlite"


def candidates_for(exercise: Exercise, mention: str, *, shuffle: bool = False) -> list[dict[str, Any]]:
    """Gazetteer candidates the exercise offers for a mention the student marked.

    The mention is looked up normalized; if unknown, without a leading proclitic
    («وبنغازي» finds the candidates of «بنغازي»).

    Parameters
    ----------
    exercise
        The exercise (its ``candidates`` table).
    mention
        The marked text.
    shuffle
        Order by name rather than by the machine's ranking, so the order gives
        nothing away when suggestions are hidden.
    """
    key = normalize_key(mention)
    found = exercise.candidates.get(key)
    if found is None:
        for p in PROCLITIC_PREFIXES:
            if key.startswith(p) and key[len(p):] in exercise.candidates:
                found = exercise.candidates[key[len(p):]]
                break
    out = [dict(c, match="exercise") for c in found or []]
    if shuffle:
        out.sort(key=lambda c: (str(c.get("name") or ""), str(c.get("country_code") or "")))
    return out


def start_state(exercise: Exercise) -> ArticleState:
    """The article as the student first sees it (revision 0).

    With ``settings.suggestions == "shown"``: the machine's entities whose label
    counts, and the places it found for them (status ``machine``) with their
    candidates. With ``"hidden"``: no entity at all.
    """
    a = exercise.article
    entities: list[EntityState] = []
    places: dict[str, PlaceState] = {}
    if exercise.settings.suggestions == "shown":
        by_span = {(p["start"], p["end"]): p for p in exercise.suggested_places}
        for e in exercise.suggested_entities:
            if e.label not in exercise.settings.labels:
                continue
            eid = f"m:{e.start}:{e.end}"
            entities.append(EntityState(eid, e.start, e.end, e.text, e.label, "machine"))
            if e.label != "LOC":
                continue
            cands = candidates_for(exercise, e.text)
            p = by_span.get((e.start, e.end))
            if p is None:
                places[eid] = PlaceState(eid, candidates=cands, reason="the machine could not locate it")
            else:
                places[eid] = PlaceState(
                    eid, status="machine", name=p.get("name"), latitude=p.get("latitude"),
                    longitude=p.get("longitude"), geonameid=p.get("geonameid"),
                    country_code=p.get("country_code"), feature=p.get("feature"),
                    precision=p.get("precision"), uncertainty_km=p.get("uncertainty_km"),
                    confidence=float(p.get("confidence") or 0.0), candidates=cands,
                    reason="machine suggestion: check it",
                )
    return ArticleState(
        article_id=article_id(a.text), revision=0, source=a.source, title=a.title,
        language=a.language, text=a.text, url=a.url, published=a.published,
        entities=tuple(sorted(entities, key=lambda e: (e.start, e.end, e.id))), places=places,
    )
