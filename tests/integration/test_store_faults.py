"""The tracker database cannot write: the user is told, a red flag still escalates, nothing is lost.

The session stack's SQLite file is write-locked by this test (another process holds SQLite's
write lock): every write of the Rasa server fails after SQLite's wait, reads still work, as on
a full or read-only disk, and no root is needed. Rasa's own fail-safe store would answer as if
all was well, keep the turn in memory and read the old rows back (issue 28).
"""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from bot.texts import NOT_DELETED, NOT_LOADED, NOT_SAVED
from ops.launcher import rest_send
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
