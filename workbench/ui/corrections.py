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
from workbench.ui.i18n import DEFAULT_LANGUAGE, t

__all__ = ["MAX_SPAN_WORDS", "CorrectionsPanel", "candidate_options"]

MAX_SPAN_WORDS = 12


def candidate_options(place: PlaceItem, lang: str = DEFAULT_LANGUAGE) -> list[tuple[str, int]]:
    """Dropdown options for a place's candidates: ``(description, index)``."""
    out = []
    for i, c in enumerate(place.candidates):
        ar = f" · {c['name_ar']}" if c.get("name_ar") else ""
        score = t("corr.score", lang, score=f"{float(c.get('score') or 0):.2f}")
        out.append((
            f"{c.get('name')}{ar} · {c.get('country_code') or ''} · {c.get('feature') or ''}"
            f" · {score}", i,
        ))
    return out


class CorrectionsPanel(widgets.VBox):
    """Entity and place corrections for the current selection."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang
        self.entity_title = widgets.HTML()
        self.entity_info = widgets.HTML()
        self.label = widgets.Dropdown(options=list(LABELS), value="LOC")
        self.set_label = widgets.Button(icon="tag", disabled=True)
        self.delete = widgets.Button(icon="trash", button_style="danger", disabled=True)
        self.deleted = widgets.Dropdown(options=[("—", "")], value="")
        self.restore = widgets.Button(icon="undo")
        self.add_title = widgets.HTML()
        self.first = widgets.Dropdown(options=[])
        self.last = widgets.Dropdown(options=[])
        self.new_label = widgets.Dropdown(options=list(LABELS), value="LOC")
        self.add = widgets.Button(icon="plus", button_style="success")
        self.use_span = widgets.Button(icon="i-cursor")
        self.place_title = widgets.HTML()
        self.place_info = widgets.HTML()
        self.candidates = widgets.Dropdown(options=[], layout=widgets.Layout(width="100%"))
        self.choose = widgets.Button(icon="check", disabled=True)
        self.confirm = widgets.Button(icon="check-circle", button_style="success", disabled=True)
        self.unresolve = widgets.Button(icon="ban", disabled=True)
        self.lat = widgets.FloatText()
        self.lon = widgets.FloatText()
        self.pin_name = widgets.Text()
        self.pin = widgets.Button(icon="map-pin", disabled=True)
        self._snapshot: Snapshot | None = None
        self._tokens: list[Token] = []
        self._entity: EntityItem | None = None
        self._place: PlaceItem | None = None
        self._callbacks: list[Callable[[str, dict[str, Any]], None]] = []
        self.set_label.on_click(lambda _: self._emit_entity("set_label", label=self.label.value))
        self.delete.on_click(lambda _: self._emit_entity("delete"))
        self.restore.on_click(lambda _: self._restore())
        self.add.on_click(lambda _: self._emit("add", self._span(label=self.new_label.value)))
        self.use_span.on_click(lambda _: self._emit("span", self._span()))
        self.choose.on_click(lambda _: self._emit_place("choose", index=self.candidates.value))
        self.confirm.on_click(lambda _: self._emit_place("confirm"))
        self.unresolve.on_click(lambda _: self._emit_place("unresolve"))
        self.pin.on_click(lambda _: self._emit_place(
            "pin", latitude=self.lat.value, longitude=self.lon.value, name=self.pin_name.value))
        self.first.observe(lambda _: self._fill_last(), names="value")
        super().__init__([
            self.entity_title, self.entity_info,
            widgets.HBox([self.label, self.set_label, self.delete]),
            widgets.HBox([self.deleted, self.restore]),
            self.add_title,
            widgets.HBox([self.first, self.last]), widgets.HBox([self.new_label, self.add,
                                                                 self.use_span]),
            self.place_title, self.place_info, self.candidates,
            widgets.HBox([self.choose, self.confirm, self.unresolve]),
            widgets.HBox([self.lat, self.lon]), widgets.HBox([self.pin_name, self.pin]),
        ])
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        """Relabel the panel in ``lang``."""
        self.lang = lang
        self.entity_title.value = f"<b>{escape_html(t('corr.entity_title', lang))}</b>"
        self.add_title.value = t("corr.add_title", lang)
        self.place_title.value = f"<b>{escape_html(t('corr.place_title', lang))}</b>"
        for w, key in ((self.label, "corr.label"), (self.new_label, "corr.label"),
                       (self.set_label, "corr.set_label"), (self.delete, "corr.delete"),
                       (self.deleted, "corr.deleted"), (self.restore, "corr.restore"),
                       (self.first, "corr.first_word"), (self.last, "corr.last_word"),
                       (self.add, "corr.add"), (self.use_span, "corr.use_span"),
                       (self.candidates, "corr.candidate"), (self.choose, "corr.choose"),
                       (self.confirm, "corr.confirm"), (self.unresolve, "corr.unresolve"),
                       (self.lat, "corr.latitude"), (self.lon, "corr.longitude"),
                       (self.pin_name, "corr.name"), (self.pin, "corr.pin")):
            w.description = t(key, lang)
        self.use_span.tooltip = t("corr.use_span_tooltip", lang)
        self.pin_name.placeholder = t("corr.name_placeholder", lang)
        self.show(self._snapshot, self._entity, self._place)

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
        self._snapshot, self._entity, self._place = snapshot, entity, place
        lang = self.lang
        if entity is None:
            self.entity_info.value = f"<i>{escape_html(t('corr.no_entity', lang))}</i>"
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
            self.place_info.value = f"<i>{escape_html(t('corr.no_place', lang))}</i>"
            self.candidates.options = []
        else:
            where = (f"{escape_html(place.name)} ({place.latitude:.4f}, {place.longitude:.4f})"
                     if place.resolved else
                     f"<span class='wb-unresolved'>{escape_html(t('corr.not_located', lang))}</span>")
            try:
                status = t(f"place.{place.status}", lang)
            except KeyError:
                status = place.status
            self.place_info.value = (
                f'<div dir="auto"><b>{escape_html(place.text)}</b> → {where} · '
                f"{escape_html(status)} · {escape_html(place.reason)}</div>"
            )
            self.candidates.options = candidate_options(place, lang)
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

    def _restore(self) -> None:
        if self.deleted.value:
            self._emit("restore", {"entity": self.deleted.value})

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
