"""The feedback a student reads: a :class:`~workbench.exercises.scoring.Result` as text or HTML.

Pure rendering: every piece of article or student text goes through
:func:`workbench.report.escape.escape_html`. Arabic feedback is laid out
right-to-left (``dir="rtl"``); entity texts carry ``dir="auto"``. Missed
entities and gold places are only named when the exercise allows revealing.
"""

from __future__ import annotations

from workbench.exercises.i18n import direction, tr
from workbench.exercises.scoring import EntityOutcome, LabelScore, PlaceOutcome, Result
from workbench.report.escape import escape_html

__all__ = ["feedback_html", "feedback_text", "in_context"]

_KIND_COLORS = {"correct": "#15803d", "wrong_label": "#b45309", "boundary": "#b45309",
                "missed": "#b91c1c", "spurious": "#b91c1c"}
_STATUS_COLORS = {"pass": "#15803d", "fail": "#b91c1c", "not_located": "#b91c1c", "not_marked": "#b91c1c"}
CONTEXT = 30


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def _km(x: float | None, lang: str) -> str:
    return "—" if x is None else tr("km", lang, value=f"{x:,.1f}")


def _visible(o: EntityOutcome, reveal: bool) -> bool:
    # Without reveal, only the student's own spans are shown (never an expected answer).
    return reveal or o.student is not None


def in_context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """HTML of ``text[start:end]`` marked inside a few words of context (escaped)."""
    a, b = max(0, start - width), min(len(text), end + width)
    pre = ("…" if a > 0 else "") + text[a:start]
    post = text[end:b] + ("…" if b < len(text) else "")
    return (f'<span dir="auto">{escape_html(pre)}<mark class="wb-fb-span">'
            f"{escape_html(text[start:end])}</mark>{escape_html(post)}</span>")


def _head(lang: str, *keys: str) -> str:
    return "<thead><tr>" + "".join(f"<th>{escape_html(tr(k, lang))}</th>" for k in keys) + "</tr></thead>"


def _entity_cells(o: EntityOutcome, r: Result, lang: str) -> tuple[str, str, str]:
    hidden = escape_html(tr("hidden_answer", lang))
    gold = (f'<span dir="auto">{escape_html(o.gold.text)}</span> · {escape_html(o.gold.label)}'
            if o.gold is not None and r.reveal else ("" if o.gold is None else hidden))
    mine = (f'<span dir="auto">{escape_html(o.student.text)}</span> · {escape_html(o.student.label)}'
            if o.student is not None else "—")
    span = o.student if o.student is not None else o.gold
    assert span is not None
    ctx = in_context(r.text, span.start, span.end) if r.text else escape_html(span.text)
    return ctx, gold or "—", mine


def _label_rows(r: Result, lang: str) -> str:
    rows = []
    for s in [*r.labels.values(), r.micro]:
        name = tr("all_labels", lang) if s.label == "ALL" else s.label
        rows.append(f"<tr><th>{escape_html(name)}</th><td>{_pct(s.precision)}</td>"
                    f"<td>{_pct(s.recall)}</td><td>{_pct(s.f1)}</td><td>{s.support}</td></tr>")
    return "".join(rows)


def _place_row(p: PlaceOutcome, r: Result, lang: str) -> str:
    g = p.gold
    where = in_context(r.text, g.start, g.end) if r.text else escape_html(g.text)
    if r.reveal:
        where += f' → <span dir="auto">{escape_html(g.name)}</span>'
    color = _STATUS_COLORS[p.status]
    return (f'<tr class="wb-fb-place wb-fb-{p.status}"><td>{where}</td>'
            f"<td>{escape_html(_km(p.distance_km, lang))}</td>"
            f"<td>{escape_html(_km(g.tolerance_km, lang))}</td>"
            f'<td style="color:{color};font-weight:bold">'
            f'{escape_html(tr("status_" + p.status, lang))}</td></tr>')


