"""`make run` serves the assistant, heals a killed action server under load, and leaves
nothing behind on SIGTERM. One `make run` for the module; the SIGTERM test comes last."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ops.launcher import Settings, free_port, rest_send
from ops.paths import ROOT
from ops.proc import alive, children, cmdline, pids, port_open, url_ok
from rasa_server.hooks import UNAVAILABLE
from tests.integration.services import user_texts, wait_until

pytestmark = pytest.mark.integration


def processes_mentioning(marker: str) -> list[int]:
    return [pid for pid in pids() if marker in cmdline(pid)]


@dataclass
class MakeRun:
    process: subprocess.Popen
    settings: Settings
    log_path: Path

    def log(self, last: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-last:]

    def launchers(self) -> list[int]:
        """The `python -m ops.cli run` processes under make (one)."""
        return [p for p in children(self.process.pid) if "-m ops.cli run" in cmdline(p)]

    def pid_on_port(self, port: int) -> int:
        pids = processes_mentioning(f"--port {port} ")  # the space: not --port 50551 for 5055
        assert pids, f"nothing runs with --port {port}:\n{self.log()}"
        return min(pids)


def start_make_run(tmp_path: Path, own_group: bool = False) -> MakeRun:
    """`make run` on free ports with a tracker database in `tmp_path` (in a process group of its own with `own_group`)."""
    rasa_port, action_port, web_port = free_port(), free_port(), free_port()
    env = dict(os.environ, RASA_PORT=str(rasa_port), ACTION_PORT=str(action_port), WEB_PORT=str(web_port),
               RASA_AUTH_TOKEN="run-token", TRACKER_DB=str(tmp_path / "tracker.db"))  # fmt: skip
    log_path = tmp_path / "make-run.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=own_group,
        )  # fmt: skip
    return MakeRun(process, Settings.from_env(env), log_path)


def wait_answering(run: MakeRun) -> None:
    """Wait until `make run` answers over REST (it may have to set up first)."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and run.process.poll() is None:
        try:
            rest_send(run.settings, f"run-{uuid.uuid4().hex[:6]}", "hello", timeout=10)
            return
        except OSError:
            time.sleep(1)
    raise AssertionError("make run did not answer over REST:\n" + run.log())


def ports(settings: Settings) -> list[int]:
    return [settings.rasa_port, settings.action_port, settings.web_port]


def servers_left(run: MakeRun) -> dict[int, list[int]]:
    """Each port of `run` that is still in use or named by a running process, with those processes."""
    found = {port: processes_mentioning(f"--port {port} ") for port in ports(run.settings)}
    return {port: pids for port, pids in found.items() if pids or port_open(port)}


def assert_nothing_left(run: MakeRun) -> None:
    """No server of `run` listens or runs any more (they may take a few seconds to shut down)."""
    assert wait_until(lambda: not servers_left(run), timeout=30), f"still there: {servers_left(run)}\n{run.log()}"


