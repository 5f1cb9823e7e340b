"""Changes to Rasa's behaviour, installed in the Rasa server process by `install()`.

Nothing happens on import. `install()` is called where the server starts: by the tracker
store (`rasa_server.stores.EnvSQLTrackerStore`, endpoints.yml) and the privacy channel
(`rasa_server.privacy.PrivacyChannel.from_credentials`, credentials.yml), so every
`rasa run` and `rasa shell` of the project has them:

- Faults: when a custom action cannot run (action server down, refusing, timing out), Rasa
  logs an error and the user hears nothing. Here the user gets a short apology instead
  (`UNAVAILABLE`, once per turn), and the conversation goes on: the user's message is kept,
  so what they said counts once the action server is back. `action_forget` needs nothing
  from the action server, so it erases the conversation even then.
- Speed: `RemoteAction` checks every action server response with `jsonschema.validate`,
  which first checks the (large) events schema itself against the meta-schema, about 20 ms
  per call. Here the validator is built and checked once; the result and the errors are the
  same.
- Auth for project routes: `rasa.server.create_app` is wrapped to keep its `auth_token` on
  `app.ctx.api_auth_token`, so routes of the project's channels (rasa_server/privacy.py) check the
  same token as Rasa's HTTP API.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any, Callable, Dict, List

from bot.texts import UNAVAILABLE

logger = logging.getLogger(__name__)

FORGET_ACTION = "action_forget"

_INSTALLED_FLAG = "_twitch_hooks_installed"
_validator: Any = None


def _compiled_validator() -> Any:
    """The action server response schema's validator, checked and built on first use."""
    global _validator
    if _validator is None:
        from jsonschema.validators import validator_for
        from rasa.core.actions.action import RemoteAction

        schema = RemoteAction.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    return _validator


def validate_action_result(self: Any, result: Dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` with a validator compiled once."""
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_compiled_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def _already_apologised(tracker: Any) -> bool:
    """Whether this turn (events since the last user message) already has the apology."""
    from rasa.shared.core.events import BotUttered, UserUttered

    for event in reversed(list(tracker.events)):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and event.text == UNAVAILABLE:
            return True
    return False


def fallback_events(action_name: str, tracker: Any) -> List[Any]:
    """What a custom action that could not run leaves in the conversation."""
    from rasa.core.actions.action import create_bot_utterance
    from rasa.shared.core.events import Restarted

    if action_name == FORGET_ACTION:
        return [Restarted()]  # needs nothing from the action server
    if _already_apologised(tracker):
        return []
    return [create_bot_utterance({"text": UNAVAILABLE})]


def _wrap_run(original: Callable[..., Any]) -> Callable[..., Any]:
    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Any]:
        from rasa.core.actions.action import ActionExecutionRejection

        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise  # a form's validation rejected the input: Rasa handles that
        except Exception as error:  # noqa: BLE001 - every failure gets the apology, not silence
            # The exception's own text, never its cause: an action server's error body may
            # quote the conversation.
            logger.warning(
                "custom action %s could not run (%s: %s); the user was asked to try again",
                self.name(),
                type(error).__name__,
                error,
            )
            return fallback_events(self.name(), tracker)

    run.__wrapped__ = original  # type: ignore[attr-defined]
    return run


def _wrap_create_app(original: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(original)

    def create_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)
        bound = signature.bind_partial(*args, **kwargs)
        app.ctx.api_auth_token = bound.arguments.get("auth_token")
        return app

    create_app.__wrapped__ = original  # type: ignore[attr-defined]
    return create_app


def install() -> None:
    """Install the hooks (idempotent)."""
    import rasa.server
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction, _INSTALLED_FLAG, False):
        return
    RemoteAction.run = _wrap_run(RemoteAction.run)  # type: ignore[method-assign]
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    rasa.server.create_app = _wrap_create_app(rasa.server.create_app)
    setattr(RemoteAction, _INSTALLED_FLAG, True)


def api_auth_token(app: Any) -> str | None:
    """The HTTP API token of the Rasa app (None when the API has none or the hook missed it)."""
    return getattr(app.ctx, "api_auth_token", None)
