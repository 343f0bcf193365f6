"""Fixtures of the corpus tests; the builders live in ``corpus_fixtures``."""

from __future__ import annotations

import pytest
from corpus_fixtures import build_corpus

from workbench.batch import read_batch_output


@pytest.fixture(scope="session")
def indexed(tmp_path_factory, gazetteer):
    """(places file, open CorpusIndex) of the shared test corpus."""
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def index(indexed):
    return indexed[1]


@pytest.fixture(scope="session")
def tables(indexed):
    """(articles, places, entities) frames of the batch output behind the index."""
    return read_batch_output(indexed[0])
