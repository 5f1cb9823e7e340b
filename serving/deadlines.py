"""Deadlines for a Sanic server's requests, shared by the Rasa server and the action server.

A request's head must arrive within `HEAD_SECONDS` of its first byte and its body within
`BODY_SECONDS`, however they trickle in. Sanic's own REQUEST_TIMEOUT restarts with every
byte, so a client that sent one header line every few seconds kept its connection for ever
(the web page's server has the same deadline: web/server.py).

Both servers' images ship this package (Dockerfile, Dockerfile.actions); it imports Sanic
only, no Rasa, no rasa_sdk and no package of the project.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable

from sanic.exceptions import RequestTimeout

HEAD_SECONDS = 15.0  # as the web page's server (web/server.py)
BODY_SECONDS = 30.0  # the largest body (1.1 MB, the Rasa server's socket) on a slow line
_INSTALLED_FLAG = "_twitch_deadlines"


def _head_clock(original: Callable[..., Any]) -> Callable[..., Any]:
    """`HttpProtocol.data_received`, except that bytes of a request's head do not restart the
    clock of Sanic's REQUEST_TIMEOUT: the head must arrive within it, counted from its first byte."""
    from sanic.http import Stage

    def data_received(self: Any, data: bytes) -> None:
        http = getattr(self, "_http", None)  # set once the connection task runs
        reading_head = http is not None and http.stage is Stage.REQUEST
        started = self._time
        original(self, data)
        if reading_head:
            self._time = started

    data_received.__wrapped__ = original  # type: ignore[attr-defined]
    return data_received


def _within(seconds: float, original: Callable[..., Any]) -> Callable[..., Any]:
    async def receive_body(self: Any) -> Any:
        try:
            return await asyncio.wait_for(original(self), seconds)
        except asyncio.TimeoutError:
            if self.stream is not None:
                self.stream.keep_alive = False
            raise RequestTimeout("Request Timeout") from None

    receive_body.__wrapped__ = original  # type: ignore[attr-defined]
    return receive_body


def install(app: Any) -> None:
    """The head and the body of every request of `app`, each within its deadline. Call it
    before the server starts."""
    app.config.REQUEST_TIMEOUT = HEAD_SECONDS  # from the head's first byte (`_head_clock`)
    patch()


def patch() -> None:
    """Sanic's protocol and request, changed to keep the deadlines (idempotent). Sanic rewrites
    its own Http methods at start (its "touchup"), so the head's deadline is kept on the
    protocol's clock instead."""
    from sanic.request import Request
    from sanic.server.protocols.http_protocol import HttpProtocol

    if getattr(HttpProtocol, _INSTALLED_FLAG, False):
        return
    HttpProtocol.data_received = _head_clock(HttpProtocol.data_received)  # type: ignore[method-assign]
    Request.receive_body = _within(BODY_SECONDS, Request.receive_body)  # type: ignore[method-assign]
    setattr(HttpProtocol, _INSTALLED_FLAG, True)
