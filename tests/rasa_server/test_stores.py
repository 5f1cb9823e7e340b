"""The SQL tracker store: erasing one conversation, and the in-chat "delete my data"."""

from __future__ import annotations

import pytest
from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_server.stores import EnvSQLTrackerStore, forget_point, unwrap


@pytest.fixture
def store(tmp_path, domain) -> EnvSQLTrackerStore:
    # endpoints.yml passes unset variables as empty strings
    return EnvSQLTrackerStore(
        domain=domain, host="", dialect="sqlite", db=str(tmp_path / "t.db"), port="", username="", password=""
    )


def turn(text: str) -> list:
    return [
        UserUttered(text, {"name": "describe_symptoms", "confidence": 1.0}),
        ActionExecuted("action_converse"),
        BotUttered("How long has the twitching been going on?"),
        SlotSet("interview_pending", "duration"),
        ActionExecuted("action_listen"),
    ]


def new_tracker(sender: str, domain: Domain, text: str) -> DialogueStateTracker:
    start = [ActionExecuted("action_session_start"), SessionStarted()]  # older than the turn (Rasa reads from the last start)
    return DialogueStateTracker.from_events(sender, [*start, *turn(text)], domain.slots)


async def user_texts(store: EnvSQLTrackerStore, sender: str) -> list[str]:
    tracker = await store.retrieve_full_tracker(sender)
    return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []


async def test_empty_settings_are_ignored_and_a_conversation_is_kept(store, domain):
    tracker = new_tracker("a", domain, "my eyelid twitches")
    await store.save(tracker)
    again = await store.retrieve("a")
    assert again is not None and again.get_slot("interview_pending") == "duration"
    assert await user_texts(store, "a") == ["my eyelid twitches"]


async def test_forget_erases_one_sender_only(store, domain):
    await store.save(new_tracker("a", domain, "secret of a"))
    await store.save(new_tracker("b", domain, "secret of b"))
    stored = store.count_events("a")
    assert stored == 7
    assert store.forget("a") == stored and store.count_events("a") == 0
    assert await store.retrieve("a") is None
    assert await user_texts(store, "b") == ["secret of b"]
    assert store.forget("nobody") == 0


async def test_the_delete_data_action_erases_the_stored_conversation(store, domain):
    tracker = new_tracker("a", domain, "my calf twitches, I run a lot")
    await store.save(tracker)  # stored as Rasa stores it, turn by turn
    await store.save(new_tracker("b", domain, "b keeps this"))
    tracker = (await store.retrieve("a")) or tracker
    for event in [
        UserUttered("delete everything i told you", {"name": "delete_data", "confidence": 1.0}),
        ActionExecuted("utter_delete_data"),
        BotUttered("Okay."),
        ActionExecuted("action_forget"),
        Restarted(),
        ActionExecuted("action_listen"),
    ]:
        tracker.update(event)
    await store.save(tracker)

    assert await user_texts(store, "a") == []
    kept = await store.retrieve("a")
    assert kept is not None and [e.type_name for e in kept.events] == ["restart", "action"]
    assert kept.get_slot("interview_pending") is None
    assert await user_texts(store, "b") == ["b keeps this"]

    # The next turns are appended as usual, once each, and nothing comes back.
    for text in ["hello again", "my arm twitches"]:
        for event in turn(text):
            kept.update(event)
        await store.save(kept)
        kept = await store.retrieve("a")
        assert kept is not None
    assert await user_texts(store, "a") == ["hello again", "my arm twitches"]


def test_forget_point_is_the_last_forget_action():
    events = [ActionExecuted("action_forget"), Restarted(), ActionExecuted("action_listen"), ActionExecuted("action_forget")]
    assert forget_point(events) == 3
    assert forget_point([ActionExecuted("action_restart"), Restarted()]) is None


def test_unwrap_finds_the_store_inside_rasas_wrappers(store):
    assert unwrap(FailSafeTrackerStore(AwaitableTrackerStore(store))) is store
    assert unwrap(store) is store


async def test_many_conversations_saved_at_once_on_sqlite_are_all_stored(store, domain):
    # each save runs in a thread of its own (with a deadline): on SQLite they must take turns, or
    # some fail with "database is locked" under load and their turns are not stored
    import asyncio

    senders = [f"s{i}" for i in range(24)]
    for _ in range(3):
        trackers = [new_tracker(s, domain, f"message of {s}") for s in senders]
        await asyncio.gather(*(store.save(t) for t in trackers))
    for sender in senders:
        assert await user_texts(store, sender) == [f"message of {sender}"]


async def test_only_calls_past_their_deadline_count_against_the_limit():
    import asyncio
    import threading

    from rasa_server.stores import Deadline, StoreTimeout

    deadline = Deadline(0.2, most=1)

    async def quick() -> str:
        return "ok"

    # many calls in flight at once are no fault (only hanging ones are)
    assert await asyncio.gather(*(deadline.run(quick) for _ in range(20))) == ["ok"] * 20
    release = threading.Event()

    async def hangs() -> str:
        await asyncio.to_thread(release.wait)
        return "late"

    with pytest.raises(StoreTimeout):
        await deadline.run(hangs)
    with pytest.raises(StoreTimeout, match="still waiting"):
        await deadline.run(quick)  # one call is hanging: the next fails at once
    release.set()
    for _ in range(50):
        if deadline.hanging == 0:
            break
        await asyncio.sleep(0.02)
    assert await deadline.run(quick) == "ok"  # the hanging call ended: calls go through again
