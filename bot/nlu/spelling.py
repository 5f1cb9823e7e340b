"""Misspelt words read as the words they stand for, for the sentence encoder only.

The encoder cuts an unknown word into pieces that mean little ("chesst" is "ch", "##ess", "##t"), so "my chesst is
realy tight" lost the chest pain it says, and misspelt warning signs were the class a held-out set missed most (set 39:
6 of 23 under-triaged). Before a text is encoded, each word of four letters or more that no vocabulary knows is
replaced by the nearest known word with the same first letter, within the typos `bot/nlu/fuzzy.py` allows (one under
eight letters, two from eight on); of several equally near, the one the encoder's own vocabulary ranks first (its
commonest). The known words: the encoder's whole-word tokens, the lexicon's words, the chat shorthand, and the words
of the training examples (so "furosemide", "twitchy" and "idk" stay as they are). The user's text itself is never
changed: the lexicon reads it with its own typo allowance, and only the vectors come from the corrected words.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from bot.nlu.fuzzy import max_edits

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?", re.IGNORECASE)
SHORTEST = 4  # shorter words are never corrected ("im", "bc", "abt" are shorthand, and a one-letter slip is a guess)
# Contractions typed without their apostrophe, and chat words, that no vocabulary of whole words holds
CHAT = frozenset(
    "dont cant wont didnt doesnt isnt wasnt arent werent havent hasnt hadnt couldnt shouldnt wouldnt mustnt aint "
    "im ive id ill youre youve youll theyre theyve thats whats theres heres hes shes its lets whos "
    "lol lmao idk tbh btw omg ngl imo smh pls plz thx gonna wanna gotta kinda sorta dunno lemme "
    "okay okey yeah yep nope nah".split()
)


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_AT = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
_VOWELS = set("aeiouy")


def _near(a: str, b: str) -> bool:
    """Keys next to each other, or two vowels (a slip or a spelling by ear)."""
    if a in _VOWELS and b in _VOWELS:
        return True
    (ra, ca), (rb, cb) = _AT.get(a, (9, 99)), _AT.get(b, (9, 99))
    return abs(ra - rb) <= 1 and abs(ca - cb) <= 1


def typos(typed: str, word: str, limit: float) -> float:
    """How far `typed` is from `word` as people mistype: a letter doubled or dropped beside its twin costs half, a key
    next to the right one or a vowel for a vowel one, two letters swapped one, any other letter one and a half; past
    `limit`, `limit + 1`."""
    if abs(len(typed) - len(word)) > limit:
        return limit + 1
    prev2: list[float] = []
    prev = [0.0]
    for j in range(1, len(word) + 1):
        prev.append(prev[-1] + (0.5 if j > 1 and word[j - 1] == word[j - 2] else 1.0))
    for i in range(1, len(typed) + 1):
        extra = 0.5 if (i > 1 and typed[i - 1] == typed[i - 2]) or (i < len(typed) and typed[i - 1] == typed[i]) else 1.0
        cur = [prev[0] + extra] + [0.0] * len(word)
        for j in range(1, len(word) + 1):
            a, b = typed[i - 1], word[j - 1]
            swap = 0.0 if a == b else 1.0 if _near(a, b) else 1.5
            dropped = 0.5 if j > 1 and word[j - 1] == word[j - 2] else 1.0
            cur[j] = min(prev[j] + extra, cur[j - 1] + dropped, prev[j - 1] + swap)
            if i > 1 and j > 1 and a == word[j - 2] and typed[i - 2] == b:
                cur[j] = min(cur[j], prev2[j - 2] + 1.0)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _depth(word: str) -> int:
    """Letters left out on each side to find candidates: one (two typos on each side of a long word would find more,
    at five times the memory: 115 MB against 25)."""
    return 1


def _deletes(word: str, depth: int) -> set[str]:
    """The word, and every word it becomes with up to `depth` letters left out."""
    out, edge = {word}, {word}
    for _ in range(depth):
        edge = {w[:i] + w[i + 1 :] for w in edge for i in range(len(w))}
        out |= edge
    return out


# Spellings that sound alike, folded to one before words are compared: "elefant" is "elephant", not "elegant"
_SOUNDS = (("ph", "f"), ("ck", "k"), ("ee", "i"), ("ea", "e"), ("ou", "u"), ("ie", "i"))


def _folded(word: str) -> str:
    for a, b in _SOUNDS:
        word = word.replace(a, b)
    return word


class Speller:
    """Corrects unknown words against a vocabulary ranked by how common each word is (lower rank, commoner)."""

    def __init__(self, ranked: Mapping[str, int], lexicon: Iterable[str] = (), extra: Iterable[str] = ()) -> None:
        known = {w.lower(): r for w, r in ranked.items() if w.isalpha()}
        last = max(known.values(), default=0) + 1
        # of equally near words, the lexicon's win ("seizre" is "seizure", not "seize"; "weeak" is "weak", not "week"),
        # then the project's other words, then the encoder's
        signs = {w.lower() for w in lexicon if w.isalpha()}
        ours = signs | {w.lower() for w in (*extra, *CHAT) if w.isalpha()}
        for word in sorted(ours):
            known.setdefault(word, last)
        self.known = known
        # every word under the words it becomes with a letter or two left out, as spelt and as it sounds: a typo and the
        # word it stands for share one of these (the candidates are found at once, not by comparing with every word)
        self._entries: list[tuple[int, int, str, str]] = []
        self._index: dict[str, list[int]] = {}
        for word, rank in sorted(known.items()):
            tier = 0 if word in signs else 1 if word in ours else 2
            entry = len(self._entries)
            self._entries.append((tier, rank, word, _folded(word)))
            for key in _deletes(word, _depth(word)) | _deletes(_folded(word), _depth(word)):
                self._index.setdefault(key, []).append(entry)
        self._cache: dict[str, str] = {}

    def word(self, word: str) -> str:
        """The known word `word` stands for: itself when known or too short, else the nearest known word."""
        lower = word.lower()
        if len(lower) < SHORTEST or lower in self.known or lower in CHAT or not lower.isalpha():
            return word
        if lower in self._cache:
            return self._cache[lower]
        limit = max_edits(lower)
        sound = _folded(lower)
        best: tuple[float, int, int, str] | None = None
        keys = _deletes(lower, _depth(lower)) | _deletes(sound, _depth(lower))
        found = sorted({e for key in keys for e in self._index.get(key, ())})
        for theirs, rank, candidate, folded in (self._entries[e] for e in found):
            if candidate[0] != lower[0]:
                continue  # the first letter is rarely the one mistyped
            d = typos(lower, candidate, limit)
            if d and (sound != lower or folded != candidate):
                d = min(d, typos(sound, folded, limit))
            if d <= limit and (best is None or (d, theirs, rank) < best[:3]):
                best = (d, theirs, rank, candidate)
        fixed = best[3] if best is not None else word
        self._cache[lower] = fixed
        return fixed

    def correct(self, text: str) -> str:
        """The text with every unknown word replaced by the word it stands for."""
        return WORD.sub(lambda m: self.word(m.group(0)), text)


def words_in(paths: Iterable[Path]) -> set[str]:
    """Every word written in the files (the lexicon, the shorthand, the training examples), lower-cased."""
    out: set[str] = set()
    for path in sorted(paths):
        out |= {w.lower() for w in WORD.findall(path.read_text(encoding="utf-8")) if w.isalpha()}
    return out


LEXICONS = ("bot/knowledge/lexicon.yml", "bot/knowledge/outside.yml", "bot/nlu/shorthand.yml")


def _strings(data: object) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def lexicon_words(root: Path) -> set[str]:
    """The words of the lexicon's entries and the other word lists (never their comments)."""
    out: set[str] = set()
    for name in LEXICONS:
        data = yaml.safe_load((root / name).read_text(encoding="utf-8"))
        out |= {w.lower() for text in _strings(data) for w in WORD.findall(text) if w.isalpha()}
    return out


def project_words(root: Path) -> set[str]:
    """The words of the training examples (data/**/*.yml)."""
    return words_in(p for p in (root / "data").rglob("*.yml") if p.is_file())
