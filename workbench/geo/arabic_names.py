"""Arabic place-name variants: generic region words, article and news forms of country names.

Pure functions over normalized strings (see :func:`workbench.articles.normalize.normalize_key`).
"""

from __future__ import annotations

import re

from workbench.articles.normalize import normalize_key

__all__ = [
    "COMMON_WORD_NAMES",
    "COUNTRY_ALIASES_AR",
    "GENERIC_REGION_WORDS",
    "country_name_variants",
    "strip_generic_words",
]

# Words naming the *type* of a first-level unit; Arabic news writes «منطقة كورسك» where
# Natural Earth has «كورسك أوبلاست». Stored normalized.
GENERIC_REGION_WORDS: frozenset[str] = frozenset(
    normalize_key(w)
    for w in (
        "أوبلاست", "اوبلاست", "أوبلاستي", "مقاطعة", "منطقة", "إقليم", "محافظة", "جمهورية",
        "كراي", "ولاية", "أوكروغ", "اوكروغ", "المستقلة", "ذاتية", "الحكم", "ذات", "مدينة",
        "الاتحادية", "الفيدرالية", "إدارة", "ناحية", "بلدية", "دائرة", "مديرية", "لواء",
        "الذاتية", "المتمتعة", "بالحكم", "الذاتي", "عمالة", "إمارة", "مملكة", "سلطنة", "دولة",
    )
)  # fmt: skip

# Arabic place names that are mostly everyday words or translated generic names: a
# match on them alone is weak evidence (the gazetteer flags them ``FLAG_COMMON``).
COMMON_WORD_NAMES: frozenset[str] = frozenset(
    normalize_key(w)
    for w in (
        "الخليج", "خليج", "الوسطى", "الوسطي", "الشمالية", "الجنوبية", "الشرقية", "الغربية",
        "الساحل", "الشمال", "الجنوب", "الشرق", "الغرب", "العاصمة", "الحدود", "الجبل",
        "الأمل", "النصر", "السلام", "الوحدة", "الحرية", "الثورة", "المركز",
        "البحر", "النهر", "الجزيرة العربية", "الشرق الأوسط",
    )
)  # fmt: skip

# News forms of country names missing from CLDR/Natural Earth (normalized on use).
COUNTRY_ALIASES_AR: dict[str, tuple[str, ...]] = {
    "US": ("أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"),
    "GB": ("بريطانيا", "المملكة المتحدة", "بريطانيا العظمى", "إنجلترا"),
    "RU": ("روسيا الاتحادية", "الاتحاد الروسي"),
    "KP": ("كوريا الديمقراطية", "جمهورية كوريا الشعبية الديمقراطية"),
    "KR": ("جمهورية كوريا", "كوريا"),  # news «كوريا» alone is the South
    "EG": ("جمهورية مصر العربية", "مصر العربية"),
    "BH": ("مملكة البحرين",),
    "JO": ("المملكة الأردنية الهاشمية", "المملكة الأردنية"),
    "MA": ("المملكة المغربية",),
    "QA": ("دولة قطر",),
    "KW": ("دولة الكويت",),
    "LB": ("الجمهورية اللبنانية",),
    "IQ": ("جمهورية العراق",),
    "TN": ("الجمهورية التونسية",),
    "DZ": ("الجمهورية الجزائرية",),
    "YE": ("الجمهورية اليمنية",),
    "SD": ("جمهورية السودان",),
    "SY": ("سورية", "الجمهورية العربية السورية"),
    "SA": ("السعودية", "المملكة العربية السعودية"),
    "AE": ("الإمارات", "دولة الإمارات"),
    "CD": ("الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية", "زائير"),
    "CG": ("الكونغو برازافيل", "جمهورية الكونغو"),
    "CZ": ("جمهورية التشيك", "تشيكيا"),
    "MM": ("ميانمار", "بورما", "ميانمار بورما"),
    "CI": ("ساحل العاج", "كوت ديفوار"),
    "PS": ("فلسطين", "دولة فلسطين", "الأراضي الفلسطينية"),
    "VA": ("الفاتيكان", "دولة الفاتيكان"),
    "NL": ("هولندا", "الأراضي المنخفضة"),
    "TL": ("تيمور الشرقية", "تيمور ليشتي"),
    "MK": ("مقدونيا", "مقدونيا الشمالية"),
    "SZ": ("سوازيلاند", "إسواتيني"),
    "BY": ("روسيا البيضاء", "بيلاروسيا"),
    "MD": ("مولدافيا",),
    "KG": ("قرغيزستان", "قيرغيزستان"),
    "LY": ("ليبيا",),
    "HK": ("هونغ كونغ",),
    "MO": ("ماكاو",),
    "CN": ("الصين الشعبية",),
    "TW": ("تايوان",),
    "IR": ("إيران", "الجمهورية الإسلامية الإيرانية"),
}  # fmt: skip

_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


def strip_generic_words(name: str) -> str:
    """Core of an admin-region name without generic type words, normalized.

    Parameters
    ----------
    name
        An Arabic region name, e.g. ``"كورسك أوبلاست"`` or ``"منطقة كورسك"``.

    Returns
    -------
    str
        The normalized core (``"كورسك"``), or ``""`` when only generic words remain.

    Examples
    --------
    >>> strip_generic_words("أوبلاست بيلغورود")
    'بيلغورود'
    >>> strip_generic_words("جمهورية القرم ذاتية الحكم")
    'القرم'
    """
    words = normalize_key(name).split()
    return " ".join(w for w in words if w not in GENERIC_REGION_WORDS)


def country_name_variants(name: str) -> list[str]:
    """Normalized news variants of an Arabic country name.

    Adds the forms inside and outside parentheses (``ميانمار (بورما)``), the two halves
    of CLDR's ``X - Y`` forms only when they are not generic, the single-word name
    without «ال» (``الكويت`` → ``كويت``) and the «جمهورية X» form.

    Examples
    --------
    >>> country_name_variants("الكويت")
    ['الكويت', 'كويت', 'جمهوريه الكويت']
    """
    base = normalize_key(name)
    out: list[str] = [base]
    m = _PAREN.search(base)
    if m:
        out += [normalize_key(_PAREN.sub(" ", base)), normalize_key(m.group(1))]
    if " - " in base:
        out.append(normalize_key(base.replace(" - ", " ")))
    first = out[0] if not m else out[1]
    words = first.split()
    if len(words) == 1 and words[0].startswith("ال") and len(words[0]) > 4:
        out.append(words[0][2:])
    if not first.startswith(normalize_key("جمهورية")):
        out.append(normalize_key("جمهورية") + " " + first)
    return list(dict.fromkeys(x for x in out if x))
