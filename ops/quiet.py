"""Quiet about the libraries, never about the project's own code.

Rasa, TensorFlow and their dependencies warn about their own imports and data (deprecated
APIs they use, Rasa's notes on entity synonyms); an operator tool or a measurement that runs
Rasa in its own process hides those, and so does every server the launcher starts (through
SERVER_STARTUP). A warning raised in the project's code, or one a library raises about a call
the project's code made (attributed to that caller), still shows, and in the tests a
deprecation fails the test (pyproject.toml's filterwarnings names the same packages).
"""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path
from typing import Any, Callable, Iterator

from ops.paths import ROOT

PROJECT_PACKAGES = ("bot", "actions", "rasa_server", "ops", "evaluation", "web", "scripts", "tests")
# The module field of a warnings filter: the project's packages and every module in them.
PROJECT_MODULES = rf"({'|'.join(PROJECT_PACKAGES)})(\.|$)"
LIBRARY_MODULES = rf"(?!{PROJECT_MODULES})"
DEPRECATIONS = (DeprecationWarning, PendingDeprecationWarning)
# The folder of the sitecustomize.py that Python runs first in every server the launcher starts
# (ops/launcher.py puts it on their PYTHONPATH): a filter on the command line or in
# PYTHONWARNINGS cannot name a package and the modules in it, only one module.
SERVER_STARTUP = Path(__file__).with_name("server_startup")


@contextlib.contextmanager
def libraries_quiet() -> Iterator[None]:
    """Within: every warning raised from a module outside the project is ignored."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=LIBRARY_MODULES)
        yield


def only_project_warnings() -> None:
    """For the rest of this process (a server): every warning raised from a module outside the
    project is ignored; the project's own are shown once per place, deprecations included
    (Python hides those outside __main__, and PYTHONWARNINGS=ignore hides them all)."""
    warnings.filterwarnings("ignore", module=LIBRARY_MODULES)
    warnings.filterwarnings("default", module=PROJECT_MODULES)
    warnings.showwarning = _without_library_deprecations(warnings.showwarning)


def _without_library_deprecations(show: Callable[..., None]) -> Callable[..., None]:
    """`show`, except for a deprecation raised in a library's file. Importing Sanic (the Rasa
    server's and the action server's web framework) puts a filter that lets every deprecation
    through once ahead of the ones above, so a library's is dropped here, when it is shown."""

    def shown(message: Warning | str, category: type[Warning], filename: str, lineno: int, *rest: Any) -> None:
        if not issubclass(category, DEPRECATIONS) or in_project(filename):
            show(message, category, filename, lineno, *rest)

    return shown


def in_project(filename: str) -> bool:
    """Whether `filename` is a file of one of the project's packages (not of .venv/, say)."""
    try:
        parts = Path(filename).resolve().relative_to(ROOT).parts
    except ValueError:
        return False
    return bool(parts) and parts[0] in PROJECT_PACKAGES
