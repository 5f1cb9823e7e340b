"""Telegram and Slack through the real Rasa server, against loopback stand-ins of their APIs.

Each platform conversation is played side by side with the same conversation over REST: the
platform must show the same texts and buttons the REST channel returns, as plain readable
text (never a payload's JSON), split only at the platform's limits.
"""

from __future__ import annotations

import contextlib
import html
import json
import signal
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Iterator

import pytest

from bot.knowledge.table import default_kb
from ops.launcher import rest_send
from rasa_server.channels.text import SLACK_TEXT_LIMIT, TELEGRAM_TEXT_LIMIT, split_text, utf16_len
from tests.integration.services import customs, restart_rasa, user_texts, wait_until
from tests.integration.standins import (
    TELEGRAM_BOT_NAME,
    TELEGRAM_SECRET,
    TELEGRAM_WEBHOOK_URL,
    Call,
    SlackStandIn,
    TelegramStandIn,
    json_param,
    slack_signature,
)

pytestmark = pytest.mark.integration

DESCRIPTION = "my eyelid has been twitching for a week and I drink 5 coffees a day"


# -- helpers -----------------------------------------------------------------------------
def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def shown(messages: list[dict]) -> list[dict]:
    """The REST messages a user sees as text: [{"text", "buttons": [(title, payload)]}]."""
    return [
        {"text": m["text"], "buttons": [(b["title"], b["payload"]) for b in m.get("buttons") or []]}
        for m in messages
        if m.get("text")
    ]


def assert_readable(text: str) -> None:
    assert text.strip()
    assert not text.lstrip().startswith(("{", "[")) and '"type":' not in text, f"raw payload sent to a user: {text[:200]}"


def assert_same_as_rest(expected: list[dict], got: list[dict], limit: int, measure=len) -> None:
    """The platform messages show the REST texts in order (split at `limit` when longer) and their buttons."""
    want_texts = [part for m in expected for part in split_text(m["text"], limit, measure)]
    assert [g["text"] for g in got] == want_texts
    assert all(measure(g["text"]) <= limit for g in got)
    for g in got:
        assert_readable(g["text"])
    want_buttons = [m["buttons"] for m in expected if m["buttons"]]
    assert [g["buttons"] for g in got if g["buttons"]] == want_buttons


class Conversation:
    """One user talking on a platform, and the same user over REST for the expected replies."""

    limit = 0

    def __init__(self, stack) -> None:
        self.stack = stack
        self.rest_sender = f"rest-{uuid.uuid4().hex[:10]}"
        self.seen = 0

    def deliver(self, text: str, is_button: bool) -> None:
        raise NotImplementedError

    def received(self, count: int) -> list[dict]:
        raise NotImplementedError

    def measure(self, text: str) -> int:
        return len(text)

    def turn(self, text: str, button: bool = False) -> tuple[list[dict], list[dict]]:
        """Say `text` (or press a button with that payload) on both; return (REST messages, platform messages)."""
        rest = rest_send(self.stack.settings, self.rest_sender, text)
        expected = shown(rest)
        count = sum(len(split_text(m["text"], self.limit, self.measure)) for m in expected)
        self.deliver(text, button)
        got = self.received(self.seen + count)[self.seen :]
        self.seen += count
        assert_same_as_rest(expected, got, self.limit, self.measure)
        return rest, got


