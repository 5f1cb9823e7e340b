"""Questions about every cause and nutrient, in plain words, answered over REST from the cause table."""

import uuid

import pytest

from ops.launcher import rest_send

pytestmark = pytest.mark.integration

QUESTIONS = {
    "magnesium_deficiency": "tell me about low magnesium",
    "calcium_deficiency": "why does low calcium cause twitching?",
    "potassium_deficiency": "explain low potassium to me",
    "vitamin_d_deficiency": "how does vitamin d deficiency cause twitches",
    "vitamin_b12_deficiency": "tell me about b12 deficiency",
    "dehydration_electrolytes": "why does dehydration make muscles twitch",
    "stress_anxiety": "how can stress cause twitching?",
    "caffeine_stimulants": "why does coffee make me twitch",
    "strenuous_exercise": "explain why exercise causes twitching",
    "sleep_deprivation": "can lack of sleep cause twitching?",
    "medication_side_effect": "tell me about medication side effects and twitching",
    "magnesium": "what does magnesium do",
    "calcium": "tell me about calcium",
    "potassium": "what is potassium for",
    "vitamin_d": "tell me about vitamin d",
    "vitamin_b12": "what does vitamin b12 do",
    "electrolytes": "what are electrolytes",
}
FOODS = {
    "magnesium": {"leafy greens", "nuts", "seeds", "legumes", "whole grains"},
    "calcium": {"tofu", "leafy greens", "fortified cereals"},
    "potassium": {"bananas", "potatoes", "spinach", "broccoli", "beans"},
    "vitamin_d": {"fatty fish (salmon, mackerel, sardines)", "mushrooms exposed to UV light"},
    "vitamin_b12": {"meat", "fortified cereals"},
}


@pytest.mark.parametrize("topic, question", QUESTIONS.items(), ids=list(QUESTIONS))
def test_every_cause_and_nutrient_is_explained_with_a_source(stack, topic, question):
    reply = rest_send(stack.settings, f"kb-{uuid.uuid4().hex[:8]}", question)
    explanations = [m["custom"] for m in reply if m.get("custom", {}).get("type") == "explanation"]
    assert explanations, reply
    assert explanations[0]["topic"] == topic
    assert explanations[0]["sources"] and all(s["document"] and s["section"] for s in explanations[0]["sources"])
    assert any(m.get("text") for m in reply)


@pytest.mark.parametrize("nutrient, expected", FOODS.items(), ids=list(FOODS))
def test_a_food_question_lists_the_documents_foods(stack, nutrient, expected):
    question = f"what foods have {nutrient.replace('_', ' ').replace('vitamin b12', 'b12')}?"
    reply = rest_send(stack.settings, f"food-{uuid.uuid4().hex[:8]}", question)
    foods = [m["custom"] for m in reply if m.get("custom", {}).get("type") == "foods"]
    assert foods, reply
    assert foods[0]["nutrients"] == [nutrient]
    assert expected <= {f["name"] for f in foods[0]["foods"]}
