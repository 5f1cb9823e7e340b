"""Benchmark: figures, not pass/fail. `make bench` prints a table and, last, `bench: {json}`.

Our bot and a baseline (the `rasa init` bot whose replies go through one custom action,
evaluation/baseline/) are measured in the same run, with the same endpoints and channels:

- full training time of each, from scratch with an empty Rasa cache (RASA_CACHE_DIRECTORY);
- cold start: Rasa server process start until /status answers with the model loaded;
- per-message latency p50/p95/p99 over REST including the action server, one conversation
  at a time, then throughput and errors with 1, 10 and 50 conversations in parallel (each
  conversation sequential); every phase runs in several rounds, the two bots taking turns
  and alternating who goes first, so a change in the machine's load hits both; latencies
  and errors are pooled over the rounds, throughput is the median round's;
- peak resident memory of each server, child processes included;
- median /model/parse time, and the cause-table query time (in process).

Messages come from the conversations of evaluation/data/vignettes.yml, with greetings, answers to the
bot's questions and follow-ups ("why?", "what should I eat?", "thanks") added. An error is
a failed request, a non-200 answer, or no reply at all (what a failing action server gives).

Environment: BENCH_TRAIN=0 skips the training measurement (the baseline is still trained
when its model is missing or older than its files); BENCH_MESSAGES (default 500) messages
per phase; BENCH_CONCURRENCY (default "1,10,50"); BENCH_ROUNDS (default 3) rounds of each
phase.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence, TypeVar

import yaml

from bot.evidence import Evidence
from bot.knowledge.table import default_kb
from bot.reasoning import assess
from evaluation import BASELINE_BOT, VIGNETTES
from ops import proc
from ops.launcher import QUIET_ENV, Settings, Stack, free_port, latest_model

T = TypeVar("T")
Row = tuple[str, float | None, float | None, int]  # a row of the report: measure, ours, baseline, digits
ROOT = Path(__file__).resolve().parent.parent
BASELINE_DIR = BASELINE_BOT
BASELINE_ACTIONS = "evaluation.baseline.actions"
RESULTS = ROOT / "results" / "bench"
BASELINE_MODEL = RESULTS / "baseline.tar.gz"
REQUEST_TIMEOUT_S = 60.0
START_TIMEOUT_S = 900.0  # a Rasa server takes 60-120 s to start on a loaded machine

# Targets the report is read against (figures, not tests).
# Issue 26's targets, with the sentence encoder in the pipeline, ours against the baseline:
# (what, our figure, baseline's figure, "<=" or ">=", ratio). The parse median is printed, not a target.
TARGETS = [
    ("full training, cold cache", "train_s", "baseline_train_s", "<=", 2.5),
    ("REST p95, 1 conversation", "p95_ms", "baseline_p95_ms", "<=", 1.3),
    ("throughput, 10 conversations", "msgs_per_s_10", "baseline_msgs_per_s_10", ">=", 0.8),
    ("throughput, 50 conversations", "msgs_per_s_50", "baseline_msgs_per_s_50", ">=", 0.8),
    ("Rasa server RSS, peak", "rss_mb", "baseline_rss_mb", "<=", 1.15),
]

EVIDENCE_SETS = [
    [("lifestyle_factor", "caffeine"), ("lifestyle_factor", "poor_sleep")],
    [("diet", "vegan"), ("symptom", "numbness_tingling"), ("symptom", "balance_problems")],
    [("medication", "diuretic"), ("symptom", "cramps"), ("symptom", "irregular_heartbeat")],
    [("lifestyle_factor", "low_sun_exposure"), ("lifestyle_factor", "darker_skin"), ("symptom", "bone_pain")],
    [("symptom", "chest_pain"), ("symptom", "weakness"), ("symptom", "vomiting")],
]

# What people add around the vignettes' descriptions.
GREETINGS = ["hi", "hello there", "hey", "good morning", "hiya, can you help me?"]
ANSWERS = [
    "about two weeks",
    "a few days now",
    "no",
    "nope, none of that",
    "yes",
    "I don't know",
    "skip",
    "maybe one coffee a day",
    "badly, five hours a night at most",
    "no medicines",
    "not much water honestly",
]
FOLLOW_UPS = [
    "why?",
    "why do you think that?",
    "what should I eat?",
    "which foods would help?",
    "should I see a doctor?",
    "could it be something else?",
    "can you sum that up?",
]
CLOSINGS = ["thanks", "thank you, that helps", "ok thanks, bye", "bye"]


# -- statistics and report helpers (unit-tested) -------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) with linear interpolation between ranks; nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = min(max(q, 0.0), 1.0) * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ratio(ours: float | None, baseline: float | None) -> float | None:
    """ours / baseline, or None when either is missing or the baseline is 0."""
    if ours is None or baseline is None or baseline == 0 or math.isnan(ours) or math.isnan(baseline):
        return None
    return ours / baseline


def is_error(status: int | None, reply: Any) -> bool:
    """A request that failed, was refused, or got no message back."""
    return status != 200 or not isinstance(reply, list) or not reply


@dataclass
class PhaseResult:
    """One load phase: concurrency, per-message latencies (ms, successful messages), errors, wall time."""

    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    wall_s: float = 0.0
    round_rates: list[float] = field(default_factory=list)  # msgs/s of each round, when merged

    @property
    def messages(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def msgs_per_s(self) -> float:
        """Messages answered without error per second of wall time (the median round's)."""
        if self.round_rates:
            return statistics.median(self.round_rates)
        return len(self.latencies_ms) / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def error_rate(self) -> float:
        return self.errors / self.messages if self.messages else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies_ms, q)


