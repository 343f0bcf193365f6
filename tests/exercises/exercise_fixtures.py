"""A tiny hand-made exercise (no pipeline, no gazetteer) shared by the exercise tests."""

from __future__ import annotations

import copy
from typing import Any

TEXT = (
    "زار الرئيس فلاديمير بوتين موسكو وكوريا الجنوبية، ثم هبطت طائرته في مطار بنينا قرب بنغازي.\n"
    "وقالت وزارة الدفاع إن الزيارة انتهت."
)


def span(word: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``word`` in :data:`TEXT`."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def ent(word: str, label: str, nth: int = 0) -> dict[str, Any]:
    s, e = span(word, nth)
    return {"start": s, "end": e, "text": word, "label": label}


def place(word: str, name: str, lat: float, lon: float, tol: float) -> dict[str, Any]:
    s, e = span(word)
    return {"start": s, "end": e, "text": word, "name": name, "latitude": lat, "longitude": lon,
            "tolerance_km": tol, "geonameid": None, "country_code": ""}


MOSCOW = (55.7522, 37.6156)
KOREA = (36.5, 127.8)
BENINA = (32.0968, 20.2695)
BENGHAZI = (32.1149, 20.0686)


def exercise_dict(**settings: Any) -> dict[str, Any]:
    """The exercise as it would be in a file (a fresh copy each call)."""
    d = {
        "format": "workbench-exercise/1",
        "id": "tiny-visit",
        "title": {"en": "A visit", "ar": "زيارة"},
        "instructions": {"en": "Mark people, places and organizations.", "ar": "حدّد الأشخاص والأماكن."},
        "hints": [{"en": "Do not include و in a name.", "ar": "لا تضمّ الواو إلى الاسم."}],
        "article": {"text": TEXT, "title": "زيارة", "source": "<test>", "language": "ar"},
        "settings": {"suggestions": "shown", "labels": ["PER", "LOC", "ORG"], "reveal": True,
                     **settings},
        "gold": {
            "entities": [ent("فلاديمير بوتين", "PER"), ent("موسكو", "LOC"),
                         ent("كوريا الجنوبية", "LOC"), ent("بنينا", "LOC"), ent("بنغازي", "LOC"),
                         ent("وزارة الدفاع", "ORG")],
            "places": [place("موسكو", "Moscow", *MOSCOW, 20),
                       place("كوريا الجنوبية", "South Korea", *KOREA, 300),
                       place("بنينا", "Benina airport", *BENINA, 10),
                       place("بنغازي", "Benghazi", *BENGHAZI, 15)],
        },
        # The machine's mistakes: «نينا» instead of «بنينا», ORG missed, Benghazi in the wrong place.
        "suggestions": {
            "entities": [ent("فلاديمير بوتين", "PER"), ent("موسكو", "LOC"), ent("كوريا الجنوبية", "LOC"),
                         ent("نينا", "LOC"), ent("بنغازي", "LOC")],
            "places": [{**ent("موسكو", "LOC"), "name": "Moscow", "latitude": MOSCOW[0],
                        "longitude": MOSCOW[1], "geonameid": 524901, "country_code": "RU",
                        "precision": "exact", "confidence": 0.9},
                       {**ent("بنغازي", "LOC"), "name": "Benghazi (wrong)", "latitude": 31.0,
                        "longitude": 21.0, "geonameid": None, "country_code": "LY",
                        "precision": "region", "confidence": 0.4}],
        },
        "candidates": {
            "بنينا": [{"name": "Benina", "name_ar": "بنينا", "latitude": BENINA[0], "longitude": BENINA[1],
                       "geonameid": 88319, "country_code": "LY", "feature": "AIRP", "score": 0.8},
                      {"name": "Banina", "name_ar": "", "latitude": 30.0, "longitude": 31.0,
                       "geonameid": 1, "country_code": "EG", "feature": "PPL", "score": 0.1}],
            "بنغازي": [{"name": "Benghazi", "name_ar": "بنغازي", "latitude": BENGHAZI[0],
                        "longitude": BENGHAZI[1], "geonameid": 88319 + 1, "country_code": "LY",
                        "feature": "PPLA", "score": 0.9}],
        },
    }
    return copy.deepcopy(d)
