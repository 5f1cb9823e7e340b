"""What the Rasa server understood from one message, as the action server receives it.

Each message is read once, in the Rasa server: the MeaningClassifier (rasa_server/components/
meaning.py) calls `understand` with the message's text, its entities and the meaning model's
reading, and puts the result in the parse data under `reading`. The actions read it back with
`Understood.from_parse`; the action server never reads the text again.

- `asked`: every question the message asks, most specific first, each with its topic (the
  meaning model's topics, bot/nlu/meaning.py TOPICS), the cause, nutrient or topic it names
  (`subject`), and for a feared disease the name the answer uses. The topics come from the
  model; exact rules add what only words can tell: an amount with a unit is a dose, a disease
  is named by its name (bot/questions.py).
- `answers`: what the message answers to each interview question (affirm, deny, dont_know):
  exact rules first (counts, hours, plain yes and no: bot/free_answers.py), then the model when
  it is sure.
- `small_talk`: a greeting or thanks, which answers nothing even when it holds an answer's word.
- `subject`: the cause, nutrient or general topic the message names, if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Mapping, Sequence

from bot import free_answers, numbers, questions
from bot.knowledge.contract import ENTITY_VALUES, MOVEMENT_SYMPTOMS, ROLE_ABSENT, ROLE_CORRECTED, ROLE_HYPOTHETICAL
from bot.knowledge.interview import Interview
from bot.knowledge.table import KnowledgeBase, RiskFactor, normalise
from bot.nlu import meaning
from bot.nlu.negation import NEVER_SAID_TOPIC
from bot.reasoning import diet_gap

READING = "reading"  # the parse data's key

# Rule kinds of bot/questions.py, as topics.
_RULE_TOPICS = {
    questions.DOSE: "dose",
    questions.STOP_MEDICINE: "stop_medicine",
    questions.TESTS: "tests",
    questions.WORRY: "worry",
    questions.NORMAL: "normal",
    questions.FEARED: "feared",
    questions.CAUSE: "cause",
    questions.NEXT_STEP: "what_helps",
}
# The order questions are answered in: the most specific first, "could X cause it" last.
# "you didn't answer" when no question of theirs was read in the last messages: the one that was not answered
# is outside what the assistant knows (set by the action server, never by the model)
NOT_ANSWERED = "not_answered"
NUMBER = "number"  # which number to call, where the writer is (bot/numbers.py): asked by the rule alone
ANSWERED_BEFORE = "answered_before"  # its subject when an answer was given and did not answer what they asked
TOPIC_ORDER = (
    NUMBER, "pushback", "persuade", "reluctant", "dose", "stop_medicine", "pregnancy", "feared", "tests", "worry", "normal",
    "mention", "see_doctor", "how_long", "memory",
    "what_helps", "foods", "sun", "supplements", "other_causes", "summary", "what_is", "cause", "off_topic",
    NOT_ANSWERED,
)  # fmt: skip
# A topic whose answer already gives another's: "how many mg should I take?" is answered by who
# decides the dose, not also by when to see a doctor; pushback by the level's why once more.
SUBSUMES = {
    "dose": ("supplements", "see_doctor"),
    "stop_medicine": ("see_doctor",),
    "pushback": ("see_doctor", "worry", "normal"),
    "normal": ("worry",),  # "im so worried, is it harmless?": how common harmless twitching is, and when to see a doctor
    # "is it safe to take a magnesium supplement while breastfeeding?": the midwife or doctor decides, not the general
    # card on supplements beside it (round 35 c19: vitamin D's forms and B12's course, for magnesium)
    "pregnancy": ("supplements", "dose"),
}
PUSHBACK_OVERRULED = 0.9  # a topic pushback would subsume, read above this and above the pushback, is what was asked
EXPECTING = frozenset({"lifestyle_factor:pregnancy", "lifestyle_factor:breastfeeding"})
ANSWER_FLOOR = 0.7  # the model's answer to an interview question counts from this confidence
_INTERACTIONS = re.compile(r"\binteract\w*|\bmix(?:ing)?\s+(?:it\s+)?with\b|\b(?:safe|ok|okay)\s+(?:to\s+take\s+)?with\b", re.I)
WHAT_TO_TELL = "what to tell"  # the `outside` of a question on what to tell the people who will see them
_WHAT_TO_SAY = re.compile(r"\bwhat\s+(?:do|should|shall|will|can|would)\s+(?:i|we)\s+(?:tell|say\s+to|say)\b", re.IGNORECASE)
_PLAIN_NO = re.compile(r"^\W*(?:no+|nope|nah+|naw|nay|not really|neither|none)\b(?!\s+(?:one|body|idea)\b)")  # a no said first
_WAIT = re.compile(r"\bwait\b|\btill\b|\buntil\b|\bhold\s+off\b", re.IGNORECASE)  # a delay asked about in words
NAMED_ALONE = 3  # words: a sentence this short beside a question names what the question asks about
ASKED_IN_FULL = 0.8  # a question the model reads in a sentence that opens with a question word counts as this sure
ASKED_SURELY_AS_ANSWER = 0.9  # beside an answer in plain words, a question with no question's form counts from this
ASKED_WITHOUT_FORM = 0.75  # a question the model reads in words that do not ask counts from this confidence
ANSWER_SURE = 0.9  # below, the answer counts but is said back once ("I took that as ...")


@dataclass(frozen=True)
class Asked:
    topic: str
    subject: str | None = None  # the cause, nutrient or topic the question names
    disease: str | None = None  # a feared disease, as the answer names it
    confidence: float = 1.0  # the model's; an exact rule's is 1
    outside: str | None = None  # a cause asked about that the documents do not cover ("my surgery")
    amount: bool = False  # how much of a habit is too much or enough ("is 2 redbulls a day a lot?")
    food: str | None = None  # a food the question names, as the documents name it ("would bananas help?")
    where: str | None = None  # the body part a feared disease is asked about ("is tongue twitching a sign of ALS?")
    country: str | None = None  # where the one asking which number to call says they are (bot/numbers.py)
    remedy: str | None = None  # a remedy asked about beside the foods at an urgent level, answered with them (dialogue)


@dataclass(frozen=True)
class Understood:
    asked: tuple[Asked, ...] = ()
    answers: Mapping[str, str] = field(default_factory=dict)  # interview question id -> affirm, deny, dont_know
    small_talk: bool = False
    subject: str | None = None
    # interview questions whose answer only the model read, short of sure: said back once
    unsure_answers: frozenset[str] = frozenset()
    typed: bool = False  # read from typed words (a button's payload has no reading)
    aside: bool = False  # says it is about something else ("unrelated, but my knee clicks")
    # interview questions answered in plain words ("no", "not really", "about 5 hours"), not by the model
    worded: frozenset[str] = frozenset()
    going: bool = False  # says they will act on the advice ("ok, I'll call them now")
    helpline: bool = False  # asks about the crisis line itself ("is it open at night?")
    relating: bool = False  # asks whether what it tells goes with the twitching ("could that be connected?")
    acknowledged: bool = False  # only takes in what was said ("ok", "i see", "got it, thanks")
    unanswered: bool = False  # says a question of theirs went unanswered ("you didn't answer", "yes or no?")
    why_asked: bool = False  # asks why the assistant asked its question ("why would you ask that?")
    reaching: bool = False  # says they will or may turn to someone ("maybe I'll call my sister tonight")
    deferring: bool = False  # would see how it goes instead of being seen ("I'll eat yogurt and see how it goes")
    safe: bool = False  # says they will not act on thoughts of harming themselves ("not going to do anything tonight")
    # a question asked in full that no reading reached, beside one that was ("should I stay with him tonight? can I
    # take him to A&E?"): said to be outside the documents, never passed over in silence
    unread: bool = False
    # what a push back says, by kind ("fine now", "can it wait till Monday", "probably just DOMS"): answered as said
    objections: tuple[str, ...] = ()
    # the writer speaks of their own worry for the person they ask about ("i'm really worried about him, i couldn't
    # sleep last night"): the feelings and the sleep told are the writer's, not that person's
    worried_for: bool = False
    unprescribed: bool = False  # a medicine taken that was not prescribed for them ("the furosemide my buddy gave me")
    country: str | None = None  # the country the writer says they are in ("im in australia"): its numbers
    # the questions of the message the check on thoughts of self-harm interrupted, not answered yet (added
    # by the action server from the conversation, never part of a message's reading)
    waiting: tuple[Asked, ...] = ()

    def topics(self) -> set[str]:
        return {a.topic for a in self.asked}

    def told_first(self) -> Understood:
        """The message read before the assistant has told a level or given advice: nothing to push back on,
        so words of push back ("it's gone now", "I can't take much more of this") are part of the story."""
        return replace(self, asked=tuple(a for a in self.asked if a.topic != "pushback"), objections=())

    def as_dict(self, model: meaning.Reading | None = None) -> dict[str, Any]:
        """The parse data's `reading`: this, and the model's facts with their confidence."""
        out: dict[str, Any] = {
            "questions": [
                {k: round(v, 4) if isinstance(v, float) else v for k, v in vars(a).items() if v is not None} for a in self.asked
            ],
            "answers": dict(self.answers),
            "small_talk": self.small_talk,
            "subject": self.subject,
            "unsure_answers": sorted(self.unsure_answers),
            "aside": self.aside,
            "worded_answers": sorted(self.worded),
            "going": self.going,
            "helpline": self.helpline,
            "relating": self.relating,
            "acknowledged": self.acknowledged,
            "unanswered": self.unanswered,
            "why_asked": self.why_asked,
            "reaching": self.reaching,
            "deferring": self.deferring,
            "safe": self.safe,
            "unread": self.unread,
            "objections": list(self.objections),
            "worried_for": self.worried_for,
            "unprescribed": self.unprescribed,
            "country": self.country,
        }
        if model is not None:
            out["facts"] = model.as_dict()["facts"]
        return out

    @classmethod
    def from_parse(cls, parse: Mapping[str, Any] | None) -> Understood:
        """Read back from a message's parse data (a message typed before there was a reading,
        or a button's payload, has none: nothing was asked)."""
        raw = (parse or {}).get(READING) or {}
        asked = tuple(
            Asked(
                str(q["topic"]),
                q.get("subject"),
                q.get("disease"),
                float(q.get("confidence", 1.0)),
                q.get("outside"),
                bool(q.get("amount")),
                q.get("food"),
                q.get("where"),
                q.get("country"),
            )  # fmt: skip
            for q in raw.get("questions") or []
            if isinstance(q, Mapping) and q.get("topic") in TOPIC_ORDER  # the model's topics and the rules' own
        )
        answers = {str(k): str(v) for k, v in (raw.get("answers") or {}).items() if v in free_answers.MEANINGS}
        subject = raw.get("subject")
        unsure = frozenset(str(q) for q in raw.get("unsure_answers") or () if q in answers)
        subject_ = str(subject) if subject else None
        worded = frozenset(str(q) for q in raw.get("worded_answers") or () if q in answers)
        small_talk, aside, going = bool(raw.get("small_talk")), bool(raw.get("aside")), bool(raw.get("going"))
        helpline, relating = bool(raw.get("helpline")), bool(raw.get("relating"))
        acknowledged, unanswered = bool(raw.get("acknowledged")), bool(raw.get("unanswered"))
        return cls(
            asked, answers, small_talk, subject_, unsure, bool(raw), aside, worded, going, helpline, relating, acknowledged,
            unanswered, bool(raw.get("why_asked")), bool(raw.get("reaching")), deferring=bool(raw.get("deferring")),
            safe=bool(raw.get("safe")), unread=bool(raw.get("unread")),
            objections=tuple(str(o) for o in raw.get("objections") or () if o in free_answers.OBJECTIONS),
            worried_for=bool(raw.get("worried_for")),
            unprescribed=bool(raw.get("unprescribed")),
            country=raw.get("country") if raw.get("country") in numbers.countries() else None,
        )  # fmt: skip


