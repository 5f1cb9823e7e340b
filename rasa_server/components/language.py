"""Rasa NLU component: a message that is not English gets intent `not_english`, never a guess.

Runs last. `bot.nlu.language` decides from the message as typed (before normalisation), the
facts the lexicon found, the English words it knows (the lexicon's phrases and the words of
the English training examples, kept at training) and, last, py3langid's model. A message in
another language becomes `not_english` (with its `language` code in the parse) and gets the
English-only answer with the emergency signs; an English message that DIET took for
`not_english` gets its next intent instead.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Set, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.language import WORD, Language, load_identifier
from rasa_server.components.normaliser import TEXT_AS_TYPED

NOT_ENGLISH = "not_english"
FALLBACK_INTENT = "nlu_fallback"
FACT_TYPES = {"symptom", "lifestyle_factor", "medication", "nutrient", "diet", "body_part"}
WORDS_FILE = "english_words.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True, model_from="SpacyNLP")
class LanguageCheck(GraphComponent):
    @classmethod
    def required_components(cls) -> List[Type]:
        return [SpacyNLP]

    def __init__(self, storage: ModelStorage, resource: Resource, trained_words: Set[str]) -> None:
        self._storage, self._resource = storage, resource
        self.trained_words = trained_words
        self._language: Language | None = None

    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> LanguageCheck:
        return cls(model_storage, resource, set())

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LanguageCheck:
        with model_storage.read_from(resource) as directory:
            words = set(json.loads((directory / WORDS_FILE).read_text(encoding="utf-8")))
        return cls(model_storage, resource, words)

    def train(self, training_data: TrainingData, model: SpacyModel | None = None) -> Resource:
        words = sorted(
            {
                w
                for example in training_data.intent_examples
                if example.get(INTENT) != NOT_ENGLISH
                for w in WORD.findall(str(example.get(TEXT) or "").lower())
            }
        )
        self.trained_words = set(words)
        with self._storage.write_to(self._resource) as directory:
            (directory / WORDS_FILE).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
        return self._resource

    def process_training_data(self, training_data: TrainingData, model: SpacyModel | None = None) -> TrainingData:
        return training_data

    def _checker(self, model: SpacyModel) -> Language:
        if self._language is None:
            nlp = model.model
            lexicon = {
                w for p in nlp.get_pipe("span_ruler").patterns if isinstance(p["pattern"], str) for w in p["pattern"].split()
            }
            # not spaCy's word table: built for spelling, it holds "tengo", "bonjour" and "ich" too
            self._language = Language(frozenset(self.trained_words | lexicon), load_identifier())
        return self._language

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        checker = self._checker(model)
        for message in messages:
            text = str(message.get(TEXT_AS_TYPED) or message.get(TEXT) or "")
            has_facts = any(e.get("entity") in FACT_TYPES for e in message.get(ENTITIES) or [])
            code = checker.of(text, has_facts)
            message.set("language", code, add_to_output=True)
            intent = message.get(INTENT) or {}
            if code != "en":
                guessed = {"name": NOT_ENGLISH, "confidence": 1.0, "language_of": intent.get("name")}
                message.set(INTENT, guessed, add_to_output=True)
            elif intent.get("name") == NOT_ENGLISH:
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != NOT_ENGLISH]
                nxt = ranking[0] if ranking else {"name": FALLBACK_INTENT, "confidence": 1.0}
                message.set(INTENT, {**nxt, "read_as_english_from": NOT_ENGLISH}, add_to_output=True)
        return messages
