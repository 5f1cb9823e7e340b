"""The questions people ask, recognised in their own words, so the answer is the one asked for.

`asked(text)` lists the kinds of question a message asks, most specific first: a supplement
dose, stopping a medicine, which tests, whether to worry, whether it is normal, a feared
disease, or whether something causes the twitching. Plain regular expressions over the
normalised text (the NLU's intents are kept for everything else): a question is recognised
the same way whatever intent the classifier guessed, so "is it MS?" is never small talk and
"how many units a day?" is never the generic vitamin D card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml

from bot.nlu.normalise import normalise

DOSE, STOP_MEDICINE, TESTS, WORRY, NORMAL, FEARED, CAUSE, NEXT_STEP = (
    "dose", "stop_medicine", "tests", "worry", "normal", "feared", "cause", "next_step",
)  # fmt: skip
KINDS = (DOSE, STOP_MEDICINE, FEARED, TESTS, WORRY, NORMAL, CAUSE, NEXT_STEP)

_SUPPLEMENT = (
    r"vitamin\s*d3?|vit\s*d|d3|b12|b-12|vitamin\s*b\s*12|magnesium|mag|calcium|potassium|zinc|iron|"
    r"supplements?|pills?|tablets?|capsules?|softgels?|drops|glycinate|citrate|oxide|electrolytes?"
)
_UNITS = r"iu|i\.u\.|ius|mg|mgs|mcg|µg|ug|milligrams?|micrograms?|units?|grams?|g"
_DOSE = re.compile(
    rf"\b(?:dose|doses|dosage|dosages|dosing|overdose)\b"
    rf"|\bhow\s+(?:much|many)\b[^.?!]*\b(?:{_SUPPLEMENT}|{_UNITS}|take|taking)\b"
    rf"|\b\d[\d,.]*\s*(?:{_UNITS})\b[^.?!]*\?"
    rf"|\bwhat\s+(?:amount|strength)\b[^.?!]*\b(?:{_SUPPLEMENT})\b"
    rf"|\b(?:is|are)\s+\d[\d,.]*\s*(?:{_UNITS})\b"
    rf"|\b(?:right|correct|safe|max|maximum|best|recommended|daily|proper)\s+(?:amount|dose|dosage|intake|strength)\b"
    rf"|\b(?:should|can|could|do)\s+i\s+(?:take|start|double|increase|up)\b[^.?!]*\b(?:more|extra|higher|double|{_UNITS})\b",
    re.IGNORECASE,
)
_MEDICINE = (
    r"medicines?|medications?|meds|pills?|tablets?|prescriptions?|steroids?|corticosteroids?|prednisone|"
    r"prednisolone|dexamethasone|hydrocortisone|diuretics?|water\s+pills?|furosemide|lasix|"
    r"hydrochlorothiazide|hctz|bumetanide|spironolactone|inhaler|them|it"
)
_STOP_MEDICINE = re.compile(
    rf"\b(?:can|could|should|may|do|shall)\s+i\s+(?:just\s+)?(?:stop|quit|come\s+off|get\s+off|go\s+off|skip|drop|"
    rf"cut\s+(?:down|back)|reduce|lower|halve|stop\s+taking|taper)\b[^.?!]*\b(?:{_MEDICINE})\b"
    rf"|\b(?:stop|stopping|quit|quitting|come\s+off|coming\s+off)\s+(?:taking\s+)?(?:my|the|these|those)\s+(?:{_MEDICINE})\b[^.?!]*\?"
    rf"|\bis\s+it\s+(?:ok|okay|safe|fine|alright)\s+to\s+(?:stop|quit|come\s+off|skip)\b",
    re.IGNORECASE,
)
_TESTS = re.compile(
    r"\b(?:what|which|any|what\s+kind\s+of|what\s+sort\s+of)\s+(?:blood\s+)?(?:tests?|labs?|bloodwork|blood\s+work|"
    r"exams?|examinations?|scans?)\b"
    r"|\b(?:should|can|could|do|will)\s+(?:i|they|the\s+doctor|my\s+doctor|a\s+doctor)\s+(?:get|have|do|order|run|ask\s+for)"
    r"\s+(?:a\s+|an\s+|my\s+|some\s+)?(?:blood\s+tests?|tests?|bloodwork|blood\s+work|labs?|emg|mri|scan)\b"
    r"|\bhow\s+(?:do|can|would|will)\s+(?:i|they|you|doctors?)\s+(?:test|check|find\s+out|know\s+for\s+sure)\b"
    r"|\b(?:test|tested|check|checked)\s+(?:for|my)\s+[^.?!]*\?"
    r"|\b(?:need|get|have|do)\s+(?:a\s+|an\s+|the\s+|my\s+|some\s+)?(?:emg|mri|scan|nerve\s+conduction|blood\s*work|blood\s+tests?|tests?)\b",
    re.IGNORECASE,
)
_WORRY = re.compile(
    r"\bshould\s+i\s+(?:be\s+)?(?:worr|concern|scared|afraid|panic|freak)"
    r"|\b(?:do|does)\s+i\s+need\s+to\s+(?:worry|be\s+worried|panic)"
    r"|\bam\s+i\s+(?:ok|okay|going\s+to\s+be\s+(?:ok|okay|fine|alright)|in\s+danger|dying)\b"
    r"|\b(?:is|could)\s+(?:it|this|that|twitching)\s+(?:be\s+)?(?:serious|dangerous|bad|harmful|a\s+bad\s+sign|"
    r"a\s+sign\s+of\s+something|something\s+to\s+worry)"
    r"|\bwhen\s+(?:should|do)\s+i\s+(?:worry|be\s+worried|panic)"
    r"|\bhow\s+worried\s+should\s+i\s+be\b|\bwhat\s+if\s+i\s+(?:get|got|have|had|start|started|develop|developed|notice|noticed)\b"
    r"|\bwhat\s+(?:are\s+the\s+)?(?:warning\s+signs|red\s+flags|signs\s+to\s+(?:watch|look)\s+(?:for|out\s+for))\b"
    r"|\bwhat\s+(?:signs|symptoms)\s+(?:should|do)\s+i\s+(?:watch|look|keep\s+an\s+eye)",
    re.IGNORECASE,
)
_NORMAL = re.compile(
    r"\bis\s+(?:it|this|that|twitching|my\s+twitching)\s+(?:normal|common|usual|harmless|benign)\b"
    r"|\bis\s+(?:it|this)\s+(?:something\s+)?(?:normal|common)\b|\bdoes\s+everyone\s+(?:get|have)\b"
    r"|\bhappens?\s+to\s+(?:everyone|everybody|lots\s+of\s+people)\b|\bhow\s+common\b|\bam\s+i\s+normal\b",
    re.IGNORECASE,
)
# Feared diseases, each with the name the answer uses. "MS" only in capitals (not "ms").
DISEASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:als|a\.l\.s\.?|lou\s+gehrig'?s?|motor\s+neu?rone?s?(?:\s+disease)?|mnd)\b", re.I),
     "ALS (motor neurone disease)"),  # "is this the motor neurone thing?" (round 21 c14)
    (re.compile(r"\bMS\b"), "multiple sclerosis (MS)"),
    # typed in lowercase after words that ask or fear it: "is it ms?", "does eye twitching mean ms"
    (
        re.compile(
            r"\b(?:is\s+it|it'?s|its|it\s+is|be|mean|means|meaning|about|of|for|have|has|got|if|or)\s+ms\b(?!\s*\d)", re.I
        ),
        "multiple sclerosis (MS)",
    ),
    (re.compile(r"\bmultiple\s+sclerosis\b", re.I), "multiple sclerosis (MS)"),
    (re.compile(r"\bparkinson'?s?\b", re.I), "Parkinson's disease"),
    (re.compile(r"\b(?:brain\s+)?(?:tumou?rs?|cancer|lymphoma)\b", re.I), "a tumour or cancer"),
    (re.compile(r"\bstrokes?\b|\bmini[\s-]?stroke\b|\btia\b", re.I), "a stroke"),
    # conditions of the policy's rows, feared by name ("should i be worried about a clot after the flight?"): their signs
    (re.compile(r"\b(?:blood\s+)?clots?\b|\bdvt\b|\b(?:deep\s+vein\s+)?thrombosis\b|\bembolism\b", re.I), "a blood clot"),
    (re.compile(r"\bheart\s+attacks?\b|\bcardiac\s+arrest\b", re.I), "a heart attack"),
    (re.compile(r"\b(?:huntington'?s?|myasthenia|neuropathy|dystonia|epilepsy)\b", re.I), "a nerve disease"),
    # a parent's fear for a child (round 26 c17: "im scared its tourettes" never named)
    (re.compile(r"\btourette'?s?\b|\btic\s+disorder\b", re.I), "Tourette's or a tic disorder"),
    (
        re.compile(r"\bsomething\s+(?:serious|sinister|bad|terrible|neurological|wrong\s+with\s+my\s+(?:brain|nerves))\b", re.I),
        "something serious",
    ),
)
_CAUSE = re.compile(
    r"(?<!\bhow\s)\b(?:can|could|does|do|did|might|may|would|will|is|are)\b[^.?!]{0,60}\b(?:cause|causes|causing|caused|trigger|triggers|"
    r"triggering|give\s+(?:me|you)|make\s+(?:me|my|you|muscles?)|lead\s+to|be\s+behind|be\s+the\s+(?:cause|reason|culprit)|"
    r"do\s+(?:this|that)|explain\s+(?:it|this)|"
    r"responsible|related|linked|connected|to\s+blame|the\s+culprit|the\s+reason|the\s+cause)\b"
    r"|\b(?:is|could|might|can)\s+(?:it|this|that|these|the\s+twitching|my\s+twitching)\s+(?:be\s+)?(?:from|because|due|caused|"
    r"related|linked|down\s+to|coming\s+from|the|my|a|an|low|lack|too|not\s+enough|just)\b"
    r"|\b(?:do|did)\s+you\s+think\s+(?:it'?s|it\s+is|its|this\s+is|that|it\s+could|it\s+might|my)\b"
    r"|\b(?:could|might|can|would|may)\s+(?:it|this|that)\s+be\b"
    r"|\bcould\s+(?:my|the|low|lack|too|not\s+enough)\b[^.?!]*\?"
    r"|\bwhat(?:'s|\s+is)?\s+(?:causing|behind|the\s+cause\s+of|the\s+reason\s+for)\b"
    r"|\bwhy\s+(?:do|does|am|is|are)\s+(?:i|my|it|this)\b[^.?!]*\btwitch"
    # "why won't my eyelid stop", "can you just tell me why my eyelid wont stop" (round 26 c12: after the crisis answer)
    r"|\bwhy\s+(?:won'?t|wont|will\s+not|can'?t|cant|doesn'?t|does\s+not|do\s+not|don'?t|does|do|is|are|would)\s+(?:my|it|this|the|they)\b"
    r"[^.?!]*\b(?:stop|twitch\w*|jump\w*|flicker\w*|spasm\w*|go\s+away|settle|calm)"
    r"|\b(?:tell\s+me|know|explain|understand|figure\s+out|find\s+out)\s+why\b",
    re.IGNORECASE,
)


# A sentence that asks only what to do next ("ok so what now", "now what?", "what do I do then", "where do I go from
# here"): what helps, or where to go at a level (round 28: "ok so what now" unread). Anchored: the whole sentence.
_NEXT_STEP = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|right|alright|well|hmm+|um+|then|but|sorry)\W+)*"
    r"(?:what\s+now|now\s+what|what\s+next|what\s+then|what\s+happens\s+(?:now|next)|"
    r"what\s+(?:do|should|can|shall)\s+i\s+do(?:\s+(?:now|next|then|about\s+(?:it|this)|from\s+here))?|"
    r"what(?:'s|\s+is)\s+(?:the\s+)?next\s+step|what\s+are\s+my\s+options|where\s+do\s+i\s+go\s+from\s+here)"
    r"(?:\W+(?:then|now|exactly|though))?\W*$",
    re.IGNORECASE,
)


# An activity asked about ("is it safe to fly next week?", "can i still compete on saturday?", "ok to drive?"): whether
# it is safe with the twitching, which the documents do not say (round 29 c06, c16: the warning signs, or what helps)
_ACTIVITIES = {
    "fly": "flying", "travel": "travelling", "compete": "competing", "play": "playing", "race": "racing", "run": "running",
    "train": "training", "drive": "driving", "swim": "swimming", "lift": "lifting weights", "work": "working",
    "work out": "working out", "go to the gym": "going to the gym", "go to work": "going to work",
    "go on holiday": "going on holiday", "go on a trip": "going on a trip", "go to school": "going to school",
}  # fmt: skip
_ACTIVITY_WORDS = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(_ACTIVITIES, key=len, reverse=True))
_ACTIVITY = re.compile(
    rf"\b(?:can|could|should|may|shall)\s+(?:i|he|she|we|they)\s+(?:still\s+|safely\s+|even\s+)?"
    # "can i still do my run tmrw", "can i go for my run" (round 34 c11: read as push back)
    rf"(?:do\s+(?:my|the|a|an|his|her|our|their)\s+|go\s+for\s+(?:my|a|the|his|her|our|their)\s+)?(?P<a>{_ACTIVITY_WORDS})\b"
    rf"|\b(?:is\s+it|it'?s|would\s+it\s+be|am\s+i|are\s+we|is\s+he|is\s+she)\s+(?:still\s+)?(?:safe|ok|okay|fine|alright|"
    rf"all\s+right|a\s+good\s+idea|a\s+bad\s+idea|risky|dangerous)\s+(?:for\s+(?:me|him|her|them|us)\s+)?to\s+"
    rf"(?:still\s+)?(?P<b>{_ACTIVITY_WORDS})\b"
    rf"|\b(?:ok|okay|fine|safe)\s+to\s+(?P<c>{_ACTIVITY_WORDS})\b[^.!]*\?",
    re.IGNORECASE,
)


def named_activity(text: str) -> str | None:
    """The activity a question asks whether it is safe to do ("is it safe to fly?": "flying"), or None."""
    m = _ACTIVITY.search(questions_in(normalise(text)) or "")
    if m is None or _TO_BE_SEEN.match(m.string[m.end() :]):
        return None  # "should i drive myself to the hospital?": how to get there, not whether driving is safe
    said = " ".join((m.group("a") or m.group("b") or m.group("c")).lower().split())
    what = _ACTIVITIES.get(said)
    game = re.match(r"\s+([a-z]+)", m.string[m.end() :]) if said == "play" else None
    if what is not None and game is not None and game.group(1) not in _NOT_A_GAME:
        return f"playing {game.group(1)}"  # "can i play football with it?": playing football
    return what


_TO_BE_SEEN = re.compile(
    r"\s+(?:myself|him|her|them|us|me|there|over|in|straight)?\s*(?:to|into)?\s*(?:the\s+|a\s+|an\s+|my\s+)?"
    r"(?:hospital|a\s*&\s*e|a\s+and\s+e|er|emergency|urgent\s+care|walk[\s-]in|doctor|gp|clinic|surgery|pharmacy)\b",
    re.IGNORECASE,
)
_NOT_A_GAME = {
    "with", "it", "on", "again", "tomorrow", "today", "tonight", "this", "next", "or", "and", "the", "in", "at", "still",
}  # fmt: skip


# Whether to tell the doctor something ("should i mention that?", "is it worth telling them about the blurry eye?").
_MENTION = re.compile(
    r"\b(?:should|do|shall|must)\s+i\s+(?:also\s+|still\s+|even\s+)?(?:need\s+to\s+)?(?:mention|bring\s+(?:it|that|this|them)\s+up|"
    r"tell\s+(?:them|him|her|(?:the|my)\s+(?:doctor|gp|midwife|nurse|surgeon|anaesthetist|anesthetist|dentist|pharmacist|"
    r"consultant|specialist|physio|neurologist))(?:\s+about)?)\b"
    r"|\bis\s+(?:it|that|this)\s+(?:even\s+)?worth\s+(?:mentioning|telling|bringing\s+up)\b",
    re.IGNORECASE,
)


# Whether the assistant remembers them ("do you remember me?", "remember? u said cut the coffee")
_MEMORY = re.compile(
    r"\b(?:do|did|can|d'?|don'?t)\s*(?:you|u|ya)\s+(?:even\s+|still\s+)?remember\b|\bremember\s+me\b|"
    r"\b(?:you|u)\s+(?:don'?t|dont|do\s+not)\s+remember\b|(?:^|[.!,]\s*)remember\s*\?",
    re.IGNORECASE,
)


def asks_memory(text: str) -> bool:
    """The message asks whether the assistant remembers them or an earlier chat."""
    return bool(_MEMORY.search(normalise(text)))


# Holding back from being seen for fear of being judged or of wasting time ("will they judge me?", "i dont want to waste
# the doctors time", "they'll think im a hypochondriac"): a worry about going, answered as such (round 32 c08)
_RELUCTANT = re.compile(
    r"\bwast(?:e|ing)\s+(?:the\s+|my\s+|their\s+|your\s+|his\s+|her\s+|anyone'?s\s+|some\w*'?s?\s+)?(?:doctor'?s?\s+|gp'?s?\s+|"
    r"nurse'?s?\s+|paramedics'?\s+|ambulance'?s?\s+|nhs'?s?\s+)?time\b|"
    r"\b(?:judge|judging|lecture)\s+(?:me|us|him|her|them)\b|\b(?:be|get|getting|being|feel)\s+judged\b|"
    r"\b(?:think|say|tell\s+me|thinks|says)\s+(?:i'?m|im|i\s+am|i\s+was|he'?s|she'?s)\s+(?:just\s+|a\s+|being\s+)*(?:hypochondriac|"
    r"overreacting|over-reacting|paranoid|making\s+it\s+up|silly|dramatic|an?\s+(?:idiot|drunk|alcoholic|addict))\b|"
    r"\b(?:too\s+)?(?:ashamed|embarrassed)\s+to\s+(?:go|call|ring|see|tell|ask)\b",
    re.IGNORECASE,
)


def holds_back(text: str) -> bool:
    """The message fears being judged or wasting someone's time by being seen."""
    return bool(_RELUCTANT.search(normalise(text)))