def understand(
    kb: KnowledgeBase,
    text: str,
    entities: Sequence[Mapping[str, Any]],
    model: meaning.Reading | None,
    interview: Sequence[str],
    answer_floor: float = ANSWER_FLOOR,
) -> Understood:
    """Everything the dialogue needs from one message, read once."""
    subject = topic_from(kb, entities, text)
    found: dict[str, Asked] = {}
    if _a_button(text):
        model = replace(model, topics=()) if model is not None else None  # "Badly or too little" typed: an answer
    disease = questions.feared_disease(text)
    for item in questions.asked(text):
        topic = _RULE_TOPICS[item.kind]
        found.setdefault(topic, Asked(topic, subject, item.disease))
    for hit in model.topics if model is not None else ():
        if hit.topic == "feared" and disease is None:
            continue  # a fear of a disease the message does not name: the worry question answers it
        read_in = text[hit.start : hit.end]
        in_full = questions.asks_in_full(read_in)
        if NEVER_SAID_TOPIC.search(read_in) and not in_full:
            continue  # "I never said anything about sun?": a fact taken back, not a question on the sun (round 24 c25)
        confidence = hit.confidence
        if in_full:
            # "no. ... can I play again next week? and should I take anything for the cramps", read at 0.6: asked in
            # full, beside an answer too, never taken for the answer's hedge (round 23 c25: ignored twice)
            confidence = max(confidence, ASKED_IN_FULL)
        found.setdefault(hit.topic, Asked(hit.topic, subject, disease if hit.topic == "feared" else None, confidence))
    if found and any(f"{e.get('entity')}:{e.get('value')}" in EXPECTING and e.get("role") != ROLE_ABSENT for e in entities):
        # any question asked in pregnancy or while breastfeeding ("is magnesium ok while I'm
        # nursing?"): the midwife or doctor decides, so that answer comes with the one asked for
        found.setdefault("pregnancy", Asked("pregnancy", subject))
    lowered = normalise(text).lower()
    habit_asked = bool(_HABIT_WORDS.search(lowered)) and not _PILLS.search(lowered)
    habit_asked = habit_asked and found.get("dose", ASKED_NONE).subject is None
    if "dose" in found and (found["dose"].subject in HABITS or found["dose"].confidence < 1.0 and habit_asked):
        # "how much coffee is too much?", "how much should I drink?": how much of a habit is what helps with
        # it, never a supplement's dose
        found.setdefault("what_helps", replace(found.pop("dose"), topic="what_helps"))
    helps = found.get("what_helps")
    if helps is not None and helps.subject in HABITS and _HOW_MUCH.search(lowered):
        # "how many coffees is too many?", "is 2 redbulls a day actually a lot?": no number in the documents, said so
        found["what_helps"] = replace(helps, amount=True)
    if "dose" in found and found["dose"].confidence < 1.0 and not _AMOUNT.search(normalise(text)):
        # "should I give him magnesium?" asks whether, not how much: the supplements answer
        found.setdefault("supplements", replace(found.pop("dose"), topic="supplements"))
    plain = normalise(text)
    asking = questions.questions_in(plain)  # the sentences that ask, read once for the checks below
    if not asking:
        # no sentence that asks ("just one coffee but I've stopped that since the steroids make me jittery"): only a
        # request the model reads clearly counts ("tell me about vitamin d"), not a faint guess (round 23 c19: "As I
        # said just above: Please don't stop ... a prescribed medicine")
        found = {t: a for t, a in found.items() if a.confidence >= ASKED_WITHOUT_FORM}
    # (not "the pill" told as what they take: "just the pill (contraceptive). does that matter?" asks of it, round 37 c29;
    # nor a vitamin named as the nutrient: "what does vitamin b12 do" asks what it does, not whether to take it)
    told_pills = [
        (e["start"], e["end"]) for e in entities
        if (e.get("entity") == "medication" and not e.get("role") or e.get("entity") == "nutrient")
        and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    ]  # fmt: skip
    pills_said = [m for m in _PILLS.finditer(plain) if not any(a <= m.start() < b for a, b in told_pills)]
    taken = bool(pills_said) and not _EATING.search(plain)
    if "foods" in found and found["foods"].confidence < 1.0 and taken:
        # "is there a vitamin that helps?" names something to take and nothing to eat: the supplements answer
        found.setdefault("supplements", replace(found.pop("foods"), topic="supplements"))
    if not found and taken and asking:
        found["supplements"] = Asked("supplements", subject, confidence=ANSWER_FLOOR)  # no topic sure enough
    if not found and asking and any(e.get("entity") == "medication" and e.get("role") == ROLE_HYPOTHETICAL for e in entities):
        # "should i give him an aspirin and let him lie down?": a medicine asked whether to take or give (round 18 c10)
        found["stop_medicine"] = Asked("stop_medicine", subject, confidence=ANSWER_FLOOR)
    named_in_question = [
        str(e.get("text") or "") for e in entities
        if e.get("entity") == "medication" and e.get("role") != ROLE_ABSENT and e.get("text")
        and str(e.get("text")).lower() in asking.lower()
    ]  # fmt: skip
    if not found and named_in_question and _YES_OR_NO.search(asking):
        # "ok I'm calling 999. the aspirin - yes or no?": whether to give or take it, asked again in short (round 23 c11)
        found["stop_medicine"] = Asked("stop_medicine", subject, confidence=ANSWER_FLOOR, outside=named_in_question[0])
    if found and _hedged_answer(asking):
        found = {}  # "maybe 3 weeks? on and off": an answer said with a doubt, not a question on how long it lasts
    relating = free_answers.asks_if_related(text)
    if not found and relating and asking:
        # "what about the dark pee though??": whether what it tells goes with the twitching
        found["cause"] = Asked("cause", subject, confidence=ANSWER_FLOOR)
    if not found and asking and questions.named_cause(text) is not None:
        # "does the surgery matter?", "can creatine do this?": whether a thing named goes with the twitching
        found["cause"] = Asked("cause", subject, confidence=ANSWER_FLOOR)
    complaint = free_answers.complains_unanswered(text)
    # "she had a thyroid operation 2 weeks ago if that matters", "you didnt say if the thyroid op matters": asked beside
    # other questions, or again without a question's form (round 25 c29: passed over twice)
    told = questions.said_if_it_matters(text)
    whole = complaint or told is not None
    if whole and "cause" not in found and (told or questions.named_cause(text, whole=True)) is not None:
        found["cause"] = Asked("cause", subject, confidence=ANSWER_FLOOR)
    if disease is not None and not found and asking:
        # "i read that twitching plus foot drop is ALS. is that what this is?": the fear, asked
        found["feared"] = Asked("feared", subject, disease)
    if disease is not None and {"worry", "normal"} & set(found):
        # "the tongue thing, is that a bad sign? I read it's how ALS starts": the fear named is what is asked
        found.pop("worry", None)
        found.pop("normal", None)
        found.setdefault("feared", Asked("feared", subject, disease))
    if "feared" in found:
        # the body part the fear is asked about is named in the answer (round 24 c03: the tongue, asked twice, never named)
        parts = [str(e["value"]) for e in entities if e.get("entity") == "body_part" and e.get("role") != ROLE_ABSENT
                 and str(e.get("text") or "").lower() in asking.lower()]  # fmt: skip
        found["feared"] = replace(found["feared"], where=parts[0] if len(set(parts)) == 1 else None)
    cause = found.get("cause")
    if cause is not None and cause.subject is not None and asking and asking.strip() != plain.strip():
        # "i drink a normal amount of water. so whats causing it?": a cause question that names nothing and does not
        # point back at what was told asks for the likeliest causes, not about the thing the story named (round 37
        # c01: "Nothing you told me so far points to it" on dehydration)
        in_question = [e for e in entities if e.get("text") and str(e.get("text")).lower() in asking.lower()]
        if _named(kb, asking) is None and _entity_topic(kb, in_question) is None and not questions.points_back(text):
            found["cause"] = replace(cause, subject=None)
    if "cause" in found and "other_causes" not in found and _OTHER_ASKED.search(plain):
        # "apart from the coffee, what could it be?" read only as "what is it?": the others are asked for
        found["other_causes"] = replace(found.pop("cause"), topic="other_causes")
    if "other_causes" in found and "cause" in found and not _OTHER.search(normalise(text)):
        found.pop("other_causes")  # "what could it be?" asks for the likeliest; only "else", "other"... ask for more
    if "other_causes" in found and (found.get("cause", Asked("cause")).subject is None or _OTHER_ASKED.search(plain)):
        found.pop("cause", None)  # "what else could it be?", "apart from stress?": the others, not the likeliest again
    named = (told or questions.named_cause(text, whole)) if "cause" in found else None
    if named is not None and found["cause"].subject is not None and _covered_words(kb) & set(_WORDS.findall(named.lower())):
        named = None  # the cause asked about is the one the message is about ("could it be low magnesium?")
    # a thing the message names by a fact the documents cover ("could the prednisone do that?": a steroid)
    # (not the twitching's own words: "is it a tic?" asks what kind of twitching it is, which the documents do not cover)
    known = {
        w for e in entities if e.get("value") not in UNCOVERED and e.get("value") not in MOVEMENT_SYMPTOMS
        for w in _WORDS.findall(str(e.get("text") or "").lower())
    }  # fmt: skip
    if named is not None and not (_covered_words(kb) | known) & set(_WORDS.findall(named.lower())):
        found["cause"] = replace(found["cause"], outside=named)  # "could it be related to the surgery?"
    facts_told = any(
        e.get("entity") in _TOLD_FACTS and e.get("value") not in MOVEMENT_SYMPTOMS and e.get("role") != ROLE_ABSENT
        for e in entities
    )  # the twitching itself is what the question asks about, not a fact told
    if named is None and "cause" in found and found["cause"].subject is None and not facts_told and questions.points_back(text):
        # "i moved house last month, could that be related?": nothing the documents cover was told; never the top cause
        found["cause"] = replace(found["cause"], outside=questions.TOLD_JUST_BEFORE)
    taking = next((t for t in TAKING_TOPICS if t in found), None)
    named_taken = questions.named_taken(text)  # read once: the taking questions and the drinking one below
    thing = named_taken if taking is not None else None
    if taking is not None and thing is not None and not (_covered_words(kb) | known) & set(_WORDS.findall(thing.lower())):
        found[taking] = replace(found[taking], outside=thing)  # "is creatine ok to keep taking?" (round 20 c20)
    if named_taken == questions.ALCOHOL and asking:
        # "should i just have a couple drinks to take the edge off?", "can I have a small drink tonight?": whether to
        # drink, not what helps in general (round 23 c14: asked twice beside withdrawal, answered with pushback each time)
        found.pop("what_helps", None)
        asked_as = taking or "supplements"
        drinking = found.get(asked_as) or Asked(asked_as, subject, confidence=ANSWER_FLOOR)
        found[asked_as] = replace(drinking, outside=questions.ALCOHOL)
    if _WHAT_TO_SAY.search(plain) and not {"persuade"} & set(found):
        # "ok im calling. what do i tell them": what to tell the people who will see them, not "Yes, please mention it"
        # (round 36 c02)
        found.pop("mention", None)
        found.pop("see_doctor", None)
        found["mention"] = Asked("mention", subject, outside=WHAT_TO_TELL)
    if "feared" in found and questions.doubts_a_doctor(text):
        found["feared"] = replace(found["feared"], outside=questions.DOCTOR_DOUBTED)
    elif asking and questions.asks_inherited(asking):
        # "my dad had MND and now my hand twitches, is this hereditary?": the fear heard, and the family asked about,
        # which the documents do not cover (round 36 c09: ignored until asked again)
        if "feared" in found:
            found["feared"] = replace(found["feared"], outside=questions.INHERITED)
        else:
            kept = {t: a for t, a in found.items() if t not in ("cause", "normal", "worry", "off_topic")}
            found = {**kept, "cause": Asked("cause", subject, outside=questions.INHERITED)}
    if (complaint_of := questions.given_for(text)) is not None and taking is None:
        # "what can i give her for the diarrhoea?": a medicine for another complaint, never the foods
        for topic in ("foods", "what_helps"):
            found.pop(topic, None)
        found["supplements"] = Asked("supplements", subject, outside=f"medicines for the {complaint_of}")
        taking = "supplements"
    used = questions.named_used(text) if found.get("what_helps", ASKED_NONE).outside is None and asking else None
    if used is not None and "what_helps" not in found and not found:
        # "is it ok to wear compression socks on the flight?" with no topic read: a remedy asked about by its name
        found["what_helps"] = Asked("what_helps", subject, confidence=ANSWER_FLOOR)
    if used is not None and "what_helps" in found and named_taken != questions.ALCOHOL and taking is None:
        # "should i use heat or ice on it?", "would compression socks help?": a remedy the documents never speak of is
        # said to be outside them by its name, not met with the tips for the causes (round 35 c20, c06)
        advised = {_stem(w) for w in _advised_words(kb)}
        if not {_stem(w) for w in _WORDS.findall(used.lower()) if w not in ("or", "and")} <= advised:
            found["what_helps"] = replace(found["what_helps"], outside=used)
    if complaint:
        found.pop("pushback", None)  # "you still havent said about dioralyte vs water": asked again, not pushed back (r25 c18)
    # "melatonin. is it ok to take or not": a thing named on its own before the question is what it asks about
    alone = [s for s in re.split(r"[.!?;:\n]+", plain) if len(_WORDS.findall(s)) <= NAMED_ALONE] if asking else []
    substance = questions.named_substance(text if complaint else "\n".join([asking, *alone]))
    if substance is not None and not any(e.get("entity") == "nutrient" for e in entities):
        # "thinking of trying melatonin - would that help?", "you didn't say anything about melatonin": a thing to take
        # the documents do not cover, said so by its name (round 23 c26: the supplements card, then "That's fair")
        taking = next((t for t in TAKING_TOPICS if t in found), None)
        if taking is not None and found[taking].outside is None:
            found[taking] = replace(found[taking], outside=substance)
        elif "cause" in found and found["cause"].subject is None and found["cause"].outside is None:
            found["cause"] = replace(found["cause"], outside=substance)  # "could the creatine be doing it?"
        elif taking is None and "cause" not in found:
            found.pop("what_helps", None)  # "would melatonin help?": whether to take it
            found["supplements"] = Asked("supplements", subject, outside=substance)  # by name: an exact rule
        if _INTERACTIONS.search(plain):
            found.pop("worry", None)  # "any interactions I should worry about?": who can check them, in that answer
    together = _taken_together(entities, asking) if asking else None
    taking = next((t for t in ("supplements", "dose") if t in found), None)
    if together is not None and taking is not None and found[taking].outside is None:
        # "is it safe to take magnesium with my blood pressure pills?": whether the two go together, which the documents
        # do not say; a pharmacist can check it (not the supplements card, then "my documents don't cover that")
        nutrient = kb.nutrients[subject].name.lower() if subject is not None and subject in kb.nutrients else "it"
        found = {"supplements": replace(found[taking], topic="supplements", outside=f"taking {nutrient} with {together}")}
    if "dose" in found and _HOW_MUCH_SUN.search(plain):
        # "how much sun do i actually need, and what vegan foods have b12?": sunlight is no supplement to dose (round 26
        # c30: "I don't give doses of any supplement"), whatever nutrient the message names elsewhere
        found.setdefault("sun", Asked("sun", "sun", confidence=found.pop("dose").confidence))
    if "foods" in found:
        # "would eating bananas help?": that food, as the documents list it; one they do not list, by its name
        if (food := _named_food(kb, asking or plain)) is not None:
            found["foods"] = replace(found["foods"], food=food)
        elif (eaten := questions.named_eaten(text)) is not None and not (_covered_words(kb) | known) & set(
            _WORDS.findall(eaten.lower())
        ):
            found["foods"] = replace(found["foods"], outside=eaten)
    objections = free_answers.objections(text)
    if {"better", "explained"} & set(objections) and not {"pushback", "see_doctor"} & set(found):
        # "he says he's fine and just tired ... should I give him his furosemide?": the push back is heard beside the
        # question, not only the question (round 25 c17; at a level of no concern its answer is "that's fair")
        # (as heard, not asked: a question asked in full beside it is what is answered, "no, it's just a normal cramp
        # ... so is it normal or not?" after a check, round 37 c21: passed over three times)
        found["pushback"] = Asked("pushback", subject, confidence=ANSWER_FLOOR)
    if questions.asks_if_changed(text):
        # "its ONE A WEEK not every day ... does that change things?": whether the advice changes, answered with the
        # level as it stands (round 37 c09: "As I said just above: My documents don't cover that")
        for read_as in ("cause", "pushback", "worry", "normal", "how_long", "off_topic", "see_doctor"):
            found.pop(read_as, None)
        found["see_doctor"] = Asked("see_doctor", subject, outside=questions.CHANGE_ASKED)
    if questions.asks_later_today(text) and {"pushback", "see_doctor", "worry", "how_long"} & set(found):
        # "can i go after my exam at 5pm then?": whether later today will do, answered as asked at a level of today
        # (round 37 c25: "It should not wait", which read as no)
        for read_as in ("pushback", "worry", "how_long"):
            found.pop(read_as, None)
        found["see_doctor"] = Asked("see_doctor", subject, outside=questions.LATER_TODAY)
    choice = _WHERE_SEEN.search(plain) is not None or questions.asks_when_or_where(text)
    if "later" in objections and "see_doctor" in found and not choice and not {"pushback", "stop_medicine"} & set(found):
        # "he says hes fine ... can we just wait and see till morning?": push back on the level, answered with why once
        # more, not only how soon (round 35 c03: "It cannot wait" with no reason, to a wife describing a stroke)
        found["pushback"] = replace(found.pop("see_doctor"), topic="pushback")
    if choice:
        # "where do I even go though, I said I dont have a doctor", "do i need the ER tonight or can it wait till monday":
        # asked, not pushed back (round 33 c02)
        found.pop("pushback", None)
        found.setdefault("see_doctor", Asked("see_doctor", subject))
    if "pushback" in found and any(e.get("role") == ROLE_CORRECTED for e in entities):
        # "you've got the time wrong, I told you it's about 3 weeks not 3 days": a fact corrected, not the advice pushed
        # back on (round 23 c23: "my advice stays the same")
        found.pop("pushback")
    pushed = found.get("pushback")
    overruled = max(pushed.confidence, PUSHBACK_OVERRULED) if pushed is not None else 1.0
    if any(found[t].confidence > overruled for t in SUBSUMES["pushback"] if t in found):
        # "ok ok. should i drive myself to the hospital?" read faintly as pushback and surely as when and where to be
        # seen: the question asked, not the level's why again (round 18 c21)
        found.pop("pushback")
    activity = questions.named_activity(text)
    # topics the model read in another sentence than the one naming the activity are questions of their own ("could
    # that be why? also can i still drive to work", round 37 c05: the cause question taken for the driving one)
    elsewhere = _read_elsewhere(text, model, activity) if activity is not None else set()
    if activity is not None and not set(found) - ACTIVITY_READ_AS and not set(found) & elsewhere:
        # "is it safe to fly next week?", "can i still compete on saturday?": whether that activity is safe, which the
        # documents do not say; not the warning signs or what helps (round 29 c06, c16)
        sure = max([a.confidence for a in found.values()], default=1.0)
        found = {"worry": Asked("worry", subject, outside=activity, confidence=sure)}
    elif activity is not None:
        # "i take hydrochlorothiazide, could that be why? also can i still drive to work": the activity asked beside
        # other questions, each answered (round 37 c05: the driving question dodged twice)
        found = {t: a for t, a in found.items() if t not in ("worry", "normal", "off_topic")}
        found = {t: a for t, a in found.items() if t in elsewhere or t not in ACTIVITY_READ_AS}
        found["worry"] = Asked("worry", subject, outside=activity)
    supplement_named = any(
        e.get("entity") == "nutrient" or e.get("entity") == "medication" and str(e.get("value")).endswith("_supplement")
        for e in entities
    )
    if "cause" in found and "supplements" not in found and supplement_named and _EFFICACY.search(asking):
        # "does magnesium spray actually do anything?", "does b12 even work?": whether it helps, not whether a shortage of
        # it is behind the twitching (sealed sets 44-45, counts only: supplements answered as the cause, 3 of 14)
        asked_cause = _CAUSE_WORDS.search(asking) is not None
        found["supplements"] = replace(found["cause"], topic="supplements")
        if not asked_cause:
            found.pop("cause")
    if not found and asking and (named_food := _named_food(kb, asking)) is not None and not _RECIPE.search(plain):
        # "and the banana? yes or no": a food of the documents asked about in a few words (round 31 c21: "please don't
        # let this wait" and nothing on the banana)
        found["foods"] = Asked("foods", subject, confidence=ANSWER_FLOOR, food=named_food)
    if _RECIPE.search(plain) and "foods" in found and not any(e.get("entity") == "nutrient" for e in entities):
        # "can u give me a recipe for lasagne": a dish to cook, not the foods that supply a nutrient (round 29 c13, 30 c13)
        found.pop("foods")
        found.setdefault("off_topic", Asked("off_topic", subject))
    if questions.holds_back(text):
        # "i dont want to waste the doctors time, they'll think im a hypochondriac": a worry about going, not push back
        for read_as in ("pushback", "worry", "see_doctor", "off_topic"):
            found.pop(read_as, None)
        found["reluctant"] = Asked("reluctant", subject)
    if questions.asks_memory(text):
        found["memory"] = Asked("memory", subject)  # "do you remember me or not?" (round 30 c14: passed over twice)
        found.pop("off_topic", None)
    if "normal" in found and found["normal"].outside is None and _OPERATION_HAD.search(text):
        # "had half my thyroid taken out 9 days ago ... is this normal?": the documents say nothing of the weeks after an
        # operation, so not "yes, twitching is very common" (round 39 c29)
        found["normal"] = replace(found["normal"], outside=questions.AFTER_OPERATION)
    medicine_told = any(e.get("entity") == "medication" and e.get("role") != ROLE_ABSENT for e in entities)
    if asking and medicine_told and _OPERATION.search(asking):
        # "will the steroids be a problem for the op?": the surgeon is told, and decides (round 31 c22: asked three times)
        found = {"mention": Asked("mention", subject)}
    if questions.asks_to_mention(text):
        # "should i mention that?": yes, and what; not when to be seen again (round 30 c23)
        for read_as in ("see_doctor", "worry", "normal", "tests", "summary", "off_topic"):
            found.pop(read_as, None)
        told_what = found.get("mention", Asked("mention")).outside == WHAT_TO_TELL
        found["mention"] = Asked("mention", subject, outside=WHAT_TO_TELL if told_what else None)
    if questions.asks_summary(text):
        # asked beside a plan or a story ("ok im calling. what should i tell them? can you give me a summary"): after the
        # question whether to mention something, which would take it for itself; "can you give me a summary" asks no cause
        found["summary"] = found.get("summary") or Asked("summary", subject, confidence=ANSWER_FLOOR)
        cause_asked = questions.CAUSE in questions.kinds(questions.without_summary(text))
        if "cause" in found and found["cause"].subject is None and not cause_asked:
            found.pop("cause")
    off = found.get("off_topic")
    if off is not None and any(a.confidence > off.confidence for t, a in found.items() if t != "off_topic"):
        # "so not monday then? where do i even go on a friday night": a clause read faintly as off the subject beside
        # a question read surely is part of that question (round 29 c23: "I can't help with that one" after the answer)
        found.pop("off_topic")
    number = numbers.asks_number(text)
    if number:
        # "what number i call? i am in spain" during an emergency (round 35 c28: "I can't help with that one")
        found.pop("off_topic", None)
        found[NUMBER] = Asked(NUMBER, country=numbers.country_in(text))
    waiting = "later" in objections and "pushback" not in found and "stop_medicine" in found and _WAIT.search(plain) is not None
    if waiting:
        # "can it wait till monday if i just stop the pills?": whether it can wait is asked first, then the pills
        # (round 35 c09: only "Yes: with these signs, stop taking it", read as yes, it can wait)
        found.setdefault("see_doctor", Asked("see_doctor", subject))
    for topic, covered in SUBSUMES.items():
        if topic in found:
            for other in covered:
                # (push back only heard beside a question asked surely does not take its place)
                surer = topic == "pushback" and found.get(other, found[topic]).confidence > found[topic].confidence
                if not (waiting and other == "see_doctor" or surer):
                    found.pop(other, None)
    if asking:
        # a thing named in a question asked in full ("also is it ok to take compression socks on the flight?") is asked,
        # beside an answer too (round 37 c06: read by the words at 0.7, dropped beside the caffeine answer, asked 3 times)
        # (and so is a question found by the words in a sentence that asks in full: "... does that matter?", round 37 c29)
        in_full = questions.asks_in_full(asking)
        found = {t: replace(a, confidence=ASKED_IN_FULL) if (a.outside or in_full and a.confidence == ANSWER_FLOOR)
                 and a.confidence < ASKED_IN_FULL else a for t, a in found.items()}  # fmt: skip
    asked = tuple(found[t] for t in TOPIC_ORDER if t in found)
    if waiting:
        asked = tuple(sorted(asked, key=lambda a: a.topic != "see_doctor"))
    answers: dict[str, str] = {}
    unsure: set[str] = set()
    worded: set[str] = set()
    telling = _question_heads(text) if asking else text  # what the message tells, its questions cut to their heads
    for question in (*interview, free_answers.CHECK):
        said = free_answers.meaning(question, text)
        if said is not None and telling != text and free_answers.meaning(question, telling) is None:
            said = None  # "is 50000 a day too much?" asks of a dose: its "too much" answers no question of the interview
        if said is not None:
            worded.add(question)
        elif model is not None and question in model.answers:
            guess, confidence = model.answers[question]
            said = guess if guess in free_answers.MEANINGS and confidence >= answer_floor else None
            if said is not None and said != "dont_know" and confidence < ANSWER_SURE:
                unsure.add(question)
        if said is not None:
            answers[question] = said
    if not _PLAIN_NO.match(normalise(text).lower()):
        # (a plain no said first answers the question asked, whatever else is denied after it: "nah im strong af. sleep
        # like 8 hrs" to "any weakness?", round 35 c27: asked again, "bro i said no")
        answers, worded = _denied_of_another(entities, answers, worded, text)
    told_medicines = {str(e.get("value")) for e in entities if e.get("entity") == "medication" and not e.get("role")}
    if "medications" not in answers and told_medicines and told_medicines <= UNCOVERED:
        # "just the statin I told you about" to "any water pills or steroids?": neither (round 37 c14: asked again)
        answers["medications"] = "deny"
        worded.add("medications")
    if worded and not asking:
        # "idk normal i guess" to the water question: an answer in plain words that asks nothing, not "is it normal?"
        # read without a question's form (round 37 c01); a request read surely still counts ("tell me about b12")
        # (push back is heard, not asked: "i feel fine now honestly" stays push back)
        asked = tuple(a for a in asked if a.confidence >= ASKED_SURELY_AS_ANSWER or a.topic == "pushback")
    small_talk = free_answers.is_small_talk(text)
    aside = free_answers.is_aside(text)
    going = free_answers.says_going(text)
    if going and CHECK in answers and free_answers.first_word_answer(normalise(text).lower()) is None:
        # "ok my sister will drive me" to "have you fainted?": agreeing to go, no answer to the check
        answers.pop(CHECK)
        worded.discard(CHECK)
    if going:
        # "ok fine, urgent care it is", "my sister can take me": agreeing to go, never a push back on the level,
        # nor a question of where to go unless it asks one ("I'll go to urgent care, or is it the ER?")
        # ("what do i do while we wait for the ambulance" asks, with no "?": round 42 c03, passed over)
        dropped = {"pushback"} if "?" in text or asking else {"pushback", "see_doctor"}
        asked = tuple(a for a in asked if a.topic not in dropped)
    if free_answers.awaits_help(asking) and any(a.topic == "see_doctor" for a in asked):
        # what to do until help comes is what to do meanwhile, not where to go (round 42 c03: "It cannot wait" to a wife
        # whose son had already called 911)
        asked = tuple(replace(a, topic="what_helps") if a.topic == "see_doctor" else a for a in asked)
    helpline = free_answers.asks_about_help(text)
    acknowledged = free_answers.only_acknowledges(text)
    unanswered = complaint
    why_asked = free_answers.asks_why_asked(text)
    if why_asked:
        asked = tuple(a for a in asked if a.topic != "cause")  # "why would you ask that?" asks of the question, not a cause
    return Understood(
        asked, answers, small_talk, subject, frozenset(unsure), True, aside, frozenset(worded), going, helpline, relating,
        acknowledged, unanswered, why_asked, free_answers.reaches_out(text), deferring=free_answers.defers(text),
        safe=free_answers.says_safe(text),
        unread=_unread_question(text, model, helpline or unanswered or why_asked or number, asked),
        objections=objections, worried_for=free_answers.worried_for_another(text),
        unprescribed=free_answers.not_prescribed(text), country=numbers.country_in(text),
    )  # fmt: skip


