"""The real-post harness scores facts, denials, durations and triage against a scripted bot."""

from evaluation.real_posts import misses, report, score_post, target_lines

POST = {  # written for this test, in the annotation's shape
    "id": "t1",
    "text": "my calf jumps all evening, I run a lot and drink coffee, no numbness at all",
    "symptoms": ["twitching"],
    "lifestyle_factors": ["intense_exercise", "caffeine"],
    "medications": [],
    "diet": [],
    "body_parts": ["calf"],
    "denied": ["numbness_tingling"],
    "duration_days": 21,
    "worry": "ALS",
    "triage_min": "doctor",
    "triage_max": "urgent",
}


def entity(kind, value, role=None):
    return {"entity": kind, "value": value, **({"role": role} if role else {})}


def parse(_text):
    return {
        "entities": [
            entity("symptom", "twitching"),
            entity("body_part", "calf"),
            entity("lifestyle_factor", "caffeine"),
            entity("symptom", "distress"),  # a fear was named: neither right nor wrong
            entity("symptom", "chest_pain"),  # wrong
            entity("symptom", "numbness_tingling", "absent"),
            entity("duration", "20"),
        ]
    }


def bot(level):
    def send(_sender, text):
        return [{"custom": {"type": "assessment", "causes": [{"id": "caffeine_stimulants"}], "triage": level}}]

    return send


def test_facts_denials_duration_and_a_false_emergency_are_scored():
    result = score_post(POST, parse, bot("emergency"))
    assert result.missed == {"lifestyle_factor:intense_exercise"}
    assert result.wrong == {"symptom:chest_pain"}
    assert result.found_denied == {"symptom:numbness_tingling"} == result.gold_denied
    assert result.found_days == 20 and result.duration_ok  # within a fifth, and more than 14 days either way
    summary = report([result])
    assert summary["fact_recall"] == 0.75 and summary["fact_precision"] == 0.75
    assert summary["false_emergency"] == 1 and summary["over_triage"] == 1 and summary["under_triage"] == 0
    assert summary["denials_read"] == 1.0 and summary["triage_in_range"] == 0.0
    assert dict(target_lines(summary))["false_emergency 1 (target 0)"] is False
    (line,) = misses([result])
    assert "missed ['lifestyle_factor:intense_exercise']" in line and "level emergency (annotated doctor..urgent)" in line


def test_a_level_below_the_policys_is_under_triage():
    result = score_post(POST, parse, bot("self_care"))
    assert result.under and report([result])["under_triage"] == 1


def test_a_symptom_the_annotation_has_no_id_for_is_counted_apart_not_as_right_or_wrong():
    def parse_with_nausea(text):
        return {"entities": [*parse(text)["entities"], entity("symptom", "nausea")]}

    result = score_post(POST, parse_with_nausea, bot("doctor"))
    assert result.outside == {"symptom:nausea"} and "symptom:nausea" not in result.wrong
    summary = report([result])
    assert summary["fact_precision"] == 0.75 and summary["outside_annotation"] == 1
    assert summary["fact_precision_strict"] == 0.6  # 3 right of 5 found when nausea counts as wrong
    (line,) = misses([result])
    assert "outside the annotation's ids ['symptom:nausea']" in line
