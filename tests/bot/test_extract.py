"""Entities from one message: lexicon matches, misspellings, durations, denial scope, questions."""

import pytest


def ents(extractor, text):
    return {(e["entity"], e["value"], e.get("role")) for e in extractor.extract(text)}


S, L, M = "symptom", "lifestyle_factor", "medication"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "my eyelid has been jumping for two weeks, I live on energy drinks and sleep five hours",
            {
                ("body_part", "eyelid", None),
                (S, "twitching", None),
                ("duration", "14", None),
                (L, "caffeine", None),
                (L, "poor_sleep", None),
            },
        ),
        ("calf cramps after leg day", {("body_part", "calf", None), (S, "cramps", None), (L, "intense_exercise", None)}),
        ("I'm on prednisone and water pills", {(M, "corticosteroid", None), (M, "diuretic", None)}),
        ("what foods have magnesium", {("nutrient", "magnesium", None)}),
        ("I'm vegan and lactose intolerant", {("diet", "vegan", None), ("diet", "dairy_free", None)}),
        ("I take magnesium every night", {(M, "magnesium_supplement", None)}),
        # what DIET's entity head used to catch, now the lexicon's (DIET classifies intents only)
        ("four red bulls before every night shift", {(L, "caffeine", None), (L, "poor_sleep", None)}),
        ("my urine is very dark lately", {(S, "dark_urine", None)}),
        ("my back twitched all through the weekend of drinking", {("body_part", "back", None), (S, "twitching", None), (L, "alcohol", None)}),
        ("twitchy quads after a hard leg day", {("body_part", "thigh", None), (S, "twitching", None), (L, "intense_exercise", None)}),
        # the contract's newer ids: stroke, pregnancy, withdrawal and medicine rows of the policy
        ("I'm 34 weeks pregnant and my vision is blurry", {(L, "pregnancy", None), (S, "vision_changes", None)}),
        ("breastfeeding my 3 month old", {(L, "breastfeeding", None)}),
        # a medicine with its start or a suspicion is tied to the twitching (onset after_medicine)...
        ("on atorvastatin since spring", {(M, "statin", None), ("onset", "after_medicine", None)}),
        ("I started sertraline last month", {(M, "other_medication", None), ("onset", "after_medicine", None)}),
        ("could my metformin be doing it?", {(M, "other_medication", None), ("onset", "after_medicine", None)}),
        ("on atorvastatin and my thighs ache", {(M, "statin", None), ("onset", "after_medicine", None), (S, "muscle_aches", None),
                                                ("body_part", "thigh", None)}),  # a symptom in its sentence
        # ...not one named in passing, or said to be no trouble
        ("sertraline, been on it 2 years, no issues", {(M, "other_medication", None)}),
        ("im on the pill", {(M, "other_medication", None)}),  # a contraceptive: a medicine the documents do not cover
        ("been taking ibuprofen for my back", {(M, "other_medication", None), ("body_part", "back", None)}),
        ("i took an aspirin an hour ago", {(M, "other_medication", None)}),
        # a painkiller taken for the pain is not tied to the twitching; "taking it for my back" takes nothing back
        ("a pounding headache that paracetamol hasn't touched", {(S, "headache", None), (M, "other_medication", None)}),
        ("been taking ibuprofen for my back and now my calf twitches",
         {(M, "other_medication", None), ("body_part", "back", None), ("body_part", "calf", None), (S, "twitching", None)}),
        # pregnancy said of people in general is nobody's pregnancy here
        ("apparently this happens a lot to pregnant women. my calves cramp", {("body_part", "calf", None), (S, "cramps", None)}),
        ("In pregnancy these cramps are common, mine come at night", {(S, "cramps", None)}),
        ("im 30 weeks pregnant and my calves cramp", {(L, "pregnancy", None), ("body_part", "calf", None), (S, "cramps", None)}),
        # vitamin D taken as so many units is a supplement; asked about, it is the nutrient
        ("my legs twitch. low vitamin d can cause it so i've been taking 50,000 iu a day",
         {("body_part", "leg", None), (S, "twitching", None), (M, "vitamin_d_supplement", None)}),
        ("should i take 4000 iu of vitamin d?", {("nutrient", "vitamin_d", None)}),
        # a supplement asked about after "and" is asked about, not taken
        ("my calf twitches. and is it ok to take magnesium, my sister swears by it",
         {("body_part", "calf", None), (S, "twitching", None), ("nutrient", "magnesium", None)}),
        ("going through alcohol withdrawal", {(L, "alcohol_withdrawal", None)}),
        ("she has been hallucinating since yesterday", {(S, "hallucinations", None), ("duration", "1", None)}),
        ("my left calf is swollen", {(S, "calf_swelling", None)}),
        ("also my legs feel heavy on the stairs lately", {(S, "weakness", None), ("body_part", "leg", None)}),
        ("my hand went numb last night", {(S, "numbness_tingling", None), ("body_part", "hand", None)}),
    ],
)
def test_lexicon_matches_become_contract_values(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("no weakness", {(S, "weakness", "absent")}),
        ("no weakness but bad cramps", {(S, "weakness", "absent"), (S, "cramps", None)}),
        (
            "no weakness, numbness or chest pain",
            {(S, "weakness", "absent"), (S, "numbness_tingling", "absent"), (S, "chest_pain", "absent")},
        ),
        ("I don't drink coffee", {(L, "caffeine", "absent")}),
        ("never had numbness", {(S, "numbness_tingling", "absent")}),
        ("twitching without cramps", {(S, "twitching", None), (S, "cramps", "absent")}),
        ("I sleep fine", {(L, "poor_sleep", "absent")}),
        ("not stressed at all", {(L, "stress", "absent")}),
        ("I don't drink coffee and I have cramps", {(L, "caffeine", "absent"), (S, "cramps", None)}),
        ("no chest pain. my calf cramps though", {(S, "chest_pain", "absent"), ("body_part", "calf", None), (S, "cramps", None)}),
        ("I can't stop twitching", {(S, "twitching", None)}),
        # a new clause with its own subject after "and" is out of a denial's reach
        ("the painkillers dont touch it and i keep seeing flashing lights", {("medication", "other_medication", None), (S, "vision_changes", None)}),
        ("no weakness and no numbness", {(S, "weakness", "absent"), (S, "numbness_tingling", "absent")}),
        # a sign said back as a question and answered no (round 16 c19: "muscle wasting" stayed in the summary)
        ("muscle wasting? no, the opposite, its swollen.", {(S, "muscle_wasting", "absent")}),
        ("weakness? no idea", {(S, "weakness", None)}),
        ("sleep is fine, stress no", {(L, "poor_sleep", "absent"), (L, "stress", "absent")}),  # round 16 c18: stress kept
        # a fact disputed, asked where it came from (round 17 c15: caffeine kept after "where did you get caffeine.")
        ("i dont drink coffee at all?? where did you get caffeine. no weakness", {(L, "caffeine", "absent"), (S, "weakness", "absent")}),
        ("why did you say poor sleep?", {(L, "poor_sleep", "absent")}),
        ("where do you get magnesium", {("nutrient", "magnesium", None)}),
        ("I have stress no doubt", {(L, "stress", None)}),
        # a start said not to be sudden denies the onset (no stroke row on "sudden" read by meaning)
        ("sudden?? no it wasnt sudden at all", {("onset", "sudden", "absent")}),
        ("her hand got weak gradually", {("onset", "sudden", "absent"), (S, "weakness", None), ("body_part", "hand", None)}),
        # a habit given up, the verb right before it: no heavy use now
        ("I already cut the coffee", {(L, "caffeine", "absent")}),
        ("stopped the energy drinks, still twitching", {(L, "caffeine", "absent"), (S, "twitching", None)}),
        ("i cant stop the coffee", {(L, "caffeine", None)}),
        ("I stopped going to the gym a month ago", {(L, "intense_exercise", "absent")}),  # the habit's verb between
        # asking whether to give a habit up tells no habit given up
        ("should I quit coffee cold turkey?", {(L, "caffeine", "hypothetical")}),
        # a medicine asked whether to take or give is not one taken (round 16: "aspirin" in a stroke's summary)
        ("should i give him an aspirin while we wait?", {("medication", "other_medication", "hypothetical")}),
        ("can I take ibuprofen for it?", {("medication", "other_medication", "hypothetical")}),
        ("should I stop my statin?", {("medication", "statin", None)}),
        # hormone replacement is a medicine the documents do not cover (round 19 c25: "the HRT patches?" unheard)
        ("im on hrt patches", {("medication", "other_medication", None)}),
        # exercise said not to be hard (round 19 c15: "hard exercise" kept in the summary after this)
        ("Walking a small dog is hardly strenuous exercise!", {("lifestyle_factor", "intense_exercise", "absent")}),
        ("i dont exercise at all", {("lifestyle_factor", "intense_exercise", "absent")}),
        # "do" said for emphasis tells a medicine taken (round 19 c29: a diuretic taken for years was lost)
        ("no. i do take bendroflumethiazide for my blood pressure", {("medication", "diuretic", None)}),
        ("i dropped my coffee cup twice this week", set()),
        # a sign that calls for help now, told in a clause of long ago and not now, is asked about, never acted on
        ("i blacked out once in assembly when i was 15, but now my thigh twitches", {(S, "fainting", "unsure"), (S, "twitching", None), ("body_part", "thigh", None)}),
        ("years ago i passed out on a plane. anyway my eyelid flickers", {(S, "fainting", "unsure"), (S, "twitching", None), ("body_part", "eyelid", None)}),
        ("i had a seizure 3 years ago and again last night", {(S, "seizure", None), ("duration", "1095", None)}),
        ("i passed out at work today, my calf twitches", {(S, "fainting", None), (S, "twitching", None), ("body_part", "calf", None)}),
        # a sign put down to an everyday cause of the writer's own and said to be gone is taken back
        ("oh the tingling was just from kneeling on the floor, it's fine now", {(S, "numbness_tingling", "absent")}),
        ("the blurry vision was cause i'd been crying, all good now", {(S, "vision_changes", "absent")}),
        # ... not a sign that calls for help now, nor one that is only said to have passed
        ("the chest pain was from lifting the sofa, it's fine now", {(S, "chest_pain", None)}),
        ("the tingling has gone now", {(S, "numbness_tingling", None)}),  # the cup: no coffee drunk, none given up
        ("i drink 3 cups of coffee a day", {(L, "caffeine", None)}),
        ("i quit coffee last year", {(L, "caffeine", "absent")}),
        # asking where the assistant got a fact from takes it back
        ("i don't know where you got little sun from", {(L, "low_sun_exposure", "absent")}),
        ("where did you get the diarrhea from??", {(S, "diarrhea", "absent")}),
        # a calf said not to be swollen, a grip said to be fine (round 18 c02: a swollen calf held through three denials)
        ("my calf is not swollen", {(S, "calf_swelling", "absent"), ("body_part", "calf", None)}),
        ("NO swelling. NO weakness. just twitches.", {(S, "calf_swelling", "absent"), (S, "weakness", "absent"), (S, "twitching", None)}),
        ("and my grip is fine", {(S, "weakness", "absent")}),
        ("where do you get magnesium from", {("nutrient", "magnesium", None)}),  # where to find it: a question
        ("muscle wasting?? i never said that", {(S, "muscle_wasting", "absent")}),
        ("i have diarrhea and i never said that to my doctor", {(S, "diarrhea", None)}),
        # a guess asked as a question wonders about a cause; it tells no habit
        ("Probably just jet lag and dehydration?", {(L, "low_fluid_intake", "hypothetical")}),
        ("just stress, right?", {(L, "stress", "hypothetical")}),
        ("probably just tired?", {(S, "fatigue", "hypothetical")}),
        # a place named for something else is not where they live (round 42 c17: a weather question said back as living
        # far from the equator)
        ("hows the weather in dublin this weekend?", {(L, "high_latitude", "hypothetical")}),
        ("i'm in the uk, eyelid twitching", {(L, "high_latitude", None), (S, "twitching", None), ("body_part", "eyelid", None)}),
        ("moved to norway last year", {(L, "high_latitude", None)}),
        # a death wish said as the figure of a feeling (round 42 c26: the crisis answer again after it was explained)
        ("sorry, i meant i wanted to die of embarrassment haha", {(S, "self_harm", "absent")}),
        ("i want to die of this pain", {(S, "self_harm", None)}),  # of pain: no figure of a feeling
        # cramps a remedy is asked about in general, beside another complaint: not the writer's (round 42 c30)
        ("my legs twitch after runs. also, do bananas really stop cramps?", {(S, "twitching", None), ("body_part", "leg", None),
                                                                              (S, "cramps", "hypothetical")}),
        ("would a banana stop my cramps?", {(S, "cramps", None)}),  # theirs  # round 41: "Noted for your summary: fatigue"
        ("im probably just tired", {(S, "fatigue", None)}),  # told of themselves, with a hedge: still told
        ("I drink too little, probably dehydration?", {(L, "low_fluid_intake", None)}),
        ("maybe some weakness?", {(S, "weakness", None)}),  # a hedged answer about a sign is never dropped
        ("quit having energy drinks in may", {(L, "caffeine", "absent")}),
        ("i should stop going to the gym so much", {(L, "intense_exercise", None)}),
        ("you didnt answer about the coke", {(L, "caffeine", None)}),  # the bot's doing, no denial of the coke
        # a negated verb that opens a question asks; it denies nothing ("can't it be Bell's palsy?")
        ("my face has gone droopy. cant it be bells palsy?", {("body_part", "face", None), (S, "facial_droop", None)}),
        ("isn't it just stress causing the weakness?", {(L, "stress", None), (S, "weakness", "hypothetical")}),
        ("i can't feel my hand", {(S, "numbness_tingling", None), ("body_part", "hand", None)}),
        ("I'm not sleeping well", {(L, "poor_sleep", None)}),
        ("slept like 3 hrs", {(L, "poor_sleep", None)}),  # the past tense, with a hedge
        ("i slept for 8 hours", {(L, "poor_sleep", "absent")}),
        ("sleep is about 6h most nights", {(L, "poor_sleep", None)}),  # short of the 7 most adults need
        ("i sleep 6.5 hours", set()),  # neither too little nor enough: not guessed
        ("sleep roughly 7h", {(L, "poor_sleep", "absent")}),
        # how it goes between the sleep and its hours (round 35 c15: "sleeping better now" noted as poor sleep)
        ("been sleeping better now too, like 7 hrs a night", {(L, "poor_sleep", "absent")}),
        ("sleeping badly lately, maybe 4 hours", {(L, "poor_sleep", None)}),
        # a correction that says the amount is no excess (round 35 c14: "please fix that" noted as stress and caffeine)
        ("one latte is not too much caffeine lol, and my stress is normal", {(L, "caffeine", "absent"), (L, "stress", "absent")}),
        ("my stress levels are fine", {(L, "stress", "absent")}),
        ("I sleep alright. Not especially stressed", {(L, "poor_sleep", "absent"), (L, "stress", "absent")}),  # r35 c30
        # a cause said of anyone is what is known of twitching, not a habit told; said of the writer, it is theirs
        ("saw on a forum that dehydration can cause twitching, so now i drink heaps", {(L, "low_fluid_intake", "hypothetical"),
                                                                                         (S, "twitching", None)}),
        ("supposedly stress causes it", {(L, "stress", "hypothetical")}),
        ("shes 19 not 9, typo", {("person", "child", "absent"), ("person", "other_adult", None)}),
        # a denial said as a correction, "actually" after its negation (round 34 c07: the calf kept urgent)
        ("oh it isn't actually swollen", {(S, "calf_swelling", "absent")}),
        ("i'm a roofer so im in the sun all day", {(L, "low_sun_exposure", "absent")}),  # round 33 c23: read as little sun
        # a day's water given below the excess takes the excess back ("more like 2.5L, not 6": round 33 c21)
        ("oh wait, it's more like 3L most days", {(L, "excessive_water_intake", "absent")}),
        ("i get through 5 litres of water daily", {(L, "excessive_water_intake", None)}),
        ("3 litres of cola a day", {(L, "caffeine", None)}),  # another drink named: no word on water
        # a drink that goes the wrong way is no habit told (round 33 c29: "chokes on tea" ranked too much caffeine)
        ("he keeps spluttering on his tea", set()),
        # whether to have it, asked, is no habit told (round 33 c17: "is coffee ok?" ranked too much caffeine)
        ("pregnant, is coffee safe?", {(L, "pregnancy", None), (L, "caffeine", "hypothetical")}),
        ("stress causes my calf to twitch", {(L, "stress", None), ("body_part", "calf", None), (S, "twitching", None)}),
        # hard training told as a volume: distances a week or a session (a third of it on a bike), days a week
        ("I swim 30km a week", {(L, "intense_exercise", None)}),
        ("ran a 21k race on sunday", {(L, "intense_exercise", None)}),
        ("i ride maybe 150 miles a week on the bike", {(L, "intense_exercise", None)}),
        ("i cycle 30 km a week to work", set()),  # a short commute on a bike is no hard training
        ("i jog about 3 miles", set()),
        ("i train 5 days a week", {(L, "intense_exercise", None)}),
        ("i don't run 20km a week anymore", {(L, "intense_exercise", "absent")}),
        ("I don't drink much water", {(L, "low_fluid_intake", None)}),
        # a sign that has passed was there: not a denial (a level drops only on a correction)
        ("no chest pain anymore", {(S, "chest_pain", None)}),
        ("the numbness went away, no numbness now", {(S, "numbness_tingling", None)}),
        ("I no longer have weakness in my arm", {(S, "weakness", None), ("body_part", "arm", None)}),
        ("no weakness, I never had any", {(S, "weakness", "absent")}),
        # "no" that answers, before its sentence's subject, denies nothing after it
        ("NO i DO get numbness in my toes", {(S, "numbness_tingling", None), ("body_part", "toe", None)}),
        ("nope it keeps cramping", {(S, "cramps", None)}),
        ("no it doesn't ache", {(S, "muscle_aches", "absent")}),  # the "doesn't" still denies
        # the bot's own question asked about tells of no habit ("why are you asking about coffee?")
        ("why are you asking about coffee, is my chest ok or not", {(L, "caffeine", "hypothetical"), ("body_part", "chest", None)}),
        ("i drink a lot of coffee, is that why?", {(L, "caffeine", None)}),
        # a thought of self-harm taken back in so many words, after a misreading
        ("what?? i never said anything about hurting myself, i meant the cramp", {(S, "self_harm", "absent"), (S, "cramps", None)}),
        ("i didn't mean i want to die, just that im sick of this twitch", {(S, "self_harm", "absent"), (S, "twitching", None)}),
        ("my doctor never said it would hurt", {(S, "muscle_aches", "absent")}),
        # what the bot's documents say or do not say is neither a denial nor a fact of the writer's
        ("neither really. but your documents dont mention steroids at all?", {(M, "corticosteroid", "hypothetical")}),
        ("i never said i had chest pain", {(S, "chest_pain", "absent")}),
        # the checks of pregnancy denied in loose words
        ("no headaches no vision stuff", {(S, "headache", "absent"), (S, "vision_changes", "absent")}),
    ],
)
def test_denials_and_their_scope(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the topic asked about is a plain mention; the effect asked about is hypothetical
        ("can low potassium cause weakness?", {("nutrient", "potassium", None), (S, "weakness", "hypothetical")}),
        ("could stress give me palpitations?", {(L, "stress", None), (S, "irregular_heartbeat", "hypothetical")}),
        ("is muscle wasting a reason to see a doctor?", {(S, "muscle_wasting", "hypothetical")}),
        ("what if I get chest pain?", {(S, "chest_pain", "hypothetical")}),
        # what a word means, asked: no report of it
        ("does feeling wobbly in the legs count as weakness?", {(S, "balance_problems", "hypothetical"),
                                                                 ("body_part", "leg", None), (S, "weakness", "hypothetical")}),
        ("is a heavy arm considered numbness?", {("body_part", "arm", None), (S, "numbness_tingling", "hypothetical")}),
        # a question about what to do is still a report: a red flag is never dropped
        ("should I go to hospital with chest pain?", {(S, "chest_pain", None)}),
        ("I have chest pain, is that bad?", {(S, "chest_pain", None)}),
    ],
)
def test_questions_and_conditions_are_hypothetical_only_when_they_really_are(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I take magnesium every night", {(M, "magnesium_supplement", None)}),
        ("not taking any potassium or b12", {(M, "potassium_supplement", "absent"), (M, "vitamin_b12_supplement", "absent")}),
        ("should I take magnesium pills?", {("nutrient", "magnesium", None)}),
        ("I've been on a really high dose of vitamin D", {(M, "vitamin_d_supplement", None)}),
        ("50000 iu of vitamin d weekly", {(M, "vitamin_d_supplement", None)}),
    ],
)
def test_a_nutrient_taken_is_a_supplement_and_one_asked_about_is_a_nutrient(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, value",
    [
        ("twiching eyelid", "twitching"),
        ("too much cofee", "caffeine"),
        ("low magnesuim?", "magnesium"),
        ("vitamine d", "vitamin_d"),
        ("potasium", "potassium"),
    ],
)
def test_common_misspellings_are_understood(extractor, text, value):
    assert value in {e["value"] for e in extractor.extract(text)}