def _read_elsewhere(text: str, model: meaning.Reading | None, activity: str) -> set[str]:
    """The topics the model read wholly outside the sentence that asks about `activity`."""
    if model is None:
        return set()
    sentences = [m for m in re.finditer(r"[^.?!\n]+[.?!]*", text) if questions.named_activity(m.group(0)) == activity]
    if not sentences:
        return set()
    at = sentences[0]
    start = at.start() + len(at.group(0)) - len(at.group(0).lstrip())
    return {h.topic for h in model.topics if h.end <= start or h.start >= at.end()}


_OPERATION = re.compile(r"\b(?:op|operation|surgery|anaesthetic|anesthetic|procedure|arthroscopy|general\s+anaesthetic)\b", re.I)
# an operation had: "since my op", "after the surgery", "had my gallbladder removed", "my thyroid was taken out"
_OPERATION_HAD = re.compile(
    r"\b(?:had|after|since|following|post|recovering\s+from)\b[^.?!]{0,40}?\b(?:op|operation|surgery|procedure|arthroscopy)\b"
    r"|\b(?:had|got|having)\b[^.?!]{0,30}?\b(?:removed|taken\s+out)\b|\b(?:was|were|been)\s+(?:removed|taken\s+out)\b"
    r"|\bpost-?op\b|\bthyroidectomy\b",
    re.I,
)
# a question whether something works: "does it (actually) do anything", "does b12 even work", "will it make a difference"
_EFFICACY = re.compile(
    r"\b(?:does|do|did|would|will|can|is|are)\b[^.?!]{0,40}?\b(?:do\s+anything|(?:really|actually|even)\s+(?:work|help)|work|"
    r"make\s+(?:a|any)\s+difference|any\s+good|worth\s+it|a\s+myth|placebo)\b",
    re.I,
)
_CAUSE_WORDS = re.compile(r"\b(?:caus\w*|behind|reason|why|low|lack|deficien\w*|shortage)\b", re.I)
_RECIPE = re.compile(r"\brecipes?\b|\bhow\s+(?:do\s+(?:i|you)\s+|to\s+)(?:cook|bake)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _question_refs() -> dict[str, frozenset[str]]:
    """Each interview question's facts, read once."""
    from bot.knowledge.table import default_interview

    return {q.id: frozenset(q.refs) for q in default_interview().questions}


_NEGATED_HEAD = re.compile(r"\b(?:no|not|never|nope|nah|none|nothing|dont|cant|wont|didnt)\b|n't\b", re.IGNORECASE)


def _denied_of_another(
    entities: Sequence[Mapping[str, Any]], answers: dict[str, str], worded: set[str], text: str = ""
) -> tuple[dict[str, str], set[str]]:
    """A plain "I don't ..." read as a no to every question: only a no to the question whose fact it denies ("I don't
    exercise, I walk the dog" to the sleep question is no answer on sleep; round 30 c19: the sleep question dropped).
    An answer said first, in a sentence that denies nothing, stands ("fine. no stress really. no meds" to the sleep
    question, round 37 c18: asked again)."""
    denied = {f"{e.get('entity')}:{e.get('value')}" for e in entities if e.get("role") == ROLE_ABSENT}
    if not denied:
        return answers, worded
    refs = _question_refs()
    of = {q for q, r in refs.items() if r & denied}
    if not of:
        return answers, worded
    head = re.split(r"[.,;!?\n]", text, maxsplit=1)[0]
    # (a sentence with a no of its own may be the denial of another habit: "I don't exercise, ...")
    clean_head = bool(head.strip()) and not _NEGATED_HEAD.search(head) and not any(
        e.get("role") == ROLE_ABSENT and isinstance(e.get("start"), int) and int(e["start"]) < len(head) for e in entities
    )

    def said_first(q: str) -> bool:
        return clean_head and free_answers.meaning(q, head) == answers.get(q)

    kept = {
        q: a for q, a in answers.items() if not (a == "deny" and q in refs and q not in of and q in worded and not said_first(q))
    }
    return kept, {q for q in worded if q in kept}


CHECK = free_answers.CHECK
ASKED_NONE = Asked("none")
ACTIVITY_READ_AS = frozenset({"worry", "normal", "what_helps", "see_doctor", "off_topic", "cause", "how_long", "pushback"})
UNCOVERED = frozenset({"statin", "other_medication"})  # medicines the documents do not cover
# Where or by whom to be seen, asked outright ("where do I even go, I don't have a doctor", "who do I see?"): a
# question on being seen, never pushback on the level (round 24 c16: answered as pushback twice).
_WHERE_SEEN = re.compile(
    r"\bwhere\s+(?:do|should|can|could|would|am|does)\s+(?:i|we|he|she|they|you|one|people)\s+(?:even\s+|actually\s+|"
    r"supposed\s+to\s+|meant\s+to\s+)?(?:go|get\s+seen|be\s+seen|get\s+help|get\s+checked|turn|take\s+(?:him|her|them))\b"
    r"|\bwho\s+(?:do|should|can|could)\s+(?:i|we)\s+(?:even\s+)?(?:see|call|ring|phone|go\s+to|turn\s+to)\b"
    r"|\bwhat\s+do\s+people\s+do\b|\bi'?m\s+asking\s+where\b"
    # "is that ok or should i push for sooner?", "is 3 weeks too long to wait?" (round 31 c17: no answer on how soon)
    r"|\b(?:push|ask|press|fight|chase)\s+(?:them\s+)?for\s+(?:a\s+|an\s+)?(?:sooner|earlier)\b|\btoo\s+long\s+to\s+wait\b"
    r"|\bis\s+(?:that|it|this)\s+(?:ok|okay|fine|alright|soon\s+enough|quick\s+enough)\s+(?:to\s+wait|or\s+should)\b"
    # "ok so i do need a doctor now?", "do i need to see a gp then?": whether to be seen, asked (round 29 c20: pushback)
    r"|\b(?:so\s+)?(?:do\s+)?i\s+(?:do\s+|really\s+|actually\s+|definitely\s+|still\s+)?(?:need|have|got)\s+(?:to\s+)?"
    r"(?:see|go\s+to|call|ring|book|get)?\s*(?:a|the|my|an)\s+(?:doctor|gp|dr|appointment|doctors)\b[^.!?]*\?",
    re.I,
)
_YES_OR_NO = re.compile(r"\b(?:yes\s+or\s+no|ok\s+or\s+not|or\s+not|good\s+or\s+bad|safe\s+or\s+not)\b", re.I)
TAKING_TOPICS = ("supplements", "dose", "stop_medicine")  # questions on whether or how much to take a thing
# Words of a habit (drinking, sleep, training, coffee): "how much should I drink?" asks about one.
_HABIT_WORDS = re.compile(
    r"\b(?:drink|drinking|water|fluids?|sleep|sleeping|exercise|exercising|train|training|gym|run|running|"
    r"coffee|tea|caffeine|cans?|cups?)\b"
)
# Causes that are habits: how much or how fast of one is asked as what helps, not as a dose.
HABITS = frozenset(
    {"caffeine_stimulants", "sleep_deprivation", "strenuous_exercise", "dehydration_electrolytes", "stress_anxiety"}
)
# Words that ask how much of a habit is too much or enough.
_HOW_MUCH = re.compile(
    r"\b(?:how (?:much|many)|too (?:much|many)|a lot|loads|excessive|overdoing|over ?doing|safe amount|limit|"
    r"is (?:\d+|one|two|three|four|five|six) [\w ]{0,30}(?:ok|okay|fine|bad|much|many|safe|normal))\b"
)
# Words that ask how much (a dose), not whether ("should I take magnesium?").
_AMOUNT = re.compile(
    r"\b(?:how much|how many|dose|doses|dosage|mg|mcg|iu|units?|amount|strength|a day|per day|daily|limit|max|maximum|"
    r"too much|enough|safe to take|less|more|fewer|lower|higher|double|halve|half|\d+)\b"
)
# Words of something taken rather than eaten, and words of eating ("which vitamin?" against "which foods?").
# (not "take me", "taking her": a lift somewhere)
_PILLS = re.compile(
    r"\b(?:vitamins?|supplements?|multivitamins?|multis?|pills?|tablets?|capsules?|gummies|drops|"
    r"(?:take|taking)(?!\s+(?:me|us|him|her|them|you)\b))\b"
)
_EATING = re.compile(
    r"\b(?:eat|eats|eating|ate|food|foods|diet|meals?|snacks?|cook|cooking|recipes?|fruits?|veg|veggies|vegetables?|"
    r"nuts|drink|drinks|breakfast|lunch|dinner|rich in|sources?|found in|contains?|plate|grocer\w*|shopping)\b"
)
# An amount said with a doubt and a question mark ("maybe 3 weeks?", "like 4 cups??", "a few days?").
_HEDGED = re.compile(
    r"^\W*(?:(?:maybe|perhaps|about|around|like|roughly|probably|prob|approx\w*|i think|i guess|idk|not sure|dunno|"
    r"hmm+|um+|erm)\W+)*(?:\d+(?:\.\d+)?|a few|a couple(?: of)?|few|couple|several|some|half an?|one|two|three|four|five|"
    r"six|seven|eight|nine|ten)\b(?!\s*(?:iu|mg|mcg|ug|units?|ml|grams?|g\b|%))[\w\s'-]{0,20}\?+\W*$"
)


_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]+|[^.!?\n]+$")
QUESTION_HEAD = 3  # the words of a question that may still answer ("no, but should I worry?", "a lot, is that bad?")


