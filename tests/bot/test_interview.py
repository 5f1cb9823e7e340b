"""The interview (bot/knowledge/interview.py): its questions load, and a broken one fails naming the question and field."""

import copy

import pytest
import yaml

from bot.knowledge.interview import INTERVIEW_PATH, default_interview, parse_interview
from bot.knowledge.reader import TableError


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(INTERVIEW_PATH.read_text())


def test_the_interview_asks_its_questions_in_the_files_order(raw):
    interview = default_interview()
    assert [q.id for q in interview.questions] == [q["id"] for q in raw["questions"]]
    assert interview.max_questions == raw["max_questions"]
    assert interview.by_id("sleep").text == next(q["text"] for q in raw["questions"] if q["id"] == "sleep")
    assert interview.by_id("no_such_question") is None


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda iv: iv["questions"][0].update(iff_yes=[]), "interview.questions[0]: unknown field(s) 'iff_yes'"),
        (lambda iv: iv["questions"][0].update(refs=["mood"]), "interview.questions[0].refs: unknown entity type 'mood'"),
        (lambda iv: iv["questions"][0].update(if_yes=["symptom:sneezing"]), "interview.questions[0].if_yes: unknown symptom id 'sneezing'"),
        (lambda iv: iv["questions"][0]["buttons"][0].pop("payload"), "interview.questions[0].buttons[0]: missing field 'payload'"),
        (lambda iv: iv.pop("max_questions"), "interview: missing field 'max_questions'"),
    ],
)
def test_a_broken_interview_fails_at_load_naming_the_question_and_field(raw, change, message):
    edited = copy.deepcopy(raw)
    change(edited)
    with pytest.raises(TableError) as error:
        parse_interview(edited)
    assert message in str(error.value)
