"""The findings model: an article's analyst state and the typed changes to it (pure).

Everything here is plain data in frozen dataclasses: no I/O, no clock unless a
change is applied without a timestamp, JSON-serializable through ``to_dict``.

State
-----
:class:`ArticleState` is one article as the analyst sees it: the text and its
metadata, the entities (machine ones from :func:`workbench.analyze` plus the
analyst's), one :class:`PlaceState` per LOC entity, and the findings.
``revision`` counts the changes applied since :func:`initial_state` (0).

Ids are stable, so a record reopened later (or in another kernel) means the same thing:

- ``article_id(text)``: first 16 hex digits of the SHA-256 of the UTF-8 text;
- machine entities ``m:{start}:{end}``, analyst entities ``a:{uuid4 hex}``;
- findings ``f:{uuid4 hex}``.

A deleted entity is kept with ``deleted=True`` (so a machine entity the analyst
removed does not come back when the article is reopened); a place record is kept
when its entity stops being LOC, and is shown again if it becomes LOC again.
Use :meth:`ArticleState.active_entities` and :meth:`ArticleState.active_places`.

Changes
-------
Each change is a frozen dataclass with a pure ``apply(state) -> state`` that
validates (raising :class:`~workbench.annotations.errors.InvalidChangeError`,
W401, with nothing changed) and returns a new state with ``revision + 1``;
``to_dict()`` gives ``{"type": ..., ...}`` for the history and
:func:`change_from_dict` reads it back.

==================  =====================================================================
``type``            change
==================  =====================================================================
``set_label``       :class:`SetLabel` ``(entity_id, label)``
``delete_entity``   :class:`DeleteEntity` ``(entity_id)``
``restore_entity``  :class:`RestoreEntity` ``(entity_id)``
``add_entity``      :class:`AddEntity` ``(start, end, label)``; a LOC gets an unresolved place
``choose``          :class:`ChooseCandidate` ``(entity_id, candidate_index=|geonameid=)``
``confirm``         :class:`ConfirmPlace` ``(entity_id)``
``pin``             :class:`PinPlace` ``(entity_id, latitude, longitude, name, country_code)``
``unresolve``       :class:`UnresolvePlace` ``(entity_id, reason)``
``add_finding``     :class:`AddFinding` ``(target, note, tags, confidence, status)``
``update_finding``  :class:`UpdateFinding` ``(finding_id, note=, tags=, ...)``
``delete_finding``  :class:`DeleteFinding` ``(finding_id)``
``set_records``     :class:`SetRecords`: set whole records (used by revert and imports)
==================  =====================================================================

Finding targets are plain dicts, built with :func:`entity_target`,
:func:`place_target` or :func:`span_target`.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from workbench.annotations.errors import InvalidChangeError

if TYPE_CHECKING:
    from workbench.analysis import Analysis
    from workbench.articles.model import Article

__all__ = [
    "CONFIDENCES",
    "FINDING_STATUSES",
    "LABELS",
    "PLACE_STATUSES",
    "AddEntity",
    "AddFinding",
    "ArticleState",
    "Change",
    "ChooseCandidate",
    "ConfirmPlace",
    "DeleteEntity",
    "DeleteFinding",
    "EntityState",
    "Finding",
    "HistoryEntry",
    "PinPlace",
    "PlaceState",
    "RestoreEntity",
    "SetLabel",
    "SetRecords",
    "UnresolvePlace",
    "UpdateFinding",
    "article_id",
    "change_from_dict",
    "diff_records",
    "entity_target",
    "initial_state",
    "now_iso",
    "place_target",
    "span_target",
]

LABELS: tuple[str, ...] = ("PER", "LOC", "ORG", "MISC")
PLACE_STATUSES: tuple[str, ...] = ("machine", "confirmed", "candidate", "pinned", "unresolved")
CONFIDENCES: tuple[str, ...] = ("confirmed", "probable", "doubtful")
FINDING_STATUSES: tuple[str, ...] = ("open", "resolved", "rejected")
TARGET_KINDS: tuple[str, ...] = ("entity", "place", "span")

Origin = Literal["machine", "analyst"]
PlaceStatus = Literal["machine", "confirmed", "candidate", "pinned", "unresolved"]
Confidence = Literal["confirmed", "probable", "doubtful"]
FindingStatus = Literal["open", "resolved", "rejected"]


def article_id(text: str) -> str:
    """Stable id of an article: the first 16 hex digits of SHA-256 of its UTF-8 text.

    Parameters
    ----------
    text
        The article text exactly as analysed (``Article.text``).

    Returns
    -------
    str
        16 lowercase hex digits; the same text always gives the same id.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def now_iso() -> str:
    """Current UTC time as ISO 8601 with milliseconds (``2025-01-31T12:00:00.000+00:00``)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _invalid(message: str) -> InvalidChangeError:
    return InvalidChangeError(message)


# ---------------------------------------------------------------------------
# State records


@dataclass(frozen=True, slots=True)
class EntityState:
    """An entity as the analyst sees it; ``text == article text[start:end]``.

    Attributes
    ----------
    id
        ``m:{start}:{end}`` for machine entities, ``a:{uuid}`` for analyst ones.
    start, end
        Character offsets into the article text.
    text
        The covered text.
    label
        ``PER``, ``LOC``, ``ORG`` or ``MISC``.
    origin
        ``"machine"`` (from the analysis) or ``"analyst"``.
    deleted
        True when the analyst removed it (kept so it does not reappear).
    """

    id: str
    start: int
    end: int
    text: str
    label: str
    origin: Origin = "machine"
    deleted: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "origin": self.origin,
            "deleted": self.deleted,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> EntityState:
        """Inverse of :meth:`to_dict`."""
        return cls(
            id=str(d["id"]),
            start=int(d["start"]),
            end=int(d["end"]),
            text=str(d["text"]),
            label=str(d["label"]),
            origin=d.get("origin", "machine"),
            deleted=bool(d.get("deleted", False)),
        )


@dataclass(frozen=True, slots=True)
class PlaceState:
    """Where a LOC entity is, and how sure we are.

    Attributes
    ----------
    entity_id
        The LOC entity this place belongs to.
    status
        ``machine`` (as resolved, not reviewed), ``confirmed`` (analyst agreed),
        ``candidate`` (analyst chose another candidate), ``pinned`` (analyst placed
        it by hand) or ``unresolved`` (no coordinates).
    name, latitude, longitude, geonameid, country_code, feature
        The place; all ``None`` when unresolved (``geonameid`` is ``None`` for pins).
    precision
        ``exact``, ``city``, ``region``, ``country`` or ``None``.
    uncertainty_km
        Radius of the container when only a container is known.
    confidence
        Machine confidence in [0, 1]; 1.0 once an analyst decided.
    candidates
        The gazetteer candidates as plain dicts (``Candidate.to_dict()`` shape).
    reason
        Why it is unresolved, or who decided what.
    """

    entity_id: str
    status: PlaceStatus = "unresolved"
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    country_code: str | None = None
    feature: str | None = None
    precision: str | None = None
    uncertainty_km: float | None = None
    confidence: float = 0.0
    candidates: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""

    @property
    def resolved(self) -> bool:
        """Whether the place has coordinates."""
        return self.latitude is not None and self.longitude is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (candidates copied)."""
        # Written out rather than dataclasses.asdict: that deep-copies and dominated save time.
        return {
            "entity_id": self.entity_id,
            "status": self.status,
            "name": self.name,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geonameid": self.geonameid,
            "country_code": self.country_code,
            "feature": self.feature,
            "precision": self.precision,
            "uncertainty_km": self.uncertainty_km,
            "confidence": self.confidence,
            "candidates": [dict(c) for c in self.candidates],
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PlaceState:
        """Inverse of :meth:`to_dict`."""
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        kw["candidates"] = [dict(c) for c in d.get("candidates") or []]
        return cls(**kw)

    @classmethod
    def from_resolved(cls, entity_id: str, place: Mapping[str, Any]) -> PlaceState:
        """From ``ResolvedPlace.to_dict()``: ``machine`` if resolved, else ``unresolved``."""
        resolved = bool(place.get("resolved", place.get("latitude") is not None))
        return cls(
            entity_id=entity_id,
            status="machine" if resolved else "unresolved",
            name=place.get("name"),
            latitude=place.get("latitude"),
            longitude=place.get("longitude"),
            geonameid=place.get("geonameid"),
            country_code=place.get("country_code"),
            feature=place.get("feature"),
            precision=place.get("precision"),
            uncertainty_km=place.get("uncertainty_km"),
            confidence=float(place.get("confidence") or 0.0),
            candidates=[dict(c) for c in place.get("candidates") or []],
            reason=str(place.get("reason") or ""),
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """An analyst's note about an entity, a place or a span of the text.

    Attributes
    ----------
    id
        ``f:{uuid}``.
    target
        ``{"kind": "entity"|"place", "entity_id": ...}`` or
        ``{"kind": "span", "start": ..., "end": ...}``.
    note
        Free text (data, never interpreted).
    tags
        Short labels, deduplicated, in the order given.
    confidence
        ``confirmed``, ``probable`` or ``doubtful``.
    status
        ``open``, ``resolved`` or ``rejected``.
    analyst
        Who created it.
    created, updated
        ISO 8601 timestamps.
    """

    id: str
    target: dict[str, Any]
    note: str = ""
    tags: tuple[str, ...] = ()
    confidence: Confidence = "probable"
    status: FindingStatus = "open"
    analyst: str = ""
    created: str = ""
    updated: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (tags as a list)."""
        return {
            "id": self.id,
            "target": dict(self.target),
            "note": self.note,
            "tags": list(self.tags),
            "confidence": self.confidence,
            "status": self.status,
            "analyst": self.analyst,
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        """Inverse of :meth:`to_dict`."""
        return cls(
            id=str(d["id"]),
            target=dict(d["target"]),
            note=str(d.get("note", "")),
            tags=tuple(d.get("tags") or ()),
            confidence=d.get("confidence", "probable"),
            status=d.get("status", "open"),
            analyst=str(d.get("analyst", "")),
            created=str(d.get("created", "")),
            updated=str(d.get("updated", "")),
        )


@dataclass(frozen=True, slots=True)
class ArticleState:
    """One article with the analyst's corrections and findings.

    Attributes
    ----------
    article_id
        :func:`article_id` of ``text``.
    revision
        Number of changes applied since the machine state (0).
    source, title, language, text, url, published
        As in :class:`~workbench.articles.model.Article`.
    entities
        All entities in text order, deleted ones included (see :meth:`active_entities`).
    places
        ``entity_id -> PlaceState`` (see :meth:`place_for`, :meth:`active_places`).
    findings
        Oldest first (by ``created``, then id).
    """

    article_id: str
    revision: int
    source: str
    title: str
    language: str
    text: str
    url: str | None = None
    published: str | None = None
    entities: tuple[EntityState, ...] = ()
    places: dict[str, PlaceState] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()

    # -- queries --------------------------------------------------------------

    def entity(self, entity_id: str) -> EntityState | None:
        """The entity with that id (deleted or not), or ``None``."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def active_entities(self) -> tuple[EntityState, ...]:
        """Entities not deleted, in text order."""
        return tuple(e for e in self.entities if not e.deleted)

    def place_for(self, entity_id: str) -> PlaceState | None:
        """The place of an active LOC entity, or ``None``."""
        e = self.entity(entity_id)
        if e is None or e.deleted or e.label != "LOC":
            return None
        return self.places.get(entity_id)

    def active_places(self) -> list[tuple[EntityState, PlaceState]]:
        """``(entity, place)`` for every active LOC entity, in text order."""
        return [
            (e, self.places[e.id])
            for e in self.entities
            if not e.deleted and e.label == "LOC" and e.id in self.places
        ]

    def finding(self, finding_id: str) -> Finding | None:
        """The finding with that id, or ``None``."""
        for f in self.findings:
            if f.id == finding_id:
                return f
        return None

    def findings_for(self, entity_id: str) -> tuple[Finding, ...]:
        """Findings whose target is that entity or its place."""
        return tuple(f for f in self.findings if f.target.get("entity_id") == entity_id)

    # -- serialization ----------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        """The article metadata (everything but text, revision and records)."""
        return {
            "source": self.source,
            "title": self.title,
            "language": self.language,
            "url": self.url,
            "published": self.published,
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serializable data; :meth:`from_dict` restores an equal state."""
        return {
            "article_id": self.article_id,
            "revision": self.revision,
            **self.metadata(),
            "text": self.text,
            "entities": [e.to_dict() for e in self.entities],
            "places": {k: p.to_dict() for k, p in self.places.items()},
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ArticleState:
        """Inverse of :meth:`to_dict`."""
        return cls(
            article_id=str(d["article_id"]),
            revision=int(d["revision"]),
            source=str(d.get("source", "<string>")),
            title=str(d.get("title", "")),
            language=str(d.get("language", "ar")),
            text=str(d["text"]),
            url=d.get("url"),
            published=d.get("published"),
            entities=tuple(EntityState.from_dict(e) for e in d.get("entities", [])),
            places={str(k): PlaceState.from_dict(p) for k, p in d.get("places", {}).items()},
            findings=tuple(Finding.from_dict(f) for f in d.get("findings", [])),
        )

    # -- records (used by history diffs, revert and imports) -------------------

    def records(self) -> dict[str, dict[str, dict[str, Any]]]:
        """All records by kind and id: ``{"entities"|"places"|"findings": {id: dict}}``."""
        return {
            "entities": {e.id: e.to_dict() for e in self.entities},
            "places": {k: p.to_dict() for k, p in self.places.items()},
            "findings": {f.id: f.to_dict() for f in self.findings},
        }


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One applied change as stored in the history (append-only).

    ``before``/``after`` hold only the records the change touched, in the
    :func:`diff_records` shape (``None`` = record absent).
    """

    id: int
    article_id: str
    revision: int
    analyst: str
    at: str
    change: dict[str, Any]
    before: dict[str, dict[str, Any]]
    after: dict[str, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return asdict(self)


# ---------------------------------------------------------------------------
# Building states


def _sort_entities(entities: Iterable[EntityState]) -> tuple[EntityState, ...]:
    return tuple(sorted(entities, key=lambda e: (e.start, e.end, e.id)))


def initial_state(analysis: Analysis | Article) -> ArticleState:
    """The machine state of an analysed article (revision 0).

    Parameters
    ----------
    analysis
        The result of :func:`workbench.analyze`; an :class:`Article` alone gives a
        state with no entities.

    Returns
    -------
    ArticleState
        Machine entities (``m:{start}:{end}``) and one place per LOC entity,
        from ``ResolvedPlace.to_dict()``; LOC entities without a place record
        get an ``unresolved`` place.
    """
    from workbench.articles.model import Article

    if isinstance(analysis, Article):
        article, entity_list, place_list = analysis, [], []
    else:
        article, entity_list, place_list = (
            analysis.article,
            analysis.entity_list,
            analysis.place_list,
        )
    entities: dict[str, EntityState] = {}
    for e in entity_list:
        eid = f"m:{e.start}:{e.end}"
        if eid not in entities:  # one entity per span; the first label wins
            entities[eid] = EntityState(eid, e.start, e.end, e.text, e.label, "machine", False)
    by_span = {(p.start, p.end): p for p in place_list}
    places: dict[str, PlaceState] = {}
    for ent in entities.values():
        if ent.label != "LOC":
            continue
        p = by_span.get((ent.start, ent.end))
        if p is None:
            places[ent.id] = PlaceState(ent.id, reason="no place record from the analysis")
        else:
            places[ent.id] = PlaceState.from_resolved(ent.id, p.to_dict())
    return ArticleState(
        article_id=article_id(article.text),
        revision=0,
        source=article.source,
        title=article.title,
        language=article.language,
        text=article.text,
        url=article.url,
        published=article.published,
        entities=_sort_entities(entities.values()),
        places=places,
        findings=(),
    )


def entity_target(entity_id: str) -> dict[str, Any]:
    """Finding target: an entity."""
    return {"kind": "entity", "entity_id": entity_id}


def place_target(entity_id: str) -> dict[str, Any]:
    """Finding target: the place of a LOC entity."""
    return {"kind": "place", "entity_id": entity_id}


def span_target(start: int, end: int) -> dict[str, Any]:
    """Finding target: a span of the article text."""
    return {"kind": "span", "start": int(start), "end": int(end)}


# ---------------------------------------------------------------------------
# Changes


_REGISTRY: dict[str, type[Change]] = {}


@dataclass(frozen=True)
class Change:
    """Base class of changes: ``apply(state)`` is pure; ``to_dict()`` is JSON."""

    type: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.type:
            _REGISTRY[cls.type] = cls

    def apply(self, state: ArticleState) -> ArticleState:
        """Validate against ``state`` and return the changed state (``revision + 1``).

        Raises
        ------
        InvalidChangeError
            When the change does not apply; ``state`` is unchanged (it is immutable).
        """
        return replace(self._apply(state), revision=state.revision + 1)

    def _apply(self, state: ArticleState) -> ArticleState:  # pragma: no cover - abstract
        raise NotImplementedError

    def stamped(self, analyst: str, at: str) -> Change:
        """This change with who/when filled in where it records them (default: itself)."""
        return self

    def to_dict(self) -> dict[str, Any]:
        """``{"type": ..., **fields}`` as JSON-serializable data."""
        d: dict[str, Any] = {"type": self.type}
        for f in fields(self):
            v = getattr(self, f.name)
            d[f.name] = list(v) if isinstance(v, tuple) else v
        return d

    @classmethod
    def _from_fields(cls, d: Mapping[str, Any]) -> Change:
        names = {f.name for f in fields(cls)}
        unknown = set(d) - names - {"type"}
        if unknown:
            raise _invalid(f"unknown field(s) {sorted(unknown)} for change {cls.type!r}")
        kw = {k: (tuple(v) if isinstance(v, list) and k == "tags" else v) for k, v in d.items()}
        kw.pop("type", None)
        try:
            return cls(**kw)
        except TypeError as exc:
            raise _invalid(f"bad change {dict(d)!r}: {exc}") from None


def change_from_dict(d: Mapping[str, Any]) -> Change:
    """Read a change back from :meth:`Change.to_dict` output.

    Raises
    ------
    InvalidChangeError
        Unknown ``type`` or fields.
    """
    t = d.get("type") if isinstance(d, Mapping) else None
    cls = _REGISTRY.get(str(t))
    if cls is None:
        raise _invalid(f"unknown change type {t!r}; expected one of {sorted(_REGISTRY)}")
    return cls._from_fields(d)


def _need_entity(state: ArticleState, entity_id: str, *, active: bool = True) -> EntityState:
    e = state.entity(entity_id)
    if e is None:
        raise _invalid(f"no entity {entity_id!r} in article {state.article_id}; reload it")
    if active and e.deleted:
        raise _invalid(f"entity {entity_id!r} is deleted; restore it first")
    return e


def _need_place(state: ArticleState, entity_id: str) -> PlaceState:
    e = _need_entity(state, entity_id)
    if e.label != "LOC":
        raise _invalid(f"entity {entity_id!r} is {e.label}, not LOC; set its label to LOC first")
    p = state.places.get(entity_id)
    return p if p is not None else PlaceState(entity_id)


def _check_label(label: str) -> None:
    if label not in LABELS:
        raise _invalid(f"label {label!r} is not one of {', '.join(LABELS)}")


def _with_entity(state: ArticleState, new: EntityState) -> ArticleState:
    others = [e for e in state.entities if e.id != new.id]
    places = state.places
    if new.label == "LOC" and new.id not in places:
        places = {**places, new.id: PlaceState(new.id, reason="added by analyst")}
    return replace(state, entities=_sort_entities([*others, new]), places=places)


def _with_place(state: ArticleState, new: PlaceState) -> ArticleState:
    return replace(state, places={**state.places, new.entity_id: new})


@dataclass(frozen=True)
class SetLabel(Change):
    """Change an entity's label (to LOC: it gets an unresolved place if it had none)."""

    type: ClassVar[str] = "set_label"
    entity_id: str
    label: str

    def _apply(self, state: ArticleState) -> ArticleState:
        _check_label(self.label)
        e = _need_entity(state, self.entity_id)
        return _with_entity(state, replace(e, label=self.label))


@dataclass(frozen=True)
class DeleteEntity(Change):
    """Mark an entity deleted (kept as a tombstone; see :class:`RestoreEntity`)."""

    type: ClassVar[str] = "delete_entity"
    entity_id: str

    def _apply(self, state: ArticleState) -> ArticleState:
        e = _need_entity(state, self.entity_id)
        return _with_entity(state, replace(e, deleted=True))


@dataclass(frozen=True)
class RestoreEntity(Change):
    """Undelete an entity."""

    type: ClassVar[str] = "restore_entity"
    entity_id: str

    def _apply(self, state: ArticleState) -> ArticleState:
        e = _need_entity(state, self.entity_id, active=False)
        if not e.deleted:
            raise _invalid(f"entity {self.entity_id!r} is not deleted")
        return _with_entity(state, replace(e, deleted=False))


def _new_id(prefix: str) -> str:
    return f"{prefix}:{uuid.uuid4().hex}"


@dataclass(frozen=True)
class AddEntity(Change):
    """Add an analyst entity over ``text[start:end]`` (a LOC gets an unresolved place)."""

    type: ClassVar[str] = "add_entity"
    start: int
    end: int
    label: str
    entity_id: str = field(default_factory=lambda: _new_id("a"))

    def _apply(self, state: ArticleState) -> ArticleState:
        _check_label(self.label)
        n = len(state.text)
        if not (
            isinstance(self.start, int) and isinstance(self.end, int) and 0 <= self.start < self.end <= n
        ):
            raise _invalid(
                f"span {self.start}..{self.end} is not inside the text (0..{n}); "
                "offsets index the original article text"
            )
        text = state.text[self.start : self.end]
        if not text.strip() or text != text.strip():
            raise _invalid(f"span {self.start}..{self.end} ({text!r}) is empty or starts/ends with space")
        if not self.entity_id.startswith("a:") or state.entity(self.entity_id) is not None:
            raise _invalid(f"entity id {self.entity_id!r} must be new and start with 'a:'")
        for e in state.active_entities():
            if (e.start, e.end) == (self.start, self.end):
                raise _invalid(f"{e.id} already covers {text!r}; change its label instead")
        new = EntityState(self.entity_id, self.start, self.end, text, self.label, "analyst")
        return _with_entity(state, new)


_CANDIDATE_KEYS = ("name", "latitude", "longitude", "geonameid", "country_code", "feature")


@dataclass(frozen=True)
class ChooseCandidate(Change):
    """Resolve a place to one of its candidates, by index or GeoNames id (status ``candidate``)."""

    type: ClassVar[str] = "choose"
    entity_id: str
    candidate_index: int | None = None
    geonameid: int | None = None

    def _apply(self, state: ArticleState) -> ArticleState:
        p = _need_place(state, self.entity_id)
        if (self.candidate_index is None) == (self.geonameid is None):
            raise _invalid("give exactly one of candidate_index or geonameid")
        if self.candidate_index is not None:
            if not 0 <= self.candidate_index < len(p.candidates):
                raise _invalid(
                    f"candidate_index {self.candidate_index} out of range "
                    f"(the place has {len(p.candidates)} candidates)"
                )
            c = p.candidates[self.candidate_index]
        else:
            found = [c for c in p.candidates if c.get("geonameid") == self.geonameid]
            if not found:
                raise _invalid(f"geonameid {self.geonameid} is not among the candidates")
            c = found[0]
        if c.get("latitude") is None or c.get("longitude") is None:
            raise _invalid("that candidate has no coordinates; pin the place instead")
        return _with_place(
            state,
            replace(
                p,
                status="candidate",
                **{k: c.get(k) for k in _CANDIDATE_KEYS},  # type: ignore[arg-type]
                precision="exact",
                uncertainty_km=None,
                confidence=1.0,
                reason="candidate chosen by analyst",
            ),
        )


@dataclass(frozen=True)
class ConfirmPlace(Change):
    """Confirm the current resolution of a place (status ``confirmed``)."""

    type: ClassVar[str] = "confirm"
    entity_id: str

    def _apply(self, state: ArticleState) -> ArticleState:
        p = _need_place(state, self.entity_id)
        if not p.resolved:
            raise _invalid(
                f"place {self.entity_id!r} has no coordinates to confirm; choose a candidate or pin it"
            )
        return _with_place(
            state, replace(p, status="confirmed", confidence=1.0, reason="confirmed by analyst")
        )


@dataclass(frozen=True)
class PinPlace(Change):
    """Place a LOC entity by hand (status ``pinned``, precision ``exact``).

    The store also adds the pin to the analyst gazetteer.
    """

    type: ClassVar[str] = "pin"
    entity_id: str
    latitude: float
    longitude: float
    name: str
    country_code: str = ""

    def _apply(self, state: ArticleState) -> ArticleState:
        p = _need_place(state, self.entity_id)
        try:
            lat, lon = float(self.latitude), float(self.longitude)
        except (TypeError, ValueError):
            raise _invalid("latitude and longitude must be numbers") from None
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90):
            raise _invalid(f"latitude {self.latitude!r} is not in -90..90")
        if not -180 <= lon <= 180:
            raise _invalid(f"longitude {self.longitude!r} is not in -180..180")
        if not str(self.name).strip():
            raise _invalid("a pinned place needs a name")
        return _with_place(
            state,
            replace(
                p,
                status="pinned",
                name=str(self.name).strip(),
                latitude=lat,
                longitude=lon,
                geonameid=None,
                country_code=str(self.country_code).strip().upper(),
                feature=None,
                precision="exact",
                uncertainty_km=None,
                confidence=1.0,
                reason="pinned by analyst",
            ),
        )


@dataclass(frozen=True)
class UnresolvePlace(Change):
    """Mark a place unresolved (the current match is wrong and there is no better one)."""

    type: ClassVar[str] = "unresolve"
    entity_id: str
    reason: str = "marked unresolved by analyst"

    def _apply(self, state: ArticleState) -> ArticleState:
        p = _need_place(state, self.entity_id)
        return _with_place(state, PlaceState(p.entity_id, candidates=p.candidates, reason=self.reason))


def _clean_tags(tags: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(tags, str):
        tags = [tags]
    out: list[str] = []
    for t in tags:
        if not isinstance(t, str):
            raise _invalid(f"tag {t!r} is not text")
        t = " ".join(t.split())
        if t and t not in out:
            out.append(t)
    return tuple(out)


def _check_target(state: ArticleState, target: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(target, Mapping):
        raise _invalid(f"finding target {target!r} must be a dict with a 'kind'")
    kind = target.get("kind")
    if kind in ("entity", "place"):
        eid = str(target.get("entity_id", ""))
        if kind == "place":
            _need_place(state, eid)
        else:
            _need_entity(state, eid, active=False)
        return {"kind": kind, "entity_id": eid}
    if kind == "span":
        start, end, n = target.get("start"), target.get("end"), len(state.text)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n):
            raise _invalid(f"span {start}..{end} is not inside the text (0..{n})")
        return {"kind": "span", "start": start, "end": end}
    raise _invalid(f"finding target kind {kind!r} is not one of {', '.join(TARGET_KINDS)}")


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise _invalid(f"{what} {value!r} is not one of {', '.join(allowed)}")


@dataclass(frozen=True)
class AddFinding(Change):
    """Add a finding; ``analyst``/``at`` are filled by the store when empty."""

    type: ClassVar[str] = "add_finding"
    target: dict[str, Any]
    note: str = ""
    tags: tuple[str, ...] = ()
    confidence: str = "probable"
    status: str = "open"
    finding_id: str = field(default_factory=lambda: _new_id("f"))
    analyst: str = ""
    at: str = ""

    def stamped(self, analyst: str, at: str) -> Change:
        """Fill ``analyst`` and ``at`` where empty."""
        return replace(self, analyst=self.analyst or analyst, at=self.at or at)

    def _apply(self, state: ArticleState) -> ArticleState:
        target = _check_target(state, self.target)
        _check_choice(self.confidence, CONFIDENCES, "confidence")
        _check_choice(self.status, FINDING_STATUSES, "status")
        if not isinstance(self.note, str):
            raise _invalid("a finding note must be text")
        if state.finding(self.finding_id) is not None or not self.finding_id.startswith("f:"):
            raise _invalid(f"finding id {self.finding_id!r} must be new and start with 'f:'")
        at = self.at or now_iso()
        f = Finding(
            id=self.finding_id,
            target=target,
            note=self.note,
            tags=_clean_tags(self.tags),
            confidence=self.confidence,  # type: ignore[arg-type]
            status=self.status,  # type: ignore[arg-type]
            analyst=self.analyst,
            created=at,
            updated=at,
        )
        return replace(state, findings=_sort_findings([*state.findings, f]))


@dataclass(frozen=True)
class UpdateFinding(Change):
    """Change some fields of a finding (``None`` = leave as is)."""

    type: ClassVar[str] = "update_finding"
    finding_id: str
    note: str | None = None
    tags: tuple[str, ...] | None = None
    confidence: str | None = None
    status: str | None = None
    target: dict[str, Any] | None = None
    at: str = ""

    def stamped(self, analyst: str, at: str) -> Change:
        """Fill ``at`` where empty."""
        return replace(self, at=self.at or at)

    def _apply(self, state: ArticleState) -> ArticleState:
        f = state.finding(self.finding_id)
        if f is None:
            raise _invalid(f"no finding {self.finding_id!r} in article {state.article_id}")
        kw: dict[str, Any] = {}
        if self.note is not None:
            if not isinstance(self.note, str):
                raise _invalid("a finding note must be text")
            kw["note"] = self.note
        if self.tags is not None:
            kw["tags"] = _clean_tags(self.tags)
        if self.confidence is not None:
            _check_choice(self.confidence, CONFIDENCES, "confidence")
            kw["confidence"] = self.confidence
        if self.status is not None:
            _check_choice(self.status, FINDING_STATUSES, "status")
            kw["status"] = self.status
        if self.target is not None:
            kw["target"] = _check_target(state, self.target)
        if not kw:
            raise _invalid("nothing to update: give note, tags, confidence, status or target")
        new = replace(f, **kw, updated=self.at or now_iso())
        return replace(state, findings=tuple(new if x.id == f.id else x for x in state.findings))


@dataclass(frozen=True)
class DeleteFinding(Change):
    """Remove a finding (it stays in the history and can be reverted)."""

    type: ClassVar[str] = "delete_finding"
    finding_id: str

    def _apply(self, state: ArticleState) -> ArticleState:
        if state.finding(self.finding_id) is None:
            raise _invalid(f"no finding {self.finding_id!r} in article {state.article_id}")
        return replace(state, findings=tuple(f for f in state.findings if f.id != self.finding_id))


_KINDS = ("entities", "places", "findings")


@dataclass(frozen=True)
class SetRecords(Change):
    """Set whole records: ``{"entities"|"places"|"findings": {id: dict | None}}``.

    ``None`` removes the record. Used by :meth:`FindingsStore.revert` (with the
    ``before`` of a history entry) and to save imported states; validated so the
    result is still consistent (entities inside the text, known labels...).
    """

    type: ClassVar[str] = "set_records"
    records: dict[str, dict[str, Any]]
    reason: str = ""

    def _apply(self, state: ArticleState) -> ArticleState:
        unknown = set(self.records) - set(_KINDS)
        if unknown:
            raise _invalid(f"unknown record kind(s) {sorted(unknown)}; expected {_KINDS}")
        cur = state.records()
        try:
            for kind in _KINDS:
                for rid, rec in (self.records.get(kind) or {}).items():
                    if rec is None:
                        cur[kind].pop(rid, None)
                    else:
                        cur[kind][rid] = dict(rec)
            entities = [EntityState.from_dict(d) for d in cur["entities"].values()]
            places = {k: PlaceState.from_dict(d) for k, d in cur["places"].items()}
            findings = [Finding.from_dict(d) for d in cur["findings"].values()]
        except (KeyError, TypeError, ValueError) as exc:
            raise _invalid(f"malformed record: {exc}") from None
        for e in entities:
            _check_label(e.label)
            n = len(state.text)
            if not (0 <= e.start < e.end <= n) or state.text[e.start : e.end] != e.text:
                raise _invalid(f"entity {e.id} does not match the text at {e.start}..{e.end}")
        for k, p in places.items():
            if k != p.entity_id:
                raise _invalid(f"place record {k!r} belongs to {p.entity_id!r}")
        new = replace(state, entities=_sort_entities(entities), places=places)
        for f in findings:
            _check_choice(f.confidence, CONFIDENCES, "confidence")
            _check_choice(f.status, FINDING_STATUSES, "status")
            kind = f.target.get("kind")  # type: ignore[assignment]
            if kind == "span":
                _check_target(new, f.target)
            elif new.entity(str(f.target.get("entity_id"))) is None:
                raise _invalid(
                    f"finding {f.id} targets entity {f.target.get('entity_id')!r}, which "
                    "would no longer exist; delete or retarget the finding first"
                )
        return replace(new, findings=_sort_findings(findings))


def _sort_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    # Oldest first; the id breaks ties of one millisecond so that the order depends only on
    # the set of findings, and a reverted deletion comes back in its place.
    return tuple(sorted(findings, key=lambda f: (f.created, f.id)))


def diff_records(
    before: ArticleState, after: ArticleState
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The records that differ between two states, as ``(before, after)``.

    Each side is ``{"entities"|"places"|"findings": {id: dict | None}}`` with only
    the changed ids (``None`` where the record is absent on that side), so that
    ``SetRecords(before_part)`` undoes exactly that change and nothing else.
    """
    out_b: dict[str, dict[str, Any]] = {}
    out_a: dict[str, dict[str, Any]] = {}
    pairs: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]] = [
        ("entities", {e.id: e for e in before.entities}, {e.id: e for e in after.entities}),
        ("places", before.places, after.places),
        ("findings", {f.id: f for f in before.findings}, {f.id: f for f in after.findings}),
    ]
    for kind, b, a in pairs:
        # Compare the records themselves; only the changed ones are turned into dicts.
        changed = [k for k in {**b, **a} if b.get(k) != a.get(k)]
        if changed:
            out_b[kind] = {k: None if b.get(k) is None else b[k].to_dict() for k in changed}
            out_a[kind] = {k: None if a.get(k) is None else a[k].to_dict() for k in changed}
    return out_b, out_a
