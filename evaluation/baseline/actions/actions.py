"""The baseline's one custom action: utter the `rasa init` response(s) for the latest intent."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# The responses the `rasa init` stories and rules give each intent.
RESPONSES: dict[str, list[str]] = {
    "greet": ["utter_greet"],
    "goodbye": ["utter_goodbye"],
    "affirm": ["utter_happy"],
    "deny": ["utter_goodbye"],
    "mood_great": ["utter_happy"],
    "mood_unhappy": ["utter_cheer_up", "utter_did_that_help"],
    "bot_challenge": ["utter_iamabot"],
}


class ActionReply(Action):
    """Replies to every message; anything else (nlu_fallback) gets utter_default."""

    def name(self) -> str:
        return "action_reply"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        for response in RESPONSES.get(intent, ["utter_default"]):
            dispatcher.utter_message(response=response)
        return []
