"""Rasa SDK actions: thin wrappers that read the tracker, call bot/, and dispatch.

The knowledge base is loaded once, on the first action call, not at import. Every action
starts with the red-flag check (inside bot.dialogue), so an urgent or emergency level is
announced on any turn.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List, Sequence, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import dialogue, texts
from bot.answers import Reply
from bot.dialogue import State, Turn
from bot.knowledge.table import default_interview, default_kb
from bot.names import (
    CONVERSE_ACTION,
    DELETED,
    EXPLAIN_ACTION,
    FOODS,
    FOODS_ACTION,
    FORGET_ACTION,
    RED_FLAGS_ACTION,
    SLOTS,
    SUMMARY,
    SUMMARY_ACTION,
)
from bot.reasoning import Assessment, assess
from bot.understood import ANSWERED_BEFORE, NOT_ANSWERED, Asked, Understood

RECENT = 3  # no bot message identical to one of its last three
EARLIER = 12  # nor a sentence of the sources that one of its last twelve sent


def entity_history(tracker: Tracker) -> List[List[Dict[str, Any]]]:
    """The entities of every user message since the last restart, oldest first, as the
    conversation takes them (`dialogue.heard`)."""
    history: List[List[Dict[str, Any]]] = []
    held = tracker.get_slot(SLOTS["announced"])
    crisis = bool(tracker.get_slot(SLOTS["crisis"]))
    advised = False  # a level told or an assessment given before the message: something to push back on
    pending = None  # the question the message came after, if any
    for event in tracker.events:
        if event.get("event") == "restart":
            history, advised, pending = [], False, None
        elif event.get("event") == "slot" and event.get("name") in (SLOTS["announced"], SLOTS["assessed"]):
            advised = advised or bool(event.get("value"))
        elif event.get("event") == "slot" and event.get("name") == SLOTS["pending"]:
            pending = event.get("value")
        elif event.get("event") == "user":
            parse = event.get("parse_data") or {}
            said = Understood.from_parse(parse)
            history.append(
                dialogue.heard(parse.get("entities") or [], said if advised else said.told_first(), held, crisis, pending)
            )
    return history


def told(tracker: Tracker) -> Tuple[Tuple[int, str], ...]:
    """The user's typed messages since the last restart, with their place in `entity_history`:
    read only to quote the person's story in their summary (`dialogue.own_words`)."""
    said: List[Tuple[int, str]] = []
    index = 0
    for event in tracker.events:
        if event.get("event") == "restart":
            said, index = [], 0
        elif event.get("event") == "user":
            if isinstance(event.get("text"), str):
                said.append((index, event["text"]))
            index += 1
    return tuple(said)


def state_of(tracker: Tracker) -> State:
    return State(
        asked=tuple(tracker.get_slot(SLOTS["asked"]) or ()),
        pending=tracker.get_slot(SLOTS["pending"]),
        facts=tuple(tracker.get_slot(SLOTS["facts"]) or ()),
        announced=tracker.get_slot(SLOTS["announced"]),
        assessed=bool(tracker.get_slot(SLOTS["assessed"])),
        crisis=bool(tracker.get_slot(SLOTS["crisis"])),
        told=told(tracker),
    )


def assessment_of(tracker: Tracker) -> Assessment:
    """What the conversation stored so far adds up to: the causes and the level the bot holds."""
    state = state_of(tracker)
    return assess(default_kb(), dialogue.evidence_from(entity_history(tracker), state))


def slot_events(before: State, after: State) -> List[EventType]:
    changes = {
        "asked": (list(before.asked), list(after.asked)),
        "pending": (before.pending, after.pending),
        "facts": (list(before.facts), list(after.facts)),
        "announced": (before.announced, after.announced),
        "assessed": (before.assessed, after.assessed),
        "crisis": (before.crisis, after.crisis),
    }
    return [SlotSet(SLOTS[key], new) for key, (old, new) in changes.items() if old != new]


def dispatch(dispatcher: CollectingDispatcher, replies: Sequence[Reply]) -> None:
    for reply in replies:
        dispatcher.utter_message(text=reply.text, buttons=reply.buttons or None, json_message=reply.payload)


# The fixed response that follows action_red_flags for each intent (data/rules.yml).
FIXED_RESPONSES = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thank": "utter_youre_welcome",
    "bot_challenge": "utter_iamabot",
    "out_of_scope": "utter_out_of_scope",
    "nlu_fallback": "utter_rephrase",
}


