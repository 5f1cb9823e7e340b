"""The web page's server: every answer, error pages included, carries the security headers."""

import logging
import select
import socket
import struct
import time
import urllib.error
import urllib.request

import pytest

from web.server import FILES, WEB, Handler


def headers_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@pytest.mark.parametrize("path, status", [("/config.js", 200), ("/no-such-page", 404)])
def test_no_site_may_frame_the_page_and_error_pages_have_the_csp_too(page, path, status):
    got, headers = headers_of(page + path)
    assert got == status
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] and headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def raw_exchange(url: str, data: bytes, timeout: float = 10) -> bytes:
    """Send `data` as-is on a new connection; everything the server answers until it closes."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as conn:
        conn.sendall(data)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(
    "request_bytes, status",
    [
        (b"PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", b" 501 "),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * 70_000 + b"\r\n\r\n", b" 431 "),
    ],
    ids=["unsupported-method", "header-line-too-long"],
)
def test_the_error_pages_the_http_library_writes_carry_the_csp_too(page, request_bytes, status):
    answer = raw_exchange(page, request_bytes)
    head = answer.split(b"\r\n\r\n", 1)[0]
    assert status in head.split(b"\r\n", 1)[0]
    assert b"Content-Security-Policy: default-src 'self'" in head and b"X-Frame-Options: DENY" in head


def test_a_half_sent_request_is_dropped_after_a_timeout(page, monkeypatch):
    monkeypatch.setattr(Handler, "timeout", 0.5)
    started = time.monotonic()
    raw_exchange(page, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", timeout=30)  # no blank line: never finished
    assert time.monotonic() - started < 10  # closed by the server, not by our own 30 s


def test_a_widget_file_not_installed_is_named_with_the_way_to_install_it(page, monkeypatch):
    missing = WEB / "node_modules" / "rasa-webchat" / "lib" / "not-installed.js"
    monkeypatch.setitem(FILES, "/vendor/webchat.js", (missing, "text/javascript; charset=utf-8"))
    try:
        urllib.request.urlopen(page + "/vendor/webchat.js", timeout=10)
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    assert status == 503
    assert body == "web/node_modules/rasa-webchat/lib/not-installed.js is missing: run `make setup` (it installs the widget with npm).\n"


def test_a_client_that_drips_its_head_is_dropped(page, monkeypatch):
    """One header line every 0.2 s, each well within the socket's timeout: the head's deadline
    still comes (before, the connection stayed open as long as the lines kept coming)."""
    monkeypatch.setattr(Handler, "head_seconds", 1.0, raising=False)
    host, port = page.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        dropped = False
        for line in range(25):  # 5 s of dripping
            time.sleep(0.2)
            try:
                conn.sendall(f"X-Drip-{line}: a\r\n".encode())
            except OSError:  # reset by the server
                dropped = True
                break
            conn.setblocking(False)
            try:
                dropped = conn.recv(1) == b""
            except BlockingIOError:
                pass  # still open
            except OSError:
                dropped = True
            conn.setblocking(True)
            if dropped:
                break
    assert dropped


def test_a_body_that_trickles_in_gets_408_once_its_deadline_passes(page, monkeypatch):
    """One byte of the summary every 0.2 s, each well within the socket's timeout: the body's
    deadline still comes, and the client is told (before, it was read as long as bytes came)."""
    monkeypatch.setattr(Handler, "body_seconds", 1.0, raising=False)
    host, port = page.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"POST /summary.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
        answer = b""
        for _ in range(50):  # 10 s of trickling, half of the body
            time.sleep(0.2)
            if select.select([conn], [], [], 0)[0]:  # the answer (or the hang-up) came: read it first
                answer = conn.recv(65536)
                break
            try:
                conn.sendall(b" ")
            except OSError:
                pass  # the server answered and closed since the check: its answer is read next round
    assert answer.startswith(b"HTTP/1.0 408 ") or answer.startswith(b"HTTP/1.1 408 "), answer[:80]


def test_sixty_clients_at_once_are_each_let_in_and_served(unstarted_page):
    """60 connections come while the server is busy (not yet accepting): the handshake of each
    is answered at once, none is dropped to retry a second later, and each gets the page.
    (A listen queue of 5 let 6 in: the rest of a burst waited 1, 3, 7 s.)"""
    start, url = unstarted_page
    host, port = url.removeprefix("http://").split(":")
    clients = []
    for _ in range(60):
        conn = socket.socket()
        conn.setblocking(False)
        conn.connect_ex((host, int(port)))
        clients.append(conn)
    try:
        _, connected, _ = select.select([], clients, [], 0.5)  # loopback answers within microseconds
        assert len(connected) == 60
        start()
        for conn in clients:
            conn.setblocking(True)
            conn.settimeout(30)
            conn.sendall(b"GET /config.js HTTP/1.0\r\n\r\n")
        assert all(conn.recv(64).startswith(b"HTTP/1.0 200 ") for conn in clients)
    finally:
        for conn in clients:
            conn.close()


def test_a_client_that_hangs_up_is_one_quiet_log_line_without_a_traceback(page, capfd, caplog):
    host, port = page.removeprefix("http://").split(":")
    caplog.set_level(logging.DEBUG, logger="web.server")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"GET /vendor/webchat.js HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note: my secret worry\r\n\r\n")
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
    assert wait_for(lambda: any("hung up" in r.getMessage() for r in caplog.records))
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err, err[-400:]
    lines = [r.getMessage() for r in caplog.records if r.name == "web.server" and r.levelno >= logging.INFO]
    assert len(lines) == 1 and "secret worry" not in lines[0], lines


def wait_for(condition, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
