"""HTML views of an analysis: the inline article, tables, an offline SVG map, the report page.

``build_report(article_or_analysis, corrections=...)`` makes the standalone
report; ``render_document``/``render_fragment`` render plain dicts;
``escape_html``/``safe_url`` are the one escaping path for untrusted text.
"""

from workbench.report.build import build_report, gazetteer_summary
from workbench.report.escape import escape_html, safe_url
from workbench.report.html import (
    LABEL_COLORS,
    render_article,
    render_document,
    render_fragment,
    render_legend,
)
from workbench.report.views import apply_corrections

__all__ = [
    "LABEL_COLORS",
    "apply_corrections",
    "build_report",
    "escape_html",
    "gazetteer_summary",
    "render_article",
    "render_document",
    "render_fragment",
    "render_legend",
    "safe_url",
]
