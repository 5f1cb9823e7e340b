"""What the user told us, as references to contract ids: affirmed, denied, diet, duration.

Built from Rasa-style entity dicts (`{"entity", "value", "role", "text"}`) by
`Evidence.from_entities`; later messages override earlier ones for the same id, so
"no weakness" followed by "actually my legs feel weak" counts as weakness.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping, Sequence

from bot.knowledge.contract import (
    ENTITY_VALUES,
    MOVEMENT_SYMPTOMS,
    ROLE_ABSENT,
    ROLE_CORRECTED,
    ROLE_HYPOTHETICAL,
    ROLE_UNSURE,
    YOUNG_WRITER,
)
from bot.nlu.extract import HABIT_TYPES, LOWER_BOUND, NAMES_A_THING
from bot.nlu.meaning import MEANING_EXTRACTOR, WITHDRAWAL_SIGNS
from bot.nlu.people import OTHER, WRITER
from bot.texts import DENIED_NAMES, FACT_NAMES

# Longest duration taken as said (a century); anything longer is not a real answer.
MAX_DURATION_DAYS = 36_500

# Entity types whose values are facts about the person (not topics or places).
FACT_TYPES = ("symptom", "lifestyle_factor", "medication", "condition", "person", "onset")


ANXIETY, DISTRESS = "lifestyle_factor:anxiety", "symptom:distress"
BREASTFEEDING = "lifestyle_factor:breastfeeding"
WITHDRAWAL, DRINKING = "lifestyle_factor:alcohol_withdrawal", "lifestyle_factor:alcohol"
CHILD, YOUNG = "person:child", f"person:{YOUNG_WRITER}"  # a writer under 18 is a child too, spoken to as "you"


# An unsure shorter duration: `duration:4:21` (4 days said after 21), asked about before it counts.
SHORTER = "duration:"


OTHER_PEOPLE = frozenset({"person:child", "person:other_adult"})  # the one with the symptoms is not the writer
FEELINGS = frozenset({"distress", "self_harm"})  # the writer's own fear says nothing of whose body it is


def _of_the_patient(entities: list[Mapping[str, Any]], present: set[str]) -> list[Mapping[str, Any]]:
    """Without the habits of the person beside the one with the symptoms, where the message tells
    whose each fact is (`owner`, bot/nlu/meaning.py): "my wife is 30 weeks pregnant and my eyelid
    twitches" is not a pregnancy of the writer; "her legs twitch, I'm so anxious about her I can't
    sleep" is not the mother's anxiety. Kept when a symptom of the same message is that person's
    too ("my wife is pregnant and has a terrible headache, my eyelid twitches": the two stories are
    mixed, and never under-triaged)."""
    told = [e for e in entities if e.get("role") not in (ROLE_ABSENT, ROLE_HYPOTHETICAL)]
    other = bool(present & OTHER_PEOPLE) or any(
        e.get("entity") == "person" and ref("person", str(e.get("value"))) in OTHER_PEOPLE for e in told
    )
    bystander = WRITER if other else OTHER
    if any(e.get("entity") == "symptom" and e.get("owner") == bystander and e.get("value") not in FEELINGS for e in told):
        return entities
    feeling = {"symptom:distress"}  # "im scared" from a son asking for his father: the son's fear (round 35 c26)
    return [
        e for e in entities
        if not ((e.get("entity") in HABIT_TYPES or ref(str(e.get("entity")), str(e.get("value"))) in feeling)
                and e.get("owner") == bystander)
    ]  # fmt: skip


def ref(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


def fact_name(key: str) -> str:
    """A fact id in plain English: `symptom:numbness_tingling` -> numbness or tingling.

    Replies name facts by these canonical names, never by the user's own words: a span
    ("terrified it's ALS", "feel weak") does not fit into a sentence of ours.
    """
    ident = key.partition(":")[2] or key
    return FACT_NAMES.get(ident, ident.replace("_", " "))


def denied_name(key: str) -> str:
    """A fact id as the thing the user said no to: a factor that means too much of something is
    denied as the excess ("2 coffees, that's it" denies heavy caffeine use, not caffeine)."""
    ident = key.partition(":")[2] or key
    return DENIED_NAMES.get(ident) or fact_name(key)


@dataclass(frozen=True)
class Evidence:
    present: frozenset[str] = frozenset()  # "symptom:cramps", "medication:diuretic", ...
    absent: frozenset[str] = frozenset()
    diets: frozenset[str] = frozenset()
    duration_days: int | None = None
    body_parts: frozenset[str] = frozenset()
    unsure: frozenset[str] = frozenset()  # warning words that may be figures of speech, not yet confirmed
    story: tuple[str, ...] = ()  # the person's own words that told it, quoted in their summary
    # other medicines, by the names the person used ("sertraline"): the summary names them
    medicine_names: tuple[str, ...] = ()

    @classmethod
    def from_entities(cls, entities: Iterable[Mapping[str, Any]], base: Evidence | None = None) -> Evidence:
        """Fold entities (in the order they were said) into evidence."""
        ev = base or cls()
        present, absent = set(ev.present), set(ev.absent)
        diets, parts = set(ev.diets), set(ev.body_parts)
        duration = ev.duration_days
        entities = list(entities)
        # "vegetarian for 10 years" says how long the diet lasted, not the twitching: a duration
        # counts when the message names a symptom, or nothing else about the person.
        # (a habit read by meaning, from a clause of its own, never takes the message's duration)
        kinds = {
            e.get("entity")
            for e in entities
            if e.get("role") not in (ROLE_ABSENT, ROLE_HYPOTHETICAL, ROLE_UNSURE) and e.get("extractor") != MEANING_EXTRACTOR
        }
        unsure = set(ev.unsure)
        duration_counts = "symptom" in kinds or not (kinds & {"lifestyle_factor", "medication", "diet"})
        duration_counts = duration_counts or _apart_from_habits(entities)
        # once the twitching's duration is known, a later message about another symptom only
        # ("my hand has felt weaker the last week") tells how long that one lasted
        # (a sign only asked about is no other symptom told: "actually 3 weeks not 3 days, I keep losing track" is the
        # twitching's span, whatever the check on confusion finds; round 35 c02: the correction was lost)
        said = [e for e in entities if e.get("role") not in (ROLE_ABSENT, ROLE_HYPOTHETICAL, ROLE_UNSURE)]
        symptoms = {str(e.get("value")) for e in said if e.get("entity") == "symptom"}
        other_only = ev.duration_days is not None and bool(symptoms) and not symptoms & MOVEMENT_SYMPTOMS
        if other_only:
            duration_counts = False
        # Within one message a denial never outweighs an affirmation of the same fact ("barely
        # able to string words together without slurring" is slurred speech): denials first.
        entities.sort(key=lambda e: e.get("role") != ROLE_ABSENT)
        entities = _of_the_patient(entities, present)
        if BREASTFEEDING in present or any(ref(str(e.get("entity")), str(e.get("value"))) == BREASTFEEDING for e in entities):
            # "my pregnancy multivitamin still" from someone breastfeeding: a supplement's name, no pregnancy now
            entities = [e for e in entities if not e.get(NAMES_A_THING)]
        for entity in entities:
            kind, value, role = entity.get("entity"), entity.get("value"), entity.get("role")
            if not kind or value is None:
                continue
            value = str(value)
            if role == ROLE_HYPOTHETICAL:
                continue
            # Entities typed by hand ("/give_info{...}") are not checked by Rasa: only
            # contract values count, and a duration must be a plausible number of days.
            if kind == "duration":
                if not (value.isdigit() and len(value) <= 6 and int(value) <= MAX_DURATION_DAYS):
                    continue
            elif kind in ENTITY_VALUES and value not in ENTITY_VALUES[kind]:
                continue
            if kind in FACT_TYPES:
                key = ref(kind, value)
                if role == ROLE_UNSURE:
                    if key not in present and key not in absent:
                        unsure.add(key)
                    continue
                unsure.discard(key)
                if role == ROLE_ABSENT:
                    present.discard(key)
                    if kind != "person":  # "it's me, not the baby": who has it, not a thing they said no to
                        absent.add(key)
                else:
                    absent.discard(key)
                    present.add(key)
            elif kind == "diet" and role != ROLE_ABSENT:
                diets.add(value)
            elif kind == "body_part" and role != ROLE_ABSENT:
                parts.add(value)
            elif kind == "duration" and role != ROLE_ABSENT and (duration_counts or role == ROLE_CORRECTED and not other_only):
                # ("oh actually, since this morning I've had a pounding headache": how long the headache has lasted, not
                # a correction of the twitching's week, round 24 c04; the longer span stands, never under-triaged)
                # a correction ("it's 2 months not 3 weeks, I'm so scared") is of the span said before, whatever
                # else the message tells
                corrects = "turn" in entity or role == ROLE_CORRECTED  # a "yes" to the check, or "sorry, I meant"
                if entity.get(LOWER_BOUND) and ev.duration_days is not None and int(value) <= ev.duration_days:
                    # "its over 2 weeks" after "18 days": true of what was said, nothing to change or ask (round 38 c16)
                    continue
                if not corrects and duration != ev.duration_days and duration is not None and int(value) < duration:
                    # two spans in one message ("for about 2 months, and the last few weeks he drops things"):
                    # the shorter is how long something else has lasted; the longer stands (never under-triaged)
                    continue
                if ev.duration_days is not None and int(value) < ev.duration_days and not corrects:
                    # shorter than said before: a correction, or the time since something else ("it's
                    # been a few days" since we spoke); kept to ask about, the longer span stands
                    unsure.add(f"{SHORTER}{value}:{ev.duration_days}")
                else:
                    duration = int(value)
        said_now = {ref(str(e.get("entity")), str(e.get("value"))): e.get("role") for e in entities}
        # (the answer to an interview question is marked with its `turn`)
        worded = any(ref(str(e.get("entity")), str(e.get("value"))) == ANXIETY and "turn" not in e for e in entities)
        if said_now.get(ANXIETY) == ROLE_ABSENT and worded and DISTRESS not in said_now and DISTRESS in present:
            # "haha I'm not actually worried, it just made me jump": no worry, so no distress said before either; not
            # "No" to the question on stress, which says nothing of a fear of ALS told before (round 42 probe: "Thanks,
            # I've changed that: you don't have distress over the twitching")
            present.discard(DISTRESS)
            absent.add(DISTRESS)
        signs = {ref(str(e.get("entity")), str(e.get("value"))) for e in entities if not e.get("role")} & WITHDRAWAL_SIGNS
        earlier_signs = ev.present & WITHDRAWAL_SIGNS
        across = (WITHDRAWAL in ev.unsure and bool(signs & present)) or (bool(earlier_signs) and WITHDRAWAL not in ev.unsure)
        if WITHDRAWAL in unsure and across:
            # heavy drinking stopped, read unsure in one message ("gave up the booze on friday after a heavy few months"),
            # and shaking, sweating or seeing things told in another, before or after: the check's "yes" in other words
            # (both in one message, it is the drinking that is unsure: still asked)
            unsure.discard(WITHDRAWAL)
            present.add(WITHDRAWAL)
        if WITHDRAWAL in present or WITHDRAWAL in unsure:
            # "he stopped drinking 2 days ago" beside withdrawal, even still asked about: no "denied: regular drinking"
            # (round 22 c10: said of a man on a litre of wine a day)
            absent.discard(DRINKING)
        named = [
            str(e.get("text") or "").strip().lower()
            for e in entities
            if e.get("entity") == "medication" and e.get("value") in NAMED_MEDICINES and e.get("role") is None
        ]
        return replace(
            ev,
            medicine_names=tuple(dict.fromkeys([*ev.medicine_names, *(n for n in named if n)])),
            present=frozenset(present),
            absent=frozenset(absent),
            diets=frozenset(diets),
            duration_days=duration,
            body_parts=frozenset(parts),
            unsure=frozenset(unsure),
        )

    def is_empty(self) -> bool:
        return not (self.present or self.absent or self.diets or self.duration_days is not None)


NAMED_MEDICINES = ("other_medication",)  # the id that stands for any other medicine: the person's word names it


def is_child(ev: Evidence) -> bool:
    """The person with the symptoms is under 18: a parent's child, or the writer."""
    return bool({CHILD, YOUNG} & ev.present)