def _question_heads(text: str) -> str:
    """The text with each question cut to its first words: what it tells, not what it asks."""
    out = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        out.append(" ".join(sentence.split()[:QUESTION_HEAD]) + " " if "?" in sentence else sentence)
    return "".join(out)


def _hedged_answer(asking: str) -> bool:
    """Every sentence that reads as a question (`asking`, from questions.questions_in) is an amount said with a doubt."""
    sentences = [s for s in asking.split("\n") if s.strip()]
    return bool(sentences) and all(_HEDGED.match(s.strip().lower()) for s in sentences)


# Words that plainly ask for causes beyond the likeliest, beside a "what could it be" question.
_OTHER_ASKED = re.compile(
    r"\b(?:what else|anything else|something else|(?:any|some|the|what) other|another (?:cause|reason|thing)|besides|"
    r"apart from|aside from|other than|rarer|less common|other (?:causes|reasons|possibilities|options))\b"
)
# Words that ask for more causes than the likeliest ("what else", "any other", "besides stress").
_OTHER = re.compile(
    r"\b(?:else|other|others|another|besides|apart|aside|different|rest|beyond|except|instead|less common|all the)\b"
)


@lru_cache(maxsize=1)
def _button_titles() -> frozenset[str]:
    from bot.knowledge.table import default_interview

    return frozenset(normalise(b["title"]) for q in default_interview().questions for b in q.buttons)


