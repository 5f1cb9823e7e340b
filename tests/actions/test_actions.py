"""The Rasa SDK actions, rasa-sdk style: a tracker in, dispatched messages and slot events out."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    ActionConverse,
    ActionExplain,
    ActionFoods,
    ActionForget,
    ActionRedFlags,
    ActionSummary,
    entity_history,
)
from bot import texts
from tests.conftest import entity

ENERGY = [
    entity("lifestyle_factor", "caffeine", text="energy drinks"),
    entity("body_part", "eyelid"),
    entity("symptom", "twitching"),
]
ALL_ASKED = {"interview_asked": ["duration", "nerve_symptoms", "caffeine", "sleep"]}


def customs(dispatcher):
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


def slots(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


CASES = [
    # (action, turns, slots, expected payload types in order, a phrase the text must contain)
    (
        ActionConverse(),
        [("my eyelid twitches, I drink energy drinks", "describe_symptoms", ENERGY)],
        ALL_ASKED,
        ["assessment"],
        "energy drinks",
    ),
    (
        ActionConverse(),
        [("chest pain and twitching", "describe_symptoms", [entity("symptom", "chest_pain")])],
        {},
        ["escalation"],
        "emergency",
    ),
    (
        ActionConverse(),
        [("no chest pain", "describe_symptoms", [entity("symptom", "chest_pain", "absent")])],
        ALL_ASKED,
        ["assessment"],
        "chest pain",
    ),
    (ActionConverse(), [("what's causing it", "ask_assessment", [])], {}, [], "Tell me in your own words"),  # no verdict on nothing
    (
        ActionExplain(),
        [("tell me about magnesium", "ask_explanation", [entity("nutrient", "magnesium")])],
        {},
        ["explanation"],
        "Magnesium",
    ),
    (ActionExplain(), [("is the sun good for me", "ask_sun", [])], {}, ["explanation"], "skin cancer"),
    (
        ActionExplain(),
        [("how much vitamin d should I take", "ask_supplements", [entity("nutrient", "vitamin_d")])],
        {},
        ["explanation"],
        "vitamin D",
    ),
    (
        ActionFoods(),
        [
            ("I'm vegan", "give_info", [entity("diet", "vegan")]),
            ("foods with b12?", "ask_foods", [entity("nutrient", "vitamin_b12")]),
        ],
        {},
        ["foods"],
        "fortified cereals",
    ),
    (
        ActionSummary(),
        [("my eyelid twitches, I drink energy drinks", "describe_symptoms", ENERGY), ("summary", "ask_summary", [])],
        {},
        ["summary"],
        "Lifestyle factors: caffeine",
    ),
    (
        ActionFoods(),
        [("I fainted, what should I eat", "ask_foods", [entity("symptom", "fainting")])],
        {},
        ["escalation"],  # what to do now ends the turn: the foods wait
        "emergency",
    ),
    (
        ActionRedFlags(),
        [("hi, my speech is slurred", "greet", [entity("symptom", "slurred_speech")])],
        {},
        ["escalation"],
        "today",
    ),
]


@pytest.mark.parametrize(
    "action, turns, slot_values, payloads, phrase", CASES, ids=[f"{c[0].name()}-{i}" for i, c in enumerate(CASES)]
)
async def test_actions_dispatch_text_and_payloads(make_tracker, action, turns, slot_values, payloads, phrase):
    dispatcher, _ = await run(action, make_tracker(turns, slots=slot_values))
    assert [c["type"] for c in customs(dispatcher)] == payloads
    assert phrase in " ".join(m.get("text") or "" for m in dispatcher.messages)


async def test_a_first_description_is_said_back_and_followed_by_one_question(make_tracker):
    dispatcher, events = await run(
        ActionConverse(), make_tracker([("my eyelid twitches, I drink energy drinks", "describe_symptoms", ENERGY)])
    )
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0].startswith("Here is what I understood") and "you mentioned caffeine" in texts[0]
    assert "energy drinks" not in texts[0]  # named by its canonical name, not the user's span
    assert texts[1] == "How long has the twitching been going on?" and dispatcher.messages[1]["buttons"]
    # where the question stands, for the widget's "question 1 of 4"
    assert dispatcher.messages[1]["custom"] == {"type": "interview", "question": "duration", "number": 1, "total": 4}
    assert slots(events) == {"interview_asked": ["duration"], "interview_pending": "duration"}


async def test_a_no_answers_the_pending_question(make_tracker):
    tracker = make_tracker(
        [("no", "deny", [])], slots={"interview_asked": ["duration", "nerve_symptoms"], "interview_pending": "nerve_symptoms"}
    )
    _, events = await run(ActionConverse(), tracker)
    facts = slots(events)["interview_facts"]
    assert {(f["value"], f.get("role")) for f in facts} == {("weakness", "absent"), ("numbness_tingling", "absent")}


async def test_escalation_comes_first_and_is_not_repeated(make_tracker):
    tracker = make_tracker([("I fainted", "describe_symptoms", [entity("symptom", "fainting")])])
    dispatcher, events = await run(ActionConverse(), tracker)
    custom = dispatcher.messages[0]["custom"]
    assert {k: custom[k] for k in ("type", "triage", "red_flags")} == {"type": "escalation", "triage": "emergency", "red_flags": ["fainting"]}
    assert custom["level"]["title"].startswith("Emergency") and custom["level"]["action"]
    assert slots(events)["triage_level"] == "emergency"
    again, _ = await run(
        ActionRedFlags(),
        make_tracker([("I fainted", "describe_symptoms", [entity("symptom", "fainting")])], slots={"triage_level": "emergency"}),
    )
    assert again.messages == []


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
    _, events = await run(ActionForget(), make_tracker([("delete my data", "delete_data", [])]))
    assert events[0]["event"] == "restart"


def test_history_starts_after_the_last_restart(make_tracker):
    tracker = make_tracker([("weak", "describe_symptoms", [entity("symptom", "weakness")])])
    tracker.events.append({"event": "restart"})
    tracker.events.append({"event": "user", "parse_data": {"entities": [entity("symptom", "cramps")]}})
    assert entity_history(tracker) == [[entity("symptom", "cramps")]]


async def test_the_actions_answer_from_the_reading_never_from_the_text(make_tracker):
    asked = make_tracker([("what foods have magnesium, and how much should I take?", "ask_explanation", [])])
    garbled = make_tracker([("what foods have magnesium, and how much should I take?", "ask_explanation", [])])
    garbled.latest_message["text"] = garbled.events[-1]["text"] = "zzzz"
    replies = [[m.get("text") for m in (await run(ActionExplain(), t))[0].messages] for t in (asked, garbled)]
    assert replies[0] == replies[1] and "I don't give doses" in " ".join(replies[0])


async def test_an_answer_taken_for_small_talk_answers_the_pending_question_and_skips_the_fixed_response(make_tracker):
    turns = [
        ("my eyelid twitches for 10 days, no weakness", "describe_symptoms", [entity("symptom", "twitching"), entity("duration", "10")]),
        ("Not so well, I wake up at 4 most nights", "goodbye", []),
    ]
    pending = {"interview_asked": ["caffeine", "sleep"], "interview_pending": "sleep"}
    dispatcher, events = await run(ActionRedFlags(), make_tracker(turns, slots=pending))
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_listen"]  # no "goodbye" after it
    facts = next(e["value"] for e in events if e.get("name") == "interview_facts")
    assert [(f["value"], f.get("role")) for f in facts] == [("poor_sleep", None)]
    assert dispatcher.messages and "bye" not in " ".join(m.get("text") or "" for m in dispatcher.messages).lower()

    real_goodbye = [turns[0], ("ok thanks, bye", "goodbye", [])]
    _, events = await run(ActionRedFlags(), make_tracker(real_goodbye, slots=pending))
    assert not any(e.get("event") == "followup" for e in events)


async def test_a_yes_with_more_words_to_a_check_is_taken_not_met_with_sorry_i_did_not_get_that(make_tracker):
    turns = [
        ("my dad has a tight band round his chest", "describe_symptoms", [entity("symptom", "chest_pain", "unsure")]),
        ("yes, right now, its my dad not me", "nlu_fallback", []),
    ]
    pending = {"interview_asked": ["confirm:symptom:chest_pain"], "interview_pending": "confirm:symptom:chest_pain"}
    dispatcher, events = await run(ActionRedFlags(), make_tracker(turns, slots=pending))
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_listen"]  # no "didn't get that" after it
    assert any((m.get("custom") or {}).get("type") == "escalation" for m in dispatcher.messages)


async def test_more_hopelessness_read_as_small_talk_answers_the_self_harm_check_as_yes(make_tracker):
    turns = [
        ("so tired of all of it, giving my things away", "describe_symptoms", [entity("symptom", "self_harm", "unsure")]),
        ("i just dont see the point anymore", "nlu_fallback", [entity("symptom", "self_harm", "unsure")]),
    ]
    pending = {"interview_asked": ["confirm:symptom:self_harm"], "interview_pending": "confirm:symptom:self_harm"}
    dispatcher, events = await run(ActionRedFlags(), make_tracker(turns, slots=pending))
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_listen"]  # no "didn't get that" after it
    assert any((m.get("custom") or {}).get("red_flags") == ["self_harm"] for m in dispatcher.messages)


async def test_thanks_after_a_crisis_answer_gets_the_person_first_not_the_fixed_response(make_tracker):
    turns = [
        ("my legs twitch and honestly I don't want to be here anymore", "describe_symptoms",
         [entity("symptom", "twitching"), entity("symptom", "self_harm")]),
        ("ok thanks", "thank", []),
    ]  # fmt: skip
    dispatcher, events = await run(ActionRedFlags(), make_tracker(turns, slots={"triage_level": "emergency", "crisis_answered": True}))
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_listen"]  # no "Anything else about the twitching?"
    (message,) = dispatcher.messages
    assert "988" in message["text"] and "?" not in message["text"]


async def test_a_fixed_reply_asked_for_again_comes_in_other_words(make_tracker):
    welcome = "You're welcome. Anything else about the twitching I can help with?"
    domain = {"responses": {"utter_youre_welcome": [{"text": welcome}]}}
    tracker = make_tracker([("thanks", "thank", [])])
    dispatcher = CollectingDispatcher()
    events = await ActionRedFlags().run(dispatcher, tracker, domain)
    assert dispatcher.messages == [] and not any(e.get("event") == "followup" for e in events)  # first time: the rule's reply
    tracker.events.insert(0, {"event": "bot", "text": welcome})
    dispatcher = CollectingDispatcher()
    events = await ActionRedFlags().run(dispatcher, tracker, domain)
    assert dispatcher.messages and dispatcher.messages[0]["text"] != welcome
    assert any(e.get("event") == "followup" and e.get("name") == "action_listen" for e in events)  # rule's reply skipped


async def test_a_question_after_thanks_is_answered_not_thanked_for(make_tracker):
    tracker = make_tracker(
        [("my eyelid twitches", "describe_symptoms", [entity("symptom", "twitching")]), ("ok thanks, is it normal?", "thank", [])]
    )
    dispatcher, events = await run(ActionRedFlags(), tracker)
    assert [c.get("question") for c in customs(dispatcher)][:1] == ["normal"]


async def test_hello_from_someone_who_told_their_story_before_is_welcomed_back_and_asked_what_changed(make_tracker):
    story = ("my calf twitches for 3 weeks", "describe_symptoms", [entity("symptom", "twitching"), entity("duration", "21")])
    dispatcher, events = await run(ActionRedFlags(), make_tracker([story, ("hi again", "greet", [])]))
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert said.startswith("Welcome back") and "3 weeks" in said and "What has changed" in said
    dispatcher, _ = await run(ActionRedFlags(), make_tracker([("hi", "greet", [])]))
    assert dispatcher.messages == []  # a first hello: the rule's greeting


async def test_you_didnt_answer_asks_again_what_was_asked_or_says_it_was_outside(make_tracker):
    told = ("my calf twitches", "describe_symptoms", [entity("symptom", "twitching"), entity("body_part", "calf")])
    dose = ("how many mg of magnesium should i take a day?", "ask_supplements", [])
    dispatcher, _ = await run(ActionRedFlags(), make_tracker([told, dose, ("you didnt answer", "nlu_fallback", [])]))
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "dose" in said.lower() or "doses" in said.lower()  # the dose question, answered again
    # the dose question was answered, and "you didn't answer" still: no straight answer, said plainly
    tracker = make_tracker([told, dose, ("you didnt answer", "nlu_fallback", [])])
    bot = {"event": "bot", "text": "I don't give doses.", "data": {"custom": {"type": "explanation", "question": "dose"}}}
    tracker.events.insert(2, bot)
    dispatcher, _ = await run(ActionRedFlags(), tracker)
    assert texts.NO_STRAIGHT_ANSWER in " ".join(m.get("text") or "" for m in dispatcher.messages)
    nothing = ("can i go for a slow run tomorrow", "describe_symptoms", [])
    dispatcher, _ = await run(ActionRedFlags(), make_tracker([told, nothing, ("you didnt answer", "nlu_fallback", [])]))
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert texts.NOT_ANSWERED_LEAD in said


async def test_the_reading_that_brought_the_crisis_answer_stands_on_later_turns(make_tracker):
    # "everyone would be better off without me" read by the model at 0.8 gave the crisis answer; on the
    # turns after it, with the emergency level held, the same reading must not become a mere doubt
    thought = {"entity": "symptom", "value": "self_harm", "extractor": "MeaningClassifier", "confidence_entity": 0.8}
    turns = [("my legs twitch all night and everyone would be better off without me", "describe_symptoms", [thought]),
             ("yeah", "affirm", [])]  # fmt: skip
    tracker = make_tracker(turns, slots={"triage_level": "emergency", "crisis_answered": True})
    history = entity_history(tracker)
    assert history[0][0].get("role") is None


async def test_a_question_the_self_harm_check_interrupted_is_answered_after_no(make_tracker):
    # "... i dont see the point of anything anymore. is magnesium safe to take?" got the check first;
    # the "no" to it must bring the answer to the magnesium question, not the next interview question
    faint = {"entity": "symptom", "value": "self_harm", "role": "unsure", "extractor": "MeaningClassifier"}
    story = ("my calf twitches and i dont see the point anymore. is magnesium safe to take?", "ask_supplements",
             [entity("symptom", "twitching"), faint])  # fmt: skip
    tracker = make_tracker([story, ("no", "deny", [])], slots={"interview_pending": "confirm:symptom:self_harm",
                                                              "interview_asked": ["confirm:symptom:self_harm"]})  # fmt: skip
    tracker.events.insert(1, {"event": "bot", "text": "Just to check...", "data": {"custom": {"question": "confirm:symptom:self_harm"}}})
    dispatcher, events = await run(ActionRedFlags(), tracker)
    topics = [c.get("topic") or c.get("question") for c in customs(dispatcher)]
    assert any(t in ("supplements", "safety", "magnesium") for t in topics), topics
    assert slots(events).get("interview_pending", "confirm:symptom:self_harm") != "confirm:symptom:self_harm"  # answered
    # a message read as pushing back before anything was advised is no question to answer after the "no"
    pushing = ("my eye twitches and the internet says i'm dying in 42 hours lol. whatever", "describe_symptoms",
               [entity("symptom", "twitching"), faint])  # fmt: skip
    tracker = make_tracker([pushing, ("no", "deny", [])], slots={"interview_pending": "confirm:symptom:self_harm",
                                                                "interview_asked": ["confirm:symptom:self_harm"]})  # fmt: skip
    tracker.events[0]["parse_data"]["reading"]["questions"] = [{"topic": "pushback", "confidence": 0.7}]
    dispatcher, events = await run(ActionRedFlags(), tracker)
    assert "pushback" not in [c.get("question") for c in customs(dispatcher)]
    assert slots(events).get("interview_pending", "confirm:symptom:self_harm") != "confirm:symptom:self_harm"  # answered
    # a "yes" brings the crisis answer alone, the magnesium question waits
    tracker = make_tracker([story, ("yes", "affirm", [])], slots={"interview_pending": "confirm:symptom:self_harm",
                                                                 "interview_asked": ["confirm:symptom:self_harm"]})  # fmt: skip
    dispatcher, _ = await run(ActionRedFlags(), tracker)
    assert not any(c.get("topic") in ("supplements", "safety") for c in customs(dispatcher))


async def test_a_question_any_check_interrupted_is_answered_after_no(make_tracker):
    # round 21 c03: "... I can't get it out of my head. is it ALS?" got "have you been confused?" first; after the "no",
    # the next interview question, and the fear of ALS never answered
    doubt = {"entity": "symptom", "value": "confusion", "role": "unsure", "extractor": "MeaningClassifier"}
    story = ("my arms twitch for a month and i cant get ALS out of my head. is it ALS?", "ask_explanation",
             [entity("symptom", "twitching"), entity("duration", "30"), doubt])  # fmt: skip
    tracker = make_tracker([story, ("no, i'm just scared", "deny", [])], slots={
        "interview_pending": "confirm:symptom:confusion", "interview_asked": ["confirm:symptom:confusion"]})  # fmt: skip
    tracker.events[0]["parse_data"]["reading"]["questions"] = [{"topic": "feared", "disease": "ALS", "confidence": 0.9}]
    tracker.events.insert(1, {"event": "bot", "text": "Just to check...", "data": {"custom": {"question": "confirm:symptom:confusion"}}})
    dispatcher, events = await run(ActionRedFlags(), tracker)
    assert "feared" in [c.get("question") for c in customs(dispatcher)]
    assert slots(events).get("interview_pending", "confirm:symptom:confusion") != "confirm:symptom:confusion"  # answered


async def test_words_of_push_back_before_anything_was_advised_are_part_of_the_story(make_tracker):
    # a first message that reads like push back ("so tired of it, can't take much more of this") has nothing to
    # push back on: a faint reading of self-harm beside it is asked about, never quieted by the push back
    faint = {"entity": "symptom", "value": "self_harm", "role": "unsure", "extractor": "MeaningClassifier", "confidence_entity": 0.14}
    first = ("my whole body twitches and i'm worn down by it, i can't do this much longer", "describe_symptoms",
             [entity("symptom", "twitching"), entity("body_part", "all_over"), faint])  # fmt: skip
    tracker = make_tracker([first])
    reading = tracker.latest_message["reading"]
    reading["questions"] = [{"topic": "pushback", "confidence": 0.88, "amount": False}]
    reading["objections"] = ["better"]
    dispatcher, events = await run(ActionConverse(), tracker)
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "harming yourself" in said and slots(events).get("interview_pending") == "confirm:symptom:self_harm", said
    assert not any(c.get("question") == "pushback" for c in customs(dispatcher))


async def test_a_first_message_read_as_some_answer_still_gets_the_check_on_a_faint_thought_of_self_harm(make_tracker):
    # a first message the model also reads as an answer to an interview question nobody asked ("sorted who gets the
    # dog, cancelled the gym, i won't need it") is no answer: its faint reading of self-harm is asked about
    faint = {"entity": "symptom", "value": "self_harm", "role": "unsure", "extractor": "MeaningClassifier", "confidence_entity": 0.2}
    first = ("sorted out who gets the dog and cancelled my gym, i won't need any of it soon", "describe_symptoms", [faint])
    tracker = make_tracker([first])
    tracker.latest_message["reading"]["answers"] = {"exercise": "deny"}
    dispatcher, events = await run(ActionConverse(), tracker)
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "harming yourself" in said and slots(events).get("interview_pending") == "confirm:symptom:self_harm", said
    # the same reading right after the exercise question was asked is an answer to it: the faint reading waits
    tracker = make_tracker([first], slots={"interview_pending": "exercise", "interview_asked": ["exercise"]})
    tracker.latest_message["reading"]["answers"] = {"exercise": "deny"}
    tracker.events.insert(0, {"event": "slot", "name": "interview_pending", "value": "exercise"})
    dispatcher, events = await run(ActionConverse(), tracker)
    assert "harming yourself" not in " ".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.mark.parametrize("intent", ["nlu_fallback", "thank", "ask_doctor"])
async def test_a_plan_to_be_seen_after_the_advice_is_acknowledged_not_met_with_sorry_or_the_card_again(make_tracker, intent):
    # round 32 c12: "ok ill book him in. thanks" got "Sorry, I didn't quite get that"; "i'll make a gp appointment then"
    # got the level's card and the paragraph about seeing a doctor again
    turns = [
        ("my arm has twitched for 3 weeks", "describe_symptoms", [entity("symptom", "twitching"), entity("duration", "21")]),
        ("ok ill get one booked in, ta", intent, []),
    ]
    tracker = make_tracker(turns, slots={"triage_level": "doctor", "assessed": True})
    tracker.latest_message["reading"]["going"] = True
    action = ActionExplain() if intent == "ask_doctor" else ActionRedFlags()
    dispatcher, _ = await run(action, tracker)
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert said.startswith("Good, that's a sensible plan.") and "didn't quite get" not in said, said
    assert not any(c.get("type") in ("assessment", "explanation") for c in customs(dispatcher))



async def test_a_summary_given_is_not_given_again_after_no_to_a_later_check(make_tracker):
    # round 35 c07: the summary was asked for and given; a check came a turn later, and "what?? no! why would you ask
    # that" brought the summary a second time, as if the check had interrupted it
    faint = {"entity": "symptom", "value": "self_harm", "role": "unsure", "extractor": "MeaningClassifier"}
    asks = ("can you do a summary I can read out to the midwife", "ask_summary", [])
    story = ("my legs twitch at night", "describe_symptoms", [entity("symptom", "twitching"), faint])
    tracker = make_tracker([asks, story, ("no", "deny", [])], slots={"interview_pending": "confirm:symptom:self_harm",
                                                                    "interview_asked": ["confirm:symptom:self_harm"]})  # fmt: skip
    tracker.events[0]["parse_data"]["reading"]["questions"] = [{"topic": "summary", "confidence": 1.0}]
    tracker.events.insert(1, {"event": "bot", "text": "Summary to show a doctor ...", "data": {"custom": {"type": "summary"}}})
    dispatcher, _ = await run(ActionRedFlags(), tracker)
    assert "summary" not in [c.get("type") for c in customs(dispatcher)]


async def test_you_didnt_answer_after_a_plain_yes_says_that_answer_again_in_short(make_tracker):
    # round 37 c21: "you still havent said if its normal" after "Yes: twitching is very common" got "My documents don't
    # give a yes or no on that"
    told = ("my calf twitches", "describe_symptoms", [entity("symptom", "twitching"), entity("body_part", "calf")])
    normal = ("is that normal?", "ask_normal", [])
    tracker = make_tracker([told, normal, ("you still havent told me", "nlu_fallback", [])])
    bot = {"event": "bot", "text": "Yes: twitching is very common.", "data": {"custom": {"type": "explanation", "question": "normal"}}}
    tracker.events.insert(2, bot)
    dispatcher, _ = await run(ActionRedFlags(), tracker)
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "very common" in said and texts.NO_STRAIGHT_ANSWER not in said


async def test_a_no_to_a_check_with_a_few_words_pointing_back_answers_the_question_the_check_held(make_tracker):
    # round 37 c23: "should i mention the eye thing to the doctor too?" got the self-harm check; "No. the eye thing?" (read
    # as what causes it) passed the held question over again
    faint = {"entity": "symptom", "value": "self_harm", "role": "unsure", "extractor": "MeaningClassifier"}
    story = ("my eyelid twitches and im worried. should i tell the doctor about my blurry eye too?", "ask_doctor",
             [entity("symptom", "twitching"), faint])  # fmt: skip
    again = ("No. the blurry eye?", "deny", [])
    tracker = make_tracker([story, again], slots={"interview_pending": "confirm:symptom:self_harm",
                                                  "interview_asked": ["confirm:symptom:self_harm"]})  # fmt: skip
    tracker.events[0]["parse_data"]["reading"]["questions"] = [{"topic": "mention", "confidence": 1.0}]
    tracker.events[-1]["parse_data"]["reading"]["questions"] = [{"topic": "cause", "confidence": 0.93}]
    tracker.events.insert(1, {"event": "bot", "text": "Just to check...", "data": {"custom": {"question": "confirm:symptom:self_harm"}}})
    dispatcher, _ = await run(ActionRedFlags(), tracker)
    assert "mention" in [c.get("question") for c in customs(dispatcher)]
