"""The vignette harness follows its protocol against a scripted bot."""

from bot.knowledge.contract import LEVELS
from evaluation.vignettes import DONT_KNOW, failures, load, misses, play, report


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


def bot_for(vignette, causes, level, escalate_at=None):
    """A bot that says "ok" to each turn, escalates at `escalate_at`, and assesses `causes` at `level` after the last turn."""
    turns = list(vignette["turns"])

    def send(sender, text):
        index = turns.index(text) if text in turns else None
        if index == escalate_at and index is not None:
            return [{"text": "Please get help now.", "custom": {"type": "escalation", "triage": level}}]
        if index == len(turns) - 1 or text == "what could be causing it?":
            return [assessment(causes, level)]
        return [{"text": "ok."}]

    return send


def answered_as_expected(vignette):
    expect = vignette["expect"]
    causes = expect["top1"][:1] + [c for c in expect["top3"] if c not in expect["top1"][:1]]
    return bot_for(vignette, causes, expect["triage"]["min"], expect.get("red_flag_turn"))


def answered_wrongly(vignette):
    """Causes the vignette does not expect, and self-care for an urgent one (never escalated), an emergency for the rest."""
    urgent = LEVELS.index(vignette["expect"]["triage"]["min"]) >= LEVELS.index("urgent")
    level = "self_care" if urgent else "emergency"
    return bot_for(vignette, ["no_such_cause", "nor_this_one"], level)


def test_a_bot_that_answers_every_vignette_of_the_file_as_expected_meets_every_target():
    outcomes = [play(answered_as_expected(v), v) for v in load()]
    assert misses(outcomes) == [] and failures(report(outcomes)) == []
    assert report(outcomes)["vignettes"] == len(load()) > 0


def test_a_bot_that_answers_every_vignette_of_the_file_wrongly_misses_each_one():
    vignettes = load()
    outcomes = [play(answered_wrongly(v), v) for v in vignettes]
    assert len(misses(outcomes)) == len(vignettes) > 0
    assert all(not o.top1 and not o.top3 and (o.under or o.over) for o in outcomes)
    urgent = [v["id"] for v in vignettes if LEVELS.index(v["expect"]["triage"]["min"]) >= LEVELS.index("urgent")]
    assert [o.id for o in outcomes if o.late] == urgent  # never escalated: each urgent one is late
    assert {line.split()[0] for line in failures(report(outcomes))} == {"top1", "top3", "under_triage", "over_triage", "late_escalations"}