def _a_button(text: str) -> bool:
    """The message is one of the interview's button titles, typed or tapped (never a question)."""
    return normalise(text.strip(" .!")) in _button_titles()


# -- what a message names -------------------------------------------------------------------

# Entity types that can name a topic to explain.
_TOPIC_TYPES = ("nutrient", "lifestyle_factor", "medication", "symptom")
# Entity types whose values are risk factors of the cause table ("does coffee do that?").
_FACTOR_TYPES = ("lifestyle_factor", "medication")
_WORDS = re.compile(r"[\w']+")


@lru_cache(maxsize=16)  # per knowledge base (hashed by identity)
def factor_topics(kb: KnowledgeBase) -> dict[str, str]:
    """What a risk factor the user asks about points to: a general topic or a cause id.

    Derived from the cause table, for every lifestyle factor and medication:

    1. a general topic with an alias in the factor's name ("low sun exposure": sun,
       "magnesium supplement": supplements);
    2. a general topic drawn from exactly the sections the table cites for the factor's
       strongest risk-factor row (darker skin, high latitude: the vitamin D document's sun
       section, the only one the sun topic cites);
    3. otherwise the cause where the factor weighs most; on a tie, the cause whose aliases
       name the factor (a diuretic weighs 3.0 for low potassium and for a medication side
       effect, whose aliases list "diuretics"), then the table's first.

    A factor no cause lists and no topic names is left out.
    """
    rows: dict[str, list[tuple[str, RiskFactor]]] = {}
    for cid, cause in kb.causes.items():
        for row in cause.risk_factors:
            if row.ref.type in _FACTOR_TYPES:
                rows.setdefault(row.ref.id, []).append((cid, row))
    factors = dict.fromkeys([v for t in _FACTOR_TYPES for v in ENTITY_VALUES[t]] + list(rows))
    topic_sources = {tid: {s for point in t.points for s in point.sources} for tid, t in kb.topics.items()}
    out: dict[str, str] = {}
    for factor in factors:
        name = f" {factor.replace('_', ' ')} "
        named = [tid for tid, t in kb.topics.items() if any(f" {normalise(a)} " in name for a in t.aliases)]
        if named:
            out[factor] = named[0]
            continue
        if factor not in rows:
            continue
        best = max(row.weight for _, row in rows[factor])
        strongest = [(cid, row) for cid, row in rows[factor] if row.weight == best]
        cited = {s for _, row in strongest for s in row.sources}
        drawn = [tid for tid, sources in topic_sources.items() if cited and cited <= sources]
        if drawn:
            out[factor] = drawn[0]
            continue
        plural = {name.strip(), name.strip() + "s"}
        naming = [cid for cid, _ in strongest if plural & {normalise(a) for a in kb.causes[cid].aliases}]
        out[factor] = (naming or [cid for cid, _ in strongest])[0]
    return out


