"""The names every process shares (bot/names.py) are domain.yml's, and the code spells them from there.

A name that crosses a process boundary and is spelled out by hand on one side drifts without
an error: the action server answers a name the Rasa server no longer asks for, ops/stats counts
a slot nobody sets, the widget waits for a payload type nobody sends.
"""

from __future__ import annotations

import ast
from typing import Iterator

import pytest
import yaml

from bot import names
from bot.knowledge import contract
from ops.paths import ROOT

# every process's code: the core, both servers, the operator tools, the measurements, the web page
PACKAGES = ("bot", "actions", "rasa_server", "ops", "evaluation", "web", "scripts")
PAYLOAD_TYPES = {names.LEVEL_CHANGE, names.INTERVIEW, names.DELETED, *names.CARDS}


@pytest.fixture(scope="module")
def domain() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text())


def sources() -> Iterator[tuple[str, ast.AST]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path != ROOT / "bot" / "names.py" and "node_modules" not in path.parts:
                yield str(path.relative_to(ROOT)), ast.parse(path.read_text(), str(path))


def strings(node: ast.AST) -> Iterator[ast.Constant]:
    return (n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def field_names(tree: ast.AST) -> set[int]:
    """Ids of the strings that name a field of the project's own (dict keys, subscripts): `SLOTS["assessed"]`."""
    keys = {id(k) for n in ast.walk(tree) if isinstance(n, ast.Dict) for k in n.keys if k is not None}
    return keys | {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)}


def is_payload_type(node: ast.AST) -> bool:
    """`x.get("type")` or `x["type"]`: the type of a payload, read."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
        return isinstance(node.args[0], ast.Constant) and node.args[0].value == "type"
    return isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "type"


def payload_types_spelled(tree: ast.AST) -> Iterator[ast.Constant]:
    """The payload types written by hand as a dict's `"type"` (Slack's block types are not
    payloads), and every string compared with a `"type"` read."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "type" and isinstance(value, ast.Constant):
                    if value.value in PAYLOAD_TYPES:
                        yield value
        elif isinstance(node, ast.Compare) and any(is_payload_type(n) for n in (node.left, *node.comparators)):
            for side in (node.left, *node.comparators):
                if not is_payload_type(side):
                    yield from strings(side)


def test_the_actions_are_the_domains(domain):
    assert sorted(names.ACTIONS) == sorted(domain["actions"])


def test_the_slots_are_the_domains(domain):
    assert sorted(names.SLOTS.values()) == sorted(domain["slots"])
    assert names.ASKED_SLOT in domain["slots"] and domain["slots"][names.ASKED_SLOT]["type"] == "list"


def test_the_contracts_payload_types_are_named():
    assert set(names.CARDS) == set(contract.PAYLOAD_TYPES)


def test_the_crisis_flag_is_a_symptom_of_the_contract():
    assert names.SELF_HARM in contract.SYMPTOMS


def test_no_module_spells_an_action_or_a_slot_of_the_domain(domain):
    shared = set(domain["actions"]) | set(domain["slots"])
    found = []
    for where, tree in sources():
        fields = field_names(tree)
        found += [f"{where}:{s.lineno} {s.value}" for s in strings(tree) if s.value in shared and id(s) not in fields]
    assert not found, "spell these from bot/names.py"


def test_no_module_spells_a_payload_type_and_every_type_read_is_one_the_core_writes():
    spelled = [f"{where}:{s.lineno} {s.value!r}" for where, tree in sources() for s in payload_types_spelled(tree)]
    assert not spelled, "write payload types from bot/names.py; one that is not there is never sent"


def test_a_stray_payload_type_would_be_found():
    """The scan above reads the shapes the code uses; here each one, spelled by hand, is caught."""
    code = 'a = {"type": "assessment"}\nb = {"type": "button"}\nc = d.get("type") == "confirm"\ne = f["type"] in ("foods",)\n'
    assert sorted(s.value for s in payload_types_spelled(ast.parse(code))) == ["assessment", "confirm", "foods"]