# A choice of when or where to be seen, asked ("do i need the ER tonight or can it wait till monday", "A&E or GP?"):
# when and where, not push back on the advice (round 33 c02: "my advice stays the same")
_NOW = (
    r"(?:tonight|today|now|right now|straight away|a ?& ?e|a and e|er|e\.r\.?|emergency(?: room| department)?|hospital|"
    r"111|999|911|urgent care)"
)
_LATER = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next week|the weekend|the morning|later|wait|"
    r"gp|doctor|doctors|my doctor|appointment|walk-?in)"
)
_WHEN_OR_WHERE = re.compile(
    rf"\b{_NOW}\b[^.?!]{{0,40}}?\bor\b[^.?!]{{0,40}}?\b{_LATER}\b|"
    rf"\b{_LATER}\b[^.?!]{{0,40}}?\bor\b[^.?!]{{0,40}}?\b{_NOW}\b",
    re.IGNORECASE,
)


def asks_when_or_where(text: str) -> bool:
    """A sentence that asks chooses between being seen now and later, or between places."""
    return any(_WHEN_OR_WHERE.search(s) for s in _SENTENCE_END.split(normalise(text)) if _asks(s) or " or " in s)


# A time later on the same day, asked about for being seen ("can i go after my exam at 5pm?", "is tonight ok?", "in a
# couple of hours, once the kids are in bed?"), and no later day beside it.
_LATER_TODAY = re.compile(
    r"\b(?:tonight|this\s+(?:afternoon|evening)|later\s+(?:today|on|this\s+(?:afternoon|evening))|at\s+\d{1,2}(?::\d\d)?\s*(?:pm|am|o'?clock)?"
    r"|after\s+(?:work|school|my\s+(?:exam|shift|class|lecture|meeting|interview)|the\s+(?:school\s+run|exam|meeting))"
    r"|in\s+(?:an?|a\s+couple\s+of|a\s+few|one|two|three|\d)\s+hours?|once\s+(?:the\s+kids|my\s+(?:wife|husband|partner))\b)",
    re.IGNORECASE,
)
_ANOTHER_DAY = re.compile(
    r"\b(?:tomorrow|tmrw|tmr|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|next\s+week|morning|"
    r"in\s+(?:a|\d+|a\s+few|a\s+couple\s+of)\s+days?)\b",
    re.IGNORECASE,
)
# "does that change things?", "so does that change anything?" after telling something new or correcting a fact
_CHANGE_ASKED = re.compile(
    r"\b(?:does|do|would|will|did|doesn'?t|wouldn'?t)\s+(?:that|this|it|any\s+of\s+(?:that|this))\s+change\s+"
    r"(?:things|anything|much|what\s+you\s+(?:said|think)|(?:the|your|my)\s+(?:advice|answer|level)|how\s+urgent)\b"
    r"|\b(?:does|do)\s+(?:that|this|it)\s+(?:make\s+(?:a|any)\s+difference|matter\s+now)\b",
    re.IGNORECASE,
)
CHANGE_ASKED = "whether it changes the advice"  # the `outside` of "does that change things?"


