"""Changes to Rasa's behaviour, installed in the Rasa server process by `install()`.

Nothing happens on import. `install()` is called where the server starts: by the tracker
store (`rasa_server.stores.EnvSQLTrackerStore`, endpoints.yml) and the privacy channel
(`rasa_server.privacy.PrivacyChannel.from_credentials`, credentials.yml), so every
`rasa run` and `rasa shell` of the project has them:

- Faults: when a custom action cannot run (action server down, refusing, timing out), Rasa
  logs an error and the user hears nothing; a hung action server keeps them waiting for
  minutes (Rasa's own timeout is 5). Here a call is cut off after ACTION_TIMEOUT seconds
  (default 8) and the user gets a short apology instead
  (`UNAVAILABLE`, once per turn), and the conversation goes on: the user's message is kept,
  so what they said counts once the action server is back. `action_forget` needs nothing
  from the action server, so it erases the conversation even then.
- Speed: `RemoteAction` checks every action server response with `jsonschema.validate`,
  which first checks the (large) events schema itself against the meta-schema, about 20 ms
  per call. Here the validator is built and checked once; the result and the errors are the
  same.
- Speed: Rasa loads the spaCy pipeline once per graph node that uses it (twice: the node that
  provides it and the node that runs it), 1.3 s and a copy in memory each time. Here a pipeline
  is loaded once per process and folder (`load_spacy_once`); a rebuilt folder is loaded again.
- JWTs: sanic-jwt answers 500 to a token signed with another algorithm (`alg: none`, HS512
  for an HS256 secret) and accepts a token without `exp` for ever, and Rasa answers 500 to one
  whose `user` claim is not an object or that is not UTF-8. Here all are refused with 401, like any other
  token that does not verify.
- Logs: Sanic logs the full URL of a request that failed with 500, `?token=` included; here
  the token's value is blanked in Sanic's error log (`RedactTokens`).
- Storage faults: a tracker store that cannot write or read raises instead of falling back to
  memory (`rasa_server.stores.install_loud_store`), and each turn's answers go out once the
  turn is stored, or with a plain word that it was not (rasa_server/turns.py).
- Action endpoint: its URL and secret come from ACTION_ENDPOINT_URL and ACTION_SERVER_SECRET,
  with defaults, not from `${...}` in endpoints.yml (rasa_server/action_endpoint.py).
- Auth for project routes: `rasa.server.create_app` is wrapped to keep its `auth_token` on
  `app.ctx.api_auth_token`, so routes of the project's channels (rasa_server/privacy.py)
  check the same token as Rasa's HTTP API. The wrapper also gives every answer, error pages
  included, a CSP that allows nothing (`add_security_headers`), and checks every request's
  credentials and body size before its body is read (rasa_server/limits.py). A body of the
  HTTP API that is not JSON or is nested too deep gets a 400, not Rasa's 500 (`refuse_unreadable_json`).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import os
import re
import threading
from pathlib import Path
from typing import Any, Callable, Dict, List

from bot.names import FORGET_ACTION
from bot.texts import UNAVAILABLE
from rasa_server import limits
from serving import deadlines

logger = logging.getLogger(__name__)

_INSTALLED_FLAG = "_twitch_hooks_installed"
DEFAULT_ACTION_TIMEOUT = 8.0
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


def action_timeout(env: Any = os.environ) -> float:
    """Seconds a custom action may take (ACTION_TIMEOUT; a bad value falls back to the default)."""
    try:
        seconds = float(env.get("ACTION_TIMEOUT", "") or DEFAULT_ACTION_TIMEOUT)
    except ValueError:
        return DEFAULT_ACTION_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_ACTION_TIMEOUT


def _wrap_run(original: Callable[..., Any]) -> Callable[..., Any]:
    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Any]:
        from rasa.core.actions.action import ActionExecutionRejection

        try:
            return await asyncio.wait_for(original(self, output_channel, nlg, tracker, domain), action_timeout())
        except ActionExecutionRejection:
            raise  # a form's validation rejected the input: Rasa handles that
        except Exception as error:  # noqa: BLE001 - every failure gets the apology, not silence
            # The exception's own text, never its cause: an action server's error body may
            # quote the conversation.
            logger.warning(
                "custom action %s could not run (%s: %s); the user was asked to try again",
                self.name(),
                type(error).__name__,
                "no answer in time" if isinstance(error, asyncio.TimeoutError) else error,
            )
            return fallback_events(self.name(), tracker)

    run.__wrapped__ = original  # type: ignore[attr-defined]
    return run


class RedactTokens(logging.Filter):
    """Blank the value of `token=` (and `access_token=`) in a log record's message and arguments."""

    PATTERN = re.compile(r"((?:access_)?token=)[^&\s'\"]+", re.IGNORECASE)

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = self.redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self.redact(a) if isinstance(a, str) else a for a in record.args)
        return True

    @classmethod
    def redact(cls, text: str) -> str:
        return cls.PATTERN.sub(r"\1<redacted>", text)


# Sanic's loggers that print request URLs (a failed request's, an access line's).
URL_LOGGERS = ("sanic.error", "sanic.access", "sanic.root")


