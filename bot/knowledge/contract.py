"""The public ids of ../shared/contract.yml, plus the project's documented additions.

The contract is an interface outside evaluations rely on: ids are used as they are, and
only added to (see README, "Additions to the contract"). tests/bot/test_contract.py
checks that every contract id is here unchanged.
"""

from __future__ import annotations

CAUSES: tuple[str, ...] = (
    "magnesium_deficiency",
    "calcium_deficiency",
    "potassium_deficiency",
    "vitamin_d_deficiency",
    "vitamin_b12_deficiency",
    "dehydration_electrolytes",
    "stress_anxiety",
    "caffeine_stimulants",
    "strenuous_exercise",
    "sleep_deprivation",
    "medication_side_effect",
)

LEVELS: tuple[str, ...] = ("self_care", "doctor", "urgent", "emergency")  # least to most urgent

SYMPTOMS: tuple[str, ...] = (
    "twitching", "cramps", "spasms", "tetany", "weakness", "muscle_wasting", "fatigue",
    "numbness_tingling", "irregular_heartbeat", "rapid_heart_rate", "high_blood_pressure",
    "muscle_aches", "bone_pain", "balance_problems", "mood_changes", "constipation",
    "headache", "thirst", "dark_urine", "lightheadedness", "jitters", "restlessness",
    "tremor", "nausea", "confusion", "vomiting", "diarrhea", "difficulty_swallowing",
    "slurred_speech", "difficulty_breathing", "chest_pain", "fainting", "seizure", "paralysis",
    # the twitching causes the user significant distress (triage policy, doctor)
    "distress",
    # thoughts of suicide or self-harm (triage policy, crisis row)
    "self_harm",
    "facial_droop", "vision_changes", "hallucinations", "calf_swelling",
    # addition: sudden swelling of the face or hands (with pregnancy, the policy's urgent row)
    "swelling",
)  # fmt: skip

LIFESTYLE_FACTORS: tuple[str, ...] = (
    "caffeine", "stimulants", "alcohol", "stress", "anxiety", "poor_sleep", "intense_exercise",
    "heavy_sweating", "low_fluid_intake", "excessive_water_intake", "poor_diet",
    "low_sun_exposure", "darker_skin", "high_latitude", "pregnancy", "breastfeeding",
    "alcohol_withdrawal",
)  # fmt: skip

MEDICATIONS: tuple[str, ...] = (
    "diuretic", "corticosteroid", "vitamin_d_supplement", "vitamin_b12_supplement",
    "magnesium_supplement", "calcium_supplement", "potassium_supplement", "statin",
    "other_medication",
)  # fmt: skip

NUTRIENTS: tuple[str, ...] = ("magnesium", "calcium", "potassium", "vitamin_d", "vitamin_b12", "electrolytes")

DIETS: tuple[str, ...] = ("vegan", "vegetarian", "dairy_free", "fish_free")

BODY_PARTS: tuple[str, ...] = (
    "eyelid", "face", "lip", "tongue", "neck", "shoulder", "arm", "hand", "finger", "chest",
    "back", "abdomen", "leg", "thigh", "calf", "foot", "toe", "all_over",
)  # fmt: skip

ENTITY_VALUES: dict[str, tuple[str, ...]] = {
    "symptom": SYMPTOMS,
    "lifestyle_factor": LIFESTYLE_FACTORS,
    "medication": MEDICATIONS,
    "nutrient": NUTRIENTS,
    "diet": DIETS,
    "body_part": BODY_PARTS,
    "duration": (),  # whole number of days as a string
    # Addition: whom the message is about, when it is not the writer. A parent asking about
    # their child (the policy's doctor row: the documents are about adults); an adult asking
    # for another adult (a partner, a parent: said back and summarised as theirs); a writer who
    # says they are under 18 (a child too, spoken to as "you").
    "person": ("child", "other_adult", "young_writer"),
    # Addition: a face, arm, leg or speech problem that began suddenly (minutes or hours ago),
    # said in the same words as the sign: the policy's stroke row. Twitching the user ties to a
    # medicine the documents do not cover ("since I started the statin"): the policy's doctor row.
    "onset": ("sudden", "after_medicine"),
}

# Entity types found by rule in bot/nlu (numbers of days, who the message is about), with
# no phrases of their own in the lexicon.
RULE_TYPES: tuple[str, ...] = ("duration", "person")
YOUNG_WRITER = "young_writer"  # the person value of a writer under 18: also a child
# Entity types read by meaning only (the sentence classifier), with no phrases in the lexicon.
MEANING_TYPES: tuple[str, ...] = ("onset",)
# Every entity type without phrases of its own in the lexicon.
UNPHRASED_TYPES: tuple[str, ...] = RULE_TYPES + MEANING_TYPES

# Entity roles. `absent` is the contract's; `hypothetical` (a mention in a question or an
# "if" clause) is an addition. Triage and ranking count neither as affirmed.
ROLE_ABSENT = "absent"
ROLE_HYPOTHETICAL = "hypothetical"
# Addition: a warning word that may be a figure of speech ("the muscle seizes up", "paralysed
# by the cramp"); it raises nothing until the user confirms it (the policy's "when unsure, ask").
ROLE_UNSURE = "unsure"
# Addition: a duration said as a correction of one said before ("sorry, I meant 3 days"): it
# replaces the earlier one at once (a shorter span said without one is asked about first).
ROLE_CORRECTED = "corrected"

PAYLOAD_TYPES: tuple[str, ...] = ("assessment", "escalation", "foods", "explanation", "summary")


def level_rank(level: str) -> int:
    return LEVELS.index(level)


# The complaint the interview's duration is about, and where it is felt: twitching and its kin.
MOVEMENT_SYMPTOMS = frozenset({"twitching", "spasms", "cramps", "tetany"})
