"""One user turn in, the bot's replies and the new conversation state out. No Rasa here.

The Rasa actions hand over what the user said in this conversation (their entities, in
order), what the Rasa server understood from the latest message (`Understood`: the questions
it asks, its answers to the interview's questions; never its text) and the state kept in
slots (`State`); these functions decide what to say. Every turn first checks for red flags: an `urgent` or `emergency` level is
announced at once, before anything else, whatever the user asked.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Sequence

from bot import answers, free_answers, numbers, texts
from bot.answers import Reply, human_list
from bot.evidence import DISTRESS, FACT_TYPES, SHORTER, YOUNG, Evidence, is_child
from bot.evidence import FEELINGS as FELT
from bot.knowledge.contract import MOVEMENT_SYMPTOMS, ROLE_ABSENT, ROLE_CORRECTED, ROLE_HYPOTHETICAL, ROLE_UNSURE, level_rank
from bot.knowledge.table import Interview, KnowledgeBase, Question
from bot.names import ASSESSMENT, ESCALATION, EXPLANATION, FOODS, INTERVIEW, LEVEL_CHANGE, SUMMARY
from bot.nlu.meaning import MEANING_EXTRACTOR
from bot.nlu.people import OTHER
from bot.questions import ALCOHOL, CHANGE_ASKED, DOCTOR_DOUBTED, INHERITED, LATER_TODAY
from bot.reasoning import Assessment, Triage, assess
from bot.texts import ANYTHING_ELSE, OTHER_CAUSES_INTRO
from bot.understood import ANSWERED_BEFORE, NOT_ANSWERED, NUMBER, TAKING_TOPICS, WHAT_TO_TELL, Asked, Understood

History = Sequence[Sequence[Mapping[str, Any]]]
NOTHING_ASKED = Understood()  # a message that asks nothing and answers nothing (a button's payload)


@dataclass(frozen=True)
class State:
    """What the conversation remembers between turns (kept in Rasa slots)."""

    asked: tuple[str, ...] = ()  # interview questions asked so far
    pending: str | None = None  # the question the user is answering now
    facts: tuple[dict[str, Any], ...] = ()  # facts from yes/no answers, as entities
    announced: str | None = None  # highest triage level already escalated
    assessed: bool = False
    crisis: bool = False  # the crisis answer was given
    # the user's messages as (index in the history, text): read from the conversation, not a slot,
    # only to quote the person's story in their summary (`own_words`)
    told: tuple[tuple[int, str], ...] = ()


@dataclass
class Turn:
    replies: list[Reply] = field(default_factory=list)
    state: State = field(default_factory=State)


def evidence_from(history: History, state: State | None = None) -> Evidence:
    """Evidence from every user message and every answer, in the order they were said.

    An answer (a quick reply) counts right after the message that gave it, so a later word
    wins: "Neither" to the nerve question, then "wait, my hand is numb actually", is numbness.
    """
    facts = list(state.facts) if state else []
    ev = Evidence()
    for index, entities in enumerate(history):
        if index and ev.duration_days is not None and _span_of_the_other(entities, history[index - 1]):
            entities = [e for e in entities if e.get("entity") != "duration"]
        ev = Evidence.from_entities(entities, ev)
        said_then = [f for f in facts if f.get("turn") == index]
        if said_then:
            ev = Evidence.from_entities(said_then, ev)
    undated = [f for f in facts if not isinstance(f.get("turn"), int) or not 0 <= f["turn"] < len(history)]
    ev = Evidence.from_entities(undated, ev) if undated else ev
    return replace(ev, story=own_words(history, state.told, ev)) if state and state.told else ev


def _span_of_the_other(entities: Sequence[Mapping[str, Any]], before: Sequence[Mapping[str, Any]]) -> bool:
    """A span told with no symptom named, right after a message about another symptom than the twitching ("my heart
    flip-flops a few times a day", then "its been like that for years tbh"): how long that one has lasted, not the
    twitching, once the twitching's span is known (round 41 c25, round 39 c12: "for about 2 years" in the summary of a
    twitch of 5 days). A correction ("sorry, I meant 3 weeks") is the twitching's still."""
    said = [e for e in entities if e.get("role") not in (ROLE_ABSENT, ROLE_HYPOTHETICAL)]
    spans = [e for e in said if e.get("entity") == "duration"]
    if not spans or any(e.get("role") == ROLE_CORRECTED for e in spans) or any(e.get("entity") == "symptom" for e in said):
        return False
    told = {str(e.get("value")) for e in before if e.get("entity") == "symptom" and e.get("role") in (None, ROLE_UNSURE)}
    # only beside a sign that needs a doctor on its own: then the span, whoever's, changes no level (never guessed low)
    return bool(told) and not told & MOVEMENT_SYMPTOMS and any(f"symptom:{v}" in _signs_raising_alone() for v in told)


@lru_cache(maxsize=1)
def _signs_raising_alone() -> frozenset[str]:
    """The facts that raise the level to a doctor or above on their own (the triage table's one-fact rows)."""
    from bot.knowledge.table import default_kb

    alone: set[str] = set()
    for rule in default_kb().triage:
        if level_rank(rule.level) < level_rank("doctor") or rule.min_days is not None:
            continue
        if not rule.all:
            alone |= {str(ref) for ref in rule.any}
        elif len(rule.all) == 1 and not rule.any:
            alone.add(str(rule.all[0]))
    return frozenset(alone)


STORY_CHARS = 700  # the person's own words in a summary, at most
STORY_MESSAGE = 480  # of one message (the PDF takes texts of up to 500 characters)
STORY_WORDS = 5  # a message shorter than this is an answer, not part of the story


def own_words(history: History, told: Sequence[tuple[int, str]], ev: Evidence) -> tuple[str, ...]:
    """The messages that told the person's story, in their own words, for the doctor's summary:
    what no list of facts holds (an operation three weeks ago, a long flight, a dose in units)
    stays with the facts. A message counts when it says a fact in five words or more; not one
    whose fact was taken back since (the summary would contradict itself), nor one about
    self-harm (the summary names that sign itself). The messages that told a sign besides the
    twitching come first when there is no room for all (round 25 c16: the chest pressure left out
    of a long story); the chosen ones are quoted in the order they were said."""
    candidates: list[tuple[bool, int, str]] = []
    for n, (index, text) in enumerate(told):
        entities = history[index] if 0 <= index < len(history) else ()
        said = [e for e in entities if e.get("role") not in (ROLE_ABSENT, ROLE_HYPOTHETICAL)]
        keys = {f"{e.get('entity')}:{e.get('value')}" for e in said if e.get("entity") in FACT_TYPES}
        if not said or keys & (ev.absent | {"symptom:self_harm"}) or len(text.split()) < STORY_WORDS or text.startswith("/"):
            continue
        sign = any(k.startswith("symptom:") and k.partition(":")[2] not in MOVEMENT_SYMPTOMS | FELT for k in keys)
        candidates.append((not sign, n, " ".join(text.split())))
    chosen: list[tuple[int, str]] = []
    room = STORY_CHARS
    for _, n, words in sorted(candidates):
        if len(words) > min(room, STORY_MESSAGE):
            words = words[: min(room, STORY_MESSAGE)].rsplit(" ", 1)[0] + "…"
        chosen.append((n, words))
        room -= len(words)
        if room < STORY_WORDS * 8:
            break
    return tuple(words for _, words in sorted(chosen))


def red_flags(
    kb: KnowledgeBase,
    result: Assessment,
    state: State,
    before: Evidence | None = None,
    changed: str | None = None,
    history: History = (),
) -> Turn:
    """An escalation, if the level is urgent or emergency and was not announced yet; the crisis
    answer, if thoughts of self-harm were not answered yet (after a chest-pain emergency too).

    A level below the one the user was last told (`state.announced`) is never dropped silently:
    the reply says what changed (`changed`, or what differs from the evidence `before` this
    message) and the new level with its why. A later red flag then escalates again.
    """
    tri = result.triage
    crisis = any(f.rule.policy == "crisis" for f in tri.fired)
    higher = state.announced is None or level_rank(tri.level) > level_rank(state.announced)
    if tri.is_escalation and (higher or (crisis and not state.crisis)):
        reply = answers.escalation(kb, tri, for_another(result.evidence) and not _writers_crisis(history))
        return Turn([reply], replace(state, announced=tri.level, crisis=state.crisis or crisis))
    if state.announced is not None and level_rank(tri.level) < level_rank(state.announced):
        earlier = assess(kb, before).triage if before is not None else Triage(state.announced)
        if changed is None and before is not None:
            changed = answers.corrected(before, result.evidence)
        lowered = answers.level_lowered(kb, earlier, tri, state.announced, changed)
        return Turn([lowered], replace(state, announced=tri.level))
    if changed is not None and state.announced is not None and level_rank(tri.level) > level_rank(state.announced):
        # a correction that raises the level told ("3 weeks, not 3 days" after self-care): said with the new level and
        # its why, never only in the summary (round 29 c14, c20)
        earlier = assess(kb, before).triage if before is not None else Triage(state.announced)
        return Turn([answers.level_lowered(kb, earlier, tri, state.announced, changed)], replace(state, announced=tri.level))
    return Turn([], state)


def fitted(kb: KnowledgeBase, replies: Sequence[Reply], diets_of: Callable[[], Iterable[str]]) -> list[Reply]:
    """The replies with every line of advice that names foods the person's diet leaves out said with foods that fit
    it (`answers.fit_to_diet`), in the text and in a card's advice; the summary quotes the person and stays as said.
    The diet (`diets_of`) is looked up only when a reply gives such advice."""
    advice = answers.food_advice(kb)
    giving = [r for r in replies if (r.custom or {}).get("type") not in (SUMMARY, FOODS)]
    said = [r.text or "" for r in giving] + [str(c.get("advice") or "") for r in giving for c in _cards_causes(r)]
    if not any(a in text for text in said for a in advice):
        return list(replies)
    diets = list(diets_of())
    if not diets:
        return list(replies)
    out = []
    for reply in replies:
        custom = reply.custom or {}
        if reply not in giving:
            out.append(reply)
            continue
        if _cards_causes(reply):
            causes = [
                {**c, "advice": answers.fit_to_diet(kb, str(c.get("advice") or ""), diets)} if isinstance(c, dict) else c
                for c in custom["causes"]
            ]
            custom = {**custom, "causes": causes}
        text = answers.fit_to_diet(kb, reply.text, diets) if reply.text else reply.text
        out.append(replace(reply, text=text, custom=custom or reply.custom))
    return out


def _cards_causes(reply: Reply) -> list[dict[str, Any]]:
    """The causes an assessment card lists, each with its advice."""
    causes = (reply.custom or {}).get("causes")
    return [c for c in causes if isinstance(c, dict)] if isinstance(causes, list) else []


HELPING_ANOTHER = frozenset({"see_doctor", "what_helps", "worry", "persuade"})  # "what do i do", "should i ask her?"


def _writers_crisis(history: History) -> bool:
    """A thought of self-harm the message tells of its writer, beside another person's twitching ("my mum's legs
    twitch ... and honestly i don't want to be here anymore"): the writer's own crisis, answered as theirs."""
    # a sure reading only: "not me, her. i think she's planning something" reads faintly, and as the writer's by its "i"
    return any(
        e.get("value") == "self_harm" and e.get("owner") == "writer" and not e.get("role") for message in history for e in message
    )


def lowered(turn: Turn) -> bool:
    """The level the user was told went down on this turn (and the reply says so)."""
    return any((r.custom or {}).get("type") == LEVEL_CHANGE for r in turn.replies)


def told(turn: Turn, level: str) -> Turn:
    """The user has now been told this level (an assessment, a summary, their own triage line)."""
    return replace_state(turn, replace(turn.state, announced=level))


def begin(
    kb: KnowledgeBase, history: History, state: State, answers_first: bool = False
) -> tuple[Evidence, Assessment, Turn]:
    """What every turn starts with: the evidence, its assessment, the red-flag check, and the
    question about a possible thought of self-harm (which nothing else may wait on, unless
    `answers_first`: a faint reading beside questions asked, which are answered before it)."""
    ev = evidence_from(history, state)
    result = assess(kb, ev)
    before = evidence_from(history[:-1], state) if state.announced is not None else None
    flagged = red_flags(kb, result, state, before, history=history)
    if answers_first and not escalated(flagged):
        return ev, result, flagged
    return ev, result, checks_now(kb, ev, result, flagged)


# A thought of self-harm read by the model below this, in a message that asks questions, is asked about after they are
# answered, in the same turn: the check stays, the questions are not left waiting behind it (on sealed sets 40-43, one
# question in 15 got only the check; on sets 17-43, counts only, 8 of 1417 crisis messages held a question and a
# reading below 0.5, against 298 other messages)
FAINT_CRISIS = 0.5


def faint_crisis(latest: Sequence[Mapping[str, Any]]) -> bool:
    """The message's only readings of self-harm are the model's, unsure and below `FAINT_CRISIS`."""
    readings = [e for e in latest if e.get("entity") == "symptom" and e.get("value") == "self_harm"]
    return bool(readings) and all(
        e.get("role") == ROLE_UNSURE and float(e.get("confidence_entity") or 1.0) < FAINT_CRISIS for e in readings
    )


def crisis_check(ev: Evidence, result: Assessment, turn: Turn) -> Turn:
    """A possible thought of self-harm, not asked about yet: the yes/no question, now (beside an
    escalation too). A question the user asked waits for the answer ("what's a lethal amount?")."""
    state = turn.state
    check = confirm_question(CONFIRM + SELF_HARM)
    if check and SELF_HARM in ev.unsure and check.id not in state.asked and not in_crisis(result, state):
        # of anyone, the writer or the person they ask for (round 33 c20: a partner giving her things away, and the
        # writer asked "are you having any thoughts of ending your life?")
        turn.replies.append(ask(check, other=for_another(ev)))
        turn.state = replace(state, asked=state.asked + (check.id,), pending=check.id)
    return turn


def checks_now(kb: KnowledgeBase, ev: Evidence, result: Assessment, turn: Turn) -> Turn:
    """Beside an escalation, what is asked at once: a possible thought of self-harm, else an unsure sign whose
    yes would change what to do now ("my face was drooping earlier and my words came out wrong" told at the
    urgent level of the speech: a drooping face is a stroke, an emergency; it waited two turns behind push back)."""
    turn = crisis_check(ev, result, turn)
    if not escalated(turn) or turn.state.pending is not None:
        return turn
    state = turn.state
    for key in sorted(ev.unsure):
        question = confirm_question(CONFIRM + key) if not key.startswith(SHORTER) and key != SELF_HARM else None
        if question is None or question.id in state.asked:
            continue
        confirmed = assess(kb, replace(ev, present=ev.present | {key}, unsure=ev.unsure - {key}))
        if level_rank(confirmed.triage.level) > level_rank(result.triage.level):
            turn.replies.append(ask(question, other=for_another(ev)))
            turn.state = replace(state, asked=state.asked + (question.id,), pending=question.id)
            return turn
    return turn


def ends_turn(turn: Turn) -> bool:
    """An escalation was announced or a possible thought of self-harm asked about: nothing else now."""
    return escalated(turn) or turn.state.pending == CONFIRM + SELF_HARM and bool(turn.replies)


def escalated(turn: Turn) -> bool:
    """An urgent or emergency level was announced on this turn: what to do now ends the turn."""
    return any((r.custom or {}).get("type") == ESCALATION for r in turn.replies)


def still_escalated(result: Assessment, state: State) -> bool:
    """An urgent or emergency level was announced and still holds."""
    return result.triage.is_escalation and state.announced == result.triage.level


def in_crisis(result: Assessment, state: State) -> bool:
    """The crisis answer was given and still holds (the person did not take it back)."""
    return state.crisis and any(f.rule.policy == "crisis" for f in result.triage.fired)