def test_real_words_are_not_corrected_into_symptoms(extractor):
    assert ents(extractor, "I painted the fence") == set()


@pytest.mark.parametrize(
    "text, days",
    [
        ("for two weeks", "14"),
        ("a month", "30"),
        ("since yesterday", "1"),
        ("for 3 days", "3"),
        ("a couple of weeks", "14"),
        ("about a year", "365"),
    ],
)
def test_durations_are_whole_days(extractor, text, days):
    assert ("duration", days, None) in ents(extractor, f"twitching {text}")


def test_a_rate_is_not_a_duration(extractor):
    assert not [e for e in extractor.extract("I drink 5 coffees a day") if e["entity"] == "duration"]


def test_entities_carry_offsets_into_the_original_text(extractor):
    text = "My Eyelid keeps TWITCHING"
    for e in extractor.extract(text):
        assert text[e["start"] : e["end"]] == e["text"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("i want to kill myself", {(S, "self_harm", None)}),
        ("some days I think I'd be better off dead", {(S, "self_harm", None)}),
        # said inside an "if" clause, a thought of self-harm still counts (the policy's crisis row)
        ("I don't want to be alive if this turns out to be ALS", {(S, "self_harm", None), (S, "distress", None)}),
        ("I'm anxious but not suicidal", {(L, "anxiety", None), (S, "self_harm", "absent")}),
    ],
)
def test_thoughts_of_self_harm_are_heard_in_any_clause(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an age and a typo of a unit are not weakness nor a 79-year duration
        # the writer's adult age also says no child is the patient (a correction when one was taken to be)
        ("I am 63 years old and my shin has twitched for 2 wekks",
         {("body_part", "leg", None), (S, "twitching", None), ("duration", "14", None), ("person", "child", "absent")}),
        # how long a diet or a medicine has lasted is not how long the twitching has
        ("vegetarian for 6 yrs and my lip twitches", {("diet", "vegetarian", None), ("body_part", "lip", None), (S, "twitching", None)}),
        ("I've taken prednisone for a month", {(M, "corticosteroid", None)}),
        # a cup or two is caffeine, but no sign of too much
        ("just one espresso in the morning", {(L, "caffeine", "absent")}),
        ("a couple of cups of tea", {(L, "caffeine", "absent")}),
        ("six energy drinks a day", {(L, "caffeine", None)}),
        # litres of plain water a day are too much water
        ("I get through 5 litres of water every day", {(L, "excessive_water_intake", None)}),
    ],
)
def test_numbers_say_whose_duration_and_how_much(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my chest feels really tight tonight", {(S, "chest_pain", None), ("body_part", "chest", None)}),
        ("there is a heavy squeezing feeling in my chest", {(S, "chest_pain", None), ("body_part", "chest", None)}),
        ("my chest does not feel tight", {(S, "chest_pain", "absent"), ("body_part", "chest", None)}),
        ("my chest muscle twitches", {("body_part", "chest", None), (S, "twitching", None)}),
        ("this morning my knees buckled", {(S, "weakness", None), ("body_part", "leg", None)}),
        ("bread gets stuck in my throat", {(S, "difficulty_swallowing", None), ("body_part", "neck", None)}),
        # facial weakness (a doctor), and where it is
        ("one side of my mouth is drooping", {(S, "facial_droop", None), ("body_part", "lip", None)}),
        ("my left thigh looks thinner", {(S, "muscle_wasting", None), ("body_part", "thigh", None)}),
    ],
)
def test_warning_signs_said_in_everyday_words(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("we lost power in a blackout last night", {(S, "fainting", "unsure")}),
        ("I was practically paralysed by that cramp", {(S, "paralysis", "unsure"), (S, "cramps", None)}),
        ("my hamstring seizes up when I sprint", {("body_part", "thigh", None), (S, "tetany", "unsure"), (L, "intense_exercise", None)}),
        ("I blacked out in the kitchen", {(S, "fainting", None)}),
        ("my arm is paralysed", {("body_part", "arm", None), (S, "paralysis", None)}),
    ],
)
def test_a_warning_word_that_may_be_a_figure_of_speech_is_unsure(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("as far back as last winter my toe twitched", {("body_part", "toe", None), (S, "twitching", None)}),
        ("a while back my lip started jumping", {("body_part", "lip", None), (S, "twitching", None)}),
        ("my upper back twitches", {("body_part", "back", None), (S, "twitching", None)}),
        ("I read about a muscle-wasting disease", set()),
        ("my doctor checks my blood pressure every visit", set()),
        ("I tried to shake my leg loose", {("body_part", "leg", None)}),  # something done, not a tremor
        ("my hands shake when I hold a cup", {("body_part", "hand", None), (S, "tremor", None)}),
        ("I parked forty feet away from the door", set()),  # a length
        ("I had stomach cramping and the runs", {(S, "diarrhea", None)}),  # the gut, not muscles
        ("my stomach muscles twitch", {("body_part", "abdomen", None), (S, "twitching", None)}),
        ("the pills are fine but you may get a headache", {(S, "headache", "hypothetical")}),  # advice, not a report
        ("if I sit down it eases, then I have to get back up", set()),  # not "backed up"
        ("my peepy toddler woke at six", set()),  # not a typo of "weepy"
        ("just tired of waiting for answers", set()),  # fed up, not worn out
        ("the waiting is driving me nuts", set()),  # annoyance, no significant distress (round 16 c01: a doctor level)
        ("a thumping headache and little sparkly lights in my eyes", {(S, "headache", None), (S, "vision_changes", None)}),  # seen, no lid
        ("I'm so tired all day", {(S, "fatigue", None)}),
    ],
)
def test_words_in_another_sense_are_not_facts(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the twitching is throughout my body", {(S, "twitching", None), ("body_part", "all_over", None)}),
        ("I train hard at volleyball and sweat through the humidity", {(L, "intense_exercise", None), (L, "heavy_sweating", None)}),
        ("I honestly drink very little during the day", {(L, "low_fluid_intake", None)}),
        ("the twitching disturbs my sleep", {(S, "twitching", None), (L, "poor_sleep", None)}),
        ("lately I talk with a lisp", {(S, "slurred_speech", None)}),
        ("my equilibrium is off when I stand", {(S, "balance_problems", None)}),
        ("some mornings I have problems breathing", {(S, "difficulty_breathing", None)}),
        ("I get an increase in heart rate at night", {(S, "rapid_heart_rate", None)}),
        ("I notice exercise intolerance", {(S, "fatigue", None)}),
        ("work stressors are piling up", {(L, "stress", None)}),
        ("my tongue feels clumsy when I talk", {("body_part", "tongue", None), (S, "slurred_speech", None)}),
        # one "no" reaches every sign of the list
        ("no trouble swallowing or slurred speech", {(S, "difficulty_swallowing", "absent"), (S, "slurred_speech", "absent")}),
        ("spasms in my back after leg day", {(S, "spasms", None), ("body_part", "back", None), (L, "intense_exercise", None)}),
        ("it's not painful, my calves just twitch", {(S, "muscle_aches", "absent"), ("body_part", "calf", None), (S, "twitching", None)}),
        ("I do hot yoga twice a week", {(L, "heavy_sweating", None), (L, "intense_exercise", None)}),
        # a prescribed stimulant is a stimulant and a medicine changed only with its prescriber (round 22 c27)
        ("I take adderall for my adhd", {(L, "stimulants", None), (M, "other_medication", None)}),
        ("honestly i'm bored stiff at work", set()),
        # preparations told in plain words are asked about at once (sealed set 31's class line: two read as nothing)
        ("been giving away my things lately", {(S, "self_harm", "unsure")}),
        ("i've written letters to my kids just in case", {(S, "self_harm", "unsure")}),
        # coming round on the floor is a blackout told as a story (round 23 c10)
        ("next thing i know im waking up on the gym floor", {(S, "fainting", None), (L, "intense_exercise", None)}),
        ("i fell asleep on the sofa and woke up twitching", {(S, "twitching", None)}),
        # no medicine at all: none of those the interview asks about (round 23 c03: asked after "no meds")
        ("no meds, just a coffee a day", {(M, "diuretic", "absent"), (M, "corticosteroid", "absent"), (L, "caffeine", "absent")}),
        ("not on any medication except my statin", {(M, "statin", None)}),
        # the gut's complaint, not a place of the twitching (round 23 c30: "milk make my stomach bad" kept as a place)
        ("cheese makes my tummy bad and my eyelid twitches", {("body_part", "eyelid", None), (S, "twitching", None)}),  # a feeling, not stiff muscles (round 23 c12: "scared stiff")
        ("at work I'm barely drinking water", {(L, "low_fluid_intake", None)}),
        ("lately I keep dropping my keys", {(S, "weakness", None)}),
        ("one or two cups of coffee, sleep is ok", {(L, "caffeine", "absent"), (L, "poor_sleep", "absent")}),
        # ... or said after the drink; a larger count stays caffeine
        ("she only has tea, 2 cups", {(L, "caffeine", "absent")}),
        ("coffee - just one a day, my calves twitch", {(L, "caffeine", "absent"), ("body_part", "calf", None), (S, "twitching", None)}),
        # off a habit is a habit given up (round 27 c13: "I'm off coffee while feeding" ranked caffeine first)
        ("i'm off coffee since the baby came", {(L, "caffeine", "absent")}),
        ("been off the energy drinks a month now", {(L, "caffeine", "absent")}),
        # a drink named as a comparison is not drunk (round 26 c19: "dark like cola" urine as caffeine); liked, it is
        ("his wee has gone dark like cola since yesterday", set()),
        ("i like coffee", {(L, "caffeine", None)}),
        # the summary's word disputed by "why does it say ...?" (round 26 c14: read as weakness, raising the level)
        ("why does it say numbness? i never said that", {(S, "numbness_tingling", "absent")}),
        # vitamin D bought or named by its units is a supplement taken (round 26 c09: 50,000 IU a day never heard)
        ("vit d was low so i got the 10,000 iu softgels and take one a day", {("medication", "vitamin_d_supplement", None)}),
        ("my vitamin d was low so i take the 20,000 unit tablets", {("medication", "vitamin_d_supplement", None)}),
        # a drink told by what happened to it is no drinking: a sign ("dribbled out of the side of his mouth"), a spill
        ("his tea dribbled out of the corner of his mouth", {("body_part", "lip", None)}),
        ("i knocked my coffee onto the floor", set()),
        ("my coffee went cold again while i was on a call", set()),
        ("i drink coffee all day, over 5 cups", {(L, "caffeine", None)}),
        # a strong drink counted by the week or month is a small amount; by the day it never is
        ("more like one monster a week tbh", {(L, "caffeine", "absent")}),
        ("one red bull a day", {(L, "caffeine", None)}),
        # how it is taken between the drink and how many: still one
        ("i have my coffee black, just the one in the morning", {(L, "caffeine", "absent")}),
        ("tea with milk, only one", {(L, "caffeine", "absent")}),
        ("coffee, 5 cups a day", {(L, "caffeine", None)}),
        ("3 cups a day + a monster", {(L, "caffeine", None)}),  # the drinks add up
        # a drink as strong as two or three coffees is no small amount, whatever the count
        ("just the one red bull at lunch", {(L, "caffeine", None)}),
        ("two energy drinks daily", {(L, "caffeine", None)}),
        ("a cup of tea, and no energy drinks", {(L, "caffeine", "absent")}),  # not a lack of energy either
        # whether to worry, asked, tells of no anxious person
        ("should I be worried?", {(L, "anxiety", "hypothetical")}),
        ("should i worry", {(L, "anxiety", "hypothetical")}),  # typed without its question mark
        ("i worry a lot, should i see someone", {(L, "anxiety", None)}),
        ("I'm so anxious, is this normal?", {(L, "anxiety", None)}),
        ("caffeine just 2 coffees", {(L, "caffeine", "absent")}),
        # a "not" about what the assistant does is no denial of the user's
        ("Neither. Why won't you answer about the statin", {(M, "statin", None)}),
        ("when I have more than 2 monsters my eyelid jumps", {(L, "caffeine", None), ("body_part", "eyelid", None), (S, "twitching", None)}),
        ("my whole arm is buzzing", {("body_part", "arm", None), (S, "numbness_tingling", None)}),
        # a habit in a statement's "if I" clause is the writer's habit; in a question it is asked about
        ("if I have three beers, my calves cramp at night", {(L, "alcohol", None), ("body_part", "calf", None), (S, "cramps", None)}),
        ("if I drop coffee will it stop?", {(L, "caffeine", "hypothetical")}),
        ("I have thigh pain in the evenings", {("body_part", "thigh", None), (S, "muscle_aches", None)}),
        ("a cramp woke me, with awful pain in my calf", {(S, "cramps", None), ("body_part", "calf", None)}),  # the cramp's pain
        # where it twitches, not where it does not, nor a body part in advice
        ("my calves twitch, but my fingers do not twitch", {("body_part", "calf", None), (S, "twitching", None), (S, "twitching", "absent")}),
        ("my legs aren't weak, they just twitch", {("body_part", "leg", None), (S, "weakness", "absent"), (S, "twitching", None)}),
        ("when it cramps, point your toes up", {(S, "cramps", None)}),
    ],
)
def test_everyday_narrative_words_for_the_facts(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the duration said with the twitching, not the one of another complaint
        ("For ten years my calves have twitched. The dizziness lasted two days.", ["3650"]),
        ("My eye twitches since three weeks. I got a new job 2 months ago.", ["21"]),
        # with several episodes, the ongoing one is said last
        ("My lip twitched 2 years ago and stopped. Now it is twitching again for 3 days.", ["730", "3"]),
        # no duration said with a symptom: all are kept
        ("It twitches. It began about 3 weeks ago.", ["21"]),
        # the clause that names the twitching beats a date of something else in the same sentence
        ("thigh twitching for a week. had my thyroid out 3 weeks ago, and now my fingers cramp up", ["7"]),
        ("My eyelid has been jumping for 10 days, we got back from a long-haul flight 2 weeks ago.", ["10"]),
        # a date of an event in a clause of its own dates the event: "thyroid surgery 2 weeks ago"
        ("my hands lock into a claw shape, it happened 3 times today. i had thyroid surgery 2 weeks ago", []),
        ("it started 2 weeks ago after my op", ["14"]),
        # ... unless the twitching is said to date from it
        ("had knee surgery 2 months ago and since then my thigh keeps twitching", ["60"]),
        ("i had covid about 3 weeks ago, ever since my calves have been jumping", ["21"]),
        # told alone later in the conversation, an event's date is still the event's, not the twitching's
        ("i had my gallbladder removed 4 years ago, could that matter?", []),
        ("got my wisdom teeth out a month ago btw", []),
        ("i was hospitalised with pneumonia 2 years ago", []),
        # ... unless the clause ties the twitching to it, or it is plainly how long
        ("since my op 3 weeks ago", ["21"]),
        ("about 3 weeks ago", ["21"]),
        # the twitching's own sentence beats another symptom's clause said later
        ("for about a month, my calves have been jumping on and off. a week ago my grip got weaker, and in the last"
         " couple of days i've been choking on drinks", ["30"]),
    ],
)
def test_the_twitchings_duration_wins_over_other_durations(extractor, text, expected):
    # (one span may be found twice, "3 weeks ago, ever since": the same value, once it counts)
    assert list(dict.fromkeys(e["value"] for e in extractor.extract(text) if e["entity"] == "duration")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a feared disease is distress (the policy's doctor row), even asked as a question
        ("could this be ALS?", {(S, "distress", None)}),
        # fear of a disease is distress, not an anxious temperament (distress feeds stress_anxiety)
        ("I'm so afraid it is multiple sclerosis", {(S, "distress", None)}),
        ("I freaked out when my eye twitched", {(S, "distress", None), ("body_part", "eyelid", None), (S, "twitching", None)}),
        # fear said in two ways is a lasting worry: anxiety as well
        ("I'm scared it is MS and I'm in tears every night", {(S, "distress", None), (L, "anxiety", None)}),
        # someone else's fear is not the writer's; a disease they name still counts
        ("my calf cramped and my husband freaked out", {(S, "cramps", None), ("body_part", "calf", None)}),
        ("my sister thinks it is ALS", {(S, "distress", None)}),
        ("what the doctor said scared me", {(S, "distress", None)}),
        # a cramp that "takes your breath" or "paralyses" is asked about, not escalated on a guess
        ("the cramp was so bad I couldn't breathe", {(S, "cramps", None), (S, "difficulty_breathing", "unsure")}),
        ("my thigh locks up after football and I can't move it for a minute", {("body_part", "thigh", None),
                                                                              (S, "tetany", "unsure"), (S, "paralysis", "unsure")}),
        # a view of a symptom is not its denial
        ("I didn't really think much of the diarrhea", {(S, "diarrhea", None)}),
        ("I can barely string words together", {(S, "slurred_speech", None)}),
        ("my fingers curled up into a claw", {(S, "tetany", None), ("body_part", "finger", None)}),
        # a sign said to be the person's usual, from a known condition: asked about (unsure), not guessed
        ("a bit out of breath on the stairs from the asthma, normal for me", {(S, "difficulty_breathing", "unsure")}),
        ("i get palpitations, always have", {(S, "irregular_heartbeat", "unsure")}),
        # round 40 c28: a topic never raised is neither told nor denied ("I never said I had chest pain" still denies it)
        ("i didnt say anything about energy drinks", {(L, "caffeine", "hypothetical")}),
        ("hang on, I never mentioned a word about red bull, i have three a day", {(L, "caffeine", "hypothetical")}),
        # round 40 c20, c22: the asthma's usual tightness, and a hamstring that "seizes up" so it can't move for a minute
        ("my chest gets tight with my asthma, normal for me", {("body_part", "chest", None), (S, "chest_pain", "unsure")}),
        ("i am suddenly short of breath", {(S, "difficulty_breathing", None)}),
        # a heart said to be normal: by the person, a denial; a rate is how fast, not skipped beats; by a
        # device or someone else, a reading, never a correction of the beats the person feels
        ("my heart feels normal now", {(S, "irregular_heartbeat", "absent")}),
        ("my heart rate is normal", {(S, "rapid_heart_rate", "absent")}),
        ("my watch says my heart rate is normal", set()),
        ("the cardiologist said my heartbeat is normal", set()),
        ("like i said, my heart feels normal", {(S, "irregular_heartbeat", "absent")}),  # the person's own word
        ("my fitbit shows my heart is fine but it keeps skipping beats", {(S, "irregular_heartbeat", None)}),
        # many pills taken at once: maybe an overdose, asked about (unsure); a usual dose or a habit is nothing
        ("i swallowed a whole packet of paracetamol", {(S, "self_harm", "unsure")}),
        ("took loads of my sleeping tablets", {(S, "self_harm", "unsure")}),
        ("took my usual tablets", set()),
        # an overdose taken or tried is said plainly: the crisis at once; asking whether one can is no crisis
        ("i took an overdose and the thoughts are back", {(S, "self_harm", None)}),
        ("i tried to overdose on my tablets", {(S, "self_harm", None)}),
        ("i take a handful of supplements with breakfast", set()),
    ],
)
def test_fears_cramps_and_idioms(extractor, text, expected):
    assert ents(extractor, text) == expected


