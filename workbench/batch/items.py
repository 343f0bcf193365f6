"""Plain-data units of a batch run: what goes to a worker and what comes back.

Everything here pickles cheaply (dataclasses of str/int/float/list/dict), so the same
objects travel to a local worker process and to a Dask worker on another machine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = ["BatchItem", "ItemError", "ItemResult", "Outcome", "article_id"]


def article_id(text: str) -> str:
    """Stable id of an article without a given id: ``sha256:`` plus the hex digest of its text.

    Parameters
    ----------
    text
        The article text as given (before any normalization).

    Returns
    -------
    str
        The same for the same text on every machine and in every run.
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One article to analyse.

    Attributes
    ----------
    id
        The given id, or :func:`article_id` of the text.
    text
        The article text.
    title, url, published, source, language
        Metadata as given (``None`` when unknown).
    origin
        Where the item was read: ``corpus.jsonl:12`` or a file path (for error reports).
    """

    id: str
    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None


@dataclass(slots=True)
class ItemResult:
    """The analysis of one article as table rows (see :mod:`workbench.batch.records`)."""

    id: str
    article: dict[str, Any]
    places: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ItemError:
    """An article that could not be read or analysed; the run goes on without it.

    Attributes
    ----------
    id
        The article id, or ``origin`` when the input could not even be parsed.
    origin
        Where the item was read.
    stage
        ``"read"`` (input line/file) or ``"analyze"`` (pipeline or gazetteer).
    error
        Exception class name.
    code
        Workbench error code (``W104``...) when the error had one.
    message
        One-line explanation.
    """

    id: str
    origin: str
    stage: str
    error: str
    message: str
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The line written to ``errors.jsonl``."""
        return {
            "id": self.id,
            "origin": self.origin,
            "stage": self.stage,
            "error": self.error,
            "code": self.code,
            "message": self.message,
        }

    @classmethod
    def from_exception(cls, id: str, origin: str, stage: str, exc: BaseException) -> ItemError:
        """Shape an exception (workbench errors keep their code)."""
        code = getattr(exc, "code", None)
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return cls(id, origin, stage, type(exc).__name__, " ".join(str(message).split()), code)


Outcome = ItemResult | ItemError
