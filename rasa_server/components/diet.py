"""DIETClassifier loaded without Rasa's throwaway training step: less memory, a faster start (lean_load.py).

Rasa fits a loaded DIET on one example before it reads the trained weights; traced as a graph,
that step (gradients through every head) stays in the server's memory for its whole life.
"""

from __future__ import annotations

from typing import Type

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIET, DIETClassifier
from rasa.utils.tensorflow.models import RasaModel

from rasa_server.components.lean_load import PredictionFirstLoad


class LeanDIET(PredictionFirstLoad, DIET):
    """Rasa's DIET model loaded without a training step (lean_load.py)."""


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class LeanDIETClassifier(DIETClassifier):
    """Rasa's DIETClassifier, with the model that loads in less memory."""

    @staticmethod
    def model_class() -> Type[RasaModel]:
        """The model class that this component trains and loads."""
        return LeanDIET
