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
from typing import Callable

from ops import proc, services
from ops.launcher import HOST, Child, ServerLost, Settings, Stack, StartupError, run_in_foreground, say_on_stderr, wait_ready
from ops.nginx import Nginx
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

    def __init__(self) -> None:
        self.replicas: list[_Server] = []
        self.action_servers: list[_Server] = []

    def plan(self, settings: Settings, action_ports: list[int], rasa_ports: list[int], via: int, logs: Path, python: str) -> None:
        """The servers, not started yet. `settings.env` holds the shared stores' variables;
        each replica reaches the action servers through nginx's port `via`."""
        for port in action_ports:
            self.action_servers.append(_Server(dataclasses.replace(settings, action_port=port), logs, python))
        for port in rasa_ports:
            replica = dataclasses.replace(settings, rasa_port=port, action_port=via, tracker_db=Path(TRACKER_DB_NAME))
            self.replicas.append(_Server(replica, logs, python))

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

    def check(self) -> None:
        """PostgreSQL or Redis gone is ServerLost: the conversations or their locks went with it."""
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


def check_can_start(port: int) -> None:
    """nginx is installed and nothing listens on nginx's public `port`."""
    if shutil.which("nginx") is None:
        raise StartupError("nginx is not installed: apt-get install nginx")
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            raise StartupError(f"port {port} is in use: choose another with CLUSTER_PORT") from None


class Cluster:
    """nginx in front of `replicas` Rasa servers and `action_servers` action servers.

    `port` is nginx's public port; the replicas reach the action servers through nginx's
    second port (`action_port`), which their ACTION_ENDPOINT_URL points at. Logs go
    to `log_dir` (one file per process); everything else lives in a temporary directory
    removed by `stop()`.
    """

    def __init__(
        self,
        settings: Settings,
        port: int,
        replicas: int = 2,
        action_servers: int = 2,
        log_dir: Path | None = None,
        lock_store: str = LOCK_STORE,
        python: str = sys.executable,
    ) -> None:
        self.settings = settings
        self.port = port
        self.log_dir = log_dir
        self.python = python
        ports = proc.free_ports(replicas + action_servers + 1)
        self.action_port = ports.pop()
        self.rasa_ports = ports[:replicas]
        self.action_ports = ports[replicas:]
        self.servers = Servers()
        self.shared = SharedStores(lock_store)
        self.proxy: Nginx | None = None
        self.work_dir: Path | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def replica_urls(self) -> list[str]:
        return [f"http://{HOST}:{port}" for port in self.rasa_ports]

    @property
    def logs(self) -> Path:
        assert self.work_dir is not None
        return self.log_dir if self.log_dir is not None else self.work_dir / "logs"

    @property
    def replicas(self) -> list[_Server]:
        return self.servers.replicas

    @property
    def action_servers(self) -> list[_Server]:
        return self.servers.action_servers

    @property
    def postgres(self) -> services.PostgresServer | None:
        return self.shared.postgres

    @property
    def redis(self) -> services.RedisServer | None:
        return self.shared.redis

    @property
    def stores(self) -> list[services.Server]:
        return self.shared.running

    @property
    def nginx(self) -> Child | None:
        return self.proxy.child if self.proxy else None

    def store_env(self) -> dict[str, str]:
        return self.shared.env()

    # -- start ------------------------------------------------------------------------
    def start(self, timeout: float = 600) -> Cluster:
        """Stores, nginx, then every server at once (the replicas' start is the slow part)."""
        check_can_start(self.port)
        services.sweep_stale()  # what a launcher killed with SIGKILL left behind, conversations included
        self.work_dir = Path(tempfile.mkdtemp(prefix="twitch-cluster-"))
        services.mark_owner(self.work_dir)
        self.work_dir.chmod(0o711)  # nginx's workers run as `nobody` when we are root
        try:
            self.shared.start()
            self.plan_servers()
            self.start_proxy()
            self.servers.start(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def start_proxy(self) -> None:
        """nginx, in front of the replicas and the action servers (which need not be up yet)."""
        assert self.work_dir is not None
        self.proxy = Nginx(self.work_dir, self.logs, self.port, self.action_port, self.rasa_ports, self.action_ports)
        self.proxy.start()

    def plan_servers(self) -> None:
        """The action servers and the replicas, not started yet (the stores must be running)."""
        settings = dataclasses.replace(self.settings, env={**self.settings.env, **self.store_env()})
        self.servers.plan(settings, self.action_ports, self.rasa_ports, self.action_port, self.logs, self.python)

    def children(self) -> list[Child]:
        """Every process of the cluster: servers, nginx, PostgreSQL, Redis."""
        found = self.servers.children() + [Child(store.name, store.process, None) for store in self.stores]
        return found + ([self.nginx] if self.nginx else [])

    def first_exited(self) -> Child | None:
        return next((c for c in self.children() if c.process.poll() is not None), None)

    # -- heal and stop ----------------------------------------------------------------
    def heal(self, say: Callable[[str], None] = say_on_stderr) -> None:
        """Start again every replica, action server or nginx that died, as `make run` does
        (ops/launcher.py `heal_child`), while the others keep serving: nginx sends the
        requests to the replica that is up. PostgreSQL or Redis gone is ServerLost: the
        conversations or their locks went with it, so the cluster stops rather than serve
        without them. Called every half second by `run_in_foreground`."""
        self.servers.heal(say)
        if self.proxy is not None:
            self.proxy.heal(say)
        self.shared.check()

    def stop_replica(self, index: int) -> None:
        """Stop one Rasa replica (0-based), as a crash or a rolling update would."""
        self.replicas[index].stop()

    def stop(self) -> None:
        """Replicas, action servers, nginx, Redis, PostgreSQL; then the temporary state.

        Each part is forgotten only once it is stopped, so calling again after an
        interruption finishes the job.
        """
        self.servers.stop()
        if self.proxy is not None:
            self.proxy.stop()
        self.shared.stop()
        if self.work_dir is not None:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            self.work_dir = None

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


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
            f"  Rasa replicas: {', '.join(cluster.replica_urls)}; action servers: ports "
            f"{', '.join(map(str, cluster.action_ports))} behind nginx port {cluster.action_port}",
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
    cluster = Cluster(Settings.from_env(), args.port, args.replicas, args.action_servers, log_dir=logs)
    starting = (
        f"Starting PostgreSQL, Redis, nginx on port {args.port}, {args.action_servers} action servers and "
        f"{args.replicas} Rasa replicas (a few minutes)..."
    )
    return run_in_foreground(cluster, starting, lambda: banner(cluster), "Stopping every process (up to half a minute)...")


if __name__ == "__main__":
    sys.exit(main())
