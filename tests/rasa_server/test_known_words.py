"""A keyboard mash or a lone emoji is not a "yes" or a "no" to the pending question."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_server.components.known_words import KnownWordsCheck
from tests.conftest import entity

TRAINING = ["yes", "yeah sure", "no", "nope, not at all", "👍", "my eyelid twitches...", "I drink coffee"]


@pytest.fixture(scope="module")
def check(tmp_path_factory):
    """Trained on a few examples, persisted, and loaded back as the server would."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("known"))
    resource = Resource("known_words")
    context = ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    data = TrainingData([Message(data={TEXT: text, INTENT: "any"}) for text in TRAINING])
    tokenizer.process_training_data(data)
    KnownWordsCheck.create({}, storage, resource, context).train(data)
    return tokenizer, KnownWordsCheck.load({}, storage, resource, context)


def classify(check, text, intent, entities=()):
    tokenizer, component = check
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}, ENTITIES: list(entities)})
    tokenizer.process([message])
    component.process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text, intent",
    [("asdfgh", "affirm"), ("qwerty uiop", "deny"), ("lol", "affirm"), ("😀", "affirm"), ("...", "affirm"), ("123", "deny")],
)
def test_a_yes_or_no_without_a_known_word_asks_to_rephrase(check, text, intent):
    assert classify(check, text, intent) == "nlu_fallback"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("yes", "affirm"),
        ("Yes!", "affirm"),  # whitespace tokens keep the "!": one letter away
        ("yess", "affirm"),  # a typo of a known word
        ("nopee", "deny"),
        ("👍", "affirm"),
        ("sure, asdf", "affirm"),  # one known word is enough
        ("NO", "deny"),
    ],
)
def test_a_yes_or_no_with_a_known_word_is_kept(check, text, intent):
    assert classify(check, text, intent) == intent


def test_only_answers_are_checked(check):
    assert classify(check, "asdfgh", "greet") == "greet"
    assert classify(check, "asdfgh", "give_info") == "give_info"


def test_a_message_with_an_entity_is_kept(check):
    assert classify(check, "qwzx", "affirm", [entity("symptom", "twitching")]) == "affirm"
