"""The lock stores endpoints.yml can name.

- `EnvLockStore` (endpoints.yml `lock_store.type`): the store LOCK_STORE names, with the
  REDIS_* settings: in memory by default (one Rasa process), Rasa's `redis`, or
- `AtomicRedisLockStore`, for several Rasa replicas (`make cluster`, docs/deploy.md).

A ticket lives TICKET_LOCK_LIFETIME seconds (Rasa's variable, default 60). A live replica
renews its tickets while they wait and while its turn runs, so the lifetime only bounds how
long the ticket of a replica killed mid-turn keeps its conversation waiting: the cluster sets
a short one (ops/cluster.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Callable, Mapping

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore, RedisLockStore
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from rasa_server.env import is_set, variable

logger = logging.getLogger(__name__)

ENV_LOCK_STORE = "rasa_server.lock_store.EnvLockStore"  # endpoints.yml `lock_store.type`
# endpoints.yml's key of each Redis setting -> the variable that gives it when the file does not
REDIS_VARIABLES = {"port": "REDIS_PORT", "db": "REDIS_DB", "password": "REDIS_PASSWORD"}
RENEWALS_PER_LIFETIME = 3  # a live ticket is renewed this often within its lifetime


def lock_endpoint(config: EndpointConfig | None, env: Mapping[str, str]) -> EndpointConfig:
    """The endpoint of the lock store LOCK_STORE names (default `in_memory`), its Redis settings
    from endpoints.yml (`config`) when set there, else from the REDIS_* variables of `env`."""
    kind = variable(env, "LOCK_STORE")
    if kind == ENV_LOCK_STORE:
        raise RasaException(f"LOCK_STORE names {ENV_LOCK_STORE} itself: give in_memory, redis or another class")
    if kind == "in_memory":
        return EndpointConfig(type="in_memory")
    given = {key: given_value for key, given_value in (config.kwargs if config else {}).items() if is_set(given_value)}
    for key, name in REDIS_VARIABLES.items():
        if key not in given and variable(env, name):
            given[key] = variable(env, name)
    url = config.url if config is not None and is_set(config.url) else variable(env, "REDIS_HOST")
    return EndpointConfig(url=url, type=kind, **given)


class EnvLockStore(LockStore):
    """endpoints.yml `lock_store.type`: builds the lock store LOCK_STORE names (see `lock_endpoint`).

    Rasa builds a custom lock store as `Class(endpoint_config=...)` and needs a class, so this
    one is a class whose construction returns the chosen store (never an EnvLockStore).
    """

    def __new__(cls, endpoint_config: EndpointConfig | None = None) -> LockStore:  # type: ignore[misc]
        return LockStore.create(lock_endpoint(endpoint_config, os.environ))


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's RedisLockStore with each change of a conversation's lock done in one transaction.

    Rasa 3.6's RedisLockStore reads a ticket lock, changes it in Python and writes it back.
    When two replicas get messages of one conversation at the same moment, both can read
    "no lock" and take ticket 0 (both messages run at once and events are lost), or one can
    write back a stale lock over the other's ticket. Here every read-change-write runs under
    WATCH/MULTI on the lock's key and is retried when another replica changed it first.
    """

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**{key: value for key, value in kwargs.items() if value not in ("", None)})

    def _transaction(
        self, conversation_id: str, change: Callable[[TicketLock], Any], create: bool = False, delete_when_free: bool = False
    ) -> Any:
        key = self.key_prefix + conversation_id

        def run(pipe: Any) -> Any:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else (self.create_lock(conversation_id) if create else None)
            result = change(lock) if lock is not None else None
            pipe.multi()
            if lock is not None and delete_when_free and not lock.is_someone_waiting():
                pipe.delete(key)
            elif lock is not None:
                pipe.set(key, lock.dumps())
            return result

        return self.red.transaction(run, key, value_from_callable=True)

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        """Served once no live ticket before this one is left, even when this one expired while it
        waited. (Rasa waits for `now_serving` to equal the ticket: when a killed replica's ticket and
        the waiting one expire together, nothing is left to serve and the message waits until its
        client gives up.)"""
        while True:
            self.update_lock(conversation_id)
            lock = self.get_lock(conversation_id)
            if lock is None:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            if not any(t.number < ticket and not t.has_expired() for t in lock.tickets):
                return lock
            await asyncio.sleep(wait_time_in_seconds)

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        """Rasa's lock, with this replica's ticket renewed until it is given back (`_renew`).

        Without renewal a short lifetime would let the next message in while a slow turn still runs."""
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        renewal = asyncio.ensure_future(self._renew(conversation_id, ticket, lock_lifetime))
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            renewal.cancel()
            self.cleanup(conversation_id, ticket)

    async def _renew(self, conversation_id: str, ticket: int, lifetime: float) -> None:
        """Push the ticket's expiry `lifetime` ahead, `RENEWALS_PER_LIFETIME` times per lifetime."""
        while True:
            await asyncio.sleep(lifetime / RENEWALS_PER_LIFETIME)
            try:
                self._transaction(conversation_id, lambda lock: _extend(lock, ticket, lifetime))
            except Exception as error:  # noqa: BLE001 - Redis away: the ticket expires as a killed replica's does
                logger.warning("could not renew a conversation's lock ticket (%s)", type(error).__name__)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return int(self._transaction(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime), create=True))

    def update_lock(self, conversation_id: str) -> None:
        self._transaction(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._transaction(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._transaction(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number), delete_when_free=True)


def _extend(lock: TicketLock, number: int, lifetime: float) -> None:
    """Ticket `number` of `lock` expires `lifetime` seconds from now (if it is still there)."""
    for ticket in lock.tickets:
        if ticket.number == number:
            ticket.expires = time.time() + lifetime
