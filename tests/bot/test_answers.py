"""Answers built from the table: foods by diet, explanations with sources, no doses."""

import re
from dataclasses import replace

import pytest

from bot import answers, texts
from bot.evidence import Evidence
from bot.knowledge.contract import CAUSES, NUTRIENTS
from bot.reasoning import assess
from tests.conftest import entity

ANIMAL = {"meat", "fish", "dairy", "eggs"}


@pytest.mark.parametrize("nutrient", NUTRIENTS)
def test_a_vegan_never_gets_meat_fish_dairy_or_eggs(kb, nutrient):
    for food, _ in answers.foods_for(kb, [nutrient], ["vegan"]):
        assert not set(food.contains) & ANIMAL, food.name


def test_fortified_foods_stay_for_a_vegan(kb):
    names = [food.name for food, _ in answers.foods_for(kb, ["vitamin_b12"], ["vegan"])]
    assert "fortified cereals" in names
    assert "meat" not in names


def test_fish_free_and_dairy_free_filters(kb):
    fish_free = [f.name for f, _ in answers.foods_for(kb, ["vitamin_d"], ["fish_free"])]
    assert all("fish" not in name for name in fish_free) and fish_free
    dairy_free = [f for f, _ in answers.foods_for(kb, ["calcium"], ["dairy_free"])]
    assert all("dairy" not in f.contains for f in dairy_free)
    assert "tofu" in [f.name for f in dairy_free]


def test_foods_covering_several_suspected_nutrients_come_first(kb):
    found = answers.foods_for(kb, ["magnesium", "potassium", "calcium"])
    counts = [len(covers) for _, covers in found]
    assert counts == sorted(counts, reverse=True)
    assert found[0][0].name == "spinach"


def test_foods_payload_has_the_documents_foods(kb):
    reply = answers.foods(kb, ["potassium"])[0]
    payload = reply.custom
    assert payload["type"] == "foods" and payload["nutrients"] == ["potassium"]
    names = {f["name"] for f in payload["foods"]}
    assert {"bananas", "potatoes", "spinach", "broccoli", "beans"} <= names


def test_electrolytes_means_magnesium_calcium_and_potassium_foods(kb):
    names = {f.name for f, _ in answers.foods_for(kb, ["electrolytes"])}
    assert {"bananas", "nuts", "tofu"} <= names


@pytest.mark.parametrize("topic", [*CAUSES, *NUTRIENTS, "sun", "supplements", "doctor"])
def test_every_cause_nutrient_and_topic_has_an_explanation_with_sources(kb, topic):
    reply = answers.explanation(kb, topic)
    assert reply.custom["type"] == "explanation" and reply.custom["topic"] == topic
    assert reply.custom["sources"] and all(s["document"] and s["section"] for s in reply.custom["sources"])
    assert len(reply.text) > 80


DOSE = re.compile(r"\b\d+(\.\d+)?\s*(mg|mcg|µg|iu|ug|milligrams?|micrograms?|units?)\b", re.I)


def test_supplement_advice_gives_no_dose_and_says_why(kb):
    text = answers.explanation(kb, "supplements").text
    assert not DOSE.search(text)
    assert "doctor" in text and "confusion" in text


def test_no_answer_anywhere_in_the_table_gives_a_dose(kb):
    texts = [f.text for c in kb.causes.values() for f in (c.summary, c.mechanism, *c.advice)]
    texts += [p.text for t in kb.topics.values() for p in t.points]
    assert not [t for t in texts if DOSE.search(t)]


def test_assessment_payload_follows_the_contract(kb):
    ev = Evidence.from_entities([{"entity": "lifestyle_factor", "value": "caffeine", "text": "energy drinks"}])
    replies = answers.assessment(kb, assess(kb, ev))
    payload = replies[0].custom
    assert set(payload) >= {"type", "causes", "triage", "red_flags", "sources"}
    assert payload["causes"][0]["id"] == "caffeine_stimulants"
    assert set(payload["causes"][0]) >= {"id", "score", "evidence"}
    assert "can't diagnose" in replies[-1].text


def test_assessment_payload_carries_what_a_card_shows(kb):
    ev = Evidence.from_entities(
        [{"entity": "diet", "value": "vegan"}, {"entity": "symptom", "value": "cramps"}, {"entity": "nutrient", "value": "magnesium"}]
    )
    payload = answers.assessment(kb, assess(kb, ev))[0].custom
    top = payload["causes"][0]
    assert top["name"] == kb.causes[top["id"]].name and top["advice"]
    assert payload["level"]["title"] == answers.LEVEL_TITLES[payload["triage"]] and payload["level"]["action"]
    assert payload["foods"], "a nutrient cause with evidence lists foods on the card"
    animal = {f.name for f in kb.foods if {"meat", "fish", "dairy", "eggs"} & set(f.contains)}
    assert not animal & {f["name"] for f in payload["foods"]}
    assert "can't diagnose" in payload["disclaimer"]


