"""The vignette harness follows its protocol against a scripted bot."""

from evaluation.vignettes import DONT_KNOW, failures, play, report


def scripted(replies):
    sent = []

    def send(sender, text):
        sent.append(text)
        return replies.pop(0) if replies else []

    return send, sent


def assessment(causes, triage):
    return {
        "custom": {"type": "assessment", "causes": [{"id": c, "score": 0.5, "evidence": []} for c in causes], "triage": triage}
    }


VIGNETTE = {
    "id": "v",
    "turns": ["my eyelid twitches", "and I fainted"],
    "expect": {
        "top3": ["caffeine_stimulants"],
        "top1": ["caffeine_stimulants"],
        "triage": {"min": "emergency", "max": "emergency"},
        "red_flag_turn": 1,
    },
}


def test_questions_get_i_dont_know_and_the_last_assessment_counts():
    send, sent = scripted(
        [
            [{"text": "How long?", "buttons": [{"title": "days", "payload": "/x"}]}],
            [
                {"custom": {"type": "escalation", "triage": "emergency", "red_flags": ["fainting"]}},
                {"text": "Weakness?", "buttons": [{"title": "no", "payload": "/deny"}]},
            ],
            [{"text": "Any numbness?"}],
            [assessment(["caffeine_stimulants", "stress_anxiety"], "emergency")],
        ]
    )
    outcome = play(send, VIGNETTE)
    assert sent == ["my eyelid twitches", "and I fainted", "what could be causing it?", DONT_KNOW]
    assert outcome.top1 and outcome.top3 and outcome.level == "emergency" and outcome.escalated_at == 1
    assert not outcome.late and not outcome.under


def test_a_missing_assessment_is_asked_for_and_late_escalation_is_counted():
    send, sent = scripted([[{"text": "ok"}], [{"text": "ok"}], [assessment(["stress_anxiety"], "emergency")]])
    outcome = play(send, VIGNETTE)
    assert sent[-1] == "what could be causing it?"
    assert outcome.late and not outcome.top1
    assert failures(report([outcome])) == ["top3 0.0 < 0.95", "top1 0.0 < 0.85", "late_escalations 1 > 0"]
