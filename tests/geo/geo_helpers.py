"""Helpers shared by the geo tests (a stand-in NER and the seed-article must-haves)."""

from __future__ import annotations

import re

import pytest

from workbench.geo.model import ResolvedPlace

KURSK_CITY, KURSK_OBLAST = 538560, 538555

SEED_NAMES = ("كورسك", "مارينو", "روسيا", "أوكرانيا", "كوريا الشمالية", "كوريا الجنوبية",
              "الولايات المتحدة")  # fmt: skip


def spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    """Every occurrence of the names, as LOC spans (a stand-in for the NER)."""
    return sorted((m.start(), m.end(), "LOC") for n in names for m in re.finditer(n, text))


def check_seed_article(places: list[ResolvedPlace]) -> None:
    """The must-haves of the reference article."""
    by_text: dict[str, list[ResolvedPlace]] = {}
    for p in places:
        by_text.setdefault(p.text, []).append(p)
    for p in by_text["كورسك"]:
        assert p.entry is not None and p.entry.geonameid in (KURSK_CITY, KURSK_OBLAST), p
    (marino,) = by_text["مارينو"]
    assert marino.entry is not None
    assert marino.entry.geonameid == KURSK_OBLAST
    assert marino.entry.country_code == "RU"
    assert marino.precision == "region"
    assert marino.uncertainty_km == pytest.approx(97.9, abs=5)
    assert "village not in gazetteer; placed at container Kursk Oblast" in marino.reason
    expected = {"روسيا": "RU", "أوكرانيا": "UA", "كوريا الشمالية": "KP",
                "كوريا الجنوبية": "KR", "الولايات المتحدة": "US"}  # fmt: skip
    for name, code in expected.items():
        for p in by_text[name]:
            assert p.entry is not None and p.entry.kind == "country", p
            assert p.entry.country_code == code
