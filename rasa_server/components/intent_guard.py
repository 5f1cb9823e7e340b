"""Rasa NLU component: a question is answered as asked; a message that states facts is never
small talk or a reset.

Runs last (after FallbackClassifier). A message that asks one of the questions of
bot/questions.py (a dose, a feared disease, "can X cause this" of a named X, "should I
worry"...) gets the intent `ask_explanation`, whatever the classifier guessed (small talk, a description, "are
you a bot?"), so the action that answers questions answers it; a yes, no or "I don't know"
stays what it is (it answers the bot's own question). A feared disease named without a
fear word of the lexicon is the `distress` the policy's doctor row means.

Otherwise, When the predicted intent is a greeting, thanks,
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
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import questions
from bot.dialogue import topic_from
from bot.knowledge.contract import ROLE_ABSENT, ROLE_HYPOTHETICAL
from bot.knowledge.table import default_kb

GUARDED = {"greet", "goodbye", "thank", "out_of_scope", "nlu_fallback", "start_over", "delete_data", "bot_challenge"}
FACT_TYPES = {"symptom", "lifestyle_factor", "medication", "diet", "duration"}
# Intents a recognised question never overrides: an answer to the bot's question, a reset,
# a deletion, a message in another language.
KEPT = {"affirm", "deny", "dont_know", "start_over", "delete_data", "not_english", "ask_summary"}
QUESTION_INTENT = "ask_explanation"
GUARD_NAME = "IntentGuard"


def question_intent(intent: str, text: str, entities: List[Dict[str, Any]]) -> str | None:
    """`ask_explanation` for a message that asks a known question, else None.

    "What's causing it?" names no cause: it asks for the assessment and keeps its intent;
    "could it be my coffee?" names one, and gets that cause explained.
    """
    if intent in KEPT or intent == QUESTION_INTENT or not text:
        return None
    kinds = {a.kind for a in questions.asked(text)}
    if kinds == {questions.CAUSE} and topic_from(default_kb(), entities, text) is None:
        return None
    return QUESTION_INTENT if kinds else None


def feared_distress(text: str, entities: List[Dict[str, Any]]) -> Dict[str, Any] | None:
    """A `distress` entity for a feared disease the lexicon did not mark ("could it be MS?")."""
    if any(e.get("entity") == "symptom" and e.get("value") == "distress" for e in entities):
        return None
    if questions.feared_disease(text) is None or not questions.asked(text):
        return None
    return {"entity": "symptom", "value": "distress", "start": 0, "end": len(text), "extractor": GUARD_NAME}


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
            text = message.get(TEXT) or ""
            entities = list(message.get(ENTITIES, []))
            if (fear := feared_distress(text, entities)) is not None:
                message.set(ENTITIES, [*entities, fear], add_to_output=True)
            new = question_intent(str(name), text, entities) or guarded_intent(str(name), entities)
            if name and new != name:
                message.set(INTENT, {**intent, "name": new, "guarded_from": name}, add_to_output=True)
        return messages
