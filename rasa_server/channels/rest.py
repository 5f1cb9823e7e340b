"""Rasa's REST channel (`/webhooks/rest/webhook`) with the checks of `rasa_server.channels.guard`.

It needs the HTTP API's token or a JWT for the sender (`_unauthorized`). Rasa's own one
answers a body that is not a JSON object with a 500, turns a missing
`message` into an empty reply, puts every request without a sender into one shared
conversation, logs the message text when handling fails, and never ends a stream whose
message could not be handled. Here a bad request gets a 4xx with a JSON `error`, and a
failure while handling gets a polite answer.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel, RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_server import hooks as rasa_hooks
from rasa_server.channels import guard
from rasa_server.channels.handover import OnMessage, hand_over


def _refusal(error: guard.Refused) -> HTTPResponse:
    return response.json({"error": str(error)}, status=error.status)


def _parse(request: Request) -> tuple[str, str, dict[str, Any]]:
    try:
        body = json.loads(request.body or b"")
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise guard.Refused("The body must be a JSON object with 'sender' and 'message'.") from None
    if not isinstance(body, dict):
        raise guard.Refused("The body must be a JSON object with 'sender' and 'message'.")
    sender = guard.sender_id(body.get("sender"))
    return sender, guard.message_text(body.get("message")), guard.metadata(body.get("metadata"))


async def _unauthorized(request: Request, sender: str) -> HTTPResponse | None:
    """None if the request may speak as `sender`, else the 401 to send.

    The REST webhook is for trusted integrations (the widget, Telegram and Slack have their
    own channels): it takes the HTTP API's token (`?token=`) or a JWT, an admin's or one whose
    user is `sender` (Rasa's own check, `rasa.server.requires_auth`). A server started without
    a token or a JWT secret (plain `rasa run`) leaves it open, as Rasa's API is then.
    """
    from rasa.server import ErrorResponse, requires_auth

    token = rasa_hooks.api_auth_token(request.app)
    if token is None and not request.app.config.get("USE_JWT"):
        return None

    async def allowed(request: Request, conversation_id: str) -> HTTPResponse:
        return response.empty()

    try:
        await requires_auth(request.app, token)(allowed)(request, conversation_id=sender)
    except ErrorResponse as error:
        return response.json({"error": error.error_info.get("message") or "Not authenticated."}, status=error.status)
    return None


class GuardedRest(RestInput):
    """`rest` in credentials.yml."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: OnMessage) -> Blueprint:
        webhook = Blueprint("custom_webhook_GuardedRest", __name__)
        in_flight = guard.InFlight()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Any:
            try:
                sender, text, metadata = _parse(request)
            except guard.Refused as error:
                return _refusal(error)
            if (refused := await _unauthorized(request, sender)) is not None:
                return refused
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                stream = self._stream(on_new_message, in_flight, sender, text, metadata)
                return response.stream(stream, content_type="text/event-stream")
            collector = CollectingOutputChannel()
            try:
                message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
                await hand_over(on_new_message, message, in_flight)
            except guard.Refused as error:
                return _refusal(error)
            return response.json(collector.messages)

        return webhook

    def _stream(self, on_new_message: OnMessage, in_flight: guard.InFlight, sender: str, text: str, metadata: dict) -> Any:
        async def stream(resp: Any) -> None:
            queue: asyncio.Queue = asyncio.Queue()

            async def handle() -> None:
                message = UserMessage(text, QueueOutputChannel(queue), sender, input_channel=self.name(), metadata=metadata)
                try:
                    await hand_over(on_new_message, message, in_flight)
                except guard.Refused as error:
                    await queue.put({"recipient_id": sender, "text": str(error)})
                finally:
                    await queue.put("DONE")

            task = asyncio.ensure_future(handle())
            while (item := await queue.get()) != "DONE":
                await resp.write(json.dumps(item) + "\n")
            await task

        return stream
