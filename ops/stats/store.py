"""Reading the tracker store's `events` table, read-only, and only what the figures need.

The store is the one endpoints.yml configures for the servers (rasa_server.stores finds it
and builds its URL). SQLite is opened in read-only mode, so a missing file is an error and
never a new empty database; PostgreSQL sessions are read-only transactions.

What leaves this module is never a message: user rows come without their `data` column
(the text the person typed is never even fetched), bot rows bring only their custom payload,
and slot rows only the interview questions asked. The sender id is kept to tell
conversations apart and goes no further than ops/stats/figures.py.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

import sqlalchemy as sa

from bot.names import ASKED_SLOT  # the interview questions asked so far (a list of question ids)

# Event types read: what people said (counted, never read), what the bot sent (its payload),
# the questions asked (a slot), and where a conversation starts over.
USER, BOT, SLOT, SESSION_STARTED, RESTART = "user", "bot", "slot", "session_started", "restart"

EVENTS = sa.table(
    "events",
    sa.column("id"),
    sa.column("sender_id"),
    sa.column("type_name"),
    sa.column("timestamp"),
    sa.column("action_name"),
    sa.column("data"),
)


class StoreError(RuntimeError):
    """The tracker database cannot be read; the message says why (never what is in it)."""


@dataclass(frozen=True)
class Event:
    """One stored event, reduced to what the figures count."""

    sender: str  # tells conversations apart; never written out
    kind: str  # USER, BOT, SLOT, SESSION_STARTED or RESTART
    timestamp: float | None
    value: Any = None  # BOT: its custom payload (a dict) or None; SLOT: the questions asked


def engine_for(host: str | None, settings: Mapping[str, Any]) -> sa.engine.Engine:
    """A read-only engine on the store endpoints.yml names (`rasa_server.stores.endpoint_settings`)."""
    from rasa_server.stores import db_url

    if settings.get("dialect", "sqlite") == "sqlite":
        return _sqlite_read_only(Path(str(settings.get("db", "rasa.db"))))
    return sa.create_engine(
        db_url(host, settings),
        # fail fast when the server is down, and let the session change nothing
        connect_args={"connect_timeout": 5, "options": "-c default_transaction_read_only=on"},
    )


def _sqlite_read_only(path: Path) -> sa.engine.Engine:
    """SQLite opened with `mode=ro`: reading never creates, locks for writing or changes the file."""
    if not path.is_file():
        raise StoreError(f"there is no tracker database at {path} (TRACKER_DB): nothing to count yet")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return sa.create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))


def _query() -> Any:
    """Every event of the read types, in the order they were stored per sender; `data` only where needed."""
    c = EVENTS.c
    needs_data = sa.or_(c.type_name == BOT, c.type_name == SLOT)
    wanted = sa.or_(
        c.type_name.in_([USER, BOT, SESSION_STARTED, RESTART]),
        sa.and_(c.type_name == SLOT, c.action_name == ASKED_SLOT),  # the slot's name is stored as action_name
    )
    data = sa.case((needs_data, c.data), else_=sa.null())
    return sa.select(c.sender_id, c.type_name, c.timestamp, data).where(wanted).order_by(c.sender_id, c.id)


def read_events(engine: sa.engine.Engine) -> Iterator[Event]:
    """The stored events, sender by sender, each in the order it happened."""
    try:
        with engine.connect() as connection:
            rows = connection.execution_options(stream_results=True).execute(_query())
            for sender, kind, timestamp, data in rows:
                yield Event(sender, kind, float(timestamp) if timestamp is not None else None, _value(kind, data))
    except sa.exc.OperationalError as error:
        raise StoreError(f"cannot read the tracker database: {_first_line(error)}") from error
    except sa.exc.ProgrammingError as error:  # PostgreSQL: no such table
        raise StoreError(f"cannot read the tracker database: {_first_line(error)}") from error


PAYLOAD_KEYS = frozenset({"type", "triage", "causes"})  # what ops/stats/figures.py reads of a bot message


def _value(kind: str, data: str | None) -> Any:
    """What a row brings: a bot message's custom payload, or the list of questions asked."""
    if data is None or kind not in (BOT, SLOT):
        return None
    try:
        event = json.loads(data)
    except ValueError:
        return None
    if not isinstance(event, dict):
        return None
    if kind == BOT:
        inner = event.get("data")
        custom = inner.get("custom") if isinstance(inner, dict) else None
        # only the ids the figures count: a summary card also quotes the person's own words
        return {k: v for k, v in custom.items() if k in PAYLOAD_KEYS} if isinstance(custom, dict) else None
    value = event.get("value")
    return [str(q) for q in value] if isinstance(value, list) else []


def _first_line(error: sa.exc.DBAPIError) -> str:
    """The driver's own message, first line: the table or the server it could not reach."""
    return str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__
