"""Where the app's changes go: the findings store, or memory for a throw-away session.

A backend opens an analysed article (restoring what was saved for it), applies
one :class:`~workbench.annotations.model.Change` at a time with an optimistic
revision check, and re-reads an article. The app never touches SQLite or files
itself; it only talks to a backend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from workbench.annotations import model as m
from workbench.annotations.errors import StaleWriteError, UnknownArticleError
from workbench.annotations.model import HistoryEntry

if TYPE_CHECKING:
    from workbench.analysis import Analysis
    from workbench.annotations.store import FindingsStore

__all__ = ["Backend", "MemoryBackend", "StoreBackend"]


class Backend(Protocol):
    """What the :class:`~workbench.ui.controller.Controller` needs from a store."""

    def open(self, analysis: Analysis) -> m.ArticleState:
        """The saved state of the analysed article, or its machine state if new."""
        ...

    def reload(self, article_id: str) -> m.ArticleState:
        """The current saved state of an article already opened."""
        ...

    def apply(self, article_id: str, change: m.Change, *, expected_revision: int,
              analyst: str) -> m.ArticleState:
        """Apply and save ``change``; raise ``StaleWriteError`` if the revision moved on."""
        ...

    def history(self, article_id: str) -> list[HistoryEntry]:
        """The article's changes, oldest first (append-only)."""
        ...

    def revert(self, article_id: str, history_id: int, *, expected_revision: int,
               analyst: str) -> m.ArticleState:
        """Undo one history entry as a new change; ``StaleWriteError`` as for :meth:`apply`."""
        ...

    @property
    def location(self) -> str:
        """Where changes are saved, for the status line."""
        ...


class MemoryBackend:
    """Keeps states in a dict: nothing survives the kernel (tests, demos, read-only use)."""

    def __init__(self) -> None:
        self.states: dict[str, m.ArticleState] = {}
        self.entries: dict[str, list[HistoryEntry]] = {}
        self._next_id = 1

    @property
    def location(self) -> str:
        """Always ``"memory"``."""
        return "memory (not saved to disk)"

    def open(self, analysis: Analysis) -> m.ArticleState:
        """The state kept for this article, else its machine state."""
        state = m.initial_state(analysis)
        return self.states.setdefault(state.article_id, state)

    def reload(self, article_id: str) -> m.ArticleState:
        """The state kept for ``article_id``."""
        try:
            return self.states[article_id]
        except KeyError:
            raise UnknownArticleError(f"no article {article_id!r} in memory; open it first") from None

    def apply(self, article_id: str, change: m.Change, *, expected_revision: int,
              analyst: str) -> m.ArticleState:
        """Apply ``change`` to the kept state (pure, validated by the change itself)."""
        state = self.reload(article_id)
        if state.revision != expected_revision:
            raise StaleWriteError(
                f"article {article_id} is at revision {state.revision}, not {expected_revision}; "
                "reload it",
                article_id=article_id, expected_revision=expected_revision,
                actual_revision=state.revision,
            )
        at = m.now_iso()
        change = change.stamped(analyst, at)
        new = change.apply(state)
        before, after = m.diff_records(state, new)
        self.entries.setdefault(article_id, []).append(HistoryEntry(
            self._next_id, article_id, new.revision, analyst, at, change.to_dict(), before, after))
        self._next_id += 1
        self.states[article_id] = new
        return new

    def history(self, article_id: str) -> list[HistoryEntry]:
        """The changes applied in this session, oldest first."""
        return list(self.entries.get(article_id, ()))

    def revert(self, article_id: str, history_id: int, *, expected_revision: int,
               analyst: str) -> m.ArticleState:
        """Restore the records one entry touched, as a new change (as the store does)."""
        entry = next((h for h in self.entries.get(article_id, ()) if h.id == history_id), None)
        if entry is None:
            raise UnknownArticleError(f"no history entry {history_id} for article {article_id}")
        change = m.SetRecords(entry.before, reason=f"revert of history entry {history_id}")
        return self.apply(article_id, change, expected_revision=expected_revision, analyst=analyst)


class StoreBackend:
    """Adapter over :class:`workbench.annotations.store.FindingsStore`.

    Parameters
    ----------
    store
        An open :class:`~workbench.annotations.store.FindingsStore`.
    """

    def __init__(self, store: FindingsStore) -> None:
        self.store = store
        self._analyses: dict[str, Analysis] = {}

    @property
    def location(self) -> str:
        """The store's file path."""
        return str(self.store.location)

    def open(self, analysis: Analysis) -> m.ArticleState:
        """The saved state of the article (the store creates it on first open)."""
        state: m.ArticleState = self.store.open_article(analysis)
        self._analyses[state.article_id] = analysis
        return state

    def reload(self, article_id: str) -> m.ArticleState:
        """Re-read the article from the store."""
        state: m.ArticleState | None = self.store.load(article_id)
        if state is None:
            raise UnknownArticleError(
                f"article {article_id} is no longer in the findings store {self.location}; "
                "open it again"
            )
        return state

    def apply(self, article_id: str, change: m.Change, *, expected_revision: int,
              analyst: str) -> m.ArticleState:
        """Apply and commit ``change`` in the store (one transaction)."""
        state: m.ArticleState = self.store.apply(
            article_id, change, expected_revision=expected_revision, analyst=analyst
        )
        return state

    def history(self, article_id: str) -> list[HistoryEntry]:
        """The article's history from the store, oldest first."""
        entries: list[HistoryEntry] = self.store.history(article_id)
        return entries

    def revert(self, article_id: str, history_id: int, *, expected_revision: int,
               analyst: str) -> m.ArticleState:
        """Revert through :meth:`FindingsStore.revert` (one transaction, a new history entry)."""
        state: m.ArticleState = self.store.revert(article_id, history_id,
                                                  expected_revision=expected_revision, analyst=analyst)
        return state
