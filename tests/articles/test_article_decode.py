"""Decoding article bytes: BOMs, UTF-16 without BOM, legacy Arabic cp1256, binary data."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest

from workbench.articles import decode_bytes, load_article
from workbench.errors import ArticleError

ARABIC = "انفجار في مدينة كورسك الروسية\nوقالت السلطات إن فرق الإطفاء توجهت إلى المكان."
LONG_ARABIC = (
    "أفادت وكالات الأنباء بوقوع انفجار كبير في مدينة كورسك الروسية صباح اليوم، "
    "وقالت السلطات المحلية «إنّ» فرق الإطفاء توجهت إلى المكان؛ هل من إصابات؟ "
    "لم ترد أنباء عن ذلك حتى الآن — بحسب المتحدث.\n"
) * 400
MIXED = "Kursk كورسك 2024: انفجار"


# --- Unicode encodings -----------------------------------------------------------------


def test_utf8_without_bom() -> None:
    assert decode_bytes(ARABIC.encode("utf-8")) == (ARABIC, "utf-8")


def test_utf8_bom_is_removed_and_recorded() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF8 + ARABIC.encode("utf-8"))
    assert text == ARABIC
    assert encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
@pytest.mark.parametrize("text", [ARABIC, MIXED, "Explosion in Kursk"])
def test_utf16_and_utf32_with_bom(bom: bytes, codec: str, expected: str, text: str) -> None:
    decoded, encoding = decode_bytes(bom + text.encode(codec))
    assert decoded == text
    assert not decoded.startswith("\ufeff")
    assert encoding == expected


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        ARABIC,
        MIXED,
        "كورسك",  # Arabic letters only: no NUL bytes at all, only the 0x06 high bytes
        "An explosion was reported in Kursk.",
    ],
)
def test_utf16_without_bom_is_detected(codec: str, text: str) -> None:
    assert decode_bytes(text.encode(codec)) == (text, codec)


def test_crlf_and_lone_cr_become_lf() -> None:
    text, _ = decode_bytes("سطر أول\r\nسطر ثان\rسطر ثالث\r\n".encode())
    assert text == "سطر أول\nسطر ثان\nسطر ثالث\n"


def test_crlf_in_utf16_becomes_lf() -> None:
    text, _ = decode_bytes("سطر\r\nآخر".encode("utf-16"))
    assert text == "سطر\nآخر"


# --- Windows-1256 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["سلام", "في", "ة", "مدينة كورسك", "ذهبتُ إلى المدرسة", "«حلب»، سوريا؟", ARABIC],
)
def test_short_cp1256_arabic(text: str) -> None:
    # charset-normalizer alone reads some of these as Big5 or Cyrillic.
    assert decode_bytes(text.encode("cp1256")) == (text, "cp1256")


def test_long_cp1256_file(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(LONG_ARABIC.replace("\n", "\r\n").encode("cp1256"))
    article = load_article(path)
    assert article.text == LONG_ARABIC
    assert article.encoding == "cp1256"
    assert article.language == "ar"


def test_short_cp1256_file(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("انفجار في حلب".encode("cp1256"))
    article = load_article(path)
    assert (article.text, article.encoding) == ("انفجار في حلب", "cp1256")


def test_cp1256_with_latin_words() -> None:
    text = "قالت وكالة Reuters إن الانفجار وقع في Kursk."
    assert decode_bytes(text.encode("cp1256")) == (text, "cp1256")


@pytest.mark.parametrize("text", ["وهو في بيروت", "مدينة حلب", ARABIC])
def test_iso_8859_6_arabic(text: str) -> None:
    # Shares most letter codes with cp1256; و ه ي would come out as è ç ê in cp1256.
    assert decode_bytes(text.encode("iso8859-6")) == (text, "iso8859-6")


@pytest.mark.parametrize("declared", ["windows-1256", "cp1256", "utf-8", "iso-8859-1", "bogus"])
def test_cp1256_whatever_the_declared_charset(declared: str) -> None:
    # Servers often declare Latin-1 or UTF-8 for legacy Arabic pages.
    assert decode_bytes(ARABIC.encode("cp1256"), declared=declared) == (ARABIC, "cp1256")


def test_declared_charset_is_used_when_it_fits() -> None:
    text = "Ελλάδα και Κύπρος"
    assert decode_bytes(text.encode("iso8859-7"), declared="ISO-8859-7") == (text, "iso8859-7")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Привет, как дела? Это тест текста на русском языке.", "cp1251"),
        ("Une explosion a été signalée à Koursk, près de la frontière.", "cp1252"),
        ("İstanbul'da patlama", "cp1254"),
    ],
)
def test_other_8bit_text_is_not_forced_into_cp1256(text: str, codec: str) -> None:
    decoded, encoding = decode_bytes(text.encode(codec))
    assert encoding != "cp1256"
    assert not any("\u0600" <= ch <= "\u06ff" for ch in decoded)


# --- Binary and undecodable data ---------------------------------------------------------


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", ARABIC)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (_zip_bytes(), "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (bytes(range(256)) * 4, "NUL"),
        ("نص".encode() + b"\x00" + "عربي".encode(), "NUL"),
        (b"\x01\x02\x03\x04\x05 abc \x06\x07\x08\x0e\x0f\x10", "control"),
    ],
)
def test_binary_data_is_refused(data: bytes, named: str) -> None:
    with pytest.raises(ArticleError) as info:
        decode_bytes(data, source="upload.txt")
    assert info.value.code == "W105"
    assert named in info.value.message
    assert "binary" in info.value.message
    assert "upload.txt" in info.value.message


def test_broken_utf16_after_bom_is_undecodable() -> None:
    # A lone high surrogate cannot be decoded in any way consistent with the BOM.
    with pytest.raises(ArticleError) as info:
        decode_bytes(codecs.BOM_UTF16_LE + "نص".encode("utf-16-le") + b"\x00\xd8")
    assert info.value.code == "W107"
    assert "UTF-8" in info.value.message


def test_empty_bytes_decode_to_empty_text() -> None:
    assert decode_bytes(b"") == ("", "utf-8")
