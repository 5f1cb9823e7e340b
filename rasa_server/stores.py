"""The tracker store endpoints.yml names: Rasa's SQL store, configured from the environment.

endpoints.yml names only the class: each setting comes from endpoints.yml when written there,
else from its TRACKER_* variable, else from its default (`tracker_settings`, rasa_server/env.py),
so plain `rasa run` stores conversations in var/tracker.db. An empty value means "not set"
(Rasa's `SQLTrackerStore` rejects `port: ''`).

The store also erases conversations. `forget(sender_id)` deletes every stored event of one
sender. And when the user asks the bot to delete their data (`action_forget`), `save()`
erases what was stored and keeps only the events after that action: Rasa's own `save()`
appends the events beyond the number already stored, so deleting rows in the middle of a
turn would make it store the whole conversation again.

The operator's commands (`ops.cli forget`, `make stats`) find the same store through
`endpoint_settings` and `db_url`: endpoints.yml as the servers read it, the URL by Rasa's rules.

A database that hangs is a store that fails: each read and write gets TRACKER_TIMEOUT seconds
(`Deadline`), and PostgreSQL gets the same as its connect, statement and lock timeouts.

A store that fails is loud (`install_loud_store`). Rasa's `FailSafeTrackerStore` saves to memory
when the database cannot write and reads the old rows back on the next turn, and answers a read
that fails with an empty conversation: the user is never told, a "deleted" conversation comes
back, and a red flag said meanwhile is gone from the doctor's summary. Here a turn that could
not be written raises `NotSaved` (rasa_server/turns.py tells the user) and is kept in this
process (`Unsaved`): the next turns read it, and the next save that works writes it. A deletion
that could not be written is not kept: the conversation stays as stored, and the user is told
nothing was deleted. A conversation whose stored part could not be read (a database that
stopped, a file another writer holds) is answered on its own, and the user is told that what
they said before is not known (`NotSaved.unread`); that partial turn is kept too, never written
over the stored one, and merged onto it by the first read that works (`merged`), so a red flag
said meanwhile is in the summary and the level held afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import threading
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable, Coroutine, Iterable, Mapping

import rasa.core.tracker_store as rasa_stores
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.names import FORGET_ACTION
from rasa_server import hooks
from rasa_server.env import DEFAULT_TRACKER_DB, is_set, variable

logger = logging.getLogger(__name__)

DELETE_CONFIRMATION = "utter_delete_data"  # domain.yml: says the deletion is done, before action_forget
MAX_UNSAVED = 1_000  # conversations whose last turns this process keeps while the store cannot write
MAX_HANGING = 8  # database calls of one store left running past their deadline before the next fails at once


def forget_point(events: Iterable[Event]) -> int | None:
    """Index of the last `action_forget` execution among `events`, or None."""
    found = None
    for index, event in enumerate(events):
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            found = index
    return found


# endpoints.yml's key of each setting -> the variable that gives it when the file does not
TRACKER_VARIABLES = {
    "dialect": "TRACKER_DIALECT",
    "port": "TRACKER_PORT",
    "db": "TRACKER_DB",
    "username": "TRACKER_USER",
    "password": "TRACKER_PASSWORD",
}
STORE_CLASS = "rasa_server.stores.EnvSQLTrackerStore"  # endpoints.yml `tracker_store.type`


def tracker_settings(host: str | None, given: Mapping[str, Any], env: Mapping[str, str]) -> tuple[str | None, dict[str, Any]]:
    """The store's host and arguments: each from endpoints.yml (`given`) when set there, else
    from its TRACKER_* variable in `env`, else its default. SQLite keeps its file at TRACKER_DB,
    by default var/tracker.db in the repository."""
    settings = {key: given_value for key, given_value in given.items() if is_set(given_value)}
    for key, name in TRACKER_VARIABLES.items():
        if key not in settings and variable(env, name):
            settings[key] = variable(env, name)
    if settings.get("dialect") == "sqlite" and "db" not in settings:
        settings["db"] = str(DEFAULT_TRACKER_DB)
    return (host if is_set(host) else variable(env, "TRACKER_HOST") or None), settings


class StoreTimeout(TimeoutError):
    """The database did not answer within TRACKER_TIMEOUT seconds."""


class Deadline:
    """Runs a call of Rasa's SQL store in a thread of its own, and gives up on it after `seconds`.

    Rasa's store is `async` but talks to the database with blocking calls on the event loop: a
    PostgreSQL that hangs (stopped, or its disk stalled) would hold every conversation of the
    server, the red flag's answer among them, with no end. A call past its deadline raises
    `StoreTimeout`, which the loud store tells the user; its thread is left to finish (or hang)
    on its own, and past `MAX_HANGING` such threads the next call fails at once."""

    def __init__(self, seconds: float, most: int = MAX_HANGING, one_at_a_time: bool = False) -> None:
        self.seconds = seconds
        self.most = most  # calls past their deadline still running: past this many, new calls fail at once
        self.hanging = 0
        self.count = threading.Lock()
        # SQLite takes one writer at a time: calls from several threads at once fail with "database
        # is locked" under load (a turn then kept in memory only); they run in turn, as on the loop
        self.turn = threading.Lock() if one_at_a_time else None

    async def run(self, call: Callable[..., Coroutine[Any, Any, Any]], *args: Any) -> Any:
        if self.hanging >= self.most:
            raise StoreTimeout("too many calls to the tracker database are still waiting for it")
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        late, finished = threading.Event(), threading.Event()  # the caller gave up; the call ended

        def work() -> None:
            try:
                with self.turn or contextlib.nullcontext():
                    outcome: tuple[Any, BaseException | None] = (asyncio.run(call(*args)), None)
            except BaseException as error:  # noqa: BLE001 - handed to the waiting coroutine
                outcome = (None, error)
            with self.count:
                finished.set()
                if late.is_set():
                    self.hanging -= 1  # a call given up on has ended after all
            try:
                loop.call_soon_threadsafe(_settle, done, *outcome)
            except RuntimeError:
                pass  # the server stopped meanwhile: nobody waits for this call any more

        threading.Thread(target=work, name="tracker-store", daemon=True).start()
        try:
            return await asyncio.wait_for(done, self.seconds)
        except asyncio.TimeoutError:
            with self.count:
                if not finished.is_set():
                    late.set()
                    self.hanging += 1
            raise StoreTimeout(f"the tracker database did not answer within {self.seconds:g} s") from None


def _settle(done: asyncio.Future, result: Any, error: BaseException | None) -> None:
    if done.done():
        return  # given up on (its deadline passed)
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(result)


WRITE_LOCKS = 64  # conversations' saves are serialised by a lock chosen by the sender's hash, one of these


def postgres_timeouts(seconds: float) -> dict[str, str]:
    """libpq's connection options that bound connecting, each statement and each lock wait."""
    ms = int(seconds * 1000)
    return {"connect_timeout": str(max(2, int(seconds))), "options": f"-c statement_timeout={ms} -c lock_timeout={ms}"}


