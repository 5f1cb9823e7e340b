"""Rasa NLU component: the message's intent, the facts it means and the questions it asks, read
from the sentence encoder's vectors (bot/nlu/meaning.py).

Runs after the SentenceEncoder (the vectors) and the TwitchEntityExtractor (the lexicon's exact
words). Trained by `rasa train`: the intent head from the NLU data's intent examples (their
vectors come from the encoder's pass over the training data), the facts, topics and answer heads
from the example files of `data/meaning/` (their digest is part of this node's fingerprint, so an
edited example file retrains it). Sets on each message:

- `intent` and `intent_ranking` (this is the pipeline's intent classifier);
- `entities`: the lexicon's, plus every fact the classifier read that the lexicon missed
  (`extractor: MeaningClassifier`; role `unsure` for a warning sign it is unsure of);
- `reading` (in the parse data, bot/understood.py): the questions asked with their topics, what
  the message answers to each interview question, whether it is small talk, the cause or topic
  it names, and the facts read by meaning with their confidence and band. The action server
  reads this; it never reads the text again.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.table import default_interview, default_kb
from bot.nlu import clauses, meaning
from bot.nlu.meaning import ENCODING, Bands, Heads, Reading, fact_labels, load_examples, merge, read, train
from bot.texts import CONFIRM_QUESTIONS
from bot.understood import READING, Understood, understand, without_model_facts_said_no
from rasa_server.components.encoder import DEFAULT_FOLDER, ROOT, SentenceEncoder, shared_encoder

logger = logging.getLogger(__name__)

# Intents whose examples say facts (annotated or not): never taught to the facts head as "none".
FACT_INTENTS = frozenset({"describe_symptoms", "give_info"})
META_FILE, ARRAYS_FILE = "meaning.json", "meaning.npz"
RANKING_LENGTH = 10


def example_files(folder: str | Path) -> List[Path]:
    path = Path(folder)
    path = path if path.is_absolute() else ROOT / path
    return sorted(path.glob("*.yml"))


BAND_KEYS = tuple(f.name for f in dataclasses.fields(Bands))  # each a setting of the component


def askable_labels() -> frozenset[str]:
    """Warning signs with a yes/no question of their own (bot/texts.py)."""
    return frozenset(label for label in fact_labels() if label.partition(":")[2] in CONFIRM_QUESTIONS)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True
)
class MeaningClassifier(GraphComponent, EntityExtractorMixin):
    @classmethod
    def required_components(cls) -> List[Type]:
        return [SentenceEncoder]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        bands = Bands()
        return {
            "examples": "data/meaning",  # the example files of the facts, topics and answer heads
            "encoder": DEFAULT_FOLDER,  # the same encoder the SentenceEncoder reads
            **dataclasses.asdict(bands),  # the bands of bot/nlu/meaning.py, each a setting
            "random_seed": 42,
        }

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> str | None:
        """What this node reads besides the graph's inputs: the example files, and the code that
        trains the heads and cuts messages into units (Rasa's cache would otherwise keep a model
        trained by older code)."""
        files = example_files(config.get("examples", "data/meaning")) + [Path(meaning.__file__), Path(clauses.__file__)]
        return json.dumps([[f.name, f.read_text(encoding="utf-8")] for f in files])

    def __init__(
        self, config: Dict[str, Any], storage: ModelStorage, resource: Resource, heads: Heads | None = None
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage, self._resource = storage, resource
        self._heads = heads
        self._bands = Bands(**{k: type(getattr(Bands, k))(self._config[k]) for k in BAND_KEYS})
        self._askable = askable_labels()
        self._questions = tuple(q.id for q in default_interview().questions)

    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> MeaningClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> MeaningClassifier:
        with model_storage.read_from(resource) as directory:
            meta = json.loads((directory / META_FILE).read_text())
            with np.load(directory / ARRAYS_FILE) as saved:
                arrays = {key: saved[key] for key in saved.files}
        return cls(config, model_storage, resource, Heads.from_saved(meta, arrays))

    def train(self, training_data: TrainingData) -> Resource:
        interview = default_interview().questions
        examples = load_examples(example_files(self._config["examples"]), [q.id for q in interview])
        intent_examples = [m for m in training_data.intent_examples if m.get(ENCODING) is not None]
        encoder = shared_encoder(self._config["encoder"])
        self._heads = train(
            examples,
            encoder.encode,
            [(m.get(TEXT), m.get(INTENT)) for m in intent_examples],
            np.stack([m.get(ENCODING).message_vector for m in intent_examples]) if intent_examples else None,
            no_facts=[i for i, m in enumerate(intent_examples) if not m.get(ENTITIES) and m.get(INTENT) not in FACT_INTENTS],
            about={q.id: [str(ref) for ref in q.refs] for q in interview},
            seed=int(self._config["random_seed"]),
        )
        with self._storage.write_to(self._resource) as directory:
            (directory / META_FILE).write_text(json.dumps(self._heads.meta()))
            np.savez(directory / ARRAYS_FILE, **self._heads.arrays())
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self._heads is None:
            return messages
        for message in messages:
            encoding = message.get(ENCODING)
            if encoding is None:  # nothing to read (an empty message): no intent, so the fallback answers
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
                message.set(READING, Understood().as_dict(), add_to_output=True)
                continue
            reading: Reading = read(self._heads, encoding, self._bands, self._askable)
            if reading.intents:
                name, confidence = reading.intents[0]
                message.set(INTENT, {"name": name, "confidence": confidence}, add_to_output=True)
                ranking = [{"name": n, "confidence": c} for n, c in reading.intents[:RANKING_LENGTH]]
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            text: str = message.get(TEXT) or ""
            entities = merge(message.get(ENTITIES, []), reading, text, self._askable)
            message.set(ENTITIES, entities, add_to_output=True)
            said = understand(default_kb(), text, entities, reading, self._questions)
            entities = without_model_facts_said_no(entities, said, default_interview())
            message.set(ENTITIES, entities, add_to_output=True)
            message.set(READING, said.as_dict(reading), add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
