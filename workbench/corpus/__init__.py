"""Corpus exploration: synthetic corpora, the search index over batch outputs, widgets.

>>> from workbench.corpus import build_index, CorpusIndex
>>> idx = build_index("out/places.gpkg", "out/corpus.sqlite")     # doctest: +SKIP
>>> idx.search("دمشق")[0].snippet.text                             # doctest: +SKIP

Modules: :mod:`~.synthetic` (generator), :mod:`~.queries` (pure query logic),
:mod:`~.model` (typed results), :mod:`~.index` (SQLite FTS5), :mod:`~.widget`
(ipywidgets/ipyleaflet), :mod:`~.cli`. The widgets are imported on demand
(``from workbench.corpus.widget import CorpusExplorer``) so that the index works
without a Jupyter stack.
"""

from workbench.corpus.index import CorpusIndex, build_index
from workbench.corpus.model import ArticleRef, EntityCount, PlaceCount, PlaceMention, SearchHit, Snippet
from workbench.corpus.synthetic import synthetic_articles, write_synthetic_corpus

__all__ = [
    "ArticleRef",
    "CorpusIndex",
    "EntityCount",
    "PlaceCount",
    "PlaceMention",
    "SearchHit",
    "Snippet",
    "build_index",
    "synthetic_articles",
    "write_synthetic_corpus",
]
