"""Deleting one conversation: under the sender's lock, from the configured store, by command."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from ops import cli
from ops.launcher import Settings
from ops.paths import ROOT
from rasa_server.privacy import ForgetError, deletion_answer, forget, forget_with_endpoints
from rasa_server.stores import EnvSQLTrackerStore


def sqlite_store(path, domain=None) -> EnvSQLTrackerStore:
    return EnvSQLTrackerStore(domain=domain, dialect="sqlite", db=str(path))


async def fill(store: EnvSQLTrackerStore, domain: Domain, sender: str, text: str) -> None:
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"), UserUttered(text)]
    await store.save(DialogueStateTracker.from_events(sender, events, domain.slots))


async def test_forget_waits_for_the_senders_turn_to_end(tmp_path, domain):
    store, locks = sqlite_store(tmp_path / "t.db", domain), InMemoryLockStore()
    await fill(store, domain, "a", "secret words")
    await fill(store, domain, "b", "other words")
    async with locks.lock("a"):  # a turn of "a" is being processed
        task = asyncio.create_task(forget(FailSafeTrackerStore(store), locks, "a"))
        await asyncio.sleep(0.5)
        assert not task.done() and store.count_events("a") == 4
    assert await asyncio.wait_for(task, 10) == 4
    assert store.count_events("a") == 0 and store.count_events("b") == 4


async def test_forget_refuses_a_store_it_cannot_erase(domain):
    with pytest.raises(ForgetError, match="InMemoryTrackerStore"):
        await forget(InMemoryTrackerStore(domain), InMemoryLockStore(), "a")


def test_the_command_deletes_from_the_store_endpoints_yml_configures(tmp_path, domain, monkeypatch, capsys):
    db = tmp_path / "tracker.db"
    store = sqlite_store(db, domain)
    asyncio.run(fill(store, domain, "a", "secret words"))
    asyncio.run(fill(store, domain, "b", "other words"))
    monkeypatch.setenv("TRACKER_DB", str(db))

    assert cli.main(["forget", "a"]) == 0
    assert "Deleted 4 stored events" in capsys.readouterr().out
    assert store.count_events("a") == 0 and store.count_events("b") == 4

    assert cli.main(["forget", "a"]) == 0
    assert "Nothing was stored" in capsys.readouterr().out


def test_the_command_with_no_database_creates_none(tmp_path):
    db = tmp_path / "none.db"
    assert forget_with_endpoints("a", ROOT / "endpoints.yml", Settings(tracker_db=db).child_env()) == 0
    assert not db.exists()


def test_an_unreachable_database_is_a_clear_error(capsys, monkeypatch):
    from ops.launcher import free_port

    env = {
        "TRACKER_DIALECT": "postgresql",
        "TRACKER_HOST": "127.0.0.1",
        "TRACKER_PORT": str(free_port()),  # nothing listens there
        "TRACKER_USER": "u",
        "TRACKER_PASSWORD": "p",
        "TRACKER_DB": "twitch",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli.main(["forget", "a"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach the tracker database") and "Traceback" not in err


def test_the_command_needs_a_sender_id(capsys):
    assert cli.main(["forget", " "]) == 2
    with pytest.raises(SystemExit):
        cli.main(["forget"])


async def test_a_store_that_cannot_delete_answers_500_and_logs_only_the_errors_type(tmp_path, domain, caplog):
    """A store that refuses the deletion (here a trigger, as a read-only file would): the SQL
    error's text quotes the statement with the sender id; the log and the answer do not."""
    import sqlite3
    from types import SimpleNamespace

    store = sqlite_store(tmp_path / "t.db", domain)
    await fill(store, domain, "sender-zq41", "secret words")
    with sqlite3.connect(tmp_path / "t.db") as conn:
        conn.execute("CREATE TRIGGER refuse BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'attempt to write a readonly database'); END")
    agent = SimpleNamespace(tracker_store=FailSafeTrackerStore(store), lock_store=InMemoryLockStore())
    caplog.set_level(logging.INFO)  # the servers' level (Rasa's DEBUG lines name sender ids: docs/security.md)
    answer = await deletion_answer(agent, "sender-zq41")
    assert answer.status == 500
    assert json.loads(answer.body)["message"].endswith("nothing was deleted")
    assert store.count_events("sender-zq41") == 4
    logged = caplog.text + answer.body.decode()
    assert "could not delete a conversation" in caplog.text
    assert "sender-zq41" not in logged and "DELETE" not in logged and "secret" not in logged, logged
