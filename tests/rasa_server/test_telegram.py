"""Telegram's "typing..." while the bot thinks: before the turn, renewed, stopped by the first reply;
its webhook answers each update once, and a body nested thousands deep with a 400.

The Bot API calls are recorded by fakes on aiogram's Bot; tests/integration/test_platforms.py
sees the same through the real Rasa server and a stand-in of the Bot API.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from aiogram import Bot
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from rasa_server.channels.telegram import TelegramChannel, TelegramChannelOutput
from tests.integration.standins import TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_URL
from tests.rasa_server.webhooks import JSON, nested, post, serving, telegram_update


@pytest.fixture
def calls(monkeypatch) -> list[tuple]:
    """What the bot sent to the Bot API, in order: ("typing", chat) and ("message", chat, text)."""
    sent: list[tuple] = []

    async def send_chat_action(self, chat_id, action):
        sent.append((action, str(chat_id)))
        return True

    async def send_message(self, chat_id, text, *args, **kwargs):
        sent.append(("message", str(chat_id), text))

    monkeypatch.setattr(Bot, "send_chat_action", send_chat_action)
    monkeypatch.setattr(Bot, "send_message", send_message)
    return sent


@pytest.fixture
def bot() -> TelegramChannelOutput:
    out = TelegramChannelOutput("123456:ABC-token", "http://127.0.0.1:9")  # never contacted: the fakes answer
    out.typing_renew_s = 0.05
    return out


async def test_typing_shows_before_the_turn_and_is_renewed_while_the_bot_says_nothing(bot, calls):
    async with bot.typing(42):
        assert calls == [("typing", "42")]  # already sent when the turn starts
        await asyncio.sleep(0.18)
    renewed = len(calls)
    assert renewed >= 3 and set(calls) == {("typing", "42")}
    await asyncio.sleep(0.12)
    assert len(calls) == renewed  # the turn is over: no more typing


async def test_the_first_reply_stops_the_typing(bot, calls):
    async with bot.typing(42):
        await bot.send_text_message("telegram:42", "Here is what I understood.")
        await asyncio.sleep(0.15)
    assert calls == [("typing", "42"), ("message", "42", "Here is what I understood.")]


async def test_a_reply_in_one_chat_does_not_stop_the_typing_in_another(bot, calls):
    async with bot.typing(1), bot.typing(2):
        await bot.send_text_message("telegram:1", "hello")
        await asyncio.sleep(0.12)
    assert ("typing", "2") in calls[calls.index(("message", "1", "hello")) :]
    assert ("typing", "1") not in calls[calls.index(("message", "1", "hello")) :]


async def test_a_failing_bot_api_costs_only_the_indicator(bot, monkeypatch, calls):
    async def refused(self, chat_id, action):
        raise ConnectionError("Bot API down")

    monkeypatch.setattr(Bot, "send_chat_action", refused)
    async with bot.typing(42):
        await bot.send_text_message("telegram:42", "still answered")
    assert calls == [("message", "42", "still answered")]


# -- the webhook, served on 127.0.0.1 with a stand-in of the Bot API ----------------------


@pytest.fixture
def webhook(telegram_api) -> tuple[Blueprint, list[str]]:
    """The channel's webhook over a Rasa that notes each message and answers it; built as the
    server builds it, before its loop runs (the channel sets its webhook then)."""
    handled: list[str] = []

    async def rasa(message: UserMessage) -> None:
        handled.append(message.text or "")
        await message.output_channel.send_text_message(message.sender_id, "Noted.")

    channel = TelegramChannel(telegram_api.token, TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_URL, api_base_url=telegram_api.url)
    return channel.blueprint(rasa), handled


async def test_an_update_telegram_sends_again_is_answered_once(webhook, telegram_api):
    blueprint, handled = webhook
    chat_id = 10**9 + 11
    first, again = telegram_update(7, chat_id, "my eyelid twitches"), telegram_update(8, chat_id, "since Monday")
    async with serving(blueprint, "/webhooks/telegram") as base:
        for update in (first, first, first, again):  # Telegram resends an update whose answer was slow
            assert await post(f"{base}/webhook", json.dumps(update).encode(), JSON) == (200, "success")
    assert handled == ["my eyelid twitches", "since Monday"]  # before: the first one three times
    assert len(telegram_api.find(telegram_api.sent_to(chat_id))) == 2


@pytest.mark.parametrize("depth", [5_000])  # thousands of levels: Python's parser gives up
async def test_a_deeply_nested_update_gets_a_400_not_a_500(webhook, depth):
    async with serving(webhook[0], "/webhooks/telegram") as base:
        status, text = await post(f"{base}/webhook", nested(depth), JSON)
    assert status == 400 and text.startswith("bad update") and "Traceback" not in text  # before: a RecursionError, 500
    assert webhook[1] == []
