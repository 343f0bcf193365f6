"""Pure span logic: entity candidates, overlap resolution, the label set."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["LABELS", "EntitySpan", "resolve_overlaps"]

LABELS: tuple[str, ...] = ("PER", "LOC", "ORG", "MISC")


@dataclass(frozen=True, slots=True, order=True)
class EntitySpan:
    """A candidate entity over token indices ``[start, end)``.

    ``priority`` decides overlaps: higher wins, then the longer span, then the
    earlier one. ``source`` names the component that proposed it.
    """

    start: int
    end: int
    label: str
    priority: int = 0
    source: str = ""

    @property
    def length(self) -> int:
        """Number of tokens."""
        return self.end - self.start


def resolve_overlaps(spans: Iterable[EntitySpan]) -> list[EntitySpan]:
    """Keep a non-overlapping subset: higher priority first, then longer, then earlier.

    Returns
    -------
    list of EntitySpan
        Sorted by start.
    """
    ranked = sorted(spans, key=lambda s: (-s.priority, -s.length, s.start))
    taken: list[EntitySpan] = []
    used: set[int] = set()
    for span in ranked:
        if span.length <= 0:
            continue
        if any(i in used for i in range(span.start, span.end)):
            continue
        taken.append(span)
        used.update(range(span.start, span.end))
    return sorted(taken, key=lambda s: s.start)
