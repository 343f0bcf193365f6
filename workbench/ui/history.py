"""The History tab: every change of the open article (who, when, what, before → after).

The findings store keeps an append-only history; :func:`describe_entry` turns one
:class:`~workbench.annotations.model.HistoryEntry` into plain text an analyst
can read (``Label of «بوتين» · label: PER → ORG``), and :class:`HistoryPanel`
lists them newest first with a *Revert* button each. Reverting goes through
the store as a new change, so the history only grows and a revert can itself
be reverted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from workbench.annotations.model import HistoryEntry
from workbench.report.escape import escape_html
from workbench.ui.controller import Snapshot
from workbench.ui.i18n import DEFAULT_LANGUAGE, t

__all__ = ["MAX_ROWS", "HistoryItem", "HistoryPanel", "describe_entry", "describe_history"]

MAX_ROWS = 50
"""Entries shown at once (the newest); the rest are counted."""

_REVERT = re.compile(r"revert of history entry (\d+)")
_FINDING_TYPES = ("add_finding", "update_finding", "delete_finding")
_NOTE_CHARS = 60


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One change as the History tab shows it.

    Attributes
    ----------
    id
        The history entry's id (what :meth:`Controller.revert` takes).
    revision
        The article revision this change produced.
    analyst, at
        Who made it and when (``YYYY-MM-DD HH:MM:SS``, as recorded).
    type
        The change type (``set_label``, ``pin``, ``set_records``...).
    summary
        What was done, e.g. ``Pinned «مارينو» on the map``.
    details
        Before → after of the fields that changed, e.g. ``status: unresolved → pinned``.
    """

    id: int
    revision: int
    analyst: str
    at: str
    type: str
    summary: str
    details: str


def _short(text: Any, limit: int = _NOTE_CHARS) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _entity_texts(entry: HistoryEntry, snapshot: Snapshot | None) -> dict[str, str]:
    texts = {e.id: e.text for e in snapshot.entities} if snapshot else {}
    for side in (entry.before, entry.after):
        for eid, rec in (side.get("entities") or {}).items():
            if rec:
                texts.setdefault(eid, str(rec.get("text", "")))
    return texts


def _finding_quote(rec: Mapping[str, Any], texts: Mapping[str, str],
                   snapshot: Snapshot | None) -> str:
    target = rec.get("target") or {}
    if target.get("kind") in ("entity", "place"):
        return texts.get(str(target.get("entity_id")), "")
    if snapshot is not None:
        return snapshot.text[int(target.get("start", 0)):int(target.get("end", 0))]
    return ""


def _subject(entry: HistoryEntry, texts: Mapping[str, str], snapshot: Snapshot | None) -> str:
    change = entry.change
    if change.get("entity_id") in texts:
        return texts[str(change["entity_id"])]
    kinds = ("findings", "entities", "places") if change.get("type") in _FINDING_TYPES else (
        "entities", "places", "findings")
    for kind in kinds:
        for side in (entry.after, entry.before):
            for rid, rec in (side.get(kind) or {}).items():
                if kind == "entities" and rec:
                    return str(rec.get("text", ""))
                if kind == "places" and rid in texts:
                    return texts[rid]
                if kind == "findings" and rec:
                    return _finding_quote(rec, texts, snapshot)
    return ""


def _word(key: str, value: Any, lang: str) -> str:
    """A translated enum value (``place.pinned``), else the value itself."""
    if value is None or value == "":
        return t("hist.absent", lang)
    try:
        return t(f"{key}.{value}", lang)
    except KeyError:
        return str(value)


def _location(rec: Mapping[str, Any]) -> str | None:
    lat, lon = rec.get("latitude"), rec.get("longitude")
    return None if lat is None or lon is None else f"{float(lat):.4f}, {float(lon):.4f}"


def _fields(kind: str, rec: Mapping[str, Any], lang: str) -> dict[str, str]:
    """The readable fields of a record, keyed by their ``field.*`` name."""
    yes_no = {True: t("field.yes", lang), False: t("field.no", lang)}
    if kind == "entities":
        return {"label": str(rec.get("label", "")), "deleted": yes_no[bool(rec.get("deleted"))]}
    if kind == "places":
        return {"name": str(rec.get("name") or t("hist.absent", lang)),
                "status": _word("place", rec.get("status"), lang),
                "location": _location(rec) or t("hist.absent", lang)}
    return {"note": _short(rec.get("note", "")) or t("hist.absent", lang),
            "tags": ", ".join(rec.get("tags") or ()) or t("hist.absent", lang),
            "confidence": _word("confidence", rec.get("confidence"), lang),
            "status": _word("fstatus", rec.get("status"), lang)}


def _details(entry: HistoryEntry, texts: Mapping[str, str], snapshot: Snapshot | None,
             lang: str) -> str:
    parts: list[str] = []
    for kind in ("entities", "places", "findings"):
        after = entry.after.get(kind) or {}
        before = entry.before.get(kind) or {}
        for rid in after.keys() | before.keys():
            b, a = before.get(rid), after.get(rid)
            if b is None and a is None:
                continue
            if b is None or a is None:
                if kind == "places":
                    continue  # a place comes and goes with its LOC entity
                rec = a if a is not None else b
                assert rec is not None
                what = (f"«{rec.get('text', '')}» ({rec.get('label', '')})" if kind == "entities"
                        else f"«{_short(_finding_quote(rec, texts, snapshot), 30)}»: "
                             f"{_short(rec.get('note', ''))}")
                parts.append(f"{t('hist.new' if b is None else 'hist.removed', lang)}: {what}")
                continue
            fb, fa = _fields(kind, b, lang), _fields(kind, a, lang)
            parts += [f"{t('field.' + f, lang)}: {fb[f]} → {fa[f]}" for f in fa if fb[f] != fa[f]]
    return " · ".join(parts)


