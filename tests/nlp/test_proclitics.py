import pytest

from workbench.nlp.proclitics import find_proclitic

KNOWN = {"كوريا", "روسيا", "وليد", "منطقه", "كرملين"}


@pytest.mark.parametrize(
    ("word", "prefix"),
    [
        ("وكوريا", "و"),
        ("لكوريا", "ل"),
        ("بمنطقة", "ب"),  # ة/ه folded when matching
        ("وبروسيا", "وب"),
        ("والولايات", "و"),  # conjunction + definite article, no lexicon needed
        ("بالقوات", "ب"),
        ("للكرملين", "لل"),
        ("وَكُوريا", "وَ"),  # diacritics stay with their letter
        ("وليد", ""),  # a known name is never split
        ("والده", ""),  # «والد» is a word, not و + ال
        ("فرنسا", ""),  # remainder unknown
        ("لله", ""),  # remainder too short
        ("كورسك", ""),
    ],
)
def test_proclitic_split(word: str, prefix: str) -> None:
    assert word[: find_proclitic(word, KNOWN)] == prefix


def test_whole_word_check_can_differ_from_remainder_check() -> None:
    # the document may contain «وكوريا» itself; only the global lexicon protects whole words
    assert find_proclitic("وكوريا", {"كوريا", "وكوريا"}, set()) == 1
    assert find_proclitic("وكوريا", {"كوريا"}, {"وكوريا"}) == 0
