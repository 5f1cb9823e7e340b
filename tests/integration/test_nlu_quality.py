"""NLU quality on the held-out set (evaluation/data/nlu_heldout.yml, never trained on), scored
through the running Rasa server's `/model/parse`."""

import pytest

from evaluation.nlu import THRESHOLDS, evaluate_server, failed_thresholds, load_examples

pytestmark = pytest.mark.integration


def test_the_trained_model_meets_the_nlu_thresholds_on_the_held_out_set(stack):
    examples = load_examples()
    assert len(examples) >= 200
    scores, _ = evaluate_server(stack.settings.rasa_url, stack.settings.auth_token, examples)
    summary = scores.summary()
    detail = {"summary": summary, "intent_errors": scores.intent_errors[:10], "entity_errors": scores.entity_errors[:10]}
    assert failed_thresholds(summary) == [], detail
    assert summary["out_of_contract"] == THRESHOLDS["out_of_contract"]
