"""Which number to call, where the person is: the emergency number and, where there is a national one, a free
crisis line, by the country they say they are in (bot/knowledge/numbers.yml).

"what number do i call? i am in spain" during an emergency got "I can't help with that one" (round 35 c28); "im in
australia" after a crisis answer got the US and UK lines again. Plain regular expressions over the words the file
lists: the country and the ask are exact, no model reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

NUMBERS_PATH = Path(__file__).resolve().parent / "knowledge" / "numbers.yml"


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    emergency: str
    crisis: str | None = None


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    data = yaml.safe_load(NUMBERS_PATH.read_text(encoding="utf-8"))["countries"]
    return {cid: Country(cid, str(e["name"]), str(e["emergency"]), e.get("crisis")) for cid, e in data.items()}


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], dict[str, str]]:
    data = yaml.safe_load(NUMBERS_PATH.read_text(encoding="utf-8"))["countries"]
    by_name = {str(n).lower(): cid for cid, e in data.items() for n in e["names"]}
    words = "|".join(sorted(map(re.escape, by_name), key=len, reverse=True))
    # where they are: "i am in spain", "we're on holiday in crete", "here in the uk", "visiting portugal"; where they
    # come from only when nothing says where they are ("im from canada, is it 911 here?")
    at = re.compile(rf"\b(?:in|to|visiting|at)\s+(?:the\s+)?(?P<name>{words})(?![\w.])", re.IGNORECASE)
    origin = re.compile(rf"\bfrom\s+(?:the\s+)?(?P<name>{words})(?![\w.])", re.IGNORECASE)
    return (at, origin), by_name


def country_in(text: str) -> str | None:
    """The country the writer says they are in or at, if they name one."""
    patterns, by_name = _names()
    for pattern in patterns:
        for m in pattern.finditer(text):
            name = m.group("name").lower()
            if name in _NEEDS_THE and not re.search(r"\bthe\s+\S+$", text[m.start() : m.end()], re.IGNORECASE):
                continue  # "talk to us", "in oz" said of ounces: a country only as "the US"
            if not _NOT_THERE.search(text[max(0, m.start() - 12) : m.start()]):
                return by_name[name]
    return None


_NEEDS_THE = frozenset({"us", "oz"})  # short names that are other words too
_NOT_THERE = re.compile(r"\b(?:not|n't|nt|no\s+longer)\s*$", re.IGNORECASE)  # "I'm not in the US": no place said


# Asking which number to call: "what number do i call?", "whats the emergency number here", "which number for an
# ambulance", "what do i dial", "is it 911 here?"
_ASKS = re.compile(
    r"\b(?:what|which|wat|whats|what'?s)\s+(?:is\s+)?(?:the\s+)?(?:\w+\s+)?(?:number|numbr|no\.?)\b"
    r"|\b(?:emergency|ambulance|crisis|helpline|suicide)\s+(?:number|line|hotline|no\.?)s?\b[^.!]*\?"
    r"|\bnumber\s+(?:do|should|can)\s+(?:i|we)\s+(?:call|ring|dial|phone|text)\b"
    r"|\bwhat\s+(?:do|should)\s+(?:i|we)\s+(?:dial|ring)\b"
    r"|\b(?:how|who)\s+do\s+(?:i|we)\s+call\s+(?:for\s+)?(?:an?\s+)?(?:ambulance|emergency|help)"
    r"|\bis\s+it\s+(?:911|999|112|000)\b",
    re.IGNORECASE,
)


def asks_number(text: str) -> bool:
    """The message asks which number to call."""
    return _ASKS.search(text) is not None


def emergency_line(country: str | None) -> str:
    """The emergency number, said for the country named, else in general."""
    known = countries().get(country or "")
    if known is None:
        return (
            "The emergency number is 911 in the US and Canada, 999 in the UK, 000 in Australia and 112 in the EU; 112"
            " also works from a mobile phone in many other countries."
        )
    return f"In {known.name}, the emergency number is {known.emergency}."


def crisis_line(country: str | None) -> str:
    """A free crisis line for the country named, else where to find one."""
    known = countries().get(country or "")
    if known is not None and known.crisis:
        return f"A free crisis line in {known.name}: {known.crisis}, day and night."
    where = f" in {known.name}" if known is not None else ""
    return f"findahelpline.com lists free crisis lines{where} by country, and the emergency number answers at any hour."
