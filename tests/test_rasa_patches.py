"""tests/rasa_patches.py and the fixtures of tests/conftest.py: every test starts with Rasa as shipped,
whichever test ran before it, and the hooks are there only for a test that asks for them."""

from __future__ import annotations

import logging
import sys
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import FailSafeTrackerStore

from rasa_server import hooks
from rasa_server.stores import EnvSQLTrackerStore
from tests.rasa_patches import PATCH_POINTS, SavedRasa, owner

FRAMEWORKS = ("rasa", "sanic", "sanic_jwt")


def rasa_now() -> dict[tuple[str, str, str], Any]:
    """Every attribute of every module and class of Rasa, Sanic and sanic-jwt loaded now, by (module, class, name)."""
    found: dict[tuple[str, str, str], Any] = {}
    for module_name, module in list(sys.modules.items()):
        if module is None or module_name.split(".")[0] not in FRAMEWORKS:
            continue
        for name, value in list(vars(module).items()):
            found[(module_name, "", name)] = value
            if isinstance(value, type) and value.__module__ == module_name:
                found.update({(module_name, value.__name__, attr): item for attr, item in vars(value).items()})
    return found


def changed(before: dict, after: dict) -> set[tuple[str, str, str]]:
    return {key for key in before.keys() | after.keys() if before.get(key, before) is not after.get(key, before)}


def url_log_filters() -> dict[str, list[Any]]:
    return {name: list(logging.getLogger(name).filters) for name in hooks.URL_LOGGERS}


def shipped(method: Any) -> bool:
    """Rasa's own method, not one of the hooks' wrappers (which keep the original in `__wrapped__`)."""
    return not hasattr(method, "__wrapped__") and method.__module__.startswith(("rasa.", "sanic"))


def test_what_the_hooks_change_in_rasa_is_all_put_back():
    for module, cls, _ in PATCH_POINTS:
        owner(module, cls)  # every module the hooks patch is loaded before the first picture
    before, filters = rasa_now(), url_log_filters()
    saved = SavedRasa.save()
    hooks.install()
    patched, filtered = changed(before, rasa_now()), url_log_filters()
    saved.restore()
    assert patched == set(PATCH_POINTS), "the hooks patch something tests/rasa_patches.py does not put back"
    assert filtered != filters  # the tokens in Sanic's log lines are blanked while installed
    assert changed(before, rasa_now()) == set() and url_log_filters() == filters


def test_a_tracker_store_installs_the_hooks_as_the_server_does(tmp_path):
    EnvSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "t.db"))
    assert not shipped(RemoteAction.run) and not shipped(MessageProcessor.handle_message)
    assert FailSafeTrackerStore.save.__module__ == "rasa_server.stores"


def test_the_test_after_one_that_installed_the_hooks_runs_against_rasa_as_shipped():
    assert shipped(RemoteAction.run) and shipped(MessageProcessor.handle_message) and shipped(MessageProcessor.__init__)
    assert FailSafeTrackerStore.save.__module__ == "rasa.core.tracker_store"


def test_a_test_that_asks_for_the_hooks_has_them(rasa_hooks):
    assert RemoteAction._validate_action_result is hooks.validate_action_result
    assert not shipped(RemoteAction.run) and not shipped(MessageProcessor.handle_message)
    assert FailSafeTrackerStore.save.__module__ == "rasa_server.stores"
