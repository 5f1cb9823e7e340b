"""Bar charts as inline SVG, drawn here: no JavaScript, no stylesheet, nothing to fetch.

Each chart is one `<svg role="img">` named by its `<title>` and `<desc>` (what a screen
reader says), with a visible title, axis titles and the value on every bar, so the same
file reads on its own (docs/stats-levels.svg) and inside stats.html, where a table under
it repeats the figures. Colours come as presentation attributes, which a strict
Content-Security-Policy allows (a `style` attribute it would block).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Sequence

WIDTH = 640
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'
INK = "#1b1b1b"  # text: 17:1 on white
AXIS = "#595959"  # axis lines: 7:1 on white
GRID = "#d9d9d9"  # grid lines: decoration only
CHAR_WIDTH = 6.6  # average width of a 12 px character, to size the label column
MAX_X_LABELS = 8  # day labels under a column chart before some are skipped
MAX_VALUE_LABELS = 40  # columns that still have room for their value above them


@dataclass(frozen=True)
class Series:
    """One stacked part of every column: its name (the legend) and colour."""

    name: str
    values: Sequence[int]
    color: str


def nice_ticks(top: int, most: int = 5) -> list[int]:
    """Tick values from 0 covering `top`, at a step of 1, 2 or 5 times a power of ten."""
    if top <= 0:
        return [0, 1]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    return list(range(0, math.ceil(top / step) * step + 1, step))


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12, extra: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{INK}" {FONT}{extra}>'
        f"{escape(text)}</text>"
    )


def _frame(chart_id: str, title: str, desc: str, height: float, body: list[str]) -> str:
    """The <svg> around a chart: its accessible name and description, and the visible title."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}">'
    )
    return "\n".join(
        [
            head,
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
            f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
            f'<rect x="0" y="0" width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>',
            _text(12, 22, title, size=15, extra=' font-weight="600"'),
            *body,
            "</svg>",
        ]
    )


def _empty(chart_id: str, title: str, desc: str) -> str:
    return _frame(chart_id, title, desc, 90, [_text(WIDTH / 2, 60, "No conversations to count yet", "middle")])


def column_chart(
    chart_id: str, title: str, desc: str, categories: Sequence[str], series: Sequence[Series], x_title: str, y_title: str
) -> str:
    """Vertical columns, one per category, each stacking the series; a legend when there are several."""
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    if not categories:
        return _empty(chart_id, title, desc)
    height, left, right, top, bottom = 320.0, 58.0, 16.0, 62.0 if len(series) > 1 else 44.0, 58.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    ticks = nice_ticks(max(totals))
    scale = plot_h / ticks[-1]
    body = _y_axis(ticks, left, top, plot_w, plot_h, scale)
    slot = plot_w / len(categories)
    bar_w = max(1.0, min(48.0, slot * 0.7))
    every = math.ceil(len(categories) / MAX_X_LABELS)
    for i, category in enumerate(categories):
        x = left + slot * i + (slot - bar_w) / 2
        base = top + plot_h
        for part in series:
            h = part.values[i] * scale
            if h > 0:
                body.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{part.color}"/>')
                base -= h
        if totals[i] and len(categories) <= MAX_VALUE_LABELS:
            body.append(_text(x + bar_w / 2, base - 4, str(totals[i]), "middle", 11))
        if i % every == 0:
            body.append(_text(x + bar_w / 2, top + plot_h + 16, category, "middle", 11))
    body.append(_text(left + plot_w / 2, height - 12, x_title, "middle"))
    body.append(_text(14, top + plot_h / 2, y_title, "middle", extra=f' transform="rotate(-90 14 {top + plot_h / 2:.1f})"'))
    if len(series) > 1:
        body += _legend(series, left, 42)
    return _frame(chart_id, title, desc, height, body)


def _y_axis(ticks: list[int], left: float, top: float, plot_w: float, plot_h: float, scale: float) -> list[str]:
    """Grid lines and their values, and the axis line itself."""
    out = []
    for tick in ticks:
        y = top + plot_h - tick * scale
        out.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        out.append(_text(left - 6, y + 4, str(tick), "end", 11))
    out.append(
        f'<line x1="{left:.1f}" y1="{top + plot_h:.1f}" x2="{left + plot_w:.1f}" y2="{top + plot_h:.1f}" stroke="{AXIS}"/>'
    )
    out.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{top + plot_h:.1f}" stroke="{AXIS}"/>')
    return out


def _legend(series: Sequence[Series], x: float, y: float) -> list[str]:
    out = []
    for part in series:
        out.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{part.color}"/>')
        out.append(_text(x + 17, y, part.name))
        x += 17 + CHAR_WIDTH * len(part.name) + 24
    return out


def bar_chart(
    chart_id: str, title: str, desc: str, labels: Sequence[str], values: Sequence[int], colors: Sequence[str], x_title: str
) -> str:
    """Horizontal bars, one per label, with the value at the end of each."""
    if not labels:
        return _empty(chart_id, title, desc)
    row, top, bottom, right = 28.0, 40.0, 52.0, 40.0
    left = min(300.0, 16 + CHAR_WIDTH * max(len(label) for label in labels))
    plot_w, plot_h = WIDTH - left - right, row * len(labels)
    height = top + plot_h + bottom
    ticks = nice_ticks(max(values))
    scale = plot_w / ticks[-1]
    body = []
    for tick in ticks:
        x = left + tick * scale
        body.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" stroke="{GRID}"/>')
        body.append(_text(x, top + plot_h + 16, str(tick), "middle", 11))
    for i, (label, value, color) in enumerate(zip(labels, values, colors, strict=True)):
        y = top + row * i
        body.append(_text(left - 8, y + row / 2 + 4, label, "end"))
        if value:
            body.append(
                f'<rect x="{left:.1f}" y="{y + 5:.1f}" width="{value * scale:.1f}" height="{row - 10:.1f}" fill="{color}"/>'
            )
        body.append(_text(left + value * scale + 5, y + row / 2 + 4, str(value), size=11))
    body.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{top + plot_h:.1f}" stroke="{AXIS}"/>')
    body.append(_text(left + plot_w / 2, height - 12, x_title, "middle"))
    return _frame(chart_id, title, desc, height, body)
