"""The conversation logic without Rasa: the short interview, escalation on any turn, follow-ups."""

from dataclasses import replace

import pytest

from bot import answers, dialogue, understood
from bot.dialogue import State
from bot.knowledge.table import default_interview
from bot.reasoning import assess
from bot.understood import Asked
from tests.conftest import entity, heard


def play(kb, turns):
    """Run converse over (intent, entities) turns, carrying history and state like the actions do."""
    history, state, transcript = [], State(), []
    for intent, entities in turns:
        history.append(entities)
        turn = dialogue.converse(kb, default_interview(), history, state, intent, entities)
        state = turn.state
        transcript.append(turn.replies)
    return transcript, state


def kinds(replies):
    return [r.custom["type"] if r.custom else ("question" if r.buttons and r.text.endswith("?") else "text") for r in replies]


# An eyelid twitch for five days, then "no", "I don't know": the interview's four questions.
EYELID_INTERVIEW = [
    ("describe_symptoms", [entity("symptom", "twitching"), entity("body_part", "eyelid")]),
    ("give_info", [entity("duration", "5")]),
    ("deny", []),
    ("dont_know", []),
]


def test_the_interview_asks_what_is_missing_then_assesses(kb):
    transcript, state = play(kb, [*EYELID_INTERVIEW, ("affirm", [])])
    assert transcript[0][1].text == "How long has the twitching been going on?"
    assert transcript[1][-1].text.startswith("Have you noticed any muscle weakness")
    assert transcript[2][-1].text.startswith("How much caffeine")
    assert transcript[3][-1].text.startswith("How have you been sleeping")
    assert "assessment" in kinds(transcript[4])  # four questions at most, then the assessment
    assert state.asked == ("duration", "nerve_symptoms", "caffeine", "sleep") and state.assessed
    assessment = next(r.custom for r in transcript[4] if r.custom)
    assert assessment["causes"][0]["id"] == "sleep_deprivation"  # "yes" to the sleep question


def test_facts_given_out_of_order_are_not_asked_again(kb):
    transcript, state = play(
        kb,
        [
            (
                "describe_symptoms",
                [entity("symptom", "twitching"), entity("duration", "14"), entity("symptom", "weakness", "absent")],
            )
        ],
    )
    assert transcript[0][-1].text.startswith("How much caffeine")
    assert state.asked == ("caffeine",)


def test_a_red_flag_mid_interview_ends_the_turn_with_what_to_do_now(kb):
    transcript, _ = play(
        kb,
        [
            ("describe_symptoms", [entity("symptom", "twitching")]),
            ("give_info", [entity("duration", "3"), entity("symptom", "chest_pain")]),
            ("give_info", [entity("lifestyle_factor", "caffeine")]),
        ],
    )
    assert kinds(transcript[1]) == ["escalation"]  # no "how have you been sleeping?" after "call emergency services"
    assert transcript[1][0].custom["triage"] == "emergency"
    assert "Call emergency services" in transcript[1][0].text and "chest pain" in transcript[1][0].text
    # when the user comes back with more of the story: what to do now once more, not the caffeine question (the
    # interview would lower nothing and delay everything), nor a recap of the twitching while help is needed now
    # (round 24 c10: "Here is what I understood: you have chest pain, muscle aches and twitching ..." before the level)
    assert [r.custom["question"] for r in transcript[2]] == ["pushback"] and "Call emergency services" in transcript[2][0].text
    assert not any("Here is what I understood" in (r.text or "") for r in transcript[2])


def test_asking_for_the_assessment_skips_the_rest_of_the_interview(kb):
    transcript, state = play(kb, [("describe_symptoms", [entity("lifestyle_factor", "caffeine")]), ("ask_assessment", [])])
    assert "assessment" in kinds(transcript[1]) and state.assessed


def test_asking_for_the_causes_right_after_the_story_does_not_say_the_story_back_again(kb):
    story = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("duration", "10"), entity("lifestyle_factor", "caffeine")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    said_back = first.replies[0].text
    assert said_back.startswith(dialogue.texts.UNDERSTOOD_INTRO)
    recent = [r.text for r in first.replies if r.text]
    turn = dialogue.converse(kb, default_interview(), [story, []], first.state, "ask_assessment", [])
    replies = dialogue.not_again(turn.replies, recent)
    assert "assessment" in kinds(replies)
    assert not any(said_back in (r.text or "") for r in replies)  # neither whole nor pointed to


