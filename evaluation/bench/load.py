"""Load generation: the conversations the benchmark sends, the phases that send them over REST,
the flood of one conversation, and the /model/parse timing.

Messages come from the conversations of evaluation/data/vignettes.yml, with greetings, answers
to the bot's questions and follow-ups ("why?", "what should I eat?", "thanks") added. An error
is a failed request, a non-200 answer, or no reply at all (what a failing action server gives).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import random
import statistics
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence, TypeVar

import yaml

from evaluation import VIGNETTES

T = TypeVar("T")
REQUEST_TIMEOUT_S = 60.0

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

# One conversation flooded: what the per-conversation rate limit does with many messages at once.
FLOOD = 1_000
FLOOD_BATCH = 50  # sent at once; the next batch goes when all of these are answered
FLOOD_BUDGET_S = 180.0
FLOOD_TEXTS = ("my eyelid twitches", "hello", "I drink a lot of coffee", "I don't know", "what foods help?", "thanks")


def load_vignette_turns(path: Path = VIGNETTES) -> list[list[str]]:
    return [list(v["turns"]) for v in yaml.safe_load(path.read_text(encoding="utf-8"))["vignettes"]]


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


def turn_order(items: Sequence[T], round_index: int) -> list[T]:
    """Who goes first alternates from round to round (A B, B A, A B, ...)."""
    return list(items) if round_index % 2 == 0 else list(reversed(items))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) with linear interpolation between ranks; nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = min(max(q, 0.0), 1.0) * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


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
