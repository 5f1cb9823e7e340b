"""LeanDIETClassifier: a model loaded the lean way answers exactly like the model as it was trained.

(Rasa's own load gives the trained model's answers too; comparing with the trained model
spares the test Rasa's load, which traces the whole training graph: over a minute.)"""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import EPOCHS, RANDOM_SEED, RUN_EAGERLY

from rasa_server.components.diet import LeanDIETClassifier

EXAMPLES = [
    ("my eyelid keeps twitching", "describe_symptoms", [("eyelid", "body_part")]),
    ("my calf has been jumping", "describe_symptoms", [("calf", "body_part")]),
    ("my thumb twitches at night", "describe_symptoms", [("thumb", "body_part")]),
    ("I drink lots of coffee", "give_info", [("coffee", "lifestyle_factor")]),
    ("I sleep badly", "give_info", [("sleep", "lifestyle_factor")]),
    ("too much coffee and bad sleep", "give_info", [("coffee", "lifestyle_factor")]),
    ("hello", "greet", []),
    ("hi there", "greet", []),
    ("good morning", "greet", []),
]
PROBES = ["my eyelid is twitching", "hi", "lots of coffee", "my calf and thumb jump"]


def message(text, intent=None, entities=()):
    data = {TEXT: text}
    if intent:
        data[INTENT] = intent
        data[ENTITIES] = [
            {"entity": kind, "value": word, "start": text.index(word), "end": text.index(word) + len(word)}
            for word, kind in entities
        ]
    return Message(data=data)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A tiny DIET trained and persisted by LeanDIETClassifier, and a loader that parses probes."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("diet"))
    context = ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(CountVectorsFeaturizer.get_default_config(), storage, Resource("cvf"), context)
    data = TrainingData([message(*example) for example in EXAMPLES])
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    config = {**LeanDIETClassifier.get_default_config(), EPOCHS: 40, RANDOM_SEED: 1, "evaluate_on_number_of_examples": 0}
    resource = Resource("diet")
    # trained eagerly: tracing the training step would cost a minute for nine examples
    as_trained = LeanDIETClassifier.create({**config, RUN_EAGERLY: True}, storage, resource, context)
    as_trained.train(data)

    def parse(component):
        messages = [message(text) for text in PROBES]
        tokenizer.process(messages)
        featurizer.process(messages)
        component.process(messages)
        return [
            (
                [(r["name"], round(r["confidence"], 6)) for r in m.get(INTENT_RANKING_KEY)],
                [(e["entity"], e["value"], round(e["confidence_entity"], 6)) for e in m.get(ENTITIES, [])],
            )
            for m in messages
        ]

    loaded = LeanDIETClassifier.load(config, storage, resource, context)
    return {"trained": parse(as_trained), "loaded": parse(loaded), "component": loaded}


def test_lean_load_answers_exactly_like_the_trained_model(trained):
    assert trained["loaded"] == trained["trained"]
    assert any(entities for _, entities in trained["loaded"])  # the entity head is exercised too


def test_lean_model_predicts_as_a_traced_graph(trained):
    component = trained["component"]
    # no training step was run, and prediction is traced, as with Rasa's own load
    assert component.model.run_eagerly is False
    assert component.model._tf_predict_step is not None
