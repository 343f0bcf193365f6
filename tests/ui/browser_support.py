"""What the real-browser tests share: Debian Chromium, offline, a local server, screenshots."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        # Only the local server resolves: map tiles and anything else fail fast.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
MARKS = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed"),
]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(cmd: list[str], *, cwd: Path, env: dict[str, str], ready_url: str,
           log_path: Path, timeout: float = 60) -> Iterator[None]:
    """Run ``cmd`` until the block ends; wait until ``ready_url`` answers (any HTTP status)."""
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    urllib.request.urlopen(ready_url, timeout=2)
                    break
                except urllib.error.HTTPError:  # an error page: the server is up
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log_path.read_text()[-3000:]) from None
                    time.sleep(0.5)
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextmanager
def chromium_page(profile: Path) -> Iterator[Any]:
    """A page of headless Debian Chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield ctx.new_page()
        finally:
            ctx.close()


def screenshot(page: Any, name: str) -> Path:
    """Save what the page shows to ``build/<name>``."""
    BUILD.mkdir(exist_ok=True)
    path = BUILD / name
    page.screenshot(path=str(path), full_page=False)
    return path


def wait_for(page: Any, selector: str, shot: str, timeout: float = 120_000) -> None:
    """Wait for ``selector``; on failure save ``build/failed-<shot>`` first."""
    try:
        page.wait_for_selector(selector, timeout=timeout)
    except Exception:
        screenshot(page, f"failed-{shot}")
        raise
