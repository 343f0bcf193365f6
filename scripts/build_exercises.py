"""Build the shipped teaching exercises in data/exercises/ from the sample articles.

Each exercise is the machine's analysis (``workbench.analyze``) of a sample
article, corrected by hand below as an analyst would in the app; the corrected
state is the answer, the machine's output the suggestions. Rerun after a change
of the pipeline or the gazetteer::

    python scripts/build_exercises.py            # writes data/exercises/*.json
    python scripts/build_exercises.py --check    # fails if the files are out of date

The corrections are written as the same typed changes the app records
(:mod:`workbench.annotations.model`), so every one is validated.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import workbench
from workbench.annotations import model as m
from workbench.exercises import ExerciseSettings, save_exercise
from workbench.exercises.build import exercise_from_state
from workbench.exercises.scoring import haversine_km

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "exercises"


Span = tuple[str, int]  # (text, occurrence): the nth occurrence of text in the article
Place = tuple[str, float, float, float]  # (name, latitude, longitude, tolerance_km)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def correct(analysis: workbench.Analysis, entities: dict[Span, str],
            places: dict[Span, Place]) -> tuple[m.ArticleState, dict[str, float]]:
    """The machine state corrected to the hand-written answer, change by change.

    Machine entities that are not in ``entities`` are deleted, wrong labels
    changed, missed entities added; each place is then set to the candidate at
    the expected coordinates if the gazetteer has one (within 1 km), else pinned.
    """
    s = m.initial_state(analysis)
    want = {_span(s.text, t, n): label for (t, n), label in entities.items()}
    for e in s.active_entities():
        if (e.start, e.end) not in want:
            s = m.DeleteEntity(e.id).apply(s)
        elif e.label != want[(e.start, e.end)]:
            s = m.SetLabel(e.id, want[(e.start, e.end)]).apply(s)
    have = {(e.start, e.end) for e in s.active_entities()}
    for (start, end), label in want.items():
        if (start, end) not in have:
            s = m.AddEntity(start, end, label).apply(s)
    by_span = {(e.start, e.end): e.id for e in s.active_entities()}
    tolerances: dict[str, float] = {}
    for (t, n), (name, lat, lon, tol) in places.items():
        eid = by_span[_span(s.text, t, n)]
        tolerances[t] = tol
        p = s.places[eid]
        near = [i for i, c in enumerate(p.candidates) if c.get("latitude") is not None
                and haversine_km(lat, lon, c["latitude"], c["longitude"]) <= 1.0]
        if p.resolved and haversine_km(lat, lon, p.latitude, p.longitude) <= 1.0:  # type: ignore[arg-type]
            s = m.ConfirmPlace(eid).apply(s)
        elif near:
            s = m.ChooseCandidate(eid, candidate_index=near[0]).apply(s)
        else:
            s = m.PinPlace(eid, lat, lon, name=name).apply(s)
    return s, tolerances


# Marino (Марьино), a village of Rylsky district, Kursk Oblast, about 30 km from Rylsk
# and near the Ukrainian border; not in the gazetteer (the machine puts it at the oblast's
# centre, or in another Marino). The tolerance covers what the article allows.
MARINO: Place = ("Marino (Rylsky district, Kursk Oblast)", 51.6, 34.9, 25.0)
KURSK_OBLAST: Place = ("Kursk Oblast", 51.7358, 36.2921, 150.0)
RUSSIA: Place = ("Russia", 59.4059, 88.5973, 1500.0)

KURSK_ENTITIES: dict[Span, str] = {
    ("مارينو", 0): "LOC", ("كورسك", 0): "LOC", ("موسكو", 0): "LOC", ("مارينو", 1): "LOC",
    ("كورسك", 1): "LOC", ("أوكرانيا", 0): "LOC", ("كوريا الشمالية", 0): "LOC",
    ("فولوديمير زيلينسكي", 0): "PER", ("روسيا", 0): "LOC", ("كورسك", 2): "LOC", ("كييف", 0): "LOC",
    ("سودجا", 0): "LOC", ("وزارة الدفاع الروسية", 0): "ORG", ("الكرملين", 0): "ORG",
    ("يونهاب", 0): "ORG", ("سيول", 0): "LOC", ("بيونغ يانغ", 0): "LOC", ("روسيا", 1): "LOC",
    ("واشنطن", 0): "LOC", ("البنتاغون", 0): "ORG", ("الولايات المتحدة", 0): "LOC", ("كورسك", 3): "LOC",
    ("حلف شمال الأطلسي", 0): "ORG", ("بروكسل", 0): "LOC", ("الاتحاد الأوروبي", 0): "ORG",
    ("ريلسك", 0): "LOC",
}
KURSK_PLACES: dict[Span, Place] = {
    ("مارينو", 0): MARINO, ("مارينو", 1): MARINO,
    # «منطقة كورسك» and «في كورسك» (where the troops are deployed): the oblast, not the city.
    ("كورسك", 0): KURSK_OBLAST, ("كورسك", 1): KURSK_OBLAST, ("كورسك", 2): KURSK_OBLAST,
    ("كورسك", 3): KURSK_OBLAST,
    ("موسكو", 0): ("Moscow", 55.75204, 37.61781, 15.0),
    ("أوكرانيا", 0): ("Ukraine", 48.8046, 30.9808, 500.0),
    ("كوريا الشمالية", 0): ("North Korea", 40.3376, 126.8035, 300.0),
    ("روسيا", 0): RUSSIA, ("روسيا", 1): RUSSIA,
    ("كييف", 0): ("Kyiv", 50.45466, 30.5238, 15.0),
    ("سودجا", 0): ("Sudzha", 51.191, 35.271, 10.0),
    ("سيول", 0): ("Seoul", 37.566, 126.9784, 15.0),
    ("بيونغ يانغ", 0): ("Pyongyang", 39.03385, 125.75432, 15.0),
    ("واشنطن", 0): ("Washington", 38.89511, -77.03637, 15.0),
    ("الولايات المتحدة", 0): ("United States", 37.2367, -99.3148, 1500.0),
    ("بروكسل", 0): ("Brussels", 50.85045, 4.34878, 15.0),
    ("ريلسك", 0): ("Rylsk", 51.57141, 34.68324, 10.0),
}

LIBYA: Place = ("Libya", 26.3033, 17.2589, 500.0)
BENGHAZI: Place = ("Benghazi", 32.11486, 20.06859, 15.0)
DARNAH: Place = ("Derna", 32.76704, 22.63669, 10.0)
LIBYA_ENTITIES: dict[Span, str] = {
    ("ليبيا", 0): "LOC", ("بنغازي", 0): "LOC", ("ليبيا", 1): "LOC", ("درنة", 0): "LOC",
    # The Libyan Red Crescent: the nisba is part of the organization's name.
    ("الهلال الأحمر الليبي", 0): "ORG", ("البيضاء", 0): "LOC", ("شحات", 0): "LOC", ("درنة", 1): "LOC",
    ("طرابلس", 0): "LOC",
    # «مطار بنينا»: the ب belongs to the name (Benina), it is not the preposition.
    ("بنينا", 0): "LOC", ("بنغازي", 1): "LOC", ("منظمة الصحة العالمية", 0): "ORG", ("مصر", 0): "LOC",
    ("تونس", 0): "LOC", ("الجزائر", 0): "LOC", ("عبد الله باتيلي", 0): "PER", ("ليبيا", 2): "LOC",
    # «صحيفة الوسط الليبية»: the newspaper is called «الوسط».
    ("الوسط", 0): "ORG",
}
LIBYA_PLACES: dict[Span, Place] = {
    ("ليبيا", 0): LIBYA, ("ليبيا", 1): LIBYA, ("ليبيا", 2): LIBYA,
    ("بنغازي", 0): BENGHAZI, ("بنغازي", 1): BENGHAZI, ("درنة", 0): DARNAH, ("درنة", 1): DARNAH,
    ("البيضاء", 0): ("Al Bayda", 32.76272, 21.75506, 10.0),
    ("شحات", 0): ("Shahhat", 32.8043, 21.86605, 10.0),
    ("طرابلس", 0): ("Tripoli", 32.88743, 13.18733, 15.0),
    # Benina International Airport, east of Benghazi.
    ("بنينا", 0): ("Benina (Benghazi airport)", 32.0968, 20.2695, 10.0),
    ("مصر", 0): ("Egypt", 26.8955, 29.3695, 500.0),
    ("تونس", 0): ("Tunisia", 33.9416, 8.914, 300.0),
    ("الجزائر", 0): ("Algeria", 27.9162, 0.5263, 1500.0),
}


EXERCISES: dict[str, dict[str, Any]] = {
    "kursk_marino": {
        "sample": "sample:kursk_marino",
        "entities": KURSK_ENTITIES,
        "places": KURSK_PLACES,
        "title": {"en": "Strike on a command post in Marino (Kursk)",
                  "ar": "ضربة على مقر قيادة في مارينو (كورسك)"},
        "settings": ExerciseSettings(suggestions="shown", labels=("PER", "LOC", "ORG"), reveal=True),
        "instructions": {
            "en": "The machine has already marked the entities and placed them on the map. Check every "
                  "one: fix wrong labels, remove what is not a name, add what it missed, and make sure "
                  "every place is where the article says it is (choose another candidate or pin it on "
                  "the map). Then press “Check my answers”.",
            "ar": "حدّدت الآلة الكيانات ووضعتها على الخريطة. راجعها واحداً واحداً: صحّح التصنيفات الخاطئة، "
                  "واحذف ما ليس اسماً، وأضف ما فاتها، وتأكد أن كل مكان حيث يقول المقال (اختر مرشحاً آخر "
                  "أو ضع دبوساً على الخريطة). ثم اضغط «تحقق من إجاباتي».",
        },
        "hints": [
            {"en": "Marino is a village, not the whole region: where does the article say it is?",
             "ar": "مارينو قرية وليست المنطقة كلها: أين يقول المقال إنها تقع؟"},
            {"en": "The last paragraph gives a distance from a town you can find on the map (Rylsk).",
             "ar": "الفقرة الأخيرة تذكر المسافة من مدينة يمكنك إيجادها على الخريطة (ريلسك)."},
            {"en": "«منطقة كورسك» is the region (Kursk Oblast), not the city of Kursk.",
             "ar": "«منطقة كورسك» هي المقاطعة وليست مدينة كورسك."},
        ],
    },
    "libya_floods": {
        "sample": "sample:libya_floods",
        "entities": LIBYA_ENTITIES,
        "places": LIBYA_PLACES,
        "title": {"en": "Floods in eastern Libya", "ar": "فيضانات في شرق ليبيا"},
        "settings": ExerciseSettings(suggestions="hidden", labels=("PER", "LOC", "ORG"), reveal=True),
        "instructions": {
            "en": "Mark every person (PER), place (LOC) and organization (ORG) named in the article, "
                  "without the attached و, ب, ل or ك and without words such as مدينة (city), مطار "
                  "(airport) or صحيفة (newspaper) that are not part of the name. Then locate every "
                  "place: choose a gazetteer candidate or pin it on the map.",
            "ar": "حدّد كل شخص (PER) ومكان (LOC) ومنظمة (ORG) ورد اسمه في المقال، من دون حروف الجر "
                  "والعطف المتصلة (و، ب، ل، ك) ومن دون كلمات مثل مدينة أو مطار أو صحيفة ليست جزءاً "
                  "من الاسم. ثم حدّد موقع كل مكان: اختر مرشحاً من المعجم الجغرافي أو ضع دبوساً على الخريطة.",
        },
        "hints": [
            {"en": "In «مطار بنينا», is the ب a preposition or part of the name?",
             "ar": "في «مطار بنينا»: هل الباء حرف جر أم جزء من الاسم؟"},
            {"en": "«سيول» can be Seoul or torrents (floods): read the sentence before marking it.",
             "ar": "«سيول» قد تعني مدينة سيول أو السيول الجارفة: اقرأ الجملة قبل أن تحدّدها."},
            {"en": "Some places are mentioned twice: mark and locate every mention.",
             "ar": "بعض الأماكن مذكورة مرتين: حدّد كل ذكر لها وموقعه."},
            {"en": "The full name of the humanitarian organization includes its country.",
             "ar": "الاسم الكامل للمنظمة الإنسانية يتضمن اسم بلدها."},
        ],
    },
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with the files instead of writing")
    args = ap.parse_args(argv)
    from workbench.geo.gazetteer import default_gazetteer
    from workbench.geo.resolve import resolve_places

    stale = []
    for name, spec in EXERCISES.items():
        analysis = workbench.analyze(spec["sample"])
        state, tolerances = correct(analysis, spec["entities"], spec["places"])
        # Candidates for the mentions the machine missed, so students can choose among them too.
        missed = [(e.start, e.end, "LOC") for e, _p in state.active_places() if e.origin == "analyst"]
        extra = {rp.text: [c.to_dict() for c in rp.candidates]
                 for rp in resolve_places(state.text, missed, default_gazetteer())}
        ex = exercise_from_state(
            state, exercise_id=name, title=spec["title"], instructions=spec["instructions"],
            hints=spec["hints"], settings=spec["settings"], machine=analysis, tolerances=tolerances,
            extra_candidates=extra,
        )
        path = args.out / f"{name}.json"
        if args.check:
            old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
            new = ex.to_dict()
            if {k: v for k, v in old.items() if k not in ("created", "generator")} != {
                    k: v for k, v in new.items() if k not in ("created", "generator")}:
                stale.append(str(path))
            continue
        save_exercise(ex, path)
        print(f"wrote {path}: {len(ex.gold_entities)} entities, {len(ex.gold_places)} places, "
              f"hash {ex.hash}", file=sys.stderr)
    if stale:
        print("out of date (rerun scripts/build_exercises.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
