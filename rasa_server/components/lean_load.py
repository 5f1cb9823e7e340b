"""Rasa's TensorFlow policy (TED) loaded without a training step: less memory, a faster start.

To load a trained model, Rasa first fits it on one example so that every weight exists, then
overwrites the weights from the checkpoint. That fit runs as a TensorFlow graph: tracing the
training step (gradients through every head) takes seconds at each start and keeps hundreds of
MB of graph in the server for its whole life, for a step that is thrown away. Here the weights
are made by what uses them: prediction is traced once (as Rasa does at the end of its load),
which creates every weight prediction reads; the checkpoint is then read into them (its
training-only values, the optimizer's among them, are left unread), and prediction is traced
again so that what it keeps from its first run (the labels' embeddings) comes from the trained
weights. The answers are Rasa's to the last digit (compared on the trained model's TED by
tests/integration/test_lean_load.py); training and fine-tuning are Rasa's own.

Rasa's TEDPolicy.load turns a ValueError while loading into a policy without a model, which
predicts nothing, silently: the test compares predictions, not just that loading worked.
"""

from __future__ import annotations

from typing import Any

from rasa.utils.tensorflow.constants import RUN_EAGERLY
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel


class PredictionFirstLoad(RasaModel):
    """Put before a Rasa model class (`class X(PredictionFirstLoad, TED)`): loaded without a training step."""

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
        """Builds the model's prediction, loads the trained weights into it and traces it."""
        if finetune_mode or predict_data_example is None:
            # training continues after loading (Rasa's path keeps its optimizer), or nothing to trace with
            return super().load(model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs)
        config = kwargs.get("config", {})
        model = cls(*args, **kwargs)
        model.run_eagerly = bool(config.get(RUN_EAGERLY))
        model.run_inference(predict_data_example)  # traced: creates every weight prediction reads
        model.load_weights(model_file_name).expect_partial()  # training-only values stay unread
        # the first prediction kept the untrained labels' embeddings in its graph: trace again
        model.prepared_for_prediction = False
        model._tf_predict_step = None
        model.run_inference(predict_data_example)
        return model
