"""Bot replies for text-only platforms (Telegram, Slack): readable text, buttons, split at limits.

Every reply of the bot (bot/answers.py) carries a readable `text`; the custom payload beside it
(assessment, foods, ...) repeats the same content as data for the web widget. On a text
platform the text is sent and the payload is dropped: it says nothing the text does not, and
its JSON must never reach a user. A payload that comes without any text (none does today) is
turned into a short readable sentence instead of being lost.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from bot.names import ASSESSMENT, ESCALATION, EXPLANATION, FOODS, SUMMARY
from bot.texts import GET_MEDICAL_HELP, LEVEL_TITLES

logger = logging.getLogger(__name__)

TELEGRAM_TEXT_LIMIT = 4096  # characters (UTF-16 code units) per sendMessage
TELEGRAM_CALLBACK_LIMIT = 64  # bytes of callback_data per inline button
SLACK_TEXT_LIMIT = 3000  # characters of a section block's text; plain messages use the same
SLACK_BUTTON_TITLE_LIMIT = 75  # characters of a button's text
SLACK_BUTTON_VALUE_LIMIT = 2000  # characters of a button's value
SLACK_BUTTONS_PER_BLOCK = 25  # elements of one actions block

# Split at the largest boundary that makes the pieces fit: paragraph, line, word.
SEPARATORS = ("\n\n", "\n", " ")


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class TextReply:
    """What a text platform shows for one bot message."""

    text: str
    buttons: list[Button] = field(default_factory=list)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int, measure: Callable[[str], int] = len) -> list[str]:
    """Split `text` into pieces of at most `limit` (by `measure`), at paragraph, line or word boundaries.

    Only whitespace at the split points is dropped; a word longer than the limit is cut.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    text = text.strip()
    if not text:
        return []
    return [piece.strip() for piece in _split(text, limit, measure, SEPARATORS) if piece.strip()]


def _split(text: str, limit: int, measure: Callable[[str], int], separators: Sequence[str]) -> list[str]:
    if measure(text) <= limit:
        return [text]
    if not separators:
        return _cut(text, limit, measure)
    sep, finer = separators[0], separators[1:]
    chunks: list[str] = []
    current = ""
    for piece in text.split(sep):
        candidate = f"{current}{sep}{piece}" if current else piece
        if measure(candidate.strip()) <= limit:
            current = candidate
            continue
        if current.strip():
            chunks.append(current)
        if measure(piece.strip()) <= limit:
            current = piece
        else:
            parts = _split(piece.strip(), limit, measure, finer)
            chunks.extend(parts[:-1])
            current = parts[-1]
    if current.strip():
        chunks.append(current)
    return chunks


def _cut(text: str, limit: int, measure: Callable[[str], int]) -> list[str]:
    """Cut a text with no usable boundary into the longest prefixes that fit."""
    pieces = []
    while text:
        low, high = 1, len(text)  # the longest prefix that fits, by bisection
        while low < high:
            mid = (low + high + 1) // 2
            if measure(text[:mid]) <= limit:
                low = mid
            else:
                high = mid - 1
        pieces.append(text[:low])
        text = text[low:]
    return pieces


def buttons_of(message: Mapping[str, Any]) -> list[Button]:
    """The message's buttons (or quick replies) that have a title and a payload."""
    raw = message.get("buttons") or message.get("quick_replies") or []
    out = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, Mapping) and item.get("title") and item.get("payload"):
            out.append(Button(str(item["title"]), str(item["payload"])))
    return out


def render(message: Mapping[str, Any]) -> TextReply | None:
    """The readable form of one bot message, or None when there is nothing to show.

    The message's text is used as it is; its custom payload is dropped (see the module
    docstring). Only when there is no text does the payload become a readable sentence.
    """
    text = message.get("text")
    text = text.strip() if isinstance(text, str) else ""
    custom = message.get("custom")
    if not text and isinstance(custom, Mapping):
        text = payload_text(custom)
    buttons = buttons_of(message)
    if not text and not buttons:
        return None
    return TextReply(text, buttons)


def _name(ref: Any) -> str:
    """A readable name for an id: `symptom:numbness_tingling` or `numbness_tingling` -> numbness tingling."""
    return str(ref).rpartition(":")[2].replace("_", " ").strip()


