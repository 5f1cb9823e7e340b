"""The text normaliser (rasa_server/components/normaliser.py): every later component reads the plain
form of a message, and the user's characters are kept for what must see them."""

from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_server.components.normaliser import TEXT_AS_TYPED, TextNormaliser

PHONE = "i can\u2019t breathe\u200b and my \uff45yelid twitches"  # a curly apostrophe, a zero-width space, a fullwidth e


def normaliser(tmp_path) -> TextNormaliser:
    return TextNormaliser.create({}, LocalModelStorage(tmp_path), Resource("normaliser"), ExecutionContext(GraphSchema({}), "t"))


def test_a_message_typed_on_a_phone_is_read_in_its_plain_form_and_kept_as_typed(tmp_path):
    message = Message(data={TEXT: PHONE})
    normaliser(tmp_path).process([message])
    assert message.get(TEXT) == "i can't breathe and my eyelid twitches"
    assert message.get(TEXT_AS_TYPED) == PHONE


def test_a_plain_message_is_left_as_it_is(tmp_path):
    message = Message(data={TEXT: "my eyelid twitches"})
    normaliser(tmp_path).process([message, Message(data={INTENT: "greet"})])  # and one without text
    assert message.get(TEXT) == "my eyelid twitches" and message.get(TEXT_AS_TYPED) is None


def test_training_examples_are_read_as_messages_are(tmp_path):
    data = TrainingData([Message(data={TEXT: PHONE, INTENT: "inform"})])
    normaliser(tmp_path).process_training_data(data)
    assert data.training_examples[0].get(TEXT) == "i can't breathe and my eyelid twitches"