class EnvSQLTrackerStore(SQLTrackerStore):
    """SQLite (default) or PostgreSQL, chosen by TRACKER_DIALECT; see endpoints.yml."""

    def __init__(self, domain: Any = None, host: str | None = None, **kwargs: Any) -> None:
        hooks.install()  # every Rasa server (`rasa run`, `rasa shell`) creates its tracker store at start
        host, settings = tracker_settings(host, kwargs, os.environ)
        sqlite = settings.get("dialect") == "sqlite"
        self.deadline = Deadline(float(variable(os.environ, "TRACKER_TIMEOUT")), one_at_a_time=sqlite)
        if sqlite:
            Path(str(settings["db"])).parent.mkdir(parents=True, exist_ok=True)  # SQLite makes the file, not its folder
        if settings.get("dialect") == "postgresql":
            settings["query"] = {**postgres_timeouts(self.deadline.seconds), **(settings.get("query") or {})}
        # one conversation's saves one after another, a late one included: a save given up on (its deadline passed while
        # the database hung) may still commit when the database answers again, and a save of the kept turn that ran beside
        # it counted the stored events before that commit and wrote the turn twice (fresh-clone CI, under load)
        self.writing = tuple(threading.Lock() for _ in range(WRITE_LOCKS))
        super().__init__(domain=domain, host=host, **settings)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return await self.deadline.run(super().retrieve, sender_id)

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        return await self.deadline.run(super().retrieve_full_tracker, conversation_id)

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
        await self.deadline.run(self._save, tracker)

    async def _save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save, except after `action_forget`: erase, then keep only what followed it."""
        # (run in a thread of its own by `Deadline.run`: waiting here holds no other conversation)
        with self.writing[zlib.crc32(tracker.sender_id.encode()) % WRITE_LOCKS]:
            events = list(tracker.events)
            cut = forget_point(events)
            if cut is None:
                await super().save(tracker)
                return
            with self.session_scope() as session:
                query = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id)
                query.delete(synchronize_session=False)
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


class StoreConfigError(ValueError):
    """endpoints.yml does not name the project's SQL tracker store."""


