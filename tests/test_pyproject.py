"""The test run's warning filters (pyproject.toml, `filterwarnings`): a deprecation in the
project's own code fails the test that meets it, so it is fixed before the library drops the
old way; the libraries' notices about their own code stay quiet."""

from __future__ import annotations

import warnings

import pytest

from ops.quiet import PROJECT_MODULES
from tests.warning_sources import code_in, deprecated_call_in_library, warn_from

PROJECT_MODULES_SEEN = ["bot.dialogue", "actions.actions", "rasa_server.hooks", "ops.launcher", "evaluation.bench.run", "web.server", "tests.web.test_pdf"]
LIBRARY_MODULES = ["rasa.core.tracker_store", "tensorflow.lite.python.util", "sqlalchemy.engine.url", "importlib._bootstrap"]


def test_the_filters_make_an_error_of_a_deprecation_in_every_package_of_the_project(pytestconfig: pytest.Config) -> None:
    filters = pytestconfig.getini("filterwarnings")
    assert f"error::DeprecationWarning:{PROJECT_MODULES}" in filters
    assert f"error::PendingDeprecationWarning:{PROJECT_MODULES}" in filters


@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning])
@pytest.mark.parametrize("module", PROJECT_MODULES_SEEN)
def test_a_deprecation_raised_in_the_projects_code_fails_the_test(module: str, category: type[Warning]) -> None:
    with pytest.raises(category):
        warn_from(module, category)


@pytest.mark.parametrize("module", PROJECT_MODULES_SEEN)
def test_a_deprecated_library_call_made_by_the_projects_code_fails_the_test(module: str) -> None:
    old_api = deprecated_call_in_library("rasa.shared.utils.io")
    with pytest.raises(DeprecationWarning, match="old_api is deprecated"):
        code_in(module, "old_api()", old_api=old_api)


@pytest.mark.parametrize("module", LIBRARY_MODULES)
def test_a_librarys_notice_about_its_own_code_is_quiet(module: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warn_from(module)
        warn_from(module, PendingDeprecationWarning)
    assert caught == []


def test_a_module_named_like_a_library_but_the_projects_is_not_quiet() -> None:
    with pytest.raises(DeprecationWarning):
        warn_from("rasa_server.channels.rest")