def fixed_again(response: str, domain: Dict[str, Any], recent: Sequence[str]) -> str | None:
    """Other words for a fixed response whose words were just sent, or None when they were not."""
    said = [str(v.get("text")) for v in (domain.get("responses") or {}).get(response, []) if v.get("text")]
    if not any(text in recent for text in said):
        return None
    others = [t for t in texts.FIXED_AGAIN.get(response, ()) if t not in recent]
    return others[0] if others else None


def recent_texts(tracker: Tracker, last: int = RECENT) -> List[str]:
    """The texts of the bot's last messages (its own words, never the user's)."""
    said = [str(e["text"]) for e in tracker.events if e.get("event") == "bot" and e.get("text")]
    return said[-last:]


def finish(dispatcher: CollectingDispatcher, tracker: Tracker, before: State, turn: Turn) -> List[EventType]:
    complained = Understood.from_parse(tracker.latest_message).unanswered  # "you didn't answer": no pointer back
    # advice that fits the diet told (the story read again only when a reply names foods)

    def diets() -> frozenset[str]:
        return dialogue.evidence_from(entity_history(tracker), turn.state).diets

    replies = dialogue.fitted(default_kb(), turn.replies, diets)
    replies = dialogue.not_again(replies, recent_texts(tracker), recent_texts(tracker, EARLIER), complained)
    dispatch(dispatcher, replies)
    return slot_events(before, turn.state)


LOOK_BACK = 3  # user messages searched for the question "you didn't answer" is about
CARD_TOPICS = {SUMMARY: "summary", FOODS: "foods"}  # the question a card answers, by its payload type


# questions whose answer says yes or no, or what fits, in its first sentence: asked again, that answer is said in short
ANSWERED_IN_SHORT = frozenset({"normal", "cause", "how_long", "see_doctor", "feared", "worry", "stop_medicine"})


def asked_before(tracker: Tracker) -> Tuple[Tuple[Asked, ...], set]:
    """The questions of the latest earlier message that asked any (of the last `LOOK_BACK`), as read
    then, and the topics the bot's replies since then answered (their payloads' `question`)."""
    events = list(tracker.events)
    users = [i for i, e in enumerate(events) if e.get("event") == "user"][:-1]
    for i in reversed(users[-LOOK_BACK:]):
        asked = Understood.from_parse(events[i].get("parse_data")).asked
        if asked:
            custom = [((e.get("data") or {}).get("custom") or {}) for e in events[i + 1 :] if e.get("event") == "bot"]
            # a card answers its own topic: the summary asked for, then "no" to a check, is not given again (round 35
            # c07: "what?? no! why would you ask that" got the summary a second time)
            cards = {CARD_TOPICS.get(str(c.get("type"))) for c in custom if isinstance(c, dict)}
            return asked, {c.get("question") for c in custom if isinstance(c, dict)} | cards
    return (), set()


def latest(tracker: Tracker) -> Dict[str, Any]:
    """The latest message as the Rasa server read it: its intent, its entities, and what it
    understood (`Understood`). The text itself is never read again here. "You didn't answer"
    asks again what the message before asked, or, when nothing was read as a question, hears
    that the question was one the assistant could not answer."""
    message = tracker.latest_message or {}
    said = Understood.from_parse(message)
    if not (tracker.get_slot(SLOTS["announced"]) or tracker.get_slot(SLOTS["assessed"])):
        said = said.told_first()  # nothing told yet to push back on: "it's gone now" is part of the story
    if said.unanswered and not said.asked:
        before, answered = asked_before(tracker)
        if before and not {a.topic for a in before} <= answered:
            said = replace(said, asked=before)  # asked and not reached: answered now
        elif before and all(a.topic in ANSWERED_IN_SHORT and not a.outside for a in before):
            # "you still havent said if its normal" after "Yes: twitching is very common ...": that answer again, in short,
            # not "my documents don't give a yes or no" (round 37 c21)
            said = replace(said, asked=before)
        else:
            # nothing read as a question, or answered already and still no answer to them: said so plainly
            said = replace(said, asked=(Asked(NOT_ANSWERED, ANSWERED_BEFORE if before else None),))
    elif str(tracker.get_slot(SLOTS["pending"]) or "").startswith(dialogue.CONFIRM):
        # "no" to a check (thoughts of self-harm, "have you been confused?"): the question it interrupted is answered next
        # (beside a few words that point back at it too: "No. the eye thing?", round 37 c23: asked twice, passed over)
        before, answered = asked_before(tracker)
        said = replace(said, waiting=tuple(a for a in before if a.topic not in answered))
    return {
        "entities": dialogue.heard(
            message.get("entities") or [],
            said,
            tracker.get_slot(SLOTS["announced"]),
            bool(tracker.get_slot(SLOTS["crisis"])),
            tracker.get_slot(SLOTS["pending"]),
        ),
        "said": said,
        "intent": (message.get("intent") or {}).get("name") or "",
    }


