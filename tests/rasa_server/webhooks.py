"""Serving a channel's real webhook, or Rasa's HTTP API, on 127.0.0.1 within a test's event loop
(a bare Sanic app, no model), and the requests Telegram and Slack send to it."""

from __future__ import annotations

import asyncio
import time
import uuid
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable

import aiohttp
from sanic import Blueprint, Sanic

from ops.proc import free_port
from tests.integration.standins import SLACK_SIGNING_SECRET, Call, StandIn, slack_signature

HOST = "127.0.0.1"


@asynccontextmanager
async def serving_app(app: Sanic) -> AsyncIterator[str]:
    """`app` on a free 127.0.0.1 port, in this event loop; its base URL."""
    test_mode = Sanic.test_mode
    Sanic.test_mode = True  # Sanic rewrites some of its methods at each start: from the originals, so the next app starts too
    port = free_port()
    server = await app.create_server(host=HOST, port=port, return_asyncio_server=True, access_log=False)
    assert server is not None
    try:
        await server.startup()
        await server.before_start()
        await server.after_start()
        yield f"http://{HOST}:{port}"
        await server.before_stop()
    finally:
        server.close()
        await server.wait_closed()
        await server.after_stop()
        Sanic.test_mode = test_mode


@asynccontextmanager
async def serving(blueprint: Blueprint, prefix: str) -> AsyncIterator[str]:
    """A channel's webhook under `prefix`; its base URL."""
    app = Sanic(f"webhook_{uuid.uuid4().hex[:8]}")
    app.blueprint(blueprint, url_prefix=prefix)
    async with serving_app(app) as base:
        yield base + prefix


async def post(url: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session:
        async with session.post(url, data=body, headers=headers or {}) as reply:
            return reply.status, await reply.text()


async def calls_to(api: StandIn, wanted: Callable[[Call], bool], timeout: float = 20) -> list[Call]:
    """The stand-in's calls matching `wanted`, waited for without blocking this loop (the
    channel answers in the background, on this loop)."""
    deadline = time.monotonic() + timeout
    while not (found := api.find(wanted)) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return found


def nested(depth: int) -> bytes:
    """JSON lists nested `depth` deep (built as text: json.dumps would recurse)."""
    return b"[" * depth + b"]" * depth


def telegram_update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    chat = {"id": chat_id, "type": "private", "first_name": "Sam"}
    message = {"message_id": update_id, "date": int(time.time()), "chat": chat, "text": text}
    return {"update_id": update_id, "message": message}


def slack_event(channel: str, user: str, text: Any) -> dict[str, Any]:
    event = {"type": "message", "channel_type": "im", "channel": channel, "user": user, "text": text, "ts": f"{time.time():.6f}"}
    body = {"type": "event_callback", "event_id": f"Ev{uuid.uuid4().hex[:10]}", "authorizations": [{"user_id": "UBOT"}]}
    return {**body, "event": event}


def slack_headers(body: bytes, content_type: str = "application/json", secret: str = SLACK_SIGNING_SECRET) -> dict[str, str]:
    """The headers of a request Slack signed with `secret`."""
    now = int(time.time())
    signature = slack_signature(body, now, secret)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(now), "X-Slack-Signature": signature}


JSON = {"Content-Type": "application/json"}