CHILD = ("person", "child", None)


@pytest.mark.parametrize(
    "text, is_child",
    [
        ("my 7-year-old son keeps twitching", True),
        ("Asking for my daughter. She is 9 and her eyelid has been jumping for a week", True),
        ("our little one has cramps at night", True),
        ("my 14yo's calf twitches after football", True),
        ("my son is 25 and his leg twitches", False),  # an adult son
        ("my baby keeps me up all night and my eyelid twitches", False),  # the writer's own twitching
        ("my kids drive me crazy and my eye twitches", False),
        ("when I was a kid I had tics, now my eyelid twitches", False),
        # a child the writer feeds or looks after is the writer's context, not the patient
        ("breastfeeding my 5 month old, twitchy lip for a week", False),
        ("mum of a toddler, calves jumping every night", False),
        ("my 5 month old keeps jerking in her sleep", True),
        ("my daughter is 15, she showed me her calf jumping after netball", True),  # "showed me": still hers
        # the child's sign is in their past, the twitching the writer's own now
        ("my daughter had a febrile seizure years ago. now my own eye is twitching", False),
    ],
)
def test_a_parent_writing_about_their_child_is_told_from_a_parent_writing_about_themselves(extractor, text, is_child):
    assert (CHILD in ents(extractor, text)) is is_child