def asks_if_changed(text: str) -> bool:
    """A question whether what was just told changes the advice."""
    return _CHANGE_ASKED.search(normalise(text)) is not None


LATER_TODAY = "later today"  # the `outside` of a question whether being seen later the same day will do


def asks_later_today(text: str) -> bool:
    """A question whether being seen at a time later today will do, with no later day named."""
    asking = questions_in(normalise(text))
    return bool(asking) and _LATER_TODAY.search(asking) is not None and _ANOTHER_DAY.search(asking) is None


# The summary for the doctor asked for in words, beside anything else ("ok i'll ring 111. can you write a summary of
# her stuff so i dont forget anything": round 32 c13, the summary never came)
_SUMMARY = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u)\b[^.?!]{0,25}?\b(?:summary|summari[sz]e|sum\s+(?:it|this|that|everything)\s+up|"
    r"recap|write[- ]?up|write\s+(?:it|this|that|everything)\s+(?:up|down))\b|"
    r"\b(?:please|pls|plz|give\s+me|send\s+me|i\s+(?:need|want|would\s+like|'d\s+like)|make\s+me|write\s+me|do\s+me|"
    r"get\s+me)\b[^.?!]{0,15}?\b(?:a\s+|the\s+|that\s+)?(?:summary|recap|write[- ]?up)\b|"
    r"\b(?:summary|recap)\s+(?:please|pls|plz|for\s+(?:my|the|her|his|their|our)\s+(?:doctor|gp|doc|appointment|nurse))\b",
    re.IGNORECASE,
)