def diet_cause(kb: KnowledgeBase, diet: str) -> str | None:
    """The deficiency a diet makes likeliest: the nutrient whose natural foods it leaves out most."""
    if diet not in kb.diets:
        return None
    gaps = [
        (diet_gap(kb, c.nutrient, frozenset({diet}))[0], -i, cid) for i, (cid, c) in enumerate(kb.causes.items()) if c.nutrient
    ]
    share, _, cid = max(gaps)
    return cid if share > 0 else None


_HOW_MUCH_SUN = re.compile(
    r"\bhow\s+(?:much|long|many\s+(?:minutes|hours))\s+(?:of\s+)?(?:sun|sunlight|sunshine|daylight)\b", re.I
)
_TOLD_FACTS = ("symptom", "lifestyle_factor", "medication", "diet", "nutrient")
_COMMON = frozenset(
    "a an the my of in on to and or too much not no low high lack being last long new week weeks day days time".split()
    # words of the names that say nothing of a cause: "had my gallbladder out" is not "working out"
    + "it what when how with out see right side other are certain d enough regular".split()
)


def _unread_question(text: str, model: meaning.Reading | None, read_otherwise: bool, asked: Sequence[Asked] = ()) -> bool:
    """A sentence that asks in full ("Should I stay with him tonight?") where the model read no topic and no rule
    found a question: asked, and not understood (round 23: c24, c15, c13, each passed over in silence).

    A topic read from the whole message rather than from one sentence ("is it safe to take magnesium with my blood
    pressure pills?": something to take, by the words) answers one such sentence: a message that asks once and is
    answered is not also told "my documents don't cover that" (round 37 probe: two answers stacked for one question)."""
    if read_otherwise:
        return False  # "why would you ask that?", "you didn't answer", "is the line open at night?": read already
    hits = model.topics if model is not None else ()
    sentences = list(re.finditer(r"[^.?!\n]+[.?!]*", text))
    # (only when one sentence asks: beside another, which sentence the topic came from is not known)
    alone = sum(questions.asks_in_full(m.group(0)) for m in sentences) == 1
    unplaced = alone and bool({a.topic for a in asked} - {h.topic for h in hits})
    for m in sentences:
        sentence = m.group(0)
        if not questions.asks_in_full(sentence) or any(h.start < m.end() and m.start() < h.end for h in hits):
            continue
        named = (questions.named_cause, questions.named_taken, questions.named_eaten, questions.named_substance)
        if questions.asked(sentence) or questions.feared_disease(sentence) or any(f(sentence) for f in named):
            continue
        if questions.asks_summary(sentence) or questions.asks_memory(sentence):
            continue
        if _WHERE_SEEN.search(sentence):
            continue  # "what do people do" without a GP: where to be seen, read by the rule
        if _TAKE_WHAT.search(sentence):
            continue  # "what can she take?": what to take, answered by the supplements or the pregnancy answer (r36 c30)
        if unplaced:
            continue
        return True
    return False


