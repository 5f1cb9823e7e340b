"""Rasa's Slack channel with a configurable Web API URL, readable replies and robust input.

`rasa_server.channels.slack.SlackChannel` in credentials.yml. Over Rasa's `SlackInput` it adds:

- `api_base_url`: the Slack Web API (https://slack.com/api/ or a stand-in in the tests);
- replies as text split at 3000 characters, buttons as Slack button blocks, custom
  payloads dropped in favour of the reply's text (rasa_server/channels/text.py says why);
- bad input gets a 4xx (unsigned, malformed) or a harmless 200 (events and interactions the
  bot does not handle), never a 500; the URL check answers `{"challenge": ...}`.

As in Rasa, every request must carry a valid `X-Slack-Signature` (HMAC-SHA256 of
`v0:{timestamp}:{body}` with the signing secret, timestamp within five minutes); otherwise
it is answered 400 and not processed. A message is acknowledged at once and answered in the
background through chat.postMessage.

A signed request is handled once: within Slack's five-minute window, the same request again
(same signature) is refused with 400. The signatures seen are kept in the tracker database
(`rasa_server/channels/replays.py`, table `slack_requests`), which every replica shares and which outlives a
restart; a replay to the other replica or after a restart is refused too. (The lock store's
Redis would do for replicas, but `make run` has none; the tracker database is always there.)
Without a SQL tracker store, the signatures are kept in the process.
"""

from __future__ import annotations

import logging
import os
from http import HTTPStatus
from typing import Any, Dict, List
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.names import SLACK
from bot.texts import CHOOSE_ONE
from rasa_server.channels import guard
from rasa_server.channels.handover import OnMessage, hand_over
from rasa_server.channels.replays import Handled
from rasa_server.channels.settings import OffChannel, Setting, read_settings
from rasa_server.channels.text import (
    SLACK_TEXT_LIMIT,
    TextPlatformOutput,
    TextReply,
    buttons_of,
    render,
    slack_button_blocks,
    slack_escape,
    split_text,
)

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://slack.com/api/"
# credentials.yml keys, and the variables that give them when the file does not
SETTINGS = [
    Setting("slack_token", "SLACK_TOKEN"),
    Setting("slack_signing_secret", "SLACK_SIGNING_SECRET"),
    Setting("api_base_url", "SLACK_API_BASE", required=False),
]


def _base(url: str | None) -> str:
    url = url or DEFAULT_API_BASE
    return url if url.endswith("/") else url + "/"  # slack_sdk joins method names onto it


class SlackChannelOutput(TextPlatformOutput, SlackBot):
    """Rasa's Slack output posting through `api_base_url`."""

    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        proxy: str | None = None,
        api_base_url: str = DEFAULT_API_BASE,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, base_url=_base(api_base_url), proxy=proxy)

    async def _send_reply(self, recipient_id: str, reply: TextReply) -> None:
        channel = self.slack_channel or recipient_id
        parts = split_text(reply.text, SLACK_TEXT_LIMIT) or [CHOOSE_ONE]
        for part in parts[:-1]:
            await self._post_message(channel=channel, text=slack_escape(part), mrkdwn=False)
        last = parts[-1]
        if not reply.buttons:
            await self._post_message(channel=channel, text=slack_escape(last), mrkdwn=False)
            return
        blocks = [{"type": "section", "text": {"type": "plain_text", "text": last}}, *slack_button_blocks(reply.buttons)]
        await self._post_message(channel=channel, text=slack_escape(last), mrkdwn=False, blocks=blocks)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any) -> None:
        await self._send_reply(recipient_id, TextReply(text, buttons_of({"buttons": buttons})))

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        """A payload alone is sent as its readable form (never as JSON)."""
        reply = render({"custom": json_message})
        if reply is not None:
            await self._send_reply(recipient_id, reply)


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _event_metadata(slack_event: Dict[str, Any]) -> Dict[str, Any]:
    """Rasa's metadata of an Events API request: reply channel, thread, the app's users."""
    event = slack_event.get("event") or {}
    users: List[Any] = []
    if isinstance(slack_event.get("authed_users"), list):
        users = list(slack_event["authed_users"])
    elif isinstance(slack_event.get("authorizations"), list) and slack_event["authorizations"]:
        first = slack_event["authorizations"][0]
        if isinstance(first, dict) and first.get("user_id"):
            users.append(first["user_id"])
    return {"out_channel": event.get("channel"), "thread_id": event.get("thread_ts", event.get("ts")), "users": users}


def _object(value: Any) -> Dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _interaction_metadata(payload: Dict[str, Any]) -> Dict[str, Any]:
    """Rasa's metadata of an interaction (a button click)."""
    message, channel, user = (_object(payload.get(key)) for key in ("message", "channel", "user"))
    return {
        "out_channel": channel.get("id"),
        "thread_id": message.get("thread_ts", message.get("ts")),
        "users": [user["id"]] if user.get("id") else [],
    }


REPLAY_WINDOW_S = 5 * 60  # Slack's: an older request's timestamp is refused anyway


