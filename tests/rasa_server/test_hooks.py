"""The hooks installed in the Rasa server: an apology when an action cannot run, the compiled validator."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import time

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from ops.launcher import free_port
from ops.paths import ROOT
from rasa_server import hooks as rasa_hooks
from tests.rasa_server.webhooks import nested, post, serving_app

VALID = {
    "events": [{"event": "slot", "timestamp": None, "name": "interview_pending", "value": "duration"}],
    "responses": [{"text": "How long has the twitching been going on?", "buttons": []}],
}
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"responses": [1, 2]},
    {"events": [{"event": "slot", "name": 3}]},
]


# The hooks, installed the way the server installs them (explicitly, never on import), and removed after each test.
pytestmark = pytest.mark.usefixtures("rasa_hooks")


def test_importing_the_rasa_server_package_changes_nothing_until_the_server_starts():
    probe = (
        "import rasa_server.hooks, rasa_server.stores, rasa_server.privacy, rasa_server.channels.rest\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "assert not getattr(RemoteAction, 'IS_INSTALLED', False)\n"
        "from rasa_server.stores import EnvSQLTrackerStore\n"
        "EnvSQLTrackerStore(dialect='sqlite', db=':memory:')\n"
        "assert getattr(RemoteAction, 'IS_INSTALLED')\n"
    ).replace("IS_INSTALLED", rasa_hooks._INSTALLED_FLAG)
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def dead_endpoint() -> EndpointConfig:
    """An action server address where nothing listens."""
    return EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")


def tracker(domain: Domain, *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("s", [ActionExecuted("action_listen"), *events], domain.slots)


async def run(name: str, domain: Domain, tracker_: DialogueStateTracker, endpoint: EndpointConfig | None = None) -> list:
    action = RemoteAction(name, endpoint or dead_endpoint())
    return await action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses), tracker_, domain)


async def test_an_unreachable_action_server_gets_the_user_an_apology(domain):
    events = await run("action_converse", domain, tracker(domain, UserUttered("my eyelid twitches")))
    assert len(events) == 1 and isinstance(events[0], BotUttered)
    assert "try again" in events[0].text and "emergency" in events[0].text


async def test_a_hung_action_server_is_cut_off_with_the_apology(domain, monkeypatch):
    """An action server that takes the request and never answers: the user waits ACTION_TIMEOUT, not minutes."""
    monkeypatch.setenv("ACTION_TIMEOUT", "0.5")
    held: list[asyncio.StreamWriter] = []

    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        started = time.monotonic()
        events = await run(
            "action_converse", domain, tracker(domain, UserUttered("hi")), EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        )
        waited = time.monotonic() - started
    finally:
        server.close()
        for writer in held:
            writer.close()
    assert [e.text for e in events] == [rasa_hooks.UNAVAILABLE]
    assert 0.4 < waited < 5


@pytest.mark.parametrize(("value", "seconds"), [("", 8.0), ("3", 3.0), ("0", 8.0), ("soon", 8.0)])
def test_the_action_timeout_comes_from_the_environment(value, seconds):
    assert rasa_hooks.action_timeout({"ACTION_TIMEOUT": value}) == seconds


async def test_the_apology_is_said_once_per_turn(domain):
    said = tracker(domain, UserUttered("hello"), BotUttered(rasa_hooks.UNAVAILABLE))
    assert await run("action_red_flags", domain, said) == []
    next_turn = tracker(domain, UserUttered("hello"), BotUttered(rasa_hooks.UNAVAILABLE), UserUttered("again"))
    assert len(await run("action_red_flags", domain, next_turn)) == 1


async def test_delete_my_data_works_without_the_action_server(domain):
    events = await run("action_forget", domain, tracker(domain, UserUttered("delete everything i told you")))
    assert [type(e) for e in events] == [Restarted]


def test_the_hooks_are_installed_once():
    run_before = RemoteAction.run
    rasa_hooks.install()
    assert RemoteAction.run is run_before
    assert RemoteAction._validate_action_result is rasa_hooks.validate_action_result


def test_the_server_loads_its_spacy_pipeline_once_and_a_rebuilt_one_again(tmp_path, rasa_hooks):
    import os

    import spacy
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    folder = tmp_path / "pipeline"
    spacy.blank("en").to_disk(folder)
    provided, run_by = SpacyNLP.load_model(str(folder)), SpacyNLP.load_model(str(folder))
    assert provided.model is run_by.model  # one pipeline in memory for both graph nodes
    later = (folder / "meta.json").stat().st_mtime + 10
    os.utime(folder / "meta.json", (later, later))  # `make` rebuilt it from the lexicon
    assert SpacyNLP.load_model(str(folder)).model is not provided.model


def test_the_compiled_validator_accepts_what_rasa_accepts():
    assert rasa_hooks.validate_action_result(None, VALID) is True
    jsonschema.validate(VALID, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("response", INVALID)
def test_the_compiled_validator_raises_rasas_errors(response):
    with pytest.raises(jsonschema.ValidationError) as ours:
        rasa_hooks.validate_action_result(None, response)
    with pytest.raises(jsonschema.ValidationError) as reference:
        jsonschema.validate(response, RemoteAction.action_response_format_spec())
    assert ours.value.message.startswith(reference.value.message)
    assert "Failed to validate Action server response" in ours.value.message
    assert list(ours.value.path) == list(reference.value.path)


def test_create_app_keeps_the_api_token_for_project_routes(monkeypatch):
    import rasa.server
    from sanic import Sanic

    monkeypatch.setattr(Sanic, "test_mode", True)  # several apps with one name in one process
    app = rasa.server.create_app(auth_token="abc", cors_origins=[])
    assert rasa_hooks.api_auth_token(app) == "abc"
    assert rasa_hooks.api_auth_token(rasa.server.create_app(cors_origins=[])) is None


def test_a_failed_requests_url_reaches_the_log_without_its_token(caplog):
    """Sanic logs the URL of a request that failed with 500: the API token must not go with it."""
    url = "http://127.0.0.1:5005/conversations/x/messages?token=s3cret-Token_value&include_events=ALL"
    with caplog.at_level(logging.ERROR, logger="sanic.error"):
        logging.getLogger("sanic.error").error("Exception occurred while handling uri: %s", repr(url))
    assert "s3cret" not in caplog.text
    assert "messages?token=<redacted>&include_events=ALL" in caplog.text


class ReadyAgent:
    """Stands in for a loaded model: /model/parse reads the text back as `greet`."""

    def is_ready(self) -> bool:
        return True

    async def parse_message(self, text: str) -> dict:
        return {"text": text, "intent": {"name": "greet", "confidence": 1.0}, "entities": []}


@pytest.mark.parametrize("depth", [100, 5_000])  # Rasa's parse: 500 for any body that is not an object, or not JSON
async def test_a_deeply_nested_body_of_the_http_api_gets_a_400_not_a_500(depth, monkeypatch):
    import rasa.server
    from sanic import Sanic

    monkeypatch.setattr(Sanic, "test_mode", True)  # Rasa's app may be made again under its name
    app = rasa.server.create_app(agent=ReadyAgent())  # type: ignore[arg-type]
    async with serving_app(app) as base:
        status, text = await post(f"{base}/model/parse", nested(depth), {"Content-Type": "application/json"})
        assert status == 400 and json.loads(text)["reason"] == "BadRequest"  # before: 500 ParsingError
        status, text = await post(f"{base}/model/parse", b'{"text": "hello"}')  # a readable one, whatever its type
        assert status == 200 and json.loads(text)["intent"]["name"] == "greet"