def _names(items: Iterable[Any]) -> str:
    names = [_name(i.get("id") if isinstance(i, Mapping) else i) for i in items]
    return ", ".join(n for n in names if n)


def payload_text(payload: Mapping[str, Any]) -> str:
    """A short readable sentence for a custom payload that came without text (never its JSON)."""
    kind = payload.get("type")
    triage = LEVEL_TITLES.get(str(payload.get("triage")), "")
    parts: list[str] = []
    if kind == ESCALATION:
        parts.append(f"{triage}." if triage else GET_MEDICAL_HELP)
        if payload.get("red_flags"):
            parts.append(f"What I heard: {_names(payload['red_flags'])}.")
    elif kind in (ASSESSMENT, SUMMARY):
        if payload.get("causes"):
            parts.append(f"Possible causes: {_names(payload['causes'])}.")
        if triage:
            parts.append(f"{triage}.")
    elif kind == FOODS:
        foods = [str(f["name"]) for f in payload.get("foods") or [] if isinstance(f, Mapping) and f.get("name")]
        if foods:
            parts.append(f"Foods that may help: {', '.join(foods)}.")
    elif kind == EXPLANATION and payload.get("topic"):
        parts.append(f"About {_name(payload['topic'])}.")
    if not parts:
        logger.debug("dropped a custom payload of type %r with no text on a text platform", kind)
    return " ".join(parts)


def telegram_callback_data(button: Button) -> str:
    """The button's payload as Telegram callback data (at most 64 bytes).

    Rasa payloads such as `/give_info{"duration": "3"}` fit; a longer one is first written
    without spaces in its JSON part, and if it still does not fit, the button sends its title,
    which the NLU reads like typed text.
    """
    payload = button.payload
    if len(payload.encode()) <= TELEGRAM_CALLBACK_LIMIT:
        return payload
    intent, brace, rest = payload.partition("{")
    if brace:
        try:
            compact = intent + json.dumps(json.loads(brace + rest), separators=(",", ":"), ensure_ascii=False)
        except ValueError:
            compact = payload
        if len(compact.encode()) <= TELEGRAM_CALLBACK_LIMIT:
            return compact
    logger.warning("a button payload is longer than Telegram's 64 bytes: the button sends its title instead")
    return button.title.encode()[:TELEGRAM_CALLBACK_LIMIT].decode(errors="ignore")


def keyboard_rows(buttons: Sequence[Button], per_row: int = 2) -> list[list[Button]]:
    """Buttons in rows of `per_row`, in order (short rows keep long titles readable on a phone)."""
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def slack_escape(text: str) -> str:
    """Escape the three characters Slack reads as markup in a message's `text`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_button_blocks(buttons: Sequence[Button]) -> list[dict]:
    """Slack `actions` blocks with one button per bot button (25 buttons per block)."""
    blocks = []
    for start in range(0, len(buttons), SLACK_BUTTONS_PER_BLOCK):
        elements = []
        for i, b in enumerate(buttons[start : start + SLACK_BUTTONS_PER_BLOCK], start):
            title = b.title if len(b.title) <= SLACK_BUTTON_TITLE_LIMIT else b.title[: SLACK_BUTTON_TITLE_LIMIT - 1] + "…"
            elements.append(
                {
                    "type": "button",
                    "action_id": f"button_{i}",
                    "text": {"type": "plain_text", "text": title},
                    "value": b.payload[:SLACK_BUTTON_VALUE_LIMIT],
                }
            )
        blocks.append({"type": "actions", "elements": elements})
    return blocks


class TextPlatformOutput:
    """What the Telegram and Slack outputs share: a reply goes out as text and buttons
    (`render`), the custom payload is not sent; each platform sends it in `_send_reply`."""

    async def _send_reply(self, recipient_id: str, reply: TextReply) -> None:
        raise NotImplementedError

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        reply = render(message)
        if reply is not None:
            await self._send_reply(recipient_id, reply)
        if message.get("image"):
            await self.send_image_url(recipient_id, message["image"])  # type: ignore[attr-defined]

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send_reply(recipient_id, TextReply(text))
