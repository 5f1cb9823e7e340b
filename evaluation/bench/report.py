"""Reporting: the figures of both bots side by side with their ratio, the targets they are read
against, and the `bench: {json}` line printed last.
"""

from __future__ import annotations

import json
import math
import statistics
from typing import Any, Mapping, Sequence

from evaluation.bench.bots import Bot
from evaluation.bench.load import percentile

Row = tuple[str, float | None, float | None, int]  # a row of the report: measure, ours, baseline, digits

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


def ratio(ours: float | None, baseline: float | None) -> float | None:
    """ours / baseline, or None when either is missing or the baseline is 0."""
    if ours is None or baseline is None or baseline == 0 or math.isnan(ours) or math.isnan(baseline):
        return None
    return ours / baseline


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}"


def conversations_label(n: int) -> str:
    return "1 conversation" if n == 1 else f"{n} conversations"


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
