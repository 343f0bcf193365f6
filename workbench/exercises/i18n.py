"""Interface texts of the exercise mode in English and Arabic.

The texts join the app's catalogue (:mod:`workbench.ui.i18n`) as
``register_catalogue("exercises", ...)`` with keys ``"exercises.<key>"``, on
first use; :func:`tr` looks them up there, so one catalogue serves the whole
app. Without the UI package (pure scoring in an autograder) :func:`tr` reads
the same dictionary here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["CATALOGUE", "LANGUAGES", "direction", "tr"]

LANGUAGES: tuple[str, ...] = ("en", "ar")

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "app_title": "Exercise: {title}",
        "student": "Student: {name}",
        "instructions": "Instructions",
        "hint": "Hint",
        "show_hint": "Show a hint",
        "no_more_hints": "No more hints.",
        "check": "Check my answers",
        "submit": "Submit",
        "submitted": "Submitted: {path}",
        "language": "Language",
        "suggestions_shown": "The machine's suggestions are shown: accept, correct or remove them.",
        "suggestions_hidden": "Mark the entities yourself: pick the first and last word, a label, then Add.",
        "tab_entities": "Entities",
        "tab_mark": "Mark",
        "tab_feedback": "Feedback",
        "feedback_title": "Feedback for {student}",
        "score": "Score: {score} / 100",
        "entity_score": "Entities (F1): {value}",
        "place_score": "Places within tolerance: {passed} of {total}",
        "label": "Label",
        "precision": "Precision",
        "recall": "Recall",
        "f1": "F1",
        "support": "Expected",
        "all_labels": "All",
        "col_entity": "Entity",
        "col_what": "What happened",
        "col_expected": "Expected",
        "col_yours": "Yours",
        "kind_correct": "correct",
        "kind_wrong_label": "wrong label",
        "kind_boundary": "wrong boundaries",
        "kind_missed": "missed",
        "kind_spurious": "not an entity to mark",
        "hidden_answer": "(hidden)",
        "missed_hidden": "{n} expected entities not found (the answers are not revealed in this exercise).",
        "places_hidden": "{n} place(s) not marked as places (not revealed in this exercise).",
        "places_title": "Places",
        "col_place": "Place",
        "col_distance": "Distance error",
        "col_tolerance": "Tolerance",
        "col_result": "Result",
        "status_pass": "pass",
        "status_fail": "too far",
        "status_not_located": "not located",
        "status_not_marked": "not marked as a place",
        "km": "{value} km",
        "warning": "Note: {text}",
        "nothing_to_check": "Open the exercise first.",
        "teacher_title": "Class results: {title}",
        "teacher_students": "{n} submission(s)",
        "col_student": "Student",
        "col_score": "Score",
        "most_missed": "Most often missed",
        "col_count": "Missed by",
        "map_legend": "Gold places (circles show the tolerance) and the students' answers "
                      "(green within tolerance, red outside).",
        "problems": "Skipped files",
    },
    "ar": {
        "app_title": "تمرين: {title}",
        "student": "الطالب: {name}",
        "instructions": "التعليمات",
        "hint": "تلميح",
        "show_hint": "أظهر تلميحاً",
        "no_more_hints": "لا مزيد من التلميحات.",
        "check": "تحقق من إجاباتي",
        "submit": "سلِّم",
        "submitted": "تم التسليم: {path}",
        "language": "اللغة",
        "suggestions_shown": "اقتراحات الآلة معروضة: اقبلها أو صحّحها أو احذفها.",
        "suggestions_hidden": "حدّد الكيانات بنفسك: اختر الكلمة الأولى والأخيرة والتصنيف ثم أضف.",
        "tab_entities": "الكيانات",
        "tab_mark": "التحديد",
        "tab_feedback": "التقييم",
        "feedback_title": "تقييم إجابات {student}",
        "score": "الدرجة: {score} من 100",
        "entity_score": "الكيانات (F1): {value}",
        "place_score": "الأماكن ضمن حدّ التسامح: {passed} من {total}",
        "label": "التصنيف",
        "precision": "الدقة",
        "recall": "الاستدعاء",
        "f1": "F1",
        "support": "المتوقع",
        "all_labels": "الكل",
        "col_entity": "الكيان",
        "col_what": "النتيجة",
        "col_expected": "المتوقع",
        "col_yours": "إجابتك",
        "kind_correct": "صحيح",
        "kind_wrong_label": "تصنيف خاطئ",
        "kind_boundary": "حدود خاطئة",
        "kind_missed": "لم يُحدَّد",
        "kind_spurious": "ليس كياناً مطلوباً",
        "hidden_answer": "(مخفي)",
        "missed_hidden": "لم تُحدَّد {n} من الكيانات المتوقعة (الإجابات لا تُكشف في هذا التمرين).",
        "places_hidden": "لم تُحدَّد {n} من الأماكن (لا تُكشف في هذا التمرين).",
        "places_title": "الأماكن",
        "col_place": "المكان",
        "col_distance": "خطأ المسافة",
        "col_tolerance": "حدّ التسامح",
        "col_result": "النتيجة",
        "status_pass": "ناجح",
        "status_fail": "بعيد جداً",
        "status_not_located": "بلا موقع",
        "status_not_marked": "لم يُحدَّد كمكان",
        "km": "{value} كم",
        "warning": "ملاحظة: {text}",
        "nothing_to_check": "افتح التمرين أولاً.",
        "teacher_title": "نتائج الصف: {title}",
        "teacher_students": "عدد التسليمات: {n}",
        "col_student": "الطالب",
        "col_score": "الدرجة",
        "most_missed": "الأكثر إغفالاً",
        "col_count": "أغفله",
        "map_legend": "الأماكن الصحيحة (الدوائر تبيّن حدّ التسامح) وإجابات الطلاب "
                      "(الأخضر ضمن الحد والأحمر خارجه).",
        "problems": "ملفات لم تُقرأ",
    },
}


def direction(lang: str) -> str:
    """``"rtl"`` for Arabic, else ``"ltr"`` (from the writing system, not special cases)."""
    return "rtl" if lang == "ar" else "ltr"


@lru_cache(maxsize=1)
def _app_catalogue() -> Any:
    """The app's ``t`` once our keys are registered there, else ``None``."""
    try:
        from workbench.ui import i18n  # the UI engineer's catalogue, when it exists
    except ImportError:
        return None
    register = getattr(i18n, "register_catalogue", None)
    t = getattr(i18n, "t", None)
    if register is None or t is None:
        return None
    try:
        register("exercises", {lang: {f"exercises.{k}": v for k, v in texts.items()}
                               for lang, texts in CATALOGUE.items()})
    except Exception:  # a catalogue we cannot join must not break the exercises
        return None
    return t


def tr(key: str, lang: str = "en", **kw: Any) -> str:
    """The interface text ``key`` in ``lang`` (English when missing), formatted with ``kw``."""
    t = _app_catalogue()
    if t is not None:
        try:
            out = t(f"exercises.{key}", lang, **kw)
        except Exception:  # fall back to our own copy of the texts
            out = None
        if isinstance(out, str) and out:
            return out
    table = CATALOGUE.get(lang) or CATALOGUE["en"]
    text = table.get(key) or CATALOGUE["en"].get(key) or key
    return text.format(**kw) if kw else text
