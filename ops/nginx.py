"""The cluster's nginx (`make cluster`, ops/cluster.py): its config rendered from
ops/nginx.conf.template, the process started in the foreground and waited for on both of its
ports, started again when it dies, and stopped.

nginx listens on two ports (`Ports`): one for the Rasa replicas (round robin, sticky
/socket.io/), one for the action servers (which the replicas' ACTION_ENDPOINT_URL points at), and
keeps its pid, logs and temporary files in its own folder of the cluster's work directory.
"""

from __future__ import annotations

import os
import shutil
import string
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ops import proc
from ops.launcher import HOST, Child, StartupError, heal_child, say_on_stderr

NGINX_TEMPLATE = Path(__file__).with_name("nginx.conf.template")


def render_nginx_conf(
    run_dir: Path, port: int, action_port: int, rasa_ports: list[int], action_ports: list[int], as_root: bool
) -> str:
    """ops/nginx.conf.template filled in: nginx listens on `port` (the replicas) and `action_port`
    (the action servers) and keeps its pid, logs and temporary files in `run_dir`."""

    def upstreams(ports: list[int]) -> str:
        return "".join(f"        server {HOST}:{p} max_fails=0;\n" for p in ports)

    return string.Template(NGINX_TEMPLATE.read_text(encoding="utf-8")).substitute(
        user="user nobody nogroup;\n" if as_root else "",  # root's workers run as `nobody`
        run_dir=run_dir,
        rasa_servers=upstreams(rasa_ports),
        action_servers=upstreams(action_ports),
        listen=f"{HOST}:{port}",
        action_listen=f"{HOST}:{action_port}",
    )


def wait_port(port: int, child: Child, timeout: float) -> None:
    """Wait until `child` listens on `port`; a StartupError with the end of its log if it does not."""
    try:
        proc.wait_port(child.process, port, timeout)
    except proc.Exited as exited:
        raise StartupError(f"{child.name} exited with code {exited.returncode} while starting.\n{child.tail()}") from None
    except proc.NotReady:
        raise StartupError(f"{child.name} did not listen on port {port} after {timeout:.0f} s.\n{child.tail()}") from None


@dataclass(frozen=True)
class Ports:
    """Where the cluster listens: nginx on `nginx` (round robin over the `replicas`) and on
    `nginx_actions` (over the `action_servers`; the replicas' ACTION_ENDPOINT_URL points there)."""

    nginx: int
    nginx_actions: int
    replicas: list[int]
    action_servers: list[int]

    @classmethod
    def choose(cls, nginx: int, replicas: int = 2, action_servers: int = 2) -> Ports:
        """nginx's public port as given (the operator's CLUSTER_PORT), every other port a free one."""
        free = proc.free_ports(replicas + action_servers + 1)
        return cls(nginx, free.pop(), free[:replicas], free[replicas:])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.nginx}"

    @property
    def replica_urls(self) -> list[str]:
        return [f"http://{HOST}:{port}" for port in self.replicas]


class Nginx:
    """nginx in front of the servers on `ports`; its config in `work_dir`, its log in `logs`/nginx.log."""

    def __init__(self, work_dir: Path, logs: Path, ports: Ports):
        self.work_dir = work_dir
        self.logs = logs
        self.ports = ports
        self.child: Child | None = None

    @property
    def dir(self) -> Path:
        """nginx's own directory in the work directory: pid, logs, temporary files."""
        return self.work_dir / "nginx"

    @property
    def conf_path(self) -> Path:
        return self.work_dir / "nginx.conf"

    def conf(self) -> str:
        """nginx.conf: round robin over the replicas, sticky /socket.io/, the action servers."""
        p = self.ports
        return render_nginx_conf(self.dir, p.nginx, p.nginx_actions, p.replicas, p.action_servers, as_root=os.geteuid() == 0)

    def start(self) -> None:
        """Write nginx.conf, start nginx and wait until it listens on both of its ports."""
        self._write_conf()
        self.child = self.spawn()
        self._wait()

    def _write_conf(self) -> None:
        """nginx.conf in the work directory, and nginx's own directory next to it."""
        self.dir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "nobody", "nogroup")  # the workers write their temp files here
        self.conf_path.write_text(self.conf())

    def spawn(self) -> Child:
        """nginx in the foreground, in its own process group, logging to `logs`/nginx.log."""
        tmp = self.dir
        log_path = self.logs / "nginx.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as out:
            process = proc.spawn(
                [shutil.which("nginx") or "nginx", "-c", str(self.conf_path), "-p", str(tmp), "-e", str(tmp / "error.log")],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.work_dir,
            )  # fmt: skip
        return Child("nginx", process, log_path, ready_port=self.ports.nginx)

    def _wait(self) -> None:
        """Both of nginx's ports accept connections; else a StartupError with nginx's error log."""
        assert self.child is not None
        errors_path = self.dir / "error.log"
        try:
            wait_port(self.ports.nginx, self.child, 30)
            wait_port(self.ports.nginx_actions, self.child, 30)
        except StartupError as error:
            errors = errors_path.read_text(errors="replace") if errors_path.exists() else ""
            raise StartupError(f"{error}\n{errors}") from None

    def heal(self, say: Callable[[str], None] = say_on_stderr) -> None:
        """Start nginx again once it has died (ops/launcher.py `heal_child`)."""
        if self.child is not None:
            self.child = heal_child(self.child, self.spawn, say)

    def stop(self) -> None:
        if self.child is not None:
            proc.stop_group(self.child.process)
            self.child = None
