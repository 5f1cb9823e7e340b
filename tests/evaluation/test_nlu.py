"""The NLU scoring used by `make eval-nlu`: counts what a reader of the report expects."""

from evaluation.nlu import Example, failed_thresholds, macro_f1, score


def parse(intent, *entities):
    return {"intent": {"name": intent}, "entities": [dict(zip(("entity", "value", "role"), e, strict=True)) for e in entities]}


def test_entities_match_on_type_value_and_role():
    examples = [
        Example("no weakness but cramps", "describe_symptoms", [("symptom", "weakness", "absent"), ("symptom", "cramps", None)]),
        Example("for two weeks", "give_info", [("duration", "14", None)]),
    ]
    parses = [
        parse("describe_symptoms", ("symptom", "weakness", None), ("symptom", "cramps", None)),  # role missed
        parse("give_info", ("duration", "14", None), ("symptom", "made_up", None)),  # one extra, outside the contract
    ]
    s = score(examples, parses, [10.0, 12.0, 14.0])
    assert s.entity_micro["precision"] == 2 / 4 and s.entity_micro["recall"] == 2 / 3
    assert s.absent_share == 0.0 and s.absent_total == 1
    assert s.out_of_contract == 1
    assert s.parse_ms_median == 12.0
    assert s.per_type["duration"]["f1"] == 1.0


def test_intent_macro_f1_averages_over_intents():
    assert macro_f1(["a", "a", "b"], ["a", "a", "b"]) == 1.0
    assert round(macro_f1(["a", "a", "b", "b"], ["a", "a", "a", "b"]), 3) == round((0.8 + 2 / 3) / 2, 3)


def test_thresholds_report_what_failed():
    good = {"intent_macro_f1": 0.97, "entity_micro_f1": 0.95, "absent_share": 0.96, "out_of_contract": 0}
    assert failed_thresholds(good) == []
    assert failed_thresholds({**good, "absent_share": 0.9, "out_of_contract": 2}) == [
        "absent_share 0.9 < 0.95",
        "out_of_contract 2 > 0",
    ]
