"""Settings of the messaging channels (Telegram, Slack) from credentials.yml or the environment.

credentials.yml names the channels without `${...}`: Rasa refuses a `${VAR}` that is unset,
and plain `rasa run` must start with no variable set. Each setting is the value written in
credentials.yml when there is one, else its variable (TELEGRAM_TOKEN, SLACK_TOKEN, ...), else
its default (rasa_server/env.py). A channel whose required settings are missing is off: it
serves no route and says once, in the log, which variables would switch it on (names only,
never values).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Mapping, Sequence

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint

from rasa_server.env import is_set, variable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    """One setting of a channel: its key in credentials.yml and the variable that gives it otherwise."""

    key: str
    variable: str
    required: bool = True


def read_settings(
    credentials: Mapping[str, Any] | None, settings: Sequence[Setting], env: Mapping[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """The channel's credentials with every setting filled in, and the variables of the required
    ones that are neither in credentials.yml nor set."""
    filled = dict(credentials or {})
    missing = []
    for setting in settings:
        if not is_set(filled.get(setting.key)):
            filled[setting.key] = variable(env, setting.variable)
        if setting.required and not filled[setting.key]:
            missing.append(setting.variable)
    return filled, missing


class OffChannel(InputChannel):
    """A channel of credentials.yml that is not configured: no route under /webhooks/<prefix>/."""

    def __init__(self, prefix: str, missing: Sequence[str]) -> None:
        self.prefix = prefix
        self.missing = list(missing)
        logger.info("channel %s is off: set %s to switch it on", prefix, ", ".join(self.missing))

    @classmethod
    def name(cls) -> str:
        return "off"

    def url_prefix(self) -> str:
        return self.prefix

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return Blueprint(f"{self.prefix}_off", __name__)  # Sanic wants unique blueprint names
