"""A message that states facts is never small talk or a reset."""

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge.table import default_kb
from bot.understood import READING
from rasa_server.components.intent_guard import IntentGuard, question_intent, said_in_words
from tests.conftest import entity, heard


@pytest.mark.parametrize(
    "intent, entities, expected",
    [
        ("start_over", [entity("medication", "diuretic")], "give_info"),  # "forgot to say, I started water pills"
        ("goodbye", [entity("lifestyle_factor", "poor_sleep")], "give_info"),
        ("nlu_fallback", [entity("symptom", "difficulty_breathing")], "describe_symptoms"),
        ("greet", [entity("symptom", "twitching"), entity("duration", "14")], "describe_symptoms"),
        ("start_over", [], "start_over"),
        ("thank", [entity("symptom", "chest_pain", "hypothetical")], "thank"),
        ("ask_foods", [entity("diet", "vegan")], "ask_foods"),
    ],
)
def test_intents_with_facts_become_describing_or_giving_info(tmp_path, intent, entities, expected):
    guard = IntentGuard.create({}, LocalModelStorage(tmp_path), Resource("guard"), ExecutionContext(GraphSchema({}), "test"))
    message = Message(data={TEXT: "let's start over", INTENT: {"name": intent, "confidence": 0.5}, ENTITIES: entities})
    guard.process([message])
    assert message.get(INTENT)["name"] == expected


def guarded(tmp_path, text, intent, entities=(), confidence=0.5):
    """The guard on a message as the MeaningClassifier leaves it: with its reading (here by the rules)."""
    guard = IntentGuard.create({}, LocalModelStorage(tmp_path), Resource("guard"), ExecutionContext(GraphSchema({}), "test"))
    reading = heard(default_kb(), text, list(entities)).as_dict()
    data = {TEXT: text, INTENT: {"name": intent, "confidence": confidence}, ENTITIES: list(entities), READING: reading}
    message = Message(data=data)
    guard.process([message])
    return message


@pytest.mark.parametrize(
    "text, intent",
    [
        ("could this be MS?", "bot_challenge"),  # was answered "I'm an automated assistant"
        ("how many units a day?", "nlu_fallback"),
        ("is this normal? thanks", "thank"),
        ("should i worry if i get chest pain", "out_of_scope"),
        ("is this something normal for a runner", "ask_summary"),  # the summary would not answer it
    ],
)
def test_a_known_question_taken_for_small_talk_goes_to_the_action_that_answers(tmp_path, text, intent):
    assert guarded(tmp_path, text, intent).get(INTENT)["name"] == "ask_explanation"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("yes, is that normal?", "affirm"),
        ("I don't know, is it serious?", "dont_know"),
        ("delete my data, is it stored?", "delete_data"),
        ("how much vitamin d should i take", "ask_supplements"),  # its action answers the dose question
        ("can my medication cause muscle twitching?", "ask_assessment"),
        ("my eyelid twitches for a week, is it normal?", "describe_symptoms"),
    ],
)
def test_other_intents_are_kept_and_their_actions_answer_the_question(tmp_path, text, intent):
    assert guarded(tmp_path, text, intent).get(INTENT)["name"] == intent


def test_a_feared_disease_the_lexicon_missed_is_distress(tmp_path):
    entities = guarded(tmp_path, "could this be MS?", "bot_challenge").get(ENTITIES)
    assert [(e["entity"], e["value"]) for e in entities] == [("symptom", "distress")]
    already = [entity("symptom", "distress")]
    assert guarded(tmp_path, "is it ALS?", "ask_explanation", already).get(ENTITIES) == already
    assert guarded(tmp_path, "my aunt had a stroke years ago", "describe_symptoms").get(ENTITIES) == []


@pytest.mark.parametrize(
    "intent, text, kept",
    [
        ("delete_data", "please delete everything I told you", True),
        ("delete_data", "do you remember what you told me?", False),
        ("delete_data", "ugh forget it", False),  # "never mind" (round 40 c21: the whole conversation deleted)
        ("delete_data", "forget it then, just delete my data", True),
        ("start_over", "can we start over", True),
        ("start_over", "ok so where were we", False),
    ],
)
def test_a_deletion_or_a_reset_happens_only_when_asked_for_in_words(intent, text, kept):
    assert (said_in_words(intent, text) == intent) is kept


@pytest.mark.parametrize(
    "text, kept",
    [
        ("ok thanks, bye", True),
        ("gotta run, have a good one", True),
        ("night night", True),
        ("still there", False),  # the twitch is: more of the story, not leaving
        ("same as before tbh", False),
        ("hasn't gone anywhere", False),
    ],
)
def test_a_goodbye_needs_a_word_of_leaving(text, kept):
    assert (said_in_words("goodbye", text) == "goodbye") is kept


def test_every_goodbye_the_classifier_learns_from_has_a_word_of_leaving():
    data = yaml.safe_load(open("data/nlu.yml"))
    examples = [
        line[2:] for item in data["nlu"] if item.get("intent") == "goodbye" for line in item["examples"].splitlines() if line.startswith("- ")
    ]
    assert len(examples) > 20 and [e for e in examples if said_in_words("goodbye", e) != "goodbye"] == []


def test_a_question_about_something_else_keeps_its_out_of_scope_reply_but_a_twitching_question_does_not():
    from bot.understood import Asked

    assert question_intent("out_of_scope", [Asked("off_topic", confidence=0.9)]) is None  # its own fixed reply says it
    assert question_intent("out_of_scope", [Asked("see_doctor", confidence=0.9)]) == "ask_explanation"  # "can it wait?"



def test_a_message_only_faintly_out_of_scope_is_more_of_the_story(tmp_path):
    # "he plays on his ipad a lot", told of a child, read out of scope at 0.43: "Sorry, I can only help with muscle
    # twitching" mid-conversation; said unsure, it goes to the conversation, which hears it
    assert guarded(tmp_path, "she watches videos on her tablet for hours", "out_of_scope", confidence=0.43).get(INTENT)["name"] == "give_info"
    assert guarded(tmp_path, "book me a flight to lisbon", "out_of_scope", confidence=0.9).get(INTENT)["name"] == "out_of_scope"
    # a question, however faint, stays out of scope (round 26 c13: the weather asked got a self-harm check)
    assert guarded(tmp_path, "whats the score in the match tonight", "out_of_scope", confidence=0.45).get(INTENT)["name"] == "out_of_scope"
