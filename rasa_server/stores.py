"""The tracker store endpoints.yml names: Rasa's SQL store, configured from the environment.

endpoints.yml fills every field from a variable, and an unset optional one arrives as an
empty string, which Rasa's `SQLTrackerStore` rejects (`port: ''`). Empty means "not set".

The store also erases conversations. `forget(sender_id)` deletes every stored event of one
sender. And when the user asks the bot to delete their data (`action_forget`), `save()`
erases what was stored and keeps only the events after that action: Rasa's own `save()`
appends the events beyond the number already stored, so deleting rows in the middle of a
turn would make it store the whole conversation again.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

import rasa.core.tracker_store as rasa_stores
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_server import hooks

FORGET_ACTION = "action_forget"


def forget_point(events: Iterable[Event]) -> int | None:
    """Index of the last `action_forget` execution among `events`, or None."""
    found = None
    for index, event in enumerate(events):
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            found = index
    return found


class EnvSQLTrackerStore(SQLTrackerStore):
    """SQLite (default) or PostgreSQL, chosen by TRACKER_DIALECT; see endpoints.yml."""

    def __init__(self, domain: Any = None, host: str | None = None, **kwargs: Any) -> None:
        hooks.install()  # every Rasa server (`rasa run`, `rasa shell`) creates its tracker store at start
        cleaned = {key: value for key, value in kwargs.items() if value not in ("", None)}
        super().__init__(domain=domain, host=host or None, **cleaned)

    def _row(self, sender_id: str, event: Event) -> Any:
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save, except after `action_forget`: erase, then keep only what followed it."""
        events = list(tracker.events)
        cut = forget_point(events)
        if cut is None:
            await super().save(tracker)
            return
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete(synchronize_session=False)
            for event in events[cut + 1 :]:
                session.add(self._row(tracker.sender_id, event))
            session.commit()

    def forget(self, sender_id: str) -> int:
        """Delete every stored event of `sender_id`; return how many there were."""
        with self.session_scope() as session:
            count = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete(synchronize_session=False)
            session.commit()
        return int(count)

    def count_events(self, sender_id: str) -> int:
        with self.session_scope() as session:
            return int(session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).count())


def unwrap(store: TrackerStore) -> TrackerStore:
    """The store inside Rasa's wrappers (FailSafeTrackerStore, AwaitableTrackerStore)."""
    seen = 0
    while isinstance(store, (rasa_stores.FailSafeTrackerStore, rasa_stores.AwaitableTrackerStore)) and seen < 10:
        store = store._tracker_store
        seen += 1
    return store
