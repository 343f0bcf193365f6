"""The Workbench: one app in a notebook cell that wires the widgets together.

Open an article (sample, upload, paste, URL), read it right-to-left with the
entities highlighted, check every place on the map, correct what the machine
got wrong, write findings; every change is saved at once in the findings store
and comes back when the same article is opened again.

>>> from workbench.ui import Workbench
>>> app = Workbench.open("sample:kursk_marino")   # doctest: +SKIP
>>> app                                            # doctest: +SKIP

The app only wires: state and selection live in
:class:`~workbench.ui.controller.Controller`, storage in a
:class:`~workbench.ui.backend.Backend`, each view in its own module.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from workbench.errors import WorkbenchError
from workbench.report.escape import escape_html
from workbench.ui.article_view import ArticleView, render_article_html
from workbench.ui.backend import Backend, MemoryBackend, StoreBackend
from workbench.ui.controller import (
    Controller,
    EntityItem,
    PlaceItem,
    Selection,
    Snapshot,
    default_analyst,
)
from workbench.ui.corrections import CorrectionsPanel
from workbench.ui.entity_table import EntityTable
from workbench.ui.findings_panel import FindingsPanel, findings_table_html
from workbench.ui.load_panel import LoadPanel, article_from_request
from workbench.ui.map_view import MapView

if TYPE_CHECKING:
    from spacy.language import Language

    from workbench.analysis import Analysis
    from workbench.articles.model import Article
    from workbench.geo.gazetteer import Gazetteer

__all__ = ["MEMORY", "Workbench", "WorkbenchConfig"]

MEMORY = ":memory:"
Analyzer = Callable[["Article"], "Analysis"]


@dataclass
class WorkbenchConfig:
    """Settings of the app.

    Attributes
    ----------
    analyst
        Name recorded with every change; ``$WORKBENCH_ANALYST`` or the OS user by default.
    store_path
        The findings store file; ``None`` uses ``$WORKBENCH_DB`` or the user data
        folder; ``":memory:"`` keeps changes in memory only (nothing saved).
    tiles
        Show OpenStreetMap tiles (needs a network). The offline country outlines
        and the markers show either way.
    ui_language
        Language of the interface (``"en"``; more to come).
    nlp, gazetteer
        Pipeline and gazetteer for :func:`workbench.analyze` (the defaults otherwise).
    analyzer
        Replaces :func:`workbench.analyze` entirely (tests, other pipelines).
    """

    analyst: str | None = None
    store_path: str | os.PathLike[str] | None = None
    tiles: bool = True
    ui_language: str = "en"
    nlp: Language | None = field(default=None, repr=False)
    gazetteer: Gazetteer | None = field(default=None, repr=False)
    analyzer: Analyzer | None = field(default=None, repr=False)


class _ClassOrWidgetOpen:
    """``Workbench.open(source)`` on the class; the widget's own ``open()`` on instances."""

    def __get__(self, obj: Workbench | None, objtype: type[Workbench]) -> Callable[..., Any]:
        if obj is None:
            return objtype.open_article
        return functools.partial(widgets.VBox.open, obj)


