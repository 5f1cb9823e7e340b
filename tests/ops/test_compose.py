"""docker-compose.yml and the images mirror `make cluster` (ops/cluster.py, ops/launcher.py).

No image is built here (the machine has no Docker): these tests read the files and compare
them with the cluster the launcher starts, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from ops import cluster as cluster_module
from ops.launcher import ENDPOINT_DEFAULTS, QUIET_ENV, Settings
from ops.nginx import render_nginx_conf
from ops.paths import ROOT
from ops.services import PostgresServer, RedisServer

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
NGINX_CONF = ROOT / "docker" / "nginx.conf"
SECRETS = ["RASA_AUTH_TOKEN", "ACTION_SERVER_SECRET", "SESSION_SECRET", "POSTGRES_PASSWORD", "REDIS_PASSWORD"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """`make cluster` as `python -m ops.cluster` plans it, with stand-in stores: nothing is started."""
    planned = []
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CLUSTER_PORT", raising=False)
        patch.setattr(cluster_module, "run_in_foreground", lambda servers, *args, **kwargs: planned.append(servers) or 0)
        assert cluster_module.main([]) == 0
    made = planned[0]
    made.shared.postgres = PostgresServer("postgresql", 5432, "pg-password", Path("/nonexistent"), None, database="twitch")  # type: ignore[arg-type]
    made.shared.redis = RedisServer("redis", 6379, "redis-password", Path("/nonexistent"), None)  # type: ignore[arg-type]
    made.work_dir = tmp_path_factory.mktemp("cluster")
    made.plan_servers()
    yield made
    made.servers.stop()  # removes the credentials files the commands below write


def numbered(prefix: str) -> list[str]:
    return sorted(name for name in SERVICES if re.fullmatch(rf"{prefix}-\d+", name))


def flags(cmd: list[str]) -> dict[str, str | None]:
    """--option -> its value (None for a switch), from a command line."""
    found: dict[str, str | None] = {}
    for index, word in enumerate(cmd):
        if word.startswith("--") and "=" in word:
            name, value = word.split("=", 1)
            found[name] = value
        elif word.startswith("--"):
            following = cmd[index + 1] if index + 1 < len(cmd) else None
            found[word] = None if following is None or following.startswith("--") else following
    return found


def test_the_services_are_the_clusters(cluster):
    assert numbered("rasa") == [f"rasa-{i}" for i in range(1, len(cluster.ports.replicas) + 1)]
    assert numbered("action-server") == [f"action-server-{i}" for i in range(1, len(cluster.ports.action_servers) + 1)]
    assert set(SERVICES) == {"postgres", "redis", "nginx", *numbered("rasa"), *numbered("action-server")}


def test_only_nginx_is_published_on_loopback_at_the_clusters_port(cluster):
    assert [name for name, service in SERVICES.items() if service.get("ports")] == ["nginx"]
    [published] = SERVICES["nginx"]["ports"]
    assert published == f"127.0.0.1:${{CLUSTER_PORT:-{cluster.ports.nginx}}}:8000"
    assert "listen 8000;" in NGINX_CONF.read_text()


def test_the_replicas_get_the_clusters_store_and_action_settings(cluster):
    launcher_env = cluster.servers.replicas[0].settings.child_env()
    fixed = {
        "TRACKER_DIALECT",
        "TRACKER_USER",
        "TRACKER_DB",
        "LOCK_STORE",
        "REDIS_DB",
    }
    for name in numbered("rasa"):
        env = SERVICES[name]["environment"]
        assert set(cluster.shared.env()) <= set(env), "every variable the cluster's stores set"
        assert {key: env[key] for key in fixed} == {key: launcher_env[key] for key in fixed}
        assert env["LOCK_STORE"] == cluster_module.LOCK_STORE
        # every variable is one the project reads, as the launcher passes it
        assert set(env) <= set(ENDPOINT_DEFAULTS) | set(QUIET_ENV) | {"TRACKER_DB", "ALLOWED_ORIGINS", "SESSION_SECRET"} | {
            "TICKET_LOCK_LIFETIME"  # Rasa's own variable
        }
        assert {"ACTION_ENDPOINT_URL", "ACTION_SERVER_SECRET", "ALLOWED_ORIGINS", "SESSION_SECRET"} <= set(env)
        assert env["RASA_TELEMETRY_ENABLED"] == launcher_env["RASA_TELEMETRY_ENABLED"] == "false"


def test_a_killed_replicas_lock_holds_its_conversation_for_seconds_not_a_minute(cluster, monkeypatch):
    monkeypatch.delenv("TICKET_LOCK_LIFETIME", raising=False)
    assert cluster.servers.replicas[0].settings.child_env()["TICKET_LOCK_LIFETIME"] == cluster_module.TICKET_LOCK_LIFETIME
    assert int(cluster_module.TICKET_LOCK_LIFETIME) <= 15  # Rasa's default is 60
    for name in numbered("rasa"):
        assert SERVICES[name]["environment"]["TICKET_LOCK_LIFETIME"] == f"${{TICKET_LOCK_LIFETIME:-{cluster_module.TICKET_LOCK_LIFETIME}}}"
    monkeypatch.setenv("TICKET_LOCK_LIFETIME", "25")  # the operator's choice wins
    assert cluster.shared.env()["TICKET_LOCK_LIFETIME"] == "25"


def test_the_replicas_reach_the_action_servers_through_nginx_as_in_the_cluster(cluster):
    assert cluster.servers.replicas[0].settings.child_env()["ACTION_ENDPOINT_URL"] == f"http://127.0.0.1:{cluster.ports.nginx_actions}/webhook"
    for name in numbered("rasa"):
        url = SERVICES[name]["environment"]["ACTION_ENDPOINT_URL"]
        host, port = re.fullmatch(r"http://([\w-]+):(\d+)/webhook", url).groups()
        assert host == "nginx" and f"listen {port};" in NGINX_CONF.read_text()


def test_the_servers_are_started_with_the_launchers_command_lines(cluster):
    rasa_cmd = cluster.servers.replicas[0].rasa_server_cmd()
    for name in numbered("rasa"):
        got = flags(SERVICES[name]["command"])
        assert set(got) == set(flags(rasa_cmd)), "the same options as the launcher's `rasa run`"
        assert (got["--interface"], got["--port"]) == ("0.0.0.0", str(Settings().rasa_port))  # every interface of the container
        assert (got["--endpoints"], got["--credentials"], got["--model"]) == (
            "endpoints.yml",
            "credentials.yml",
            "models/twitch.tar.gz",
        )
        assert got["--auth-token"] == "${RASA_AUTH_TOKEN:?set RASA_AUTH_TOKEN, the HTTP API token}"
    action_cmd = cluster.servers.action_servers[0].action_server_cmd()
    assert action_cmd[1:3] == ["-m", "actions.server"]
    assert 'ENTRYPOINT ["python", "-m", "actions.server"]' in (ROOT / "Dockerfile.actions").read_text()
    for name in numbered("action-server"):
        got = flags(SERVICES[name]["command"])
        assert set(got) == set(flags(action_cmd))
        assert (got["--host"], got["--port"]) == ("0.0.0.0", str(Settings().action_port))
        assert SERVICES[name]["environment"] == {"ACTION_SERVER_SECRET": "${ACTION_SERVER_SECRET:?set ACTION_SERVER_SECRET}"}


def test_every_secret_must_be_given_and_has_no_default():
    text = (ROOT / "docker-compose.yml").read_text()
    for secret in SECRETS:
        uses = re.findall(rf"\$\{{{secret}(:?[?-][^}}]*)?\}}", text)
        assert uses and all(use.startswith(":?") for use in uses), f"{secret} must be required (${{{secret}:?...}})"


def test_the_images_are_rasas_official_ones_at_the_locked_versions():
    locked = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line)
    assert f"ARG RASA_IMAGE=rasa/rasa:{locked['rasa']}" in (ROOT / "Dockerfile").read_text()
    assert f"ARG SDK_IMAGE=rasa/rasa-sdk:{locked['rasa-sdk']}" in (ROOT / "Dockerfile.actions").read_text()
    assert SERVICES["rasa-1"]["build"]["dockerfile"] == "Dockerfile"
    assert SERVICES["action-server-1"]["build"]["dockerfile"] == "Dockerfile.actions"


def test_the_images_copy_only_what_dockerignore_lets_in():
    allowed = [line[1:].rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines() if line.startswith("!")]
    for dockerfile in ("Dockerfile", "Dockerfile.actions"):
        for sources in re.findall(r"^COPY (?!--from)(.+) \S+$", (ROOT / dockerfile).read_text(), re.MULTILINE):
            for source in sources.split():
                assert source == "." or source in allowed, f"{dockerfile} copies {source}, which .dockerignore leaves out"
                assert (ROOT / source).exists()


# -- nginx -------------------------------------------------------------------------------------------

# Directives that differ on purpose: where nginx keeps its pid, logs and temporary files, who
# its workers run as, how it stays in the foreground (the nginx image does that), where it listens.
OWN_DIRECTIVES = re.compile(r"^(daemon|user|pid|error_log|access_log|\w+_temp_path|listen) ")
ADDRESS = re.compile(r"^server [\w.-]+:\d+ ")


def directives(conf: str) -> list[str]:
    """The configuration's directives, one per entry, without comments and the deliberate differences."""
    found = []
    for line in conf.splitlines():
        line = line.split("#", 1)[0].strip() if not line.strip().startswith("log_format") else line.strip()
        if line and not OWN_DIRECTIVES.match(line):
            found.append(ADDRESS.sub("server ADDRESS ", line))
    return found


