"""endpoints.yml with no ${...}: the stores and the action endpoint come from the environment, with defaults.

`rasa run` and `rasa shell` must start with no variable set, and the variables `make run`,
`make cluster` and the tests set must still choose every store and address.
"""

from __future__ import annotations

import pytest
import yaml
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.processor import MessageProcessor
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from ops.cluster import LOCK_STORE as CLUSTER_LOCK_STORE
from ops.launcher import ENDPOINT_DEFAULTS, Settings
from ops.paths import ROOT
from rasa_server import action_endpoint
from rasa_server.env import DEFAULT_TRACKER_DB
from rasa_server.lock_store import ENV_LOCK_STORE, AtomicRedisLockStore, EnvLockStore, lock_endpoint
from rasa_server.stores import EnvSQLTrackerStore, read_endpoints, tracker_settings

ENDPOINTS = ROOT / "endpoints.yml"

POSTGRES_AND_REDIS = {  # what ops/services.py gives the cluster's replicas
    "TRACKER_DIALECT": "postgresql",
    "TRACKER_HOST": "127.0.0.1",
    "TRACKER_PORT": "54321",
    "TRACKER_USER": "twitch",
    "TRACKER_PASSWORD": "pg-secret",
    "TRACKER_DB": "twitch",
    "LOCK_STORE": CLUSTER_LOCK_STORE,
    "REDIS_HOST": "127.0.0.1",
    "REDIS_PORT": "63790",
    "REDIS_DB": "1",
    "REDIS_PASSWORD": "redis-secret",
}


def test_endpoints_and_credentials_name_no_variable():
    def values(node):
        if isinstance(node, dict):
            return [v for value in node.values() for v in values(value)]
        return [node]

    for name in ("endpoints.yml", "credentials.yml"):
        written = values(yaml.safe_load((ROOT / name).read_text()))
        assert not [v for v in written if "${" in str(v)], f"{name}: Rasa refuses an unset ${{VAR}}"


def test_with_no_variable_set_the_server_gets_sqlite_in_memory_locks_and_the_local_action_server():
    config = read_endpoints(ENDPOINTS, {})
    assert config.tracker_store.url is None
    assert config.tracker_store.kwargs == {"dialect": "sqlite", "db": str(DEFAULT_TRACKER_DB)}
    assert DEFAULT_TRACKER_DB == ROOT / "var" / "tracker.db"
    assert isinstance(LockStore.create(config.lock_store), InMemoryLockStore)
    assert config.action.url == "http://127.0.0.1:5055/webhook" and config.action.headers == {}


def test_the_cluster_variables_choose_postgresql_the_atomic_redis_locks_and_the_action_url():
    env = {**POSTGRES_AND_REDIS, "ACTION_ENDPOINT_URL": "http://127.0.0.1:8001/webhook", "ACTION_SERVER_SECRET": "s3"}
    config = read_endpoints(ENDPOINTS, env)
    assert config.tracker_store.url == "127.0.0.1"
    assert config.tracker_store.kwargs == {
        "dialect": "postgresql",
        "port": "54321",
        "db": "twitch",
        "username": "twitch",
        "password": "pg-secret",
    }
    locks = LockStore.create(config.lock_store)
    assert type(locks) is AtomicRedisLockStore and locks.key_prefix == "twitch:lock:"
    connection = locks.red.connection_pool.connection_kwargs  # redis connects lazily: nothing is contacted
    assert (connection["host"], connection["port"], connection["db"], connection["password"]) == (
        "127.0.0.1",
        63790,
        1,
        "redis-secret",
    )
    assert config.action.url == "http://127.0.0.1:8001/webhook"
    assert config.action.headers == {"X-Action-Secret": "s3"}


def test_lock_store_redis_still_selects_rasas_own_store():
    locks = LockStore.create(lock_endpoint(EndpointConfig(type=ENV_LOCK_STORE), {**POSTGRES_AND_REDIS, "LOCK_STORE": "redis"}))
    assert type(locks) is RedisLockStore


