"""``FindingsStore``: analysts' corrections and findings, saved change by change.

Usage::

    from workbench.annotations import FindingsStore, AddFinding, ConfirmPlace, place_target

    with FindingsStore() as store:              # or FindingsStore("my.sqlite").open()
        state = store.open_article(workbench.analyze(article))
        state = store.apply(state.article_id, ConfirmPlace("m:10:15"),
                            expected_revision=state.revision)
        state = store.apply(state.article_id,
                            AddFinding(place_target("m:10:15"), "seen on video", ("ukraine",)),
                            expected_revision=state.revision)

Where: ``FindingsStore(path_or_url)``; else ``$WORKBENCH_DB``; else
``platformdirs.user_data_dir("arabic-osint-workbench")/findings.sqlite``. A file path
(or ``sqlite:///path``) is an embedded SQLite store for one analyst's machine; a
``postgresql://user@host:5432/db`` URL is a team store on a PostgreSQL server
(:mod:`workbench.annotations.postgres`, see ``docs/team_store.md``). Both behave the same.

Guarantees
----------
- Every :meth:`FindingsStore.apply` is one transaction (SQLite: ``BEGIN IMMEDIATE``,
  WAL, ``synchronous=FULL``; PostgreSQL: ``SELECT ... FOR UPDATE`` of the article):
  when it returns, the change is committed with its history entry (and the name of
  its analyst); if the process dies before, nothing of it is.
- Optimistic concurrency: ``expected_revision`` must equal the stored revision,
  else :class:`~workbench.annotations.errors.StaleWriteError` (W411) and nothing
  is saved; reload with :meth:`FindingsStore.load` and apply again. Two kernels,
  or two analysts on one server, editing one article never overwrite each other
  silently; :meth:`FindingsStore.load` always returns what others committed.
- A damaged or foreign file raises
  :class:`~workbench.annotations.errors.CorruptStoreError` (W412) and is never
  modified or deleted; an unwritable location raises ``StoreAccessError`` (W413).
- Reopening an article (same text, hence same :func:`article_id`) returns the
  saved state exactly, whatever the current analysis says.
- Places pinned by analysts join the analyst gazetteer
  (:meth:`FindingsStore.analyst_places`); a LOC mention with the same normalized
  name in an article opened later takes that place (status ``machine``, reason
  says whose pin) and lists it first among its candidates.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from workbench.annotations.backend import (
    AnalystPlaceRow,
    ArticleRow,
    Backend,
    HistoryRow,
    SQLiteBackend,
    stale_write,
)
from workbench.annotations.errors import (
    InvalidChangeError,
    StoreError,
    UnknownArticleError,
)
from workbench.annotations.model import (
    ArticleState,
    Change,
    HistoryEntry,
    PlaceState,
    SetRecords,
    change_from_dict,
    diff_records,
    initial_state,
    now_iso,
)
from workbench.annotations.model import article_id as text_id
from workbench.articles.normalize import normalize_key

if TYPE_CHECKING:
    from workbench.analysis import Analysis
    from workbench.articles.model import Article

__all__ = ["AnalystPlace", "ArticleSummary", "FindingsStore", "default_store_path"]

APP_NAME = "arabic-osint-workbench"
DB_FILENAME = "findings.sqlite"


def default_store_path() -> str:
    """``$WORKBENCH_DB`` if set (a path or URL), else ``user_data_dir(...)/findings.sqlite``."""
    env = os.environ.get("WORKBENCH_DB")
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir(APP_NAME)) / DB_FILENAME)


def _make_backend(location: str) -> Backend:
    if "://" in location:
        scheme, rest = location.split("://", 1)
        scheme = scheme.lower().split("+", 1)[0]  # postgresql+psycopg:// (SQLAlchemy style)
        if scheme == "sqlite":  # sqlite:///abs/path or sqlite://rel/path
            return SQLiteBackend(rest)
        if scheme in ("postgresql", "postgres"):
            from workbench.annotations.postgres import PostgresBackend

            return PostgresBackend(f"postgresql://{rest}")
        raise StoreError(
            f"store URL scheme {scheme!r} is not supported; set WORKBENCH_DB to a SQLite file "
            "path or a postgresql://user@host:5432/database URL"
        )
    return SQLiteBackend(location)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of :meth:`FindingsStore.articles`."""

    article_id: str
    title: str
    source: str
    url: str | None
    revision: int
    n_findings: int
    created: str
    updated: str

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class AnalystPlace:
    """A place pinned by an analyst, usable to resolve the same name elsewhere.

    Attributes
    ----------
    mention_key
        ``normalize_key`` of the mention that was pinned.
    name, latitude, longitude, country_code
        The pinned place.
    analyst, at
        Who pinned it, when.
    article_id, entity_id
        Where it was pinned.
    """

    mention_key: str
    name: str
    latitude: float
    longitude: float
    country_code: str
    analyst: str
    at: str
    article_id: str
    entity_id: str

    def to_candidate(self, mention: str = "") -> dict[str, Any]:
        """A candidate dict in the ``Candidate.to_dict()`` shape (``match="analyst"``)."""
        return {
            "name": self.name,
            "name_ar": "",
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geonameid": None,
            "country_code": self.country_code,
            "feature": "",
            "kind": "analyst",
            "population": 0,
            "match": "analyst",
            "matched_name": mention or self.mention_key,
            "score": 1.0,
        }


