"""Throwaway PostgreSQL and Redis servers on free 127.0.0.1 ports, for tests and `make cluster`.

Each server lives in its own temporary directory, listens on 127.0.0.1 only, needs a random
password, and is gone (process and files) after `stop()`. PostgreSQL refuses to run as root,
so when this process is root the server runs as the unprivileged `nobody` user.

    pg = start_postgres()
    pg.port, pg.env()    # TRACKER_* variables for endpoints.yml
    pg.stop()
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ops import proc
from ops.proc import HOST, free_port

UNPRIVILEGED_USER = "nobody"
# SIGINT: PostgreSQL's "fast" shutdown, which does not wait for clients to disconnect
FAST_SHUTDOWN = signal.SIGINT


class ServiceError(RuntimeError):
    """A server could not be started; the message says why and where its log is."""


def postgres_bindir() -> Path:
    """Where initdb and postgres are: $PG_BIN, the newest /usr/lib/postgresql/*/bin, or the PATH."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0
    )
    if versions:
        return Path(versions[-1])
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise ServiceError("PostgreSQL is not installed: apt-get install postgresql (or set PG_BIN to its bin directory)")


def _drop_privileges() -> dict[str, Any]:
    """Popen arguments that run a child as `nobody` when we are root, else as ourselves."""
    if os.geteuid() != 0:
        return {}
    return {"user": UNPRIVILEGED_USER, "group": _group_of(UNPRIVILEGED_USER)}


def _group_of(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_gid


def _world_traversable(path: Path) -> bool:
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents])


OWNER_FILE = ".owner-pid"  # the process that made a work directory; when it is gone, so may the directory be
STALE_PREFIXES = ("twitch-pg-", "twitch-redis-", "twitch-cluster-")


def temp_base() -> Path:
    base = Path(tempfile.gettempdir())
    if os.geteuid() == 0 and not _world_traversable(base):
        base = Path("/tmp")  # `nobody` must be able to reach the directory
    return base


def mark_owner(path: Path) -> None:
    """Write this process's pid into `path`, so a later start can tell the directory was left behind."""
    (path / OWNER_FILE).write_text(str(os.getpid()))


def sweep_stale(base: Path | None = None) -> list[Path]:
    """Remove the work directories whose owner is gone: a launcher killed with SIGKILL cannot clean up,
    and a PostgreSQL directory holds conversations (private health data). Directories of a running
    cluster, or without an owner file (made by someone else), are left alone."""
    removed = []
    for path in (base or temp_base()).iterdir():
        if not path.name.startswith(STALE_PREFIXES) or not path.is_dir():
            continue
        try:
            owner = int((path / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        if not proc.alive(owner):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _workdir(prefix: str) -> Path:
    """A fresh directory in the system temp dir, owned by the user the server runs as."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=temp_base()))
    mark_owner(path)
    if os.geteuid() == 0:
        import pwd

        entry = pwd.getpwnam(UNPRIVILEGED_USER)
        os.chown(path, entry.pw_uid, entry.pw_gid)
    return path


def _wait_port(process: subprocess.Popen, port: int, timeout: float, name: str, log: Path) -> None:
    try:
        proc.wait_port(process, port, timeout, interval=0.1)
    except proc.Exited as exited:
        raise ServiceError(f"{name} exited with code {exited.returncode}; see {log}:\n{_tail(log)}") from None
    except proc.NotReady:
        process.kill()
        raise ServiceError(f"{name} was not listening on {HOST}:{port} after {timeout:.0f} s; see {log}:\n{_tail(log)}") from None


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass
class Server:
    """A running throwaway server; `stop()` ends it and removes its directory."""

    name: str
    port: int
    password: str
    workdir: Path
    process: subprocess.Popen
    stop_signal: int = signal.SIGTERM

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 15) -> None:
        """`stop_signal` to the server, wait, then SIGKILL what is left of its process group."""
        # The signal goes to the server alone, not its group: PostgreSQL's postmaster stops its
        # backends itself, and they give other meanings to SIGINT and SIGTERM.
        self.process.send_signal(self.stop_signal)  # nothing if it has exited
        proc.reap_group(self.process, timeout)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class PostgresServer(Server):
    user: str = "twitch"
    database: str = "twitch"

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}:{self.password}@{HOST}:{self.port}/{self.database}"

    def env(self) -> dict[str, str]:
        """The endpoints.yml variables that put the tracker store in this server."""
        return {
            "TRACKER_DIALECT": "postgresql",
            "TRACKER_HOST": HOST,
            "TRACKER_PORT": str(self.port),
            "TRACKER_USER": self.user,
            "TRACKER_PASSWORD": self.password,
            "TRACKER_DB": self.database,
        }


@dataclass
class RedisServer(Server):
    def env(self, db: int = 1) -> dict[str, str]:
        """The endpoints.yml variables that put the lock store in this server."""
        return {
            "LOCK_STORE": "redis",
            "REDIS_HOST": HOST,
            "REDIS_PORT": str(self.port),
            "REDIS_DB": str(db),
            "REDIS_PASSWORD": self.password,
        }


def start_postgres(
    port: int | None = None, database: str = "twitch", user: str = "twitch", timeout: float = 60
) -> PostgresServer:
    """initdb a cluster in a temp dir, start postgres on 127.0.0.1:`port` and create `database`."""
    bindir = postgres_bindir()
    port = port or free_port()
    password = secrets.token_urlsafe(16)
    workdir = _workdir("twitch-pg-")
    data, log = workdir / "data", workdir / "postgres.log"
    pwfile = workdir / "pw"
    pwfile.write_text(password + "\n")
    as_user = _drop_privileges()
    if as_user:
        os.chown(pwfile, os.stat(workdir).st_uid, os.stat(workdir).st_gid)
    initdb = subprocess.run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            user,
            f"--pwfile={pwfile}",
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        capture_output=True,
        text=True,
        cwd=workdir,
        **as_user,
    )
    pwfile.unlink()
    if initdb.returncode != 0:
        shutil.rmtree(workdir, ignore_errors=True)
        raise ServiceError(f"initdb failed ({initdb.returncode}): {initdb.stderr.strip() or initdb.stdout.strip()}")
    with open(log, "ab") as out:
        process = proc.spawn(
            [
                str(bindir / "postgres"),
                "-D",
                str(data),
                "-h",
                HOST,
                "-p",
                str(port),
                "-k",
                str(workdir),  # unix socket in our dir, not /var/run/postgresql
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ],  # fmt: skip
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=workdir,
            stop_signal=FAST_SHUTDOWN,
            **as_user,
        )
    server = PostgresServer("postgresql", port, password, workdir, process, FAST_SHUTDOWN, user=user, database=database)
    try:
        _wait_port(process, port, timeout, "postgres", log)
        _create_database(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _create_database(server: PostgresServer, timeout: float) -> None:
    import psycopg2

    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = psycopg2.connect(
                host=HOST, port=server.port, user=server.user, password=server.password, dbname="postgres", connect_timeout=5
            )
            break
        except psycopg2.OperationalError:  # still starting up
            if time.monotonic() > deadline or not server.running():
                raise
            time.sleep(0.2)
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{server.database}"')
    finally:
        conn.close()


def start_redis(port: int | None = None, timeout: float = 30) -> RedisServer:
    """redis-server on 127.0.0.1:`port` with a password, no persistence, in a temp dir."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise ServiceError("Redis is not installed: apt-get install redis-server")
    port = port or free_port()
    password = secrets.token_urlsafe(16)
    workdir = _workdir("twitch-redis-")
    log = workdir / "redis.log"
    config = workdir / "redis.conf"  # the password stays out of the process list
    config.write_text(
        "\n".join(
            [
                f"bind {HOST}",
                f"port {port}",
                f"requirepass {password}",
                'save ""',
                "appendonly no",
                f"dir {workdir}",
                "protected-mode yes",
                "daemonize no",
                "",
            ]
        )
    )
    as_user = _drop_privileges()
    if as_user:
        os.chown(config, os.stat(workdir).st_uid, os.stat(workdir).st_gid)
    with open(log, "ab") as out:
        process = proc.spawn(
            [binary, str(config)],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=workdir,
            **as_user,
        )
    server = RedisServer("redis", port, password, workdir, process)
    try:
        _wait_port(process, port, timeout, "redis-server", log)
    except BaseException:
        server.stop()
        raise
    return server
