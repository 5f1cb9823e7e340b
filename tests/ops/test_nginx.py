"""ops/nginx.py: the cluster's nginx.conf, rendered from ops/nginx.conf.template (nothing is started)."""

from __future__ import annotations

from pathlib import Path

from ops.nginx import render_nginx_conf


def render(as_root: bool = False) -> str:
    return render_nginx_conf(Path("/tmp/run"), 8000, 9000, [5101, 5102], [5201], as_root=as_root)


def test_the_placeholders_are_filled_in_and_nginx_variables_kept():
    conf = render()
    assert "pid /tmp/run/nginx.pid;" in conf
    assert "    listen 127.0.0.1:8000;\n" in conf and "    listen 127.0.0.1:9000;\n" in conf
    assert conf.count("        server 127.0.0.1:5101 max_fails=0;\n") == 2  # rasa and rasa_socketio
    assert conf.count("        server 127.0.0.1:5201 max_fails=0;\n") == 1
    assert "hash $remote_addr consistent;" in conf and "$connection_upgrade" in conf
    assert "$$" not in conf and "$run_dir" not in conf


def test_workers_run_as_nobody_only_when_we_are_root():
    assert "daemon off;\nuser nobody nogroup;\nworker_processes 1;\n" in render(as_root=True)
    assert "daemon off;\nworker_processes 1;\n" in render(as_root=False)


def server_blocks(conf: str) -> list[str]:
    """The text of each `server { ... }` block of the http section."""
    return [block.split("\n    }\n")[0] for block in conf.split("    server {\n")[1:]]


def test_one_address_and_slow_clients_are_limited_on_the_public_port_only():
    conf = render()
    public, actions = server_blocks(conf)
    assert "listen 127.0.0.1:8000;" in public and "limit_conn per_address 64;" in public
    assert "limit_conn " not in actions  # the replicas' own calls to the action servers are not capped
    assert "limit_conn_zone $binary_remote_addr zone=per_address:1m;" in conf
    for directive in ("client_header_timeout 10s;", "client_body_timeout 10s;", "reset_timedout_connection on;"):
        assert f"    {directive}\n" in conf
    assert "worker_connections 4096;" in conf and "worker_rlimit_nofile 8192;" in conf
