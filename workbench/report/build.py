"""``build_report``: one call from an article (or an analysis) to a report page.

This is the adapter half: it may run the pipeline and open the gazetteer. The
rendering it calls (:func:`workbench.report.html.render_document`) is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.report.html import render_document

if TYPE_CHECKING:
    from spacy.language import Language

    from workbench.analysis import Analysis
    from workbench.articles.model import Article
    from workbench.geo.gazetteer import Gazetteer

__all__ = ["build_report", "gazetteer_summary", "generator_name"]


def generator_name() -> str:
    """Program name and version as shown in reports (``arabic-osint-workbench 0.1.0``)."""
    from workbench import __version__

    return f"arabic-osint-workbench {__version__}"


def gazetteer_summary(metadata: Mapping[str, Any]) -> str:
    """One line about a gazetteer from :meth:`Gazetteer.metadata`: schema, build time, sources."""
    parts = []
    if metadata.get("schema_version") is not None:
        version = f"schema v{metadata['schema_version']}"
        if metadata.get("schema_hash"):
            version += f" ({metadata['schema_hash']})"
        parts.append(version)
    if metadata.get("built_at"):
        parts.append(f"built {metadata['built_at']}")
    if metadata.get("sources"):
        parts.append(str(metadata["sources"]))
    return "; ".join(parts)


def build_report(
    source_or_analysis: Analysis | Mapping[str, Any] | Article | str | Path | Any,
    *,
    corrections: Mapping[str, Any] | None = None,
    findings: Iterable[object] = (),
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    generated_at: datetime | None = None,
) -> str:
    """A self-contained HTML report of one article.

    Parameters
    ----------
    source_or_analysis
        An :class:`~workbench.analysis.Analysis`, a JSON-contract analysis dict, the
        findings store's ``ArticleState`` (or its ``to_dict()``), or anything
        :func:`workbench.analyze` accepts (an Article, a path, a URL, ``sample:NAME``),
        which is then analysed.
    corrections
        The analyst's plain-data state: ``entities``, ``places`` (with ``status``)
        and ``findings`` (an ``ArticleState`` works too); see
        :func:`workbench.report.views.apply_corrections`.
    findings
        More findings (dicts, or objects with ``to_dict()``) to list.
    nlp, gazetteer
        Used when the article must be analysed (defaults otherwise). The
        gazetteer, when known, is named in the report.
    generated_at
        Generation time shown in the report (now by default).

    Returns
    -------
    str
        The HTML page; write it with ``encoding="utf-8"``.

    Examples
    --------
    >>> html = build_report("sample:kursk_marino")  # doctest: +SKIP
    >>> Path("report.html").write_text(html, encoding="utf-8")  # doctest: +SKIP
    """
    from workbench.analysis import Analysis, analyze
    from workbench.articles.model import Article

    src = source_or_analysis
    if isinstance(src, Mapping):
        data: Mapping[str, Any] = src
    elif isinstance(src, Analysis) or (
        not isinstance(src, Article | str | Path) and callable(getattr(src, "to_dict", None))
    ):
        data = src.to_dict()  # an Analysis, or the findings store's ArticleState
    else:
        if gazetteer is None:
            from workbench.geo.gazetteer import default_gazetteer

            gazetteer = default_gazetteer()
        data = analyze(src, nlp=nlp, gazetteer=gazetteer).to_dict()
    info = gazetteer_summary(gazetteer.metadata()) if gazetteer is not None else ""
    return render_document(
        data,
        generator=generator_name(),
        findings=findings,
        gazetteer_info=info,
        state=corrections,
        generated_at=generated_at,
    )
