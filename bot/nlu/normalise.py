"""Text as people type it on phones and in other apps, made plain before anything reads it.

`normalise(text)` is what the NLU pipeline, and so the red-flag check, reads: Unicode NFKC
(fullwidth letters, ligatures), curly quotes and apostrophes made straight, zero-width
characters, soft hyphens and other invisible format characters removed, every kind of space
made a plain space, look-alike letters of other scripts inside Latin words (a Cyrillic "а" in
"chest pаin") made Latin, and accents dropped ("café" -> "cafe"), and chat shorthand spelt out ("hw much shud i take" -> "how
much should i take", bot/nlu/shorthand.yml), and the crisis row's words typed in disguise
("s*icide", "k!ll myself", "s u i c i d e", "kms" but not "10 kms") spelt plainly. A message wholly in another
script is left in it. The user's own text is kept unchanged for display (Rasa stores it as
said; only the parse reads this form).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

# Apostrophes, quotes and dashes that NFKC leaves as they are.
_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "\u0060": "'",
        "\u02bc": "'", "\u02b9": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u2026": "...",
    }
)  # fmt: skip

# Letters of Cyrillic and Greek that look like Latin ones, as keyboards and spam mix them in.
_LOOKALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
        "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q",
        "ԝ": "w", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
        "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H",
        "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip
# Chat shorthand ("hw much shud i take"): the words it stands for (bot/nlu/shorthand.yml).
_SHORTHAND_FILE = Path(__file__).with_name("shorthand.yml")
SHORTHAND: dict[str, str] = {str(k).lower(): str(v) for k, v in yaml.safe_load(_SHORTHAND_FILE.read_text()).items()}
_SHORTHAND_WORDS = "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True))
_SHORTHAND = re.compile(rf"(?<![\w'/])(?:{_SHORTHAND_WORDS})(?![\w'])", re.I)
# "kms" typed for "kill myself"; after a number it is kilometres ("ran 10 kms").
_KMS = re.compile(r"(?<![\w'/])(?<!\d )kms(?![\w'])", re.I)
# Words of the crisis row typed in disguise, as people do on platforms that hide them: a symbol or
# digit for a letter ("s*icide", "su1cide", "k!ll myself"), or letters spaced out ("s u i c i d e").
_DISGUISED = ("suicide", "suicidal", "kill", "killing", "unalive", "unaliving", "die", "dead")
_LEET = str.maketrans({"1": "i", "!": "i", "|": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s", "5": "s", "7": "t"})
_MASKED = re.compile(r"(?<![\w*@$!|-])[a-z0-9*@$!|]*[a-z][a-z0-9*@$!|]*[0-9*@$!|][a-z0-9*@$!|]*(?![\w*@$!|])", re.I)
_SPACED = re.compile(r"(?<!\w)(?:[a-z] ){3,}[a-z](?!\w)", re.I)


def _undisguised(word: str) -> str:
    """A crisis word from its disguise, or the word as it was."""
    plain = word.lower().translate(_LEET)
    for target in _DISGUISED:
        if len(plain) == len(target) and all(c == t or c == "*" for c, t in zip(plain, target, strict=True)):
            return target
    return word


def _unspaced(match: re.Match[str]) -> str:
    """A crisis word spelt out letter by letter, joined; any other run of letters as it was."""
    word = _undisguised(match.group().replace(" ", ""))
    return word if word in _DISGUISED else match.group()


_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"[^\S\n]+")


def _latin_word(word: str) -> str:
    """Look-alikes made Latin, but only in a word that has a Latin letter already."""
    if word.isascii() or not any("a" <= c.lower() <= "z" for c in word):
        return word
    return word.translate(_LOOKALIKES)


def _strip_accents(text: str) -> str:
    """Accents of Latin letters dropped ("café" -> "cafe"); other scripts' marks are kept."""
    out: list[str] = []
    base_is_latin = False
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.category(c) == "Mn":
            if not base_is_latin:
                out.append(c)
            continue
        base_is_latin = c.isascii()
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def normalise(text: str) -> str:
    """The plain form of `text` that the assistant reads (see the module's docstring)."""
    text = _MASKED.sub(lambda m: _undisguised(m.group()), text)
    text = _SPACED.sub(_unspaced, text)
    text = _SHORTHAND.sub(lambda m: SHORTHAND[m.group().lower()], text)
    text = _KMS.sub("kill myself", text)
    if text.isascii() and "  " not in text and "\t" not in text:
        return text  # most messages: nothing more to do
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_PUNCTUATION)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")  # zero-width, soft hyphen, BOM...
    text = "".join(" " if unicodedata.category(c) in ("Zs", "Zl", "Zp") or c in "\t\r\v\f" else c for c in text)
    text = _WORD.sub(lambda m: _latin_word(m.group()), text)
    text = _strip_accents(text)
    return _SPACES.sub(" ", text).strip()
