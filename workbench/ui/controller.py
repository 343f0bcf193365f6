"""State and selection logic of the Workbench app, with no widgets.

The app shows a :class:`Snapshot`: plain, frozen data derived from the findings
store's article state (entities after corrections, places after candidate choices
and pins, findings). The :class:`Controller` holds the current snapshot and the
selection, turns user intentions into changes that a
:class:`~workbench.ui.backend.Backend` applies (and saves), and tells listeners
what to redraw. Everything here is testable without a kernel or a browser.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from workbench.annotations import model as m
from workbench.annotations.errors import StaleWriteError
from workbench.annotations.model import CONFIDENCES, LABELS, HistoryEntry
from workbench.annotations.model import FINDING_STATUSES as STATUSES
from workbench.errors import WorkbenchError
from workbench.ui.i18n import DEFAULT_LANGUAGE, t

if TYPE_CHECKING:
    from workbench.ui.backend import Backend

__all__ = [
    "CONFIDENCES",
    "LABELS",
    "STATUSES",
    "Controller",
    "EntityItem",
    "FindingItem",
    "PlaceItem",
    "Selection",
    "Snapshot",
    "Token",
    "default_analyst",
    "snapshot_from_state",
    "tokens",
]


SelectionKind = Literal["entity", "place", "finding", "span"]


@dataclass(frozen=True, slots=True)
class EntityItem:
    """One entity mention as the analyst sees it (after corrections).

    Attributes
    ----------
    id
        Stable identifier (from the store).
    start, end
        Offsets into the article text.
    text
        ``article.text[start:end]``.
    label
        Current label (``PER``, ``LOC``, ``ORG``, ``MISC``).
    deleted
        Deleted by the analyst (kept so it can be restored).
    origin
        ``"machine"`` or ``"analyst"`` (added by hand).
    """

    id: str
    start: int
    end: int
    text: str
    label: str
    deleted: bool = False
    origin: str = "machine"


@dataclass(frozen=True, slots=True)
class PlaceItem:
    """One place mention and what it currently resolves to.

    ``status`` says who decided: ``"machine"`` (the resolver), ``"confirmed"``,
    ``"candidate"`` (another candidate chosen) or ``"pinned"`` (coordinates set
    on the map). ``candidates`` are plain dicts in the JSON-contract shape.
    """

    id: str
    start: int
    end: int
    text: str
    latitude: float | None = None
    longitude: float | None = None
    name: str | None = None
    name_ar: str = ""
    country_code: str | None = None
    feature: str | None = None
    kind: str = ""
    confidence: float = 0.0
    reason: str = ""
    precision: str | None = None
    uncertainty_km: float | None = None
    candidates: tuple[dict[str, Any], ...] = ()
    status: str = "machine"
    geonameid: int | None = None

    @property
    def resolved(self) -> bool:
        """Whether the place has coordinates."""
        return self.latitude is not None and self.longitude is not None

    @property
    def is_area(self) -> bool:
        """Only a region/country is known: draw a circle of ``uncertainty_km``, not a pin."""
        return self.precision in ("region", "country") and bool(self.uncertainty_km)

    @property
    def location_key(self) -> tuple[Any, ...]:
        """Places with the same key are drawn as one marker."""
        if self.geonameid is not None:
            return ("g", self.geonameid, self.precision)
        return ("p", round(self.latitude or 0, 4), round(self.longitude or 0, 4), self.name)


@dataclass(frozen=True, slots=True)
class FindingItem:
    """An analyst finding attached to an entity, a place or a text span.

    ``target`` is ``"entity"``, ``"place"`` or ``"span"``; ``target_id`` the entity
    id for the first two; ``start``/``end``/``quote`` the text it is about.
    """

    id: str
    target: str
    target_id: str | None
    start: int
    end: int
    quote: str
    note: str = ""
    tags: tuple[str, ...] = ()
    confidence: str = "probable"
    status: str = "open"
    analyst: str = ""
    created: str = ""
    updated: str = ""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the app shows for one article, as plain data."""

    article_id: str
    revision: int
    text: str
    language: str = "ar"
    title: str = ""
    source: str = ""
    entities: tuple[EntityItem, ...] = ()
    places: tuple[PlaceItem, ...] = ()
    findings: tuple[FindingItem, ...] = ()
    saved_at: str = field(default="", compare=False)

    def entity(self, entity_id: str) -> EntityItem:
        """The entity with ``entity_id`` (``KeyError`` if unknown)."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    def place(self, place_id: str) -> PlaceItem:
        """The place with ``place_id`` (``KeyError`` if unknown)."""
        for p in self.places:
            if p.id == place_id:
                return p
        raise KeyError(place_id)

    @property
    def live_entities(self) -> list[EntityItem]:
        """Entities not deleted, in reading order."""
        return sorted((e for e in self.entities if not e.deleted), key=lambda e: (e.start, -e.end))

    @property
    def live_places(self) -> list[PlaceItem]:
        """Places whose mention is still a live LOC entity, in reading order.

        An entity relabelled away from LOC, or deleted, takes its place off the map.
        """
        spans = {(e.start, e.end) for e in self.entities if not e.deleted and e.label == "LOC"}
        return sorted((p for p in self.places if (p.start, p.end) in spans), key=lambda p: p.start)

    def place_for_entity(self, entity_id: str) -> PlaceItem | None:
        """The live place at the same span as an entity, if any."""
        try:
            e = self.entity(entity_id)
        except KeyError:
            return None
        for p in self.live_places:
            if (p.start, p.end) == (e.start, e.end):
                return p
        return None

    def entity_for_place(self, place_id: str) -> EntityItem | None:
        """The live entity at the same span as a place, if any."""
        try:
            p = self.place(place_id)
        except KeyError:
            return None
        for e in self.live_entities:
            if (e.start, e.end) == (p.start, p.end):
                return e
        return None


def snapshot_from_state(state: m.ArticleState) -> Snapshot:
    """The plain-data view of a findings-store :class:`~workbench.annotations.model.ArticleState`.

    Places take their mention (text, offsets) from their entity and the Arabic
    name and feature kind from the candidate they were resolved to, when known.
    """
    ents = tuple(
        EntityItem(e.id, e.start, e.end, e.text, e.label, e.deleted, e.origin) for e in state.entities
    )
    by_id = {e.id: e for e in state.entities}
    places: list[PlaceItem] = []
    for eid, p in state.places.items():
        e = by_id.get(eid)
        if e is None:
            continue
        cand = next((c for c in p.candidates if p.geonameid is not None
                     and c.get("geonameid") == p.geonameid), {})
        places.append(PlaceItem(
            id=eid, start=e.start, end=e.end, text=e.text,
            latitude=p.latitude, longitude=p.longitude, name=p.name,
            name_ar=str(cand.get("name_ar") or ""), country_code=p.country_code,
            feature=p.feature, kind=str(cand.get("kind") or ""), confidence=p.confidence,
            reason=p.reason, precision=p.precision, uncertainty_km=p.uncertainty_km,
            candidates=tuple(dict(c) for c in p.candidates), status=p.status,
            geonameid=p.geonameid,
        ))
    places.sort(key=lambda p: (p.start, p.end))
    findings: list[FindingItem] = []
    for f in state.findings:
        kind = str(f.target.get("kind", "span"))
        tid = f.target.get("entity_id")
        if kind in ("entity", "place") and tid in by_id:
            start, end = by_id[tid].start, by_id[tid].end
        else:
            start, end = int(f.target.get("start", 0)), int(f.target.get("end", 0))
        findings.append(FindingItem(
            f.id, kind, tid, start, end, state.text[start:end], f.note, tuple(f.tags),
            f.confidence, f.status, f.analyst, f.created, f.updated,
        ))
    return Snapshot(
        article_id=state.article_id, revision=state.revision, text=state.text,
        language=state.language, title=state.title, source=state.source,
        entities=ents, places=tuple(places), findings=tuple(findings),
    )


@dataclass(frozen=True, slots=True)
class Selection:
    """What the analyst selected: an entity, a place, a finding or a raw span."""

    kind: SelectionKind
    id: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the article, for picking a span (first word ... last word)."""

    index: int
    start: int
    end: int
    text: str


