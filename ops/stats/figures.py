"""From stored events to the operator's figures: what the assistant did, never what was said.

A conversation is what Rasa treats as one: the events of one sender from a session start
(a new one after `session_expiration_time` in domain.yml) or a restart ("start over", and the
restart that follows "delete my data") to the next. One counts when the person wrote in
it. Its day is the day (UTC) of its first message.

What each conversation yields, from what the actions record (bot/names.py, bot/answers.py):
- the level: the highest contract triage level among its `assessment`, `escalation` and
  `summary` payloads (`triage`);
- escalations: its `escalation` payloads of level urgent or emergency, on their own day;
- the top cause: the cause ranked first in its last `assessment` that ranks any;
- questions asked: the questions added to the `interview_asked` slot in it (the slot is
  carried over into a new session, so what it held before the first message is not counted);
- where it stopped (drop-off): deleted, after a level was given, during the interview (a
  question asked, no level), or at the greeting (no question, no level).

Deleted conversations: "delete my data" erases every stored event of the sender and keeps
what followed (rasa_server/stores.py): the `deleted` payload, or a restart when the action
server was down. A sender whose stored events begin there had a conversation deleted; it
counts once, on the day of the deletion, in conversations per day and drop-off only (its
level, causes and questions are gone with it). A conversation an operator erased with
`ops.cli forget` leaves nothing and is not counted.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from itertools import groupby
from typing import Any, Iterable, Iterator

from bot.knowledge.contract import CAUSES, LEVELS, level_rank
from bot.names import ASSESSMENT, DELETED, ESCALATION, SUMMARY
from ops.stats.store import BOT, RESTART, SESSION_STARTED, SLOT, USER, Event

NO_LEVEL = "none"  # a conversation in which no level was given
ESCALATION_LEVELS = ("urgent", "emergency")
LEVEL_PAYLOADS = (ASSESSMENT, ESCALATION, SUMMARY)  # the payloads that carry `triage`
STAGES = ("greeting", "interview", "assessment", "deleted")  # where a conversation stopped


@dataclass
class Conversation:
    """What one conversation did, in figures only."""

    started: float | None = None  # when the person first wrote (or the deletion happened)
    messages: int = 0  # messages the person sent
    carried: frozenset[str] = frozenset()  # questions asked in earlier sessions
    carried_asks: int = 0  # how many times questions were put in earlier sessions (a question asked again counts again)
    asked: tuple[str, ...] = ()  # questions asked so far, earlier sessions included
    level: str | None = None
    escalations: list[tuple[float | None, str]] = field(default_factory=list)
    top_cause: str | None = None
    deleted: bool = False

    @property
    def counted(self) -> bool:
        return self.messages > 0 or self.deleted

    @property
    def questions(self) -> int:
        return len([q for q in dict.fromkeys(self.asked) if q not in self.carried])

    @property
    def stage(self) -> str:
        if self.deleted:
            return "deleted"
        if self.level is not None:
            return "assessment"
        # a question carried over and put again in this session ("Back to my question") is the interview too
        return "interview" if self.questions or len(self.asked) > self.carried_asks else "greeting"

    def add(self, event: Event) -> None:
        if event.kind == USER:
            self.messages += 1
            self._begin(event.timestamp)
        elif event.kind == SLOT:
            # Rasa re-sets the carried-over slots before the first message of a session
            if self.messages:
                self.asked = tuple(event.value or ())
            else:
                self.carried = frozenset(event.value or ())
                self.carried_asks = len(event.value or ())
        elif event.kind == BOT and isinstance(event.value, dict):
            self._payload(event.value, event.timestamp)

    def _begin(self, timestamp: float | None) -> None:
        if self.started is None:
            self.started = timestamp

    def _payload(self, payload: dict[str, Any], timestamp: float | None) -> None:
        kind, triage = payload.get("type"), payload.get("triage")
        if kind == DELETED:
            self.deleted = True
            self._begin(timestamp)
            return
        if kind in LEVEL_PAYLOADS and triage in LEVELS:
            if self.level is None or level_rank(triage) > level_rank(self.level):
                self.level = triage
        if kind == ESCALATION and triage in ESCALATION_LEVELS:
            self.escalations.append((timestamp, triage))
        if kind == ASSESSMENT and (first := _first_cause(payload)) is not None:
            self.top_cause = first


def _first_cause(payload: dict[str, Any]) -> str | None:
    """The contract cause ranked first in an assessment payload, if it ranks any."""
    causes = payload.get("causes")
    if not isinstance(causes, list) or not causes or not isinstance(causes[0], dict):
        return None
    cause = causes[0].get("id")
    return cause if cause in CAUSES else None


def conversations(events: Iterable[Event]) -> Iterator[Conversation]:
    """The conversations in `events` (ordered sender by sender, as store.read_events gives them)."""
    for _, own in groupby(events, key=lambda event: event.sender):
        yield from _split(own)


def _split(events: Iterable[Event]) -> Iterator[Conversation]:
    """One sender's conversations, cut at each session start and restart."""
    current, first = Conversation(), True
    for event in events:
        if event.kind in (SESSION_STARTED, RESTART):
            if first and event.kind == RESTART:
                # the history before it was deleted (no `deleted` payload when the action server was down)
                current = Conversation(started=event.timestamp, deleted=True)
            if current.counted:
                yield current
            current = Conversation()
        else:
            current.add(event)
        first = False
    if current.counted:
        yield current


