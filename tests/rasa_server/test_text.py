"""Replies on text platforms: splitting at the limits without losing text, rendering, buttons."""

from __future__ import annotations

import json

import pytest

from rasa_server.channels.telegram import chat_of, command_text, conversation, group_member, inline_keyboard, read_update
from rasa_server.channels.text import (
    SLACK_BUTTON_TITLE_LIMIT,
    TELEGRAM_CALLBACK_LIMIT,
    Button,
    keyboard_rows,
    payload_text,
    render,
    slack_button_blocks,
    slack_escape,
    split_text,
    telegram_callback_data,
    utf16_len,
)


def words(text: str) -> list[str]:
    return text.split()


PARAGRAPH = "Caffeine keeps the nerves that drive your muscles on alert, so they may fire on their own. " * 6
LONG = "\n\n".join(f"{i}. {PARAGRAPH.strip()}\n- one line\n- another line" for i in range(30))


@pytest.mark.parametrize("limit", [50, 300, 1000, 4096])
def test_split_keeps_every_word_in_order_and_respects_the_limit(limit):
    parts = split_text(LONG, limit)
    assert all(0 < len(p) <= limit for p in parts)
    assert words(" ".join(parts)) == words(LONG)
    assert len(parts) > 1


def test_split_prefers_paragraphs_then_lines_then_words():
    text = "first paragraph\n\nsecond paragraph is here"
    assert split_text(text, 30) == ["first paragraph", "second paragraph is here"]
    assert split_text("line one\nline two\nline three", 18) == ["line one\nline two", "line three"]
    assert split_text("alpha beta gamma delta", 11) == ["alpha beta", "gamma delta"]


def test_paragraphs_that_fit_together_stay_together():
    text = "a short one\n\nanother short one"
    assert split_text(text, 100) == [text]
    assert split_text(LONG, 4096)[0].count("\n\n") >= 1


def test_a_word_longer_than_the_limit_is_cut_not_dropped():
    url = "https://example.org/" + "x" * 250
    parts = split_text(f"see {url} now", 100)
    assert all(len(p) <= 100 for p in parts)
    assert "".join("".join(words(p)) for p in parts) == "see" + url + "now"


def test_telegram_counts_utf16_units():
    text = "😀" * 3000  # 6000 UTF-16 code units
    parts = split_text(text, 4096, utf16_len)
    assert all(utf16_len(p) <= 4096 for p in parts)
    assert "".join(parts) == text
    assert [utf16_len(p) for p in parts] == [4096, 1904]


def test_empty_or_blank_text_gives_no_parts():
    assert split_text("  \n\n ", 10) == []
    with pytest.raises(ValueError):
        split_text("x", 0)


ASSESSMENT = {
    "type": "assessment",
    "causes": [{"id": "caffeine_stimulants", "score": 3.0, "evidence": ["coffee"]}],
    "triage": "self_care",
    "red_flags": [],
    "sources": [{"document": "A", "section": "B"}],
}


def test_the_text_is_sent_and_the_payload_dropped():
    reply = render({"text": "These are the likeliest causes...", "custom": ASSESSMENT})
    assert reply is not None
    assert reply.text == "These are the likeliest causes..."
    assert "{" not in reply.text


@pytest.mark.parametrize(
    "payload, expected",
    [
        (ASSESSMENT, ["caffeine stimulants", "Self-care"]),
        ({"type": "escalation", "triage": "emergency", "red_flags": ["chest_pain"]}, ["Emergency", "chest pain"]),
        ({"type": "foods", "foods": [{"name": "bananas", "nutrients": ["potassium"]}]}, ["bananas"]),
        ({"type": "explanation", "topic": "vitamin_d", "sources": []}, ["vitamin d"]),
        ({"type": "summary", "causes": ["stress_anxiety"], "triage": "doctor"}, ["stress anxiety", "See a doctor"]),
    ],
    ids=["assessment", "escalation", "foods", "explanation", "summary"],
)
def test_a_payload_without_text_becomes_a_readable_sentence(payload, expected):
    reply = render({"custom": payload})
    assert reply is not None
    for part in expected:
        assert part in reply.text
    assert not any(ch in reply.text for ch in '{}[]"')
    assert "_" not in reply.text


def test_an_unknown_payload_alone_is_not_sent():
    assert render({"custom": {"type": "mystery", "data": [1, 2]}}) is None
    assert payload_text({"unexpected": True}) == ""


