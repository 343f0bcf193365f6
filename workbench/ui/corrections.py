"""Corrections: relabel, delete, restore or add entities; choose, confirm or pin places.

A span of right-to-left text is hard to select precisely with a mouse, so a
new entity (or a span for a finding) is picked as a *first word* and a *last
word* from the article's words in reading order. The panel reports what the
analyst asked for through :meth:`CorrectionsPanel.on_action`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from workbench.report.escape import escape_html
from workbench.ui.controller import LABELS, EntityItem, PlaceItem, Snapshot, Token

__all__ = ["MAX_SPAN_WORDS", "CorrectionsPanel", "candidate_options"]

MAX_SPAN_WORDS = 12


def candidate_options(place: PlaceItem) -> list[tuple[str, int]]:
    """Dropdown options for a place's candidates: ``(description, index)``."""
    out = []
    for i, c in enumerate(place.candidates):
        ar = f" · {c['name_ar']}" if c.get("name_ar") else ""
        out.append((
            f"{c.get('name')}{ar} · {c.get('country_code') or ''} · {c.get('feature') or ''}"
            f" · score {float(c.get('score') or 0):.2f}", i,
        ))
    return out


class CorrectionsPanel(widgets.VBox):
    """Entity and place corrections for the current selection."""

    def __init__(self) -> None:
        self.entity_info = widgets.HTML("<i>No entity selected.</i>")
        self.label = widgets.Dropdown(options=list(LABELS), value="LOC", description="Label")
        self.set_label = widgets.Button(description="Change label", icon="tag", disabled=True)
        self.delete = widgets.Button(description="Delete entity", icon="trash",
                                     button_style="danger", disabled=True)
        self.deleted = widgets.Dropdown(options=[("—", "")], value="", description="Deleted")
        self.restore = widgets.Button(description="Restore", icon="undo")
        self.first = widgets.Dropdown(options=[], description="First word")
        self.last = widgets.Dropdown(options=[], description="Last word")
        self.new_label = widgets.Dropdown(options=list(LABELS), value="LOC", description="Label")
        self.add = widgets.Button(description="Add entity", icon="plus", button_style="success")
        self.use_span = widgets.Button(description="Select span", icon="i-cursor",
                                       tooltip="Select these words (e.g. for a finding)")
        self.place_info = widgets.HTML("<i>No place selected.</i>")
        self.candidates = widgets.Dropdown(options=[], description="Candidate",
                                           layout=widgets.Layout(width="100%"))
        self.choose = widgets.Button(description="Use candidate", icon="check", disabled=True)
        self.confirm = widgets.Button(description="Confirm place", icon="check-circle",
                                      button_style="success", disabled=True)
        self.unresolve = widgets.Button(description="Not this place", icon="ban", disabled=True)
        self.lat = widgets.FloatText(description="Latitude")
        self.lon = widgets.FloatText(description="Longitude")
        self.pin_name = widgets.Text(description="Name", placeholder="name of the place")
        self.pin = widgets.Button(description="Pin here", icon="map-pin", disabled=True)
        self._tokens: list[Token] = []
        self._entity: EntityItem | None = None
        self._place: PlaceItem | None = None
        self._callbacks: list[Callable[[str, dict[str, Any]], None]] = []
        self.set_label.on_click(lambda _: self._emit_entity("set_label", label=self.label.value))
        self.delete.on_click(lambda _: self._emit_entity("delete"))
        self.restore.on_click(lambda _: self.deleted.value and self._emit(
            "restore", {"entity": self.deleted.value}))
        self.add.on_click(lambda _: self._emit("add", self._span(label=self.new_label.value)))
        self.use_span.on_click(lambda _: self._emit("span", self._span()))
        self.choose.on_click(lambda _: self._emit_place("choose", index=self.candidates.value))
        self.confirm.on_click(lambda _: self._emit_place("confirm"))
        self.unresolve.on_click(lambda _: self._emit_place("unresolve"))
        self.pin.on_click(lambda _: self._emit_place(
            "pin", latitude=self.lat.value, longitude=self.lon.value, name=self.pin_name.value))
        self.first.observe(lambda _: self._fill_last(), names="value")
        super().__init__([
            widgets.HTML("<b>Entity</b>"), self.entity_info,
            widgets.HBox([self.label, self.set_label, self.delete]),
            widgets.HBox([self.deleted, self.restore]),
            widgets.HTML("<b>Add an entity the machine missed</b> (first and last word)"),
            widgets.HBox([self.first, self.last]), widgets.HBox([self.new_label, self.add,
                                                                 self.use_span]),
            widgets.HTML("<b>Place</b>"), self.place_info, self.candidates,
            widgets.HBox([self.choose, self.confirm, self.unresolve]),
            widgets.HBox([self.lat, self.lon]), widgets.HBox([self.pin_name, self.pin]),
        ])

    def on_action(self, callback: Callable[[str, dict[str, Any]], None]) -> None:
        """Call ``callback(action, data)`` for ``set_label``, ``delete``, ``restore``,
        ``add``, ``span``, ``choose``, ``confirm``, ``unresolve`` and ``pin``."""
        self._callbacks.append(callback)

    def set_tokens(self, tokens: list[Token]) -> None:
        """The article's words, for the first/last word pickers."""
        self._tokens = tokens
        self.first.options = [(f"{t.text} · {t.index}", t.index) for t in tokens]
        self.first.value = tokens[0].index if tokens else None
        self._fill_last()

    def select_words(self, first: int, last: int) -> None:
        """Set the first and last word (indices into the tokens)."""
        self.first.value = first
        self.last.value = last

    def show(self, snapshot: Snapshot | None, entity: EntityItem | None,
             place: PlaceItem | None) -> None:
        """Show the corrections available for the selected ``entity`` and ``place``."""
        self._entity, self._place = entity, place
        if entity is None:
            self.entity_info.value = "<i>No entity selected: click one in the text or the table.</i>"
        else:
            self.entity_info.value = (
                f'<div dir="auto"><b>{escape_html(entity.text)}</b> · {escape_html(entity.label)}'
                f" · @{entity.start} · {escape_html(entity.origin)}</div>"
            )
            self.label.value = entity.label
        self.set_label.disabled = self.delete.disabled = entity is None
        deleted = [e for e in (snapshot.entities if snapshot else ()) if e.deleted]
        self.deleted.options = [("—", ""), *[(f"{e.text} · {e.label} · @{e.start}", e.id)
                                             for e in deleted]]
        if place is None:
            self.place_info.value = "<i>No place selected.</i>"
            self.candidates.options = []
        else:
            where = (f"{escape_html(place.name)} ({place.latitude:.4f}, {place.longitude:.4f})"
                     if place.resolved else "<span class='wb-unresolved'>not located</span>")
            self.place_info.value = (
                f'<div dir="auto"><b>{escape_html(place.text)}</b> → {where} · '
                f"{escape_html(place.status)} · {escape_html(place.reason)}</div>"
            )
            self.candidates.options = candidate_options(place)
            current = next((i for i, c in enumerate(place.candidates)
                            if place.geonameid is not None and c.get("geonameid") == place.geonameid),
                           None)
            if current is not None:
                self.candidates.value = current
            self.pin_name.value = place.name or place.text
            if place.resolved:
                self.lat.value, self.lon.value = float(place.latitude), float(place.longitude)  # type: ignore[arg-type]
        self.choose.disabled = place is None or not place.candidates
        self.confirm.disabled = place is None or not place.resolved
        self.unresolve.disabled = self.pin.disabled = place is None

    def _fill_last(self) -> None:
        first = self.first.value
        if first is None:
            self.last.options = []
            return
        window = self._tokens[first:first + MAX_SPAN_WORDS]
        self.last.options = [(f"{t.text} · {t.index}", t.index) for t in window]
        self.last.value = first

    def _span(self, **extra: Any) -> dict[str, Any]:
        return {"first": self.first.value, "last": self.last.value, **extra}

    def _emit(self, action: str, data: dict[str, Any]) -> None:
        for cb in self._callbacks:
            cb(action, data)

    def _emit_entity(self, action: str, **data: Any) -> None:
        if self._entity is not None:
            self._emit(action, {"entity": self._entity.id, **data})

    def _emit_place(self, action: str, **data: Any) -> None:
        if self._place is not None:
            self._emit(action, {"place": self._place.id, **data})