def day_of(timestamp: float | None) -> str | None:
    """The UTC day of a Rasa timestamp, as YYYY-MM-DD."""
    return None if timestamp is None else datetime.fromtimestamp(timestamp, timezone.utc).date().isoformat()


def day_range(days: Iterable[str]) -> list[str]:
    """Every day from the first to the last of `days`, so that a quiet day shows as 0."""
    known = sorted(set(days))
    if not known:
        return []
    first, last = date.fromisoformat(known[0]), date.fromisoformat(known[-1])
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def figures(found: Iterable[Conversation], generated_at: datetime | None = None) -> dict[str, Any]:
    """Every figure of the page and the JSON, from the conversations."""
    convs = list(found)
    kept = [c for c in convs if not c.deleted]  # those whose content is still stored
    starts = Counter(d for c in convs if (d := day_of(c.started)) is not None)
    escalations = Counter((d, level) for c in kept for ts, level in c.escalations if (d := day_of(ts)) is not None)
    days = day_range([*starts, *(d for d, _ in escalations)])
    return {
        "generated_at": (generated_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "timezone": "UTC",
        "period": {"first_day": days[0], "last_day": days[-1]} if days else None,
        "conversations": len(convs),
        "deleted": sum(c.deleted for c in convs),
        "per_day": [{"day": d, "conversations": starts[d]} for d in days],
        "levels": _levels(kept),
        "escalations_per_day": [{"day": d, **{lv: escalations[(d, lv)] for lv in ESCALATION_LEVELS}} for d in days],
        "top_causes": _top_causes(kept),
        "questions_per_conversation": _questions(kept),
        "drop_off": [{"stage": s, "conversations": n} for s, n in _count([c.stage for c in convs], STAGES)],
    }


def _count(values: list[str], order: Iterable[str]) -> list[tuple[str, int]]:
    counts = Counter(values)
    return [(key, counts[key]) for key in order]


def _levels(kept: list[Conversation]) -> list[dict[str, Any]]:
    """Conversations per level given, least to most urgent, then those given none."""
    pairs = _count([c.level or NO_LEVEL for c in kept], (*LEVELS, NO_LEVEL))
    return [{"level": level, "conversations": n} for level, n in pairs]


def _top_causes(kept: list[Conversation]) -> list[dict[str, Any]]:
    """Every contract cause by how many conversations ranked it first, most first (ties in contract order)."""
    pairs = _count([c.top_cause for c in kept if c.top_cause], CAUSES)
    ranked = sorted(pairs, key=lambda pair: -pair[1])  # stable: ties stay in contract order
    return [{"cause": cause, "conversations": n} for cause, n in ranked]


def _questions(kept: list[Conversation]) -> dict[str, Any]:
    """How many questions each conversation was asked: the distribution, its mean and median."""
    asked = [c.questions for c in kept]
    counts = Counter(asked)
    return {
        "conversations": len(asked),
        "mean": round(statistics.mean(asked), 2) if asked else None,
        "median": statistics.median(asked) if asked else None,
        "histogram": [{"questions": n, "conversations": counts[n]} for n in range(max(asked, default=-1) + 1)],
    }
