"""Fixtures of the findings tests; the builders live in ``annotation_fixtures``."""

from __future__ import annotations

import pytest
from annotation_fixtures import make_analysis

from workbench.analysis import Analysis
from workbench.annotations import FindingsStore, initial_state


@pytest.fixture
def analysis() -> Analysis:
    return make_analysis()


@pytest.fixture
def state(analysis):
    return initial_state(analysis)


@pytest.fixture
def store(tmp_path):
    s = FindingsStore(tmp_path / "findings.sqlite", analyst="tester").open()
    yield s
    s.close()


@pytest.fixture
def ids(state):
    """Entity ids by text."""
    return {e.text: e.id for e in state.entities}
