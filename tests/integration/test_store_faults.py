"""The tracker database cannot write: the user is told, a red flag still escalates, nothing is lost.

The session stack's SQLite file is write-locked by this test (another process holds SQLite's
write lock): every write of the Rasa server fails after SQLite's wait, reads still work, as on
a full or read-only disk, and no root is needed. Rasa's own fail-safe store would answer as if
all was well, keep the turn in memory and read the old rows back (issue 28).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.texts import NOT_DELETED, NOT_LOADED, NOT_SAVED
from ops import proc, services
from ops.launcher import rest_send
from rasa_server.stores import EnvSQLTrackerStore, NotSaved
from tests.integration.services import child, customs, summary, texts, user_texts

pytestmark = pytest.mark.integration

FIRST = "my eyelid has been twitching for a week and I drink 5 coffees a day"
RED_FLAG = "now my chest feels tight and heavy"


@contextmanager
def writes_refused(db: Path) -> Iterator[None]:
    """Hold the database's write lock, as a disk that takes no writes would: reads still work."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def stored_rows(db: Path, sender: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0])


def test_a_store_that_cannot_write_is_told_escalates_and_loses_nothing(stack):
    settings, db = stack.settings, stack.settings.tracker_db
    who = f"store-{uuid.uuid4().hex[:8]}"
    marker = f"zq{uuid.uuid4().hex[:10]}"
    assert texts(rest_send(settings, who, FIRST)).startswith("Here is what I understood")
    before = stored_rows(db, who)

    with writes_refused(db):
        reply = rest_send(settings, who, f"{RED_FLAG} {marker}")
        assert [c["triage"] for c in customs(reply, "escalation")] == ["emergency"], reply  # at once
        assert reply[-1].get("text") == NOT_SAVED, reply  # told plainly, after the answer

        reply = rest_send(settings, who, "delete everything i told you")
        assert texts(reply) == NOT_DELETED and customs(reply) == [], reply  # never "Done"
        assert stored_rows(db, who) == before

    facts = summary(stack, who)  # the disk takes writes again: the next turn writes the kept ones
    assert facts["triage"] == "emergency" and "chest_pain" in facts["symptoms"], facts
    assert "caffeine" in facts["factors"] and facts["duration_days"] == 7, facts
    assert [t for t in user_texts(settings, who) if t][:2] == [FIRST, f"{RED_FLAG} {marker}"]
    log = child(stack, "rasa-server").log_path.read_text(errors="replace")
    assert "could not save a conversation" in log and marker not in log

    reply = rest_send(settings, who, "delete everything i told you")  # and now a deletion is done
    assert "deleted this conversation" in texts(reply) and stored_rows(db, who) < before


@contextmanager
def reads_refused(db: Path) -> Iterator[None]:
    """Hold the database's exclusive lock, as another writer would: reads fail as well as writes."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_a_store_that_cannot_be_read_says_so_and_keeps_the_red_flag(stack):
    settings, db = stack.settings, stack.settings.tracker_db
    who = f"unread-{uuid.uuid4().hex[:8]}"
    assert texts(rest_send(settings, who, FIRST)).startswith("Here is what I understood")
    before = stored_rows(db, who)

    with reads_refused(db):
        reply = rest_send(settings, who, RED_FLAG)
        assert [c["triage"] for c in customs(reply, "escalation")] == ["emergency"], reply  # at once
        assert reply[-1].get("text") == NOT_LOADED, reply  # what was said before is not known, and said so
    assert stored_rows(db, who) == before

    facts = summary(stack, who)  # readable again: the earlier turns and the kept one, together
    assert facts["triage"] == "emergency" and "chest_pain" in facts["symptoms"], facts
    assert "caffeine" in facts["factors"] and facts["duration_days"] == 7, facts
    assert [t for t in user_texts(settings, who) if t][:2] == [FIRST, RED_FLAG]


def outcome_within(seconds: float, call: Callable[[], Any]) -> list:
    """[result] or [error] of `call` run in a thread of its own; [] when it is still running after `seconds`."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(call())
        except Exception as error:  # noqa: BLE001 - handed to the test
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    return outcome


@contextmanager
def hung(server: int) -> Iterator[None]:
    """Every process of a server stopped (PostgreSQL's backends run in sessions of their own)."""
    stopped = [server, *proc.descendants(server)]
    for pid in stopped:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in stopped:
            os.kill(pid, signal.SIGCONT)


def test_a_hung_postgresql_is_a_store_fault_with_an_end(monkeypatch):
    """PostgreSQL stopped (SIGSTOP: its port still takes connections, nothing answers). Before, a
    save or a read waited on it with no end, holding the red flag's answer, and every other user."""
    pg = services.start_postgres()
    try:
        for name, value in {**pg.env(), "TRACKER_TIMEOUT": "2"}.items():
            monkeypatch.setenv(name, value)
        store = FailSafeTrackerStore(EnvSQLTrackerStore(domain=Domain.empty()))  # as the server wraps it
        tracker = DialogueStateTracker.from_events("a", [UserUttered(FIRST)])
        asyncio.run(store.save(tracker))  # the pool now holds a connection to the server
        tracker.update(UserUttered(RED_FLAG))

        with hung(pg.process.pid):
            saved = outcome_within(60, lambda: asyncio.run(store.save(tracker)))
            read = outcome_within(60, lambda: asyncio.run(store.retrieve("b")))
        assert saved and isinstance(saved[0], NotSaved), saved  # the user is told (turns.py)
        assert read and isinstance(read[0], DialogueStateTracker) and not read[0].events, read  # answered on its own

        kept = asyncio.run(store.retrieve("a"))  # the database answers again: the kept turn is written
        asyncio.run(store.save(kept))
        stored = asyncio.run(store._tracker_store.retrieve_full_tracker("a"))
        assert [e.text for e in stored.events if isinstance(e, UserUttered)] == [FIRST, RED_FLAG]
    finally:
        pg.stop()
