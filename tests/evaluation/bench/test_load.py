"""The benchmark's load generation (evaluation/bench/load.py): conversations, rounds, errors; nothing here is timed."""

from __future__ import annotations

import math

import pytest

from evaluation.bench.load import (
    PhaseResult,
    build_conversations,
    is_error,
    load_vignette_turns,
    merge_rounds,
    percentile,
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


def test_real_vignettes_give_enough_messages_for_the_default_phase() -> None:
    conversations = build_conversations(load_vignette_turns())
    assert len(conversations) >= 50
    assert sum(map(len, conversations)) >= 500


def test_take_conversations_cycles_until_both_minimums() -> None:
    pool = [["a", "b"], ["c", "d", "e"]]
    assert take_conversations(pool, 4) == [["a", "b"], ["c", "d", "e"]]
    taken = take_conversations(pool, 1, min_conversations=5)
    assert len(taken) == 5 and taken[2] == ["a", "b"]
    with pytest.raises(ValueError):
        take_conversations([], 10)