@pytest.mark.parametrize("text", ["no its me that twitches, not the baby", "I'm 29. the twitch is in MY eye", "I am the mum!"])
def test_the_writer_saying_they_are_the_adult_takes_the_child_back(extractor, text):
    # a breastfeeding mother's baby was taken for the patient, and three corrections changed nothing
    assert ("person", "child", "absent") in ents(extractor, text)


OTHER_ADULT = ("person", "other_adult", None)


@pytest.mark.parametrize(
    "text, is_other",
    [
        ("writing for my dad, he's 74 and his thumb won't stop flickering", True),
        ("my girlfriend gets awful calf cramps every night", True),
        ("My husband (61) has had twitching in his shoulder since March", True),
        ("my son is 25 and his leg twitches", True),  # a grown-up son
        ("my flatmate's eyelid has been jumping for days", True),
        ("my husbands eye keeps twitching for a week", True),  # the possessive typed without its apostrophe
        ("my moms hand shakes and twitches", True),
        ("my mum gets cramps too and my eyelid twitches all day", False),  # the writer's twitching too
        ("my wife noticed my arm twitching in my sleep", False),  # she saw the writer's
        ("my boyfriend thinks I'm overreacting about my calf twitching", False),
        ("my 8 year old's eyelid twitches", False),  # a child: the child row, not this one
        ("my dad had ALS and now I'm terrified", False),  # a fear, and no body symptom of his
    ],
)
def test_an_adult_writing_about_another_adult_is_told_from_one_writing_about_themselves(extractor, text, is_other):
    assert (OTHER_ADULT in ents(extractor, text)) is is_other


