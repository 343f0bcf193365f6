"""Arabic word lists used by the rule components and the tokenizer.

These are linguistic facts (titles, trigger nouns, function words), kept in one
place so rules, tokenizer and training share them. Lists are stored in the
normalized form of :func:`workbench.articles.normalize.normalize_key`.
"""

from __future__ import annotations

from functools import lru_cache

from workbench.articles.normalize import normalize_key
from workbench.paths import data_dir

__all__ = [
    "FUNCTION_WORDS",
    "KNOWN_ORGS",
    "MEDIA_TRIGGERS",
    "MISC_TRIGGERS",
    "NAME_CONNECTORS",
    "ORG_TRIGGERS",
    "PERSON_TITLES",
    "PLACE_TRIGGERS",
    "default_known_words",
    "is_ambiguous_place_word",
    "person_names",
    "word_counts",
]


def _norm_set(words: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in words.split())


# Nouns that introduce a place name: «في قرية مارينو», «بمنطقة كورسك».
PLACE_TRIGGERS = _norm_set(
    "مدينة قرية بلدة منطقة مقاطعة ولاية إقليم محافظة العاصمة عاصمة بلدية ناحية مخيم حي "
    "جزيرة دولة جمهورية مملكة إمارة أوبلاست ضاحية مديرية قضاء معبر"
)

# Titles and roles that precede a person's name.
PERSON_TITLES = _norm_set(
    "الرئيس رئيس رئيسة الرئيسة الزعيم زعيم الملك الملكة الأمير الأميرة الشيخ الشيخة السيد "
    "السيدة الوزير وزير وزيرة الوزيرة المستشار مستشار مستشارة المتحدث متحدث المتحدثة الناطق "
    "ناطق الجنرال اللواء العقيد الرائد العميد الفريق المشير القائد قائد الدكتور الدكتورة "
    "النائب نائب السفير سفير المبعوث مبعوث الكاتب الكاتبة الصحفي الصحفية المحلل البابا "
    "الإمام المدير مدير مديرة الأمين الشاعر المخرج اللاعب المدرب الحاكم حاكم المرشد "
    "الجنرالات المراسل مراسل القاضي المدعي العاهل ولي المفوض المفوضة الرقيب النقيب "
    "نظيره نظيرته نظيره"
)

# Nouns that begin an organization name: «وزارة الدفاع», «هيئة الاستخبارات الوطنية».
ORG_TRIGGERS = _norm_set(
    "وزارة هيئة جامعة منظمة حزب مجلس بنك مصرف مجموعة جماعة حركة جبهة اتحاد لجنة مؤسسة "
    "معهد وكالة صحيفة شركة قناة محطة إذاعة جمعية نقابة محكمة برلمان الحرس فيلق كتائب "
    "أكاديمية مستشفى نادي منتدى صندوق رابطة تحالف"
)

# Triggers after which a foreign/proper name (not an «ال» chain) is the organization itself:
# «صحيفة وول ستريت جورنال» → «وول ستريت جورنال».
MEDIA_TRIGGERS = _norm_set("صحيفة وكالة شركة قناة محطة إذاعة موقع مجلة")

# Words after which a quoted name is a product, weapon or event (MISC): «من طراز “ستورم شادو”».
MISC_TRIGGERS = _norm_set("طراز نوع عملية مهرجان بطولة كأس مؤتمر منتدى صاروخ صواريخ طائرة طائرات")

# Organizations that news writes without a trigger noun.
KNOWN_ORGS: tuple[str, ...] = tuple(
    normalize_key(x)
    for x in (
        "الأمم المتحدة",
        "الاتحاد الأوروبي",
        "حلف شمال الأطلسي",
        "حلف الناتو",
        "الناتو",
        "البنتاغون",
        "الكرملين",
        "البيت الأبيض",
        "مجلس الأمن",
        "الجامعة العربية",
        "جامعة الدول العربية",
        "منظمة الصحة العالمية",
        "صندوق النقد الدولي",
        "البنك الدولي",
        "رويترز",
        "أسوشيتد برس",
        "فرانس برس",
        "حماس",
        "حزب الله",
        "طالبان",
        "داعش",
        "الكونغرس",
        "الكونجرس",
        "اليونسكو",
        "اليونيسف",
        "الإنتربول",
        "الصليب الأحمر",
        "الهلال الأحمر",
        "أوبك",
        "الوكالة الدولية للطاقة الذرية",
        "مجلس التعاون الخليجي",
        "الاتحاد الأفريقي",
        "الجيش الأوكراني",
        "الجيش الروسي",
        "الجيش الكوري الشمالي",
    )
)

# Words that may sit inside a person's name.
NAME_CONNECTORS = _norm_set("بن ابن بنت أبو أبي أبا عبد آل دي دا فون فان لو لا")

