"""The throwaway PostgreSQL and Redis of the tests and `make cluster` (ops/services.py): on
loopback only, with a password, and gone after they stop."""

from __future__ import annotations

import os

import pytest

from ops import services
from tests.integration.services import listening_addresses

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
