"""Rasa's Telegram channel with a configurable Bot API server, readable replies and robust input.

`rasa_server.channels.telegram.TelegramChannel` in credentials.yml. Over Rasa's `TelegramInput` it adds:

- `api_base_url`: the Bot API server (https://api.telegram.org, or a self-hosted one);
- `secret_token` (optional): given to setWebhook; an update without Telegram's matching
  `X-Telegram-Bot-Api-Secret-Token` header is refused with 403;
- replies as plain text split at 4096 characters, buttons as an inline keyboard, custom
  payloads dropped in favour of the reply's text (rasa_server/channels/text.py says why);
- in a group chat each member has a conversation of their own (`group_member`);
- bad updates get a 400 (malformed JSON or nested too deep, no chat) or a harmless 200 (update
  types the bot does not handle), never a 500; Telegram's `/start` greets;
- an update is answered once: the same update again (Telegram resends one whose answer was
  slow) gets a 200 and nothing more (rasa_server/channels/replays.py);
- "typing..." in the chat while the bot thinks (sendChatAction, `TelegramChannelOutput.typing`);
- settings from credentials.yml or, when not written there, from TELEGRAM_TOKEN,
  TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_URL, TELEGRAM_API_BASE and TELEGRAM_SECRET_TOKEN; without
  the first three the channel is off (rasa_server/channels/settings.py).

As in Rasa, the webhook is set once when the channel is built and every update asks getMe
whether the token still belongs to the bot named by `verify`; an update for another bot is
answered 200 (so Telegram does not resend it) and not processed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import re
from http import HTTPStatus
from typing import Any, AsyncIterator, Dict, List

from aiogram.bot.api import Methods, TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.exceptions import TelegramAPIError, ValidationError
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.names import TELEGRAM
from bot.texts import CHOOSE_ONE
from rasa_server.channels import guard
from rasa_server.channels.handover import OnMessage, hand_over
from rasa_server.channels.replays import Handled
from rasa_server.channels.settings import OffChannel, Setting, read_settings
from rasa_server.channels.text import (
    TELEGRAM_TEXT_LIMIT,
    Button,
    TextPlatformOutput,
    TextReply,
    buttons_of,
    keyboard_rows,
    render,
    split_text,
    telegram_callback_data,
    utf16_len,
)

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
REPLAY_WINDOW_S = 24 * 3600  # Telegram keeps an update it could not deliver for a day
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND = re.compile(r"^/(\w+)(@\w+)?(\s.*)?$", re.DOTALL)

# credentials.yml keys, and the variables that give them when the file does not
SETTINGS = [
    Setting("access_token", "TELEGRAM_TOKEN"),
    Setting("verify", "TELEGRAM_BOT_NAME"),
    Setting("webhook_url", "TELEGRAM_WEBHOOK_URL"),
    Setting("api_base_url", "TELEGRAM_API_BASE", required=False),
    Setting("secret_token", "TELEGRAM_SECRET_TOKEN", required=False),
]

# Telegram shows "typing..." for 5 s or until the bot's next message: renewed a little sooner.
TYPING = "typing"
TYPING_RENEW_S = 4.0
TYPING_FIRST_TIMEOUT_S = 2.0  # the first one is awaited (so it never lands after a reply), not for long


class TelegramChannelOutput(TextPlatformOutput, TelegramOutput):
    """Rasa's Telegram output (an aiogram `Bot`) talking to `api_base_url`."""

    def __init__(self, access_token: str | None, api_base_url: str = DEFAULT_API_BASE) -> None:
        try:
            # TelegramOutput.__init__ takes only the token; aiogram's Bot takes the server.
            super(TelegramOutput, self).__init__(
                access_token, server=TelegramAPIServer.from_base(api_base_url or DEFAULT_API_BASE), timeout=30
            )
        except ValidationError as error:
            raise RasaException("TELEGRAM_TOKEN is not a Bot API token (it looks like 123456789:AAE...).") from error
        self.typing_renew_s = TYPING_RENEW_S
        self._typing: dict[str, set[asyncio.Task]] = {}  # chat id -> renewals of turns in progress

    @contextlib.asynccontextmanager
    async def typing(self, chat_id: int) -> AsyncIterator[None]:
        """Show "typing..." in the chat while the bot thinks: before the turn is handled, renewed
        every `typing_renew_s` until the bot's first reply (Telegram hides it then) or the end of
        the turn. Not worth failing a message for: a Bot API error only costs the indicator."""
        key = str(chat_id)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._send_typing(chat_id), TYPING_FIRST_TIMEOUT_S)
        renewal = asyncio.create_task(self._keep_typing(chat_id))
        self._typing.setdefault(key, set()).add(renewal)
        try:
            yield
        finally:
            renewal.cancel()
            self._stop_typing(key, renewal)

    async def _keep_typing(self, chat_id: int) -> None:
        while True:
            await asyncio.sleep(self.typing_renew_s)
            await self._send_typing(chat_id)

    async def _send_typing(self, chat_id: int) -> None:
        try:
            await self.send_chat_action(chat_id, TYPING)
        except Exception as error:  # noqa: BLE001 - the indicator is a nicety
            logger.debug("sendChatAction failed: %s", type(error).__name__)

    def _stop_typing(self, key: str, only: asyncio.Task | None = None) -> None:
        """Stop renewing "typing..." in chat `key` (only the renewal `only`, when given)."""
        renewals = self._typing.get(key, set())
        for renewal in [only] if only is not None else list(renewals):
            renewal.cancel()
            renewals.discard(renewal)
        if not renewals:
            self._typing.pop(key, None)

    async def set_webhook_with_secret(self, url: str, secret_token: str = "") -> bool:
        """setWebhook with the update types the bot reads and, if given, the secret token."""
        payload = {"url": url, "allowed_updates": json.dumps(ALLOWED_UPDATES)}
        if secret_token:
            payload["secret_token"] = secret_token
        return bool(await self.request(Methods.SET_WEBHOOK, payload))

    async def send_message(self, chat_id: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """aiogram's sendMessage, to the chat of a `telegram:<chat id>` conversation; the bot has
        answered, so "typing..." is no longer renewed there."""
        chat = chat_of(chat_id)
        self._stop_typing(chat)
        return await super().send_message(chat, *args, **kwargs)

    async def send_photo(self, chat_id: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return await super().send_photo(chat_of(chat_id), *args, **kwargs)

    async def _send_reply(self, recipient_id: str, reply: TextReply) -> None:
        parts = split_text(reply.text, TELEGRAM_TEXT_LIMIT, utf16_len) or [CHOOSE_ONE]
        for part in parts[:-1]:
            await self.send_message(recipient_id, part)
        markup = inline_keyboard(reply.buttons) if reply.buttons else None
        await self.send_message(recipient_id, parts[-1], reply_markup=markup)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], button_type: str | None = "inline", **kwargs: Any
    ) -> None:
        await self._send_reply(recipient_id, TextReply(text, buttons_of({"buttons": buttons})))

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        """A payload alone is sent as its readable form (never as JSON)."""
        reply = render({"custom": json_message})
        if reply is not None:
            await self._send_reply(recipient_id, reply)


