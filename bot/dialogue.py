"""One user turn in, the bot's replies out: the conversation logic, without Rasa.

The Rasa actions hand over what the user said in this conversation (their entities, in
order) and the latest message; these functions decide what to say.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from bot import answers
from bot.answers import Reply
from bot.evidence import Evidence
from bot.knowledge.table import KnowledgeBase, normalise
from bot.reasoning import assess

# Entity types that can name a topic to explain.
_TOPIC_TYPES = ("nutrient", "lifestyle_factor", "medication", "symptom")

# What an entity the user asks about points to, when it is not itself a cause or nutrient.
_FACTOR_TOPICS = {
    "caffeine": "caffeine_stimulants",
    "stimulants": "caffeine_stimulants",
    "stress": "stress_anxiety",
    "anxiety": "stress_anxiety",
    "poor_sleep": "sleep_deprivation",
    "intense_exercise": "strenuous_exercise",
    "heavy_sweating": "dehydration_electrolytes",
    "low_fluid_intake": "dehydration_electrolytes",
    "excessive_water_intake": "dehydration_electrolytes",
    "low_sun_exposure": "sun",
    "darker_skin": "sun",
    "high_latitude": "sun",
    "diuretic": "medication_side_effect",
    "corticosteroid": "medication_side_effect",
    "vitamin_d_supplement": "supplements",
    "vitamin_b12_supplement": "supplements",
    "magnesium_supplement": "supplements",
    "calcium_supplement": "supplements",
    "potassium_supplement": "supplements",
}


def evidence_from(history: Iterable[Sequence[Mapping]]) -> Evidence:
    """Evidence from every user message of the conversation, oldest first."""
    ev = Evidence()
    for entities in history:
        ev = Evidence.from_entities(entities, ev)
    return ev


def topic_from(kb: KnowledgeBase, entities: Sequence[Mapping], text: str = "") -> str | None:
    """The cause, nutrient or general topic the user asks about, if they name one."""
    for entity in entities:
        if entity.get("entity") not in _TOPIC_TYPES:
            continue
        value = str(entity.get("value"))
        if value in kb.nutrients or value in kb.causes:
            return value
        if value in _FACTOR_TOPICS:
            return _FACTOR_TOPICS[value]
    said = f" {normalise(text)} "
    for cid, cause in kb.causes.items():
        if any(f" {alias} " in said for alias in cause.aliases):
            return cid
    for tid, topic in kb.topics.items():
        if any(f" {alias} " in said for alias in topic.aliases):
            return tid
    return None


def converse(kb: KnowledgeBase, history: Sequence[Sequence[Mapping]]) -> list[Reply]:
    """The user described their twitching or gave facts: understood, escalation, assessment."""
    ev = evidence_from(history)
    result = assess(kb, ev)
    replies: list[Reply] = []
    said_back = answers.understood(kb, ev)
    if result.triage.is_escalation:
        replies.append(answers.escalation(kb, result.triage))
    if said_back:
        replies.append(Reply(text=said_back))
    replies.extend(answers.assessment(kb, result))
    return replies


def explain(
    kb: KnowledgeBase, history: Sequence[Sequence[Mapping]], latest: Sequence[Mapping], text: str, intent: str
) -> list[Reply]:
    topic = {"ask_sun": "sun", "ask_supplements": "supplements", "ask_doctor": "doctor"}.get(intent)
    topic = topic_from(kb, latest, text) or topic
    if topic is None:
        # "why?": explain the likeliest cause of what they told us.
        result = assess(kb, evidence_from(history))
        topic = result.top(1)[0].id
    return [answers.explanation(kb, topic)]


def foods(kb: KnowledgeBase, history: Sequence[Sequence[Mapping]], latest: Sequence[Mapping]) -> list[Reply]:
    ev = evidence_from(history)
    asked = [str(e["value"]) for e in latest if e.get("entity") == "nutrient" and e.get("value") in kb.nutrients]
    if not asked:
        result = assess(kb, ev)
        asked = [kb.causes[c.id].nutrient for c in result.top(3) if kb.causes[c.id].nutrient and c.has_evidence]  # type: ignore[misc]
    if not asked:
        asked = ["magnesium", "calcium", "potassium"]
    return answers.foods(kb, list(dict.fromkeys(asked)), ev.diets)


def summary(kb: KnowledgeBase, history: Sequence[Sequence[Mapping]]) -> list[Reply]:
    return [answers.summary(kb, assess(kb, evidence_from(history)))]