_POSSESSIVE = {"my": "your", "our": "your", "his": "his", "her": "her", "their": "their", "the": "the"}


def _taken_together(entities: Sequence[Mapping[str, Any]], asking: str) -> str | None:
    """A medicine a question asks whether something can be taken with ("with my blood pressure pills", "alongside his
    statin"), in the asker's words turned to the one answering ("your blood pressure pills"), or None."""
    for e in entities:
        value, said = str(e.get("value") or ""), str(e.get("text") or "")
        if e.get("entity") != "medication" or e.get("role") == ROLE_ABSENT or value.endswith("_supplement") or not said:
            continue
        m = re.search(
            rf"\b(?:with|alongside|on\s+top\s+of|as\s+well\s+as|while\s+(?:on|taking))\s+(?:(my|our|his|her|their|the)\s+)?"
            rf"{re.escape(said)}",
            asking,
            re.IGNORECASE,
        )
        if m is not None:
            owner = _POSSESSIVE.get((m.group(1) or "").lower(), "")
            return f"{owner} {said}".strip()
    return None


_TAKE_WHAT = re.compile(r"\bwhat\s+(?:can|could|should|shall)\s+(?:i|she|he|they|we)\s+(?:take|have|use|try)\b", re.I)


def _named_food(kb: KnowledgeBase, text: str) -> str | None:
    """The first food of the documents' list that `text` names, by the documents' name for it."""
    lowered = text.lower()
    hits = [
        (m.start(), food.name)
        for food in kb.foods
        for alias in food.aliases
        if (m := re.search(rf"\b{re.escape(alias.lower())}\b", lowered)) is not None
    ]
    return min(hits)[1] if hits else None


