"""ops/cluster.py as a maintainer reads it: each class that starts and stops servers fits on a screen.

The behaviour of the cluster is tested end to end in tests/integration/test_cluster.py, and its
plan against docker-compose.yml in test_compose.py.
"""

from __future__ import annotations

import inspect

import pytest

from ops.cluster import Cluster, Servers, SharedStores
from ops.launcher import Stack
from ops.nginx import Nginx

# About what an editor shows at once: a class longer than that does more than one job.
SCREEN = 70


@pytest.mark.parametrize("cls", [Cluster, Servers, SharedStores, Nginx, Stack], ids=lambda cls: cls.__name__)
def test_a_class_that_starts_and_stops_servers_reads_on_one_screen(cls: type) -> None:
    lines, _ = inspect.getsourcelines(cls)
    assert len(lines) <= SCREEN, f"{cls.__name__} is {len(lines)} lines: give one of its jobs to a collaborator"
