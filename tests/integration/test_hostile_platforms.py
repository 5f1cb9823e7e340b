"""The hostile-input suite (hostile_inputs.py) on Telegram and Slack, through their real channels
against the loopback stand-ins of the platforms' APIs.

Every input the platform can deliver is said in a new chat and, side by side, over REST: the
platform shows exactly what REST answers (one guard for every channel), or the same polite
refusal when REST refuses it as too long; nothing shown has server internals or a forged
value; and the same chat still understands "my eyelid twitches" after. (REST and Socket.IO:
test_hostile.py.)
"""

from __future__ import annotations

import pytest

from rasa_server.channels import guard
from tests.integration import hostile_inputs as H
from tests.integration.test_hostile import FOLLOW_UP, assert_no_leak, assert_sensible
from tests.integration.test_platforms import Conversation, SlackDM, TelegramChat

pytestmark = pytest.mark.integration

# (id, text, a value that must never be shown back, or "")
INPUTS = [(i, t, "") for i, t in H.TEXTS + H.SLASH + H.DOSE_BAIT] + list(H.SLASH_FORGED)

# What each platform can deliver at all: Telegram's messages hold at most 4,096 UTF-16 units
# and Slack's 40,000 characters, and Slack sends no message without text.
TELEGRAM_MAX_TEXT = 4096
SLACK_MAX_TEXT = 40_000


def deliverable(platform: str, text: str) -> bool:
    if platform == "telegram":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2 <= TELEGRAM_MAX_TEXT
    return bool(text) and len(text) <= SLACK_MAX_TEXT


CASES = [
    pytest.param(platform, text, forbidden, id=f"{platform}-{ident}")
    for platform in ("telegram", "slack")
    for ident, text, forbidden in INPUTS
    if deliverable(platform, text)
]


def open_chat(platform: str, stack, standins) -> Conversation:
    return TelegramChat(stack, standins.telegram) if platform == "telegram" else SlackDM(stack, standins.slack)


def say_too_long(chat: Conversation, text: str) -> list[dict]:
    """A message over the guard's limit: REST refuses it with 413; the platform shows the refusal."""
    chat.deliver(text, False)
    shown = chat.received(chat.seen + 1)[chat.seen :]
    chat.seen += 1
    assert [m["text"] for m in shown] == [guard.TOO_LONG]
    return shown


@pytest.mark.parametrize(("platform", "text", "forbidden"), CASES)
def test_hostile_input_on_a_messaging_platform(platform, text, forbidden, stack, standins):
    chat = open_chat(platform, stack, standins)
    if len(text) > guard.MAX_CHARS:
        shown = say_too_long(chat, text)
    else:
        _, shown = chat.turn(text)  # the platform shows what REST answers, split at its limits
    for message in shown:
        assert_no_leak(message["text"])
        assert not forbidden or forbidden not in message["text"], f"forged value {forbidden!r} shown: {message['text'][:300]}"
    rest, _ = chat.turn(FOLLOW_UP)
    assert_sensible(rest)


def test_every_hostile_input_is_tried_on_some_platform():
    """Only what a platform cannot deliver is left out, and each input runs on at least one."""
    tried = {text for case in CASES for text in case.values[1:2]}
    assert tried == {text for _, text, _ in INPUTS}
