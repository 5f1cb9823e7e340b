"""ops/launcher.py: a server that dies under `make run` is started again while the others serve.

The servers here are tiny local HTTP servers standing in for the action and Rasa servers,
so the restart logic is tested in seconds; tests/integration/test_make_run.py kills the real
action server under load.
"""

from __future__ import annotations

import dataclasses
import io
import os
import signal
import sys
import time

import pytest

from ops import proc
from ops.launcher import (
    RESTART_FIRST_DELAY,
    RESTART_MAX_DELAY,
    STOP_SIGNALS,
    Settings,
    Stack,
    launch,
    restart_delay,
    run_in_foreground,
)
from tests.warning_sources import file_of


def http_server(port: int) -> list[str]:
    return [sys.executable, "-m", "http.server", "--bind", proc.HOST, str(port)]


@pytest.fixture
def stack(tmp_path):
    """Two stand-in servers started the way Stack starts its own, logs in tmp_path."""
    settings = dataclasses.replace(Settings.from_env({}), tracker_db=tmp_path / "tracker.db")
    servers = Stack(settings, log_dir=tmp_path / "logs")
    for name in ("action-server", "rasa-server"):
        port = proc.free_port()
        url = f"http://{proc.HOST}:{port}/"
        child = servers._spawn(name, http_server(port), url)
        proc.wait_url(child.process, url, timeout=30)
    yield servers
    servers.stop()


def heal_until(stack: Stack, done, said: list[str], timeout: float = 20) -> float:
    """Call heal() every 0.1 s (as run_in_foreground does every 0.5 s) until done(); the seconds it took."""
    started = time.monotonic()
    while not done():
        assert time.monotonic() - started < timeout, f"not healed in {timeout} s; said: {said}"
        stack.heal(said.append)
        time.sleep(0.1)
    return time.monotonic() - started


def child(stack: Stack, name: str):
    return next(c for c in stack.children if c.name == name)


def restarted(stack: Stack, name: str, killed) -> bool:
    """Whether `name` runs again in a new process that serves."""
    current = child(stack, name)
    return current.process is not killed and not current.coming_back


def test_a_killed_server_is_started_again_and_the_other_keeps_serving(stack):
    said: list[str] = []
    action, rasa = child(stack, "action-server"), child(stack, "rasa-server")
    action.process.send_signal(signal.SIGKILL)

    took = heal_until(stack, lambda: proc.url_ok(action.ready_url, timeout=0.5), said)
    heal_until(stack, lambda: not child(stack, "action-server").coming_back, said)

    assert took < 10  # the acceptance line: back within 10 s
    assert child(stack, "action-server").process.pid != action.process.pid
    assert child(stack, "rasa-server").process is rasa.process  # never touched
    assert proc.url_ok(rasa.ready_url)
    assert said[0].startswith("action-server stopped unexpectedly (exit code -9); starting it again in 0.5 s")
    assert said[-1].startswith("action-server is back")


def test_a_server_that_keeps_dying_waits_longer_each_time(stack):
    said: list[str] = []
    for _ in range(3):
        killed = child(stack, "action-server").process
        killed.send_signal(signal.SIGKILL)
        heal_until(stack, lambda killed=killed: restarted(stack, "action-server", killed), said)
    waits = [line.split("again in ")[1] for line in said if "again in" in line]
    assert waits == ["0.5 s.", "1.0 s.", "2.0 s."]


def test_the_backoff_starts_small_and_is_capped():
    assert restart_delay(1) == RESTART_FIRST_DELAY
    assert restart_delay(2) == 2 * RESTART_FIRST_DELAY
    assert restart_delay(50) == RESTART_MAX_DELAY


# -- stopping on a signal ---------------------------------------------------------------


class InsistingSignals:
    """Servers whose start is cut short by SIGTERM, as `make run` stopped by its process group
    is, and which get another SIGTERM while they stop: make passes its own on, a supervisor
    insists. `stopped` counts the stops that ran to their end."""

    def __init__(self) -> None:
        self.stopped = 0

    def start(self) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(30)  # the stop signal ends this at once

    def first_exited(self) -> None:
        return None

    def stop(self) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.2)
        self.stopped += 1


class SignalledTerminal(io.StringIO):
    """A terminal on which writing "Stopping" takes long enough for one more SIGTERM to arrive."""

    def write(self, text: str) -> int:
        if "Stopping" in text:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.2)
        return super().write(text)


@pytest.fixture
def own_signal_handlers():
    """run_in_foreground installs its handlers in this process: put pytest's back after."""
    saved = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_a_second_signal_while_stopping_is_ignored_and_the_stop_finishes(own_signal_handlers, monkeypatch):
    servers = InsistingSignals()
    terminal = SignalledTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)

    code = run_in_foreground(servers, "Starting...", lambda: "banner")  # no exception: no traceback

    assert code == 0
    assert servers.stopped == 1
    assert terminal.getvalue().endswith("Stopping...\n")


# A server's code warning as the project's own module would and as a library would, after Sanic's
# import (the Rasa server's and the action server's web framework) let every deprecation through once.
WARNING_SERVER = (
    "import sanic.app\n"
    "from tests.warning_sources import warn_in_file\n"
    "warn_in_file('bot.answers'); warn_in_file('rasa.shared.utils.io')\n"
)


def test_a_servers_log_shows_the_projects_deprecations_and_not_the_libraries(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONWARNINGS", "ignore")  # as the Makefile exports it for Rasa's own commands
    server = launch("server", [sys.executable, "-c", WARNING_SERVER], "", Settings.from_env({}).child_env(), tmp_path)
    assert server.process.wait(timeout=60) == 0
    warned = [line for line in server.tail().splitlines() if "Warning:" in line]
    assert warned == [f"{file_of('bot.answers')}:1: DeprecationWarning: an old way in bot.answers"]
