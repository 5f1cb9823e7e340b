"""Loopback stand-ins for the Telegram Bot API and the Slack Web API.

Each is a small aiohttp app on a free 127.0.0.1 port, in its own thread, that answers like the
real API (for the methods the bot uses) and records every request so a test can wait for the
bot's reply. Requests with a wrong token are answered as the real APIs do and recorded as such.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from aiohttp import web

HOST = "127.0.0.1"
S = TypeVar("S", bound="StandIn")

TELEGRAM_TOKEN = "424242:stand-in-token"
TELEGRAM_BOT_NAME = "twitch_standin_bot"
TELEGRAM_SECRET = "stand-in-secret_42"
TELEGRAM_WEBHOOK_URL = "https://twitch-bot.example.invalid/webhooks/telegram/webhook"  # only ever stored
SLACK_TOKEN = "xoxb-stand-in-token"
SLACK_SIGNING_SECRET = "stand-in-signing-secret"


@dataclass
class Call:
    """One request the stand-in received."""

    method: str  # API method, e.g. sendMessage or chat.postMessage
    params: dict[str, Any]
    authorized: bool
    at: float = field(default_factory=time.monotonic)


class StandIn:
    """An aiohttp app in a background thread, recording calls."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._changed = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    def app(self) -> web.Application:
        raise NotImplementedError

    # -- lifecycle ------------------------------------------------------------------
    def start(self: S) -> S:
        sock = socket.socket()
        sock.bind((HOST, 0))
        self.port = sock.getsockname()[1]
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        async def serve() -> None:
            self._runner = web.AppRunner(self.app(), access_log=None)
            await self._runner.setup()
            await web.SockSite(self._runner, sock).start()
            ready.set()

        def run() -> None:
            assert self._loop is not None
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(serve())
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name=type(self).__name__, daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError(f"{type(self).__name__} did not start")
        return self

    def stop(self) -> None:
        if self._loop is None or self._runner is None:
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)
        self._loop.close()
        self._loop = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    # -- recording ------------------------------------------------------------------
    def record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def find(self, predicate: Callable[[Call], bool]) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if predicate(c)]

    def wait_for(self, predicate: Callable[[Call], bool], count: int = 1, timeout: float = 60) -> list[Call]:
        """The recorded calls matching `predicate`, once there are at least `count` (else AssertionError)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self.calls if predicate(c)]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    break
                self._changed.wait(remaining)
        assert len(found) >= count, f"{type(self).__name__}: {len(found)} of {count} calls after {timeout} s"
        return found


# sendChatAction's actions (core.telegram.org/bots/api#sendchataction); others are a 400 there
TELEGRAM_CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
}  # fmt: skip


class TelegramStandIn(StandIn):
    """POST /bot<token>/<method>: getMe, setWebhook, sendMessage, sendChatAction, answerCallbackQuery, ...

    `username` is what getMe answers; a test may change it to see updates refused.
    """

    def __init__(self, token: str = TELEGRAM_TOKEN, username: str = TELEGRAM_BOT_NAME) -> None:
        super().__init__()
        self.token = token
        self.username = username
        self._ids = itertools.count(1)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", r"/bot{token}/{method}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params: dict[str, Any] = dict(await request.post()) if request.can_read_body else {}
        params.update(request.query)
        authorized = token == self.token
        self.record(Call(method, params, authorized))
        if not authorized:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        name = method.lower()
        if name == "getme":
            me = {"id": int(self.token.split(":")[0]), "is_bot": True, "first_name": "Twitch", "username": self.username}
            return web.json_response({"ok": True, "result": me})
        if name == "sendmessage":
            if not str(params.get("text", "")).strip() or len(str(params["text"])) > 4096:
                return web.json_response({"ok": False, "error_code": 400, "description": "Bad Request: text"}, status=400)
            chat = {"id": int(params["chat_id"]), "type": "private"}
            message = {"message_id": next(self._ids), "date": int(time.time()), "chat": chat, "text": params["text"]}
            return web.json_response({"ok": True, "result": message})
        if name == "sendchataction" and (params.get("action") not in TELEGRAM_CHAT_ACTIONS or not params.get("chat_id")):
            return web.json_response({"ok": False, "error_code": 400, "description": "Bad Request: action"}, status=400)
        return web.json_response({"ok": True, "result": True})

    def sent_to(self, chat_id: int) -> Callable[[Call], bool]:
        return lambda c: c.authorized and c.method == "sendMessage" and c.params.get("chat_id") == str(chat_id)


class SlackStandIn(StandIn):
    """POST /api/<method>: chat.postMessage and auth.test, token in `Authorization: Bearer`."""

    def __init__(self, token: str = SLACK_TOKEN) -> None:
        super().__init__()
        self.token = token
        self._ts = itertools.count(1)

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post(r"/api/{method}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = dict(await request.post())
        authorized = request.headers.get("Authorization") == f"Bearer {self.token}"
        self.record(Call(method, params, authorized))
        if not authorized:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if method == "chat.postMessage":
            if not params.get("channel") or not (params.get("text") or params.get("blocks")):
                return web.json_response({"ok": False, "error": "no_text"})
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            return web.json_response(
                {"ok": True, "channel": params["channel"], "ts": ts, "message": {"text": params.get("text")}}
            )
        if method == "auth.test":
            return web.json_response({"ok": True, "user": "twitch", "user_id": "UBOT", "bot_id": "BBOT"})
        return web.json_response({"ok": False, "error": "unknown_method"})

    def posted_to(self, channel: str) -> Callable[[Call], bool]:
        return lambda c: c.authorized and c.method == "chat.postMessage" and c.params.get("channel") == channel


def slack_signature(body: bytes, timestamp: int, secret: str = SLACK_SIGNING_SECRET) -> str:
    """Slack's request signature: v0= HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Standins:
    telegram: TelegramStandIn
    slack: SlackStandIn

    def env(self) -> dict[str, str]:
        """The channel variables that point the Rasa server at the stand-ins."""
        return {
            "TELEGRAM_TOKEN": self.telegram.token,
            "TELEGRAM_BOT_NAME": TELEGRAM_BOT_NAME,
            "TELEGRAM_WEBHOOK_URL": TELEGRAM_WEBHOOK_URL,
            "TELEGRAM_API_BASE": self.telegram.url,
            "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
            "SLACK_TOKEN": self.slack.token,
            "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
            "SLACK_API_BASE": self.slack.api_url,
        }

    @classmethod
    def start(cls) -> Standins:
        telegram = TelegramStandIn().start()
        try:
            slack = SlackStandIn().start()
        except BaseException:
            telegram.stop()
            raise
        return cls(telegram, slack)

    def stop(self) -> None:
        self.telegram.stop()
        self.slack.stop()


def json_param(call: Call, key: str) -> Any:
    """A parameter that Telegram clients send as a JSON string (reply_markup, allowed_updates)."""
    value = call.params.get(key)
    return json.loads(value) if isinstance(value, str) else value