def _wrap_jwt_decode(original: Callable[..., Any]) -> Callable[..., Any]:
    async def _decode(self: Any, token: str, verify: bool = True, inline_claims: Any = None) -> Any:
        import jwt

        try:
            payload = await original(self, token, verify=verify, inline_claims=inline_claims)
        except jwt.exceptions.DecodeError:
            raise
        except UnicodeError:
            # a header's bytes that are not UTF-8 reach PyJWT as undecodable characters
            raise jwt.exceptions.DecodeError("The token is not UTF-8.") from None
        except jwt.exceptions.InvalidTokenError as error:
            # sanic-jwt turns only some of these into 401; the rest would be a 500
            raise jwt.exceptions.DecodeError(str(error) or type(error).__name__) from None
        if verify and "exp" not in payload:
            raise jwt.exceptions.DecodeError("The token has no expiry (exp).")
        if not isinstance(payload.get("user", {}), dict):
            raise jwt.exceptions.DecodeError("The token's user is not an object.")  # Rasa's check would fail with 500
        return payload

    _decode.__wrapped__ = original  # type: ignore[attr-defined]
    return _decode


# The Rasa server answers JSON, never a page; its error pages (Sanic's HTML 404 and 500) get
# a policy that lets them run and load nothing and be framed by no one.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
}


async def add_security_headers(request: Any, response: Any) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)


# Rasa's HTTP API routes that read their body as JSON whatever its content type.
JSON_API_PATHS = ("/model/parse", "/conversations/")


async def refuse_unreadable_json(request: Any) -> Any:
    """A body of Rasa's HTTP API that is not JSON, or is nested thousands deep, gets a 400 in
    Rasa's error shape. Rasa's own parse answers such a body with a 500; the channels under
    /webhooks/ read their bodies themselves (`guard.json_body`)."""
    from rasa.server import ErrorResponse
    from sanic import response

    from rasa_server.channels import guard

    path = request.path
    if not request.body or path.startswith("/webhooks/"):
        return None
    if not path.startswith(JSON_API_PATHS) and "json" not in (request.content_type or ""):
        return None
    try:
        guard.json_body(request.body)
    except guard.Refused as refused:
        error = ErrorResponse(refused.status, "BadRequest", str(refused))
        return response.json(error.error_info, status=error.status)
    return None


def _wrap_create_app(original: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(original)

    def create_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)
        bound = signature.bind_partial(*args, **kwargs)
        app.ctx.api_auth_token = bound.arguments.get("auth_token")
        app.register_middleware(add_security_headers, "response")
        app.register_middleware(refuse_unreadable_json, "request")
        limits.install(app)
        return app

    create_app.__wrapped__ = original  # type: ignore[attr-defined]
    return create_app


def _wrap_app_without_api(original: Callable[..., Any]) -> Callable[..., Any]:
    def create_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)
        limits.install(app)  # `rasa run` without --enable-api: the channels' caps still hold
        return app

    create_app.__wrapped__ = original  # type: ignore[attr-defined]
    return create_app


def load_spacy_once(load: Callable[[str], Any]) -> Callable[[str], Any]:
    """`SpacyNLP.load_model` that loads each pipeline folder once per process: both graph nodes
    get the same (read-only) pipeline. Keyed by the name and the folder's meta.json time, so a
    pipeline rebuilt by `make` meanwhile is read again."""
    loaded: Dict[Any, Any] = {}
    lock = threading.Lock()

    @functools.wraps(load)
    def load_model(spacy_model_name: str) -> Any:
        try:
            stamp: float | None = (Path(spacy_model_name) / "meta.json").stat().st_mtime
        except (OSError, TypeError, ValueError):
            stamp = None
        key = (spacy_model_name, stamp)
        with lock:
            if key not in loaded:
                loaded[key] = load(spacy_model_name)
            return loaded[key]

    return load_model


def install() -> None:
    """Install the hooks (idempotent)."""
    import rasa.core.run
    import rasa.server
    from rasa.core.actions.action import RemoteAction
    from rasa.nlu.utils.spacy_utils import SpacyNLP
    from sanic_jwt.authentication import Authentication

    from rasa_server import action_endpoint, stores, turns

    action_endpoint.install()  # the action server's URL and secret from the environment
    stores.install_loud_store()  # a store that cannot write is told, never swallowed
    turns.install()  # a turn's answers go out once it is stored
    deadlines.patch()  # a request that trickles in is dropped (serving/deadlines.py)
    if getattr(RemoteAction, _INSTALLED_FLAG, False):
        return
    RemoteAction.run = _wrap_run(RemoteAction.run)  # type: ignore[method-assign]
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    rasa.server.create_app = _wrap_create_app(rasa.server.create_app)
    rasa.core.run._create_app_without_api = _wrap_app_without_api(rasa.core.run._create_app_without_api)
    Authentication._decode = _wrap_jwt_decode(Authentication._decode)  # type: ignore[method-assign]
    SpacyNLP.load_model = staticmethod(load_spacy_once(SpacyNLP.load_model))  # type: ignore[method-assign]
    for name in URL_LOGGERS:
        logging.getLogger(name).addFilter(RedactTokens())
    setattr(RemoteAction, _INSTALLED_FLAG, True)


def api_auth_token(app: Any) -> str | None:
    """The HTTP API token of the Rasa app (None when the API has none or the hook missed it)."""
    return getattr(app.ctx, "api_auth_token", None)
