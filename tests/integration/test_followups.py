"""Questions asked after an assessment, over REST: each answered as asked (evaluation/followups.py),
and the issue's own examples, one by one."""

import uuid

import pytest

from evaluation.followups import TARGET, load, misses, play, reply_problems, report
from ops.launcher import rest_send

pytestmark = pytest.mark.integration

LEAD_IN = "My calf has been twitching for about 3 weeks. I drink 4 coffees a day and sleep badly. No weakness or numbness."


def test_the_follow_up_set_is_answered_as_asked(stack):
    results = play(lambda sender, text: rest_send(stack.settings, sender, text), load())
    summary = report(results)
    assert summary["questions"] >= 80
    assert summary["answered_as_asked"] >= TARGET and summary["replies_with_problems"] == 0, {
        "summary": summary,
        "misses": misses(results),
    }


def after_assessment(stack, *asks):
    """A new conversation up to an assessment, then `asks`; the replies to the asks."""
    who = f"fu-{uuid.uuid4().hex[:8]}"
    rest_send(stack.settings, who, LEAD_IN)
    assert any((m.get("custom") or {}).get("type") == "assessment" for m in rest_send(stack.settings, who, "what could be causing it?"))
    return [rest_send(stack.settings, who, ask) for ask in asks]


def text_of(reply):
    return "\n".join(m.get("text") or "" for m in reply)


def customs(reply):
    return [m["custom"] for m in reply if m.get("custom")]


def test_is_it_als_after_being_ignored_is_answered_and_raises_the_level(stack):
    reply, again = after_assessment(stack, "does this mean i have ALS", "ok. but you didnt answer, is it als??")
    for r in (reply, again):
        assert customs(r)[0]["question"] == "feared" and "ALS" in text_of(r) and "can't rule it in or out" in text_of(r)
        assert not any(c["type"] == "assessment" for c in customs(r))
    # a doctor, as the policy's doctor row says (the level itself was told with the assessment: not again)
    assert "appointment with your doctor" in text_of(reply)
    assert text_of(again) != text_of(reply)  # asked again: not the same words again


def test_ms_is_not_taken_for_are_you_a_bot(stack):
    (reply,) = after_assessment(stack, "could this be MS?")
    assert "automated assistant, not a person" not in text_of(reply) and "multiple sclerosis" in text_of(reply)


def test_chest_pain_in_a_should_i_worry_question_is_named_an_emergency_sign(stack):
    (reply,) = after_assessment(stack, "should i worry if i get chest pain")
    assert "If you get chest pain: an emergency sign. Call emergency services" in text_of(reply)
    assert not any(c["type"] == "escalation" for c in customs(reply))


def test_steroids_and_stopping_them(stack):
    (reply,) = after_assessment(stack, "Is it the steroids? Can I stop them?")
    assert customs(reply)[0]["question"] == "stop_medicine"
    assert text_of(reply).startswith("Please don't stop or change a prescribed medicine on your own.")


@pytest.mark.parametrize("ask", ["how much vitamin d should i take? like 1000 IU or 4000?", "how many units a day?"])
def test_dose_questions_get_no_dose(stack, ask):
    (reply,) = after_assessment(stack, ask)
    assert customs(reply)[0]["question"] == "dose" and "I don't give doses" in text_of(reply)
    assert reply_problems(reply) == []


def test_after_an_emergency_the_turn_ends_with_what_to_do_now(stack):
    who = f"fu-{uuid.uuid4().hex[:8]}"
    rest_send(stack.settings, who, "my eyelid has been twitching for a few days")
    reply = rest_send(stack.settings, who, "now my chest feels tight and heavy")
    assert [c["type"] for c in customs(reply)] == ["escalation"] and customs(reply)[0]["triage"] == "emergency"
    assert "chest pain" in text_of(reply) and not text_of(reply).rstrip().endswith("?")


def test_a_parent_asking_about_a_seven_year_old_gets_no_adult_advice(stack):
    who = f"fu-{uuid.uuid4().hex[:8]}"
    reply = rest_send(stack.settings, who, "my 7 year old son has had eyelid twitching for a week, what could it be?")
    reply += rest_send(stack.settings, who, "what could be causing it?")
    said = text_of(reply).lower()
    assert "your child" in said and "coffee" not in said and "meditation" not in said
    assert [c["triage"] for c in customs(reply) if c["type"] == "assessment"][-1] == "doctor"


def test_a_free_words_answer_to_the_sleep_question_is_taken(stack):
    who = f"fu-{uuid.uuid4().hex[:8]}"
    reply = rest_send(stack.settings, who, "my eyelid has twitched for 10 days, no weakness or numbness, I drink lots of coffee")
    assert "How have you been sleeping" in text_of(reply), reply
    reply = rest_send(stack.settings, who, "Not so well, I wake up at 4 most nights")
    assert "bye" not in text_of(reply).lower()
    summary = customs(rest_send(stack.settings, who, "/ask_summary"))[0]
    assert "poor_sleep" in summary["factors"]
