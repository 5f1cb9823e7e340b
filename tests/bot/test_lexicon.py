"""The lexicon (bot/knowledge/lexicon.py): words for every contract value, and a broken lexicon fails naming the entry."""

import copy

import pytest
import yaml

from bot.knowledge.contract import ENTITY_VALUES, UNPHRASED_TYPES
from bot.knowledge.lexicon import LEXICON_PATH, parse_lexicon
from bot.knowledge.reader import TableError


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(LEXICON_PATH.read_text())


def test_lexicon_has_words_for_every_contract_value(kb):
    for kind, values in ENTITY_VALUES.items():
        for value in values:
            if kind not in UNPHRASED_TYPES:
                assert kb.lexicon.phrases[kind][value], f"{kind}:{value}"


def test_phrases_are_kept_in_their_plain_form(raw):
    edited = copy.deepcopy(raw)
    edited["entities"]["symptom"]["cramps"].append("  Charley   HORSE ")
    assert "charley horse" in parse_lexicon(edited).phrases["symptom"]["cramps"]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda lx: lx["entities"]["symptom"]["cramps"].append("twitching"), "lexicon: the phrase 'twitching' points to both"),
        (lambda lx: lx["entities"]["symptom"].pop("seizure"), "lexicon.entities.symptom.seizure: no phrases for this id"),
        (lambda lx: lx["entities"]["diet"].update(keto=["keto"]), "lexicon.entities.diet.keto: unknown diet id"),
        (lambda lx: lx["entities"].update(mood={"sad": ["sad"]}), "lexicon.entities.mood: unknown entity type"),
        (lambda lx: lx["denials"]["symptom"].update(cramps=[]), "lexicon.denials.symptom.cramps: no phrases"),
    ],
)
def test_a_broken_lexicon_fails_at_load_naming_the_entry(raw, change, message):
    edited = copy.deepcopy(raw)
    change(edited)
    with pytest.raises(TableError) as error:
        parse_lexicon(edited)
    assert message in str(error.value)
