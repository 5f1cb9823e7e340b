"""The follow-up harness: the file's questions, how an answer is judged, what a reply must never show."""

from evaluation.followups import Result, cases, load, misses, play, reply_problems, report


def scripted_bot(data, answer):
    """A bot that gives an assessment after the lead-in, then answers each question of the file with `answer(expect)`."""
    expected = {ask: expect for _, ask, expect in cases(data)}
    lead_in = data["lead_in"]

    def send(sender, text):
        if text == lead_in[-1]:
            return [{"text": "Here is what I think.", "custom": {"type": "assessment", "causes": [], "triage": "self_care"}}]
        if text in lead_in:
            return [{"text": "Go on."}]
        return [{"text": "Here is what I can say.", "custom": answer(expected[text])}]

    return send


def right(expect):
    topic = expect.get("topic")
    return {"type": expect.get("type", "explanation"), "question": expect.get("question"),
            "topic": topic[0] if isinstance(topic, list) else topic}  # fmt: skip


def wrong(expect):
    return {**right(expect), "topic": "not_what_was_asked"} if "topic" in expect else {**right(expect), "type": "smalltalk"}


def test_every_question_of_the_file_answered_as_expected_scores_full_marks():
    data = load()
    results = play(scripted_bot(data, right), data)
    assert [r.ask for r in results] == [ask for _, ask, _ in cases(data)]  # each asked once, in order
    assert report(results) == {"questions": len(results), "answered_as_asked": 1.0, "replies_with_problems": 0}
    assert misses(results) == []


def test_every_question_answered_on_the_wrong_topic_is_a_miss():
    data = load()
    results = play(scripted_bot(data, wrong), data)
    assert report(results)["answered_as_asked"] == 0.0
    assert len(misses(results)) == len(results) > 0


def test_an_answer_counts_only_with_the_expected_kind_and_topic():
    expect = {"question": "cause", "topic": ["vitamin_d_deficiency", "vitamin_d"]}
    assert Result("cause", "q", expect, {"type": "explanation", "question": "cause", "topic": "vitamin_d"}).answered
    assert not Result("cause", "q", expect, {"type": "explanation", "question": "cause", "topic": "sun"}).answered
    assert not Result("cause", "q", expect, {"type": "assessment", "topic": "vitamin_d"}).answered
    assert not Result("cause", "q", expect, None).answered


def test_reply_problems_catch_a_payload_a_raw_span_and_an_amount():
    good = [{"text": "Here is what I understood: you mentioned caffeine and a water pill (diuretic)."}]
    assert reply_problems(good) == []
    assert reply_problems([{"text": 'you mentioned {"lifestyle_factor": "caffeine"}'}])
    assert reply_problems([{"text": "Here is what I understood: you mentioned terrified it's ALS."}])
    assert reply_problems([{"text": "Most adults take 1000 IU a day."}])
