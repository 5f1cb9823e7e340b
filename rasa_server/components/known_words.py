"""Rasa NLU component: "yes" or "no" needs at least one word the assistant knows.

A yes or a no answers the pending question, and becomes a fact about the person: "do you
take water pills?" + "yes" means a diuretic. The intent classifier also reads letters, so a
keyboard mash ("asdfgh"), a lone emoji or "lol" can come out as a confident yes. Training
keeps the words of the training examples; when a message classified as `affirm` or `deny`
has no entity and none of its words is one of them (or a typo of one with the same first
letter, measured as the entity extractor measures typos: bot/nlu/fuzzy.py; "yess",
"nopee", "yeh"), its intent becomes `nlu_fallback`: the assistant asks to rephrase, and the
question stays open.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.fuzzy import closest, max_edits

VOCABULARY_FILE = "known_words.json"
ANSWER_INTENTS = frozenset({"affirm", "deny"})
FALLBACK_INTENT = "nlu_fallback"


def is_word(token: str) -> bool:
    """A token with a letter, a digit or a symbol such as an emoji; not "..." or "?"."""
    return any(ch.isalnum() for ch in token) or not token.isascii()


def words(message: Message) -> List[str]:
    """The message's words, lower-cased (the tokenizer's tokens, or split on spaces)."""
    tokens = [str(token.text) for token in message.get(TOKENS_NAMES[TEXT]) or []]
    if not tokens:
        tokens = str(message.get(TEXT) or "").split()
    return [token.lower() for token in tokens if token.strip() and is_word(token)]


class Vocabulary:
    """The words of the training examples."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = frozenset(word for word in known if word)
        by_first: Dict[str, List[str]] = {}
        for word in sorted(self.known):
            by_first.setdefault(word[0], []).append(word)
        self._by_first = by_first

    def knows(self, word: str) -> bool:
        if word in self.known:
            return True
        # the extractor's typo allowance, plus one typo in a three-letter answer ("yeh", "okk")
        limit = max_edits(word) or (1 if len(word) >= 3 else 0)
        return closest(word, self._by_first.get(word[0], []), limit, unique=False) is not None

    def knows_any(self, message_words: Iterable[str]) -> bool:
        return any(self.knows(word) for word in message_words)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class KnownWordsCheck(GraphComponent):
    def __init__(self, storage: ModelStorage, resource: Resource, vocabulary: Vocabulary) -> None:
        self._storage = storage
        self._resource = resource
        self.vocabulary = vocabulary

    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> KnownWordsCheck:
        return cls(model_storage, resource, Vocabulary(()))

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> KnownWordsCheck:
        with model_storage.read_from(resource) as directory:
            known = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, Vocabulary(known))

    def train(self, training_data: TrainingData) -> Resource:
        known = sorted(
            {
                word
                for example in training_data.training_examples
                if example.get(INTENT) != "not_english"  # other languages' examples are not known words
                for word in words(example)
            }
        )
        self.vocabulary = Vocabulary(known)
        with self._storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name = intent.get("name")
            if name not in ANSWER_INTENTS or message.get(ENTITIES):
                continue
            if not self.vocabulary.knows_any(words(message)):
                message.set(INTENT, {**intent, "name": FALLBACK_INTENT, "unknown_words_from": name}, add_to_output=True)
        return messages
