"""Pure shaping of plain analysis data for rendering: corrections, map points, findings.

Nothing here produces markup. The functions take JSON-contract dicts (and the
analyst's plain-data state) and return small typed views that
:mod:`workbench.report.html` and :mod:`workbench.report.svgmap` render. They
never raise on a malformed item: a place with unusable coordinates becomes an
unresolved row, an odd finding is shown with what it has (fail per item).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

__all__ = [
    "DEFAULT_RADIUS_KM",
    "PLACE_STATUSES",
    "FindingView",
    "MapPoint",
    "apply_corrections",
    "as_number",
    "findings_view",
    "format_time",
    "map_points",
    "normalize",
    "place_status",
]

# ``machine``/``unresolved``/``candidate`` are the findings store's words
# (workbench.annotations.PlaceState.status); the first two read as "auto".
PLACE_STATUSES = ("auto", "confirmed", "candidate", "pinned", "rejected")
_ALIASES = {"machine": "auto", "unresolved": "auto", "": "auto"}
# A container-level place without a radius still gets an area, never a pin.
DEFAULT_RADIUS_KM = {"region": 150.0, "country": 500.0}
APPROXIMATE = frozenset(DEFAULT_RADIUS_KM)
_STATUS_RANK = {"pinned": 4, "confirmed": 3, "candidate": 2, "auto": 1}


def as_number(value: object) -> float | None:
    """``value`` as a finite float, or ``None`` (strings, NaN, booleans, ``None`` are refused)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    f = float(value)
    return f if math.isfinite(f) else None


def place_status(place: Mapping[str, Any]) -> str:
    """The normalized analyst status of a place dict (unknown values read as ``auto``)."""
    s = str(place.get("status") or "auto").strip().lower()
    s = _ALIASES.get(s, s)
    return s if s in PLACE_STATUSES else "auto"



def normalize(data: Mapping[str, Any] | object) -> dict[str, Any]:
    """An analysis in the report's list shape, whatever shape it came in.

    Accepts the JSON contract (``places`` a list with offsets) and the findings
    store's :class:`~workbench.annotations.ArticleState` (or its ``to_dict()``):
    deleted entities are dropped, ``places`` keyed by entity id become a list
    with the entity's offsets, and finding targets naming an ``entity_id`` get
    that entity's ``start``/``end`` so they link to the text and the map.
    """
    out = dict(_as_mapping(data))
    entities = [dict(_as_mapping(e)) for e in out.get("entities") or []]
    entities = [e for e in entities if not e.get("deleted")]
    by_id = {e["id"]: e for e in entities if isinstance(e.get("id"), str)}
    places = out.get("places") or []
    if isinstance(places, Mapping):
        rows = []
        for e in entities:
            p = places.get(e.get("id"))
            if p is not None and e.get("label") == "LOC":
                rows.append({**_as_mapping(p), "start": e.get("start"), "end": e.get("end"),
                             "text": e.get("text")})
        places = rows
    findings = []
    for f in out.get("findings") or []:
        f = dict(_as_mapping(f))
        t = f.get("target")
        if isinstance(t, Mapping) and "start" not in t and t.get("entity_id") in by_id:
            e = by_id[t["entity_id"]]
            f["target"] = {**t, "start": e.get("start"), "end": e.get("end")}
        findings.append(f)
    out["entities"] = entities
    out["places"] = [dict(_as_mapping(p)) for p in places]
    out["findings"] = findings
    return out


def apply_corrections(data: Mapping[str, Any], state: Mapping[str, Any] | None) -> dict[str, Any]:
    """The analysis dict with the analyst's state applied.

    Parameters
    ----------
    data
        A JSON-contract analysis dict (``text``, ``entities``, ``places``...).
    state
        The analyst's plain-data state: any of ``entities`` (``start``, ``end``,
        ``text``, ``label``), ``places`` (JSON-contract place dicts plus an optional
        ``status``: ``auto``/``confirmed``/``pinned``/``rejected``) and ``findings``.
        A list present in ``state`` *replaces* the automatic one, because the
        state is a snapshot of what the analyst saw and edited.

    Returns
    -------
    dict
        A new dict; ``data`` is not modified. ``corrections`` counts what changed.
    """
    base = normalize(data)
    if not state:
        return base
    raw = _as_mapping(state)
    fixed = normalize(raw)
    out = dict(base)
    changed: dict[str, int] = {}
    for key in ("entities", "places", "findings"):
        if raw.get(key) is None:
            continue
        new = fixed[key]
        if key == "findings":
            changed[key] = len(new)
        else:
            old = {_span(x): x for x in base[key]}
            changed[key] = sum(1 for x in new if not _same(old.get(_span(x)), x))
        out[key] = new
    out["corrections"] = changed
    return out


