"""load_article on URLs, against a local HTTP server on 127.0.0.1 (no internet needed)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from workbench.articles import load_article
from workbench.errors import ArticleError

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"
PLAIN = "انفجار في حلب\nوقالت السلطات إن فرق الإنقاذ وصلت إلى المكان."

# path -> (status, headers, body)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/article.html": (
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        (DATA / "kursk_ar.html").read_bytes(),
    ),
    "/plain.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, PLAIN.encode()),
    "/legacy.txt": (
        200,
        {"Content-Type": "text/plain; charset=windows-1256"},
        PLAIN.replace("\n", "\r\n").encode("cp1256"),
    ),
    "/legacy-undeclared.txt": (200, {"Content-Type": "text/plain"}, PLAIN.encode("cp1256")),
    "/legacy.html": (
        200,
        {"Content-Type": "text/html; charset=windows-1256"},
        (DATA / "kursk_ar.html")
        .read_text(encoding="utf-8")
        .replace('<meta charset="utf-8">', "")
        .encode("cp1256"),
    ),
    "/article.json": (
        200,
        {"Content-Type": "application/json"},
        (DATA / "kursk_ar.json").read_bytes(),
    ),
    "/no-type": (200, {}, "<!DOCTYPE html><html><body><p>خبر عن إدلب</p></body></html>".encode()),
    "/photo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(64)),
    "/disguised.txt": (200, {"Content-Type": "text/plain"}, b"\x89PNG\r\n\x1a\n" + bytes(64)),
    "/empty.txt": (200, {"Content-Type": "text/plain"}, b""),
    "/redirect": (302, {"Location": "/plain.txt"}, b""),
    "/error": (500, {"Content-Type": "text/plain"}, b"boom"),
}


class _Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []  # noqa: RUF012 - shared on purpose, read by the tests

    def do_GET(self) -> None:
        _Handler.user_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(1.0)
        if self.path == "/huge":
            # No Content-Length: the reader must stop on its own while streaming.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(100):
                    self.wfile.write(("نص " * 1000).encode())
            return
        status, headers, body = ROUTES.get(self.path, (404, {"Content-Type": "text/html"}, b""))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The reader may hang up on purpose (size cap, timeout).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _error(source: str, **kwargs: object) -> ArticleError:
    with pytest.raises(ArticleError) as info:
        load_article(source, **kwargs)  # type: ignore[arg-type]
    return info.value


def test_html_page_main_text_without_boilerplate(server: str) -> None:
    article = load_article(f"{server}/article.html")
    assert "أفادت وكالات الأنباء بوقوع انفجار كبير في مدينة كورسك" in article.text
    assert "جميع الحقوق محفوظة" not in article.text
    assert "تسجيل الدخول" not in article.text
    assert article.source == f"{server}/article.html"
    assert article.url == "https://news.example.org/ar/kursk-blast"  # the canonical link
    assert article.language == "ar"
    assert article.encoding == "utf-8"


def test_user_agent_is_sent(server: str) -> None:
    load_article(f"{server}/plain.txt")
    assert "arabic-osint-workbench" in _Handler.user_agents[-1]


def test_plain_text_is_used_as_is(server: str) -> None:
    article = load_article(f"{server}/plain.txt")
    assert article.text == PLAIN
    assert article.title == "انفجار في حلب"
    assert article.url == f"{server}/plain.txt"


def test_charset_from_header_cp1256(server: str) -> None:
    article = load_article(f"{server}/legacy.txt")
    assert (article.text, article.encoding) == (PLAIN, "cp1256")


def test_cp1256_without_declared_charset(server: str) -> None:
    article = load_article(f"{server}/legacy-undeclared.txt")
    assert (article.text, article.encoding) == (PLAIN, "cp1256")


def test_cp1256_html_page(server: str) -> None:
    article = load_article(f"{server}/legacy.html")
    assert "مدينة كورسك الروسية" in article.text
    assert article.encoding == "cp1256"


def test_json_article_url(server: str) -> None:
    article = load_article(f"{server}/article.json")
    assert article.title == "انفجار في كورسك"
    assert article.url == "https://news.example.org/ar/kursk-blast"


def test_missing_content_type_is_sniffed(server: str) -> None:
    assert load_article(f"{server}/no-type").text == "خبر عن إدلب"


def test_redirect_is_followed(server: str) -> None:
    article = load_article(f"{server}/redirect")
    assert article.text == PLAIN
    assert article.url == f"{server}/plain.txt"
    assert article.source == f"{server}/redirect"


@pytest.mark.parametrize(("path", "status"), [("/missing", "404"), ("/error", "500")])
def test_http_error_status(server: str, path: str, status: str) -> None:
    error = _error(f"{server}{path}")
    assert error.code == "W112"
    assert f"{server}{path}" in error.message
    assert status in error.message


def test_connection_refused_on_a_closed_port() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    error = _error(url)
    assert error.code == "W110"
    assert url in error.message


def test_timeout(server: str) -> None:
    error = _error(f"{server}/slow", timeout=0.2)
    assert error.code == "W111"
    assert "timeout" in error.message


def test_non_text_content_type(server: str) -> None:
    error = _error(f"{server}/photo.png")
    assert error.code == "W113"
    assert "image/png" in error.message


def test_binary_body_behind_a_text_content_type(server: str) -> None:
    assert _error(f"{server}/disguised.txt").code == "W105"


def test_empty_page(server: str) -> None:
    assert _error(f"{server}/empty.txt").code == "W104"


def test_size_cap_while_streaming(server: str) -> None:
    error = _error(f"{server}/huge", max_chars=10_000)
    assert error.code == "W106"
    assert f"{server}/huge" in error.message


def test_size_cap_from_content_length(server: str) -> None:
    assert _error(f"{server}/article.html", max_chars=100).code == "W106"


@pytest.mark.parametrize("url", ["http://", "https://[::1"])
def test_invalid_url(url: str) -> None:
    assert _error(url).code == "W114"
