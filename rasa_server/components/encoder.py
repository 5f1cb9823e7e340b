"""Rasa NLU component: every message encoded once by a pretrained sentence encoder.

all-MiniLM-L6-v2 (rasa_server/encoder_files.py: shipped in a PyPI package, unpacked and
checked at setup, never fetched at run time) runs in TensorFlow through transformers 4.36's
TFBertModel, inside one `tf.function` traced at load, so a message costs one graph call. Each
message is cut into units (bot/nlu/clauses.py: the whole message, its clauses, neighbouring
pairs); all of them are encoded in that call and mean-pooled as the model was trained, and the
`Encoding` is set on the message for every later component to read (the meaning classifier,
the intent classifier). Nothing else encodes text.

Training examples are encoded as messages are (the intent head trains on their message vectors).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any, Dict, List, Sequence

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import spelling
from bot.nlu.clauses import Unit, units
from bot.nlu.meaning import ENCODING, Encoding
from bot.nlu.spelling import Speller, lexicon_words, project_words
from rasa_server import encoder_files

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_FOLDER = f"build/encoder/{encoder_files.FOLDER_NAME}"
MAX_TOKENS = 128  # a unit longer than this is cut (its clauses are encoded on their own too)
BATCH = 32  # units per graph call
# Units are sorted by length and a batch ends where padding would more than double its size.
PAD_RATIO = 2.0


class Encoder:
    """The model and its tokenizer, loaded once; `encode` gives unit-length vectors."""

    def __init__(self, folder: Path) -> None:
        encoder_files.check(folder)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never look anything up on a hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import tensorflow as tf
        from tokenizers import Tokenizer
        from transformers import TFBertModel
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()  # "weights initialized from the PyTorch model" is expected
        self.folder = folder
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()
        model = TFBertModel.from_pretrained(str(folder))
        spec = tf.TensorSpec([None, None], tf.int32)

        @tf.function(input_signature=[spec, spec])
        def pooled(ids: Any, mask: Any) -> Any:
            hidden = model(input_ids=ids, attention_mask=mask, training=False).last_hidden_state
            weights = tf.cast(mask, hidden.dtype)[:, :, None]
            mean = tf.reduce_sum(hidden * weights, axis=1) / tf.maximum(tf.reduce_sum(weights, axis=1), 1e-9)
            return tf.math.l2_normalize(mean, axis=1)

        self._model = model
        self._pooled = pooled
        self._tf = tf
        self._lock = threading.Lock()  # one graph call at a time: the server's threads share the model
        self.dimensions = int(model.config.hidden_size)
        vocabulary = self._tokenizer.get_vocab()  # whole-word tokens, ranked by id (commoner first)
        ranked = {w: i for w, i in vocabulary.items() if w.isalpha()}
        self.speller = Speller(ranked, lexicon_words(ROOT), project_words(ROOT))
        self.encode(["warm up the graph"])  # traced now, not on the first user's message

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text (mean of the token vectors, as the model was trained), each read with its
        misspelt words as the words they stand for (bot/nlu/spelling.py)."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return out
        texts = [self.speller.correct(t) for t in texts]
        encoded = self._tokenizer.encode_batch([t or " " for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        for batch in _batches(order, [len(e.ids) for e in encoded]):
            width = max(len(encoded[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int32)
            mask = np.zeros((len(batch), width), dtype=np.int32)
            for row, i in enumerate(batch):
                n = len(encoded[i].ids)
                ids[row, :n] = encoded[i].ids
                mask[row, :n] = 1
            with self._lock:
                vectors = self._pooled(self._tf.constant(ids), self._tf.constant(mask)).numpy()
            out[batch] = vectors
        return out


def _batches(order: List[int], lengths: List[int]) -> List[List[int]]:
    """Indexes in length order, cut into batches of at most BATCH with bounded padding."""
    batches: List[List[int]] = []
    for i in order:
        if batches and len(batches[-1]) < BATCH and lengths[i] <= PAD_RATIO * max(1, lengths[batches[-1][0]]):
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


_LOADED: Dict[Path, Encoder] = {}
_LOADING = threading.Lock()


def shared_encoder(folder: str | Path = DEFAULT_FOLDER) -> Encoder:
    """The encoder of `folder` (relative to the project), loaded on first use, once per process."""
    path = Path(folder)
    path = (path if path.is_absolute() else ROOT / path).resolve()
    with _LOADING:
        if path not in _LOADED:
            _LOADED[path] = Encoder(path)
        return _LOADED[path]


def encode_messages(encoder: Encoder, texts: Sequence[str]) -> List[Encoding]:
    """The units of each text and their vectors, every unit of every text in one `encode` call.

    A message of three clauses or more is never read whole (its neighbouring pairs stand for it,
    bot/nlu/meaning.py): its own vector, which the intent and the answers read, is the mean of
    its clauses' instead of a second, longest, encoding (the encoder's cost is its tokens)."""
    plans = []
    wanted: List[str] = []
    for text in texts:
        parts: List[Unit] = units(text) or [Unit(0, len(text), "message")]
        derived = sum(u.kind == "clause" for u in parts) >= 3
        rows = []
        for u in parts:
            if derived and u.kind == "message":
                rows.append(-1)
            else:
                rows.append(len(wanted))
                wanted.append(text[u.start : u.end])
        plans.append((text, parts, rows))
    encoded = encoder.encode(wanted)
    out = []
    for text, parts, rows in plans:
        vectors = np.zeros((len(parts), encoder.dimensions), dtype=np.float32)
        for i, row in enumerate(rows):
            if row >= 0:
                vectors[i] = encoded[row]
        clause_rows = [i for i, u in enumerate(parts) if u.kind == "clause"]
        for i, row in enumerate(rows):
            if row < 0:
                mean = vectors[clause_rows].mean(axis=0)
                vectors[i] = mean / max(float(np.linalg.norm(mean)), 1e-9)
        out.append(Encoding(text, tuple(parts), vectors))
    return out


def encode_message(encoder: Encoder, text: str) -> Encoding:
    return encode_messages(encoder, [text])[0]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEncoder(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # the unpacked model's folder, relative to the project (ops/encoder.py puts it there)
        return {"folder": DEFAULT_FOLDER}

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> str | None:
        """What this node reads besides the graph's inputs: the spelling pass's code and the words it knows (Rasa's cache
        would otherwise keep training examples encoded through older corrections; a stale cache trained the intent head
        on them once, and 'what could be causing it?' lost its intent)."""
        words = sorted(lexicon_words(ROOT) | project_words(ROOT))
        return hashlib.sha256(json.dumps([Path(spelling.__file__).read_text(encoding="utf-8"), words]).encode()).hexdigest()

    def __init__(self, config: Dict[str, Any]) -> None:
        self._folder = str({**self.get_default_config(), **config}["folder"])
        self._encoder: Encoder | None = None

    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> SentenceEncoder:
        return cls(config)

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = shared_encoder(self._folder)
        return self._encoder

    def process(self, messages: List[Message]) -> List[Message]:
        readable = [m for m in messages if isinstance(m.get(TEXT), str) and m.get(TEXT).strip()]
        for message, encoding in zip(readable, encode_messages(self.encoder, [m.get(TEXT) for m in readable]), strict=True):
            message.set(ENCODING, encoding)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """The training examples encoded as a message is: their message vectors train the intent head."""
        examples = [m for m in training_data.training_examples if isinstance(m.get(TEXT), str) and m.get(TEXT).strip()]
        for message, encoding in zip(examples, encode_messages(self.encoder, [m.get(TEXT) for m in examples]), strict=True):
            message.set(ENCODING, encoding)
        return training_data
