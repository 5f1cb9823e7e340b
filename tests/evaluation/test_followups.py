"""The follow-up harness: the file's questions, how an answer is judged, what a reply must never show."""

from evaluation.followups import Result, cases, load, reply_problems


def test_the_file_holds_at_least_80_questions_each_with_an_expectation():
    found = cases(load())
    assert len(found) >= 80
    assert all(expect for _, _, expect in found)
    assert len({ask for _, ask, _ in found}) == len(found)  # no question twice


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
