"""Telegram's "typing..." while the bot thinks: before the turn, renewed, stopped by the first reply.

The Bot API calls are recorded by fakes on aiogram's Bot; tests/integration/test_platforms.py
sees the same through the real Rasa server and a stand-in of the Bot API.
"""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot

from rasa_server.channels.telegram import TelegramChannelOutput


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