@pytest.fixture(scope="module")
def make_run(tmp_path_factory, model_path):
    running = start_make_run(tmp_path_factory.mktemp("make-run"))
    process = running.process
    yield running
    if process.poll() is None:  # the SIGTERM test did not run or failed early: stop it the same way
        for pid in running.launchers():
            os.kill(pid, signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()


def test_make_run_answers_over_rest(make_run):
    wait_answering(make_run)
    assert make_run.settings.tracker_db.exists()


# What each of the 20 people of the load says, in a loop, until the kills are over.
LOAD_MESSAGES = (
    "hi",
    "my eyelid has been twitching for a week",
    "i drink about five coffees a day",
    "no weakness",
    "what could be causing it?",
)


@dataclass
class Person:
    sender: str
    sent: list[str] = field(default_factory=list)
    replies: list[list[dict]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def talk(self, settings: Settings, stop: threading.Event) -> None:
        """Talk until `stop`, then ask once more (when the action server is back)."""
        turn = 0
        while not stop.is_set():
            self.say(settings, LOAD_MESSAGES[turn % len(LOAD_MESSAGES)])
            turn += 1
        self.say(settings, LOAD_MESSAGES[-1])

    def say(self, settings: Settings, text: str) -> None:
        try:
            reply = rest_send(settings, self.sender, text, timeout=60)
        except OSError as error:  # the Rasa server did not answer: what must never happen
            self.errors.append(f"{text!r}: {error}")
            return
        self.sent.append(text)
        self.replies.append(reply)


def test_a_killed_action_server_comes_back_under_load_and_every_user_is_answered(make_run):
    settings = make_run.settings
    rasa_pid = make_run.pid_on_port(settings.rasa_port)
    people = [Person(f"load-{i}-{uuid.uuid4().hex[:6]}") for i in range(20)]
    stop = threading.Event()
    threads = [threading.Thread(target=p.talk, args=(settings, stop), daemon=True) for p in people]
    for thread in threads:
        thread.start()
    back_after = []
    try:
        for _ in range(3):
            time.sleep(3)  # the load runs against a healthy action server first
            os.kill(make_run.pid_on_port(settings.action_port), signal.SIGKILL)
            killed = time.monotonic()
            time.sleep(0.2)
            assert wait_until(lambda: url_ok(f"{settings.action_url}/health", timeout=1), timeout=30)
            back_after.append(time.monotonic() - killed)
    finally:
        stop.set()
        for thread in threads:
            thread.join(120)

    assert all(seconds < 10 for seconds in back_after), f"action server back after {back_after} s"
    assert make_run.pid_on_port(settings.rasa_port) == rasa_pid, "the Rasa server went down"
    told = [line for line in make_run.log(10**8).splitlines() if line.startswith("action-server ")]
    assert len([line for line in told if "starting it again" in line]) == 3, told
    assert len([line for line in told if " is back " in line]) == 3, told
    for person in people:
        assert not person.errors, f"{person.sender} got no answer: {person.errors}"
        assert all(reply for reply in person.replies), f"{person.sender} was left in silence"
        last = " ".join(m.get("text") or "" for m in person.replies[-1])
        assert UNAVAILABLE not in last  # after the kills, real answers again
        assert user_texts(settings, person.sender) == person.sent  # every message stored once, in order
    apologies = sum(UNAVAILABLE in str(reply) for person in people for reply in person.replies)
    answered = sum(len(person.replies) for person in people)
    print(f"\n{answered} messages, {apologies} apologies, action server back after {[round(s, 1) for s in back_after]} s")


def test_make_run_stops_cleanly_on_sigterm(make_run):
    rasa_port, action_port = make_run.settings.rasa_port, make_run.settings.action_port
    # SIGTERM to the assistant's launcher, as a service manager sends it: it stops every
    # server and exits 0, and so does make
    launchers = make_run.launchers()
    for pid in launchers:
        os.kill(pid, signal.SIGTERM)
    if not launchers:
        make_run.process.send_signal(signal.SIGTERM)
    code = make_run.process.wait(60)
    assert launchers, "no `python -m ops.cli run` process was found under make run"
    assert code == 0, f"make run exited with {code}:\n" + make_run.log(2000)
    time.sleep(1)
    assert processes_mentioning(f"--port {rasa_port}") == []
    assert processes_mentioning(f"--port {action_port}") == []


def test_make_run_stopped_by_its_process_group_again_and_again_stops_everything_without_a_traceback(tmp_path, model_path):
    """A terminal, a supervisor or a container runtime signals the whole group, and may insist:
    make passes its SIGTERM on to the launcher too, so the launcher gets several while it stops."""
    run = start_make_run(tmp_path, own_group=True)
    try:
        wait_answering(run)
        launchers = run.launchers()
        for _ in range(3):
            os.killpg(run.process.pid, signal.SIGTERM)
            time.sleep(0.3)
        run.process.wait(60)
        assert launchers and wait_until(lambda: not any(alive(pid) for pid in launchers), timeout=60), run.log()
        assert_nothing_left(run)
        assert "Stopping..." in run.log(10**8)
        assert "Traceback" not in run.log(10**8)
    finally:
        kill_everything(run)


def test_no_server_outlives_a_launcher_killed_with_sigkill(tmp_path, model_path):
    run = start_make_run(tmp_path, own_group=True)
    try:
        wait_answering(run)
        launchers = run.launchers()
        assert launchers, "no `python -m ops.cli run` process was found under make run"
        for pid in launchers:
            os.kill(pid, signal.SIGKILL)
        run.process.wait(60)
        assert_nothing_left(run)
    finally:
        kill_everything(run)


def kill_everything(run: MakeRun) -> None:
    """Whatever a failed test left: make's group, and the servers on its ports (groups of their own)."""
    leftovers = [pid for port in ports(run.settings) for pid in processes_mentioning(f"--port {port} ")]
    for pid in leftovers:
        os.killpg(pid, signal.SIGKILL)
    try:
        os.killpg(run.process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    run.process.wait(10)
