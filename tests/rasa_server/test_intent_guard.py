"""A message that states facts is never small talk or a reset."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_server.components.intent_guard import IntentGuard
from tests.conftest import entity


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
    message = Message(data={TEXT: "...", INTENT: {"name": intent, "confidence": 0.5}, ENTITIES: entities})
    guard.process([message])
    assert message.get(INTENT)["name"] == expected
