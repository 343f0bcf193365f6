"""The Article model: the text exactly as the user gave it, plus metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Article", "Language"]

Language = Literal["ar", "en", "other"]


@dataclass(frozen=True, slots=True)
class Article:
    """A news article ready for analysis.

    Attributes
    ----------
    text
        The article body after decoding, BOM removal and CRLF→LF. Every offset the
        workbench reports indexes this string.
    title
        The headline, from metadata or the first line; empty when unknown.
    language
        ``"ar"``, ``"en"`` or ``"other"``, from metadata or detected from the script.
    source
        Where it came from: a file path, a URL, ``"<string>"`` or ``"sample:NAME"``.
    url
        The article's canonical URL when known.
    published
        Publication date/time as given (ISO 8601 when it could be parsed), else ``None``.
    encoding
        The encoding the bytes were decoded from (``None`` for in-memory strings).
    """

    text: str
    title: str = ""
    language: Language = "ar"
    source: str = "<string>"
    url: str | None = None
    published: str | None = None
    encoding: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def n_words(self) -> int:
        """Number of whitespace-separated words in :attr:`text`."""
        return len(self.text.split())
