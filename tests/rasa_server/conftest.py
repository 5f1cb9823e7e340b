"""Fixtures of the Rasa server's plugins: the project's domain, local stand-ins of Telegram's and Slack's APIs."""

from __future__ import annotations

from typing import Iterator

import pytest
from rasa.shared.core.domain import Domain

from ops.paths import ROOT
from tests.integration.standins import SlackStandIn, TelegramStandIn


@pytest.fixture(scope="session")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def telegram_api() -> Iterator[TelegramStandIn]:
    api = TelegramStandIn().start()
    yield api
    api.stop()


@pytest.fixture
def slack_api() -> Iterator[SlackStandIn]:
    api = SlackStandIn().start()
    yield api
    api.stop()
