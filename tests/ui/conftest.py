"""Fixtures of the UI tests: a tiny analysis, a stand-in analyzer, apps over a tmp store."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from ui_fixtures import TEXT, tiny_analysis

from workbench.analysis import Analysis
from workbench.articles.model import Article


@pytest.fixture
def analysis() -> Analysis:
    return tiny_analysis()


@pytest.fixture
def analyzer() -> Callable[[Article], Analysis]:
    """Stands in for workbench.analyze: entities only where the tiny text has them."""

    def run(article: Article) -> Analysis:
        if article.text == TEXT:
            return tiny_analysis(article)
        return Analysis(article, [], [])

    return run


@pytest.fixture
def make_app(tmp_path, analyzer):
    """A Workbench over a findings store in tmp_path, tiles off (offline)."""
    from workbench.ui import Workbench

    db = tmp_path / "findings.sqlite"
    apps = []

    def make(**settings):
        settings = {"store_path": db, "tiles": False, "analyst": "tester",
                    "analyzer": analyzer, **settings}
        app = Workbench.from_config(**settings)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()
