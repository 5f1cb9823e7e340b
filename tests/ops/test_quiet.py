"""An operator tool's quiet (ops/quiet.py): the libraries' notices hidden, the project's deprecations not."""

from __future__ import annotations

import warnings

import pytest

from ops.quiet import libraries_quiet, only_project_warnings
from tests.warning_sources import code_in, deprecated_call_in_library, file_of, warn_from, warn_in_file


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


@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning])
def test_in_a_server_the_projects_deprecation_shows_and_a_librarys_does_not(category: type[Warning]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore")  # as PYTHONWARNINGS=ignore leaves a process
        only_project_warnings()
        warnings.filterwarnings("once", category=DeprecationWarning)  # as importing Sanic does
        for module in ("ops.stats", "rasa.shared.utils.io", "sanic.app"):
            warn_in_file(module, category)
    assert [(w.filename, w.category) for w in caught] == [(str(file_of("ops.stats")), category)]


def test_in_a_server_a_librarys_other_warnings_stay_hidden() -> None:
    with warnings.catch_warnings(record=True) as caught:
        only_project_warnings()
        warn_in_file("rasa.shared.utils.io", UserWarning)
        warn_in_file("bot.answers", UserWarning)
    assert [w.filename for w in caught] == [str(file_of("bot.answers"))]