def inline_keyboard(buttons: List[Button]) -> InlineKeyboardMarkup:
    markup = InlineKeyboardMarkup()
    for row in keyboard_rows(buttons):
        markup.row(*(InlineKeyboardButton(b.title, callback_data=telegram_callback_data(b)) for b in row))
    return markup


class BadUpdate(ValueError):
    """An update that is not shaped like Telegram's."""


def _chat_id(message: Any) -> int:
    chat = message.get("chat") if isinstance(message, dict) else None
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    if not isinstance(chat_id, int) or isinstance(chat_id, bool):
        raise BadUpdate("message without a chat id")
    return chat_id


def read_update(update: Any) -> tuple[int, str | None, str | None] | None:
    """(chat id, text for Rasa, callback query id) of an update; None when there is nothing to answer.

    The text is None for a message the bot cannot read (a sticker, a photo, a voice message):
    the person gets the guard's "please type it" answer, not silence.

    Raises BadUpdate when the update is not shaped like Telegram's.
    """
    if not isinstance(update, dict):
        raise BadUpdate("an update is a JSON object")
    query = update.get("callback_query")
    if query is not None:
        if not isinstance(query, dict):
            raise BadUpdate("callback_query is not an object")
        data, query_id = query.get("data"), query.get("id")
        chat_id = _chat_id(query.get("message"))
        if not isinstance(data, str) or not data.strip():
            return None
        return chat_id, data, str(query_id) if query_id is not None else None
    message = update.get("message", update.get("edited_message"))
    if message is None:
        return None  # an update type the bot does not handle
    chat_id = _chat_id(message)
    text = message.get("text")
    if isinstance(text, str):
        return chat_id, command_text(text.strip()), None
    location = message.get("location")
    if isinstance(location, dict) and all(isinstance(location.get(k), (int, float)) for k in ("longitude", "latitude")):
        return chat_id, json.dumps({"lng": location["longitude"], "lat": location["latitude"]}), None
    return chat_id, None, None  # stickers, photos, voice: nothing to read


