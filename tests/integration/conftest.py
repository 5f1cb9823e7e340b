"""A real action server, Rasa server and web page on free 127.0.0.1 ports, started once per session.

The session stack is configured as production would be: an API token, JWTs (RASA_JWT_SECRET)
and the action server's shared secret (ACTION_SERVER_SECRET); the security tests check it,
the other tests use it. test_persistence.py restarts its Rasa server once (a crash).
"""

from __future__ import annotations

import dataclasses

import pytest

from ops.launcher import ROOT, Settings, Stack, free_port, latest_model
from tests.integration.services import ACTION_SECRET, JWT_SECRET
from tests.integration.standins import Standins


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