def test_the_env_lock_store_class_reads_the_process_environment(monkeypatch):
    monkeypatch.delenv("LOCK_STORE", raising=False)
    assert isinstance(EnvLockStore(endpoint_config=EndpointConfig(type=ENV_LOCK_STORE)), InMemoryLockStore)
    for name, value in POSTGRES_AND_REDIS.items():
        monkeypatch.setenv(name, value)
    assert type(EnvLockStore(endpoint_config=EndpointConfig(type=ENV_LOCK_STORE))) is AtomicRedisLockStore
    monkeypatch.setenv("LOCK_STORE", ENV_LOCK_STORE)
    with pytest.raises(RasaException, match="itself"):
        EnvLockStore(endpoint_config=EndpointConfig(type=ENV_LOCK_STORE))


def test_a_value_written_in_endpoints_yml_wins_over_its_variable():
    host, settings = tracker_settings("db.internal", {"dialect": "postgresql", "port": ""}, POSTGRES_AND_REDIS)
    assert host == "db.internal"
    assert settings["dialect"] == "postgresql" and settings["port"] == "54321"  # empty in the file: the variable's
    endpoint = lock_endpoint(EndpointConfig(url="redis.internal", type=ENV_LOCK_STORE, port=1234), POSTGRES_AND_REDIS)
    assert (endpoint.url, endpoint.kwargs["port"], endpoint.kwargs["password"]) == ("redis.internal", 1234, "redis-secret")
    action = action_endpoint.configure(EndpointConfig(url="http://actions:5055/webhook"), {"ACTION_ENDPOINT_URL": "http://x/"})
    assert action.url == "http://actions:5055/webhook"


def test_a_secret_header_written_in_endpoints_yml_is_kept():
    endpoint = EndpointConfig(url="http://a/webhook", headers={"x-action-secret": "from-file"})
    assert action_endpoint.configure(endpoint, {"ACTION_SERVER_SECRET": "from-env"}).headers == {"x-action-secret": "from-file"}


async def test_the_default_tracker_store_creates_its_folder_and_keeps_conversations(tmp_path, monkeypatch, domain):
    monkeypatch.delenv("TRACKER_DIALECT", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "new-folder" / "tracker.db"))
    store = EnvSQLTrackerStore(domain=domain)
    tracker = await store.get_or_create_tracker("someone")
    await store.save(tracker)
    assert (tmp_path / "new-folder" / "tracker.db").is_file()
    assert await store.retrieve("someone") is not None


def test_the_launcher_gives_its_servers_the_defaults_the_classes_use_and_its_own_action_server():
    env = Settings(action_port=6123).child_env()
    assert all(env[name] == default for name, default in ENDPOINT_DEFAULTS.items() if name != "ACTION_ENDPOINT_URL")
    assert env["ACTION_ENDPOINT_URL"] == "http://127.0.0.1:6123/webhook"
    assert read_endpoints(ENDPOINTS, env).action.url == "http://127.0.0.1:6123/webhook"


def test_every_processor_calls_the_action_server_the_environment_names(monkeypatch):
    """The hook the Rasa server installs at start: MessageProcessor gets the configured endpoint."""

    def bare_init(self, *args, action_endpoint=None, **kwargs):  # Rasa's loads a model; not needed here
        self.action_endpoint = action_endpoint

    monkeypatch.setattr(MessageProcessor, "__init__", bare_init)
    monkeypatch.setattr(MessageProcessor, action_endpoint._INSTALLED_FLAG, False, raising=False)
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:7001/webhook")
    monkeypatch.setenv("ACTION_SERVER_SECRET", "s3")
    action_endpoint.install()
    action_endpoint.install()  # idempotent: wrapped once

    processor = MessageProcessor.__new__(MessageProcessor)
    processor.__init__(action_endpoint=None)
    assert processor.action_endpoint.url == "http://127.0.0.1:7001/webhook"
    assert processor.action_endpoint.headers == {"X-Action-Secret": "s3"}
    assert MessageProcessor.__init__.__wrapped__ is bare_init