@pytest.mark.parametrize(
    "text, young",
    [
        ("i'm 16 and my arm keeps twitching after football", True),
        ("im 15, my eyelid wont stop jumping", True),
        ("17f here, calves twitching for a week", True),
        ("as a 14 year old is it normal that my thumb twitches", True),
        ("im 16 weeks pregnant and my calf twitches", False),  # weeks of a pregnancy, not an age
        ("I'm 34 and my leg twitches", False),
        ("im 16 and so bored", False),  # no symptom: nothing about a young person's body
    ],
)
def test_a_writer_who_says_they_are_under_18_is_a_young_person(extractor, text, young):
    assert (("person", "young_writer", None) in ents(extractor, text)) is young


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hiii", set()),  # not "hiit": a stretched greeting is no hard exercise
        ("sooo tired", {(S, "fatigue", None)}),
        ("my legs feel weeeak", {("body_part", "leg", None), (S, "weakness", None)}),
        ("twitchinggg all day", {(S, "twitching", None)}),
    ],
)
def test_a_word_stretched_for_effect_is_that_word_not_a_typo_of_another(extractor, text, expected):
    assert ents(extractor, text) == expected


@pytest.mark.parametrize(
    "text, role",
    [
        ("what if my twitching spreads to my chest?", None),  # the twitching is the writer's
        ("is his eyelid twitch anything to worry about?", None),
        # people ask this assistant about the twitching they have, in general words too
        ("can magnesium stop twitching?", None),
        ("why do muscles spasm?", None),
        ("could low potassium cause cramps?", None),
        ("twitching all over, is that normal?", None),  # said first, then asked about
        ("why does my calf twitch at night?", None),
    ],
)
def test_the_complaint_in_a_question_is_the_writers(extractor, text, role):
    movements = [e for e in extractor.extract(text) if e["entity"] == "symptom" and e["value"] in ("twitching", "spasms", "cramps")]
    assert movements and all(e.get("role") == role for e in movements)


@pytest.mark.parametrize(
    "text, fact",
    [
        ("I take it back about the weakness, my arm is fine", (S, "weakness", "absent")),
        ("forget what I said about the prednisone", (M, "corticosteroid", "absent")),
        ("ignore the bit about chest pain", (S, "chest_pain", "absent")),
        ("I forget to drink water most days", (L, "low_fluid_intake", None)),  # forgetting, not taking back
    ],
)
def test_a_fact_taken_back_is_denied(extractor, text, fact):
    assert fact in ents(extractor, text)


@pytest.mark.parametrize("text", ["it came on gradually, not suddenly", "the slurring crept up on me bit by bit"])
def test_a_sign_that_came_on_slowly_denies_a_sudden_start(extractor, text):
    assert ("onset", "sudden", "absent") in ents(extractor, text)


@pytest.mark.parametrize(
    "text, where",
    [
        ("working nights, my sleep is all over the place and my eyelid flickers", {"eyelid"}),
        ("my hormones are all over the place since the baby, and my calf twitches", {"calf"}),
        ("the twitches are all over the place", {"all_over"}),  # the twitching's place, said with a copula
        ("it's everywhere, arms, legs", {"all_over", "arm", "leg"}),
        ("twitching all over the place", {"all_over"}),
    ],
)
def test_all_over_the_place_said_of_a_thing_is_no_place_of_the_twitching(extractor, text, where):
    assert {e["value"] for e in extractor.extract(text) if e["entity"] == "body_part"} == where


