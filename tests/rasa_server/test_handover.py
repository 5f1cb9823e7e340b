"""Every channel answers the user when Rasa fails on their message (rasa_server/channels/handover.py).

Each test serves the channel's real webhook on 127.0.0.1 (a bare Sanic app, no model) with a
Rasa that raises, and checks that the person gets the apology where they wrote: the REST
reply, the widget's socket, Telegram's sendMessage and Slack's chat.postMessage to a local
stand-in. The log says what failed, never what they said.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from bot.texts import FAILED
from rasa_server.channels.handover import conversation_tag
from rasa_server.channels.rest import GuardedRest
from rasa_server.channels.slack import SlackChannel
from rasa_server.channels.socketio import WidgetSocketIO
from rasa_server.channels.telegram import TelegramChannel
from tests.integration.standins import SLACK_SIGNING_SECRET, TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_URL
from tests.rasa_server.webhooks import JSON, calls_to, post, serving, slack_event, slack_headers, telegram_update

SAID = "I have chest pain and my arm twitches"  # never in the log


async def rasa_fails(message: UserMessage) -> None:
    """Rasa failing on the message, with words that quote it (as some exceptions do)."""
    raise RuntimeError(message.text)


def assert_logged_without_the_message(caplog: pytest.LogCaptureFixture, sender: str) -> None:
    failures = [r for r in caplog.records if "failed" in r.getMessage()]
    assert failures, "the failure is logged"
    logged = caplog.text
    assert "RuntimeError" in logged and conversation_tag(sender) in logged
    assert SAID not in logged and sender not in logged


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


async def test_telegram_sends_the_apology_to_the_chat_when_rasa_fails(telegram_webhook, telegram_api, caplog):
    chat_id = 10**9 + 7
    async with serving(telegram_webhook, "/webhooks/telegram") as base:
        status, text = await post(f"{base}/webhook", json.dumps(telegram_update(1, chat_id, SAID)).encode(), JSON)
        sent = await calls_to(telegram_api, telegram_api.sent_to(chat_id))
    assert (status, text) == (200, "success")
    assert [c.params["text"] for c in sent] == [FAILED]  # before: logged, and the person heard nothing
    assert_logged_without_the_message(caplog, f"telegram:{chat_id}")


async def test_slack_posts_the_apology_to_the_channel_when_rasa_fails(slack_api, caplog):
    settings = {"slack_token": slack_api.token, "slack_signing_secret": SLACK_SIGNING_SECRET, "api_base_url": slack_api.api_url}
    channel = SlackChannel.from_credentials(settings)
    async with serving(channel.blueprint(rasa_fails), "/webhooks/slack") as base:
        body = json.dumps(slack_event("D0HANDOVER", "U0HANDOVER", SAID)).encode()
        status, _ = await post(f"{base}/webhook", body, slack_headers(body))
        posted = await calls_to(slack_api, slack_api.posted_to("D0HANDOVER"))
    assert status == 200
    assert [c.params["text"] for c in posted] == [FAILED]  # before: Rasa's background task logged it, nothing was posted
    assert_logged_without_the_message(caplog, "slack:U0HANDOVER")
