"""The lock store for several Rasa replicas: endpoints.yml `lock_store.type` with LOCK_STORE set
to `rasa_server.lock_store.AtomicRedisLockStore` (`make cluster`, docs/deploy.md)."""

from __future__ import annotations

import json
from typing import Any, Callable

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


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

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return int(self._transaction(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime), create=True))

    def update_lock(self, conversation_id: str) -> None:
        self._transaction(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._transaction(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._transaction(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number), delete_when_free=True)