class TelegramChat(Conversation):
    limit = TELEGRAM_TEXT_LIMIT

    def __init__(self, stack, api: TelegramStandIn) -> None:
        super().__init__(stack)
        self.api = api
        self.chat_id = int(uuid.uuid4().int % 10**9) + 10**9
        self.update_id = 0

    def measure(self, text: str) -> int:
        return utf16_len(text)

    def update(self, text: str, is_button: bool = False) -> dict:
        self.update_id += 1
        chat = {"id": self.chat_id, "type": "private", "first_name": "Sam"}
        if is_button:
            bot_message = {"message_id": 1, "date": int(time.time()), "chat": chat, "text": "question"}
            query = {
                "id": f"q{self.update_id}",
                "from": {"id": self.chat_id, "is_bot": False},
                "message": bot_message,
                "data": text,
            }
            return {"update_id": self.update_id, "callback_query": query}
        message = {"message_id": self.update_id, "date": int(time.time()), "chat": chat, "text": text}
        return {"update_id": self.update_id, "message": message}

    def send(self, body: Any, secret: str | None = TELEGRAM_SECRET, raw: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        data = raw if raw is not None else json.dumps(body).encode()
        return post(f"{self.stack.settings.rasa_url}/webhooks/telegram/webhook", data, headers)

    def deliver(self, text: str, is_button: bool) -> None:
        status, body = self.send(self.update(text, is_button))
        assert (status, body) == (200, b"success")

    def received(self, count: int) -> list[dict]:
        calls = self.api.wait_for(self.api.sent_to(self.chat_id), count)
        return [telegram_message(c) for c in calls]


def telegram_message(call: Call) -> dict:
    markup = json_param(call, "reply_markup") or {}
    buttons = [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]
    return {"text": call.params["text"], "buttons": buttons}


class SlackDM(Conversation):
    limit = SLACK_TEXT_LIMIT

    def __init__(self, stack, api: SlackStandIn) -> None:
        super().__init__(stack)
        self.api = api
        self.user = f"U{uuid.uuid4().hex[:9].upper()}"
        self.channel = f"D{uuid.uuid4().hex[:9].upper()}"

    def event(self, text: str) -> dict:
        ts = f"{time.time():.6f}"
        return {
            "type": "event_callback",
            "team_id": "T0STANDIN",
            "api_app_id": "A0STANDIN",
            "event_id": f"Ev{uuid.uuid4().hex[:10]}",
            "authorizations": [{"user_id": "UBOT", "is_bot": True}],
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": self.channel,
                "user": self.user,
                "text": text,
                "ts": ts,
            },
        }

    def click(self, value: str) -> bytes:
        payload = {
            "type": "block_actions",
            "user": {"id": self.user},
            "channel": {"id": self.channel},
            "message": {"ts": f"{time.time():.6f}"},
            "actions": [{"type": "button", "action_id": "button_0", "value": value}],
        }
        return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()

    def send(
        self, body: bytes, content_type: str = "application/json", timestamp: int | None = None, signature: str | None = None
    ):
        ts = int(time.time()) if timestamp is None else timestamp
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": signature if signature is not None else slack_signature(body, ts),
        }
        return post(f"{self.stack.settings.rasa_url}/webhooks/slack/webhook", body, headers)

    def deliver(self, text: str, is_button: bool) -> None:
        if is_button:
            status, _ = self.send(self.click(text), "application/x-www-form-urlencoded")
        else:
            status, _ = self.send(json.dumps(self.event(text)).encode())
        assert status == 200

    def received(self, count: int) -> list[dict]:
        return [slack_message(c) for c in self.api.wait_for(self.api.posted_to(self.channel), count)]


def slack_message(call: Call) -> dict:
    params = call.params
    text = html.unescape(params["text"])
    buttons = []
    for block in params.get("blocks") or []:
        if block["type"] == "section":
            assert block["text"] == {"type": "plain_text", "text": text}  # the visible text is the same
        if block["type"] == "actions":
            buttons += [(e["text"]["text"], e["value"]) for e in block["elements"] if e["type"] == "button"]
    return {"text": text, "buttons": buttons}


@pytest.fixture
def telegram(stack, standins) -> TelegramChat:
    return TelegramChat(stack, standins.telegram)


@pytest.fixture
def slack(stack, standins) -> SlackDM:
    return SlackDM(stack, standins.slack)


