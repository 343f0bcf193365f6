"""Arabic region/country name variants and the country-adjective (nisba) table."""

from __future__ import annotations

import pytest

from workbench.articles.normalize import normalize_key
from workbench.geo.arabic_names import country_name_variants, strip_generic_words
from workbench.geo.nisba import country_adjectives, nisba_forms, nisba_stems


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("كورسك أوبلاست", "كورسك"),
        ("أوبلاست بيلغورود", "بيلغورود"),
        ("منطقة كورسك", "كورسك"),
        ("مقاطعة خاركيف", "خاركيف"),
        ("محافظة حماة", "حماه"),
        ("جمهورية القرم ذاتية الحكم", "القرم"),
        ("كراي كراسنودار", "كراسنودار"),
    ],
)
def test_strip_generic_words(name: str, core: str) -> None:
    assert strip_generic_words(name) == core


def test_country_variants_without_article_and_with_jumhuriya() -> None:
    assert country_name_variants("الكويت") == ["الكويت", "كويت", "جمهوريه الكويت"]
    assert "بورما" in country_name_variants("ميانمار (بورما)")


@pytest.mark.parametrize(
    ("adjective", "code"),
    [
        ("الروسية", "RU"),
        ("الروسي", "RU"),
        ("روسية", "RU"),
        ("الإيطالية", "IT"),
        ("الأوكرانية", "UA"),
        ("السورية", "SY"),
        ("الفنزويلية", "VE"),
        ("الإسبانية", "ES"),
        ("الليبية", "LY"),
        ("اللبنانية", "LB"),
        ("الكويتية", "KW"),
        ("السعودية", "SA"),
        ("الأمريكية", "US"),
        ("الأميركي", "US"),
        ("البريطانية", "GB"),
        ("الكورية الشمالية", "KP"),
        ("الكوري الجنوبي", "KR"),
        ("الأفغانية", "AF"),
        ("المغربية", "MA"),
        ("التركية", "TR"),
        ("الإسرائيلي", "IL"),
        ("الفلسطينيين", "PS"),
    ],
)
def test_country_adjectives(adjective: str, code: str) -> None:
    assert country_adjectives()[normalize_key(adjective)] == code


@pytest.mark.parametrize("word", ["المالية", "الكورية", "العربية", "الدولية", "سامي"])
def test_common_words_and_ambiguous_adjectives_are_not_countries(word: str) -> None:
    assert normalize_key(word) not in country_adjectives()


def test_nisba_rules() -> None:
    assert nisba_stems("إيطاليا") == ["ايطالي"]
    assert nisba_stems("فرنسا") == ["فرنسي"]
    assert nisba_stems("الكويت") == ["كويتي"]
    assert nisba_stems("كوريا الجنوبية") == ["كوري جنوبي"]
    assert nisba_forms("روسي")[:4] == ["روسي", "روسيه", "الروسي", "الروسيه"]
