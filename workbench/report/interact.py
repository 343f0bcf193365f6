"""The report's one script, and the CSP that allows exactly it.

The script is a constant: no data is ever interpolated into it. It reads the
``data-place`` and ``data-caption`` attributes that the renderer wrote (escaped)
into the DOM, and links a mention in the text, its row in the places table and
its marker on the map: selecting one highlights the others. It sets text only
through ``textContent``.

The Content-Security-Policy allows this script and the report's stylesheet by
their SHA-256 hashes, computed at render time from the exact bytes written, so
no other script or style (injected or not) can run, and no request can leave
the page.
"""

from __future__ import annotations

import base64
import hashlib

__all__ = ["SCRIPT", "content_security_policy", "csp_hash"]

SCRIPT = """
(function () {
  "use strict";
  var doc = document, current = null;
  var status = doc.getElementById("wb-status");
  function each(list, fn) { for (var i = 0; i < list.length; i++) { fn(list[i]); } }
  function members(key) {
    var out = [];
    each(doc.querySelectorAll("[data-place]"), function (el) {
      if (el.getAttribute("data-place") === key) { out.push(el); }
    });
    return out;
  }
  function select(key) {
    each(doc.querySelectorAll(".wb-selected"), function (el) {
      el.classList.remove("wb-selected");
      if (el.hasAttribute("aria-pressed")) { el.setAttribute("aria-pressed", "false"); }
    });
    if (key === current || !key) {
      current = null;
      if (status) { status.textContent = ""; status.hidden = true; }
      return;
    }
    current = key;
    var caption = "";
    members(key).forEach(function (el) {
      el.classList.add("wb-selected");
      if (el.hasAttribute("aria-pressed")) { el.setAttribute("aria-pressed", "true"); }
      if (!caption && el.hasAttribute("data-caption")) {
        caption = el.getAttribute("data-caption");
      }
      // SVG has no z-index: re-append the marker so it is drawn on top.
      if (el.classList.contains("wb-marker") && el.parentNode) { el.parentNode.appendChild(el); }
    });
    if (status) { status.textContent = caption; status.hidden = !caption; }
  }
  function target(ev) {
    var el = ev.target;
    if (!el || !el.closest || el.closest("a")) { return null; }
    return el.closest("[data-place]");
  }
  doc.addEventListener("click", function (ev) {
    var el = target(ev);
    if (el) { select(el.getAttribute("data-place")); }
  });
  doc.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") { return; }
    var el = target(ev);
    if (el && el === ev.target) { ev.preventDefault(); select(el.getAttribute("data-place")); }
  });
  doc.documentElement.classList.add("wb-js");
})();
"""


def csp_hash(source: str) -> str:
    """The CSP source expression (``'sha256-…'``) of an inline script or style body.

    Parameters
    ----------
    source
        The exact text between ``<script>`` and ``</script>`` (or the style tags).
    """
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(*, script: str, style: str) -> str:
    """A strict policy for a report page with one inline script and one inline style.

    Nothing may load (``default-src 'none'``) except ``data:`` images; only the
    given script and style run; no ``<base>``, no form submissions.
    """
    return (
        f"default-src 'none'; script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
