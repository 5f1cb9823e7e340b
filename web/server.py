"""The web page of the assistant: the rasa-webchat widget with the project's cards.

`python -m web.server --port 8080 --rasa-url http://127.0.0.1:5005` serves, on 127.0.0.1:

- `/`              a page with the widget open (web/index.html);
- `/embed.js`      the script a site includes to get the widget (README, "Embedding");
- `/config.js`     where the widget's socket is (the Rasa server's public URL), and the names it
                   shares with the bot (`widget_names`: payload types, triage levels);
- `/card.css`      the cards' styles;
- `/vendor/*.js`   rasa-webchat 1.0.1 and React, from web/node_modules (`make setup`).
- `POST /summary.pdf`  the summary card's payload as a PDF to take to a doctor (web/pdf.py),
  drawn one at a time so that many at once never starve the page.

Only these paths exist: nothing else on disk is reachable. Every answer carries a
Content-Security-Policy that allows scripts from this server only.
"""

from __future__ import annotations

import argparse
import json
import logging
import socket
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from bot import names
from bot.knowledge.contract import LEVELS
from web import pdf as summary_pdf

WEB = Path(__file__).resolve().parent  # the page's files, from the package (any working directory)
MODULES = WEB / "node_modules"

FILES = {
    "/": (WEB / "index.html", "text/html; charset=utf-8"),
    "/index.html": (WEB / "index.html", "text/html; charset=utf-8"),
    "/embed.js": (WEB / "embed.js", "text/javascript; charset=utf-8"),
    "/card.css": (WEB / "card.css", "text/css; charset=utf-8"),
    "/vendor/webchat.js": (MODULES / "rasa-webchat" / "lib" / "index.js", "text/javascript; charset=utf-8"),
    "/vendor/react.js": (MODULES / "react" / "umd" / "react.production.min.js", "text/javascript; charset=utf-8"),
}

logger = logging.getLogger(__name__)


def websocket_origin(http_url: str) -> str:
    parts = urlsplit(http_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}"


