"""The student's app: annotate the exercise article, check, submit.

It composes the Workbench's own parts: the
:class:`~workbench.ui.controller.Controller` (state, selection, changes), the
:class:`~workbench.ui.article_view.ArticleView`, the
:class:`~workbench.ui.entity_table.EntityTable`, the
:class:`~workbench.ui.corrections.CorrectionsPanel` (add, relabel, delete
entities; choose a candidate, pin a place) and the
:class:`~workbench.ui.map_view.MapView`, over a findings store kept for this
student and this exercise (:mod:`workbench.exercises.session`). Every change is
saved at once; reopening the exercise restores the work.

>>> from workbench.exercises import StudentApp
>>> app = StudentApp.open("exercise:kursk_marino", student="Sara")  # doctest: +SKIP
>>> app                                                             # doctest: +SKIP
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from workbench.annotations import model as m
from workbench.annotations.store import FindingsStore
from workbench.errors import WorkbenchError
from workbench.exercises.i18n import LANGUAGES, direction, tr
from workbench.exercises.io import load_exercise, save_submission
from workbench.exercises.model import Exercise, Submission, localized
from workbench.exercises.scoring import Result, score_submission
from workbench.exercises.session import candidates_for, start_state, student_store_path
from workbench.report.escape import escape_html
from workbench.ui.article_view import ArticleView
from workbench.ui.backend import StoreBackend
from workbench.ui.controller import Controller, EntityItem, PlaceItem, Snapshot
from workbench.ui.corrections import CorrectionsPanel
from workbench.ui.entity_table import EntityTable
from workbench.ui.map_view import MapView

__all__ = ["ExerciseBackend", "StudentApp"]

_RTL_CSS = (
    "<style>.wb-exercise.wb-rtl{direction:rtl}.wb-exercise.wb-rtl .widget-html-content"
    "{direction:rtl;text-align:right}.wb-exercise .leaflet-container{direction:ltr}</style>"
)


class _ClassOrWidgetOpen:
    """``StudentApp.open(file, student=...)`` on the class; the widget's own ``open()`` on instances."""

    def __get__(self, obj: StudentApp | None, objtype: type[StudentApp]) -> Callable[..., Any]:
        if obj is None:
            return objtype.open_exercise
        return functools.partial(widgets.VBox.open, obj)


class ExerciseBackend(StoreBackend):
    """The findings-store backend, tuned for a student.

    Opening never borrows places pinned elsewhere (``use_analyst_places=False``),
    and a LOC entity the student marks gets the exercise's gazetteer candidates
    for its text, so they can choose among them.
    """

    def __init__(self, store: FindingsStore, exercise: Exercise) -> None:
        super().__init__(store)
        self.exercise = exercise

    def open(self, analysis: Any) -> m.ArticleState:
        """The saved work, or ``analysis`` (the start state) on first opening."""
        state: m.ArticleState = self.store.open_article(analysis, use_analyst_places=False)
        return state

    def apply(self, article_id: str, change: m.Change, *, expected_revision: int,
              analyst: str) -> m.ArticleState:
        """Apply and save ``change``; then give new place mentions their candidates."""
        state = super().apply(article_id, change, expected_revision=expected_revision, analyst=analyst)
        shuffle = self.exercise.settings.suggestions == "hidden"
        new: dict[str, Any] = {}
        for e, p in state.active_places():
            if not p.candidates:
                cands = candidates_for(self.exercise, e.text, shuffle=shuffle)
                if cands:
                    new[e.id] = replace(p, candidates=cands).to_dict()
        if new:
            state = super().apply(article_id, m.SetRecords({"places": new}, reason="exercise candidates"),
                                  expected_revision=state.revision, analyst=analyst)
        return state


