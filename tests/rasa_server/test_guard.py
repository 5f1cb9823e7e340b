"""The checks every chat channel applies before a message reaches Rasa."""

from __future__ import annotations

import re

import pytest

from bot.names import TELEGRAM
from bot.nlu.normalise import normalise
from ops.paths import ROOT
from rasa_server.channels import guard


def test_a_button_payload_stays_an_intent_but_other_slash_text_is_read_as_words():
    assert guard.message_text("/ask_foods") == "/ask_foods"
    assert guard.message_text('/give_info{"duration": "10"}') == '/give_info{"duration": "10"}'
    assert guard.message_text("/restart") == "restart"
    assert guard.message_text('/describe_symptoms{"symptom": "not_a_symptom"}') == 'describe_symptoms{"symptom": "not_a_symptom"}'


# What the NLU's normaliser drops or makes a slash, before "/restart" (issue 28).
HIDDEN_SLASHES = {
    "zero-width space": "\u200b/restart",
    "byte order mark": "\ufeff/restart",
    "word joiner": "\u2060/restart",
    "soft hyphen": "\u00ad/restart",
    "left-to-right mark": "\u200e/restart",
    "no-break space": "\u00a0/restart",
    "fullwidth slash": "\uff0frestart",
    "several": "\u200b \ufeff\uff0f/restart",
    "forged entity": '\u200b/describe_symptoms{"symptom": "weakness"}',
    "hidden button payload": "\u200b/ask_foods",
}


@pytest.mark.parametrize("typed", HIDDEN_SLASHES.values(), ids=HIDDEN_SLASHES.keys())
def test_a_slash_hidden_behind_invisible_characters_is_read_as_words(typed):
    """What Rasa receives is what was checked: the NLU's plain form of it is no "/..." command."""
    passed = guard.message_text(typed)
    assert not normalise(passed).startswith("/"), repr(passed)
    assert passed.lstrip("/") == typed.split("/")[-1].lstrip("\uff0f")  # the words, as typed


@pytest.mark.parametrize("typed", ["\u200bmy eyelid twitches", "  my eyelid twitches", "caf\u00e9 / tea", "\u200b"])
def test_text_without_a_hidden_slash_is_kept_as_typed(typed):
    assert guard.message_text(typed) == typed


def test_too_long_text_is_refused_politely_with_413():
    guard.message_text("a" * guard.MAX_CHARS)
    with pytest.raises(guard.Refused) as error:
        guard.message_text("a" * (guard.MAX_CHARS + 1))
    assert error.value.status == 413 and "shorter" in str(error.value)


def test_the_readme_states_the_limit_the_guard_applies():
    readme = (ROOT / "README.md").read_text()
    stated = re.findall(r"over ([\d,]+) characters \(`MAX_CHARS`\)", readme)
    assert stated == [f"{guard.MAX_CHARS:,}"], stated


@pytest.mark.parametrize("value", [None, {"a": 1}, ["x"], True])
def test_a_message_that_is_not_text_is_refused(value):
    with pytest.raises(guard.Refused) as error:
        guard.message_text(value)
    assert error.value.status == 400


def test_numbers_are_read_as_text_and_lone_surrogates_replaced():
    assert guard.message_text(42) == "42"
    assert guard.message_text("eye\ud800lid") == "eye\ufffdlid"


@pytest.mark.parametrize("value", ["   ", "x" * 129, "a\nb", {"id": 1}, True])
def test_sender_must_be_a_short_printable_string(value):
    with pytest.raises(guard.Refused):
        guard.sender_id(value)


def test_no_sender_means_a_new_conversation_each_time():
    first, second = guard.sender_id(None), guard.sender_id("")
    assert first != second and first.startswith("anonymous-")
    assert guard.sender_id(7) == "7"


def test_metadata_must_be_a_small_shallow_object():
    assert guard.metadata(None) == {} and guard.metadata('{"a": 1}') == {"a": 1}
    deep: dict = {}
    node = deep
    for _ in range(40):
        node["x"] = {}
        node = node["x"]
    for bad in ("not json", [1], deep, {"k": "v" * 20_000}):
        with pytest.raises(guard.Refused):
            guard.metadata(bad)


def test_flooding_one_conversation_is_refused_with_429_and_others_go_on():
    in_flight = guard.InFlight(limit=2)
    with in_flight.slot("a"), in_flight.slot("a"):
        with pytest.raises(guard.Refused) as error:
            with in_flight.slot("a"):
                pass
        assert error.value.status == 429
        with in_flight.slot("b"):
            pass
    with in_flight.slot("a"):
        assert in_flight.counts["a"] == 1


def test_the_too_long_refusal_and_the_apology_give_the_one_emergency_signs_sentence():
    from bot.texts import EMERGENCY_SIGNS
    from rasa_server.hooks import UNAVAILABLE

    assert guard.TOO_LONG.endswith(EMERGENCY_SIGNS) and f"{guard.MAX_CHARS:,}" in guard.TOO_LONG
    assert UNAVAILABLE.endswith(EMERGENCY_SIGNS)


@pytest.mark.parametrize("sender", ["telegram:123456789", "slack:U0123", "web:abc", " Telegram:1"])
def test_rest_cannot_address_another_channels_conversation(sender):
    with pytest.raises(guard.Refused, match="may not start with"):
        guard.sender_id(sender)


def test_platform_ids_are_namespaced_and_recovered():
    who = guard.conversation_id(TELEGRAM, 123456789)
    assert who == "telegram:123456789" and guard.platform_id(who, TELEGRAM) == "123456789"
    assert guard.sender_id("123456789") == "123456789"  # the bare id over REST is another conversation


def test_widget_sessions_are_issued_signed_and_only_ours_are_accepted():
    from rasa_server.channels.socketio import Sessions

    sessions, other_deployment = Sessions("key-one"), Sessions("key-two")
    issued = sessions.issue()
    raw = issued.partition(".")[0]
    assert sessions.conversation(issued) == f"web:{raw}"
    assert Sessions("key-one").conversation(issued) == f"web:{raw}"  # another replica with the same key
    for forged in (raw, f"web:{raw}", f"{raw}.{'0' * 32}", issued + "x", "", None):
        assert sessions.conversation(forged) is None
    assert other_deployment.conversation(issued) is None


def test_every_answer_that_cannot_read_the_message_names_the_stroke_signs_too(domain):
    # round 40 c26: a message in Spanish about slow speech got the emergency signs without the face, arm or speech ones
    from bot.texts import EMERGENCY_SIGNS, EMERGENCY_SIGNS_CHILD

    for signs in (EMERGENCY_SIGNS, EMERGENCY_SIGNS_CHILD):
        assert "face, arm or speech problem that started suddenly" in signs
    for name in ("utter_english_only", "utter_rephrase"):
        said = [r["text"] for r in domain.responses[name]]
        assert said and all(EMERGENCY_SIGNS in text for text in said), name
