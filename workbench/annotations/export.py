"""Exports and imports of an :class:`ArticleState` in standard formats.

================================  =====================================================
Function                          Format
================================  =====================================================
:func:`to_web_annotation`         W3C Web Annotation JSON-LD ``AnnotationCollection``
:func:`from_web_annotation`       ... back onto a base state
:func:`to_geojson`                GeoJSON ``FeatureCollection`` of places (+ findings)
:func:`from_geojson`              ... back onto a base state
:func:`write_geopackage`          GeoPackage, layers ``places`` and ``findings``
:func:`write_csv`                 ``entities.csv``, ``places.csv``, ``findings.csv``
:func:`write_json`                any of the dict exports to a UTF-8 file
================================  =====================================================

Web Annotation mapping
----------------------
One ``Annotation`` per active entity and one per finding. The target is
``{"source": article URL or "urn:workbench:article:{id}", "selector":
[TextQuoteSelector(exact, prefix, suffix), TextPositionSelector(start, end)]}``
(positions count Unicode code points, as Python ``str`` indices and the W3C model do).
Entity bodies: the label as a ``TextualBody`` with ``purpose: classifying``; a
resolved place as a ``SpecificResource`` with ``purpose: identifying`` whose
source is ``https://sws.geonames.org/{id}/`` or, for pins, an RFC 5870
``geo:{lat},{lon}`` URI. Finding bodies: the note (``purpose: commenting``,
``text/plain``) and one ``TextualBody`` per tag (``purpose: tagging``);
``creator`` is the analyst, ``created``/``modified`` the timestamps.
What the W3C vocabulary has no term for (entity id and origin, place status
and precision, finding confidence and status) is carried by ``wb:`` properties
declared in a second ``@context`` entry, so the export round-trips.
Not carried: deleted entities, place candidates, the history.

Imports never evaluate anything: notes and texts are data. Selectors are
re-anchored on the base text (position first, then the quote with its
prefix/suffix), so an export can be applied to the same article analysed again.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.annotations.errors import ImportFormatError, InvalidChangeError
from workbench.annotations.model import (
    CONFIDENCES,
    FINDING_STATUSES,
    LABELS,
    PLACE_STATUSES,
    ArticleState,
    EntityState,
    Finding,
    PlaceState,
    SetRecords,
)

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "ANNO_CONTEXT",
    "WB_VOCAB",
    "from_geojson",
    "from_web_annotation",
    "geonames_uri",
    "to_geojson",
    "to_web_annotation",
    "write_csv",
    "write_geopackage",
    "write_json",
]

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
WB_VOCAB = "urn:workbench:vocab#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"wb": WB_VOCAB}]
GENERATOR = {"type": "Software", "name": "arabic-osint-workbench"}
QUOTE_CONTEXT = 32  # characters of prefix/suffix in TextQuoteSelector
_GEONAMES = "https://sws.geonames.org/"


def geonames_uri(geonameid: int) -> str:
    """The GeoNames semantic-web URI of a place: ``https://sws.geonames.org/{id}/``."""
    return f"{_GEONAMES}{int(geonameid)}/"


def _source(state: ArticleState) -> str:
    return state.url or f"urn:workbench:article:{state.article_id}"