def stay_with(
    result: Assessment, turn: Turn, leaving: bool = False, said: Understood = NOTHING_ASKED, history: History = ()
) -> Turn:
    """After a crisis answer: no interview and no twitching advice unless asked; the person first,
    with the crisis row's action again (kept short: they have read it once). A question about the
    line itself ("is it open at night?") is answered, not met with the same block again."""
    crisis = next(f.rule for f in result.triage.fired if f.rule.policy == "crisis")
    closing = texts.AFTER_CRISIS_GOODBYE if leaving else texts.AFTER_CRISIS_CLOSING
    if said.country and (said.helpline or NUMBER in said.topics() or not said.asked):
        # "im in australia" after the crisis answer: that country's lines, not the US and UK ones again (round 34 c05)
        lines = f"{numbers.crisis_line(said.country)} {numbers.emergency_line(said.country)}"
        turn.replies.append(Reply(text=f"{lines} {closing}"))
        return turn
    if said.helpline:
        turn.replies.append(Reply(text=f"{texts.AFTER_CRISIS_HELPLINE} {closing}"))
        return turn
    if said.reaching and not leaving:
        turn.replies.append(Reply(text=texts.AFTER_CRISIS_REACHING))  # the step the crisis answer asked for
        return turn
    if for_another(result.evidence) and not leaving and not _writers_crisis(history):
        # someone asking for another adult ("should i ask her about it directly?"): how to help that person, not the
        # writer's own feelings (round 33 c20: the writer's feelings, and the midwife)
        turn.replies.append(Reply(text=texts.AFTER_CRISIS_FOR_ANOTHER))
        return turn
    if feelings := [a.topic for a in said.asked if a.topic in FEELINGS_TOPICS]:
        # "who do I talk to, the midwife?" read as small talk: who can help, not the same block again
        turn.replies.append(_of_the_feelings(feelings[0]))
        return turn
    turn.replies.append(Reply(text=f"{texts.AFTER_CRISIS_OPENING} {crisis.action} {closing}"))
    return turn


def welcome_back(kb: KnowledgeBase, history: History, state: State) -> Turn | None:
    """A greeting from someone who told their story before (a later session, or "hi again"): their
    story said back and what changed asked, instead of the first greeting. None for a first hello."""
    ev, result, turn = begin(kb, history, state)
    if ev.is_empty() or turn.replies:
        return None  # a first hello; or a red flag, which the red-flag check answers
    told_before = answers.understood(kb, ev) or ""
    text = f"{texts.WELCOME_BACK} {told_before.removeprefix(texts.UNDERSTOOD_INTRO).strip()} {texts.WHAT_CHANGED}"
    turn.replies.append(Reply(text=text))
    return turn


def planned(kb: KnowledgeBase, history: History, state: State, said: Understood) -> Turn | None:
    """A plan to be seen told once a level or an assessment was given ("ok ill book him in. thanks", "great, i'll
    make a gp appointment then"): acknowledged in a line, never the level's card again nor "Sorry, I didn't quite get
    that" (round 32 c12). None when nothing was advised yet, something is asked, or an escalation holds (`agreed`)."""
    if not said.going or said.asked or not (state.assessed or state.announced):
        return None
    ev, result, turn = begin(kb, history, state)
    if turn.replies or result.triage.is_escalation or in_crisis(result, turn.state):
        return None
    buttons = [b for b in answers.follow_ups(result) if not is_child(ev) or b["payload"] == "/ask_summary"]  # no adult advice
    turn.replies.append(Reply(text=texts.PLANNED, buttons=buttons))
    return turn


AGREEING = ("affirm", "thank", "goodbye")  # "ok", "thanks, calling them now", "bye, off to A&E"


def agreed(kb: KnowledgeBase, result: Assessment, intent: str, said: Understood) -> Reply:
    """After an urgent or emergency level: thanks or goodbye in words is acknowledged. Anything else
    read as agreement ("ok", "really?? it stopped, I'm okay now" taken for a goodbye) may agree or
    not: acknowledged if they are going, and the action again if they are not."""
    level = result.triage.level
    if level in texts.OBJECTION_ANSWERS["later_today"] and "later_today" in said.objections:
        # "fine, I'll go once the kids are asleep" at an emergency: no "Good", the wait answered (round 41)
        return answers.pushback(kb, result, closing=False, objections=said.objections)
    if intent in ("thank", "goodbye") and said.small_talk or said.going:
        return Reply(text=texts.AGREED[level])
    action = answers.level_payload(kb, result.triage)["action"]
    return Reply(text=f"{texts.OK_AFTER[level]} {action}")


SMALL_TALK_AFTER_CRISIS = ("greet", "thank", "goodbye", "nlu_fallback", "out_of_scope")


def after_escalation(
    kb: KnowledgeBase, history: History, state: State, intent: str, said: Understood = NOTHING_ASKED
) -> Turn | None:
    """What a fixed response would be (thanks, hello, goodbye, unclear) when a crisis answer or an
    urgent or emergency level holds: staying with the person, or that level once more, instead
    ("Anything else about the twitching?" would not do)."""
    if intent not in SMALL_TALK_AFTER_CRISIS:
        return None
    ev, result, turn = begin(kb, history, state)
    if escalated(turn):
        return None
    if said.asked and not in_crisis(result, turn.state):
        return None  # "you didn't answer, yes or no" read as nothing: the question is answered, not the level again
    if in_crisis(result, turn.state):
        return stay_with(result, turn, leaving=intent == "goodbye", said=said, history=history)
    if still_escalated(result, turn.state) and not turn.replies:
        # "thanks, calling now": agreed; "it stopped, I'm fine now" read as small talk: the level once more
        if intent in AGREEING or said.going:
            turn.replies.append(agreed(kb, result, intent, said))
        else:
            turn.replies.append(answers.pushback(kb, result, texts.STILL_STANDS_LEAD, closing=False, objections=said.objections))
        return turn
    return None


MEDICINES = "medication_side_effect"  # the cause a question about "my pills" names
PREGNANCY_MATTERS = frozenset({"dose", "supplements", "foods", "what_helps", "stop_medicine", "cause", "sun"})


def expecting(ev: Evidence) -> bool:
    """Pregnant or breastfeeding, said at any point of the conversation."""
    return bool({"lifestyle_factor:pregnancy", "lifestyle_factor:breastfeeding"} & ev.present)


def for_another(ev: Evidence) -> bool:
    """Someone asking for another adult (a partner, a parent): the interview asks about "them"."""
    return answers.OTHER_ADULT in ev.present


def _known(ev: Evidence, ref: str) -> bool:
    if ref == "duration":
        return ev.duration_days is not None
    if ref == "diet":
        return bool(ev.diets)
    return ref in ev.present or ref in ev.absent


CONFIRM = "confirm:"  # the id of a question that checks a warning word: confirm:symptom:fainting
UNCLEAR = "unclear"  # a typed answer to the self-harm check that says neither yes nor no
NOT_HEARD = "not_heard"  # typed words the reading takes for no answer to the pending question on signs
ASKED_AGAIN = ":again"  # marks the self-harm check asked a second time, in plain words
CHECK = free_answers.CHECK  # how any yes/no check is answered in words (the reading's answers)
SELF_HARM = "symptom:self_harm"
SWALLOWING = "symptom:difficulty_swallowing"


COMBINED = "+"  # joins the signs of one check on several ("confirm:symptom:paralysis+symptom:seizure")


def confirm_question(qid: str | None) -> Question | None:
    """The yes/no question that checks an unsure warning word (`confirm:symptom:fainting`)."""
    if not qid or not qid.startswith(CONFIRM):
        return None
    key = qid[len(CONFIRM) :]
    buttons = ({"title": texts.YES, "payload": "/affirm"}, {"title": texts.NO, "payload": "/deny"})
    if key.startswith(SHORTER):
        # "duration:4:21": yes makes the shorter span count; no leaves the longer one
        new, _, old = key[len(SHORTER) :].partition(":")
        if not (new.isdigit() and old.isdigit()):
            return None
        text = texts.CONFIRM_DURATION.format(new=answers.lasted(int(new)), old=answers.days_said(int(old)))
        return Question(qid, text, (key,), (f"{SHORTER}{new}",), (), buttons)
    if COMBINED in key:
        # the signs a bad cramp is told with, asked about at once: a no denies them all; a yes leaves each to its own check
        keys = tuple(key.split(COMBINED))
        signs = [texts.CONFIRM_CRAMP_SIGNS.get(k.partition(":")[2]) for k in keys]
        if len(keys) < 2 or not all(signs):
            return None
        text = f"{texts.CONFIRM_CRAMP_LEAD} " + "; ".join(str(s) for s in signs) + "."
        return Question(qid, text, keys, (), keys, buttons)
    check = texts.CONFIRM_QUESTIONS.get(key.partition(":")[2])
    if check is None:
        return None
    other = texts.CONFIRM_QUESTIONS_OTHER.get(key.partition(":")[2], "")
    return Question(qid, check, (key,), (key,), (key,), buttons, other)


def to_confirm(ev: Evidence, state: State, held: str | None = None) -> Question | None:
    """A warning word heard that may be a figure of speech, not asked about yet. While an urgent or
    emergency level holds (`held`), only what could change what to do now is asked: never how long
    the twitching has lasted (an hour of chest pressure got "has the twitching lasted less than a
    day?" beside the emergency), and at an emergency only a thought of self-harm."""
    cramp = [k for k in sorted(ev.unsure) if k.partition(":")[2] in texts.CONFIRM_CRAMP_SIGNS and CONFIRM + k not in state.asked]
    combined = CONFIRM + COMBINED.join(cramp)
    together = len(cramp) > 1 and held is None and combined not in state.asked
    for key in sorted(ev.unsure, key=lambda k: (k != SELF_HARM, k)):  # thoughts of self-harm first
        if held is not None and key != SELF_HARM and (key.startswith(SHORTER) or held == "emergency"):
            continue
        if together and key != SELF_HARM:
            return confirm_question(combined)  # "basically paralysed by the cramp, it took my breath away": one question
        if CONFIRM + key not in state.asked and (question := confirm_question(CONFIRM + key)):
            return question
    return None


def held_escalation(result: Assessment, state: State) -> str | None:
    """The urgent or emergency level announced that still holds, if any."""
    return result.triage.level if still_escalated(result, state) else None


def interview_asked(state: State) -> list[str]:
    """The interview's questions asked so far; a check of a warning word is not one of them."""
    return list(dict.fromkeys(q for q in state.asked if not q.startswith(CONFIRM)))  # one asked again counts once


def unanswered(interview: Interview, ev: Evidence, state: State) -> list[Question]:
    """The interview's questions not asked yet whose facts nobody has told, in order."""
    return [q for q in interview.questions if q.id not in state.asked and not any(_known(ev, ref) for ref in q.refs)]


def next_question(interview: Interview, ev: Evidence, state: State) -> Question | None:
    if len(interview_asked(state)) >= interview.max_questions:
        return None
    left = unanswered(interview, ev, state)
    return left[0] if left else None


def progress(interview: Interview, ev: Evidence, state: State, qid: str) -> dict[str, Any] | None:
    """Where question `qid` (already in `state.asked`) stands: "question 2 of 4" in the widget.

    The total is what is asked so far plus what may still be asked from what is known now,
    so a fact told later can only lower it. A check of a warning word has no place (None).
    """
    asked = interview_asked(state)
    if qid not in asked:
        return None
    total = len(asked) + min(len(unanswered(interview, ev, state)), interview.max_questions - len(asked))
    return {"type": INTERVIEW, "question": qid, "number": asked.index(qid) + 1, "total": total}


ANSWER_INTENTS = ("affirm", "deny", "dont_know")


def _asks_to_answer(said: Understood, latest: Sequence[Mapping[str, Any]] = (), mid_interview: bool = False) -> bool:
    """A question to answer as asked: not "what's causing it?", which names no cause and asks
    for the assessment itself (but mid-interview it is answered, and the interview goes on); "could
    it be the statin?" names a medicine the documents do not cover, which gets its own answer."""
    topics = said.topics()
    general = topics == {"cause"} and said.subject is None and not _names_other_medicine(latest)
    general = general and not any(a.outside for a in said.asked)  # "could it be a pinched nerve?" is answered as asked
    return bool(topics) and not (general and not mid_interview and related_symptom(said.relating, latest) is None)


def related_symptom(relating: bool, latest: Sequence[Mapping[str, Any]]) -> str | None:
    """The symptom other than the twitching that a message tells while asking whether it is related
    ("my pee has gone dark the last two days, could that be connected?")."""
    if not relating:
        return None
    told = [e for e in latest if e.get("entity") == "symptom" and e.get("role") not in (ROLE_ABSENT, ROLE_HYPOTHETICAL)]
    return next((f"symptom:{e['value']}" for e in told if e.get("value") not in MOVEMENT_SYMPTOMS), None)


def _names_other_medicine(latest: Sequence[Mapping[str, Any]]) -> bool:
    """The message names a medicine the documents do not cover (a statin, an antidepressant...)."""
    return any(f"{e.get('entity')}:{e.get('value')}" in answers.OTHER_MEDICINES for e in latest if e.get("role") != ROLE_ABSENT)


# questions that, from someone without twitching, ask about the other complaint: the scope answer answers them
ABOUT_THE_COMPLAINT = frozenset({"what_helps", "cause", "other_causes", "normal", "worry", "how_long", "see_doctor", "what_is"})
ASKED_BESIDE_WAITING = 0.95  # beside "no" to a check that held a question back, a new question counts from this
ASKED_BESIDE_AN_ANSWER = 0.8  # a question the model reads beside an answer counts from this confidence


def _clearly_asked(said: Understood) -> Understood:
    """The questions of a message that also answers the pending one, read with confidence (an
    answer's hedge, "maybe a little tired", is no question)."""
    return replace(said, asked=tuple(a for a in said.asked if a.confidence >= ASKED_BESIDE_AN_ANSWER))


def _names_any(entities: Sequence[Mapping[str, Any]], question: Question) -> bool:
    """The message names one of the facts the question asks about (then it answers itself)."""
    refs = set(question.refs)
    return any(e.get("entity") in refs or f"{e.get('entity')}:{e.get('value')}" in refs for e in entities)


def _tells_other_signs(entities: Sequence[Mapping[str, Any]], question: Question) -> bool:
    """The message affirms or denies a symptom the question does not ask about: told as news (not
    "yes, and a headache too") it does not answer ("I have chest pain" to "any weakness or
    numbness?" is no yes to those, "no weakness" to a check on the heartbeat no no to that)."""
    refs = set(question.refs)
    return any(
        e.get("entity") == "symptom" and e.get("role") in (None, ROLE_ABSENT) and f"symptom:{e.get('value')}" not in refs
        for e in entities
    )


def _answer_facts(question: Question | None, intent: str, turn: int) -> tuple[dict[str, Any], ...]:
    """What "yes" or "no" to a pending question means, as entities (said at message `turn`)."""
    if question is None:
        return ()
    refs = question.yes if intent == "affirm" else question.no if intent == "deny" else ()
    out = []
    for ref in refs:
        kind, _, value = ref.partition(":")
        entity = {"entity": kind, "value": value, "text": value.replace("_", " "), "turn": turn}
        if intent == "deny":
            entity["role"] = ROLE_ABSENT
        out.append(entity)
    return tuple(out)


def _aside(kb: KnowledgeBase, history: History, state: State, said: Understood) -> Turn | None:
    """ "Unrelated, but my knee clicks, is that bad?" mid-interview: outside what the documents
    cover, said plainly; the pending question waits (a red flag said in it still escalates)."""
    if not said.aside or state.pending is None:
        return None
    ev, result, turn = begin(kb, history, state)
    if not turn.replies:
        turn.replies.append(answers.aside(kb, result))
    return turn


