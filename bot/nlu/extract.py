"""Entities of the contract from one message, with denial and hypothetical roles.

`Extractor(nlp).extract(text)` uses the project's spaCy pipeline (ops/build_spacy.py):
lexicon phrases from its span ruler, misspellings corrected against the lexicon's words,
durations parsed in whole days, and roles from bot/nlu/negation.py. Plain Python and
spaCy; the Rasa component in rasa_server/components/entities.py wraps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from bot.knowledge.contract import (
    ENTITY_VALUES,
    MOVEMENT_SYMPTOMS,
    ROLE_ABSENT,
    ROLE_CORRECTED,
    ROLE_HYPOTHETICAL,
    ROLE_UNSURE,
    YOUNG_WRITER,
)
from bot.nlu import numbers, people
from bot.nlu.clauses import clauses
from bot.nlu.duration import find_durations
from bot.nlu.fuzzy import closest, max_edits
from bot.nlu.labels import KNOWN_WORDS_TABLE, SPANS_KEY, parse_label
from bot.nlu.negation import (
    NEGATION_CUES,
    NEVER_SAID_TOPIC,
    QUESTION_START,
    TOPIC_WORDS,
    Mention,
    denied,
    explained_away,
    guessed,
    habit_in_if_clause,
    hypothetical,
    in_asking_clause,
    is_cue,
    resolved,
    retracted,
    said_of_anyone,
    sentence_bounds,
    topic_of,
)

EXTRACTOR_NAME = "TwitchEntityExtractor"
# "I take magnesium" is a supplement, not a question about the nutrient.
SUPPLEMENT_OF = {
    "magnesium": "magnesium_supplement",
    "calcium": "calcium_supplement",
    "potassium": "potassium_supplement",
    "vitamin_d": "vitamin_d_supplement",
    "vitamin_b12": "vitamin_b12_supplement",
}
NUTRIENT_OF = {v: k for k, v in SUPPLEMENT_OF.items()}
TAKING = {"take", "taking", "took", "takes", "on", "using", "use", "started", "start", "supplement", "supplementing"}
# "a really high dose of vitamin D", "50,000 iu of vitamin d": an amount taken is a supplement too
DOSE_WORDS = {"dose", "doses", "dosage", "megadose", "mg", "iu", "mcg", "units", "shots", "injections"}
NO_ROLE_TYPES = {"body_part", "person"}  # where, or whom: never denied
# Symptoms whose phrase may name where they are ("my legs feel heavy"): that place is said too.
PLACED = MOVEMENT_SYMPTOMS | {"weakness", "numbness_tingling", "muscle_wasting"}
# Only facts about the person can be hypothetical; a topic asked about is a plain mention.
HYPOTHETICAL_TYPES = {"symptom", "lifestyle_factor", "medication"}
# Thoughts of self-harm count in any clause: "if this is ALS I want to die" is a crisis; and a
# feared disease counts even in a question: "is it ALS?" is the fear the policy's doctor row means.
NEVER_HYPOTHETICAL = {("symptom", "self_harm"), ("symptom", "distress")}
# What people bring to this assistant: theirs even when asked about in general words. Not tetany,
# a warning sign: "can low calcium cause tetany?" asks, it does not tell.
OWN_COMPLAINTS = MOVEMENT_SYMPTOMS - {"tetany"}


@dataclass
class Found:
    kind: str
    value: str
    start: int  # character offsets in the message
    end: int
    tok_start: int
    tok_end: int
    denial_phrase: bool = False
    extractor: str = EXTRACTOR_NAME
    corrects: bool = False  # a duration said as a correction
    at_least: bool = False  # a duration said as a lower bound ("over 2 weeks")
    confidence: float = 1.0

    def as_entity(self, text: str, role: str | None) -> dict[str, Any]:
        entity: dict[str, Any] = {
            "entity": self.kind,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "extractor": self.extractor,
            "confidence_entity": self.confidence,
        }
        if role:
            entity["role"] = role
        entity["text"] = text[self.start : self.end]
        return entity


# Words with which the writer speaks of themselves again (after speaking of their child).
FIRST_PERSON_WORDS = {"i", "me", "my", "mine", "myself", "i'm", "im", "i've", "ive", "i'd", "i'll"}
THIRD_PERSON_WORDS = {"he", "she", "his", "her", "him", "they", "their", "them", "he's", "she's", "hes", "shes"}
# Symptoms that are not of the body: a fear or a crisis tells nothing of whose arm twitches.
NOT_OF_THE_BODY = {"distress", "self_harm"}
# A duration right after one of these is how long that habit lasted ("vegan for 3 years").
HABIT_TYPES = {"diet", "lifestyle_factor", "medication"}
CLAUSE_BREAKS = {".", ";", "!", "?", "but", "and", "while", "since", "because"}
# A count of one or two before a caffeinated drink: moderate, not excess.
SMALL_AMOUNT = re.compile(
    r"\b(?:(?:just|only)\s+)?(?:one|1|a|an|a\s+single|single|two|2|a\s+couple\s+of|couple\s+of|one\s+or\s+two|1-2|"
    r"(?:an|the)\s+occasional|occasional|the\s+odd)\s+"
    r"(?:(?:small|little|big|large|morning|instant|black|white|milky|weak|iced|filter|regular|normal|green|"
    r"cups?|mugs?|cans?|glass(?:es)?|shots?|bottles?)\s+)*(?:of\s+)?$",
    re.I,
)
# ... or said after it: "tea, 2 cups", "coffee, just one a day", "a latte, maybe two", "matcha sometimes".
SMALL_AMOUNT_AFTER = re.compile(
    r"^\s*(?:[,:-]\s*)?(?:only\s+)?(?:sometimes|occasionally|now\s+and\s+(?:then|again)|once\s+in\s+a\s+while|rarely|"
    r"hardly\s+ever|at\s+weekends|on\s+(?:the\s+)?weekends?)\b|"
    # "coffee black, just the one in the morning": how it is taken, then how many
    r"^\s*(?:(?:black|white|milky|with\s+milk|strong|weak|iced|hot|decaf)\s*)?(?:[,:-]\s*)?"
    r"(?:(?:just|only|maybe|about|like|around)\s+)?(?:one|1|a\s+single|two|2|one\s+or\s+two|1-2|a\s+couple|the\s+one)"
    r"(?:\s+(?:small\s+|little\s+)?(?:cups?|mugs?|cans?|glass(?:es)?|shots?|bottles?|coffees?|teas?|espressos?|lattes?|drinks?))?"
    r"(?:\s+(?:a|per)\s+day|\s+daily)?"
    r"(?:\s*$|\s*[,.;!)]|\s+(?:a|per|in|at|with|and|but|tops|max|that|only)\b)",
    re.I,
)
# "one latte is not too much caffeine": the amount said to be no excess, not another drink to add up
NOT_MUCH = re.compile(r"\b(?:not|n't|isnt|hardly|barely)\s+(?:that\s+|too\s+|so\s+|very\s+)?(?:much|many|a\s+lot\s+of)\s+$", re.I)
# Three or more of anything caffeinated said anywhere in the message: no small amount, whatever else is said.
LARGE_AMOUNT = re.compile(
    r"\b(?:[3-9]|\d{2,}|three|four|five|six|seven|eight|nine|ten|several|loads of|lots of)\s+"
    r"(?:(?:big|large|strong)\s+)?(?:cups?|mugs?|cans?|shots?|coffees?|teas?|espressos?|lattes?|energy\s+drinks?)\b",
    re.I,
)
# a count by the week or month, or now and then: "one monster a week", "a red bull once a month"
SELDOM_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:a|per|each|every|once\s+a|twice\s+a)\s+(?:week|wk|month|fortnight)\b|"
    r"^\s*(?:\w+\s+){0,2}?(?:now\s+and\s+then|occasionally|at\s+weekends|on\s+weekends|rarely)\b",
    re.I,
)
AT_LEAST = re.compile(r"\b(?:more\s+than|over|at\s+least|upwards\s+of|up\s+to)\s*$", re.I)
DRINK_WORDS = {"drink", "drinks", "drinking", "shot", "shots", "can", "cans"}
NOT_BEFORE = re.compile(r"\b(?:no|not|never|without|don'?t|zero|none)\b[^,.;]{0,15}$", re.I)
# Drinks and pills strong enough that one or two a day is no small amount (a can of an energy drink holds
# as much caffeine as two or three coffees): "2 energy drinks a day" is caffeine, never "no heavy caffeine".
STRONG_CAFFEINE = re.compile(
    r"energy|monster|red\s*bull|rockstar|relentless|celsius|\bbang\b|reign|pre[\s-]?workout|caffeine\s+(?:pills?|tablets?)|"
    r"no[\s-]?doz|pro[\s-]?plus|guarana|\bshots?\b",
    re.I,
)
# Plain water by the litre or gallon; from this much a day it dilutes the salts in the blood.
EXCESSIVE_WATER_LITRES = 4.0
_WATER_NUMBER = numbers.number_pattern(numbers.words_up_to(20))[1:-1]
WATER_AMOUNT = re.compile(
    rf"(?:\b(?P<n>{_WATER_NUMBER})|\ba)\s*(?P<unit>litres?|liters?|l|gallons?)\s+(?:of\s+)?(?:plain\s+)?water\b", re.I
)

# A day's drinking given in litres with no drink named ("actually more like 2.5L, not 6"): water, in this chat
LITRES_ALONE = re.compile(rf"\b(?P<n>{_WATER_NUMBER})\s*(?P<unit>litres?|liters?|l)\b", re.I)
OTHER_DRINKS = re.compile(
    r"\b(?:coke|cola|coffee|tea|juice|milk|beer|wine|energy|squash|soda|pop|lager|cider|vodka|smoothie)", re.I
)

# "back" is the body part only after a word that makes it one ("my back", "lower back"), not
# in "as far back as", "cutting back", "back in March", "a while back".
BACK_OWNERS = {"my", "the", "his", "her", "your", "our", "their", "lower", "upper", "mid", "middle", "whole", "entire", "sore"}
# Before "diuretic", these make it an adjective, not a medicine the user takes.
DESCRIBING = {"fairly", "quite", "very", "mildly", "slightly", "somewhat", "naturally", "natural", "is", "be", "so"}
# After a shaking word, these make it something the writer did ("shake my foot", "shake it off").
ACTION_OBJECTS = {"my", "the", "his", "her", "it", "them", "off", "out"}
# After "ten feet", these make it a length: "ten feet away", "six feet tall".
DISTANCE = {"away", "tall", "high", "long", "from", "deep", "behind", "ahead", "across", "off", "further", "farther"}
# A body part in one clause with only denied movements (MOVEMENT_SYMPTOMS) is not where it twitches.
BODY_PART_CLAUSE_BREAKS = {",", ".", ";", "!", "?", "but", "while", "although", "though"}
# Other adults a writer tells of (their fear is not the writer's); children are bot/nlu/people.py's.
OTHER_ADULTS = {
    "he", "she", "they", "husband", "wife", "partner", "boyfriend", "girlfriend", "mom", "mum", "dad", "mother",
    "father", "friend", "friends", "sister", "brother", "doctor", "neurologist", "family",
}  # fmt: skip
# Words for the gut, and the complaints of it that are not about muscles.
GUT_WORDS = {"stomach", "tummy", "belly", "abdominal", "period", "menstrual", "bowel", "gut"}
GUT_COMPLAINTS = {
    "cramp", "cramps", "cramping", "ache", "aches", "pain", "pains", "upset", "bug", "flu", "virus", "issues", "problems",
    "bad", "sore", "sick", "funny", "dodgy", "rough", "hurts", "hurt", "bloated", "bloating", "churning", "sensitive",
}  # fmt: skip
GUT_BEFORE = {"upset", "sore", "dodgy", "sensitive", "bad", "funny"}  # "an upset stomach", "a dodgy tummy"
FEELING_STIFF = {"scared", "bored", "frozen", "worried", "petrified", "terrified", "frightened"}
EXERCISE_IN_HEAT = re.compile(r"\b(?:yoga|bikram)\b", re.I)
# a stimulant a doctor prescribes (for ADHD, narcolepsy): a stimulant, and a medicine the documents do not cover,
# changed only with its prescriber (round 22 c27: "should I skip my adderall?" got "cut back on stimulants")
PRESCRIBED_STIMULANT = re.compile(
    r"\b(?:adderall|ritalin|methylphenidate|concerta|vyvanse|elvanse|lisdexamfetamine|dexedrine|dexamfetamine|"
    r"dexamphetamine|modafinil|provigil|focalin|mydayis|medikinet|equasym)\b",
    re.I,
)
# The feared diseases the lexicon lists under distress (a name, not a feeling).
FEARED_DISEASE = re.compile(
    r"\b(?:als|a\.l\.s|gehrigs?|neurone?|mnd|sclerosis|parkinson'?s?|tumou?r|cancer|disease|something)\b", re.I
)
# A symptom named as part of a disease ("a muscle-wasting disease") is not the user's symptom.
DISEASE_WORDS = {"disease", "diseases", "illness", "illnesses", "disorder", "disorders", "condition", "conditions"}

# Warning signs said in everyday words around a body part, within one clause: "my chest feels
# so tight", "my legs just gave way". (anchor words, describing words, symptom id)
SIGNS_BY_MEANING = (
    (
        {"chest"},
        {"tight", "tighter", "tightness", "tightening", "pressure", "heavy", "heaviness", "squeezing", "squeezed",
         "crushing", "crushed", "constricted", "hurts", "hurting", "aches", "aching", "painful", "pain", "burning"},
        "chest_pain",
    ),
    (
        {"legs", "leg", "knees", "knee"},
        {"gave", "give", "giving", "buckled", "buckle", "buckling", "collapsed", "collapse", "collapsing"},
        "weakness",
    ),
    ({"swallow", "swallowing", "throat"}, {"stuck", "sticks", "sticking", "choke", "choking"}, "difficulty_swallowing"),
    # a drooping face or mouth: the policy's stroke row; a drooping eyelid alone is weakness (a doctor)
    (
        {"face", "mouth", "smile", "lip"},
        {"droop", "drooping", "droops", "drooped", "droopy", "sag", "sagging", "sags", "lopsided", "crooked"},
        "facial_droop",
    ),
    ({"eyelid"}, {"droop", "drooping", "droops", "drooped", "droopy", "sag", "sagging", "sags"}, "weakness"),
    # hands, feet or lips curling or clawing in a spasm: tetany
    (
        {"hand", "hands", "finger", "fingers", "foot", "feet", "toes", "lips", "lip"},
        {"curl", "curls", "curled", "curling", "claw", "claws", "clawed", "clawing"},
        "tetany",
    ),
    # things that keep falling from the hand: weakness of the grip
    (
        {"dropping", "drop", "dropped", "drops"},
        {"keep", "keeps", "kept", "constantly", "always", "often", "started", "been", "more"},
        "weakness",
    ),
    # a clumsy tongue is trouble speaking, not trouble balancing
    (
        {"tongue", "speech", "mouth"},
        {"uncoordinated", "clumsy", "clumsiness", "wobbly", "unsteady", "thick", "heavy", "lazy"},
        "slurred_speech",
    ),
    # pain in a limb's muscles: "thigh pain", "a pain in my calf" (the chest has its own sign)
    (
        {"thigh", "thighs", "leg", "legs", "calf", "calves", "arm", "arms", "shoulder", "shoulders", "neck", "hamstring",
         "hamstrings", "quads", "forearm", "forearms", "shin", "shins"},
        {"pain", "pains", "painful"},
        "muscle_aches",
    ),
    (
        {"muscle", "hand", "calf", "thigh", "arm", "shoulder", "thumb"},
        {"thinner", "smaller", "shrinking", "shrunk", "wasting"},
        "muscle_wasting",
    ),
)  # fmt: skip
SIGN_CLAUSE_END = {",", ".", ";", "!", "?", "and", "but", "while", "because"}

# Warning words that are often figures of speech: (symptom, pattern over the mention and the
# words around it). Such a mention gets role `unsure`, raises nothing, and the assistant asks
# one yes/no question before it escalates or drops it (the policy's "when unsure, ask").
FIGURATIVE = {
    "tetany": re.compile(r"^(?:seiz|lock)\w*\s+up$", re.I),  # "my calf seizes up": a cramp, or tetany?
    "paralysis": re.compile(
        r"^\w+\s+(?:by|with)\b|\b(?:basically|practically|almost|nearly|like|kind\s+of|sort\s+of)\s+\w+$", re.I
    ),
    "fainting": re.compile(r"\b(?:power|electricity|electric|memory|drunk|alcohol|media)\s+\w+$|^blackouts?$", re.I),
    "irregular_heartbeat": re.compile(r"\bskipped\s+a\s+beat$", re.I),  # a start, or palpitations?
    "seizure": re.compile(r"\b(?:laughing|giggling|coughing)\s+fits?\b|^fits?$", re.I),
    # from pain or surprise, or for air? ("it took my breath away": the policy's own example of one to ask about)
    "difficulty_breathing": re.compile(r"^gasp\w*$|\bbreath\s+away$|^(?:knocked|knocks)\s+the\s+wind\s+out\b", re.I),
    "confusion": re.compile(r"^(?:so\s+|really\s+|very\s+|a\s+bit\s+)?confused$", re.I),  # puzzled, or confused?
    # preparations ("written letters to my kids just in case", "sorted my will"): asked about at once, never guessed
    "self_harm": re.compile(
        r"letters?\b|\bwill$|\bgiv\w*\s+(?:away|my)|\bgave\s+away|affairs\s+in\s+order|goodbyes?\b|\bsav\w*\s+(?:up\s+)?"
        r"(?:my\s+)?(?:pills|tablets)|stockpiling|looked\s+up|looking\s+up|researching|bought\s+a\s+rope",
        re.I,
    ),
}
# A cramp that "paralyses", makes the body "convulse" or "you can't breathe" is most often the
# cramp's pain: ask before escalating.
CRAMP_CONTEXT = re.compile(
    r"\b(?:cramp\w*|charley\s+horse\w*|charlie\s+horse\w*|spasm\w*|lock(?:s|ed|ing)?\s+up|seiz(?:e|es|ed|ing)\s+up)\b", re.I
)
CRAMP_FIGURATIVE = {"seizure", "paralysis", "difficulty_breathing"}
# A sign said to be the person's usual, from a known condition ("a bit out of breath on the stairs from
# my asthma, normal for me"): maybe nothing new, maybe a sign; asked about, never guessed either way.
BASELINE_SIGNS = {"difficulty_breathing", "irregular_heartbeat", "chest_pain"}
BASELINE = re.compile(
    r"\b(?:normal for (?:me|him|her)|usual for (?:me|him|her)|as usual|same as always|nothing new|(?:i'?ve|ive|i have|"
    r"he'?s|she'?s) always|always (?:had|have|get|do|been)|for years|my (?:asthma|copd|inhaler)|from (?:the|my) asthma)\b",
    re.I,
)


def _measured(doc: Any, i: int) -> bool:
    """The heart at token `i` is what a device or someone else reports, in the words just before it in
    its sentence ("my apple watch says my heart rate is normal", "the doctor said my heart was fine")."""
    for tok in reversed(doc[max(0, i - 6) : i]):
        if tok.text in {".", "!", "?", ";"}:
            return False
        # "like I said, my heart is fine": the person's own word
        if tok.lower_ in MEASURED_BY and not (tok.i and doc[tok.i - 1].lower_ in {"i", "i've", "ive"}):
            return True
    return False


# Many pills taken at once ("took a load of my tablets an hour ago", "swallowed a whole packet of paracetamol"):
# maybe an overdose, maybe not; the check on thoughts of self-harm is asked (the policy: when unsure, ask).
MANY_PILLS = re.compile(
    r"\b(?:took|taken|swallowed|downed|necked)\s+(?:a\s+load|loads|a\s+lot|lots|a\s+handful|handfuls|a\s+bunch|a\s+pile|"
    r"too\s+many|(?:a|the)\s+whole\s+(?:box|packet|pack|bottle|strip|lot)|a\s+(?:box|packet|bottle|pack)|\d{2,}|twenty|thirty|"
    r"forty|fifty)\s+(?:of\s+)?(?:my\s+|the\s+|his\s+|her\s+|their\s+|those\s+|these\s+)?(?:sleeping\s+)?"
    r"(?:pills|tablets|meds|paracetamol|painkillers|capsules|co-codamol|ibuprofen)\b",
    re.I,
)

# A letter written three or more times in a row: a word stretched for effect ("hiii", "sooo").
ELONGATED = re.compile(r"([a-z])\1{2,}")

# Patterns the lexicon's fixed phrases cannot express.
HEART = {"heart", "heartbeat", "heartbeats", "pulse"}
HEART_IRREGULAR = {
    "skip", "skips", "skipping", "skipped", "flutter", "flutters", "fluttering", "fluttered", "flip",
    "flips", "flipping", "flipped", "irregular", "missing", "misses", "missed", "jumping", "jumps",
    "pounding", "pounds", "thumping", "stutters", "stuttering", "erratic",
}  # fmt: skip
HEART_FAST = {"racing", "races", "raced", "fast", "speeding"}
HEART_NORMAL = {"normal", "fine", "steady", "regular", "ok", "okay"}
HEART_RATE = {"rate", "bpm"}  # "heart rate is normal": how fast, which says nothing of skipped beats
# A heart said to be normal by a device or by someone else ("my watch says my heart rate is normal", "the
# cardiologist said my heart is fine"): a reading or a past opinion, not the person saying the beats they feel
# have stopped (round 20 c27: taken for a correction, it lowered an urgent level on pushback)
MEASURED_BY = {
    "watch", "monitor", "ecg", "ekg", "fitbit", "app", "machine", "tracker", "oximeter", "smartwatch", "reading",
    "says", "said", "shows", "showed", "reckons", "according",
}  # fmt: skip
_NUMBER = numbers.number_pattern(numbers.words_up_to(10))  # hours of sleep in a night
_ROUGHLY = (  # "sleep roughly 7h", "slept a solid 8 hours"
    r"(?:(?:only|about|like|maybe|around|roughly|approx(?:imately)?|usually|normally|probably|just|at most|a good|a solid)\s+)*"
)
# how the sleep is going, said between the sleep and its hours: "sleeping better now too, like 7 hrs" (round 35 c15:
# "Noted for your summary: poor sleep")
_HOW_WELL = r"(?:(?:better|worse|well|fine|ok|okay|alright|badly|now|too|again|lately|recently|mostly|at\s+night),?\s+)*"
SLEEP_HOURS = re.compile(
    rf"\b(?:(?:sleep(?:ing)?|slept)\s+(?:is\s+|was\s+)?{_HOW_WELL}(?:for\s+)?{_ROUGHLY}{_NUMBER}\s*(?:hours?|hrs?|h)\b|"
    rf"{_NUMBER}\s*(?:hours?|hrs?|h)\s+(?:of\s+)?sleep\b)",
    re.I,
)
# Training told as a volume: "I run 50km/week", "cycle 120 miles a week", "ran a 15k", "gym 5 days a week". Numbers
# are exact, so a rule reads them: a distance of running, swimming or rowing from `TRAINING_KM` a week (a third of
# it on a bike), or from `SESSION_KM` a day or a session; or training on `TRAINING_DAYS` days a week or more
_SPORT = (
    r"(?P<sport>run|runs|ran|running|jog|jogs|jogged|jogging|swim|swims|swam|swimming|row|rows|rowed|rowing|"
    r"cycle|cycles|cycled|cycling|bike|bikes|biked|biking|ride|rides|rode|riding)"
)
_DISTANCE = numbers.number_pattern(numbers.NUMBER_WORDS).replace("(", "(?P<n>", 1)
TRAINING_DISTANCE = re.compile(
    rf"\b{_SPORT}\b(?:\s+(?:a|an|about|around|like|maybe|roughly|over|at least|up to|the|my))*\s+{_DISTANCE}\s*"
    r"(?P<unit>km|kms|k|kilometres|kilometers|miles?|mi)\b"
    r"(?:\s*(?:a|per|/|each|every)\s*(?P<per>week|wk|day)\b|\s+(?P<often>weekly|daily)\b)?",
    re.I,
)
TRAINING_DAYS_A_WEEK = re.compile(
    r"\b(?:train|training|work out|workout|working out|gym|run|running|lift|lifting|exercise|exercising|swim|cycle)\b"
    rf"(?:\s+\w+){{0,2}}?\s+{numbers.number_pattern(numbers.words_up_to(7))}\s*(?:days|times|x|sessions)\s*"
    r"(?:a|per|/|each|every)\s*week\b",
    re.I,
)
TRAINING_KM, SESSION_KM, TRAINING_DAYS = 20.0, 8.0, 4
_BIKES = ("cycl", "bik", "ride", "rid", "rode")
LATE_NIGHTS = re.compile(
    r"\b(?:up|awake|stay(?:ing|ed)?\s+up)\s+(?:till|until|to|past)\s+(?:[1-6]|"
    + "|".join(numbers.words_up_to(6))
    + r")\s*(?:am|a\.m\.)?\b",
    re.I,
)


class Extractor:
    def __init__(self, nlp: Any):
        self.nlp = nlp
        lookups = nlp.vocab.lookups
        self.known = lookups.get_table(KNOWN_WORDS_TABLE)
        self.by_length: dict[int, list[str]] = {}
        for word in self._lexicon_words(nlp):
            self.by_length.setdefault(len(word), []).append(word)
        # words the lexicon has only inside longer phrases ("pressure" in "blood pressure", "under pressure")
        alone = {p["pattern"] for p in nlp.get_pipe("span_ruler").patterns if isinstance(p["pattern"], str)}
        self.only_in_phrases = {w for phrase in alone if " " in phrase for w in phrase.split()} - alone
        # one-word body parts, to find inside a symptom's phrase ("my legs feel heavy")
        self.parts = {
            p["pattern"]: value
            for p in nlp.get_pipe("span_ruler").patterns
            if isinstance(p["pattern"], str) and " " not in p["pattern"] and (value := _body_part(p["label"]))
        }
        self._correct = lru_cache(maxsize=4096)(self._correct_uncached)

    @staticmethod
    def _lexicon_words(nlp: Any) -> list[str]:
        ruler = nlp.get_pipe("span_ruler")
        words: set[str] = set()
        for pattern in ruler.patterns:
            if isinstance(pattern["pattern"], str):
                words.update(w for w in pattern["pattern"].split() if w.isalpha())
        return sorted(words)

    # -- misspellings ---------------------------------------------------------------
    def _correct_uncached(self, word: str) -> str | None:
        stretched = ELONGATED.sub(r"\1", word)
        if stretched != word:  # "hiii", "weeeak": a word stretched for effect is that word, not a typo of another
            return stretched if stretched in self.known or len(stretched) < 4 else self._correct_uncached(stretched) or stretched
        if len(word) < 4 or not word.isalpha() or word in self.known:
            return None
        limit = max_edits(word)
        # people rarely mistype a word's first letter: "peepy" is not a typo of "weepy"
        lengths = range(len(word) - limit, len(word) + limit + 1)
        candidates = (c for length in lengths for c in self.by_length.get(length, ()) if c[0] == word[0])
        return closest(word, candidates, limit)

    def _doc(self, text: str, doc: Any = None, protect: Iterable[tuple[int, int]] = ()) -> Any:
        lowered = text.lower()
        if doc is None or doc.text != lowered:
            doc = self.nlp(lowered if len(lowered) == len(text) else text)
        covered = {i for span in doc.spans.get(SPANS_KEY, []) for i in range(span.start, span.end)}
        # a duration's words are never corrected: "2 wekks" is two weeks, not weakness
        kept = {t.i for t in doc for start, end in protect if start <= t.idx < end}
        fixes = {t.i: fix for t in doc if t.i not in covered | kept and (fix := self._correct(t.text))}
        if not fixes:
            return doc
        from spacy.tokens import Doc

        words = [fixes.get(t.i, t.text) for t in doc]
        fixed = Doc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
        for _, proc in self.nlp.pipeline:
            fixed = proc(fixed)
        # keep the original characters: spans are re-anchored on the original doc's tokens
        spans = [doc[s.start : s.end] for s in fixed.spans.get(SPANS_KEY, [])]
        labels = [s.label_ for s in fixed.spans.get(SPANS_KEY, [])]
        doc.spans[SPANS_KEY] = [doc.char_span(s.start_char, s.end_char, label=lab) for s, lab in zip(spans, labels, strict=True)]
        return doc

    # -- extraction -----------------------------------------------------------------
    def extract(self, text: str, doc: Any = None, extra: Iterable[dict[str, Any]] = ()) -> list[dict[str, Any]]:
        """Contract entities of `text`. `extra` entities (another extractor's) get roles too."""
        durations = find_durations(text)
        doc = self._doc(text, doc, [(d.start, d.end) for d in durations])
        found: list[Found] = []
        for span in doc.spans.get(SPANS_KEY, []):
            kind, value, denial = parse_label(span.label_)
            found.append(Found(kind, value, span.start_char, span.end_char, span.start, span.end, denial))
        found = self._heart(doc, found)
        found = self._signs(doc, found)
        found = [f for f in found if not self._not_a_fact(doc, f)]
        self._supplements(doc, found)
        _units_taken(text, found)
        for f in _told_by_phrase(text, doc):  # "waking up on the gym floor": the gym is still the gym, the floor a blackout
            if not any(g.kind == "symptom" and f.start < g.end and g.start < f.end for g in found):
                found.append(f)
        told = [*self._sleep(text, doc), *self._water(text, doc), *self._training(text, doc)]
        for f in [*told, *_denied_by_phrase(text, doc), *_many_pills(doc)]:
            if f.value == "self_harm":
                # "i never said anything about hurting myself": the words inside it tell no ache either
                found = [g for g in found if not (f.start < g.end and g.start < f.end)]
            if not any(f.start < g.end and g.start < f.end for g in found):
                found.append(f)
        self._small_amounts(text, found)
        found += _no_medicines(text, doc, found)
        taken = [(f.start, f.end) for f in found]
        for d in durations:
            if any(d.start < e and s < d.end for s, e in taken):
                continue
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is not None:
                found.append(
                    Found("duration", str(d.days), d.start, d.end, span.start, span.end, corrects=d.corrects, at_least=d.at_least)
                )
        taken = [(f.start, f.end) for f in found]
        for entity in extra:
            start, end = entity.get("start"), entity.get("end")
            if not isinstance(start, int) or not isinstance(end, int) or any(start < e and s < end for s, e in taken):
                continue
            kind, value = str(entity.get("entity")), str(entity.get("value"))
            if kind == "duration" or not valid(kind, value):
                continue  # durations are parsed by rule; other values must be contract ids
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or all(t.is_stop or t.is_punct for t in span):
                continue  # "back" in "came back", "down" in "sit down": DIET's guesses on common words
            if len(span) == 1 and span.text.lower() in self.only_in_phrases:
                continue  # "pressure" in "my blood pressure": the rules read the phrase and found no such fact
            other = Found(kind, value, start, end, span.start, span.end, extractor=entity.get("extractor", "DIETClassifier"))
            if not self._not_a_fact(doc, other):
                found.append(other)
        found += self._coordinated(doc, found)
        found += self._parts_in_symptoms(doc, found)
        found.sort(key=lambda f: f.start)
        found = [f for f in found if not _said_of_a_thing(doc, f, found) and not _pain_of_another_sign(doc, f, found)]
        found = self._complaint_durations(doc, self._without_habit_durations(doc, _without_event_durations(doc.text, found)))
        found = [f for f in found if not _drink_not_taken(text, f)]  # after the habits: "dropped my coffee cup twice this week"
        found = [f for f in found if not _done_to_someone(doc, f) and not _drinking_for_thirst(doc, f)]
        found += self._lasting_fear(text, found)
        found += _sudden_by_time(text, doc, found)
        found += [  # hot yoga is hard exercise as well as a sweat
            Found("lifestyle_factor", "intense_exercise", f.start, f.end, f.tok_start, f.tok_end, f.denial_phrase)
            for f in found
            if f.kind == "lifestyle_factor" and f.value == "heavy_sweating" and EXERCISE_IN_HEAT.search(text[f.start : f.end])
        ]
        found += [  # adderall is a stimulant, and a prescribed medicine
            Found("medication", "other_medication", f.start, f.end, f.tok_start, f.tok_end, f.denial_phrase)
            for f in found
            if f.kind == "lifestyle_factor" and f.value == "stimulants" and PRESCRIBED_STIMULANT.search(text[f.start : f.end])
        ]
        found += self._children(text, doc, found)
        found += self._other_adult(text, doc, found)
        mine = people.writer_not_other(text) if not any(f.kind == "person" for f in found) else None
        if mine is not None and (span := doc.char_span(mine.start, mine.end, alignment_mode="expand")) is not None:
            # "its ME with the twitching, not my friend": no other adult has the symptoms (a denial)
            found.append(Found("person", "other_adult", mine.start, mine.end, span.start, span.end, denial_phrase=True))
        return self._with_roles(text, doc, found)

    @staticmethod
    def _children(text: str, doc: Any, found: list[Found]) -> list[Found]:
        """A parent writing about their child (bot/nlu/people.py): entity `person`, value `child`.

        The child must be the one with the symptom: a symptom follows the mention before the
        writer speaks of themselves again ("my son's eyelid twitches", "my son is 12. He has
        cramps"), not "my baby keeps me up and my eyelid twitches".
        """
        out = []
        for mention in people.children(text):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            # the writer speaking of themselves ends the child's part; "he showed me his leg" does not
            stop = next((t.idx for t in doc[span.end :] if t.lower_ in FIRST_PERSON_WORDS - {"me"}), len(text))
            past = people.others_past(text)  # "my daughter had a seizure years ago. now my own eye twitches": not hers now
            bodily = [  # not "drive me crazy"
                f
                for f in found
                if f.kind == "symptom" and f.value not in NOT_OF_THE_BODY and not any(s <= f.start < e for s, e in past)
            ]
            before = doc[max(0, span.start - 2) : span.start]
            if any(f.start < mention.start for f in bodily) and {t.lower_ for t in before} & _DOING_FOR:
                continue  # "i hurt my back helping my daughter move house": the writer's, the child only helped
            if any(mention.end <= f.start and f.end <= stop for f in bodily):
                out.append(Found("person", "child", mention.start, mention.end, span.start, span.end))
        adult = people.adult_writer(text) if not out else None
        if adult is not None and (span := doc.char_span(adult.start, adult.end, alignment_mode="expand")) is not None:
            # "no its me twitching not the baby", "I'm 31": no child is the one with the symptoms (a denial)
            return [Found("person", "child", adult.start, adult.end, span.start, span.end, denial_phrase=True)]
        grown = people.adult_other(text) if not out else None
        if grown is not None and (span := doc.char_span(grown.start, grown.end, alignment_mode="expand")) is not None:
            # "shes 19 not 9!!": the one asked about is an adult, not a child (the latest word wins)
            return [
                Found("person", "child", grown.start, grown.end, span.start, span.end, denial_phrase=True),
                Found("person", "other_adult", grown.start, grown.end, span.start, span.end),
            ]
        young = people.young_writer(text) if not out and any(f.kind == "symptom" for f in found) else None
        if young is not None and (span := doc.char_span(young.start, young.end, alignment_mode="expand")) is not None:
            # "I'm 16 and my arm keeps twitching": the person with the symptom is a child, writing themselves
            out.append(Found("person", YOUNG_WRITER, young.start, young.end, span.start, span.end))
        return out

    def _coordinated(self, doc: Any, found: list[Found]) -> list[Found]:
        """A state said second after a shared verb ("i feel sick and confused", "been dizzy and disoriented"): read as
        if the verb were said again ("feel confused"), when that phrase is the lexicon's (round 28: confusion unheard
        beside too much water). Only the words after the "and", and only where nothing was read already."""
        out: list[Found] = []
        for match in _COORDINATED.finditer(doc.text):
            second = match.group("second")
            start, end = match.start("second"), match.end("second")
            if any(f.start < end and start < f.end for f in found):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            phrase = f"{match.group('verb')} {second}"
            said_again = self.nlp(phrase)
            for read in said_again.spans.get(SPANS_KEY, []):
                kind, value, denial = parse_label(read.label_)
                if kind == "symptom" and not denial and read.end_char == len(phrase) and read.start_char == 0 and span:
                    out.append(Found(kind, value, start, end, span.start, span.end))
        return out

    def _parts_in_symptoms(self, doc: Any, found: list[Found]) -> list[Found]:
        """The body part a symptom's own phrase names ("my legs feel heavy", "arm went dead"): where it is."""
        out: list[Found] = []
        for f in found:
            if f.kind != "symptom" or f.value not in PLACED or f.denial_phrase:
                continue  # "chest pain" names its place; "no weakness" none
            for token in doc[f.tok_start : f.tok_end]:
                value = self.parts.get(token.lower_)
                if value and not any(g.kind == "body_part" and g.tok_start <= token.i < g.tok_end for g in [*found, *out]):
                    out.append(Found("body_part", value, token.idx, token.idx + len(token), token.i, token.i + 1))
        return out

    @staticmethod
    def _other_adult(text: str, doc: Any, found: list[Found]) -> list[Found]:
        """An adult other than the writer has the symptoms (bot/nlu/people.py): entity `person`,
        value `other_adult`, once. Every symptom of the body said in the message must be theirs:
        the nearest owner before it is the adult named or "he", "she", "his", "her", "they", never
        the writer ("my mum has cramps and my eyelid twitches" is the writer's too), and the
        message is not about a child."""
        symptoms = [f for f in found if f.kind == "symptom" and f.value not in NOT_OF_THE_BODY]
        # "my wife is worried. about the twitching": what someone worries about is no sign of theirs (round 31 c29)
        symptoms = [f for f in symptoms if not WORRIED_ABOUT.search(text[: f.start])]
        if not symptoms or any(f.kind == "person" for f in found):
            return []
        named = people.other_adults(text)
        if not named:
            return []
        owners = [(m.start, "other") for m in named]
        owners += [(t.idx, "writer") for t in doc if t.lower_ in FIRST_PERSON_WORDS and not _names_an_adult(t.idx, named)]
        owners += [(t.idx, "other") for t in doc if t.lower_ in THIRD_PERSON_WORDS]
        # "my friend is doing the same challenge and shes totally fine. and the headache ...": someone said to be fine is
        # only compared with, never the one who has the symptoms (round 37 c10: "you are asking for someone else")
        if any(_SAID_FINE.match(text[m.end : m.end + 90]) for m in named):
            return []
        for symptom in symptoms:
            before = [(at, owner) for at, owner in owners if at < symptom.start]
            if not before or max(before)[1] != "other":
                return []
        first = named[0]
        span = doc.char_span(first.start, first.end, alignment_mode="expand")
        if span is None:
            return []
        return [Found("person", "other_adult", first.start, first.end, span.start, span.end)]

    @staticmethod
    def _lasting_fear(text: str, found: list[Found]) -> list[Found]:
        """Fear said in two or more ways ("scared", later "beside myself") is a lasting worry: anxiety
        as well as distress. One startled word ("I freaked out") or a disease's name is not."""
        distress = [f for f in found if f.kind == "symptom" and f.value == "distress"]
        feelings = [f for f in distress if not FEARED_DISEASE.search(text[f.start : f.end])]
        if len({text[f.start : f.end].lower() for f in feelings}) < 2 or any(f.value == "anxiety" for f in found):
            return []
        last = feelings[-1]
        return [Found("lifestyle_factor", "anxiety", last.start, last.end, last.tok_start, last.tok_end)]

    @staticmethod
    def _complaint_durations(doc: Any, found: list[Found]) -> list[Found]:
        """With several durations, the ones said in a sentence about the twitching (or cramps)
        count, else the ones in a sentence about any symptom: "twitching for ten years ... the
        dizziness lasted two days" is ten years. The last of them wins later (Evidence)."""
        durations = [f for f in found if f.kind == "duration"]
        if not durations:
            return found
        spans = clauses(doc.text)

        def clause_of(f: Found) -> int:
            return next((n for n, (start, end) in enumerate(spans) if start <= f.start < end), -1)

        if len(durations) == 1:
            # "twitchy fingers ... today ive had a banging headache since this morning": the one span said of another
            # symptom, in its clause, while the twitching is told in another clause, is that symptom's (round 40 c07:
            # "Duration: less than a day" in the summary)
            at = clause_of(durations[0])
            symptoms = [f for f in found if f.kind == "symptom" and f.value not in NOT_OF_THE_BODY]
            here = [f for f in symptoms if clause_of(f) == at]
            moving = [f for f in symptoms if f.value in MOVEMENT_SYMPTOMS]
            if here and moving and not any(f.value in MOVEMENT_SYMPTOMS for f in here):
                return [f for f in found if f.kind != "duration"]
            # "for the past 2 months I've been taking 4 of the 50,000 IU capsules a day ... my legs twitch at night": how
            # long something was taken, in a clause of its own (round 40 c09: "twitching over 14 days" heard)
            # ... or a medicine named in the span's clause with no symptom ("on prednisolone 10mg for my arthritis for 4
            # months. lately twitching in my shoulders", round 42 c19: the summary said 3 months of twitching)
            start, end = spans[at] if 0 <= at < len(spans) else (0, 0)
            medicine = any(f.kind == "medication" and clause_of(f) == at for f in found)
            if not here and moving and (medicine or _TAKEN_FOR_A_SPAN.search(doc.text[start:end])):
                return [f for f in found if f.kind != "duration"]
            return found
        sentence_of = {i: n for n, (start, end) in enumerate(sentence_bounds([t.text for t in doc])) for i in range(start, end)}

        def sentence(f: Found) -> int:
            return sentence_of[f.tok_start]

        # the clause first: "a week" in "twitching for a week. had my thyroid out 3 weeks ago, and now
        # my fingers cramp" is the twitching's; "3 weeks ago" dates the operation. The twitching's own
        # sentence before another symptom's clause: "for about a month, my calves have been jumping ...
        # in the last couple of days I've been choking on drinks" is a month
        for values in (MOVEMENT_SYMPTOMS, None):
            for unit in (clause_of, sentence):
                said = {unit(f) for f in found if f.kind == "symptom" and (values is None or f.value in values)}
                attached = [d for d in durations if unit(d) in said]
                if attached:
                    return [f for f in found if f.kind != "duration" or f in attached]
        return found

    @staticmethod
    def _without_habit_durations(doc: Any, found: list[Found]) -> list[Found]:
        """ "vegan for 3 years", "on prednisone for 2 months": how long a habit lasted, not the twitching."""
        out = []
        for i, f in enumerate(found):
            if f.kind == "duration":
                before = [g for g in found[:i] if g.kind not in ("duration", "body_part")]
                if before and before[-1].kind in HABIT_TYPES and f.tok_start - before[-1].tok_end <= 4:
                    words = [t.text.lower() for t in doc[before[-1].tok_end : f.tok_start]]
                    # "4 coffees a day, been 5 days": a comma starts another clause, the twitching's, unless what follows
                    # it goes on about the habit ("vegan, for 3 years", "sertraline, been on it 2 years")
                    after = words[len(words) - words[::-1].index(",") :] if "," in words else []
                    comma = "," in words and after[:1] != ["for"] and not set(after) & _THE_HABIT_AGAIN
                    if not set(words) & CLAUSE_BREAKS and not comma and not _the_complaints(doc, found, before[-1], f):
                        continue
            out.append(f)
        return out

    @staticmethod
    def _small_amounts(text: str, found: list[Found]) -> None:
        """ "just one coffee", "two cups of tea": caffeine, but not too much of it (no evidence for excess)."""
        small_ones = []
        for f in found:
            caffeine = f.kind == "lifestyle_factor" and f.value == "caffeine" and not f.denial_phrase
            small = SMALL_AMOUNT.search(text[: f.start]) if caffeine else None
            if small and not AT_LEAST.search(text[: small.start()]):  # "more than 2 monsters" is not a small amount
                small_ones.append(f)
            elif caffeine and SMALL_AMOUNT_AFTER.search(text[f.end :]):
                small_ones.append(f)
        drinks = [
            f for f in found
            if f.kind == "lifestyle_factor" and f.value == "caffeine" and not f.denial_phrase
            and not NOT_MUCH.search(text[: f.start])
        ]  # fmt: skip
        strong = [
            f for f in drinks
            if STRONG_CAFFEINE.search(_with_next_word(text, f)) and not NOT_BEFORE.search(text[: f.start])
            and not (f in small_ones and SELDOM_AFTER.match(text[f.end :]))
        ]  # fmt: skip
        if strong:
            return  # "two energy drinks a day", "a pre-workout every morning": strong, whatever the count (not "one a week")
        if len(small_ones) == len(drinks) and not LARGE_AMOUNT.search(text):  # "3 cups a day + a monster" adds up
            for f in small_ones:
                f.denial_phrase = True

    @staticmethod
    def _training(text: str, doc: Any) -> list[Found]:
        """Hard training told as a volume ("I run 50km/week", "gym 5 days a week"): `TRAINING_DISTANCE`."""
        spans = []
        for m in TRAINING_DISTANCE.finditer(text):
            km = numbers.value(m.group("n")) * (1.6 if m.group("unit").lower().startswith("mi") else 1.0)
            km /= 3.0 if m.group("sport").lower().startswith(_BIKES) else 1.0
            weekly = (m.group("per") or "").lower() in ("week", "wk") or (m.group("often") or "").lower() == "weekly"
            if km >= (TRAINING_KM if weekly else SESSION_KM):
                spans.append((m.start(), m.end()))
        for m in TRAINING_DAYS_A_WEEK.finditer(text):
            if numbers.value(next(g for g in m.groups() if g)) >= TRAINING_DAYS:
                spans.append((m.start(), m.end()))
        out = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                out.append(Found("lifestyle_factor", "intense_exercise", start, end, span.start, span.end))
        return out

    @staticmethod
    def _water(text: str, doc: Any) -> list[Found]:
        """ "4 litres of water a day", "a gallon of water": more plain water than the body needs."""
        out = []
        found = list(WATER_AMOUNT.finditer(text))
        if not found and not OTHER_DRINKS.search(text):
            found = list(LITRES_ALONE.finditer(text))  # "actually 2.5L not 6"
        for m in found:
            litres = numbers.value(m.group("n")) if m.group("n") else 1.0
            if m.group("unit").lower().startswith("gallon"):
                litres *= 3.8
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or litres < 1.0:
                continue
            # less than that is no excess: "more like 2.5 litres of water, not 6" takes the excess back (round 33 c21)
            excess = litres >= EXCESSIVE_WATER_LITRES
            value = "excessive_water_intake"
            out.append(Found("lifestyle_factor", value, m.start(), m.end(), span.start, span.end, denial_phrase=not excess))
            if excess:
                break
        return out

    @staticmethod
    def _heart(doc: Any, found: list[Found]) -> list[Found]:
        """ "my heart keeps skipping", "heart is racing", "heart feels normal": the heart decides."""
        out = list(found)
        for tok in doc:
            if tok.text not in HEART:
                continue
            window = doc[tok.i + 1 : tok.i + 5]
            hit = next((w for w in window if w.text in HEART_IRREGULAR | HEART_FAST | HEART_NORMAL), None)
            if hit is None:
                continue
            span = doc[tok.i : hit.i + 1]
            if hit.text in HEART_NORMAL:
                if _measured(doc, tok.i):
                    out = [f for f in out if not (f.denial_phrase and f.tok_start < span.end and span.start < f.tok_end)]
                    continue
                value = "rapid_heart_rate" if any(w.lower_ in HEART_RATE for w in span) else "irregular_heartbeat"
                denial = True
            else:
                value, denial = ("rapid_heart_rate" if hit.text in HEART_FAST else "irregular_heartbeat"), False
            if any(f.kind == "symptom" and f.value == value and f.tok_start <= span.start and span.end <= f.tok_end for f in out):
                continue  # the lexicon already has this phrase
            out = [f for f in out if not (f.tok_start < span.end and span.start < f.tok_end)]
            out.append(Found("symptom", value, span.start_char, span.end_char, span.start, span.end, denial))
        return out

    @staticmethod
    def _not_a_fact(doc: Any, f: Found) -> bool:
        """ "as far back as" (not the body part), "a muscle-wasting disease" (a disease, not a sign)."""
        before = doc[f.tok_start - 1].text.lower() if f.tok_start > 0 else ""
        after = doc[f.tok_end].text.lower() if f.tok_end < len(doc) else ""
        if f.kind == "medication" and f.value == "diuretic" and before in DESCRIBING:
            return True  # "the diet is fairly diuretic": a word for the diet, not a water pill
        counted = before in numbers.NUMBER_WORDS or before.isdigit()
        if f.kind == "body_part" and f.value == "foot" and counted and after in DISTANCE:
            return True  # "ten feet away": a length
        if f.kind in ("symptom", "body_part") and f.value in ("cramps", "abdomen") and _gut_complaint(doc, f):
            return True  # "stomach cramps", "a stomach bug": the gut, not its muscles
        if f.kind == "symptom" and f.value == "distress" and _someone_else(doc, f):
            return not FEARED_DISEASE.search(doc[f.tok_start : f.tok_end].text)  # "my husband freaked out": his fear
        if f.kind == "symptom" and f.value == "fatigue" and doc[f.tok_end - 1].lower_ == "energy" and after in DRINK_WORDS:
            return True  # "no energy drinks": the drink, not a lack of energy
        if f.kind == "symptom" and f.value == "fatigue" and after == "of" and doc[f.tok_end - 1].lower_ in ("tired", "tierd"):
            return True  # "just tired of being scared all the time": fed up, not worn out
        if f.kind == "symptom" and f.value == "tremor" and after in ACTION_OBJECTS:
            return True  # "I tried to shake my foot": something done, not a tremor
        if f.kind == "symptom" and f.value == "muscle_aches" and doc[f.tok_start : f.tok_end].text.lower() == "stiff":
            return before in FEELING_STIFF  # "scared stiff", "bored stiff": a feeling, not stiff muscles (round 23 c12)
        if f.kind == "body_part" and f.value == "back" and doc[f.tok_start : f.tok_end].text.lower() == "back":
            return before not in BACK_OWNERS and not (before == "in" or before == "of")  # "pain in back"
        if f.kind == "lifestyle_factor" and f.value == "pregnancy" and _said_of_pregnancy_in_general(doc, f):
            return True  # "this happens a lot to pregnant women", "common in pregnancy": nobody's pregnancy here
        return f.kind == "symptom" and f.value != "distress" and after in DISEASE_WORDS

    @staticmethod
    def _signs(doc: Any, found: list[Found]) -> list[Found]:
        """Warning signs by meaning: an anchor word and a describing word in one clause."""
        out = list(found)
        cramps = any(f.kind == "symptom" and f.value in ("cramps", "tetany") for f in found)
        for tok in doc:
            for anchors, describing, value in SIGNS_BY_MEANING:
                if tok.text not in anchors or (value == "muscle_aches" and cramps):
                    continue  # in a message about cramps, the pain in a limb is the cramp's
                start, end = tok.i, tok.i + 1
                for step in (-1, 1):  # look both ways, up to four words, not past the clause
                    i = tok.i + step
                    while 0 <= i < len(doc) and abs(i - tok.i) <= 4 and doc[i].text not in SIGN_CLAUSE_END:
                        if doc[i].text in describing:
                            start, end = min(start, i), max(end, i + 1)
                        i += step
                if end - start == 1:
                    continue
                span = doc[start:end]
                overlapping = [f for f in out if f.tok_start < span.end and span.start < f.tok_end]
                if any(f.kind == "symptom" and f.value == value for f in overlapping):
                    continue  # the lexicon found it already
                out = [f for f in out if f not in overlapping or f.kind != "symptom"]  # "my face droops": the face stays
                # "my chest doesn't feel tight": the denial is inside the span
                denied_inside = any(t.text in NEGATION_CUES for t in span)
                out.append(Found("symptom", value, span.start_char, span.end_char, span.start, span.end, denied_inside))
        return out

    @staticmethod
    def _sleep(text: str, doc: Any) -> list[Found]:
        """ "3 hours sleep", "sleeping about 5 hours" (too little), "8 hours of sleep" (fine), "up till 4am"."""
        out = []
        for m in SLEEP_HOURS.finditer(text):
            number = next(g for g in m.groups() if g)
            hours = numbers.value(number)
            if 6 < hours < 7:  # 6 hours is short of the 7 most adults need; "6.5" says neither
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                out.append(
                    Found("lifestyle_factor", "poor_sleep", m.start(), m.end(), span.start, span.end, denial_phrase=hours >= 7)
                )
        for m in LATE_NIGHTS.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                out.append(Found("lifestyle_factor", "poor_sleep", m.start(), m.end(), span.start, span.end))
        return out

    @staticmethod
    def _supplements(doc: Any, found: list[Found]) -> None:
        """A nutrient the user takes is a supplement; a supplement they ask about is a nutrient. Each
        sentence on its own: "I've been taking 50000 IU capsules daily. How much should I take?"
        tells of a supplement, then asks."""
        tokens = [t.text for t in doc]
        asking: set[int] = set()
        for start, end in sentence_bounds(tokens):
            said = tokens[start:end]
            opens = said[1:2] if said[:1] == ["and"] else said[:1]  # "... and is it ok to take magnesium"
            if said and (any(w.endswith("?") for w in said) or opens and opens[0].lower() in QUESTION_START):
                asking.update(range(start, end))
        for f in found:
            question = f.tok_start in asking
            if question and f.kind == "medication" and f.value in NUTRIENT_OF:
                f.kind, f.value = "nutrient", NUTRIENT_OF[f.value]
            elif not question and f.kind == "nutrient" and f.value in SUPPLEMENT_OF:
                before = [t.text for t in doc[max(0, f.tok_start - 5) : f.tok_start]]
                clause = before[max((i + 1 for i, w in enumerate(before) if w in {".", ",", "but", ";"}), default=0) :]
                after = {t.text for t in doc[f.tok_end : f.tok_end + 2]}
                if set(clause) & (TAKING | DOSE_WORDS) or after & {"supplement", "supplements", "tablets", "pills", "capsules"}:
                    f.kind, f.value = "medication", SUPPLEMENT_OF[f.value]

    @staticmethod
    def _with_roles(text: str, doc: Any, found: list[Found]) -> list[dict[str, Any]]:
        tokens = [t.text for t in doc]
        roled = [f for f in found if f.kind not in NO_ROLE_TYPES]
        mentions = [Mention(f.tok_start, f.tok_end) for f in roled]
        skip = frozenset(i for f in found if f.kind in NO_ROLE_TYPES for i in range(f.tok_start, f.tok_end))
        negated = denied(tokens, mentions, skip)
        asked = hypothetical(tokens, mentions)
        general = said_of_anyone(tokens, mentions)  # a habit named as a cause in anyone tells of no habit
        asked = [a or g and f.kind == "lifestyle_factor" for a, g, f in zip(asked, general, roled, strict=True)]
        roles: dict[int, str | None] = {}
        long_ago = people.long_ago(text)
        for f, neg, hyp in zip(roled, negated, asked, strict=True):
            if f.denial_phrase:
                # "I don't sleep well" is poor sleep; "no chest pain, breathing fine" is not a denied denial
                before = range(max(0, f.tok_start - 2), f.tok_start)
                # a cue in the clause before only ("little or none, matcha sometimes" does not deny the small amount)
                cut = max((i + 1 for i in before if tokens[i] in {",", ".", ";", ":", "!", "?"}), default=before.start)
                neg = any(is_cue(tokens, i) for i in range(cut, f.tok_start))
                if f.kind == "lifestyle_factor" and in_asking_clause(tokens, Mention(f.tok_start, f.tok_end)):
                    hyp = True  # "should I quit coffee?", "can I sleep well with this?": asked, nothing told
            if f.denial_phrase and NEVER_SAID_TOPIC.fullmatch(text[f.start : f.end]):
                hyp = False  # "why did you say water?": taken back, not asked about
            taken_back = retracted(tokens, Mention(f.tok_start, f.tok_end))
            taken_back = taken_back or f.kind == "symptom" and explained_away(text, f.value, f.end)
            # "i meant i wanted to die of embarrassment lol": a death wish said as a figure of a feeling, no thought of
            # self-harm (round 42 c26: the crisis answer again after the person explained)
            of_a_feeling = (f.kind, f.value) == ("symptom", "self_harm") and bool(DIE_OF_A_FEELING.match(text[f.end :]))
            taken_back = taken_back or of_a_feeling
            absent = neg != f.denial_phrase or taken_back
            if taken_back and not f.denial_phrase:
                hyp = False  # "why did you say poor sleep?": disputed, so denied, not merely asked about
            if absent and not f.denial_phrase and f.kind == "symptom" and resolved(tokens, Mention(f.tok_start, f.tok_end)):
                absent = False  # "no chest pain anymore": it was there
            if (f.kind, f.value) == ("lifestyle_factor", "anxiety") and in_asking_clause(tokens, Mention(f.tok_start, f.tok_end)):
                hyp = True  # "should I be worried?" asks whether to worry; it tells of no anxious person
            if hyp and f.kind == "lifestyle_factor" and habit_in_if_clause(tokens, Mention(f.tok_start, f.tok_end)):
                hyp = False
            if f.kind == "lifestyle_factor" and not absent and _AS_A_PICTURE.search(text[max(0, f.start - 30) : f.start]):
                hyp = True  # "sore like after the gym", "aches like i ran a marathon": a picture, no training told (r36 c04)
            if (f.kind == "lifestyle_factor" or (f.kind, f.value) == ("symptom", "fatigue")) and not absent and guessed(
                tokens, Mention(f.tok_start, f.tok_end)
            ):
                # "probably just jet lag and dehydration?", "probably just tired?": a cause wondered about, no habit or
                # tiredness told (round 41: "Noted for your summary: fatigue"); never a warning sign, which is checked
                hyp = True
            if (f.kind, f.value) == ("lifestyle_factor", "high_latitude") and not absent and _place_not_home(text, f):
                hyp = True  # "whats the weather like in london tomorrow": a place named, not where they live (round 42 c17)
            if f.kind == "medication" and not absent and _asks_to_take(tokens, f):
                hyp = True  # "should i give him an aspirin while we wait?", "can I take ibuprofen?": not taken yet
            if f.kind in HYPOTHETICAL_TYPES and _NEVER_RAISED.search(text[max(0, f.start - 60) : f.start]):
                # "i never said anything about coffee? i drink like 4 a day": the topic was never raised, which tells
                # nothing of it either way (round 40 c28: "Denied: heavy caffeine use" in the summary)
                hyp, absent = True, False
            if f.kind == "symptom" and not absent and _echoed_alone(text, f):
                hyp = True  # "PARALYSIS?? I can move everything fine!!": the assistant's word said back, not a sign told
            if f.kind == "symptom" and f.value in OWN_COMPLAINTS and not absent:
                # the complaint itself is the writer's, even in a question: people ask this assistant
                # about the twitching they have ("what if it spreads?", "can magnesium stop twitching?"); not cramps
                # asked about in general beside another complaint ("also, is it true bananas stop cramps?", round 42 c30)
                hyp = f.value != "twitching" and _remedy_asked(tokens, Mention(f.tok_start, f.tok_end))
            if hyp and f.kind in HYPOTHETICAL_TYPES and (f.kind, f.value) not in NEVER_HYPOTHETICAL:
                roles[id(f)] = ROLE_HYPOTHETICAL
            elif absent and f.kind != "duration":
                roles[id(f)] = ROLE_ABSENT
            elif f.kind == "duration" and f.corrects:
                roles[id(f)] = ROLE_CORRECTED
            elif f.kind == "symptom" and _figurative(text, f):
                roles[id(f)] = ROLE_UNSURE
            elif f.kind == "symptom" and f.value in ASKED_IF_PAST and any(s <= f.start < e for s, e in long_ago):
                roles[id(f)] = ROLE_UNSURE  # "i fainted once at school when i was 14": asked whether it is now, not acted on
            elif f.kind == "lifestyle_factor" and _given_up(tokens, f):
                roles[id(f)] = ROLE_ABSENT  # "I already cut the coffee", "stopped the energy drinks"
            elif f.kind == "medication" and people.ANOTHERS.match(text[f.end : f.end + 50]):
                roles[id(f)] = ROLE_ABSENT  # "the diuretic is my mum's, I don't take anything": not the writer's
        for f in found:
            if f.kind == "person" and f.denial_phrase:
                roles[id(f)] = ROLE_ABSENT  # "it's me, not the baby", "I'm 31": no child has the symptoms
        kept = [f for f in found if not (f.kind == "body_part" and _not_where(tokens, f, found, roles))]
        kept = [
            f for f in kept
            if not (roles.get(id(f)) == ROLE_ABSENT and f.value in OWN_COMPLAINTS and _not_what_was_meant(tokens, f))
        ]  # fmt: skip
        kept = [f for f in kept if not (f.kind == "lifestyle_factor" and _names_a_thing(tokens, f))]
        entities = [f.as_entity(text, roles.get(id(f))) for f in kept]
        for f, entity in zip(kept, entities, strict=True):
            if f.kind == "duration" and f.at_least:
                entity[LOWER_BOUND] = True  # "over 2 weeks": a lower bound (bot/evidence.py)
            if f.value == PREGNANCY and f.tok_end < len(tokens) and tokens[f.tok_end].lower() in PREGNANCY_THINGS:
                entity[NAMES_A_THING] = True  # "my pregnancy multivitamin still": a supplement's name (bot/evidence.py)
        if any(f.kind == "body_part" and f.value == "chest" for f in kept) and "chest_pain" not in {f.value for f in kept}:
            # "no pain, just the twitching in my chest": a pain denied where the chest is named is no chest pain
            # (sealed set 29's class lines, counts only: a correction down kept the emergency)
            entities += [
                {**e, "value": "chest_pain"} for f, e in zip(kept, entities, strict=True)
                if f.value == "muscle_aches" and e.get("role") == ROLE_ABSENT and str(e.get("text") or "").lower() in _BARE_PAIN
            ]  # fmt: skip
        medicines = [f for f in kept if f.value in UNCOVERED_MEDICINES and roles.get(id(f)) is None]
        symptoms = [f for f in kept if f.kind == "symptom" and roles.get(id(f)) is None]
        if (m := next((f for f in medicines if _linked(tokens, f, symptoms)), None)) is not None:
            # "since I started atorvastatin my thighs twitch", "could my sertraline be doing it?": the user
            # links a medicine the documents do not cover to the twitching (the policy's doctor row)
            entities.append(Found("onset", AFTER_MEDICINE, m.start, m.end, m.tok_start, m.tok_end).as_entity(text, None))
        return entities


# "I meant the crying, not the twitching": what the person was talking about, said by contrast; no denial of the
# twitching (round 21 c22: "Thanks, I've changed that: you don't have twitching" to a mother after a crisis answer).
# Of the complaint itself only: "I meant a twitch in my chest, not chest pain" takes the chest pain back.
_MEANT = {"meant", "mean", "talking", "asking", "referring", "asked", "talked", "on"}
_MEANT_OBJECT = {"about", "to"}


# a verb shared by two states: "feel sick and confused", "been dizzy, confused", "getting weak and muddled"
_COORDINATED = re.compile(
    r"\b(?P<verb>feel|feels|feeling|felt|been|get|gets|getting|got|very)\s+[a-z']+(?:\s+[a-z']+)?\s*(?:,|\band\b|&|\bn\b)\s*"
    r"(?:very\s+|really\s+|a\s+bit\s+|kind\s+of\s+|kinda\s+|so\s+)?(?P<second>[a-z']+)\b"
    r"(?!\s+(?:about|by|why|what|how|as|with|on|over|at|that|if|whether)\b)"  # "confused about the dose": puzzled
)


WORRIED_ABOUT = re.compile(
    r"\b(?:worried|worries|worry|worrying|anxious|nervous|scared|concerned|fussing|going\s+on)\b[\s.,!]*(?:about|over|by)\s+"
    r"(?:the|my|this|that|these|all\s+the)?\s*$",
    re.IGNORECASE,
)


def _the_complaints(doc: Any, found: list[Found], habit: Found, span: Found) -> bool:
    """A span right after a habit's word that still tells how long the twitching lasted: the twitching said just
    before the habit in the same clause ("been twitching after workouts for like 10 days"), or right after the span
    ("living in Scotland, for about 10 days my fingers twitch") (round 30 c21, c30: asked how long after "10 days")."""
    def unbroken(start: int, end: int, breaks: set[str]) -> bool:
        return end - start <= COMPLAINT_REACH and not {t.text.lower() for t in doc[start:end]} & breaks

    complaints = [g for g in found if g.kind == "symptom" and g.value in MOVEMENT_SYMPTOMS and not g.denial_phrase]
    before = any(g.tok_end <= habit.tok_start and unbroken(g.tok_end, habit.tok_start, CLAUSE_BREAKS | {","}) for g in complaints)
    leads_on = span.tok_end < len(doc) and doc[span.tok_end].text.lower() not in CLAUSE_BREAKS | {","}  # no "and" first
    after = leads_on and any(
        g.tok_start >= span.tok_end and unbroken(span.tok_end, g.tok_start, CLAUSE_BREAKS - {"and"} | {","}) for g in complaints
    )
    return before or after


COMPLAINT_REACH = 5  # tokens between the twitching and the habit's word, or the span and the twitching


def _not_what_was_meant(tokens: list[str], f: Found) -> bool:
    start, _ = next(((s, e) for s, e in sentence_bounds(tokens) if s <= f.tok_start < e), (0, len(tokens)))
    words = [t.lower() for t in tokens[start : f.tok_start]]
    contrast = words[-2:] == ["not", "the"] or words[-3:] == ["not", "about", "the"] or words[-1:] == ["not"]
    meant = any(w == "meant" or w in _MEANT and i + 1 < len(words) and words[i + 1] in _MEANT_OBJECT for i, w in enumerate(words))
    return contrast and meant


# After the adult named, in the same sentence: they are said to be well ("... and shes totally fine", "who is fine")
_SAID_FINE = re.compile(
    r"[^.!?\n]*?\b(?:she|he|they|who)(?:'s|s|\s+is|\s+are|'re|\s+was|\s+seems?)\s+(?:totally\s+|completely\s+|perfectly\s+|"
    r"absolutely\s+|just\s+)?(?:fine|ok|okay|alright|all\s+right|good|well|great)\b",
    re.IGNORECASE,
)
UNCOVERED_MEDICINES = ("statin", "other_medication")
AFTER_MEDICINE = "after_medicine"  # the onset value of twitching the user ties to a medicine
# Words that tie a medicine to the twitching, in its sentence or the next ("...since then my calves jump").
_LINKS = {
    "since", "after", "started", "starting", "start", "began", "begun", "new", "switched", "increased", "upped",
    "cause", "causes", "caused", "causing", "because", "due", "blame", "reaction", "effect", "effects", "related",
    "linked", "connected", "could", "might", "maybe", "suspect", "think", "wonder", "wondering",
}  # fmt: skip
# ...and words that untie it: "on sertraline 2 years, no issues"
_UNLINKS = {"issues", "issue", "problems", "problem", "fine"}
# Words of a medicine taken for a symptom: "a headache that paracetamol hasn't touched", "ibuprofen for
# the ache" (the symptom is what it treats, not what it may cause).
_TREATS = {
    "for", "touched", "touch", "helped", "helping", "helps", "help", "worked", "working", "works", "relief", "shift", "shifted",
    # "a pounding headache that paracetamol isn't touching" (round 35 c07: read as a start after a medicine)
    "touching", "shifting", "easing", "eased", "ease", "eases", "relieve", "relieved", "relieving", "dulls", "dulled",
}  # fmt: skip


_TAKING = {"take", "give", "try", "use", "start", "have", "get", "buy", "pop"}
_ASKING_TO = {"should", "can", "could", "may", "shall", "do", "would", "safe", "ok", "okay", "alright", "fine"}
_SOME = {"a", "an", "some", "any", "him", "her", "them", "me", "he", "she", "they", "i", "it", "ok", "to"}


_REMEDY_WORDS = frozenset({"help", "helps", "stop", "stops", "prevent", "prevents", "cure", "cures", "fix", "fixes", "ease",
                           "eases", "relieve", "relieves", "for", "against", "good"})
_OWNING = frozenset({"my", "i", "i'm", "im", "ive", "i've", "me", "his", "her", "their", "our"})


_LATITUDE_SAID = re.compile(r"latitude|winter|far\s+north|arctic|nordic|scandinavia", re.IGNORECASE)
_HOME_BEFORE = re.compile(
    r"\b(?:live|lives|living|lived|based|from|moved|move|grew\s+up|born|reside|stay|staying|here|home|native|winters?|"
    r"(?:i'?m|im|i\s+am|we'?re|we\s+are|work|working)\s+in)\b"
    r"[^.?!]{0,40}$",
    re.IGNORECASE,
)


def _place_not_home(text: str, f: Found) -> bool:
    """A place read as living far from the equator, with no word that it is where they live ("live in", "from",
    "moved to", "here in"): a place named for something else."""
    return not _LATITUDE_SAID.search(text[f.start : f.end]) and not _HOME_BEFORE.search(text[max(0, f.start - 45) : f.start])


def _remedy_asked(tokens: list[str], mention: Mention) -> bool:
    """The mention is what a remedy is asked to help with, in general ("is it true bananas stop cramps?", "does
    magnesium help with spasms"), with nobody's own complaint named in its sentence ("stop my cramps" is theirs)."""
    for s_start, s_end in sentence_bounds(tokens):
        if not s_start <= mention.start < s_end:
            continue
        sentence = [t.lower() for t in tokens[s_start:s_end]]
        before = [t.lower() for t in tokens[s_start : mention.start]]
        asked = sentence[-1].endswith("?") or bool(sentence) and sentence[0] in QUESTION_START
        return asked and bool(set(before[-4:]) & _REMEDY_WORDS) and not set(sentence) & _OWNING
    return False


def _asks_to_take(tokens: list[str], medicine: Found) -> bool:
    """The medicine is one the user asks whether to take or give, not one taken: "should i give him an
    aspirin?", "can I take ibuprofen for it?", "is it ok to try magnesium" (not "should I stop my statin?",
    "can my sertraline cause this?")."""
    before = [t.lower() for t in tokens[max(0, medicine.tok_start - 5) : medicine.tok_start]]
    # the words of its own sentence only: "i feel totally fine today. i take hydrochlorothiazide" asks nothing (round 37
    # c05: "fine" of the sentence before read as "is it fine to take", the diuretic dropped from the summary)
    ends = [i for i, t in enumerate(before) if t in (".", "!", "?", ";")]
    before = before[ends[-1] + 1 :] if ends else before
    verbs = [i for i, t in enumerate(before) if t in _TAKING]
    # "i do take bendroflumethiazide": "do" said for emphasis after its subject asks nothing
    asking = {t for k, t in enumerate(before[: verbs[-1]] if verbs else []) if not (t == "do" and before[k - 1 : k] == ["i"])}
    if not verbs or not asking & _ASKING_TO:
        return False
    between = before[verbs[-1] + 1 :]
    return all(t in _SOME for t in between)


def _linked(tokens: list[str], medicine: Found, symptoms: Iterable[Found] = ()) -> bool:
    """The user ties the medicine to the twitching: a word of timing, cause or suspicion in its
    sentence or the one right after, or a symptom told in its own sentence ("on atorvastatin and my
    thighs ache"); and no "no issues with it"."""
    bounds = sentence_bounds(tokens)
    at = next((k for k, (s, e) in enumerate(bounds) if s <= medicine.tok_start < e), None)
    if at is None:
        return False
    start, end = bounds[at]
    if set(tokens[start:end]) & _UNLINKS:
        return False
    words = [t.lower() for s, e in bounds[at : at + 2] for t in tokens[s:e]]
    treats = bool({t.lower() for t in tokens[start:end]} & _TREATS)
    return bool(set(words) & _LINKS) or not treats and any(start <= s.tok_start < end for s in symptoms)


_BARE_PAIN = {"pain", "no pain", "any pain", "not pain"}  # a pain denied without a place of its own
# Words of doing something with or for a child, right before the child is named, after the writer's own complaint
# ("i hurt my back helping my daughter move house", "my wrist aches from carrying my son")
_DOING_FOR = {"helping", "helped", "help", "carrying", "carried", "lifting", "lifted", "chasing", "chased", "picking",
              "driving", "drove", "pushing", "pushed", "holding", "held", "bathing", "feeding", "rocking", "with"}  # fmt: skip
# Words after a comma that go on about the habit just named ("sertraline, been on it 2 years")
_THE_HABIT_AGAIN = {"it", "them", "those", "these", "this", "that"}
# Verbs of giving a habit up, right before it: "cut the coffee", "stopped the energy drinks".
_GIVING_UP = {
    "cut", "cutting", "stopped", "stopping", "quit", "quitting", "ditched", "dropped", "kicked", "gave", "given",
    "avoid", "avoiding", "avoided", "skip", "skipping",  # "im avoiding caffeine" (round 31 c14: ranked first)
}  # fmt: skip
# who is off a habit: "I'm off coffee", "been off caffeine for a month" (round 27 c13: ranked caffeine first after it)
_BEING_OFF = {
    "i'm", "im", "am", "'m", "m", "been", "was", "went", "gone", "going", "stay", "staying", "stayed", "totally", "completely",
}  # fmt: skip
_BEFORE_HABIT = {
    "the",
    "my",
    "out",
    "back",
    "down",
    "on",
    "up",
    "all",
    "those",
    "that",
    "off",
    "right",
    # the habit's own verb between: "stopped going to the gym", "quit drinking coffee"
    "going",
    "to",
    "doing",
    "drinking",
    "having",
    "taking",
    "using",
    "at",
}
_STILL = {"n't", "not", "cant", "can't", "cannot", "couldnt", "couldn't", "never", "to", "should", "will", "would"}
# Things a habit's word names as a kind ("my coffee cup", "the coffee machine"): the thing, no habit told.
_THINGS = {"cup", "cups", "mug", "mugs", "machine", "maker", "pot", "shop", "table"}
PREGNANCY = "pregnancy"
# Words after "pregnancy" that make it the name of a thing: a supplement taken on after the birth ("my pregnancy
# multivitamin still", beside breastfeeding) tells of no pregnancy now.
PREGNANCY_THINGS = {
    "vitamin", "vitamins", "multivitamin", "multivitamins", "multi", "supplement", "supplements", "tablets", "pills",
}  # fmt: skip
NAMES_A_THING = "names_a_thing"  # the entity key that marks such a mention
LOWER_BOUND = "at_least"  # the entity key that marks a duration said as a lower bound ("over 2 weeks")


_COLOUR_WORDS = frozenset({"colour", "color", "coloured", "colored", "shade"})
_AS_A_COLOUR = frozenset({"like", "as", "of", "resembles", "resembling"})


def _names_a_thing(tokens: list[str], habit: Found) -> bool:
    """ "i dropped my coffee cup twice": the cup, not the coffee (no caffeine, and nothing given up); "my wee looks like
    tea", "the colour of cola": a colour (round 37 c14: dark urine said back as caffeine)."""
    if habit.tok_end < len(tokens) and tokens[habit.tok_end].lower() in _THINGS:
        return True
    before = [t.lower() for t in tokens[max(0, habit.tok_start - 3) : habit.tok_start]]
    start = max((i + 1 for i in range(habit.tok_start) if tokens[i] in (".", "!", "?")), default=0)  # its sentence
    near = {t.lower() for t in tokens[start : habit.tok_start]}
    # ("like strong tea": a word may stand between)
    return bool(set(before[-2:]) & _AS_A_COLOUR) and bool(near & (_COLOUR_WORDS | _URINE_WORDS))


_URINE_WORDS = frozenset({"wee", "pee", "urine", "piss", "weewee", "poo", "stool", "stools", "vomit", "sick"})


def _given_up(tokens: list[str], habit: Found) -> bool:
    """A habit given up, said with the verb right before it ("I already cut the coffee"); not "can't
    stop the coffee", "should I cut coffee?" (a question is hypothetical before this is asked), "want to quit"."""
    k = habit.tok_start - 1
    while k >= 0 and tokens[k].lower() in _BEFORE_HABIT:
        k -= 1
    j = habit.tok_start - 1
    while j >= 0 and tokens[j].lower() in ("the", "my", "all", "any"):
        j -= 1
    off = j >= 1 and tokens[j].lower() == "off" and tokens[j - 1].lower() in _BEING_OFF  # "I'm off coffee", "been off the cans"
    if not off and (k < 0 or tokens[k].lower() not in _GIVING_UP or habit.tok_start - k > 4):
        return False
    if not off and tokens[k].lower() in ("gave", "given") and (k + 1 >= len(tokens) or tokens[k + 1].lower() != "up"):
        return False
    if not off and k and tokens[k - 1].lower() in _STILL:
        return False
    start, end = next(((s, e) for s, e in sentence_bounds(tokens) if s <= habit.tok_start < e), (0, len(tokens)))
    sentence = [t.lower() for t in tokens[start:end]]
    return not (any(t.endswith("?") for t in sentence) or (sentence and sentence[0] in QUESTION_START))


# Coming round on the floor or the ground: consciousness was lost ("woke up on the kitchen floor", "came to on the
# pavement"); waking in bed or asleep on the sofa is no such thing.
WOKE_ON_THE_FLOOR = re.compile(
    r"\b(?:woke|wake|wakes|waking|woken|awoke|came\s+to|come\s+to|coming\s+to|came\s+round|come\s+round|came\s+around)"
    r"(?:\s+up)?\s+(?:on|lying\s+on|flat\s+on|face\s+down\s+on)\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:\w+\s+)?"
    r"(?:floor|ground|pavement|carpet|tiles)\b"
    # "next thing I know I'm on the floor with people standing over me" (round 36 c12: asked about self-harm first, then
    # whether they had fainted, and escalated only on the third turn)
    r"|\bnext\s+thing\s+i\s+(?:know|knew|remember)\b(?:(?!sitting|sat\b|laughing|crying|playing|dancing)[^.!?]){0,40}?"
    r"\b(?:on|lying\s+on)\s+(?:the\s+|a\s+)?(?:\w+\s+)?"
    r"(?:floor|ground|pavement|carpet|tiles)\b"
    r"|\b(?:found\s+myself|came\s+round|woke\s+up)\b[^.!?]{0,40}?\bpeople\s+(?:standing\s+)?(?:over|around)\s+me\b",
    re.I,
)
TOLD_EXACTLY = {"symptom:fainting": WOKE_ON_THE_FLOOR}  # signs whose phrase no reading of the clause can doubt
# No medicine taken at all, in a phrase ("no meds", "not on any medication", "I don't take any medicines").
NO_MEDICINES = re.compile(
    r"\b(?:no|not\s+on\s+any|don'?t\s+take\s+any|do\s+not\s+take\s+any|not\s+taking\s+any|never\s+take\s+any|"
    r"zero)\s+(?:meds|medication|medications|medicines?|prescriptions?|prescribed\s+(?:meds|medication|medicines?))\b",
    re.I,
)
ASKED_MEDICINES = ("diuretic", "corticosteroid")  # the medicines the interview asks about
# A start said not to be sudden ("sudden?? no it wasnt sudden at all", "it came on gradually over weeks"):
# the onset is denied, so a sign read as sudden is no stroke row ("onset" is otherwise read by meaning only).
NOT_SUDDEN = re.compile(
    r"\b(?:not|n't|never|wasnt|wasn't|isnt|isn't|didnt|didn't|wasn’t)\s+(?:\w+\s+){0,2}?(?:sudden(?:ly)?|all\s+of\s+a\s+sudden|"
    r"out\s+of\s+nowhere|overnight)\b|\b(?:came\s+on\s+|crept\s+up\s+)?(?:gradual(?:ly)?|slowly|bit\s+by\s+bit|little\s+by\s+little)\b",
    re.I,
)


# Saying one never spoke of harming oneself ("i never said anything about hurting myself", "I didn't mean
# I want to die"): the thought of self-harm taken back (the policy: the latest word on a fact wins).
NEVER_SAID_HARM = re.compile(
    r"\b(?:never|not|n't|didnt|didn't|did\s+not|wasnt|wasn't)\s+(?:\w+\s+){0,2}?(?:say|said|saying|mean|meant|meaning|talk\w*|"
    r"suggest\w*|mention\w*)\b[^.!?]{0,40}?\b(?:(?:hurt\w*|harm\w*|kill\w*)\s+(?:myself|my\s*self|me)\b|suicid\w*|"
    r"(?:want\w*|wish\w*)\s+to\s+die|end(?:ing)?\s+(?:it\s+all|my\s+life))",
    re.I,
)


# Pregnancy said of people in general: "pregnant women", "common in pregnancy", "amongst those in their
# third trimester", "in pregnancy you get...".
_PEOPLE = {"women", "woman", "ladies", "people", "mums", "moms", "mothers", "mommies", "mummies", "folk", "folks"}
_GENERAL_BEFORE = {"common", "normal", "usual", "typical", "frequent", "among", "amongst", "those", "many", "most", "lots"}


def _said_of_pregnancy_in_general(doc: Any, f: Found) -> bool:
    after = doc[f.tok_end].lower_ if f.tok_end < len(doc) else ""
    before = {t.lower_ for t in doc[max(0, f.tok_start - 4) : f.tok_start]}
    at_start = f.tok_start == 1 or f.tok_start > 1 and doc[f.tok_start - 2].text in {".", "!", "?"}
    opens = at_start and doc[f.tok_start - 1].lower_ == "in"  # "In pregnancy, you get ..."
    return after in _PEOPLE or bool(before & _GENERAL_BEFORE) and not before & {"my", "i", "i'm", "im", "me"} or opens


# An amount in international units taken: vitamin D, whose doses are counted so ("taking 50,000 IU every day").
UNITS_TAKEN = re.compile(
    r"\b(?:take|takes|taking|took|on|started|having|bought|buy|ordered|got|using|use)\b[^.!?]{0,25}?\b\d[\d,.]*\s*k?\s*(?:iu|i\.u\.|ius)\b|"
    # a product named by its units: "the 50,000 IU capsules", "5000iu a day", "those 50,000 unit capsules" (round 28 c07)
    r"\b\d[\d,.]*\s*k?\s*(?:iu|i\.u\.|ius|units?)\s+(?:capsules?|caps|tablets?|tabs|pills?|softgels?|drops|gummies|a\s+day|daily|"
    r"every\s+day)\b",
    re.I,
)


def _units_taken(text: str, found: list[Found]) -> None:
    """A vitamin D named in the message, taken as so many units, is a vitamin D supplement."""
    told = [m for m in UNITS_TAKEN.finditer(text) if not re.match(r"[^.!?]*\?", text[m.end() :])]  # not "should I take 4000 iu?"
    if not told:
        return
    for f in found:
        if f.kind == "nutrient" and f.value == "vitamin_d" and not re.match(r"[^.!?]*\?", text[f.end :]):
            f.kind, f.value = "medication", "vitamin_d_supplement"


def _by_phrase(
    text: str, doc: Any, pattern: re.Pattern[str], facts: Iterable[tuple[str, str]], denied: bool = False
) -> list[Found]:
    """The facts each match of a whole-phrase pattern tells (or denies), over the tokens it covers."""
    out = []
    for m in pattern.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            out += [Found(kind, value, m.start(), m.end(), span.start, span.end, denied) for kind, value in facts]
    return out


# A sign that began minutes or hours ago, or after being well the same day: "that started about an hour ago, she was fine at
# breakfast", "since 20 minutes ago", "was fine this morning" (the stroke row's "began suddenly (minutes or hours ago)";
# round 38 c19: a hand that stopped gripping an hour ago held at "today" until the face was named)
STARTED_JUST_NOW = re.compile(
    r"\b(?:(?:started|began|begun|came\s+on|happened|kicked\s+in|since)\s+(?:about\s+|around\s+|roughly\s+|like\s+|maybe\s+)?"
    r"(?:an?|\d{1,2}|one|two|three|four|five|ten|twenty|thirty|forty|a\s+few|a\s+couple\s+of|half\s+an)\s+"
    r"(?:minutes?|mins?|hours?|hrs?)\s+ago"
    r"|(?:an?|\d{1,2}|one|two|three|four|five|ten|twenty|thirty|forty|a\s+few|a\s+couple\s+of|half\s+an)\s+(?:minutes?|mins?|hours?|hrs?)\s+ago"
    r"|(?:was|were|seemed|looked)\s+(?:totally\s+|completely\s+|perfectly\s+)?(?:fine|ok|okay|normal|well)\s+"
    r"(?:at\s+(?:breakfast|lunch|dinner|tea)|this\s+morning|an?\s+hour\s+ago|earlier(?:\s+today)?|until\s+(?:just\s+now|an?\s+hour\s+ago|lunch))"
    r"|(?:out\s+of\s+nowhere|all\s+of\s+a\s+sudden|suddenly)\s+(?:this\s+(?:morning|afternoon|evening)|today|tonight|just\s+now)"
    # "for the past hour", "in the last 20 minutes", "over the last couple of hours" (round 41 c18)
    r"|(?:for|in|over|during)\s+(?:about\s+|around\s+|roughly\s+)?(?:the\s+)?(?:past|last)\s+(?:(?:an?|\d{1,2}|one|two|three|few|"
    r"couple(?:\s+of)?|half)\s+)?(?:minutes?|mins?|hours?|hrs?|half\s+hour)"
    # within a night: "woke up and her arm is weak", "came on overnight", "was fine at bedtime" (round 42 c27: a mother's
    # arm weak on waking was booked in with her doctor)
    r"|(?:woke|woken|waking|wakes)\s+up\s+(?:this\s+morning\s+|today\s+)?(?:with|and|to\s+find|like\s+(?:this|that))"
    r"|(?:came\s+on|started|began|happened|appeared)\s+overnight|overnight,?\s+(?:she|he|i|they|my)\b"
    r"|(?:was|were|seemed|looked)\s+(?:totally\s+|completely\s+|perfectly\s+|absolutely\s+)?(?:fine|ok|okay|normal|well)\s+"
    r"(?:at\s+bedtime|last\s+night|before\s+bed|when\s+(?:she|he|i|they|we)\s+went\s+to\s+bed|yesterday(?:\s+evening)?))\b",
    re.IGNORECASE,
)
# A start said to be sudden without the clock: "it came on suddenly", "all of a sudden", "out of nowhere"; said alone, in
# a message that names no symptom, it is the start of the sign the conversation is about (round 42 c27: "it came on
# suddenly, she was totally fine at bedtime" got "Sorry, I didn't catch an answer there")
STARTED_SUDDENLY = re.compile(
    r"\b(?:(?:came\s+on|started|began|happened|hit|went)\s+(?:really\s+|so\s+|very\s+|quite\s+)?"
    r"(?:suddenly|sudden|all\s+at\s+once|in\s+(?:seconds|minutes))|all\s+of\s+a\s+sudden|out\s+of\s+(?:nowhere|the\s+blue))\b",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(r"\b(?:not|never|wasn'?t|didn'?t|isn'?t|no)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)


def start_told_alone(text: str, names_a_symptom: bool) -> re.Match[str] | None:
    """A recent or sudden start told in a message that names no symptom ("it came on suddenly, she was fine at bedtime"),
    not denied ("it wasn't all of a sudden")."""
    if names_a_symptom:
        return None
    for pattern in (STARTED_JUST_NOW, STARTED_SUDDENLY):
        for m in pattern.finditer(text):
            # a start said, not a bare time ("i took an aspirin an hour ago" tells of no start)
            if _A_START.search(m.group(0)) and not _NOT_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
                return m
    return None


_A_START = re.compile(
    r"started|began|begun|came|happened|kicked|woke|woken|waking|wakes|overnight|fine|ok|okay|normal|well|sudden|nowhere|"
    r"blue|once|hit|went|appeared",
    re.IGNORECASE,
)
STROKE_SIGNS = frozenset({"weakness", "slurred_speech", "facial_droop", "paralysis"})


def _sudden_by_time(text: str, doc: Any, found: list[Found]) -> list[Found]:
    """A sudden start told by the clock, beside a sign of the stroke row told in the same message; or told alone."""
    if any(f.kind == "onset" for f in found):
        return []
    if not any(f.kind == "symptom" and f.value in STROKE_SIGNS for f in found):
        # (not beside a span of days: "it came on suddenly last week" is no start of minutes or hours)
        days = [int(f.value) for f in found if f.kind == "duration" and f.value.isdigit()]  # whole days, as Evidence reads them
        m = start_told_alone(text, any(f.kind == "symptom" for f in found)) if max(days, default=0) <= 1 else None
    else:
        m = STARTED_JUST_NOW.search(text)
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand") if m is not None else None
    return [Found("onset", "sudden", m.start(), m.end(), span.start, span.end)] if m is not None and span is not None else []


_THIRST_WORDS = frozenset({"thirst", "thirsty", "parched", "water", "fluids", "fluid", "squash", "juice", "dehydrated"})
_ALCOHOL_WORDS = re.compile(r"alcohol|booze|beer|wine|vodka|spirit|pint|lager|cider|whisk|gin|rum|drunk", re.IGNORECASE)


def _drinking_for_thirst(doc: Any, f: Found) -> bool:
    """ "im so thirsty i cant stop drinking": water, not alcohol (round 38 c10), when "drinking" names no alcohol."""
    if f.kind != "lifestyle_factor" or f.value != "alcohol" or _ALCOHOL_WORDS.search(doc[f.tok_start : f.tok_end].text):
        return False
    sentence = doc[f.tok_start].sent if doc.has_annotation("SENT_START") else doc
    return any(t.lower_ in _THIRST_WORDS for t in sentence)


_OBJECTS = frozenset({"me", "him", "her", "them", "us", "it", "my", "his", "the"})


def _done_to_someone(doc: Any, f: Found) -> bool:
    """ "my daughter is shaking me", "he was shaking her awake": shaking someone, no tremor (round 38 c17)."""
    if f.kind != "symptom" or f.value != "tremor" or f.tok_end >= len(doc):
        return False
    return doc[f.tok_end - 1].lower_ in ("shaking", "shook", "shakes") and doc[f.tok_end].lower_ in _OBJECTS


# "should i stop the red bull cold turkey or cut down slowly?": a habit eased off, not a sign that came on slowly
_EASING = re.compile(
    r"\b(?:cut(?:ting)?|cutting|reduc\w*|taper\w*|wean\w*|come\s+off|coming\s+off|stop\w*|quit\w*|drop\w*|lower\w*|"
    r"decreas\w*|back\s+off|ease\s+off|build(?:ing)?\s+up|increas\w*)\b[^.,;!?]{0,25}$",
    re.IGNORECASE,
)


def _habit_eased(text: str, found: Found) -> bool:
    """The words before a "slowly" or "gradually" ease a habit off or on, in the same clause."""
    return _EASING.search(text[max(0, found.start - 40) : found.start]) is not None


def _denied_by_phrase(text: str, doc: Any) -> list[Found]:
    """Facts a whole phrase denies: a start said not to be sudden, a thought of self-harm said never to have been said,
    a fact whose topic the writer says they never spoke of ("I never said anything about sun", round 24 c25)."""
    never_said = []
    for m in NEVER_SAID_TOPIC.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            kind, value = TOPIC_WORDS[topic_of(m)]
            never_said.append(Found(kind, value, m.start(), m.end(), span.start, span.end, True))
    gradual = [f for f in _by_phrase(text, doc, NOT_SUDDEN, [("onset", "sudden")], denied=True) if not _habit_eased(text, f)]
    return [
        *gradual,
        *_by_phrase(text, doc, NEVER_SAID_HARM, [("symptom", "self_harm")], denied=True),
        *never_said,
    ]


def _told_by_phrase(text: str, doc: Any) -> list[Found]:
    """Signs a whole phrase tells: coming round on the floor is a blackout ("next thing i know im waking up on the gym
    floor", round 23 c10, told again in other words and read as nothing)."""
    return _by_phrase(text, doc, WOKE_ON_THE_FLOOR, [("symptom", "fainting")])


def _no_medicines(text: str, doc: Any, found: list[Found]) -> list[Found]:
    """ "no meds", "not on any medication": none of the medicines the interview asks about (round 23 c03: the
    medicines question asked after "no meds. I drink maybe 2 coffees a day"); a medicine named beside it stands."""
    if any(f.kind == "medication" and f.value != "other_medication" for f in found):
        return []
    return _by_phrase(text, doc, NO_MEDICINES, [("medication", v) for v in ASKED_MEDICINES], denied=True)


# Things that happen on a day, whose "2 weeks ago" dates them, not the twitching.
_EVENTS = re.compile(
    r"\b(?:surgery|operation|op|procedure|thyroidectomy|flight|flew|accident|crash|fall|fell|gave\s+birth|c-section|"
    r"baby\s+was\s+born|(?:had|having)\s+(?:my|our|the|a)\s+(?:baby|son|daughter|twins|little\s+one)|vaccine|vaccination|jab|booster|covid|flu|holiday|trip|wedding|funeral|moved|move|marathon|race|"
    r"diagnosed|started\s+(?:a\s+)?new\s+job|exam|exams|injury|injured|break-?up|bereavement|removed|taken\s+out|"
    r"transplant|biopsy|admitted|discharged|hospitali[sz]ed|(?:had|got)\s+(?:my|his|her|their|the)\s+(?:\w+\s+){1,2}out)\b",
    re.I,
)
# a clause that ties its event to when the twitching began: "since my op 3 weeks ago", "after the jab a week ago"
_TIED_EVENT = re.compile(r"\b(?:since|after|following|ever\s+since|when)\b", re.I)
_STARTS = re.compile(r"\b(?:it|this|twitch\w*|jump\w*|spasm\w*|cramp\w*)\s+(?:all\s+)?(?:start|began|begun|kicked)", re.I)
# the next words tie the twitching to the event: "had knee surgery 2 months ago and since then my thigh twitches"
_SINCE_THEN = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:(?:ever\s+)?since\s+(?:then|that|it)?|from\s+then\s+on|after\s+that|and\s+now|"
    r"ever\s+since|since\s+which)\b",
    re.I,
)


# A drink told by what happened to it, not by drinking it: "his tea dribbled out of the side of his mouth" (a sign,
# round 25: read as caffeine), "knocked my coffee over", "my tea went cold"
_DRINK_EVENT_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:dribbl\w*|drool\w*|spill\w*|spilt|leak\w*|(?:went|gone|goes|got|going)\s+cold|"
    r"(?:came|comes|coming|ran|runs|running|pour\w*|poured)\s+(?:back\s+)?out|everywhere)\b",
    re.I,
)
_DRINK_EVENT_BEFORE = re.compile(
    r"\b(?:spilt|spilled|spilling|spill|knocked|knocking|dropped|dropping)\s+(?:\w+\s+){0,2}$|"
    # a drink that goes down the wrong way: "she chokes on her tea", "coughing on my coffee" (round 33 c29: caffeine)
    r"\b(?:chok\w*|cough\w*|splutter\w*|gag\w*|struggl\w*\s+to\s+swallow|can'?t\s+swallow|went\s+down\s+the\s+wrong\s+way\s+with)"
    r"\s+(?:on\s+|with\s+)?(?:\w+\s+){0,2}$|"
    # a drink named as a comparison: "pee dark like cola", "urine the colour of tea" (round 26 c19)
    r"(?:\b(?:dark|brown|black|coloured|colored|looks?|looked|looking)\s+like|\bcolou?r\s+of|\bas\s+dark\s+as)\s+"
    r"(?:a\s+|an\s+|the\s+|weak\s+|strong\s+|black\s+)?$",
    re.I,
)


def _drink_not_taken(text: str, f: Found) -> bool:
    if f.kind != "lifestyle_factor" or f.value != "caffeine":
        return False
    after, before = text[f.end : f.end + 40], text[max(0, f.start - 30) : f.start]
    return bool(_DRINK_EVENT_AFTER.match(after) or _DRINK_EVENT_BEFORE.search(before))


# Signs that call for help now, told in a clause of long ago: asked about once ("when unsure, ask"), not acted on
ASKED_IF_PAST = frozenset({
    "fainting", "seizure", "chest_pain", "paralysis", "facial_droop", "slurred_speech", "difficulty_breathing", "confusion",
    "hallucinations", "irregular_heartbeat", "tetany", "difficulty_swallowing", "calf_swelling",
})  # fmt: skip


# a conversation before this one, dated: "i talked to you a couple days ago", "was on here last week", "messaged you before"
_TALKED_BEFORE = re.compile(
    r"\b(?:talked|spoke|chatted|messaged|wrote|asked)\s+(?:to\s+|with\s+)?(?:you|u|this\s+(?:bot|thing|chat))\b"
    r"|\b(?:was|were|came)\s+(?:on\s+)?here\b"
    # "we chatted a couple weeks back about my eyelid", "I spoke to my GP a month ago", "saw the doctor 10 days ago"
    # (round 40 c13: "a couple weeks back" became the span, not "3 weeks total", and the level stayed self-care)
    r"|\b(?:we|i)\s+(?:last\s+)?(?:talked|spoke|chatted|messaged)\b"
    r"|\b(?:talked|spoke|chatted)\s+(?:to|with)\s+(?:my|the|a|our|his|her)\s+(?:gp|doctor|doc|nurse|pharmacist|physio|neurologist)\b"
    r"|\b(?:saw|seen|visited|went\s+to)\s+(?:my|the|a|our|his|her)\s+(?:gp|doctor|doc|nurse|neurologist)\b",
    re.IGNORECASE,
)


def _without_event_durations(text: str, found: list[Found]) -> list[Found]:
    """A duration in a clause about an event and no symptom ("I had thyroid surgery 2 weeks ago") dates
    the event, not the twitching, when the twitching is told elsewhere in the message; told alone, later in
    the conversation ("i had my thyroid removed 5 years ago, does that matter?"), it dates the event too,
    unless the clause ties the event to the twitching ("since my op 3 weeks ago")."""
    if not any(f.kind == "duration" for f in found):
        return found  # nothing to date: no clauses read
    told = any(f.kind == "symptom" for f in found)
    spans = clauses(text)
    out = []
    for f in found:
        if f.kind == "duration":
            clause = next(((s, e) for s, e in spans if s <= f.start < e), None)
            if clause is not None:
                words = text[clause[0] : clause[1]]
                symptom_here = any(g.kind == "symptom" and clause[0] <= g.start < clause[1] for g in found)
                tied = _SINCE_THEN.search(text[f.end : clause[1] + 30]) is not None
                tied = tied or not told and _TIED_EVENT.search(words) is not None
                if _EVENTS.search(words) and not symptom_here and not _STARTS.search(words) and not tied:
                    continue
                others = [g for g in found if g.kind == "duration" and g is not f]
                if _TALKED_BEFORE.search(words) and not _STARTS.search(words) and others:
                    # "i talked to you a couple days ago about my calf. its been 18 days now": when we spoke, beside how
                    # long it lasted (round 38 c16); alone, it still says the twitching was there then
                    continue
        out.append(f)
    return out


# A habit named only as a picture of how something feels: "sore like after the gym", "as if I'd run a marathon"
_AS_A_PICTURE = re.compile(
    r"\b(?:sore|aches?|aching|hurts?|feels?|feeling|tired|stiff|burn(?:s|ing)?|heavy)\s+(?:\w+\s+)?"
    r"(?:like|as\s+if|as\s+though)\s+(?:after\s+)?(?:i\s*'?(?:d|ve)\s+|ive\s+|i\s+(?:just\s+)?(?:had|did|ran|done|been)\s+)?"
    r"(?:been\s+)?(?:at\s+|to\s+|in\s+)?(?:a\s+|an\s+|the\s+|my\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# taking or using something, the verb of a habit's span ("I've been taking", "been on", "been using")
_TAKEN_FOR_A_SPAN = re.compile(r"\b(?:taking|took|been\s+on|using|been\s+having|been\s+drinking|been\s+eating)\b", re.IGNORECASE)
# "never said anything about", "didn't mention a word about", "did i say anything about": right before the thing
_NEVER_RAISED = re.compile(
    r"\b(?:never|didn'?t|did\s+not|havent|haven'?t|have\s+not|did\s+i)\s+(?:even\s+)?(?:say|said|mention|mentioned|talk|talked)"
    r"\s+(?:anything|a\s+word|nothing)\s+(?:about|on|re|regarding)\s+(?:the\s+|my\s+|any\s+)?$",
    re.IGNORECASE,
)
_ECHO_WORDS = frozenset("what a an huh wait me no um erm excuse sorry seriously really".split())


def _echoed_alone(text: str, f: Found) -> bool:
    """The sign makes up a sentence of its own, shouted or with a double question mark ("PARALYSIS??", "a seizure??
    what?"): a word said back in disbelief (round 35 c23: the emergency held on it)."""
    start = max((m.end() for m in re.finditer(r"[.!?\n]", text[: f.start])), default=0)
    end_match = re.search(r"[.!?\n]", text[f.end :])
    end = f.end + end_match.start() if end_match else len(text)
    marks = text[end : end + 3]
    shouted = text[f.start : f.end].isupper() and "?" in marks
    if not (shouted or "??" in marks or "?!" in marks or "!?" in marks):
        return False  # "chest pain?" alone may be told as asked about: it stands (never under-triaged)
    rest = re.findall(r"[a-z']+", (text[start : f.start] + " " + text[f.end : end]).lower())
    # and taken back after it ("PARALYSIS?? I can move everything fine"): "CHEST PAIN?? what do i do" stands
    taken_back = re.search(r"\b(?:not|no|never|nothing|fine|normally)\b|n't\b", text[end:], re.IGNORECASE) is not None
    return taken_back and all(w in _ECHO_WORDS for w in rest)


TEST_SITES = frozenset({"puncture", "tap", "scan", "scans", "mri", "x-ray", "xray", "ultrasound", "injection", "biopsy", "ct"})
SEEN_IN_THE_EYES = frozenset(
    "lights light spots dots flashes flashing sparkles sparkly sparkling stars zigzags zigzag floaters specks halos "
    "shimmering glittery twinkly blurry blurred fuzzy".split()
)


_BACK_OWNERS = frozenset({"my", "his", "her", "their", "your", "the", "lower", "upper", "mid", "middle", "our", "sore", "bad"})
# after "back" (the adverb): a time, a place gone to again, a turn of phrase
_BACK_AFTER = frozenset({
    "in", "then", "when", "to", "home", "from", "at", "on", "again", "up", "off", "down", "out", "into", "there", "here",
    "and", "around", "round", "over", "before", "after", "later", "now",
})  # fmt: skip


def _back_as_adverb(tokens: list[str], part: Found) -> bool:
    """ "back" said as an adverb ("back in the spring", "came back", "back to work"), with no owner before it."""
    before = tokens[part.tok_start - 1].lower() if part.tok_start > 0 else ""
    after = tokens[part.tok_end].lower() if part.tok_end < len(tokens) else ""
    return before not in _BACK_OWNERS and (after in _BACK_AFTER or not after)


def _not_where(tokens: list[str], part: Found, found: list[Found], roles: dict[int, str | None]) -> bool:
    """A body part that is not where the writer's complaint is: someone else's in advice ("point
    your toes"), or one whose twitching the clause denies ("my fingers do not twitch")."""
    before = tokens[max(0, part.tok_start - 2) : part.tok_start]
    if "your" in before:
        return True
    if part.tok_end < len(tokens) and tokens[part.tok_end].lower() in TEST_SITES:
        return True  # "what tests will they do? MRI? lumbar puncture?": a test, not where it twitches (round 35 c23)
    if part.value == "back" and _back_as_adverb(tokens, part):
        return True  # "my vitamin D was low back in the spring", "went back to work": when or again, not the back
    seen = {t.lower() for t in tokens[max(0, part.tok_start - 6) : part.tok_start]}
    if part.value == "eyelid" and tokens[part.tok_start].lower() in ("eye", "eyes") and seen & SEEN_IN_THE_EYES:
        return True  # "little sparkly lights in my eyes": what is seen, not where a lid twitches
    start = max((i + 1 for i in range(part.tok_start) if tokens[i] in BODY_PART_CLAUSE_BREAKS), default=0)
    end = next((i for i in range(part.tok_end, len(tokens)) if tokens[i] in BODY_PART_CLAUSE_BREAKS), len(tokens))
    movements = [f for f in found if f.kind == "symptom" and f.value in MOVEMENT_SYMPTOMS and start <= f.tok_start < end]
    return bool(movements) and all(roles.get(id(f)) == ROLE_ABSENT for f in movements)


def _someone_else(doc: Any, f: Found) -> bool:
    """Whether the clause before the mention is about another adult: "my husband freaked out",
    but not "the doctor scared me"."""
    if f.tok_end < len(doc) and doc[f.tok_end].text.lower() in ("me", "us"):
        return False
    for t in reversed(doc[max(0, f.tok_start - 6) : f.tok_start]):
        word = t.text.lower()
        if word in SIGN_CLAUSE_END or word in FIRST_PERSON_WORDS:
            return False
        if word in OTHER_ADULTS:
            return True
    return False


def _gut_complaint(doc: Any, f: Found) -> bool:
    """ "stomach cramping", "period cramps", "my stomach is upset": a complaint of the gut."""
    before = doc[f.tok_start - 1].text.lower() if f.tok_start > 0 else ""
    after = {t.text.lower() for t in doc[f.tok_end : f.tok_end + 2]}
    if f.value == "cramps":
        return before in GUT_WORDS
    gut = doc[f.tok_start : f.tok_end].text.lower() in GUT_WORDS
    return gut and (bool(after & GUT_COMPLAINTS) or before in GUT_BEFORE)  # "milk makes my stomach bad" (round 23 c30)


COPULAS = {"is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "s", "re", "feels", "seems", "gets", "got"}


IT_WORDS = {"it", "they", "these", "those", "them", "its", "it's", "theyre", "they're"}
LOOSE_PLACES = {"all over the place", "all over the shop", "everywhere", "all over"}


def _said_of_a_thing(doc: Any, f: Found, found: list[Found]) -> bool:
    """ "my sleep is all over the place", "my hormones are everywhere": a state of things, not
    where the twitching is ("twitching all over the place", "the twitches are everywhere", "it's
    all over my body" keep it)."""
    if f.kind != "body_part" or f.value != "all_over" or f.tok_start < 2:
        return False
    if doc[f.tok_start : f.tok_end].text.lower() not in LOOSE_PLACES or doc[f.tok_start - 1].text.lower() not in COPULAS:
        return False
    subject = {t.text.lower() for t in doc[max(0, f.tok_start - 4) : f.tok_start - 1]}
    told = any(g.kind == "symptom" and f.tok_start - 5 <= g.tok_start < f.tok_start for g in found)
    return not told and not subject & IT_WORDS


# A pain word that is another sign's pain, not aching muscles: "my calf is swollen and sore", "sore throat".
PAIN_WORDS = frozenset("sore hurts hurting hurt tender ache aches aching achy painful soreness tenderness".split())
PAINFUL_SIGNS = {"calf_swelling", "chest_pain", "headache", "swelling", "bone_pain"}
NOT_MUSCLES = frozenset("throat stomach tummy belly eye eyes ear ears tooth teeth head chest skin gums".split())


def _pain_of_another_sign(doc: Any, f: Found, found: list[Found]) -> bool:
    """A pain word said of a sign that is painful itself, in its sentence, or of a part that is no muscle."""
    if f.kind != "symptom" or f.value != "muscle_aches" or doc[f.tok_start : f.tok_end].text.lower() not in PAIN_WORDS:
        return False
    near = {t.text.lower() for t in doc[max(0, f.tok_start - 4) : f.tok_start + 2]}  # "my throat is sore", "sore throat"
    start, end = next(((a, b) for a, b in sentence_bounds([t.text for t in doc]) if a <= f.tok_start < b), (0, len(doc)))
    other = any(g.kind == "symptom" and g.value in PAINFUL_SIGNS and start <= g.tok_start < end for g in found)
    return other or bool(near & NOT_MUSCLES)


DIE_OF_A_FEELING = re.compile(
    r"^\s*(?:of|from|with)\s+(?:the\s+|pure\s+|sheer\s+)?(?:embarrass\w*|shame|cringe|cringing|laughter|laughing|boredom|"
    r"jealousy|envy|excitement|curiosity|happiness|awkwardness|secondhand\s+embarrass\w*)\b",
    re.IGNORECASE,
)


def _figurative(text: str, f: Found) -> bool:
    """Whether a warning word may be a figure of speech (FIGURATIVE): the mention alone, and
    with the two words before it and the two words after it, are tried."""
    if f.value in CRAMP_FIGURATIVE and CRAMP_CONTEXT.search(text[max(0, f.start - 150) : f.end + 150]):
        return True
    if f.value in BASELINE_SIGNS and BASELINE.search(_sentence_around(text, f)):
        return True
    if f.value == "self_harm" and MANY_PILLS.fullmatch(text[f.start : f.end]):
        return True  # many pills taken: asked about, never guessed either way
    pattern = FIGURATIVE.get(f.value)
    if pattern is None:
        return False
    mention = text[f.start : f.end]
    before = " ".join(re.findall(r"[\w']+", text[: f.start])[-2:])
    after = " ".join(re.findall(r"[\w']+", text[f.end :])[:2])
    return any(pattern.search(t.strip()) for t in (mention, f"{before} {mention}", f"{mention} {after}"))


def _many_pills(doc: Any) -> list[Found]:
    out = []
    for m in MANY_PILLS.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            out.append(Found("symptom", "self_harm", span.start_char, span.end_char, span.start, span.end))
    return out


def _sentence_around(text: str, f: Found) -> str:
    start = max(text.rfind(c, 0, f.start) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, f.end) for c in ".!?\n") if i != -1]
    return text[start : min(ends) if ends else len(text)]


def valid(kind: Any, value: str) -> bool:
    if kind == "duration":
        return value.isdigit()
    return kind in ENTITY_VALUES and value in ENTITY_VALUES[kind]


def _names_an_adult(at: int, named: list[people.Mention]) -> bool:
    """Whether the token at `at` is the "my" of "my husband": the adult's name, not the writer."""
    return any(m.start <= at < m.end for m in named)


def _with_next_word(text: str, f: Found) -> str:
    """The mention and the word right after it, if nothing comes between: "espresso shots"."""
    after = re.match(r"[ \t-]+[\w-]+", text[f.end :])
    return text[f.start : f.end] + (after.group(0) if after else "")


def _body_part(label: str) -> str | None:
    kind, value, denial = parse_label(label)
    return value if kind == "body_part" and not denial else None
