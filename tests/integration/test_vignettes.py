"""The vignettes of evaluation/data/vignettes.yml, played against the real bot over REST."""

import pytest

from evaluation.followups import reply_problems
from evaluation.vignettes import THRESHOLDS, failures, load, misses, report, run_all
from ops.launcher import rest_send

pytestmark = pytest.mark.integration


def test_vignettes_meet_the_targets(stack):
    vignettes = load()  # an empty file fails too: no vignette met is a top-3 rate of 0
    outcomes = run_all(lambda sender, text: rest_send(stack.settings, sender, text), vignettes)
    summary = report(outcomes)
    assert failures(summary) == [], {"summary": summary, "thresholds": THRESHOLDS, "misses": misses(outcomes)}
    # What a person must never see, in any reply of any vignette.
    problems = [f"{o.id}: {p}" for o in outcomes for _, reply in o.transcript for p in reply_problems(reply)]
    assert problems == []