@pytest.mark.parametrize("intent", ["ask_assessment", "ask_explanation"])
def test_what_is_causing_it_mid_interview_with_nothing_pointing_anywhere_names_the_common_causes_and_goes_on(kb, intent):
    story = [entity("symptom", "twitching"), entity("body_part", "thumb"), entity("duration", "10")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    pending = first.state.pending
    said = understood.Understood(asked=(Asked("cause"),), typed=True)  # "is it a tic?"
    turn = dialogue.converse(kb, default_interview(), [story, []], first.state, intent, [], said)
    assert "assessment" not in kinds(turn.replies) and not turn.state.assessed  # no verdict, no level yet
    assert "everyday things" in turn.replies[0].text
    assert turn.state.pending == pending and turn.replies[-1].text.startswith(dialogue.texts.BACK_TO_QUESTION)
    # once something points somewhere, the same question gets the ranked causes
    told = [entity("lifestyle_factor", "caffeine")]
    later = dialogue.converse(kb, default_interview(), [story, told, []], first.state, intent, [], said)
    assert "assessment" in kinds(later.replies) or any((r.custom or {}).get("question") == "cause" for r in later.replies)


def test_a_cause_the_documents_do_not_cover_asked_mid_interview_is_answered_then_the_question_again(kb):
    story = [entity("symptom", "twitching"), entity("body_part", "thumb"), entity("duration", "10")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    said = understood.Understood(asked=(Asked("cause", outside="pinched nerve"),), typed=True)
    turn = dialogue.converse(kb, default_interview(), [story, []], first.state, "ask_assessment", [], said)
    assert "pinched nerve" in turn.replies[0].text and "assessment" not in kinds(turn.replies)
    assert turn.replies[-1].text.startswith(dialogue.texts.BACK_TO_QUESTION) and turn.state.pending == first.state.pending


def test_an_answer_told_beside_a_question_is_taken_and_its_question_not_asked_again(kb):
    # "since the 12th of last month, so over 3 weeks. and my question?": the duration was asked four times
    story = [entity("symptom", "twitching"), entity("body_part", "arm")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    assert first.state.pending == "duration"
    weeks = [entity("duration", "22")]
    said = understood.Understood(asked=(Asked("cause", outside="surgery"),), typed=True)
    turn = dialogue.converse(kb, default_interview(), [story, weeks], first.state, "ask_explanation", weeks, said)
    assert "surgery" in turn.replies[0].text
    assert turn.state.pending != "duration" and not any("How long" in (r.text or "") for r in turn.replies)


def test_a_supplement_the_documents_do_not_cover_is_said_to_be_outside_them_by_its_name(kb):
    # "is creatine ok to keep taking?" asked four times got the general supplement text, then "anything else?"
    story = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("duration", "6")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    said = understood.Understood(asked=(Asked("supplements", outside="creatine"),), typed=True)
    turn = dialogue.converse(kb, default_interview(), [story, []], first.state, "ask_supplements", [], said)
    answer = turn.replies[0]
    assert "creatine" in answer.text and "don't cover" in answer.text and answer.custom["question"] == "supplements"
    assert turn.replies[-1].text.startswith(dialogue.texts.BACK_TO_QUESTION)


def test_a_medicine_the_documents_do_not_cover_asked_whether_to_take_is_said_to_be_outside_them(kb):
    # round 21 c09: "Is ibuprofen ok ... how much?" got the vitamin D and B12 supplement text
    story = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("duration", "6")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    pills = [entity("medication", "other_medication")]
    for topic in ("supplements", "dose"):
        said = understood.Understood(asked=(Asked(topic, outside="ibuprofen"),), typed=True)
        answer = dialogue.converse(kb, default_interview(), [story, pills], first.state, "ask_supplements", pills, said).replies[0]
        assert "ibuprofen" in answer.text and "don't cover" in answer.text and "vitamin D" not in answer.text
    assert answer.text.startswith(dialogue.texts.NO_AMOUNT)  # how much: no amount, of anything


def test_words_that_answer_nothing_get_the_pending_question_once_more_not_the_next(kb):
    story = [entity("symptom", "twitching"), entity("body_part", "arm"), entity("duration", "6")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    assert first.state.pending == "nerve_symptoms"
    nothing = understood.Understood(typed=True)  # "still there"
    turn = dialogue.converse(kb, default_interview(), [story, []], first.state, "give_info", [], nothing)
    assert turn.state.pending == "nerve_symptoms" and turn.replies[-1].text.startswith(dialogue.texts.NO_ANSWER_HEARD)
    assert turn.replies[-1].progress["number"] == 1  # still question 1, not a new one
    # a second time the interview goes on (never a loop)
    again = dialogue.converse(kb, default_interview(), [story, [], []], turn.state, "give_info", [], nothing)
    assert again.state.pending == "caffeine"
    # a tap on "Not sure" is an answer
    unsure = dialogue.converse(kb, default_interview(), [story, []], first.state, "dont_know", [], nothing)
    assert unsure.state.pending == "caffeine"


def test_a_no_guessed_from_words_that_say_no_no_does_not_deny_weakness_or_numbness(kb):
    # "some. ok whatever" to "any weakness or numbness?": the classifier's "deny" alone went into the
    # summary as "Denied: numbness or tingling and weakness"
    story = [entity("symptom", "twitching"), entity("body_part", "thigh"), entity("duration", "60")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    assert first.state.pending == "nerve_symptoms"
    vague = understood.Understood(answers={"sleep": "deny", "check": "deny"}, typed=True)  # read for other questions
    turn = dialogue.converse(kb, default_interview(), [story, []], first.state, "deny", [], vague)
    assert turn.state.pending == "nerve_symptoms" and turn.replies[-1].text.startswith(dialogue.texts.NO_ANSWER_HEARD)
    again = dialogue.converse(kb, default_interview(), [story, [], []], turn.state, "deny", [], vague)
    assert again.state.pending == "caffeine"  # asked twice: the interview goes on, with nothing denied
    assert not any(f.get("role") == "absent" and f.get("value") == "weakness" for f in again.state.facts)
    said_no = understood.Understood(answers={"nerve_symptoms": "deny"}, worded=frozenset({"nerve_symptoms"}), typed=True)
    plain = dialogue.converse(kb, default_interview(), [story, []], first.state, "deny", [], said_no)  # "nope, none"
    assert plain.state.pending == "caffeine" and any(f.get("value") == "weakness" for f in plain.state.facts)


def test_ok_after_an_answer_takes_in_the_answer_and_is_no_answer_to_the_question_asked_again(kb):
    # "could the sertraline cause it?" answered, "Back to my question: How have you been sleeping?", then
    # "ok": the summary said "Denied: poor sleep"
    story = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("duration", "40")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    no = understood.Understood(answers={"nerve_symptoms": "deny"}, worded=frozenset({"nerve_symptoms"}), typed=True)
    second = dialogue.converse(kb, default_interview(), [story, []], first.state, "deny", [], no)
    assert second.state.pending == "caffeine"
    asked = understood.Understood(asked=(Asked("cause", outside="sertraline"),), typed=True)
    third = dialogue.converse(kb, default_interview(), [story, [], []], second.state, "ask_assessment", [], asked)
    assert third.state.pending == "caffeine" and third.replies[-1].text.startswith(dialogue.texts.BACK_TO_QUESTION)
    ok = understood.Understood(answers={"caffeine": "deny", "check": "deny"}, worded=frozenset({"caffeine"}), typed=True, acknowledged=True)
    fourth = dialogue.converse(kb, default_interview(), [story, [], [], []], third.state, "affirm", [], ok)
    assert fourth.state.pending not in (None, "caffeine")  # the interview goes on
    assert not any(f.get("value") == "caffeine" for f in fourth.state.facts)  # nothing taken from "ok"
    # "ok" to the question asked the first time is still its plain answer
    direct = dialogue.converse(kb, default_interview(), [story, [], []], second.state, "affirm", [], ok)
    assert any(f.get("value") == "caffeine" for f in direct.state.facts)


def test_a_question_about_something_else_is_said_to_be_outside_and_the_interview_goes_on(kb):
    story = [entity("symptom", "twitching"), entity("body_part", "arm")]
    said = understood.Understood(asked=(Asked("off_topic", confidence=0.9),), typed=True)  # "...best pizza place near me?"
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    turn = dialogue.converse(kb, default_interview(), [story, []], first.state, "ask_explanation", [], said)
    assert turn.replies[0].text == dialogue.texts.OFF_TOPIC and "assessment" not in kinds(turn.replies)
    assert turn.replies[-1].text.startswith(dialogue.texts.BACK_TO_QUESTION) and turn.state.pending == first.state.pending


def test_a_writer_under_18_is_told_their_sources_are_about_adults_in_the_second_person(kb):
    teen = [entity("person", "young_writer"), entity("symptom", "twitching"), entity("body_part", "arm"),
            entity("lifestyle_factor", "caffeine")]  # fmt: skip
    turn = dialogue.converse(kb, default_interview(), [teen], State(), "describe_symptoms", teen)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "under 18" in text and "your child" not in text and "coffee" not in text.lower()  # no adult caffeine advice
    card = next(r.custom for r in turn.replies if r.custom and r.custom["type"] == "assessment")
    assert card["triage"] == "doctor" and card["causes"] == []  # the child row: a doctor, no adult causes
    summary = dialogue.summary_reply(kb, dialogue.assess(kb, dialogue.evidence_from([teen])))
    assert summary.custom["person"] == "young_writer" and "under 18" in summary.text


def test_someone_asking_for_another_adult_is_asked_about_them(kb):
    partner = [entity("person", "other_adult"), entity("symptom", "twitching"), entity("body_part", "arm"), entity("duration", "30")]
    first = dialogue.converse(kb, default_interview(), [partner], State(), "describe_symptoms", partner)
    question = next(r for r in first.replies if r.buttons)
    assert question.text.startswith("Have they noticed") and " you" not in question.text
    mine = [entity("symptom", "twitching"), entity("body_part", "arm"), entity("duration", "30")]
    own = dialogue.converse(kb, default_interview(), [mine], State(), "describe_symptoms", mine)
    assert next(r for r in own.replies if r.buttons).text.startswith("Have you noticed")


def test_a_warning_word_about_another_adult_is_checked_about_them_not_the_writer(kb):
    mum = [entity("person", "other_adult"), entity("symptom", "twitching"), entity("symptom", "confusion", "unsure")]
    turn = dialogue.converse(kb, default_interview(), [mum], State(), "describe_symptoms", mum)
    check = turn.replies[-1]
    assert check.text.startswith("Just to check: have they been confused") and " you" not in check.text
    mine = [entity("symptom", "twitching"), entity("symptom", "confusion", "unsure")]
    own = dialogue.converse(kb, default_interview(), [mine], State(), "describe_symptoms", mine)
    assert own.replies[-1].text.startswith("Just to check: have you been confused")


def test_is_that_related_about_a_symptom_just_told_is_answered_before_the_interview_goes_on(kb):
    story = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("duration", "10")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    told = [entity("symptom", "dark_urine")]
    said = heard(kb, "also my pee has gone really dark, could that be connected?")
    turn = dialogue.converse(kb, default_interview(), [story, told], first.state, "describe_symptoms", told, said)
    answer = next(r for r in turn.replies if (r.custom or {}).get("question") == "cause")
    assert "dark urine" in answer.text and "dehydration" in answer.text.lower() and answer.custom["sources"]
    assert turn.replies[-1].buttons  # then the interview's question again
    # without the question it is a fact told, not a question to answer
    quiet = dialogue.converse(kb, default_interview(), [story, told], first.state, "describe_symptoms", told,
                              heard(kb, "also my pee has gone really dark"))  # fmt: skip
    assert not any((r.custom or {}).get("question") == "cause" for r in quiet.replies)


def test_an_everyday_cause_offered_at_an_urgent_level_gets_the_level_not_it_fits(kb):
    calf = [entity("symptom", "calf_swelling"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [calf], State(), "describe_symptoms", calf)
    assert first.replies[0].custom["triage"] == "urgent"
    exercise = understood.Understood(asked=(Asked("cause", subject="strenuous_exercise"),), typed=True)
    turn = dialogue.answer(kb, default_interview(), [calf, []], first.state, [], exercise)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "it fits" not in text and dialogue.texts.CANNOT_TELL_NOW in text and "today" in text


def test_new_facts_after_the_assessment_give_a_fresh_one(kb):
    transcript, _ = play(
        kb,
        [
            ("describe_symptoms", [entity("symptom", "cramps")]),
            ("ask_assessment", []),
            ("give_info", [entity("medication", "corticosteroid", text="prednisone")]),
        ],
    )
    fresh = next(r.custom for r in transcript[2] if r.custom and r.custom["type"] == "assessment")
    assert fresh["causes"][0]["id"] == "medication_side_effect" and fresh["triage"] == "doctor"
    assert transcript[2][0].text.startswith("Here is what I understood") and "a steroid (corticosteroid)" in transcript[2][0].text


def test_what_else_could_it_be_lists_other_causes(kb):
    transcript, _ = play(
        kb, [("describe_symptoms", [entity("lifestyle_factor", "caffeine")]), ("ask_assessment", []), ("ask_other_causes", [])]
    )
    shown = {c["id"] for c in next(r.custom for r in transcript[1] if r.custom)["causes"]}
    other = transcript[2][0].text
    assert other.startswith("Other possibilities") and not any(kb.causes[c].name in other for c in shown)


def test_doctor_question_answers_for_this_user(kb):
    said = heard(kb, "when should I see a doctor")
    turn = dialogue.explain(kb, [[entity("symptom", "weakness")]], State(), [], said, "ask_doctor")
    assert turn.replies[0].text.startswith("For you: See a doctor")
    assert turn.replies[1].custom["topic"] == "doctor"


def test_a_crisis_gets_a_short_kind_answer_and_nothing_else(kb):
    transcript, state = play(kb, [("describe_symptoms", [entity("symptom", "twitching"), entity("symptom", "self_harm")])])
    (reply,) = transcript[0]  # no say-back, no interview question: twitching advice waits
    assert reply.custom["type"] == "escalation"
    assert reply.custom["triage"] == "emergency" and reply.custom["red_flags"] == ["self_harm"]
    assert "crisis line" in reply.text and "988" in reply.text
    assert not reply.buttons and "What helps" not in reply.text
    assert state.announced == "emergency"


CRISIS = ("describe_symptoms", [entity("symptom", "twitching"), entity("symptom", "self_harm")])


def test_after_a_crisis_answer_ok_or_more_story_does_not_resume_the_interview(kb):
    transcript, state = play(kb, [CRISIS, ("affirm", []), ("give_info", [entity("lifestyle_factor", "caffeine")])])
    for replies in transcript[1:]:
        (reply,) = replies  # the person first: no interview question, no assessment, no advice
        assert not reply.buttons and not reply.custom and "988" in reply.text
        assert "?" not in reply.text and "What helps" not in reply.text
    assert state.asked == () and state.announced == "emergency" and not state.assessed


def test_after_a_crisis_answer_an_asked_assessment_is_given(kb):
    transcript, state = play(kb, [CRISIS, ("ask_assessment", [entity("symptom", "fatigue")])])
    assert "assessment" in kinds(transcript[1])  # "unless they ask for it"
    # at the twitching's own level, said as the twitching's, with the line kept open; the crisis level held, not lowered,
    # and neither "what may be behind it is for later" above the causes nor the crisis card again (round 41 c30)
    text = " ".join(r.text or "" for r in transcript[1])
    assert dialogue.texts.NOT_NOW_CAUSES not in text and "escalation" not in kinds(transcript[1])
    assert dialogue.texts.FOR_THE_TWITCHING in text and transcript[1][-1].text == dialogue.texts.AFTER_CRISIS_ANSWERED
    assert state.announced == "emergency" and state.crisis
    # the writer's own exhaustion, told beside the question: heard first (round 41 c30)
    assert transcript[1][0].text == dialogue.texts.FEELINGS_AFTER_CRISIS
    transcript, _ = play(kb, [CRISIS, ("ask_assessment", [entity("lifestyle_factor", "caffeine")])])
    assert dialogue.texts.FEELINGS_AFTER_CRISIS not in [r.text for r in transcript[1]]


def test_thanks_after_a_crisis_answer_stays_with_the_person_instead_of_the_fixed_response(kb):
    history = [CRISIS[1], []]
    state = State(announced="emergency", crisis=True)
    turn = dialogue.after_escalation(kb, history, state, "thank")
    assert turn is not None and "988" in turn.replies[0].text and "twitching right now" in turn.replies[0].text
    assert "come back" in dialogue.after_escalation(kb, history, state, "goodbye").replies[0].text
    assert dialogue.after_escalation(kb, [[entity("symptom", "twitching")], []], State(), "thank") is None


def test_a_denied_thought_of_self_harm_raises_nothing(kb):
    transcript, state = play(kb, [("describe_symptoms", [entity("symptom", "twitching"), entity("symptom", "self_harm", "absent")])])
    assert "escalation" not in kinds(transcript[0])
    assert state.announced is None


def test_a_factor_asked_about_points_to_what_the_table_says(kb):
    topics = understood.factor_topics(kb)
    assert understood.factor_topics(kb) is topics  # worked out once per knowledge base
    assert topics["caffeine"] == "caffeine_stimulants" and topics["heavy_sweating"] == "dehydration_electrolytes"
    assert topics["low_sun_exposure"] == topics["darker_skin"] == topics["high_latitude"] == "sun"
    assert topics["magnesium_supplement"] == "supplements"
    assert topics["diuretic"] == "medication_side_effect"  # a tie with low potassium: the cause that names it


def test_a_later_word_overrides_a_quick_reply_and_the_bot_says_so(kb):
    transcript, state = play(
        kb,
        [
            ("describe_symptoms", [entity("symptom", "twitching"), entity("duration", "5")]),
            ("deny", []),  # "Neither" to weakness, numbness or tingling
            ("give_info", [entity("symptom", "numbness_tingling", text="kind of numb"), entity("body_part", "hand")]),
            ("ask_assessment", []),
        ],
    )
    assert transcript[2][0].text == "Thanks, I've changed that: you do have numbness or tingling."
    assessment = next(r.custom for r in transcript[3] if r.custom and r.custom["type"] == "assessment")
    assert assessment["triage"] == "doctor" and "numbness_tingling" in assessment["red_flags"]


def test_a_corrected_duration_is_checked_said_back_and_counts(kb):
    transcript, _ = play(
        kb,
        [
            ("describe_symptoms", [entity("symptom", "twitching"), entity("duration", "1095")]),
            ("give_info", [entity("duration", "21")]),
            ("affirm", []),
            ("ask_assessment", []),
        ],
    )
    assert transcript[1][-1].text == "Just to check: has the twitching lasted about 3 weeks in all, rather than 3 years?"
    assert transcript[2][0].text == "Thanks, I've changed that: it has lasted about 3 weeks, not 3 years."
    assessment = next(r.custom for r in transcript[3] if r.custom and r.custom["type"] == "assessment")
    assert assessment["triage"] == "doctor"  # more than 14 days, still


def test_a_shorter_span_said_later_does_not_lower_the_level_unless_confirmed(kb):
    """ "3 weeks", then "it's been a few days" (since we spoke?): the level stays until the user
    says the twitching itself lasted that long; then the reply says what changed and the new level."""
    start = [
        ("describe_symptoms", [entity("symptom", "twitching"), entity("duration", "21")]),
        ("ask_assessment", []),
        ("give_info", [entity("duration", "3")]),
    ]
    transcript, state = play(kb, [*start, ("deny", []), ("ask_assessment", [])])
    assert transcript[2][-1].text.startswith("Just to check: has the twitching lasted about 3 days in all")
    assessment = next(r.custom for r in transcript[4] if r.custom and r.custom["type"] == "assessment")
    assert assessment["triage"] == "doctor" and state.announced == "doctor"
    transcript, state = play(kb, [*start, ("affirm", [])])
    change = next(r for r in transcript[3] if r.custom and r.custom["type"] == "level_change")
    assert change.custom["before"] == "doctor" and change.custom["triage"] == "self_care"
    assert "it has lasted about 3 days, not 3 weeks" in change.text and "Self-care" in change.text
    assert state.announced == "self_care"


def test_a_corrected_red_flag_lowers_the_level_out_loud_and_a_new_one_escalates_again(kb):
    chest = [entity("symptom", "twitching"), entity("symptom", "chest_pain")]
    transcript, state = play(
        kb,
        [
            ("describe_symptoms", chest),
            ("deny", [entity("symptom", "chest_pain", "absent")]),  # "sorry, no chest pain, I misread"
            ("describe_symptoms", [entity("symptom", "chest_pain")]),  # "actually it is there again"
        ],
    )
    assert kinds(transcript[0])[0] == "escalation"
    change = transcript[1][0]
    assert change.custom["type"] == "level_change" and change.custom["before"] == "emergency"
    assert "you don't have chest pain" in change.text and "Emergency" in change.text
    assert sum(r.text == change.text for turn in transcript for r in turn) == 1
    assert kinds(transcript[2])[0] == "escalation" and state.announced == "emergency"


def test_a_correction_says_what_changed_in_english_and_of_the_right_person(kb):
    # "no he sleeps ok" taken for no caffeine, then "he drinks maybe 5 coffees": was "you do have caffeine"
    husband = [entity("symptom", "twitching"), entity("person", "other_adult"), entity("duration", "30")]
    transcript, _ = play(
        kb,
        [
            ("describe_symptoms", husband),
            ("deny", [entity("lifestyle_factor", "caffeine", "absent"), entity("symptom", "weakness", "absent")]),
            ("give_info", [entity("lifestyle_factor", "caffeine"), entity("symptom", "weakness")]),
        ],
    )
    said = " ".join(r.text or "" for r in transcript[2])
    assert "heavy caffeine use after all" in said and "they do have weakness" in said
    assert "you do have" not in said


def test_another_symptoms_duration_does_not_replace_the_twitchings(kb):
    transcript, state = play(
        kb,
        [
            ("describe_symptoms", [entity("symptom", "twitching"), entity("duration", "60")]),
            # "wait, my right hand has felt weaker the last week"
            ("describe_symptoms", [entity("symptom", "weakness"), entity("duration", "7")]),
        ],
    )
    said = " ".join(r.text or "" for r in transcript[1])
    assert "not 2 months" not in said and "7 days" not in said
    assert dialogue.evidence_from([[entity("symptom", "twitching"), entity("duration", "60")], [entity("symptom", "weakness"), entity("duration", "7")]], state).duration_days == 60
    # round 24 c04: "Oh actually, since this morning I've had a pounding headache" (read as a correction): the headache's
    twitching = [entity("symptom", "twitching"), entity("duration", "7")]
    headache = [entity("symptom", "headache"), entity("duration", "0", "corrected")]
    assert dialogue.evidence_from([twitching, headache], state).duration_days == 7


def test_a_warning_word_that_may_be_a_figure_of_speech_is_checked_with_one_question(kb):
    said = [entity("body_part", "calf"), entity("symptom", "tetany", "unsure", text="seizes up")]
    transcript, state = play(kb, [("describe_symptoms", said), ("affirm", [])])
    assert transcript[0][-1].text.startswith("Just to check: does the muscle lock")
    assert [b["payload"] for b in transcript[0][-1].buttons] == ["/affirm", "/deny"]
    assert "escalation" not in kinds(transcript[0])  # not escalated on a guess
    escalation = next(r.custom for r in transcript[1] if r.custom and r.custom["type"] == "escalation")
    assert escalation["triage"] == "urgent" and escalation["red_flags"] == ["tetany"]

    transcript, state = play(kb, [("describe_symptoms", said), ("deny", []), ("ask_assessment", [])])
    assert "escalation" not in kinds(transcript[1]) + kinds(transcript[2])
    assessment = next(r.custom for r in transcript[2] if r.custom and r.custom["type"] == "assessment")
    assert assessment["triage"] == "self_care"
    assert state.asked.count("confirm:symptom:tetany") == 1  # asked once


def places(transcript):
    """(number, total) of every interview question asked, in order: the widget's "question 2 of 4"."""
    return [(r.progress["number"], r.progress["total"]) for replies in transcript for r in replies if r.progress]


def test_each_interview_question_says_where_it_stands(kb):
    transcript, _ = play(kb, EYELID_INTERVIEW)
    assert places(transcript) == [(1, 4), (2, 4), (3, 4), (4, 4)]
    asked = [r.progress["question"] for replies in transcript for r in replies if r.progress]
    assert asked == ["duration", "nerve_symptoms", "caffeine", "sleep"]
    question = transcript[0][-1]
    assert question.payload == question.progress and question.payload["type"] == "interview"  # what the action sends
    assert question.custom is None  # a question is no card


def test_the_total_counts_only_what_is_still_unknown_and_falls_when_more_is_told(kb):
    told = [
        entity("symptom", "twitching"),
        entity("duration", "20"),
        entity("symptom", "weakness", "absent"),
        entity("lifestyle_factor", "caffeine"),
        entity("lifestyle_factor", "poor_sleep"),
        entity("lifestyle_factor", "stress"),
        entity("medication", "diuretic"),
    ]  # left unknown: exercise, fluids, diet, alcohol
    transcript, _ = play(
        kb,
        [("describe_symptoms", told), ("deny", [entity("diet", "vegan"), entity("lifestyle_factor", "alcohol")])],
    )
    assert places(transcript) == [(1, 4), (2, 2)]  # diet and alcohol were told with the answer


def test_a_check_of_a_warning_word_is_not_counted_as_an_interview_question(kb):
    said = [entity("body_part", "calf"), entity("symptom", "tetany", "unsure", text="seizes up")]
    transcript, _ = play(kb, [("describe_symptoms", said), ("deny", [])])
    assert transcript[0][-1].text.startswith("Just to check") and transcript[0][-1].progress is None
    assert places(transcript) == [(1, 4)]  # the first real question is still number 1


def test_a_question_asked_again_after_an_answer_keeps_its_place(kb):
    state = State(asked=("duration", "nerve_symptoms"), pending="nerve_symptoms")
    history = [[entity("symptom", "twitching")], [entity("duration", "3")], []]
    turn = dialogue.converse(kb, default_interview(), history, state, "ask_normal", [], heard(kb, "is this normal?"))
    again = turn.replies[-1]
    assert again.text.startswith("Back to my question: Have you noticed")
    assert (again.progress["question"], again.progress["number"], again.progress["total"]) == ("nerve_symptoms", 2, 4)


def test_foods_asked_for_with_one_suspect_nutrient_add_the_calming_minerals(kb):
    """A stressed vegan coffee drinker asking what to eat: vitamin B12 foods, and magnesium, calcium
    and potassium ones too, all fitting the diet (not a one-line list of fortified cereals)."""
    said = [entity("symptom", "twitching"), entity("diet", "vegan"), entity("lifestyle_factor", "stress"), entity("lifestyle_factor", "caffeine")]
    turn = dialogue.foods(kb, [said, []], State(), [])
    card = next(r.custom for r in turn.replies if r.custom and r.custom["type"] == "foods")
    text = " ".join(r.text or "" for r in turn.replies)
    assert "vitamin B12" in text and "magnesium" in text and "potassium" in text
    assert not any(word in text for word in ("meat", "fish", "dairy", "eggs")), card


def test_a_possible_thought_of_self_harm_is_asked_about_beside_an_escalation(kb):
    said = [entity("symptom", "chest_pain"), entity("symptom", "self_harm", "unsure")]
    transcript, state = play(kb, [("describe_symptoms", said)])
    assert kinds(transcript[0])[0] == "escalation"  # what to do now comes first
    assert transcript[0][-1].text.startswith("Just to check") and "harming yourself" in transcript[0][-1].text
    assert state.pending == "confirm:symptom:self_harm"
    transcript, state = play(kb, [("describe_symptoms", said), ("affirm", [])])
    (reply,) = transcript[1]  # "yes": the crisis answer, though the level was already an emergency
    assert "self_harm" in reply.custom["red_flags"] and "988" in reply.text and state.crisis


def test_an_unsure_sign_that_would_raise_an_escalation_is_asked_about_beside_it(kb):
    # words that came out wrong (urgent) and a face that may have drooped: the stroke's check now, not turns later
    said = [entity("symptom", "slurred_speech"), entity("symptom", "facial_droop", "unsure"), entity("symptom", "twitching")]
    transcript, state = play(kb, [("describe_symptoms", said)])
    assert kinds(transcript[0])[0] == "escalation" and transcript[0][0].custom["triage"] == "urgent"
    assert transcript[0][-1].text.startswith("Just to check") and state.pending == "confirm:symptom:facial_droop"
    assert "even if it has passed" in transcript[0][-1].text  # a stroke's sign counts once it has passed too
    transcript, _ = play(kb, [("describe_symptoms", said), ("affirm", [])])
    assert any(r.custom and r.custom.get("triage") == "emergency" for r in transcript[1])
    # a sign that would not change what to do now waits: possible confusion beside an emergency is not asked at once
    calm = [entity("symptom", "chest_pain"), entity("symptom", "confusion", "unsure")]
    transcript, state = play(kb, [("describe_symptoms", calm)])
    assert kinds(transcript[0]) == ["escalation"] and state.pending is None


def test_no_twitching_gets_what_the_assistant_covers_and_no_twitching_interview(kb):
    back = [entity("symptom", "twitching", "absent"), entity("symptom", "muscle_aches"), entity("body_part", "back")]
    transcript, state = play(kb, [("describe_symptoms", back)])
    said = " ".join(r.text or "" for r in transcript[0])
    assert "only know about muscle twitching, cramps and spasms" in said and "muscle aches" in said
    assert "twitching been going on" not in said and state.pending is None
    numb = [entity("symptom", "numbness_tingling"), entity("body_part", "hand")]
    transcript, _ = play(kb, [("describe_symptoms", numb)])
    said = " ".join(r.text or "" for r in transcript[0])
    assert "only know about" in said and "See a doctor" in said  # the policy's level, outside the documents too
    transcript, _ = play(kb, [("describe_symptoms", back), ("describe_symptoms", [entity("symptom", "twitching")])])
    assert transcript[1][-1].text == "How long has the twitching been going on?"  # back in, once they do


def test_a_summary_before_anything_was_told_asks_for_the_story(kb):
    turn = dialogue.summary(kb, [[]], State())
    assert [r.custom["type"] for r in turn.replies] == ["explanation"] and "nothing to summarise" in turn.replies[0].text
    assert turn.replies[0].custom["question"] == "summary"  # no summary card of nothing


def test_i_dont_know_to_every_question_is_no_verdict_that_nothing_is_wrong(kb):
    idk = [("describe_symptoms", [entity("symptom", "twitching"), entity("body_part", "eyelid")])] + [("dont_know", [])] * 4
    transcript, _ = play(kb, idk)
    said = " ".join(r.text or "" for r in transcript[-1])
    assert "nothing you told me points to a problem" not in said.lower()
    assert "I don't know how long it has lasted and whether there is weakness or numbness" in said


def test_pushback_on_an_emergency_keeps_the_level_and_explains_it_once_more(kb):
    pushed = understood.Understood(asked=(understood.Asked("pushback"),))
    history = [[entity("symptom", "twitching"), entity("symptom", "chest_pain")], []]
    first = dialogue.converse(kb, default_interview(), history[:1], State(), "describe_symptoms", history[0])
    turn = dialogue.converse(kb, default_interview(), history, first.state, "deny", [], pushed)
    assert [r.custom["question"] for r in turn.replies] == ["pushback"]  # no interview question on top
    assert "Call emergency services" in turn.replies[0].text and turn.state.announced == "emergency"
    assert turn.replies[0].text != first.replies[0].text
    # the level and its main reason, not the whole card again
    assert "What I heard" not in turn.replies[0].text and "The main reason:" in turn.replies[0].text


def test_nothing_is_sent_twice_in_the_same_words_within_three_messages():
    question = dialogue.Reply(text="How have you been sleeping lately?", buttons=[{"title": "Fine", "payload": "/deny"}])
    answer = dialogue.Reply(text="Magnesium calms nerves.\nFoods: almonds, spinach.", custom={"type": "explanation"})
    recent = ["How have you been sleeping lately?", "Magnesium calms nerves.\nFoods: almonds, spinach."]
    first = dialogue.not_again([question, answer], recent)
    assert first[0].text.endswith("How have you been sleeping lately?") and first[0].text not in recent
    assert first[0].buttons == question.buttons  # the buttons stay with the question
    assert first[1].text.startswith("As I said just above: Magnesium calms nerves.") and "another way" in first[1].text
    again = dialogue.not_again([question], [*recent, first[0].text])
    assert again[0].text not in [*recent, first[0].text]
    assert dialogue.not_again([question], []) == [question]  # said for the first time: as it is
    # a line added beside an answer (the level, the crisis line), sent just before: not again at all
    extra = dialogue.Reply(text=dialogue.texts.AFTER_CRISIS_ANSWERED)
    assert dialogue.not_again([answer, extra], [extra.text])[1:] == []


def test_a_sentence_of_the_sources_sent_a_turn_before_is_not_sent_again_inside_the_next_answer():
    # "can I take magnesium?" then "how much?" in pregnancy: the midwife paragraph came twice in a row
    midwife = "Please ask your midwife, doctor or pharmacist before you take any supplement or change a medicine."
    signs = "In pregnancy, a bad headache or flashing lights needs a midwife or doctor the same day."
    before = [f"{midwife}\n{signs}\nI can't diagnose: this is general information, not a medical opinion.", "Have you noticed any weakness?"]
    dose = dialogue.Reply(
        text="I don't give doses of any supplement; that is for a doctor to decide.\nAbout supplements:\n"
        f"{signs}\nVitamin D comes as D2 or D3; which one is your doctor's call.\n(Sources: \"Doc\", section \"S\")",
        custom={"type": "explanation", "question": "dose"},
    )
    follow_ups = [{"title": "Why?", "payload": "/ask_explanation"}]  # the answer that ends a turn carries them
    again = dialogue.Reply(text=f"{midwife}\n{signs}", custom={"type": "explanation", "question": "pregnancy"}, buttons=follow_ups)
    out = dialogue.not_again([dose, again], [before[-1]], before)
    assert signs not in out[0].text and "D2 or D3" in out[0].text and "About supplements:" in out[0].text
    # asked again beside a new answer ("so can I take magnesium or not??"): the midwife's answer said shorter
    assert out[1].text.startswith(dialogue.texts.SAID_EARLIER) and out[1].text.count(midwife) == 1
    # under a card (round 24 c21: "As I said earlier: My sources don't cover pregnancy" under the food list): not at all
    foods = dialogue.Reply(text="Foods that supply magnesium:\n- spinach", custom={"type": "foods"})
    assert dialogue.not_again([foods, again], [before[-1]], before) == [foods]
    twice = dialogue.not_again([again, again], [before[-1]], before)
    assert len(twice) == 1  # one pointer back a turn, never two
    alone = dialogue.not_again([again], [before[-1]], before)
    # asked again alone: said shorter and pointed to, "earlier" and not "just above"
    assert alone[0].text.startswith(dialogue.texts.SAID_EARLIER) and alone[0].text.count(midwife) == 1
    assert alone[0].custom == again.custom and alone[0].buttons == follow_ups  # still the answer to what was asked
    assert dialogue.not_again([again], [], []) == [again]  # said for the first time: whole


def test_staying_with_a_person_in_crisis_is_said_in_other_words_not_pointed_to(kb):
    crisis = [[entity("symptom", "self_harm")]]
    result = dialogue.assess(kb, dialogue.evidence_from(crisis))
    stay = dialogue.stay_with(result, dialogue.Turn()).replies
    sent = [stay[0].text]
    for _ in range(2):
        again = dialogue.not_again(stay, sent)[0].text
        assert again not in sent and "As I said" not in again and "988" in again
        sent.append(again)


def test_after_an_emergency_ok_is_acknowledged_and_anything_else_gets_the_emergency_again_not_the_interview(kb):
    chest = [entity("symptom", "twitching"), entity("symptom", "chest_pain")]
    first = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest)

    def then(intent, said=dialogue.NOTHING_ASKED):
        return dialogue.converse(kb, default_interview(), [chest, []], first.state, intent, [], said)

    thanks = then("thank", understood.Understood(small_talk=True))  # "thanks, calling them now"
    assert thanks.replies[0].text.startswith("Good, that's the right thing to do") and thanks.state.pending is None
    # a bare "ok", or words only taken for a goodbye ("really?? it stopped"): the action in case they are not going
    for turn in (then("affirm"), then("goodbye")):
        assert "If not, please don't wait" in turn.replies[0].text and "emergency" in turn.replies[0].text
    other = then("give_info")
    assert [r.custom and r.custom["question"] for r in other.replies] == ["pushback"]
    assert "Call emergency services" in other.replies[0].text

@pytest.mark.parametrize(
    "text", ["fine, I'll go once the kids are asleep", "ok i'll head to A&E after my shift", "I'll call them in an hour"]
)
def test_agreeing_to_go_after_a_wait_is_no_agreement_at_an_emergency_but_is_at_a_level_of_today(kb, text):
    # round 41: "I'll go to A&E after work" after an emergency got "Good, that's the right thing to do"
    chest = [entity("symptom", "twitching"), entity("symptom", "chest_pain")]
    first = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest)
    turn = dialogue.converse(kb, default_interview(), [chest, []], first.state, "affirm", [], _typed(kb, text))
    assert "don't wait" in turn.replies[0].text and "Good" not in turn.replies[0].text
    heart = [entity("symptom", "twitching"), entity("symptom", "irregular_heartbeat")]
    first = dialogue.converse(kb, default_interview(), [heart], State(), "describe_symptoms", heart)
    turn = dialogue.converse(kb, default_interview(), [heart, []], first.state, "affirm", [], _typed(kb, text))
    assert turn.replies[0].text == dialogue.texts.AGREED["urgent"]


def test_a_wait_in_a_question_beside_agreeing_is_no_wait_told(kb):
    # the before-stop read: "when he sits up" in a question beside "calling now" is no "once the kids are asleep"
    chest = [entity("symptom", "twitching"), entity("symptom", "chest_pain")]
    first = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest)
    said = _typed(kb, "ok calling 999 now. is it normal that it comes and goes when he sits up?")
    turn = dialogue.converse(kb, default_interview(), [chest, []], first.state, "affirm", [], said)
    assert "later_today" not in said.objections and "until then" not in " ".join(r.text or "" for r in turn.replies)


def test_more_of_the_story_after_an_urgent_level_is_said_back_with_the_level_not_the_interview(kb):
    urgent = [entity("symptom", "twitching"), entity("symptom", "irregular_heartbeat")]
    transcript, state = play(kb, [("describe_symptoms", urgent), ("give_info", [entity("lifestyle_factor", "caffeine")])])
    assert kinds(transcript[0])[0] == "escalation"
    said = [r.text for r in transcript[1]]
    assert said[0].startswith("Here is what I understood") and transcript[1][-1].custom["question"] == "pushback"
    assert state.pending is None and "How much caffeine" not in " ".join(said)


def test_foods_and_another_question_in_one_message_are_both_answered(kb):
    said = understood.Understood(asked=(understood.Asked("see_doctor"), understood.Asked("foods", "magnesium")))
    history = [[entity("symptom", "twitching"), entity("duration", "5")], [entity("nutrient", "magnesium")]]
    turn = dialogue.foods(kb, history, State(assessed=True), history[-1], said, default_interview())
    answered = {(r.custom or {}).get("question") or (r.custom or {}).get("type") for r in turn.replies}
    assert {"see_doctor", "foods"} <= answered


def test_a_supplement_question_from_someone_pregnant_earlier_gets_the_midwife_answer(kb):
    history = [[entity("symptom", "cramps"), entity("lifestyle_factor", "pregnancy")], [entity("nutrient", "magnesium")]]
    said = understood.Understood(asked=(understood.Asked("supplements", "magnesium"),))
    turn = dialogue.explain(kb, history, State(assessed=True), history[-1], said, "ask_supplements", default_interview())
    assert "pregnancy" in [(r.custom or {}).get("question") for r in turn.replies]
    turn = dialogue.explain(kb, history, State(assessed=True), history[-1], understood.Understood(), "ask_supplements")
    assert "pregnancy" in [(r.custom or {}).get("question") for r in turn.replies]


def test_a_child_taken_back_by_the_writer_is_no_longer_the_patient(kb):
    child = [entity("symptom", "twitching"), entity("person", "child"), entity("body_part", "eyelid")]
    me = [entity("person", "child", "absent"), entity("symptom", "twitching")]  # "no it's me twitching, not the baby"
    ev = dialogue.evidence_from([child, me])
    assert not dialogue.is_child(ev) and "person:child" not in ev.absent  # nothing the summary lists as denied


def test_a_question_about_a_child_after_the_childs_answer_is_answered_for_a_child(kb):
    child = [entity("person", "child"), entity("symptom", "twitching"), entity("body_part", "eyelid")]
    said = understood.Understood(asked=(understood.Asked("supplements", "magnesium"),))
    first = dialogue.converse(kb, default_interview(), [child], State(), "describe_symptoms", child)
    turn = dialogue.explain(kb, [child, []], first.state, [], said, "ask_supplements", default_interview())
    assert [r.custom["question"] for r in turn.replies] == ["supplements"]
    assert "child" in turn.replies[0].text and "doctor" in turn.replies[0].text
    assert turn.replies[0].text != first.replies[0].text


def test_an_answer_in_own_words_read_short_of_sure_is_said_back_once(kb):
    start = [entity("symptom", "twitching"), entity("duration", "5"), entity("symptom", "weakness", "absent"),
             entity("symptom", "numbness_tingling", "absent"), entity("lifestyle_factor", "caffeine", "absent")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [start], State(), "describe_symptoms", start)
    assert first.state.pending == "sleep"
    unsure = understood.Understood(answers={"sleep": "affirm"}, unsure_answers=frozenset({"sleep"}))
    turn = dialogue.converse(kb, default_interview(), [start, []], first.state, "give_info", [], unsure)
    assert turn.replies[0].text == "I took that as \u201cBadly or too little\u201d; tell me if I got it wrong."
    sure = understood.Understood(answers={"sleep": "affirm"})
    turn = dialogue.converse(kb, default_interview(), [start, []], first.state, "give_info", [], sure)
    assert not any("I took that" in (r.text or "") for r in turn.replies)
    assert "lifestyle_factor:poor_sleep" in dialogue.evidence_from([start, []], turn.state).present


def test_a_correction_of_the_span_read_unsurely_as_an_answer_answers_nothing(kb):
    # round 40 c28: "wait actually ... its been more like 3 weeks not 3 days. my bad" to the sleep question was taken
    # as its answer ("I took that as ...") and never asked again
    start = [entity("symptom", "twitching"), entity("duration", "5"), entity("symptom", "weakness", "absent"),
             entity("symptom", "numbness_tingling", "absent"), entity("lifestyle_factor", "caffeine", "absent")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [start], State(), "describe_symptoms", start)
    fixed = [entity("duration", "21", "corrected")]
    unsure = understood.Understood(answers={"sleep": "deny"}, unsure_answers=frozenset({"sleep"}))
    turn = dialogue.converse(kb, default_interview(), [start, fixed], first.state, "give_info", fixed, unsure)
    said = [r.text or "" for r in turn.replies]
    assert not any("I took that" in t for t in said) and said[-1].startswith("Back to my question: How have you been sleeping")
    assert "lifestyle_factor:poor_sleep" not in dialogue.evidence_from([start, fixed], turn.state).absent


def test_can_it_wait_read_as_push_back_below_an_urgent_level_is_answered_as_when_to_be_seen(kb):
    # round 40 c18: "Little or none. my GP cant see me till next thursday, can it wait till then?" mid-interview: the
    # answer kept, the question passed over (read as push back, with nothing urgent to push back on)
    start = [entity("symptom", "twitching"), entity("duration", "21"), entity("symptom", "weakness", "absent"),
             entity("symptom", "numbness_tingling", "absent")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [start], State(), "describe_symptoms", start)
    assert first.state.pending == "caffeine"
    said = understood.Understood(asked=(Asked("pushback", confidence=0.81),), answers={"caffeine": "deny"},
                                 worded=frozenset({"caffeine"}), objections=("later",), typed=True)  # fmt: skip
    turn = dialogue.converse(kb, default_interview(), [start, []], first.state, "deny", [], said)
    questions = [r.custom.get("question") for r in turn.replies if r.custom]
    assert "see_doctor" in questions and "pushback" not in questions
    assert "lifestyle_factor:caffeine" in dialogue.evidence_from([start, []], turn.state).absent  # the answer kept


def test_push_back_in_the_message_that_raises_the_level_is_no_advice_that_stays_the_same(kb):
    # round 41 c24: "on and off for years honestly, its just when im tired. anyway thanks, bye" (the years raised the level
    # to a doctor) got "I understand this isn't what you hoped to hear ... my advice stays the same"
    start = [entity("symptom", "twitching"), entity("body_part", "eyelid")]
    first = dialogue.converse(kb, default_interview(), [start], State(), "describe_symptoms", start)
    assert first.state.pending == "duration" and first.state.announced is None
    years = [entity("duration", "730")]
    said = understood.Understood(asked=(Asked("pushback", confidence=0.8),), objections=("explained",), typed=True)
    turn = dialogue.converse(kb, default_interview(), [start, years], first.state, "give_info", years, said)
    assert not any(dialogue.texts.PUSHBACK_LEAD in (r.text or "") for r in turn.replies)
    # once that level was told, push back on it is answered as push back
    told = replace(turn.state, announced="doctor", pending=None)
    again = dialogue.converse(kb, default_interview(), [start, years, []], told, "give_info", [], said)
    assert any(dialogue.texts.PUSHBACK_LEAD in (r.text or "") for r in again.replies)


def test_a_span_told_right_after_another_warning_sign_is_that_signs_not_the_twitchings(kb):
    # round 41 c25: "sometimes my heart does this flip flop thing", then "its been like that for years tbh": the summary
    # said the 5-day twitch had lasted "about 2 years", and the correction was held as a question that waited
    start = [entity("symptom", "twitching"), entity("body_part", "back"), entity("duration", "5")]
    heart = [entity("symptom", "irregular_heartbeat")]
    years = [entity("duration", "730")]
    assert dialogue.evidence_from([start, heart, years]).duration_days == 5
    # a correction is the twitching's still; and beside a complaint that raises no level, a span is not guessed away
    assert dialogue.evidence_from([start, heart, [entity("duration", "21", "corrected")]]).duration_days == 21
    tired = [entity("symptom", "fatigue")]
    assert dialogue.evidence_from([start, tired, years]).duration_days == 730


def _typed(kb, text):
    return heard(kb, text)


def test_fine_to_the_sleep_question_is_fine_whatever_the_intent_says(kb):
    start = [entity("symptom", "twitching"), entity("duration", "5"), entity("symptom", "weakness", "absent"),
             entity("symptom", "numbness_tingling", "absent"), entity("lifestyle_factor", "caffeine", "absent")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [start], State(), "describe_symptoms", start)
    assert first.state.pending == "sleep"
    turn = dialogue.converse(kb, default_interview(), [start, []], first.state, "affirm", [], _typed(kb, "fine"))
    ev = dialogue.evidence_from([start, []], turn.state)
    assert "lifestyle_factor:poor_sleep" in ev.absent and "lifestyle_factor:poor_sleep" not in ev.present


def test_the_self_harm_check_takes_only_a_clear_yes_as_yes(kb):
    unsure = [entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [unsure], State(), "give_info", unsure)
    assert first.state.pending == "confirm:symptom:self_harm"

    def reply(text, state, intent="affirm"):
        return dialogue.converse(kb, default_interview(), [unsure, []], state, intent, [], _typed(kb, text))

    assert "escalation" not in kinds(reply("fine", first.state).replies)  # "I'm fine" is a no
    again = reply("little", first.state)  # an answer to another question: asked once more, plainly
    assert again.replies[0].text == dialogue.texts.SELF_HARM_AGAIN and again.state.pending == "confirm:symptom:self_harm"
    assert kinds(reply("yes", first.state).replies)[0] == "escalation"
    assert kinds(reply("sometimes, yeah", again.state).replies)[0] == "escalation"  # still unclear: the safer reading
    assert "escalation" not in kinds(reply("no", again.state, "deny").replies)
    # "maybe" or "idk" is no "no": asked again plainly, and still unsure the second time, the crisis answer
    hedged = reply("maybe", first.state, "dont_know")
    assert hedged.replies[0].text == dialogue.texts.SELF_HARM_AGAIN
    assert kinds(reply("i dont know", hedged.state, "dont_know").replies)[0] == "escalation"


@pytest.mark.parametrize("said", ["kinda. sometimes at night", "on and off i guess", "occasionally", "not really, but sometimes"])
def test_a_yes_in_part_to_the_self_harm_check_gets_the_crisis_answer_at_once(kb, said):
    # round 41: "kinda. sometimes at night" got "Sorry, I didn't quite get that"; "not really but sometimes" is a yes
    unsure = [entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [unsure], State(), "give_info", unsure)
    turn = dialogue.converse(kb, default_interview(), [unsure, []], first.state, "affirm", [], _typed(kb, said))
    assert kinds(turn.replies)[0] == "escalation" and "988" in turn.replies[0].text and turn.state.crisis


def test_a_question_instead_of_an_answer_to_the_self_harm_check_is_answered_and_the_check_asked_again(kb):
    # "sorry to ask again, but will it go away by itself?" to the check is no unclear answer (twice unclear is
    # taken for a yes): the question is answered, the check asked again after it, and nothing escalates
    unsure = [entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [unsure], State(), "give_info", unsure)
    assert first.state.pending == "confirm:symptom:self_harm"
    said = replace(_typed(kb, "sorry to ask again, but will it go away by itself?"), asked=(Asked("how_long"),))
    state = first.state
    for _ in range(2):
        turn = dialogue.converse(kb, default_interview(), [unsure, []], state, "ask_how_long", [], said)
        assert "escalation" not in kinds(turn.replies)
        assert any((r.custom or {}).get("question") == "how_long" for r in turn.replies), [r.text for r in turn.replies]
        assert turn.state.pending == "confirm:symptom:self_harm"
        assert "symptom:self_harm" not in dialogue.evidence_from([unsure, []], turn.state).present
        state = turn.state


def test_more_of_the_same_to_the_self_harm_check_read_as_pushback_is_a_yes(kb):
    # "I just don't see the point in sticking around for that" to the check, read as pushing back on the advice
    # too (so the question action answered it): the crisis answer, not "my advice stays the same"
    unsure = [entity("symptom", "twitching"), entity("duration", "60"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [unsure], State(), "give_info", unsure)
    assert first.state.pending == "confirm:symptom:self_harm"
    again = [entity("symptom", "self_harm", "unsure")]
    said = understood.Understood(asked=(Asked("pushback", confidence=0.84),), typed=True)
    turn = dialogue.explain(kb, [unsure, again], first.state, again, said, "dont_know", default_interview())
    assert kinds(turn.replies)[0] == "escalation", [r.text for r in turn.replies]
    assert "pushback" not in [(r.custom or {}).get("question") for r in turn.replies]
    eaten = dialogue.foods(kb, [unsure, again], first.state, again, said, default_interview())
    assert kinds(eaten.replies)[0] == "escalation", [r.text for r in eaten.replies]


def test_a_plain_no_to_the_self_harm_check_stands_against_a_faint_reading_not_a_sure_one(kb):
    unsure = [entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [unsure], State(), "give_info", unsure)
    assert first.state.pending == "confirm:symptom:self_harm"
    text = "No. For the third time, NO. I just want to know how soon my husband should be seen"
    faint = [entity("symptom", "self_harm", "unsure")]
    turn = dialogue.converse(kb, default_interview(), [unsure, faint], first.state, "deny", faint, _typed(kb, text))
    assert "escalation" not in kinds(turn.replies)
    assert "symptom:self_harm" not in dialogue.evidence_from([unsure, faint], turn.state).present
    sure = [entity("symptom", "self_harm")]
    text = "no... but honestly i dont see the point of going on"
    turn = dialogue.converse(kb, default_interview(), [unsure, sure], first.state, "deny", sure, _typed(kb, text))
    assert kinds(turn.replies)[0] == "escalation"


def test_a_no_said_first_answers_the_question_though_a_symptom_follows(kb):
    told = [entity("symptom", "twitching"), entity("duration", "21")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.pending == "nerve_symptoms"
    tired = [entity("symptom", "fatigue")]
    turn = dialogue.converse(
        kb, default_interview(), [told, tired], first.state, "describe_symptoms", tired,
        heard(kb, "not really, maybe a little tired", tired),
    )  # fmt: skip
    assert {'value': 'weakness', 'role': 'absent'}.items() <= turn.state.facts[0].items() and turn.state.pending != "nerve_symptoms"
    assert not any(r.custom and r.custom.get("question") for r in turn.replies)  # no question was asked


def test_a_stroke_level_taken_back_by_a_slow_start_is_lowered_out_loud(kb):
    sudden = [entity("symptom", "twitching"), entity("symptom", "slurred_speech"), entity("onset", "sudden")]
    transcript, state = play(kb, [("describe_symptoms", sudden), ("give_info", [entity("onset", "sudden", "absent")])])
    assert transcript[0][0].custom["triage"] == "emergency"
    change = transcript[1][0].custom
    assert change["type"] == "level_change" and change["before"] == "emergency" and change["triage"] == "urgent"


@pytest.mark.parametrize(
    "text", ["unrelated, but my knee clicks when I climb stairs, is that bad?", "nope. btw random q, any good recipe for salmon?"]
)
def test_an_aside_mid_interview_is_said_to_be_outside_and_the_question_waits(kb, text):
    first = dialogue.converse(kb, default_interview(), [[entity("symptom", "twitching")]], State(), "describe_symptoms", [])
    aside = heard(kb, text)
    turn = dialogue.converse(kb, default_interview(), [[entity("symptom", "twitching")], []], first.state, "ask_explanation", [], aside)
    assert [r.custom["question"] for r in turn.replies] == ["out_of_scope"]
    assert turn.state.pending == first.state.pending  # the interview goes on when they come back to it


def test_what_to_do_while_a_possible_stroke_sign_is_checked_says_what_to_do_if_it_is_there(kb):
    face = [entity("symptom", "twitching"), entity("symptom", "facial_droop", "unsure")]
    first = dialogue.converse(kb, default_interview(), [face], State(), "describe_symptoms", face)
    assert first.state.pending == "confirm:symptom:facial_droop"
    said = understood.Understood(asked=(understood.Asked("what_helps"),))
    turn = dialogue.converse(kb, default_interview(), [face, []], first.state, "ask_explanation", [], said)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "emergency" in text.lower() and "What helps depends" not in text
    assert "see_doctor" in [(r.custom or {}).get("question") for r in turn.replies]


def test_a_span_said_as_a_correction_lowers_the_level_at_once_and_says_so(kb):
    start = [entity("symptom", "twitching"), entity("duration", "21")]
    transcript, state = play(kb, [("describe_symptoms", start), ("ask_assessment", []), ("give_info", [entity("duration", "3", "corrected")])])
    change = next(r for r in transcript[2] if r.custom and r.custom["type"] == "level_change")
    assert change.custom["before"] == "doctor" and change.custom["triage"] == "self_care"
    assert "not 3 weeks" in change.text and not any("Just to check" in (r.text or "") for r in transcript[2])


def test_more_of_a_childs_story_after_the_childs_answer_is_noted_not_answered_again(kb):
    child = [entity("person", "child"), entity("symptom", "twitching"), entity("body_part", "eyelid")]
    transcript, _ = play(kb, [("describe_symptoms", child), ("deny", [entity("symptom", "weakness", "absent")])])
    said = " ".join(r.text or "" for r in transcript[1])
    assert "you said no weakness" in said and "noted that for the summary" in said
    assert transcript[1][0].text != transcript[0][0].text


def test_an_aside_asked_as_a_question_is_outside_too(kb):
    history = [[entity("symptom", "twitching")]]
    first = dialogue.converse(kb, default_interview(), history, State(), "describe_symptoms", history[0])
    aside = heard(kb, "unrelated, but my knee clicks when I climb stairs, is that bad?")
    turn = dialogue.explain(kb, [*history, []], first.state, [], aside, "ask_explanation", default_interview())
    assert [r.custom["question"] for r in turn.replies] == ["out_of_scope"] and turn.state.pending == first.state.pending


def test_a_new_sign_said_while_a_question_is_pending_is_no_yes_to_that_question(kb):
    start = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("duration", "14")]
    first = dialogue.converse(kb, default_interview(), [start], State(), "describe_symptoms", start)
    assert first.state.pending == "nerve_symptoms"
    chest = [entity("symptom", "chest_pain")]
    said = heard(kb, "I have chest pain", chest)  # "I have ..." reads as a plain yes
    turn = dialogue.converse(kb, default_interview(), [start, chest], first.state, "describe_symptoms", chest, said)
    escalation = next(r.custom for r in turn.replies if r.custom and r.custom["type"] == "escalation")
    assert escalation["red_flags"] == ["chest_pain"]  # not weakness or numbness as well
    ev = dialogue.evidence_from([start, chest], turn.state)
    assert "symptom:weakness" not in ev.present and "symptom:numbness_tingling" not in ev.present


def test_a_fact_told_after_the_assessment_that_changes_nothing_is_heard_not_the_card_again(kb):
    told = [entity("symptom", "twitching"), entity("duration", "5"), entity("lifestyle_factor", "stress")]
    opening = [("describe_symptoms", told), ("ask_assessment", [])]
    transcript, _ = play(kb, [*opening, ("give_info", [entity("lifestyle_factor", "alcohol", "absent")])])
    assert "assessment" in kinds(transcript[1])
    last = transcript[-1]
    assert "assessment" not in kinds(last) and dialogue.texts.SAME_PICTURE in last[-1].text
    assert "regular drinking" in last[-1].text  # what was heard is said back
    # a fact that changes the picture (a water pill: a doctor) gets the new assessment
    transcript, _ = play(kb, [*opening, ("give_info", [entity("medication", "diuretic")])])
    assert "assessment" in kinds(transcript[-1])


def test_a_denial_of_another_sign_is_no_answer_to_a_check_which_is_asked_again(kb):
    told = [entity("symptom", "twitching"), entity("symptom", "irregular_heartbeat", "unsure")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.pending == "confirm:symptom:irregular_heartbeat"
    other = [entity("symptom", "weakness", "absent")]
    turn = dialogue.converse(
        kb, default_interview(), [told, other], first.state, "deny", other, heard(kb, "no weakness that I know of", other)
    )
    assert "irregular_heartbeat" not in str(turn.state.facts)  # not denied by a "no" that was about weakness
    assert turn.state.pending == "confirm:symptom:irregular_heartbeat"  # the check comes again


def test_an_answer_tells_the_level_a_doctor_is_needed_at_if_it_was_not_said(kb):
    told = [entity("symptom", "twitching"), entity("medication", "corticosteroid")]
    said = heard(kb, "my legs twitch since I started prednisone, could the steroid be doing this?", told)
    turn = dialogue.converse(kb, default_interview(), [told], State(), "ask_explanation", told, said)
    stated = [r.custom["triage"] for r in turn.replies if r.custom and r.custom.get("triage")]
    assert stated == ["doctor"] and any(dialogue.texts.FOR_YOU in (r.text or "") for r in turn.replies)
    assert turn.state.announced == "doctor"
    # said once: the next question's answer does not carry it again
    again = dialogue.converse(kb, default_interview(), [told, []], turn.state, "ask_explanation", [], heard(kb, "what foods help?"))
    assert not any(dialogue.texts.FOR_YOU in (r.text or "") for r in again.replies)


def test_a_fear_or_can_it_wait_at_an_emergency_gets_the_action_not_reassurance(kb):
    stroke = [entity("symptom", "slurred_speech"), entity("symptom", "weakness"), entity("onset", "sudden")]
    first = dialogue.converse(kb, default_interview(), [stroke], State(), "describe_symptoms", stroke)
    assert first.replies[0].custom["triage"] == "emergency"
    said = heard(kb, "he's 24, too young for a stroke surely? can we let him sleep it off and see tomorrow?")
    turn = dialogue.converse(kb, default_interview(), [stroke, []], first.state, "ask_explanation", [], said)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "harmless" not in text and "Call emergency services" in text


def test_saying_they_will_go_after_an_escalation_is_acknowledged_not_lectured(kb):
    chest = [entity("symptom", "chest_pain"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest)
    going = dialogue.converse(kb, default_interview(), [chest, []], first.state, "nlu_fallback", [], heard(kb, "ok fine, I'll call them now"))
    assert [r.text for r in going.replies] == [dialogue.texts.AGREED["emergency"]]
    later = dialogue.converse(kb, default_interview(), [chest, []], first.state, "nlu_fallback", [], heard(kb, "I'll go tomorrow maybe"))
    assert "Call emergency services" in " ".join(r.text or "" for r in later.replies)  # a delay is no agreement


def test_a_why_with_no_topic_after_a_crisis_answer_stays_with_the_person(kb):
    told = [entity("symptom", "twitching"), entity("symptom", "self_harm")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.explain(kb, [told, []], first.state, [], heard(kb, "i dont really want to talk to anyone. whats the point"), "ask_explanation")
    text = " ".join(r.text or "" for r in turn.replies)
    assert text.startswith(dialogue.texts.AFTER_CRISIS_OPENING) and not any(r.custom for r in turn.replies)


def test_an_answer_with_a_question_beside_it_keeps_the_answer_and_answers_the_question(kb):
    told = [entity("symptom", "twitching"), entity("duration", "10")]
    state = State(asked=("nerve_symptoms", "caffeine", "stress"), pending="stress")
    inhaler = [entity("medication", "other_medication", text="ventolin inhaler")]
    said = heard(kb, "a bit. also I use my ventolin inhaler a lot, could that cause it?", inhaler)
    turn = dialogue.converse(kb, default_interview(), [told, inhaler], state, "affirm", inhaler, said)
    assert "stress" in str(turn.state.facts)  # the answer is kept
    assert any(r.custom and r.custom.get("type") == "explanation" for r in turn.replies)  # and the question answered
    assert turn.state.pending != "stress"


def test_could_it_be_my_statin_in_a_first_message_is_answered_first(kb):
    told = [entity("symptom", "twitching"), entity("body_part", "thigh"), entity("medication", "statin")]
    said = heard(kb, "started atorvastatin 2 months ago and since then my thighs twitch. could it be the statin?", told)
    turn = dialogue.converse(kb, default_interview(), [told], State(), "ask_explanation", told, said)
    assert turn.replies[0].custom and turn.replies[0].custom.get("question") == "cause"
    assert "prescribed" in turn.replies[0].text  # the medicine's own answer, then the interview


def test_pushback_with_questions_gets_the_level_once_and_going_then_gets_the_summary_alone(kb):
    calf = [entity("symptom", "calf_swelling"), entity("symptom", "twitching"), entity("body_part", "calf")]
    first = dialogue.converse(kb, default_interview(), [calf], State(), "describe_symptoms", calf)
    assert first.replies[0].custom["triage"] == "urgent"
    history = [calf, []]
    said = heard(kb, "probably just cramp from the flight though? should I massage it and stretch?")
    said = replace(said, asked=(Asked("pushback"), Asked("what_helps")))  # as the meaning model reads it
    pushed = dialogue.converse(kb, default_interview(), history, first.state, "ask_explanation", [], said)
    levels = [r for r in pushed.replies if "within 24 hours" in (r.text or "")]
    assert len(levels) == 1  # the level said once, not once per question
    going = replace(heard(kb, "ok ok, I'll go to urgent care. summary for the doctor please"), asked=(Asked("pushback"), Asked("summary")))
    done = dialogue.converse(kb, default_interview(), [*history, []], pushed.state, "ask_summary", [], going)
    assert [r.custom["type"] for r in done.replies if r.custom] == ["summary"]
    summary = next(r for r in done.replies if r.custom)
    assert "- Warning signs: a swollen, painful calf" in summary.text.splitlines()
    assert done.replies[-1].text == dialogue.texts.AGREED["urgent"]  # going, heard after what was asked


def test_a_correction_that_lowers_the_level_is_not_answered_as_pushback_too(kb):
    told = [entity("symptom", "difficulty_breathing"), entity("symptom", "difficulty_swallowing"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.replies[0].custom["triage"] == "emergency"
    fine = [entity("symptom", "difficulty_breathing", "absent")]
    said = replace(heard(kb, "I can breathe fine, it's only when I swallow. I don't need an ambulance I think?", fine),
                   asked=(Asked("pushback"),))  # fmt: skip
    turn = dialogue.converse(kb, default_interview(), [told, fine], first.state, "deny", fine, said)
    kinds_ = [r.custom["type"] for r in turn.replies if r.custom]
    assert kinds_ == ["level_change"] and turn.replies[0].custom["triage"] == "urgent"  # no pushback answer beside it


def test_while_an_emergency_holds_no_check_of_how_long_and_no_interview_only_the_level(kb):
    # an hour of chest pressure told after "3 days" of twitching: "has the twitching lasted less than a day?"
    # came beside the emergency, and its answer got the caffeine question
    story = [entity("symptom", "twitching"), entity("duration", "3")]
    chest = [entity("symptom", "chest_pain"), entity("symptom", "twitching"), entity("duration", "0")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    second = dialogue.converse(kb, default_interview(), [story, chest], first.state, "describe_symptoms", chest)
    assert second.replies[0].custom["type"] == "escalation" and second.state.announced == "emergency"
    history = [story, chest, []]
    third = dialogue.converse(kb, default_interview(), history, second.state, "give_info", [], understood.Understood(typed=True))
    said = " ".join(r.text or "" for r in third.replies)
    assert "Just to check" not in said and not any((r.custom or {}).get("type") == "interview" for r in third.replies)
    assert "Call emergency services" in said
    asked = understood.Understood(asked=(Asked("stop_medicine", confidence=0.7),), typed=True)  # "the aspirin, should i take one?"
    fourth = dialogue.converse(kb, default_interview(), [*history, []], third.state, "deny", [], asked)
    assert not any((r.custom or {}).get("type") == "interview" for r in fourth.replies)
    assert "Call emergency services" in " ".join(r.text or "" for r in fourth.replies)


def test_a_summary_asked_after_a_crisis_answer_keeps_the_thoughts_of_self_harm_and_their_level(kb):
    # "put it in a note for the gp then" after letters written "for after I'm gone": the summary said
    # "Triage: See a doctor" and left the thoughts out
    story = [entity("symptom", "twitching"), entity("duration", "90"), entity("lifestyle_factor", "alcohol")]
    crisis = [entity("symptom", "self_harm")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    second = dialogue.converse(kb, default_interview(), [story, crisis], first.state, "give_info", crisis)
    assert second.state.crisis
    asked = understood.Understood(asked=(Asked("summary"),), typed=True)
    turn = dialogue.converse(kb, default_interview(), [story, crisis, []], second.state, "ask_summary", [], asked)
    (card,) = [r.custom for r in turn.replies if (r.custom or {}).get("type") == "summary"]
    assert card["triage"] == "emergency" and "self_harm" in card["warning_signs"]
    assert "thoughts of suicide or self-harm" in turn.replies[0].text and "harming yourself" not in turn.replies[0].text
    # a question about the twitching itself is still answered at the twitching's level
    why = understood.Understood(asked=(Asked("how_long"),), typed=True)
    other = dialogue.converse(kb, default_interview(), [story, crisis, []], second.state, "ask_explanation", [], why)
    assert not any((r.custom or {}).get("triage") == "emergency" for r in other.replies)


def test_a_misread_thought_of_self_harm_taken_back_lowers_the_level_out_loud(kb):
    # "what?? i never said anything about hurting myself" after a crisis answer to pushback
    story = [entity("symptom", "twitching"), entity("symptom", "calf_swelling"), entity("lifestyle_factor", "pregnancy")]
    misread = [entity("symptom", "self_harm")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    second = dialogue.converse(kb, default_interview(), [story, misread], first.state, "give_info", misread)
    assert second.state.crisis
    back = [entity("symptom", "self_harm", "absent")]
    turn = dialogue.converse(kb, default_interview(), [story, misread, back], second.state, "deny", back)
    said = " ".join(r.text or "" for r in turn.replies)
    assert dialogue.texts.CRISIS_TAKEN_BACK in said and "today" in said  # the calf's level, said with what changed


def test_a_no_to_the_self_harm_check_beside_an_emergency_does_not_start_the_interview(kb):
    told = [entity("symptom", "fainting"), entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.pending == "confirm:symptom:self_harm" and first.replies[0].custom["triage"] == "emergency"
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "deny", [], heard(kb, "No"))
    assert not any(r.buttons and r.text.endswith("?") for r in turn.replies)  # no interview question
    assert "Call emergency services" in turn.replies[-1].text


def test_a_faint_reading_of_self_harm_beside_pushback_or_an_urgent_level_is_not_asked_about():
    faint = {"entity": "symptom", "value": "self_harm", "role": "unsure", "confidence_entity": 0.3}
    clear = {**faint, "confidence_entity": 0.6}
    chest = {"entity": "symptom", "value": "chest_pain"}
    pushing = understood.Understood(asked=(Asked("pushback"),))
    assert dialogue.heard([faint, chest], understood.Understood(), None) == [faint, chest]  # asked about, as before
    assert dialogue.heard([faint, chest], pushing, None) == [chest]
    assert dialogue.heard([faint], understood.Understood(), "emergency") == []
    assert dialogue.heard([clear], pushing, "emergency") == [clear]  # a clearer reading is still asked about
    # round 19: "ok ive called 999 they're coming. can you give me a summary" (0.53 beside a stroke's emergency), and
    # "... summary please" (0.32) at self-care, got the check on thoughts of self-harm
    middling = {**faint, "confidence_entity": 0.53}
    assert dialogue.heard([middling], understood.Understood(), "emergency") == []
    summary = understood.Understood(asked=(Asked("summary"),))
    feared = understood.Understood(asked=(Asked("feared", disease="ALS"),))  # "what are the chances it's ALS? be honest"
    very_faint = {**faint, "confidence_entity": 0.22}
    assert dialogue.heard([very_faint], feared, "doctor") == []
    asked = {**faint, "confidence_entity": 0.49}  # "if it's als i'll end it before it gets bad": asked about
    assert dialogue.heard([asked], feared, "doctor") == [asked]
    assert dialogue.heard([faint], summary, "self_care") == [] and dialogue.heard([faint], understood.Understood(), None) == [faint]


def test_a_faint_reading_of_self_harm_beside_a_plain_question_or_answer_is_not_asked_about_unless_feelings_are_told():
    # round 21: "can I take CoQ10 with it?", "do i need to stop running", "started after my birthday" got "are you
    # having thoughts of ending your life?"
    faint = {"entity": "symptom", "value": "self_harm", "role": "unsure", "confidence_entity": 0.25}
    question = understood.Understood(asked=(Asked("supplements"),))
    answer = understood.Understood(answers={"duration": "affirm"})
    assert dialogue.heard([faint], question, "self_care") == [] and dialogue.heard([faint], answer, None, pending="duration") == []
    # with no question asked, a first message the model also reads as some answer is no answer: asked about
    assert dialogue.heard([faint], answer, None) == [faint]
    assert dialogue.heard([faint], answer, None, pending="sleep") == [faint]  # an answer to another question than the one asked
    low = {"entity": "symptom", "value": "mood_changes"}
    assert dialogue.heard([faint, low], question, None) == [faint, low]  # a feeling told beside it: asked
    son = {"entity": "person", "value": "other_adult"}
    assert dialogue.heard([faint, son], question, None) == [faint, son]  # about another person: asked (sealed set 46)
    feared = understood.Understood(asked=(Asked("feared"),))
    assert dialogue.heard([faint, son], feared, None) == [faint, son] and dialogue.heard([faint], feared, None) == []
    clearer = {**faint, "confidence_entity": 0.35}
    assert dialogue.heard([clearer], question, None) == [clearer]
    assert dialogue.heard([faint], understood.Understood(), None) == [faint]  # nothing asked or answered: asked as before


def test_foods_asked_at_an_urgent_level_get_the_level_first_not_a_food_card(kb):
    tetany = [entity("symptom", "tetany"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [tetany], State(), "describe_symptoms", tetany)
    assert first.replies[0].custom["triage"] == "urgent"
    turn = dialogue.foods(kb, [tetany, []], first.state, [], heard(kb, "ok so ill eat yogurt and see how it goes tomorrow"))
    assert not any(r.custom and r.custom.get("type") == "foods" for r in turn.replies)
    assert "today" in turn.replies[-1].text


def test_how_much_water_is_answered_about_fluids_and_my_pills_about_medicines(kb):
    told = [entity("symptom", "twitching"), entity("duration", "5")]
    water = replace(heard(kb, "HOW MUCH WATER should i drink"), asked=(Asked("dose", "dehydration_electrolytes"),))
    turn = dialogue.converse(kb, default_interview(), [told, []], State(asked=("nerve_symptoms",)), "ask_explanation", [], water)
    first = turn.replies[0]
    assert first.custom["question"] == "cause" and "supplement" not in first.text.split("\n")[0].lower()
    pills = heard(kb, "could it be my pills?")
    assert pills.subject == "medication_side_effect"  # not the supplements card


def test_a_warning_word_still_to_check_is_asked_after_an_answer_before_the_interview(kb):
    told = [entity("symptom", "twitching"), entity("symptom", "tremor"),
            entity("lifestyle_factor", "alcohol_withdrawal", "unsure"), entity("symptom", "self_harm", "unsure")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.pending == "confirm:symptom:self_harm"
    said = replace(heard(kb, "no?? im trying to get healthier. is the shaking normal?"), asked=(Asked("normal", confidence=0.9),))
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "deny", [], said)
    assert turn.state.pending == "confirm:lifestyle_factor:alcohol_withdrawal"  # not "How long has the twitching..."


def test_a_correction_the_intent_took_for_why_is_said_back_not_answered_with_a_cause(kb):
    start = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("symptom", "weakness")]
    first = dialogue.converse(kb, default_interview(), [start], State(), "describe_symptoms", start)
    taken_back = [entity("symptom", "weakness", "absent"), entity("symptom", "fatigue")]
    said = heard(kb, "I didn't say weakness, I said they feel tired", taken_back)
    turn = dialogue.explain(kb, [start, taken_back], first.state, taken_back, said, "ask_explanation", default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert "weakness" in text and not any((r.custom or {}).get("type") == "explanation" for r in turn.replies)
    assert turn.state.pending  # the interview goes on


def test_the_summary_quotes_the_story_in_the_persons_words_without_what_they_took_back(kb):
    first = [entity("symptom", "twitching"), entity("body_part", "thigh"), entity("duration", "7"), entity("symptom", "cramps")]
    weak = [entity("symptom", "weakness")]
    taken_back = [entity("symptom", "weakness", "absent")]
    history = [first, weak, [], taken_back]
    told = (
        (0, "thigh twitching for a week. had my thyroid out 3 weeks ago and now my fingers cramp up"),
        (1, "and my legs feel weak when I climb the stairs"),
        (2, "no"),
        (3, "sorry, forget the weakness, they are just tired"),
    )
    card = dialogue.summary(kb, history, State(told=told)).replies[0]
    assert card.custom["story"] == [told[0][1]]  # the operation is kept; the weakness taken back and the "no" are not
    assert "In their own words: \u201cthigh twitching for a week. had my thyroid out" in card.text
    assert "weakness" in card.custom["denied"]


def test_a_long_story_is_cut_at_a_word_to_fit_the_summary(kb):
    history = [[entity("symptom", "twitching")]]
    story = "my calf twitches " + "and it keeps going all day long " * 40
    card = dialogue.summary(kb, history, State(told=((0, story),))).replies[0]
    (words,) = card.custom["story"]
    assert words.endswith("…") and len(words) <= dialogue.STORY_MESSAGE + 1 and story.startswith(words[:-1])


@pytest.mark.parametrize(
    "text, intent",
    [
        ("is the helpline open at night?", "ask_sun"),  # read as a question on the sun
        ("do they charge you for calling them?", "out_of_scope"),
        ("I'm not in the US or UK, that number is no use", "give_info"),
        ("what would I even say to them", "nlu_fallback"),
    ],
)
def test_a_question_about_the_crisis_line_after_a_crisis_answer_is_answered(kb, text, intent):
    history = [CRISIS[1], []]
    state = State(announced="emergency", crisis=True)
    said = heard(kb, text)
    if intent in dialogue.SMALL_TALK_AFTER_CRISIS:
        turn = dialogue.after_escalation(kb, history, state, intent, said)
    elif intent == "give_info":
        turn = dialogue.converse(kb, default_interview(), history, state, intent, [], said)
    else:
        turn = dialogue.explain(kb, history, state, [], replace(said, asked=(Asked("sun"),)), intent, default_interview())
    (reply,) = turn.replies
    assert "day and night" in reply.text and "findahelpline.com" in reply.text and "sun" not in reply.text.lower()
    assert not reply.buttons and not reply.custom  # still with the person: no interview, no card
    ok = dialogue.after_escalation(kb, history, state, "thank", heard(kb, "ok thanks"))
    assert "day and night" not in ok.replies[0].text  # only a question about the line gets that answer


def test_an_urgent_summary_puts_no_everyday_cause_beside_its_warning_signs(kb):
    told = [entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine"), entity("symptom", "chest_pain")]
    card = dialogue.summary(kb, [told], State(announced="emergency")).replies[0]
    assert card.custom["warning_signs"] == ["chest_pain"] and card.custom["causes"] == []
    assert "Possible causes: not weighed: the warning signs above come first" in card.text
    calm = dialogue.summary(kb, [told[:2]], State()).replies[0]
    assert "caffeine_stimulants" in calm.custom["causes"]  # without a warning sign the causes are weighed


def test_more_hopelessness_in_answer_to_the_self_harm_check_is_a_yes(kb):
    unsure = [entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [unsure], State(), "give_info", unsure)
    assert first.state.pending == "confirm:symptom:self_harm"
    again = [entity("symptom", "self_harm", "unsure")]  # "i just dont see the point anymore"
    for intent in ("describe_symptoms", "give_info"):
        turn = dialogue.converse(kb, default_interview(), [unsure, again], first.state, intent, again, _typed(kb, "whatever"))
        assert kinds(turn.replies)[0] == "escalation" and turn.state.crisis  # never back to the interview
    denied = [entity("symptom", "self_harm", "absent")]  # "no, nothing like that, I'm just worn out"
    turn = dialogue.converse(kb, default_interview(), [unsure, denied], first.state, "deny", denied, _typed(kb, "no"))
    assert "escalation" not in kinds(turn.replies)


def test_a_stop_question_about_no_medicine_is_said_to_be_outside_the_documents(kb):
    withdrawal = [entity("symptom", "twitching"), entity("lifestyle_factor", "alcohol_withdrawal")]
    first = dialogue.converse(kb, default_interview(), [withdrawal], State(), "describe_symptoms", withdrawal)
    drink = replace(heard(kb, "should i just have one drink to take the edge off?"), asked=(Asked("stop_medicine"),))
    turn = dialogue.converse(kb, default_interview(), [withdrawal, []], first.state, "ask_stop_medicine", [], drink)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "don't cover that" in text and "prescribed medicine" not in text
    pills = replace(heard(kb, "can I stop my pills?"), asked=(Asked("stop_medicine", "medication_side_effect"),))
    turn = dialogue.converse(kb, default_interview(), [withdrawal, []], first.state, "ask_stop_medicine", [], pills)
    assert "prescribed medicine" in " ".join(r.text or "" for r in turn.replies)


def test_a_twitch_of_the_same_day_is_said_back_as_since_today_and_not_asked_how_long(kb):
    told = [entity("symptom", "twitching"), entity("body_part", "eyelid"), entity("duration", "0")]
    transcript, state = play(kb, [("describe_symptoms", told)])
    assert "since today" in transcript[0][0].text and "duration" not in state.asked
    card = dialogue.summary(kb, [told], state).replies[0]
    assert "Duration: less than a day" in card.text


def test_a_parent_asking_if_it_can_wait_gets_when_not_only_the_childs_doctor(kb):
    child = [entity("person", "child"), entity("symptom", "twitching"), entity("body_part", "eyelid"), entity("duration", "4")]
    first = dialogue.converse(kb, default_interview(), [child], State(), "describe_symptoms", child)
    both = replace(heard(kb, "is it urgent or can it wait? and could the ipad cause it"), asked=(Asked("see_doctor"), Asked("cause")))
    turn = dialogue.explain(kb, [child, []], first.state, [], both, "ask_doctor", default_interview())
    texts_ = [r.text or "" for r in turn.replies]
    assert any("routine appointment" in t for t in texts_)  # when, for this level
    assert sum(dialogue.texts.CHILD_QUESTION in t for t in texts_) == 1  # the rest: their doctor, once


def test_a_stop_question_about_a_habit_is_answered_about_that_habit_not_a_medicine(kb):
    runner = [entity("symptom", "twitching"), entity("lifestyle_factor", "intense_exercise")]
    first = dialogue.converse(kb, default_interview(), [runner], State(), "describe_symptoms", runner)
    keep = replace(heard(kb, "can I keep running marathons?"), asked=(Asked("stop_medicine", "strenuous_exercise"),))
    turn = dialogue.converse(kb, default_interview(), [runner, []], first.state, "ask_stop_medicine", [], keep)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "prescribed medicine" not in text and "exercise" in text.lower()


def test_a_question_about_the_twitching_after_a_crisis_answer_is_answered_at_the_twitchings_own_level(kb):
    told = [entity("symptom", "twitching"), entity("body_part", "thigh"), entity("duration", "60"), entity("symptom", "self_harm")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.crisis
    normal = replace(heard(kb, "please just answer my question. is 2 months of twitching normal or not"), asked=(Asked("normal"),))
    asked = [entity("symptom", "twitching")]
    turn = dialogue.converse(kb, default_interview(), [told, asked], first.state, "deny", asked, normal)  # read as a "no"
    text = " ".join(r.text or "" for r in turn.replies)
    assert "cannot wait" not in text and "emergency department" not in text  # the twitching is not the emergency
    assert any((r.custom or {}).get("question") == "normal" for r in turn.replies)  # answered, not the same block again
    assert dialogue.texts.AFTER_CRISIS_FEELINGS not in text  # the twitching was named: its answer
    assert "day and night" in turn.replies[-1].text and turn.state.announced == "emergency" and not turn.state.pending


def test_a_question_about_the_feelings_after_a_crisis_answer_is_not_answered_about_the_twitching(kb):
    # round 21 c22: "is this normal after having a baby?" (the crying) got "Yes: twitching is very common", and "who
    # should I talk to?" a routine appointment for the twitching, as if the crisis had passed
    told = [entity("symptom", "twitching"), entity("body_part", "eyelid"), entity("duration", "7"), entity("symptom", "self_harm")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    for topic in ("normal", "see_doctor"):
        said = understood.Understood(asked=(Asked(topic),), typed=True)
        turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_explanation", [], said)
        text = " ".join(r.text or "" for r in turn.replies)
        assert "twitching is very common" not in text and "routine appointment" not in text
        assert "today if you can" in text and "116 123" in text  # who can help, and the line still open
        assert any((r.custom or {}).get("question") == topic for r in turn.replies)
        assert turn.state.crisis and turn.state.announced == "emergency" and not turn.state.pending


def test_help_refused_after_a_crisis_answer_is_not_argued_with_and_the_question_is_answered(kb):
    told = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("duration", "35"), entity("symptom", "self_harm")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    refused = understood.Understood(asked=(Asked("pushback"), Asked("cause", subject="magnesium_deficiency")), typed=True)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_explanation", [], refused)  # "not calling anyone"
    text = " ".join(r.text or "" for r in turn.replies)
    assert turn.replies[0].text == dialogue.texts.CRISIS_NO_PUSH
    assert "routine appointment" not in text and "I would still say the same" not in text  # no argument over the twitching
    assert any((r.custom or {}).get("topic") == "magnesium_deficiency" for r in turn.replies)
    assert turn.state.crisis and turn.state.announced == "emergency" and not turn.state.pending


def _checking(kb, sign):
    """A conversation whose pending question is the check on an unsure warning word."""
    told = [entity("symptom", "twitching"), entity("body_part", "leg"), entity("symptom", sign, "unsure")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.pending == f"confirm:symptom:{sign}"
    return told, first.state


def test_a_yes_to_a_check_taken_for_a_question_still_counts_first(kb):
    told, state = _checking(kb, "fainting")
    said = understood.Understood(asked=(Asked("how_long", confidence=0.5),), answers={"check": "affirm"},
                                 worded=frozenset({"check"}), typed=True)  # "yes I think so, maybe a minute"  # fmt: skip
    turn = dialogue.explain(kb, [told, []], state, [], said, "ask_doctor", default_interview())
    assert turn.replies[0].custom["type"] == "escalation" and turn.replies[0].custom["triage"] == "emergency"


def test_a_yes_to_a_check_that_names_the_sign_again_is_a_yes_however_the_words_were_read(kb):
    told, state = _checking(kb, "difficulty_breathing")
    again = [entity("symptom", "difficulty_breathing", "unsure")]  # "yes, short of breath on the stairs, more than before"
    said = understood.Understood(answers={"check": "affirm"}, worded=frozenset({"check"}), typed=True)
    turn = dialogue.converse(kb, default_interview(), [told, again], state, "describe_symptoms", again, said)
    assert turn.replies[0].custom["type"] == "escalation" and "difficulty_breathing" in turn.replies[0].custom["red_flags"]


def test_a_question_at_an_urgent_level_already_told_gets_a_one_line_reminder_not_the_card_again(kb):
    shaking = [entity("symptom", "calf_swelling"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [shaking], State(), "describe_symptoms", shaking)
    card = first.replies[0].text
    assert first.state.announced == "urgent" and "Why:" in card
    magnesium = understood.Understood(asked=(Asked("cause", subject="magnesium_deficiency"),), typed=True)
    turn = dialogue.converse(kb, default_interview(), [shaking, []], first.state, "ask_explanation", [], magnesium)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "See a doctor today" in text and "Why:" not in text and "What I heard" not in text
    # a cause asked in general at that level ("what's causing it?") is answered there too, never the interview
    why = understood.Understood(asked=(Asked("cause"),), typed=True)
    general = dialogue.converse(kb, default_interview(), [shaking, []], first.state, "ask_explanation", [], why)
    assert not general.state.pending and "See a doctor today" in " ".join(r.text or "" for r in general.replies)


def test_what_a_fasciculation_is_asked_mid_interview_is_answered_from_the_documents_then_the_question_again(kb):
    story = [entity("symptom", "twitching"), entity("body_part", "calf")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    define = understood.Understood(asked=(Asked("what_is", confidence=0.9),), typed=True)  # "please just define fasciculation"
    turn = dialogue.converse(kb, default_interview(), [story, []], first.state, "ask_explanation", [], define)
    answer = turn.replies[0]
    assert answer.custom["question"] == "what_is" and "under the skin" in answer.text
    assert [s["section"] for s in answer.custom["sources"]] == ["Opening paragraph"]
    assert turn.replies[-1].text.startswith(dialogue.texts.BACK_TO_QUESTION) and turn.state.pending == first.state.pending


def test_what_to_do_meanwhile_at_an_urgent_level_is_answered_as_asked_not_with_the_card_again(kb):
    calf = [entity("symptom", "calf_swelling"), entity("symptom", "twitching"), entity("body_part", "calf")]
    first = dialogue.converse(kb, default_interview(), [calf], State(), "describe_symptoms", calf)
    assert first.replies[0].custom["triage"] == "urgent"
    said = understood.Understood(asked=(understood.Asked("what_helps"),))  # "should I drink loads of water meanwhile?"
    turn = dialogue.converse(kb, default_interview(), [calf, []], first.state, "ask_explanation", [], said)
    answer = next(r for r in turn.replies if "Nothing to take" in (r.text or ""))
    assert "Nothing to take, eat or drink at home replaces being seen today" in answer.text
    assert answer.custom["question"] == "see_doctor"  # what to do now is when and where to be seen
    assert "Why:" not in answer.text  # the level in a line, not the whole card again


def test_fear_told_beside_an_answer_is_heard_once_before_the_next_question(kb):
    told = [entity("symptom", "twitching"), entity("body_part", "face"), entity("duration", "5")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.pending == "nerve_symptoms"
    scared = [entity("symptom", "weakness", "absent"), entity("symptom", "numbness_tingling", "absent"), entity("symptom", "distress")]
    turn = dialogue.converse(kb, default_interview(), [told, scared], first.state, "deny", scared)  # "Neither. but im freaking out"
    texts_said = [r.text for r in turn.replies]
    assert dialogue.texts.FEAR_HEARD in texts_said and turn.replies[-1].buttons  # heard, then the next question
    again = [entity("symptom", "distress")]
    later = dialogue.converse(kb, default_interview(), [told, scared, again], turn.state, "give_info", again)
    assert dialogue.texts.FEAR_HEARD not in [r.text for r in later.replies]  # once


def test_saying_they_are_going_while_a_check_waits_at_an_urgent_level_is_agreement_not_an_answer(kb):
    calf = [entity("symptom", "calf_swelling"), entity("symptom", "twitching"), entity("symptom", "fainting", "unsure")]
    first = dialogue.converse(kb, default_interview(), [calf], State(), "describe_symptoms", calf)
    assert first.replies[0].custom["triage"] == "urgent"
    said = understood.Understood(asked=(understood.Asked("what_helps"),))
    asked = dialogue.converse(kb, default_interview(), [calf, []], first.state, "ask_explanation", [], said)
    assert asked.state.pending == "confirm:symptom:fainting"
    going = heard(kb, "ok my sister will drive me")
    assert going.going
    turn = dialogue.converse(kb, default_interview(), [calf, [], []], asked.state, "out_of_scope", [], going)
    said_now = " ".join(r.text or "" for r in turn.replies)
    assert dialogue.texts.CHECK_ANSWERED not in said_now and dialogue.texts.AGREED["urgent"] in said_now
    assert turn.state.pending == "confirm:symptom:fainting"  # the check still waits, asked again after the thanks


def test_at_an_urgent_level_going_said_as_a_place_is_thanked_and_a_question_read_as_nothing_is_answered(kb):
    calf = [entity("symptom", "calf_swelling"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [calf], State(), "describe_symptoms", calf)
    assert first.replies[0].custom["triage"] == "urgent"
    going = heard(kb, "ok fine, urgent care it is")
    turn = dialogue.explain(kb, [calf, []], first.state, [], going, "ask_doctor", default_interview())
    assert [r.text for r in turn.replies] == [dialogue.texts.AGREED["urgent"]]
    asked = understood.Understood(asked=(understood.Asked("what_helps"),))  # "you didn't answer", the question before
    assert dialogue.after_escalation(kb, [calf, []], first.state, "nlu_fallback", asked) is None
    assert dialogue.after_escalation(kb, [calf, []], first.state, "nlu_fallback") is not None  # "hmm": the level again


def test_beside_a_held_emergency_a_reading_of_self_harm_the_model_alone_is_not_very_sure_of_is_asked_about():
    held = "emergency"
    resting = [{"entity": "symptom", "value": "self_harm", "extractor": "MeaningClassifier", "confidence_entity": 0.8}]
    taken = dialogue.heard(resting, understood.Understood(), held)
    assert taken[0]["role"] == "unsure"  # "i'll just have a lie down till my wife gets home" after a stroke's card
    sure = [{"entity": "symptom", "value": "self_harm", "extractor": "MeaningClassifier", "confidence_entity": 0.95}]
    assert dialogue.heard(sure, understood.Understood(), held)[0].get("role") is None
    words = [{"entity": "symptom", "value": "self_harm", "extractor": "TwitchEntityExtractor"}]  # "i'm suicidal"
    assert dialogue.heard(words, understood.Understood(), held)[0].get("role") is None
    assert dialogue.heard(resting, understood.Understood(), None)[0].get("role") is None  # nothing held: answered at once


def test_after_you_didnt_answer_an_answer_all_said_before_is_not_pointed_back_to():
    answer = dialogue.Reply(text="Magnesium calms nerves and muscles.\nFoods: almonds, spinach.", custom={"type": "explanation"})
    recent = ["Magnesium calms nerves and muscles.\nFoods: almonds, spinach."]
    pointed = dialogue.not_again([answer], recent)
    assert pointed[0].text.startswith(dialogue.texts.SAID_ABOVE)
    plain = dialogue.not_again([answer], recent, complained=True)
    assert plain[0].text.startswith(dialogue.texts.SORRY_UNCLEAR) and "Magnesium calms nerves" in plain[0].text
    assert dialogue.texts.SAID_ABOVE not in plain[0].text and plain[0].text not in recent


def test_why_would_you_ask_that_to_a_check_is_answered_and_never_taken_for_an_unclear_answer(kb):
    unsure = [entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [unsure], State(), "give_info", unsure)
    assert first.state.pending == "confirm:symptom:self_harm"
    why = heard(kb, "what?? why would you ask me that?")
    assert why.why_asked
    turn = dialogue.converse(kb, default_interview(), [unsure, []], first.state, "ask_explanation", [], why)
    assert turn.replies[0].text == dialogue.texts.WHY_CHECK_SELF_HARM and turn.state.pending == "confirm:symptom:self_harm"
    again = dialogue.converse(kb, default_interview(), [unsure, [], []], turn.state, "ask_explanation", [], why)
    assert "escalation" not in kinds(again.replies)  # asked why twice: still no crisis answer


def test_where_to_go_when_the_doctor_is_closed_is_answered_at_an_urgent_level_without_the_card_again(kb):
    heart = [entity("symptom", "twitching"), entity("symptom", "irregular_heartbeat")]
    first = dialogue.converse(kb, default_interview(), [heart], State(), "describe_symptoms", heart)
    assert first.replies[0].custom["triage"] == "urgent"
    said = understood.Understood(asked=(understood.Asked("see_doctor"),))  # "where do I go if the GP is closed??"
    turn = dialogue.converse(kb, default_interview(), [heart, []], first.state, "ask_doctor", [], said)
    answer = next(r for r in turn.replies if (r.custom or {}).get("question") == "see_doctor")
    assert dialogue.texts.WHERE_TODAY["urgent"] in answer.text
    assert "Why:" not in answer.text  # told with the escalation: the level in a line


def test_a_promise_not_to_act_today_after_a_crisis_answer_does_not_read_as_the_level_dropped(kb):
    # round 16: "im not going to do anything today" got "For you: See a doctor" under the crisis answer
    told = [entity("symptom", "twitching"), entity("duration", "60"), entity("symptom", "self_harm")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    pushed = understood.Understood(asked=(Asked("pushback"),), typed=True)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "give_info", [], pushed)
    text = " ".join(r.text or "" for r in turn.replies)
    assert turn.replies[0].text == dialogue.texts.CRISIS_NO_PUSH
    assert "See a doctor" not in text and turn.state.crisis and turn.state.announced == "emergency"


def test_saying_one_will_not_act_on_the_thoughts_is_thanked_not_met_as_refusing_help(kb):
    # round 22 c23: "i'm not going to do anything tonight. i just want to know, is tongue twitching a sign of ALS?" got
    # "I'm sorry if that felt like too much ... I won't keep pushing", then "For you: See a doctor: Book an appointment"
    told = [entity("symptom", "twitching"), entity("duration", "42"), entity("symptom", "self_harm")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    safe = understood.Understood(asked=(Asked("pushback"), Asked("feared", disease="ALS")), typed=True, safe=True)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_explanation", [], safe)
    texts_ = [r.text or "" for r in turn.replies]
    assert texts_[0] == dialogue.texts.AFTER_CRISIS_SAFE and dialogue.texts.CRISIS_NO_PUSH not in texts_
    assert any((r.custom or {}).get("question") == "feared" for r in turn.replies)  # the question still answered
    assert not any(t.startswith(dialogue.texts.FOR_YOU) or f"\n{dialogue.texts.FOR_YOU}" in t for t in texts_)
    assert any(dialogue.texts.FOR_THE_TWITCHING in t for t in texts_)  # the twitching's level said as the twitching's
    assert turn.state.crisis and turn.state.announced == "emergency"
    # round 23 c17: "not going to do anything tonight. i just don't see the point anymore": the thoughts told again
    again = [entity("symptom", "self_harm")]
    turn = dialogue.converse(kb, default_interview(), [told, again], first.state, "ask_explanation", again, safe)
    texts_ = [r.text or "" for r in turn.replies]
    assert texts_[0] == dialogue.texts.CRISIS_NOT_TONIGHT and dialogue.texts.AFTER_CRISIS_SAFE not in texts_
    assert turn.state.crisis and turn.state.announced == "emergency"


def test_an_impatient_yes_to_a_check_is_the_yes_not_pushback_at_the_old_level(kb):
    # round 23 c24: "Yes, that's what I just described" to "have they been confused?" got "my advice stays the same ...
    # a routine appointment is enough"
    told = [entity("symptom", "twitching"), entity("duration", "21"), entity("symptom", "confusion", "unsure")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.pending == "confirm:symptom:confusion"
    yes = understood.Understood(asked=(Asked("pushback", confidence=0.85),), answers={"check": "affirm"}, worded=frozenset({"check"}))
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "affirm", [], yes)
    assert turn.state.announced == "urgent" and turn.replies[0].custom["type"] == "escalation"


@pytest.mark.parametrize(
    "text, safe",
    [("i'm not going to do anything tonight", True), ("i wouldnt actually do anything, the baby needs me", True),
     ("i'm not calling anyone", False), ("I'm safe, don't worry", True)],  # fmt: skip
)
def test_saying_one_will_not_act_is_read(text, safe):
    from bot import free_answers

    assert free_answers.says_safe(text) is safe


@pytest.mark.parametrize("words", ["maybe ill call my sister tonight", "I'll talk to my husband when he gets home", "might ring samaritans later"])
def test_turning_to_someone_after_a_crisis_answer_is_encouraged(kb, words):
    told = [entity("symptom", "twitching"), entity("symptom", "self_harm")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "describe_symptoms", [], heard(kb, words))
    assert [r.text for r in turn.replies] == [dialogue.texts.AFTER_CRISIS_REACHING]


def test_saying_there_is_no_one_to_turn_to_is_not_taken_for_reaching_out(kb):
    assert not heard(kb, "i cant talk to my family about this").reaching
    assert not heard(kb, "there's no one to call").reaching


def test_a_correction_after_the_assessment_says_what_changed_and_not_the_whole_card_again(kb):
    # round 16: "so its actually like 6 days" got the change, then the story again, a cut "As I said just above" and the level twice
    start = [entity("symptom", "twitching"), entity("duration", "21"), entity("lifestyle_factor", "caffeine")]
    transcript, state = play(kb, [("describe_symptoms", start), ("ask_assessment", []), ("give_info", [entity("duration", "6", "corrected")])])
    assert "assessment" not in kinds(transcript[2]) and "not 3 weeks" in transcript[2][0].text
    assert sum("Self-care" in (r.text or "") for r in transcript[2]) == 1 and transcript[2][-1].buttons


def test_a_correction_that_raises_the_level_after_the_assessment_says_the_new_level_and_why(kb):
    # round 29 c14, c20: "3 weeks not 3 days" after self-care got "Thanks, I've changed that" and nothing of the doctor
    start = [entity("symptom", "twitching"), entity("duration", "3"), entity("lifestyle_factor", "stress")]
    transcript, state = play(kb, [("describe_symptoms", start), ("ask_assessment", []), ("give_info", [entity("duration", "21", "corrected")])])
    change = next(r for r in transcript[2] if r.custom and r.custom["type"] == "level_change")
    assert change.custom["before"] == "self_care" and change.custom["triage"] == "doctor" and state.announced == "doctor"
    assert "not 3 days" in change.text and "See a doctor" in change.text
    assert sum("I've changed that" in (r.text or "") for r in transcript[2]) == 1


def test_a_new_fact_read_as_asking_for_the_assessment_again_is_heard_not_answered_with_the_card_again(kb):
    # round 16: "idk. its my arm i guess" after the assessment got "As I said just above:" and a heading cut from its causes
    transcript, state = play(kb, [("describe_symptoms", [entity("symptom", "twitching")]), ("ask_assessment", []),
                                  ("ask_assessment", [entity("body_part", "arm")])])  # fmt: skip
    text = " ".join(r.text or "" for r in transcript[2])
    assert "assessment" not in kinds(transcript[2]) and "As I said" not in text and "arm" in text


def test_an_assessment_asked_for_again_is_pointed_to_by_its_causes_names_not_a_heading(kb):
    transcript, _ = play(kb, [("describe_symptoms", [entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine")]),
                              ("ask_assessment", [])])  # fmt: skip
    card = next(r for r in transcript[1] if r.custom and r.custom["type"] == "assessment")
    again = dialogue.not_again([card], [card.text])
    assert again[0].text.startswith(dialogue.texts.SAID_ABOVE) and "Too much caffeine" in again[0].text


def test_a_medicine_asked_about_beside_an_emergency_is_not_answered_as_stopping_a_prescribed_one(kb):
    # round 16: "should i give him an aspirin while we wait?" beside a stroke got "don't stop a prescribed medicine"
    stroke = [entity("person", "other_adult"), entity("symptom", "facial_droop"), entity("symptom", "slurred_speech")]
    first = dialogue.converse(kb, default_interview(), [stroke], State(), "describe_symptoms", stroke)
    said = understood.Understood(asked=(Asked("stop_medicine"),), typed=True)
    aspirin = [entity("medication", "other_medication", "hypothetical", text="aspirin")]
    turn = dialogue.converse(kb, default_interview(), [stroke, aspirin], first.state, "ask_stop_medicine", aspirin, said)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "aspirin and painkillers included" in text and "prescribed medicine" not in text
    assert "emergency" in text.lower() and not turn.state.pending


def test_is_this_normal_beside_a_warning_sign_still_to_check_gets_no_reassurance_before_the_check(kb):
    # round 16: hands curled like claws after a thyroid operation, "is this normal after surgery??" got "Yes: twitching
    # is very common... harmless", then the tetany check
    told = [entity("symptom", "twitching"), entity("symptom", "numbness_tingling"), entity("symptom", "tetany", "unsure")]
    said = understood.Understood(asked=(Asked("normal"),), typed=True)
    turn = dialogue.explain(kb, [told], State(), told, said, "ask_explanation", default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert "harmless" not in text and dialogue.texts.CHECK_FIRST in text
    assert turn.state.pending == "confirm:symptom:tetany"


def test_a_sign_told_without_twitching_gets_the_scope_answer_with_its_level_in_the_card_then_a_line(kb):
    # a balance problem with no twitching: the level was in the words only (the card had none), and "I don't know"
    # after it got "As I said just above: As I said just above: ..."
    told = [entity("symptom", "balance_problems")]
    transcript, state = play(kb, [("describe_symptoms", told), ("dont_know", []), ("dont_know", [])])
    assert transcript[0][0].custom["question"] == "out_of_scope" and transcript[0][0].custom["triage"] == "doctor"
    for replies in transcript[1:]:
        text = " ".join(r.text or "" for r in replies)
        assert text.startswith(dialogue.texts.SCOPE_AGAIN) and "As I said" not in text and "See a doctor" in text


def test_an_answer_pointed_to_again_is_never_pointed_to_twice():
    pointed = dialogue.Reply(text=f"{dialogue.texts.SAID_ABOVE} the level is doctor.\n{dialogue.texts.SAID_ABOVE_CLOSING}")
    again = dialogue.not_again([pointed], [pointed.text or ""])
    assert all((r.text or "").count(dialogue.texts.SAID_ABOVE) <= 1 for r in again)


def test_the_self_harm_check_put_to_someone_asking_for_another_asks_of_both(kb):
    # round 17: a daughter telling of her mother's confusion got the crisis answer, then "they don't have thoughts of
    # harming yourself"; an unsure reading is asked about, of whoever it may be
    told = [entity("person", "other_adult"), entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    transcript, state = play(kb, [("describe_symptoms", told)])
    text = " ".join(r.text or "" for r in transcript[0])
    assert "is anyone, you or the person you're asking for" in text and state.pending == "confirm:symptom:self_harm"


def test_can_it_wait_about_a_child_is_answered_with_when_to_be_seen(kb):
    child = [entity("person", "child"), entity("symptom", "twitching"), entity("body_part", "eyelid")]
    first = dialogue.converse(kb, default_interview(), [child], State(), "describe_symptoms", child)
    said = understood.Understood(asked=(Asked("pushback"),), typed=True)  # "is it urgent though? can it wait?"
    turn = dialogue.explain(kb, [child, []], first.state, [], said, "ask_explanation", default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert "supplements, doses" not in text and "routine appointment" in text


def test_a_feared_disease_beside_an_urgent_level_is_named_before_what_cannot_wait(kb):
    # round 17 c23: "is this ALS? be straight with me" beside trouble swallowing never heard ALS named
    told = [entity("symptom", "twitching"), entity("symptom", "difficulty_swallowing")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    said = understood.Understood(asked=(Asked("feared", disease="ALS (motor neurone disease)"),), typed=True)
    turn = dialogue.explain(kb, [told, []], first.state, [], said, "ask_explanation", default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert "worried about ALS" in text and "should not wait" in text and "harmless" not in text


def test_why_tapped_under_an_urgent_level_says_why_that_level_not_an_everyday_cause(kb):
    told = [entity("symptom", "twitching"), entity("symptom", "difficulty_swallowing"), entity("lifestyle_factor", "stress")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.explain(kb, [told, []], first.state, [], understood.Understood(), "ask_explanation", default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert text.startswith(dialogue.texts.WHY_LEVEL) and "neurological sign" in text and "relaxation" not in text


def test_a_question_about_another_complaint_without_twitching_gets_what_is_covered_not_twitching_advice(kb):
    # "i have a rash on my arm that itches, no twitching at all. what cream should i use?" got the holistic advice
    # for twitching and the duration question (round 16)
    told = [entity("symptom", "twitching", "absent"), entity("body_part", "arm")]
    said = understood.Understood(asked=(Asked("what_helps", confidence=0.95),))  # as the model reads "what cream should i use?"
    turn = dialogue.converse(kb, default_interview(), [told], State(), "ask_explanation", told, said)
    assert [r.custom["question"] for r in turn.replies] == ["out_of_scope"] and turn.state.pending is None
    # with twitching, the same question is answered, and the interview goes on
    told = [entity("symptom", "twitching"), entity("body_part", "arm")]
    turn = dialogue.converse(kb, default_interview(), [told], State(), "ask_explanation", told, said)
    assert "out_of_scope" not in [(r.custom or {}).get("question") for r in turn.replies] and turn.state.pending


def test_how_to_get_there_at_an_emergency_says_not_to_drive_oneself(kb):
    # round 18 c21: "should i drive myself to the hospital, its 15 min away?" with chest pressure got the pushback answer
    chest = [entity("symptom", "twitching"), entity("symptom", "chest_pain")]
    first = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest)
    said = understood.Understood(asked=(understood.Asked("see_doctor"),))
    turn = dialogue.converse(kb, default_interview(), [chest, []], first.state, "ask_doctor", [], said)
    answer = next(r for r in turn.replies if (r.custom or {}).get("question") == "see_doctor")
    assert "Don't drive there yourself" in answer.text and "Why:" not in answer.text


def test_a_long_answer_sent_again_is_pointed_to_by_its_first_sentence_not_pasted_whole():
    # round 18 c02: "As I said just above:" before the whole pushback paragraph read as the same answer word for word
    paragraph = (
        "Please don't let this wait. See a doctor today, within 24 hours; if you also get chest pain or short of breath,"
        " call emergency services. The main reason: one calf that is swollen and painful can be a blood clot."
    )
    again = dialogue.not_again([dialogue.Reply(text=paragraph)], [paragraph])
    assert again[0].text.startswith(dialogue.texts.SAID_ABOVE) and "blood clot" not in again[0].text
    assert "Please don't let this wait." in again[0].text


def test_an_answer_all_said_a_message_above_in_the_same_turn_is_not_sent_again():
    # round 24 c20: "is it my blood pressure tablets?" got the answer, then "As I said just above:" and its first sentence
    text = "My documents don't cover this medicine. Please don't stop or change a prescribed medicine on your own."
    first = dialogue.Reply(text=text, custom={"type": "explanation", "question": "cause"})
    second = dialogue.Reply(text=text, custom={"type": "explanation", "question": "stop_medicine"})
    out = dialogue.not_again([first, second], [], [])
    assert [r.text for r in out] == [text]
    # round 24 c09: under the summary card, "As I said just above: For a child, that is a question for their doctor"
    card = dialogue.Reply(text="Summary to show a doctor:\n- Symptoms: twitching", custom={"type": "summary"})
    assert dialogue.not_again([card, second], [text], [text]) == [card]


def test_an_answer_asked_again_after_a_short_lead_keeps_the_sentence_that_answers():
    # round 24 c06: "should i just stop the statin for a week and see" got only "As I said just above: My documents
    # don't cover this medicine." (the lead), not the sentence that says not to stop it
    text = (
        "My documents don't cover this medicine. Please don't stop or change a prescribed medicine on your own; your "
        "doctor or pharmacist can tell you whether it could be involved.\nI can't diagnose: this is general information."
    )
    again = dialogue.Reply(text=text, custom={"type": "explanation", "question": "stop_medicine"})
    out = dialogue.not_again([again], [text], [text])
    assert out[0].text.startswith(dialogue.texts.SAID_ABOVE) and "Please don't stop" in out[0].text


def test_a_feared_disease_asked_about_again_gets_the_answer_in_other_words_not_a_pointer(kb):
    # round 24 c03: "Can't you just tell me it's probably not ALS?" got "As I said earlier:" and the same two sentences
    said = dialogue.answers.feared(kb, dialogue.assess(kb, dialogue.evidence_from([[entity("symptom", "twitching")]])), "ALS")
    earlier = [said.text, "How long has the twitching been going on?"]
    again = dialogue.not_again([said], earlier[-1:], earlier)[0].text
    assert again == dialogue.texts.FEARED_AGAIN.format(disease="ALS") and "As I said" not in again
    third = dialogue.not_again([said], [again], [*earlier, again])[0].text
    assert third != again  # a third ask: not the same words again


def test_foods_asked_for_afterwards_at_an_urgent_level_come_after_being_seen_first(kb):
    # round 18 c25: "ok ill go to the out of hours. but for later, when im back, what foods, dairy free?" was refused twice
    tetany = [entity("symptom", "tetany"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [tetany], State(), "describe_symptoms", tetany)
    later = heard(kb, "ok ill go to the out of hours. but for later, when im back, what foods?")
    turn = dialogue.foods(kb, [tetany, []], first.state, [], later)
    assert turn.replies[0].text == dialogue.texts.AGREED["urgent"] and "today" in turn.replies[0].text  # going: heard
    assert any(r.custom and r.custom.get("type") == "foods" for r in turn.replies)
    assert not any((r.text or "").startswith(dialogue.texts.SEEN_FIRST) for r in turn.replies)


def test_foods_asked_for_at_an_urgent_level_say_being_seen_first_then_the_foods_as_for_afterwards(kb):
    # round 29 c22: "... For afterwards: See a doctor today, within 24 hours." and then the foods card
    weak = [entity("person", "other_adult"), entity("symptom", "weakness"), entity("symptom", "diarrhea"),
            entity("medication", "diuretic"), entity("symptom", "twitching")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [weak], State(), "describe_symptoms", weak)
    turn = dialogue.foods(kb, [weak, []], first.state, [], heard(kb, "should i give her a banana?"))
    lead = next(r.text for r in turn.replies if (r.text or "").startswith(dialogue.texts.SEEN_FIRST))
    assert lead.endswith(dialogue.texts.FOODS_AFTERWARDS) and "See a doctor today" in lead
    assert turn.replies[-1].custom and turn.replies[-1].custom.get("type") == "foods"


def test_several_questions_at_an_urgent_level_carry_the_levels_line_once(kb):
    # round 19 c12: "is it the drink stopping? should i have a small drink? would magnesium help?" beside seeing things
    # got three answers, each ending with "See a doctor today, within 24 hours; ..."
    seeing = [entity("symptom", "hallucinations"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [seeing], State(), "describe_symptoms", seeing)
    assert first.replies[0].custom["triage"] == "urgent"
    said = understood.Understood(asked=(Asked("cause"), Asked("what_helps"), Asked("supplements", "magnesium")))
    turn = dialogue.converse(kb, default_interview(), [seeing, []], first.state, "ask_explanation", [], said)
    line = answers.level_reminder(kb, assess(kb, dialogue.evidence_from([seeing, []], turn.state)).triage)
    assert sum((r.text or "").count(line) for r in turn.replies) == 1 and len(turn.replies) >= 2


def test_an_interview_question_pending_when_an_emergency_came_is_not_asked_again_while_it_holds(kb):
    # round 19 c09: chest pressure told beside a question, then "is that ok or do i need an ambulance?" got the answer
    # and "Back to my question: Do you take any medicines...?"
    told = [entity("symptom", "twitching"), entity("duration", "5")]
    transcript, state = play(kb, [("describe_symptoms", told), ("deny", []), ("deny", [])])
    waiting = default_interview().by_id(state.pending)
    assert waiting is not None
    chest = [entity("medication", "statin"), entity("symptom", "chest_pain")]
    asking = understood.Understood(asked=(Asked("cause"),))  # "... probably the stress?"
    history = [told, [], [], chest]
    turn = dialogue.converse(kb, default_interview(), history, state, "ask_explanation", chest, asking)
    assert turn.replies[0].custom["type"] == "escalation"
    how = understood.Understood(asked=(Asked("see_doctor"),))
    after = dialogue.converse(kb, default_interview(), [*history, []], turn.state, "ask_doctor", [], how)
    assert not any(waiting.text in (r.text or "") for r in after.replies), [r.text for r in after.replies]
    assert after.state.pending is None


def test_a_question_beside_a_warning_sign_without_twitching_is_answered_at_its_level_not_with_the_scope_answer(kb):
    chest = [entity("symptom", "chest_pain")]
    first = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest)
    assert first.replies[0].custom["triage"] == "emergency"
    said = understood.Understood(asked=(Asked("what_helps", confidence=0.95),))  # "what do i do now?"
    turn = dialogue.converse(kb, default_interview(), [chest, []], first.state, "ask_explanation", [], said)
    assert "out_of_scope" not in [(r.custom or {}).get("question") for r in turn.replies]
    assert any("emergency" in (r.text or "").lower() for r in turn.replies)


def test_a_medicine_asked_whether_to_take_is_said_to_be_outside_the_documents_not_answered_as_stopping_one(kb):
    # round 22 c04: "can I take aspirin with it?" got "Please don't stop or change a prescribed medicine on your own"
    told = [entity("symptom", "twitching"), entity("duration", "5")]
    aspirin = [entity("medication", "other_medication", "hypothetical", text="aspirin")]
    said = understood.Understood(asked=(Asked("stop_medicine", outside="aspirin"),))
    turn = dialogue.converse(kb, default_interview(), [told, aspirin], State(asked=("nerve_symptoms",)), "ask_explanation", aspirin, said)
    first = turn.replies[0].text
    assert "don't cover aspirin" in first and "don't stop" not in first.lower()
    statin = [entity("medication", "statin", text="statin")]  # "should I stop my statin?": who changes it, said
    stop = understood.Understood(asked=(Asked("stop_medicine", outside="statin"),))
    turn = dialogue.converse(kb, default_interview(), [told, statin], State(asked=("nerve_symptoms",)), "ask_explanation", statin, stop)
    assert "don't stop" in turn.replies[0].text.lower()


@pytest.mark.parametrize(
    "text, diet, said, unsaid",
    [
        ("would eating bananas help?", [], ["My sources list bananas among the foods that supply potassium"], ["doesn't fit"]),
        ("is cheese good for it? im vegan", ["vegan"], ["dairy products", "doesn't fit a vegan diet"], []),
        ("should I eat more avocados?", [], ["don't list avocados"], ["My sources list"]),
    ],
)
def test_a_food_the_question_names_is_answered_by_name_before_the_foods_card(kb, text, diet, said, unsaid):
    # round 22 c26: "would bananas help?" twice, the same card without bananas each time
    from bot.nlu.meaning import Reading, TopicHit
    from bot.understood import understand

    asked = understand(kb, text, [], Reading(topics=(TopicHit("foods", 0.95, 0, len(text)),)), [])
    told = [entity("symptom", "twitching"), entity("duration", "5"), *[entity("diet", d) for d in diet]]
    turn = dialogue.foods(kb, [told, []], State(asked=("nerve_symptoms",)), [], asked, default_interview())
    card = next(r for r in turn.replies if r.custom and r.custom.get("type") == "foods")
    assert all(s in card.text for s in said) and not any(u in card.text for u in unsaid), card.text


@pytest.mark.parametrize("withdrawal", [False, True])
def test_whether_to_have_a_drink_is_answered_from_what_the_documents_say_of_alcohol(kb, withdrawal):
    # round 23 c14: "should i just have a couple drinks to take the edge off till it passes?" beside withdrawal, asked
    # twice, got the pushback answer both times; round 22 c10: "can I have a small drink?" went unanswered
    from bot.nlu.meaning import Reading, TopicHit
    from bot.understood import understand

    text = "should i just have a couple drinks to take the edge off till it passes?"
    said = understand(kb, text, [], Reading(topics=(TopicHit("what_helps", 0.96, 0, len(text)),)), [])
    assert [(a.topic, a.outside) for a in said.asked] == [("supplements", "alcohol")]
    told = [entity("symptom", "twitching"), entity("lifestyle_factor", "alcohol")]
    if withdrawal:
        told += [entity("lifestyle_factor", "alcohol_withdrawal"), entity("symptom", "tremor")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_explanation", [], said)
    text = " ".join(r.text or "" for r in turn.replies)
    if withdrawal:
        assert "can't advise drinking" in text and "today" in text and turn.state.announced == "urgent"
    else:
        assert "heavy drinking can run magnesium low" in text and "occasional drink" in text


def test_a_medicine_asked_about_again_in_short_at_an_emergency_gets_the_answer_on_medicines_now(kb):
    # round 23 c11: "ok I'm calling 999. the aspirin - yes or no?" beside a stroke got the pushback answer
    from bot.nlu.meaning import Reading
    from bot.understood import understand

    text = "ok I'm calling 999. the aspirin - yes or no?"
    aspirin = [entity("medication", "other_medication", text="aspirin")]
    aspirin[0].update(start=text.index("aspirin"), end=text.index("aspirin") + 7)
    said = understand(kb, text, aspirin, Reading(), [])
    assert [(a.topic, a.outside) for a in said.asked] == [("stop_medicine", "aspirin")]
    told = [entity("symptom", "twitching"), entity("symptom", "facial_droop"), entity("symptom", "slurred_speech")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.converse(kb, default_interview(), [told, aspirin], first.state, "deny", aspirin, said)
    assert turn.replies[0].text.startswith(dialogue.texts.MEDICINE_NOT_NOW) and turn.state.announced == "emergency"


def test_the_answer_on_medicines_at_an_emergency_asked_again_is_a_straight_short_answer_not_a_pointer_back():
    # round 23 c11: "the aspirin - yes or no?" after the answer; a pointer back to it read as no answer
    full = f"{dialogue.texts.MEDICINE_NOT_NOW} Emergency: get help now: Call emergency services now."
    (again,) = dialogue.not_again([answers.Reply(text=full)], [full])
    assert again.text == dialogue.texts.MEDICINE_NOT_NOW_AGAIN
    (third,) = dialogue.not_again([answers.Reply(text=full)], [full, dialogue.texts.MEDICINE_NOT_NOW_AGAIN])
    assert third.text.startswith(dialogue.texts.SAID_ABOVE)  # said in short already: pointed back to, not again


def test_the_signs_a_bad_cramp_is_told_with_are_checked_in_one_question_and_one_no_clears_them_all(kb):
    # round 23 c25: "basically paralysed by the cramp ... the pain took my breath away" got four checks in a row
    told = [entity("symptom", "twitching"), entity("symptom", "cramps"), entity("symptom", "paralysis", "unsure"),
            entity("symptom", "difficulty_breathing", "unsure"), entity("symptom", "seizure", "unsure")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    check = first.replies[-1].text
    assert all(w in check for w in ("trouble breathing", "can't move at all", "a fit")) and check.count("?") == 1
    no = understood.Understood(answers={"check": "deny"}, worded=frozenset({"check"}), typed=True)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "deny", [], no)
    assert not (turn.state.pending or "").startswith("confirm:") and turn.state.announced is None
    yes = understood.Understood(answers={"check": "affirm"}, worded=frozenset({"check"}), typed=True)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "affirm", [], yes)
    assert (turn.state.pending or "").startswith("confirm:symptom:")  # a yes: which of them, one at a time


def test_a_question_asked_in_full_beside_an_answer_is_answered_however_faintly_the_model_read_it(kb):
    # round 23 c25: "no. the muscle seized up, that's all. can I play again next week? and should I take anything for
    # the cramps" (read at 0.6 and 0.66) got the next interview question, twice
    from bot.nlu.meaning import Reading, TopicHit
    from bot.understood import understand

    text = "no, not that long. can I go running again next week?"
    at = text.index("can")
    said = understand(kb, text, [], Reading(topics=(TopicHit("what_helps", 0.6, at, len(text)),)), ["duration"])
    told = [entity("symptom", "twitching"), entity("symptom", "cramps")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.pending == "duration"
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "deny", [], said)
    assert any((r.custom or {}).get("question") == "what_helps" for r in turn.replies)
    hedge = "maybe a little tired?"  # an answer's hedge with a "?" is still no question
    said = understand(kb, hedge, [], Reading(topics=(TopicHit("what_helps", 0.6, 0, len(hedge)),)), ["duration"])
    assert all(a.confidence < 0.8 for a in said.asked)


def test_an_answer_with_a_complaint_beside_it_is_kept_and_the_question_not_asked_again(kb):
    # round 23 c26: "Neither. but you didn't say anything about melatonin specifically?" got "That's fair. Self-care..."
    # and the weakness question again two turns later ("I ALREADY SAID NEITHER")
    told = [entity("symptom", "twitching"), entity("duration", "7")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.pending == "nerve_symptoms"
    said = understood.Understood(
        asked=(Asked("pushback", confidence=0.7), Asked("supplements", outside="melatonin")), answers={"nerve_symptoms": "deny"},
        worded=frozenset({"nerve_symptoms"}), unanswered=True, typed=True,
    )  # fmt: skip
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "deny", [], said)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "melatonin" in text and "nerve_symptoms" not in turn.state.pending and "That's fair" not in text
    assert any(f.get("value") == "weakness" and f.get("role") == "absent" for f in turn.state.facts)


def test_agreeing_to_be_seen_and_asking_about_food_at_an_emergency_is_acknowledged_and_the_why_not_said_again(kb):
    # round 23 c10: "fine ill get checked. but what should i eat on a cut" got the emergency's whole why again
    told = [entity("symptom", "twitching"), entity("symptom", "fainting")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.announced == "emergency"
    said = understood.Understood(asked=(Asked("foods"),), going=True, typed=True)
    turn = dialogue.foods(kb, [told, []], first.state, [], said, default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert text.startswith(dialogue.texts.AGREED["emergency"]) and "Why:" not in text


def test_a_question_no_reading_reached_is_said_to_be_outside_the_documents_at_the_level_not_passed_over(kb):
    # round 23 c24: "Should I stay with him tonight? Can I take him to A&E or should I call his GP?" beside new
    # confusion: where to go was answered, staying with him passed over in silence
    from bot.nlu.meaning import Reading, TopicHit
    from bot.understood import understand

    text = "Should I stay with him tonight? Can I take him to A&E or should I call his GP?"
    at = text.index("Can")
    said = understand(kb, text, [], Reading(topics=(TopicHit("see_doctor", 0.97, at, len(text)),)), [])
    assert said.unread and said.topics() == {"see_doctor"}
    told = [entity("symptom", "twitching"), entity("symptom", "confusion")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_doctor", [], said)
    replied = " ".join(r.text or "" for r in turn.replies)
    assert dialogue.texts.NOT_COVERED_LEAD in replied and "today" in replied
    both = Reading(topics=(TopicHit("see_doctor", 0.97, 0, len(text)),))
    assert not understand(kb, text, [], both, []).unread  # every question read


def test_after_a_crisis_answer_a_question_of_the_twitching_is_answered_not_put_off_for_a_check_that_never_comes(kb):
    # round 24 c19: "then answer it. is it ALS or not" got "Before I can say whether this is normal, I need to ask you
    # about one thing", and no question came
    told = [entity("symptom", "twitching"), entity("duration", "60"), entity("symptom", "self_harm"),
            entity("symptom", "weakness", "unsure")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.crisis
    feared = understood.Understood(asked=(Asked("feared", disease="ALS (motor neurone disease)"),), typed=True)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_explanation", [], feared)
    text = " ".join(r.text or "" for r in turn.replies)
    assert dialogue.texts.CHECK_FIRST not in text and "ALS" in text


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("that was hours ago and i'm totally fine now, can't it wait till tomorrow?", ("better", "later")),
        ("it's probably just the heat, honestly", ("explained",)),
    ],
)
def test_push_back_on_an_emergency_is_answered_as_said_and_the_level_holds(kb, text, answered):
    # round 24 c11, c10: "I feel totally fine now, can't it wait till Monday" and "probably just DOMS" got the level's
    # words again ("Please don't let this wait. Emergency: ..."), the objection itself never answered
    faint = [entity("symptom", "fainting"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [faint], State(), "describe_symptoms", faint)
    said = heard(kb, text)
    assert said.objections == answered
    turn = dialogue.converse(kb, default_interview(), [faint, []], first.state, "deny", [], said)
    text_sent = " ".join(r.text or "" for r in turn.replies)
    for kind in answered:
        assert dialogue.texts.OBJECTION_ANSWERS[kind]["emergency"] in text_sent
    assert "Call emergency services" in text_sent and turn.state.announced == "emergency"
    assert text_sent.count("come and go") + text_sent.count("can pass") <= 1  # said once, not in the lead and the close


def test_no_button_turns_to_food_while_an_emergency_holds(kb):
    # round 24 c10, c13: "What should I eat?" under chest pressure and under a drooping mouth
    chest = [entity("symptom", "chest_pain"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest)
    said = understood.Understood(asked=(understood.Asked("see_doctor"),))
    turn = dialogue.converse(kb, default_interview(), [chest, []], first.state, "ask_doctor", [], said)
    titles = [b["title"] for r in turn.replies for b in r.buttons or []]
    assert titles and "What should I eat?" not in titles
    calm = [entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine")]
    assert "What should I eat?" in [b["title"] for b in dialogue.answers.follow_ups(dialogue.assess(kb, dialogue.evidence_from([calm])))]


def test_going_at_an_emergency_with_questions_is_heard_and_gets_no_not_now(kb):
    # round 24 c10: "ok ok my wife is driving me to the ER. what do I tell them, give me a summary" got the summary, then
    # "What might be behind it can wait: first, please get help now" to someone on the way
    chest = [entity("symptom", "chest_pain"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest)
    said = replace(heard(kb, "ok my husband is taking me to the ER now. summary please"), asked=(Asked("cause"), Asked("summary")))
    assert said.going
    turn = dialogue.converse(kb, default_interview(), [chest, []], first.state, "ask_summary", [], said)
    assert "summary" in [r.custom["type"] for r in turn.replies if r.custom]
    assert turn.replies[-1].text == dialogue.texts.AGREED["emergency"]
    assert not any((r.text or "").startswith(dialogue.texts.NOT_NOW) for r in turn.replies)


def test_a_question_on_the_cause_beside_agreeing_to_go_is_for_the_people_who_will_see_them(kb):
    # round 40 c08: "ok ill go to the walk in. but does alcohol actually lower magnesium or is that a myth" got only
    # "Good, that's the right step"; c05: "ok i'll get my sister to take me ... but what could be causing the twitching?"
    told = [entity("symptom", "twitching"), entity("symptom", "hallucinations")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    said = heard(kb, "ok ill get my brother to drive me to the walk in. but what could be causing the twitching?")
    assert said.going and "cause" in said.topics()
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_explanation", [], said)
    texts_said = [r.text for r in turn.replies]
    assert dialogue.texts.ASK_WHEN_SEEN.format(whom="you") in texts_said
    assert texts_said[-1] == dialogue.texts.AGREED["urgent"]


def test_is_it_connected_beside_a_warning_sign_still_to_check_gets_the_check_not_a_cause_first(kb):
    # round 25 c25: "his mouth went slack ... is the twitch connected?" got the caffeine explanation, then the droop check
    told = [entity("person", "other_adult"), entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine"),
            entity("symptom", "facial_droop", "unsure")]  # fmt: skip
    said = understood.Understood(asked=(Asked("cause"),), typed=True, relating=True)
    turn = dialogue.explain(kb, [told], State(), told, said, "ask_explanation", default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert "caffeine" not in text.lower() and dialogue.texts.CHECK_FIRST in text
    assert turn.state.pending == "confirm:symptom:facial_droop"


def test_a_cause_the_documents_do_not_cover_asked_while_a_sign_waits_is_said_to_be_outside_them(kb):
    # round 40 c21: "so is it the cold?" while a check waited got "Before I can say whether this is normal, I need to ask
    # you about one thing you described", twice, and never an answer
    told = [entity("symptom", "twitching"), entity("symptom", "seizure", "unsure")]
    said = understood.Understood(asked=(Asked("cause", outside="the cold"),), typed=True)
    turn = dialogue.explain(kb, [told], State(), told, said, "ask_explanation", default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert dialogue.texts.CHECK_FIRST not in text and "My documents don't cover the cold" in text
    assert turn.state.pending == "confirm:symptom:seizure"  # the check still asked


@pytest.mark.parametrize("text", ["wtf no?? it's energy drinks", "omg no. the gaming kind", "bruh no lol"])
def test_a_no_after_an_exclamation_answers_the_check(text):
    # round 25 c14: "wtf no??" to the check on thoughts of self-harm got "Sorry to ask again, but it matters"
    from bot import free_answers

    assert free_answers.meaning(free_answers.CHECK, text) == free_answers.DENY


def test_the_message_that_told_a_warning_sign_is_quoted_in_the_summary_even_after_a_long_story():
    # round 25 c16: the own-words line was full of the first long messages, and the chest pressure into the jaw was not
    long = "my arms and shoulders have been twitching " + "on and off at night and in the mornings " * 12
    history = [[entity("symptom", "twitching")], [entity("symptom", "twitching")], [entity("symptom", "chest_pain")]]
    told = ((0, long), (1, "and again " + long), (2, "now a heavy pressure in my chest going up into my jaw"))
    quoted = dialogue.own_words(history, told, dialogue.evidence_from(history))
    assert any("pressure in my chest" in q for q in quoted)
    assert quoted[-1].startswith("now a heavy pressure")  # in the order they were said


def test_a_stroke_pushed_back_on_with_a_question_on_his_usual_medicine_gets_both_answered_at_the_emergency_level(kb):
    # round 25 c17: "he says hes fine and just tired and wants a lie down. should I give him his furosemide now, its due?"
    # got the medication-side-effect explanation, no emergency restated and the push back unanswered
    stroke = [entity("person", "other_adult"), entity("symptom", "facial_droop"), entity("symptom", "slurred_speech"),
              entity("medication", "diuretic"), entity("symptom", "twitching")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [stroke], State(), "describe_symptoms", stroke)
    said = heard(kb, "she says shes fine, just tired, and wants a nap. do I give her the water tablet now, it's due?")
    said = replace(said, asked=(*said.asked, Asked("stop_medicine")))  # as the meaning model reads it
    assert "pushback" in said.topics() and "better" in said.objections
    turn = dialogue.converse(kb, default_interview(), [stroke, []], first.state, "ask_stop_medicine", [], said)
    text = " ".join(r.text or "" for r in turn.replies)
    assert dialogue.texts.MEDICINE_NOT_NOW in text and dialogue.texts.OBJECTION_ANSWERS["better"]["emergency"] in text
    assert "Side effect of a medication" not in text and "Call emergency services" in text


def test_a_question_read_only_by_its_subject_mid_interview_goes_back_to_the_interview(kb):
    # "salts in water or plain water, which is better?" read by no topic, only its subject: the explanation, then the
    # interview's question again (it was left pending and never asked again)
    transcript, state = play(kb, EYELID_INTERVIEW[:2])
    assert state.pending is not None and not state.pending.startswith("confirm:")
    history = [entities for _, entities in EYELID_INTERVIEW[:2]] + [[]]
    said = understood.Understood(subject="dehydration_electrolytes", unread=True)
    turn = dialogue.explain(kb, history, state, [], said, "ask_supplements", default_interview())
    assert turn.replies[0].custom and turn.replies[0].custom.get("topic") == "dehydration_electrolytes"
    assert turn.replies[-1].text.startswith("Back to my question") and turn.state.pending == state.pending


def test_the_writers_own_worry_for_the_person_they_ask_about_is_not_that_persons(kb):
    # "i'm really worried about him, i couldn't sleep last night" in a conversation about a father: his summary listed
    # anxiety and poor sleep, and the reply spoke of "distress over the twitching" as his
    dad = [entity("person", "other_adult"), entity("symptom", "twitching"), entity("body_part", "calf")]
    text = "honestly i'm so worried for my dad, i barely slept"
    mine = [entity("symptom", "distress"), entity("lifestyle_factor", "poor_sleep"), entity("lifestyle_factor", "anxiety")]
    said = heard(kb, text, mine)
    assert said.worried_for
    history = [dad, dialogue.heard(mine, said, None)]
    ev = dialogue.evidence_from(history)
    assert not {"symptom:distress", "lifestyle_factor:poor_sleep", "lifestyle_factor:anxiety"} & ev.present
    # told of themselves, the same words are theirs
    own = heard(kb, "i'm so worried about this twitching, i barely slept", mine)
    assert not own.worried_for and "lifestyle_factor:poor_sleep" in dialogue.evidence_from([[entity("symptom", "twitching")], dialogue.heard(mine, own, None)]).present


def test_more_of_a_childs_story_read_as_asking_about_a_cause_is_noted_not_explained(kb):
    # "she drinks energy drinks to revise" after the child's answer got the adult caffeine explanation
    child = [entity("person", "child"), entity("symptom", "twitching"), entity("body_part", "eyelid")]
    first = dialogue.converse(kb, default_interview(), [child], State(), "describe_symptoms", child)
    drinks = [entity("lifestyle_factor", "caffeine")]
    said = understood.Understood(subject="caffeine_stimulants")
    turn = dialogue.explain(kb, [child, drinks], first.state, drinks, said, "ask_explanation", default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert not any(r.custom and r.custom.get("topic") == "caffeine_stimulants" for r in turn.replies)
    assert "noted" in text and "doctor" in text


def test_a_faint_of_long_ago_is_asked_about_as_recent_never_escalated_at_once(kb):
    # "i fainted once at school when i was 14, but now my calf twitches": the extractor reads the faint as unsure; the
    # check asks whether it was recent, so "yes, when I was 14" is not taken for a faint now by the wording of the question
    said = [entity("symptom", "fainting", "unsure"), entity("symptom", "twitching"), entity("body_part", "calf")]
    transcript, state = play(kb, [("describe_symptoms", said)])
    assert "escalation" not in kinds(transcript[0])
    assert state.pending == "confirm:symptom:fainting" and transcript[0][-1].text.endswith("recently?")


def test_an_answer_that_already_says_the_level_does_not_get_it_again(kb):
    # "can this wait till monday?" on a steroid: "It can wait for a routine appointment ... See a doctor: ..." and then
    # "For you: See a doctor: ..." again in the same reply (round 26 c16, c27)
    said = [entity("medication", "corticosteroid"), entity("symptom", "twitching")]
    result = assess(kb, dialogue.evidence_from([said]))
    reply = answers.see_doctor(kb, result)
    line = answers.your_level(kb, result)
    (out,) = dialogue.with_level([reply], line, result.triage.level, None)
    core = line.split(": ", 1)[1]
    assert out.text.count(core) == 1 and out.custom["triage"] == result.triage.level


def test_a_sign_read_twice_in_a_question_is_answered_once(kb):
    # "idk if thats weakness" read as weakness twice: "If you get weakness: see a doctor ..." printed twice (round 26 c02)
    result = assess(kb, dialogue.evidence_from([[entity("symptom", "twitching")]]))
    reply = answers.worry(kb, result, ["symptom:weakness", "symptom:weakness"])
    assert reply.text.count("If you get weakness") == 1


def test_ok_to_the_check_on_thoughts_of_self_harm_is_no_answer(kb):
    # "ok" only takes the question in: asked once more, plainly; "i'm ok" is a no
    faint = [entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [faint], State(), "describe_symptoms", faint)
    assert first.state.pending == "confirm:symptom:self_harm"
    ok = dialogue.converse(kb, default_interview(), [faint, []], first.state, "affirm", [], heard(kb, "ok"))
    assert ok.state.pending == "confirm:symptom:self_harm" or any("harming" in (r.text or "") for r in ok.replies)
    assert not any(r.custom and r.custom.get("type") == "interview" for r in ok.replies)
    fine = dialogue.converse(kb, default_interview(), [faint, []], first.state, "deny", [], heard(kb, "i'm ok, just tired of it"))
    assert any(r.custom and r.custom.get("type") == "interview" for r in fine.replies) or fine.state.pending != "confirm:symptom:self_harm"


def test_would_a_few_beers_help_in_withdrawal_is_asked_whether_to_drink(kb):
    # round 26 c08: "would a couple beers help? i cant go to the doctor theyll judge me" in withdrawal got push back
    from bot.nlu.meaning import Reading, TopicHit
    from bot.understood import understand

    text = "would a few pints help with the shakes?"
    said = understand(kb, text, [], Reading(topics=(TopicHit("what_helps", 0.95, 0, len(text)),)), [])
    assert ("supplements", "alcohol") in [(a.topic, a.outside) for a in said.asked]
    told = [entity("symptom", "twitching"), entity("lifestyle_factor", "alcohol_withdrawal"), entity("symptom", "tremor")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_explanation", [], said)
    assert "can't advise drinking" in " ".join(r.text or "" for r in turn.replies)


def test_feeling_fine_said_of_someone_else_is_not_answered_as_a_sign_easing(kb):
    # round 26 c03: "he says hes fine and just tired ... can we just wait" beside a stroke got "I'm really glad it's easing"
    told = [entity("person", "other_adult"), entity("symptom", "facial_droop"), entity("symptom", "twitching")]
    result = assess(kb, dialogue.evidence_from([told]))
    reply = answers.pushback(kb, result, objections=["better"])
    assert "easing" not in reply.text and "eased" not in reply.text and "still need checking at once" in reply.text


def test_a_parents_fear_for_a_child_is_named_and_answered_as_for_a_child(kb):
    # round 26 c17: "im scared its tourettes" got "a few more questions will help me tell you what fits" (none follow
    # for a child) and the fear was never named
    child = [entity("person", "child"), entity("symptom", "twitching"), entity("body_part", "eyelid")]
    first = dialogue.converse(kb, default_interview(), [child], State(), "describe_symptoms", child)
    said = heard(kb, "is it tourettes?")
    turn = dialogue.explain(kb, [child, []], first.state, [], said, "ask_explanation", default_interview())
    text = " ".join(r.text or "" for r in turn.replies)
    assert "Tourette" in text and "children" in text and "more questions" not in text
    scared = [entity("symptom", "distress")]
    turn = dialogue.converse(kb, default_interview(), [child, scared], first.state, "describe_symptoms", scared)
    assert "more questions" not in " ".join(r.text or "" for r in turn.replies)


def test_no_food_list_beside_trouble_swallowing(kb):
    # round 27 c28: "can she eat soft food in the meantime?" for a grandmother who chokes on food got nuts and seeds
    told = [entity("person", "other_adult"), entity("symptom", "difficulty_swallowing"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    said = replace(heard(kb, "can she eat soft food in the meantime?"), asked=(Asked("foods"),))
    turn = dialogue.explain(kb, [told, []], first.state, [], said, "ask_foods", default_interview())
    assert not any(r.custom and r.custom.get("type") == "foods" for r in turn.replies)
    assert "safe" in " ".join(r.text or "" for r in turn.replies)


def test_staying_with_the_person_said_again_turns_later_comes_in_other_words():
    # round 27 c30: after the crisis answer, "ok" and, three messages later, "sorry for being dramatic" got the same block
    from bot import texts
    from bot.dialogue import Reply

    block = f"{texts.AFTER_CRISIS_OPENING} Please call a crisis line now. {texts.AFTER_CRISIS_CLOSING}"
    recent = ["an answer on the twitching", "the crisis line again", "which tests"]
    (out,) = dialogue.not_again([Reply(text=block)], recent, earlier=[block, *recent])
    assert out.text != block and out.text.startswith("I'm")


def test_ok_after_ok_after_a_crisis_answer_never_pastes_the_same_lines_again():
    # round 28 c29: the same crisis-line sentence in 4 replies in a row, only the opening words changed
    from bot import texts
    from bot.dialogue import Reply

    block = f"{texts.AFTER_CRISIS_OPENING} Please call a crisis line now. {texts.AFTER_CRISIS_CLOSING}"
    sent: list[str] = ["the crisis answer"]
    for _ in range(8):
        (out,) = dialogue.not_again([Reply(text=block)], sent[-3:], earlier=sent[-12:])
        sent.append(out.text)
    replies = sent[1:]
    sentences = [{s.strip() for s in text.split(". ")} for text in replies]
    assert all(not (a & b) for a, b in zip(sentences, sentences[1:], strict=False))  # no sentence said in the reply before
    assert all(text not in replies[max(0, i - 3) : i] for i, text in enumerate(replies))
    assert not any(texts.SAID_ABOVE in text for text in replies)


def test_a_list_pointed_back_to_names_its_first_items_not_its_heading_alone():
    # round 27 c27: "As I said just above: Foods that supply magnesium, calcium and potassium:" and nothing after it
    from bot.dialogue import Reply

    foods = Reply(text="Foods that supply magnesium:\n- spinach (magnesium)\n- nuts (magnesium)", custom={"type": "foods"})
    (out,) = dialogue.not_again([foods], [foods.text])
    assert "spinach" in out.text and not out.text.split("\n")[0].endswith(":")


def test_a_lift_offered_for_tomorrow_at_an_urgent_level_is_no_agreement_to_go_today(kb):
    # round 29 c08: "my brother can take me tomorrow morning, is that soon enough?" got "it should not wait" and then
    # "Good. Being seen today is the right step"
    told = [entity("symptom", "twitching"), entity("symptom", "tetany")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    from bot.nlu.meaning import Reading, TopicHit
    from bot.understood import understand

    text = "my brother can take me tomorrow morning, is that soon enough?"
    said = understand(kb, text, [], Reading(topics=(TopicHit("see_doctor", 0.9, 0, len(text)),)), [])
    assert not any(a.outside for a in said.asked)  # "soon enough" is no cause the documents leave out
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_when_doctor", [], said)
    text = " ".join(r.text or "" for r in turn.replies)
    assert dialogue.texts.AGREED["urgent"] not in text and "today" in text


def test_tests_asked_at_an_emergency_get_the_team_decides_and_agreeing_again_is_not_pointed_back_to(kb):
    # round 29 c02: with the ambulance at the door, "what tests" got the twitching's blood tests and "As I said just
    # above: Good, that's the right thing to do."
    from bot.understood import Asked

    stroke = [entity("person", "other_adult"), entity("symptom", "facial_droop"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [stroke], State(), "describe_symptoms", stroke)
    said = replace(heard(kb, "ok i called them, they're coming"), asked=())
    going = dialogue.converse(kb, default_interview(), [stroke, []], first.state, "affirm", [], said)
    sent = [r.text for r in [*first.replies, *going.replies] if r.text]
    asked = replace(heard(kb, "ambulance is here now. what will they do at the hospital, like what tests"), asked=(Asked("tests"),))
    turn = dialogue.converse(kb, default_interview(), [stroke, [], []], going.state, "ask_tests", [], asked)
    replies = dialogue.not_again(turn.replies, sent[-3:], sent)
    text = " ".join(r.text or "" for r in replies)
    assert "who sees them" in text and "blood test" not in text and "As I said" not in text
    agreed = dialogue.texts.AGREED["emergency"]
    (again,) = dialogue.not_again([dialogue.Reply(text=agreed)], [agreed])
    assert again.text != agreed and not again.text.startswith(dialogue.texts.SAID_ABOVE)


def test_a_check_answered_with_nothing_told_yet_asks_for_the_story_not_the_interview(kb):
    # round 29 c13: "uh no?? i was asking about the weather" to the self-harm check got "How long has the twitching
    # been going on?"; then "i dont have twitching" got "a pharmacist or doctor can advise you on it"
    faint = [entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [faint], State(), "ask_other", faint)
    assert first.state.pending and first.state.pending.startswith(dialogue.CONFIRM)
    turn = dialogue.converse(kb, default_interview(), [faint, []], first.state, "deny", [], heard(kb, "uh no?? i was asking about the weather"))
    assert [r.text for r in turn.replies] == [dialogue.texts.STORY_FIRST]
    denied = [entity("symptom", "twitching", "absent")]
    scope = dialogue.converse(kb, default_interview(), [faint, [], denied], turn.state, "out_of_scope", denied,
                              heard(kb, "i dont have twitching. just curious"))  # fmt: skip
    text = " ".join(r.text or "" for r in scope.replies)
    assert "advise you on it" not in text and "interview" not in [(r.custom or {}).get("type") for r in scope.replies]


def test_questions_about_a_child_get_the_childs_doctor_once_with_what_the_documents_do_not_cover_named(kb):
    # round 29 c12: "what could be causing it? is it the screen time? can he still have hot chocolate" got the child's
    # "See a doctor" twice, the adult "troubles you a lot" paragraph between, and nothing on the screen time
    from bot.understood import Asked

    child = [entity("person", "child"), entity("symptom", "twitching"), entity("body_part", "eyelid")]
    first = dialogue.converse(kb, default_interview(), [child], State(), "describe_symptoms", child)
    asked = (Asked("see_doctor", confidence=0.8), Asked("foods"), Asked("cause", outside="screen time"))
    said = replace(heard(kb, "what could be causing it? is it the screen time? and can he still have hot chocolate"), asked=asked)
    turn = dialogue.answer(kb, default_interview(), [child, []], first.state, [], said)
    text = " ".join(r.text or "" for r in turn.replies)
    assert text.count("Book an appointment with your child's doctor") == 1 and "troubles you a lot" not in text
    assert "don't cover screen time" in text


def test_a_fear_named_beside_push_back_on_an_urgent_level_is_heard_by_its_name(kb):
    # round 30 c27: "he feels fine, why the rush. is this ALS? thats what im scared of" got only the push back answer
    from bot.understood import Asked

    told = [entity("person", "other_adult"), entity("symptom", "twitching"), entity("symptom", "slurred_speech")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    asked = (Asked("pushback", confidence=0.87), Asked("feared", disease="ALS (motor neurone disease)"))
    said = replace(heard(kb, "he says he feels fine so why the rush. is this ALS? thats what im scared of"), asked=asked)
    turn = dialogue.answer(kb, default_interview(), [told, []], first.state, [], said)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "ALS" in text and text.count("See a doctor today") == 1


def test_a_pending_question_answered_with_something_else_is_asked_again_not_dropped(kb):
    # round 30 c19: "why did you say strenuous exercise? I don't exercise, I walk the dog" to "How have you been
    # sleeping?": the exercise heard, and the sleep question never asked again
    told = [entity("symptom", "twitching"), entity("duration", "10"), entity("lifestyle_factor", "caffeine")]
    state = State(asked=("nerve_symptoms", "sleep"), pending="sleep", facts=())
    no_exercise = [entity("lifestyle_factor", "intense_exercise", "absent")]
    turn = dialogue.converse(kb, default_interview(), [told, [], no_exercise], state, "give_info", no_exercise,
                             heard(kb, "I don't exercise, I walk the dog", no_exercise))  # fmt: skip
    assert turn.state.pending == "sleep" and "sleeping" in turn.replies[-1].text


def test_where_to_go_at_an_emergency_told_already_says_the_action_once(kb):
    # round 30 c29: "call emergency services or go to an emergency department now" twice in one message
    chest = [entity("symptom", "twitching"), entity("symptom", "chest_pain")]
    result = dialogue.assess(kb, dialogue.evidence_from([chest]))
    text = dialogue.answers.see_doctor(kb, result, known=True).text
    assert text.lower().count("emergency department now") == 1


def test_how_much_water_beside_too_much_water_at_an_urgent_level_gets_no_everyday_advice(kb):
    # round 31 c10: 6 litres a day with a headache and nausea, "how much water should i be drinking then?" got "If you
    # drink very large amounts of plain water, spread it out and do not skip the minerals"
    from bot.understood import Asked

    told = [entity("lifestyle_factor", "excessive_water_intake"), entity("symptom", "headache"), entity("symptom", "nausea"),
            entity("symptom", "twitching")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    said = replace(heard(kb, "how much water should i be drinking then, like a number"),
                   asked=(Asked("dose", "dehydration_electrolytes"),))  # fmt: skip
    text = " ".join(r.text or "" for r in dialogue.answer(kb, default_interview(), [told, []], first.state, [], said).replies)
    assert "spread it out" not in text and "thirsty" in text and "today" in text


def test_facts_told_mid_interview_beside_the_answer_asked_for_are_said_back_in_a_line(kb):
    # round 32 c16: "please add my running, 50km a week, to the summary" to the stress question was kept without a word,
    # and asked for twice more
    state = State(asked=("duration", "nerve_symptoms", "caffeine", "sleep"), pending="sleep")
    history = [[entity("symptom", "twitching")], [entity("duration", "21")], [], []]
    running = [entity("lifestyle_factor", "intense_exercise")]
    turn = dialogue.converse(kb, default_interview(), [*history, running], state, "give_info", running, heard(kb, "add my running"))
    texts_ = [r.text for r in turn.replies]
    assert "Noted for your summary: hard exercise." in texts_, texts_
    assert turn.replies[-1].text.endswith("?")  # and the interview goes on
    # the answer to the question asked is no news to say back ("I sleep 4 hours" to the sleep question)
    short = [entity("lifestyle_factor", "poor_sleep")]
    turn = dialogue.converse(kb, default_interview(), [*history, short], state, "give_info", short, heard(kb, "4 hours"))
    assert not any((r.text or "").startswith("Noted") for r in turn.replies), [r.text for r in turn.replies]


def test_what_to_tell_them_asked_for_oneself_is_what_to_tell_the_people_who_see_you(kb):
    # round 32 c28: "ok thanks, ill call 111. what should i tell them" got "offer to take them; if they still refuse ..."
    story = [entity("symptom", "irregular_heartbeat"), entity("symptom", "twitching"), entity("medication", "diuretic")]
    first = dialogue.converse(kb, default_interview(), [story], State(), "describe_symptoms", story)
    asking = understood.Understood(asked=(Asked("persuade"),), going=True)
    turn = dialogue.converse(kb, default_interview(), [story, []], first.state, "ask_doctor", [], asking)
    said = " ".join(r.text or "" for r in turn.replies)
    assert "Tell them what you have noticed (an irregular heartbeat and twitching)" in said and "refuse" not in said, said
    # asked for someone who will not go, it is still how to get them seen
    dad = [*story, entity("person", "other_adult")]
    first = dialogue.converse(kb, default_interview(), [dad], State(), "describe_symptoms", dad)
    turn = dialogue.converse(kb, default_interview(), [dad, []], first.state, "ask_doctor", [], understood.Understood(asked=(Asked("persuade"),)))
    assert "refuse" in " ".join(r.text or "" for r in turn.replies)


def test_questions_about_going_asked_beside_a_first_escalation_are_answered_after_it(kb):
    # round 32 c08 ("im scared to go to a&e, will they judge me?") and c28 ("my doctor's off till Monday - can it
    # wait?"): the escalation alone, the question dropped and asked again
    told = [entity("lifestyle_factor", "alcohol_withdrawal"), entity("symptom", "tremor"), entity("symptom", "twitching")]
    said = understood.Understood(asked=(Asked("reluctant"), Asked("see_doctor")))
    turn = dialogue.converse(kb, default_interview(), [told], State(), "ask_doctor", told, said)
    assert turn.replies[0].custom["type"] == "escalation"
    text = " ".join(r.text or "" for r in turn.replies[1:])
    assert "not to judge" in text and "out-of-hours" in text, text
    assert text.count("I can't diagnose") == 0  # said once, under the escalation
    # a question that could soften what to do now is not answered beside it ("is this normal?")
    normal = dialogue.converse(kb, default_interview(), [told], State(), "ask_normal", told, understood.Understood(asked=(Asked("normal"),)))
    assert len(normal.replies) == 1


def test_answers_mid_interview_carry_no_self_care_line_it_comes_once_with_the_assessment(kb):
    # round 33 c01: "For you: Self-care: ..." under the coffee answer mid-interview, then again in the assessment
    state = State(asked=("nerve_symptoms", "stress"), pending="stress")
    story = [entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine"), entity("duration", "4")]
    asking = understood.Understood(asked=(Asked("what_helps", "caffeine_stimulants", amount=True),))
    turn = dialogue.converse(kb, default_interview(), [story, [], []], state, "ask_what_helps", [], asking)
    said = " ".join(r.text or "" for r in turn.replies)
    assert "Cut back on coffee" in said and "Self-care:" not in said, said
    assert turn.replies[-1].text.startswith("Back to my question")
    # what needs a doctor is said with the answer, as before (three weeks)
    longer = [*story[:2], entity("duration", "21")]
    turn = dialogue.converse(kb, default_interview(), [longer, [], []], state, "ask_what_helps", [], asking)
    assert "See a doctor" in " ".join(r.text or "" for r in turn.replies)


def test_calling_now_at_an_urgent_level_read_as_asking_about_doctors_is_heard_not_answered_with_where_to_go(kb):
    # round 33 c27: "ok calling the ward now, thanks" got "It should not wait: be seen today ..." pasted again
    told = [entity("symptom", "tetany"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.explain(kb, [told, []], first.state, [], heard(kb, "ok calling the ward now, thanks"), "ask_doctor", default_interview())
    assert [r.text for r in turn.replies] == [dialogue.texts.AGREED["urgent"]]


def test_the_signs_of_a_feared_condition_of_the_policy_are_listed_beside_its_emergency_too(kb):
    # round 33 c30: "what are the actual signs of a stroke?" after an arm gone heavy: the fear named, no sign listed
    told = [entity("symptom", "weakness"), entity("onset", "sudden"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    asking = understood.Understood(asked=(Asked("feared", disease="a stroke"),))
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_feared", [], asking)
    said = " ".join(r.text or "" for r in turn.replies)
    assert "a face that droops on one side" in said and "Call emergency services" in said, said


def test_a_crisis_told_of_another_adult_is_answered_as_helping_them(kb):
    # round 33 c20: a partner giving her things away; the writer was asked "are you having thoughts of ending your
    # life?", then told "I'm really sorry you're feeling this way", then answered about his own feelings
    told = [entity("person", "other_adult"), entity("symptom", "twitching"), entity("symptom", "self_harm", "unsure")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert "you or the person you're asking for" in first.replies[-1].text
    yes = dialogue.converse(kb, default_interview(), [told, []], first.state, "affirm", [], heard(kb, "yes, her"))
    crisis = " ".join(r.text or "" for r in yes.replies)
    assert "stay with them" in crisis and "you're feeling this way" not in crisis, crisis
    asking = understood.Understood(asked=(Asked("see_doctor"),))
    then = dialogue.converse(kb, default_interview(), [told, [], []], yes.state, "ask_doctor", [], asking)
    assert "Ask them gently and plainly" in " ".join(r.text or "" for r in then.replies)
    # of the writer themself, as before
    own = [entity("symptom", "twitching"), entity("symptom", "self_harm")]
    mine = dialogue.converse(kb, default_interview(), [own], State(), "describe_symptoms", own)
    assert "you're feeling this way" in mine.replies[0].text


def test_the_writers_own_crisis_beside_another_persons_twitching_is_answered_as_theirs(kb):
    # "my mum's legs twitch ... and honestly i don't want to be here anymore": the writer's, not the mother's
    told = [entity("person", "other_adult"), {**entity("symptom", "twitching"), "owner": "other"},
            {**entity("symptom", "self_harm"), "owner": "writer"}]  # fmt: skip
    turn = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert "you're feeling this way" in turn.replies[0].text and "stay with them" not in turn.replies[0].text


def test_the_twitchings_cause_asked_at_an_urgent_level_is_named_apart_from_the_sign(kb):
    # round 34 c21, c22: "whats causing the eye twitch?" beside heart flip-flops got "I can't tell from here what this is"
    told = [entity("symptom", "irregular_heartbeat"), entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    asking = understood.Understood(asked=(Asked("cause"),))
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_cause", [], asking)
    said = " ".join(r.text or "" for r in turn.replies)
    assert "too much caffeine" in said and "still needs a doctor today" in said and "See a doctor today" in said, said
    # at an emergency, the causes wait (as before)
    chest = [entity("symptom", "chest_pain"), entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine")]
    first = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest)
    turn = dialogue.converse(kb, default_interview(), [chest, []], first.state, "ask_cause", [], asking)
    assert "too much caffeine" not in " ".join(r.text or "" for r in turn.replies)


def test_a_dose_asked_at_an_urgent_level_gets_no_everyday_advice_beside_it(kb):
    # round 34 c11: "electrolyte tabs instead? how many mg sodium" beside six litres of water, a headache and vomiting got
    # the electrolytes explanation, "Drink water regularly through the day"
    told = [entity("lifestyle_factor", "excessive_water_intake"), entity("symptom", "headache"), entity("symptom", "vomiting"),
            entity("symptom", "twitching")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.replies[0].custom["triage"] == "urgent"
    asking = understood.Understood(asked=(Asked("dose", "electrolytes"),))
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_dose", [], asking)
    said = " ".join(r.text or "" for r in turn.replies)
    assert "I don't give doses" in said and "Drink water regularly" not in said and "See a doctor today" in said, said


def test_an_activity_asked_at_an_urgent_level_is_answered_as_asked_not_as_push_back(kb):
    # round 34 c11: "can i still do my run tmrw or do i have to pause the challenge" got "my advice stays the same"
    told = [entity("lifestyle_factor", "excessive_water_intake"), entity("symptom", "headache"), entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    said = heard(kb, "ugh ok. can i still do my run tmrw or do i have to pause the challenge")
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_worry", [], said)
    text = " ".join(r.text or "" for r in turn.replies)
    assert "whether running is safe" in text and "hold off" in text and "advice stays the same" not in text, text


def test_which_number_to_call_is_answered_for_the_country_said_at_an_emergency_and_after_a_crisis(kb):
    # round 35 c28: "what number i call? i am in spain" during chest pain got "I can't help with that one", twice
    chest = [entity("symptom", "twitching"), entity("symptom", "chest_pain")]
    state = dialogue.converse(kb, default_interview(), [chest], State(), "describe_symptoms", chest).state
    said = understood.understand(kb, "what number i call? i am in spain", [], None, ())
    turn = dialogue.answer(kb, default_interview(), [chest, []], state, [], said)
    assert turn is not None and "In Spain, the emergency number is 112." in turn.replies[0].text
    # after a crisis answer, "im in australia": that country's crisis line and emergency number, not 988 again
    after = dialogue.converse(kb, default_interview(), [CRISIS[1]], State(), *CRISIS).state
    said = understood.understand(kb, "im in australia", [], None, ())
    stay = dialogue.converse(kb, default_interview(), [CRISIS[1], []], after, "give_info", [], said)
    assert "13 11 14" in stay.replies[0].text and "000" in stay.replies[0].text
    assert "988" not in stay.replies[0].text


def test_a_long_sentence_sent_in_two_earlier_messages_is_not_pasted_into_a_third_answer():
    # round 35: the level's line and its why came back in every reply at an urgent level (27 of 30 conversations)
    from bot.dialogue import Reply

    level = "See a doctor today, within 24 hours, and go sooner if it gets worse."
    why = "An irregular heartbeat can come from low potassium or magnesium and needs checking quickly."
    earlier = [f"{level} Why: {why}", f"It should not wait. {level}"]
    answer = Reply(text=f"Cutting out the energy drinks is a good idea, but don't wait to see if it stops. {level}",
                   custom={"type": "explanation"})
    (kept,) = dialogue.without_boilerplate([answer], earlier)
    assert level not in kept.text and kept.text.startswith("Cutting out the energy drinks")
    (once_before,) = dialogue.without_boilerplate([answer], earlier[:1])
    assert level in once_before.text  # said once before: a reminder, once more
    # twice in one turn: the second answer leaves it out; a card is sent whole; all said before: sent as it was
    card = Reply(text=f"{level} Why: {why}", custom={"type": "escalation"})
    first, second = dialogue.without_boilerplate([card, answer], [])
    assert first == card and level not in second.text
    only = Reply(text=level, custom={"type": "explanation"})
    assert dialogue.without_boilerplate([only], earlier) == [only]


def test_one_reply_says_a_long_sentence_once():
    why = "Twitching that has gone on for more than two weeks should be looked at by a doctor."
    reply = dialogue.Reply(text=f"It can wait for a routine appointment. {why}\nSee a doctor: book one. Why: x. {why}")
    (once,) = dialogue.without_boilerplate([reply], [])
    assert once.text.count(why) == 1 and once.text.startswith("It can wait")


@pytest.mark.parametrize(
    "text, thing",
    [
        ("just today. should i use heat or ice on it?", "heat or ice"),  # round 35 c20: the sleep and stress tips
        ("would compression socks help on the flight home?", "compression socks"),  # round 35 c06: asked three times
        ("would stretching help?", None),  # the documents advise stretching: answered from them
    ],
)
def test_a_remedy_the_documents_never_speak_of_is_said_to_be_outside_them_by_its_name(kb, text, thing):
    from bot.nlu.meaning import Reading, TopicHit
    from bot.understood import understand

    said = understand(kb, text, [], Reading(topics=(TopicHit("what_helps", 0.95, 0, len(text)),)), [])
    assert [(a.topic, a.outside) for a in said.asked] == [("what_helps", thing)]
    told = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("lifestyle_factor", "poor_sleep")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_explanation", [], said)
    answer = turn.replies[0].text or ""
    if thing is not None:
        assert answer.startswith(f"My documents don't cover {thing}") and "Stress and anxiety" not in answer
    else:
        assert "My documents don't cover" not in answer


def test_a_second_question_off_the_subject_gets_other_words_not_a_pointer_back(kb):
    # round 35 c16: a pizza place after the weather got "As I said just above: I can't help with that one"
    from bot.evidence import Evidence
    from bot.reasoning import assess as assess_

    reply = answers.off_topic(kb, assess_(kb, Evidence()))
    (again,) = dialogue.not_again([reply], [reply.text], [reply.text])
    assert again.text.startswith(dialogue.texts.OFF_TOPIC_AGAIN) and dialogue.texts.SAID_ABOVE not in again.text


def test_an_answer_whose_lines_were_all_said_leaves_no_heading_or_sources_alone():
    # round 35 c27: "Nothing you told me so far points to it ..." then "Magnesium:" and its sources, nothing between
    said = "Magnesium takes part in hundreds of the body's chemical reactions, nerve and muscle work among them."
    reply = dialogue.Reply(
        text=f"Nothing you told me so far points to it, but it is a common cause of twitching.\nMagnesium:\n{said}\n(Sources: x)",
        custom={"type": "explanation"},
    )
    kept = dialogue.without_said_lines(reply, [said])
    assert kept.text == "Nothing you told me so far points to it, but it is a common cause of twitching."


def test_a_reason_said_in_the_answer_is_not_said_again_as_the_levels_why():
    # round 36 c20: "i must stop prednisolone?" got the same reason in the lead and again after "Why:"
    why = "A prescribed drug may be behind the twitching, and only its prescriber should change it."
    reply = dialogue.Reply(text=f"Please don't stop it on your own. {why}\nFor you: See a doctor: Talk to them. Why: {why}")
    (once,) = dialogue.without_boilerplate([reply], [])
    assert once.text.count(why) == 1 and "Talk to them." in once.text


def test_a_crisis_lines_number_is_never_left_out_as_said_before():
    line = "Please call your local emergency number, or a crisis line, now: in the US call or text 988."
    goodbye = dialogue.Reply(text=f"I'm still here with you, and that matters. {line} Please come back whenever you want.")
    (kept,) = dialogue.without_boilerplate([goodbye], [line, line])
    assert line in kept.text


def test_one_question_read_from_its_words_is_not_also_said_to_be_outside_the_documents(kb):
    # a single question the topic model did not place ("is it ok to take magnesium with my blood pressure pills?")
    # was read as asking about something to take, and also said to be unread: two answers stacked for one question
    from bot.nlu.meaning import Reading
    from bot.understood import understand

    text = "is it ok to take magnesium with my heart tablets?"
    said = understand(kb, text, [], Reading(), [])
    assert said.topics() == {"supplements"} and not said.unread
    two = "is it ok to take magnesium with my heart tablets? Should I stay with him tonight?"
    assert understand(kb, two, [], Reading(), []).unread  # the second question is still not passed over


def test_whether_a_supplement_goes_with_a_prescribed_medicine_is_said_to_be_for_a_pharmacist_not_the_supplements_card(kb):
    # "is it ok to take magnesium with my heart tablets?" got the whole magnesium card (what it does, its foods, its
    # sources), which does not answer whether the two go together
    from bot.nlu.meaning import Reading
    from bot.understood import understand

    text = "can I take magnesium alongside my heart tablets?"
    told = [entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine")]
    asked = [
        {"entity": "nutrient", "value": "magnesium", "text": "magnesium", "start": 11, "end": 20},
        {"entity": "medication", "value": "other_medication", "text": "heart tablets", "start": 34, "end": 47},
    ]
    said = understand(kb, text, asked, Reading(), [])
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.converse(kb, default_interview(), [told, asked], first.state, "ask_supplements", asked, said)
    replied = " ".join(r.text or "" for r in turn.replies)
    assert "magnesium with your heart tablets" in replied and "pharmacist" in replied
    assert "calcium channel" not in replied and "Sources:" not in replied


def test_whether_it_runs_in_families_is_answered_beside_the_fear_and_alone(kb):
    # round 36 c09: "my father had MND ... is it hereditary?" got the fear answer and nothing on the family, until asked
    # again
    from bot.nlu.meaning import Reading
    from bot.understood import understand

    told = [entity("symptom", "twitching")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    for text, fear in (("my grandad died of ALS, is it something you can inherit?", True),
                       ("does this kind of twitching run in families? my sister gets it too", False)):  # fmt: skip
        said = understand(kb, text, [], Reading(), [])
        turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_cause", [], said)
        replied = " ".join(r.text or "" for r in turn.replies)
        assert "runs in families" in replied and "tell" in replied.lower(), text
        assert ("ALS" in replied) is fear


def test_the_reminder_that_it_cannot_diagnose_closes_a_turn_once_and_is_short_once_said_twice():
    # round 37 c28: "I can't diagnose: ..." twice in one reply, five times in one conversation
    from bot.texts import DISCLAIMER, DISCLAIMER_AGAIN

    def said(text: str) -> dialogue.Reply:
        return dialogue.Reply(text=f"{text}\n{DISCLAIMER}", custom={"type": "explanation", "topic": "doctor", "question": "x"})

    turn = [said("Prednisolone is a steroid, and steroids can cause twitching."), said("Bananas supply potassium.")]
    first = dialogue.without_boilerplate(turn, [])
    assert [DISCLAIMER in (r.text or "") for r in first] == [False, True]
    later = dialogue.without_boilerplate(turn, [f"Hello.\n{DISCLAIMER}", f"Something else.\n{DISCLAIMER}"])
    assert DISCLAIMER not in " ".join(r.text or "" for r in later) and (later[-1].text or "").endswith(DISCLAIMER_AGAIN)
    inline = dialogue.Reply(text=f"Self-care: try the changes. {DISCLAIMER}", buttons=[{"title": "Why?", "payload": "/why"}])
    assert dialogue.without_boilerplate([inline], [DISCLAIMER, DISCLAIMER])[0].text == f"Self-care: try the changes.\n{DISCLAIMER_AGAIN}"
    card = dialogue.Reply(text=f"Emergency: get help now.\n{DISCLAIMER}", custom={"type": "escalation"})
    assert dialogue.without_boilerplate([card], [DISCLAIMER, DISCLAIMER])[0] == card  # a card is sent whole


def test_a_thing_asked_about_by_name_beside_an_answer_is_answered_then_the_interview_goes_on(kb):
    # round 37 c06: "yeah a lot ... also is it ok to take compression socks on the next flight?" to the caffeine
    # question: the answer was taken, the question passed over, three times
    told = [entity("symptom", "twitching"), entity("body_part", "calf"), entity("duration", "4")]
    state = State(asked=("nerve_symptoms", "caffeine"), pending="caffeine", facts=())
    for text in ("loads, like 4 cups. also is it ok to wear flight socks on the plane home?",
                 "quite a lot tbh. and is it ok to take arnica for the soreness?"):  # fmt: skip
        said = heard(kb, text)
        turn = dialogue.converse(kb, default_interview(), [told, []], state, "give_info", [], said)
        replied = " ".join(r.text or "" for r in turn.replies)
        thing = "flight socks" if "socks" in text else "arnica"
        assert f"don't cover {thing}" in replied, replied
        assert turn.state.pending not in (None, "caffeine")  # answered: the next question is asked


def test_a_question_asked_in_full_beside_the_answer_to_a_check_is_answered_not_taken_for_push_back(kb):
    # round 37 c21: "no it's just a normal cramp for a few secs, then it lets go. so is it normal or not?" to the
    # tetany check: read as push back ("just a normal cramp"), the question passed over three times
    said = [entity("body_part", "calf"), entity("symptom", "tetany", "unsure", text="seizes up")]
    first = dialogue.converse(kb, default_interview(), [said], State(), "describe_symptoms", said)
    assert first.state.pending == "confirm:symptom:tetany"
    text = "no, its only an ordinary cramp that lets go after a few seconds. so is that normal or not?"
    turn = dialogue.converse(kb, default_interview(), [said, []], first.state, "deny", [], heard(kb, text))
    replied = " ".join(r.text or "" for r in turn.replies)
    assert "common" in replied and "That's fair" not in replied


def test_being_seen_later_the_same_day_is_yes_at_a_level_of_today_and_no_at_an_emergency(kb):
    # round 37 c25: "can i go after my exam at like 5pm then?" at a level of today got "It should not wait", read as no
    from bot.nlu.meaning import Reading, TopicHit
    from bot.understood import understand

    text = "could i go this evening after work instead?"
    said = understand(kb, text, [], Reading(topics=(TopicHit("see_doctor", 0.9, 0, len(text)),)), [])
    for sign, yes in (("irregular_heartbeat", True), ("chest_pain", False)):
        told = [entity("symptom", "twitching"), entity("symptom", sign)]
        first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
        turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_doctor", [], said)
        replied = " ".join(r.text or "" for r in turn.replies)
        assert ("later today is fine" in replied) is yes and ("now" in replied) is not yes, replied
    tomorrow = "could i go tomorrow evening after work instead?"
    later = understand(kb, tomorrow, [], Reading(topics=(TopicHit("see_doctor", 0.9, 0, len(tomorrow)),)), [])
    assert all(a.outside is None for a in later.asked)  # another day: not today


def test_a_named_everyday_cause_asked_at_a_level_of_today_is_said_to_fit_the_twitching_not_the_sign(kb):
    # round 37 c25: "isnt that just the red bull?" beside a heartbeat out of rhythm: "I can't tell from here what this
    # is", four questions passed over
    from bot.understood import Asked, Understood

    told = [entity("symptom", "twitching"), entity("symptom", "irregular_heartbeat"), entity("lifestyle_factor", "caffeine")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    said = Understood(asked=(Asked("cause", "caffeine_stimulants"),), typed=True)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_cause", [], said)
    replied = " ".join(r.text or "" for r in turn.replies)
    assert "caffeine" in replied.lower() and "still needs a doctor today" in replied
    assert dialogue.texts.CANNOT_TELL_NOW not in replied


def test_an_activity_asked_beside_other_questions_at_an_emergency_is_answered_too(kb):
    # round 37 c05: "i feel totally fine today. i take hydrochlorothiazide, could that be why? also can i still drive to
    # work" after a faint: the driving question dodged, then "My documents don't give a yes or no"
    from bot.nlu.meaning import Reading, TopicHit
    from bot.understood import understand

    text = "i'm fine now. could my water tablets be why? and can i still drive to work?"
    at = text.index("could")
    reading = Reading(topics=(TopicHit("cause", 0.9, at, text.index("and")), TopicHit("pushback", 0.8, 0, at)))
    ents = [{"entity": "medication", "value": "diuretic", "text": "water tablets", "start": 23, "end": 36}]
    said = understand(kb, text, ents, reading, [])
    assert {"worry", "cause"} <= said.topics() and any(a.outside == "driving" for a in said.asked)
    told = [entity("symptom", "twitching"), entity("symptom", "fainting")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    turn = dialogue.converse(kb, default_interview(), [told, ents], first.state, "ask_cause", ents, said)
    replied = " ".join(r.text or "" for r in turn.replies)
    assert "driving" in replied and "hold off" in replied


def test_does_that_change_things_is_answered_with_the_level_as_it_stands_or_by_the_change(kb):
    # round 37 c09: "its ONE A WEEK not every day ... does that change things?" beside nausea and thirst on vitamin D:
    # "As I said just above: My documents don't cover that"
    from bot.understood import understand

    told = [entity("symptom", "twitching"), entity("medication", "vitamin_d_supplement"), entity("symptom", "nausea"),
            entity("symptom", "thirst")]  # fmt: skip
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.announced == "urgent"
    said = understand(kb, "sorry, it's weekly not daily. would that change the advice?", [], None, [])
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_doctor", [], said)
    replied = " ".join(r.text or "" for r in turn.replies)
    assert replied.startswith(dialogue.texts.ADVICE_UNCHANGED) and "today" in replied


def test_a_medicine_told_as_the_answer_and_asked_about_gets_the_medicine_answer_and_the_interview_goes_on(kb):
    # round 37 c29: "just the pill (contraceptive). does that matter?" to the medicines question: a stray B12 sentence
    # from the supplements card, "my documents don't cover that", then the medicines question again
    from bot.understood import understand

    told = [entity("symptom", "twitching"), entity("body_part", "eyelid"), entity("duration", "10")]
    state = State(asked=("nerve_symptoms", "medications"), pending="medications", facts=())
    text = "only the pill (contraceptive). does that matter?"
    pill = [{"entity": "medication", "value": "other_medication", "text": "the pill", "start": 5, "end": 13}]
    said = understand(kb, text, pill, None, ["medications"])
    turn = dialogue.converse(kb, default_interview(), [told, pill], state, "give_info", pill, said)
    replied = " ".join(r.text or "" for r in turn.replies)
    assert dialogue.texts.OTHER_MEDICINE_LEAD.split(".")[0] in replied and "B12" not in replied
    assert turn.state.pending != "medications"


def test_a_faint_question_beside_an_answer_is_no_question_when_nothing_was_held(kb):
    # an answer's hedge ("not so well, maybe a little tired") read faintly as a question is not answered as one
    from bot.understood import Asked, Understood

    told = [entity("symptom", "twitching"), entity("body_part", "eyelid"), entity("duration", "10")]
    state = State(asked=("nerve_symptoms", "sleep"), pending="sleep", facts=())
    said = Understood(asked=(Asked("normal", confidence=0.6),), answers={"sleep": "affirm"}, typed=True,
                      worded=frozenset({"sleep"}))  # fmt: skip
    turn = dialogue.converse(kb, default_interview(), [told, []], state, "affirm", [], said)
    assert not any((r.custom or {}).get("question") == "normal" for r in turn.replies)
    assert turn.state.pending not in (None, "sleep")


def test_a_remedy_asked_beside_the_foods_at_an_urgent_level_is_one_answer_not_two(kb):
    # probe of round 37: "what should he eat or drink instead? would sports drinks help?" beside too much water got the
    # remedy said to be outside the documents with the level's why, then the food answer with the level again
    from bot.understood import Asked, Understood

    told = [entity("symptom", "twitching"), entity("lifestyle_factor", "excessive_water_intake"), entity("symptom", "vomiting")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    assert first.state.announced == "urgent"
    said = Understood(asked=(Asked("what_helps", outside="energy gels"), Asked("foods")), typed=True)
    turn = dialogue.converse(kb, default_interview(), [told, []], first.state, "ask_foods", [], said)
    answered = [r for r in turn.replies if (r.custom or {}).get("type") == "explanation"]
    assert len(answered) == 1 and "don't cover energy gels" in (answered[0].text or "")


def test_worry_asked_of_a_medicine_the_documents_do_not_cover_is_the_medicine_answer_alone(kb):
    # round 37 c14: "should i be worried about that with the statin?" got the medicine answer and the warning-sign list
    from bot.understood import Asked, Understood

    statin = [entity("medication", "statin")]
    told = [entity("symptom", "twitching"), entity("body_part", "thigh"), *statin]
    first = dialogue.converse(kb, default_interview(), [told], State(), "describe_symptoms", told)
    said = Understood(asked=(Asked("stop_medicine"), Asked("worry")), typed=True)
    turn = dialogue.converse(kb, default_interview(), [told, statin], first.state, "ask_worry", statin, said)
    answered = [r for r in turn.replies if (r.custom or {}).get("type") == "explanation"]
    assert len(answered) == 1 and "don't cover this medicine" in (answered[0].text or "")


def test_the_assessment_after_the_level_was_told_in_full_says_it_in_a_line_not_the_whole_block_again(kb):
    # round 42 c28, c02: "See a doctor: ... Why: ..." after a fear answer, then the same block again with the causes
    told = [entity("symptom", "twitching"), entity("symptom", "numbness_tingling"), entity("duration", "35")]
    first = dialogue.converse(kb, default_interview(), [told], State(), "ask_assessment", told)
    assert "Why:" in first.replies[-1].text  # told in full the first time
    again = dialogue.converse(kb, default_interview(), [told], replace(first.state, assessed=False), "ask_assessment", [])
    assert "Why:" not in again.replies[-1].text and "Book an appointment" in again.replies[-1].text
