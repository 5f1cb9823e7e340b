"""Conversations survive a Rasa restart, and one conversation can be deleted three ways.

The restart is the session stack's (default SQLite tracker store, in-memory lock store): its
Rasa server is crashed and started again here, once. The deletions run twice: on the session
stack, and on a replica of the session's cluster (PostgreSQL tracker store, Redis lock store),
whose conversations outlive a stopped replica (test_cluster.py).
"""

from __future__ import annotations

import signal
import sqlite3
import uuid
from pathlib import Path

import pytest

from ops import services
from ops.launcher import Stack, rest_send
from tests.integration.services import (
    CLUSTER_GROUP,
    STACK_GROUP,
    forget_command,
    request,
    restart_rasa,
    summary,
    texts,
    tracker_events,
    user_texts,
)

pytestmark = pytest.mark.integration

FIRST = "my eyelid has been twitching for a week and I drink 5 coffees a day"
OTHER = "my calf keeps twitching after the gym"
NERVE_QUESTION = "weakness, numbness or tingling"


class Backend:
    """Where the stack keeps conversations, and a way to read the stored rows directly."""

    def __init__(
        self,
        name: str,
        tracker_db: Path,
        postgres: services.PostgresServer | None = None,
        stack: Stack | None = None,
    ):
        self.name, self.tracker_db, self.postgres = name, tracker_db, postgres
        self.stack = stack  # the running stack that keeps its conversations there

    def stored_rows(self, sender: str) -> int:
        if self.postgres is None:
            with sqlite3.connect(self.tracker_db) as conn:
                return int(conn.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0])
        import psycopg2

        conn = psycopg2.connect(self.postgres.url)
        try:
            with conn.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM events WHERE sender_id = %s", (sender,))
                return int(cursor.fetchone()[0])
        finally:
            conn.close()


@pytest.fixture(
    scope="module",
    params=[  # the pytest-xdist process of the server each backend runs on (conftest.py)
        pytest.param("sqlite", marks=pytest.mark.xdist_group(STACK_GROUP)),
        pytest.param("postgresql+redis", marks=pytest.mark.xdist_group(CLUSTER_GROUP)),
    ],
)
def backend(request):
    if request.param == "sqlite":
        stack = request.getfixturevalue("stack")
        return Backend("sqlite", stack.settings.tracker_db, stack=stack)
    cluster = request.getfixturevalue("cluster")
    replica = cluster.servers.replicas[-1]  # test_cluster.py stops the first one
    return Backend("postgresql", replica.settings.tracker_db, cluster.shared.postgres, stack=replica)


@pytest.fixture(scope="module")
def servers(backend) -> Stack:
    assert backend.stack is not None
    return backend.stack


def sender(tag: str) -> str:
    return f"{tag}-{uuid.uuid4().hex[:8]}"


def tell(stack: Stack, who: str, text: str = FIRST) -> None:
    reply = rest_send(stack.settings, who, text)
    assert texts(reply).startswith("Here is what I understood"), reply


def knows_first_facts(facts: dict) -> bool:
    return "caffeine" in facts["factors"] and facts["duration_days"] == 7


def knows_nothing(facts: dict) -> bool:
    return not facts["symptoms"] and not facts["factors"] and not facts["denied"] and facts["duration_days"] is None


def test_a_conversation_survives_a_rasa_restart(stack):
    """The Rasa server crashes (SIGKILL) in the middle of an interview and comes back knowing it."""
    settings = stack.settings
    backend = Backend("sqlite", settings.tracker_db, stack=stack)
    who = sender("restart")
    reply = rest_send(settings, who, FIRST)
    assert NERVE_QUESTION in texts(reply), reply  # duration and caffeine were given: not asked
    stored = backend.stored_rows(who)
    assert stored > 0
    before = tracker_events(settings, who)

    restart_rasa(stack, signal.SIGKILL)

    after = tracker_events(settings, who)
    assert [e["event"] for e in after[: len(before)]] == [e["event"] for e in before]
    assert FIRST in user_texts(settings, who)
    reply = rest_send(settings, who, "no")  # answers the question asked before the restart
    asked = texts(reply)
    assert "sleeping" in asked and "How long" not in asked and "caffeine" not in asked, reply
    facts = summary(stack, who)
    assert knows_first_facts(facts) and {"weakness", "numbness_tingling"} <= set(facts["denied"])
    assert backend.stored_rows(who) > stored


def check_forgotten(stack: Stack, backend: Backend, who: str, other: str) -> None:
    """`who` is gone everywhere; `other` is untouched."""
    assert not [t for t in user_texts(stack.settings, who) if t], tracker_events(stack.settings, who)
    assert FIRST not in str(tracker_events(stack.settings, who))
    assert knows_nothing(summary(stack, who))
    assert OTHER in user_texts(stack.settings, other)
    other_facts = summary(stack, other)
    assert "intense_exercise" in other_facts["factors"]


def test_forget_command(servers, backend):
    who, other = sender("cmd"), sender("cmd-other")
    tell(servers, who)
    tell(servers, other, OTHER)
    assert knows_first_facts(summary(servers, who))

    done = forget_command(servers.settings, who)
    assert done.returncode == 0, done.stderr
    assert "Deleted" in done.stdout and "Traceback" not in done.stderr
    assert backend.stored_rows(who) == 0
    check_forgotten(servers, backend, who, other)


def test_forget_over_the_http_api(servers, backend):
    who, other = sender("api"), sender("api-other")
    tell(servers, who)
    tell(servers, other, OTHER)
    url = f"{servers.settings.rasa_url}/webhooks/privacy/conversations/{who}"

    assert request("DELETE", url)[0] == 401
    assert request("DELETE", url, token="wrong")[0] == 401
    assert FIRST in user_texts(servers.settings, who)  # refused: nothing deleted

    status, body = request("DELETE", url, token=servers.settings.auth_token)
    assert status == 200 and body["status"] == "deleted" and body["events"] > 0
    assert backend.stored_rows(who) == 0
    check_forgotten(servers, backend, who, other)


def test_delete_my_data_in_the_chat(servers, backend):
    who, other = sender("chat"), sender("chat-other")
    tell(servers, who)
    tell(servers, other, OTHER)
    before = backend.stored_rows(who)

    reply = rest_send(servers.settings, who, "delete everything i told you")
    assert "deleted this conversation" in texts(reply), reply
    assert {"type": "deleted"} in [m.get("custom") for m in reply]  # the widget drops its own copy on this
    assert backend.stored_rows(who) < before
    check_forgotten(servers, backend, who, other)
    # The conversation goes on, and a new fact is remembered as usual.
    tell(servers, who, "my eyelid has been twitching for 3 days")
    facts = summary(servers, who)
    assert facts["duration_days"] == 3 and "caffeine" not in facts["factors"]