def _place_from_row(r: AnalystPlaceRow) -> AnalystPlace:
    return AnalystPlace(*r.values())


def _state_from_row(row: ArticleRow) -> ArticleState:
    return ArticleState.from_dict({**row.state, "text": row.text, "revision": row.revision})


def _state_json(state: ArticleState) -> dict[str, Any]:
    d = state.to_dict()
    del d["text"]  # stored once, in its own column
    del d["revision"]
    return d


def _entry(row: HistoryRow) -> HistoryEntry:
    return HistoryEntry(
        row.id,
        row.article_id,
        row.revision,
        row.analyst,
        row.at,
        row.change,
        row.before,
        row.after,
    )


class FindingsStore:
    """The analysts' findings, corrections and history for many articles.

    Parameters
    ----------
    path
        A SQLite file (created on :meth:`open`), or the URL of a PostgreSQL
        database (``postgresql://user@host:5432/db``) shared by a team; ``None``
        uses :func:`default_store_path` (``$WORKBENCH_DB`` or the user data folder).
    analyst
        Name recorded with every change; defaults to ``getpass.getuser()``.
        Settable later through :attr:`analyst`.

    Notes
    -----
    The constructor does no I/O; call :meth:`open` (or use ``with``). One store
    object may be shared by the threads of a kernel; separate kernels,
    processes or analysts open their own and are kept consistent by revisions.
    :attr:`location` is the path, or the URL without its password.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, analyst: str | None = None):
        where = os.fspath(path) if path is not None else default_store_path()
        self._backend: Backend = _make_backend(where)
        self.location = where if self._backend.dialect == "sqlite" else self._backend.location
        self._analyst = analyst

    # -- lifecycle ---------------------------------------------------------------

    @property
    def analyst(self) -> str:
        """Who is recorded as making changes (default: the login name)."""
        if not self._analyst:
            try:
                self._analyst = getpass.getuser()
            except Exception:  # no login name (some containers)
                self._analyst = "analyst"
        return self._analyst

    @analyst.setter
    def analyst(self, name: str) -> None:
        name = " ".join(str(name).split())
        if not name:
            raise ValueError("the analyst name must not be empty")
        self._analyst = name

    @property
    def path(self) -> Path:
        """The database file of a SQLite store.

        Raises
        ------
        StoreError
            For a server store, which has no file (see :attr:`location`).
        """
        if self._backend.dialect != "sqlite":
            raise StoreError(f"the findings store {self.location} is on a server and has no file")
        return Path(self._backend.location)

    @property
    def dialect(self) -> str:
        """``"sqlite"`` (a file) or ``"postgresql"`` (a team server)."""
        return self._backend.dialect

    def open(self) -> FindingsStore:
        """Open (creating or migrating) the store; returns ``self``.

        Raises
        ------
        CorruptStoreError
            The file (database) is damaged or belongs to another program (left untouched).
        StoreAccessError
            The location cannot be created or written; the server cannot be reached.
        StoreVersionError
            The store was written by a newer workbench.
        """
        self._backend.open()
        return self

    def close(self) -> None:
        """Close the store (idempotent); saved changes are already on disk."""
        self._backend.close()

    def __enter__(self) -> FindingsStore:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FindingsStore({self.location!r})"

    @property
    def schema_version(self) -> int:
        """Schema version of the open file."""
        return self._backend.schema_version()

    # -- articles ----------------------------------------------------------------

    def open_article(
        self,
        source: Analysis | Article | ArticleState,
        *,
        use_analyst_places: bool = True,
    ) -> ArticleState:
        """The saved state of an article, creating it on first sight.

        Parameters
        ----------
        source
            An :class:`~workbench.analysis.Analysis` (machine entities and places),
            an :class:`~workbench.articles.model.Article`, or an
            :class:`ArticleState` (e.g. an import); only used when the article
            (by :func:`article_id` of its text) is not in the store yet.
        use_analyst_places
            On creation, resolve LOC mentions that analysts pinned in other
            articles to those pins.

        Returns
        -------
        ArticleState
            The stored state: all saved corrections and findings. A new record
            starts at revision 0.
        """
        state = source if isinstance(source, ArticleState) else initial_state(source)
        if state.article_id != text_id(state.text):
            raise InvalidChangeError(
                f"the state's article_id {state.article_id!r} is not the id of its text "
                f"({text_id(state.text)!r}); build states with initial_state() or from_dict()"
            )
        existing = self._backend.get_article(state.article_id)
        if existing is not None:
            return _state_from_row(existing)
        state = replace(state, revision=0)
        if use_analyst_places:
            state = self._with_analyst_places(state)
        at = now_iso()
        row = ArticleRow(
            id=state.article_id,
            text=state.text,
            metadata=state.metadata(),
            state=_state_json(state),
            revision=0,
            created=at,
            updated=at,
            title=state.title,
            n_findings=len(state.findings),
        )
        with self._backend.write() as tx:
            if not tx.insert_article(row):  # another process created it meanwhile
                saved = tx.get_article(state.article_id)
                assert saved is not None
                return _state_from_row(saved)
            for e, p in state.active_places():
                if p.status == "pinned":
                    pin = self._pin_row(state, e.id, self.analyst, at)
                    tx.set_analyst_places(state.article_id, e.id, [pin] if pin else [])
        return state

    def load(self, article_id: str) -> ArticleState | None:
        """The saved state of an article, or ``None`` if it is not in the store."""
        row = self._backend.get_article(article_id)
        return None if row is None else _state_from_row(row)

    def articles(self) -> list[ArticleSummary]:
        """All articles in the store, most recently changed first."""
        return [
            ArticleSummary(
                article_id=r.id,
                title=r.title or str(r.metadata.get("title") or ""),
                source=str(r.metadata.get("source") or ""),
                url=r.metadata.get("url"),
                revision=r.revision,
                n_findings=r.n_findings,
                created=r.created,
                updated=r.updated,
            )
            for r in self._backend.list_articles()
        ]

    def delete_article(self, article_id: str) -> bool:
        """Delete an article with its history and the analyst places pinned in it.

        Returns
        -------
        bool
            Whether the article was in the store.
        """
        with self._backend.write() as tx:
            return tx.delete_article(article_id)

    # -- changes -----------------------------------------------------------------

    def apply(
        self,
        article_id: str,
        change: Change | Mapping[str, Any],
        *,
        expected_revision: int,
        analyst: str | None = None,
    ) -> ArticleState:
        """Apply one change and save it with its history entry, in one transaction.

        Parameters
        ----------
        article_id
            The article (``state.article_id``).
        change
            A :class:`~workbench.annotations.model.Change` or its ``to_dict()``.
        expected_revision
            The revision the change was based on (``state.revision`` of the state
            the analyst was looking at).
        analyst
            Who makes the change; defaults to :attr:`analyst`.

        Returns
        -------
        ArticleState
            The new saved state (``revision == expected_revision + 1``).

        Raises
        ------
        StaleWriteError
            The stored revision is not ``expected_revision``; nothing was saved.
        InvalidChangeError
            The change does not apply (bad offsets, unknown entity...); nothing was saved.
        UnknownArticleError
            The article is not in the store (open it with :meth:`open_article`).
        """
        if not isinstance(change, Change):
            change = change_from_dict(change)
        who = analyst or self.analyst
        at = now_iso()
        change = change.stamped(who, at)
        with self._backend.write() as tx:
            row = tx.get_article(article_id)
            if row is None:
                raise UnknownArticleError(
                    f"article {article_id} is not in the findings store {self.location}; "
                    "open it first with store.open_article(analysis)"
                )
            if row.revision != expected_revision:
                raise stale_write(article_id, expected_revision, row.revision)
            before = _state_from_row(row)
            after = change.apply(before)
            b, a = diff_records(before, after)
            tx.update_article(
                article_id,
                _state_json(after),
                after.revision,
                at,
                after.title,
                len(after.findings),
            )
            tx.insert_history(HistoryRow(0, article_id, after.revision, who, at, change.to_dict(), b, a))
            touched = set(a.get("places", {})) | set(a.get("entities", {}))
            for eid in sorted(touched):
                pin = self._pin_row(after, eid, who, at)
                tx.set_analyst_places(article_id, eid, [pin] if pin else [])
        return after

    def save_state(
        self,
        state: ArticleState,
        *,
        expected_revision: int,
        analyst: str | None = None,
        reason: str = "saved state",
    ) -> ArticleState:
        """Save a whole edited or imported state as one :class:`SetRecords` change.

        Only the records that differ from the stored state are written (and
        recorded in the history); the article text must be the same.
        """
        stored = self.load(state.article_id)
        if stored is None:
            raise UnknownArticleError(
                f"article {state.article_id} is not in the store; use open_article(state)"
            )
        _, after = diff_records(stored, state)
        return self.apply(
            state.article_id,
            SetRecords(after, reason=reason),
            expected_revision=expected_revision,
            analyst=analyst,
        )

    def history(self, article_id: str) -> list[HistoryEntry]:
        """The changes of an article, oldest first."""
        return [_entry(r) for r in self._backend.history(article_id)]

    def revert(
        self,
        article_id: str,
        history_id: int,
        *,
        expected_revision: int,
        analyst: str | None = None,
    ) -> ArticleState:
        """Undo one change of the history by restoring the records it touched.

        The records that change modified are set back to their ``before`` values,
        as a new ``set_records`` change (the history only grows). Later changes to
        other records are kept; later changes to the same records are overwritten
        (they stay in the history and can be re-applied by reverting the revert).

        Raises
        ------
        UnknownArticleError
            No such article or history entry.
        StaleWriteError, InvalidChangeError
            As for :meth:`apply` (e.g. reverting an added entity that findings target).
        """
        row = self._backend.history_row(article_id, history_id)
        if row is None:
            raise UnknownArticleError(
                f"no history entry {history_id} for article {article_id}; see store.history(article_id)"
            )
        change = SetRecords(row.before, reason=f"revert of history entry {history_id}")
        return self.apply(article_id, change, expected_revision=expected_revision, analyst=analyst)

    # -- analyst gazetteer ---------------------------------------------------------

    def _pin_row(self, state: ArticleState, entity_id: str, analyst: str, at: str) -> AnalystPlaceRow | None:
        p = state.place_for(entity_id)
        e = state.entity(entity_id)
        if p is None or e is None or p.status != "pinned" or not p.resolved:
            return None
        assert p.latitude is not None and p.longitude is not None
        return AnalystPlaceRow(
            norm_name=normalize_key(e.text),
            name=p.name or e.text,
            latitude=float(p.latitude),
            longitude=float(p.longitude),
            country_code=p.country_code or "",
            analyst=analyst,
            at=at,
            article_id=state.article_id,
            entity_id=entity_id,
        )

    def analyst_places(self) -> list[AnalystPlace]:
        """Every place pinned by an analyst (the analyst gazetteer), newest first."""
        return [_place_from_row(r) for r in self._backend.analyst_places()]

    def lookup_analyst_place(self, mention_text: str) -> list[AnalystPlace]:
        """Pinned places whose mention has the same normalized Arabic form, newest first.

        Matching uses :func:`workbench.articles.normalize.normalize_key` (alef/ya/ta
        marbuta variants, diacritics, tatweel, spaces), so ``"مارِينو"`` finds a pin
        made on ``"مارينو"``.
        """
        key = normalize_key(mention_text)
        if not key:
            return []
        return [_place_from_row(r) for r in self._backend.analyst_places(key)]

    def _with_analyst_places(self, state: ArticleState) -> ArticleState:
        places = dict(state.places)
        for e, p in state.active_places():
            if p.status not in ("machine", "unresolved"):
                continue
            pins = self.lookup_analyst_place(e.text)
            if not pins:
                continue
            pin = pins[0]
            others = [c for c in p.candidates if c.get("match") != "analyst"]
            places[e.id] = PlaceState(
                entity_id=e.id,
                status="machine",
                name=pin.name,
                latitude=pin.latitude,
                longitude=pin.longitude,
                geonameid=None,
                country_code=pin.country_code,
                feature=None,
                precision="exact",
                uncertainty_km=None,
                confidence=1.0,
                candidates=[pin.to_candidate(e.text), *others],
                reason=f"analyst gazetteer: pinned by {pin.analyst} in article {pin.article_id}",
            )
        return replace(state, places=places)
