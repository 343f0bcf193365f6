"""A synthetic Arabic news corpus for tests, benchmarks and demos (deterministic per seed).

Articles are assembled from sentence templates filled with place names the built-in
gazetteer knows, people (with the titles that introduce them), organizations and
numbers, and carry a publication date in a given range. Some place names are written
with diacritics, as real articles sometimes are, so normalized search has work to do.
Nothing here is real reporting: the outlet, people and events are invented.

>>> from workbench.corpus.synthetic import synthetic_articles
>>> a = next(synthetic_articles(1, seed=0))
>>> sorted(a)
['id', 'published', 'source', 'text', 'title', 'url']
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = [
    "ORGANIZATIONS",
    "PEOPLE",
    "PLACES",
    "SyntheticArticle",
    "synthetic_articles",
    "write_synthetic_corpus",
]

SyntheticArticle = dict[str, Any]

# Cities and countries with an Arabic name in the gazetteer.
PLACES: tuple[str, ...] = (
    "دمشق", "حلب", "حمص", "اللاذقية", "بيروت", "صيدا", "القاهرة", "الإسكندرية", "بغداد", "الموصل",
    "البصرة", "أربيل", "عمان", "إربد", "الرياض", "جدة", "صنعاء", "عدن", "الخرطوم", "تونس",
    "الرباط", "طرابلس", "بنغازي", "غزة", "القدس", "كورسك", "خاركيف", "كييف", "موسكو", "أنقرة",
    "إسطنبول", "طهران", "العراق", "سوريا", "لبنان", "اليمن", "السودان", "مصر", "ليبيا", "الأردن",
)  # fmt: skip
# Some names as they appear with diacritics in the wild (same letters, marks added).
_DIACRITIZED: dict[str, str] = {
    "دمشق": "دِمَشْق",
    "حلب": "حَلَب",
    "بغداد": "بَغْداد",
    "بيروت": "بَيْروت",
    "القاهرة": "القاهِرة",
    "الموصل": "المَوْصِل",
}
PEOPLE: tuple[str, ...] = (
    "أحمد الخطيب", "سارة منصور", "محمد العلي", "ليلى حداد", "يوسف الحسن", "خالد العمري",
    "رنا السيد", "عمر الشامي", "هدى الكبيسي", "طارق البزاز", "منى الجبوري", "سامر النجار",
)  # fmt: skip
_PERSON_TITLES: tuple[str, ...] = (
    "وزير الخارجية", "المتحدث باسم الحكومة", "المحافظ", "قائد الشرطة", "رئيس البلدية", "السفير",
)  # fmt: skip
ORGANIZATIONS: tuple[str, ...] = (
    "الأمم المتحدة", "منظمة الصحة العالمية", "اللجنة الدولية للصليب الأحمر", "جامعة الدول العربية",
    "برنامج الأغذية العالمي", "منظمة العفو الدولية", "الاتحاد الأوروبي", "الهلال الأحمر",
)  # fmt: skip
_EVENTS: tuple[str, ...] = (
    "انفجار", "اشتباكات", "احتجاجات", "فيضانات", "انقطاع الكهرباء", "حريق كبير", "زلزال", "إضراب عام",
)  # fmt: skip
_SENTENCES: tuple[str, ...] = (
    "أعلن {title} {person} أن {event} وقعت في مدينة {place} صباح اليوم.",
    "وقالت {org} في بيان إن {number} شخصا نزحوا من {place} إلى {place2} خلال الأيام الماضية.",
    "ووصل وفد من {org} إلى {place} لبحث الأوضاع الإنسانية مع {title} {person}.",
    "وشهدت {place} {event}، بينما دعت {org} إلى ضبط النفس.",
    "وأكد {person} أن الطريق بين {place} و{place2} أعيد فتحه أمام المدنيين.",
    "وذكرت مصادر محلية أن {number} شخصا أصيبوا في {place}.",
    "ومن المقرر أن يزور {title} {person} مدينة {place} الأسبوع المقبل.",
    "وأشار تقرير صادر عن {org} إلى تدهور الأوضاع في {place} و{place2}.",
)  # fmt: skip
_HEADLINES: tuple[str, ...] = (
    "{event} في {place}", "{org} تحذر من تدهور الأوضاع في {place}", "نزوح من {place} إلى {place2}",
    "{person} يزور {place}",
)  # fmt: skip
_OUTLET = "وكالة الأنباء التجريبية"


def _fill(template: str, rng: random.Random, places: Sequence[str], diacritics: float) -> str:
    place, place2 = rng.sample(list(places), 2)
    if rng.random() < diacritics:
        place = _DIACRITIZED.get(place, place)
    return template.format(
        title=rng.choice(_PERSON_TITLES),
        person=rng.choice(PEOPLE),
        org=rng.choice(ORGANIZATIONS),
        event=rng.choice(_EVENTS),
        place=place,
        place2=place2,
        number=rng.randint(3, 950),
    )


def synthetic_articles(
    n: int,
    *,
    seed: int = 0,
    start: date | str = "2024-01-01",
    days: int = 180,
    sentences: tuple[int, int] = (3, 7),
    places: Sequence[str] = PLACES,
    diacritics: float = 0.2,
) -> Iterator[SyntheticArticle]:
    """Yield ``n`` synthetic news articles as JSONL-ready dicts.

    Parameters
    ----------
    n
        Number of articles.
    seed
        Random seed; the same seed and arguments give the same articles on every machine.
    start, days
        Publication dates are drawn from ``start`` to ``start + days - 1`` (ISO dates).
    sentences
        Inclusive range of the number of sentences per article.
    places
        Place names to draw from (two or more).
    diacritics
        Share of first place mentions written with diacritics when a variant is known.

    Yields
    ------
    dict
        ``id``, ``title``, ``text``, ``published``, ``source``, ``url``.
    """
    if len(places) < 2:
        raise ValueError("synthetic_articles needs at least two place names")
    rng = random.Random(seed)
    first = date.fromisoformat(start) if isinstance(start, str) else start
    for i in range(n):
        k = rng.randint(*sentences)
        body = " ".join(_fill(rng.choice(_SENTENCES), rng, places, diacritics) for _ in range(k))
        title = _fill(rng.choice(_HEADLINES), rng, places, 0.0)
        published = first + timedelta(days=rng.randrange(max(days, 1)))
        yield {
            "id": f"synth-{seed}-{i:06d}",
            "title": title,
            "text": f"{title}\n\n{body}",
            "published": published.isoformat(),
            "source": _OUTLET,
            "url": f"https://example.org/synthetic/{seed}/{i}",
        }


def write_synthetic_corpus(path: Path | str, n: int, *, seed: int = 0, **kwargs: Any) -> Path:
    """Write :func:`synthetic_articles` as a JSONL corpus; returns the path.

    Parameters
    ----------
    path
        The ``.jsonl`` file to write (parent folders are created).
    n, seed, **kwargs
        As for :func:`synthetic_articles`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for a in synthetic_articles(n, seed=seed, **kwargs):
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    return path
