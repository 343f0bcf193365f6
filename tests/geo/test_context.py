"""Text cues around a mention: trigger words, country adjectives, containment."""

from __future__ import annotations

import re

from workbench.geo.context import (
    clean_mention,
    container_index,
    following_adjective,
    mention_cues,
    next_mention_relation,
    preceding_trigger,
    split_mention,
)


def _spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    out = [(m.start(), m.end(), "LOC") for n in names for m in re.finditer(n, text)]
    return sorted(out)


def test_trigger_word_before_the_mention_with_or_without_proclitic() -> None:
    text = "قتلى في الهجمات بمنطقة كورسك وفي مدينة كورسك وقرية مارينو"
    starts = [m.start() for m in re.finditer("كورسك|مارينو", text)]
    assert [preceding_trigger(text, s)[1] for s in starts] == ["region", "city", "village"]
    assert preceding_trigger("زار كورسك", 4) is None


def test_trigger_word_inside_the_mention() -> None:
    assert split_mention("منطقة كورسك") == ("كورسك", "region", "منطقه")
    assert split_mention("كورسك") == ("كورسك", None, None)
    assert split_mention("منطقة")[1] is None  # a trigger alone is the name


def test_country_adjective_after_the_mention() -> None:
    text = "في مدينة كورسك الروسية وفي القوات الكورية الشمالية"
    assert following_adjective(text, text.index(" الروسية")) == ("الروسيه", "RU")
    end = text.index(" الكورية")
    assert following_adjective(text, end) == ("الكوريه الشماليه", "KP")
    assert following_adjective("كورسك اليوم", 5) is None


def test_adjective_inside_the_span_is_split_off() -> None:
    text = "وصل إلى فالنسيا الفنزويلية"
    cues = mention_cues(text, text.index("فالنسيا"), len(text))
    assert (cues.core, cues.adjective_country) == ("فالنسيا", "VE")


def test_containment_patterns() -> None:
    text = "استهدفت قرية مارينو في كورسك يوم الأربعاء"
    spans = _spans(text, "مارينو", "كورسك")
    assert container_index(text, spans, 0) == 1
    assert container_index(text, spans, 1) is None

    text = "تقدمت القوات نحو غلوشكوفو وسودجا بمنطقة كورسك"
    spans = _spans(text, "غلوشكوفو", "سودجا", "كورسك")
    assert next_mention_relation(text, spans, 0) == (1, "and")
    assert next_mention_relation(text, spans, 1) == (2, "in")

    text = "زار كورسك، روسيا ثم عاد إلى كييف بعد أسبوعين من السفر الطويل إلى موسكو"
    spans = _spans(text, "كورسك", "روسيا", "كييف", "موسكو")
    assert next_mention_relation(text, spans, 0) == (1, "comma")
    assert next_mention_relation(text, spans, 2) is None  # too far apart


def test_social_media_forms_are_cleaned() -> None:
    assert clean_mention("#حفر_الباطن") == "حفر الباطن"
    text = "أعلنت دولة #الكويت"
    cues = mention_cues(text, text.index("دولة"), len(text))
    assert (cues.core, cues.trigger) == ("الكويت", "country")
