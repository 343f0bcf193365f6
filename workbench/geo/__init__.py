"""Gazetteer, Arabic↔Latin place-name matching and place resolution.

Importing this package is cheap: the gazetteer file is opened or built only by
:meth:`Gazetteer.open`/:meth:`Gazetteer.load` or :func:`default_gazetteer`, and
geopandas is imported only by :func:`places_to_geodataframe`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.geo.build import build_gazetteer
from workbench.geo.gazetteer import Gazetteer, default_gazetteer
from workbench.geo.model import Candidate, GazetteerEntry, Precision, ResolvedPlace

if TYPE_CHECKING:
    from workbench.geo.frames import places_to_geodataframe
    from workbench.geo.resolve import rank_candidates, resolve_places

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerEntry",
    "Precision",
    "ResolvedPlace",
    "build_gazetteer",
    "default_gazetteer",
    "places_to_geodataframe",
    "rank_candidates",
    "resolve_places",
]

_LAZY = {
    "places_to_geodataframe": "workbench.geo.frames",
    "rank_candidates": "workbench.geo.resolve",
    "resolve_places": "workbench.geo.resolve",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