@lru_cache(maxsize=1)
def _advised_words(kb: KnowledgeBase) -> frozenset[str]:
    """Every word of what the documents advise and explain (the causes' advice and summaries, the topics' points):
    "would stretching help?" is answered from them, "heat or ice?" is not."""
    texts_ = [a.text for c in kb.causes.values() for a in (*c.advice, c.summary, c.mechanism)]
    texts_ += [p.text for t in kb.topics.values() for p in t.points]
    return frozenset(w for text in texts_ for w in _WORDS.findall(text.lower())) | _covered_words(kb)


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|es|s)$", "", word)


def _covered_words(kb: KnowledgeBase) -> frozenset[str]:
    """The words of every cause, topic, nutrient and diet name: "my diet" or "not eating enough" is covered."""
    names = [a for c in kb.causes.values() for a in (*c.aliases, c.name)] + [a for t in kb.topics.values() for a in t.aliases]
    names += [n.name for n in kb.nutrients.values()] + [d.name for d in kb.diets.values()]
    words = {w for name in names for w in _WORDS.findall(name.lower()) if w not in _COMMON}
    return frozenset(words | {"diet", "eating", "food", "foods", "nutrition", "meals", "minerals", "vitamins"})


def _named(kb: KnowledgeBase, plain: str) -> str | None:
    """The cause, topic or nutrient named in the words, the longest name first."""
    said = f" {' '.join(_WORDS.findall(plain))} "
    names = [(alias, cid) for cid, cause in kb.causes.items() for alias in cause.aliases]
    names += [(alias, tid) for tid, topic in kb.topics.items() for alias in topic.aliases]
    names += [(n.name.lower(), nid) for nid, n in kb.nutrients.items()]
    # a vitamin by its letters alone where they cannot be a word ("should i be taking b12?"; never "d"), or "vit d"
    lower = [(n.name.lower(), nid) for nid, n in kb.nutrients.items()]
    vitamins = [(name.removeprefix("vitamin "), nid) for name, nid in lower if name.startswith("vitamin ")]
    names += [(f"vit {letters}", nid) for letters, nid in vitamins]
    names += [(letters, nid) for letters, nid in vitamins if len(letters) > 1]
    found = [(len(alias), ident) for alias, ident in names if f" {alias} " in said]
    return max(found)[1] if found else None


def topic_from(kb: KnowledgeBase, entities: Sequence[Mapping[str, Any]], text: str = "") -> str | None:
    """The cause, nutrient or general topic the user names, if any.

    The longest name in the text wins ("low magnesium" is the cause, "magnesium" the
    nutrient); then the entities the NLU found.
    """
    plain = normalise(text)
    asking = questions.questions_in(plain)
    if asking and asking.strip() != plain.strip():
        # the sentence that asks names the subject: "she drinks 4 cans of coke. could her metformin be doing
        # it?" asks about the metformin, a medicine the documents do not cover (no subject of theirs)
        if (named := _named(kb, asking)) is not None:
            return named
        named_medicines = [
            e for e in entities if e.get("entity") == "medication" and str(e.get("text") or "").lower() in asking.lower()
        ]
        if named_medicines:
            # "does prednisolone cause twitching?": a medicine the documents cover is asked about as that cause (round
            # 37 c20: answered twice with the caffeine the story told); one they do not cover has no subject of theirs
            return _entity_topic(kb, named_medicines)
        # "... 4 hrs sleep ... is it bc of the red bull": the fact the asking sentence names, before a name in the story
        # (round 29 c30: answered with lack of sleep)
        in_question = [e for e in entities if e.get("text") and str(e.get("text")).lower() in asking.lower()]
        if (topic := _entity_topic(kb, in_question)) is not None:
            return topic
    if (named := _named(kb, plain)) is not None:
        return named
    return _entity_topic(kb, entities)


def _entity_topic(kb: KnowledgeBase, entities: Sequence[Mapping[str, Any]]) -> str | None:
    """The first cause or nutrient an entity names (a fact's cause, a diet's missing nutrient)."""
    for entity in entities:
        if entity.get("role") == "absent":
            continue
        if entity.get("entity") == "diet" and (cause := diet_cause(kb, str(entity.get("value")))):
            return cause  # "can being vegan cause this?": the nutrient the diet leaves out most
        if entity.get("entity") not in _TOPIC_TYPES:
            continue
        value = str(entity.get("value"))
        if value in kb.nutrients or value in kb.causes:
            return value
        if value in (topics := factor_topics(kb)):
            return topics[value]
    return None


def without_model_facts_said_no(
    entities: Sequence[Mapping[str, Any]], said: Understood, interview: Interview
) -> list[dict[str, Any]]:
    """A fact only the model read, where the same message answers its interview question no in plain words ("2 cups in
    the morning, that's it" read as caffeine at 0.5; round 35 c02: caffeine ranked first from it): the words stand, the
    model's reading of the same fact goes. The lexicon's facts, and any the model read as unsure, are kept."""
    said_no = set()
    if "memory" in said.topics():
        said_no.add("symptom:confusion")  # "do you remember me?" asks of the assistant's memory (round 36 c15: a check)
    for qid in said.worded:
        question = interview.by_id(qid)
        if said.answers.get(qid) == "deny" and question is not None:
            said_no |= set(question.yes)
    memory = "memory" in said.topics()
    # (never a warning sign the model read beside a plain "no": "no. but my arm went heavy and dead" keeps the arm)
    gone = [
        e.get("extractor") == meaning.MEANING_EXTRACTOR
        and (e.get("entity") != "symptom" and not e.get("role") or memory and e.get("role") == "unsure")
        and f"{e.get('entity')}:{e.get('value')}" in said_no
        for e in entities
    ]
    return [dict(e) for e, g in zip(entities, gone, strict=True) if not g]
