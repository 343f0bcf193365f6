"""Corpus widgets: a map of every place (sized by mentions, filtered by date) and an explorer.

Wiring only: the data comes from :class:`~workbench.corpus.index.CorpusIndex` as plain
results and the shaping from :mod:`workbench.corpus.queries`. Everything a user can do
has a method that does the same (``click_place``, ``set_dates``, ``search``,
``show_entity``), so tests and scripts drive the widgets without a browser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from html import escape

import ipyleaflet as lf
import ipywidgets as widgets

from workbench.corpus import queries as q
from workbench.corpus.index import CorpusIndex
from workbench.corpus.model import ArticleRef, EntityCount, SearchHit

__all__ = ["CorpusExplorer", "CorpusMap", "articles_html", "date_options", "hits_html"]

_MAX_DAYS_AS_DAYS = 400  # longer corpora get a weekly slider


def date_options(first: str | None, last: str | None) -> list[tuple[str, str]]:
    """``(label, ISO date)`` options for the date slider: days, or weeks for long corpora."""
    if not first or not last:
        return []
    d0, d1 = date.fromisoformat(first), date.fromisoformat(last)
    step = 1 if (d1 - d0).days <= _MAX_DAYS_AS_DAYS else 7
    out, d = [], d0
    while d < d1:
        out.append((d.isoformat(), d.isoformat()))
        d += timedelta(days=step)
    out.append((d1.isoformat(), d1.isoformat()))
    return out


def articles_html(refs: Sequence[ArticleRef], heading: str) -> str:
    """A right-to-left list of articles (title, date, mentions), escaped."""
    items = "".join(
        f'<li data-article-id="{escape(r.article_id)}"><b dir="auto">{escape(r.title or r.article_id)}</b> '
        f"<small>{escape(r.published or '')} · {r.mentions}×</small></li>"
        for r in refs
    )
    return f'<div dir="rtl"><h4 dir="auto">{escape(heading)}</h4><ol>{items}</ol></div>'


def hits_html(hits: Sequence[SearchHit], texts_length: dict[str, int]) -> str:
    """Search results with highlighted snippets (original text, escaped)."""
    if not hits:
        return '<div dir="rtl"><i>لا نتائج — no results</i></div>'
    rows = "".join(
        f'<li data-article-id="{escape(h.article_id)}"><b dir="auto">{escape(h.title or h.article_id)}</b> '
        f"<small>{escape(h.published or '')}</small><br>"
        f"{q.snippet_html(h.snippet, texts_length.get(h.article_id, h.snippet.end))}</li>"
        for h in hits
    )
    return f'<div dir="rtl"><ol>{rows}</ol></div>'


def _entities_html(counts: Sequence[EntityCount]) -> str:
    rows = "".join(
        f'<tr><td dir="auto">{escape(c.text)}</td><td>{escape(c.label)}</td><td>{c.articles}</td></tr>'
        for c in counts
    )
    return (
        '<table dir="rtl"><thead><tr><th>كيان</th><th>label</th><th>articles</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


class CorpusMap(widgets.VBox):
    """Every resolved place of the corpus as a circle sized by its mentions.

    Parameters
    ----------
    index
        An open corpus index.
    tiles
        Show OpenStreetMap tiles (needs a network); country outlines are drawn either way.

    Attributes
    ----------
    dates
        Date range slider; moving it redraws the markers for that range.
    markers
        The circle of each gazetteer place (by geonameid) currently shown.
    selected
        The geonameid last clicked, or ``None``.
    articles
        The articles of the selected place in the date range.
    """

    def __init__(self, index: CorpusIndex, *, tiles: bool = False) -> None:
        from workbench.ui.map_view import countries_geojson

        self.index = index
        self.selected: int | None = None
        self.markers: dict[int, lf.CircleMarker] = {}
        options = date_options(*index.date_range())
        self.dates = widgets.SelectionRangeSlider(
            options=options or [("—", "")],
            index=(0, max(len(options) - 1, 0)),
            description="Dates",
            continuous_update=False,
            layout=widgets.Layout(width="100%"),
        )
        outline = lf.GeoJSON(
            data=countries_geojson(),
            style={
                "color": "#64748b",
                "weight": 1,
                "fillColor": "#f8fafc",
                "fillOpacity": 0.0 if tiles else 0.9,
            },
            name="countries",
        )
        self.layer = lf.LayerGroup(name="places")
        layers: list[lf.Layer] = [lf.basemap_to_tiles(lf.basemaps.OpenStreetMap.Mapnik)] if tiles else []
        self.map = lf.Map(
            layers=(*layers, outline, self.layer),
            center=(30.0, 35.0),
            zoom=3,
            scroll_wheel_zoom=True,
            layout=widgets.Layout(height="420px", width="100%"),
        )
        self.articles = widgets.HTML(value="<i>Click a place to list its articles.</i>")
        self.dates.observe(self._on_dates, names="value")
        super().__init__([self.dates, self.map, self.articles])
        self.refresh()

    @property
    def date_from(self) -> str | None:
        """Start of the selected date range (ISO), ``None`` when the corpus has no dates."""
        return self.dates.value[0] or None

    @property
    def date_to(self) -> str | None:
        """End of the selected date range (ISO)."""
        return self.dates.value[1] or None

    def refresh(self) -> None:
        """Redraw the markers for the current date range."""
        counts = self.index.place_counts(date_from=self.date_from, date_to=self.date_to)
        top = max((c.mentions for c in counts), default=0)
        self.layer.clear()
        self.markers = {}
        for c in counts:
            m = lf.CircleMarker(
                location=(c.latitude, c.longitude),
                radius=q.marker_radius(c.mentions, top),
                weight=1,
                color="#1d4ed8",
                fill_color="#3b82f6",
                fill_opacity=0.6,
            )
            m.popup = widgets.HTML(
                f'<div dir="auto"><b>{escape(c.name_ar or c.name or "")}</b> {escape(c.name or "")}<br>'
                f"{c.mentions} mentions in {c.articles} articles</div>"
            )
            m.on_click(self._click_handler(c.geonameid))
            self.layer.add(m)
            self.markers[c.geonameid] = m
        if self.selected is not None:
            self._show(self.selected)

    def _click_handler(self, geonameid: int) -> Callable[..., None]:
        def handler(**kwargs: object) -> None:
            self._show(geonameid)

        return handler

    def _show(self, geonameid: int) -> None:
        self.selected = geonameid
        refs = self.index.articles_at(geonameid, date_from=self.date_from, date_to=self.date_to)
        counts = {
            c.geonameid: c for c in self.index.place_counts(date_from=self.date_from, date_to=self.date_to)
        }
        c = counts.get(geonameid)
        heading = f"{c.name_ar or c.name} — {len(refs)} articles" if c else f"{len(refs)} articles"
        self.articles.value = articles_html(refs, heading)

    def _on_dates(self, change: dict[str, object]) -> None:
        self.refresh()

    def set_dates(self, date_from: str, date_to: str) -> None:
        """Select the date range (nearest slider positions), as moving the slider would."""
        values = [v for _, v in self.dates.options] if isinstance(self.dates.options[0], tuple) else []
        i = next((k for k, v in enumerate(values) if v >= date_from), 0)
        j = max((k for k, v in enumerate(values) if v <= date_to), default=len(values) - 1)
        self.dates.index = (i, max(i, j))

    def click_place(self, geonameid: int) -> None:
        """Imitate a click on the marker of ``geonameid`` (tests, scripts)."""
        m = self.markers[geonameid]
        m._handle_mouse_events(None, {"type": "click", "coordinates": list(m.location)}, None)


class CorpusExplorer(widgets.VBox):
    """Search, entity lookup, timeline and map over a corpus index.

    Parameters
    ----------
    index
        An open corpus index.
    tiles
        Map tiles (needs a network).

    Attributes
    ----------
    query, search_button, results
        Full-text search: type, click, read highlighted snippets.
    entity, entity_button, entity_articles, cooccurring
        Entity lookup: the articles that mention it and the entities found with it.
    freq, timeline, timeline_frame
        Mentions by publication date of the last search or entity (SVG bar chart), and
        the frame it was drawn from.
    map
        The :class:`CorpusMap`.
    """

    def __init__(self, index: CorpusIndex, *, tiles: bool = False) -> None:
        self.index = index
        self.query = widgets.Text(placeholder="بحث… (search)", layout=widgets.Layout(width="60%"))
        self.search_button = widgets.Button(description="Search", icon="search")
        self.results = widgets.HTML()
        self.entity = widgets.Text(placeholder="كيان (entity)", layout=widgets.Layout(width="60%"))
        self.entity_button = widgets.Button(description="Entity", icon="user")
        self.entity_articles = widgets.HTML()
        self.cooccurring = widgets.HTML()
        self.freq = widgets.ToggleButtons(options=[("day", "D"), ("week", "W"), ("month", "M")], value="W")
        self.timeline = widgets.HTML()
        self.timeline_frame = q.timeline_frame([])
        self.map = CorpusMap(index, tiles=tiles)
        self._last: tuple[str, str] | None = None
        self.search_button.on_click(lambda _: self.search(self.query.value))
        self.entity_button.on_click(lambda _: self.show_entity(self.entity.value))
        self.freq.observe(lambda _: self._redraw_timeline(), names="value")
        tabs = widgets.Tab(
            [
                widgets.VBox([widgets.HBox([self.query, self.search_button]), self.results]),
                widgets.VBox(
                    [widgets.HBox([self.entity, self.entity_button]), self.entity_articles, self.cooccurring]
                ),
                self.map,
            ]
        )
        for i, title in enumerate(("Search", "Entity", "Map")):
            tabs.set_title(i, title)
        super().__init__([tabs, self.freq, self.timeline])

    def search(self, query: str) -> list[SearchHit]:
        """Run a full-text search and show hits and their timeline."""
        self.query.value = query
        hits = self.index.search(query, limit=50)
        lengths = {}
        for h in hits:
            art = self.index.article(h.article_id)
            lengths[h.article_id] = len(art["text"]) if art else h.snippet.end
        self.results.value = hits_html(hits, lengths)
        self._last = ("query", query)
        self._redraw_timeline()
        return hits

    def show_entity(self, name: str) -> list[ArticleRef]:
        """Show the articles mentioning an entity, its co-occurring entities and timeline."""
        self.entity.value = name
        refs = self.index.articles_mentioning(name, limit=100)
        self.entity_articles.value = articles_html(refs, f"{name} — {len(refs)} articles")
        self.cooccurring.value = _entities_html(self.index.cooccurring(name, limit=15))
        self._last = ("entity", name)
        self._redraw_timeline()
        return refs

    def _redraw_timeline(self) -> None:
        if self._last is None:
            return
        kind, value = self._last
        if kind == "query":
            frame = self.index.timeline(query=value, freq=self.freq.value)
        else:
            frame = self.index.timeline(entity=value, freq=self.freq.value)
        self.timeline_frame = frame
        self.timeline.value = q.timeline_svg(frame)