def test_assessment_ends_with_the_no_diagnosis_reminder_and_what_to_do(kb):
    ev = Evidence.from_entities([{"entity": "symptom", "value": "chest_pain"}])
    last = answers.assessment(kb, assess(kb, ev))[-1].text
    assert "emergency" in last.lower() and "chest pain" in last and "can't diagnose" in last


def test_foods_are_grouped_under_each_nutrient_once(kb):
    payload = answers.foods(kb, ["vitamin_b12", "vitamin_d"], ["vegan"])[0].custom
    groups = payload["food_groups"]
    assert [g["nutrient"] for g in groups] == ["vitamin_b12", "vitamin_d"]  # in the order asked, each once
    assert [g["name"] for g in groups] == ["Vitamin B12", "Vitamin D"]
    by_nutrient = {g["nutrient"]: g["foods"] for g in groups}
    assert "fortified cereals" in by_nutrient["vitamin_b12"] and "fortified cereals" in by_nutrient["vitamin_d"]
    assert "mushrooms exposed to UV light" in by_nutrient["vitamin_d"]
    assert "mushrooms exposed to UV light" not in by_nutrient["vitamin_b12"]
    # every food of the list is under every nutrient it supplies, and nowhere else
    for food in payload["foods"]:
        assert {n for n, names in by_nutrient.items() if food["name"] in names} == set(food["nutrients"])


def test_a_group_of_nutrients_lists_foods_under_its_members(kb):
    groups = answers.foods(kb, ["electrolytes"])[0].custom["food_groups"]
    assert [g["nutrient"] for g in groups] == ["magnesium", "calcium", "potassium"]  # no empty "electrolytes" heading
    assert all(g["foods"] for g in groups)


def test_the_assessment_card_groups_its_foods_too(kb):
    ev = Evidence.from_entities(
        [{"entity": "diet", "value": "vegan"}, {"entity": "symptom", "value": "cramps"}, {"entity": "nutrient", "value": "magnesium"}]
    )
    payload = answers.assessment(kb, assess(kb, ev))[0].custom
    shown = {f["name"] for f in payload["foods"]}
    assert shown and {name for g in payload["food_groups"] for name in g["foods"]} == shown


# -- The doctor's summary -------------------------------------------------------------------

DOCTOR_VISIT = [
    {"entity": "symptom", "value": "twitching"},
    {"entity": "body_part", "value": "eyelid"},
    {"entity": "body_part", "value": "calf"},
    {"entity": "duration", "value": "14"},
    {"entity": "symptom", "value": "weakness", "role": "absent"},
    {"entity": "lifestyle_factor", "value": "caffeine"},
    {"entity": "lifestyle_factor", "value": "poor_sleep"},
    {"entity": "diet", "value": "vegan"},
    {"entity": "medication", "value": "diuretic"},
]


def test_the_summary_payload_holds_what_a_doctor_needs(kb):
    reply = answers.summary(kb, assess(kb, Evidence.from_entities(DOCTOR_VISIT)))
    payload = reply.custom
    assert set(payload) >= {"type", "symptoms", "factors", "causes", "triage"}  # the contract's keys, unchanged
    assert payload["type"] == "summary" and payload["symptoms"] == ["twitching"] and payload["denied"] == ["weakness"]
    assert payload["factors"] == ["caffeine", "diuretic", "poor_sleep"] and all(isinstance(c, str) for c in payload["causes"])
    assert payload["body_parts"] == ["calf", "eyelid"] and payload["duration_days"] == 14
    assert payload["lifestyle"] == ["caffeine", "poor_sleep"] and payload["medicines"] == ["diuretic"] and payload["diet"] == ["vegan"]
    assert [c["id"] for c in payload["likely_causes"]] == payload["causes"]
    for cause in payload["likely_causes"]:
        assert cause["name"] == kb.causes[cause["id"]].name
        assert cause["sources"] and all(s["document"] in kb.documents.values() and s["section"] for s in cause["sources"])
    assert "potassium_deficiency" in payload["causes"]  # a water pill loses potassium
    assert payload["level"]["title"] == answers.LEVEL_TITLES[payload["triage"]] and payload["level"]["action"]
    assert payload["names"]["diuretic"] == "a water pill (diuretic)" and payload["names"]["poor_sleep"] == "poor sleep"
    listed = {i for key in ("symptoms", "denied", "factors", "body_parts", "diet") for i in payload[key]}
    assert listed <= set(payload["names"])
    assert "can't diagnose" in payload["disclaimer"]


