"""Quiet about the libraries, never about the project's own code.

Rasa, TensorFlow and their dependencies warn about their own imports and data (deprecated
APIs they use, Rasa's notes on entity synonyms); an operator tool or a measurement that runs
Rasa in its own process hides those. A warning raised in the project's code, or one a library
raises about a call the project's code made (attributed to that caller), still shows, and in
the tests a deprecation fails the test (pyproject.toml's filterwarnings names the same packages).
"""

from __future__ import annotations

import contextlib
import warnings
from typing import Iterator

PROJECT_PACKAGES = ("bot", "actions", "rasa_server", "ops", "evaluation", "web", "scripts", "tests")
# The module field of a warnings filter: the project's packages and every module in them.
PROJECT_MODULES = rf"({'|'.join(PROJECT_PACKAGES)})(\.|$)"


@contextlib.contextmanager
def libraries_quiet() -> Iterator[None]:
    """Within: every warning raised from a module outside the project is ignored."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=rf"(?!{PROJECT_MODULES})")
        yield
