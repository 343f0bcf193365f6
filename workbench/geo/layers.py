"""Extra place layers for :func:`workbench.geo.resolve.resolve_places` (analyst gazetteer).

A layer is anything with ``candidates(mention) -> list[Candidate]``. The analyst layer
wraps the findings store's pinned places (:meth:`FindingsStore.lookup_analyst_place`),
so a name pinned by an analyst in one article resolves the same way in later ones.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

from workbench.articles.normalize import normalize_key
from workbench.geo.model import Candidate, GazetteerEntry

__all__ = ["AnalystLayer", "PlaceLayer", "analyst_candidate"]

log = logging.getLogger(__name__)


@runtime_checkable
class PlaceLayer(Protocol):
    """A source of candidates besides the gazetteer files."""

    def candidates(self, mention: str) -> list[Candidate]:
        """Candidates for the mention text (as written in the article)."""
        ...


def analyst_candidate(pin: Any, mention: str = "") -> Candidate:
    """A ``match="analyst"`` candidate from a pinned place.

    Parameters
    ----------
    pin
        An object with ``name, latitude, longitude, country_code`` and optionally
        ``analyst, article_id, at, geonameid, feature`` (e.g.
        :class:`workbench.annotations.store.AnalystPlace`).
    mention
        The mention text it is offered for.
    """
    gid = getattr(pin, "geonameid", None)
    if not gid:
        # A stable negative id per pinned point, distinct from GeoNames ids.
        key = f"{pin.name}|{pin.latitude:.5f}|{pin.longitude:.5f}".encode()
        gid = -(10**9 + zlib.crc32(key))
    entry = GazetteerEntry(
        geonameid=int(gid),
        name=str(pin.name),
        latitude=float(pin.latitude),
        longitude=float(pin.longitude),
        country_code=str(getattr(pin, "country_code", "") or ""),
        feature_code=str(getattr(pin, "feature", "") or "ANALYST"),
        kind="analyst",
    )
    who = getattr(pin, "analyst", "") or "an analyst"
    where = getattr(pin, "article_id", "")
    note = f"pinned by analyst {who}" + (f" in article {where}" if where else "")
    return Candidate(entry, mention or str(pin.name), "analyst", 1.0, {"match_quality": 1.0}, note)


class AnalystLayer:
    """Places pinned by analysts, looked up by normalized mention text.

    Parameters
    ----------
    source
        A findings store (anything with ``lookup_analyst_place(text)``), a callable
        ``text -> pins``, or an iterable of pins (each with ``mention_key``).
    """

    def __init__(self, source: Any) -> None:
        self._lookup: Callable[[str], Sequence[Any]]
        if hasattr(source, "lookup_analyst_place"):
            self._lookup = source.lookup_analyst_place
        elif callable(source):
            self._lookup = source
        else:
            table: dict[str, list[Any]] = {}
            for pin in source if isinstance(source, Iterable) else ():
                table.setdefault(normalize_key(pin.mention_key), []).append(pin)
            self._lookup = lambda text: table.get(normalize_key(text), [])

    def candidates(self, mention: str) -> list[Candidate]:
        """The newest pin for the mention first (as the store returns them)."""
        try:
            pins = list(self._lookup(mention))
        except Exception as exc:  # a broken store must not fail the resolution
            log.warning("analyst layer lookup of %r failed: %s", mention, exc)
            return []
        return [analyst_candidate(p, mention) for p in pins]
