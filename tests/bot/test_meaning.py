"""The meaning model's own logic, without the encoder: its example files, its heads trained on a
toy vector space, where a fact is placed, the bands, and how its facts join the lexicon's."""

import dataclasses
import hashlib
from pathlib import Path

import numpy as np
import pytest

from bot.nlu import meaning
from bot.nlu.clauses import units
from bot.nlu.meaning import Bands, Encoding, FactHit, Heads, Reading, load_examples, merge, read, train
from ops.paths import ROOT

DIM = 64


def toy_encode(texts):
    """A stand-in encoder: a bag of hashed words, unit length (similar words, similar vectors)."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().replace(",", " ").split():
            out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


def encoding(text):
    parts = tuple(units(text))
    return Encoding(text, parts, toy_encode([text[u.start : u.end] for u in parts]))


EXAMPLES = """
version: "1"
meaning:
  - labels: [symptom:chest_pain]
    examples: |
      - an elephant sits on my chest
      - elephant on the chest again
      - a heavy elephant on my chest
      - chest crushed like an elephant stood there
  - labels: [lifestyle_factor:caffeine]
    examples: |
      - five coffees before noon
      - coffees all day long
      - coffees and more coffees
  - labels: [symptom:self_harm]
    examples: |
      - i want to end my life
      - my life should end tonight
      - end it all tonight
  - labels: [none]
    examples: |
      - my eyelid twitches
      - the calf jumps at night
      - thanks a lot
      - hello there
questions:
  - topic: dose
    examples: |
      - how much magnesium should I take
      - how many mg a day
  - topic: none
    examples: |
      - my calf jumps
      - hello there
answers:
  - question: sleep
    meaning: affirm
    examples: |
      - badly
      - up all night
  - question: sleep
    meaning: deny
    examples: |
      - fine thanks
      - like a log
