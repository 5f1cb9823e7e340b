"""A stand-in for the project's actions whose `action_converse` is slow, for the tests that stop
a server while a turn is in flight (test_stopping.py).

The action server runs it with `--actions tests.integration.slow_actions`. When called, the
action touches the file SLOW_ACTION_MARK (so the test knows the turn is in flight), waits
SLOW_ACTION_SECONDS, and answers `SLOW_ANSWER`.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

SLOW_ANSWER = "This answer took its time."


class SlowConverse(Action):
    def name(self) -> str:
        return "action_converse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        Path(os.environ["SLOW_ACTION_MARK"]).touch()
        await asyncio.sleep(float(os.environ.get("SLOW_ACTION_SECONDS", "20")))
        dispatcher.utter_message(text=SLOW_ANSWER)
        return []
