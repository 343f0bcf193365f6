"""HTML views of an analysis: the inline article, tables, an offline SVG map, the report page."""

from workbench.report.escape import escape_html, safe_url
from workbench.report.html import LABEL_COLORS, render_article, render_document, render_legend

__all__ = ["LABEL_COLORS", "escape_html", "render_article", "render_document", "render_legend", "safe_url"]