def merge_rounds(rounds: Sequence[PhaseResult]) -> PhaseResult:
    """Rounds of one phase as one: latencies and errors pooled, throughput per round."""
    return PhaseResult(
        rounds[0].concurrency,
        [ms for r in rounds for ms in r.latencies_ms],
        sum(r.errors for r in rounds),
        sum(r.wall_s for r in rounds),
        [r.msgs_per_s for r in rounds],
    )


def turn_order(items: Sequence[T], round_index: int) -> list[T]:
    """Who goes first alternates from round to round (A B, B A, A B, ...)."""
    return list(items) if round_index % 2 == 0 else list(reversed(items))


def build_conversations(vignettes: Iterable[Sequence[str]], seed: int = 7) -> list[list[str]]:
    """Each vignette's turns with, drawn reproducibly, a greeting, answers, follow-ups and a closing."""
    conversations = []
    for index, turns in enumerate(vignettes):
        rng = random.Random(seed * 1000 + index)
        greeted = bool(turns) and len(turns[0].split()) <= 2  # the vignette opens with "hey"
        messages = [rng.choice(GREETINGS)] if rng.random() < 0.5 and not greeted else []
        messages += list(turns)
        messages += rng.sample(ANSWERS, rng.randint(1, 3))
        messages += rng.sample(FOLLOW_UPS, rng.randint(1, 3))
        messages.append(rng.choice(CLOSINGS))
        conversations.append(messages)
    return conversations


def take_conversations(conversations: Sequence[list[str]], min_messages: int, min_conversations: int = 1) -> list[list[str]]:
    """Conversations in order, cycling, until both minimums are reached."""
    if not conversations:
        raise ValueError("no conversations")
    chosen: list[list[str]] = []
    total = 0
    cycle: Iterator[list[str]] = itertools.cycle(conversations)
    while total < min_messages or len(chosen) < min_conversations:
        conversation = next(cycle)
        chosen.append(conversation)
        total += len(conversation)
    return chosen


def parse_concurrency(text: str) -> list[int]:
    """"1,10,50" -> [1, 10, 50]; refuses anything but positive integers."""
    levels = [int(part) for part in text.replace(" ", "").split(",") if part]
    if not levels or any(level < 1 for level in levels):
        raise ValueError(f"BENCH_CONCURRENCY must be positive integers separated by commas, not {text!r}")
    return levels


def conversations_label(n: int) -> str:
    return "1 conversation" if n == 1 else f"{n} conversations"


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}"


