"""Security settings: the action server's host and secret, JWTs on the Rasa command."""

from __future__ import annotations

import pytest

from actions.server import OPEN_PATHS, authorized
from bot.names import ACTION_SECRET_HEADER
from ops.launcher import Settings, Stack


def commands(env: dict[str, str]) -> tuple[list[str], list[str]]:
    stack = Stack(Settings.from_env(env))
    try:
        return stack.action_server_cmd(), stack.rasa_server_cmd()
    finally:
        stack.stop()


def option(cmd: list[str], name: str) -> str | None:
    """The value of `name` in a command line, given as `name value` or `name=value`."""
    for index, word in enumerate(cmd):
        if word == name:
            return cmd[index + 1]
        if word.startswith(f"{name}="):
            return word.split("=", 1)[1]
    return None


def test_a_token_or_secret_beginning_with_a_dash_reaches_rasa_as_the_value():
    import argparse

    from rasa.cli.arguments.run import add_server_arguments

    _, rasa = commands({"RASA_AUTH_TOKEN": "-Xk2", "RASA_JWT_SECRET": "--s3"})
    parser = argparse.ArgumentParser()
    add_server_arguments(parser)
    args, _ = parser.parse_known_args(rasa[rasa.index("run") + 1 :])
    assert (args.auth_token, args.jwt_secret) == ("-Xk2", "--s3")


def test_the_action_server_binds_loopback_unless_action_host_is_set():
    action, _ = commands({})
    assert option(action, "-m") == "actions.server" and option(action, "--host") == "127.0.0.1"
    action, _ = commands({"ACTION_HOST": "0.0.0.0"})
    assert option(action, "--host") == "0.0.0.0"


def test_a_jwt_secret_switches_jwts_on():
    _, rasa = commands({})
    assert option(rasa, "--jwt-secret") is None and option(rasa, "--auth-token")
    _, rasa = commands({"RASA_JWT_SECRET": "s3", "RASA_AUTH_TOKEN": "t"})
    assert (
        option(rasa, "--jwt-secret") == "s3" and option(rasa, "--jwt-method") == "HS256" and option(rasa, "--auth-token") == "t"
    )
    _, rasa = commands({"RASA_JWT_SECRET": "s3", "RASA_JWT_METHOD": "HS512"})
    assert option(rasa, "--jwt-method") == "HS512"


@pytest.mark.parametrize(
    "secret, path, provided, allowed",
    [
        ("", "/webhook", None, True),  # no secret configured: no check
        ("s3", "/webhook", None, False),
        ("s3", "/webhook", "", False),
        ("s3", "/webhook", "wrong", False),
        ("s3", "/webhook", "s3", True),
        ("s3", "/actions", None, False),
        ("s3", "/health", None, True),  # the launcher's readiness check
    ],
)
def test_the_action_server_secret(secret, path, provided, allowed):
    assert authorized(secret, path, provided) is allowed


def test_the_secret_header_is_the_one_the_rasa_server_sends():
    from ops.paths import ROOT
    from rasa_server.stores import read_endpoints

    endpoint = read_endpoints(ROOT / "endpoints.yml", {"ACTION_SERVER_SECRET": "s3"}).action
    assert endpoint.headers == {ACTION_SECRET_HEADER: "s3"} and OPEN_PATHS == {"/health"}
    assert read_endpoints(ROOT / "endpoints.yml", {}).action.headers == {}  # no secret: none sent, none checked
