"""Start and stop the assistant's servers (action server, Rasa server) as child processes.

`make run`, `make shell` and the integration tests all go through `Stack`, so the way the
servers are started is written once. Every server binds to 127.0.0.1. What each server is
started with (its command line, the channels' credentials) is ops/commands.py's.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import logging
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Mapping

from ops import proc
from ops.commands import ServerCommands
from ops.paths import ROOT
from ops.proc import HOST
from ops.proc import free_port as free_port  # re-exported: the tests and evaluation/ import it from here
from ops.quiet import SERVER_STARTUP
from rasa_server.env import CHANNEL_DEFAULTS, DEFAULT_TRACKER_DB, ENDPOINT_DEFAULTS
from rasa_server.limits import DRAIN_SECONDS

logger = logging.getLogger(__name__)

# Environment every child gets: telemetry off, quiet TensorFlow and SQLAlchemy (the libraries'
# Python warnings are hidden by SERVER_STARTUP, on the PYTHONPATH: child_env).
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "HF_HUB_OFFLINE": "1",  # the sentence encoder is read from build/encoder/, never fetched
    "TRANSFORMERS_OFFLINE": "1",
    "SANIC_HOST": HOST,  # rasa_sdk has no host flag; it reads this
}


def latest_model(models_dir: Path) -> Path | None:
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


@dataclass
class Settings:
    """Where and how the servers run. `from_env` reads the documented variables."""

    rasa_port: int = 5005
    action_port: int = 5055
    auth_token: str = ""
    token_generated: bool = False
    model: Path = ROOT / "models"
    tracker_db: Path = DEFAULT_TRACKER_DB
    cors: list[str] = field(default_factory=list)
    web_port: int = 8080
    env: dict[str, str] = field(default_factory=dict)  # extra environment for the servers
    jwt_secret: str = ""  # RASA_JWT_SECRET: the HTTP API also accepts JWTs signed with it
    jwt_method: str = "HS256"  # RASA_JWT_METHOD
    action_host: str = HOST  # ACTION_HOST: where the action server binds

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        token = env.get("RASA_AUTH_TOKEN", "")
        web_port = int(env.get("WEB_PORT", "8080"))
        default_origins = f"http://{HOST}:{web_port} http://localhost:{web_port}"
        return cls(
            rasa_port=int(env.get("RASA_PORT", "5005")),
            action_port=int(env.get("ACTION_PORT", "5055")),
            auth_token=token or secrets.token_urlsafe(24),
            token_generated=not token,
            model=Path(env.get("RASA_MODEL", str(ROOT / "models"))),
            tracker_db=Path(env.get("TRACKER_DB", str(ROOT / "var" / "tracker.db"))),
            cors=env.get("ALLOWED_ORIGINS", default_origins).split(),
            web_port=web_port,
            jwt_secret=env.get("RASA_JWT_SECRET", ""),
            jwt_method=env.get("RASA_JWT_METHOD", "") or "HS256",
            action_host=env.get("ACTION_HOST", "") or HOST,
        )

    @property
    def rasa_url(self) -> str:
        return f"http://{HOST}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://{HOST}:{self.action_port}"

    @property
    def web_url(self) -> str:
        return f"http://{HOST}:{self.web_port}"

    def child_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(self.env)
        env.update(QUIET_ENV)
        for name, default in {**ENDPOINT_DEFAULTS, **CHANNEL_DEFAULTS}.items():
            if not env.get(name):
                env[name] = default
        # the widget's socket checks the Origin of a browser against the same list as CORS
        env["ALLOWED_ORIGINS"] = " ".join(self.cors)
        if not env.get("SESSION_SECRET"):
            # the key that signs widget session ids (rasa_server/channels/socketio.py): the same
            # for every replica of one deployment, and never the API token itself
            env["SESSION_SECRET"] = hashlib.sha256(f"widget-session:{self.auth_token}".encode()).hexdigest()
        env.update(
            {
                "ACTION_PORT": str(self.action_port),
                "ACTION_ENDPOINT_URL": f"{self.action_url}/webhook",  # the action server this launcher started
                "RASA_PORT": str(self.rasa_port),
                "TRACKER_DB": str(self.tracker_db),
                # the project's packages, and the start-up file that shows only the project's warnings
                "PYTHONPATH": os.pathsep.join(filter(None, [str(SERVER_STARTUP), str(ROOT), env.get("PYTHONPATH", "")])),
            }
        )
        return env


class StartupError(RuntimeError):
    """A server did not come up; the message says which and where its log is."""


class ServerLost(RuntimeError):
    """A server that cannot be started again died; the message says which."""


# Restarting a server that died (`Stack.heal`): the first restart comes at once, each quick
# death after it (within STABLE_AFTER seconds of the start) doubles the wait, up to the cap,
# so a server that cannot start does not spin.
RESTART_FIRST_DELAY = 0.5
RESTART_MAX_DELAY = 30.0
STABLE_AFTER = 60.0


# Seconds a server has to exit after SIGTERM before it is killed; the Rasa server finishes the
# turns in flight first (rasa_server/limits.py), for up to DRAIN_SECONDS.
STOP_SECONDS = 20.0
RASA_STOP_SECONDS = DRAIN_SECONDS + 10


def restart_delay(quick_deaths: int) -> float:
    """Seconds to wait before restarting a server that died `quick_deaths` times in a row."""
    return min(RESTART_MAX_DELAY, RESTART_FIRST_DELAY * 2 ** max(0, quick_deaths - 1))


@dataclass
class Child:
    name: str
    process: subprocess.Popen
    log_path: Path | None
    cmd: list[str] = field(default_factory=list)  # how to start it again
    ready_url: str = ""  # answers once the server serves
    ready_port: int = 0  # else: listens on this port once it serves
    started: float = field(default_factory=time.monotonic)
    quick_deaths: int = 0  # deaths in a row that came soon after a start (the backoff grows with them)
    restart_at: float | None = None  # when a dead child is started again
    coming_back: bool = False  # restarted, not yet ready
    stop_seconds: float = STOP_SECONDS  # given to exit after SIGTERM (`Stack.stop`)

    def ready(self) -> bool:
        """Whether the server serves (its ready URL answers, or its port listens)."""
        return proc.url_ok(self.ready_url, timeout=0.5) if self.ready_url else proc.port_open(self.ready_port, timeout=0.5)

    def tail(self, lines: int = 30) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def say_on_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def heal_child(child: Child, relaunch: Callable[[], Child], say: Callable[[str], None] = say_on_stderr) -> Child:
    """`child`, or once it has died and its backoff is over, the fresh one `relaunch()` started.

    A death is told at once with the wait before the restart (`restart_delay`), and the
    restarted server once it serves again. Whatever is left of the dead one's process group
    (a worker that outlived its master) is killed first: it could hold the port.
    """
    now = time.monotonic()
    code = child.process.poll()
    if code is None:
        if child.coming_back and child.ready():
            child.coming_back = False
            say(f"{child.name} is back (pid {child.process.pid}).")
        return child
    if child.restart_at is None:
        child.quick_deaths = child.quick_deaths + 1 if now - child.started < STABLE_AFTER else 1
        delay = restart_delay(child.quick_deaths)
        child.restart_at = now + delay
        say(f"{child.name} stopped unexpectedly (exit code {code}); starting it again in {delay:.1f} s.")
        return child
    if now < child.restart_at:
        return child
    proc.reap_group(child.process, timeout=2)
    fresh = relaunch()
    fresh.quick_deaths, fresh.coming_back, fresh.stop_seconds = child.quick_deaths, True, child.stop_seconds
    return fresh


def launch(name: str, cmd: list[str], ready_url: str, env: Mapping[str, str], log_dir: Path | None) -> Child:
    """Spawn one server in its own process group, from the repository, stdin closed; with
    `log_dir` its output goes to `log_dir`/`name`.log, else to this process's terminal."""
    out: IO[bytes] | None = None
    log_path = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        log_path = log_dir / f"{name}.log"
        out = open(log_path, "ab")
    process = proc.spawn(
        cmd, cwd=ROOT, env=dict(env), stdout=out, stderr=subprocess.STDOUT if out else None, stdin=subprocess.DEVNULL
    )
    if out is not None:
        out.close()
    return Child(name, process, log_path, cmd=cmd, ready_url=ready_url)


