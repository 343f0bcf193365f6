"""Where the workbench finds its data and writes its caches (settable by environment)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir", "data_dir", "shared_dir"]

APP_NAME = "arabic-osint-workbench"


def data_dir() -> Path:
    """The project's ``data/`` folder (``WORKBENCH_DATA_DIR`` overrides)."""
    env = os.environ.get("WORKBENCH_DATA_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[1] / "data"


def cache_dir() -> Path:
    """Writable cache folder (``WORKBENCH_CACHE_DIR`` overrides the user cache dir)."""
    env = os.environ.get("WORKBENCH_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME))


def shared_dir() -> Path:
    """The read-only corpora folder ``../shared`` (``WORKBENCH_SHARED_DIR`` overrides)."""
    env = os.environ.get("WORKBENCH_SHARED_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"
