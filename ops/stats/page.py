"""stats.html: the figures as charts, each followed by a table of the same numbers.

One self-contained file that opens offline: inline SVG (ops/stats/charts.py), one inline
stylesheet allowed by its hash in the page's own Content-Security-Policy, no script, no
link to anything. Every text on it is ours or a contract id's readable name; it is built
from the figures alone, so it cannot show what the JSON does not hold.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from html import escape
from typing import Any, Mapping, Sequence

from bot.texts import LEVEL_TITLES
from ops.stats.charts import Series, bar_chart, column_chart
from ops.stats.figures import NO_LEVEL

# Colours: at least 3:1 against white (WCAG non-text contrast); the two escalation levels
# differ in lightness as well as hue.
LEVEL_COLORS = {"self_care": "#2e7d32", "doctor": "#1565c0", "urgent": "#c25e00", "emergency": "#8b1a1a", NO_LEVEL: "#6b6b6b"}
STAGE_COLORS = {"greeting": "#6b6b6b", "interview": "#1565c0", "assessment": "#2e7d32", "deleted": "#7b3f99"}
BAR_COLOR = "#1f5f8b"

NO_LEVEL_TITLE = "No level given"
STAGE_TITLES = {
    "greeting": "Greeting only",
    "interview": "During the interview",
    "assessment": "After the assessment",
    "deleted": "Deleted by the person",
}
STAGE_MEANINGS = {
    "greeting": "left before the first interview question",
    "interview": "asked questions, left before a level was given",
    "assessment": "a triage level was given (an assessment or an escalation)",
    "deleted": "asked the assistant to delete the conversation",
}

STYLE = """
body { margin: 0 auto; max-width: 46rem; padding: 1rem; color: #1b1b1b; background: #ffffff;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 0.5rem; border-top: 1px solid #cccccc; padding-top: 1rem; }
a { color: #0b4f8a; }
a:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
figure { margin: 0; }
figcaption { color: #3d3d3d; margin: 0.25rem 0 0.75rem; }
svg { display: block; max-width: 100%; height: auto; }
.scroll { overflow-x: auto; margin: 0.5rem 0 1rem; }
.scroll:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
table { border-collapse: collapse; min-width: 16rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
th, td { padding: 0.2rem 0.75rem 0.2rem 0; border-bottom: 1px solid #d0d0d0; text-align: left; vertical-align: top; }
th[scope="row"] { white-space: nowrap; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #3d3d3d; }
code { font-size: 0.9em; }
"""


def csp(style: str = STYLE) -> str:
    """The page's policy: nothing may load or run, except its own stylesheet, named by hash."""
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


CHARTS = (
    ("per-day", "Conversations per day"),
    ("levels", "Triage level given"),
    ("escalations", "Escalations per day"),
    ("causes", "Top causes"),
    ("questions", "Questions asked per conversation"),
    ("drop-off", "Where conversations stopped"),
)
TITLES = dict(CHARTS)


@dataclass(frozen=True)
class Section:
    """One chart of the page: its anchor, the SVG, what it counts, and its figures as a table."""

    anchor: str
    chart: str
    caption: str
    table: str

    def html(self) -> str:
        title = TITLES[self.anchor]
        return "\n".join(
            [
                f'<section aria-labelledby="{self.anchor}">',
                f'<h2 id="{self.anchor}">{escape(title)}</h2>',
                f"<figure>{self.chart}<figcaption>{escape(self.caption)}</figcaption></figure>",
                # a table wider than a phone scrolls on its own, by keyboard too
                f'<div class="scroll" role="region" aria-label="{escape(title)}: the figures" tabindex="0">{self.table}</div>',
                "</section>",
            ]
        )


def sections(figures: Mapping[str, Any], cause_names: Mapping[str, str]) -> list[Section]:
    """The page's charts in order (also written one by one as SVG files)."""
    return [
        _per_day(figures),
        _levels(figures),
        _escalations(figures),
        _causes(figures, cause_names),
        _questions(figures),
        _drop_off(figures),
    ]


def render(figures: Mapping[str, Any], cause_names: Mapping[str, str]) -> str:
    """The whole page."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{csp()}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            "<title>Twitch assistant: conversations in figures</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            "<h1>Twitch assistant: conversations in figures</h1>",
            *_overview(figures),
            _contents(),
            *(section.html() for section in sections(figures, cause_names)),
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _overview(figures: Mapping[str, Any]) -> list[str]:
    period = figures.get("period")
    span = f"from {period['first_day']} to {period['last_day']}" if period else "so far"
    return [
        f"<p>{figures['conversations']} conversations {escape(span)} (days in {escape(figures['timezone'])}),"
        f" {figures['deleted']} of them deleted by the person. Generated {escape(figures['generated_at'])}"
        " from the tracker store.</p>",
        '<p class="note">Counts only: this page and <code>stats.json</code> hold no message text and no'
        " sender id. A conversation is one Rasa session of one person (a restart begins a new one)."
        " Deleted conversations count in conversations per day and in where conversations stopped only:"
        " what was said in them is gone.</p>",
    ]


def _contents() -> str:
    items = "".join(f'<li><a href="#{anchor}">{escape(title)}</a></li>' for anchor, title in CHARTS)
    return f'<nav aria-label="Charts"><ul>{items}</ul></nav>'


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A table whose numeric columns are right-aligned; its first column heads each row."""
    head = "".join(f'<th scope="col"{_num_class(rows, i)}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = [f'<th scope="row">{escape(str(row[0]))}</th>']
        cells += [f"<td{_num_class(rows, i)}>{escape(str(cell))}</td>" for i, cell in enumerate(row) if i > 0]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _num_class(rows: Sequence[Sequence[Any]], column: int) -> str:
    numeric = bool(rows) and all(isinstance(row[column], (int, float)) for row in rows)
    return ' class="n"' if numeric else ""


def _per_day(figures: Mapping[str, Any]) -> Section:
    days = [row["day"] for row in figures["per_day"]]
    counts = [row["conversations"] for row in figures["per_day"]]
    total = sum(counts)
    chart = column_chart(
        "chart-per-day",
        TITLES["per-day"],
        f"{total} conversations over {len(days)} days; the busiest day had {max(counts, default=0)}.",
        days,
        [Series("Conversations", counts, BAR_COLOR)],
        "Day (UTC)",
        "Conversations",
    )
    table = _table("Conversations per day", ["Day (UTC)", "Conversations"], list(zip(days, counts, strict=True)))
    return Section("per-day", chart, "Each conversation counts on the day of its first message.", table)


def level_title(level: str) -> str:
    return LEVEL_TITLES.get(level, NO_LEVEL_TITLE if level == NO_LEVEL else level)


def _ranked(
    name: str,
    ids: Sequence[str],
    labels: Sequence[str],
    values: Sequence[int],
    colors: Sequence[str],
    desc: str,
    what: tuple[str, str],
) -> tuple[str, str]:
    """A bar chart of conversations per id and its table (`what`: the table's caption and the id column's title)."""
    chart = bar_chart(f"chart-{name}", TITLES[name], desc, labels, values, colors, "Conversations")
    rows = list(zip(labels, ids, values, strict=True))
    return chart, _table(what[0], [what[1], "Id", "Conversations"], rows)


def _levels(figures: Mapping[str, Any]) -> Section:
    rows = figures["levels"]
    ids = [row["level"] for row in rows]
    labels = [level_title(level) for level in ids]
    values = [row["conversations"] for row in rows]
    desc = "; ".join(f"{label}: {value}" for label, value in zip(labels, values, strict=True)) + "."
    colors = [LEVEL_COLORS[level] for level in ids]
    chart, table = _ranked(
        "levels", ids, labels, values, colors, desc, ("Conversations by the highest triage level given", "Level")
    )
    caption = "The highest level each conversation was given, by an assessment, an escalation or a summary."
    return Section("levels", chart, caption, table)


def _escalations(figures: Mapping[str, Any]) -> Section:
    rows = figures["escalations_per_day"]
    days = [row["day"] for row in rows]
    urgent, emergency = [row["urgent"] for row in rows], [row["emergency"] for row in rows]
    desc = f"{sum(urgent)} urgent and {sum(emergency)} emergency escalations over {len(days)} days."
    chart = column_chart(
        "chart-escalations",
        TITLES["escalations"],
        desc,
        days,
        [
            Series(level_title("urgent"), urgent, LEVEL_COLORS["urgent"]),
            Series(level_title("emergency"), emergency, LEVEL_COLORS["emergency"]),
        ],
        "Day (UTC)",
        "Escalations",
    )
    table = _table(
        "Escalations per day, by level",
        ["Day (UTC)", "Urgent", "Emergency"],
        list(zip(days, urgent, emergency, strict=True)),
    )
    caption = "Every warning the assistant raised at once on hearing a red flag: urgent or emergency."
    return Section("escalations", chart, caption, table)


def _causes(figures: Mapping[str, Any], cause_names: Mapping[str, str]) -> Section:
    rows = figures["top_causes"]
    ids = [row["cause"] for row in rows]
    labels = [cause_names.get(cause, cause) for cause in ids]
    values = [row["conversations"] for row in rows]
    leading = [f"{label}: {value}" for label, value in zip(labels, values, strict=True) if value][:3]
    desc = ("Ranked first most often: " + "; ".join(leading) + ".") if leading else "No assessment ranked a cause yet."
    colors = [BAR_COLOR] * len(rows)
    chart, table = _ranked("causes", ids, labels, values, colors, desc, ("Conversations by the cause ranked first", "Cause"))
    caption = "The cause ranked first in each conversation's last assessment (a child's assessment ranks none)."
    return Section("causes", chart, caption, table)


def _questions(figures: Mapping[str, Any]) -> Section:
    stats = figures["questions_per_conversation"]
    rows = stats["histogram"]
    numbers, values = [str(row["questions"]) for row in rows], [row["conversations"] for row in rows]
    summary = (
        f"Mean {stats['mean']}, median {stats['median']} questions over {stats['conversations']} conversations."
        if stats["conversations"]
        else "No conversations yet."
    )
    chart = column_chart(
        "chart-questions",
        TITLES["questions"],
        summary,
        numbers,
        [Series("Conversations", values, BAR_COLOR)],
        "Questions the assistant asked",
        "Conversations",
    )
    table = _table(
        "Conversations by the number of questions asked",
        ["Questions", "Conversations"],
        [(row["questions"], row["conversations"]) for row in rows],
    )
    caption = f"Interview questions and checks of a warning word, asked in each conversation. {summary}"
    return Section("questions", chart, caption, table)


def _drop_off(figures: Mapping[str, Any]) -> Section:
    rows = figures["drop_off"]
    total = sum(row["conversations"] for row in rows)
    labels = [STAGE_TITLES[row["stage"]] for row in rows]
    values = [row["conversations"] for row in rows]
    desc = "; ".join(f"{label}: {value}" for label, value in zip(labels, values, strict=True)) + "."
    chart = bar_chart(
        "chart-drop-off",
        TITLES["drop-off"],
        desc,
        labels,
        values,
        [STAGE_COLORS[row["stage"]] for row in rows],
        "Conversations",
    )
    table = _table(
        "Conversations by where they stopped",
        ["Stopped", "Meaning", "Conversations", "Share"],
        [
            (label, STAGE_MEANINGS[row["stage"]], row["conversations"], _share(row["conversations"], total))
            for label, row in zip(labels, rows, strict=True)
        ],
    )
    return Section("drop-off", chart, "The furthest point each conversation reached.", table)


def _share(part: int, total: int) -> str:
    return f"{100 * part / total:.0f}%" if total else "-"
