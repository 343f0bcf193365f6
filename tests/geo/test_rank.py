"""Pure ranking: features, triggers, adjectives, containers, confidence (no database)."""

from __future__ import annotations

import pytest

from workbench.geo.model import Candidate, GazetteerEntry
from workbench.geo.rank import RankingContext, confidence_of, is_inside, rank_candidates

KURSK_OBLAST = GazetteerEntry(538555, "Kursk Oblast", 51.74, 36.29, "RU", "ADM1", "region",
                              0, "41", "كورسك أوبلاست", 97.9)  # fmt: skip
KURSK = GazetteerEntry(538560, "Kursk", 51.737, 36.187, "RU", "PPL", "city", 448733, "41")
MARINO_MOSCOW = GazetteerEntry(529237, "Mar’ino", 55.65, 37.72, "RU", "PPL", "city", 243000, "48")
MARINO_ROME = GazetteerEntry(3173914, "Marino", 41.77, 12.66, "IT", "PPL", "town", 44142, "07")
SUDZHA = GazetteerEntry(486816, "Sudzha", 51.19, 35.27, "RU", "PPL", "village", 6940, "41")
KUWAIT = GazetteerEntry(285570, "Kuwait", 29.3, 47.6, "KW", "PCLI", "country", 4137309, "",
                        "الكويت", 75.3)  # fmt: skip
KUWAIT_CITY = GazetteerEntry(285787, "Kuwait City", 29.37, 47.98, "KW", "PPLC", "city", 60064)
VAL_ES = GazetteerEntry(2509954, "Valencia", 39.47, -0.38, "ES", "PPL", "city", 824340, "60")
VAL_VE = GazetteerEntry(3625549, "Valencia", 10.16, -68.0, "VE", "PPL", "city", 1619470, "07")


def cand(entry: GazetteerEntry, quality: float = 1.0, match: str = "arabic") -> Candidate:
    return Candidate(entry, entry.name, match, quality, {"match_quality": quality})


def top(cands: list[Candidate], **ctx: object) -> GazetteerEntry:
    return rank_candidates(cands, RankingContext(**ctx))[0].entry  # type: ignore[arg-type]


def test_scores_are_probabilities_with_features() -> None:
    ranked = rank_candidates([cand(KURSK), cand(KURSK_OBLAST, 0.95)], RankingContext())
    # The remainder is the "none of them" option; convincing exact names leave little to it.
    assert 0.95 < sum(c.score for c in ranked) <= 1.0
    assert {"match", "prominence", "kind", "raw"} <= set(ranked[0].features)
    assert rank_candidates([], RankingContext()) == []


@pytest.mark.parametrize(("trigger", "expected"), [(None, KURSK), ("city", KURSK), ("region", KURSK_OBLAST)])
def test_trigger_word_chooses_city_or_region(trigger: str | None, expected) -> None:
    assert top([cand(KURSK), cand(KURSK_OBLAST, 0.95)], trigger=trigger) == expected


def test_bare_country_name_is_the_country_capital_trigger_the_city() -> None:
    both = [cand(KUWAIT), cand(KUWAIT_CITY)]
    assert top(both) == KUWAIT
    assert top(both, trigger="capital") == KUWAIT_CITY
    assert top(both, trigger="city") == KUWAIT_CITY


def test_village_trigger_prefers_small_places() -> None:
    cands = [
        cand(MARINO_MOSCOW, 0.75, "transliteration"),
        cand(MARINO_ROME, 0.75, "transliteration"),
    ]
    assert top(cands) == MARINO_MOSCOW  # bare: the bigger one
    assert top(cands, trigger="village") == MARINO_ROME


def test_country_adjective_decides_between_namesakes() -> None:
    cands = [cand(VAL_ES, 0.72, "transliteration"), cand(VAL_VE, 0.72, "transliteration")]
    assert top(cands, adjective_country="ES") == VAL_ES
    assert top(cands, adjective_country="VE") == VAL_VE


def test_container_and_article_evidence() -> None:
    cands = [cand(MARINO_MOSCOW, 0.75, "transliteration"), cand(SUDZHA, 0.7, "transliteration")]
    assert top(cands, container=KURSK_OBLAST) == SUDZHA
    near = [cand(MARINO_ROME, 0.7, "transliteration"), cand(SUDZHA, 0.7, "transliteration")]
    assert top(near) == MARINO_ROME
    assert top(near, anchors=[(KURSK.latitude, KURSK.longitude)]) == SUDZHA
    cands = [cand(VAL_ES, 0.72, "transliteration"), cand(VAL_VE, 0.72, "transliteration")]
    assert top(cands, article_countries={"ES": 1.0}) == VAL_ES
    assert top(cands, country_hints=("ES",)) == VAL_ES


def test_is_inside() -> None:
    assert is_inside(SUDZHA, KURSK_OBLAST)
    assert not is_inside(MARINO_MOSCOW, KURSK_OBLAST)
    assert not is_inside(KURSK_OBLAST, KURSK_OBLAST)
    assert is_inside(KUWAIT_CITY, KUWAIT)


def test_confidence_is_lower_for_weak_or_contested_matches() -> None:
    sure = confidence_of(rank_candidates([cand(KURSK)], RankingContext()))
    translit = confidence_of(rank_candidates([cand(MARINO_ROME, 0.7, "transliteration")], RankingContext()))
    contested = confidence_of(rank_candidates([cand(VAL_ES, 0.72), cand(VAL_VE, 0.72)], RankingContext()))
    assert 0.0 <= contested < translit < sure <= 1.0
    assert confidence_of([]) == 0.0
