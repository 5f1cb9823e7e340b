"""A tracker store that cannot write or read: the fault is told, never swallowed, and nothing is lost.

The store is the project's SQLite store inside Rasa's `FailSafeTrackerStore`, as the server
builds it; the fault is the database refusing writes (a trigger that fails as a full disk
does) or its table gone (a read that fails). The turn's answers and the user's notice:
rasa_server/turns.py, tested below with the real wrapper around a stand-in turn.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SlotSet, UserUttered

from bot.texts import NOT_DELETED, NOT_LOADED, NOT_SAVED
from rasa_server import turns
from rasa_server.stores import DELETE_CONFIRMATION, EnvSQLTrackerStore, NotSaved
from tests.rasa_server.test_stores import new_tracker, turn, user_texts

RED_FLAG = "now my chest feels tight and heavy"
ESCALATION = {"text": "Call your local emergency number now.", "custom": {"type": "escalation", "triage": "emergency"}}


# The hooks, installed the way the server installs them (explicitly, never on import), and removed after each test.
pytestmark = pytest.mark.usefixtures("rasa_hooks")


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "t.db"


@pytest.fixture
def sql(db, domain) -> EnvSQLTrackerStore:
    return EnvSQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))


@pytest.fixture
def store(sql) -> FailSafeTrackerStore:
    return FailSafeTrackerStore(sql)  # what Rasa's Agent makes of the store endpoints.yml names


@contextmanager
def disk_full(db: Path) -> Iterator[None]:
    """Every write to the events table fails, as on a full or read-only disk; reads still work."""
    with sqlite3.connect(db) as conn:
        for verb in ("INSERT", "DELETE"):
            conn.execute(f"CREATE TRIGGER full_{verb.lower()} BEFORE {verb} ON events BEGIN SELECT RAISE(FAIL, 'disk full'); END")
    try:
        yield
    finally:
        with sqlite3.connect(db) as conn:
            conn.execute("DROP TRIGGER full_insert")
            conn.execute("DROP TRIGGER full_delete")


def stored_rows(db: Path, sender: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0])


async def test_a_turn_the_store_cannot_write_is_told_kept_and_written_once_it_can(store, sql, db, domain):
    await store.save(new_tracker("a", domain, "my eyelid twitches"))
    before = stored_rows(db, "a")
    tracker = await store.retrieve("a")
    for event in turn(RED_FLAG):
        tracker.update(event)

    with disk_full(db):
        with pytest.raises(NotSaved) as fault:
            await store.save(tracker)
        assert not fault.value.deleting and stored_rows(db, "a") == before
        again = await store.retrieve("a")  # the next turn reads what was said, not the old rows
        assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["my eyelid twitches", RED_FLAG]
        for event in turn("it has been a week"):
            again.update(event)
        with pytest.raises(NotSaved):
            await store.save(again)

    await store.save(await store.retrieve("a"))  # the disk works again: the next save writes it all
    assert await user_texts(sql, "a") == ["my eyelid twitches", RED_FLAG, "it has been a week"]


async def test_a_deletion_the_store_cannot_write_is_not_kept_as_done(store, sql, db, domain):
    await store.save(new_tracker("a", domain, "my eyelid twitches"))
    tracker = await store.retrieve("a")
    for event in [
        UserUttered("delete my data"),
        ActionExecuted("utter_delete_data"),
        ActionExecuted("action_forget"),
        Restarted(),
    ]:
        tracker.update(event)

    with disk_full(db):
        with pytest.raises(NotSaved) as fault:
            await store.save(tracker)
    assert fault.value.deleting
    kept = await store.retrieve("a")  # the conversation as stored, not the restarted one
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == ["my eyelid twitches"]
    assert await user_texts(sql, "a") == ["my eyelid twitches"]


@contextmanager
def table_gone(db: Path) -> Iterator[None]:
    """Every read of the events table fails, as with a database that stopped."""
    with sqlite3.connect(db) as conn:
        conn.execute("ALTER TABLE events RENAME TO hidden")
    try:
        yield
    finally:
        with sqlite3.connect(db) as conn:
            conn.execute("ALTER TABLE hidden RENAME TO events")


async def test_turns_the_store_cannot_read_are_kept_and_added_to_the_conversation_once_it_can(store, sql, db, domain):
    stored = new_tracker("a", domain, "my eyelid twitches")
    for event in [SlotSet("interview_asked", ["duration"]), SlotSet("triage_level", "urgent"), SlotSet("assessed", True)]:
        stored.update(event)
    await store.save(stored)
    before = stored_rows(db, "a")

    with table_gone(db):
        fresh = await store.get_or_create_tracker("a", append_action_listen=False)  # as Rasa's turn begins
        assert not fresh.events  # the message is answered on its own
        for event in [*turn(RED_FLAG), SlotSet("triage_level", "emergency"), SlotSet("interview_asked", ["weakness"])]:
            fresh.update(event)
        with pytest.raises(NotSaved) as fault:
            await store.save(fresh)
        again = await store.retrieve("a")  # still unreadable: the next turn goes on from the kept one
        assert [e.text for e in again.events if isinstance(e, UserUttered)] == [RED_FLAG]
        assert fault.value.unread and not fault.value.deleting  # the user is told (NOT_LOADED, below)
        for event in turn("it has been a week"):
            again.update(event)
        with pytest.raises(NotSaved):
            await store.save(again)
    assert stored_rows(db, "a") == before  # never written over the stored conversation

    back = await store.retrieve("a")  # readable again: the stored turns, then the kept ones
    assert [e.text for e in back.events if isinstance(e, UserUttered)] == ["my eyelid twitches", RED_FLAG, "it has been a week"]
    assert back.get_slot("triage_level") == "emergency" and back.get_slot("assessed") is True
    assert back.get_slot("interview_asked") == ["duration", "weakness"]
    await store.save(back)
    assert await user_texts(sql, "a") == ["my eyelid twitches", RED_FLAG, "it has been a week"]
    assert (await store.retrieve("a")).get_slot("triage_level") == "emergency"


async def test_a_deletion_asked_while_the_store_cannot_be_read_is_not_kept(store, sql, db, domain):
    await store.save(new_tracker("a", domain, "my eyelid twitches"))
    with table_gone(db):
        fresh = await store.retrieve("a")
        for event in [
            UserUttered("delete my data"),
            ActionExecuted("utter_delete_data"),
            ActionExecuted("action_forget"),
            Restarted(),
        ]:
            fresh.update(event)
        with pytest.raises(NotSaved) as fault:
            await store.save(fresh)
    assert fault.value.deleting
    kept = await store.retrieve("a")
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == ["my eyelid twitches"]


# -- what the user is told (rasa_server/turns.py) -------------------------------------------


def held_turn(*said: dict, fault: Exception | None = None, seen: list | None = None):
    """A stand-in for Rasa's turn: says `said`, then saves (raising `fault`)."""

    async def handle_message(processor: object, message: UserMessage) -> None:
        for answer in said:
            await message.output_channel.send_response(message.sender_id, dict(answer))
        if seen is not None:
            seen.append(list(original.messages))  # what the user had read when the save began
        if fault is not None:
            raise fault

    original = CollectingOutputChannel()
    return turns._wrap_handle_message(handle_message), original


