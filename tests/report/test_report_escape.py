"""``escape_html``/``safe_url``: the one escaping path shared by notebook views and reports."""

import html

import pytest

from workbench.report.escape import BIDI_CONTROLS, escape_html, safe_url

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "'><svg onload=alert(1)>",
    "&lt;script&gt;",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_escape_leaves_no_markup(payload: str) -> None:
    out = escape_html(payload)
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    assert html.unescape(out) == payload  # the reader sees exactly what was written


def test_escape_is_literal_for_entities() -> None:
    assert escape_html("&lt;") == "&amp;lt;"


@pytest.mark.parametrize("control", sorted(BIDI_CONTROLS))
def test_every_bidi_control_made_visible(control: str) -> None:
    out = escape_html(f"كورسك{control}gnp.exe")
    assert control not in out and f"[U+{ord(control):04X}]" in out and "كورسك" in out


def test_zero_width_and_marks_kept() -> None:
    assert escape_html("a\u200cb\u200d\u200b\u200f\u061c") == "a\u200cb\u200d\u200b\u200f\u061c"


def test_lone_surrogate_cannot_break_the_utf8_file() -> None:
    out = escape_html("a\ud800b")
    assert out == "a\ufffdb"
    out.encode("utf-8")


def test_non_strings_are_stringified() -> None:
    assert escape_html(3.5) == "3.5"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" java\tscript:alert(1)", False),
        ("java\u200bscript:alert(1)", False),
        ("vbscript:msgbox(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("//evil.example", False),
        ("https://", False),
        ("", False),
        (None, False),
        (42, False),
    ],
)
def test_safe_url(url: object, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def test_safe_url_escapes_quotes_and_brackets() -> None:
    out = safe_url('https://e.org/"onmouseover="x"<b>') or ""
    assert '"' not in out and "<" not in out


def test_safe_url_strips_bidi_and_zero_width() -> None:
    assert safe_url("https://e.org/\u202eexe.pdf\u200b") == "https://e.org/exe.pdf"
