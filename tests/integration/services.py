"""Helpers for integration tests that stop and restart servers: own stacks, HTTP.

PostgreSQL and Redis servers come from ops/services.py (`services.start_postgres()`,
`services.start_redis()`), which `make cluster` uses too.
"""

from __future__ import annotations

import dataclasses
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from ops import proc
from ops.launcher import Child, Settings, Stack, free_port, latest_model, rest_send
from ops.paths import ROOT


def make_settings(tracker_db: Path, token: str = "test-token", **changes: Any) -> Settings:
    """Settings for a stack of our own on free ports (extra fields via `changes`)."""
    model = latest_model(ROOT / "models")
    assert model is not None, "no trained model in models/: run `make train` (make test trains first)"
    base = Settings.from_env({})
    return dataclasses.replace(
        base,
        rasa_port=free_port(),
        action_port=free_port(),
        auth_token=token,
        token_generated=False,
        model=model,
        tracker_db=tracker_db,
        **changes,
    )


def child(stack: Stack, name: str) -> Child:
    return next(c for c in stack.children if c.name == name)


def stop_child(stack: Stack, name: str, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Stop one server of the stack (its whole process group) and forget it."""
    target = child(stack, name)
    proc.stop_group(target.process, timeout, sig)
    stack.children.remove(target)


# The secrets of the session stack (conftest.py), for the security tests.
JWT_SECRET = "jwt-" + uuid.uuid4().hex
ACTION_SECRET = "act-" + uuid.uuid4().hex
CLUSTER_TOKEN = "cluster-token"  # the session's cluster (conftest.py)
# The pytest-xdist groups of `make pytest-integration` (conftest.py): the session stack's tests in two
# halves (each process that takes one starts a stack of its own), the session cluster's tests, and one
# group per module for the tests that start servers of their own (a module's fixtures are started once).
STACK_GROUP, SECOND_STACK_GROUP, CLUSTER_GROUP = "session-stack", "session-stack-2", "session-cluster"
OWN_SERVERS = "own-servers:"
# The session stack's modules that take the second stack: about half of the stack's minutes (a drip
# test waits out the servers' 15-second deadlines, the vignettes play 70 conversations).
SECOND_STACK_MODULES = frozenset(
    {"test_security", "test_vignettes", "test_faults", "test_platforms", "test_store_faults", "test_followups", "test_nlu_quality"}
)

RASA_START_TIMEOUT = 900  # seconds: a Rasa server takes minutes to start on a loaded 2-core machine


def start_stack(stack: Stack) -> Stack:
    """Start the action server, then the Rasa server with a generous timeout; stop both on failure."""
    try:
        stack.start_action_server()
        stack.start_rasa_server(timeout=RASA_START_TIMEOUT)
    except BaseException:
        stack.stop()
        raise
    return stack


def restart_rasa(stack: Stack, sig: int = signal.SIGTERM) -> None:
    stop_child(stack, "rasa-server", sig)
    stack.start_rasa_server(timeout=RASA_START_TIMEOUT)


def request(
    method: str, url: str, body: Any = None, token: str | None = None, headers: dict[str, str] | None = None, timeout: float = 60
) -> tuple[int, Any]:
    """(status, parsed JSON body or None); HTTP errors are returned, not raised."""
    if token is not None:
        url += ("&" if "?" in url else "?") + f"token={token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw) if raw else None
        except ValueError:
            return error.code, raw.decode(errors="replace")


def tracker_events(settings: Settings, sender: str) -> list[dict]:
    """Every stored event of a conversation (all sessions, also before restarts)."""
    status, body = request(
        "GET", f"{settings.rasa_url}/conversations/{sender}/tracker?include_events=ALL", token=settings.auth_token
    )
    assert status == 200, body
    return list(body["events"])


def user_texts(settings: Settings, sender: str) -> list[str]:
    return [e.get("text") or "" for e in tracker_events(settings, sender) if e["event"] == "user"]


def forget_command(settings: Settings, sender: str) -> subprocess.CompletedProcess:
    """`python -m ops.cli forget <sender>` with the stack's stores."""
    env = settings.child_env()
    return subprocess.run(
        [sys.executable, "-m", "ops.cli", "forget", sender], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def wait_until(condition: Any, timeout: float = 30, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())


def texts(messages: list[dict]) -> str:
    return " ".join(m.get("text", "") for m in messages)


def customs(messages: list[dict], kind: str | None = None) -> list[dict]:
    found = [m["custom"] for m in messages if "custom" in m]
    return [c for c in found if kind is None or c.get("type") == kind]


# What a summary of a conversation with nothing told holds: the bot answers the story-first reply
# (an explanation of question `summary`) rather than a card of nothing.
NOTHING_TOLD = {"symptoms": [], "factors": [], "denied": [], "duration_days": None}


def summary(stack: Stack, who: str) -> dict:
    """The summary payload of a conversation, asked for over REST (nothing told: `NOTHING_TOLD`)."""
    reply = rest_send(stack.settings, who, "can i get a summary")
    found = customs(reply, "summary")
    if not found and any(c.get("question") == "summary" for c in customs(reply, "explanation")):
        return dict(NOTHING_TOLD)
    assert found, reply
    return found[0]


def listening_addresses(port: int) -> set[str]:
    """Local IPv4 and IPv6 addresses listening on `port` (from /proc/net)."""
    found = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] != "0A" or int(hex_port, 16) != port:
                continue
            raw = bytes.fromhex(address)
            raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            found.add(socket.inet_ntop(family, raw))
    return found
