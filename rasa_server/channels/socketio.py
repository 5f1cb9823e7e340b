"""Rasa's socketio channel for the rasa-webchat widget (web/), hardened, with cards.

Five things differ from Rasa's `SocketIOInput`:

- **Cards.** Rasa's output passes a custom payload's keys to `emit()` as keyword arguments,
  which breaks on the contract's payloads (`{"type": "assessment", ...}`). Here a payload is
  sent whole as the event's data, with the message text beside it as `body`; the widget
  draws it with the card component of web/embed.js. The assessment card holds the ranked
  causes, the triage banner, the foods and the reminder, so the foods message and the
  triage line that follow it in the same turn are not repeated as bubbles: only their
  quick replies are sent. An interview question's place (`interview`, "question 2 of 4")
  goes just before the question, so the question stays last and keeps its quick replies.
- **Bad input.** Data that is not an object or a message that is not text gets a polite
  answer; metadata that is not a small JSON object is dropped; the checks of
  `rasa_server.channels.guard` (length, slash commands, flooding) apply; nothing raises.
- **Sessions.** The server issues the widget's session id and signs it (`Sessions`); an id
  it did not sign starts a new conversation, so nobody joins another's conversation by
  knowing its id. Conversations are `web:<id>` in the tracker store.
- **Origin.** A browser's connection from a page whose origin is not in ALLOWED_ORIGINS
  (the CORS list) is refused, for long polling and WebSocket alike; clients that send no
  Origin (servers, tests) are not browsers and are let in.
- **python-socketio 5.10+** made `enter_room` a coroutine that Rasa does not await
  (RasaHQ/rasa#13027): it is awaited here when it is one.
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import logging
import os
import secrets
import uuid
from typing import Any, Dict

import rasa.core.channels.channel
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.names import ASSESSMENT, CARDS, FOODS, INTERVIEW, WEB
from bot.texts import NEXT_PROMPT, SESSION_EXPIRED, UNREADABLE
from rasa_server.channels import guard
from rasa_server.channels.handover import OnMessage, hand_over

logger = logging.getLogger(__name__)

MAX_SESSION_ID = 128


class WidgetSocketIOOutput(SocketIOOutput):
    """One per user message, so it knows what it already showed in this turn."""

    def __init__(self, sio: AsyncServer, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self.card_shown = False

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        custom = message.get("custom")
        buttons = message.get("buttons") or message.get("quick_replies") or []
        if isinstance(custom, dict) and custom.get("type") == INTERVIEW:
            # the widget shows only the last message's quick replies: the place goes first
            await self._send_message(recipient_id, dict(custom))
            message = {key: value for key, value in message.items() if key != "custom"}
        if isinstance(custom, dict) and custom.get("type") in CARDS:
            if custom["type"] == FOODS and self.card_shown:
                return  # already on the assessment card
            await self._send_message(recipient_id, {**custom, "body": message.get("text") or ""})
            self.card_shown = self.card_shown or custom["type"] == ASSESSMENT
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


class Sessions:
    """Widget session ids issued by the server and bound to a secret only their client holds.

    An id is `<random>.<signature>`, the signature an HMAC of the random part with the key
    in SESSION_SECRET (`make run` and `make cluster` derive one per deployment; without it,
    a random key per process, so sessions end with the process). The conversation is
    `web:<random>`: a `session_request` or message with an id the server did not sign
    (someone else's conversation id, a made-up one) is never joined to a conversation.
    """

    def __init__(self, secret: str | None = None) -> None:
        secret = secret if secret is not None else os.environ.get("SESSION_SECRET", "")
        if not secret:
            logger.info("SESSION_SECRET is not set: widget sessions last as long as this process")
            secret = secrets.token_hex(32)
        self._key = secret.encode()

    def _sign(self, raw: str) -> str:
        return hmac.new(self._key, raw.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> str:
        raw = uuid.uuid4().hex
        return f"{raw}.{self._sign(raw)}"

    def conversation(self, session_id: str | None) -> str | None:
        """The tracker id of a session the server issued (`web:<random>`), else None."""
        raw, _, signature = (session_id or "").partition(".")
        if not raw or not signature or not hmac.compare_digest(signature, self._sign(raw)):
            return None
        return guard.conversation_id(WEB, raw)


class WidgetSocketIO(SocketIOInput):
    """`socketio` in credentials.yml, for the web widget."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def get_output_channel(self) -> rasa.core.channels.channel.OutputChannel | None:
        if self.sio is None:
            return super().get_output_channel()
        return WidgetSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: OnMessage) -> Blueprint:
        # CORS is Sanic-Cors's job (rasa run --cors), so socketio's own check is off.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        allowed_origins = set(os.environ.get("ALLOWED_ORIGINS", "").split())

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: Dict, auth: Dict | None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origin and allowed_origins and origin not in allowed_origins:
                logger.info("socketio connection refused: origin not in ALLOWED_ORIGINS")
                return False  # a page on another site, over polling or WebSocket alike
            if not self.jwt_key:
                return True
            token = auth.get("token") if isinstance(auth, dict) else None
            payload = token and rasa.core.channels.channel.decode_bearer_token(token, self.jwt_key, self.jwt_algorithm)
            return isinstance(payload, dict) and "exp" in payload  # a token without expiry would be good for ever

        sessions = Sessions()

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            session_id = _session_id(data if isinstance(data, dict) else {})
            if sessions.conversation(session_id) is None:
                session_id = sessions.issue()  # not one of ours: a new conversation
            if self.session_persistence:
                entered = sio.enter_room(sid, sessions.conversation(session_id), namespace=self.namespace)
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
                conversation = sessions.conversation(_session_id(data))
                if conversation is None:
                    logger.debug("socketio message without a session the server issued, from %s", sid)
                    await output.send_text_message(sid, SESSION_EXPIRED)
                    return
                sender_id = conversation
            else:
                sender_id = sid
            try:
                text = guard.message_text(data.get("message"))
                metadata = _metadata(data.get(self.metadata_key))
                message = UserMessage(text, output, sender_id, input_channel=self.name(), metadata=metadata)
                await hand_over(on_new_message, message, in_flight)
            except guard.Refused as error:
                await output.send_text_message(sender_id, str(error))

        return webhook
