"""Errors of the findings store and its exports (codes ``W4xx``).

Every message names the problem and what to do next, like the rest of
:mod:`workbench.errors`.

=====  =========================  ==================================================
Code   Class                      When
=====  =========================  ==================================================
W400   ``AnnotationError``        base class of the errors below
W401   ``InvalidChangeError``     a change does not apply to the article state
                                  (offsets outside the text, unknown entity, bad label)
W410   ``StoreError``             base class of store errors
W411   ``StaleWriteError``        the stored revision moved on since you loaded it
W412   ``CorruptStoreError``      the file is damaged or is not a findings store
W413   ``StoreAccessError``       the location cannot be created, read or written
W414   ``StoreVersionError``      the file was written by a newer workbench
W415   ``UnknownArticleError``    no record for that article id (also a ``KeyError``)
W420   ``ImportFormatError``      an imported Web Annotation / GeoJSON document is invalid
=====  =========================  ==================================================
"""

from __future__ import annotations

from workbench.errors import WorkbenchError

__all__ = [
    "AnnotationError",
    "CorruptStoreError",
    "ImportFormatError",
    "InvalidChangeError",
    "StaleWriteError",
    "StoreAccessError",
    "StoreError",
    "StoreVersionError",
    "UnknownArticleError",
]


class AnnotationError(WorkbenchError):
    """Base class of annotation (findings) errors."""

    default_code = "W400"


class InvalidChangeError(AnnotationError, ValueError):
    """A change cannot be applied to an article state; nothing was changed."""

    default_code = "W401"


class StoreError(AnnotationError):
    """The findings store could not be opened, read or written."""

    default_code = "W410"


class StaleWriteError(StoreError):
    """The article changed since it was loaded (another notebook, kernel or analyst).

    Attributes
    ----------
    article_id
        The article concerned.
    expected_revision
        The revision the caller based the change on.
    actual_revision
        The revision found in the store.
    """

    default_code = "W411"

    def __init__(
        self, message: str, *, article_id: str, expected_revision: int, actual_revision: int
    ) -> None:
        super().__init__(message)
        self.article_id = article_id
        self.expected_revision = expected_revision
        self.actual_revision = actual_revision


class CorruptStoreError(StoreError):
    """The store file is damaged or belongs to another program; it was left untouched."""

    default_code = "W412"


class StoreAccessError(StoreError):
    """The store location cannot be created, read or written (permissions, read-only disk)."""

    default_code = "W413"


class StoreVersionError(StoreError):
    """The store was written by a newer version of the workbench."""

    default_code = "W414"


class UnknownArticleError(StoreError, KeyError):
    """No record for the given article id."""

    default_code = "W415"

    def __str__(self) -> str:  # KeyError would repr() the message
        return f"[{self.code}] {self.message}"


class ImportFormatError(AnnotationError, ValueError):
    """An imported document is not a valid export of the expected format."""

    default_code = "W420"