def _summary(entry: HistoryEntry, subject: str, lang: str) -> str:
    kind = str(entry.change.get("type", ""))
    if kind == "set_records":
        reason = str(entry.change.get("reason") or "")
        m = _REVERT.fullmatch(reason)
        if m:
            return t("change.revert", lang, id=int(m.group(1)))
        return t("change.set_records", lang, reason=reason or t("hist.absent", lang))
    try:
        return t(f"change.{kind}", lang, text=subject)
    except KeyError:
        return t("change.other", lang, type=kind)


def describe_entry(entry: HistoryEntry, snapshot: Snapshot | None = None,
                   lang: str = DEFAULT_LANGUAGE) -> HistoryItem:
    """One history entry as readable text.

    Parameters
    ----------
    entry
        From :meth:`FindingsStore.history <workbench.annotations.store.FindingsStore.history>`.
    snapshot
        The open article, to name the entities and quote the spans the change touched.
    lang
        Interface language.
    """
    texts = _entity_texts(entry, snapshot)
    subject = _subject(entry, texts, snapshot)
    return HistoryItem(
        id=entry.id, revision=entry.revision, analyst=entry.analyst,
        at=entry.at[:19].replace("T", " "), type=str(entry.change.get("type", "")),
        summary=_summary(entry, subject, lang), details=_details(entry, texts, snapshot, lang),
    )


def describe_history(entries: Sequence[HistoryEntry], snapshot: Snapshot | None = None,
                     lang: str = DEFAULT_LANGUAGE) -> list[HistoryItem]:
    """Every entry described, newest first."""
    return [describe_entry(e, snapshot, lang) for e in reversed(entries)]


class HistoryPanel(widgets.VBox):
    """The article's changes, newest first, each with a *Revert* button."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang
        self.intro = widgets.HTML()
        self.rows = widgets.VBox(layout=widgets.Layout(max_height="420px", overflow="auto"))
        self.more = widgets.HTML()
        self.items: list[HistoryItem] = []
        self.buttons: dict[int, widgets.Button] = {}
        self._cache: dict[tuple[HistoryItem, str], widgets.HBox] = {}
        self._callbacks: list[Callable[[int], None]] = []
        super().__init__([self.intro, self.rows, self.more], layout=widgets.Layout(width="100%"))
        self.add_class("wb-history")
        self.set_language(lang)

    def on_revert(self, callback: Callable[[int], None]) -> None:
        """Call ``callback(history_id)`` when a *Revert* button is clicked."""
        self._callbacks.append(callback)

    def set_language(self, lang: str) -> None:
        """Relabel the panel (the rows follow at the next :meth:`show`)."""
        self.lang = lang
        self.intro.value = f"<div class='wb-meta' dir='auto'>{escape_html(t('hist.intro', lang))}</div>"
        self.show(self.items)

    def show(self, items: Sequence[HistoryItem]) -> None:
        """List ``items`` (newest first, as from :func:`describe_history`)."""
        self.items = list(items)
        shown = self.items[:MAX_ROWS]
        rows = []
        fresh: dict[tuple[HistoryItem, str], widgets.HBox] = {}
        self.buttons = {}
        for item in shown:
            key = (item, self.lang)
            row = self._cache.get(key) or self._row(item)
            fresh[key] = row
            rows.append(row)
            self.buttons[item.id] = row.children[1]
        self._cache = fresh  # rows no longer shown are dropped
        if not self.items:
            rows = [widgets.HTML(f"<i dir='auto'>{escape_html(t('hist.empty', self.lang))}</i>")]
        if [id(r) for r in self.rows.children] != [id(r) for r in rows]:
            self.rows.children = rows
        extra = len(self.items) - len(shown)
        self.more.value = (f"<div class='wb-meta'>{escape_html(t('hist.older', self.lang, n=extra))}"
                           "</div>" if extra > 0 else "")

    def button(self, history_id: int) -> widgets.Button:
        """The *Revert* button of entry ``history_id`` (``KeyError`` if not shown)."""
        return self.buttons[history_id]

    def _row(self, item: HistoryItem) -> widgets.HBox:
        head = t("hist.entry", self.lang, id=item.id, revision=item.revision,
                 analyst=item.analyst or "?", at=item.at)
        details = (f"<div dir='auto' style='color:#334155'>{escape_html(item.details)}</div>"
                   if item.details else "")
        info = widgets.HTML(
            f"<div class='wb-history-entry' dir='auto'><b>{escape_html(item.summary)}</b>"
            f"<div class='wb-meta' dir='auto'>{escape_html(head)}</div>{details}</div>",
            layout=widgets.Layout(flex="1 1 auto", width="auto"),
        )
        button = widgets.Button(description=t("hist.revert", self.lang), icon="undo",
                                tooltip=t("hist.revert_tooltip", self.lang),
                                layout=widgets.Layout(width="auto", flex="0 0 auto"))
        history_id = item.id
        button.on_click(lambda _: self._emit(history_id))
        return widgets.HBox([info, button], layout=widgets.Layout(
            width="100%", align_items="center", border_bottom="1px solid #e2e8f0"))

    def _emit(self, history_id: int) -> None:
        for cb in self._callbacks:
            cb(history_id)
