"""The benchmark's run, in order: settings, training, starting both bots, /model/parse, the load
phases in rounds, the flood, and the report (see evaluation/bench/__init__.py).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from bot.evidence import Evidence
from bot.knowledge.table import default_kb
from bot.reasoning import assess
from evaluation import trained_model
from evaluation.bench.baseline import measure_training
from evaluation.bench.bots import Bot, record_peaks_and_training, start_bots
from evaluation.bench.load import (
    FLOOD,
    FLOOD_BATCH,
    PhaseResult,
    build_conversations,
    flood,
    load_vignette_turns,
    merge_rounds,
    parse_times_ms,
    run_phase,
    take_conversations,
    turn_order,
)
from evaluation.bench.memory import RssSampler
from evaluation.bench.report import latency_figures, load_figures, print_report, report_rows, resource_figures
from ops.quiet import libraries_quiet

EVIDENCE_SETS = [
    [("lifestyle_factor", "caffeine"), ("lifestyle_factor", "poor_sleep")],
    [("diet", "vegan"), ("symptom", "numbness_tingling"), ("symptom", "balance_problems")],
    [("medication", "diuretic"), ("symptom", "cramps"), ("symptom", "irregular_heartbeat")],
    [("lifestyle_factor", "low_sun_exposure"), ("lifestyle_factor", "darker_skin"), ("symptom", "bone_pain")],
    [("symptom", "chest_pain"), ("symptom", "weakness"), ("symptom", "vomiting")],
]


def main() -> int:
    """The whole run, in order; 2 without a trained model or with a bad BENCH_* setting."""
    model = trained_model()
    if model is None:
        return 2
    try:
        settings = read_settings()
    except ValueError as error:
        print(f"bench: bad setting: {error}", file=sys.stderr)
        return 2

    first_figures = start_figures()
    train_s = measure_training(settings.train)
    conversations = build_conversations(load_vignette_turns())
    texts = parse_texts()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, contextlib.ExitStack() as running, RssSampler() as sampler:
        bots = start_bots(model, Path(tmp), running, sampler)
        measure_parse_and_warm_up(bots, texts, conversations)
        run_phases(bots, conversations, settings)
        print(f"{bots[0].name}: {FLOOD} messages for one conversation, {FLOOD_BATCH} at a time...", file=sys.stderr, flush=True)
        flooded = flood(bots[0].stack.settings.rasa_url, token=bots[0].stack.settings.auth_token)
    record_peaks_and_training(bots, sampler, train_s)  # the sampler's last samples were taken on leaving

    ours, base = bots
    figures = {
        **first_figures,
        "load_end": load_average(),
        **latency_figures(ours, base, settings.rounds),
        **load_figures(ours, base, settings.levels),
        **resource_figures(ours, base),
        **flooded,
    }
    print_report(figures, report_rows(ours, base, settings.levels, figures["table_query_us"]))
    return 0


@dataclass(frozen=True)
class BenchSettings:
    """What the BENCH_* environment variables ask for (see evaluation/bench/__init__.py)."""

    train: bool
    messages: int  # per phase
    levels: list[int]  # concurrency of each phase, 1 always among them
    rounds: int


def read_settings(env: Mapping[str, str] = os.environ) -> BenchSettings:
    """The settings from the environment; raises ValueError on a bad one."""
    do_train = env.get("BENCH_TRAIN", "1") not in ("0", "", "false", "no")
    n_messages = int(env.get("BENCH_MESSAGES", "500"))
    levels = parse_concurrency(env.get("BENCH_CONCURRENCY", "1,10,50"))
    n_rounds = int(env.get("BENCH_ROUNDS", "3"))
    if n_rounds < 1:
        raise ValueError(f"BENCH_ROUNDS must be at least 1, not {n_rounds}")
    if 1 not in levels:
        levels = [1] + levels  # latency percentiles come from one conversation at a time
    return BenchSettings(do_train, n_messages, levels, n_rounds)


def parse_concurrency(text: str) -> list[int]:
    """"1,10,50" -> [1, 10, 50]; refuses anything but positive integers."""
    levels = [int(part) for part in text.replace(" ", "").split(",") if part]
    if not levels or any(level < 1 for level in levels):
        raise ValueError(f"BENCH_CONCURRENCY must be positive integers separated by commas, not {text!r}")
    return levels


def start_figures() -> dict[str, Any]:
    """What is measured before anything else: the cause-table query time, and the machine."""
    return {"table_query_us": round(table_query_us(), 1), "cpus": os.cpu_count(), "load_start": load_average()}


def table_query_us(rounds: int = 2000) -> float:
    """Microseconds of one assessment over the cause table, in this process (no server)."""
    kb = default_kb()
    sets = [Evidence.from_entities([{"entity": k, "value": v} for k, v in s]) for s in EVIDENCE_SETS]
    assess(kb, sets[0])  # warm caches
    start = time.perf_counter()
    for i in range(rounds):
        assess(kb, sets[i % len(sets)])
    return (time.perf_counter() - start) / rounds * 1e6


def load_average() -> float:
    """The 1-minute load average: how busy the machine was (other work included)."""
    return round(os.getloadavg()[0], 2)


def parse_texts() -> list[str]:
    """The texts /model/parse is timed on: the NLU examples."""
    from evaluation.nlu import load_examples

    with libraries_quiet():  # Rasa's notes about the held-out set's entity synonyms
        return [ex.text for ex in load_examples()]


def measure_parse_and_warm_up(bots: Sequence[Bot], texts: Sequence[str], conversations: list[list[str]]) -> None:
    """Time /model/parse on each bot, then send each one conversation that is not measured."""
    for bot in bots:
        s = bot.stack.settings
        bot.figures["parse_ms"] = parse_times_ms(s.rasa_url, s.auth_token, texts)
        run_phase(s.rasa_url, conversations[:1], 1, f"{bot.name}-warmup", s.auth_token)


def run_phases(bots: Sequence[Bot], conversations: Sequence[list[str]], settings: BenchSettings) -> None:
    """Each concurrency level in rounds, the bots taking turns; the merged rounds go to each bot's phases."""
    for level in settings.levels:
        chosen = take_conversations(conversations, settings.messages, min_conversations=level)
        rounds: dict[str, list[PhaseResult]] = {bot.name: [] for bot in bots}
        for index in range(settings.rounds):
            for bot in turn_order(bots, index):  # a change in the machine's load hits both
                note = f"{sum(map(len, chosen))} messages, {level} at a time, round {index + 1}/{settings.rounds}"
                print(f"{bot.name}: {note}...", file=sys.stderr, flush=True)
                tag = f"{bot.name}-{level}-{index}"
                server = bot.stack.settings
                rounds[bot.name].append(run_phase(server.rasa_url, chosen, level, tag, server.auth_token))
        for bot in bots:
            bot.phases[level] = merge_rounds(rounds[bot.name])
