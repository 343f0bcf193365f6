"""Read articles from files, URLs, strings and the bundled samples.

The module has two halves:

- pure functions that turn bytes or strings into an :class:`Article`
  (:func:`decode_bytes`, :func:`detect_language`, :func:`article_from_text` and the
  private HTML/JSON parsers); they do no I/O and are tested directly;
- adapters that fetch bytes (local files, HTTP, the samples directory) and hand them
  to the pure half; :func:`load_article` picks the adapter from the ``source``.

Every failure a user can cause is raised as exactly one :class:`ArticleError` whose
message names the problem and the fix. Error codes:

==== ============================================================
W101 file not found (also a path-like string that does not exist)
W102 the path is a directory or not a regular file
W103 the file exists but could not be read (permissions, I/O error)
W104 no text: empty, whitespace-only, or no readable text in HTML
W105 binary data (image, archive, PDF, NUL bytes, control characters)
W106 over the size limit (``max_chars``)
W107 bytes could not be decoded in any known encoding
W108 malformed JSON article (bad syntax, not an object, no ``text``)
W109 unknown or invalid sample name
W110 URL could not be fetched (connection refused, DNS, redirects)
W111 URL timed out
W112 URL answered with a non-2xx HTTP status
W113 URL returned content that is not text (image, PDF, ...)
W114 invalid URL
==== ============================================================
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from workbench.errors import ArticleError

from .model import Article, Language

__all__ = [
    "SAMPLES_ENV_VAR",
    "article_from_text",
    "decode_bytes",
    "detect_language",
    "list_samples",
    "load_article",
    "samples_dir",
]

SAMPLES_ENV_VAR = "WORKBENCH_SAMPLES_DIR"
USER_AGENT = "arabic-osint-workbench/0.1 (+article reader; python-httpx)"

_DEFAULT_MAX_CHARS = 5_000_000
_TEXT_EXTS = frozenset({".txt", ".text"})
_MARKDOWN_EXTS = frozenset({".md", ".markdown"})
_HTML_EXTS = frozenset({".html", ".htm", ".xhtml"})
_JSON_EXTS = frozenset({".json"})
# Extensions that make a short one-line string "look like a path" (see load_article).
_PATHLIKE_EXTS = _TEXT_EXTS | _MARKDOWN_EXTS | _HTML_EXTS | _JSON_EXTS
_SAMPLE_EXTS = (".txt", ".json", ".md", ".html", ".htm")
_SAMPLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_NOT_SAMPLES = frozenset({"readme", "notice", "license", "licence"})
_MAX_TITLE_CHARS = 200

# --------------------------------------------------------------------------------------
# Pure half: bytes -> text
# --------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats people mistake for articles; the message names the format.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"\x7fELF", "a program (ELF binary)"),
    (b"MZ", "a Windows program"),
)

# C0/C1 control characters other than the usual whitespace ones.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05

# Characters that plausibly occur in a UTF-16 text we are asked to read: Latin,
# Greek, Cyrillic, Hebrew, Arabic (+ supplements), general punctuation, Arabic
# presentation forms. Used only to pick the byte order of BOM-less UTF-16.
_IMPLAUSIBLE_UTF16 = re.compile(
    r"[^\t\n\r\x20-\x7e\xa0-\u07ff\u08a0-\u08ff\u2000-\u206f\ufb50-\ufdff\ufe70-\ufeff]"
)

# What a byte >= 0x80 of real Arabic cp1256/ISO-8859-6 text decodes to: Arabic letters, Arabic
# punctuation/digits, Persian/Urdu letters, the typographic punctuation cp1256 has,
# and harakat *only* right after an Arabic letter (a haraka after a space or a Latin
# letter is the tell-tale of some other 8-bit encoding read as cp1256).
_CP1256_GOOD = re.compile(
    r"[\u060c\u061b\u061f\u0621-\u063a\u0640-\u064a\u0660-\u06ff"
    r"\u00a0\u00ab\u00bb\u00d7\u00f7\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e"
    r"\u2026\u200c-\u200f]"
    r"|(?<=[\u0621-\u063a\u0640-\u064a\u0671-\u06d3])[\u064b-\u0652]+"
)
_ARABIC_LETTER = re.compile(
    r"[\u0620-\u063f\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06fc"
    r"\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]"
)
_MIN_ARABIC_8BIT_SHARE = 0.8
_ARABIC_8BIT = ("cp1256", "iso8859-6")
_ASCII_BYTES = bytes(range(128))
_GLUED_TO_LATIN = re.compile(r"[A-Za-z][\u0621-\u06ff]|[\u0621-\u06ff][A-Za-z]")

# Labels that decode any byte string, so a server declaring them says little.
_WEAK_ENCODINGS = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252", "iso8859-15"})


def _normalize_newlines(text: str) -> str:
    """Drop a leading BOM and turn CRLF and lone CR into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _codec_name(label: str | None) -> str | None:
    """Python's canonical codec name for an encoding label, or ``None`` if unknown."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _binary_kind(data: bytes) -> str | None:
    """Name of the binary format ``data`` starts with, if it is a well-known one."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # "MZ" is also how a plain text could start; require the DOS stub too.
            if magic == b"MZ" and b"This program cannot be run" not in data[:512]:
                continue
            return kind
    return None


