"""Where the time of a turn goes (`make profile`): per graph node, the action server, the tracker store.

The trained model is loaded in this process as the Rasa server loads it, with the project's
changes to Rasa installed as the server installs them (rasa_server/hooks.py: the action server's
answers checked by a validator built once, the action timeout), a SQLite tracker store in a
temporary directory and the project's action server on a free 127.0.0.1 port. Every
user message of the vignettes (evaluation/data/vignettes.yml) is then handled as a whole turn
(`Agent.handle_message`: parse, predict, run the actions, store). Timers wrap:

- each graph node (Rasa's `GraphNode.__call__`): the NLU components, from the text normaliser
  to the language check, and the policies;
- every call to the action server (`EndpointConfig.request`), the HTTP round trip included;
- the tracker store's `retrieve` and `save`.

Printed: per part, total ms, share of the turns' time and ms per turn; then what is left
(Rasa's own bookkeeping between nodes). The first round warms up and is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import functools
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator

from evaluation.bench.load import load_vignette_turns
from ops.launcher import Settings, Stack, free_port, latest_model
from ops.paths import ROOT

ACTION_SERVER = "action server (HTTP round trip)"
TRACKER_STORE = "tracker store (retrieve + save)"


class Timings:
    """Milliseconds spent per part, and how many turns they were spent on."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.turns_ms = 0.0
        self.turns = 0
        self.counting = False

    def add(self, part: str, ms: float) -> None:
        if self.counting:
            self.ms[part] += ms
            self.calls[part] += 1

    def rows(self) -> list[tuple[str, float, float, float]]:
        """(part, total ms, share of the turns' time, ms per turn), the largest first, then the rest."""
        turns = max(self.turns, 1)
        total = max(self.turns_ms, 1e-9)
        rows = [(part, ms, ms / total, ms / turns) for part, ms in sorted(self.ms.items(), key=lambda kv: -kv[1])]
        rest = self.turns_ms - sum(self.ms.values())
        return rows + [("rest of the turn (Rasa between the parts)", rest, rest / total, rest / turns)]


def node_part(node_name: str) -> str:
    """A readable name for a graph node: 'run_rasa_server.components.language.LanguageCheck13' -> 'LanguageCheck'."""
    name = node_name.rstrip("0123456789")
    for prefix in ("run_", "train_", "provide_"):
        name = name.removeprefix(prefix)
    return name.rsplit(".", 1)[-1]


def timed_sync(timings: Timings, part_of: Callable[..., str], fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            timings.add(part_of(*args), (time.perf_counter() - started) * 1000)

    return wrapper


def timed_async(timings: Timings, part: str, fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            timings.add(part, (time.perf_counter() - started) * 1000)

    return wrapper


@contextlib.contextmanager
def instrumented(timings: Timings) -> Iterator[None]:
    """Rasa's graph nodes, endpoint requests and SQL tracker store, timed while inside."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.engine.graph import GraphNode
    from rasa.utils.endpoints import EndpointConfig

    patches = [
        (GraphNode, "__call__", timed_sync(timings, lambda node, *_: node_part(node._node_name), GraphNode.__call__)),
        (EndpointConfig, "request", timed_async(timings, ACTION_SERVER, EndpointConfig.request)),
        (SQLTrackerStore, "retrieve", timed_async(timings, TRACKER_STORE, SQLTrackerStore.retrieve)),
        (SQLTrackerStore, "save", timed_async(timings, TRACKER_STORE, SQLTrackerStore.save)),
    ]
    originals = [(owner, name, owner.__dict__[name]) for owner, name, _ in patches]
    for owner, name, wrapper in patches:
        setattr(owner, name, wrapper)
    try:
        yield
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


async def play(model: Path, action_url: str, tracker_db: Path, conversations: list[list[str]], rounds: int) -> Timings:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import EndpointConfig

    from rasa_server import hooks

    hooks.install()  # as `rasa run` does when it builds the tracker store (endpoints.yml)
    timings = Timings()
    with instrumented(timings):
        store = SQLTrackerStore(dialect="sqlite", db=str(tracker_db))
        agent = Agent.load(str(model), tracker_store=store, action_endpoint=EndpointConfig(url=action_url))
        store.domain = agent.domain
        for round_ in range(rounds + 1):  # round 0 warms up
            timings.counting = round_ > 0
            for turns in conversations:
                sender = f"profile-{uuid.uuid4().hex[:8]}"
                for text in turns:
                    started = time.perf_counter()
                    await agent.handle_message(UserMessage(text, CollectingOutputChannel(), sender))
                    if timings.counting:
                        timings.turns_ms += (time.perf_counter() - started) * 1000
                        timings.turns += 1
    return timings


def report(timings: Timings) -> str:
    lines = [
        f"{timings.turns} turns, {timings.turns_ms / max(timings.turns, 1):.1f} ms per turn on average",
        "",
        f"{'part':<44}{'total ms':>10}{'share':>8}{'ms/turn':>9}",
    ]
    for part, ms, share, per_turn in timings.rows():
        lines.append(f"{part:<44}{ms:>10.0f}{share:>8.1%}{per_turn:>9.2f}")
    return "\n".join(lines)


def quiet_logs() -> None:
    """Warnings only, as the server logs at INFO: printing Rasa's debug events would be timed too."""
    import logging

    import structlog

    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--model", type=Path, default=None, help="a trained model (default: the newest in models/)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of the vignettes counted (after one warm-up)")
    args = parser.parse_args(argv)
    model = args.model or latest_model(ROOT / "models")
    if model is None:
        parser.error("no trained model in models/: run `make train`")
    conversations = load_vignette_turns()
    quiet_logs()
    with tempfile.TemporaryDirectory() as tmp:
        settings = dataclasses.replace(Settings.from_env({}), action_port=free_port(), model=model)
        stack = Stack(settings, log_dir=Path(tmp) / "logs")  # the action server only: Rasa runs here
        try:
            stack.start_action_server()
            action_url = f"{settings.action_url}/webhook"
            timings = asyncio.run(play(model, action_url, Path(tmp) / "tracker.db", conversations, args.rounds))
        finally:
            stack.stop()
    print(report(timings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
