"""The conversation harness (evaluation/conversations.py): its file, and each check fed a made-up
transcript that breaks its rule, and one that keeps every rule."""

import pytest

from bot.knowledge.contract import ENTITY_VALUES
from bot.nlu.meaning import TOPICS
from evaluation.conversations import OUTSIDE, Exchange, Turn, check, load, table, turns

CRISIS = {"custom": {"type": "escalation", "triage": "emergency", "red_flags": ["self_harm"]}}


def asked(text: str) -> list[dict]:
    """An interview question."""
    return [{"text": text}, {"custom": {"type": "interview", "question": "made_up"}}]


def said(text: str) -> dict:
    return {"text": text}


def card(kind: str, **fields) -> dict:
    return {"custom": {"type": kind, **fields}}


def exchange(say: str, reply: list[dict], held: str = "self_care", **turn) -> Exchange:
    """A turn of the script, the bot's reply, and the level held after it."""
    return Exchange(Turn(say, **turn), reply, held)


SCRIPT = {"id": "made-up", "class": "test", "facts": {"symptom": ["twitching"], "lifestyle_factor": ["poor_sleep"]},
          "denied": {"lifestyle_factor": ["caffeine"]}}  # fmt: skip
GOOD = [
    exchange(
        "my eyelid twitches for 3 weeks, I sleep badly, no coffee",
        [said("Noted: 3 weeks."), *asked("How long has it been going on?")],
        "doctor",
    ),
    exchange(
        "can I take magnesium while pregnant?",
        [said("Ask your midwife."), card("explanation", question="pregnancy")],
        "doctor",
        asks=["pregnancy"],
    ),  # fmt: skip
    exchange("actually it's only been 3 days", [said("So 3 days: self-care now.")], "self_care", correction=True),
    exchange(
        "summary please",
        [said("Summary..."), card("summary", symptoms=["twitching"], lifestyle=["poor_sleep"])],
        asks=["summary"],
    ),
]


def failed(script: dict, exchanges: list[Exchange]) -> list[str]:
    return sorted({f.check for f in check(script, exchanges)})


def with_turn(at: int, changed: Exchange) -> list[Exchange]:
    return [changed if i == at else ex for i, ex in enumerate(GOOD)]


def test_a_conversation_that_keeps_every_rule_passes():
    assert check(SCRIPT, GOOD) == []


@pytest.mark.parametrize(
    "exchanges, broken",
    [
        # the same message as one of the three before it
        (with_turn(3, exchange("summary please", [said("Ask your midwife.")])), "repeat"),
        # a level falls on a turn that is not a correction (a question is no fact)
        (
            with_turn(
                1, exchange("how many mg a day?", [card("explanation", question="pregnancy")], "self_care", asks=["pregnancy"])
            ),
            "level_fell",
        ),  # fmt: skip
        # a question answered off topic
        (
            with_turn(
                1,
                exchange(
                    "can I take magnesium while pregnant?",
                    [card("explanation", question="supplements")],
                    "doctor",
                    asks=["pregnancy"],
                ),
            ),
            "unanswered",
        ),  # fmt: skip
        # the summary lists what was denied, and what was never said
        (
            with_turn(3, exchange("summary please", [card("summary", symptoms=["twitching"], factors=["caffeine"])])),
            "summary_denied",
        ),
        (with_turn(3, exchange("summary please", [card("summary", symptoms=["twitching", "weakness"])])), "summary_unsaid"),
        # the next twitching question after a message out of scope
        (
            with_turn(2, exchange("my back hurts", asked("Any weakness?"), "self_care", correction=True, out_of_scope=True)),
            "scope",
        ),
        # pushing back on an emergency gets the interview
        (
            with_turn(2, exchange("I feel fine now", asked("Any numbness?"), "self_care", correction=True, no_interview=True)),
            "no_interview",
        ),
        # a level below the one the policy gives
        (with_turn(0, exchange("chest pain", [said("Noted.")], "doctor", level="emergency")), "level_low"),
        # no crisis answer where there must be one; after one, the interview goes on
        (with_turn(2, exchange("I want to die", [said("Noted.")], "self_care", correction=True, crisis=True)), "crisis_missed"),
        (
            GOOD[:2]
            + [
                exchange("I want to die", [said("Please call..."), CRISIS], "emergency", crisis=True),
                exchange("ok", asked("Do you sleep well?"), "emergency"),
            ],
            "after_crisis",
        ),  # fmt: skip
    ],
)
def test_each_check_catches_a_transcript_that_breaks_its_rule(exchanges, broken):
    assert failed(SCRIPT, exchanges) == [broken]


def test_no_verdict_when_nothing_was_described():
    nothing = {"id": "empty", "class": "test"}
    assessed = [exchange("what is it?", [said("Likely stress."), card("assessment", causes=[{"id": "stress_anxiety"}])])]
    assert failed(nothing, assessed) == ["verdict_on_nothing"]
    asked_for_the_story = [exchange("what is it?", [said("Tell me what is happening first.")])]
    assert failed(nothing, asked_for_the_story) == []


def test_outside_my_documents_answers_any_question():
    outside = [exchange("is it contagious?", [said("My documents do not cover that."), card("explanation", question=OUTSIDE)],
                        asks=["normal"])]  # fmt: skip
    assert failed({"id": "x", "class": "test"}, outside) == []


def test_the_table_counts_by_class():
    lines = table([])
    assert lines[0].split()[:3] == ["class", "convs", "passed"]


def test_the_file_holds_at_least_60_conversations_with_known_ids():
    scripts = load()
    assert len(scripts) >= 60 and len({s["id"] for s in scripts}) == len(scripts)
    known_topics = set(TOPICS) | {OUTSIDE}
    for script in scripts:
        assert script["class"] and script["turns"], script["id"]
        for kind, values in {**(script.get("facts") or {}), **(script.get("denied") or {})}.items():
            assert set(values) <= set(ENTITY_VALUES[kind]) | {"swelling"}, (script["id"], kind, values)  # swelling: README
        for turn in turns(script):
            assert {t for ask in turn.asks for t in ask.split("|")} <= known_topics, (script["id"], turn.asks)
    classes = {s["class"] for s in scripts}
    assert {"level_drop", "outside_documents", "question_mid_interview", "repetition", "summary_truth", "scope", "crisis",
            "pushback", "returning_user", "another_person", "verdict_on_nothing"} <= classes  # fmt: skip


def test_a_turn_with_an_unknown_key_is_refused_by_name():
    with pytest.raises(ValueError, match="asked"):
        turns({"id": "typo", "turns": [{"say": "hi", "asked": "dose"}]})