GROUP_CHATS = ("group", "supergroup")


def group_member(update: Any) -> int | None:
    """The sender's user id when the update comes from a group chat, else None.

    In a group every member has a conversation of their own (`telegram:<chat id>:<user id>`),
    so one member's symptoms never become another's; the replies still go to the group."""
    if not isinstance(update, dict):
        return None
    source = update.get("callback_query") or update.get("message") or update.get("edited_message")
    message = source.get("message") if isinstance(source, dict) and "callback_query" in update else source
    chat = message.get("chat") if isinstance(message, dict) else None
    if not isinstance(chat, dict) or chat.get("type") not in GROUP_CHATS:
        return None
    sender = source.get("from") if isinstance(source, dict) else None
    user_id = sender.get("id") if isinstance(sender, dict) else None
    return user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None


def conversation(chat_id: int, member: int | None) -> str:
    """The tracker id of a private chat (`telegram:<chat id>`) or of one member of a group."""
    return guard.conversation_id(TELEGRAM, chat_id if member is None else f"{chat_id}:{member}")


def chat_of(conversation_id: str) -> str:
    """The chat a conversation's replies go to (`telegram:-100:42` -> `-100`)."""
    return guard.platform_id(str(conversation_id), TELEGRAM).partition(":")[0]


def command_text(text: str) -> str:
    """Telegram commands for Rasa: `/start` greets; `/cmd@bot_name` loses the bot's name."""
    match = _COMMAND.match(text)
    if not match:
        return text
    if match.group(1) == "start":
        return "/greet"
    return f"/{match.group(1)}{match.group(3) or ''}" if match.group(2) else text


