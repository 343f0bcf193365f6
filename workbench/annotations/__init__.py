"""Analyst findings: corrections of entities and places, notes, history, exports.

Modules (dependencies point inward):

- :mod:`workbench.annotations.model` — pure: :class:`ArticleState` and the typed
  changes (``SetLabel``, ``PinPlace``, ``AddFinding``...), :func:`initial_state`;
- :mod:`workbench.annotations.store` — :class:`FindingsStore`, a versioned store
  with history, optimistic concurrency and the analyst gazetteer: a SQLite file,
  or a PostgreSQL database shared by a team (``postgresql://`` URL);
- :mod:`workbench.annotations.backend` — the interface, the migrations of both
  dialects and SQLite; :mod:`workbench.annotations.postgres` — PostgreSQL;
- :mod:`workbench.annotations.export` — W3C Web Annotation, GeoJSON, GeoPackage, CSV;
- :mod:`workbench.annotations.errors` — ``W4xx`` errors.

Typical use::

    from workbench.annotations import FindingsStore, ConfirmPlace
    with FindingsStore() as store:
        state = store.open_article(workbench.analyze(article))
        state = store.apply(state.article_id, ConfirmPlace(eid),
                            expected_revision=state.revision)
"""

from __future__ import annotations

from workbench.annotations.errors import (
    AnnotationError,
    CorruptStoreError,
    ImportFormatError,
    InvalidChangeError,
    StaleWriteError,
    StoreAccessError,
    StoreError,
    StoreVersionError,
    UnknownArticleError,
)
from workbench.annotations.model import (
    AddEntity,
    AddFinding,
    ArticleState,
    Change,
    ChooseCandidate,
    ConfirmPlace,
    DeleteEntity,
    DeleteFinding,
    EntityState,
    Finding,
    HistoryEntry,
    PinPlace,
    PlaceState,
    RestoreEntity,
    SetLabel,
    SetRecords,
    UnresolvePlace,
    UpdateFinding,
    article_id,
    change_from_dict,
    entity_target,
    initial_state,
    place_target,
    span_target,
)
from workbench.annotations.store import (
    AnalystPlace,
    ArticleSummary,
    FindingsStore,
    default_store_path,
)

__all__ = [
    "AddEntity",
    "AddFinding",
    "AnalystPlace",
    "AnnotationError",
    "ArticleState",
    "ArticleSummary",
    "Change",
    "ChooseCandidate",
    "ConfirmPlace",
    "CorruptStoreError",
    "DeleteEntity",
    "DeleteFinding",
    "EntityState",
    "Finding",
    "FindingsStore",
    "HistoryEntry",
    "ImportFormatError",
    "InvalidChangeError",
    "PinPlace",
    "PlaceState",
    "RestoreEntity",
    "SetLabel",
    "SetRecords",
    "StaleWriteError",
    "StoreAccessError",
    "StoreError",
    "StoreVersionError",
    "UnknownArticleError",
    "UnresolvePlace",
    "UpdateFinding",
    "article_id",
    "change_from_dict",
    "default_store_path",
    "entity_target",
    "initial_state",
    "place_target",
    "span_target",
]