def more_of_the_same(state: State, latest: Sequence[Mapping[str, Any]], said: Understood = NOTHING_ASKED) -> bool:
    """The check on thoughts of self-harm is pending and the message reads, surely or not, as such
    a thought (a denial does not count): the answer is a yes. A plain "no" in words stands against
    an unsure reading ("No. For the third time, NO. I just want to know how soon he should be
    seen"), never against a sure one ("no... but I don't see the point of going on")."""
    if state.pending != CONFIRM + SELF_HARM:
        return False
    roles = [e.get("role") for e in latest if f"{e.get('entity')}:{e.get('value')}" == SELF_HARM and e.get("role") != ROLE_ABSENT]
    if said.answers.get(CHECK) == "deny" and CHECK in said.worded:
        return any(role != ROLE_UNSURE for role in roles)
    return bool(roles)


def _answer_to(question: Question, intent: str, said: Understood, asked_again: bool = False) -> str:
    """What a message answers to the pending question: the reading of its words for that question
    (or, for a yes/no check, its plain yes or no words), else the intent. A typed "fine" or "ok" is
    never a yes to a thought of self-harm; words that are neither yes nor no are `UNCLEAR`."""
    meaning = said.answers.get(answer_key(question.id))
    unclear = meaning == free_answers.DONT_KNOW or meaning is None and said.typed and intent != "deny"
    if question.id == CONFIRM + SELF_HARM and (unclear or said.acknowledged and meaning == "deny"):
        # "little", "neither", "maybe", "idk": not a no to this; asked once more, plainly (never guessed low); nor is
        # "ok" that only takes the question in (round 26 probe: "ok" to the check was taken for a no; "i'm ok" is one)
        return UNCLEAR
    if asked_again and said.acknowledged and not question.id.startswith(CONFIRM):
        # "ok" after an answer and the question asked again beside it takes in the answer: no "Fine" to the
        # sleep question, no yes to weakness (nothing is recorded and the interview goes on)
        return NOT_HEARD
    if meaning is None and said.typed and intent == "deny" and any(ref.startswith("symptom:") for ref in question.no):
        # "some. ok whatever" to "any weakness or numbness?": a "no" only the intent guessed, in words the
        # reading took for no answer to this question, never denies a sign (asked once more instead)
        return NOT_HEARD
    if meaning is None and said.typed and intent in ANSWER_INTENTS and any(a.topic != "pushback" for a in said.asked):
        # "does his hip op last year matter?" guessed as "I don't know" by the intent alone: a question, no answer
        # (round 29 c25: the duration taken as unknown, the question passed over, asked twice)
        return NOT_HEARD
    return meaning if meaning is not None else intent


def _waiting_asked(said: Understood, state: State) -> Understood:
    """"My GP can't see me till Thursday, can it wait till then?" read as push back, where no urgent or emergency level
    was told: a question of when to be seen, answered as one (round 40 c18: passed over twice mid-interview)."""
    held = state.announced is not None and Triage(state.announced).is_escalation
    if held or "later" not in said.objections or "pushback" not in said.topics():
        return said
    return replace(said, asked=_first_of_each(replace(a, topic="see_doctor") if a.topic == "pushback" else a for a in said.asked))


def _first_of_each(asked: Iterable[Asked]) -> tuple[Asked, ...]:
    """Each topic once, as first asked."""
    firsts: dict[str, Asked] = {}
    for item in asked:
        firsts.setdefault(item.topic, item)
    return tuple(firsts.values())


def _corrects_only(latest: Sequence[Mapping[str, Any]]) -> bool:
    """The message takes back or corrects a span said before, and tells no other fact."""
    corrected = any(e.get("role") == ROLE_CORRECTED for e in latest)
    others = any(e.get("entity") in FACT_TYPES and e.get("role") != ROLE_CORRECTED for e in latest)
    return corrected and not others


def answer_key(question_id: str) -> str:
    """Where the reading keeps the answer to a question: a yes/no check is read by its plain words."""
    return CHECK if question_id.startswith(CONFIRM) else question_id


def _read_back(question: Question, meaning: str) -> str | None:
    """How an answer in the user's own words was taken, as the buttons they could have tapped."""
    facts = {tuple(ref.split(":", 1)) for ref in question.yes} if meaning == "affirm" else set()

    def means(payload: str) -> bool:
        intent, _, entities = payload.partition("{")
        if not entities:
            return intent == f"/{meaning}"
        said = json.loads("{" + entities)
        return any((kind, str(value)) in facts for kind, value in said.items())

    chosen = [b["title"] for b in question.buttons if means(b["payload"])]
    return texts.READ_BACK.format(answer="\u201d and \u201c".join(chosen)) if chosen else None


def ask(question: Question, place: dict[str, Any] | None = None, other: bool = False) -> Reply:
    return Reply(text=question.said_to(other), buttons=[dict(b) for b in question.buttons], progress=place)


def ask_again(interview: Interview, ev: Evidence, state: State, pending: Question, lead: str = texts.BACK_TO_QUESTION) -> Reply:
    """The pending question once more, after an answer to something else or words that answered nothing."""
    again = ask(pending, progress(interview, ev, state, pending.id), for_another(ev))
    again.text = f"{lead} {pending.said_to(for_another(ev))}"
    return again


def ask_next(interview: Interview, ev: Evidence, turn: Turn, state: State, question: Question) -> State:
    """Ask an interview question with its place in the interview; the state that remembers it."""
    state = replace(state, asked=state.asked + (question.id,), pending=question.id)
    turn.replies.append(ask(question, progress(interview, ev, state, question.id), for_another(ev)))
    return state


def converse(
    kb: KnowledgeBase,
    interview: Interview,
    history: History,
    state: State,
    intent: str,
    latest: Sequence[Mapping[str, Any]] = (),
    said: Understood = NOTHING_ASKED,
) -> Turn:
    """Describing, giving facts, answering a question, or asking for the assessment.

    An answer to the pending question in the user's own words ("not so well, I wake up at 4")
    counts as its yes or no (read by the Rasa server: `said.answers`) when the message names
    none of its facts.
    """
    said = _waiting_asked(said, state)
    pending = (interview.by_id(state.pending) or confirm_question(state.pending)) if state.pending else None
    if pending is not None and pending.id.startswith(CONFIRM) and said.why_asked and CHECK not in said.worded:
        # "why would you ask me that?" to a check: why it is asked, and the same question again (never taken
        # for an unclear answer, which twice unclear would be taken for a yes)
        why = texts.WHY_CHECK_SELF_HARM if pending.id == CONFIRM + SELF_HARM else texts.WHY_CHECK_SIGN
        return Turn([Reply(text=why), ask(pending, other=for_another(evidence_from(history, state)))], state)
    read_back = None
    # a new sign told instead of an answer ("I have chest pain" to "any weakness?") answers nothing,
    # unless the words answer the question first ("not really, maybe a little tired")
    telling = pending is not None and answer_key(pending.id) not in said.worded and _tells_other_signs(latest, pending)
    if telling and pending is not None:
        if intent in ANSWER_INTENTS:
            intent = "give_info"  # "no weakness that I know of" to a check on the heartbeat: no answer to it
        if pending.id.startswith(CONFIRM):
            state = replace(state, asked=tuple(q for q in state.asked if q != pending.id))  # so it is asked again
    checked = pending is not None and pending.id.startswith(CONFIRM) and answer_key(pending.id) in said.worded
    if pending is not None and answer_key(pending.id) in said.worded and not telling:
        # "Yes, that's what I just described" to a check: an impatient yes, not pushback answered at the old level
        # (round 23 c24: new confusion got "a routine appointment is enough"); "Neither. but you didn't say anything
        # about melatonin?" to the interview's question: the answer kept (c26: asked again two turns later)
        said = replace(said, asked=tuple(a for a in said.asked if a.topic != "pushback"))
    if pending is not None and more_of_the_same(state, latest, said):
        # asked plainly, and answered with more of the same ("I just don't see the point anymore"):
        # that is a yes, however faintly it reads; never a way back to the interview, and nothing else
        # answered first (read as pushback too, it got "my advice stays the same": round 20 c10)
        intent, said = "affirm", replace(said, asked=())
    elif checked and pending is not None and not telling:
        # "yes, short of breath on the stairs, more than before" to the check on breathing: a yes, however the
        # words that name the sign were read (the reading's doubt is what the check was for)
        intent = _answer_to(pending, intent, said)
    elif pending is not None and not _names_any(latest, pending) and not telling:
        # the reading of the words as an answer to this question beats the intent: "fine" to the
        # sleep question is "Fine", not a yes to poor sleep
        intent = _answer_to(pending, intent, said, state.asked.count(pending.id) > 1)
        if pending.id in said.unsure_answers and _corrects_only(latest):
            # "wait, it's been more like 3 weeks not 3 days, my bad" to the caffeine question: a correction of what was
            # told, read only unsurely as an answer to this one; no answer (round 40 c28: taken as "Little or none")
            intent = NOT_HEARD
        elif pending.id in said.unsure_answers:
            read_back = _read_back(pending, intent)  # "I crash around 2 and get up at 7": said back once
    if intent == UNCLEAR and any(a.topic != "pushback" for a in said.asked):
        # "sorry to ask again, but will it go away by itself?" to the check: a question, not an unclear answer
        # (twice unclear is taken for a yes); answered, and the check asked again after it
        if (answered := answer(kb, interview, history, state, latest, said)) is not None:
            return answered
    if intent == UNCLEAR:
        again = CONFIRM + SELF_HARM + ASKED_AGAIN
        if again not in state.asked:
            # never guessed either way: asked once more, plainly (a yes is the crisis answer, a no is not)
            check = confirm_question(CONFIRM + SELF_HARM)
            reply = Reply(text=texts.SELF_HARM_AGAIN, buttons=[dict(b) for b in check.buttons] if check else [])
            return Turn([reply], replace(state, asked=state.asked + (again,)))
        intent = "affirm"  # asked twice and still unclear: the safer reading
    if (aside := _aside(kb, history, state, said)) is not None:
        return aside
    waiting = tuple(a for a in said.waiting if a.topic != "pushback")  # pushing back on nothing yet: no question
    if pending is not None and pending.id.startswith(CONFIRM) and intent == "deny" and waiting:
        # "no" to the check that interrupted "is magnesium safe to take?": that question now (round 17's note), with
        # the "no" kept (the check is answered, never asked again); any check's (round 21 c03: "is it ALS?" waited
        # behind "have you been confused?" and was never answered)
        # (a question of its own read surely beside the "no" is answered too: "no. and is magnesium safe?")
        new = tuple(a for a in said.asked if a.topic not in {w.topic for w in waiting} and a.confidence >= ASKED_BESIDE_WAITING)
        said = replace(said, asked=(*waiting, *new), waiting=waiting)
    # with no question pending, a "no" or "yes" answers nothing: "please just answer my question. is 2 months
    # normal or not" (read as a "no") asks
    # mid-interview, or after an urgent or emergency level: "what's causing it?" is answered where the
    # conversation is, never a way into the interview or a second verdict
    held = state.announced is not None and Triage(state.announced).is_escalation
    mid_interview = (bool(interview_asked(state)) and not state.assessed or held) and intent != "ask_assessment"
    if (intent not in ANSWER_INTENTS or "pushback" in said.topics() or pending is None) and _asks_to_answer(
        said, latest, mid_interview
    ):
        answered = answer(kb, interview, history, state, latest, said)
        if answered is not None:
            return answered  # the question first; the interview goes on from there
    # (asked before the check: as read then)
    clear = said if said.waiting and said.asked[: len(said.waiting)] == said.waiting else _clearly_asked(said)
    if intent in ANSWER_INTENTS and pending is not None and _asks_to_answer(clear, latest):
        # "a bit. also could my inhaler cause it?": the answer kept, then the question answered
        facts = _answer_facts(pending, intent, len(history) - 1)
        answered = answer(kb, interview, history, replace(state, pending=None, facts=state.facts + facts), latest, clear)
        if answered is not None:
            return answered
    before = evidence_from(history[:-1], state)
    facts = _answer_facts(pending, intent, len(history) - 1)
    if _nothing_said(pending, intent, latest, said, state) and pending is not None:
        # "still there", "hmm" to "any weakness?": no answer, and no new fact; the question once more,
        # once (the interview's safety questions are not skipped on words that say nothing)
        return Turn(
            [ask_again(interview, before, state, pending, texts.NO_ANSWER_HEARD)],
            replace(state, asked=state.asked + (pending.id,)),
        )
    state = replace(state, pending=None, facts=state.facts + facts)
    ev = evidence_from(history, state)
    result = assess(kb, ev)
    changed = answers.corrected(before, ev) if latest or facts else None
    turn = red_flags(kb, result, state, before, changed, history)
    state = turn.state
    if changed and not lowered(turn):
        turn.replies.append(Reply(text=changed))  # the user took something back: say so, after any escalation
    if read_back and not escalated(turn):
        turn.replies.append(Reply(text=read_back))
    interviewing = bool(interview_asked(state)) and not state.assessed and not changed and not still_escalated(result, state)
    interviewing = interviewing and not in_crisis(result, state)
    asked_of = {f"{f['entity']}:{f['value']}" for f in facts} | {str(r) for r in (pending.refs if pending is not None else ())}
    if interviewing and not escalated(turn) and (note := answers.noted(before, ev, asked_of)):
        turn.replies.append(Reply(text=note))  # what was told beside the answer: heard, in a line
    if DISTRESS in ev.present and DISTRESS not in before.present and not escalated(turn) and not in_crisis(result, state):
        # "im kind of freaking out, it's really scaring me" beside an answer: heard, once, before the next question
        turn.replies.append(Reply(text=texts.FEAR_HEARD_CHILD if is_child(ev) else texts.FEAR_HEARD))
    if escalated(turn):
        # what to do now ends the turn (a crisis answer stands alone); routine questions wait, but
        # not a possible thought of self-harm: that is asked about beside the escalation
        return checks_now(kb, ev, result, turn)
    if in_crisis(result, state):
        if intent in ("ask_assessment", "ask_other_causes"):
            return _twitching_after_crisis(kb, ev, turn, state, latest)  # the causes asked for
        # "ok", "thanks", more of the story: no interview and no advice unless they ask for it
        return replace_state(stay_with(result, turn, said=said, history=history), replace(state, pending=None))
    new_facts = bool(facts) or any(e.get("entity") for e in latest)
    if (check := to_confirm(ev, state, held_escalation(result, state))) is not None:
        # "when unsure, ask": one yes/no question before the warning word escalates or is dropped
        if not state.asked and (back := answers.understood(kb, ev)):
            turn.replies.append(Reply(text=back))
        turn.replies.append(ask(check, other=for_another(ev)))
        return replace_state(turn, replace(state, asked=state.asked + (check.id,), pending=check.id))
    confirming = pending is not None and pending.id.startswith(CONFIRM)
    if still_escalated(result, state) and pending is not None and confirming and not said.going and not said.asked:
        # "No" to the check on thoughts of self-harm beside an emergency: thanks, and the level's action
        # once more; not the twitching interview
        action = answers.level_payload(kb, result.triage)["action"]
        turn.replies.append(Reply(text=f"{texts.CHECK_ANSWERED} {texts.OK_AFTER[result.triage.level]} {action}"))
        return replace_state(turn, state)
    checking = confirming and said.going  # "ok my sister will drive me" while a check waits: agreement, no answer
    asks = bool(said.asked) or pending is not None and not checking or intent.startswith("ask_")
    if still_escalated(result, state) and not asks and (intent in AGREEING or said.going) and not _tells_more(before, ev):
        turn.replies.append(agreed(kb, result, intent, said))  # "thanks, calling now": no lecture again
        if checking and pending is not None:
            # the check still waits: its answer could change what to do on the way ("have you fainted?")
            turn.replies.append(ask(pending, other=for_another(ev)))
            return replace_state(turn, replace(state, pending=pending.id))
        return replace_state(turn, state)
    if still_escalated(result, state) and not asks:
        # "ok", "it stopped, I'm fine now", "it's probably nothing, I'm just dehydrated" after an urgent
        # or emergency level: what was told said back, and that level once more, kindly; not the
        # twitching interview (the policy: pushback does not lower a level)
        emergency = result.triage.level == "emergency"  # no recap of the twitching while help is needed now (round 24 c10)
        if _tells_more(before, ev) and not emergency and (back := answers.understood(kb, ev)):
            turn.replies.append(Reply(text=back))
        turn.replies.append(answers.pushback(kb, result, texts.STILL_STANDS_LEAD, closing=False, objections=said.objections))
        return replace_state(turn, state)
    quiet = still_escalated(result, state) and intent not in ("ask_assessment", "ask_other_causes") and not lowered(turn)
    if quiet and not said.asked and not intent.startswith("ask_"):
        # a check answered, or words that answer nothing, while an urgent or emergency level holds: that
        # level once more, never the twitching interview ("no, 3 days" got the caffeine question during an emergency)
        turn.replies.append(Reply(text=answers.level_reminder(kb, result.triage)))
        return replace_state(turn, replace(state, pending=None))
    if quiet:
        # a question none of the answers reached ("should I take an aspirin?"): outside the documents, at the level
        unanswered = said.asked[0].topic if said.asked else "see_doctor"
        turn.replies.append(_not_covered(kb, result, unanswered, answers.level_reminder(kb, result.triage)))
        return replace_state(turn, replace(state, pending=None))

    if answers.out_of_scope(ev) and not state.assessed:
        # "no twitching, I asked about my back": what the assistant covers and the level, no interview; once said,
        # "idk" or "ok" gets it in a line, not the paragraph again (round 16's transcripts: "As I said just above" twice)
        scoped = state.announced == result.triage.level and not state.asked and not new_facts
        turn.replies.append(answers.scope_again(kb, result) if scoped else answers.scope(kb, result))
        return replace_state(turn, told(turn, result.triage.level).state)
    if intent == "ask_other_causes" and state.assessed:
        turn.replies.append(other_causes(kb, result))
        return replace_state(turn, state)
    if intent == "ask_assessment" and (topic := said.subject) and (topic in kb.causes or topic in kb.nutrients):
        # "could it be low magnesium?": explain it, then how the whole picture ranks
        turn.replies.append(answers.explanation(kb, topic))
        if ev.is_empty():
            return replace_state(turn, state)
    if _nothing_to_rank(intent, said, result, state) and not is_child(ev) and not in_crisis(result, state):
        # "is it a tic?", "what's causing it?" mid-interview with nothing yet that points anywhere: the
        # common causes named, and the interview goes on (no verdict on nothing, no level before the facts)
        if not state.asked and (back := answers.understood(kb, ev)):
            turn.replies.append(Reply(text=back))
        if pending is not None and not pending.id.startswith(CONFIRM) and not facts:
            turn.replies.extend([answers.cause_first(kb, result), ask_again(interview, ev, state, pending)])
            return replace_state(turn, replace(state, pending=pending.id))
        if (question := next_question(interview, ev, state)) is not None:
            turn.replies.append(answers.cause_first(kb, result))
            return replace_state(turn, ask_next(interview, ev, turn, state, question))
    # "idk. its my arm i guess" read as asking for the assessment once it was given: a new fact, heard below
    # (the whole card again, word for word, only if it changes it)
    retold = intent == "ask_assessment" and state.assessed and new_facts and not said.asked
    if intent in ("ask_assessment", "ask_other_causes") and not retold:
        return _assessment(kb, result, turn, state, say_back=not state.assessed)
    if is_child(ev):
        # the sources are about adults: no interview about coffee and sleep for a child; more of
        # the child's story after their answer is said back, not the whole answer again
        if state.assessed and (back := answers.understood(kb, ev)):
            noted = texts.YOUNG_NOTED if YOUNG in ev.present else texts.CHILD_NOTED
            turn.replies.append(Reply(text=f"{back} {noted}"))
            return replace_state(turn, state)
        return _assessment(kb, result, turn, state, say_back=False)
    if state.assessed:
        causes_before = [c.id for c in assess(kb, before).top(3)]
        if new_facts and changed and causes_before == [c.id for c in result.top(3)] and turn.replies:
            # "so it's actually like 6 days": what changed and the new level were just said; the causes stand,
            # and the card is not sent again (round 16: the whole card again, its causes cut to "As I said just above")
            last = turn.replies[-1]
            if not last.buttons:
                turn.replies[-1] = replace(last, buttons=answers.follow_ups(result))
            return replace_state(turn, state)
        if new_facts and _same_picture(assess(kb, before), result) and (back := answers.understood(kb, ev)):
            # "normal diet, I eat everything" after the assessment: heard, and the card is not sent again
            text = texts.SAME_PICTURE if changed else f"{back} {texts.SAME_PICTURE}"  # a correction was said already
            turn.replies.append(Reply(text=text, buttons=answers.follow_ups(result)))
            return replace_state(turn, state)
        if new_facts:
            return _assessment(kb, result, turn, state, say_back=True)
        turn.replies.append(Reply(text=ANYTHING_ELSE, buttons=answers.follow_ups(result)))
        return replace_state(turn, state)

    if not state.asked and (back := answers.understood(kb, ev)):
        turn.replies.append(Reply(text=back))
    checked_only = bool(state.asked) and all(q.startswith(CONFIRM) for q in state.asked)
    if checked_only and not (ev.present or ev.diets or ev.body_parts) and ev.duration_days is None and not turn.replies:
        # "uh no?? i was asking about the weather" to a check, and nothing told yet: the story asked for, not the
        # interview's first question for twitching nobody has (round 29 c13)
        turn.replies.append(Reply(text=texts.STORY_FIRST))
        return replace_state(turn, state)
    passed_over = (
        pending is not None and not pending.id.startswith(CONFIRM) and intent not in ANSWER_INTENTS and not facts
        and state.asked.count(pending.id) == 1 and not _names_any(latest, pending)
    )  # fmt: skip
    if passed_over and pending is not None and next_question(interview, ev, replace(state, asked=state.asked[:-1])) == pending:
        # "why did you say strenuous exercise? I don't exercise" to "how have you been sleeping?": the exercise heard,
        # and the sleep question once more, never dropped (round 30 c19: it was never asked again)
        turn.replies.append(ask_again(interview, ev, state, pending))
        return replace_state(turn, replace(state, pending=pending.id, asked=state.asked + (pending.id,)))
    question = next_question(interview, ev, state)
    if question is not None:
        if "cause" in said.topics() and said.subject is None and not interview_asked(state):
            turn.replies.append(answers.cause_first(kb, result))  # "why?" answered now, then narrowed down
        return replace_state(turn, ask_next(interview, ev, turn, state, question))
    # after an interview, say back the whole picture (answers included) before the assessment
    return _assessment(kb, result, turn, state, say_back=bool(state.asked))


