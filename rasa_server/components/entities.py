"""Rasa NLU component: the contract's entities, with denial and hypothetical roles.

Runs after SpacyNLP (it reuses its parsed doc). In config.yml it is the only extractor (DIET
classifies intents only). Should another extractor run before it (DIET with its entity head
on), lexicon matches from the project's spaCy pipeline win, the other's entities are kept where
the rules found nothing and the value is a contract id, and every entity's role is set by the
project's denial-scope logic, whoever found it.

Training stores the SHA-256 of the lexicon the spaCy pipeline was built from; a model
refuses to load against a pipeline built from another lexicon, so a stale model never runs.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.exceptions import RasaException
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import labels
from bot.nlu.extract import EXTRACTOR_NAME, Extractor

STATE_FILE = "twitch_extractor.json"


class StaleModelError(RasaException):
    """The model was trained against a spaCy pipeline built from another lexicon."""


def pipeline_sha(model: SpacyModel) -> str:
    return str((model.model.meta.get("twitch") or {}).get("lexicon_sha", ""))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True, model_from="SpacyNLP")
class TwitchEntityExtractor(GraphComponent, EntityExtractorMixin):
    @classmethod
    def required_components(cls) -> List[Type]:
        return [SpacyNLP]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            # keep entities of an extractor that runs before (DIET's entity head, when on) where the lexicon found nothing
            "keep_other_extractors": True,
            # part of the node's fingerprint: a changed lexicon retrains this node, where Rasa's
            # cache would otherwise reuse its output (the spaCy model's fingerprint is its name)
            "lexicon_sha": labels.lexicon_sha(labels.LEXICON_PATH),
        }

    def __init__(self, config: Dict[str, Any], storage: ModelStorage, resource: Resource, lexicon_sha: str | None):
        self._config = {**self.get_default_config(), **config}
        self._storage = storage
        self._resource = resource
        self._lexicon_sha = lexicon_sha
        self._extractor: Extractor | None = None

    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> TwitchEntityExtractor:
        return cls(config, model_storage, resource, None)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TwitchEntityExtractor:
        try:
            with model_storage.read_from(resource) as directory:
                state = json.loads((directory / STATE_FILE).read_text())
        except (ValueError, FileNotFoundError, OSError) as error:
            raise StaleModelError(
                f"{EXTRACTOR_NAME}: the model has no lexicon state ({error}); retrain with `make train`."
            ) from error
        return cls(config, model_storage, resource, state.get("lexicon_sha"))

    def train(self, training_data: TrainingData, model: SpacyModel) -> Resource:
        self._lexicon_sha = pipeline_sha(model)
        with self._storage.write_to(self._resource) as directory:
            (directory / STATE_FILE).write_text(json.dumps({"lexicon_sha": self._lexicon_sha}))
        return self._resource

    def _extractor_for(self, model: SpacyModel) -> Extractor:
        if self._extractor is None or self._extractor.nlp is not model.model:
            current = pipeline_sha(model)
            if self._lexicon_sha is not None and current != self._lexicon_sha:
                raise StaleModelError(
                    f"{EXTRACTOR_NAME}: this model was trained with lexicon {self._lexicon_sha[:12]}, but the spaCy "
                    f"pipeline at '{model.model_name}' was built from lexicon {current[:12]}. Retrain with `make train`."
                )
            self._extractor = Extractor(model.model)
        return self._extractor

    def process_training_data(self, training_data: TrainingData, model: SpacyModel) -> TrainingData:
        return training_data

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        extractor = self._extractor_for(model)
        for message in messages:
            text = message.get(TEXT) or ""
            others = message.get(ENTITIES, []) if self._config["keep_other_extractors"] else []
            entities = extractor.extract(text, doc=message.get(SPACY_DOCS[TEXT]), extra=others)
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
