"""Rasa NLU component: a message that states facts is never small talk or a reset.

Runs last (after FallbackClassifier). When the predicted intent is a greeting, thanks,
goodbye, out of scope, an unclear message, a reset ("start over") or a deletion request,
but the message affirms facts about the person (a symptom, a lifestyle factor, a
medication, a diet or a duration), the intent becomes `describe_symptoms` (a symptom is
named) or `give_info`. "Forgot to say, I started water pills" must not restart the
conversation and lose what the user said.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge.contract import ROLE_ABSENT, ROLE_HYPOTHETICAL

GUARDED = {"greet", "goodbye", "thank", "out_of_scope", "nlu_fallback", "start_over", "delete_data", "bot_challenge"}
FACT_TYPES = {"symptom", "lifestyle_factor", "medication", "diet", "duration"}


def guarded_intent(intent: str, entities: List[Dict[str, Any]]) -> str:
    """The intent to use for a message with these entities."""
    if intent not in GUARDED:
        return intent
    facts = [e for e in entities if e.get("entity") in FACT_TYPES and e.get("role") not in (ROLE_HYPOTHETICAL,)]
    if not facts:
        return intent
    affirmed_symptom = any(e.get("entity") == "symptom" and e.get("role") != ROLE_ABSENT for e in facts)
    return "describe_symptoms" if affirmed_symptom else "give_info"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentGuard(GraphComponent):
    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> IntentGuard:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name = intent.get("name")
            new = guarded_intent(str(name), message.get(ENTITIES, []))
            if name and new != name:
                message.set(INTENT, {**intent, "name": new, "guarded_from": name}, add_to_output=True)
        return messages
