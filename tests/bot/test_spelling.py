"""Misspelt words read as the words they stand for, before the sentence encoder reads them."""

import pytest

from bot.nlu.spelling import Speller, typos

# ranked as the encoder's vocabulary ranks its words: commoner first
RANKED = {w: i for i, w in enumerate("the are week chest seize arm elegant people passed morning weak legs".split())}
LEXICON = ["chest", "arm", "weak", "seizure", "numb"]


@pytest.fixture(scope="module")
def speller():
    return Speller(RANKED, LEXICON, ["furosemide", "twitchy"])


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("my chesst hurts", "my chest hurts"),  # a letter doubled
        ("he had a seizre", "he had a seizure"),  # of two as near, the lexicon's word, not "seize"
        ("legs realy weeak", "legs realy weak"),  # a doubled letter dropped is the likelier slip than "week"
        ("i passd out this morninng", "i passed out this morning"),
        ("on furosemide, twitchy", "on furosemide, twitchy"),  # the project's own words stay
        ("a zqxwvk on my chest", "a zqxwvk on my chest"),  # nothing near enough: left as typed
        ("im so dont", "im so dont"),  # chat words and short words are never touched
    ],
)
def test_a_misspelt_word_is_read_as_the_word_it_stands_for(speller, typed, meant):
    assert speller.correct(typed) == meant


def test_a_sound_alike_spelling_is_near_and_a_far_key_is_farther_than_a_near_one():
    assert Speller({"elephant": 5, "elegant": 1}).correct("an elefant") == "an elephant"  # ph said as f
    assert typos("chesr", "chest", 2) == 1.0  # r beside t
    assert typos("chesp", "chest", 2) == 1.5  # p is far from t
    assert typos("chesst", "chest", 2) == 0.5  # a letter doubled
