"""A short conversation over the REST channel with the real servers, and the API's token."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from ops.launcher import rest_send
from tests.integration.services import customs, request, texts

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    "typed",
    ["i can\u2019t breathe properly", "i have ch\u200best\u00a0pain", "i have chest p\u0430in", "\uff49 \uff50\uff41\uff53\uff53\uff45\uff44 \uff4f\uff55\uff54"],
    ids=["curly apostrophe", "zero-width and no-break space", "cyrillic letter", "fullwidth"],
)
def test_a_red_flag_typed_on_a_phone_escalates_at_once_and_is_kept_as_typed(stack, typed):
    sender = f"uni-{uuid.uuid4().hex[:8]}"
    reply = rest_send(stack.settings, sender, typed)
    escalations = [p for p in customs(reply) if p["type"] == "escalation"]
    assert escalations and escalations[0]["triage"] == "emergency", reply
    status, body = request("GET", f"{stack.settings.rasa_url}/conversations/{sender}/tracker", token=stack.settings.auth_token)
    assert status == 200 and [e["text"] for e in body["events"] if e["event"] == "user"] == [typed]


@pytest.mark.parametrize("typed", ["Ich habe auch Brustschmerzen", "me duele el pecho y no puedo respirar", "у меня болит грудь"])
def test_a_message_in_another_language_gets_english_only_and_the_emergency_signs(stack, typed):
    reply = rest_send(stack.settings, f"lang-{uuid.uuid4().hex[:8]}", typed)
    said = texts(reply)
    assert "only read English" in said and "emergency number" in said, reply
    assert not customs(reply)  # no guess: no assessment, no foods


def test_short_english_answers_are_not_taken_for_another_language(stack):
    sender = f"lang-{uuid.uuid4().hex[:8]}"
    rest_send(stack.settings, sender, "my eyelid has been twitching for a week")
    for answer in ("no", "idk", "yeah prob"):
        assert "only read English" not in texts(rest_send(stack.settings, sender, answer))


def test_a_first_conversation(stack):
    sender = f"it-{uuid.uuid4().hex[:8]}"
    greeting = rest_send(stack.settings, sender, "hello")
    assert "can't diagnose" in texts(greeting)

    reply = rest_send(stack.settings, sender, "my eyelid has been twitching for a week and I drink 5 coffees a day")
    assert texts(reply).startswith("Here is what I understood") and "you mentioned caffeine" in texts(reply)
    questions = 0
    while not any(p["type"] == "assessment" for p in customs(reply)):
        assert any(m.get("buttons") for m in reply), reply  # a short question with quick replies
        questions += 1
        assert questions <= 4
        reply = rest_send(stack.settings, sender, "I don't know")
    assessment = next(p for p in customs(reply) if p["type"] == "assessment")
    assert assessment["causes"][0]["id"] == "caffeine_stimulants"
    assert assessment["sources"]

    assert "automated assistant" in texts(rest_send(stack.settings, sender, "am I talking to a bot?")).lower()
    assert "welcome" in texts(rest_send(stack.settings, sender, "thanks a lot")).lower()
    assert "twitching" in texts(rest_send(stack.settings, sender, "can you book me a flight to paris")).lower()
    assert "take care" in texts(rest_send(stack.settings, sender, "bye")).lower()


def test_a_keyboard_mash_is_not_taken_as_an_answer(stack):
    sender = f"it-{uuid.uuid4().hex[:8]}"
    reply = rest_send(stack.settings, sender, "my eyelid has been twitching for a week")
    assert any(m.get("buttons") for m in reply), reply  # a yes/no question is pending
    mash = rest_send(stack.settings, sender, "asdfgh")
    assert "another way" in texts(mash) and not any(m.get("buttons") for m in mash)
    # the question is still open: a real answer moves the interview on
    answered = rest_send(stack.settings, sender, "no")
    assert "another way" not in texts(answered)
    assert any(m.get("buttons") for m in answered) or any(p["type"] == "assessment" for p in customs(answered))


def test_a_red_flag_is_escalated_over_rest(stack):
    reply = rest_send(stack.settings, f"it-{uuid.uuid4().hex[:8]}", "my arm is twitching and I have chest pain")
    assert customs(reply)[0]["type"] == "escalation"
    assert customs(reply)[0]["triage"] == "emergency"


def _post(url, body, token=None):
    full = f"{url}?token={token}" if token else url
    request = urllib.request.Request(full, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None


def test_the_http_api_needs_the_token(stack):
    url = f"{stack.settings.rasa_url}/model/parse"
    assert _post(url, {"text": "hello"})[0] == 401
    assert _post(url, {"text": "hello"}, token="wrong")[0] == 401
    status, parsed = _post(url, {"text": "hello"}, token=stack.settings.auth_token)
    assert status == 200 and parsed["intent"]["name"] == "greet"


@pytest.mark.parametrize("pushback", ["really?? it stopped, I'm okay now", "ok"])
def test_pushback_after_an_emergency_keeps_it_and_says_why_again_instead_of_the_interview(stack, pushback):
    """Whether or not the words are read as pushback, a message that tells nothing new after an
    emergency gets the emergency's why once more (the topic head alone misses some phrasings)."""
    sender = f"it-{uuid.uuid4().hex[:8]}"
    rest_send(stack.settings, sender, "my eyelid is twitching and there's a crushing pain in my chest")
    reply = rest_send(stack.settings, sender, pushback)
    assert not [c for c in customs(reply) if c.get("type") == "interview"]  # no interview question after it
    assert "emergency" in texts(reply).lower()  # what to do now, once more
