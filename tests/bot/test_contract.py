"""The project's ids are the contract's: none renamed or dropped."""

import yaml

from bot.knowledge import contract
from tests.conftest import SHARED


def load_contract():
    path = SHARED / "contract.yml"
    assert path.exists(), f"the public contract is expected at {path} (../shared beside the repository)"
    return yaml.safe_load(path.read_text())


def test_every_contract_cause_and_level_is_used_unchanged():
    spec = load_contract()
    assert list(spec["causes"]) == list(contract.CAUSES)
    assert spec["triage"] == list(contract.LEVELS)


def test_every_contract_entity_value_is_known():
    spec = load_contract()
    for kind, values in spec["entities"].items():
        assert kind in contract.ENTITY_VALUES
        assert set(values or []) <= set(contract.ENTITY_VALUES[kind]), kind


def test_payload_types_match():
    assert set(load_contract()["payloads"]) == set(contract.PAYLOAD_TYPES)
