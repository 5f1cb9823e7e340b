"""The words people use for each entity value (`lexicon.yml`), read and checked: every value of
the contract has phrases, and no phrase points to two values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.knowledge.contract import ENTITY_VALUES, UNPHRASED_TYPES
from bot.knowledge.entries import Lexicon
from bot.knowledge.reader import TableError, normalise, unique_phrases

LEXICON_PATH = Path(__file__).resolve().parent / "lexicon.yml"


def parse_lexicon(raw: Any) -> Lexicon:
    if not isinstance(raw, dict):
        raise TableError("lexicon: expected a mapping at the top level")
    sections: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    for section in ("entities", "denials"):
        parsed: dict[str, dict[str, tuple[str, ...]]] = {}
        for etype, values in (raw.get(section) or {}).items():
            if etype not in ENTITY_VALUES:
                raise TableError(f"lexicon.{section}.{etype}: unknown entity type")
            parsed[etype] = {}
            for value, phrases in (values or {}).items():
                if value not in ENTITY_VALUES[etype]:
                    raise TableError(f"lexicon.{section}.{etype}.{value}: unknown {etype} id")
                if not phrases:
                    raise TableError(f"lexicon.{section}.{etype}.{value}: no phrases")
                parsed[etype][value] = tuple(normalise(str(p)) for p in phrases)
        sections[section] = parsed
    for etype, values in ENTITY_VALUES.items():
        if etype in UNPHRASED_TYPES:
            continue
        for value in values:
            if value not in sections["entities"].get(etype, {}):
                raise TableError(f"lexicon.entities.{etype}.{value}: no phrases for this id")
    pairs = [
        (p, f"{etype}:{value}" + (" (denied)" if section == "denials" else ""))
        for section, parsed in sections.items()
        for etype, values in parsed.items()
        for value, phrases in values.items()
        for p in phrases
    ]
    unique_phrases(pairs, "lexicon")
    return Lexicon(sections["entities"], sections["denials"])
