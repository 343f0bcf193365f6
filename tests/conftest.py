"""Shared test settings: caches inside the clone, paths to optional ../shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("WORKBENCH_CACHE_DIR", str(ROOT / ".cache"))
# Notebooks and apps under test save findings inside the clone, never in the user's data dir.
os.environ.setdefault("WORKBENCH_DB", str(ROOT / ".cache" / "test-findings.sqlite"))

SHARED = Path(os.environ.get("WORKBENCH_SHARED_DIR", ROOT.parent / "shared"))
SEED_ARTICLE = SHARED / "seeds" / "kursk_article_ar.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The reference Arabic article (Kursk, Marino), when ../shared is present."""
    if not SEED_ARTICLE.exists():
        pytest.skip(f"seed article not found at {SEED_ARTICLE} (../shared absent)")
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gazetteer():
    """The real gazetteer, built once into the test cache on first use."""
    from workbench.geo.gazetteer import default_gazetteer

    return default_gazetteer()


@pytest.fixture(scope="session")
def nlp(gazetteer):
    """The default rule pipeline over the real gazetteer."""
    from workbench.nlp import load_pipeline

    return load_pipeline("ar", gazetteer=gazetteer)