@pytest.mark.parametrize(
    "text, days",
    [
        ("twitching since about mid November", 21),
        ("it has been going on since around the middle of November", 21),
        ("since roughly the 10th of November", 26),
    ],
)
def test_a_start_date_said_with_about_or_around_is_a_duration(text, days):
    import datetime as dt

    from bot.nlu.duration import find_durations

    assert [d.days for d in find_durations(text, today=dt.date(2026, 12, 6))] == [days]


def test_a_supplement_told_in_one_sentence_stays_one_when_another_sentence_asks(extractor):
    told = "ive been taking those 50000 IU capsules every day. how much vitamin D should I take actually?"
    found = [(e["entity"], e["value"]) for e in extractor.extract(told)]
    assert ("medication", "vitamin_d_supplement") in found and ("nutrient", "vitamin_d") in found
    assert ("nutrient", "magnesium", None) in ents(extractor, "should I take magnesium?")  # asked about, not taken


@pytest.mark.parametrize(
    "text",
    ["he started a new antibiotic 3 days ago for a UTI. could that be it?", "my blood pressure tablets were changed last week"],
)
def test_a_medicine_named_by_its_kind_is_another_medicine(extractor, text):
    assert ("medication", "other_medication") in {(e["entity"], e["value"]) for e in extractor.extract(text)}


@pytest.mark.parametrize("text", ["just today like i said", "it started this morning", "since lunch", "came on an hour ago"])
def test_a_twitch_of_the_same_day_lasted_less_than_a_day(extractor, text):
    assert [e["value"] for e in extractor.extract(f"my eye twitches, {text}") if e["entity"] == "duration"] == ["0"]


@pytest.mark.parametrize(
    "text, aches",
    [
        ("my left calf is swollen, hot and really sore", False),  # the swelling's pain, part of that sign
        ("my throat is sore and it twitches", False),
        ("my calves are sore and twitchy", True),
        ("chest pain since lunch. my calves are sore too", True),  # another sentence: aching muscles
    ],
)
def test_a_pain_word_of_another_painful_sign_is_no_muscle_ache(extractor, text, aches):
    assert (("symptom", "muscle_aches") in {(e["entity"], e["value"]) for e in extractor.extract(text)}) is aches


@pytest.mark.parametrize(
    "text, fact",
    [
        ("ignore the chest pain thing, that was indigestion", (S, "chest_pain", "absent")),  # a retraction said as a command
        ("nah scrap the numbness, my hand is fine", (S, "numbness_tingling", "absent")),
        ("no actually the speech is fine, I was just tired", (S, "slurred_speech", "absent")),
    ],
)
def test_a_fact_taken_back_in_free_words_is_denied(extractor, text, fact):
    assert fact in ents(extractor, text)


def test_i_forget_to_drink_water_takes_nothing_back(extractor):
    assert (L, "low_fluid_intake", "absent") not in ents(extractor, "I forget to drink water most days")


@pytest.mark.parametrize("text", ["you didnt answer about the run", "my legs were shaking after the run", "the run went well"])
def test_an_idiom_in_the_plural_is_not_its_singular(extractor, text):
    # "the runs" is diarrhoea; "the run" is a run (round 14's summary gave a marathon runner diarrhoea)
    assert "diarrhea" not in {v for _, v, _ in ents(extractor, text)}
    assert ("symptom", "diarrhea", None) in ents(extractor, "i've had the runs since tuesday")


@pytest.mark.parametrize("text", ["i meant feeling low, not the twitching", "i was talking about the crying not the twitching"])
def test_what_was_meant_said_by_contrast_is_no_denial_of_the_twitching(extractor, text):
    # round 21 c22: "Thanks, I've changed that: you don't have twitching"
    assert ("twitching", "absent") not in [(e["value"], e.get("role")) for e in extractor.extract(text)]


def test_twitching_denied_beside_what_was_asked_about_stays_denied(extractor):
    assert ("twitching", "absent") in [(e["value"], e.get("role")) for e in extractor.extract("no twitching, i asked about my back")]


def test_a_span_after_a_comma_that_follows_a_habit_is_the_twitchings(extractor):
    # "4 coffees a day, been 5 days": the twitching's five days (the duration was asked again), not the coffee's
    said = extractor.extract("my eyelid twitches, 4 coffees a day, been 5 days")
    assert ("duration", "5") in [(e["entity"], e["value"]) for e in said]
    assert "duration" not in [e["entity"] for e in extractor.extract("on prednisone for 2 months, eyelid twitching")]


@pytest.mark.parametrize(
    "text", ["i hurt my back helping my daughter move house, no twitching just sore", "my wrist aches from carrying my son all day"]
)
def test_a_complaint_of_the_writer_got_while_doing_something_for_a_child_is_not_the_childs(extractor, text):
    # round 21 c09: the child's doctor for a father's sore back
    assert ("person", "child") not in [(e["entity"], e["value"]) for e in extractor.extract(text) if not e.get("role")]


def test_a_childs_complaint_told_after_the_writers_own_is_still_the_childs(extractor):
    said = extractor.extract("my eyelid twitches and my son has cramps in his legs at night")
    assert ("person", "child") in [(e["entity"], e["value"]) for e in said if not e.get("role")]


@pytest.mark.parametrize(
    "text, value",
    [("my grip is fine, I dont think I'm weak", "weakness"), ("i don't think it's numbness, more like a buzz", "numbness_tingling")],
)
def test_a_hedged_denial_denies_what_follows(extractor, text, value):
    # round 21 c03: "I dont think I'm weak" became "you have twitching and weakness"
    assert (value, "absent") in [(e["value"], e.get("role")) for e in extractor.extract(text)]


def test_a_view_of_a_thing_is_still_no_denial_of_it(extractor):
    assert ("diarrhea", None) in [(e["value"], e.get("role")) for e in extractor.extract("didn't think much of the diarrhoea at first")]


def test_a_warning_sign_said_by_contrast_with_what_was_meant_is_taken_back(extractor):
    said = extractor.extract("sorry i meant a twitch in my chest, not chest pain")
    assert ("chest_pain", "absent") in [(e["value"], e.get("role")) for e in said]


@pytest.mark.parametrize(
    "text",
    ["wait no, I mixed it up, the diuretic is my mums, I dont take anything", "i was wrong about the water tablets",
     "the water pills were my dad's"],  # fmt: skip
)
def test_a_medicine_said_to_be_another_persons_or_taken_back_as_wrong_is_not_the_writers(extractor, text):
    # sealed set 27's class lines, counts only: a correction of the medicine kept the doctor level
    assert ("diuretic", "absent") in [(e["value"], e.get("role")) for e in extractor.extract(text)]


def test_a_medicine_of_ones_own_stays_taken(extractor):
    assert ("corticosteroid", None) in [(e["value"], e.get("role")) for e in extractor.extract("my prednisone is my own")]


def test_a_fact_echoed_back_as_what_x_is_disputed(extractor):
    # round 22 c16: "what twitching? I don't have any twitching, it's my knee" got "you do have twitching"
    said = extractor.extract("what twitching? I don't have any twitching, it's my knee")
    assert ("twitching", None) not in [(e["value"], e.get("role")) for e in said]
    assert ("twitching", None) in [(e["value"], e.get("role")) for e in extractor.extract("what causes twitching?")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("hang on, i never mentioned anything about the sunshine?", "low_sun_exposure"),
        ("where did u get the training thing from, i sit at a desk", "intense_exercise"),
        ("why would you say hydration?? i drink plenty", "low_fluid_intake"),
        ("I said nothing about my sleep", "poor_sleep"),
    ],
)
def test_a_fact_whose_topic_the_writer_says_they_never_spoke_of_is_taken_back(extractor, text, value):
    # round 24 c25: "I never said anything about sun?" left "little sun" in the summary, read by the model as told
    assert (value, "absent") in [(e["value"], e.get("role")) for e in extractor.extract(text)]


def test_a_topic_word_outside_a_dispute_tells_nothing(extractor):
    said = [(e["value"], e.get("role")) for e in extractor.extract("does sunshine help? i sleep ok and do some training")]
    assert ("low_sun_exposure", "absent") not in said and ("intense_exercise", "absent") not in said


def test_a_cramp_that_took_the_breath_away_is_asked_about(extractor):
    # round 22 c17: the policy's own example of a word to ask about, heard as nothing
    said = extractor.extract("a calf cramp hit me so hard it literally took my breath away")
    assert ("difficulty_breathing", "unsure") in [(e["value"], e.get("role")) for e in said]


def test_a_bare_pain_denied_where_the_chest_is_named_is_no_chest_pain(extractor):
    said = [(e["value"], e.get("role")) for e in extractor.extract("no pain, just the twitching in my chest")]
    assert ("chest_pain", "absent") in said
    # a pain denied with a place of its own leaves the chest alone
    legs = [(e["value"], e.get("role")) for e in extractor.extract("no pain in my legs but my chest is tight")]
    assert ("chest_pain", "absent") not in legs


