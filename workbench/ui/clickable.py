"""An HTML widget that reports which marked element was clicked.

With :mod:`anywidget` installed, a ten-line ES module renders ``value`` and,
on a click inside an element carrying ``data-ent`` or ``data-row``, sets
``clicked`` to ``"ent:<n>"`` or ``"row:<n>"`` (plus ``#<time>`` so that the
same element clicked twice still changes the trait). Without anywidget it is a
plain :class:`ipywidgets.HTML`: it shows the same markup, and selection goes
through the selector widgets next to it. Tests imitate a click with
``widget.clicked = "ent:3"``.
"""

from __future__ import annotations

import ipywidgets as widgets
import traitlets

__all__ = ["HAS_ANYWIDGET", "ClickableHTML", "parse_click"]

_ESM = """
function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "wb-clickable";
  const draw = () => { box.innerHTML = model.get("value"); };
  draw();
  model.on("change:value", draw);
  box.addEventListener("click", (ev) => {
    const t = ev.target.closest("[data-ent],[data-row]");
    if (!t || !box.contains(t)) return;
    const key = t.dataset.ent !== undefined ? "ent:" + t.dataset.ent : "row:" + t.dataset.row;
    model.set("clicked", key + "#" + Date.now());
    model.save_changes();
  });
  el.appendChild(box);
}
export default { render };
"""
_CSS = ".wb-clickable [data-ent],.wb-clickable [data-row]{cursor:pointer}"

try:
    import anywidget

    HAS_ANYWIDGET = True

    class ClickableHTML(anywidget.AnyWidget):
        """Escaped HTML in ``value``; ``clicked`` is set by the browser on a click."""

        _esm = _ESM
        _css = _CSS
        value = traitlets.Unicode("").tag(sync=True)
        clicked = traitlets.Unicode("").tag(sync=True)

except ImportError:  # pragma: no cover - exercised only without anywidget
    HAS_ANYWIDGET = False

    class ClickableHTML(widgets.HTML):  # type: ignore[no-redef]
        """Fallback: an HTML widget whose ``clicked`` only Python sets."""

        clicked = traitlets.Unicode("")


def parse_click(value: str) -> tuple[str, int] | None:
    """``"ent:3#1712"`` → ``("ent", 3)``; ``None`` for anything else."""
    key = value.split("#", 1)[0]
    kind, _, num = key.partition(":")
    if kind not in ("ent", "row") or not num.isdigit():
        return None
    return kind, int(num)
