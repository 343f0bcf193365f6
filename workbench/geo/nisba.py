"""Arabic country adjectives (nisba): «الروسية» → RU, «الكورية الشمالية» → KP.

The table is derived from CLDR's Arabic country names (babel) with the regular nisba
rules, plus a hand list of irregular forms. Adjectives shared by several countries
and adjectives that are also common words (Mali «مالي» = "financial") are left out.
All keys are normalized with :func:`workbench.articles.normalize.normalize_key`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from workbench.articles.normalize import normalize_key

__all__ = ["IRREGULAR_NISBA", "country_adjectives", "nisba_forms", "nisba_stems"]

# Masculine singular stems (without «ال») of irregular or multi-word adjectives.
IRREGULAR_NISBA: dict[str, tuple[str, ...]] = {
    "US": ("أمريكي", "أميركي"),
    "GB": ("بريطاني", "إنجليزي", "إنكليزي"),
    "AE": ("إماراتي",),
    "SA": ("سعودي",),
    "AT": ("نمساوي",),
    "AF": ("أفغاني",),
    "AM": ("أرمني",),
    "KZ": ("كازاخي",),
    "NL": ("هولندي",),
    "KP": ("كوري شمالي",),
    "KR": ("كوري جنوبي",),
    "ZA": ("جنوب أفريقي",),
    "CD": ("كونغولي",),
    "BY": ("بيلاروسي",),
    "CN": ("صيني",),
    "PS": ("فلسطيني",),
    "CZ": ("تشيكي",),
    "HU": ("مجري", "هنغاري"),
    "MA": ("مغربي",),
    "GR": ("يوناني",),
    "DE": ("ألماني",),
    "ES": ("إسباني",),
    "VE": ("فنزويلي",),
}

# Irregular plurals used as adjectives or nouns right after a place («كورسك الروس» is rare,
# but «بلاد الروس» happens).
_PLURALS: dict[str, tuple[str, ...]] = {"RU": ("الروس", "روس"), "GB": ("الإنجليز", "البريطانيون")}

# Nisba forms that are also everyday words: never read them as a country.
_STOP = frozenset(
    normalize_key(w) for w in ("مالي", "المالي", "المالية", "مالية", "ماليين", "سامي", "السامي")
)


def nisba_stems(country_name: str) -> list[str]:
    """Masculine singular nisba stems of an Arabic country name by the regular rules.

    Parameters
    ----------
    country_name
        Arabic country name, e.g. ``"روسيا"``, ``"الكويت"``, ``"كوريا الشمالية"``.

    Returns
    -------
    list of str
        Normalized stems without «ال» (``"روسي"``, ``"كويتي"``, ``"كوري شمالي"``).

    Examples
    --------
    >>> nisba_stems("إيطاليا"), nisba_stems("السعودية"), nisba_stems("كوريا الجنوبية")
    (['ايطالي'], ['سعودي'], ['كوري جنوبي'])
    """
    words = normalize_key(country_name).split()
    if not words:
        return []
    if len(words) == 2 and words[1].startswith("ال") and words[1].endswith("يه"):
        heads = nisba_stems(words[0])
        return [f"{h} {words[1][2:-1]}" for h in heads]
    if len(words) != 1:
        return []
    w = words[0]
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    if w.endswith("يا") and len(w) > 3:
        return [w[:-2] + "ي"]
    if w.endswith("يه") and len(w) > 3:
        return [w[:-1]]
    if w.endswith(("ا", "ه")):
        return [w[:-1] + "ي"]
    if w.endswith("ي"):
        return [w]
    return [w + "ي"]


def nisba_forms(stem: str) -> list[str]:
    """Gender, number and article forms of a (possibly two-word) masculine nisba stem.

    Examples
    --------
    >>> nisba_forms("روسي")[:4]
    ['روسي', 'روسيه', 'الروسي', 'الروسيه']
    """
    words = normalize_key(stem).split()
    endings = ("", "ه", "ون", "ين")
    forms: list[str] = []
    for art in ("", "ال"):
        for end in endings:
            forms.append(" ".join(art + w + end for w in words))
    order = [0, 1, 4, 5, 2, 3, 6, 7]
    return [forms[i] for i in order]


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, str]:
    """Map of normalized Arabic country adjective → ISO 3166-1 alpha-2 code.

    Returns
    -------
    dict
        E.g. ``{"الروسيه": "RU", "الكوريه الشماليه": "KP", "الفنزويليه": "VE", ...}``.
    """
    from babel import Locale

    names: list[tuple[str, str]] = [
        (code, name)
        for code, name in Locale("ar").territories.items()
        if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "XA", "XB")
    ]
    return _build_table(names)


def _build_table(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    table: dict[str, set[str]] = {}

    def add(code: str, stem: str) -> None:
        for form in nisba_forms(stem):
            table.setdefault(form, set()).add(code)

    for code, name in names:
        for stem in nisba_stems(name):
            add(code, stem)
    # Irregular forms override the rules: remove rule-made forms that collide with them.
    irregular: dict[str, str] = {}
    for code, stems in IRREGULAR_NISBA.items():
        for stem in stems:
            for form in nisba_forms(stem):
                irregular[form] = code
    for code, plurals in _PLURALS.items():
        for p in plurals:
            irregular[normalize_key(p)] = code
    out = {form: next(iter(codes)) for form, codes in table.items() if len(codes) == 1}
    out.update(irregular)
    for stop in _STOP:
        out.pop(stop, None)
    # «الكوري» alone is ambiguous between KP and KR.
    for form in nisba_forms("كوري"):
        out.pop(form, None)
    return out
