"""The sentence encoder component (rasa_server/components/encoder.py), with a stand-in for the model:
each message's units encoded in one call, none twice, and the vectors every later component reads.
The real model's vectors: tests/integration/test_meaning.py."""

from __future__ import annotations

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.clauses import units
from bot.nlu.meaning import ENCODING
from ops.encoder import DEFAULT_FOLDER as unpacked_to
from ops.paths import ROOT
from rasa_server.components.encoder import BATCH, PAD_RATIO, SentenceEncoder, _batches

SHORT = "my eyelid twitches"
LONG = "my eyelid twitches. I drink a lot of coffee. I sleep badly. no weakness"  # four clauses


class StandInEncoder:
    """Unit-length vectors that differ by text; remembers every call."""

    dimensions = 8

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        rows = np.array([np.random.default_rng(sum(map(ord, t))).normal(size=self.dimensions) for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True) if len(texts) else rows.reshape(0, self.dimensions)


def component(tmp_path) -> tuple[SentenceEncoder, StandInEncoder]:
    encoder = SentenceEncoder.create({}, LocalModelStorage(tmp_path), Resource("encoder"), ExecutionContext(GraphSchema({}), "t"))
    stand_in = StandInEncoder()
    encoder._encoder = stand_in  # type: ignore[assignment]  # the model itself is loaded by the integration tests
    return encoder, stand_in


def test_every_unit_of_every_message_is_encoded_in_one_call(tmp_path):
    encoder, stand_in = component(tmp_path)
    short, blank, other = Message(data={TEXT: SHORT}), Message(data={TEXT: "   "}), Message(data={TEXT: "I drink coffee"})
    encoder.process([short, blank, other])
    assert stand_in.calls == [[SHORT, "I drink coffee"]]
    encoding = short.get(ENCODING)
    assert encoding.text == SHORT and encoding.units == tuple(units(SHORT))
    assert np.allclose(encoding.message_vector, stand_in.encode([SHORT])[0])
    assert blank.get(ENCODING) is None  # nothing to read: no vector


def test_a_message_of_many_clauses_is_not_encoded_whole_but_stands_for_its_clauses(tmp_path):
    encoder, stand_in = component(tmp_path)
    message = Message(data={TEXT: LONG})
    encoder.process([message])
    sent = stand_in.calls[0]
    assert LONG not in sent and len(sent) == len(units(LONG)) - 1  # the longest unit, the costliest, is skipped
    encoding = message.get(ENCODING)
    clauses = [v for u, v in zip(encoding.units, encoding.vectors, strict=True) if u.kind == "clause"]
    mean = np.mean(clauses, axis=0)
    assert np.allclose(encoding.message_vector, mean / np.linalg.norm(mean), atol=1e-6)


def test_training_examples_are_encoded_as_messages_are(tmp_path):
    encoder, _ = component(tmp_path)
    example, served = Message(data={TEXT: LONG, INTENT: "inform"}), Message(data={TEXT: LONG})
    encoder.process_training_data(TrainingData([example]))
    encoder.process([served])
    assert np.array_equal(example.get(ENCODING).vectors, served.get(ENCODING).vectors)


def test_a_batch_holds_at_most_batch_units_and_never_pads_one_to_more_than_twice_its_length():
    lengths = [3] * 40 + [5, 7, 20, 41]
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches = _batches(order, lengths)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= BATCH
        assert max(lengths[i] for i in batch) <= PAD_RATIO * min(lengths[i] for i in batch)


def test_the_model_is_read_from_the_folder_make_generate_unpacks_it_into():
    assert ROOT / SentenceEncoder.get_default_config()["folder"] == unpacked_to
