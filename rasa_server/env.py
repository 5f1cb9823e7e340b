"""The environment variables that configure the Rasa server, and their defaults. No Rasa import.

endpoints.yml and credentials.yml name no `${...}`: Rasa refuses to start when one is unset,
and plain `rasa shell` or `rasa run` from the repository must work with none set. Instead
the project's classes named there read these variables, each with its default:

- the tracker store (rasa_server/stores.py): TRACKER_DIALECT, TRACKER_HOST, TRACKER_PORT,
  TRACKER_USER, TRACKER_PASSWORD, TRACKER_DB (default: the SQLite file var/tracker.db),
  TRACKER_TIMEOUT;
- the lock store (rasa_server/lock_store.py): LOCK_STORE and REDIS_*;
- the action endpoint (rasa_server/action_endpoint.py): ACTION_ENDPOINT_URL, ACTION_SERVER_SECRET;
- the messaging channels (rasa_server/channels/settings.py): TELEGRAM_*, SLACK_*.

A value written in the YAML file wins over the variable; an empty variable counts as unset.
ops/launcher.py gives the servers it starts the same defaults (it imports them from here).
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TRACKER_DB = ROOT / "var" / "tracker.db"  # the SQLite file, when TRACKER_DB is unset

TRACKER_DEFAULTS = {
    "TRACKER_DIALECT": "sqlite",  # or postgresql
    "TRACKER_HOST": "",
    "TRACKER_PORT": "",
    "TRACKER_USER": "",
    "TRACKER_PASSWORD": "",
    "TRACKER_TIMEOUT": "10",  # seconds a read or a write may take before it counts as a store fault
}

LOCK_DEFAULTS = {
    # in_memory (one Rasa process), redis (Rasa's own) or a class path such as
    # rasa_server.lock_store.AtomicRedisLockStore (several replicas: docs/deploy.md)
    "LOCK_STORE": "in_memory",
    "REDIS_HOST": "127.0.0.1",
    "REDIS_PORT": "6379",
    "REDIS_DB": "1",
    "REDIS_PASSWORD": "",
}

ACTION_DEFAULTS = {
    "ACTION_ENDPOINT_URL": "http://127.0.0.1:5055/webhook",  # where `rasa run actions` listens
    "ACTION_SERVER_SECRET": "",  # sent as X-Action-Secret when set (actions/server.py checks it)
}

# Everything endpoints.yml's classes read, with its default.
ENDPOINT_DEFAULTS = {**TRACKER_DEFAULTS, **LOCK_DEFAULTS, **ACTION_DEFAULTS}

# Optional settings of the messaging channels; their tokens and secrets have no default.
CHANNEL_DEFAULTS = {
    "TELEGRAM_API_BASE": "https://api.telegram.org",
    "TELEGRAM_SECRET_TOKEN": "",  # no check of Telegram's secret header unless set
    "SLACK_API_BASE": "https://slack.com/api/",
}

DEFAULTS = {**ENDPOINT_DEFAULTS, **CHANNEL_DEFAULTS}


def variable(env: Mapping[str, str], name: str) -> str:
    """The variable `name` from `env`, or its default when unset or empty ("" if it has none)."""
    return env.get(name) or DEFAULTS.get(name, "")


def is_set(given: object) -> bool:
    """Whether a value from a YAML file says something (Rasa reads `key:` as None, `key: ""` as "")."""
    return given not in ("", None)
