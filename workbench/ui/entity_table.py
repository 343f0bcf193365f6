"""The entity table: one row per (text, label), filterable by label and sortable.

Columns: text, label, count, first position, linked place. Clicking a row (or
choosing it in the row selector) selects its first mention everywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ipywidgets as widgets

from workbench.report.escape import escape_html
from workbench.report.html import LABEL_COLORS
from workbench.ui.clickable import ClickableHTML, parse_click
from workbench.ui.controller import LABELS, Snapshot
from workbench.ui.i18n import DEFAULT_LANGUAGE, t

__all__ = ["SORT_KEYS", "EntityRow", "EntityTable", "entity_rows"]

SORT_KEYS: dict[str, str] = {
    "position": "table.sort_position",
    "text": "table.sort_text",
    "count": "table.sort_count",
    "label": "table.sort_label",
}
"""Sort orders and the interface string naming each."""


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One row of the table: every live mention with the same text and label."""

    text: str
    label: str
    ids: tuple[str, ...]
    first: int
    place: str

    @property
    def id(self) -> str:
        """The id of the first mention (what selecting the row selects)."""
        return self.ids[0]

    @property
    def count(self) -> int:
        """Number of mentions."""
        return len(self.ids)


def _place_label(snapshot: Snapshot, entity_ids: Iterable[str], lang: str) -> str:
    for eid in entity_ids:
        p = snapshot.place_for_entity(eid)
        if p is None:
            continue
        if not p.resolved:
            return t("table.unresolved", lang)
        cc = f", {p.country_code}" if p.country_code else ""
        try:
            status = t(f"place.{p.status}", lang)
        except KeyError:
            status = p.status
        return f"{p.name}{cc} ({status})"
    return ""


def entity_rows(snapshot: Snapshot, *, label: str = "", sort: str = "position",
                lang: str = DEFAULT_LANGUAGE) -> list[EntityRow]:
    """Rows of the entity table.

    Parameters
    ----------
    snapshot
        The open article.
    label
        Keep only this label (``""`` keeps all).
    sort
        One of :data:`SORT_KEYS`.
    lang
        Interface language of the place column.
    """
    groups: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for e in snapshot.live_entities:
        if label and e.label != label:
            continue
        groups.setdefault((e.text, e.label), []).append((e.start, e.id))
    rows = [
        EntityRow(text, lab, tuple(i for _, i in sorted(m)), min(s for s, _ in m),
                  _place_label(snapshot, (i for _, i in sorted(m)), lang) if lab == "LOC" else "")
        for (text, lab), m in groups.items()
    ]
    keys: dict[str, Callable[[EntityRow], tuple[object, ...]]] = {
        "position": lambda r: (r.first,),
        "text": lambda r: (r.text, r.first),
        "count": lambda r: (-r.count, r.first),
        "label": lambda r: (r.label, r.first),
    }
    return sorted(rows, key=keys.get(sort, keys["position"]))


class EntityTable(widgets.VBox):
    """Filter buttons, sort menu and a clickable table of entities."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang
        self.scope = f"wb-{uuid.uuid4().hex[:8]}"
        self.filter = widgets.ToggleButtons(
            options=[(t("table.all", lang), ""), *[(lab, lab) for lab in LABELS]], value="",
            description=t("table.label", lang), style={"button_width": "auto"},
        )
        self.sort = widgets.Dropdown(
            options=[(t(v, lang), k) for k, v in SORT_KEYS.items()], value="position",
            description=t("table.sort_by", lang),
        )
        self.table = ClickableHTML()
        self.rows: list[EntityRow] = []
        self._snapshot: Snapshot | None = None
        self._highlighted: set[str] = set()
        self._callbacks: list[Callable[[str], None]] = []
        self._quiet = False
        self.filter.observe(self._on_option, names="value")
        self.sort.observe(self._on_option, names="value")
        self.table.observe(self._on_click, names="clicked")
        super().__init__([widgets.HBox([self.filter, self.sort]), self.table])

    def on_pick(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(entity_id)`` when a row is clicked."""
        self._callbacks.append(callback)

    def show(self, snapshot: Snapshot | None, highlighted: Iterable[str] = ()) -> None:
        """Show ``snapshot``'s entities; rows containing ``highlighted`` ids are marked."""
        self._snapshot = snapshot
        self._highlighted = set(highlighted)
        self._redraw()

    def set_language(self, lang: str) -> None:
        """Relabel the filter, the sort menu and the table in ``lang``."""
        self.lang = lang
        self._quiet = True
        try:
            value, order = self.filter.value, self.sort.value
            self.filter.options = [(t("table.all", lang), ""), *[(lab, lab) for lab in LABELS]]
            self.filter.value = value
            self.filter.description = t("table.label", lang)
            self.sort.options = [(t(v, lang), k) for k, v in SORT_KEYS.items()]
            self.sort.value = order
            self.sort.description = t("table.sort_by", lang)
        finally:
            self._quiet = False
        self._redraw()

    def click_row(self, index: int) -> None:
        """Imitate a click on row ``index`` of :attr:`rows`."""
        self.table.clicked = f"row:{index}"

    def _redraw(self) -> None:
        snap = self._snapshot
        if snap is None:
            self.rows, self.table.value = [], ""
            return
        self.rows = entity_rows(snap, label=self.filter.value, sort=self.sort.value, lang=self.lang)
        body = []
        for i, r in enumerate(self.rows):
            sel = ' class="wb-row-selected"' if self._highlighted & set(r.ids) else ""
            cls = f"wb-{r.label}" if r.label in LABEL_COLORS else "wb-MISC"
            body.append(
                f'<tr data-row="{i}"{sel}><td dir="auto">{escape_html(r.text)}</td>'
                f'<td><span class="wb-ent {cls}">{escape_html(r.label)}</span></td>'
                f"<td>{r.count}</td><td>{r.first}</td>"
                f'<td dir="auto">{escape_html(r.place)}</td></tr>'
            )
        self.table.value = (
            f"<style>.{self.scope} tr.wb-row-selected td{{background:#fef08a}}"
            f".{self.scope} tbody tr:hover td{{background:#f1f5f9}}</style>"
            f'<div class="{self.scope}" style="max-height:360px;overflow-y:auto">'
            '<table class="wb-table wb-entities"><thead><tr>'
            + "".join(f"<th>{escape_html(t('table.col_' + c, self.lang))}</th>"
                      for c in ("entity", "label", "count", "first", "place"))
            + "</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )

    def _on_option(self, change: dict[str, object]) -> None:
        if not self._quiet:  # relabelling the options keeps the value: nothing to redraw
            self._redraw()

    def _on_click(self, change: dict[str, object]) -> None:
        parsed = parse_click(str(change["new"]))
        if parsed and parsed[0] == "row" and parsed[1] < len(self.rows):
            for cb in self._callbacks:
                cb(self.rows[parsed[1]].id)