# Words that never start or continue a name (prepositions, particles, common verbs,
# time words). A name scan stops at them.
FUNCTION_WORDS = _norm_set(
    "في من إلى الى على عن مع أن إن أنه إنه أنها إنها قد لقد كان كانت يكون تكون التي الذي الذين "
    "اللذين اللتين بعد قبل خلال حيث أو ثم لكن لكنه هذا هذه ذلك تلك هناك هنا يوم اليوم أمس غدا "
    "الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت عام سنة شهر أسبوع منذ حتى عند عندما "
    "لدى بين ضد نحو حول دون غير كل بعض جميع أي ما ماذا لم لن لا نعم إذا لو كما كذلك أيضا "
    "فقط قال قالت أكد أكدت أعلن أعلنت أضاف أضافت أشار أشارت كشف كشفت وقع وقعت زار زارت دعا "
    "دعت التقى شدد أوضح أوضحت ذكر ذكرت أفاد أفادت يقول تقول يرى ترى نقلا نقلاً وفق وفقا "
    "بحسب حسب إنه وهو وهي هو هي هم هن نحن أنا له لها لهم به بها فيه فيها عليه عليها إليه "
    "عنه منه منها معه يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر "
    "ديسمبر الجاري الماضي المقبل صباح مساء ليلة الليلة ألف مليون مليار عدد بعدما بينما أمام "
    "وراء فوق تحت إثر عقب لدعم مقابل مقابلة تصريحات تصريح بيان مؤتمر مثل نفس ذات عدة باسم بإسم"
)

# Place names that are also everyday words («حماة» protectors/Hama, «صور» pictures/Tyre,
# «جدة» grandmother/Jeddah). The ruler accepts them only after a place trigger.
AMBIGUOUS_PLACE_WORDS = _norm_set(
    "حماة الرمادي الخليل صور جدة الأمل السلام النور الحرية الوحدة الثورة المنصورة الزرقاء "
    "العين الباب النصر الفتح الأمان الرحمة النهضة التحرير الشعب الوطن الخير البركة الجديدة "
    "المستقبل الصناعية الشهداء الشرقية الغربية الشمالية الجنوبية الوسطى العاصمة الساحل "
    "المدينة القرية البلدة الحي المركز الجبل الوادي الجزيرة البحر النهر السوق المعسكر "
    "مقر قيادة روس حرب الدفاع الجيش الدولة المعاهدة الطرف الموقع طراز البيضاء الحمراء "
    "الخضراء السوداء الكبرى الصغرى العليا السفلى الجديد القديمة المحطة المطار الميناء معبر "
    "جنوب الجنوب شمال الشمال شرق الشرق غرب الغرب جنوبية شمالية شرقية غربية"
)

# Place names that are also everyday words but common as places too («سيول» Seoul/floods):
# accepted after a preposition or a place trigger.
SOFT_AMBIGUOUS_PLACE_WORDS = _norm_set("سيول عمان الأمل النجاح")


NISBA_ADJECTIVE_COUNT = 150


def is_ambiguous_place_word(norm_name: str) -> bool:
    """Whether a normalized one-word place name is also a common word or adjective."""
    if " " in norm_name:
        return False
    if norm_name in AMBIGUOUS_PLACE_WORDS or norm_name in FUNCTION_WORDS:
        return True
    # nisba adjectives (الروسية، الشماليين) are frequent words; a nisba-shaped place
    # name (اللاذقية، الإسكندرية) is not
    nisba = norm_name.startswith("ال") and norm_name.endswith(("يه", "يين", "يون", "يات"))
    return nisba and word_counts().get(norm_name, 0) >= NISBA_ADJECTIVE_COUNT


@lru_cache(maxsize=1)
def word_counts() -> dict[str, int]:
    """Counts of frequent normalized words in Arabic Wikipedia (``data/lexicons/ar_word_counts.tsv``).

    Empty when the file is absent; rebuilt by ``scripts/build_word_counts.py``.
    """
    path = data_dir() / "lexicons" / "ar_word_counts.tsv"
    if not path.exists():
        return {}
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, n = line.rstrip("\n").partition("\t")
            counts[word] = int(n)
    return counts


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """Normalized given names from ``data/lexicons/person_names_ar.txt`` (empty if absent)."""
    path = data_dir() / "lexicons" / "person_names_ar.txt"
    if not path.exists():
        return frozenset()
    return frozenset(w for w in path.read_text(encoding="utf-8").split() if w)


@lru_cache(maxsize=1)
def default_known_words() -> frozenset[str]:
    """Words whose proclitic-prefixed forms the tokenizer splits without other evidence."""
    words: set[str] = set(PLACE_TRIGGERS | PERSON_TITLES | ORG_TRIGGERS | MISC_TRIGGERS)
    words |= person_names()
    for org in KNOWN_ORGS:
        words.add(org.split()[0])
    return frozenset(words)