@pytest.mark.parametrize("said, back", [("More than 2 weeks", "more than 2 weeks"), ("over a month", "more than a month")])
def test_a_duration_said_as_more_than_is_said_back_so_in_the_summary(kb, extractor, said, back):
    # round 28: the "More than 2 weeks" button typed became "Duration: 15 days" in the summary for the doctor
    from bot.knowledge.table import default_interview

    days = [e for e in extractor.extract(said) if e["entity"] == "duration"]
    buttons = [b for q in default_interview().questions if q.id == "duration" for b in q.buttons if b["title"] == said]
    tapped = buttons[0]["payload"] if buttons else None
    told = [{"entity": "symptom", "value": "twitching"}, *days]
    text = answers.summary(kb, assess(kb, Evidence.from_entities(told))).text
    assert f"Duration: {back}" in text
    assert tapped is None or f'"{days[0]["value"]}"' in tapped  # the button and the words are the same fact


def test_the_summary_text_names_body_sites_diet_and_medicines(kb):
    text = answers.summary(kb, assess(kb, Evidence.from_entities(DOCTOR_VISIT))).text
    for line in (
        "- Symptoms: twitching",
        "- Where: calf and eyelid",
        "- Duration: 2 weeks",
        "- Denied: weakness",
        "- Lifestyle factors: caffeine and poor sleep",
        "- Diet: vegan",
        "- Medicines and supplements: a water pill (diuretic)",
        "- Triage: See a doctor",
    ):
        assert line in text.splitlines(), (line, text)
    assert "not a diagnosis" in text


def test_the_summary_names_another_medicine_by_the_persons_own_word(kb):
    # round 12: "Medicines and supplements: another medicine" for sertraline
    ev = Evidence.from_entities([entity("symptom", "twitching"), entity("medication", "other_medication", text="Sertraline"),
                                 entity("medication", "diuretic", text="furosemide")])  # fmt: skip
    text = answers.summary(kb, assess(kb, ev)).text
    assert "- Medicines and supplements: a water pill (diuretic) and sertraline" in text.splitlines(), text


def test_someone_asking_for_another_adult_hears_their_symptoms_said_back_and_summarised_as_theirs(kb):
    ev = Evidence.from_entities([entity("person", "other_adult"), entity("symptom", "twitching"), entity("body_part", "arm"),
                                 entity("lifestyle_factor", "caffeine")])  # fmt: skip
    said = answers.understood(kb, ev) or ""
    assert "you are asking for someone else" in said and "they have twitching in their arm" in said
    assert "you have" not in said and "your arm" not in said
    reply = answers.summary(kb, assess(kb, ev))
    assert reply.custom["person"] == "other_adult"
    about = [line for line in reply.text.splitlines() if line.startswith("- About:")]
    assert about and "another adult" in about[0]
    assert "person:other_adult" not in " ".join(reply.custom["factors"])  # who it is about is no lifestyle factor


def owned(kind, value, whose):
    return {**entity(kind, value), "owner": whose}


def test_the_habits_of_the_person_beside_the_one_with_the_symptoms_are_not_in_their_summary(kb):
    # round 15: a new dad's summary said "pregnancy"; a daughter's worry became her mother's anxiety and poor sleep
    dad = Evidence.from_entities([owned("lifestyle_factor", "pregnancy", "other"), owned("symptom", "twitching", "writer"),
                                  owned("lifestyle_factor", "stress", "writer")])  # fmt: skip
    assert "lifestyle_factor:pregnancy" not in dad.present and "lifestyle_factor:stress" in dad.present
    daughter = Evidence.from_entities([entity("person", "other_adult"), owned("symptom", "twitching", "other"),
                                       owned("lifestyle_factor", "anxiety", "writer"), owned("lifestyle_factor", "poor_sleep", "writer"),
                                       owned("symptom", "distress", "writer")])  # fmt: skip
    text = answers.summary(kb, assess(kb, replace(daughter, story=("mum's legs twitch, I'm so worried",)))).text
    assert "- Lifestyle factors: not mentioned" in text.splitlines(), text
    # later in the conversation too: the person asked for is known from before
    later = Evidence.from_entities([owned("lifestyle_factor", "poor_sleep", "writer"), owned("lifestyle_factor", "caffeine", "other")], daughter)
    assert "lifestyle_factor:caffeine" in later.present and "lifestyle_factor:poor_sleep" not in later.present
    # the words of the one asking are said to be theirs, not the mother's own
    assert any(line.startswith("- As told by the person asking:") for line in text.splitlines()), text


def test_a_habit_of_another_person_stays_when_a_symptom_in_the_message_is_theirs_too(kb):
    # "my wife is pregnant and has a terrible headache, and my eyelid twitches": two stories in one, never under-triaged
    ev = Evidence.from_entities([owned("lifestyle_factor", "pregnancy", "other"), owned("symptom", "headache", "other"),
                                 owned("symptom", "twitching", "writer")])  # fmt: skip
    assert "lifestyle_factor:pregnancy" in ev.present