HABIT_REACH = 30  # characters: a span this close to a habit's words may be how long the habit lasted


def _apart_from_habits(entities: Sequence[Mapping[str, Any]]) -> bool:
    """Every span of time told is far from every habit, medicine or diet told ("like 10 days. no weakness ... also
    eating pretty low carb": how long the twitching lasted, round 37 c16: asked again), unlike "vegetarian for 10
    years". Without offsets, never."""
    def at(e: Mapping[str, Any]) -> tuple[int, int] | None:
        start, end = e.get("start"), e.get("end")
        return (start, end) if isinstance(start, int) and isinstance(end, int) else None

    spans = [at(e) for e in entities if e.get("entity") == "duration" and e.get("role") != ROLE_ABSENT]
    habits = [
        at(e) for e in entities
        if e.get("entity") in ("lifestyle_factor", "medication", "diet") and e.get("role") not in (ROLE_ABSENT, ROLE_HYPOTHETICAL)
    ]  # fmt: skip
    placed_spans = [s for s in spans if s is not None]
    placed_habits = [h for h in habits if h is not None]
    if not placed_spans or len(placed_spans) < len(spans) or len(placed_habits) < len(habits):
        return False
    return all(h[0] - d[1] > HABIT_REACH or d[0] - h[1] > HABIT_REACH for d in placed_spans for h in placed_habits)

