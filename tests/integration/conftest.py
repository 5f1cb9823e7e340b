"""A real action server, Rasa server and web page on free 127.0.0.1 ports, started once per session.

The session stack is configured as production would be: an API token, JWTs (RASA_JWT_SECRET)
and the action server's shared secret (ACTION_SERVER_SECRET); the security tests check it,
the other tests use it. test_persistence.py restarts its Rasa server once (a crash), and so
does test_platforms.py (a Slack request replayed after a restart). The
cluster (`make cluster`: two replicas, PostgreSQL, Redis, nginx) is started once too.

`make pytest-integration` runs the tests in three processes (pytest-xdist, `--dist loadgroup`),
most of which wait on servers: the session stack's tests in two halves (each half's process starts
a stack of its own), the cluster's tests, and the tests that start their own servers (`make run`,
`rasa shell`, the in-process model loads), a module at a time.
"""

from __future__ import annotations

import dataclasses
import os

import pytest

from ops.cluster import Cluster
from ops.launcher import Settings, Stack, free_port, latest_model
from ops.nginx import Ports
from ops.paths import ROOT
from ops.proc import alive, descendants
from tests.integration.services import (
    ACTION_SECRET,
    CLUSTER_GROUP,
    CLUSTER_TOKEN,
    JWT_SECRET,
    OWN_SERVERS,
    SECOND_STACK_GROUP,
    SECOND_STACK_MODULES,
    STACK_GROUP,
)
from tests.integration.standins import Standins


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The pytest-xdist group of each integration test (services.py). A test that reaches a
    session server another way than by its fixture says its group itself (test_persistence.py's backends)."""
    for item in items:
        if item.get_closest_marker("integration") is None or item.get_closest_marker("xdist_group") is not None:
            continue
        module = item.module.__name__.rpartition(".")[2] if item.module else item.nodeid
        fixtures = getattr(item, "fixturenames", ())
        if "stack" in fixtures:
            group = SECOND_STACK_GROUP if module in SECOND_STACK_MODULES else STACK_GROUP
        elif "cluster" in fixtures:
            group = CLUSTER_GROUP
        else:
            group = OWN_SERVERS + module
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def model_path():
    model = latest_model(ROOT / "models")
    assert model is not None, "no trained model in models/: run `make train` (make test trains first)"
    return model


@pytest.fixture(scope="session")
def standins():
    """Loopback Telegram Bot API and Slack Web API; the stack's Telegram and Slack channels talk to them."""
    servers = Standins.start()
    yield servers
    servers.stop()


@pytest.fixture(scope="session")
def stack(tmp_path_factory, model_path, standins):
    base = Settings.from_env({"WEB_PORT": str(free_port())})  # the web page's origin is allowed (CORS)
    settings = dataclasses.replace(
        base,
        rasa_port=free_port(),
        action_port=free_port(),
        auth_token="test-token",
        token_generated=False,
        model=model_path,
        tracker_db=tmp_path_factory.mktemp("tracker") / "tracker.db",
        jwt_secret=JWT_SECRET,
        env={**standins.env(), "ACTION_SERVER_SECRET": ACTION_SECRET},
    )
    servers = Stack(settings, log_dir=tmp_path_factory.mktemp("logs"), web=True)
    servers.start()
    yield servers
    servers.stop()


@pytest.fixture(scope="session")
def cluster(tmp_path_factory, model_path):
    """`make cluster`, started once: test_cluster.py, and the PostgreSQL and Redis runs of test_persistence.py."""
    base = dataclasses.replace(Settings.from_env({}), auth_token=CLUSTER_TOKEN, token_generated=False, model=model_path)
    before = descendants(os.getpid())
    servers = Cluster(base, Ports.choose(free_port()), log_dir=tmp_path_factory.mktemp("cluster-logs"))
    servers.start()
    temporary = [servers.work_dir, *(store.workdir for store in servers.shared.running)]
    try:
        yield servers
    finally:
        ours = descendants(os.getpid()) - before  # PostgreSQL's backends included
        servers.stop()
    assert [pid for pid in ours if alive(pid)] == [], "processes left after stop()"
    assert [path for path in temporary if path is not None and path.exists()] == []
