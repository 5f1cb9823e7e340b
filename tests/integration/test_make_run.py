"""`make run` serves the assistant and leaves nothing behind on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from ops.launcher import ROOT, Settings, free_port, rest_send

pytestmark = pytest.mark.integration


def processes_mentioning(marker: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        if marker in cmdline(int(proc.name)):
            found.append(int(proc.name))
    return found


def cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def children_of(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            status = (proc / "status").read_text() if proc.name.isdigit() else ""
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in status:
            found.append(int(proc.name))
    return found


def test_make_run_answers_over_rest_and_stops_cleanly_on_sigterm(tmp_path, model_path):
    rasa_port, action_port = free_port(), free_port()
    env = dict(os.environ, RASA_PORT=str(rasa_port), ACTION_PORT=str(action_port), RASA_AUTH_TOKEN="run-token",
               TRACKER_DB=str(tmp_path / "tracker.db"))  # fmt: skip
    log = open(tmp_path / "make-run.log", "wb")
    proc = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    settings = Settings.from_env(env)
    try:
        deadline = time.monotonic() + 240
        reply = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                reply = rest_send(settings, f"run-{uuid.uuid4().hex[:6]}", "hello", timeout=10)
                break
            except OSError:
                time.sleep(1)
        assert reply, "make run did not answer over REST:\n" + (tmp_path / "make-run.log").read_text()[-3000:]
        assert (tmp_path / "tracker.db").exists()
        assert f"--port {rasa_port}" in " ".join(cmdline(p) for p in processes_mentioning(f"--port {rasa_port}"))
    finally:
        # SIGTERM to the assistant's launcher, as a service manager sends it: it stops every
        # server and exits 0, and so does make
        launchers = [p for p in children_of(proc.pid) if "-m ops.cli run" in cmdline(p)]
        for pid in launchers:
            os.kill(pid, signal.SIGTERM)
        if not launchers:
            proc.send_signal(signal.SIGTERM)
        code = proc.wait(60)
        log.close()
    assert launchers, "no `python -m ops.cli run` process was found under make run"
    assert code == 0, f"make run exited with {code}:\n" + (tmp_path / "make-run.log").read_text()[-2000:]
    time.sleep(1)
    assert processes_mentioning(f"--port {rasa_port}") == []
    assert processes_mentioning(f"--port {action_port}") == []
