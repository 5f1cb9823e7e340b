"""Numbers written as words, for the NLU's rules: durations ("two weeks") and hours of sleep.

Plain Python. bot/nlu/duration.py adds the quantities only durations use ("a", "a few",
"a couple of", "half a").
"""

from __future__ import annotations

import re
from typing import Iterable

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

DIGITS = r"\d+(?:\.\d+)?"


def words_up_to(highest: int) -> list[str]:
    """The number words for 1 to `highest`, in order."""
    return [word for word, n in NUMBER_WORDS.items() if n <= highest]


def number_pattern(words: Iterable[str]) -> str:
    """A regex group matching digits (decimals too) or one of `words`, the longest first."""
    return rf"({DIGITS}|" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"


def value(text: str) -> float:
    """The number that digits or a number word stand for: "3" -> 3.0, "Three" -> 3.0."""
    text = text.strip().lower()
    return float(text) if re.fullmatch(DIGITS, text) else float(NUMBER_WORDS[text])