def test_a_factor_said_in_moderation_is_denied_as_the_excess_not_the_habit(kb):
    # "2 coffees in the morning, that's it": no heavy caffeine use, never "no caffeine" for a coffee drinker
    ev = Evidence.from_entities([entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine", "absent"),
                                 entity("lifestyle_factor", "alcohol", "absent")])  # fmt: skip
    result = assess(kb, ev)
    assert "- Denied: regular drinking and heavy caffeine use" in answers.summary(kb, result).text.splitlines()
    assert "you said no regular drinking or heavy caffeine use" in (answers.understood(kb, ev) or "")
    said = " ".join(reason for c in result.causes for reason in c.against)
    assert "no caffeine" not in said and "no heavy caffeine use" in said


def test_the_summary_lists_only_causes_something_said_points_to(kb):
    plain = Evidence.from_entities([entity("symptom", "twitching"), entity("body_part", "arm"), entity("duration", "6")])
    reply = answers.summary(kb, assess(kb, plain))
    assert reply.custom["causes"] == [] and "- Possible causes: none stands out from what was said" in reply.text.splitlines()
    coffee = Evidence.from_entities([entity("symptom", "twitching"), entity("lifestyle_factor", "caffeine")])
    causes = answers.summary(kb, assess(kb, coffee)).custom["likely_causes"]
    assert causes and causes[0]["id"] == "caffeine_stimulants" and all(c["evidence"] for c in causes)


def test_a_summary_with_nothing_said_says_so_part_by_part(kb):
    text = answers.summary(kb, assess(kb, Evidence())).text
    assert "- Where: not mentioned" in text and "- Diet: not mentioned" in text and "- Medicines and supplements: not mentioned" in text


def test_a_poor_diet_is_said_on_the_diet_line_of_the_summary(kb):
    # "I basically live on pizza": never "Diet: not mentioned" beside "Lifestyle factors: a poor diet"
    ev = Evidence.from_entities([entity("symptom", "twitching"), entity("lifestyle_factor", "poor_diet"),
                                 entity("lifestyle_factor", "caffeine")])  # fmt: skip
    lines = answers.summary(kb, assess(kb, ev)).text.splitlines()
    diet = next(line for line in lines if line.startswith("- Diet:"))
    assert "not mentioned" not in diet and "diet" in diet.partition(":")[2]
    assert sum("poor diet" in line for line in lines if not line.startswith("- In their own words")) == 1, lines


def test_an_older_summary_card_is_shown_as_it_was(kb):
    """The widget keeps old conversations: a card from before body sites and diet existed."""
    old = {"type": "summary", "symptoms": ["cramps"], "denied": [], "factors": ["caffeine", "diuretic"], "duration_days": None,
           "causes": ["caffeine_stimulants"], "triage": "self_care"}  # fmt: skip
    parts = dict(answers.summary_parts(old))
    assert parts["factors"] == "caffeine and diuretic" and parts["duration"] == "not mentioned"
    assert "body_parts" not in parts and "diet" not in parts  # never "not mentioned" for a part it could not hold
    assert parts["causes"] == "caffeine stimulants" and parts["triage"] == "Self-care"


@pytest.mark.parametrize(
    "signs, says, not_says",
    [
        (["chest_pain"], ["Chest pain", "heart"], ["seizure", "breathing"]),
        (["seizure"], ["seizure", "calcium"], ["Chest pain", "breathing"]),
        (["paralysis"], ["will not move", "potassium"], ["seizure", "Chest pain"]),
        (["difficulty_breathing"], ["Trouble breathing"], ["seizure", "calcium", "potassium"]),
        # two signs: both reasons, each once
        (["fainting", "seizure"], ["fainting", "seizure"], ["breathing"]),
    ],
)
def test_an_escalation_gives_the_reason_of_the_sign_it_heard(kb, signs, says, not_says):
    ev = Evidence(present=frozenset(f"symptom:{s}" for s in signs))
    reply = answers.escalation(kb, assess(kb, ev).triage)
    reason = reply.custom["level"]["reason"]
    assert all(word in reason for word in says), reason
    assert not any(word in reason for word in not_says), reason
    assert reply.text.count(reason) == 1 and "Call emergency services" in reply.text


def test_an_urgent_escalation_does_not_say_its_title_twice(kb):
    ev = Evidence(present=frozenset({"symptom:irregular_heartbeat"}))
    text = answers.escalation(kb, assess(kb, ev).triage).text
    assert text.startswith("See a doctor today, within 24 hours.") and text.count("See a doctor today") == 1


