from workbench.articles.normalize import normalize_key
from workbench.nlp.gazetteer_ruler import PlaceName, find_place_spans

NAMES = {
    "كورسك": PlaceName(prominent=True),
    "مارينو": PlaceName(prominent=False),
    "كوريا الجنوبيه": PlaceName(prominent=True),
    "كوريا": PlaceName(prominent=True),
    "صور": PlaceName(prominent=True, ambiguous=True),
    "سودجا": PlaceName(prominent=False),
}


def found(sentence: str) -> list[str]:
    words = sentence.split()
    norms = [normalize_key(w) for w in words]
    return [" ".join(words[s.start : s.end]) for s in find_place_spans(norms, NAMES)]


def test_longest_match_wins() -> None:
    assert found("أكدت كوريا الجنوبية ذلك") == ["كوريا الجنوبية"]


def test_small_place_needs_context() -> None:
    assert found("استهدفت قرية مارينو أمس") == ["مارينو"]
    assert found("قرب سودجا") == ["سودجا"]
    assert found("قال مارينو للصحفيين") == []  # a bare small-place name could be anything


def test_ambiguous_word_needs_place_trigger() -> None:
    assert found("نشرت صور الأقمار الصناعية") == []
    assert found("في مدينة صور اللبنانية") == ["صور"]


def test_prominent_place_alone() -> None:
    assert found("الهجمات في كورسك") == ["كورسك"]


def test_city_named_club_in_sports_context_is_not_a_place() -> None:
    names = {**NAMES, "برشلونه": PlaceName(prominent=True)}
    words = ["فاز", "فريق", "برشلونة", "على", "منافسه"]
    assert find_place_spans([normalize_key(w) for w in words], names) == []
    words = ["وصل", "الوفد", "إلى", "برشلونة", "أمس"]
    assert len(find_place_spans([normalize_key(w) for w in words], names)) == 1