@pytest.mark.parametrize(
    "text", ["little or none, green tea sometimes", "one instant coffee in the morning", "the occasional latte at work"]
)
def test_a_little_caffeine_told_by_count_or_by_how_often_is_no_excess(extractor, text):
    # round 24 c24, c28: "1 instant coffee" and "little or none, matcha sometimes" ranked too much caffeine first
    assert ("caffeine", "absent") in [(e["value"], e.get("role")) for e in extractor.extract(text)]
    assert ("caffeine", None) in [(e["value"], e.get("role")) for e in extractor.extract("4 instant coffees a day")]


def test_a_duration_told_with_the_twitching_or_after_a_no_that_disagrees_stays(extractor):
    said = extractor.extract("no the twitching is 1-2 weeks, the headache is since yesterday")
    assert ("twitching", None) in [(e["value"], e.get("role")) for e in said]  # "no the ..." disagrees, denies nothing
    assert [e["value"] for e in said if e["entity"] == "duration"] == ["14"]
    both = extractor.extract("I've had a headache and twitching in my calf for 3 weeks")
    assert [e["value"] for e in both if e["entity"] == "duration"] == ["21"]


@pytest.mark.parametrize(("text", "role"), [("a couple of teas", "absent"), ("like five teas and two colas a day", None)])
def test_drinks_counted_in_the_plural_are_caffeine(extractor, text, role):
    # round 25 c05: "a couple of teas" answered nothing, and the caffeine question came back after "I already said"
    assert ("caffeine", role) in [(e["value"], e.get("role")) for e in extractor.extract(text)]


@pytest.mark.parametrize(
    "text, present, absent",
    [
        ("drank loads of water today and now i feel sick and confused", "confusion", None),
        ("been dizzy, disorientated since this morning", "confusion", None),
        ("i feel tired and confused about which magnesium to buy", None, "confusion"),  # puzzled, not confused
    ],
)
def test_a_state_said_after_a_shared_verb_is_read_as_if_the_verb_were_said_again(extractor, text, present, absent):
    # round 28: "i feel sick and confused" beside too much water: the confusion unheard, in the summary too
    values = {e["value"] for e in extractor.extract(text) if e["entity"] == "symptom"}
    assert (present is None or present in values) and (absent is None or absent not in values)


def test_a_negated_verb_denies_itself_not_a_sign_told_after_the_and(extractor):
    # round 30 c07: "a headache that paracetamol isnt touching and sparkly zigzag lights in my eyes" (34 weeks pregnant)
    # was said back in the summary as "Denied: changes in vision"
    got = ents(extractor, "a pounding headache that paracetamol isnt touching and kind of sparkly zigzag lights in my eyes")
    assert (S, "vision_changes", None) in got
    assert (S, "weakness", "absent") in ents(extractor, "i dont have weakness and numbness")  # a list stays denied


@pytest.mark.parametrize(
    "text, days",
    [
        ("my biceps and quads been twitching after workouts for like 10 days", "10"),  # round 30 c21
        ("I'm Nigerian living in Scotland, for about 10 days my fingers and forearm twitch", "10"),  # round 30 c30
        ("vegan for 3 years and my eyelid twitches", None),  # the diet's span, still
        ("my eyelid twitches, i've been vegan for 3 years", None),
    ],
)
def test_a_span_after_a_habits_word_is_the_twitchings_when_the_twitching_is_told_in_the_same_clause(extractor, text, days):
    # round 30 c21, c30: "10 days" taken for the habit's span, and the duration asked for again
    spans = [e["value"] for e in extractor.extract(text) if e["entity"] == "duration"]
    assert spans == ([days] if days else [])


def test_a_body_part_set_against_another_denies_the_part_not_the_twitching(extractor):
    # round 31 c22: "it's my BACK not my leg that twitches" was said back as "you don't have twitching"
    assert (S, "twitching", None) in ents(extractor, "also it's my BACK not my leg that twitches")
    assert (S, "twitching", "absent") in ents(extractor, "no twitching that i know of")


@pytest.mark.parametrize("text", ["little or none, im avoiding caffeine", "i avoid coffee these days"])
def test_a_habit_avoided_is_a_habit_given_up(extractor, text):
    # round 31 c14: "little or none, im avoiding caffeine" and then "1. Too much caffeine: you mentioned caffeine"
    assert (L, "caffeine", "absent") in ents(extractor, text)


@pytest.mark.parametrize("text", ["what? no. I said my wife is worried. about the twitching.", "my wife is worried about my twitching"])
def test_what_another_adult_worries_about_is_not_their_sign(extractor, text):
    # round 31 c29: "my wife is worried. about the twitching" made the man's own story his wife's ("Do they take...")
    assert not [e for e in extractor.extract(text) if e["entity"] == "person"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the assistant's word said back in disbelief, beside its denial (round 35 c23: the emergency held on it)
        ("PARALYSIS?? I can move everything fine!!", {("paralysis", "hypothetical"), ("paralysis", "absent")}),
        ("chest pain?", {("chest_pain", None)}),  # asked alone, it may be told: it stands
        ("CHEST PAIN?? what do i do", {("chest_pain", None)}),  # shouted, and not taken back: told
    ],
)
def test_a_sign_said_back_in_disbelief_is_no_sign_told(extractor, text, expected):
    got = {(e["value"], e.get("role")) for e in extractor.extract(text) if e["entity"] == "symptom"}
    assert got == expected


def test_a_test_site_is_not_where_it_twitches(extractor):
    said = extractor.extract("leg twitching 5 weeks. what tests, an MRI? a lumbar puncture?")
    parts = [e["value"] for e in said if e["entity"] == "body_part"]
    assert parts == ["leg"]  # round 35 c23: "twitching in your back" from "lumbar puncture"


def test_a_medicine_taken_for_another_complaint_is_no_start_after_a_medicine(extractor):
    # round 35 c07: "a pounding headache that paracetamol isn't touching" was heard as the twitching's start
    said = extractor.extract("35 weeks pregnant. Today a pounding headache that paracetamol isn't touching")
    assert "onset" not in {e["entity"] for e in said}
    linked = extractor.extract("since I started atorvastatin my thighs twitch")
    assert ("onset", "after_medicine") in {(e["entity"], e["value"]) for e in linked}


@pytest.mark.parametrize(
    "text, sign",
    [
        ("its hard to keep him awake now, he keeps drifting off", "fainting"),  # round 36 c18: water excess, drowsy
        ("he coughs when he drinks, every time", "difficulty_swallowing"),  # round 36 c24: said three times, unheard
    ],
)
def test_a_sign_told_by_what_it_does(extractor, text, sign):
    assert ("symptom", sign) in {(e["entity"], e["value"]) for e in extractor.extract(text) if not e.get("role")}


def test_a_child_hard_to_wake_for_school_is_no_sign(extractor):
    assert not [e for e in extractor.extract("the kids are hard to wake up for school lol") if e["entity"] == "symptom"]


@pytest.mark.parametrize(
    "text, fainted",
    [
        ("in the queue and next thing I know I'm on the floor with people standing over me", True),  # round 36 c12
        ("next thing i knew i was on the kitchen floor", True),
        ("the next thing i know im sitting on the floor laughing lol", False),
    ],
)
def test_a_blackout_told_as_a_story_is_fainting(extractor, text, fainted):
    said = {(e["value"], e.get("role")) for e in extractor.extract(text) if e["entity"] == "symptom"}
    assert (("fainting", None) in said) == fainted


@pytest.mark.parametrize(
    "text, told",
    [
        ("my calf is sore like after the gym", False),  # round 36 c04: ranked hard exercise for a man who never trains
        ("my legs feel like ive been at the gym all day, i havent", False),
        ("it aches like i ran a marathon", False),
        ("sore after the gym yesterday", True),
        ("i go to the gym 5 times a week", True),
    ],
)
def test_training_named_only_as_a_picture_of_a_feeling_is_no_training_told(extractor, text, told):
    said = {(e["value"], e.get("role")) for e in extractor.extract(text) if e["entity"] == "lifestyle_factor"}
    assert (("intense_exercise", None) in said) == told


@pytest.mark.parametrize(
    "text, fact, role",
    [
        ("loads of free wine on the flight home", (L, "alcohol"), None),  # free of charge: drinking told
        ("the free coffee at work is the problem, 5 a day", (L, "caffeine"), None),
        ("been free of stress since the holiday", (L, "stress"), "absent"),  # "free of" still denies
        ("caffeine free for a month now", (L, "caffeine"), "absent"),
    ],
)
def test_free_denies_only_as_free_of_or_after_the_thing(extractor, text, fact, role):
    # round 37 c06: "tons of free wine on the plane" was said back as "no regular drinking"
    assert (*fact, role) in ents(extractor, text)


def test_a_medicine_taken_is_told_whatever_the_sentence_before_it_said(extractor):
    # round 37 c05: "i feel totally fine today. i take hydrochlorothiazide ..." read as "is it fine to take", so the
    # summary said "Medicines and supplements: not mentioned"
    assert (M, "diuretic", None) in ents(extractor, "im ok now. i take bendroflumethiazide every morning, could that be it?")
    assert (M, "diuretic", "hypothetical") in ents(extractor, "is it ok to take bendroflumethiazide with this?")


def test_a_real_word_for_something_people_take_is_never_corrected_into_a_medicine(extractor):
    # round 37 c08: "what about the thiamine though?" read as a misspelt thiazide, so a water pill was said back and put
    # in the doctor's summary ("what water pill? i dont take any pills")
    assert not any(e[0] == M for e in ents(extractor, "and should he take thiamine as well?"))
    assert (M, "diuretic", None) in ents(extractor, "she takes bendroflumethiazde")  # a typo of one still is