def asks_summary(text: str) -> bool:
    """The message asks for the summary for the doctor, in words."""
    return bool(_SUMMARY.search(normalise(text)))


def without_summary(text: str) -> str:
    """The text with its request for the summary taken out ("can you give me a summary" asks no cause)."""
    return _SUMMARY.sub(" ", normalise(text))


def kinds(text: str) -> set[str]:
    """The kinds of question the rules read in `text`."""
    return {a.kind for a in asked(text)}


def asks_to_mention(text: str) -> bool:
    """The message asks whether to tell the doctor something."""
    return bool(_MENTION.search(questions_in(normalise(text)) or ""))


@dataclass(frozen=True)
class Asked:
    kind: str
    disease: str | None = None  # for a feared disease: its name as the answer says it


# "my MS", "diagnosed with MS": a disease the writer has, not one they fear.
_KNOWN_DIAGNOSIS = re.compile(
    r"\b(?:my|his|her|their|diagnosed\s+with|diagnosis\s+of|living\s+with|known|confirmed)\s+$"
    # "I have MS", said, not asked ("does this mean i have ALS?", "what if I have MS")
    r"|(?:^|[.!?,;]\s*|\b(?:and|but|since|as|because|so)\s+)(?:i\s+have|i'?ve\s+got|ive\s+got|he\s+has|she\s+has|"
    r"they\s+have)\s+$",
    re.IGNORECASE,
)
# said to be had, after its name: "MS diagnosed 2019", "ALS confirmed last year"
_KNOWN_AFTER = re.compile(r"^\s*(?:,\s*)?(?:was\s+|been\s+)?(?:diagnosed|confirmed)\b", re.IGNORECASE)


def _known_diseases(text: str) -> set[str]:
    """The diseases the message says someone has ("I have MS diagnosed 2019", "my MS"): never feared, whatever else is
    asked (round 36 c26: "I can't rule it in or out" about MS, to a person with MS)."""
    return {
        name for pattern, name in DISEASES for m in pattern.finditer(text)
        if _KNOWN_DIAGNOSIS.search(text[: m.start()]) or _KNOWN_AFTER.match(text[m.end() :])
    }  # fmt: skip


def feared_disease(text: str) -> str | None:
    """The serious disease a message fears (as the answer will name it), if any.

    It must be named in a sentence that asks or voices a fear ("is it ALS?", "terrified it's
    MS"), not only mentioned ("with MS you get all kinds of feelings") or had ("my MS").
    """
    plain = normalise(text)
    known = _known_diseases(plain)
    name = _feared(plain)
    return None if name in known else name


def _feared(plain: str) -> str | None:
    sentences = _SENTENCE_END.split(plain)
    for k, sentence in enumerate(sentences):
        if not _asks(sentence):
            continue
        if (name := _disease_named(sentence)) is not None:
            return name
        if k and _POINTS_BACK.search(sentence) and (name := _disease_named(sentences[k - 1])) is not None:
            return name  # "i read that twitching plus foot drop is ALS. is that what this is?"
        following = sentences[k + 1] if k + 1 < len(sentences) else ""
        if _POINTS_BACK.search(sentence) and _READ_OF.search(following) and (name := _disease_named(following)):
            return name  # "the tongue thing, is that a bad sign? I read it's how bulbar ALS starts"
    return None


# What someone read or was told, said after the question it explains ("... I saw online that ...").
_READ_OF = re.compile(r"\b(?:read|heard|saw|seen|googled?|googling|looked\s+up|told|says|said|apparently)\b", re.I)


_POINTS_BACK = re.compile(r"\b(?:that|this|it)\b")


def _disease_named(sentence: str) -> str | None:
    for pattern, name in DISEASES:
        for match in pattern.finditer(sentence):
            if not _KNOWN_DIAGNOSIS.search(sentence[: match.start()]):
                return name
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_QUESTION_WORDS = {
    "how", "what", "what's", "whats", "which", "why", "when", "should", "can", "could", "is", "are", "am", "do",
    "does", "did", "will", "would", "may", "might", "any", "shall",
}  # fmt: skip
_FILLERS = {
    "ok",
    "okay",
    "so",
    "but",
    "and",
    "also",
    "then",
    "hi",
    "hello",
    "hey",
    "well",
    "um",
    "please",
    "sorry",
    "just",
    "doc",
}


# A question told as one ("i asked if covid has anything to do with it", "i want to know whether ...").
_ASKED_IN_WORDS = re.compile(
    r"\b(?:i\s+asked|i'?m\s+asking|i\s+am\s+asking|i\s+want\s+to\s+know|i'?d\s+like\s+to\s+know|tell\s+me|"
    r"i\s+wonder(?:ed)?|wondering)\s+(?:you\s+)?(?:if|whether)\b"
)


# A question asked after what is told, in the same sentence and with no "?": "i take antidepressants, is it ok to take
# potassium too", "been on b12 a month, should i stop" (a sealed set, counts only: 6 of 14 questions on supplements lost)
_ASKED_AFTER = re.compile(
    r"[,;:]\s*(?:(?:so|and|but|then|now)\s+)?(?:(?:is|are|can|could|should|would|will|do|does|shall)\s+"
    r"(?:it|i|you|that|this|they|he|she|we|there|my|taking|having)\b|"
    # "ok i'll ring 111. but really, what's a normal amount of water a day" (round 42 c22: unanswered twice)
    r"what'?s\b|(?:what|how|why|which)\s+(?:is|are|do|does|should|can|much|many|long|often|about|kind|sort|amount)\b)"
)