def _nothing_said(
    pending: Question | None, intent: str, latest: Sequence[Mapping[str, Any]], said: Understood, state: State
) -> bool:
    """The message neither answers the pending interview question nor tells or asks anything, and
    that question was asked only once."""
    if pending is None or pending.id.startswith(CONFIRM) or state.asked.count(pending.id) != 1:
        return False
    answered = intent in ANSWER_INTENTS or intent.startswith("ask_") or answer_key(pending.id) in said.answers or said.small_talk
    return not answered and not said.asked and not any(e.get("entity") for e in latest)


def _nothing_to_rank(intent: str, said: Understood, result: Assessment, state: State) -> bool:
    """A general "what's causing it?" before the interview is done, when nothing told points to a
    cause or raises the level."""
    # asked in words, not a tapped "assess me"; not an answer's hedge ("idk, why though"), answered before
    asks_cause = "cause" in said.topics() and said.subject is None and intent not in ANSWER_INTENTS
    told = not result.evidence.is_empty()
    level_raised = result.triage.level != "self_care"  # "3 weeks of it": there is a level to give
    return asks_cause and told and not state.assessed and not level_raised and not any(c.has_evidence for c in result.top(3))


# Questions that can be of the feelings as well as of the twitching: after a crisis answer, with no part of the body
# named, they are taken as of the feelings, the twitching offered ("how long will it last?" stays the twitching's)
FEELINGS_TOPICS = frozenset({"normal", "worry", "see_doctor"})
FEELING_SYMPTOMS = frozenset({"distress", "self_harm", "mood_changes", "fatigue"})  # of the person, not of a body part


def _of_the_feelings(question: str, offer: bool = True) -> Reply:
    """The answer to a question of the feelings after a crisis answer: outside the documents, who can help, the line
    open; the twitching offered when nothing else was asked."""
    text = f"{texts.AFTER_CRISIS_FEELINGS} {texts.IF_THE_TWITCHING}" if offer else texts.AFTER_CRISIS_FEELINGS
    return Reply(text=text, custom={"type": EXPLANATION, "topic": "doctor", "question": question, "sources": []})


def _of_the_body(entities: Sequence[Mapping[str, Any]]) -> bool:
    """The message names a part of the body or a symptom of it ("is the twitching normal?", "my calf?")."""
    return any(
        e.get("entity") == "body_part" or e.get("entity") == "symptom" and e.get("value") not in FEELING_SYMPTOMS
        for e in entities
    )


# Questions answered beside the escalation that first tells a level, after it: how soon and where ("my doctor's off
# till Monday, can it wait?"), the fear of being judged, how to get someone to go (round 32 c08, c28: dropped, and asked
# again); nothing that could soften what to do now waits any less
BESIDE_ESCALATION = ("reluctant", "see_doctor", "persuade")


def number_reply(said: Understood, crisis: bool) -> Reply:
    """Which number to call, for the country said in the question or earlier in the message; after a crisis answer,
    that country's crisis line too."""
    item = next((a for a in said.asked if a.topic == NUMBER), None)
    country = (item.country if item is not None else None) or said.country
    lines = [numbers.emergency_line(country), *([numbers.crisis_line(country)] if crisis else [])]
    return Reply(text=" ".join(lines), custom={"type": EXPLANATION, "topic": "doctor", "question": NUMBER, "sources": []})


def _beside_escalation(
    kb: KnowledgeBase, said: Understood, result: Assessment, ev: Evidence, turn: Turn, latest: Sequence[Mapping[str, Any]]
) -> Turn:
    """The turn an escalation ended, with the answers to `BESIDE_ESCALATION` questions asked in the same message."""
    if not escalated(turn) or turn.state.pending is not None or in_crisis(result, turn.state):
        return turn
    for topic in dict.fromkeys(a.topic for a in said.asked):
        if topic == NUMBER:
            turn.replies.append(number_reply(said, crisis=False))
        if topic in BESIDE_ESCALATION and (topic != "persuade" or for_another(ev)):
            turn.replies.append(answers.beside_escalation(kb, result, topic))
    return turn


# "what should i tell them?" of the people who will see the writer (`answer`)
QUIET_TOPICS = frozenset({"pushback", "summary"})  # questions beside which a faint reading of self-harm is not asked
FEARED_DOUBT = 0.3  # beside a question about a feared disease, or a plain question or answer, a reading below this is not asked
# Feelings told beside a question or an answer: a faint reading of self-harm there is still asked about
FEELINGS = frozenset({"symptom:distress", "symptom:mood_changes", "lifestyle_factor:anxiety", "lifestyle_factor:stress"})
# What a writer tells of themselves beside their worry for the person they ask about (never that person's facts)
WRITERS_OWN = FEELINGS | {"lifestyle_factor:poor_sleep"}
QUIET_DOUBT = 0.6  # an unsure reading of self-harm asked about beside pushback or an urgent level from this chance
QUIET_SURE = 0.9  # ... and one read as sure by the model alone, below this chance, is asked about there too


def heard(
    entities: Sequence[Mapping[str, Any]],
    said: Understood,
    held: str | None,
    crisis_answered: bool = False,
    pending: str | None = None,
) -> list[dict[str, Any]]:
    """A message's entities as the conversation takes them. Beside pushback, a promise to go, or an
    urgent or emergency level already told, a faint reading of self-harm is not asked about:
    "it's easing off now, probably just the muscles, right?" reads a little like giving up, and the
    check derailed the urgent advice in 11 of 30 conversations played blind. A clearer reading is
    still asked about, and a sure one answered at once."""
    # (asking for the summary too: "ok ive called 999 they're coming. can you give me a summary for them" read at 0.53;
    # and below 0.3, about a feared disease: "what are the chances it's ALS? be honest" read at 0.22)
    quiet = said.going or bool(QUIET_TOPICS & said.topics()) or (held is not None and Triage(held).is_escalation)
    # a feared disease quiets only the faintest readings: "if it's ALS I'll end it before it gets bad" is asked about;
    # so does a plain question or an answer to the interview with no feeling told beside it ("can I take CoQ10 with
    # it?", "started after my birthday": round 21, 9 of 30 conversations checked out of nowhere; on sealed sets 9-27,
    # counts only, 54 fewer of 9242 other messages asked about, no crisis message fewer). An answer is one to the
    # question `pending`: with none asked, a story the model also reads as some answer is no answer (sealed sets 35
    # and 36, counts only: 6 of 112 crisis messages, read faintly and dropped for an answer nobody asked for, got no
    # check; on sets 17-36, 10 of 911 crisis messages asked about for 89 of 9072 other first messages)
    felt = any(f"{e.get('entity')}:{e.get('value')}" in FEELINGS and e.get("role") in (None, ROLE_UNSURE) for e in entities)
    answered = pending is not None and answer_key(pending) in said.answers
    # nor, beside a feared disease or a plain question, in a message about another person ("he's been searching online how
    # many pills it takes, does he need a doctor?", read at 0.19; sealed set 46, counts only: a crisis about another with a
    # feared disease dropped this way. On sets 17-46, counts only: 1 of 6 crisis messages dropped here names another
    # person, for 13 of 213 other messages)
    another = any(
        e.get("entity") == "person" and e.get("value") in ("other_adult", "child") and not e.get("role") for e in entities
    )
    plain = bool(said.topics() - QUIET_TOPICS or answered) and not felt
    doubt = QUIET_DOUBT if quiet else FEARED_DOUBT if ("feared" in said.topics() or plain) and not another else 0.0
    faint = [
        e for e in entities
        if e.get("value") == "self_harm" and e.get("role") == ROLE_UNSURE and float(e.get("confidence_entity") or 0.0) < doubt
    ]  # fmt: skip
    out = [dict(e) for e in entities if e not in faint]
    if said.worried_for:
        # "i'm really worried about him, i couldn't sleep last night": the writer's own worry and sleep, not his
        out = [e for e in out if f"{e.get('entity')}:{e.get('value')}" not in WRITERS_OWN]
    for e in out:
        # "i think i'll just have a lie down till my wife gets home" beside a stroke's emergency read as sure at
        # 0.8: beside pushback or a level held, a reading the model alone is not very sure of is asked about
        # once, never answered at once with the crisis line (words of the lexicon stand as they are)
        # (every message of the conversation is read again each turn: once the crisis answer was given, the
        # reading that brought it stands as it was)
        downgrade = quiet and not crisis_answered and e.get("extractor") == MEANING_EXTRACTOR
        if downgrade and e.get("value") == "self_harm" and e.get("role") is None:
            if float(e.get("confidence_entity") or 1.0) < QUIET_SURE:
                e["role"] = ROLE_UNSURE
    return out


