"""load_article on files, strings and samples: formats, metadata, offsets and errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import workbench.articles.readers as readers
from workbench.articles import (
    Article,
    article_from_text,
    detect_language,
    list_samples,
    load_article,
    samples_dir,
)
from workbench.errors import ArticleError

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"
REPO = Path(__file__).resolve().parents[2]


def _error(source: object, **kwargs: object) -> ArticleError:
    with pytest.raises(ArticleError) as info:
        load_article(source, **kwargs)  # type: ignore[arg-type]
    return info.value


# --- Formats -----------------------------------------------------------------------------


def test_txt_file_keeps_the_title_line_in_the_text() -> None:
    path = DATA / "kursk_ar.txt"
    article = load_article(path)
    assert article.text == path.read_text(encoding="utf-8")
    assert article.title == "انفجار في مدينة كورسك الروسية"
    assert article.text.startswith(article.title)
    assert (article.language, article.encoding, article.source) == ("ar", "utf-8", str(path))


def test_str_path_works_like_a_path() -> None:
    assert load_article(str(DATA / "kursk_ar.txt")) == load_article(DATA / "kursk_ar.txt")


def test_crlf_file_offsets_index_the_lf_text(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("عنوان الخبر\r\nمدينة كورسك\r\n".encode())
    article = load_article(path)
    assert article.text == "عنوان الخبر\nمدينة كورسك\n"
    start = article.text.index("كورسك")
    assert article.text[start : start + 5] == "كورسك"


def test_markdown_title_from_first_h1_and_text_kept_as_given() -> None:
    path = DATA / "kursk_ar.md"
    article = load_article(path)
    assert article.title == "انفجار في مدينة كورسك"
    assert article.text == path.read_text(encoding="utf-8")  # markup is not stripped
    assert "**وكالات الأنباء**" in article.text


def test_markdown_without_h1_strips_heading_marks_from_the_title(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("## انفجار في حلب\n\nتفاصيل الخبر.\n", encoding="utf-8")
    article = load_article(path)
    assert article.title == "انفجار في حلب"
    assert article.text.startswith("## ")


def test_english_text_file() -> None:
    article = load_article(DATA / "kursk_en.txt")
    assert (article.title, article.language) == ("Explosion reported in Kursk", "en")


def test_json_article_with_metadata() -> None:
    article = load_article(DATA / "kursk_ar.json")
    raw = json.loads((DATA / "kursk_ar.json").read_text(encoding="utf-8"))
    assert article.text == raw["text"]
    assert article.title == "انفجار في كورسك"
    assert article.url == "https://news.example.org/ar/kursk-blast"
    assert article.published == "2024-08-10T09:30:00+03:00"
    assert article.language == "ar"
    assert article.source == str(DATA / "kursk_ar.json")
    assert article.metadata["source"] == "وكالة الأنباء المثال"
    assert article.metadata["word_count"] == "25"
    assert "tags" not in article.metadata  # only scalar fields are kept


def test_json_minimal_guesses_title_and_language(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "عنوان\nنص الخبر"}, ensure_ascii=False), "utf-8")
    article = load_article(path)
    assert (article.title, article.language, article.url) == ("عنوان", "ar", None)


def test_json_language_tag_is_coerced(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "Explosion in the city", "language": "ar-EG"}), "utf-8")
    assert load_article(path).language == "ar"


def test_html_file_main_text_without_boilerplate() -> None:
    article = load_article(DATA / "kursk_ar.html")
    assert "أفادت وكالات الأنباء بوقوع انفجار كبير في مدينة كورسك" in article.text
    assert "وبيلغورود" in article.text
    for boilerplate in ("تسجيل الدخول", "جميع الحقوق محفوظة", "سياسة الخصوصية", "tracking"):
        assert boilerplate not in article.text
    assert article.title
    assert article.url == "https://news.example.org/ar/kursk-blast"
    assert article.published == "2024-08-10"
    assert article.language == "ar"


def test_malformed_html_still_gives_text() -> None:
    article = load_article(DATA / "malformed.html")
    assert "كورسك" in article.text
    assert "فرق الإطفاء" in article.text
    assert "<" not in article.text


def test_tiny_html_fragment_uses_the_fallback(tmp_path: Path) -> None:
    path = tmp_path / "tiny.htm"
    path.write_text("<p>انفجار في <b>حلب</b><p>تفاصيل", encoding="utf-8")
    article = load_article(path)
    assert article.text == "انفجار في حلب\nتفاصيل"


def test_html_meta_charset_cp1256(tmp_path: Path) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>خبر</title></head><body><p>انفجار في مدينة حلب السورية صباح اليوم.</p>"
        "</body></html>"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(html.encode("cp1256"))
    article = load_article(path)
    assert "انفجار في مدينة حلب" in article.text
    assert article.encoding == "cp1256"


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "saved.php"
    page.write_text("<!doctype html><html><body><p>خبر عن حمص</p></body></html>", "utf-8")
    assert load_article(page).text == "خبر عن حمص"
    plain = tmp_path / "notes"
    plain.write_text("خبر عن حماة", "utf-8")
    assert load_article(plain).text == "خبر عن حماة"


# --- Strings, titles, language -----------------------------------------------------------


def test_string_is_the_article_text() -> None:
    article = load_article("عنوان الخبر\r\nوقع انفجار في كورسك.")
    assert article.text == "عنوان الخبر\nوقع انفجار في كورسك."
    assert (article.title, article.source, article.encoding) == ("عنوان الخبر", "<string>", None)


def test_single_line_has_no_title() -> None:
    assert load_article("وقع انفجار في كورسك صباح اليوم.").title == ""


def test_long_first_line_is_not_a_title() -> None:
    text = "كلمة " * 60 + "\nبقية النص"
    assert load_article(text).title == ""


def test_title_skips_leading_blank_lines() -> None:
    assert load_article("\n\n  عنوان  \n\nالنص").title == "عنوان"


def test_title_and_language_arguments_win() -> None:
    article = load_article(DATA / "kursk_ar.json", title="عنوان آخر", language="other")
    assert (article.title, article.language) == ("عنوان آخر", "other")


def test_leading_bom_in_a_string_is_removed() -> None:
    assert load_article("\ufeffنص الخبر").text == "نص الخبر"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقع انفجار في مدينة كورسك", "ar"),
        ("قال متحدث باسم Reuters إن الانفجار وقع في Kursk Oblast", "ar"),
        ("An explosion was reported in the city of Kursk.", "en"),
        ("Kursk Belgorod Voronezh", "other"),  # Latin, but no English words
        ("Une explosion a été signalée à Koursk, près de la frontière.", "other"),
        ("В Курске произошёл взрыв", "other"),
        ("2024-08-10 12:30", "other"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected
    assert load_article(text).language == expected


def test_article_from_text_is_pure_and_never_reads_files() -> None:
    article = article_from_text("missing.txt")
    assert article.text == "missing.txt"
    assert isinstance(article, Article)


# --- Samples -----------------------------------------------------------------------------


@pytest.fixture
def samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "samples"
    directory.mkdir()
    shutil.copy(DATA / "kursk_ar.txt", directory / "kursk.txt")
    shutil.copy(DATA / "kursk_ar.json", directory / "kursk_json.json")
    (directory / "README.md").write_text("not an article", "utf-8")
    (directory / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.setenv("WORKBENCH_SAMPLES_DIR", str(directory))
    return directory


def test_list_samples(samples: Path) -> None:
    assert samples_dir() == samples
    assert list_samples() == ["kursk", "kursk_json"]


def test_load_sample(samples: Path) -> None:
    article = load_article("sample:kursk")
    assert article.source == "sample:kursk"
    assert article.text == (DATA / "kursk_ar.txt").read_text(encoding="utf-8")
    assert load_article("sample:kursk_json").url == "https://news.example.org/ar/kursk-blast"


@pytest.mark.parametrize("name", ["nope", "../samples/kursk", "kursk/..", ""])
def test_unknown_sample(samples: Path, name: str) -> None:
    error = _error(f"sample:{name}")
    assert error.code == "W109"
    assert "kursk, kursk_json" in error.message


def test_list_samples_without_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_SAMPLES_DIR", str(tmp_path / "missing"))
    assert list_samples() == []
    assert "none" in _error("sample:x").message


def test_default_samples_dir_is_the_repo_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBENCH_SAMPLES_DIR", raising=False)
    assert samples_dir() == REPO / "data" / "articles"


# --- Errors ------------------------------------------------------------------------------


def test_missing_path_object(tmp_path: Path) -> None:
    error = _error(tmp_path / "nope.txt")
    assert error.code == "W101"
    assert "nope.txt" in error.message
    assert "check the path" in error.message


@pytest.mark.parametrize("name", ["articles/missing.txt", "report.HTML", "x.json", "notes.md"])
def test_pathlike_string_that_does_not_exist_is_not_text(name: str) -> None:
    error = _error(name)
    assert error.code == "W101"
    assert error.message.startswith("file not found: " + name)
    assert "check the path" in error.message


def test_directory(tmp_path: Path) -> None:
    error = _error(tmp_path)
    assert error.code == "W102"
    assert "directory" in error.message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("نص", "utf-8")

    def deny(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    error = _error(path)
    assert error.code == "W103"
    assert "Permission denied" in error.message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("blank.txt", b"  \r\n\t\n  "),
        ("invisible.txt", "\u200f\u200e \n".encode()),
        ("bom-only.txt", b"\xef\xbb\xbf"),
        ("empty.json", b'{"text": "   "}'),
        ("scripts.html", b"<html><head><script>var a = 1;</script></head><body> </body></html>"),
    ],
)
def test_empty_input(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = _error(path)
    assert error.code == "W104"
    assert name in error.message


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_string(text: str) -> None:
    assert _error(text).code == "W104"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    error = _error(path)
    assert error.code == "W105"
    assert "PNG" in error.message
    assert "photo.txt" in error.message


def test_file_too_large_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse: 2 GB on paper, nothing on disk

    def must_not_open(self: Path, *args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(Path, "open", must_not_open)
    error = _error(path)
    assert error.code == "W106"
    assert "max_chars" in error.message


def test_text_over_max_chars(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("ا" * 101, "utf-8")  # 202 bytes: under the byte cap, over the char cap
    assert _error(path, max_chars=100).code == "W106"
    assert load_article(path, max_chars=101).text == "ا" * 101
    assert _error("ب" * 101, max_chars=100).code == "W106"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"text": "نص", }', "not valid JSON"),
        ("[1, 2]", "JSON list"),
        ('{"title": "عنوان"}', 'has no "text"'),
        ('{"text": 42}', 'non-string "text"'),
        ('{"text": "نص", "title": ["a"]}', '"title" must be a string'),
    ],
)
def test_bad_json(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "article.json"
    path.write_text(content, "utf-8")
    error = _error(path)
    assert error.code == "W108"
    assert fragment in error.message


def test_wrong_argument_type() -> None:
    with pytest.raises(TypeError):
        load_article(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_chars"):
        load_article("نص", max_chars=0)


def test_error_codes_are_documented_and_distinct() -> None:
    documented = [line.split()[0] for line in readers.__doc__.splitlines() if line[:2] == "W1"]
    assert documented == [f"W1{n:02d}" for n in range(1, 15)]


def test_os_errors_never_escape(tmp_path: Path) -> None:
    # A name that is too long for the file system is text, not an OSError.
    name = "ن" * 5000
    assert load_article(name).text == name
    too_long = tmp_path / ("x" * 300 + ".txt")
    assert _error(str(too_long)).code in {"W101", "W103"}
    assert _error(too_long).code in {"W101", "W103"}
