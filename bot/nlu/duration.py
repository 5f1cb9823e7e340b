"""How long something has lasted, in whole days: "for two weeks" -> 14, "since yesterday" -> 1.

Frequencies are not durations: "5 coffees a day" and "twice a week" give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu import numbers

# The number words (bot/nlu/numbers.py), and the quantities a duration can also start with.
QUANTITY_WORDS = {
    **numbers.NUMBER_WORDS,
    "a": 1, "an": 1, "few": 3, "a few": 3, "couple": 2, "a couple": 2, "a couple of": 2, "couple of": 2,
    "several": 3, "a number of": 3, "half a": 0.5, "a half": 0.5,
}  # fmt: skip
UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
UNIT_ALIASES = {
    "wk": "week",
    "wks": "week",
    "mo": "month",
    "mos": "month",
    "mth": "month",
    "mths": "month",
    "yr": "year",
    "yrs": "year",
}
SINCE = {
    "yesterday": 1, "last night": 1, "the weekend": 3, "last weekend": 3,
    "last week": 7, "last month": 30, "last year": 365, "a week ago": 7, "a month ago": 30,
}  # fmt: skip

_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, QUANTITY_WORDS), key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|night|week|fortnight|month|year|wk|mth|yr|mo)s?"
_AND_HALF = r"(?P<half>\s+and\s+a\s+half)?"
_RANGE = rf"(?:(?P<low>{_NUM})\s*(?:-|to|or)\s*)?"
QUANTITY = re.compile(rf"\b(?P<prefix>since\s+)?{_RANGE}(?P<num>{_NUM})[\s-]+{_UNIT}{_AND_HALF}(?P<ago>\s+ago)?\b", re.I)
BARE_UNIT = re.compile(
    r"\b(?P<pre>(?:for|over|about|around|nearly|almost|past|last|this|the)\s+)(?P<unit>week|fortnight|month|year)\b", re.I
)
SINCE_RE = re.compile(r"\bsince\s+(?P<when>" + "|".join(sorted(map(re.escape, SINCE), key=len, reverse=True)) + r")\b", re.I)
# "a week" / "per day" after a count or a noun is a rate ("5 coffees a day", "10 a day",
# "one banana a day", "6 days a week"), unless a word like "for" introduces it.
DURATION_LEAD = {
    "for", "about", "around", "over", "nearly", "almost", "than", "past", "last", "in", "within",
    "after", "like", "roughly", "approximately", "maybe", "just", "only", "least", "since", "been",
    "the", "a", "of", "few", "couple", "lasted", "ago", "now", "and", "already",
}  # fmt: skip
RATE_LEAD = re.compile(r"\b(?:every|each|per|times|twice|once)\s*$", re.I)


@dataclass(frozen=True)
class Duration:
    start: int
    end: int
    days: int
    text: str


def _number(word: str) -> float:
    word = word.lower().strip()
    return float(word) if re.fullmatch(r"\d+(?:\.\d+)?", word) else float(QUANTITY_WORDS[re.sub(r"\s+", " ", word)])


def _counted(before: str) -> bool:
    """Whether the words before "a day" count something: then "a day" is a rate."""
    words = re.findall(r"[\w']+", before.lower())[-2:]
    if not words or words[-1] in DURATION_LEAD:
        return False
    is_number = [w.isdigit() or (w in QUANTITY_WORDS and w not in ("a", "an")) for w in words]
    plural = words[-1].endswith("s") and not words[-1].endswith("ss")
    return any(is_number) or plural


def find_durations(text: str) -> list[Duration]:
    """Every duration in the text, in order of appearance, without overlaps."""
    found: list[Duration] = []

    def add(start: int, end: int, days: float) -> None:
        if any(start < d.end and d.start < end for d in found):
            return
        found.append(Duration(start, end, int(round(days)), text[start:end]))

    for m in SINCE_RE.finditer(text):
        add(m.start(), m.end(), SINCE[m.group("when").lower()])
    for m in QUANTITY.finditer(text):
        before = text[: m.start()]
        if RATE_LEAD.search(before):
            continue  # "every 3 months", "twice a week"
        if m.group("num").lower() in ("a", "an") and _counted(before):
            continue  # "5 coffees a day", "one banana a day", "10 a day"
        if re.match(r"\s+(?:a|an|per)\s+(?:day|week|month|night)\b", text[m.end() :], re.I):
            continue  # "6 days a week"
        unit = UNIT_ALIASES.get(m.group("unit").lower(), m.group("unit").lower())
        amount = _number(m.group("num"))
        if m.group("low"):
            amount = max(amount, _number(m.group("low")))
        if m.group("half"):
            amount += 0.5
        days = amount * UNIT_DAYS[unit]
        if unit == "year" and amount != int(amount):
            days = amount * 12 * 30  # "half a year" is six months: 180 days
        add(m.start(), m.end(), days)
    for m in BARE_UNIT.finditer(text):
        pre = m.group("pre").strip().lower()
        lead = re.findall(r"[\w']+", text[: m.start()].lower())[-1:] or [""]
        if pre in ("this", "the", "last") and lead[0] not in ("for", "over", "in", "all", "whole", "the", "past"):
            continue  # "last month I had..." is a point in time, not how long
        add(
            m.start("unit") - (len(m.group("pre")) if pre in ("past", "last") else 0), m.end(), UNIT_DAYS[m.group("unit").lower()]
        )
    found.sort(key=lambda d: d.start)
    return found
