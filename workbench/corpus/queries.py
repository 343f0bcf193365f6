"""Pure query logic of the corpus index: no SQLite, no widgets.

- :func:`parse_query` turns what an analyst types into normalized search terms and
  :func:`fts_expression` into an FTS5 ``MATCH`` expression (trigram tokenizer: every
  term of three or more characters matches as a substring, so «دمشق» finds «بدمشق»
  and «ودمشق», which Arabic proclitics make common);
- :func:`find_spans` finds the terms in an article and maps them back to offsets of the
  original text through :func:`workbench.articles.normalize_arabic`;
- :func:`make_snippet`, :func:`haversine_km`, :func:`bbox_around`,
  :func:`timeline_frame`, :func:`marker_radius` and :func:`timeline_svg` shape results.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from workbench.articles.normalize import normalize_arabic, normalize_key
from workbench.corpus.model import Snippet

if TYPE_CHECKING:
    import pandas as pd

    from workbench.geo.model import GazetteerEntry

__all__ = [
    "MIN_FTS_TERM",
    "bbox_around",
    "find_spans",
    "fts_expression",
    "haversine_km",
    "make_snippet",
    "marker_radius",
    "parse_query",
    "region_codes",
    "snippet_html",
    "timeline_frame",
    "timeline_svg",
]

MIN_FTS_TERM = 3  # the trigram tokenizer cannot match shorter terms
_EARTH_RADIUS_KM = 6371.0088
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')


def parse_query(query: str) -> list[str]:
    """Normalized terms of a query: words, or ``"quoted phrases"`` kept together.

    Examples
    --------
    >>> parse_query('"الأمم المتحدة" دِمَشق')
    ['الامم المتحده', 'دمشق']
    """
    terms: list[str] = []
    for m in _PHRASE.finditer(query):
        term = normalize_key(m.group(1) if m.group(1) is not None else m.group(2))
        term = term.strip(".,;:!?«»()[]،؛؟")
        if term and term not in terms:
            terms.append(term)
    return terms


def fts_expression(terms: Sequence[str]) -> str | None:
    """FTS5 ``MATCH`` expression requiring every term (``None`` when no term is long enough).

    Terms shorter than :data:`MIN_FTS_TERM` characters are left out; the caller filters
    them with ``LIKE``.
    """
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms if len(t) >= MIN_FTS_TERM]
    return " AND ".join(quoted) if quoted else None


def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in term.split()))


def find_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Every occurrence of the (normalized) terms in ``text``, as original offsets.

    Parameters
    ----------
    text
        The article text as given (diacritics, tatweel, any alef forms).
    terms
        Normalized terms from :func:`parse_query`.

    Returns
    -------
    list of tuple
        Sorted, non-overlapping ``(start, end)`` spans such that ``text[start:end]`` is
        the matched word(s) as written, diacritics included.
    """
    norm = normalize_arabic(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        for m in _term_pattern(term).finditer(norm.text):
            if m.end() > m.start():
                spans.append(norm.to_original(m.start(), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def make_snippet(text: str, spans: Sequence[tuple[int, int]], width: int = 160) -> Snippet:
    """A window of about ``width`` characters around the first span, cut at spaces.

    Spans inside the window are returned relative to it; with no span, the window is the
    beginning of the text.
    """
    if not spans:
        end = min(len(text), width)
        return Snippet(text[:end], 0, end)
    first_s, first_e = spans[0]
    half = max(0, (width - (first_e - first_s)) // 2)
    start = max(0, first_s - half)
    end = min(len(text), max(first_e, start + width))
    # Do not cut words: move the edges out to the nearest whitespace (within 20 chars).
    if start > 0:
        ws = text.rfind(" ", max(0, start - 20), start)
        start = ws + 1 if ws >= 0 else start
    if end < len(text):
        ws = text.find(" ", end, end + 20)
        end = ws if ws >= 0 else end
    rel = tuple((s - start, e - start) for s, e in spans if s >= start and e <= end)
    return Snippet(text[start:end], start, end, rel)


def snippet_html(snippet: Snippet, total_length: int) -> str:
    """The snippet as escaped HTML with ``<mark>`` around matches, right-to-left aware."""
    parts: list[str] = ["…" if snippet.start > 0 else ""]
    pos = 0
    for s, e in snippet.highlights:
        parts.append(escape(snippet.text[pos:s]))
        parts.append(f"<mark>{escape(snippet.text[s:e])}</mark>")
        pos = e
    parts.append(escape(snippet.text[pos:]))
    parts.append("…" if snippet.end < total_length else "")
    return f'<span dir="auto">{"".join(parts)}</span>'


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bbox_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """``(south, west, north, east)`` of a box containing the circle of radius ``km``.

    Longitudes may leave [-180, 180] near the antimeridian; the index wraps them. Near a
    pole the box spans every longitude.
    """
    dlat = math.degrees(km / _EARTH_RADIUS_KM)
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    coslat = math.cos(math.radians(min(89.9, max(abs(south), abs(north)))))
    dlon = (
        180.0
        if north >= 89.9 or south <= -89.9
        else min(180.0, math.degrees(km / (_EARTH_RADIUS_KM * coslat)))
    )
    return south, lon - dlon, north, lon + dlon


def region_codes(entries: Iterable[GazetteerEntry]) -> tuple[str, str | None] | None:
    """``(country_code, admin1_code)`` of the first region among gazetteer matches.

    A country match gives ``(country_code, None)``; regions win over countries; ``None``
    when neither is among the entries.
    """
    country: tuple[str, str | None] | None = None
    for e in entries:
        if e.kind == "region" and e.admin1_code:
            return e.country_code, e.admin1_code
        if e.kind == "country" and country is None:
            country = (e.country_code, None)
    return country


def timeline_frame(rows: Iterable[tuple[str | None, int]], freq: str = "D") -> pd.DataFrame:
    """Articles and mentions per period from ``(day, mentions)`` rows, one per article.

    Parameters
    ----------
    rows
        The ISO date (``YYYY-MM-DD``, or ``None`` when unknown) and mention count of every
        matching article.
    freq
        ``"D"`` (day), ``"W"`` (week, ending Sunday) or ``"M"`` (month).

    Returns
    -------
    pandas.DataFrame
        Indexed by period start date (no gaps, zero-filled), columns ``articles`` and
        ``mentions``; articles without a date are left out.
    """
    import pandas as pd

    data = [(d, m) for d, m in rows if d]
    if not data:
        return pd.DataFrame(
            {"articles": [], "mentions": []}, index=pd.DatetimeIndex([], name="date"), dtype="int64"
        )
    df = pd.DataFrame(data, columns=["date", "mentions"])
    df["date"] = pd.to_datetime(df["date"].str.slice(0, 10), errors="coerce")
    df = df.dropna(subset=["date"])
    df["articles"] = 1
    rule = {"D": "D", "W": "W-SUN", "M": "MS"}.get(freq.upper())
    if rule is None:
        raise ValueError(f"freq must be 'D', 'W' or 'M', not {freq!r}")
    out = df.set_index("date")[["articles", "mentions"]].resample(rule).sum().astype("int64")
    if rule == "W-SUN":  # label weeks by their Monday
        out.index = out.index - pd.Timedelta(days=6)
    out.index.name = "date"
    return out


def marker_radius(mentions: int, max_mentions: int, *, smallest: float = 4.0, largest: float = 22.0) -> int:
    """Marker radius in pixels: area proportional to the number of mentions."""
    if max_mentions <= 0 or mentions <= 0:
        return int(smallest)
    return round(smallest + (largest - smallest) * math.sqrt(mentions / max_mentions))


def timeline_svg(
    frame: pd.DataFrame, *, width: int = 560, height: int = 120, column: str = "mentions"
) -> str:
    """A small bar chart of a :func:`timeline_frame` as inline SVG (no plotting library).

    Each bar has a ``<title>`` with its date and count, so hovering shows the value.
    """
    if frame.empty:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>'
    values = [int(v) for v in frame[column]]
    top = max(values) or 1
    n = len(values)
    bar = max(1.0, (width - 40) / n)
    bars = []
    for i, (ts, v) in enumerate(zip(frame.index, values, strict=True)):
        h = (height - 24) * v / top
        x = 30 + i * bar
        bars.append(
            f'<rect x="{x:.1f}" y="{height - 16 - h:.1f}" width="{max(bar - 1, 0.5):.1f}" '
            f'height="{h:.1f}" fill="#2563eb"><title>{ts:%Y-%m-%d}: {v}</title></rect>'
        )
    first, last = frame.index[0], frame.index[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(column)} over time">'
        f'<text x="2" y="12" font-size="10">{top}</text>'
        f'<line x1="30" y1="{height - 16}" x2="{width - 10}" y2="{height - 16}" stroke="#999"/>'
        f'<text x="30" y="{height - 3}" font-size="10">{first:%Y-%m-%d}</text>'
        f'<text x="{width - 10}" y="{height - 3}" font-size="10" text-anchor="end">{last:%Y-%m-%d}</text>'
        f"{''.join(bars)}</svg>"
    )
