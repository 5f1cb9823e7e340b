"""Rasa's Telegram channel with a configurable Bot API server, readable replies and robust input.

`rasa_server.channels.telegram.TelegramChannel` in credentials.yml. Over Rasa's `TelegramInput` it adds:

- `api_base_url`: the Bot API server (https://api.telegram.org, or a self-hosted one);
- `secret_token` (optional): given to setWebhook; an update without Telegram's matching
  `X-Telegram-Bot-Api-Secret-Token` header is refused with 403;
- replies as plain text split at 4096 characters, buttons as an inline keyboard, custom
  payloads dropped in favour of the reply's text (rasa_server/channels/text.py says why);
- bad updates get a 400 (malformed JSON, no chat) or a harmless 200 (update types the bot
  does not handle), never a 500; Telegram's `/start` greets.

As in Rasa, the webhook is set once when the channel is built and every update asks getMe
whether the token still belongs to the bot named by `verify`; an update for another bot is
answered 200 (so Telegram does not resend it) and not processed.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List

from aiogram.bot.api import Methods, TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.exceptions import TelegramAPIError, ValidationError
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.texts import CHOOSE_ONE
from rasa_server.channels import guard
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
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND = re.compile(r"^/(\w+)(@\w+)?(\s.*)?$", re.DOTALL)


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

    async def set_webhook_with_secret(self, url: str, secret_token: str = "") -> bool:
        """setWebhook with the update types the bot reads and, if given, the secret token."""
        payload = {"url": url, "allowed_updates": json.dumps(ALLOWED_UPDATES)}
        if secret_token:
            payload["secret_token"] = secret_token
        return bool(await self.request(Methods.SET_WEBHOOK, payload))

    async def send_message(self, chat_id: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """aiogram's sendMessage, to the chat of a `telegram:<chat id>` conversation."""
        return await super().send_message(guard.platform_id(str(chat_id), guard.TELEGRAM), *args, **kwargs)

    async def send_photo(self, chat_id: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return await super().send_photo(guard.platform_id(str(chat_id), guard.TELEGRAM), *args, **kwargs)

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


def read_update(update: Any) -> tuple[int, str, str | None] | None:
    """(chat id, text for Rasa, callback query id) of an update; None when there is nothing to answer.

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
    if isinstance(text, str) and text.strip():
        return chat_id, command_text(text.strip()), None
    location = message.get("location")
    if isinstance(location, dict) and all(isinstance(location.get(k), (int, float)) for k in ("longitude", "latitude")):
        return chat_id, json.dumps({"lng": location["longitude"], "lat": location["latitude"]}), None
    return None  # stickers, photos, ...


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
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            api_base_url=credentials.get("api_base_url") or DEFAULT_API_BASE,
            secret_token=credentials.get("secret_token") or "",
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

    def _secret_ok(self, request: Request) -> bool:
        if not self.secret_token:
            return True
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode(), self.secret_token.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
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
                incoming = read_update(json.loads(request.body or b""))
            except (ValueError, UnicodeDecodeError) as error:
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

            if callback_id:
                try:  # stops the button's spinner; not worth failing the message for
                    await out_channel.answer_callback_query(callback_id)
                except Exception as error:
                    logger.debug("answerCallbackQuery failed: %s", error)
            conversation = guard.conversation_id(guard.TELEGRAM, chat_id)
            try:
                text = guard.message_text(text)  # the same checks as REST and the widget
                metadata = self.get_metadata(request)
                with in_flight.slot(conversation):
                    message = UserMessage(text, out_channel, conversation, input_channel=self.name(), metadata=metadata)
                    await on_new_message(message)
            except guard.Refused as refusal:
                await out_channel.send_text_message(conversation, str(refusal))
            except Exception as error:
                logger.error("Telegram message from chat %s not handled: %s", chat_id, error)
                logger.debug("details", exc_info=True)
                if self.debug_mode:
                    raise
            return response.text("success")

        return telegram_webhook