def test_buttons_keep_order_and_skip_broken_ones():
    reply = render(
        {"text": "How long?", "buttons": [{"title": "A few days", "payload": "/give_info"}, {"title": "no payload"}, "junk"]}
    )
    assert reply is not None and reply.buttons == [Button("A few days", "/give_info")]
    quick = render({"text": "Pick", "quick_replies": [{"title": "Yes", "payload": "/affirm"}]})
    assert quick is not None and quick.buttons == [Button("Yes", "/affirm")]


def test_telegram_callback_data_fits_64_bytes():
    short = Button("Weakness", '/describe_symptoms{"symptom": "weakness"}')
    assert telegram_callback_data(short) == short.payload
    spaced = Button("Not much", '/give_info{"lifestyle_factor": "low_fluid_intake", "duration": "3"}')
    assert len(spaced.payload.encode()) > TELEGRAM_CALLBACK_LIMIT
    assert telegram_callback_data(spaced) == '/give_info{"lifestyle_factor":"low_fluid_intake","duration":"3"}'
    huge = Button("Tell me more", "/give_info" + json.dumps({"lifestyle_factor": "x" * 80}))
    assert telegram_callback_data(huge) == "Tell me more"


def test_inline_keyboard_rows_of_two():
    buttons = [Button(f"b{i}", f"/p{i}") for i in range(5)]
    assert [[b.title for b in row] for row in keyboard_rows(buttons)] == [["b0", "b1"], ["b2", "b3"], ["b4"]]
    markup = inline_keyboard(buttons).to_python()
    assert [[(b["text"], b["callback_data"]) for b in row] for row in markup["inline_keyboard"]] == [
        [("b0", "/p0"), ("b1", "/p1")],
        [("b2", "/p2"), ("b3", "/p3")],
        [("b4", "/p4")],
    ]


def test_slack_buttons_and_escaping():
    assert slack_escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    buttons = [Button("x" * 100, "/p")] + [Button(f"b{i}", f"/p{i}") for i in range(29)]
    blocks = slack_button_blocks(buttons)
    assert [len(b["elements"]) for b in blocks] == [25, 5]
    first = blocks[0]["elements"][0]
    assert len(first["text"]["text"]) == SLACK_BUTTON_TITLE_LIMIT and first["value"] == "/p"
    ids = [e["action_id"] for b in blocks for e in b["elements"]]
    assert len(set(ids)) == len(ids)


def _message(text=None, **extra):
    return {"update_id": 1, "message": {"message_id": 5, "chat": {"id": 77, "type": "private"}, "text": text, **extra}}


def test_telegram_updates_are_read_or_refused():
    assert read_update(_message("my calf twitches")) == (77, "my calf twitches", None)
    query = {"update_id": 2, "callback_query": {"id": "q1", "data": "/dont_know", "message": {"chat": {"id": 77}}}}
    assert read_update(query) == (77, "/dont_know", "q1")
    assert read_update({"update_id": 3, "my_chat_member": {}}) is None  # not for the bot
    assert read_update(_message(None, sticker={"file_id": "x"})) == (77, None, None)  # answered: "please type it"
    location = read_update(_message(None, location={"longitude": 1.5, "latitude": 2.0}))
    assert location is not None and json.loads(location[1]) == {"lng": 1.5, "lat": 2.0}
    for bad in ([], "text", {"message": "hi"}, {"message": {"text": "hi"}}, {"message": {"chat": {"id": "77"}, "text": "x"}}):
        with pytest.raises(ValueError):
            read_update(bad)


def _group(user: int, chat_type: str = "group") -> dict:
    chat = {"id": -100, "type": chat_type, "title": "Family"}
    return {"update_id": 4, "message": {"message_id": 6, "chat": chat, "from": {"id": user, "is_bot": False}, "text": "hi"}}


def test_each_member_of_a_telegram_group_has_a_conversation_of_their_own():
    assert conversation(-100, group_member(_group(41))) == "telegram:-100:41"
    assert conversation(-100, group_member(_group(42, "supergroup"))) == "telegram:-100:42"
    button = {"update_id": 5, "callback_query": {"id": "q", "data": "/ask_foods", "from": {"id": 43}, "message": _group(41)["message"]}}
    assert group_member(button) == 43  # who pressed it, not who the bot's message answered
    assert group_member(_message("hi")) is None and conversation(77, None) == "telegram:77"  # a private chat
    assert chat_of("telegram:-100:41") == chat_of("telegram:-100") == "-100"  # replies go to the group


