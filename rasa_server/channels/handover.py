"""Handing a user's message to Rasa: one way for every channel (REST, the widget, Telegram, Slack).

Whatever goes wrong inside Rasa, the user is answered on their own channel: with the apology
(`bot.texts.FAILED`), never with silence, and the same on every channel. The log says what
failed and where in the code, with the conversation's id hashed: never the message, which is
private health data (so not the exception's own words either, which may quote it).
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from bot.texts import FAILED
from rasa_server.channels.guard import InFlight, Refused

logger = logging.getLogger(__name__)

OnMessage = Callable[[UserMessage], Awaitable[Any]]


def conversation_tag(sender_id: str) -> str:
    """A short hash of a conversation id, for the log: one conversation's lines can be told
    apart and found by whoever knows its id, without the log holding the id itself."""
    return hashlib.sha256(sender_id.encode()).hexdigest()[:12]


async def hand_over(on_new_message: OnMessage, message: UserMessage, in_flight: InFlight) -> None:
    """Hand `message` to Rasa, its replies going to `message.output_channel`.

    Raises `guard.Refused` (429) before handing anything over when its conversation has
    `in_flight.limit` messages in Rasa already: each channel answers a refusal its own way.
    Any other error is logged and answered with the apology.
    """
    try:
        with in_flight.slot(message.sender_id):
            await on_new_message(message)
    except Refused:
        raise
    except Exception as error:  # noqa: BLE001 - the user is answered, the log gets where it failed
        _log_failure(message, error)
        await _apologise(message)


def _log_failure(message: UserMessage, error: Exception) -> None:
    """The failure's type and where it happened, without its message (it may quote the user)."""
    where = "".join(traceback.format_tb(error.__traceback__))
    logger.error(
        "handling a %s message failed (conversation %s): %s\n%s",
        message.input_channel,
        conversation_tag(message.sender_id),
        type(error).__name__,
        where,
    )


async def _apologise(message: UserMessage) -> None:
    try:
        await message.output_channel.send_text_message(message.sender_id, FAILED)
    except Exception as error:  # noqa: BLE001 - the platform cannot be reached either: nothing more to do here
        tag = conversation_tag(message.sender_id)
        logger.error("the apology could not be sent (conversation %s): %s", tag, type(error).__name__)
