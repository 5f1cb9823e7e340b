"""A message cut into the clauses the classifier reads: a new clause where a new thing is said."""

import pytest

from bot.nlu.clauses import MAX_UNITS, clauses, units


def said(text):
    return [text[a:b] for a, b in clauses(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("no chest pain, but my calf twitches", ["no chest pain", "but my calf twitches"]),
        ("my eyelid jumps. I drink 5 coffees a day!", ["my eyelid jumps", "I drink 5 coffees a day"]),
        # a list stays one clause: "numbness or tingling" keeps its "no"
        ("no weakness, numbness or tingling", ["no weakness, numbness or tingling"]),
        ("my arms, legs and back twitch", ["my arms, legs and back twitch"]),
        # two things one subject does stay together; a new subject after "and" starts a clause
        ("shaking and sweating after I quit the booze", ["shaking and sweating after I quit the booze"]),
        (
            "I stopped drinking on friday and now my hands wont stop shaking",
            ["I stopped drinking on friday", "and now my hands wont stop shaking"],
        ),
        ("is it serious?\nshould I see someone", ["is it serious", "should I see someone"]),
        # a question word after a comma starts the question: "ok thanks" is not all it says
        ("ok thanks, what should I change?", ["ok thanks", "what should I change"]),
        # a contracted subject starts a clause too: the warning sign is read on its own clause
        ("my calf twitches and there's a crushing pain in my chest", ["my calf twitches", "and there's a crushing pain in my chest"]),
        # a time said after "and", and a verb said with its "not" after a comma, start a clause: the
        # seizure is read in its own words, not blurred by weeks of twitching before it
        (
            "twitches for weeks and last night he went stiff and jerked, didnt respond to me",
            ["twitches for weeks", "and last night he went stiff and jerked", "didnt respond to me"],
        ),
        (
            "twitching in my arm today, and for the last half hour my chest feels tight",
            ["twitching in my arm today", "and for the last half hour my chest feels tight"],
        ),
        ("hiii", ["hiii"]),
        ("...", []),
    ],
)
def test_clauses(text, expected):
    assert said(text) == expected


def test_units_are_the_message_its_clauses_and_neighbouring_pairs():
    text = "I'm 30 weeks pregnant, my head is pounding and I see flashing lights"
    got = [(text[u.start : u.end], u.kind) for u in units(text)]
    assert got[0] == (text, "message")
    assert [t for t, kind in got if kind == "clause"] == [
        "I'm 30 weeks pregnant",
        "my head is pounding",
        "I see flashing lights",  # without the joining "and"
    ]
    assert [t for t, kind in got if kind == "pair"] == ["I'm 30 weeks pregnant, my head is pounding", "my head is pounding and I see flashing lights"]


def test_a_one_clause_message_is_one_unit_and_a_two_clause_message_has_no_pair():
    assert [u.kind for u in units("my calf twitches")] == ["message"]
    assert [u.kind for u in units("my calf twitches, I run a lot")] == ["message", "clause", "clause"]


def test_a_very_long_message_is_capped_clauses_first():
    text = ". ".join(f"sentence number {i} is here" for i in range(100))
    got = units(text)
    assert len(got) == MAX_UNITS
    assert sum(u.kind == "clause" for u in got) == MAX_UNITS - 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my eyelid twitches is it normal", ["my eyelid twitches", "is it normal"]),
        ("been at it 3 weeks now should i see someone", ["been at it 3 weeks now", "should i see someone"]),
        ("i drink 4 coffees a day could that be it", ["i drink 4 coffees a day", "could that be it"]),
        # the words before make the auxiliary part of one clause
        ("what is it", ["what is it"]),
        ("how long do i wait", ["how long do i wait"]),
        ("the thing is it keeps coming back", ["the thing is it keeps coming back"]),
        ("she says it is fine", ["she says it is fine"]),
        ("my worry is i have als", ["my worry is i have als"]),
    ],
)
def test_a_question_run_on_after_a_statement_is_a_clause_of_its_own(text, expected):
    assert [text[a:b] for a, b in clauses(text)] == expected


def test_a_clause_is_read_without_the_word_that_joined_it_on():
    text = "twitching everywhere and I can't catch my breath"
    assert [text[u.start : u.end] for u in units(text) if u.kind == "clause"] == ["twitching everywhere", "I can't catch my breath"]