@pytest.mark.parametrize(
    "text, person",
    [
        ("my sister did the same diet and she's absolutely fine. and my calves won't stop twitching", set()),
        ("no its me with the cramps, not my husband", {"absent"}),
        ("not my dad, it's me. my eyelid", {"absent"}),
        ("my husband's calves twitch and he's exhausted", {None}),  # his: another adult, not denied
    ],
)
def test_an_adult_compared_with_or_taken_back_is_not_the_one_with_the_symptoms(extractor, text, person):
    # round 37 c10: "my friend is doing the exact same challenge and shes totally fine" made the writer's own twitching
    # the friend's, and "its ME with the twitching, not my friend" did not take it back
    assert {e[2] for e in ents(extractor, text) if e[:2] == ("person", "other_adult")} == person


@pytest.mark.parametrize(
    "text, back",
    [
        ("my b12 was low back in january so i take tablets", False),
        ("went back to work on monday and my eyelid started", False),
        ("my lower back twitches when i lie down", True),
        ("cramps in my back and calves", True),
    ],
)
def test_back_said_as_an_adverb_is_no_body_part(extractor, text, back):
    # round 37 c09: "my vitamin D was low back in the spring" said back as "twitching in your back"
    assert (("body_part", "back", None) in ents(extractor, text)) is back


@pytest.mark.parametrize(
    "text, caffeine",
    [
        ("my pee has gone really dark, like strong tea", False),
        ("his urine is the colour of coke", False),
        ("my wee has gone a sort of dark brown the last couple of days, like coke", False),
        ("i drink tea like water all day", True),  # a habit said with a simile of its own
        ("three coffees and a strong tea a day", True),
    ],
)
def test_a_drink_named_as_a_colour_is_no_caffeine(extractor, text, caffeine):
    # round 37 c14: "my wee has looked darker, like tea" said back as "Noted for your summary: caffeine"
    assert ((L, "caffeine", None) in ents(extractor, text)) is caffeine


def test_a_habit_eased_off_slowly_says_nothing_of_how_a_sign_began(extractor):
    # round 37 c25: "should i stop the red bull cold turkey or cut down slowly" said back as "you said no sudden start"
    assert not any(e[0] == "onset" for e in ents(extractor, "is it better to taper the coffee slowly or just stop"))
    assert ("onset", "sudden", "absent") in ents(extractor, "the numbness in my hand came on slowly over a month")


@pytest.mark.parametrize(
    "text, sudden",
    [
        ("she cant grip her cup with her right hand, that started about an hour ago, she was fine at breakfast", True),
        ("his words went slurred twenty minutes ago", True),
        ("my left leg went weak, he was totally fine this morning", True),
        ("for the past hour his speech has been slurred", True),
        ("my arm has felt weak for about 3 weeks", False),
        ("my calf has twitched since an hour ago", False),  # no sign of the stroke row
        # within a night (round 42 c27: an arm weak on waking was booked in with the doctor)
        ("grandad got up this morning and his left hand was weak, he was fine last night", True),
        ("my dad woke up and his right leg is weak and heavy", True),
        ("her arm went weak, it came on overnight", True),
        ("i woke up at 4am again, my arm feels weak when i lift weights", False),  # waking, no start of the weakness
        # a start told alone, of the sign the conversation is about; not when denied, nor when it names the twitching
        ("it happened all of a sudden, she was ok before bed", True),
        ("it wasn't all of a sudden, more over a week", False),
        ("the twitching came on suddenly", False),
        ("it came on suddenly last week", False),  # a start of days ago
        ("my legs feel weak, it started out of the blue 3 weeks ago", False),  # weeks ago: no start of minutes or hours
    ],
)
def test_a_stroke_sign_that_began_minutes_or_hours_ago_is_a_sudden_start(extractor, text, sudden):
    # round 38 c19: a hand that stopped gripping an hour ago, "fine at breakfast", was held at "today" until the face
    assert (("onset", "sudden", None) in ents(extractor, text)) is sudden


@pytest.mark.parametrize(
    "text, absent_fact",
    [
        ("i woke up on the floor and my son was shaking me", (S, "tremor")),  # shaking someone: no tremor
        ("i woke up on the floor and my son was shaking me", ("person", "child")),  # he did it: not his symptom
        ("so parched all the time, i cant stop drinking", (L, "alcohol")),  # water for thirst
        ("how soon should she go, like this week?", ("duration", "4")),  # when to be seen
    ],
)
def test_words_in_another_sense_are_no_fact(extractor, text, absent_fact):
    # round 38 c17, c10, c20: a daughter shaking her mother awake read as a child with a tremor; "so thirsty I can't
    # stop drinking" as alcohol; "how soon should he go, like this week?" as four days of twitching
    assert not any(e[:2] == absent_fact for e in ents(extractor, text))


def test_an_earlier_chat_dated_beside_how_long_it_lasted_is_not_the_span(extractor):
    # round 38 c16: "i talked to you a couple days ago about my calf twitching. its been 18 days now" read as 2 days
    found = ents(extractor, "hi again, i spoke to you 3 days ago about my eyelid twitching. its been 16 days now")
    assert ("duration", "16", None) in found and ("duration", "3", None) not in found
    alone = ents(extractor, "was on here 3 weeks ago about my calf twitching, still going")
    assert ("duration", "21", None) in alone  # alone, it still says the twitching was there then


@pytest.mark.parametrize(
    "text, span",
    [
        ("my thumb keeps flickering. since lunchtime i've had a pounding headache", None),  # the headache's span
        ("my eyelid has been twitching for 2 weeks and i have a headache", "14"),  # said of the twitching
        ("numb hands for a month", "30"),  # nothing else told: how long the complaint lasted
        # round 40 c09: how long a supplement was taken, in a clause of its own
        ("for six weeks now i've been taking two big vitamin d pills a day. my calves twitch at night", None),
        ("my calves have twitched for six weeks, i've been taking vitamin d", "42"),
        # round 42 c19: a medicine named in the span's clause, the twitching told in another sentence
        ("im 68 and on amlodipine for my blood pressure for a year. lately my shoulders twitch", None),
        ("on sertraline for 2 years, my eyelid has twitched for 3 weeks", "21"),
    ],
)
def test_the_one_span_said_of_another_symptom_is_not_the_twitchings(extractor, text, span):
    # round 40 c07: "twitchy fingers ... today ive had a banging headache since this morning" became "Duration: less than
    # a day" in the summary for the doctor
    durations = [e[1] for e in ents(extractor, text) if e[0] == "duration"]
    assert durations == ([span] if span else [])


@pytest.mark.parametrize(
    "text, span, talk",
    [
        ("me again. we talked about a fortnight back about my eye twitch, now my lip too and its 4 weeks all told", "28", "14"),
        ("I saw my GP ten days ago about the twitching in my thigh, it has been going on for 5 weeks now", "35", "10"),
        ("spoke to the pharmacist a week ago about my calf jumping. been 3 weeks altogether", "21", "7"),
    ],
)
def test_when_a_talk_about_it_happened_is_not_how_long_it_lasted(extractor, text, span, talk):
    # round 40 c13: "we chatted a couple weeks back about my eyelid twitching ... about 3 weeks total" read as 2 weeks,
    # and the level stayed at self-care
    durations = [e[1] for e in ents(extractor, text) if e[0] == "duration"]
    assert span in durations and talk not in durations


@pytest.mark.parametrize(
    "text, role",
    [
        ("only the stairs bother me, been like that for years. only question is the leg", None),  # "only" of other things
        ("actually only a week", "corrected"),
        ("its just 3 days really", "corrected"),
    ],
)
def test_only_and_just_correct_a_span_only_right_before_it(extractor, text, role):
    # round 38 c07: "only stairs, is like this many years ... only question is the leg jumping" replaced the twitching's
    # week with two years ("Thanks, I've changed that")
    assert [e[2] for e in ents(extractor, text) if e[0] == "duration"] == [role]


def test_a_fact_the_writer_says_they_never_said_about_themselves_is_taken_back(extractor):
    # round 38 c21: "i never said i drink too little??" got "Sorry, I didn't catch an answer there", the fact kept
    assert (L, "low_fluid_intake", "absent") in ents(extractor, "hang on, i never said i drink too little")


def test_a_span_the_assistant_said_is_not_how_long_it_lasted(extractor):
    # round 39 c21: "is 12 days bad? last time you said 2 weeks" changed the twitching's 12 days to 2 weeks
    found = ents(extractor, "its been 12 days, is that bad? last time u told me 2 weeks")
    assert [e[1] for e in found if e[0] == "duration"] == ["12"]


@pytest.mark.parametrize(
    "text, role",
    [
        ("honestly not gonna lie i want to end my life", None),
        ("im not kidding, i want to die", None),
        ("not to be dramatic but i want to die", None),
        ("i'm not going to kill myself", "absent"),  # a denial stays one
    ],
)
def test_a_way_of_speaking_with_a_not_in_it_denies_nothing(extractor, text, role):
    # sealed set 45, counts only: a direct crisis message read as a denial of self-harm, and no crisis answer
    assert [e[2] for e in ents(extractor, text) if e[1] == "self_harm"] == [role]