def security_headers(rasa_url: str) -> dict[str, str]:
    connect = f"'self' {rasa_url} {websocket_origin(rasa_url)}"
    return {
        # The widget injects its styles at run time, hence 'unsafe-inline' for styles only.
        # It also asks for a Google font: blocked here, so the page never calls a third party.
        "Content-Security-Policy": (
            f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src {connect}; "
            "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        ),
        # No site may frame the page (other sites embed the widget with embed.js, not a frame).
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        # embed.js and what it loads are fetched by other sites' pages.
        "Cross-Origin-Resource-Policy": "cross-origin",
        "Access-Control-Allow-Origin": "*",
    }


def widget_names() -> dict[str, str | list[str]]:
    """The names the widget shares with the other processes, each from its one home: the payload
    types and the crisis flag (bot/names.py), the triage levels from least to most urgent, the
    PDF route. embed.js reads them from config.js and spells none of them itself
    (tests/web/test_embed.py), so a rename cannot leave the widget behind."""
    n = names
    payloads = {"ASSESSMENT": n.ASSESSMENT, "ESCALATION": n.ESCALATION, "FOODS": n.FOODS, "EXPLANATION": n.EXPLANATION,
                "SUMMARY": n.SUMMARY, "LEVEL_CHANGE": n.LEVEL_CHANGE, "INTERVIEW": n.INTERVIEW, "DELETED": n.DELETED}  # fmt: skip
    return {**payloads, "SELF_HARM": n.SELF_HARM, "LEVELS": list(LEVELS), "SUMMARY_PDF": summary_pdf.PATH.lstrip("/")}


def config_script(rasa_url: str, title: str) -> bytes:
    config = {"socketUrl": rasa_url, "socketPath": "/socket.io/", "title": title, "names": widget_names()}
    return f"window.TWITCH_ASSISTANT_CONFIG = {json.dumps(config)};\n".encode()


class Handler(BaseHTTPRequestHandler):
    server_version = "twitch-web"
    sys_version = ""
    # A client that sends half a request and waits is dropped after this many seconds
    # (without it, each one would hold a thread for ever).
    timeout = 15
    # ... and a request's head must be in within this many seconds of the wait for it, and its
    # body within `body_seconds` of the head: the socket's timeout restarts with every byte, so
    # a client dripping one header line, or one byte of a body, every few seconds held its
    # thread for ever.
    head_seconds = 15.0
    body_seconds = 30.0

    def __init__(self, *args: object, rasa_url: str, title: str, pdf_slots: threading.Semaphore, **kwargs: object) -> None:
        self.rasa_url = rasa_url
        self.title = title
        self.pdf_slots = pdf_slots  # shared by every request: PDFs are drawn one at a time (web/pdf.py)
        self._body_late = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def handle_one_request(self) -> None:
        """The base class's, with the connection cut when the head is not in by `head_seconds`."""
        self._deadline = self._timer(self.head_seconds, self._drop)
        try:
            super().handle_one_request()
        finally:
            self._deadline.cancel()

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        self._deadline.cancel()  # the head is in: now the body's deadline
        self._deadline = self._timer(self.body_seconds, self._stop_reading)
        return parsed

    @staticmethod
    def _timer(seconds: float, action: Callable[[], None]) -> threading.Timer:
        timer = threading.Timer(seconds, action)
        timer.daemon = True
        timer.start()
        return timer

    def _drop(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)  # the blocked read returns: the handler ends
        except OSError:
            pass  # already closed

    def _stop_reading(self) -> None:
        """The body's deadline: the blocked read returns, and the answer (408) can still be written."""
        self._body_late = True
        try:
            self.connection.shutdown(socket.SHUT_RD)
        except OSError:
            pass  # already closed

    def _read_body(self, size: int) -> bytes:
        """`size` bytes of the body; TimeoutError (web/pdf.py answers 408) when its deadline cut it short."""
        body = self.rfile.read(size)
        self._deadline.cancel()
        if len(body) < size and self._body_late:
            raise TimeoutError("the body did not arrive within its deadline")
        return body

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_POST(self) -> None:
        """`POST /summary.pdf`: the summary card's payload as a PDF (web/pdf.py); nothing else."""
        if urlsplit(self.path).path != summary_pdf.PATH:
            self.close_connection = True  # its body is never read
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found.\n", with_body=True)
            return
        result = summary_pdf.answer(self.headers.get("Content-Length"), self._read_body, slots=self.pdf_slots)
        if result.status != HTTPStatus.OK:
            self.close_connection = True  # the body may be partly unread
        self.send_response(result.status)
        headers = {"Content-Type": result.content_type, "Content-Length": str(len(result.body)), **result.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(result.body)

    def do_OPTIONS(self) -> None:
        """The CORS preflight of `POST /summary.pdf`, sent by a site that embeds the widget
        (a JSON body is not a "simple" request). Any origin may: the route keeps nothing and
        returns only what it was sent."""
        if urlsplit(self.path).path != summary_pdf.PATH:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found.\n", with_body=True)
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        for name, value in summary_pdf.PREFLIGHT_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()

    def _answer(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == "/config.js":
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", config_script(self.rasa_url, self.title), with_body)
            return
        if path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, "image/x-icon", b"", with_body)
            return
        entry = FILES.get(path)
        if entry is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found.\n", with_body)
            return
        file, content_type = entry
        if not file.exists():
            message = f"web/{file.relative_to(WEB)} is missing: run `make setup` (it installs the widget with npm).\n"
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", message.encode(), with_body)
            return
        self._send(HTTPStatus.OK, content_type, file.read_bytes(), with_body)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def send_response(self, code: int, message: str | None = None) -> None:
        super().send_response(code, message)
        # Every answer carries the security headers, also the error pages the base class
        # writes itself (a malformed request line, an unsupported method).
        for name, value in security_headers(self.rasa_url).items():
            self.send_header(name, value)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        logger.debug("web: " + format, *args)


class PageServer(ThreadingHTTPServer):
    """A thread per connection, with a listen queue for bursts and quiet hang-ups."""

    # The base class's queue of 5 let a burst of 60 in six at a time: the rest were dropped at
    # the handshake and retried 1, 3, 7 s later, and the page stalled for everyone meanwhile.
    request_queue_size = 1024

    def handle_error(self, request: object, client_address: object) -> None:
        """One line, never a traceback: a client that hung up is ordinary (INFO); anything else
        is named by its type only (its message could quote what was sent)."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            logger.info("web: a client hung up (%s)", type(error).__name__)
        else:
            logger.error("web: a request failed (%s)", type(error).__name__)


def make_server(port: int, rasa_url: str, host: str = "127.0.0.1", title: str = "Muscle twitching helper") -> ThreadingHTTPServer:
    handler = partial(Handler, rasa_url=rasa_url.rstrip("/"), title=title, pdf_slots=summary_pdf.drawing_slots())
    return PageServer((host, port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m web.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005", help="the Rasa server as the browser reaches it")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-8s %(name)s  - %(message)s")
    try:
        server = make_server(args.port, args.rasa_url, args.host)
    except OSError as error:
        print(f"error: cannot serve the web page on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        return 1
    if not FILES["/vendor/webchat.js"][0].exists():
        print("warning: web/node_modules is missing; run `make setup` to install the widget.", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