def questions_in(plain: str) -> str:
    """The sentences of a message that ask something (a "?" or a question word first), joined.

    "Turns out a twitchy eyelid is caused by stress" reports; "is it caused by stress?" asks.
    """
    asking = []
    for sentence in _SENTENCE_END.split(plain):
        words = [w for w in re.findall(r"[\w']+", sentence.lower())]
        while words and words[0] in _FILLERS:
            words.pop(0)
        lower = sentence.lower()
        worded = _ASKED_IN_WORDS.search(lower) or _ASKED_AFTER.search(lower)
        if "?" in sentence or (words and words[0] in _QUESTION_WORDS) or worded:
            asking.append(sentence)
    return "\n".join(asking)


def asks_in_full(text: str) -> bool:
    """A sentence of `text` opens with a question word ("can I play again next week?", "and should I take
    anything"), not only a "?" after an answer's hedge ("maybe a little tired?")."""
    for sentence in _SENTENCE_END.split(text):
        words = re.findall(r"[\w']+", sentence.lower())
        while words and words[0] in _FILLERS:
            words.pop(0)
        if len(words) >= 3 and words[0] in _QUESTION_WORDS and words[0] != "any":
            return True
    return False


AFTER_OPERATION = "twitching in the weeks after an operation"  # the `outside` of "is this normal?" beside one had
# "could it be related to the surgery?", "could my new job be causing it?": the thing named as a cause.
_OWNERS = r"my|the|a|an|this|that|these|those|his|her|their|our|all\s+the|all\s+this|all\s+that"
_NAMED_CAUSE: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?:related\s+to|due\s+to|caused\s+by|because\s+of|linked\s+to|connected\s+to|from|a\s+side\s+effect\s+of)\s+"
        r"(?:(?:my|the|a|an|this|that|his|her|their|our)\s+)?(?P<thing>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,3}?)\s*(?:\?|$|,|\.|\s+(?:or|and)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bcould\s+(?:my|the|a|an|this|that|his|her|their|our)\s+(?P<thing>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2}?)\s+"
        r"(?:be\s+(?:causing|doing|behind|the\s+cause|the\s+reason)|cause|do|trigger)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:(?:could|can|might|is)\s+(?:it|this|that)\s+be\s+(?:my|the|his|her|their|a|an|low|high|too\s+(?:much|little))|"
        r"(?:is|was)\s+(?:it|this|that)\s+(?:my|the|his|her|their|our))\s+"
        r"(?P<thing>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2}?)\s*(?:\?|$|,|\.)",
        re.IGNORECASE,
    ),
    # "does the surgery matter?", "would my thyroid have anything to do with it?", "can creatine do this?",
    # "might the new mattress play a part?", "is the covid jab relevant?", "are my antihistamines to blame?"
    re.compile(
        rf"\b(?:does|do|did|would|could|can|might|may|is|are|was|were|if|whether)\s+(?:(?:{_OWNERS})\s+)?"
        r"(?P<thing>[a-z][a-z'-]*(?:\s+(?:or\s+)?[a-z][a-z'-]*){0,3}?)\s+(?:really\s+|even\s+|also\s+)?"
        r"(?:matters?|counts?|make\s+a\s+difference|play\s+a\s+(?:part|role)|(?:have|has)\s+(?:anything|something|much)\s+to\s+do"
        r"|(?:be\s+)?(?:relevant|involved|to\s+blame|a\s+factor|part\s+of\s+it|(?:the|a)\s+(?:culprit|trigger|reason|cause))"
        r"|do\s+(?:this|that|it)|cause\s+(?:this|that|it|twitch\w*))\b",
        re.IGNORECASE,
    ),
    # "what about the antihistamines, could they be it?"
    re.compile(
        rf"\bwhat\s+about\s+(?:(?:{_OWNERS})\s+)?(?P<thing>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){{0,2}}?)\s*(?:\?|$|,|\.)",
        re.IGNORECASE,
    ),
)
# "is it sciatica?", "could these be tics?", "is this a pinched nerve?", "might it just be restless legs?": a condition
# named as what the twitching is (an article before it makes it a thing; without one, no word that says how it is)
_NAMED_CONDITION = re.compile(
    r"\b(?:(?:could|can|might|may|would)\s+(?:it|this|that|these|those|they|mine)\s+(?:just\s+|actually\s+|really\s+)?be|"
    r"(?:is|are)\s+(?:it|this|that|these|those|they|mine)(?:\s+(?:just|actually|really|maybe|possibly|probably))?)"
    r"\s+(?P<article>(?:a|an|some|(?:a\s+|some\s+)?(?:kind|sort|form|type)\s+of)\s+)?"
    r"(?P<thing>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2}?)\s*(?:\?|$|,|\.|\s+or\b)",
    re.IGNORECASE,
)
# words that say how the twitching is, or what kind of thing, rather than name a condition
_NOT_A_CONDITION = {
    "normal", "serious", "bad", "good", "ok", "okay", "fine", "safe", "dangerous", "harmful", "harmless", "benign", "common",
    "rare", "worrying", "concerning", "permanent", "temporary", "contagious", "genetic", "hereditary", "curable",
    "treatable", "related", "connected", "linked", "due", "because", "from", "worse", "better", "real", "true", "possible",
    "likely", "unlikely", "worth", "time", "over", "gone", "back", "all", "just", "only", "still", "always", "usually",
    "big", "deal", "sign", "symptom", "symptoms", "problem", "concern", "worry", "cause", "reason", "thing", "matter",
    "case", "emergency", "red", "lot", "little", "bit", "part", "side", "result", "warning", "medical", "issue",
    "mental", "physical", "psychological", "psychosomatic", "nerves", "nerve", "muscle", "muscles", "twitch", "twitches",
    "twitching", "spasm", "spasms", "cramp", "cramps", "fasciculation", "fasciculations", "new", "same", "different",
    "urgent", "life", "anything", "something", "nothing", "stress", "anxiety", "deficiency", "lack", "low", "high", "too",
    "very", "so", "getting", "going", "the", "my", "me", "you", "yours", "in", "on", "at", "for", "with", "what", "how",
    "why", "when", "where", "who", "which", "supposed", "meant", "expected", "age", "old", "young", "weird", "strange",
    "odd", "abnormal", "unusual", "typical", "fatal", "deadly", "terminal", "progressive", "spreading", "bilateral",
    "bfs", "heart", "stroke", "seizure", "seizures", "fit", "fits", "panic", "tremor", "tremors", "imagination",
    "soon", "enough", "quick", "fast", "late", "early", "long", "far", "near", "close",  # "is that soon enough?" (r29 c08)
}  # fmt: skip
_TRAILING = re.compile(r"\s+(?:maybe|perhaps|though|then|too|really|actually|possibly|again|instead|even)$", re.IGNORECASE)
# words a named thing never starts with: "could that [have anything to] do with it" names nothing
_AUXILIARY_FIRST = {"have", "has", "had", "be", "been", "do", "does", "did", "really", "even", "also", "just", "possibly"}
_VAGUE = {
    "it", "this", "that", "something", "anything", "nothing", "what", "there", "stuff", "things", "them", "me",
    "they", "he", "she", "we", "you", "i", "these", "those",
}  # fmt: skip