def render_table(rows: Sequence[Row]) -> str:
    """Rows (measure, ours, baseline, digits) as a text table with the ratio ours/baseline."""
    header = ("measure", "our bot", "baseline", "ratio")
    cells = [header] + [
        (name, fmt(ours, digits), fmt(base, digits), fmt(ratio(ours, base), 2) + ("x" if ratio(ours, base) is not None else ""))
        for name, ours, base, digits in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)) for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def target_lines(figures: Mapping[str, Any]) -> list[str]:
    """Each target with the measured ratio and whether it is met (n/a when a figure is missing)."""

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("met" if ok else "MISSED")

    lines = []
    for what, ours, base, op, target in TARGETS:
        r = ratio(figures.get(ours), figures.get(base))
        ok = None if r is None else (r <= target if op == "<=" else r >= target)
        lines.append(f"{what}: {fmt(r, 2)}x, target {op} {target}x {verdict(ok)}")
    errors = figures.get("errors")
    lines.append(f"errors: {errors}, target 0 {verdict(None if errors is None else errors == 0)}")
    return lines


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)


# -- measurements -------------------------------------------------------------------------


def table_query_us(rounds: int = 2000) -> float:
    kb = default_kb()
    sets = [Evidence.from_entities([{"entity": k, "value": v} for k, v in s]) for s in EVIDENCE_SETS]
    assess(kb, sets[0])  # warm caches
    start = time.perf_counter()
    for i in range(rounds):
        assess(kb, sets[i % len(sets)])
    return (time.perf_counter() - start) / rounds * 1e6


def _post(url: str, body: dict) -> Any:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
        return json.loads(response.read())


def parse_times_ms(rasa_url: str, token: str, texts: Sequence[str]) -> list[float]:
    url = f"{rasa_url}/model/parse?token={token}"
    for text in texts[:10]:
        _post(url, {"text": text})  # warm-up
    times = []
    for text in texts:
        start = time.perf_counter()
        _post(url, {"text": text})
        times.append((time.perf_counter() - start) * 1000)
    return times


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


async def _conversation(session: Any, url: str, sender: str, messages: list[str], result: PhaseResult) -> None:
    import aiohttp

    for text in messages:
        start = time.perf_counter()
        status: int | None = None
        reply: Any = None
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                status = response.status
                reply = await response.json(content_type=None) if status == 200 else None
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            pass
        if is_error(status, reply):
            result.errors += 1
        else:
            result.latencies_ms.append((time.perf_counter() - start) * 1000)


async def _phase(rasa_url: str, conversations: list[list[str]], concurrency: int, tag: str, token: str = "") -> PhaseResult:
    import aiohttp

    result = PhaseResult(concurrency)
    queue: asyncio.Queue[list[str]] = asyncio.Queue()
    for conversation in conversations:
        queue.put_nowait(conversation)
    url = f"{rasa_url}/webhooks/rest/webhook?token={token}"  # the baseline's REST channel ignores it
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=concurrency)

    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:

        async def worker() -> None:
            while not queue.empty():
                conversation = queue.get_nowait()
                await _conversation(session, url, f"bench-{tag}-{uuid.uuid4().hex[:10]}", conversation, result)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        result.wall_s = time.perf_counter() - start
    return result


def run_phase(rasa_url: str, conversations: list[list[str]], concurrency: int, tag: str, token: str = "") -> PhaseResult:
    return asyncio.run(_phase(rasa_url, conversations, concurrency, tag, token))


