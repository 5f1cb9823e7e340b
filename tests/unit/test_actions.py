"""The Rasa SDK actions, rasa-sdk style: a tracker in, dispatched messages and events out."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionConverse, ActionExplain, ActionFoods, ActionForget, ActionSummary, entity_history
from tests.conftest import entity

ENERGY = [
    entity("lifestyle_factor", "caffeine", text="energy drinks"),
    entity("body_part", "eyelid"),
    entity("symptom", "twitching"),
]


def customs(dispatcher):
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


CASES = [
    # (action, turns, expected payload types in order, a phrase the text must contain)
    (
        ActionConverse(),
        [("my eyelid twitches, I drink energy drinks", "describe_symptoms", ENERGY)],
        ["assessment"],
        "energy drinks",
    ),
    (
        ActionConverse(),
        [("chest pain and twitching", "describe_symptoms", [entity("symptom", "chest_pain")])],
        ["escalation", "assessment"],
        "emergency",
    ),
    (
        ActionConverse(),
        [("no chest pain", "describe_symptoms", [entity("symptom", "chest_pain", "absent")])],
        ["assessment"],
        "chest pain",
    ),
    (
        ActionExplain(),
        [("tell me about magnesium", "ask_explanation", [entity("nutrient", "magnesium")])],
        ["explanation"],
        "Magnesium",
    ),
    (ActionExplain(), [("is the sun good for me", "ask_sun", [])], ["explanation"], "skin cancer"),
    (
        ActionExplain(),
        [("how much vitamin d should I take", "ask_supplements", [entity("nutrient", "vitamin_d")])],
        ["explanation"],
        "vitamin D",
    ),
    (
        ActionFoods(),
        [
            ("I'm vegan", "give_info", [entity("diet", "vegan")]),
            ("foods with b12?", "ask_foods", [entity("nutrient", "vitamin_b12")]),
        ],
        ["foods"],
        "fortified cereals",
    ),
    (
        ActionSummary(),
        [("my eyelid twitches, I drink energy drinks", "describe_symptoms", ENERGY), ("summary", "ask_summary", [])],
        ["summary"],
        "energy drinks",
    ),
]


@pytest.mark.parametrize("action, turns, payloads, phrase", CASES, ids=[f"{c[0].name()}-{i}" for i, c in enumerate(CASES)])
async def test_actions_dispatch_text_and_payloads(make_tracker, action, turns, payloads, phrase):
    dispatcher, _ = await run(action, make_tracker(turns))
    assert [c["type"] for c in customs(dispatcher)] == payloads
    texts = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert phrase in texts


async def test_escalation_comes_before_anything_else_and_sets_the_level(make_tracker):
    tracker = make_tracker([("I fainted", "describe_symptoms", [entity("symptom", "fainting")])])
    dispatcher, events = await run(ActionConverse(), tracker)
    assert dispatcher.messages[0]["custom"]["type"] == "escalation"
    assert dispatcher.messages[0]["custom"]["red_flags"] == ["fainting"]
    assert {"event": "slot", "name": "triage_level", "value": "emergency", "timestamp": None} in events


async def test_vegan_food_answer_has_no_animal_foods(make_tracker):
    tracker = make_tracker([("I'm vegan", "give_info", [entity("diet", "vegan")]), ("what should I eat", "ask_foods", [])])
    tracker.events.insert(
        1,
        {
            "event": "user",
            "parse_data": {"entities": [entity("symptom", "numbness_tingling"), entity("symptom", "balance_problems")]},
        },
    )
    dispatcher, _ = await run(ActionFoods(), tracker)
    foods = customs(dispatcher)[0]["foods"]
    assert foods and not any(word in f["name"] for f in foods for word in ("meat", "fish", "egg", "dairy", "milk"))


async def test_forget_restarts_the_conversation(make_tracker):
    dispatcher, events = await run(ActionForget(), make_tracker([("delete my data", "delete_data", [])]))
    assert events[0]["event"] == "restart"


def test_history_starts_after_the_last_restart(make_tracker):
    tracker = make_tracker([("weak", "describe_symptoms", [entity("symptom", "weakness")])])
    tracker.events.append({"event": "restart"})
    tracker.events.append({"event": "user", "parse_data": {"entities": [entity("symptom", "cramps")]}})
    assert entity_history(tracker) == [[entity("symptom", "cramps")]]


def test_entities_keep_the_users_own_words(make_tracker):
    tracker = make_tracker(
        [("I drink 5 coffees a day", "give_info", [{"entity": "lifestyle_factor", "value": "caffeine", "start": 8, "end": 17}])]
    )
    assert entity_history(tracker)[0][0]["text"] == "5 coffees"
