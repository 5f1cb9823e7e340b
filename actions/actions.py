"""Rasa SDK actions: thin wrappers that read the tracker, call bot/, and dispatch.

The knowledge base is loaded once, on the first action call, not at import.
"""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import dialogue
from bot.answers import Reply
from bot.knowledge.contract import level_rank
from bot.knowledge.table import default_kb


def with_text(entities: List[Dict[str, Any]], text: str) -> List[Dict[str, Any]]:
    """Add the user's own words (`text`) to entities that carry only offsets."""
    out = []
    for entity in entities:
        start, end = entity.get("start"), entity.get("end")
        if "text" not in entity and isinstance(start, int) and isinstance(end, int) and text:
            entity = {**entity, "text": text[start:end]}
        out.append(entity)
    return out


def entity_history(tracker: Tracker) -> List[List[Dict[str, Any]]]:
    """The entities of every user message since the last restart, oldest first."""
    history: List[List[Dict[str, Any]]] = []
    for event in tracker.events:
        if event.get("event") == "restart":
            history = []
        elif event.get("event") == "user":
            parse = event.get("parse_data") or {}
            history.append(with_text(list(parse.get("entities") or []), event.get("text") or ""))
    return history


def dispatch(dispatcher: CollectingDispatcher, replies: Sequence[Reply]) -> None:
    for reply in replies:
        if reply.response:
            dispatcher.utter_message(response=reply.response)
            continue
        dispatcher.utter_message(text=reply.text, buttons=reply.buttons or None, json_message=reply.custom)


def _level_events(tracker: Tracker, replies: Sequence[Reply]) -> List[EventType]:
    levels = [r.custom["triage"] for r in replies if r.custom and "triage" in r.custom]
    if not levels:
        return []
    highest = max(levels, key=level_rank)
    return [SlotSet("triage_level", highest)]


class ActionConverse(Action):
    def name(self) -> str:
        return "action_converse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        replies = dialogue.converse(default_kb(), entity_history(tracker))
        dispatch(dispatcher, replies)
        return _level_events(tracker, replies)


class ActionExplain(Action):
    def name(self) -> str:
        return "action_explain"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        latest = tracker.latest_message or {}
        replies = dialogue.explain(
            default_kb(),
            entity_history(tracker),
            latest.get("entities") or [],
            latest.get("text") or "",
            (latest.get("intent") or {}).get("name") or "",
        )
        dispatch(dispatcher, replies)
        return []


class ActionFoods(Action):
    def name(self) -> str:
        return "action_foods"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        latest = tracker.latest_message or {}
        dispatch(dispatcher, dialogue.foods(default_kb(), entity_history(tracker), latest.get("entities") or []))
        return []


class ActionSummary(Action):
    def name(self) -> str:
        return "action_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        dispatch(dispatcher, dialogue.summary(default_kb(), entity_history(tracker)))
        return []


class ActionForget(Action):
    """Start over without anything the user said before (utter_delete_data says so first)."""

    def name(self) -> str:
        return "action_forget"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        return [Restarted()]