def _train_env(cache_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QUIET_ENV)
    env["RASA_CACHE_DIRECTORY"] = str(cache_dir)  # empty: a cold, full training
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def train(config: Path, domain: Path, data: Path, out: Path, name: str) -> float:
    """`rasa train` from scratch with an empty cache; seconds. Raises with the log's tail on failure."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        cmd = [
            sys.executable, "-m", "rasa", "train",
            "--config", str(config), "--domain", str(domain), "--data", str(data),
            "--out", str(out), "--fixed-model-name", name, "--force", "--quiet",
        ]  # fmt: skip
        log = out / f"{name}-train.log"
        start = time.perf_counter()
        with open(log, "wb") as handle:
            code = subprocess.run(cmd, cwd=ROOT, env=_train_env(Path(cache)), stdout=handle, stderr=subprocess.STDOUT).returncode
        seconds = time.perf_counter() - start
    if code != 0 or not (out / f"{name}.tar.gz").exists():
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        raise RuntimeError(f"training {name} failed (exit {code}); last lines of {log}:\n{tail}")
    return seconds


def baseline_is_stale(model: Path) -> bool:
    if not model.exists():
        return True
    built = model.stat().st_mtime
    return any(p.stat().st_mtime > built for p in BASELINE_DIR.rglob("*.yml"))


def load_vignette_turns(path: Path = VIGNETTES) -> list[list[str]]:
    return [list(v["turns"]) for v in yaml.safe_load(path.read_text(encoding="utf-8"))["vignettes"]]


@dataclass
class Bot:
    """One bot under test: its stack, and what was measured on it."""

    name: str
    stack: Any
    figures: dict[str, Any] = field(default_factory=dict)
    phases: dict[int, PhaseResult] = field(default_factory=dict)


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


def load_average() -> float:
    """The 1-minute load average: how busy the machine was (other work included)."""
    return round(os.getloadavg()[0], 2)


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT_S) as response:
        return dict(json.loads(response.read()))


class BaselineStack(Stack):
    """The same servers, endpoints and channels, with the baseline's action package."""

    def action_server_cmd(self) -> list[str]:
        return [self.python, "-m", "rasa_sdk", "--actions", BASELINE_ACTIONS, "--port", str(self.settings.action_port)]


@dataclass(frozen=True)
class BenchSettings:
    """What the BENCH_* environment variables ask for (see the module's docstring)."""

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


def start_figures() -> dict[str, Any]:
    """What is measured before anything else: the cause-table query time, and the machine."""
    return {"table_query_us": round(table_query_us(), 1), "cpus": os.cpu_count(), "load_start": load_average()}


