"""Close spellings: how far two words are, and the known word a misspelling stands for.

One notion of "close enough" for the whole NLU: the entity extractor corrects misspellings
against the lexicon's words with it ("magnesuim" -> "magnesium"), and the known-words check
(rasa_server/components/known_words.py) accepts a typo of a training word with it ("yess").
Plain Python.
"""

from __future__ import annotations

from typing import Iterable


def damerau(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, stopping early past `limit` (then `limit + 1`)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def max_edits(word: str) -> int:
    """Typos allowed in a word: none under 4 characters, one under 8, two from 8 on."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def closest(word: str, candidates: Iterable[str], limit: int | None = None, unique: bool = True) -> str | None:
    """The candidate nearest to `word` within `limit` edits (default: `max_edits(word)`).

    With `unique`, a tie between two different nearest candidates gives None (a guess would
    be a coin toss); without, the first of them.
    """
    if limit is None:
        limit = max_edits(word)
    best: tuple[int, str] | None = None
    tie = False
    for candidate in candidates:
        d = damerau(word, candidate, limit)
        if d <= limit and (best is None or d < best[0]):
            best, tie = (d, candidate), False
        elif best is not None and d == best[0] and candidate != best[1]:
            tie = True
    if best is None or (tie and unique):
        return None
    return best[1]
