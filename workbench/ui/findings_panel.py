"""Findings: a note, tags, a confidence and a status on an entity, a place or a span.

The form works on the current selection (shown at the top). Choosing an
existing finding loads it into the form for editing; *Update* saves the
edits. The panel reports what the analyst asked for through :meth:`on_action`;
the app applies it through the controller (and so the store).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from workbench.report.escape import escape_html
from workbench.ui.controller import CONFIDENCES, STATUSES, FindingItem, Snapshot
from workbench.ui.i18n import DEFAULT_LANGUAGE, t

__all__ = ["FindingsPanel", "findings_table_html"]

_CONF_COLORS = {"confirmed": "#15803d", "probable": "#b45309", "doubtful": "#b91c1c"}


_COLUMNS = ("on", "text", "note", "tags", "confidence", "status", "analyst", "updated")


def _word(prefix: str, value: str, lang: str) -> str:
    try:
        return t(f"{prefix}.{value}", lang)
    except KeyError:
        return value


def findings_table_html(findings: tuple[FindingItem, ...] | list[FindingItem],
                        lang: str = DEFAULT_LANGUAGE) -> str:
    """The findings as an HTML table (every value escaped), labelled in ``lang``."""
    if not findings:
        return f"<div class='wb-meta'>{escape_html(t('find.none_yet', lang))}</div>"
    rows = "".join(
        f"<tr><td>{escape_html(_word('find.on', f.target, lang))}</td>"
        f"<td dir='auto'>{escape_html(f.quote)}</td>"
        f"<td dir='auto' style='white-space:pre-wrap'>{escape_html(f.note)}</td>"
        f"<td dir='auto'>{escape_html(', '.join(f.tags))}</td>"
        f"<td style='color:{_CONF_COLORS.get(f.confidence, '#334155')}'>"
        f"{escape_html(_word('confidence', f.confidence, lang))}</td>"
        f"<td>{escape_html(_word('fstatus', f.status, lang))}</td>"
        f"<td dir='auto'>{escape_html(f.analyst)}</td><td>{escape_html(f.updated[:16])}</td></tr>"
        for f in findings
    )
    head = "".join(f"<th>{escape_html(t('find.col_' + c, lang))}</th>" for c in _COLUMNS)
    return (
        f"<table class='wb-table wb-findings'><thead><tr>{head}</tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


class FindingsPanel(widgets.VBox):
    """Form and list of findings."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang
        self.target = widgets.HTML(f"<i>{escape_html(t('find.select_first', lang))}</i>")
        self.note = widgets.Textarea(layout=widgets.Layout(width="100%"))
        self.tags_label = widgets.Label()
        self.tags = widgets.TagsInput(value=[], allow_duplicates=False)
        self.confidence = widgets.ToggleButtons(options=list(CONFIDENCES), value="probable")
        self.status = widgets.Dropdown(options=list(STATUSES), value="open")
        self.add = widgets.Button(icon="plus", button_style="success")
        self.update = widgets.Button(icon="save", disabled=True)
        self.delete = widgets.Button(icon="trash", button_style="danger", disabled=True)
        self.clear = widgets.Button(icon="file")
        self.existing = widgets.Dropdown(options=[(t("find.new_option", lang), "")], value="")
        self.table = widgets.HTML()
        self._snapshot: Snapshot | None = None
        self._target_text = ""
        self._loaded: FindingItem | None = None
        self._callbacks: list[Callable[[str, dict[str, Any]], None]] = []
        self._quiet = False
        self.add.on_click(lambda _: self._emit("add", self.form()))
        self.update.on_click(lambda _: self._emit("update", {"id": self.existing.value, **self.form()}))
        self.delete.on_click(lambda _: self._emit("delete", {"id": self.existing.value}))
        self.clear.on_click(lambda _: self.load(None))
        self.existing.observe(self._on_existing, names="value")
        super().__init__([
            self.target, self.note, widgets.HBox([self.tags_label, self.tags]),
            self.confidence, self.status,
            widgets.HBox([self.add, self.update, self.delete, self.clear]),
            self.existing, self.table,
        ])
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        """Relabel the form, the choices and the table in ``lang`` (values are kept)."""
        self.lang = lang
        self.note.placeholder = t("find.note_placeholder", lang)
        self.tags_label.value = t("find.tags", lang)
        self._quiet = True
        try:
            conf, status = self.confidence.value, self.status.value
            self.confidence.options = [(t(f"confidence.{c}", lang), c) for c in CONFIDENCES]
            self.status.options = [(t(f"fstatus.{s}", lang), s) for s in STATUSES]
            self.confidence.value, self.status.value = conf, status
        finally:
            self._quiet = False
        for w, key in ((self.confidence, "find.confidence"), (self.status, "find.status"),
                       (self.add, "find.add"), (self.update, "find.update"),
                       (self.delete, "find.delete"), (self.clear, "find.new"),
                       (self.existing, "find.edit")):
            w.description = t(key, lang)
        if self._target_text:
            self.show(self._snapshot, self._target_text)

    def on_action(self, callback: Callable[[str, dict[str, Any]], None]) -> None:
        """Call ``callback(action, data)``: ``add``, ``update``, ``delete`` or ``pick``."""
        self._callbacks.append(callback)

    def form(self) -> dict[str, Any]:
        """The form's current values."""
        return {"note": self.note.value, "tags": list(self.tags.value),
                "confidence": self.confidence.value, "status": self.status.value}

    @property
    def dirty(self) -> bool:
        """Whether the form holds edits of an existing finding not yet saved."""
        f = self._loaded
        if f is None:
            return False
        return self.form() != {"note": f.note, "tags": list(f.tags), "confidence": f.confidence,
                               "status": f.status}

    def load(self, finding: FindingItem | None) -> None:
        """Fill the form with ``finding`` (``None`` clears it for a new one)."""
        self._loaded = finding
        self.note.value = finding.note if finding else ""
        self.tags.value = list(finding.tags) if finding else []
        self.confidence.value = finding.confidence if finding else "probable"
        self.status.value = finding.status if finding else "open"
        self.update.disabled = self.delete.disabled = finding is None
        self._quiet = True
        try:
            self.existing.value = finding.id if finding else ""
        finally:
            self._quiet = False

    def show(self, snapshot: Snapshot | None, target_text: str) -> None:
        """List ``snapshot``'s findings; ``target_text`` (markup) says what a new one attaches to."""
        self._snapshot, self._target_text = snapshot, target_text
        lang = self.lang
        self.target.value = f'<div dir="auto">{t("find.attach_to", lang, target=target_text)}</div>'
        findings = snapshot.findings if snapshot else ()
        opts = [(t("find.new_option", lang), "")] + [
            (f"{f.quote[:30]} · {f.note[:30]} · {_word('confidence', f.confidence, lang)}", f.id)
            for f in findings
        ]
        self._quiet = True
        try:
            if list(self.existing.options) != opts:
                current = self.existing.value
                self.existing.options = opts
                self.existing.value = current if current in {v for _, v in opts} else ""
        finally:
            self._quiet = False
        if self._loaded is not None:
            fresh = next((f for f in findings if f.id == self._loaded.id), None)
            if fresh is None:
                self.load(None)
            elif fresh != self._loaded and not self.dirty:
                self.load(fresh)
            else:
                self._loaded = fresh
        self.table.value = findings_table_html(findings, lang)

    def _emit(self, action: str, data: dict[str, Any]) -> None:
        for cb in self._callbacks:
            cb(action, data)

    def _on_existing(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._emit("pick", {"id": change["new"]})