def play_to_assessment(chat: Conversation) -> str:
    """Describe the twitching, answer "don't know" (its button when there is one) until the assessment.

    Returns everything the platform showed; checks that every cause of the assessment payload
    (which the platform never receives) is named in it.
    """
    rest, got = chat.turn(DESCRIPTION)
    shown_texts = [m["text"] for m in got]
    for _ in range(5):
        assessment = next((m["custom"] for m in rest if m.get("custom", {}).get("type") == "assessment"), None)
        if assessment is not None:
            break
        dont_know = [payload for m in got for _, payload in m["buttons"] if payload == "/dont_know"]
        rest, got = chat.turn("/dont_know", button=True) if dont_know else chat.turn("I don't know")
        shown_texts += [m["text"] for m in got]
    else:
        pytest.fail(f"no assessment after five answers: {rest}")
    text = "\n".join(shown_texts)
    kb = default_kb()
    for cause in assessment["causes"]:
        assert kb.causes[cause["id"]].name in text
    assert "can't diagnose" in text  # the closing triage message
    assert any(title == "Why?" for m in got for title, _ in m["buttons"])  # with the follow-up buttons
    return text


# -- Telegram ----------------------------------------------------------------------------
def test_telegram_webhook_is_set_with_the_configured_url_and_secret(stack, standins):
    calls = standins.telegram.find(lambda c: c.method == "setWebhook")
    assert calls and all(c.authorized for c in calls)
    assert calls[-1].params["url"] == TELEGRAM_WEBHOOK_URL
    assert calls[-1].params["secret_token"] == TELEGRAM_SECRET
    assert "callback_query" in json_param(calls[-1], "allowed_updates")


def test_telegram_description_gets_the_bots_text_and_an_inline_keyboard(telegram):
    rest, got = telegram.turn(DESCRIPTION)
    assert got[0]["text"].startswith("Here is what I understood") and "caffeine" in got[0]["text"]
    assert got[-1]["buttons"], "the interview question comes with its quick replies as inline buttons"
    calls = telegram.api.find(telegram.api.sent_to(telegram.chat_id))
    assert {c.params["chat_id"] for c in calls} == {str(telegram.chat_id)}


def test_telegram_shows_typing_while_the_bot_thinks_and_not_after_it_answered(telegram):
    telegram.turn(DESCRIPTION)
    chat = str(telegram.chat_id)
    calls = telegram.api.find(
        lambda c: c.authorized and c.method in ("sendChatAction", "sendMessage") and c.params.get("chat_id") == chat
    )
    first_reply = next(i for i, c in enumerate(calls) if c.method == "sendMessage")
    assert first_reply > 0 and all(c.method == "sendChatAction" for c in calls[:first_reply])
    assert {c.params["action"] for c in calls[:first_reply]} == {"typing"}
    assert all(c.method == "sendMessage" for c in calls[first_reply:])  # Telegram hides it at the reply: not renewed


def test_telegram_button_press_answers_the_callback_and_continues(telegram):
    _, got = telegram.turn(DESCRIPTION)
    title, payload = got[-1]["buttons"][0]
    telegram.turn(payload, button=True)
    answered = telegram.api.find(
        lambda c: c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == f"q{telegram.update_id}"
    )
    assert answered


def test_telegram_whole_assessment_arrives_as_readable_text(telegram):
    assert "likeliest causes" in play_to_assessment(telegram)


def test_a_telegram_conversation_cannot_be_read_or_erased_over_rest(telegram, stack):
    telegram.turn(DESCRIPTION)
    who = f"telegram:{telegram.chat_id}"
    assert user_texts(stack.settings, who) == [DESCRIPTION]
    # the bare chat id over REST is another conversation: no summary of the Telegram user's facts
    reply = rest_send(stack.settings, str(telegram.chat_id), "can i get a summary for my doctor")
    cards = customs(reply, "summary")
    assert all(not c["symptoms"] and not c["factors"] and c["duration_days"] is None for c in cards)
    assert cards or any(c.get("question") == "summary" for c in customs(reply, "explanation"))  # nothing told there
    rest_send(stack.settings, str(telegram.chat_id), "delete my data")
    assert user_texts(stack.settings, who) == [DESCRIPTION]  # not erased
    # and the namespaced id is refused over REST, even with the API's token
    status, body = post(
        f"{stack.settings.rasa_url}/webhooks/rest/webhook?token={stack.settings.auth_token}",
        json.dumps({"sender": who, "message": "can i get a summary"}).encode(),
        {"Content-Type": "application/json"},
    )
    assert status == 400 and b"may not start with" in body


