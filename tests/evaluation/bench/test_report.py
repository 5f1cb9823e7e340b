"""The benchmark's report (evaluation/bench/report.py): ratios, the table, the targets."""

from __future__ import annotations

import math

import pytest

from evaluation.bench.report import ratio, render_table, target_lines


def test_ratio_is_ours_over_baseline_and_none_when_undefined() -> None:
    assert ratio(150.0, 100.0) == pytest.approx(1.5)
    assert ratio(1.0, 0.0) is None
    assert ratio(None, 3.0) is None
    assert ratio(3.0, None) is None
    assert ratio(math.nan, 3.0) is None


def test_table_has_a_ratio_column_and_dashes_for_missing_figures() -> None:
    table = render_table([("latency p95 (ms)", 150.0, 100.0, 1), ("training (s)", None, 80.0, 1)]).splitlines()
    assert table[0].split() == ["measure", "our", "bot", "baseline", "ratio"]
    assert table[2].split()[-3:] == ["150.0", "100.0", "1.50x"]
    assert table[3].split()[-3:] == ["-", "80.0", "-"]


def test_target_lines_say_met_or_missed() -> None:
    base = {"baseline_parse_median_ms": 10, "baseline_train_s": 60, "baseline_p95_ms": 100, "baseline_msgs_per_s_10": 10,
            "baseline_msgs_per_s_50": 10, "baseline_rss_mb": 1000}  # fmt: skip
    # issue 26's targets: training <= 2.5x, p95 <= 1.3x, throughput >= 0.8x, RSS <= 1.15x, no errors
    good = {**base, "parse_median_ms": 14, "train_s": 149, "p95_ms": 130, "msgs_per_s_10": 8.0, "msgs_per_s_50": 8.1,
            "rss_mb": 1150, "errors": 0}  # fmt: skip
    assert all(line.endswith(" met") for line in target_lines(good))
    bad = {**base, "parse_median_ms": 10.5, "train_s": 151, "p95_ms": 131, "msgs_per_s_10": 7.9, "msgs_per_s_50": 7,
           "rss_mb": 1151, "errors": 3}  # fmt: skip
    assert all(line.endswith("MISSED") for line in target_lines(bad))
    assert all(line.endswith("n/a") for line in target_lines({}))
