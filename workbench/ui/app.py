"""The Workbench: one app in a notebook cell that wires the widgets together.

Open an article (sample, upload, paste, URL), read it right-to-left with the
entities highlighted, check every place on the map, correct what the machine
got wrong, write findings; every change is saved at once in the findings store
and comes back when the same article is opened again.

>>> from workbench.ui import Workbench
>>> app = Workbench.open("sample:kursk_marino")   # doctest: +SKIP
>>> app                                            # doctest: +SKIP

The interface speaks English or Arabic (``ui_language="ar"``, or the toggle in
the header); in Arabic the whole app is laid out right-to-left. The History
tab lists every change of the article and reverts any of them.

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
from workbench.ui.history import HistoryItem, HistoryPanel, describe_history
from workbench.ui.i18n import LANGUAGE_NAMES, LANGUAGES, check_language, direction, t
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
HISTORY_TAB = 3

# Arabic: the whole app right-to-left (flex rows run from the right, labels hug their
# inputs); the map keeps left-to-right internals, which Leaflet's positioning expects.
_APP_CSS = """<style>
.wb-app.wb-rtl{direction:rtl}
.wb-app.wb-rtl .widget-inline-hbox .widget-label{text-align:left}
.wb-app.wb-rtl .leaflet-container{direction:ltr}
.wb-app .wb-history-entry{padding:.25em 0}
.wb-app .wb-gazetteer-hint code{direction:ltr;unicode-bidi:embed;background:#f1f5f9;padding:0 .3em}
</style>"""


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
        Language of the interface: ``"en"`` or ``"ar"`` (laid out right-to-left);
        switchable at run time with the toggle in the header.
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
        lang = self.config.ui_language = check_language(self.config.ui_language)
        self._backend = backend
        self.controller = Controller(backend or MemoryBackend(),
                                     analyst=self.config.analyst or default_analyst(), lang=lang)
        self.analysis: Analysis | None = None
        self.last_message: tuple[str, str] = ("", "")
        self._message_key: tuple[str, str, dict[str, Any]] | None = None
        self._store: Any = None

        self.style = widgets.HTML(_APP_CSS, layout=widgets.Layout(display="none"))
        self.title = widgets.HTML()
        self.language = widgets.ToggleButtons(
            options=[(LANGUAGE_NAMES[code], code) for code in LANGUAGES], value=lang,
            style={"button_width": "auto"},
        )
        self.language.add_class("wb-language")
        self.status = widgets.HTML()
        self.save_button = widgets.Button(icon="save", button_style="primary")
        self.reload_button = widgets.Button(icon="refresh")
        self.message = widgets.HTML()
        self.loader = LoadPanel(lang)
        self.load_box = widgets.Accordion(children=[self.loader], selected_index=0)
        self.article_view = ArticleView(lang)
        self.map_view = MapView(tiles=self.config.tiles, lang=lang)
        self.table = EntityTable(lang)
        self.corrections = CorrectionsPanel(lang)
        self.findings = FindingsPanel(lang)
        self.history_panel = HistoryPanel(lang)
        self.tabs = widgets.Tab(children=[self.table, self.corrections, self.findings,
                                          self.history_panel])

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
        self.history_panel.on_revert(self._guard(self.revert))
        self.tabs.observe(lambda _: self._refresh_history(), names="selected_index")
        self.language.observe(lambda change: self.set_language(str(change["new"])), names="value")
        self.save_button.on_click(lambda _: self.save())
        self.reload_button.on_click(lambda _: self.reload())

        main = widgets.HBox(
            [widgets.Box([self.article_view], layout=widgets.Layout(width="50%", min_width="340px")),
             widgets.Box([self.map_view], layout=widgets.Layout(width="50%", min_width="340px"))],
            layout=widgets.Layout(width="100%", flex_flow="row wrap"),
        )
        header = widgets.HBox([self.title, self.status, self.save_button, self.reload_button,
                               self.language],
                              layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        super().__init__([self.style, header, self.message, self.load_box, main, self.tabs],
                         layout=widgets.Layout(width="100%"))
        self.add_class("wb-app")
        self._history_stale = True
        self._label(lang)

    # -- interface language ------------------------------------------------------------
    @property
    def lang(self) -> str:
        """The interface language (``"en"`` or ``"ar"``)."""
        return self.config.ui_language

    @property
    def direction(self) -> str:
        """``"rtl"`` when the interface is Arabic, else ``"ltr"``."""
        return direction(self.lang)

    def set_language(self, lang: str) -> None:
        """Switch every label, button and message to ``lang`` (what the header toggle does).

        Raises
        ------
        WorkbenchError
            (W501) A language without a catalogue.
        """
        lang = check_language(lang)
        if lang == self.lang and self.language.value == lang:
            return
        self.config.ui_language = self.controller.lang = lang
        if self.language.value != lang:
            self.language.value = lang  # its observer comes back here and returns at once
        for view in (self.loader, self.article_view, self.map_view, self.table, self.corrections,
                     self.findings, self.history_panel):
            view.set_language(lang)
        self._label(lang)
        if self._message_key is not None:
            level, key, values = self._message_key
            self._say(level, key, **values)
        self._history_stale = True
        self._refresh_history()
        if self.state is not None:
            self._on_selection()

    def _label(self, lang: str) -> None:
        """The app's own labels, and its layout direction."""
        self.title.value = f"<h3 style='margin:.2em 0'>{escape_html(t('app.title', lang))}</h3>"
        self.language.tooltip = t("app.language_tooltip", lang)
        self.save_button.description = t("app.save", lang)
        self.save_button.tooltip = t("app.save_tooltip", lang)
        self.reload_button.description = t("app.reload", lang)
        self.reload_button.tooltip = t("app.reload_tooltip", lang)
        self.load_box.set_title(0, t("app.load_title", lang))
        for i, key in enumerate(("app.tab_entities", "app.tab_correct", "app.tab_findings",
                                 "app.tab_history")):
            self.tabs.set_title(i, t(key, lang))
        if direction(lang) == "rtl":
            self.add_class("wb-rtl")
        else:
            self.remove_class("wb-rtl")
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

    @classmethod
    def exercise(cls, file: str | os.PathLike[str], student: str | None = None,
                 **settings: Any) -> Any:
        """Open a teaching exercise for a student (the exercise mode of the workbench).

        A thin entry point: it delegates to
        ``workbench.exercises.app.StudentApp.open(file, student=student, **settings)``.

        Raises
        ------
        WorkbenchError
            (W502) The exercise mode cannot be imported.
        """
        try:
            from workbench.exercises.app import StudentApp
        except ImportError as err:
            raise WorkbenchError(
                f"The exercise mode is not available ({err}); it needs the workbench.exercises "
                "package: update the workbench (pip install -e .) and restart the kernel.",
                code="W502",
            ) from err
        return StudentApp.open(file, student=student, **settings)

    # ``Widget.open()`` opens the comm and is called on instances by ipywidgets;
    # on the class, ``Workbench.open(source)`` is the friendlier name of open_article.
    open = _ClassOrWidgetOpen()

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
            self._say("error", "msg.open_failed", error=err)
            return False

    def _analyze(self, article: Article) -> Analysis:
        if self.config.analyzer is not None:
            return self.config.analyzer(article)
        from workbench.analysis import analyze

        # places pinned by analysts resolve the same names in this article too
        store = self.store
        pins = store if hasattr(store, "lookup_analyst_place") else None
        return analyze(article, nlp=self.config.nlp, gazetteer=self.config.gazetteer, analyst_places=pins)

    def _open_analysis(self, analysis: Analysis) -> bool:
        self._ensure_backend()
        self.controller.open(analysis)
        self.analysis = analysis
        self.corrections.set_tokens(self.controller.tokens)
        self.findings.load(None)
        self.load_box.selected_index = None
        self._history_stale = True
        self._refresh_history()
        snap = self.state
        assert snap is not None
        title = snap.title or snap.source
        if snap.revision:
            self._say("success", "msg.opened_restored", title=title, revision=snap.revision,
                      n=len(snap.findings))
        else:
            self._say("success", "msg.opened", title=title)
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
            self._say("error", "msg.store_failed", error=err)
            return
        self._store = store
        self._backend = self.controller.backend = StoreBackend(store)

    def _on_load_request(self, kind: str, payload: Any) -> None:
        try:
            article = article_from_request(kind, payload, self.lang)
            self.loader.show_message(t("msg.analysing", self.lang,
                                       title=article.title or article.source), "info")
            ok = self._open_analysis(self._analyze(article))
        except WorkbenchError as err:
            ok = False
            self.loader.show_message(str(err))
            self._say("error", "msg.open_failed", error=err)
        except Exception as err:  # a widget callback must never take the app down
            ok = False
            self.loader.show_message(t("msg.unexpected", self.lang, error=repr(err)))
            self._say("error", "msg.unexpected_open", error=repr(err))
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
            self._say("info", "msg.nothing_to_save")
            return True
        ok = True
        if self.findings.dirty and self.findings.existing.value:
            ok = self.controller.update_finding(self.findings.existing.value, **self.findings.form())
        ok = ok and not self.controller.stale
        if ok:
            snap = self.state
            self._say("success", "msg.saved", revision=snap.revision,
                      location=self.controller.backend.location)
        self._show_status()
        return ok

    def reload(self) -> bool:
        """Re-read the open article from the store (after another session changed it)."""
        try:
            return self.controller.reload() is not None
        except WorkbenchError as err:
            self._say("error", "msg.reload_failed", error=err)
            return False

    # -- history ----------------------------------------------------------------------------
    def history(self) -> list[HistoryItem]:
        """The open article's changes, newest first, described in the interface language."""
        return describe_history(self.controller.history(), self.state, self.lang)

    def revert(self, history_id: int) -> bool:
        """Undo one change of the history (what its *Revert* button does).

        The change is undone by a new change, so the history only grows. When
        another session changed the article first, nothing is applied and the app
        asks to reload.

        Returns
        -------
        bool
            Whether the change was reverted (else see the message).
        """
        item = next((h for h in self.history_panel.items if h.id == history_id), None)
        if item is None:
            item = next((h for h in self.history() if h.id == history_id), None)
        ok = self.controller.revert(history_id)
        if ok:
            summary = item.summary if item else f"#{history_id}"
            self._say("success", "msg.reverted", id=history_id, summary=summary)
        return ok

    def _refresh_history(self) -> None:
        # Reading the history costs a query: only while the History tab is open.
        if self.tabs.selected_index != HISTORY_TAB or not self._history_stale:
            return
        self._history_stale = False
        self.history_panel.show(self.history())

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
                self._say("error", "msg.unexpected", error=repr(err))

        return run

    def _on_map_pin(self, lat: float, lon: float, name: str) -> None:
        place = self.controller.selected_place
        if place is None:
            self._say("error", "msg.select_place_first")
            return
        self.controller.pin_place(place.id, lat, lon, name)

    def _on_correction(self, action: str, data: dict[str, Any]) -> None:
        c = self.controller
        if action == "span":
            toks = c.tokens
            first, last = int(data["first"]), int(data["last"])
            if 0 <= first <= last < len(toks):
                c.select("span", None, start=toks[first].start, end=toks[last].end)
        else:
            c.apply_correction(action, data)

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
        self._history_stale = True
        self._refresh_history()
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
        lang = self.lang
        if sel is None:
            return f"<i>{escape_html(t('target.none', lang))}</i>"
        if sel.kind == "place" and place is not None:
            return t("target.place", lang, text=escape_html(place.text),
                     name=escape_html(place.name or "—"))
        if sel.kind == "entity" and entity is not None:
            return t("target.entity", lang, text=escape_html(entity.text),
                     label=escape_html(entity.label))
        if sel.kind == "span" and self.state is not None:
            return t("target.span", lang, text=escape_html(self.state.text[sel.start:sel.end]))
        return f"<i>{escape_html(t('target.finding', lang))}</i>"

    def _say(self, level: str, key: str, **values: Any) -> None:
        """Show the interface string ``key``; it follows a later language switch."""
        self._show_message(level, t(key, self.lang, **values))
        self._message_key = (level, key, values)

    def _show_message(self, level: str, text: str) -> None:
        self._message_key = None
        self.last_message = (level, text)
        color = {"error": "#b91c1c", "success": "#15803d"}.get(level, "#334155")
        icon = {"error": "⚠", "success": "✓"}.get(level, "ℹ")
        self.message.value = (
            f'<div class="wb-message wb-{level}" dir="auto" style="color:{color}">'
            f"{icon} {escape_html(text)}</div>" if text else ""
        )
        self._show_status()

    def _show_status(self) -> None:
        snap, c, lang = self.state, self.controller, self.lang
        if snap is None:
            text, color = t("status.none", lang), "#64748b"
        elif c.stale:
            text, color = t("status.stale", lang), "#b91c1c"
        elif self.findings.dirty:
            text, color = t("status.dirty", lang), "#b45309"
        elif isinstance(c.backend, MemoryBackend):
            text, color = t("status.memory", lang, revision=snap.revision), "#b45309"
        else:
            at = snap.saved_at or datetime.now().strftime("%H:%M:%S")
            text, color = t("status.saved", lang, revision=snap.revision, at=at), "#15803d"
        self.status.value = (
            f'<span class="wb-status" dir="auto" style="color:{color};margin:0 1em">'
            f"{escape_html(text)}</span>"
        )

    def close(self) -> None:
        """Close the widgets and the findings store (everything is already saved)."""
        store = getattr(self, "_store", None)  # absent when __init__ failed early
        if store is not None:
            store.close()
        super().close()

    # -- static fallback ----------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        snap = self.state
        if bundle is not None and snap is not None:
            # What nbconvert, GitHub and other viewers without a widget manager show.
            html, _ = render_article_html(snap, scope="wb-static", lang=self.lang)
            bundle["text/html"] = html + findings_table_html(snap.findings, self.lang)
        return bundle
