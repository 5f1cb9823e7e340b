"""What the spaCy pipeline built from the lexicon (ops/build_spacy.py) and the extractor
(bot/nlu/extract.py) agree on: where the spans are kept, how a span is labelled, the table of
known words, and the lexicon's fingerprint."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.knowledge.table import LEXICON_PATH

SPANS_KEY = "twitch"
KNOWN_WORDS_TABLE = "twitch_known_words"


def lexicon_sha(path: Path = LEXICON_PATH) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def label(kind: str, value: str, denial: bool = False) -> str:
    """Span label: `symptom|cramps`, or `deny|lifestyle_factor|poor_sleep` for a denial phrase."""
    return f"{'deny|' if denial else ''}{kind}|{value}"


def parse_label(text: str) -> tuple[str, str, bool]:
    parts = text.split("|")
    if parts[0] == "deny":
        return parts[1], parts[2], True
    return parts[0], parts[1], False
