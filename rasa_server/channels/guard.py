"""Checks every chat channel applies before a message reaches Rasa.

- **Length.** NLU time grows faster than the text (a 100 KB message held the whole server
  for about a minute), so a message over `MAX_CHARS` is refused with a polite answer.
- **Slash commands.** Rasa reads "/intent{...}" as an intent with entities, unchecked, and
  its default intents (`/restart`, `/back`, `/session_start`) act silently. Only the
  payloads the bot's own buttons send are taken as such; any other "/..." is read as text.
  The check reads the text as the NLU will (`bot.nlu.normalise`, first in config.yml): an
  invisible first character (zero-width space, BOM, soft hyphen, LRM) or a fullwidth slash
  would otherwise pass here and become "/..." there.
- **Text.** Lone surrogates (which break the NLU) become U+FFFD.
- **Sender and metadata.** A sender id is a short printable string (none: a new
  conversation, where Rasa would put every such request into one shared "default");
  metadata is a small, shallow JSON object.
- **JSON bodies** (Telegram's, Slack's, Rasa's HTTP API) are refused with a 400 when they are
  nested deeper than `MAX_JSON_DEPTH` (`json_body`).
- **Flooding.** At most `MAX_IN_FLIGHT` messages of one conversation are handled at once;
  more are refused (HTTP 429), since Rasa would only queue them behind its lock.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator

from bot import texts
from bot.names import CHANNEL_PREFIXES
from bot.nlu.normalise import normalise
from bot.texts import TOO_MANY, UNREADABLE

MAX_CHARS = 8_000
MAX_SENDER = 128
MAX_METADATA_BYTES = 16_000
MAX_METADATA_DEPTH = 16
MAX_JSON_DEPTH = 64  # far deeper than any request of Telegram, Slack or Rasa's HTTP API
MAX_IN_FLIGHT = 3

TOO_LONG = texts.TOO_LONG.format(limit=MAX_CHARS)  # the wording of every refusal: bot/texts.py

_SURROGATES = re.compile("[\ud800-\udfff]")


class Refused(ValueError):
    """A request that is not handled; `status` is the HTTP status that says why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@lru_cache(maxsize=1)
def button_payloads() -> frozenset[str]:
    """Every payload a button of the bot sends, plus the widget's first message."""
    from bot.answers import FOLLOW_UPS
    from bot.knowledge.table import default_interview

    payloads = {b["payload"] for b in FOLLOW_UPS} | {"/greet"}
    payloads |= {b["payload"] for q in default_interview().questions for b in q.buttons}
    return frozenset(payloads)


def message_text(value: Any) -> str:
    """The user's text, made safe to parse. Raises `Refused` when there is none to read."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Refused(UNREADABLE)
    if len(value) > MAX_CHARS:
        raise Refused(TOO_LONG, 413)
    text = _SURROGATES.sub("\ufffd", value)
    if text.strip() in button_payloads():
        return text
    return _as_words(text)


def _as_words(text: str) -> str:
    """`text` without the leading characters that the NLU's normaliser would make "/...".

    What is dropped is invisible, space or slash; the rest stays as typed."""
    start = 0
    while start < len(text) and normalise(text[start]).strip() in ("", "/"):
        start += 1
    if not normalise(text[:start]).strip():
        return text  # nothing a slash comes from: keep it whole (spaces, a zero-width joiner inside)
    words = text[start:]
    if normalise(words).startswith("/"):  # a slash the characters make only together
        words = normalise(words).lstrip("/ ")
    return words


# Conversations are namespaced per channel (bot/names.py): a Telegram chat is `telegram:<chat id>`,
# a Slack user `slack:<user id>`, a widget session `web:<id>`. The REST webhook cannot use these
# prefixes, so nobody addresses a Telegram or widget conversation from REST by its bare id.


def conversation_id(channel: str, platform_id: Any) -> str:
    """The tracker id of a platform's conversation: `telegram:123456789`."""
    return f"{channel}:{platform_id}"


def platform_id(conversation: str, channel: str) -> str:
    """The platform's own id back from a tracker id (`telegram:123` -> `123`)."""
    prefix = f"{channel}:"
    return conversation[len(prefix) :] if conversation.startswith(prefix) else conversation


def sender_id(value: Any) -> str:
    """The conversation id. Without one, a new conversation: never a shared "default" one."""
    if value is None or value == "":
        return f"anonymous-{uuid.uuid4().hex}"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise Refused("'sender' must be a non-empty string.")
    if len(value) > MAX_SENDER or not value.isprintable():
        raise Refused(f"'sender' must be printable and at most {MAX_SENDER} characters.")
    if value.partition(":")[0].strip().lower() in CHANNEL_PREFIXES:
        prefixes = ", ".join(n + ":" for n in CHANNEL_PREFIXES)
        raise Refused(f"'sender' may not start with {prefixes} (other channels' conversations).")
    return value


def _depth(value: Any, limit: int) -> int:
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def json_body(raw: bytes | str | None, what: str = "The body") -> Any:
    """`raw` read as JSON. Raises `Refused` (400) when it is not JSON, or is nested deeper than
    `MAX_JSON_DEPTH`: Python's parser and much of what reads the result recurse once per level,
    and a few thousand levels end in a RecursionError (an HTTP 500 with a stack trace)."""
    try:
        value = json.loads(raw or b"")
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise Refused(f"{what} must be JSON.") from None
    if _depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise Refused(f"{what} is nested too deeply.")
    return value


def metadata(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, str):
        if len(value) > MAX_METADATA_BYTES:
            raise Refused("'metadata' is too large.", 413)
        try:
            value = json.loads(value)
        except ValueError:
            raise Refused("'metadata' must be a JSON object.") from None
    if not isinstance(value, dict):
        raise Refused("'metadata' must be a JSON object.")
    if _depth(value, MAX_METADATA_DEPTH) > MAX_METADATA_DEPTH:
        raise Refused("'metadata' is nested too deeply.")
    if len(json.dumps(value)) > MAX_METADATA_BYTES:
        raise Refused("'metadata' is too large.", 413)
    return value


class InFlight:
    """Counts the messages of each conversation being handled right now."""

    def __init__(self, limit: int = MAX_IN_FLIGHT) -> None:
        self.limit = limit
        self.counts: Counter[str] = Counter()

    @contextmanager
    def slot(self, sender: str) -> Iterator[None]:
        if self.counts[sender] >= self.limit:
            raise Refused(TOO_MANY, 429)
        self.counts[sender] += 1
        try:
            yield
        finally:
            self.counts[sender] -= 1
            if self.counts[sender] <= 0:
                del self.counts[sender]
