"""Slack requests already handled, kept in the tracker database: a replay is refused by every
replica and after a restart (rasa_server/channels/slack.py, `SeenRequests`)."""

from __future__ import annotations

import sqlalchemy as sa

from rasa_server.channels.slack import SeenRequests

SIGNATURE = "v0=" + "ab" * 32


def test_a_request_seen_by_one_process_is_a_replay_for_another_sharing_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    first, other = SeenRequests(sa.create_engine(url)), SeenRequests(sa.create_engine(url))  # two replicas, or a restart
    assert first.first_time(SIGNATURE, now=1000.0)
    assert not other.first_time(SIGNATURE, now=1001.0)
    assert not first.first_time(SIGNATURE, now=1002.0)
    assert other.first_time("v0=" + "cd" * 32, now=1003.0)


def test_a_signature_is_forgotten_after_slacks_window(tmp_path):
    seen = SeenRequests(sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}"))
    assert seen.first_time(SIGNATURE, now=1000.0)
    assert seen.first_time(SIGNATURE, now=1000.0 + SeenRequests.WINDOW_S + 1)  # Slack refuses its timestamp by then


class _Unwritable(SeenRequests):
    """The tracker database full or read-only: every write fails."""

    def __init__(self) -> None:
        pass

    def first_time(self, signature: str, now: float | None = None) -> bool:
        raise sa.exc.OperationalError("INSERT INTO slack_requests", {}, Exception("disk I/O error"))


def test_a_database_that_cannot_be_written_does_not_drop_slack_messages_and_replays_are_still_caught():
    from rasa_server.channels.slack import SlackChannel

    channel = SlackChannel("xoxb-test", slack_signing_secret="secret")
    channel._seen = _Unwritable()  # before the fix: the error reached Slack as a 500, the message unanswered
    assert channel._first_time(None, SIGNATURE)  # type: ignore[arg-type]
    assert not channel._first_time(None, SIGNATURE)  # type: ignore[arg-type]  # a replay, caught in this process
