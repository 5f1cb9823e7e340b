"""Faults: the action server goes away and comes back; the Rasa server crashes and restarts.

One stack of our own (SQLite) whose servers the tests kill and start again.
"""

from __future__ import annotations

import signal
import uuid

import pytest

from ops.launcher import Stack, rest_send
from rasa_server.hooks import UNAVAILABLE
from tests.integration.services import (
    customs,
    make_settings,
    restart_rasa,
    start_stack,
    stop_child,
    texts,
    tracker_events,
    user_texts,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    settings = make_settings(tmp_path_factory.mktemp("tracker") / "tracker.db")
    stack = Stack(settings, log_dir=tmp_path_factory.mktemp("logs"))
    yield start_stack(stack)
    stack.stop()


@pytest.fixture
def action_server_down(servers):
    """Kill the action server (as a crash would); start it again after the test."""
    stop_child(servers, "action-server", signal.SIGKILL)
    try:
        yield
    finally:
        if not any(c.name == "action-server" for c in servers.children):
            servers.start_action_server()


def summary(stack: Stack, who: str) -> dict:
    reply = rest_send(stack.settings, who, "can i get a summary")
    found = customs(reply, "summary")
    assert found, reply
    return found[0]


def test_the_user_hears_an_apology_while_the_action_server_is_down_and_it_resumes(servers, action_server_down):
    settings = servers.settings
    who = f"down-{uuid.uuid4().hex[:8]}"
    marker = f"zq{uuid.uuid4().hex[:10]}"

    reply = rest_send(settings, who, f"my calf keeps twitching after the gym {marker}")
    assert [m.get("text") for m in reply] == [UNAVAILABLE]  # once, politely, not silence
    reply = rest_send(settings, who, "hello")
    assert texts(reply).startswith(UNAVAILABLE) and "can't diagnose" in texts(reply)  # fixed answers still work
    assert texts(reply).count(UNAVAILABLE) == 1
    rest_send(settings, who, "it has been going on for two weeks")

    servers.start_action_server()
    facts = summary(servers, who)  # a real answer again
    assert "intense_exercise" in facts["factors"]  # said while the action server was down
    assert facts["duration_days"] == 14  # said while the action server was down: not lost
    rasa_log = next(c.log_path for c in servers.children if c.name == "rasa-server").read_text(errors="replace")
    assert "could not run" in rasa_log and marker not in rasa_log


def test_delete_my_data_works_while_the_action_server_is_down(servers):
    settings = servers.settings
    who = f"forget-{uuid.uuid4().hex[:8]}"
    first = "my eyelid has been twitching for a week and I drink 5 coffees a day"
    assert texts(rest_send(settings, who, first)).startswith("Here is what I understood")

    stop_child(servers, "action-server", signal.SIGKILL)
    try:
        reply = rest_send(settings, who, "delete everything i told you")
        assert "started over" in texts(reply) and UNAVAILABLE not in texts(reply)
        assert first not in str(tracker_events(settings, who))
    finally:
        servers.start_action_server()
    facts = summary(servers, who)
    assert not facts["factors"] and facts["duration_days"] is None


def test_a_crashed_rasa_server_restarts_with_the_conversation_intact(servers):
    settings = servers.settings
    who = f"crash-{uuid.uuid4().hex[:8]}"
    first = "my eyelid has been twitching for a week and I drink 5 coffees a day"
    reply = rest_send(settings, who, first)
    assert "weakness, numbness or tingling" in texts(reply), reply
    before = tracker_events(settings, who)

    restart_rasa(servers, signal.SIGKILL)

    after = tracker_events(settings, who)
    assert [e["event"] for e in after[: len(before)]] == [e["event"] for e in before]
    assert first in user_texts(settings, who)
    reply = rest_send(settings, who, "no")  # the answer to the question asked before the crash
    assert "sleeping" in texts(reply) and "How long" not in texts(reply), reply
    facts = summary(servers, who)
    assert "caffeine" in facts["factors"] and facts["duration_days"] == 7 and "weakness" in facts["denied"]
