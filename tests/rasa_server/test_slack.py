"""Slack requests already handled, kept in the tracker database: a replay is refused by every
replica and after a restart (rasa_server/channels/replays.py, `SeenRequests`); a signed body
nested thousands deep gets a 400."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from rasa.core.channels.channel import UserMessage

from rasa_server.channels.replays import SeenRequests
from rasa_server.channels.slack import REPLAY_WINDOW_S, SlackChannel
from tests.rasa_server.webhooks import nested, post, serving, slack_event, slack_headers

SIGNATURE = "v0=" + "ab" * 32


def test_a_request_seen_by_one_process_is_a_replay_for_another_sharing_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    first, other = (SeenRequests(sa.create_engine(url), "slack_requests", REPLAY_WINDOW_S) for _ in range(2))  # two replicas, or a restart
    assert first.first_time(SIGNATURE, now=1000.0)
    assert not other.first_time(SIGNATURE, now=1001.0)
    assert not first.first_time(SIGNATURE, now=1002.0)
    assert other.first_time("v0=" + "cd" * 32, now=1003.0)


def test_a_signature_is_forgotten_after_slacks_window(tmp_path):
    seen = SeenRequests(sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}"), "slack_requests", REPLAY_WINDOW_S)
    assert seen.first_time(SIGNATURE, now=1000.0)
    assert seen.first_time(SIGNATURE, now=1000.0 + REPLAY_WINDOW_S + 1)  # Slack refuses its timestamp by then


class _Unwritable(SeenRequests):
    """The tracker database full or read-only: every write fails."""

    def __init__(self) -> None:
        pass

    def first_time(self, key: str, now: float | None = None) -> bool:
        raise sa.exc.OperationalError("INSERT INTO slack_requests", {}, Exception("disk I/O error"))


def test_a_database_that_cannot_be_written_does_not_drop_slack_messages_and_replays_are_still_caught():
    from rasa_server.channels.slack import SlackChannel

    channel = SlackChannel("xoxb-test", slack_signing_secret="secret")
    channel._handled._seen = _Unwritable()  # before the fix: the error reached Slack as a 500, the message unanswered
    assert channel._handled.first_time(None, SIGNATURE)  # type: ignore[arg-type]
    assert not channel._handled.first_time(None, SIGNATURE)  # type: ignore[arg-type]  # a replay, caught in this process


@pytest.mark.parametrize("depth", [5_000])  # thousands of levels: Python's parser gives up
async def test_a_deeply_nested_signed_request_gets_a_400_not_a_500(slack_api, depth):
    handled: list[UserMessage] = []

    async def rasa(message: UserMessage) -> None:
        handled.append(message)

    settings = {"slack_token": slack_api.token, "slack_signing_secret": "secret", "api_base_url": slack_api.api_url}
    webhook = SlackChannel.from_credentials(settings).blueprint(rasa)
    event = json.dumps(slack_event("D0NESTED", "U0NESTED", "TEXT")).encode().replace(b'"TEXT"', nested(depth))
    form = b"payload=" + nested(depth)
    async with serving(webhook, "/webhooks/slack") as base:
        for body, kind in ((event, "application/json"), (form, "application/x-www-form-urlencoded")):
            status, text = await post(f"{base}/webhook", body, slack_headers(body, kind, secret="secret"))
            assert (status, text) == (400, "malformed request")  # before: a RecursionError, 500
    assert handled == []
