"""Which number to call, by the country the person says they are in."""

import pytest

from bot import numbers
from bot.understood import NUMBER, understand


@pytest.mark.parametrize(
    "text, country",
    [
        ("whats the number for an ambulance, we're on holiday in crete", "greece"),
        ("which number do i ring? im in the uk", "united_kingdom"),
        ("im from canada but staying in portugal, who do i call for an ambulance", "portugal"),  # where they are
        ("is it 911 here? im from mexico", "mexico"),
        ("what number do i call", None),
    ],
)
def test_the_number_asked_is_read_with_the_country_said(text, country):
    assert numbers.asks_number(text) and numbers.country_in(text) == country


@pytest.mark.parametrize(
    "text", ["call us if it spreads", "my number of coffees is 4", "I called the doctor in the morning", "can you talk to us"]
)
def test_words_that_ask_no_number_and_name_no_country(text):
    assert not numbers.asks_number(text) and numbers.country_in(text) is None


def test_a_country_gets_its_own_numbers_and_any_other_the_general_answer():
    assert "000" in numbers.emergency_line("australia") and "13 11 14" in numbers.crisis_line("australia")
    assert "112" in numbers.emergency_line("spain") and "findahelpline" in numbers.crisis_line("spain")
    assert "911" in numbers.emergency_line(None) and "112" in numbers.emergency_line(None)


def test_the_question_reaches_the_dialogue_as_its_topic_with_the_country(kb):
    said = understand(kb, "what number i call?? i am in spain", [], None, ())
    (item,) = [a for a in said.asked if a.topic == NUMBER]
    assert item.country == "spain" and not said.unread  # never "my documents don't cover that" beside it
