"""The one escaping function for untrusted text in notebook HTML and reports.

Article text, titles, URLs, entity text, tags, analyst names and notes are
untrusted. Every piece of them goes through :func:`escape_html` before it
reaches markup (element content or a quoted attribute value), and URLs through
:func:`safe_url` before they reach an ``href``. Notebook views and the
standalone report share these two functions and one test suite
(``tests/report/test_escape.py``).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

__all__ = ["BIDI_CONTROLS", "escape_html", "safe_url"]

# Embedding/override/isolate controls can visually reorder the text around them
# (the "Trojan Source" trick); they are shown as visible markers instead.
# LRM/RLM/ALM are kept: they only affect neutral characters next to them.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))

# Lone surrogates cannot be encoded as UTF-8: writing the page would fail.
_SPECIAL = re.compile("[\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _replace(m: re.Match[str]) -> str:
    ch = m.group()
    return "\ufffd" if "\ud800" <= ch <= "\udfff" else f"[U+{ord(ch):04X}]"


def escape_html(text: object) -> str:
    """Escape ``text`` for HTML element content *and* quoted attribute values.

    Parameters
    ----------
    text
        Anything; it is converted with ``str`` first (``None`` becomes ``"None"``,
        so callers pass ``value or ""`` when they mean empty).

    Returns
    -------
    str
        ``& < > " '`` as entities; bidi embedding/override/isolate controls as a
        visible ``[U+202E]``-style marker; lone surrogates as U+FFFD. Other
        characters (Arabic, zero-width (non-)joiners, LRM/RLM) are kept so the
        text displays as written.
    """
    s = html.escape(str(text), quote=True)
    if _SPECIAL.search(s):
        s = _SPECIAL.sub(_replace, s)
    return s


def safe_url(url: object) -> str | None:
    """``url`` escaped for an ``href`` if it is an absolute http(s) URL, else ``None``.

    Parameters
    ----------
    url
        An untrusted URL (``javascript:``, ``data:``, protocol-relative and
        non-string values are refused).

    Returns
    -------
    str or None
        The URL with whitespace and control characters removed, escaped for a
        quoted attribute; ``None`` when it must not be linked.
    """
    if not url or not isinstance(url, str):
        return None
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return escape_html(cleaned)
