"""Faults: the action server goes away and comes back. (A crashed Rasa server that restarts
with its conversations intact: test_persistence.py.)

The session stack's action server is killed and started again by these tests.
"""

from __future__ import annotations

import signal
import uuid

import pytest

from ops.launcher import rest_send
from rasa_server.hooks import UNAVAILABLE
from tests.integration.services import (
    stop_child,
    summary,
    texts,
    tracker_events,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def servers(stack):
    """The session stack: these tests stop its action server and start it again."""
    return stack


@pytest.fixture
def action_server_down(servers):
    """Kill the action server (as a crash would); start it again after the test."""
    stop_child(servers, "action-server", signal.SIGKILL)
    try:
        yield
    finally:
        if not any(c.name == "action-server" for c in servers.children):
            servers.start_action_server()




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
        assert "deleted this conversation" in texts(reply) and UNAVAILABLE not in texts(reply)
        assert first not in str(tracker_events(settings, who))
    finally:
        servers.start_action_server()
    facts = summary(servers, who)
    assert not facts["factors"] and facts["duration_days"] is None