class Workbench(widgets.VBox):
    """The analyst workbench app.

    Parameters
    ----------
    config
        Settings (see :class:`WorkbenchConfig`); defaults when ``None``.
    backend
        Where changes go; by default the findings store at ``config.store_path``,
        opened on the first article.

    Examples
    --------
    >>> app = Workbench.from_config(store_path="findings.sqlite", tiles=False)  # doctest: +SKIP
    >>> app.load("sample:kursk_marino")  # doctest: +SKIP
    """

    def __init__(self, config: WorkbenchConfig | None = None, *,
                 backend: Backend | None = None) -> None:
        self.config = config or WorkbenchConfig()
        self._backend = backend
        self.controller = Controller(backend or MemoryBackend(),
                                     analyst=self.config.analyst or default_analyst())
        self.analysis: Analysis | None = None
        self.last_message: tuple[str, str] = ("", "")
        self._store: Any = None

        self.title = widgets.HTML("<h3 style='margin:.2em 0'>Arabic OSINT workbench</h3>")
        self.status = widgets.HTML()
        self.save_button = widgets.Button(description="Save", icon="save", button_style="primary",
                                          tooltip="Every change is saved at once; Save also "
                                                  "stores the edits in the finding form")
        self.reload_button = widgets.Button(description="Reload", icon="refresh",
                                            tooltip="Re-read this article from the store")
        self.message = widgets.HTML()
        self.loader = LoadPanel()
        self.load_box = widgets.Accordion(children=[self.loader], selected_index=0)
        self.load_box.set_title(0, "Open an article · فتح مقال")
        self.article_view = ArticleView()
        self.map_view = MapView(tiles=self.config.tiles)
        self.table = EntityTable()
        self.corrections = CorrectionsPanel()
        self.findings = FindingsPanel()
        self.tabs = widgets.Tab(children=[self.table, self.corrections, self.findings])
        for i, name in enumerate(("Entities", "Correct", "Findings")):
            self.tabs.set_title(i, name)

        c = self.controller
        c.on_state(self._on_state)
        c.on_selection(self._on_selection)
        c.on_message(self._show_message)
        self.loader.on_request(self._on_load_request)
        self.article_view.on_pick(self._guard(c.select_entity))
        self.table.on_pick(self._guard(c.select_entity))
        self.map_view.on_pick(self._guard(c.select_place))
        self.map_view.on_pin(self._guard(self._on_map_pin))
        self.corrections.on_action(self._guard(self._on_correction))
        self.findings.on_action(self._guard(self._on_finding))
        self.findings.note.observe(lambda _: self._show_status(), names="value")
        self.save_button.on_click(lambda _: self.save())
        self.reload_button.on_click(lambda _: self.reload())

        main = widgets.HBox(
            [widgets.Box([self.article_view], layout=widgets.Layout(width="50%", min_width="340px")),
             widgets.Box([self.map_view], layout=widgets.Layout(width="50%", min_width="340px"))],
            layout=widgets.Layout(width="100%", flex_flow="row wrap"),
        )
        header = widgets.HBox([self.title, self.status, self.save_button, self.reload_button],
                              layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        super().__init__([header, self.message, self.load_box, main, self.tabs],
                         layout=widgets.Layout(width="100%"))
        self.add_class("wb-app")
        self._show_status()

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_config(cls, *, analyst: str | None = None,
                    store_path: str | os.PathLike[str] | None = None, tiles: bool = True,
                    ui_language: str = "en", nlp: Language | None = None,
                    gazetteer: Gazetteer | None = None,
                    analyzer: Analyzer | None = None) -> Workbench:
        """An app with these settings (see :class:`WorkbenchConfig`)."""
        return cls(WorkbenchConfig(analyst=analyst, store_path=store_path, tiles=tiles,
                                   ui_language=ui_language, nlp=nlp, gazetteer=gazetteer,
                                   analyzer=analyzer))

    @classmethod
    def open_article(cls, source: Analysis | Article | str | os.PathLike[str],
                     **settings: Any) -> Workbench:
        """An app showing ``source`` (an analysis, an article, a path, URL, text or
        ``"sample:NAME"``); ``settings`` as in :meth:`from_config`.

        Also reachable as ``Workbench.open(source, **settings)``.
        """
        app = cls.from_config(**settings)
        app.load(source)
        return app

    # ``Widget.open()`` opens the comm and is called on instances by ipywidgets;
    # on the class, ``Workbench.open(source)`` is the friendlier name of open_article.
    open = _ClassOrWidgetOpen()  # type: ignore[assignment]

    # -- loading --------------------------------------------------------------------------
    def load(self, source: Analysis | Article | str | os.PathLike[str]) -> bool:
        """Analyse and show an article, restoring its saved corrections and findings.

        Returns
        -------
        bool
            ``False`` when it could not be loaded; the reason is shown in the app and
            the article already open (and everything saved) stays as it was.
        """
        from workbench.analysis import Analysis
        from workbench.articles import load_article
        from workbench.articles.model import Article

        try:
            if isinstance(source, Analysis):
                analysis = source
            else:
                article = source if isinstance(source, Article) else load_article(source)
                analysis = self._analyze(article)
            return self._open_analysis(analysis)
        except WorkbenchError as err:
            self._show_message("error", f"Could not open the article: {err}")
            return False

    def _analyze(self, article: Article) -> Analysis:
        if self.config.analyzer is not None:
            return self.config.analyzer(article)
        from workbench.analysis import analyze

        return analyze(article, nlp=self.config.nlp, gazetteer=self.config.gazetteer)

    def _open_analysis(self, analysis: Analysis) -> bool:
        self._ensure_backend()
        self.controller.open(analysis)
        self.analysis = analysis
        self.corrections.set_tokens(self.controller.tokens)
        self.findings.load(None)
        self.load_box.selected_index = None
        snap = self.state
        assert snap is not None
        n_f = len(snap.findings)
        restored = f" · restored revision {snap.revision}, {n_f} finding(s)" if snap.revision else ""
        self._show_message("success", f"Opened {snap.title or snap.source}{restored}.")
        self.loader.show_message("")
        return True

    def _ensure_backend(self) -> None:
        if self._backend is not None:
            return
        path = self.config.store_path
        if path is not None and os.fspath(path) == MEMORY:
            self._backend = self.controller.backend
            return
        from workbench.annotations.store import FindingsStore

        try:
            store = FindingsStore(path, analyst=self.controller.analyst).open()
        except WorkbenchError as err:
            self._backend = self.controller.backend  # memory: the app still works
            self._show_message("error", f"The findings store could not be opened, so changes "
                                        f"are NOT saved: {err}")
            return
        self._store = store
        self._backend = self.controller.backend = StoreBackend(store)

    def _on_load_request(self, kind: str, payload: Any) -> None:
        try:
            article = article_from_request(kind, payload)
            self.loader.show_message(f"Analysing {article.title or article.source}…", "info")
            ok = self._open_analysis(self._analyze(article))
        except WorkbenchError as err:
            ok = False
            self.loader.show_message(str(err))
            self._show_message("error", f"Could not open the article: {err}")
        except Exception as err:  # a widget callback must never take the app down
            ok = False
            self.loader.show_message(f"Unexpected error: {err!r}")
            self._show_message("error", f"Unexpected error while opening: {err!r}")
        if not ok:
            self.load_box.selected_index = 0

    # -- state ----------------------------------------------------------------------------
    @property
    def state(self) -> Snapshot | None:
        """What the app shows: the open article after corrections, with its findings."""
        return self.controller.snapshot

    @property
    def store(self) -> Any:
        """The open :class:`~workbench.annotations.store.FindingsStore` (``None`` in memory)."""
        return self._store

    @property
    def article_state(self) -> Any:
        """The store's :class:`~workbench.annotations.model.ArticleState` of the open article."""
        snap = self.state
        return None if snap is None else self.controller.backend.reload(snap.article_id)

    def find_entity(self, text: str, label: str | None = None) -> EntityItem:
        """The first live entity whose text is ``text`` (and label ``label``)."""
        for e in self.state.live_entities if self.state else ():
            if e.text == text and (label is None or e.label == label):
                return e
        raise KeyError(f"no entity {text!r}" + (f" with label {label}" if label else ""))

    def find_place(self, text: str) -> PlaceItem:
        """The first place mention whose text is ``text``."""
        for p in self.state.live_places if self.state else ():
            if p.text == text:
                return p
        raise KeyError(f"no place mention {text!r}")

    # -- actions (the same the widgets trigger) ------------------------------------------
    def select_entity(self, entity_id: str | None) -> None:
        """Select an entity everywhere (text, table, map, correction and finding panels)."""
        self.controller.select_entity(entity_id)

    def select_place(self, place_id: str | None) -> None:
        """Select a place everywhere."""
        self.controller.select_place(place_id)

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` (e.g. to attach a finding to it)."""
        self.controller.select("span", None, start=start, end=end)

    def set_label(self, entity_id: str, label: str) -> bool:
        """Change an entity's label (saved at once)."""
        return self.controller.set_label(entity_id, label)

    def delete_entity(self, entity_id: str) -> bool:
        """Delete an entity (saved at once; it can be restored)."""
        return self.controller.delete_entity(entity_id)

    def restore_entity(self, entity_id: str) -> bool:
        """Restore a deleted entity."""
        return self.controller.restore_entity(entity_id)

    def add_entity(self, start: int, end: int, label: str) -> str | None:
        """Add an entity over ``text[start:end]``; returns its id."""
        return self.controller.add_entity(start, end, label)

    def add_entity_from_words(self, first: int, last: int, label: str) -> str | None:
        """Add an entity spanning words ``first``..``last`` of the article; returns its id."""
        return self.controller.add_entity_from_tokens(first, last, label)

    def choose_candidate(self, place_id: str, index: int) -> bool:
        """Resolve a place to its candidate number ``index``."""
        return self.controller.choose_candidate(place_id, index)

    def confirm_place(self, place_id: str) -> bool:
        """Confirm a place's resolution."""
        return self.controller.confirm_place(place_id)

    def pin_place(self, place_id: str, latitude: float, longitude: float, name: str = "") -> bool:
        """Put a place at ``(latitude, longitude)`` by hand and name it."""
        return self.controller.pin_place(place_id, latitude, longitude, name)

    def add_finding(self, note: str, *, tags: Any = (), confidence: str = "probable",
                    status: str = "open", entity: str | None = None, place: str | None = None,
                    span: tuple[int, int] | None = None) -> str | None:
        """Attach a finding to an entity, a place, a span, or else the current selection.

        Returns
        -------
        str or None
            The finding's id; ``None`` if it could not be added (see the message).
        """
        target = None
        if entity is not None:
            target = Selection("entity", entity)
        elif place is not None:
            target = Selection("place", place)
        elif span is not None:
            target = Selection("span", None, span[0], span[1])
        return self.controller.add_finding(note=note, tags=tags, confidence=confidence,
                                           status=status, target=target)

    def update_finding(self, finding_id: str, **fields: Any) -> bool:
        """Change a finding's ``note``, ``tags``, ``confidence`` or ``status``."""
        return self.controller.update_finding(finding_id, **fields)

    def delete_finding(self, finding_id: str) -> bool:
        """Delete a finding."""
        return self.controller.delete_finding(finding_id)

    def save(self) -> bool:
        """Save: store pending edits of the finding form (changes are autosaved anyway).

        Returns
        -------
        bool
            Whether everything shown is saved.
        """
        if self.state is None:
            self._show_message("info", "Nothing to save: no article is open.")
            return True
        ok = True
        if self.findings.dirty and self.findings.existing.value:
            ok = self.controller.update_finding(self.findings.existing.value, **self.findings.form())
        ok = ok and not self.controller.stale
        if ok:
            snap = self.state
            self._show_message("success", f"Saved · revision {snap.revision} · "
                                          f"{escape_html(self.controller.backend.location)}")
        self._show_status()
        return ok

    def reload(self) -> bool:
        """Re-read the open article from the store (after another session changed it)."""
        try:
            return self.controller.reload() is not None
        except WorkbenchError as err:
            self._show_message("error", f"Could not reload: {err}")
            return False

    def export(self, path: str | os.PathLike[str]) -> Path:
        """Export the open article's entities, places and findings.

        The format follows ``path``: ``.geojson`` (GeoJSON), ``.jsonld``/``.json``
        (W3C Web Annotation), ``.gpkg`` (GeoPackage), else a folder of CSV files.
        """
        from workbench.annotations import export as ex

        state = self.article_state
        if state is None:
            raise WorkbenchError("Open an article before exporting.", code="W400")
        out = Path(path)
        suffix = out.suffix.lower()
        if suffix == ".geojson":
            return ex.write_json(ex.to_geojson(state), out)
        if suffix in (".jsonld", ".json"):
            return ex.write_json(ex.to_web_annotation(state), out)
        if suffix == ".gpkg":
            return ex.write_geopackage(state, out)
        ex.write_csv(state, out)
        return out

    # -- wiring ---------------------------------------------------------------------------
    def _guard(self, fn: Callable[..., Any]) -> Callable[..., None]:
        def run(*args: Any, **kwargs: Any) -> None:
            try:
                fn(*args, **kwargs)
            except WorkbenchError as err:
                self._show_message("error", str(err))
            except Exception as err:  # a widget callback must never take the app down
                self._show_message("error", f"Unexpected error: {err!r}")

        return run

    def _on_map_pin(self, lat: float, lon: float, name: str) -> None:
        place = self.controller.selected_place
        if place is None:
            self._show_message("error", "Select the place to pin first (from the list beside the "
                                        "map, the text or the table), then click the map.")
            return
        self.controller.pin_place(place.id, lat, lon, name)

    def _on_correction(self, action: str, data: dict[str, Any]) -> None:
        c = self.controller
        if action == "set_label":
            c.set_label(data["entity"], data["label"])
        elif action == "delete":
            c.delete_entity(data["entity"])
        elif action == "restore":
            c.restore_entity(data["entity"])
        elif action == "add":
            c.add_entity_from_tokens(int(data["first"]), int(data["last"]), data["label"])
        elif action == "span":
            toks = c.tokens
            first, last = int(data["first"]), int(data["last"])
            if 0 <= first <= last < len(toks):
                c.select("span", None, start=toks[first].start, end=toks[last].end)
        elif action == "choose":
            c.choose_candidate(data["place"], int(data["index"]))
        elif action == "confirm":
            c.confirm_place(data["place"])
        elif action == "unresolve":
            c.unresolve_place(data["place"])
        elif action == "pin":
            c.pin_place(data["place"], float(data["latitude"]), float(data["longitude"]),
                        data.get("name", ""))

    def _on_finding(self, action: str, data: dict[str, Any]) -> None:
        c = self.controller
        if action == "add":
            fid = c.add_finding(**data)
            if fid and c.snapshot is not None:
                self.findings.load(next((f for f in c.snapshot.findings if f.id == fid), None))
        elif action == "update" and data.get("id"):
            fid = data.pop("id")
            c.update_finding(fid, **data)
        elif action == "delete" and data.get("id"):
            if c.delete_finding(data["id"]):
                self.findings.load(None)
        elif action == "pick":
            fid = data.get("id")
            snap = c.snapshot
            f = next((f for f in snap.findings if f.id == fid), None) if snap else None
            self.findings.load(f)
            if f is not None:
                c.select("finding", f.id)
        self._show_status()

    def _on_state(self) -> None:
        self._show_status()

    def _on_selection(self) -> None:
        c = self.controller
        snap = c.snapshot
        ent_ids = c.highlighted_entity_ids()
        sel = c.selection
        entity, place = c.selected_entity, c.selected_place
        span = None
        if sel is not None and sel.kind == "span":
            span = (sel.start, sel.end)
        elif sel is not None and sel.kind == "finding" and snap is not None:
            f = next((f for f in snap.findings if f.id == sel.id), None)
            span = (f.start, f.end) if f else None
        self.article_view.show(snap, ent_ids, selected=entity.id if entity else None, span=span)
        self.table.show(snap, ent_ids)
        self.map_view.show(snap, c.highlighted_place_ids(), place)
        self.corrections.show(snap, entity, place)
        self.findings.show(snap, self._target_text(sel, entity, place))

    def _target_text(self, sel: Selection | None, entity: EntityItem | None,
                     place: PlaceItem | None) -> str:
        if sel is None:
            return "<i>nothing selected: pick an entity, a place or a span</i>"
        if sel.kind == "place" and place is not None:
            return f"place <b>{escape_html(place.text)}</b> ({escape_html(place.name or '—')})"
        if sel.kind == "entity" and entity is not None:
            return f"entity <b>{escape_html(entity.text)}</b> · {escape_html(entity.label)}"
        if sel.kind == "span" and self.state is not None:
            return f"text <b>{escape_html(self.state.text[sel.start:sel.end])}</b>"
        return "<i>the finding being edited</i>"

    def _show_message(self, level: str, text: str) -> None:
        self.last_message = (level, text)
        color = {"error": "#b91c1c", "success": "#15803d"}.get(level, "#334155")
        icon = {"error": "⚠", "success": "✓"}.get(level, "ℹ")
        self.message.value = (
            f'<div class="wb-message wb-{level}" dir="auto" style="color:{color}">'
            f"{icon} {escape_html(text)}</div>" if text else ""
        )
        self._show_status()

    def _show_status(self) -> None:
        snap, c = self.state, self.controller
        if snap is None:
            text, color = "no article open", "#64748b"
        elif c.stale:
            text, color = "⚠ not saved: another session changed this article — Reload", "#b91c1c"
        elif self.findings.dirty:
            text, color = "● unsaved edits in the finding form — press Save", "#b45309"
        elif isinstance(c.backend, MemoryBackend):
            text, color = f"changes kept in memory only (revision {snap.revision})", "#b45309"
        else:
            at = snap.saved_at or datetime.now().strftime("%H:%M:%S")
            text, color = f"✓ saved · revision {snap.revision} · {at}", "#15803d"
        self.status.value = (
            f'<span class="wb-status" style="color:{color};margin:0 1em">{escape_html(text)}</span>'
        )

    def close(self) -> None:
        """Close the widgets and the findings store (everything is already saved)."""
        if self._store is not None:
            self._store.close()
        super().close()

    # -- static fallback ----------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        snap = self.state
        if bundle is not None and snap is not None:
            # What nbconvert, GitHub and other viewers without a widget manager show.
            html, _ = render_article_html(snap, scope="wb-static")
            bundle["text/html"] = html + findings_table_html(snap.findings)
        return bundle
