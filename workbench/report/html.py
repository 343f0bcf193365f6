"""HTML rendering of an analysis from plain data (no spaCy objects).

Parsing is separate from rendering, as in displaCy: callers pass the article
text and entity/place dicts; everything from the article goes through
:func:`workbench.report.escape.escape_html`. Right-to-left comes from the
article's language (``dir="rtl"`` for Arabic, ``dir="auto"`` otherwise).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from workbench.report.escape import escape_html, safe_url
from workbench.report.svgmap import render_svg_map

__all__ = ["LABEL_COLORS", "render_article", "render_document", "render_legend"]

LABEL_COLORS: dict[str, str] = {"PER": "#fde68a", "LOC": "#a7f3d0", "ORG": "#bfdbfe", "MISC": "#e9d5ff"}
LABEL_NAMES: dict[str, str] = {
    "PER": "شخص · person", "LOC": "مكان · place", "ORG": "منظمة · organization", "MISC": "أخرى · other",
}

CSS = """
.wb-article{white-space:pre-wrap;line-height:2.1;font-size:1.1rem;font-family:'Noto Naskh Arabic','Amiri','Segoe UI',Tahoma,sans-serif;unicode-bidi:isolate}
.wb-ent{border-radius:4px;padding:0 3px;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.wb-ent .wb-label{font-size:.62em;font-weight:bold;opacity:.7;margin-inline-start:3px;font-family:sans-serif;unicode-bidi:isolate}
""" + "".join(f".wb-{k}{{background:{v}}}" for k, v in LABEL_COLORS.items()) + """
.wb-legend{display:flex;gap:.6em;flex-wrap:wrap;margin:.4em 0;font-family:sans-serif;font-size:.85rem}
.wb-legend span{padding:1px 6px;border-radius:4px}
.wb-table{border-collapse:collapse;font-size:.9rem;margin:.5em 0;width:100%}
.wb-table th,.wb-table td{border:1px solid #cbd5e1;padding:3px 6px;text-align:start;vertical-align:top}
.wb-table th{background:#f1f5f9}
.wb-map{width:100%;max-width:900px;height:auto;border:1px solid #cbd5e1}
.wb-marker.wb-selected{stroke:#111;stroke-width:3}
.wb-unresolved{color:#b91c1c}
body.wb-report{max-width:960px;margin:1.5em auto;padding:0 1em;font-family:system-ui,sans-serif;color:#0f172a}
.wb-meta{color:#475569;font-size:.9rem}
@media print{.wb-map{max-width:100%}body.wb-report{margin:0}}
@media (max-width:600px){.wb-table{font-size:.75rem}.wb-article{font-size:1rem}}
"""


def _dir(language: str) -> str:
    return "rtl" if language == "ar" else "auto"


def render_legend() -> str:
    """The label legend (one colour per label)."""
    items = "".join(
        f'<span class="wb-ent wb-{k}">{k} · {escape_html(LABEL_NAMES[k])}</span>' for k in LABEL_COLORS
    )
    return f'<div class="wb-legend" dir="auto">{items}</div>'


def render_article(
    text: str, entities: Sequence[Mapping[str, Any]], *, language: str = "ar"
) -> str:
    """The article with entities highlighted inline.

    Parameters
    ----------
    text
        The article text; entity offsets index it.
    entities
        Dicts with ``start``, ``end``, ``label`` (overlapping ones are skipped).
    language
        ``"ar"`` lays the text out right-to-left, anything else uses ``dir="auto"``.
    """
    out: list[str] = []
    pos = 0
    for i, ent in enumerate(sorted(entities, key=lambda e: (e["start"], -e["end"]))):
        start, end, label = int(ent["start"]), int(ent["end"]), str(ent["label"])
        if start < pos or end <= start or end > len(text):
            continue
        out.append(escape_html(text[pos:start]))
        cls = f"wb-{label}" if label in LABEL_COLORS else "wb-MISC"
        out.append(
            f'<mark class="wb-ent {cls}" data-ent="{i}" data-label="{escape_html(label)}" '
            f'title="{escape_html(label)}">{escape_html(text[start:end])}'
            f'<span class="wb-label">{escape_html(label)}</span></mark>'
        )
        pos = end
    out.append(escape_html(text[pos:]))
    lang = "ar" if language == "ar" else ""
    lang_attr = f' lang="{lang}"' if lang else ""
    return f'<div class="wb-article" dir="{_dir(language)}"{lang_attr}>{"".join(out)}</div>'


def _entity_table(entities: Sequence[Mapping[str, Any]]) -> str:
    counts: dict[tuple[str, str], list[int]] = {}
    for e in entities:
        counts.setdefault((str(e["text"]), str(e["label"])), []).append(int(e["start"]))
    rows = "".join(
        f'<tr><td dir="auto">{escape_html(t)}</td><td><span class="wb-ent wb-{escape_html(lab)}">'
        f"{escape_html(lab)}</span></td><td>{len(starts)}</td><td>{min(starts)}</td></tr>"
        for (t, lab), starts in sorted(counts.items(), key=lambda kv: min(kv[1]))
    )
    return (
        '<table class="wb-table wb-entities"><thead><tr><th>entity</th><th>label</th><th>count</th>'
        f"<th>first offset</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _place_table(places: Sequence[Mapping[str, Any]]) -> str:
    rows = []
    for i, p in enumerate(places):
        if p.get("latitude") is None:
            coords, name = "—", '<span class="wb-unresolved">unresolved</span>'
        else:
            coords = f"{p['latitude']:.4f}, {p['longitude']:.4f}"
            name = escape_html(p.get("name") or "")
        prec = escape_html(p.get("precision") or "")
        if p.get("uncertainty_km"):
            prec += f" ±{float(p['uncertainty_km']):.0f} km"
        rows.append(
            f'<tr data-place="{i}"><td dir="auto">{escape_html(p.get("text", ""))}</td><td>{name}</td>'
            f"<td>{escape_html(p.get('country_code') or '')}</td><td>{coords}</td>"
            f"<td>{escape_html(p.get('feature') or '')}</td><td>{prec}</td>"
            f"<td>{float(p.get('confidence') or 0):.2f}</td><td dir=\"auto\">{escape_html(p.get('reason', ''))}</td></tr>"
        )
    return (
        '<table class="wb-table wb-places"><thead><tr><th>mention</th><th>gazetteer name</th>'
        "<th>country</th><th>lat, lon</th><th>feature</th><th>precision</th><th>confidence</th>"
        f"<th>reason</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def render_fragment(data: Mapping[str, Any]) -> str:
    """Notebook view: legend, highlighted article, map and tables (no ``<html>`` wrapper)."""
    places = data.get("places", [])
    return (
        f"<style>{CSS}</style><div class='wb-view'>{render_legend()}"
        f"{render_article(data['text'], data.get('entities', []), language=data.get('language', 'ar'))}"
        f"<h4>Places</h4>{render_svg_map(places)}{_place_table(places)}"
        f"<h4>Entities</h4>{_entity_table(data.get('entities', []))}</div>"
    )


def render_document(data: Mapping[str, Any], *, generator: str = "") -> str:
    """A complete, self-contained HTML page for an analysis (JSON-contract dict).

    The page loads nothing from the network and runs no script; a strict
    Content-Security-Policy forbids both.
    """
    title = escape_html(data.get("title") or "Article analysis")
    url = safe_url(data.get("url"))
    source = escape_html(data.get("source", ""))
    source_html = f'<a href="{url}" rel="noopener noreferrer">{source}</a>' if url else source
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    meta = (
        f'<p class="wb-meta">source: {source_html} · language: {escape_html(data.get("language", ""))}'
        + (f" · published: {escape_html(data['published'])}" if data.get("published") else "")
        + f" · generated {generated}{(' by ' + escape_html(generator)) if generator else ''}</p>"
    )
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n<html lang=\"ar\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head>"
        f'<body class="wb-report"><h1 dir="auto">{title}</h1>{meta}{render_fragment(data)}</body></html>\n'
    )
