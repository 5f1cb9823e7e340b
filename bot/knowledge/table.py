"""The knowledge base from disk: the cause table (`causes.yml`) and the lexicon (`lexicon.yml`),
read and checked once (`default_kb`), and the interview (`interview.py`).

The work is done by one module per job, and every name they define can still be imported from
here: `entries.py` (what the table holds), `reader.py` (field access that names the entry and
field of an error), `causes.py` (the table's sections), `lexicon.py` and `interview.py`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from bot.knowledge.causes import CAUSE_FIELDS, FOOD_GROUPS, TABLE_PATH, parse_table
from bot.knowledge.entries import (
    Cause,
    Condition,
    Diet,
    Fact,
    Food,
    KnowledgeBase,
    Level,
    Lexicon,
    Link,
    Nutrient,
    Ref,
    RiskFactor,
    Source,
    Symptom,
    Topic,
    TriageRule,
)
from bot.knowledge.interview import INTERVIEW_PATH, Interview, Question, default_interview, parse_interview
from bot.knowledge.lexicon import LEXICON_PATH, parse_lexicon
from bot.knowledge.reader import REF_TYPES, Reader, TableError, normalise

__all__ = [
    "CAUSE_FIELDS", "FOOD_GROUPS", "INTERVIEW_PATH", "LEXICON_PATH", "REF_TYPES", "TABLE_PATH",
    "Cause", "Condition", "Diet", "Fact", "Food", "Interview", "KnowledgeBase", "Level", "Lexicon", "Link",
    "Nutrient", "Question", "Reader", "Ref", "RiskFactor", "Source", "Symptom", "TableError", "Topic", "TriageRule",
    "default_interview", "default_kb", "load", "normalise", "parse_interview", "parse_lexicon", "parse_table",
]  # fmt: skip


def load(table_path: Path = TABLE_PATH, lexicon_path: Path | None = LEXICON_PATH) -> KnowledgeBase:
    """Read and validate the table (and lexicon) from disk."""
    try:
        raw = yaml.safe_load(table_path.read_text(encoding="utf-8"))
        lexicon_raw = yaml.safe_load(lexicon_path.read_text(encoding="utf-8")) if lexicon_path else None
    except yaml.YAMLError as error:
        raise TableError(f"cannot parse YAML: {error}") from error
    return parse_table(raw, lexicon_raw)


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The project's knowledge base, loaded once on first use."""
    return load()
