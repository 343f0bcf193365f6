"""Corpus readers, label mapping and held-out deduplication on tiny hand-made files."""

from __future__ import annotations

from pathlib import Path

from workbench.nlp.training.convert import entity_char_spans, rejoin_clitics
from workbench.nlp.training.corpora import (
    NEWSFANE_TYPE_MAP,
    Sentence,
    map_tag,
    read_anercorp_original,
    read_aqmar,
    read_newsfane,
    repair_iob2,
)
from workbench.nlp.training.dedup import HeldOutIndex, dedup_key, remove_overlapping


def test_aqmar_stray_tags_are_mapped(tmp_path: Path):
    p = tmp_path / "aq.txt"
    p.write_text("أ B-MIS1`\nب I-MIS1\nج OO\nد I--ORG\nه B-ENGLISH\n\nو IO\n", encoding="utf-8")
    s1, s2 = read_aqmar(p)
    assert s1.tags == ["B-MISC", "I-MISC", "O", "B-ORG", "B-MISC"]
    assert s2.tags == ["O"]


def test_anercorp_is_split_after_full_stops_and_pers_becomes_per(tmp_path: Path):
    p = tmp_path / "aner"
    p.write_text("زار O\nبرند B-PERS\nجوتشولك I-PERS\n. O\nوقال O\n. O\nذهب O\n", encoding="utf-8")
    sents = read_anercorp_original(p)
    assert [s.tokens for s in sents] == [["زار", "برند", "جوتشولك", "."], ["وقال", "."], ["ذهب"]]
    assert sents[0].tags == ["O", "B-PER", "I-PER", "O"]
    assert [s.tokens for s in read_anercorp_original(p, 4)] == [["وقال", "."], ["ذهب"]]


def test_newsfane_bom_crlf_and_lrm_are_stripped_and_types_mapped(tmp_path: Path):
    p = tmp_path / "nf.txt"
    raw = (
        "\ufeff\u200eفرانكفورت\tB-Population-Center\r\n\u200eو\tO\r\n"
        "\u200eالفلسطينيين\tB-Group\r\n\t\r\n\u200eفتح\tB-Non-Governmental\r\n"
    )
    p.write_bytes(raw.encode("utf-8"))
    s1, s2 = read_newsfane(p)
    assert s1.tokens == ["فرانكفورت", "و", "الفلسطينيين"]
    assert s1.tags == ["B-LOC", "O", "O"]  # Group is not an ANERcorp entity
    assert s2.tags == ["B-ORG"]


def test_every_newsfane_type_is_mapped():
    assert len(NEWSFANE_TYPE_MAP) == 45
    assert set(NEWSFANE_TYPE_MAP.values()) <= {"PER", "LOC", "ORG", "MISC", None}


def test_repair_iob2_and_map_tag():
    assert repair_iob2(["I-PER", "I-PER", "I-LOC", "O", "I-ORG"]) == [
        "B-PER", "I-PER", "B-LOC", "O", "B-ORG",
    ]
    assert map_tag("B-PERS") == "B-PER"
    assert map_tag("I-MIS-2") == "I-MISC"
    assert map_tag("junk") == "O"


def test_rejoined_newsfane_clitics_keep_entity_offsets():
    s = Sentence(["و", "قال", "ان", "ه", "زار", "و", "المانيا"], ["O"] * 6 + ["B-LOC"])
    text, spans = rejoin_clitics(s)
    assert text == "وقال انه زار والمانيا"
    (start, end, label), = spans
    assert text[start:end] == "المانيا" and label == "LOC"


def test_entity_char_spans():
    s = Sentence(["في", "كوريا", "الجنوبية"], ["O", "B-LOC", "I-LOC"])
    (a, b, lab), = entity_char_spans(s)
    assert s.text[a:b] == "كوريا الجنوبية" and lab == "LOC"


def test_dedup_matches_segmented_and_raw_forms():
    assert dedup_key("و قال ان ه") == dedup_key("وقال أنه") == dedup_key("وَقالَ انه")


def test_dedup_removes_exact_segmented_and_shifted_copies_only():
    test_sents = [
        "وقال رئيس الاتحاد برند جوتشولك عند إعلان آخر تقرير سنوي للاتحاد إن مستقبل السوق غامض .",
        "أعلن اتحاد صناعة السيارات في ألمانيا .",
    ]
    index = HeldOutIndex.build(test_sents)
    train = [
        "و قال رئيس الاتحاد برند جوتشولك عند اعلان اخر تقرير سنوي ل لاتحاد ان مستقبل السوق غامض .",
        "برند رئيس الاتحاد برند جوتشولك عند إعلان آخر تقرير سنوي للاتحاد",  # first word replaced
        "اعلن اتحاد صناعة السيارات في المانيا .",  # short, exact under normalization
        "أعلن اتحاد صناعة السيارات في فرنسا عن أرباح .",  # different sentence
        "ذهب الرئيس إلى القاهرة .",
    ]
    kept, removed = remove_overlapping(train, lambda t: t, index)
    assert removed == train[:3]
    assert kept == train[3:]
