"""Evaluate place resolution against gold mentions with coordinates (``workbench eval geo``).

Two dataset shapes are read (both JSONL, detected per line):

- **news** (``tests/data/geo/news_dev.jsonl``): one gold mention per line,
  ``{"text", "start", "end", "lat", "lon", "geonameid"?, "class"?, "level"?}``; lines
  with the same ``text`` form one document and are resolved together;
- **IDRISI-D** (``../shared/data/geo/idrisi-d-ar/<event>/<split>.jsonl``): one tweet per
  line with ``location_mentions[]`` (``start_offset``, ``end_offset``, ``type``,
  ``osm_json.lat/lon``). A directory is read as ``*/<split>.jsonl``.

Gold mentions are given to the resolver (the NER is not evaluated here). Scores: share of
mentions resolved within 161 km (100 miles, the usual geoparsing radius) — unresolved
mentions count as misses —, exact GeoNames-id accuracy where gold ids exist, median and
mean error of the resolved mentions, share unresolved; the same per level/class.
``acc_area`` also accepts a country/region answer whose radius covers the gold point
(a country's representative point may lie 250 km from the one the gold set uses).
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError
from workbench.geo.gazetteer import Gazetteer
from workbench.geo.layers import PlaceLayer
from workbench.geo.model import ResolvedPlace
from workbench.geo.rank import haversine_km
from workbench.geo.resolve import resolve_places

__all__ = [
    "RADIUS_KM",
    "EvalReport",
    "GoldDocument",
    "GoldMention",
    "evaluate",
    "format_report",
    "read_dataset",
    "score",
]

RADIUS_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold place mention: offsets into its document text and the true coordinates."""

    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None = None
    level: str = ""  # country/region/city/village/poi... (IDRISI type or news class)
    klass: str = ""  # ambiguity class of the news set (namesake, capital, common-word...)


@dataclass
class GoldDocument:
    """A text with its gold mentions."""

    doc_id: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


@dataclass
class _Group:
    n: int = 0
    within: int = 0
    unresolved: int = 0
    errors: list[float] = field(default_factory=list)
    with_id: int = 0
    id_hits: int = 0

    within_area: int = 0

    def add(self, err: float | None, id_hit: bool | None, radius_km: float = 0.0) -> None:
        self.n += 1
        if err is None:
            self.unresolved += 1
        else:
            self.errors.append(err)
            self.within += err <= RADIUS_KM
            self.within_area += err <= max(RADIUS_KM, radius_km)
        if id_hit is not None:
            self.with_id += 1
            self.id_hits += id_hit

    def to_dict(self) -> dict[str, Any]:
        errs = self.errors
        return {
            "n": self.n,
            "acc_161km": round(self.within / self.n, 4) if self.n else None,
            "acc_area": round(self.within_area / self.n, 4) if self.n else None,
            "exact_id_acc": round(self.id_hits / self.with_id, 4) if self.with_id else None,
            "n_with_id": self.with_id,
            "median_km": round(statistics.median(errs), 1) if errs else None,
            "mean_km": round(statistics.fmean(errs), 1) if errs else None,
            "unresolved": round(self.unresolved / self.n, 4) if self.n else None,
        }


