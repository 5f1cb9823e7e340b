"""The cause table (bot/knowledge/causes.py) loads, covers the contract, and a broken table fails naming the entry and field."""

import copy

import pytest
import yaml

from bot.knowledge.causes import TABLE_PATH, parse_table
from bot.knowledge.contract import CAUSES, NUTRIENTS
from bot.knowledge.lexicon import LEXICON_PATH
from bot.knowledge.reader import TableError


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(TABLE_PATH.read_text()), yaml.safe_load(LEXICON_PATH.read_text())


def broken(raw, change):
    table, lexicon = copy.deepcopy(raw)
    change(table, lexicon)
    return table, lexicon


def test_every_contract_cause_has_a_complete_entry(kb):
    assert list(kb.causes) == list(CAUSES)
    for cause in kb.causes.values():
        assert cause.summary.sources and cause.mechanism.sources
        assert cause.symptoms or cause.risk_factors, cause.id
        assert cause.advice, cause.id


def test_every_nutrient_has_foods_and_a_cause(kb):
    for nutrient in NUTRIENTS:
        assert nutrient in kb.nutrients
        supplied = {n for food in kb.foods for n in food.nutrients}
        covered = {nutrient, *kb.nutrients[nutrient].includes}
        assert covered & supplied, nutrient


def test_every_fact_cites_a_real_document_and_section(kb):
    titles = set(kb.documents.values())
    for cause in kb.causes.values():
        for source in cause.sources():
            assert source.document in titles and source.section


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda t, lx: t["causes"].update(made_up_cause=t["causes"]["magnesium_deficiency"]),
            "causes.made_up_cause: unknown cause id",
        ),
        (lambda t, lx: t["causes"].pop("sleep_deprivation"), "no entry for contract cause(s) sleep_deprivation"),
        (
            lambda t, lx: t["causes"]["calcium_deficiency"]["mechanism"].pop("sources"),
            "causes.calcium_deficiency.mechanism: missing field 'sources'",
        ),
        (
            lambda t, lx: t["causes"]["calcium_deficiency"]["advice"][0].update(sources=[]),
            "causes.calcium_deficiency.advice[0].sources: a fact needs at least one source",
        ),
        (
            lambda t, lx: t["causes"]["potassium_deficiency"]["risk_factors"][0].update(ref="medication:aspirin"),
            "unknown medication id 'aspirin'",
        ),
        (
            lambda t, lx: t["causes"]["potassium_deficiency"]["symptoms"][0].update(ref="symptom:sneezing"),
            "causes.potassium_deficiency.symptoms[0].ref: unknown symptom id 'sneezing'",
        ),
        (
            lambda t, lx: t["causes"]["potassium_deficiency"]["symptoms"][0].update(sources=["nowhere#intro"]),
            "unknown document 'nowhere'",
        ),
        (
            lambda t, lx: t["causes"]["potassium_deficiency"]["symptoms"][0].update(sources=["fasciculations#nope"]),
            "unknown section 'nope'",
        ),
        (
            lambda t, lx: t["foods"][0].update(nutrients=[]),
            "foods[0] (leafy greens).nutrients: a food needs at least one nutrient",
        ),
        (lambda t, lx: t["foods"][2].update(nutrients=["iron"]), "foods[2] (nuts).nutrients: unknown nutrient id 'iron'"),
        (lambda t, lx: t["triage"][1].update(level="panic"), "triage.breathing.level: unknown triage level 'panic'"),
        (lambda t, lx: t["triage"][0].pop("policy"), "triage.crisis: missing field 'sources'"),
        (
            lambda t, lx: t["causes"]["stress_anxiety"]["advice"][0].update({"energy drinks": None}),
            "causes.stress_anxiety.advice[0]: unknown field(s) 'energy drinks'",
        ),
    ],
)
def test_a_broken_table_fails_at_load_naming_entry_and_field(raw, change, message):
    table, lexicon = broken(raw, change)
    with pytest.raises(TableError) as error:
        parse_table(table, lexicon)
    assert message in str(error.value)