def read_endpoints(endpoints: Path, env: Mapping[str, str]) -> Any:
    """Rasa's reading of `endpoints` (`AvailableEndpoints`) as a server started with `env` sees it:
    any ${VARS} taken from `env`, and the project's tracker store, lock store and action endpoint
    filled in from `env` as the server fills them (so a command finds the servers' stores)."""
    from rasa.core.utils import AvailableEndpoints

    from rasa_server import action_endpoint, lock_store

    saved = dict(os.environ)
    os.environ.update(env)
    try:
        config = AvailableEndpoints.read_endpoints(str(endpoints))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    store = config.tracker_store
    if store is not None and store.type == STORE_CLASS:
        store.url, store.kwargs = tracker_settings(store.url, store.kwargs, env)
    if config.lock_store is not None and config.lock_store.type == lock_store.ENV_LOCK_STORE:
        config.lock_store = lock_store.lock_endpoint(config.lock_store, env)
    config.action = action_endpoint.configure(config.action, env)
    return config


def endpoint_settings(endpoints: Path, env: Mapping[str, str]) -> tuple[str | None, dict[str, Any]]:
    """The host and the set fields of the tracker store `endpoints` names with `env`.

    The operator's commands (forget, stats) read the store the servers use from the same
    file, rather than from a second description of it."""
    config = read_endpoints(endpoints, env)
    if config.tracker_store is None or config.tracker_store.type != STORE_CLASS:
        raise StoreConfigError(f"{endpoints} does not use {STORE_CLASS}")
    settings = {key: value for key, value in config.tracker_store.kwargs.items() if value not in ("", None)}
    return config.tracker_store.url or None, settings


def db_url(host: str | None, settings: Mapping[str, Any]) -> Any:
    """The SQLAlchemy URL of the store these settings describe (unset fields left out), by Rasa's rules."""
    cleaned = {key: value for key, value in settings.items() if value not in ("", None)}
    return EnvSQLTrackerStore.get_db_url(
        cleaned.get("dialect", "sqlite"),
        host or None,
        int(cleaned["port"]) if cleaned.get("port") else None,
        cleaned.get("db", "rasa.db"),
        cleaned.get("username"),
        cleaned.get("password"),
    )


# -- a store that fails is loud -------------------------------------------------------------


class NotSaved(RuntimeError):
    """The tracker store could not write a turn; `deleting` when the turn asked to delete the data,
    `unread` when the stored conversation could not be read either (the turn was answered on its own)."""

    def __init__(self, deleting: bool, unread: bool = False) -> None:
        super().__init__("the tracker store could not save the conversation")
        self.deleting = deleting
        self.unread = unread


class Unsaved:
    """The newest tracker of each conversation whose last save failed, in this process.

    A tracker is whole when its turn read the stored conversation, and partial when the read
    failed and the turn was answered on its own: a partial one is merged onto the stored
    conversation (`merged`) by the first read that works, never written as it is.
    Bounded (`MAX_UNSAVED`): past it the oldest is dropped, with an error in the log."""

    def __init__(self, limit: int = MAX_UNSAVED) -> None:
        self.limit = limit
        self.trackers: OrderedDict[str, tuple[DialogueStateTracker, bool]] = OrderedDict()  # sender -> (tracker, whole)
        self.unread: set[str] = set()  # conversations whose turn began on a read that failed

    def keep(self, tracker: DialogueStateTracker, whole: bool = True) -> None:
        self.trackers[tracker.sender_id] = (tracker.copy(), whole)
        self.trackers.move_to_end(tracker.sender_id)
        while len(self.trackers) > self.limit:
            self.trackers.popitem(last=False)
            logger.error("more than %d conversations could not be saved: the oldest unsaved turns are lost", self.limit)

    def get(self, sender_id: str, whole: bool = True) -> DialogueStateTracker | None:
        """The kept tracker of `sender_id` when it is whole (or partial, with `whole=False`)."""
        kept, is_whole = self.trackers.get(sender_id, (None, whole))
        return kept.copy() if kept is not None and is_whole == whole else None

    def drop(self, sender_id: str) -> None:
        self.trackers.pop(sender_id, None)