def test_what_was_denied_is_said_back_in_english(kb):
    ev = Evidence(present=frozenset({"symptom:twitching"}), absent=frozenset({"medication:corticosteroid", "symptom:irregular_heartbeat"}))
    said = answers.understood(kb, ev)
    assert " no a " not in said and " no an " not in said and "you said no" in said


def test_a_question_about_one_supplement_is_not_answered_with_another_ones_details(kb):
    said = answers.explanation(kb, "supplements", about="magnesium").text
    assert "D2" not in said and "B12" not in said
    assert "D2" in answers.explanation(kb, "supplements", about="vitamin_d").text
    dose = answers.dose(kb, assess(kb, Evidence()), "potassium").text
    # the why of no doses stays (more than you need can harm you), without another nutrient's cautions
    assert "can harm you" in dose and "D2" not in dose and "vitamin D" not in dose


def test_drinking_stopped_beside_withdrawal_is_not_summarised_as_denied_drinking(kb):
    told = [entity("lifestyle_factor", "alcohol", "absent"), entity("lifestyle_factor", "alcohol_withdrawal"), entity("symptom", "tremor")]
    text = answers.summary(kb, assess(kb, Evidence.from_entities(told))).text
    assert "regular drinking" not in next(line for line in text.splitlines() if line.startswith("- Denied"))


def test_a_childs_symptoms_are_said_back_as_theirs(kb):
    ev = Evidence.from_entities([entity("person", "child"), entity("symptom", "twitching"), entity("body_part", "eyelid")])
    said = answers.understood(kb, ev) or ""
    assert "they have twitching in their eyelid" in said and "you have" not in said



def test_not_worried_after_all_takes_back_the_distress_said_before(kb):
    scared = Evidence.from_entities([entity("symptom", "twitching"), entity("symptom", "distress")])  # "scared the life out of me"
    assert assess(kb, scared).triage.level == "doctor"
    calm = Evidence.from_entities([entity("lifestyle_factor", "anxiety", "absent")], scared)  # "I'm not actually worried"
    assert "symptom:distress" in calm.absent and assess(kb, calm).triage.level == "self_care"
    still = Evidence.from_entities([entity("lifestyle_factor", "anxiety", "absent"), entity("symptom", "distress")], scared)
    assert "symptom:distress" in still.present  # "not anxious, just terrified it's ALS": the fear stands
    # "No" to the question on stress says nothing of a fear told before (round 42 probe: "you don't have distress")
    answered = Evidence.from_entities([{**entity("lifestyle_factor", "anxiety", "absent"), "turn": 1}], scared)
    assert "symptom:distress" in answered.present and assess(kb, answered).triage.level == "doctor"


def test_distress_is_said_back_as_a_feeling_and_for_someone_else_as_the_writers_worry(kb):
    ev = Evidence.from_entities([entity("symptom", "twitching"), entity("symptom", "distress"), entity("body_part", "eyelid")])
    said = answers.understood(kb, ev) or ""
    assert "you have twitching in your eyelid" in said and "the twitching troubles you a lot" in said
    assert "worry about the twitching" not in said and "distress" not in said
    other = Evidence.from_entities([entity("person", "other_adult"), entity("symptom", "twitching"), entity("symptom", "distress")])
    said = answers.understood(kb, other) or ""
    assert "they have twitching" in said and "you are worried about them" in said and "they have distress" not in said


def test_answers_to_someone_asking_for_another_speak_of_that_person(kb):
    wife = Evidence.from_entities([entity("person", "other_adult"), entity("symptom", "twitching"), entity("symptom", "weakness")])
    text = answers.feared(kb, assess(kb, wife), "ALS").text
    assert "help them book an appointment with their doctor" in text and "For them: See a doctor" in text
    assert "they can examine you" not in text and "For you:" not in text
    assert "your doctor" not in answers.your_level(kb, assess(kb, wife))  # "For them: ... with their doctor"
    child = Evidence.from_entities([entity("person", "child"), entity("symptom", "twitching")])
    assert answers.your_level(kb, assess(kb, child)).startswith("For your child:")
    own = Evidence.from_entities([entity("symptom", "twitching")])
    assert answers.your_level(kb, assess(kb, own)).startswith("For you:")


def test_no_level_speaks_of_the_user_as_the_person(kb):
    # "if the person becomes very drowsy" was said to the person themselves in round 14
    assert not [rule.id for rule in kb.triage if "the person" in rule.action]


