"""The two bots under test, each started on free ports with its own tracker store: how long their
servers take to start, and what is measured on each.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from evaluation.bench.baseline import BASELINE_MODEL, BaselineStack
from evaluation.bench.load import REQUEST_TIMEOUT_S, PhaseResult
from evaluation.bench.memory import RssSampler
from ops.launcher import Settings, Stack, free_port

START_TIMEOUT_S = 900.0  # a Rasa server takes 60-120 s to start on a loaded machine


@dataclass
class Bot:
    """One bot under test: its stack, and what was measured on it."""

    name: str
    stack: Any
    figures: dict[str, Any] = field(default_factory=dict)
    phases: dict[int, PhaseResult] = field(default_factory=dict)


def start_bots(model: Path, tmp: Path, running: contextlib.ExitStack, sampler: RssSampler) -> list[Bot]:
    """Our bot, then the baseline, each on free ports with its own tracker store; stopped when `running` closes."""
    bots = []
    for name, stack_class, bot_model in (("ours", Stack, model), ("baseline", BaselineStack, BASELINE_MODEL)):
        settings = dataclasses.replace(
            Settings.from_env({}),
            rasa_port=free_port(),
            action_port=free_port(),
            model=bot_model,
            tracker_db=tmp / f"{name}.db",
        )
        bot = Bot(name, stack_class(settings, log_dir=tmp / f"{name}-logs"))
        running.callback(bot.stack.stop)
        print(f"starting {name}...", file=sys.stderr, flush=True)
        start_bot(bot, sampler)
        bots.append(bot)
    return bots


def start_bot(bot: Bot, sampler: RssSampler) -> None:
    """Start the action server, then the Rasa server; time both and record their idle memory."""
    stack = bot.stack
    start = time.perf_counter()
    stack.start_action_server(timeout=START_TIMEOUT_S)
    bot.figures["action_start_s"] = time.perf_counter() - start
    start = time.perf_counter()
    stack.start_rasa_server(timeout=START_TIMEOUT_S)
    status = _get_json(f"{stack.settings.rasa_url}/status?token={stack.settings.auth_token}")
    if not status.get("model_file"):
        raise RuntimeError(f"{bot.name}: /status answered without a loaded model: {status}")
    bot.figures["cold_start_s"] = time.perf_counter() - start
    action, rasa = stack.children[0].process.pid, stack.children[1].process.pid
    bot.figures["action_rss_idle_mb"] = sampler.watch(f"{bot.name}-action", action)
    bot.figures["rss_idle_mb"] = sampler.watch(f"{bot.name}-rasa", rasa)


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT_S) as response:
        return dict(json.loads(response.read()))


def record_peaks_and_training(bots: Sequence[Bot], sampler: RssSampler, train_s: Mapping[str, float | None]) -> None:
    for bot in bots:
        bot.figures["rss_mb"] = sampler.peak[f"{bot.name}-rasa"]
        bot.figures["action_rss_mb"] = sampler.peak[f"{bot.name}-action"]
        bot.figures["train_s"] = train_s[bot.name]
