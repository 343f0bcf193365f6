"""Batch inputs: a folder of article files or a JSONL corpus, read lazily in order.

A JSONL corpus has one JSON object per line with ``text`` and optional ``id``,
``title``, ``url``, ``published``, ``source`` and ``language``. A folder is read with
:func:`workbench.articles.load_article` (``.txt``, ``.md``, ``.html``, ``.json``).
A line or file that cannot be read becomes an :class:`~workbench.batch.items.ItemError`;
reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workbench.batch.items import BatchItem, ItemError, article_id
from workbench.errors import ArticleError

__all__ = ["ARTICLE_SUFFIXES", "count_items", "item_from_record", "iter_items"]

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_META = ("title", "url", "published", "source", "language")


def _is_jsonl(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in _JSONL_SUFFIXES


def _folder_files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def _check_input(path: Path) -> None:
    if not path.exists():
        raise ArticleError(f"batch input {path} does not exist; pass a folder or a .jsonl file", code="W121")
    if path.is_file() and not _is_jsonl(path):
        raise ArticleError(
            f"batch input {path} is a file but not a JSONL corpus (.jsonl/.ndjson); "
            "pass a folder of articles or a .jsonl file",
            code="W122",
        )


def count_items(path: Path | str) -> int:
    """Number of items :func:`iter_items` will yield (non-blank lines or article files)."""
    path = Path(path)
    _check_input(path)
    if path.is_dir():
        return len(_folder_files(path))
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


def item_from_record(record: Any, origin: str) -> BatchItem:
    """A :class:`BatchItem` from one decoded JSONL object (pure).

    Raises
    ------
    ArticleError
        ``W108`` when the record is not an object with a string ``text`` or a metadata
        field is not a string.
    """
    if not isinstance(record, dict):
        raise ArticleError(
            f'{origin}: a corpus line must be a JSON object with a "text" field, not {type(record).__name__}',
            code="W108",
        )
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(f'{origin}: no string "text" field in this corpus line', code="W108")
    meta: dict[str, str | None] = {}
    for name in _META:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise ArticleError(f'{origin}: field "{name}" must be a string', code="W108")
        meta[name] = value
    given = record.get("id")
    if given is not None and not isinstance(given, str | int):
        raise ArticleError(f'{origin}: field "id" must be a string or an integer', code="W108")
    ident = str(given) if given is not None and str(given).strip() else article_id(text)
    return BatchItem(id=ident, text=text, origin=origin, **meta)


def _iter_jsonl(path: Path) -> Iterator[BatchItem | ItemError]:
    # Binary lines, decoded one by one: a line that is not UTF-8 fails alone.
    with path.open("rb") as f:
        for lineno, raw in enumerate(f, start=1):
            origin = f"{path}:{lineno}"
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ItemError(
                    origin, origin, "read", "UnicodeDecodeError", f"not UTF-8 ({exc.reason})", "W107"
                )
                continue
            try:
                yield item_from_record(json.loads(line), origin)
            except json.JSONDecodeError as exc:
                yield ItemError(origin, origin, "read", "JSONDecodeError", f"invalid JSON: {exc.msg}", "W108")
            except ArticleError as exc:
                yield ItemError.from_exception(origin, origin, "read", exc)


def _iter_folder(path: Path) -> Iterator[BatchItem | ItemError]:
    from workbench.articles import load_article

    for file in _folder_files(path):
        origin = str(file)
        try:
            a = load_article(file)
        except ArticleError as exc:
            yield ItemError.from_exception(origin, origin, "read", exc)
            continue
        given = a.metadata.get("id")
        yield BatchItem(
            id=given or article_id(a.text),
            text=a.text,
            origin=origin,
            title=a.title or None,
            url=a.url,
            published=a.published,
            source=a.metadata.get("source") or str(file.relative_to(path)),
            language=a.language,
        )


def iter_items(path: Path | str) -> Iterator[BatchItem | ItemError]:
    """Items of a batch input, in input order.

    Parameters
    ----------
    path
        A folder (searched recursively for article files, sorted by path) or a
        ``.jsonl``/``.ndjson`` corpus.

    Yields
    ------
    BatchItem or ItemError
        One per non-blank line or file; unreadable ones as errors (stage ``"read"``).

    Raises
    ------
    ArticleError
        ``W121`` the input does not exist, ``W122`` it is a file but not JSONL.
    """
    path = Path(path)
    _check_input(path)
    yield from (_iter_folder(path) if path.is_dir() else _iter_jsonl(path))
