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

    @property
    def location(self) -> str:
        """Where changes are saved, for the status line."""
        ...


class MemoryBackend:
    """Keeps states in a dict: nothing survives the kernel (tests, demos, read-only use)."""

    def __init__(self) -> None:
        self.states: dict[str, m.ArticleState] = {}

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
        new = change.stamped(analyst, m.now_iso()).apply(state)
        self.states[article_id] = new
        return new


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