def _guess_utf16(data: bytes) -> str | None:
    """Byte order of BOM-less UTF-16 text, or ``None`` if ``data`` is not that.

    UTF-16 text shows a telltale pattern: the high byte of ASCII characters is NUL and
    the high byte of Arabic letters is 0x06. Both byte orders are tried and the one
    whose decoding looks like real text wins.
    """
    n = len(data)
    if n < 2 or n % 2:
        return None
    if data.count(0) + data.count(6) < 0.25 * n:
        return None
    best: tuple[float, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > _MAX_CONTROL_SHARE:
            continue
        plausible = 1.0 - sum(1 for _ in _IMPLAUSIBLE_UTF16.finditer(text)) / len(text)
        if plausible >= 0.9 and (best is None or plausible > best[0]):
            best = (plausible, enc)
    return best[1] if best else None


def _arabic_8bit_share(data: bytes, codec: str) -> float:
    """How well ``data`` reads as Arabic text in the 8-bit ``codec`` (0 to 1).

    charset-normalizer guesses wrong on short Arabic cp1256 texts (a few words often
    come out as Big5 or Cyrillic). Here we measure the share of non-ASCII bytes that
    decode to an Arabic letter, Arabic punctuation or a haraka following a letter;
    0 when the codec cannot decode the bytes, there is no Arabic letter, or Arabic
    letters are glued to Latin ones.
    """
    n_high = len(data.translate(None, _ASCII_BYTES))
    if n_high == 0:
        return 0.0
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return 0.0
    if _ARABIC_LETTER.search(text) is None:
        return 0.0
    # Arabic words are never glued to Latin letters; "İstanbul" in cp1254 would be.
    if len(_GLUED_TO_LATIN.findall(text)) > 0.1 * n_high:
        return 0.0
    return sum(m.end() - m.start() for m in _CP1256_GOOD.finditer(text)) / n_high


def _check_not_binary_text(text: str, source: str) -> None:
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise ArticleError(
            f"{source} looks like binary data, not text (too many control characters); "
            "give a .txt, .html or .json file with the article text",
            code="W105",
        )


def decode_bytes(
    data: bytes, *, declared: str | None = None, source: str = "<bytes>"
) -> tuple[str, str]:
    """Decode the bytes of an article and normalize line ends.

    Order of attempts: a byte-order mark (UTF-8, UTF-16, UTF-32); BOM-less UTF-16
    recognised by its NUL/0x06 byte pattern; strict UTF-8; the ``declared``
    encoding (HTTP header or ``<meta charset>``) unless it is a Latin-1-like label
    that accepts any bytes; Windows-1256 (or ISO-8859-6) when the non-ASCII bytes
    read as Arabic; the weak declared encoding; finally charset-normalizer's guess.

    Parameters
    ----------
    data
        The raw bytes.
    declared
        An encoding label declared by the container (HTTP ``charset``, HTML meta), or
        ``None``. Unknown labels are ignored.
    source
        How to name the data in error messages (a path or URL).

    Returns
    -------
    tuple of str
        ``(text, encoding)``: the text without BOM and with CRLF/CR turned into LF, and
        Python's codec name of the encoding used (``"utf-8"``, ``"utf-8-sig"``,
        ``"utf-16-le"``, ``"cp1256"``, ...).

    Raises
    ------
    ArticleError
        ``W105`` for binary data, ``W107`` when no encoding fits.

    Examples
    --------
    >>> decode_bytes("مدينة\\r\\nكورسك".encode("cp1256"))
    ('مدينة\\nكورسك', 'cp1256')
    """
    kind = _binary_kind(data)
    if kind:
        raise ArticleError(
            f"{source} is {kind} (binary data), not text; save the article as .txt, "
            ".html or .json (UTF-8) and load that file",
            code="W105",
        )
    encoding: str | None = None
    text: str | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ArticleError(
                    f"{source} starts with a {enc} byte-order mark but is not valid {enc} "
                    f"(byte {exc.start}); re-save it as UTF-8",
                    code="W107",
                ) from None
            encoding = enc
            break
    if text is None:
        encoding = _guess_utf16(data)
        if encoding is not None:
            text = data.decode(encoding)
        elif 0 in data:
            raise ArticleError(
                f"{source} contains NUL bytes, so it is binary data, not text; "
                "give a .txt, .html or .json file with the article text",
                code="W105",
            )
    if text is None:
        text, encoding = _decode_without_bom(data, declared, source)
    assert encoding is not None
    # BOM codecs consume their BOM; _normalize_newlines drops a leading one left over.
    text = _normalize_newlines(text)
    _check_not_binary_text(text, source)
    return text, encoding


def _decode_without_bom(data: bytes, declared: str | None, source: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared_name = _codec_name(declared)
    if declared_name and declared_name not in _WEAK_ENCODINGS and declared_name != "utf-8":
        try:
            return data.decode(declared_name), declared_name
        except UnicodeDecodeError:
            pass  # the declaration is wrong; fall back to detection
    # The two legacy Arabic encodings share most letter codes; cp1256 wins ties.
    shares = {codec: _arabic_8bit_share(data, codec) for codec in _ARABIC_8BIT}
    codec = max(_ARABIC_8BIT, key=shares.__getitem__)
    if shares[codec] >= _MIN_ARABIC_8BIT_SHARE:
        return data.decode(codec), codec
    if declared_name in _WEAK_ENCODINGS:
        try:
            return data.decode(declared_name), declared_name
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ArticleError(
            f"could not work out the text encoding of {source}; re-save it as UTF-8 "
            "(or Windows-1256 for legacy Arabic) and try again",
            code="W107",
        )
    return str(best), _codec_name(best.encoding) or best.encoding


# --------------------------------------------------------------------------------------
# Pure half: text -> Article
# --------------------------------------------------------------------------------------

_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ENGLISH_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_ENGLISH_STOPWORDS = frozenset(
    {
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "with", "was", "as", "by",
        "at", "from", "are", "be", "this", "have", "has", "had", "not", "but", "they", "were",
        "which", "their", "said", "been", "will", "would", "its", "an", "or", "who", "after",
        "over", "into", "than", "more", "about", "also",
    }
)
_LANGUAGE_SAMPLE = 100_000
_MIN_ARABIC_SHARE = 0.4
_MIN_STOPWORD_SHARE = 0.08


def detect_language(text: str) -> Language:
    """Guess the language of ``text`` from its script.

    Parameters
    ----------
    text
        Any text; only the first 100,000 characters are looked at.

    Returns
    -------
    {"ar", "en", "other"}
        ``"ar"`` when Arabic-script letters make up at least 40 % of the letters;
        ``"en"`` when most letters are Latin and common English function words make up
        at least 8 % of the words; otherwise ``"other"`` (also for text without letters).

    Examples
    --------
    >>> detect_language("انفجار في Kursk")
    'ar'
    >>> detect_language("An explosion was reported in the city of Kursk.")
    'en'
    >>> detect_language("Une explosion a été signalée à Koursk.")
    'other'
    """
    sample = text[:_LANGUAGE_SAMPLE]
    n_letters = sum(1 for ch in sample if ch.isalpha())
    if n_letters == 0:
        return "other"
    n_arabic = len(_ARABIC_LETTER.findall(sample))
    if n_arabic / n_letters >= _MIN_ARABIC_SHARE:
        return "ar"
    n_latin = len(_LATIN_LETTER.findall(sample))
    if n_latin / n_letters >= 0.5:
        words = _ENGLISH_WORD.findall(sample.lower())
        hits = sum(1 for w in words if w in _ENGLISH_STOPWORDS)
        if words and hits / len(words) >= _MIN_STOPWORD_SHARE:
            return "en"
    return "other"


_LANGUAGE_NAMES: dict[str, Language] = {
    "ar": "ar", "ara": "ar", "arabic": "ar", "العربية": "ar", "عربي": "ar",
    "en": "en", "eng": "en", "english": "en",
}


def _coerce_language(value: str | None) -> Language | None:
    """Map a metadata language tag (``"ar-SA"``, ``"Arabic"``, ``"fr"``) to a Language."""
    if value is None:
        return None
    tag = value.strip().lower()
    if not tag:
        return None
    if tag == "other":
        return "other"
    primary = re.split(r"[-_]", tag, maxsplit=1)[0]
    return _LANGUAGE_NAMES.get(tag) or _LANGUAGE_NAMES.get(primary) or "other"


_NON_SPACE = re.compile(r"\S")
_MD_H1 = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+")


def _guess_title(text: str, *, markdown: bool = False) -> str:
    """The first line as a title if it is short and more text follows, else ``""``."""
    if markdown:
        m = _MD_H1.search(text)
        if m:
            return m.group(1).strip()
    first = _NON_SPACE.search(text)
    if first is None:
        return ""
    line_start = text.rfind("\n", 0, first.start()) + 1
    line_end = text.find("\n", first.start())
    if line_end < 0:
        return ""  # a single line is the whole article, not a headline
    line = text[line_start:line_end].strip()
    if len(line) > _MAX_TITLE_CHARS or _NON_SPACE.search(text, line_end) is None:
        return ""
    if markdown:
        line = _MD_HEADING_MARK.sub("", line)
    return line


def _normalize_date(value: str | None) -> str | None:
    """ISO 8601 form of a date string when it parses as ISO, else the string as given."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return value


def _is_blank(text: str) -> bool:
    """True when ``text`` has nothing but whitespace and invisible format characters."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    language: str | None = None,
    source: str = "<string>",
    url: str | None = None,
    published: str | None = None,
    encoding: str | None = None,
    metadata: dict[str, str] | None = None,
    max_chars: int = _DEFAULT_MAX_CHARS,
    markdown: bool = False,
) -> Article:
    """Build an :class:`Article` from text already in memory (no I/O).

    The text is kept as given except that a leading BOM is dropped and CRLF/CR become
    LF, so offsets index :attr:`Article.text`. Use this instead of :func:`load_article`
    when a short string would otherwise be taken for a file name.

    Parameters
    ----------
    text
        The article text.
    title, language, url, published
        Metadata; ``None`` means unknown. A missing title is taken from the first line
        when it is at most 200 characters long and followed by more text (the line stays
        part of the text); a missing language is detected with :func:`detect_language`.
        Language tags such as ``"ar-EG"`` or ``"Arabic"`` are accepted.
    source
        Where the text came from, for :attr:`Article.source` and error messages.
    encoding
        The encoding the text was decoded from, if any.
    metadata
        Extra string metadata kept on the article.
    max_chars
        Longest accepted text.
    markdown
        Take the first ``# `` heading as the title and strip heading marks from a
        first-line title.

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        ``W104`` for empty or whitespace-only text, ``W105`` for binary-looking text,
        ``W106`` when the text is longer than ``max_chars``.
    """
    text = _normalize_newlines(text)
    if len(text) > max_chars:
        raise ArticleError(
            f"{source} has {len(text):,} characters, over the limit of {max_chars:,}; "
            "split the article or pass a larger max_chars",
            code="W106",
        )
    if _is_blank(text):
        raise ArticleError(
            f"{source} contains no text (it is empty or only whitespace); "
            "check that you picked the right file or page",
            code="W104",
        )
    _check_not_binary_text(text, source)
    lang = _coerce_language(language) or detect_language(text)
    if title is None or not title.strip():
        title = _guess_title(text, markdown=markdown)
    return Article(
        text=text,
        title=" ".join(title.split()),
        language=lang,
        source=source,
        url=url or None,
        published=_normalize_date(published),
        encoding=encoding,
        metadata=dict(metadata or {}),
    )


# --------------------------------------------------------------------------------------
# Pure half: JSON and HTML
# --------------------------------------------------------------------------------------

_JSON_FIELDS = ("title", "url", "published", "language")


def _article_from_json(
    raw: str,
    *,
    source: str,
    url: str | None,
    encoding: str | None,
    max_chars: int,
    title: str | None,
    language: str | None,
) -> Article:
    """Parse a JSON article: an object with ``text`` and optional metadata fields."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ArticleError(
            f"{source} is not valid JSON ({exc.msg} at line {exc.lineno}, column "
            f"{exc.colno}); fix the file or save the article as .txt",
            code="W108",
        ) from None
    if not isinstance(obj, dict):
        raise ArticleError(
            f"{source} holds a JSON {type(obj).__name__}, but an article must be a JSON "
            'object like {"text": "...", "title": "..."}',
            code="W108",
        )
    text = obj.get("text")
    if not isinstance(text, str):
        what = "has no" if text is None else "has a non-string"
        raise ArticleError(
            f'{source} {what} "text" field; an article JSON needs '
            '{"text": "<the article>"} (title, url, published, language, source optional)',
            code="W108",
        )
    fields: dict[str, str | None] = {}
    for name in _JSON_FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise ArticleError(
                f'{source}: field "{name}" must be a string, not {type(value).__name__}',
                code="W108",
            )
        fields[name] = value
    # "source" in the JSON is the outlet/original location; Article.source stays the
    # place we read it from, so keep it in metadata. Other scalar fields go there too.
    metadata = {
        key: str(value)
        for key, value in obj.items()
        if key not in _JSON_FIELDS
        and key != "text"
        and isinstance(value, str | int | float | bool)
    }
    return article_from_text(
        text,
        title=title if title is not None else fields["title"],
        language=language if language is not None else fields["language"],
        source=source,
        url=fields["url"] or url,
        published=fields["published"],
        encoding=encoding,
        metadata=metadata,
        max_chars=max_chars,
    )


_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_HTML_LANG = re.compile(r"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z\-_]+)""", re.IGNORECASE)
_LOOKS_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
                         re.IGNORECASE)


