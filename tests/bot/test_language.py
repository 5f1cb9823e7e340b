"""A message is read as English unless it clearly is not; the model decides only what words cannot."""

from __future__ import annotations

import pytest

from bot.nlu.language import Language

KNOWN = {"my", "eyelid", "is", "twitching", "i", "can't", "breathe", "ok", "yes", "the", "a", "of", "de", "weakness", "tic"}


def language(model_says=("de", 0.99)):
    calls = []

    def identify(text):
        calls.append(text)
        return model_says

    return Language(KNOWN, identify), calls


@pytest.mark.parametrize("text", ["ok", "si", "👍", "123", "?", "my eyelid is twitching", "i can't breathe"])
def test_answers_and_english_words_are_english_whatever_a_model_would_say(text):
    lang, calls = language(("it", 0.99))
    assert lang.of(text) == "en"
    assert calls == []  # the model is not even asked


def test_facts_the_lexicon_found_make_a_message_english():
    lang, _ = language(("de", 1.0))
    assert lang.of("Brustschmerzen und weakness", has_facts=True) == "en"


def test_a_fact_word_alone_among_words_of_another_language_does_not_make_it_english():
    # "tic" is Spanish too: the English-only notice with the emergency signs, not "I only help with twitching"
    lang, _ = language(("es", 0.99))
    assert lang.of("hola, tengo un tic en el ojo desde hace una semana, es grave?", has_facts=True) == "es"


def test_another_script_is_another_language():
    lang, _ = language(("ru", 0.6))
    assert lang.of("у меня дёргается глаз") == "ru"
    lang, _ = language(("en", 0.3))
    assert lang.of("胸が痛い") == "und"  # never English, whatever the model says


def test_unknown_words_go_to_the_model_which_decides_when_confident():
    assert language(("de", 0.97))[0].of("Ich habe auch Brustschmerzen") == "de"
    assert language(("es", 0.6))[0].of("dolor de pecho") == "en"  # one English-looking word, model unsure
    assert language(("es", 0.6))[0].of("tengo miedo") == "es"  # no English word at all
    assert language(("en", 0.7))[0].of("tengo miedo") == "en"


def test_py3langid_ships_its_model_and_tells_languages_apart():
    from bot.nlu.language import load_identifier

    identify = load_identifier()
    assert identify("Mein Augenlid zuckt seit zwei Wochen")[0] == "de"
    assert identify("me tiembla el párpado desde hace una semana")[0] == "es"


def test_fullwidth_latin_letters_are_latin_letters():
    lang, _ = language(("ja", 0.99))
    assert lang.of("\uff49 \uff50\uff41\uff53\uff53\uff45\uff44 \uff4f\uff55\uff54", has_facts=True) == "en"  # "i passed out"


@pytest.mark.parametrize("text", ["im ok", "idk tbh", "ur the best"])
def test_english_typed_without_apostrophes_or_in_short_is_english(text):
    # round 34 c05: "im in australia" read as German, in a crisis, and answered "I can only read English"
    lang, _ = language(("de", 0.99))
    assert lang.of(text) == "en"
