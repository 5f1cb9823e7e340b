"""The benchmark's settings (evaluation/bench/run.py)."""

from __future__ import annotations

import pytest

from evaluation.bench.run import parse_concurrency


def test_parse_concurrency() -> None:
    assert parse_concurrency("1,10,50") == [1, 10, 50]
    assert parse_concurrency(" 5 , 2 ") == [5, 2]
    for bad in ("", "0,10", "a", "-1"):
        with pytest.raises(ValueError):
            parse_concurrency(bad)
