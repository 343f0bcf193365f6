"""normalize_arabic: examples an analyst would notice, and properties over random text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from workbench.articles import NormalizedText, normalize_arabic, normalize_key

# --- Examples ----------------------------------------------------------------------------


def _find(n: NormalizedText, needle: str) -> str:
    """The original slice of the first match of ``needle`` in the normalized text."""
    start = n.text.index(normalize_key(needle))
    return n.original[slice(*n.to_original(start, start + len(normalize_key(needle))))]


def test_proclitic_waw_korea_offsets() -> None:
    text = "زار الوفد روسيا وكوريا الشمالية"
    n = normalize_arabic(text)
    start = n.text.index("كوريا")
    orig_start, orig_end = n.to_original(start, start + len("كوريا"))
    assert (orig_start, orig_end) == (text.index("وكوريا") + 1, text.index("وكوريا") + 6)
    assert text[orig_start:orig_end] == "كوريا"


def test_diacritized_proclitic_korea_excludes_the_waw_and_its_haraka() -> None:
    text = "زار روسيا وَكُورِيَا"
    n = normalize_arabic(text)
    assert n.text == "زار روسيا وكوريا"
    assert _find(n, "كوريا") == "كُورِيَا"


def test_diacritized_word_maps_back_to_the_full_diacritized_slice() -> None:
    text = "وصل إلى مَدِينَةُ كُورْسْكَ صباحاً"
    n = normalize_arabic(text)
    assert _find(n, "مدينة") == "مَدِينَةُ"  # the final damma belongs to the word
    assert _find(n, "كورسك") == "كُورْسْكَ"
    assert _find(n, "صباحا") == "صباحاً"


def test_tatweel_and_shadda_inside_and_after_a_word() -> None:
    text = "في حلــب الشَّهْبَاءِّ اليوم"
    n = normalize_arabic(text)
    assert _find(n, "حلب") == "حلــب"
    assert _find(n, "الشهباء") == "الشَّهْبَاءِّ"


def test_letter_variants_match() -> None:
    n = normalize_arabic("إدلب وأريحا ومكّة وبیروت والقاهرة والكويت ٢٠٢٤ Kursk")
    assert n.text == "ادلب واريحا ومكه وبيروت والقاهره والكويت 2024 kursk"


def test_presentation_forms_unfold_and_map_to_their_source() -> None:
    # U+FEFB is the lam-alef ligature: one original character, two normalized ones.
    text = "\ufe91\ufeae\ufef3\ufec4\ufe8e\ufee7\ufef4\ufe8e \ufefb"
    n = normalize_arabic(text)
    assert n.text == "بريطانيا لا"
    assert n.to_original(len(n.text) - 2, len(n.text)) == (len(text) - 1, len(text))


def test_bom_and_bidi_controls_are_removed() -> None:
    n = normalize_arabic("\ufeff\u200fكورسك\u200e\ufeff")
    assert n.text == "كورسك"
    assert n.to_original(0, 5) == (2, 7)


def test_spacing_harakat_do_not_split_words() -> None:
    assert normalize_arabic("كتب\ufe76").text == "كتب"


def test_to_normalized_inverts_to_original() -> None:
    text = "مَدِينَةُ كُورْسْك"
    n = normalize_arabic(text)
    assert n.to_normalized(text.index("كُ")) == n.text.index("كورسك")


def test_empty_span_and_bad_span() -> None:
    n = normalize_arabic("حلب")
    assert n.to_original(3, 3) == (3, 3)
    with pytest.raises(ValueError, match="outside"):
        n.to_original(2, 4)


def test_normalize_key_collapses_spaces() -> None:
    assert normalize_key("  مَدِينَةُ \n  كُورْسْك ") == "مدينه كورسك"


# --- Properties --------------------------------------------------------------------------

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
ALEF_FORMS = ["أ", "إ", "آ", "ٱ", "ى", "ة", "ؤ", "ئ"]
PERSIAN = ["ی", "ک", "گ", "پ", "چ", "ژ", "ە", "ۀ", "ہ", "ھ"]
PRESENTATION = ["\ufe8d", "\ufedf", "\ufefb", "\ufef5", "\ufdf2", "\ufe91", "\ufeea", "\ufe76",
                "\ufe7d", "\ufc60", "\ufb8e"]
LATIN = list("abcXYZ")
OTHER = [" ", " ", "\n", "1", "٣", "۴", "\u0640", "\u200c", "\ufeff", ".", "،"]
ALPHABET = ARABIC_LETTERS + DIACRITICS + ALEF_FORMS + PERSIAN + PRESENTATION + LATIN + OTHER

texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=60)
plain_texts = st.text(
    alphabet=st.sampled_from([ch for ch in ALPHABET if ch not in PRESENTATION]), max_size=60
)


def _is_presentation(ch: str) -> bool:
    return 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFE


def _cuts_expansion(n: NormalizedText, pos: int) -> bool:
    """Whether offset ``pos`` falls inside the expansion of one original character."""
    return 0 < pos < len(n.text) and n.src_start[pos] == n.src_start[pos - 1]


@given(texts)
def test_offset_map_is_well_formed(text: str) -> None:
    n = normalize_arabic(text)
    assert n.original == text
    assert len(n.src_start) == len(n.src_end) == len(n.text)
    assert list(n.src_start) == sorted(n.src_start)  # monotone non-decreasing
    for i, (start, end) in enumerate(zip(n.src_start, n.src_end, strict=True)):
        assert 0 <= start < end <= len(text)
        # The source span is the producing character plus only removed characters.
        assert normalize_arabic(text[start:end]).text.count(n.text[i]) >= 1
        assert all(not normalize_arabic(ch).text for ch in text[start + 1 : end])


@given(texts)
def test_every_original_character_maps_or_is_removed(text: str) -> None:
    n = normalize_arabic(text)
    produced = set(n.src_start)
    for i, ch in enumerate(text):
        assert (i in produced) != (normalize_arabic(ch).text == "")


@given(texts)
def test_normalization_is_character_local(text: str) -> None:
    assert normalize_arabic(text).text == "".join(normalize_arabic(ch).text for ch in text)


@given(texts)
def test_idempotent(text: str) -> None:
    once = normalize_arabic(text).text
    assert normalize_arabic(once).text == once
    assert normalize_key(normalize_key(text)) == normalize_key(text)


@given(texts)
def test_normalize_key_is_the_text_with_collapsed_whitespace(text: str) -> None:
    assert normalize_key(text) == " ".join(normalize_arabic(text).text.split())


@given(plain_texts)
def test_never_longer_without_presentation_forms(text: str) -> None:
    assert len(normalize_arabic(text).text) <= len(text)


@given(texts)
def test_only_presentation_forms_expand(text: str) -> None:
    n = normalize_arabic(text)
    growth = sum(max(0, len(normalize_arabic(ch).text) - 1) for ch in text if _is_presentation(ch))
    assert len(n.text) <= len(text) + growth


@given(texts, st.data())
def test_span_round_trip(text: str, data: st.DataObject) -> None:
    n = normalize_arabic(text)
    start = data.draw(st.integers(0, len(n.text)), label="start")
    end = data.draw(st.integers(start, len(n.text)), label="end")
    assume(not _cuts_expansion(n, start) and not _cuts_expansion(n, end))
    orig_start, orig_end = n.to_original(start, end)
    assert 0 <= orig_start <= orig_end <= len(text)
    piece = text[orig_start:orig_end]
    # Normalizing the original slice gives back exactly the span's text ...
    assert normalize_arabic(piece).text == n.text[start:end]
    assert normalize_key(piece) == normalize_key(n.text[start:end])
    # ... the slice starts on a character that produced output (never on a mark) ...
    if start < end:
        assert normalize_arabic(piece[0]).text
        # ... and does not leave a combining mark of its last letter outside.
        if orig_end < len(text):
            assert unicodedata.category(text[orig_end]) != "Mn" or text[orig_end - 1] in " \n"
        assert n.to_normalized(orig_start) == start