def _of_the_twitching(reply: Reply) -> Reply:
    """A reply whose level line is said of the twitching itself ("For the twitching itself: See a doctor ...")."""
    if not reply.text:
        return reply
    lines = reply.text.split("\n")
    for i, line in enumerate(lines):
        head = next((f"{w} " for w in texts.FOR_WHOM if w != texts.FOR_THE_TWITCHING and line.startswith(f"{w} ")), None)
        if head is not None:
            lines[i] = f"{texts.FOR_THE_TWITCHING} {line.removeprefix(head)}"
    return replace(reply, text="\n".join(lines))


def _same_picture(before: Assessment, after: Assessment) -> bool:
    """The likeliest causes, in order, and the level are what the user was already told."""
    return [c.id for c in before.top(3)] == [c.id for c in after.top(3)] and before.triage.level == after.triage.level


def _tells_more(before: Evidence, after: Evidence) -> bool:
    """The message changed what is known ("a jumpy eyelid" told again changes nothing)."""
    return replace(before, unsure=frozenset()) != replace(after, unsure=frozenset())


def replace_state(turn: Turn, state: State) -> Turn:
    turn.state = state
    return turn


def _assessment(kb: KnowledgeBase, result: Assessment, turn: Turn, state: State, say_back: bool) -> Turn:
    if result.evidence.is_empty() and not result.evidence.body_parts and not result.evidence.unsure:
        # nothing described: no verdict on nothing, but help to describe
        turn.replies.append(Reply(text=texts.HELP_DESCRIBE))
        return replace_state(turn, state)
    level = result.triage.level
    if is_child(result.evidence):
        turn.replies.append(answers.child(kb, result))
        return replace_state(turn, replace(state, assessed=True, announced=level))
    if say_back and (said := answers.understood(kb, result.evidence)):
        turn.replies.append(Reply(text=said))
    turn.replies.extend(answers.assessment(kb, result, level_told=state.announced == level))
    return replace_state(turn, replace(state, assessed=True, announced=level))


WORN_DOWN = frozenset({"mood_changes", "fatigue", "distress"})  # feelings told of the writer, not of a body part


def _feelings_heard(latest: Sequence[Mapping[str, Any]]) -> list[Reply]:
    """After a crisis answer, the writer's own low mood or exhaustion told beside a question on the twitching ("i'm
    just so tired and low myself, could that be why my eye twitches?"): heard first, before the twitching's answer
    (round 41 c30: answered only as a cause, "it fits: fatigue")."""
    told = any(
        e.get("entity") == "symptom" and e.get("value") in WORN_DOWN and not e.get("role") and e.get("owner") != OTHER
        for e in latest
    )
    return [Reply(text=texts.FEELINGS_AFTER_CRISIS)] if told else []


def _twitching_after_crisis(
    kb: KnowledgeBase, ev: Evidence, turn: Turn, state: State, latest: Sequence[Mapping[str, Any]]
) -> Turn:
    """The causes asked for after a crisis answer ("i've been so low and exhausted, does that cause twitching?"): the
    twitching's own picture at its own level, said as the twitching's, and the line kept open; never "what may be
    behind it is for later" above the list, nor the crisis card again (round 41 c30), nor the level held lowered."""
    twitching = assess(kb, replace(ev, present=ev.present - {SELF_HARM}))
    replies = answers.assessment(kb, twitching)
    replies[-1] = replace(replies[-1], text=f"{texts.FOR_THE_TWITCHING} {replies[-1].text}")
    turn.replies.extend([*_feelings_heard(latest), *replies, Reply(text=texts.AFTER_CRISIS_ANSWERED)])
    return replace_state(turn, replace(state, assessed=True, pending=None))


def other_causes(kb: KnowledgeBase, result: Assessment) -> Reply:
    shown = {c.id for c in result.top(3)}
    rest = [c for c in result.causes if c.id not in shown][:3]
    lines = [f"- {kb.causes[c.id].name}: {'; '.join(c.evidence[:1]) or kb.causes[c.id].summary.text}" for c in rest]
    sources = [src for c in rest for src in kb.causes[c.id].summary.sources]
    custom = {"type": EXPLANATION, "topic": rest[0].id if rest else "doctor", "question": "other_causes",
              "sources": answers.sources_payload(sources)}  # fmt: skip
    return Reply(text=f"{OTHER_CAUSES_INTRO}\n" + "\n".join(lines), buttons=answers.follow_ups(result), custom=custom)


def answer(
    kb: KnowledgeBase, interview: Interview, history: History, state: State, latest: Sequence[Mapping[str, Any]], said: Understood
) -> Turn | None:
    """Every question the user asked, answered as asked (`said.asked`), or None.

    An escalation comes first and ends the turn; after the answers, the interview's pending
    question is asked again, or the next one, so the conversation goes on where it was.
    """
    if not said.asked:
        return None  # a question no reading reached, alone: the intent's way answers it ("so what do I do")
    if faint_crisis(latest) and CONFIRM + SELF_HARM not in state.asked:
        # the questions answered first, then the check on a faint reading of self-harm, in the same turn
        answered = _answer_all(kb, interview, history, state, latest, said, answers_first=True)
        if answered is None or CONFIRM + SELF_HARM in answered.state.asked:
            return answered  # (asked after the answers already, by the interview's own next step)
        ev = evidence_from(history, answered.state)
        return crisis_check(ev, assess(kb, ev), answered)
    return _answer_all(kb, interview, history, state, latest, said)


def _answer_all(
    kb: KnowledgeBase,
    interview: Interview,
    history: History,
    state: State,
    latest: Sequence[Mapping[str, Any]],
    said: Understood,
    answers_first: bool = False,
) -> Turn | None:
    if (aside := _aside(kb, history, state, said)) is not None:
        return aside
    ev, result, turn = begin(kb, history, state, answers_first)
    if ends_turn(turn):
        return _beside_escalation(kb, said, result, ev, turn, latest)
    if said.helpline and in_crisis(result, turn.state):
        return stay_with(result, turn, said=said, history=history)  # "is the line open at night?" read as on the sun
    if is_child(ev):
        # the sources are about adults: whatever the parent asks, the child's doctor
        if not turn.state.assessed:
            return _assessment(kb, result, turn, turn.state, say_back=False)
        # "can it wait for a normal appointment?" is answered as asked; anything else once: the child's doctor's
        topics = list(dict.fromkeys(a.topic for a in said.asked))
        feared = next((a for a in said.asked if a.topic == "feared" and a.disease), None)
        if feared is not None:
            # "im scared its tourettes": the fear named, then the child's doctor (round 26 c17: the general answer, twice)
            topics.remove("feared")
            named = f"{texts.FEAR_NAMED.format(disease=feared.disease)} {texts.FEAR_HEARD_CHILD.split('. ', 1)[1]}"
            turn.replies.append(Reply(text=named, custom={"type": EXPLANATION, "topic": "doctor", "question": "feared"}))
        others = [t for t in topics if t not in CHILD_ANSWERS]
        if others:
            # the child's doctor, with the level, answers "when to be seen" too: said once (round 29 c12: the child's
            # "See a doctor" paragraph twice in one turn, the adult "troubles you a lot" between)
            faint = {a.topic for a in said.asked if a.confidence < ASKED_SURELY}
            topics = [t for t in topics if not (t in ("see_doctor", "pushback") and t in faint)]
        turn.replies.extend(CHILD_ANSWERS[t](kb, result) for t in topics if t in CHILD_ANSWERS)
        if others:
            thing = next((a.outside for a in said.asked if a.topic in others and a.outside), None)
            turn.replies.append(answers.child_question(kb, result, others[0], thing))
        return turn
    crisis = in_crisis(result, turn.state)
    whole = result  # the summary for a doctor says everything, the thoughts of self-harm and their level first
    if crisis:
        # the crisis answer stands; a question about the twitching is answered at the twitching's own level
        # (not "it cannot wait: call emergency services" for "is two months of twitching normal?")
        result = assess(kb, replace(ev, present=ev.present - {SELF_HARM}))
    if expecting(ev) and said.topics() & {"supplements", "dose"}:
        # "she is pregnant, what can she take?": the midwife or doctor decides, said once, not the supplements card
        # beside it (round 36 c30: the stress card, "my documents don't cover that" and the pregnancy answer, stacked)
        kept = tuple(a for a in said.asked if a.topic not in ("supplements", "dose"))
        said = replace(said, asked=kept if "pregnancy" in said.topics() else (*kept, Asked("pregnancy", said.subject)))
    said = _one_answer_each(said, result, changed=lowered(turn))
    if "pushback" in said.topics() and turn.state.announced != result.triage.level and not escalated(turn) and not crisis:
        # "on and off for years honestly, its just when im tired. anyway thanks, bye": this level was not given yet, so no
        # advice "stays the same"; the level the message itself raised is told as any level is (round 41 c24)
        said = replace(said, asked=tuple(a for a in said.asked if a.topic != "pushback"))
        if not said.asked:
            return None
    if {"stop_medicine", "worry"} <= said.topics() and _names_other_medicine(latest):
        # "should i be worried about that with the statin?": the medicine's answer (outside the documents, who can tell)
        # says it, not the warning-sign list beside it (round 37 c14: two answers stacked)
        said = replace(said, asked=tuple(a for a in said.asked if a.topic != "worry" or a.outside))
    remedy = next((a for a in said.asked if a.topic == "what_helps" and a.outside), None)
    if result.triage.is_escalation and remedy is not None and "foods" in said.topics():
        # one answer on what to eat or drink now, the remedy named in it, not two stacked
        said = replace(said, asked=tuple(replace(a, remedy=remedy.outside) if a.topic == "foods" else a
                                         for a in said.asked if a is not remedy))  # fmt: skip
    replies: list[Reply] = []
    going = said.going and not crisis and still_escalated(result, turn.state)
    if going:
        # "ok ok my wife is driving me to the ER. what do I tell them, give me a summary": what waits (causes, foods) is
        # not set against it (round 24 c10: "What might be behind it can wait: first, please get help now"); asked, it is
        # a question for the people who will see them, said so (round 40 c08: "does alcohol lower magnesium?" got only
        # "Good, that's the right step")
        waits = [a for a in said.asked if a.topic in NOT_AT_EMERGENCY | NOT_AT_URGENT]
        said = replace(said, asked=tuple(a for a in said.asked if a not in waits))
        if waits:
            custom = {"type": EXPLANATION, "topic": "doctor", "question": waits[0].topic, "sources": []}
            replies.append(Reply(text=texts.ASK_WHEN_SEEN.format(whom=answers.whom(ev)), custom=custom))
    # (not at an urgent or emergency level: "what do I do now?" beside chest pain is answered at that level)
    outside = answers.out_of_scope(ev) and not turn.state.assessed and not crisis and not result.triage.is_escalation
    if outside and said.topics() & ABOUT_THE_COMPLAINT:
        # "a rash that itches, no twitching at all. what cream should I use?": what the assistant covers and the
        # level, never the twitching's remedies; a question of another kind ("is magnesium good for sleep?") still answered
        said = replace(said, asked=tuple(a for a in said.asked if a.topic not in ABOUT_THE_COMPLAINT))
        replies.append(answers.scope(kb, result))
    helping = said.topics() & (FEELINGS_TOPICS | HELPING_ANOTHER)
    if crisis and for_another(ev) and not _writers_crisis(history) and helping:
        # "should i ask her about it directly?" after the crisis answer for a partner: how to help her (round 33 c20)
        turn.replies.append(Reply(text=texts.AFTER_CRISIS_FOR_ANOTHER))
        return turn
    if crisis and said.topics() & FEELINGS_TOPICS and not _of_the_body(latest):
        # "is it normal to feel like this after a baby?", "who do I talk to, the midwife?" after the crisis answer: of
        # the feelings, not the twitching (round 21 c22: "Yes: twitching is very common", then "a routine appointment")
        feelings = [a for a in said.asked if a.topic in FEELINGS_TOPICS]
        said = replace(said, asked=tuple(a for a in said.asked if a.topic not in FEELINGS_TOPICS))
        if not said.asked:
            turn.replies.append(_of_the_feelings(feelings[0].topic))
            return turn
        replies.append(_of_the_feelings(feelings[0].topic, offer=False))  # the other questions are answered beside it
    if crisis and "pushback" in said.topics():
        # "I'm not calling anyone, just answer about the magnesium": no argument, the person first, then what they asked
        said = replace(said, asked=tuple(a for a in said.asked if a.topic != "pushback"))
        # "i'm not going to do anything tonight": no refusal of help, and no "sorry if that felt like too much"
        still = any(f"{e.get('entity')}:{e.get('value')}" == SELF_HARM and e.get("role") != ROLE_ABSENT for e in latest)
        safe = texts.CRISIS_NOT_TONIGHT if still else texts.AFTER_CRISIS_SAFE  # "... i just don't see the point anymore"
        replies.append(Reply(text=safe if said.safe else texts.CRISIS_NO_PUSH))
    medicines = [k for k in ev.present if k.startswith("medication:") and not k.endswith(answers.SUPPLEMENT)]
    if said.unprescribed and medicines and not for_another(ev) and not is_child(ev) and said.topics() & UNPRESCRIBED_ASKED:
        # "is it bad that i took my buddy's furosemide?": not "don't stop a prescribed medicine" (round 29 c16)
        replies.append(answers.not_prescribed(kb, result))
        said = replace(said, asked=tuple(a for a in said.asked if a.topic not in UNPRESCRIBED_ASKED))
    if "persuade" in said.topics() and (said.going or not for_another(ev)) and YOUNG not in ev.present:
        # "ok thanks, ill call 111. what should i tell them": them are the people who will see the writer, not someone
        # who won't go (round 32 c28: "offer to take them; if they still refuse ..." to the man with the heart thing)
        mapped = (replace(a, topic="mention", outside=WHAT_TO_TELL) if a.topic == "persuade" else a for a in said.asked)
        said = replace(said, asked=_first_of_each(mapped))
    if NUMBER in said.topics():
        # "what number i call? i am in spain" (round 35 c28: "I can't help with that one", twice, during an emergency)
        replies.insert(0, number_reply(said, crisis))
        said = replace(said, asked=tuple(a for a in said.asked if a.topic != NUMBER))
    pending_id = turn.state.pending or ""
    checking = pending_id[len(CONFIRM) :] if pending_id.startswith(CONFIRM) and pending_id != CONFIRM + SELF_HARM else None
    known = turn.state.announced == result.triage.level  # the level was told: a one-line reminder with answers
    unchecked = [k for k in ev.unsure if k.startswith("symptom:") and CONFIRM + k not in turn.state.asked]
    for item in said.asked:
        # (a cause the documents do not cover is said to be so: that softens nothing; round 40 c21: "so is it the cold?"
        # got "Before I can say whether this is normal, I need to ask ..." twice)
        outside_cause = item.topic in EVERYDAY_CAUSES and bool(item.outside)
        check_first = bool(checking or unchecked) and item.topic in CHECKED_FIRST and not outside_cause
        if check_first and not result.triage.is_escalation and not crisis:
            # (after a crisis answer no check comes: "is it ALS or not" is answered, never "I need to ask you about one
            # thing" with no question after it, round 24 c19)
            # "my hands curled like claws... is this normal after surgery??": no "most twitching is harmless" while a
            # warning sign waits to be checked (round 16: reassurance, then the tetany check, then an urgent level)
            replies.append(Reply(text=texts.CHECK_FIRST, custom={"type": EXPLANATION, "topic": "doctor", "question": item.topic,
                                                                 "sources": []}))  # fmt: skip
            continue
        if checking and item.topic == "what_helps":
            item = replace(item, topic="see_doctor")  # "what should I do now?" with a sign being checked
        # one answer per thing asked: "scared of ALS ... what tests?" gets both; "is it the
        # steroids? can I stop them?" explains the steroids once
        asked_of = whole if item.topic == "summary" else result
        for reply in _answer_one(kb, item, asked_of, latest, ev, said.relating, known, said.deferring, said.objections):
            if all(_answered(r) != _answered(reply) for r in replies):
                replies.append(reply)
    if said.unread and said.asked and not crisis:
        # "Should I stay with him tonight?" beside "can I take him to A&E?": the one no reading reached is said to be
        # outside the documents, at the level, not passed over (round 23 c24, c15, c13)
        level = answers.level_reminder(kb, result.triage) if known else answers.triage_text(kb, result.triage)
        replies.append(_not_covered(kb, result, "unread", level))
    if going:
        replies = [*replies[: MAX_ANSWERS - 1], Reply(text=texts.AGREED[result.triage.level])]  # the answers, then heard
    if not replies:
        return None
    if result.triage.is_escalation:
        # three questions at an urgent level: the level's line once, after the last answer, not after each (round 19
        # c12: "See a doctor today, within 24 hours; ..." three times in one turn)
        said_level = answers.level_reminder(kb, result.triage) if known else answers.triage_text(kb, result.triage)
        replies = _level_said_once(replies[:MAX_ANSWERS], said_level)
    if checking and said.topics() & {"what_helps", "see_doctor"}:
        # "what should I do now?" while a possible warning sign is being checked: what to do if it is there
        if (line := answers.if_sign(kb, checking)) is not None:
            replies.insert(0, Reply(text=line))
    if expecting(ev) and not any((r.custom or {}).get("question") == "pregnancy" for r in replies):
        # "can I take magnesium?" from someone who said earlier they are pregnant: the midwife decides
        if said.topics() & PREGNANCY_MATTERS:
            replies.append(answers.pregnancy(kb, result))
    level_line = answers.your_level(kb, result)
    if crisis:
        # the twitching's own level said once ("two months: see a doctor"), never announced: the level held
        # stays the crisis row's, and no interview follows
        # (not beside pushback alone: "I'm not going to do anything today" asked nothing about the twitching, and its
        # level there read as the crisis level dropped to "see a doctor")
        asked_of_twitching = any(r.text not in (texts.CRISIS_NO_PUSH, texts.AFTER_CRISIS_SAFE) for r in replies)
        new_line = level_line and asked_of_twitching and all(level_line not in (r.text or "") for r in replies)
        extra = [Reply(text=level_line)] if new_line else []
        # the twitching's level said as the twitching's, never "For you: book an appointment" after a crisis answer
        # (round 22 c23: read as the crisis level dropped)
        said_of_twitching = [_of_the_twitching(r) for r in [*replies[:MAX_ANSWERS], *extra]]
        turn.replies.extend([*_feelings_heard(latest), *said_of_twitching, Reply(text=texts.AFTER_CRISIS_ANSWERED)])
        return turn
    # mid-interview with nothing yet that needs a doctor: no self-care line under each answer, told once with the
    # assessment (round 33 c01: "For you: Self-care: ..." under the coffee answer, then again in the assessment)
    interviewing = bool(interview_asked(turn.state)) and not turn.state.assessed and turn.state.announced is None
    unsaid = turn.state.announced == result.triage.level or interviewing and result.triage.level == "self_care"
    turn.replies.extend(with_level(once(replies[:MAX_ANSWERS], level_line, unsaid),
                                   level_line, result.triage.level, turn.state.announced))  # fmt: skip
    if level_line and any(level_line in (r.text or "") for r in turn.replies):
        turn = told(turn, result.triage.level)
    if any((r.custom or {}).get("question") == "pushback" for r in turn.replies) or outside:
        return turn  # the advice stands, explained once more (or no twitching to ask about): no interview question on top of it
    return replace_state(turn, _go_on(interview, result, turn, turn.state))


