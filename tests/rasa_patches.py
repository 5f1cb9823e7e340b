"""Rasa as shipped, around every test: what the project's hooks patch in Rasa, saved and put back.

The Rasa server installs the project's hooks once, where it starts (`rasa_server.hooks.install`,
called when it creates its tracker store). The tests run in one process: without this, the
first test that created a store or installed the hooks would change Rasa for every test after
it, and test order would decide which Rasa a test runs against. `tests/conftest.py` saves
these attributes before each test and puts them back after it; a test that needs the hooks
asks for the `rasa_hooks` fixture.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Any

from rasa_server import action_endpoint, hooks, turns
from serving import deadlines

_ABSENT = object()

# (module, class or "" for the module itself, attribute) of everything `hooks.install()` sets.
PATCH_POINTS = [
    ("rasa.core.actions.action", "RemoteAction", "run"),
    ("rasa.core.actions.action", "RemoteAction", "_validate_action_result"),
    ("rasa.core.actions.action", "RemoteAction", hooks._INSTALLED_FLAG),
    ("rasa.server", "", "create_app"),
    ("rasa.core.run", "", "_create_app_without_api"),
    ("sanic_jwt.authentication", "Authentication", "_decode"),
    ("rasa.nlu.utils.spacy_utils", "SpacyNLP", "load_model"),
    ("rasa.core.processor", "MessageProcessor", "__init__"),
    ("rasa.core.processor", "MessageProcessor", action_endpoint._INSTALLED_FLAG),
    ("rasa.core.processor", "MessageProcessor", "handle_message"),
    ("rasa.core.processor", "MessageProcessor", turns._INSTALLED_FLAG),
    ("rasa.core.tracker_store", "FailSafeTrackerStore", "save"),
    ("rasa.core.tracker_store", "FailSafeTrackerStore", "retrieve"),
    ("sanic.server.protocols.http_protocol", "HttpProtocol", "data_received"),
    # the request deadlines (serving/deadlines.py), set by the apps of both servers
    ("sanic.server.protocols.http_protocol", "HttpProtocol", deadlines._INSTALLED_FLAG),
    ("sanic.request", "Request", "receive_body"),
]


def owner(module: str, cls: str) -> Any:
    """The module, or the class in it, that an attribute is set on."""
    found = importlib.import_module(module)
    return getattr(found, cls) if cls else found


@dataclass
class SavedRasa:
    """The patched attributes' values (or their absence) and the filters of the loggers the hooks filter."""

    attributes: list[tuple[Any, str, Any]]
    filters: dict[str, list[Any]]

    @classmethod
    def save(cls) -> SavedRasa:
        attributes = []
        for module, cls_name, name in PATCH_POINTS:
            target = owner(module, cls_name)
            attributes.append((target, name, vars(target).get(name, _ABSENT)))
        return cls(attributes, {name: list(logging.getLogger(name).filters) for name in hooks.URL_LOGGERS})

    def restore(self) -> None:
        for target, name, value in self.attributes:
            if value is _ABSENT:
                if name in vars(target):
                    delattr(target, name)
            else:
                setattr(target, name, value)
        for name, filters in self.filters.items():
            logging.getLogger(name).filters[:] = filters
