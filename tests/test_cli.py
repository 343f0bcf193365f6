"""The `workbench` command: the JSONL contract, formats and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "articles"
PLACE_KEYS = {
    "start",
    "end",
    "text",
    "name",
    "latitude",
    "longitude",
    "geonameid",
    "country_code",
    "feature",
    "confidence",
    "candidates",
}


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=600,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def jsonl(gazetteer) -> list[dict]:
    files = [SAMPLES / "kursk_marino.txt", SAMPLES / "libya_floods.json"]
    out = run("analyze", *map(str, files), "--format", "jsonl").stdout
    return [json.loads(line) for line in out.splitlines()]


def test_jsonl_one_object_per_file_in_order(jsonl) -> None:
    assert len(jsonl) == 2
    assert jsonl[0]["source"].endswith("kursk_marino.txt")
    assert jsonl[1]["source"].endswith("libya_floods.json")


def test_jsonl_contract_shape(jsonl) -> None:
    for obj in jsonl:
        assert {"source", "text", "language", "entities", "places"} <= obj.keys()
        assert obj["language"] == "ar"
        for e in obj["entities"]:
            assert {"start", "end", "text", "label"} <= e.keys()
            assert obj["text"][e["start"] : e["end"]] == e["text"]
        for p in obj["places"]:
            assert p.keys() >= PLACE_KEYS
            assert obj["text"][p["start"] : p["end"]] == p["text"]
            assert isinstance(p["candidates"], list)


def test_kursk_resolved_in_russia_none_in_italy(jsonl) -> None:
    places = jsonl[0]["places"]
    kursk = [p for p in places if p["text"] == "كورسك"]
    assert kursk and all(p["country_code"] == "RU" for p in kursk)
    assert all(p["country_code"] != "IT" for p in places)


def test_html_format(gazetteer, tmp_path) -> None:
    out = tmp_path / "a.html"
    run("analyze", str(SAMPLES / "kursk_marino.txt"), "--format", "html", "--out", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'dir="rtl"' in html


@pytest.mark.parametrize(
    ("make_input", "needle"),
    [
        (lambda d: d / "missing.txt", "not found"),
        (lambda d: (d / "empty.txt").write_text("  \n") and d / "empty.txt", "empty"),
        (
            lambda d: (
                (d / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50) and d / "bin.txt"
            ),
            "binary",
        ),
    ],
)
def test_bad_input_one_line_error(make_input, needle, tmp_path) -> None:
    path = make_input(tmp_path)
    proc = run("analyze", str(path), check=False)
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0].lower()
