"""Telegram and Slack from credentials.yml or the environment; off, not failing, when not configured."""

from __future__ import annotations

import logging

import pytest
import yaml

from ops.paths import ROOT
from rasa_server.channels.settings import OffChannel
from rasa_server.channels.slack import SlackChannel
from rasa_server.channels.telegram import TelegramChannel

TELEGRAM_ENV = {
    "TELEGRAM_TOKEN": "123456:ABC-token",
    "TELEGRAM_BOT_NAME": "twitch_bot",
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.invalid/webhooks/telegram/webhook",
}
SLACK_ENV = {"SLACK_TOKEN": "xoxb-token", "SLACK_SIGNING_SECRET": "signing-secret"}
CHANNEL_VARIABLES = [*TELEGRAM_ENV, *SLACK_ENV, "TELEGRAM_API_BASE", "TELEGRAM_SECRET_TOKEN", "SLACK_API_BASE"]


@pytest.fixture
def env(monkeypatch):
    """No channel variable set; the test sets the ones it wants."""
    for name in CHANNEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def set_all(values: dict[str, str]) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_all


def credentials_section(channel: str):
    return yaml.safe_load((ROOT / "credentials.yml").read_text())[channel]


@pytest.mark.parametrize(
    "cls, channel, missing",
    [
        (TelegramChannel, "telegram", ["TELEGRAM_TOKEN", "TELEGRAM_BOT_NAME", "TELEGRAM_WEBHOOK_URL"]),
        (SlackChannel, "slack", ["SLACK_TOKEN", "SLACK_SIGNING_SECRET"]),
    ],
)
def test_without_its_variables_a_channel_is_off_and_says_which_to_set(env, caplog, cls, channel, missing):
    section = credentials_section(f"{cls.__module__}.{cls.__name__}")
    with caplog.at_level(logging.INFO):
        made = cls.from_credentials(section)
    assert isinstance(made, OffChannel) and made.missing == missing
    assert made.url_prefix() == channel  # nothing served under /webhooks/<channel>/
    assert f"channel {channel} is off: set {', '.join(missing)}" in caplog.text
    blueprint = made.blueprint(lambda message: None)
    assert blueprint.name == f"{channel}_off" and not blueprint._future_routes


def test_a_partly_configured_channel_names_only_what_is_missing(env):
    env({"TELEGRAM_TOKEN": TELEGRAM_ENV["TELEGRAM_TOKEN"]})
    made = TelegramChannel.from_credentials(None)
    assert isinstance(made, OffChannel) and made.missing == ["TELEGRAM_BOT_NAME", "TELEGRAM_WEBHOOK_URL"]


def test_telegram_reads_its_variables_with_the_default_api(env):
    env({**TELEGRAM_ENV, "TELEGRAM_SECRET_TOKEN": "s3cret"})
    made = TelegramChannel.from_credentials(credentials_section("rasa_server.channels.telegram.TelegramChannel"))
    assert isinstance(made, TelegramChannel)
    assert (made.access_token, made.verify, made.webhook_url) == tuple(TELEGRAM_ENV.values())
    assert made.api_base_url == "https://api.telegram.org" and made.secret_token == "s3cret"


def test_values_written_in_credentials_yml_win_over_the_variables(env):
    env(TELEGRAM_ENV)
    made = TelegramChannel.from_credentials({"verify": "other_bot", "api_base_url": "http://127.0.0.1:9/"})
    assert isinstance(made, TelegramChannel)
    assert (made.access_token, made.verify, made.api_base_url) == ("123456:ABC-token", "other_bot", "http://127.0.0.1:9/")


def test_slack_reads_its_variables_with_the_default_api(env):
    env(SLACK_ENV)
    made = SlackChannel.from_credentials(None)
    assert isinstance(made, SlackChannel)
    assert (made.slack_token, made.slack_signing_secret) == ("xoxb-token", "signing-secret")
    assert made.api_base_url == "https://slack.com/api/"
    env({"SLACK_API_BASE": "http://127.0.0.1:9/api"})
    assert SlackChannel.from_credentials({"use_threads": True}).api_base_url == "http://127.0.0.1:9/api/"
