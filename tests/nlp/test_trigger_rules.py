import pytest

from workbench.articles.normalize import normalize_key
from workbench.nlp.spans import resolve_overlaps
from workbench.nlp.trigger_rules import Tok, find_trigger_spans

PUNCT = set('،,.:؛“”«»"()')


def toks(sentence: str) -> list[Tok]:
    return [Tok(w, normalize_key(w), w in PUNCT) for w in sentence.split()]


def ents(sentence: str) -> set[tuple[str, str]]:
    t = toks(sentence)
    return {
        (" ".join(x.text for x in t[s.start : s.end]), s.label)
        for s in resolve_overlaps(find_trigger_spans(t))
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("كشف الرئيس الأوكراني ، فولوديمير زيلينسكي ، اليوم", ("فولوديمير زيلينسكي", "PER")),
        ("وقع الرئيس الروسي فلاديمير بوتين على المعاهدة", ("فلاديمير بوتين", "PER")),
        ("أن الزعيم الكوري الشمالي ، كيم جونج أون ، وقع", ("كيم جونج أون", "PER")),
        ("وقال مستشار الأمن القومي في كوريا الجنوبية ، شين وون سيك ، في مقابلة", ("شين وون سيك", "PER")),
        ("قالت هيئة الاستخبارات الوطنية في كوريا", ("هيئة الاستخبارات الوطنية", "ORG")),
        ("وذكرت صحيفة وول ستريت جورنال نقلاً عن مسؤولين", ("وول ستريت جورنال", "ORG")),
        ("وأشارت شركة “ غلوبال ديفينس كورب ” المتخصصة", ("غلوبال ديفينس كورب", "ORG")),
        ("صاروخًا من طراز “ ستورم شادو ” استهدفت", ("ستورم شادو", "MISC")),
        ("أفادت وكالة الأنباء المركزية في كوريا", ("وكالة الأنباء المركزية", "ORG")),
        ("وامتنع الكرملين عن التعليق", ("الكرملين", "ORG")),
    ],
)
def test_trigger_rules_on_news_sentences(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in ents(sentence)


def test_title_followed_by_verb_is_no_person() -> None:
    assert ents("وقال الرئيس إن الهجوم فشل") == set()


def test_overlap_priority_and_length() -> None:
    from workbench.nlp.spans import EntitySpan

    spans = [EntitySpan(0, 2, "LOC", 10), EntitySpan(1, 3, "ORG", 20), EntitySpan(5, 6, "LOC", 5)]
    kept = resolve_overlaps(spans)
    assert [(s.start, s.end, s.label) for s in kept] == [(1, 3, "ORG"), (5, 6, "LOC")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("كشف بنك دبي الإسلامي عن خطة", ("بنك دبي الإسلامي", "ORG")),
        ("زار وفد من جامعة بغداد المعرض", ("جامعة بغداد", "ORG")),
        ("زار وفد من جامعة الملك سعود في الرياض", ("جامعة الملك سعود", "ORG")),
        (
            "التقى رئيس الوزراء القطري محمد بن عبد الرحمن آل ثاني بنظيره",
            ("محمد بن عبد الرحمن آل ثاني", "PER"),
        ),
        ("بحث مع نظيره الأردني أيمن الصفدي في عمان", ("أيمن الصفدي", "PER")),
        ("وصلت القوافل إلى قرية مارينو في كورسك", ("مارينو", "LOC")),
        ("عبرت القوافل من معبر باب الهوى على الحدود", ("باب الهوى", "LOC")),
    ],
)
def test_more_news_patterns(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in ents(sentence)


def test_indefinite_adjective_after_place_noun_is_no_place() -> None:
    assert ents("أقامت القوات منطقة عازلة قرب الحدود") == set()


def test_place_after_trigger_stops_at_an_everyday_word() -> None:
    assert ("مارينو", "LOC") in ents("قال مسؤولون إن قرية مارينو تعرضت لقصف جديد")
