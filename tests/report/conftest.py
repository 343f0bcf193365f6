"""Fixtures of the report tests; the data and helpers live in ``report_samples``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_samples import CHROMIUM, CHROMIUM_ARGS, hostile_data, sample_data


@pytest.fixture
def sample() -> dict[str, Any]:
    """The hand-made Kursk/Marino analysis."""
    return sample_data()


@pytest.fixture
def hostile() -> dict[str, Any]:
    """An analysis whose every untrusted string is an attack."""
    return hostile_data()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Debian Chromium, offline, with a fresh profile (skips when absent).

    Module-scoped: a sync Playwright runs an event loop in the main thread until it is
    closed, so one kept open for the session would break every later browser test that
    starts its own (tests/ui, tests/exercises).
    """
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            offline=True,
        )
        yield ctx
        ctx.close()
