"""The teacher's view of a class: scores per student and per item, what is missed, where pins fell.

Pure tables (pandas) from checked submissions, and :class:`TeacherView`, a
widget with those tables and an ipyleaflet map of the students' answers against
the gold places::

    from workbench.exercises import TeacherView
    TeacherView.open("exercise:kursk_marino", "collected/")   # folders or files

Every table is also available without widgets (:func:`class_table`,
:func:`item_table`, :func:`most_missed`), e.g. for an nbgrader report.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import ipyleaflet as lf
import ipywidgets as widgets

from workbench.exercises.errors import ExerciseError
from workbench.exercises.i18n import LANGUAGES, direction, tr
from workbench.exercises.io import load_exercise, load_submissions
from workbench.exercises.model import Exercise, Submission
from workbench.exercises.scoring import Result, score_submission
from workbench.report.escape import escape_html

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TeacherView", "check_all", "class_table", "item_table", "most_missed", "table_html"]

PASS_COLOR = "#15803d"
FAIL_COLOR = "#b91c1c"
GOLD_COLOR = "#1d4ed8"


def check_all(exercise: Exercise,
              submissions: Iterable[Submission | Result]) -> tuple[list[Result], list[str]]:
    """Check every submission; one that cannot be checked is reported, not fatal.

    Returns
    -------
    tuple of (list of Result, list of str)
        The results in the order given (latest submission per student kept), and
        one message per submission skipped.
    """
    latest: dict[str, Result] = {}
    problems: list[str] = []
    for s in submissions:
        if isinstance(s, Result):
            latest[s.student] = s
            continue
        try:
            latest[s.student] = score_submission(exercise, s)
        except ExerciseError as exc:
            problems.append(str(exc))
    return list(latest.values()), problems


def _results(exercise: Exercise, items: Iterable[Submission | Result]) -> list[Result]:
    return check_all(exercise, items)[0]


def class_table(exercise: Exercise, submissions: Iterable[Submission | Result]) -> pd.DataFrame:
    """One row per student: total score, entity F1, places passed, F1 per label.

    Sorted by score (best first), then name.
    """
    import pandas as pd

    rows = []
    for r in _results(exercise, submissions):
        row: dict[str, Any] = {
            "student": r.student,
            "score": r.score,
            "entity_f1": round(r.entity_score, 3),
            "places_passed": (None if r.place_score is None else sum(p.passed for p in r.places)),
            "places_total": len(r.places) if r.places else None,
        }
        for lab, s in r.labels.items():
            row[f"f1_{lab}"] = round(s.f1, 3)
        row["warnings"] = len(r.warnings)
        rows.append(row)
    cols = ["student", "score", "entity_f1", "places_passed", "places_total",
            *[f"f1_{lab}" for lab in exercise.settings.labels], "warnings"]
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values(["score", "student"], ascending=[False, True]).set_index("student")


def item_table(exercise: Exercise, submissions: Iterable[Submission | Result]) -> pd.DataFrame:
    """One row per gold item (entity ``E1``..., place ``P1``...), one column per student.

    Cells are ``True`` when the student got the item (entity: correct; place:
    within tolerance); ``share`` is the fraction of the class that did.
    """
    import pandas as pd

    results = _results(exercise, submissions)
    items: list[dict[str, Any]] = []
    gold = exercise.counted_gold()
    for i, g in enumerate(gold, 1):
        row: dict[str, Any] = {"item": f"E{i}", "kind": "entity", "text": g.text, "label": g.label,
                               "start": g.start}
        for r in results:
            row[r.student] = any(o.gold == g and o.kind == "correct" for o in r.entities)
        items.append(row)
    for i, p in enumerate(exercise.scored_places(), 1):
        row = {"item": f"P{i}", "kind": "place", "text": p.text, "label": p.name, "start": p.start}
        for r in results:
            row[r.student] = any(o.gold == p and o.passed for o in r.places)
        items.append(row)
    students = [r.student for r in results]
    frame = pd.DataFrame(items, columns=["item", "kind", "text", "label", "start", *students])
    frame["share"] = frame[students].mean(axis=1) if students else float("nan")
    return frame.set_index("item")


def most_missed(exercise: Exercise, submissions: Iterable[Submission | Result], n: int = 10) -> pd.DataFrame:
    """The gold entities most students did not get right, with how they went wrong.

    Columns: text, label, start, missed_by (students), share, and the counts of
    ``missed``, ``wrong_label`` and ``boundary``.
    """
    import pandas as pd

    results = _results(exercise, submissions)
    counts: dict[Any, dict[str, Any]] = {}
    for g in exercise.counted_gold():
        counts[g] = {"text": g.text, "label": g.label, "start": g.start, "missed_by": 0,
                     "missed": 0, "wrong_label": 0, "boundary": 0}
    for r in results:
        for o in r.entities:
            if o.gold is not None and o.kind != "correct" and o.gold in counts:
                c = counts[o.gold]
                c["missed_by"] += 1
                c[o.kind] += 1
    frame = pd.DataFrame(list(counts.values()),
                         columns=["text", "label", "start", "missed_by", "missed", "wrong_label", "boundary"])
    frame["share"] = frame["missed_by"] / len(results) if results else 0.0
    frame = frame[frame["missed_by"] > 0].sort_values(["missed_by", "start"], ascending=[False, True])
    return frame.head(n).reset_index(drop=True)


def table_html(frame: pd.DataFrame, *, index: bool = True, css_class: str = "wb-table") -> str:
    """A DataFrame as an HTML table, every cell escaped with :func:`escape_html`."""
    def cell(v: Any) -> str:
        if isinstance(v, bool):
            return "✓" if v else "✗"
        if isinstance(v, float):
            return "—" if v != v else f"{v:g}"
        return escape_html("—" if v is None else v)

    head = ([escape_html(frame.index.name or "")] if index else []) + [escape_html(c) for c in frame.columns]
    rows = []
    for idx, row in frame.iterrows():
        cells = ([f"<th dir=\"auto\">{cell(idx)}</th>"] if index else []) + [
            f'<td dir="auto">{cell(v)}</td>' for v in row.tolist()]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="{escape_html(css_class)}"><thead><tr>'
            + "".join(f"<th>{h}</th>" for h in head)
            + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


class _ClassOrWidgetOpen:
    def __get__(self, obj: Any, objtype: type[Any]) -> Callable[..., Any]:
        if obj is None:
            return objtype.open_class
        return functools.partial(widgets.VBox.open, obj)


class TeacherView(widgets.VBox):
    """Class results of one exercise: tables and a map of the students' answers.

    Parameters
    ----------
    exercise
        The exercise.
    submissions
        The students' submissions (or already checked results).
    lang
        ``"en"`` or ``"ar"`` (right-to-left).
    tiles
        Show OpenStreetMap tiles (needs a network); country outlines show either way.
    problems
        Messages about files that could not be read (shown under the tables).
    """

    def __init__(self, exercise: Exercise, submissions: Sequence[Submission | Result], *,
                 lang: str = "en", tiles: bool = True, problems: Sequence[str] = ()) -> None:
        from workbench.ui.map_view import countries_geojson

        self.exercise = exercise
        self.results, skipped = check_all(exercise, submissions)
        self.problems = [*problems, *skipped]
        self.lang = lang if lang in LANGUAGES else "en"
        self.title = widgets.HTML()
        self.language = widgets.ToggleButtons(options=[("English", "en"), ("العربية", "ar")],
                                              value=self.lang, style={"button_width": "auto"})
        self.scores = widgets.HTML()
        self.items = widgets.HTML()
        self.missed = widgets.HTML()
        self.legend = widgets.HTML()
        outline = lf.GeoJSON(data=countries_geojson(), name="countries",
                             style={"color": "#64748b", "weight": 1, "fillColor": "#f8fafc",
                                    "fillOpacity": 0.0 if tiles else 0.9})
        self.gold_layer = lf.LayerGroup(name="gold places")
        self.pins_layer = lf.LayerGroup(name="students' answers")
        layers: list[Any] = [lf.basemap_to_tiles(lf.basemaps.OpenStreetMap.Mapnik)] if tiles else []
        self.map = lf.Map(layers=(*layers, outline, self.gold_layer, self.pins_layer), center=(30.0, 30.0),
                          zoom=3, scroll_wheel_zoom=True, layout=widgets.Layout(height="420px", width="100%"))
        self.map.add(lf.ScaleControl(position="bottomleft"))
        self.language.observe(lambda ch: self.set_language(str(ch["new"])), names="value")
        self.tabs = widgets.Tab(children=[self.scores, self.items, self.missed])
        super().__init__([widgets.HBox([self.title, self.language]), self.tabs, self.legend, self.map],
                         layout=widgets.Layout(width="100%"))
        self.add_class("wb-teacher")
        self._draw_map()
        self.set_language(self.lang)

    @classmethod
    def open_class(cls, exercise: Exercise | str | os.PathLike[str],
                   sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], **settings: Any
                   ) -> TeacherView:
        """Load an exercise and the submissions found in files or folders.

        Also reachable as ``TeacherView.open(exercise, sources)``.
        """
        ex = exercise if isinstance(exercise, Exercise) else load_exercise(exercise)
        subs, problems = load_submissions(sources, ex)
        return cls(ex, subs, problems=problems, **settings)

    # ``Widget.open()`` opens the comm on instances; on the class it is open_class.
    open = _ClassOrWidgetOpen()

    # -- tables ---------------------------------------------------------------------------
    def class_table(self) -> pd.DataFrame:
        """See :func:`class_table`."""
        return class_table(self.exercise, self.results)

    def item_table(self) -> pd.DataFrame:
        """See :func:`item_table`."""
        return item_table(self.exercise, self.results)

    def most_missed(self, n: int = 10) -> pd.DataFrame:
        """See :func:`most_missed`."""
        return most_missed(self.exercise, self.results, n)

    def set_language(self, lang: str) -> None:
        """Switch the interface language (Arabic laid out right-to-left)."""
        self.lang = lang if lang in LANGUAGES else "en"
        if self.language.value != self.lang:
            self.language.value = self.lang
        d, lg = direction(self.lang), self.lang
        title = tr("teacher_title", lg, title=self.exercise.title_in(lg))
        self.title.value = (f'<h3 dir="{d}">{escape_html(title)} <small>'
                            f'{escape_html(tr("teacher_students", lg, n=len(self.results)))}</small></h3>')
        problems = ""
        if self.problems:
            problems = (f"<p><b>{escape_html(tr('problems', lg))}</b></p><ul>"
                        + "".join(f'<li dir="auto">{escape_html(p)}</li>' for p in self.problems) + "</ul>")
        self.scores.value = f'<div dir="{d}">{table_html(self.class_table())}{problems}</div>'
        self.items.value = f'<div dir="{d}">{table_html(self.item_table())}</div>'
        self.missed.value = (f'<div dir="{d}"><h4>{escape_html(tr("most_missed", lg))}</h4>'
                             f"{table_html(self.most_missed(), index=False)}</div>")
        for i, key in enumerate(("col_score", "col_entity", "most_missed")):
            self.tabs.set_title(i, tr(key, lg))
        self.legend.value = f'<div dir="{d}">{escape_html(tr("map_legend", lg))}</div>'
        if self.lang == "ar":
            self.add_class("wb-rtl")
        else:
            self.remove_class("wb-rtl")

    # -- map --------------------------------------------------------------------------------
    def _draw_map(self) -> None:
        from workbench.ui.controller import PlaceItem
        from workbench.ui.map_view import fit_view

        gold: list[Any] = []
        seen: set[tuple[float, float]] = set()
        for p in self.exercise.scored_places():
            key = (round(p.latitude, 4), round(p.longitude, 4))
            if key in seen:
                continue
            seen.add(key)
            popup = widgets.HTML(f'<div dir="auto"><b>{escape_html(p.name)}</b> · {escape_html(p.text)}'
                                 f" · ±{p.tolerance_km:g} km</div>")
            gold.append(lf.Circle(location=(p.latitude, p.longitude), radius=int(p.tolerance_km * 1000),
                                  color=GOLD_COLOR, fill_color=GOLD_COLOR, fill_opacity=0.08, weight=2,
                                  popup=popup, name=f"gold {p.text}"))
        pins: list[Any] = []
        for r in self.results:
            for o in r.places:
                sp = o.student
                if sp is None or not sp.located:
                    continue
                color = PASS_COLOR if o.passed else FAIL_COLOR
                dist = f"{o.distance_km:,.1f} km" if o.distance_km is not None else ""
                popup = widgets.HTML(f'<div dir="auto"><b>{escape_html(r.student)}</b> · '
                                     f"{escape_html(o.gold.text)} · {escape_html(dist)}</div>")
                pins.append(lf.CircleMarker(location=(sp.latitude, sp.longitude), radius=6, color=color,
                                            fill_color=color, fill_opacity=0.8, weight=1, popup=popup,
                                            name=f"{r.student}: {o.gold.text}"))
        self.gold_layer.layers = tuple(gold)
        self.pins_layer.layers = tuple(pins)
        # fit_view wants PlaceItems: the small-place points (not the country circles) frame the map.
        pts = [PlaceItem(id=str(i), start=0, end=0, text="", latitude=p.latitude, longitude=p.longitude)
               for i, p in enumerate(self.exercise.scored_places()) if p.tolerance_km <= 150]
        (self.map.center, self.map.zoom) = fit_view(pts)