_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[Token]:
    """Words of ``text`` in reading (logical) order with their offsets."""
    return [Token(i, m.start(), m.end(), m.group()) for i, m in enumerate(_WORD.finditer(text))]


def default_analyst() -> str:
    """The analyst name from ``WORKBENCH_ANALYST`` or the OS user."""
    env = os.environ.get("WORKBENCH_ANALYST")
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "analyst"


Listener = Callable[[], None]


@dataclass
class _Listeners:
    state: list[Listener] = field(default_factory=list)
    selection: list[Listener] = field(default_factory=list)
    message: list[Callable[[str, str], None]] = field(default_factory=list)


class Controller:
    """Holds the open article's snapshot and the selection; applies corrections.

    Parameters
    ----------
    backend
        Applies and persists changes (:class:`~workbench.ui.backend.StoreBackend`
        over the findings store, or :class:`~workbench.ui.backend.MemoryBackend`).
    analyst
        Name recorded with every change; defaults to :func:`default_analyst`.
    lang
        Language of the messages (``"en"`` or ``"ar"``); settable through :attr:`lang`.

    Notes
    -----
    Every public method that changes the article goes through :meth:`apply`: the
    backend saves it at once (autosave). A failure is reported through
    :meth:`on_message` listeners and leaves the snapshot, and the store,
    unchanged, so nothing already saved is lost.
    """

    def __init__(self, backend: Backend, *, analyst: str | None = None,
                 lang: str = DEFAULT_LANGUAGE) -> None:
        self.backend = backend
        self.analyst = analyst or default_analyst()
        self.lang = lang
        self.snapshot: Snapshot | None = None
        self.selection: Selection | None = None
        self.stale = False
        self.last_error: str = ""
        self._listeners = _Listeners()
        self._tokens: list[Token] | None = None

    # -- listeners ------------------------------------------------------------------
    def on_state(self, callback: Listener) -> None:
        """Call ``callback()`` after the snapshot changed."""
        self._listeners.state.append(callback)

    def on_selection(self, callback: Listener) -> None:
        """Call ``callback()`` after the selection changed."""
        self._listeners.selection.append(callback)

    def on_message(self, callback: Callable[[str, str], None]) -> None:
        """Call ``callback(level, text)`` for messages (``"info"``, ``"error"``...)."""
        self._listeners.message.append(callback)

    def _emit_state(self) -> None:
        for cb in self._listeners.state:
            cb()

    def _emit_selection(self) -> None:
        for cb in self._listeners.selection:
            cb()

    def message(self, level: str, text: str) -> None:
        """Show ``text`` to the analyst (``level`` is ``info``, ``success`` or ``error``)."""
        if level == "error":
            self.last_error = text
        for cb in self._listeners.message:
            cb(level, text)

    # -- opening ----------------------------------------------------------------------
    def open(self, analysis: Any) -> Snapshot:
        """Open an analysed article, restoring its saved corrections and findings."""
        snap = snapshot_from_state(self.backend.open(analysis))
        self.snapshot = snap
        self.selection = None
        self.stale = False
        self._tokens = None
        self._emit_state()
        self._emit_selection()
        return snap

    def reload(self) -> Snapshot | None:
        """Re-read the open article from the store (after another session changed it)."""
        if self.snapshot is None:
            return None
        self.snapshot = snapshot_from_state(self.backend.reload(self.snapshot.article_id))
        self.stale = False
        self.message("info", t("msg.reloaded", self.lang, revision=self.snapshot.revision))
        self._emit_state()
        self._emit_selection()
        return self.snapshot

    @property
    def tokens(self) -> list[Token]:
        """Words of the open article (cached)."""
        if self._tokens is None:
            self._tokens = tokens(self.snapshot.text) if self.snapshot else []
        return self._tokens

    # -- selection ----------------------------------------------------------------------
    def select(self, kind: SelectionKind | None, item_id: str | None = None, *,
               start: int = 0, end: int = 0) -> None:
        """Select an entity, a place, a finding or a span (``kind=None`` clears)."""
        sel = None if kind is None else Selection(kind, item_id, start, end)
        if kind == "span" and end <= start:
            sel = None
        if sel == self.selection:
            return
        self.selection = sel
        self._emit_selection()

    def select_entity(self, entity_id: str | None) -> None:
        """Select an entity (its place, mentions and table row follow)."""
        self.select("entity" if entity_id else None, entity_id)

    def select_place(self, place_id: str | None) -> None:
        """Select a place (its mentions in the text and its marker follow)."""
        self.select("place" if place_id else None, place_id)

    @property
    def selected_entity(self) -> EntityItem | None:
        """The selected entity, or the entity of the selected place."""
        snap, sel = self.snapshot, self.selection
        if snap is None or sel is None:
            return None
        if sel.kind == "entity" and sel.id:
            try:
                return snap.entity(sel.id)
            except KeyError:
                return None
        if sel.kind == "place" and sel.id:
            return snap.entity_for_place(sel.id)
        return None

    @property
    def selected_place(self) -> PlaceItem | None:
        """The selected place, or the place of the selected entity."""
        snap, sel = self.snapshot, self.selection
        if snap is None or sel is None:
            return None
        if sel.kind == "place" and sel.id:
            try:
                return snap.place(sel.id)
            except KeyError:
                return None
        if sel.kind == "entity" and sel.id:
            return snap.place_for_entity(sel.id)
        return None

    def highlighted_entity_ids(self) -> set[str]:
        """Entities to emphasise: every mention of the selected entity or place."""
        snap = self.snapshot
        if snap is None or self.selection is None:
            return set()
        sel = self.selection
        live = snap.live_entities
        if sel.kind == "span":
            return {e.id for e in live if e.start < sel.end and sel.start < e.end}
        if sel.kind == "finding":
            f = next((f for f in snap.findings if f.id == sel.id), None)
            if f is None:
                return set()
            return {e.id for e in live if e.start < f.end and f.start < e.end}
        place_ids = self.highlighted_place_ids()
        spans = {(p.start, p.end) for p in snap.places if p.id in place_ids}
        ent = self.selected_entity
        same = {e.id for e in live if ent and e.text == ent.text and e.label == ent.label}
        return same | {e.id for e in live if (e.start, e.end) in spans}

    def highlighted_place_ids(self) -> set[str]:
        """Places to emphasise: the selected place and every place at the same location."""
        snap = self.snapshot
        if snap is None:
            return set()
        place = self.selected_place
        ent = self.selected_entity
        live = snap.live_places
        out: set[str] = set()
        if place is not None:
            out.add(place.id)
            if place.resolved:
                out |= {p.id for p in live if p.resolved and p.location_key == place.location_key}
        if ent is not None and ent.label == "LOC":
            out |= {p.id for p in live if p.text == ent.text}
        return out

    # -- corrections --------------------------------------------------------------------
    def apply(self, change: m.Change) -> bool:
        """Apply and save one change; ``False`` (with a message) when it failed.

        Parameters
        ----------
        change
            A change from :mod:`workbench.annotations.model` (``SetLabel``, ``PinPlace``...).
        """
        return self._commit(lambda snap: self.backend.apply(
            snap.article_id, change, expected_revision=snap.revision, analyst=self.analyst))

    def _commit(self, write: Callable[[Snapshot], m.ArticleState],
                failed: Callable[[Exception], str] | None = None) -> bool:
        """Run one write against the open article; show the new state or say why not."""
        snap = self.snapshot
        if snap is None:
            self.message("error", t("msg.open_first", self.lang))
            return False
        try:
            state = write(snap)
        except StaleWriteError as err:
            self.stale = True
            self.message("error", t("msg.stale", self.lang, error=err))
            return False
        except (WorkbenchError, KeyError, ValueError, TypeError) as err:
            self.message("error", failed(err) if failed else t("msg.change_failed", self.lang,
                                                                 error=err))
            return False
        self.snapshot = replace(snapshot_from_state(state),
                                saved_at=datetime.now().strftime("%H:%M:%S"))
        self._emit_state()
        self._emit_selection()
        return True

    # -- history ------------------------------------------------------------------------
    def history(self) -> list[HistoryEntry]:
        """The open article's changes, oldest first (empty when none is open)."""
        if self.snapshot is None:
            return []
        return self.backend.history(self.snapshot.article_id)

    def revert(self, history_id: int) -> bool:
        """Undo one change of the history (a new change; the history only grows).

        Parameters
        ----------
        history_id
            ``HistoryEntry.id`` of the change to undo.

        Returns
        -------
        bool
            ``False`` (with a message) when another session changed the article
            first, or the change cannot be undone (e.g. an entity a finding targets).
        """
        def failed(err: Exception) -> str:
            return t("msg.revert_failed", self.lang, id=history_id, error=err)

        return self._commit(lambda snap: self.backend.revert(
            snap.article_id, int(history_id), expected_revision=snap.revision,
            analyst=self.analyst), failed)

    def set_label(self, entity_id: str, label: str) -> bool:
        """Change the label of an entity."""
        return self.apply(m.SetLabel(entity_id, label))

    def delete_entity(self, entity_id: str) -> bool:
        """Delete an entity the machine got wrong (it can be restored)."""
        ok = self.apply(m.DeleteEntity(entity_id))
        if ok and self.selection and self.selection.id == entity_id:
            self.select(None)
        return ok

    def restore_entity(self, entity_id: str) -> bool:
        """Undo :meth:`delete_entity`."""
        return self.apply(m.RestoreEntity(entity_id))

    def add_entity(self, start: int, end: int, label: str) -> str | None:
        """Add an entity the machine missed at ``text[start:end]`` and select it.

        Returns
        -------
        str or None
            The new entity's id, ``None`` when it failed (see the message).
        """
        change = m.AddEntity(int(start), int(end), label)
        if not self.apply(change):
            return None
        self.select_entity(change.entity_id)
        return change.entity_id

    def add_entity_from_tokens(self, first: int, last: int, label: str) -> str | None:
        """Add an entity spanning words ``first`` .. ``last`` (indices into :attr:`tokens`)."""
        toks = self.tokens
        if not (0 <= first <= last < len(toks)):
            self.message("error", t("msg.pick_words", self.lang))
            return None
        return self.add_entity(toks[first].start, toks[last].end, label)

    def choose_candidate(self, place_id: str, index: int) -> bool:
        """Resolve a place to another of its candidates (index into ``candidates``)."""
        return self.apply(m.ChooseCandidate(place_id, candidate_index=int(index)))

    def confirm_place(self, place_id: str) -> bool:
        """Confirm the current resolution of a place."""
        return self.apply(m.ConfirmPlace(place_id))

    def unresolve_place(self, place_id: str) -> bool:
        """Mark a place unresolved: the match is wrong and no candidate fits."""
        return self.apply(m.UnresolvePlace(place_id))

    def pin_place(self, place_id: str, latitude: float, longitude: float, name: str = "",
                  country_code: str = "") -> bool:
        """Set a place's coordinates by hand (a click on the map) and name it.

        An empty ``name`` keeps the place's current name, else its mention text.
        """
        snap = self.snapshot
        if not name.strip() and snap is not None:
            try:
                p = snap.place(place_id)
                name = p.name or p.text
            except KeyError:
                pass
        return self.apply(m.PinPlace(place_id, latitude, longitude, name, country_code))

    def apply_correction(self, action: str, data: dict[str, Any]) -> bool:
        """Carry out one action of the corrections panel (shared by every app that shows it).

        Parameters
        ----------
        action
            ``set_label``, ``delete``, ``restore``, ``add``, ``choose``, ``confirm``,
            ``unresolve`` or ``pin``; anything else is ignored (returns ``False``).
        data
            The panel's values: ``entity``, ``label``, ``first``/``last`` token indices,
            ``place``, ``index``, ``latitude``/``longitude``/``name``.
        """
        if action == "set_label":
            return self.set_label(data["entity"], data["label"])
        if action == "delete":
            return self.delete_entity(data["entity"])
        if action == "restore":
            return self.restore_entity(data["entity"])
        if action == "add":
            added = self.add_entity_from_tokens(int(data["first"]), int(data["last"]), data["label"])
            return added is not None
        if action == "choose":
            return self.choose_candidate(data["place"], int(data["index"]))
        if action == "confirm":
            return self.confirm_place(data["place"])
        if action == "unresolve":
            return self.unresolve_place(data["place"])
        if action == "pin":
            return self.pin_place(
                data["place"], float(data["latitude"]), float(data["longitude"]), data.get("name", "")
            )
        return False

    def add_finding(self, *, note: str, tags: Iterable[str] | str = (), confidence: str = "probable",
                    status: str = "open", target: Selection | None = None) -> str | None:
        """Attach a finding to ``target`` (default: the current selection).

        Returns
        -------
        str or None
            The new finding's id, ``None`` when nothing is selected or it failed.
        """
        target = target or self.selection
        if target is None or target.kind == "finding" or (target.kind != "span" and not target.id):
            self.message("error", t("msg.select_target", self.lang))
            return None
        if target.kind == "entity":
            tgt = m.entity_target(str(target.id))
        elif target.kind == "place":
            tgt = m.place_target(str(target.id))
        else:
            tgt = m.span_target(target.start, target.end)
        change = m.AddFinding(tgt, note, tuple(_clean_tags(tags)), confidence, status)
        return change.finding_id if self.apply(change) else None

    def update_finding(self, finding_id: str, *, note: str | None = None,
                       tags: Iterable[str] | str | None = None, confidence: str | None = None,
                       status: str | None = None) -> bool:
        """Change a finding's note, tags, confidence or status (``None`` keeps it)."""
        clean = None if tags is None else tuple(_clean_tags(tags))
        return self.apply(m.UpdateFinding(finding_id, note=note, tags=clean,
                                          confidence=confidence, status=status))

    def delete_finding(self, finding_id: str) -> bool:
        """Delete a finding (it stays in the store's history)."""
        ok = self.apply(m.DeleteFinding(finding_id))
        if ok and self.selection and self.selection.id == finding_id:
            self.select(None)
        return ok


def _clean_tags(tags: Iterable[str] | str) -> list[str]:
    if isinstance(tags, str):
        tags = tags.split(",")
    out: list[str] = []
    for tag in tags:
        tag = tag.strip()
        if tag and tag not in out:
            out.append(tag)
    return out