# A thing asked whether to take, keep taking or try ("is creatine ok to keep taking?", "should I try glucosamine?",
# "can I still use my pre-workout?"): its name, for an answer that says when the documents do not cover it.
_NAMED_TAKEN: tuple[re.Pattern[str], ...] = (
    # "is it ok to take compression socks on the flight?", "would it be safe for him to keep taking creatine?"
    re.compile(
        r"\b(?:is|would|will)\s+it\s+(?:be\s+)?(?:ok|okay|safe|fine|alright|all\s+right|a\s+good\s+idea|wise|bad)\s+"
        r"(?:for\s+(?:me|him|her|them|us)\s+)?to\s+(?:keep\s+|still\s+|start\s+)?(?:taking|take|having|have|drink|drinking)\s+"
        rf"(?:(?:{_OWNERS}|some|any|a|an)\s+)?(?P<thing>[a-z][a-z0-9'-]*(?:\s+[a-z][a-z0-9'-]*)?)\s*(?:\?|$|,|\.|\s+(?:on|"
        r"or|and|while|with|for|if|too|as\s+well|alongside|at|every|daily|each|now|then|during|before|after|when|to|tonight|"
        r"today|till|until)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:is|are)\s+(?:(?:{_OWNERS}|some|any)\s+)?(?P<thing>[a-z][a-z0-9'-]*(?:\s+[a-z][a-z0-9'-]*)?)\s+(?:\w+ly\s+)?"
        r"(?:ok|okay|safe|fine|alright|all\s+right|good|bad|worth|dangerous|harmful|(?:a\s+)?(?:good|bad)\s+idea|wise|"
        r"helpful|any\s+good|advisable|recommended)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:should|can|could|may|shall)\s+(?:i|he|she|we|they)\s+(?:just\s+|still\s+)?(?:keep\s+|still\s+|carry\s+on\s+|"
        r"start\s+|stop\s+|be\s+)?"
        rf"(?:taking|take|using|use|try|trying|having|have|drink|drinking)\s+(?:(?:{_OWNERS}|some|any|a\s+couple(?:\s+of)?|"
        r"a\s+few|one|two|a\s+little|a\s+bit\s+of)\s+)?(?:(?:glass|can|bottle|pint|cup|shot)s?\s+of\s+)?"
        r"(?P<thing>[a-z][a-z0-9'-]*(?:\s+[a-z][a-z0-9'-]*)?)\s*(?:\?|$|,|\.|\s+(?:or|and|while|with|for|if|too|as\s+well|"
        r"alongside|along|together|on\s+top|at|every|daily|each|now|then|instead|anyway|again|during|before|after|when|"
        r"to|tonight|today|till|until)\b)",
        re.IGNORECASE,
    ),
    # "would a couple beers help?", "would a few glasses of wine settle it": drink asked whether to have (round 26 c08,
    # in withdrawal: answered with the push-back script)
    re.compile(
        r"\b(?:would|will|could|might|does|do|can|should)\s+(?:a|an|one|two|a\s+couple(?:\s+of)?|couple|a\s+few|few|some)\s+"
        r"(?:(?:glass(?:es)?|cans?|pints?|bottles?|shots?)\s+of\s+)?(?P<thing>beers?|wine|vodka|whisky|whiskey|gin|rum|pints?|shots?|"
        r"lagers?|ciders?|drinks?)\s+(?:help|work|calm|settle|stop|take|fix|ease|sort)\b",
        re.IGNORECASE,
    ),
    # the taking said as the subject: "would having one or two beers to take the edge off be safer?", "is taking
    # magnesium at night ok" (round 35 c08: beers asked in withdrawal, answered with the foods refusal)
    re.compile(
        r"\b(?:would|will|could|might|does|do|can|should|is|isn'?t|wouldn'?t)\s+(?:just\s+)?(?:having|drinking|taking|using|"
        r"trying)\s+(?:(?:one\s+or\s+two|a\s+couple(?:\s+of)?|a\s+few|a\s+little|a\s+bit\s+of|couple|few|some|my|more|a|an|one|"
        r"two)\s+)?(?:(?:glass(?:es)?|cans?|pints?|bottles?|shots?)\s+of\s+)?(?P<thing>[a-z][a-z0-9'-]*)\b",
        re.IGNORECASE,
    ),
)
_NOT_A_THING = _VAGUE | {
    "a", "an", "the",  # "is that a good idea?" (round 23 c08: "My documents don't cover a")
    "anything", "more", "less", "extra", "one", "supplements", "supplement", "pills", "tablets", "day", "week", "night",
    "morning", "evening", "daily", "dose", "doses", "amount", "much", "many", "time", "times", "break", "rest", "bit", "lot",
    "double", "half", "both", "all", "another", "other", "chance", "risk", "look", "walk", "nap", "shower", "bath",
    "before", "after", "at", "in", "on", "with", "during", "every", "each", "per", "twice", "once", "when", "then", "now",
    "instead", "still", "too", "as", "for", "to", "from", "by", "without", "together", "regularly", "long",
}  # fmt: skip


# drinks of alcohol, however they are named: asked about as alcohol ("a couple drinks to take the edge off")
ALCOHOL = "alcohol"
_ALCOHOL = re.compile(
    # not "sports drinks" or "energy drinks" (round 27 c19: a sports drink got "heavy drinking can run magnesium low")
    r"\b(?:(?<!sports\s)(?<!sport\s)(?<!energy\s)(?<!soft\s)(?<!fizzy\s)(?<!protein\s)(?<!electrolyte\s)(?<!isotonic\s)drinks?|"
    r"beers?|wine|vodka|whisky|whiskey|gin|rum|pints?|shots?|alcohol|booze|cans?|lagers?|ciders?)\b",
    re.I,
)


OUTSIDE_PATH = Path(__file__).resolve().parent / "knowledge" / "outside.yml"


@lru_cache(maxsize=1)
def _substances() -> re.Pattern[str]:
    names = [str(n).lower() for n in yaml.safe_load(OUTSIDE_PATH.read_text(encoding="utf-8"))["substances"]]
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})s?(?![\w-])", re.IGNORECASE)


def named_substance(text: str) -> str | None:
    """A thing to take that the documents do not cover, named anywhere in `text` ("would melatonin help?",
    "you didn't say anything about the ashwagandha"), as written, or None."""
    m = _substances().search(normalise(text))
    return m.group(0) if m is not None else None


def _first_thing(patterns: tuple[re.Pattern[str], ...], text: str, keep: Callable[[str], bool]) -> str | None:
    """The first thing the sentences of `text` that ask name in a pattern's `thing` group, in the asker's words."""
    asking = questions_in(normalise(text))
    for pattern in patterns:
        for m in pattern.finditer(asking):
            if keep(thing := m.group("thing").strip()):
                return thing
    return None


# Words in -ly that are things, not adverbs ("is jelly ok?")
_THINGS_IN_LY = frozenset({"jelly", "belly", "lily", "family", "holly", "curly", "melly", "ugly"})


def _a_thing(words: str) -> bool:
    """A name of a thing, not a vague word or an adverb: "is it actually ok?" names nothing (round 32 c01: "My
    documents don't cover actually")."""
    first = words.split()[0].lower()
    return first not in _NOT_A_THING and not _adverb(first)


def _adverb(word: str) -> bool:
    return word.lower().endswith("ly") and word.lower() not in _THINGS_IN_LY