def measure_training(do_train: bool) -> dict[str, float | None]:
    """Seconds of a cold training of each bot, None when not measured.

    The baseline is trained into results/bench/ (also when not measuring, if its model is
    missing or stale); our bot into a temporary directory, leaving models/ alone.
    """
    RESULTS.mkdir(parents=True, exist_ok=True)
    train_s: dict[str, float | None] = {"ours": None, "baseline": None}
    if do_train or baseline_is_stale(BASELINE_MODEL):
        print("training the baseline (cold cache)...", file=sys.stderr, flush=True)
        train_s["baseline"] = train(
            BASELINE_DIR / "config.yml", BASELINE_DIR / "domain.yml", BASELINE_DIR / "data", RESULTS, "baseline"
        )
    if do_train:
        print("training our bot into a temporary directory (cold cache)...", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-train-") as out:
            train_s["ours"] = train(ROOT / "config.yml", ROOT / "domain.yml", ROOT / "data", Path(out), "twitch")
    return train_s


def parse_texts() -> list[str]:
    """The texts /model/parse is timed on: the NLU examples."""
    from evaluation.nlu import load_examples

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Rasa's notes about the held-out set's entity synonyms
        return [ex.text for ex in load_examples()]


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


# One conversation flooded: what the per-conversation rate limit does with many messages at once.
FLOOD = 1_000
FLOOD_BATCH = 50  # sent at once; the next batch goes when all of these are answered
FLOOD_BUDGET_S = 180.0
FLOOD_TEXTS = ("my eyelid twitches", "hello", "I drink a lot of coffee", "I don't know", "what foods help?", "thanks")


def flood(
    rasa_url: str, total: int = FLOOD, batch: int = FLOOD_BATCH, budget_s: float = FLOOD_BUDGET_S, token: str = ""
) -> dict[str, Any]:
    """`total` messages for one sender, `batch` at a time: how many were answered, how, and how fast."""
    import aiohttp

    sender = f"flood-{uuid.uuid4().hex[:10]}"
    statuses: list[int] = []
    empty = 0

    async def run() -> None:
        nonlocal empty
        async with aiohttp.ClientSession() as session:

            async def send(i: int) -> None:
                nonlocal empty
                body = {"sender": sender, "message": FLOOD_TEXTS[i % len(FLOOD_TEXTS)]}
                async with session.post(f"{rasa_url}/webhooks/rest/webhook?token={token}", json=body) as response:
                    raw = await response.text()
                    statuses.append(response.status)
                    if response.status == 200 and not json.loads(raw):
                        empty += 1

            started = time.monotonic()
            for first in range(0, total, batch):
                left = budget_s - (time.monotonic() - started)
                try:
                    sending = asyncio.gather(*(send(i) for i in range(first, min(first + batch, total))))
                    await asyncio.wait_for(sending, max(0.1, left))
                except asyncio.TimeoutError:
                    break

    started = time.monotonic()
    asyncio.run(run())
    counts = {str(code): statuses.count(code) for code in sorted(set(statuses))}
    return {
        "flood_messages": total,
        "flood_answered": len(statuses),
        "flood_s": round(time.monotonic() - started, 1),
        "flood_statuses": counts,
        "flood_empty_200": empty,
        "flood_5xx": sum(1 for code in statuses if code >= 500),
    }


def record_peaks_and_training(bots: Sequence[Bot], sampler: RssSampler, train_s: Mapping[str, float | None]) -> None:
    for bot in bots:
        bot.figures["rss_mb"] = sampler.peak[f"{bot.name}-rasa"]
        bot.figures["action_rss_mb"] = sampler.peak[f"{bot.name}-action"]
        bot.figures["train_s"] = train_s[bot.name]


def latency_figures(ours: Bot, base: Bot, n_rounds: int) -> dict[str, Any]:
    """Percentiles one conversation at a time, and how many messages they come from."""
    one, base_one = ours.phases[1], base.phases[1]
    return {
        "p50_ms": rounded(one.p(0.50)),
        "p95_ms": rounded(one.p(0.95)),
        "p99_ms": rounded(one.p(0.99)),
        "baseline_p50_ms": rounded(base_one.p(0.50)),
        "baseline_p95_ms": rounded(base_one.p(0.95)),
        "baseline_p99_ms": rounded(base_one.p(0.99)),
        "messages": one.messages,
        "rounds": n_rounds,
    }


def load_figures(ours: Bot, base: Bot, levels: Sequence[int]) -> dict[str, Any]:
    """Throughput at each level (the median round's, and every round's), then p95 above one conversation."""
    figures: dict[str, Any] = {}
    for level in levels:
        figures[f"msgs_per_s_{level}"] = rounded(ours.phases[level].msgs_per_s)
        figures[f"baseline_msgs_per_s_{level}"] = rounded(base.phases[level].msgs_per_s)
        figures[f"msgs_per_s_{level}_rounds"] = [rounded(r) for r in ours.phases[level].round_rates]
        figures[f"baseline_msgs_per_s_{level}_rounds"] = [rounded(r) for r in base.phases[level].round_rates]
    for level in levels:
        if level != 1:
            figures[f"p95_ms_{level}"] = rounded(ours.phases[level].p(0.95))
            figures[f"baseline_p95_ms_{level}"] = rounded(base.phases[level].p(0.95))
    return figures


def resource_figures(ours: Bot, base: Bot) -> dict[str, Any]:
    """Errors and messages over all phases, memory, training and start times, /model/parse time."""
    parse, base_parse = ours.figures["parse_ms"], base.figures["parse_ms"]
    return {
        "errors": sum(p.errors for p in ours.phases.values()),
        "baseline_errors": sum(p.errors for p in base.phases.values()),
        "messages_total": sum(p.messages for p in ours.phases.values()),
        "rss_mb": rounded(ours.figures["rss_mb"], 1),
        "action_rss_mb": rounded(ours.figures["action_rss_mb"], 1),
        "baseline_rss_mb": rounded(base.figures["rss_mb"], 1),
        "baseline_action_rss_mb": rounded(base.figures["action_rss_mb"], 1),
        "train_s": rounded(ours.figures["train_s"], 1),
        "baseline_train_s": rounded(base.figures["train_s"], 1),
        "cold_start_s": rounded(ours.figures["cold_start_s"], 1),
        "baseline_cold_start_s": rounded(base.figures["cold_start_s"], 1),
        "action_start_s": rounded(ours.figures["action_start_s"], 1),
        "baseline_action_start_s": rounded(base.figures["action_start_s"], 1),
        "parse_median_ms": rounded(statistics.median(parse)),
        "parse_p95_ms": rounded(percentile(parse, 0.95)),
        "baseline_parse_median_ms": rounded(statistics.median(base_parse)),
    }


def report_rows(ours: Bot, base: Bot, levels: Sequence[int], table_query: float) -> list[Row]:
    """The rows of the printed table: (measure, ours, baseline, digits), unrounded."""
    one, base_one = ours.phases[1], base.phases[1]
    rows: list[Row] = [
        ("REST latency p50, 1 conversation (ms)", one.p(0.50), base_one.p(0.50), 1),
        ("REST latency p95, 1 conversation (ms)", one.p(0.95), base_one.p(0.95), 1),
        ("REST latency p99, 1 conversation (ms)", one.p(0.99), base_one.p(0.99), 1),
    ]
    pairs = [(level, ours.phases[level], base.phases[level]) for level in levels]
    rows += [(f"REST latency p95, {conversations_label(n)} (ms)", a.p(0.95), b.p(0.95), 1) for n, a, b in pairs if n != 1]
    rows += [(f"throughput, {conversations_label(n)} (msgs/s)", a.msgs_per_s, b.msgs_per_s, 2) for n, a, b in pairs]
    rows += [(f"errors, {conversations_label(n)} (%)", 100 * a.error_rate, 100 * b.error_rate, 2) for n, a, b in pairs]
    parse, base_parse = ours.figures["parse_ms"], base.figures["parse_ms"]
    rows += [
        ("Rasa server RSS, peak (MB)", ours.figures["rss_mb"], base.figures["rss_mb"], 0),
        ("Rasa server RSS, idle after start (MB)", ours.figures["rss_idle_mb"], base.figures["rss_idle_mb"], 0),
        ("action server RSS, peak (MB)", ours.figures["action_rss_mb"], base.figures["action_rss_mb"], 0),
        ("full training, cold cache (s)", ours.figures["train_s"], base.figures["train_s"], 1),
        ("cold start, Rasa server (s)", ours.figures["cold_start_s"], base.figures["cold_start_s"], 1),
        ("start, action server (s)", ours.figures["action_start_s"], base.figures["action_start_s"], 1),
        ("/model/parse median (ms)", statistics.median(parse), statistics.median(base_parse), 2),
        ("cause-table query (us)", table_query, None, 1),
    ]
    return rows


def print_report(figures: Mapping[str, Any], rows: Sequence[Row]) -> None:
    """The table and the targets on stdout, and last the `bench: {json}` line."""
    n_messages, n_rounds = figures["messages"], figures["rounds"]
    rounds_note = f"{n_rounds} rounds of {n_messages // n_rounds}" if n_rounds > 1 else "one round"
    print(f"{n_messages} messages one conversation at a time ({rounds_note}); {figures['messages_total']} in all per bot")
    print("throughput: the median round's")
    load = f"1-minute load average {figures['load_start']} at the start, {figures['load_end']} at the end"
    print(f"machine: {figures['cpus']} CPUs, {load}")
    print(render_table(rows))
    print(
        f"flood (ours, one conversation): {figures['flood_answered']} of {figures['flood_messages']} answered in "
        f"{figures['flood_s']} s; statuses {figures['flood_statuses']}; {figures['flood_empty_200']} empty, "
        f"{figures['flood_5xx']} server errors"
    )
    print("\ntargets (figures, not tests):")
    for line in target_lines(figures):
        print(f"  {line}")
    print("bench: " + json.dumps(figures))


def main() -> int:
    model = latest_model(ROOT / "models")
    if model is None:
        print("no trained model in models/: run `make train`", file=sys.stderr)
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


if __name__ == "__main__":
    sys.exit(main())
