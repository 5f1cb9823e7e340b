"""Rasa NLU component: a question is answered as asked; a message that states facts is never
small talk or a reset.

Runs after FallbackClassifier. A message that asks a question (the `reading` the
MeaningClassifier made: a dose, a feared disease, "can X cause this", "should I worry"...) but was
taken for small talk ("is it MS?" for "are you a bot?") gets the intent `ask_explanation`,
so an action answers it instead of a fixed response (or the summary); every other intent is kept, and its
action answers the question first (bot.dialogue.answer). A feared disease named without a
fear word of the lexicon is the `distress` the policy's doctor row means.

Otherwise, when the predicted intent is a greeting, thanks,
goodbye, out of scope, an unclear message, a reset ("start over") or a deletion request,
but the message affirms facts about the person (a symptom, a lifestyle factor, a
medication, a diet or a duration), the intent becomes `describe_symptoms` (a symptom is
named) or `give_info`. "Forgot to say, I started water pills" must not restart the
conversation and lose what the user said. And a deletion or a reset needs its words ("delete",
"start over"...): "do you remember what you told me?" is no deletion.
"""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import free_answers
from bot.knowledge.contract import ROLE_ABSENT, ROLE_HYPOTHETICAL
from bot.nlu.normalise import normalise
from bot.questions import questions_in
from bot.understood import READING, Asked, Understood

GUARDED = {"greet", "goodbye", "thank", "out_of_scope", "nlu_fallback", "start_over", "delete_data", "bot_challenge"}
FACT_TYPES = {"symptom", "lifestyle_factor", "medication", "diet", "duration"}
# Intents whose reply does not read the message: a fixed response, or the summary of what was said
# so far. A known question read as one of them would get "I'm an automated assistant", a goodbye
# or a summary instead of its answer ("is this something normal" taken for "summary").
NOT_READ = {"greet", "goodbye", "thank", "out_of_scope", "nlu_fallback", "bot_challenge", "ask_summary"}
QUESTION_INTENT = "ask_explanation"
GUARD_NAME = "IntentGuard"


# The topics an intent's own action answers: that intent is kept ("a summary for my doctor").
ANSWERED_BY = {"ask_summary": frozenset({"summary"}), "out_of_scope": frozenset({"off_topic"})}
# A question the meaning model is less sure of than this does not override small talk.
REROUTE_FLOOR = 0.6


def question_intent(intent: str, asked: Sequence[Asked]) -> str | None:
    """`ask_explanation` for a question the classifier took for small talk or a summary request,
    else None.

    Only the intents whose replies would swallow the question are changed ("is it MS?" read as
    "are you a bot?"), and only for a clear question that the intent's own action does not
    answer; the actions of every other intent answer a question first (bot.dialogue.answer),
    so the classifier's intent stays what it found.
    """
    clear = {a.topic for a in asked if a.confidence >= REROUTE_FLOOR}
    if intent not in NOT_READ or not clear or clear <= ANSWERED_BY.get(intent, frozenset()):
        return None
    return QUESTION_INTENT


def feared_distress(text: str, entities: List[Dict[str, Any]], asked: Sequence[Asked]) -> Dict[str, Any] | None:
    """A `distress` entity for a feared disease the lexicon did not mark ("could it be MS?")."""
    if any(e.get("entity") == "symptom" and e.get("value") == "distress" for e in entities):
        return None
    if not any(a.topic == "feared" and a.disease for a in asked):
        return None
    return {"entity": "symptom", "value": "distress", "start": 0, "end": len(text), "extractor": GUARD_NAME}


# Out of scope only when the classifier is fairly sure: "he plays on his ipad a lot", told of a child, read at 0.43
# got "Sorry, I can only help with muscle twitching"; said unsure, it is more of the story (the actions hear it).
OUT_OF_SCOPE_FLOOR = 0.6


def unsure_out_of_scope(intent: str, confidence: float, asked: Sequence[Asked], text: str = "") -> str | None:
    """`give_info` for a message only faintly read as out of scope that tells something (no question: "whats the
    weather gonna be like tomorrow" stays out of scope, round 26 c13), else None."""
    off_topic = any(a.topic == "off_topic" for a in asked) or bool(questions_in(normalise(text)))
    return "give_info" if intent == "out_of_scope" and confidence < OUT_OF_SCOPE_FLOOR and not off_topic else None


def guarded_intent(intent: str, entities: List[Dict[str, Any]]) -> str:
    """The intent to use for a message with these entities."""
    if intent not in GUARDED:
        return intent
    facts = [e for e in entities if e.get("entity") in FACT_TYPES and e.get("role") not in (ROLE_HYPOTHETICAL,)]
    if not facts:
        return intent
    affirmed_symptom = any(e.get("entity") == "symptom" and e.get("role") != ROLE_ABSENT for e in facts)
    return "describe_symptoms" if affirmed_symptom else "give_info"


# Intents that lose what the user said, and the words that must ask for it.
DESTRUCTIVE = {"delete_data": free_answers.asks_to_delete, "start_over": free_answers.asks_to_start_over}


def said_in_words(intent: str, text: str) -> str:
    """A deletion or a reset only when the message asks for it in words; otherwise an unclear message
    (asked again), never a conversation lost to a guess. A goodbye without a word of leaving ("still
    there") is more of the story: the conversation goes on where it was."""
    if intent == "goodbye" and not free_answers.says_farewell(text):
        return "give_info"
    asks = DESTRUCTIVE.get(intent)
    return "nlu_fallback" if asks is not None and not asks(text) else intent


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
            asked = Understood.from_parse({READING: message.get(READING)}).asked  # the message's one reading
            if (fear := feared_distress(text, entities, asked)) is not None:
                message.set(ENTITIES, [*entities, fear], add_to_output=True)
            confidence = float(intent.get("confidence") or 0.0)
            new = (
                question_intent(str(name), asked)
                or unsure_out_of_scope(str(name), confidence, asked, text)
                or guarded_intent(str(name), entities)
            )
            new = said_in_words(new, text)
            if name and new != name:
                message.set(INTENT, {**intent, "name": new, "guarded_from": name}, add_to_output=True)
        return messages