"""


@pytest.fixture(scope="module")
def toy_heads(tmp_path_factory):
    folder = tmp_path_factory.mktemp("meaning")
    (folder / "toy.yml").write_text(EXAMPLES)
    examples = load_examples(folder.glob("*.yml"), questions=["sleep"])
    return train(examples, toy_encode, [("hi", "greet"), ("hello", "greet"), ("my calf jumps", "describe_symptoms")])


def test_the_heads_read_their_facts_placing_each_on_its_clause(toy_heads):
    text = "my eyelid twitches, an elephant sits on my chest"
    got = read(toy_heads, encoding(text), Bands(), askable=frozenset())
    hits = {h.label: text[h.start : h.end] for h in got.facts}
    assert hits == {"symptom:chest_pain": "an elephant sits on my chest"}
    assert got.intents[0][0] in {"greet", "describe_symptoms"}
    assert set(got.answers) == {"sleep"}


def test_saved_heads_answer_exactly_like_the_trained_ones(toy_heads):
    again = Heads.from_saved(toy_heads.meta(), toy_heads.arrays())
    enc = encoding("how much magnesium should I take, an elephant on my chest")
    assert read(again, enc, Bands(), frozenset()) == read(toy_heads, enc, Bands(), frozenset())


def test_the_crisis_row_is_read_by_two_heads_together(toy_heads):
    assert toy_heads.crisis is not None and set(toy_heads.crisis.classes) == {"symptom:self_harm", "none"}
    x = meaning.with_grammar(toy_encode(["end my life tonight", "five coffees"]), ["end my life tonight", "five coffees"])
    network = np.array([0.85, 0.85], dtype=np.float32)
    second = toy_heads.crisis(x)[:, toy_heads.crisis.classes.index("symptom:self_harm")]
    both = meaning.crisis_chance(toy_heads, x, network)
    assert np.allclose(both, np.sqrt(network * second)) and both[0] > both[1]  # the second head disagrees on coffee
    alone = dataclasses.replace(toy_heads, crisis=None)
    assert np.array_equal(meaning.crisis_chance(alone, x, network), network)
    # the network alone very sure, the other head not at all: asked about once, never nothing
    sure = np.array([0.97, 0.97], dtype=np.float32)
    floor = meaning.crisis_chance(toy_heads, x, sure)
    assert floor[1] >= meaning.ASKED_AT_LEAST and Bands().crisis_unsure <= meaning.ASKED_AT_LEAST < Bands().crisis_sure


def test_a_sure_reading_of_self_harm_unlike_every_telling_of_it_is_asked_about(toy_heads):
    """Round 39 c07: "my sister will take me to the walk-in tomorrow" read surely as self-harm, nearer to examples
    that tell of none than to any that tells of it: asked about once, not answered with the crisis line."""
    text = "end it all tonight"
    crisis = "symptom:self_harm"
    told = read(toy_heads, encoding(text), Bands(), frozenset({crisis}))
    assert [(h.label, h.band) for h in told.facts] == [(crisis, meaning.SURE)]  # as near as can be to a telling of it
    assert meaning.nearer_to_others(toy_heads, toy_encode([text])[0]) < 0
    # the same reading, where the examples that tell of none are the ones it is like
    unlike = dataclasses.replace(toy_heads, crisis_examples=toy_heads.other_examples, other_examples=toy_heads.crisis_examples)
    asked = read(unlike, encoding(text), Bands(), frozenset({crisis}))
    assert [(h.label, h.band) for h in asked.facts] == [(crisis, meaning.UNSURE)]
    # clearly unlike: weighed as faint, so a question beside it is answered before the check ("how many magnesium
    # tablets would be too many" got only the check); like the tellings of it, its chance stands
    assert asked.facts[0].confidence < Bands().crisis_faint <= told.facts[0].confidence
    # saved and loaded, the examples come along
    again = Heads.from_saved(toy_heads.meta(), toy_heads.arrays())
    assert again.crisis_examples is not None and np.array_equal(again.crisis_examples, toy_heads.crisis_examples)


def test_a_faint_reading_of_self_harm_unlike_every_telling_of_it_is_nothing(toy_heads):
    crisis = "symptom:self_harm"
    enc = encoding("end it all tonight")
    column = np.array([0.3], dtype=np.float32)
    unlike = dataclasses.replace(toy_heads, crisis_examples=toy_heads.other_examples, other_examples=toy_heads.crisis_examples)
    assert meaning._faint_and_unlike(unlike, enc, column, 0.1, Bands())
    assert not meaning._faint_and_unlike(toy_heads, enc, column, 0.1, Bands())  # like the tellings of it: asked
    assert not meaning._faint_and_unlike(unlike, enc, np.array([0.6], dtype=np.float32), 0.1, Bands())  # not faint: asked
    # read: with every reading in the asking band, the unlike one is dropped and the like one asked about
    text = "i want to end"
    said = encoding(text)
    x = meaning.with_grammar(said.vectors, [text])
    assert toy_heads.facts(x)[0, toy_heads.facts.classes.index(crisis)] < meaning.NETWORK_ALONE  # not the network alone
    # (the toy space has three examples of self-harm: a lower bar for how unlike)
    asking = Bands(crisis_sure=1.01, long_crisis_sure=1.01, crisis_faint=1.01, crisis_unlike=0.05)
    kept = read(toy_heads, said, asking, frozenset({crisis}))
    dropped = read(dataclasses.replace(unlike, facts=toy_heads.facts), said, asking, frozenset({crisis}))
    assert [(h.label, h.band) for h in kept.facts] == [(crisis, meaning.UNSURE)]
    assert crisis not in {h.label for h in dropped.facts}


def test_an_unsure_reading_counts_only_for_signs_that_have_a_question():
    heads_reading = Reading(facts=(FactHit("symptom:chest_pain", 0.4, meaning.UNSURE, 0, 5),))
    assert merge([], heads_reading, "tight")[0]["role"] == "unsure"


@pytest.mark.parametrize(
    "lexicon, hit, kept",
    [
        # the lexicon found the same fact in the same words: its reading (and its role) stands
        ([{"entity": "symptom", "value": "chest_pain", "start": 3, "end": 13, "role": "absent"}], (0, 13), False),
        # elsewhere in the message: the classifier's clause is a fact of its own
        ([{"entity": "symptom", "value": "chest_pain", "start": 3, "end": 13, "role": "absent"}], (20, 40), True),
        ([], (0, 13), True),
    ],
)
def test_a_fact_the_lexicon_read_in_the_same_words_is_not_added_twice(lexicon, hit, kept):
    text = "no chest pain; now an elephant is on my chest"
    reading = Reading(facts=(FactHit("symptom:chest_pain", 0.9, meaning.SURE, *hit),))
    merged = merge(lexicon, reading, text)
    added = [e for e in merged if e.get("extractor") == meaning.MEANING_EXTRACTOR]
    assert bool(added) == kept
    if kept:
        assert added[0]["text"] == text[hit[0] : hit[1]] and "role" not in added[0]


def test_a_sudden_start_stands_only_beside_a_sign_it_qualifies():
    sudden = FactHit("onset:sudden", 0.9, meaning.SURE, 0, 20)
    alone = merge([], Reading(facts=(sudden,)), "out of nowhere today")
    assert alone == []
    weak = {"entity": "symptom", "value": "weakness", "start": 0, "end": 4}
    assert {e["entity"] for e in merge([weak], Reading(facts=(sudden,)), "weak out of nowhere")} == {"symptom", "onset"}
    denied = {**weak, "role": "absent"}
    assert {e["entity"] for e in merge([denied], Reading(facts=(sudden,)), "not weak out of nowhere")} == {"symptom"}


@pytest.mark.parametrize(
    "body, message",
    [
        ("meaning:\n  - labels: [symptom:sneezing]\n    examples: |\n      - achoo\n", "unknown label 'symptom:sneezing'"),
        ("questions:\n  - topic: weather\n    examples: |\n      - is it raining\n", "unknown topic 'weather'"),
        ("meaning:\n  - labels: [none]\n    examples: nothing\n", "line 1 of `examples` does not start with '- '"),
        ("answers:\n  - question: sleep\n    meaning: maybe\n    examples: |\n      - eh\n", "unknown meaning 'maybe'"),
    ],
)
def test_a_broken_example_file_fails_naming_the_file_and_entry(tmp_path: Path, body, message):
    (tmp_path / "broken.yml").write_text(body)
    with pytest.raises(meaning.MeaningDataError, match="broken.yml") as error:
        load_examples(tmp_path.glob("*.yml"), questions=["sleep"])
    assert message in str(error.value)


def test_the_projects_example_files_load_and_cover_every_warning_sign_with_forty_examples():
    folder = ROOT / "data" / "meaning"
    examples = load_examples(folder.glob("*.yml"))
    counts: dict[str, int] = {}
    for _, labels in examples.facts:
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
    signs = "difficulty_breathing chest_pain fainting seizure paralysis facial_droop tetany irregular_heartbeat "
    signs += "difficulty_swallowing slurred_speech confusion hallucinations calf_swelling self_harm"
    assert {s: counts.get(f"symptom:{s}", 0) for s in signs.split() if counts.get(f"symptom:{s}", 0) < 40} == {}
    assert set(meaning.TOPICS) <= {topic for _, topic in examples.topics}


def test_a_warning_word_the_model_reads_as_absent_from_its_clause_is_asked_about(toy_heads):
    # the toy model knows chest pain from the elephant; "chest pain" in a thanks is no fact of it
    text = "thanks a lot"
    reading = read(toy_heads, encoding(text), Bands(doubt=0.99), askable=frozenset({"symptom:chest_pain"}))
    sign = {"entity": "symptom", "value": "chest_pain", "start": 0, "end": 6}
    habit = {"entity": "lifestyle_factor", "value": "caffeine", "start": 0, "end": 6}
    assert merge([sign], reading, text, frozenset({"symptom:chest_pain"}))[0]["role"] == "unsure"
    assert merge([sign], reading, text) == [sign]  # a fact with no question of its own stands on the lexicon's words
    assert merge([habit], Reading(), text) == [habit]  # no doubt: kept as the lexicon read it


def test_a_one_clause_message_read_in_the_unsure_band_is_asked_about(toy_heads):
    text = "a heavy elephant on my chest"
    strict = Bands(sure=1.01, sign_sure=1.01, unsure=0.01)  # nothing is sure: everything the model reads is unsure
    hits = read(toy_heads, encoding(text), strict, askable=frozenset({"symptom:chest_pain"})).facts
    assert [(h.label, h.band, h.start) for h in hits] == [("symptom:chest_pain", meaning.UNSURE, 0)]


def test_a_sign_in_another_persons_distant_past_is_asked_about_and_their_other_facts_dropped():
    text = "my grandad had a stroke in 2009 and he was weak on one side, he took vitamin d. my eyelid twitches"
    weak = {"entity": "symptom", "value": "weakness", "start": text.index("weak"), "end": text.index("weak") + 4}
    pills = {
        "entity": "medication",
        "value": "vitamin_d_supplement",
        "start": text.index("vitamin"),
        "end": text.index(" d.") + 2,
    }
    twitch = {"entity": "symptom", "value": "twitching", "start": text.index("twitches"), "end": len(text)}
    droop = FactHit("symptom:facial_droop", 0.9, meaning.SURE, 0, text.index(" and"))
    merged = merge(
        [weak, pills, twitch], Reading(facts=(droop,)), text, askable=frozenset({"symptom:weakness", "symptom:facial_droop"})
    )
    roles = {e["value"]: e.get("role") for e in merged}
    assert roles == {"weakness": "unsure", "facial_droop": "unsure", "twitching": None}  # asked once; the pills are his
    now = "my grandad is weak on one side right now"
    assert (
        merge([{**weak, "start": now.index("weak")}], Reading(), now, askable=frozenset({"symptom:weakness"}))[0].get("role")
        is None
    )


def test_a_sign_the_model_alone_reads_in_a_long_story_is_asked_about_not_acted_on(toy_heads):
    story = "an elephant sits on my chest, " + "and then the day went on as days do, " * 8
    short = read(toy_heads, encoding("an elephant sits on my chest"), Bands(), frozenset({"symptom:chest_pain"}))
    long = read(toy_heads, encoding(story), Bands(), frozenset({"symptom:chest_pain"}))
    assert [(h.label, h.band) for h in short.facts] == [("symptom:chest_pain", meaning.SURE)]
    assert [(h.label, h.band) for h in long.facts] == [("symptom:chest_pain", meaning.UNSURE)]
    unaskable = read(toy_heads, encoding(story), Bands(long_sure=1.0), frozenset())
    assert unaskable.facts == ()  # another fact needs more than `sure` in a long story


def test_a_sign_only_two_clauses_read_together_say_is_asked_about_not_acted_on(toy_heads):
    # "my legs and arms twitch. also i cant sleep at all": neither clause says a sign, together they
    # once read as limbs that cannot move; here the toy model reads chest pain from the pair only
    text = "my legs and arms twitch. also i cant sleep at all"
    parts = tuple(units(text))
    vectors = toy_encode(["an elephant sits on my chest" if u.kind not in ("clause",) else "thanks a lot" for u in parts])
    hits = read(toy_heads, Encoding(text, parts, vectors), Bands(), frozenset({"symptom:chest_pain"})).facts
    assert [(h.label, h.band) for h in hits] == [("symptom:chest_pain", meaning.UNSURE)]
    one = read(toy_heads, encoding("an elephant sits on my chest"), Bands(), frozenset({"symptom:chest_pain"})).facts
    assert [(h.label, h.band) for h in one] == [("symptom:chest_pain", meaning.SURE)]  # one clause: acted on
    # two clauses of one sentence are one situation ("I saw bugs on the wall that weren't there")
    joined = "my legs and arms twitch, also i cant sleep at all"
    parts = tuple(units(joined))
    vectors = toy_encode(["an elephant sits on my chest" if u.kind != "clause" else "thanks a lot" for u in parts])
    hits = read(toy_heads, Encoding(joined, parts, vectors), Bands(), frozenset({"symptom:chest_pain"})).facts
    assert [(h.label, h.band) for h in hits] == [("symptom:chest_pain", meaning.SURE)]


def test_stopping_heavy_drinking_read_as_withdrawal_is_no_denial_of_drinking():
    text = "I stopped drinking three days ago after years of a bottle a day and now I'm shaking"
    stopped = {"entity": "lifestyle_factor", "value": "alcohol", "role": "absent", "start": 2, "end": 18}
    withdrawal = FactHit("lifestyle_factor:alcohol_withdrawal", 0.9, meaning.SURE, 0, len(text))
    merged = merge([stopped], Reading(facts=(withdrawal,)), text)
    assert [(e["value"], e.get("role")) for e in merged] == [("alcohol_withdrawal", None)]
    assert merge([stopped], Reading(), text) == [stopped]  # without withdrawal, "stopped drinking" stands


def test_a_sudden_start_read_by_the_model_alone_needs_the_higher_band():
    # "the last couple of days my legs feel weak" read as sudden made weakness a stroke: an emergency
    bands = Bands()
    assert meaning._sure_at("onset:sudden", False, False, bands) == bands.context_sure > bands.sure


def test_a_sign_read_beside_a_cramp_is_asked_about_not_taken_as_sure():
    text = "insane calf cramp last night, couldnt move my leg for a minute"
    hit = FactHit("symptom:paralysis", 0.99, meaning.SURE, 32, 50)
    (read,) = merge([], Reading(facts=(hit,)), text)
    assert read["role"] == "unsure"  # the policy's "basically paralysed by the cramp": one question first
    plain = "suddenly couldnt move my leg for a minute"
    (alone,) = merge([], Reading(facts=(FactHit("symptom:paralysis", 0.99, meaning.SURE, 9, 27),)), plain)
    assert "role" not in alone


def test_thoughts_of_self_harm_read_surely_against_words_that_seem_to_deny_them_are_asked_about():
    # sealed set 45, counts only: a direct crisis message whose words the lexicon took for a denial got the interview
    text = "i don't think i can keep from ending it"
    denial = {"entity": "symptom", "value": "self_harm", "start": 23, "end": 32, "role": "absent"}
    sure = FactHit("symptom:self_harm", 0.77, meaning.SURE, 0, len(text))
    out = merge([denial], Reading(facts=(sure,)), text, frozenset({"symptom:self_harm"}))
    assert [(e["value"], e.get("role")) for e in out] == [("self_harm", "unsure")]
    faint = FactHit("symptom:self_harm", 0.3, meaning.UNSURE, 0, len(text))  # read faintly: the words' denial stands
    out = merge([denial], Reading(facts=(faint,)), text, frozenset({"symptom:self_harm"}))
    assert ("self_harm", "absent") in [(e["value"], e.get("role")) for e in out]


def test_a_stroke_sign_the_model_reads_unsurely_beside_a_start_by_the_clock_carries_the_sudden_start():
    # round 41 c18: "for the past hour my speech has been off and I cant find words", read unsurely and confirmed, was held
    # at "today" (no sudden start) until it was told again
    text = "for the past hour his words have come out jumbled"
    hit = FactHit("symptom:slurred_speech", 0.6, meaning.UNSURE, 0, len(text))
    out = merge([], Reading(facts=(hit,)), text)
    assert ("onset", "sudden") in {(e["entity"], e["value"]) for e in out}
    weeks = "for the past three weeks his words have come out jumbled"
    out = merge([], Reading(facts=(FactHit("symptom:slurred_speech", 0.6, meaning.UNSURE, 0, len(weeks)),)), weeks)
    assert "onset" not in {e["entity"] for e in out}


def test_a_sign_said_to_be_the_persons_usual_is_asked_about_when_the_model_alone_reads_it():
    # round 40 c20: "my chest is still a bit tight from the asthma but thats normal for me" got an emergency, unasked
    text = "no. my chest is a bit tight from the asthma but thats normal for me, inhaler helps"
    (read,) = merge([], Reading(facts=(FactHit("symptom:chest_pain", 0.9, meaning.SURE, 4, 46),)), text)
    assert read["role"] == "unsure"
    plain = "no. my chest is a bit tight and it scares me. my arm aches too"
    (alone,) = merge([], Reading(facts=(FactHit("symptom:chest_pain", 0.9, meaning.SURE, 4, 30),)), plain)
    assert "role" not in alone


def test_a_faint_reading_of_self_harm_in_a_story_full_of_facts_is_still_asked_about():
    # a rule that dropped such readings (three facts or more, below 0.4) lost 2 of the 50 crisis messages of
    # the fresh sealed set 18, told in the middle of long stories: when unsure, ask
    story = [
        {"entity": "symptom", "value": "twitching", "start": 0, "end": 8},
        {"entity": "body_part", "value": "calf", "start": 12, "end": 16},
        {"entity": "lifestyle_factor", "value": "caffeine", "start": 20, "end": 26},
    ]
    text = "twitches in calf, coffee every day, could it be my pills or what"
    faint = FactHit("symptom:self_harm", 0.2, meaning.UNSURE, 36, 64)
    (read,) = [e for e in merge(story, Reading(facts=(faint,)), text) if e["value"] == "self_harm"]
    assert read["role"] == "unsure"


@pytest.mark.parametrize("confidence, stands", [(0.66, False), (0.92, True)])
def test_a_reading_against_the_messages_own_denial_stands_only_when_strong(confidence, stands):
    text = "No paralysis. My leg moves normally."
    denied = [{"entity": "symptom", "value": "paralysis", "start": 3, "end": 12, "role": "absent"}]
    hit = FactHit("symptom:paralysis", confidence, meaning.SURE, 14, 36)  # "no chest pain, but an elephant on my chest"
    added = [e for e in merge(denied, Reading(facts=(hit,)), text) if e.get("extractor") == meaning.MEANING_EXTRACTOR]
    assert (added[0].get("role") is None) is stands


def test_a_faint_reading_of_self_harm_on_a_clause_surely_read_as_another_sign_is_that_sign():
    classes = ("symptom:confusion", "symptom:distress", "symptom:self_harm", "symptom:twitching")
    bands = Bands()

    def explained(confusion, distress, self_harm, twitching):
        return meaning._explained(np.array([[confusion, distress, self_harm, twitching]]), classes, 0, bands)

    assert explained(0.9, 0.0, 0.3, 0.0)  # "she doesn't know where she is": confusion, not a thought of self-harm
    assert not explained(0.9, 0.0, 0.6, 0.0)  # read as self-harm as much as anything: still asked about
    assert not explained(0.5, 0.0, 0.3, 0.0)  # no other sign sure enough to explain it
    assert not explained(0.0, 0.9, 0.3, 0.0)  # distress sits beside thoughts of self-harm: never explains them
    assert not explained(0.0, 0.0, 0.3, 0.95)  # "this twitching makes me want to end it"


def test_where_a_message_names_the_writer_and_someone_else_each_fact_says_whose_it_is():
    text = "my wife is 30 weeks pregnant and my eyelid twitches"
    pregnant, twitch = text.index("pregnant"), text.index("twitches")
    lexicon = [{"entity": "lifestyle_factor", "value": "pregnancy", "start": pregnant, "end": pregnant + 8},
               {"entity": "symptom", "value": "twitching", "start": twitch, "end": twitch + 8}]  # fmt: skip
    assert [e.get("owner") for e in merge(lexicon, Reading(), text)] == ["other", "writer"]
    alone = "30 weeks pregnant and my eyelid twitches"  # one person named: every fact is theirs, no owner said
    assert all("owner" not in e for e in merge([{**lexicon[1], "start": 22, "end": 30}], Reading(), alone))


@pytest.mark.parametrize(
    "beside, kept",
    [
        ("symptom:confusion", False),  # "she kept calling me by my aunt's name": that sign, not despair
        ("medication:diuretic", False),
        ("lifestyle_factor:poor_sleep", True),  # nights and feelings sit beside despair: still asked about
        ("symptom:twitching", True),
    ],
)
def test_a_faint_reading_of_self_harm_beside_something_surely_told_otherwise_is_not_asked_about(beside, kept):
    faint = FactHit(meaning.CRISIS, 0.3, meaning.UNSURE, 0, 10)
    facts = [FactHit(beside, 0.95, meaning.SURE, 12, 30), faint]
    assert (faint in meaning._told_otherwise(facts, Bands())) == kept
    clearer = FactHit(meaning.CRISIS, 0.6, meaning.UNSURE, 0, 10)  # a clearer reading is asked about whatever else is told
    assert clearer in meaning._told_otherwise([facts[0], clearer], Bands())


def test_breathing_read_where_the_words_say_swallowing_is_asked_about_not_acted_on():
    # round 16: "I've been choking on water a couple of times a day" got "Trouble breathing cannot wait"
    text = "I've been choking on water a couple of times a day"
    swallowing = {"entity": "symptom", "value": "difficulty_swallowing", "start": 11, "end": 28}
    reading = Reading(facts=(FactHit("symptom:difficulty_breathing", 0.9, meaning.SURE, 0, len(text)),))
    breathing = [e for e in merge([swallowing], reading, text) if e["value"] == "difficulty_breathing"]
    assert breathing and breathing[0]["role"] == "unsure"
    gasping = "I'm gasping for air"  # no swallowing in words: the reading stands
    assert "role" not in merge([], Reading(facts=(FactHit("symptom:difficulty_breathing", 0.9, meaning.SURE, 0, 19),)), gasping)[0]


def test_vomiting_read_where_the_words_say_feeling_sick_is_not_a_fact():
    # round 32 c09: "lately i feel sick all the time" read as vomiting too, and said back ("i havent actually thrown up")
    text = "lately i feel queasy most days and very thirsty"
    nausea = {"entity": "symptom", "value": "nausea", "start": 9, "end": 20}
    reading = Reading(facts=(FactHit("symptom:vomiting", 0.85, meaning.SURE, 0, len(text)),))
    merged = merge([nausea], reading, text)
    assert not any(e["value"] == "vomiting" and not e.get("role") for e in merged), merged
    retching = "been retching every morning"  # no nausea in words: the reading stands
    alone = merge([], Reading(facts=(FactHit("symptom:vomiting", 0.85, meaning.SURE, 0, 27),)), retching)
    assert alone[0]["value"] == "vomiting" and "role" not in alone[0]


def test_wasting_read_beside_a_swollen_calf_is_dropped():
    # round 16 c19: "the left calf is quite a bit fatter than the right one, it's warm and really sore" read as both
    text = "the left calf is quite a bit fatter than the right one, it's warm and really sore"
    reading = Reading(facts=(FactHit("symptom:calf_swelling", 0.9, meaning.SURE, 0, len(text)),
                             FactHit("symptom:muscle_wasting", 0.8, meaning.SURE, 0, 52)))  # fmt: skip
    assert [e["value"] for e in merge([], reading, text)] == ["calf_swelling"]
    alone = Reading(facts=(FactHit("symptom:muscle_wasting", 0.8, meaning.SURE, 0, 20),))
    assert [e["value"] for e in merge([], alone, "my calf looks thinner")] == ["muscle_wasting"]


def test_a_reading_of_self_harm_short_of_very_sure_beside_another_sign_surely_told_is_asked_about():
    crisis = FactHit(meaning.CRISIS, 0.77, meaning.SURE, 40, 90)
    confusion = FactHit("symptom:confusion", 0.98, meaning.SURE, 0, 40)
    out = meaning._told_otherwise([confusion, crisis], Bands())
    assert [(h.label, h.band) for h in out] == [("symptom:confusion", meaning.SURE), (meaning.CRISIS, meaning.UNSURE)]
    very = FactHit(meaning.CRISIS, 0.95, meaning.SURE, 40, 90)  # very sure: answered at once, whatever else is told
    assert very in meaning._told_otherwise([confusion, very], Bands())


@pytest.mark.parametrize(
    "text, kept",
    [
        ("sorry. 3 weeks. all over, arms legs back, random little jumps", False),  # round 17 c03: a man of 29
        ("im 34 weeks and my ankles have swollen up", True),
        ("the baby is kicking and my calves cramp", True),
        ("32wks along, bad headache and sparkly lights", True),  # a count of weeks only a pregnancy reaches
    ],
)
def test_pregnancy_read_by_the_model_stands_only_beside_a_word_of_pregnancy(text, kept):
    reading = Reading(facts=(FactHit("lifestyle_factor:pregnancy", 0.85, meaning.SURE, 0, len(text)),))
    assert bool(merge([], reading, text)) == kept


def test_a_warning_sign_read_by_the_model_alone_below_the_signs_sure_band_is_asked_about(toy_heads):
    # round 17: "i cant sleep, i cant work" read as paralysis at 0.61 was an emergency at once
    text = "a heavy elephant on my chest"
    low = Bands(sure=0.0, sign_sure=1.01, unsure=0.01)
    hits = read(toy_heads, encoding(text), low, askable=frozenset({"symptom:chest_pain"})).facts
    assert [(h.label, h.band) for h in hits if h.label == "symptom:chest_pain"] == [("symptom:chest_pain", meaning.UNSURE)]
    plain = read(toy_heads, encoding(text), low, askable=frozenset()).facts  # no question of its own: the plain band
    assert [(h.label, h.band) for h in plain if h.label == "symptom:chest_pain"] == [("symptom:chest_pain", meaning.SURE)]


def test_drinking_stopped_and_told_with_shaking_in_one_message_is_withdrawal():
    # round 19 c12: "i stopped drinking on sunday, i was on about a litre of vodka a day ... sweating buckets and shaky"
    # raised nothing until the hallucinations a turn later
    text = "i stopped drinking on sunday, i was on a litre of vodka a day. sweating buckets and shaky"
    stopped = {"entity": "lifestyle_factor", "value": "alcohol", "role": "absent", "start": 2, "end": 18}
    drank = {"entity": "lifestyle_factor", "value": "alcohol", "start": 47, "end": 52}
    shaky = {"entity": "symptom", "value": "tremor", "start": 83, "end": 88}
    merged = merge([stopped, drank, shaky], Reading(), text)
    assert ("alcohol_withdrawal", None) in [(e["value"], e.get("role")) for e in merged]
    assert ("alcohol", "absent") not in [(e["value"], e.get("role")) for e in merged]
    calm = merge([stopped, drank], Reading(), "i stopped drinking on sunday, i was on a litre of vodka a day")
    # no shaking, sweating or seeing things told: asked about, not affirmed
    assert ("alcohol_withdrawal", "unsure") in [(e["value"], e.get("role")) for e in calm]


def test_withdrawal_told_in_words_with_its_signs_stands_when_the_model_read_it_only_across_clauses():
    # round 23 c14: "... a bottle of vodka a day ... stopped cold turkey on sunday ... twitching and shaking, im sweating
    # loads": the model's reading spanned two sentences (unsure), so the urgent level waited for a check
    text = "i drank a bottle of vodka a day for a year. stopped cold turkey on sunday. now my hands are shaking"
    drank = {"entity": "lifestyle_factor", "value": "alcohol", "start": 8, "end": 25}
    shaky = {"entity": "symptom", "value": "tremor", "start": text.index("shaking"), "end": len(text)}
    across = FactHit("lifestyle_factor:alcohol_withdrawal", 0.98, "unsure", text.index("stopped"), len(text))
    roles = [e.get("role") for e in merge([drank, shaky], Reading(facts=(across,)), text) if e["value"] == "alcohol_withdrawal"]
    assert roles == [None]
    calm = text[: text.index(" now")]
    roles = [e.get("role") for e in merge([drank], Reading(facts=(across,)), calm) if e["value"] == "alcohol_withdrawal"]
    assert roles == ["unsure"]  # no sign told: asked about once, not twice


def test_drinking_told_then_stopped_in_words_that_name_no_habit_is_asked_about_unless_long_ago():
    def withdrawal(text: str, drinking_end: int) -> list:
        drank = {"entity": "lifestyle_factor", "value": "alcohol", "start": 0, "end": drinking_end}
        return [e.get("role") for e in merge([drank], Reading(), text) if e["value"] == "alcohol_withdrawal"]

    assert withdrawal("my husband drinks a lot most nights and he stopped 3 days ago", 24) == ["unsure"]
    assert withdrawal("on the whisky every day for years, he finally packed it in on sunday", 12) == ["unsure"]
    assert withdrawal("i drank a bottle of wine every night for years and quit 2 years ago", 7) == []
    assert withdrawal("i drink a lot and i want to quit", 7) == []
    assert withdrawal("i drink most nights and sleep badly", 7) == []


def test_a_span_of_time_in_a_clause_read_as_a_habit_is_not_how_long_the_twitching_lasted():
    text = "i was drinking heavily for about ten years and quit on sunday, my arm keeps twitching"
    span = text.index("about ten years")
    years = {"entity": "duration", "value": "3650", "start": span, "end": span + 15}
    twitch = {"entity": "symptom", "value": "twitching", "start": text.index("twitching"), "end": len(text)}
    drinking = FactHit("lifestyle_factor:alcohol", 0.96, "sure", 0, text.index(" and quit"))
    twitching = FactHit("symptom:twitching", 0.97, "sure", text.index("my arm"), len(text))
    merged = merge([years, twitch], Reading(facts=(drinking, twitching)), text)
    assert "duration" not in [e["entity"] for e in merged]
    # the same span in the twitching's own clause stays its duration
    said = "my arm has been twitching for about ten days and i drink every night"
    days = {"entity": "duration", "value": "10", "start": said.index("about"), "end": said.index(" and i")}
    arm = {"entity": "symptom", "value": "twitching", "start": said.index("twitching"), "end": said.index(" for")}
    clause = FactHit("symptom:twitching", 0.97, "sure", 0, said.index(" and i"))
    drink = FactHit("lifestyle_factor:alcohol", 0.9, "sure", said.index("i drink"), len(said))
    assert "duration" in [e["entity"] for e in merge([days, arm], Reading(facts=(clause, drink)), said)]


def test_a_seizure_read_beside_shaking_after_drinking_stopped_is_asked_about_not_announced():
    # round 21 c16: "quit vodka cold turkey ... now his arms are twitching and shaking" read as a seizure: a false emergency
    text = "i stopped drinking 2 days ago after years of a bottle a day, and now my whole body is shaking and twitching"
    shaking = {"entity": "symptom", "value": "tremor", "start": text.index("shaking"), "end": text.index(" and twitching")}
    stopped = FactHit("lifestyle_factor:alcohol_withdrawal", 0.98, "sure", 0, len(text))
    fit = FactHit("symptom:seizure", 0.86, "sure", text.index("my whole"), len(text))
    merged = merge([shaking], Reading(facts=(stopped, fit)), text)
    assert ("seizure", "unsure") in [(e["value"], e.get("role")) for e in merged]
    assert ("alcohol_withdrawal", None) in [(e["value"], e.get("role")) for e in merged]
    # without the drinking stopped, the same reading stands
    alone = merge([shaking], Reading(facts=(fit,)), text)
    assert ("seizure", None) in [(e["value"], e.get("role")) for e in alone]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("tomorrow is my last tablet anyway", False),  # round 23 c19: a full crisis answer for the end of a steroid course
        ("once I finish the course will it stop?", False),
        ("i'll take my last pill and go to sleep forever", True),
        ("i've been saving up my pills, the last dose will be all of them", True),
    ],
)
def test_the_end_of_a_course_of_medicine_is_no_thought_of_dying_unless_one_is_said(text, kept):
    hit = FactHit("symptom:self_harm", 0.89, "sure", 0, len(text))
    merged = merge([], Reading(facts=(hit,)), text)
    assert any(e["value"] == "self_harm" for e in merged) is kept


def test_a_blackout_told_in_a_phrase_that_says_it_exactly_is_not_doubted_by_the_clauses_reading():
    # round 23 c10: "next thing i know im waking up on the gym floor" was asked about ("have you actually fainted?")
    text = "next thing i know im waking up on the gym floor"
    at = text.index("waking")
    fainted = {"entity": "symptom", "value": "fainting", "start": at, "end": len(text), "text": text[at:]}
    doubt = frozenset({(0, len(text), "symptom:fainting")})
    askable = frozenset({"symptom:fainting"})
    merged = merge([fainted], Reading(doubts=doubt), text, askable)
    assert [(e["value"], e.get("role")) for e in merged if e["value"] == "fainting"] == [("fainting", None)]
    vague = {"entity": "symptom", "value": "fainting", "start": 0, "end": 9, "text": "blacked o"}
    merged = merge([vague], Reading(doubts=frozenset({(0, 9, "symptom:fainting")})), "blacked out at the party lol", askable)
    assert [e.get("role") for e in merged if e["value"] == "fainting"] == ["unsure"]


def test_preparations_the_lexicon_asks_about_read_surely_as_the_thought_get_the_crisis_answer():
    # the lexicon's preparations ("letters to my kids") are asked about; a sure reading of the same words is not softened
    text = "i've written letters to my kids and i'm ready to go"
    letters = {"entity": "symptom", "value": "self_harm", "role": "unsure", "start": 12, "end": 32, "text": text[12:32]}
    sure = FactHit("symptom:self_harm", 0.93, "sure", 0, len(text))
    assert [e.get("role") for e in merge([letters], Reading(facts=(sure,)), text) if e["value"] == "self_harm"] == [None]
    faint = FactHit("symptom:self_harm", 0.3, "unsure", 0, len(text))
    assert [e.get("role") for e in merge([letters], Reading(facts=(faint,)), text) if e["value"] == "self_harm"] == ["unsure"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("its the last day tomorrow, do i really need to see someone or will it just stop when i finish?", "unsure"),
        ("tomorrow is the last day and then i'm gone", None),  # the words of dying stay the crisis at once
    ],
)
def test_words_that_may_end_a_course_or_a_life_are_asked_about_not_answered_as_a_crisis_at_once(text, role):
    # round 25 c07: the last day of a steroid course, read surely as a thought of dying, got the crisis answer and card
    hit = FactHit("symptom:self_harm", 0.82, "sure", 0, len(text))
    merged = merge([], Reading(facts=(hit,)), text, frozenset({"symptom:self_harm"}))
    assert [e.get("role") for e in merged if e["value"] == "self_harm"] == [role]


def test_a_reading_of_self_harm_short_of_very_sure_beside_a_warning_sign_told_in_words_is_asked_about():
    # round 30 c08: a bottle of vodka a day stopped two days ago, shaking and sweating: the crisis answer at 0.79
    from bot.nlu.meaning import CRISIS, merge

    text = "stopped drinking cold turkey 2 days ago, shaking and sweating loads"
    told = [{"entity": "lifestyle_factor", "value": "alcohol_withdrawal", "start": 0, "end": 30, "extractor": "TwitchEntityExtractor"}]
    reading = Reading(facts=(FactHit(CRISIS, 0.79, meaning.SURE, 0, len(text)),))
    askable = frozenset({CRISIS, "lifestyle_factor:alcohol_withdrawal"})
    crisis = [e for e in merge(told, reading, text, askable) if e["value"] == "self_harm"]
    assert crisis and crisis[0]["role"] == "unsure"
    alone = [e for e in merge([], reading, "i cant do this anymore", askable) if e["value"] == "self_harm"]
    assert alone and not alone[0].get("role")  # with no sign told, the crisis answer at once


def test_a_span_of_weeks_read_as_a_pregnancy_with_no_word_of_one_stays_the_twitchings():
    # round 31 c17: "... i trip on the stairs. been 5 weeks total now" read as weeks pregnant: the span dropped as a habit's
    # and "How long has the twitching been going on?" asked after it
    from bot.nlu.meaning import merge

    text = "my legs twitch and i trip on the stairs. been 5 weeks total now"
    at = text.index("been")
    told = [{"entity": "symptom", "value": "twitching", "start": 8, "end": 14, "extractor": "TwitchEntityExtractor"},
            {"entity": "duration", "value": "35", "start": at + 5, "end": at + 12, "extractor": "TwitchEntityExtractor"}]  # fmt: skip
    reading = Reading(facts=(FactHit("lifestyle_factor:pregnancy", 0.93, meaning.SURE, at, len(text)),))
    assert "35" in [e["value"] for e in merge(told, reading, text) if e["entity"] == "duration"]


def test_a_reading_of_self_harm_beside_alcohol_withdrawal_is_asked_about_not_answered_at_once():
    # round 34 c09: "stopped drinking on monday ... shaking, sweating ... proud of myself for stopping tho" got the
    # crisis answer (the model's self-harm at 0.95)
    text = "quit the booze 3 days ago after years of a bottle a night, shaking and sweating, feel like i'm giving up a lot"
    reading = Reading(facts=(FactHit("lifestyle_factor:alcohol_withdrawal", 0.96, meaning.SURE, 0, 40),
                             FactHit(meaning.CRISIS, 0.95, meaning.SURE, 60, len(text))))  # fmt: skip
    merged = {e["value"]: e.get("role") for e in merge([], reading, text)}
    assert merged["self_harm"] == "unsure" and "alcohol_withdrawal" in merged
    alone = merge([], Reading(facts=(FactHit(meaning.CRISIS, 0.95, meaning.SURE, 0, 20),)), "i want to end it all")
    assert "role" not in alone[0]  # without withdrawal, as before


@pytest.mark.parametrize(
    "text, echo",
    [
        ("also why did u ask me if i wanted to hurt myself, that was weird", "why did u ask me if i wanted to hurt myself"),
        ("you asked whether i passed out. i didnt", "you asked whether i passed out"),
        ("what made you ask about chest pain? i never said that", "what made you ask about chest pain"),
    ],
)
def test_the_assistants_own_question_said_back_is_no_fact(text, echo):
    # round 35 c29: "why did u ask me if i wanted to kill myself" was read as a crisis, then as "you do have thoughts of
    # harming yourself"; the words of the echoed question tell nothing about the writer, from the lexicon or the model
    start = text.index(echo)
    lexicon = [{"entity": "symptom", "value": "self_harm", "start": start + len(echo) - 8, "end": start + len(echo)}]
    reading = Reading(facts=(FactHit("symptom:self_harm", 0.97, meaning.SURE, start, start + len(echo)),))
    assert merge(lexicon, reading, text) == []
    told = text + ". but my chest hurts now"
    pain = FactHit("symptom:chest_pain", 0.95, meaning.SURE, len(text) + 6, len(told))
    assert [e["value"] for e in merge([], Reading(facts=(pain,)), told)] == ["chest_pain"]  # said after it: told


def test_the_writers_own_fear_is_theirs_when_only_they_are_named():
    # round 35 c26: a son asking for his father, "is it ALS? im scared", got "distress over the twitching" as the
    # father's warning sign in the summary
    from bot.evidence import Evidence

    text = "i googled it and it says ALS. is it? im scared"
    at = text.index("scared")
    fear = {"entity": "symptom", "value": "distress", "start": at, "end": at + 6}
    (merged,) = merge([fear], Reading(), text)
    assert merged["owner"] == "writer"
    dad = Evidence.from_entities([{"entity": "person", "value": "other_adult"}, {"entity": "symptom", "value": "twitching"}])
    assert "symptom:distress" not in Evidence.from_entities([merged], dad).present
    own = Evidence.from_entities([{"entity": "symptom", "value": "twitching"}])  # their own twitching: their own fear
    assert "symptom:distress" in Evidence.from_entities([merged], own).present


def test_a_faint_reading_of_the_whole_message_does_not_add_a_question_beside_a_clause_read_surely():
    # round 37 c13: "kinda? 3 cups of tea and a coffee. what foods have b12 if youre vegan?" got the foods and, read of
    # the whole at 0.73, a second answer on what causes it
    from bot.nlu.meaning import TopicHit, without_wider

    whole, clause = TopicHit("cause", 0.73, 0, 70), TopicHit("foods", 0.99, 35, 69)
    assert without_wider([whole, clause]) == [clause]
    other = TopicHit("see_doctor", 0.9, 0, 30)  # a question of its own in another clause stays
    assert without_wider([other, clause]) == [other, clause]
    surer = TopicHit("pushback", 0.995, 0, 70)  # read more surely of the whole than any clause: kept
    assert without_wider([surer, clause]) == [surer, clause]


def test_self_harm_read_only_of_clauses_together_none_of_which_says_it_is_asked_about_not_answered_at_once():
    # round 38 c30: "i just texted him, he says its actually been about a year" read whole at 0.86 (each clause near
    # nothing): the crisis answer, about a father his daughter asked for
    from bot.nlu.clauses import Unit

    units = [Unit(0, 57, "message"), Unit(0, 17, "clause"), Unit(19, 57, "clause")]
    assert meaning._said_by_no_clause(units, np.array([0.86, 0.08, 0.05]), 0, 0.10)
    assert not meaning._said_by_no_clause(units, np.array([0.86, 0.8, 0.05]), 0, 0.10)  # a clause says it
    assert not meaning._said_by_no_clause([Unit(0, 19, "message")], np.array([0.81]), 0, 0.10)  # one unit: itself
