"""The operator's view: `make stats`, or `python -m ops.stats --out DIR`.

Reads the tracker store endpoints.yml configures (SQLite at TRACKER_DB by default, or
PostgreSQL with TRACKER_DIALECT=postgresql and TRACKER_HOST/PORT/USER/PASSWORD/DB),
read-only, and writes into DIR (default results/stats/):

- stats.json: conversations per day, the triage level given, escalations per day, the
  causes ranked first, questions asked per conversation, and where conversations stopped;
- stats.html: the same figures as charts, each with a table, in one file that opens offline;
- charts/*.svg: each chart on its own, to put in a report.

Counts only: no message text and no sender id reaches any of them (ops/stats/store.py
never fetches what people wrote). What is counted, and how: ops/stats/figures.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from ops.paths import ROOT
from ops.quiet import libraries_quiet

DEFAULT_OUT = ROOT / "results" / "stats"


@dataclass(frozen=True)
class Written:
    """What a run wrote, for the closing line."""

    html: Path
    json: Path
    conversations: int
    days: int


def collect(env: Mapping[str, str]) -> dict[str, Any]:
    """The figures of the tracker store endpoints.yml configures with `env`."""
    from ops.stats.figures import conversations, figures
    from ops.stats.store import StoreError, engine_for, read_events
    from rasa_server.stores import StoreConfigError, endpoint_settings

    try:
        host, settings = endpoint_settings(ROOT / "endpoints.yml", env)
    except StoreConfigError as error:
        raise StoreError(str(error)) from error
    engine = engine_for(host, settings)
    try:
        found = figures(conversations(read_events(engine)))
    finally:
        engine.dispose()
    return {"store": settings.get("dialect", "sqlite"), **found}


def write(found: Mapping[str, Any], out: Path) -> Written:
    """stats.json, stats.html and charts/*.svg in `out`."""
    from bot.knowledge.table import default_kb
    from ops.stats import page

    names = {cause_id: cause.name for cause_id, cause in default_kb().causes.items()}
    charts = out / "charts"
    charts.mkdir(parents=True, exist_ok=True)
    (out / "stats.json").write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    (out / "stats.html").write_text(page.render(found, names), encoding="utf-8")
    for section in page.sections(found, names):
        (charts / f"{section.anchor}.svg").write_text(section.chart + "\n", encoding="utf-8")
    return Written(out / "stats.html", out / "stats.json", int(found["conversations"]), len(found["per_day"]))


def main(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Write the files; 1 with the reason when the store cannot be read. `env` stands for os.environ."""
    from ops.launcher import Settings
    from ops.stats.store import StoreError

    parser = argparse.ArgumentParser(
        prog="python -m ops.stats", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"folder to write into (default {DEFAULT_OUT.relative_to(ROOT)}/)"
    )
    args = parser.parse_args(argv)
    environment = dict(os.environ if env is None else env)
    # the variables endpoints.yml reads, with the launcher's defaults for those not set
    settings = replace(Settings.from_env(environment), env=environment)
    try:
        with libraries_quiet():  # Rasa's and its dependencies' notices about their own imports
            found = collect(settings.child_env())
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    written = write(found, args.out)
    print(f"{written.conversations} conversations over {written.days} days: wrote {written.html} and {written.json}")
    return 0