class ActionConverse(Action):
    def name(self) -> str:
        return CONVERSE_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        state, msg = state_of(tracker), latest(tracker)
        turn = dialogue.converse(
            default_kb(), default_interview(), entity_history(tracker), state, msg["intent"], msg["entities"], msg["said"]
        )
        return finish(dispatcher, tracker, state, turn)


class ActionExplain(Action):
    def name(self) -> str:
        return EXPLAIN_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        state, msg = state_of(tracker), latest(tracker)
        turn = dialogue.explain(
            default_kb(), entity_history(tracker), state, msg["entities"], msg["said"], msg["intent"], default_interview()
        )
        return finish(dispatcher, tracker, state, turn)


class ActionFoods(Action):
    def name(self) -> str:
        return FOODS_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        state, msg = state_of(tracker), latest(tracker)
        turn = dialogue.foods(default_kb(), entity_history(tracker), state, msg["entities"], msg["said"], default_interview())
        return finish(dispatcher, tracker, state, turn)


class ActionSummary(Action):
    def name(self) -> str:
        return SUMMARY_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        state = state_of(tracker)
        return finish(dispatcher, tracker, state, dialogue.summary(default_kb(), entity_history(tracker), state))


class ActionRedFlags(Action):
    """Runs before fixed responses (greeting, thanks, ...): escalates if a red flag was said."""

    def name(self) -> str:
        return RED_FLAGS_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        state, msg = state_of(tracker), latest(tracker)
        understood: Understood = msg["said"]
        pending = dialogue.answer_key(state.pending) if state.pending else None
        answered = understood.answers.get(pending) if pending and not understood.small_talk else None
        if dialogue.more_of_the_same(state, msg["entities"], understood):
            answered = "affirm"  # "i just dont see the point anymore" to the self-harm check, read as small talk
        if answered is not None:
            # "Not so well, I wake up at 4 most nights" read as a goodbye: it answers the pending
            # question, so the interview goes on and the fixed response is skipped
            turn = dialogue.converse(
                default_kb(), default_interview(), entity_history(tracker), state, answered, msg["entities"], understood
            )
            return [*finish(dispatcher, tracker, state, turn), FollowupAction("action_listen")]
        stay = dialogue.after_escalation(default_kb(), entity_history(tracker), state, msg["intent"], understood)
        if stay is None:
            stay = dialogue.planned(default_kb(), entity_history(tracker), state, understood)  # "ok ill book him in. thanks"
        if stay is None and msg["intent"] == "greet":
            stay = dialogue.welcome_back(default_kb(), entity_history(tracker), state)  # "hi" from a returning user
        if stay is not None:
            # a crisis answer or an escalation holds, or the user comes back: instead of the fixed response
            return [*finish(dispatcher, tracker, state, stay), FollowupAction("action_listen")]
        if understood.asked:
            # "ok thanks, what should I change?": the question is answered, not the thanks
            turn = dialogue.converse(
                default_kb(), default_interview(), entity_history(tracker), state, msg["intent"], msg["entities"], understood
            )
            return [*finish(dispatcher, tracker, state, turn), FollowupAction("action_listen")]
        events = finish(dispatcher, tracker, state, dialogue.check_only(default_kb(), entity_history(tracker), state))
        fixed = FIXED_RESPONSES.get(msg["intent"])
        again = fixed_again(fixed, domain, recent_texts(tracker)) if fixed else None
        if again is None:
            return events
        # the fixed response was just sent word for word: other words, and the rule's response is skipped
        dispatcher.utter_message(text=again)
        return [*events, FollowupAction("action_listen")]


class ActionForget(Action):
    """Start over without anything the user said before (utter_delete_data says so first).

    The `deleted` payload tells the web widget to drop its own stored copy of the chat (text
    platforms drop a payload with no text; the server's copy is erased by rasa_server.stores).
    """

    def name(self) -> str:
        return FORGET_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        dispatcher.utter_message(json_message={"type": DELETED})
        return [Restarted()]
