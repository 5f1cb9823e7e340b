"""The benchmark's load generation (evaluation/bench/load.py): conversations, rounds, errors; nothing here is timed."""

from __future__ import annotations

import json
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar, Iterator

import pytest

from evaluation.bench.load import (
    PhaseResult,
    build_conversations,
    is_error,
    merge_rounds,
    percentile,
    run_phase,
    take_conversations,
    turn_order,
)


@pytest.mark.parametrize(
    ("q", "expected"),
    [(0.0, 10.0), (0.5, 30.0), (1.0, 50.0), (0.25, 20.0), (0.95, 48.0), (0.99, 49.6)],
)
def test_percentile_interpolates_between_ranks(q: float, expected: float) -> None:
    assert percentile([50.0, 10.0, 40.0, 20.0, 30.0], q) == pytest.approx(expected)


def test_percentile_of_one_value_and_of_none() -> None:
    assert percentile([7.0], 0.99) == 7.0
    assert math.isnan(percentile([], 0.5))


@pytest.mark.parametrize(
    ("status", "reply", "error"),
    [
        (200, [{"recipient_id": "a", "text": "hello"}], False),
        (200, [], True),  # a failing action server: Rasa answers 200 with no message
        (200, None, True),
        (500, [{"text": "x"}], True),
        (None, None, True),  # connection refused, timeout
        (200, {"text": "not a list"}, True),
    ],
)
def test_is_error(status: int | None, reply: object, error: bool) -> None:
    assert is_error(status, reply) is error


def test_phase_result_figures() -> None:
    phase = PhaseResult(concurrency=10, latencies_ms=[100.0, 200.0, 300.0], errors=1, wall_s=2.0)
    assert phase.messages == 4
    assert phase.msgs_per_s == pytest.approx(1.5)  # answered messages only
    assert phase.error_rate == pytest.approx(0.25)
    assert phase.p(0.5) == pytest.approx(200.0)
    empty = PhaseResult(concurrency=1)
    assert empty.msgs_per_s == 0.0 and empty.error_rate == 0.0


def test_rounds_pool_latencies_and_errors_and_take_the_median_rounds_throughput() -> None:
    rounds = [
        PhaseResult(10, [100.0, 100.0], errors=0, wall_s=1.0),  # 2 msgs/s
        PhaseResult(10, [300.0] * 10, errors=1, wall_s=1.0),  # 10 msgs/s, a one-off burst
        PhaseResult(10, [200.0, 200.0, 200.0], errors=0, wall_s=1.0),  # 3 msgs/s
    ]
    merged = merge_rounds(rounds)
    assert merged.messages == 16 and merged.errors == 1
    assert merged.msgs_per_s == pytest.approx(3.0)  # the median round, not 15 / 3 s
    assert merged.round_rates == pytest.approx([2.0, 10.0, 3.0])
    assert merged.p(0.5) == pytest.approx(300.0)


def test_the_bots_alternate_who_goes_first() -> None:
    assert [turn_order(["ours", "baseline"], i) for i in range(3)] == [
        ["ours", "baseline"],
        ["baseline", "ours"],
        ["ours", "baseline"],
    ]


def test_conversations_wrap_each_vignette_reproducibly() -> None:
    vignettes = [["my eyelid twitches", "two weeks now"], ["hey", "calf cramps at night"]]
    first = build_conversations(vignettes)
    assert first == build_conversations(vignettes)
    assert first != build_conversations(vignettes, seed=8)
    for turns, conversation in zip(vignettes, first, strict=True):
        start = conversation.index(turns[0])
        assert conversation[start : start + len(turns)] == turns
        assert len(conversation) >= len(turns) + 3  # an answer, a follow-up, a closing
    assert first[1][0] == "hey"  # no second greeting before a vignette that greets


class StandIn(BaseHTTPRequestHandler):
    """Rasa's REST channel as a failing bot would answer: "silence" gets no message (a failing action
    server), "crash" a 500, anything else one message; every message is written down by sender."""

    heard: ClassVar[list[tuple[str, str]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.heard.append((body["sender"], body["message"]))
        status, reply = {"silence": (200, []), "crash": (500, None)}.get(body["message"], (200, [{"text": "ok"}]))
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stand_in() -> Iterator[str]:
    StandIn.heard = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_phase_counts_silence_and_server_errors_as_errors_and_times_the_answers(stand_in: str) -> None:
    conversations = [["hello", "silence", "thanks"], ["crash", "my eyelid twitches"], ["hi"]]
    result = run_phase(stand_in, conversations, concurrency=2, tag="t")
    assert (result.messages, result.errors, len(result.latencies_ms)) == (6, 2, 4)
    assert result.error_rate == pytest.approx(2 / 6) and result.msgs_per_s > 0
    by_sender: dict[str, list[str]] = {}
    for sender, text in StandIn.heard:
        by_sender.setdefault(sender, []).append(text)
    assert sorted(by_sender.values()) == sorted(conversations)  # each conversation in order, one sender each


def test_take_conversations_cycles_until_both_minimums() -> None:
    pool = [["a", "b"], ["c", "d", "e"]]
    assert take_conversations(pool, 4) == [["a", "b"], ["c", "d", "e"]]
    taken = take_conversations(pool, 1, min_conversations=5)
    assert len(taken) == 5 and taken[2] == ["a", "b"]
    with pytest.raises(ValueError):
        take_conversations([], 10)
