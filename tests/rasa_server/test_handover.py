"""Every channel answers the user when Rasa fails on their message (rasa_server/channels/handover.py).

Each test serves the channel's real webhook on 127.0.0.1 (a bare Sanic app, no model) with a
Rasa that raises, and checks that the person gets the apology where they wrote: the REST
reply, the widget's socket, Telegram's sendMessage and Slack's chat.postMessage to a local
stand-in. The log says what failed, never what they said.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, Iterator

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, Sanic

from bot.texts import FAILED
from ops.proc import free_port
from rasa_server.channels.handover import conversation_tag
from rasa_server.channels.rest import GuardedRest
from rasa_server.channels.slack import SlackChannel
from rasa_server.channels.socketio import WidgetSocketIO
from rasa_server.channels.telegram import TelegramChannel
from tests.integration.standins import (
    SLACK_SIGNING_SECRET,
    TELEGRAM_BOT_NAME,
    TELEGRAM_WEBHOOK_URL,
    Call,
    SlackStandIn,
    StandIn,
    TelegramStandIn,
    slack_signature,
)

HOST = "127.0.0.1"
SAID = "I have chest pain and my arm twitches"  # never in the log


async def rasa_fails(message: UserMessage) -> None:
    """Rasa failing on the message, with words that quote it (as some exceptions do)."""
    raise RuntimeError(message.text)


@asynccontextmanager
async def serving(blueprint: Blueprint, prefix: str) -> AsyncIterator[str]:
    """The channel's webhook on a free 127.0.0.1 port, in this event loop; its base URL."""
    app = Sanic(f"handover_{uuid.uuid4().hex[:8]}")
    app.blueprint(blueprint, url_prefix=prefix)
    port = free_port()
    server = await app.create_server(host=HOST, port=port, return_asyncio_server=True, access_log=False)
    assert server is not None
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"http://{HOST}:{port}{prefix}"
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()


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


def assert_logged_without_the_message(caplog: pytest.LogCaptureFixture, sender: str) -> None:
    failures = [r for r in caplog.records if "failed" in r.getMessage()]
    assert failures, "the failure is logged"
    logged = caplog.text
    assert "RuntimeError" in logged and conversation_tag(sender) in logged
    assert SAID not in logged and sender not in logged


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch) -> None:
    """Sanic rewrites some of its own methods when an app starts; in test mode from the
    originals, so the next test's app starts too."""
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture
def telegram_api() -> Iterator[TelegramStandIn]:
    api = TelegramStandIn().start()
    yield api
    api.stop()


@pytest.fixture
def slack_api() -> Iterator[SlackStandIn]:
    api = SlackStandIn().start()
    yield api
    api.stop()


@pytest.mark.parametrize("stream", [False, True])
async def test_rest_answers_the_apology_when_rasa_fails(stream, caplog):
    sender = f"rest-{uuid.uuid4().hex}"
    async with serving(GuardedRest().blueprint(rasa_fails), "/webhooks/rest") as base:
        body = json.dumps({"sender": sender, "message": SAID}).encode()
        status, text = await post(f"{base}/webhook" + ("?stream=true" if stream else ""), body)
    replies = [json.loads(line) for line in text.splitlines()] if stream else json.loads(text)
    assert status == 200 and replies == [{"recipient_id": sender, "text": FAILED}]
    assert_logged_without_the_message(caplog, sender)


async def test_the_widget_gets_the_apology_on_its_socket_when_rasa_fails(caplog):
    channel = WidgetSocketIO()
    channel.blueprint(rasa_fails)
    emitted: list[tuple[Any, Any]] = []

    async def emit(event: str, data: Any = None, room: Any = None, **kwargs: Any) -> None:
        emitted.append((room, data))

    channel.sio.emit = emit  # type: ignore[method-assign, union-attr]
    handle = channel.sio.handlers["/"][channel.user_message_evt]  # type: ignore[union-attr]
    await handle("sid-1", {"message": SAID})
    assert emitted == [("sid-1", {"text": FAILED})]
    assert_logged_without_the_message(caplog, "sid-1")


@pytest.fixture
def telegram_webhook(telegram_api) -> Blueprint:
    """The Telegram channel's webhook over a failing Rasa, built as the server builds it:
    before its loop runs (the channel sets its webhook with the stand-in then)."""
    channel = TelegramChannel(telegram_api.token, TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_URL, api_base_url=telegram_api.url)
    return channel.blueprint(rasa_fails)


def telegram_update(update_id: int, chat_id: int, text: str) -> bytes:
    chat = {"id": chat_id, "type": "private", "first_name": "Sam"}
    message = {"message_id": update_id, "date": int(time.time()), "chat": chat, "text": text}
    return json.dumps({"update_id": update_id, "message": message}).encode()


async def test_telegram_sends_the_apology_to_the_chat_when_rasa_fails(telegram_webhook, telegram_api, caplog):
    chat_id = 10**9 + 7
    async with serving(telegram_webhook, "/webhooks/telegram") as base:
        status, text = await post(f"{base}/webhook", telegram_update(1, chat_id, SAID), {"Content-Type": "application/json"})
        sent = await calls_to(telegram_api, telegram_api.sent_to(chat_id))
    assert (status, text) == (200, "success")
    assert [c.params["text"] for c in sent] == [FAILED]  # before: logged, and the person heard nothing
    assert_logged_without_the_message(caplog, f"telegram:{chat_id}")


def slack_event(channel: str, user: str, text: str) -> bytes:
    event = {"type": "message", "channel_type": "im", "channel": channel, "user": user, "text": text, "ts": f"{time.time():.6f}"}
    body = {"type": "event_callback", "event_id": f"Ev{uuid.uuid4().hex[:10]}", "authorizations": [{"user_id": "UBOT"}]}
    return json.dumps({**body, "event": event}).encode()


def slack_headers(body: bytes) -> dict[str, str]:
    now = int(time.time())
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": slack_signature(body, now),
    }


async def test_slack_posts_the_apology_to_the_channel_when_rasa_fails(slack_api, caplog):
    settings = {"slack_token": slack_api.token, "slack_signing_secret": SLACK_SIGNING_SECRET, "api_base_url": slack_api.api_url}
    channel = SlackChannel.from_credentials(settings)
    async with serving(channel.blueprint(rasa_fails), "/webhooks/slack") as base:
        body = slack_event("D0HANDOVER", "U0HANDOVER", SAID)
        status, _ = await post(f"{base}/webhook", body, slack_headers(body))
        posted = await calls_to(slack_api, slack_api.posted_to("D0HANDOVER"))
    assert status == 200
    assert [c.params["text"] for c in posted] == [FAILED]  # before: Rasa's background task logged it, nothing was posted
    assert_logged_without_the_message(caplog, "slack:U0HANDOVER")
