"""Fixtures of the Rasa server's plugins: the project's domain."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain

from ops.paths import ROOT


@pytest.fixture(scope="session")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))
