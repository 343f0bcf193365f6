"""Reading batch inputs: JSONL lines and article folders, bad items as errors."""

from __future__ import annotations

import hashlib

import pytest
from batch_fixtures import write_jsonl

from workbench.batch.items import BatchItem, ItemError, article_id
from workbench.batch.sources import count_items, iter_items
from workbench.errors import ArticleError

TEXT = "قال مسؤولون إن القوات دخلت كورسك."


def test_ids_are_given_ids_or_the_sha256_of_the_text(tmp_path) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl", [{"id": "a-1", "text": TEXT}, {"text": TEXT}, {"id": 7, "text": "x y"}]
    )
    items = list(iter_items(path))
    assert [i.id for i in items] == ["a-1", "sha256:" + hashlib.sha256(TEXT.encode()).hexdigest(), "7"]
    assert article_id(TEXT) == items[1].id  # same text, same id, every run


def test_metadata_fields_are_kept(tmp_path) -> None:
    rec = {"text": TEXT, "title": "ع", "url": "https://x.org/1", "published": "2024-02-03", "source": "وكالة"}
    (item,) = iter_items(write_jsonl(tmp_path / "c.jsonl", [rec]))
    assert isinstance(item, BatchItem)
    assert (item.title, item.url, item.published, item.source) == (
        "ع",
        "https://x.org/1",
        "2024-02-03",
        "وكالة",
    )
    assert item.origin.endswith("c.jsonl:1")


def test_bad_lines_become_errors_with_their_line_number_and_reading_goes_on(tmp_path) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl",
        [
            {"text": TEXT},
            "{not json",
            "",
            '["a list"]',
            {"title": "no text"},
            {"text": TEXT, "url": 3},
            {"text": "b"},
        ],
    )
    out = list(iter_items(path))
    errors = [o for o in out if isinstance(o, ItemError)]
    assert [e.origin.rsplit(":", 1)[1] for e in errors] == ["2", "4", "5", "6"]  # line 3 is blank: skipped
    assert all(e.stage == "read" and e.code == "W108" for e in errors)
    assert [o.text for o in out if isinstance(o, BatchItem)] == [TEXT, "b"]
    assert count_items(path) == 6


def test_a_folder_is_read_in_path_order_and_an_empty_file_is_an_error(tmp_path) -> None:
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.json").write_text('{"text": "نص", "published": "2024-01-05"}', encoding="utf-8")
    (tmp_path / "a.txt").write_text("  ", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # not an article suffix: ignored
    out = list(iter_items(tmp_path))
    assert isinstance(out[0], ItemError) and out[0].code == "W104" and out[0].origin.endswith("a.txt")
    assert [o.text for o in out[1:]] == [TEXT, "نص"]
    assert out[2].published == "2024-01-05" and out[1].id == article_id(TEXT)
    assert count_items(tmp_path) == 3


def test_a_missing_input_or_a_non_jsonl_file_is_refused(tmp_path) -> None:
    with pytest.raises(ArticleError) as e:
        list(iter_items(tmp_path / "nope"))
    assert e.value.code == "W121"
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    with pytest.raises(ArticleError) as e:
        count_items(tmp_path / "a.csv")
    assert e.value.code == "W122"


def test_invalid_utf8_is_reported_not_raised(tmp_path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "\xff\xfe bad"}\n{"text": "after"}\n')
    out = list(iter_items(path))
    assert isinstance(out[0], BatchItem)
    assert isinstance(out[1], ItemError) and out[1].error == "UnicodeDecodeError" and out[1].code == "W107"
    assert isinstance(out[2], BatchItem) and out[2].text == "after"  # the next line is still read
