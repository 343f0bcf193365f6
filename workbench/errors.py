"""One exception hierarchy for the workbench.

Every error carries a stable code (``W001``...) and a message that says what
went wrong *and what to do next*, so the CLI can print it on one line and the
notebook app can show it without a traceback.
"""

from __future__ import annotations

__all__ = [
    "ArticleError",
    "GazetteerError",
    "PipelineError",
    "WorkbenchError",
]


class WorkbenchError(Exception):
    """Base class of every error the workbench raises on purpose.

    Parameters
    ----------
    message
        A one-line explanation that names the problem and the fix.
    code
        A stable identifier, e.g. ``"W101"``, usable in documentation and tests.
    """

    default_code = "W000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        self.code = code or self.default_code
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class ArticleError(WorkbenchError):
    """An article could not be read: missing, empty, binary, too large, undecodable, unreachable."""

    default_code = "W100"


class PipelineError(WorkbenchError):
    """The NLP pipeline could not be built or run."""

    default_code = "W200"


class GazetteerError(WorkbenchError):
    """The gazetteer could not be built, opened or queried."""

    default_code = "W300"