def named_taken(text: str) -> str | None:
    """The thing a question asks whether to take or keep taking, in the asker's words (any drink of alcohol
    as "alcohol"), or None."""
    thing = _first_thing(_NAMED_TAKEN, text, lambda t: bool(_ALCOHOL.search(t)) or _a_thing(t))
    if thing is not None and len(words := thing.split()) > 1 and _adverb(words[-1]):
        thing = words[0]  # "is magnesium really safe?"
    return ALCOHOL if thing is not None and _ALCOHOL.search(thing) else thing


# A remedy or aid asked whether to use ("should i use heat or ice on it?", "would compression socks help?", "is a
# foam roller any good for it?"): its name, for an answer that says when the documents do not cover it (round 35 c20:
# "heat or ice?" got the sleep and stress tips; c06: compression socks asked three times).
_THING = r"(?P<thing>[a-z][a-z'-]*(?:\s+(?:or|and)\s+[a-z][a-z'-]*|\s+[a-z][a-z'-]*)?)"
_NAMED_USED: tuple[re.Pattern[str], ...] = (
    # "is it ok to wear compression socks on the flight?", "would it help to use a heat pad?"
    re.compile(
        r"\b(?:is|would|will)\s+it\s+(?:be\s+)?(?:ok|okay|safe|fine|alright|a\s+good\s+idea|worth\s+it|help(?:ful)?)\s+"
        r"(?:for\s+(?:me|him|her|them)\s+)?to\s+(?:use|put\s+on|apply|wear|try|get|buy|rub\s+on)\s+"
        rf"(?:a\s+|an\s+|some\s+|the\s+|my\s+|his\s+|her\s+)?{_THING}\s*(?:\?|$|,|\.|\s+(?:on|for|to|at|while|when|instead)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:should|can|could|do|shall|would)\s+(?:i|we|he|she|they)\s+(?:just\s+)?(?:use|put|apply|wear|try|get|buy|rub)\s+"
        rf"(?:a\s+|an\s+|some\s+|the\s+|my\s+|his\s+|her\s+)?{_THING}\s*(?:\?|$|,|\.|\s+(?:on|for|to|at|while|when|instead)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:would|will|does|do|could|can|might)\s+(?:a\s+|an\s+|some\s+|the\s+|my\s+)?{_THING}\s+(?:help|work)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:is|are)\s+(?:a\s+|an\s+)?{_THING}\s+(?:good|helpful|any\s+good|worth\s+(?:it|trying))\s+for\b",
        re.IGNORECASE,
    ),
)


# Something to give or take for another complaint: "what can i give her for the diarrhoea?", "what should i take for
# the headache" (round 35 c21: answered with the foods refusal and a food list)
_GIVEN_FOR = re.compile(
    r"\bwhat\s+(?:can|could|should|do|shall)\s+(?:i|we|she|he|they)\s+(?:give|get|take|use)\s+(?:(?:her|him|them|me|my\s+\w+)\s+)?"
    r"for\s+(?:the\s+|her\s+|his\s+|their\s+|my\s+|this\s+|that\s+)?(?P<thing>[a-z][a-z'-]*)",
    re.IGNORECASE,
)
_OF_THE_TWITCHING = re.compile(
    r"^(?:it|this|that|twitch\w*|cramp\w*|spasm\w*|jump\w*|flicker\w*|muscle\w*|eyelid|legs?|calf)$", re.IGNORECASE
)


# A doctor's word already given and doubted: "can the neuro be wrong though?", "what if my gp missed something",
# "the neurologist said benign but I don't believe him" (round 35 c11: "please book an appointment ... that is where real
# reassurance comes from", to someone a neurologist had examined)
_DOUBTED = re.compile(
    r"\b(?:neuro|neurologist|neurologists|doctor|doctors|doc|gp|specialist|consultant|physician)\b[^.?!]{0,60}?"
    r"\b(?:be\s+wrong|been\s+wrong|is\s+wrong|was\s+wrong|got\s+it\s+wrong|missed|miss|mistaken|sure|right|trust|believe)\b"
    r"|\b(?:don'?t|do\s+not|dont|cant|can'?t)\s+(?:believe|trust)\s+(?:him|her|them|the\s+(?:neuro|neurologist|doctor|gp))\b",
    re.IGNORECASE,
)


DOCTOR_DOUBTED = "doctor_doubted"  # the `outside` of a feared disease asked about after a doctor said otherwise
INHERITED = "whether it runs in families"  # the `outside` of a question whether a disease or the twitching is inherited

# "is this hereditary?", "does it run in families?", "could i have inherited it from my dad?", "is it genetic?"
_INHERITED = re.compile(
    r"\b(?:hereditary|heredit\w*|genetic(?:ally)?|inherit(?:ed|able)?|runs?\s+in\s+(?:the\s+|my\s+|our\s+)?famil(?:y|ies)"
    r"|passed\s+(?:it\s+)?down|pass(?:es)?\s+(?:it\s+)?(?:down|on)\s+to|in\s+(?:my|the|our)\s+genes|family\s+thing)\b",
    re.IGNORECASE,
)


def asks_inherited(asking: str) -> bool:
    """A question (its sentences that ask) on whether the twitching or a disease is inherited."""
    return _INHERITED.search(asking) is not None


def doubts_a_doctor(text: str) -> bool:
    """The message doubts what a doctor who examined them said."""
    return _DOUBTED.search(text) is not None


def given_for(text: str) -> str | None:
    """Another complaint a question asks what to give or take for ("the diarrhoea"), or None (the twitching's own
    remedies are what helps)."""
    m = _GIVEN_FOR.search(text)
    return None if m is None or _OF_THE_TWITCHING.match(m.group("thing")) else m.group("thing").lower()


def named_used(text: str) -> str | None:
    """A thing a question asks whether to use or try for the twitching, in the asker's words, or None."""
    return _first_thing(_NAMED_USED, text, _a_thing)


# A food asked whether to eat ("would eating avocados help?", "should I eat more dark chocolate?", "are dates good
# for it?"): its name, for an answer that says when the documents do not list it.
_NAMED_EATEN: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?:would|will|does|do|could|can|might|is|are)\s+(?:eating|having|drinking)\s+(?:more\s+|some\s+|lots\s+of\s+)?"
        r"(?P<thing>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*)?)\s+(?:help|work|make|be|do|fix|stop|good|worth)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:should|can|could|do)\s+i\s+(?:eat|have|drink|try|add)\s+(?:more\s+|some\s+|lots\s+of\s+|a\s+lot\s+of\s+)?"
        r"(?P<thing>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*)?)\s*(?:\?|$|,|\.|\s+(?:or|and|for|to|every|daily|each|instead)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:is|are)\s+(?P<thing>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*)?)\s+(?:good|helpful|any\s+good|a\s+good\s+source)\s+"
        r"(?:for|to|against|with)\b",
        re.IGNORECASE,
    ),
)
_NOT_A_FOOD = _NOT_A_THING | {
    "food", "foods", "things", "it", "them", "healthy", "better", "well", "right", "enough", "something", "stuff", "diet",
    "meals", "meal", "snacks", "water", "fluids", "electrolytes", "electrolyte", "supplement", "vitamins", "minerals",
}  # fmt: skip


