"""The words people use for each entity value (`lexicon.yml`), read and checked: every value of
the contract has phrases, and no phrase points to two values.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.knowledge.contract import ENTITY_VALUES, UNPHRASED_TYPES
from bot.knowledge.entries import Lexicon
from bot.knowledge.reader import TableError, normalise, unique_phrases

LEXICON_PATH = Path(__file__).resolve().parent / "lexicon.yml"


# A denial said as a correction, "actually" after its negation ("its not actually swollen", "i'm not actually dizzy"):
# the same denial (round 34 c07: the calf kept urgent after "its not actually swollen")
_NEGATION = re.compile(
    r"^(not|isn't|isnt|is not|wasn't|wasnt|was not|aren't|arent|are not|don't|dont|do not|didn't|didnt)\s+(?!actually\b)"
)


def _with_actually(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Each denial phrase that opens with its negation, said again with "actually" after it."""
    out = [_NEGATION.sub(lambda m: f"{m.group(1)} actually ", p, count=1) for p in phrases if _NEGATION.match(p)]
    return tuple(p for p in dict.fromkeys(out) if p not in phrases)


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
                said = tuple(normalise(str(p)) for p in phrases)
                parsed[etype][value] = said + (_with_actually(said) if section == "denials" else ())
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
