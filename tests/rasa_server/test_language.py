"""The language check (rasa_server/components/language.py): a message in another language gets
`not_english` and its code, never a guess; an English one DIET took for another language gets its
next intent. Trained, persisted and loaded back as the server does, over a small spaCy pipeline."""

from __future__ import annotations

import pytest
import spacy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_server.components.language import FALLBACK_INTENT, NOT_ENGLISH, LanguageCheck
from rasa_server.components.normaliser import TEXT_AS_TYPED
from tests.conftest import entity

TRAINING = [
    ("my eyelid keeps twitching", "inform"),
    ("I drink a lot of coffee and sleep badly", "inform"),
    ("hello there", "greet"),
    ("hola, tengo un tic en el ojo", NOT_ENGLISH),  # its words are not English words
]
SPANISH = "hola, tengo un tic en el ojo desde hace una semana"


@pytest.fixture(scope="module")
def spacy_model() -> SpacyModel:
    nlp = spacy.blank("en")
    nlp.add_pipe("span_ruler").add_patterns([{"label": "symptom", "pattern": "muscle spasm"}])
    return SpacyModel(model=nlp, model_name="blank_en")


@pytest.fixture(scope="module")
def check(tmp_path_factory) -> LanguageCheck:
    storage = LocalModelStorage(tmp_path_factory.mktemp("language"))
    resource = Resource("language_check")
    context = ExecutionContext(GraphSchema({}), "test")
    data = TrainingData([Message(data={TEXT: text, INTENT: intent}) for text, intent in TRAINING])
    LanguageCheck.create({}, storage, resource, context).train(data)
    return LanguageCheck.load({}, storage, resource, context)


def read(check, spacy_model, text, intent="inform", ranking=(), **data):
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.6}, INTENT_RANKING_KEY: list(ranking), **data})
    check.process([message], spacy_model)
    return message


def test_a_message_in_another_language_gets_not_english_and_its_code(check, spacy_model):
    message = read(check, spacy_model, SPANISH)
    assert message.get(INTENT) == {"name": NOT_ENGLISH, "confidence": 1.0, "language_of": "inform"}
    assert message.get("language") == "es"
    assert "language" in message.as_dict(only_output_properties=True)  # in the parse the actions read


@pytest.mark.parametrize("text", ["my eyelid keeps twitching since monday", "ok", "😀", "muscle spasm in my leg"])
def test_an_english_message_keeps_its_intent(check, spacy_model, text):
    message = read(check, spacy_model, text)
    assert message.get(INTENT)["name"] == "inform" and message.get("language") == "en"


def test_an_english_message_diet_took_for_another_language_gets_its_next_intent(check, spacy_model):
    ranking = [{"name": NOT_ENGLISH, "confidence": 0.6}, {"name": "inform", "confidence": 0.3}, {"name": "greet", "confidence": 0.1}]
    message = read(check, spacy_model, "I drink a lot of coffee", NOT_ENGLISH, ranking)
    assert message.get(INTENT) == {"name": "inform", "confidence": 0.3, "read_as_english_from": NOT_ENGLISH}
    alone = read(check, spacy_model, "I drink a lot of coffee", NOT_ENGLISH)
    assert alone.get(INTENT)["name"] == FALLBACK_INTENT


def test_a_fact_the_lexicon_found_makes_a_message_english_unless_it_stands_alone_in_another_language(check, spacy_model):
    mixed = read(check, spacy_model, "my ojo is twitching since lunes", **{ENTITIES: [entity("symptom", "twitching")]})
    assert mixed.get("language") == "en" and mixed.get(INTENT)["name"] == "inform"
    # "tic" is a Spanish word too: the policy's English-only notice with the emergency signs (blind round 6:
    # this message got "I can only help with muscle twitching")
    spanish = read(check, spacy_model, SPANISH, **{ENTITIES: [entity("symptom", "twitching")]})
    assert spanish.get("language") == "es" and spanish.get(INTENT)["name"] == NOT_ENGLISH


def test_the_words_of_examples_in_another_language_are_not_kept_as_english(check):
    assert {"eyelid", "coffee", "hello"} <= check.trained_words
    assert not {"hola", "tengo", "ojo"} & check.trained_words


def test_the_language_is_told_from_the_message_as_typed(check, spacy_model):
    message = read(check, spacy_model, "my eyelid keeps twitching", **{TEXT_AS_TYPED: SPANISH})
    assert message.get("language") == "es" and message.get(INTENT)["name"] == NOT_ENGLISH