def test_members_of_a_telegram_group_each_have_their_own_conversation(telegram, stack):
    """One member's symptoms never become another's: Telegram's chat id is the group's."""
    group = -telegram.chat_id
    said = {101: DESCRIPTION, 102: "my calf keeps twitching after the gym"}
    in_group = telegram.api.sent_to(group)
    for update_id, (member, text) in enumerate(said.items(), start=1):
        message = {"message_id": update_id, "date": int(time.time()), "text": text}
        message |= {"chat": {"id": group, "type": "supergroup", "title": "Family"}, "from": {"id": member, "is_bot": False}}
        before = len(telegram.api.wait_for(in_group, 0))
        assert telegram.send({"update_id": update_id, "message": message}) == (200, b"success")
        telegram.api.wait_for(in_group, before + 1)  # answered in the group
    for member, text in said.items():
        assert user_texts(stack.settings, f"telegram:{group}:{member}") == [text]


def test_a_slash_command_on_telegram_is_read_as_words_not_a_silent_reset(telegram, stack):
    telegram.turn(DESCRIPTION)
    status, _ = telegram.send(telegram.update("/session_start"))
    assert status == 200
    said = user_texts(stack.settings, f"telegram:{telegram.chat_id}")
    assert said[0] == DESCRIPTION and said[-1] == "session_start"  # words, stored in the same conversation


def test_telegram_start_command_greets(telegram):
    status, _ = telegram.send(telegram.update("/start"))
    assert status == 200
    greeting = telegram.received(1)[0]["text"]
    assert greeting == shown(rest_send(telegram.stack.settings, telegram.rest_sender, "/greet"))[0]["text"]


@contextlib.contextmanager
def bot_named(api: TelegramStandIn, username: str) -> Iterator[None]:
    api.username = username
    try:
        yield
    finally:
        api.username = TELEGRAM_BOT_NAME


def test_telegram_update_for_another_bot_is_refused(telegram, stack):
    with bot_named(telegram.api, "someone_else_bot"):
        status, body = telegram.send(telegram.update(DESCRIPTION))
    assert (status, body) == (200, b"failed")  # 200 so that Telegram does not resend it
    assert telegram.api.find(telegram.api.sent_to(telegram.chat_id)) == []
    assert user_texts(stack.settings, f"telegram:{telegram.chat_id}") == []


def test_telegram_update_without_the_secret_header_is_refused(telegram, stack):
    assert telegram.send(telegram.update(DESCRIPTION), secret=None)[0] == 403
    assert telegram.send(telegram.update(DESCRIPTION), secret="guessed-secret")[0] == 403
    assert telegram.api.find(telegram.api.sent_to(telegram.chat_id)) == []
    assert user_texts(stack.settings, f"telegram:{telegram.chat_id}") == []


@pytest.mark.parametrize(
    "raw, status",
    [
        (b"{not json", 400),
        (b"[1, 2]", 400),
        (b"", 400),
        (json.dumps({"update_id": 1, "message": {"text": "no chat"}}).encode(), 400),
        (json.dumps({"update_id": 1, "message": {"chat": {"id": "12"}, "text": "string id"}}).encode(), 400),
        (json.dumps({"update_id": 1, "callback_query": {"id": "q", "data": "/deny"}}).encode(), 400),
        (json.dumps({"update_id": 1, "my_chat_member": {"chat": {"id": 5}}}).encode(), 200),
    ],
    ids=["malformed", "list", "empty", "no-chat", "string-chat-id", "button-without-message", "other-update"],
)
def test_telegram_bad_updates_get_a_clear_answer(telegram, raw, status):
    got, body = telegram.send(None, raw=raw)
    assert got == status, body
    assert b"Traceback" not in body and b"Internal" not in body
    assert telegram.api.find(telegram.api.sent_to(5)) == []


