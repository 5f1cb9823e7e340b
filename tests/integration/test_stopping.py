"""Stopping the servers (`make run` stopped, a supervisor's SIGTERM) while a turn is in flight:
the turn already accepted is finished and stored, and a request that arrives meanwhile is told
503. (That the stop leaves no process or port behind: test_make_run.py.)"""

from __future__ import annotations

import dataclasses
import json
import socket
import sqlite3
import sys
import threading
from pathlib import Path

import pytest

from ops.launcher import Stack
from ops.proc import HOST
from tests.integration.services import RASA_START_TIMEOUT, make_settings, wait_until
from tests.integration.slow_actions import SLOW_ANSWER

pytestmark = pytest.mark.integration

SLOW_SECONDS = 20  # longer than Sanic's default drain (15 s), shorter than the project's


class SlowActionStack(Stack):
    """The launcher's stack, its action server serving tests/integration/slow_actions.py."""

    def action_server_cmd(self) -> list[str]:
        return [*super().action_server_cmd()[:3], "--actions", "tests.integration.slow_actions", *super().action_server_cmd()[5:]]


def rest_request(settings, sender: str, text: str) -> bytes:
    body = json.dumps({"sender": sender, "message": text}).encode()
    head = (
        f"POST /webhooks/rest/webhook?token={settings.auth_token} HTTP/1.1\r\nHost: {HOST}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def read_responses(sock: socket.socket) -> list[tuple[int, bytes]]:
    """Every (status, body) the server sends on `sock` until it closes the connection."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    answers = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
        answers.append((int(lines[0].split()[1]), rest[:length]))
        data = rest[length:]
    return answers


def stored(db: Path, sender: str) -> list[tuple[str, str]]:
    """(event type, text) of the conversation's stored user and bot events."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ? AND type_name IN ('user', 'bot') ORDER BY id", (sender,)
        ).fetchall()
    return [(kind, json.loads(data).get("text") or "") for kind, data in rows]


def test_a_turn_in_flight_when_the_servers_stop_is_answered_and_stored_and_a_later_request_gets_503(tmp_path):
    mark = tmp_path / "action-called"
    settings = dataclasses.replace(
        make_settings(tmp_path / "tracker.db"),
        env={"ACTION_TIMEOUT": "60", "SLOW_ACTION_SECONDS": str(SLOW_SECONDS), "SLOW_ACTION_MARK": str(mark)},
    )
    stack = SlowActionStack(settings, log_dir=tmp_path / "logs", python=sys.executable)
    try:
        stack.start_action_server()
        stack.start_rasa_server(timeout=RASA_START_TIMEOUT)
        with socket.create_connection((HOST, settings.rasa_port), timeout=120) as sock:
            # The second request waits behind the first on the same connection (pipelined): it is
            # read only once the server is stopping.
            sock.sendall(rest_request(settings, "in-flight", "my eyelid keeps twitching") + rest_request(settings, "late", "hello"))
            assert wait_until(mark.exists, timeout=120), "the turn never reached the action server"
            stopping = threading.Thread(target=stack.stop)
            stopping.start()
            answers = read_responses(sock)
            stopping.join(120)
    finally:
        stack.stop()
    assert [status for status, _ in answers] == [200, 503]
    assert SLOW_ANSWER in [m.get("text") for m in json.loads(answers[0][1])]
    assert stored(settings.tracker_db, "in-flight") == [("user", "my eyelid keeps twitching"), ("bot", SLOW_ANSWER)]
    assert stored(settings.tracker_db, "late") == []