def test_getting_someone_to_a_doctor_is_answered_as_soon_as_their_level_needs(kb):
    slow = Evidence.from_entities([entity("person", "other_adult"), entity("symptom", "twitching"), entity("symptom", "weakness")])
    text = answers.persuade(kb, assess(kb, slow)).text
    assert "offer to book the appointment and go with them" in text and "For them: See a doctor" in text
    now = Evidence.from_entities([entity("person", "other_adult"), entity("symptom", "facial_droop"), entity("symptom", "twitching")])
    text = answers.persuade(kb, assess(kb, now)).text
    assert text.startswith("This can't wait for them to agree: call the emergency number now")
    teen = Evidence.from_entities([entity("person", "young_writer"), entity("symptom", "twitching")])
    assert answers.persuade(kb, assess(kb, teen)).text.startswith(texts.PERSUADE_YOUNG)


def test_what_helps_gives_the_advice_that_fits_what_was_said_not_the_general_list(kb):
    water = Evidence.from_entities([entity("symptom", "twitching"), entity("lifestyle_factor", "excessive_water_intake")])
    text = answers.what_helps(kb, assess(kb, water)).text
    assert "very large amounts of plain water" in text and "Drink water steadily" not in text
    assert "Drink water regularly" not in text  # the advice for someone who drinks too little
    sweat = Evidence.from_entities([entity("symptom", "twitching"), entity("lifestyle_factor", "heavy_sweating")])
    assert "Drink water regularly" in answers.what_helps(kb, assess(kb, sweat)).text
    nothing = answers.what_helps(kb, assess(kb, Evidence.from_entities([entity("symptom", "twitching")]))).text
    assert nothing.startswith(texts.WHAT_HELPS_LEAD)  # nothing points anywhere: the general list


def test_stopping_a_supplement_is_not_answered_as_a_prescribed_medicine(kb):
    sick = Evidence.from_entities([entity("medication", "vitamin_d_supplement"), entity("symptom", "vomiting"), entity("symptom", "twitching")])
    text = answers.stop_medicine(kb, assess(kb, sick)).text
    assert text.startswith(texts.STOP_SUPPLEMENT_EXCESS) and "Stop taking more until you have seen a doctor" in text
    assert texts.STOP_MEDICINE_LEAD not in text
    plain = Evidence.from_entities([entity("medication", "magnesium_supplement"), entity("symptom", "twitching")])
    assert answers.stop_medicine(kb, assess(kb, plain)).text.startswith(texts.STOP_SUPPLEMENT)
    pills = Evidence.from_entities([entity("medication", "diuretic"), entity("symptom", "twitching")])
    assert answers.stop_medicine(kb, assess(kb, pills)).text.startswith(texts.STOP_MEDICINE_LEAD)


def test_a_supplement_question_about_magnesium_is_answered_about_magnesium_not_vitamin_d(kb):
    told = assess(kb, Evidence.from_entities([entity("symptom", "twitching")]))
    for reply in (answers.dose(kb, told, "magnesium"), answers.about(kb, "supplements", "supplements", "magnesium")):
        assert "Magnesium" in reply.text and "vitamin D" not in reply.text
        assert "dose" in reply.text.lower()  # never an amount, and said so
        assert reply.custom["topic"] == "supplements"  # still an answer on supplements, told with magnesium's facts
    assert "vitamin D" in answers.dose(kb, told, "vitamin_d").text  # its own cautions stay


def test_a_supplement_of_b12_or_of_electrolytes_is_answered_about_it_not_with_vitamin_ds_cautions(kb):
    # round 16: "do i need b12 tablets?" and "electrolyte tablets or just water?" got vitamin D's D2/D3 and high doses
    b12 = answers.about(kb, "supplements", "supplements", "vitamin_b12").text
    assert "fortified cereals" in b12 and "D2" not in b12 and "High-dose vitamin D" not in b12 and "With B12" in b12
    fluids = answers.about(kb, "supplements", "supplements", "dehydration_electrolytes").text
    assert "replace electrolytes" in fluids and "D2" not in fluids
    vitamin_d = answers.about(kb, "supplements", "supplements", "vitamin_d").text
    assert "D2" in vitamin_d  # vitamin D's own points stay


def test_a_pregnancy_multivitamin_taken_on_while_breastfeeding_is_no_pregnancy(kb):
    # round 16: "my pregnancy multivitamin still", three months after the birth, brought a pre-eclampsia warning
    named = {**entity("lifestyle_factor", "pregnancy", text="pregnancy"), "names_a_thing": True}
    nursing = Evidence.from_entities([entity("lifestyle_factor", "breastfeeding"), entity("symptom", "twitching")])
    assert "lifestyle_factor:pregnancy" not in Evidence.from_entities([named], nursing).present
    assert "lifestyle_factor:pregnancy" in Evidence.from_entities([named]).present  # "just the pregnancy vitamins": pregnant


def test_every_start_a_card_can_list_is_named_as_a_start():
    # round 18 c08: a summary's warning signs read "changes in vision, after medicine and paracetamol"
    from bot.evidence import fact_name
    from bot.knowledge.contract import ENTITY_VALUES

    for value in ENTITY_VALUES["onset"]:  # a start is named as one, never by its bare id
        assert "start" in fact_name(f"onset:{value}"), value


