"""Rasa NLU component: the message text every later component reads is its plain form.

First in the pipeline (config.yml), before spaCy: curly apostrophes, invisible characters,
odd spaces, fullwidth letters, look-alike letters of other scripts and accents are made plain
by `bot.nlu.normalise`, so "i can’t breathe" (a phone's apostrophe) is read, and escalates,
exactly as "i can't breathe". The user's own text is kept as said in the conversation.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.normalise import normalise

# The message as the user typed it, for what must see their own characters (language check).
TEXT_AS_TYPED = "text_as_typed"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class TextNormaliser(GraphComponent):
    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> TextNormaliser:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                plain = normalise(text)
                if plain != text:
                    message.set(TEXT_AS_TYPED, text)
                    message.set(TEXT, plain)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