def _level_said_once(replies: list[Reply], level: str) -> list[Reply]:
    """The level's line kept in the last answer that carries it, taken out of the ones before."""
    carrying = [i for i, r in enumerate(replies) if r.text and level in r.text]
    out = list(replies)
    for i in carrying[:-1]:
        text = (out[i].text or "").replace(level, "")
        out[i] = replace(out[i], text="\n".join(" ".join(line.split()) for line in text.split("\n")).strip())
    return out


def _not_covered(kb: KnowledgeBase, result: Assessment, topic: str, level: str) -> Reply:
    """A question the documents do not answer: said so, and at an urgent or emergency level, that level
    with it ("should I take an aspirin and wait?" beside chest pain)."""
    if not result.triage.is_escalation:
        return answers.not_covered(kb, result, topic)
    custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
    return Reply(text=f"{texts.NOT_COVERED_LEAD} {level}", custom=custom)


def _one_answer_each(said: Understood, result: Assessment, changed: bool = False) -> Understood:
    """What to answer when one answer says it all: someone who says they are going has stopped
    pushing back ("ok ok, I'll go. summary please"), and a level just lowered by a correction says
    the new level with its why ("I can breathe fine, I don't need an ambulance?"); pushback on an
    urgent or emergency level is answered with the level once, not again for "should I stretch it?"."""
    asked = said.asked
    if said.going or changed:
        asked = tuple(a for a in asked if a.topic != "pushback")
    if changed:
        asked = tuple(a for a in asked if a.outside != CHANGE_ASKED)  # "does that change things?": the change says it
    if any(a.topic == "pushback" for a in asked) and result.triage.is_escalation:
        # a fear named beside the push back is heard by its name (round 30 c27: "why the rush. is this ALS? thats what
        # im scared of" got only "my advice stays the same")
        # (nor is an activity asked about: "can i still drive to work?" is answered, round 37 c05)
        asked = tuple(
            a for a in asked
            if a.topic not in NOT_SOFTENED | {"what_helps", "see_doctor"} or a.topic == "feared" and a.disease
            or a.topic == "worry" and a.outside
        )  # fmt: skip
    return replace(said, asked=asked) if asked != said.asked else said


def not_again(
    replies: Sequence[Reply],
    recent: Sequence[str],
    earlier: Sequence[str] = (),
    complained: bool = False,
) -> list[Reply]:
    """No message identical to one the bot just sent (`recent`, or earlier in this turn): a
    question comes with another lead-in, an answer asked for again is pointed to and shortened, and
    what was understood, unchanged since it was said back, is not said back again. Within an answer,
    a sentence of the sources sent in the bot's `earlier` messages is not sent again ("how much?"
    after "can I take magnesium?" got the same paragraph on pregnancy twice in a row). After "you
    didn't answer" (`complained`), an answer all said before is not pointed to: it did not answer
    them, and that is said plainly.

    A pointer back is only for a question asked again: an answer all said a message above in this
    same turn is not sent at all, nor one all said before under a card (round 24: "As I said just
    above" under the food list, the summary or the very answer it pointed to)."""
    out: list[Reply] = []
    for i, reply in enumerate(replies):
        others = [*replies[:i], *replies[i + 1 :]]
        this_turn = [r.text for r in out if r.text]
        if this_turn and _points_back(without_said_lines(reply, this_turn, this_turn)):
            continue  # its every sentence is in a message just sent, in this turn
        sent = [*recent, *this_turn]
        reply = without_said_lines(reply, [*earlier, *sent], sent)
        if _points_back(reply) and any(_points_back(r) or (r.text or "").startswith(texts.SORRY_UNCLEAR) for r in out):
            continue  # one pointer back a turn: a second answer all said before is not pointed to as well
        if _points_back(reply) and not complained and any(map(_under_a_card, others)):
            continue  # added under a card (the summary, the foods), and said before: not again
        staying = (reply.text or "").startswith(texts.AFTER_CRISIS_OPENING)
        if staying and reply.text in [*earlier, *sent]:
            # staying with the person, said again: in other words, never the same block (round 27 c30, 28 c29)
            reply = replace(reply, text=_said_again(reply, [*earlier, *sent]))
        if reply.text and reply.text in sent:
            if not reply.custom and not reply.buttons and len(replies) > 1:
                # "what's causing it?" after the story: the causes, not the story once more; a line added
                # beside an answer (the level, the crisis line) is not sent again word for word either
                continue
            reply = replace(reply, text=_said_again(reply, sent))
        if complained and _points_back(reply):
            # "ok. but you didnt answer, is it als??": the answer's first sentences again, said as an apology,
            # not pointed back to ("As I said just above" re-pasted what they said did not answer them)
            body = (reply.text or "").split("\n")[0].removeprefix(texts.SAID_ABOVE).removeprefix(texts.SAID_EARLIER)
            reply = replace(reply, text=f"{texts.SORRY_UNCLEAR} {body.strip()}")
        out.append(reply)
    return out if complained else without_boilerplate(out, earlier)


BOILERPLATE_CHARS = 40  # a shorter sentence is a lead ("Please don't let this wait."), fine to say again in passing
SOMETHING_LEFT = 20  # an answer keeps its repeats unless a line this long of its own is left
SAID_TWICE = 2  # a long sentence the bot sent in this many of its earlier messages is not sent a third time
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


CRISIS_LINE = re.compile(r"\b988\b|116 123|13 11 14|\b1737\b")  # the crisis lines' numbers (bot/knowledge/numbers.yml)


def _long_sentences(text: str) -> set[str]:
    return {
        " ".join(s.split())
        for line in text.split("\n")
        for s in _SENTENCE_SPLIT.split(line.strip())
        if len(s) >= BOILERPLATE_CHARS and not s.endswith("?") and " ".join(s.split()) != texts.DISCLAIMER
    }


_LABEL = re.compile(r"^(?:Why|For you|For them|For the twitching itself):\s*")


def _each_sentence_once(reply: Reply) -> Reply:
    """A reply that says a long sentence once (the level's why said by the answer and again by the level line under it,
    round 35 c19, c30)."""
    if not reply.text:
        return reply
    seen: set[str] = set()
    lines = []
    for line in reply.text.split("\n"):
        kept = []
        for part in _SENTENCE_SPLIT.split(line.strip()):
            key = _LABEL.sub("", " ".join(part.split()))  # "Why: X" says X again (round 36 c20: the reason twice)
            if key in seen and len(key) >= BOILERPLATE_CHARS and not key.startswith("(Source"):
                continue
            seen.add(key)
            kept.append(part)
        if kept:
            lines.append(" ".join(kept))
    text = "\n".join(lines)
    return reply if text == reply.text or not text else replace(reply, text=text)


def without_boilerplate(replies: Sequence[Reply], earlier: Sequence[str]) -> list[Reply]:
    """No sentence pasted into every answer: a long sentence the bot already sent in two of its earlier messages, or in
    an earlier message of this turn, is left out of an answer (the level's line and its why at an urgent level came
    back in every reply: 27 of 30 conversations of round 35). Cards (the escalation, the assessment, the summary, a
    change of level, the foods) and interview questions are sent whole; an answer that would be left with nothing of
    its own is sent as it was (asked again: `not_again` points back to it)."""
    counts = Counter(s for text in earlier for s in _long_sentences(text))
    sent: set[str] = set()
    out = []
    for reply in map(_each_sentence_once, replies):
        kind = (reply.custom or {}).get("type")
        if not reply.text or kind not in (None, EXPLANATION) or reply.buttons and reply.text.rstrip().endswith("?"):
            out.append(reply)
            sent |= _long_sentences(reply.text or "")
            continue
        # (a crisis line's number is never left out: said a third time after a crisis answer, it stays)
        gone = {s for s in _long_sentences(reply.text) if (counts[s] >= SAID_TWICE or s in sent) and not CRISIS_LINE.search(s)}
        lines = []
        for line in reply.text.split("\n"):
            kept = [p for p in _SENTENCE_SPLIT.split(line.strip()) if " ".join(p.split()) not in gone]
            if kept:
                lines.append(" ".join(kept))
        left = [line for line in lines if not _is_frame(line) and not line.rstrip().endswith(":")]
        if gone and any(len(line) >= SOMETHING_LEFT for line in left):
            reply = replace(reply, text="\n".join(lines))
        sent |= _long_sentences(reply.text or "")
        out.append(reply)
    return _disclaimer_once(out, earlier)


DISCLAIMED_TWICE = 2  # after the full reminder in this many earlier messages, an answer closes with the short one


def _disclaimer_once(replies: list[Reply], earlier: Sequence[str]) -> list[Reply]:
    """The reminder that the assistant does not diagnose closes the last answer of a turn, not each one (round 37
    c28: twice in one reply, five times in the conversation); after it was said in full twice, an answer closes with
    the short form. Cards (an escalation, the assessment) keep theirs whole."""
    def carries(reply: Reply) -> bool:
        return texts.DISCLAIMER in (reply.text or "") or (reply.text or "").endswith(texts.DISCLAIMER_AGAIN)

    said_before = sum(texts.DISCLAIMER in text for text in earlier) >= DISCLAIMED_TWICE
    out = []
    for i, reply in enumerate(replies):
        kind = (reply.custom or {}).get("type")
        text = reply.text or ""
        if kind in (None, EXPLANATION) and texts.DISCLAIMER in text:
            later = any(carries(r) for r in replies[i + 1 :])
            if later or said_before:
                # (said at the end of a line too: "Self-care: ... I can't diagnose: ...")
                lines = [" ".join(line.replace(texts.DISCLAIMER, "").split()) for line in text.split("\n")]
                lines = [line for line in lines if line]
                if not later:
                    lines.append(texts.DISCLAIMER_AGAIN)
                kept = "\n".join(lines).strip()
                if kept:
                    reply = replace(reply, text=kept)
        out.append(reply)
    return out


# Lines of an answer that carry no content of their own: a heading ("About supplements:"), the
# sources, the user's level (said once by `once` and `with_level`) and the closing disclaimer.
_FRAME = ("(Sources:", *texts.FOR_WHOM, texts.DISCLAIMER, texts.DISCLAIMER_AGAIN)
_MEANT_LINE = 40  # a shorter line is a lead or a heading, never dropped as "said before"
POINTED_LINES = 2  # an answer said again in full is pointed to with this many of its sentences


def without_said_lines(reply: Reply, earlier: Sequence[str], recent: Sequence[str] = ()) -> Reply:
    """An answer without the sentences the bot already sent in `earlier` messages: what is left,
    or, when it would say nothing new, a pointer back to what was said ("just above" when it is in
    one of the `recent` messages, else "earlier")."""
    if (reply.custom or {}).get("type") != EXPLANATION or not reply.text:
        return reply  # an interview question, a card or a plain line: `not_again` sees to those
    said = {line.strip() for text in earlier for line in text.split("\n") if len(line.strip()) >= _MEANT_LINE}
    lines = reply.text.split("\n")
    content = [i for i, line in enumerate(lines) if not _is_frame(line) and not line.rstrip().endswith(":")]
    repeated = {i for i in content if lines[i].strip() in said}
    if not repeated:
        return reply
    if (shorter := _in_short(lines[min(repeated)], earlier)) is not None:
        # "can't you just tell me it's not ALS?": the answer in other words, with what is new in it ("the tongue")
        new_lines = [lines[i] for i in content if i not in repeated]
        return replace(reply, text="\n".join([shorter, *new_lines]))
    if repeated == set(content):
        # said again shorter: its first two sentences ("I can hear you're worried about MS" and what the
        # sources say), pointed to
        first = _gist(" ".join(lines[i].strip() for i in sorted(repeated)[:POINTED_LINES]))
        lead = texts.SAID_ABOVE if any(lines[min(repeated)].strip() in text for text in recent) else texts.SAID_EARLIER
        return replace(reply, text=f"{lead} {first}\n{texts.SAID_ABOVE_CLOSING}")
    kept = [line for i, line in enumerate(lines) if i not in repeated]
    # a heading left with nothing under it goes too ("About sun exposure:", "Magnesium:"), and the sources of what went
    # (round 35 c27: "Magnesium:" and its sources alone under "Nothing you told me so far points to it")
    headed = [_is_heading(line) or line.rstrip().endswith(":") for line in kept]
    kept = [line for i, line in enumerate(kept) if not (headed[i] and (i + 1 == len(kept) or _is_frame(kept[i + 1])))]
    if not any(not _is_frame(line) and not line.rstrip().endswith(":") for line in kept[1:]):
        kept = [line for line in kept if not line.startswith("(Sources:")]
    return replace(reply, text="\n".join(kept))