async def test_answers_wait_for_the_save_and_then_go_out_in_order():
    seen: list = []
    wrapped, channel = held_turn({"text": "one"}, {"text": "two"}, seen=seen)
    await wrapped(None, UserMessage("hi", channel, "a"))
    assert seen == [[]]
    assert [m["text"] for m in channel.messages] == ["one", "two"]


async def test_a_red_flag_is_escalated_and_the_user_told_the_turn_was_not_saved():
    wrapped, channel = held_turn(ESCALATION, fault=NotSaved(deleting=False))
    await wrapped(None, UserMessage(RED_FLAG, channel, "a"))
    said = [m.get("text") or m["custom"]["type"] for m in channel.messages]  # Rasa's collector splits text and card
    assert said == [ESCALATION["text"], "escalation", NOT_SAVED]


async def test_a_turn_answered_without_the_earlier_conversation_says_so():
    wrapped, channel = held_turn(ESCALATION, fault=NotSaved(deleting=False, unread=True))
    await wrapped(None, UserMessage(RED_FLAG, channel, "a"))
    said = [m.get("text") or m["custom"]["type"] for m in channel.messages]
    assert said == [ESCALATION["text"], "escalation", NOT_LOADED]


async def test_a_deletion_that_was_not_written_is_never_reported_as_done():
    confirmation = {"text": "Done: I've deleted this conversation.", "utter_action": "utter_delete_data"}
    wrapped, channel = held_turn(confirmation, {"custom": {"type": "deleted"}}, fault=NotSaved(deleting=True))
    await wrapped(None, UserMessage("delete my data", channel, "a"))
    assert [m["text"] for m in channel.messages] == [NOT_DELETED]


async def test_what_was_said_before_another_failure_still_goes_out():
    wrapped, channel = held_turn(ESCALATION, fault=RuntimeError("boom"))
    with pytest.raises(RuntimeError):
        await wrapped(None, UserMessage(RED_FLAG, channel, "a"))
    assert [m.get("custom", {}).get("type") for m in channel.messages] == [None, "escalation"]


async def test_the_domains_deletion_confirmation_is_recognised_when_held(domain):
    """The held messages are `BotUttered.message()`: the confirmation carries its response's name."""
    from rasa.core.actions.action import ActionBotResponse
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.trackers import DialogueStateTracker

    events = await ActionBotResponse(DELETE_CONFIRMATION).run(
        CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses), DialogueStateTracker("a", []), domain
    )
    assert isinstance(events[0], BotUttered) and events[0].message()["utter_action"] == DELETE_CONFIRMATION