def _same(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> bool:
    """Whether a corrected record says the same as the automatic one (ignoring bookkeeping)."""
    if old is None:
        return False
    skip = {"id", "origin", "deleted", "entity_id", "candidates"}
    keys = (set(old) | set(new)) - skip
    same_fields = all(old.get(k) == new.get(k) for k in keys if k != "status")
    return same_fields and place_status(old) == place_status(new)


def _span(x: Mapping[str, Any]) -> tuple[Any, Any]:
    return x.get("start"), x.get("end")


def _as_mapping(x: object) -> Mapping[str, Any]:
    """A plain mapping from a dict, a dataclass or an object with ``to_dict()``."""
    if isinstance(x, Mapping):
        return x
    to_dict = getattr(x, "to_dict", None)
    if callable(to_dict):
        d = to_dict()
        if isinstance(d, Mapping):
            return d
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return dataclasses.asdict(x)
    return {"note": str(x)}


@dataclass(frozen=True, slots=True)
class MapPoint:
    """Where the places of the article go on the map, and how they link to the page.

    Attributes
    ----------
    key
        The ``data-place`` value shared by the marker, the table rows and the text
        mentions of this point (``p1``, ``p2``... for mapped points, ``u3`` for an
        unmapped place).
    number
        1-based marker number shown on the map and in the table (0 when unmapped).
    latitude, longitude
        WGS84 degrees, ``None`` when unmapped (unresolved or rejected).
    approximate
        Only a container (region/country) is known: drawn as an area.
    radius_km
        Radius of that area.
    status
        The strongest analyst status of the members (``pinned`` > ``confirmed`` > ``auto``),
        or ``rejected``.
    members
        Indexes (into the places list) of the mentions shown by this point.
    """

    key: str
    number: int
    latitude: float | None
    longitude: float | None
    approximate: bool
    radius_km: float | None
    status: str
    members: tuple[int, ...]

    @property
    def mapped(self) -> bool:
        """Whether the point has a marker."""
        return self.latitude is not None


def _coords(p: Mapping[str, Any]) -> tuple[float, float] | None:
    lat, lon = as_number(p.get("latitude")), as_number(p.get("longitude"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def map_points(places: Sequence[Mapping[str, Any]]) -> tuple[list[MapPoint], list[str]]:
    """Group place mentions into map points.

    Mentions resolved to the same location (same gazetteer id, coordinates and
    precision) share one marker, so a city named five times is one marker linked
    to five mentions. Unresolved and rejected mentions get their own unmapped key.

    Parameters
    ----------
    places
        JSON-contract place dicts (optionally with ``status``).

    Returns
    -------
    points, keys
        The points (mapped ones first, numbered in order of first mention) and,
        for each place, the key of its point.
    """
    groups: dict[tuple[Any, ...], list[int]] = {}
    keys: list[str] = [""] * len(places)
    unmapped: list[int] = []
    for i, p in enumerate(places):
        c = _coords(p)
        if c is None or place_status(p) == "rejected":
            unmapped.append(i)
            continue
        approx = p.get("precision") in APPROXIMATE
        gid = p.get("geonameid") if isinstance(p.get("geonameid"), int | str) else None
        groups.setdefault((gid, round(c[0], 4), round(c[1], 4), approx), []).append(i)
    points: list[MapPoint] = []
    for n, ((_, _, _, approx), members) in enumerate(groups.items(), start=1):
        first = places[members[0]]
        lat, lon = _coords(first) or (0.0, 0.0)
        radius = None
        if approx:
            radius = max((as_number(places[i].get("uncertainty_km")) or 0.0) for i in members)
            radius = radius if radius > 0 else DEFAULT_RADIUS_KM[str(first.get("precision"))]
        status = max((place_status(places[i]) for i in members), key=_STATUS_RANK.__getitem__)
        point = MapPoint(f"p{n}", n, lat, lon, approx, radius, status, tuple(members))
        points.append(point)
        for i in members:
            keys[i] = point.key
    for i in unmapped:
        keys[i] = f"u{i}"
        points.append(MapPoint(f"u{i}", 0, None, None, False, None, place_status(places[i]), (i,)))
    return points, keys


def format_time(value: object) -> str:
    """A timestamp for display: ISO datetimes to the minute, epoch seconds as UTC, else ``str``."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
            return value.strftime("%Y-%m-%d %H:%M UTC")
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    n = as_number(value)
    if n is not None:
        try:
            return datetime.fromtimestamp(n, UTC).strftime("%Y-%m-%d %H:%M UTC")
        except (OverflowError, OSError, ValueError):
            return str(value)
    if isinstance(value, str):
        if len(value) == 10:  # a date alone stays a date
            return value
        try:
            return format_time(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return value
    return str(value)


@dataclass(frozen=True, slots=True)
class FindingView:
    """One finding, shaped for display (all strings still unescaped).

    Attributes
    ----------
    target
        What the finding is about, as text (the quoted article span when known).
    key
        The ``data-place`` key of the place it is about, or ``""``.
    note, tags, confidence, status, analyst, created
        As given, formatted as strings.
    """

    target: str
    key: str
    note: str
    tags: tuple[str, ...]
    confidence: str
    status: str
    analyst: str
    created: str


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _target(
    target: object, text: str, places: Sequence[Mapping[str, Any]], keys: Sequence[str]
) -> tuple[str, str]:
    """(quoted text, place key) of a finding target."""
    if target is None:
        return "", ""
    if not isinstance(target, Mapping):
        return str(target), ""
    start, end, quote = target.get("start"), target.get("end"), None
    selectors = target.get("selector") or []
    for sel in [selectors] if isinstance(selectors, Mapping) else selectors:
        if not isinstance(sel, Mapping):
            continue
        if sel.get("type") == "TextPositionSelector":
            start, end = sel.get("start"), sel.get("end")
        elif sel.get("type") == "TextQuoteSelector":
            quote = sel.get("exact")
    key = ""
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        quote = quote or text[start:end]
        key = next((keys[i] for i, p in enumerate(places) if _span(p) == (start, end)), "")
    place = target.get("place")
    if isinstance(place, int) and not isinstance(place, bool) and 0 <= place < len(places):
        key = keys[place]
        quote = quote or _text(places[place].get("text"))
    gid = target.get("geonameid")
    if gid is not None and not key:
        i = next((i for i, p in enumerate(places) if p.get("geonameid") == gid), None)
        if i is not None:
            key, quote = keys[i], quote or _text(places[i].get("text"))
    for field in ("text", "exact", "label", "id"):
        quote = quote or target.get(field)
    return _text(quote), key


def findings_view(
    findings: Iterable[object],
    *,
    text: str = "",
    places: Sequence[Mapping[str, Any]] = (),
    keys: Sequence[str] = (),
) -> list[FindingView]:
    """Findings (dicts, dataclasses or objects with ``to_dict()``) shaped for display.

    Parameters
    ----------
    findings
        Each with any of ``target``, ``note``, ``tags``, ``confidence``, ``status``,
        ``analyst``, ``created``. A target may be a text span (``start``/``end``),
        a W3C ``selector`` (TextPositionSelector/TextQuoteSelector), a ``place``
        index, a ``geonameid``, or plain text.
    text
        The article text, to quote span targets.
    places, keys
        The places and their point keys (from :func:`map_points`), to link a
        finding to its marker.
    """
    out = []
    for f in findings:
        m = _as_mapping(f)
        quote, key = _target(m.get("target"), text, places, keys)
        raw_tags = m.get("tags") or ()
        if isinstance(raw_tags, str) or not isinstance(raw_tags, Iterable):
            raw_tags = (raw_tags,)
        tags = tuple(_text(t) for t in raw_tags if t not in (None, ""))
        conf = m.get("confidence")
        n = as_number(conf)
        out.append(
            FindingView(
                target=quote,
                key=key,
                note=_text(m.get("note") if m.get("note") is not None else m.get("body")),
                tags=tags,
                confidence=f"{n:.2f}" if n is not None and 0 <= n <= 1 else _text(conf),
                status=_text(m.get("status")),
                analyst=_text(m.get("analyst") if "analyst" in m else m.get("creator")),
                created=format_time(m.get("created")),
            )
        )
    return out