def named_eaten(text: str) -> str | None:
    """The food a question asks whether to eat or drink, in the asker's words, or None."""
    return _first_thing(_NAMED_EATEN, text, lambda t: t.split()[0].lower() not in _NOT_A_FOOD)


# "she had a thyroid operation 2 weeks ago if that matters": a thing told, with the question whether it goes with it
_IF_IT_MATTERS = re.compile(
    rf"\b(?:had|has|have|got|took|takes|take|started|starting|on|did|does|do)\s+(?P<owner>(?:{_OWNERS})\s+)?"
    r"(?P<thing>[a-z][a-z'-]*(?:\s+[\w'-]+){0,5}?)\s*[,.;!-]*\s*(?:"
    r"(?P<ask>if|in\s+case|not\s+sure\s+if)\s+(?:that|it|this)(?:'s|\s+is)?\s+(?:matters?|relevant|helps|counts|important)|"
    # the same asked back of what was just told: "i had my thyroid removed 5 years ago, does that matter?"
    r"(?:(?:so|but|and)\s+)?(?:does|do|would|could|might|may|can|will|is)\s+(?:that|it|this)\s+(?:really\s+|even\s+|also\s+)?"
    r"(?:matter|count|make\s+a\s+difference|play\s+a\s+(?:part|role)|(?:be\s+)?(?:relevant|related|connected|linked)|"
    r"have\s+(?:anything|something)\s+to\s+do\s+with\s+(?:it|this|that|them|the\s+twitch\w*)|"
    r"be\s+(?:the\s+cause|causing\s+(?:it|this|that|them|the\s+twitch\w*))|cause\s+(?:it|this|that|them|the\s+twitch\w*)))\b",
    re.IGNORECASE,
)
# what a body part had done to it: "thyroid removed", "gallbladder out" is said back as "having your thyroid removed"
_DONE_TO = re.compile(r"\b(?:removed|out|taken\s+out|done|replaced|fixed|operated\s+on|reconstructed)$", re.I)
_SAID_BACK_OWNER = {"my": "your", "our": "your"}


# a question that points back at what the same message told just before it: "i moved house last month, could that be
# related?" (what was told is not named in words a rule can take, so it is said back as "that")
_BACK_TO_TOLD = re.compile(
    r"[\w'].{10,}?[,.;!-]+\s*(?:(?:so|but|and|or)\s+)?(?:does|do|would|could|might|may|can|will|is|was)\s+(?:that|this)\b",
    re.I,
)
TOLD_JUST_BEFORE = "that"


def points_back(text: str) -> bool:
    """Whether a question asks of what the same message told before it ("..., does that matter?")."""
    return _BACK_TO_TOLD.search(normalise(text)) is not None


def said_if_it_matters(text: str) -> str | None:
    """The thing told with "if that matters" ("had a thyroid op 2 weeks ago if that matters"), or None: its words up
    to when it was ("2 weeks ago", "last month")."""
    m = _IF_IT_MATTERS.search(normalise(text))
    if m is None or m.group("thing").split()[0].lower() in _VAGUE:
        return None
    thing = _WHEN.split(m.group("thing"), maxsplit=1)[0].strip()
    if not thing:
        return None
    said = (m.group("owner") or "").strip().lower()
    owner = _SAID_BACK_OWNER.get(said, said)  # "my hip operation" is said back as "your hip operation"
    if _DONE_TO.search(thing) and len(thing.split()) > 1:
        return f"having {owner or 'a'} {thing}"  # "had my thyroid removed": "having your thyroid removed"
    return f"{owner} {thing}" if owner else thing


_WHEN = re.compile(
    r"\s+(?=\d|(?:a|one|two|three|few|couple|last|this|ago|recently|yesterday|since|back)\b|"
    r"(?:in|on|at|over|during|around)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"spring|summer|autumn|fall|winter|christmas|xmas|easter|the\s+(?:spring|summer|autumn|winter|holidays))\w*\b)",
    re.I,
)


def named_cause(text: str, whole: bool = False) -> str | None:
    """The thing a question names as a possible cause, in the asker's words, or None (in `whole`, any sentence:
    "you didnt say if the thyroid op matters" asks it again without asking; a thing told "if that matters" is
    `said_if_it_matters`)."""
    asking = normalise(text) if whole else questions_in(normalise(text))
    for pattern in _NAMED_CAUSE:
        if (m := pattern.search(asking)) is not None and m.group("thing").split()[0].lower() not in _VAGUE | _AUXILIARY_FIRST:
            return _WHEN.split(m.group("thing"), maxsplit=1)[0].strip()  # "his hip op last year": the op, not when
    for m in _NAMED_CONDITION.finditer(asking):
        thing = _TRAILING.sub("", m.group("thing").strip())
        first = thing.split()[0].lower()
        if first in _VAGUE | _NOT_A_CONDITION | _AUXILIARY_FIRST or feared_disease(f"is it {thing}?") is not None:
            continue
        how = r"(?:ing|ed|ly)$" if " " in thing else r"(?:ing|ed|ly|ous|ful|ble|ive|al)$"  # "carpal tunnel" names one
        if m.group("article") is None and re.search(how, first):
            continue  # "is it getting worse?", "is it inherited?": how it is, not a condition
        article = (m.group("article") or "").strip().lower()
        return f"{article} {thing}" if article in ("a", "an") else thing  # said back as asked: "a pinched nerve"
    return None


def asked(text: str) -> list[Asked]:
    """The kinds of question `text` asks, most specific first (empty: not a known question).

    Only the sentences that ask count, except for a feared disease: "I'm terrified it's ALS"
    voices the fear the policy asks the bot to answer.
    """
    plain = normalise(text)
    asking = questions_in(plain)
    found: list[Asked] = [
        Asked(kind) for kind, pattern in ((DOSE, _DOSE), (STOP_MEDICINE, _STOP_MEDICINE)) if pattern.search(asking)
    ]
    # a feared disease before "should I worry" and "is it normal": the fear is what is asked
    if (disease := feared_disease(plain)) is not None:
        found.append(Asked(FEARED, disease))
    found += [Asked(kind) for kind, pattern in ((TESTS, _TESTS), (WORRY, _WORRY), (NORMAL, _NORMAL)) if pattern.search(asking)]
    if _CAUSE.search(asking) and not any(a.kind == FEARED for a in found):
        found.append(Asked(CAUSE))
    if any(_NEXT_STEP.search(sentence) for sentence in _SENTENCE_END.split(plain)):
        found.append(Asked(NEXT_STEP))
    return found


def _asks(plain: str) -> bool:
    """A message that asks something or voices a fear (not only reports a diagnosis)."""
    return "?" in plain or bool(questions_in(plain)) or bool(
        re.search(
            r"\b(?:is|could|can|does|do|am|might|may|would)\s+(?:it|this|that|i|these|twitching|my)\b"
            r"|\b(?:does|do|can|could)\b[^.?!]{0,40}\bmean\b|\b(?:say|tell\s+me|know)\s+if\s+(?:it'?s|its|it\s+is)\b"
            r"|\b(?:scared|afraid|terrified|worried|worry|fear|fears|feared|frightened|panick?ing|convinced|"
            r"paranoid|freaking|anxious|sure|think|thought|wonder|wondering)\b",
            plain,
            re.IGNORECASE,
        )
    )
