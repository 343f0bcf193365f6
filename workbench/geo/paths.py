"""Where the geo code finds its committed data and its built gazetteer (no I/O at import)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["APP_NAME", "SCHEMA_VERSION", "cache_dir", "data_dir", "default_gazetteer_path"]

APP_NAME = "arabic-osint-workbench"
SCHEMA_VERSION = 2


def data_dir() -> Path:
    """Directory of the committed geo tables (``data/geo`` of the repository).

    The environment variable ``WORKBENCH_DATA_DIR`` overrides the repository's
    ``data`` directory; ``geo/`` is appended to it.
    """
    override = os.environ.get("WORKBENCH_DATA_DIR")
    root = Path(override) if override else Path(__file__).resolve().parents[2] / "data"
    return root / "geo"


def cache_dir() -> Path:
    """User cache directory of the workbench (``WORKBENCH_CACHE_DIR`` overrides it)."""
    override = os.environ.get("WORKBENCH_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def default_gazetteer_path() -> Path:
    """Path of the gazetteer file for the current schema version."""
    return cache_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"