def _html_meta_charset(data: bytes) -> str | None:
    """Encoding declared by ``<meta charset>`` / ``http-equiv`` in the first 4 KB."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


class _TextCollector(HTMLParser):
    """A tolerant HTML-to-text fallback: visible text with line breaks at blocks."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg"})
    _BLOCK = frozenset(
        {
            "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
            "table", "section", "article", "header", "footer", "nav", "aside", "blockquote",
            "pre", "hr", "dd", "dt", "figcaption", "main", "form", "title",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip_depth += 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP and self._skip_depth:
            self._skip_depth -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


@dataclass(frozen=True, slots=True)
class _HtmlContent:
    text: str
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    metadata: dict[str, str]


def _extract_html(html: str, *, url: str | None = None) -> _HtmlContent:
    """Main text and metadata of an HTML page (trafilatura, then a tolerant fallback)."""
    lang_match = _HTML_LANG.search(html[:8192])
    html_lang = lang_match.group(1) if lang_match else None
    doc: Any = None
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
        )
    except Exception:  # lxml/trafilatura raise many kinds of errors on broken markup
        doc = None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if text:
        metadata = {
            key: value
            for key in ("author", "sitename", "hostname", "description")
            if isinstance(value := getattr(doc, key, None), str) and value
        }
        return _HtmlContent(
            text=text,
            title=getattr(doc, "title", None) or None,
            url=getattr(doc, "url", None) or url,
            published=getattr(doc, "date", None) or None,
            language=html_lang or getattr(doc, "language", None),
            metadata=metadata,
        )
    # Short or unusual pages defeat trafilatura's heuristics; take all visible text.
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    title = " ".join("".join(collector.title_parts).split()) or None
    return _HtmlContent(collector.text(), title, url, None, html_lang, {})


def _article_from_html(
    html: str,
    *,
    source: str,
    url: str | None,
    encoding: str | None,
    max_chars: int,
    title: str | None,
    language: str | None,
) -> Article:
    content = _extract_html(html, url=url)
    if _is_blank(content.text):
        raise ArticleError(
            f"found no readable text in the HTML of {source}; the page may need "
            "JavaScript or a login; copy the article text into a .txt file instead",
            code="W104",
        )
    return article_from_text(
        content.text,
        title=title if title is not None else content.title,
        language=language if language is not None else content.language,
        source=source,
        url=content.url,
        published=content.published,
        encoding=encoding,
        metadata=content.metadata,
        max_chars=max_chars,
    )


def _article_from_bytes(
    data: bytes,
    *,
    kind: str,
    source: str,
    declared: str | None,
    url: str | None,
    max_chars: int,
    title: str | None,
    language: str | None,
) -> Article:
    """Decode ``data`` and parse it as ``kind`` (``text``, ``markdown``, ``html``, ``json``)."""
    if kind == "html":
        declared = declared or _html_meta_charset(data)
    text, encoding = decode_bytes(data, declared=declared, source=source)
    if kind == "auto":
        kind = "html" if _LOOKS_HTML.match(text[:1024].encode("utf-8", "replace")) else "text"
    if kind == "json":
        return _article_from_json(
            text, source=source, url=url, encoding=encoding, max_chars=max_chars,
            title=title, language=language,
        )
    if kind == "html":
        return _article_from_html(
            text, source=source, url=url, encoding=encoding, max_chars=max_chars,
            title=title, language=language,
        )
    return article_from_text(
        text, title=title, language=language, source=source, url=url,
        encoding=encoding, max_chars=max_chars, markdown=kind == "markdown",
    )


def _max_bytes(max_chars: int) -> int:
    # No encoding we accept uses more than 4 bytes per character (+ a 4-byte BOM), so
    # more bytes than this can never decode to max_chars characters or fewer.
    return 4 * max_chars + 4


def _too_large(source: str, n_bytes: int, max_chars: int) -> ArticleError:
    return ArticleError(
        f"{source} is {n_bytes / 1e6:,.1f} MB, too large for the limit of {max_chars:,} "
        "characters; split the article or pass a larger max_chars",
        code="W106",
    )


# --------------------------------------------------------------------------------------
# I/O half: files and samples
# --------------------------------------------------------------------------------------


def _kind_for_suffix(suffix: str) -> str:
    suffix = suffix.lower()
    if suffix in _JSON_EXTS:
        return "json"
    if suffix in _HTML_EXTS:
        return "html"
    if suffix in _MARKDOWN_EXTS:
        return "markdown"
    if suffix in _TEXT_EXTS:
        return "text"
    return "auto"


def _read_file(path: Path, *, max_bytes: int, max_chars: int) -> bytes:
    """Read at most ``max_bytes`` of ``path``; never reads a huge file into memory."""
    shown = str(path)
    try:
        if not path.exists():
            raise ArticleError(
                f"file not found: {shown}; check the path (relative paths start at "
                f"{Path.cwd()})",
                code="W101",
            )
        if path.is_dir():
            raise ArticleError(
                f"{shown} is a directory, not a file; pass the path of one article file",
                code="W102",
            )
        if not path.is_file():
            raise ArticleError(
                f"{shown} is not a regular file; pass the path of one article file",
                code="W102",
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(shown, size, max_chars)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ArticleError(
            f"could not read {shown}: {reason}; check that the path is right and that "
            "you may read the file",
            code="W103",
        ) from None
    if len(data) > max_bytes:  # the file grew, or stat lied (e.g. /proc files)
        raise _too_large(shown, len(data), max_chars)
    return data


def _load_path(
    path: Path,
    *,
    source: str,
    max_chars: int,
    title: str | None,
    language: str | None,
) -> Article:
    data = _read_file(path, max_bytes=_max_bytes(max_chars), max_chars=max_chars)
    return _article_from_bytes(
        data, kind=_kind_for_suffix(path.suffix), source=source, declared=None, url=None,
        max_chars=max_chars, title=title, language=language,
    )


def samples_dir() -> Path:
    """Directory of the bundled sample articles.

    ``$WORKBENCH_SAMPLES_DIR`` when set, else ``data/articles`` of the repository.
    """
    env = os.environ.get(SAMPLES_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parents[2] / "data" / "articles"


def list_samples() -> list[str]:
    """Names of the sample articles, for ``load_article("sample:NAME")``.

    Returns
    -------
    list of str
        Sorted file stems of ``.txt``, ``.json``, ``.md`` and ``.html`` files in
        :func:`samples_dir`; empty when the directory does not exist.
    """
    directory = samples_dir()
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    return sorted(
        {
            p.stem
            for p in entries
            if p.suffix.lower() in _SAMPLE_EXTS
            and _SAMPLE_NAME.fullmatch(p.stem)
            and p.stem.lower() not in _NOT_SAMPLES
            and p.is_file()
        }
    )


def _sample_path(name: str) -> Path:
    directory = samples_dir()
    if _SAMPLE_NAME.fullmatch(name):
        for ext in _SAMPLE_EXTS:
            candidate = directory / f"{name}{ext}"
            if candidate.is_file():
                return candidate
    available = ", ".join(list_samples()) or f"none (no sample files in {directory})"
    raise ArticleError(
        f"unknown sample {name!r}; available samples: {available}",
        code="W109",
    )


# --------------------------------------------------------------------------------------
# I/O half: URLs
# --------------------------------------------------------------------------------------

_URL = re.compile(r"https?://\S*", re.IGNORECASE)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_JSON_TYPES = frozenset({"application/json", "text/json"})
_TEXT_TYPES = frozenset({"application/xml", "text/xml"})


@dataclass(frozen=True, slots=True)
class _Fetched:
    url: str
    content: bytes
    media_type: str
    charset: str | None


def _parse_content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _fetch(url: str, *, timeout: float, max_bytes: int, max_chars: int) -> _Fetched:
    """GET ``url`` with a size cap while streaming; every failure is an ArticleError."""
    import httpx

    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.8,"
        "*/*;q=0.5",
        "Accept-Language": "ar,en;q=0.8",
    }
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if not response.is_success:
                raise ArticleError(
                    f"{url} answered HTTP {response.status_code} "
                    f"{response.reason_phrase or ''}".rstrip()
                    + "; check the URL in a browser, or save the page and load the file",
                    code="W112",
                )
            media, charset = _parse_content_type(response.headers.get("content-type", ""))
            if media and not (
                media.startswith("text/") or media in _HTML_TYPES | _JSON_TYPES | _TEXT_TYPES
            ):
                raise ArticleError(
                    f"{url} returned {media}, not a text or HTML page; give the URL of "
                    "the article page itself",
                    code="W113",
                )
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise _too_large(url, int(length), max_chars)
            buffer = bytearray()
            for chunk in response.iter_bytes():
                buffer += chunk
                if len(buffer) > max_bytes:
                    raise _too_large(url, len(buffer), max_chars)
            return _Fetched(str(response.url), bytes(buffer), media, charset)
    except httpx.TimeoutException:
        raise ArticleError(
            f"{url} did not answer within {timeout:g} s; try again later or pass a "
            "larger timeout",
            code="W111",
        ) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise ArticleError(
            f"invalid URL {url!r} ({exc}); give a full http:// or https:// address",
            code="W114",
        ) from None
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise ArticleError(
            f"could not fetch {url}: {reason}; check the address and your network "
            "connection",
            code="W110",
        ) from None


def _load_url(
    url: str, *, timeout: float, max_chars: int, title: str | None, language: str | None
) -> Article:
    fetched = _fetch(url, timeout=timeout, max_bytes=_max_bytes(max_chars), max_chars=max_chars)
    if fetched.media_type in _HTML_TYPES:
        kind = "html"
    elif fetched.media_type in _JSON_TYPES:
        kind = "json"
    elif fetched.media_type.startswith("text/") and fetched.media_type != "text/xml":
        kind = "markdown" if fetched.media_type == "text/markdown" else "text"
    else:
        kind = "auto"
    article = _article_from_bytes(
        fetched.content, kind=kind, source=url, declared=fetched.charset, url=fetched.url,
        max_chars=max_chars, title=title, language=language,
    )
    return article


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------


def _existing_path(text: str) -> Path | None:
    """``text`` as a path if it names an existing file system entry, else ``None``."""
    if "\n" in text or "\x00" in text or not text.strip() or len(text) > 4096:
        return None
    try:
        path = Path(text.strip()).expanduser()
        return path if path.exists() else None
    except (OSError, ValueError):  # e.g. "File name too long"
        return None


def _looks_like_path(text: str) -> bool:
    """A short one-line string ending in a known article extension."""
    stripped = text.strip()
    if "\n" in stripped or len(stripped) > 1024:
        return False
    return Path(stripped).suffix.lower() in _PATHLIKE_EXTS


def load_article(
    source: str | os.PathLike[str],
    *,
    max_chars: int = _DEFAULT_MAX_CHARS,
    timeout: float = 20.0,
    title: str | None = None,
    language: str | None = None,
) -> Article:
    """Load an article from a file, a URL, a sample name or the text itself.

    Parameters
    ----------
    source
        - a :class:`pathlib.Path`, or a string naming an existing file: ``.txt`` and
          ``.md`` are read as plain text (for ``.md`` the first ``# `` heading is the
          title), ``.html``/``.htm`` have their main text extracted, ``.json`` must be
          an object with ``text`` and optional ``title``, ``url``, ``published``,
          ``language``, ``source``; other extensions are sniffed (HTML or text);
        - an ``http://`` or ``https://`` URL, fetched and extracted like a file;
        - ``"sample:NAME"``, a bundled sample (see :func:`list_samples`);
        - any other string is the article text itself (source ``"<string>"``). A short
          one-line string ending in ``.txt``, ``.md``, ``.html``, ``.htm`` or ``.json``
          is taken for a file name; if that file does not exist it is an error, not
          text (use :func:`article_from_text` for such a string).
    max_chars
        Longest accepted article text, in characters. Larger files are refused before
        they are read.
    timeout
        Seconds to wait for a URL (connect and each read).
    title, language
        Override the title and language from metadata or detection.

    Returns
    -------
    Article
        Offsets into :attr:`Article.text` are what the rest of the workbench reports.

    Raises
    ------
    ArticleError
        Exactly one, with a code ``W101``–``W114`` (see the module docstring) and a
        message that says what to do.
    TypeError
        If ``source`` is neither a string nor a path.

    Examples
    --------
    >>> article = load_article("انفجار في كورسك\\nأفادت وكالات الأنباء بوقوع انفجار.")
    >>> article.title, article.language, article.source
    ('انفجار في كورسك', 'ar', '<string>')
    """
    if max_chars <= 0:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    if isinstance(source, os.PathLike):
        path = Path(source).expanduser()
        return _load_path(
            path, source=str(path), max_chars=max_chars, title=title, language=language
        )
    if not isinstance(source, str):
        raise TypeError(
            f"load_article() takes a path, a URL or a string, not {type(source).__name__}"
        )
    stripped = source.strip()
    if stripped.startswith("sample:") and not any(ch.isspace() for ch in stripped):
        name = stripped.removeprefix("sample:")
        return _load_path(
            _sample_path(name), source=f"sample:{name}",
            max_chars=max_chars, title=title, language=language,
        )
    if _URL.fullmatch(stripped):
        return _load_url(
            stripped, timeout=timeout, max_chars=max_chars, title=title, language=language
        )
    existing = _existing_path(source)
    if existing is not None:
        return _load_path(
            existing, source=str(existing), max_chars=max_chars, title=title, language=language
        )
    if _looks_like_path(source):
        raise ArticleError(
            f"file not found: {stripped}; check the path (relative paths start at "
            f"{Path.cwd()}); to analyse this string as text, use article_from_text()",
            code="W101",
        )
    return article_from_text(source, max_chars=max_chars, title=title, language=language)