class StudentApp(widgets.VBox):
    """The exercise as a student works on it.

    Parameters
    ----------
    exercise
        The exercise.
    student
        The student's name (recorded in the submission and with every change).
    lang
        Interface language, ``"en"`` or ``"ar"`` (right-to-left); switchable in the app.
    tiles
        Show OpenStreetMap tiles (needs a network); country outlines show either way.
    store_dir
        Where students' work is saved (default: :func:`~workbench.exercises.session.exercises_store_dir`).
    submission_path
        Where :meth:`submit` writes; default ``submission.json`` in the current folder.

    Notes
    -----
    The constructor builds the widgets only; :meth:`start` opens (or restores)
    the student's work. :meth:`open` does both.
    """

    def __init__(self, exercise: Exercise, student: str, *, lang: str = "en", tiles: bool = True,
                 store_dir: str | os.PathLike[str] | None = None,
                 submission_path: str | os.PathLike[str] | None = None) -> None:
        if not str(student).strip():
            raise WorkbenchError("Give the student's name: StudentApp.open(file, student=\"...\").",
                                 code="W700")
        self.exercise = exercise
        self.student = " ".join(str(student).split())
        self.lang = lang if lang in LANGUAGES else "en"
        self.store_path = student_store_path(exercise.id, self.student, store_dir)
        self.submission_path = Path(submission_path) if submission_path else Path("submission.json")
        self.result: Result | None = None
        self.last_message: tuple[str, str] = ("", "")
        self.hints_shown = 0
        self._store: FindingsStore | None = None
        self.controller: Controller | None = None

        self.title = widgets.HTML()
        self.who = widgets.HTML()
        self.language = widgets.ToggleButtons(options=[("English", "en"), ("العربية", "ar")],
                                              value=self.lang, style={"button_width": "auto"})
        self.instructions = widgets.HTML()
        self.hint_button = widgets.Button(icon="lightbulb-o")
        self.hints = widgets.HTML()
        self.message = widgets.HTML()
        self.article_view = ArticleView(self.lang)
        self.map_view = MapView(tiles=tiles, lang=self.lang)
        self.table = EntityTable(self.lang)
        self.corrections = CorrectionsPanel(self.lang)
        self.feedback = widgets.HTML()
        self.check_button = widgets.Button(icon="check", button_style="primary")
        self.submit_button = widgets.Button(icon="upload", button_style="success")
        self.tabs = widgets.Tab(children=[self.table, self.corrections, self.feedback])

        self.language.observe(lambda ch: self.set_language(str(ch["new"])), names="value")
        self.hint_button.on_click(lambda _: self._guarded(self.show_hint))
        self.check_button.on_click(lambda _: self._guarded(self.check))
        self.submit_button.on_click(lambda _: self._guarded(self.submit))
        self.article_view.on_pick(lambda eid: self._guarded(self._c.select_entity, eid))
        self.table.on_pick(lambda eid: self._guarded(self._c.select_entity, eid))
        self.map_view.on_pick(lambda pid: self._guarded(self._c.select_place, pid))
        self.map_view.on_pin(lambda lat, lon, name: self._guarded(self._on_map_pin, lat, lon, name))
        self.corrections.on_action(lambda a, d: self._guarded(self._on_correction, a, d))

        main = widgets.HBox(
            [widgets.Box([self.article_view], layout=widgets.Layout(width="50%", min_width="340px")),
             widgets.Box([self.map_view], layout=widgets.Layout(width="50%", min_width="340px"))],
            layout=widgets.Layout(width="100%", flex_flow="row wrap"),
        )
        header = widgets.HBox([self.title, self.who, self.language],
                              layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        actions = widgets.HBox([self.check_button, self.submit_button, self.hint_button])
        super().__init__([widgets.HTML(_RTL_CSS), header, self.instructions, self.hints, actions,
                          self.message, main, self.tabs], layout=widgets.Layout(width="100%"))
        self.add_class("wb-exercise")
        self.set_language(self.lang)

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def open_exercise(cls, file: str | os.PathLike[str] | Exercise, *, student: str | None = None,
                      **settings: Any) -> StudentApp:
        """Open an exercise for a student, restoring their saved work.

        Also reachable as ``StudentApp.open(file, student=...)``.

        Parameters
        ----------
        file
            An exercise file, ``"exercise:NAME"`` for a shipped one, or an :class:`Exercise`.
        student
            The student's name.
        **settings
            ``lang`` (or the Workbench's ``ui_language``), ``tiles``, ``store_dir``,
            ``submission_path`` (see the class).
        """
        exercise = file if isinstance(file, Exercise) else load_exercise(file)
        if "ui_language" in settings:
            settings.setdefault("lang", settings.pop("ui_language"))
        app = cls(exercise, student or "", **settings)
        app.start()
        return app

    # ``Widget.open()`` opens the comm and is called on instances by ipywidgets;
    # on the class, ``StudentApp.open(file, student=...)`` is open_exercise.
    open = _ClassOrWidgetOpen()

    def start(self) -> StudentApp:
        """Open the student's saved work (or the exercise's start state); returns ``self``."""
        store = FindingsStore(self.store_path, analyst=self.student).open()
        self._store = store
        self.controller = Controller(ExerciseBackend(store, self.exercise), analyst=self.student,
                                     lang=self.lang)
        self.controller.on_state(self._redraw)
        self.controller.on_selection(self._redraw)
        self.controller.on_message(self._show_message)
        snap = self.controller.open(start_state(self.exercise))
        self.corrections.set_tokens(self.controller.tokens)
        if snap.revision:
            self._show_message("info", f"revision {snap.revision} · {self.store_path}")
        return self

    @property
    def _c(self) -> Controller:
        if self.controller is None:
            raise WorkbenchError(tr("nothing_to_check", self.lang), code="W700")
        return self.controller

    # -- state --------------------------------------------------------------------------------
    @property
    def state(self) -> Snapshot | None:
        """What the student sees (plain data), ``None`` before :meth:`start`."""
        return self.controller.snapshot if self.controller else None

    @property
    def article_state(self) -> m.ArticleState:
        """The student's saved :class:`~workbench.annotations.model.ArticleState`."""
        snap = self.state
        if snap is None or self.controller is None:
            raise WorkbenchError(tr("nothing_to_check", self.lang), code="W700")
        return self.controller.backend.reload(snap.article_id)

    def submission(self) -> Submission:
        """The student's work as a :class:`Submission` (not written anywhere)."""
        return Submission.from_state(self.article_state, self.exercise, self.student)

    def find_entity(self, text: str, label: str | None = None) -> EntityItem:
        """The first live entity with that text (and label)."""
        for e in self.state.live_entities if self.state else ():
            if e.text == text and (label is None or e.label == label):
                return e
        raise KeyError(f"no entity {text!r}")

    def find_place(self, text: str) -> PlaceItem:
        """The first live place mention with that text."""
        for p in self.state.live_places if self.state else ():
            if p.text == text:
                return p
        raise KeyError(f"no place mention {text!r}")

    # -- actions --------------------------------------------------------------------------------
    def check(self) -> Result:
        """Score the current work and show the feedback (in the Feedback tab)."""
        self.result = score_submission(self.exercise, self.submission())
        self.feedback.value = self.result.to_html(self.lang)
        self.tabs.selected_index = 2
        return self.result

    def submit(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write ``submission.json`` for the teacher to collect; returns its path."""
        out = save_submission(self.submission(), path or self.submission_path)
        self._show_message("success", tr("submitted", self.lang, path=str(out)))
        return out

    def show_hint(self) -> int:
        """Reveal the next hint; returns how many are shown."""
        if self.hints_shown < len(self.exercise.hints):
            self.hints_shown += 1
        else:
            self._show_message("info", tr("no_more_hints", self.lang))
        self._render_texts()
        return self.hints_shown

    def set_language(self, lang: str) -> None:
        """Switch the interface language (``"en"`` or ``"ar"``; Arabic is laid out RTL)."""
        self.lang = lang if lang in LANGUAGES else "en"
        if self.language.value != self.lang:
            self.language.value = self.lang
        if self.lang == "ar":
            self.add_class("wb-rtl")
        else:
            self.remove_class("wb-rtl")
        if self.controller is not None:
            self.controller.lang = self.lang
        for view in (self.article_view, self.map_view, self.table, self.corrections):
            view.set_language(self.lang)
        if self.controller is not None and self.controller.snapshot is not None:
            self._redraw()
        self.check_button.description = tr("check", self.lang)
        self.submit_button.description = tr("submit", self.lang)
        self.hint_button.description = tr("show_hint", self.lang)
        for i, key in enumerate(("tab_entities", "tab_mark", "tab_feedback")):
            self.tabs.set_title(i, tr(key, self.lang))
        self._render_texts()
        if self.result is not None:
            self.feedback.value = self.result.to_html(self.lang)

    # -- wiring ---------------------------------------------------------------------------------
    def _render_texts(self) -> None:
        d, lang, ex = direction(self.lang), self.lang, self.exercise
        self.title.value = (f'<h3 dir="{d}" style="margin:.2em 0">'
                            f"{escape_html(tr('app_title', lang, title=ex.title_in(lang)))}</h3>")
        self.who.value = (f'<span dir="{d}" style="margin:0 1em">'
                          f'{escape_html(tr("student", lang, name=self.student))}</span>')
        mode = "suggestions_shown" if ex.settings.suggestions == "shown" else "suggestions_hidden"
        self.instructions.value = (
            f'<div dir="{d}" class="wb-instructions"><b>{escape_html(tr("instructions", lang))}</b>: '
            f"{escape_html(localized(ex.instructions, lang))}<br><i>{escape_html(tr(mode, lang))}</i></div>"
        )
        items = "".join(f"<li>{escape_html(localized(h, lang))}</li>" for h in ex.hints[: self.hints_shown])
        self.hints.value = (f'<div dir="{d}" class="wb-hints"><b>{escape_html(tr("hint", lang))}</b>'
                            f"<ol>{items}</ol></div>") if items else ""
        self.hint_button.disabled = not ex.hints

    def _guarded(self, fn: Callable[..., Any], *args: Any) -> None:
        try:
            fn(*args)
        except WorkbenchError as err:
            self._show_message("error", str(err))
        except Exception as err:  # a widget callback must never take the app down
            self._show_message("error", f"Unexpected error: {err!r}")

    def _redraw(self) -> None:
        c = self._c
        snap = c.snapshot
        entity, place = c.selected_entity, c.selected_place
        ent_ids = c.highlighted_entity_ids()
        self.article_view.show(snap, ent_ids, selected=entity.id if entity else None)
        self.table.show(snap, ent_ids)
        self.map_view.show(snap, c.highlighted_place_ids(), place)
        self.corrections.show(snap, entity, place)

    def _on_map_pin(self, lat: float, lon: float, name: str) -> None:
        place = self._c.selected_place
        if place is None:
            self._show_message("error", "Select the place to pin first, then click the map.")
            return
        self._c.pin_place(place.id, lat, lon, name)

    def _on_correction(self, action: str, data: dict[str, Any]) -> None:
        self._c.apply_correction(action, data)

    def _show_message(self, level: str, text: str) -> None:
        self.last_message = (level, text)
        color = {"error": "#b91c1c", "success": "#15803d"}.get(level, "#334155")
        self.message.value = (f'<div class="wb-message wb-{level}" dir="auto" style="color:{color}">'
                              f"{escape_html(text)}</div>") if text else ""

    def close(self) -> None:
        """Close the widgets and the student's store (everything is already saved)."""
        store = getattr(self, "_store", None)  # absent when __init__ refused the arguments
        if store is not None:
            store.close()
        super().close()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None and self.result is not None:
            # What viewers without a widget manager (nbconvert, GitHub) show: the last feedback.
            bundle["text/html"] = self.result.to_html(self.lang)
        return bundle
