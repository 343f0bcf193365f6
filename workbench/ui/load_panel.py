"""Open an article: a sample picker, a file upload, a paste box and a URL field.

The panel only collects what the analyst gave and asks the app to load it
(:meth:`LoadPanel.on_request`); :func:`article_from_request` turns the request
into an :class:`~workbench.articles.model.Article` or raises
:class:`~workbench.errors.ArticleError`, which the app shows as a message.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from workbench.articles import Article, article_from_text, list_samples, load_article
from workbench.errors import ArticleError
from workbench.report.escape import escape_html
from workbench.ui.i18n import DEFAULT_LANGUAGE, t

__all__ = ["LoadPanel", "article_from_request", "uploaded_file"]

Request = tuple[str, Any]

_UPLOAD_EXTS = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json")


def uploaded_file(value: Any) -> tuple[str, bytes] | None:
    """``(name, content)`` of the first file in a ``FileUpload.value``, else ``None``."""
    items = list(value.values()) if isinstance(value, dict) else list(value or ())
    if not items:
        return None
    item = items[0]
    name = str(item.get("name") or (item.get("metadata") or {}).get("name") or "upload.txt")
    return name, bytes(item["content"])


def article_from_request(kind: str, payload: Any, lang: str = DEFAULT_LANGUAGE) -> Article:
    """The article the analyst asked for.

    Parameters
    ----------
    kind
        ``"sample"`` (payload: sample name), ``"file"`` (``(name, bytes)``),
        ``"text"`` (the pasted text) or ``"url"``.
    payload
        See ``kind``.
    lang
        Language of the messages of the errors this function raises itself.

    Raises
    ------
    ArticleError
        Empty input, unknown sample, binary/undecodable file, unreachable URL...
    """
    if kind == "sample":
        name = str(payload or "").removeprefix("sample:")
        if not name:
            raise ArticleError(t("load.no_sample", lang), code="W109")
        return load_article(f"sample:{name}")
    if kind == "text":
        text = str(payload or "")
        if not text.strip():
            raise ArticleError(t("load.empty_paste", lang), code="W104")
        return article_from_text(text, source="<pasted>")
    if kind == "url":
        url = str(payload or "").strip()
        if not url.lower().startswith(("http://", "https://")):
            raise ArticleError(t("load.not_url", lang, url=repr(url)), code="W114")
        return load_article(url)
    if kind == "file":
        name, content = payload
        suffix = Path(name).suffix.lower()
        if suffix not in _UPLOAD_EXTS:
            suffix = ".txt"
        # The readers take paths (they sniff encodings and parse HTML/JSON by extension).
        with tempfile.TemporaryDirectory(prefix="wb-upload-") as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(content)
            try:
                article = load_article(path)
            except ArticleError as err:
                raise ArticleError(
                    err.message.replace(str(path), name), code=err.code
                ) from None
        return replace(article, source=name)
    raise ArticleError(t("load.unknown_kind", lang, kind=repr(kind)), code="W100")


class LoadPanel(widgets.VBox):
    """Four ways to open an article, and a message line for what went wrong."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        try:
            samples = list_samples()
        except ArticleError:
            samples = []
        self.sample = widgets.Dropdown(options=samples, value=samples[0] if samples else None)
        self.open_sample = widgets.Button(icon="folder-open", button_style="primary")
        self.upload = widgets.FileUpload(accept=",".join(_UPLOAD_EXTS), multiple=False)
        self.paste = widgets.Textarea(layout=widgets.Layout(width="100%", height="90px"))
        self.paste.add_class("wb-auto-dir")
        self.analyse_text = widgets.Button(icon="align-right")
        self.url = widgets.Text(placeholder="https://…", layout=widgets.Layout(width="60%"))
        self.fetch = widgets.Button(icon="globe")
        self.message = widgets.HTML()
        self._callbacks: list[Callable[[str, Any], None]] = []
        self.open_sample.on_click(lambda _: self._emit("sample", self.sample.value))
        self.analyse_text.on_click(lambda _: self._emit("text", self.paste.value))
        self.fetch.on_click(lambda _: self._emit("url", self.url.value))
        self.upload.observe(self._on_upload, names="value")
        super().__init__([
            widgets.HBox([self.sample, self.open_sample, self.upload]),
            self.paste, self.analyse_text,
            widgets.HBox([self.url, self.fetch]),
            self.message,
        ])
        self.add_class("wb-load-panel")
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        """Relabel the inputs and buttons in ``lang``."""
        self.lang = lang
        self.sample.description = t("load.sample", lang)
        self.open_sample.description = t("load.open_sample", lang)
        self.upload.description = t("load.upload", lang)
        self.paste.placeholder = t("load.paste_placeholder", lang)
        self.analyse_text.description = t("load.analyse_text", lang)
        self.url.description = t("load.url", lang)
        self.fetch.description = t("load.fetch", lang)

    def on_request(self, callback: Callable[[str, Any], None]) -> None:
        """Call ``callback(kind, payload)`` when the analyst asks to open something."""
        self._callbacks.append(callback)

    def show_message(self, text: str, level: str = "error") -> None:
        """Show ``text`` (escaped) under the inputs; empty text clears it."""
        color = {"error": "#b91c1c", "success": "#15803d"}.get(level, "#334155")
        self.message.value = (
            f'<div dir="auto" style="color:{color}">{escape_html(text)}</div>' if text else ""
        )

    def _emit(self, kind: str, payload: Any) -> None:
        for cb in self._callbacks:
            cb(kind, payload)

    def _on_upload(self, change: dict[str, Any]) -> None:
        item = uploaded_file(change["new"])
        if item is not None:
            self._emit("file", item)
