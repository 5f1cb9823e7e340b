"""How long something has lasted, in whole days: "for two weeks" -> 14, "since yesterday" -> 1.

Frequencies are not durations: "5 coffees a day" and "twice a week" give nothing. Ages are
not either ("I am 79 years old"), nor a span the user takes back ("3 weeks, not 3 years").
Weekdays and dates are counted back from today ("since Monday", "since March 3rd", "since
mid-April"); a unit typed with a typo after a number is still a unit ("2 wekks"); a vague
plural is its lower bound ("for months": 60 days).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from bot.nlu import numbers
from bot.nlu.fuzzy import closest

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

# A start told by a time of year: "since last christmas", "on and off since xmas", "started around easter".
HOLIDAYS = {
    "christmas": (12, 25), "xmas": (12, 25), "new year": (1, 1), "new years": (1, 1), "easter": (4, 10),
    "halloween": (10, 31), "bonfire night": (11, 5), "valentines": (2, 14), "valentine's": (2, 14),
    "the summer": (7, 15), "summer": (7, 15), "the spring": (4, 15), "spring": (4, 15), "the autumn": (10, 15),
    "autumn": (10, 15), "the fall": (10, 15), "the winter": (1, 15),
}  # fmt: skip
SINCE_HOLIDAY = re.compile(
    r"\b(?:since|from|start(?:ed|ing)?(?:\s+(?:at|around|about|before|after|over))?|began(?:\s+(?:at|around|over))?)\s+"
    r"(?:(?:last|this\s+past|around|about|before|after|just\s+before|just\s+after)\s+)?"
    r"(?P<when>" + "|".join(sorted(map(re.escape, HOLIDAYS), key=len, reverse=True)) + r")\b",
    re.I,
)
# A span said as a share of a year or season: "most of the year", "all summer".
SPANS = {
    "most of the year": 240, "all year": 365, "the whole year": 365, "half the year": 180, "all summer": 60,
    "all winter": 60, "the whole summer": 60, "the whole winter": 60, "all month": 30, "the whole month": 30,
    "all week": 7, "the whole week": 7, "all weekend": 2, "the whole weekend": 2,
}  # fmt: skip
SPAN_RE = re.compile(r"\b(?P<span>" + "|".join(sorted(map(re.escape, SPANS), key=len, reverse=True)) + r")\b", re.I)

_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, QUANTITY_WORDS), key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|night|week|fortnight|month|year|wk|mth|yr|mo)s?"
_AND_HALF = r"(?P<half>\s+and\s+a\s+half)?"
_RANGE = rf"(?:(?P<low>{_NUM})\s*(?:-|to|or)\s*)?"
QUANTITY = re.compile(
    rf"\b(?P<prefix>since\s+)?{_RANGE}(?P<num>{_NUM})(?P<half_before>\s+and\s+a\s+half)?[\s-]+{_UNIT}{_AND_HALF}(?P<ago>\s+ago)?\b",
    re.I,
)  # "3 weeks and a half", "2 and a half weeks"
BARE_UNIT = re.compile(
    r"\b(?P<pre>(?:for|over|about|around|nearly|almost|past|last|this|the)\s+)(?P<unit>week|fortnight|month|year)\b", re.I
)
# "cramps at night this week", "every night this week": begun within the week, said alone (no span beside it);
# not a plan ("my appointment is this week", "I'll cut the coffee this week").
THIS_WEEK = re.compile(r"\bthis\s+(?:past\s+)?week\b", re.I)
THIS_WEEK_DAYS = 4
PLANNED = re.compile(
    r"\b(?:appointment|appt|booked|seeing|see|seen|visit|going|go|will|'ll|gonna|plan(?:ning)?|try(?:ing)?|start(?:ing)?|"
    r"exam|test|soon|wait|ring|call)\b",
    re.I,
)  # ("how soon should he go, like this week?": when to be seen, round 38 c20: read as 4 days of twitching)
# The same day: "just today", "since this morning", "started an hour ago" (less than a day: 0).
_TODAY = r"today|this\s+(?:morning|afternoon|evening)|tonight|earlier(?:\s+today)?|lunch(?:time)?|breakfast|dinner(?:time)?"
SAME_DAY = re.compile(
    rf"\b(?:(?:just|only)\s+(?:since\s+)?(?:{_TODAY})|since\s+(?:{_TODAY})|"
    rf"(?:start(?:ed|ing)|began|begun|came\s+on|kicked\s+(?:in|off))\s+(?:{_TODAY})|"
    rf"(?:an?|one|two|three|a\s+few|a\s+couple(?:\s+of)?|\d{{1,2}})\s+(?:hours?|hrs?|minutes?|mins?)\s+ago|"
    rf"for\s+(?:the\s+)?(?:last|past)\s+(?:an?\s+|few\s+|couple(?:\s+of)?\s+|\d{{1,2}}\s+)?(?:hours?|hrs?))\b",
    re.I,
)
# "since yesterday", and a start told by the day it came ("it only started yesterday", "began last week")
SINCE_RE = re.compile(
    r"\b(?:since|(?:start(?:ed|ing)|began|begun|came\s+on|kicked\s+(?:in|off))(?:\s+(?:only|just))?)\s+"
    r"(?P<when>" + "|".join(sorted(map(re.escape, SINCE), key=len, reverse=True)) + r")\b",
    re.I,
)
# "a week" / "per day" after a count or a noun is a rate ("5 coffees a day", "10 a day",
# "one banana a day", "6 days a week"), unless a word like "for" introduces it.
DURATION_LEAD = {
    "for", "about", "around", "over", "nearly", "almost", "than", "past", "last", "in", "within",
    "after", "like", "roughly", "approximately", "maybe", "just", "only", "least", "since", "been",
    "the", "a", "of", "few", "couple", "lasted", "ago", "now", "and", "already",
}  # fmt: skip
RATE_LEAD = re.compile(r"\b(?:every|each|per|times|twice|once)\s*$", re.I)
# "take a day", "drinking a day", "should I have a day": after a verb of taking in, "a day" is a rate
INTAKE_VERBS = {
    "take", "takes", "taking", "took", "drink", "drinks", "drinking", "eat", "eats", "eating", "have",
    "consume", "consuming", "smoke", "smoking", "use", "using", "need", "get", "getting",
}  # fmt: skip


# "for months", "for weeks": the least such a plural can mean
VAGUE_PLURAL = re.compile(r"\b(?:for|over|in|past|last|few|many|several)\s+(?P<unit>days|weeks|months|years)\b", re.I)
VAGUE_DAYS = {"days": 2, "weeks": 14, "months": 60, "years": 730}
# An age, not a duration: "79 years old", "a 40-year-old", "aged 30", "at 30 years of age".
AGE_AFTER = re.compile(r"^[\s-]*(?:old\b|of\s+age\b)", re.I)
# A pregnancy's term, not how long the twitching has lasted: "36 weeks along", "34 weeks gone", "32 weeks into
# my pregnancy" (counted as no duration, like an age).
TERM_AFTER = re.compile(
    r"^[\s-]*(?:along|gone(?!\s+by)|pregnant|preg|gestation|into\s+(?:my|her|the|this|our)\s+pregnancy|of\s+(?:my\s+|her\s+)?pregnancy)\b",
    re.I,
)
# A span asked about as a wait ("you didnt say if 3 weeks is ok", "is 2 weeks too long to wait?"): a
# wait, not how long the twitching has lasted (counted as no duration, like an age).
WAIT_AFTER = re.compile(
    r"^\s+(?:is|would\s+be|will\s+be|should\s+be)\s+(?:ok\b|okay|fine|alright|all\s+right|too\s+long|soon\s+enough|"
    r"enough|acceptable|a\s+long\s+wait|safe|too\s+late|reasonable)"
    r"|^\s+(?:too\s+long|soon\s+enough|long\s+enough|ok|okay|fine)\s+to\s+wait|^\s+(?:of\s+)?wait(?:ing)?\b"
    r"|^\s+out\b"  # "the GP is booked 3 weeks out"
    r"|^\s+(?:left|to\s+go|remaining|more\s+to\s+go)\b",  # "only 3 days left" of a course: what remains, not what passed
    re.I,
)
# "I'm 34 weeks", "she's 30 weeks": a pregnancy's term said with the person, not how long anything lasted.
TERM_BEFORE = re.compile(r"\b(?:i'?m|im|i\s+am|she'?s|shes|she\s+is|we'?re|wife\s+is|partner\s+is)\s+$", re.I)
NOT_A_TERM = re.compile(
    r"\s+(?:into\s+(?:it\b|(?:this|the|these|my)\s+(?!pregnan))|of\s+(?:this|twitch)|with\s+(?:this|the))", re.I
)  # "I'm 3 weeks into this twitching": a span after all
TIME_OFF = re.compile(r"^\s+(?:off(?!\s+and\s+on)|away|of\s+leave|holiday|of\s+holiday)\b", re.I)
# A span said to be exceeded: "more than 2 weeks", "over a month", "longer than 3 days".
LONGER_THAN = re.compile(r"\b(?:(?:more|longer)\s+than|over|upwards\s+of)\s*$", re.I)
# Words that make a span a correction of one said before ("sorry, I meant 3 days", "actually, a week"); "only" and
# "just" count right before the span only (`_ONLY_JUST`): "just tell me what to do now its over 2 weeks" corrects
# nothing (round 38 c16: "Thanks, I've changed that: more than 2 weeks, not 18 days")
CORRECTION = re.compile(
    r"\b(?:actually|sorry|i\s+meant|meant\s+to\s+say|correction|my\s+(?:mistake|bad)|mistake|typo|oops|wrong|"
    r"misspoke|scratch\s+that|mixed\s+(?:it|that)\s+up|mixing\s+(?:it|that)\s+up)\b",
    re.I,
)


def _corrects(text: str, start: int) -> bool:
    """Words before the span at `start` make it a correction: plain ones ("actually", "sorry"), or "only" and "just" right
    before it ("actually only a week", "just 3 days"), never before a lower bound ("over 2 weeks"), nor said of something
    else ("only stairs, is like this many years", round 38 c07: the twitching's week replaced by two years)."""
    before = text[max(0, start - 60) : start]
    if CORRECTION.search(before):
        return True
    return not LONGER_THAN.search(text[:start]) and _ONLY_JUST.search(before) is not None


_ONLY_JUST = re.compile(
    r"\b(?:only|just)\s+(?:(?:about|around|like|maybe|for|been|the\s+last|the\s+past|a|been\s+for)\s+){0,2}$", re.I
)


# A span said only to be taken back: "not 3 years", "rather than a month".
# A span ahead, not behind: "can it wait a couple weeks?", "the appointment is in 3 weeks", "give it another week".
AHEAD = re.compile(
    r"\b(?:wait(?:ing)?(?:\s+(?:for|till|until))?|another|give\s+it|for\s+the\s+next|over\s+the\s+next|"
    r"(?:appointment|appt|booked|referral|seen)(?:\s+(?:is|was|for))?\s+in|booked\s+(?:out|up)(?:\s+for)?|"
    r"(?:is|am|was|'s|'m|im|got|been)\s+booked(?:\s+in)?\s+for|"  # "my GP is booked for 3 weeks" (round 31 c17)
    r"waiting\s+(?:list|time)\s+(?:is|of)|next\s+(?:available\s+|free\s+)?(?:slot|appointment|appt)\s+(?:is\s+)?in|"
    # a trial of stopping or trying something: "the doctor said to stop it for a week", "try magnesium for a month"
    r"(?:stop|stopped|stopping|pause|paused|try|trying|tried|come\s+off|came\s+off|coming\s+off)"
    r"(?:\s+(?:it|them|that|this|taking\s+[\w']+|(?:the|my|his|her)\s+[\w']+|[\w']+))?\s+for)"
    r"\s+(?:(?:a|an|another|about|around|like|maybe|roughly|just|the|next|other)\s+)*$",
    re.I,
)
# A span ahead told by a plan: "I go back to work in a few weeks", "the baby's due in 3 weeks", "my
# scan is in 10 days" (a future "in", not "in the last 3 weeks").
FUTURE_IN = re.compile(
    r"\b(?:will|'ll|going\s+to|gonna|due|go\s+back|going\s+back|back\s+to\s+work|start(?:s|ing)?|have\s+my|booked|"
    r"finish(?:es|ing)?|ends?|ending|runs?\s+out|"  # "the course finishes in 4 days": what is left, not what passed
    # a trip or an event ahead: "i fly back home in 10 days", "my exams are in a week" (round 35 c06: "it has lasted
    # about 10 days")
    r"fly|flying|flies|flight|leave|leaving|travel\w*|return\w*|come\s+back|coming\s+back|get\s+back|moving|"
    r"exams?|wedding|surgery|operation|holiday|trip|race|marathon|"
    r"scheduled|planned|is|are)\b(?:\s+[\w']+){0,4}?\s+in\s+(?:(?:a|about|around|like|maybe|roughly|another|few|couple|of|"
    r"several|some)\s+)*$",
    re.I,
)
# A span the writer says the assistant said ("last time you said 2 weeks", "you told me two weeks was the line").
SAID_BY_YOU = re.compile(
    r"\b(?:you|u|the\s+bot|it)\s+(?:said|told\s+me|mentioned|wrote|say|says)\s+(?:(?:it\s+was|that|about|like|after|over|"
    r"more\s+than|to\s+wait)\s+){0,2}$",
    re.I,
)
TAKEN_BACK = re.compile(r"\b(?:not|n't|rather\s+than|instead\s+of)\s*$", re.I)
# A span that names a kind of thing, not how long anything has lasted: "a 30 day challenge", "a 5-day course of
# antibiotics", "a 3 day weekend" (an article before, the unit singular, a noun after).
MODIFIER_BEFORE = re.compile(r"\b(?:a|an|the|my|this|that|his|her|their|our|your)\s+$", re.I)
# (not "the last week when I lie in bed")
MODIFIER_SPAN = re.compile(r"^(?!(?:last|past|this|next)\b)\S+[\s-]+(?:day|night|week|month|year)$", re.I)
MODIFIER_AFTER = re.compile(
    r"^\s+(?!(?:ago|now|straight|and|or|in|of|since|so|already|but|running|at|with|plus|long|old|or\s+so)\b)[a-z]", re.I
)
# A count of days: "day 16", "it's day twelve of this twitching", "the 9th day". Not "day 3 of my
# diet" (a count of something else), "since day one" (since it all began), a rate ("every day 2
# coffees", "once a day 5 days a week"), a date or a dose.
DAY_COUNT = re.compile(
    r"(?<!\bsince\s)(?<!\bfrom\s)(?<!\ba\s)(?<!\bper\s)(?<!\bevery\s)(?<!\beach\s)(?<!\bone\s)(?<!\bsame\s)(?<!\bnext\s)"
    rf"\bday\s+(?P<num>\d{{1,3}}|{numbers.number_pattern(numbers.NUMBER_WORDS)[1:-1]})\b"
    r"(?!\s*(?:%|:|mg\b|of\s+(?!(?:this|the|these|my)?\s*(?:twitch|jump|spasm|cramp|it\b))))"
    r"|\b(?P<nth>\d{1,3})(?:st|nd|rd|th)\s+day\b",
    re.I,
)
# A unit typed with a typo after a number: "2 wekks", "3 monts", "4 dayz".
UNIT_WORDS = ("day", "days", "week", "weeks", "month", "months", "year", "years")
NUMBER_THEN_WORD = re.compile(
    r"\b(?P<num>" + numbers.number_pattern(numbers.NUMBER_WORDS)[1:-1] + r")\s+(?P<word>[a-z]{3,7})\b", re.I
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip
_MONTH_NAMES = "|".join(MONTHS) + "|" + "|".join(m[:3] for m in MONTHS if m != "may")


def _month(name: str) -> str:
    return rf"(?P<{name}>{_MONTH_NAMES})\.?"


def _day(name: str) -> str:
    return rf"(?P<{name}>\d{{1,2}})(?:st|nd|rd|th)?"


_WEEKDAY = r"(?:last\s+|this\s+past\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"
SINCE_DAY = re.compile(r"\bsince\s+" + _WEEKDAY, re.I)
# "pull ups, the first time in months", "the first run in years" (not "it first started in ...")
FIRST_IN = re.compile(
    r"\b(?:first|1st|once)(?:\s+(?!(?:started|noticed|began|begun|happened|appeared|felt|came)\b)[a-z]+){0,2}?"
    r"\s+in\s+(?:a\s+few\s+|many\s+|several\s+|so\s+many\s+)?$",
    re.I,
)
# "my foot cramped in the pool yesterday. since then it twitches": the start told by an event's time before it
SINCE_THEN = re.compile(r"\b(?:ever\s+since|since\s+then|since\s+that\s+(?:day|night|morning)|from\s+then\s+on)\b", re.I)
_ANCHORS = (
    (re.compile(r"\bthe\s+day\s+before\s+yesterday\b", re.I), 2),
    (re.compile(r"\b(?:yesterday|last\s+night)\b", re.I), 1),
    (re.compile(r"\b(?:this\s+morning|earlier\s+today|today)\b", re.I), 0),
    (re.compile(r"\blast\s+week(?:end)?\b", re.I), 7),
    (re.compile(r"\blast\s+month\b", re.I), 30),
)
_ANCHOR_DAY = re.compile(r"\b(?:on|last|this\s+past)\s+" + _WEEKDAY, re.I)
ANCHOR_REACH = 160  # characters before "since then" where the time it points back to is looked for


_ANCHOR_AGO = re.compile(
    r"\b(?P<n>\d+|" + "|".join(sorted(map(re.escape, QUANTITY_WORDS), key=len, reverse=True)) + r")\s+"
    r"(?P<unit>day|week|month|year)s?\s+ago\b",
    re.I,
)


# The day it is, said by the writer: "since tuesday (its friday now)", "today's thursday", "saturday today"
# (round 34 c23: "since Tuesday (its Friday)" counted from the machine's own weekday, 6 days)
TODAY_IS = re.compile(
    r"\b(?:it'?s|its|it\s+is|today\s+is|today'?s|todays)\s+(?:now\s+|only\s+|already\s+)?(?P<weekday>"
    + "|".join(WEEKDAYS)
    + r")\b(?!\s+(?:that|when)\b)|\b(?P<weekday2>"
    + "|".join(WEEKDAYS)
    + r")\s+(?:today|now)\b",
    re.I,
)


def weekday_now(text: str, today: dt.date) -> int:
    """The weekday it is for the writer: the one they say it is, else the machine's."""
    m = TODAY_IS.search(text)
    return WEEKDAYS.index((m.group("weekday") or m.group("weekday2")).lower()) if m else today.weekday()


def _anchored(before: str, today: dt.date, weekday: int | None = None) -> int | None:
    """Days since the last time said in `before` ("...in the pool yesterday", "...on tuesday", "...3 days ago")."""
    weekday = today.weekday() if weekday is None else weekday
    said: list[tuple[int, int]] = [(m.end(), days) for pattern, days in _ANCHORS for m in pattern.finditer(before)]
    for m in _ANCHOR_AGO.finditer(before):
        said.append((m.end(), int(round(_number(m.group("n")) * UNIT_DAYS[m.group("unit").lower()]))))
    for m in _ANCHOR_DAY.finditer(before):
        said.append((m.end(), (weekday - WEEKDAYS.index(m.group("weekday").lower())) % 7 or 7))
    return max(said)[1] if said else None


# "it started on Tuesday", "began last Friday": the start told by its weekday
STARTED_DAY = re.compile(
    r"\b(?:start(?:ed|ing)|began|begun|first\s+noticed|noticed)\b(?:\s+[\w']+){0,5}?\s+(?:on\s+)?(?P<day>" + _WEEKDAY + ")", re.I
)
_PART = (
    r"early|mid|late|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+end\s+of|"
    r"the\s+(?:first|second|third|last)\s+week\s+of"
)
_DATE = (
    rf"(?:the\s+)?(?:(?P<part>{_PART})[\s-]+)?"
    rf"(?:{_day('day1')}\s+(?:of\s+)?{_month('month1')}|{_month('month2')}\s+(?:the\s+)?{_day('day2')}|{_month('month3')})\b"
)
_ABOUT = r"(?:(?:about|around|roughly|approximately|approx|maybe|like|sometime|some\s+time)\s+)?"
SINCE_DATE = re.compile(rf"\bsince\s+{_ABOUT}(?P<date>{_DATE})", re.I)
# A start told by its date: "it started the last week of November", "began in early March".
STARTED_DATE = re.compile(
    rf"\b(?:start(?:ed|ing)|began|begun|first\s+noticed)\b(?:\s+[\w']+){{0,5}}?\s+(?:(?:in|on|around|during|at)\s+)?(?P<date>{_DATE})",
    re.I,
)
# What follows "started" when something else started: "started a new job in March", "began my
# course in September", "started taking sertraline on Monday", "started at the gym in May".
_OBJECT_START = re.compile(
    r"(?:a|an|my|the|his|her|their|our|your|new|uni|university|school|college|work|job|at|on|going|"
    r"(?!twitch|jump|spasm|flicker|happen|notic|feel|gett|hav|experienc|go\b)\w+ing)$",
    re.I,
)


def _started_something_else(text: str, m: re.Match[str], group: str) -> bool:
    """Whether the words between the verb of a start and its date name another thing that started."""
    verb = re.match(r"\b\w+", text[m.start() :])
    if verb and verb.group().lower() in ("first", "noticed"):
        return False  # what was noticed is the twitching: "noticed my eyelid going on Monday"
    between = text[m.start() + (verb.end() if verb else 0) : m.start(group)].split()
    while between and between[-1].lower() in ("in", "on", "around", "during", "at", "from"):
        between.pop()  # "started on Monday": the date's own word
    return bool(between) and bool(_OBJECT_START.match(between[0].strip(",.").lower()))  # "in my calf": where, not what


PART_DAY = {
    "early": 5, "mid": 15, "the middle of": 15, "late": 25, "the start of": 1, "the beginning of": 1, "the end of": 28,
    "the first week of": 4, "the second week of": 11, "the third week of": 18, "the last week of": 25,
}  # fmt: skip


# "it started last week", "began twitching last month": the start told by the time it began; and
# "like I said, last week" said alone, in answer to how long
_START_LEAD = re.compile(
    r"\b(?:start(?:ed)?|began|begun|kicked (?:off|in)|came on|appeared|noticed(?: it)?)"
    r"(?:\s+(?:it|twitching|twitches|up|off|again|around|about))*\s*$",
    re.I,
)

TAKEN, AGE = -1, -2  # placeholders of spans that are no duration: taken back, or an age


@dataclass(frozen=True)
class Duration:
    start: int
    end: int
    days: int
    text: str
    corrects: bool = False  # said as a correction ("sorry, I meant 3 days, not 3 weeks")
    at_least: bool = False  # a lower bound ("over 2 weeks"): no shorter span than one said before


def _number(word: str) -> float:
    word = word.lower().strip()
    return float(word) if re.fullmatch(r"\d+(?:\.\d+)?", word) else float(QUANTITY_WORDS[re.sub(r"\s+", " ", word)])


# "3 weeks, I just noticed it more the last 3 days": beside another span, how long it has been worse, not how long
# it has lasted (round 23 c23: the correction to 3 weeks was read as 3 days)
MORE_LATELY = re.compile(
    r"\b(?:more|worse|mostly|especially|a\s+lot|really|most)\s+(?:\w+\s+)?(?:in\s+|over\s+|for\s+)?(?:the\s+)?(?:last|past)\s+$",
    re.I,
)
# "it was ... hours ago", "that happened ... ago": the time of an event told before (round 23 c10: "bro it was 8 hours
# ago and im fine now" about a blackout was asked about as the twitching lasting less than a day); days and weeks
# stay a duration ("it was 3 weeks ago" may answer when the twitching began)
_EVENT_AGO = re.compile(r"\b(?:it|that|this)\s+(?:was|happened|occurred)\s+(?:about\s+|like\s+|only\s+|just\s+|maybe\s+)?$", re.I)


_HOW_MUCH = re.compile(r"\bhow\s+(?:much|many)\b")
_AMOUNT_WORD = re.compile(
    r"\b(?:mg|mgs|mcg|ug|iu|ius|units?|grams?|milligrams?|micrograms?|tablets?|pills?|capsules?|doses?|cups?|mugs?|"
    r"glasses|litres?|liters?|cans?|shots?|servings?|safe|max|maximum|too\s+much|too\s+many|enough|amounts?|quantity)\b"
)


def _counted(before: str) -> bool:
    """Whether the words before "a day" count something or take something in: then "a day" is a rate."""
    clause = re.split(r"[.!?;\n]", before.lower())[-1]
    if _HOW_MUCH.search(clause) or _AMOUNT_WORD.search(" ".join(re.findall(r"[\w']+", clause)[-4:])):
        # "how much mg is safe a day", "how many cups is ok a day": an amount asked per day (round 30 c01: "has the
        # twitching lasted about 1 day?"), "is 400 mg too much a day"
        return True
    words = re.findall(r"[\w']+", before.lower())[-2:]
    if not words or words[-1] in DURATION_LEAD:
        return False
    if words[-1] in INTAKE_VERBS:
        return True
    # "500mg a day", "2l a day": an amount written with its unit is counted too (round 23 c01: "lasted about 1 day?")
    is_number = [
        w.isdigit() or bool(re.fullmatch(r"\d+(?:\.\d+)?[a-zµ]{1,4}", w)) or (w in QUANTITY_WORDS and w not in ("a", "an"))
        for w in words
    ]
    plural = words[-1].endswith("s") and not words[-1].endswith("ss")
    return any(is_number) or plural


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i for i, m in enumerate(MONTHS, 1) if m == name or m[:3] == name)


def _days_since_date(m: re.Match[str], today: dt.date) -> int | None:
    month = _month_number(m.group("month1") or m.group("month2") or m.group("month3"))
    part = re.sub(r"\s+", " ", (m.group("part") or "").lower())
    given = m.group("day1") or m.group("day2")
    day = int(given) if given else PART_DAY.get(part, 1)
    for year in (today.year, today.year - 1):
        try:
            then = dt.date(year, month, day)
        except ValueError:
            return None
        if then <= today:
            return max(1, (today - then).days)
    return None


def _unit_typo(word: str) -> str | None:
    """The time unit a misspelled word after a number stands for ("wekks" -> weeks)."""
    word = word.lower()
    if word in UNIT_WORDS or word in UNIT_ALIASES or word in ("old",):
        return None
    same_start = [u for u in UNIT_WORDS if u[0] == word[0]]  # "2 ways" is not "2 days"
    return closest(word, same_start, limit=2 if len(word) >= 5 else 1, unique=False)  # "monts": month or months


def find_durations(text: str, today: dt.date | None = None) -> list[Duration]:
    """Every duration in the text, in order of appearance, without overlaps."""
    today = today or dt.date.today()
    weekday = weekday_now(text, today)
    found: list[Duration] = []

    def add(start: int, end: int, days: float) -> None:
        if any(start < d.end and d.start < end for d in found):
            return
        if AHEAD.search(text[:start]) or FUTURE_IN.search(text[max(0, start - 60) : start]):
            return  # how long to wait, or until an appointment: not how long the twitching has lasted
        if TIME_OFF.match(text[end:]):
            return  # "can't afford a day off", "a week away": time taken, not how long the twitching has lasted
        if FIRST_IN.search(text[max(0, start - 30) : start]):
            return  # "pull ups, the first time in months": how long something did not happen
        if SAID_BY_YOU.search(text[max(0, start - 30) : start]):
            return  # "is 12 days bad? last time you said 2 weeks": the assistant's line, not how long it lasted
        modifier = MODIFIER_SPAN.match(text[start:end]) and MODIFIER_AFTER.match(text[end:])
        if modifier and MODIFIER_BEFORE.search(text[max(0, start - 8) : start]):
            return  # "a 30 day water challenge": a kind of challenge
        term = (
            TERM_BEFORE.search(text[max(0, start - 20) : start])
            and re.search(r"weeks?\b", text[start:end], re.I)
            and not NOT_A_TERM.match(text[end:])
        )
        if TAKEN_BACK.search(text[:start]) or term or any(p.match(text[end:]) for p in (AGE_AFTER, TERM_AFTER, WAIT_AFTER)):
            # taken: nothing else reads it; a span taken back ("not 3 weeks") makes the others corrections
            found.append(Duration(start, end, TAKEN if TAKEN_BACK.search(text[:start]) else AGE, text[start:end]))
            return
        lower = LONGER_THAN.search(text[:start]) is not None
        if lower:
            days += 1  # "more than 2 weeks" is past the two weeks (the policy's line is "more than 14 days")
        found.append(Duration(start, end, int(round(days)), text[start:end], at_least=lower))

    for m in SINCE_RE.finditer(text):
        add(m.start(), m.end(), SINCE[m.group("when").lower()])
    for m in SINCE_HOLIDAY.finditer(text):
        month, day = HOLIDAYS[m.group("when").lower()]
        then = next(d for d in (dt.date(today.year, month, day), dt.date(today.year - 1, month, day)) if d <= today)
        add(m.start(), m.end(), max(1, (today - then).days))
    for m in SPAN_RE.finditer(text):
        add(m.start(), m.end(), SPANS[m.group("span").lower()])
    for m in SAME_DAY.finditer(text):
        if not _EVENT_AGO.search(text[: m.start()]):
            add(m.start(), m.end(), 0)
    for m in [*SINCE_DAY.finditer(text), *STARTED_DAY.finditer(text)]:
        if m.re is STARTED_DAY and _started_something_else(text, m, "day"):
            continue  # "I started a new job on Monday": not when the twitching began
        back = (weekday - WEEKDAYS.index(m.group("weekday").lower())) % 7
        add(m.start() if m.re is SINCE_DAY else m.start("day"), m.end(), back or 7)
    for m in SINCE_THEN.finditer(text):
        days = _anchored(text[max(0, m.start() - ANCHOR_REACH) : m.start()], today, weekday)
        if days is not None:
            add(m.start(), m.end(), days)
    for m in [*SINCE_DATE.finditer(text), *STARTED_DATE.finditer(text)]:
        if m.re is STARTED_DATE and _started_something_else(text, m, "date"):
            continue
        since = _days_since_date(m, today)
        if since is not None:
            add(m.start() if m.re is SINCE_DATE else m.start("date"), m.end(), since)
    for m in NUMBER_THEN_WORD.finditer(text):
        unit = _unit_typo(m.group("word"))
        if unit is not None:
            text_fixed = text[: m.start("word")] + unit + text[m.end("word") :]
            for d in _quantities(text_fixed, m.start(), m.start("word") + len(unit)):
                add(d[0], m.end(), d[2])
    for m in DAY_COUNT.finditer(text):
        said = m.group("num") or m.group("nth")
        add(m.start(), m.end(), _number(said))
    for start, end, amount in _quantities(text):
        add(start, end, amount)
    for m in BARE_UNIT.finditer(text):
        pre = m.group("pre").strip().lower()
        lead = re.findall(r"[\w']+", text[: m.start()].lower())[-1:] or [""]
        started = pre == "last" and (_START_LEAD.search(text[: m.start()]) or len(re.findall(r"[\w']+", text)) <= 6)
        if pre in ("this", "the", "last") and lead[0] not in ("for", "over", "in", "all", "whole", "the", "past") and not started:
            continue  # "last month I had..." is a point in time, not how long
        add(
            m.start("unit") - (len(m.group("pre")) if pre in ("past", "last") else 0), m.end(), UNIT_DAYS[m.group("unit").lower()]
        )
    for m in VAGUE_PLURAL.finditer(text):
        add(m.start("unit"), m.end(), VAGUE_DAYS[m.group("unit").lower()])
    if not found:
        for m in THIS_WEEK.finditer(text):
            if not PLANNED.search(text[max(0, m.start() - 60) : m.start()]):
                add(m.start(), m.end(), THIS_WEEK_DAYS)  # "cramps at night this week": it began within the week
    taken_back = any(d.days == TAKEN for d in found)
    found = [
        dataclasses.replace(d, corrects=taken_back or _corrects(text, d.start))
        for d in found
        if d.days >= 0 and not (len(found) > 1 and MORE_LATELY.search(text[max(0, d.start - 40) : d.start]))
    ]
    found.sort(key=lambda d: d.start)
    return found


def _quantities(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, float]]:
    """(start, end, days) of "N units" spans within text[start:end]."""
    out = []
    for m in QUANTITY.finditer(text, start, len(text) if end is None else end):
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
        if m.group("half") or m.group("half_before"):
            amount += 0.5
        days = amount * UNIT_DAYS[unit]
        if unit == "year" and amount != int(amount):
            days = amount * 12 * 30  # "half a year" is six months: 180 days
        out.append((m.start(), m.end(), days))
    return out