def wait_ready(child: Child, url: str, timeout: float) -> None:
    """Wait until `url` answers; a StartupError that says which server and ends with its log's last lines if not."""
    try:
        proc.wait_url(child.process, url, timeout)
    except proc.Exited as exited:
        raise StartupError(
            f"{child.name} exited with code {exited.returncode} while starting."
            + (f"\nLast lines of {child.log_path}:\n{child.tail()}" if child.log_path else "")
        ) from None
    except proc.NotReady:
        raise StartupError(f"{child.name} was not ready at {url.split('?')[0]} after {timeout:.0f} s") from None


class Stack(ServerCommands):
    """The action server and the Rasa server, started together and stopped together. With `log_dir`
    each writes to its own file there; without it they share this terminal (as `make run` wants)."""

    def __init__(self, settings: Settings, log_dir: Path | None = None, python: str = sys.executable, web: bool = False):
        super().__init__(settings, python)
        self.web = web  # also serve the web page (web/server.py) on settings.web_port
        self.log_dir = log_dir
        self.children: list[Child] = []

    # -- lifecycle ------------------------------------------------------------------
    def _spawn(self, name: str, cmd: list[str], ready_url: str = "") -> Child:
        child = self._launch(name, cmd, ready_url)
        self.children.append(child)
        return child

    def _launch(self, name: str, cmd: list[str], ready_url: str) -> Child:
        return launch(name, cmd, ready_url, self.settings.child_env(), self.log_dir)

    def start_action_server(self, timeout: float = 60) -> None:
        url = f"{self.settings.action_url}/health"
        wait_ready(self._spawn("action-server", self.action_server_cmd(), url), url, timeout)

    def start_rasa_server(self, timeout: float = 300) -> None:
        self.settings.tracker_db.parent.mkdir(parents=True, exist_ok=True)
        url = f"{self.settings.rasa_url}/status?token={self.settings.auth_token}"
        child = self._spawn("rasa-server", self.rasa_server_cmd(), url)
        child.stop_seconds = RASA_STOP_SECONDS  # it finishes the turns in flight
        wait_ready(child, url, timeout)

    def start_web_server(self, timeout: float = 30) -> None:
        url = f"{self.settings.web_url}/config.js"
        wait_ready(self._spawn("web", self.web_server_cmd(), url), url, timeout)

    def start(self) -> Stack:
        try:
            self.start_action_server()
            self.start_rasa_server()
            if self.web:
                self.start_web_server()
        except BaseException:
            self.stop()
            raise
        return self

    def first_exited(self) -> Child | None:
        return next((c for c in self.children if c.process.poll() is not None), None)

    def heal(self, say: Callable[[str], None] = say_on_stderr) -> None:
        """Start again, after a growing backoff, every server that died, while the others
        keep serving (the Rasa server apologises while the action server is away:
        rasa_server/hooks.py). Called every half second by `run_in_foreground`."""
        for index, child in enumerate(self.children):
            self.children[index] = heal_child(child, functools.partial(self._launch, child.name, child.cmd, child.ready_url), say)

    def stop(self) -> None:
        """One at a time, the last started first (SIGTERM, `stop_seconds`, SIGKILL): the Rasa server
        finishes its turns in flight while the action server they call still serves."""
        for child in reversed(self.children):
            proc.stop_group(child.process, child.stop_seconds)
        self.children.clear()
        self.remove_credentials()

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Stopped(Exception):
    """SIGTERM, SIGINT or SIGHUP arrived while servers ran in the foreground."""