def _target(state: ArticleState, start: int, end: int) -> dict[str, Any]:
    t = state.text
    return {
        "source": _source(state),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": t[start:end],
                "prefix": t[max(0, start - QUOTE_CONTEXT) : start],
                "suffix": t[end : end + QUOTE_CONTEXT],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def _place_props(p: PlaceState) -> dict[str, Any]:
    d = p.to_dict()
    del d["candidates"], d["entity_id"]
    return d


def _place_body(p: PlaceState) -> dict[str, Any] | None:
    if p.geonameid is not None:
        src = geonames_uri(p.geonameid)
    elif p.resolved:
        src = f"geo:{p.latitude},{p.longitude}"
    else:
        return None
    body: dict[str, Any] = {"type": "SpecificResource", "purpose": "identifying", "source": src}
    if p.name:
        body["label"] = p.name
    return body


def _finding_span(state: ArticleState, f: Finding) -> tuple[int, int] | None:
    if f.target.get("kind") == "span":
        return int(f.target["start"]), int(f.target["end"])
    e = state.entity(str(f.target.get("entity_id")))
    return None if e is None else (e.start, e.end)


def _person(name: str) -> dict[str, Any]:
    return {"type": "Person", "name": name}


def to_web_annotation(state: ArticleState) -> dict[str, Any]:
    """The state as a W3C Web Annotation ``AnnotationCollection`` (JSON-LD dict).

    Parameters
    ----------
    state
        The article state.

    Returns
    -------
    dict
        ``{"@context": [...], "type": "AnnotationCollection", "first":
        {"type": "AnnotationPage", "items": [Annotation, ...]}, ...}``; entity
        annotations first (text order), then findings (creation order).
    """
    items: list[dict[str, Any]] = []
    base = f"urn:workbench:article:{state.article_id}"
    for e in state.active_entities():
        bodies: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "classifying", "value": e.label}]
        anno: dict[str, Any] = {
            "id": f"{base}:entity:{e.id}",
            "type": "Annotation",
            "motivation": "classifying",
            "body": bodies,
            "target": _target(state, e.start, e.end),
            "wb:entityId": e.id,
            "wb:origin": e.origin,
        }
        if e.origin == "machine":
            anno["creator"] = dict(GENERATOR)
        place = state.place_for(e.id)
        if place is not None:
            pb = _place_body(place)
            if pb is not None:
                bodies.append(pb)
                anno["motivation"] = "identifying"
            anno["wb:place"] = _place_props(place)
        items.append(anno)
    for f in state.findings:
        span = _finding_span(state, f)
        if span is None:
            continue
        bodies = []
        if f.note:
            bodies.append(
                {
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "value": f.note,
                    "format": "text/plain",
                }
            )
        bodies += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in f.tags]
        anno = {
            "id": f"urn:workbench:finding:{f.id}",
            "type": "Annotation",
            "motivation": "commenting" if f.note or not f.tags else "tagging",
            "body": bodies,
            "target": _target(state, *span),
            "wb:findingId": f.id,
            "wb:target": dict(f.target),
            "wb:confidence": f.confidence,
            "wb:status": f.status,
        }
        if f.analyst:
            anno["creator"] = _person(f.analyst)
        if f.created:
            anno["created"] = f.created
        if f.updated:
            anno["modified"] = f.updated
        items.append(anno)
    return {
        "@context": CONTEXT,
        "id": f"{base}:annotations",
        "type": "AnnotationCollection",
        "label": state.title or state.article_id,
        "generator": dict(GENERATOR),
        "total": len(items),
        "wb:articleId": state.article_id,
        "wb:revision": state.revision,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def write_json(doc: Mapping[str, Any], path: str | Path) -> Path:
    """Write a dict export (Web Annotation, GeoJSON) as UTF-8 JSON; returns the path."""
    path = Path(path)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# GeoJSON


def _feature(state: ArticleState, e: EntityState, p: PlaceState) -> dict[str, Any]:
    geometry = {"type": "Point", "coordinates": [p.longitude, p.latitude]} if p.resolved else None
    props: dict[str, Any] = {
        "entity_id": e.id,
        "mention": e.text,
        "start": e.start,
        "end": e.end,
        "origin": e.origin,
        **_place_props(p),
        "geonames_uri": geonames_uri(p.geonameid) if p.geonameid is not None else None,
        "findings": [f.to_dict() for f in state.findings_for(e.id)],
    }
    return {"type": "Feature", "id": e.id, "geometry": geometry, "properties": props}


def to_geojson(state: ArticleState) -> dict[str, Any]:
    """Places of the article as a GeoJSON ``FeatureCollection`` (RFC 7946, WGS 84).

    One feature per active LOC entity; unresolved places have ``"geometry": null``.
    ``properties.findings`` lists the findings about that entity or its place.
    The foreign member ``workbench`` identifies the article.
    """
    return {
        "type": "FeatureCollection",
        "workbench": {
            "article_id": state.article_id,
            "revision": state.revision,
            **state.metadata(),
        },
        "features": [_feature(state, e, p) for e, p in state.active_places()],
    }


# ---------------------------------------------------------------------------
# GeoPackage and CSV

_PLACE_COLUMNS = [
    "article_id", "entity_id", "mention", "start", "end", "status", "name", "latitude",
    "longitude", "geonameid", "country_code", "feature", "precision", "uncertainty_km",
    "confidence", "reason", "n_findings",
]  # fmt: skip
_FINDING_COLUMNS = [
    "article_id", "id", "target_kind", "entity_id", "start", "end", "target_text", "note",
    "tags", "confidence", "status", "analyst", "created", "updated",
]  # fmt: skip
_ENTITY_COLUMNS = ["article_id", "id", "start", "end", "text", "label", "origin", "deleted"]


def _place_rows(state: ArticleState) -> list[dict[str, Any]]:
    rows = []
    for e, p in state.active_places():
        d = _place_props(p)
        rows.append(
            {
                "article_id": state.article_id,
                "entity_id": e.id,
                "mention": e.text,
                "start": e.start,
                "end": e.end,
                **{k: d[k] for k in _PLACE_COLUMNS if k in d},
                "n_findings": len(state.findings_for(e.id)),
            }
        )
    return rows


def _finding_rows(state: ArticleState) -> list[dict[str, Any]]:
    rows = []
    for f in state.findings:
        span = _finding_span(state, f)
        rows.append(
            {
                "article_id": state.article_id,
                "id": f.id,
                "target_kind": f.target.get("kind"),
                "entity_id": f.target.get("entity_id"),
                "start": span[0] if span else None,
                "end": span[1] if span else None,
                "target_text": state.text[span[0] : span[1]] if span else None,
                "note": f.note,
                "tags": "; ".join(f.tags),
                "confidence": f.confidence,
                "status": f.status,
                "analyst": f.analyst,
                "created": f.created,
                "updated": f.updated,
            }
        )
    return rows


def write_geopackage(state: ArticleState, path: str | Path) -> Path:
    """Write a GeoPackage with layers ``places`` (points) and ``findings`` (EPSG:4326).

    A finding about a resolved place gets that place's point; other findings
    (spans, non-LOC entities, unresolved places) have an empty geometry.
    Requires geopandas with pyogrio (project dependencies).
    """
    try:
        import geopandas as gpd  # noqa: F401
        from shapely.geometry import Point
    except ImportError as exc:  # pragma: no cover - core dependency
        raise ImportError(
            "GeoPackage export needs geopandas and pyogrio: pip install geopandas pyogrio"
        ) from exc
    path = Path(path)
    places = _place_rows(state)
    points = {
        r["entity_id"]: Point(r["longitude"], r["latitude"])
        for r in places
        if r["latitude"] is not None and r["longitude"] is not None
    }
    findings = _finding_rows(state)
    layers = {
        "places": (places, _PLACE_COLUMNS, [points.get(r["entity_id"]) for r in places]),
        "findings": (
            findings,
            _FINDING_COLUMNS,
            [points.get(r["entity_id"] or "") for r in findings],
        ),
    }
    if path.exists():
        path.unlink()  # an export is regenerated whole, never appended to
    for layer, (rows, columns, geoms) in layers.items():
        _frame(rows, columns, geoms).to_file(
            path, layer=layer, driver="GPKG", engine="pyogrio", geometry_type="Point"
        )
    return path


def _frame(rows: list[dict[str, Any]], columns: list[str], geoms: list[Any]) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    df = pd.DataFrame(rows, columns=columns)
    for c in ("geonameid",):
        if c in df:
            df[c] = df[c].astype("Int64")
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any, excel_safe: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and excel_safe and value.startswith(_FORMULA_START):
        # A note like "=HYPERLINK(...)" would run as a formula in a spreadsheet.
        return "'" + value
    return value


def write_csv(state: ArticleState, directory: str | Path, *, excel_safe: bool = True) -> dict[str, Path]:
    """Write ``entities.csv``, ``places.csv`` and ``findings.csv`` into ``directory``.

    Parameters
    ----------
    state
        The article state (all entities, deleted ones flagged).
    directory
        Created if missing; existing files of those names are replaced.
    excel_safe
        Prefix text cells starting with ``= + - @`` (tab, CR) with ``'`` so a
        spreadsheet shows them instead of running them as formulas.

    Returns
    -------
    dict
        ``{"entities": path, "places": path, "findings": path}``. Files are
        UTF-8 with BOM (``utf-8-sig``) so spreadsheets show Arabic correctly;
        tags are joined with ``"; "``.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    entities = [{"article_id": state.article_id, **e.to_dict()} for e in state.entities]
    tables = {
        "entities": (entities, _ENTITY_COLUMNS),
        "places": (_place_rows(state), _PLACE_COLUMNS),
        "findings": (_finding_rows(state), _FINDING_COLUMNS),
    }
    out: dict[str, Path] = {}
    for name, (rows, columns) in tables.items():
        p = directory / f"{name}.csv"
        with p.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            w.writeheader()
            for r in rows:
                w.writerow({k: _cell(r.get(k), excel_safe) for k in columns})
        out[name] = p
    return out


# ---------------------------------------------------------------------------
# Imports


def _bad(message: str) -> ImportFormatError:
    return ImportFormatError(message)


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def _annotations(doc: Any) -> list[dict[str, Any]]:
    if isinstance(doc, (str, bytes)):
        try:
            doc = json.loads(doc)
        except json.JSONDecodeError as exc:
            raise _bad(f"not JSON: {exc}") from None
    if isinstance(doc, list):
        items = doc
    elif isinstance(doc, Mapping):
        types = _as_list(doc.get("type"))
        if "AnnotationCollection" in types:
            first = doc.get("first")
            items = first.get("items", []) if isinstance(first, Mapping) else []
            if not isinstance(first, Mapping) and "items" in doc:
                items = doc["items"]
        elif "AnnotationPage" in types:
            items = doc.get("items", [])
        elif "Annotation" in types:
            items = [doc]
        else:
            raise _bad(
                f"expected a Web Annotation (Annotation, AnnotationPage or "
                f"AnnotationCollection), got type {doc.get('type')!r}"
            )
    else:
        raise _bad("expected a JSON object or list of annotations")
    if not isinstance(items, list) or not all(isinstance(a, Mapping) for a in items):
        raise _bad("the annotation items must be a list of JSON objects")
    return [dict(a) for a in items]


def _anchor(text: str, selectors: list[Any]) -> tuple[int, int] | None:
    """Offsets of a target in ``text``: the position if it still quotes right, else the quote."""
    pos = next((s for s in selectors if _is(s, "TextPositionSelector")), None)
    quote = next((s for s in selectors if _is(s, "TextQuoteSelector")), None)
    exact = str(quote.get("exact", "")) if quote else None
    if pos is not None:
        start, end = pos.get("start"), pos.get("end")
        ok = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        if ok and (exact is None or text[start:end] == exact):
            return start, end
    if not exact or quote is None:
        return None
    prefix, suffix = str(quote.get("prefix", "")), str(quote.get("suffix", ""))
    hint = pos.get("start") if pos is not None and isinstance(pos.get("start"), int) else 0
    best: tuple[int, int, int] | None = None  # (-context match, distance, start)
    i = text.find(exact)
    while i >= 0:
        score = _common_suffix(text[max(0, i - len(prefix)) : i], prefix) + _common_prefix(
            text[i + len(exact) : i + len(exact) + len(suffix)], suffix
        )
        key = (-score, abs(i - hint), i)
        if best is None or key < best:
            best = key
        i = text.find(exact, i + 1)
    return None if best is None else (best[2], best[2] + len(exact))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _is(obj: Any, type_name: str) -> bool:
    return isinstance(obj, Mapping) and type_name in _as_list(obj.get("type"))


def _selectors(anno: Mapping[str, Any]) -> list[Any]:
    targets = _as_list(anno.get("target"))
    for t in targets:
        if isinstance(t, Mapping):
            return [s for s in _as_list(t.get("selector")) if isinstance(s, Mapping)]
    return []


def _creator_name(anno: Mapping[str, Any]) -> str:
    for c in _as_list(anno.get("creator")):
        if isinstance(c, str):
            return c
        if isinstance(c, Mapping) and not _is(c, "Software"):
            return str(c.get("name") or c.get("nickname") or c.get("id") or "")
    return ""


def _stable_id(prefix: str, anno: Mapping[str, Any], start: int, end: int) -> str:
    seed = f"{anno.get('id', '')}|{start}|{end}"
    return f"{prefix}:{hashlib.sha256(seed.encode('utf-8')).hexdigest()[:32]}"


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)) and math.isfinite(v):
        return float(v)
    return None


def _place_from_props(entity_id: str, props: Mapping[str, Any], base: PlaceState | None) -> PlaceState:
    status = props.get("status")
    lat, lon = _num(props.get("latitude")), _num(props.get("longitude"))
    if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
        raise _bad(f"place of {entity_id}: coordinates {lat}, {lon} are out of range")
    if lat is None or lon is None:
        lat = lon = None
    if status not in PLACE_STATUSES:
        status = "machine" if lat is not None else "unresolved"
    gid = props.get("geonameid")
    unc = _num(props.get("uncertainty_km"))
    return PlaceState(
        entity_id=entity_id,
        status=status,  # type: ignore[arg-type]
        name=None if props.get("name") is None else str(props["name"]),
        latitude=lat,
        longitude=lon,
        geonameid=int(gid) if isinstance(gid, int) and not isinstance(gid, bool) else None,
        country_code=None if props.get("country_code") is None else str(props["country_code"]),
        feature=None if props.get("feature") is None else str(props["feature"]),
        precision=None if props.get("precision") is None else str(props["precision"]),
        uncertainty_km=unc,
        confidence=_num(props.get("confidence")) or 0.0,
        candidates=list(base.candidates) if base is not None else [],
        reason=str(props.get("reason") or ""),
    )


def _place_from_body(entity_id: str, body: Mapping[str, Any], base: PlaceState | None) -> PlaceState:
    src = str(body.get("source", ""))
    name = body.get("label")
    if src.startswith("geo:"):
        try:
            lat_s, lon_s = src[4:].split(";")[0].split(",")[:2]
            lat, lon = float(lat_s), float(lon_s)
        except ValueError:
            raise _bad(f"bad geo: URI {src!r}") from None
        props = {"status": "pinned", "latitude": lat, "longitude": lon, "name": name,
                 "precision": "exact", "confidence": 1.0}  # fmt: skip
        return _place_from_props(entity_id, props, base)
    if src.startswith(_GEONAMES):
        gid_s = src[len(_GEONAMES) :].strip("/").split("/")[0]
        if not gid_s.isdigit():
            raise _bad(f"bad GeoNames URI {src!r}")
        gid = int(gid_s)
        for c in base.candidates if base is not None else []:
            if c.get("geonameid") == gid:
                props = {**c, "status": "candidate", "precision": "exact", "confidence": 1.0}
                return _place_from_props(entity_id, props, base)
        return PlaceState(
            entity_id, geonameid=gid, name=None if name is None else str(name),
            candidates=list(base.candidates) if base else [],
            reason=f"GeoNames {gid} (coordinates not in the import)",
        )  # fmt: skip
    return PlaceState(entity_id, reason=f"unknown place reference {src!r}")


def _merge(base: ArticleState, entities: dict[str, EntityState], places: dict[str, PlaceState],
           findings: list[Finding], *, replace_all: bool) -> ArticleState:  # fmt: skip
    """Put imported records on ``base``: validated through :class:`SetRecords`."""
    recs: dict[str, dict[str, Any]] = {"entities": {}, "places": {}, "findings": {}}
    if replace_all:  # entities absent from the import are deleted; findings replaced
        for e in base.active_entities():
            if e.id not in entities:
                recs["entities"][e.id] = replace(e, deleted=True).to_dict()
        for f in base.findings:
            recs["findings"][f.id] = None
    for e in entities.values():
        recs["entities"][e.id] = e.to_dict()
    for k, p in places.items():
        recs["places"][k] = p.to_dict()
    for f in findings:
        recs["findings"][f.id] = f.to_dict()
    try:
        new = SetRecords(recs, reason="import").apply(base)
    except InvalidChangeError as exc:
        raise _bad(f"the import does not fit the article: {exc.message}") from None
    return replace(new, revision=base.revision)


def _finding_from(
    anno: Mapping[str, Any], fid: str, target: dict[str, Any], note: str, tags: list[str]
) -> Finding:
    conf = anno.get("wb:confidence", "probable")
    status = anno.get("wb:status", "open")
    return Finding(
        id=fid,
        target=target,
        note=note,
        tags=tuple(dict.fromkeys(" ".join(t.split()) for t in tags if t.strip())),
        confidence=conf if conf in CONFIDENCES else "probable",
        status=status if status in FINDING_STATUSES else "open",
        analyst=_creator_name(anno),
        created=str(anno.get("created") or ""),
        updated=str(anno.get("modified") or anno.get("created") or ""),
    )


def from_web_annotation(doc: Any, base: ArticleState) -> ArticleState:
    """Apply a Web Annotation export (ours or compatible) onto ``base``.

    Parameters
    ----------
    doc
        An ``AnnotationCollection``, ``AnnotationPage``, list of ``Annotation``
        or one ``Annotation`` (dict or JSON text).
    base
        The article it annotates (e.g. :func:`initial_state` of a new analysis,
        or the stored state); its text anchors the selectors.

    Returns
    -------
    ArticleState
        ``base`` with the imported entities, places and findings: active
        entities absent from the import are marked deleted, findings are
        replaced; place candidates are kept from ``base``. Same revision as
        ``base`` (save it with :meth:`FindingsStore.save_state`).

    Raises
    ------
    ImportFormatError
        Not a Web Annotation document, or annotations that do not fit the text.
    """
    entities: dict[str, EntityState] = {}
    places: dict[str, PlaceState] = {}
    raw_findings: list[tuple[Mapping[str, Any], tuple[int, int]]] = []
    for anno in _annotations(doc):
        if not _is(anno, "Annotation"):
            raise _bad(f"item {anno.get('id')!r} is not an Annotation")
        span = _anchor(base.text, _selectors(anno))
        if span is None:
            raise _bad(
                f"annotation {anno.get('id')!r} does not anchor in article {base.article_id}: "
                "no TextPositionSelector/TextQuoteSelector matching its text"
            )
        bodies = [b for b in _as_list(anno.get("body")) if isinstance(b, Mapping)]
        labels = [b.get("value") for b in bodies if b.get("purpose") == "classifying"]
        if "wb:findingId" in anno or not labels:
            raw_findings.append((anno, span))
            continue
        label = str(labels[0])
        if label not in LABELS:
            raise _bad(f"annotation {anno.get('id')!r}: label {label!r} not in {LABELS}")
        eid = str(anno.get("wb:entityId") or "")
        if not eid.startswith(("m:", "a:")):
            eid = _stable_id("a", anno, *span)
        origin = "machine" if anno.get("wb:origin") == "machine" else "analyst"
        start, end = span
        entities[eid] = EntityState(eid, start, end, base.text[start:end], label, origin)  # type: ignore[arg-type]
        if label == "LOC":
            bp = base.places.get(eid)
            if isinstance(anno.get("wb:place"), Mapping):
                places[eid] = _place_from_props(eid, anno["wb:place"], bp)
            else:
                ident = [b for b in bodies if b.get("purpose") == "identifying"]
                places[eid] = _place_from_body(eid, ident[0], bp) if ident else PlaceState(eid)
    findings = []
    by_span = {(e.start, e.end): e.id for e in entities.values()}
    for anno, span in raw_findings:  # type: ignore[assignment]
        bodies = [b for b in _as_list(anno.get("body")) if isinstance(b, Mapping)]
        notes = [
            str(b.get("value", ""))
            for b in bodies
            if _is(b, "TextualBody") and b.get("purpose", "commenting") == "commenting"
        ]
        if isinstance(anno.get("bodyValue"), str):
            notes.append(anno["bodyValue"])
        tags = [str(b.get("value", "")) for b in bodies if b.get("purpose") == "tagging"]
        target = anno.get("wb:target")
        ok_target = isinstance(target, Mapping) and (
            (target.get("kind") == "span" and (target.get("start"), target.get("end")) == span)
            or (target.get("entity_id") in entities and target.get("kind") in ("entity", "place"))
        )
        if ok_target:
            target = {k: target[k] for k in ("kind", "entity_id", "start", "end") if k in target}  # type: ignore[index,operator]
        elif span in by_span:
            target = {"kind": "entity", "entity_id": by_span[span]}
        else:
            target = {"kind": "span", "start": span[0], "end": span[1]}
        fid = str(anno.get("wb:findingId") or "")
        if not fid.startswith("f:"):
            fid = _stable_id("f", anno, *span)
        findings.append(_finding_from(anno, fid, target, "\n\n".join(notes), tags))
    return _merge(base, entities, places, findings, replace_all=True)


def from_geojson(doc: Any, base: ArticleState) -> ArticleState:
    """Apply a GeoJSON export (:func:`to_geojson`) onto ``base``.

    Each feature with ``entity_id``/``start``/``end``/``mention`` properties sets
    that LOC entity and its place (coordinates from the geometry); its
    ``findings`` replace the findings about that entity. Entities and findings
    not in the file are left as they are in ``base``.

    Raises
    ------
    ImportFormatError
        Not a FeatureCollection, or features that do not fit the article text.
    """
    if isinstance(doc, (str, bytes)):
        try:
            doc = json.loads(doc)
        except json.JSONDecodeError as exc:
            raise _bad(f"not JSON: {exc}") from None
    if not isinstance(doc, Mapping) or doc.get("type") != "FeatureCollection":
        raise _bad("expected a GeoJSON FeatureCollection")
    features = doc.get("features")
    if not isinstance(features, list):
        raise _bad("the FeatureCollection has no 'features' list")
    entities: dict[str, EntityState] = {}
    places: dict[str, PlaceState] = {}
    findings: list[Finding] = []
    replaced: set[str] = set()
    for feat in features:
        if not isinstance(feat, Mapping) or feat.get("type") != "Feature":
            raise _bad("every item of 'features' must be a Feature object")
        props = feat.get("properties") or {}
        if not isinstance(props, Mapping):
            raise _bad("feature properties must be an object")
        mention = str(props.get("mention", ""))
        pos = {"type": "TextPositionSelector", "start": props.get("start"), "end": props.get("end")}
        quote = {"type": "TextQuoteSelector", "exact": mention}
        span = _anchor(base.text, [pos, quote] if mention else [pos])
        if span is None:
            raise _bad(f"feature {feat.get('id')!r} ({mention!r}) is not in the article text")
        eid = str(props.get("entity_id") or feat.get("id") or "")
        if not eid.startswith(("m:", "a:")):
            eid = _stable_id("a", {"id": json.dumps(feat.get("id"))}, *span)
        prev = base.entity(eid)
        origin = prev.origin if prev else ("machine" if eid.startswith("m:") else "analyst")
        entities[eid] = EntityState(eid, span[0], span[1], base.text[span[0] : span[1]], "LOC",
                                    origin)  # fmt: skip
        geom = feat.get("geometry")
        pprops = dict(props)
        if isinstance(geom, Mapping) and geom.get("type") == "Point":
            coords = geom.get("coordinates")
            if not (isinstance(coords, list) and len(coords) >= 2):
                raise _bad(f"feature {eid}: bad Point coordinates {coords!r}")
            pprops["longitude"], pprops["latitude"] = coords[0], coords[1]
        elif geom is None:
            pprops["latitude"] = pprops["longitude"] = None
        else:
            raise _bad(f"feature {eid}: only Point or null geometries are supported")
        places[eid] = _place_from_props(eid, pprops, base.places.get(eid))
        replaced.add(eid)
        for fd in _as_list(props.get("findings")):
            if not isinstance(fd, Mapping):
                raise _bad(f"feature {eid}: findings must be objects")
            try:
                f = Finding.from_dict(fd)
            except (KeyError, TypeError, ValueError) as exc:
                raise _bad(f"feature {eid}: bad finding ({exc})") from None
            kind = f.target.get("kind") if f.target.get("kind") in ("entity", "place") else "place"
            findings.append(replace(f, target={"kind": kind, "entity_id": eid}))
    keep = [f for f in base.findings if f.target.get("entity_id") not in replaced]
    drop = {f.id for f in base.findings} - {f.id for f in keep}
    merged = _merge(base, entities, places, findings, replace_all=False)
    if drop:
        imported = {f.id for f in findings}
        merged = replace(merged, findings=tuple(f for f in merged.findings if f.id not in drop - imported))
    return merged
