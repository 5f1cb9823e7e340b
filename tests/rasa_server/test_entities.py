"""The Rasa component, rasa-nlu-examples style: a Message in, entities out; a stale model refuses to run."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_server.components.entities import StaleModelError, TwitchEntityExtractor


@pytest.fixture
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


@pytest.fixture
def spacy_model(spacy_nlp):
    return SpacyModel(model=spacy_nlp, model_name="twitch")


def trained(storage, spacy_model, config=None):
    resource = Resource("twitch_extractor")
    context = ExecutionContext(GraphSchema({}), "test")
    component = TwitchEntityExtractor.create(
        {**TwitchEntityExtractor.get_default_config(), **(config or {})}, storage, resource, context
    )
    component.train(TrainingData(), spacy_model)
    return TwitchEntityExtractor.load(
        {**TwitchEntityExtractor.get_default_config(), **(config or {})}, storage, resource, context
    )


def run(component, spacy_model, text, entities=()):
    message = Message(data={TEXT: text, ENTITIES: list(entities)})
    component.process([message], spacy_model)
    return [(e["entity"], e["value"], e.get("role")) for e in message.get(ENTITIES)]


def test_a_message_gets_contract_entities_with_roles(storage, spacy_model):
    component = trained(storage, spacy_model)
    assert run(component, spacy_model, "no weakness but my calves cramp, for a week") == [
        ("symptom", "weakness", "absent"), ("body_part", "calf", None), ("symptom", "cramps", None), ("duration", "7", None),
    ]  # fmt: skip


def test_diet_entities_fill_gaps_and_get_roles_but_never_override_the_lexicon(storage, spacy_model):
    component = trained(storage, spacy_model)
    diet_says = [
        {"entity": "symptom", "value": "cramps", "start": 3, "end": 11, "extractor": "DIETClassifier"},  # overlaps "weakness"
        {
            "entity": "symptom",
            "value": "spasms",
            "start": 15,
            "end": 22,
            "extractor": "DIETClassifier",
        },  # "zappies": rules miss it
        {"entity": "symptom", "value": "sneezing", "start": 0, "end": 2, "extractor": "DIETClassifier"},  # not a contract id
    ]
    assert run(component, spacy_model, "no weakness or zappies", diet_says) == [
        ("symptom", "weakness", "absent"), ("symptom", "spasms", "absent"),
    ]  # fmt: skip


def test_other_extractors_can_be_ignored(storage, spacy_model):
    component = trained(storage, spacy_model, {"keep_other_extractors": False})
    other = [{"entity": "symptom", "value": "spasms", "start": 0, "end": 7}]
    assert run(component, spacy_model, "zappies", other) == []


def test_a_model_trained_with_another_lexicon_refuses_to_run(storage, spacy_model, spacy_nlp):
    component = trained(storage, spacy_model)
    original = dict(spacy_nlp.meta["twitch"])
    try:
        spacy_nlp.meta["twitch"] = {"lexicon_sha": "0" * 64}
        with pytest.raises(StaleModelError, match="Retrain with `make train`"):
            run(component, SpacyModel(model=spacy_nlp, model_name="changed"), "cramps")
    finally:
        spacy_nlp.meta["twitch"] = original


def test_an_edited_lexicon_changes_the_nodes_training_fingerprint(tmp_path, monkeypatch, spacy_model):
    """Rasa reuses a node's cached training output when its fingerprint is unchanged: an edited
    lexicon must retrain the extractor, or the new model refuses to run (stale lexicon)."""
    from rasa.engine.training.fingerprinting import calculate_fingerprint_key

    from bot.nlu import labels

    def key():
        config = TwitchEntityExtractor.get_default_config()
        return calculate_fingerprint_key(TwitchEntityExtractor, config, {"model": spacy_model})

    before = key()
    edited = tmp_path / "lexicon.yml"
    edited.write_text(labels.LEXICON_PATH.read_text(encoding="utf-8") + "\n# a new phrase\n", encoding="utf-8")
    monkeypatch.setattr(labels, "LEXICON_PATH", edited)
    assert key() != before
