"""HTML rendering of an analysis from plain data (no spaCy objects).

Parsing is separate from rendering, as in displaCy: callers pass the article
text and entity/place/finding dicts; every string from them goes through
:func:`workbench.report.escape.escape_html` (URLs through
:func:`~workbench.report.escape.safe_url`). Right-to-left comes from the
article's language (``dir="rtl"`` for Arabic and other RTL scripts,
``dir="auto"`` otherwise), never from special cases.

:func:`render_fragment` is the notebook view (no script, no ids);
:func:`render_document` the standalone, offline, CSP-locked report page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from workbench.report.escape import escape_html, safe_url
from workbench.report.interact import SCRIPT, content_security_policy
from workbench.report.styles import CSS, LABEL_COLORS
from workbench.report.svgmap import STATUS_COLORS, marker_caption, render_svg_map
from workbench.report.views import (
    FindingView,
    MapPoint,
    apply_corrections,
    as_number,
    findings_view,
    format_time,
    map_points,
    place_status,
)

__all__ = [
    "CSS",
    "LABEL_COLORS",
    "RTL_LANGUAGES",
    "render_article",
    "render_document",
    "render_fragment",
    "render_legend",
]

LABEL_NAMES: dict[str, str] = {
    "PER": "شخص · person",
    "LOC": "مكان · place",
    "ORG": "منظمة · organization",
    "MISC": "أخرى · other",
}
STATUS_NAMES: dict[str, str] = {
    "auto": "آلي · automatic",
    "confirmed": "مؤكَّد · confirmed",
    "candidate": "اختيار المحلل · analyst's choice",
    "pinned": "مثبَّت · pinned",
    "rejected": "مرفوض · rejected",
}
RTL_LANGUAGES = frozenset(
    {"ar", "arz", "apc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"}
)


def _dir(language: object) -> str:
    primary = str(language or "").split("-")[0].split("_")[0].lower()
    return "rtl" if primary in RTL_LANGUAGES else "auto"


def _lang_attr(language: object) -> str:
    lang = str(language or "")
    if not lang or not all(c.isascii() and (c.isalnum() or c == "-") for c in lang):
        return ""
    return f' lang="{escape_html(lang)}"'


def render_legend() -> str:
    """The label legend (one colour per entity label)."""
    items = "".join(
        f'<span class="wb-{k}">{k} · {escape_html(LABEL_NAMES[k])}</span>' for k in LABEL_COLORS
    )
    return f'<div class="wb-legend" dir="auto">{items}</div>'


def _map_legend() -> str:
    def dot(color: str) -> str:
        return (
            f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            f'<circle cx="7" cy="7" r="6" fill="{color}"/></svg>'
        )

    area = (
        '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
        '<circle cx="8" cy="8" r="7" '
        f'fill="{STATUS_COLORS["auto"]}" fill-opacity=".15" stroke="{STATUS_COLORS["auto"]}" '
        'stroke-dasharray="3 2"/></svg>'
    )
    return (
        '<div class="wb-legend wb-map-legend">'
        f"<span>{dot(STATUS_COLORS['auto'])} موقع · place</span>"
        f"<span>{area} منطقة تقريبية · approximate area (region/country)</span>"
        f"<span>{dot(STATUS_COLORS['confirmed'])} {escape_html(STATUS_NAMES['confirmed'])}</span>"
        f"<span>{dot(STATUS_COLORS['pinned'])} {escape_html(STATUS_NAMES['pinned'])}</span></div>"
    )


def _span_key(x: Mapping[str, Any]) -> tuple[Any, Any]:
    return x.get("start"), x.get("end")


def render_article(
    text: str,
    entities: Sequence[Mapping[str, Any]],
    *,
    language: str = "ar",
    links: Mapping[tuple[Any, Any], tuple[str, str, str]] | None = None,
) -> str:
    """The article with entities highlighted inline.

    Parameters
    ----------
    text
        The article text; entity offsets index it.
    entities
        Dicts with ``start``, ``end``, ``label`` (overlapping or out-of-range ones
        are not highlighted).
    language
        ``"ar"`` (or another RTL language) lays the text out right-to-left,
        anything else uses ``dir="auto"``.
    links
        ``(start, end) -> (place key, caption, status)`` for entities that are place
        mentions: their mark carries ``data-place`` to link it with the map.

    Returns
    -------
    str
        A ``<div class="wb-article">``; its text content equals ``text`` (labels are
        drawn by CSS), with bidi controls shown as visible markers.
    """
    links = links or {}
    out: list[str] = []
    pos = 0
    valid = [
        e for e in entities if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    ]
    for i, ent in enumerate(sorted(valid, key=lambda e: (e["start"], -e["end"]))):
        start, end, label = ent["start"], ent["end"], str(ent.get("label") or "MISC")
        if start < pos or end <= start or end > len(text):
            continue
        out.append(escape_html(text[pos:start]))
        cls = f"wb-ent wb-{label}" if label in LABEL_COLORS else "wb-ent wb-MISC"
        title = label
        extra = ""
        link = links.get((start, end))
        if link:
            key, caption, status = link
            cls += f" wb-st-{status}"
            title = caption
            extra = (
                f' data-place="{escape_html(key)}" data-caption="{escape_html(caption)}" '
                'tabindex="0" role="button" aria-pressed="false"'
            )
        out.append(
            f'<mark class="{cls}" data-ent="{i}" data-label="{escape_html(label)}"{extra} '
            f'title="{escape_html(title)}">{escape_html(text[start:end])}</mark>'
        )
        pos = end
    out.append(escape_html(text[pos:]))
    attrs = f'dir="{_dir(language)}"{_lang_attr(language)}'
    return f'<div class="wb-article" {attrs}>{"".join(out)}</div>'


def _entity_table(entities: Sequence[Mapping[str, Any]]) -> str:
    counts: dict[tuple[str, str], list[int]] = {}
    for e in entities:
        start = e.get("start")
        counts.setdefault((str(e.get("text") or ""), str(e.get("label") or "")), []).append(
            start if isinstance(start, int) else 0
        )
    rows = "".join(
        f'<tr><td dir="auto">{escape_html(t)}</td><td><span class="wb-ent '
        f'{"wb-" + lab if lab in LABEL_COLORS else "wb-MISC"}">{escape_html(lab)}</span></td>'
        f'<td class="wb-num">{len(starts)}</td><td class="wb-num">{min(starts)}</td></tr>'
        for (t, lab), starts in sorted(counts.items(), key=lambda kv: min(kv[1]))
    )
    return (
        '<div class="wb-scroll"><table class="wb-table wb-entities"><thead><tr>'
        "<th>الكيان · entity</th><th>النوع · label</th><th>العدد · count</th>"
        f"<th>أول موضع · first offset</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _fmt_number(value: object, fmt: str) -> str:
    n = as_number(value)
    if n is not None:
        return format(n, fmt)
    return escape_html(value) if value not in (None, "") else ""


def _place_chip(place: Mapping[str, Any]) -> str:
    s = place_status(place)
    return f'<span class="wb-status-chip wb-st-{s}">{escape_html(STATUS_NAMES[s])}</span>'


def _chip(status: str) -> str:
    return f'<span class="wb-status-chip" dir="auto">{escape_html(status)}</span>'


def _captions(
    places: Sequence[Mapping[str, Any]], points: Sequence[MapPoint], keys: Sequence[str]
) -> dict[str, str]:
    out = {p.key: marker_caption(p, places) for p in points if p.mapped}
    for i, p in enumerate(places):
        if keys[i] not in out:
            why = "rejected" if place_status(p) == "rejected" else "unresolved"
            reason = str(p.get("reason") or "")
            out[keys[i]] = f"{p.get('text') or ''} — {why}" + (f": {reason}" if reason else "")
    return out


def _place_table(
    places: Sequence[Mapping[str, Any]], points: Sequence[MapPoint], keys: Sequence[str],
    captions: Mapping[str, str],
) -> str:
    by_key = {p.key: p for p in points}
    rows = []
    for i, p in enumerate(places):
        point = by_key[keys[i]]
        status = place_status(p)
        lat, lon = as_number(p.get("latitude")), as_number(p.get("longitude"))
        if point.mapped or (status == "rejected" and lat is not None and lon is not None):
            coords = f"{lat:.4f}, {lon:.4f}" if lat is not None and lon is not None else ""
            name = escape_html(p.get("name") or "")
        else:
            coords, name = "—", '<span class="wb-unresolved">غير محدد · unresolved</span>'
        prec = escape_html(p.get("precision") or "")
        if point.approximate and point.radius_km:
            prec += f" ±{point.radius_km:.0f} km"
        number = str(point.number) if point.mapped else "—"
        st_cls = f" wb-st-{status}"
        rows.append(
            f'<tr class="wb-place-row{st_cls}" data-place="{point.key}" '
            f'data-caption="{escape_html(captions[point.key])}" tabindex="0" role="button" '
            f'aria-pressed="false"><td class="wb-num">{number}</td>'
            f'<td dir="auto">{escape_html(p.get("text") or "")}</td><td dir="auto">{name}</td>'
            f'<td>{escape_html(p.get("country_code") or "")}</td>'
            f'<td class="wb-num" dir="ltr">{coords}</td>'
            f"<td>{prec}</td><td class=\"wb-num\">{_fmt_number(p.get('confidence'), '.2f')}</td>"
            f'<td dir="auto">{escape_html(p.get("reason") or "")}</td>'
            f"<td>{_place_chip(p)}</td></tr>"
        )
    return (
        '<div class="wb-scroll"><table class="wb-table wb-places"><thead><tr><th>#</th>'
        "<th>الذكر · mention</th><th>الاسم في المعجم · gazetteer name</th><th>الدولة · country</th>"
        "<th>الإحداثيات · lat, lon</th><th>الدقة · precision</th><th>الثقة · confidence</th>"
        "<th>السبب · reason</th><th>حالة المحلل · analyst status</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _findings_table(findings: Sequence[FindingView]) -> str:
    if not findings:
        return '<p class="wb-muted">لا ملاحظات · no findings</p>'
    rows = []
    for f in findings:
        attrs = ""
        if f.key:
            attrs = (
                f' data-place="{escape_html(f.key)}" tabindex="0" role="button" aria-pressed="false"'
            )
        tags = "".join(f'<span class="wb-tag" dir="auto">{escape_html(t)}</span>' for t in f.tags)
        rows.append(
            f'<tr class="wb-finding"{attrs}><td dir="auto">{escape_html(f.target)}</td>'
            f'<td class="wb-note" dir="auto">{escape_html(f.note)}</td><td>{tags}</td>'
            f'<td class="wb-num">{escape_html(f.confidence)}</td><td>'
            f"{_chip(f.status) if f.status else ''}</td>"
            f'<td dir="auto">{escape_html(f.analyst)}</td>'
            f'<td class="wb-num" dir="ltr">{escape_html(f.created)}</td></tr>'
        )
    return (
        '<div class="wb-scroll"><table class="wb-table wb-findings"><thead><tr>'
        "<th>الموضوع · target</th><th>الملاحظة · note</th><th>الوسوم · tags</th>"
        "<th>الثقة · confidence</th>"
        "<th>الحالة · status</th><th>المحلل · analyst</th><th>الوقت · time</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _sections(
    data: Mapping[str, Any], findings: Iterable[object], *, heading: str
) -> tuple[str, str, str]:
    """(article + map block, tables block, counts line) of an analysis."""
    text = str(data.get("text") or "")
    entities = [e for e in (data.get("entities") or []) if isinstance(e, Mapping)]
    places = [p for p in (data.get("places") or []) if isinstance(p, Mapping)]
    points, keys = map_points(places)
    captions = _captions(places, points, keys)
    links = {_span_key(p): (keys[i], captions[keys[i]], place_status(p)) for i, p in enumerate(places)}
    all_findings = [*(data.get("findings") or []), *findings]
    fviews = findings_view(all_findings, text=text, places=places, keys=keys)
    mapped = [p for p in points if p.mapped]
    unmapped = len(places) - sum(len(p.members) for p in mapped)
    note = (
        f'<p class="wb-muted"><bdi>{unmapped} ذكر غير مرسوم على الخريطة (غير محدد أو مرفوض)</bdi>'
        f" · <bdi>{unmapped} mention(s) not on the map (unresolved or rejected)</bdi></p>"
        if unmapped
        else ""
    )
    h = heading
    top = (
        '<div class="wb-top"><section class="wb-text-panel">'
        f"<{h}>النص · Article</{h}>{render_legend()}"
        + render_article(text, entities, language=data.get("language") or "ar", links=links)
        + "</section>"
        f'<section class="wb-map-panel"><{h}>الخريطة · Map</{h}>{_map_legend()}'
        f"{render_svg_map(places, points=points)}{note}</section></div>"
    )
    tables = (
        f"<section><{h}>الأماكن · Places</{h}>"
        f"{_place_table(places, points, keys, captions)}</section>"
        f"<section><{h}>ملاحظات المحلل · Findings</{h}>{_findings_table(fviews)}</section>"
        f"<section><{h}>الكيانات · Entities</{h}>{_entity_table(entities)}</section>"
    )
    counts = (
        f"{len(entities)} entities · {len(places)} place mentions on {len(mapped)} map points · "
        f"{len(fviews)} findings"
    )
    return top, tables, counts


def render_fragment(
    data: Mapping[str, Any],
    *,
    findings: Iterable[object] = (),
    state: Mapping[str, Any] | None = None,
) -> str:
    """Notebook view: legend, highlighted article, map and tables (no ``<html>``, no script).

    Parameters
    ----------
    data
        A JSON-contract analysis dict; may carry ``findings`` and places with ``status``.
    findings
        More findings to show (dicts, dataclasses or objects with ``to_dict()``).
    state
        The analyst's corrections, applied with :func:`~workbench.report.views.apply_corrections`.
    """
    data = apply_corrections(data, state)
    top, tables, _ = _sections(data, findings, heading="h4")
    return f"<style>{CSS}</style><div class='wb-view'>{top}{tables}</div>"


def _meta_row(label: str, value_html: str) -> str:
    return f"<dt>{label}</dt><dd><bdi>{value_html}</bdi></dd>" if value_html else ""


def render_document(
    data: Mapping[str, Any],
    *,
    generator: str = "",
    findings: Iterable[object] = (),
    gazetteer_info: str = "",
    state: Mapping[str, Any] | None = None,
    generated_at: datetime | None = None,
) -> str:
    """A complete, self-contained, offline HTML page for an analysis.

    Parameters
    ----------
    data
        A JSON-contract analysis dict (``text``, ``language``, ``entities``, ``places``,
        ``title``, ``source``, ``url``, ``published``), optionally with analyst
        ``findings`` and a ``status`` on places.
    generator
        Name and version of the program, shown in the page (``"workbench 0.1.0"``).
    findings
        More findings to show (dicts, dataclasses or objects with ``to_dict()``).
    gazetteer_info
        One line about the gazetteer used (version, build date, sources).
    state
        The analyst's corrections (see :func:`~workbench.report.views.apply_corrections`).
    generated_at
        Time shown as the generation time (now, in UTC, by default).

    Returns
    -------
    str
        The page. It loads nothing from the network; a Content-Security-Policy
        allows only its own stylesheet and its one script, by hash. The script
        links text mentions, table rows and map markers; everything is readable
        and printable without it.
    """
    data = apply_corrections(data, state)
    top, tables, counts = _sections(data, findings, heading="h2")
    language = data.get("language") or ""
    page_dir = "rtl" if _dir(language) == "rtl" else "ltr"
    raw_title = data.get("title") or "تحليل مقال · Article analysis"
    title = escape_html(raw_title)
    url = safe_url(data.get("url")) or safe_url(data.get("source"))
    source = escape_html(data.get("source") or data.get("url") or "")
    source_html = source
    if url:
        source_html = f'<a href="{url}" rel="noopener noreferrer nofollow">{source}</a>'
    when = (generated_at or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    corrections = data.get("corrections") or {}
    corrected = ", ".join(f"{n} {k}" for k, n in corrections.items() if isinstance(n, int))
    meta = (
        '<dl class="wb-meta">'
        + _meta_row("المصدر · source", source_html)
        + _meta_row("تاريخ النشر · published", escape_html(format_time(data.get("published"))))
        + _meta_row("اللغة · language", escape_html(language))
        + _meta_row("المحتوى · contents", escape_html(counts))
        + _meta_row("تصحيحات المحلل · analyst corrections", escape_html(corrected))
        + _meta_row("أُنشئ · generated", escape_html(when))
        + "</dl>"
    )
    made = f"generated {escape_html(when)}" + (
        f" by <bdi>{escape_html(generator)}</bdi>" if generator else ""
    )
    gaz = f"<p>gazetteer: <bdi>{escape_html(gazetteer_info)}</bdi></p>" if gazetteer_info else ""
    footer = (
        f'<footer dir="ltr" lang="en"><p>{made}</p>{gaz}<p>One self-contained file: it requests '
        "nothing from the network; its only script links the text, the table and the map.</p>"
        '<p dir="rtl" lang="ar">ملف واحد مستقل لا يطلب شيئاً من الشبكة.</p></footer>'
    )
    csp = content_security_policy(script=SCRIPT, style=CSS)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"ar" if page_dir == "rtl" else "en"}" dir="{page_dir}"><head>'
        '<meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<meta name=\"generator\" content=\"{escape_html(generator)}\">"
        f"<title>{title}</title><style>{CSS}</style></head>"
        f'<body class="wb-report"><header><h1 dir="auto">{title}</h1>{meta}</header>'
        f"<main>{top}{tables}</main>{footer}"
        '<div id="wb-status" class="wb-status" role="status" aria-live="polite" hidden></div>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
