"""The string catalogue: both languages complete, placeholders consistent, extra catalogues."""

from __future__ import annotations

import re

import pytest

from workbench.errors import WorkbenchError
from workbench.ui import i18n
from workbench.ui.i18n import (
    LANGUAGES,
    UI_STRINGS,
    catalogue_problems,
    direction,
    placeholders,
    register_catalogue,
    t,
)

ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN_WORD = re.compile(r"\b[a-z]{4,}\b")
# Words that stay in Latin script inside Arabic strings: names, commands, protocols.
ALLOWED_LATIN = {"geonames", "workbench", "gazetteer", "import", "http", "https"}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    assert set(UI_STRINGS["en"]) == set(UI_STRINGS["ar"])
    for key, en in UI_STRINGS["en"].items():
        assert placeholders(en) == placeholders(UI_STRINGS["ar"][key]), key
    assert catalogue_problems("ui") == []


def test_arabic_strings_are_arabic() -> None:
    for key, text in UI_STRINGS["ar"].items():
        if key == "hist.absent":
            continue
        plain = re.sub(r"<[^>]+>|\{[^}]*\}", "", text)
        assert ARABIC.search(plain), f"{key} has no Arabic: {text!r}"
        latin = set(LATIN_WORD.findall(plain.lower())) - ALLOWED_LATIN
        assert not latin, f"{key} keeps English words {latin}: {text!r}"
        assert "?" not in plain and ";" not in plain.replace("؛", ""), key  # Arabic punctuation


def test_t_fills_placeholders_and_falls_back_to_english() -> None:
    assert t("status.saved", "ar", revision=3, at="10:02") == "✓ محفوظ · المراجعة 3 · 10:02"
    assert t("app.save", "ar-EG") == "حفظ"
    register_catalogue("demo", {"en": {"demo.hello": "Hello {name}"}})
    try:
        assert t("demo.hello", "ar", name="x") == "Hello x"  # no Arabic yet: English
        assert catalogue_problems("demo") == ["demo/ar: missing ['demo.hello']"]
    finally:
        i18n._CATALOGUES.pop("demo")
        i18n._OWNER.pop("demo.hello")
    with pytest.raises(KeyError, match="needs a value for 'revision'"):
        t("status.saved", "en", at="x")
    with pytest.raises(KeyError, match="no interface string"):
        t("no.such.key", "en")
    with pytest.raises(WorkbenchError, match="W501"):
        t("app.save", "fr")


def test_register_catalogue_for_another_part_of_the_workbench() -> None:
    strings = {"en": {"exdemo.submit": "Submit {n} answer(s)"},
               "ar": {"exdemo.submit": "إرسال {n} من الإجابات"}}
    register_catalogue("exdemo", strings)
    try:
        assert t("exdemo.submit", "ar", n=2) == "إرسال 2 من الإجابات"
        register_catalogue("exdemo", strings)  # re-running a notebook cell is fine
        assert "exdemo" in i18n.catalogues() and catalogue_problems("exdemo") == []
        with pytest.raises(ValueError, match="already defined by catalogue 'ui'"):
            register_catalogue("other", {"en": {"app.save": "Save!"}})
        with pytest.raises(ValueError, match="no English"):
            register_catalogue("other", {"ar": {"other.x": "س"}})
        bad = {"en": {"exdemo.submit": "Submit {n}"}, "ar": {"exdemo.submit": "إرسال {count}"}}
        register_catalogue("exdemo", bad)
        assert "placeholders differ" in catalogue_problems("exdemo")[0]
    finally:
        i18n._CATALOGUES.pop("exdemo", None)
        i18n._OWNER.pop("exdemo.submit", None)
    assert t("app.save", "en") == "Save"  # the UI catalogue is untouched


def test_direction_follows_the_language() -> None:
    assert [direction(lang) for lang in LANGUAGES] == ["ltr", "rtl"]
