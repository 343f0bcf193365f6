"""The report stylesheet: screen, phone (narrow) and print rules.

Written one rule per line for review and minified by joining lines; the CSP
allows exactly the minified text by hash (:mod:`workbench.report.interact`).
"""

from __future__ import annotations

__all__ = ["CSS", "LABEL_COLORS"]

LABEL_COLORS: dict[str, str] = {
    "PER": "#fde68a", "LOC": "#a7f3d0", "ORG": "#bfdbfe", "MISC": "#e9d5ff",
}

_RULES = """
.wb-article{white-space:pre-wrap;line-height:2.2;font-size:1.1rem;
  font-family:'Noto Naskh Arabic','Amiri','Segoe UI',Tahoma,sans-serif;
  unicode-bidi:isolate;overflow-wrap:anywhere}
.wb-ent{border-radius:4px;padding:0 3px;color:inherit;
  box-decoration-break:clone;-webkit-box-decoration-break:clone}
.wb-ent::after{content:attr(data-label);font-size:.6em;font-weight:bold;opacity:.65;
  margin-inline-start:3px;font-family:sans-serif;unicode-bidi:isolate}
.wb-ent[data-place]{cursor:pointer}
.wb-ent.wb-st-rejected{text-decoration:line-through dotted}
{labels}
.wb-legend{display:flex;gap:.5em;flex-wrap:wrap;margin:.4em 0;font-family:sans-serif;
  font-size:.85rem;align-items:center}
.wb-legend>span{padding:1px 6px;border-radius:4px}
.wb-legend svg{vertical-align:middle}
.wb-scroll{overflow-x:auto;max-width:100%}
.wb-table{border-collapse:collapse;font-size:.9rem;margin:.5em 0;width:100%}
.wb-table th,.wb-table td{border:1px solid #cbd5e1;padding:3px 6px;text-align:start;
  vertical-align:top}
.wb-table th{background:#f1f5f9}
.wb-table tr[data-place]{cursor:pointer}
.wb-table tr.wb-selected td{background:#fef9c3}
.wb-num{font-variant-numeric:tabular-nums;white-space:nowrap}
.wb-map{width:100%;height:auto;border:1px solid #cbd5e1;display:block}
.wb-marker{cursor:pointer}
.wb-marker text{font:bold 10px sans-serif;text-anchor:middle;dominant-baseline:central;
  pointer-events:none}
.wb-marker.wb-selected circle{stroke:#111;stroke-width:3.5}
.wb-ent.wb-selected{outline:3px solid #111;outline-offset:1px}
[data-place]:focus-visible{outline:3px solid #2563eb;outline-offset:1px}
.wb-unresolved{color:#b91c1c}
.wb-status-chip{display:inline-block;padding:0 6px;border-radius:9px;font-size:.8rem;
  white-space:nowrap;background:#e2e8f0}
.wb-status-chip.wb-st-confirmed{background:#dcfce7;color:#14532d}
.wb-status-chip.wb-st-candidate{background:#dcfce7;color:#14532d}
.wb-status-chip.wb-st-pinned{background:#dbeafe;color:#1e3a8a}
.wb-status-chip.wb-st-rejected{background:#fee2e2;color:#7f1d1d;text-decoration:line-through}
tr.wb-st-rejected td{color:#64748b}
.wb-tag{display:inline-block;background:#f1f5f9;border:1px solid #cbd5e1;border-radius:9px;
  padding:0 6px;margin:1px;font-size:.8rem}
.wb-note{white-space:pre-wrap;overflow-wrap:anywhere;min-width:12em}
.wb-muted{color:#64748b}
body.wb-report{max-width:1400px;margin:0 auto;padding:1rem 1.25rem 3rem;color:#0f172a;
  font-family:system-ui,'Segoe UI',Tahoma,sans-serif;background:#fff}
.wb-report h1{font-size:1.5rem;margin:.2em 0 .4em;overflow-wrap:anywhere}
.wb-report h2{font-size:1.1rem;margin:1.4em 0 .4em;border-bottom:1px solid #e2e8f0}
.wb-meta{color:#475569;font-size:.9rem}
dl.wb-meta{display:grid;grid-template-columns:max-content 1fr;gap:.15em .8em;color:#334155;
  margin:0}
dl.wb-meta dt{font-weight:600}
dl.wb-meta dd{margin:0;overflow-wrap:anywhere}
.wb-report footer{margin-top:2em;color:#475569;font-size:.8rem;border-top:1px solid #e2e8f0;
  padding-top:.5em}
.wb-status{position:sticky;bottom:0;background:#0f172a;color:#fff;padding:.4em .8em;
  border-radius:6px 6px 0 0;font-size:.9rem}
.wb-status[hidden]{display:none}
@media (min-width:1000px){
  .wb-top{display:grid;grid-template-columns:minmax(0,1.35fr) minmax(0,1fr);gap:1.5rem;
    align-items:start}
  .wb-map-panel{position:sticky;top:.5rem}
}
@media (max-width:600px){
  body.wb-report{padding:.5rem .6rem 3rem}
  .wb-table{font-size:.75rem}
  .wb-article{font-size:1rem;line-height:2}
  dl.wb-meta{grid-template-columns:1fr}
  dl.wb-meta dt{margin-top:.3em}
}
@media print{
  body.wb-report{max-width:none;padding:0}
  .wb-top{display:block}
  .wb-map-panel{position:static;break-inside:avoid}
  .wb-status{display:none}
  .wb-report a[href]::after{content:" <" attr(href) ">";font-size:.8em}
  .wb-table tr{break-inside:avoid}
  .wb-report h2{break-after:avoid}
  *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
"""

CSS: str = "".join(
    line.strip()
    for line in _RULES.replace(
        "{labels}", "\n".join(f".wb-{k}{{background:{v}}}" for k, v in LABEL_COLORS.items())
    ).splitlines()
)