def feedback_html(result: Result, lang: str = "en") -> str:
    """The feedback as an HTML fragment (a ``<div>`` with class ``wb-feedback``).

    Parameters
    ----------
    result
        A checked submission.
    lang
        ``"en"`` or ``"ar"`` (laid out right-to-left).
    """
    r = result
    d = direction(lang)
    parts = [
        f'<div class="wb-feedback" dir="{d}" lang="{escape_html(lang)}" '
        f'style="text-align:{"right" if d == "rtl" else "left"}">',
        "<style>.wb-feedback table{border-collapse:collapse;margin:.4em 0}"
        ".wb-feedback th,.wb-feedback td{border:1px solid #cbd5e1;padding:2px 8px}"
        ".wb-feedback mark.wb-fb-span{background:#fde68a}</style>",
        f"<h4>{escape_html(tr('feedback_title', lang, student=r.student))}</h4>",
        f'<p class="wb-fb-score" style="font-size:1.2em"><b>'
        f"{escape_html(tr('score', lang, score=f'{r.score:g}'))}</b></p>",
        f"<p>{escape_html(tr('entity_score', lang, value=_pct(r.entity_score)))}"
    ]
    if r.place_score is not None:
        parts.append(" · " + escape_html(tr("place_score", lang, passed=sum(p.passed for p in r.places),
                                            total=len(r.places))))
    parts.append("</p>")
    for w in r.warnings:
        parts.append(f'<p style="color:#b45309">{escape_html(tr("warning", lang, text=w))}</p>')
    parts.append(
        '<table class="wb-fb-labels">'
        + _head(lang, "label", "precision", "recall", "f1", "support")
        + f"<tbody>{_label_rows(r, lang)}</tbody></table>"
    )
    wrong = [o for o in r.entities if o.kind != "correct" and _visible(o, r.reveal)]
    if wrong:
        rows = []
        for o in wrong:
            ctx, gold, mine = _entity_cells(o, r, lang)
            rows.append(
                f'<tr class="wb-fb-entity wb-fb-{o.kind}"><td>{ctx}</td>'
                f'<td style="color:{_KIND_COLORS[o.kind]}">{escape_html(tr("kind_" + o.kind, lang))}</td>'
                f"<td>{gold}</td><td>{mine}</td></tr>"
            )
        parts.append(
            '<table class="wb-fb-entities">'
            + _head(lang, "col_entity", "col_what", "col_expected", "col_yours")
            + f"<tbody>{''.join(rows)}</tbody></table>"
        )
    n_hidden = sum(1 for o in r.entities if not _visible(o, r.reveal))
    if n_hidden:
        parts.append(f"<p>{escape_html(tr('missed_hidden', lang, n=n_hidden))}</p>")
    n_unmarked = len(r.places) - sum(1 for p in r.places if r.reveal or p.student is not None)
    if n_unmarked:
        parts.append(f"<p>{escape_html(tr('places_hidden', lang, n=n_unmarked))}</p>")
    shown_places = [p for p in r.places if r.reveal or p.student is not None]
    if shown_places:
        parts.append(
            f"<h5>{escape_html(tr('places_title', lang))}</h5>"
            '<table class="wb-fb-places">'
            + _head(lang, "col_place", "col_distance", "col_tolerance", "col_result")
            + "<tbody>"
            + "".join(_place_row(p, r, lang) for p in shown_places)
            + "</tbody></table>"
        )
    parts.append("</div>")
    return "".join(parts)


def _label_line(s: LabelScore, lang: str) -> str:
    name = tr("all_labels", lang) if s.label == "ALL" else s.label
    return (f"  {name}: {tr('precision', lang)} {_pct(s.precision)} · {tr('recall', lang)} "
            f"{_pct(s.recall)} · F1 {_pct(s.f1)} · {tr('support', lang)} {s.support}")


def feedback_text(result: Result, lang: str = "en") -> str:
    """The feedback as plain text (for a terminal or an autograder log)."""
    r = result
    lines = [tr("feedback_title", lang, student=r.student), tr("score", lang, score=f"{r.score:g}"),
             tr("entity_score", lang, value=_pct(r.entity_score))]
    if r.place_score is not None:
        lines.append(tr("place_score", lang, passed=sum(p.passed for p in r.places), total=len(r.places)))
    lines += [tr("warning", lang, text=w) for w in r.warnings]
    lines += [_label_line(s, lang) for s in [*r.labels.values(), r.micro]]
    for o in r.entities:
        if o.kind == "correct" or not _visible(o, r.reveal):
            continue
        mine = f"{o.student.text} ({o.student.label})" if o.student else "—"
        gold = (f"{o.gold.text} ({o.gold.label})" if o.gold and r.reveal
                else (tr("hidden_answer", lang) if o.gold else "—"))
        span = o.student or o.gold
        assert span is not None
        lines.append(f"  - {tr('kind_' + o.kind, lang)}: {tr('col_yours', lang)} {mine} · "
                     f"{tr('col_expected', lang)} {gold} · @{span.start}")
    n_hidden = sum(1 for o in r.entities if not _visible(o, r.reveal))
    if n_hidden:
        lines.append(tr("missed_hidden", lang, n=n_hidden))
    n_unmarked = 0
    for p in r.places:
        if not r.reveal and p.student is None:
            n_unmarked += 1
            continue
        name = f" → {p.gold.name}" if r.reveal else ""
        lines.append(f"  * {p.gold.text}{name}: {_km(p.distance_km, lang)} / {_km(p.gold.tolerance_km, lang)}"
                     f" · {tr('status_' + p.status, lang)}")
    if n_unmarked:
        lines.append(tr("places_hidden", lang, n=n_unmarked))
    return "\n".join(lines)
