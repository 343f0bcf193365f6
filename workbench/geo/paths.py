"""Where the geo code finds its committed data and its built gazetteer (no I/O at import).

The roots come from :mod:`workbench.paths` (``WORKBENCH_DATA_DIR``,
``WORKBENCH_CACHE_DIR``); this module only appends the geo-specific names.
"""

from __future__ import annotations

from pathlib import Path

from workbench import paths as _paths

__all__ = [
    "APP_NAME",
    "SCHEMA_VERSION",
    "cache_dir",
    "data_dir",
    "default_gazetteer_path",
    "default_layers_dir",
]

APP_NAME = _paths.APP_NAME
# v3: skeleton index of distinct names (no place ids), Arabic skeletons per place,
# optional gazetteer layers (imported GeoNames dumps) next to the built-in file.
SCHEMA_VERSION = 3


def data_dir() -> Path:
    """Directory of the committed geo tables (``data/geo`` under :func:`workbench.paths.data_dir`)."""
    return _paths.data_dir() / "geo"


def cache_dir() -> Path:
    """User cache directory of the workbench (:func:`workbench.paths.cache_dir`)."""
    return _paths.cache_dir()


def default_gazetteer_path() -> Path:
    """Path of the built-in gazetteer file for the current schema version."""
    return cache_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def default_layers_dir() -> Path:
    """Directory of imported gazetteer layers (``workbench gazetteer import``)."""
    return cache_dir() / f"gazetteer-layers-v{SCHEMA_VERSION}"
