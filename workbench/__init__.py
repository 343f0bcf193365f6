"""Arabic-first analyst workbench: entities, geocoded places and findings for news articles.

The public API is imported lazily so ``import workbench`` stays cheap::

    import workbench
    article = workbench.load_article("sample:kursk_marino")
    result = workbench.analyze(article)
    result.entities, result.places, result.to_html()
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "ArticleError",
    "GazetteerError",
    "PipelineError",
    "Workbench",
    "WorkbenchError",
    "__version__",
    "analyze",
    "list_samples",
    "load_article",
]

_LAZY = {
    "Analysis": "workbench.analysis",
    "analyze": "workbench.analysis",
    "Article": "workbench.articles.model",
    "load_article": "workbench.articles",
    "list_samples": "workbench.articles",
    "WorkbenchError": "workbench.errors",
    "ArticleError": "workbench.errors",
    "GazetteerError": "workbench.errors",
    "PipelineError": "workbench.errors",
    "Workbench": "workbench.ui",
}

if TYPE_CHECKING:  # pragma: no cover
    from workbench.analysis import Analysis, analyze
    from workbench.articles import list_samples, load_article
    from workbench.articles.model import Article
    from workbench.errors import ArticleError, GazetteerError, PipelineError, WorkbenchError
    from workbench.ui import Workbench


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")
