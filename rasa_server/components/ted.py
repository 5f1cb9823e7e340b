"""TEDPolicy loaded without Rasa's throwaway training step (lean_load.py): a Rasa server starts seconds sooner
and keeps less memory; training and predictions are Rasa's own."""

from __future__ import annotations

from typing import Type

from rasa.core.policies.ted_policy import TED, TEDPolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from rasa_server.components.lean_load import PredictionFirstLoad


class LeanTED(PredictionFirstLoad, TED):
    """Rasa's TED model loaded without a training step (lean_load.py)."""


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITH_END_TO_END_SUPPORT, is_trainable=True)
class LeanTEDPolicy(TEDPolicy):
    """Rasa's TEDPolicy, with the model that loads faster and in less memory."""

    @staticmethod
    def model_class() -> Type[TED]:
        """The model class that this policy trains and loads."""
        return LeanTED