@dataclass
class EvalReport:
    """Scores overall and per level/class, plus the worst misses for error analysis."""

    overall: dict[str, Any]
    by_level: dict[str, dict[str, Any]]
    by_class: dict[str, dict[str, Any]]
    misses: list[dict[str, Any]]
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (the ``--json`` output)."""
        return {
            "overall": self.overall,
            "by_level": self.by_level,
            "by_class": self.by_class,
            "misses": self.misses,
            "seconds": round(self.seconds, 2),
        }


def _news_line(d: dict[str, Any]) -> tuple[str, GoldMention]:
    gid = d.get("geonameid")
    return d["text"], GoldMention(
        int(d["start"]), int(d["end"]), float(d["lat"]), float(d["lon"]),
        int(gid) if gid not in (None, "") else None,
        str(d.get("level") or ""), str(d.get("class") or ""),
    )  # fmt: skip


def _idrisi_doc(d: dict[str, Any], doc_id: str) -> GoldDocument:
    doc = GoldDocument(str(d.get("tweet_id") or doc_id), d["text"])
    for m in d.get("location_mentions") or []:
        osm = m.get("osm_json") or {}
        try:
            lat, lon = float(osm["lat"]), float(osm["lon"])
            start, end = int(m["start_offset"]), int(m["end_offset"])
        except (KeyError, TypeError, ValueError):
            continue
        if not (0 <= start < end <= len(doc.text)):
            continue
        doc.mentions.append(GoldMention(start, end, lat, lon, None, str(m.get("type") or "")))
    return doc


def _files(path: Path, split: str) -> list[Path]:
    if path.is_dir():
        files = sorted(path.glob(f"*/{split}.jsonl")) or sorted(path.glob(f"{split}.jsonl"))
        if not files:
            files = sorted(path.glob("*.jsonl"))
        return files
    return [path]


def read_dataset(path: Path | str, *, split: str = "dev") -> list[GoldDocument]:
    """Gold documents of a news or IDRISI-D JSONL file (or an IDRISI-D directory).

    Parameters
    ----------
    path
        A ``.jsonl`` file or a directory of ``<event>/<split>.jsonl`` files.
    split
        For directories: which split to read (``train`` or ``dev``).

    Raises
    ------
    WorkbenchError
        The path does not exist or holds no readable line.
    """
    path = Path(path)
    if not path.exists():
        raise WorkbenchError(f"no evaluation data at {path}", code="W320")
    docs: dict[str, GoldDocument] = {}
    for f in _files(path, split):
        with f.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if not line.strip():
                    continue
                d = json.loads(line)
                if "location_mentions" in d:
                    doc = _idrisi_doc(d, f"{f.parent.name}/{i}")
                    docs[f"{f}:{doc.doc_id}:{i}"] = doc
                else:
                    text, m = _news_line(d)
                    doc = docs.setdefault(text, GoldDocument(str(d.get("id") or len(docs)), text))
                    doc.mentions.append(m)
    if not docs:
        raise WorkbenchError(f"no gold mentions in {path}", code="W320")
    return list(docs.values())


def score(
    docs: Sequence[GoldDocument], predictions: Sequence[Sequence[ResolvedPlace]], *, misses: int = 25
) -> EvalReport:
    """Score resolved places (one list per document, in gold-mention order)."""
    overall = _Group()
    by_level: dict[str, _Group] = defaultdict(_Group)
    by_class: dict[str, _Group] = defaultdict(_Group)
    worst: list[tuple[float, dict[str, Any]]] = []
    for doc, places in zip(docs, predictions, strict=True):
        for m, p in zip(doc.mentions, places, strict=True):
            err = (
                haversine_km(m.lat, m.lon, p.entry.latitude, p.entry.longitude)
                if p.entry is not None
                else None
            )
            hit = None if m.geonameid is None else bool(p.entry and p.entry.geonameid == m.geonameid)
            radius = p.entry.radius_km if p.entry is not None else 0.0
            overall.add(err, hit, radius)
            by_level[m.level or "?"].add(err, hit, radius)
            if m.klass:
                by_class[m.klass].add(err, hit, radius)
            if err is None or err > RADIUS_KM:
                worst.append((
                    err if err is not None else float("inf"),
                    {
                        "doc": doc.doc_id,
                        "mention": doc.text[m.start : m.end],
                        "context": doc.text[max(0, m.start - 40) : m.end + 40],
                        "level": m.level,
                        "class": m.klass,
                        "error_km": None if err is None else round(err, 1),
                        "got": p.entry.name if p.entry else None,
                        "got_country": p.entry.country_code if p.entry else None,
                        "reason": p.reason,
                    },
                ))  # fmt: skip
    worst.sort(key=lambda t: -t[0])
    return EvalReport(
        overall.to_dict(),
        {k: g.to_dict() for k, g in sorted(by_level.items(), key=lambda kv: -kv[1].n)},
        {k: g.to_dict() for k, g in sorted(by_class.items(), key=lambda kv: -kv[1].n)},
        [w for _, w in worst[:misses]],
    )


def _resolve_docs(
    docs: Iterable[GoldDocument], gazetteer: Gazetteer, extra_layers: Sequence[PlaceLayer]
) -> Iterator[list[ResolvedPlace]]:
    for doc in docs:
        spans = [(m.start, m.end, "LOC") for m in doc.mentions]
        yield resolve_places(doc.text, spans, gazetteer, extra_layers=extra_layers)


def evaluate(
    docs: Sequence[GoldDocument],
    gazetteer: Gazetteer,
    *,
    extra_layers: Sequence[PlaceLayer] = (),
    misses: int = 25,
) -> EvalReport:
    """Resolve the gold mentions of every document and score them.

    Returns
    -------
    EvalReport
        ``seconds`` is the resolution time (candidate caches warm up during the run).
    """
    import time

    t0 = time.perf_counter()
    predictions = list(_resolve_docs(docs, gazetteer, extra_layers))
    report = score(docs, predictions, misses=misses)
    report.seconds = time.perf_counter() - t0
    return report


def _row(name: str, g: dict[str, Any]) -> str:
    def pct(v: float | None) -> str:
        return "   -  " if v is None else f"{100 * v:5.1f}%"

    def km(v: float | None) -> str:
        return "      -" if v is None else f"{v:7.1f}"

    return (
        f"{name[:22]:22s} {g['n']:5d}  {pct(g['acc_161km'])}  {pct(g['acc_area'])}"
        f"  {pct(g['exact_id_acc'])}"
        f" {km(g['median_km'])} {km(g['mean_km'])}  {pct(g['unresolved'])}"
    )


def format_report(report: EvalReport, *, title: str = "") -> str:
    """A plain-text table of the report (what ``workbench eval geo`` prints)."""
    head = (
        f"{'':22s} {'n':>5s}  {'@161km':>6s}  {'@area':>6s}  {'id acc':>6s} {'med km':>7s}"
        f" {'mean km':>7s}  {'unres':>6s}"
    )
    lines = [title] if title else []
    lines += [head, _row("overall", report.overall)]
    if report.by_level:
        lines.append("by level:")
        lines += [_row("  " + k, g) for k, g in report.by_level.items()]
    if report.by_class:
        lines.append("by class:")
        lines += [_row("  " + k, g) for k, g in report.by_class.items()]
    lines.append(f"resolution time: {report.seconds:.2f} s")
    return "\n".join(lines)
