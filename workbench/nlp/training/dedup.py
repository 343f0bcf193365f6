"""Remove training sentences whose text also occurs in a test (or dev) set.

NewsFANE Gold is largely ANERcorp re-annotated and clitic-segmented, and ANERcorp
itself repeats wire sentences, so comparing raw strings is not enough. Two
sentences are compared under :func:`dedup_key`: the workbench matching form
(:func:`workbench.articles.normalize.normalize_key`) with *all spaces removed*, so
«و قال ان ه» (segmented) and «وقال انه» / «وقال أنه» (raw) have the same key.

A training sentence is dropped when

- its key equals the key of a held-out sentence, or
- it shares any run of :data:`WINDOW` consecutive key characters with a held-out
  sentence (this catches a sentence that was split or merged differently, or that
  differs only in a replaced first word — as in the CAMeL test file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from workbench.articles.normalize import normalize_key

__all__ = ["WINDOW", "HeldOutIndex", "dedup_key", "remove_overlapping"]

#: Length (in key characters, about eight words) of a shared run that counts as overlap.
WINDOW = 40

T = TypeVar("T")


def dedup_key(text: str) -> str:
    """Normalized form of ``text`` without any whitespace."""
    return normalize_key(text).replace(" ", "")


@dataclass
class HeldOutIndex:
    """Keys and character windows of held-out sentences."""

    keys: set[str]
    windows: set[str]
    window: int = WINDOW

    @classmethod
    def build(cls, texts: Iterable[str], window: int = WINDOW) -> HeldOutIndex:
        """Index held-out sentence texts (one text per sentence)."""
        keys: set[str] = set()
        windows: set[str] = set()
        for text in texts:
            key = dedup_key(text)
            if not key:
                continue
            keys.add(key)
            for i in range(len(key) - window + 1):
                windows.add(key[i : i + window])
        return cls(keys, windows, window)

    def overlaps(self, text: str) -> bool:
        """True when ``text`` equals or shares a window with a held-out sentence."""
        key = dedup_key(text)
        if not key:
            return False
        if key in self.keys:
            return True
        w = self.window
        windows = self.windows
        return any(key[i : i + w] in windows for i in range(len(key) - w + 1))


def remove_overlapping(
    items: Sequence[T], text_of: Callable[[T], str], held_out: HeldOutIndex
) -> tuple[list[T], list[T]]:
    """Split ``items`` into ``(kept, removed)`` by overlap with ``held_out``.

    Parameters
    ----------
    items
        Training sentences (any type).
    text_of
        Function giving the text of an item.
    held_out
        Index built from every test and dev sentence.
    """
    kept: list[T] = []
    removed: list[T] = []
    for item in items:
        (removed if held_out.overlaps(text_of(item)) else kept).append(item)
    return kept, removed
