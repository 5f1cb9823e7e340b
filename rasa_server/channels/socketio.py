"""Rasa's socketio channel for the rasa-webchat widget (web/), hardened, with cards.

Three things differ from Rasa's `SocketIOInput`:

- **Cards.** Rasa's output passes a custom payload's keys to `emit()` as keyword arguments,
  which breaks on the contract's payloads (`{"type": "assessment", ...}`). Here a payload is
  sent whole as the event's data, with the message text beside it as `body`; the widget
  draws it with the card component of web/embed.js. The assessment card holds the ranked
  causes, the triage banner, the foods and the reminder, so the foods message and the
  triage line that follow it in the same turn are not repeated as bubbles: only their
  quick replies are sent.
- **Bad input.** Data that is not an object or a message that is not text gets a polite
  answer; metadata that is not a small JSON object is dropped; the checks of
  `rasa_server.channels.guard` (length, slash commands, flooding) apply; nothing raises.
- **python-socketio 5.10+** made `enter_room` a coroutine that Rasa does not await
  (RasaHQ/rasa#13027): it is awaited here when it is one.
"""

from __future__ import annotations

import inspect
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict

import rasa.core.channels.channel
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.texts import FAILED, NEXT_PROMPT, SESSION_EXPIRED, UNREADABLE
from rasa_server.channels import guard

logger = logging.getLogger(__name__)

CARD_TYPES = {"assessment", "foods", "escalation", "explanation", "summary"}
MAX_SESSION_ID = 128


class WidgetSocketIOOutput(SocketIOOutput):
    """One per user message, so it knows what it already showed in this turn."""

    def __init__(self, sio: AsyncServer, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self.card_shown = False

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        custom = message.get("custom")
        buttons = message.get("buttons") or message.get("quick_replies") or []
        if isinstance(custom, dict) and custom.get("type") in CARD_TYPES:
            if custom["type"] == "foods" and self.card_shown:
                return  # already on the assessment card
            await self._send_message(recipient_id, {**custom, "body": message.get("text") or ""})
            self.card_shown = self.card_shown or custom["type"] == "assessment"
            if buttons:
                await self.send_text_with_buttons(recipient_id, NEXT_PROMPT, buttons)
            return
        if self.card_shown and not custom and buttons:
            # the triage line after an assessment: its banner is on the card
            await self.send_text_with_buttons(recipient_id, NEXT_PROMPT, buttons)
            return
        await super().send_response(recipient_id, message)

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, dict(json_message))


def _metadata(raw: Any) -> dict[str, Any]:
    """The widget's customData as a dict; anything unreadable or oversized is dropped."""
    try:
        return guard.metadata(raw)
    except guard.Refused:
        return {}


def _session_id(data: Dict[str, Any]) -> str | None:
    value = data.get("session_id")
    if isinstance(value, str) and 0 < len(value) <= MAX_SESSION_ID and value.isprintable():
        return value
    return None


class WidgetSocketIO(SocketIOInput):
    """`socketio` in credentials.yml, for the web widget."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def get_output_channel(self) -> rasa.core.channels.channel.OutputChannel | None:
        if self.sio is None:
            return super().get_output_channel()
        return WidgetSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # CORS is Sanic-Cors's job (rasa run --cors), so socketio's own check is off.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: Dict, auth: Dict | None) -> bool:
            if not self.jwt_key:
                return True
            token = auth.get("token") if isinstance(auth, dict) else None
            payload = token and rasa.core.channels.channel.decode_bearer_token(token, self.jwt_key, self.jwt_algorithm)
            return bool(payload)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            session_id = _session_id(data if isinstance(data, dict) else {}) or uuid.uuid4().hex
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        in_flight = guard.InFlight()

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            output = WidgetSocketIOOutput(sio, self.bot_message_evt)
            if not isinstance(data, dict):
                await output.send_text_message(sid, UNREADABLE)
                return
            if self.session_persistence:
                sender_id = _session_id(data)
                if sender_id is None:
                    logger.debug("socketio message without a valid session_id from %s", sid)
                    await output.send_text_message(sid, SESSION_EXPIRED)
                    return
            else:
                sender_id = sid
            try:
                text = guard.message_text(data.get("message"))
                with in_flight.slot(sender_id):
                    metadata = _metadata(data.get(self.metadata_key))
                    await on_new_message(UserMessage(text, output, sender_id, input_channel=self.name(), metadata=metadata))
            except guard.Refused as error:
                await output.send_text_message(sender_id, str(error))
            except Exception:  # noqa: BLE001 - the user gets an answer; the log gets the trace, not the text
                logger.exception("handling a socketio message failed (session %s)", sender_id[:16])
                await output.send_text_message(sender_id, FAILED)

        return webhook
