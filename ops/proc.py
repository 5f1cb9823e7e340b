"""Child processes: a free port, waiting until a child is ready, stopping its process group,
and reading process trees under /proc.

Every server the project starts (ops/launcher.py, ops/services.py, ops/cluster.py, the
integration tests) is started by `spawn`: a child in its own process group that listens on
127.0.0.1 and, on Linux, is signalled when the process that started it dies, even by
SIGKILL. This module is the one place that starts it, finds it a port, waits for it and
stops it, and the one place that reads /proc: what runs below a process (the benchmark's
memory figures, the tests' check that nothing is left behind), alive or not, how it was
started.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

HOST = "127.0.0.1"
PROC = Path("/proc")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def free_ports(count: int) -> list[int]:
    """`count` different free ports."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


# -- starting a child -----------------------------------------------------------------

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def spawn(cmd: Sequence[str], stop_signal: int = signal.SIGTERM, **popen: Any) -> subprocess.Popen:
    """Start `cmd` in a process group of its own, to be stopped as a whole (`stop_group`).

    Its own group keeps a terminal's Ctrl-C and a signal to our group away from it: we stop
    our children ourselves, in order. On Linux it also gets `stop_signal` when the thread
    that started it dies, so no server outlives a launcher that was killed with SIGKILL
    (call this from the thread that lives as long as the child should: the main thread).
    """
    return subprocess.Popen(cmd, start_new_session=True, preexec_fn=_die_with_parent(stop_signal), **popen)


def _die_with_parent(stop_signal: int) -> Callable[[], None] | None:
    """The child's preexec_fn that asks the kernel for `stop_signal` when its parent dies (Linux only).

    prctl is looked up here, before the fork: the child then only calls it.
    """
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def arm() -> None:
        prctl(PR_SET_PDEATHSIG, stop_signal, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the line above could take effect
            os._exit(1)

    return arm


# -- waiting until a child is ready ---------------------------------------------------


class NotReady(RuntimeError):
    """The child was not ready before the deadline."""


class Exited(NotReady):
    """The child exited while we waited for it; `returncode` is its exit code."""

    def __init__(self, returncode: int) -> None:
        super().__init__(f"exited with code {returncode}")
        self.returncode = returncode


def wait_until(process: subprocess.Popen, ready: Callable[[], bool], timeout: float, interval: float) -> None:
    """Return once `ready()` is true; raise Exited if `process` ends first, NotReady after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise Exited(process.returncode)
        if ready():
            return
        time.sleep(interval)
    raise NotReady(f"not ready after {timeout:.0f} s")


def port_open(port: int, timeout: float = 1) -> bool:
    """Whether something accepts TCP connections on 127.0.0.1:`port`."""
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def url_ok(url: str, timeout: float = 2) -> bool:
    """Whether a GET of `url` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def wait_port(process: subprocess.Popen, port: int, timeout: float, interval: float = 0.2) -> None:
    """Wait until `process` (or a child of it) listens on 127.0.0.1:`port`; see wait_until."""
    wait_until(process, lambda: port_open(port), timeout, interval)


def wait_url(process: subprocess.Popen, url: str, timeout: float, interval: float = 0.5) -> None:
    """Wait until `url` answers 200 while `process` runs; see wait_until."""
    wait_until(process, lambda: url_ok(url), timeout, interval)


# -- stopping a process group ---------------------------------------------------------


def signal_group(process: subprocess.Popen, sig: int) -> None:
    """Send `sig` to the process group `process` leads; nothing if the group is gone."""
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def reap_group(process: subprocess.Popen, timeout: float) -> None:
    """Wait up to `timeout` s for `process` to exit, then SIGKILL whatever is left of its group."""
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        signal_group(process, signal.SIGKILL)
        process.wait(5)
    signal_group(process, signal.SIGKILL)  # stragglers in the group


def stop_groups(processes: Sequence[subprocess.Popen], timeout: float = 20, sig: int = signal.SIGTERM) -> None:
    """Send `sig` (SIGTERM) to every group at once, wait, then SIGKILL what is left.

    `timeout` is shared: all of them together get that long to exit.
    """
    for process in processes:
        signal_group(process, sig)
    deadline = time.monotonic() + timeout
    for process in processes:
        reap_group(process, max(0.1, deadline - time.monotonic()))


def stop_group(process: subprocess.Popen, timeout: float = 20, sig: int = signal.SIGTERM) -> None:
    """SIGTERM (or `sig`) the process group `process` leads, wait, then SIGKILL what is left."""
    stop_groups([process], timeout, sig)


# -- reading process trees under /proc (Linux) ----------------------------------------


def pids() -> Iterator[int]:
    """The id of every process running now."""
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            yield int(entry.name)


def _stat_fields(pid: int) -> list[str]:
    """/proc/<pid>/stat after the command name (which may hold spaces and parentheses): state, ppid, ..."""
    return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()


def parent_pids() -> dict[int, int]:
    """{pid: parent pid} of every process running now; one that ends while read is left out."""
    parents: dict[int, int] = {}
    for pid in pids():
        try:
            parents[pid] = int(_stat_fields(pid)[1])
        except (OSError, IndexError, ValueError):
            continue
    return parents


def descendants(root: int, parents: Mapping[int, int] | None = None) -> set[int]:
    """`root` and every process below it, from a {pid: parent pid} map (by default, now's)."""
    children: dict[int, list[int]] = {}
    for pid, parent in (parent_pids() if parents is None else parents).items():
        children.setdefault(parent, []).append(pid)
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    return [child for child, parent in parent_pids().items() if parent == pid]


def alive(pid: int) -> bool:
    """Whether `pid` runs: it exists and is not a zombie waiting to be reaped."""
    try:
        return _stat_fields(pid)[0] != "Z"
    except (OSError, IndexError):
        return False


def cmdline(pid: int) -> str:
    """The command line `pid` was started with, arguments separated by spaces; "" once it is gone."""
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def rss_kb_from_status(status_text: str) -> int:
    """VmRSS (kB) from the text of /proc/<pid>/status; 0 when absent (a kernel thread, a zombie)."""
    for line in status_text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and every process below it (MB); a process that ends meanwhile counts 0."""
    total_kb = 0
    for pid in descendants(root):
        try:
            total_kb += rss_kb_from_status((PROC / str(pid) / "status").read_text())
        except OSError:
            continue
    return total_kb / 1024
