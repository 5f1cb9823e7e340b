"""Rasa's own commands, typed plainly from the repository with no project variable set.

A Rasa user expects `rasa run --enable-api`, `rasa shell` and `rasa run actions` to work in a
fresh clone after training. Each command here runs from the repository root with an
environment of PATH and HOME only. HOME is a throwaway home whose Rasa settings turn
telemetry off, so nothing is sent anywhere. Where a test sets more, the comment says why.
"""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from bot.texts import UNAVAILABLE
from ops import proc
from ops.paths import ROOT
from ops.proc import HOST, free_port
from rasa_server.env import DEFAULT_TRACKER_DB

pytestmark = pytest.mark.integration

MODEL = Path("models") / "twitch.tar.gz"  # relative, as typed in the repository
START_TIMEOUT = 400  # a model load takes 60-120 s on a busy 2-core machine


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A home directory whose Rasa settings have telemetry off (Rasa reads ~/.config/rasa/global.yml)."""
    home = tmp_path_factory.mktemp("home")
    settings = home / ".config" / "rasa" / "global.yml"
    settings.parent.mkdir(parents=True)
    settings.write_text(yaml.safe_dump({"metrics": {"enabled": False, "rasa_user_id": "0" * 32, "date": "2026-01-01"}}))
    return home


@pytest.fixture(scope="module", autouse=True)
def trained_model():
    assert (ROOT / MODEL).exists(), "no trained model: run `make train` first"


def plain_env(home: Path, **extra: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), **extra}


def start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "rasa", *cmd], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip


def status_of(url: str) -> int:
    request = urllib.request.Request(url, data=b"{}", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.fixture(scope="module")
def plain_server(home, tmp_path_factory):
    """`rasa run --enable-api` with no variable set, started with the module: it loads its model
    while the shell test runs (two loads at once instead of one after the other).

    Yields (process, port, log, default tracker file). The SQLite file a server with no variable
    set creates (empty, since nobody talks to it) is removed after, when this module created it.
    """
    existed = DEFAULT_TRACKER_DB.exists()
    port = free_port()
    log = tmp_path_factory.mktemp("plain") / "rasa.log"
    server = start(["run", "--enable-api", "--interface", HOST, "--port", str(port), "--model", str(MODEL)], plain_env(home), log)
    try:
        yield server, port, log, DEFAULT_TRACKER_DB
    finally:
        proc.stop_group(server)
        if not existed and DEFAULT_TRACKER_DB.exists():
            with sqlite3.connect(DEFAULT_TRACKER_DB) as db:
                stored = db.execute("SELECT count(*) FROM events").fetchone()[0]
            if stored == 0:  # nobody else started using it meanwhile
                DEFAULT_TRACKER_DB.unlink()
                with contextlib.suppress(OSError):
                    DEFAULT_TRACKER_DB.parent.rmdir()


@pytest.mark.usefixtures("plain_server")  # `rasa run` loads its model meanwhile
def test_rasa_shell_answers_through_rasa_run_actions(home, tmp_path):
    """`rasa run actions` and `rasa shell`, the way a Rasa user runs them side by side.

    Three variables, each for the test machine, not for the commands to work: SANIC_HOST keeps
    the action server on 127.0.0.1 (rasa_sdk binds every interface otherwise), and since port
    5055 may be taken by someone's `make run`, ACTION_ENDPOINT_URL points the shell at the
    test's action server; TRACKER_DB keeps the test's conversation out of var/tracker.db.
    """
    action_port, shell_port = free_port(), free_port()
    actions = start(["run", "actions", "--port", str(action_port)], plain_env(home, SANIC_HOST=HOST), tmp_path / "actions.log")
    try:
        proc.wait_url(actions, f"http://{HOST}:{action_port}/health", 120)
        env = plain_env(home, ACTION_ENDPOINT_URL=f"http://{HOST}:{action_port}/webhook", TRACKER_DB=str(tmp_path / "t.db"))
        shell = subprocess.run(
            [sys.executable, "-m", "rasa", "shell", "--model", str(MODEL), "--interface", HOST, "--port", str(shell_port)],
            cwd=ROOT, env=env, input=b"hello\n/stop\n", capture_output=True, timeout=START_TIMEOUT, start_new_session=True,
        )  # fmt: skip
    finally:
        proc.stop_group(actions)
    said = shell.stdout.decode(errors="replace")
    assert shell.returncode == 0, said[-3000:] + shell.stderr.decode(errors="replace")[-3000:]
    greeting = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]["utter_greet"][0]["text"]
    assert greeting in said
    assert UNAVAILABLE not in said  # the custom action of the turn reached the action server
    assert (tmp_path / "t.db").is_file()


def test_rasa_run_enable_api_starts_with_no_variable_set(plain_server):
    server, port, log, default_tracker_db = plain_server
    try:
        proc.wait_url(server, f"http://{HOST}:{port}/status", START_TIMEOUT)
        said = log.read_text(errors="replace")
        # the messaging channels have no token: off, saying which variables would switch them on
        assert "channel telegram is off: set TELEGRAM_TOKEN, TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_URL" in said
        assert "channel slack is off: set SLACK_TOKEN, SLACK_SIGNING_SECRET" in said
        assert status_of(f"http://{HOST}:{port}/webhooks/telegram/webhook") == 404
        assert default_tracker_db.is_file()  # conversations would be kept in var/tracker.db
    except proc.Exited as exited:
        pytest.fail(f"rasa run exited with {exited.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
