"""The knowledge base from disk (bot/knowledge/table.py): loaded from the files, a file that is no
YAML is a clear error, and every name the code imports from table.py is still there."""

import pytest

from bot.knowledge import table
from bot.knowledge.causes import TABLE_PATH
from bot.knowledge.lexicon import LEXICON_PATH

# The names imported from bot.knowledge.table across the project before it was split by job.
IMPORTED_FROM_TABLE = (
    "Cause Food Interview KnowledgeBase Lexicon Question RiskFactor Source TableError TriageRule "
    "LEXICON_PATH TABLE_PATH default_interview default_kb normalise parse_lexicon parse_table"
).split()


def test_the_default_knowledge_base_is_the_files(kb):
    loaded = table.load(TABLE_PATH, LEXICON_PATH)
    assert list(loaded.causes) == list(kb.causes)
    assert loaded.lexicon.lookup() == kb.lexicon.lookup()


def test_without_a_lexicon_the_table_loads_with_no_phrases():
    assert table.load(TABLE_PATH, None).lexicon.lookup() == {}


def test_a_file_that_is_no_yaml_is_a_table_error(tmp_path):
    broken = tmp_path / "causes.yml"
    broken.write_text("causes: [unclosed\n", encoding="utf-8")
    with pytest.raises(table.TableError, match="cannot parse YAML"):
        table.load(broken, None)


@pytest.mark.parametrize("name", IMPORTED_FROM_TABLE)
def test_every_name_imported_from_the_table_module_is_still_there(name):
    assert name in table.__all__
    assert getattr(table, name) is not None


def test_no_urgent_action_calls_for_emergency_services_on_a_sign_the_policy_keeps_urgent(kb):
    # "if the person is also confused, call emergency services" beside an urgent level that confusion
    # itself raises: told "he is confused", the person got a seizure check and "see a doctor today"
    urgent_signs = ("confus", "hallucinat", "seeing things", "agitat")
    for rule in kb.triage:
        if rule.level == "urgent" and "emergency services" in rule.action:
            condition = rule.action.split(";", 1)[-1].lower()
            assert not any(sign in condition for sign in urgent_signs), rule.id


def test_advice_only_for_a_fact_said_needs_advice_for_anyone_beside_it(tmp_path):
    text = TABLE_PATH.read_text(encoding="utf-8")
    anyone = '      - {text: "Drink water regularly through the day, and after heavy sweating'
    assert anyone in text
    broken = tmp_path / "causes.yml"
    broken.write_text(text.replace(anyone, anyone.replace("{text:", '{when: "lifestyle_factor:heavy_sweating", text:')), "utf-8")
    with pytest.raises(table.TableError, match="one advice must be for anyone"):
        table.load(broken, None)