def _under_a_card(reply: Reply) -> bool:
    """A card that says something of its own (the summary, the foods, an assessment), not an answer's text."""
    return (reply.custom or {}).get("type") not in (None, EXPLANATION)


def _points_back(reply: Reply) -> bool:
    return (reply.text or "").startswith((texts.SAID_ABOVE, texts.SAID_EARLIER))


def _is_heading(line: str) -> bool:
    return line.startswith("About ") and line.rstrip().endswith(":")


def _is_frame(line: str) -> bool:
    return _is_heading(line) or line.startswith(_FRAME) or not line.strip()


def _in_short(first_line: str, sent: Sequence[str]) -> str | None:
    """The short answer of its own for an answer asked again, when it has one and it was not just sent (a feared
    disease named in it as the first answer named it)."""
    shorter = next((short for full, short in texts.SAID_SHORTER.items() if full in first_line), None)
    if shorter is not None and "{disease}" in shorter:
        named = _FEAR_NAMED.search(first_line)
        shorter = shorter.format(disease=named.group(1) if named else "it")
    return shorter if shorter is not None and not any(shorter in s for s in sent) else None


_FEAR_NAMED = re.compile(re.escape(texts.FEAR_NAMED).replace(re.escape("{disease}"), "(.+?)"))


def _said_again(reply: Reply, sent: Sequence[str]) -> str:
    text = reply.text or ""
    if (level := next((lv for lv, said in texts.AGREED.items() if said == text), None)) is not None:
        return texts.AGREED_AGAIN[level]  # agreeing once more: short, never "As I said just above: Good, ..."
    if text.startswith(texts.AFTER_CRISIS_OPENING):
        # another small step each time; when all were said, the one said longest ago
        ways = (*texts.AFTER_CRISIS_AGAIN, text)
        fresh = [a for a in ways if a not in sent]
        return fresh[0] if fresh else min(ways, key=lambda a: max(i for i, s in enumerate(sent) if s == a))
    if (shorter := _in_short(text, sent)) is not None:
        return shorter  # "the aspirin - yes or no?": the straight answer in short (round 23 c11)
    if reply.buttons and text.endswith("?"):
        question = text.removeprefix(texts.BACK_TO_QUESTION).strip()
        lead = next((a for a in texts.ASK_AGAIN if f"{a} {question}" not in sent), texts.ASK_AGAIN[0])
        return f"{lead} {question}"
    first = text.split("\n")[0].removeprefix(texts.SAID_ABOVE).removeprefix(texts.SAID_EARLIER).strip()  # never pointed twice
    names = [str(c["name"]) for c in (reply.custom or {}).get("causes") or [] if isinstance(c, Mapping) and c.get("name")]
    if (reply.custom or {}).get("type") == ASSESSMENT and names:
        first = f"{texts.LIKELIEST_AGAIN} {human_list(names)}."  # the causes' names, not a heading with nothing under it
    elif first.endswith(":"):
        # a heading ("Foods that supply magnesium, calcium and potassium:") with the first items under it, never
        # the heading alone (round 27 c27: "As I said just above: Foods that supply ...:" and nothing after)
        items = [line.strip().lstrip("- ").strip() for line in text.split("\n")[1:] if line.strip().startswith("- ")]
        first = f"{first} {human_list(items[:3])}." if items else first.rstrip(":") + "."
    return f"{texts.SAID_ABOVE} {_gist(first)}\n{texts.SAID_ABOVE_CLOSING}"


GIST_CHARS = 160  # a pointer back says this much of what it points to, at most: never the paragraph again
# a first sentence this short is a lead ("My documents don't cover this medicine."): the one after it is the answer
SHORT_LEAD = 60