def _merged_value(stored: Any, later: Any) -> Any:
    """A slot's value after a partial turn: lists keep what was stored, flags stay set, else the later value."""
    if isinstance(stored, list) and isinstance(later, list):
        return stored + [item for item in later if item not in stored]
    if isinstance(stored, bool) and isinstance(later, bool):
        return stored or later
    return later


def merged(stored: DialogueStateTracker | None, partial: DialogueStateTracker) -> DialogueStateTracker:
    """The stored conversation followed by the turns answered without it.

    The partial tracker began with a new session of its own (its read found nothing): its
    events from the first message on are added, and each slot it set is merged with the stored
    value, so questions asked, answers and the level told before the fault are not forgotten."""
    if stored is None or not stored.events:
        return partial.copy()
    tracker = stored.copy()
    events = list(partial.events)
    first = next((index for index, event in enumerate(events) if isinstance(event, UserUttered)), len(events))
    for event in events[first:]:
        if isinstance(event, SlotSet) and event.key in stored.slots:
            event = SlotSet(event.key, _merged_value(stored.slots[event.key].value, event.value), event.timestamp)
        tracker.update(event)
    return tracker


def unsaved(store: TrackerStore) -> Unsaved:
    """The `Unsaved` turns of one (fail-safe) store, made on first use."""
    found = getattr(store, "_twitch_unsaved", None)
    if found is None:
        found = Unsaved()
        store._twitch_unsaved = found  # type: ignore[attr-defined]
    return found


def _fault(error: Exception) -> str:
    """What failed, by type only: a database error's text can quote the rows (the user's words)."""
    cause = getattr(error, "orig", None)
    return type(error).__name__ + (f" ({type(cause).__name__})" if cause is not None else "")


async def loud_save(self: rasa_stores.FailSafeTrackerStore, tracker: DialogueStateTracker) -> None:
    """`FailSafeTrackerStore.save` without the silent fallback: raise `NotSaved` instead."""
    turns = unsaved(self)
    deleting = forget_point(tracker.events) is not None
    if tracker.sender_id in turns.unread:
        turns.unread.discard(tracker.sender_id)
        if not deleting:
            turns.keep(tracker, whole=False)  # written over the stored conversation, it would erase it
        raise NotSaved(deleting, unread=True)
    try:
        await self._tracker_store.save(tracker)
    except Exception as error:  # noqa: BLE001 - any failure to write is told, never swallowed
        logger.error("the tracker store could not save a conversation (%s); the user is told", _fault(error))
        if not deleting:
            turns.keep(tracker)
        raise NotSaved(deleting) from None
    turns.drop(tracker.sender_id)


async def loud_retrieve(self: rasa_stores.FailSafeTrackerStore, sender_id: str) -> DialogueStateTracker | None:
    """`FailSafeTrackerStore.retrieve`, newest first: a turn not yet written wins over the rows,
    and turns answered while the rows could not be read are added to them."""
    turns = unsaved(self)
    kept = turns.get(sender_id)
    if kept is not None:
        return kept
    partial = turns.get(sender_id, whole=False)
    try:
        tracker = await self._tracker_store.retrieve(sender_id)
    except Exception as error:  # noqa: BLE001
        logger.error("the tracker store could not read a conversation (%s); the user is told", _fault(error))
        turns.unread.add(sender_id)
        return partial if partial is not None else self.init_tracker(sender_id)  # `loud_save` will not write it
    turns.unread.discard(sender_id)
    return merged(tracker, partial) if partial is not None else tracker


def forget_unsaved(tracker_store: TrackerStore, sender_id: str) -> None:
    """Drop the turns of `sender_id` this process could not save: its stored rows were deleted."""
    if isinstance(tracker_store, rasa_stores.FailSafeTrackerStore):
        unsaved(tracker_store).drop(sender_id)


def install_loud_store() -> None:
    """Make Rasa's fail-safe wrapper loud (idempotent); called by `hooks.install`."""
    rasa_stores.FailSafeTrackerStore.save = loud_save  # type: ignore[method-assign]
    rasa_stores.FailSafeTrackerStore.retrieve = loud_retrieve  # type: ignore[method-assign]
