"""Scale-out on one machine: `python -m ops.cluster` (`make cluster`).

Two Rasa replicas and two action servers behind nginx, sharing a PostgreSQL tracker store
and a Redis lock store, everything on 127.0.0.1 and in the foreground. Ctrl-C or SIGTERM
stops every process and removes the temporary state (database, Redis, nginx config).
docs/deploy.md explains the set-up and maps it to Rasa's Helm charts.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Protocol

from ops import proc, services
from ops.launcher import HOST, Child, ServerLost, Settings, Stack, StartupError, run_in_foreground, say_on_stderr, wait_ready
from ops.nginx import Nginx, Ports
from ops.paths import ROOT

TRACKER_DB_NAME = "twitch"
# LOCK_STORE (read by endpoints.yml's lock store, rasa_server/lock_store.py): the atomic Redis lock store the replicas load.
LOCK_STORE = "rasa_server.lock_store.AtomicRedisLockStore"
# TICKET_LOCK_LIFETIME (Rasa's variable, seconds) unless set: how long a replica killed mid-turn
# keeps that conversation's next message waiting. Live turns renew their ticket (rasa_server/lock_store.py).
TICKET_LOCK_LIFETIME = "10"


# -- the servers ----------------------------------------------------------------------


class _Server(Stack):
    """One Rasa replica or action server: spawned now, waited for later, so they start in parallel."""

    def spawn(self, name: str, rasa: bool) -> Child:
        return self._spawn(name, self.rasa_server_cmd() if rasa else self.action_server_cmd(), self.ready_url(rasa))

    def ready_url(self, rasa: bool) -> str:
        s = self.settings
        return f"{s.rasa_url}/status?token={s.auth_token}" if rasa else f"{s.action_url}/health"

    def wait(self, child: Child, rasa: bool, timeout: float) -> None:
        wait_ready(child, self.ready_url(rasa), timeout)


class Servers:
    """The action servers and the Rasa replicas: spawned all at once, waited for together, stopped all at once."""

    def __init__(self, python: str = sys.executable) -> None:
        self.python = python
        self.replicas: list[_Server] = []
        self.action_servers: list[_Server] = []

    def plan(self, settings: Settings, ports: Ports, logs: Path) -> None:
        """The servers, not started yet. `settings.env` holds the shared stores' variables;
        each replica reaches the action servers through nginx."""
        for port in ports.action_servers:
            self.action_servers.append(_Server(dataclasses.replace(settings, action_port=port), logs, self.python))
        through_nginx = dataclasses.replace(settings, action_port=ports.nginx_actions, tracker_db=Path(TRACKER_DB_NAME))
        for port in ports.replicas:
            self.replicas.append(_Server(dataclasses.replace(through_nginx, rasa_port=port), logs, self.python))

    def start(self, timeout: float) -> None:
        """Spawn every action server and replica at once, then wait until all are ready within `timeout` s."""
        actions = [(s, s.spawn(f"action-server-{i}", rasa=False)) for i, s in enumerate(self.action_servers, 1)]
        rasas = [(s, s.spawn(f"rasa-{i}", rasa=True)) for i, s in enumerate(self.replicas, 1)]
        deadline = time.monotonic() + timeout
        for server, child in actions + rasas:
            server.wait(child, rasa=child.name.startswith("rasa"), timeout=max(1.0, deadline - time.monotonic()))

    def children(self) -> list[Child]:
        return [c for s in (*self.replicas, *self.action_servers) for c in s.children]

    def heal(self, say: Callable[[str], None]) -> None:
        for server in (*self.replicas, *self.action_servers):
            server.heal(say)

    def stop(self) -> None:
        """All SIGTERMed at once (a replica takes seconds to shut down), then each waited for (and killed if need be)."""
        for child in self.children():
            proc.signal_group(child.process, signal.SIGTERM)
        for group in (self.replicas, self.action_servers):
            while group:
                group[-1].stop()
                group.pop()


# -- the stores -----------------------------------------------------------------------


class SharedStores:
    """A throwaway PostgreSQL (the replicas' tracker store) and Redis (their lock store), see ops/services.py."""

    def __init__(self, lock_store: str = LOCK_STORE) -> None:
        self.lock_store = lock_store
        self.postgres: services.PostgresServer | None = None
        self.redis: services.RedisServer | None = None

    def start(self) -> None:
        try:
            self.postgres = services.start_postgres(database=TRACKER_DB_NAME)
            self.redis = services.start_redis()
        except services.ServiceError as error:
            raise StartupError(str(error)) from error

    def env(self) -> dict[str, str]:
        """The endpoints.yml variables of the shared tracker store and lock store."""
        assert self.postgres is not None and self.redis is not None
        lifetime = os.environ.get("TICKET_LOCK_LIFETIME") or TICKET_LOCK_LIFETIME
        return {**self.postgres.env(), **self.redis.env(), "LOCK_STORE": self.lock_store, "TICKET_LOCK_LIFETIME": lifetime}

    @property
    def running(self) -> list[services.Server]:
        return [store for store in (self.postgres, self.redis) if store is not None]

    def heal(self, say: Callable[[str], None]) -> None:
        """Nothing is started again: PostgreSQL or Redis gone is ServerLost, as the conversations
        or their locks went with it, so the cluster stops rather than serve without them."""
        for store in self.running:
            if not store.running():
                raise ServerLost(f"{store.name} stopped (exit code {store.process.returncode}); stopping the cluster.")

    def stop(self) -> None:
        """Redis, then PostgreSQL (each removes its directory)."""
        if self.redis is not None:
            self.redis.stop()
            self.redis = None
        if self.postgres is not None:
            self.postgres.stop()
            self.postgres = None


# -- the cluster ----------------------------------------------------------------------


class Part(Protocol):
    """What the cluster does with each of its parts (Servers, Nginx, SharedStores)."""

    def heal(self, say: Callable[[str], None]) -> None: ...
    def stop(self) -> None: ...


def check_can_start(port: int) -> None:
    """nginx is installed and nothing listens on nginx's public `port`."""
    if shutil.which("nginx") is None:
        raise StartupError("nginx is not installed: apt-get install nginx")
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            raise StartupError(f"port {port} is in use: choose another with CLUSTER_PORT") from None


def make_work_dir() -> Path:
    """The cluster's temporary directory (nginx's config and files, the logs unless given a folder),
    marked as this process's so that a later start removes it if this one is killed with SIGKILL."""
    work_dir = Path(tempfile.mkdtemp(prefix="twitch-cluster-"))
    services.mark_owner(work_dir)
    work_dir.chmod(0o711)  # nginx's workers run as `nobody` when we are root
    return work_dir


class Cluster:
    """nginx (`proxy`) in front of the Rasa replicas and the action servers (`servers`), which
    share PostgreSQL and Redis (`shared`); `ports` says where each listens.

    Logs go to `log_dir` (one file per process); everything else lives in a temporary
    directory removed by `stop()`.
    """

    def __init__(self, settings: Settings, ports: Ports, log_dir: Path | None = None, python: str = sys.executable) -> None:
        self.settings = settings
        self.ports = ports
        self.log_dir = log_dir
        self.servers = Servers(python)
        self.shared = SharedStores()
        self.proxy: Nginx | None = None
        self.work_dir: Path | None = None

    @property
    def url(self) -> str:
        return self.ports.url

    @property
    def logs(self) -> Path:
        assert self.work_dir is not None
        return self.log_dir if self.log_dir is not None else self.work_dir / "logs"

    def parts(self) -> list[Part]:
        """In the order they stop: the servers, then nginx in front of them, then the stores they write to."""
        return [part for part in (self.servers, self.proxy, self.shared) if part is not None]

    def start(self, timeout: float = 600) -> Cluster:
        """Stores, nginx, then every server at once (the replicas' start is the slow part)."""
        check_can_start(self.ports.nginx)
        services.sweep_stale()  # what a launcher killed with SIGKILL left behind, conversations included
        self.work_dir = make_work_dir()
        try:
            self.shared.start()
            self.plan_servers()
            self.proxy = Nginx(self.work_dir, self.logs, self.ports)
            self.proxy.start()  # the servers behind it need not be up yet
            self.servers.start(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def plan_servers(self) -> None:
        """The action servers and the replicas, not started yet (the stores must be running)."""
        settings = dataclasses.replace(self.settings, env={**self.settings.env, **self.shared.env()})
        self.servers.plan(settings, self.ports, self.logs)

    def heal(self, say: Callable[[str], None] = say_on_stderr) -> None:
        """Start again every replica, action server or nginx that died, as `make run` does, while
        the others keep serving (nginx sends the requests to the replica that is up); stop if a
        store died. Called every half second by `run_in_foreground`."""
        for part in self.parts():
            part.heal(say)

    def stop(self) -> None:
        """Every part, then the temporary state. Each part forgets a process only once it is
        stopped, so calling again after an interruption finishes the job."""
        for part in self.parts():
            part.stop()
        if self.work_dir is not None:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            self.work_dir = None


# -- command line ---------------------------------------------------------------------


def banner(cluster: Cluster) -> str:
    s = cluster.settings
    token = f"{s.auth_token} (generated; set RASA_AUTH_TOKEN to choose one)" if s.token_generated else "from RASA_AUTH_TOKEN"
    return "\n".join(
        [
            "",
            f"The twitch assistant runs as a cluster behind nginx at {cluster.url}",
            f"  REST:     curl -s \"{cluster.url}/webhooks/rest/webhook?token=<token>\" -H 'Content-Type: application/json' "
            '-d \'{"sender": "a-random-id", "message": "hi"}\'',
            f"  socketio: {cluster.url}/socket.io (sticky: one client stays on one replica)",
            f"  HTTP API: {cluster.url}/conversations/<sender>/tracker?token=<token>",
            f"  API token: {token}",
            f"  Rasa replicas: {', '.join(cluster.ports.replica_urls)}; action servers: ports "
            f"{', '.join(map(str, cluster.ports.action_servers))} behind nginx port {cluster.ports.nginx_actions}",
            "  conversations: PostgreSQL, locks: Redis (both temporary, removed on stop)",
            f"  logs: {cluster.logs}",
            "Stop with Ctrl-C (or SIGTERM): every process stops and the temporary state is removed.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLUSTER_PORT", "8000")), help="nginx port (CLUSTER_PORT)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--action-servers", type=int, default=2)
    args = parser.parse_args(argv)
    logs = ROOT / "var" / "logs" / "cluster"
    cluster = Cluster(Settings.from_env(), Ports.choose(args.port, args.replicas, args.action_servers), log_dir=logs)
    starting = (
        f"Starting PostgreSQL, Redis, nginx on port {args.port}, {args.action_servers} action servers and "
        f"{args.replicas} Rasa replicas (a few minutes)..."
    )
    return run_in_foreground(cluster, starting, lambda: banner(cluster), "Stopping every process (up to half a minute)...")


if __name__ == "__main__":
    sys.exit(main())