def test_nginx_routes_like_the_clusters(cluster, tmp_path):
    """The same upstreams (sticky socket.io), timeouts, retries and log format as ops/nginx.conf.template."""
    rendered = render_nginx_conf(tmp_path, 1, 2, cluster.ports.replicas, cluster.ports.action_servers, as_root=False)
    assert directives(NGINX_CONF.read_text()) == directives(rendered)
    conf = NGINX_CONF.read_text()
    for index in range(1, len(cluster.ports.replicas) + 1):
        assert conf.count(f"server rasa-{index}:5005 ") == 2  # both Rasa upstreams
    for index in range(1, len(cluster.ports.action_servers) + 1):
        assert conf.count(f"server action-server-{index}:5055 ") == 1


def test_nginx_accepts_the_configuration(tmp_path):
    """`nginx -t` on docker/nginx.conf, with the containers' names as loopback and our own pid file."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    conf = NGINX_CONF.read_text().replace("user nginx;", "").replace("pid /tmp/nginx.pid;", f"pid {tmp_path}/nginx.pid;")
    conf = re.sub(r"server [a-z]+(?:-[a-z]+)*-\d+:", "server 127.0.0.1:", conf)
    (tmp_path / "nginx.conf").write_text(conf)
    checked = subprocess.run(
        [nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", "/dev/stderr"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
