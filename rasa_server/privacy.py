"""Deleting one conversation's stored data: an HTTP route on the Rasa server and a command.

- HTTP: `DELETE /webhooks/privacy/conversations/<sender_id>` on the Rasa server (the channel
  `rasa_server.privacy.PrivacyChannel` in credentials.yml), with the HTTP API's credentials: the
  token (`?token=...`) or a JWT (`Authorization: Bearer ...`; role `admin`, or role `user`
  whose `username` is the sender id). Without them: 401. The route takes the sender's lock
  in the lock store, so it never runs in the middle of one of that sender's turns.
- Command: `python -m ops.cli forget <sender_id>` (see `forget_with_endpoints`).

Both delete every stored event of that sender in the tracker store endpoints.yml configures
(SQLite or PostgreSQL) and leave every other conversation alone. In the chat itself, "delete
my data" does the same through the tracker store (rasa_server/stores.py).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable, Mapping

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_server import hooks as rasa_hooks

logger = logging.getLogger(__name__)


class ForgetError(RuntimeError):
    """The conversation could not be deleted; the message says why."""


def sql_store(tracker_store: Any) -> Any:
    """The project's SQL tracker store inside Rasa's wrappers, or ForgetError."""
    from rasa_server.stores import EnvSQLTrackerStore, unwrap

    store = unwrap(tracker_store)
    if not isinstance(store, EnvSQLTrackerStore):
        raise ForgetError(
            f"the tracker store is {type(store).__name__}, not rasa_server.stores.EnvSQLTrackerStore: nothing was deleted"
        )
    return store


async def forget(tracker_store: Any, lock_store: Any, sender_id: str) -> int:
    """Delete every stored event of `sender_id` under its lock; return how many there were."""
    from rasa_server.stores import forget_unsaved

    store = sql_store(tracker_store)
    async with lock_store.lock(sender_id):
        try:
            deleted = int(await asyncio.get_running_loop().run_in_executor(None, store.forget, sender_id))
        except Exception as error:  # a read-only or full disk, a database that went away: rolled back
            # Its type only: an SQL error's text quotes the statement with the sender id and data.
            raise ForgetError(f"the tracker store could not delete it ({type(error).__name__}): nothing was deleted") from None
        forget_unsaved(tracker_store, sender_id)  # turns the store could not write are deleted too
    return deleted


# -- the HTTP route -----------------------------------------------------------------------


async def _authorized_call(
    request: Request, conversation_id: str, handler: Callable[..., Awaitable[HTTPResponse]]
) -> HTTPResponse:
    """Run `handler` if the request has the HTTP API's token or an acceptable JWT (Rasa's own check)."""
    from rasa.server import ErrorResponse, requires_auth

    token = rasa_hooks.api_auth_token(request.app)
    if token is None and not request.app.config.get("USE_JWT"):
        # Rasa's check lets everything through when the API has no credentials; deleting
        # data never does.
        return response.json(
            {"status": "failure", "reason": "NotAuthenticated", "message": "the HTTP API has no token"}, status=401
        )
    try:
        return await requires_auth(request.app, token)(handler)(request, conversation_id=conversation_id)
    except ErrorResponse as error:
        return response.json(error.error_info, status=error.status)


async def deletion_answer(agent: Any, conversation_id: str) -> HTTPResponse:
    """The route's answer: the conversation deleted, or why not (logged without the sender id)."""
    if agent is None or agent.tracker_store is None:
        return response.json({"status": "failure", "message": "no model is loaded yet; try again shortly"}, status=503)
    try:
        deleted = await forget(agent.tracker_store, agent.lock_store, conversation_id)
    except ForgetError as error:
        logger.warning("could not delete a conversation on request: %s", error)
        return response.json({"status": "failure", "message": str(error)}, status=500)
    logger.info("deleted a conversation's stored events (%d) on request", deleted)
    return response.json({"status": "deleted", "events": deleted})


class PrivacyChannel(InputChannel):
    """`rasa_server.privacy.PrivacyChannel` in credentials.yml: the route that deletes a conversation."""

    @classmethod
    def name(cls) -> str:
        return "privacy"

    @classmethod
    def from_credentials(cls, credentials: Any) -> InputChannel:
        # Rasa builds the channels before its app: the hooks (the API token on the app among
        # them) go in here, where the server starts.
        rasa_hooks.install()
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("twitch_privacy", __name__)

        async def delete(request: Request, conversation_id: str) -> HTTPResponse:
            return await deletion_answer(request.app.ctx.agent, conversation_id)

        @bp.route("/conversations/<conversation_id:path>", methods=["DELETE"])
        async def delete_conversation(request: Request, conversation_id: str) -> HTTPResponse:
            return await _authorized_call(request, conversation_id, delete)

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        return bp


# -- the command --------------------------------------------------------------------------


def forget_with_endpoints(sender_id: str, endpoints: Path, env: Mapping[str, str]) -> int:
    """Delete `sender_id`'s events in the stores `endpoints` configures with `env`; return the count."""
    from rasa.core.lock_store import LockStore

    from rasa_server.stores import EnvSQLTrackerStore, read_endpoints

    config = read_endpoints(endpoints, env)
    if config.tracker_store is None or config.tracker_store.type != "rasa_server.stores.EnvSQLTrackerStore":
        raise ForgetError(f"{endpoints} does not use rasa_server.stores.EnvSQLTrackerStore")
    kwargs = dict(config.tracker_store.kwargs)
    if not _has_database(kwargs, config.tracker_store.url):
        return 0  # a SQLite file that does not exist stores nothing
    store = EnvSQLTrackerStore(host=config.tracker_store.url, **kwargs)
    lock_store = LockStore.create(config.lock_store)

    async def run() -> int:
        try:
            return await forget(store, lock_store, sender_id)
        except Exception as error:  # redis down, ...
            if isinstance(error, ForgetError):
                raise
            raise ForgetError(f"could not delete the conversation: {type(error).__name__}: {error}") from error

    try:
        return asyncio.run(run())
    finally:
        store.engine.dispose()


def _has_database(kwargs: Mapping[str, Any], host: str | None) -> bool:
    """Whether the SQLite file exists; for a server, fail fast when it is unreachable (Rasa's store retries forever)."""
    import sqlalchemy as sa

    from rasa_server.stores import db_url

    cleaned = {k: v for k, v in kwargs.items() if v not in ("", None)}
    if cleaned.get("dialect", "sqlite") == "sqlite":
        return Path(str(cleaned.get("db", "rasa.db"))).exists()
    engine = sa.create_engine(db_url(host, cleaned), connect_args={"connect_timeout": 5})
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as error:
        raise ForgetError(f"cannot reach the tracker database: {str(error.orig).strip().splitlines()[0]}") from error
    finally:
        engine.dispose()
    return True
