"""The throwaway PostgreSQL and Redis of the tests and `make cluster` (ops/services.py): on
loopback only, with a password, and gone after they stop."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

import pytest

from ops import services
from ops.paths import ROOT
from ops.proc import port_open
from tests.integration.services import listening_addresses, wait_until

pytestmark = pytest.mark.integration


def test_throwaway_postgres_and_redis_listen_on_loopback_with_a_password():
    import psycopg2
    import redis

    with services.start_postgres() as pg, services.start_redis() as rd:
        assert listening_addresses(pg.port) == {"127.0.0.1"} and listening_addresses(rd.port) == {"127.0.0.1"}
        with pytest.raises(psycopg2.OperationalError):
            psycopg2.connect(host="127.0.0.1", port=pg.port, user=pg.user, password="wrong", dbname=pg.database)
        conn = psycopg2.connect(pg.url)
        conn.close()
        assert pg.env()["TRACKER_PORT"] == str(pg.port) and rd.env()["LOCK_STORE"] == "redis"
        with pytest.raises(redis.AuthenticationError):
            redis.Redis(host="127.0.0.1", port=rd.port).ping()
        assert redis.Redis(host="127.0.0.1", port=rd.port, password=rd.password).ping()
        workdirs = [pg.workdir, rd.workdir]
    assert not any(os.path.exists(d) for d in workdirs)
    assert not pg.running() and not rd.running()


# A `make cluster` in miniature: starts both stores, prints their ports and pids, waits to be killed.
STARTER = """
import time
from ops import services
pg, rd = services.start_postgres(), services.start_redis()
print(pg.port, rd.port, pg.process.pid, rd.process.pid, flush=True)
time.sleep(120)
"""


def test_postgres_and_redis_do_not_outlive_the_process_that_started_them_killed_with_sigkill():
    starter = subprocess.Popen([sys.executable, "-c", STARTER], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert starter.stdout is not None
    pg_port, redis_port, *pids = [int(word) for word in starter.stdout.readline().split()]
    try:
        assert port_open(pg_port) and port_open(redis_port)
        starter.kill()
        starter.wait()
        assert wait_until(lambda: not port_open(pg_port) and not port_open(redis_port), timeout=30)
    finally:
        starter.kill()
        starter.stdout.close()
        for pid in pids:  # what a failure left (each store leads a process group of its own)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
