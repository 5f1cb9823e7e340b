"""Memory sampling: the peak resident memory of each server's process tree, children included,
sampled in a thread while the benchmark runs (read from /proc by ops/proc.py).
"""

from __future__ import annotations

import threading

from ops import proc


class RssSampler:
    """Samples the memory of named process trees in a thread; keeps the peak of each."""

    def __init__(self, interval_s: float = 0.5) -> None:
        self.roots: dict[str, int] = {}
        self.peak: dict[str, float] = {}
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, name: str, pid: int) -> float:
        self.roots[name] = pid
        return self.sample(name)

    def sample(self, name: str) -> float:
        mb = proc.tree_rss_mb(self.roots[name])
        self.peak[name] = max(self.peak.get(name, 0.0), mb)
        return mb

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            for name in list(self.roots):
                self.sample(name)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        for name in self.roots:
            self.sample(name)
