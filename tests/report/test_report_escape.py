import pytest

from workbench.report.escape import escape_html, safe_url

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "&lt;script&gt;",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_escape_leaves_no_markup(payload: str) -> None:
    out = escape_html(payload)
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out


def test_escape_is_literal_for_entities() -> None:
    assert escape_html("&lt;") == "&amp;lt;"


def test_bidi_override_made_visible_but_arabic_kept() -> None:
    out = escape_html("كورسك\u202egnp.exe")
    assert "\u202e" not in out and "[U+202E]" in out and "كورسك" in out


def test_zero_width_and_rlm_kept() -> None:
    assert escape_html("a\u200cb\u200f") == "a\u200cb\u200f"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" java\tscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def test_safe_url_escapes_quotes() -> None:
    assert '"' not in (safe_url('https://e.org/"onmouseover="x') or "")