class TelegramChannel(TelegramInput):
    """`rasa_server.channels.telegram.TelegramChannel` in credentials.yml (URL: /webhooks/telegram/webhook)."""

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        """The channel from credentials.yml and the TELEGRAM_* variables; off without a token,
        the bot's name or the webhook URL."""
        settings, missing = read_settings(credentials, SETTINGS, os.environ)
        if missing:
            return OffChannel(cls.name(), missing)
        return cls(
            settings["access_token"],
            settings["verify"],
            settings["webhook_url"],
            api_base_url=settings["api_base_url"] or DEFAULT_API_BASE,
            secret_token=settings["secret_token"] or "",
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        debug_mode: bool = False,
        api_base_url: str = DEFAULT_API_BASE,
        secret_token: str = "",
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=debug_mode)
        if secret_token and not _SECRET.match(secret_token):
            raise RasaException("TELEGRAM_SECRET_TOKEN may only hold 1-256 letters, digits, '_' and '-'.")
        self.api_base_url = api_base_url
        self.secret_token = secret_token
        self._output: TelegramChannelOutput | None = None
        self._handled = Handled("telegram_updates", REPLAY_WINDOW_S)

    def get_output_channel(self) -> TelegramChannelOutput:
        """The bot (one per channel). Unlike Rasa's, this does not set the webhook each time."""
        if self._output is None:
            self._output = TelegramChannelOutput(self.access_token, self.api_base_url)
        return self._output

    def set_webhook(self) -> None:
        """Tell Telegram where to send updates; called once, before the server's event loop runs."""
        bot = self.get_output_channel()

        async def _set() -> bool:
            try:
                return await bot.set_webhook_with_secret(self.webhook_url or "", self.secret_token)
            finally:
                await bot.session.close()  # bound to this short-lived loop; the server's loop opens its own

        try:
            asyncio.run(_set())
        except TelegramAPIError as error:
            raise RasaException(f"Telegram refused the webhook {self.webhook_url!r}: {error}") from error
        logger.info("Telegram webhook set")

    def _first_time(self, request: Request, update: Dict[str, Any], chat_id: int) -> bool:
        """Whether this update was never handled. Telegram resends an update whose answer was
        slow (up to three times); its id names it, with the chat, since ids restart at random
        after a quiet week. An update without an id is handled (none comes so from Telegram)."""
        update_id = update.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return True
        return self._handled.first_time(request, f"{update_id}:{chat_id}")

    def _secret_ok(self, request: Request) -> bool:
        if not self.secret_token:
            return True
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode(), self.secret_token.encode())

    def blueprint(self, on_new_message: OnMessage) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        self.set_webhook()
        out_channel = self.get_output_channel()

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.listener("after_server_stop")
        async def close_session(*_: Any) -> None:
            session = out_channel._session  # aiogram opens it on the first request, if any
            if session is not None and not session.closed:
                await session.close()

        in_flight = guard.InFlight()

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self._secret_ok(request):
                logger.warning("Telegram update refused: wrong or missing %s header", SECRET_HEADER)
                return response.text("forbidden", status=HTTPStatus.FORBIDDEN)
            try:
                update = guard.json_body(request.body, "An update")
                incoming = read_update(update)
            except ValueError as error:  # guard.Refused and BadUpdate are ValueErrors
                return response.text(f"bad update: {error}", status=HTTPStatus.BAD_REQUEST)
            if incoming is None:
                return response.text("ignored")
            chat_id, text, callback_id = incoming

            try:
                me = await out_channel.get_me()
            except Exception as error:  # the Bot API is unreachable: Telegram resends later
                logger.error("Telegram getMe failed: %s", error)
                return response.text("Bot API unavailable", status=HTTPStatus.SERVICE_UNAVAILABLE)
            if me.username != self.verify:
                logger.warning(
                    "Telegram update ignored: the token belongs to @%s, not @%s (TELEGRAM_BOT_NAME)", me.username, self.verify
                )
                return response.text("failed")
            if not self._first_time(request, update, chat_id):
                logger.info("Telegram update already handled: not answered again")
                return response.text("success")  # so Telegram stops resending it

            if callback_id:
                try:  # stops the button's spinner; not worth failing the message for
                    await out_channel.answer_callback_query(callback_id)
                except Exception as error:
                    logger.debug("answerCallbackQuery failed: %s", error)
            sender_id = conversation(chat_id, group_member(update))
            try:
                text = guard.message_text(text)  # the same checks as REST and the widget
                metadata = self.get_metadata(request)
                message = UserMessage(text, out_channel, sender_id, input_channel=self.name(), metadata=metadata)
                async with out_channel.typing(chat_id):
                    await hand_over(on_new_message, message, in_flight)
            except guard.Refused as refusal:
                await out_channel.send_text_message(sender_id, str(refusal))
            return response.text("success")

        return telegram_webhook
