"""Who the message is about: a parent asking about their child.

The triage policy sends a child to a doctor and the source documents are about adults, so
the bot must notice "my 7-year-old", "my son keeps twitching" or "our daughter (9)". An
age of 18 or more said right after ("my son is 25", "my daughter, 19,") is an adult child.
Plain regular expressions over the normalised text: no model, no lexicon entry to train.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ADULT_AGE = 18

_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
_AGE = rf"(?:\d{{1,2}}|{_NUMBER_WORDS})"
_CHILD_WORDS = (
    r"son|sons|daughter|daughters|kid|kids|child|children|boy|girl|baby|babies|toddler|infant|newborn|"
    r"teen|teenager|stepson|stepdaughter|little one|youngest|eldest|oldest"
)
# "my son", "our little girl", "my 7 year old son", "my 7-year-old", "my 14yo"
CHILD = re.compile(
    rf"\b(?:my|our)\s+(?:(?:little|young|baby|teenage|toddler|youngest|eldest|oldest|two|three)\s+)?"
    rf"(?:(?P<age>{_AGE})[\s-]*(?:years?|yrs?|yr|months?|mo|weeks?)?[\s-]*(?:old|yo)\b(?:[\s-]*(?:{_CHILD_WORDS}))?"
    rf"|(?:{_CHILD_WORDS}))\b",
    re.IGNORECASE,
)
# An age said right after the child word: "is 25", ", 25,", "(25)", "who is 30", "aged 19"
_AGE_AFTER = re.compile(r"^\W{0,3}(?:\(|,|who\s+is|is|aged|age)?\s*(?P<age>\d{1,3})\b", re.IGNORECASE)
_WORD_NUMBERS = {w: i for i, w in enumerate(_NUMBER_WORDS.split("|"), 1)}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int


def _age(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(text.lower())


def children(text: str) -> list[Mention]:
    """Where the message speaks of the writer's own child (not an adult son or daughter)."""
    out = []
    for match in CHILD.finditer(text):
        said = match.group(0).strip()
        age = _age(match.group("age")) if match.group("age") else None
        if age is None and (after := _AGE_AFTER.match(text[match.end() : match.end() + 16])):
            age = int(after.group("age"))
        if age is not None and "month" not in said.lower() and age >= ADULT_AGE:
            continue
        out.append(Mention(match.start(), match.start() + len(said)))
    return out
