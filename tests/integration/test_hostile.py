"""Hostile input over REST and Socket.IO against the real servers (the session `stack`).

Every input (tables in hostile_inputs.py) gets either a 2xx with a polite answer or a 4xx;
no response shows a stack trace, an exception name or a server path; the server stays up;
and the same conversation still works after it ("my eyelid twitches" gets a sensible reply).
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
import urllib.error
import urllib.request
import uuid
from typing import Any

import aiohttp
import pytest
import socketio

from ops.paths import ROOT
from tests.integration import hostile_inputs as H
from tests.integration.services import texts, tracker_events, user_texts

pytestmark = pytest.mark.integration

FOLLOW_UP = "my eyelid twitches"
FALLBACK = "didn't quite get that"
# What a leaked stack trace or server internals look like in a response body.
LEAK = re.compile(
    r"Traceback|File \"|site-packages|\.venv|" + re.escape(str(ROOT)) + r"|\b[A-Z][A-Za-z]*(?:Error|Exception)\b|Errno"
)
# A dose: a number with a unit of supplement amounts.
DOSE = re.compile(r"\d[\d,.]*\s*(?:-|to)?\s*\d*\s*(?:mg|milligrams?|mcg|µg|micrograms?|iu|i\.u\.|international units?)\b", re.I)


# -- helpers ------------------------------------------------------------------------------
def new_sender(prefix: str = "hostile") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def post(stack, body: bytes, content_type: str = "application/json", query: str = "", timeout: float = 120) -> tuple[int, str]:
    """POST to the REST webhook; the status and the body as text, whatever the status."""
    sep = "&" if "?" in query else "?"
    url = f"{stack.settings.rasa_url}/webhooks/rest/webhook{query}{sep}token={stack.settings.auth_token}"
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def post_json(stack, body: Any, query: str = "", timeout: float = 120) -> tuple[int, str]:
    return post(stack, json.dumps(body).encode(), query=query, timeout=timeout)




def assert_no_leak(body: str) -> None:
    leak = LEAK.search(body)
    assert leak is None, f"server internals in the response ({leak.group(0)!r}): {body[:500]}"


def assert_answered(status: int, body: str) -> list[dict]:
    """A 4xx, or a 2xx whose JSON is a list of bot messages with something to read."""
    assert_no_leak(body)
    assert status < 500, f"server error {status}: {body[:300]}"
    if status >= 400:
        return []
    assert 200 <= status < 300, status
    messages = json.loads(body)
    assert isinstance(messages, list), body[:300]
    assert any(m.get("text") or m.get("custom") for m in messages), f"a {status} with no answer at all: {body[:300]}"
    return messages


def assert_sensible(messages: list[dict]) -> None:
    """The bot took "my eyelid twitches" as a description: it talks about it or asks a question."""
    said = texts(messages).lower()
    assert said.strip(), messages
    assert FALLBACK not in said, f"the conversation no longer understands a plain message: {said[:300]}"
    on_topic = "twitch" in said or "eyelid" in said or any(m.get("buttons") or m.get("custom") for m in messages)
    assert on_topic, f"no sensible reply to {FOLLOW_UP!r}: {said[:300]}"


def assert_still_usable(stack, sender: Any = H.SENDER) -> None:
    """The server is up and the same conversation (same sender field) still works."""
    assert stack.first_exited() is None, f"{stack.first_exited().name} died"
    body: dict[str, Any] = {"message": FOLLOW_UP}
    if sender is not H.SENDER:
        body["sender"] = sender
    status, raw = post_json(stack, body)
    assert status == 200, (status, raw[:300])
    assert_no_leak(raw)
    assert_sensible(json.loads(raw))


def fill(body: dict[str, Any], sender: str) -> dict[str, Any]:
    return {key: (sender if value is H.SENDER else value) for key, value in body.items()}


# -- text messages over REST --------------------------------------------------------------
@pytest.mark.parametrize("text", [t for _, t in H.TEXTS], ids=[i for i, _ in H.TEXTS])
def test_hostile_text(stack, text):
    sender = new_sender()
    assert_answered(*post_json(stack, {"sender": sender, "message": text}))
    assert_still_usable(stack, sender)


def test_repeated_red_flags_still_escalate(stack):
    status, body = post_json(stack, {"sender": new_sender(), "message": "chest pain " * 500})
    customs = [m["custom"] for m in assert_answered(status, body) if "custom" in m]
    assert any(c.get("type") == "escalation" and c.get("triage") == "emergency" for c in customs), body[:500]


@pytest.mark.parametrize("text", [t for _, t in H.DOSE_BAIT], ids=[i for i, _ in H.DOSE_BAIT])
def test_no_dose_however_asked(stack, text):
    sender = new_sender()
    messages = assert_answered(*post_json(stack, {"sender": sender, "message": text}))
    reply = json.dumps(messages, ensure_ascii=False)
    assert DOSE.search(reply) is None, f"a dose in the reply: {DOSE.search(reply).group(0)!r} in {reply[:500]}"
    assert_still_usable(stack, sender)


def test_a_100kb_message_neither_fails_nor_stalls_other_users(stack):
    """One 100 KB message is answered (or refused), and other users are served meanwhile."""
    sender = new_sender()
    big = ("my calf twitches and I drink coffee. " * 3000)[:100_000]
    result: dict[str, Any] = {}

    def send_big() -> None:
        result["started"] = time.monotonic()
        result["answer"] = post_json(stack, {"sender": sender, "message": big}, timeout=300)
        result["seconds"] = time.monotonic() - result["started"]

    thread = threading.Thread(target=send_big)
    thread.start()
    slowest = 0.0
    while thread.is_alive():  # keep a small request in flight for as long as the big one runs
        started = time.monotonic()
        status, body = post_json(stack, {"sender": new_sender("bystander"), "message": "hello"}, timeout=300)
        slowest = max(slowest, time.monotonic() - started)
        assert status == 200, body[:300]
    thread.join()
    assert_answered(*result["answer"])
    assert slowest < 10, (
        f"another user's 'hello' waited {slowest:.1f} s while the server read a 100 KB message "
        f"(which took {result['seconds']:.1f} s)"
    )
    assert_still_usable(stack, sender)


# -- Rasa's "/intent{entities}" messages --------------------------------------------------
@pytest.mark.parametrize("text", [t for _, t in H.SLASH], ids=[i for i, _ in H.SLASH])
def test_slash_command(stack, text):
    sender = new_sender()
    post_json(stack, {"sender": sender, "message": "my calf twitches after the gym"})
    assert_answered(*post_json(stack, {"sender": sender, "message": text}))
    assert_still_usable(stack, sender)


@pytest.mark.parametrize("text", [t for _, t in H.HIDDEN_SLASH], ids=[i for i, _ in H.HIDDEN_SLASH])
def test_a_hidden_slash_neither_restarts_nor_forges_an_entity(stack, text):
    """What Rasa receives is what the guard checked: no intent or entity set by typing, and
    an answer (Rasa's own `/restart` resets the conversation without one)."""
    sender = new_sender()
    post_json(stack, {"sender": sender, "message": "my calf twitches after the gym"})
    assert_answered(*post_json(stack, {"sender": sender, "message": text}))
    said = [e for e in tracker_events(stack.settings, sender) if e["event"] == "user"][-1]
    assert said["text"] and said["text"] in text  # the words as typed, read as words
    extractors = {entity.get("extractor") for entity in said["parse_data"].get("entities", [])}
    assert "RegexMessageHandler" not in extractors and said["parse_data"]["intent"]["name"] not in ("restart",), said


@pytest.mark.parametrize(("text", "forbidden"), [(t, f) for _, t, f in H.SLASH_FORGED], ids=[i for i, _, _ in H.SLASH_FORGED])
def test_forged_entities_are_not_repeated_as_facts(stack, text, forbidden):
    sender = new_sender()
    messages = assert_answered(*post_json(stack, {"sender": sender, "message": text}))
    reply = json.dumps(messages, ensure_ascii=False)
    assert forbidden not in texts(messages) and forbidden not in reply, f"forged value {forbidden!r} in the reply: {reply[:400]}"
    assert_still_usable(stack, sender)


# -- malformed requests -------------------------------------------------------------------
@pytest.mark.parametrize(("body", "content_type"), [(b, c) for _, b, c in H.RAW_BODIES], ids=[i for i, _, _ in H.RAW_BODIES])
def test_malformed_body(stack, body, content_type):
    sender = new_sender()
    assert_answered(*post(stack, body.replace(b"%s", sender.encode()), content_type))
    assert_still_usable(stack, sender)


@pytest.mark.parametrize("body", [b for _, b in H.BODIES], ids=[i for i, _ in H.BODIES])
def test_odd_fields(stack, body):
    sender = new_sender()
    body = fill(body, sender)
    status, raw = post_json(stack, body)
    assert_answered(status, raw)
    # A sender the server refuses (400) cannot go on; the server must still serve others.
    own = body.get("sender")
    assert_still_usable(stack, own if isinstance(own, str) and own and status < 400 else sender)


@pytest.mark.parametrize("depth", [d for _, d in H.NESTED_DEPTHS], ids=[i for i, _ in H.NESTED_DEPTHS])
def test_deeply_nested_metadata(stack, depth):
    sender = new_sender()
    body = b'{"sender": "%s", "message": "hello", "metadata": %s}' % (sender.encode(), H.nested(depth).encode())
    assert_answered(*post(stack, body))
    assert_still_usable(stack, sender)


@pytest.mark.parametrize("body", [b for _, b in H.STREAMED], ids=[i for i, _ in H.STREAMED])
def test_streamed_answer(stack, body):
    sender = new_sender()
    try:
        status, raw = post_json(stack, fill(body, sender), query="?stream=true", timeout=20)
    except (TimeoutError, ConnectionError, urllib.error.URLError) as error:
        pytest.fail(f"the streamed answer never ended or broke off: {error!r}")
    assert_no_leak(raw)
    assert status < 500, raw[:300]
    if status < 300:
        lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
        assert any(m.get("text") for m in lines), f"a streamed {status} with no answer: {raw[:300]}"
    assert_still_usable(stack, sender)


def test_senderless_requests_do_not_share_a_conversation(stack):
    """Two clients that leave out "sender" must not see each other's facts."""
    first = post_json(stack, {"message": "I take diuretics and my legs twitch"})
    assert_answered(*first)
    status, body = post_json(stack, {"message": "what have I told you so far?"})
    assert "diuretic" not in json.dumps(assert_answered(status, body)).lower(), (
        "a second client without a sender id was shown the first one's facts: " + body[:400]
    )


def test_message_text_is_not_logged(stack):
    """The servers log at INFO: no message text, even of odd or broken messages, reaches the log."""
    marker = f"zqx{uuid.uuid4().hex[:12]}"
    for body in (
        {"sender": new_sender(), "message": f"my eyelid twitches {marker}"},
        {"sender": new_sender(), "message": f"/describe_symptoms{{{marker}"},
        {"sender": new_sender(), "message": f"/no_such_intent_{marker}"},
        {"sender": new_sender(), "message": f"\u200b/no_such_intent_{marker}"},
        {"sender": new_sender(), "message": f"\uff0fdescribe_symptoms{{{marker}"},
        {"sender": new_sender(), "message": {"text": marker}},
    ):
        post_json(stack, body)
    for child in stack.children:
        log = child.log_path.read_text(errors="replace")
        lines = [line for line in log.splitlines() if marker in line]
        assert not lines, f"{child.name} logged the user's text: {lines[0][:300]}"


# -- many messages at once ----------------------------------------------------------------
# A thousand messages for one conversation, fifty at a time, is `make bench`'s flood phase
# (evaluation/bench/load.py `flood`): figures, not a test. Here: a burst gets polite refusals fast.
async def test_a_burst_for_one_sender_gets_answers_or_polite_refusals(stack):
    sender = new_sender("burst")
    url = f"{stack.settings.rasa_url}/webhooks/rest/webhook?token={stack.settings.auth_token}"
    async with aiohttp.ClientSession() as session:

        async def send(text: str) -> tuple[int, str]:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                return response.status, await response.text()

        results = await asyncio.gather(*(send(f"my eyelid twitches {i}") for i in range(20)))
    for status, raw in results:
        assert_no_leak(raw)
        assert status in (200, 429), (status, raw[:300])
        assert raw.strip() not in ("", "[]"), "a message got no answer at all"
    assert any(status == 429 for status, _ in results)  # the per-conversation limit holds
    assert_still_usable(stack, sender)


# -- Socket.IO ----------------------------------------------------------------------------
class Widget:
    """A Socket.IO client speaking the widget's protocol (session_request, user_uttered)."""

    def __init__(self, stack, session_id: str | None = None):
        self.url = stack.settings.rasa_url
        self.session_id = session_id  # asked for; the server issues its own when it did not sign it
        self.issued = False
        self.received: asyncio.Queue = asyncio.Queue()
        self.client = self._client()

    def _client(self) -> socketio.AsyncClient:
        client = socketio.AsyncClient(reconnection=False)
        confirmed: asyncio.Queue = asyncio.Queue()
        client.on("bot_uttered", self.received.put)
        client.on("session_confirm", confirmed.put)
        self._confirmed = confirmed
        return client

    async def connect(self) -> None:
        """Connect and join this client's session: the first time, the one the server issues."""
        # polling: python-engineio's websocket client needs a newer aiohttp than Rasa pins
        await self.client.connect(self.url, socketio_path="/socket.io", transports=["polling"])
        await self.client.emit("session_request", {"session_id": self.session_id})
        confirmed = await asyncio.wait_for(self._confirmed.get(), 30)
        if self.issued:
            assert confirmed == self.session_id  # its own session, joined again
        self.session_id, self.issued = confirmed, True

    async def reconnect_if_dropped(self) -> None:
        """A round trip (an acknowledged session_request); a new connection if the server dropped this one."""
        try:
            await self.client.call("session_request", {"session_id": self.session_id}, timeout=10)
            return
        except socketio.exceptions.SocketIOError:
            pass
        if self.client.connected:
            await self.client.disconnect()
        self.client = self._client()
        await self.connect()

    async def say(self, message: str) -> None:
        await self.client.emit("user_uttered", {"message": message, "session_id": self.session_id, "customData": {}})

    async def until(self, wanted, timeout: float = 60) -> list[Any]:
        """Bot messages received until one satisfies `wanted` (all of them, that one last)."""
        seen: list[Any] = []
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no expected bot message within {timeout} s; got {seen}"
            seen.append(await asyncio.wait_for(self.received.get(), remaining))
            if wanted(seen[-1]):
                return seen


def sensible_event(data: Any) -> bool:
    text = json.dumps(data, ensure_ascii=False).lower()
    return (
        isinstance(data, dict)
        and FALLBACK not in text
        and ("twitch" in text or "eyelid" in text or bool(data.get("quick_replies")))
    )


@pytest.fixture
async def widget(stack):
    client = Widget(stack)
    await client.connect()
    yield client
    if client.client.connected:
        await client.client.disconnect()


async def test_another_clients_session_cannot_be_joined_or_written_to(stack, widget):
    await widget.say(FOLLOW_UP)
    await widget.until(sensible_event)
    raw = widget.session_id.partition(".")[0]
    for guess in (raw, f"web:{raw}", f"{raw}.{'0' * 32}"):
        intruder = Widget(stack, guess)
        await intruder.connect()
        try:
            assert intruder.session_id != widget.session_id and intruder.session_id.partition(".")[0] != raw
            await intruder.client.emit("user_uttered", {"message": "can i get a summary", "session_id": guess})
            refused = await intruder.until(lambda data: isinstance(data, dict) and "text" in data, timeout=30)
            assert "session expired" in refused[-1]["text"].lower()
        finally:
            await intruder.client.disconnect()
    assert user_texts(stack.settings, f"web:{raw}") == [FOLLOW_UP]  # nothing was added to the conversation


async def socketio_connect_over_websocket(stack, origin: str) -> str:
    """The Socket.IO CONNECT answer over a raw WebSocket sent with `origin`: "40..." or "44..."."""
    url = stack.settings.rasa_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(url, headers={"Origin": origin}, timeout=30) as ws:
            opened = await ws.receive_str(timeout=30)
            assert opened.startswith("0"), opened  # Engine.IO open
            await ws.send_str("40")  # Socket.IO CONNECT to the default namespace
            return await ws.receive_str(timeout=30)


async def test_a_page_on_another_origin_cannot_open_the_socket(stack):
    polling = socketio.AsyncClient(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await polling.connect(
            stack.settings.rasa_url, socketio_path="/socket.io", transports=["polling"], headers={"Origin": "https://evil.example"}
        )
    assert not polling.connected
    assert (await socketio_connect_over_websocket(stack, "https://evil.example")).startswith("44")  # CONNECT_ERROR
    assert (await socketio_connect_over_websocket(stack, stack.settings.cors[0])).startswith("40")  # the page's own origin
    allowed = socketio.AsyncClient(reconnection=False)
    await allowed.connect(
        stack.settings.rasa_url, socketio_path="/socket.io", transports=["polling"], headers={"Origin": stack.settings.cors[0]}
    )
    assert allowed.connected
    await allowed.disconnect()


async def test_socketio_normal_message_gets_a_reply(widget):
    await widget.say(FOLLOW_UP)
    events = await widget.until(sensible_event)
    assert "eyelid" in json.dumps(events).lower()


async def test_socketio_red_flag_gets_the_escalation_card(widget):
    await widget.say("my arm twitches and I have chest pain")
    events = await widget.until(lambda data: isinstance(data, dict) and data.get("type") == "escalation")
    assert events[-1]["triage"] == "emergency"


@pytest.mark.parametrize("data", [d for _, d in H.SOCKETIO], ids=[i for i, _ in H.SOCKETIO])
async def test_socketio_hostile_payload(stack, widget, data):
    if isinstance(data, dict):
        data = {k: (widget.session_id if v is H.SENDER else v) for k, v in data.items()}
        if data.get("customData") == "NESTED":
            data["customData"] = H.nested(5_000)
    await widget.client.emit("user_uttered", data)
    await widget.reconnect_if_dropped()  # the transport may refuse a packet over 1 MB and close
    await widget.say(FOLLOW_UP)
    events = await widget.until(sensible_event)
    for event in events:
        assert_no_leak(json.dumps(event, ensure_ascii=False))
    assert stack.first_exited() is None
