"""The article, right-to-left, with entities highlighted inline and a legend.

Markup comes from :func:`workbench.report.html.render_article` (every piece of
text escaped by :func:`workbench.report.escape.escape_html`); this widget adds
the emphasis of the selected mentions and a selector listing the entities in
reading order, so an entity can be picked by clicking it or from the list.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

import ipywidgets as widgets

from workbench.report.escape import escape_html
from workbench.report.html import CSS, render_article, render_legend
from workbench.ui.clickable import ClickableHTML, parse_click
from workbench.ui.controller import EntityItem, Snapshot
from workbench.ui.i18n import DEFAULT_LANGUAGE, t

__all__ = ["ArticleView", "render_article_html"]

_APP_CSS = """
.{scope} mark.wb-ent.wb-selected{{outline:3px solid #0f172a;outline-offset:1px;
box-shadow:0 0 0 5px rgba(250,204,21,.55)}}
.{scope} .wb-article{{max-height:520px;overflow-y:auto;padding:.4em .8em;border:1px solid #cbd5e1;
border-radius:6px;background:#fff;color:#0f172a}}
.{scope} .wb-quote{{background:#fef9c3;padding:2px 6px;border-radius:4px}}
"""


def render_article_html(
    snapshot: Snapshot,
    highlighted: Iterable[str] = (),
    *,
    scope: str = "wb-app",
    span: tuple[int, int] | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> tuple[str, list[str]]:
    """Markup of the article and the entity id behind each ``data-ent`` index.

    Parameters
    ----------
    snapshot
        The open article.
    highlighted
        Ids of entities to emphasise (the selection and its other mentions).
    scope
        A CSS class that keeps this view's selection styles to itself.
    span
        A selected span of text shown above the article (quoted, escaped).
    lang
        Interface language (of the words around the article, not of the article).

    Returns
    -------
    tuple of (str, list of str)
        The HTML and, at position ``i``, the id of the entity rendered with ``data-ent="i"``.
    """
    live: list[EntityItem] = []
    pos = 0
    for e in snapshot.live_entities:  # render_article skips overlaps; keep the ids aligned
        if e.start >= pos and e.end > e.start:
            live.append(e)
            pos = e.end
    order = [e.id for e in live]
    marked = set(highlighted)
    rules = "".join(
        f'.{scope} mark.wb-ent[data-ent="{i}"]{{outline:3px solid #0f172a;outline-offset:1px;'
        "box-shadow:0 0 0 5px rgba(250,204,21,.55)}"
        for i, eid in enumerate(order) if eid in marked
    )
    body = render_article(
        snapshot.text,
        [{"start": e.start, "end": e.end, "label": e.label} for e in live],
        language=snapshot.language,
    )
    quote = ""
    if span is not None and span[1] > span[0]:
        quote = (
            f'<div class="wb-meta" dir="auto">{escape_html(t("article.selected_text", lang))} '
            '<span class="wb-quote">'
            f"{escape_html(snapshot.text[span[0]:span[1]])}</span></div>"
        )
    html = (
        f"<style>{CSS}{_APP_CSS.format(scope=scope)}{rules}</style>"
        f'<div class="{scope}">{render_legend()}{quote}{body}</div>'
    )
    return html, order


class ArticleView(widgets.VBox):
    """Highlighted RTL article plus an entity selector (reading order).

    Call :meth:`show` with a snapshot and the ids to emphasise; register
    :meth:`on_pick` to hear which entity the analyst clicked or chose.
    """

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang
        self.scope = f"wb-{uuid.uuid4().hex[:8]}"
        self.text = ClickableHTML()
        self.selector = widgets.Dropdown(
            options=[(t("article.pick", lang), "")], value="", description=t("article.entity", lang),
            layout=widgets.Layout(width="100%"),
        )
        self._order: list[str] = []
        self._last: tuple[Snapshot | None, tuple[str, ...], str | None, tuple[int, int] | None] = (
            None, (), None, None)
        self._callbacks: list[Callable[[str], None]] = []
        self._quiet = False
        self.text.observe(self._on_click, names="clicked")
        self.selector.observe(self._on_selector, names="value")
        super().__init__([self.selector, self.text], layout=widgets.Layout(width="100%"))
        self.add_class("wb-article-view")

    def on_pick(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(entity_id)`` when the analyst picks an entity."""
        self._callbacks.append(callback)

    def set_language(self, lang: str) -> None:
        """Relabel the selector and the words around the article in ``lang``."""
        self.lang = lang
        self.selector.description = t("article.entity", lang)
        self.show(*self._last[:2], selected=self._last[2], span=self._last[3])

    def show(self, snapshot: Snapshot | None, highlighted: Iterable[str] = (), *,
             selected: str | None = None, span: tuple[int, int] | None = None) -> None:
        """Render ``snapshot`` with ``highlighted`` entities emphasised."""
        highlighted = tuple(highlighted)
        self._last = (snapshot, highlighted, selected, span)
        if snapshot is None:
            self.text.value = ""
            self._set_selector([], None)
            return
        html, self._order = render_article_html(snapshot, highlighted, scope=self.scope, span=span,
                                                lang=self.lang)
        self.text.value = html
        self._set_selector(snapshot.live_entities, selected)

    @property
    def entity_order(self) -> list[str]:
        """Entity ids in the order of their ``data-ent`` index."""
        return list(self._order)

    def click_entity(self, index: int) -> None:
        """Imitate a click on the ``index``-th highlighted entity (tests, scripts)."""
        self.text.clicked = f"ent:{index}"

    def _set_selector(self, entities: list[EntityItem], selected: str | None) -> None:
        opts = [(t("article.pick", self.lang), "")] + [
            (f"{e.text} · {e.label} · @{e.start}", e.id) for e in entities
        ]
        self._quiet = True
        try:
            if list(self.selector.options) != opts:
                self.selector.options = opts
            ids = {v for _, v in opts}
            self.selector.value = selected if selected in ids else ""
        finally:
            self._quiet = False

    def _emit(self, entity_id: str) -> None:
        for cb in self._callbacks:
            cb(entity_id)

    def _on_click(self, change: dict[str, object]) -> None:
        parsed = parse_click(str(change["new"]))
        if parsed and parsed[0] == "ent" and parsed[1] < len(self._order):
            self._emit(self._order[parsed[1]])

    def _on_selector(self, change: dict[str, object]) -> None:
        if not self._quiet and change["new"]:
            self._emit(str(change["new"]))
