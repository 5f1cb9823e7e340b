"""DIETClassifier that loads in about 570 MB less memory.

To load a trained DIET model, Rasa first fits it on one example so that every weight
exists, then overwrites the weights from the checkpoint. That fit runs as a TensorFlow
graph, and tracing the training step (gradients through the entity and role CRF heads)
keeps about 570 MB of graph in the server for its whole life, for a step that is thrown
away. Here that one warm-up step runs eagerly instead; the weights are then loaded as
before, and prediction is traced as a graph exactly as in Rasa, so the answers and their
speed are unchanged. Training and fine-tuning are Rasa's own.
"""

from __future__ import annotations

from typing import Any, Type

import tensorflow as tf
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIET, DIETClassifier
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel


class EagerWarmupDIET(DIET):
    """Rasa's DIET model whose load-time warm-up step runs eagerly."""

    @classmethod
    def load(
        cls,
        model_file_name: str,
        model_data_example: RasaModelData,
        predict_data_example: RasaModelData | None = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> RasaModel:
        """Builds the model, loads the trained weights and traces prediction."""
        if finetune_mode:
            # training continues after loading: keep Rasa's path (and its optimizer)
            return super().load(model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs)
        config = kwargs.get("config", {})
        model = cls(*args, **kwargs)
        model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=True)
        model.fit(RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False)
        model.load_weights(model_file_name)
        # back to graph mode: Rasa's prediction reads this flag to decide to trace
        model.run_eagerly = bool(config.get(RUN_EAGERLY))
        model.train_function = None
        if predict_data_example:
            # the first prediction traces the graph; do it now rather than on a user's turn
            model.run_inference(predict_data_example)
        return model


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class LeanDIETClassifier(DIETClassifier):
    """Rasa's DIETClassifier, with the model that loads in less memory."""

    @staticmethod
    def model_class() -> Type[RasaModel]:
        """The model class that this component trains and loads."""
        return EagerWarmupDIET
