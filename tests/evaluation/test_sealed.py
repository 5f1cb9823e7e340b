"""The sealed-set scorer: what counts as reached, as a false alarm, as a topic answered, as a
conversation check passed. Fake bots stand in for the servers; no sealed file is read here."""

from collections import Counter

from evaluation import sealed

ESCALATE = [{"text": "Call emergency services now."}, {"custom": {"type": "escalation", "triage": "emergency", "red_flags": ["chest_pain"]}}]
CHECK = [{"text": "Just to check: is there pain in the chest?", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]
ASSESS = [{"custom": {"type": "assessment", "triage": "self_care", "causes": []}}]


def parse(text):
    return {"entities": [{"entity": "symptom", "value": "chest_pain", "extractor": "MeaningClassifier"}]}


def bot(replies):
    """A bot that answers each message with the next reply of `replies`, then with the last one."""
    queue = list(replies)

    def send(sender, text):
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return send


WARNING = {"kind": "warning", "text": "x", "level": "emergency", "signs": ["chest_pain"], "facts": {"symptom": ["chest_pain"]}}
FIGURE = {"kind": "negative", "subkind": "figure_of_speech", "text": "x", "level": "self_care", "max_level": "self_care"}


def test_an_escalation_on_the_first_reply_reaches_the_level_strictly():
    result = sealed.play_message(WARNING, bot([ESCALATE, ASSESS]), parse)
    assert result.reached and result.reached_strict and not result.confirmed
    assert result.facts == Counter(tp=1, fp=0, fn=0, dtp=0, dfp=0, dfn=0)


def test_a_check_answered_yes_then_escalating_reaches_the_level_but_not_strictly():
    result = sealed.play_message(WARNING, bot([CHECK, ESCALATE, ASSESS]), parse)
    assert result.reached and not result.reached_strict and result.confirmed


def test_a_figure_of_speech_that_escalates_is_a_false_alarm_naming_its_flag_and_extractor():
    result = sealed.play_message(FIGURE, bot([ESCALATE, ASSESS]), parse)
    assert result.false_alarm
    assert result.flags == ("chest_pain by MeaningClassifier",)
    assert any(line.startswith("false alarm negative/figure_of_speech: chest_pain") for line in sealed.message_breakdown([result]))


def test_a_figure_of_speech_only_checked_is_no_false_alarm():
    result = sealed.play_message(FIGURE, bot([CHECK, ASSESS]), parse)
    assert not result.false_alarm and result.confirmed


def test_a_figure_of_speech_labelled_as_its_own_kind_counts_as_one():
    # set 18 labels them `kind: figure_of_speech`: they were left out and the rate read 1.0 on none
    own = {**FIGURE, "kind": "figure_of_speech", "subkind": "dead_tired"}
    alarm = sealed.play_message(own, bot([ESCALATE, ASSESS]), parse)
    calm = sealed.play_message(own, bot([ASSESS]), parse)
    assert sealed.message_report([alarm, calm])["figure_of_speech_false_alarms"] == 0.5


def test_topics_are_read_from_the_payloads_of_the_answer():
    reply = [
        {"custom": {"type": "explanation", "question": "dose", "topic": "supplements"}},
        {"custom": {"type": "explanation", "topic": "sun"}},
        {"custom": {"type": "foods", "foods": []}},
    ]
    assert sealed.answered_topics(reply) == {"dose", "sun", "foods"}


def test_a_conversation_fails_the_checks_the_bot_misses_and_the_summary_is_read_by_id():
    conversation = {
        "pattern": "late_red_flag",
        "turns": [{"user": "a", "expect": {"escalates": False}}, {"user": "b", "expect": {"escalates": True, "level_at_least": "urgent"}}],
        "summary": {"includes": {"symptom": ["twitching"]}, "excludes": ["weakness"]},
    }
    summary_card = [{"custom": {"type": "summary", "symptoms": ["twitching", "weakness"], "factors": []}}]
    result = sealed.play_conversation(conversation, bot([ASSESS, ASSESS, summary_card]), held=lambda sender: "self_care")
    assert result.failed == Counter(escalates=1, level_at_least=1, summary_excludes=1)
    assert result.checks == Counter(no_escalation=1, summary_given=1, summary_includes=1)


def test_a_real_posts_writer_answers_a_check_as_the_annotation_says():
    from bot.texts import CONFIRM_QUESTIONS
    from evaluation.real_posts import checked_by

    answer = checked_by({"symptom:fainting", "symptom:twitching"})
    assert answer(CONFIRM_QUESTIONS["fainting"]) == "yes"
    assert answer(CONFIRM_QUESTIONS["seizure"]) == "no"
    from bot import dialogue

    # the one question on the signs a bad cramp is told with: yes when the annotation lists any of them
    cramp = dialogue.confirm_question("confirm:symptom:paralysis+symptom:tetany").text
    assert checked_by({"symptom:tetany"})(cramp) == "yes" and checked_by({"symptom:cramps"})(cramp) == "no"


def test_the_lexicon_only_comparison_switches_off_every_reading_of_the_meaning_model():
    from dataclasses import fields

    from bot.nlu.meaning import Bands
    from evaluation.lexicon_only import MEANING, NEVER, config

    step = next(s for s in config()["pipeline"] if s["name"] == MEANING)
    bands = Bands(**{f.name: step.get(f.name, getattr(Bands(), f.name)) for f in fields(Bands)})
    # no probability reaches a fact, a question or an answer; the encoder step itself stays (intents)
    assert min(bands.sure, bands.unsure, bands.crisis_sure, bands.crisis_unsure, bands.topic, bands.answer) >= NEVER
    assert bands.long_sure >= NEVER and bands.context_sure >= NEVER and bands.long_crisis_sure >= NEVER
    assert any(s["name"].endswith("SentenceEncoder") for s in config()["pipeline"])
