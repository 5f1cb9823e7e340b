"""The action server's address and secret from the environment: ACTION_ENDPOINT_URL, ACTION_SERVER_SECRET.

Rasa 3.6 reads the action endpoint once, from endpoints.yml, and a `${VAR}` there that is unset
stops the server. So endpoints.yml leaves the URL out, and `install()` (called by
`rasa_server.hooks.install` at server start, before the model's processor is built) makes every
`MessageProcessor` use `configure(...)` of it:

- the URL is endpoints.yml's when written there, else ACTION_ENDPOINT_URL, else
  http://127.0.0.1:5055/webhook (where `rasa run actions` listens);
- when ACTION_SERVER_SECRET is set, every call carries it in the X-Action-Secret header,
  which actions/server.py checks.
"""

from __future__ import annotations

import os
from typing import Any, Mapping

from rasa.utils.endpoints import EndpointConfig

from bot.names import ACTION_SECRET_HEADER
from rasa_server.env import is_set, variable

_INSTALLED_FLAG = "_twitch_action_endpoint_from_env"


def configure(endpoint: EndpointConfig | None, env: Mapping[str, str]) -> EndpointConfig:
    """`endpoint` (endpoints.yml's `action_endpoint`, or a new one) with its URL and secret filled
    in from `env`. Changed in place, so everything holding it calls the same server."""
    url = endpoint.url if endpoint is not None and is_set(endpoint.url) else variable(env, "ACTION_ENDPOINT_URL")
    if endpoint is None:
        endpoint = EndpointConfig(url=url)
    endpoint.url = url
    secret = variable(env, "ACTION_SERVER_SECRET")
    if secret and ACTION_SECRET_HEADER.lower() not in {name.lower() for name in endpoint.headers}:
        endpoint.headers = {**endpoint.headers, ACTION_SECRET_HEADER: secret}
    return endpoint


def install() -> None:
    """Make every MessageProcessor call the action server `configure` describes (idempotent)."""
    from rasa.core.processor import MessageProcessor

    if getattr(MessageProcessor, _INSTALLED_FLAG, False):
        return
    original = MessageProcessor.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.action_endpoint = configure(self.action_endpoint, os.environ)

    __init__.__wrapped__ = original  # type: ignore[attr-defined]
    MessageProcessor.__init__ = __init__  # type: ignore[method-assign]
    setattr(MessageProcessor, _INSTALLED_FLAG, True)