@pytest.mark.parametrize(
    "content", [{"sticker": {"file_id": "x"}}, {"voice": {"file_id": "v", "duration": 4}}], ids=["sticker", "voice"]
)
def test_a_telegram_message_without_text_gets_asked_to_type_it(telegram, stack, content):
    chat = {"id": telegram.chat_id, "type": "private"}
    status, body = telegram.send(
        {"update_id": 1, "message": {"message_id": 1, "date": int(time.time()), "chat": chat, **content}}
    )
    assert (status, body) == (200, b"success")
    [call] = telegram.api.wait_for(telegram.api.sent_to(telegram.chat_id))
    assert "type" in call.params["text"] and "text" in call.params["text"]
    assert user_texts(stack.settings, f"telegram:{telegram.chat_id}") == []  # nothing stored


# -- Slack -------------------------------------------------------------------------------
def test_slack_url_check_gets_the_challenge_back(slack):
    status, body = slack.send(json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"}).encode())
    assert status == 200 and json.loads(body) == {"challenge": "abc123"}


def test_slack_message_gets_the_bots_text_and_buttons(slack):
    _, got = slack.turn(DESCRIPTION)
    assert got[0]["text"].startswith("Here is what I understood") and "caffeine" in got[0]["text"]
    assert got[-1]["buttons"]
    calls = slack.api.find(slack.api.posted_to(slack.channel))
    assert all(c.params.get("mrkdwn") is False for c in calls)
    with_blocks = [c for c in calls if c.params.get("blocks")]
    assert with_blocks and all(b["type"] in ("section", "actions") for c in with_blocks for b in c.params["blocks"])


def test_slack_button_click_continues_the_conversation(slack):
    _, got = slack.turn(DESCRIPTION)
    _, payload = got[-1]["buttons"][0]
    _, after = slack.turn(payload, button=True)
    assert after


def test_slack_whole_assessment_arrives_as_readable_text(slack):
    assert "likeliest causes" in play_to_assessment(slack)


def test_slack_request_with_a_bad_signature_is_rejected(slack, stack):
    unsigned = json.dumps(slack.event(DESCRIPTION)).encode()
    now = int(time.time())
    assert slack.send(unsigned, signature="v0=" + "0" * 64)[0] == 400
    assert slack.send(unsigned, signature="")[0] == 400
    assert slack.send(unsigned, signature=slack_signature(unsigned, now, secret="wrong-secret"))[0] == 400
    assert slack.send(unsigned, timestamp=now - 600)[0] == 400  # replayed: signed, but ten minutes old
    tampered = unsigned.replace(b"coffees", b"teas")
    assert slack.send(tampered, signature=slack_signature(unsigned, now), timestamp=now)[0] == 400
    # a properly signed message afterwards is answered, and only it reaches the bot
    slack.turn("hello")
    assert user_texts(stack.settings, f"slack:{slack.user}") == ["hello"]
    posted = [slack_message(c)["text"] for c in slack.api.find(slack.api.posted_to(slack.channel))]
    assert not any(t.startswith("Here is what I understood") for t in posted)


@pytest.mark.parametrize(
    "body, content_type, status",
    [
        (b"{not json", "application/json", 400),
        (b"[1, 2]", "application/json", 400),
        (json.dumps({"type": "event_callback"}).encode(), "application/json", 200),
        (
            json.dumps({"type": "event_callback", "event": {"type": "message", "channel_type": "im", "channel": "D1"}}).encode(),
            "application/json",
            200,
        ),
        (b"nothing=here", "application/x-www-form-urlencoded", 400),
        (b"payload=%7Bnot+json", "application/x-www-form-urlencoded", 400),
        (
            urllib.parse.urlencode(
                {"payload": json.dumps({"type": "block_actions", "user": {"id": "U1"}, "actions": [{"type": "radio_buttons"}]})}
            ).encode(),
            "application/x-www-form-urlencoded",
            200,
        ),
        (b"hello", "text/plain", 415),
    ],
    ids=[
        "malformed",
        "list",
        "no-event",
        "event-without-text",
        "form-without-payload",
        "payload-not-json",
        "unsupported-action",
        "text-plain",
    ],
)
def test_slack_bad_requests_get_a_clear_answer(slack, body, content_type, status):
    got, answer = slack.send(body, content_type)
    assert got == status, answer
    assert b"Traceback" not in answer


def test_a_huge_slack_message_gets_a_polite_refusal_and_is_not_processed(slack, stack):
    status, _ = slack.send(json.dumps(slack.event("my calf twitches " * 2500)).encode())  # 40,000 characters
    assert status == 200
    refusal = slack.received(1)[0]["text"]
    assert "too long" in refusal and "emergency" in refusal
    assert user_texts(stack.settings, f"slack:{slack.user}") == []


def test_a_slash_command_on_slack_is_read_as_words(slack, stack):
    slack.deliver("/session_start", is_button=False)
    assert wait_until(lambda: user_texts(stack.settings, f"slack:{slack.user}") == ["session_start"])


def _signed_and_handled(slack, stack):
    """A signed Slack message, sent and handled: its body, timestamp, signature and conversation."""
    body, now = json.dumps(slack.event("my calf twitches")).encode(), int(time.time())
    signature = slack_signature(body, now)
    who = f"slack:{slack.user}"
    assert slack.send(body, timestamp=now, signature=signature)[0] == 200
    assert wait_until(lambda: user_texts(stack.settings, who) == ["my calf twitches"])
    return body, now, signature, who


def test_a_signed_slack_request_replayed_within_the_window_is_handled_once(slack, stack):
    body, now, signature, who = _signed_and_handled(slack, stack)
    assert slack.send(body, timestamp=now, signature=signature)[0] == 400  # the same request again
    time.sleep(2)
    assert user_texts(stack.settings, who) == ["my calf twitches"]


def test_a_signed_slack_request_replayed_after_a_restart_is_refused(slack, stack):
    """The signatures handled are in the tracker database, which every replica shares."""
    body, now, signature, who = _signed_and_handled(slack, stack)
    restart_rasa(stack, signal.SIGKILL)
    assert slack.send(body, timestamp=now, signature=signature)[0] == 400
    time.sleep(2)
    assert user_texts(stack.settings, who) == ["my calf twitches"]


def test_a_flood_of_telegram_messages_gets_answers_or_a_polite_wait(telegram, stack):
    from concurrent.futures import ThreadPoolExecutor

    from bot.texts import TOO_MANY

    updates = [telegram.update(f"my calf twitches, message {i}") for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = [status for status, _ in pool.map(telegram.send, updates)]
    assert statuses == [200] * 8  # Telegram never resends: every update is acknowledged
    sent = [c.params["text"] for c in telegram.api.find(telegram.api.sent_to(telegram.chat_id))]
    refused = sent.count(TOO_MANY)
    assert refused >= 1, sent  # more than three at once: the rest are asked to wait
    assert len(user_texts(stack.settings, f"telegram:{telegram.chat_id}")) == 8 - refused


def test_slash_text_from_a_platform_never_reaches_the_log(telegram, slack, stack):
    """Rasa warns "Failed to parse arguments in line '/...'" with the text itself: the guard reads it as words first."""
    marker = f"zq{uuid.uuid4().hex[:10]}"  # a word nobody else writes
    telegram.deliver(f'/describe_symptoms{{"symptom": "{marker}"}}', is_button=False)
    slack.deliver(f"/{marker} my calf twitches", is_button=False)
    assert wait_until(lambda: any(marker in said for said in user_texts(stack.settings, f"slack:{slack.user}")))
    assert wait_until(lambda: any(marker in said for said in user_texts(stack.settings, f"telegram:{telegram.chat_id}")))
    logs = {child.name: child.log_path.read_text(errors="replace") for child in stack.children if child.log_path}
    assert "rasa-server" in logs
    for name, text in logs.items():
        assert marker not in text, f"user text in the {name} log"
