"""An operator tool's quiet (ops/quiet.py): the libraries' notices hidden, the project's deprecations not."""

from __future__ import annotations

import warnings

import pytest

from ops.quiet import libraries_quiet
from tests.warning_sources import code_in, deprecated_call_in_library, warn_from


@pytest.mark.parametrize("category", [UserWarning, DeprecationWarning, FutureWarning])
def test_a_librarys_notice_is_hidden(category: type[Warning]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with libraries_quiet():
            warn_from("rasa.shared.utils.io", category)
    assert caught == []


@pytest.mark.parametrize("module", ["bot.answers", "ops.stats", "evaluation.bench.run", "rasa_server.channels.rest"])
def test_a_deprecation_in_the_projects_code_still_fails_the_test(module: str) -> None:
    with libraries_quiet(), pytest.raises(DeprecationWarning):
        warn_from(module)


def test_a_deprecated_library_call_made_by_the_projects_code_still_fails_the_test() -> None:
    old_api = deprecated_call_in_library("rasa.shared.utils.io")
    with libraries_quiet(), pytest.raises(DeprecationWarning, match="old_api"):
        code_in("ops.stats.store", "old_api()", old_api=old_api)


def test_a_warning_of_the_projects_code_still_shows() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with libraries_quiet():
            warn_from("ops.stats", UserWarning)
    assert [str(w.message) for w in caught] == ["an old way"]