# A terminal's Ctrl-C, a supervisor's or container runtime's SIGTERM, a closed terminal's SIGHUP.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def _stop_on_first_signal(signum: int, frame: object) -> None:
    """Raise Stopped once: every later stop signal is ignored from here on, so a second one
    (make passing on its group's SIGTERM, a supervisor that insists) cannot break off the
    stopping half-way or surface as a traceback."""
    ignore_stop_signals()
    raise Stopped(signal.Signals(signum).name)


def ignore_stop_signals() -> None:
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)


def run_in_foreground(servers: Any, starting: str, banner: Callable[[], str], stopping: str = "Stopping...") -> int:
    """Start `servers` (a Stack or anything with start/first_exited/stop), print `banner()`,
    and keep them up until a stop signal; then stop them all. A server that dies is started
    again when `servers` can `heal()` (a Stack, the cluster); otherwise the first death stops
    everything."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, _stop_on_first_signal)
    try:
        print(starting, flush=True)
        started = time.monotonic()
        servers.start()
        print(banner() + f"(started in {time.monotonic() - started:.0f} s)\n", flush=True)
        heal = getattr(servers, "heal", None)
        while True:
            if heal is not None:
                heal()
            elif (dead := servers.first_exited()) is not None:
                print(
                    f"{dead.name} stopped unexpectedly (exit code {dead.process.returncode}); stopping the rest.", file=sys.stderr
                )
                return 1
            time.sleep(0.5)
    except (StartupError, ServerLost) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Stopped:
        print(f"\n{stopping}", flush=True)
        return 0
    finally:
        ignore_stop_signals()
        servers.stop()


@contextlib.contextmanager
def throwaway_stack(model: Path) -> Iterator[Stack]:
    """The action server and Rasa server on free ports with a tracker database of their own,
    removed after (the evaluation tools)."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = dataclasses.replace(
            Settings.from_env({}),
            rasa_port=free_port(),
            action_port=free_port(),
            model=model,
            tracker_db=Path(tmp) / "tracker.db",
        )
        with Stack(settings, log_dir=Path(tmp) / "logs") as stack:
            yield stack


def rest_send(settings: Settings, sender: str, text: str, timeout: float = 60) -> list[dict]:
    """Send one message over the REST channel (with the API token); return the bot's messages."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"{settings.rasa_url}/webhooks/rest/webhook?token={urllib.parse.quote(settings.auth_token)}",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return list(json.loads(response.read()))