@pytest.mark.parametrize(
    "typed, sent",
    [
        ("/start", "/greet"),
        ("/start@twitch_bot", "/greet"),
        ("/restart@twitch_bot", "/restart"),
        ("/restart", "/restart"),
        ('/give_info{"duration": "3"}', '/give_info{"duration": "3"}'),
        ("my eyelid twitches", "my eyelid twitches"),
    ],
)
def test_telegram_commands(typed, sent):
    assert command_text(typed) == sent


# -- the output channels, with the network call replaced ----------------------------------
LONG_REPLY = {
    "text": LONG,
    "buttons": [{"title": "Why?", "payload": "/ask_explanation"}, {"title": "What should I eat?", "payload": "/ask_foods"}],
    "custom": ASSESSMENT,
}


async def test_telegram_output_splits_a_long_reply_and_puts_the_keyboard_last(monkeypatch):
    from rasa_server.channels.telegram import TelegramChannelOutput

    bot = TelegramChannelOutput("123:abc", "http://127.0.0.1:9")
    sent: list[tuple[str, str, object]] = []

    async def send_message(chat_id, text, reply_markup=None, **kwargs):
        sent.append((chat_id, text, reply_markup))

    monkeypatch.setattr(bot, "send_message", send_message)
    await bot.send_response("42", dict(LONG_REPLY))
    assert len(sent) > 1 and {chat for chat, _, _ in sent} == {"42"}
    assert all(utf16_len(text) <= 4096 for _, text, _ in sent)
    assert words(" ".join(text for _, text, _ in sent)) == words(LONG)  # the payload is not sent
    assert [markup is not None for _, _, markup in sent] == [False] * (len(sent) - 1) + [True]
    keyboard = sent[-1][2].to_python()["inline_keyboard"]
    assert [(b["text"], b["callback_data"]) for row in keyboard for b in row] == [
        ("Why?", "/ask_explanation"),
        ("What should I eat?", "/ask_foods"),
    ]
    assert bot.server.api_url("123:abc", "getMe") == "http://127.0.0.1:9/bot123:abc/getMe"


async def test_slack_output_splits_a_long_reply_and_puts_the_buttons_last(monkeypatch):
    from rasa_server.channels.slack import SlackChannelOutput

    out = SlackChannelOutput("xoxb-1", "D1", api_base_url="http://127.0.0.1:9/api")
    posts: list[dict] = []

    async def post_message(channel, **kwargs):
        posts.append({"channel": channel, **kwargs})

    monkeypatch.setattr(out, "_post_message", post_message)
    await out.send_response("U1", dict(LONG_REPLY, text=LONG + " <b> & more"))
    assert len(posts) > 1 and {p["channel"] for p in posts} == {"D1"}
    assert words(" ".join(p["text"] for p in posts)) == words(slack_escape(LONG + " <b> & more"))
    assert all(len(p["text"]) < 40000 for p in posts)
    assert [bool(p.get("blocks")) for p in posts] == [False] * (len(posts) - 1) + [True]
    section, actions = posts[-1]["blocks"]
    assert section["text"]["type"] == "plain_text" and section["text"]["text"].endswith("<b> & more")
    assert len(section["text"]["text"]) <= 3000
    assert [(e["text"]["text"], e["value"]) for e in actions["elements"]] == [
        ("Why?", "/ask_explanation"),
        ("What should I eat?", "/ask_foods"),
    ]
    assert out.client.base_url == "http://127.0.0.1:9/api/"


async def test_a_payload_alone_is_sent_as_readable_text(monkeypatch):
    from rasa_server.channels.slack import SlackChannelOutput

    out = SlackChannelOutput("xoxb-1", "D1")
    posts: list[dict] = []

    async def post_message(channel, **kwargs):
        posts.append(kwargs)

    monkeypatch.setattr(out, "_post_message", post_message)
    await out.send_response("U1", {"custom": {"type": "escalation", "triage": "emergency", "red_flags": ["chest_pain"]}})
    await out.send_response("U1", {"custom": {"type": "mystery"}})
    assert [p["text"] for p in posts] == ["Emergency: get help now. What I heard: chest pain."]