class SlackChannel(SlackInput):
    """`rasa_server.channels.slack.SlackChannel` in credentials.yml (URL: /webhooks/slack/webhook)."""

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        """The channel from credentials.yml and the SLACK_* variables (SLACK_TOKEN,
        SLACK_SIGNING_SECRET, SLACK_API_BASE); off without the token or the signing secret."""
        credentials, missing = read_settings(credentials, SETTINGS, os.environ)
        if missing:
            return OffChannel(cls.name(), missing)
        return cls(
            credentials["slack_token"],
            slack_channel=credentials.get("slack_channel"),
            proxy=credentials.get("proxy"),
            slack_retry_reason_header=credentials.get("slack_retry_reason_header", "x-slack-retry-reason"),
            slack_retry_number_header=credentials.get("slack_retry_number_header", "x-slack-retry-num"),
            errors_ignore_retry=credentials.get("errors_ignore_retry"),
            use_threads=credentials.get("use_threads", False),
            slack_signing_secret=credentials["slack_signing_secret"],
            conversation_granularity=credentials.get("conversation_granularity", "sender"),
            api_base_url=credentials.get("api_base_url") or DEFAULT_API_BASE,
        )

    def __init__(self, slack_token: str, *args: Any, api_base_url: str = DEFAULT_API_BASE, **kwargs: Any) -> None:
        super().__init__(slack_token, *args, **kwargs)
        self.api_base_url = _base(api_base_url)
        self._in_flight = guard.InFlight()
        self._handled = Handled("slack_requests", REPLAY_WINDOW_S)  # the signatures of the requests handled

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel:
        return SlackChannelOutput(self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_base_url)

    def blueprint(self, on_new_message: OnMessage) -> Blueprint:
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return response.text(
                    "Message is not properly signed with a valid X-Slack-Signature header", status=HTTPStatus.BAD_REQUEST
                )
            kind = _media_type(request)
            try:
                if kind == "application/json":
                    return await self._on_event(request, on_new_message)
                if kind == "application/x-www-form-urlencoded":
                    return await self._on_interaction(request, on_new_message)
            except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError) as error:
                logger.info("malformed Slack request: %s", type(error).__name__)
                return response.text("malformed request", status=HTTPStatus.BAD_REQUEST)
            return response.text("unsupported content type", status=HTTPStatus.UNSUPPORTED_MEDIA_TYPE)

        return slack_webhook

    def is_request_from_slack_authentic(self, request: Request) -> bool:
        if not super().is_request_from_slack_authentic(request):
            return False
        if not self._handled.first_time(request, request.headers.get("X-Slack-Signature", "")):
            logger.info("Slack request refused: a replay of a request already handled")
            return False
        return True

    def _get_conversation_id(self, sender_id: str | None, channel_id: str | None, thread_id: str | None) -> str | None:
        """Rasa's id (per user, channel or thread), namespaced: `slack:U123...`."""
        conversation = super()._get_conversation_id(sender_id, channel_id, thread_id)
        return guard.conversation_id(SLACK, conversation) if conversation else None

    async def process_message(  # type: ignore[override]
        self,
        request: Request,
        on_new_message: OnMessage,
        text: str,
        sender_id: str | None,
        metadata: Dict[str, Any] | None,
    ) -> Any:
        """The same checks as REST and the widget first: length, slash text read as words, and
        at most `guard.MAX_IN_FLIGHT` messages of one conversation handled at once. Rasa hands
        the message over in the background, after Slack has its 200: any answer, a refusal or
        the apology, goes out through chat.postMessage."""
        try:
            text = guard.message_text(text)
        except guard.Refused as refusal:
            channel = (metadata or {}).get("out_channel")
            await self.get_output_channel(channel, (metadata or {}).get("thread_id")).send_text_message(
                sender_id or "", str(refusal)
            )
            return response.text("")

        async def handled(message: UserMessage) -> None:
            try:
                await hand_over(on_new_message, message, self._in_flight)
            except guard.Refused as refusal:
                await message.output_channel.send_text_message(message.sender_id, str(refusal))

        return await super().process_message(request, handled, text, sender_id, metadata)

    async def _on_event(self, request: Request, on_new_message: OnMessage) -> HTTPResponse:
        body = guard.json_body(request.body, "An event")
        if not isinstance(body, dict):
            raise ValueError("an event is a JSON object")
        if "challenge" in body:  # Slack checks the request URL
            return response.json({"challenge": str(body["challenge"])})
        event = body.get("event")
        if not isinstance(event, dict):
            return response.text("no event")
        text, user = event.get("text"), event.get("user")
        if event.get("subtype") or not isinstance(text, str) or not isinstance(user, str) or not self._is_user_message(body):
            return response.text("Bot message delivered.")  # edits, joins, the bot's own messages
        metadata = _event_metadata(body)
        if not self._is_supported_channel(body, metadata):
            logger.info("Slack message in a channel the bot does not serve")
            return response.text("channel not supported.")
        conversation_id = self._get_conversation_id(user, metadata["out_channel"], metadata["thread_id"])
        if len(text) <= guard.MAX_CHARS:  # longer: refused as it came, like on every other channel
            text = self._sanitize_user_message(text, metadata["users"])
        return await self.process_message(request, on_new_message, text=text, sender_id=conversation_id, metadata=metadata)

    async def _on_interaction(self, request: Request, on_new_message: OnMessage) -> HTTPResponse:
        form = parse_qs(request.body.decode("utf-8"), strict_parsing=False)
        payload = guard.json_body(form["payload"][0], "An interaction payload")
        if not isinstance(payload, dict):
            raise ValueError("an interaction payload is a JSON object")
        actions = payload.get("actions")
        user = _object(payload.get("user"))
        if not (isinstance(actions, list) and actions and isinstance(actions[0], dict)) or not isinstance(user.get("id"), str):
            return response.text("interaction ignored")
        if not self._is_interactive_message(payload):
            return response.text("interaction ignored")
        text = self._get_interactive_response(actions[0])
        if not isinstance(text, str) or not text:
            return response.text("interaction ignored")  # e.g. a link button
        metadata = _interaction_metadata(payload)
        conversation_id = self._get_conversation_id(user["id"], metadata["out_channel"], metadata["thread_id"])
        return await self.process_message(request, on_new_message, text, conversation_id, metadata)
