"""Hand-made analyses for the report tests (JSON-contract dicts; no pipeline, no gazetteer).

A uniquely named module (not ``conftest``) so tests can import its helpers whatever
other test folders run in the same session.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
GENERATED_AT = datetime(2024, 8, 8, 12, 0, tzinfo=UTC)

TEXT = (
    "قال الرئيس الأوكراني فولوديمير زيلينسكي إن القوات دخلت كورسك وسيطرت على مارينو، "
    "فيما نفت موسكو ذلك.\nوأضاف أن كورسك ستبقى تحت المراقبة وأن روسيا تتحمل المسؤولية."
)


def span(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    i = -1
    for _ in range(nth):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def entity(text: str, needle: str, label: str, nth: int = 1) -> dict[str, Any]:
    """An entity dict over the ``nth`` occurrence of ``needle``."""
    s, e = span(text, needle, nth)
    return {"start": s, "end": e, "text": needle, "label": label}


def place(text: str, needle: str, nth: int = 1, **fields: Any) -> dict[str, Any]:
    """A JSON-contract place dict over the ``nth`` occurrence of ``needle``."""
    s, e = span(text, needle, nth)
    base: dict[str, Any] = {
        "start": s, "end": e, "text": needle, "name": None, "latitude": None, "longitude": None,
        "geonameid": None, "country_code": None, "feature": None, "confidence": 0.0,
        "candidates": [], "resolved": False, "precision": None, "uncertainty_km": None,
        "reason": "",
    }
    base.update(fields)
    if base["latitude"] is not None:
        base["resolved"] = True
    return base


KURSK = {"name": "Kursk", "latitude": 51.7373, "longitude": 36.1874, "geonameid": 538560,
         "country_code": "RU", "feature": "PPLA", "confidence": 0.91, "precision": "exact"}


def sample_data() -> dict[str, Any]:
    """Kursk/Marino: 7 entities, 5 place mentions (one region-level, one unresolved), a finding.

    Map points: 1 Kursk (two mentions), 2 Kursk Oblast as an area (for Marino),
    3 Moscow (confirmed); Russia is unresolved.
    """
    t = TEXT
    entities = [
        entity(t, "فولوديمير زيلينسكي", "PER"),
        entity(t, "كورسك", "LOC"),
        entity(t, "مارينو", "LOC"),
        entity(t, "موسكو", "LOC"),
        entity(t, "كورسك", "LOC", 2),
        entity(t, "روسيا", "LOC"),
        entity(t, "الأوكراني", "MISC"),
    ]
    places = [
        place(t, "كورسك", **KURSK, reason="exact Arabic name"),
        place(t, "مارينو", name="Kursk Oblast", latitude=51.5, longitude=36.0, geonameid=538555,
              country_code="RU", feature="ADM1", confidence=0.4, precision="region",
              uncertainty_km=120.0, reason="container: region of the article"),
        place(t, "موسكو", name="Moscow", latitude=55.7522, longitude=37.6156, geonameid=524901,
              country_code="RU", feature="PPLC", confidence=0.95, precision="exact",
              reason="capital", status="confirmed"),
        place(t, "كورسك", 2, **KURSK, reason="one sense per article"),
        place(t, "روسيا", reason="no candidate"),
    ]
    m0, m1 = span(t, "مارينو")
    findings = [{
        "target": {"start": m0, "end": m1}, "note": "Marino is a village in Kursk oblast;\ncheck imagery",
        "tags": ["verify", "imagery"], "confidence": "probable", "status": "open",
        "analyst": "سارة", "created": "2024-08-08T10:15:00Z",
    }]
    return {
        "source": "https://example.org/news/1", "url": "https://example.org/news/1",
        "title": "كورسك: هجوم مفاجئ", "language": "ar", "published": "2024-08-07",
        "text": t, "entities": entities, "places": places, "findings": findings,
    }


# Payloads that would run script, load something, or fake the text if not escaped.
SCRIPT_PAYLOADS = [
    '<script>window.__pwned=1;document.title="pwned"</script>',
    '<img src=x onerror="window.__pwned=2;document.title=\'pwned\'">',
    '</textarea><script>window.__pwned=3</script>',
    '</script><script>window.__pwned=4</script>',
    '"><svg onload="window.__pwned=5">',
    "'><svg><script>window.__pwned=6</script></svg>",
    '<svg><a href="javascript:window.__pwned=7"><text>x</text></a></svg>',
    '</title><script>window.__pwned=8</script>',
    '</style><script>window.__pwned=9</script>',
    '<iframe srcdoc="<script>parent.__pwned=10</script>"></iframe>',
    "<a href=javascript:window.__pwned=11>click</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=12>",
]
TEXT_TRAPS = [
    "&lt;script&gt;", "&amp;", "\u202egnp.exe", "zero\u200bwidth\u200djoin\u200c", "\u2066iso\u2069",
]
HOSTILE = " ".join(SCRIPT_PAYLOADS + TEXT_TRAPS)


def hostile_data() -> dict[str, Any]:
    """Every untrusted field (text, title, source, URL, names, notes, tags...) hostile."""
    text = "قال الرئيس " + HOSTILE + "\nفي كورسك اليوم " + HOSTILE
    k0, k1 = span(text, "كورسك")
    h0 = text.index("<script>")
    h1 = h0 + len(SCRIPT_PAYLOADS[0])
    return {
        "source": HOSTILE, "url": "javascript:window.__pwned=99", "title": HOSTILE,
        "published": HOSTILE, "language": "ar", "text": text,
        "entities": [
            {"start": k0, "end": k1, "text": HOSTILE, "label": "LOC"},
            {"start": h0, "end": h1, "text": HOSTILE, "label": '"><img src=x onerror=window.__pwned=20>'},
        ],
        "places": [
            {**place(text, "كورسك", **KURSK), "name": HOSTILE, "reason": HOSTILE,
             "country_code": HOSTILE, "precision": HOSTILE, "feature": HOSTILE, "status": HOSTILE},
            {**place(text, "<script>"), "latitude": HOSTILE, "longitude": "1e999",
             "confidence": HOSTILE, "reason": HOSTILE},
        ],
        "findings": [
            {"target": {"start": k0, "end": k1}, "note": HOSTILE, "tags": [HOSTILE, "<b>x</b>"],
             "confidence": HOSTILE, "status": HOSTILE, "analyst": HOSTILE, "created": HOSTILE},
            {"target": HOSTILE, "note": HOSTILE, "tags": HOSTILE},
        ],
    }