def test_pushback_at_self_care_says_nothing_needs_a_doctor_once(kb):
    # round 21 c07: "That's fair: nothing you told me needs a doctor now. ... Nothing you told me needs a doctor now, but..."
    unknown = assess(kb, Evidence.from_entities([entity("symptom", "twitching")]))
    said = answers.pushback(kb, unknown).text.lower()
    assert said.count("nothing you told me needs a doctor now") == 1
    known = assess(kb, Evidence.from_entities([entity("symptom", "twitching"), entity("duration", "3"),
                                               entity("symptom", "weakness", "absent"),
                                               entity("symptom", "numbness_tingling", "absent")]))  # fmt: skip
    assert answers.pushback(kb, known).text.lower().count("nothing you told me needs a doctor now") == 1


def test_a_summary_for_a_complaint_outside_the_documents_weighs_no_causes(kb):
    # round 23 c18: an itchy rash, twitching denied: "Possible causes: Lack of sleep, Low vitamin D and Low calcium"
    from web.pdf import checked

    told = [entity("symptom", "twitching", "absent"), entity("lifestyle_factor", "low_sun_exposure"),
            entity("lifestyle_factor", "poor_sleep")]  # fmt: skip
    reply = answers.summary(kb, assess(kb, Evidence.from_entities(told)))
    causes = next(line for line in reply.text.splitlines() if line.startswith("- Possible causes"))
    assert texts.SUMMARY_OUTSIDE in causes and "vitamin D" not in causes
    assert checked(reply.custom)["outside"] is True  # the PDF says the same
    twitching = [entity("symptom", "twitching"), entity("lifestyle_factor", "poor_sleep")]
    assert texts.SUMMARY_OUTSIDE not in answers.summary(kb, assess(kb, Evidence.from_entities(twitching))).text


def test_the_emergency_signs_under_a_childs_assessment_speak_of_the_child(kb):
    # round 25 c11: "If you have chest pain, trouble breathing..." said to the parent of an 8-year-old
    child = [entity("person", "child"), entity("symptom", "twitching")]
    text = answers.child(kb, assess(kb, Evidence.from_entities(child))).text
    assert texts.EMERGENCY_SIGNS_CHILD in text and texts.EMERGENCY_SIGNS not in text


def test_where_to_be_seen_today_speaks_of_nobody_in_particular(kb):
    # round 26 c28: a daughter asking for her mother was told an urgent care "can see you today"
    from bot import dialogue
    from bot.reasoning import assess
    from tests.conftest import entity

    told = [entity("person", "other_adult"), entity("symptom", "slurred_speech"), entity("symptom", "twitching")]
    reply = answers.see_doctor(kb, assess(kb, dialogue.evidence_from([told])))
    assert "see you" not in reply.text and "same day" in reply.text


def test_the_causes_asked_for_at_an_emergency_come_without_advice_or_foods(kb):
    # round 27 c12: mid-stroke, "was the twitching a warning sign?" got sun on bare skin, bananas and a food list
    from bot import dialogue
    from bot.reasoning import assess
    from tests.conftest import entity

    told = [entity("symptom", "weakness"), entity("symptom", "fatigue"), entity("symptom", "slurred_speech"), entity("onset", "sudden")]
    result = assess(kb, dialogue.evidence_from([told]))
    assert result.triage.level == "emergency"
    replies = answers.assessment(kb, result)
    text = " ".join(r.text or "" for r in replies)
    assert "What helps" not in text and not any(r.custom and r.custom.get("type") == "foods" for r in replies)
    assert replies[0].custom["causes"] and "help now" in text


def test_what_helps_is_worded_for_anyone_so_a_carer_is_not_told_of_their_own_blood_salts(kb):
    # round 30 c20: a son asking for his mother was told to have the prescriber check "your blood salts"
    for cause in kb.causes.values():
        for advice in cause.advice:
            assert not re.search(r"\byour(?:self)?\b", advice.text), advice.text


@pytest.mark.parametrize(
    ("asked", "signs"),
    [
        # a condition of the policy's rows feared by name gets that row's signs and how soon (round 32 c06: "should i be
        # worried about the flight thing? ... clots" got the general list of every sign)
        ("any chance this is a DVT from the long flight?", "one calf that is swollen and painful needs a doctor today"),
        ("am i having a mini stroke??", "a face that droops on one side"),
        ("could this be a heart attack coming?", "chest pain or pressure"),
    ],
)
def test_a_feared_condition_of_the_policy_gets_the_signs_to_act_on(kb, asked, signs):
    from bot import questions

    disease = questions.feared_disease(asked)
    assert disease is not None
    own = Evidence.from_entities([entity("symptom", "twitching")])
    text = answers.feared(kb, assess(kb, own), disease).text
    assert signs in text and "I can't rule it in or out" in text
    assert "a face that droops" not in answers.feared(kb, assess(kb, own), "ALS (motor neurone disease)").text


