"""Arabic ↔ Latin skeletons and transliteration candidates on real place-name pairs."""

from __future__ import annotations

import pytest

from workbench.geo.translit import (
    fold_arabic,
    fold_latin,
    skeleton,
    skeleton_cyrillic,
    skeleton_keys,
    translit_similarity,
    transliterations,
)

# (Arabic as written in news, GeoNames Latin name) — Russia, Ukraine, Middle East.
PAIRS = [
    ("كورسك", "Kursk"),
    ("مارينو", "Marino"),
    ("مارينو", "Mar’ino"),
    ("أوبويان", "Oboyan’"),
    ("غلوشكوفو", "Glushkovo"),
    ("إيزيوم", "Izyum"),
    ("لغوف", "L’gov"),
    ("سودجا", "Sudzha"),
    ("ريلسك", "Ryl’sk"),
    ("سومي", "Sumy"),
    ("خاركيف", "Kharkiv"),
    ("خاركوف", "Kharkov"),
    ("زابوروجيا", "Zaporizhzhya"),
    ("ماريوبول", "Mariupol"),
    ("باخموت", "Bakhmut"),
    ("أفدييفكا", "Avdiivka"),
    ("دونيتسك", "Donetsk"),
    ("بوكروفسك", "Pokrovsk"),
    ("كوبيانسك", "Kup’yans’k"),
    ("بيلغورود", "Belgorod"),
    ("بريانسك", "Bryansk"),
    ("خيرسون", "Kherson"),
    ("أوديسا", "Odesa"),
    ("تشيرنيهيف", "Chernihiv"),
    ("فولغوغراد", "Volgograd"),
    ("نيجني نوفغورود", "Nizhniy Novgorod"),
    ("سيفاستوبول", "Sevastopol"),
    ("كراماتورسك", "Kramatorsk"),
    ("سلوفيانسك", "Slov’yans’k"),
    ("دنيبرو", "Dnipro"),
    ("لفيف", "Lviv"),
    ("كييف", "Kyiv"),
    ("فورونيج", "Voronezh"),
    ("روستوف", "Rostov"),
    ("ميليتوبول", "Melitopol"),
    ("توريتسك", "Toretsk"),
    ("حماة", "Ḩamāh"),
    ("إدلب", "Idlib"),
    ("الرقة", "Ar Raqqah"),
    ("دير الزور", "Deir ez-Zor"),
    ("الموصل", "Mosul"),
    ("كركوك", "Kirkuk"),
    ("الحسكة", "Al-Hasakah"),
    ("خان يونس", "Khan Yunis"),
    ("غزة", "Gaza"),
    ("جيبوتي", "Djibouti"),
    ("فالنسيا", "Valencia"),
]


@pytest.mark.parametrize(("arabic", "latin"), PAIRS)
def test_real_pairs_share_a_skeleton_key(arabic: str, latin: str) -> None:
    assert set(skeleton_keys(arabic)) & set(skeleton_keys(latin)), (
        skeleton_keys(arabic),
        skeleton_keys(latin),
    )


@pytest.mark.parametrize(("arabic", "latin"), PAIRS)
def test_real_pairs_are_similar_transliterations(arabic: str, latin: str) -> None:
    assert translit_similarity(arabic, latin) >= 0.75


@pytest.mark.parametrize(
    ("arabic", "wrong"),
    [("كورسك", "Kazan"), ("مارينو", "Moscow"), ("سودجا", "Sochi"), ("غلوشكوفو", "Gorlovka")],
)
def test_different_places_are_not_similar(arabic: str, wrong: str) -> None:
    # 0.7 is the gazetteer's acceptance threshold for transliteration matches.
    assert translit_similarity(arabic, wrong) < 0.7


def test_skeleton_examples_from_both_scripts() -> None:
    assert skeleton("Kursk") == skeleton("كورسك") == skeleton_cyrillic("Курск") == "krsk"
    assert skeleton("Marino") == skeleton("مارينو") == skeleton("Марьино") == "mrn"
    assert skeleton("Kharkov") == skeleton("خاركيف") == skeleton("Харків") == "xrkf"


def test_arabic_article_and_final_ta_marbuta_are_ignored() -> None:
    assert skeleton("الحسكة") == skeleton("Al-Hasakah") == "hsk"
    assert "rfh" in skeleton_keys("Rafah") and skeleton("رفح") == "rfh"


def test_ambiguous_arabic_letters_give_alternative_keys() -> None:
    # غ is g in Russian-style spellings and h in Ukrainian ones (Vuhledar).
    assert set(skeleton_keys("فوغليدار")) >= {"fgldr", "fhldr"}
    assert "fhldr" in skeleton_keys("Vuhledar")


def test_transliterations_put_plain_readings_first_and_are_capped() -> None:
    variants = transliterations("كورسك")
    assert variants[0] == "korsk"
    assert "kursk" in variants
    assert len(transliterations("نيجني نوفغورود", max_variants=20)) <= 20


def test_fold_helpers() -> None:
    assert fold_latin("Ryl’sk") == "rylsk"
    assert fold_latin("Ḩamāh") == "hamah"
    assert fold_arabic("ڤالينسيا") == "فالينسيا"
    assert fold_arabic("كُورْسْك") == "كورسك"


def test_non_arabic_non_latin_scripts_have_no_skeleton() -> None:
    assert skeleton("東京") == ""
    assert skeleton_keys("東京") == ()
