"""Fixtures of the findings tests; the builders live in ``annotation_fixtures``.

``store`` runs every test that uses it on both backends: a SQLite file and a
fresh schema of a throwaway PostgreSQL cluster (``pg_fixtures``; those variants
skip, saying what to install, where no PostgreSQL server binaries exist).
"""

from __future__ import annotations

import pytest
from annotation_fixtures import make_analysis
from pg_fixtures import pg_cluster, pg_url  # noqa: F401 (fixtures for this folder)

from workbench.analysis import Analysis
from workbench.annotations import FindingsStore, initial_state

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture
def analysis() -> Analysis:
    return make_analysis()


@pytest.fixture
def state(analysis):
    return initial_state(analysis)


@pytest.fixture(params=BACKENDS)
def location(request, tmp_path) -> str:
    """Where a fresh store lives: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "findings.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(location):
    s = FindingsStore(location, analyst="tester").open()
    yield s
    s.close()


@pytest.fixture
def ids(state):
    """Entity ids by text."""
    return {e.text: e.id for e in state.entities}
