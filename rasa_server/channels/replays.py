"""Requests a platform sends again are handled once: Slack's signed requests, Telegram's updates.

A platform resends what it thinks was not received (Telegram up to three times when the answer
is slow, Slack on its retries), and anyone who saw a request may replay it. Each channel names
a request by a key (Slack: its signature; Telegram: its update id and chat) and asks
`Handled.first_time`. The keys are kept in a table of the tracker database (`SeenRequests`),
which every replica shares and which outlives a restart; without a SQL tracker store, or while
its database cannot be written, in the process.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sanic.request import Request

logger = logging.getLogger(__name__)

MAX_KEY = 100


class SeenRequests:
    """The keys of the requests handled in the last `window_s` seconds, in `table` of the
    tracker database: a request seen by one replica is a replay for all of them."""

    def __init__(self, engine: Any, table: str, window_s: float) -> None:
        import sqlalchemy as sa

        self.engine = engine
        self.window_s = window_s
        self.table = sa.Table(
            table,
            sa.MetaData(),
            sa.Column("signature", sa.String(MAX_KEY), primary_key=True),
            sa.Column("seen_at", sa.Float, nullable=False),
        )
        self.table.create(engine, checkfirst=True)

    def first_time(self, key: str, now: float | None = None) -> bool:
        """Record `key`; False when it was recorded within the window (by anyone)."""
        import sqlalchemy as sa

        now = time.time() if now is None else now
        with self.engine.begin() as conn:
            conn.execute(self.table.delete().where(self.table.c.seen_at < now - self.window_s))
        try:
            with self.engine.begin() as conn:
                conn.execute(self.table.insert().values(signature=key[:MAX_KEY], seen_at=now))
        except sa.exc.IntegrityError:
            return False
        return True


class Handled:
    """What one channel handled in the last `window_s` seconds (`table`: where it is kept)."""

    def __init__(self, table: str, window_s: float) -> None:
        self.table = table
        self.window_s = window_s
        self._seen: SeenRequests | None = None
        self._in_process: dict[str, float] = {}  # key -> when it was handled (no SQL store)

    def first_time(self, request: Request, key: str) -> bool:
        """Whether the request named `key` was never handled, by any replica or before a restart."""
        import sqlalchemy as sa

        try:
            seen = self._seen_requests(request)
            if seen is not None:
                return seen.first_time(key)
        except sa.exc.SQLAlchemyError:
            # the tracker database cannot be written (full, read-only, down): the message is still
            # answered (a red flag still escalates), replays checked in this process meanwhile
            logger.warning("replay check (%s): the tracker database is unavailable; checking in this process only", self.table)
        return self._first_in_process(key)

    def _first_in_process(self, key: str) -> bool:
        now, memory = time.time(), self._in_process
        for known, when in list(memory.items()):
            if now - when > self.window_s:
                del memory[known]
        first = key not in memory
        memory[key] = now
        return first

    def _seen_requests(self, request: Request) -> SeenRequests | None:
        if self._seen is None:
            from rasa_server.stores import EnvSQLTrackerStore, unwrap

            agent = getattr(request.app.ctx, "agent", None)
            store = unwrap(agent.tracker_store) if agent is not None and agent.tracker_store is not None else None
            if isinstance(store, EnvSQLTrackerStore):
                self._seen = SeenRequests(store.engine, self.table, self.window_s)
        return self._seen
