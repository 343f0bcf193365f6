"""The one escaping function for untrusted text in notebook HTML and reports.

Article text, titles, URLs, entity text and analyst notes are untrusted. Every
piece of them goes through :func:`escape_html` before it reaches markup, and
URLs through :func:`safe_url` before they reach an ``href``.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

__all__ = ["BIDI_CONTROLS", "escape_html", "safe_url"]

# Embedding/override/isolate controls can visually reorder the text around them
# (the "Trojan Source" trick); they are shown as visible markers instead.
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def escape_html(text: object) -> str:
    """Escape ``text`` for HTML element content *and* quoted attribute values.

    ``& < > " '`` become entities; bidi embedding/override/isolate controls
    become a visible ``[U+202E]``-style marker; other characters (Arabic,
    zero-width joiners, LRM/RLM) are kept so the text displays as written.
    """
    s = html.escape(str(text), quote=True)
    if any(ch in BIDI_CONTROLS for ch in s):
        s = "".join(f"[U+{ord(ch):04X}]" if ch in BIDI_CONTROLS else ch for ch in s)
    return s


def safe_url(url: str | None) -> str | None:
    """``url`` escaped for an ``href`` if it is http(s), else ``None`` (never ``javascript:``)."""
    if not url:
        return None
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return escape_html(cleaned)
