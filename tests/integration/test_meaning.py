"""The sentence encoder and the meaning classifier of the trained model, in this process.

The encoder's batching never changes a vector; the parse of the trained model carries the whole
reading (facts by meaning with their band, questions with their topic, answers to the interview's
questions) for the action server. Needs the unpacked encoder and the trained model: integration.
"""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from rasa_server.components.encoder import shared_encoder

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def encoder():
    return shared_encoder()


def test_a_text_encodes_the_same_alone_and_in_a_batch_of_longer_ones(encoder):
    text = "my eyelid keeps jumping"
    alone = encoder.encode([text])[0]
    batch = encoder.encode(["a much longer sentence about calf cramps after running a marathon in the heat", text, "hi"])
    assert np.allclose(alone, batch[1], atol=1e-5)
    assert np.isclose(np.linalg.norm(alone), 1.0, atol=1e-5)


def test_a_paraphrase_is_nearer_than_an_unrelated_sentence(encoder):
    chest, paraphrase, unrelated = encoder.encode(
        ["it feels like a weight is pressing on my chest", "there is heavy pressure in my chest", "I had toast for breakfast"]
    )
    assert chest @ paraphrase > chest @ unrelated + 0.3


@pytest.fixture(scope="module")
def parse(model_path):
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path))

    def run(text: str) -> dict:
        return asyncio.run(agent.parse_message(text))

    return run


def affirmed(parsed: dict) -> set[str]:
    return {f"{e['entity']}:{e['value']}" for e in parsed["entities"] if not e.get("role")}


@pytest.mark.parametrize(
    "text, sign",
    [
        ("it's as if a belt is being pulled tight round my ribs", "symptom:chest_pain"),
        ("my mum's mouth has gone crooked and her words come out jumbled", "symptom:facial_droop"),
        ("he went stiff on the sofa and jerked for a minute, now he won't wake properly", "symptom:seizure"),
        ("honestly my family would be better off if I wasn't around", "symptom:self_harm"),
    ],
)
def test_a_sign_described_in_other_words_is_read_by_meaning(parse, text, sign):
    """Acted on at once, or, when the model is unsure, asked about once (role unsure): never missed."""
    parsed = parse(text)
    unsure = {f"{e['entity']}:{e['value']}" for e in parsed["entities"] if e.get("role") == "unsure"}
    assert sign in affirmed(parsed) | unsure


@pytest.mark.parametrize("text", ["that film took my breath away", "my grandad had a stroke in 2009", "no chest pain at all"])
def test_figures_of_speech_another_persons_past_and_denials_affirm_no_sign(parse, text):
    signs = {"symptom:difficulty_breathing", "symptom:facial_droop", "symptom:paralysis", "symptom:chest_pain"}
    assert not affirmed(parse(text)) & signs


@pytest.mark.parametrize(
    "text",
    [
        "nah its probably nothing, i really don't want to take up the GP's time",
        "fine, i'll drop the tablets for a few days and see how it goes",
    ],
)
def test_pushback_on_advice_is_no_thought_of_self_harm(parse, text):
    # "i dont want to waste their time" and "i'll just stop the pills and see how i go" got the crisis answer:
    # at most a faint reading, below the doubt that is asked about beside pushback
    from bot.dialogue import QUIET_DOUBT

    read = [e for e in parse(text)["entities"] if e["value"] == "self_harm" and e.get("role") != "absent"]
    assert all(e.get("role") == "unsure" and float(e["confidence_entity"]) < QUIET_DOUBT for e in read)


@pytest.mark.parametrize(
    "text",
    [
        "my lad is on the games console until 3 most nights and now his calf twitches",
        "my wife held out her arm and i could see the muscle flicker, she says it's been a week",
    ],
)
def test_another_persons_twitching_watched_and_late_nights_are_no_seizure(parse, text):
    # "he showed me his leg twitching" was read as a seizure at 0.97 and got the emergency answer
    assert "symptom:seizure" not in affirmed(parse(text))


def test_what_do_you_think_after_a_story_asks_what_is_behind_it(parse):
    parsed = parse("calves twitching for a fortnight, lots of coffee. so what do you think is going on?")
    assert "cause" in [q["topic"] for q in parsed["reading"]["questions"]]


def test_why_it_has_to_be_today_pushes_back_on_the_level(parse):
    # "ok but why does it need to be today if ive had it for weeks" was read as no question at all
    parsed = parse("but why would i need to be seen today if nothing has changed in weeks")
    assert "pushback" in [q["topic"] for q in parsed["reading"]["questions"]]


@pytest.mark.parametrize(
    "text, topic",
    [
        ("it's her not me, and she won't go. any idea how i can get her to a doctor?", "persuade"),
        ("my father just shrugs it off, how would i get him to book in", "persuade"),
        ("is it alright to keep lifting weights this week?", "what_helps"),
        ("are 3 red bulls a day a problem", "what_helps"),  # so many a day: what helps with the habit
    ],
)
def test_getting_someone_to_go_and_whether_to_keep_training_are_questions_of_their_own(parse, text, topic):
    # round 14: "how do i get her to see someone?" was off the topic; "can I go for a run tomorrow?" no question
    assert topic in [q["topic"] for q in parse(text)["reading"]["questions"]]


@pytest.mark.parametrize(
    "text", ["not so good, i get up a few times each night to wee since the new pills", "my gran is always on the loo since the diuretic"]
)
def test_passing_water_is_not_drinking_it_nor_a_thought_of_self_harm(parse, text):
    # round 14: getting up at night to pass water was read as a lot of water drunk, and faintly as self-harm
    said = {(e["entity"], e["value"]) for e in parse(text)["entities"] if e.get("role") != "absent"}
    assert not said & {("lifestyle_factor", "excessive_water_intake"), ("symptom", "self_harm")}


@pytest.mark.parametrize(
    "text",
    [
        "hmm actually i got that wrong, the twitching began about a month back. does that change anything?",
        "sorry, i wasn't honest about the coffee, it's more like five a day",
    ],
)
def test_owning_up_to_a_mistake_or_asking_if_it_changes_anything_is_no_thought_of_self_harm(parse, text):
    # round 14: "oh wait actually i lied..." and "does that change anything?" got the self-harm check
    assert not [e for e in parse(text)["entities"] if e["value"] == "self_harm"]


def test_the_parse_carries_the_reading_for_the_action_server(parse):
    parsed = parse("my calf twitches after leg day. how much magnesium should I take?")
    assert [q["topic"] for q in parsed["reading"]["questions"]] == ["dose"]
    assert parsed["reading"]["subject"] == "magnesium"
    # a free answer, in words no rule lists: what it says to the sleep question travels too
    assert parse("I get a solid eight or nine hours")["reading"]["answers"].get("sleep") == "deny"
    assert parse("hi there, thanks")["reading"]["small_talk"] is True



@pytest.mark.parametrize(
    "text", ["twitching for 3 weeks, headaches and my pee is dark yellow", "calf cramps for 5 weeks now and bad headaches"]
)
def test_a_span_of_weeks_with_a_headache_is_no_pregnancy(parse, text):
    """Pregnancy with a headache is the policy's urgent row: a span of weeks must not stand for it."""
    assert "lifestyle_factor:pregnancy" not in affirmed(parse(text))


@pytest.mark.parametrize("text", ["i actually fainted after the last workout", "she literally blacked out at the bus stop"])
def test_a_sign_stressed_as_real_is_acted_on_not_doubted(parse, text):
    assert "symptom:fainting" in affirmed(parse(text))