def _gist(text: str) -> str:
    """The first sentence of what was said (two when the first is short), not the whole paragraph again
    (round 18: "As I said just above:" before the same paragraph read as the same answer word for word)."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    gist = sentences[0]
    for sentence in sentences[1:]:
        if len(gist) >= SHORT_LEAD and len(gist) + len(sentence) >= GIST_CHARS:
            break
        gist = f"{gist} {sentence}"
    return gist


def once(replies: list[Reply], level_line: str, already_told: bool) -> list[Reply]:
    """Each thing said once in a turn: no reply twice, and the user's own level line in the first
    answer that carries it, or in none when they were told that level already."""
    kept: list[Reply] = []
    seen = already_told
    for reply in replies:
        if any(reply.text == r.text for r in kept):
            continue
        if level_line and level_line in (reply.text or ""):
            if seen:
                reply = replace(reply, text="\n".join(t for t in (reply.text or "").split("\n") if t != level_line))
            seen = True
        kept.append(reply)
    return kept


MAX_ANSWERS = 3  # answers in one turn: more is a wall of text; the rest can be asked again
TOLD_WITH_ANSWERS = "doctor"  # from this level, an answer carries the user's level if they were not told it


def with_level(replies: list[Reply], level_line: str, level: str, announced: str | None) -> list[Reply]:
    """Answers that tell the user their level when what they said already needs a doctor and they
    were not told ("could my steroid do this?" from someone on a steroid: yes, and book a doctor),
    the answer that says it carrying the level in its payload (`triage`)."""
    if not replies or not level_line:
        return replies
    # the level said without its "For you:" lead counts too ("It can wait for a routine appointment ... See a doctor: ...")
    core = next((level_line.removeprefix(f"{w} ") for w in texts.FOR_WHOM if level_line.startswith(f"{w} ")), level_line)
    says = [core in (r.text or "") for r in replies]
    if not any(says) and announced != level and level_rank(level) >= level_rank(TOLD_WITH_ANSWERS):
        replies[-1] = replace(replies[-1], text=f"{replies[-1].text}\n{level_line}" if replies[-1].text else level_line)
        says[-1] = True
    pairs = zip(replies, says, strict=True)
    return [replace(r, custom={**r.custom, "triage": level}) if said and r.custom else r for r, said in pairs]


def _answered(reply: Reply) -> tuple[Any, Any]:
    """What a reply answers: its topic (a cause explained once, whichever question led to it);
    for the general "see a doctor" topic, the question too (a fear and "which tests" differ)."""
    custom = reply.custom or {}
    topic = custom.get("topic")
    return (custom.get("question"), topic) if topic == "doctor" or custom.get("type") != EXPLANATION else (None, topic)


# Topics whose answer needs only the knowledge base and the assessment.
PLAIN_ANSWERS = {
    "stop_medicine": answers.stop_medicine,
    "tests": answers.tests,
    "normal": answers.normal,
    "pregnancy": answers.pregnancy,
    "see_doctor": answers.see_doctor,
    "pushback": answers.pushback,
    "how_long": answers.how_long,
    "what_helps": answers.what_helps,
    "off_topic": answers.off_topic,
    "what_is": answers.what_is,
    "persuade": answers.persuade,
}


NOT_AT_EMERGENCY = frozenset({"cause", "other_causes", "foods", "sun", "supplements", "normal"})  # what_helps: where to go
# At an urgent or emergency level, reassurance about twitching would soften the advice: "is it ALS?",
# "should I worry?", "can it wait?", "is this normal?" get the level's action, with what cannot be told.
NOT_SOFTENED = frozenset({"feared", "worry", "how_long", "normal"})
# ... and so would an everyday cause said to fit ("it's probably just from the cramp, I'm fit" beside a swollen
# calf got "it fits: hard training tires the muscles"); a cause the documents do not cover is still said to be so.
EVERYDAY_CAUSES = frozenset({"cause", "other_causes"})
# answered only after a warning sign told waits to be checked ("is the twitch connected?" beside a slack mouth: no
# caffeine first, round 25 c25)
CHECKED_FIRST = NOT_SOFTENED | EVERYDAY_CAUSES
NOT_AT_URGENT = frozenset({"foods", "sun", "supplements"})  # diet is no answer to a level of "today"
MEDICINE_TOPICS = frozenset({"stop_medicine", "dose"})  # at an urgent or emergency level: no medicine changed now
WATER_EXCESS = "water_excess"  # the triage rule of too much plain water with its signs
FLUIDS = "dehydration_electrolytes"  # the cause whose "how much?" is about water, not a supplement


def _answer_one(
    kb: KnowledgeBase,
    item: Asked,
    result: Assessment,
    latest: Sequence[Mapping[str, Any]],
    ev: Evidence,
    relating: bool = False,
    known: bool = False,
    deferring: bool = False,
    objections: Sequence[str] = (),
) -> list[Reply]:
    """One question's answer. At an urgent or emergency level the level comes with it: in full the
    first time, as a one-line reminder once the person was told it (`known`), not the whole card again."""
    topic = item.topic
    level = answers.level_reminder(kb, result.triage) if known else answers.triage_text(kb, result.triage)
    if topic == "foods" and item.remedy and result.triage.is_escalation:
        # "what should he eat or drink instead? would sports drinks help?" beside too much water: the remedy named as
        # outside the documents, then the one answer on food now (round 37 probe: two answers stacked, each with the level)
        said = _answer_one(kb, replace(item, remedy=None), result, latest, ev, relating, known, deferring, objections)
        lead = texts.OUTSIDE_REMEDY_NAMED.format(thing=item.remedy)
        return [replace(said[0], text=f"{lead} {said[0].text}"), *said[1:]] if said and said[0].text else said
    if item.outside == ALCOHOL:
        return [answers.alcohol_asked(kb, result, topic)]  # "can I have a small drink tonight?", in withdrawal too
    if result.triage.level == "emergency" and topic == "tests":
        # "what will they do to him at the hospital, like what tests": not the twitching's blood tests (round 29 c02)
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=texts.TESTS_AT_EMERGENCY.format(whom=answers.whom(result.evidence)), custom=custom)]
    if result.triage.level == "emergency" and topic in NOT_AT_EMERGENCY:
        # "could it just be a pinched nerve?" at an emergency: no causes or diet now, getting help first
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=f"{texts.NOT_NOW} {level}", custom=custom)]
    if result.triage.is_escalation and topic == "foods" and SWALLOWING in result.evidence.present:
        # "can she eat soft food in the meantime?" for a grandmother who chokes on food: no food list at all (round 27
        # c28 got nuts and seeds "for afterwards"); what is safe to swallow is for the people who see her
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=f"{texts.SWALLOWING_FOOD} {level}", custom=custom)]
    if result.triage.level == "urgent" and topic == "foods" and not deferring:
        # "ok ill go to the out of hours. but for later, what foods, dairy free?": being seen today first, then the
        # foods for afterwards (round 18: refused twice, "for later" too)
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=f"{texts.SEEN_FIRST} {level} {texts.FOODS_AFTERWARDS}", custom=custom), *foods_for(kb, result, latest)]
    if result.triage.is_escalation and topic in TAKING_TOPICS and item.outside and topic != "stop_medicine":
        # "what can i give her for the diarrhoea?", "can i take melatonin tonight?" at an urgent level: nothing started
        # on one's own now, whoever sees them says what is safe (round 35 c21: a food list)
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=f"{texts.MEDICINE_NOT_NOW} {level}", custom=custom)]
    if result.triage.level == "urgent" and topic in NOT_AT_URGENT:
        # "ok so I'll take a magnesium and see how it goes tomorrow" with locked spasms: being seen today first
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=f"{texts.NOT_NOW_URGENT} {level}", custom=custom)]
    asked_to_take = any(e.get("entity") == "medication" and e.get("role") == ROLE_HYPOTHETICAL for e in latest)
    emergency = result.triage.level == "emergency"  # "should I give him his furosemide now, it's due?" beside a stroke
    if result.triage.is_escalation and topic in MEDICINE_TOPICS and (asked_to_take or item.outside or emergency):
        # "should i give him an aspirin while we wait?" beside a stroke: not the answer on stopping a prescribed medicine
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=f"{texts.MEDICINE_NOT_NOW} {level}", custom=custom)]
    everyday = topic in EVERYDAY_CAUSES and not item.outside and not _names_other_medicine(latest)
    urgent = result.triage.level == "urgent"
    subject = item.subject if topic == "cause" else None
    if everyday and urgent and (apart := answers.cause_apart(kb, result, subject)) is not None:
        # "whats causing the eye twitch?" beside an urgent sign: the twitching's likeliest cause, said apart from the sign
        # that still needs a doctor today (round 34 c21, c22: "I can't tell from here what this is", asked twice)
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=f"{apart} {level}", custom=custom)]
    if result.triage.is_escalation and topic == "worry" and item.outside:
        # "can i still do my run tmrw?" at an urgent level: the documents don't say, and not before being seen (round 34
        # c11: read as push back, "my advice stays the same")
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        whom = answers.whom(ev)
        unsaid = texts.OUTSIDE_ACTIVITY.format(activity=item.outside, whom=whom)
        text = f"{unsaid} {texts.NOT_BEFORE_SEEN.format(whom=whom)} {level}"
        return [Reply(text=text, custom=custom)]
    if result.triage.is_escalation and (topic in NOT_SOFTENED or everyday):
        # "he's too young for a stroke, surely? can he sleep it off?": not "most twitching is harmless"; a fear named
        # is heard by its name first (round 17 c23: "is this ALS? be straight with me" never heard ALS named)
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        heard = f"{texts.FEAR_NAMED.format(disease=item.disease)} " if topic == "feared" and item.disease else ""
        # "what are the actual signs of a stroke?" beside a stroke's emergency: the policy's signs of it, which soften
        # nothing (round 33 c30: the fear named, no sign listed)
        act_on = f"{texts.FEARED_SIGNS[item.disease]} " if topic == "feared" and item.disease in texts.FEARED_SIGNS else ""
        return [Reply(text=f"{heard}{act_on}{texts.CANNOT_TELL_NOW} {level}", custom=custom)]
    if topic == "stop_medicine" and item.subject != MEDICINES and not _any_medicine(ev, latest):
        # no medicine in it: "can I keep running marathons?" is about that cause and what helps; "one drink
        # to take the edge off?" is outside the documents
        if item.subject is not None and item.subject in kb.causes:
            return [answers.cause_question(kb, result, item.subject)]
        return [_not_covered(kb, result, topic, level)]
    if topic == "what_helps" and item.amount and item.subject is not None and item.subject in kb.causes:
        return [answers.no_number(kb, result, item.subject)]  # what helps with that habit, under "no number"
    stopping = topic == "stop_medicine" and _names_other_medicine(latest) and not asked_to_take
    if topic in TAKING_TOPICS and item.outside and not stopping:
        # "is creatine ok to keep taking?", "can I take ibuprofen for it?", "are salt tablets a good idea?" (round 21:
        # the supplements card three times to "can I take CoQ10 with it?"); stopping a prescribed one has its own
        # answer, taking one more is not stopping ("can I take aspirin with it?" got "don't stop a prescribed medicine")
        return [answers.outside_taken(kb, result, item.outside, topic)]
    if topic == "what_helps" and item.outside:
        return [answers.outside_remedy(kb, result, item.outside)]  # "should i use heat or ice on it?"
    if topic == NOT_ANSWERED:
        return [answers.not_answered(kb, result, item.subject == ANSWERED_BEFORE)]
    if topic == "memory":
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=texts.NO_MEMORY, custom=custom)]
    if topic == "reluctant":
        return [answers.reluctant(kb, result, level)]
    if topic == "mention" and item.outside == WHAT_TO_TELL:
        return [answers.what_to_tell(kb, result)]
    if topic == "mention":
        named = list(dict.fromkeys(f"{e['entity']}:{e['value']}" for e in latest if e.get("entity") in ("symptom", "medication")
                                   and e.get("role") != ROLE_ABSENT))  # fmt: skip
        medicines = [k for k in named if k.startswith("medication:")]
        return [answers.mention(kb, result, medicines or named)]  # a medicine asked about: that, each once
    if topic == "see_doctor" and item.outside == CHANGE_ASKED:
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}  # "does that change things?"
        return [Reply(text=f"{texts.ADVICE_UNCHANGED} {answers.level_text(kb, result)}", custom=custom)]
    if topic == "see_doctor" and item.outside == LATER_TODAY and result.triage.level == "urgent":
        return [answers.outside_said(kb, result, texts.LATER_TODAY_OK, "see_doctor")]  # "after my exam at 5?": today
    if topic == "see_doctor":
        return [answers.see_doctor(kb, result, known)]  # at a level told already: where to go, the level in a line
    if topic == "pushback":
        return [answers.pushback(kb, result, objections=objections)]  # "I feel fine now": that answered, then the level
    if topic == "normal" and item.outside:
        # "had my thyroid out last week, is this normal?": outside the documents, said so; the level stands
        return [answers.outside_said(kb, result, texts.NORMAL_OUTSIDE.format(thing=item.outside), "normal")]
    if (plain := PLAIN_ANSWERS.get(topic)) is not None:
        return [plain(kb, result)]
    if topic == "worry" and item.outside:
        return [answers.outside_activity(kb, result, item.outside)]  # "is it safe to fly next week?"
    if topic == "worry":
        signs = [f"symptom:{e['value']}" for e in latest if e.get("entity") == "symptom" and e.get("role") != ROLE_ABSENT]
        return [answers.worry(kb, result, signs)]
    if topic == "feared":
        seen = item.outside == DOCTOR_DOUBTED
        family = item.outside == INHERITED
        return [answers.feared(kb, result, item.disease or "something serious", item.where, seen=seen, family=family)]
    if topic in ("dose", "what_helps") and item.subject == FLUIDS and any(f.rule.id == WATER_EXCESS for f in result.triage.fired):
        # "how much water should i be drinking then?" with too much plain water at an urgent level: no everyday advice on
        # spreading it out, the level's own words (round 31 c10: "spread it out and do not skip the minerals")
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=f"{texts.WATER_EXCESS_HOW_MUCH} {level}", custom=custom)]
    if topic == "dose" and item.subject == FLUIDS:
        return [answers.cause_question(kb, result, item.subject)]  # "how much water should I drink?": no supplement
    if topic == "dose" and result.triage.is_escalation:
        # "should i have electrolyte tabs instead? how many mg sodium" beside too much water at an urgent level: no
        # amount, and no everyday advice on a nutrient or on drinking beside what needs a doctor today (round 34 c11:
        # "Drink water regularly through the day" to someone drinking six litres, with a headache and vomiting)
        custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
        return [Reply(text=f"{texts.DOSE_LEAD} {level}", custom=custom)]
    if topic == "dose":
        return [answers.dose(kb, result, item.subject)]
    if topic in ("sun", "supplements"):
        return [answers.about(kb, topic, topic, item.subject)]
    if topic == "foods":
        return foods_for(kb, result, latest, item)
    if topic == "summary":
        return [summary_reply(kb, result)]
    if topic == "other_causes":
        return [other_causes(kb, result)]
    subject = item.subject
    if subject is None and (told := related_symptom(relating, latest)) is not None:
        return [answers.symptom_link(kb, result, told)]  # "my pee has gone dark, could that be connected?"
    if topic == "cause" and item.outside == INHERITED:
        # "is twitching genetic? my mum had it too": outside the documents, and the family history is for the doctor
        return [answers.outside_said(kb, result, texts.INHERITED_ASKED, "cause")]
    if topic == "cause" and item.outside and not _names_other_medicine(latest):
        # "could it be related to the surgery?"; "... and could it be low iron?" beside a question on a supplement
        return [answers.outside_cause(kb, result, item.outside)]
    if subject is None and _names_other_medicine(latest):
        return [answers.outside_medicine(kb, result, "cause")]  # "could it be my statin?"
    if subject is None and not result.evidence.is_empty():
        if not any(c.has_evidence for c in result.top(3)):
            return [answers.cause_first(kb, result)]  # "is it a tic?" before anything points anywhere: the common ones
        subject = result.top(1)[0].id  # "what's causing it?": the likeliest cause of what they said
    return [answers.cause_question(kb, result, subject)] if subject else []


def _any_medicine(ev: Evidence, latest: Sequence[Mapping[str, Any]]) -> bool:
    """A medicine or supplement was named, in this message or before (a denial does not count)."""
    named = any(e.get("entity") == "medication" and e.get("role") != ROLE_ABSENT for e in latest)
    return named or any(k.startswith("medication:") for k in ev.present)


def _go_on(interview: Interview, result: Assessment, turn: Turn, state: State) -> State:
    """After an answer: the pending question again, or the next one, or the follow-ups (and after
    a crisis answer or an urgent or emergency level, no interview: the person asked one thing,
    they get that)."""
    ev = result.evidence
    pending = (interview.by_id(state.pending) or confirm_question(state.pending)) if state.pending else None
    if pending is not None and not pending.id.startswith(CONFIRM) and any(_known(ev, ref) for ref in pending.refs):
        # answered beside a question ("since the 12th of last month, so over 3 weeks. and my question?"): not asked again
        pending, state = None, replace(state, pending=None)
    held = held_escalation(result, state)
    if (pending is None or not pending.id.startswith(CONFIRM)) and (check := to_confirm(ev, state, held)) is not None:
        # a warning word still to check comes before the interview ("stopped drinking, now shaking": withdrawal?)
        turn.replies.append(ask(check, other=for_another(ev)))
        return replace(state, asked=state.asked + (check.id,), pending=check.id)
    quiet = in_crisis(result, state) or still_escalated(result, state)  # the level's advice first: no interview
    if pending is not None and quiet and not pending.id.startswith(CONFIRM):
        # an interview question left pending when an emergency was announced is not asked again while it holds
        # (round 19 c09: "Back to my question: Do you take any medicines" after "ambulance or car?" with chest pressure)
        pending, state = None, replace(state, pending=None)
    if pending is not None:
        turn.replies.append(ask_again(interview, ev, state, pending))
        # asked again: counted, so "ok" to the answer beside it is taken as no answer, and words that answer
        # nothing do not get it a third time
        return state if pending.id.startswith(CONFIRM) else replace(state, asked=state.asked + (pending.id,))
    if not state.assessed and not ev.is_empty() and not is_child(ev) and not quiet:
        question = next_question(interview, ev, state)
        if question is not None:
            return ask_next(interview, ev, turn, state, question)
    turn.replies[-1].buttons = answers.follow_ups(result)
    return state


def explain(
    kb: KnowledgeBase,
    history: History,
    state: State,
    latest: Sequence[Mapping[str, Any]],
    said: Understood,
    intent: str,
    interview: Interview | None = None,
) -> Turn:
    said = _waiting_asked(said, state)
    if interview is not None and answers_pending(state, said, latest):
        # "yes I think so, maybe a minute" to "have you fainted?", taken for a question on how long: the
        # answer counts first, then any question asked beside it
        return converse(kb, interview, history, state, intent, latest, said)
    if interview is not None and (answered := answer(kb, interview, history, state, latest, said)) is not None:
        return answered
    if interview is not None and _tells_only(said, latest):
        # "I didn't say weakness, I said tired", taken for "why?": facts told, no question asked
        return converse(kb, interview, history, state, "give_info", latest, said)
    if intent == "ask_doctor" and (plan := planned(kb, history, state, said)) is not None:
        return plan  # "great, i'll make a gp appointment then": a plan told, not a question about doctors
    ev, result, turn = begin(kb, history, state)
    if ends_turn(turn):
        return turn
    if is_child(ev) and interview is not None and not said.asked and intent != "ask_doctor":
        # "she drinks energy drinks to revise", read as asking about caffeine in a child's conversation: more of the
        # child's story, noted for their doctor; never an adult's cause explained (the policy on children)
        return converse(kb, interview, history, state, "give_info", latest, said)
    topic = {"ask_sun": "sun", "ask_supplements": "supplements", "ask_doctor": "doctor"}.get(intent)
    if intent != "ask_doctor":
        topic = said.subject or topic
    if topic is None and in_crisis(result, turn.state):
        # "whats the point" after a crisis answer, taken for "why?": the person first, not a cause
        return stay_with(result, turn, said=said, history=history)
    if topic is None and result.triage.is_escalation:
        # "Why?" tapped under an urgent or emergency level: why that level, not the likeliest everyday cause (round 17:
        # trouble swallowing's "Why?" got stress and yoga)
        card = answers.level_payload(kb, result.triage)
        custom = {"type": EXPLANATION, "topic": "doctor", "question": "cause", "sources": [], "triage": result.triage.level}
        why = f"{texts.WHY_LEVEL} {card['reason']} {answers.level_reminder(kb, result.triage)}"
        turn.replies.append(Reply(text=why, custom=custom))
        return turn
    if topic is None:
        # "why?": explain the likeliest cause of what they told us.
        topic = result.top(1)[0].id
    if topic == "doctor" and still_escalated(result, turn.state) and said.going and not said.asked:
        turn.replies.append(agreed(kb, result, intent, said))  # "ok fine, urgent care it is": no card again
        return turn
    if topic == "doctor" and result.triage.is_escalation:
        turn.replies.append(answers.see_doctor(kb, result))  # "go now", never "if it persists" beside it
        return turn
    if topic == "doctor" and not ev.is_empty():
        turn.replies.append(Reply(text=answers.whose_level(ev, answers.triage_text(kb, result.triage))))
    turn.replies.append(answers.explanation(kb, topic))
    if expecting(ev) and intent == "ask_supplements":
        turn.replies.append(answers.pregnancy(kb, result))  # the midwife or doctor decides, in pregnancy
    if interview is not None and turn.state.pending is not None and not turn.state.pending.startswith(CONFIRM):
        # "is it better to have rehydration sachets or just plain water?" mid-interview, read only by its subject: the
        # explanation, then the interview where it was (it was left there, the question never asked again)
        turn = replace_state(turn, _go_on(interview, result, turn, turn.state))
    return turn


def answers_pending(state: State, said: Understood, latest: Sequence[Mapping[str, Any]] = ()) -> bool:
    """The message answers the pending question in plain words ("yes I think so", "no. ..."), or answers
    the check on thoughts of self-harm with more of the same ("I just don't see the point in sticking around
    for that", read as pushback too): whatever the intent, the conversation reads it as that answer first."""
    if state.pending is not None and answer_key(state.pending) in said.worded:
        return True
    return more_of_the_same(state, latest, said)


def _tells_only(said: Understood, latest: Sequence[Mapping[str, Any]]) -> bool:
    """Typed words that tell or take back facts and ask nothing the reading found (the intent
    alone said "a question")."""
    return said.typed and not said.asked and said.subject is None and any(e.get("entity") in FACT_TYPES for e in latest)


def foods(
    kb: KnowledgeBase,
    history: History,
    state: State,
    latest: Sequence[Mapping[str, Any]],
    said: Understood = NOTHING_ASKED,
    interview: Interview | None = None,
) -> Turn:
    """Foods asked for; a message that asks something else too ("should I see a doctor? and what
    foods have magnesium?") gets every question answered, foods among them."""
    if interview is not None and answers_pending(state, said, latest):
        return converse(kb, interview, history, state, "give_info", latest, said)  # "no. what should I eat?"
    if interview is not None and (said.topics() - {"foods"} or state.pending and not state.pending.startswith(CONFIRM)):
        # mid-interview too ("what foods have magnesium?" while "any weakness?" waits): answered, then that question again
        # (a thing to take read in it, "what can i give her for the diarrhoea?", is what it asks: no foods on top)
        taking = any(a.topic in TAKING_TOPICS and a.outside for a in said.asked)
        asked = said.asked if "foods" in said.topics() or taking else (*said.asked, Asked("foods", said.subject))
        if (answered := answer(kb, interview, history, state, latest, replace(said, asked=asked))) is not None:
            return answered
    ev, result, turn = begin(kb, history, state)
    if ends_turn(turn):
        return turn
    item = next((a for a in said.asked if a.topic == "foods"), Asked("foods", said.subject))  # "would bananas help?"
    known = turn.state.announced == result.triage.level  # told already: the level in a line, not its why again
    if said.going and result.triage.is_escalation and not escalated(turn):
        turn.replies.append(agreed(kb, result, "affirm", said))  # "fine ill get checked. but what should i eat?"
        if result.triage.level == "urgent":
            # "ok ill go to the out of hours. but for later, what foods?": going, so the foods for afterwards, no
            # "being seen comes first" after the "Good" (round 18 c25, round 23 c10)
            turn.replies.extend(foods_for(kb, result, latest, item))
            return turn
    turn.replies.extend(_answer_one(kb, item, result, latest, ev, known=known, deferring=said.deferring))
    return turn


def foods_for(
    kb: KnowledgeBase, result: Assessment, latest: Sequence[Mapping[str, Any]], item: Asked | None = None
) -> list[Reply]:
    """Foods for the nutrients asked about, else for the suspects among what was said; a food the
    question names is said first: what the documents list it for, or that they do not list it."""
    asked = [str(e["value"]) for e in latest if e.get("entity") == "nutrient" and e.get("value") in kb.nutrients]
    food = next((f for f in kb.foods if item is not None and f.name == item.food), None)
    if food is not None and not asked:
        asked = list(food.nutrients)  # "would bananas help?": the foods for what bananas supply
    if food is not None or (item is not None and item.outside):
        card = foods_for(kb, result, latest)[0] if not asked else answers.foods(kb, asked, result.evidence.diets)[0]
        lead = answers.named_food(kb, food, item.outside if item is not None else None, result.evidence.diets)
        return [replace(card, text=f"{lead}\n{card.text}")]
    if not asked:
        asked = [n for c in result.top(3) if (n := kb.causes[c.id].nutrient) and c.has_evidence]
        if len(asked) < 2:  # one suspect, or none: the minerals that calm nerves and muscles too
            asked += ["magnesium", "calcium", "potassium"]
    return answers.foods(kb, list(dict.fromkeys(asked)), result.evidence.diets)


def summary(kb: KnowledgeBase, history: History, state: State) -> Turn:
    ev, result, turn = begin(kb, history, state)
    if ends_turn(turn):
        return turn
    turn.replies.append(summary_reply(kb, result))
    return turn if ev.is_empty() else told(turn, result.triage.level)


def summary_reply(kb: KnowledgeBase, result: Assessment) -> Reply:
    """The summary for the doctor; before anything was told, the story first (no card of nothing)."""
    if result.evidence.is_empty():
        nothing = {"type": EXPLANATION, "topic": "doctor", "question": "summary", "sources": []}
        return Reply(text=texts.NOTHING_TO_SUMMARISE, custom=nothing)
    return answers.summary(kb, result)


def check_only(kb: KnowledgeBase, history: History, state: State) -> Turn:
    """For turns answered by a fixed response (greeting, thanks...): only the red-flag check."""
    before = evidence_from(history[:-1], state) if state.announced is not None else None
    return red_flags(kb, assess(kb, evidence_from(history, state)), state, before, history=history)


# the same for a child as for anyone; "is it urgent though? can it wait?" asks when to be seen (round 17 c04: a
# parent got "I won't suggest supplements, doses, foods..." for it)
UNPRESCRIBED_ASKED = frozenset({"stop_medicine", "worry", "normal", "cause", "dose", "supplements", "pushback"})
ASKED_SURELY = 0.9  # a question read this surely is answered as asked beside others (a child's "can it wait?")
CHILD_ANSWERS = {"summary": summary_reply, "see_doctor": answers.see_doctor, "pushback": answers.see_doctor}
