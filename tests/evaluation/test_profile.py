"""make profile: graph nodes named as a reader knows them, and shares that add up to the turns' time."""

import pytest

from evaluation.profile import Timings, node_part, report


@pytest.mark.parametrize(
    "node, part",
    [
        ("run_rasa_server.components.language.LanguageCheck13", "LanguageCheck"),
        ("run_SpacyTokenizer2", "SpacyTokenizer"),
        ("provide_SpacyNLP1", "SpacyNLP"),
        ("run_TEDPolicy2", "TEDPolicy"),
        ("rule_only_data_provider", "rule_only_data_provider"),
    ],
)
def test_graph_nodes_are_named_by_their_component(node, part):
    assert node_part(node) == part


def test_the_parts_and_the_rest_add_up_to_the_turns_time():
    timings = Timings()
    timings.add("ignored while warming up", 100.0)
    timings.counting = True
    timings.add("DIET", 30.0)
    timings.add("action server", 50.0)
    timings.add("DIET", 10.0)
    timings.turns_ms, timings.turns = 100.0, 4
    rows = timings.rows()
    assert [part for part, *_ in rows] == ["action server", "DIET", "rest of the turn (Rasa between the parts)"]
    assert sum(ms for _, ms, _, _ in rows) == pytest.approx(100.0)
    assert sum(share for _, _, share, _ in rows) == pytest.approx(1.0)
    assert rows[1][3] == pytest.approx(10.0)  # DIET: 40 ms over 4 turns
    assert "4 turns, 25.0 ms per turn" in report(timings)