def test_advice_naming_foods_a_diet_leaves_out_is_said_with_foods_that_fit_it(kb):
    # round 33 c16: a vegan told to "Eat fatty fish (salmon, mackerel, sardines), egg yolks, ..."
    from bot import dialogue
    from bot.answers import Reply

    food_advice = next(f.text for f in kb.causes["vitamin_d_deficiency"].advice if "fish" in f.text)
    why = "a vegan diet leaves out eggs, fish, the main natural food sources of vitamin D"
    text = f"1. Low vitamin D: {why}. What helps: {food_advice}"
    said = answers.fit_to_diet(kb, text, ["vegan"])
    assert why in said and "salmon" not in said and "mushrooms exposed to UV light" in said, said
    assert answers.fit_to_diet(kb, text, []) == text  # no diet told: as written
    card = Reply(text=text, custom={"type": "assessment", "causes": [{"id": "vitamin_d_deficiency", "advice": food_advice}]})
    (fit,) = dialogue.fitted(kb, [card], lambda: ["vegan"])
    assert "fish" not in fit.custom["causes"][0]["advice"] and "salmon" not in fit.text
    quoted = Reply(text="In their own words: “i eat fish and eggs”", custom={"type": "summary"})
    assert dialogue.fitted(kb, [quoted], lambda: ["vegan"]) == [quoted]  # the person's own words stay as said


def test_what_helps_beside_weakness_or_a_thinner_muscle_is_an_examination_not_the_everyday_tips(kb):
    # round 35 c30: a hollow thumb muscle, a weaker grip and a fear of ALS, "What should I do?": sun and meditation
    from bot.evidence import Evidence
    from bot.reasoning import assess

    told = [{"entity": "symptom", "value": v} for v in ("twitching", "muscle_wasting", "weakness", "distress")]
    text = answers.what_helps(kb, assess(kb, Evidence.from_entities(told))).text
    assert "doctor's examination" in text and "muscle wasting" in text and "sun" not in text and "meditation" not in text


def test_signs_of_one_rule_asked_about_are_named_together_and_the_level_not_said_again_under_them(kb):
    # round 36 c26: "With the weakness you describe: see a doctor ... With the numbness or tingling you describe: see a
    # doctor ... For you: See a doctor: ..." in one reply
    from bot.evidence import Evidence
    from bot.reasoning import assess

    signs = ["symptom:weakness", "symptom:numbness_tingling"]
    told = [{"entity": "symptom", "value": v} for v in ("twitching", "weakness", "numbness_tingling")]
    text = answers.worry(kb, assess(kb, Evidence.from_entities(told)), signs).text
    assert text.count("With the") == 1 and "weakness and numbness or tingling" in text
    assert text.count("Book an appointment") == 1


def test_the_say_back_puts_the_twitching_where_it_is_and_the_other_signs_apart(kb):
    # round 36 c09: only the right hand was weak, said back as "weakness in your arm, finger, hand and thigh"
    from bot.evidence import Evidence

    told = [{"entity": "symptom", "value": v} for v in ("twitching", "weakness")]
    told += [{"entity": "body_part", "value": v} for v in ("hand", "thigh")]
    said = answers.understood(kb, Evidence.from_entities(told))
    assert "you have twitching in your hand and thigh, and weakness" in said


def test_twitching_that_started_on_a_medicine_the_documents_do_not_cover_puts_it_first_not_causes_of_shared_signs(kb):
    # round 37 c14: atorvastatin, aching thighs and weakness: "1. Dehydration ... 2. Strenuous exercise" for a retired man
    from bot.evidence import Evidence
    from bot.reasoning import assess

    told = [
        {"entity": "medication", "value": "statin", "text": "simvastatin"},
        {"entity": "onset", "value": "after_medicine"},
        {"entity": "symptom", "value": "twitching"},
        {"entity": "symptom", "value": "muscle_aches"},
        {"entity": "symptom", "value": "dark_urine"},
    ]
    card = answers.assessment(kb, assess(kb, Evidence.from_entities(told)))[0]
    assert card.text.startswith("You linked the twitching to the statin") and "Strenuous exercise" not in card.text
    assert "started after" not in card.text  # "could the statin cause it?" says nothing of when it began (round 41 c20)
    assert "Dehydration" not in card.text
    told.append({"entity": "lifestyle_factor", "value": "caffeine", "text": "5 coffees"})
    card = answers.assessment(kb, assess(kb, Evidence.from_entities(told)))[0]
    assert "caffeine" in card.text.lower()  # a cause something told points to is still listed
